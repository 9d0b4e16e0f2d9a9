#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# dummy: the C driver (dummy_c, a test module built from the 7.3 sources,
# tests/lib/twins.sh) and the Rust one (dummy), same tests, same boot; results
# that must agree are written to $OUT and compared at the end.
set -u
. "$(dirname "$0")/lib.sh"
# The number of results this suite reports (lib.sh).
plan $((2 * 30 + 8))
CYCLES=${CYCLES:-100}
IMPLS="dummy_c dummy"

other() { [ "$1" = dummy_c ] && echo dummy || echo dummy_c; }

# What user space sees of a device, without what differs between any two.
attrs() {
	local d=$1 f
	ip -d -j link show "$d" | jq -S '.[0] | del(.ifindex, .ifname, .address, .stats64)'
	for f in type mtu flags addr_assign_type addr_len tx_queue_len carrier operstate \
		dormant link_mode broadcast; do
		printf '%s=%s\n' "$f" "$(cat "/sys/class/net/$d/$f" 2>&1)"
	done
	ethtool -i "$d" 2>&1
	ethtool -k "$d" | grep -v "^Features for"
	ethtool -T "$d" | grep -v "^Time stamping parameters for"
}

# modinfo fields. The C test module has no alias (tests/lib/twins.sh): the
# aliases are compared with the C module's own in tests/guest/modconf.sh.
modfields() {
	local m=$1 f
	for f in license description parm; do
		echo "$f:"
		modinfo -F "$f" "$m" | sort
	done
}

suite() {
	local m=$1 o r
	o=$(other "$m")
	unload dummy_c dummy

	count_param "$m" dummy numdummies
	modfields "$m" >"$OUT/modinfo.$m"
	expect "$m: modinfo names the numdummies parameter" grep -q "^numdummies:" "$OUT/modinfo.$m"

	expect "$m: load without parameters" load "$m"
	expect "$m: default numdummies=1 creates dummy0" test "$(names dummy)" = "dummy0 "
	expect_exclusive "$m" "$o" "$OUT/second.$m"
	udevadm settle
	attrs dummy0 >"$OUT/attrs.load.$m" 2>&1
	expect "$m: random MAC (NET_ADDR_RANDOM)" grep -qx 'addr_assign_type=1' "$OUT/attrs.load.$m"
	expect "$m: ip link add type dummy" ip link add d0 type dummy
	udevadm settle
	attrs d0 >"$OUT/attrs.user.$m" 2>&1

	# Traffic: frames and datagrams sent through the device are counted.
	expect_tx_counted "$m" dummy0 "$OUT/tx.$m" 142

	# Carrier and address changes.
	ip link set dummy0 carrier off
	r=$(cat /sys/class/net/dummy0/carrier 2>&1)
	ip link set dummy0 carrier on
	expect "$m: carrier off then on" test "$r,$(cat /sys/class/net/dummy0/carrier)" = "0,1"
	expect "$m: MAC change while up" ip link set dummy0 address 02:11:22:33:44:55
	expect "$m: MAC read back" grep -qx 02:11:22:33:44:55 /sys/class/net/dummy0/address
	{
		errmsg ip link set dummy0 address 01:00:5e:00:00:01
		errmsg ip link set dummy0 address 00:00:00:00:00:00
	} >"$OUT/err.setmac.$m"
	expect "$m: multicast and zero MAC refused" bash -c "! grep -q SUCCEEDED '$OUT/err.setmac.$m'"

	# Bad input to ip link add: the same errors, no device left.
	{
		errmsg ip link add b1 address 00:11:22:33:44 type dummy
		errmsg ip link add b2 address 01:00:5e:00:00:01 type dummy
		errmsg ip link add b3 address 00:00:00:00:00:00 type dummy
		errmsg ip link add b4 mtu 67 type dummy
		# -1 passes iproute2's own check and reaches the kernel as
		# IFLA_MTU 4294967295, which the core refuses.
		errmsg ip link add b5 mtu -1 type dummy
	} >"$OUT/err.add.$m"
	expect "$m: bad addresses refused, no device left" \
		bash -c "! head -n 3 '$OUT/err.add.$m' | grep -q SUCCEEDED &&
			! ip link show b1 && ! ip link show b2 && ! ip link show b3"
	expect "$m: MTU 67 accepted (no minimum)" test "$(sed -n 4p "$OUT/err.add.$m")" = SUCCEEDED
	expect "$m: IFLA_MTU 4294967295 refused by the kernel, no device left" \
		bash -c "sed -n 5p '$OUT/err.add.$m' | grep -q 'mtu less than device minimum' && ! ip link show b5"
	ip link del b4 2>/dev/null
	ip link del b5 2>/dev/null

	# Lifecycle.
	{
		for i in $(seq 1 "$CYCLES"); do
			echo "link add c$i type dummy"
			echo "link del c$i"
		done
	} >"$OUT/batch"
	expect "$m: $CYCLES create/delete cycles" ip -batch "$OUT/batch"
	expect "$m: no cycle device left" test "$(names dummy)" = "d0 dummy0 "
	ip netns add rnt
	ip -n rnt link add nd0 type dummy
	ip -n rnt link set nd0 up
	ip netns del rnt
	expect "$m: rmmod with load-time and user-created devices" rmmod "$m"
	expect "$m: every device gone with the module" test "$(names dummy)" = "(none)"
}

for m in $IMPLS; do
	suite "$m"
done

# names.0, names.3 and names.repeat are compared with what C gives above.
for f in names.1 modinfo attrs.load attrs.user tx err.setmac err.add second; do
	same "C and Rust agree: $f" "$OUT/$f.dummy_c" "$OUT/$f.dummy"
done
