#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Systematic fault injection into one operation of one driver.

Usage: faults.py DRIVER MODULE OP [LIMIT] [--at N,N,...]

DRIVER is a link kind of the table below, MODULE the module that implements
it (the C test module or the Rust driver), OP one of the operations of OPS.
For n = 1, 2, 3, ... the operation runs with /proc/thread-self/fail-nth set
to n, so that the n-th slab or page allocation this task makes in the kernel
fails (Documentation/fault-injection/fault-injection.rst); the loop ends at
the first n the operation completes without reaching; with LIMIT, after
the first LIMIT faults, with one more run of the operation without a fault;
with --at, only at the faults listed (each step then ends with its n).

Each step prepares the operation's starting state without faults, runs the
operation (one system call: sendmsg on rtnetlink, finit_module or
delete_module; the rtnetlink ack is read once the fault is disarmed), reads
back the state, then removes what the step made and checks that nothing is
left: no device beyond those there before, no device in the namespace the
devices are moved to, the module's reference count back to 0.

Prints one JSON object: the number of fault points (steps that reached their
fault; with LIMIT, the number of faults tried), each step's outcome ("ok", an
errno name, "ENOBUFS(ack)" where the ack itself could not be allocated, and
the extack text if any) with the state the operation left ("done" or
"undone"), and the steps that broke a rule:
an error that left the operation done, a success that left it undone, a
state that is neither, or something left behind.
"""
import ctypes
import errno
import json
import os
import socket
import struct
import subprocess
import sys
import time

RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK = 16, 17, 18
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP, NLM_F_EXCL, NLM_F_CREATE = 1, 4, 0x300, 0x200, 0x400
NLMSG_ERROR, NLMSG_DONE = 2, 3
CLONE_NEWNET = 0x40000000
NLM_F_ACK_TLVS = 0x200
NLMSGERR_ATTR_MSG = 1
SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11
IFLA_ADDRESS, IFLA_IFNAME, IFLA_MTU, IFLA_LINKINFO, IFLA_NET_NS_FD = 1, 3, 4, 18, 28
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
VXCAN_INFO_PEER = 1
NLA_F_NESTED = 0x8000
IFF_UP = 1
SYS_FINIT_MODULE, SYS_DELETE_MODULE = 313, 176

NETNS = "faults"
DEV, PEER = "fi0", "fi1"

# kind: the parameters of the "load" and "rmmod" operations and the devices
# they give, those of the other operations' loads (no device), whether a
# link is a pair, the MTU the "mtu" operation sets, whether an up device
# holds the module (a monitor's tap: netlink_add_tap() and vsock_add_tap()
# take a reference, rmmod then fails with EAGAIN and reaches no fault), the
# operations the driver refuses and their error (C's as Rust's: no
# ndo_set_mac_address).
DRIVERS = {
    "nlmon": {"params": "", "devs": [], "none": "", "pair": False, "mtu": 1500, "tap": True,
              "refuses": {"address": "ENOTSUP"}},
    "dummy": {"params": "numdummies=2", "devs": ["dummy0", "dummy1"], "none": "numdummies=0",
              "pair": False, "mtu": 1400, "tap": False, "refuses": {}},
    "ifb": {"params": "numifbs=2", "devs": ["ifb0", "ifb1"], "none": "numifbs=0",
            "pair": False, "mtu": 1400, "tap": False, "refuses": {"address": "ENOTSUP"}},
    "vsockmon": {"params": "", "devs": [], "none": "", "pair": False, "mtu": 1500, "tap": True,
                 "refuses": {"address": "ENOTSUP"}},
    "vxcan": {"params": "", "devs": [], "none": "", "pair": True, "mtu": 72, "tap": False,
              "refuses": {"address": "ENOTSUP"}},
}
OPS = ["load", "add", "up", "down", "mtu", "address", "netns", "del", "delpeer", "rmmod"]

libc = ctypes.CDLL(None, use_errno=True)
# With FAULT_VERBOSE (faults.sh), each step is marked in the kernel log.
TRACE = bool(os.environ.get("FAULT_VERBOSE"))


def ename(e):
    return errno.errorcode.get(e, str(e))


def nla(kind, payload):
    n = 4 + len(payload)
    return struct.pack("=HH", n, kind) + payload + b"\0" * (-n % 4)


def ifname(name):
    return nla(IFLA_IFNAME, name.encode() + b"\0")


def ifinfo(index=0, flags=0, change=0):
    return struct.pack("=BxHiII", 0, 0, index, flags, change)


class Failure(Exception):
    """A step that could not be prepared or cleaned up."""


def attributes(data, start, end):
    """The netlink attributes in data[start:end]: (type, value) pairs."""
    while start + 4 <= end:
        alen, akind = struct.unpack_from("=HH", data, start)
        if alen < 4:
            return
        yield akind, data[start + 4:start + alen]
        start += (alen + 3) & ~3


class Rtnl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.settimeout(30)
        self.sock.bind((0, 0))
        self.seq = 0

    def message(self, kind, flags, payload):
        self.seq += 1
        head = struct.pack("=IHHII", 16 + len(payload), kind, NLM_F_REQUEST | NLM_F_ACK | flags,
                           self.seq, 0)
        return head + payload

    def send(self, msg):
        """Sends a request: None, or the errno sendmsg failed with."""
        try:
            self.sock.send(msg)
        except OSError as e:
            return e.errno
        return None

    def ack(self):
        """The request's ack: "ok", or its errno name and extack text."""
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            return "timeout(ack)"
        except OSError as e:
            # The ack could not be allocated (netlink_ack sets sk_err).
            return ename(e.errno) + "(ack)"
        length, kind, flags, seq, _ = struct.unpack_from("=IHHII", data)
        if kind != NLMSG_ERROR or seq != self.seq:
            raise Failure(f"unexpected netlink message {kind} seq {seq}")
        err = -struct.unpack_from("=i", data, 16)[0]
        if err == 0:
            return "ok"
        text = ""
        if flags & NLM_F_ACK_TLVS:
            for akind, value in attributes(data, 16 + 4 + 16, length):
                if akind == NLMSGERR_ATTR_MSG:
                    text = value.rstrip(b"\0").decode()
        return ename(err) + (f": {text}" if text else "")

    def call(self, msg):
        """Runs a request without faults: "ok" or its error."""
        e = self.send(msg)
        return ename(e) if e is not None else self.ack()

    def links(self):
        """The names of the namespace's devices (an RTM_GETLINK dump)."""
        self.sock.send(self.message(RTM_GETLINK, NLM_F_DUMP, ifinfo()))
        names = set()
        while True:
            data = self.sock.recv(65536)
            off = 0
            while off + 16 <= len(data):
                length, kind = struct.unpack_from("=IH", data, off)
                if kind == NLMSG_DONE:
                    return names
                if kind == NLMSG_ERROR:
                    err = -struct.unpack_from("=i", data, off + 16)[0]
                    raise Failure(f"link dump: {ename(err)}")
                for akind, value in attributes(data, off + 16 + 16, off + length):
                    if akind == IFLA_IFNAME:
                        names.add(value.rstrip(b"\0").decode())
                off += (length + 3) & ~3

    def newlink(self, kind, name, peer=None):
        info = nla(IFLA_INFO_KIND, kind.encode())
        if peer is not None:
            info += nla(IFLA_INFO_DATA | NLA_F_NESTED,
                        nla(VXCAN_INFO_PEER | NLA_F_NESTED, ifinfo() + ifname(peer)))
        return self.message(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
                            ifinfo() + ifname(name) + nla(IFLA_LINKINFO | NLA_F_NESTED, info))

    def setlink(self, name, flags=0, change=0, attrs=b""):
        return self.message(RTM_NEWLINK, 0, ifinfo(index(name), flags, change) + attrs)

    def dellink(self, name):
        return self.message(RTM_DELLINK, 0, ifinfo(index(name)))

    def dellink_by_name(self, name):
        return self.message(RTM_DELLINK, 0, ifinfo() + ifname(name))


def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def index(name):
    return int(read(f"/sys/class/net/{name}/ifindex"))


def devices():
    return set(os.listdir("/sys/class/net"))


def in_netns(name, make):
    """make() run in the network namespace name (a socket made there stays
    there)."""
    here = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    there = os.open(f"/run/netns/{name}", os.O_RDONLY)
    try:
        if libc.setns(there, CLONE_NEWNET):
            raise OSError(ctypes.get_errno(), f"setns {name}")
        try:
            return make()
        finally:
            if libc.setns(here, CLONE_NEWNET):
                raise OSError(ctypes.get_errno(), "setns back")
    finally:
        os.close(here)
        os.close(there)


class FailNth:
    """The calling thread's fail-nth file, opened before any step."""

    def __init__(self):
        self.fd = os.open("/proc/thread-self/fail-nth", os.O_RDWR)

    def arm(self, n):
        os.write(self.fd, str(n).encode())

    def disarm(self):
        """True if the armed fault was injected (the count reached 0)."""
        left = int(os.pread(self.fd, 32, 0))
        os.write(self.fd, b"0")
        return left == 0


class Driver:
    def __init__(self, kind, module):
        self.kind, self.module = kind, module
        self.conf = DRIVERS[kind]
        self.path = subprocess.run(["modinfo", "-n", module], check=True, capture_output=True,
                                   text=True).stdout.strip()
        self.nl = Rtnl()
        # rtnetlink in the namespace devices are moved to.
        self.ns_nl = in_netns(NETNS, Rtnl)
        self.base = devices()

    # Module state.
    def loaded(self):
        return os.path.isdir(f"/sys/module/{self.module}")

    def refcnt(self):
        return read(f"/sys/module/{self.module}/refcnt")

    def finit(self, params, fail=None, n=0):
        """Loads the module; with a fault armed for the call alone if n.
        Returns the errno, or None, and whether the fault was injected."""
        fd = os.open(self.path, os.O_RDONLY)
        args = params.encode()
        try:
            if n:
                fail.arm(n)
            r = libc.syscall(SYS_FINIT_MODULE, fd, args, 0)
            e = None if r == 0 else ctypes.get_errno()
            return e, fail.disarm() if n else False
        finally:
            os.close(fd)

    def delete(self, fail=None, n=0):
        name = self.module.encode()
        if n:
            fail.arm(n)
        r = libc.syscall(SYS_DELETE_MODULE, name, os.O_NONBLOCK)
        e = None if r == 0 else ctypes.get_errno()
        return e, fail.disarm() if n else False

    def load(self, params=None):
        if not self.loaded():
            e, _ = self.finit(self.conf["none"] if params is None else params)
            if e is not None:
                raise Failure(f"load: {ename(e)}")

    def unload(self):
        if self.loaded():
            e, _ = self.delete()
            if e is not None:
                raise Failure(f"rmmod: {ename(e)}")

    # Devices.
    def ends(self):
        return [DEV, PEER] if self.conf["pair"] else [DEV]

    def add(self, up=False):
        peer = PEER if self.conf["pair"] else None
        r = self.nl.call(self.nl.newlink(self.kind, DEV, peer))
        if r != "ok":
            raise Failure(f"add: {r}")
        if up:
            r = self.nl.call(self.nl.setlink(DEV, IFF_UP, IFF_UP))
            if r != "ok":
                raise Failure(f"up: {r}")

    def remove_all(self, netns=False):
        """Deletes the devices a step made, and with netns the one it may
        have moved to the other namespace."""
        for d in sorted(devices() - self.base):
            if os.path.exists(f"/sys/class/net/{d}"):
                r = self.nl.call(self.nl.dellink(d))
                if r != "ok":
                    raise Failure(f"del {d}: {r}")
        if netns:
            self.ns_nl.call(self.ns_nl.dellink_by_name(DEV))

    def leftovers(self, netns):
        """What a step left behind once its devices are removed."""
        left = []
        extra = devices() - self.base
        if extra:
            left.append(f"devices {sorted(extra)}")
        if netns:
            there = self.ns_nl.links()
            if there != {"lo"}:
                left.append(f"devices in {NETNS}: {sorted(there)}")
        if self.loaded() and self.refcnt() != "0":
            left.append(f"module refcount {self.refcnt()}")
        return left


def flags(name):
    return int(read(f"/sys/class/net/{name}/flags"), 16)


class Op:
    """One operation: prepare() the state it starts from, request() the
    call to make under the fault, state() what it left: "done", "undone"
    or a description of anything else."""

    netns = False
    # Whether the device the operation starts from is up.
    up = False

    def __init__(self, drv):
        self.drv = drv

    def prepare(self):
        self.drv.load()
        self.drv.add(up=self.up)

    def run(self, fail, n):
        """Makes the call with the n-th allocation failing (n = 0: none).
        Returns (outcome, whether the fault was injected)."""
        msg = self.request()
        nl = self.drv.nl
        if n:
            fail.arm(n)
        e = nl.send(msg)
        hit = fail.disarm() if n else False
        return (ename(e) if e is not None else nl.ack()), hit


class Load(Op):
    def prepare(self):
        self.drv.unload()

    def run(self, fail, n):
        e, hit = self.drv.finit(self.drv.conf["params"], fail, n)
        return ("ok" if e is None else ename(e)), hit

    def state(self):
        made = devices() - self.drv.base
        if self.drv.loaded() and made == set(self.drv.conf["devs"]):
            return "done"
        if not self.drv.loaded() and not made:
            return "undone"
        return f"module {'loaded' if self.drv.loaded() else 'absent'}, devices {sorted(made)}"


class Rmmod(Op):
    """rmmod with the module's devices and one of ours, up unless that
    holds the module."""

    def prepare(self):
        self.drv.load(self.drv.conf["params"])
        self.drv.add(up=not self.drv.conf["tap"])

    def run(self, fail, n):
        e, hit = self.drv.delete(fail, n)
        return ("ok" if e is None else ename(e)), hit

    def state(self):
        made = devices() - self.drv.base
        if not self.drv.loaded() and not made:
            return "done"
        if self.drv.loaded() and made == set(self.drv.conf["devs"] + self.drv.ends()):
            return "undone"
        return f"module {'loaded' if self.drv.loaded() else 'absent'}, devices {sorted(made)}"


class Add(Op):
    def prepare(self):
        self.drv.load()

    def request(self):
        peer = PEER if self.drv.conf["pair"] else None
        return self.drv.nl.newlink(self.drv.kind, DEV, peer)

    def state(self):
        there = [os.path.exists(f"/sys/class/net/{d}") for d in self.drv.ends()]
        return "done" if all(there) else "undone" if not any(there) else f"ends present: {there}"


class Up(Op):
    def request(self):
        return self.drv.nl.setlink(DEV, IFF_UP, IFF_UP)

    def state(self):
        return "done" if flags(DEV) & IFF_UP else "undone"


class Down(Op):
    up = True

    def request(self):
        return self.drv.nl.setlink(DEV, 0, IFF_UP)

    def state(self):
        return "undone" if flags(DEV) & IFF_UP else "done"


class Mtu(Op):
    def prepare(self):
        super().prepare()
        self.old = read(f"/sys/class/net/{DEV}/mtu")

    def request(self):
        mtu = struct.pack("=I", self.drv.conf["mtu"])
        return self.drv.nl.setlink(DEV, attrs=nla(IFLA_MTU, mtu))

    def state(self):
        mtu = read(f"/sys/class/net/{DEV}/mtu")
        return ("done" if mtu == str(self.drv.conf["mtu"]) else "undone" if mtu == self.old
                else f"mtu {mtu}")


class Address(Op):
    NEW = "02:00:00:00:00:01"

    def prepare(self):
        super().prepare()
        self.old = read(f"/sys/class/net/{DEV}/address")

    def request(self):
        addr = bytes.fromhex(self.NEW.replace(":", ""))
        return self.drv.nl.setlink(DEV, attrs=nla(IFLA_ADDRESS, addr))

    def state(self):
        addr = read(f"/sys/class/net/{DEV}/address")
        return "done" if addr == self.NEW else "undone" if addr == self.old else f"address {addr}"


class Netns(Op):
    netns = True
    up = True

    def request(self):
        return self.drv.nl.setlink(DEV, attrs=nla(IFLA_NET_NS_FD, struct.pack("=I", self.fd)))

    def run(self, fail, n):
        self.fd = os.open(f"/run/netns/{NETNS}", os.O_RDONLY)
        try:
            return super().run(fail, n)
        finally:
            os.close(self.fd)

    def state(self):
        here = os.path.exists(f"/sys/class/net/{DEV}")
        there = DEV in self.drv.ns_nl.links()
        return "done" if there and not here else "undone" if here and not there else \
            f"here {here}, in {NETNS} {there}"


class Del(Op):
    target = DEV
    up = True

    def request(self):
        return self.drv.nl.dellink(self.target)

    def state(self):
        there = [os.path.exists(f"/sys/class/net/{d}") for d in self.drv.ends()]
        return "undone" if all(there) else "done" if not any(there) else f"ends present: {there}"


class DelPeer(Del):
    target = PEER


CLASSES = {"load": Load, "add": Add, "up": Up, "down": Down, "mtu": Mtu, "address": Address,
           "netns": Netns, "del": Del, "delpeer": DelPeer, "rmmod": Rmmod}


def consistent(outcome, state):
    if state not in ("done", "undone"):
        return False
    if outcome == "ok":
        return state == "done"
    if outcome.endswith("(ack)"):
        return True
    return state == "undone"


def step(drv, op, fail, n):
    """Runs the operation with its n-th allocation failing (n = 0: none).
    Returns [outcome, state] (with "unreached" if the fault was not reached)
    and the rules it broke."""
    bad = []
    op.prepare()
    if TRACE:
        # The fault's report (FAULT_VERBOSE) follows this line in the log.
        with open("/dev/kmsg", "w") as f:
            f.write(f"faults: {drv.module} {type(op).__name__.lower()} fault {n}\n")
    outcome, hit = op.run(fail, n)
    state = op.state()
    if not consistent(outcome, state):
        bad.append(f"{f'fault {n}' if hit else 'no fault'}: {outcome} but {state}")
    drv.remove_all(op.netns)
    left = drv.leftovers(op.netns)
    if isinstance(op, (Load, Rmmod)):
        drv.unload()
    if left:
        bad.append(f"fault {n}: left behind: {', '.join(left)}")
    return ([outcome, state] if hit else [outcome, state, "unreached"]), hit, bad


def main():
    args = sys.argv[1:]
    # --at N,N,...: only these faults, each once (faults.sh's second look
    # at an outcome the other implementation gave and this one did not).
    at = None
    if "--at" in args:
        i = args.index("--at")
        at = [int(n) for n in args[i + 1].split(",")]
        del args[i:i + 2]
    kind, module, opname = args[:3]
    # A bounded run (make test) stops after the first LIMIT faults and runs
    # the operation once more without one.
    limit = int(args[3]) if len(args) > 3 else None
    drv = Driver(kind, module)
    op = CLASSES[opname](drv)
    fail = FailNth()
    steps, bad = [], []
    points = None
    start = time.monotonic()
    n = 0
    try:
        if at is not None:
            for n in at:
                result, _, broke = step(drv, op, fail, n)
                steps.append(result + [n])
                bad += broke
        while at is None:
            n += 1
            capped = limit is not None and n > limit
            result, hit, broke = step(drv, op, fail, 0 if capped else n)
            steps.append(result)
            bad += broke
            if not hit:
                points = n - 1
                break
            if n % 50 == 0:
                print(f"{module} {opname}: {n} faults, {time.monotonic() - start:.0f} s",
                      file=sys.stderr, flush=True)
    except (Failure, OSError) as e:
        bad.append(f"fault {n}: {e}")
    # The round's last step had no fault: the operation itself must work,
    # or fail as the driver refuses it.
    want = drv.conf["refuses"].get(opname, "ok")
    if points is not None and steps[-1][0].split(":")[0] != want:
        bad.append(f"without a fault: {' '.join(steps[-1])}, not {want}")
    try:
        drv.remove_all(op.netns)
        drv.unload()
    except (Failure, OSError) as e:
        bad.append(f"final clean-up: {e}")
    json.dump({"driver": kind, "module": module, "op": opname, "points": points,
               "limit": limit, "at": at, "seconds": round(time.monotonic() - start, 1),
               "steps": steps, "bad": bad}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
