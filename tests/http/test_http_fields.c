/*
 * test_http_fields.c - field lookup, list and parameter iteration,
 * quoted-string decoding, HTTP-date and Retry-After, URLs.
 */
#include "http_test_util.h"

#define S(x) x, sizeof(x) - 1
#define H(n, v) {n, sizeof(n) - 1, v, sizeof(v) - 1}

static void test_lookup(void **state)
{
    static const hk_http_header h[] = {
        H("Host", "a"), H("Accept", "x"), H("ACCEPT", "y"), H("Accept-Encoding", "z"),
    };
    (void)state;
    assert_int_equal(hk_http_header_find(h, 4, S("host"), 0), 0);
    assert_int_equal(hk_http_header_find(h, 4, S("accept"), 0), 1);
    assert_int_equal(hk_http_header_find(h, 4, S("accept"), 2), 2);
    assert_int_equal(hk_http_header_find(h, 4, S("accept"), 3), HK_ERR_NOT_FOUND);
    assert_int_equal(hk_http_header_find(h, 4, S("accep"), 0), HK_ERR_NOT_FOUND);
    assert_int_equal(hk_http_header_find(h, 4, S("x"), 99), HK_ERR_NOT_FOUND);
    assert_int_equal(hk_http_header_find(NULL, 1, S("x"), 0), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_http_header_count(h, 4, S("Accept")), 2);
    assert_int_equal(hk_http_header_count(h, 4, S("Cookie")), 0);
    assert_int_equal(hk_http_token_eq(S("WebSocket"), S("websocket")), 1);
    assert_int_equal(hk_http_token_eq(S("WebSocke"), S("websocket")), 0);
    assert_int_equal(hk_http_token_eq(S("a\xc0"), S("a\xe0")), 0); /* ASCII folding only */
}

static void test_lists(void **state)
{
    /* RFC 9110 section 5.6.1.2: empty elements are ignored */
    static const hk_http_header h[] = {
        H("Connection", "keep-alive, Upgrade"),
        H("Sec-WebSocket-Protocol", "chat, , superchat ,"),
        H("X", "\"a, b\", c"),
        H("Sec-WebSocket-Protocol", "v2.json"),
        H("Upgrade", "HTTP/2.0, SHTTP/1.3, IRC/6.9, RTA/x11"), /* RFC 9110 section 7.8 */
        H("Bad", "a b"),
        H("Bad2", "\"unterminated"),
        H("Bad3", "x/"),
    };
    hk_http_list_iter it;
    const char *e;
    size_t n;
    static const char *const protos[] = {"chat", "superchat", "v2.json"};
    size_t k = 0;
    (void)state;
    hk_http_list_init_headers(&it, h, 8, S("sec-websocket-protocol"));
    while (hk_http_list_next_token(&it, &e, &n) == 1) {
        assert_true(k < 3);
        assert_int_equal(n, strlen(protos[k]));
        assert_memory_equal(e, protos[k], n);
        k++;
    }
    assert_int_equal(k, 3);
    assert_int_equal(hk_http_list_next_token(&it, &e, &n), 0);

    hk_http_list_init(&it, h[2].value, h[2].value_len);
    assert_int_equal(hk_http_list_next(&it, &e, &n), 1);
    assert_int_equal(n, 6);
    assert_memory_equal(e, "\"a, b\"", 6);
    assert_int_equal(hk_http_list_next(&it, &e, &n), 1);
    assert_memory_equal(e, "c", n);
    assert_int_equal(hk_http_list_next(&it, &e, &n), 0);
    /* a quoted element is not a token */
    hk_http_list_init(&it, h[2].value, h[2].value_len);
    assert_int_equal(hk_http_list_next_token(&it, &e, &n), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_list_next_token(&it, &e, &n), HK_ERR_HTTP_LIST); /* sticky */

    k = 0;
    hk_http_list_init_headers(&it, h, 8, S("upgrade"));
    while (hk_http_list_next_token(&it, &e, &n) == 1)
        k++;
    assert_int_equal(k, 4);

    assert_int_equal(hk_http_list_has_token(h, 8, S("connection"), S("upgrade")), 1);
    assert_int_equal(hk_http_list_has_token(h, 8, S("connection"), S("close")), 0);
    assert_int_equal(hk_http_list_has_token(h, 8, S("missing"), S("close")), 0);
    assert_int_equal(hk_http_list_has_token(h, 8, S("bad"), S("a")), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_list_has_token(h, 8, S("bad3"), S("x")), HK_ERR_HTTP_LIST);
    hk_http_list_init_headers(&it, h, 8, S("bad2"));
    assert_int_equal(hk_http_list_next(&it, &e, &n), HK_ERR_HTTP_LIST);
    hk_http_list_init(&it, "", 0);
    assert_int_equal(hk_http_list_next(&it, &e, &n), 0);
    hk_http_list_init(&it, S(" , ,\t,"));
    assert_int_equal(hk_http_list_next(&it, &e, &n), 0);
}

static void test_params(void **state)
{
    /* the example, and RFC 6455 section 9.1 / RFC 7692 section 5 */
    static const char v[] = "permessage-deflate; client_max_window_bits=10, x, "
                            "mux; max-channels=4; flow-control, deflate-stream, "
                            "permessage-deflate; client_max_window_bits=\"1\\5\" ;"
                            " server_no_context_takeover";
    hk_http_list_iter it;
    hk_http_param_iter pi;
    const char *e, *name, *val;
    size_t n, nl, vl;
    int q;
    char out[8];
    size_t ol;
    (void)state;
    hk_http_list_init(&it, S(v));

    assert_int_equal(hk_http_list_next(&it, &e, &n), 1);
    assert_int_equal(hk_http_param_init(&pi, e, n, &name, &nl), HK_OK);
    assert_memory_equal(name, "permessage-deflate", nl);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 1);
    assert_memory_equal(name, "client_max_window_bits", nl);
    assert_int_equal(vl, 2);
    assert_memory_equal(val, "10", 2);
    assert_int_equal(q, 0);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 0);

    assert_int_equal(hk_http_list_next(&it, &e, &n), 1);
    assert_int_equal(hk_http_param_init(&pi, e, n, &name, &nl), HK_OK);
    assert_memory_equal(name, "x", nl);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 0);

    assert_int_equal(hk_http_list_next(&it, &e, &n), 1);
    assert_int_equal(hk_http_param_init(&pi, e, n, &name, &nl), HK_OK);
    assert_memory_equal(name, "mux", nl);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, NULL), 1);
    assert_memory_equal(val, "4", vl);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 1);
    assert_memory_equal(name, "flow-control", nl);
    assert_null(val);
    assert_int_equal(vl, 0);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 0);

    assert_int_equal(hk_http_list_next(&it, &e, &n), 1);
    assert_memory_equal(e, "deflate-stream", n);

    assert_int_equal(hk_http_list_next(&it, &e, &n), 1);
    assert_int_equal(hk_http_param_init(&pi, e, n, &name, &nl), HK_OK);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 1);
    assert_int_equal(q, 1);
    assert_int_equal(vl, 3);
    assert_memory_equal(val, "1\\5", 3);
    assert_int_equal(hk_http_unquote(val, vl, out, sizeof out, &ol), HK_OK);
    assert_int_equal(ol, 2);
    assert_memory_equal(out, "15", 2);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 1);
    assert_memory_equal(name, "server_no_context_takeover", nl);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 0);
    assert_int_equal(hk_http_list_next(&it, &e, &n), 0);

    /* malformed elements and parameters */
    assert_int_equal(hk_http_param_init(&pi, S("; a=1"), &name, &nl), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_param_init(&pi, S("a b"), &name, &nl), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_param_init(&pi, S("a;"), &name, &nl), HK_OK);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_param_init(&pi, S("a; b="), &name, &nl), HK_OK);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_param_init(&pi, S("a; b=\"x"), &name, &nl), HK_OK);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_param_init(&pi, S("a; b=c d"), &name, &nl), HK_OK);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_param_init(&pi, S("a; b = \"c\" ; d"), &name, &nl), HK_OK);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 1);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 1);
    assert_int_equal(hk_http_param_next(&pi, &name, &nl, &val, &vl, &q), 0);

    /* unquote errors and sizing */
    assert_int_equal(hk_http_unquote(S("a\\"), out, sizeof out, &ol), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_unquote(S("a\"b"), out, sizeof out, &ol), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_unquote(S("a\nb"), out, sizeof out, &ol), HK_ERR_HTTP_LIST);
    assert_int_equal(hk_http_unquote(S("abc\\\"d"), out, 3, &ol), HK_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(ol, 5);
    {
        char inplace[] = "x\\\\y\\\"";
        assert_int_equal(hk_http_unquote(inplace, 6, inplace, 6, &ol), HK_OK);
        assert_int_equal(ol, 4);
        assert_memory_equal(inplace, "x\\y\"", 4);
    }
}

static void test_dates(void **state)
{
    /* RFC 9110 section 5.6.7: the same instant in the three formats */
    int64_t t;
    char out[HK_HTTP_DATE_LEN + 1];
    static const char *const bad[] = {
        "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",   "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT", "Sun Nov 06 08:49:37 1994 ",
        "Sun, 29 Feb 1900 08:49:37 GMT", "", "Sun, 06 Nov 1994 08:49:3x GMT",
    };
    size_t i;
    (void)state;
    assert_int_equal(hk_http_parse_date(S("Sun, 06 Nov 1994 08:49:37 GMT"), &t), HK_OK);
    assert_true(t == 784111777);
    assert_int_equal(hk_http_parse_date(S("Sunday, 06-Nov-94 08:49:37 GMT"), &t), HK_OK);
    assert_true(t == 784111777);
    assert_int_equal(hk_http_parse_date(S("Sun Nov  6 08:49:37 1994"), &t), HK_OK);
    assert_true(t == 784111777);
    assert_int_equal(hk_http_parse_date(S("Tue, 29 Feb 2000 00:00:00 GMT"), &t), HK_OK);
    assert_true(t == 951782400);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (hk_http_parse_date(bad[i], strlen(bad[i]), &t) != HK_ERR_HTTP_RETRY_AFTER)
            fail_msg("accepted bad date %s", bad[i]);

    assert_int_equal(hk_http_format_date(784111777, out), HK_OK);
    assert_string_equal(out, "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_int_equal(hk_http_format_date(0, out), HK_OK);
    assert_string_equal(out, "Thu, 01 Jan 1970 00:00:00 GMT");
    assert_int_equal(hk_http_format_date(-1, out), HK_OK);
    assert_string_equal(out, "Wed, 31 Dec 1969 23:59:59 GMT");
    assert_int_equal(hk_http_format_date(253402300799LL, out), HK_OK);
    assert_string_equal(out, "Fri, 31 Dec 9999 23:59:59 GMT");
    assert_int_equal(hk_http_format_date(253402300800LL, out), HK_ERR_INVALID_ARG);
    /* format then parse is the identity over a spread of instants */
    for (t = -5000000000LL; t < 5000000000LL; t += 7777777) {
        int64_t back;
        assert_int_equal(hk_http_format_date(t, out), HK_OK);
        assert_int_equal(hk_http_parse_date(out, HK_HTTP_DATE_LEN, &back), HK_OK);
        assert_true(back == t);
    }
}

static void test_retry_after(void **state)
{
    uint64_t d;
    (void)state;
    /* RFC 9110 section 10.2.3 examples */
    assert_int_equal(hk_http_parse_retry_after(S("120"), 0, &d), HK_OK);
    assert_true(d == 120);
    assert_int_equal(hk_http_parse_retry_after(S("Fri, 31 Dec 1999 23:59:59 GMT"), 946684000, &d),
                     HK_OK);
    assert_true(d == 799);
    assert_int_equal(hk_http_parse_retry_after(S("Fri, 31 Dec 1999 23:59:59 GMT"), 946690000, &d),
                     HK_OK);
    assert_true(d == 0); /* in the past */
    assert_int_equal(hk_http_parse_retry_after(S(" 0 "), 0, &d), HK_OK);
    assert_true(d == 0);
    assert_int_equal(hk_http_parse_retry_after(S("99999999999999999999999"), 0, &d), HK_OK);
    assert_true(d == 2147483647u);
    assert_int_equal(hk_http_parse_retry_after(S("-1"), 0, &d), HK_ERR_HTTP_RETRY_AFTER);
    assert_int_equal(hk_http_parse_retry_after(S("1.5"), 0, &d), HK_ERR_HTTP_RETRY_AFTER);
    assert_int_equal(hk_http_parse_retry_after(S("12a"), 0, &d), HK_ERR_HTTP_RETRY_AFTER);
    assert_int_equal(hk_http_parse_retry_after(S(""), 0, &d), HK_ERR_HTTP_RETRY_AFTER);
    assert_int_equal(hk_http_parse_retry_after(S("soon"), 0, &d), HK_ERR_HTTP_RETRY_AFTER);
    assert_int_equal(hk_http_parse_retry_after(S("1"), 0, NULL), HK_ERR_INVALID_ARG);
}

typedef struct {
    const char *url;
    int scheme, secure;
    const char *host;
    int ipv6;
    unsigned port;
    int explicit_port;
    const char *path;
    const char *host_header;
} url_ok;

static void test_urls(void **state)
{
    static const url_ok ok[] = {
        {"http://example.com", HK_HTTP_SCHEME_HTTP, 0, "example.com", 0, 80, 0, "/", "example.com"},
        {"HTTPS://Example.COM/a/b?c=d#frag", HK_HTTP_SCHEME_HTTPS, 1, "Example.COM", 0, 443, 0,
         "/a/b?c=d", "Example.COM"},
        {"ws://localhost:8080/chat", HK_HTTP_SCHEME_WS, 0, "localhost", 0, 8080, 1, "/chat",
         "localhost:8080"},
        {"wss://[::1]:9001/", HK_HTTP_SCHEME_WSS, 1, "::1", 1, 9001, 1, "/", "[::1]:9001"},
        {"wss://[2001:db8::7]/x", HK_HTTP_SCHEME_WSS, 1, "2001:db8::7", 1, 443, 0, "/x",
         "[2001:db8::7]"},
        {"http://[::ffff:192.0.2.1]:80/", HK_HTTP_SCHEME_HTTP, 0, "::ffff:192.0.2.1", 1, 80, 1,
         "/", "[::ffff:192.0.2.1]"},
        {"http://[1:2:3:4:5:6:7:8]/", HK_HTTP_SCHEME_HTTP, 0, "1:2:3:4:5:6:7:8", 1, 80, 0, "/",
         "[1:2:3:4:5:6:7:8]"},
        {"http://127.0.0.1:443/hook", HK_HTTP_SCHEME_HTTP, 0, "127.0.0.1", 0, 443, 1, "/hook",
         "127.0.0.1:443"},
        {"https://h:443/p%20q", HK_HTTP_SCHEME_HTTPS, 1, "h", 0, 443, 1, "/p%20q", "h"},
        {"http://a.b-c_d~e/", HK_HTTP_SCHEME_HTTP, 0, "a.b-c_d~e", 0, 80, 0, "/", "a.b-c_d~e"},
    };
    static const char *const bad[] = {
        "ftp://example.com/",       "http:/example.com",        "http://",
        "http://user:pw@host/",     "http://@host/",            "http://host:0/",
        "http://host:65536/",       "http://host:/",            "http://host:8a/",
        "http://[::1/",             "http://[::1]x/",           "http://[1:2:3:4:5:6:7:8:9]/",
        "http://[1::2::3]/",        "http://[::g]/",            "http://[1:2:3:4:5:6:7]/",
        "http://[::1.2.3.256]/",    "http://ho st/",            "http://host/a b",
        "http://host/\x01",         "http://host/\xc3\xa9",     "ws://host/#frag",
        "http://h%zz/",             "http://host/%4",           "http://host?q=1",
        "http://ho<st/",            "example.com",              "http://host/a\"b",
    };
    size_t i;
    hk_http_url u;
    char hh[64];
    size_t hl;
    (void)state;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        memset(&u, 0xEE, sizeof u);
        u.size = sizeof u;
        if (hk_http_parse_url(ok[i].url, strlen(ok[i].url), &u) != HK_OK)
            fail_msg("rejected %s", ok[i].url);
        assert_int_equal(u.scheme, ok[i].scheme);
        assert_int_equal(u.secure, ok[i].secure);
        assert_int_equal(u.host_len, strlen(ok[i].host));
        assert_memory_equal(u.host, ok[i].host, u.host_len);
        assert_int_equal(u.host_is_ipv6, ok[i].ipv6);
        assert_int_equal(u.port, ok[i].port);
        assert_int_equal(u.port_explicit, ok[i].explicit_port);
        assert_int_equal(u.path_len, strlen(ok[i].path));
        assert_memory_equal(u.path, ok[i].path, u.path_len);
        assert_int_equal(hk_http_url_host_header(&u, hh, sizeof hh, &hl), HK_OK);
        assert_int_equal(hl, strlen(ok[i].host_header));
        assert_memory_equal(hh, ok[i].host_header, hl);
        assert_int_equal(hk_http_url_host_header(&u, hh, hl - 1, &hl), HK_ERR_BUFFER_TOO_SMALL);
        assert_int_equal(hl, strlen(ok[i].host_header));
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        u.size = sizeof u;
        if (hk_http_parse_url(bad[i], strlen(bad[i]), &u) != HK_ERR_HTTP_URL)
            fail_msg("accepted %s", bad[i]);
    }
    u.size = 3;
    assert_int_equal(hk_http_parse_url(S("http://h/"), &u), HK_ERR_INVALID_ARG);
    /* a fragment is fine (and dropped) for http */
    u.size = sizeof u;
    assert_int_equal(hk_http_parse_url(S("http://h/p#f"), &u), HK_OK);
    assert_int_equal(u.path_len, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup),     cmocka_unit_test(test_lists),
        cmocka_unit_test(test_params),     cmocka_unit_test(test_dates),
        cmocka_unit_test(test_retry_after), cmocka_unit_test(test_urls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
