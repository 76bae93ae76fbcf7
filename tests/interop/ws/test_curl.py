#!/usr/bin/env python3
"""Interop with curl's WebSocket support, when the installed curl has it.

  test_curl.py ECHO_SERVER

curl lists "ws" among its Protocols only when built with WebSocket support
(experimental before curl 8.11; Debian 12's 7.88.1 lacks it). Without it the
test prints the reason and exits 77 (skipped). With it: curl performs the
opening handshake against ws_echo_server (101 expected, the connection then
held open until curl's --max-time), and a plain HTTP GET from curl gets the
server's 400 refusal.
"""
import shutil
import subprocess
import sys

from wsinterop import Server, fail, skip

curl = shutil.which("curl")
if curl is None:
    skip("curl is not installed")
ver = subprocess.run([curl, "--version"], capture_output=True, text=True).stdout
protocols = next((l.split(":", 1)[1].split() for l in ver.splitlines()
                  if l.startswith("Protocols:")), [])
if "ws" not in protocols:
    skip("this curl (%s) was built without WebSocket support: no 'ws' in its Protocols line"
         % ver.split()[1])

srv = Server(sys.argv[1])
try:
    r = subprocess.run([curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2",
                        srv.url + "/"], capture_output=True, text=True, timeout=30)
    if r.stdout.strip() != "101":
        fail("curl ws:// handshake: status %r (curl exit %d)" % (r.stdout, r.returncode))
    print("curl ws:// -> ws_echo_server: 101 ok")
    r = subprocess.run([curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                        "http://127.0.0.1:%d/" % srv.port],
                       capture_output=True, text=True, timeout=30)
    if r.stdout.strip() != "400":
        fail("plain GET: status %r" % r.stdout)
    print("curl http:// -> ws_echo_server: 400 ok")
finally:
    srv.stop()
print("PASS")
