/*
 * http/body.c - message body framing: Content-Length, chunked (RFC 9112
 * section 7.1, with extensions skipped and trailer fields validated) and
 * read-until-close. Zero-copy spans or copy/in-place decoding.
 *
 * Every byte of input is examined once: the chunk-size line, extensions and
 * trailer fields are consumed as they arrive (their state is a few counters
 * in the parser), so the caller never re-feeds anything.
 *
 * SPDX-License-Identifier: MIT
 */
#include "http/internal.h"

/* Body states (hk_http_parser.state_ once the head is done). */
enum {
    HTTP_BS_CHUNK_SIZE_START = 100,
    HTTP_BS_CHUNK_SIZE,
    HTTP_BS_CHUNK_SIZE_WS,
    HTTP_BS_CHUNK_EXT,       /* after ";" */
    HTTP_BS_CHUNK_EXT_NAME,
    HTTP_BS_CHUNK_EXT_AFTER_NAME,
    HTTP_BS_CHUNK_EXT_VAL_START,
    HTTP_BS_CHUNK_EXT_VAL_TOKEN,
    HTTP_BS_CHUNK_EXT_QUOTED,
    HTTP_BS_CHUNK_EXT_QPAIR,
    HTTP_BS_CHUNK_EXT_AFTER_VAL,
    HTTP_BS_CHUNK_SIZE_LF,
    HTTP_BS_CHUNK_DATA,
    HTTP_BS_CHUNK_DATA_CR,
    HTTP_BS_CHUNK_DATA_LF,
    HTTP_BS_TRAILER_START,
    HTTP_BS_TRAILER_NAME,
    HTTP_BS_TRAILER_NAME_WS,
    HTTP_BS_TRAILER_VALUE,
    HTTP_BS_TRAILER_VALUE_LF,
    HTTP_BS_TRAILER_END_LF,
    HTTP_BS_OTHER
};

HK_INTERNAL void hk__http_body_start(hk_http_parser *p, int body_kind, uint64_t content_length)
{
    p->body_kind_ = body_kind;
    p->remaining_ = content_length;
    p->body_total_ = 0;
    p->line_len_ = 0;
    p->trailer_bytes_ = 0;
    p->trailer_count_ = 0;
    p->state_ = body_kind == HK_HTTP_BODY_CHUNKED ? HTTP_BS_CHUNK_SIZE_START : HTTP_BS_OTHER;
    if (body_kind == HK_HTTP_BODY_NONE || (body_kind == HK_HTTP_BODY_LENGTH && content_length == 0))
        p->body_state_ = HK__HTTP_PHASE_DONE;
    else
        p->body_state_ = HK__HTTP_PHASE_BODY;
}

int hk_http_parser_begin_body(hk_http_parser *p, int body_kind, uint64_t content_length)
{
    if (p == NULL)
        return HK_ERR_INVALID_ARG;
    if (p->err_ != 0)
        return p->err_;
    if (body_kind < HK_HTTP_BODY_NONE || body_kind > HK_HTTP_BODY_UNTIL_CLOSE ||
        (body_kind == HK_HTTP_BODY_UNTIL_CLOSE && p->kind_ == HK_HTTP_REQUEST))
        return HK_ERR_INVALID_ARG;
    if (p->body_state_ != HK__HTTP_PHASE_HEAD || p->calls_ > 0)
        return HK_ERR_STATE;
    if (body_kind == HK_HTTP_BODY_LENGTH && content_length > p->max_body_)
        return HK_ERR_HTTP_BODY_TOO_LARGE;
    hk__http_body_start(p, body_kind, body_kind == HK_HTTP_BODY_LENGTH ? content_length : 0);
    return HK_OK;
}

uint64_t hk_http_parser_body_bytes(const hk_http_parser *p)
{
    return p != NULL ? p->body_total_ : 0;
}

static int http_hexval(uint8_t c)
{
    if (c <= '9')
        return c - '0';
    return (c | 0x20) - 'a' + 10;
}

/*
 * One step: consume framing until a data span (at most max_data bytes), a
 * piece of trailer section, the end of the message, or the end of input.
 * With max_data == 0 at a data span, returns EV_DATA with an empty span.
 */
static int http_body_step(hk_http_parser *p, const uint8_t *in, size_t len, size_t max_data,
                          size_t *consumed, const uint8_t **data, size_t *dlen)
{
    const int lenient = (p->flags_ & HK_HTTP_LENIENT_LF) != 0;
    size_t pos = 0, n;
    size_t tstart = (size_t)-1;
    int st, err;

    *data = NULL;
    *dlen = 0;
    *consumed = 0;
    if (p->body_state_ == HK__HTTP_PHASE_DONE)
        return HK_HTTP_EV_END;

    switch (p->body_kind_) {
    case HK_HTTP_BODY_LENGTH:
        if (len == 0)
            return HK_ERR_NEED_MORE;
        n = len;
        if ((uint64_t)n > p->remaining_)
            n = (size_t)p->remaining_;
        if (n > max_data)
            n = max_data;
        *data = in;
        *dlen = n;
        *consumed = n;
        p->remaining_ -= n;
        p->body_total_ += n;
        if (p->remaining_ == 0)
            p->body_state_ = HK__HTTP_PHASE_DONE;
        return HK_HTTP_EV_DATA;
    case HK_HTTP_BODY_UNTIL_CLOSE:
        if (len == 0)
            return HK_ERR_NEED_MORE;
        n = len < max_data ? len : max_data;
        if ((uint64_t)n > p->max_body_ - p->body_total_) {
            p->err_ = HK_ERR_HTTP_BODY_TOO_LARGE;
            return p->err_;
        }
        *data = in;
        *dlen = n;
        *consumed = n;
        p->body_total_ += n;
        return HK_HTTP_EV_DATA;
    case HK_HTTP_BODY_CHUNKED:
        break;
    default:
        return HK_ERR_STATE;
    }

    st = p->state_;
    while (pos < len) {
        uint8_t c = in[pos];
        if (st >= HTTP_BS_CHUNK_SIZE && st <= HTTP_BS_CHUNK_SIZE_LF) {
            /* chunk-size line, extensions included, is bounded */
            if (++p->line_len_ > p->max_chunk_line_) {
                err = HK_ERR_HTTP_CHUNK_FORMAT;
                goto fail;
            }
        } else if (st >= HTTP_BS_TRAILER_START) {
            if (++p->trailer_bytes_ > p->max_header_bytes_) {
                err = HK_ERR_HTTP_HEADERS_TOO_LARGE;
                goto fail;
            }
            /* report every byte of a non-empty trailer section; an empty
             * one (just the final CRLF) is not reported */
            if (tstart == (size_t)-1 &&
                ((st != HTTP_BS_TRAILER_START && st != HTTP_BS_TRAILER_END_LF) ||
                 p->trailer_count_ > 0))
                tstart = pos;
        }
        switch (st) {
        case HTTP_BS_CHUNK_SIZE_START:
            if (!HK_HTTP_IS(c, HK_HTTP_C_HEX)) {
                err = HK_HTTP_IS(c, HK_HTTP_C_CTL) && c != '\r' && c != '\n'
                          ? HK_ERR_HTTP_CONTROL_CHAR
                          : HK_ERR_HTTP_CHUNK_SIZE;
                goto fail;
            }
            p->remaining_ = 0;
            p->line_len_ = 0;
            st = HTTP_BS_CHUNK_SIZE;
            continue; /* the digit is consumed by CHUNK_SIZE */
        case HTTP_BS_CHUNK_SIZE:
            if (HK_HTTP_IS(c, HK_HTTP_C_HEX)) {
                if (p->remaining_ > ((uint64_t)INT64_MAX >> 4)) {
                    err = HK_ERR_HTTP_CHUNK_OVERFLOW;
                    goto fail;
                }
                p->remaining_ = (p->remaining_ << 4) | (uint64_t)http_hexval(c);
                pos++;
                continue;
            }
            if (c == ';') {
                st = HTTP_BS_CHUNK_EXT;
            } else if (c == ' ' || c == '\t') {
                st = HTTP_BS_CHUNK_SIZE_WS; /* BWS before ";" */
            } else if (c == '\r') {
                st = HTTP_BS_CHUNK_SIZE_LF;
            } else if (c == '\n') {
                if (!lenient) {
                    err = HK_ERR_HTTP_BARE_LF;
                    goto fail;
                }
                pos++;
                goto size_line_done;
            } else {
                err = HK_HTTP_IS(c, HK_HTTP_C_CTL) ? HK_ERR_HTTP_CONTROL_CHAR
                                                   : HK_ERR_HTTP_CHUNK_SIZE;
                goto fail;
            }
            pos++;
            continue;
        case HTTP_BS_CHUNK_SIZE_WS:
            if (c == ' ' || c == '\t') {
                pos++;
                continue;
            }
            if (c != ';') {
                err = HK_ERR_HTTP_CHUNK_FORMAT;
                goto fail;
            }
            pos++;
            st = HTTP_BS_CHUNK_EXT;
            continue;
        case HTTP_BS_CHUNK_EXT:
            /* chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ),
             * ext-val = token / quoted-string (RFC 9112 section 7.1.1).
             * Skipped, but parsed exactly: a stray quote, CR or LF in an
             * extension is where lenient parsers disagree on where the
             * next chunk starts. */
            if (c == ' ' || c == '\t') {
                pos++;
                continue;
            }
            if (!HK_HTTP_IS(c, HK_HTTP_C_TCHAR))
                goto ext_bad;
            st = HTTP_BS_CHUNK_EXT_NAME;
            pos++;
            continue;
        case HTTP_BS_CHUNK_EXT_NAME:
        case HTTP_BS_CHUNK_EXT_VAL_TOKEN:
            if (HK_HTTP_IS(c, HK_HTTP_C_TCHAR)) {
                pos++;
                continue;
            }
            if (c == ' ' || c == '\t') {
                st = st == HTTP_BS_CHUNK_EXT_NAME ? HTTP_BS_CHUNK_EXT_AFTER_NAME
                                                  : HTTP_BS_CHUNK_EXT_AFTER_VAL;
                pos++;
                continue;
            }
            if (c == '=' && st == HTTP_BS_CHUNK_EXT_NAME) {
                st = HTTP_BS_CHUNK_EXT_VAL_START;
                pos++;
                continue;
            }
            goto ext_end;
        case HTTP_BS_CHUNK_EXT_AFTER_NAME:
            if (c == ' ' || c == '\t') {
                pos++;
                continue;
            }
            if (c == '=') {
                st = HTTP_BS_CHUNK_EXT_VAL_START;
                pos++;
                continue;
            }
            goto ext_end;
        case HTTP_BS_CHUNK_EXT_VAL_START:
            if (c == ' ' || c == '\t') {
                pos++;
                continue;
            }
            if (c == '"') {
                st = HTTP_BS_CHUNK_EXT_QUOTED;
                pos++;
                continue;
            }
            if (!HK_HTTP_IS(c, HK_HTTP_C_TCHAR))
                goto ext_bad;
            st = HTTP_BS_CHUNK_EXT_VAL_TOKEN;
            pos++;
            continue;
        case HTTP_BS_CHUNK_EXT_AFTER_VAL:
            if (c == ' ' || c == '\t') {
                pos++;
                continue;
            }
            goto ext_end;
        ext_end:
            /* after a name or value: ";" for the next extension or the end
             * of the line */
            if (c == ';') {
                st = HTTP_BS_CHUNK_EXT;
                pos++;
                continue;
            }
            if (c == '\r') {
                st = HTTP_BS_CHUNK_SIZE_LF;
                pos++;
                continue;
            }
            if (c == '\n' && lenient) {
                pos++;
                goto size_line_done;
            }
        ext_bad:
            if (c == '\n')
                err = HK_ERR_HTTP_BARE_LF;
            else if (c == '\r')
                err = HK_ERR_HTTP_CHUNK_FORMAT;
            else if (HK_HTTP_IS(c, HK_HTTP_C_CTL))
                err = HK_ERR_HTTP_CONTROL_CHAR;
            else
                err = HK_ERR_HTTP_CHUNK_FORMAT;
            goto fail;
        case HTTP_BS_CHUNK_EXT_QUOTED:
            if (c == '"') {
                st = HTTP_BS_CHUNK_EXT_AFTER_VAL;
            } else if (c == '\\') {
                st = HTTP_BS_CHUNK_EXT_QPAIR;
            } else if (HK_HTTP_IS(c, HK_HTTP_C_CTL)) {
                err = c == '\r' ? HK_ERR_HTTP_BARE_CR
                                : c == '\n' ? HK_ERR_HTTP_BARE_LF : HK_ERR_HTTP_CONTROL_CHAR;
                goto fail;
            }
            pos++;
            continue;
        case HTTP_BS_CHUNK_EXT_QPAIR:
            if (HK_HTTP_IS(c, HK_HTTP_C_CTL)) {
                err = c == '\r' ? HK_ERR_HTTP_BARE_CR
                                : c == '\n' ? HK_ERR_HTTP_BARE_LF : HK_ERR_HTTP_CONTROL_CHAR;
                goto fail;
            }
            pos++;
            st = HTTP_BS_CHUNK_EXT_QUOTED;
            continue;
        case HTTP_BS_CHUNK_SIZE_LF:
            if (c != '\n') {
                err = HK_ERR_HTTP_BARE_CR;
                goto fail;
            }
            pos++;
        size_line_done:
            if (p->remaining_ == 0) {
                st = HTTP_BS_TRAILER_START; /* last-chunk */
                p->trailer_bytes_ = 0;
                p->trailer_count_ = 0;
                continue;
            }
            if (p->remaining_ > p->max_body_ - p->body_total_) {
                err = HK_ERR_HTTP_BODY_TOO_LARGE;
                goto fail;
            }
            st = HTTP_BS_CHUNK_DATA;
            continue;
        case HTTP_BS_CHUNK_DATA:
            n = len - pos;
            if ((uint64_t)n > p->remaining_)
                n = (size_t)p->remaining_;
            if (n > max_data)
                n = max_data;
            *data = in + pos;
            *dlen = n;
            pos += n;
            p->remaining_ -= n;
            p->body_total_ += n;
            if (p->remaining_ == 0)
                st = HTTP_BS_CHUNK_DATA_CR;
            p->state_ = st;
            *consumed = pos;
            return HK_HTTP_EV_DATA;
        case HTTP_BS_CHUNK_DATA_CR:
            if (c == '\r') {
                st = HTTP_BS_CHUNK_DATA_LF;
            } else if (c == '\n' && lenient) {
                st = HTTP_BS_CHUNK_SIZE_START;
            } else {
                err = HK_ERR_HTTP_CHUNK_FORMAT; /* chunk longer than its size */
                goto fail;
            }
            pos++;
            continue;
        case HTTP_BS_CHUNK_DATA_LF:
            if (c != '\n') {
                err = HK_ERR_HTTP_BARE_CR;
                goto fail;
            }
            pos++;
            st = HTTP_BS_CHUNK_SIZE_START;
            continue;
        case HTTP_BS_TRAILER_START:
            if (HK_HTTP_IS(c, HK_HTTP_C_TCHAR)) {
                if (p->trailer_count_ >= p->max_headers_) {
                    err = HK_ERR_HTTP_TOO_MANY_HEADERS;
                    goto fail;
                }
                if (tstart == (size_t)-1)
                    tstart = pos;
                st = HTTP_BS_TRAILER_NAME;
                pos++;
                continue;
            }
            if (c == '\r') {
                st = HTTP_BS_TRAILER_END_LF;
                pos++;
                continue;
            }
            if (c == '\n' && lenient) {
                pos++;
                goto message_done;
            }
            if (c == '\n')
                err = HK_ERR_HTTP_BARE_LF;
            else if (c == ' ' || c == '\t')
                err = HK_ERR_HTTP_OBS_FOLD;
            else if (HK_HTTP_IS(c, HK_HTTP_C_CTL))
                err = HK_ERR_HTTP_CONTROL_CHAR;
            else
                err = HK_ERR_HTTP_HEADER_NAME;
            goto fail;
        case HTTP_BS_TRAILER_NAME:
            if (HK_HTTP_IS(c, HK_HTTP_C_TCHAR)) {
                pos++;
                continue;
            }
            if (c == ':') {
                st = HTTP_BS_TRAILER_VALUE;
            } else if (c == ' ' || c == '\t') {
                st = HTTP_BS_TRAILER_NAME_WS;
            } else {
                err = (HK_HTTP_IS(c, HK_HTTP_C_CTL) && c != '\r' && c != '\n')
                          ? HK_ERR_HTTP_CONTROL_CHAR
                          : HK_ERR_HTTP_HEADER_NAME;
                goto fail;
            }
            pos++;
            continue;
        case HTTP_BS_TRAILER_NAME_WS:
            if (c == ' ' || c == '\t') {
                pos++;
                continue;
            }
            err = c == ':' ? HK_ERR_HTTP_SPACE_BEFORE_COLON : HK_ERR_HTTP_HEADER_NAME;
            goto fail;
        case HTTP_BS_TRAILER_VALUE:
            if (HK_HTTP_IS(c, HK_HTTP_C_VALUE) || c == '\t') {
                pos++;
                continue;
            }
            if (c == '\r') {
                st = HTTP_BS_TRAILER_VALUE_LF;
                pos++;
                continue;
            }
            if (c == '\n' && lenient) {
                p->trailer_count_++;
                st = HTTP_BS_TRAILER_START;
                pos++;
                continue;
            }
            err = c == '\n' ? HK_ERR_HTTP_BARE_LF : HK_ERR_HTTP_CONTROL_CHAR;
            goto fail;
        case HTTP_BS_TRAILER_VALUE_LF:
            if (c != '\n') {
                err = HK_ERR_HTTP_BARE_CR;
                goto fail;
            }
            p->trailer_count_++;
            st = HTTP_BS_TRAILER_START;
            pos++;
            continue;
        case HTTP_BS_TRAILER_END_LF:
            if (c != '\n') {
                err = HK_ERR_HTTP_BARE_CR;
                goto fail;
            }
            pos++;
            goto message_done;
        default:
            err = HK_ERR_STATE;
            goto fail;
        }
    }
    p->state_ = st;
    *consumed = pos;
    if (tstart != (size_t)-1) {
        *data = in + tstart;
        *dlen = pos - tstart;
        return HK_HTTP_EV_TRAILER;
    }
    return HK_ERR_NEED_MORE;

message_done:
    p->state_ = st;
    p->body_state_ = HK__HTTP_PHASE_DONE;
    *consumed = pos;
    if (tstart != (size_t)-1) {
        *data = in + tstart;
        *dlen = pos - tstart;
        return HK_HTTP_EV_TRAILER;
    }
    return HK_HTTP_EV_END;

fail:
    p->state_ = st;
    p->err_ = err;
    *consumed = pos;
    return err;
}

static int http_body_check(hk_http_parser *p, const char *in, size_t in_len)
{
    if (p == NULL || (in == NULL && in_len > 0))
        return HK_ERR_INVALID_ARG;
    if (p->err_ != 0)
        return p->err_;
    if (p->body_state_ == HK__HTTP_PHASE_HEAD)
        return HK_ERR_STATE;
    return HK_OK;
}

int hk_http_body_next(hk_http_parser *p, const char *in, size_t in_len, size_t *consumed,
                      const char **data, size_t *data_len)
{
    const uint8_t *d;
    int r;
    if (consumed == NULL || data == NULL || data_len == NULL)
        return HK_ERR_INVALID_ARG;
    *consumed = 0;
    *data = NULL;
    *data_len = 0;
    r = http_body_check(p, in, in_len);
    if (r != HK_OK)
        return r;
    r = http_body_step(p, (const uint8_t *)in, in_len, (size_t)-1, consumed, &d, data_len);
    *data = (const char *)d;
    return r;
}

int hk_http_body_decode(hk_http_parser *p, const char *in, size_t in_len, size_t *consumed,
                        char *out, size_t out_cap, size_t *produced)
{
    size_t used = 0, prod = 0;
    int r;
    if (consumed == NULL || produced == NULL || (out == NULL && out_cap > 0))
        return HK_ERR_INVALID_ARG;
    *consumed = 0;
    *produced = 0;
    r = http_body_check(p, in, in_len);
    if (r != HK_OK)
        return r;
    for (;;) {
        const uint8_t *d;
        size_t c, dl;
        r = http_body_step(p, (const uint8_t *)in + used, in_len - used, out_cap - prod, &c, &d,
                           &dl);
        used += c;
        if (r == HK_HTTP_EV_DATA) {
            if (dl == 0) {
                r = HK_ERR_BUFFER_TOO_SMALL;
                break;
            }
            memmove(out + prod, d, dl);
            prod += dl;
            continue;
        }
        if (r == HK_HTTP_EV_TRAILER)
            continue;
        break;
    }
    *consumed = used;
    *produced = prod;
    return r;
}

int hk_http_parser_eof(hk_http_parser *p)
{
    if (p == NULL)
        return HK_ERR_INVALID_ARG;
    if (p->err_ != 0)
        return p->err_;
    switch (p->body_state_) {
    case HK__HTTP_PHASE_HEAD:
        if (p->seen_len_ == 0)
            return HK_OK;
        break;
    case HK__HTTP_PHASE_BODY:
        if (p->body_kind_ == HK_HTTP_BODY_UNTIL_CLOSE) {
            p->body_state_ = HK__HTTP_PHASE_DONE;
            return HK_HTTP_EV_END;
        }
        break;
    default:
        return HK_OK;
    }
    p->err_ = HK_ERR_HTTP_TRUNCATED;
    return p->err_;
}
