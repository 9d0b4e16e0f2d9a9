#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""vsock traffic over the loopback transport, and what a capture holds.

  vsocktraffic.py run PORT N     one connection to CID 1 (local): the client
                                 sends N numbered messages, the server answers
                                 each, then the client shuts down and the
                                 server closes. Prints the payloads as JSON.
  vsocktraffic.py loop PORT      connections like "run" with one message each,
                                 until SIGTERM; prints how many completed.
  vsocktraffic.py pcap FILE      summary of a DLT_VSOCK capture as JSON:
                                 packets, bytes (the original lengths), the
                                 af_vsockmon ops, and the payloads carried.
"""
import json
import signal
import socket
import struct
import sys
import threading

CID_LOCAL = 1
HDR = struct.Struct("<QQIIHHH2x")  # struct af_vsockmon_hdr
OP_PAYLOAD = 4
DLT_VSOCK = 271


def message(i):
    return b"rust-vsockmon-%04d" % i


def reply(i):
    return b"ack-%04d" % i


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError("connection closed after %d of %d bytes" % (len(buf), n))
        buf += chunk
    return buf


def serve(srv, n, errors):
    try:
        conn, _ = srv.accept()
        with conn:
            for i in range(n):
                got = recv_exact(conn, len(message(i)))
                if got != message(i):
                    raise ValueError("server got %r" % got)
                conn.sendall(reply(i))
            # Wait for the client's shutdown before closing our side.
            if conn.recv(1) != b"":
                raise ValueError("data after the last message")
    except Exception as e:  # reported by the client side
        errors.append(repr(e))


def connection(port, n):
    srv = socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM)
    srv.bind((socket.VMADDR_CID_ANY, port))
    srv.listen(1)
    errors = []
    t = threading.Thread(target=serve, args=(srv, n, errors))
    t.start()
    try:
        with socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM) as c:
            c.connect((CID_LOCAL, port))
            for i in range(n):
                c.sendall(message(i))
                got = recv_exact(c, len(reply(i)))
                if got != reply(i):
                    raise ValueError("client got %r" % got)
            c.shutdown(socket.SHUT_WR)
            t.join(10)
    finally:
        srv.close()
    if errors:
        raise RuntimeError(errors[0])


def run(port, n):
    connection(port, n)
    print(json.dumps({"sent": [message(i).decode() for i in range(n)],
                      "replies": [reply(i).decode() for i in range(n)]}))


def loop(port):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    done = 0
    while not stop:
        connection(port, 1)
        done += 1
    print(json.dumps({"connections": done}))


def pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic, _, _, _, _, _, linktype = struct.unpack_from("<IHHiIII", data, 0)
    if magic not in (0xA1B2C3D4, 0xA1B23C4D) or linktype != DLT_VSOCK:
        raise ValueError("not a little-endian DLT_VSOCK capture")
    off, packets, total, ops, payloads = 24, 0, 0, {}, []
    while off < len(data):
        _, _, incl, orig = struct.unpack_from("<IIII", data, off)
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        packets += 1
        total += orig
        _, _, _, _, op, _, hlen = HDR.unpack_from(pkt, 0)
        ops[op] = ops.get(op, 0) + 1
        if op == OP_PAYLOAD:
            payloads.append(pkt[HDR.size + hlen:].decode(errors="replace"))
    print(json.dumps({"packets": packets, "bytes": total,
                      "ops": {str(k): v for k, v in sorted(ops.items())},
                      "payloads": payloads}))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "run":
        run(int(sys.argv[2]), int(sys.argv[3]))
    elif cmd == "loop":
        loop(int(sys.argv[2]))
    elif cmd == "pcap":
        pcap(sys.argv[2])
    else:
        sys.exit(__doc__)
