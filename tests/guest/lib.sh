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

# capture_start DEV PCAP: starts tcpdump on the monitor DEV, writing PCAP (its
# messages in PCAP.log), and returns once it listens. A large buffer keeps the
# kernel from dropping packets while a slow guest does not schedule tcpdump.
capture_start() {
	local i
	CAPTURE_DEV=$1
	CAPTURE_FILE=$2
	tcpdump -i "$1" -B 65536 --immediate-mode -U -w "$2" 2>"$2.log" &
	CAPTURE_PID=$!
	for i in $(seq 1 50); do
		grep -q "listening on" "$2.log" && break
		sleep 0.1
	done
	CAPTURE_BASE=$(cat "/sys/class/net/$1/statistics/rx_packets")
	grep -q "listening on" "$2.log"
}

# pcap_count PCAP: the number of complete packets in a capture file.
pcap_count() {
	python3 - "$1" <<-'EOF'
	import struct, sys
	data = open(sys.argv[1], "rb").read()
	off, n = 24, 0
	while off + 16 <= len(data):
	    off += 16 + struct.unpack_from("<I", data, off + 8)[0]
	    n += off <= len(data)
	print(n)
	EOF
}

# capture_stop: waits for the traffic on the device to end (its counter still
# for a second) and for tcpdump to have written every packet the device
# received since capture_start, then stops tcpdump.
capture_stop() {
	local i n last=-1
	for i in $(seq 1 30); do
		n=$(cat "/sys/class/net/$CAPTURE_DEV/statistics/rx_packets")
		[ "$n" = "$last" ] && break
		last=$n
		sleep 1
	done
	for i in $(seq 1 100); do
		[ "$(pcap_count "$CAPTURE_FILE")" -ge $((n - CAPTURE_BASE)) ] && break
		sleep 0.1
	done
	kill -INT "$CAPTURE_PID"
	wait "$CAPTURE_PID"
}
