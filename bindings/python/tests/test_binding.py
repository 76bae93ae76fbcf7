#!/usr/bin/env python3
"""Unit tests of the Python binding (unittest; run with HOOKSOCK_LIBRARY set
and bindings/python on sys.path). Known answers cite their source."""
import base64
import hashlib
import hmac
import os
import random
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import hooksock  # noqa: E402

# Standard Webhooks spec example (spec/standard-webhooks.md, "Example"):
# secret, id, timestamp, payload and the resulting signature.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TS = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def spec_headers(sig=SPEC_SIG, ts=SPEC_TS, msg_id=SPEC_ID):
    return {"webhook-id": msg_id, "webhook-timestamp": str(ts), "webhook-signature": sig}


class TestLoad(unittest.TestCase):
    def test_version(self):
        n, s = hooksock.version()
        self.assertEqual(n, hooksock.ABI_VERSION)
        self.assertEqual(s, "%d.%d.%d" % (n >> 16, (n >> 8) & 255, n & 255))
        self.assertEqual(hooksock._lib.hk_version_compatible(n), 1)
        self.assertEqual(hooksock._lib.hk_version_compatible(n + (1 << 16)), 0)

    def test_refuses_incompatible_library(self):
        # A binding written for another version refuses to load the library.
        code = ("import hooksock._native as N\n")
        env = dict(os.environ, HOOKSOCK_LIBRARY=hooksock.library_path)
        pkg = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
        with open(os.path.join(pkg, "hooksock", "_native.py")) as f:
            src = f.read()
        src = src.replace("ABI_VERSION = (0 << 16)", "ABI_VERSION = (9 << 16)")
        r = subprocess.run([sys.executable, "-c", src], env=env, capture_output=True,
                           text=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("this binding needs a library compatible with 0x090100", r.stderr)
        del code

    def test_library_not_found(self):
        env = dict(os.environ, HOOKSOCK_LIBRARY="/nonexistent/libhooksock.so")
        pkg = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
        r = subprocess.run([sys.executable, "-c", "import hooksock"], env=env, cwd=pkg,
                           capture_output=True, text=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("LibraryNotFound", r.stderr)

    def test_found_next_to_package(self):
        import shutil
        import tempfile
        pkg = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hooksock")
        with tempfile.TemporaryDirectory() as d:
            dst = os.path.join(d, "hooksock")
            shutil.copytree(pkg, dst, ignore=shutil.ignore_patterns("__pycache__"))
            shutil.copy(hooksock.library_path, os.path.join(dst, "libhooksock.so.0"))
            env = {k: v for k, v in os.environ.items() if k != "HOOKSOCK_LIBRARY"}
            r = subprocess.run([sys.executable, "-c",
                                "import hooksock; print(hooksock.library_path)"],
                               env=env, cwd=d, capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout.strip(), os.path.join(dst, "libhooksock.so.0"))

    def test_every_public_struct_has_a_size(self):
        # hk_type_size knows every plain struct of the public headers, so a
        # binding never has to guess one (a new struct must be added to
        # lib/base/abi.c).
        import glob
        import re
        inc = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                           "include", "hooksock")
        names = set()
        for h in glob.glob(os.path.join(inc, "*.h")):
            with open(h) as f:
                names.update(re.findall(r"typedef struct (hk_[a-z0-9_]+) \{", f.read()))
        self.assertGreater(len(names), 30)
        missing = sorted(n for n in names if hooksock._lib.hk_type_size(n.encode()) == 0)
        self.assertEqual(missing, [])
        for opaque in ("hk_ws_conn", "hk_ws_session", "hk_wh_delivery"):
            self.assertEqual(hooksock._lib.hk_type_size(opaque.encode()), 0)

    def test_struct_sizes_checked(self):
        import ctypes
        from hooksock import _native as N
        for name, cls in N.MIRRORED.items():
            self.assertEqual(N.lib.hk_type_size(name.encode()), ctypes.sizeof(cls), name)


class TestWebhook(unittest.TestCase):
    def test_spec_known_answer(self):
        self.assertEqual(hooksock.webhook_sign(SPEC_SECRET, SPEC_ID, SPEC_TS, SPEC_BODY),
                         SPEC_SIG)
        self.assertIsNone(hooksock.webhook_verify([SPEC_SECRET], spec_headers(), SPEC_BODY,
                                                  now=SPEC_TS))

    def test_contract_defaults(self):
        import inspect
        sig = inspect.signature(hooksock.webhook_verify)
        self.assertEqual(list(sig.parameters), ["secrets", "headers", "payload", "now",
                                                "tolerance"])
        self.assertIsNone(sig.parameters["now"].default)
        self.assertEqual(sig.parameters["tolerance"].default, 300)
        self.assertEqual(list(inspect.signature(hooksock.webhook_sign).parameters),
                         ["secret", "msg_id", "timestamp", "payload"])
        # now=None means the current time: a fresh signature verifies.
        import time
        ts = int(time.time())
        sig = hooksock.webhook_sign(SPEC_SECRET, "msg_now", ts, b"x")
        hooksock.webhook_verify([SPEC_SECRET], spec_headers(sig, ts, "msg_now"), b"x")

    def expect(self, name, *args, **kw):
        with self.assertRaises(hooksock.Error) as cm:
            hooksock.webhook_verify(*args, **kw)
        self.assertEqual(cm.exception.name, name)
        self.assertEqual(hooksock._lib.hk_error_name(cm.exception.code).decode(), name)
        self.assertTrue(cm.exception.code < 0)
        return cm.exception

    def test_errors(self):
        e = self.expect("HK_ERR_WH_NO_MATCH", [SPEC_SECRET], spec_headers(), SPEC_BODY + b" ",
                        now=SPEC_TS)
        self.assertEqual(e.code, -605)
        self.assertIsInstance(e, Exception)
        self.expect("HK_ERR_WH_TOO_OLD", [SPEC_SECRET], spec_headers(), SPEC_BODY,
                    now=SPEC_TS + 301)
        self.expect("HK_ERR_WH_TOO_NEW", [SPEC_SECRET], spec_headers(), SPEC_BODY,
                    now=SPEC_TS - 301)
        hooksock.webhook_verify([SPEC_SECRET], spec_headers(), SPEC_BODY, now=SPEC_TS + 300)
        hooksock.webhook_verify([SPEC_SECRET], spec_headers(), SPEC_BODY, now=SPEC_TS + 10,
                                tolerance=10)
        self.expect("HK_ERR_WH_TOO_OLD", [SPEC_SECRET], spec_headers(), SPEC_BODY,
                    now=SPEC_TS + 11, tolerance=10)
        # tolerance=None: no window check (replay of stored messages).
        hooksock.webhook_verify([SPEC_SECRET], spec_headers(), SPEC_BODY, now=0,
                                tolerance=None)
        h = spec_headers()
        del h["webhook-id"]
        self.expect("HK_ERR_WH_MISSING_HEADER", [SPEC_SECRET], h, SPEC_BODY, now=SPEC_TS)
        self.expect("HK_ERR_WH_TIMESTAMP", [SPEC_SECRET], spec_headers(ts="-5"), SPEC_BODY,
                    now=SPEC_TS)
        self.expect("HK_ERR_WH_SIGNATURE_FORMAT", [SPEC_SECRET], spec_headers(sig="v1,@@"),
                    SPEC_BODY, now=SPEC_TS)
        self.expect("HK_ERR_WH_SECRET", ["whsec_short"], spec_headers(), SPEC_BODY,
                    now=SPEC_TS)
        self.expect("HK_ERR_INVALID_ARG", [], spec_headers(), SPEC_BODY, now=SPEC_TS)
        with self.assertRaises(hooksock.Error) as cm:
            hooksock.webhook_sign(SPEC_SECRET, "bad id", SPEC_TS, b"")
        self.assertEqual(cm.exception.name, "HK_ERR_WH_ID")

    def test_several_secrets(self):
        s2 = hooksock.generate_secret()
        self.assertTrue(s2.startswith("whsec_"))
        sig = hooksock.webhook_sign([SPEC_SECRET, s2], SPEC_ID, SPEC_TS, SPEC_BODY)
        e1, e2 = sig.split(" ")
        self.assertEqual(e1, SPEC_SIG)
        self.assertEqual(e2, hooksock.webhook_sign(s2, SPEC_ID, SPEC_TS, SPEC_BODY))
        # Receiver during a rotation: either secret accepts either entry.
        for secrets in ([s2], [SPEC_SECRET], [hooksock.generate_secret(), s2]):
            hooksock.webhook_verify(secrets, spec_headers(sig), SPEC_BODY, now=SPEC_TS)
            hooksock.webhook_verify(secrets, spec_headers(sig), SPEC_BODY, now=SPEC_TS)
        self.expect("HK_ERR_WH_NO_MATCH", [hooksock.generate_secret()], spec_headers(sig),
                    SPEC_BODY, now=SPEC_TS)

    def test_headers_any_case_and_svix(self):
        h = {k.upper(): v for k, v in spec_headers().items()}
        hooksock.webhook_verify([SPEC_SECRET], h, SPEC_BODY, now=SPEC_TS)
        h = [("Svix-Id", SPEC_ID), ("Svix-Timestamp", str(SPEC_TS)),
             ("Svix-Signature", SPEC_SIG)]
        hooksock.webhook_verify([SPEC_SECRET], h, SPEC_BODY, now=SPEC_TS)

    def test_stream(self):
        body = bytes(range(256)) * 40
        sig = hooksock.webhook_sign(SPEC_SECRET, SPEC_ID, SPEC_TS, body)
        s = hooksock.WebhookStream([hooksock.generate_secret(), SPEC_SECRET],
                                   spec_headers(sig), now=SPEC_TS)
        for i in range(0, len(body), 777):
            s.update(body[i:i + 777])
        self.assertEqual(s.final(), 1)
        s = hooksock.WebhookStream([SPEC_SECRET], spec_headers(sig), now=SPEC_TS)
        s.update(body[:-1])
        with self.assertRaises(hooksock.Error) as cm:
            s.final()
        self.assertEqual(cm.exception.name, "HK_ERR_WH_NO_MATCH")
        with self.assertRaises(hooksock.Error) as cm:
            hooksock.WebhookStream([SPEC_SECRET], spec_headers(sig), now=SPEC_TS + 1000)
        self.assertEqual(cm.exception.name, "HK_ERR_WH_TOO_OLD")

    def test_crosscheck_python_hmac(self):
        """Python's own hmac/hashlib agree with the binding (and so with C)."""
        rng = random.Random(1234)
        for n in (0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 1000, 4096 + 3):
            key = bytes(rng.getrandbits(8) for _ in range(rng.choice((1, 24, 32, 64, 65,
                                                                       200))))
            msg = bytes(rng.getrandbits(8) for _ in range(n))
            self.assertEqual(hooksock.hmac_sha256(key, msg),
                             hmac.new(key, msg, hashlib.sha256).digest())
            self.assertEqual(hooksock.sha256(msg), hashlib.sha256(msg).digest())
            # A Standard Webhooks signature computed with the standard library.
            secret = "whsec_" + base64.b64encode(key if len(key) >= 24 else key * 24).decode()
            raw = base64.b64decode(secret[6:])
            ts = rng.randrange(0, 2 ** 40)
            mid = "msg_%d" % n
            want = "v1," + base64.b64encode(
                hmac.new(raw, b"%s.%d.%s" % (mid.encode(), ts, msg), hashlib.sha256)
                .digest()).decode()
            if len(raw) > 256:
                continue
            self.assertEqual(hooksock.webhook_sign(secret, mid, ts, msg), want)
            hooksock.webhook_verify([secret], spec_headers(want, ts, mid), msg, now=ts)

    def test_providers_round_trip(self):
        ts = 1700000000
        body = b'{"id":"evt_1","amount":12}'
        for name in sorted(hooksock.PROVIDERS):
            kw = {}
            secret = "s3cr3t-" + name
            if name in ("standard", "svix"):
                secret = SPEC_SECRET
                kw["msg_id"] = "msg_1"
            if name == "discord":
                continue  # Ed25519 keys: test_discord
            if name == "twilio":
                kw["url"] = "https://example.com/hook?x=1"
                kw["json"] = True
            if name == "generic":
                kw["generic"] = {"header": "X-Sig", "prefix": "sha256=", "encoding": "hex"}
            headers = hooksock.provider_sign(name, [secret], body, timestamp=ts, **kw)
            self.assertTrue(headers, name)
            vkw = {k: v for k, v in kw.items() if k in ("url", "generic")}
            if name == "twilio":
                vkw["url"] = kw["url"] + "&bodySHA256=" + hashlib.sha256(body).hexdigest()
            other = hooksock.generate_secret() if name in ("standard", "svix") else "other"
            hooksock.provider_verify(name, [other, secret], headers, body, now=ts, **vkw)
            with self.assertRaises(hooksock.Error, msg=name) as cm:
                hooksock.provider_verify(name, [secret], headers, body + b" ", now=ts, **vkw)
            self.assertIn(cm.exception.name, ("HK_ERR_WH_NO_MATCH",), name)
        # GitHub, checked against the standard library.
        h = hooksock.provider_sign("github", "k", body)
        self.assertEqual(h["X-Hub-Signature-256"],
                         "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest())
        with self.assertRaises(hooksock.Error) as cm:
            hooksock.provider_verify("nosuch", ["k"], h, body)
        self.assertEqual(cm.exception.name, "HK_ERR_WH_PROVIDER")
        with self.assertRaises(hooksock.Error) as cm:
            hooksock.provider_verify("stripe", ["k"], {}, body)
        self.assertEqual(cm.exception.name, "HK_ERR_WH_MISSING_HEADER")

    def test_v1a(self):
        sk, pk = hooksock.generate_keypair()
        self.assertTrue(sk.startswith("whsk_") and pk.startswith("whpk_"))
        self.assertEqual(hooksock.public_key(sk), pk)
        sig = hooksock.webhook_sign([sk, SPEC_SECRET], SPEC_ID, SPEC_TS, SPEC_BODY)
        v1a, v1 = sig.split(" ")
        self.assertTrue(v1a.startswith("v1a,"))
        self.assertEqual(v1, SPEC_SIG)
        hooksock.webhook_verify([pk], spec_headers(sig), SPEC_BODY, now=SPEC_TS)
        hooksock.webhook_verify([pk], spec_headers(v1a), SPEC_BODY, now=SPEC_TS)
        hooksock.webhook_verify([SPEC_SECRET, pk], spec_headers(v1), SPEC_BODY, now=SPEC_TS)
        self.expect("HK_ERR_WH_NO_MATCH", [pk], spec_headers(v1), SPEC_BODY, now=SPEC_TS)
        self.expect("HK_ERR_WH_NO_MATCH", [pk], spec_headers(v1a), SPEC_BODY + b"!",
                    now=SPEC_TS)
        _, pk2 = hooksock.generate_keypair()
        self.expect("HK_ERR_WH_NO_MATCH", [pk2], spec_headers(v1a), SPEC_BODY, now=SPEC_TS)
        with self.assertRaises(hooksock.Error) as cm:
            hooksock.webhook_sign(pk, SPEC_ID, SPEC_TS, SPEC_BODY)
        self.assertEqual(cm.exception.name, "HK_ERR_WH_KEY_TYPE")
        self.expect("HK_ERR_KEY_FORMAT", ["whpk_AAAA"], spec_headers(v1a), SPEC_BODY,
                    now=SPEC_TS)
        s = hooksock.WebhookStream([pk], spec_headers(sig), now=SPEC_TS)
        s.update(SPEC_BODY[:5])
        s.update(SPEC_BODY[5:])
        self.assertEqual(s.final(), 0)

    def test_discord(self):
        sk, pk = hooksock.generate_keypair()
        h = hooksock.provider_sign("discord", [sk], b'{"type":1}', timestamp=1700000000)
        hooksock.provider_verify("discord", [pk], h, b'{"type":1}', now=1700000000)
        with self.assertRaises(hooksock.Error) as cm:
            hooksock.provider_verify("discord", [pk], h, b'{"type":2}', now=1700000000)
        self.assertEqual(cm.exception.name, "HK_ERR_WH_NO_MATCH")


class TestFrames(unittest.TestCase):
    def test_rfc6455_examples(self):
        # RFC 6455 section 5.7: unmasked "Hello", masked "Hello", 256-byte and
        # 64 KiB binary frame headers.
        self.assertEqual(hooksock.frame_encode(hooksock.OP_TEXT, 5), b"\x81\x05")
        h = hooksock.frame_decode(bytes.fromhex("818537fa213d7f9f4d5158"))
        self.assertEqual((h.fin, h.opcode, h.masked, h.payload_len, h.header_len),
                         (True, 1, True, 5, 6))
        self.assertEqual(hooksock.mask(bytes.fromhex("7f9f4d5158"), h.mask_key), b"Hello")
        self.assertEqual(hooksock.frame_encode(2, 256), b"\x82\x7e\x01\x00")
        self.assertEqual(hooksock.frame_encode(2, 65536),
                         b"\x82\x7f\x00\x00\x00\x00\x00\x01\x00\x00")
        self.assertEqual(hooksock.frame_header_len(65536, True), 14)

    def test_64bit_lengths_and_errors(self):
        h = hooksock.frame_decode(b"\x82\x7f\x7f\xff\xff\xff\xff\xff\xff\xff")
        self.assertEqual(h.payload_len, 2 ** 63 - 1)
        self.assertIsNone(hooksock.frame_decode(b"\x82\x7f\x00"))
        with self.assertRaises(hooksock.Error) as cm:
            hooksock.frame_decode(b"\x82\x7f\x80\x00\x00\x00\x00\x00\x00\x00")
        self.assertEqual(cm.exception.name, "HK_ERR_WS_LENGTH")
        with self.assertRaises(hooksock.Error) as cm:
            hooksock.frame_decode(b"\x82\x7e\x00\x05")  # non-minimal
        self.assertEqual(cm.exception.name, "HK_ERR_WS_LENGTH")

    def test_mask_matches_python(self):
        rng = random.Random(7)
        for n in (0, 1, 3, 4, 7, 8, 15, 16, 31, 33, 100, 1000):
            data = bytes(rng.getrandbits(8) for _ in range(n))
            key = bytes(rng.getrandbits(8) for _ in range(4))
            for off in (0, 1, 2, 3, 5):
                want = bytes(b ^ key[(i + off) % 4] for i, b in enumerate(data))
                self.assertEqual(hooksock.mask(data, key, off), want)

    def test_accept_key(self):
        # RFC 6455 section 1.3.
        self.assertEqual(hooksock.accept_key("dGhlIHNhbXBsZSBub25jZQ=="),
                         "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")


class TestConnection(unittest.TestCase):
    def pump(self, a, b):
        ev_a, ev_b = [], []
        for _ in range(10):
            out = a.data_to_send()
            if out:
                ev_b += b.feed(out)
            back = b.data_to_send()
            if back:
                ev_a += a.feed(back)
            if not out and not back:
                break
        return ev_a, ev_b

    def test_client_server(self):
        c = hooksock.Connection("client")
        s = hooksock.Connection("server")
        c.send_text("héllo")
        c.send_binary(b"\x00\x01" * 40000)
        c.ping(b"p")
        wire = c.data_to_send()
        self.assertEqual(wire[0], 0x81)
        self.assertTrue(wire[1] & 0x80)  # masked
        ev = []
        for i in range(0, len(wire), 1000):  # any split
            ev += s.feed(wire[i:i + 1000])
        self.assertEqual(ev, [("text", "héllo"), ("binary", b"\x00\x01" * 40000),
                              ("ping", b"p")])
        _, ev_c = self.pump(s, c)
        self.assertEqual(ev_c, [("pong", b"p")])
        s.send_text("bye")
        c.close(1000, "done")
        ev_s, ev_c = self.pump(c, s)
        self.assertIn(("close", 1000, "done"), ev_c)
        self.assertIn(("text", "bye"), ev_s)
        self.assertEqual(c.state, hooksock.STATE_CLOSED)
        self.assertEqual(s.state, hooksock.STATE_CLOSED)
        c.destroy()
        with self.assertRaises(hooksock.Error):
            c.send_text("x")

    def test_protocol_error(self):
        s = hooksock.Connection("server")
        with self.assertRaises(hooksock.Error) as cm:
            s.feed(b"\x81\x05Hello")  # unmasked from a client
        self.assertEqual(cm.exception.name, "HK_ERR_WS_MASK_REQUIRED")
        self.assertTrue(cm.exception.fatal)
        wire = s.data_to_send()
        self.assertEqual((wire[0], wire[2:4]), (0x88, b"\x03\xea"))  # Close 1002
        c = hooksock.Connection("client")
        with self.assertRaises(hooksock.Error) as cm:
            c.feed(b"\x81\x02\xc3\x28")  # invalid UTF-8
        self.assertEqual(cm.exception.name, "HK_ERR_WS_INVALID_UTF8")
        self.assertEqual(c.error.name, "HK_ERR_WS_INVALID_UTF8")

    def test_callback_exception_propagates(self):
        s = hooksock.Connection("server")

        def boom(conn, ev):
            raise ValueError("from the callback")
        s.on_message = boom
        c = hooksock.Connection("client")
        c.send_text("x")
        with self.assertRaises(ValueError):
            s.feed(c.data_to_send())
        self.assertEqual(s.error.name, "HK_ERR_CALLBACK")

    def test_sessions_in_process(self):
        c = hooksock.Session.client("ws://localhost/chat", protocols="chat")
        s = hooksock.Session.server(protocols="chat")
        self.pump(c, s)
        self.assertTrue(c.open and s.open)
        self.assertEqual((c.protocol, s.protocol, c.http_status), ("chat", "chat", 101))
        c.send_text("hi")
        _, ev = self.pump(c, s)
        self.assertEqual(ev, [("text", "hi")])
        s2 = hooksock.Session.server()
        with self.assertRaises(hooksock.Error) as cm:
            s2.feed(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(cm.exception.name, "HK_ERR_HS_UPGRADE")
        self.assertTrue(s2.data_to_send().startswith(b"HTTP/1.1 4"))


class TestHttp(unittest.TestCase):
    REQ = (b"POST /hook?x=1 HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n"
           b"Content-Type: application/json\r\n\r\n"
           b"5\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n"
           b"GET /next HTTP/1.1\r\nHost: example.com\r\n\r\n")

    def collect(self, events):
        heads = [e[1] for e in events if e[0] == "head"]
        body = b"".join(e[1] for e in events if e[0] == "data")
        return heads, body, sum(1 for e in events if e[0] == "end")

    def test_every_split(self):
        for i in range(len(self.REQ) + 1):
            p = hooksock.HttpParser("request")
            ev = p.feed(self.REQ[:i]) + p.feed(self.REQ[i:])
            heads, body, ends = self.collect(ev)
            self.assertEqual([h.target for h in heads], ["/hook?x=1", "/next"], i)
            self.assertEqual(body, b"hello world")
            self.assertEqual(ends, 2)
            self.assertEqual(heads[0].header("content-type"), "application/json")

    def test_errors(self):
        for data, name in ((b"GET / HTTP/1.1\r\nHost: a\r\nX : y\r\n\r\n",
                            "HK_ERR_HTTP_SPACE_BEFORE_COLON"),
                           (b"GET / HTTP/1.1\r\n\r\n", "HK_ERR_HTTP_HOST"),
                           (b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n"
                            b"Content-Length: 2\r\n\r\n", "HK_ERR_HTTP_CL_MISMATCH")):
            with self.assertRaises(hooksock.Error) as cm:
                hooksock.parse_request(data)
            self.assertEqual(cm.exception.name, name)

    def test_response(self):
        r = hooksock.parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc")
        self.assertEqual((r.status, r.reason, r.content_length, r.head_len), (200, "OK", 3, 38))
        self.assertIsNone(hooksock.parse_response(b"HTTP/1.1 200 OK\r\n"))
        r = hooksock.parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n", "HEAD")
        self.assertEqual(r.body_kind, 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
