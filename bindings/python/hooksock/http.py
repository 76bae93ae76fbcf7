"""HTTP/1.1 parsing: one-shot head parsing and an incremental parser."""
import ctypes

from . import _native as N
from ._errors import check
from ._util import storage, to_bytes

lib = N.lib

REQUEST, RESPONSE = 1, 2
BODY_NONE, BODY_LENGTH, BODY_CHUNKED, BODY_UNTIL_CLOSE = 0, 1, 2, 3
EV_DATA, EV_TRAILER, EV_END = 1, 2, 3
HK_ERR_NEED_MORE = -3
MAX_HEADERS = 100


class HttpMessage:
    """A parsed head. Strings are copied out of the C buffer: method, target,
    reason are str (latin-1), headers a list of (name, value) str pairs in
    order received."""

    def __init__(self, m, base):
        def s(p, n):
            return ctypes.string_at(p, n).decode("latin-1") if n else ""
        self.kind = m.kind
        self.version = (1, m.version_minor)
        self.method = s(m.method, m.method_len) if m.kind == REQUEST else None
        self.target = s(m.target, m.target_len) if m.kind == REQUEST else None
        self.status = m.status if m.kind == RESPONSE else None
        self.reason = s(m.reason, m.reason_len) if m.kind == RESPONSE else None
        self.headers = [(s(m.headers[i].name, m.headers[i].name_len),
                         s(m.headers[i].value, m.headers[i].value_len))
                        for i in range(m.num_headers)]
        self.head_len = m.head_len
        self.body_kind = m.body_kind
        self.content_length = m.content_length
        self.keep_alive = bool(m.keep_alive)
        self.upgrade = bool(m.upgrade)

    def header(self, name, default=None):
        """The first value of a field (case-insensitive name)."""
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return default

    def __repr__(self):
        if self.kind == REQUEST:
            return "<HttpMessage %s %s>" % (self.method, self.target)
        return "<HttpMessage %d %s>" % (self.status, self.reason)


class HttpParser:
    """Incremental parser for a stream of messages (pipelining included).

        p = HttpParser("request")
        for ev in p.feed(chunk): ...
    Events: ("head", HttpMessage), ("data", bytes), ("trailer", bytes),
    ("end", None). Errors raise hooksock.Error (the parser is then dead)."""

    def __init__(self, kind="request", max_headers=MAX_HEADERS):
        self.kind = {"request": REQUEST, "response": RESPONSE}[kind]
        self._p = storage(N.SIZE_HTTP_PARSER)
        check(lib.hk_http_parser_init(self._p, self.kind, None), "HttpParser")
        self._max = max_headers
        self._hdrs = (N.HttpHeader * max_headers)()
        self._buf = b""
        self._in_body = False
        self._request_method = None

    def set_request_method(self, method):
        """Responses: the method of the request answered (HEAD, CONNECT)."""
        mb = to_bytes(method, "method")
        check(lib.hk_http_parser_set_request_method(self._p, mb, len(mb)))

    def feed(self, data):
        self._buf += to_bytes(data, "data")
        events = []
        while True:
            if not self._in_body:
                msg = N.HttpMessage()
                msg.size = ctypes.sizeof(N.HttpMessage)
                b = self._buf
                n = lib.hk_http_parse_head(self._p, b, len(b), self._hdrs, self._max,
                                           ctypes.byref(msg))
                if n == HK_ERR_NEED_MORE:
                    return events
                check(n, "parse_head")
                events.append(("head", HttpMessage(msg, b)))
                self._buf = b[n:]
                self._in_body = True
            b = self._buf
            consumed = ctypes.c_size_t()
            dp = ctypes.c_void_p()
            dl = ctypes.c_size_t()
            ev = lib.hk_http_body_next(self._p, b, len(b), ctypes.byref(consumed),
                                       ctypes.byref(dp), ctypes.byref(dl))
            if ev == HK_ERR_NEED_MORE:
                self._buf = b""
                return events
            check(ev, "body")
            if ev == EV_DATA:
                events.append(("data", ctypes.string_at(dp, dl.value)))
            elif ev == EV_TRAILER:
                events.append(("trailer", ctypes.string_at(dp, dl.value)))
            self._buf = b[consumed.value:]
            if ev == EV_END:
                events.append(("end", None))
                lib.hk_http_parser_reset(self._p)
                self._in_body = False
                if self._request_method is not None:
                    self.set_request_method(self._request_method)
                if not self._buf:
                    return events

    def feed_eof(self):
        """The peer closed: returns [("end", None)] if that ends a body, else []."""
        rc = check(lib.hk_http_parser_eof(self._p), "eof")
        return [("end", None)] if rc == EV_END else []


def _parse_once(kind, data, request_method=None):
    p = HttpParser(kind)
    if request_method is not None:
        p.set_request_method(request_method)
    b = to_bytes(data, "data")
    msg = N.HttpMessage()
    msg.size = ctypes.sizeof(N.HttpMessage)
    n = lib.hk_http_parse_head(p._p, b, len(b), p._hdrs, p._max, ctypes.byref(msg))
    if n == HK_ERR_NEED_MORE:
        return None
    check(n, "parse")
    return HttpMessage(msg, b)


def parse_request(data):
    """Parse a request head at the start of data: HttpMessage (head_len tells
    where the body starts), or None if the head is incomplete."""
    return _parse_once("request", data)


def parse_response(data, request_method=None):
    """As parse_request, for a response (request_method: "HEAD", "CONNECT")."""
    return _parse_once("response", data, request_method)
