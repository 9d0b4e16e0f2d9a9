#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# overlay.sh TREE
#
# Lays the repository's kernel files over TREE and applies patches/*.diff to
# the pristine versions of the files they touch.  Files are written only when
# their content differs, and files laid over by an earlier call that the
# repository no longer has are restored from (or, if new, removed like in) the
# pristine tree.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/config.sh"
tree=${1:?usage: overlay.sh TREE}

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Kernel files of the repository (anything under these top-level folders).
cd "$top"
# git refuses a repository owned by another user ("dubious ownership"): that
# stops the build, rather than building without our files.
git ls-files --cached --others --exclude-standard -- \
	rust drivers samples Documentation MAINTAINERS >"$stage/list" ||
	{ echo "overlay: git ls-files failed in $top: our files cannot be listed" >&2; exit 1; }
while IFS= read -r f; do [ -f "$f" ] && echo "$f"; done <"$stage/list" >"$stage/files"
[ -s "$stage/files" ] || { echo "overlay: no kernel file of ours found in $top" >&2; exit 1; }
while IFS= read -r f; do
	mkdir -p "$stage/tree/$(dirname "$f")"
	cp "$f" "$stage/tree/$f"
done <"$stage/files"

# Diffs against existing kernel files, applied to pristine copies.
for p in patches/*.diff; do
	[ -f "$p" ] || continue
	for f in $(grep -E '^\+\+\+ ' "$p" | awk '{print $2}' | sed 's|^b/||'); do
		if [ ! -f "$stage/tree/$f" ]; then
			mkdir -p "$stage/tree/$(dirname "$f")"
			cp "$PRISTINE/$f" "$stage/tree/$f"
			echo "$f" >>"$stage/files"
		fi
	done
	patch -s -p1 --fuzz=0 -d "$stage/tree" --no-backup-if-mismatch <"$p" || {
		echo "overlay: $p does not apply to the Linux source found," \
			"$(cat "$PRISTINE.version" 2>/dev/null || echo "version unknown");" \
			"the diffs were made on $SRC_MADE_ON" >&2
		exit 1
	}
done

# The tree is the last patch's of the series: the series markers out
# (tests/lib/markers.py).
(cd "$stage/tree" && sort -u "$stage/files" | xargs -r /usr/bin/python3 "$top/tests/lib/markers.py")

# Restore what an earlier overlay wrote but this one does not.
manifest=$tree/.rust-net-overlay
if [ -f "$manifest" ]; then
	sort -u "$stage/files" >"$stage/now"
	sort -u "$manifest" | comm -23 - "$stage/now" | while IFS= read -r f; do
		if [ -f "$PRISTINE/$f" ]; then
			cp -p "$PRISTINE/$f" "$tree/$f"
		else
			rm -f "$tree/$f"
		fi
	done
fi

# Copy what changed.
sort -u "$stage/files" | while IFS= read -r f; do
	if ! cmp -s "$stage/tree/$f" "$tree/$f"; then
		mkdir -p "$tree/$(dirname "$f")"
		cp "$stage/tree/$f" "$tree/$f"
	fi
done
sort -u "$stage/files" >"$manifest"
