"""Helpers shared by the WebSocket interop tests (Python side).

Everything runs on 127.0.0.1 only, on ports chosen by the kernel (the
servers bind port 0 and print the port), with every wait bounded.
"""
import os
import random
import re
import signal
import subprocess
import sys
import time

SKIP = 77  # meson's "skipped" exit code


def fail(msg):
    print("FAIL: " + msg, flush=True)
    sys.exit(1)


def skip(msg):
    print("SKIP: " + msg, flush=True)
    sys.exit(SKIP)


def need_websockets():
    try:
        import websockets  # noqa: F401
    except ImportError:
        skip("python3-websockets is not installed (apt-get install python3-websockets)")


def message_matrix(seed=6455):
    """(name, message) pairs every peer exchanges in both directions.

    A message is str (text), bytes (binary) or a list of str/bytes pieces
    (to be sent as a fragmented message; the expected echo is their join).
    """
    rnd = random.Random(seed)

    def blob(n):
        return bytes(rnd.getrandbits(8) for _ in range(n)) if n < 70000 else rnd.randbytes(n)

    return [
        ("text", "hello"),
        ("text-utf8", "κόσμε \U0001F600 ünïcödé"),
        ("text-empty", ""),
        ("binary-empty", b""),
        ("binary-125", blob(125)),
        ("binary-126", blob(126)),
        ("binary-65535", blob(65535)),
        ("binary-65536", blob(65536)),
        ("text-65536", "x" * 65536),
        ("binary-4MiB", blob(4 << 20)),
        ("text-4MiB", "é" * (2 << 20)),
        ("text-fragmented", ["frag", "mented ", "κό", "", "σμε"]),
        ("binary-fragmented", [blob(10), blob(0), blob(70000), blob(1)]),
    ]


def joined(msg):
    if isinstance(msg, list):
        return type(msg[0])().join(msg)
    return msg


class Server:
    """ws_echo_server as a child process."""

    def __init__(self, binary, *args):
        self.proc = subprocess.Popen([binary, "--host", "127.0.0.1", "--port", "0", "--stats"]
                                     + list(args), stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.match(r"listening on 127\.0\.0\.1:(\d+)", line)
        if not m:
            self.proc.kill()
            fail("ws_echo_server did not start: %r" % line)
        self.port = int(m.group(1))
        self.url = "ws://127.0.0.1:%d" % self.port

    def stats(self, timeout=10):
        """Ask for a stats line (SIGUSR1) and parse it into a dict."""
        self.proc.send_signal(signal.SIGUSR1)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                fail("ws_echo_server exited")
            if line.startswith("stats "):
                return {k: int(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
        fail("no stats line")

    def vmrss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self):
        """SIGTERM; the server must exit 0 within 10 s with no library memory held."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            out, _ = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail("ws_echo_server did not stop on SIGTERM")
        if self.proc.returncode != 0:
            fail("ws_echo_server exit status %d" % self.proc.returncode)
        last = [l for l in out.splitlines() if l.startswith("stats ")]
        if last and " bytes=0 " not in last[-1]:
            fail("memory held at shutdown: " + last[-1])
        return out


def env_timeout(default):
    return float(os.environ.get("HK_INTEROP_TIMEOUT", default))
