#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The main job, shown to a person: the Rust drivers at work.
set -u
OUT=$1
SUITE=demo
. "$(dirname "$0")/lib.sh"
say() { printf '\n\033[1m### %s\033[0m\n' "$*"; }
run() { echo "# $*"; "$@"; }

say "modprobe nlmon gives the Rust driver (NLMON_RUST=y builds drivers/net/rust/nlmon.rs as nlmon.ko)"
run modprobe nlmon
run lsmod
run modinfo -F filename nlmon
run modinfo -F description nlmon
say "A monitor device"
run ip link add mon0 type nlmon
run ip link set mon0 up
run ip -d link show mon0
run ethtool mon0
say "Live netlink traffic on mon0: captured by tcpdump, decoded by tshark"
capture_start mon0 "$OUT/mon0.pcap"
echo "# ip addr show lo; ip -4 route show"
ip addr show lo >/dev/null
ip -4 route show >/dev/null
capture_stop
cat "$OUT/mon0.pcap.log"
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
run rmmod nlmon
say "modprobe dummy numdummies=3 gives three Rust dummies (Debian's modprobe.d says numdummies=0; the command line comes last)"
run modprobe dummy numdummies=3
run ip -br link show type dummy
run modinfo -F filename dummy
run modinfo -F parm dummy
run ip link set dummy0 up
run ip addr add 192.0.2.1/24 dev dummy0
echo "# 5 UDP datagrams to 192.0.2.2 leave through dummy0"
python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); [s.sendto(bytes(100), ("192.0.2.2", 9)) for _ in range(5)]'
run ip -s link show dummy0
run rmmod dummy
say "modprobe vsockmon gives the Rust vsockmon; vsock traffic over loopback"
run modprobe vsockmon
run modprobe vsock_loopback
run ip link add vsm0 type vsockmon
run ip link set vsm0 up
capture_start vsm0 "$OUT/vsm0.pcap"
echo "# a vsock stream connection to CID 1, five messages and their replies"
python3 "$(dirname "$0")/vsocktraffic.py" run 5000 5
capture_stop
echo "# tcpdump -r vsm0.pcap -n (tcpdump decodes DLT_VSOCK)"
tcpdump -r "$OUT/vsm0.pcap" -n 2>/dev/null
run ip -s link show vsm0
run ip link del vsm0
run rmmod vsockmon
say "ip link add type vxcan loads the Rust vxcan; CAN frames cross a pair between two namespaces"
run ip netns add can2
run ip link add vxa type vxcan peer name vxb netns can2
run modinfo -F filename vxcan
run ip link set vxa up
run ip -n can2 link set vxb up
run ip -d link show vxa
modprobe can_raw
echo "# candump in namespace can2 on vxb; cansend here on vxa"
ip netns exec can2 candump -n 3 -T 20000 vxb &
cdp=$!
for i in $(seq 1 60); do
	ip netns exec can2 sh -c "cat /proc/net/can/rcvlist_*" 2>/dev/null | grep -q '^ *vxb ' && break
	sleep 0.5
done
run cansend vxa 123#DEADBEEF
run cansend vxa 1F334455#1122334455667788
run cansend vxa 5A1#R
wait $cdp
run ip -s link show vxa
run ip -n can2 -s link show vxb
say "Deleting one end deletes both"
run ip link del vxa
run ip -n can2 link show
run ip netns del can2
run rmmod vxcan
say "modprobe ifb numifbs=1 gives the Rust ifb (Debian's modprobe.d says numifbs=0; the command line comes last): a shaped flow, a dummy's egress redirected through ifb0 with tbf"
run modprobe ifb numifbs=1
run ip -br link show type ifb
run modinfo -F filename ifb
run modprobe dummy numdummies=1
run ip link set dummy0 up
run ip link set ifb0 up
run ip addr add 192.0.2.1/24 dev dummy0
run tc qdisc add dev dummy0 clsact
run tc filter add dev dummy0 egress matchall action mirred egress redirect dev ifb0
run tc qdisc add dev ifb0 root tbf rate 1mbit burst 10kb latency 2s
echo "# 50 UDP datagrams of 1000 bytes to 192.0.2.2: ifb0 shapes them to 1 Mbit/s, then dummy0 sends them"
start=$(date +%s.%N)
python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); [s.sendto(bytes(1000), ("192.0.2.2", 9)) for _ in range(50)]'
for i in $(seq 1 100); do
	[ "$(cat /sys/class/net/dummy0/statistics/tx_packets)" -ge 50 ] && break
	sleep 0.2
done
echo "# dummy0 sent them all after $(echo "$(date +%s.%N) - $start" | bc | cut -c1-4) s (at 1 Mbit/s, 50 kB take about 0.3 s after the 10 kB burst)"
run tc -s qdisc show dev ifb0
run ip -s link show ifb0
run ethtool -S ifb0
run ip -s link show dummy0
run rmmod ifb
run rmmod dummy
echo "GUEST: done"
