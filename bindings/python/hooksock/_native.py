"""Loading libhooksock and declaring its functions for ctypes.

The library is looked up, in this order:
  1. the path in the environment variable HOOKSOCK_LIBRARY;
  2. next to this package (a libhooksock.so* / .dylib / .dll copied into
     the package directory);
  3. the system library path (ctypes.util.find_library("hooksock"), then
     the plain soname).
It is refused unless hk_version_compatible() accepts the version this
binding was written for (ABI_VERSION), and unless every struct mirrored
here has the size the library reports through hk_type_size().
"""
import ctypes
import ctypes.util
import glob
import os
import sys

# The hooksock version this binding is written against (HK_VERSION_NUMBER).
ABI_VERSION = (0 << 16) | (1 << 8) | 0

c_size = ctypes.c_size_t
c_ssize = ctypes.c_ssize_t  # hk_ssize is ptrdiff_t: same width as ssize_t
c_char_p = ctypes.c_char_p
c_void_p = ctypes.c_void_p
c_int = ctypes.c_int
c_u8p = ctypes.POINTER(ctypes.c_uint8)


class LibraryNotFound(OSError):
    pass


def _candidates():
    env = os.environ.get("HOOKSOCK_LIBRARY")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    for pat in ("libhooksock.so*", "libhooksock*.dylib", "hooksock*.dll"):
        for p in sorted(glob.glob(os.path.join(here, pat))):
            yield p
    found = ctypes.util.find_library("hooksock")
    if found:
        yield found
    if sys.platform == "darwin":
        yield "libhooksock.0.dylib"
    elif sys.platform == "win32":
        yield "hooksock.dll"
    else:
        yield "libhooksock.so.0"


def _load():
    errors = []
    for cand in _candidates():
        try:
            return ctypes.CDLL(cand), cand
        except OSError as e:
            errors.append("%s: %s" % (cand, e))
    raise LibraryNotFound("hooksock: shared library not found (set HOOKSOCK_LIBRARY): "
                          + "; ".join(errors))


lib, path = _load()


def _fn(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


# ---- base ----------------------------------------------------------------
_fn("hk_version", ctypes.c_uint32, ctypes.POINTER(c_char_p))
_fn("hk_version_compatible", c_int, ctypes.c_uint32)
_fn("hk_type_size", c_size, c_char_p)
_fn("hk_strerror", c_char_p, c_int)
_fn("hk_error_name", c_char_p, c_int)
_fn("hk_is_fatal", c_int, c_int)

if not lib.hk_version_compatible(ABI_VERSION):
    _s = c_char_p()
    _v = lib.hk_version(ctypes.byref(_s))
    raise ImportError("hooksock: library %s is version %s (0x%06x); this binding needs a "
                      "library compatible with 0x%06x" % (path, _s.value.decode(), _v,
                                                          ABI_VERSION))

# ---- mirrored structs -----------------------------------------------------
HK_RANDOM_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_u8p, c_size)


class Allocator(ctypes.Structure):
    _fields_ = [("malloc_fn", c_void_p), ("realloc_fn", c_void_p), ("free_fn", c_void_p),
                ("user", c_void_p)]


class HttpHeader(ctypes.Structure):
    _fields_ = [("name", c_void_p), ("name_len", c_size),
                ("value", c_void_p), ("value_len", c_size)]


class HttpMessage(ctypes.Structure):
    _fields_ = [("size", c_size), ("kind", c_int), ("version_minor", c_int),
                ("method", c_void_p), ("method_len", c_size),
                ("target", c_void_p), ("target_len", c_size),
                ("status", c_int), ("reason", c_void_p), ("reason_len", c_size),
                ("headers", ctypes.POINTER(HttpHeader)), ("num_headers", c_size),
                ("head_len", c_size), ("body_kind", c_int), ("keep_alive", c_int),
                ("upgrade", c_int), ("flags", ctypes.c_uint32),
                ("content_length", ctypes.c_uint64)]


class WhHeaders(ctypes.Structure):
    _fields_ = [("id", c_void_p), ("id_len", c_size),
                ("timestamp", c_void_p), ("timestamp_len", c_size),
                ("signature", c_void_p), ("signature_len", c_size)]


class WhSecret(ctypes.Structure):
    _fields_ = [("data", c_void_p), ("len", c_size)]


class WhGeneric(ctypes.Structure):
    _fields_ = [("size", c_size), ("header", c_void_p), ("header_len", c_size),
                ("prefix", c_void_p), ("prefix_len", c_size),
                ("encoding", ctypes.c_uint32), ("algorithm", ctypes.c_uint32)]


class WhProviderParams(ctypes.Structure):
    _fields_ = [("size", c_size), ("provider", c_int),
                ("secrets", ctypes.POINTER(WhSecret)), ("nsecrets", c_size),
                ("now", ctypes.c_int64), ("tolerance", ctypes.c_uint32),
                ("flags", ctypes.c_uint32), ("timestamp", ctypes.c_int64),
                ("id", c_void_p), ("id_len", c_size),
                ("url", c_void_p), ("url_len", c_size),
                ("json", ctypes.c_uint32), ("reserved_", ctypes.c_uint32),
                ("generic", ctypes.POINTER(WhGeneric))]


class WsFrameHeader(ctypes.Structure):
    _fields_ = [("payload_len", ctypes.c_uint64), ("fin", ctypes.c_uint8),
                ("rsv", ctypes.c_uint8), ("opcode", ctypes.c_uint8),
                ("masked", ctypes.c_uint8), ("mask_key", ctypes.c_uint8 * 4),
                ("header_len", ctypes.c_uint32)]


READ_FN = ctypes.CFUNCTYPE(c_ssize, c_void_p, c_u8p, c_size)
WRITE_FN = ctypes.CFUNCTYPE(c_ssize, c_void_p, c_u8p, c_size)
MESSAGE_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_int, c_u8p, c_size)
CHUNK_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_int, c_u8p, c_size, ctypes.c_uint)
CONTROL_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_u8p, c_size)
CLOSE_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_int, c_void_p, c_size)


class WsConfig(ctypes.Structure):
    _fields_ = [("size", c_size), ("role", c_int),
                ("max_frame_size", ctypes.c_uint64), ("max_message_size", ctypes.c_uint64),
                ("max_output_bytes", c_size), ("recv_buffer_size", c_size),
                ("auto_pong", c_int), ("validate_utf8_send", c_int),
                ("ping_interval_ms", ctypes.c_uint32), ("pong_timeout_ms", ctypes.c_uint32),
                ("close_timeout_ms", ctypes.c_uint32),
                ("allocator", ctypes.POINTER(Allocator)),
                ("random", HK_RANDOM_FN), ("random_user", c_void_p),
                ("user", c_void_p), ("read", READ_FN), ("write", WRITE_FN),
                ("on_message", MESSAGE_FN), ("on_chunk", CHUNK_FN),
                ("on_ping", CONTROL_FN), ("on_pong", CONTROL_FN), ("on_close", CLOSE_FN)]


class WsSessionConfig(ctypes.Structure):
    _fields_ = [("size", c_size), ("role", c_int), ("ws", ctypes.POINTER(WsConfig)),
                ("max_start_line", c_size), ("max_header_bytes", c_size),
                ("max_headers", c_size), ("handshake_timeout_ms", ctypes.c_uint32),
                ("protocols", c_void_p), ("protocols_len", c_size),
                ("on_request", c_void_p), ("on_extension", c_void_p), ("user_hs", c_void_p),
                ("url", c_void_p), ("url_len", c_size),
                ("origin", c_void_p), ("origin_len", c_size),
                ("headers", ctypes.POINTER(HttpHeader)), ("num_headers", c_size),
                ("extensions", c_void_p), ("extensions_len", c_size)]


MIRRORED = {
    "hk_allocator": Allocator, "hk_http_header": HttpHeader, "hk_http_message": HttpMessage,
    "hk_wh_headers": WhHeaders, "hk_wh_secret": WhSecret, "hk_wh_generic": WhGeneric,
    "hk_wh_provider_params": WhProviderParams, "hk_ws_frame_header": WsFrameHeader,
    "hk_ws_config": WsConfig, "hk_ws_session_config": WsSessionConfig,
}
for _name, _cls in MIRRORED.items():
    _n = lib.hk_type_size(_name.encode())
    if _n != ctypes.sizeof(_cls):
        raise ImportError("hooksock: struct %s is %d bytes in %s but %d in this binding"
                          % (_name, _n, path, ctypes.sizeof(_cls)))

# Structs with private fields: storage of the size the library reports.
SIZE_WH_KEY = lib.hk_type_size(b"hk_wh_key")
SIZE_HTTP_PARSER = lib.hk_type_size(b"hk_http_parser")
SIZE_WH_STREAM = lib.hk_type_size(b"hk_wh_stream")
if not (SIZE_WH_KEY and SIZE_HTTP_PARSER and SIZE_WH_STREAM):
    raise ImportError("hooksock: %s does not report its struct sizes" % path)

# ---- crypto --------------------------------------------------------------
_fn("hk_hmac_sha256", None, c_void_p, c_size, c_void_p, c_size, c_void_p)
_fn("hk_sha256", None, c_void_p, c_size, c_void_p)
_fn("hk_sha1", None, c_void_p, c_size, c_void_p)
_fn("hk_base64_decode", c_int, c_void_p, c_size, c_void_p, c_size, ctypes.c_uint,
    ctypes.POINTER(c_size))
_fn("hk_utf8_validate", c_int, c_void_p, c_size, ctypes.POINTER(c_size))

# ---- webhook -------------------------------------------------------------
_fn("hk_wh_key_from_secret", c_int, c_void_p, c_void_p, c_size)
_fn("hk_wh_key_from_bytes", c_int, c_void_p, c_void_p, c_size)
_fn("hk_wh_key_wipe", None, c_void_p)
_fn("hk_wh_sign", c_int, c_void_p, c_size, ctypes.POINTER(c_size), c_void_p, c_size,
    c_void_p, c_size, ctypes.c_int64, c_void_p, c_size)
_fn("hk_wh_verify", c_int, c_void_p, c_size, ctypes.POINTER(WhHeaders), c_void_p, c_size,
    ctypes.c_int64, ctypes.c_uint32)
_fn("hk_wh_verify_ignoring_timestamp", c_int, c_void_p, c_size, ctypes.POINTER(WhHeaders),
    c_void_p, c_size)
_fn("hk_wh_headers_from_http", c_int, ctypes.POINTER(HttpHeader), c_size,
    ctypes.POINTER(WhHeaders))
_fn("hk_wh_stream_init", c_int, c_void_p, c_void_p, c_size, ctypes.POINTER(WhHeaders),
    ctypes.c_int64, ctypes.c_uint32, ctypes.c_uint)
_fn("hk_wh_stream_update", c_int, c_void_p, c_void_p, c_size)
_fn("hk_wh_stream_final", c_int, c_void_p, ctypes.POINTER(c_size))
_fn("hk_wh_stream_wipe", None, c_void_p)
_fn("hk_wh_generate_id", c_int, c_void_p, c_size, ctypes.POINTER(c_size), c_void_p, c_void_p)
_fn("hk_wh_generate_secret", c_int, c_void_p, c_size, ctypes.POINTER(c_size), c_void_p,
    c_void_p)
_fn("hk_wh_provider_params_init", None, ctypes.POINTER(WhProviderParams), c_int)
_fn("hk_wh_provider_from_name", c_int, c_char_p, c_size)
_fn("hk_wh_provider_name", c_char_p, c_int)
_fn("hk_wh_provider_verify", c_int, ctypes.POINTER(WhProviderParams),
    ctypes.POINTER(HttpHeader), c_size, c_void_p, c_size)
_fn("hk_wh_provider_sign", c_int, ctypes.POINTER(WhProviderParams), c_void_p, c_size,
    ctypes.POINTER(HttpHeader), ctypes.POINTER(c_size), c_void_p, c_size,
    ctypes.POINTER(c_void_p), ctypes.POINTER(c_size))
# Standard Webhooks v1a (Ed25519 "whsk_"/"whpk_" keys; part of 0.1.0).
HAVE_V1A = True
_fn("hk_wh_generate_keypair", c_int, c_void_p, c_size, ctypes.POINTER(c_size), c_void_p,
    c_size, ctypes.POINTER(c_size), c_void_p, c_void_p)
_fn("hk_wh_key_type", c_int, c_void_p)
_fn("hk_wh_key_public", c_int, c_void_p, c_void_p, c_size, ctypes.POINTER(c_size))

# ---- WebSocket frames and connection -------------------------------------
_fn("hk_ws_frame_decode", c_ssize, ctypes.POINTER(WsFrameHeader), c_void_p, c_size,
    ctypes.POINTER(c_size))
_fn("hk_ws_frame_header_len", c_size, ctypes.c_uint64, c_int)
_fn("hk_ws_frame_encode", c_ssize, c_void_p, c_size, ctypes.POINTER(WsFrameHeader))
_fn("hk_ws_mask", ctypes.c_uint64, c_void_p, c_size, c_void_p, ctypes.c_uint64)
_fn("hk_ws_close_code_valid", c_int, c_int)
_fn("hk_ws_accept_key", c_int, c_void_p, c_size, c_void_p)
_fn("hk_ws_config_default", None, ctypes.POINTER(WsConfig))
_fn("hk_ws_conn_create", c_int, ctypes.POINTER(c_void_p), ctypes.POINTER(WsConfig))
_fn("hk_ws_conn_destroy", None, c_void_p)
_fn("hk_ws_conn_feed", c_ssize, c_void_p, c_void_p, c_size)
_fn("hk_ws_conn_feed_eof", c_int, c_void_p)
_fn("hk_ws_conn_output", c_size, c_void_p, ctypes.POINTER(c_void_p))
_fn("hk_ws_conn_output_advance", c_int, c_void_p, c_size)
for _op in ("text", "binary", "ping", "pong"):
    _fn("hk_ws_conn_send_" + _op, c_int, c_void_p, c_void_p, c_size)
_fn("hk_ws_conn_close", c_int, c_void_p, c_int, c_void_p, c_size)
_fn("hk_ws_conn_tick", c_int, c_void_p, ctypes.c_uint64, ctypes.POINTER(ctypes.c_uint64))
_fn("hk_ws_conn_state", c_int, c_void_p)
_fn("hk_ws_conn_error", c_int, c_void_p)
_fn("hk_ws_conn_close_code", c_int, c_void_p)
_fn("hk_ws_session_config_default", None, ctypes.POINTER(WsSessionConfig))
_fn("hk_ws_session_create", c_int, ctypes.POINTER(c_void_p), ctypes.POINTER(WsSessionConfig))
_fn("hk_ws_session_destroy", None, c_void_p)
_fn("hk_ws_session_feed", c_ssize, c_void_p, c_void_p, c_size)
_fn("hk_ws_session_feed_eof", c_int, c_void_p)
_fn("hk_ws_session_output", c_size, c_void_p, ctypes.POINTER(c_void_p))
_fn("hk_ws_session_output_advance", c_int, c_void_p, c_size)
_fn("hk_ws_session_tick", c_int, c_void_p, ctypes.c_uint64, ctypes.POINTER(ctypes.c_uint64))
_fn("hk_ws_session_state", c_int, c_void_p)
_fn("hk_ws_session_error", c_int, c_void_p)
_fn("hk_ws_session_conn", c_void_p, c_void_p)
_fn("hk_ws_session_protocol", c_char_p, c_void_p)
_fn("hk_ws_session_http_status", c_int, c_void_p)

# ---- HTTP ----------------------------------------------------------------
_fn("hk_http_parser_init", c_int, c_void_p, c_int, c_void_p)
_fn("hk_http_parser_reset", None, c_void_p)
_fn("hk_http_parser_set_request_method", c_int, c_void_p, c_void_p, c_size)
_fn("hk_http_parse_head", c_ssize, c_void_p, c_void_p, c_size, ctypes.POINTER(HttpHeader),
    c_size, ctypes.POINTER(HttpMessage))
_fn("hk_http_body_next", c_int, c_void_p, c_void_p, c_size, ctypes.POINTER(c_size),
    ctypes.POINTER(c_void_p), ctypes.POINTER(c_size))
_fn("hk_http_parser_eof", c_int, c_void_p)
