#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# series.sh [--build] [OUTDIR]
#
# Writes the patch series (tests/series.py) into OUTDIR (default
# .cache/series/out: a folder per series, the generic ones first, then the
# netdev one) and checks them: at most 15 patches for netdev, the base and
# prerequisite lines, checkpatch --strict on every patch, `git am` of the
# series in order onto the pristine tree (tagged with Debian's version),
# which must give the same tree, the maintainers get_maintainer.pl finds,
# and a Sphinx build of Documentation/rust on that tree, and that the Rust
# crates of every step compile without a warning (a check without code
# generation, against the test kernel's build). With --build, every step is
# instead built whole, kernel and modules, in a copy of the test kernel's
# tree (the test kernel's configuration, W=1 CLIPPY=1) and must build
# without a warning in the files of the series; that takes a while, so the
# test suite leaves it out. SERIES_STEPS="N ..." builds only those steps.
# Prints "ok - NAME" / "not ok - NAME" lines; exits non-zero on a failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"
build=0
[ "${1:-}" = --build ] && build=1 && shift
out=${1:-$CACHE/series/out}
repo=$CACHE/series/linux
base=$(/usr/bin/python3 "$top/tests/series.py" --base) || exit 1
bad=0
ok() { echo "ok - series: $1"; }
notok() { echo "not ok - series: $1"; bad=1; }

# Author, committer and Signed-off-by come from git config. A machine with no
# git identity (a fresh one, or the test suite's minimal environment) gets a
# placeholder, for this run's git only, and is told so: set your own before
# sending the series anywhere.
if ! git -C "$top" config user.name >/dev/null || ! git -C "$top" config user.email >/dev/null; then
	echo "series: no git identity; signing as 'Rust net tests <rust-net-tests@localhost>'" \
		"(git config --global user.name/user.email sets yours)"
	export GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=user.name GIT_CONFIG_VALUE_0="Rust net tests" \
		GIT_CONFIG_KEY_1=user.email GIT_CONFIG_VALUE_1=rust-net-tests@localhost
fi
mkdir -p "$CACHE/series"
if /usr/bin/python3 "$top/tests/series.py" "$out" >"$CACHE/series/series.log" 2>&1; then
	ok "generated $(ls "$out"/*/*.patch | grep -vc '/0000-') patches in $(ls "$out" | wc -l) series in $out"
else
	cat "$CACHE/series/series.log"
	notok "generated"
	exit 1
fi
head=$(git -C "$repo" rev-parse HEAD)
patches=$(ls "$out"/*/*.patch | grep -v '/0000-cover-letter.patch$')

# netdev takes at most 15 patches at a time.
netdev=$(ls "$out"/*-net-next/*.patch | grep -vc '/0000-cover-letter.patch$')
[ "$netdev" -le 15 ] && ok "the net-next series has $netdev patches, at most 15" ||
	notok "the net-next series has $netdev patches, at most 15"

# Every series names its base; the netdev one also each generic patch it goes
# on top of, by patch id.
base_bad=0
generic=$(ls "$out"/*/*.patch | grep -v -e '-net-next/' -e '/0000-cover-letter.patch$')
for c in "$out"/*/0000-cover-letter.patch; do
	grep -qx "base-commit: $(git -C "$repo" rev-parse "$base")" "$c" ||
		{ echo "$c: no base-commit line for $base"; base_bad=1; }
done
for p in $generic; do
	id=$(git patch-id --stable <"$p" | cut -d' ' -f1)
	grep -qx "prerequisite-patch-id: $id" "$out"/*-net-next/0000-cover-letter.patch ||
		{ echo "$(basename "$p"): not a prerequisite of the net-next series"; base_bad=1; }
done
[ $base_bad = 0 ] && ok "each series names its base, the net-next one the generic patches it needs" ||
	notok "each series names its base, the net-next one the generic patches it needs"

# Every patch, checkpatch --strict, in the tree it applies to.
cp_bad=0
for p in $patches; do
	o=$(cd "$repo" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --quiet "$p" 2>&1) ||
		{ echo "$(basename "$p"):"; echo "$o"; cp_bad=1; }
done
[ $cp_bad = 0 ] && ok "checkpatch --strict clean on every patch" ||
	notok "checkpatch --strict clean on every patch"

# git am of the series in order onto the pristine tree gives the same tree.
git -C "$repo" checkout -q -f --detach "$base"
git -C "$repo" clean -q -fdx
if git -C "$repo" am -q $patches >"$CACHE/series/am.log" 2>&1; then
	if git -C "$repo" diff --quiet "$head" HEAD; then
		ok "git am onto $base applies every patch and gives the tested tree"
	else
		notok "git am onto $base gives the tested tree"
	fi
else
	cat "$CACHE/series/am.log"
	git -C "$repo" am --abort 2>/dev/null
	notok "git am onto $base applies every patch"
fi

# Each patch reaches its maintainers (get_maintainer.pl on the tested tree):
# every patch the Rust list; a patch of a networking file netdev, of a CAN
# file the CAN maintainers' list, of vsockmon the vsock maintainer; the
# generic ones the lists of their trees (Kbuild, PWM, modules).
route_bad=0
for p in $patches; do
	to=$(cd "$repo" && git checkout -q -f --detach "$head" &&
		perl scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats "$p" 2>&1)
	want=rust-for-linux@vger.kernel.org
	grep -qE '^\+\+\+ b/(drivers/net/|rust/(kernel|helpers)/net/|samples/rust/net/|Documentation/rust/net\.rst)' "$p" &&
		want="$want netdev@vger.kernel.org"
	case $p in
	*-net-next/*) want="$want netdev@vger.kernel.org" ;;
	*-kbuild/*) want="$want linux-kbuild@vger.kernel.org" ;;
	*-rust-helpers/*) want="$want linux-pwm@vger.kernel.org" ;;
	*-module-param/*) want="$want linux-modules@vger.kernel.org" ;;
	esac
	grep -qE '^\+\+\+ b/(drivers/net/rust/vxcan\.rs|rust/kernel/net/can\.rs)$' "$p" &&
		want="$want linux-can@vger.kernel.org"
	grep -qE '^\+\+\+ b/drivers/net/rust/vsockmon\.rs$' "$p" && want="$want sgarzare@redhat.com"
	for w in $want; do
		grep -qF "$w" <<<"$to" ||
			{ echo "$(basename "$p"): get_maintainer.pl does not name $w"; route_bad=1; }
	done
done
[ $route_bad = 0 ] && ok "get_maintainer.pl routes every patch to its subsystems' lists" ||
	notok "get_maintainer.pl routes every patch to its subsystems' lists"

# The documentation builds with Sphinx (make htmldocs of Documentation/rust)
# and the series adds no warning to those of the pristine tree. Out of tree (O=) and
# without a .config, so the docs build does not run make rustdoc.
docs() { # TREE OUT
	rm -rf "$2" && mkdir -p "$2" &&
	(cd "$1" && PATH=/usr/bin:$PATH make O="$2" SPHINXDIRS=rust htmldocs) >"$2.log" 2>&1 &&
	{ grep -E 'WARNING|ERROR|CRITICAL' "$2.log" || true; } |
		sed -e "s|$1/||" -e 's/^\([^ :]*\):[0-9]*:/\1:/' | sort >"$2.warnings"
}
if docs "$PRISTINE" "$CACHE/series/docs-v7.3" && docs "$repo" "$CACHE/series/docs" &&
	[ -s "$CACHE/series/docs/Documentation/output/rust/net.html" ] &&
	added=$(comm -13 "$CACHE/series/docs-v7.3.warnings" "$CACHE/series/docs.warnings") &&
	[ -z "$added" ]; then
	ok "make htmldocs of Documentation/rust builds net.html with no new Sphinx warning"
else
	echo "${added:-}"
	tail -n 20 "$CACHE/series/docs.log"
	notok "make htmldocs of Documentation/rust builds net.html with no new Sphinx warning"
fi

# The steps of the series: each generic series on the base alone, then the
# net-next one on top of them all, as series.py made them.
mapfile -t steps <"$CACHE/series/steps"
# One step per patch: a short list would check fewer steps and still pass.
if [ "${#steps[@]}" != "$(wc -w <<<"$patches")" ]; then
	echo "series: ${#steps[@]} steps listed for $(wc -w <<<"$patches") patches"
	steps_bad=1
else
	steps_bad=0
fi

# Both step checks start from the test kernel's build: build it if there is none.
if [ ! -f "$BUILD_TEST/vmlinux" ]; then
	echo "series: building the test kernel first (tests/build.sh test)"
	bash "$top/tests/build.sh" test >"$CACHE/series/build-test.log" 2>&1 ||
		{ tail -n 20 "$CACHE/series/build-test.log"; notok "the test kernel builds"; exit 1; }
fi

# Every step's Rust crates compile, with the commands the test kernel's build
# ran (W=1 CLIPPY=1), as `cargo check` does: the kernel crate, then the
# drivers and the sample against it, type, borrow and lint checks without
# code generation (so without the checks made when generic code is
# instantiated, and without the doctests: those are in the full build of
# each step, --build). The test suite runs this.
rust_check() { # TREE TMP: prints the compiler's output, fails on an error or a warning
	local wt=$1 tmp=$2 cmd f o rc=0
	cmd=$(sed -n 's/^savedcmd_rust\/kernel.o := //p' "$BUILD_TEST/rust/.kernel.o.cmd" | cut -d';' -f1)
	[ -n "$cmd" ] || { echo "no rust/.kernel.o.cmd in $BUILD_TEST: build the test kernel first"; return 1; }
	cmd=$(sed -e 's| --emit=[^ ]*||g' \
		-e "s|--crate-type rlib|--crate-type rlib --emit=metadata=$tmp/libkernel.rmeta|" \
		-e "s| rust/kernel/lib.rs | $wt/rust/kernel/lib.rs |" <<<"$cmd")
	(cd "$BUILD_TEST" && RUSTC_BOOTSTRAP=1 eval "$cmd") >"$tmp/out" 2>&1 || rc=1
	for f in $(cd "$wt" && ls drivers/net/rust/*.rs samples/rust/net/*.rs 2>/dev/null); do
		o=$(basename "${f%.rs}")
		cmd=$(sed -n 's/^savedcmd_[^ ]* := //p' "$BUILD_TEST/$(dirname "$f")/.$o.o.cmd" | cut -d';' -f1)
		[ -n "$cmd" ] || { echo "no command for $f in $BUILD_TEST" >>"$tmp/out"; rc=1; continue; }
		cmd=$(sed -e 's| --emit=[^ ]*||g' -e 's| --out-dir [^ ]*||' \
			-e "s|--extern kernel |--extern kernel=$tmp/libkernel.rmeta |" \
			-e "s| $f *\$| --emit=metadata=$tmp/$o.rmeta $wt/$f|" <<<"$cmd")
		[ $rc = 0 ] && { (cd "$BUILD_TEST" && RUSTC_BOOTSTRAP=1 eval "$cmd") >>"$tmp/out" 2>&1 || rc=1; }
	done
	cat "$tmp/out"
	[ $rc = 0 ] && ! grep -qE '^(warning|error)' "$tmp/out"
}
if [ $build = 0 ]; then
	tmp=$(mktemp -d)
	wt=$tmp/tree
	rc_bad=$steps_bad
	n=0
	for c in "${steps[@]}"; do
		n=$((n + 1))
		rm -rf "$wt" && mkdir -p "$wt"
		git -C "$repo" archive "$c" rust drivers/net samples/rust | tar -x -C "$wt"
		if ! o=$(rust_check "$wt" "$tmp"); then
			echo "patch $n, $(git -C "$repo" log -1 --format=%s "$c"):"
			head -n 40 <<<"$o"
			rc_bad=1
		fi
	done
	rm -rf "$tmp"
	[ $rc_bad = 0 ] && ok "the Rust crates of each of the ${#steps[@]} steps compile without a warning" ||
		notok "the Rust crates of each of the ${#steps[@]} steps compile without a warning"
fi

# Every step builds on its own, without a warning in the series' files: a
# copy of the test kernel's tree, each step's files laid over it in turn
# (only what changed is written, so each build is incremental), configured
# for the test kernel as far as that step's Kconfig has the options.
if [ $build = 1 ]; then
	obj=$CACHE/series/build
	if [ ! -f "$obj/vmlinux" ]; then
		rm -rf "$obj" "$obj.tmp" && cp -a "$BUILD_TEST" "$obj.tmp" && mv "$obj.tmp" "$obj"
	fi
	files=$(git -C "$repo" diff --name-only "$base" "$head")
	[ $steps_bad = 0 ] || notok "one step per patch of the series"
	n=0
	for c in "${steps[@]}"; do
		n=$((n + 1))
		# SERIES_STEPS="7 9" builds only those steps (each step's files are
		# laid over whatever the tree holds, so any step builds alone).
		[ -z "${SERIES_STEPS:-}" ] || grep -qw "$n" <<<"$SERIES_STEPS" || continue
		subj=$(git -C "$repo" log -1 --format=%s "$c")
		log=$CACHE/series/build-$n.log
		start=$(date +%s)
		for f in $files; do
			if git -C "$repo" cat-file -e "$c:$f" 2>/dev/null; then
				git -C "$repo" show "$c:$f" >"$obj/.step-file"
			elif [ -f "$PRISTINE/$f" ]; then
				cp "$PRISTINE/$f" "$obj/.step-file"
			else
				rm -f "$obj/$f"
				continue
			fi
			cmp -s "$obj/.step-file" "$obj/$f" ||
				{ mkdir -p "$(dirname "$obj/$f")" && cp "$obj/.step-file" "$obj/$f"; }
		done
		rm -f "$obj/.step-file"
		(
			cd "$obj" &&
			"${KMAKE[@]}" tinyconfig >/dev/null &&
			KCONFIG_CONFIG=.config scripts/kconfig/merge_config.sh -m .config \
				"$top/tests/configs/base.config" "$top/tests/configs/test.config" >/dev/null &&
			"${KMAKE[@]}" olddefconfig >/dev/null &&
			"${KMAKE[@]}" W=1 CLIPPY=1 bzImage modules
		) >"$log" 2>&1
		rc=$?
		took=$(($(date +%s) - start))
		if [ $rc = 0 ] && python3 "$top/tests/lib/ourwarnings.py" "$log" $(grep -E '\.(rs|c|h)$' <<<"$files") >/dev/null; then
			ok "patch $n builds on its own (W=1 CLIPPY=1, $took s), no warning in our files: $subj"
		else
			tail -n 20 "$log"
			notok "patch $n builds on its own (W=1 CLIPPY=1, $took s), no warning in our files: $subj"
		fi
	done
	git -C "$repo" checkout -q -f --detach "$head"
fi
exit $bad
