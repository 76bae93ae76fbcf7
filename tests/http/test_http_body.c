/*
 * test_http_body.c - body framing: Content-Length, chunked (extensions,
 * trailers), until-close; zero-copy spans, copy and in-place decoding,
 * small output buffers, large bodies streamed in small pieces.
 */
#include "http_test_util.h"

#define S(x) x, sizeof(x) - 1

/* A chunked response with extensions (token and quoted values, BWS),
 * upper- and lower-case hex, leading zeros and two trailer fields
 * (RFC 9112 sections 7.1, 7.1.1, 7.1.2). */
static const char chunked_resp[] = "HTTP/1.1 200 OK\r\n"
                                   "Transfer-Encoding: chunked\r\n"
                                   "Trailer: Expires, X-Sum\r\n"
                                   "\r\n"
                                   "4\r\nWiki\r\n"
                                   "5;name=value\r\npedia\r\n"
                                   "0E ; a = \"q\\\"x;y\" ;b\r\n in\r\n\r\nchunks.\r\n"
                                   "000\r\n"
                                   "Expires: Wed, 21 Oct 2015 07:28:00 GMT\r\n"
                                   "X-Sum: 42\r\n"
                                   "\r\n";

static void test_chunked_all_splits(void **state)
{
    ht_result r;
    hk_http_header t[4];
    size_t nt = 0;
    (void)state;
    ht_check_all_splits(HK_HTTP_RESPONSE, "GET", S(chunked_resp), 0, &r);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.msg.body_kind, HK_HTTP_BODY_CHUNKED);
    assert_true(r.msg.flags & HK_HTTP_MSG_HAS_TRAILER_FIELD);
    assert_int_equal(r.body_len, 23);
    assert_memory_equal(r.body, "Wikipedia in\r\n\r\nchunks.", 23);
    assert_int_equal(r.consumed, sizeof chunked_resp - 1);
    /* the trailer section, reassembled, parses into the two fields */
    assert_int_equal(hk_http_parse_trailers(r.trailers, r.trailers_len, NULL, t, 4, &nt), HK_OK);
    assert_int_equal(nt, 2);
    assert_true(hk_http_token_eq(t[0].name, t[0].name_len, "expires", 7));
    assert_int_equal(t[1].value_len, 2);
    assert_memory_equal(t[1].value, "42", 2);
    ht_result_free(&r);
}

static void test_chunked_no_trailers_no_event(void **state)
{
    static const char msg[] = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "3\r\nabc\r\n0\r\n\r\nGET";
    ht_result r;
    (void)state;
    ht_check_all_splits(HK_HTTP_REQUEST, NULL, S(msg), 0, &r);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.trailers_len, 0);
    assert_int_equal(r.consumed, sizeof msg - 1 - 3);
    ht_result_free(&r);
}

static void test_decode_in_place(void **state)
{
    char buf[sizeof chunked_resp];
    hk_http_parser p;
    hk_http_header h[8];
    hk_http_message m;
    hk_ssize n;
    size_t consumed, produced;
    (void)state;
    memcpy(buf, chunked_resp, sizeof chunked_resp);
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_RESPONSE, NULL), HK_OK);
    m.size = sizeof m;
    n = hk_http_parse_head(&p, buf, sizeof chunked_resp - 1, h, 8, &m);
    assert_true(n > 0);
    assert_int_equal(hk_http_body_decode(&p, buf + n, sizeof chunked_resp - 1 - (size_t)n,
                                         &consumed, buf + n, sizeof chunked_resp - 1 - (size_t)n,
                                         &produced),
                     HK_HTTP_EV_END);
    assert_int_equal(consumed, sizeof chunked_resp - 1 - (size_t)n);
    assert_int_equal(produced, 23);
    assert_memory_equal(buf + n, "Wikipedia in\r\n\r\nchunks.", 23);
    assert_int_equal(hk_http_parser_body_bytes(&p), 23);
    /* after the end: END again, nothing consumed */
    assert_int_equal(hk_http_body_decode(&p, "x", 1, &consumed, buf, 1, &produced),
                     HK_HTTP_EV_END);
    assert_int_equal(consumed, 0);
}

/* Decoding into an output buffer of every size from 1 to 30 bytes. */
static void test_decode_small_out(void **state)
{
    size_t cap;
    (void)state;
    for (cap = 1; cap <= 30; cap++) {
        hk_http_parser p;
        hk_http_header h[8];
        hk_http_message m;
        char out[64], tmp[32];
        size_t in_off, out_len = 0, rounds = 0;
        int r;
        hk_ssize n;
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_RESPONSE, NULL), HK_OK);
        m.size = sizeof m;
        n = hk_http_parse_head(&p, S(chunked_resp), h, 8, &m);
        assert_true(n > 0);
        in_off = (size_t)n;
        do {
            size_t c, pr;
            r = hk_http_body_decode(&p, chunked_resp + in_off, sizeof chunked_resp - 1 - in_off,
                                    &c, tmp, cap, &pr);
            assert_true(pr <= cap);
            memcpy(out + out_len, tmp, pr);
            out_len += pr;
            in_off += c;
            assert_true(++rounds < 100);
        } while (r == HK_ERR_BUFFER_TOO_SMALL);
        assert_int_equal(r, HK_HTTP_EV_END);
        assert_int_equal(in_off, sizeof chunked_resp - 1);
        assert_int_equal(out_len, 23);
        assert_memory_equal(out, "Wikipedia in\r\n\r\nchunks.", 23);
    }
}

static void test_until_close(void **state)
{
    static const char msg[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this "
                              "until the server closes";
    ht_result r;
    (void)state;
    ht_check_all_splits(HK_HTTP_RESPONSE, "GET", S(msg), 1, &r);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.msg.body_kind, HK_HTTP_BODY_UNTIL_CLOSE);
    assert_int_equal(r.msg.keep_alive, 0);
    assert_int_equal(r.body_len, 35);
    ht_result_free(&r);
    /* without the EOF the message never ends */
    ht_run(&r, HK_HTTP_RESPONSE, "GET", NULL, S(msg), NULL, 0, 0);
    assert_int_equal(r.rc, HK_ERR_NEED_MORE);
    ht_result_free(&r);
}

/* A 300 KB body in random pieces of 1..5000 bytes, Content-Length and
 * chunked, through body_next and through in-place decode. */
static void test_large_bodies_streamed(void **state)
{
    const size_t body_len = 300000;
    char *body = malloc(body_len), *wire = malloc(body_len * 2 + 4096), *got = malloc(body_len);
    hk_test_rng rng;
    int mode;
    (void)state;
    assert_non_null(body);
    assert_non_null(wire);
    assert_non_null(got);
    hk_test_rng_seed(&rng, 42);
    hk_test_rng_fill(&rng, body, body_len);
    for (mode = 0; mode < 4; mode++) {
        hk_http_parser p;
        hk_http_header h[8];
        hk_http_message m;
        size_t wl = 0, off = 0, got_len = 0, avail;
        hk_ssize n;
        int r = HK_ERR_NEED_MORE, chunked = mode & 1, in_place = mode & 2;
        if (chunked) {
            size_t o = 0;
            wl = (size_t)sprintf(wire, "PUT /x HTTP/1.1\r\nHost: h\r\n"
                                       "Transfer-Encoding: chunked\r\n\r\n");
            while (o < body_len) {
                size_t c = 1 + (size_t)hk_test_rng_below(&rng, 9000);
                if (c > body_len - o)
                    c = body_len - o;
                wl += (size_t)sprintf(wire + wl, "%zx\r\n", c);
                memcpy(wire + wl, body + o, c);
                wl += c;
                memcpy(wire + wl, "\r\n", 2);
                wl += 2;
                o += c;
            }
            memcpy(wire + wl, "0\r\n\r\n", 5);
            wl += 5;
        } else {
            wl = (size_t)sprintf(wire, "PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: %zu\r\n\r\n",
                                 body_len);
            memcpy(wire + wl, body, body_len);
            wl += body_len;
        }
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL), HK_OK);
        m.size = sizeof m;
        n = hk_http_parse_head(&p, wire, wl, h, 8, &m);
        assert_true(n > 0);
        off = (size_t)n;
        avail = off;
        while (r != HK_HTTP_EV_END) {
            size_t piece = 1 + (size_t)hk_test_rng_below(&rng, 5000);
            avail = avail + piece > wl ? wl : avail + piece;
            for (;;) {
                size_t c;
                if (in_place) {
                    size_t pr;
                    r = hk_http_body_decode(&p, wire + off, avail - off, &c, wire + off,
                                            avail - off, &pr);
                    memcpy(got + got_len, wire + off, pr);
                    got_len += pr;
                } else {
                    const char *d;
                    size_t dl;
                    r = hk_http_body_next(&p, wire + off, avail - off, &c, &d, &dl);
                    if (r == HK_HTTP_EV_DATA) {
                        memcpy(got + got_len, d, dl);
                        got_len += dl;
                    }
                }
                off += c;
                if (r == HK_HTTP_EV_END || r == HK_ERR_NEED_MORE)
                    break;
                assert_true(r == HK_HTTP_EV_DATA);
            }
        }
        assert_int_equal(off, wl);
        assert_int_equal(got_len, body_len);
        assert_memory_equal(got, body, body_len);
        assert_true(hk_http_parser_body_bytes(&p) == body_len);
    }
    free(body);
    free(wire);
    free(got);
}

static void test_begin_body(void **state)
{
    hk_http_parser p;
    hk_http_parser_options opt;
    size_t c, dl;
    const char *d;
    (void)state;
    /* a bare chunked stream, as a fuzzer or a caller with its own head parser */
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL), HK_OK);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_CHUNKED, 0), HK_OK);
    assert_int_equal(hk_http_body_next(&p, S("2\r\nhi\r\n0\r\n\r\n"), &c, &d, &dl),
                     HK_HTTP_EV_DATA);
    assert_int_equal(dl, 2);
    assert_memory_equal(d, "hi", 2);
    assert_int_equal(c, 5);
    assert_int_equal(hk_http_body_next(&p, S("\r\n0\r\n\r\n"), &c, &d, &dl), HK_HTTP_EV_END);
    assert_int_equal(c, 7);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_CHUNKED, 0), HK_ERR_STATE);
    /* until-close is only for responses; kinds are checked */
    hk_http_parser_reset(&p);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_UNTIL_CLOSE, 0),
                     HK_ERR_INVALID_ARG);
    assert_int_equal(hk_http_parser_begin_body(&p, 9, 0), HK_ERR_INVALID_ARG);
    /* length against max_body */
    hk_http_parser_options_default(&opt);
    opt.max_body = 10;
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_LENGTH, 11),
                     HK_ERR_HTTP_BODY_TOO_LARGE);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_LENGTH, 10), HK_OK);
    assert_int_equal(hk_http_body_next(&p, S("0123456789abc"), &c, &d, &dl), HK_HTTP_EV_DATA);
    assert_int_equal(c, 10);
    assert_int_equal(hk_http_body_next(&p, S("abc"), &c, &d, &dl), HK_HTTP_EV_END);
    assert_int_equal(c, 0);
    /* NONE ends at once */
    hk_http_parser_reset(&p);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_NONE, 0), HK_OK);
    assert_int_equal(hk_http_body_next(&p, S("abc"), &c, &d, &dl), HK_HTTP_EV_END);
    assert_int_equal(hk_http_parser_eof(&p), HK_OK);
}

/* Chunk-size line and trailer-section limits, at and one past. */
static void test_body_limits(void **state)
{
    hk_http_parser_options opt;
    hk_http_parser p;
    size_t c, dl;
    const char *d;
    (void)state;
    hk_http_parser_options_default(&opt);
    opt.max_chunk_line = 10;     /* "1;abcdef" CRLF is 10 bytes */
    opt.max_header_bytes = 16;   /* "T: 0123456789" CRLF CRLF is 17 */
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_CHUNKED, 0), HK_OK);
    assert_int_equal(hk_http_body_next(&p, S("1;abcdef\r\nx"), &c, &d, &dl), HK_HTTP_EV_DATA);
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_CHUNKED, 0), HK_OK);
    assert_int_equal(hk_http_body_next(&p, S("1;abcdefg\r\nx"), &c, &d, &dl),
                     HK_ERR_HTTP_CHUNK_FORMAT);
    /* trailer section of exactly 16 bytes, then 17 */
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_CHUNKED, 0), HK_OK);
    assert_int_equal(hk_http_body_next(&p, S("0\r\nT: 012345678\r\n\r\n"), &c, &d, &dl),
                     HK_HTTP_EV_TRAILER);
    assert_int_equal(dl, 16);
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_CHUNKED, 0), HK_OK);
    assert_int_equal(hk_http_body_next(&p, S("0\r\nT: 0123456789\r\n\r\n"), &c, &d, &dl),
                     HK_ERR_HTTP_HEADERS_TOO_LARGE);
    /* until-close body at max_body and one past */
    opt.max_body = 5;
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_RESPONSE, &opt), HK_OK);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_UNTIL_CLOSE, 0), HK_OK);
    assert_int_equal(hk_http_body_next(&p, S("12345"), &c, &d, &dl), HK_HTTP_EV_DATA);
    assert_int_equal(hk_http_body_next(&p, S("6"), &c, &d, &dl), HK_ERR_HTTP_BODY_TOO_LARGE);
    /* chunked body at max_body and one past */
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
    assert_int_equal(hk_http_parser_begin_body(&p, HK_HTTP_BODY_CHUNKED, 0), HK_OK);
    assert_int_equal(hk_http_body_next(&p, S("5\r\n12345\r\n"), &c, &d, &dl), HK_HTTP_EV_DATA);
    assert_int_equal(hk_http_body_next(&p, S("\r\n1\r\n"), &c, &d, &dl),
                     HK_ERR_HTTP_BODY_TOO_LARGE);
}

static void test_trailers_api(void **state)
{
    hk_http_header t[4];
    size_t n = 99;
    hk_http_parser_options opt;
    (void)state;
    assert_int_equal(hk_http_parse_trailers(S("\r\n"), NULL, t, 4, &n), HK_OK);
    assert_int_equal(n, 0);
    assert_int_equal(hk_http_parse_trailers(S("A: 1\r\nB:2 \r\n\r\n"), NULL, t, 4, &n), HK_OK);
    assert_int_equal(n, 2);
    assert_int_equal(t[1].value_len, 1);
    assert_int_equal(hk_http_parse_trailers(S("A: 1\r\n"), NULL, t, 4, &n), HK_ERR_NEED_MORE);
    assert_int_equal(hk_http_parse_trailers(S("A : 1\r\n\r\n"), NULL, t, 4, &n),
                     HK_ERR_HTTP_SPACE_BEFORE_COLON);
    assert_int_equal(hk_http_parse_trailers(S("A: 1\r\n\r\nX"), NULL, t, 4, &n),
                     HK_ERR_HTTP_SYNTAX);
    assert_int_equal(hk_http_parse_trailers(S("A: 1\r\nB: 2\r\n\r\n"), NULL, t, 1, &n),
                     HK_ERR_HTTP_TOO_MANY_HEADERS);
    hk_http_parser_options_default(&opt);
    opt.flags = HK_HTTP_LENIENT_LF;
    assert_int_equal(hk_http_parse_trailers(S("A: 1\n\n"), &opt, t, 4, &n), HK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(hk_http_parse_trailers(NULL, 0, NULL, t, 4, NULL), HK_ERR_INVALID_ARG);
}

static void test_expect_continue(void **state)
{
    /* RFC 9110 section 10.1.1: the client waits for 100 before the body;
     * the server answers with an interim response, then the final one. */
    static const char req[] = "PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
                              "Content-Length: 2\r\n\r\nok";
    static const char resp[] = "HTTP/1.1 100 Continue\r\n\r\n"
                               "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";
    ht_result r;
    hk_http_parser p;
    hk_http_header h[4];
    hk_http_message m;
    hk_ssize n1, n2;
    (void)state;
    ht_run(&r, HK_HTTP_REQUEST, NULL, NULL, S(req), NULL, 0, 0);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_true(r.msg.flags & HK_HTTP_MSG_EXPECT_CONTINUE);
    ht_result_free(&r);
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_RESPONSE, NULL), HK_OK);
    assert_int_equal(hk_http_parser_set_request_method(&p, "PUT", 3), HK_OK);
    m.size = sizeof m;
    n1 = hk_http_parse_head(&p, S(resp), h, 4, &m);
    assert_int_equal(n1, 25);
    assert_int_equal(m.status, 100);
    hk_http_parser_reset(&p);
    n2 = hk_http_parse_head(&p, resp + n1, sizeof resp - 1 - (size_t)n1, h, 4, &m);
    assert_int_equal(m.status, 201);
    assert_int_equal((size_t)(n1 + n2), sizeof resp - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chunked_all_splits),
        cmocka_unit_test(test_chunked_no_trailers_no_event),
        cmocka_unit_test(test_decode_in_place),
        cmocka_unit_test(test_decode_small_out),
        cmocka_unit_test(test_until_close),
        cmocka_unit_test(test_large_bodies_streamed),
        cmocka_unit_test(test_begin_body),
        cmocka_unit_test(test_body_limits),
        cmocka_unit_test(test_trailers_api),
        cmocka_unit_test(test_expect_continue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
