#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vxcan: the C driver (vxcan_c, a test module built from the 7.3 sources,
# tests/lib/twins.sh) and the Rust one (vxcan), same tests, same boot; results
# that must agree are written to $OUT (vxcan.*.MODULE) and compared at the end.
# Only one module can own the link kind "vxcan": each is loaded, tested and
# unloaded in turn. Traffic goes through the CAN layer (can, can_raw) with
# Debian 12's can-utils (2020.11: cansend sends CAN FD only on an interface
# whose MTU is exactly 72, and knows no CAN XL) and, for what can-utils cannot
# do, tests/guest/cantool.py: CAN FD and XL frames from a CAN_RAW socket, and
# frames the CAN layer would refuse from a packet socket, straight to the
# driver.
set -u
. "$(dirname "$0")/lib.sh"
export LC_ALL=C
# The number of results this suite reports (lib.sh): 52 per implementation,
# 2 before them (the CAN modules, the Rust module's alias), 1 after them (an
# "ip link add ... type vxcan" loads the Rust module), and one comparison of C
# and Rust per file of CMP below.
# (traffic.sent and traffic.dump are compared with what C gives, each on its
# own.)
CMP=(second modinfo attrs.down attrs.up carrier mtu
	traffic.candump traffic.stats attrs.netns.up netns.traffic
	attrs.moved err msgs)
# make test-full (FULL=1) adds 8 checks per implementation and 3 files to
# compare: MTUs given at creation, unnamed pairs, ifindexes asked for.
FULL=${FULL:-0}
PER=44
[ "$FULL" = 1 ] && PER=52 && CMP+=(mtu.create unnamed index)
plan $((2 * PER + 3 + ${#CMP[@]}))
HERE=$(cd "$(dirname "$0")" && pwd)
CYCLES=${CYCLES:-100}
IMPLS="vxcan_c vxcan"
CANTOOL="python3 $HERE/cantool.py"
# Namespaces of this suite: vxb holds the far end of a pair, vxa the index
# checks and the pairs left for rmmod.
NSB=vxb
NSA=vxa

other() { [ "$1" = vxcan_c ] && echo vxcan || echo vxcan_c; }

# ipn NS ARG...: ip in namespace NS ("" for this one).
ipn() {
	local ns=$1
	shift
	if [ -n "$ns" ]; then ip -n "$ns" "$@"; else ip "$@"; fi
}
# nsrun NS CMD...: CMD (a program or an exported function) in namespace NS,
# with that namespace's /sys.
nsrun() {
	local ns=$1
	shift
	if [ -n "$ns" ]; then ip netns exec "$ns" bash -c '"$@"' nsrun "$@"; else "$@"; fi
}
# The names of the devices of namespace NS whose names start with "vx" (all of
# this suite's), sorted, on one line; empty if none.
vxnames() {
	ipn "${1:-}" -j link show 2>/dev/null |
		jq -r '[.[]? | .ifname | select(startswith("vx"))] | sort | join(" ")'
}
ifindex() { ipn "$1" -j link show "$2" 2>/dev/null | jq '.[0].ifindex'; }
# rc CMD...: runs CMD, prints its output (stdout and stderr, on one line) and
# its exit status.
rc() {
	local out r
	out=$("$@" 2>&1)
	r=$?
	printf '%s (exit %s)\n' "$(printf '%s' "$out" | tr '\n' ' ')" "$r"
}
# carrier DEV: 1 or 0, or "-" for a device that is down (reading the carrier
# also brings DEV's pending link-watch event to its end).
carrier() { cat "/sys/class/net/$1/carrier" 2>/dev/null || echo -; }
# stats NS DEV: the counters of DEV, as ip -s shows them.
stats() { ipn "$1" -s -j link show "$2" | jq -c '.[0].stats64'; }
# ns_del NS: deletes NS. The core cleans a deleted namespace up in a work
# item, which takes minutes in the emulated debug guest: what depends on it
# waits for its own sign (wait_gone), and the namespace ids it gives back are
# not waited for (link_netnsid is masked in the attributes).
ns_del() { ip netns del "$1" 2>/dev/null; }
# wait_gone DEV: waits (180 s at most) until DEV is gone from this namespace.
wait_gone() {
	local i
	for i in $(seq 1 360); do
		link_absent "$1" && return 0
		sleep 0.5
	done
	return 1
}
# wait_rcv NS DEV N: waits (60 s at most) until N CAN sockets receive on DEV
# of NS (/proc/net/can/rcvlist_*: each receiving filter is one line there).
wait_rcv() {
	local i
	for i in $(seq 1 120); do
		[ "$(nsrun "$1" bash -c 'cat /proc/net/can/rcvlist_* 2>/dev/null' |
			grep -c "^ *$2 ")" -ge "$3" ] && return 0
		sleep 0.5
	done
	return 1
}
# candump log lines without their time stamps.
untime() { sed -E 's/^\([0-9]+\.[0-9]+\) +//' "$@"; }

# devattrs DEV PEER [full]: what sysfs (and, with "full", ethtool) shows of
# DEV in this namespace; PEER, the peer's ifindex, shows as "PEER" in iflink.
# The carrier is read before the operstate, so that the link-watch event is
# done. One grep for all of sysfs: each process costs in an emulated guest.
devattrs() {
	local d=$1 p=$2
	(cd "/sys/class/net/$d" && grep -H . type mtu flags addr_assign_type addr_len address \
		broadcast tx_queue_len iflink name_assign_type carrier operstate dormant link_mode \
		carrier_changes carrier_up_count carrier_down_count 2>&1) |
		sed -E "s/^([a-z_]+):/\1=/; s/^iflink=$p\$/iflink=PEER/"
	[ "${3:-}" = full ] || return 0
	ethtool -i "$d" 2>&1
	ethtool -k "$d" 2>&1 | grep -v "^Features for"
	ethtool -T "$d" 2>&1 | grep -v "^Time stamping parameters for"
}
export -f devattrs
# attrs NS DEV PNS PDEV [full]: what user space sees of DEV in NS, whose peer
# is PDEV in PNS: ip -d, without the ifindex and with the peer's ifindex as
# "PEER" (ifindexes differ between the runs), then sysfs (and ethtool).
attrs() {
	local p
	p=$(ifindex "$3" "$4")
	ipn "$1" -d -j link show "$2" | jq -S --arg p "$p" '.[0] | del(.ifindex, .stats64) |
		if has("link_index") and (.link_index | tostring) == $p then .link_index = "PEER" else . end |
		if has("link_netnsid") then .link_netnsid = "NSID" else . end'
	nsrun "$1" devattrs "$2" "$p" "${5:-}"
}
# pair_attrs NS0 DEV0 NS1 DEV1 [full]: attrs of both ends of a pair.
pair_attrs() {
	echo "== $2"
	attrs "$1" "$2" "$3" "$4" "${5:-}"
	echo "== $4"
	attrs "$3" "$4" "$1" "$2" "${5:-}"
}
# linkstate DEV...: carrier, operstate and carrier counters of each DEV (the
# carrier first, which brings a pending link-watch event to its end).
linkstate() {
	local d
	for d in "$@"; do
		printf '%s carrier=%s %s\n' "$d" "$(carrier "$d")" \
			"$(cd "/sys/class/net/$d" && grep -H . operstate carrier_changes carrier_up_count \
				carrier_down_count | sed 's/:/=/' | tr '\n' ' ')"
	done
}
modfields() {
	local f
	for f in license description; do
		echo "$f:"
		modinfo -F "$f" "$1" | sort
	done
}
# hexes FORMAT FIRST LAST: the bytes FIRST..LAST as hex (FORMAT %02x or %02X).
# shellcheck disable=SC2046,SC2059
hexes() { printf "$1" $(seq "$2" "$3"); }

suite() {
	local m=$1 o n0 l i cdp pdp p0 p1 fd64 xl100 cc
	o=$(other "$m")
	unload vxcan_c vxcan
	n0=$(dmesg | wc -l)

	# Loading: one owner of the kind, the driver's banner, modinfo.
	expect "$m: modprobe" modprobe "$m"
	expect_exclusive "$m" "$o" "$OUT/vxcan.second.$m"
	modfields "$m" >"$OUT/vxcan.modinfo.$m"
	expect "$m: modinfo names the description" \
		grep -qx "Virtual CAN Tunnel" "$OUT/vxcan.modinfo.$m"

	# A pair in one namespace.
	expect "$m: ip link add vx0 type vxcan peer name vx1" ip link add vx0 type vxcan peer name vx1
	udevadm settle
	pair_attrs "" vx0 "" vx1 full >"$OUT/vxcan.attrs.down.$m" 2>&1
	expect "$m: vx0 and vx1 are each other's link" \
		test "$(ip -j link show type vxcan | jq -r '[.[] | "\(.ifname)@\(.link)"] | sort | join(" ")')" \
		= "vx0@vx1 vx1@vx0"
	expect "$m: ARPHRD_CAN (280), MTU 2060 (CANXL_MTU), NOARP, no address, txqueuelen 1000" \
		bash -c "grep -qx type=280 '$OUT/vxcan.attrs.down.$m' &&
			[ \$(grep -cxE 'type=280|mtu=2060|flags=0x80|addr_len=0|tx_queue_len=1000' \
				'$OUT/vxcan.attrs.down.$m') = 10 ]"
	expect "$m: ethtool: driver vxcan, software time stamps" \
		bash -c "grep -qx 'driver: vxcan' '$OUT/vxcan.attrs.down.$m' &&
			grep -q software-transmit '$OUT/vxcan.attrs.down.$m'"

	# Carrier: on when both ends are up, on both; off on both when either
	# goes down.
	{
		echo "# created"
		linkstate vx0 vx1
		ip link set vx0 up
		echo "# vx0 up"
		linkstate vx0 vx1
		ip link set vx1 up
		echo "# vx1 up"
		linkstate vx0 vx1
		ip link set vx1 down
		echo "# vx1 down"
		linkstate vx0 vx1
		ip link set vx1 up
		echo "# vx1 up"
		linkstate vx0 vx1
		ip link set vx0 down
		echo "# vx0 down"
		linkstate vx0 vx1
		ip link set vx0 up
		echo "# vx0 up"
		linkstate vx0 vx1
	} >"$OUT/vxcan.carrier.$m" 2>&1
	cc=$(grep -o 'carrier=[-01]' "$OUT/vxcan.carrier.$m" | cut -d= -f2 | tr -d '\n')
	expect "$m: carrier: none with one end up" test "${cc:0:4}" = "--0-"
	expect "$m: carrier: on both ends when both are up" test "${cc:4:2},${cc:8:2},${cc:12:2}" = "11,11,11"
	expect "$m: carrier: off on the other end when one goes down" \
		test "${cc:6:2},${cc:10:2}" = "0-,-0"
	udevadm settle
	pair_attrs "" vx0 "" vx1 >"$OUT/vxcan.attrs.up.$m" 2>&1

	# MTU: CAN (16), CAN FD (72) or CAN XL (76..2060), changed only while
	# down; each end has its own.
	{
		printf 'up, mtu 72: %s, now %s\n' "$(rc ip link set vx0 mtu 72)" "$(cat /sys/class/net/vx0/mtu)"
		printf 'up, mtu 2060: %s, now %s\n' "$(rc ip link set vx0 mtu 2060)" "$(cat /sys/class/net/vx0/mtu)"
		ip link set vx0 down
		for i in 16 72 76 2048 2060 17 75 2061 100000 0 -1; do
			printf 'mtu %s: %s, now %s\n' "$i" "$(rc ip link set vx0 mtu "$i")" "$(cat /sys/class/net/vx0/mtu)"
		done
		echo "peer: $(cat /sys/class/net/vx1/mtu)"
	} >"$OUT/vxcan.mtu.$m" 2>&1
	expect "$m: MTU change while up refused (EBUSY)" \
		grep -qx 'up, mtu 72: RTNETLINK answers: Device or resource busy (exit 2), now 2060' "$OUT/vxcan.mtu.$m"
	expect "$m: MTUs 16, 72, 76, 2048 and 2060 accepted while down" \
		test "$(grep -cE '^mtu (16|72|76|2048|2060):  \(exit 0\), now \1$' "$OUT/vxcan.mtu.$m")" = 5
	expect "$m: MTUs 17, 75, 2061, 100000 and 0 refused (EINVAL)" \
		test "$(grep -cE '^mtu (17|75|2061|100000|0): RTNETLINK answers: Invalid argument \(exit 2\), now 2060$' \
			"$OUT/vxcan.mtu.$m")" = 5
	expect "$m: the peer keeps its MTU" grep -qx 'peer: 2060' "$OUT/vxcan.mtu.$m"
	expect "$m: deleting vx0 deletes vx1" bash -c "ip link del vx0 && ! ip link show vx1"

	# make test-full only (CI's time): MTUs at creation, unnamed pairs.
	if [ "$FULL" = 1 ]; then
		# MTUs given at creation are taken as they are (only the core's limits
		# apply, and vxcan sets none): a pair created with MTU 72 keeps the CAN XL
		# capability of its set-up, so a CAN XL frame that fits in 72 bytes passes.
		{
			rc ip link add vx2 mtu 17 type vxcan peer name vx3 mtu 100000
			echo "vx2 $(cat /sys/class/net/vx2/mtu 2>&1), vx3 $(cat /sys/class/net/vx3/mtu 2>&1)"
			ip link del vx3
			rc ip link add vx4 mtu 72 type vxcan peer name vx5
			echo "vx4 $(cat /sys/class/net/vx4/mtu 2>&1), vx5 $(cat /sys/class/net/vx5/mtu 2>&1)"
			ip link set vx4 up
			ip link set vx5 up
			carrier vx4
			$CANTOOL send vx4 "xl:242:80:01:0:$(hexes %02x 1 50)" "xl:242:80:01:0:$(hexes %02x 1 70)"
			stats "" vx4
		} >"$OUT/vxcan.mtu.create.$m" 2>&1
		expect "$m: MTUs given at creation taken unchecked (17, 100000)" \
			grep -qx 'vx2 17, vx3 100000' "$OUT/vxcan.mtu.create.$m"
		expect "$m: deleting the peer (vx3) deleted vx2" link_absent vx2
		expect "$m: created with MTU 72: CAN XL frame of 62 bytes passes, of 82 refused (EMSGSIZE)" \
			bash -c "[ \"\$(grep '^xl ' '$OUT/vxcan.mtu.create.$m' | tr '\n' ' ')\" = 'xl ok xl EMSGSIZE ' ]"
		ip link del vx4

		# Pairs without names: vxcan%d for what has no name, the peer first.
		{
			rc ip link add type vxcan
			rc ip link add type vxcan peer name vxp
			rc ip link add vxq type vxcan
			ip -j link show type vxcan | jq -r '.[] | "\(.ifname)@\(.link)"' | sort
			for i in vxcan0 vxcan1 vxcan2 vxcan3 vxp vxq; do
				echo "$i name_assign_type=$(cat "/sys/class/net/$i/name_assign_type" 2>&1)"
			done
		} >"$OUT/vxcan.unnamed.$m" 2>&1
		expect "$m: unnamed ends are vxcan0..vxcan3, each pair linked" \
			test "$(grep @ "$OUT/vxcan.unnamed.$m" | tr '\n' ' ')" \
			= "vxcan0@vxcan1 vxcan1@vxcan0 vxcan2@vxp vxcan3@vxq vxp@vxcan2 vxq@vxcan3 "
		ip link del vxcan1
		ip link del vxp
		ip link del vxcan3
		expect "$m: no unnamed device left" test -z "$(vxnames)"
	fi

	# Traffic from vx0 to vx1, received by candump (CAN and CAN FD) and by
	# cantool (all three kinds); what each send gives is kept. CAN FD needs
	# MTU 72 for cansend, CAN XL an MTU of at least 76; a frame the driver
	# finds invalid is dropped and counted in tx_dropped.
	fd64=$(hexes %02x 0 63)
	xl100=$(hexes %02x 0 99)
	expect "$m: ip link add vx0 type vxcan peer name vx1 (traffic)" \
		ip link add vx0 type vxcan peer name vx1
	ip link set vx0 up
	ip link set vx1 up
	candump -L -n 7 -T 30000 vx1 >"$OUT/vxcan.candump.raw.$m" 2>&1 &
	cdp=$!
	$CANTOOL dump vx1 8 30 >"$OUT/vxcan.traffic.dump.$m" 2>&1 &
	pdp=$!
	expect "$m: candump and cantool listen on vx1" wait_rcv "" vx1 2
	carrier vx0 >/dev/null
	{
		echo "# mtu $(cat /sys/class/net/vx0/mtu)"
		echo "cansend 123#DEADBEEF: $(rc cansend vx0 123#DEADBEEF)"
		echo "cansend 123#R3: $(rc cansend vx0 123#R3)"
		echo "cansend 1F334455#1122334455667788: $(rc cansend vx0 1F334455#1122334455667788)"
		echo "cansend 123##1112233: $(rc cansend vx0 123##1112233)"
		$CANTOOL send vx0 "fd:123:1:$fd64" "xl:242:80:3:12345678:$xl100"
		ip link set vx0 down
		ip link set vx0 mtu 72
		ip link set vx0 up
		carrier vx0 >/dev/null
		echo "# mtu $(cat /sys/class/net/vx0/mtu)"
		echo "cansend 123##1112233: $(rc cansend vx0 123##1112233)"
		$CANTOOL send vx0 "xl:242:80:3:12345678:$xl100"
		ip link set vx0 down
		ip link set vx0 mtu 16
		ip link set vx0 up
		carrier vx0 >/dev/null
		echo "# mtu $(cat /sys/class/net/vx0/mtu)"
		echo "cansend 123##1112233: $(rc cansend vx0 123##1112233)"
		$CANTOOL send vx0 "fd:123:1:112233"
		echo "cansend 5A1#11.22: $(rc cansend vx0 5A1#11.22)"
		# From a packet socket: CAN with len 9, a CAN frame as IPv4, a
		# 16-byte CAN FD, a 72-byte CAN FD (over the MTU), a valid CAN frame.
		$CANTOOL send vx0 pkt:000c:2103000009000000aabbccddeeff0011 \
			pkt:0800:2103000002000000aabb000000000000 \
			pkt:000d:2103000002000000aabb000000000000 \
			"pkt:000d:2103000002010000$(hexes %02x 1 64)" \
			pkt:000c:2103000002000000aabb000000000000
	} >"$OUT/vxcan.traffic.sent.$m" 2>&1
	wait $cdp
	wait $pdp
	untime "$OUT/vxcan.candump.raw.$m" >"$OUT/vxcan.traffic.candump.$m"
	{
		echo "vx0 $(stats "" vx0)"
		echo "vx1 $(stats "" vx1)"
	} >"$OUT/vxcan.traffic.stats.$m"
	expect "$m: every send gives what it gives in C" \
		diff - "$OUT/vxcan.traffic.sent.$m" <<-EOF
		# mtu 2060
		cansend 123#DEADBEEF:  (exit 0)
		cansend 123#R3:  (exit 0)
		cansend 1F334455#1122334455667788:  (exit 0)
		cansend 123##1112233: CAN interface is not CAN FD capable - sorry. (exit 1)
		fd ok
		xl ok
		# mtu 72
		cansend 123##1112233:  (exit 0)
		xl EINVAL
		# mtu 16
		cansend 123##1112233: CAN interface is not CAN FD capable - sorry. (exit 1)
		fd EINVAL
		cansend 5A1#11.22:  (exit 0)
		pkt ok
		pkt ok
		pkt ok
		pkt EMSGSIZE
		pkt ok
		EOF
	expect "$m: candump on vx1 receives the 5 CAN and 2 CAN FD frames" \
		grep -qxE "vx1 123#DEADBEEF;vx1 123#R3?;vx1 1F334455#1122334455667788;vx1 123##[0-9A-F]$(hexes %02X 0 63);vx1 123##[0-9A-F]112233;vx1 5A1#1122;vx1 321#AABB;" \
		<(tr '\n' ';' <"$OUT/vxcan.traffic.candump.$m")
	expect "$m: cantool on vx1 receives the 8 frames exactly" \
		diff - "$OUT/vxcan.traffic.dump.$m" <<-EOF
		CC can_id=00000123 len=4 pad=00 res0=00 len8_dlc=0 data=deadbeef00000000
		CC can_id=40000123 len=3 pad=00 res0=00 len8_dlc=0 data=0000000000000000
		CC can_id=9f334455 len=8 pad=00 res0=00 len8_dlc=0 data=1122334455667788
		FD can_id=00000123 len=64 flags=05 res=0000 data=$fd64 padding_zero=1
		XL prio=00000242 flags=80 sdt=03 len=100 af=12345678 size=112 data=$xl100
		FD can_id=00000123 len=3 flags=05 res=0000 data=112233 padding_zero=1
		CC can_id=000005a1 len=2 pad=00 res0=00 len8_dlc=0 data=1122000000000000
		CC can_id=00000321 len=2 pad=00 res0=00 len8_dlc=0 data=aabb000000000000
		EOF
	expect "$m: vx0 counts 8 frames, 183 data bytes sent, 3 invalid dropped, nothing received" \
		jq -e '.tx.packets == 8 and .tx.bytes == 183 and .tx.dropped == 3 and .tx.errors == 0 and
			.rx.packets == 0 and .rx.bytes == 0' <(stats "" vx0)
	expect "$m: vx1 counts 8 frames, 183 data bytes received, nothing dropped or sent" \
		jq -e '.rx.packets == 8 and .rx.bytes == 183 and .rx.dropped == 0 and .rx.errors == 0 and
			.tx.packets == 0 and .tx.dropped == 0' <(stats "" vx1)
	# With the peer down vx0 has no carrier: nothing reaches vx1.
	ip link set vx1 down
	carrier vx0 >/dev/null
	{
		echo "cansend 123#DEADBEEF, vx1 down: $(rc cansend vx0 123#DEADBEEF)"
		echo "vx0 $(stats "" vx0)"
		echo "vx1 $(stats "" vx1)"
	} >>"$OUT/vxcan.traffic.stats.$m"
	expect "$m: a frame sent while the peer is down is not delivered" \
		test "$(stats "" vx0 | jq '.tx.packets'),$(stats "" vx1 | jq '.rx.packets')" = "8,8"
	expect "$m: deleting vx1 deletes vx0" bash -c "ip link del vx1 && ! ip link show vx0"

	# A pair across two namespaces.
	ip netns add $NSB
	expect "$m: ip link add vx0 type vxcan peer name vx1 netns $NSB" \
		ip link add vx0 type vxcan peer name vx1 netns $NSB
	ip link set vx0 up
	ip -n $NSB link set vx1 up
	udevadm settle
	pair_attrs "" vx0 $NSB vx1 >"$OUT/vxcan.attrs.netns.up.$m" 2>&1
	expect "$m: across namespaces: each end links to the other (link_netnsid), carrier on both" \
		bash -c "[ \$(grep -c '\"link_index\": \"PEER\"' '$OUT/vxcan.attrs.netns.up.$m') = 2 ] &&
			[ \$(grep -c '\"link_netnsid\"' '$OUT/vxcan.attrs.netns.up.$m') = 2 ] &&
			[ \$(grep -cx 'carrier=1' '$OUT/vxcan.attrs.netns.up.$m') = 2 ] &&
			[ \$(grep -cx 'iflink=PEER' '$OUT/vxcan.attrs.netns.up.$m') = 2 ]"
	# Each candump sees only the other end's frames (a CAN socket also
	# receives the frames sent on its own device).
	ip netns exec $NSB candump -L -n 1 -T 30000 vx1,123:7FF >"$OUT/vxcan.netns.vx1.$m" 2>&1 &
	p1=$!
	candump -L -n 1 -T 30000 vx0,456:7FF >"$OUT/vxcan.netns.vx0.$m" 2>&1 &
	p0=$!
	wait_rcv $NSB vx1 1
	wait_rcv "" vx0 1
	carrier vx0 >/dev/null
	{
		echo "cansend vx0 123#11223344: $(rc cansend vx0 123#11223344)"
		echo "cansend vx1 456#55667788: $(rc ip netns exec $NSB cansend vx1 456#55667788)"
		wait $p0
		wait $p1
		untime "$OUT/vxcan.netns.vx0.$m" "$OUT/vxcan.netns.vx1.$m"
		echo "vx0 $(stats "" vx0)"
		echo "vx1 $(stats $NSB vx1)"
	} >"$OUT/vxcan.netns.traffic.$m" 2>&1
	expect "$m: frames cross the namespaces both ways, counted" \
		bash -c "grep -qx 'vx1 123#11223344' '$OUT/vxcan.netns.traffic.$m' &&
			grep -qx 'vx0 456#55667788' '$OUT/vxcan.netns.traffic.$m' &&
			[ \$(grep -o '\"packets\":1,' '$OUT/vxcan.netns.traffic.$m' | wc -l) = 4 ]"
	expect "$m: deleting vx0 deletes vx1 in the other namespace" \
		bash -c "ip link del vx0 && [ -z \"\$(ip -n $NSB -o link show | grep vx)\" ]"

	# Moving one end to another namespace, and back.
	ip link add vx0 type vxcan peer name vx1
	expect "$m: ip link set vx1 netns $NSB" ip link set vx1 netns $NSB
	udevadm settle
	pair_attrs "" vx0 $NSB vx1 >"$OUT/vxcan.attrs.moved.$m" 2>&1
	expect "$m: moved: vx0 links to vx1 in $NSB, vx1 back to vx0" \
		bash -c "[ \$(grep -c '\"link_index\": \"PEER\"' '$OUT/vxcan.attrs.moved.$m') = 2 ] &&
			[ \$(grep -c '\"link_netnsid\"' '$OUT/vxcan.attrs.moved.$m') = 2 ]"
	ip -n $NSB link set vx1 netns 1
	expect "$m: moved back: vx0 and vx1 are each other's link by name" \
		test "$(ip -j link show type vxcan | jq -r '[.[] | "\(.ifname)@\(.link)"] | sort | join(" ")')" \
		= "vx0@vx1 vx1@vx0"

	# Refused requests: the same errors, nothing left behind (vx0 and vx1
	# exist).
	{
		rc ip link add vx2 type vxcan peer name vx2
		rc ip link add vx0 type vxcan peer name vx3
		rc ip link add vx2 type vxcan peer name vx1
		rc ip link add vx2 type vxcan peer name vx0
		rc ip link add vx2 type vxcan peer name 0123456789abcdefg
		rc ip link add vx2 type vxcan peer name vx3 mtu -1
		rc ip link add vx2 type vxcan peer name vx3 numtxqueues 0
		rc ip link add vx2 type vxcan peer name vx3 netns 2147483647
		rc ip link add vx2 type vxcan peer name vx3 netns vxnosuch
		ip netns add $NSA
		ip -n $NSA link add vx1 type vxcan peer name vx9
		rc ip link add vx2 type vxcan peer name vx1 netns $NSA
		ip -n $NSA link del vx1
	} >"$OUT/vxcan.err.$m" 2>&1
	expect "$m: names taken refused (EEXIST): one name for both ends, the first's, the peer's" \
		test "$(sed -n 1,4p "$OUT/vxcan.err.$m" | grep -c '^RTNETLINK answers: File exists (exit 2)$')" = 4
	expect "$m: peer MTU -1 refused with the core's message" \
		grep -qx 'Error: mtu less than device minimum. (exit 2)' "$OUT/vxcan.err.$m"
	expect "$m: peer with 0 transmit queues refused with the core's message" \
		grep -qx 'Error: Invalid number of transmit queues. (exit 2)' "$OUT/vxcan.err.$m"
	expect "$m: peer in the namespace of a missing process refused (ESRCH)" \
		grep -qx 'RTNETLINK answers: No such process (exit 2)' "$OUT/vxcan.err.$m"
	expect "$m: peer name taken in the peer's namespace refused" \
		test "$(sed -n 10p "$OUT/vxcan.err.$m")" = 'RTNETLINK answers: File exists (exit 2)'
	expect "$m: nothing left behind by the refused requests" \
		test "$(vxnames),$(vxnames $NSA)" = "vx0 vx1,"

	# make test-full only (CI's time): ifindexes asked for.
	if [ "$FULL" = 1 ]; then
		# Ifindexes asked for (in the fresh namespace $NSA, where they are free):
		# the peer's is used only if the first device's is given as well.
		{
			rc ip -n $NSA link add vx2 index 4000 type vxcan peer name vx3 index 4001
			rc ip -n $NSA link add vx4 type vxcan peer name vx5 index 4003
			rc ip -n $NSA link add vx6 index 4004 type vxcan peer name vx7
			rc ip -n $NSA link add vx8 index 4006 type vxcan peer name vx9 index 1
			ip -n $NSA -j link show | jq -r '.[] | "\(.ifname) \(.ifindex) \(.link // "-")"'
		} >"$OUT/vxcan.index.$m" 2>&1
		expect "$m: both ifindexes given: vx2 4000, vx3 4001" \
			bash -c "grep -qx 'vx2 4000 vx3' '$OUT/vxcan.index.$m' && grep -qx 'vx3 4001 vx2' '$OUT/vxcan.index.$m'"
		expect "$m: the peer's ifindex alone is not used" \
			bash -c "grep -q '^vx5 ' '$OUT/vxcan.index.$m' && ! grep -q '^vx5 4003 ' '$OUT/vxcan.index.$m'"
		expect "$m: the peer's ifindex taken: refused (EBUSY), nothing left" \
			bash -c "grep -qx 'RTNETLINK answers: Device or resource busy (exit 2)' '$OUT/vxcan.index.$m' &&
				! grep -qE '^vx(8|9) ' '$OUT/vxcan.index.$m'"
	fi
	ns_del $NSA

	# Lifecycle: deleting the namespace of one end of an up pair deletes both.
	ip link del vx0
	ip link add vx0 type vxcan peer name vx1 netns $NSB
	ip link set vx0 up
	ip -n $NSB link set vx1 up
	ns_del $NSB
	expect "$m: deleting the namespace of vx1 deletes vx0" wait_gone vx0

	# Cycles: create, both ends up, delete (one end or the other).
	for i in $(seq 1 "$CYCLES"); do
		echo "link add vxc$i type vxcan peer name vxp$i"
		echo "link set vxc$i up"
		echo "link set vxp$i up"
		if [ $((i % 2)) = 0 ]; then echo "link del vxc$i"; else echo "link del vxp$i"; fi
	done >"$OUT/vxcan.batch"
	ip -force -batch "$OUT/vxcan.batch" >"$OUT/vxcan.cycles.$m" 2>&1
	l=$?
	expect "$m: $CYCLES pair create/up/delete cycles, none failed" \
		test "$l,$(grep -c 'Command failed' "$OUT/vxcan.cycles.$m")" = "0,0"
	expect "$m: no device left after the cycles" test -z "$(vxnames)"
	# udev's events of the cycles' devices, handled here rather than in the
	# other implementation's first settle.
	udevadm settle

	# rmmod with pairs up: in this namespace, across two, in another one.
	ip netns add $NSA
	ip link add vx0 type vxcan peer name vx1
	ip link add vx2 type vxcan peer name vx3 netns $NSA
	ip -n $NSA link add vx4 type vxcan peer name vx5
	for i in vx0 vx1 vx2; do ip link set $i up; done
	for i in vx3 vx4 vx5; do ip -n $NSA link set $i up; done
	expect "$m: three pairs up before rmmod" \
		test "$(vxnames),$(vxnames $NSA)" = "vx0 vx1 vx2,vx3 vx4 vx5"
	expect "$m: rmmod with pairs up" rmmod "$m"
	expect "$m: every pair gone with the module" test "$(vxnames),$(vxnames $NSA)" = ","
	ns_del $NSA

	# The kernel's messages about vxcan or its devices while it ran (the
	# taint of the first unsigned or out-of-tree module is not its own). The
	# C driver prints its banner before it registers the link kind, so the
	# other implementation's refused load (expect_exclusive) prints it too.
	dmesg | tail -n +$((n0 + 1)) | sed -E 's/^\[ *[0-9.]+\] //' | grep -iE 'vxcan|vx[0-9]' |
		grep -v taint | sort | uniq -c >"$OUT/vxcan.msgs.$m"
	expect "$m: the driver's banner twice: its load and the other's refused one" \
		grep -qxE ' *2 vxcan: Virtual CAN Tunnel driver' "$OUT/vxcan.msgs.$m"
}

unload vxcan_c vxcan
ip netns del $NSA 2>/dev/null
ip netns del $NSB 2>/dev/null
expect "CAN protocol modules (can, can_raw) loaded" bash -c "modprobe can && modprobe can-raw"
expect "vxcan (Rust) has the alias rtnl-link-vxcan" bash -c "modinfo -F alias vxcan | grep -qx rtnl-link-vxcan"
for m in $IMPLS; do
	suite "$m"
	unload vxcan_c vxcan
	ip netns del $NSA 2>/dev/null
	ip netns del $NSB 2>/dev/null
done

# With neither loaded, creating a pair loads the Rust module (its alias).
ip link add vx0 type vxcan peer name vx1 >/dev/null 2>&1
expect "ip link add type vxcan loads the Rust vxcan" \
	bash -c "[ -d /sys/module/vxcan ] && [ ! -d /sys/module/vxcan_c ] && ip link show vx1"
ip link del vx0 2>/dev/null
unload vxcan_c vxcan

for f in "${CMP[@]}"; do
	same "C and Rust agree: vxcan $f" "$OUT/vxcan.$f.vxcan_c" "$OUT/vxcan.$f.vxcan"
done
