#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# mkpatch.sh NAME FILE...
#
# Writes patches/NAME.diff: the changes made to existing kernel FILEs (paths
# in the kernel tree) in the test tree, against the pristine tree.  Edit the
# files in .cache/build-test, then run this to keep the edit.  A FILE that is
# missing from either tree or has no change is an error, and patches/NAME.diff
# is then left as it was.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"
die() { echo "mkpatch: $*" >&2; exit 1; }
name=${1:?usage: mkpatch.sh NAME FILE...}
shift
[ $# -gt 0 ] || die "usage: mkpatch.sh NAME FILE..."
out=$top/patches/$name.diff
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in "$@"; do
	[ -f "$PRISTINE/$f" ] || die "$f is not a file of the pristine tree"
	[ -f "$BUILD_TEST/$f" ] || die "$f is not in $BUILD_TEST"
	rc=0
	(cd "$CACHE" && git diff --no-index "${PRISTINE#"$CACHE"/}/$f" "${BUILD_TEST#"$CACHE"/}/$f") \
		>"$tmp.one" || rc=$?
	# git diff --no-index: 1 when the files differ, 0 when they do not.
	[ $rc = 1 ] || { rm -f "$tmp.one"; die "$f has no change in $BUILD_TEST (exit $rc)"; }
	sed -E -e "1,4s#(a|b)/(linux-7.3|build-test)/#\1/#g" -e '/^index /d' "$tmp.one" >>"$tmp"
	rm -f "$tmp.one"
done
# The diff must apply to the pristine tree without fuzz, as overlay.sh applies it.
check=$(mktemp -d)
trap 'rm -f "$tmp"; rm -rf "$check"' EXIT
for f in "$@"; do
	mkdir -p "$check/$(dirname "$f")"
	cp "$PRISTINE/$f" "$check/$f"
done
patch -s -p1 --fuzz=0 -d "$check" --no-backup-if-mismatch <"$tmp" ||
	die "the diff does not apply to the pristine tree; $out left as it was"
for f in "$@"; do
	cmp -s "$check/$f" "$BUILD_TEST/$f" || die "the diff does not give $f; $out left as it was"
done
mv "$tmp" "$out"
trap 'rm -rf "$check"' EXIT
echo "mkpatch: wrote $out ($(grep -c '^[-+][^-+]' "$out") changed lines in $# files)"
