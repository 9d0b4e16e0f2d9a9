#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""CAN frames that can-utils 2020.11 (Debian 12) cannot send or receive.

  cantool.py send DEV SPEC...   sends one frame per SPEC on DEV, each from a
                                socket of its own, and prints "KIND RESULT"
                                per SPEC: "ok" or the errno's name.
  cantool.py dump DEV COUNT SECS
                                receives with CAN FD and CAN XL frames enabled
                                on DEV until COUNT frames came or none for
                                SECS seconds; prints each frame decoded, one a
                                line ("timeout after N frames" if cut short).

SPEC (numbers in hex, DATA as hex bytes, "-" for none):
  cc:CAN_ID:DATA              a Classical CAN frame (CAN_RAW; RTR and EFF are
                              flags of CAN_ID; len is DATA's length, or LEN
                              given as cc:CAN_ID:DATA:LEN)
  fd:CAN_ID:FLAGS:DATA        a CAN FD frame (CAN_RAW, CAN_RAW_FD_FRAMES)
  xl:PRIO:FLAGS:SDT:AF:DATA   a CAN XL frame (CAN_RAW, CAN_RAW_XL_FRAMES)
  pkt:PROTO:BYTES             BYTES as they are, from a packet socket with
                              ethertype PROTO: frames the CAN layer would
                              refuse reach the driver that way
  ring:PROTO:BYTES            the same through the socket's PACKET_TX_RING
                              (TPACKET_V2): the core builds the buffer with
                              BYTES in page fragments, none in its head
"""
import errno
import mmap
import socket
import struct
import sys

CAN_RAW_FD_FRAMES = 5
CAN_RAW_XL_FRAMES = 7  # not in Python 3.11's socket module
SOL_CAN_RAW = 101
CAN_MTU, CANFD_MTU, CANXL_HDR_SIZE = 16, 72, 12
SOL_PACKET, PACKET_VERSION, PACKET_TX_RING, TPACKET_V2 = 263, 10, 13, 1
TP_STATUS_SEND_REQUEST = 1
# A frame's data in a TPACKET_V2 ring: TPACKET2_HDRLEN less the sockaddr_ll.
TPACKET2_DATA = 32


def data(s):
    return b"" if s == "-" else bytes.fromhex(s)


def frame(kind, f):
    if kind == "cc":
        d = data(f[1])
        n = int(f[2], 16) if len(f) > 2 else len(d)
        return struct.pack("<IB3x8s", int(f[0], 16), n, d)
    if kind == "fd":
        d = data(f[2])
        return struct.pack("<IBBxx64s", int(f[0], 16), len(d), int(f[1], 16), d)
    d = data(f[4])
    return struct.pack("<IBBHI", int(f[0], 16), int(f[1], 16), int(f[2], 16), len(d),
                       int(f[3], 16)) + d


def ring_send(dev, proto, payload):
    """Sends payload from one frame of a PACKET_TX_RING of a socket bound to dev."""
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0) as s:
        s.setsockopt(SOL_PACKET, PACKET_VERSION, TPACKET_V2)
        # struct tpacket_req: one 4096-byte block of two 2048-byte frames.
        s.setsockopt(SOL_PACKET, PACKET_TX_RING, struct.pack("IIII", 4096, 1, 2048, 2))
        s.bind((dev, proto))
        with mmap.mmap(s.fileno(), 4096) as ring:
            ring[TPACKET2_DATA:TPACKET2_DATA + len(payload)] = payload
            ring[4:8] = struct.pack("I", len(payload))
            ring[0:4] = struct.pack("I", TP_STATUS_SEND_REQUEST)
            if s.send(b"") != len(payload):
                raise OSError(errno.EIO, "the ring's frame was not sent")


def send(dev, specs):
    for spec in specs:
        kind, *f = spec.split(":")
        try:
            if kind == "pkt":
                with socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0) as s:
                    s.sendto(data(f[1]), (dev, int(f[0], 16)))
            elif kind == "ring":
                ring_send(dev, int(f[0], 16), data(f[1]))
            else:
                with socket.socket(socket.AF_CAN, socket.SOCK_RAW, socket.CAN_RAW) as s:
                    if kind in ("fd", "xl"):
                        s.setsockopt(SOL_CAN_RAW, CAN_RAW_FD_FRAMES, 1)
                    if kind == "xl":
                        s.setsockopt(SOL_CAN_RAW, CAN_RAW_XL_FRAMES, 1)
                    s.bind((dev,))
                    s.send(frame(kind, f))
            print(kind, "ok", flush=True)
        except OSError as e:
            print(kind, errno.errorcode.get(e.errno, str(e.errno)), flush=True)


def decode(b):
    if len(b) == CAN_MTU:
        can_id, n, pad, res, dlc = struct.unpack_from("<IBBBB", b)
        return (f"CC can_id={can_id:08x} len={n} pad={pad:02x} res0={res:02x} "
                f"len8_dlc={dlc} data={b[8:].hex()}")
    if len(b) == CANFD_MTU:
        can_id, n, flags, r0, r1 = struct.unpack_from("<IBBBB", b)
        rest = b[8 + min(n, 64):]
        return (f"FD can_id={can_id:08x} len={n} flags={flags:02x} res={r0:02x}{r1:02x} "
                f"data={b[8:8 + n].hex()} padding_zero={int(not any(rest))}")
    prio, flags, sdt, n, af = struct.unpack_from("<IBBHI", b)
    return (f"XL prio={prio:08x} flags={flags:02x} sdt={sdt:02x} len={n} af={af:08x} "
            f"size={len(b)} data={b[CANXL_HDR_SIZE:].hex()}")


def dump(dev, count, secs):
    s = socket.socket(socket.AF_CAN, socket.SOCK_RAW, socket.CAN_RAW)
    s.setsockopt(SOL_CAN_RAW, CAN_RAW_FD_FRAMES, 1)
    s.setsockopt(SOL_CAN_RAW, CAN_RAW_XL_FRAMES, 1)
    s.bind((dev,))
    s.settimeout(secs)
    for n in range(count):
        try:
            b = s.recv(4096)
        except socket.timeout:
            print(f"timeout after {n} frames", flush=True)
            return 1
        print(decode(b), flush=True)
    return 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "send":
        send(sys.argv[2], sys.argv[3:])
        return 0
    if len(sys.argv) == 5 and sys.argv[1] == "dump":
        return dump(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
