#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole test suite: builds the debug test kernel (C and Rust drivers side
# by side) and the run kernel, boots them under QEMU and runs the guest tests,
# the KUnit tests and doctests, and the checks on the kernel log. Ends with
# "N passed, N failed" and exits non-zero on any failure.
#
# CYCLES=N sets the number of create/delete cycles (default 100; the full
# count, 1000, is `make test-full`).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"
. "$top/tests/lib/vm.sh"

export CYCLES=${CYCLES:-100}
passed=0
failed=0
res() { # res ok|fail NAME [WHY]
	if [ "$1" = ok ]; then
		passed=$((passed + 1))
		echo "ok - $2"
	else
		failed=$((failed + 1))
		echo "not ok - $2${3:+: $3}"
	fi
}
count_log() { # count_log LOG: counts the "ok - " and "not ok - " lines of a step's log
	local l
	while IFS= read -r l; do
		case "$l" in
		"ok - "*) res ok "${l#ok - }" ;;
		"not ok - "*) res fail "${l#not ok - }" "see $1" ;;
		esac
	done <"$1"
}
finish() {
	echo
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
	exit
}

bash "$top/tests/setup.sh" || { res fail "set-up"; finish; }

# The kernel log checker itself: it must see every report and nothing else.
n=$(splats "$top/tests/data/splats.txt" | grep -c .)
[ "$n" = 7 ] && res ok "log checker finds the 7 reports of tests/data/splats.txt" ||
	res fail "log checker finds the 7 reports of tests/data/splats.txt" "found $n"
splats "$top/tests/data/clean.txt" >/dev/null && res fail "log checker passes a clean boot log" ||
	res ok "log checker passes a clean boot log"

# 1. The test kernel.
log=$CACHE/logs
mkdir -p "$log"
if bash "$top/tests/build.sh" test >"$log/build-test.log" 2>&1; then
	res ok "build: debug test kernel"
else
	tail -n 40 "$log/build-test.log"
	res fail "build: debug test kernel" "see $log/build-test.log"
	finish
fi
bash "$top/tests/lint.sh" test >"$log/lint.log" 2>&1
count_log "$log/lint.log"

# The patch series: generated, checkpatch-clean, applies to v7.3 as tested.
bash "$top/tests/series.sh" >"$log/series.log" 2>&1
count_log "$log/series.log"
grep -q "series: generated" "$log/series.log" || res fail "series: generated" "see $log/series.log"

# 2. Boot the test kernel: guest suites, KUnit, kernel log.
out=$CACHE/out-test
run_guest "$BUILD_TEST" "$out" nlmon dummy vsockmon sample peers >"$log/guest-test.log" 2>&1
count_guest "$out" "$log/guest-test.log" "test kernel"

# 3. The run kernel: the Rust drivers take the C drivers' place.
if bash "$top/tests/build.sh" run >"$log/build-run.log" 2>&1; then
	res ok "build: run kernel"
	out=$CACHE/out-run
	run_guest "$BUILD_RUN" "$out" runconfig >"$log/guest-run.log" 2>&1
	count_guest "$out" "$log/guest-run.log" "run kernel"
else
	tail -n 40 "$log/build-run.log"
	res fail "build: run kernel" "see $log/build-run.log"
fi

finish
