/*
 * Client side of the opening handshake (pure layer): request building for
 * ws:// and wss:// URLs, response validation matrix.
 */
#include <stdio.h>
#include <string.h>

#include "hk_test.h"

/* RFC 6455 section 1.3 example key and accept value. */
#define RFC_KEY "dGhlIHNhbXBsZSBub25jZQ=="
#define RFC_ACCEPT "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

static void spec_init(hk_ws_client_spec *s, const char *url)
{
    memset(s, 0, sizeof *s);
    s->size = sizeof *s;
    s->url = url;
    s->url_len = url ? strlen(url) : 0;
    s->key = RFC_KEY;
    s->key_len = 24;
}

static int build(const hk_ws_client_spec *s, char *buf, size_t cap)
{
    size_t len = 0;
    int rc = hk_ws_client_build_request(s, buf, cap - 1, &len);
    buf[rc == HK_OK ? len : 0] = '\0';
    return rc;
}

static void test_request_urls(void **state)
{
    static const struct {
        const char *url, *line, *host;
    } ok[] = {
        {"ws://example.com/chat", "GET /chat HTTP/1.1\r\n", "Host: example.com\r\n"},
        {"ws://example.com", "GET / HTTP/1.1\r\n", "Host: example.com\r\n"},
        {"WS://Example.com:80/a?b=c&d", "GET /a?b=c&d HTTP/1.1\r\n", "Host: Example.com\r\n"},
        {"ws://127.0.0.1:9001/x", "GET /x HTTP/1.1\r\n", "Host: 127.0.0.1:9001\r\n"},
        {"ws://[::1]:9000/?q", "GET /?q HTTP/1.1\r\n", "Host: [::1]:9000\r\n"},
        {"wss://h.example:443/", "GET / HTTP/1.1\r\n", "Host: h.example\r\n"},
        {"wss://h.example:80/", "GET / HTTP/1.1\r\n", "Host: h.example:80\r\n"},
    };
    static const char *const bad[] = {
        "http://example.com/", "ws://user:pw@example.com/", "ws://user@example.com/",
        "ws://example.com/#frag", "ws:///path", "ws://exa mple.com/", "ws://example.com:0/",
        "ws://example.com:65536/", "ws://[::1/", "example.com", "",
    };
    hk_ws_client_spec s;
    char buf[1024];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        spec_init(&s, ok[i].url);
        assert_int_equal(build(&s, buf, sizeof buf), HK_OK);
        assert_memory_equal(buf, ok[i].line, strlen(ok[i].line));
        assert_non_null(strstr(buf, ok[i].host));
        assert_non_null(strstr(buf, "\r\nUpgrade: websocket\r\n"));
        assert_non_null(strstr(buf, "\r\nConnection: Upgrade\r\n"));
        assert_non_null(strstr(buf, "\r\nSec-WebSocket-Key: " RFC_KEY "\r\n"));
        assert_non_null(strstr(buf, "\r\nSec-WebSocket-Version: 13\r\n"));
        assert_null(strstr(buf, "Sec-WebSocket-Protocol"));
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        spec_init(&s, bad[i]);
        if (build(&s, buf, sizeof buf) != HK_ERR_HS_URL)
            fail_msg("url %s accepted", bad[i]);
    }
}

static void test_request_options(void **state)
{
    hk_ws_client_spec s;
    hk_http_header extra[2] = {{"Authorization", 13, "Bearer x", 8}, {"X-A", 3, "1", 1}};
    hk_http_header host = {"host", 4, "evil", 4};
    hk_http_header ws = {"Sec-WebSocket-Accept", 20, "x", 1};
    hk_http_header inj = {"X-B", 3, "1\r\nX-C: 2", 9};
    char buf[1024];
    hk_http_header hdrs[32];
    hk_http_message msg;
    (void)state;
    spec_init(&s, "ws://a/");
    s.protocols = "chat, superchat";
    s.protocols_len = 15;
    s.origin = "http://a";
    s.origin_len = 8;
    s.extensions = "permessage-deflate; client_max_window_bits";
    s.extensions_len = strlen(s.extensions);
    s.headers = extra;
    s.num_headers = 2;
    assert_int_equal(build(&s, buf, sizeof buf), HK_OK);
    /* what we build parses back as a valid upgrade request */
    msg.size = sizeof msg;
    assert_true(hk_http_parse_request(buf, strlen(buf), hdrs, 32, &msg) == (hk_ssize)strlen(buf));
    {
        hk_ws_request r;
        r.size = sizeof r;
        assert_int_equal(hk_ws_server_check(&msg, &r), HK_OK);
        assert_int_equal(r.num_protocols, 2);
        assert_int_equal(r.num_extensions, 1);
        assert_int_equal(r.origin_len, 8);
    }
    assert_non_null(strstr(buf, "\r\nAuthorization: Bearer x\r\nX-A: 1\r\n\r\n"));
    /* bad protocol lists: not tokens, empty, repeated */
    s.protocols = "a b";
    s.protocols_len = 3;
    assert_int_equal(build(&s, buf, sizeof buf), HK_ERR_HS_PROTOCOL);
    s.protocols = " , ";
    assert_int_equal(build(&s, buf, sizeof buf), HK_ERR_HS_PROTOCOL);
    s.protocols = "a,a";
    assert_int_equal(build(&s, buf, sizeof buf), HK_ERR_HS_PROTOCOL);
    s.protocols = NULL;
    s.protocols_len = 0;
    s.extensions = ";x";
    s.extensions_len = 2;
    assert_int_equal(build(&s, buf, sizeof buf), HK_ERR_HS_EXTENSION);
    s.extensions = NULL;
    s.extensions_len = 0;
    s.headers = &host;
    s.num_headers = 1;
    assert_int_equal(build(&s, buf, sizeof buf), HK_ERR_INVALID_ARG);
    s.headers = &ws;
    assert_int_equal(build(&s, buf, sizeof buf), HK_ERR_INVALID_ARG);
    s.headers = &inj;
    assert_int_equal(build(&s, buf, sizeof buf), HK_ERR_HTTP_HEADER_VALUE);
    s.headers = NULL;
    s.num_headers = 0;
    s.key_len = 23;
    assert_int_equal(build(&s, buf, sizeof buf), HK_ERR_HS_KEY);
    s.key_len = 24;
    {
        size_t len = 0;
        assert_int_equal(hk_ws_client_build_request(&s, NULL, 0, &len), HK_ERR_BUFFER_TOO_SMALL);
        assert_true(len > 100);
    }
}

#define RESP_OK                                                                       \
    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" \
    "Sec-WebSocket-Accept: " RFC_ACCEPT "\r\n"

static int check_resp(const char *resp, const char *protocols, const char *exts,
                      hk_ws_client_result *res)
{
    hk_ws_client_spec s;
    hk_http_header hdrs[32];
    hk_http_message msg;
    hk_ws_client_result tmp;
    hk_ssize n;
    spec_init(&s, "ws://a/");
    s.protocols = protocols;
    s.protocols_len = protocols ? strlen(protocols) : 0;
    s.extensions = exts;
    s.extensions_len = exts ? strlen(exts) : 0;
    msg.size = sizeof msg;
    n = hk_http_parse_response(resp, strlen(resp), "GET", 3, hdrs, 32, &msg);
    if (n < 0)
        return (int)n;
    if (res == NULL)
        res = &tmp;
    res->size = sizeof *res;
    return hk_ws_client_check(&s, &msg, res);
}

static void test_response_ok(void **state)
{
    hk_ws_client_result r;
    (void)state;
    assert_int_equal(check_resp(RESP_OK "\r\n", NULL, NULL, &r), HK_OK);
    assert_null(r.protocol);
    assert_null(r.extensions);
    assert_int_equal(check_resp("HTTP/1.1 101 OK\r\nupgrade: WEBSOCKET\r\n"
                                "connection: keep-alive, upgrade\r\n"
                                "sec-websocket-accept: " RFC_ACCEPT "\r\n"
                                "Sec-WebSocket-Protocol: superchat\r\n\r\n",
                                "chat, superchat", NULL, &r),
                     HK_OK);
    assert_int_equal(r.protocol_len, 9);
    assert_memory_equal(r.protocol, "superchat", 9);
    assert_int_equal(check_resp(RESP_OK "Sec-WebSocket-Extensions: permessage-deflate; "
                                        "server_no_context_takeover\r\n\r\n",
                                NULL, "permessage-deflate; client_max_window_bits", &r),
                     HK_OK);
    assert_non_null(r.extensions);
}

static void test_response_bad(void **state)
{
    static const struct {
        const char *resp, *protocols, *exts;
        int err;
    } cases[] = {
        {"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", NULL, NULL, HK_ERR_HS_STATUS},
        {"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", NULL, NULL, HK_ERR_HS_STATUS},
        {"HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n\r\n", NULL, NULL,
         HK_ERR_HS_STATUS},
        {"HTTP/1.1 101 S\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " RFC_ACCEPT "\r\n\r\n",
         NULL, NULL, HK_ERR_HS_UPGRADE},
        {"HTTP/1.1 101 S\r\nUpgrade: websocket, h2c\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Accept: " RFC_ACCEPT "\r\n\r\n",
         NULL, NULL, HK_ERR_HS_UPGRADE},
        {RESP_OK "Upgrade: websocket\r\n\r\n", NULL, NULL, HK_ERR_HS_DUPLICATE_HEADER},
        {RESP_OK "Sec-WebSocket-Accept: " RFC_ACCEPT "\r\n\r\n", NULL, NULL,
         HK_ERR_HS_DUPLICATE_HEADER},
        {"HTTP/1.1 101 S\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: " RFC_ACCEPT "\r\n\r\n",
         NULL, NULL, HK_ERR_HS_CONNECTION},
        {"HTTP/1.1 101 S\r\nUpgrade: websocket\r\nConnection: close\r\n"
         "Sec-WebSocket-Accept: " RFC_ACCEPT "\r\n\r\n",
         NULL, NULL, HK_ERR_HS_CONNECTION},
        {"HTTP/1.1 101 S\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", NULL, NULL,
         HK_ERR_HS_ACCEPT},
        {"HTTP/1.1 101 S\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOp=\r\n\r\n",
         NULL, NULL, HK_ERR_HS_ACCEPT},
        {"HTTP/1.1 101 S\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Accept: S3PPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
         NULL, NULL, HK_ERR_HS_ACCEPT},
        {"HTTP/1.1 101 S\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Accept: " RFC_KEY "\r\n\r\n",
         NULL, NULL, HK_ERR_HS_ACCEPT},
        {RESP_OK "Sec-WebSocket-Protocol: chat\r\n\r\n", NULL, NULL, HK_ERR_HS_PROTOCOL},
        {RESP_OK "Sec-WebSocket-Protocol: other\r\n\r\n", "chat", NULL, HK_ERR_HS_PROTOCOL},
        {RESP_OK "Sec-WebSocket-Protocol: chat, superchat\r\n\r\n", "chat, superchat", NULL,
         HK_ERR_HS_PROTOCOL},
        {RESP_OK "Sec-WebSocket-Protocol: Chat\r\n\r\n", "chat", NULL, HK_ERR_HS_PROTOCOL},
        {RESP_OK "Sec-WebSocket-Protocol: chat\r\nSec-WebSocket-Protocol: chat\r\n\r\n", "chat",
         NULL, HK_ERR_HS_DUPLICATE_HEADER},
        {RESP_OK "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n", NULL, NULL,
         HK_ERR_HS_EXTENSION},
        {RESP_OK "Sec-WebSocket-Extensions: x-other\r\n\r\n", NULL, "permessage-deflate",
         HK_ERR_HS_EXTENSION},
        {RESP_OK "Sec-WebSocket-Extensions: ;\r\n\r\n", NULL, "permessage-deflate",
         HK_ERR_HS_EXTENSION},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = check_resp(cases[i].resp, cases[i].protocols, cases[i].exts, NULL);
        if (rc != cases[i].err)
            fail_msg("case %zu: got %s, want %s", i, hk_error_name(rc),
                     hk_error_name(cases[i].err));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_urls),
        cmocka_unit_test(test_request_options),
        cmocka_unit_test(test_response_ok),
        cmocka_unit_test(test_response_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
