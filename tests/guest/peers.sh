#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Peer suite: kernel selftests from the 7.3 tree that build their topology
# from dummy devices, run unchanged, first with the C dummy (the test module
# dummy_c), then with the Rust one (each loaded first with numdummies=0, so
# that it owns the "dummy" kind).
set -u
. "$(dirname "$0")/lib.sh"
SELFTESTS=${KSRC:?}/tools/testing/selftests/net

PEERS=(
	"altnames.sh"
	"fib_tests.sh -t unregister"
)
# The full run (make test-full) adds five more: kci_test_route_get, fib_tests'
# carrier and link-down cases (the latter 100 s per dummy on the project's
# 2-core machines under TCG), kci_test_ifalias and
# kci_test_promote_secondaries (506 ip and ifconfig commands, 7 minutes per
# dummy), so that make test, with the vxcan suite, stays within CI's time.
[ "${FULL:-0}" = 1 ] && PEERS+=("rtnetlink.sh -t kci_test_route_get" "fib_tests.sh -t carrier"
	"rtnetlink.sh -t kci_test_ifalias" "fib_tests.sh -t down"
	"rtnetlink.sh -t kci_test_promote_secondaries")

plan $((2 * (${#PEERS[@]} + 2) + ${#PEERS[@]}))

# The verdict lines of a selftest's output (fib_tests' "[ OK ]", rtnetlink's
# "PASS:", their FAIL and SKIP), white space folded, the random UUID of
# kci_test_ifalias masked, sorted.
verdicts() {
	grep -E '\[ *(OK|FAIL|SKIP) *\]|^(PASS|FAIL|SKIP):' "$1" | tr -s ' \t' ' ' |
		sed -E 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/UUID/g' | sort
}

for m in dummy_c dummy; do
	unload dummy_c dummy
	expect "$m: loaded with numdummies=0" insmod "$(modinfo -n "$m")" numdummies=0
	for p in "${PEERS[@]}"; do
		name=$(echo "$p" | tr ' ' '_')
		(cd "$SELFTESTS" && timeout 900 bash $p) >"$OUT/peer.$name.$m" 2>&1
		rc=$?
		verdicts "$OUT/peer.$name.$m" >"$OUT/peer.$name.$m.verdicts"
		ok=$(grep -cE '\[ ?OK ?\]|^PASS:' "$OUT/peer.$name.$m.verdicts")
		notok=$(grep -cvE '\[ ?OK ?\]|^PASS:' "$OUT/peer.$name.$m.verdicts")
		echo "GUEST: peer $p with $m: exit=$rc ok=$ok other=$notok"
		# A selftest that skipped what it tests exits 0 (or 4) too: it
		# must have passed something and skipped or failed nothing.
		expect "$m: selftest $p passes (exit 0, something passed, nothing failed or skipped)" \
			test "$rc,$((ok > 0)),$notok" = "0,1,0"
	done
	expect "$m: the peer suite ran on $m" test -d "/sys/module/$m"
done
unload dummy_c dummy

for p in "${PEERS[@]}"; do
	name=$(echo "$p" | tr ' ' '_')
	same "C and Rust agree: the verdicts of selftest $p" \
		"$OUT/peer.$name.dummy_c.verdicts" "$OUT/peer.$name.dummy.verdicts"
done
