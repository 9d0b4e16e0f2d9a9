#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ifb: the C driver (ifb_c, a test module built from the 7.3 sources,
# tests/lib/twins.sh) and the Rust one (ifb), same tests, same boot; results
# that must agree are written to $OUT and compared at the end.
#
# The traffic is redirected to the ifb device by tc (clsact and mirred, as
# the tc-mirred(8) examples do) in a namespace of its own, without IPv6, so
# that nothing else is counted: egress traffic of a dummy device, shaped by a
# tbf qdisc on the ifb device, and ingress traffic of the namespace's
# loopback device, handed up the stack again by the ifb device; and a burst
# longer than the ifb device's queue, which it stops until its work has caught
# up.
set -u
. "$(dirname "$0")/lib.sh"
# The number of results this suite reports (lib.sh).
plan $((2 * 33 + 13))
CYCLES=${CYCLES:-100}
IMPLS="ifb_c ifb"
NS=ifbt

other() { [ "$1" = ifb_c ] && echo ifb || echo ifb_c; }

# What user space sees of a device, without what differs between any two.
attrs() {
	local d=$1 f
	ip -d -j link show "$d" | jq -S '.[0] | del(.ifindex, .ifname, .address, .stats64)'
	for f in type mtu flags addr_assign_type addr_len tx_queue_len carrier operstate \
		dormant link_mode broadcast name_assign_type; do
		printf '%s=%s\n' "$f" "$(cat "/sys/class/net/$d/$f" 2>&1)"
	done
	ls "/sys/class/net/$d/queues"
	ethtool -i "$d" 2>&1
	ethtool -k "$d" | grep -v "^Features for"
	ethtool -S "$d" 2>&1
}

modfields() {
	local m=$1 f
	for f in license description author parm; do
		echo "$f:"
		modinfo -F "$f" "$m" | sort
	done
}

# ns CMD...: runs CMD in the test namespace.
ns() { ip netns exec "$NS" "$@"; }
# stat DEV FIELD: a counter of DEV in the test namespace.
stat() { ns cat "/sys/class/net/$1/statistics/$2"; }
# udp_send N DST [PORTS]: sends N datagrams of 100 bytes to DST, spread over
# PORTS source sockets, from the test namespace.
udp_send() {
	ns python3 - "$@" <<-'EOF'
	import socket, sys
	n, dst = int(sys.argv[1]), sys.argv[2]
	ports = int(sys.argv[3]) if len(sys.argv) > 3 else 1
	socks = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(ports)]
	for i in range(n):
	    socks[i % ports].sendto(b"x" * 100, (dst, 9000))
	EOF
}

# A namespace with a dummy device whose egress, and a loopback device whose
# ingress, tc redirects to ifb device $1.
ns_setup() {
	local d=$1
	ip netns add "$NS"
	ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n "$NS" link add "$d" type ifb &&
		ip -n "$NS" link add e0 type dummy &&
		ip -n "$NS" addr add 198.51.100.1/24 dev e0 &&
		ip -n "$NS" link set e0 up && ip -n "$NS" link set lo up &&
		ip -n "$NS" link set "$d" up &&
		ns tc qdisc add dev e0 clsact &&
		ns tc filter add dev e0 egress matchall action mirred egress redirect dev "$d" &&
		ns tc qdisc add dev "$d" root tbf rate 100mbit burst 64kb latency 1s
}

suite() {
	local m=$1 o n i
	o=$(other "$m")
	unload ifb_c ifb dummy

	count_param "$m" ifb numifbs
	modfields "$m" >"$OUT/modinfo.$m"

	expect "$m: load without parameters" load "$m"
	expect "$m: default numifbs=2 creates ifb0 and ifb1" test "$(names ifb)" = "ifb0 ifb1 "
	expect_exclusive "$m" "$o" "$OUT/second.$m"
	udevadm settle
	attrs ifb0 >"$OUT/attrs.load.$m" 2>&1
	expect "$m: ip link add type ifb" ip link add i0 type ifb
	expect "$m: ip link add numtxqueues 4 type ifb" ip link add i4 numtxqueues 4 type ifb
	expect "$m: ip link add numtxqueues 2 numrxqueues 8 type ifb" \
		ip link add i28 numtxqueues 2 numrxqueues 8 type ifb
	udevadm settle
	attrs i0 >"$OUT/attrs.user.$m" 2>&1
	attrs i4 >"$OUT/attrs.mq.$m" 2>&1
	attrs i28 >"$OUT/attrs.rxq.$m" 2>&1
	expect "$m: tx_queue_len 32" grep -qx 'tx_queue_len=32' "$OUT/attrs.user.$m"
	expect "$m: ethtool -S of 4 queues" \
		test "$(grep -c '_queue_[0-3]_' "$OUT/attrs.mq.$m")" = 16

	# Bad input to ip link add: the same errors, no device left.
	{
		errmsg ip link add b1 address 00:11:22:33:44 type ifb
		errmsg ip link add b2 address 01:00:5e:00:00:01 type ifb
		errmsg ip link add b3 address 00:00:00:00:00:00 type ifb
		errmsg ip link add b4 mtu 67 type ifb
	} >"$OUT/err.add.$m"
	expect "$m: bad addresses refused, no device left" \
		bash -c "! head -n 3 '$OUT/err.add.$m' | grep -q SUCCEEDED &&
			! ip link show b1 && ! ip link show b2 && ! ip link show b3"
	ip link del b4 2>/dev/null

	# Traffic without a redirection is dropped and counted as such.
	sysctl -qw net.ipv6.conf.i0.disable_ipv6=1
	ip link set i0 up
	ip addr add 192.0.2.1/24 dev i0
	ip neigh add 192.0.2.2 lladdr 02:00:00:00:00:02 dev i0
	python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(7): s.sendto(b"y" * 50, ("192.0.2.2", 9))'
	sleep 1
	for f in rx_packets rx_bytes rx_dropped tx_packets; do
		echo "$f=$(cat "/sys/class/net/i0/statistics/$f")"
	done >"$OUT/unredirected.$m"
	expect "$m: what is not redirected is dropped" grep -qx 'rx_dropped=7' "$OUT/unredirected.$m"
	ip link del i0

	# Egress redirection of a dummy device, shaped by tbf on the ifb device.
	load dummy numdummies=0
	expect "$m: namespace with a redirection to an ifb" ns_setup r0
	udp_send 200 198.51.100.2
	sleep 2
	{
		for f in rx_packets rx_bytes tx_packets tx_bytes rx_dropped tx_dropped; do
			echo "r0 $f=$(stat r0 "$f")"
		done
		for f in tx_packets tx_bytes; do
			echo "e0 $f=$(stat e0 "$f")"
		done
		ns tc -s -j qdisc show dev r0 | jq -c '.[] | {kind, packets, bytes, drops}'
		ns ethtool -S r0
	} >"$OUT/egress.$m"
	expect "$m: egress: the ifb received and sent on 200 datagrams" \
		grep -qx 'r0 tx_packets=200' "$OUT/egress.$m"
	expect "$m: egress: the dummy sent them once, after the ifb" \
		grep -qx 'e0 tx_packets=200' "$OUT/egress.$m"
	expect "$m: egress: the tbf on the ifb sent them" \
		grep -q '"kind":"tbf","packets":200,' "$OUT/egress.$m"

	# Ingress redirection of the loopback device: handed up the stack again.
	ns tc qdisc add dev lo clsact
	ns tc filter add dev lo ingress matchall action mirred egress redirect dev r0
	ns python3 - >"$OUT/ingress.$m" <<-'EOF'
	import socket
	r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	r.bind(("127.0.0.1", 9000))
	r.settimeout(3)
	s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	n = 0
	for i in range(100):
	    s.sendto(b"z" * 80, ("127.0.0.1", 9000))
	try:
	    while n < 100:
	        r.recv(200)
	        n += 1
	except socket.timeout:
	    pass
	print("received", n)
	EOF
	{
		for f in rx_packets tx_packets rx_dropped tx_dropped; do
			echo "r0 $f=$(stat r0 "$f")"
		done
	} >>"$OUT/ingress.$m"
	expect "$m: ingress: every datagram went through the ifb and up the stack" \
		grep -qx 'received 100' "$OUT/ingress.$m"
	ns tc qdisc del dev lo clsact

	# A burst longer than the queue: a plug qdisc on the ifb device holds 200
	# datagrams, then lets them all go at once, from one softirq, before the
	# ifb device's work can run. The ifb device stops its queue at 32
	# (tx_queue_len), which leaves the rest in the qdisc, and wakes it once its
	# work has handed them on; a queue never woken would keep them there.
	ns tc qdisc replace dev r0 root plug limit 100000
	n=$(stat r0 tx_packets)
	udp_send 200 198.51.100.2
	{
		echo "held: $(($(stat r0 tx_packets) - n)) sent, $(ns tc -s -j qdisc show dev r0 | jq '.[0].qlen') in the qdisc"
		ns tc qdisc change dev r0 root plug release_indefinite
		sleep 1
		echo "released: $(($(stat r0 tx_packets) - n)) sent"
		ns tc -s -j qdisc show dev r0 | jq -c '.[] | {kind, packets, drops, backlog, qlen}'
	} >"$OUT/burst.$m"
	expect "$m: a burst: 200 held, then all sent on" bash -c "
		grep -qx 'held: 0 sent, 200 in the qdisc' '$OUT/burst.$m' &&
		grep -qx 'released: 200 sent' '$OUT/burst.$m' &&
		grep -q '\"packets\":200,\"drops\":0,\"backlog\":0,' '$OUT/burst.$m'"

	# Several queues: the flows of several sockets spread over them.
	ns tc filter del dev e0 egress
	ip -n "$NS" link add r4 numtxqueues 4 type ifb
	ip -n "$NS" link set r4 up
	ns tc filter add dev e0 egress matchall action mirred egress redirect dev r4
	udp_send 400 198.51.100.2 16
	sleep 2
	ns ethtool -S r4 >"$OUT/mq.stats.$m"
	echo "tx_packets=$(stat r4 tx_packets)" >"$OUT/mq.$m"
	sed -n 's/^ *tx_queue_[0-9]*_packets: //p' "$OUT/mq.stats.$m" |
		awk '{ s += $1; q += ($1 > 0) } END { print "sum=" s; print "busy=" (q > 1) }' >>"$OUT/mq.$m"
	expect "$m: 4 queues: 400 datagrams, on more than one queue" \
		test "$(tr '\n' ' ' <"$OUT/mq.$m")" = "tx_packets=400 sum=400 busy=1 "

	# Under traffic: down and up, a move to another namespace and back,
	# deletion, and removal of the module.
	udp_send 3000 198.51.100.2 4 &
	ip -n "$NS" link set r4 down
	ip -n "$NS" link set r4 up
	ip -n "$NS" link set r4 netns 1
	ip link set r4 netns "$NS"
	ip -n "$NS" link del r4
	wait
	expect "$m: down, up, moves and deletion under traffic" \
		bash -c "! ip -n $NS link show r4"
	{
		for i in $(seq 1 "$CYCLES"); do
			echo "link add c$i numtxqueues 2 type ifb"
			echo "link set c$i up"
			echo "link set c$i down"
			echo "link del c$i"
		done
	} >"$OUT/batch"
	expect "$m: $CYCLES create/up/down/delete cycles" ip -batch "$OUT/batch"
	udp_send 5000 198.51.100.2 4 &
	sleep 0.2
	expect "$m: rmmod under traffic" rmmod "$m"
	wait
	expect "$m: every device gone with the module" \
		bash -c "[ '$(names ifb)' = '(none)' ] && ! ip -n $NS link show r0"
	ip netns del "$NS"
	rmmod dummy
	expect "$m: nothing holds the module any more" bash -c "! [ -d /sys/module/$m ]"
}

for m in $IMPLS; do
	suite "$m"
done

# names.0, names.3 and names.repeat are compared with what C gives above.
for f in names.1 modinfo attrs.load attrs.user attrs.mq attrs.rxq err.add unredirected \
	egress ingress burst mq second; do
	same "C and Rust agree: $f" "$OUT/$f.ifb_c" "$OUT/$f.ifb"
done
