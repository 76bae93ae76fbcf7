/*
 * test_http_malformed.c - the malformed-input matrix: every rejection rule
 * of the parser (RFC 9112 sections 2 to 7, RFC 9110 sections 5 and 8.6),
 * each case asserting its specific error, fed whole, at every split point
 * and byte by byte (the error must not depend on how the bytes arrive).
 */
#include "http_test_util.h"

#define REQ "GET / HTTP/1.1\r\nHost: a\r\n"
#define POST "POST / HTTP/1.1\r\nHost: a\r\n"
#define CHUNKED POST "Transfer-Encoding: chunked\r\n\r\n"
#define RESP "HTTP/1.1 200 OK\r\n"

typedef struct {
    int kind;         /* 'Q' request, 'R' response */
    const char *in;
    size_t len;       /* inputs may contain NUL */
    int err;
    int eof;          /* signal EOF after the input */
    size_t max_header_bytes, max_headers, max_chunk_line;
    uint64_t max_body;
} bad_case;

#define Q(in, err) {'Q', in, sizeof(in) - 1, err, 0, 0, 0, 0, 0}
#define R(in, err) {'R', in, sizeof(in) - 1, err, 0, 0, 0, 0, 0}
/* with options: eof, max_header_bytes, max_headers, max_chunk_line, max_body */
#define QO(in, err, ...) {'Q', in, sizeof(in) - 1, err, __VA_ARGS__}
#define RO(in, err, ...) {'R', in, sizeof(in) - 1, err, __VA_ARGS__}

static const bad_case cases[] = {
    /* CR or LF injected into a field name or value */
    Q(REQ "X-A\rB: v\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(REQ "X-A\nB: v\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(REQ "X\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(REQ "X: a\rb\r\n\r\n", HK_ERR_HTTP_BARE_CR),
    Q(REQ "X: a\nY: b\r\n\r\n", HK_ERR_HTTP_BARE_LF),
    Q(REQ "X: a\r\r\n\r\n", HK_ERR_HTTP_BARE_CR),
    Q(REQ "X: a\r \r\n\r\n", HK_ERR_HTTP_BARE_CR),
    R(RESP "X: a\rContent-Length: 0\r\n\r\n", HK_ERR_HTTP_BARE_CR),
    /* bare CR elsewhere */
    Q("GET / HTTP/1.1\rX", HK_ERR_HTTP_BARE_CR),
    Q(REQ "\rX", HK_ERR_HTTP_BARE_CR),
    Q("\rGET / HTTP/1.1\r\n", HK_ERR_HTTP_BARE_CR),
    Q("GET /a\rb HTTP/1.1\r\n", HK_ERR_HTTP_BARE_CR),
    R("HTTP/1.1 200 OK\rX", HK_ERR_HTTP_BARE_CR),
    Q(CHUNKED "5\rX", HK_ERR_HTTP_BARE_CR),
    Q(CHUNKED "3\r\nabc\rX", HK_ERR_HTTP_BARE_CR),
    Q(CHUNKED "0\r\nT: v\rX", HK_ERR_HTTP_BARE_CR),
    Q(CHUNKED "0\r\n\rX", HK_ERR_HTTP_BARE_CR),
    Q(CHUNKED "1;a=\"b\rc\"\r\nx\r\n0\r\n\r\n", HK_ERR_HTTP_BARE_CR),
    /* bare LF (strict by default) */
    Q("GET / HTTP/1.1\nHost: a\r\n\r\n", HK_ERR_HTTP_BARE_LF),
    Q(REQ "X: a\n\r\n", HK_ERR_HTTP_BARE_LF),
    Q(REQ "\n", HK_ERR_HTTP_BARE_LF),
    Q("\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_BARE_LF),
    R("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", HK_ERR_HTTP_BARE_LF),
    R("HTTP/1.1 200\nContent-Length: 0\r\n\r\n", HK_ERR_HTTP_BARE_LF),
    Q(CHUNKED "5\nhello\r\n0\r\n\r\n", HK_ERR_HTTP_BARE_LF),
    Q(CHUNKED "5;a=b\nhello\r\n0\r\n\r\n", HK_ERR_HTTP_BARE_LF),
    Q(CHUNKED "0\r\nT: v\n\r\n", HK_ERR_HTTP_BARE_LF),
    Q(CHUNKED "1;a=\"b\nc\"\r\nx\r\n0\r\n\r\n", HK_ERR_HTTP_BARE_LF),
    /* NUL and other control characters */
    Q(REQ "X: a\0b\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q(REQ "X: a\x01\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q(REQ "X: a\x7f\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q(REQ "X: \x1b[31m\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q(REQ "X\0: a\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q(REQ "\x0bX: a\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q("GET /\0 HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q("GET /\x7f HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q("GE\0T / HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    R("HTTP/1.1 200 O\x01K\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q(CHUNKED "1;a\x01\r\nx\r\n0\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q(CHUNKED "1;a=\"\0\"\r\nx\r\n0\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    Q(CHUNKED "0\r\nT: a\0\r\n\r\n", HK_ERR_HTTP_CONTROL_CHAR),
    /* whitespace between field name and colon (RFC 9112 section 5.1) */
    Q(POST "Content-Length : 5\r\n\r\nhello", HK_ERR_HTTP_SPACE_BEFORE_COLON),
    Q(POST "Transfer-Encoding\t: chunked\r\n\r\n", HK_ERR_HTTP_SPACE_BEFORE_COLON),
    Q("GET / HTTP/1.1\r\nHost  : a\r\n\r\n", HK_ERR_HTTP_SPACE_BEFORE_COLON),
    R(RESP "Content-Length : 1\r\n\r\nx", HK_ERR_HTTP_SPACE_BEFORE_COLON),
    Q(CHUNKED "0\r\nT : v\r\n\r\n", HK_ERR_HTTP_SPACE_BEFORE_COLON),
    Q(REQ "Ho st: a\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    /* obs-fold (RFC 9112 section 5.2) and whitespace before the first field */
    Q(REQ "X: a\r\n b\r\n\r\n", HK_ERR_HTTP_OBS_FOLD),
    Q(REQ "X: a\r\n\tb\r\n\r\n", HK_ERR_HTTP_OBS_FOLD),
    Q("GET / HTTP/1.1\r\n Host: a\r\n\r\n", HK_ERR_HTTP_OBS_FOLD),
    R(RESP "X: a\r\n  b\r\n\r\n", HK_ERR_HTTP_OBS_FOLD),
    Q(CHUNKED "0\r\nT: a\r\n b\r\n\r\n", HK_ERR_HTTP_OBS_FOLD),
    /* methods: tokens only */
    Q("G(ET / HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_METHOD),
    Q("GE\"T / HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_METHOD),
    Q(" GET / HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_METHOD),
    Q("GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_METHOD),
    Q("G\x80T / HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_METHOD),
    Q("GET\r\n", HK_ERR_HTTP_METHOD),
    /* field names: tokens only */
    Q(REQ "X@Y: v\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(REQ "X(Y): v\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(REQ ": v\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(REQ "X\x80: v\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(REQ "{X}: v\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(REQ "X/Y: v\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(REQ "\"X\": v\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(CHUNKED "0\r\nT@: v\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    Q(CHUNKED "0\r\nT\r\n\r\n", HK_ERR_HTTP_HEADER_NAME),
    /* request targets (RFC 9112 section 3.2) */
    Q("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_TARGET),
    Q("GET a HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_TARGET),
    Q("GET /\x80 HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_TARGET),
    Q("GET * HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_TARGET),
    Q("CONNECT /x HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_TARGET),
    Q("CONNECT example.com HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_TARGET),
    Q("GET 1http://x/ HTTP/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_TARGET),
    Q("GET \r\n", HK_ERR_HTTP_TARGET),
    /* Transfer-Encoding with Content-Length in a request (RFC 9112 6.1) */
    Q(POST "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", HK_ERR_HTTP_TE_AND_CL),
    Q(POST "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", HK_ERR_HTTP_TE_AND_CL),
    Q(POST "Transfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n0\r\n\r\n",
      HK_ERR_HTTP_TE_AND_CL),
    /* repeated Content-Length with differing values (RFC 9110 8.6) */
    Q(POST "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", HK_ERR_HTTP_CL_MISMATCH),
    Q(POST "Content-Length: 5, 6\r\n\r\n", HK_ERR_HTTP_CL_MISMATCH),
    Q(POST "Content-Length: 5\r\nContent-Length: 5, 50\r\n\r\n", HK_ERR_HTTP_CL_MISMATCH),
    R(RESP "Content-Length: 1\r\nContent-Length: 2\r\n\r\nx", HK_ERR_HTTP_CL_MISMATCH),
    /* malformed Content-Length */
    Q(POST "Content-Length: abc\r\n\r\n", HK_ERR_HTTP_CL_INVALID),
    Q(POST "Content-Length: -1\r\n\r\n", HK_ERR_HTTP_CL_INVALID),
    Q(POST "Content-Length: +5\r\n\r\n", HK_ERR_HTTP_CL_INVALID),
    Q(POST "Content-Length: 5 5\r\n\r\n", HK_ERR_HTTP_CL_INVALID),
    Q(POST "Content-Length:\r\n\r\n", HK_ERR_HTTP_CL_INVALID),
    Q(POST "Content-Length: 0x10\r\n\r\n", HK_ERR_HTTP_CL_INVALID),
    Q(POST "Content-Length: 5,\r\n\r\n", HK_ERR_HTTP_CL_INVALID),
    Q(POST "Content-Length: 1.5\r\n\r\n", HK_ERR_HTTP_CL_INVALID),
    R(RESP "Content-Length: \"1\"\r\n\r\nx", HK_ERR_HTTP_CL_INVALID),
    /* Content-Length overflow */
    Q(POST "Content-Length: 9223372036854775808\r\n\r\n", HK_ERR_HTTP_CL_OVERFLOW),
    Q(POST "Content-Length: 18446744073709551616\r\n\r\n", HK_ERR_HTTP_CL_OVERFLOW),
    Q(POST "Content-Length: 99999999999999999999999999\r\n\r\n", HK_ERR_HTTP_CL_OVERFLOW),
    R(RESP "Content-Length: 18446744073709551615\r\n\r\n", HK_ERR_HTTP_CL_OVERFLOW),
    /* chunk size */
    Q(CHUNKED "x\r\n", HK_ERR_HTTP_CHUNK_SIZE),
    Q(CHUNKED "\r\n", HK_ERR_HTTP_CHUNK_SIZE),
    Q(CHUNKED "-1\r\n", HK_ERR_HTTP_CHUNK_SIZE),
    Q(CHUNKED "0x5\r\nhello\r\n0\r\n\r\n", HK_ERR_HTTP_CHUNK_SIZE),
    Q(CHUNKED " 5\r\nhello\r\n0\r\n\r\n", HK_ERR_HTTP_CHUNK_SIZE),
    Q(CHUNKED "5g\r\nhello\r\n0\r\n\r\n", HK_ERR_HTTP_CHUNK_SIZE),
    /* chunk size overflow */
    Q(CHUNKED "10000000000000000\r\n", HK_ERR_HTTP_CHUNK_OVERFLOW),
    Q(CHUNKED "8000000000000000\r\n", HK_ERR_HTTP_CHUNK_OVERFLOW),
    Q(CHUNKED "fffffffffffffffff\r\n", HK_ERR_HTTP_CHUNK_OVERFLOW),
    /* chunk framing */
    Q(CHUNKED "3\r\nabcd\r\n0\r\n\r\n", HK_ERR_HTTP_CHUNK_FORMAT),
    Q(CHUNKED "5 \r\nhello\r\n0\r\n\r\n", HK_ERR_HTTP_CHUNK_FORMAT),
    Q(CHUNKED "1;a=b\"\r\nx\r\n0\r\n\r\n0\r\n\r\n", HK_ERR_HTTP_CHUNK_FORMAT),
    Q(CHUNKED "1;=b\r\nx\r\n0\r\n\r\n", HK_ERR_HTTP_CHUNK_FORMAT),
    Q(CHUNKED "1;a=\r\nx\r\n0\r\n\r\n", HK_ERR_HTTP_CHUNK_FORMAT),
    Q(CHUNKED "1;a b\r\nx\r\n0\r\n\r\n", HK_ERR_HTTP_CHUNK_FORMAT),
    Q(CHUNKED "1;a=\"b\"c\r\nx\r\n0\r\n\r\n", HK_ERR_HTTP_CHUNK_FORMAT),
    QO(CHUNKED "1;aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\nx\r\n0\r\n\r\n",
     HK_ERR_HTTP_CHUNK_FORMAT, 0, 0, 0, 32, 0),
    /* final transfer coding not chunked (request) */
    Q(POST "Transfer-Encoding: gzip\r\n\r\n", HK_ERR_HTTP_TE_NOT_CHUNKED),
    Q(POST "Transfer-Encoding: chunked, gzip\r\n\r\n", HK_ERR_HTTP_TE_NOT_CHUNKED),
    Q(POST "Transfer-Encoding: identity\r\n\r\n", HK_ERR_HTTP_TE_NOT_CHUNKED),
    Q(POST "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n",
      HK_ERR_HTTP_TE_NOT_CHUNKED),
    /* malformed Transfer-Encoding */
    Q(POST "Transfer-Encoding: chunked, chunked\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q(POST "Transfer-Encoding:\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q(POST "Transfer-Encoding: chunked;q=1\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q(POST "Transfer-Encoding: \"chunked\"\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q(POST "Transfer-Encoding: gzip;\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q(POST "Transfer-Encoding: ch@nked\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q(POST "Transfer-Encoding: gzip;level=\"1, chunked\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q(POST "Transfer-Encoding: gzip;=1, chunked\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q(POST "Transfer-Encoding: gzip;a, chunked\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q(POST "Transfer-Encoding: gzip;a=, chunked\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q(POST "Transfer-Encoding: gzip;a=b c, chunked\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    Q("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    R("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", HK_ERR_HTTP_TE_INVALID),
    /* versions other than HTTP/1.0 and HTTP/1.1 */
    Q("GET / HTTP/1.2\r\nHost: a\r\n\r\n", HK_ERR_HTTP_VERSION),
    Q("GET / HTTP/2.0\r\nHost: a\r\n\r\n", HK_ERR_HTTP_VERSION),
    Q("GET / HTTP/1.10\r\nHost: a\r\n\r\n", HK_ERR_HTTP_VERSION),
    Q("GET / http/1.1\r\nHost: a\r\n\r\n", HK_ERR_HTTP_VERSION),
    Q("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", HK_ERR_HTTP_VERSION),
    Q("GET /\r\n\r\n", HK_ERR_HTTP_VERSION),
    Q("GET / \r\n\r\n", HK_ERR_HTTP_VERSION),
    R("HTTP/1.1x200 OK\r\n\r\n", HK_ERR_HTTP_VERSION),
    R("HTTP/3 200 OK\r\n\r\n", HK_ERR_HTTP_VERSION),
    R("HTTP/0.9 200 OK\r\n\r\n", HK_ERR_HTTP_VERSION),
    /* status codes */
    R("HTTP/1.1 20 OK\r\n\r\n", HK_ERR_HTTP_STATUS),
    R("HTTP/1.1 2000 OK\r\n\r\n", HK_ERR_HTTP_STATUS),
    R("HTTP/1.1 600 X\r\n\r\n", HK_ERR_HTTP_STATUS),
    R("HTTP/1.1 099 X\r\n\r\n", HK_ERR_HTTP_STATUS),
    R("HTTP/1.1 abc OK\r\n\r\n", HK_ERR_HTTP_STATUS),
    R("HTTP/1.1  200 OK\r\n\r\n", HK_ERR_HTTP_STATUS),
    /* Host (RFC 9112 section 3.2) */
    Q("GET / HTTP/1.1\r\n\r\n", HK_ERR_HTTP_HOST),
    Q("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", HK_ERR_HTTP_HOST),
    Q("GET / HTTP/1.0\r\nHost: a\r\nhost: a\r\n\r\n", HK_ERR_HTTP_HOST),
    Q("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", HK_ERR_HTTP_HOST),
    Q("GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", HK_ERR_HTTP_HOST),
    Q("GET / HTTP/1.1\r\nHost: a:b\r\n\r\n", HK_ERR_HTTP_HOST),
    Q("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", HK_ERR_HTTP_HOST),
    Q("GET / HTTP/1.1\r\nHost: a%2\r\n\r\n", HK_ERR_HTTP_HOST),
    Q("GET / HTTP/1.1\r\nHost: a%zz\r\n\r\n", HK_ERR_HTTP_HOST),
    Q("GET / HTTP/1.1\r\nHost: [::1]x\r\n\r\n", HK_ERR_HTTP_HOST),
    /* limits */
    QO(REQ "X: 0123456789012345678901234567890123456789012345678901234567890123\r\n\r\n",
     HK_ERR_HTTP_HEADERS_TOO_LARGE, 0, 64, 0, 0, 0),
    QO(REQ "A: 1\r\nB: 2\r\n\r\n", HK_ERR_HTTP_TOO_MANY_HEADERS, 0, 0, 2, 0, 0),
    QO(CHUNKED "0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", HK_ERR_HTTP_TOO_MANY_HEADERS, 0, 0, 2, 0, 0),
    QO(CHUNKED "0\r\nT: 012345678901234567890123456789012345678901234567890123456789\r\n\r\n",
     HK_ERR_HTTP_HEADERS_TOO_LARGE, 0, 64, 0, 0, 0),
    QO(POST "Content-Length: 11\r\n\r\nhello world", HK_ERR_HTTP_BODY_TOO_LARGE, 0, 0, 0, 0,
     10),
    QO(CHUNKED "6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n", HK_ERR_HTTP_BODY_TOO_LARGE, 0, 0, 0,
     0, 10),
    RO(RESP "\r\nhello world", HK_ERR_HTTP_BODY_TOO_LARGE, 1, 0, 0, 0, 10),
    /* the stream ends inside a message */
    QO(POST "Content-Length: 5\r\n\r\nhell", HK_ERR_HTTP_TRUNCATED, 1, 0, 0, 0, 0),
    QO(CHUNKED "5\r\nhello\r\n", HK_ERR_HTTP_TRUNCATED, 1, 0, 0, 0, 0),
    QO(CHUNKED "5\r\nhello\r\n0\r\nT: v\r\n", HK_ERR_HTTP_TRUNCATED, 1, 0, 0, 0, 0),
    QO(REQ "X: v", HK_ERR_HTTP_TRUNCATED, 1, 0, 0, 0, 0),
    RO(RESP "Content-Length: 3\r\n\r\nab", HK_ERR_HTTP_TRUNCATED, 1, 0, 0, 0, 0),
};

#define NCASES (sizeof cases / sizeof cases[0])

static void run_case(size_t i)
{
    const bad_case *c = &cases[i];
    hk_http_parser_options opt;
    size_t len = 0, s;
    ht_result whole;
    int kind = c->kind == 'Q' ? HK_HTTP_REQUEST : HK_HTTP_RESPONSE;
    const char *method = c->kind == 'Q' ? NULL : "GET";
    size_t *cuts;

    len = c->len;
    hk_http_parser_options_default(&opt);
    if (c->max_header_bytes)
        opt.max_header_bytes = c->max_header_bytes;
    if (c->max_headers)
        opt.max_headers = c->max_headers;
    if (c->max_chunk_line)
        opt.max_chunk_line = c->max_chunk_line;
    if (c->max_body)
        opt.max_body = c->max_body;

    ht_run(&whole, kind, method, &opt, c->in, len, NULL, 0, c->eof);
    if (whole.rc != c->err)
        fail_msg("case %zu (%s...): got %s, want %s", i, c->in, hk_error_name(whole.rc),
                 hk_error_name(c->err));
    for (s = 0; s <= len; s++) {
        ht_result r;
        ht_run(&r, kind, method, &opt, c->in, len, &s, 1, c->eof);
        if (r.rc != c->err)
            fail_msg("case %zu split %zu: got %s, want %s", i, s, hk_error_name(r.rc),
                     hk_error_name(c->err));
        /* what was delivered before the error may be cut differently
         * (a trailer piece is not reported by the call that fails) */
        assert_int_equal(whole.head_len, r.head_len);
        ht_result_free(&r);
    }
    cuts = malloc((len + 1) * sizeof *cuts);
    assert_non_null(cuts);
    for (s = 0; s + 1 < len; s++)
        cuts[s] = s + 1;
    {
        ht_result r;
        ht_run(&r, kind, method, &opt, c->in, len, cuts, len ? len - 1 : 0, c->eof);
        if (r.rc != c->err)
            fail_msg("case %zu bytewise: got %s, want %s", i, hk_error_name(r.rc),
                     hk_error_name(c->err));
        ht_result_free(&r);
    }
    free(cuts);
    ht_result_free(&whole);
}

static void test_matrix(void **state)
{
    size_t i;
    (void)state;
    /* the issue asks for at least 80 cases */
    assert_true(NCASES >= 80);
    printf("malformed-input matrix: %zu cases\n", (size_t)NCASES);
    for (i = 0; i < NCASES; i++)
        run_case(i);
}

/* Every rule has its own code: the matrix covers each HTTP error code the
 * parser can produce. */
static void test_matrix_covers_every_code(void **state)
{
    static const int want[] = {
        HK_ERR_HTTP_METHOD,          HK_ERR_HTTP_TARGET,        HK_ERR_HTTP_VERSION,
        HK_ERR_HTTP_STATUS,          HK_ERR_HTTP_HEADER_NAME,   HK_ERR_HTTP_SPACE_BEFORE_COLON,
        HK_ERR_HTTP_OBS_FOLD,        HK_ERR_HTTP_BARE_CR,       HK_ERR_HTTP_BARE_LF,
        HK_ERR_HTTP_CONTROL_CHAR,    HK_ERR_HTTP_TE_AND_CL,     HK_ERR_HTTP_CL_MISMATCH,
        HK_ERR_HTTP_CL_INVALID,      HK_ERR_HTTP_CL_OVERFLOW,   HK_ERR_HTTP_CHUNK_SIZE,
        HK_ERR_HTTP_CHUNK_OVERFLOW,  HK_ERR_HTTP_CHUNK_FORMAT,  HK_ERR_HTTP_TE_NOT_CHUNKED,
        HK_ERR_HTTP_TE_INVALID,      HK_ERR_HTTP_HEADERS_TOO_LARGE,
        HK_ERR_HTTP_TOO_MANY_HEADERS, HK_ERR_HTTP_BODY_TOO_LARGE, HK_ERR_HTTP_HOST,
        HK_ERR_HTTP_TRUNCATED,
    };
    size_t i, k;
    (void)state;
    for (k = 0; k < sizeof want / sizeof want[0]; k++) {
        int found = 0;
        for (i = 0; i < NCASES; i++)
            found |= cases[i].err == want[k];
        if (!found)
            fail_msg("no matrix case for %s", hk_error_name(want[k]));
        assert_true(hk_is_fatal(want[k]));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matrix),
        cmocka_unit_test(test_matrix_covers_every_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
