#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The run kernel: the C drivers are not built, the Rust ones answer to their names.
set -u
. "$(dirname "$0")/lib.sh"
# The number of results this suite reports (lib.sh).
plan 12

# modinfo NAME resolves NAME through the aliases of the installed modules.
resolves_to() { # resolves_to NAME MODULE: NAME is MODULE's alias, no module of its own
	local f
	f=$(modinfo -n "$1") || return 1
	case "$f" in */"$2".ko*) ;; *) echo "$1 resolves to $f"; return 1 ;; esac
}

expect "run: no C nlmon in this kernel (nlmon is nlmon_rust)" resolves_to nlmon nlmon_rust
expect "run: modprobe nlmon loads the Rust driver" \
	bash -c "modprobe nlmon && [ -d /sys/module/nlmon_rust ]"
unload nlmon_rust
expect "run: ip link add type nlmon autoloads the Rust driver" \
	bash -c "ip link add mon0 type nlmon && [ -d /sys/module/nlmon_rust ]"
expect "run: modinfo alias rtnl-link-nlmon" \
	bash -c "modinfo -F alias nlmon_rust | grep -qx rtnl-link-nlmon"
ip link del mon0
unload nlmon_rust

expect "run: no C dummy in this kernel (dummy is dummy_rust)" resolves_to dummy dummy_rust
expect "run: modprobe dummy numdummies=3 gives dummy0..dummy2 with the Rust driver" \
	bash -c "modprobe dummy numdummies=3 && [ -d /sys/module/dummy_rust ] &&
		[ \"\$(ip -j link show type dummy | jq -r '.[].ifname' | sort | tr '\n' ' ')\" = 'dummy0 dummy1 dummy2 ' ]"
unload dummy_rust
expect "run: ip link add type dummy autoloads the Rust driver" \
	bash -c "ip link add d0 type dummy && [ -d /sys/module/dummy_rust ]"
unload dummy_rust

expect "run: no C vsockmon in this kernel (vsockmon is vsockmon_rust)" \
	resolves_to vsockmon vsockmon_rust
expect "run: vsock is a module here" test "$(modinfo -F filename vsock)" != "(builtin)"
expect "run: modprobe vsockmon loads the Rust driver and the vsock core" \
	bash -c "modprobe vsockmon && [ -d /sys/module/vsockmon_rust ] && [ -d /sys/module/vsock ]"
unload vsockmon_rust
expect "run: ip link add type vsockmon autoloads the Rust driver" \
	bash -c "ip link add vsm0 type vsockmon && [ -d /sys/module/vsockmon_rust ]"
modprobe vsock_loopback
ip link set vsm0 up
python3 "$(dirname "$0")/vsocktraffic.py" run 5000 1 >/dev/null
expect "run: the Rust vsockmon sees vsock traffic" \
	test "$(cat /sys/class/net/vsm0/statistics/rx_packets)" -gt 0
ip link del vsm0
unload vsockmon_rust
