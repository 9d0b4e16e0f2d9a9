#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# nocompile.sh: driver code written without `unsafe` that kernel::net must
# refuse at compile time. Each tests/nocompile/NAME.rs, after the common start
# tests/nocompile/prelude.in (a module with a link type), is a module with one
# line marked `// MUST-FAIL Ennnn`; it is built against the test kernel tree
# twice: without the marked line it must compile (so the snippet is sound
# code that only the marked line breaks), with it rustc must refuse it with
# error Ennnn (so it is refused for the reason the snippet is about).
# Prints one "ok - " or "not ok - " line per check; exits non-zero on any
# failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"
work=$CACHE/nocompile
rm -rf "$work"
[ -f "$BUILD_TEST/vmlinux" ] || { echo "nocompile: build the test kernel first" >&2; exit 1; }
bad=0
n=0
for f in "$top"/tests/nocompile/*.rs; do
	name=$(basename "$f" .rs)
	n=$((n + 1))
	marks=$(grep -c 'MUST-FAIL E[0-9]\{4\}' "$f")
	code=$(sed -n 's|.*// MUST-FAIL \(E[0-9]\{4\}\).*|\1|p' "$f" | head -n 1)
	if [ "$marks" != 1 ]; then
		echo "not ok - nocompile: $name: exactly one marked line ($marks found)"
		echo "not ok - nocompile: $name: refused"
		bad=1
		continue
	fi
	for v in good bad; do
		mkdir -p "$work/$v/$name"
		echo "obj-m := $name.o" >"$work/$v/$name/Kbuild"
	done
	# The snippet's own SPDX line is the prelude's.
	{ sed "s/NAME/$name/g" "$top/tests/nocompile/prelude.in"; tail -n +2 "$f"; } >"$work/bad/$name/$name.rs"
	grep -v 'MUST-FAIL' "$work/bad/$name/$name.rs" >"$work/good/$name/$name.rs"
	if (cd "$BUILD_TEST" && "${KMAKE[@]}" M="$work/good/$name" modules) >"$work/good/$name.log" 2>&1; then
		echo "ok - nocompile: $name: compiles without the marked line"
	else
		echo "not ok - nocompile: $name: compiles without the marked line: $(grep -m 3 '^error' "$work/good/$name.log" | tr '\n' ' ')"
		bad=1
	fi
	(cd "$BUILD_TEST" && "${KMAKE[@]}" M="$work/bad/$name" modules) >"$work/bad/$name.log" 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		echo "not ok - nocompile: $name: refused with error[$code]: it compiled"
		bad=1
	elif grep -q "^error\[$code\]" "$work/bad/$name.log"; then
		echo "ok - nocompile: $name: refused with error[$code]"
	else
		echo "not ok - nocompile: $name: refused with error[$code]: $(grep -m 3 '^error' "$work/bad/$name.log" | tr '\n' ' ')"
		bad=1
	fi
done
[ $n -gt 0 ] || { echo "not ok - nocompile: snippets found"; bad=1; }
exit $bad
