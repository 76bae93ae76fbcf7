/*
 * http/build.c - HTTP/1.1 message builder (RFC 9112 sections 3 to 7).
 *
 * Everything that goes out is validated against the same grammar the parser
 * enforces, so no argument can end a line, add a field or split a message:
 * a violation fails the builder (sticky) instead of being stripped.
 *
 * SPDX-License-Identifier: MIT
 */
#include "http/internal.h"

enum {
    HTTP_BUILD_ST_START = 0,
    HTTP_BUILD_ST_HEAD,    /* start line written, fields may follow */
    HTTP_BUILD_ST_LENGTH,  /* head ended with an explicit Content-Length */
    HTTP_BUILD_ST_CHUNKED, /* head ended, chunked body */
    HTTP_BUILD_ST_DONE
};

/* seen_ bits */
#define HTTP_BUILD_SEEN_HOST 1u
#define HTTP_BUILD_SEEN_CL 2u
#define HTTP_BUILD_SEEN_TE 4u

static void http_build_emit(hk_http_builder *b, const void *data, size_t len)
{
    if (b->err_ != 0 || len == 0)
        return;
    if (b->write_ != NULL) {
        int r = b->write_(b->user_, (const char *)data, len);
        if (r != 0) {
            b->err_ = r < 0 ? r : HK_ERR_CALLBACK;
            return;
        }
    } else {
        size_t used = b->len_ - b->base_;
        /* past the end, keep counting: finish() reports the size needed */
        if (used <= b->cap_ && len <= b->cap_ - used)
            memcpy(b->buf_ + used, data, len);
    }
    b->len_ += len;
}

static size_t http_build_u64(char *out, uint64_t v, int base)
{
    char tmp[24];
    size_t n = 0, i;
    do {
        unsigned d = (unsigned)(v % (uint64_t)base);
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= (uint64_t)base;
    } while (v != 0);
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

static int http_build_fail(hk_http_builder *b, int err)
{
    if (b->err_ == 0)
        b->err_ = err;
    return err;
}

static int http_build_is_token(const char *s, size_t n)
{
    size_t i;
    if (n == 0 || s == NULL)
        return 0;
    for (i = 0; i < n; i++)
        if (!HK_HTTP_IS(s[i], HK_HTTP_C_TCHAR))
            return 0;
    return 1;
}

/* field-value = *field-content without leading/trailing whitespace
 * (RFC 9110 section 5.5). */
static int http_build_value_ok(const char *s, size_t n)
{
    size_t i;
    if (n == 0)
        return 1;
    if (s == NULL || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
        return 0;
    for (i = 0; i < n; i++)
        if (!HK_HTTP_IS(s[i], HK_HTTP_C_VALUE) && s[i] != '\t')
            return 0;
    return 1;
}

static int http_build_check(hk_http_builder *b, int state)
{
    if (b == NULL)
        return HK_ERR_INVALID_ARG;
    if (b->err_ != 0)
        return b->err_;
    if (b->state_ != state)
        return http_build_fail(b, HK_ERR_STATE);
    return HK_OK;
}

void hk_http_builder_init(hk_http_builder *b, char *buf, size_t cap)
{
    if (b == NULL)
        return;
    memset(b, 0, sizeof *b);
    b->buf_ = buf;
    b->cap_ = buf != NULL ? cap : 0;
}

void hk_http_builder_init_writer(hk_http_builder *b, hk_http_write_fn fn, void *user)
{
    if (b == NULL)
        return;
    memset(b, 0, sizeof *b);
    b->write_ = fn;
    b->user_ = user;
    if (fn == NULL)
        b->err_ = HK_ERR_INVALID_ARG;
}

int hk_http_builder_reset_buffer(hk_http_builder *b, char *buf, size_t cap)
{
    if (b == NULL || b->write_ != NULL || (buf == NULL && cap > 0))
        return HK_ERR_INVALID_ARG;
    if (b->err_ != 0)
        return b->err_;
    if (b->len_ - b->base_ > b->cap_)
        return http_build_fail(b, HK_ERR_BUFFER_TOO_SMALL);
    b->base_ = b->len_;
    b->buf_ = buf;
    b->cap_ = cap;
    return HK_OK;
}

size_t hk_http_builder_buffered(const hk_http_builder *b)
{
    if (b == NULL || b->write_ != NULL)
        return 0;
    return b->len_ - b->base_;
}

int hk_http_builder_request_line(hk_http_builder *b, const char *method, size_t method_len,
                                 const char *target, size_t target_len, const char *host,
                                 size_t host_len)
{
    size_t i;
    int err = http_build_check(b, HTTP_BUILD_ST_START);
    if (err != HK_OK)
        return err;
    if (!http_build_is_token(method, method_len))
        return http_build_fail(b, HK_ERR_HTTP_METHOD);
    if (target == NULL || target_len == 0)
        return http_build_fail(b, HK_ERR_HTTP_TARGET);
    for (i = 0; i < target_len; i++)
        if (!HK_HTTP_IS(target[i], HK_HTTP_C_VCHAR))
            return http_build_fail(b, HK_ERR_HTTP_TARGET);
    if (!hk__http_target_ok((const uint8_t *)target, target_len, (const uint8_t *)method,
                            method_len))
        return http_build_fail(b, HK_ERR_HTTP_TARGET);
    /* the parser accepts an empty Host; a builder caller means a real one */
    if (host != NULL && (host_len == 0 || !hk__http_host_ok((const uint8_t *)host, host_len)))
        return http_build_fail(b, HK_ERR_HTTP_HOST);
    b->is_request_ = 1;
    http_build_emit(b, method, method_len);
    http_build_emit(b, " ", 1);
    http_build_emit(b, target, target_len);
    http_build_emit(b, " HTTP/1.1\r\n", 11);
    if (host != NULL) {
        http_build_emit(b, "Host: ", 6);
        http_build_emit(b, host, host_len);
        http_build_emit(b, "\r\n", 2);
        b->seen_ |= HTTP_BUILD_SEEN_HOST;
    }
    b->state_ = HTTP_BUILD_ST_HEAD;
    return b->err_;
}

int hk_http_builder_status_line(hk_http_builder *b, int status, const char *reason,
                                size_t reason_len)
{
    char sl[16];
    size_t i;
    int err = http_build_check(b, HTTP_BUILD_ST_START);
    if (err != HK_OK)
        return err;
    if (status < 100 || status > 599)
        return http_build_fail(b, HK_ERR_HTTP_STATUS);
    if (reason == NULL) {
        reason = hk_http_status_reason(status);
        reason_len = strlen(reason);
    }
    for (i = 0; i < reason_len; i++)
        if (!HK_HTTP_IS(reason[i], HK_HTTP_C_VALUE) && reason[i] != '\t')
            return http_build_fail(b, HK_ERR_HTTP_REASON);
    memcpy(sl, "HTTP/1.1 ", 9);
    sl[9] = (char)('0' + status / 100);
    sl[10] = (char)('0' + status / 10 % 10);
    sl[11] = (char)('0' + status % 10);
    sl[12] = ' ';
    http_build_emit(b, sl, 13);
    http_build_emit(b, reason, reason_len);
    http_build_emit(b, "\r\n", 2);
    b->is_request_ = 0;
    b->status_ = status;
    b->state_ = HTTP_BUILD_ST_HEAD;
    return b->err_;
}

/* Transfer-Encoding written by the caller: a valid list whose final coding
 * is chunked and in which chunked appears once (RFC 9112 section 6.1). */
static int http_build_te_value(const char *v, size_t n)
{
    hk_http_list_iter it;
    const char *e, *name;
    size_t el, nl;
    int r, any = 0, last_chunked = 0;
    hk_http_list_init(&it, v, n);
    while ((r = hk_http_list_next(&it, &e, &el)) == 1) {
        hk_http_param_iter pi;
        if (hk_http_param_init(&pi, e, el, &name, &nl) != HK_OK)
            return HK_ERR_HTTP_TE_INVALID;
        if (last_chunked)
            return HK_ERR_HTTP_TE_NOT_CHUNKED; /* chunked is not last */
        last_chunked = hk_http_token_eq(name, nl, "chunked", 7);
        if (last_chunked && nl != el)
            return HK_ERR_HTTP_TE_INVALID; /* chunked has no parameters */
        any = 1;
    }
    if (r < 0 || !any)
        return HK_ERR_HTTP_TE_INVALID;
    return last_chunked ? HK_OK : HK_ERR_HTTP_TE_NOT_CHUNKED;
}

int hk_http_builder_header(hk_http_builder *b, const char *name, size_t name_len,
                           const char *value, size_t value_len)
{
    int err = http_build_check(b, HTTP_BUILD_ST_HEAD);
    if (err != HK_OK)
        return err;
    if (!http_build_is_token(name, name_len))
        return http_build_fail(b, HK_ERR_HTTP_HEADER_NAME);
    if (!http_build_value_ok(value, value_len))
        return http_build_fail(b, HK_ERR_HTTP_HEADER_VALUE);
    if (hk_http_token_eq(name, name_len, "content-length", 14)) {
        uint64_t v = 0;
        size_t i;
        if (value_len == 0)
            return http_build_fail(b, HK_ERR_HTTP_CL_INVALID);
        for (i = 0; i < value_len; i++) {
            unsigned d;
            if (value[i] < '0' || value[i] > '9')
                return http_build_fail(b, HK_ERR_HTTP_CL_INVALID);
            d = (unsigned)(value[i] - '0');
            if (v > ((uint64_t)INT64_MAX - d) / 10)
                return http_build_fail(b, HK_ERR_HTTP_CL_OVERFLOW);
            v = v * 10 + d;
        }
        if (b->seen_ & HTTP_BUILD_SEEN_CL)
            return http_build_fail(b, HK_ERR_HTTP_CL_MISMATCH);
        if (b->seen_ & HTTP_BUILD_SEEN_TE)
            return http_build_fail(b, HK_ERR_HTTP_TE_AND_CL);
        b->seen_ |= HTTP_BUILD_SEEN_CL;
        b->content_length_ = v;
    } else if (hk_http_token_eq(name, name_len, "transfer-encoding", 17)) {
        if (b->seen_ & HTTP_BUILD_SEEN_CL)
            return http_build_fail(b, HK_ERR_HTTP_TE_AND_CL);
        if (b->seen_ & HTTP_BUILD_SEEN_TE)
            return http_build_fail(b, HK_ERR_HTTP_TE_INVALID);
        err = http_build_te_value(value, value_len);
        if (err != HK_OK)
            return http_build_fail(b, err);
        b->seen_ |= HTTP_BUILD_SEEN_TE;
    } else if (hk_http_token_eq(name, name_len, "host", 4)) {
        if ((b->seen_ & HTTP_BUILD_SEEN_HOST) ||
            (b->is_request_ && !hk__http_host_ok((const uint8_t *)value, value_len)))
            return http_build_fail(b, HK_ERR_HTTP_HOST);
        b->seen_ |= HTTP_BUILD_SEEN_HOST;
    }
    http_build_emit(b, name, name_len);
    http_build_emit(b, ": ", 2);
    http_build_emit(b, value, value_len);
    http_build_emit(b, "\r\n", 2);
    return b->err_;
}

int hk_http_builder_header_uint(hk_http_builder *b, const char *name, size_t name_len,
                                uint64_t value)
{
    char num[24];
    size_t n = http_build_u64(num, value, 10);
    return hk_http_builder_header(b, name, name_len, num, n);
}

/* Whether the response status forbids content (RFC 9110 sections 15.2,
 * 15.3.5, 15.4.5). */
static int http_build_no_content_status(const hk_http_builder *b)
{
    return !b->is_request_ && (b->status_ < 200 || b->status_ == 204 || b->status_ == 304);
}

static int http_build_head_end_checks(hk_http_builder *b)
{
    if (b->is_request_ && !(b->seen_ & HTTP_BUILD_SEEN_HOST))
        return http_build_fail(b, HK_ERR_HTTP_HOST);
    return HK_OK;
}

int hk_http_builder_end_head(hk_http_builder *b)
{
    int err = http_build_check(b, HTTP_BUILD_ST_HEAD);
    if (err == HK_OK)
        err = http_build_head_end_checks(b);
    if (err != HK_OK)
        return err;
    http_build_emit(b, "\r\n", 2);
    if (b->seen_ & HTTP_BUILD_SEEN_TE)
        b->state_ = HTTP_BUILD_ST_CHUNKED;
    else if ((b->seen_ & HTTP_BUILD_SEEN_CL) && b->content_length_ > 0 && !http_build_no_content_status(b))
        b->state_ = HTTP_BUILD_ST_LENGTH;
    else
        b->state_ = HTTP_BUILD_ST_DONE;
    return b->err_;
}

int hk_http_builder_body(hk_http_builder *b, const void *body, size_t body_len)
{
    int err = http_build_check(b, HTTP_BUILD_ST_HEAD);
    if (err != HK_OK)
        return err;
    if (body == NULL && body_len > 0)
        return http_build_fail(b, HK_ERR_INVALID_ARG);
    if (b->seen_ & HTTP_BUILD_SEEN_TE)
        return http_build_fail(b, HK_ERR_STATE);
    if (http_build_no_content_status(b)) {
        if (body_len > 0)
            return http_build_fail(b, HK_ERR_INVALID_ARG);
    } else if (b->seen_ & HTTP_BUILD_SEEN_CL) {
        if (b->content_length_ != (uint64_t)body_len)
            return http_build_fail(b, HK_ERR_HTTP_CL_MISMATCH);
    } else {
        char num[24];
        size_t n = http_build_u64(num, body_len, 10);
        err = http_build_head_end_checks(b);
        if (err != HK_OK)
            return err;
        http_build_emit(b, "Content-Length: ", 16);
        http_build_emit(b, num, n);
        http_build_emit(b, "\r\n", 2);
    }
    err = http_build_head_end_checks(b);
    if (err != HK_OK)
        return err;
    http_build_emit(b, "\r\n", 2);
    http_build_emit(b, body, body_len);
    b->body_sent_ = body_len;
    b->state_ = HTTP_BUILD_ST_DONE;
    return b->err_;
}

int hk_http_builder_body_data(hk_http_builder *b, const void *data, size_t len)
{
    int err = http_build_check(b, HTTP_BUILD_ST_LENGTH);
    if (err != HK_OK)
        return err;
    if (data == NULL && len > 0)
        return http_build_fail(b, HK_ERR_INVALID_ARG);
    if ((uint64_t)len > b->content_length_ - b->body_sent_)
        return http_build_fail(b, HK_ERR_HTTP_BODY_TOO_LARGE);
    http_build_emit(b, data, len);
    b->body_sent_ += len;
    if (b->body_sent_ == b->content_length_)
        b->state_ = HTTP_BUILD_ST_DONE;
    return b->err_;
}

int hk_http_builder_begin_chunked(hk_http_builder *b)
{
    int err = http_build_check(b, HTTP_BUILD_ST_HEAD);
    if (err != HK_OK)
        return err;
    if (b->seen_ & HTTP_BUILD_SEEN_CL)
        return http_build_fail(b, HK_ERR_HTTP_TE_AND_CL);
    if (http_build_no_content_status(b))
        return http_build_fail(b, HK_ERR_INVALID_ARG);
    err = http_build_head_end_checks(b);
    if (err != HK_OK)
        return err;
    if (!(b->seen_ & HTTP_BUILD_SEEN_TE))
        http_build_emit(b, "Transfer-Encoding: chunked\r\n", 28);
    b->seen_ |= HTTP_BUILD_SEEN_TE;
    http_build_emit(b, "\r\n", 2);
    b->state_ = HTTP_BUILD_ST_CHUNKED;
    return b->err_;
}

int hk_http_builder_chunk(hk_http_builder *b, const void *data, size_t len)
{
    char hdr[24];
    size_t n;
    int err = http_build_check(b, HTTP_BUILD_ST_CHUNKED);
    if (err != HK_OK)
        return err;
    if (data == NULL && len > 0)
        return http_build_fail(b, HK_ERR_INVALID_ARG);
    if (len == 0)
        return HK_OK;
    n = http_build_u64(hdr, len, 16);
    hdr[n++] = '\r';
    hdr[n++] = '\n';
    http_build_emit(b, hdr, n);
    http_build_emit(b, data, len);
    http_build_emit(b, "\r\n", 2);
    b->body_sent_ += len;
    return b->err_;
}

int hk_http_builder_end_chunked(hk_http_builder *b, const hk_http_header *trailers,
                                size_t num_trailers)
{
    size_t i;
    int err = http_build_check(b, HTTP_BUILD_ST_CHUNKED);
    if (err != HK_OK)
        return err;
    if (trailers == NULL && num_trailers > 0)
        return http_build_fail(b, HK_ERR_INVALID_ARG);
    for (i = 0; i < num_trailers; i++) {
        if (!http_build_is_token(trailers[i].name, trailers[i].name_len))
            return http_build_fail(b, HK_ERR_HTTP_HEADER_NAME);
        if (!http_build_value_ok(trailers[i].value, trailers[i].value_len))
            return http_build_fail(b, HK_ERR_HTTP_HEADER_VALUE);
    }
    http_build_emit(b, "0\r\n", 3);
    for (i = 0; i < num_trailers; i++) {
        http_build_emit(b, trailers[i].name, trailers[i].name_len);
        http_build_emit(b, ": ", 2);
        http_build_emit(b, trailers[i].value, trailers[i].value_len);
        http_build_emit(b, "\r\n", 2);
    }
    http_build_emit(b, "\r\n", 2);
    b->state_ = HTTP_BUILD_ST_DONE;
    return b->err_;
}

int hk_http_builder_finish(hk_http_builder *b, size_t *len)
{
    if (b == NULL || len == NULL)
        return HK_ERR_INVALID_ARG;
    *len = 0;
    if (b->err_ != 0)
        return b->err_;
    if (b->state_ != HTTP_BUILD_ST_DONE)
        return HK_ERR_STATE;
    if (b->write_ == NULL && b->len_ - b->base_ > b->cap_) {
        *len = b->len_ - b->base_;
        return HK_ERR_BUFFER_TOO_SMALL;
    }
    *len = b->len_;
    return HK_OK;
}

/* ---- one-shot ------------------------------------------------------------- */

static int http_build_is_body_method(const char *m, size_t n)
{
    return (n == 4 && memcmp(m, "POST", 4) == 0) || (n == 3 && memcmp(m, "PUT", 3) == 0) ||
           (n == 5 && memcmp(m, "PATCH", 5) == 0);
}

static int http_build_request_into(hk_http_builder *b, const hk_http_request_spec *s, size_t *len)
{
    size_t i;
    int err;
    if (s == NULL || s->size < sizeof(hk_http_request_spec) ||
        (s->headers == NULL && s->num_headers > 0) || (s->body == NULL && s->body_len > 0))
        return HK_ERR_INVALID_ARG;
    err = hk_http_builder_request_line(b, s->method, s->method_len, s->target, s->target_len,
                                       s->host, s->host_len);
    for (i = 0; err == HK_OK && i < s->num_headers; i++)
        err = hk_http_builder_header(b, s->headers[i].name, s->headers[i].name_len,
                                     s->headers[i].value, s->headers[i].value_len);
    if (err != HK_OK)
        return err;
    if (b->seen_ & HTTP_BUILD_SEEN_TE)
        return HK_ERR_INVALID_ARG; /* one-shot messages are not chunked */
    if (s->body != NULL || http_build_is_body_method(s->method, s->method_len))
        err = hk_http_builder_body(b, s->body, s->body_len);
    else
        err = hk_http_builder_end_head(b);
    if (err != HK_OK)
        return err;
    return hk_http_builder_finish(b, len);
}

static int http_build_response_into(hk_http_builder *b, const hk_http_response_spec *s, size_t *len)
{
    size_t i;
    int err;
    if (s == NULL || s->size < sizeof(hk_http_response_spec) ||
        (s->headers == NULL && s->num_headers > 0) || (s->body == NULL && s->body_len > 0))
        return HK_ERR_INVALID_ARG;
    err = hk_http_builder_status_line(b, s->status, s->reason, s->reason_len);
    for (i = 0; err == HK_OK && i < s->num_headers; i++)
        err = hk_http_builder_header(b, s->headers[i].name, s->headers[i].name_len,
                                     s->headers[i].value, s->headers[i].value_len);
    if (err != HK_OK)
        return err;
    if (b->seen_ & HTTP_BUILD_SEEN_TE)
        return HK_ERR_INVALID_ARG;
    if (http_build_no_content_status(b) && s->body_len == 0)
        err = hk_http_builder_end_head(b);
    else
        err = hk_http_builder_body(b, s->body, s->body_len);
    if (err != HK_OK)
        return err;
    return hk_http_builder_finish(b, len);
}

int hk_http_build_request(const hk_http_request_spec *spec, char *buf, size_t cap, size_t *len)
{
    hk_http_builder b;
    if (len == NULL || (buf == NULL && cap > 0))
        return HK_ERR_INVALID_ARG;
    *len = 0;
    hk_http_builder_init(&b, buf, cap);
    return http_build_request_into(&b, spec, len);
}

int hk_http_build_response(const hk_http_response_spec *spec, char *buf, size_t cap, size_t *len)
{
    hk_http_builder b;
    if (len == NULL || (buf == NULL && cap > 0))
        return HK_ERR_INVALID_ARG;
    *len = 0;
    hk_http_builder_init(&b, buf, cap);
    return http_build_response_into(&b, spec, len);
}

int hk_http_write_request(const hk_http_request_spec *spec, hk_http_write_fn fn, void *user)
{
    hk_http_builder b;
    size_t len;
    if (fn == NULL)
        return HK_ERR_INVALID_ARG;
    hk_http_builder_init_writer(&b, fn, user);
    return http_build_request_into(&b, spec, &len);
}

int hk_http_write_response(const hk_http_response_spec *spec, hk_http_write_fn fn, void *user)
{
    hk_http_builder b;
    size_t len;
    if (fn == NULL)
        return HK_ERR_INVALID_ARG;
    hk_http_builder_init_writer(&b, fn, user);
    return http_build_response_into(&b, spec, &len);
}

const char *hk_http_status_reason(int status)
{
    /* RFC 9110 section 15 */
    switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 205: return "Reset Content";
    case 206: return "Partial Content";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 305: return "Use Proxy";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";   /* RFC 6585 */
    case 429: return "Too Many Requests";       /* RFC 6585 */
    case 431: return "Request Header Fields Too Large"; /* RFC 6585 */
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "";
    }
}

#undef HTTP_BUILD_SEEN_HOST
#undef HTTP_BUILD_SEEN_CL
#undef HTTP_BUILD_SEEN_TE
