#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turns the repository into patch series on Linux 7.3.

  series.py OUTDIR
  series.py --base    prints the name of the base (a tag of the series
                      repository)

Builds, in a git repository of the pristine 7.3 tree ($CACHE/series/linux,
made once and tagged BASE), one commit per entry of PLAN below, each holding
the final version of its files, then writes each series of SERIES with `git
format-patch --cover-letter --base` into OUTDIR/NN-NAME: the generic changes
for the trees they belong to first, each a series of its own, then the
netdev series, whose base lines name the generic patches it goes on top of
(prerequisite-patch-id). Files that grow over the series are assembled: from
units (rust/kernel/net/mod.rs, MAINTAINERS), each commit adding its own to
what the earlier ones added, or from the diffs of patches/ (drivers/net/Kconfig
and Makefile, rust/kernel/module_param.rs), each commit applying its own to
the pristine file after those of the earlier commits. A file may hold parts
that come with a later commit than the file itself, between series markers
(tests/lib/markers.py): each commit that introduces a marker key (keys=)
writes the files with such parts again, so that every commit builds on its
own. The last commit's tree is checked to be exactly what
tests/lib/overlay.sh lays over the pristine tree, so the series is what the
tests build. Signed-off-by comes from git config.
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
import markers  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.environ.get("CACHE", os.path.join(TOP, ".cache"))
PRISTINE = os.path.join(CACHE, "linux-7.3")
REPO = os.path.join(CACHE, "series", "linux")


def base_name():
    """The tag of the pristine tree: Debian's source package and version
    (DEP-14: "~" written "_"), which is what the series applies to."""
    with open(PRISTINE + ".version") as fh:
        pkg, version = fh.read().split()
    return "debian/" + version.replace("~", "_")


BASE = base_name()

# Each commit: subject, body, and what it adds: whole files (their final
# version, from the repository or from a patched kernel file), and units of
# the files that grow.
PLAN = [
    dict(
        series="kbuild",
        subject="kbuild: rust: export nothing from leaf crates",
        body="""\
At -Copt-level=s, which CONFIG_CC_OPTIMIZE_FOR_SIZE selects, rustc shares
generics: every generic instance a crate compiles is exported so that the
crates depending on it may reuse it, and so stays in the object as a
function of its own even where it was inlined at every call. No crate
depends on the crates scripts/Makefile.build compiles (drivers, samples,
modules), so for them this is only dead code: in a size-optimised build
a Rust dummy driver's .text was 2168 bytes, 1036 without sharing (the C
dummy's is 456), with the same transmit path.

For the same reason rustc need not export the methods of their trait
implementations, which it does for any library crate: LLVM then weighs
inlining such a method into its only caller as if the function had to be
kept anyway. A subsystem calls a Rust driver through C-ABI adapters
generic over the driver's type, instantiated in the driver's crate, which
call the driver's methods; a Rust vxcan's ndo_start_xmit adapter was a
call of the driver's start_xmit, a global function of its own, unless the
driver marked it #[inline]. Compiled as if every function were #[inline]
(-Zcross-crate-inline-threshold=always), each method is a candidate for
inlining into its adapter, and was compiled into it: one function, as in
C.

Pass -Zshare-generics=n and -Zcross-crate-inline-threshold=always there.
The crates of rust/ (core, kernel, ...) are unchanged.""",
        files=["scripts/Makefile.build"],
    ),
    dict(
        series="rust-helpers",
        subject="rust: helpers: keep the PWM namespace import out of every module",
        body="""\
linux/pwm.h declares MODULE_IMPORT_NS("PWM") for the modules that include
it. rust/helpers/pwm.c includes it, and with CONFIG_RUST_INLINE_HELPERS
the helpers are linked into every Rust module, so every Rust module
imported the PWM namespace: modinfo showed 'import_ns: PWM' for a Rust
dummy driver and /sys/module/dummy/import_ns existed, where the C
driver's module has neither.

Include linux/pwm.h in the helpers with MODULE_IMPORT_NS() expanding to
nothing that reaches .modinfo. The Rust PWM drivers import the namespace
themselves (module_pwm_platform_driver! passes imports_ns).""",
        diffs=["rust-helpers-pwm-import-ns.diff"],
    ),
    dict(
        series="module-param",
        subject="rust: macros: name module parameter types as C does",
        body="""\
modinfo shows the type of each parameter. Emit the name module_param()
gives it in C (int, uint, long, ...) rather than the Rust type, so that a
Rust driver's modinfo reads like its C twin's. i8 and i64 keep their Rust
names: kernel/params.c has no parameter type for a signed char or a long
long.""",
        files=["rust/macros/module.rs"],
    ),
    dict(
        series="module-param",
        subject="rust: module_param: take the last value of a repeated parameter",
        body="""\
modprobe puts the options of its configuration before those of the
command line: Debian's systemd ships 'options dummy numdummies=0', so
'modprobe dummy numdummies=3' passes numdummies twice. C takes the last
value; the Rust parameters refused the second with EEXIST and the module
did not load. Write the value at each set, which only happens while the
module loads, before any reader.""",
        diffs=["rust-module-param-last-wins.diff"],
    ),
    dict(
        series="module-param",
        subject="rust: module_param: parse integers as C's param_set_*() do",
        body="""\
A Rust module's integer parameters were parsed by kernel::str::parse_int,
which reads the value differently from the kstrto*() functions that
param_set_int() and its siblings use for C modules: it accepted 0o and 0b
prefixes, refused a trailing newline, which kstrto*() takes, and returned
EINVAL for a value out of range. The same modprobe.d line or
kernel command line could load a C module and fail to load its Rust
twin, or load both with different values.

Parse each integer type with the kstrto*() function C uses for it
(kstrtoint() for i32, kstrtou8() for u8, ...), base 0, on the
NUL-terminated string the kernel hands over: ModuleParam now takes a
&CStr. "+3", "0x10", "010" and "3\\n" are accepted as in C; "0o7" and "0b1"
give EINVAL, an overflow ERANGE, as from the C functions; the examples
of the documentation, run as KUnit tests, check these cases.""",
        diffs=["rust-module-param-parse.diff"],
    ),
    dict(
        series="net-next",
        subject="rust: add bindings and helpers for network devices",
        body="""\
The network device abstractions that follow need the netdevice,
rtnetlink, Ethernet, ARP, vsock and CAN headers in the bindings, a few
constants bindgen cannot evaluate (NLMSG_GOODSIZE, the NETIF_F_* masks
and the CAN_CAP_* bits, taken from C rather than composed again in
Rust), and helpers for the inline functions the core of the next patch
calls: dev_lstats_add(), skb_tx_timestamp(), eth_hw_addr_random(),
netdev_lockdep_set_classes(), nla_len(), nla_data(),
netif_tx_start_all_queues(), and consume_skb() where it is an inline
function (without CONFIG_TRACEPOINTS). The helpers of the later parts
come with them.

The MAINTAINERS entry for the abstractions starts here; each patch that
follows adds its files to it.""",
        files=["rust/bindings/bindings_helper.h", "rust/helpers/helpers.c",
               "rust/helpers/net/netdevice.c"],
        units={"MAINTAINERS": ["rust/helpers/net/netdevice.c"]},
    ),
    dict(
        series="net-next",
        subject="rust: net: add network devices, sk_buff and rtnl link types",
        body="""\
The core of the abstractions, for virtual devices created through link
types. The parts come together: a device only comes to exist through a
link type, and an sk_buff only reaches a driver through its device.

- device: Device<T, Ctx> is a network device as a callback of its driver
  sees it. Ctx is named after what the 7.3 core guarantees, and asserts,
  when it makes the call: Normal (a registered device, no lock), OpsLocked
  (the device's operations lock: its instance lock if it is ops-locked,
  RTNL otherwise - set_mac_address, change_mtu, change_carrier,
  set_rx_mode_async), Rtnl (RTNL asserted: open, stop, validate_addr),
  Init (ndo_init: the device is not registered yet, its per-CPU counters
  do not exist, so it dereferences to no other context) and Xmit (the
  transmit path); only Normal is Sync, so a reference of another context
  cannot leave its callback. SetupDevice<T> is the one mutable view,
  before the device is registered. The #[vtable] Operations trait is
  struct net_device_ops; the core frees the device (needs_free_netdev).
  A driver keeps no data in the private area: one type (rtnl::layout)
  lays out the slots the abstractions keep there, which the core zeroes.
  Flags, PrivFlags and Features are typed: every bit a driver may state
  (the others are withheld, which KUnit checks against the bindings;
  the composite feature masks are taken from C). ArpHrd names the device
  types, per-CPU lstats, dev->stats (NetDev) and Stats64 carry the
  statistics. Lockdep classes are only made by
  netdev_lockdep_set_classes!, four keys of their own.
- skbuff: SkBuff is an sk_buff of the transmit path that must end its life
  explicitly: consume() when it was handled, drop_reason() when it was
  dropped; letting it go out of scope drops it with NOT_SPECIFIED, so a
  forgotten buffer shows up in drop monitors instead of leaking. The
  buffer may be shared, so it is read field by field and never through a
  reference to the whole; it is not Send, so it is freed where it was
  handed over, never in hard-IRQ context.
- rtnl: the Link trait is struct rtnl_link_ops: the kind, the setup of a
  new device and the validation of its attributes (before RTNL is taken),
  read through a bounds-checked table (Attrs) of tb[], with Ethernet
  address checks (is_valid_ether_addr() done on bytes: the C inline
  reads the address as 16-bit words, an alignment a [u8; 6] does not
  have) and a typed attribute policy. Registration<T> is the pinned,
  registered rtnl_link_ops; it also creates devices for the driver
  (dummy0 at load) and unregisters the kind, with every device of it, on
  drop. module_rtnl_link! declares a module that registers one, with the
  module's parameters, and runs the link type's module_init after
  registering it.
- ethtool: the operations virtual drivers implement, get_link and
  get_ts_info, with TsInfo::set_software() for the stock software time
  stamping answer; every link type implements the trait, and its devices
  get the table if the driver implements any of them, before the
  driver's setup.
- device/queue.rs: the state a driver keeps per transmit queue
  (Operations::TxQueue, a QueueState), so far `()` for every driver.

They come with the Kconfig option that enables them,
RUST_NETDEV_ABSTRACTIONS, in drivers/net/Kconfig after NET_CORE, as
RUST_PHYLIB_ABSTRACTIONS follows PHYLIB.

Limits the core enforces with a WARN at run time are compile-time errors:
a Link with MAX_TYPE above RTNL_MAX_TYPE, a POLICY of the wrong length.

Every public item has an example; those that register a link type create
devices in the running kernel as KUnit doctests. KUnit tests cover the
flag types, the Ethernet address checks (on addresses C accepts and
refuses, and at an odd offset) and the attribute tables. The sample
driver of the next patch is the smallest user; the taps, devices in
pairs, CAN, transmit queue state with deferred work and ethtool
statistics come later, each before the first driver that uses it.""",
        files=["rust/kernel/net/netdev.rs", "rust/kernel/net/netdev/flags.rs",
               "rust/kernel/net/skbuff.rs", "rust/kernel/net/device.rs",
               "rust/kernel/net/device/ops.rs", "rust/kernel/net/device/queue.rs",
               "rust/kernel/net/device/setup.rs", "rust/kernel/net/rtnl.rs",
               "rust/kernel/net/rtnl/attr.rs", "rust/kernel/net/rtnl/layout.rs",
               "rust/kernel/net/ether.rs", "rust/kernel/net/ethtool.rs"],
        diffs=["drivers-net-rust.diff"],
        units={"rust/kernel/net/mod.rs": ["device", "ether", "ethtool", "netdev", "rtnl",
                                          "skbuff"],
               "MAINTAINERS": ["rust/kernel/net/device.rs", "rust/kernel/net/device/",
                               "rust/kernel/net/ether.rs", "rust/kernel/net/ethtool.rs",
                               "rust/kernel/net/netdev.rs", "rust/kernel/net/netdev/",
                               "rust/kernel/net/rtnl.rs", "rust/kernel/net/rtnl/",
                               "rust/kernel/net/skbuff.rs"]},
    ),
    dict(
        series="net-next",
        subject="samples: rust: add a network device sample",
        body="""\
rust_net_sink registers the link type rust_sink, whose point-to-point
devices without a link-layer header count what they are sent and discard
it: the smallest complete driver on the abstractions, under "Rust samples"
in menuconfig (SAMPLE_RUST_NET_SINK).""",
        files=["samples/rust/Kconfig", "samples/rust/Makefile",
               "samples/rust/net/Kconfig", "samples/rust/net/Makefile",
               "samples/rust/net/rust_net_sink.rs"],
        units={"MAINTAINERS": ["samples/rust/net/"]},
    ),
    dict(
        series="net-next",
        subject="rust: net: add netlink and vsock taps",
        body="""\
The taps of monitor devices, for nlmon and vsockmon, the next drivers.

A monitor device names the kind of its tap (netlink, per namespace, or
vsock, global) in Operations::TAP, which also gives the device the type
the tap needs; the abstraction keeps the tap in the private area and
links it exactly while the device is up: before the driver's open,
unlinked again if that fails, and after its stop whatever it returns.
The netlink core removes a tap from the list of the namespace its device
is in at removal time, and moves only devices that are down, so a tap
linked while its device is down could be left behind in another
namespace's list pointing at a freed device; no sequence of driver calls
can do that here. While a tap is linked the core holds a reference on
the driver's module. The vsock calls are compiled into the driver, since
the vsock core may be a module.

The device operations link and unlink the tap around the driver's open
and stop, the private area gets the tap's slot, and the ARPHRD types of
the taps come with them.""",
        files=["rust/kernel/net/tap.rs"],
        keys=["tap"],
        units={"rust/kernel/net/mod.rs": ["tap"],
               "MAINTAINERS": ["rust/kernel/net/tap.rs"]},
    ),
    dict(
        series="net-next",
        subject="net: nlmon: add a Rust reference driver",
        body="""\
A port of drivers/net/nlmon.c on the abstractions, without unsafe code: an
ARPHRD_NETLINK device that, while up, receives a copy of every netlink
message of its namespace. Its netlink tap is the abstraction's, linked
while the device is up, as nlmon_open() and nlmon_close() do.

As for AX88796B_RUST_PHY, a bool beside the C driver's option,
NLMON_RUST, chooses the implementation CONFIG_NLMON builds, so exactly
one is built, and the module keeps the C module's name, nlmon, and its
alias rtnl-link-nlmon: modprobe.d lines, kernel command-line options,
/sys/module/nlmon and rmmod nlmon apply to either.

The Rust drivers get their own MAINTAINERS entry.""",
        files=["drivers/net/rust/nlmon.rs"],
        diffs=["net-rust-nlmon.diff"],
        units={"MAINTAINERS": ["drivers/net/rust/nlmon.rs"]},
    ),
    dict(
        series="net-next",
        subject="net: dummy: add a Rust reference driver",
        body="""\
A port of drivers/net/dummy.c, without unsafe code: Ethernet devices with
a random address that count and discard what they are sent, numdummies
(default 1) of them created when the module loads, with the C driver's
features, lockdep classes, timestamps, address and carrier changes and
request checks. DUMMY_RUST chooses it; the module is dummy, with the
alias rtnl-link-dummy, so Debian's 'options dummy numdummies=0' and
dummy.numdummies= on the kernel command line apply to it as to C.""",
        files=["drivers/net/rust/dummy.rs"],
        diffs=["net-rust-dummy.diff"],
        units={"MAINTAINERS": ["drivers/net/rust/dummy.rs"]},
    ),
    dict(
        series="net-next",
        subject="vsock: add a Rust vsockmon reference driver",
        body="""\
A port of drivers/net/vsockmon.c, without unsafe code: an ARPHRD_VSOCKMON
device that, while up, receives a copy of every vsock packet of the
system. Its MTU defaults to the virtio transport's largest packet plus the
monitor header and cannot go below the header (EINVAL). Like the C driver
it depends on VHOST_VSOCK. VSOCKMON_RUST chooses it; the module is
vsockmon, with the alias rtnl-link-vsockmon.

The vsock entry of MAINTAINERS, which has drivers/net/vsockmon.c, gets
the Rust file too.""",
        files=["drivers/net/rust/vsockmon.rs"],
        diffs=["net-rust-vsockmon.diff"],
        units={"MAINTAINERS": ["drivers/net/rust/vsockmon.rs"]},
    ),
    dict(
        series="net-next",
        subject="rust: net: add devices created in pairs and CAN devices",
        body="""\
What vxcan needs beyond the core, shaped for the class rather than for
one driver:

- Devices created in pairs (rtnl/pair.rs, Link::PEER_TYPE): the link type
  parses the peer's nested ifinfomsg and attributes, creates it in its
  namespace, links both ends with a tracked reference (Device::peer()
  under RCU, Device::rtnl_peer() under RTNL), deletes them together and
  reports the peer's namespace (get_link_net), as veth and vxcan do.
- CAN, as far as a virtual CAN device needs (can.rs): the CAN layer's
  private data (Link::ML_PRIV), capabilities, MTUs, dropping invalid
  frames (what passes is a CanSkBuff), resetting the gateway hop
  counter. The link type gives the device its CAN private data and type
  before the driver's setup.
- A receive path for what a tunnel end passes on: UniqueSkBuff, a buffer
  the driver holds alone (SkBuff::try_clone), whose packet type it may
  set, handed to the peer's receive path (netif_rx() for a CAN frame,
  RxResult).

The core's files get what pairs and CAN need of them: Link::PEER_TYPE
and Link::ML_PRIV, the private area's slots for the peer and the CAN
private data, the receive path above and the device functions only CAN
uses; the helpers get netdev_hold() and netdev_put(), dev_net(),
skb_share_check(), the sk_buff fields the receive path sets (in
bitfields and anonymous unions, whose bindgen names change with the
configuration), unregister_netdevice_queue_net() and the CAN layer's
setters.

The CAN part is listed in the CAN drivers' entry of MAINTAINERS as
well.""",
        files=["rust/kernel/net/rtnl/pair.rs",
               "rust/kernel/net/can.rs"],
        keys=["pair", "can"],
        units={"rust/kernel/net/mod.rs": ["can"],
               "MAINTAINERS": ["rust/kernel/net/can.rs"]},
    ),
    dict(
        series="net-next",
        subject="can: vxcan: add a Rust reference driver",
        body="""\
A port of drivers/net/can/vxcan.c, without unsafe code: CAN devices
created in pairs, possibly in two namespaces, where a frame sent on one
end is received on the other with a fresh CAN gateway hop counter;
carrier when both ends are up, MTUs of CAN, CAN FD and CAN XL while
down, both ends deleted together. CAN_VXCAN_RUST chooses it; the module
is vxcan, with the alias rtnl-link-vxcan.

The CAN drivers' entry of MAINTAINERS, which has drivers/net/can/, gets
the Rust file too.""",
        files=["drivers/net/rust/vxcan.rs"],
        diffs=["net-rust-vxcan.diff"],
        units={"MAINTAINERS": ["drivers/net/rust/vxcan.rs"]},
    ),
    dict(
        series="net-next",
        subject="rust: net: add transmit queue state with deferred work",
        body="""\
What ifb, the next driver, and the class of multi-queue virtual devices
whose queues hold packets and hand them on later need: a driver's state
per transmit queue (Operations::TxQueue, a QueueState other than `()`)
and the work it defers from each queue.

- A QueueState has a part any reader may see (statistics, Counter), a
  part only the queue's transmit path and its work reach under the
  queue's lock (Locked: lent by Device::with_tx_queue in the transmit
  path, XmitQueue, and by QueueWork::with_lock in the work, QueueGuard),
  and a part only the work reaches (Work).
- Operations::tx_queue_work runs the work of one queue in a bottom half,
  a tasklet per queue as in C ifb, once XmitQueue::schedule_work or
  QueueWork::schedule asked for it; it may look a device up by index and
  hand buffers to its transmit or receive path.
- A buffer kept past start_xmit is a QueuedSkBuff (SkBuff::into_queued),
  the driver's alone, kept in an SkbList.

The abstraction allocates the queues' state in ndo_init, stops their
work for good and drops the buffers they hold in ndo_uninit, and frees
the state in priv_destructor, so no work runs and no buffer is left once
the device is unregistered. A driver with queue state implements
tx_queue_work and is not lockless (neither mismatch compiles).

A tasklet rather than a work item of system_bh_wq: the work is asked for
about once per packet under light load, and the benchmark measured ifb's
rounds at 0.84 of C's with a work item. Among the helpers this adds (the
transmit locks, the sk_buff fields ifb reads and sets), one is not a
plain wrapper: tasklet_schedule_new() schedules a tasklet as
tasklet_schedule() does and says whether it did, which the work uses to
know whether it holds a reference for the scheduled run.""",
        keys=["queue"],
    ),
    dict(
        series="net-next",
        subject="rust: net: add ethtool statistics per transmit queue",
        body="""\
ethtool -S for drivers that count per queue, as ifb does: the driver
names its statistics (Operations::STATS, StatsNames: those of the
device, then what each queue received and sent) and writes their values
(get_ethtool_stats, StatsWriter); the abstraction counts and names them
(get_sset_count, get_strings), "rx_queue_%u_%.18s" and
"tx_queue_%u_%.18s" as C drivers print them, and writes no value past
the buffer the core sized. STATS is not empty if and only if the driver
implements get_ethtool_stats (anything else does not compile). KUnit
tests check the strings against C's format, truncation included.""",
        keys=["stats"],
    ),
    dict(
        series="net-next",
        subject="net: ifb: add a Rust reference driver",
        body="""\
A port of drivers/net/ifb.c, without unsafe code: Ethernet devices that
take the traffic tc redirects to them (mirred), queue it per transmit
queue under the queue's lock, and hand it back from each queue's
deferred work to the device it came from, out again or up the stack,
with per-queue packet and byte counts in ethtool -S; numifbs (default 2)
of them created when the module loads. Each queue's work is a tasklet,
as in C. IFB_RUST chooses it; the module is ifb, with the alias
rtnl-link-ifb.""",
        files=["drivers/net/rust/ifb.rs"],
        diffs=["net-rust-ifb.diff"],
        units={"MAINTAINERS": ["drivers/net/rust/ifb.rs"]},
    ),
    dict(
        series="net-next",
        subject="Documentation: rust: add a guide to the network device abstractions",
        body="""\
What the abstractions are, who owns a device and what a driver may do in
each callback context, how the private area, link registrations and taps
live, a walk through the sample driver, how the reference drivers map
onto the C ones, and how they are tested.""",
        files=["Documentation/rust/net.rst", "Documentation/rust/index.rst"],
        units={"MAINTAINERS": ["Documentation/rust/net.rst"]},
    ),
]

# The series, in the order of PLAN: each one's PLAN entries are contiguous.
# name: the folder of OUTDIR (after its number); prefix: git format-patch's
# --subject-prefix; subject and body: the cover letter's.
SERIES = [
    dict(
        name="kbuild",
        prefix="PATCH",
        subject="kbuild: rust: export nothing from leaf crates",
        body="""\
One change to how scripts/Makefile.build compiles the Rust crates that
no other crate depends on (drivers, samples, out-of-tree modules): no
shared generics, and every function a candidate for inlining into its
callers, so that a size-optimised build keeps neither dead generic
instances nor trait methods as functions of their own. The patch gives
the figures of a Rust dummy driver.

The Rust network device series sent to netdev at the same time measures
its module sizes and transmit paths with this patch; it does not need it
to build.""",
    ),
    dict(
        name="rust-helpers",
        prefix="PATCH",
        subject="rust: helpers: keep the PWM namespace import out of every module",
        body="""\
One fix for the Rust helpers: since CONFIG_RUST_INLINE_HELPERS links the
helpers into every Rust module, every Rust module imports the PWM symbol
namespace through rust/helpers/pwm.c. Found by comparing the modinfo of
Rust reference drivers with their C twins'.""",
    ),
    dict(
        name="module-param",
        prefix="PATCH",
        subject="rust: module_param: behave as C module parameters do",
        body="""\
Three changes that make a Rust module's parameters look and behave, from
user space, as a C module's do: modinfo names their types as C does, a
parameter given twice takes the last value, and integers are parsed by
the kstrto*() functions C's param_set_*() use.

The second matters to distributions: modprobe puts the options of
modprobe.d before those of its command line, and Debian's systemd ships
'options dummy numdummies=0', so 'modprobe dummy numdummies=3' passes
numdummies twice. The C dummy loads with 3 devices; a Rust dummy, whose
parameter refused a second value with EEXIST, did not load at all.

The Rust dummy and ifb drivers of the network device series sent to
netdev have such parameters (numdummies, numifbs); that series goes on
top of this one.""",
    ),
    dict(
        name="net-next",
        prefix="PATCH net-next",
        subject="rust: net: network device abstractions and five reference drivers",
        body=None,  # NETDEV_COVER, below
    ),
]

NETDEV_COVER = """\
This series adds Rust abstractions for virtual network devices and five
reference drivers on them that reproduce their C twins: nlmon, dummy,
vsockmon, vxcan and ifb. The abstractions cover net_device with its
operations, sk_buff on the transmit and receive paths, rtnl link types
(with peers, as veth and vxcan create them), per-CPU and per-queue
statistics, the ethtool operations such drivers use, the netlink and
vsock taps, what virtual CAN devices need, and per-queue transmit state
with deferred work. A sample driver and Documentation/rust/net.rst show
how to write a driver on them.

Why reference drivers
=====================

The Rust for Linux policy accepts a Rust driver that duplicates a C one
as a reference driver, when the subsystem agrees to it. The case for
these five:

- They are the proof that the abstractions are right. Each is a port of
  its C twin, function for function, without unsafe code: what the
  abstractions cannot express shows in the driver, and what they get
  wrong shows in the comparison with C.
- They are compared with C, not only tested. The tests build the C
  drivers of the same tree next to them and run the same checks on both,
  which must give equal results: attributes and sysfs, ethtool, modinfo,
  errors and extack messages of refused requests, captures decoded by
  tcpdump and tshark, counters against known traffic, module references,
  modprobe.d lines and kernel command-line options, create and delete
  cycles, and the kernel selftests that build their topology from dummy
  devices.
- They are as fast as C. A benchmark runs C and Rust in alternating
  rounds of one boot and reports the Rust/C ratio with its 95 %
  confidence interval; see the figures below.
- They are sound. Drivers written without unsafe code cannot reach
  undefined behaviour through the abstractions: adversarial safe drivers
  run in a debug kernel (KASAN, lockdep, DEBUG_NET, netdev reference
  trackers, kmemleak), and misuses are refused at compile time.
- Each brings a piece of the class of virtual devices: nlmon the
  smallest device and the netlink taps; dummy Ethernet devices, per-CPU
  statistics and module parameters; vsockmon the vsock taps and MTU
  limits; vxcan devices created in pairs across namespaces and a receive
  path; ifb multi-queue devices with per-queue deferred work.

What keeping them costs
=======================

Nothing changes for the C drivers or their users. A bool beside each C
driver's option (NLMON_RUST, DUMMY_RUST, VSOCKMON_RUST, CAN_VXCAN_RUST,
IFB_RUST) chooses which implementation the driver's own symbol builds,
as AX88796B_RUST_PHY does, so exactly one is built, and the Rust module
carries the C module's name, aliases and parameters: modprobe.d, the
kernel command line, sysfs and 'ip link add x type nlmon' work the same
with either. The Rust files have their own MAINTAINERS entries (and are
listed in the CAN and vsock entries), whose maintainers keep them in
step with C: a fix to a C twin's behaviour needs the same fix in Rust,
and the comparison tests show a divergence. The drivers are 90 to 300
lines each.

Figures
=======

Rust/C with its 95 % confidence interval, 8 pairs of rounds per line,
in one boot of a kernel with CONFIG_RUST_INLINE_HELPERS=y under QEMU
(TCG, 2 vCPUs on a shared 2-core machine), from the project's 'make
bench' at the commit that became this series:

  dummy (pktgen)          0.987  0.936-1.040
  nlmon (netlink)         1.011  0.977-1.047
  vsockmon                1.009  0.985-1.034
  ifb (pktgen, tc)        1.012  0.974-1.052
  vxcan CAN               0.996  0.988-1.004
  vxcan CAN FD            1.015  0.958-1.076
  vxcan CAN XL            1.002  0.995-1.009
  same, two namespaces    1.000  0.974-1.028
                          1.011  0.980-1.043
                          0.994  0.946-1.045
  dummy, two CPUs         1.043  0.978-1.113
  nlmon, two CPUs         0.969  0.871-1.078
  vsockmon, two CPUs      1.050  0.897-1.229

Every interval holds 1; the two-CPU lines, whose vCPUs take both host
cores, are the widest. These are with CONFIG_RUST_INLINE_HELPERS, which
needs Clang and rustc on the same LLVM: without it the Rust transmit
paths call one-line C helpers that C inlines, and dummy and ifb lose 13
to 18 % (dummy on two CPUs 24 %), which is what a kernel built with GCC
or with differing LLVMs pays today. The transmit paths (ndo_start_xmit to the end of the
driver's work, from the object code) are within an instruction of C's
for dummy, nlmon and vsockmon. The modules' text and read-only data are
1.05 to 1.14 times their C twins'.

What comes next
===============

The ifb class: multi-queue virtual devices whose queues hold packets and
hand them on from deferred work. The transmit queue state ifb brings is
shaped for that class rather than for ifb alone: a driver's state per
queue, reached only under the queue's lock, and per-queue deferred work
that the abstraction stops, and whose packets it frees, before the device
goes away. Devices created in pairs (vxcan) serve veth-like drivers the
same way. A next port should be mostly driver code.

Tests
=====

The tests and the benchmark are not part of this series: they run from
the project's repository against a built tree (C twins built as
external modules under other names, guest scripts, adversarial safe
drivers, must-not-compile snippets), and would be a series of their own
for tools/testing/selftests if wanted. Documentation/rust/net.rst says
what they check.

How it is split
===============

Every patch builds on its own (W=1, CLIPPY=1, with the KUnit doctests),
which the project checks by building each step of the series, and each
part of the abstractions comes right before the first driver that uses
it: the bindings and helpers (patch 1), the core the drivers share
(devices, sk_buff, link types, ethtool; patch 2) with the sample as its
first user (3), the taps (4) before nlmon, dummy and vsockmon (5-7),
devices in pairs and CAN (8) before vxcan (9), transmit queue state with
deferred work and per-queue ethtool statistics (10, 11) before ifb (12),
and the documentation (13). A part that adds to files of an earlier one
(the taps' slot in the private area, a link type's peer) changes them in
its own patch.

Dependencies
============

Patch 9 adds vxcan's Rust file under drivers/net/rust/ with the other
drivers, and the CAN entry of MAINTAINERS lists it; if the CAN
maintainers prefer it through linux-can-next, it can go there once the
abstractions are in.

The series goes on top of the three small series sent at the same time
to the trees they belong to (the prerequisite-patch-id lines below name
their patches), as it was tested. It needs the module parameter one for
its drivers' parameters to behave as C's do from modprobe.d; the Kbuild
one only makes the modules smaller, the helpers one keeps a PWM
namespace import out of their modinfo. It applies to
Debian's linux-source-7.3 7.3.4-1~bpo13+1, the tree it was built and
tested on, imported as one commit (base-commit below); it was not checked
against an upstream tree, which this project cannot fetch.
"""


def run(*args, cwd=REPO, capture=False, **kw):
    return subprocess.run(args, cwd=cwd, check=True, text=True,
                          stdout=subprocess.PIPE if capture else None, **kw).stdout


def final_tree(stage):
    """The final version of every file we touch, as overlay.sh makes it."""
    files = run("git", "ls-files", "--cached", "--others", "--exclude-standard", "--",
                "rust", "drivers", "samples", "Documentation", "MAINTAINERS",
                cwd=TOP, capture=True).split()
    for f in files:
        if os.path.isfile(os.path.join(TOP, f)):
            os.makedirs(os.path.dirname(os.path.join(stage, f)), exist_ok=True)
            shutil.copy(os.path.join(TOP, f), os.path.join(stage, f))
    patched = []
    for p in sorted(os.listdir(os.path.join(TOP, "patches"))):
        if not p.endswith(".diff"):
            continue
        path = os.path.join(TOP, "patches", p)
        with open(path) as fh:
            targets = re.findall(r"^\+\+\+ b/(\S+)", fh.read(), re.M)
        for t in targets:
            if not os.path.exists(os.path.join(stage, t)):
                os.makedirs(os.path.dirname(os.path.join(stage, t)), exist_ok=True)
                shutil.copy(os.path.join(PRISTINE, t), os.path.join(stage, t))
        with open(path) as fh:
            run("patch", "-s", "-p1", "--no-backup-if-mismatch", cwd=stage, stdin=fh)
        patched += targets
    # Files with parts for later patches (tests/lib/markers.py): the stage
    # gets the last patch's version, what the tests build.
    marked = {}
    for f in sorted(set(files) | set(patched)):
        text = read(os.path.join(stage, f)) if os.path.isfile(os.path.join(stage, f)) else ""
        if "@series" in text:
            marked[f] = text
            with open(os.path.join(stage, f), "w") as fh:
                fh.write(markers.strip(text, name=f))
    return sorted(set(files) | set(patched)), marked


def read(path):
    with open(path) as fh:
        return fh.read()


def units_of(path, text, pristine):
    """Splits a growing file into (head, [(key, text)...])."""
    if path.endswith("mod.rs"):
        if not text.startswith(pristine):
            sys.exit(f"series: {path} does not extend the pristine file")
        added = text[len(pristine):]
        units = re.findall(r"(#\[cfg\([^)]*\)\]\n(?:pub )?mod (\w+);\n)", added)
        if "".join(u for u, _ in units) != added.lstrip("\n"):
            sys.exit(f"series: {path}: unexpected lines")
        return pristine, "\n", [(k, u) for u, k in units]
    start = r"^config (\w+)$" if path.endswith("Kconfig") else r"^obj-\$\(CONFIG_(\w+)\)"
    lines = text.splitlines(keepends=True)
    head, units = [], []
    for line in lines:
        m = re.match(start, line)
        if m:
            units.append([m.group(1), line])
        elif units:
            units[-1][1] += line
        else:
            head.append(line)
    return "".join(head).rstrip("\n") + "\n", "\n", [(k, u) for k, u in units]


def assemble_maintainers(final, pristine, keys):
    """MAINTAINERS: the new entries, each with the F: lines chosen so far; an
    entry appears with its first file."""
    a, b = pristine.splitlines(keepends=True), final.splitlines(keepends=True)
    out, seen = [], set()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
            continue
        if op != "insert":
            sys.exit("series: MAINTAINERS: our change must only add entries")
        files = [line for line in b[j1:j2] if line.startswith("F:\t")]
        seen.update(line[3:].strip() for line in files)
        chosen = [line for line in files if line[3:].strip() in keys]
        if chosen:
            out += [line for line in b[j1:j2] if not line.startswith("F:\t") or line in chosen]
    for k in keys:
        if k not in seen:
            sys.exit(f"series: MAINTAINERS has no new F: {k}")
    return "".join(out)


def assemble(path, final, pristine, keys):
    if path == "MAINTAINERS":
        return assemble_maintainers(final, pristine, keys)
    head, sep, units = units_of(path, final, pristine)
    known = [k for k, _ in units]
    for k in keys:
        if k not in known:
            sys.exit(f"series: {path} has no unit {k}")
    chosen = [u.rstrip("\n") + "\n" for k, u in units if k in keys]
    if path.endswith("mod.rs"):
        return pristine + (sep + "".join(chosen) if chosen else "")
    body = ("\n" if path.endswith("Kconfig") else "").join(chosen)
    return head + (sep + body if chosen else "")


def diff_targets(name):
    """The kernel files a diff of patches/ changes."""
    return re.findall(r"^\+\+\+ b/(\S+)", read(os.path.join(TOP, "patches", name)), re.M)


def apply_diffs(names, files, have):
    """Writes FILES into the series repository as the pristine versions with
    the diffs NAMES (in this order) applied, with the parts of the keys HAVE
    (tests/lib/markers.py)."""
    with tempfile.TemporaryDirectory() as tree:
        for n in names:
            for t in diff_targets(n):
                if not os.path.exists(os.path.join(tree, t)):
                    os.makedirs(os.path.dirname(os.path.join(tree, t)), exist_ok=True)
                    shutil.copy(os.path.join(PRISTINE, t), os.path.join(tree, t))
            with open(os.path.join(TOP, "patches", n)) as fh:
                run("patch", "-s", "-p1", "--fuzz=0", "--no-backup-if-mismatch", cwd=tree,
                    stdin=fh)
        for f in files:
            with open(os.path.join(REPO, f), "w") as fh:
                fh.write(markers.strip(read(os.path.join(tree, f)), have, name=f))


def ensure_base():
    if os.path.isdir(os.path.join(REPO, ".git")):
        # A repository made when the tag had another name: its first commit.
        if subprocess.run(["git", "rev-parse", "-q", "--verify", f"refs/tags/{BASE}"],
                          cwd=REPO, stdout=subprocess.DEVNULL).returncode:
            root = run("git", "rev-list", "--max-parents=0", "--all", capture=True).split()
            if len(root) != 1:
                sys.exit(f"series: {REPO} has no single first commit to tag {BASE}")
            run("git", "tag", BASE, root[0])
        run("git", "checkout", "-q", "-f", "--detach", BASE)
        run("git", "clean", "-q", "-fdx")
        return
    print("series: making a git repository of the pristine tree (once)", flush=True)
    shutil.rmtree(REPO, ignore_errors=True)
    os.makedirs(os.path.dirname(REPO), exist_ok=True)
    shutil.copytree(PRISTINE, REPO, symlinks=True)
    env = dict(os.environ, GIT_AUTHOR_DATE="2026-01-01T00:00:00Z",
               GIT_COMMITTER_DATE="2026-01-01T00:00:00Z",
               GIT_AUTHOR_NAME="Linux 7.3", GIT_AUTHOR_EMAIL="linux@localhost",
               GIT_COMMITTER_NAME="Linux 7.3", GIT_COMMITTER_EMAIL="linux@localhost")
    run("git", "init", "-q")
    run("git", "config", "core.autocrlf", "false")
    run("git", "add", "-A", "-f")
    with open(PRISTINE + ".version") as fh:
        made_from = fh.read().strip()
    run("git", "commit", "-q", "-m", f"Linux 7.3 as Debian ships it: {made_from}", env=env)
    run("git", "tag", BASE)
    run("git", "checkout", "-q", "--detach", BASE)


def main():
    if sys.argv[1:] == ["--base"]:
        print(BASE)
        return
    out = os.path.abspath(sys.argv[1])
    # Author, committer and Signed-off-by: the repository's git configuration.
    name = run("git", "config", "user.name", cwd=TOP, capture=True).strip()
    email = run("git", "config", "user.email", cwd=TOP, capture=True).strip()
    ident = dict(os.environ, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email,
                 GIT_COMMITTER_NAME=name, GIT_COMMITTER_EMAIL=email)
    ensure_base()
    with tempfile.TemporaryDirectory() as stage:
        touched, marked = final_tree(stage)
        planned = [f for c in PLAN for f in c.get("files", [])] + \
            [f for c in PLAN for f in c.get("units", {})] + \
            [f for c in PLAN for d in c.get("diffs", []) for f in diff_targets(d)]
        missing = sorted(set(touched) - set(planned))
        if missing:
            sys.exit("series: files in no commit of the plan: " + " ".join(missing))
        # The keys of the markers: each introduced by one commit, each used.
        introduced = [k for c in PLAN for k in c.get("keys", [])]
        used = set().union(*(markers.keys_of(t) for t in marked.values()))
        if len(set(introduced)) != len(introduced) or used != set(introduced):
            sys.exit(f"series: marker keys introduced {sorted(introduced)}, used {sorted(used)}")
        chosen = {}
        applied = []
        tips = []
        have = set()
        present = []
        for c in PLAN:
            have.update(c.get("keys", []))
            applied += c.get("diffs", [])
            # Every file with markers that the diffs so far change: again, for the new keys.
            targets = [f for d in applied for f in diff_targets(d)]
            again = [f for d in c.get("diffs", []) for f in diff_targets(d)] + \
                [f for f in targets if f in marked and c.get("keys")]
            if again:
                apply_diffs(applied, sorted(set(again)), have)
            for f in c.get("files", []):
                src = os.path.join(stage, f)
                if not os.path.exists(src):
                    sys.exit(f"series: {f} is planned but not ours")
                present.append(f)
            for f in present:
                if f not in c.get("files", []) and not (f in marked and c.get("keys")):
                    continue
                os.makedirs(os.path.dirname(os.path.join(REPO, f)), exist_ok=True)
                if f in marked:
                    with open(os.path.join(REPO, f), "w") as fh:
                        fh.write(markers.strip(marked[f], have, name=f))
                else:
                    shutil.copy(os.path.join(stage, f), os.path.join(REPO, f))
            for f, keys in c.get("units", {}).items():
                chosen.setdefault(f, []).extend(keys)
                pristine = read(os.path.join(PRISTINE, f)) \
                    if os.path.exists(os.path.join(PRISTINE, f)) else ""
                text = assemble(f, read(os.path.join(stage, f)), pristine, chosen[f])
                os.makedirs(os.path.dirname(os.path.join(REPO, f)), exist_ok=True)
                with open(os.path.join(REPO, f), "w") as fh:
                    fh.write(text)
            # -f: Debian's tree ignores everything not in it (/* in .gitignore).
            run("git", "add", "-A", "-f")
            run("git", "commit", "-q", "-s", "-F", "-", env=ident,
                input=c["subject"] + "\n\n" + c["body"] + "\n")
            tips.append((c["series"], run("git", "rev-parse", "HEAD", capture=True).strip()))
        # The last commit holds exactly the files the tests build.
        for f in touched:
            if read(os.path.join(stage, f)) != read(os.path.join(REPO, f)):
                sys.exit(f"series: {f} differs from what the tests build")
    # Each series is a range of commits: its entries follow each other in PLAN.
    names = [name for name, _ in tips]
    if names != sorted(names, key=[x["name"] for x in SERIES].index):
        sys.exit("series: the commits of each series must follow each other in PLAN")
    shutil.rmtree(out, ignore_errors=True)
    start = BASE
    steps = []
    for n, ser in enumerate(SERIES, 1):
        mine = [h for name, h in tips if name == ser["name"]]
        if not mine:
            sys.exit(f"series: no commit of the plan is in {ser['name']}")
        dest = os.path.join(out, f"{n}-{ser['name']}")
        tip = mine[-1]
        if ser is not SERIES[-1]:
            # A generic series applies to the base on its own: its commits
            # again, on the base alone, so that it needs no other.
            run("git", "checkout", "-q", "-f", "--detach", BASE)
            run("git", "cherry-pick", *mine, env=ident, capture=True)
            tip = run("git", "rev-parse", "HEAD", capture=True).strip()
            start = BASE
        run("git", "format-patch", "-q", "--cover-letter", "--no-signature",
            f"--subject-prefix={ser['prefix']}", f"--base={BASE}", "-o", dest,
            f"{start}..{tip}")
        steps += run("git", "rev-list", "--reverse", f"{start}..{tip}", capture=True).split()
        start = mine[-1]
        cover = os.path.join(dest, "0000-cover-letter.patch")
        text = read(cover).replace("*** SUBJECT HERE ***", ser["subject"])
        text = text.replace("*** BLURB HERE ***", ser["body"] or NETDEV_COVER)
        with open(cover, "w") as fh:
            fh.write(text)
    # The commits to build, in order (tests/series.sh): each generic series
    # as cut on the base alone, then the net-next one.
    with open(os.path.join(CACHE, "series", "steps"), "w") as fh:
        fh.write("".join(h + "\n" for h in steps))
    run("git", "checkout", "-q", "-f", "--detach", tips[-1][1])
    for d in sorted(os.listdir(out)):
        for p in sorted(os.listdir(os.path.join(out, d))):
            print(os.path.join(out, d, p))


if __name__ == "__main__":
    main()
