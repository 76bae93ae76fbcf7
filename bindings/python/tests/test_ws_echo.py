#!/usr/bin/env python3
"""The binding's WebSocket over real sockets (127.0.0.1 only).

  test_ws_echo.py client WS_ECHO_SERVER   Python client (hooksock.Session)
                                          against the C example server
  test_ws_echo.py server WS_CLIENT        the C example client against a
                                          Python server (hooksock.Session)
"""
import os
import select
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import hooksock  # noqa: E402

DEADLINE = 30.0


def pump(sess, sock, until, deadline):
    """Send what sess queued, feed what arrives, until until(events) is true."""
    events = []
    while not until(events):
        if time.monotonic() > deadline:
            raise SystemExit("FAIL: timeout; events so far: %r" % events[:5])
        out = sess.data_to_send()
        if out:
            sock.sendall(out)
        r, _, _ = select.select([sock], [], [], 0.2)
        if r:
            data = sock.recv(65536)
            if not data:
                events += sess.feed_eof()
                events.append(("eof",))
                break
            events += sess.feed(data)
    out = sess.data_to_send()
    if out:
        sock.sendall(out)
    return events


def client(server_exe):
    srv = subprocess.Popen([server_exe, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        line = srv.stdout.readline().strip()
        assert line.startswith("listening on "), line
        hostport = line.split()[-1]
        host, port = hostport.rsplit(":", 1)
        deadline = time.monotonic() + DEADLINE
        sock = socket.create_connection((host, int(port)), timeout=10)
        sess = hooksock.Session.client("ws://%s/echo" % hostport)
        pump(sess, sock, lambda ev: sess.open, deadline)
        assert sess.http_status == 101
        msgs = [("text", "hello"), ("text", "ünïcødé ✓"), ("binary", bytes(range(256))),
                ("text", "x" * 125), ("text", "y" * 126), ("binary", b"\xaa" * 70000),
                ("text", ""), ("binary", b"")]
        for kind, m in msgs:
            (sess.send_text if kind == "text" else sess.send_binary)(m)
        sess.ping(b"are you there")
        ev = pump(sess, sock, lambda ev: len([e for e in ev if e[0] != "pong"]) >= len(msgs)
                  and any(e[0] == "pong" for e in ev), deadline)
        got = [e for e in ev if e[0] in ("text", "binary")]
        assert got == msgs, "echo mismatch: %r" % [(k, len(v)) for k, v in got]
        assert ("pong", b"are you there") in ev, ev
        sess.close(1000, "bye")
        ev = pump(sess, sock, lambda ev: any(e[0] == "close" for e in ev), deadline)
        closes = [e for e in ev if e[0] == "close"]
        assert closes and closes[0][1] == 1000, ev
        assert sess.state == hooksock.STATE_CLOSED, sess.state
        sock.close()
        print("ok: Python client (binding) <-> ws_echo_server: %d messages, ping, close"
              % len(msgs))
    finally:
        srv.terminate()
        srv.wait(timeout=10)


def server(client_exe):
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(1)
    port = ls.getsockname()[1]
    cli = subprocess.Popen([client_exe, "ws://127.0.0.1:%d/py" % port], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True)
    try:
        cli.stdin.write("hello\nsecond line ✓\n")
        cli.stdin.close()
        ls.settimeout(10)
        sock, _ = ls.accept()
        deadline = time.monotonic() + DEADLINE
        sess = hooksock.Session.server()
        seen = []

        def echo(conn, e):
            seen.append(e)
            conn.send_text(e[1]) if e[0] == "text" else conn.send_binary(e[1])
        sess.on_message = echo
        ev = pump(sess, sock, lambda ev: any(e[0] in ("close", "eof") for e in ev), deadline)
        pump(sess, sock, lambda ev: sess.state == hooksock.STATE_CLOSED, deadline)
        sock.close()
        cli.wait(timeout=10)
        out = cli.stdout.read()
        assert seen == [("text", "hello"), ("text", "second line ✓")], seen
        assert [e for e in ev if e[0] == "close"][0][1] == 1000, ev
        assert out.splitlines() == ["hello", "second line ✓"], out
        assert cli.returncode == 0, cli.returncode
        print("ok: ws_client <-> Python server (binding): 2 messages echoed, close 1000")
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.wait()


if __name__ == "__main__":
    {"client": client, "server": server}[sys.argv[1]](sys.argv[2])
