#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Captures on a netlink monitor while sending a known amount of rtnetlink traffic.

Usage: nlcapture.py DEV COUNT

Opens a packet socket on DEV, reads the device counters, sends COUNT RTM_GETLINK
requests for DEV's ifindex (each answered by one reply) on a netlink socket of
its own, then drains the packet socket until the counters stand still. Prints one JSON
object: what was captured, how many of the requests and replies were seen, and
the counter deltas. Other netlink traffic of the guest (udev, the kernel's own
notifications) is captured and counted too, so only the requests, the replies
and their sizes are the same from one run to the next.
"""
import json
import os
import socket
import struct
import sys
import time

RTM_NEWLINK, RTM_GETLINK = 16, 18
NLM_F_REQUEST = 1
ETH_P_ALL = 3


def stat(dev, name):
    with open(f"/sys/class/net/{dev}/statistics/{name}") as f:
        return int(f.read())


def main():
    dev, count = sys.argv[1], int(sys.argv[2])
    ifindex = socket.if_nametoindex(dev)
    pkt = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    pkt.bind((dev, 0))
    pkt.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    rx0, rb0 = stat(dev, "rx_packets"), stat(dev, "rx_bytes")

    nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    nl.bind((0, 0))
    pid = nl.getsockname()[0]
    for seq in range(1, count + 1):
        ifinfo = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, ifindex, 0, 0)
        msg = struct.pack("=IHHII", 16 + len(ifinfo), RTM_GETLINK, NLM_F_REQUEST,
                          seq, 0) + ifinfo
        nl.send(msg)
        nl.recv(65536)
    nl.close()

    # Drain until a drain and the 0.2 s after it saw no packet counted: the core
    # hands a packet to packet sockets before the driver counts it, so then the
    # counters hold exactly what was drained.
    pkt.setblocking(False)
    captured = nbytes = requests = replies = ours = 0
    while True:
        before = stat(dev, "rx_packets"), stat(dev, "rx_bytes")
        while True:
            try:
                data = pkt.recv(1 << 17)
            except BlockingIOError:
                break
            captured += 1
            nbytes += len(data)
            if len(data) < 16:
                continue
            _, mtype, _, seq, portid = struct.unpack_from("=IHHII", data)
            if mtype == RTM_GETLINK and 1 <= seq <= count:
                requests += 1
                ours += len(data)
            elif mtype == RTM_NEWLINK and portid == pid and 1 <= seq <= count:
                replies += 1
                ours += len(data)
        time.sleep(0.2)
        rx1, rb1 = stat(dev, "rx_packets"), stat(dev, "rx_bytes")
        if (rx1, rb1) == before:
            break
    print(json.dumps({"captured": captured, "bytes": nbytes, "requests": requests,
                      "replies": replies, "our_bytes": ours, "rx_packets": rx1 - rx0,
                      "rx_bytes": rb1 - rb0}, sort_keys=True))


if __name__ == "__main__":
    main()
