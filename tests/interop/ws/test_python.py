#!/usr/bin/env python3
"""Interop with Debian's python3-websockets (10.x, asyncio API).

  test_python.py client ECHO_SERVER   websockets as client of ws_echo_server
  test_python.py server WS_CLIENT     websockets as server for ws_client

Both directions run the same message matrix (wsinterop.message_matrix):
text, UTF-8 text, empty, 125/126/65535/65536-byte, 4 MiB, fragmented;
ping/pong; each side closing first with a code and a reason.
"""
import asyncio
import http
import subprocess
import sys

from wsinterop import Server, fail, joined, message_matrix, need_websockets

need_websockets()
import websockets  # noqa: E402

TIMEOUT = 60


async def exchange(ws, name, msg):
    await ws.send(msg if not isinstance(msg, list) else iter(msg))
    got = await asyncio.wait_for(ws.recv(), TIMEOUT)
    want = joined(msg)
    if type(got) is not type(want) or got != want:
        fail("%s: echo differs (got %s of %d, want %s of %d)"
             % (name, type(got).__name__, len(got), type(want).__name__, len(want)))


async def run_client(binary):
    srv = Server(binary, "--protocols", "v2.echo, echo")
    try:
        # the matrix, with a subprotocol negotiated
        async with websockets.connect(srv.url + "/matrix?x=1", max_size=None,
                                      subprotocols=["echo", "other"], compression=None) as ws:
            if ws.subprotocol != "echo":
                fail("subprotocol %r" % ws.subprotocol)
            for name, msg in message_matrix():
                await exchange(ws, name, msg)
                print("python client -> ws_echo_server: %s ok" % name)
            pong = await ws.ping(b"ping-data")
            await asyncio.wait_for(pong, TIMEOUT)
            print("python client -> ws_echo_server: ping/pong ok")
            # the client closes first, with a code and a reason
            await ws.close(4001, "client bye")
            # the engine echoes the status code (RFC 6455 section 5.5.1), not the reason
            if ws.close_code != 4001:
                fail("close echo: %r %r" % (ws.close_code, ws.close_reason))
            print("python client -> ws_echo_server: client-first close 4001 ok")
        # permessage-deflate offered (websockets' default): must be declined
        async with websockets.connect(srv.url, max_size=None) as ws:
            if ws.extensions:
                fail("an extension was accepted: %r" % ws.extensions)
            await exchange(ws, "after-deflate-offer", "plain")
        # the server closes first (SIGTERM: Close 1001 "shutdown")
        ws = await websockets.connect(srv.url, max_size=None)
        await exchange(ws, "before-shutdown", b"x")
        srv.proc.send_signal(15)
        try:
            await asyncio.wait_for(ws.recv(), TIMEOUT)
            fail("message after shutdown")
        except websockets.ConnectionClosedOK:
            pass
        if ws.close_code != 1001 or ws.close_reason != "shutdown":
            fail("server-first close: %r %r" % (ws.close_code, ws.close_reason))
        print("python client -> ws_echo_server: server-first close 1001 ok")
    finally:
        srv.stop()


async def run_server(binary):
    results = {}

    async def handler(ws, path):
        mode = path.strip("/")
        try:
            if mode == "echo":
                # ws_client --echo: the matrix, a ping, then we close first
                for name, msg in message_matrix():
                    await exchange(ws, name, msg)
                    print("ws_client -> python server: %s ok" % name)
                pong = await ws.ping(b"ping-data")
                await asyncio.wait_for(pong, TIMEOUT)
                await ws.close(4000, "server done")
                results[mode] = "ok"
            elif mode == "lines":
                # ws_client reading stdin: it sends two lines, then closes first
                await ws.send("welcome")
                got = [await asyncio.wait_for(ws.recv(), TIMEOUT) for _ in range(2)]
                if got != ["line one", "zwei ünïcödé"]:
                    fail("lines: %r" % got)
                try:
                    await asyncio.wait_for(ws.recv(), TIMEOUT)
                except websockets.ConnectionClosedOK:
                    pass
                if ws.close_code != 1000:
                    fail("client close code %r" % ws.close_code)
                results[mode] = "ok"
        except Exception as e:  # reported by the checks below
            results[mode] = repr(e)

    async def refuse(path, headers):
        if path == "/forbidden":
            return http.HTTPStatus.FORBIDDEN, [], b"no\n"
        return None

    async with websockets.serve(handler, "127.0.0.1", 0, max_size=None,
                                process_request=refuse, compression=None) as server:
        port = server.sockets[0].getsockname()[1]
        url = "ws://127.0.0.1:%d" % port

        async def run(args, stdin=b""):
            p = await asyncio.create_subprocess_exec(
                binary, *args, stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
            out, err = await asyncio.wait_for(p.communicate(stdin), TIMEOUT * 2)
            # the handler may still be finishing its checks after the client left
            mode = args[-1].rsplit("/", 1)[-1]
            for _ in range(100):
                if mode in results or mode == "forbidden":
                    break
                await asyncio.sleep(0.05)
            return p.returncode, out.decode(), err.decode()

        rc, out, err = await run(["--echo", url + "/echo"])
        if results.get("echo") != "ok" or rc != 1 or "code=4000" not in err:
            fail("echo mode: rc=%d result=%r stderr=%r" % (rc, results.get("echo"), err))
        print("ws_client -> python server: ping/pong, server-first close 4000 ok (exit 1)")
        rc, out, err = await run([url + "/lines"], "line one\nzwei ünïcödé\n".encode())
        if results.get("lines") != "ok" or rc != 0 or out != "welcome\n":
            fail("lines mode: rc=%d result=%r out=%r err=%r"
                 % (rc, results.get("lines"), out, err))
        print("ws_client -> python server: stdin lines, client-first close 1000 ok (exit 0)")
        rc, out, err = await run([url + "/forbidden"])
        if rc != 3 or "403" not in err:
            fail("refused handshake: rc=%d err=%r" % (rc, err))
        print("ws_client -> python server: 403 refusal gives exit 3 ok")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("client", "server"):
        print(__doc__)
        sys.exit(2)
    asyncio.run(run_client(sys.argv[2]) if sys.argv[1] == "client" else run_server(sys.argv[2]))
    print("PASS")


if __name__ == "__main__":
    main()
