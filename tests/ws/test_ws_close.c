/*
 * The closing handshake (RFC 6455 5.5.1, 7.1-7.4), modelled on Autobahn
 * section 7 (case numbers in comments).
 */
#include "ws_util2.h"

#define S HK_WS_ROLE_SERVER
#define C HK_WS_ROLE_CLIENT

static ws_parsed fr[16];
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

static void close_payload(uint8_t *p, int code, const char *reason, size_t rlen)
{
    p[0] = (uint8_t)(code >> 8);
    p[1] = (uint8_t)code;
    memcpy(p + 2, reason, rlen);
}

/* 7.1.1-7.1.4: message, close, then anything: the message is echoed, the
 * close echoed with the peer's code, nothing after the close is processed. */
static void test_close_after_message(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    uint8_t cp[2];
    int k;
    (void)state;
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    r.send_in_callback = 1;
    close_payload(cp, 1000, "", 0);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "Hello World!", 12);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CLOSE, cp, 2);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CLOSE, cp, 2);      /* 7.1.2 */
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "x", 1);      /* 7.1.3 */
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "after", 5);  /* 7.1.4 */
    wb_raw(&in, "\xff\xff\xff", 3);                     /* even garbage */
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_OPEN);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.ev[0].type, EV_MESSAGE);
    assert_int_equal(r.ev[1].type, EV_CLOSE);
    assert_int_equal(r.ev[1].opcode, 1000);
    assert_int_equal(hk_ws_conn_close_code(c), 1000);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSE_RECEIVED);
    assert_int_equal(hk_ws_conn_want_read(c), 0);
    assert_int_equal(hk_ws_conn_want_write(c), 1);
    k = ws_out_frames(c, fr, 16);
    assert_int_equal(k, 2);
    assert_int_equal(fr[0].opcode, HK_WS_OP_TEXT);
    assert_int_equal(fr[1].opcode, HK_WS_OP_CLOSE);
    assert_int_equal(fr[1].len, 2);
    assert_int_equal(fr[1].payload[0] << 8 | fr[1].payload[1], 1000);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSED);
    assert_int_equal(hk_ws_conn_error(c), HK_OK);
    /* sending after the close: refused */
    assert_int_equal(hk_ws_conn_send_text(c, "x", 1), HK_ERR_STATE);
    assert_int_equal(hk_ws_conn_close(c, 1000, NULL, 0), HK_ERR_STATE);
    /* more input is discarded; EOF now is clean */
    assert_int_equal(ws_feed_copy(c, "\x81\x80\0\0\0\0", 6), 6);
    assert_int_equal(hk_ws_conn_feed_eof(c), HK_OK);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* 7.1.5: close in the middle of a fragmented message: the message is never
 * delivered. */
static void test_close_mid_fragmented(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    (void)state;
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, "fragment1", 9);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CLOSE, "\x03\xe8", 2);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, "fragment2", 9);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.ev[0].type, EV_CLOSE);
    assert_int_equal(ws_drain_close_code(c), 1000);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* 7.3.1: empty close -> empty echo, code reported as 1005. */
static void test_close_empty(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    (void)state;
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CLOSE, NULL, 0);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(r.ev[0].opcode, HK_WS_CLOSE_NO_STATUS);
    assert_int_equal(hk_ws_conn_close_code(c), 1005);
    assert_int_equal(ws_out_frames(c, fr, 16), 1);
    assert_int_equal(fr[0].opcode, HK_WS_OP_CLOSE);
    assert_int_equal(fr[0].len, 0);
    assert_int_equal(hk_ws_conn_sent_close_code(c), 1005);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

static void expect_close_fail(const void *payload, size_t len, int err, int code)
{
    ws_rec r;
    hk_ws_conn *c;
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CLOSE, payload, len);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), err);
    assert_int_equal(r.n, 0); /* on_close not called for an invalid close */
    assert_int_equal(ws_drain_close_code(c), code);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSED);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* 7.3.2: 1-byte payload; 7.3.6: 124-byte reason (payload 126); 7.5.1:
 * reason not UTF-8. */
static void test_close_malformed(void **state)
{
    uint8_t p[130];
    (void)state;
    expect_close_fail("\x03", 1, HK_ERR_WS_CLOSE_PAYLOAD, 1002);
    memset(p, '*', sizeof p);
    close_payload(p, 1000, "", 0);
    expect_close_fail(p, 126, HK_ERR_WS_CONTROL_TOO_LONG, 1002);
    close_payload(p, 1000, "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80\x65\x64", 16);
    expect_close_fail(p, 18, HK_ERR_WS_CLOSE_REASON_UTF8, 1007);
    close_payload(p, 1000, "ab\xe2\x82", 4); /* truncated at the end */
    expect_close_fail(p, 6, HK_ERR_WS_CLOSE_REASON_UTF8, 1007);
}

/* 7.3.3-7.3.5, 7.7.1-7.7.13: valid codes with and without reasons (up to
 * 123 bytes) are reported and echoed with the same code. */
static void test_close_valid_codes(void **state)
{
    static const int codes[] = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010,
                                1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999};
    size_t i;
    uint8_t p[125];
    (void)state;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        ws_rec r;
        hk_ws_conn *c;
        size_t rlen = i == 0 ? 123 : i % 3 ? 0 : 5;
        memset(p, 'r', sizeof p);
        close_payload(p, codes[i], "reasonreason", rlen < 12 ? rlen : 0);
        ws_rec_init(&r);
        c = ws_mk(S, &r, 0);
        wb_reset(&in);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_CLOSE, p, 2 + rlen);
        assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
        assert_int_equal(r.n, 1);
        assert_int_equal(r.ev[0].opcode, codes[i]);
        assert_int_equal(r.ev[0].len, rlen);
        assert_memory_equal(r.ev[0].data, p + 2, rlen);
        assert_int_equal(ws_drain_close_code(c), codes[i]);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
    }
}

/* 7.9.1-7.9.9, 7.13.1-7.13.2: invalid codes fail with 1002. */
static void test_close_invalid_codes(void **state)
{
    static const int codes[] = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999,
                                5000, 65535};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        uint8_t p[2];
        close_payload(p, codes[i], "", 0);
        expect_close_fail(p, 2, HK_ERR_WS_CLOSE_CODE, 1002);
    }
}

/* Our close first (7.1.2 of the RFC): data still arrives until the peer's
 * close; then the state is CLOSED once our close is flushed. */
static void test_local_close(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    char reason[124];
    (void)state;
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    memset(reason, 'a', sizeof reason);
    /* argument validation */
    assert_int_equal(hk_ws_conn_close(c, 1005, NULL, 0), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_close(c, 999, NULL, 0), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_close(c, 1000, reason, 124), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_close(c, 1000, "\xc0\xaf", 2), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_close(c, 0, "x", 1), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_output_size(c), 0);
    assert_int_equal(hk_ws_conn_close(c, 4000, reason, 123), HK_OK);
    assert_int_equal(hk_ws_conn_close(c, 1000, NULL, 0), HK_ERR_STATE);
    assert_int_equal(hk_ws_conn_send_text(c, "x", 1), HK_ERR_STATE);
    assert_int_equal(hk_ws_conn_send_ping(c, "x", 1), HK_ERR_STATE);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSE_SENT);
    assert_int_equal(hk_ws_conn_sent_close_code(c), 4000);
    assert_int_equal(ws_out_frames(c, fr, 16), 1);
    assert_int_equal(fr[0].len, 125);
    assert_int_equal(fr[0].payload[0] << 8 | fr[0].payload[1], 4000);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSE_SENT);
    assert_int_equal(hk_ws_conn_want_read(c), 1);
    /* a message in flight still arrives; pings are not answered */
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "late", 4);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, NULL, 0);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CLOSE, "\x0f\xa0", 2);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.ev[0].type, EV_MESSAGE);
    assert_int_equal(r.ev[2].type, EV_CLOSE);
    assert_int_equal(hk_ws_conn_output_size(c), 0); /* no second close */
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSED);
    assert_int_equal(hk_ws_conn_close_code(c), 4000);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);

    /* close without a code */
    ws_rec_init(&r);
    c = ws_mk(C, &r, 0);
    assert_int_equal(hk_ws_conn_close(c, 0, NULL, 0), HK_OK);
    assert_int_equal(hk_ws_conn_sent_close_code(c), 1005);
    assert_int_equal(ws_out_frames(c, fr, 16), 1);
    assert_int_equal(fr[0].len, 0);
    assert_int_equal(fr[0].masked, 1);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* End of stream without a close: 1006 and HK_ERR_EOF (RFC 7.1.5). */
static void test_eof(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    (void)state;
    ws_rec_init(&r);
    c = ws_mk(S, &r, 0);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "abc", 3);
    assert_int_equal(hk_ws_conn_feed(c, in.b, 4), 4); /* partial frame */
    assert_int_equal(hk_ws_conn_feed_eof(c), HK_ERR_EOF);
    assert_int_equal(hk_ws_conn_close_code(c), HK_WS_CLOSE_ABNORMAL);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSED);
    assert_int_equal(hk_ws_conn_want_write(c), 0);
    assert_int_equal(ws_feed_copy(c, "x", 1), HK_ERR_EOF);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* The close echo from a client is masked. */
static void test_client_echo_masked(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    (void)state;
    ws_rec_init(&r);
    c = ws_mk(C, &r, 0);
    wb_frame(&in, 0, 1, 0, HK_WS_OP_CLOSE, "\x03\xe9" "bye", 5);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
    assert_string_equal((char *)r.ev[0].data, "bye");
    assert_int_equal(ws_out_frames(c, fr, 16), 1);
    assert_int_equal(fr[0].masked, 1);
    assert_int_equal(fr[0].payload[0] << 8 | fr[0].payload[1], 1001);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_close_after_message, setup),
        cmocka_unit_test_setup(test_close_mid_fragmented, setup),
        cmocka_unit_test_setup(test_close_empty, setup),
        cmocka_unit_test_setup(test_close_malformed, setup),
        cmocka_unit_test_setup(test_close_valid_codes, setup),
        cmocka_unit_test_setup(test_close_invalid_codes, setup),
        cmocka_unit_test_setup(test_local_close, setup),
        cmocka_unit_test_setup(test_eof, setup),
        cmocka_unit_test_setup(test_client_echo_masked, setup),
    };
    return cmocka_run_group_tests(tests, NULL, teardown_all);
}
