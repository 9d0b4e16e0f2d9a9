#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nlmon: the C driver (nlmon_c, a test module built from the 7.3 sources,
# tests/lib/twins.sh) and the Rust one (nlmon), same tests, same boot; results
# that must agree are written to $OUT and compared at the end.
set -u
. "$(dirname "$0")/lib.sh"
# The number of results this suite reports (lib.sh).
plan $((2 * 19 + 7))
HERE=$(cd "$(dirname "$0")" && pwd)
CYCLES=${CYCLES:-100}
IMPLS="nlmon_c nlmon"

other() { [ "$1" = nlmon_c ] && echo nlmon || echo nlmon_c; }

suite() {
	local m=$1 o
	o=$(other "$m")
	unload nlmon_c nlmon

	monitor_up "$m" "$o" nlmon mon0 NETLINK 824 "$OUT/"

	# Capture: a known amount of rtnetlink traffic, counted three ways.
	python3 "$HERE/nlcapture.py" mon0 50 >"$OUT/capture.json.$m" 2>&1
	jq -c '{requests, replies, our_bytes}' "$OUT/capture.json.$m" >"$OUT/capture.$m"
	expect "$m: capture holds the 50 requests and 50 replies" \
		jq -e '.requests == 50 and .replies == 50' "$OUT/capture.json.$m"
	expect "$m: rx_packets/rx_bytes match the capture" \
		jq -e '.captured == .rx_packets and .bytes == .rx_bytes' "$OUT/capture.json.$m"
	# tcpdump captures; tshark decodes the capture on the host after the boot
	# (tcpdump has no rtnetlink decoder, and tshark takes minutes to start in
	# an emulated guest): tests/run-tests.sh, nlmon_decoded.
	# The query: RTM_GETLINK for ifindex 1 (lo), sequence number 4242, which
	# the host finds the request and the reply by (tests/lib/nldecode.sh).
	capture_start mon0 "$OUT/tcpdump.$m.pcap"
	python3 -c 'import socket, struct
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
s.send(struct.pack("=IHHIIBxHiII", 32, 18, 1, 4242, 0, 0, 0, 1, 0, 0))
s.recv(65536)'
	capture_stop

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
	expect_held_while_up "$m" mon0 "$OUT/err.rmmod.$m"
	ip link del mon0

	updown_batch nlmon "$CYCLES" >"$OUT/batch"
	expect "$m: $CYCLES create/up/down/delete cycles" ip -batch "$OUT/batch"
	expect "$m: no device left after the cycles" \
		bash -c "! ip -o link show type nlmon | grep -q ."

	netns_up rnt nlmon
	expect_netns_release "$m" rnt
	expect "$m: rmmod" rmmod "$m"
}

for m in $IMPLS; do
	suite "$m"
done

for f in attrs.down attrs.up capture err.addr err.mtu err.rmmod second; do
	same "C and Rust agree: $f" "$OUT/$f.nlmon_c" "$OUT/$f.nlmon"
done
