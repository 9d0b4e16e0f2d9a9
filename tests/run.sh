#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The main job: set up, build the run kernel (the Rust drivers in place of the
# C ones) and boot it under QEMU to show the Rust nlmon at work.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"

room=$(disk_room 6) || { echo "run: not enough disk space: $room" >&2; exit 1; }
bash "$top/tests/setup.sh"
echo "run: building the run kernel (the first build takes about half an hour)"
bash "$top/tests/build.sh" run >"$CACHE/build-run.log" 2>&1 ||
	{ tail -n 40 "$CACHE/build-run.log"; echo "run: build failed, see $CACHE/build-run.log" >&2; exit 1; }
. "$top/tests/lib/vm.sh"
accel=$(guest_accel "$BUILD_RUN")
kvm=--disable-kvm
[ "$accel" = kvm ] && kvm=
echo "run: booting it (QEMU, ${accel^^})"
mkdir -p "$CACHE/out-demo"
"$VNG" --run "$BUILD_RUN" $kvm --force-9p --cpus 2 --memory 1G --rwdir "$CACHE/out-demo" \
	--append "root=/dev/root" --exec "bash $top/tests/guest/demo.sh $CACHE/out-demo" 2>&1 | cat
