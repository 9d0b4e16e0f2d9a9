#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs every prerequisite of the build and the guest tests on a Debian 12
# machine (run as root), then fetches the Linux 7.3 source package.  Safe to
# run again: it only installs what is missing.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"

die() { echo "setup: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (apt-get installs the toolchain)"
# The packages below are Debian's, and so is the kernel source: another
# distribution gets a message naming what it lacks, not an apt error.
if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null ||
	[ ! -f /etc/debian_version ]; then
	. /etc/os-release 2>/dev/null || true
	die "this set-up needs Debian 12 (apt-get and dpkg); this machine is ${PRETTY_NAME:-not Debian}"
fi

# Debian packages: toolchain, kernel build deps (libc6-dev: the benchmark's
# load generator, tests/bench/load.c), QEMU, and the guest's user
# space (the guest boots the host's root read-only, so it runs these;
# can-utils: cansend and candump for tests/guest/vxcan.sh).
DEB_PKGS=(
	clang-22 lld-22 llvm-22 libclang-22-dev rustc-web rust-web-src
	rust-web-clippy rustfmt-web cargo-web
	make bc flex bison cpio libelf-dev libssl-dev python3 python3-venv python3-docutils
	python3-sphinx python3-yaml python3-ply python3-git
	git kmod xz-utils ccache libc6-dev
	qemu-system-x86 udev busybox-static
	iproute2 ethtool tcpdump tshark socat jq uuid-runtime procps netsniff-ng can-utils
	iputils-ping
)

missing=()
for p in "${DEB_PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "setup: installing ${missing[*]}"
	apt-get update -q || die "apt-get update failed"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" ||
		die "could not install Debian packages: ${missing[*]}"
fi

# The versions the build needs: clang 22 (its LLVM is rustc-web's, which
# CONFIG_RUST_INLINE_HELPERS needs) and rustc 1.96. Both come from
# bookworm-security, not from bookworm itself: an older one means that suite
# is missing from the apt sources.
ver_of() { { "$1" --version 2>/dev/null || true; } | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true; }
clang_ver=$(ver_of clang-22)
case "$clang_ver" in 22.*) ;; *)
	die "clang-22 is '${clang_ver:-missing}', 22.x is needed: Debian 12 has it from bookworm-security (is that suite in the apt sources?)" ;;
esac
rustc_ver=$(ver_of /usr/bin/rustc)
case "$rustc_ver" in 1.96.*) ;; *)
	die "Debian's rustc (rustc-web) is '${rustc_ver:-missing}', 1.96 is needed: Debian 12 has it from bookworm-security (is that suite in the apt sources?)" ;;
esac

# bindgen from crates.io, pinned, built with Debian's cargo-web and rustc-web
# (whatever other cargo the machine may have is not used).  Its registry cache
# stays in the cache folder, not in the user's home.
if ! "$BINDGEN" --version 2>/dev/null | grep -q "$BINDGEN_VERSION"; then
	[ -x /usr/bin/cargo ] || die "/usr/bin/cargo (Debian's cargo-web) is missing"
	echo "setup: installing bindgen-cli $BINDGEN_VERSION"
	CARGO_HOME=$TOOLS/cargo RUSTC=/usr/bin/rustc LIBCLANG_PATH=$LIBCLANG_PATH \
		/usr/bin/cargo install --locked --root "$TOOLS" \
		bindgen-cli --version "$BINDGEN_VERSION" ||
		die "cargo install bindgen-cli $BINDGEN_VERSION failed"
fi

# virtme-ng boots the built kernel with the host's root over 9p.
if ! "$VNG" --version >/dev/null 2>&1; then
	echo "setup: installing virtme-ng $VNG_VERSION"
	python3 -m venv "$TOOLS/venv" || die "python3 -m venv failed"
	"$TOOLS/venv/bin/pip" install -q "virtme-ng==$VNG_VERSION" ||
		die "pip install virtme-ng==$VNG_VERSION failed"
fi

# The Linux 7.3 source package from trixie-backports.  The suite is added with
# the mirror URI of the machine's own Debian entry, and pinned so that nothing
# but the source package is ever taken from it.
"$top/tests/fetch-source.sh"
