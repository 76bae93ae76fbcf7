"""Small helpers shared by the binding modules."""
import ctypes

from ._native import HttpHeader


def to_bytes(v, what="value"):
    if isinstance(v, str):
        return v.encode("utf-8")
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v)
    raise TypeError("%s must be str or bytes, not %s" % (what, type(v).__name__))


def addr(b):
    """Address of an immutable bytes object's buffer (the caller keeps b alive)."""
    if not b:
        return None
    return ctypes.cast(ctypes.c_char_p(b), ctypes.c_void_p).value


def storage(size):
    """Zeroed, 8-byte aligned storage for a struct with private fields."""
    return (ctypes.c_uint64 * ((size + 7) // 8))()


def header_array(headers):
    """headers: a mapping or a sequence of (name, value) pairs -> (array, n, keep)."""
    items = list(headers.items()) if hasattr(headers, "items") else list(headers)
    arr = (HttpHeader * max(1, len(items)))()
    keep = []
    for i, (k, v) in enumerate(items):
        kb, vb = to_bytes(k, "header name"), to_bytes(v, "header value")
        keep += [kb, vb]
        arr[i].name, arr[i].name_len = addr(kb), len(kb)
        arr[i].value, arr[i].value_len = addr(vb), len(vb)
    return arr, len(items), keep


def from_ptr(p, n):
    """Copy n bytes at address/pointer p (valid only during a C call) to bytes."""
    if not n:
        return b""
    return ctypes.string_at(p, n)
