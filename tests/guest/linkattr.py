#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Link requests with a kind's own attributes (IFLA_INFO_DATA), which ip(8)
only sends for the kinds it knows.

  linkattr.py add NAME KIND [ATTR...]   RTM_NEWLINK, create
  linkattr.py set NAME KIND [ATTR...]   RTM_NEWLINK on NAME (changelink)
  linkattr.py get NAME                  RTM_GETLINK of NAME
  linkattr.py dump NAME                 RTM_GETLINK dump, the entry of NAME

ATTR is TYPE=U32 (a u32 attribute) or TYPE (a flag), TYPE a number.

Prints one line: "ok", the kind's attributes of the device as "TYPE=HEX"
words (in order; "none" if it has none), or "error ERRNO MESSAGE" with the
extended acknowledgment's message and " @OFFSET" when it points at an
attribute ("-" for no message).
"""

import os
import socket
import struct
import sys

RTM_NEWLINK, RTM_GETLINK = 16, 18
NLMSG_ERROR, NLMSG_DONE = 2, 3
F_REQUEST, F_ACK, F_EXCL, F_CREATE, F_DUMP = 1, 4, 0x200, 0x400, 0x300
F_ACK_TLVS = 0x200
IFLA_IFNAME, IFLA_LINKINFO = 3, 18
INFO_KIND, INFO_DATA = 1, 2
SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11
ERR_ATTR_MSG, ERR_ATTR_OFFS = 1, 2
NESTED = 0x8000


def attr(ty, payload):
    a = struct.pack("HH", 4 + len(payload), ty) + payload
    return a + b"\0" * (-len(a) % 4)


def attrs(b):
    """Yields (type, payload) of the attributes in b."""
    while len(b) >= 4:
        ln, ty = struct.unpack_from("HH", b)
        if ln < 4:
            return
        yield ty & 0x3FFF, b[4:ln]
        b = b[(ln + 3) & ~3:]


def request(sock, ty, flags, payload, seq=1):
    hdr = struct.pack("IHHII", 16 + len(payload), ty, F_REQUEST | flags, seq, 0)
    sock.send(hdr + payload)


def error_of(msg, flags, start=4 + 16):
    """The line of an NLMSG_ERROR payload (or NLMSG_DONE, start 4): its
    attributes follow the error and, for NLMSG_ERROR, the request's header
    (CAP_ACK)."""
    (err,) = struct.unpack_from("i", msg)
    if err == 0:
        return "ok"
    text, offs = "-", None
    if flags & F_ACK_TLVS:
        for ty, p in attrs(msg[start:]):
            if ty == ERR_ATTR_MSG:
                text = p.rstrip(b"\0").decode()
            elif ty == ERR_ATTR_OFFS:
                (offs,) = struct.unpack("I", p[:4])
    line = "error %d %s" % (-err, text)
    return line + (" @%d" % offs if offs is not None else "")


def info_of(payload):
    """The kind's attributes of the device in an RTM_NEWLINK payload."""
    for ty, p in attrs(payload[16:]):
        if ty != IFLA_LINKINFO:
            continue
        for ity, ip in attrs(p):
            if ity == INFO_DATA:
                words = ["%d=%s" % (t, v.hex()) for t, v in attrs(ip)]
                return " ".join(words) or "none"
    return "none"


def name_of(payload):
    for ty, p in attrs(payload[16:]):
        if ty == IFLA_IFNAME:
            return p.rstrip(b"\0").decode()
    return None


def replies(sock):
    """Yields (type, flags, payload) of the replies until an ack, error or done."""
    while True:
        b = sock.recv(1 << 20)
        while len(b) >= 16:
            ln, ty, flags, _, _ = struct.unpack_from("IHHII", b)
            yield ty, flags, b[16:ln]
            if ty in (NLMSG_ERROR, NLMSG_DONE):
                return
            b = b[(ln + 3) & ~3:]


def main(argv):
    op, name = argv[1], argv[2]
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    ifi = struct.pack("BxHiII", 0, 0, 0, 0, 0)
    if op in ("add", "set"):
        data = b""
        for a in argv[4:]:
            ty, _, val = a.partition("=")
            data += attr(int(ty), struct.pack("I", int(val)) if val else b"")
        info = attr(INFO_KIND, argv[3].encode() + b"\0")
        info += attr(INFO_DATA | NESTED, data)
        payload = ifi + attr(IFLA_IFNAME, name.encode() + b"\0")
        payload += attr(IFLA_LINKINFO | NESTED, info)
        flags = F_ACK | (F_CREATE | F_EXCL if op == "add" else 0)
        request(sock, RTM_NEWLINK, flags, payload)
        for ty, fl, p in replies(sock):
            if ty == NLMSG_ERROR:
                return error_of(p, fl)
        return "error - no reply"
    if op == "get":
        request(sock, RTM_GETLINK, 0, ifi + attr(IFLA_IFNAME, name.encode() + b"\0"))
        for ty, fl, p in replies(sock):
            if ty == NLMSG_ERROR:
                return error_of(p, fl)
            if ty == RTM_NEWLINK:
                return info_of(p)
        return "error - no reply"
    if op == "dump":
        request(sock, RTM_GETLINK, F_DUMP, ifi)
        found = "error - not found"
        while True:
            for ty, fl, p in replies(sock):
                if ty in (NLMSG_ERROR, NLMSG_DONE):
                    start = 4 if ty == NLMSG_DONE else 4 + 16
                    err = error_of(p, fl, start) if len(p) >= 4 else "ok"
                    return found if err == "ok" else err
                if ty == RTM_NEWLINK and name_of(p) == name:
                    found = info_of(p)
    return "usage"


if __name__ == "__main__":
    print(main(sys.argv))
    sys.stdout.flush()
    os._exit(0)
