#!/usr/bin/env python3
"""Hostile opening handshakes against ws_echo_server, over raw sockets.

  test_hostile.py ECHO_SERVER

Each case sends one request on a fresh connection and checks the exact
status code, that the server closes the connection after its answer, and
that the server still serves a normal client afterwards (a stalled
half-sent request stays open the whole time). At the end the server must
hold no library memory (stats bytes=0) and exit cleanly.
"""
import os
import socket
import struct
import sys
import time

from wsinterop import Server, fail

KEY = "dGhlIHNhbXBsZSBub25jZQ=="
ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="  # RFC 6455 section 1.3


def req(*lines, start="GET /chat HTTP/1.1", end="\r\n"):
    return (start + "\r\n" + "".join(l + "\r\n" for l in lines) + end).encode("latin-1")


GOOD = ["Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13"]


def without(name):
    return [l for l in GOOD if not l.lower().startswith(name.lower() + ":")]


CASES = [
    ("missing Host", req(*without("Host")), 400),
    ("two Host fields", req("Host: b", *GOOD), 400),
    ("Host not a host", req("Host: a b", *without("Host")), 400),
    ("missing Upgrade", req(*without("Upgrade")), 400),
    ("Upgrade: h2c", req("Upgrade: h2c", *without("Upgrade")), 400),
    ("duplicated Upgrade", req("Upgrade: websocket", *GOOD), 400),
    ("missing Connection", req(*without("Connection")), 400),
    ("Connection: keep-alive only", req("Connection: keep-alive", *without("Connection")), 400),
    ("duplicated Sec-WebSocket-Key", req("Sec-WebSocket-Key: " + KEY, *GOOD), 400),
    ("missing Sec-WebSocket-Key", req(*without("Sec-WebSocket-Key")), 400),
    ("15-byte key", req("Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA", *without("Sec-WebSocket-Key")), 400),
    ("17-byte key", req("Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAA=",
                        *without("Sec-WebSocket-Key")), 400),
    ("key not base64", req("Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==",
                           *without("Sec-WebSocket-Key")), 400),
    ("duplicated Sec-WebSocket-Version", req("Sec-WebSocket-Version: 13", *GOOD), 400),
    ("version 8", req("Sec-WebSocket-Version: 8", *without("Sec-WebSocket-Version")), 426),
    ("missing version", req(*without("Sec-WebSocket-Version")), 426),
    ("POST", req(*GOOD, start="POST /chat HTTP/1.1"), 405),
    ("HTTP/1.0", req(*GOOD, start="GET /chat HTTP/1.0"), 400),
    ("HTTP/2 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400),
    ("TLS ClientHello", bytes.fromhex("16030100c4010000c00303") + os.urandom(64), 400),
    ("oversize header block", req("X-Big: " + "a" * 20000, *GOOD), 431),
    ("too many fields", req(*(["X-F%d: 1" % i for i in range(200)] + GOOD)), 431),
    ("oversize request line", req(*GOOD, start="GET /" + "a" * 10000 + " HTTP/1.1"), 414),
    ("smuggled body (Content-Length)",
     req("Content-Length: 24", *GOOD) + b"GET /admin HTTP/1.1\r\n\r\n", 400),
    ("smuggled body (chunked)",
     req("Transfer-Encoding: chunked", *GOOD) + b"5\r\nhello\r\n0\r\n\r\n", 400),
    ("Transfer-Encoding and Content-Length",
     req("Transfer-Encoding: chunked", "Content-Length: 5", *GOOD) + b"0\r\n\r\n", 400),
    ("two Content-Length values", req("Content-Length: 0", "Content-Length: 5", *GOOD), 400),
    ("obs-fold", req("X-A: 1", " folded", *GOOD), 400),
    ("bare LF", b"GET / HTTP/1.1\nHost: a\n\n", 400),
    ("space before colon", req("Upgrade : websocket", *without("Upgrade")), 400),
    ("NUL in a field", req("X-A: a\x00b", *GOOD), 400),
    ("bad protocol list", req("Sec-WebSocket-Protocol: a b", *GOOD), 400),
    ("bad extension list", req("Sec-WebSocket-Extensions: ;=", *GOOD), 400),
]


def read_response(s, timeout=10):
    """Everything the server sends until it closes (or the timeout)."""
    s.settimeout(timeout)
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        except ConnectionResetError:
            return data, True
        if not chunk:
            return data, True
        data += chunk
    return data, False


def status_of(data):
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split(" ")
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.1"):
        return None, line
    return int(parts[1]), line


def masked_frame(opcode, payload):
    mask = os.urandom(4)
    n = len(payload)
    head = bytes([0x80 | opcode])
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack("!H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack("!Q", n)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def normal_client(port):
    """A correct handshake and one echoed message: the server still serves."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(req(*GOOD) + masked_frame(1, b"still alive"))
    data = b""
    while b"still alive" not in data:
        chunk = s.recv(65536)
        if not chunk:
            fail("server closed a normal connection: %r" % data)
        data += chunk
    if not data.startswith(b"HTTP/1.1 101 ") or ("Sec-WebSocket-Accept: " + ACCEPT).encode() \
            not in data:
        fail("bad 101: %r" % data)
    s.sendall(masked_frame(8, struct.pack("!H", 1000)))
    rest, closed = read_response(s)
    if not closed or rest[:1] != b"\x88" or rest[2:4] != b"\x03\xe8":
        fail("close handshake: %r closed=%s" % (rest, closed))
    s.close()


def main():
    srv = Server(sys.argv[1])
    try:
        base = srv.stats()
        # a client that never finishes its request, held open throughout
        stalled = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        stalled.sendall(b"GET / HTTP/1.1\r\nHost: a\r\n")
        for name, data, want in CASES:
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass
            resp, closed = read_response(s)
            s.close()
            got, line = status_of(resp)
            if got != want:
                fail("%s: got %r, want %d" % (name, line, want))
            if not closed:
                fail("%s: connection left open after the %d" % (name, got))
            if want == 426 and b"\r\nSec-WebSocket-Version: 13\r\n" not in resp:
                fail("426 without Sec-WebSocket-Version: 13")
            normal_client(srv.port)
            print("%-40s -> %d, closed, server still serving" % (name, got))
        # request then non-frame bytes (a pipelined second request): the
        # bytes after the head are frames, so this is a protocol error (1002)
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        s.sendall(req(*GOOD) + b"GET /admin HTTP/1.1\r\nHost: a\r\n\r\n")
        resp, closed = read_response(s)
        s.close()
        i = resp.find(b"\r\n\r\n")
        if not resp.startswith(b"HTTP/1.1 101 ") or i < 0 or \
                resp[i + 4] != 0x88 or resp[i + 6:i + 8] != b"\x03\xea" or not closed:
            fail("pipelined request after the upgrade: %r" % resp)
        print("%-40s -> 101, then Close 1002" % "pipelined request after upgrade")
        # a connection that closes at once, and one that sends half a head
        socket.create_connection(("127.0.0.1", srv.port), timeout=10).close()
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        s.sendall(b"GET / HT")
        s.close()
        normal_client(srv.port)
        stalled.close()
        # every connection gone: the library's memory is back to the baseline
        deadline = time.monotonic() + 10
        while True:
            st = srv.stats()
            if st["conns"] == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        if st["conns"] != 0 or st["bytes"] != base["bytes"]:
            fail("after all connections closed: %r (baseline %r)" % (st, base))
        print("memory back to baseline: %r" % st)
    finally:
        srv.stop()
    print("PASS")


if __name__ == "__main__":
    main()
