#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Entry point in the guest: main.sh OUT SUITE...
# Runs the suites, then collects the kernel log (with a kmemleak scan) in OUT.
set -u
export OUT=$1
shift
HERE=$(cd "$(dirname "$0")" && pwd)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
# Keep modprobe to what this boot's tests load themselves.
echo 0 >/proc/sys/kernel/printk_ratelimit 2>/dev/null

# Devices keep the address their driver gave them: udev's default
# MACAddressPolicy=persistent would replace a random MAC (and its
# addr_assign_type) at a time of its choosing.
mkdir -p /run/systemd/network
printf '[Match]\nOriginalName=*\n\n[Link]\nMACAddressPolicy=none\n' \
	>/run/systemd/network/00-rust-net-tests.link
udevadm control --reload 2>/dev/null

echo "GUEST: kernel $(uname -r), $(nproc) CPUs"
for s in "$@"; do
	echo "GUEST: suite $s"
	bash "$HERE/$s.sh"
done

if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan >/sys/kernel/debug/kmemleak
	sleep 5
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak >"$OUT/kmemleak"
fi
dmesg >"$OUT/dmesg"
echo "GUEST: done"
