/*
 * hooksock/base.h - version, error model, sizes, allocator and randomness.
 *
 * Every other hooksock header includes this one. It defines:
 *   - HK_API, the export macro (the library is built with hidden default
 *     visibility; only what is marked HK_API is exported);
 *   - the version macros and hk_version();
 *   - the single error enumeration shared by every module, hk_strerror(),
 *     hk_error_name() and hk_is_fatal();
 *   - hk_ssize, a ptrdiff_t-based signed size;
 *   - hk_allocator, the per-instance allocator that engines take at creation;
 *   - hk_random_fn, the source of random bytes that engines take at creation.
 *
 * Only <stddef.h> and <stdint.h> types appear in the public headers. The
 * headers compile as C and as C++.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_BASE_H
#define HOOKSOCK_BASE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- export macro ------------------------------------------------------ */

/*
 * HK_API marks every exported function. Define HK_STATIC when linking the
 * static library or compiling the amalgamated hooksock.c into a program on
 * Windows; elsewhere nothing needs defining.
 */
#if defined(_WIN32) && !defined(HK_STATIC)
#  ifdef HK_BUILDING
#    define HK_API __declspec(dllexport)
#  else
#    define HK_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define HK_API __attribute__((visibility("default")))
#else
#  define HK_API
#endif

/* ---- version ------------------------------------------------------------ */

#define HK_VERSION_MAJOR 0
#define HK_VERSION_MINOR 1
#define HK_VERSION_PATCH 0
#define HK_VERSION_STRING "0.1.0"
/* (major << 16) | (minor << 8) | patch, comparable with < and >. */
#define HK_VERSION_NUMBER \
    ((HK_VERSION_MAJOR << 16) | (HK_VERSION_MINOR << 8) | HK_VERSION_PATCH)

/*
 * hk_version - version of the library actually linked.
 *
 * Returns HK_VERSION_NUMBER as the library was built; compare it with the
 * macro of the header you compiled against to detect a mismatch (a binding
 * should refuse a library whose major version differs). If `string` is not
 * NULL it receives a pointer to a static, NUL-terminated "X.Y.Z" string that
 * lives as long as the program.
 */
HK_API uint32_t hk_version(const char **string);

/*
 * hk_version_compatible - whether this library serves a caller written
 * against the header version `header_version` (pass HK_VERSION_NUMBER; a
 * binding passes the version it was written for).
 *
 * Returns 1 when compatible: same major version, and the library is at least
 * as new (before 1.0, when every minor release may break the ABI, the minor
 * version must be the same too); else 0. A binding that loads the library at
 * run time calls it first and refuses to go on with 0.
 */
HK_API int hk_version_compatible(uint32_t header_version);

/*
 * hk_type_size - sizeof of a public struct as this library was built, by its
 * C name ("hk_wh_key", "hk_http_parser", "hk_ws_config", ...: every plain
 * struct of the public headers), or 0 for a name it does not know. name is
 * NUL-terminated and only read during the call.
 *
 * For bindings that cannot read the headers: storage for a struct whose
 * fields are private (hk_wh_key, hk_http_parser, hk_wh_stream, ...) is
 * allocated with this size, and a mirrored struct declaration (ctypes,
 * cgo, Rust repr(C)) is checked against it at load time.
 */
HK_API size_t hk_type_size(const char *name);

/* ---- sizes -------------------------------------------------------------- */

/* A signed size: a byte count (>= 0) or a negative hk_error. */
typedef ptrdiff_t hk_ssize;

/* ---- errors ------------------------------------------------------------- */

/*
 * All hooksock functions that can fail return an int (or an hk_ssize) that is
 * HK_OK (0) or one of the negative codes below.
 *
 * Codes from -1 to -99 are *recoverable*: the call did nothing harmful and
 * may succeed later or with other arguments (would-block, need more input,
 * buffer too small, invalid argument, queue full). Codes <= HK_ERR_FATAL_MIN
 * (-100) are *fatal*: the input is definitively bad, or the stateful object
 * that returned the code is dead and will return the same code (sticky) from
 * every later call; only destroying it is valid. hk_is_fatal() tells which.
 *
 * Ranges: -1..-99 recoverable, -100..-199 general fatal, -200 encodings,
 * -300 HTTP, -400 WebSocket, -500 WebSocket handshake, -600 webhooks,
 * -700 keys and signatures, -800 TLS.
 *
 * X(NAME, value, "description") - hk_error_name() returns "HK_NAME",
 * hk_strerror() the description.
 */
#define HK_ERROR_LIST(X)                                                          \
    /* recoverable */                                                             \
    X(ERR_INVALID_ARG, -1, "invalid argument")                                    \
    X(ERR_WOULD_BLOCK, -2, "operation would block")                               \
    X(ERR_NEED_MORE, -3, "more input needed")                                     \
    X(ERR_BUFFER_TOO_SMALL, -4, "output buffer too small")                        \
    X(ERR_STATE, -5, "operation not valid in the current state")                  \
    X(ERR_QUEUE_FULL, -6, "output queue full")                                    \
    X(ERR_UNSUPPORTED, -7, "not supported by this build or platform")            \
    X(ERR_NOT_FOUND, -8, "not found")                                             \
    /* general, fatal */                                                          \
    X(ERR_NOMEM, -100, "out of memory")                                           \
    X(ERR_RANDOM, -101, "no random source available or it failed")                \
    X(ERR_IO, -102, "I/O callback failed")                                        \
    X(ERR_EOF, -103, "unexpected end of stream")                                  \
    X(ERR_CALLBACK, -104, "user callback failed")                                 \
    X(ERR_OVERFLOW, -105, "size arithmetic overflow")                             \
    X(ERR_TIMEOUT, -106, "timed out")                                             \
    X(ERR_CLOSED, -107, "object already closed")                                  \
    X(ERR_LIMIT, -108, "configured limit exceeded")                               \
    /* encodings */                                                               \
    X(ERR_BASE64_CHAR, -200, "base64: invalid character")                         \
    X(ERR_BASE64_PADDING, -201, "base64: invalid padding")                        \
    X(ERR_BASE64_TRAILING_BITS, -202, "base64: non-zero trailing bits")           \
    X(ERR_BASE64_LENGTH, -203, "base64: invalid length")                          \
    X(ERR_HEX_CHAR, -204, "hex: invalid character")                               \
    X(ERR_HEX_LENGTH, -205, "hex: odd length")                                    \
    X(ERR_UTF8_INVALID, -206, "UTF-8: invalid byte sequence")                     \
    X(ERR_UTF8_INCOMPLETE, -207, "UTF-8: input ends inside a sequence")           \
    /* HTTP/1.1 (RFC 9110, RFC 9112) */                                           \
    X(ERR_HTTP_METHOD, -300, "HTTP: invalid method token")                        \
    X(ERR_HTTP_TARGET, -301, "HTTP: invalid request target")                      \
    X(ERR_HTTP_VERSION, -302, "HTTP: unsupported or malformed version")           \
    X(ERR_HTTP_STATUS, -303, "HTTP: invalid status code")                         \
    X(ERR_HTTP_REASON, -304, "HTTP: invalid reason phrase")                       \
    X(ERR_HTTP_HEADER_NAME, -305, "HTTP: invalid character in header name")       \
    X(ERR_HTTP_HEADER_VALUE, -306, "HTTP: invalid character in header value")     \
    X(ERR_HTTP_SPACE_BEFORE_COLON, -307, "HTTP: whitespace before header colon")  \
    X(ERR_HTTP_OBS_FOLD, -308, "HTTP: obsolete line folding")                     \
    X(ERR_HTTP_BARE_CR, -309, "HTTP: CR not followed by LF")                      \
    X(ERR_HTTP_BARE_LF, -310, "HTTP: LF without CR")                              \
    X(ERR_HTTP_CONTROL_CHAR, -311, "HTTP: control character or NUL")              \
    X(ERR_HTTP_TE_AND_CL, -312, "HTTP: both Transfer-Encoding and Content-Length") \
    X(ERR_HTTP_CL_MISMATCH, -313, "HTTP: conflicting Content-Length values")      \
    X(ERR_HTTP_CL_INVALID, -314, "HTTP: malformed Content-Length")                \
    X(ERR_HTTP_CL_OVERFLOW, -315, "HTTP: Content-Length too large")               \
    X(ERR_HTTP_CHUNK_SIZE, -316, "HTTP: malformed chunk size")                    \
    X(ERR_HTTP_CHUNK_OVERFLOW, -317, "HTTP: chunk size too large")                \
    X(ERR_HTTP_CHUNK_FORMAT, -318, "HTTP: malformed chunk framing")               \
    X(ERR_HTTP_TE_NOT_CHUNKED, -319, "HTTP: final transfer coding is not chunked") \
    X(ERR_HTTP_TE_INVALID, -320, "HTTP: malformed Transfer-Encoding")             \
    X(ERR_HTTP_LINE_TOO_LONG, -321, "HTTP: start line too long")                  \
    X(ERR_HTTP_HEADERS_TOO_LARGE, -322, "HTTP: header block too large")           \
    X(ERR_HTTP_TOO_MANY_HEADERS, -323, "HTTP: too many header fields")            \
    X(ERR_HTTP_BODY_TOO_LARGE, -324, "HTTP: body too large")                      \
    X(ERR_HTTP_HOST, -325, "HTTP: missing or repeated Host")                      \
    X(ERR_HTTP_TRUNCATED, -326, "HTTP: stream ended inside a message")            \
    X(ERR_HTTP_SYNTAX, -327, "HTTP: malformed message")                           \
    X(ERR_HTTP_RETRY_AFTER, -328, "HTTP: malformed Retry-After")                  \
    X(ERR_HTTP_URL, -329, "HTTP: malformed URL")                                  \
    X(ERR_HTTP_LIST, -330, "HTTP: malformed list or parameter syntax")            \
    /* WebSocket frames and connection (RFC 6455 section 5 to 8) */               \
    X(ERR_WS_RSV, -400, "WebSocket: reserved bit set without extension")          \
    X(ERR_WS_OPCODE, -401, "WebSocket: reserved opcode")                          \
    X(ERR_WS_CONTROL_FRAGMENTED, -402, "WebSocket: fragmented control frame")     \
    X(ERR_WS_CONTROL_TOO_LONG, -403, "WebSocket: control frame payload over 125 bytes") \
    X(ERR_WS_UNEXPECTED_CONTINUATION, -404, "WebSocket: continuation frame without a message") \
    X(ERR_WS_EXPECTED_CONTINUATION, -405, "WebSocket: new data frame inside a fragmented message") \
    X(ERR_WS_MASK_REQUIRED, -406, "WebSocket: unmasked frame from client")        \
    X(ERR_WS_MASK_FORBIDDEN, -407, "WebSocket: masked frame from server")         \
    X(ERR_WS_LENGTH, -408, "WebSocket: invalid payload length")                   \
    X(ERR_WS_FRAME_TOO_LARGE, -409, "WebSocket: frame exceeds the configured limit") \
    X(ERR_WS_MESSAGE_TOO_LARGE, -410, "WebSocket: message exceeds the configured limit") \
    X(ERR_WS_INVALID_UTF8, -411, "WebSocket: text is not valid UTF-8")            \
    X(ERR_WS_CLOSE_PAYLOAD, -412, "WebSocket: malformed close payload")           \
    X(ERR_WS_CLOSE_CODE, -413, "WebSocket: invalid close code")                   \
    X(ERR_WS_CLOSE_REASON_UTF8, -414, "WebSocket: close reason is not valid UTF-8") \
    X(ERR_WS_PING_TIMEOUT, -415, "WebSocket: no pong before the timeout")         \
    X(ERR_WS_CLOSE_TIMEOUT, -416, "WebSocket: close handshake timed out")         \
    X(ERR_WS_PEER_CLOSED, -417, "WebSocket: connection closed by the peer")       \
    /* WebSocket opening handshake (RFC 6455 section 4) */                        \
    X(ERR_HS_METHOD, -500, "handshake: request method is not GET")                \
    X(ERR_HS_HTTP_VERSION, -501, "handshake: HTTP version below 1.1")             \
    X(ERR_HS_HOST, -502, "handshake: missing Host")                               \
    X(ERR_HS_UPGRADE, -503, "handshake: missing or wrong Upgrade")                \
    X(ERR_HS_CONNECTION, -504, "handshake: Connection does not list upgrade")     \
    X(ERR_HS_WS_VERSION, -505, "handshake: unsupported Sec-WebSocket-Version")    \
    X(ERR_HS_KEY, -506, "handshake: missing or malformed Sec-WebSocket-Key")      \
    X(ERR_HS_STATUS, -507, "handshake: response status is not 101")              \
    X(ERR_HS_ACCEPT, -508, "handshake: wrong Sec-WebSocket-Accept")               \
    X(ERR_HS_PROTOCOL, -509, "handshake: subprotocol not offered")                \
    X(ERR_HS_EXTENSION, -510, "handshake: extension not offered")                 \
    X(ERR_HS_URL, -511, "handshake: invalid WebSocket URL")                       \
    X(ERR_HS_DUPLICATE_HEADER, -512, "handshake: header repeated")               \
    X(ERR_HS_REJECTED, -513, "handshake: refused by the application")             \
    X(ERR_HS_BODY, -514, "handshake: upgrade request carries a body")             \
    /* webhooks */                                                                \
    X(ERR_WH_MISSING_HEADER, -600, "webhook: missing header")                     \
    X(ERR_WH_TIMESTAMP, -601, "webhook: malformed timestamp")                     \
    X(ERR_WH_TOO_OLD, -602, "webhook: timestamp too old")                         \
    X(ERR_WH_TOO_NEW, -603, "webhook: timestamp too new")                         \
    X(ERR_WH_SIGNATURE_FORMAT, -604, "webhook: malformed signature header")       \
    X(ERR_WH_NO_MATCH, -605, "webhook: no matching signature")                    \
    X(ERR_WH_SECRET, -606, "webhook: malformed or short secret")                  \
    X(ERR_WH_ID, -607, "webhook: malformed message id")                           \
    X(ERR_WH_PROVIDER, -608, "webhook: unknown provider")                         \
    X(ERR_WH_KEY_TYPE, -609, "webhook: wrong key type for this use (e.g. signing with a public key)") \
    /* keys and signatures */                                                     \
    X(ERR_KEY_FORMAT, -700, "key: malformed key")                                 \
    X(ERR_KEY_MISMATCH, -701, "key: public half does not match the seed")         \
    X(ERR_SIGNATURE, -702, "signature: verification failed")                      \
    X(ERR_SIGNATURE_ENCODING, -703, "signature: non-canonical encoding")          \
    /* TLS adapter */                                                             \
    X(ERR_TLS, -800, "TLS: failure in the TLS library")

#define HK__ERROR_ENUM(name, value, text) HK_##name = value,

/* The error codes. Functions return them as int. */
typedef enum hk_error {
    HK_OK = 0,
    HK_ERROR_LIST(HK__ERROR_ENUM)
    HK_ERR_FATAL_MIN = -100 /* codes <= this are fatal */
} hk_error;

/*
 * hk_strerror - a short English description of an error code.
 *
 * Returns a static NUL-terminated string (never NULL); an unknown code gives
 * "unknown error". The string lives as long as the program.
 */
HK_API const char *hk_strerror(int err);

/*
 * hk_error_name - the symbolic name of an error code, e.g. "HK_ERR_NOMEM".
 *
 * Returns a static string; "HK_OK" for 0 and "HK_ERR_UNKNOWN" for a code that
 * is not in the list. Meant for bindings and logs.
 */
HK_API const char *hk_error_name(int err);

/*
 * hk_is_fatal - whether `err` is fatal (see above). Returns 1 for fatal
 * codes, 0 for HK_OK, recoverable codes and positive values.
 */
HK_API int hk_is_fatal(int err);

/* ---- allocator ---------------------------------------------------------- */

/*
 * A per-instance allocator. Engines take a pointer to one at creation, copy
 * it, and route every allocation through it; nothing in hooksock allocates
 * any other way, and codecs never allocate at all.
 *
 *   malloc_fn(size, user)                    -> new block or NULL
 *   realloc_fn(ptr, old_size, new_size, user) -> moved block or NULL (ptr is
 *                                               then left untouched)
 *   free_fn(ptr, size, user)                 -> release; `size` is the size
 *                                               the block was allocated with
 *
 * hooksock never calls them with size 0 and never passes NULL to free_fn.
 * `user` is passed through unchanged; it is owned by the caller.
 */
typedef struct hk_allocator {
    void *(*malloc_fn)(size_t size, void *user);
    void *(*realloc_fn)(void *ptr, size_t old_size, size_t new_size, void *user);
    void (*free_fn)(void *ptr, size_t size, void *user);
    void *user;
} hk_allocator;

/*
 * hk_allocator_default - the C library's malloc/realloc/free.
 *
 * Returns a pointer to a static, read-only allocator. Passing NULL wherever
 * an allocator is asked for means the same thing.
 */
HK_API const hk_allocator *hk_allocator_default(void);

/* ---- randomness --------------------------------------------------------- */

/*
 * A source of cryptographically secure random bytes: fill buf[0..len) and
 * return HK_OK, or return a negative hk_error (HK_ERR_RANDOM) if it cannot.
 * It must never return weak bytes instead of failing.
 */
typedef int (*hk_random_fn)(void *user, uint8_t *buf, size_t len);

/*
 * hk_random_default - the operating system's CSPRNG (getrandom() on Linux,
 * arc4random_buf() on the BSDs and macOS, BCryptGenRandom on Windows).
 *
 * `user` is ignored. Returns HK_OK, HK_ERR_RANDOM if the OS source failed or
 * this platform has none (there is no fallback to a weaker generator), or
 * HK_ERR_INVALID_ARG if buf is NULL while len > 0.
 */
HK_API int hk_random_default(void *user, uint8_t *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* HOOKSOCK_BASE_H */
