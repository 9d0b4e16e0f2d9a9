# SPDX-License-Identifier: GPL-2.0
# Shared settings for the build and test scripts (sourced, not run).

: "${top:?}"
CACHE=${CACHE:-$top/.cache}
TOOLS=$CACHE/tools
SRC_PKG=linux-source-7.3
# Preferred upstream release; the newest 7.3.y is taken if it is gone.
SRC_PIN=${SRC_PIN:-7.3.4}
# The package version patches/*.diff were made on (with --fuzz=0, another
# 7.3.y may not take them: overlay.sh says so).
SRC_MADE_ON="linux-source-7.3 7.3.4-1~bpo13+1"
BINDGEN_VERSION=0.73.0
VNG_VERSION=1.42
BINDGEN=$TOOLS/bin/bindgen
VNG=$TOOLS/venv/bin/vng
LIBCLANG_PATH=/usr/lib/llvm-22/lib
export LIBCLANG_PATH

# The pristine tree is unpacked here and never modified; the work trees are
# copies of it with our files laid over.
PRISTINE=$CACHE/linux-7.3
BUILD_RUN=$CACHE/build-run
BUILD_TEST=$CACHE/build-test
BUILD_BENCH=$CACHE/build-bench
BUILD_BENCH_NOINLINE=$CACHE/build-bench-noinline
WORK=$CACHE/work

KMAKE=(make LLVM=-22 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
	BINDGEN="$BINDGEN" HOSTRUSTC=/usr/bin/rustc CLIPPY_DRIVER=/usr/bin/clippy-driver
	RUSTFMT=/usr/bin/rustfmt "CC=ccache clang-22"
	-j"$(nproc)")
# vng runs virtme-run from its own venv.
PATH=$TOOLS/venv/bin:$PATH
export PATH

# our_sources: the kernel source files of this repository (paths in the
# kernel tree), whose warnings in a build log are ours (tests/lib/ourwarnings.py).
# A git that fails (one that refuses the repository as another user's, say)
# says so on stderr, and ourwarnings.py refuses an empty list.
our_sources() {
	git -C "$top" ls-files --cached --others --exclude-standard -- rust drivers samples |
		grep -E '\.(rs|c|h)$'
}

# disk_room GIB: whether the file system of $CACHE has room for a cache of
# GIB GiB all told, counting what $CACHE holds already; if not, says how much
# is free and how much more is needed. A build or a guest that runs out of
# space fails far from its cause (a full disk once held a CI guest until its
# time limit), so the commands check first.
disk_room() {
	local have free need
	mkdir -p "$CACHE"
	have=$(du -sk "$CACHE" | cut -f1)
	free=$(df -Pk "$CACHE" | awk 'NR == 2 { print $4 }')
	need=$(($1 * 1048576 - have))
	[ "$free" -ge "$need" ] && return 0
	echo "$((free / 1048576)) GiB free on $(df -P "$CACHE" | awk 'NR == 2 { print $6 }')," \
		"$(((need + 1048575) / 1048576)) GiB needed beside what $CACHE holds" \
		"(the trees of this command take about $1 GiB)"
	return 1
}

# killable COMMAND...: runs COMMAND (a "timeout ...", which puts itself in a
# process group of its own, where Ctrl-C does not reach it) in the
# background and waits for it, so that a signal reaches the caller's trap at
# once; while it runs, its pid is a file in $RUNNING (if set) for that trap
# to stop it (stop_running). Standard input stays the caller's.
killable() {
	local pid rc
	"$@" <&0 &
	pid=$!
	[ -n "${RUNNING:-}" ] && : >"$RUNNING/$pid"
	wait $pid
	rc=$?
	[ -n "${RUNNING:-}" ] && rm -f "$RUNNING/$pid"
	return $rc
}
# stop_running: sends TERM to every command killable is running (timeout
# passes it on to what it runs).
stop_running() {
	local f
	for f in "${RUNNING:?}"/*; do
		[ -e "$f" ] && kill -TERM "${f##*/}" 2>/dev/null
		rm -f "$f"
	done
}
