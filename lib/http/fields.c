/*
 * http/fields.c - field lookup, list and parameter iteration (RFC 9110
 * sections 5.3, 5.6.1 to 5.6.6), quoted-string decoding.
 *
 * SPDX-License-Identifier: MIT
 */
#include "http/internal.h"

int hk_http_token_eq(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i;
    if (alen != blen)
        return 0;
    if (alen == 0)
        return 1;
    if (a == NULL || b == NULL)
        return 0;
    for (i = 0; i < alen; i++)
        if (hk__http_lower((uint8_t)a[i]) != hk__http_lower((uint8_t)b[i]))
            return 0;
    return 1;
}

hk_ssize hk_http_header_find(const hk_http_header *headers, size_t num_headers, const char *name,
                             size_t name_len, size_t from)
{
    size_t i;
    if ((headers == NULL && num_headers > 0) || name == NULL)
        return HK_ERR_INVALID_ARG;
    for (i = from; i < num_headers; i++)
        if (hk_http_token_eq(headers[i].name, headers[i].name_len, name, name_len))
            return (hk_ssize)i;
    return HK_ERR_NOT_FOUND;
}

size_t hk_http_header_count(const hk_http_header *headers, size_t num_headers, const char *name,
                            size_t name_len)
{
    size_t i, n = 0;
    if (headers == NULL || name == NULL)
        return 0;
    for (i = 0; i < num_headers; i++)
        if (hk_http_token_eq(headers[i].name, headers[i].name_len, name, name_len))
            n++;
    return n;
}

/* ---- lists ---------------------------------------------------------------- */

static int http_fields_is_ows(uint8_t c)
{
    return c == ' ' || c == '\t';
}

/* Index after the quoted-string starting at s[i] == '"', or 0 if malformed. */
static size_t http_fields_skip_quoted(const uint8_t *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        uint8_t c = s[i];
        if (c == '"')
            return i + 1;
        if (c == '\\') {
            if (i + 1 >= n || HK_HTTP_IS(s[i + 1], HK_HTTP_C_CTL))
                return 0;
            i++;
        } else if (HK_HTTP_IS(c, HK_HTTP_C_CTL)) {
            return 0;
        }
    }
    return 0;
}

void hk_http_list_init(hk_http_list_iter *it, const char *value, size_t len)
{
    if (it == NULL)
        return;
    memset(it, 0, sizeof *it);
    it->cur_ = value;
    it->cur_len_ = value != NULL ? len : 0;
}

void hk_http_list_init_headers(hk_http_list_iter *it, const hk_http_header *headers,
                               size_t num_headers, const char *name, size_t name_len)
{
    if (it == NULL)
        return;
    memset(it, 0, sizeof *it);
    it->headers_ = headers;
    it->num_headers_ = headers != NULL ? num_headers : 0;
    it->name_ = name;
    it->name_len_ = name_len;
    it->cur_ = NULL;
    if (name == NULL)
        it->num_headers_ = 0;
}

int hk_http_list_next(hk_http_list_iter *it, const char **elem, size_t *elem_len)
{
    if (it == NULL || elem == NULL || elem_len == NULL)
        return HK_ERR_INVALID_ARG;
    if (it->err_ != 0)
        return it->err_;
    for (;;) {
        const uint8_t *s;
        size_t n, i, start, end;
        if (it->cur_ == NULL) {
            /* header mode: move to the next field with the name */
            size_t k;
            if (it->headers_ == NULL)
                return 0;
            for (k = it->index_; k < it->num_headers_; k++)
                if (hk_http_token_eq(it->headers_[k].name, it->headers_[k].name_len, it->name_,
                                     it->name_len_))
                    break;
            if (k >= it->num_headers_) {
                it->index_ = it->num_headers_;
                return 0;
            }
            it->index_ = k + 1;
            it->cur_ = it->headers_[k].value;
            it->cur_len_ = it->headers_[k].value != NULL ? it->headers_[k].value_len : 0;
            it->pos_ = 0;
        }
        s = (const uint8_t *)it->cur_;
        n = it->cur_len_;
        i = it->pos_;
        while (i < n && (http_fields_is_ows(s[i]) || s[i] == ','))
            i++;
        if (i >= n) {
            it->pos_ = n;
            if (it->headers_ == NULL)
                return 0;
            it->cur_ = NULL;
            continue;
        }
        start = i;
        while (i < n && s[i] != ',') {
            if (s[i] == '"') {
                i = http_fields_skip_quoted(s, n, i);
                if (i == 0) {
                    it->err_ = HK_ERR_HTTP_LIST;
                    return it->err_;
                }
                continue;
            }
            if (HK_HTTP_IS(s[i], HK_HTTP_C_CTL)) {
                it->err_ = HK_ERR_HTTP_LIST;
                return it->err_;
            }
            i++;
        }
        end = i;
        while (end > start && http_fields_is_ows(s[end - 1]))
            end--;
        it->pos_ = i;
        *elem = (const char *)s + start;
        *elem_len = end - start;
        return 1;
    }
}

static size_t http_fields_token_len(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n && HK_HTTP_IS(s[i], HK_HTTP_C_TCHAR))
        i++;
    return i;
}

int hk_http_list_next_token(hk_http_list_iter *it, const char **tok, size_t *tok_len)
{
    const char *e;
    size_t n, k;
    int r = hk_http_list_next(it, &e, &n);
    if (r != 1)
        return r;
    k = http_fields_token_len((const uint8_t *)e, n);
    if (k == 0)
        goto bad;
    if (k < n) {
        /* protocol = protocol-name [ "/" protocol-version ] */
        size_t k2;
        if (e[k] != '/')
            goto bad;
        k2 = http_fields_token_len((const uint8_t *)e + k + 1, n - k - 1);
        if (k2 == 0 || k + 1 + k2 != n)
            goto bad;
    }
    *tok = e;
    *tok_len = n;
    return 1;
bad:
    it->err_ = HK_ERR_HTTP_LIST;
    return it->err_;
}

int hk_http_list_has_token(const hk_http_header *headers, size_t num_headers, const char *name,
                           size_t name_len, const char *token, size_t token_len)
{
    hk_http_list_iter it;
    const char *t;
    size_t n;
    int r;
    if ((headers == NULL && num_headers > 0) || name == NULL || (token == NULL && token_len > 0))
        return HK_ERR_INVALID_ARG;
    hk_http_list_init_headers(&it, headers, num_headers, name, name_len);
    while ((r = hk_http_list_next_token(&it, &t, &n)) == 1)
        if (hk_http_token_eq(t, n, token, token_len))
            return 1;
    return r;
}

/* ---- parameters ------------------------------------------------------------- */

int hk_http_param_init(hk_http_param_iter *it, const char *elem, size_t elem_len,
                       const char **name, size_t *name_len)
{
    const uint8_t *s = (const uint8_t *)elem;
    size_t i, k;
    if (it == NULL || name == NULL || name_len == NULL || (elem == NULL && elem_len > 0))
        return HK_ERR_INVALID_ARG;
    memset(it, 0, sizeof *it);
    it->elem_ = elem;
    it->len_ = elem_len;
    i = 0;
    while (i < elem_len && http_fields_is_ows(s[i]))
        i++;
    k = http_fields_token_len(s + i, elem_len - i);
    if (k == 0) {
        it->err_ = HK_ERR_HTTP_LIST;
        return it->err_;
    }
    *name = elem + i;
    *name_len = k;
    i += k;
    while (i < elem_len && http_fields_is_ows(s[i]))
        i++;
    if (i < elem_len && s[i] != ';') {
        it->err_ = HK_ERR_HTTP_LIST;
        return it->err_;
    }
    it->pos_ = i;
    return HK_OK;
}

int hk_http_param_next(hk_http_param_iter *it, const char **name, size_t *name_len,
                       const char **value, size_t *value_len, int *quoted)
{
    const uint8_t *s;
    size_t n, i, k;
    if (it == NULL || name == NULL || name_len == NULL || value == NULL || value_len == NULL)
        return HK_ERR_INVALID_ARG;
    if (it->err_ != 0)
        return it->err_;
    s = (const uint8_t *)it->elem_;
    n = it->len_;
    i = it->pos_;
    if (i >= n)
        return 0;
    /* s[i] == ';' (checked when the previous item ended) */
    i++;
    while (i < n && http_fields_is_ows(s[i]))
        i++;
    k = http_fields_token_len(s + i, n - i);
    if (k == 0)
        goto bad;
    *name = it->elem_ + i;
    *name_len = k;
    *value = NULL;
    *value_len = 0;
    if (quoted != NULL)
        *quoted = 0;
    i += k;
    while (i < n && http_fields_is_ows(s[i]))
        i++;
    if (i < n && s[i] == '=') {
        i++;
        while (i < n && http_fields_is_ows(s[i]))
            i++;
        if (i < n && s[i] == '"') {
            size_t e = http_fields_skip_quoted(s, n, i);
            if (e == 0)
                goto bad;
            *value = it->elem_ + i + 1;
            *value_len = e - i - 2;
            if (quoted != NULL)
                *quoted = 1;
            i = e;
        } else {
            k = http_fields_token_len(s + i, n - i);
            if (k == 0)
                goto bad;
            *value = it->elem_ + i;
            *value_len = k;
            i += k;
        }
        while (i < n && http_fields_is_ows(s[i]))
            i++;
    }
    if (i < n && s[i] != ';')
        goto bad;
    it->pos_ = i;
    return 1;
bad:
    it->err_ = HK_ERR_HTTP_LIST;
    return it->err_;
}

int hk_http_unquote(const char *in, size_t in_len, char *out, size_t out_cap, size_t *out_len)
{
    const uint8_t *s = (const uint8_t *)in;
    size_t i, n = 0;
    if (out_len == NULL || (in == NULL && in_len > 0) || (out == NULL && out_cap > 0))
        return HK_ERR_INVALID_ARG;
    *out_len = 0;
    /* qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text;
     * quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ) */
    for (i = 0; i < in_len; i++) {
        if (s[i] == '\\') {
            if (i + 1 >= in_len || HK_HTTP_IS(s[i + 1], HK_HTTP_C_CTL))
                return HK_ERR_HTTP_LIST;
            i++;
        } else if (s[i] == '"' || HK_HTTP_IS(s[i], HK_HTTP_C_CTL)) {
            return HK_ERR_HTTP_LIST;
        }
        n++;
    }
    *out_len = n;
    if (n > out_cap)
        return HK_ERR_BUFFER_TOO_SMALL;
    for (i = 0, n = 0; i < in_len; i++) {
        if (s[i] == '\\')
            i++;
        out[n++] = (char)s[i];
    }
    return HK_OK;
}
