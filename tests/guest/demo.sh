#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job, shown to a person: the Rust nlmon capturing live netlink.
set -u
OUT=$1
say() { printf '\n\033[1m### %s\033[0m\n' "$*"; }
run() { echo "# $*"; "$@"; }

say "modprobe nlmon gives the Rust driver"
run modprobe nlmon
run lsmod
run modinfo -F description nlmon_rust
say "A monitor device"
run ip link add mon0 type nlmon
run ip link set mon0 up
run ip -d link show mon0
run ethtool mon0
say "Live netlink traffic on mon0: captured by tcpdump, decoded by tshark"
tcpdump -i mon0 --immediate-mode -U -w "$OUT/mon0.pcap" 2>"$OUT/tcpdump.log" &
t=$!
for i in $(seq 1 50); do
	grep -q "listening on" "$OUT/tcpdump.log" && break
	sleep 0.1
done
echo "# ip addr show lo; ip -4 route show"
ip addr show lo >/dev/null
ip -4 route show >/dev/null
sleep 0.5
kill -INT $t
wait $t
cat "$OUT/tcpdump.log"
echo "# tshark -r mon0.pcap -O netlink-route: one line per message"
tshark -r "$OUT/mon0.pcap" -O netlink-route 2>/dev/null |
	awk '/^Frame/ { f = $1 " " $2 " " $3 " bytes" } /Netlink message header \(type/ { sub(/^ +/, ""); print f "  " $0 }'
echo "# the first two messages, decoded:"
tshark -r "$OUT/mon0.pcap" -O netlink-route -Y "frame.number <= 2" 2>/dev/null |
	grep -v '^ *[.01]\{4\} ' | head -n 40
say "Statistics"
run ip -s link show mon0
say "Down, deleted, unloaded"
run ip link set mon0 down
run ip link del mon0
run rmmod nlmon_rust
echo "GUEST: done"
