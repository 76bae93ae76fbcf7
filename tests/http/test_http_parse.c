/*
 * test_http_parse.c - the head parser: RFC examples, framing decisions,
 * keep-alive, every split point, trickling into moving buffers, pipelining,
 * limits exactly at and one past the boundary.
 */
#include <time.h>

#include "http_test_util.h"

#define S(x) x, sizeof(x) - 1

/* RFC 9112 section 2.1: the example exchange (GET /hello.txt). */
static const char rfc9112_req[] = "GET /hello.txt HTTP/1.1\r\n"
                                  "User-Agent: curl/7.64.1\r\n"
                                  "Host: www.example.com\r\n"
                                  "Accept-Language: en, mi\r\n"
                                  "\r\n";
static const char rfc9112_resp[] = "HTTP/1.1 200 OK\r\n"
                                   "Date: Mon, 27 Jul 2009 12:28:53 GMT\r\n"
                                   "Server: Apache\r\n"
                                   "Last-Modified: Wed, 22 Jul 2009 19:15:56 GMT\r\n"
                                   "ETag: \"34aa387-d-1568eb00\"\r\n"
                                   "Accept-Ranges: bytes\r\n"
                                   "Content-Length: 51\r\n"
                                   "Vary: Accept-Encoding\r\n"
                                   "Content-Type: text/plain\r\n"
                                   "\r\n"
                                   "Hello World! My content includes a trailing CRLF.\r\n";

/* RFC 6455 section 1.2 (and 4.2.2): the opening handshake example. */
static const char rfc6455_req[] = "GET /chat HTTP/1.1\r\n"
                                  "Host: server.example.com\r\n"
                                  "Upgrade: websocket\r\n"
                                  "Connection: Upgrade\r\n"
                                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                  "Origin: http://example.com\r\n"
                                  "Sec-WebSocket-Protocol: chat, superchat\r\n"
                                  "Sec-WebSocket-Version: 13\r\n"
                                  "\r\n";
static const char rfc6455_resp[] = "HTTP/1.1 101 Switching Protocols\r\n"
                                   "Upgrade: websocket\r\n"
                                   "Connection: Upgrade\r\n"
                                   "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                                   "Sec-WebSocket-Protocol: chat\r\n"
                                   "\r\n";

static void test_rfc9112_example(void **state)
{
    ht_result r;
    (void)state;
    ht_check_all_splits(HK_HTTP_REQUEST, NULL, S(rfc9112_req), 0, &r);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_string_equal(r.method, "GET");
    assert_string_equal(r.target, "/hello.txt");
    assert_int_equal(r.msg.version_minor, 1);
    assert_int_equal(r.nh, 3);
    assert_string_equal(r.names[0], "User-Agent");
    assert_string_equal(r.values[0], "curl/7.64.1");
    assert_string_equal(r.names[2], "Accept-Language");
    assert_string_equal(r.values[2], "en, mi");
    assert_int_equal(r.msg.body_kind, HK_HTTP_BODY_NONE);
    assert_int_equal(r.msg.keep_alive, 1);
    assert_int_equal(r.msg.upgrade, 0);
    assert_int_equal(r.head_len, sizeof rfc9112_req - 1);
    assert_int_equal(r.consumed, sizeof rfc9112_req - 1);
    ht_result_free(&r);

    ht_check_all_splits(HK_HTTP_RESPONSE, "GET", S(rfc9112_resp), 0, &r);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.msg.status, 200);
    assert_string_equal(r.reason, "OK");
    assert_int_equal(r.nh, 8);
    assert_string_equal(r.values[3], "\"34aa387-d-1568eb00\"");
    assert_int_equal(r.msg.body_kind, HK_HTTP_BODY_LENGTH);
    assert_true(r.msg.content_length == 51);
    assert_int_equal(r.body_len, 51);
    assert_memory_equal(r.body, "Hello World! My content includes a trailing CRLF.\r\n", 51);
    assert_int_equal(r.consumed, sizeof rfc9112_resp - 1);
    ht_result_free(&r);

    /* The same response to HEAD has no body (RFC 9110 section 9.3.2). */
    ht_run(&r, HK_HTTP_RESPONSE, "HEAD", NULL, S(rfc9112_resp), NULL, 0, 0);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.msg.body_kind, HK_HTTP_BODY_NONE);
    assert_int_equal(r.consumed, r.head_len);
    ht_result_free(&r);
}

static void test_rfc6455_handshake(void **state)
{
    ht_result r;
    hk_http_header h[16];
    hk_http_message m;
    hk_ssize n;
    char buf[512];
    (void)state;
    ht_check_all_splits(HK_HTTP_REQUEST, NULL, S(rfc6455_req), 0, &r);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_string_equal(r.target, "/chat");
    assert_int_equal(r.msg.upgrade, 1);
    assert_true(r.msg.flags & HK_HTTP_MSG_CONNECTION_UPGRADE);
    assert_true(r.msg.flags & HK_HTTP_MSG_HAS_UPGRADE);
    assert_true(r.msg.flags & HK_HTTP_MSG_HAS_HOST);
    assert_int_equal(r.nh, 7);
    assert_string_equal(r.values[3], "dGhlIHNhbXBsZSBub25jZQ==");
    ht_result_free(&r);

    ht_check_all_splits(HK_HTTP_RESPONSE, "GET", S(rfc6455_resp), 0, &r);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.msg.status, 101);
    assert_string_equal(r.reason, "Switching Protocols");
    assert_int_equal(r.msg.upgrade, 1);
    assert_int_equal(r.msg.body_kind, HK_HTTP_BODY_NONE);
    ht_result_free(&r);

    /* The first frames arrive in the same read: they are left untouched. */
    memcpy(buf, rfc6455_resp, sizeof rfc6455_resp - 1);
    memcpy(buf + sizeof rfc6455_resp - 1, "\x81\x05Hello", 7);
    m.size = sizeof m;
    n = hk_http_parse_response(buf, sizeof rfc6455_resp - 1 + 7, "GET", 3, h, 16, &m);
    assert_int_equal(n, (hk_ssize)(sizeof rfc6455_resp - 1));
    assert_memory_equal(buf + n, "\x81\x05Hello", 7);
    assert_int_equal(m.upgrade, 1);
}

/* RFC 9112 section 3.2: the four request-target forms. */
static void test_target_forms(void **state)
{
    static const struct {
        const char *msg;
        const char *target;
        int upgrade;
    } ok[] = {
        {"GET /where?q=now HTTP/1.1\r\nHost: www.example.com\r\n\r\n", "/where?q=now", 0},
        {"GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1\r\nHost: "
         "www.example.org\r\n\r\n",
         "http://www.example.org/pub/WWW/TheProject.html", 0},
        {"CONNECT www.example.com:80 HTTP/1.1\r\nHost: www.example.com\r\n\r\n",
         "www.example.com:80", 1},
        {"OPTIONS * HTTP/1.1\r\nHost: www.example.org:8001\r\n\r\n", "*", 0},
        {"CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\n\r\n", "[::1]:443", 1},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ht_result r;
        ht_check_all_splits(HK_HTTP_REQUEST, NULL, ok[i].msg, strlen(ok[i].msg), 0, &r);
        assert_int_equal(r.rc, HK_HTTP_EV_END);
        assert_string_equal(r.target, ok[i].target);
        assert_int_equal(r.msg.upgrade, ok[i].upgrade);
        ht_result_free(&r);
    }
}

typedef struct {
    int kind;
    const char *method; /* responses: request method */
    const char *msg;
    int body_kind;
    uint64_t length;
    int keep_alive;
} framing_case;

static void test_framing_and_keepalive(void **state)
{
    static const framing_case cases[] = {
        /* requests (RFC 9112 section 6.3 items 4-6, section 9.3) */
        {HK_HTTP_REQUEST, NULL, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_REQUEST, NULL, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
         HK_HTTP_BODY_NONE, 0, 0},
        {HK_HTTP_REQUEST, NULL, "GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, CLOSE\r\n\r\n",
         HK_HTTP_BODY_NONE, 0, 0},
        {HK_HTTP_REQUEST, NULL, "GET / HTTP/1.0\r\n\r\n", HK_HTTP_BODY_NONE, 0, 0},
        {HK_HTTP_REQUEST, NULL, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
         HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_REQUEST, NULL, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
         HK_HTTP_BODY_LENGTH, 5, 1},
        {HK_HTTP_REQUEST, NULL, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
         HK_HTTP_BODY_LENGTH, 0, 1},
        {HK_HTTP_REQUEST, NULL, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc",
         HK_HTTP_BODY_LENGTH, 3, 1},
        {HK_HTTP_REQUEST, NULL,
         "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
         HK_HTTP_BODY_LENGTH, 3, 1},
        {HK_HTTP_REQUEST, NULL,
         "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         HK_HTTP_BODY_CHUNKED, 0, 1},
        {HK_HTTP_REQUEST, NULL,
         "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: "
         "Chunked\r\n\r\n0\r\n\r\n",
         HK_HTTP_BODY_CHUNKED, 0, 1},
        /* transfer-parameters (RFC 9112 section 7.3), quoted values too */
        {HK_HTTP_REQUEST, NULL,
         "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip ; level = 1;x=\"a\\\"b,c\", "
         "chunked\r\n\r\n0\r\n\r\n",
         HK_HTTP_BODY_CHUNKED, 0, 1},
        {HK_HTTP_REQUEST, NULL, "GET / HTTP/1.1\r\nHost: a%20b.example:8080\r\n\r\n",
         HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_REQUEST, NULL, "GET / HTTP/1.1\r\nHost:\r\n\r\n", HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_REQUEST, NULL, "GET svn+ssh.x-y://h/p HTTP/1.1\r\nHost: h\r\n\r\n",
         HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_REQUEST, NULL,
         "POST / HTTP/1.0\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nhi",
         HK_HTTP_BODY_LENGTH, 2, 1},
        /* responses (items 1-3, 5, 7) */
        {HK_HTTP_RESPONSE, "GET", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
         HK_HTTP_BODY_LENGTH, 2, 1},
        {HK_HTTP_RESPONSE, "GET", "HTTP/1.1 200 OK\r\n\r\nuntil close", HK_HTTP_BODY_UNTIL_CLOSE,
         0, 0},
        {HK_HTTP_RESPONSE, "HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n",
         HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_RESPONSE, "HEAD", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
         HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_RESPONSE, "GET", "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n",
         HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_RESPONSE, "GET", "HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n",
         HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_RESPONSE, "POST", "HTTP/1.1 100 Continue\r\n\r\n", HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_RESPONSE, "CONNECT", "HTTP/1.1 200 Connection established\r\n\r\n",
         HK_HTTP_BODY_NONE, 0, 1},
        {HK_HTTP_RESPONSE, "CONNECT", "HTTP/1.1 407 Auth\r\nContent-Length: 1\r\n\r\nx",
         HK_HTTP_BODY_LENGTH, 1, 1},
        {HK_HTTP_RESPONSE, "GET",
         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n",
         HK_HTTP_BODY_CHUNKED, 0, 1},
        /* TE overrides CL in a response, which must then close (item 3) */
        {HK_HTTP_RESPONSE, "GET",
         "HTTP/1.1 200 OK\r\nContent-Length: 9\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         HK_HTTP_BODY_CHUNKED, 0, 0},
        /* a final coding other than chunked reads until close */
        {HK_HTTP_RESPONSE, "GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzz",
         HK_HTTP_BODY_UNTIL_CLOSE, 0, 0},
        {HK_HTTP_RESPONSE, "GET", "HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx",
         HK_HTTP_BODY_LENGTH, 1, 0},
        {HK_HTTP_RESPONSE, "GET",
         "HTTP/1.0 200 OK\r\nContent-Length: 1\r\nConnection: Keep-Alive\r\n\r\nx",
         HK_HTTP_BODY_LENGTH, 1, 1},
        {HK_HTTP_RESPONSE, "GET", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n",
         HK_HTTP_BODY_LENGTH, 0, 1},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ht_result r;
        size_t len = strlen(cases[i].msg);
        int eof = cases[i].body_kind == HK_HTTP_BODY_UNTIL_CLOSE;
        ht_check_all_splits(cases[i].kind, cases[i].method, cases[i].msg, len, eof, &r);
        if (r.rc != HK_HTTP_EV_END)
            fail_msg("case %zu: %s", i, hk_error_name(r.rc));
        assert_int_equal(r.msg.body_kind, cases[i].body_kind);
        assert_true(r.msg.content_length == cases[i].length);
        if (r.msg.keep_alive != cases[i].keep_alive)
            fail_msg("case %zu: keep_alive %d", i, r.msg.keep_alive);
        assert_int_equal(r.consumed, len);
        ht_result_free(&r);
    }
}

static void test_field_values_trimmed(void **state)
{
    static const char msg[] = "GET / HTTP/1.1\r\n"
                              "Host:a\r\n"
                              "X-Empty:\r\n"
                              "X-Spaces: \t \r\n"
                              "X-Trim: \t a b \t \r\n"
                              "X-Obs: caf\xc3\xa9\r\n"
                              "X-Tab: a\tb\r\n"
                              "\r\n";
    ht_result r;
    (void)state;
    ht_check_all_splits(HK_HTTP_REQUEST, NULL, S(msg), 0, &r);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.nh, 6);
    assert_string_equal(r.values[0], "a");
    assert_string_equal(r.values[1], "");
    assert_string_equal(r.values[2], "");
    assert_string_equal(r.values[3], "a b");
    assert_string_equal(r.values[4], "caf\xc3\xa9");
    assert_string_equal(r.values[5], "a\tb");
    ht_result_free(&r);
}

/* Status lines (RFC 9112 section 4): reason phrases with HTAB and obs-text,
 * empty reasons with and without the SP, every class. */
static void test_status_lines(void **state)
{
    static const struct {
        const char *msg;
        int status;
        const char *reason;
    } ok[] = {
        {"HTTP/1.1 200 O\tK\r\nContent-Length: 0\r\n\r\n", 200, "O\tK"},
        {"HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n", 404, ""},
        {"HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n", 503, ""},
        {"HTTP/1.0 302 Gef\xc3\xbcnden\r\nContent-Length: 0\r\n\r\n", 302, "Gef\xc3\xbcnden"},
        {"HTTP/1.1 101 Switching Protocols\r\n\r\n", 101, "Switching Protocols"},
        {"HTTP/1.1 599 Whatever  it says \r\nContent-Length: 0\r\n\r\n", 599,
         "Whatever  it says "},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ht_result r;
        ht_check_all_splits(HK_HTTP_RESPONSE, "GET", ok[i].msg, strlen(ok[i].msg), 0, &r);
        assert_int_equal(r.rc, HK_HTTP_EV_END);
        assert_int_equal(r.msg.status, ok[i].status);
        assert_string_equal(r.reason, ok[i].reason);
        ht_result_free(&r);
    }
}

static void test_leading_empty_lines(void **state)
{
    static const char msg[] = "\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n";
    ht_result r;
    (void)state;
    /* RFC 9112 section 2.2: a server ignores empty lines before the request. */
    ht_check_all_splits(HK_HTTP_REQUEST, NULL, S(msg), 0, &r);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_string_equal(r.method, "GET");
    ht_result_free(&r);
}

static void test_lenient_lf(void **state)
{
    static const char msg[] = "GET / HTTP/1.1\nHost: a\nX: b\r\n\nrest";
    static const char resp[] = "HTTP/1.1 200 OK\nContent-Length: 3\n\nabc";
    static const char chunked[] = "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
                                  "3\nabc\n0\nT: v\n\n";
    hk_http_parser_options opt;
    ht_result r;
    (void)state;
    ht_run(&r, HK_HTTP_REQUEST, NULL, NULL, S(msg), NULL, 0, 0);
    assert_int_equal(r.rc, HK_ERR_HTTP_BARE_LF);
    ht_result_free(&r);
    hk_http_parser_options_default(&opt);
    opt.flags = HK_HTTP_LENIENT_LF;
    ht_run(&r, HK_HTTP_REQUEST, NULL, &opt, S(msg), NULL, 0, 0);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.nh, 2);
    assert_string_equal(r.values[1], "b");
    assert_int_equal(r.consumed, sizeof msg - 1 - 4);
    ht_result_free(&r);
    ht_run(&r, HK_HTTP_RESPONSE, NULL, &opt, S(resp), NULL, 0, 0);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.body_len, 3);
    ht_result_free(&r);
    ht_run(&r, HK_HTTP_RESPONSE, NULL, &opt, S(chunked), NULL, 0, 0);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.body_len, 3);
    assert_int_equal(r.trailers_len, 6);
    ht_result_free(&r);
    ht_run(&r, HK_HTTP_RESPONSE, NULL, NULL, S(chunked), NULL, 0, 0);
    assert_int_equal(r.rc, HK_ERR_HTTP_BARE_LF);
    ht_result_free(&r);
    {
        static const char noreason[] = "HTTP/1.1 204\n\n";
        static const char ext[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "3;a=b\nabc\r\n2;q=\"x\"\nde\n0;z\n\n";
        ht_run(&r, HK_HTTP_RESPONSE, NULL, &opt, S(noreason), NULL, 0, 0);
        assert_int_equal(r.rc, HK_HTTP_EV_END);
        assert_int_equal(r.msg.status, 204);
        ht_result_free(&r);
        ht_run(&r, HK_HTTP_RESPONSE, NULL, &opt, S(ext), NULL, 0, 0);
        assert_int_equal(r.rc, HK_HTTP_EV_END);
        assert_int_equal(r.body_len, 5);
        assert_memory_equal(r.body, "abcde", 5);
        ht_result_free(&r);
    }
}

/* Trickle a large head byte by byte into a buffer that moves every time:
 * the same result as parsing it whole. */
static void test_trickle_large_head(void **state)
{
    char *msg = malloc(9000);
    size_t len = 0, i, cuts_n;
    size_t *cuts;
    ht_result whole, r;
    hk_http_parser_options opt;
    (void)state;
    assert_non_null(msg);
    len += (size_t)sprintf(msg + len, "POST /hook HTTP/1.1\r\nHost: example.com\r\n");
    for (i = 0; i < 60; i++)
        len += (size_t)sprintf(msg + len, "X-Header-%02zu: %0120zu\r\n", i, i);
    len += (size_t)sprintf(msg + len, "Content-Length: 4\r\n\r\nbody");
    hk_http_parser_options_default(&opt);
    opt.max_header_bytes = 16384;
    ht_run(&whole, HK_HTTP_REQUEST, NULL, &opt, msg, len, NULL, 0, 0);
    assert_int_equal(whole.rc, HK_HTTP_EV_END);
    assert_int_equal(whole.nh, 62);
    cuts = malloc(len * sizeof *cuts);
    assert_non_null(cuts);
    for (cuts_n = 0; cuts_n + 1 < len; cuts_n++)
        cuts[cuts_n] = cuts_n + 1;
    ht_run(&r, HK_HTTP_REQUEST, NULL, &opt, msg, len, cuts, cuts_n, 0);
    ht_assert_same(&whole, &r);
    ht_result_free(&r);
    ht_result_free(&whole);
    free(cuts);
    free(msg);
}

/* No rescanning: a 1 MiB field section fed one byte per call (1M calls on
 * one growing buffer). Linear work is a few milliseconds even under
 * sanitizers; a parser that rescanned from the start (or from the start of
 * the current line: the block is one 1 MiB value) would do 5e11 byte
 * visits and take hours, so the 10-second bound cannot be flaky. */
static void test_no_quadratic_rescan(void **state)
{
    const size_t vlen = 1u << 20;
    size_t len = 0, i;
    char *msg = malloc(vlen + 100);
    hk_http_parser p;
    hk_http_parser_options opt;
    hk_http_header h[4];
    hk_http_message m;
    hk_ssize r = HK_ERR_NEED_MORE;
    clock_t t0;
    (void)state;
    assert_non_null(msg);
    len += (size_t)sprintf(msg, "GET / HTTP/1.1\r\nHost: a\r\nX: ");
    memset(msg + len, 'v', vlen);
    len += vlen;
    memcpy(msg + len, "\r\n\r\n", 4);
    len += 4;
    hk_http_parser_options_default(&opt);
    opt.max_header_bytes = vlen + 64;
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
    m.size = sizeof m;
    t0 = clock();
    for (i = 1; i <= len; i++) {
        r = hk_http_parse_head(&p, msg, i, h, 4, &m);
        if (i < len)
            assert_int_equal(r, HK_ERR_NEED_MORE);
    }
    assert_int_equal(r, (hk_ssize)len);
    assert_int_equal(h[1].value_len, vlen);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0);
    free(msg);
}

/* Growing one buffer in place (the usual reader): no copy needed. */
static void test_resume_same_buffer(void **state)
{
    hk_http_parser p;
    hk_http_header h[8];
    hk_http_message m;
    size_t i;
    hk_ssize r = HK_ERR_NEED_MORE;
    (void)state;
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL), HK_OK);
    m.size = sizeof m;
    for (i = 1; i <= sizeof rfc6455_req - 1; i++) {
        r = hk_http_parse_head(&p, rfc6455_req, i, h, 8, &m);
        if (i < sizeof rfc6455_req - 1)
            assert_int_equal(r, HK_ERR_NEED_MORE);
    }
    assert_int_equal(r, (hk_ssize)(sizeof rfc6455_req - 1));
    assert_int_equal(m.num_headers, 7);
    assert_ptr_equal(h[0].name, rfc6455_req + 20);
    /* shrinking the buffer is a caller error */
    hk_http_parser_reset(&p);
    assert_int_equal(hk_http_parse_head(&p, rfc6455_req, 10, h, 8, &m), HK_ERR_NEED_MORE);
    assert_int_equal(hk_http_parse_head(&p, rfc6455_req, 9, h, 8, &m), HK_ERR_INVALID_ARG);
    /* after the head, parse_head is out of sequence */
    assert_int_equal(hk_http_parse_head(&p, rfc6455_req, sizeof rfc6455_req - 1, h, 8, &m),
                     (hk_ssize)(sizeof rfc6455_req - 1));
    assert_int_equal(hk_http_parse_head(&p, rfc6455_req, sizeof rfc6455_req - 1, h, 8, &m),
                     HK_ERR_STATE);
}

static void test_pipelined(void **state)
{
    static const char stream[] = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                                 "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                                 "POST /3 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "2;x=y\r\nde\r\n0\r\nT: 1\r\n\r\n"
                                 "GET /4 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    static const char *const targets[] = {"/1", "/2", "/3", "/4"};
    static const char *const bodies[] = {"", "abc", "de", ""};
    size_t off = 0, k;
    (void)state;
    for (k = 0; k < 4; k++) {
        ht_result r;
        /* each message parsed from where the previous one ended, fed whole */
        ht_run(&r, HK_HTTP_REQUEST, NULL, NULL, stream + off, sizeof stream - 1 - off, NULL, 0, 0);
        assert_int_equal(r.rc, HK_HTTP_EV_END);
        assert_string_equal(r.target, targets[k]);
        assert_int_equal(r.body_len, strlen(bodies[k]));
        assert_memory_equal(r.body, bodies[k], r.body_len);
        assert_int_equal(r.msg.keep_alive, k < 3);
        off += r.consumed;
        ht_result_free(&r);
    }
    assert_int_equal(off, sizeof stream - 1);

    /* the same with one parser, reset between messages, in 7-byte reads */
    {
        hk_http_parser p;
        hk_http_header h[8];
        hk_http_message m;
        size_t pos = 0, avail = 0, nmsg = 0;
        int in_head = 1;
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL), HK_OK);
        while (nmsg < 4) {
            if (in_head) {
                hk_ssize r;
                m.size = sizeof m;
                r = hk_http_parse_head(&p, stream + pos, avail - pos, h, 8, &m);
                if (r == HK_ERR_NEED_MORE) {
                    assert_true(avail < sizeof stream - 1);
                    avail = avail + 7 > sizeof stream - 1 ? sizeof stream - 1 : avail + 7;
                    continue;
                }
                assert_true(r > 0);
                assert_int_equal(m.target_len, 2);
                assert_memory_equal(m.target, targets[nmsg], 2);
                pos += (size_t)r;
                in_head = 0;
            } else {
                size_t c;
                const char *d;
                size_t dl;
                int e = hk_http_body_next(&p, stream + pos, avail - pos, &c, &d, &dl);
                pos += c;
                if (e == HK_HTTP_EV_END) {
                    nmsg++;
                    hk_http_parser_reset(&p);
                    in_head = 1;
                } else if (e == HK_ERR_NEED_MORE) {
                    avail = avail + 7 > sizeof stream - 1 ? sizeof stream - 1 : avail + 7;
                } else {
                    assert_true(e == HK_HTTP_EV_DATA || e == HK_HTTP_EV_TRAILER);
                }
            }
        }
        assert_int_equal(pos, sizeof stream - 1);
        assert_int_equal(hk_http_parser_eof(&p), HK_OK);
    }
}

/* Limits: exactly at the limit passes, one past fails, each with its code. */
static void test_limits(void **state)
{
    char buf[600];
    hk_http_parser_options opt;
    hk_http_header h[8];
    hk_http_message m;
    hk_http_parser p;
    size_t sl, n;
    (void)state;
    hk_http_parser_options_default(&opt);
    opt.max_start_line = 64;
    opt.max_header_bytes = 64;
    opt.max_headers = 3;

    /* start line of exactly 64 bytes including CRLF */
    for (n = 63; n <= 65; n++) {
        hk_ssize r;
        int len;
        sl = n;
        memset(buf, 'a', sizeof buf);
        memcpy(buf, "GET /", 5);
        /* "GET /" + x*(sl-16) + " HTTP/1.1\r\n" (11) */
        memcpy(buf + 5 + (sl - 16), " HTTP/1.1\r\nHost: a\r\n\r\n", 22);
        len = (int)(sl + 11);
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
        m.size = sizeof m;
        r = hk_http_parse_head(&p, buf, (size_t)len, h, 8, &m);
        if (sl <= 64)
            assert_int_equal(r, len);
        else
            assert_int_equal(r, HK_ERR_HTTP_LINE_TOO_LONG);
        /* fed byte by byte, the error comes as soon as 64 bytes without the
         * LF have arrived: the line cannot end within the limit any more */
        if (sl > 64) {
            size_t i;
            assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
            for (i = 1; i <= 63; i++)
                assert_int_equal(hk_http_parse_head(&p, buf, i, h, 8, &m), HK_ERR_NEED_MORE);
            assert_int_equal(hk_http_parse_head(&p, buf, 64, h, 8, &m),
                             HK_ERR_HTTP_LINE_TOO_LONG);
            /* sticky */
            assert_int_equal(hk_http_parse_head(&p, buf, 66, h, 8, &m),
                             HK_ERR_HTTP_LINE_TOO_LONG);
            assert_int_equal(hk_http_parser_error(&p), HK_ERR_HTTP_LINE_TOO_LONG);
        }
    }

    /* header block (fields + final CRLF) of 63, 64, 65 bytes */
    for (n = 63; n <= 65; n++) {
        hk_ssize r;
        size_t len = 0, vlen = n - 2 - 9 - 2; /* "Host: a\r\n" + "X: " v "\r\n" + "\r\n" */
        len += (size_t)sprintf(buf, "GET / HTTP/1.1\r\nHost: a\r\nX: ");
        memset(buf + len, 'v', vlen - 3);
        len += vlen - 3;
        memcpy(buf + len, "\r\n\r\n", 4);
        len += 4;
        assert_int_equal(len - 16, n);
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
        m.size = sizeof m;
        r = hk_http_parse_head(&p, buf, len, h, 8, &m);
        if (n <= 64)
            assert_int_equal(r, (hk_ssize)len);
        else
            assert_int_equal(r, HK_ERR_HTTP_HEADERS_TOO_LARGE);
    }

    /* 3 fields pass, 4 fail; also when the caller's array is the limit */
    {
        static const char three[] = "GET / HTTP/1.1\r\nHost: a\r\nB: 1\r\nC: 2\r\n\r\n";
        static const char four[] = "GET / HTTP/1.1\r\nHost: a\r\nB: 1\r\nC: 2\r\nD: 3\r\n\r\n";
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
        m.size = sizeof m;
        assert_int_equal(hk_http_parse_head(&p, S(three), h, 8, &m), sizeof three - 1);
        assert_int_equal(m.num_headers, 3);
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
        assert_int_equal(hk_http_parse_head(&p, S(four), h, 8, &m),
                         HK_ERR_HTTP_TOO_MANY_HEADERS);
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL), HK_OK);
        assert_int_equal(hk_http_parse_head(&p, S(four), h, 3, &m),
                         HK_ERR_HTTP_TOO_MANY_HEADERS);
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL), HK_OK);
        assert_int_equal(hk_http_parse_head(&p, S(four), h, 4, &m), sizeof four - 1);
    }

    /* max_body against Content-Length: at the limit and one past */
    {
        static const char at[] = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n";
        static const char past[] = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n";
        opt.max_header_bytes = 1024;
        opt.max_start_line = 1024;
        opt.max_body = 100;
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
        assert_int_equal(hk_http_parse_head(&p, S(at), h, 8, &m), sizeof at - 1);
        assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
        assert_int_equal(hk_http_parse_head(&p, S(past), h, 8, &m), HK_ERR_HTTP_BODY_TOO_LARGE);
    }

    /* the defaults */
    hk_http_parser_options_default(&opt);
    assert_int_equal(opt.size, sizeof opt);
    assert_int_equal(opt.max_header_bytes, 8192);
    assert_int_equal(opt.max_headers, 100);
    assert_int_equal(opt.flags, 0);
}

static void test_default_header_limits(void **state)
{
    /* 100 fields pass with the defaults, 101 fail; an 8192-byte field
     * section passes, 8193 fails. */
    char *buf = malloc(20000);
    hk_http_header *h = malloc(200 * sizeof *h);
    hk_http_message m;
    size_t len, i;
    (void)state;
    assert_non_null(buf);
    assert_non_null(h);
    m.size = sizeof m;
    for (i = 100; i <= 101; i++) {
        size_t k;
        len = (size_t)sprintf(buf, "GET / HTTP/1.1\r\nHost: a\r\n");
        for (k = 1; k < i; k++)
            len += (size_t)sprintf(buf + len, "X%zu: v\r\n", k);
        len += (size_t)sprintf(buf + len, "\r\n");
        assert_int_equal(hk_http_parse_request(buf, len, h, 200, &m),
                         i == 100 ? (hk_ssize)len : HK_ERR_HTTP_TOO_MANY_HEADERS);
    }
    for (i = 8192; i <= 8193; i++) {
        /* "Host: a\r\n" (9) + "X: " (3) + v + "\r\n" (2) + "\r\n" (2) */
        size_t vlen = i - 16;
        len = (size_t)sprintf(buf, "GET / HTTP/1.1\r\nHost: a\r\nX: ");
        memset(buf + len, 'v', vlen);
        len += vlen;
        memcpy(buf + len, "\r\n\r\n", 4);
        len += 4;
        assert_int_equal(hk_http_parse_request(buf, len, h, 200, &m),
                         i == 8192 ? (hk_ssize)len : HK_ERR_HTTP_HEADERS_TOO_LARGE);
    }
    free(buf);
    free(h);
}

static void test_api_misuse(void **state)
{
    hk_http_parser p;
    hk_http_parser_options opt;
    hk_http_message m;
    hk_http_header h[2];
    (void)state;
    assert_int_equal(hk_http_parser_init(NULL, HK_HTTP_REQUEST, NULL), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_http_parser_init(&p, 7, NULL), HK_ERR_INVALID_ARG);
    hk_http_parser_options_default(&opt);
    opt.size = 8;
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_ERR_INVALID_ARG);
    hk_http_parser_options_default(&opt);
    opt.max_headers = 0;
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL), HK_OK);
    m.size = 0;
    assert_int_equal(hk_http_parse_head(&p, "GET", 3, h, 2, &m), HK_ERR_INVALID_ARG);
    m.size = sizeof m;
    assert_int_equal(hk_http_parse_head(&p, NULL, 3, h, 2, &m), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_http_parse_head(&p, "GET", 3, NULL, 2, &m), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_http_parse_head(&p, NULL, 0, NULL, 0, &m), HK_ERR_NEED_MORE);
    assert_int_equal(hk_http_parser_set_request_method(&p, "HEAD", 4), HK_ERR_INVALID_ARG);
    {
        size_t c, dl;
        const char *d;
        assert_int_equal(hk_http_body_next(&p, "x", 1, &c, &d, &dl), HK_ERR_STATE);
    }
    /* headers may be omitted entirely; framing still works */
    hk_http_parser_reset(&p);
    assert_int_equal(hk_http_parse_head(&p, S("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n"),
                                        NULL, 0, &m),
                     HK_ERR_HTTP_TOO_MANY_HEADERS);
    /* eof between messages is clean, inside a head it is truncation */
    hk_http_parser_reset(&p);
    assert_int_equal(hk_http_parser_eof(&p), HK_OK);
    assert_int_equal(hk_http_parse_head(&p, "GE", 2, h, 2, &m), HK_ERR_NEED_MORE);
    assert_int_equal(hk_http_parser_eof(&p), HK_ERR_HTTP_TRUNCATED);
    assert_int_equal(hk_http_parse_head(&p, "GET", 3, h, 2, &m), HK_ERR_HTTP_TRUNCATED);
    assert_true(hk_is_fatal(HK_ERR_HTTP_TRUNCATED));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc9112_example),
        cmocka_unit_test(test_rfc6455_handshake),
        cmocka_unit_test(test_target_forms),
        cmocka_unit_test(test_framing_and_keepalive),
        cmocka_unit_test(test_field_values_trimmed),
        cmocka_unit_test(test_status_lines),
        cmocka_unit_test(test_leading_empty_lines),
        cmocka_unit_test(test_lenient_lf),
        cmocka_unit_test(test_trickle_large_head),
        cmocka_unit_test(test_no_quadratic_rescan),
        cmocka_unit_test(test_resume_same_buffer),
        cmocka_unit_test(test_pipelined),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_default_header_limits),
        cmocka_unit_test(test_api_misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
