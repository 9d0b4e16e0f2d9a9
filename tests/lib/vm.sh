# SPDX-License-Identifier: GPL-2.0
# Booting a built kernel under QEMU with virtme-ng (sourced).
#
# The guest runs the host's root read-only over 9p, so the guest tools are the
# host's Debian iproute2, ethtool, tcpdump, python3.  KVM is used where it
# works (KVM=1 insists on it, KVM=0 never tries it), TCG otherwise.  The guest
# has no network but its own.

# kvm_works TREE: TREE's kernel boots under KVM on this host, as far as
# mounting its root (it has none here, so it panics there and QEMU exits).
# Creating a KVM machine is not enough: on some hosts that works and the
# guest never boots.
kvm_works() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] && [ -f "$1/arch/x86/boot/bzImage" ] &&
		timeout 60 qemu-system-x86_64 -accel kvm -cpu host -m 1G -smp 1 -nodefaults \
			-display none -serial stdio -no-reboot -kernel "$1/arch/x86/boot/bzImage" \
			-append "console=ttyS0 panic=-1 kunit.enable=0 root=/dev/nonexistent" \
			</dev/null 2>&1 | grep -aqE 'VFS: (Unable to mount|Cannot open) root'
}

# guest_accel TREE: prints "kvm" or "tcg", the accelerator the guests use.
guest_accel() {
	case "${KVM:-}" in
	1) echo kvm ;;
	0) echo tcg ;;
	*) if kvm_works "$1"; then echo kvm; else echo tcg; fi ;;
	esac
}

# run_guest TREE OUT TIMEOUT APPEND SUITE[:SECONDS]...: boots TREE's kernel
# with APPEND added to its command line and runs the suites, each within its
# time budget if it has one (tests/guest/main.sh), which write their results
# to OUT; the guest is killed after TIMEOUT seconds. Prints the console.
# GUEST_ENV holds more VAR=VALUE words for the suites' environment;
# GUEST_CPUS sets the number of CPUs (2).
run_guest() {
	local tree=$1 out=$2 tmo=$3 append=$4
	shift 4
	local kvm=--disable-kvm hang=
	# HANG (tests/run-tests.sh) names a suite here only if it is one word.
	[[ "${HANG:-}" =~ ^[a-z0-9_-]+$ ]] && hang=$HANG
	[ "${ACCEL:=$(guest_accel "$tree")}" = kvm ] && kvm=
	rm -rf "$out" && mkdir -p "$out"
	# The guest's root is the host's, read-only over 9p, which vng mounts
	# without a cache: every program a suite starts was read again through
	# 9p, which took 1.6 s for an "ip" under TCG and KASAN. The host does not
	# change those files while a guest runs, so the guest caches them
	# (cache=loose, given after vng's rootflags, replaces them): 0.5 s.
	# OUT is a mount of its own, uncached.
	local root=rootflags=version=9p2000.L,trans=virtio,access=any,msize=524288,cache=loose
	# 4-level paging (no5lvl): QEMU's CPU under TCG has LA57, and 7.3's
	# identify_cpu() clears boot_cpu_data's capabilities before reading
	# them again; an interrupt in that window makes KASAN compute the
	# shadow of a 5-level direct-map address with 4-level bounds and report
	# a wild access (do_raw_spin_lock in handle_edge_irq, at 0.003 s), which
	# also turns lockdep off for the rest of the boot. Seen once in a test
	# boot; not something of ours, and not a state a 4-level kernel has.
	local paging=no5lvl
	# vng's QEMU reopens fd 1/2: its output goes through a pipe, never
	# straight into a file.
	killable timeout "$tmo" "$VNG" --run "$tree" $kvm --force-9p \
		--cpus "${GUEST_CPUS:-2}" --memory 2G --rwdir "$out" -v \
		--append "root=/dev/root $root $paging log_buf_len=16M kmemleak=on panic_on_warn=0 $append" \
		--exec "CYCLES=${CYCLES:-20} FULL=${FULL:-0} HANG=${hang:-} ${GUEST_ENV:-} KSRC=$PRISTINE TESTMODS=$CACHE/test-modules bash $top/tests/guest/main.sh $out $*" 2>&1 | cat
}

# splats LOG: prints the lines of a kernel log that report a WARN, BUG, Oops,
# KASAN, UBSAN, lockdep, RCU (suspicious use, stall), hung task, refcount,
# reference-tracker or kmemleak problem, or a stack dump of any other cause.
# tests/data/splats.txt holds a sample of each. Between the marks the fault-
# injection suite leaves (tests/guest/faults.sh), an allocation failure's
# report (warn_alloc: its header, then a stack dump to </TASK>) is what the
# suite asked for, not a splat; tests/data/clean.txt holds one.
splats() {
	awk '/rust-net-tests: fault injection on$/ { inj = 1 }
		/rust-net-tests: fault injection off$/ { inj = 0 }
		inj && /: (vmalloc error|page allocation failure): / { skip = 1 }
		skip { if (/<\/TASK>/) skip = 0; next }
		{ print }' "$1" | grep -aE 'WARNING:|BUG[: ]|Oops|general protection fault|Kernel panic|KASAN|UBSAN:|possible recursive locking|circular locking|inconsistent lock state|suspicious RCU usage|rcu: INFO: .*detected stall|INFO: task .* blocked for more than|refcount_t:|unreferenced object|kmemleak: .*suspected memory leak|Call Trace:|ref_tracker: .*(users at|already|leak)|unregister_netdevice: waiting'
}

# count_guest OUT LABEL [--kmemleak] SUITE[:SECONDS]...: counts with res()
# the results of the suites of one boot (tests/lib/results.py: every result,
# each suite's plan, exit status and time budget, the end of the guest,
# kmemleak), prints each suite's wall time and checks the kernel log.
count_guest() {
	local out=$1 label=$2
	shift 2
	count_verdicts "$label: results" python3 "$top/tests/lib/results.py" "$out" "$label" "$@"

	# The kernel log: no WARN, BUG, KASAN, lockdep, refcount or kmemleak report.
	if [ ! -s "$out/dmesg" ]; then
		res fail "$label: kernel log collected" "no $out/dmesg"
	elif splats "$out/dmesg" >"$out/splats"; then
		res fail "$label: kernel log free of splats" "$(head -n 3 "$out/splats" | tr '\n' ' ')"
	else
		res ok "$label: kernel log free of splats"
	fi
}

# count_kunit OUT LABEL: the KUnit results of the boot's log, parsed by 7.3's
# own KTAP parser (tests/lib/ktap.py), each case one result, skipped cases
# counted as skipped; every case of rust/kernel/net that its sources give
# (tests/lib/kunit_cases.py) passed, none skipped.
count_kunit() {
	local files
	files=$(git -C "$top" ls-files --cached --others --exclude-standard -- 'rust/kernel/net/*.rs' |
		sed "s|^|$top/|")
	python3 "$top/tests/lib/kunit_cases.py" "$top" $files >"$1/kunit-ours" ||
		: >"$1/kunit-ours"
	count_verdicts "$2: kunit" python3 "$top/tests/lib/ktap.py" "$PRISTINE/tools/testing/kunit" \
		"$1/dmesg" "$2: kunit" "$1/kunit-ours"
}

# count_verdicts NAME COMMAND...: counts with res() the verdict lines
# (ok|NAME|, fail|NAME|WHY, skip|NAME|WHY; time|NAME|SECONDS is printed) of a
# checker; a checker that fails itself (a crash, a missing log) is a failure
# too, never a silent nothing.
count_verdicts() {
	local what=$1 st name why rc
	shift
	"$@" >"$log/verdicts.tmp" 2>&1
	rc=$?
	while IFS='|' read -r st name why; do
		case "$st" in
		time) echo "time: $name $why" ;;
		ok | fail | skip) res "$st" "$name" "$why" ;;
		esac
	done <"$log/verdicts.tmp"
	[ $rc = 0 ] || res fail "$what counted" "checker exited $rc: $(tail -n 2 "$log/verdicts.tmp" | tr '\n' ' ')"
}
