#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Sends known traffic out of a device and reports its transmit counters.

Usage: txcount.py DEV COUNT SIZE

Sends COUNT Ethernet frames of SIZE bytes with a packet socket, then COUNT UDP
datagrams to an address routed through DEV (the caller gives DEV 192.0.2.1/24),
and prints one JSON object: the tx_packets/tx_bytes deltas of each step.
"""
import json
import socket
import sys
import time


def stat(dev, name):
    with open(f"/sys/class/net/{dev}/statistics/{name}") as f:
        return int(f.read())


def counters(dev):
    return stat(dev, "tx_packets"), stat(dev, "tx_bytes")


def main():
    dev, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    res = {}
    p0, b0 = counters(dev)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((dev, 0))
    frame = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x88\xb5"
    frame += bytes(size - len(frame))
    for _ in range(count):
        s.send(frame)
    time.sleep(0.2)
    p1, b1 = counters(dev)
    res["packet_tx_packets"], res["packet_tx_bytes"] = p1 - p0, b1 - b0

    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for _ in range(count):
        u.sendto(bytes(100), ("192.0.2.2", 9))
    time.sleep(0.2)
    p2, b2 = counters(dev)
    res["udp_tx_packets"], res["udp_tx_bytes"] = p2 - p1, b2 - b1
    print(json.dumps(res, sort_keys=True))


if __name__ == "__main__":
    main()
