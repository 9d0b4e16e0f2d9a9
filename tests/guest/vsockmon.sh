#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vsockmon: the C driver (vsockmon_c, a test module built from the 7.3
# sources, tests/lib/twins.sh) and the Rust one (vsockmon), same tests, same
# boot; results that must agree are written to $OUT and compared at the end. Traffic goes over the vsock loopback transport (CID 1).
set -u
. "$(dirname "$0")/lib.sh"
# The number of results this suite reports (lib.sh).
plan $((2 * 27 + 6))
HERE=$(cd "$(dirname "$0")" && pwd)
CYCLES=${CYCLES:-100}
IMPLS="vsockmon_c vsockmon"
PORT=5000
TRAFFIC="python3 $HERE/vsocktraffic.py"

other() { [ "$1" = vsockmon_c ] && echo vsockmon || echo vsockmon_c; }
counter() { cat "/sys/class/net/$1/statistics/$2"; }

suite() {
	local m=$1 o p0 b0 t d
	o=$(other "$m")
	unload vsockmon_c vsockmon

	monitor_up "$m" "$o" vsockmon vsm0 VSOCKMON 826 "$OUT/vsm."
	expect "$m: default MTU is 64 KiB plus the monitor header" \
		grep -qx 'mtu=65568' "$OUT/vsm.attrs.up.$m"
	expect "$m: no MTU limits" \
		bash -c "ip -d -j link show vsm0 | jq -e '.[0].min_mtu == 0 and .[0].max_mtu == 0'"

	# Traffic: one connection with a known payload, captured by tcpdump.
	p0=$(counter vsm0 rx_packets)
	b0=$(counter vsm0 rx_bytes)
	capture_start vsm0 "$OUT/vsm.$m.pcap"
	expect "$m: vsock connection over loopback" \
		bash -c "$TRAFFIC run $PORT 5 >'$OUT/vsm.traffic.$m'"
	capture_stop
	$TRAFFIC pcap "$OUT/vsm.$m.pcap" >"$OUT/vsm.pcap.json.$m" 2>&1
	expect "$m: capture holds the connection's five messages and replies" \
		jq -e --slurpfile t "$OUT/vsm.traffic.$m" \
		'.payloads == ([$t[0].sent, $t[0].replies] | transpose | flatten)' \
		"$OUT/vsm.pcap.json.$m"
	expect "$m: rx_packets/rx_bytes match the capture" \
		jq -e ".packets == $(($(counter vsm0 rx_packets) - p0)) and
			.bytes == $(($(counter vsm0 rx_bytes) - b0)) and .packets > 0" \
		"$OUT/vsm.pcap.json.$m"
	# tcpdump's own decoder (DLT_VSOCK); the client's port differs per run. How
	# many DISCONNECTs end the connection depends on timing (an RST answers a
	# shutdown that finds the peer socket gone already), so after the first one
	# only which packets went which way is kept.
	d=$(tcpdump -r "$OUT/vsm.$m.pcap" -n -t 2>/dev/null |
		sed -E "s/1\.[0-9]+ > 1\.$PORT /1.CLIENT > 1.$PORT /; s/1\.$PORT > 1\.[0-9]+ /1.$PORT > 1.CLIENT /")
	{
		echo "$d" | sed '/DISCONNECT/q'
		echo "$d" | sed '1,/DISCONNECT/d' | sort -u | sed 's/^/after the shutdown: /'
	} >"$OUT/vsm.decoded.$m"
	expect "$m: tcpdump decodes the connection" \
		bash -c "grep -q '^VIRTIO 1.CLIENT > 1.$PORT CONNECT' '$OUT/vsm.decoded.$m' &&
			[ \$(grep -c 'PAYLOAD, length' '$OUT/vsm.decoded.$m') = 10 ]"
	tcpdump -r "$OUT/vsm.$m.pcap" -n -t -A 2>/dev/null >"$OUT/vsm.ascii.$m"
	expect "$m: tcpdump shows the payload" grep -q 'rust-vsockmon-0004' "$OUT/vsm.ascii.$m"

	# MTU: the floor is the monitor header; no upper limit.
	{
		errmsg ip link set vsm0 mtu 31
		errmsg ip link set vsm0 mtu 32
		cat /sys/class/net/vsm0/mtu
		errmsg ip link set vsm0 mtu 1000000
		cat /sys/class/net/vsm0/mtu
		# As in C, a new device's MTU is only checked against min_mtu (0).
		errmsg ip link add vsm1 mtu 10 type vsockmon
		cat /sys/class/net/vsm1/mtu
		ip link del vsm1
	} >"$OUT/vsm.mtu.$m" 2>&1
	expect "$m: MTU below the header size refused" \
		bash -c "head -n 1 '$OUT/vsm.mtu.$m' | grep -q 'Invalid argument'"
	expect "$m: MTU at the header size accepted" \
		bash -c "[ \"\$(sed -n 2,3p '$OUT/vsm.mtu.$m' | tr '\n' ' ')\" = 'SUCCEEDED 32 ' ]"
	expect "$m: MTU 1000000 accepted, a new device keeps MTU 10" \
		bash -c "[ \"\$(sed -n 4,7p '$OUT/vsm.mtu.$m' | tr '\n' ' ')\" = 'SUCCEEDED 1000000 SUCCEEDED 10 ' ]"

	# Lifecycle: the tap holds a module reference while the device is up.
	expect_held_while_up "$m" vsm0 "$OUT/vsm.err.rmmod.$m"
	ip link del vsm0

	# The vsock tap list is global: a device in another namespace sees it all.
	netns_up vnt vsockmon
	$TRAFFIC run $PORT 1 >/dev/null
	expect "$m: a device in another namespace sees the traffic" \
		test "$(ip netns exec vnt cat /sys/class/net/mon0/statistics/rx_packets)" -gt 0
	expect_netns_release "$m" vnt

	# Cycles while vsock traffic flows, so that taps come and go under it.
	updown_batch vsockmon "$CYCLES" >"$OUT/batch"
	$TRAFFIC loop $((PORT + 1)) >"$OUT/vsm.loop.$m" 2>&1 &
	t=$!
	expect "$m: $CYCLES create/up/down/delete cycles" ip -batch "$OUT/batch"
	kill -TERM $t
	wait $t
	expect "$m: traffic flowed during the cycles" jq -e '.connections > 0' "$OUT/vsm.loop.$m"
	expect "$m: no device left after the cycles" \
		bash -c "! ip -o link show type vsockmon | grep -q ."
	expect "$m: module refcount 0 after the cycles" test "$(mod_refcnt "$m")" = 0
	expect "$m: rmmod" rmmod "$m"
}

for m in $IMPLS; do
	suite "$m"
done

for f in attrs.down attrs.up decoded mtu err.rmmod second; do
	same "C and Rust agree: vsockmon $f" "$OUT/vsm.$f.vsockmon_c" "$OUT/vsm.$f.vsockmon"
done
