#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The run kernel: NLMON_RUST, DUMMY_RUST, VSOCKMON_RUST, CAN_VXCAN_RUST and
# IFB_RUST select the Rust implementations, built as the modules nlmon,
# dummy, vsockmon, vxcan and ifb; the C drivers are not built.
set -u
. "$(dirname "$0")/lib.sh"
# The number of results this suite reports (lib.sh).
plan 26

# is_rust MODULE: the installed module MODULE is the one built from
# drivers/net/rust/, and the only one its link kind's alias resolves to.
is_rust() {
	local f
	f=$(modinfo -n "$1") || return 1
	case "$f" in */drivers/net/rust/"$1".ko*) ;; *) echo "$1 is $f"; return 1 ;; esac
	[ "$(modprobe -R "rtnl-link-$1")" = "$1" ] || { echo "rtnl-link-$1: $(modprobe -R "rtnl-link-$1")"; return 1; }
	[ "$(find /lib/modules/"$(uname -r)"/ -name "$1.ko*" | wc -l)" = 1 ]
}

expect "run: nlmon is the Rust driver, the only module of its kind" is_rust nlmon
expect "run: modprobe nlmon loads it" bash -c "modprobe nlmon && [ -d /sys/module/nlmon ]"
unload nlmon
expect "run: ip link add type nlmon autoloads it" \
	bash -c "ip link add mon0 type nlmon && [ -d /sys/module/nlmon ]"
expect "run: modinfo alias rtnl-link-nlmon" \
	bash -c "[ \"\$(modinfo -F alias nlmon)\" = rtnl-link-nlmon ]"
ip link del mon0
expect "run: rmmod nlmon" rmmod nlmon

expect "run: dummy is the Rust driver, the only module of its kind" is_rust dummy
expect "run: modprobe dummy numdummies=3 gives dummy0..dummy2" \
	bash -c "modprobe dummy numdummies=3 && [ -d /sys/module/dummy ] &&
		[ \"\$(ip -j link show type dummy | jq -r '.[].ifname' | sort | tr '\n' ' ')\" = 'dummy0 dummy1 dummy2 ' ]"
unload dummy
expect "run: ip link add type dummy autoloads it" \
	bash -c "ip link add d0 type dummy && [ -d /sys/module/dummy ]"
expect "run: rmmod dummy" rmmod dummy

expect "run: vsockmon is the Rust driver, the only module of its kind" is_rust vsockmon
expect "run: vsock is a module here" test "$(modinfo -F filename vsock)" != "(builtin)"
expect "run: modprobe vsockmon loads it and the vsock core" \
	bash -c "modprobe vsockmon && [ -d /sys/module/vsockmon ] && [ -d /sys/module/vsock ]"
unload vsockmon
expect "run: ip link add type vsockmon autoloads it" \
	bash -c "ip link add vsm0 type vsockmon && [ -d /sys/module/vsockmon ]"
modprobe vsock_loopback
ip link set vsm0 up
python3 "$(dirname "$0")/vsocktraffic.py" run 5000 1 >/dev/null
expect "run: the Rust vsockmon sees vsock traffic" \
	test "$(cat /sys/class/net/vsm0/statistics/rx_packets)" -gt 0
ip link del vsm0
expect "run: rmmod vsockmon" rmmod vsockmon

expect "run: vxcan is the Rust driver, the only module of its kind" is_rust vxcan
expect "run: CAN is a module here" bash -c 'f=$(modinfo -F filename can) && [ -n "$f" ] && [ "$f" != "(builtin)" ]'
expect "run: modprobe vxcan loads it and the CAN device layer" \
	bash -c "modprobe vxcan && [ -d /sys/module/vxcan ] && [ -d /sys/module/can_dev ]"
unload vxcan
expect "run: ip link add type vxcan autoloads it" \
	bash -c "ip link add vx0 type vxcan peer name vx1 && [ -d /sys/module/vxcan ]"
ip link set vx0 up
ip link set vx1 up
modprobe can_raw
candump -L -n 1 -T 20000 vx1 >"$OUT/run.candump" 2>&1 &
cdp=$!
for i in $(seq 1 60); do
	cat /proc/net/can/rcvlist_* 2>/dev/null | grep -q '^ *vx1 ' && break
	sleep 0.5
done
cansend vx0 123#DEADBEEF
wait $cdp
expect "run: a frame sent on vx0 arrives on vx1 (candump)" \
	grep -qE '^\([0-9.]+\) vx1 123#DEADBEEF$' "$OUT/run.candump"
expect "run: vx0 counts it sent, vx1 received" \
	test "$(cat /sys/class/net/vx0/statistics/tx_packets) $(cat /sys/class/net/vx1/statistics/rx_packets)" = "1 1"
ip link del vx0
rmmod can_raw
expect "run: rmmod vxcan" rmmod vxcan

expect "run: ifb is the Rust driver, the only module of its kind" is_rust ifb
# Debian's modprobe.d says "options ifb numifbs=0"; the command line comes last.
expect "run: modprobe ifb numifbs=2 gives ifb0 and ifb1" \
	bash -c "modprobe ifb numifbs=2 && [ \"\$(ip -j link show type ifb | jq -r '.[].ifname' | sort | tr '\n' ' ')\" = 'ifb0 ifb1 ' ]"
unload ifb
expect "run: ip link add type ifb autoloads it" \
	bash -c "ip link add i0 type ifb && [ -d /sys/module/ifb ]"
expect "run: rmmod ifb" rmmod ifb
