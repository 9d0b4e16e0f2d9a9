#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# lint.sh [test|run [LOG]]: static checks of our files in a built tree:
# rustfmt, checkpatch --strict, valid reStructuredText, an example for every
# public item of the abstractions, no W=1 CLIPPY=1 warning in the build of our
# files (LOG, or a build of them made here), safe drivers and samples with
# one module each, and no rustdoc warning (make rustdoc).
# Prints "ok - NAME" / "not ok - NAME" lines, eight of them; exits non-zero
# on a failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"
tree=$BUILD_TEST
[ "${1:-test}" = run ] && tree=$BUILD_RUN
cd "$top"
# The kernel files as the tree has them (without the series markers,
# tests/lib/markers.py), the test modules as they are.
rs="$(git ls-files --cached --others --exclude-standard -- 'rust/*.rs' 'drivers/*.rs' 'samples/*.rs' |
	sed "s|^|$tree/|") $(git ls-files --cached --others --exclude-standard -- 'tests/modules/*.rs')"
# The kernel's Rust files that patches/*.diff change, as the tree has them.
patched_rs=$(grep -h '^+++ b/.*\.rs$' patches/*.diff | sed "s|^+++ b/|$tree/|" | sort -u)
src=$(git ls-files --cached --others --exclude-standard -- rust drivers samples Documentation)
rst=$(git ls-files --cached --others --exclude-standard -- 'Documentation/*.rst')
netrs=$(git ls-files --cached --others --exclude-standard -- 'rust/kernel/net/*.rs')
status=0
ok() { echo "ok - lint: $1"; }
notok() { echo "not ok - lint: $1"; status=1; }
# A check over no file checks nothing: each list must hold files.
nonempty() { # nonempty WHAT LIST
	[ -n "$2" ] || echo "lint: no $1 found: the check below fails"
	[ -n "$2" ]
}

if nonempty "Rust file" "$rs" &&
	/usr/bin/rustfmt --check --edition 2021 --config-path "$tree/.rustfmt.toml" $rs $patched_rs \
		>/tmp/rustfmt.$$ 2>&1; then
	ok rustfmt
else
	head -n 30 /tmp/rustfmt.$$
	notok rustfmt
fi
rm -f /tmp/rustfmt.$$

bad=0
nonempty "kernel file" "$src" || bad=1
for f in $src; do
	case "$f" in *.rs|*.c|*.h|*.rst|*Kconfig|*Makefile) ;; *) continue ;; esac
	o=$("$tree/scripts/checkpatch.pl" --strict --no-tree --quiet --terse -f "$f" 2>&1) ||
		{ echo "$o"; bad=1; }
done
# checkpatch reads a file named *.diff as source, not as a patch.
for p in patches/*.diff; do
	cp "$p" "/tmp/lint.$$.patch"
	o=$("$tree/scripts/checkpatch.pl" --strict --no-tree --quiet --terse --no-signoff "/tmp/lint.$$.patch" 2>&1) ||
		{ echo "$p: $o"; bad=1; }
	rm -f "/tmp/lint.$$.patch"
done
[ $bad = 0 ] && ok "checkpatch --strict" || notok "checkpatch --strict"

# Our documents parse as reStructuredText without any message (docutils; the
# kernel's Sphinx roles are not used in them).
# Debian's python3-docutils: the system Python, not the virtme-ng venv first in PATH.
if nonempty "reStructuredText document" "$rst" &&
	/usr/bin/python3 "$top/tests/lib/rstcheck.py" $rst; then
	ok reStructuredText
else
	notok reStructuredText
fi

# Every public item of the abstractions has an example (tests/lib/examples.py).
if nonempty "file of rust/kernel/net" "$netrs" &&
	/usr/bin/python3 "$top/tests/lib/examples.py" $netrs; then
	ok "every public item of rust/kernel/net has an example"
else
	notok "every public item of rust/kernel/net has an example"
fi

# Our files, compiled with W=1 CLIPPY=1 (the test kernel's flags,
# tests/build.sh), leave no warning. LOG is a build log to read (make test
# passes the test kernel's); a unit of ours that it does not show compiled
# (an incremental build that had nothing to do for it, or no log at all) is
# compiled again here and its log read instead, so a built tree does not
# pass for want of compiling anything.
log=${2:-}
# The doctests of rust/kernel/net/ are compiled in rust/doctests_kernel_generated.rs, which
# 7.3's own doctests leave free of warnings.
mine=$(our_sources)
nonempty "source of ours (our_sources)" "$mine" || mine=
ours="$mine
rust/doctests_kernel_generated.rs"
units="rust/kernel.o rust/helpers/helpers.o"
[ -f "$tree/rust/doctests_kernel_generated.o" ] && units="$units rust/doctests_kernel_generated.o"
for f in $rs; do
	case "$f" in drivers/*.rs | samples/*.rs) [ -f "$tree/${f%.rs}.o" ] && units="$units ${f%.rs}.o" ;; esac
done
stale=()
for u in $units; do
	[ -n "$log" ] && [ -s "$log" ] && grep -qE "^ +[A-Z]+( \[M\]| L)? +$u\$" "$log" || stale+=("$u")
done
# Both logs are read: the given one for the units it compiled, ours for the
# others.
both=$CACHE/logs/lint-warnings.log
cat ${log:+"$log"} </dev/null >"$both" 2>/dev/null
if [ ${#stale[@]} -gt 0 ]; then
	(cd "$tree" && rm -f "${stale[@]}")
	bash "$top/tests/build.sh" "${1:-test}" "${stale[@]}" >"$CACHE/logs/lint-build.log" 2>&1 ||
		echo "lint: the build of ${stale[*]} failed, see $CACHE/logs/lint-build.log"
	cat "$CACHE/logs/lint-build.log" >>"$both"
fi
missing=$(for u in $units; do grep -qE "^ +[A-Z]+( \[M\]| L)? +$u\$" "$both" || echo "$u"; done)
if [ -z "$mine" ]; then
	notok "no W=1 CLIPPY=1 warning in our files (no file of ours listed)"
elif [ -n "$missing" ]; then
	notok "no W=1 CLIPPY=1 warning in our files (not compiled: $(echo $missing))"
elif python3 "$top/tests/lib/ourwarnings.py" "$both" $ours; then
	ok "no W=1 CLIPPY=1 warning in our files ($(echo "$units" | wc -w) units compiled)"
else
	notok "no W=1 CLIPPY=1 warning in our files"
fi

# The drivers and the sample are safe code: no `unsafe` and no `bindings`,
# not even in a comment (only kernel::net may reach the C side), and none of
# the attributes edition 2021 takes without `unsafe` that place code where C
# runs it (an `.init_array` constructor runs before the module's init).
drv=$(git ls-files --cached --others --exclude-standard -- 'drivers/*.rs' 'samples/*.rs')
if nonempty "driver or sample" "$drv" &&
	! grep -nwE 'unsafe|bindings|link_section|no_mangle|export_name' $drv; then
	ok "no unsafe, bindings or link attributes in $(echo "$drv" | wc -w) drivers and samples"
else
	notok "no unsafe, bindings or link attributes in the drivers and samples"
fi

# Each driver and sample declares one module, with one module macro at the
# top of its file: the module's own init is then the only caller of what
# module_rtnl_link! keeps for it (a second module! in the same crate, possible
# for a built-in driver, would be initialised before it and could call
# module_rtnl_link!'s init first). A module macro imported under another name
# would hide from the count.
bad=
for f in $drv; do
	macros=$(grep -cE '(^|[^A-Za-z0-9_])module(_[a-z0-9_]+)?!' "$f")
	attop=$(grep -cE '^module(_[a-z0-9_]+)?! \{' "$f")
	renamed=$(grep -cE '(^|[^A-Za-z0-9_])module(_[a-z0-9_]+)? +as ' "$f")
	[ "$macros" = 1 ] && [ "$attop" = 1 ] && [ "$renamed" = 0 ] || bad="$bad $f"
done
if nonempty "driver or sample" "$drv" && [ -z "$bad" ]; then
	ok "one module macro, at the top, in $(echo "$drv" | wc -w) drivers and samples"
else
	notok "one module macro, at the top, in each driver and sample:$bad"
fi

# make rustdoc: no warning about our files (broken links, missing docs, ...).
if (cd "$tree" && "${KMAKE[@]}" rustdoc) >"$CACHE/logs/rustdoc.log" 2>&1 &&
	python3 "$top/tests/lib/ourwarnings.py" "$CACHE/logs/rustdoc.log" $ours; then
	ok "make rustdoc without warnings in our files"
else
	tail -n 20 "$CACHE/logs/rustdoc.log"
	notok "make rustdoc without warnings in our files"
fi
exit $status
