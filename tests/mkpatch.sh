#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# mkpatch.sh NAME FILE...
#
# Writes patches/NAME.diff: the changes made to existing kernel FILEs (paths
# in the kernel tree) in the test tree, against the pristine tree.  Edit the
# files in .cache/build-test, then run this to keep the edit.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"
name=${1:?usage: mkpatch.sh NAME FILE...}
shift
out=$top/patches/$name.diff
: >"$out"
for f in "$@"; do
	(cd "$CACHE" && git diff --no-index "${PRISTINE#"$CACHE"/}/$f" "${BUILD_TEST#"$CACHE"/}/$f") |
		sed -E -e "1,4s#(a|b)/(linux-7.3|build-test)/#\1/#g" -e '/^index /d' >>"$out" || true
done
echo "mkpatch: wrote $out"
