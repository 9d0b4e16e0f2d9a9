#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: how fast the Rust drivers are, against their C twins.
#
# Builds the benchmark kernel (the run kernel's configuration, no debug
# option, and pktgen), a second one without CONFIG_RUST_INLINE_HELPERS (the
# Rust code calling the C helpers out of line, as a kernel whose C compiler's
# LLVM is not rustc's does) and the C twins against each (tests/lib/twins.sh);
# prints what the object code of each transmit path holds and each module's
# size; boots each kernel with two CPUs and runs the lines of the benchmark
# in alternating C/Rust rounds (tests/guest/bench.sh); then prints per line
# the paired Rust/C ratio with its 95 % interval (tests/lib/bench.py).
#
# BENCH_PAIRS (8) pairs per line; the size of a round: BENCH_PKTS (10000000
# pktgen packets into dummy), BENCH_NL (200000 netlink messages through
# nlmon), BENCH_VSOCK (50000 vsock messages through vsockmon), BENCH_IFB
# (500000 pktgen packets through tc and ifb), BENCH_CAN (100000 frames
# across vxcan). BENCH_NOINLINE=0 leaves the second kernel out.
#
# One-CPU lines run on the guest's CPU 0, two-CPU lines on both: QEMU's vCPU
# threads then take the host's two cores.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"
t_all=$(date +%s)

PAIRS=${BENCH_PAIRS:-8}
PKTS=${BENCH_PKTS:-10000000}
NL=${BENCH_NL:-200000}
VSOCK=${BENCH_VSOCK:-50000}
IFB=${BENCH_IFB:-500000}
CAN=${BENCH_CAN:-100000}
kinds=bench
[ "${BENCH_NOINLINE:-1}" = 0 ] || kinds="bench bench-noinline"

room=$(disk_room 8) || { echo "bench: not enough disk space: $room" >&2; exit 1; }
bash "$top/tests/setup.sh" >/dev/null
mkdir -p "$CACHE/logs"
for k in $kinds; do
	echo "bench: building the $k kernel (the first build takes about 10 minutes)"
	bash "$top/tests/build.sh" "$k" >"$CACHE/logs/build-$k.log" 2>&1 ||
		{ tail -n 40 "$CACHE/logs/build-$k.log"; echo "bench: build failed" >&2; exit 1; }
	bash "$top/tests/lib/twins.sh" "$k" >"$CACHE/logs/twins-$k.log" 2>&1 ||
		{ tail -n 40 "$CACHE/logs/twins-$k.log"; echo "bench: C twins failed" >&2; exit 1; }
done
bash "$top/tests/bench/build-load.sh"
echo "bench: kernels, C twins and load generator built ($(($(date +%s) - t_all)) s)"
echo

bash "$top/tests/bench/objects.sh" "$BUILD_BENCH" "$CACHE/twins-bench"
echo

. "$top/tests/lib/vm.sh"
lines=$(python3 "$top/tests/lib/bench.py" --lines)
nlines=$(tr , '\n' <<<"$lines" | grep -c .)
# A round takes a few seconds under TCG; the limit is generous.
tmo=$((600 + (PAIRS + 1) * nlines * (20 + PKTS / 500000 + NL / 20000 + VSOCK / 5000 +
	IFB / 50000 + CAN / 10000)))
bad=0
for k in $kinds; do
	case $k in
	bench) tree=$BUILD_BENCH; what="inline helpers" ;;
	*) tree=$BUILD_BENCH_NOINLINE; what="helpers called out of line" ;;
	esac
	out=$CACHE/out-$k
	echo "bench: booting the $k kernel ($what): $PAIRS pairs per line, rounds of $PKTS pktgen" \
		"packets, $NL netlink and $VSOCK vsock messages, $IFB packets through ifb, $CAN" \
		"CAN frames (limit $tmo s)"
	GUEST_CPUS=2 GUEST_ENV="BENCH_LOAD=$CACHE/bench/load BENCH_PAIRS=$PAIRS BENCH_PKTS=$PKTS BENCH_NL=$NL BENCH_VSOCK=$VSOCK BENCH_IFB=$IFB BENCH_CAN=$CAN BENCH_LINES=$lines" \
		run_guest "$tree" "$out" "$tmo" "" bench 2>&1 | tee "$CACHE/logs/guest-$k.log" |
		grep --line-buffered -a '^bench: \|TEST not ok\|GUEST:' || true
	echo
	echo "\$ python3 tests/lib/bench.py $out/bench.tsv   # $k: $what"
	summary=$(python3 "$top/tests/lib/bench.py" "$out/bench.tsv" "$PAIRS")
	grep -v '^ok|' <<<"$summary"
	grep -q '^fail|' <<<"$summary" && bad=1
	echo
done
echo "bench: $(($(date +%s) - t_all)) s in all"
[ $bad = 0 ]
