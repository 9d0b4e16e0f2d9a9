# SPDX-License-Identifier: GPL-2.0
# Booting a built kernel under QEMU with virtme-ng (sourced).
#
# The guest runs the host's root read-only over 9p, so the guest tools are the
# host's Debian iproute2, ethtool, tcpdump, python3.  TCG by default; KVM=1
# uses KVM where it works.  The guest has no network but its own.

# run_guest TREE OUT SUITE...: boots TREE's kernel and runs the suites; the
# guest writes its results to OUT.  Prints the console.
run_guest() {
	local tree=$1 out=$2
	shift 2
	local kvm=--disable-kvm
	[ "${KVM:-0}" = 1 ] && kvm=
	rm -rf "$out" && mkdir -p "$out"
	# vng's QEMU reopens fd 1/2: its output goes through a pipe, never
	# straight into a file.
	timeout "${GUEST_TIMEOUT:-2400}" "$VNG" --run "$tree" $kvm --force-9p \
		--cpus 2 --memory 2G --rwdir "$out" -v \
		--append "root=/dev/root log_buf_len=16M kmemleak=on panic_on_warn=0" \
		--exec "CYCLES=${CYCLES:-100} KSRC=$PRISTINE bash $top/tests/guest/main.sh $out $*" 2>&1 | cat
}

# splats LOG: prints the lines of a kernel log that report a WARN, BUG, KASAN,
# lockdep, RCU, refcount or reference-tracker problem.
splats() {
	grep -aE 'WARNING:|BUG[: ]|KASAN|possible recursive locking|circular locking|inconsistent lock state|suspicious RCU usage|refcount_t:|unreferenced object|Call Trace:|RCU detected stall|ref_tracker: .*(users at|already|leak)|unregister_netdevice: waiting' "$1"
}

# count_guest OUT CONSOLE LABEL: counts the guest's TEST lines, the KUnit
# results and the kernel log checks with res().
count_guest() {
	local out=$1 console=$2 label=$3 l n
	if ! grep -q "GUEST: done" "$console"; then
		tail -n 60 "$console"
		res fail "$label: guest ran to the end" "see $console"
	else
		res ok "$label: guest ran to the end"
	fi
	while IFS= read -r l; do
		case "$l" in
		"TEST ok "*) res ok "$label: ${l#TEST ok }" ;;
		"TEST not ok "*)
			n=${l#TEST not ok }
			res fail "$label: ${n%%: *}" "${n#*: }" ;;
		esac
	done < <(grep -aE '^TEST (ok|not ok) ' "$console")

	# KUnit (the #[kunit_tests] and the kernel crate's doctests) from KTAP.
	if [ -f "$out/dmesg" ] && grep -q "KTAP version" "$out/dmesg"; then
		python3 "$top/tests/lib/ktap.py" "$out/dmesg" "$label: kunit" >"$out/kunit.res"
		while IFS='|' read -r st name why; do
			res "$st" "$name" "$why"
		done <"$out/kunit.res"
	fi

	# The kernel log: no WARN, BUG, KASAN, lockdep, refcount or kmemleak report.
	if [ -f "$out/dmesg" ]; then
		if splats "$out/dmesg" >"$out/splats"; then
			res fail "$label: kernel log free of splats" "$(head -n 3 "$out/splats" | tr '\n' ' ')"
		else
			res ok "$label: kernel log free of splats"
		fi
		if [ -s "$out/kmemleak" ]; then
			res fail "$label: kmemleak finds no leak" "$(head -n 3 "$out/kmemleak" | tr '\n' ' ')"
		elif [ -f "$out/kmemleak" ]; then
			res ok "$label: kmemleak finds no leak"
		fi
	fi
}
