#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Systematic fault injection: for each driver, C and Rust, each operation
# runs again and again with its 1st, 2nd, 3rd, ... slab or page allocation
# failing, until it completes without reaching the fault (faults.py, whose
# result per operation is $OUT/faults.MODULE.OP). Each fault must leave the
# operation either done with success or undone with an error, and nothing
# behind (faults.py checks after every step); C and Rust must answer the
# faults of an operation with the same outcomes.
# FULL=1 (make test-full) runs every operation to its end; make test two,
# where driver code runs on the way to a failure and on the way back: the
# first 40 faults of "ip link add" (the device's allocation, the driver's
# setup and ndo_init, the registration's first steps, each undone), and the
# whole deletion. OP:N stops OP after its first N faults (faults.py LIMIT).
# For a developer: FAULT_DRIVERS and FAULT_OPS choose, FAULT_VERBOSE=2 puts
# each injected fault's stack in the kernel log after a line that names its
# step (the log check then reports those stacks); an allocation made with
# __GFP_NOWARN (vmalloc's pages, a module's among them) fails without one.
set -u
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
DRIVERS=${FAULT_DRIVERS:-"nlmon dummy ifb vsockmon vxcan"}
if [ "${FULL:-0}" = 1 ]; then
	OPS="load add up down mtu address netns del rmmod"
else
	OPS="add:40 del"
fi
OPS=${FAULT_OPS:-$OPS}
# The operations of a driver: a pair's deletion from its other end too.
ops() { echo $OPS; [ "$1" = vxcan ] && echo delpeer; }
total=0
for d in $DRIVERS; do total=$((total + 3 * $(ops $d | wc -w))); done
plan $((total + 1))

# Only the faults this suite asks for: allocations that may sleep fail too
# (syzkaller's setting), order-0 pages too, without a report per fault.
dbg=/sys/kernel/debug
for f in failslab fail_page_alloc; do
	echo N >"$dbg/$f/ignore-gfp-wait"
	echo ${FAULT_VERBOSE:-0} >"$dbg/$f/verbose"
done
echo 0 >"$dbg/fail_page_alloc/min-order"
# Faults that are no fault points of the operation are not counted, by the
# functions on their stack (each debugfs directory rejects one range):
# - failslab: kmemleak records every allocation in an object of its own;
#   that one failing only sends kmemleak to its static pool. Its
#   __alloc_object (mm/kmemleak.c, where mem_pool_alloc is inlined).
# - fail_page_alloc: the pages of a new slab (new_slab() in mm/slub.c, where
#   allocate_slab() and alloc_slab_page() are inlined). The kmalloc() that
#   needs one was a fault point already, and whether it needs a page
#   depends on the slab's state: counted, they made a kmalloc() one fault
#   point in one run and two in the next (three, when the slab's
#   higher-order page failing was only a fall-back to a smaller one).
# The addresses come from the build's System.map (the test kernel is not
# relocated: no RANDOMIZE_BASE), reading /proc/kallsyms here takes minutes.
range() {
	awk -v f="$1" '$3 == f { a = $1; next } a { print a, $1; exit }' \
		"/lib/modules/$(uname -r)/build/System.map"
}
reject() {
	echo "0x${2% *}" >"$dbg/$1/reject-start"
	echo "0x${2#* }" >"$dbg/$1/reject-end"
}
# - failslab, while a device moves to another namespace: device_rename().
#   7.3's __dev_change_net_namespace() (net/core/dev.c) has no way back once
#   the device has left its namespace: device_rename() failing there is a
#   WARN_ON(err) and leaves the device's sysfs directory behind in the old
#   namespace, whatever the driver. The move's faults stop short of it;
#   kmemleak's records are fault points then, each of them only an "ok".
kl=$(range __alloc_object)
ns=$(range new_slab)
dr=$(range device_rename)
reject fail_page_alloc "$ns"
# reject_for OP: the failslab range for OP.
reject_for() {
	if [ "$1" = netns ]; then reject failslab "$dr"; else reject failslab "$kl"; fi
}
# The kernel's messages about the failed allocations (thousands) go to its
# log only: printed on the emulated serial console they would slow each step.
dmesg -n 1
restore() {
	echo "rust-net-tests: fault injection off" >/dev/kmsg
	dmesg -n 7
	for f in failslab fail_page_alloc; do
		echo Y >"$dbg/$f/ignore-gfp-wait"
		echo 2 >"$dbg/$f/verbose"
	done
	echo 1 >"$dbg/fail_page_alloc/min-order"
	for f in failslab fail_page_alloc; do
		echo 0 >"$dbg/$f/reject-start"
		echo 0 >"$dbg/$f/reject-end"
	done
	ip netns del faults 2>/dev/null
}
trap restore EXIT
# Between these marks the kernel's reports of failed allocations are the
# suite's doing (splats in tests/lib/vm.sh).
echo "rust-net-tests: fault injection on" >/dev/kmsg
expect "fault injection: fail-nth and debugfs controls present" \
	test -w /proc/thread-self/fail-nth -a "$(cat $dbg/failslab/ignore-gfp-wait)" = N \
	-a -n "$kl" -a -n "$ns" -a -n "$dr"
ip netns add faults
# What the modules need loaded beside them (faults.py loads the module file
# itself, without modprobe).
modprobe can 2>/dev/null
for m in vxcan_c vxcan; do
	for dep in $(modinfo -F depends "$m" | tr ',' ' '); do modprobe "$dep"; done
done

# diffs: what C and Rust gave for $d's $op (in the window $win) that the
# other never gave, in its first round or when it looked again;
# diffs c|r: the faults around those to look at again in C (c) or Rust (r).
diffs() {
	jq -r -n --argjson w "$win" --arg side "${1:-}" \
		--slurpfile c "$OUT/faults.${d}_c.$op" --slurpfile r "$OUT/faults.$d.$op" \
		--slurpfile ca "$OUT/faults.${d}_c.$op.again" \
		--slurpfile ra "$OUT/faults.$d.$op.again" '
		def out: .[0:2] | join(" ");
		def real: select(.[0] | endswith("(ack)") | not);
		def outs(n): [.steps[:n][] | real | out] | unique;
		def every(x; again): (x | outs(100000)) + [again[].steps[] | real | out];
		def only(x; y; again): (x | outs($w)) - every(y; again);
		($c[0] | only(.; $r[0]; $ra)) as $conly |
		($r[0] | only(.; $c[0]; $ca)) as $ronly |
		def around(x; miss): [x.steps[:$w] | to_entries[] |
			select(.value | out as $o | any(miss[]; . == $o)) | .key + 1 |
			range(. - 3; . + 4) | select(. >= 1)] | unique | map(tostring) |
			join(",");
		if $side == "c" then around($r[0]; $ronly)
		elif $side == "r" then around($c[0]; $conly)
		else ($conly | map("C only: " + .)) + ($ronly | map("Rust only: " + .)) +
			[$ca[], $ra[] | .bad[] | "looking again: " + .] | join("; ") end' 2>&1
}
for d in $DRIVERS; do
	for m in ${d}_c $d; do
		unload ${d}_c $d
		for spec in $(ops $d); do
			op=${spec%%:*}
			f=$OUT/faults.$m.$op
			reject_for "$op"
			timeout -k 10 1800 python3 "$HERE/faults.py" "$d" "$m" $(echo "$spec" | tr : ' ') \
				>"$f" 2>"$f.err"
			echo "FAULTS $m $op: $(jq -c '{points, seconds, bad}' "$f" 2>&1)"
			# One whole result (an empty file is not one), with a count and
			# no broken rule.
			why=$(jq -r -s 'if length != 1 then "no whole result (\(length) objects)"
				elif .[0].points == null then "no count of its faults"
				else .[0].bad | join("; ") end' "$f" 2>&1)
			if [ -z "$why" ]; then
				pass "$m: $op: each fault fails cleanly"
			else
				fail "$m: $op: each fault fails cleanly" "$(head -c 400 <<<"$why") $(tail -n 3 "$f.err")"
			fi
		done
		unload $m
	done
	# C and Rust: the same outcomes. Not fault by fault: the count of an
	# operation's fault points varies by a few from one run to the next
	# (a kmalloc() whose slab needs a new page is two fault points, the
	# slab's and the page's), which shifts the outcomes after it; the faults
	# and what each gave are in the files. So each outcome of one must be an
	# outcome of the other, and of an operation stopped after its first N
	# faults, the outcomes of the first N - 10 must be among the other's N
	# (vxcan's add: Rust's 33rd fault failed the device's name, EINVAL, C's
	# was after its 40th). An outcome a single allocation gives (the
	# device's name again) can fall between two steps of a round: shifted
	# back by one in the run of fault n, forward by one in that of n + 1.
	# An outcome one gave and the other did not is looked for again in the
	# other, at the faults around those where the one gave it, up to three
	# times (faults.py --at): a difference that remains is one.
	# An ack lost to its fault ("(ack)") is left out: the operation was over
	# by then, and whether the ack's allocations were fault points at all
	# varied (dummy_c's deletion: three in one run, none in another).
	for spec in $(ops $d); do
		op=${spec%%:*}
		win=100000
		[ "$op" != "$spec" ] && win=$((${spec#*:} - 10))
		for m in ${d}_c $d; do
			jq -r '.steps[] | .[0:2] | join(" ")' "$OUT/faults.$m.$op" 2>/dev/null |
				sort | uniq -c >"$OUT/faults.$m.$op.outcomes"
			: >"$OUT/faults.$m.$op.again"
		done
		for look in 0 1 2 3; do
			why=$(diffs)
			[ -z "$why" ] || [ $look = 3 ] && break
			for side in c r; do
				at=$(diffs $side)
				[ -z "$at" ] && continue
				m=$d
				[ $side = c ] && m=${d}_c
				echo "FAULTS $m $op: looking again at faults $at"
				reject_for "$op"
				timeout -k 10 600 python3 "$HERE/faults.py" "$d" "$m" "$op" --at "$at" \
					>>"$OUT/faults.$m.$op.again" 2>>"$OUT/faults.$m.$op.err"
			done
		done
		if [ -z "$why" ]; then
			pass "$d: $op: C and Rust give the same outcomes"
		else
			fail "$d: $op: C and Rust give the same outcomes" "$(head -c 400 <<<"$why")"
		fi
	done
done
