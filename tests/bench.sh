#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: how fast the Rust drivers are, against their C twins.
#
# Builds the benchmark kernel (the run kernel's configuration, no debug
# option, and pktgen) and the C twins against it (tests/lib/twins.sh), prints what
# the object code of each transmit path holds and each module's size, boots
# the kernel and runs the drivers' loads in alternating C/Rust rounds
# (tests/guest/bench.sh), then prints the medians and the paired Rust/C
# ratios (tests/lib/bench.py).
#
# BENCH_PAIRS (10), BENCH_PKTS (10000000 pktgen packets per dummy round),
# BENCH_NL (200000 netlink messages per nlmon round), BENCH_VSOCK (50000
# vsock messages per vsockmon round) and BENCH_IFB (500000 pktgen packets per
# ifb round, through tc) set the size of the run. The guest has
# one CPU: its rounds then compete with nothing of its own, and QEMU's one
# vCPU thread leaves the host's second core to QEMU itself and the host.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"
t_all=$(date +%s)

PAIRS=${BENCH_PAIRS:-10}
PKTS=${BENCH_PKTS:-10000000}
NL=${BENCH_NL:-200000}
VSOCK=${BENCH_VSOCK:-50000}
IFB=${BENCH_IFB:-500000}

room=$(disk_room 6) || { echo "bench: not enough disk space: $room" >&2; exit 1; }
bash "$top/tests/setup.sh" >/dev/null
mkdir -p "$CACHE/logs"
echo "bench: building the benchmark kernel ($BUILD_BENCH; the first build takes about 10 minutes)"
bash "$top/tests/build.sh" bench >"$CACHE/logs/build-bench.log" 2>&1 ||
	{ tail -n 40 "$CACHE/logs/build-bench.log"; echo "bench: build failed" >&2; exit 1; }
bash "$top/tests/lib/twins.sh" bench >"$CACHE/logs/twins-bench.log" 2>&1 ||
	{ tail -n 40 "$CACHE/logs/twins-bench.log"; echo "bench: C twins failed" >&2; exit 1; }
bash "$top/tests/bench/build-load.sh"
echo "bench: kernel, C twins and load generator built ($(($(date +%s) - t_all)) s)"
echo

bash "$top/tests/bench/objects.sh" "$BUILD_BENCH" "$CACHE/twins-bench"
echo

. "$top/tests/lib/vm.sh"
out=$CACHE/out-bench
# A round takes a few seconds under TCG; the limit is generous.
tmo=$((600 + (PAIRS + 1) * (80 + PKTS / 200000 + NL / 5000 + VSOCK / 1000 + IFB / 10000)))
echo "bench: booting the benchmark kernel: $PAIRS pairs per driver, rounds of $PKTS pktgen" \
	"packets, $NL netlink and $VSOCK vsock messages, $IFB packets through ifb (limit $tmo s)"
GUEST_CPUS=1 GUEST_ENV="BENCH_LOAD=$CACHE/bench/load BENCH_PAIRS=$PAIRS BENCH_PKTS=$PKTS BENCH_NL=$NL BENCH_VSOCK=$VSOCK BENCH_IFB=$IFB" \
	run_guest "$BUILD_BENCH" "$out" "$tmo" "" bench 2>&1 | tee "$CACHE/logs/guest-bench.log" |
	grep --line-buffered -a '^bench: \|TEST not ok\|GUEST:' || true
echo
echo "\$ python3 tests/lib/bench.py $out/bench.tsv"
summary=$(python3 "$top/tests/lib/bench.py" "$out/bench.tsv" "$PAIRS")
grep -v '^ok|' <<<"$summary"
echo "bench: $(($(date +%s) - t_all)) s in all"
! grep -q '^fail|' <<<"$summary"
