#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Peer suite: kernel selftests from the 7.3 tree that build their topology
# from dummy devices, run unchanged, first with the C dummy, then with the
# Rust one (loaded first with numdummies=0, so it owns the "dummy" kind).
set -u
. "$(dirname "$0")/lib.sh"
SELFTESTS=${KSRC:?}/tools/testing/selftests/net

PEERS=(
	"altnames.sh"
	"fib_tests.sh -t unregister"
	"fib_tests.sh -t down"
	"fib_tests.sh -t carrier"
	"rtnetlink.sh -t kci_test_route_get"
	"rtnetlink.sh -t kci_test_promote_secondaries"
	"rtnetlink.sh -t kci_test_ifalias"
)

for m in dummy dummy_rust; do
	unload dummy dummy_rust
	insmod "$(modinfo -n "$m")" numdummies=0
	for p in "${PEERS[@]}"; do
		name=$(echo "$p" | tr ' ' '_')
		(cd "$SELFTESTS" && timeout 900 bash $p) >"$OUT/peer.$name.$m" 2>&1
		rc=$?
		ok=$(grep -cE '\[ *OK *\]|^PASS:' "$OUT/peer.$name.$m")
		bad=$(grep -cE '\[ *FAIL *\]|^FAIL:' "$OUT/peer.$name.$m")
		echo "exit=$rc ok=$ok fail=$bad" >"$OUT/peer.$name.$m.sum"
		echo "GUEST: peer $p with $m: exit=$rc ok=$ok fail=$bad"
		expect "$m: selftest $p passes" test "$rc" = 0
	done
	expect "$m: the peer suite ran on $m" test -d "/sys/module/$m"
done
unload dummy dummy_rust

for p in "${PEERS[@]}"; do
	name=$(echo "$p" | tr ' ' '_')
	same "C and Rust agree: selftest $p" "$OUT/peer.$name.dummy.sum" "$OUT/peer.$name.dummy_rust.sum"
done
