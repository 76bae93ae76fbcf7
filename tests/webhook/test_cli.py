#!/usr/bin/env python3
"""hk-webhook command-line contract and an end-to-end send/serve test over
loopback (127.0.0.1, ephemeral ports, bounded time).

Usage: test_cli.py /path/to/hk-webhook

The flaky receiver used for the retry test is written here in Python and
verifies signatures with Python's hmac module, independently of hooksock.
"""
import base64
import hashlib
import hmac
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

HK = sys.argv[1]
KAT_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
KAT_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
KAT_TS = 1614265330
KAT_BODY = b'{"test": 2432232314}'
KAT_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
# Svix's v1a known answer (svix/svix-webhooks server/svix-server/src/worker.rs,
# test_asymmetric_key_signing): same id, timestamp and body as the v1 one.
V1A_SK = "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg=="
V1A_PK = "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4="
V1A_SIG = "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg=="

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(args, stdin=b"", timeout=30):
    p = subprocess.run([HK] + args, input=stdin, capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def verify_args(secret=KAT_SECRET, id_=KAT_ID, ts=str(KAT_TS), sig=KAT_SIG, now=KAT_TS):
    a = ["verify", "--secret", secret, "--id", id_, "--timestamp", ts, "--signature", sig]
    if now is not None:
        a += ["--now", str(now)]
    return a


# ---- sign / verify ----------------------------------------------------------

rc, out, err = run(["sign", "--secret", KAT_SECRET, "--id", KAT_ID, "--timestamp", str(KAT_TS)],
                   KAT_BODY)
check(rc == 0 and out == KAT_SIG + "\n", "sign KAT from stdin: %r %r" % (out, err))
with tempfile.NamedTemporaryFile(delete=False) as f:
    f.write(KAT_BODY)
    body_path = f.name
rc, out, _ = run(["sign", "--secret", KAT_SECRET, "--id", KAT_ID, "--timestamp", str(KAT_TS),
                  body_path])
check(rc == 0 and out == KAT_SIG + "\n", "sign KAT from FILE")
rc, out, _ = run(["sign", "--secret", KAT_SECRET, "--id", KAT_ID, "--timestamp", str(KAT_TS), "-"],
                 KAT_BODY)
check(rc == 0 and out == KAT_SIG + "\n", "sign KAT from -")

rc, out, _ = run(verify_args(), KAT_BODY)
check(rc == 0 and out == "ok\n", "verify KAT: %r" % out)
rc, out, _ = run(verify_args() + [body_path])
check(rc == 0 and out == "ok\n", "verify KAT from FILE")

reasons = [
    (verify_args(now=KAT_TS + 300), 0, "ok"),
    (verify_args(now=KAT_TS - 300), 0, "ok"),
    (verify_args(now=KAT_TS + 301), 1, "webhook: timestamp too old"),
    (verify_args(now=KAT_TS - 301), 1, "webhook: timestamp too new"),
    (verify_args(now=KAT_TS + 400) + ["--tolerance", "400"], 0, "ok"),
    (verify_args(now=KAT_TS + 401) + ["--tolerance", "400"], 1, "webhook: timestamp too old"),
    (verify_args(ts="hello"), 1, "webhook: malformed timestamp"),
    (verify_args(ts="-1614265330"), 1, "webhook: malformed timestamp"),
    (verify_args(sig="v1,g0hM9"), 1, "webhook: malformed signature header"),
    (verify_args(sig="v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="), 1,
     "webhook: no matching signature"),
    (verify_args(sig="v2,abc " + KAT_SIG), 0, "ok"),
    (verify_args(sig=""), 1, "webhook: missing header"),
    (verify_args(id_="msg x"), 1, "webhook: malformed message id"),
    (verify_args(secret="whsec_c2hvcnQ="), 1, "webhook: malformed or short secret"),
    (verify_args(secret="whsec_not base64!!"), 1, "webhook: malformed or short secret"),
    (verify_args(secret="whsec_") , 1, "webhook: malformed or short secret"),
    # rotation on the receiver side: a wrong secret then the right one
    (verify_args() + ["--secret", "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"], 0, "ok"),
]
for args, want_rc, want_out in reasons:
    rc, out, _ = run(args, KAT_BODY)
    check(rc == want_rc and out == want_out + "\n",
          "%s -> %d %r (want %d %r)" % (args, rc, out, want_rc, want_out))
rc, out, _ = run(verify_args(), KAT_BODY + b"\n")
check(rc == 1 and out == "webhook: no matching signature\n", "verify tampered body")
# no --now: the real clock; the KAT is years old
rc, out, _ = run(verify_args(now=None), KAT_BODY)
check(rc == 1 and out == "webhook: timestamp too old\n", "verify with the real clock")

# rotation on the sender side
rc, out, _ = run(["sign", "--secret", "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", "--secret",
                  KAT_SECRET, "--id", KAT_ID, "--timestamp", str(KAT_TS)], KAT_BODY)
sigs = out.strip().split(" ")
check(rc == 0 and len(sigs) == 2 and sigs[1] == KAT_SIG, "sign with two secrets: %r" % out)
rc, out, _ = run(verify_args(sig=out.strip()), KAT_BODY)
check(rc == 0, "verify a two-entry header")

# usage errors: exit 2, one line on stderr, nothing on stdout
usage_cases = [
    [],
    ["frobnicate"],
    ["sign"],
    ["sign", "--secret", KAT_SECRET, "--id", KAT_ID],
    ["sign", "--secret", KAT_SECRET, "--id", KAT_ID, "--timestamp", "12x"],
    ["sign", "--secret", KAT_SECRET, "--id", KAT_ID, "--timestamp", "1", "a", "b"],
    ["verify", "--secret", KAT_SECRET, "--id", KAT_ID, "--timestamp", "1"],
    verify_args() + ["--now", "yesterday"],
    verify_args() + ["--tolerance", "-5"],
    verify_args() + ["--bogus"],
    verify_args() + ["--id", "again"],
    ["verify", "--secret"],
    ["provider-sign", "--provider", "nope", "--secret", "s"],
    ["provider-sign", "--secret", "s"],
    ["provider-sign", "--provider", "twilio", "--secret", "s"],
    ["provider-verify", "--provider", "github", "--secret", "s", "--header", "NoColon"],
    ["keygen", "extra"],
    ["send", "--secret", KAT_SECRET],
    ["send", "http://127.0.0.1:1/", "--secret", KAT_SECRET, "--schedule", "0,,5"],
    ["send", "http://127.0.0.1:1/", "--secret", KAT_SECRET, "--schedule", "-5"],
    ["send", "not a url", "--secret", KAT_SECRET],
    ["send", "https://127.0.0.1:1/", "--secret", KAT_SECRET],
    ["serve", "--secret", KAT_SECRET],
    ["serve", "--port", "70000", "--secret", KAT_SECRET],
    ["serve", "--port", "0", "--secret", KAT_SECRET, "--fail-first", "x"],
    ["keygen", "--ed25519", "extra"],
    ["keygen", "--rsa"],
    ["sign", "--id", KAT_ID, "--timestamp", "1"],
    ["sign", "--key", V1A_SK, "--id", KAT_ID, "--timestamp", "1", "--public-key", V1A_PK],
    ["verify", "--id", KAT_ID, "--timestamp", "1", "--signature", V1A_SIG],
    ["verify", "--key", V1A_SK, "--id", KAT_ID, "--timestamp", "1", "--signature", V1A_SIG],
    ["verify", "--public-key"],
    ["serve", "--port", "0"],
    ["send", "http://127.0.0.1:1/", "--public-key", V1A_PK],
]
for args in usage_cases:
    rc, out, err = run(args, b"")
    check(rc == 2 and out == "" and err.count("\n") == 1 and err.startswith("hk-webhook"),
          "usage error %s -> %d %r %r" % (args, rc, out, err))

# keygen
rc, out, _ = run(["keygen"])
check(rc == 0 and re.fullmatch(r"whsec_[A-Za-z0-9+/]{43}=\n", out) is not None, "keygen: %r" % out)
raw = base64.b64decode(out.strip()[6:], validate=True)
check(len(raw) == 32, "keygen secret is 32 bytes")
rc2, out2, _ = run(["keygen"])
check(out2 != out, "keygen twice gives two secrets")
gen = out.strip()
rc, sig, _ = run(["sign", "--secret", gen, "--id", "msg_1", "--timestamp", "1700000000"], b"{}")
mac = base64.b64encode(hmac.new(raw, b"msg_1.1700000000.{}", hashlib.sha256).digest()).decode()
check(sig.strip() == "v1," + mac, "a keygen secret signs as Python computes")

# ---- v1a: --key, --public-key, keygen --ed25519 -------------------------------

def sign_args(*keys):
    a = ["sign"]
    for k in keys:
        a += ["--key" if k.startswith("whsk_") else "--secret", k]
    return a + ["--id", KAT_ID, "--timestamp", str(KAT_TS)]


def verify_keys(sig, *keys, now=KAT_TS):
    a = ["verify"]
    for k in keys:
        a += ["--public-key" if k.startswith("whpk_") else "--secret", k]
    return a + ["--id", KAT_ID, "--timestamp", str(KAT_TS), "--signature", sig, "--now", str(now)]


rc, out, err = run(sign_args(V1A_SK), KAT_BODY)
check(rc == 0 and out == V1A_SIG + "\n", "sign --key KAT: %r %r" % (out, err))
# with --secret: all entries in one value, the --secret ones first
rc, out, err = run(["sign", "--key", V1A_SK, "--secret", KAT_SECRET, "--id", KAT_ID, "--timestamp",
                    str(KAT_TS)], KAT_BODY)
check(rc == 0 and out == KAT_SIG + " " + V1A_SIG + "\n", "sign --secret --key: %r %r" % (out, err))
mixed = out.strip()
rc, out, _ = run(verify_keys(V1A_SIG, V1A_PK), KAT_BODY)
check(rc == 0 and out == "ok\n", "verify --public-key KAT: %r" % out)
rc, out, _ = run(verify_keys(mixed, V1A_PK), KAT_BODY)
check(rc == 0 and out == "ok\n", "verify --public-key, mixed header: %r" % out)
rc, out, _ = run(verify_keys(mixed, KAT_SECRET), KAT_BODY)
check(rc == 0 and out == "ok\n", "verify --secret, mixed header: %r" % out)
rc, out, _ = run(verify_keys(V1A_SIG, KAT_SECRET, V1A_PK), KAT_BODY)
check(rc == 0 and out == "ok\n", "verify --secret --public-key: %r" % out)
rc, out, _ = run(verify_keys(V1A_SIG, KAT_SECRET), KAT_BODY)
check(rc == 1 and out == "webhook: no matching signature\n", "v1a entry, HMAC key only: %r" % out)
rc, out, _ = run(verify_keys(V1A_SIG, V1A_PK), KAT_BODY + b" ")
check(rc == 1 and out == "webhook: no matching signature\n", "v1a tampered body: %r" % out)
rc, out, _ = run(verify_keys(V1A_SIG, V1A_PK, now=KAT_TS + 301), KAT_BODY)
check(rc == 1 and out == "webhook: timestamp too old\n", "v1a too old: %r" % out)
# key errors: exit 1 with the reason (verify on stdout, sign on stderr)
for key, reason in [("whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4", "key: malformed key"),
                    ("whpk_AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "key: malformed key"),
                    (KAT_SECRET, "key: malformed key")]:
    rc, out, _ = run(["verify", "--public-key", key, "--id", KAT_ID, "--timestamp", str(KAT_TS),
                      "--signature", V1A_SIG, "--now", str(KAT_TS)], KAT_BODY)
    check(rc == 1 and out == reason + "\n", "verify --public-key %s: %r" % (key, out))
bad_sk = V1A_SK[:60] + ("A" if V1A_SK[60] != "A" else "B") + V1A_SK[61:]
for key, reason in [(bad_sk, "key: public half does not match the seed"),
                    (V1A_SK[:-2], "key: malformed key"), (V1A_PK, "key: malformed key")]:
    rc, out, err = run(["sign", "--key", key, "--id", KAT_ID, "--timestamp", "1"], b"{}")
    check(rc == 1 and out == "" and err == "hk-webhook sign: %s\n" % reason,
          "sign --key %s: %r %r" % (key, out, err))
# a whsk_ or whpk_ string is not a --secret (the contract of --secret stays)
rc, out, err = run(["sign", "--secret", V1A_SK, "--id", KAT_ID, "--timestamp", "1"], b"{}")
check(rc == 1 and err == "hk-webhook sign: webhook: malformed or short secret\n", "--secret whsk_: %r" % err)
# keygen --ed25519: whsk_ then whpk_, a working pair
rc, out, _ = run(["keygen", "--ed25519"])
lines = out.splitlines()
check(rc == 0 and len(lines) == 2 and re.fullmatch(r"whsk_[A-Za-z0-9+/]{86}==", lines[0]) is not None
      and re.fullmatch(r"whpk_[A-Za-z0-9+/]{43}=", lines[1]) is not None, "keygen --ed25519: %r" % out)
if len(lines) == 2:
    skraw = base64.b64decode(lines[0][5:], validate=True)
    check(len(skraw) == 64 and skraw[32:] == base64.b64decode(lines[1][5:]), "whsk_ = seed || whpk_")
    rc, sig, _ = run(["sign", "--key", lines[0], "--id", "msg_1", "--timestamp", "1700000000"], b"{}")
    rc, out, _ = run(["verify", "--public-key", lines[1], "--id", "msg_1", "--timestamp", "1700000000",
                      "--signature", sig.strip(), "--now", "1700000000"], b"{}")
    check(rc == 0 and out == "ok\n", "keygen --ed25519 pair signs and verifies: %r" % out)
    check(run(["keygen", "--ed25519"])[1] != out, "keygen --ed25519 twice gives two pairs")

# ---- provider-sign / provider-verify ------------------------------------------


def headers_of(out):
    return [l for l in out.splitlines() if l]


# GitHub's documented example
rc, out, _ = run(["provider-sign", "--provider", "github", "--secret", "It's a Secret to Everybody"],
                 b"Hello, World!")
check(out == "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\n",
      "github provider-sign: %r" % out)
# Slack's documented example
slack_body = (b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
              b"G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
              b"collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
              b"%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
rc, out, _ = run(["provider-verify", "--provider", "slack", "--secret", "8f742231b10e8888abcd99yyyzzz85a5",
                  "--header", "X-Slack-Request-Timestamp: 1531420618", "--header",
                  "X-Slack-Signature: v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                  "--now", "1531420618"], slack_body)
check(rc == 0 and out == "ok\n", "slack provider-verify: %r" % out)
# Twilio JSON: the signed URL is reported on stderr
rc, out, err = run(["provider-sign", "--provider", "twilio", "--secret", "12345", "--url",
                    "https://mycompany.com/myapp.php?foo=1&bar=2", "--json"],
                   b'{"property": "value", "boolean": true}')
check(out == "X-Twilio-Signature: a9nBmqA0ju/hNViExpshrM61xv4=\n" and "bodySHA256=0a1ff7634d9a" in err,
      "twilio --json: %r %r" % (out, err))

now = int(time.time())
for prov in ["standard", "svix", "stripe", "github", "slack", "shopify", "twilio", "zoom", "paddle",
             "generic"]:
    secret = KAT_SECRET
    extra = ["--url", "https://example.com/hook?a=1"]
    body = b"From=%2B15551234567&Body=hello+world" if prov == "twilio" else b'{"k":"v\xc3\xa9"}'
    rc, out, err = run(["provider-sign", "--provider", prov, "--secret", secret, "--timestamp", str(now),
                        "--id", "msg_42"] + extra, body)
    hs = headers_of(out)
    check(rc == 0 and 1 <= len(hs) <= 3, "%s provider-sign: %r %r" % (prov, out, err))
    args = ["provider-verify", "--provider", prov, "--secret", secret, "--now", str(now)] + extra
    for h in hs:
        args += ["--header", h]
    rc, out, _ = run(args, body)
    check(rc == 0 and out == "ok\n", "%s provider round trip: %r" % (prov, out))
    rc, out, _ = run(args, body + b"x")
    check(rc == 1 and out == "webhook: no matching signature\n", "%s tampered: %r" % (prov, out))
    rc, out, _ = run(args[:-2] if len(hs) else args, body)
    check(rc == 1, "%s with a header missing: %r" % (prov, out))
# Discord: sign with the private key (seed hex or whsk_), verify with the public key as the
# Developer Portal shows it (hex); RFC 8032 TEST 1 key pair
D_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
D_PK = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
d_body = b'{"type":1,"id":"123"}'
rc, out, err = run(["provider-sign", "--provider", "discord", "--secret", D_SEED, "--timestamp", str(now)],
                   d_body)
hs = headers_of(out)
check(rc == 0 and len(hs) == 2 and re.fullmatch(r"X-Signature-Ed25519: [0-9a-f]{128}", hs[0]) is not None
      and hs[1] == "X-Signature-Timestamp: %d" % now, "discord provider-sign: %r %r" % (out, err))
d_whsk = "whsk_" + base64.b64encode(bytes.fromhex(D_SEED + D_PK)).decode()
rc, out2, _ = run(["provider-sign", "--provider", "discord", "--secret", d_whsk, "--timestamp", str(now)],
                  d_body)
check(out2 == out, "discord provider-sign with whsk_ gives the same signature")
dargs = ["provider-verify", "--provider", "discord", "--secret", D_PK, "--now", str(now)]
for h in hs:
    dargs += ["--header", h]
rc, out, _ = run(dargs, d_body)
check(rc == 0 and out == "ok\n", "discord provider-verify: %r" % out)
rc, out, _ = run(dargs, d_body + b" ")
check(rc == 1 and out == "webhook: no matching signature\n", "discord tampered: %r" % out)
rc, out, _ = run(["provider-verify", "--provider", "discord", "--secret", D_PK[:-2], "--now", str(now)]
                 + dargs[7:], d_body)
check(rc == 1 and out == "key: malformed key\n", "discord short public key: %r" % out)
rc, out, _ = run(dargs[:-2], d_body)
check(rc == 1 and out == "webhook: missing header\n", "discord header missing: %r" % out)
rc, out, _ = run(["provider-verify", "--provider", "paddle", "--secret", "s", "--header",
                  "Paddle-Signature: ts=1671552777;h1=eb4d0dc8853be92b7f063b9f3ba5233eb920a09459b6e6b2c26705b4364db151",
                  "--now", "1671552790"], b"{}")
check(rc == 1 and out == "webhook: timestamp too old\n", "paddle 5 s tolerance: %r" % out)

# ---- send / serve over loopback -------------------------------------------------


def start_serve(secret, count):
    p = subprocess.Popen([HK, "serve", "--port", "0", "--secret", secret, "--count", str(count)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    line = p.stderr.readline().decode()
    m = re.match(r"listening on 127\.0\.0\.1:(\d+)", line)
    if not m:
        p.kill()
        raise SystemExit("serve did not start: %r" % line)
    return p, int(m.group(1))


secret = run(["keygen"])[1].strip()
srv, port = start_serve(secret, 2)
body = '{"event":"ping","text":"h\u00e9llo \u20ac"}'.encode()
rc, out, err = run(["send", "http://127.0.0.1:%d/hooks" % port, "--secret", secret, "--id", "msg_e2e",
                    "--header", "X-Tenant: 7"], body)
check(rc == 0 and "attempt 1: 204 No Content -> delivered" in out, "send to serve: %r %r" % (out, err))
rc, out, err = run(["send", "http://127.0.0.1:%d/hooks" % port, "--secret", run(["keygen"])[1].strip(),
                    "--schedule", "0"], b"{}")
check(rc == 1 and "attempt 1: 401 Unauthorized -> giving up" in out, "wrong secret: %r" % out)
# raw requests: missing headers -> 400 with the reason, GET -> 405
def raw_request(data):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(data)
    resp = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        resp += chunk
    s.close()
    return resp.decode(errors="replace")
resp = raw_request(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
check(resp.startswith("HTTP/1.1 400 ") and "webhook: missing header" in resp, "serve 400: %r" % resp)
resp = raw_request(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
check(resp.startswith("HTTP/1.1 405 "), "serve 405: %r" % resp)
# a chunked, correctly signed request from outside hooksock
ts = str(int(time.time()))
mac = base64.b64encode(hmac.new(base64.b64decode(secret[6:]), b"msg_py." + ts.encode() + b".[1,2]",
                                hashlib.sha256).digest()).decode()
resp = raw_request(("POST /x HTTP/1.1\r\nHost: x\r\nwebhook-id: msg_py\r\nwebhook-timestamp: %s\r\n"
                    "webhook-signature: v1,%s\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "3\r\n[1,\r\n2\r\n2]\r\n0\r\n\r\n" % (ts, mac)).encode())
check(resp.startswith("HTTP/1.1 204 "), "serve chunked: %r" % resp)
try:
    sout, serr = srv.communicate(timeout=10)
except subprocess.TimeoutExpired:
    srv.kill()
    sout, serr = srv.communicate()
events = [json.loads(l) for l in sout.decode().splitlines()]
check(len(events) == 2 and events[0]["id"] == "msg_e2e" and events[0]["body"] == body.decode()
      and events[1]["id"] == "msg_py" and events[1]["body"] == "[1,2]",
      "serve events: %r" % events)
check(srv.returncode == 0, "serve exits after --count")


class Flaky(threading.Thread):
    """Answers attempt n with plan[n]: 'close' (no response), a status line
    (with optional headers), or 'verify' (204 if the signature is right)."""

    def __init__(self, plan, secret_raw):
        super().__init__(daemon=True)
        self.plan = plan
        self.secret = secret_raw
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(30)
        self.port = self.sock.getsockname()[1]
        self.seen = []  # (time, id, timestamp, verified)

    def run(self):
        for action in self.plan:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            c.settimeout(10)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = c.recv(4096)
                if not chunk:
                    break
                data += chunk
            head, _, rest = data.partition(b"\r\n\r\n")
            hdrs = {}
            for line in head.decode().split("\r\n")[1:]:
                k, _, v = line.partition(":")
                hdrs[k.strip().lower()] = v.strip()
            n = int(hdrs.get("content-length", "0"))
            while len(rest) < n:
                chunk = c.recv(4096)
                if not chunk:
                    break
                rest += chunk
            signed = ("%s.%s." % (hdrs.get("webhook-id"), hdrs.get("webhook-timestamp"))).encode() + rest
            mac = base64.b64encode(hmac.new(self.secret, signed, hashlib.sha256).digest()).decode()
            ok = ("v1," + mac) in hdrs.get("webhook-signature", "").split(" ")
            self.seen.append((time.time(), hdrs.get("webhook-id"), hdrs.get("webhook-timestamp"), ok,
                              hdrs.get("user-agent")))
            if action == "close":
                c.close()
                continue
            if action == "verify":
                action = "204 No Content" if ok else "401 Unauthorized"
            c.sendall(("HTTP/1.1 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n" % action).encode())
            c.close()


raw = base64.b64decode(secret[6:])
fl = Flaky(["close", "503 Service Unavailable\r\nRetry-After: 1", "verify"], raw)
fl.start()
t0 = time.time()
rc, out, err = run(["send", "http://127.0.0.1:%d/in" % fl.port, "--secret", secret, "--schedule",
                    "0,100,100,100"], b'{"retry":true}', timeout=60)
fl.join(10)
lines = out.splitlines()
check(rc == 0 and len(lines) == 4 and lines[1].startswith("attempt 1: connection closed")
      and "retry in" in lines[1]
      and lines[2].startswith("attempt 2: 503 Service Unavailable -> retry in")
      and "(Retry-After 1 s)" in lines[2]
      and lines[3] == "attempt 3: 204 No Content -> delivered", "flaky receiver: %r %r" % (out, err))
check(len(fl.seen) == 3 and len({s[1] for s in fl.seen}) == 1 and all(s[3] for s in fl.seen),
      "same id and valid signatures on every attempt: %r" % fl.seen)
check(len(fl.seen) == 3 and fl.seen[2][0] - fl.seen[1][0] >= 0.95, "Retry-After honoured: %r" % fl.seen)
check(all(s[4] and s[4].startswith("hooksock/") for s in fl.seen), "User-Agent hooksock/<version>")

fl = Flaky(["410 Gone", "204 No Content"], raw)
fl.start()
rc, out, _ = run(["send", "http://127.0.0.1:%d/in" % fl.port, "--secret", secret, "--schedule", "0,50,50"],
                 b"{}")
check(rc == 1 and "attempt 1: 410 Gone -> endpoint gone, stopping" in out and len(fl.seen) == 1,
      "410 stops: %r" % out)
fl.sock.close()

fl = Flaky(["500 Internal Server Error"] * 3, raw)
fl.start()
rc, out, _ = run(["send", "http://127.0.0.1:%d/in" % fl.port, "--secret", secret, "--schedule", "0,50,50"],
                 b"{}")
fl.join(10)
check(rc == 1 and out.count("attempt ") == 3 and "attempt 3: 500 Internal Server Error -> giving up" in out,
      "schedule exhausted: %r" % out)
check(len({s[2] for s in fl.seen}) >= 1 and len(fl.seen) == 3, "three attempts seen")

# send against serve when serve fails the first two attempts (503, Retry-After: 1)
p = subprocess.Popen([HK, "serve", "--port", "0", "--secret", secret, "--count", "1", "--fail-first", "2"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
m = re.match(r"listening on 127\.0\.0\.1:(\d+)", p.stderr.readline().decode())
check(m is not None, "serve --fail-first starts")
if m:
    t0 = time.time()
    rc, out, err = run(["send", "http://127.0.0.1:%s/h" % m.group(1), "--secret", secret, "--id", "msg_ff",
                        "--schedule", "0,100,100"], b'{"n":1}', timeout=60)
    took = time.time() - t0
    check(rc == 0 and out.count("503 Service Unavailable -> retry in") == 2
          and "attempt 3: 204 No Content -> delivered" in out and took >= 1.9,
          "send against a failing serve: %r %r %.2f" % (out, err, took))
    try:
        sout, _ = p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        sout, _ = p.communicate()
    ev = [json.loads(l) for l in sout.decode().splitlines()]
    check(len(ev) == 1 and ev[0]["id"] == "msg_ff" and ev[0]["body"] == '{"n":1}', "serve event: %r" % ev)
else:
    p.kill()

# v1a end to end: send signs with --key, serve verifies with --public-key
p = subprocess.Popen([HK, "serve", "--port", "0", "--public-key", V1A_PK, "--count", "1"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
m = re.match(r"listening on 127\.0\.0\.1:(\d+)", p.stderr.readline().decode())
check(m is not None, "serve --public-key starts")
if m:
    rc, out, err = run(["send", "http://127.0.0.1:%s/h" % m.group(1), "--key", V1A_SK,
                        "--id", "msg_v1a", "--schedule", "0"], b'{"v":"1a"}', timeout=60)
    check(rc == 0 and "attempt 1: 204 No Content -> delivered" in out, "send --key to serve --public-key: %r %r"
          % (out, err))
    try:
        sout, _ = p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        sout, _ = p.communicate()
    ev = [json.loads(l) for l in sout.decode().splitlines()]
    check(len(ev) == 1 and ev[0]["id"] == "msg_v1a", "serve v1a event: %r" % ev)
else:
    p.kill()

# a closed port: connection refused on every attempt
s = socket.socket()
s.bind(("127.0.0.1", 0))
dead = s.getsockname()[1]
s.close()
rc, out, _ = run(["send", "http://127.0.0.1:%d/" % dead, "--secret", secret, "--schedule", "0,10"], b"{}")
check(rc == 1 and out.count("attempt ") == 2 and "giving up" in out, "refused: %r" % out)

os.unlink(body_path)
print("%d checks, %d failures" % (checks, len(failures)))
sys.exit(1 if failures else 0)
