#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarises the benchmark's rounds (tests/guest/bench.sh).

bench.py BENCH.TSV [PAIRS]: reads the rates of the rounds (driver, pair,
c|rust, rate per second) and prints per driver the C and Rust median rates,
the median of the per-pair Rust/C ratios with its minimum and maximum, and
the number of pairs. Only the paired ratio is compared: absolute rates drift
from run to run on a shared machine, the two rounds of a pair run back to
back in the same boot.

With PAIRS, it also prints verdict lines for tests/run-tests.sh
(ok|NAME| or fail|NAME|WHY): every driver has PAIRS complete pairs.
"""
import statistics
import sys

DRIVERS = ("dummy", "nlmon", "vsockmon", "ifb")
UNIT = {"dummy": "packets/s (pktgen)", "nlmon": "messages/s", "vsockmon": "messages/s",
        "ifb": "packets/s (pktgen through tc)"}


def main():
    path = sys.argv[1]
    want = int(sys.argv[2]) if len(sys.argv) > 2 else None
    rounds = {}
    try:
        lines = open(path).read().splitlines()
    except OSError as e:
        lines = []
        print(f"bench: {e}")
    for line in lines:
        drv, pair, impl, rate = line.split("\t")
        rounds.setdefault(drv, {}).setdefault(int(pair), {})[impl] = int(rate)
    print(f"{'driver':9} {'C median':>12} {'Rust median':>12} {'Rust/C':>7} "
          f"{'min':>6} {'max':>6} {'pairs':>5}  unit")
    verdicts = []
    for drv in DRIVERS:
        pairs = [p for p in rounds.get(drv, {}).values() if "c" in p and "rust" in p]
        if not pairs:
            print(f"{drv:9} no complete pair")
        else:
            ratios = [p["rust"] / p["c"] for p in pairs]
            c = statistics.median(p["c"] for p in pairs)
            r = statistics.median(p["rust"] for p in pairs)
            print(f"{drv:9} {c:12.0f} {r:12.0f} {statistics.median(ratios):7.3f} "
                  f"{min(ratios):6.3f} {max(ratios):6.3f} {len(pairs):5}  {UNIT[drv]}")
        if want is not None:
            name = f"bench: {drv}: {want} pair(s) of C and Rust rounds summarised"
            if len(pairs) == want:
                verdicts.append(f"ok|{name}|")
            else:
                verdicts.append(f"fail|{name}|{len(pairs)} complete pair(s) in {path}")
    for v in verdicts:
        print(v)
    return 0


if __name__ == "__main__":
    sys.exit(main())
