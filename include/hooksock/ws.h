/*
 * hooksock/ws.h - WebSocket frames and connections (RFC 6455 sections 5 to 8).
 *
 * Two layers:
 *
 *  1. The frame codec: decode and encode a frame header, mask and unmask
 *     payload. Pure functions: no allocation, no hidden state.
 *
 *  2. The connection engine, hk_ws_conn: everything after the opening
 *     handshake (framing rules, fragmentation, UTF-8 validation of text,
 *     ping/pong, the closing handshake, timeouts). It never owns a socket,
 *     a thread or a timer. Drive it in either of two equivalent ways:
 *
 *     - I/O callbacks: set hk_ws_config.read / .write; call
 *       hk_ws_conn_on_readable() when the socket is readable and
 *       hk_ws_conn_on_writable() when it is writable; ask
 *       hk_ws_conn_want_read() / hk_ws_conn_want_write() what to poll for.
 *
 *     - Feed/drain (no I/O callbacks): push received bytes in with
 *       hk_ws_conn_feed() (or write them straight into the engine's buffer
 *       with hk_ws_conn_input_buffer() + hk_ws_conn_input_commit()), take the
 *       bytes to send with hk_ws_conn_output() and acknowledge what was
 *       written with hk_ws_conn_output_advance().
 *
 *     Time enters as an argument: call hk_ws_conn_tick(now) after every
 *     other call and again when the deadline it returns is reached.
 *
 * Received messages and control frames are reported through the event
 * callbacks of hk_ws_config (on_message or on_chunk, on_ping, on_pong,
 * on_close), called synchronously from inside the engine call that
 * processed the bytes. Payload pointers handed to a callback are valid only
 * during that callback. A callback must not call hk_ws_conn_destroy(); it
 * may call the send functions and hk_ws_conn_close().
 *
 * A connection is not thread-safe: one thread at a time per connection.
 * Different connections are independent.
 *
 * Example (feed/drain, server side, after the opening handshake):
 *
 *   hk_ws_config cfg;
 *   hk_ws_conn *ws;
 *   hk_ws_config_default(&cfg);
 *   cfg.on_message = my_message;   (int my_message(void *user, int opcode,
 *   cfg.user = my_ctx;                              const uint8_t *p, size_t n))
 *   if (hk_ws_conn_create(&ws, &cfg) != HK_OK) ...
 *   feed what arrived together with the handshake, then on every read:
 *       if (hk_ws_conn_feed(ws, buf, n) < 0) ...   (failed: flush, then close)
 *   while hk_ws_conn_want_write(ws):
 *       len = hk_ws_conn_output(ws, &out); w = send(fd, out, len, 0);
 *       if (w > 0) hk_ws_conn_output_advance(ws, w);
 *   hk_ws_conn_tick(ws, now_ms, &next);           (wake up again at `next`)
 *   once hk_ws_conn_state(ws) == HK_WS_STATE_CLOSED: close(fd) and
 *   hk_ws_conn_destroy(ws).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_WS_H
#define HOOKSOCK_WS_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================
 * Frame codec (RFC 6455 section 5.2)
 * ====================================================================== */

/* Opcodes (RFC 6455 section 5.2, 11.8). 0x3-0x7 and 0xB-0xF are reserved. */
#define HK_WS_OP_CONTINUATION 0x0
#define HK_WS_OP_TEXT 0x1
#define HK_WS_OP_BINARY 0x2
#define HK_WS_OP_CLOSE 0x8
#define HK_WS_OP_PING 0x9
#define HK_WS_OP_PONG 0xA

/* RSV bits as they appear in hk_ws_frame_header.rsv. */
#define HK_WS_RSV1 0x4
#define HK_WS_RSV2 0x2
#define HK_WS_RSV3 0x1

/* The largest frame header: 2 + 8 (64-bit length) + 4 (masking key). */
#define HK_WS_MAX_HEADER_LEN 14
/* The largest control frame payload (RFC 6455 section 5.5). */
#define HK_WS_MAX_CONTROL_PAYLOAD 125
/* The largest close reason: 125 minus the 2-byte status code. */
#define HK_WS_MAX_CLOSE_REASON 123

/*
 * A decoded (or to-be-encoded) frame header. A plain value type: the caller
 * owns it and may place it anywhere.
 */
typedef struct hk_ws_frame_header {
    uint64_t payload_len; /* payload length in bytes (< 2^63) */
    uint8_t fin;          /* 1 if FIN is set, else 0 */
    uint8_t rsv;          /* RSV1..RSV3 as HK_WS_RSV1|HK_WS_RSV2|HK_WS_RSV3 bits */
    uint8_t opcode;       /* 0x0..0xF */
    uint8_t masked;       /* 1 if the MASK bit is set (mask_key is valid) */
    uint8_t mask_key[4];  /* masking key, in wire order */
    uint32_t header_len;  /* decode: bytes the header occupies (2..14) */
} hk_ws_frame_header;

/*
 * hk_ws_frame_decode - decode one frame header from buf[0..len).
 *
 * Only the header is looked at; the payload is not needed. The frame's
 * semantics (reserved opcodes, control frame rules, masking direction) are
 * not judged here: the connection engine does that.
 *
 * Returns the header length (2..14, also stored in h->header_len) on
 * success; HK_ERR_NEED_MORE if buf holds only part of the header, with
 * *need (if not NULL) set to how many more bytes are needed at least (the
 * count may grow once the length byte is seen); HK_ERR_WS_LENGTH if the
 * 64-bit length has its most significant bit set, or if a length is not in
 * its minimal encoding (a 16-bit length below 126 or a 64-bit length below
 * 65536; RFC 6455 section 5.2 "the minimal number of bytes MUST be used");
 * HK_ERR_INVALID_ARG if h is NULL or buf is NULL with len > 0.
 * h is fully written only on success.
 */
HK_API hk_ssize hk_ws_frame_decode(hk_ws_frame_header *h, const void *buf, size_t len,
                                   size_t *need);

/*
 * hk_ws_frame_header_len - the encoded size of a header for a payload of
 * payload_len bytes, masked (non-zero) or not: 2, 4 or 10, plus 4 if masked.
 */
HK_API size_t hk_ws_frame_header_len(uint64_t payload_len, int masked);

/*
 * hk_ws_frame_encode - encode h into buf[0..cap), using the minimal length
 * encoding of h->payload_len and, if h->masked, h->mask_key.
 *
 * Returns the number of bytes written (hk_ws_frame_header_len()), or
 * HK_ERR_BUFFER_TOO_SMALL (nothing written), or HK_ERR_INVALID_ARG (h or
 * buf NULL, opcode > 15, rsv > 7, fin or masked not 0/1, payload_len with
 * bit 63 set). h->header_len is ignored. The payload is not written: follow
 * the header with it, masked with hk_ws_mask_copy() if h->masked.
 */
HK_API hk_ssize hk_ws_frame_encode(void *buf, size_t cap, const hk_ws_frame_header *h);

/*
 * hk_ws_mask - XOR data[0..len) in place with the masking key (RFC 6455
 * section 5.3). `offset` is how many payload bytes of the same frame were
 * already (un)masked before this call, so a payload may be processed in
 * pieces of any size: the key phase is offset mod 4. Masking and unmasking
 * are the same operation. Works a machine word or vector at a time.
 * Returns offset + len (pass it as the next call's offset). data may be NULL
 * when len is 0.
 */
HK_API uint64_t hk_ws_mask(void *data, size_t len, const uint8_t key[4], uint64_t offset);

/*
 * hk_ws_mask_copy - as hk_ws_mask(), but reads src[0..len) and writes the
 * result to dst[0..len) in one pass. dst and src may be equal but must not
 * otherwise overlap. Returns offset + len.
 */
HK_API uint64_t hk_ws_mask_copy(void *dst, const void *src, size_t len, const uint8_t key[4],
                                uint64_t offset);

/*
 * hk_ws_close_code_valid - 1 if `code` may appear in a Close frame on the
 * wire (RFC 6455 section 7.4 and the IANA registry): 1000-1003, 1007-1014,
 * 3000-4999. 0 otherwise (1004-1006 and 1015 are reserved for local use,
 * 0-999, 1016-2999 and 5000+ are not allowed).
 */
HK_API int hk_ws_close_code_valid(int code);

/* Close status codes (RFC 6455 section 7.4.1). */
#define HK_WS_CLOSE_NORMAL 1000
#define HK_WS_CLOSE_GOING_AWAY 1001
#define HK_WS_CLOSE_PROTOCOL_ERROR 1002
#define HK_WS_CLOSE_UNSUPPORTED_DATA 1003
#define HK_WS_CLOSE_NO_STATUS 1005   /* local only: close frame had no code */
#define HK_WS_CLOSE_ABNORMAL 1006    /* local only: no close frame at all */
#define HK_WS_CLOSE_INVALID_DATA 1007
#define HK_WS_CLOSE_POLICY 1008
#define HK_WS_CLOSE_TOO_BIG 1009
#define HK_WS_CLOSE_EXTENSION 1010
#define HK_WS_CLOSE_INTERNAL_ERROR 1011

/* ======================================================================
 * Connection engine
 * ====================================================================== */

typedef struct hk_ws_conn hk_ws_conn;

/* hk_ws_config.role */
#define HK_WS_ROLE_SERVER 0 /* receives masked frames, sends unmasked ones */
#define HK_WS_ROLE_CLIENT 1 /* receives unmasked frames, sends masked ones */

/* hk_ws_config.on_chunk flags */
#define HK_WS_CHUNK_FIRST 1u /* first chunk of a message (opcode is TEXT/BINARY) */
#define HK_WS_CHUNK_LAST 2u  /* last chunk of a message */

/*
 * I/O callbacks. read: fill buf[0..len) with up to len received bytes;
 * write: send up to len bytes of buf. Both return the number of bytes moved
 * (> 0), 0 for end of stream (read) / nothing could be written (write),
 * HK_ERR_WOULD_BLOCK if the socket is not ready, or another negative value
 * for a transport error (the engine then fails with HK_ERR_IO). buf belongs
 * to the engine and is valid only during the call.
 */
typedef hk_ssize (*hk_ws_read_fn)(void *user, uint8_t *buf, size_t len);
typedef hk_ssize (*hk_ws_write_fn)(void *user, const uint8_t *buf, size_t len);

/*
 * Event callbacks. Each returns 0 to continue, or non-zero to fail the
 * connection (the engine queues a Close 1011 and its calls return
 * HK_ERR_CALLBACK from then on). Pointers are valid only during the call.
 *
 * on_message(user, opcode, data, len): a whole TEXT (valid UTF-8) or BINARY
 *   message, reassembled if it was fragmented. Used when on_chunk is NULL.
 * on_chunk(user, opcode, data, len, flags): streaming delivery, used instead
 *   of on_message when set: payload pieces as they arrive. opcode is the
 *   message's (TEXT or BINARY) on every chunk; flags has HK_WS_CHUNK_FIRST
 *   on the first chunk and HK_WS_CHUNK_LAST on the last (an empty message
 *   gives one empty chunk with both). Text chunks are validated before they
 *   are delivered, but a chunk may end inside a UTF-8 sequence; the last
 *   chunk is delivered only once the message is known to be complete UTF-8.
 * on_ping / on_pong(user, data, len): a Ping or Pong frame (payload <= 125).
 *   With auto_pong (default) the Pong answer is already queued when on_ping
 *   runs.
 * on_close(user, code, reason, len): the peer's Close frame, valid; code is
 *   HK_WS_CLOSE_NO_STATUS (1005) if it carried none; reason is UTF-8, not
 *   NUL-terminated. The echo (if we had not sent a Close) is already queued.
 */
typedef int (*hk_ws_message_fn)(void *user, int opcode, const uint8_t *data, size_t len);
typedef int (*hk_ws_chunk_fn)(void *user, int opcode, const uint8_t *data, size_t len,
                              unsigned flags);
typedef int (*hk_ws_control_fn)(void *user, const uint8_t *data, size_t len);
typedef int (*hk_ws_close_fn)(void *user, int code, const char *reason, size_t len);

/*
 * Connection configuration. Always initialise with hk_ws_config_default(),
 * then change fields: the struct carries its own size (`size`) so that it
 * can grow in later versions without breaking callers compiled against an
 * older header. The engine copies what it needs at creation; the struct may
 * be discarded afterwards. Limits of 0 mean "use the default" unless stated.
 */
typedef struct hk_ws_config {
    size_t size; /* sizeof(hk_ws_config), set by hk_ws_config_default() */
    int role;    /* HK_WS_ROLE_SERVER (default) or HK_WS_ROLE_CLIENT */

    /* Largest single frame payload accepted (Close 1009 beyond). Default:
     * UINT64_MAX, i.e. only max_message_size limits data frames. */
    uint64_t max_frame_size;
    /* Largest message (sum of its frames). Whole-message delivery buffers
     * this much at most; default 16 MiB (16777216). Beyond it the connection
     * fails with HK_ERR_WS_MESSAGE_TOO_LARGE / Close 1009, as soon as a frame
     * header announces the excess. In streaming delivery, UINT64_MAX means
     * no limit (memory stays constant). */
    uint64_t max_message_size;
    /* Bound on queued, unsent output. Sends that would exceed it fail with
     * HK_ERR_QUEUE_FULL (nothing queued). Control frames the engine must
     * answer (pong, close echo) are always queued, but the engine stops
     * consuming input while the queue is over the bound. Default 16 MiB. */
    size_t max_output_bytes;
    /* Size of the engine's receive buffer, used by on_readable and
     * hk_ws_conn_input_buffer(). Default 16384; minimum 64. */
    size_t recv_buffer_size;

    int auto_pong; /* answer Pings with Pongs automatically: 1 (default) or 0 */
    int validate_utf8_send; /* reject invalid UTF-8 in sent text: 1 (default) */

    /* Keep-alive: if ping_interval_ms > 0, a Ping is sent that often
     * (counted from the first tick), and if no Pong arrives within
     * pong_timeout_ms of it the connection fails with HK_ERR_WS_PING_TIMEOUT.
     * Defaults: 0 (off) and 30000. */
    uint32_t ping_interval_ms;
    uint32_t pong_timeout_ms;
    /* After we queue a Close, how long to wait for the peer's Close before
     * giving up (HK_ERR_WS_CLOSE_TIMEOUT), and how long a queued Close (our
     * echo, or the Close of a failed connection) may wait to be written
     * before the state becomes CLOSED anyway. Counted from the first tick
     * after the Close was queued. Default 5000. */
    uint32_t close_timeout_ms;

    /* Allocator for the connection and its buffers (NULL: the default).
     * Copied at creation. */
    const hk_allocator *allocator;
    /* Source of masking keys, client role only (NULL: hk_random_default). */
    hk_random_fn random;
    void *random_user;

    /* Passed as `user` to every I/O and event callback. Owned by the caller. */
    void *user;
    hk_ws_read_fn read;   /* optional: only needed for on_readable */
    hk_ws_write_fn write; /* optional: only needed for on_writable */
    hk_ws_message_fn on_message; /* optional */
    hk_ws_chunk_fn on_chunk;     /* optional: selects streaming delivery */
    hk_ws_control_fn on_ping;    /* optional */
    hk_ws_control_fn on_pong;    /* optional */
    hk_ws_close_fn on_close;     /* optional */
} hk_ws_config;

/* hk_ws_config_default - fill *cfg with the defaults listed above (server
 * role, no callbacks) and set cfg->size. */
HK_API void hk_ws_config_default(hk_ws_config *cfg);

/*
 * hk_ws_conn_create - create a connection in the OPEN state (the opening
 * handshake is done).
 *
 * cfg is read during the call only. Bytes that arrived after the handshake
 * may be passed at once with hk_ws_conn_feed(). On success *out receives
 * the connection, to be released with hk_ws_conn_destroy().
 * Errors: HK_ERR_INVALID_ARG (out or cfg NULL, cfg->size too small, unknown
 * role, allocator missing a function), HK_ERR_NOMEM.
 */
HK_API int hk_ws_conn_create(hk_ws_conn **out, const hk_ws_config *cfg);

/* hk_ws_conn_destroy - free the connection and everything it holds.
 * NULL is ignored. Never call it from inside a callback. */
HK_API void hk_ws_conn_destroy(hk_ws_conn *c);

/* ---- receiving --------------------------------------------------------- */

/*
 * hk_ws_conn_feed - process received bytes data[0..len).
 *
 * The engine unmasks payload IN PLACE: data[0..consumed) is modified (and
 * may be handed to callbacks), so data must be writable and is the
 * caller's again when the call returns. Use hk_ws_conn_input_buffer() if
 * your bytes are read-only.
 *
 * Returns the number of bytes consumed. It is less than len only while the
 * output queue is over max_output_bytes (drain it, then feed the rest).
 * Once the peer's Close has been processed, further bytes are discarded
 * and counted as consumed (RFC 6455 5.5.1: nothing after a Close).
 * Errors (sticky, fatal): the specific HK_ERR_WS_* protocol error (a Close
 * with 1002, 1007 or 1009 is queued), HK_ERR_CALLBACK, HK_ERR_NOMEM (Close
 * 1011 queued), HK_ERR_RANDOM (client: no masking key for a reply), or the
 * error the connection already failed with. Not fatal: HK_ERR_INVALID_ARG
 * (NULL c, or data NULL with len > 0), HK_ERR_STATE (called from inside
 * one of c's callbacks).
 */
HK_API hk_ssize hk_ws_conn_feed(hk_ws_conn *c, void *data, size_t len);

/*
 * hk_ws_conn_input_buffer - zero-copy alternative to feed: the free space
 * of the engine's receive buffer. *buf and *cap receive where to write up to
 * *cap bytes; then call hk_ws_conn_input_commit(c, n). The pointer is valid
 * until the next call on c. Returns HK_OK, HK_ERR_WOULD_BLOCK (*cap = 0:
 * the buffer is full because output is backed up), or the sticky error.
 */
HK_API int hk_ws_conn_input_buffer(hk_ws_conn *c, uint8_t **buf, size_t *cap);

/*
 * hk_ws_conn_input_commit - process n bytes just written at the pointer
 * hk_ws_conn_input_buffer() gave. Returns HK_OK, HK_ERR_INVALID_ARG (n larger
 * than the space given) or an error as for hk_ws_conn_feed().
 */
HK_API int hk_ws_conn_input_commit(hk_ws_conn *c, size_t n);

/*
 * hk_ws_conn_feed_eof - the peer ended the byte stream. Returns HK_OK if
 * the closing handshake had completed (or our Close was sent and the
 * peer's received), else HK_ERR_EOF (sticky; close code 1006).
 */
HK_API int hk_ws_conn_feed_eof(hk_ws_conn *c);

/*
 * hk_ws_conn_on_readable - I/O-callback driving: read with cfg.read until
 * it would block (HK_ERR_WOULD_BLOCK), the stream ends (0) or the engine
 * stops wanting input (see hk_ws_conn_want_read), processing everything
 * read as it arrives. Suits edge- and level-triggered polling alike. Returns HK_OK, HK_ERR_STATE (no read
 * callback), or a fatal error as hk_ws_conn_feed() and hk_ws_conn_feed_eof()
 * (end of stream), HK_ERR_IO (the callback failed).
 */
HK_API int hk_ws_conn_on_readable(hk_ws_conn *c);

/* ---- sending ------------------------------------------------------------ */

/*
 * hk_ws_conn_output - the bytes waiting to be sent. *data (if not NULL)
 * receives a pointer to them, valid until the next call on c other than
 * hk_ws_conn_output(). Returns their count (0 if none). Works in every
 * state, also after a fatal error (to flush the Close frame).
 */
HK_API size_t hk_ws_conn_output(hk_ws_conn *c, const uint8_t **data);

/*
 * hk_ws_conn_output_advance - n bytes of the output were written; they are
 * dropped from the queue. Returns HK_OK or HK_ERR_INVALID_ARG (n larger than
 * what is pending; nothing is dropped).
 */
HK_API int hk_ws_conn_output_advance(hk_ws_conn *c, size_t n);

/*
 * hk_ws_conn_on_writable - I/O-callback driving: write pending output with
 * cfg.write until it is empty or would block. Returns HK_OK (also if some
 * output remains), HK_ERR_STATE (no write callback), HK_ERR_IO (the callback
 * failed; sticky), or the sticky error if the transport is already gone
 * (end of stream, I/O error, timeout).
 */
HK_API int hk_ws_conn_on_writable(hk_ws_conn *c);

/*
 * Sending messages. Each queues whole frames (header and payload contiguous,
 * client frames masked with a fresh key) and copies data, which may be
 * reused as soon as the call returns (data may be NULL when len is 0).
 * Errors, all leaving nothing queued:
 *   HK_ERR_QUEUE_FULL  - the queue would exceed max_output_bytes (retry
 *                        after draining);
 *   HK_ERR_INVALID_ARG - bad argument: invalid UTF-8 in text (if
 *                        validate_utf8_send), control payload over 125 bytes,
 *                        invalid close code or reason;
 *   HK_ERR_STATE       - a Close was already queued, or a fragmented send is
 *                        in progress (for send_text/binary/begin), or none is
 *                        (for send_continue/end);
 *   HK_ERR_RANDOM      - the random callback failed (client; sticky);
 *   HK_ERR_NOMEM       - growing the queue failed (not sticky);
 *   the sticky error of a failed connection.
 */
HK_API int hk_ws_conn_send_text(hk_ws_conn *c, const void *data, size_t len);
HK_API int hk_ws_conn_send_binary(hk_ws_conn *c, const void *data, size_t len);
HK_API int hk_ws_conn_send_ping(hk_ws_conn *c, const void *data, size_t len);
HK_API int hk_ws_conn_send_pong(hk_ws_conn *c, const void *data, size_t len);

/*
 * Fragmented sending, for a message whose size is not known in advance:
 * hk_ws_conn_send_begin(opcode TEXT or BINARY, first piece), any number of
 * hk_ws_conn_send_continue(piece), then hk_ws_conn_send_end(last piece).
 * Each call emits one frame (pieces may be empty). Control frames and
 * hk_ws_conn_close() may be interleaved; other messages may not. Text is
 * validated across pieces; send_end checks the message ends on a character
 * boundary (HK_ERR_INVALID_ARG otherwise, nothing queued: end it properly
 * or close).
 */
HK_API int hk_ws_conn_send_begin(hk_ws_conn *c, int opcode, const void *data, size_t len);
HK_API int hk_ws_conn_send_continue(hk_ws_conn *c, const void *data, size_t len);
HK_API int hk_ws_conn_send_end(hk_ws_conn *c, const void *data, size_t len);

/*
 * hk_ws_conn_close - start the closing handshake (RFC 6455 section 7.1.2):
 * queue a Close frame with `code` and reason[0..reason_len). code 0 sends
 * a Close without status (reason must then be empty); otherwise code must
 * satisfy hk_ws_close_code_valid() and the reason must be valid UTF-8 of
 * at most 123 bytes (HK_ERR_INVALID_ARG). After it, no data may be sent;
 * the connection waits for the peer's Close (see close_timeout_ms).
 * Returns HK_OK, HK_ERR_INVALID_ARG, HK_ERR_STATE (a Close was already
 * queued), or the sticky error.
 */
HK_API int hk_ws_conn_close(hk_ws_conn *c, int code, const char *reason, size_t reason_len);

/*
 * hk_ws_conn_queue_raw - queue data[0..len) verbatim, after everything
 * already queued (for a handshake layer in front of the engine, e.g. the
 * HTTP 101 response, so it leaves in the same write as the first frames).
 * Not limited by max_output_bytes. Returns HK_OK, HK_ERR_NOMEM,
 * HK_ERR_INVALID_ARG, or the sticky error.
 */
HK_API int hk_ws_conn_queue_raw(hk_ws_conn *c, const void *data, size_t len);

/* ---- time --------------------------------------------------------------- */

/*
 * hk_ws_conn_tick - advance the engine's notion of time to now_ms (any
 * monotonic millisecond clock; never decreasing). Sends keep-alive Pings,
 * detects a missing Pong (HK_ERR_WS_PING_TIMEOUT) and a Close that is never
 * answered (HK_ERR_WS_CLOSE_TIMEOUT); both are sticky and make the state
 * CLOSED (the transport should be closed).
 * *next_ms (if not NULL) receives the absolute time of the next deadline,
 * or UINT64_MAX if there is none. Call it after every other call on c, also
 * after a fatal error: a failed connection whose Close cannot be written
 * becomes CLOSED after close_timeout_ms.
 * Returns HK_OK, the sticky error, or HK_ERR_STATE (called from a callback).
 */
HK_API int hk_ws_conn_tick(hk_ws_conn *c, uint64_t now_ms, uint64_t *next_ms);

/* ---- state -------------------------------------------------------------- */

#define HK_WS_STATE_OPEN 0
#define HK_WS_STATE_CLOSE_SENT 1     /* our Close queued; waiting for the peer's */
#define HK_WS_STATE_CLOSE_RECEIVED 2 /* peer's Close received; echo not yet flushed */
#define HK_WS_STATE_CLOSED 3         /* done (cleanly or not) and output flushed:
                                        close the transport */

/* hk_ws_conn_state - one of HK_WS_STATE_*. */
HK_API int hk_ws_conn_state(const hk_ws_conn *c);

/* hk_ws_conn_want_read - 1 if the engine wants more input now (it is not
 * closed or failed and its output queue is not backed up), else 0. */
HK_API int hk_ws_conn_want_read(const hk_ws_conn *c);

/* hk_ws_conn_want_write - 1 if output is pending, else 0. */
HK_API int hk_ws_conn_want_write(const hk_ws_conn *c);

/* hk_ws_conn_error - the sticky error (HK_OK while healthy). */
HK_API int hk_ws_conn_error(const hk_ws_conn *c);

/*
 * hk_ws_conn_close_code - the status code of the peer's Close frame
 * (HK_WS_CLOSE_NO_STATUS if it carried none), HK_WS_CLOSE_ABNORMAL (1006)
 * if the stream ended or failed without one, or 0 while neither happened.
 */
HK_API int hk_ws_conn_close_code(const hk_ws_conn *c);

/* hk_ws_conn_sent_close_code - the code of the Close we queued (0 if none
 * was, HK_WS_CLOSE_NO_STATUS if it had no code). */
HK_API int hk_ws_conn_sent_close_code(const hk_ws_conn *c);

/* hk_ws_conn_memory - bytes currently allocated for c (the connection,
 * its receive buffer, reassembly buffer and output queue). */
HK_API size_t hk_ws_conn_memory(const hk_ws_conn *c);

/* hk_ws_conn_output_size - bytes queued and not yet sent. */
HK_API size_t hk_ws_conn_output_size(const hk_ws_conn *c);

#ifdef __cplusplus
}
#endif

#endif /* HOOKSOCK_WS_H */
