/*
 * fuzz_http_build.c - libFuzzer target: the builder can never be made to
 * inject a field or split a message. Arbitrary bytes are offered as method,
 * target, Host, field names and values and body; whenever the builder
 * accepts them all, the request it writes must parse back (whole and in
 * pieces) to exactly those fields and that body, and nothing else.
 *
 * Input: segments of [1-byte length][bytes]: method, target, host, then
 * name/value pairs; the bytes after the last complete pair are the body.
 */
#include "fuzz_http_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fz_take(const uint8_t **p, size_t *n, const uint8_t **seg, size_t *len)
{
    if (*n < 1 || (size_t)(*p)[0] > *n - 1)
        return 0;
    *len = (*p)[0];
    *seg = *p + 1;
    *p += 1 + *len;
    *n -= 1 + *len;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *m, *t, *h, *nm[16], *vl[16];
    size_t ml, tl, hl, nl[16], vll[16], np = 0, i, len;
    hk_http_builder b;
    static char wire[16384];
    fz_result r;
    int err;

    if (!fz_take(&data, &size, &m, &ml) || !fz_take(&data, &size, &t, &tl) ||
        !fz_take(&data, &size, &h, &hl))
        return 0;
    while (np < 16) {
        const uint8_t *save = data;
        size_t save_n = size;
        if (!fz_take(&data, &size, &nm[np], &nl[np]) || !fz_take(&data, &size, &vl[np], &vll[np])) {
            data = save;
            size = save_n;
            break;
        }
        np++;
    }
    hk_http_builder_init(&b, wire, sizeof wire);
    err = hk_http_builder_request_line(&b, (const char *)m, ml, (const char *)t, tl,
                                       (const char *)h, hl);
    for (i = 0; err == HK_OK && i < np; i++) {
        /* framing fields are the builder's job here */
        if (hk_http_token_eq((const char *)nm[i], nl[i], "content-length", 14) ||
            hk_http_token_eq((const char *)nm[i], nl[i], "transfer-encoding", 17))
            return 0;
        err = hk_http_builder_header(&b, (const char *)nm[i], nl[i], (const char *)vl[i], vll[i]);
    }
    if (err == HK_OK)
        err = hk_http_builder_body(&b, data, size);
    if (err == HK_OK)
        err = hk_http_builder_finish(&b, &len);
    if (err != HK_OK) {
        FZ_CHECK(err < 0);
        return 0;
    }
    FZ_CHECK(len <= sizeof wire);

    /* accepted: the parser must see exactly what was put in */
    fz_compare(HK_HTTP_REQUEST, NULL, NULL, 0, (const uint8_t *)wire, len, 0);
    fz_run(&r, HK_HTTP_REQUEST, NULL, NULL, 0, (const uint8_t *)wire, len, NULL, 0, 0);
    if (r.rc == HK_ERR_HTTP_HEADERS_TOO_LARGE || r.rc == HK_ERR_HTTP_LINE_TOO_LONG) {
        fz_free(&r);
        return 0; /* over the parser's default limits: not a framing question */
    }
    FZ_CHECK(r.rc == HK_HTTP_EV_END);
    FZ_CHECK(r.consumed == len);
    FZ_CHECK(r.msg.method_len == ml && memcmp(wire + r.m_off, m, ml) == 0);
    FZ_CHECK(r.msg.target_len == tl && memcmp(wire + r.t_off, t, tl) == 0);
    /* Host, the caller's fields, Content-Length */
    FZ_CHECK(r.nh == np + 2);
    FZ_CHECK(r.v_len[0] == hl && memcmp(wire + r.v_off[0], h, hl) == 0);
    for (i = 0; i < np; i++) {
        FZ_CHECK(r.n_len[i + 1] == nl[i] && memcmp(wire + r.n_off[i + 1], nm[i], nl[i]) == 0);
        FZ_CHECK(r.v_len[i + 1] == vll[i] && memcmp(wire + r.v_off[i + 1], vl[i], vll[i]) == 0);
    }
    FZ_CHECK(r.msg.body_kind == HK_HTTP_BODY_LENGTH && r.msg.content_length == size);
    FZ_CHECK(r.body_len == size && (size == 0 || memcmp(r.body, data, size) == 0));
    fz_free(&r);
    return 0;
}
