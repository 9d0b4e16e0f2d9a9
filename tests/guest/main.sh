#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Entry point in the guest: main.sh OUT SUITE[:SECONDS]...
# Runs the suites, each recording its results in OUT/results (lib.sh), with
# a line where it starts and one with its exit status where it ends; then
# collects the kernel log and, where the kernel has kmemleak, its report.
# A suite given a time budget (SECONDS) is stopped when it runs out (exit
# status 124), and the next suite runs: one slow suite costs only its own
# results.
set -u
export OUT=$1
shift
HERE=$(cd "$(dirname "$0")" && pwd)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
SUITE=main
. "$HERE/lib.sh"

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
record boot "$(uname -r)"
for arg in "$@"; do
	s=${arg%%:*}
	budget=${arg#"$s"}
	echo "GUEST: suite $s${budget:+ (budget ${budget#:} s)}"
	record start "$s" "$(date +%s)"
	# HANG=SUITE (tests/run-tests.sh): that suite hangs instead of running.
	cmd=(bash "$HERE/$s.sh")
	[ "${HANG:-}" = "$s" ] && cmd=(sleep infinity)
	if [ -n "$budget" ]; then
		SUITE=$s timeout -k 10 "${budget#:}" "${cmd[@]}"
	else
		SUITE=$s "${cmd[@]}"
	fi
	rc=$?
	record end "$s" "$rc" "$(date +%s)"
done

# kmemleak: two scans (an object is reported once it has been seen
# unreferenced twice), then the report. A kmemleak that disabled itself
# refuses the scan: that is recorded, not read as "no leak".
if [ -e /sys/kernel/debug/kmemleak ]; then
	if echo scan >/sys/kernel/debug/kmemleak && sleep 5 &&
		echo scan >/sys/kernel/debug/kmemleak &&
		cat /sys/kernel/debug/kmemleak >"$OUT/kmemleak.tmp"; then
		mv "$OUT/kmemleak.tmp" "$OUT/kmemleak"
		record kmemleak scanned
	else
		record kmemleak "scan refused"
	fi
else
	record kmemleak absent
fi
dmesg >"$OUT/dmesg"
record done
echo "GUEST: done"
