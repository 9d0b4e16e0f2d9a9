#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nlmon: the C driver (nlmon) and the Rust one (nlmon_rust), same tests, same
# boot; results that must agree are written to $OUT and compared at the end.
set -u
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
CYCLES=${CYCLES:-100}
IMPLS="nlmon nlmon_rust"

other() { [ "$1" = nlmon ] && echo nlmon_rust || echo nlmon; }

# Attributes that user space sees, without what differs between any two devices.
attrs() {
	local d=$1 f
	ip -d -j link show "$d" | jq -S '.[0] | del(.ifindex, .ifname, .stats64)'
	for f in type mtu flags addr_len tx_queue_len carrier operstate addr_assign_type \
		dormant link_mode; do
		printf '%s=%s\n' "$f" "$(cat "/sys/class/net/$d/$f" 2>&1)"
	done
	ethtool "$d" | grep -v "^Settings for"
	ethtool -k "$d" | grep -v "^Features for"
	ethtool -i "$d" 2>&1
}

suite() {
	local m=$1 o
	o=$(other "$m")
	unload nlmon nlmon_rust

	expect "$m: modprobe" modprobe "$m"
	errmsg modprobe "$o" | sed "s/\b$o\b/OTHER/g" >"$OUT/second.$m"
	expect "$m: loading $o as well fails, nothing left behind" \
		bash -c "! grep -q SUCCEEDED '$OUT/second.$m' && [ ! -d /sys/module/$o ]"

	expect "$m: ip link add type nlmon" ip link add mon0 type nlmon
	attrs mon0 >"$OUT/attrs.down.$m" 2>&1
	expect "$m: up" ip link set mon0 up
	attrs mon0 >"$OUT/attrs.up.$m" 2>&1
	expect "$m: type is ARPHRD_NETLINK" grep -qx 'type=824' "$OUT/attrs.up.$m"
	expect "$m: ethtool link detected" grep -q 'Link detected: yes' "$OUT/attrs.up.$m"

	# Capture: a known amount of rtnetlink traffic, counted three ways.
	python3 "$HERE/nlcapture.py" mon0 50 >"$OUT/capture.json.$m" 2>&1
	jq -c '{requests, replies, our_bytes}' "$OUT/capture.json.$m" >"$OUT/capture.$m"
	expect "$m: capture holds the 50 requests and 50 replies" \
		jq -e '.requests == 50 and .replies == 50' "$OUT/capture.json.$m"
	expect "$m: rx_packets/rx_bytes match the capture" \
		jq -e '.captured == .rx_packets and .bytes == .rx_bytes' "$OUT/capture.json.$m"
	# tcpdump captures, tshark decodes (tcpdump has no rtnetlink decoder).
	capture_start mon0 "$OUT/tcpdump.$m.pcap"
	ip link show dev lo >/dev/null
	capture_stop
	tshark -r "$OUT/tcpdump.$m.pcap" -T fields -e netlink-route.nltype -e netlink-route.ifi_index \
		2>/dev/null >"$OUT/decoded.all.$m"
	# tcpdump's own queries come before or after it starts capturing: keep ours.
	grep -P '^(18\t0|16\t1)$' "$OUT/decoded.all.$m" | sort -u >"$OUT/decoded.$m"
	expect "$m: tcpdump capture decodes to the RTM_GETLINK request and its reply" \
		bash -c "grep -qP '^18\t0$' '$OUT/decoded.$m' && grep -qP '^16\t1$' '$OUT/decoded.$m'"

	# Bad input.
	errmsg ip link add m1 address 00:11:22:33:44:55 type nlmon >"$OUT/err.addr.$m"
	expect "$m: IFLA_ADDRESS refused, no device left" \
		bash -c "! grep -q SUCCEEDED '$OUT/err.addr.$m' && ! ip link show m1"
	errmsg ip link add m2 mtu 15 type nlmon >"$OUT/err.mtu.$m"
	errmsg ip link set mon0 mtu 15 >>"$OUT/err.mtu.$m"
	expect "$m: MTU below the minimum refused, no device left" \
		bash -c "! grep -q SUCCEEDED '$OUT/err.mtu.$m' && ! ip link show m2"
	expect "$m: MTU at the minimum accepted" ip link set mon0 mtu 16

	# Lifecycle: the tap holds a module reference while the device is up.
	expect "$m: module refcount 1 while up" test "$(mod_refcnt "$m")" = 1
	errmsg rmmod "$m" | sed "s/\b$m\b/MOD/g" >"$OUT/err.rmmod.$m"
	expect "$m: rmmod while up refused" \
		bash -c "! grep -q SUCCEEDED '$OUT/err.rmmod.$m' && [ -d /sys/module/$m ]"
	ip link set mon0 down
	expect "$m: module refcount 0 when down" test "$(mod_refcnt "$m")" = 0
	ip link del mon0

	{
		for i in $(seq 1 "$CYCLES"); do
			echo "link add mon$i type nlmon"
			echo "link set mon$i up"
			echo "link set mon$i down"
			echo "link del mon$i"
		done
	} >"$OUT/batch"
	expect "$m: $CYCLES create/up/down/delete cycles" ip -batch "$OUT/batch"
	expect "$m: no device left after the cycles" \
		bash -c "! ip -o link show type nlmon | grep -q ."

	ip netns add rnt
	ip -n rnt link add mon0 type nlmon
	ip -n rnt link set mon0 up
	expect "$m: up device holds the module in a namespace" test "$(mod_refcnt "$m")" = 1
	ip netns del rnt
	for r in $(seq 1 100); do
		[ "$(mod_refcnt "$m")" = 0 ] && break
		sleep 0.2
	done
	expect "$m: deleting the namespace releases the module" test "$(mod_refcnt "$m")" = 0
	expect "$m: rmmod" rmmod "$m"
}

for m in $IMPLS; do
	suite "$m"
done

for f in attrs.down attrs.up capture decoded err.addr err.mtu err.rmmod second; do
	same "C and Rust agree: $f" "$OUT/$f.nlmon" "$OUT/$f.nlmon_rust"
done
