/*
 * Widths and byte order seen from the public API: what a 32-bit target
 * (size_t of 32 bits) and a big-endian target (s390x) must get exactly as
 * x86-64 does. scripts/portability runs these (with every unit test) built
 * with -m32 and cross-built for s390x under qemu-user.
 *
 *  - 64-bit WebSocket payload lengths beyond SIZE_MAX on 32-bit targets:
 *    encoded and decoded exactly (RFC 6455 section 5.2: 64-bit length in
 *    network byte order), streamed without truncation, and refused cleanly
 *    where a whole message would have to fit in memory;
 *  - HTTP Content-Length and chunk sizes beyond 2^32 (RFC 9112 sections 6.2
 *    and 7.1) framed without truncation;
 *  - webhook timestamps beyond 2^31 (after 2038) and beyond 2^32;
 *  - masking with 64-bit offsets and at every alignment, compared with the
 *    byte-wise definition of RFC 6455 section 5.3 (word-wise code is where
 *    byte order bugs live);
 *  - close codes in network byte order (RFC 6455 section 5.5.1).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <hooksock.h>

#include "hk_test.h"

static void test_frame_length_wire_bytes(void **state)
{
    static const struct {
        uint64_t len;
        uint8_t wire[10];
        size_t n;
    } cases[] = {
        {125, {0x82, 0x7d}, 2},
        {126, {0x82, 0x7e, 0x00, 0x7e}, 4},
        {0xfedc, {0x82, 0x7e, 0xfe, 0xdc}, 4},
        {0x10000, {0x82, 0x7f, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00}, 10},
        {UINT64_C(0xffffffff), {0x82, 0x7f, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff}, 10},
        {UINT64_C(0x100000005), {0x82, 0x7f, 0, 0, 0, 0x01, 0, 0, 0, 0x05}, 10},
        {UINT64_C(0x0123456789abcdef),
         {0x82, 0x7f, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}, 10},
        {UINT64_C(0x7fffffffffffffff),
         {0x82, 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 10},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hk_ws_frame_header h, d;
        uint8_t buf[HK_WS_MAX_HEADER_LEN];
        memset(&h, 0, sizeof h);
        h.fin = 1;
        h.opcode = HK_WS_OP_BINARY;
        h.payload_len = cases[i].len;
        assert_int_equal(hk_ws_frame_encode(buf, sizeof buf, &h), (hk_ssize)cases[i].n);
        assert_memory_equal(buf, cases[i].wire, cases[i].n);
        assert_int_equal(hk_ws_frame_decode(&d, cases[i].wire, cases[i].n, NULL),
                         (hk_ssize)cases[i].n);
        assert_true(d.payload_len == cases[i].len);
        assert_int_equal(hk_ws_frame_header_len(cases[i].len, 1), cases[i].n + 4);
    }
}

/* The mask key is applied in wire order, whatever the CPU's byte order. */
static void test_mask_every_alignment(void **state)
{
    static const uint8_t key[4] = {0x37, 0xfa, 0x21, 0x3d};
    uint8_t src[96], ref[96], buf[96 + 8], dst[96 + 8];
    size_t align, len, i;
    uint64_t off;
    (void)state;
    for (i = 0; i < sizeof src; i++)
        src[i] = (uint8_t)(i * 29 + 7);
    for (align = 0; align < 8; align++) {
        for (len = 0; len <= 80; len += (len < 20 ? 1 : 7)) {
            for (off = 0; off < 8; off++) {
                uint64_t big = UINT64_C(0x100000000) * 3 + off; /* offset beyond 2^32 */
                for (i = 0; i < len; i++)
                    ref[i] = (uint8_t)(src[i] ^ key[(i + off) & 3]);
                memcpy(buf + align, src, len);
                assert_true(hk_ws_mask(buf + align, len, key, big) == big + len);
                assert_memory_equal(buf + align, ref, len);
                assert_true(hk_ws_mask_copy(dst + align, src, len, key, off) == off + len);
                assert_memory_equal(dst + align, ref, len);
            }
        }
    }
}

struct chunks {
    uint64_t bytes;
    int first, last, calls;
};

static int on_chunk(void *user, int opcode, const uint8_t *data, size_t len, unsigned flags)
{
    struct chunks *c = user;
    size_t i;
    assert_int_equal(opcode, HK_WS_OP_BINARY);
    for (i = 0; i < len; i++) /* unmasked payload: byte k of the frame is k & 0xff */
        assert_int_equal(data[i], (uint8_t)((c->bytes + i) & 0xff));
    c->bytes += len;
    c->first += (flags & HK_WS_CHUNK_FIRST) != 0;
    c->last += (flags & HK_WS_CHUNK_LAST) != 0;
    c->calls++;
    return 0;
}

/* A frame announcing 2^32 + 3 bytes (more than a 32-bit size_t holds):
 * streamed as such. A length truncated to 32 bits would end the frame after
 * 3 bytes and parse the rest as a new frame header. */
static void test_ws_stream_frame_beyond_size_max(void **state)
{
    hk_ws_config cfg;
    hk_ws_conn *c = NULL;
    struct chunks got = {0, 0, 0, 0};
    static const uint8_t key[4] = {1, 2, 3, 4};
    hk_ws_frame_header h;
    uint8_t buf[4096];
    hk_ssize hl;
    uint64_t sent = 0;
    int round;
    (void)state;
    hk_ws_config_default(&cfg);
    cfg.max_message_size = UINT64_MAX; /* streaming: no limit */
    cfg.user = &got;
    cfg.on_chunk = on_chunk;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    memset(&h, 0, sizeof h);
    h.fin = 1;
    h.opcode = HK_WS_OP_BINARY;
    h.masked = 1;
    memcpy(h.mask_key, key, 4);
    h.payload_len = UINT64_C(0x100000003);
    hl = hk_ws_frame_encode(buf, sizeof buf, &h);
    assert_int_equal(hl, 14);
    assert_int_equal(hk_ws_conn_feed(c, buf, (size_t)hl), hl);
    for (round = 0; round < 64; round++) {
        size_t i;
        for (i = 0; i < sizeof buf; i++)
            buf[i] = (uint8_t)((sent + i) & 0xff);
        hk_ws_mask(buf, sizeof buf, key, sent);
        assert_int_equal(hk_ws_conn_feed(c, buf, sizeof buf), (hk_ssize)sizeof buf);
        sent += sizeof buf;
    }
    assert_int_equal(hk_ws_conn_error(c), HK_OK);
    assert_true(got.bytes == sent);
    assert_int_equal(got.first, 1);
    assert_int_equal(got.last, 0);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_OPEN);
    hk_ws_conn_destroy(c);
}

/* Whole-message delivery must hold the message in memory: a limit that a
 * size_t cannot hold is refused at creation on 32-bit targets, and a frame
 * over the limit fails with 1009, never a wrapped allocation size. */
static void test_ws_whole_message_limits(void **state)
{
    hk_ws_config cfg;
    hk_ws_conn *c = NULL;
    hk_ws_frame_header h;
    uint8_t buf[HK_WS_MAX_HEADER_LEN];
    hk_ssize hl;
    const uint8_t *out;
    size_t n;
    int rc;
    (void)state;
    hk_ws_config_default(&cfg);
    cfg.max_message_size = UINT64_C(0x100000000);
    rc = hk_ws_conn_create(&c, &cfg);
    if (SIZE_MAX <= UINT32_MAX) {
        assert_int_equal(rc, HK_ERR_INVALID_ARG);
        assert_null(c);
    } else {
        assert_int_equal(rc, HK_OK);
        hk_ws_conn_destroy(c);
    }
    hk_ws_config_default(&cfg); /* 16 MiB */
    c = NULL;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    memset(&h, 0, sizeof h);
    h.fin = 1;
    h.opcode = HK_WS_OP_BINARY;
    h.masked = 1;
    h.payload_len = UINT64_C(0x100000000) + 16; /* wraps to 16 in 32 bits */
    hl = hk_ws_frame_encode(buf, sizeof buf, &h);
    assert_int_equal(hk_ws_conn_feed(c, buf, (size_t)hl), HK_ERR_WS_MESSAGE_TOO_LARGE);
    assert_int_equal(hk_ws_conn_sent_close_code(c), HK_WS_CLOSE_TOO_BIG);
    n = hk_ws_conn_output(c, &out);
    assert_true(n >= 4);
    assert_int_equal(out[0], 0x88);
    assert_int_equal(out[2], 0x03); /* 1009 = 0x03f1, network byte order */
    assert_int_equal(out[3], 0xf1);
    hk_ws_conn_destroy(c);
}

static void test_http_lengths_beyond_32_bits(void **state)
{
    static const char head[] = "POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 4294967301\r\n\r\n";
    static const char chunked[] = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "100000005\r\n";
    hk_http_parser_options opt;
    hk_http_parser p;
    hk_http_header fields[8];
    hk_http_message msg;
    char body[1000];
    size_t consumed, dlen;
    const char *data;
    (void)state;
    memset(body, 'b', sizeof body);
    hk_http_parser_options_default(&opt);
    opt.max_body = HK_HTTP_UNLIMITED;

    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
    msg.size = sizeof msg;
    assert_int_equal(hk_http_parse_head(&p, head, strlen(head), fields, 8, &msg),
                     (hk_ssize)strlen(head));
    assert_int_equal(msg.body_kind, HK_HTTP_BODY_LENGTH);
    assert_true(msg.content_length == UINT64_C(4294967301));
    /* A length truncated to 32 bits (5) would end the body after 5 bytes. */
    assert_int_equal(hk_http_body_next(&p, body, sizeof body, &consumed, &data, &dlen),
                     HK_HTTP_EV_DATA);
    assert_int_equal(dlen, sizeof body);
    assert_int_equal(consumed, sizeof body);
    assert_true(hk_http_parser_body_bytes(&p) == sizeof body);
    assert_int_equal(hk_http_parser_eof(&p), HK_ERR_HTTP_TRUNCATED);

    /* The default limit refuses it at the head, whatever the width. */
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL), HK_OK);
    assert_int_equal(hk_http_parse_head(&p, head, strlen(head), fields, 8, &msg),
                     HK_ERR_HTTP_BODY_TOO_LARGE);

    /* A chunk of 0x100000005 bytes. */
    assert_int_equal(hk_http_parser_init(&p, HK_HTTP_REQUEST, &opt), HK_OK);
    {
        size_t hlen = strlen(chunked) - strlen("100000005\r\n");
        assert_int_equal(hk_http_parse_head(&p, chunked, hlen, fields, 8, &msg),
                         (hk_ssize)hlen);
        assert_int_equal(hk_http_body_next(&p, chunked + hlen, strlen(chunked) - hlen,
                                           &consumed, &data, &dlen),
                         HK_ERR_NEED_MORE);
        assert_int_equal(hk_http_body_next(&p, body, sizeof body, &consumed, &data, &dlen),
                         HK_HTTP_EV_DATA);
        assert_int_equal(dlen, sizeof body);
        assert_int_equal(hk_http_parser_eof(&p), HK_ERR_HTTP_TRUNCATED);
    }
}

static void test_webhook_timestamps_beyond_2038(void **state)
{
    static const char secret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static const int64_t stamps[] = {INT64_C(2147483648), INT64_C(4102444800),
                                     INT64_C(4294967296) + 7};
    static const char *const text[] = {"2147483648", "4102444800", "4294967303"};
    hk_wh_key key;
    char sig[HK_WH_SIGNATURE_CAP(1)];
    size_t len, i;
    (void)state;
    assert_int_equal(hk_wh_key_from_secret(&key, secret, strlen(secret)), HK_OK);
    for (i = 0; i < 3; i++) {
        hk_wh_headers h;
        uint8_t mac[32];
        char content[64];
        int n = snprintf(content, sizeof content, "msg_1.%s.x", text[i]);
        char want[64];
        size_t wlen = 0;
        assert_int_equal(hk_wh_sign(sig, sizeof sig, &len, &key, 1, "msg_1", 5, stamps[i], "x",
                                    1),
                         HK_OK);
        /* The signed content spells the timestamp in full decimal. */
        {
            uint8_t raw[32];
            size_t rlen = 0;
            static const char b64[] = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
            assert_int_equal(hk_base64_decode(raw, sizeof raw, b64, strlen(b64), 0, &rlen),
                             HK_OK);
            hk_hmac_sha256(raw, rlen, content, (size_t)n, mac);
            memcpy(want, "v1,", 3);
            assert_int_equal(hk_base64_encode(want + 3, sizeof want - 3, mac, 32, 0, &wlen),
                             HK_OK);
        }
        assert_int_equal(len, 3 + wlen);
        assert_memory_equal(sig, want, len);
        h.id = "msg_1";
        h.id_len = 5;
        h.timestamp = text[i];
        h.timestamp_len = strlen(text[i]);
        h.signature = sig;
        h.signature_len = len;
        assert_int_equal(hk_wh_verify(&key, 1, &h, "x", 1, stamps[i] + 300, 300), HK_OK);
        assert_int_equal(hk_wh_verify(&key, 1, &h, "x", 1, stamps[i] + 301, 300),
                         HK_ERR_WH_TOO_OLD);
    }
    hk_wh_key_wipe(&key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_length_wire_bytes),
        cmocka_unit_test(test_mask_every_alignment),
        cmocka_unit_test(test_ws_stream_frame_beyond_size_max),
        cmocka_unit_test(test_ws_whole_message_limits),
        cmocka_unit_test(test_http_lengths_beyond_32_bits),
        cmocka_unit_test(test_webhook_timestamps_beyond_2038),
    };
    printf("# size_t: %u bits, %s-endian\n", (unsigned)(sizeof(size_t) * 8),
           (const char *)(*(const uint8_t *)&(const uint16_t){1} ? "little" : "big"));
    return cmocka_run_group_tests(tests, NULL, NULL);
}
