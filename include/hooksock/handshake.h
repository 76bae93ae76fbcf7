/*
 * hooksock/handshake.h - the WebSocket opening handshake (RFC 6455 section 4)
 * and hk_ws_session, which takes a connection from its first byte to its
 * close.
 *
 * Two layers, as everywhere in hooksock:
 *
 *  1. Pure functions (no allocation, no hidden state) over the HTTP layer:
 *       server: hk_ws_server_check() validates a request parsed with
 *               hk_http_parse_head(), hk_ws_select_protocol() picks a
 *               subprotocol, hk_ws_server_build_accept() writes the 101
 *               response and hk_ws_server_build_reject() an error response
 *               (hk_ws_handshake_status() maps an error to its status code);
 *       client: hk_ws_client_key() makes a fresh key,
 *               hk_ws_client_build_request() writes the request for a ws://
 *               or wss:// URL, hk_ws_client_check() validates the response;
 *       both:   hk_ws_accept_key() computes Sec-WebSocket-Accept.
 *
 *  2. hk_ws_session: owns an hk_ws_conn and runs the handshake through the
 *     same I/O callbacks (hk_ws_config.read/.write) or feed/drain calls as
 *     the engine, then hands over: bytes that arrived after the handshake in
 *     the same read are passed to the engine, none lost. Until the
 *     handshake completes hk_ws_session_conn() returns NULL, so no frame
 *     can be sent early.
 *
 * The session never owns a socket, a thread or a timer; time enters through
 * hk_ws_session_tick(). TLS (wss://) is the caller's business: the session
 * only sees the plaintext bytes.
 *
 * Example (server, feed/drain):
 *
 *   hk_ws_config ws;  hk_ws_session_config sc;  hk_ws_session *s;
 *   hk_ws_config_default(&ws);  ws.on_message = my_message;  ws.user = ctx;
 *   hk_ws_session_config_default(&sc);
 *   sc.role = HK_WS_ROLE_SERVER;  sc.ws = &ws;
 *   sc.protocols = "chat, superchat";  sc.protocols_len = 15;
 *   if (hk_ws_session_create(&s, &sc) != HK_OK) ...
 *   on every read: hk_ws_session_feed(s, buf, n)   (consumes all of it
 *                  unless the engine's output queue is backed up)
 *   while hk_ws_session_want_write(s): hk_ws_session_output(s, &p) -> send()
 *                  -> hk_ws_session_output_advance(s, sent)
 *   hk_ws_session_tick(s, now_ms, &next)
 *   send messages with hk_ws_conn_send_*(hk_ws_session_conn(s), ...) once
 *   hk_ws_session_conn() is not NULL (or from the engine's callbacks);
 *   close the socket when hk_ws_session_state(s) == HK_WS_STATE_CLOSED.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_HANDSHAKE_H
#define HOOKSOCK_HANDSHAKE_H

#include "base.h"
#include "http.h"
#include "ws.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The GUID of RFC 6455 section 1.3 appended to the key before hashing. */
#define HK_WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
/* Sec-WebSocket-Key: base64 of 16 random bytes (RFC 6455 section 4.1). */
#define HK_WS_KEY_LEN 24
/* Sec-WebSocket-Accept: base64 of a SHA-1 digest. */
#define HK_WS_ACCEPT_LEN 28

/* ======================================================================
 * Pure layer: keys
 * ====================================================================== */

/*
 * hk_ws_accept_key - Sec-WebSocket-Accept for key[0..key_len) (RFC 6455
 * section 4.2.2 item 5.4): base64(SHA-1(key + HK_WS_GUID)). The key must be
 * the base64 of exactly 16 bytes (strictly decoded). Writes exactly
 * HK_WS_ACCEPT_LEN characters to out (no NUL).
 * Returns HK_OK, HK_ERR_HS_KEY (malformed key), HK_ERR_INVALID_ARG (NULL).
 */
HK_API int hk_ws_accept_key(const char *key, size_t key_len, char out[HK_WS_ACCEPT_LEN]);

/*
 * hk_ws_client_key - a fresh Sec-WebSocket-Key: 16 bytes from
 * random(random_user, ...) (NULL: hk_random_default) in base64, exactly
 * HK_WS_KEY_LEN characters written to out (no NUL).
 * Returns HK_OK, HK_ERR_INVALID_ARG (out NULL), or the random source's
 * error (HK_ERR_RANDOM).
 */
HK_API int hk_ws_client_key(hk_random_fn random, void *random_user, char out[HK_WS_KEY_LEN]);

/* ======================================================================
 * Pure layer: server side (RFC 6455 section 4.2)
 * ====================================================================== */

/*
 * What a valid upgrade request says, filled by hk_ws_server_check(). The
 * caller sets `size` = sizeof(hk_ws_request). Every pointer points into the
 * parsed request (the caller's buffer); strings are not NUL-terminated.
 *
 *   msg          the parsed request (all fields: msg->headers)
 *   target       the request-target as sent (path and query)
 *   host         the Host value
 *   origin       the Origin value (RFC 6455 section 10.2; browsers send it),
 *                NULL/0 if absent: the application decides whether to
 *                accept it
 *   key          the Sec-WebSocket-Key value (validated: 16 bytes)
 *   protocols    the offered subprotocols as one list, i.e. the value of
 *                the first Sec-WebSocket-Protocol field (NULL/0 if none);
 *                iterate over all of them, repeated fields included, with
 *                hk_http_list_init_headers(&it, msg->headers,
 *                msg->num_headers, "Sec-WebSocket-Protocol", 22)
 *   num_protocols   how many subprotocols were offered (all fields)
 *   num_extensions  how many extensions were offered (all
 *                Sec-WebSocket-Extensions fields; iterate the same way)
 */
typedef struct hk_ws_request {
    size_t size;
    const hk_http_message *msg;
    const char *target;
    size_t target_len;
    const char *host;
    size_t host_len;
    const char *origin;
    size_t origin_len;
    const char *key;
    size_t key_len;
    const char *protocols;
    size_t protocols_len;
    size_t num_protocols;
    size_t num_extensions;
} hk_ws_request;

/*
 * hk_ws_server_check - validate an opening handshake request (RFC 6455
 * section 4.2.1) parsed by hk_http_parse_head().
 *
 * Checks, in this order, each failure with its own code:
 *   HK_ERR_HS_METHOD          method is not GET
 *   HK_ERR_HS_HTTP_VERSION    HTTP/1.0 (the parser accepts only 1.0 and 1.1)
 *   HK_ERR_HS_HOST            no Host field (or more than one)
 *   HK_ERR_HS_BODY            Content-Length other than 0, or any
 *                             Transfer-Encoding: the bytes after the head
 *                             are frames, so a body would be smuggled into
 *                             the WebSocket stream
 *   HK_ERR_HS_DUPLICATE_HEADER  Upgrade, Sec-WebSocket-Key or
 *                             Sec-WebSocket-Version given more than once
 *   HK_ERR_HS_UPGRADE         no Upgrade field, or its list does not
 *                             contain "websocket" (case-insensitive)
 *   HK_ERR_HS_CONNECTION      the Connection list (every Connection field)
 *                             does not contain "upgrade"
 *   HK_ERR_HS_WS_VERSION      Sec-WebSocket-Version missing or not "13"
 *                             (answer 426 with "Sec-WebSocket-Version: 13",
 *                             section 4.4)
 *   HK_ERR_HS_KEY             Sec-WebSocket-Key missing, or not the strict
 *                             base64 of exactly 16 bytes
 *   HK_ERR_HS_PROTOCOL        Sec-WebSocket-Protocol is not a token list
 *   HK_ERR_HS_EXTENSION       Sec-WebSocket-Extensions is malformed
 *                             (RFC 6455 section 9.1 syntax)
 *   HK_ERR_INVALID_ARG        NULL, a response, or out->size too small
 * On HK_OK *out is filled; on error it is left partly written.
 */
HK_API int hk_ws_server_check(const hk_http_message *msg, hk_ws_request *out);

/*
 * hk_ws_handshake_status - the HTTP status a server should answer a failed
 * handshake with: 426 for HK_ERR_HS_WS_VERSION, 405 for HK_ERR_HS_METHOD,
 * 505 for HK_ERR_HTTP_VERSION, 414 for HK_ERR_HTTP_LINE_TOO_LONG, 431 for
 * HK_ERR_HTTP_HEADERS_TOO_LARGE and _TOO_MANY_HEADERS, 403 for
 * HK_ERR_HS_REJECTED, 500 for HK_ERR_NOMEM and HK_ERR_CALLBACK, 400 for
 * every other error (malformed HTTP and the other handshake errors).
 */
HK_API int hk_ws_handshake_status(int err);

/*
 * hk_ws_select_protocol - pick the subprotocol: the first entry of the
 * server's preference list prefs[0..prefs_len) (a comma-separated token
 * list, e.g. "v2.chat, chat") that the client offered in any
 * Sec-WebSocket-Protocol field of msg (compared case-sensitively: RFC 6455
 * section 11.3.4 registers subprotocol names as case-sensitive).
 * *protocol receives a pointer into prefs and *protocol_len its length, or
 * NULL/0 if nothing matches (then no subprotocol is named in the response).
 * Returns HK_OK, HK_ERR_HS_PROTOCOL (the request's list is malformed),
 * HK_ERR_INVALID_ARG (NULL, or prefs is not a token list).
 */
HK_API int hk_ws_select_protocol(const hk_http_message *msg, const char *prefs, size_t prefs_len,
                                 const char **protocol, size_t *protocol_len);

/*
 * hk_ws_request_offers_protocol - 1 if the request offered protocol[0..len)
 * (case-sensitive), 0 if not, HK_ERR_HS_PROTOCOL if its list is malformed.
 */
HK_API int hk_ws_request_offers_protocol(const hk_http_message *msg, const char *protocol,
                                         size_t len);

/*
 * The 101 response, for hk_ws_server_build_accept(). size =
 * sizeof(hk_ws_accept_spec).
 *   key         the client's Sec-WebSocket-Key (hk_ws_request.key)
 *   protocol    the selected subprotocol, or NULL for none
 *   extensions  the Sec-WebSocket-Extensions value to send (the accepted
 *               extensions and their parameters), or NULL for none
 *   headers     extra fields (e.g. Set-Cookie); may be NULL if num_headers
 *               is 0. They may not be Upgrade, Connection, Content-Length,
 *               Transfer-Encoding or Sec-WebSocket-* (HK_ERR_INVALID_ARG).
 */
typedef struct hk_ws_accept_spec {
    size_t size;
    const char *key;
    size_t key_len;
    const char *protocol;
    size_t protocol_len;
    const char *extensions;
    size_t extensions_len;
    const hk_http_header *headers;
    size_t num_headers;
} hk_ws_accept_spec;

/*
 * hk_ws_server_build_accept - write "HTTP/1.1 101 Switching Protocols" with
 * Upgrade: websocket, Connection: Upgrade, Sec-WebSocket-Accept and the
 * optional fields into buf[0..cap). *len receives the length, or with
 * HK_ERR_BUFFER_TOO_SMALL the size needed (buf may be NULL when cap is 0).
 * Returns HK_OK, HK_ERR_HS_KEY, HK_ERR_BUFFER_TOO_SMALL, HK_ERR_INVALID_ARG,
 * or an HTTP builder error for a field that would be invalid (e.g.
 * HK_ERR_HTTP_HEADER_VALUE).
 */
HK_API int hk_ws_server_build_accept(const hk_ws_accept_spec *spec, char *buf, size_t cap,
                                     size_t *len);

/*
 * hk_ws_server_build_reject - write an error response for a refused
 * handshake: status (400..599) with its standard reason phrase,
 * "Connection: close", "Content-Type: text/plain; charset=utf-8", and
 * body[0..body_len) (may be NULL/0) as the body; for 426 also
 * "Sec-WebSocket-Version: 13" (RFC 6455 section 4.4). headers[0..n) are
 * added as given (e.g. WWW-Authenticate). *len as above.
 * Returns HK_OK, HK_ERR_BUFFER_TOO_SMALL, HK_ERR_INVALID_ARG (status out of
 * range, NULL), or an HTTP builder error.
 */
HK_API int hk_ws_server_build_reject(int status, const char *body, size_t body_len,
                                     const hk_http_header *headers, size_t num_headers, char *buf,
                                     size_t cap, size_t *len);

/* ======================================================================
 * Pure layer: client side (RFC 6455 section 4.1)
 * ====================================================================== */

/*
 * The client's request, for hk_ws_client_build_request() and
 * hk_ws_client_check(). size = sizeof(hk_ws_client_spec). Strings are
 * pointer + length, not necessarily NUL-terminated.
 *   url         "ws://host[:port]/path?query" or "wss://...": host names,
 *               IPv4 and bracketed IPv6 literals; userinfo and fragments
 *               are refused (HK_ERR_HS_URL)
 *   key         HK_WS_KEY_LEN characters from hk_ws_client_key()
 *   protocols   the offered subprotocols as a comma-separated token list
 *               ("chat, superchat"), or NULL for none
 *   extensions  the Sec-WebSocket-Extensions value to offer, or NULL
 *   origin      an Origin value to send, or NULL
 *   headers     extra fields (e.g. Authorization); may be NULL if
 *               num_headers is 0. Host, Upgrade, Connection, Content-Length,
 *               Transfer-Encoding and Sec-WebSocket-* are refused
 *               (HK_ERR_INVALID_ARG).
 */
typedef struct hk_ws_client_spec {
    size_t size;
    const char *url;
    size_t url_len;
    const char *key;
    size_t key_len;
    const char *protocols;
    size_t protocols_len;
    const char *extensions;
    size_t extensions_len;
    const char *origin;
    size_t origin_len;
    const hk_http_header *headers;
    size_t num_headers;
} hk_ws_client_spec;

/*
 * hk_ws_client_build_request - write the GET request for spec into
 * buf[0..cap): request-target from the URL, Host (with the port unless it
 * is the scheme's default, IPv6 in brackets), Upgrade, Connection,
 * Sec-WebSocket-Key, Sec-WebSocket-Version: 13 and the optional fields.
 * *len receives the length, or with HK_ERR_BUFFER_TOO_SMALL the size needed.
 * Returns HK_OK, HK_ERR_HS_URL, HK_ERR_HS_KEY (key not the base64 of 16
 * bytes), HK_ERR_HS_PROTOCOL (protocols not a non-empty token list),
 * HK_ERR_HS_EXTENSION (extensions malformed), HK_ERR_BUFFER_TOO_SMALL,
 * HK_ERR_INVALID_ARG, or an HTTP builder error for an invalid extra field.
 */
HK_API int hk_ws_client_build_request(const hk_ws_client_spec *spec, char *buf, size_t cap,
                                      size_t *len);

/*
 * What a valid 101 response said, filled by hk_ws_client_check(); size =
 * sizeof(hk_ws_client_result). Pointers point into the parsed response.
 *   protocol    the subprotocol the server selected (one of those offered),
 *               NULL/0 if none
 *   extensions  the value of the Sec-WebSocket-Extensions field (every
 *               listed extension was offered), NULL/0 if none
 */
typedef struct hk_ws_client_result {
    size_t size;
    const char *protocol;
    size_t protocol_len;
    const char *extensions;
    size_t extensions_len;
} hk_ws_client_result;

/*
 * hk_ws_client_check - validate the server's response (RFC 6455 section
 * 4.1, the client's checks 1 to 6) parsed by hk_http_parse_head() with a
 * response parser, against the request built from spec.
 * Errors, in this order:
 *   HK_ERR_HS_STATUS      status is not 101 (msg->status tells which)
 *   HK_ERR_HS_DUPLICATE_HEADER  Upgrade, Sec-WebSocket-Accept or
 *                         Sec-WebSocket-Protocol repeated
 *   HK_ERR_HS_UPGRADE     Upgrade missing or not exactly "websocket"
 *                         (ASCII case-insensitive)
 *   HK_ERR_HS_CONNECTION  the Connection list lacks "upgrade"
 *   HK_ERR_HS_ACCEPT      Sec-WebSocket-Accept missing or not the exact
 *                         value for spec->key
 *   HK_ERR_HS_PROTOCOL    a subprotocol that was not offered (or none was),
 *                         or more than one
 *   HK_ERR_HS_EXTENSION   an extension that was not offered, or a
 *                         malformed Sec-WebSocket-Extensions value
 *   HK_ERR_HS_KEY         spec->key malformed; HK_ERR_INVALID_ARG for NULL
 *                         arguments, a request message, sizes too small
 */
HK_API int hk_ws_client_check(const hk_ws_client_spec *spec, const hk_http_message *msg,
                              hk_ws_client_result *out);

/* ======================================================================
 * Session: handshake + engine in one object
 * ====================================================================== */

typedef struct hk_ws_session hk_ws_session;

/* hk_ws_session_state(): the handshake is still running (or its error
 * response is being flushed). The other states are HK_WS_STATE_*. */
#define HK_WS_SESSION_HANDSHAKE 4

/* Default limits of a session (0 in the config means these). */
#define HK_WS_SESSION_DEFAULT_HANDSHAKE_TIMEOUT_MS 10000u

/*
 * Server hook, called once a request passed hk_ws_server_check(), before
 * the response is written. `req` describes the request (valid during the
 * call). `resp` is prefilled: protocol = the choice made from the
 * configured preference list (or NULL), status = 101. The hook may:
 *   - choose another subprotocol (resp->protocol must then be one the
 *     client offered, else the handshake fails with HK_ERR_HS_PROTOCOL and
 *     a 500), or none (NULL);
 *   - add fields to the response (resp->headers, valid until the hook
 *     returns: the response is built right after it);
 *   - refuse: set resp->status to 400..599 (e.g. 403 for a bad Origin, 404
 *     for an unknown path) with an optional resp->body text; the session
 *     sends that response and ends with HK_ERR_HS_REJECTED.
 * Return 0 to go on, non-zero to fail (500, HK_ERR_CALLBACK).
 */
typedef struct hk_ws_response {
    size_t size;
    int status;
    const char *protocol;
    size_t protocol_len;
    const hk_http_header *headers;
    size_t num_headers;
    const char *body;
    size_t body_len;
} hk_ws_response;

typedef int (*hk_ws_request_fn)(void *user, const hk_ws_request *req, hk_ws_response *resp);

/*
 * Extension negotiation hook (server), called once per offered extension,
 * in order, with its name and the whole list element (name and parameters:
 * walk them with hk_http_param_init()). Return 0 to decline it, a negative
 * value to refuse the handshake (400, HK_ERR_HS_EXTENSION). The engine
 * supports no extension yet (permessage-deflate comes later), so an
 * extension can not be accepted: a positive return is treated as decline.
 */
typedef int (*hk_ws_extension_fn)(void *user, const char *name, size_t name_len,
                                  const char *offer, size_t offer_len);

/*
 * Session configuration. Initialise with hk_ws_session_config_default();
 * size = sizeof(hk_ws_session_config). Read during hk_ws_session_create()
 * only (strings are copied), except `ws`, which is also read only then.
 *
 *   role         HK_WS_ROLE_SERVER or HK_WS_ROLE_CLIENT
 *   ws           the engine configuration (required): callbacks, user,
 *                read/write, limits, allocator, random source. Its role
 *                is overridden by `role`. The handshake uses the same
 *                allocator, random source, user and I/O callbacks.
 *   max_start_line, max_header_bytes, max_headers
 *                limits on the handshake head (0: the HTTP layer's
 *                defaults 8192, 8192 and 100); the head buffer grows on
 *                demand up to max_start_line + max_header_bytes and is
 *                freed when the handshake ends
 *   handshake_timeout_ms  from the first hk_ws_session_tick() until the
 *                handshake completes (0: 10000); HK_ERR_TIMEOUT after it
 *   protocols    server: preference list of subprotocols
 *                ("v2.chat, chat"); client: the subprotocols to offer.
 *                NULL for none.
 *   on_request, on_extension, user_hs
 *                server hooks (may be NULL) and their user pointer
 *   url, origin, headers, extensions
 *                client: as in hk_ws_client_spec (url required); headers
 *                are copied. `extensions` may be offered, but since the
 *                engine implements none, a server accepting one fails the
 *                handshake with HK_ERR_HS_EXTENSION.
 */
typedef struct hk_ws_session_config {
    size_t size;
    int role;
    const hk_ws_config *ws;
    size_t max_start_line;
    size_t max_header_bytes;
    size_t max_headers;
    uint32_t handshake_timeout_ms;
    const char *protocols;
    size_t protocols_len;
    hk_ws_request_fn on_request;
    hk_ws_extension_fn on_extension;
    void *user_hs;
    const char *url;
    size_t url_len;
    const char *origin;
    size_t origin_len;
    const hk_http_header *headers;
    size_t num_headers;
    const char *extensions;
    size_t extensions_len;
} hk_ws_session_config;

/* hk_ws_session_config_default - zero *cfg, role server, set size. */
HK_API void hk_ws_session_config_default(hk_ws_session_config *cfg);

/*
 * hk_ws_session_create - create a session. A client session queues its
 * request at once (drain it with hk_ws_session_output() or
 * hk_ws_session_on_writable()). *out receives the session, to be released
 * with hk_ws_session_destroy().
 * Errors: HK_ERR_INVALID_ARG (NULL, sizes too small, no ws config, bad
 * role, limits too small), HK_ERR_NOMEM, and for a client the errors of
 * hk_ws_client_key() and hk_ws_client_build_request() (HK_ERR_HS_URL, ...).
 */
HK_API int hk_ws_session_create(hk_ws_session **out, const hk_ws_session_config *cfg);

/* hk_ws_session_destroy - free the session and its engine. NULL ignored.
 * Never from inside a callback. */
HK_API void hk_ws_session_destroy(hk_ws_session *s);

/*
 * hk_ws_session_feed - process received bytes data[0..len) (writable: the
 * engine unmasks in place). During the handshake the bytes are copied into
 * the head buffer; once the head is complete it is validated, the response
 * is queued (server) and the rest goes to the engine.
 * Returns the bytes consumed (less than len only while the engine's output
 * queue is backed up: drain it, then feed the rest), or a fatal, sticky
 * error: an HK_ERR_HTTP_* parse error or HK_ERR_HS_* validation error (a
 * server queues the matching error response: flush it, then close), an
 * HK_ERR_HS_REJECTED refusal by on_request, HK_ERR_NOMEM, HK_ERR_CALLBACK,
 * or any error of hk_ws_conn_feed() after the handshake.
 * HK_ERR_INVALID_ARG and HK_ERR_STATE (called from a callback) are not
 * sticky.
 */
HK_API hk_ssize hk_ws_session_feed(hk_ws_session *s, void *data, size_t len);

/* hk_ws_session_feed_eof - the peer ended the stream. During the handshake
 * that fails it (HK_ERR_EOF); afterwards as hk_ws_conn_feed_eof(). */
HK_API int hk_ws_session_feed_eof(hk_ws_session *s);

/* hk_ws_session_on_readable / on_writable - I/O-callback driving, as
 * hk_ws_conn_on_readable() / on_writable() (HK_ERR_STATE without the
 * callback), through the handshake and after it. */
HK_API int hk_ws_session_on_readable(hk_ws_session *s);
HK_API int hk_ws_session_on_writable(hk_ws_session *s);

/* hk_ws_session_output / output_advance - feed/drain sending, as
 * hk_ws_conn_output() and hk_ws_conn_output_advance(). Input that arrived
 * with the handshake but could not be processed yet because the output was
 * backed up is kept by the session and processed as soon as the output
 * drains (in output_advance, or the next feed, on_readable or tick). */
HK_API size_t hk_ws_session_output(hk_ws_session *s, const uint8_t **data);
HK_API int hk_ws_session_output_advance(hk_ws_session *s, size_t n);

/*
 * hk_ws_session_tick - time, as hk_ws_conn_tick(): bounds the handshake
 * (handshake_timeout_ms, HK_ERR_TIMEOUT) and then drives the engine's
 * timers. *next_ms (may be NULL) receives the next deadline or UINT64_MAX.
 */
HK_API int hk_ws_session_tick(hk_ws_session *s, uint64_t now_ms, uint64_t *next_ms);

/* hk_ws_session_state - HK_WS_SESSION_HANDSHAKE, then HK_WS_STATE_*.
 * A failed handshake is HK_WS_SESSION_HANDSHAKE while its error response is
 * still queued, then HK_WS_STATE_CLOSED. */
HK_API int hk_ws_session_state(const hk_ws_session *s);

/* hk_ws_session_want_read / want_write - as the engine's. */
HK_API int hk_ws_session_want_read(const hk_ws_session *s);
HK_API int hk_ws_session_want_write(const hk_ws_session *s);

/* hk_ws_session_error - the sticky error (handshake or engine), or HK_OK. */
HK_API int hk_ws_session_error(const hk_ws_session *s);

/* hk_ws_session_conn - the engine once the handshake succeeded (for
 * sending, closing and its state queries), NULL before and after a failed
 * handshake. Owned by the session: never destroy it yourself. */
HK_API hk_ws_conn *hk_ws_session_conn(hk_ws_session *s);

/* hk_ws_session_protocol - the negotiated subprotocol (NUL-terminated,
 * owned by the session, valid until it is destroyed), or NULL if none. */
HK_API const char *hk_ws_session_protocol(const hk_ws_session *s);

/* hk_ws_session_http_status - the status sent (server: 101 or the error
 * status) or received (client), 0 while not known. */
HK_API int hk_ws_session_http_status(const hk_ws_session *s);

/* hk_ws_session_memory - bytes allocated for the session: itself, the
 * handshake buffer while it exists, and the engine (hk_ws_conn_memory). */
HK_API size_t hk_ws_session_memory(const hk_ws_session *s);

#ifdef __cplusplus
}
#endif

#endif /* HOOKSOCK_HANDSHAKE_H */
