/*
 * test_http_build.c - the builder: exact output, size reporting, writer
 * mode, injection attempts rejected with their specific error, chunked
 * streaming, and builder -> parser round trips (also at random splits).
 */
#include "http_test_util.h"

#define S(x) x, sizeof(x) - 1

typedef struct {
    char data[8192];
    size_t len;
    int fail_after; /* fail the n-th call (1-based), 0 never */
    int calls;
    int ret;
} sink;

static int sink_write(void *user, const char *d, size_t n)
{
    sink *s = user;
    s->calls++;
    if (s->fail_after && s->calls >= s->fail_after)
        return s->ret;
    assert_true(s->len + n <= sizeof s->data);
    memcpy(s->data + s->len, d, n);
    s->len += n;
    return 0;
}

static void test_request_exact(void **state)
{
    static const char want[] = "POST /hooks/1?x=y HTTP/1.1\r\n"
                               "Host: example.com:8443\r\n"
                               "Content-Type: application/json\r\n"
                               "webhook-id: msg_2KWPBgLlAfxdpx2AI54pPJ85f4W\r\n"
                               "Content-Length: 13\r\n"
                               "\r\n"
                               "{\"a\":\"hello\"}";
    hk_http_builder b;
    char buf[512];
    size_t len;
    (void)state;
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("POST"), S("/hooks/1?x=y"),
                                                  S("example.com:8443")),
                     HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Content-Type"), S("application/json")), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("webhook-id"),
                                            S("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")),
                     HK_OK);
    assert_int_equal(hk_http_builder_body(&b, S("{\"a\":\"hello\"}")), HK_OK);
    assert_int_equal(hk_http_builder_finish(&b, &len), HK_OK);
    assert_int_equal(len, sizeof want - 1);
    assert_memory_equal(buf, want, len);
}

static void test_response_exact(void **state)
{
    static const char want101[] = "HTTP/1.1 101 Switching Protocols\r\n"
                                  "Upgrade: websocket\r\n"
                                  "Connection: Upgrade\r\n"
                                  "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                                  "\r\n";
    static const char want204[] = "HTTP/1.1 204 No Content\r\n\r\n";
    static const char want200[] = "HTTP/1.1 200 Fine\r\nContent-Length: 0\r\n\r\n";
    static const hk_http_header h101[] = {
        {S("Upgrade"), S("websocket")},
        {S("Connection"), S("Upgrade")},
        {S("Sec-WebSocket-Accept"), S("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")},
    };
    hk_http_response_spec spec;
    char buf[512];
    size_t len;
    (void)state;
    memset(&spec, 0, sizeof spec);
    spec.size = sizeof spec;
    spec.status = 101;
    spec.headers = h101;
    spec.num_headers = 3;
    assert_int_equal(hk_http_build_response(&spec, buf, sizeof buf, &len), HK_OK);
    assert_int_equal(len, sizeof want101 - 1);
    assert_memory_equal(buf, want101, len);
    memset(&spec, 0, sizeof spec);
    spec.size = sizeof spec;
    spec.status = 204;
    assert_int_equal(hk_http_build_response(&spec, buf, sizeof buf, &len), HK_OK);
    assert_int_equal(len, sizeof want204 - 1);
    assert_memory_equal(buf, want204, len);
    spec.status = 200;
    spec.reason = "Fine";
    spec.reason_len = 4;
    assert_int_equal(hk_http_build_response(&spec, buf, sizeof buf, &len), HK_OK);
    assert_int_equal(len, sizeof want200 - 1);
    assert_memory_equal(buf, want200, len);
    /* a body on a 204 is refused */
    spec.status = 204;
    spec.body = "x";
    spec.body_len = 1;
    assert_int_equal(hk_http_build_response(&spec, buf, sizeof buf, &len), HK_ERR_INVALID_ARG);
    assert_string_equal(hk_http_status_reason(101), "Switching Protocols");
    assert_string_equal(hk_http_status_reason(429), "Too Many Requests");
    assert_string_equal(hk_http_status_reason(599), "");
}

static void test_size_reporting(void **state)
{
    hk_http_request_spec spec;
    char full[256], small[256];
    size_t need, len, cap;
    (void)state;
    memset(&spec, 0, sizeof spec);
    spec.size = sizeof spec;
    spec.method = "POST";
    spec.method_len = 4;
    spec.target = "/";
    spec.target_len = 1;
    spec.host = "h";
    spec.host_len = 1;
    /* no body on POST still says Content-Length: 0 (RFC 9110 section 8.6) */
    assert_int_equal(hk_http_build_request(&spec, full, sizeof full, &need), HK_OK);
    assert_memory_equal(full, "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n", need);
    for (cap = 0; cap < need; cap++) {
        memset(small, 0x55, sizeof small);
        assert_int_equal(hk_http_build_request(&spec, cap ? small : NULL, cap, &len),
                         HK_ERR_BUFFER_TOO_SMALL);
        assert_int_equal(len, need);
        assert_int_equal((unsigned char)small[cap], 0x55); /* nothing past cap */
    }
    assert_int_equal(hk_http_build_request(&spec, small, need, &len), HK_OK);
    assert_int_equal(len, need);
    assert_memory_equal(small, full, need);
    /* GET without body: no Content-Length */
    spec.method = "GET";
    spec.method_len = 3;
    assert_int_equal(hk_http_build_request(&spec, full, sizeof full, &len), HK_OK);
    assert_memory_equal(full, "GET / HTTP/1.1\r\nHost: h\r\n\r\n", len);
    spec.size = 4;
    assert_int_equal(hk_http_build_request(&spec, full, sizeof full, &len), HK_ERR_INVALID_ARG);
}

static void test_writer_mode(void **state)
{
    hk_http_request_spec spec;
    sink s;
    char buf[512];
    size_t len;
    static const hk_http_header hdr[] = {{S("X-A"), S("1")}};
    (void)state;
    memset(&spec, 0, sizeof spec);
    memset(&s, 0, sizeof s);
    spec.size = sizeof spec;
    spec.method = "PUT";
    spec.method_len = 3;
    spec.target = "/r";
    spec.target_len = 2;
    spec.host = "h";
    spec.host_len = 1;
    spec.headers = hdr;
    spec.num_headers = 1;
    spec.body = "data";
    spec.body_len = 4;
    assert_int_equal(hk_http_write_request(&spec, sink_write, &s), HK_OK);
    assert_int_equal(hk_http_build_request(&spec, buf, sizeof buf, &len), HK_OK);
    assert_int_equal(s.len, len);
    assert_memory_equal(s.data, buf, len);
    /* callback failures: a negative hk_error passes through, others become
     * HK_ERR_CALLBACK; both sticky */
    memset(&s, 0, sizeof s);
    s.fail_after = 3;
    s.ret = HK_ERR_IO;
    assert_int_equal(hk_http_write_request(&spec, sink_write, &s), HK_ERR_IO);
    memset(&s, 0, sizeof s);
    s.fail_after = 1;
    s.ret = 7;
    assert_int_equal(hk_http_write_request(&spec, sink_write, &s), HK_ERR_CALLBACK);
    {
        hk_http_builder b;
        memset(&s, 0, sizeof s);
        s.fail_after = 1;
        s.ret = -1000;
        hk_http_builder_init_writer(&b, sink_write, &s);
        assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), -1000);
        assert_int_equal(hk_http_builder_end_head(&b), -1000);
        assert_int_equal(hk_http_builder_finish(&b, &len), -1000);
    }
}

typedef struct {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
    int err;
} hdr_case;

/* Nothing passed through the builder can add a field or split a message. */
static void test_injection_rejected(void **state)
{
    static const hdr_case hc[] = {
        {S("X"), S("a\r\nEvil: 1"), HK_ERR_HTTP_HEADER_VALUE},
        {S("X"), S("a\nEvil: 1"), HK_ERR_HTTP_HEADER_VALUE},
        {S("X"), S("a\rb"), HK_ERR_HTTP_HEADER_VALUE},
        {S("X"), S("a\0b"), HK_ERR_HTTP_HEADER_VALUE},
        {S("X"), S("a\x7f"), HK_ERR_HTTP_HEADER_VALUE},
        {S("X"), S(" a"), HK_ERR_HTTP_HEADER_VALUE},
        {S("X"), S("a\t"), HK_ERR_HTTP_HEADER_VALUE},
        {S("X\r\nEvil"), S("1"), HK_ERR_HTTP_HEADER_NAME},
        {S("X: y\r\nZ"), S("1"), HK_ERR_HTTP_HEADER_NAME},
        {S("X Y"), S("1"), HK_ERR_HTTP_HEADER_NAME},
        {S("X:"), S("1"), HK_ERR_HTTP_HEADER_NAME},
        {"", 0, S("1"), HK_ERR_HTTP_HEADER_NAME},
        {S("X\0"), S("1"), HK_ERR_HTTP_HEADER_NAME},
        {S("Content-Length"), S("1x"), HK_ERR_HTTP_CL_INVALID},
        {S("Content-Length"), S(""), HK_ERR_HTTP_CL_INVALID},
        {S("content-length"), S("99999999999999999999"), HK_ERR_HTTP_CL_OVERFLOW},
        {S("Transfer-Encoding"), S("gzip"), HK_ERR_HTTP_TE_NOT_CHUNKED},
        {S("Transfer-Encoding"), S("chunked, gzip"), HK_ERR_HTTP_TE_NOT_CHUNKED},
        {S("Transfer-Encoding"), S("chunked;x=1"), HK_ERR_HTTP_TE_INVALID},
        {S("Transfer-Encoding"), S(","), HK_ERR_HTTP_TE_INVALID},
        {S("Host"), S("second"), HK_ERR_HTTP_HOST},
    };
    hk_http_builder b;
    char buf[256];
    size_t i, len;
    (void)state;
    for (i = 0; i < sizeof hc / sizeof hc[0]; i++) {
        hk_http_builder_init(&b, buf, sizeof buf);
        assert_int_equal(hk_http_builder_request_line(&b, S("GET"), S("/"), S("h")), HK_OK);
        if (hk_http_builder_header(&b, hc[i].name, hc[i].name_len, hc[i].value,
                                   hc[i].value_len) != hc[i].err)
            fail_msg("header case %zu", i);
        /* sticky: the message cannot be finished */
        assert_int_equal(hk_http_builder_end_head(&b), hc[i].err);
        assert_int_equal(hk_http_builder_finish(&b, &len), hc[i].err);
    }
    /* start lines */
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("GET /x"), S("/"), S("h")),
                     HK_ERR_HTTP_METHOD);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("GET"), S("/ HTTP/1.1\r\nX: y\r\n"),
                                                  S("h")),
                     HK_ERR_HTTP_TARGET);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("GET"), S("/a b"), S("h")),
                     HK_ERR_HTTP_TARGET);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("GET"), "", 0, S("h")), HK_ERR_HTTP_TARGET);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("GET"), S("/"), S("h\r\nX: 1")),
                     HK_ERR_HTTP_HOST);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, S("OK\r\nX: 1")), HK_ERR_HTTP_REASON);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 99, NULL, 0), HK_ERR_HTTP_STATUS);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 600, NULL, 0), HK_ERR_HTTP_STATUS);
    /* framing conflicts */
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("POST"), S("/"), S("h")), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Content-Length"), S("3")), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Content-Length"), S("3")),
                     HK_ERR_HTTP_CL_MISMATCH);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("POST"), S("/"), S("h")), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Content-Length"), S("3")), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Transfer-Encoding"), S("chunked")),
                     HK_ERR_HTTP_TE_AND_CL);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("POST"), S("/"), S("h")), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Content-Length"), S("3")), HK_OK);
    assert_int_equal(hk_http_builder_body(&b, S("four")), HK_ERR_HTTP_CL_MISMATCH);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("POST"), S("/"), S("h")), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Content-Length"), S("3")), HK_OK);
    assert_int_equal(hk_http_builder_begin_chunked(&b), HK_ERR_HTTP_TE_AND_CL);
    /* Host is required in a request */
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("GET"), S("/"), NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_end_head(&b), HK_ERR_HTTP_HOST);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("GET"), S("/"), NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("host"), S("h")), HK_OK);
    assert_int_equal(hk_http_builder_end_head(&b), HK_OK);
    assert_int_equal(hk_http_builder_finish(&b, &len), HK_OK);
    /* out of sequence */
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_header(&b, S("X"), S("1")), HK_ERR_STATE);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_finish(&b, &len), HK_ERR_STATE);
    assert_int_equal(hk_http_builder_chunk(&b, "x", 1), HK_ERR_STATE);
}

static void test_explicit_length_streaming(void **state)
{
    hk_http_builder b;
    char buf[256];
    size_t len;
    (void)state;
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_header_uint(&b, S("Content-Length"), 10), HK_OK);
    assert_int_equal(hk_http_builder_end_head(&b), HK_OK);
    assert_int_equal(hk_http_builder_finish(&b, &len), HK_ERR_STATE); /* body missing */
    assert_int_equal(hk_http_builder_body_data(&b, "01234", 5), HK_OK);
    assert_int_equal(hk_http_builder_body_data(&b, "567", 3), HK_OK);
    assert_int_equal(hk_http_builder_body_data(&b, "89x", 3), HK_ERR_HTTP_BODY_TOO_LARGE);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_header_uint(&b, S("Content-Length"), 3), HK_OK);
    assert_int_equal(hk_http_builder_end_head(&b), HK_OK);
    assert_int_equal(hk_http_builder_body_data(&b, "abc", 3), HK_OK);
    assert_int_equal(hk_http_builder_finish(&b, &len), HK_OK);
    assert_memory_equal(buf, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc", len);
}

/* Chunked streaming through a small buffer swapped with reset_buffer, then
 * parsed back. */
static void test_chunked_roundtrip(void **state)
{
    static const hk_http_header trailers[] = {{S("X-Checksum"), S("abc123")},
                                              {S("Server-Timing"), S("db;dur=53")}};
    hk_http_builder b;
    char piece[128];
    char wire[4096];
    size_t wl = 0, len, i;
    ht_result r;
    hk_http_header t[4];
    size_t nt;
    (void)state;
    hk_http_builder_init(&b, piece, sizeof piece);
    assert_int_equal(hk_http_builder_request_line(&b, S("POST"), S("/stream"), S("h")), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Trailer"), S("X-Checksum, Server-Timing")),
                     HK_OK);
    assert_int_equal(hk_http_builder_begin_chunked(&b), HK_OK);
    for (i = 0; i < 20; i++) {
        char data[40];
        size_t used;
        memset(data, 'a' + (int)i, i + 1);
        /* drain what the head (or previous chunk) produced */
        used = hk_http_builder_buffered(&b);
        memcpy(wire + wl, piece, used);
        wl += used;
        assert_int_equal(hk_http_builder_reset_buffer(&b, piece, sizeof piece), HK_OK);
        assert_int_equal(hk_http_builder_chunk(&b, data, i + 1), HK_OK);
    }
    assert_int_equal(hk_http_builder_chunk(&b, NULL, 0), HK_OK);
    memcpy(wire + wl, piece, hk_http_builder_buffered(&b));
    wl += hk_http_builder_buffered(&b);
    assert_int_equal(hk_http_builder_reset_buffer(&b, piece, sizeof piece), HK_OK);
    assert_int_equal(hk_http_builder_end_chunked(&b, trailers, 2), HK_OK);
    memcpy(wire + wl, piece, hk_http_builder_buffered(&b));
    wl += hk_http_builder_buffered(&b);
    assert_int_equal(hk_http_builder_finish(&b, &len), HK_OK);
    assert_int_equal(len, wl);

    ht_check_all_splits(HK_HTTP_REQUEST, NULL, wire, wl, 0, &r);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.body_len, 210);
    assert_int_equal(r.body[0], 'a');
    assert_int_equal(r.body[209], 't');
    assert_int_equal(hk_http_parse_trailers(r.trailers, r.trailers_len, NULL, t, 4, &nt), HK_OK);
    assert_int_equal(nt, 2);
    assert_memory_equal(t[1].value, "db;dur=53", 9);
    ht_result_free(&r);

    /* overflowing a buffer and then swapping it is an error */
    hk_http_builder_init(&b, piece, 8);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_reset_buffer(&b, piece, 8), HK_ERR_BUFFER_TOO_SMALL);
}

/* Transfer-Encoding written by the caller, response writer, misuse. */
static void test_builder_te_and_misuse(void **state)
{
    hk_http_builder b;
    char buf[512];
    size_t len;
    ht_result r;
    hk_http_response_spec rs;
    sink s;
    static const hk_http_header bad_name[] = {{S("X Y"), S("1")}};
    static const hk_http_header bad_value[] = {{S("X"), S("1\r\n")}};
    (void)state;
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Transfer-Encoding"), S("gzip, chunked")),
                     HK_OK);
    assert_int_equal(hk_http_builder_end_head(&b), HK_OK);
    assert_int_equal(hk_http_builder_chunk(&b, S("zz")), HK_OK);
    assert_int_equal(hk_http_builder_end_chunked(&b, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_finish(&b, &len), HK_OK);
    assert_memory_equal(buf, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                             "2\r\nzz\r\n0\r\n\r\n", len);
    ht_run(&r, HK_HTTP_RESPONSE, "GET", NULL, buf, len, NULL, 0, 0);
    assert_int_equal(r.rc, HK_HTTP_EV_END);
    assert_int_equal(r.body_len, 2);
    ht_result_free(&r);
    /* begin_chunked after an explicit TE does not add a second one */
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Transfer-Encoding"), S("chunked")), HK_OK);
    assert_int_equal(hk_http_builder_begin_chunked(&b), HK_OK);
    assert_int_equal(hk_http_builder_end_chunked(&b, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_finish(&b, &len), HK_OK);
    assert_memory_equal(buf, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                        len);
    /* TE twice, CL after TE, body() after TE */
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Transfer-Encoding"), S("chunked")), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Transfer-Encoding"), S("chunked")),
                     HK_ERR_HTTP_TE_INVALID);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Transfer-Encoding"), S("chunked")), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Content-Length"), S("1")),
                     HK_ERR_HTTP_TE_AND_CL);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Transfer-Encoding"), S("chunked")), HK_OK);
    assert_int_equal(hk_http_builder_body(&b, S("x")), HK_ERR_STATE);
    /* no chunked body on 204; NULL data with a length; bad trailers */
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 204, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_begin_chunked(&b), HK_ERR_INVALID_ARG);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_begin_chunked(&b), HK_OK);
    assert_int_equal(hk_http_builder_chunk(&b, NULL, 3), HK_ERR_INVALID_ARG);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_begin_chunked(&b), HK_OK);
    assert_int_equal(hk_http_builder_end_chunked(&b, bad_name, 1), HK_ERR_HTTP_HEADER_NAME);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_begin_chunked(&b), HK_OK);
    assert_int_equal(hk_http_builder_end_chunked(&b, bad_value, 1), HK_ERR_HTTP_HEADER_VALUE);
    assert_int_equal(hk_http_builder_end_chunked(&b, NULL, 0), HK_ERR_HTTP_HEADER_VALUE);
    /* an invalid Host given as a field */
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("GET"), S("/"), NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Host"), S("a b")), HK_ERR_HTTP_HOST);
    hk_http_builder_init(&b, buf, sizeof buf);
    assert_int_equal(hk_http_builder_request_line(&b, S("GET"), S("/"), NULL, 0), HK_OK);
    assert_int_equal(hk_http_builder_header(&b, S("Host"), S("a/b")), HK_ERR_HTTP_HOST);
    /* writer init without a function */
    hk_http_builder_init_writer(&b, NULL, NULL);
    assert_int_equal(hk_http_builder_status_line(&b, 200, NULL, 0), HK_ERR_INVALID_ARG);
    /* the response writer gives the same bytes as the buffer builder */
    memset(&rs, 0, sizeof rs);
    rs.size = sizeof rs;
    rs.status = 429;
    rs.body = "slow down";
    rs.body_len = 9;
    memset(&s, 0, sizeof s);
    assert_int_equal(hk_http_write_response(&rs, sink_write, &s), HK_OK);
    assert_int_equal(hk_http_build_response(&rs, buf, sizeof buf, &len), HK_OK);
    assert_int_equal(s.len, len);
    assert_memory_equal(s.data, buf, len);
    assert_memory_equal(buf, "HTTP/1.1 429 Too Many Requests\r\nContent-Length: 9\r\n\r\nslow down",
                        len);
    assert_int_equal(hk_http_write_response(&rs, NULL, NULL), HK_ERR_INVALID_ARG);
}

static void rand_token(hk_test_rng *rng, char *out, size_t n)
{
    static const char tchar[] = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL"
                                "MNOPQRSTUVWXYZ";
    size_t i;
    for (i = 0; i < n; i++)
        out[i] = tchar[hk_test_rng_below(rng, sizeof tchar - 1)];
}

static void rand_value(hk_test_rng *rng, char *out, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        uint64_t k = hk_test_rng_below(rng, 10);
        if (k == 0)
            out[i] = '\t';
        else if (k == 1)
            out[i] = (char)(0x80 + hk_test_rng_below(rng, 0x80));
        else
            out[i] = (char)(0x20 + hk_test_rng_below(rng, 0x5f));
    }
    if (n > 0) {
        if (out[0] == ' ' || out[0] == '\t')
            out[0] = 'v';
        if (out[n - 1] == ' ' || out[n - 1] == '\t')
            out[n - 1] = 'v';
    }
}

/* Random requests and responses: build, parse (whole and at random
 * splits), compare every field and the body. */
static void test_random_roundtrips(void **state)
{
    hk_test_rng rng;
    int iter;
    (void)state;
    hk_test_rng_seed(&rng, 7);
    for (iter = 0; iter < 300; iter++) {
        char names[12][16], values[12][48], body[300], wire[4096];
        size_t nlen[12], vlen[12], nh = (size_t)hk_test_rng_below(&rng, 12), i, len, blen;
        int is_req = (int)hk_test_rng_below(&rng, 2), chunked = (int)hk_test_rng_below(&rng, 3) == 0;
        hk_http_builder b;
        ht_result whole;
        size_t cuts[3];
        blen = (size_t)hk_test_rng_below(&rng, sizeof body);
        hk_test_rng_fill(&rng, body, blen);
        hk_http_builder_init(&b, wire, sizeof wire);
        if (is_req)
            assert_int_equal(hk_http_builder_request_line(&b, S("POST"), S("/p?q=1"), S("h:1")),
                             HK_OK);
        else
            assert_int_equal(hk_http_builder_status_line(&b, 200 + (int)hk_test_rng_below(&rng, 4),
                                                         NULL, 0),
                             HK_OK);
        for (i = 0; i < nh; i++) {
            nlen[i] = 1 + (size_t)hk_test_rng_below(&rng, 15);
            vlen[i] = (size_t)hk_test_rng_below(&rng, 48);
            rand_token(&rng, names[i], nlen[i]);
            names[i][0] = 'X'; /* never a framing field */
            rand_value(&rng, values[i], vlen[i]);
            assert_int_equal(hk_http_builder_header(&b, names[i], nlen[i], values[i], vlen[i]),
                             HK_OK);
        }
        if (chunked) {
            size_t o = 0;
            assert_int_equal(hk_http_builder_begin_chunked(&b), HK_OK);
            while (o < blen) {
                size_t c = 1 + (size_t)hk_test_rng_below(&rng, 50);
                if (c > blen - o)
                    c = blen - o;
                assert_int_equal(hk_http_builder_chunk(&b, body + o, c), HK_OK);
                o += c;
            }
            assert_int_equal(hk_http_builder_end_chunked(&b, NULL, 0), HK_OK);
        } else {
            assert_int_equal(hk_http_builder_body(&b, body, blen), HK_OK);
        }
        assert_int_equal(hk_http_builder_finish(&b, &len), HK_OK);

        ht_run(&whole, is_req ? HK_HTTP_REQUEST : HK_HTTP_RESPONSE, is_req ? NULL : "POST", NULL,
               wire, len, NULL, 0, 0);
        assert_int_equal(whole.rc, HK_HTTP_EV_END);
        assert_int_equal(whole.consumed, len);
        assert_int_equal(whole.nh, nh + (is_req ? 1 : 0) + 1);
        for (i = 0; i < nh; i++) {
            size_t k = i + (is_req ? 1 : 0);
            assert_int_equal(strlen(whole.names[k]), nlen[i]);
            assert_memory_equal(whole.names[k], names[i], nlen[i]);
            assert_memory_equal(whole.values[k], values[i], vlen[i]);
            assert_int_equal(whole.values[k][vlen[i]], 0);
        }
        assert_int_equal(whole.body_len, blen);
        assert_memory_equal(whole.body, body, blen);
        for (i = 0; i < 3; i++)
            cuts[i] = (size_t)hk_test_rng_below(&rng, len + 1);
        if (cuts[0] > cuts[1]) { size_t t = cuts[0]; cuts[0] = cuts[1]; cuts[1] = t; }
        if (cuts[1] > cuts[2]) { size_t t = cuts[1]; cuts[1] = cuts[2]; cuts[2] = t; }
        if (cuts[0] > cuts[1]) { size_t t = cuts[0]; cuts[0] = cuts[1]; cuts[1] = t; }
        {
            ht_result r;
            ht_run(&r, is_req ? HK_HTTP_REQUEST : HK_HTTP_RESPONSE, is_req ? NULL : "POST", NULL,
                   wire, len, cuts, 3, 0);
            ht_assert_same(&whole, &r);
            ht_result_free(&r);
        }
        ht_result_free(&whole);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_exact),
        cmocka_unit_test(test_response_exact),
        cmocka_unit_test(test_size_reporting),
        cmocka_unit_test(test_writer_mode),
        cmocka_unit_test(test_injection_rejected),
        cmocka_unit_test(test_explicit_length_streaming),
        cmocka_unit_test(test_chunked_roundtrip),
        cmocka_unit_test(test_builder_te_and_misuse),
        cmocka_unit_test(test_random_roundtrips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
