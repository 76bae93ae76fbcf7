/*
 * Server side of the opening handshake (pure layer): accept key vector,
 * request validation matrix, subprotocol selection, 101 and error
 * responses.
 */
#include <stdio.h>
#include <string.h>

#include "hk_test.h"

/* RFC 6455 section 1.3 and 4.2.2: the example key and its accept value. */
#define RFC_KEY "dGhlIHNhbXBsZSBub25jZQ=="
#define RFC_ACCEPT "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

static hk_http_header hdrs[64];

static int parse_req(const char *req, hk_http_message *msg)
{
    hk_ssize n;
    msg->size = sizeof *msg;
    n = hk_http_parse_request(req, strlen(req), hdrs, 64, msg);
    return n < 0 ? (int)n : HK_OK;
}

/* Parse and check; returns the first error (parser or handshake). */
static int check_req(const char *req, hk_ws_request *out)
{
    hk_http_message msg;
    hk_ws_request tmp;
    int rc = parse_req(req, &msg);
    if (out == NULL)
        out = &tmp;
    out->size = sizeof *out;
    if (rc != HK_OK)
        return rc;
    return hk_ws_server_check(&msg, out);
}

static void test_accept_vector(void **state)
{
    char out[HK_WS_ACCEPT_LEN];
    (void)state;
    assert_int_equal(hk_ws_accept_key(RFC_KEY, strlen(RFC_KEY), out), HK_OK);
    assert_memory_equal(out, RFC_ACCEPT, HK_WS_ACCEPT_LEN);
    /* 15 and 17 byte keys, a bad character, non-canonical trailing bits */
    assert_int_equal(hk_ws_accept_key("dGhlIHNhbXBsZSBub25jZQ=", 23, out), HK_ERR_HS_KEY);
    assert_int_equal(hk_ws_accept_key("dGhlIHNhbXBsZSBub25jZX==", 24, out), HK_ERR_HS_KEY);
    assert_int_equal(hk_ws_accept_key("dGhlIHNhbXBsZSBub25jZQ", 22, out), HK_ERR_HS_KEY);
    assert_int_equal(hk_ws_accept_key("dGhlIHNhbXBsZSBub25j!Q==", 24, out), HK_ERR_HS_KEY);
    assert_int_equal(hk_ws_accept_key("dGhlIHNhbXBsZSBub25jZR==", 24, out), HK_ERR_HS_KEY);
    assert_int_equal(hk_ws_accept_key(NULL, 0, out), HK_ERR_INVALID_ARG);
}

static void test_client_key(void **state)
{
    hk_test_rng rng;
    char k1[HK_WS_KEY_LEN], k2[HK_WS_KEY_LEN], acc[HK_WS_ACCEPT_LEN];
    (void)state;
    hk_test_rng_seed(&rng, 1);
    assert_int_equal(hk_ws_client_key(hk_test_random, &rng, k1), HK_OK);
    assert_int_equal(hk_ws_client_key(hk_test_random, &rng, k2), HK_OK);
    assert_memory_not_equal(k1, k2, HK_WS_KEY_LEN);
    assert_int_equal(hk_ws_accept_key(k1, HK_WS_KEY_LEN, acc), HK_OK);
    assert_int_equal(hk_ws_client_key(NULL, NULL, k1), HK_OK); /* OS source */
    assert_int_equal(hk_ws_accept_key(k1, HK_WS_KEY_LEN, acc), HK_OK);
    assert_int_equal(hk_ws_client_key(NULL, NULL, NULL), HK_ERR_INVALID_ARG);
}

#define REQ_HEAD "GET /chat?x=1 HTTP/1.1\r\nHost: server.example.com\r\n"
#define REQ_REST                                                                  \
    "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " RFC_KEY "\r\n" \
    "Sec-WebSocket-Version: 13\r\n"

static void test_valid_request(void **state)
{
    hk_ws_request r;
    (void)state;
    /* RFC 6455 section 1.2's example request */
    assert_int_equal(check_req(REQ_HEAD REQ_REST "Origin: http://example.com\r\n"
                                                 "Sec-WebSocket-Protocol: chat, superchat\r\n\r\n",
                               &r),
                     HK_OK);
    assert_int_equal(r.target_len, 9);
    assert_memory_equal(r.target, "/chat?x=1", 9);
    assert_int_equal(r.host_len, 18);
    assert_int_equal(r.origin_len, 18);
    assert_memory_equal(r.origin, "http://example.com", 18);
    assert_int_equal(r.key_len, 24);
    assert_int_equal(r.num_protocols, 2);
    assert_int_equal(r.num_extensions, 0);
    /* case-insensitive tokens, list syntax, repeated Connection fields */
    assert_int_equal(check_req("GET / HTTP/1.1\r\nhost: a\r\nUPGRADE: WebSocket\r\n"
                               "connection: keep-alive, UPGRADE\r\n"
                               "sec-websocket-key: " RFC_KEY "\r\nsec-websocket-version: 13\r\n\r\n",
                               &r),
                     HK_OK);
    assert_null(r.origin);
    assert_int_equal(check_req("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: foo/2, websocket\r\n"
                               "Connection: keep-alive\r\nConnection: Upgrade\r\n"
                               "Sec-WebSocket-Key: " RFC_KEY "\r\nSec-WebSocket-Version: 13\r\n"
                               "Sec-WebSocket-Protocol: a\r\nSec-WebSocket-Protocol: b, c\r\n"
                               "Sec-WebSocket-Extensions: permessage-deflate; "
                               "client_max_window_bits, x-foo; a=\"1\"\r\n"
                               "Content-Length: 0\r\n\r\n",
                               &r),
                     HK_OK);
    assert_int_equal(r.num_protocols, 3);
    assert_int_equal(r.num_extensions, 2);
}

static const struct {
    const char *req;
    int err;
    int status;
} bad_requests[] = {
    {"POST / HTTP/1.1\r\nHost: a\r\n" REQ_REST "\r\n", HK_ERR_HS_METHOD, 405},
    {"get / HTTP/1.1\r\nHost: a\r\n" REQ_REST "\r\n", HK_ERR_HS_METHOD, 405},
    {"GET / HTTP/1.0\r\nHost: a\r\n" REQ_REST "\r\n", HK_ERR_HS_HTTP_VERSION, 400},
    {"GET / HTTP/2.0\r\nHost: a\r\n" REQ_REST "\r\n", HK_ERR_HTTP_VERSION, 505},
    {"GET / HTTP/1.1\r\n" REQ_REST "\r\n", HK_ERR_HTTP_HOST, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n" REQ_REST "\r\n", HK_ERR_HTTP_HOST, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n" REQ_REST "\r\nhello", HK_ERR_HS_BODY,
     400},
    {"GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n" REQ_REST "\r\n0\r\n\r\n",
     HK_ERR_HS_BODY, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n" REQ_REST "Upgrade: websocket\r\n\r\n",
     HK_ERR_HS_DUPLICATE_HEADER, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n" REQ_REST "Sec-WebSocket-Key: " RFC_KEY "\r\n\r\n",
     HK_ERR_HS_DUPLICATE_HEADER, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n" REQ_REST "Sec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_DUPLICATE_HEADER, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " RFC_KEY
     "\r\nSec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_UPGRADE, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Key: " RFC_KEY "\r\nSec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_UPGRADE, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocketx\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Key: " RFC_KEY "\r\nSec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_UPGRADE, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
     "Sec-WebSocket-Key: " RFC_KEY "\r\nSec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_CONNECTION, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n"
     "Sec-WebSocket-Key: " RFC_KEY "\r\nSec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_CONNECTION, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgradex\r\n"
     "Sec-WebSocket-Key: " RFC_KEY "\r\nSec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_CONNECTION, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Key: " RFC_KEY "\r\n\r\n",
     HK_ERR_HS_WS_VERSION, 426},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Key: " RFC_KEY "\r\nSec-WebSocket-Version: 8\r\n\r\n",
     HK_ERR_HS_WS_VERSION, 426},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Key: " RFC_KEY "\r\nSec-WebSocket-Version: 13, 8\r\n\r\n",
     HK_ERR_HS_WS_VERSION, 426},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_KEY, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA=\r\nSec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_KEY, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAA=\r\nSec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_KEY, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAAA\r\nSec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_KEY, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
     "Sec-WebSocket-Key: \r\nSec-WebSocket-Version: 13\r\n\r\n",
     HK_ERR_HS_KEY, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n" REQ_REST "Sec-WebSocket-Protocol: a b\r\n\r\n",
     HK_ERR_HS_PROTOCOL, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n" REQ_REST "Sec-WebSocket-Protocol: \r\n\r\n",
     HK_ERR_HS_PROTOCOL, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n" REQ_REST "Sec-WebSocket-Protocol: \"a\"\r\n\r\n",
     HK_ERR_HS_PROTOCOL, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n" REQ_REST "Sec-WebSocket-Extensions: ;x\r\n\r\n",
     HK_ERR_HS_EXTENSION, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n" REQ_REST "Sec-WebSocket-Extensions: a; b=\"c\r\n\r\n",
     HK_ERR_HS_EXTENSION, 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n" REQ_REST "Bad Name: x\r\n\r\n", HK_ERR_HTTP_HEADER_NAME,
     400},
    {"GET / HTTP/1.1\r\nHost: a\r\n" REQ_REST " folded\r\n\r\n", HK_ERR_HTTP_OBS_FOLD, 400},
    {"GET / HTTP/1.1\r\nHost : a\r\n" REQ_REST "\r\n", HK_ERR_HTTP_SPACE_BEFORE_COLON, 400},
};

static void test_bad_requests(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad_requests / sizeof bad_requests[0]; i++) {
        int rc = check_req(bad_requests[i].req, NULL);
        if (rc != bad_requests[i].err)
            fail_msg("case %zu: got %s, want %s", i, hk_error_name(rc),
                     hk_error_name(bad_requests[i].err));
        assert_int_equal(hk_ws_handshake_status(rc), bad_requests[i].status);
    }
}

static void test_select_protocol(void **state)
{
    hk_http_message msg;
    const char *p;
    size_t n;
    (void)state;
    assert_int_equal(parse_req(REQ_HEAD REQ_REST "Sec-WebSocket-Protocol: chat, superchat\r\n"
                                                 "Sec-WebSocket-Protocol: v3\r\n\r\n",
                               &msg),
                     HK_OK);
    /* server preference order wins over the client's */
    assert_int_equal(hk_ws_select_protocol(&msg, "superchat, chat", 15, &p, &n), HK_OK);
    assert_int_equal(n, 9);
    assert_memory_equal(p, "superchat", 9);
    assert_int_equal(hk_ws_select_protocol(&msg, "x, v3", 5, &p, &n), HK_OK);
    assert_int_equal(n, 2);
    assert_memory_equal(p, "v3", 2);
    /* case-sensitive (RFC 6455 section 11.3.4) */
    assert_int_equal(hk_ws_select_protocol(&msg, "CHAT", 4, &p, &n), HK_OK);
    assert_null(p);
    assert_int_equal(n, 0);
    assert_int_equal(hk_ws_select_protocol(&msg, "a b", 3, &p, &n), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_request_offers_protocol(&msg, "chat", 4), 1);
    assert_int_equal(hk_ws_request_offers_protocol(&msg, "cha", 3), 0);
    /* nothing offered */
    assert_int_equal(parse_req(REQ_HEAD REQ_REST "\r\n", &msg), HK_OK);
    assert_int_equal(hk_ws_select_protocol(&msg, "chat", 4, &p, &n), HK_OK);
    assert_null(p);
}

static void test_build_accept(void **state)
{
    hk_ws_accept_spec spec;
    hk_http_header extra = {"Set-Cookie", 10, "a=b", 3};
    hk_http_header bad = {"Sec-WebSocket-Accept", 20, "x", 1};
    char buf[512];
    size_t len = 0;
    const char *want = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                       "Connection: Upgrade\r\nSec-WebSocket-Accept: " RFC_ACCEPT "\r\n"
                       "Sec-WebSocket-Protocol: chat\r\nSet-Cookie: a=b\r\n\r\n";
    (void)state;
    memset(&spec, 0, sizeof spec);
    spec.size = sizeof spec;
    spec.key = RFC_KEY;
    spec.key_len = 24;
    spec.protocol = "chat";
    spec.protocol_len = 4;
    spec.headers = &extra;
    spec.num_headers = 1;
    assert_int_equal(hk_ws_server_build_accept(&spec, buf, sizeof buf, &len), HK_OK);
    assert_int_equal(len, strlen(want));
    assert_memory_equal(buf, want, len);
    /* measuring, too small */
    assert_int_equal(hk_ws_server_build_accept(&spec, NULL, 0, &len), HK_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(len, strlen(want));
    assert_int_equal(hk_ws_server_build_accept(&spec, buf, 10, &len), HK_ERR_BUFFER_TOO_SMALL);
    /* reserved extra fields, two protocols, bad key */
    spec.headers = &bad;
    assert_int_equal(hk_ws_server_build_accept(&spec, buf, sizeof buf, &len), HK_ERR_INVALID_ARG);
    spec.headers = NULL;
    spec.num_headers = 0;
    spec.protocol = "a, b";
    assert_int_equal(hk_ws_server_build_accept(&spec, buf, sizeof buf, &len), HK_ERR_INVALID_ARG);
    spec.protocol = NULL;
    spec.protocol_len = 0;
    spec.key_len = 23;
    assert_int_equal(hk_ws_server_build_accept(&spec, buf, sizeof buf, &len), HK_ERR_HS_KEY);
}

static void test_build_reject(void **state)
{
    char buf[512];
    size_t len = 0;
    hk_http_message msg;
    hk_ssize n;
    (void)state;
    assert_int_equal(hk_ws_server_build_reject(426, "upgrade required", 16, NULL, 0, buf,
                                               sizeof buf, &len),
                     HK_OK);
    msg.size = sizeof msg;
    n = hk_http_parse_response(buf, len, "GET", 3, hdrs, 64, &msg);
    assert_true(n > 0);
    assert_int_equal(msg.status, 426);
    assert_int_equal(hk_http_header_count(hdrs, msg.num_headers, "Sec-WebSocket-Version", 21), 1);
    assert_true(hk_http_list_has_token(hdrs, msg.num_headers, "Connection", 10, "close", 5) == 1);
    assert_int_equal(msg.content_length, 16);
    assert_memory_equal(buf + n, "upgrade required", 16);
    assert_int_equal(hk_ws_server_build_reject(400, NULL, 0, NULL, 0, buf, sizeof buf, &len),
                     HK_OK);
    assert_memory_equal(buf, "HTTP/1.1 400 Bad Request\r\n", 26);
    assert_int_equal(hk_ws_server_build_reject(101, NULL, 0, NULL, 0, buf, sizeof buf, &len),
                     HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_server_build_reject(403, "a\r\n", 3, NULL, 0, buf, sizeof buf, &len),
                     HK_OK); /* the body may hold anything */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accept_vector),  cmocka_unit_test(test_client_key),
        cmocka_unit_test(test_valid_request),  cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_select_protocol), cmocka_unit_test(test_build_accept),
        cmocka_unit_test(test_build_reject),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
