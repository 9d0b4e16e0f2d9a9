#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# build.sh run|test|bench|bench-noinline|nocan [make targets...]
#
# Prepares a kernel tree in the cache (a copy of the pristine Linux 7.3 tree
# with this repository's files laid over it and its diffs applied), configures
# it from tinyconfig plus the fragments in tests/configs/, and builds it.  A
# second call rebuilds incrementally: files are only rewritten when their
# content changed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"
die() { echo "build: $*" >&2; exit 1; }

kind=${1:-}
shift || true
case "$kind" in
run) tree=$BUILD_RUN; frags=(base run); extra=() ;;
test) tree=$BUILD_TEST; frags=(base test); extra=(W=1 CLIPPY=1) ;;
bench) tree=$BUILD_BENCH; frags=(base run bench); extra=() ;;
bench-noinline) tree=$BUILD_BENCH_NOINLINE; frags=(base run bench noinline); extra=() ;;
nocan) tree=$CACHE/build-nocan; frags=(base run nocan); extra=() ;;
*) die "usage: build.sh run|test|bench|bench-noinline|nocan [make targets...]" ;;
esac

[ -f "$PRISTINE/Makefile" ] || "$top/tests/setup.sh"

# 1. The tree: a copy of the pristine one, made once.
if [ ! -f "$tree/Makefile" ]; then
	echo "build: copying the pristine tree to $tree"
	rm -rf "$tree.tmp"
	cp -a "$PRISTINE" "$tree.tmp"
	mv "$tree.tmp" "$tree"
fi

# 2. Our files and diffs, applied to a staging copy and synchronised into the
#    tree by content so that unchanged files keep their timestamps.
"$top/tests/lib/overlay.sh" "$tree"

# 3. Configuration: tinyconfig plus the fragments, checked option by option
# (a later fragment overrides an earlier one).
cfgs=()
for f in "${frags[@]}"; do cfgs+=("$top/tests/configs/$f.config"); done
stamp=$(cat "${cfgs[@]}" "$top/tests/lib/config.sh" | sha256sum | cut -d' ' -f1)
cd "$tree"
if [ ! -f .config ] || [ "$(cat .config.fragments 2>/dev/null)" != "$stamp" ]; then
	echo "build: configuring ($kind)"
	"${KMAKE[@]}" tinyconfig >/dev/null
	KCONFIG_CONFIG=.config scripts/kconfig/merge_config.sh -m .config "${cfgs[@]}" >/dev/null
	"${KMAKE[@]}" olddefconfig >/dev/null
	bad=0
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=n) want="# ${line%=n} is not set"
			grep -qxF "$want" .config || ! grep -q "^${line%=n}=" .config || {
				echo "build: $line did not take effect" >&2; bad=1; } ;;
		CONFIG_*) grep -qxF "$line" .config || {
				echo "build: $line did not take effect (unmet dependency?)" >&2; bad=1; } ;;
		esac
	done < <(cat "${cfgs[@]}" | grep '^CONFIG_' | tac | awk -F= '!seen[$1]++')
	[ $bad = 0 ] || die "configuration of the $kind kernel failed"
	echo "$stamp" >.config.fragments
fi

# 4. Build.
if [ $# -eq 0 ]; then
	set -- bzImage modules
fi
echo "build: make ${extra[*]} $* ($kind)"
"${KMAKE[@]}" "${extra[@]}" "$@"
