"""Webhook signatures: Standard Webhooks (v1 HMAC, and v1a Ed25519 when the
library has it) and the provider schemes."""
import ctypes
import time

from . import _native as N
from ._errors import Error, check
from ._util import addr, header_array, storage, to_bytes

lib = N.lib
HAVE_V1A = N.HAVE_V1A
TOLERANCE_DEFAULT = 300
SIGNATURE_CAP_PER_KEY = 93  # HK_WH_SIGNATURE_CAP: v1a entry (92) + separator

PROVIDERS = {}
for _i in range(1, 64):
    _n = lib.hk_wh_provider_name(_i)
    if _n:
        PROVIDERS[_n.decode()] = _i


class _Keys:
    """hk_wh_key[] from secret strings; wiped when closed (use as a context)."""

    def __init__(self, secrets):
        if isinstance(secrets, (str, bytes, bytearray)):
            secrets = [secrets]
        secrets = list(secrets)
        if not secrets:
            raise Error(-1, "no secret given")
        self.n = len(secrets)
        self.buf = storage(N.SIZE_WH_KEY * self.n)
        self.ptr = ctypes.addressof(self.buf)
        for i, s in enumerate(secrets):
            sb = to_bytes(s, "secret")
            rc = lib.hk_wh_key_from_secret(self.ptr + i * N.SIZE_WH_KEY, sb, len(sb))
            if rc < 0:
                self.close()
                raise Error(rc, "secret %d" % i)

    def close(self):
        if self.buf is not None:
            for i in range(self.n):
                lib.hk_wh_key_wipe(self.ptr + i * N.SIZE_WH_KEY)
            self.buf = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def webhook_sign(secret, msg_id, timestamp, payload: bytes) -> str:
    """The webhook-signature header value for payload.

    secret     "whsec_..." (v1 HMAC), "whsk_..." (v1a Ed25519), or
               a list of them (one entry each, in order: key rotation).
    msg_id     the webhook-id; timestamp: Unix seconds (int).
    """
    idb = to_bytes(msg_id, "msg_id")
    body = to_bytes(payload, "payload")
    with _Keys(secret) as keys:
        cap = SIGNATURE_CAP_PER_KEY * keys.n + 1
        out = ctypes.create_string_buffer(cap)
        n = ctypes.c_size_t()
        check(lib.hk_wh_sign(out, cap, ctypes.byref(n), keys.ptr, keys.n, idb, len(idb),
                             int(timestamp), body, len(body)), "webhook_sign")
        return out.raw[:n.value].decode("ascii")


def _wh_headers(headers):
    arr, n, keep = header_array(headers)
    h = N.WhHeaders()
    check(lib.hk_wh_headers_from_http(arr, n, ctypes.byref(h)))
    return h, keep


def webhook_verify(secrets: list, headers: dict, payload: bytes, now=None, tolerance=300):
    """Verify a Standard Webhooks request over its raw body; None or raises Error.

    secrets    a list of "whsec_"/"whpk_"/"whsk_" strings (or one string)
    headers    the request headers (mapping or (name, value) pairs); webhook-*
               or svix-* names, any case
    now        Unix seconds (default: time.time())
    tolerance  seconds either way; None skips the timestamp window check
    """
    body = to_bytes(payload, "payload")
    h, keep = _wh_headers(headers)
    with _Keys(secrets) as keys:
        if tolerance is None:
            rc = lib.hk_wh_verify_ignoring_timestamp(keys.ptr, keys.n, ctypes.byref(h), body,
                                                     len(body))
        else:
            if now is None:
                now = int(time.time())
            rc = lib.hk_wh_verify(keys.ptr, keys.n, ctypes.byref(h), body, len(body), int(now),
                                  int(tolerance))
    del keep
    check(rc, "webhook_verify")
    return None


class WebhookStream:
    """Streaming verification: headers at once, then the body in pieces.

        s = WebhookStream(secrets, headers)   # raises on bad headers
        for piece in body: s.update(piece)
        index = s.final()                      # matching secret, or raises
    """

    def __init__(self, secrets, headers, now=None, tolerance=TOLERANCE_DEFAULT):
        h, keep = _wh_headers(headers)
        self._s = storage(N.SIZE_WH_STREAM)
        flags = 0
        if tolerance is None:
            flags, tolerance = 1, 0  # HK_WH_NO_TIMESTAMP_CHECK
        if now is None:
            now = int(time.time())
        with _Keys(secrets) as keys:
            rc = lib.hk_wh_stream_init(self._s, keys.ptr, keys.n, ctypes.byref(h), int(now),
                                       int(tolerance), flags)
        del keep
        if rc < 0:
            lib.hk_wh_stream_wipe(self._s)
            raise Error(rc, "WebhookStream")

    def update(self, data):
        b = to_bytes(data, "data")
        check(lib.hk_wh_stream_update(self._s, b, len(b)))

    def final(self):
        idx = ctypes.c_size_t()
        check(lib.hk_wh_stream_final(self._s, ctypes.byref(idx)), "WebhookStream.final")
        return idx.value

    def __del__(self):
        s = getattr(self, "_s", None)
        if s is not None:
            lib.hk_wh_stream_wipe(s)


def _generate(fn, cap):
    out = ctypes.create_string_buffer(cap)
    n = ctypes.c_size_t()
    check(fn(out, cap, ctypes.byref(n), None, None))
    return out.raw[:n.value].decode("ascii")


def generate_msg_id():
    """A new "msg_..." id from the OS CSPRNG."""
    return _generate(lib.hk_wh_generate_id, 32)


def generate_secret():
    """A new "whsec_..." secret from the OS CSPRNG."""
    return _generate(lib.hk_wh_generate_secret, 51)


def generate_keypair():
    """A new v1a Ed25519 key pair: ("whsk_...", "whpk_...")."""
    sk = ctypes.create_string_buffer(94)
    pk = ctypes.create_string_buffer(50)
    skn, pkn = ctypes.c_size_t(), ctypes.c_size_t()
    check(lib.hk_wh_generate_keypair(sk, 94, ctypes.byref(skn), pk, 50, ctypes.byref(pkn),
                                     None, None))
    res = (sk.raw[:skn.value].decode("ascii"), pk.raw[:pkn.value].decode("ascii"))
    ctypes.memset(sk, 0, 94)
    return res


def public_key(secret_key):
    """The "whpk_" string of a "whsk_" (or "whpk_") key."""
    with _Keys(secret_key) as keys:
        out = ctypes.create_string_buffer(50)
        n = ctypes.c_size_t()
        check(lib.hk_wh_key_public(keys.ptr, out, 50, ctypes.byref(n)), "public_key")
        return out.raw[:n.value].decode("ascii")


def _provider(p):
    if isinstance(p, int):
        return p
    pb = to_bytes(p, "provider")
    return check(lib.hk_wh_provider_from_name(pb, len(pb)), "provider %r" % p)


def _params(provider, secrets, keep):
    if isinstance(secrets, (str, bytes, bytearray)):
        secrets = [secrets]
    p = N.WhProviderParams()
    lib.hk_wh_provider_params_init(ctypes.byref(p), _provider(provider))
    arr = (N.WhSecret * max(1, len(secrets)))()
    for i, s in enumerate(secrets):
        sb = to_bytes(s, "secret")
        keep.append(sb)
        arr[i].data, arr[i].len = addr(sb), len(sb)
    keep.append(arr)
    p.secrets, p.nsecrets = arr, len(secrets)
    return p


def _generic(p, generic, keep):
    if generic is None:
        return
    g = N.WhGeneric()
    g.size = ctypes.sizeof(N.WhGeneric)
    hb = to_bytes(generic["header"], "header")
    pb = to_bytes(generic.get("prefix", b""), "prefix")
    keep += [hb, pb, g]
    g.header, g.header_len = addr(hb), len(hb)
    g.prefix, g.prefix_len = addr(pb), len(pb)
    g.encoding = {"hex": 1, "base64": 2}[generic.get("encoding", "hex")]
    g.algorithm = {"sha256": 1, "sha1": 2}[generic.get("algorithm", "sha256")]
    p.generic = ctypes.pointer(g)


def provider_verify(provider, secrets, headers, payload, now=None, tolerance=0, url=None,
                    check_timestamp=True, generic=None):
    """Verify a request signed by provider ("stripe", "github", ... or its int).

    Returns None or raises Error. tolerance 0 = the scheme's default; url is
    Twilio's full request URL; generic: {"header", "prefix", "encoding":
    "hex"|"base64", "algorithm": "sha256"|"sha1"} for provider "generic".
    """
    keep = []
    p = _params(provider, secrets, keep)
    p.now = int(time.time()) if now is None else int(now)
    p.tolerance = int(tolerance)
    p.flags = 0 if check_timestamp else 1
    if url is not None:
        ub = to_bytes(url, "url")
        keep.append(ub)
        p.url, p.url_len = addr(ub), len(ub)
    _generic(p, generic, keep)
    arr, n, hkeep = header_array(headers)
    body = to_bytes(payload, "payload")
    check(lib.hk_wh_provider_verify(ctypes.byref(p), arr, n, body, len(body)),
          "provider_verify")
    return None


def provider_sign(provider, secrets, payload, timestamp=None, msg_id=None, url=None,
                  json=False, generic=None):
    """The header fields provider's sender would send: a dict name -> value."""
    keep = []
    p = _params(provider, secrets, keep)
    p.timestamp = int(time.time()) if timestamp is None else int(timestamp)
    if msg_id is not None:
        ib = to_bytes(msg_id, "msg_id")
        keep.append(ib)
        p.id, p.id_len = addr(ib), len(ib)
    url_len = 0
    if url is not None:
        ub = to_bytes(url, "url")
        keep.append(ub)
        p.url, p.url_len = addr(ub), len(ub)
        url_len = len(ub)
    p.json = 1 if json else 0
    _generic(p, generic, keep)
    body = to_bytes(payload, "payload")
    cap = 128 + max(1, p.nsecrets) * 100 + 2048 + 2 * url_len
    buf = ctypes.create_string_buffer(cap)
    out = (N.HttpHeader * 3)()
    nout = ctypes.c_size_t()
    check(lib.hk_wh_provider_sign(ctypes.byref(p), body, len(body), out, ctypes.byref(nout),
                                  buf, cap, None, None), "provider_sign")
    res = {}
    for i in range(nout.value):
        name = ctypes.string_at(out[i].name, out[i].name_len).decode("ascii")
        res[name] = ctypes.string_at(out[i].value, out[i].value_len).decode("latin-1")
    return res


def hmac_sha256(key, msg):
    """HMAC-SHA256 (hooksock's implementation), 32 bytes."""
    kb, mb = to_bytes(key, "key"), to_bytes(msg, "msg")
    out = ctypes.create_string_buffer(32)
    lib.hk_hmac_sha256(kb, len(kb), mb, len(mb), out)
    return out.raw


def sha256(data):
    """SHA-256 (hooksock's implementation), 32 bytes."""
    b = to_bytes(data, "data")
    out = ctypes.create_string_buffer(32)
    lib.hk_sha256(b, len(b), out)
    return out.raw
