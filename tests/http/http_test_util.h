/*
 * http_test_util.h - helpers shared by the HTTP tests: feed a message to the
 * parser in arbitrary pieces (the head re-fed from a freshly allocated copy
 * each time, so a parser that kept a pointer into an old buffer trips ASan)
 * and collect everything it reports.
 */
#ifndef HTTP_TEST_UTIL_H
#define HTTP_TEST_UTIL_H

#include "hk_test.h"

#define HT_UNUSED __attribute__((unused))
#define HT_MAX_HEADERS 64
#define HT_MAX_BODY 65536

typedef struct {
    int rc;                 /* first error, or HK_HTTP_EV_END, or HK_ERR_NEED_MORE */
    size_t head_len;
    size_t consumed;        /* bytes of input belonging to the message */
    hk_http_message msg;
    /* copies of the head's strings (the input buffers are freed) */
    char method[64], target[256], reason[128];
    size_t nh;
    char names[HT_MAX_HEADERS][64];
    char values[HT_MAX_HEADERS][256];
    char *body;             /* malloc'd, HT_MAX_BODY */
    size_t body_len;
    char trailers[1024];
    size_t trailers_len;
} ht_result;

static HT_UNUSED void ht_copy(char *dst, size_t cap, const char *s, size_t n)
{
    assert_true(n < cap);
    if (n > 0)
        memcpy(dst, s, n);
    dst[n] = 0;
}

static HT_UNUSED void ht_result_free(ht_result *r)
{
    free(r->body);
    r->body = NULL;
}

/*
 * Feed data[0..len) cut at cuts[0] < cuts[1] < ... (ncuts positions), as a
 * socket would deliver it. kind/method/opt configure the parser. Stops at
 * the end of the first message (pipelined bytes are left: r->consumed).
 * If at_eof, signals EOF after the last piece.
 */
static HT_UNUSED void ht_run(ht_result *r, int kind, const char *req_method, const hk_http_parser_options *opt,
                   const char *data, size_t len, const size_t *cuts, size_t ncuts, int at_eof)
{
    hk_http_parser p;
    hk_http_header hdr[HT_MAX_HEADERS];
    char *acc = NULL;     /* accumulated head bytes */
    size_t acc_len = 0, piece_start = 0, k;
    int in_body = 0;
    size_t body_base = 0; /* input offset of the first unconsumed body byte */

    memset(r, 0, sizeof *r);
    r->body = malloc(HT_MAX_BODY);
    assert_non_null(r->body);
    r->rc = HK_ERR_NEED_MORE;
    assert_int_equal(hk_http_parser_init(&p, kind, opt), HK_OK);
    if (req_method != NULL)
        assert_int_equal(hk_http_parser_set_request_method(&p, req_method, strlen(req_method)),
                         HK_OK);

    for (k = 0; k <= ncuts; k++) {
        size_t piece_end = k < ncuts ? cuts[k] : len;
        assert_true(piece_end >= piece_start && piece_end <= len);
        if (!in_body) {
            /* append the piece to a fresh copy of the head buffer */
            size_t nl = acc_len + (piece_end - piece_start);
            char *nb = malloc(nl ? nl : 1);
            hk_ssize h;
            assert_non_null(nb);
            if (acc_len)
                memcpy(nb, acc, acc_len);
            memcpy(nb + acc_len, data + piece_start, piece_end - piece_start);
            if (acc)
                memset(acc, 0xAA, acc_len); /* poison the old copy */
            free(acc);
            acc = nb;
            acc_len = nl;
            r->msg.size = sizeof r->msg;
            h = hk_http_parse_head(&p, acc, acc_len, hdr, HT_MAX_HEADERS, &r->msg);
            if (h == HK_ERR_NEED_MORE) {
                piece_start = piece_end;
                continue;
            }
            if (h < 0) {
                r->rc = (int)h;
                goto out;
            }
            {
                size_t i;
                r->head_len = (size_t)h;
                if (r->msg.method)
                    ht_copy(r->method, sizeof r->method, r->msg.method, r->msg.method_len);
                if (r->msg.target)
                    ht_copy(r->target, sizeof r->target, r->msg.target, r->msg.target_len);
                if (r->msg.reason)
                    ht_copy(r->reason, sizeof r->reason, r->msg.reason, r->msg.reason_len);
                r->nh = r->msg.num_headers;
                for (i = 0; i < r->nh; i++) {
                    assert_true(r->msg.headers[i].name >= acc &&
                                r->msg.headers[i].name + r->msg.headers[i].name_len <= acc + h);
                    assert_true(r->msg.headers[i].value >= acc &&
                                r->msg.headers[i].value + r->msg.headers[i].value_len <= acc + h);
                    ht_copy(r->names[i], 64, r->msg.headers[i].name, r->msg.headers[i].name_len);
                    ht_copy(r->values[i], 256, r->msg.headers[i].value,
                            r->msg.headers[i].value_len);
                }
                /* pointers are not kept past this point */
                r->msg.method = r->msg.target = r->msg.reason = NULL;
                r->msg.headers = NULL;
            }
            in_body = 1;
            body_base = r->head_len;
        }
        /* body: feed data[body_base..piece_end) */
        for (;;) {
            size_t c = 0, dl = 0;
            const char *d = NULL;
            int e = hk_http_body_next(&p, data + body_base, piece_end - body_base, &c, &d, &dl);
            assert_true(c <= piece_end - body_base);
            body_base += c;
            if (e == HK_HTTP_EV_DATA) {
                assert_true(dl > 0);
                assert_true(d >= data && d + dl <= data + body_base);
                assert_true(r->body_len + dl <= HT_MAX_BODY);
                memcpy(r->body + r->body_len, d, dl);
                r->body_len += dl;
                continue;
            }
            if (e == HK_HTTP_EV_TRAILER) {
                assert_true(dl > 0);
                assert_true(r->trailers_len + dl <= sizeof r->trailers);
                memcpy(r->trailers + r->trailers_len, d, dl);
                r->trailers_len += dl;
                continue;
            }
            if (e == HK_HTTP_EV_END) {
                r->rc = e;
                r->consumed = body_base;
                goto out;
            }
            if (e == HK_ERR_NEED_MORE) {
                assert_int_equal(body_base, piece_end);
                break;
            }
            r->rc = e;
            goto out;
        }
        piece_start = piece_end;
    }
    if (at_eof) {
        int e = hk_http_parser_eof(&p);
        r->rc = e;
        if (e == HK_HTTP_EV_END)
            r->consumed = len;
    }
out:
    free(acc);
}

/* Same result from two runs (head strings, framing, body, trailers). */
static HT_UNUSED void ht_assert_same(const ht_result *a, const ht_result *b)
{
    size_t i;
    assert_int_equal(a->rc, b->rc);
    assert_int_equal(a->head_len, b->head_len);
    assert_int_equal(a->consumed, b->consumed);
    assert_string_equal(a->method, b->method);
    assert_string_equal(a->target, b->target);
    assert_string_equal(a->reason, b->reason);
    assert_int_equal(a->msg.status, b->msg.status);
    assert_int_equal(a->msg.version_minor, b->msg.version_minor);
    assert_int_equal(a->msg.body_kind, b->msg.body_kind);
    assert_int_equal(a->msg.keep_alive, b->msg.keep_alive);
    assert_int_equal(a->msg.upgrade, b->msg.upgrade);
    assert_int_equal(a->msg.flags, b->msg.flags);
    assert_true(a->msg.content_length == b->msg.content_length);
    assert_int_equal(a->nh, b->nh);
    for (i = 0; i < a->nh; i++) {
        assert_string_equal(a->names[i], b->names[i]);
        assert_string_equal(a->values[i], b->values[i]);
    }
    assert_int_equal(a->body_len, b->body_len);
    assert_memory_equal(a->body, b->body, a->body_len);
    assert_int_equal(a->trailers_len, b->trailers_len);
    if (a->trailers_len)
        assert_memory_equal(a->trailers, b->trailers, a->trailers_len);
}

/* Parse whole, then at every single split point, then byte by byte. */
static HT_UNUSED void ht_check_all_splits(int kind, const char *method, const char *data, size_t len,
                                int at_eof, ht_result *whole)
{
    size_t s;
    ht_run(whole, kind, method, NULL, data, len, NULL, 0, at_eof);
    for (s = 0; s <= len; s++) {
        ht_result r;
        ht_run(&r, kind, method, NULL, data, len, &s, 1, at_eof);
        ht_assert_same(whole, &r);
        ht_result_free(&r);
    }
    {
        size_t *cuts = malloc((len + 1) * sizeof *cuts);
        ht_result r;
        assert_non_null(cuts);
        for (s = 0; s < len; s++)
            cuts[s] = s + 1;
        ht_run(&r, kind, method, NULL, data, len, cuts, len ? len - 1 : 0, at_eof);
        ht_assert_same(whole, &r);
        ht_result_free(&r);
        free(cuts);
    }
}

#endif
