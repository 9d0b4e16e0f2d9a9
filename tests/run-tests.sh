#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole test suite: sets up the machine in a minimal environment, builds
# the debug test kernel (C and Rust drivers side by side) and the run kernel,
# boots them under QEMU and runs the guest tests, the KUnit tests and
# doctests, and the checks on the kernel log. Ends with "N passed, N failed,
# N skipped" and exits non-zero on any failure.
#
# Every step has a plan: the number of results it must report. A step or a
# guest suite that reports fewer, exits non-zero or does not end is a failure
# of its own, so nothing that stops early can shorten the count.
#
# One deadline holds for the whole run (DEADLINE seconds from its start,
# 5100 by default: 85 minutes, below CI's 90). Every host step and every
# boot runs within its own budget and never past the deadline; a step still
# running then is stopped and counted as failed, a step not yet started is
# counted as failed ("not run"), and the summary line is printed all the
# same.
#
# CYCLES=N sets the number of create/delete cycles (default 20, which keeps
# the whole run within CI's time on 2 cores under TCG; the full count, 1000,
# is `make test-full`). HANG=STEP makes the host step or guest suite STEP
# hang instead of running, to show what a hang costs (tests/README.md).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib/config.sh"

export CYCLES=${CYCLES:-20}
# FULL=1 (make test-full) also runs the slowest kernel selftest (peers.sh).
export FULL=${FULL:-0}
export HANG=${HANG:-}
DEADLINE=${DEADLINE:-5100}
passed=0
failed=0
skipped=0
res() { # res ok|fail|skip NAME [WHY]
	case "$1" in
	ok)
		passed=$((passed + 1))
		echo "ok - $2"
		;;
	skip)
		skipped=$((skipped + 1))
		echo "ok - $2 # SKIP${3:+ $3}"
		;;
	*)
		failed=$((failed + 1))
		echo "not ok - $2${3:+: $3}"
		;;
	esac
}
finish() {
	echo
	echo "time: whole suite $(($(date +%s) - t_all)) s"
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" = 0 ]
	exit
}
# phase NAME START: the wall time of a phase, in the log.
phase() { echo "time: $1 $(($(date +%s) - $2)) s"; }
t_all=$(date +%s)
# The deadline, less what counting the last results and printing the
# summary take.
t_end=$((t_all + DEADLINE - 60))
echo "deadline: the summary line by $(date -d "@$((t_all + DEADLINE))" +%H:%M:%S)" \
	"($DEADLINE s from the start; DEADLINE=SECONDS sets it)"
# budget SECONDS: SECONDS, or what is left before the deadline if that is
# less (0 once it has passed).
budget() {
	local l=$((t_end - $(date +%s)))
	[ $l -gt 0 ] || l=0
	echo $(($1 < l ? $1 : l))
}
past_deadline() { [ "$(budget 5)" -lt 5 ]; }
# within NAME SECONDS COMMAND...: runs COMMAND for at most SECONDS, never
# past the deadline, and returns its exit status (124 if it was stopped, with
# a line saying so). Past the deadline it runs nothing, counts NAME as failed
# (on the run's own output, fd 3, whatever the caller redirected) and sets
# NOT_RUN=1: callers count nothing more for it.
exec 3>&1
NOT_RUN=0
within() {
	local name=$1 b rc
	b=$(budget "$2")
	shift 2
	NOT_RUN=0
	if [ "$b" -lt 5 ]; then
		res fail "$name" "not run: the deadline ($DEADLINE s) has passed" >&3
		NOT_RUN=1
		return 1
	fi
	if [ "$HANG" = "$name" ]; then
		set -- sleep infinity
	fi
	killable timeout -k 10 "$b" "$@"
	rc=$?
	[ $rc = 124 ] && echo "within: $name stopped after its $b s"
	return $rc
}

# count_step LOG NAME PLAN RC: counts the "ok - " and "not ok - " lines of a
# host step's log; the step must report PLAN results and exit 0 exactly when
# none of them failed. After a step that was not run (within: NOT_RUN=1),
# already counted, it counts nothing.
count_step() {
	local log=$1 name=$2 plan=$3 rc=$4 l n=0 bad=0
	[ "$NOT_RUN" = 1 ] && return
	while IFS= read -r l; do
		case "$l" in
		"ok - "*) res ok "${l#ok - }"; n=$((n + 1)) ;;
		"not ok - "*) res fail "${l#not ok - }" "see $log"; n=$((n + 1)); bad=1 ;;
		esac
	done <"$log"
	if [ "$n" != "$plan" ]; then
		res fail "$name: all $plan checks reported" "$n reported, exit status $rc, see $log"
	elif [ "$rc" != 0 ] && [ $bad = 0 ]; then
		res fail "$name: exit status 0" "exit status $rc with every check ok, see $log"
	elif [ "$rc" = 0 ] && [ $bad = 1 ]; then
		res fail "$name: exit status reports the failure" "exit status 0, see $log"
	else
		res ok "$name: all $plan checks reported, exit status $rc"
	fi
}

log=$CACHE/logs
mkdir -p "$log"

# Ctrl-C (or TERM) ends the run at once: the step in the foreground, the
# steps beside the test boot and a guest are stopped (killable, in
# tests/lib/config.sh, records what runs), and the count so far is printed.
export RUNNING=$log/running
rm -rf "$RUNNING" && mkdir -p "$RUNNING"
chain=
interrupted() {
	trap - INT TERM
	[ -n "$chain" ] && kill -TERM "$chain" 2>/dev/null
	stop_running
	res fail "the whole run" "interrupted by a signal"
	echo
	echo "time: whole suite $(($(date +%s) - t_all)) s"
	echo "$passed passed, $failed failed, $skipped skipped"
	exit 130
}
trap interrupted INT TERM

# step NAME SECONDS LOG COMMAND...: a host step with one result, NAME,
# run within its budget (within) with its output in LOG; on a failure the end
# of LOG is shown. Returns the command's exit status.
step() {
	local name=$1 secs=$2 out=$3 rc
	shift 3
	within "$name" "$secs" "$@" >"$out" 2>&1
	rc=$?
	if [ "$NOT_RUN" = 1 ]; then
		:
	elif [ $rc = 0 ]; then
		res ok "$name"
	else
		tail -n 30 "$out"
		res fail "$name" "exit status $rc, see $out"
	fi
	return $rc
}
# counted NAME SECONDS LOG PLAN COMMAND...: a host step that prints PLAN
# "ok - "/"not ok - " lines into LOG (count_step), within its budget.
counted() {
	local name=$1 secs=$2 out=$3 plan=$4 rc
	shift 4
	within "$name" "$secs" "$@" >"$out" 2>&1
	rc=$?
	count_step "$out" "$name" "$plan" $rc
}

# Room for the trees first: a full disk fails a build or a guest far from
# its cause. A fresh clone's make test fills about 9.5 GiB (the pristine
# tree, the test and run kernels, the series' git tree); make test-full adds
# the kernel without CAN.
room=$(disk_room $((FULL == 1 ? 15 : 12))) && res ok "disk: room for the build trees" ||
	{ res fail "disk: room for the build trees" "$room"; finish; }

# 0. Set-up, in the environment of a fresh machine's root: no HOME of
# its own (so no rustup cargo, no git identity), the system PATH only, and
# the proxy settings of the caller if it has any.
t=$(date +%s)
home=$(mktemp -d)
fresh=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" LANG=C.UTF-8 CACHE="$CACHE")
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
	[ -n "${!v:-}" ] && fresh+=("$v=${!v}")
done
step "set-up in a minimal environment (env -i, empty HOME: Debian's cargo, no git identity)" 1800 \
	"$log/setup.log" "${fresh[@]}" bash "$top/tests/setup.sh" || past_deadline || finish
phase set-up "$t"
. "$top/tests/lib/vm.sh"

# The checkers themselves: they must see every report and nothing else.
want=$(grep -c '^\[' "$top/tests/data/splats.txt")
n=$(splats "$top/tests/data/splats.txt" | grep -c .)
[ "$n" = "$want" ] && res ok "log checker finds the $want reports of tests/data/splats.txt" ||
	res fail "log checker finds the $want reports of tests/data/splats.txt" "found $n"
splats "$top/tests/data/clean.txt" >/dev/null && res fail "log checker passes a clean boot log" ||
	res ok "log checker passes a clean boot log"
counted "counter self-test" 300 "$log/selftest.log" "$(grep -c '^check ' "$top/tests/lib/selftest.sh")" \
	bash "$top/tests/lib/selftest.sh"

# 1. The test kernel. Budgets of the host steps: about three times what each
# took in a fresh clone with an empty ccache on the project's 2-core machines
# (test kernel 1276 s, must-not-compile 90, lint 147, series 192 (525 with
# the Rust crates of every step, beside the test boot), run kernel
# 1122), more for the quick ones.
t=$(date +%s)
# A build that failed ends the run; one the deadline stopped does not: what
# comes after it counts itself as not run.
step "build: debug test kernel" 3600 "$log/build-test.log" bash "$top/tests/build.sh" test ||
	past_deadline || finish
phase "build of the test kernel" "$t"
# The adversarial safe drivers, a test-only module built against it.
t=$(date +%s)
rm -rf "$CACHE/test-modules"
cp -r "$top/tests/modules" "$CACHE/test-modules"
step "build: adversarial test module" 600 "$log/build-modules.log" \
	bash "$top/tests/build.sh" test M="$CACHE/test-modules" modules
[ $? != 0 ] || if grep -E '^(warning|error)' "$log/build-modules.log"; then
	res fail "build: adversarial test module without a W=1 CLIPPY=1 warning" "see $log/build-modules.log"
else
	res ok "build: adversarial test module without a W=1 CLIPPY=1 warning"
fi
# modinfo shows a Rust module's parameter types as C's (the module-parameter
# series): a parameter of each type in Rust and the same ones in C; i8 and
# i64, which C has no type for, keep their Rust names.
parmtypes() { modinfo -F parmtype "$CACHE/test-modules/$1.ko" 2>&1 | sort; }
if [ "$(parmtypes rust_net_params | grep -v -e '^p_i8:' -e '^p_i64:')" = "$(parmtypes rust_net_params_c)" ] &&
	[ "$(parmtypes rust_net_params_c | wc -l)" = 9 ] &&
	[ "$(parmtypes rust_net_params | grep -e '^p_i8:' -e '^p_i64:' | paste -sd ' ')" = "p_i64:i64 p_i8:i8" ]; then
	res ok "modinfo: the parameter types of a Rust module are named as C names them"
else
	res fail "modinfo: the parameter types of a Rust module are named as C names them" \
		"$(diff <(parmtypes rust_net_params_c) <(parmtypes rust_net_params) | grep '^[<>]' | paste -sd ' ')"
fi
# The C twins the Rust drivers are compared with, built from the 7.3 sources
# against it under other names (tests/lib/twins.sh).
step "build: C twins nlmon_c, dummy_c, vsockmon_c, vxcan_c, installed beside the Rust modules" 600 \
	"$log/twins-test.log" bash "$top/tests/lib/twins.sh" test
phase "build of the test modules" "$t"
# The benchmark's pieces (make bench): its load generator, and its reading of
# the object code on the test kernel's drivers (the test boot runs one short
# round of each driver).
t=$(date +%s)
step "build: benchmark load generator (tests/bench/load.c)" 300 "$log/build-load.log" \
	bash "$top/tests/bench/build-load.sh"
step "bench: object code of the 5 drivers read" 300 "$log/objects.log" \
	bash "$top/tests/bench/objects.sh" "$BUILD_TEST" "$CACHE/twins-test"
[ $? != 0 ] || if [ "$(grep -c ': Rust without CONFIG_RUST_INLINE_HELPERS: ' "$log/objects.log")" = 6 ] &&
	[ "$(grep -cE '^  (dummy|nlmon|vsockmon|vxcan|ifb) +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9.]+ +[0-9]+ +[0-9]+ +[0-9.]+$' \
		"$log/objects.log")" = 5 ]; then
	res ok "bench: transmit paths and sizes of the 5 drivers in the table"
else
	res fail "bench: transmit paths and sizes of the 5 drivers in the table" "see $log/objects.log"
fi
phase "benchmark pieces" "$t"
t=$(date +%s)
ACCEL=$(guest_accel "$BUILD_TEST")
phase "guests use ${ACCEL^^} (KVM=${KVM:-unset}; tried KVM where /dev/kvm is usable)" "$t"

# The host steps that need no guest run beside the test boot, one after the
# other (the must-not-compile snippets and lint both use the test tree), at
# a low priority (nice 10): the guest, which QEMU emulates, keeps most of the
# CPU it asks for, and the steps take what it leaves. Each
# runs within its own budget and never past the deadline; its exit status
# goes to LOG.rc ("not run" past the deadline), and its results are counted
# once the boot is over (counted_bg, step_bg).
# chain_step NAME SECONDS LOG COMMAND...
chain_step() {
	local name=$1 out=$3 b t
	b=$(budget "$2")
	shift 3
	t=$(date +%s)
	if [ "$b" -lt 5 ]; then
		echo "not run" >"$out.rc"
		return 1
	fi
	[ "$HANG" = "$name" ] && set -- sleep infinity
	killable timeout -k 10 "$b" "$@" >"$out" 2>&1
	echo $? >"$out.rc"
	[ "$(cat "$out.rc")" = 124 ] && echo "chain: $name stopped after its $b s" >>"$out"
	echo "time: $name $(($(date +%s) - t)) s (beside the test boot)" >>"$log/chain.times"
	[ "$(cat "$out.rc")" = 0 ]
}
# bg_rc LOG NAME: the exit status of a chain step, or nothing (and NAME
# counted as failed) if it did not run.
bg_rc() {
	local rc
	rc=$(cat "$1.rc" 2>/dev/null)
	case "$rc" in
	"not run") res fail "$2" "not run: the deadline ($DEADLINE s) has passed" ;;
	[0-9]*)
		echo "$rc" >"$log/bg.rc"
		NOT_RUN=0
		return 0
		;;
	*) res fail "$2" "did not run (no $1.rc)" ;;
	esac
	return 1
}
# counted_bg NAME LOG PLAN, step_bg NAME LOG: count a chain step as counted
# and step count a foreground step.
counted_bg() {
	bg_rc "$2" "$1" && count_step "$2" "$1" "$3" "$(cat "$log/bg.rc")"
}
step_bg() {
	bg_rc "$2" "$1" || return 1
	if [ "$(cat "$log/bg.rc")" = 0 ]; then
		res ok "$1"
	else
		tail -n 30 "$2"
		res fail "$1" "exit status $(cat "$log/bg.rc"), see $2"
		return 1
	fi
}
rm -f "$log"/*.rc "$log/chain.times"
(
	renice -n 10 -p $BASHPID >/dev/null
	# Safe driver code that kernel::net must refuse at compile time.
	chain_step must-not-compile 900 "$log/nocompile.log" bash "$top/tests/nocompile.sh"
	# The static checks, on the log of the build above (it compiled our
	# files with W=1 CLIPPY=1, or lint.sh compiles them again).
	chain_step lint 900 "$log/lint.log" bash "$top/tests/lint.sh" test "$log/build-test.log"
	# The patch series: generated, checkpatch-clean, applies to the base as
	# tested, each step's Rust crates compile. In the minimal environment
	# too: without a git identity it signs with a placeholder
	# (tests/series.sh).
	chain_step series 1800 "$log/series.log" "${fresh[@]}" bash "$top/tests/series.sh"
	# The run kernel (section 3), and the C drivers under their own names
	# against it, for the checks of what is keyed on a module's name
	# (tests/guest/modconf.sh).
	chain_step "build: run kernel" 3600 "$log/build-run.log" bash "$top/tests/build.sh" run &&
		chain_step "build: C nlmon, dummy, vsockmon, vxcan against the run kernel, in a module directory of their own" \
			600 "$log/twins-run.log" bash "$top/tests/lib/twins.sh" run
) &
chain=$!

# 2. The test kernel, booted once for all suites: KUnit at boot, then each
# suite within its own time budget (tests/guest/main.sh stops a suite that
# runs out of it, counts that as a failure and goes on with the next), so a
# slow or hung suite costs only its own results. The boot's limit is the sum
# of the budgets plus the boot itself, and never past the deadline; its
# kernel log and kmemleak are checked once at the end.
# boot NAME TREE TIMEOUT APPEND KMEMLEAK SUITE[:SECONDS]...
boot() {
	local name=$1 tree=$2 tmo=$3 append=$4 leak=$5 t b
	shift 5
	t=$(date +%s)
	b=$(budget "$tmo")
	echo "boot: $name: $* (limit $b s)"
	if [ "$b" -ge 60 ]; then
		# In the background, so that a signal reaches the trap at once.
		run_guest "$tree" "$CACHE/out-$name" "$b" "$append" "$@" >"$log/guest-$name.log" 2>&1 <&0 &
		wait $!
	else
		rm -rf "$CACHE/out-$name" && mkdir -p "$CACHE/out-$name"
		echo "boot: $name: not run, the deadline ($DEADLINE s) has passed"
	fi
	phase "boot $name ($*; limit $b s)" "$t"
	count_guest "$CACHE/out-$name" "$name" $leak "$@"
}
# nlmon_decoded OUT: the nlmon suite's tcpdump captures of one RTM_GETLINK
# request for lo, decoded here by tshark (tests/lib/nldecode.sh): each holds
# the request (type 18, ifindex 1) and its reply (type 16, ifindex 1), and
# the whole decode of C's capture and Rust's is the same.
nlmon_decoded() {
	local m f rc
	for m in nlmon_c nlmon; do
		f=$1/decoded.$m
		within "test: nlmon: $m: capture decoded" 300 \
			bash "$top/tests/lib/nldecode.sh" "$1/tcpdump.$m.pcap" >"$f" 2>"$f.err"
		rc=$?
		[ "$NOT_RUN" = 1 ] && continue
		if [ $rc = 0 ] && grep -qP '^18\t1\t' "$f" && grep -qP '^16\t1\t' "$f"; then
			res ok "test: nlmon: $m: tcpdump capture decodes to the RTM_GETLINK request and its reply"
		else
			res fail "test: nlmon: $m: tcpdump capture decodes to the RTM_GETLINK request and its reply" \
				"decoded: $(head -n 4 "$f" | tr '\n' ' ') $(head -c 200 "$f.err")"
		fi
	done
	if [ -s "$1/decoded.nlmon_c" ] && cmp -s "$1/decoded.nlmon_c" "$1/decoded.nlmon"; then
		res ok "test: nlmon: C and Rust agree: whole decode of the capture"
	else
		res fail "test: nlmon: C and Rust agree: whole decode of the capture" \
			"$(diff "$1/decoded.nlmon_c" "$1/decoded.nlmon" | head -n 6 | tr '\n' ' ')"
	fi
}

# Budgets of the guest suites: three times what each took in a fresh clone's
# run on the project's 2-core machines under TCG (20 cycles: nlmon 169 s,
# sample 24, dummy 250, vsockmon 206, vxcan 621, the adversarial drivers 165,
# the benchmark's short round 79 (four lines then; thirteen now, about 180
# estimated), the two selftests of make test 164; the
# seven of make test-full 17 minutes more), at least two minutes, and for
# the cycles three times a cycle's cost (nlmon 1 s, dummy 3, vsockmon 2,
# vxcan 1, both drivers). Booting with udev and KUnit takes about 4 minutes.
b_nlmon=$((510 + 3 * CYCLES))
b_sample=120
b_dummy=$((750 + 9 * CYCLES))
b_vsockmon=$((620 + 6 * CYCLES))
b_vxcan=$((1860 + 3 * CYCLES))
b_ifb=$((600 + 6 * CYCLES))
b_peers=$((FULL ? 3600 : 500))
b_adversary=500
b_bench=540
# Fault injection: make test's round, the first 40 faults of each add and
# each deletion whole, took 241 s and 269 s in fresh clones (53353bd,
# 4b0af22), each outcome only one implementation gave looked for again
# included; every operation to its end (make test-full) took 2404 s in one
# boot of its own (a72f4b9).
b_faults=$((FULL ? 7200 : 900))
GUEST_ENV="BENCH_LOAD=$CACHE/bench/load BENCH_PAIRS=1 BENCH_PKTS=50000 BENCH_NL=500 BENCH_VSOCK=250 BENCH_IFB=2000 BENCH_CAN=2000 BENCH_LINES=$(python3 "$top/tests/lib/bench.py" --lines)" \
	boot test "$BUILD_TEST" \
	$((600 + b_nlmon + b_sample + b_dummy + b_vsockmon + b_vxcan + b_ifb + b_adversary + b_bench + b_peers +
		b_faults)) "" \
	--kmemleak nlmon:$b_nlmon sample:$b_sample dummy:$b_dummy vsockmon:$b_vsockmon vxcan:$b_vxcan \
	ifb:$b_ifb adversary:$b_adversary bench:$b_bench peers:$b_peers faults:$b_faults
count_kunit "$CACHE/out-test" test
nlmon_decoded "$CACHE/out-test"
count_verdicts "test: benchmark summary" python3 "$top/tests/lib/bench.py" "$CACHE/out-test/bench.tsv" 1

# The steps that ran beside the boot: each ends within its budget and the
# deadline, so this wait does too.
t=$(date +%s)
wait $chain
phase "waiting for the steps beside the test boot" "$t"
cat "$log/chain.times" 2>/dev/null
rm -rf "$home"
counted_bg must-not-compile "$log/nocompile.log" $((2 * $(ls "$top"/tests/nocompile/*.rs | wc -l)))
counted_bg lint "$log/lint.log" 8
counted_bg series "$log/series.log" 8

# 3. The run kernel: the Rust drivers take the C drivers' place, as a
# distribution would build them (tests/configs/run.config).
if step_bg "build: run kernel" "$log/build-run.log"; then
	if python3 "$top/tests/lib/ourwarnings.py" "$log/build-run.log" $(our_sources); then
		res ok "build: run kernel without a warning in our files"
	else
		res fail "build: run kernel without a warning in our files" "see $log/build-run.log"
	fi
	step_bg "build: C nlmon, dummy, vsockmon, vxcan against the run kernel, in a module directory of their own" \
		"$log/twins-run.log"
	# Budgets: three times what they took (runconfig and modconf 95 s in one
	# boot, the command-line boot 36 s), and the boot.
	GUEST_ENV="CMODS=$BUILD_RUN/.virtme_mods_c/lib/modules/0.0.0" \
		boot run "$BUILD_RUN" 900 "" "" runconfig:300 modconf:450
	# Booted again with module parameters on the kernel command line.
	GUEST_ENV="CMODS=$BUILD_RUN/.virtme_mods_c/lib/modules/0.0.0 MODCONF_CMDLINE=1" \
		boot cmdline "$BUILD_RUN" 600 "dummy.numdummies=2 nlmon.bogus=1 vxcan.bogus=1 ifb.numifbs=1" "" modconf:200
else
	# What the run kernel's boots would have counted.
	for b in run cmdline; do
		res fail "$b: not booted" "no run kernel"
	done
fi

# make test-full: kernel::net builds without CONFIG_CAN too (the run kernel's
# configuration without CAN), without a warning in our files.
if [ "$FULL" = 1 ]; then
	t=$(date +%s)
	if step "build: run kernel without CONFIG_CAN" 3600 "$log/build-nocan.log" bash "$top/tests/build.sh" nocan; then
		python3 "$top/tests/lib/ourwarnings.py" "$log/build-nocan.log" $(our_sources) &&
			res ok "build: without CONFIG_CAN, no warning in our files" ||
			res fail "build: without CONFIG_CAN, no warning in our files" "see $log/build-nocan.log"
	fi
	phase "build without CONFIG_CAN" "$t"
fi

finish
