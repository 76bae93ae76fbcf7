/*
 * fuzz_http_common.h - shared driver of the HTTP fuzz targets: parse an
 * input whole and again in pseudo-random pieces (head re-fed from a fresh
 * copy each time, so a stale pointer is caught by ASan), check invariants,
 * and require identical results.
 */
#ifndef FUZZ_HTTP_COMMON_H
#define FUZZ_HTTP_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

#define FZ_MAX_HEADERS 32

#define FZ_CHECK(c)                                                                  \
    do {                                                                             \
        if (!(c)) {                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);   \
            abort();                                                                 \
        }                                                                            \
    } while (0)

typedef struct {
    int rc;
    size_t head_len, consumed;
    hk_http_message msg;  /* pointers cleared; offsets below */
    size_t m_off, t_off, r_off;
    size_t nh;
    size_t n_off[FZ_MAX_HEADERS], n_len[FZ_MAX_HEADERS];
    size_t v_off[FZ_MAX_HEADERS], v_len[FZ_MAX_HEADERS];
    uint8_t *body;
    size_t body_len;
    uint8_t *tr;
    size_t tr_len;
} fz_result;

static uint64_t fz_rng(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int fz_is_tchar(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static void fz_check_head(const hk_http_message *m, const uint8_t *buf, size_t hl)
{
    size_t i, k;
    FZ_CHECK(m->head_len == hl);
    FZ_CHECK(m->version_minor == 0 || m->version_minor == 1);
    for (i = 0; i < m->num_headers; i++) {
        const hk_http_header *h = &m->headers[i];
        FZ_CHECK((const uint8_t *)h->name >= buf && (const uint8_t *)h->name + h->name_len <= buf + hl);
        FZ_CHECK((const uint8_t *)h->value >= buf &&
                 (const uint8_t *)h->value + h->value_len <= buf + hl);
        FZ_CHECK(h->name_len > 0);
        for (k = 0; k < h->name_len; k++)
            FZ_CHECK(fz_is_tchar((uint8_t)h->name[k]));
        for (k = 0; k < h->value_len; k++) {
            uint8_t c = (uint8_t)h->value[k];
            FZ_CHECK(c == '\t' || (c >= 0x20 && c != 0x7f));
        }
        if (h->value_len > 0) {
            FZ_CHECK(h->value[0] != ' ' && h->value[0] != '\t');
            FZ_CHECK(h->value[h->value_len - 1] != ' ' && h->value[h->value_len - 1] != '\t');
        }
    }
}

/* Feed data[0..len) cut at cuts[0..ncuts) (ascending). */
static void fz_run(fz_result *r, int kind, const char *method, const hk_http_parser_options *opt,
                   int body_only, const uint8_t *data, size_t len, const size_t *cuts,
                   size_t ncuts, int eof)
{
    hk_http_parser p;
    hk_http_header hdr[FZ_MAX_HEADERS];
    uint8_t *acc = NULL;
    size_t acc_len = 0, start = 0, k, base = 0;
    int in_body = body_only;

    memset(r, 0, sizeof *r);
    r->body = malloc(len + 1);
    r->tr = malloc(len + 1);
    FZ_CHECK(r->body && r->tr);
    r->rc = HK_ERR_NEED_MORE;
    FZ_CHECK(hk_http_parser_init(&p, kind, opt) == HK_OK);
    if (method != NULL)
        FZ_CHECK(hk_http_parser_set_request_method(&p, method, strlen(method)) == HK_OK);
    if (body_only)
        FZ_CHECK(hk_http_parser_begin_body(&p, HK_HTTP_BODY_CHUNKED, 0) == HK_OK);

    for (k = 0; k <= ncuts; k++) {
        size_t end = k < ncuts ? cuts[k] : len;
        if (!in_body) {
            size_t nl = acc_len + (end - start);
            uint8_t *nb = malloc(nl ? nl : 1);
            hk_ssize h;
            FZ_CHECK(nb != NULL);
            if (acc_len)
                memcpy(nb, acc, acc_len);
            if (end > start)
                memcpy(nb + acc_len, data + start, end - start);
            free(acc);
            acc = nb;
            acc_len = nl;
            r->msg.size = sizeof r->msg;
            h = hk_http_parse_head(&p, (const char *)acc, acc_len, hdr, FZ_MAX_HEADERS, &r->msg);
            if (h == HK_ERR_NEED_MORE) {
                start = end;
                continue;
            }
            if (h < 0) {
                FZ_CHECK(hk_is_fatal((int)h));
                FZ_CHECK(hk_http_parser_error(&p) == (int)h);
                r->rc = (int)h;
                goto out;
            }
            FZ_CHECK((size_t)h <= acc_len);
            fz_check_head(&r->msg, acc, (size_t)h);
            r->head_len = (size_t)h;
            r->m_off = r->msg.method ? (size_t)((const uint8_t *)r->msg.method - acc) : 0;
            r->t_off = r->msg.target ? (size_t)((const uint8_t *)r->msg.target - acc) : 0;
            r->r_off = r->msg.reason ? (size_t)((const uint8_t *)r->msg.reason - acc) : 0;
            r->nh = r->msg.num_headers;
            for (size_t i = 0; i < r->nh; i++) {
                r->n_off[i] = (size_t)((const uint8_t *)hdr[i].name - acc);
                r->n_len[i] = hdr[i].name_len;
                r->v_off[i] = (size_t)((const uint8_t *)hdr[i].value - acc);
                r->v_len[i] = hdr[i].value_len;
            }
            r->msg.method = r->msg.target = r->msg.reason = NULL;
            r->msg.headers = NULL;
            in_body = 1;
            base = r->head_len;
        }
        for (;;) {
            size_t c = 0, dl = 0;
            const char *d = NULL;
            int e = hk_http_body_next(&p, (const char *)data + base, end - base, &c, &d, &dl);
            FZ_CHECK(c <= end - base);
            base += c;
            if (e == HK_HTTP_EV_DATA || e == HK_HTTP_EV_TRAILER) {
                FZ_CHECK(dl > 0);
                FZ_CHECK((const uint8_t *)d >= data && (const uint8_t *)d + dl <= data + base);
                if (e == HK_HTTP_EV_DATA) {
                    memcpy(r->body + r->body_len, d, dl);
                    r->body_len += dl;
                } else {
                    memcpy(r->tr + r->tr_len, d, dl);
                    r->tr_len += dl;
                }
                continue;
            }
            if (e == HK_HTTP_EV_END) {
                r->rc = e;
                r->consumed = base;
                goto out;
            }
            if (e == HK_ERR_NEED_MORE) {
                FZ_CHECK(base == end);
                break;
            }
            FZ_CHECK(hk_is_fatal(e));
            r->rc = e;
            goto out;
        }
        start = end;
    }
    if (eof) {
        int e = hk_http_parser_eof(&p);
        FZ_CHECK(e == HK_OK || e == HK_HTTP_EV_END || e == HK_ERR_HTTP_TRUNCATED);
        r->rc = e;
        if (e == HK_HTTP_EV_END)
            r->consumed = len;
    }
out:
    FZ_CHECK(hk_http_parser_body_bytes(&p) >= r->body_len || r->rc < 0);
    free(acc);
}

static void fz_free(fz_result *r)
{
    free(r->body);
    free(r->tr);
}

static void fz_same(const fz_result *a, const fz_result *b)
{
    size_t i;
    FZ_CHECK(a->rc == b->rc);
    FZ_CHECK(a->head_len == b->head_len);
    FZ_CHECK(a->consumed == b->consumed);
    FZ_CHECK(memcmp(&a->msg, &b->msg, sizeof a->msg) == 0);
    FZ_CHECK(a->m_off == b->m_off && a->t_off == b->t_off && a->r_off == b->r_off);
    FZ_CHECK(a->nh == b->nh);
    for (i = 0; i < a->nh; i++) {
        FZ_CHECK(a->n_off[i] == b->n_off[i] && a->n_len[i] == b->n_len[i]);
        FZ_CHECK(a->v_off[i] == b->v_off[i] && a->v_len[i] == b->v_len[i]);
    }
    if (a->rc == HK_HTTP_EV_END || a->rc == HK_ERR_NEED_MORE || a->rc == HK_OK) {
        FZ_CHECK(a->body_len == b->body_len);
        FZ_CHECK(memcmp(a->body, b->body, a->body_len) == 0);
        FZ_CHECK(a->tr_len == b->tr_len);
        FZ_CHECK(memcmp(a->tr, b->tr, a->tr_len) == 0);
    }
}

/* Random ascending cut points derived from the input. */
static size_t fz_cuts(const uint8_t *data, size_t len, size_t *cuts, size_t max)
{
    uint64_t s = 1469598103934665603ULL;
    size_t i, n, pos = 0;
    for (i = 0; i < len; i++)
        s = (s ^ data[i]) * 1099511628211ULL;
    n = 0;
    while (n < max && pos < len) {
        uint64_t r = fz_rng(&s);
        pos += 1 + (size_t)(r % ((r >> 60) < 4 ? 4 : 64));
        if (pos >= len)
            break;
        cuts[n++] = pos;
    }
    return n;
}

/* Whole vs pieces vs byte-by-byte (for short inputs). */
static void fz_compare(int kind, const char *method, const hk_http_parser_options *opt,
                       int body_only, const uint8_t *data, size_t len, int eof)
{
    fz_result whole, split;
    size_t *cuts = calloc(len + 1, sizeof *cuts), n;
    FZ_CHECK(cuts != NULL);
    fz_run(&whole, kind, method, opt, body_only, data, len, NULL, 0, eof);
    n = fz_cuts(data, len, cuts, len);
    fz_run(&split, kind, method, opt, body_only, data, len, cuts, n, eof);
    fz_same(&whole, &split);
    fz_free(&split);
    if (len <= 512) {
        size_t i;
        for (i = 0; i + 1 < len; i++)
            cuts[i] = i + 1;
        fz_run(&split, kind, method, opt, body_only, data, len, cuts, len ? len - 1 : 0, eof);
        fz_same(&whole, &split);
        fz_free(&split);
    }
    fz_free(&whole);
    free(cuts);
}

#endif
