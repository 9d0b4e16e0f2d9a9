#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark (make bench; a short run in make test): C and Rust drivers in
# alternating rounds of the same boot, C, Rust, Rust, C, C, Rust, ... so that
# a drift of the machine's speed weighs on both alike. Each line of the table
# is a load on one driver:
#   dummy:    pktgen straight into dummy0 (clone_skb 100, burst 8, 60-byte
#             frames, BENCH_PKTS packets); the rate is pktgen's own pps.
#   nlmon:    BENCH_NL netlink messages between two sockets with mon0 up
#             (tests/bench/load.c); the rate is messages per second, over
#             the load's time: its fastest tenth of the messages, times ten
#             (load.c says why), as for the vsock and CAN loads.
#   vsockmon: BENCH_VSOCK 64-byte writes on a vsock loopback connection with
#             vsockmon0 up; messages per second.
#   ifb:      pktgen into the (Rust) dummy0 through the stack (xmit_mode
#             queue_xmit, so that tc sees the packets), whose egress tc
#             redirects to ifb0, which hands them back to dummy0
#             (BENCH_IFB 60-byte frames); pktgen's pps. Only ifb changes
#             between the rounds.
#   vxcan.KIND: BENCH_CAN frames of KIND (can, canfd, canxl: 8, 64 and 2048
#             bytes of data) sent on vxcan0 and received by its peer vxcan1,
#             the receive path (netif_rx into the peer, both ends' counters);
#             frames per second.
#   vxcan.KIND.2ns: the same with vxcan1 in a namespace of its own.
#   dummy.2cpu, nlmon.2cpu, vsockmon.2cpu: the load of the line without
#             .2cpu from two CPUs at once: a pktgen thread on each CPU into
#             dummy0 (dummy0@0, dummy0@1; the rate is the sum of both), two
#             threads of the load program, one on each CPU (half the
#             messages each; the rate is all the messages over the load's
#             time). The devices' per-CPU counters and the taps' lists are
#             shared.
# One-CPU loads run on CPU 0, where pktgen's thread and the vsock loopback
# transport's work run too: no migration between rounds.
# Each round is also a result: it must have run and its device must have
# counted every packet of the load (and may have counted more: the stack's own
# traffic, IPv6 router solicitations and the like). The rates go to $OUT/bench.tsv
# (line, pair, implementation, rate); tests/lib/bench.py reads them.
set -u
. "$(dirname "$0")/lib.sh"
PAIRS=${BENCH_PAIRS:-10}
PKTS=${BENCH_PKTS:-10000000}
NL=${BENCH_NL:-200000}
VSOCK=${BENCH_VSOCK:-50000}
IFB=${BENCH_IFB:-500000}
CAN=${BENCH_CAN:-100000}
LOAD=${BENCH_LOAD:?the load generator, built on the host}
C_MODS=${BENCH_C:-"dummy_c nlmon_c vsockmon_c ifb_c vxcan_c"}
RUST_MODS=${BENCH_RUST:-"dummy nlmon vsockmon ifb vxcan"}
DRIVERS="dummy nlmon vsockmon ifb vxcan"
# The lines, comma-separated (tests/lib/bench.py --lines).
LINES=${BENCH_LINES:?the lines of the benchmark}
LINES=${LINES//,/ }
n=0
for l in $LINES; do n=$((n + 1)); done
plan $((n * 2 * PAIRS))
NCPU=$(nproc)

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

# round_DRIVER MODULE [VARIANT...]: runs one round of the line
# DRIVER.VARIANT..., prints "RATE COUNTED" where COUNTED is the number of
# packets the device counted.
round_dummy() {
	local pps=0 tx p cpus=0 k=1 c d
	[ "${2:-}" = 2cpu ] && cpus="0 1" && k=2
	modprobe "$1" numdummies=1 && ip link set dummy0 up || return 1
	for c in $cpus; do
		d=dummy0@$c
		pg kpktgend_$c rem_device_all && pg kpktgend_$c "add_device $d" &&
			pg $d "count $((PKTS / k))" && pg $d "clone_skb 100" &&
			pg $d "burst 8" && pg $d "pkt_size 60" || return 1
	done
	pg pgctrl start || return 1
	for c in $cpus; do
		p=$(grep -o '[0-9]*pps' "$PG/dummy0@$c" | head -n 1)
		pps=$((pps + ${p%pps}))
		pg kpktgend_$c rem_device_all
	done
	tx=$(stat_of dummy0 tx_packets)
	rmmod "$1" || return 1
	echo "$pps $tx"
}

# load_on CPUS netlink|vsock COUNT: the load program with COUNT messages,
# from CPU 0 or, with CPUS "0 1", from a thread on each CPU (sockets and vsock
# ports of its own, half the messages each); prints its time in nanoseconds.
load_on() {
	if [ "$1" = 0 ]; then
		taskset -c 0 "$LOAD" "$2" "$3"
	else
		"$LOAD" -j 2 "$2" "$3"
	fi
}

round_nlmon() {
	local ns rx cpus=0
	[ "${2:-}" = 2cpu ] && cpus="0 1"
	modprobe "$1" && ip link add mon0 type nlmon && ip link set mon0 up || return 1
	ns=$(load_on "$cpus" netlink "$NL") || return 1
	rx=$(stat_of mon0 rx_packets)
	ip link del mon0 && rmmod "$1" || return 1
	echo "$((NL * 1000000000 / ns)) $rx"
}

round_vsockmon() {
	local ns rx cpus=0
	[ "${2:-}" = 2cpu ] && cpus="0 1"
	modprobe "$1" && ip link add vsockmon0 type vsockmon && ip link set vsockmon0 up ||
		return 1
	ns=$(load_on "$cpus" vsock "$VSOCK") || return 1
	rx=$(stat_of vsockmon0 rx_packets)
	ip link del vsockmon0 && rmmod "$1" || return 1
	echo "$((VSOCK * 1000000000 / ns)) $rx"
}

round_ifb() {
	local pps tx
	# ifb's queue is 32 packets long (TX_Q_LIMIT); when its work is late (its softirq
	# handed to ksoftirqd, which pktgen's thread then competes with), what its qdisc
	# cannot hold is dropped before the device sees it. A longer queue keeps every
	# packet of the round, for C as for Rust.
	modprobe dummy numdummies=1 && modprobe "$1" numifbs=1 &&
		ip link set ifb0 txqueuelen 1000 &&
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

# round_vxcan MODULE KIND [2ns]: CAN frames of KIND from vxcan0 to vxcan1
# (in namespace bench-peer with 2ns); COUNTED is what vxcan1 received, and
# only if vxcan0 sent as many and both counted the bytes of every frame.
# The namespace outlives the round: a namespace is torn down after "ip netns
# del" returns, by a kworker (cleanup_net), which then runs beside the next
# round.
round_vxcan() {
	local ns peer=() rx rxb tx txb len
	case $2 in
	can) len=8 ;;
	canfd) len=64 ;;
	*) len=2048 ;;
	esac
	modprobe "$1" && ip link add vxcan0 type vxcan peer name vxcan1 || return 1
	if [ "${3:-}" = 2ns ]; then
		{ [ -e /run/netns/bench-peer ] || ip netns add bench-peer; } &&
			ip link set vxcan1 netns bench-peer || return 1
		peer=(ip netns exec bench-peer)
	fi
	"${peer[@]}" ip link set vxcan1 up && ip link set vxcan0 up || return 1
	ns=$(taskset -c 0 "$LOAD" "$2" vxcan0 "$CAN") || return 1
	rx=$("${peer[@]}" cat /sys/class/net/vxcan1/statistics/rx_packets)
	rxb=$("${peer[@]}" cat /sys/class/net/vxcan1/statistics/rx_bytes)
	tx=$(stat_of vxcan0 tx_packets)
	txb=$(stat_of vxcan0 tx_bytes)
	ip link del vxcan0 || return 1
	rmmod "$1" || return 1
	[ "$rx" = "$tx" ] && [ "$rxb" = $((rx * len)) ] && [ "$txb" = $((tx * len)) ] || rx=0
	echo "$((CAN * 1000000000 / ns)) $rx"
}

# Nothing of the drivers loaded, pktgen and the vsock loopback transport in.
for d in $DRIVERS; do
	unload "$(impl_of $d c)" "$(impl_of $d rust)"
done
modprobe pktgen
modprobe vsock_loopback

t0=$(date +%s)
prev=
for l in $LINES; do
	d=${l%%.*}
	variant=
	[ "$l" = "$d" ] || variant=${l#*.}
	case "$variant" in
	*2cpu*)
		if [ "$NCPU" -lt 2 ]; then
			for p in $(seq 1 "$PAIRS"); do
				for impl in c rust; do
					fail "$l: pair $p: $(impl_of "$d" $impl): a round" "$NCPU CPU in the guest"
				done
			done
			continue
		fi
		;;
	esac
	case $d in
	dummy) want=$PKTS ;;
	nlmon) want=$NL ;;
	ifb) want=$IFB ;;
	vxcan) want=$CAN ;;
	*) want=$VSOCK ;;
	esac
	# A round of each first, not counted: the first round after boot runs
	# on cold caches (and under QEMU, code not translated yet).
	if [ "$d" != "$prev" ]; then
		for impl in c rust; do
			m=$(impl_of "$d" $impl)
			round_$d "$m" ${variant//./ } >/dev/null 2>&1 || unload "$m"
		done
	fi
	prev=$d
	for p in $(seq 1 "$PAIRS"); do
		# C first in odd pairs, Rust first in even ones.
		[ $((p % 2)) = 1 ] && order="c rust" || order="rust c"
		said=
		for impl in $order; do
			m=$(impl_of "$d" "$impl")
			out=$(round_$d "$m" ${variant//./ } 2>&1 | tail -n 1)
			read -r rate seen <<<"$out"
			name="$l: pair $p: $m: a round of $want"
			if [ "${rate:-0}" -gt 0 ] 2>/dev/null && [ "${seen:-0}" -ge "$want" ]; then
				printf '%s\t%s\t%s\t%s\n' "$l" "$p" "$impl" "$rate" >>"$OUT/bench.tsv"
				pass "$name, counted by the device"
				said="$said $impl $rate"
			else
				fail "$name, counted by the device" "rate '${rate:-}', device counted '${seen:-}': $out"
				unload "$m"
				ip netns del bench-peer 2>/dev/null
			fi
		done
		echo "bench: $l pair $p/$PAIRS:$said per second ($(($(date +%s) - t0)) s)"
	done
done
ip netns del bench-peer 2>/dev/null
true
