#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarises the benchmark's rounds (tests/guest/bench.sh).

bench.py --lines: prints the lines of the benchmark, comma-separated, for
the guest (BENCH_LINES).

bench.py BENCH.TSV [PAIRS] [TITLE]: reads the rates of the rounds (line,
pair, c|rust, rate per second) and prints per line the C and Rust median
rates and the Rust/C ratio: the geometric mean of the per-pair ratios, with
its 95 % confidence interval (Student's t on the logarithms of the pair
ratios), the interval's half-width in per cent, the smallest and largest
pair ratio, the number of pairs, and how many pairs an interval of +-2 %
would take at the spread seen. Only the paired ratio is compared: absolute
rates drift from run to run on a shared machine, the two rounds of a pair
run back to back in the same boot.

With PAIRS, it also prints verdict lines for tests/run-tests.sh
(ok|NAME| or fail|NAME|WHY): every line has PAIRS complete pairs.
"""
import math
import statistics
import sys

LINES = ("dummy", "nlmon", "vsockmon", "ifb",
         "vxcan.can", "vxcan.canfd", "vxcan.canxl",
         "vxcan.can.2ns", "vxcan.canfd.2ns", "vxcan.canxl.2ns",
         "dummy.2cpu", "nlmon.2cpu", "vsockmon.2cpu")
UNIT = {"dummy": "packets/s (pktgen)", "nlmon": "messages/s", "vsockmon": "messages/s",
        "ifb": "packets/s (pktgen through tc)", "vxcan": "frames/s"}
# Two-sided 95 % quantiles of Student's t for 1 to 30 degrees of freedom.
T95 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
       2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
       2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)


def t95(df):
    """The two-sided 95 % quantile of Student's t with df degrees of freedom."""
    if df <= len(T95):
        return T95[df - 1]
    # Beyond the table, the first terms of its expansion around the normal's.
    z = 1.959964
    return z + (z ** 3 + z) / (4 * df)


def pairs_for(sd, half=math.log(1.02)):
    """The pairs that give a 95 % interval of +-2 % at a log spread of sd."""
    if sd == 0:
        return 2
    n = 2
    while t95(n - 1) * sd / math.sqrt(n) > half:
        n += 1
    return n


def main():
    if sys.argv[1:] == ["--lines"]:
        print(",".join(LINES))
        return 0
    path = sys.argv[1]
    want = int(sys.argv[2]) if len(sys.argv) > 2 else None
    rounds = {}
    try:
        lines = open(path).read().splitlines()
    except OSError as e:
        lines = []
        print(f"bench: {e}")
    for line in lines:
        name, pair, impl, rate = line.split("\t")
        rounds.setdefault(name, {}).setdefault(int(pair), {})[impl] = int(rate)
    print(f"{'line':16} {'C median':>10} {'Rust median':>11} {'Rust/C':>7} {'95 % CI':>13} "
          f"{'+-%':>5} {'min':>6} {'max':>6} {'pairs':>5} {'for 2%':>6}  unit")
    verdicts = []
    for name in LINES:
        pairs = [p for p in rounds.get(name, {}).values() if "c" in p and "rust" in p]
        if not pairs:
            print(f"{name:16} no complete pair")
        else:
            logs = [math.log(p["rust"] / p["c"]) for p in pairs]
            mean = statistics.fmean(logs)
            c = statistics.median(p["c"] for p in pairs)
            r = statistics.median(p["rust"] for p in pairs)
            if len(pairs) > 1:
                sd = statistics.stdev(logs)
                half = t95(len(pairs) - 1) * sd / math.sqrt(len(pairs))
                ci = f"{math.exp(mean - half):.3f}-{math.exp(mean + half):.3f}"
                pct = f"{100 * (math.exp(half) - 1):5.1f}"
                need = f"{pairs_for(sd):6}"
            else:
                ci, pct, need = "-", "    -", "     -"
            print(f"{name:16} {c:10.0f} {r:11.0f} {math.exp(mean):7.3f} {ci:>13} {pct} "
                  f"{math.exp(min(logs)):6.3f} {math.exp(max(logs)):6.3f} {len(pairs):5} "
                  f"{need}  {UNIT[name.split('.')[0]]}")
        if want is not None:
            verdict = f"bench: {name}: {want} pair(s) of C and Rust rounds summarised"
            if len(pairs) == want:
                verdicts.append(f"ok|{verdict}|")
            else:
                verdicts.append(f"fail|{verdict}|{len(pairs)} complete pair(s) in {path}")
    for v in verdicts:
        print(v)
    return 0


if __name__ == "__main__":
    sys.exit(main())
