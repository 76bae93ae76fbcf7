"""hooksock: Python binding (ctypes, standard library only).

    import hooksock
    sig = hooksock.webhook_sign("whsec_...", "msg_1", 1700000000, b'{"a":1}')
    hooksock.webhook_verify(["whsec_..."], request_headers, body)   # or raises

Every failing call raises hooksock.Error, whose .code is the hooksock error
code (negative int) and .name its symbolic name ("HK_ERR_WH_NO_MATCH").
See docs/ffi.md for the ownership rules this binding follows.
"""
from ._native import ABI_VERSION, LibraryNotFound, lib as _lib, path as library_path
from ._errors import Error, check
from .webhook import (
    webhook_sign, webhook_verify, WebhookStream, generate_msg_id, generate_secret,
    generate_keypair, public_key, provider_sign, provider_verify, PROVIDERS,
    HAVE_V1A, hmac_sha256, sha256,
)
from .ws import (
    Connection, Session, FrameHeader, frame_decode, frame_encode, frame_header_len, mask,
    accept_key, OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG,
    STATE_OPEN, STATE_CLOSE_SENT, STATE_CLOSE_RECEIVED, STATE_CLOSED, STATE_HANDSHAKE,
)
from .http import HttpParser, HttpMessage, parse_request, parse_response


def version():
    """(number, "X.Y.Z") of the loaded library."""
    import ctypes
    s = ctypes.c_char_p()
    n = _lib.hk_version(ctypes.byref(s))
    return n, s.value.decode()


__version__ = version()[1]

__all__ = [
    "Error", "version", "library_path", "ABI_VERSION", "LibraryNotFound",
    "webhook_sign", "webhook_verify", "WebhookStream", "generate_msg_id", "generate_secret",
    "generate_keypair", "public_key", "provider_sign", "provider_verify", "PROVIDERS",
    "HAVE_V1A", "hmac_sha256", "sha256",
    "Connection", "Session", "FrameHeader", "frame_decode", "frame_encode",
    "frame_header_len", "mask", "accept_key",
    "OP_CONTINUATION", "OP_TEXT", "OP_BINARY", "OP_CLOSE", "OP_PING", "OP_PONG",
    "STATE_OPEN", "STATE_CLOSE_SENT", "STATE_CLOSE_RECEIVED", "STATE_CLOSED",
    "STATE_HANDSHAKE",
    "HttpParser", "HttpMessage", "parse_request", "parse_response",
]
