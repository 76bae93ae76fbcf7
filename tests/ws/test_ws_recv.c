/*
 * Receive rules (RFC 6455 sections 5, 6, 8), modelled on the Autobahn
 * Testsuite case list (case numbers in comments): framing (1.x), ping/pong
 * (2.x), reserved bits (3.x), opcodes (4.x), fragmentation (5.x), UTF-8
 * (6.x), limits (9.x). A server engine is fed hand-built masked frames; its
 * output (echoes sent from the message callback, pongs, closes) is parsed by
 * an independent decoder.
 */
#include "ws_util2.h"

#define S HK_WS_ROLE_SERVER
#define C HK_WS_ROLE_CLIENT

static ws_parsed fr[64];
static ws_bytes in;

static int setup(void **state)
{
    (void)state;
    wb_reset(&in);
    return 0;
}

static int teardown_all(void **state)
{
    (void)state;
    wb_free(&in);
    return 0;
}

/* Feed `in` to a fresh echoing server; returns the feed result. */
static hk_ssize run_server(ws_rec *r, hk_ws_conn **out, int streaming)
{
    hk_ws_conn *c;
    ws_rec_init(r);
    c = ws_mk(S, r, streaming);
    r->send_in_callback = 1;
    *out = c;
    return hk_ws_conn_feed(c, in.b, in.n);
}

static void expect_fail(int err, int close_code)
{
    ws_rec r;
    hk_ws_conn *c;
    hk_ssize n = run_server(&r, &c, 0);
    int k, i, found = 0;
    assert_int_equal(n, err);
    assert_int_equal(hk_ws_conn_error(c), err);
    assert_true(hk_is_fatal(err));
    k = ws_out_frames(c, fr, 64);
    for (i = 0; i < k; i++) {
        if (fr[i].opcode == HK_WS_OP_CLOSE) {
            assert_int_equal(i, k - 1); /* the close is last */
            assert_true(fr[i].len >= 2);
            assert_int_equal(fr[i].payload[0] << 8 | fr[i].payload[1], close_code);
            found = 1;
        }
    }
    assert_true(found);
    assert_int_equal(hk_ws_conn_sent_close_code(c), close_code);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSED);
    assert_int_equal(hk_ws_conn_want_read(c), 0);
    /* sticky */
    assert_int_equal(ws_feed_copy(c, "\x81\x80\0\0\0\0", 6), err);
    assert_int_equal(hk_ws_conn_send_text(c, "x", 1), err);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* 1.1.1-1.1.8, 1.2.1-1.2.8: text and binary of boundary lengths, echoed. */
static void test_framing_lengths(void **state)
{
    static const size_t lens[] = {0, 125, 126, 127, 128, 65535, 65536};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        int op;
        for (op = 1; op <= 2; op++) {
            uint8_t *p = malloc(lens[i] + 1);
            ws_rec r;
            hk_ws_conn *c;
            memset(p, op == 1 ? '*' : 0xFE, lens[i]);
            wb_reset(&in);
            wb_frame(&in, 1, 1, 0, op, p, lens[i]);
            assert_int_equal(run_server(&r, &c, 0), (hk_ssize)in.n);
            assert_int_equal(r.n, 1);
            assert_int_equal(r.ev[0].type, EV_MESSAGE);
            assert_int_equal(r.ev[0].opcode, op);
            assert_int_equal(r.ev[0].len, lens[i]);
            assert_memory_equal(r.ev[0].data, p, lens[i]);
            assert_int_equal(ws_out_frames(c, fr, 4), 1);
            assert_int_equal(fr[0].opcode, op);
            assert_int_equal(fr[0].masked, 0); /* server frames are unmasked */
            assert_int_equal(fr[0].len, lens[i]);
            assert_memory_equal(fr[0].payload, p, lens[i]);
            hk_ws_conn_destroy(c);
            ws_rec_free(&r);
            free(p);
        }
    }
}

/* 1.1.x with the frame split at every byte boundary and fed in pieces (the
 * message crosses calls, so it is reassembled). */
static void test_framing_split_every_byte(void **state)
{
    uint8_t p[300];
    size_t cut, i;
    (void)state;
    for (i = 0; i < sizeof p; i++)
        p[i] = (uint8_t)('a' + i % 26);
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, p, sizeof p);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "pp", 2);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_BINARY, p, 10);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, p + 10, 0);
    for (cut = 0; cut <= in.n; cut++) {
        ws_rec r;
        hk_ws_conn *c;
        uint8_t *copy = malloc(in.n);
        ws_rec_init(&r);
        c = ws_mk(S, &r, 0);
        memcpy(copy, in.b, in.n);
        assert_int_equal(hk_ws_conn_feed(c, copy, cut), (hk_ssize)cut);
        assert_int_equal(hk_ws_conn_feed(c, copy + cut, in.n - cut), (hk_ssize)(in.n - cut));
        assert_int_equal(r.n, 3);
        assert_int_equal(r.ev[0].type, EV_MESSAGE);
        assert_int_equal(r.ev[0].len, sizeof p);
        assert_memory_equal(r.ev[0].data, p, sizeof p);
        assert_int_equal(r.ev[1].type, EV_PING);
        assert_int_equal(r.ev[1].len, 2);
        assert_int_equal(r.ev[2].type, EV_MESSAGE);
        assert_int_equal(r.ev[2].opcode, HK_WS_OP_BINARY);
        assert_int_equal(r.ev[2].len, 10);
        assert_int_equal(ws_out_frames(c, fr, 4), 1);
        assert_int_equal(fr[0].opcode, HK_WS_OP_PONG);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
        free(copy);
    }
    /* and one byte at a time */
    {
        ws_rec r;
        hk_ws_conn *c;
        ws_rec_init(&r);
        c = ws_mk(S, &r, 0);
        for (i = 0; i < in.n; i++)
            assert_int_equal(ws_feed_copy(c, in.b + i, 1), 1);
        assert_int_equal(r.n, 3);
        assert_memory_equal(r.ev[0].data, p, sizeof p);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
    }
}

/* 2.1-2.4, 2.6, 2.10: pings answered with identical pongs, in order. */
static void test_ping_pong(void **state)
{
    uint8_t big[125];
    ws_rec r;
    hk_ws_conn *c;
    int k, i;
    (void)state;
    memset(big, 0xFE, sizeof big);
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, NULL, 0);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "Hello, world!", 13);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "\x00\xff\xfe\xfd\xfc\xfb\x00\xff", 8);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, big, sizeof big);
    for (i = 0; i < 10; i++)
        wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "payload", 7);
    assert_int_equal(run_server(&r, &c, 0), (hk_ssize)in.n);
    k = ws_out_frames(c, fr, 64);
    assert_int_equal(k, 14);
    assert_int_equal(r.n, 14);
    for (i = 0; i < k; i++) {
        assert_int_equal(fr[i].opcode, HK_WS_OP_PONG);
        assert_int_equal(fr[i].fin, 1);
        assert_int_equal(r.ev[i].type, EV_PING);
        assert_int_equal(fr[i].len, r.ev[i].len);
        assert_memory_equal(fr[i].payload, r.ev[i].data, fr[i].len);
    }
    assert_int_equal(fr[3].len, 125);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* 2.7-2.9: unsolicited pongs are reported and not answered. */
static void test_unsolicited_pong(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    (void)state;
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PONG, NULL, 0);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PONG, "unsolicited", 11);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "ping", 4);
    assert_int_equal(run_server(&r, &c, 0), (hk_ssize)in.n);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.ev[0].type, EV_PONG);
    assert_int_equal(r.ev[1].type, EV_PONG);
    assert_string_equal((char *)r.ev[1].data, "unsolicited");
    assert_int_equal(ws_out_frames(c, fr, 4), 1);
    assert_int_equal(fr[0].opcode, HK_WS_OP_PONG);
    assert_memory_equal(fr[0].payload, "ping", 4);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* auto_pong = 0: pings are reported, the application answers. */
static void test_auto_pong_off(void **state)
{
    hk_ws_config cfg;
    ws_rec r;
    hk_ws_conn *c;
    (void)state;
    ws_rec_init(&r);
    ws_cfg(&cfg, S, &r, 0);
    cfg.auto_pong = 0;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "x", 1);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(r.n, 1);
    assert_int_equal(hk_ws_conn_output_size(c), 0);
    assert_int_equal(hk_ws_conn_send_pong(c, "x", 1), HK_OK);
    assert_int_equal(ws_out_frames(c, fr, 4), 1);
    assert_int_equal(fr[0].opcode, HK_WS_OP_PONG);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* 2.5: ping with 126 bytes fails with 1002. */
static void test_ping_too_long(void **state)
{
    uint8_t big[126];
    (void)state;
    memset(big, 0xFE, sizeof big);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, big, sizeof big);
    expect_fail(HK_ERR_WS_CONTROL_TOO_LONG, 1002);
    /* close of 126 bytes too */
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CLOSE, big, sizeof big);
    expect_fail(HK_ERR_WS_CONTROL_TOO_LONG, 1002);
}

/* 3.1-3.7: non-zero RSV without an extension fails with 1002; earlier
 * frames are answered first, later ones are not processed (3.2, 3.3). */
static void test_rsv_bits(void **state)
{
    int rsv;
    (void)state;
    for (rsv = 1; rsv <= 7; rsv++) {
        ws_rec r;
        hk_ws_conn *c;
        int k;
        wb_reset(&in);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "Hello", 5);
        wb_frame(&in, 1, 1, rsv, rsv & 1 ? HK_WS_OP_TEXT : HK_WS_OP_BINARY, "Hello", 5);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "Hello", 5);
        assert_int_equal(run_server(&r, &c, 0), HK_ERR_WS_RSV);
        assert_int_equal(r.n, 1); /* first message delivered, nothing after */
        k = ws_out_frames(c, fr, 8);
        assert_int_equal(k, 2);
        assert_int_equal(fr[0].opcode, HK_WS_OP_TEXT); /* echo first */
        assert_int_equal(fr[1].opcode, HK_WS_OP_CLOSE);
        assert_int_equal(fr[1].payload[0] << 8 | fr[1].payload[1], 1002);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
    }
    /* a ping before the bad frame is answered before the close */
    {
        ws_rec r;
        hk_ws_conn *c;
        wb_reset(&in);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "first", 5);
        wb_frame(&in, 1, 1, 4, HK_WS_OP_TEXT, "bad", 3);
        assert_int_equal(run_server(&r, &c, 0), HK_ERR_WS_RSV);
        assert_int_equal(ws_out_frames(c, fr, 8), 2);
        assert_int_equal(fr[0].opcode, HK_WS_OP_PONG);
        assert_memory_equal(fr[0].payload, "first", 5);
        assert_int_equal(fr[1].opcode, HK_WS_OP_CLOSE);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
    }
    /* 3.6, 3.7: RSV on ping and close */
    wb_reset(&in);
    wb_frame(&in, 1, 1, 6, HK_WS_OP_PING, "Hello", 5);
    expect_fail(HK_ERR_WS_RSV, 1002);
    wb_reset(&in);
    wb_frame(&in, 1, 1, 7, HK_WS_OP_CLOSE, NULL, 0);
    expect_fail(HK_ERR_WS_RSV, 1002);
}

/* 4.1.1-4.2.5: reserved non-control (3-7) and control (0xB-0xF) opcodes. */
static void test_reserved_opcodes(void **state)
{
    static const int ops[] = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        ws_rec r;
        hk_ws_conn *c;
        int k;
        wb_reset(&in);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "Hello", 5);
        wb_frame(&in, 1, 1, 0, ops[i], i & 1 ? "reserved" : NULL, i & 1 ? 8 : 0);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, NULL, 0);
        assert_int_equal(run_server(&r, &c, 0), HK_ERR_WS_OPCODE);
        assert_int_equal(r.n, 1);
        k = ws_out_frames(c, fr, 8);
        assert_int_equal(k, 2);
        assert_int_equal(fr[0].opcode, HK_WS_OP_TEXT);
        assert_int_equal(fr[1].opcode, HK_WS_OP_CLOSE);
        assert_int_equal(fr[1].payload[0] << 8 | fr[1].payload[1], 1002);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
    }
}

/* 5.1, 5.2: fragmented control frames. */
static void test_fragmented_control(void **state)
{
    (void)state;
    wb_frame(&in, 1, 0, 0, HK_WS_OP_PING, "frag1", 5);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, "frag2", 5);
    expect_fail(HK_ERR_WS_CONTROL_FRAGMENTED, 1002);
    wb_reset(&in);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_PONG, "frag1", 5);
    expect_fail(HK_ERR_WS_CONTROL_FRAGMENTED, 1002);
    wb_reset(&in);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_CLOSE, NULL, 0);
    expect_fail(HK_ERR_WS_CONTROL_FRAGMENTED, 1002);
}

/* 5.3-5.8, 5.19, 5.20: fragmented text with pings in between; the pongs
 * leave before the message is complete, the message arrives whole. */
static void test_fragmented_with_pings(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    int k;
    (void)state;
    wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, "frag1", 5);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "p1", 2);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_CONTINUATION, "frag2", 5);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PONG, "q", 1);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_CONTINUATION, NULL, 0);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "p2", 2);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, "frag3", 5);
    assert_int_equal(run_server(&r, &c, 0), (hk_ssize)in.n);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.ev[0].type, EV_PING);
    assert_int_equal(r.ev[1].type, EV_PONG);
    assert_int_equal(r.ev[2].type, EV_PING);
    assert_int_equal(r.ev[3].type, EV_MESSAGE);
    assert_int_equal(r.ev[3].opcode, HK_WS_OP_TEXT);
    assert_string_equal((char *)r.ev[3].data, "frag1frag2frag3");
    k = ws_out_frames(c, fr, 8);
    assert_int_equal(k, 3);
    assert_int_equal(fr[0].opcode, HK_WS_OP_PONG);
    assert_memory_equal(fr[0].payload, "p1", 2);
    assert_int_equal(fr[1].opcode, HK_WS_OP_PONG);
    assert_int_equal(fr[2].opcode, HK_WS_OP_TEXT);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* 5.9-5.14: continuation without a started message (fin 0 and 1). */
static void test_unexpected_continuation(void **state)
{
    int fin;
    (void)state;
    for (fin = 0; fin < 2; fin++) {
        wb_reset(&in);
        wb_frame(&in, 1, fin, 0, HK_WS_OP_CONTINUATION, "non-continuation payload", 24);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "Hello, world!", 13);
        expect_fail(HK_ERR_WS_UNEXPECTED_CONTINUATION, 1002);
    }
    /* 5.15: a complete fragmented message, then a stray continuation */
    {
        ws_rec r;
        hk_ws_conn *c;
        wb_reset(&in);
        wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, "fragment1", 9);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, "fragment2", 9);
        wb_frame(&in, 1, 0, 0, HK_WS_OP_CONTINUATION, "fragment3", 9);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "fragment4", 9);
        assert_int_equal(run_server(&r, &c, 0), HK_ERR_WS_UNEXPECTED_CONTINUATION);
        assert_int_equal(r.n, 1);
        assert_string_equal((char *)r.ev[0].data, "fragment1fragment2");
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
    }
}

/* 5.18: a new data frame while a fragmented message is open. */
static void test_expected_continuation(void **state)
{
    (void)state;
    wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, "fragment1", 9);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "fragment2", 9);
    expect_fail(HK_ERR_WS_EXPECTED_CONTINUATION, 1002);
    wb_reset(&in);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_BINARY, "fragment1", 9);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, "fragment2", 9);
    expect_fail(HK_ERR_WS_EXPECTED_CONTINUATION, 1002);
}

/* RFC 6455 5.1: a server fails on an unmasked frame, a client on a masked
 * one. */
static void test_masking_direction(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    (void)state;
    wb_frame(&in, 0, 1, 0, HK_WS_OP_TEXT, "Hello", 5);
    expect_fail(HK_ERR_WS_MASK_REQUIRED, 1002);

    ws_rec_init(&r);
    c = ws_mk(C, &r, 0);
    wb_reset(&in);
    wb_frame(&in, 0, 1, 0, HK_WS_OP_TEXT, "ok", 2);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "Hello", 5);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), HK_ERR_WS_MASK_FORBIDDEN);
    assert_int_equal(r.n, 1);
    assert_int_equal(ws_drain_close_code(c), 1002);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* RFC 6455 5.2: a 64-bit length with the top bit set fails the connection
 * as soon as the header is complete. */
static void test_length_top_bit(void **state)
{
    (void)state;
    wb_raw(&in, "\x82\xff\x80\x00\x00\x00\x00\x00\x00\x00\x11\x22\x33\x44", 14);
    expect_fail(HK_ERR_WS_LENGTH, 1002);
}

/* 6.1.x, 6.2.x: valid UTF-8 (empty fragments, multi-byte characters split
 * across frames at every byte). */
static void test_utf8_valid_fragmented(void **state)
{
    /* "Hello-µ@ßöäüàá-UTF-8!!" (Autobahn 6.2.1) */
    static const char text[] = "Hello-\xc2\xb5@\xc3\x9f\xc3\xb6\xc3\xa4\xc3\xbc\xc3\xa0\xc3\xa1"
                               "-UTF-8!!\xf0\x9d\x84\x9e\xe2\x82\xac";
    size_t len = sizeof text - 1, cut;
    (void)state;
    for (cut = 0; cut <= len; cut++) {
        ws_rec r;
        hk_ws_conn *c;
        wb_reset(&in);
        wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, NULL, 0);
        wb_frame(&in, 1, 0, 0, HK_WS_OP_CONTINUATION, text, cut);
        wb_frame(&in, 1, 0, 0, HK_WS_OP_CONTINUATION, NULL, 0);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, text + cut, len - cut);
        assert_int_equal(run_server(&r, &c, 0), (hk_ssize)in.n);
        assert_int_equal(r.n, 1);
        assert_int_equal(r.ev[0].len, len);
        assert_memory_equal(r.ev[0].data, text, len);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
    }
    /* 6.1.1-6.1.3: empty text message, empty fragments */
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, NULL, 0);
    {
        ws_rec r;
        hk_ws_conn *c;
        assert_int_equal(run_server(&r, &c, 0), (hk_ssize)in.n);
        assert_int_equal(r.n, 1);
        assert_int_equal(r.ev[0].len, 0);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
    }
}

/* 6.3-6.21: invalid UTF-8 fails with 1007, in one frame or fragmented. */
static void test_utf8_invalid(void **state)
{
    static const char *bad[] = {
        "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80\x65\x64\x69\x74\x65\x64", /* 6.3.1 */
        "\xf8\x88\x80\x80\x80", /* 6.6.x 5-byte form */
        "\xc0\xaf",             /* 6.9.1 overlong '/' */
        "\xe0\x80\xaf",         /* 6.9.2 */
        "\xf0\x80\x80\xaf",     /* 6.9.3 */
        "\xf4\x90\x80\x80",     /* 6.6.x above U+10FFFF */
        "\xed\xa0\x80",         /* 6.18.1 surrogate */
        "\xed\xbf\xbf",         /* 6.18.x */
        "\x80",                 /* 6.8.1 lone continuation */
        "\xfe",                 /* 6.12.x */
        "\xff",
        "\xc2",                 /* 6.7.x incomplete at end of message */
        "\xe2\x82",
        "\xf0\x9d\x84",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t len = strlen(bad[i]);
        wb_reset(&in);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, bad[i], len);
        expect_fail(HK_ERR_WS_INVALID_UTF8, 1007);
        /* the same bytes fragmented one per frame */
        {
            size_t j;
            wb_reset(&in);
            for (j = 0; j < len; j++)
                wb_frame(&in, 1, j + 1 == len, 0, j ? 0 : HK_WS_OP_TEXT, bad[i] + j, 1);
            expect_fail(HK_ERR_WS_INVALID_UTF8, 1007);
        }
    }
}

/* One invalid byte (0xFF) at every position of ASCII text of lengths that
 * cover every unmasking/scanning path (word, SSE2, AVX2, tails), masked
 * (server) and unmasked (client), whole and streaming: always 1007. Also
 * a valid 2-byte character at every position passes (the ASCII fast path
 * must hand non-ASCII bytes to the validator). */
static void test_utf8_every_position(void **state)
{
    static const size_t lens[] = {1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127, 128, 129,
                                  255, 256, 257, 300, 1000};
    size_t li, pos;
    int role, streaming;
    uint8_t p[1000];
    (void)state;
    for (li = 0; li < sizeof lens / sizeof lens[0]; li++) {
        size_t len = lens[li];
        for (pos = 0; pos < len; pos++) {
            for (role = 0; role < 2; role++) {
                for (streaming = 0; streaming < 2; streaming++) {
                    ws_rec r;
                    hk_ws_conn *c;
                    int good;
                    for (good = 0; good < 2; good++) {
                        if (good && pos + 1 >= len)
                            continue;
                        memset(p, 'a', len);
                        if (good) {
                            p[pos] = 0xC3;
                            p[pos + 1] = 0xA9;
                        } else {
                            p[pos] = 0xFF;
                        }
                        ws_rec_init(&r);
                        c = ws_mk(role == 0 ? S : C, &r, streaming);
                        wb_reset(&in);
                        wb_frame(&in, role == 0, 1, 0, HK_WS_OP_TEXT, p, len);
                        assert_int_equal(hk_ws_conn_feed(c, in.b, in.n),
                                         good ? (hk_ssize)in.n : HK_ERR_WS_INVALID_UTF8);
                        assert_int_equal(r.n, good ? 1 : 0);
                        hk_ws_conn_destroy(c);
                        ws_rec_free(&r);
                    }
                }
            }
        }
    }
}

/* 6.4.1-6.4.4: fail fast - the invalid byte fails the connection before the
 * frame (or the message) is complete. */
static void test_utf8_fail_fast(void **state)
{
    static const char part1[] = "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5";
    static const char part2[] = "\xf4\x90\x80\x80"; /* invalid at 0x90 */
    uint8_t payload[64];
    ws_rec r;
    hk_ws_conn *c;
    size_t hdr;
    (void)state;
    /* 6.4.1: first fragment valid, second (fin=0) has the invalid byte; no
     * third fragment is ever sent */
    wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, part1, sizeof part1 - 1);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_CONTINUATION, part2, sizeof part2 - 1);
    expect_fail(HK_ERR_WS_INVALID_UTF8, 1007);

    /* 6.4.3/6.4.4: one frame, fed only up to and including the bad byte */
    memcpy(payload, part1, sizeof part1 - 1);
    memcpy(payload + sizeof part1 - 1, part2, sizeof part2 - 1);
    memcpy(payload + sizeof part1 + sizeof part2 - 2, "edited", 6);
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, payload, sizeof part1 + sizeof part2 + 4);
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    hdr = 2 + 4;
    /* everything before 0x90: still fine */
    assert_int_equal(hk_ws_conn_feed(c, in.b, hdr + sizeof part1), (hk_ssize)(hdr + sizeof part1));
    /* the 0x90 arrives: fails now, mid-frame */
    assert_int_equal(hk_ws_conn_feed(c, in.b + hdr + sizeof part1, 1), HK_ERR_WS_INVALID_UTF8);
    assert_int_equal(ws_drain_close_code(c), 1007);
    assert_int_equal(r.n, 0);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* 9.x limits: max_message_size and max_frame_size give 1009 as soon as a
 * header announces the excess (nothing is buffered first). */
static void test_limits(void **state)
{
    hk_ws_config cfg;
    ws_rec r;
    hk_ws_conn *c;
    uint8_t p[200];
    (void)state;
    memset(p, 'a', sizeof p);
    ws_rec_init(&r);
    ws_cfg(&cfg, S, &r, 0);
    cfg.max_message_size = 100;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, p, 100); /* exactly the limit: fine */
    wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, p, 60);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, p, 41); /* 101 > 100 */
    /* only the header of the last frame is needed to fail */
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n - 41), HK_ERR_WS_MESSAGE_TOO_LARGE);
    assert_int_equal(r.n, 1);
    assert_int_equal(ws_drain_close_code(c), 1009);
    assert_true(hk_ws_conn_memory(c) < 2000);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);

    ws_rec_init(&r);
    ws_cfg(&cfg, S, &r, 0);
    cfg.max_frame_size = 50;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    wb_reset(&in);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_BINARY, p, 50);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, p, 51);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), HK_ERR_WS_FRAME_TOO_LARGE);
    assert_int_equal(ws_drain_close_code(c), 1009);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);

    /* a 2^62-byte frame announced: 1009, no allocation of that size */
    wb_reset(&in);
    wb_raw(&in, "\x82\xff\x40\x00\x00\x00\x00\x00\x00\x00\x11\x22\x33\x44", 14);
    expect_fail(HK_ERR_WS_MESSAGE_TOO_LARGE, 1009);
}

/* 9.1.x-9.2.x style: large messages in many frames, reassembled; the
 * reassembly buffer is reused (memory stays flat across messages). */
static void test_large_fragmented(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    uint8_t *p = malloc(300000);
    size_t i, mem1;
    (void)state;
    for (i = 0; i < 300000; i++)
        p[i] = (uint8_t)('A' + i % 23);
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    wb_reset(&in);
    for (i = 0; i < 300000; i += 30000)
        wb_frame(&in, 1, i + 30000 >= 300000, 0, i ? 0 : HK_WS_OP_TEXT, p + i, 30000);
    assert_int_equal(ws_feed_copy(c, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.ev[0].len, 300000);
    assert_memory_equal(r.ev[0].data, p, 300000);
    mem1 = hk_ws_conn_memory(c);
    assert_int_equal(ws_feed_copy(c, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(r.n, 2);
    assert_int_equal(hk_ws_conn_memory(c), mem1);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
    free(p);
}

/* 9.1.6 / 9.2.6: a 16 MiB message is accepted with the default limit (in
 * 64 KiB frames, fed in 16 KiB pieces); one byte more is refused (1009). */
static void test_default_limit_16mib(void **state)
{
    const size_t total = (size_t)16 << 20, fsz = 65536;
    uint8_t *p = malloc(fsz);
    ws_rec r;
    hk_ws_conn *c;
    size_t off, k;
    (void)state;
    memset(p, 'L', fsz);
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    for (off = 0; off < total; off += fsz) {
        wb_reset(&in);
        wb_frame(&in, 1, off + fsz == total, 0, off ? 0 : HK_WS_OP_TEXT, p, fsz);
        for (k = 0; k < in.n; k += 16384) {
            size_t m = in.n - k < 16384 ? in.n - k : 16384;
            assert_int_equal(hk_ws_conn_feed(c, in.b + k, m), (hk_ssize)m);
        }
    }
    assert_int_equal(r.n, 1);
    assert_int_equal(r.ev[0].len, total);
    /* one byte over, announced by a header: refused before any payload */
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    wb_reset(&in);
    wb_raw(&in, "\x81\xff\x00\x00\x00\x00\x01\x00\x00\x01\x11\x22\x33\x44", 14);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), HK_ERR_WS_MESSAGE_TOO_LARGE);
    assert_int_equal(ws_drain_close_code(c), 1009);
    ws_rec_free(&r);
    hk_ws_conn_destroy(c);
    free(p);
}

/* Streaming delivery: chunks with FIRST/LAST flags, opcode on every chunk,
 * memory constant for any message size, UTF-8 checked as chunks pass. */
static void test_streaming(void **state)
{
    hk_ws_config cfg;
    ws_rec r;
    hk_ws_conn *c;
    uint8_t p[4096];
    size_t i, total = 0, mem0;
    (void)state;
    memset(p, 'z', sizeof p);
    ws_rec_init(&r);
    ws_cfg(&cfg, S, &r, 1);
    cfg.max_message_size = UINT64_MAX; /* no limit in streaming mode */
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    /* warm up the output queue (the pong below needs it) */
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, NULL, 0);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(ws_out_frames(c, fr, 4), 1);
    ws_rec_free(&r);
    mem0 = hk_ws_conn_memory(c);
    wb_reset(&in);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, p, sizeof p);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, NULL, 0);
    for (i = 0; i < 50; i++)
        wb_frame(&in, 1, 0, 0, HK_WS_OP_CONTINUATION, p, sizeof p);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, NULL, 0);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_BINARY, NULL, 0);
    /* fed in odd pieces */
    for (i = 0; i < in.n; i += 777) {
        size_t k = in.n - i < 777 ? in.n - i : 777;
        assert_int_equal(ws_feed_copy(c, in.b + i, k), (hk_ssize)k);
    }
    assert_int_equal(hk_ws_conn_memory(c), mem0); /* nothing buffered */
    assert_true(r.n > 52);
    assert_int_equal(r.ev[0].type, EV_CHUNK);
    assert_int_equal(r.ev[0].flags, HK_WS_CHUNK_FIRST);
    for (i = 0; i + 1 < r.n; i++) {
        if (r.ev[i].type == EV_CHUNK) {
            assert_int_equal(r.ev[i].opcode, HK_WS_OP_TEXT);
            total += r.ev[i].len;
            if (i > 0)
                assert_false(r.ev[i].flags & HK_WS_CHUNK_FIRST);
        }
    }
    assert_int_equal(r.ev[r.n - 2].flags, HK_WS_CHUNK_LAST); /* empty final fragment */
    assert_int_equal(r.ev[r.n - 2].len, 0);
    assert_int_equal(total, 51 * sizeof p);
    assert_int_equal(r.ev[r.n - 1].opcode, HK_WS_OP_BINARY);
    assert_int_equal(r.ev[r.n - 1].flags, HK_WS_CHUNK_FIRST | HK_WS_CHUNK_LAST);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);

    /* invalid UTF-8 in a later chunk: the earlier chunks were delivered,
     * the bad one is not */
    ws_rec_init(&r);
    c = ws_mk(S, &r, 1);
    wb_reset(&in);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, "abc\xe2\x82", 5);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, "\xacok\xff", 4);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), HK_ERR_WS_INVALID_UTF8);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.ev[0].len, 5);
    assert_int_equal(ws_drain_close_code(c), 1007);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);

    /* a truncated sequence at the very end: last chunk withheld */
    ws_rec_init(&r);
    c = ws_mk(S, &r, 1);
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "abc\xe2\x82", 5);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), HK_ERR_WS_INVALID_UTF8);
    assert_int_equal(r.n, 0);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* Streaming delivery at every split point of a multi-frame input (client
 * role: unmasked frames): the chunks concatenate to the message, with one
 * FIRST and one LAST flag. */
static void test_streaming_split_every_byte(void **state)
{
    static const char text[] = "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5 split "
                               "\xf0\x9f\x98\x80 everywhere";
    size_t len = sizeof text - 1, cut, i;
    (void)state;
    wb_reset(&in);
    wb_frame(&in, 0, 0, 0, HK_WS_OP_TEXT, text, 7);
    wb_frame(&in, 0, 1, 0, HK_WS_OP_PONG, "x", 1);
    wb_frame(&in, 0, 0, 0, HK_WS_OP_CONTINUATION, text + 7, 10);
    wb_frame(&in, 0, 1, 0, HK_WS_OP_CONTINUATION, text + 17, len - 17);
    for (cut = 0; cut <= in.n; cut++) {
        ws_rec r;
        hk_ws_conn *c;
        uint8_t got[128];
        size_t glen = 0, firsts = 0, lasts = 0;
        ws_rec_init(&r);
        c = ws_mk(C, &r, 1);
        assert_int_equal(ws_feed_copy(c, in.b, cut), (hk_ssize)cut);
        assert_int_equal(ws_feed_copy(c, in.b + cut, in.n - cut), (hk_ssize)(in.n - cut));
        for (i = 0; i < r.n; i++) {
            if (r.ev[i].type != EV_CHUNK)
                continue;
            assert_int_equal(r.ev[i].opcode, HK_WS_OP_TEXT);
            memcpy(got + glen, r.ev[i].data, r.ev[i].len);
            glen += r.ev[i].len;
            if (r.ev[i].flags & HK_WS_CHUNK_FIRST) {
                assert_int_equal(glen, r.ev[i].len); /* first is first */
                firsts++;
            }
            if (r.ev[i].flags & HK_WS_CHUNK_LAST) {
                assert_int_equal(glen, len); /* last is last */
                lasts++;
            }
        }
        assert_int_equal(firsts, 1);
        assert_int_equal(lasts, 1);
        assert_int_equal(glen, len);
        assert_memory_equal(got, text, len);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
    }
}

/* A callback returning non-zero fails the connection with 1011. */
static void test_callback_failure(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    (void)state;
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    r.fail_on = EV_MESSAGE;
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "x", 1);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "y", 1);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), HK_ERR_CALLBACK);
    assert_int_equal(r.n, 1);
    assert_int_equal(ws_drain_close_code(c), 1011);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* Back-pressure: while the output queue is over its bound, input stops at
 * a frame boundary (pings cannot grow the queue without limit). */
static void test_backpressure(void **state)
{
    hk_ws_config cfg;
    ws_rec r;
    hk_ws_conn *c;
    uint8_t p[100];
    hk_ssize n;
    size_t done = 0;
    int rounds = 0;
    (void)state;
    memset(p, 'p', sizeof p);
    ws_rec_init(&r);
    ws_cfg(&cfg, S, &r, 0);
    cfg.max_output_bytes = 300;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    wb_reset(&in);
    for (n = 0; n < 20; n++)
        wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, p, sizeof p);
    while (done < in.n) {
        n = hk_ws_conn_feed(c, in.b + done, in.n - done);
        assert_true(n >= 0);
        done += (size_t)n;
        assert_true(hk_ws_conn_output_size(c) <= 300 + 102);
        if (done < in.n) {
            assert_int_equal(hk_ws_conn_want_read(c), 0);
            assert_int_equal(hk_ws_conn_want_write(c), 1);
            assert_int_equal(ws_out_frames(c, fr, 64) > 0, 1);
        }
        rounds++;
    }
    assert_true(rounds > 3);
    assert_int_equal(r.n, 20);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_framing_lengths, setup),
        cmocka_unit_test_setup(test_framing_split_every_byte, setup),
        cmocka_unit_test_setup(test_ping_pong, setup),
        cmocka_unit_test_setup(test_unsolicited_pong, setup),
        cmocka_unit_test_setup(test_auto_pong_off, setup),
        cmocka_unit_test_setup(test_ping_too_long, setup),
        cmocka_unit_test_setup(test_rsv_bits, setup),
        cmocka_unit_test_setup(test_reserved_opcodes, setup),
        cmocka_unit_test_setup(test_fragmented_control, setup),
        cmocka_unit_test_setup(test_fragmented_with_pings, setup),
        cmocka_unit_test_setup(test_unexpected_continuation, setup),
        cmocka_unit_test_setup(test_expected_continuation, setup),
        cmocka_unit_test_setup(test_masking_direction, setup),
        cmocka_unit_test_setup(test_length_top_bit, setup),
        cmocka_unit_test_setup(test_utf8_valid_fragmented, setup),
        cmocka_unit_test_setup(test_utf8_invalid, setup),
        cmocka_unit_test_setup(test_utf8_every_position, setup),
        cmocka_unit_test_setup(test_utf8_fail_fast, setup),
        cmocka_unit_test_setup(test_limits, setup),
        cmocka_unit_test_setup(test_large_fragmented, setup),
        cmocka_unit_test_setup(test_default_limit_16mib, setup),
        cmocka_unit_test_setup(test_streaming, setup),
        cmocka_unit_test_setup(test_streaming_split_every_byte, setup),
        cmocka_unit_test_setup(test_callback_failure, setup),
        cmocka_unit_test_setup(test_backpressure, setup),
    };
    return cmocka_run_group_tests(tests, NULL, teardown_all);
}
