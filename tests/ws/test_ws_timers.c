/*
 * Time without a clock: keep-alive pings, pong timeout and close timeout,
 * driven only by the `now` passed to hk_ws_conn_tick.
 */
#include "ws_util2.h"

#define S HK_WS_ROLE_SERVER

static ws_parsed fr[8];

static hk_ws_conn *mk(ws_rec *r, uint32_t interval, uint32_t pong_to, uint32_t close_to)
{
    hk_ws_config cfg;
    hk_ws_conn *c;
    ws_rec_init(r);
    ws_cfg(&cfg, S, r, 0);
    cfg.ping_interval_ms = interval;
    cfg.pong_timeout_ms = pong_to;
    cfg.close_timeout_ms = close_to;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    return c;
}

static void test_no_timers(void **state)
{
    ws_rec r;
    hk_ws_conn *c = mk(&r, 0, 0, 0);
    uint64_t next = 0;
    (void)state;
    assert_int_equal(hk_ws_conn_tick(c, 0, &next), HK_OK);
    assert_int_equal(next, UINT64_MAX);
    assert_int_equal(hk_ws_conn_tick(c, 1000000, &next), HK_OK);
    assert_int_equal(next, UINT64_MAX);
    assert_int_equal(hk_ws_conn_output_size(c), 0);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* A ping every interval; a pong disarms the timeout. */
static void test_keepalive_answered(void **state)
{
    ws_rec r;
    hk_ws_conn *c = mk(&r, 1000, 300, 0);
    uint64_t next = 0;
    ws_bytes in = {0};
    int i;
    (void)state;
    assert_int_equal(hk_ws_conn_tick(c, 5000, &next), HK_OK);
    assert_int_equal(next, 6000);
    assert_int_equal(hk_ws_conn_tick(c, 5999, &next), HK_OK);
    assert_int_equal(hk_ws_conn_output_size(c), 0);
    for (i = 0; i < 5; i++) {
        uint64_t t = 6000 + (uint64_t)i * 1000;
        assert_int_equal(hk_ws_conn_tick(c, t, &next), HK_OK);
        assert_int_equal(next, t + 300); /* the pong deadline comes first */
        assert_int_equal(ws_out_frames(c, fr, 8), 1);
        assert_int_equal(fr[0].opcode, HK_WS_OP_PING);
        wb_reset(&in);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_PONG, fr[0].payload, fr[0].len);
        assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
        assert_int_equal(hk_ws_conn_tick(c, t + 299, &next), HK_OK);
        assert_int_equal(next, t + 1000);
    }
    assert_int_equal(hk_ws_conn_error(c), HK_OK);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
    wb_free(&in);
}

/* No pong: HK_ERR_WS_PING_TIMEOUT at the deadline, not a millisecond before;
 * the transport should be closed at once (state CLOSED). */
static void test_pong_timeout(void **state)
{
    ws_rec r;
    hk_ws_conn *c = mk(&r, 1000, 300, 0);
    uint64_t next = 0;
    (void)state;
    assert_int_equal(hk_ws_conn_tick(c, 0, &next), HK_OK);
    assert_int_equal(hk_ws_conn_tick(c, 1000, &next), HK_OK);
    assert_int_equal(next, 1300);
    assert_int_equal(hk_ws_conn_tick(c, 1299, &next), HK_OK);
    assert_int_equal(hk_ws_conn_tick(c, 1300, &next), HK_ERR_WS_PING_TIMEOUT);
    assert_int_equal(next, UINT64_MAX);
    assert_int_equal(hk_ws_conn_error(c), HK_ERR_WS_PING_TIMEOUT);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSED);
    assert_int_equal(hk_ws_conn_tick(c, 2000, &next), HK_ERR_WS_PING_TIMEOUT);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* Our close is never answered: HK_ERR_WS_CLOSE_TIMEOUT; answered in time:
 * no error. */
static void test_close_timeout(void **state)
{
    ws_rec r;
    hk_ws_conn *c = mk(&r, 0, 0, 500);
    uint64_t next = 0;
    ws_bytes in = {0};
    (void)state;
    assert_int_equal(hk_ws_conn_tick(c, 100, &next), HK_OK);
    assert_int_equal(hk_ws_conn_close(c, 1000, NULL, 0), HK_OK);
    assert_int_equal(hk_ws_conn_tick(c, 200, &next), HK_OK);
    assert_int_equal(next, 700);
    assert_int_equal(hk_ws_conn_tick(c, 699, &next), HK_OK);
    assert_int_equal(hk_ws_conn_tick(c, 700, &next), HK_ERR_WS_CLOSE_TIMEOUT);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSED);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);

    c = mk(&r, 1000, 100, 500); /* keep-alive stops once closing */
    assert_int_equal(hk_ws_conn_tick(c, 0, &next), HK_OK);
    assert_int_equal(hk_ws_conn_close(c, 1001, NULL, 0), HK_OK);
    assert_int_equal(ws_out_frames(c, fr, 8), 1); /* our close leaves */
    assert_int_equal(hk_ws_conn_tick(c, 10, &next), HK_OK);
    assert_int_equal(next, 510);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CLOSE, "\x03\xe9", 2);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(hk_ws_conn_tick(c, 10000, &next), HK_OK);
    assert_int_equal(next, UINT64_MAX);
    assert_int_equal(hk_ws_conn_error(c), HK_OK);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
    wb_free(&in);
}

/* A close that can never be written (the peer does not read): after a
 * failure, and after an echo, the state becomes CLOSED at the timeout. */
static void test_unflushed_close(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    uint64_t next = 0;
    ws_bytes in = {0};
    (void)state;
    c = mk(&r, 0, 0, 400);
    wb_frame(&in, 0, 1, 0, HK_WS_OP_TEXT, "unmasked", 8); /* protocol error */
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), HK_ERR_WS_MASK_REQUIRED);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSE_SENT);
    assert_int_equal(hk_ws_conn_tick(c, 1000, &next), HK_ERR_WS_MASK_REQUIRED);
    assert_int_equal(next, 1400);
    assert_int_equal(hk_ws_conn_tick(c, 1399, &next), HK_ERR_WS_MASK_REQUIRED);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSE_SENT);
    assert_int_equal(hk_ws_conn_tick(c, 1400, &next), HK_ERR_WS_MASK_REQUIRED);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSED);
    assert_int_equal(next, UINT64_MAX);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);

    c = mk(&r, 0, 0, 400);
    wb_reset(&in);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_CLOSE, "\x03\xe8", 2);
    assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSE_RECEIVED);
    assert_int_equal(hk_ws_conn_tick(c, 0, &next), HK_OK);
    assert_int_equal(next, 400);
    assert_int_equal(hk_ws_conn_tick(c, 400, &next), HK_ERR_WS_CLOSE_TIMEOUT);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSED);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
    wb_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_timers),
        cmocka_unit_test(test_keepalive_answered),
        cmocka_unit_test(test_pong_timeout),
        cmocka_unit_test(test_close_timeout),
        cmocka_unit_test(test_unflushed_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
