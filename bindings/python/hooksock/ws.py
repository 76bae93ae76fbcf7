"""WebSocket: the frame codec and connections driven by feed/drain.

Connection wraps hk_ws_conn (the handshake already done elsewhere); Session
wraps hk_ws_session (opening handshake, then the same connection). Neither
touches a socket: pass received bytes to feed(), send what data_to_send()
returns. Events come back from feed() as a list of tuples:

    ("text", str) ("binary", bytes) ("ping", bytes) ("pong", bytes)
    ("close", code, reason)
"""
import collections
import ctypes

from . import _native as N
from ._errors import Error, check
from ._util import from_ptr, header_array, to_bytes

lib = N.lib

OP_CONTINUATION, OP_TEXT, OP_BINARY = 0x0, 0x1, 0x2
OP_CLOSE, OP_PING, OP_PONG = 0x8, 0x9, 0xA
ROLE_SERVER, ROLE_CLIENT = 0, 1
STATE_OPEN, STATE_CLOSE_SENT, STATE_CLOSE_RECEIVED, STATE_CLOSED = 0, 1, 2, 3
STATE_HANDSHAKE = 4
HK_ERR_NEED_MORE = -3

FrameHeader = collections.namedtuple(
    "FrameHeader", "fin rsv opcode masked mask_key payload_len header_len")


def frame_decode(data):
    """Decode a frame header from the start of data: a FrameHeader, or None
    if data holds only part of it. Raises Error for a malformed header."""
    b = to_bytes(data, "data")
    h = N.WsFrameHeader()
    need = ctypes.c_size_t()
    n = lib.hk_ws_frame_decode(ctypes.byref(h), b, len(b), ctypes.byref(need))
    if n == HK_ERR_NEED_MORE:
        return None
    check(n, "frame_decode")
    return FrameHeader(bool(h.fin), h.rsv, h.opcode, bool(h.masked),
                       bytes(h.mask_key) if h.masked else None, h.payload_len, h.header_len)


def frame_header_len(payload_len, masked=False):
    return lib.hk_ws_frame_header_len(payload_len, 1 if masked else 0)


def frame_encode(opcode, payload_len, fin=True, rsv=0, mask_key=None):
    """Encode a frame header (bytes). The payload is not included."""
    h = N.WsFrameHeader()
    h.opcode, h.payload_len, h.fin, h.rsv = opcode, payload_len, 1 if fin else 0, rsv
    if mask_key is not None:
        mk = to_bytes(mask_key, "mask_key")
        if len(mk) != 4:
            raise Error(-1, "mask_key must be 4 bytes")
        h.masked = 1
        h.mask_key[:] = list(mk)
    out = ctypes.create_string_buffer(14)
    n = check(lib.hk_ws_frame_encode(out, 14, ctypes.byref(h)), "frame_encode")
    return out.raw[:n]


def mask(data, key, offset=0):
    """XOR data with the 4-byte masking key (RFC 6455 5.3); returns new bytes."""
    b = bytearray(to_bytes(data, "data"))
    k = to_bytes(key, "key")
    if len(k) != 4:
        raise Error(-1, "key must be 4 bytes")
    if b:
        buf = (ctypes.c_char * len(b)).from_buffer(b)
        lib.hk_ws_mask(buf, len(b), k, offset)
    return bytes(b)


def accept_key(key):
    """Sec-WebSocket-Accept for a Sec-WebSocket-Key value."""
    kb = to_bytes(key, "key")
    out = ctypes.create_string_buffer(28)
    check(lib.hk_ws_accept_key(kb, len(kb), out), "accept_key")
    return out.raw.decode("ascii")


class _Base:
    """What Connection and Session share: callbacks, feed and drain."""

    _feed = _feed_eof = _output = _advance = _tick = _state_fn = _error_fn = None

    def _make_ws_config(self, role, max_message_size, auto_pong, ping_interval_ms,
                        close_timeout_ms):
        cfg = N.WsConfig()
        lib.hk_ws_config_default(ctypes.byref(cfg))
        cfg.role = role
        if max_message_size is not None:
            cfg.max_message_size = max_message_size
        cfg.auto_pong = 1 if auto_pong else 0
        if ping_interval_ms:
            cfg.ping_interval_ms = ping_interval_ms
        if close_timeout_ms:
            cfg.close_timeout_ms = close_timeout_ms
        # The callbacks copy what they are given: the pointers are valid only
        # during the call (docs/ffi.md). The CFUNCTYPE objects must outlive
        # the C object, so they are kept on self.
        self._events = []
        self._exc = None
        self._cbs = (N.MESSAGE_FN(self._on_message), N.CONTROL_FN(self._on_ping),
                     N.CONTROL_FN(self._on_pong), N.CLOSE_FN(self._on_close))
        cfg.on_message, cfg.on_ping, cfg.on_pong, cfg.on_close = self._cbs
        return cfg

    def _guard(self, fn):
        try:
            fn()
            return 0
        except BaseException as e:  # noqa: B902 - re-raised after the C call
            self._exc = e
            return 1  # fails the connection: HK_ERR_CALLBACK, Close 1011

    def _on_message(self, user, opcode, data, n):
        def f():
            b = from_ptr(data, n)
            if opcode == OP_TEXT:
                self._events.append(("text", b.decode("utf-8")))
            else:
                self._events.append(("binary", b))
            if self.on_message is not None:
                self.on_message(self, self._events.pop())
        return self._guard(f)

    def _on_ping(self, user, data, n):
        return self._guard(lambda: self._events.append(("ping", from_ptr(data, n))))

    def _on_pong(self, user, data, n):
        return self._guard(lambda: self._events.append(("pong", from_ptr(data, n))))

    def _on_close(self, user, code, reason, n):
        return self._guard(lambda: self._events.append(
            ("close", code, from_ptr(reason, n).decode("utf-8"))))

    on_message = None  # optional hook: called with (self, event) instead of queueing

    def _check(self, rc, what):
        if self._exc is not None:
            e, self._exc = self._exc, None
            raise e
        return check(rc, what)

    def feed(self, data):
        """Process received bytes; returns the list of events they completed.

        Output the engine must send (pongs, close echoes) is taken into this
        object's send buffer as needed, so every byte is always consumed."""
        self._alive()
        buf = bytearray(to_bytes(data, "data"))  # the engine unmasks in place
        pos = 0
        while pos < len(buf):
            view = (ctypes.c_char * (len(buf) - pos)).from_buffer(buf, pos)
            n = self._check(self._feed(self._h, view, len(buf) - pos), "feed")
            del view
            pos += n
            if pos < len(buf):
                self._pending += self._drain()
        ev, self._events = self._events, []
        return ev

    def feed_eof(self):
        """The peer closed the transport."""
        self._alive()
        self._check(self._feed_eof(self._h), "feed_eof")
        ev, self._events = self._events, []
        return ev

    def _drain(self):
        out = bytearray()
        p = ctypes.c_void_p()
        while True:
            n = self._output(self._h, ctypes.byref(p))
            if n == 0:
                return bytes(out)
            out += ctypes.string_at(p, n)
            self._check(self._advance(self._h, n), "output_advance")

    def data_to_send(self):
        """Every byte queued for the peer (removed from the queue)."""
        self._alive()
        out = self._pending + self._drain()
        self._pending = b""
        return out

    def tick(self, now_ms):
        """Drive the timers (keep-alive, close timeout); returns the next deadline."""
        self._alive()
        nxt = ctypes.c_uint64()
        self._check(self._tick(self._h, int(now_ms), ctypes.byref(nxt)), "tick")
        return nxt.value

    @property
    def state(self):
        return self._state_fn(self._h) if self._h else STATE_CLOSED

    @property
    def error(self):
        """The sticky error as an Error, or None."""
        rc = self._error_fn(self._h) if self._h else 0
        return Error(rc) if rc < 0 else None

    def _conn(self):
        return self._h

    def send_text(self, text):
        b = text.encode("utf-8") if isinstance(text, str) else to_bytes(text)
        self._check(lib.hk_ws_conn_send_text(self._conn(), b, len(b)), "send_text")

    def send_binary(self, data):
        b = to_bytes(data, "data")
        self._check(lib.hk_ws_conn_send_binary(self._conn(), b, len(b)), "send_binary")

    def ping(self, data=b""):
        b = to_bytes(data, "data")
        self._check(lib.hk_ws_conn_send_ping(self._conn(), b, len(b)), "ping")

    def close(self, code=1000, reason=""):
        """Start the closing handshake (Close frame queued)."""
        rb = to_bytes(reason, "reason")
        self._check(lib.hk_ws_conn_close(self._conn(), code, rb, len(rb)), "close")

    @property
    def close_code(self):
        c = self._conn()
        return lib.hk_ws_conn_close_code(c) if c else 0

    def _alive(self):
        if not self._h:
            raise Error(-107, "destroyed")

    def destroy(self):
        """Free the C object now (also done by the garbage collector)."""
        if getattr(self, "_h", None):
            self._destroy(self._h)
            self._h = None

    def __del__(self):
        self.destroy()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.destroy()


class Connection(_Base):
    """An open WebSocket connection (hk_ws_conn), handshake done elsewhere.

    role: "client" (masks what it sends) or "server"."""

    def __init__(self, role="server", max_message_size=None, auto_pong=True,
                 ping_interval_ms=0, close_timeout_ms=0):
        self._h = None
        self._pending = b""
        r = {"server": ROLE_SERVER, "client": ROLE_CLIENT}[role]
        cfg = self._make_ws_config(r, max_message_size, auto_pong, ping_interval_ms,
                                   close_timeout_ms)
        h = ctypes.c_void_p()
        check(lib.hk_ws_conn_create(ctypes.byref(h), ctypes.byref(cfg)), "Connection")
        self._h = h.value
        self._feed, self._feed_eof = lib.hk_ws_conn_feed, lib.hk_ws_conn_feed_eof
        self._output, self._advance = lib.hk_ws_conn_output, lib.hk_ws_conn_output_advance
        self._tick, self._state_fn = lib.hk_ws_conn_tick, lib.hk_ws_conn_state
        self._error_fn, self._destroy = lib.hk_ws_conn_error, lib.hk_ws_conn_destroy


class Session(_Base):
    """Opening handshake plus connection (hk_ws_session).

        Session.client("ws://127.0.0.1:8080/chat", protocols="chat")
        Session.server(protocols="chat")
    The client's request is queued at creation: send data_to_send() first."""

    def __init__(self, role, url=None, protocols=None, origin=None, headers=None,
                 max_message_size=None, auto_pong=True, ping_interval_ms=0,
                 close_timeout_ms=0):
        self._h = None
        self._pending = b""
        r = {"server": ROLE_SERVER, "client": ROLE_CLIENT}[role]
        self._ws_cfg = self._make_ws_config(r, max_message_size, auto_pong, ping_interval_ms,
                                            close_timeout_ms)
        cfg = N.WsSessionConfig()
        lib.hk_ws_session_config_default(ctypes.byref(cfg))
        cfg.role = r
        cfg.ws = ctypes.pointer(self._ws_cfg)
        keep = []
        for field, val in (("url", url), ("protocols", protocols), ("origin", origin)):
            if val is not None:
                b = to_bytes(val, field)
                keep.append(b)
                setattr(cfg, field, ctypes.cast(ctypes.c_char_p(b), ctypes.c_void_p))
                setattr(cfg, field + "_len", len(b))
        if headers:
            arr, n, hkeep = header_array(headers)
            keep += [arr, hkeep]
            cfg.headers, cfg.num_headers = arr, n
        h = ctypes.c_void_p()
        check(lib.hk_ws_session_create(ctypes.byref(h), ctypes.byref(cfg)), "Session")
        del keep  # the session copied everything it keeps
        self._h = h.value
        self._feed, self._feed_eof = lib.hk_ws_session_feed, lib.hk_ws_session_feed_eof
        self._output = lib.hk_ws_session_output
        self._advance = lib.hk_ws_session_output_advance
        self._tick, self._state_fn = lib.hk_ws_session_tick, lib.hk_ws_session_state
        self._error_fn, self._destroy = lib.hk_ws_session_error, lib.hk_ws_session_destroy

    @classmethod
    def client(cls, url, **kw):
        return cls("client", url=url, **kw)

    @classmethod
    def server(cls, **kw):
        return cls("server", **kw)

    def _conn(self):
        self._alive()
        c = lib.hk_ws_session_conn(self._h)
        if not c:
            raise Error(-5, "handshake not complete")
        return c

    @property
    def open(self):
        """True once the handshake succeeded."""
        return bool(self._h and lib.hk_ws_session_conn(self._h))

    @property
    def protocol(self):
        p = lib.hk_ws_session_protocol(self._h) if self._h else None
        return p.decode() if p else None

    @property
    def http_status(self):
        return lib.hk_ws_session_http_status(self._h) if self._h else 0
