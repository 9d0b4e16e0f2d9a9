#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark (make bench; a short run in make test): C and Rust drivers in
# alternating rounds of the same boot, C, Rust, Rust, C, C, Rust, ... so that
# a drift of the machine's speed weighs on both alike.
#   dummy:    pktgen straight into dummy0 (clone_skb 100, burst 8, 60-byte
#             frames, BENCH_PKTS packets); the rate is pktgen's own pps.
#   nlmon:    BENCH_NL netlink messages between two sockets with mon0 up
#             (tests/bench/load.c); the rate is messages per second.
#   vsockmon: BENCH_VSOCK 64-byte writes on a vsock loopback connection with
#             vsockmon0 up; messages per second.
#   ifb:      pktgen into the (Rust) dummy0 through the stack (xmit_mode
#             queue_xmit, so that tc sees the packets), whose egress tc
#             redirects to ifb0, which hands them back to dummy0
#             (BENCH_IFB 60-byte frames); pktgen's pps. Only ifb changes
#             between the rounds.
# The load runs on CPU 0, where pktgen's thread and the vsock loopback
# transport's work run too: one CPU, no migration between rounds.
# Each round is also a result: it must have run and its device must have
# counted every packet of the load (and may have counted more: the stack's own
# traffic, IPv6 router solicitations and the like). The rates go to $OUT/bench.tsv
# (driver, pair, implementation, rate); tests/lib/bench.py reads them.
set -u
. "$(dirname "$0")/lib.sh"
PAIRS=${BENCH_PAIRS:-10}
PKTS=${BENCH_PKTS:-10000000}
NL=${BENCH_NL:-200000}
VSOCK=${BENCH_VSOCK:-50000}
IFB=${BENCH_IFB:-500000}
LOAD=${BENCH_LOAD:?the load generator, built on the host}
C_MODS=${BENCH_C:-"dummy_c nlmon_c vsockmon_c ifb_c"}
RUST_MODS=${BENCH_RUST:-"dummy nlmon vsockmon ifb"}
DRIVERS="dummy nlmon vsockmon ifb"
plan $((4 * 2 * PAIRS))

# impl_of DRIVER c|rust: the module of that implementation of the driver.
impl_of() {
	local i=0 d mods
	[ "$2" = c ] && mods=($C_MODS) || mods=($RUST_MODS)
	for d in $DRIVERS; do
		[ "$d" = "$1" ] && echo "${mods[$i]}"
		i=$((i + 1))
	done
}

stat_of() { cat "/sys/class/net/$1/statistics/$2" 2>/dev/null || echo 0; }

PG=/proc/net/pktgen
pg() { # pg FILE COMMAND: a pktgen command, which must be accepted
	echo "$2" >"$PG/$1" || { echo "pktgen: '$2' refused by $1" >&2; return 1; }
}

# round_DRIVER MODULE: runs one round, prints "RATE COUNTED" where COUNTED is
# the number of packets the device counted.
round_dummy() {
	local pps tx
	modprobe "$1" numdummies=1 && ip link set dummy0 up || return 1
	pg kpktgend_0 rem_device_all && pg kpktgend_0 "add_device dummy0" &&
		pg dummy0 "count $PKTS" && pg dummy0 "clone_skb 100" && pg dummy0 "burst 8" &&
		pg dummy0 "pkt_size 60" && pg pgctrl start || return 1
	pps=$(grep -o '[0-9]*pps' "$PG/dummy0" | head -n 1)
	tx=$(stat_of dummy0 tx_packets)
	pg kpktgend_0 rem_device_all
	rmmod "$1" || return 1
	echo "${pps%pps} $tx"
}

round_nlmon() {
	local ns rx
	modprobe "$1" && ip link add mon0 type nlmon && ip link set mon0 up || return 1
	ns=$(taskset -c 0 "$LOAD" netlink "$NL") || return 1
	rx=$(stat_of mon0 rx_packets)
	ip link del mon0 && rmmod "$1" || return 1
	echo "$((NL * 1000000000 / ns)) $rx"
}

round_vsockmon() {
	local ns rx
	modprobe "$1" && ip link add vsockmon0 type vsockmon && ip link set vsockmon0 up ||
		return 1
	ns=$(taskset -c 0 "$LOAD" vsock "$VSOCK") || return 1
	rx=$(stat_of vsockmon0 rx_packets)
	ip link del vsockmon0 && rmmod "$1" || return 1
	echo "$((VSOCK * 1000000000 / ns)) $rx"
}

round_ifb() {
	local pps tx
	modprobe dummy numdummies=1 && modprobe "$1" numifbs=1 &&
		ip link set dummy0 up && ip link set ifb0 up &&
		tc qdisc add dev dummy0 clsact &&
		tc filter add dev dummy0 egress matchall action mirred egress redirect dev ifb0 ||
		return 1
	pg kpktgend_0 rem_device_all && pg kpktgend_0 "add_device dummy0" &&
		pg dummy0 "count $IFB" && pg dummy0 "xmit_mode queue_xmit" &&
		pg dummy0 "pkt_size 60" && pg pgctrl start || return 1
	pps=$(grep -o '[0-9]*pps' "$PG/dummy0" | head -n 1)
	# The work may still be handing back the last packets.
	sleep 1
	tx=$(stat_of ifb0 tx_packets)
	pg kpktgend_0 rem_device_all
	rmmod "$1" && rmmod dummy || return 1
	echo "${pps%pps} $tx"
}

# Nothing of the drivers loaded, pktgen and the vsock loopback transport in.
for d in $DRIVERS; do
	unload "$(impl_of $d c)" "$(impl_of $d rust)"
done
modprobe pktgen
modprobe vsock_loopback

t0=$(date +%s)
for d in $DRIVERS; do
	# A round of each first, not counted: the first round after boot runs
	# on cold caches (and under QEMU, code not translated yet).
	for impl in c rust; do
		round_$d "$(impl_of "$d" $impl)" >/dev/null 2>&1 || unload "$(impl_of "$d" $impl)"
	done
	for p in $(seq 1 "$PAIRS"); do
		# C first in odd pairs, Rust first in even ones.
		[ $((p % 2)) = 1 ] && order="c rust" || order="rust c"
		for impl in $order; do
			m=$(impl_of "$d" "$impl")
			out=$(round_$d "$m" 2>&1 | tail -n 1)
			read -r rate seen <<<"$out"
			case $d in
			dummy) want=$PKTS ;;
			nlmon) want=$NL ;;
			ifb) want=$IFB ;;
			*) want=$VSOCK ;;
			esac
			name="$d: pair $p: $m: a round of $want"
			if [ "${rate:-0}" -gt 0 ] 2>/dev/null && [ "${seen:-0}" -ge "$want" ]; then
				printf '%s\t%s\t%s\t%s\n' "$d" "$p" "$impl" "$rate" >>"$OUT/bench.tsv"
				pass "$name, counted by the device"
				echo "bench: $d pair $p/$PAIRS $impl ($m): $rate per second" \
					"($(($(date +%s) - t0)) s)"
			else
				fail "$name, counted by the device" "rate '${rate:-}', device counted '${seen:-}': $out"
				unload "$m"
			fi
		done
	done
done
