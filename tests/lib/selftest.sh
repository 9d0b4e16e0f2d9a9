#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The counters of the test suite, tried on canned input (tests/data): each
# kind of failure they exist to catch must give exactly the verdicts listed.
# Prints "ok - NAME" / "not ok - NAME" lines; the plan is the number of
# check lines below.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/config.sh"
data=$top/tests/data
bad=0

# check NAME OK FAIL SKIP COMMAND...: COMMAND prints verdict lines
# (ok|NAME|WHY, fail|..., skip|...); they must number OK, FAIL and SKIP.
check() {
	local name=$1 want="$2 $3 $4" got
	shift 4
	got=$("$@" | awk -F'|' '{n[$1]++} END {printf "%d %d %d", n["ok"], n["fail"], n["skip"]}')
	if [ "$got" = "$want" ]; then
		echo "ok - counter: $name"
	else
		echo "not ok - counter: $name: ok/fail/skip $got, expected $want"
		bad=1
	fi
}

R="python3 $top/tests/lib/results.py"
K="python3 $top/tests/lib/ktap.py $PRISTINE/tools/testing/kunit"
check "guest results: a failed result is counted, the rest passes" 6 1 0 $R "$data/results/good" L --kmemleak a b
check "guest results: a suite that never started fails" 5 1 0 $R "$data/results/missing" L --kmemleak a b
check "guest results: a suite exiting non-zero fails" 6 1 0 $R "$data/results/exit" L --kmemleak a b
check "guest results: fewer results than planned fail" 5 1 0 $R "$data/results/short" L --kmemleak a b
check "guest results: a guest killed mid-suite fails" 3 3 0 $R "$data/results/killed" L --kmemleak a b
check "guest results: a kmemleak that refused the scan fails" 6 1 0 $R "$data/results/leakoff" L --kmemleak a b
check "guest results: a result line broken by a kernel message fails" 5 2 0 $R "$data/results/garbled" L --kmemleak a b
check "guest results: a kmemleak report fails" 6 1 0 $R "$data/results/leak" L --kmemleak a b
check "guest results: results of a suite not run here fail" 5 1 0 $R "$data/results/good" L --kmemleak a
check "guest results: a suite out of its time budget fails" 5 1 0 $R "$data/results/budget" L --kmemleak a:300 b
O=$data/ktap-ours
check "KTAP: passed cases counted, a skipped case of ours fails" 3 1 0 $K "$data/ktap-good.txt" L $O.txt
check "KTAP: a case of ours missing from the log fails" 3 2 0 $K "$data/ktap-good.txt" L $O-more.txt
check "KTAP: a case of rust/kernel/net not in the list fails" 2 2 0 $K "$data/ktap-good.txt" L $O-less.txt
check "KTAP: failed, missing and crashed cases and plan errors fail" 2 8 0 $K "$data/ktap-bad.txt" L $O.txt
check "KTAP: a log without KUnit fails" 0 5 0 $K "$data/splats.txt" L $O.txt
exit $bad
