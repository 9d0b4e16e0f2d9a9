#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What distributions do around a module, keyed on its name: modprobe.d lines
# (Debian's own /usr/lib/modprobe.d/systemd.conf says "options dummy
# numdummies=0" and "options ifb numifbs=0"; options, blacklist, install, softdep written to
# /run/modprobe.d for the test), the kernel command line (the run kernel's
# second boot passes dummy.numdummies=2, nlmon.bogus=1, vxcan.bogus=1 and
# ifb.numifbs=1:
# MODCONF_CMDLINE=1), modinfo, /sys/module, lsmod, rmmod, and the parsing of
# numdummies.
#
# Each check runs twice: with the run kernel's modules (nlmon, dummy,
# vsockmon, vxcan and ifb are the Rust drivers), then with the same modules but
# the C drivers built under their own names in their place ($CMODS, made by
# tests/lib/twins.sh run), mounted over the module directory; before each
# pass, every one of the four is checked to be the implementation the pass is
# for. Each check's result must be what C gives.
set -u
. "$(dirname "$0")/lib.sh"
CMODS=${CMODS:?the module directory with the C drivers}
CMDLINE=${MODCONF_CMDLINE:-0}
MODDIR=/lib/modules/$(uname -r)
CONF=/run/modprobe.d/rust-net-tests.conf
# Masks Debian's file of the same name (a file in /run/modprobe.d takes the
# place of one in /usr/lib/modprobe.d).
MASK=/run/modprobe.d/systemd.conf

DRIVERS="nlmon dummy vsockmon vxcan ifb"
if [ "$CMDLINE" = 1 ]; then
	plan $((2 * (1 + 11) + 1))
else
	plan $((2 * (1 + 49) + 1))
fi
mkdir -p /run/modprobe.d
rm -f "$CONF" "$MASK"

clean() {
	ip link del d0 2>/dev/null
	ip link del mon0 2>/dev/null
	ip link del vsm0 2>/dev/null
	ip link del vx0 2>/dev/null
	unload nlmon dummy vsockmon vxcan ifb
	rm -f "$CONF" "$MASK"
}
# check NAME EXPECTED COMMAND...: runs COMMAND (its output is the result,
# kept in $OUT/mc.NAME.$IMPL), which must print EXPECTED, what C gives.
check() {
	local name=$1 want=$2 f
	shift 2
	f=$OUT/mc.$(echo "$name" | tr -c 'a-zA-Z0-9.\n' '_').$IMPL
	"$@" >"$f" 2>&1
	if [ "$(cat "$f")" = "$want" ]; then
		pass "$IMPL: $name"
	else
		fail "$IMPL: $name" "got '$(head -c 200 "$f" | tr '\n' '|')', C gives '$want'"
	fi
}
# try COMMAND...: prints "ok" or the error of a command, module names and
# paths masked only where modprobe prints them.
try() {
	local out
	if out=$("$@" 2>&1); then
		echo ok
	else
		echo "$out" | sed -E "s/could not insert '[a-z_]+'/could not insert MOD/; s|$MODDIR/[^ :]*|PATH|g"
	fi
}
loaded() { [ -d "/sys/module/$1" ] && echo loaded || echo "not loaded"; }
numdummies() { # numdummies VALUE: modprobe dummy numdummies=VALUE, what it gives
	echo "$(try modprobe dummy "numdummies=$1"), $(names dummy)"
	unload dummy
}
msg_since() { # msg_since MARK PATTERN: the kernel messages after MARK that match
	dmesg | sed -n "/$1/,\$p" | grep -o "$2" | sort -u
}
# For the checks' bash -c.
export MODDIR
export -f names try loaded msg_since

cmdline_checks() {
	check "kernel command line holds dummy.numdummies=2 nlmon.bogus=1 vxcan.bogus=1 ifb.numifbs=1" \
		yes bash -c 'grep -qw dummy.numdummies=2 /proc/cmdline && grep -qw nlmon.bogus=1 /proc/cmdline &&
			grep -qw vxcan.bogus=1 /proc/cmdline && grep -qw ifb.numifbs=1 /proc/cmdline && echo yes'
	: >"$MASK"
	check "cmdline, Debian's options masked: modprobe dummy gives two" "ok, dummy0 dummy1 " \
		bash -c 'echo "$(try modprobe dummy), $(names dummy)"'
	unload dummy
	check "cmdline, Debian's options masked: ip link add d0 type dummy" "ok, d0 dummy0 dummy1 " \
		bash -c 'echo "$(try ip link add d0 type dummy), $(names dummy)"'
	clean
	check "cmdline and Debian's options: modprobe dummy gives two (the command line comes last)" \
		"ok, dummy0 dummy1 " bash -c 'echo "$(try modprobe dummy), $(names dummy)"'
	unload dummy
	check "cmdline and modprobe dummy numdummies=3: the last value wins" "ok, dummy0 dummy1 dummy2 " \
		numdummies 3
	local mark="modconf-$IMPL-$RANDOM"
	echo "$mark" >/dev/kmsg
	check "cmdline: modprobe nlmon passes nlmon.bogus=1" "ok, nlmon: unknown parameter 'bogus' ignored" \
		bash -c "echo \"\$(try modprobe nlmon), \$(msg_since $mark \"nlmon: unknown parameter 'bogus' ignored\")\""
	check "cmdline: rmmod nlmon" "ok, not loaded" bash -c 'echo "$(try rmmod nlmon), $(loaded nlmon)"'
	check "cmdline: modprobe vxcan passes vxcan.bogus=1" "ok, vxcan: unknown parameter 'bogus' ignored" \
		bash -c "echo \"\$(try modprobe vxcan), \$(msg_since $mark \"vxcan: unknown parameter 'bogus' ignored\")\""
	check "cmdline: rmmod vxcan" "ok, not loaded" bash -c 'echo "$(try rmmod vxcan), $(loaded vxcan)"'
	check "cmdline: modprobe ifb gives one (ifb.numifbs=1)" "ok, ifb0 " \
		bash -c 'echo "$(try modprobe ifb), $(names ifb)"'
	check "cmdline: rmmod ifb" "ok, not loaded" bash -c 'echo "$(try rmmod ifb), $(loaded ifb)"'
	clean
}

config_checks() {
	local d k
	check "Debian's modprobe.d holds options dummy numdummies=0 and options ifb numifbs=0" yes \
		bash -c 'modprobe -c | grep -qx "options dummy numdummies=0" &&
			modprobe -c | grep -qx "options ifb numifbs=0" && echo yes'
	for d in $DRIVERS; do
		check "modprobe -R rtnl-link-$d resolves to $d alone" "$d" modprobe -R "rtnl-link-$d"
		check "modinfo $d" "$(modinfo_want "$d")" modinfo_fields "$d"
	done

	# Debian's options.
	check "ip link add d0 type dummy gives d0 alone" "ok, d0 " \
		bash -c 'echo "$(try ip link add d0 type dummy), $(names dummy)"'
	check "lsmod and /sys/module name dummy" "1, loaded" \
		bash -c 'echo "$(lsmod | awk "\$1 == \"dummy\"" | wc -l), $(loaded dummy)"'
	check "/sys/module/dummy holds" "$(sysmod_want)" bash -c 'ls /sys/module/dummy | tr "\n" " "'
	ip link del d0
	check "rmmod dummy" "ok, not loaded" bash -c 'echo "$(try rmmod dummy), $(loaded dummy)"'
	check "ip link add vx0 type vxcan loads vxcan" "ok, loaded" \
		bash -c 'echo "$(try ip link add vx0 type vxcan), $(loaded vxcan)"'
	check "/sys/module/vxcan holds" "$(sysmod_want)" bash -c 'ls /sys/module/vxcan | tr "\n" " "'
	ip link del vx0
	check "rmmod vxcan" "ok, not loaded" bash -c 'echo "$(try rmmod vxcan), $(loaded vxcan)"'
	check "modprobe dummy numdummies=3 gives three" "ok, dummy0 dummy1 dummy2 " numdummies 3
	check "modprobe dummy gives none (options numdummies=0)" "ok, (none)" \
		bash -c 'echo "$(try modprobe dummy), $(names dummy)"'
	unload dummy
	: >"$MASK"
	check "without Debian's options: ip link add d0 type dummy gives d0 and dummy0" \
		"ok, d0 dummy0 " bash -c 'echo "$(try ip link add d0 type dummy), $(names dummy)"'
	clean

	# numdummies as C's param_set_int() parses it.
	check "numdummies=+3" "ok, dummy0 dummy1 dummy2 " numdummies +3
	check "numdummies=0x2" "ok, dummy0 dummy1 " numdummies 0x2
	check "numdummies=010 (octal)" "ok, dummy0 dummy1 dummy2 dummy3 dummy4 dummy5 dummy6 dummy7 " \
		numdummies 010
	check "numdummies=\"2<newline>\"" "ok, dummy0 dummy1 " numdummies "\"2"$'\n'"\""
	check "numdummies=0o7 refused" "modprobe: ERROR: could not insert MOD: Invalid argument, (none)" \
		numdummies 0o7
	check "numdummies=0b1 refused" "modprobe: ERROR: could not insert MOD: Invalid argument, (none)" \
		numdummies 0b1
	check "numdummies=2147483648 out of range" \
		"modprobe: ERROR: could not insert MOD: Numerical result out of range, (none)" numdummies 2147483648
	check "numdummies=-1 gives none" "ok, (none)" numdummies -1

	# options, blacklist, install and softdep lines of one's own.
	local mark="modconf-$IMPL-$RANDOM"
	echo "$mark" >/dev/kmsg
	echo "options nlmon bogus=1" >"$CONF"
	check "options nlmon bogus=1 reaches nlmon" "ok, nlmon: unknown parameter 'bogus' ignored" \
		bash -c "echo \"\$(try modprobe nlmon), \$(msg_since $mark \"nlmon: unknown parameter 'bogus' ignored\")\""
	clean
	echo "options vxcan bogus=1" >"$CONF"
	check "options vxcan bogus=1 reaches vxcan" "ok, vxcan: unknown parameter 'bogus' ignored" \
		bash -c "echo \"\$(try modprobe vxcan), \$(msg_since $mark \"vxcan: unknown parameter 'bogus' ignored\")\""
	clean
	check "modprobe ifb gives none (Debian's options ifb numifbs=0)" "ok, (none)" \
		bash -c 'echo "$(try modprobe ifb), $(names ifb)"'
	clean
	: >"$MASK"
	echo "options ifb numifbs=3" >"$CONF"
	check "without Debian's options, options ifb numifbs=3: modprobe ifb gives three" \
		"ok, ifb0 ifb1 ifb2 " bash -c 'echo "$(try modprobe ifb), $(names ifb)"'
	clean
	printf 'blacklist %s\n' $DRIVERS >"$CONF"
	for k in nlmon dummy vxcan ifb; do
		check "blacklist $k: ip link add type $k is refused" \
			"Error: Unknown device type., not loaded" \
			bash -c "echo \"\$(try ip link add x0 type $k), \$(loaded $k)\""
		check "blacklist $k: modprobe -b $k does not load it" "ok, not loaded" \
			bash -c "echo \"\$(try modprobe -b $k), \$(loaded $k)\""
		check "blacklist $k: modprobe $k still loads it (blacklist is for aliases)" "ok, loaded" \
			bash -c "echo \"\$(try modprobe $k), \$(loaded $k)\""
		unload "$k"
	done
	rm -f "$CONF"
	echo "install vsockmon echo installed >$OUT/installed.$IMPL; /sbin/modprobe --ignore-install vsockmon" >"$CONF"
	check "install vsockmon runs the command instead" "ok, installed, loaded" \
		bash -c "echo \"\$(try modprobe vsockmon), \$(cat $OUT/installed.$IMPL), \$(loaded vsockmon)\""
	check "rmmod vsockmon" "ok, not loaded" bash -c 'echo "$(try rmmod vsockmon), $(loaded vsockmon)"'
	echo "softdep nlmon pre: vsockmon" >"$CONF"
	check "softdep nlmon pre: vsockmon loads both" "ok, loaded, loaded" \
		bash -c 'echo "$(try modprobe nlmon), $(loaded vsockmon), $(loaded nlmon)"'
	check "modprobe -r nlmon removes both" "ok, not loaded, not loaded" \
		bash -c 'echo "$(try modprobe -r nlmon), $(loaded vsockmon), $(loaded nlmon)"'
	clean
}

# What C gives for the checks whose answer is not one line.
modinfo_fields() {
	local f
	for f in name alias license description author depends import_ns parm parmtype; do
		echo "$f: $(modinfo -F "$f" "$1" | grep . | sort | paste -sd ' ')"
	done
}
modinfo_want() {
	case "$1" in
	nlmon) printf '%s\n' "name: nlmon" "alias: rtnl-link-nlmon" "license: GPL v2" \
		"description: Netlink monitoring device" \
		"author: Daniel Borkmann <dborkman@redhat.com> Mathieu Geli <geli@enseirb.fr>" \
		"depends: " "import_ns: " "parm: " "parmtype: " ;;
	dummy) printf '%s\n' "name: dummy" "alias: rtnl-link-dummy" "license: GPL" \
		"description: Dummy netdevice driver which discards all packets sent to it" \
		"author: " "depends: " "import_ns: " "parm: numdummies:Number of dummy pseudo devices (int)" \
		"parmtype: numdummies:int" ;;
	vsockmon) printf '%s\n' "name: vsockmon" "alias: rtnl-link-vsockmon" "license: GPL v2" \
		"description: Vsock monitoring device. Based on nlmon device." \
		"author: Gerard Garcia <ggarcia@deic.uab.cat>" "depends: vsock" "import_ns: " "parm: " "parmtype: " ;;
	vxcan) printf '%s\n' "name: vxcan" "alias: rtnl-link-vxcan" "license: GPL" \
		"description: Virtual CAN Tunnel" "author: Oliver Hartkopp <socketcan@hartkopp.net>" \
		"depends: can-dev" "import_ns: " "parm: " "parmtype: " ;;
	ifb) printf '%s\n' "name: ifb" "alias: rtnl-link-ifb" "license: GPL" \
		"description: Intermediate Functional Block (ifb) netdevice driver for sharing of resources and ingress packet queuing" \
		"author: Jamal Hadi Salim" "depends: " "import_ns: " "parm: numifbs:Number of ifb devices (int)" \
		"parmtype: numifbs:int" ;;
	esac
}
sysmod_want() { echo "coresize holders initsize initstate notes refcnt sections taint uevent "; }

# use_modules c|rust: the module directory of that implementation, checked:
# each of the four modules modprobe finds is that implementation's.
MOUNTED=0
use_modules() {
	if [ "$1" = c ]; then
		mount --bind "$CMODS" "$MODDIR" && MOUNTED=1
	elif [ $MOUNTED = 1 ]; then
		# Lazily: udevd keeps the indexes of the module directory mapped.
		umount -l "$MODDIR" && MOUNTED=0
	fi
	echo "GUEST: modconf: $1: dummy is $(modinfo -n dummy)"
}
# impl_is c|rust: every driver's module is the one of that implementation
# (C: kernel/drivers/net/..., Rust: kernel/drivers/net/rust/...).
impl_is() {
	local d f
	for d in $DRIVERS; do
		f=$(modinfo -n "$d") || return 1
		case "$1:$f" in
		rust:*/kernel/drivers/net/rust/"$d".ko) ;;
		c:*/kernel/drivers/net/rust/*) echo "$d is $f"; return 1 ;;
		c:*/kernel/drivers/net/"$d".ko | c:*/kernel/drivers/net/can/"$d".ko) ;;
		*) echo "$d is $f"; return 1 ;;
		esac
	done
}

for IMPL in rust c; do
	clean
	use_modules "$IMPL"
	expect "$IMPL: the modules of $DRIVERS are the $IMPL drivers" impl_is "$IMPL"
	if [ "$CMDLINE" = 1 ]; then cmdline_checks; else config_checks; fi
	clean
done
use_modules rust
expect "the checks ran on both implementations, the Rust modules back in place" impl_is rust
