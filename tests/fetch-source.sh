#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Downloads Debian's linux-source-7.3 package (trixie-backports) and unpacks a
# pristine tree into the cache.  Nothing is installed system-wide but an apt
# source entry pinned so that no other package is taken from that suite.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"
die() { echo "fetch-source: $*" >&2; exit 1; }

[ -f "$PRISTINE/Makefile" ] && exit 0

list=/etc/apt/sources.list.d/rust-net-trixie-backports.sources
pin=/etc/apt/preferences.d/rust-net-trixie-backports
if [ ! -f "$list" ]; then
	# The mirror of the machine's own bookworm entry (tests/lib/mirror.py).
	uri=$(python3 "$top/tests/lib/mirror.py") ||
		die "no Debian bookworm entry (deb, main) found in /etc/apt/sources.list or sources.list.d to add trixie-backports from its mirror"
	cat >"$list" <<EOT
Types: deb
URIs: $uri
Suites: trixie-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
	cat >"$pin" <<EOT
Package: *
Pin: release n=trixie-backports
Pin-Priority: -1

Package: $SRC_PKG
Pin: release n=trixie-backports
Pin-Priority: 100
EOT
	apt-get update -q || die "apt-get update failed after adding trixie-backports"
fi

mkdir -p "$CACHE/deb"
cd "$CACHE/deb"
versions=$(apt-cache madison "$SRC_PKG" | awk '{print $3}')
[ -n "$versions" ] || die "$SRC_PKG is not available from trixie-backports"
ver=$(echo "$versions" | grep -m1 -E "^$SRC_PIN-" || true)
if [ -z "$ver" ]; then
	ver=$(echo "$versions" | sort -V | tail -n1)
	echo "fetch-source: $SRC_PIN not offered, taking $ver; patches/*.diff were made on" \
		"$SRC_MADE_ON and may not apply to it (tests/lib/overlay.sh says so if they do not)"
fi
ls ./"$SRC_PKG"_*.deb >/dev/null 2>&1 || apt-get download "$SRC_PKG=$ver" ||
	die "apt-get download $SRC_PKG=$ver failed"
rm -rf x && mkdir x
dpkg-deb -x ./"$SRC_PKG"_*.deb x
tarball=$(ls x/usr/src/linux-source-7.3*.tar.* | head -n1)
[ -n "$tarball" ] || die "no source tarball in the $SRC_PKG package"
rm -rf "$PRISTINE.tmp" && mkdir -p "$PRISTINE.tmp"
tar -xf "$tarball" -C "$PRISTINE.tmp" --strip-components=1
rm -rf x
echo "$SRC_PKG $ver" >"$PRISTINE.version"
mv "$PRISTINE.tmp" "$PRISTINE"
echo "fetch-source: pristine tree in $PRISTINE ($ver)"
