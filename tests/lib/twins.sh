#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# twins.sh test|bench|bench-noinline|run
#
# The kernels select the Rust drivers (NLMON_RUST, DUMMY_RUST, VSOCKMON_RUST, IFB_RUST,
# CAN_VXCAN_RUST), so their nlmon, dummy, vsockmon, vxcan and ifb modules are the
# Rust ones. The C drivers the tests compare them with
# are built here from the pristine 7.3 sources, as external modules against
# the same kernel:
#
# - test, bench, bench-noinline: as nlmon_c, dummy_c, vsockmon_c, vxcan_c (from
#   drivers/net/can/vxcan.c) and ifb_c, without their rtnl-link-* aliases (so that "ip link add ... type
#   dummy" keeps loading the one module a product kernel has), linked into the
#   module directory the guest sees (.virtme_mods/lib/modules/0.0.0/extra), so
#   that modprobe, modinfo and rmmod reach them by name next to the Rust
#   modules.
# - run: under their own names, unchanged, in a second module directory,
#   .virtme_mods_c/lib/modules/0.0.0: the kernel's modules with the four C
#   modules in the place of the Rust ones, as a C-selected build installs
#   them. The guest mounts it over its module directory to repeat the checks
#   that depend on the module's name (tests/guest/modconf.sh).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib/config.sh"
kind=${1:?usage: twins.sh test|bench|bench-noinline|run}
case "$kind" in
run) tree=$BUILD_RUN ;;
test) tree=$BUILD_TEST ;;
bench) tree=$BUILD_BENCH ;;
bench-noinline) tree=$BUILD_BENCH_NOINLINE ;;
*) echo "usage: twins.sh test|bench|bench-noinline|run" >&2; exit 1 ;;
esac
drivers="nlmon dummy vsockmon vxcan ifb"
# cdir DRIVER: the folder of DRIVER's C source, in the pristine tree as in the
# module directory.
cdir() {
	case "$1" in
	vxcan) echo drivers/net/can ;;
	*) echo drivers/net ;;
	esac
}
src() { echo "$PRISTINE/$(cdir "$1")/$1.c"; }

dir=$CACHE/twins-$kind
rm -rf "$dir"
mkdir -p "$dir"
echo "# SPDX-License-Identifier: GPL-2.0" >"$dir/Kbuild"
for d in $drivers; do
	if [ "$kind" = run ]; then
		cp "$(src "$d")" "$dir/$d.c"
		echo "obj-m += $d.o" >>"$dir/Kbuild"
	else
		grep -q '^MODULE_ALIAS_RTNL_LINK(' "$(src "$d")"
		sed '/^MODULE_ALIAS_RTNL_LINK(/d' "$(src "$d")" >"$dir/${d}_c.c"
		if grep -q 'MODULE_ALIAS_RTNL_LINK' "$dir/${d}_c.c"; then
			echo "twins: $d: an rtnl-link alias is left in ${d}_c.c" >&2
			exit 1
		fi
		echo "obj-m += ${d}_c.o" >>"$dir/Kbuild"
	fi
done
bash "$top/tests/build.sh" "$kind" M="$dir" modules

# The module directory of the guest (virtme-ng makes it from modules.order;
# made here, it stays as long as the kernel's modules do not change).
mods=$tree/.virtme_mods/lib/modules/0.0.0
mkdir -p "$mods/extra"
find "$mods/extra" -type l -delete
if [ "$kind" != run ]; then
	for d in $drivers; do
		ln -sr "$dir/${d}_c.ko" "$mods/extra/${d}_c.ko"
	done
fi
(cd "$tree" && "$TOOLS/venv/bin/virtme-prep-kdir-mods")
if [ "$kind" != run ]; then
	for d in $drivers; do
		modinfo -b "$tree/.virtme_mods" -k 0.0.0 -n "${d}_c" | grep -q "/extra/${d}_c.ko$"
		modinfo -b "$tree/.virtme_mods" -k 0.0.0 -n "$d" | grep -q "/rust/$d.ko$"
	done
	echo "twins: ${drivers// /_c, }_c installed beside the Rust modules in $mods"
	exit 0
fi

cbase=$tree/.virtme_mods_c
rm -rf "$cbase"
mkdir -p "$cbase/lib/modules"
cp -a "$mods" "$cbase/lib/modules/"
ln -srfT "$cbase" "$cbase/usr"
for d in $drivers; do
	rm "$cbase/lib/modules/0.0.0/kernel/drivers/net/rust/$d.ko"
	mkdir -p "$cbase/lib/modules/0.0.0/kernel/$(cdir "$d")"
	cp "$dir/$d.ko" "$cbase/lib/modules/0.0.0/kernel/$(cdir "$d")/$d.ko"
done
depmod -ae -F "$tree/System.map" -b "$cbase" 0.0.0
for d in $drivers; do
	modinfo -b "$cbase" -k 0.0.0 -n "$d" | grep -q "/kernel/$(cdir "$d")/$d.ko$"
	modinfo -b "$tree/.virtme_mods" -k 0.0.0 -n "$d" | grep -q "/rust/$d.ko$"
done
echo "twins: the C modules nlmon, dummy, vsockmon and vxcan in $cbase/lib/modules/0.0.0"
