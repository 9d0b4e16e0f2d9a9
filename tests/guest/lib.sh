# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest-side tests (sourced).  Every test prints one line
#   TEST ok NAME   or   TEST not ok NAME: WHY
# that the host counts.

OUT=${OUT:?}

pass() { echo "TEST ok $1"; }
fail() { echo "TEST not ok $1: $2"; }

# expect NAME CONDITION-COMMAND...: passes if the command succeeds.
expect() {
	local name=$1
	shift
	if "$@" >"$OUT/last.log" 2>&1; then
		pass "$name"
	else
		fail "$name" "'$*' failed: $(head -c 300 "$OUT/last.log" | tr '\n' ' ')"
	fi
}

# same NAME FILE-A FILE-B: passes if the files are equal.
same() {
	if cmp -s "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "$(diff "$2" "$3" | head -n 8 | tr '\n' ' ')"
	fi
}

# errmsg CMD...: runs a command that must fail and prints its error text, or
# "SUCCEEDED" if it did not fail.
errmsg() {
	local out
	if out=$("$@" 2>&1); then
		echo SUCCEEDED
	else
		echo "$out" | sed 's/^modprobe: ERROR: could not insert .[a-z_]*.: /modprobe: /'
	fi
}

mod_loaded() { [ -d "/sys/module/$1" ]; }
mod_refcnt() { cat "/sys/module/$1/refcnt" 2>/dev/null || echo none; }
link_absent() { ! ip link show "$1" >/dev/null 2>&1; }

# Unloads every module of the list that is loaded.
unload() {
	local m
	for m in "$@"; do
		mod_loaded "$m" && rmmod "$m"
	done
	return 0
}

# capture_start DEV PCAP: starts tcpdump on DEV, writing PCAP (its messages in
# PCAP.log), and returns once it listens. Its pid is in CAPTURE_PID.
capture_start() {
	local i
	tcpdump -i "$1" --immediate-mode -U -w "$2" 2>"$2.log" &
	CAPTURE_PID=$!
	for i in $(seq 1 50); do
		grep -q "listening on" "$2.log" && return 0
		sleep 0.1
	done
	return 1
}

# capture_stop: lets the last packets reach the file, then stops tcpdump.
capture_stop() {
	sleep 0.5
	kill -INT "$CAPTURE_PID"
	wait "$CAPTURE_PID"
}
