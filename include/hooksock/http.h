/*
 * hooksock/http.h - HTTP/1.1 messages: incremental parsers, body framing,
 * field helpers, URL parsing and a validating builder.
 *
 * Semantics follow RFC 9110, syntax RFC 9112. The layer is sans-IO and never
 * allocates: every object here is a plain struct the caller places anywhere
 * (stack, static, inside its own connection object). Fields whose names end in
 * an underscore are private; their layout may change between major versions.
 *
 * Parsing a message (request or response) takes two steps:
 *
 *   1. The head (start line + header fields + empty line) with
 *      hk_http_parse_head(). It is zero-copy: method, target, reason, header
 *      names and values come back as pointer + length into the caller's
 *      buffer. The head must be contiguous in that buffer. If the head is not
 *      complete yet the call returns HK_ERR_NEED_MORE; the caller then
 *      appends what it reads next and calls again with the WHOLE accumulated
 *      head (from its first byte; the buffer may have been moved or grown in
 *      between, since the parser keeps offsets, never pointers). The parser
 *      resumes scanning where it stopped: a head trickled in byte by byte is
 *      still scanned in linear time. On success the call returns the number
 *      of bytes the head occupies; anything after it is body, the next
 *      pipelined message, or (after an Upgrade) the new protocol's bytes.
 *
 *   2. The body with hk_http_body_next() (zero-copy spans of body bytes) or
 *      hk_http_body_decode() (body bytes copied into, or decoded in place in,
 *      a caller buffer). Both report exactly how many input bytes they
 *      consumed and when the message ended, so no byte that belongs to the
 *      next message or to the WebSocket frames after a handshake is lost.
 *
 * The framing decision (RFC 9112 section 6.3) is made when the head is
 * parsed and exposed in hk_http_message.body_kind, with keep-alive and
 * upgrade flags.
 *
 * A server's read loop, in outline (error handling shortened):
 *
 *     hk_http_parser p;                  // one per connection
 *     hk_http_header hdr[64];
 *     hk_http_message msg = {sizeof msg};
 *     hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL);
 *     // buf[0..len) holds unconsumed input, appended to by every read
 *     hk_ssize n = hk_http_parse_head(&p, buf, len, hdr, 64, &msg);
 *     if (n == HK_ERR_NEED_MORE) ... read more, append, call again
 *     if (n < 0) ... answer 400 (or 431, 501) and close
 *     // use msg (its pointers point into buf), then the body:
 *     size_t off = (size_t)n, used;
 *     const char *data; size_t dlen;
 *     for (;;) {
 *         int ev = hk_http_body_next(&p, buf + off, len - off, &used, &data, &dlen);
 *         off += used;
 *         if (ev == HK_HTTP_EV_DATA) ... consume data[0..dlen)
 *         else if (ev == HK_HTTP_EV_END) break;    // buf + off: next message
 *         else if (ev == HK_ERR_NEED_MORE) ... drop buf[0..off), read, retry
 *         else if (ev < 0) ... close
 *     }
 *     if (msg.upgrade) ... buf + off is the first WebSocket frame
 *     else if (msg.keep_alive) hk_http_parser_reset(&p);  // next request
 *
 * A client does the same with HK_HTTP_RESPONSE, calling
 * hk_http_parser_set_request_method() before each response and
 * hk_http_parser_eof() when the server closes.
 *
 * Strictness: every syntax rule of RFC 9112 that matters for message
 * boundaries is enforced and each violation has its own error code (see the
 * HTTP range of HK_ERROR_LIST in base.h): CR, LF, NUL or other control bytes
 * inside a line, bare CR, bare LF (unless HK_HTTP_LENIENT_LF), whitespace
 * between a field name and its colon, obs-fold, non-token bytes in methods
 * and field names, Transfer-Encoding with Content-Length in a request,
 * conflicting Content-Length values, malformed or overflowing lengths and
 * chunk sizes, a request whose final transfer coding is not chunked,
 * versions other than HTTP/1.0 and HTTP/1.1, and every configured limit.
 * Every error from the parser is fatal (the connection must be closed) and
 * sticky: the parser returns it again from every later call until reset.
 *
 * Thread safety: objects are not shared; distinct objects may be used from
 * distinct threads. No function keeps global state.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_HTTP_H
#define HOOKSOCK_HTTP_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================== */
/* ---- common types ------------------------------------------------------ */

/*
 * One header (or trailer) field as parsed or to be built. For parsed fields
 * `name` and `value` point into the caller's input buffer (not
 * NUL-terminated) and are valid as long as that buffer is kept unchanged.
 * Values have leading and trailing whitespace (SP, HTAB) removed; a value may
 * be empty (value_len 0, value still points into the buffer).
 */
typedef struct hk_http_header {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
} hk_http_header;

/* Message kinds, for hk_http_parser_init() and hk_http_message.kind. */
enum hk_http_kind {
    HK_HTTP_REQUEST = 1,
    HK_HTTP_RESPONSE = 2
};

/*
 * How the body of a message is delimited (RFC 9112 section 6.3).
 *
 *   HK_HTTP_BODY_NONE         the message ends with its head: requests with
 *                             neither Content-Length nor Transfer-Encoding,
 *                             responses to HEAD, 1xx, 204, 304, and the
 *                             "upgrade" cases (101, 2xx to CONNECT) where the
 *                             bytes after the head belong to another protocol
 *   HK_HTTP_BODY_LENGTH       exactly content_length bytes (may be 0)
 *   HK_HTTP_BODY_CHUNKED      chunked transfer coding (RFC 9112 section 7.1)
 *   HK_HTTP_BODY_UNTIL_CLOSE  responses only: the body runs until the server
 *                             closes the connection (no Content-Length and
 *                             no chunked coding); the message is never
 *                             persistent
 */
enum hk_http_body_kind {
    HK_HTTP_BODY_NONE = 0,
    HK_HTTP_BODY_LENGTH = 1,
    HK_HTTP_BODY_CHUNKED = 2,
    HK_HTTP_BODY_UNTIL_CLOSE = 3
};

/* ======================================================================== */
/* ---- parser options ---------------------------------------------------- */

/* Option flags (hk_http_parser_options.flags). */
/*
 * Accept a bare LF as a line terminator in the start line, header and
 * trailer fields and chunk framing (RFC 9112 section 2.2 allows a recipient
 * to do so). Off by default: a bare LF is then HK_ERR_HTTP_BARE_LF. A bare CR
 * is always an error.
 */
#define HK_HTTP_LENIENT_LF 0x0001u

/* Default limits (hk_http_parser_options_default()). */
#define HK_HTTP_DEFAULT_MAX_START_LINE 8192u   /* bytes, including CRLF */
#define HK_HTTP_DEFAULT_MAX_HEADER_BYTES 8192u /* bytes, see below */
#define HK_HTTP_DEFAULT_MAX_HEADERS 100u
#define HK_HTTP_DEFAULT_MAX_BODY ((uint64_t)16 * 1024 * 1024)
#define HK_HTTP_DEFAULT_MAX_CHUNK_LINE 1024u   /* bytes, including CRLF */
/* No limit on the body size (max_body). */
#define HK_HTTP_UNLIMITED UINT64_MAX

/*
 * Limits and flags of a parser. Fill it with hk_http_parser_options_default()
 * and change what you need; `size` must be sizeof(hk_http_parser_options) as
 * the caller compiled it (the default function sets it), so that the struct
 * can grow in later versions.
 *
 *   max_start_line    request line or status line, counted from its first
 *                     byte through its CRLF (empty lines before a request
 *                     line, which RFC 9112 section 2.2 says to ignore, count
 *                     too). Over: HK_ERR_HTTP_LINE_TOO_LONG.
 *   max_header_bytes  the field section: every field line with its CRLF plus
 *                     the final empty line (so a head without fields has 2
 *                     bytes). The same limit applies to a chunked trailer
 *                     section. Over: HK_ERR_HTTP_HEADERS_TOO_LARGE.
 *   max_headers       number of field lines (also trailer lines). The
 *                     effective limit is the smaller of this and the
 *                     caller's array size. Over: HK_ERR_HTTP_TOO_MANY_HEADERS.
 *   max_body          body bytes (decoded, for chunked): a Content-Length
 *                     over it fails at the head, a chunked or until-close
 *                     body fails as soon as it passes it.
 *                     HK_HTTP_UNLIMITED disables the check.
 *                     Over: HK_ERR_HTTP_BODY_TOO_LARGE.
 *   max_chunk_line    one chunk-size line including chunk extensions
 *                     (which are validated and skipped) and its CRLF.
 *                     Over: HK_ERR_HTTP_CHUNK_FORMAT.
 *   flags             HK_HTTP_LENIENT_LF or 0.
 *
 * Every limit must be at least 1 (max_start_line and max_header_bytes at
 * least 16, max_chunk_line at least 3), otherwise hk_http_parser_init()
 * returns HK_ERR_INVALID_ARG.
 */
typedef struct hk_http_parser_options {
    size_t size;
    size_t max_start_line;
    size_t max_header_bytes;
    size_t max_headers;
    uint64_t max_body;
    size_t max_chunk_line;
    uint32_t flags;
} hk_http_parser_options;

/*
 * hk_http_parser_options_default - fill *opt with the defaults above and set
 * opt->size. `opt` must not be NULL.
 */
HK_API void hk_http_parser_options_default(hk_http_parser_options *opt);

/* ======================================================================== */
/* ---- parsed message ---------------------------------------------------- */

/* hk_http_message.flags: what the head said, for callers that need detail. */
#define HK_HTTP_MSG_CONNECTION_CLOSE 0x0001u      /* Connection lists close */
#define HK_HTTP_MSG_CONNECTION_KEEP_ALIVE 0x0002u /* Connection lists keep-alive */
#define HK_HTTP_MSG_CONNECTION_UPGRADE 0x0004u    /* Connection lists upgrade */
#define HK_HTTP_MSG_HAS_UPGRADE 0x0008u           /* an Upgrade field is present */
#define HK_HTTP_MSG_HAS_CONTENT_LENGTH 0x0010u
#define HK_HTTP_MSG_HAS_TRANSFER_ENCODING 0x0020u
#define HK_HTTP_MSG_HAS_HOST 0x0040u
#define HK_HTTP_MSG_EXPECT_CONTINUE 0x0080u       /* Expect: 100-continue */
#define HK_HTTP_MSG_HAS_TRAILER_FIELD 0x0100u     /* a Trailer field is present */

/*
 * The head of a parsed message. The caller sets `size` to
 * sizeof(hk_http_message) before passing it in (HK_ERR_INVALID_ARG
 * otherwise); the parser fills every other field when the head is complete
 * and leaves the struct untouched on HK_ERR_NEED_MORE and on errors.
 *
 * All pointers point into the buffer passed to the call that completed the
 * head (or into the caller's header array); they are valid while that buffer
 * and array are unchanged. Strings are not NUL-terminated.
 *
 *   kind            HK_HTTP_REQUEST or HK_HTTP_RESPONSE
 *   version_minor   0 for HTTP/1.0, 1 for HTTP/1.1
 *   method, target  requests: the method token (case-sensitive, e.g. "GET")
 *                   and the request target as sent; NULL/0 for responses
 *   status, reason  responses: the status code (100..599) and the reason
 *                   phrase (may be empty); 0 and NULL/0 for requests
 *   headers         the caller's array; num_headers entries were filled, in
 *                   the order received (repeated fields are not merged)
 *   head_len        bytes of the head, through the empty line: the same value
 *                   hk_http_parse_head() returned
 *   body_kind       an hk_http_body_kind value
 *   content_length  for HK_HTTP_BODY_LENGTH the body size, else 0
 *   keep_alive      1 if the connection may carry another message after
 *                   this one (HTTP/1.1 without "Connection: close", HTTP/1.0
 *                   with "Connection: keep-alive"; never for until-close
 *                   bodies or a response with both Transfer-Encoding and
 *                   Content-Length), else 0
 *   upgrade         requests: 1 if Connection lists "upgrade" and an Upgrade
 *                   field is present, or the method is CONNECT. Responses:
 *                   1 for 101 Switching Protocols, or a 2xx answer to
 *                   CONNECT. When 1 in a response, the bytes after head_len
 *                   belong to the new protocol (body_kind is NONE).
 *   flags           HK_HTTP_MSG_* bits
 */
typedef struct hk_http_message {
    size_t size;
    int kind;
    int version_minor;
    const char *method;
    size_t method_len;
    const char *target;
    size_t target_len;
    int status;
    const char *reason;
    size_t reason_len;
    hk_http_header *headers;
    size_t num_headers;
    size_t head_len;
    int body_kind;
    int keep_alive;
    int upgrade;
    uint32_t flags;
    uint64_t content_length;
} hk_http_message;

/* ======================================================================== */
/* ---- the parser ---------------------------------------------------------- */

/*
 * An incremental parser for one HTTP/1.1 message at a time (head, then
 * body). All fields are private. It holds no pointer into any buffer (only
 * offsets and counters), so it may be copied with memcpy. Initialise with
 * hk_http_parser_init(); parse the next message of the same connection after
 * hk_http_parser_reset().
 */
typedef struct hk_http_parser {
    /* options */
    uint64_t max_body_;
    size_t max_start_line_;
    size_t max_header_bytes_;
    size_t max_headers_;
    size_t max_chunk_line_;
    uint32_t flags_;
    int kind_;
    int req_method_;     /* responses: method of the request (HEAD, CONNECT) */
    int err_;            /* sticky error or 0 */
    /* head scan */
    int state_;
    int calls_;          /* calls that contributed to this head */
    size_t pos_;         /* next byte to examine */
    size_t seen_len_;    /* length of the buffer at the previous call */
    size_t line_start_;  /* offset of the current line */
    size_t tok_start_;   /* offset of the token being scanned */
    size_t tok_end_;     /* end of a field value without trailing whitespace */
    size_t start_begin_; /* offset of the start line (after empty lines) */
    size_t fields_begin_;/* offset of the first field line */
    size_t m_off_, m_len_; /* method, or version in a status line */
    size_t t_off_, t_len_; /* target, or reason */
    size_t nfields_;
    int version_minor_;
    int status_;
    uint32_t msg_flags_;
    int host_count_;
    uint64_t cl_;         /* Content-Length value */
    uint32_t te_state_;   /* Transfer-Encoding summary */
    int field_id_;        /* which known field the current line is */
    /* body */
    int body_kind_;
    int body_state_;
    uint64_t remaining_;  /* bytes left in the body or the current chunk */
    uint64_t body_total_; /* body bytes delivered so far */
    size_t line_len_;     /* length of the current chunk or trailer line */
    size_t trailer_bytes_;
    size_t trailer_count_;
    uint64_t reserved_[4];
} hk_http_parser;

/*
 * hk_http_parser_init - prepare *p to parse messages of `kind`.
 *
 * p     caller-owned storage; overwritten.
 * kind  HK_HTTP_REQUEST or HK_HTTP_RESPONSE.
 * opt   limits and flags (copied; not referenced afterwards), or NULL for
 *       the defaults.
 *
 * Returns HK_OK, or HK_ERR_INVALID_ARG if p is NULL, kind is unknown,
 * opt->size is smaller than the first version of the struct or a limit is
 * out of range (see hk_http_parser_options).
 */
HK_API int hk_http_parser_init(hk_http_parser *p, int kind, const hk_http_parser_options *opt);

/*
 * hk_http_parser_reset - forget the current message (and any sticky error)
 * and expect the head of the next one; keeps the kind and the options. Call
 * it after a message ended to parse the next pipelined one, or after a 1xx
 * interim response to parse the final response. For a response parser it also
 * forgets the request method (set it again for the next response).
 */
HK_API void hk_http_parser_reset(hk_http_parser *p);

/*
 * hk_http_parser_set_request_method - tell a response parser which request
 * the next response answers, because the framing depends on it (RFC 9112
 * section 6.3): a response to HEAD has no body whatever its fields say, and
 * a 2xx response to CONNECT switches the connection to a tunnel.
 *
 * Call it after init or reset, before the first hk_http_parse_head() of the
 * response. `method` (method_len bytes, not necessarily NUL-terminated) is
 * compared case-sensitively and not referenced after the call; without this
 * call the request is assumed to be neither HEAD nor CONNECT.
 *
 * Returns HK_OK, HK_ERR_INVALID_ARG if p is NULL, method is NULL with
 * method_len > 0, or p is a request parser, or HK_ERR_STATE if the head of
 * the response is already being parsed.
 */
HK_API int hk_http_parser_set_request_method(hk_http_parser *p, const char *method,
                                             size_t method_len);

/*
 * hk_http_parse_head - parse (more of) a message head.
 *
 * buf, len     the accumulated head bytes from the first byte of this
 *              message. On every call after HK_ERR_NEED_MORE, pass the same
 *              bytes as before followed by any new ones (len must not shrink;
 *              the buffer may have moved). Bytes past the head may be present
 *              and are not touched.
 * headers      caller array receiving the fields; at most max_headers entries
 *              are written. May be NULL if max_headers is 0. Must be the same
 *              array (or one at least as large) on every call for one head.
 * msg          receives the head when it is complete; msg->size must be set.
 *
 * Returns the head length in bytes (> 0) when the head is complete: msg is
 * filled, the parser moves on to the body (see hk_http_body_next()), and
 * buf[head_len..len) is left for the caller. Returns HK_ERR_NEED_MORE if
 * the head is incomplete: nothing was filled; call again with more bytes.
 *
 * Errors (fatal, sticky until hk_http_parser_reset()):
 *   HK_ERR_INVALID_ARG (not sticky) p, msg or buf NULL (buf may be NULL if
 *       len is 0), msg->size too small, len smaller than on the previous call;
 *   HK_ERR_STATE (not sticky) the head was already parsed (reset first);
 *   HK_ERR_HTTP_METHOD, _TARGET, _VERSION, _STATUS, _REASON: start line;
 *   HK_ERR_HTTP_HEADER_NAME, _HEADER_VALUE, _SPACE_BEFORE_COLON, _OBS_FOLD:
 *       field lines;
 *   HK_ERR_HTTP_BARE_CR, _BARE_LF, _CONTROL_CHAR: line syntax;
 *   HK_ERR_HTTP_TE_AND_CL, _CL_MISMATCH, _CL_INVALID, _CL_OVERFLOW,
 *       _TE_NOT_CHUNKED, _TE_INVALID: framing fields (RFC 9112 section 6).
 *       TE_AND_CL and TE_NOT_CHUNKED apply to requests; in a response
 *       Transfer-Encoding overrides Content-Length and a final coding other
 *       than chunked means read-until-close, both with keep_alive 0 (section
 *       6.3 items 3 and 4). TE_INVALID also covers chunked applied twice and
 *       any Transfer-Encoding in an HTTP/1.0 message (section 6.1);
 *   HK_ERR_HTTP_HOST: an
 *       HTTP/1.1 request without Host, or any request with more than one
 *       (RFC 9112 section 3.2), or a Host value that is not a valid
 *       uri-host [ ":" port ];
 *   HK_ERR_HTTP_LINE_TOO_LONG, _HEADERS_TOO_LARGE, _TOO_MANY_HEADERS,
 *       _BODY_TOO_LARGE (a Content-Length over max_body): limits;
 *   HK_ERR_HTTP_SYNTAX: anything else malformed.
 */
HK_API hk_ssize hk_http_parse_head(hk_http_parser *p, const char *buf, size_t len,
                                   hk_http_header *headers, size_t max_headers,
                                   hk_http_message *msg);

/* Events returned by hk_http_body_next() and hk_http_body_decode(). */
enum hk_http_body_event {
    HK_HTTP_EV_DATA = 1,    /* *data, *data_len: body bytes */
    HK_HTTP_EV_TRAILER = 2, /* *data, *data_len: raw trailer section bytes */
    HK_HTTP_EV_END = 3      /* the message is complete */
};

/*
 * hk_http_body_next - read the body after hk_http_parse_head(), zero-copy.
 *
 * in, in_len  next input bytes (for the first call, typically the bytes of
 *             the head buffer after head_len). in may be NULL if in_len is 0.
 * consumed    receives how many bytes of `in` this call used (framing and
 *             data); the caller drops them and passes the rest (plus new
 *             bytes) to the next call. Never more than in_len.
 * data, data_len  receive the span of the event, inside `in`.
 *
 * Each call reports at most one event:
 *   HK_HTTP_EV_DATA     a non-empty span of body bytes (for chunked, of the
 *                       decoded body: chunk framing excluded).
 *   HK_HTTP_EV_TRAILER  a non-empty piece of the chunked trailer section,
 *                       raw (field lines with CRLF, final empty line
 *                       included); only for a section with at least one
 *                       field (a bare final CRLF is not reported). The
 *                       parser validates the fields with the same rules and
 *                       limits as header fields; a caller that wants them
 *                       concatenates the pieces and calls
 *                       hk_http_parse_trailers() when EV_END arrives.
 *   HK_HTTP_EV_END      the message ended; *consumed stops right after its
 *                       last byte, so in[*consumed..in_len) is the next
 *                       message (or the new protocol after an upgrade).
 *                       Returned immediately (consumed 0) for BODY_NONE
 *                       and for every call after the end, until reset.
 * or HK_ERR_NEED_MORE when every byte of `in` was consumed without anything
 * to report (*consumed == in_len). A body that runs until close ends only
 * through hk_http_parser_eof().
 *
 * Errors (fatal, sticky): HK_ERR_STATE (not sticky) if the head has not been
 * parsed; HK_ERR_INVALID_ARG (not sticky) for NULL out-pointers;
 * HK_ERR_HTTP_CHUNK_SIZE, _CHUNK_OVERFLOW, _CHUNK_FORMAT, _BODY_TOO_LARGE,
 * _BARE_CR, _BARE_LF, _CONTROL_CHAR and the field errors of
 * hk_http_parse_head() for trailer lines, HK_ERR_HTTP_HEADERS_TOO_LARGE and
 * _TOO_MANY_HEADERS for the trailer section.
 */
HK_API int hk_http_body_next(hk_http_parser *p, const char *in, size_t in_len, size_t *consumed,
                             const char **data, size_t *data_len);

/*
 * hk_http_body_decode - read the body into a buffer (or decode in place).
 *
 * Like hk_http_body_next(), but copies the body bytes into out[0..out_cap)
 * and skips the trailer section (still validated). `out` may equal `in`
 * (chunked decoding in place: the decoded bytes are never ahead of the input
 * being read); otherwise the two must not overlap.
 *
 * *consumed receives the input bytes used, *produced the body bytes written.
 * Returns HK_HTTP_EV_END when the message ended (in[*consumed..) is the next
 * message), HK_ERR_NEED_MORE when all input was consumed, or
 * HK_ERR_BUFFER_TOO_SMALL (recoverable, not sticky) when out filled up
 * before the input was used up: drain out and call again with the rest.
 * Errors: as hk_http_body_next().
 */
HK_API int hk_http_body_decode(hk_http_parser *p, const char *in, size_t in_len,
                               size_t *consumed, char *out, size_t out_cap, size_t *produced);

/*
 * hk_http_parser_eof - the connection was closed by the peer (no more input).
 *
 * Returns HK_HTTP_EV_END if that completes the current message (a response
 * body that runs until close), HK_OK if it is a clean end between messages
 * (no byte of a next head was fed, or the last message already ended), or
 * HK_ERR_HTTP_TRUNCATED (sticky) if the stream stopped inside a head, a
 * Content-Length body or a chunked body.
 */
HK_API int hk_http_parser_eof(hk_http_parser *p);

/*
 * hk_http_parser_begin_body - start a parser directly in the body state,
 * for a head that was parsed elsewhere (or a bare chunked stream).
 * body_kind is an hk_http_body_kind; content_length is used for
 * HK_HTTP_BODY_LENGTH. Checks max_body against content_length.
 * Returns HK_OK, HK_ERR_INVALID_ARG (unknown kind, or UNTIL_CLOSE on a
 * request parser), HK_ERR_STATE if a head is being parsed or was parsed, or
 * HK_ERR_HTTP_BODY_TOO_LARGE.
 */
HK_API int hk_http_parser_begin_body(hk_http_parser *p, int body_kind, uint64_t content_length);

/*
 * hk_http_parser_error - the sticky error of p, or HK_OK.
 */
HK_API int hk_http_parser_error(const hk_http_parser *p);

/*
 * hk_http_parser_body_bytes - body bytes delivered so far for the current
 * message (decoded bytes for chunked).
 */
HK_API uint64_t hk_http_parser_body_bytes(const hk_http_parser *p);

/*
 * hk_http_parse_request / hk_http_parse_response - one-shot head parsers
 * with the default options, for a buffer that already holds a whole head.
 * They are not incremental (a NEED_MORE result means "call again with more,
 * and the scan restarts"); use an hk_http_parser for trickled input and for
 * the body. For responses, request_method (may be NULL) is as in
 * hk_http_parser_set_request_method(). Returns and errors as
 * hk_http_parse_head().
 */
HK_API hk_ssize hk_http_parse_request(const char *buf, size_t len, hk_http_header *headers,
                                      size_t max_headers, hk_http_message *msg);
HK_API hk_ssize hk_http_parse_response(const char *buf, size_t len, const char *request_method,
                                       size_t request_method_len, hk_http_header *headers,
                                       size_t max_headers, hk_http_message *msg);

/*
 * hk_http_parse_trailers - parse a complete chunked trailer section (the
 * bytes delivered by HK_HTTP_EV_TRAILER events, concatenated: field lines
 * and the final empty line) into headers[0..max_headers).
 *
 * opt may be NULL (defaults; its flags and max_header_bytes/max_headers
 * apply). *num_headers receives the count. Pointers point into buf.
 * Returns HK_OK; HK_ERR_NEED_MORE if the final empty line is missing;
 * HK_ERR_HTTP_SYNTAX if bytes follow it; HK_ERR_INVALID_ARG for NULL
 * arguments; or the field errors of hk_http_parse_head().
 */
HK_API int hk_http_parse_trailers(const char *buf, size_t len, const hk_http_parser_options *opt,
                                  hk_http_header *headers, size_t max_headers,
                                  size_t *num_headers);

/* ======================================================================== */
/* ---- field helpers ------------------------------------------------------- */

/*
 * hk_http_token_eq - 1 if a[0..alen) equals b[0..blen) ignoring ASCII case
 * (field names, tokens such as "chunked" or "websocket"), else 0.
 */
HK_API int hk_http_token_eq(const char *a, size_t alen, const char *b, size_t blen);

/*
 * hk_http_header_find - index of the first field at or after index `from`
 * whose name equals name[0..name_len) ignoring case, or HK_ERR_NOT_FOUND.
 * To visit repeated fields, call again with from = previous index + 1.
 * HK_ERR_INVALID_ARG if headers is NULL with num_headers > 0 or name NULL.
 */
HK_API hk_ssize hk_http_header_find(const hk_http_header *headers, size_t num_headers,
                                    const char *name, size_t name_len, size_t from);

/*
 * hk_http_header_count - how many fields are named name[0..name_len)
 * (ignoring case). 0 for NULL arguments.
 */
HK_API size_t hk_http_header_count(const hk_http_header *headers, size_t num_headers,
                                   const char *name, size_t name_len);

/*
 * Iterator over comma-separated lists (RFC 9110 section 5.6.1): one field
 * value, or every field of one name in order (repeated fields form one list,
 * RFC 9110 section 5.3). Empty list elements are skipped, OWS around commas
 * is removed, and commas inside quoted-strings do not split. All fields are
 * private; the iterator refers to the value or header array given at init,
 * which must outlive it.
 */
typedef struct hk_http_list_iter {
    const hk_http_header *headers_;
    size_t num_headers_;
    const char *name_;
    size_t name_len_;
    size_t index_;
    const char *cur_;
    size_t cur_len_;
    size_t pos_;
    int err_;
} hk_http_list_iter;

/* Iterate over the elements of value[0..len). */
HK_API void hk_http_list_init(hk_http_list_iter *it, const char *value, size_t len);
/* Iterate over the elements of every field named name[0..name_len). */
HK_API void hk_http_list_init_headers(hk_http_list_iter *it, const hk_http_header *headers,
                                      size_t num_headers, const char *name, size_t name_len);

/*
 * hk_http_list_next - the next non-empty element, trimmed, raw (may contain
 * parameters and quoted-strings). Returns 1 and sets *elem and *elem_len (into
 * the field value), 0 at the end, or HK_ERR_HTTP_LIST (sticky for the
 * iterator) on an unterminated quoted-string or a control character.
 */
HK_API int hk_http_list_next(hk_http_list_iter *it, const char **elem, size_t *elem_len);

/*
 * hk_http_list_next_token - like hk_http_list_next() for lists whose
 * elements are tokens (Connection, Sec-WebSocket-Protocol) or protocols
 * "token/token" (Upgrade, RFC 9110 section 7.8). Returns 1, 0 at the end,
 * or HK_ERR_HTTP_LIST if an element is anything else.
 */
HK_API int hk_http_list_next_token(hk_http_list_iter *it, const char **tok, size_t *tok_len);

/*
 * hk_http_list_has_token - 1 if the list formed by every field named
 * name[0..name_len) contains token[0..token_len) (ignoring case), 0 if not,
 * HK_ERR_HTTP_LIST if the list is malformed. Example: whether Connection
 * lists "upgrade".
 */
HK_API int hk_http_list_has_token(const hk_http_header *headers, size_t num_headers,
                                  const char *name, size_t name_len, const char *token,
                                  size_t token_len);

/*
 * Iterator over the parameters of one list element of the form
 *   token *( OWS ";" OWS token [ BWS "=" BWS ( token / quoted-string ) ] )
 * as in Sec-WebSocket-Extensions (RFC 6455 section 9.1) or
 * "permessage-deflate; client_max_window_bits=10" (RFC 7692). Private fields.
 */
typedef struct hk_http_param_iter {
    const char *elem_;
    size_t len_;
    size_t pos_;
    int err_;
} hk_http_param_iter;

/*
 * hk_http_param_init - start on elem[0..elem_len) (typically from
 * hk_http_list_next()) and return its leading token in *name and *name_len.
 * Returns HK_OK or HK_ERR_HTTP_LIST if the element does not start with a
 * token followed by end or ";".
 */
HK_API int hk_http_param_init(hk_http_param_iter *it, const char *elem, size_t elem_len,
                              const char **name, size_t *name_len);

/*
 * hk_http_param_next - the next parameter. Returns 1 with *name and *name_len
 * set and *value and *value_len the value (NULL/0 when the parameter has no
 * "="); for a quoted-string the value is the text between the quotes, still
 * escaped, and *quoted is 1 (decode with hk_http_unquote()), else *quoted is
 * 0. Returns 0 at the end or HK_ERR_HTTP_LIST on bad syntax (sticky).
 * `quoted` may be NULL.
 */
HK_API int hk_http_param_next(hk_http_param_iter *it, const char **name, size_t *name_len,
                              const char **value, size_t *value_len, int *quoted);

/*
 * hk_http_unquote - decode the inside of a quoted-string (backslash escapes,
 * RFC 9110 section 5.6.4) from in[0..in_len) into out[0..out_cap).
 * *out_len receives the decoded length (always <= in_len, so out_cap ==
 * in_len always suffices; out may equal in). Returns HK_OK,
 * HK_ERR_BUFFER_TOO_SMALL (*out_len = size needed), or HK_ERR_HTTP_LIST for a
 * trailing backslash, an unescaped '"' or a control character.
 */
HK_API int hk_http_unquote(const char *in, size_t in_len, char *out, size_t out_cap,
                           size_t *out_len);

/* ======================================================================== */
/* ---- dates and Retry-After -------------------------------------------- */

/* Length of an IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT". */
#define HK_HTTP_DATE_LEN 29

/*
 * hk_http_parse_date - parse an HTTP-date (RFC 9110 section 5.6.7): the
 * IMF-fixdate form, and the obsolete RFC 850 and asctime forms that
 * recipients must accept. *unix_time receives seconds since 1970-01-01 UTC.
 * Returns HK_OK, HK_ERR_HTTP_RETRY_AFTER on any malformed or impossible
 * date, HK_ERR_INVALID_ARG for NULL arguments.
 */
HK_API int hk_http_parse_date(const char *s, size_t len, int64_t *unix_time);

/*
 * hk_http_format_date - write unix_time as an IMF-fixdate into
 * out[0..HK_HTTP_DATE_LEN] (NUL-terminated, so out needs
 * HK_HTTP_DATE_LEN + 1 bytes). Returns HK_OK or HK_ERR_INVALID_ARG (out
 * NULL, or a time before year 0 or after year 9999).
 */
HK_API int hk_http_format_date(int64_t unix_time, char *out);

/*
 * hk_http_parse_retry_after - parse a Retry-After value (RFC 9110 section
 * 10.2.3): delta-seconds or an HTTP-date. *delay_seconds receives the wait
 * from `now` (unix seconds): the delta itself, or date - now clamped at 0.
 * Delta-seconds larger than 2^31-1 are clamped to it (RFC 9110 section
 * 1.2.2 asks recipients to accept large values). Surrounding whitespace is
 * ignored. Returns HK_OK, HK_ERR_HTTP_RETRY_AFTER, or HK_ERR_INVALID_ARG.
 */
HK_API int hk_http_parse_retry_after(const char *value, size_t len, int64_t now,
                                     uint64_t *delay_seconds);

/* ======================================================================== */
/* ---- URLs ------------------------------------------------------------------ */

enum hk_http_scheme {
    HK_HTTP_SCHEME_HTTP = 1,
    HK_HTTP_SCHEME_HTTPS = 2,
    HK_HTTP_SCHEME_WS = 3,
    HK_HTTP_SCHEME_WSS = 4
};

/*
 * A parsed absolute URL. The caller sets `size` = sizeof(hk_http_url).
 * Pointers point into the string passed to hk_http_parse_url(), except
 * `path` for a URL without a path, which points to a static "/".
 *
 *   scheme         an hk_http_scheme value (the scheme is case-insensitive)
 *   secure         1 for https and wss
 *   host           the host: a registered name or IPv4 address as written,
 *                  or an IPv6 address without its brackets
 *   host_is_ipv6   1 if host was an IP-literal in brackets
 *   port           the explicit port, or 80 / 443 by scheme
 *   port_explicit  1 if the URL had a port
 *   path           path and query (request-target in origin-form), never
 *                  empty; the fragment is not included
 */
typedef struct hk_http_url {
    size_t size;
    int scheme;
    int secure;
    const char *host;
    size_t host_len;
    int host_is_ipv6;
    int port_explicit;
    uint16_t port;
    const char *path;
    size_t path_len;
} hk_http_url;

/*
 * hk_http_parse_url - parse url[0..len) of the form
 *   scheme "://" host [ ":" port ] [ path [ "?" query ] ] [ "#" fragment ]
 * for the schemes http, https, ws and wss. Userinfo ("user:pass@") is
 * rejected (it must never be sent in a request); so are an empty host, a
 * port outside 1..65535, spaces, control characters and bytes over 0x7E,
 * and a fragment in a ws/wss URL (RFC 6455 section 3); a fragment in an
 * http/https URL is dropped. A query without a path ("http://h?q") is
 * rejected too: its origin-form target needs a "/" that is not in the
 * string, and `path` never points anywhere but into it (write
 * "http://h/?q"). Returns HK_OK, HK_ERR_HTTP_URL, or HK_ERR_INVALID_ARG
 * (NULL arguments, out->size too small).
 */
HK_API int hk_http_parse_url(const char *url, size_t len, hk_http_url *out);

/*
 * hk_http_url_host_header - write the Host field value for a parsed URL:
 * host, brackets around an IPv6 literal, ":port" unless it is the scheme's
 * default. Writes into buf[0..cap) (not NUL-terminated), *len = length.
 * Returns HK_OK, HK_ERR_BUFFER_TOO_SMALL (*len = size needed), or
 * HK_ERR_INVALID_ARG.
 */
HK_API int hk_http_url_host_header(const hk_http_url *url, char *buf, size_t cap, size_t *len);

/* ======================================================================== */
/* ---- builder ------------------------------------------------------------- */

/*
 * Output callback for a builder in writer mode: consume data[0..len) (valid
 * only during the call). Return 0 on success; a negative hk_error is passed
 * back to the builder's caller, any other non-zero value becomes
 * HK_ERR_CALLBACK. Either failure is sticky for the builder.
 */
typedef int (*hk_http_write_fn)(void *user, const char *data, size_t len);

/*
 * A message builder (HTTP/1.1 only). Two output modes:
 *   buffer mode (hk_http_builder_init): bytes go to a caller buffer; when it
 *     is too small the builder keeps counting, and hk_http_builder_finish()
 *     reports HK_ERR_BUFFER_TOO_SMALL with the size needed;
 *   writer mode (hk_http_builder_init_writer): bytes go to a callback as
 *     they are produced, so headers and a streamed chunked body can be
 *     written without any buffer.
 *
 * Sequence: request_line or status_line; any number of header(); then one of
 *   end_head()        no body framing added (GET, 101, 204, 304, or when the
 *                     caller wrote Content-Length itself and will send the
 *                     body separately with body_data());
 *   body()            adds Content-Length (checks an explicit one matches),
 *                     ends the head and writes the body;
 *   begin_chunked()   adds "Transfer-Encoding: chunked", ends the head; then
 *                     chunk() any number of times and end_chunked().
 * Every name, value, method, target and reason is validated so that nothing
 * passed in can inject a field or split the message: a violation is an
 * error (never a silent strip) and makes the builder fail (sticky).
 * Calls out of sequence return HK_ERR_STATE (sticky as well).
 * All fields are private.
 */
typedef struct hk_http_builder {
    char *buf_;
    size_t cap_;
    size_t len_;         /* bytes produced (buffer mode: may exceed cap_) */
    size_t base_;        /* bytes produced before the current buffer */
    hk_http_write_fn write_;
    void *user_;
    int state_;
    int err_;
    uint32_t seen_;      /* fields written: Host, Content-Length, TE, ... */
    int is_request_;
    int status_;
    uint64_t content_length_;
    uint64_t body_sent_;
    uint64_t reserved_[2];
} hk_http_builder;

/*
 * hk_http_builder_init - buffer mode into buf[0..cap) (buf may be NULL when
 * cap is 0: measures the size only). The builder does not own buf; buf must
 * stay valid until finish or the next reset_buffer.
 */
HK_API void hk_http_builder_init(hk_http_builder *b, char *buf, size_t cap);

/*
 * hk_http_builder_init_writer - writer mode: every piece goes to fn(user,..)
 * as it is produced. `user` is passed through and owned by the caller.
 */
HK_API void hk_http_builder_init_writer(hk_http_builder *b, hk_http_write_fn fn, void *user);

/*
 * hk_http_builder_reset_buffer - buffer mode: continue the same message into
 * a fresh buffer (after sending what the previous one held), e.g. to stream
 * chunks one by one. Returns HK_OK, HK_ERR_INVALID_ARG (writer mode), or
 * the sticky error; HK_ERR_BUFFER_TOO_SMALL if the previous buffer had
 * overflowed (its contents were incomplete).
 */
HK_API int hk_http_builder_reset_buffer(hk_http_builder *b, char *buf, size_t cap);

/*
 * hk_http_builder_buffered - buffer mode: bytes produced into the current
 * buffer since init or the last reset_buffer (what to send before the next
 * reset_buffer). More than the buffer's capacity means it overflowed and
 * its contents are incomplete. 0 in writer mode or for NULL.
 */
HK_API size_t hk_http_builder_buffered(const hk_http_builder *b);

/*
 * hk_http_builder_request_line - "METHOD target HTTP/1.1" and, if host is not
 * NULL, the Host field (RFC 9112 section 3.2 requires exactly one in every
 * HTTP/1.1 request; if host is NULL the caller must add Host with header(),
 * or end_head()/body()/begin_chunked() fail with HK_ERR_HTTP_HOST).
 * Errors: HK_ERR_HTTP_METHOD (not a token), HK_ERR_HTTP_TARGET (empty, a
 * byte that is not visible ASCII, or not a form RFC 9112 section 3.2 allows
 * for the method: "/path?query", an absolute URI, "*" for OPTIONS,
 * host:port for CONNECT), HK_ERR_HTTP_HOST (empty, or not uri-host
 * [":" port]), HK_ERR_STATE, HK_ERR_INVALID_ARG, output errors.
 */
HK_API int hk_http_builder_request_line(hk_http_builder *b, const char *method, size_t method_len,
                                        const char *target, size_t target_len, const char *host,
                                        size_t host_len);

/*
 * hk_http_builder_status_line - "HTTP/1.1 status reason". reason NULL means
 * the standard phrase (hk_http_status_reason()). status must be 100..599
 * (HK_ERR_HTTP_STATUS); the reason may hold HTAB, SP, visible ASCII and
 * bytes >= 0x80 only (HK_ERR_HTTP_REASON).
 */
HK_API int hk_http_builder_status_line(hk_http_builder *b, int status, const char *reason,
                                       size_t reason_len);

/*
 * hk_http_builder_header - "name: value" CRLF. name must be a non-empty
 * token (HK_ERR_HTTP_HEADER_NAME); value may hold HTAB, SP, visible ASCII
 * and bytes >= 0x80 but not start or end with whitespace
 * (HK_ERR_HTTP_HEADER_VALUE; CR, LF, NUL and other controls are rejected
 * the same way). Framing fields are checked: Content-Length must be digits
 * (HK_ERR_HTTP_CL_INVALID) and given once (HK_ERR_HTTP_CL_MISMATCH),
 * Transfer-Encoding and Content-Length together fail (HK_ERR_HTTP_TE_AND_CL),
 * a second or invalid Host fails (HK_ERR_HTTP_HOST). A Transfer-Encoding written here
 * must be a valid coding list whose last coding is chunked
 * (HK_ERR_HTTP_TE_INVALID / HK_ERR_HTTP_TE_NOT_CHUNKED); end_head() then
 * starts the chunked body as begin_chunked() would, without adding the field.
 */
HK_API int hk_http_builder_header(hk_http_builder *b, const char *name, size_t name_len,
                                  const char *value, size_t value_len);

/* hk_http_builder_header_uint - header() with a decimal value. */
HK_API int hk_http_builder_header_uint(hk_http_builder *b, const char *name, size_t name_len,
                                       uint64_t value);

/* hk_http_builder_end_head - the empty line. See the sequence above. */
HK_API int hk_http_builder_end_head(hk_http_builder *b);

/*
 * hk_http_builder_body - add "Content-Length: body_len" (unless the caller
 * wrote one, which must then equal body_len: HK_ERR_HTTP_CL_MISMATCH), end
 * the head and write body[0..body_len) (body may be NULL if body_len is 0).
 * HK_ERR_STATE after begin_chunked or if Transfer-Encoding was written.
 */
HK_API int hk_http_builder_body(hk_http_builder *b, const void *body, size_t body_len);

/*
 * hk_http_builder_body_data - after end_head() with an explicit
 * Content-Length: write more body bytes. Writing past the declared length
 * fails with HK_ERR_HTTP_BODY_TOO_LARGE.
 */
HK_API int hk_http_builder_body_data(hk_http_builder *b, const void *data, size_t len);

/* hk_http_builder_begin_chunked - add "Transfer-Encoding: chunked" and end
 * the head. HK_ERR_HTTP_TE_AND_CL if Content-Length was written. */
HK_API int hk_http_builder_begin_chunked(hk_http_builder *b);

/* hk_http_builder_chunk - one chunk: hex size CRLF data CRLF. A zero-length
 * call writes nothing (the last chunk is end_chunked's job). */
HK_API int hk_http_builder_chunk(hk_http_builder *b, const void *data, size_t len);

/*
 * hk_http_builder_end_chunked - the last chunk "0" CRLF, the trailer fields
 * (validated like header(); may be NULL when num_trailers is 0) and the
 * final CRLF.
 */
HK_API int hk_http_builder_end_chunked(hk_http_builder *b, const hk_http_header *trailers,
                                       size_t num_trailers);

/*
 * hk_http_builder_finish - check the message is complete (the head ended and
 * any declared body was fully written) and report the size.
 * *len receives the total bytes of the message produced since init (both
 * modes). Returns HK_OK; HK_ERR_BUFFER_TOO_SMALL in buffer mode when the
 * bytes did not fit (*len is then the total size needed, counted from the
 * last reset_buffer); HK_ERR_STATE if the message is incomplete; or the
 * sticky error.
 */
HK_API int hk_http_builder_finish(hk_http_builder *b, size_t *len);

/*
 * One-shot builders for complete messages.
 *
 * hk_http_request_spec (size = sizeof(hk_http_request_spec)):
 *   method, target     required
 *   host               Host value, or NULL if `headers` contains Host
 *   headers            extra fields (may be NULL when num_headers is 0)
 *   body               body bytes, or NULL: then "Content-Length: 0" is
 *                      still sent for POST, PUT and PATCH (RFC 9110
 *                      section 8.6) and nothing for other methods; with a
 *                      body, Content-Length is always added (unless the
 *                      caller's headers carry it, which must match)
 * hk_http_response_spec (size = sizeof(hk_http_response_spec)):
 *   status, reason     reason NULL: the standard phrase
 *   headers, body      as above; Content-Length is added except for 1xx,
 *                      204 and 304 (where a body is HK_ERR_INVALID_ARG)
 */
typedef struct hk_http_request_spec {
    size_t size;
    const char *method;
    size_t method_len;
    const char *target;
    size_t target_len;
    const char *host;
    size_t host_len;
    const hk_http_header *headers;
    size_t num_headers;
    const void *body;
    size_t body_len;
} hk_http_request_spec;

typedef struct hk_http_response_spec {
    size_t size;
    int status;
    const char *reason;
    size_t reason_len;
    const hk_http_header *headers;
    size_t num_headers;
    const void *body;
    size_t body_len;
} hk_http_response_spec;

/*
 * hk_http_build_request / hk_http_build_response - the whole message into
 * buf[0..cap) (buf may be NULL if cap is 0). *len receives the length, or
 * with HK_ERR_BUFFER_TOO_SMALL the size needed. Errors: those of the
 * builder functions, HK_ERR_INVALID_ARG for NULL or a too small spec->size.
 */
HK_API int hk_http_build_request(const hk_http_request_spec *spec, char *buf, size_t cap,
                                 size_t *len);
HK_API int hk_http_build_response(const hk_http_response_spec *spec, char *buf, size_t cap,
                                  size_t *len);

/*
 * hk_http_write_request / hk_http_write_response - the same through a write
 * callback (see hk_http_write_fn). Returns HK_OK or an error.
 */
HK_API int hk_http_write_request(const hk_http_request_spec *spec, hk_http_write_fn fn,
                                 void *user);
HK_API int hk_http_write_response(const hk_http_response_spec *spec, hk_http_write_fn fn,
                                  void *user);

/*
 * hk_http_status_reason - the standard reason phrase of a status code
 * (RFC 9110 section 15, e.g. "Switching Protocols"), as a static
 * NUL-terminated string; "" for codes it does not know.
 */
HK_API const char *hk_http_status_reason(int status);

#ifdef __cplusplus
}
#endif

#endif /* HOOKSOCK_HTTP_H */
