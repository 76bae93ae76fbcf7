#!/usr/bin/env python3
"""Concurrency check: 200 concurrent clients (python3-websockets) each
exchange 100 messages with one ws_echo_server.

  test_concurrency.py ECHO_SERVER [CLIENTS] [MESSAGES]

Every client opens its connection, waits until all others are open (so all
200 are live at once), pipelines its 100 messages (text and binary, sizes
0..2000, each tagged with client and sequence number) and then reads the
echoes: each must come back intact and in order. The server's memory (its
counting allocator's live bytes, from the SIGUSR1 stats line) is sampled
before, while all connections are open, and after they closed: it must be
back at the baseline exactly. VmRSS is reported as a secondary figure and
must not have grown by more than 64 MiB.
"""
import asyncio
import random
import sys
import time

from wsinterop import Server, fail, need_websockets

need_websockets()
import websockets  # noqa: E402

CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 200
MESSAGES = int(sys.argv[3]) if len(sys.argv) > 3 else 100


def messages(cid):
    rnd = random.Random(cid)
    out = []
    for seq in range(MESSAGES):
        tag = "%d:%d:" % (cid, seq)
        n = rnd.randrange(0, 2000)
        if rnd.random() < 0.5:
            out.append(tag + "".join(rnd.choice("abcdéκ😀") for _ in range(n // 4)))
        else:
            out.append(tag.encode() + rnd.randbytes(n))
    return out


async def client(url, cid, all_open, opened, counter):
    async with websockets.connect(url, max_size=None, compression=None,
                                  open_timeout=60, close_timeout=30) as ws:
        counter[0] += 1
        if counter[0] == CLIENTS:
            all_open.set()
        await asyncio.wait_for(all_open.wait(), 60)
        await opened.wait()  # the stats sample with every connection open
        msgs = messages(cid)
        for m in msgs:
            await ws.send(m)
        for seq, want in enumerate(msgs):
            got = await asyncio.wait_for(ws.recv(), 60)
            if got != want:
                fail("client %d message %d: echo differs or out of order" % (cid, seq))
    return cid


async def main():
    srv = Server(sys.argv[1])
    try:
        base = srv.stats()
        rss0 = srv.vmrss_kib()
        all_open = asyncio.Event()
        opened = asyncio.Event()
        counter = [0]
        t0 = time.monotonic()
        tasks = [asyncio.create_task(client(srv.url + "/c%d" % i, i, all_open, opened, counter))
                 for i in range(CLIENTS)]
        await asyncio.wait_for(all_open.wait(), 60)
        during = srv.stats()
        if during["conns"] != CLIENTS:
            fail("expected %d live connections, server has %r" % (CLIENTS, during))
        opened.set()
        done = await asyncio.wait_for(asyncio.gather(*tasks), 120)
        if sorted(done) != list(range(CLIENTS)):
            fail("not every client finished")
        elapsed = time.monotonic() - t0
        deadline = time.monotonic() + 10
        while True:
            after = srv.stats()
            if after["conns"] == 0 or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
        rss1 = srv.vmrss_kib()
        print("%d clients x %d messages echoed intact and in order in %.1f s"
              % (CLIENTS, MESSAGES, elapsed))
        print("library memory: baseline %d B, with %d connections %d B (%.0f B each), after %d B"
              % (base["bytes"], during["conns"], during["bytes"],
                 (during["bytes"] - base["bytes"]) / max(1, during["conns"]), after["bytes"]))
        print("VmRSS: before %d KiB, after %d KiB" % (rss0, rss1))
        if after["conns"] != 0 or after["bytes"] != base["bytes"] or \
                after["blocks"] != base["blocks"]:
            fail("server memory did not return to its baseline: %r vs %r" % (after, base))
        if during["bytes"] <= base["bytes"]:
            fail("memory sample while connected shows nothing: %r" % during)
        if rss1 - rss0 > 64 * 1024:
            fail("VmRSS grew by %d KiB" % (rss1 - rss0))
    finally:
        srv.stop()
    print("PASS")


if __name__ == "__main__":
    asyncio.run(main())
