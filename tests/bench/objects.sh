#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# objects.sh TREE TWINS: what the object code of a built tree's Rust drivers
# and of their C twins built against it (TWINS, tests/lib/twins.sh) holds:
# their transmit paths (tests/lib/xmitpath.py) and the modules' sizes.
# Part of make bench; make test runs it on the test kernel.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tree=${1:?usage: objects.sh TREE TWINS}
twins=${2:?usage: objects.sh TREE TWINS}

echo "\$ python3 tests/lib/xmitpath.py llvm-objdump-22 $tree $twins --bitcode"
python3 "$top/tests/lib/xmitpath.py" llvm-objdump-22 "$tree" "$twins" --bitcode
echo
echo "Module sizes in bytes: llvm-size-22 -A on the .ko (.text; every .text* and .rodata* section)"
echo "and llvm-size-22 (its text column: every read-only section, modinfo and notes included):"
printf '  %-9s %8s %8s %10s %8s %7s %8s %8s %7s\n' driver "C .text" Rust "C text+ro" Rust Rust/C \
	"C text" Rust Rust/C
for d in dummy nlmon vsockmon vxcan ifb; do
	c=$twins/${d}_c.ko
	r=$tree/drivers/net/rust/$d.ko
	sizes() {
		llvm-size-22 -A "$1" |
			awk '$1 == ".text" { t = $2 } $1 ~ /^\.(text|rodata)/ { s += $2 } END { print t, s }'
		llvm-size-22 "$1" | awk 'NR == 2 { print $1 }'
	}
	read -r ct cto cb < <(sizes "$c" | paste -sd ' ')
	read -r rt rto rb < <(sizes "$r" | paste -sd ' ')
	printf '  %-9s %8s %8s %10s %8s %7.2f %8s %8s %7.2f\n' "$d" "$ct" "$rt" "$cto" "$rto" \
		"$(echo "$rto / $cto" | bc -l)" "$cb" "$rb" "$(echo "$rb / $cb" | bc -l)"
done
