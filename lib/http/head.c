/*
 * http/head.c - incremental, zero-copy parser of HTTP/1.1 message heads
 * (RFC 9112 sections 2 to 5) and the framing decision (section 6.3).
 *
 * The parser is a byte-level state machine whose whole state is offsets and
 * counters in hk_http_parser, so a head fed in any number of pieces is
 * scanned exactly once. Within one call each state runs a tight loop over
 * its character class (16 bytes at a time with SSE2 for field values and
 * request targets). Field entries are written into the caller's array as
 * their lines complete; if the head took more than one call, the buffer may
 * have moved, so the (already validated) field lines are walked once more at
 * the end to point the entries at the final buffer.
 *
 * SPDX-License-Identifier: MIT
 */
#include "http/internal.h"

#if defined(__SSE2__)
#  include <emmintrin.h>
#  define HK_HTTP_HEAD_SSE2 1
#endif

/* The scanners sit in the innermost loops: always inline them. */
#if defined(__GNUC__) || defined(__clang__)
#  define HTTP_HEAD_INLINE static inline __attribute__((always_inline))
#else
#  define HTTP_HEAD_INLINE static inline
#endif

/* Head states (hk_http_parser.state_). */
enum {
    HTTP_HS_REQ_START = 0, /* before a request line; empty lines skipped */
    HTTP_HS_REQ_LEAD_LF,   /* CR of an empty line seen */
    HTTP_HS_METHOD,
    HTTP_HS_TARGET_START,
    HTTP_HS_TARGET,
    HTTP_HS_TARGET_CR,
    HTTP_HS_VERSION,       /* request line: "HTTP/1.x" then CRLF */
    HTTP_HS_RESP_VERSION,  /* status line: "HTTP/1.x" then SP */
    HTTP_HS_STATUS,
    HTTP_HS_REASON,
    HTTP_HS_SL_LF,         /* CR ending the start line seen */
    HTTP_HS_FIELD_START,   /* first state of the field section */
    HTTP_HS_NAME,
    HTTP_HS_NAME_WS,
    HTTP_HS_VALUE_START,
    HTTP_HS_VALUE,
    HTTP_HS_VALUE_LF,
    HTTP_HS_END_LF
};

/* Fields the parser interprets (hk_http_parser.field_id_). */
enum {
    HTTP_F_OTHER = 0,
    HTTP_F_HOST,
    HTTP_F_CONTENT_LENGTH,
    HTTP_F_TRANSFER_ENCODING,
    HTTP_F_CONNECTION,
    HTTP_F_UPGRADE,
    HTTP_F_EXPECT,
    HTTP_F_TRAILER
};

/* te_state_ bits. */
#define HTTP_TE_SEEN 1u
#define HTTP_TE_CHUNKED_SEEN 2u
#define HTTP_TE_LAST_CHUNKED 4u

void hk_http_parser_options_default(hk_http_parser_options *opt)
{
    if (opt == NULL)
        return;
    memset(opt, 0, sizeof *opt);
    opt->size = sizeof *opt;
    opt->max_start_line = HK_HTTP_DEFAULT_MAX_START_LINE;
    opt->max_header_bytes = HK_HTTP_DEFAULT_MAX_HEADER_BYTES;
    opt->max_headers = HK_HTTP_DEFAULT_MAX_HEADERS;
    opt->max_body = HK_HTTP_DEFAULT_MAX_BODY;
    opt->max_chunk_line = HK_HTTP_DEFAULT_MAX_CHUNK_LINE;
    opt->flags = 0;
}

static void http_parser_clear_message(hk_http_parser *p)
{
    p->err_ = 0;
    p->req_method_ = HK__HTTP_RM_OTHER;
    p->state_ = p->kind_ == HK_HTTP_REQUEST ? HTTP_HS_REQ_START : HTTP_HS_RESP_VERSION;
    p->calls_ = 0;
    p->pos_ = 0;
    p->seen_len_ = 0;
    p->line_start_ = 0;
    p->tok_start_ = 0;
    p->tok_end_ = 0;
    p->start_begin_ = 0;
    p->fields_begin_ = 0;
    p->m_off_ = p->m_len_ = 0;
    p->t_off_ = p->t_len_ = 0;
    p->nfields_ = 0;
    p->version_minor_ = 0;
    p->status_ = 0;
    p->msg_flags_ = 0;
    p->host_count_ = 0;
    p->cl_ = 0;
    p->te_state_ = 0;
    p->field_id_ = 0;
    p->body_kind_ = HK_HTTP_BODY_NONE;
    p->body_state_ = HK__HTTP_PHASE_HEAD;
    p->remaining_ = 0;
    p->body_total_ = 0;
    p->line_len_ = 0;
    p->trailer_bytes_ = 0;
    p->trailer_count_ = 0;
}

int hk_http_parser_init(hk_http_parser *p, int kind, const hk_http_parser_options *opt)
{
    hk_http_parser_options o;
    if (p == NULL || (kind != HK_HTTP_REQUEST && kind != HK_HTTP_RESPONSE))
        return HK_ERR_INVALID_ARG;
    if (opt == NULL) {
        o.max_start_line = HK_HTTP_DEFAULT_MAX_START_LINE;
        o.max_header_bytes = HK_HTTP_DEFAULT_MAX_HEADER_BYTES;
        o.max_headers = HK_HTTP_DEFAULT_MAX_HEADERS;
        o.max_body = HK_HTTP_DEFAULT_MAX_BODY;
        o.max_chunk_line = HK_HTTP_DEFAULT_MAX_CHUNK_LINE;
        o.flags = 0;
    } else {
        /* Every field of the first version is required. */
        if (opt->size < sizeof(hk_http_parser_options))
            return HK_ERR_INVALID_ARG;
        o = *opt;
    }
    if (o.max_start_line < 16 || o.max_header_bytes < 16 || o.max_headers < 1 ||
        o.max_body < 1 || o.max_chunk_line < 3)
        return HK_ERR_INVALID_ARG;
    /* field by field rather than memset: init sits on the per-message path
     * of callers that use a fresh parser per message */
    p->max_body_ = o.max_body;
    p->max_start_line_ = o.max_start_line;
    p->max_header_bytes_ = o.max_header_bytes;
    p->max_headers_ = o.max_headers;
    p->max_chunk_line_ = o.max_chunk_line;
    p->flags_ = o.flags;
    p->kind_ = kind;
    p->reserved_[0] = p->reserved_[1] = p->reserved_[2] = p->reserved_[3] = 0;
    http_parser_clear_message(p);
    return HK_OK;
}

void hk_http_parser_reset(hk_http_parser *p)
{
    if (p != NULL)
        http_parser_clear_message(p);
}

int hk_http_parser_set_request_method(hk_http_parser *p, const char *method, size_t method_len)
{
    if (p == NULL || (method == NULL && method_len > 0) || p->kind_ != HK_HTTP_RESPONSE)
        return HK_ERR_INVALID_ARG;
    if (p->body_state_ != HK__HTTP_PHASE_HEAD || p->calls_ > 0)
        return HK_ERR_STATE;
    if (method_len == 4 && memcmp(method, "HEAD", 4) == 0)
        p->req_method_ = HK__HTTP_RM_HEAD;
    else if (method_len == 7 && memcmp(method, "CONNECT", 7) == 0)
        p->req_method_ = HK__HTTP_RM_CONNECT;
    else
        p->req_method_ = HK__HTTP_RM_OTHER;
    return HK_OK;
}

int hk_http_parser_error(const hk_http_parser *p)
{
    return p != NULL ? p->err_ : HK_ERR_INVALID_ARG;
}

/* ---- field values the parser interprets --------------------------------- */

static int http_is_ows(uint8_t c)
{
    return c == ' ' || c == '\t';
}

/*
 * n[0..len) (len >= 4, already validated as a token) equals the lower-case
 * literal `lit` ignoring case. OR-ing 0x20 into every byte folds letters,
 * and no other tchar byte can turn into a letter or '-' that way (only CR
 * becomes '-'), so word-sized compares are exact here.
 */
HTTP_HEAD_INLINE int http_name_is(const char *n, size_t len, const char *lit)
{
    if (len >= 8) {
        const uint64_t f = 0x2020202020202020ull;
        size_t i;
        for (i = 0; i + 8 <= len; i += 8)
            if ((hk__load64_ne(n + i) | f) != hk__load64_ne(lit + i))
                return 0;
        return i == len || (hk__load64_ne(n + len - 8) | f) == hk__load64_ne(lit + len - 8);
    } else {
        uint32_t a, b, c, d;
        memcpy(&a, n, 4);
        memcpy(&b, lit, 4);
        memcpy(&c, n + len - 4, 4);
        memcpy(&d, lit + len - 4, 4);
        return (a | 0x20202020u) == b && (c | 0x20202020u) == d;
    }
}

HTTP_HEAD_INLINE int http_field_id(const char *n, size_t len)
{
    switch (len) {
    case 4:
        return http_name_is(n, 4, "host") ? HTTP_F_HOST : HTTP_F_OTHER;
    case 6:
        return http_name_is(n, 6, "expect") ? HTTP_F_EXPECT : HTTP_F_OTHER;
    case 7:
        if (http_name_is(n, 7, "upgrade"))
            return HTTP_F_UPGRADE;
        return http_name_is(n, 7, "trailer") ? HTTP_F_TRAILER : HTTP_F_OTHER;
    case 10:
        return http_name_is(n, 10, "connection") ? HTTP_F_CONNECTION : HTTP_F_OTHER;
    case 14:
        return http_name_is(n, 14, "content-length") ? HTTP_F_CONTENT_LENGTH : HTTP_F_OTHER;
    case 17:
        return http_name_is(n, 17, "transfer-encoding") ? HTTP_F_TRANSFER_ENCODING
                                                        : HTTP_F_OTHER;
    default:
        return HTTP_F_OTHER;
    }
}

/*
 * Content-Length = 1*DIGIT (RFC 9110 section 8.6). A list of identical
 * values ("42, 42", as left by a proxy merging repeated fields) is the same
 * length; any difference, here or against an earlier field, is
 * HK_ERR_HTTP_CL_MISMATCH. The value must fit in an int64 (a wider length
 * cannot be represented by any caller's file offsets).
 */
static int http_content_length(hk_http_parser *p, const uint8_t *v, size_t n)
{
    size_t i = 0;
    for (;;) {
        uint64_t x = 0;
        size_t start;
        while (i < n && http_is_ows(v[i]))
            i++;
        start = i;
        while (i < n && v[i] >= '0' && v[i] <= '9') {
            unsigned d = (unsigned)(v[i] - '0');
            if (x > ((uint64_t)INT64_MAX - d) / 10)
                return HK_ERR_HTTP_CL_OVERFLOW;
            x = x * 10 + d;
            i++;
        }
        if (i == start)
            return HK_ERR_HTTP_CL_INVALID;
        while (i < n && http_is_ows(v[i]))
            i++;
        if ((p->msg_flags_ & HK_HTTP_MSG_HAS_CONTENT_LENGTH) && x != p->cl_)
            return HK_ERR_HTTP_CL_MISMATCH;
        p->cl_ = x;
        p->msg_flags_ |= HK_HTTP_MSG_HAS_CONTENT_LENGTH;
        if (i == n)
            return HK_OK;
        if (v[i] != ',')
            return HK_ERR_HTTP_CL_INVALID;
        i++;
    }
}

/* Skip a quoted-string starting at v[i] == '"'; returns the index after it
 * or 0 if it is malformed (RFC 9110 section 5.6.4). */
static size_t http_skip_quoted(const uint8_t *v, size_t n, size_t i)
{
    i++;
    while (i < n) {
        uint8_t c = v[i];
        if (c == '"')
            return i + 1;
        if (c == '\\') {
            if (i + 1 >= n || HK_HTTP_IS(v[i + 1], HK_HTTP_C_CTL))
                return 0;
            i += 2;
            continue;
        }
        if (HK_HTTP_IS(c, HK_HTTP_C_CTL))
            return 0;
        i++;
    }
    return 0;
}

/*
 * Transfer-Encoding = #transfer-coding (RFC 9112 section 6.1, RFC 9110
 * section 10.1.4); transfer-coding = token *( OWS ";" OWS token BWS "="
 * BWS ( token / quoted-string ) ). Repeated fields continue the list.
 * Chunked must not be applied twice and takes no parameters (RFC 9112
 * section 7). Records whether the final coding is chunked.
 */
static int http_transfer_encoding(hk_http_parser *p, const uint8_t *v, size_t n)
{
    size_t i = 0;
    int any = 0;
    for (;;) {
        size_t start;
        int chunked;
        while (i < n && (http_is_ows(v[i]) || v[i] == ','))
            i++;
        if (i == n)
            break;
        start = i;
        while (i < n && HK_HTTP_IS(v[i], HK_HTTP_C_TCHAR))
            i++;
        if (i == start)
            return HK_ERR_HTTP_TE_INVALID;
        chunked = (i - start == 7 && hk__http_eq_lower((const char *)v + start, "chunked", 7));
        while (i < n && http_is_ows(v[i]))
            i++;
        while (i < n && v[i] == ';') {
            if (chunked)
                return HK_ERR_HTTP_TE_INVALID;
            i++;
            while (i < n && http_is_ows(v[i]))
                i++;
            start = i;
            while (i < n && HK_HTTP_IS(v[i], HK_HTTP_C_TCHAR))
                i++;
            if (i == start)
                return HK_ERR_HTTP_TE_INVALID;
            while (i < n && http_is_ows(v[i]))
                i++;
            if (i == n || v[i] != '=')
                return HK_ERR_HTTP_TE_INVALID;
            i++;
            while (i < n && http_is_ows(v[i]))
                i++;
            if (i < n && v[i] == '"') {
                i = http_skip_quoted(v, n, i);
                if (i == 0)
                    return HK_ERR_HTTP_TE_INVALID;
            } else {
                start = i;
                while (i < n && HK_HTTP_IS(v[i], HK_HTTP_C_TCHAR))
                    i++;
                if (i == start)
                    return HK_ERR_HTTP_TE_INVALID;
            }
            while (i < n && http_is_ows(v[i]))
                i++;
        }
        if (chunked) {
            if (p->te_state_ & HTTP_TE_CHUNKED_SEEN)
                return HK_ERR_HTTP_TE_INVALID;
            p->te_state_ |= HTTP_TE_CHUNKED_SEEN | HTTP_TE_LAST_CHUNKED;
        } else {
            p->te_state_ &= ~HTTP_TE_LAST_CHUNKED;
        }
        any = 1;
        if (i == n)
            break;
        if (v[i] != ',')
            return HK_ERR_HTTP_TE_INVALID;
    }
    if (!any)
        return HK_ERR_HTTP_TE_INVALID;
    p->te_state_ |= HTTP_TE_SEEN;
    p->msg_flags_ |= HK_HTTP_MSG_HAS_TRANSFER_ENCODING;
    return HK_OK;
}

/*
 * Host = uri-host [ ":" port ] (RFC 9110 section 7.2); uri-host is an
 * IP-literal in brackets, an IPv4 address or a reg-name (RFC 3986 section
 * 3.2.2). An empty value is valid (RFC 9112 section 3.2).
 */
HK_INTERNAL int hk__http_host_ok(const uint8_t *v, size_t n)
{
    size_t i = 0;
    if (n == 0)
        return 1;
    if (v[0] == '[') {
        i = 1;
        while (i < n && v[i] != ']') {
            uint8_t c = v[i];
            if (!(HK_HTTP_IS(c, HK_HTTP_C_HEX) || c == ':' || c == '.'))
                return 0;
            i++;
        }
        if (i == n || i == 1)
            return 0;
        i++;
    } else {
        while (i < n && v[i] != ':') {
            uint8_t c = v[i];
            if (c == '%') {
                if (i + 2 >= n || !HK_HTTP_IS(v[i + 1], HK_HTTP_C_HEX) ||
                    !HK_HTTP_IS(v[i + 2], HK_HTTP_C_HEX))
                    return 0;
                i += 3;
                continue;
            }
            if (!HK_HTTP_IS(c, HK_HTTP_C_REGNAME))
                return 0;
            i++;
        }
    }
    if (i < n) {
        if (v[i] != ':')
            return 0;
        for (i++; i < n; i++)
            if (v[i] < '0' || v[i] > '9')
                return 0;
    }
    return 1;
}

/* Connection options (RFC 9110 section 7.6.1): note close, keep-alive and
 * upgrade. Other elements are connection option names we do not act on.
 * Values hold no control bytes, so http_name_is() compares exactly. */
static void http_connection(hk_http_parser *p, const uint8_t *v, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t start, end;
        while (i < n && (http_is_ows(v[i]) || v[i] == ','))
            i++;
        start = i;
        while (i < n && v[i] != ',')
            i++;
        end = i;
        while (end > start && http_is_ows(v[end - 1]))
            end--;
        switch (end - start) {
        case 5:
            if (http_name_is((const char *)v + start, 5, "close"))
                p->msg_flags_ |= HK_HTTP_MSG_CONNECTION_CLOSE;
            break;
        case 7:
            if (http_name_is((const char *)v + start, 7, "upgrade"))
                p->msg_flags_ |= HK_HTTP_MSG_CONNECTION_UPGRADE;
            break;
        case 10:
            if (http_name_is((const char *)v + start, 10, "keep-alive"))
                p->msg_flags_ |= HK_HTTP_MSG_CONNECTION_KEEP_ALIVE;
            break;
        default:
            break;
        }
    }
}

static int http_field_value(hk_http_parser *p, int id, const uint8_t *v, size_t n)
{
    switch (id) {
    case HTTP_F_HOST:
        p->host_count_++;
        p->msg_flags_ |= HK_HTTP_MSG_HAS_HOST;
        if (p->kind_ == HK_HTTP_REQUEST && (p->host_count_ > 1 || !hk__http_host_ok(v, n)))
            return HK_ERR_HTTP_HOST;
        return HK_OK;
    case HTTP_F_CONTENT_LENGTH:
        return http_content_length(p, v, n);
    case HTTP_F_TRANSFER_ENCODING:
        return http_transfer_encoding(p, v, n);
    case HTTP_F_CONNECTION:
        http_connection(p, v, n);
        return HK_OK;
    case HTTP_F_UPGRADE:
        p->msg_flags_ |= HK_HTTP_MSG_HAS_UPGRADE;
        return HK_OK;
    case HTTP_F_EXPECT:
        if (n == 12 && hk__http_eq_lower((const char *)v, "100-continue", 12))
            p->msg_flags_ |= HK_HTTP_MSG_EXPECT_CONTINUE;
        return HK_OK;
    case HTTP_F_TRAILER:
        p->msg_flags_ |= HK_HTTP_MSG_HAS_TRAILER_FIELD;
        return HK_OK;
    default:
        return HK_OK;
    }
}

/*
 * request-target forms (RFC 9112 section 3.2): origin-form starts with "/";
 * asterisk-form "*" only for OPTIONS; authority-form (host ":" port) only
 * and always for CONNECT; otherwise absolute-form, which starts with a
 * scheme (RFC 3986 section 3.1) and ":".
 */
HK_INTERNAL int hk__http_target_ok(const uint8_t *t, size_t n, const uint8_t *m, size_t mlen)
{
    size_t i;
    int connect = (mlen == 7 && memcmp(m, "CONNECT", 7) == 0);
    if (connect) {
        size_t colon = n;
        for (i = n; i > 0; i--)
            if (t[i - 1] == ':') {
                colon = i - 1;
                break;
            }
        if (colon == n || colon == 0 || colon + 1 == n || t[0] == '/')
            return 0;
        for (i = colon + 1; i < n; i++)
            if (t[i] < '0' || t[i] > '9')
                return 0;
        return hk__http_host_ok(t, n);
    }
    if (t[0] == '/')
        return 1;
    if (n == 1 && t[0] == '*')
        return mlen == 7 && memcmp(m, "OPTIONS", 7) == 0;
    if (!((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z')))
        return 0;
    for (i = 1; i < n; i++) {
        uint8_t c = t[i];
        if (c == ':')
            return i + 1 < n;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.'))
            return 0;
    }
    return 0;
}

/* ---- fast scanners -------------------------------------------------------- */

/* Advance over bytes of character class `cls` in b[pos..end), four per step
 * (the scalar path, and the tail after a vector loop). */
HTTP_HEAD_INLINE size_t http_scan_class(const uint8_t *b, size_t pos, size_t end, unsigned cls)
{
    while (end - pos >= 4) {
        if (!HK_HTTP_IS(b[pos], cls))
            return pos;
        if (!HK_HTTP_IS(b[pos + 1], cls))
            return pos + 1;
        if (!HK_HTTP_IS(b[pos + 2], cls))
            return pos + 2;
        if (!HK_HTTP_IS(b[pos + 3], cls))
            return pos + 3;
        pos += 4;
    }
    while (pos < end && HK_HTTP_IS(b[pos], cls))
        pos++;
    return pos;
}

/* Advance over field-vchar / SP (not HTAB) bytes in b[pos..end). */
HTTP_HEAD_INLINE size_t http_scan_value(const uint8_t *b, size_t pos, size_t end)
{
#ifdef HK_HTTP_HEAD_SSE2
    const __m128i lim = _mm_set1_epi8(0x1f);
    const __m128i del = _mm_set1_epi8(0x7f);
    while (end - pos >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + pos));
        __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, lim), v);
        __m128i bad = _mm_or_si128(ctl, _mm_cmpeq_epi8(v, del));
        int m = _mm_movemask_epi8(bad);
        if (m != 0)
            return pos + (size_t)__builtin_ctz((unsigned)m);
        pos += 16;
    }
#endif
    return http_scan_class(b, pos, end, HK_HTTP_C_VALUE);
}

/* Advance over VCHAR bytes (0x21-0x7E) in b[pos..end). */
HTTP_HEAD_INLINE size_t http_scan_vchar(const uint8_t *b, size_t pos, size_t end)
{
#ifdef HK_HTTP_HEAD_SSE2
    const __m128i lo = _mm_set1_epi8(0x20);
    const __m128i hi = _mm_set1_epi8(0x7f);
    while (end - pos >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + pos));
        __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, lo), v);  /* v <= 0x20 */
        __m128i high = _mm_cmpeq_epi8(_mm_max_epu8(v, hi), v); /* v >= 0x7f */
        int m = _mm_movemask_epi8(_mm_or_si128(low, high));
        if (m != 0)
            return pos + (size_t)__builtin_ctz((unsigned)m);
        pos += 16;
    }
#endif
    while (pos < end && HK_HTTP_IS(b[pos], HK_HTTP_C_VCHAR))
        pos++;
    return pos;
}

/* Advance over field-vchar / SP / HTAB bytes: the body of a field value or
 * a reason phrase (RFC 9110 section 5.5, RFC 9112 section 4). */
HTTP_HEAD_INLINE size_t http_scan_value_ht(const uint8_t *b, size_t pos, size_t end)
{
    for (;;) {
        pos = http_scan_value(b, pos, end);
        if (pos < end && b[pos] == '\t') {
            pos++;
            continue;
        }
        return pos;
    }
}

HTTP_HEAD_INLINE size_t http_scan_tchar(const uint8_t *b, size_t pos, size_t end)
{
    return http_scan_class(b, pos, end, HK_HTTP_C_TCHAR);
}

static size_t http_sat_add(size_t a, size_t b)
{
    size_t r;
    return hk__add_overflow(a, b, &r) ? (size_t)-1 : r;
}

/* ---- the state machine ------------------------------------------------------ */

/*
 * Run from p->pos_ in p->state_ over b[0..len). Returns the head length when
 * the empty line ending the field section has been consumed, HK_ERR_NEED_MORE,
 * or an error. `trailers` selects the trailer-section mode (no start line,
 * fields not interpreted).
 */
static hk_ssize http_head_run(hk_http_parser *p, const uint8_t *b, size_t len,
                              hk_http_header *hdr, size_t maxh, int trailers)
{
    size_t pos = p->pos_;
    int st = p->state_;
    const int lenient = (p->flags_ & HK_HTTP_LENIENT_LF) != 0;
    const size_t hmax = maxh < p->max_headers_ ? maxh : p->max_headers_;
    size_t lim, end;
    int err;
    uint8_t c;

    for (;;) {
        if (st < HTTP_HS_FIELD_START)
            lim = p->max_start_line_;
        else
            lim = http_sat_add(p->fields_begin_, p->max_header_bytes_);
        end = len < lim ? len : lim;
        if (pos >= end)
            goto out_of_input;
        c = b[pos];
        switch (st) {
        case HTTP_HS_REQ_START:
            /* Fast path: a whole well-formed request line in the window.
             * Anything unusual goes through the byte-level states below. */
            if (HK_LIKELY(HK_HTTP_IS(c, HK_HTTP_C_TCHAR))) {
                size_t q = http_scan_tchar(b, pos, end), t, te;
                if (q + 1 < end && b[q] == ' ' && b[q + 1] != ' ') {
                    t = q + 1;
                    te = http_scan_vchar(b, t, end);
                    if (te + 10 < end && b[te] == ' ' && memcmp(b + te + 1, "HTTP/1.", 7) == 0 &&
                        (b[te + 8] == '1' || b[te + 8] == '0') && b[te + 9] == '\r' &&
                        b[te + 10] == '\n' && hk__http_target_ok(b + t, te - t, b + pos, q - pos)) {
                        p->start_begin_ = p->m_off_ = pos;
                        p->m_len_ = q - pos;
                        p->t_off_ = t;
                        p->t_len_ = te - t;
                        p->version_minor_ = b[te + 8] - '0';
                        pos = te + 11;
                        goto start_line_done;
                    }
                }
            }
            /* RFC 9112 section 2.2: ignore empty lines before a request line. */
            if (c == '\r') {
                pos++;
                st = HTTP_HS_REQ_LEAD_LF;
                continue;
            }
            if (c == '\n') {
                if (!lenient) {
                    err = HK_ERR_HTTP_BARE_LF;
                    goto fail;
                }
                pos++;
                continue;
            }
            p->start_begin_ = pos;
            p->m_off_ = pos;
            st = HTTP_HS_METHOD;
            continue;
        case HTTP_HS_REQ_LEAD_LF:
            if (c != '\n') {
                err = HK_ERR_HTTP_BARE_CR;
                goto fail;
            }
            pos++;
            st = HTTP_HS_REQ_START;
            continue;
        case HTTP_HS_METHOD:
            pos = http_scan_tchar(b, pos, end);
            if (pos == end)
                goto out_of_input;
            if (b[pos] != ' ' || pos == p->m_off_) {
                err = HK_HTTP_IS(b[pos], HK_HTTP_C_CTL) && b[pos] != '\r' && b[pos] != '\n'
                          ? HK_ERR_HTTP_CONTROL_CHAR
                          : HK_ERR_HTTP_METHOD;
                goto fail;
            }
            p->m_len_ = pos - p->m_off_;
            pos++;
            st = HTTP_HS_TARGET_START;
            continue;
        case HTTP_HS_TARGET_START:
            if (c == ' ' || c == '\r' || c == '\n') {
                err = HK_ERR_HTTP_TARGET;
                goto fail;
            }
            p->t_off_ = pos;
            st = HTTP_HS_TARGET;
            continue;
        case HTTP_HS_TARGET:
            pos = http_scan_vchar(b, pos, end);
            if (pos == end)
                goto out_of_input;
            c = b[pos];
            if (c == ' ') {
                p->t_len_ = pos - p->t_off_;
                if (!hk__http_target_ok(b + p->t_off_, p->t_len_, b + p->m_off_, p->m_len_)) {
                    pos = p->t_off_;
                    err = HK_ERR_HTTP_TARGET;
                    goto fail;
                }
                pos++;
                p->tok_start_ = pos;
                st = HTTP_HS_VERSION;
                continue;
            }
            if (c == '\r') {
                pos++;
                st = HTTP_HS_TARGET_CR;
                continue;
            }
            if (c == '\n')
                err = HK_ERR_HTTP_VERSION; /* "GET /" LF: no version */
            else if (HK_HTTP_IS(c, HK_HTTP_C_CTL))
                err = HK_ERR_HTTP_CONTROL_CHAR;
            else
                err = HK_ERR_HTTP_TARGET;
            goto fail;
        case HTTP_HS_TARGET_CR:
            /* "GET /" CRLF is an HTTP/0.9 request: no version. */
            err = c == '\n' ? HK_ERR_HTTP_VERSION : HK_ERR_HTTP_BARE_CR;
            goto fail;
        case HTTP_HS_VERSION:
            /* the common case in one step: "HTTP/1.1" CRLF */
            if (end - pos >= 10 && pos == p->tok_start_ && memcmp(b + pos, "HTTP/1.", 7) == 0 &&
                (b[pos + 7] == '1' || b[pos + 7] == '0') && b[pos + 8] == '\r' &&
                b[pos + 9] == '\n') {
                p->version_minor_ = b[pos + 7] - '0';
                pos += 10;
                goto start_line_done;
            }
            goto version_bytes;
        case HTTP_HS_RESP_VERSION:
            /* Fast path: "HTTP/1.x NNN reason" CRLF whole in the window. */
            if (pos == p->tok_start_ && end - pos >= 14 && memcmp(b + pos, "HTTP/1.", 7) == 0 &&
                (b[pos + 7] == '1' || b[pos + 7] == '0') && b[pos + 8] == ' ' &&
                b[pos + 9] >= '1' && b[pos + 9] <= '5' && b[pos + 10] >= '0' &&
                b[pos + 10] <= '9' && b[pos + 11] >= '0' && b[pos + 11] <= '9') {
                size_t rs = pos + 13, re = rs;
                if (b[pos + 12] == ' ') {
                    for (;;) {
                        re = http_scan_value(b, re, end);
                        if (re < end && b[re] == '\t') {
                            re++;
                            continue;
                        }
                        break;
                    }
                } else if (b[pos + 12] == '\r') {
                    rs = re = pos + 12;
                } else {
                    re = end; /* not the common form: byte by byte */
                }
                if (re + 1 < end && b[re] == '\r' && b[re + 1] == '\n') {
                    p->version_minor_ = b[pos + 7] - '0';
                    p->status_ = (b[pos + 9] - '0') * 100 + (b[pos + 10] - '0') * 10 +
                                 (b[pos + 11] - '0');
                    p->t_off_ = rs;
                    p->t_len_ = re - rs;
                    pos = re + 2;
                    goto start_line_done;
                }
            }
        version_bytes:
            /* HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive (RFC 9112
             * section 2.3); only 1.0 and 1.1 are accepted. */
            while (pos < end) {
                size_t i = pos - p->tok_start_;
                c = b[pos];
                if (i < 7) {
                    if (c != (uint8_t)"HTTP/1."[i]) {
                        err = HK_ERR_HTTP_VERSION;
                        goto fail;
                    }
                } else if (i == 7) {
                    if (c != '0' && c != '1') {
                        err = HK_ERR_HTTP_VERSION;
                        goto fail;
                    }
                    p->version_minor_ = c - '0';
                } else {
                    break;
                }
                pos++;
            }
            if (pos == end)
                goto out_of_input;
            c = b[pos];
            if (st == HTTP_HS_VERSION) {
                if (c == '\r') {
                    pos++;
                    st = HTTP_HS_SL_LF;
                    continue;
                }
                if (c == '\n' && lenient) {
                    pos++;
                    goto start_line_done;
                }
                err = c == '\n' ? HK_ERR_HTTP_BARE_LF : HK_ERR_HTTP_VERSION;
                goto fail;
            }
            if (c != ' ') {
                err = HK_ERR_HTTP_VERSION;
                goto fail;
            }
            pos++;
            p->tok_start_ = pos;
            st = HTTP_HS_STATUS;
            continue;
        case HTTP_HS_STATUS:
            /* status-code = 3DIGIT; the first digit is the class 1..5 (RFC
             * 9110 section 15). */
            while (pos < end && pos - p->tok_start_ < 3) {
                c = b[pos];
                if (c < '0' || c > '9' || (pos == p->tok_start_ && (c < '1' || c > '5'))) {
                    err = HK_ERR_HTTP_STATUS;
                    goto fail;
                }
                p->status_ = p->status_ * 10 + (c - '0');
                pos++;
            }
            if (pos == end)
                goto out_of_input;
            c = b[pos];
            if (c == ' ') {
                pos++;
                p->t_off_ = pos;
                st = HTTP_HS_REASON;
                continue;
            }
            /* "HTTP/1.1 200" CRLF without the SP before an empty reason is
             * common and harmless: accept it. */
            if (c == '\r') {
                p->t_off_ = pos;
                p->t_len_ = 0;
                pos++;
                st = HTTP_HS_SL_LF;
                continue;
            }
            if (c == '\n' && lenient) {
                p->t_off_ = pos;
                p->t_len_ = 0;
                pos++;
                goto start_line_done;
            }
            err = c == '\n' ? HK_ERR_HTTP_BARE_LF : HK_ERR_HTTP_STATUS;
            goto fail;
        case HTTP_HS_REASON:
            /* reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ) */
            pos = http_scan_value_ht(b, pos, end);
            if (pos == end)
                goto out_of_input;
            c = b[pos];
            if (c == '\r') {
                p->t_len_ = pos - p->t_off_;
                pos++;
                st = HTTP_HS_SL_LF;
                continue;
            }
            if (c == '\n' && lenient) {
                p->t_len_ = pos - p->t_off_;
                pos++;
                goto start_line_done;
            }
            err = c == '\n' ? HK_ERR_HTTP_BARE_LF : HK_ERR_HTTP_CONTROL_CHAR;
            goto fail;
        case HTTP_HS_SL_LF:
            if (c != '\n') {
                err = HK_ERR_HTTP_BARE_CR;
                goto fail;
            }
            pos++;
        start_line_done:
            p->fields_begin_ = pos;
            st = HTTP_HS_FIELD_START;
            continue;
        case HTTP_HS_FIELD_START:
            /* Fast path: complete field lines "name:" OWS value OWS CRLF
             * inside the current window are parsed in one go with locals.
             * Anything else (a line cut by the end of the input, an error,
             * bare LF leniency) falls through to the byte-level states
             * below, which rescan at most this one line once. */
            {
                size_t nf = p->nfields_; /* local: the stores below may alias p */
                while (HK_LIKELY(HK_HTTP_IS(c, HK_HTTP_C_TCHAR)) && nf < hmax) {
                    size_t q = http_scan_tchar(b, pos + 1, end), vs, ve, e;
                    int id;
                    if (q >= end || b[q] != ':')
                        break;
                    vs = q + 1;
                    if (HK_LIKELY(vs < end && b[vs] == ' '))
                        vs++;
                    while (vs < end && http_is_ows(b[vs]))
                        vs++;
                    ve = vs;
                    for (;;) {
                        ve = http_scan_value(b, ve, end);
                        if (ve < end && b[ve] == '\t') {
                            ve++;
                            continue;
                        }
                        break;
                    }
                    if (ve + 1 >= end || b[ve] != '\r' || b[ve + 1] != '\n')
                        break;
                    e = ve;
                    while (e > vs && http_is_ows(b[e - 1]))
                        e--;
                    if (nf < maxh) {
                        hk_http_header *h = &hdr[nf];
                        h->name = (const char *)b + pos;
                        h->name_len = q - pos;
                        h->value = (const char *)b + vs;
                        h->value_len = e - vs;
                    }
                    if (!trailers) {
                        id = http_field_id((const char *)b + pos, q - pos);
                        if (id != HTTP_F_OTHER) {
                            err = http_field_value(p, id, b + vs, e - vs);
                            if (err != HK_OK) {
                                p->nfields_ = nf;
                                pos = vs;
                                goto fail;
                            }
                        }
                    }
                    nf++;
                    pos = ve + 2;
                    if (pos >= end) {
                        p->nfields_ = nf;
                        goto field_start_next;
                    }
                    c = b[pos];
                }
                p->nfields_ = nf;
            }
            if (c == '\r' && pos + 1 < end && b[pos + 1] == '\n') {
                pos += 2;
                goto head_done;
            }
            p->line_start_ = pos;
            if (HK_LIKELY(HK_HTTP_IS(c, HK_HTTP_C_TCHAR))) {
                if (p->nfields_ >= hmax) {
                    err = HK_ERR_HTTP_TOO_MANY_HEADERS;
                    goto fail;
                }
                pos++;
                st = HTTP_HS_NAME;
                continue;
            }
            if (c == '\r') {
                pos++;
                st = HTTP_HS_END_LF;
                continue;
            }
            if (c == '\n') {
                if (!lenient) {
                    err = HK_ERR_HTTP_BARE_LF;
                    goto fail;
                }
                pos++;
                goto head_done;
            }
            /* RFC 9112 section 5.2: obs-fold is rejected; so is whitespace
             * before the first field line (section 2.2). */
            if (c == ' ' || c == '\t')
                err = HK_ERR_HTTP_OBS_FOLD;
            else if (HK_HTTP_IS(c, HK_HTTP_C_CTL))
                err = HK_ERR_HTTP_CONTROL_CHAR;
            else
                err = HK_ERR_HTTP_HEADER_NAME;
            goto fail;
        case HTTP_HS_NAME:
            pos = http_scan_tchar(b, pos, end);
            if (pos == end)
                goto out_of_input;
            c = b[pos];
            if (HK_LIKELY(c == ':')) {
                p->line_len_ = pos - p->line_start_; /* the name's length */
                p->field_id_ = trailers ? HTTP_F_OTHER
                                        : http_field_id((const char *)b + p->line_start_,
                                                        p->line_len_);
                pos++;
                st = HTTP_HS_VALUE_START;
                continue;
            }
            if (c == ' ' || c == '\t') {
                /* RFC 9112 section 5.1: no whitespace between name and colon. */
                pos++;
                st = HTTP_HS_NAME_WS;
                continue;
            }
            err = (HK_HTTP_IS(c, HK_HTTP_C_CTL) && c != '\r' && c != '\n')
                      ? HK_ERR_HTTP_CONTROL_CHAR
                      : HK_ERR_HTTP_HEADER_NAME;
            goto fail;
        case HTTP_HS_NAME_WS:
            while (pos < end && http_is_ows(b[pos]))
                pos++;
            if (pos == end)
                goto out_of_input;
            err = b[pos] == ':' ? HK_ERR_HTTP_SPACE_BEFORE_COLON : HK_ERR_HTTP_HEADER_NAME;
            goto fail;
        case HTTP_HS_VALUE_START:
            while (pos < end && http_is_ows(b[pos]))
                pos++;
            if (pos == end)
                goto out_of_input;
            p->tok_start_ = pos;
            st = HTTP_HS_VALUE;
            /* fall through */
        case HTTP_HS_VALUE:
            pos = http_scan_value_ht(b, pos, end);
            if (pos == end)
                goto out_of_input;
            c = b[pos];
            if (HK_LIKELY(c == '\r')) {
                p->tok_end_ = pos;
                pos++;
                st = HTTP_HS_VALUE_LF;
                continue;
            }
            if (c == '\n' && lenient) {
                p->tok_end_ = pos;
                pos++;
                goto field_done;
            }
            err = c == '\n' ? HK_ERR_HTTP_BARE_LF : HK_ERR_HTTP_CONTROL_CHAR;
            goto fail;
        case HTTP_HS_VALUE_LF:
            if (c != '\n') {
                err = HK_ERR_HTTP_BARE_CR;
                goto fail;
            }
            pos++;
        field_done: {
            size_t vs = p->tok_start_, ve = p->tok_end_;
            while (ve > vs && http_is_ows(b[ve - 1]))
                ve--;
            if (p->nfields_ < maxh) {
                hk_http_header *h = &hdr[p->nfields_];
                h->name = (const char *)b + p->line_start_;
                h->name_len = p->line_len_;
                h->value = (const char *)b + vs;
                h->value_len = ve - vs;
            }
            if (p->field_id_ != HTTP_F_OTHER) {
                err = http_field_value(p, p->field_id_, b + vs, ve - vs);
                if (err != HK_OK) {
                    pos = vs;
                    goto fail;
                }
            }
            p->nfields_++;
            st = HTTP_HS_FIELD_START;
            continue;
        }
        field_start_next:
            continue; /* re-check the window at the top of the loop */
        case HTTP_HS_END_LF:
            if (c != '\n') {
                err = HK_ERR_HTTP_BARE_CR;
                goto fail;
            }
            pos++;
            goto head_done;
        default:
            err = HK_ERR_STATE;
            goto fail;
        }
    }

head_done:
    p->pos_ = pos;
    p->state_ = st;
    return (hk_ssize)pos;

out_of_input:
    p->pos_ = pos;
    p->state_ = st;
    if (pos >= lim) {
        if (st < HTTP_HS_FIELD_START)
            return HK_ERR_HTTP_LINE_TOO_LONG;
        return HK_ERR_HTTP_HEADERS_TOO_LARGE;
    }
    return HK_ERR_NEED_MORE;

fail:
    p->pos_ = pos;
    p->state_ = st;
    return err;
}

/*
 * Point the header entries at the final buffer: the field lines in
 * b[from..) were validated by the state machine, so each is
 * name ":" OWS value OWS CRLF (or LF in lenient mode).
 */
static void http_rewalk(const uint8_t *b, size_t from, size_t end, hk_http_header *hdr, size_t n)
{
    size_t pos = from, i;
    for (i = 0; i < n; i++) {
        const uint8_t *colon = memchr(b + pos, ':', end - pos);
        const uint8_t *lf;
        size_t c, vs, ve;
        c = (size_t)(colon - b);
        vs = c + 1;
        while (http_is_ows(b[vs]))
            vs++;
        lf = memchr(b + vs, '\n', end - vs);
        ve = (size_t)(lf - b);
        if (ve > vs && b[ve - 1] == '\r')
            ve--;
        while (ve > vs && http_is_ows(b[ve - 1]))
            ve--;
        hdr[i].name = (const char *)b + pos;
        hdr[i].name_len = c - pos;
        hdr[i].value = (const char *)b + vs;
        hdr[i].value_len = ve - vs;
        pos = (size_t)(lf - b) + 1;
    }
}

/* The framing decision of RFC 9112 section 6.3 and the persistence rules of
 * section 9.3. Fills the framing fields of *m. */
typedef struct {
    int body_kind;
    int keep_alive;
    int upgrade;
    uint64_t content_length;
} http_framing_out;

static int http_framing(hk_http_parser *p, const char *buf, http_framing_out *m)
{
    const uint32_t f = p->msg_flags_;
    const int has_te = (p->te_state_ & HTTP_TE_SEEN) != 0;
    const int has_cl = (f & HK_HTTP_MSG_HAS_CONTENT_LENGTH) != 0;
    int keep;

    if (p->version_minor_ == 1)
        keep = !(f & HK_HTTP_MSG_CONNECTION_CLOSE);
    else
        keep = (f & HK_HTTP_MSG_CONNECTION_KEEP_ALIVE) && !(f & HK_HTTP_MSG_CONNECTION_CLOSE);
    m->body_kind = HK_HTTP_BODY_NONE;
    m->content_length = 0;
    m->upgrade = 0;

    if (p->kind_ == HK_HTTP_REQUEST) {
        /* RFC 9112 section 3.2: exactly one Host in an HTTP/1.1 request. */
        if (p->version_minor_ == 1 && p->host_count_ == 0)
            return HK_ERR_HTTP_HOST;
        if (has_te) {
            /* Section 6.1: TE with CL is a smuggling attempt; TE in an
             * HTTP/1.0 message means faulty framing; the final coding of a
             * request must be chunked (section 6.3 item 4). */
            if (has_cl)
                return HK_ERR_HTTP_TE_AND_CL;
            if (p->version_minor_ == 0)
                return HK_ERR_HTTP_TE_INVALID;
            if (!(p->te_state_ & HTTP_TE_LAST_CHUNKED))
                return HK_ERR_HTTP_TE_NOT_CHUNKED;
            m->body_kind = HK_HTTP_BODY_CHUNKED;
        } else if (has_cl) {
            if (p->cl_ > p->max_body_)
                return HK_ERR_HTTP_BODY_TOO_LARGE;
            m->body_kind = HK_HTTP_BODY_LENGTH;
            m->content_length = p->cl_;
        }
        if (((f & HK_HTTP_MSG_CONNECTION_UPGRADE) && (f & HK_HTTP_MSG_HAS_UPGRADE)) ||
            (p->m_len_ == 7 && memcmp("CONNECT", buf + p->m_off_, 7) == 0))
            m->upgrade = 1;
        m->keep_alive = keep;
        return HK_OK;
    }

    /* Responses. */
    if (has_te && p->version_minor_ == 0)
        return HK_ERR_HTTP_TE_INVALID;
    if (p->status_ < 200) {
        if (p->status_ == 101)
            m->upgrade = 1;
    } else if (p->req_method_ == HK__HTTP_RM_CONNECT && p->status_ < 300) {
        m->upgrade = 1;
    } else if (p->req_method_ == HK__HTTP_RM_HEAD || p->status_ == 204 || p->status_ == 304) {
        /* no body */
    } else if (has_te) {
        /* TE overrides CL; such a response must not be reused (section 6.3
         * item 3). A final coding other than chunked reads until close. By
         * default both are refused, as the RFC recommends for the first:
         * only HK_HTTP_LENIENT_RESPONSE_TE accepts them. */
        const int lenient_te = (p->flags_ & HK_HTTP_LENIENT_RESPONSE_TE) != 0;
        if (has_cl && !lenient_te)
            return HK_ERR_HTTP_TE_AND_CL;
        if (!(p->te_state_ & HTTP_TE_LAST_CHUNKED) && !lenient_te)
            return HK_ERR_HTTP_TE_NOT_CHUNKED;
        if (has_cl)
            keep = 0;
        if (p->te_state_ & HTTP_TE_LAST_CHUNKED) {
            m->body_kind = HK_HTTP_BODY_CHUNKED;
        } else {
            m->body_kind = HK_HTTP_BODY_UNTIL_CLOSE;
            keep = 0;
        }
    } else if (has_cl) {
        if (p->cl_ > p->max_body_)
            return HK_ERR_HTTP_BODY_TOO_LARGE;
        m->body_kind = HK_HTTP_BODY_LENGTH;
        m->content_length = p->cl_;
    } else {
        m->body_kind = HK_HTTP_BODY_UNTIL_CLOSE;
        keep = 0;
    }
    m->keep_alive = keep;
    return HK_OK;
}

hk_ssize hk_http_parse_head(hk_http_parser *p, const char *buf, size_t len,
                            hk_http_header *headers, size_t max_headers, hk_http_message *msg)
{
    const uint8_t *b = (const uint8_t *)buf;
    hk_http_message *m;
    http_framing_out fo;
    hk_ssize r;
    int err;

    if (p == NULL || msg == NULL || (buf == NULL && len > 0) ||
        (headers == NULL && max_headers > 0) || msg->size < sizeof(hk_http_message))
        return HK_ERR_INVALID_ARG;
    if (p->err_ != 0)
        return p->err_;
    if (p->body_state_ != HK__HTTP_PHASE_HEAD)
        return HK_ERR_STATE;
    if (len < p->seen_len_)
        return HK_ERR_INVALID_ARG;
    if ((hk_ssize)len < 0)
        return HK_ERR_INVALID_ARG;
    if (p->calls_ < 2)
        p->calls_++;
    p->seen_len_ = len;

    r = http_head_run(p, b, len, headers, max_headers, 0);
    if (r < 0) {
        if (r != HK_ERR_NEED_MORE)
            p->err_ = (int)r;
        return r;
    }
    if (p->calls_ > 1)
        http_rewalk(b, p->fields_begin_, (size_t)r, headers,
                    p->nfields_ < max_headers ? p->nfields_ : max_headers);

    err = http_framing(p, buf, &fo);
    if (err != HK_OK) {
        p->err_ = err;
        return err;
    }
    m = msg;
    m->kind = p->kind_;
    m->version_minor = p->version_minor_;
    if (p->kind_ == HK_HTTP_REQUEST) {
        m->method = buf + p->m_off_;
        m->method_len = p->m_len_;
        m->target = buf + p->t_off_;
        m->target_len = p->t_len_;
        m->status = 0;
        m->reason = NULL;
        m->reason_len = 0;
    } else {
        m->method = m->target = NULL;
        m->method_len = m->target_len = 0;
        m->status = p->status_;
        m->reason = buf + p->t_off_;
        m->reason_len = p->t_len_;
    }
    m->headers = headers;
    m->num_headers = p->nfields_;
    m->head_len = (size_t)r;
    m->body_kind = fo.body_kind;
    m->keep_alive = fo.keep_alive;
    m->upgrade = fo.upgrade;
    m->flags = p->msg_flags_;
    m->content_length = fo.content_length;
    hk__http_body_start(p, m->body_kind, m->content_length);
    return r;
}

HK_INTERNAL hk_ssize hk__http_parse_fields(hk_http_parser *p, const char *buf, size_t len,
                               hk_http_header *headers, size_t max_headers, size_t *num_headers)
{
    hk_ssize r;
    p->state_ = HTTP_HS_FIELD_START;
    p->pos_ = 0;
    p->fields_begin_ = 0;
    p->nfields_ = 0;
    r = http_head_run(p, (const uint8_t *)buf, len, headers, max_headers, 1);
    *num_headers = p->nfields_;
    return r;
}

static hk_ssize http_parse_oneshot(int kind, const char *buf, size_t len, const char *rm,
                                   size_t rm_len, hk_http_header *headers, size_t max_headers,
                                   hk_http_message *msg)
{
    hk_http_parser p;
    int err = hk_http_parser_init(&p, kind, NULL);
    if (err != HK_OK)
        return err;
    if (kind == HK_HTTP_RESPONSE && rm != NULL) {
        err = hk_http_parser_set_request_method(&p, rm, rm_len);
        if (err != HK_OK)
            return err;
    }
    return hk_http_parse_head(&p, buf, len, headers, max_headers, msg);
}

hk_ssize hk_http_parse_request(const char *buf, size_t len, hk_http_header *headers,
                               size_t max_headers, hk_http_message *msg)
{
    return http_parse_oneshot(HK_HTTP_REQUEST, buf, len, NULL, 0, headers, max_headers, msg);
}

hk_ssize hk_http_parse_response(const char *buf, size_t len, const char *request_method,
                                size_t request_method_len, hk_http_header *headers,
                                size_t max_headers, hk_http_message *msg)
{
    return http_parse_oneshot(HK_HTTP_RESPONSE, buf, len, request_method, request_method_len,
                              headers, max_headers, msg);
}

int hk_http_parse_trailers(const char *buf, size_t len, const hk_http_parser_options *opt,
                           hk_http_header *headers, size_t max_headers, size_t *num_headers)
{
    hk_http_parser p;
    hk_ssize r;
    int err;
    if ((buf == NULL && len > 0) || (headers == NULL && max_headers > 0) || num_headers == NULL)
        return HK_ERR_INVALID_ARG;
    *num_headers = 0;
    err = hk_http_parser_init(&p, HK_HTTP_REQUEST, opt);
    if (err != HK_OK)
        return err;
    r = hk__http_parse_fields(&p, buf, len, headers, max_headers, num_headers);
    if (r < 0)
        return (int)r;
    if ((size_t)r != len)
        return HK_ERR_HTTP_SYNTAX; /* bytes after the final empty line */
    return HK_OK;
}

#undef HK_HTTP_HEAD_SSE2
#undef HTTP_HEAD_INLINE
#undef HTTP_TE_SEEN
#undef HTTP_TE_CHUNKED_SEEN
#undef HTTP_TE_LAST_CHUNKED
