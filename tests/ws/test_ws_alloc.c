/*
 * Allocation failure injected at every allocation of a scenario that
 * exercises every allocating path (creation, receive buffer, reassembly,
 * output queue growth): no crash, no leak, the right error, and a clean run
 * when nothing fails.
 */
#include "ws_util2.h"

#define S HK_WS_ROLE_SERVER

static ws_bytes in;

/* Returns the number of allocations the scenario made, or 0 if it stopped
 * on an injected failure. */
static size_t scenario(size_t fail_at)
{
    hk_test_alloc st;
    hk_allocator a;
    hk_ws_config cfg;
    hk_ws_conn *c = NULL;
    ws_rec r;
    uint8_t *buf;
    size_t cap, i, calls;
    int rc, failed = 0;
    hk_ssize n;
    static uint8_t big[100000];

    memset(&st, 0, sizeof st);
    st.fail_at = fail_at;
    hk_test_alloc_init(&st, &a);
    ws_rec_init(&r);
    ws_cfg(&cfg, S, &r, 0);
    cfg.allocator = &a;
    cfg.recv_buffer_size = 256;
    rc = hk_ws_conn_create(&c, &cfg);
    if (rc != HK_OK) {
        assert_int_equal(rc, HK_ERR_NOMEM);
        assert_null(c);
        failed = 1;
        goto done;
    }
    r.conn = c;
    r.send_in_callback = 1; /* grows the output queue */
    /* fed: fragmented message (reassembly growth), pings */
    n = ws_feed_copy(c, in.b, in.n);
    if (n < 0) {
        assert_int_equal(n, HK_ERR_NOMEM);
        assert_int_equal(hk_ws_conn_error(c), HK_ERR_NOMEM);
        failed = 1;
        goto done;
    }
    /* via the engine buffer */
    rc = hk_ws_conn_input_buffer(c, &buf, &cap);
    if (rc != HK_OK) {
        assert_int_equal(rc, HK_ERR_NOMEM);
        failed = 1;
        goto done;
    }
    memcpy(buf, in.b, 20);
    rc = hk_ws_conn_input_commit(c, 20);
    if (rc != HK_OK) {
        assert_int_equal(rc, HK_ERR_NOMEM);
        failed = 1;
        goto done;
    }
    /* sends (queue growth; not sticky) */
    for (i = 0; i < 3; i++) {
        rc = hk_ws_conn_send_binary(c, big, sizeof big);
        if (rc != HK_OK) {
            assert_int_equal(rc, HK_ERR_NOMEM);
            assert_int_equal(hk_ws_conn_error(c), HK_OK);
            failed = 1;
        }
    }
done:
    if (r.send_err != HK_OK) {
        assert_int_equal(r.send_err, HK_ERR_NOMEM); /* an echo's queue growth */
        failed = 1;
    }
    calls = st.calls;
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
    assert_int_equal(st.live_blocks, 0);
    assert_int_equal(st.live_bytes, 0);
    assert_int_equal(st.size_errors, 0);
    return failed ? 0 : calls;
}

static void test_alloc_failure_everywhere(void **state)
{
    size_t total, k;
    (void)state;
    wb_reset(&in);
    for (k = 0; k < 20; k++)
        wb_frame(&in, 1, k == 19, 0, k ? 0 : HK_WS_OP_BINARY,
                 "0123456789012345678901234567890123456789", 10 + k);
    {
        static uint8_t p[5000];
        memset(p, 'x', sizeof p);
        wb_frame(&in, 1, 0, 0, HK_WS_OP_TEXT, p, sizeof p);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "p", 1);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, p, sizeof p);
    }
    total = scenario(0);
    assert_true(total >= 4);
    for (k = 1; k <= total; k++)
        if (scenario(k) != 0)
            fail_msg("allocation %zu of %zu failed silently", k, total);
    assert_int_equal(scenario(total + 1), total);
    wb_free(&in);
}

/* Steady state: after a warm-up, thousands of frames in and out (whole and
 * fragmented messages, pings, echoes) allocate nothing. */
static void test_no_allocation_per_frame(void **state)
{
    hk_test_alloc st;
    hk_allocator a;
    hk_ws_config cfg;
    hk_ws_conn *c;
    ws_rec r;
    size_t k, calls, round;
    uint8_t *copy;
    const uint8_t *out;
    (void)state;
    memset(&st, 0, sizeof st);
    hk_test_alloc_init(&st, &a);
    ws_rec_init(&r);
    ws_cfg(&cfg, S, &r, 0);
    cfg.allocator = &a;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    r.conn = c;
    r.send_in_callback = 1;
    wb_reset(&in);
    for (k = 0; k < 40; k++) {
        wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "steady state text", 17);
        wb_frame(&in, 1, 0, 0, HK_WS_OP_BINARY, "frag", 4);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_PING, "p", 1);
        wb_frame(&in, 1, 1, 0, HK_WS_OP_CONTINUATION, "ment", 4);
    }
    copy = malloc(in.n);
    calls = 0;
    for (round = 0; round < 50; round++) {
        if (round == 2)
            calls = st.calls; /* warmed up */
        memcpy(copy, in.b, in.n);
        /* in uneven pieces, so frames straddle calls */
        for (k = 0; k < in.n; k += 333) {
            size_t m = in.n - k < 333 ? in.n - k : 333;
            assert_int_equal(hk_ws_conn_feed(c, copy + k, m), (hk_ssize)m);
        }
        assert_int_equal(hk_ws_conn_output_advance(c, hk_ws_conn_output(c, &out)), HK_OK);
        ws_rec_free(&r);
    }
    assert_true(calls > 0);
    assert_int_equal(st.calls, calls);
    assert_int_equal(r.send_err, HK_OK);
    hk_ws_conn_destroy(c);
    free(copy);
    assert_int_equal(st.live_blocks, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_failure_everywhere),
        cmocka_unit_test(test_no_allocation_per_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
