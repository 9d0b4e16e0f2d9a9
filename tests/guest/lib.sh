# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest-side tests (sourced).  Every result is one line in
# $OUT/results, the file the host counts (the console that printk shares is
# only for people: a kernel message can split a line there):
#   ok<TAB>SUITE<TAB>NAME   or   not ok<TAB>SUITE<TAB>NAME<TAB>WHY
# A suite states first how many results it produces (plan N); main.sh adds
# where it started and how it ended, so a suite that stops early, crashes or
# exits non-zero is a failure on the host even if none of its lines says so.

OUT=${OUT:?}
SUITE=${SUITE:?}

# record FIELD...: one line of the results file, written with one write().
record() {
	local IFS=$'\t'
	printf '%s\n' "$*" >>"$OUT/results"
}
plan() { record plan "$SUITE" "$1"; }
pass() {
	record ok "$SUITE" "$1"
	echo "TEST ok $1 [${SECONDS}s]"
}
fail() {
	local why=${2//$'\t'/ }
	record "not ok" "$SUITE" "$1" "${why//$'\n'/ }"
	echo "TEST not ok $1: $2 [${SECONDS}s]"
}

# expect NAME CONDITION-COMMAND...: passes if the command succeeds.
expect() {
	local name=$1
	shift
	if "$@" >"$OUT/last.log" 2>&1; then
		pass "$name"
	else
		fail "$name" "'$*' failed: $(head -c 300 "$OUT/last.log" | tr '\n' ' ')"
	fi
}

# same NAME FILE-A FILE-B: passes if the files are equal. Two empty or
# missing files are not a match: there was nothing to compare.
same() {
	if [ ! -s "$2" ] || [ ! -s "$3" ]; then
		fail "$1" "nothing to compare: $(wc -c "$2" "$3" 2>&1 | head -n 2 | tr '\n' ' ')"
	elif cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "$(diff "$2" "$3" | head -n 8 | tr '\n' ' ')"
	fi
}

# errmsg CMD...: runs a command that must fail and prints its error text, or
# "SUCCEEDED" if it did not fail.
errmsg() {
	local out
	if out=$("$@" 2>&1); then
		echo SUCCEEDED
	else
		echo "$out" | sed 's/^modprobe: ERROR: could not insert .[a-z_]*.: /modprobe: /'
	fi
}

# names KIND: the devices of that link kind in this namespace, sorted, or
# "(none)".
names() {
	local n
	n=$(ip -j link show type "$1" | jq -r '.[]?.ifname // empty' | sort | tr '\n' ' ')
	echo "${n:-(none)}"
}

# load MODULE [PARAM...]: loads a module bypassing modprobe's configuration:
# Debian's systemd ships "options dummy numdummies=0" and "options ifb
# numifbs=0", which apply to the module of that name (the Rust one here) and
# not to the C test modules (tests/guest/modconf.sh checks that configuration).
load() { insmod "$(modinfo -n "$1")" "${@:2}"; }

# count_param MODULE KIND PARAM: the parameter that says how many devices of
# KIND MODULE makes at load. MODULE is loaded with PARAM=0, 1 and 3 and with
# PARAM=0 PARAM=3 (neither value the default), each time without modprobe's
# configuration; the devices each load gives are written to
# $OUT/names.{0,1,3,repeat}.MODULE. Checks that 0 gives none, 3 gives three,
# and a parameter given twice its last value.
count_param() {
	local m=$1 k=$2 p=$3 n
	for n in 0 1 3; do
		expect "$m: load with $p=$n" load "$m" "$p=$n"
		names "$k" >"$OUT/names.$n.$m"
		expect "$m: rmmod after $p=$n" rmmod "$m"
	done
	expect "$m: load with $p=0 $p=3" load "$m" "$p=0" "$p=3"
	names "$k" >"$OUT/names.repeat.$m"
	expect "$m: rmmod after $p=0 $p=3" rmmod "$m"
	expect "$m: $p=0 creates no device" test "$(cat "$OUT/names.0.$m")" = "(none)"
	expect "$m: $p=3 creates ${k}0..${k}2" \
		test "$(cat "$OUT/names.3.$m")" = "${k}0 ${k}1 ${k}2 "
	expect "$m: a parameter given twice takes the last value" \
		test "$(cat "$OUT/names.repeat.$m")" = "${k}0 ${k}1 ${k}2 "
}

mod_loaded() { [ -d "/sys/module/$1" ]; }
mod_refcnt() { cat "/sys/module/$1/refcnt" 2>/dev/null || echo none; }
link_absent() { ! ip link show "$1" >/dev/null 2>&1; }

# Unloads every module of the list that is loaded.
unload() {
	local m
	for m in "$@"; do
		mod_loaded "$m" && rmmod "$m"
	done
	return 0
}

# capture_start DEV PCAP: starts tcpdump on the monitor DEV, writing PCAP (its
# messages in PCAP.log), and returns once it listens. A large buffer keeps the
# kernel from dropping packets while a slow guest does not schedule tcpdump.
capture_start() {
	local i
	CAPTURE_DEV=$1
	CAPTURE_FILE=$2
	tcpdump -i "$1" -B 65536 --immediate-mode -U -w "$2" 2>"$2.log" &
	CAPTURE_PID=$!
	for i in $(seq 1 50); do
		grep -q "listening on" "$2.log" && break
		sleep 0.1
	done
	CAPTURE_BASE=$(cat "/sys/class/net/$1/statistics/rx_packets")
	grep -q "listening on" "$2.log"
}

# pcap_count PCAP: the number of complete packets in a capture file.
pcap_count() {
	python3 - "$1" <<-'EOF'
	import struct, sys
	data = open(sys.argv[1], "rb").read()
	off, n = 24, 0
	while off + 16 <= len(data):
	    off += 16 + struct.unpack_from("<I", data, off + 8)[0]
	    n += off <= len(data)
	print(n)
	EOF
}

# capture_stop: waits for the traffic on the device to end (its counter still
# for a second) and for tcpdump to have written every packet the device
# received since capture_start, then stops tcpdump.
capture_stop() {
	local i n last=-1
	for i in $(seq 1 30); do
		n=$(cat "/sys/class/net/$CAPTURE_DEV/statistics/rx_packets")
		[ "$n" = "$last" ] && break
		last=$n
		sleep 1
	done
	for i in $(seq 1 100); do
		[ "$(pcap_count "$CAPTURE_FILE")" -ge $((n - CAPTURE_BASE)) ] && break
		sleep 0.1
	done
	kill -INT "$CAPTURE_PID"
	wait "$CAPTURE_PID"
}

# Attributes of a monitor device that user space sees, without what differs
# between any two devices.
monitor_attrs() {
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

# expect_exclusive M O FILE: with module M loaded, loading O (the other
# implementation of the same link kind) fails and leaves nothing behind. The
# error, O's name masked, goes to FILE for the comparison of C and Rust.
expect_exclusive() {
	local m=$1 o=$2 f=$3
	errmsg modprobe "$o" | sed "s/\b$o\b/OTHER/g" >"$f"
	expect "$m: loading $o as well fails, nothing left behind" \
		bash -c "! grep -q SUCCEEDED '$f' && [ ! -d /sys/module/$o ]"
}

# expect_held_while_up M DEV FILE: the up monitor DEV holds a reference on
# its module M, so rmmod is refused (its error in FILE); taking DEV down
# releases it.
expect_held_while_up() {
	local m=$1 d=$2 f=$3
	expect "$m: module refcount 1 while up" test "$(mod_refcnt "$m")" = 1
	errmsg rmmod "$m" | sed "s/\b$m\b/MOD/g" >"$f"
	expect "$m: rmmod while up refused" \
		bash -c "! grep -q SUCCEEDED '$f' && [ -d /sys/module/$m ]"
	ip link set "$d" down
	expect "$m: module refcount 0 when down" test "$(mod_refcnt "$m")" = 0
}

# updown_batch KIND N: ip -batch commands for N create/up/down/delete cycles.
updown_batch() {
	local i
	for i in $(seq 1 "$2"); do
		echo "link add cyc$i type $1"
		echo "link set cyc$i up"
		echo "link set cyc$i down"
		echo "link del cyc$i"
	done
}

# netns_up NS KIND: a new namespace NS holding an up device mon0 of KIND.
netns_up() {
	ip netns add "$1"
	ip -n "$1" link add mon0 type "$2"
	ip -n "$1" link set mon0 up
}

# expect_netns_release M NS: the up device of NS holds module M; deleting
# the namespace releases it.
expect_netns_release() {
	local m=$1 r
	expect "$m: up device holds the module in a namespace" test "$(mod_refcnt "$m")" = 1
	ip netns del "$2"
	for r in $(seq 1 100); do
		[ "$(mod_refcnt "$m")" = 0 ] && break
		sleep 0.2
	done
	expect "$m: deleting the namespace releases the module" test "$(mod_refcnt "$m")" = 0
}

# monitor_up M O KIND DEV ARPHRD TYPE P: loads module M (O is the other
# implementation of KIND), creates the monitor DEV and brings it up, keeping
# its attributes down and up in P.attrs.down.M and P.attrs.up.M; checks its
# hardware type (ARPHRD_<ARPHRD>, number TYPE) and its ethtool link.
monitor_up() {
	local m=$1 o=$2 kind=$3 d=$4 name=$5 type=$6 p=$7
	expect "$m: modprobe" modprobe "$m"
	expect_exclusive "$m" "$o" "${p}second.$m"
	expect "$m: ip link add type $kind" ip link add "$d" type "$kind"
	monitor_attrs "$d" >"${p}attrs.down.$m" 2>&1
	expect "$m: up" ip link set "$d" up
	monitor_attrs "$d" >"${p}attrs.up.$m" 2>&1
	expect "$m: type is ARPHRD_$name" grep -qx "type=$type" "${p}attrs.up.$m"
	expect "$m: ethtool link detected" grep -q 'Link detected: yes' "${p}attrs.up.$m"
}

# expect_tx_counted NAME DEV FILE UDPSIZE: brings DEV up as 192.0.2.1/24 and
# sends 20 frames of 100 bytes and 20 UDP datagrams through it (txcount.py,
# its result in FILE); each must be counted in tx_packets/tx_bytes, a datagram
# as UDPSIZE bytes on the wire. IPv6 is off on DEV so that its own MLD/ND
# packets do not add to the counts.
expect_tx_counted() {
	local name=$1 d=$2 f=$3 size=$4
	echo 1 >"/proc/sys/net/ipv6/conf/$d/disable_ipv6"
	ip link set "$d" up
	ip addr add 192.0.2.1/24 dev "$d"
	python3 "$(dirname "${BASH_SOURCE[0]}")/txcount.py" "$d" 20 100 >"$f" 2>&1
	expect "$name: 20 frames of 100 bytes counted in tx_packets/tx_bytes" \
		jq -e '.packet_tx_packets == 20 and .packet_tx_bytes == 2000' "$f"
	expect "$name: 20 UDP datagrams counted ($size bytes each)" \
		jq -e ".udp_tx_packets == 20 and .udp_tx_bytes == $((20 * size))" "$f"
}
