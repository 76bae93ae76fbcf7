/*
 * Sending: RFC 6455 5.7 examples byte for byte, client masking with fresh
 * keys, fragmented sends, validation, the bounded queue, partial writes at
 * every byte and would-block through the I/O callbacks.
 */
#include "ws_util2.h"

#define S HK_WS_ROLE_SERVER
#define C HK_WS_ROLE_CLIENT

static ws_parsed fr[64];

/* A random callback that yields the RFC 5.7 key 37 fa 21 3d forever. */
static int rfc_key(void *user, uint8_t *buf, size_t len)
{
    size_t i;
    (void)user;
    for (i = 0; i < len; i++)
        buf[i] = (uint8_t)"\x37\xfa\x21\x3d"[i % 4];
    return HK_OK;
}

static int failing_random(void *user, uint8_t *buf, size_t len)
{
    (void)user;
    (void)buf;
    (void)len;
    return HK_ERR_RANDOM;
}

static hk_ws_conn *mk_cfg(int role, ws_rec *r, hk_random_fn rnd, void *ru)
{
    hk_ws_config cfg;
    hk_ws_conn *c;
    ws_rec_init(r);
    ws_cfg(&cfg, role, r, 0);
    cfg.random = rnd;
    cfg.random_user = ru;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    r->conn = c;
    return c;
}

static void expect_output(hk_ws_conn *c, const char *hex)
{
    static uint8_t want[70000];
    const uint8_t *p;
    size_t n = hk_test_unhex(hex, want, sizeof want);
    assert_int_equal(hk_ws_conn_output(c, &p), n);
    assert_memory_equal(p, want, n);
    assert_int_equal(hk_ws_conn_output_advance(c, n), HK_OK);
}

/* RFC 6455 5.7, all five examples, produced by the engine. */
static void test_rfc_examples(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    uint8_t *big;
    const uint8_t *p;
    uint8_t ping[] = {0x89, 0x05, 'H', 'e', 'l', 'l', 'o'};
    (void)state;
    /* 1: unmasked "Hello" (server) */
    c = mk_cfg(S, &r, NULL, NULL);
    assert_int_equal(hk_ws_conn_send_text(c, "Hello", 5), HK_OK);
    expect_output(c, "81 05 48 65 6c 6c 6f");
    /* 3: fragmented unmasked "Hel" "lo" */
    assert_int_equal(hk_ws_conn_send_begin(c, HK_WS_OP_TEXT, "Hel", 3), HK_OK);
    assert_int_equal(hk_ws_conn_send_end(c, "lo", 2), HK_OK);
    expect_output(c, "01 03 48 65 6c 80 02 6c 6f");
    /* 4 (first half): unmasked ping */
    assert_int_equal(hk_ws_conn_send_ping(c, "Hello", 5), HK_OK);
    expect_output(c, "89 05 48 65 6c 6c 6f");
    /* 5: 256 bytes and 64 KiB binary, single unmasked frames */
    big = calloc(1, 65536);
    assert_int_equal(hk_ws_conn_send_binary(c, big, 256), HK_OK);
    assert_int_equal(hk_ws_conn_output(c, &p), 4 + 256);
    assert_memory_equal(p, "\x82\x7e\x01\x00", 4);
    assert_int_equal(hk_ws_conn_output_advance(c, 260), HK_OK);
    assert_int_equal(hk_ws_conn_send_binary(c, big, 65536), HK_OK);
    assert_int_equal(hk_ws_conn_output(c, &p), 10 + 65536);
    assert_memory_equal(p, "\x82\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10);
    assert_int_equal(hk_ws_conn_output_advance(c, 10 + 65536), HK_OK);
    free(big);
    /* a 2 MiB send: its queue memory is released once written */
    {
        size_t before = hk_ws_conn_memory(c);
        big = calloc(1, 2u << 20);
        assert_int_equal(hk_ws_conn_send_binary(c, big, 2u << 20), HK_OK);
        assert_true(hk_ws_conn_memory(c) > before + (2u << 20));
        assert_int_equal(hk_ws_conn_output_advance(c, hk_ws_conn_output_size(c)), HK_OK);
        assert_true(hk_ws_conn_memory(c) < before);
        free(big);
    }
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);

    /* 2: masked "Hello" (client, key 37 fa 21 3d) */
    c = mk_cfg(C, &r, rfc_key, NULL);
    assert_int_equal(hk_ws_conn_send_text(c, "Hello", 5), HK_OK);
    expect_output(c, "81 85 37 fa 21 3d 7f 9f 4d 51 58");
    /* 4 (second half): the unmasked ping is answered with the masked pong */
    assert_int_equal(hk_ws_conn_feed(c, ping, sizeof ping), 7);
    expect_output(c, "8a 85 37 fa 21 3d 7f 9f 4d 51 58");
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* Client frames carry fresh keys from the random callback. */
static void test_client_fresh_keys(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    hk_test_rng rng;
    const uint8_t *p;
    size_t n, i;
    int k, j;
    uint8_t keys[40][4];
    (void)state;
    hk_test_rng_seed(&rng, 42);
    c = mk_cfg(C, &r, hk_test_random, &rng);
    for (i = 0; i < 40; i++)
        assert_int_equal(hk_ws_conn_send_binary(c, "abcdefgh", 8), HK_OK);
    n = hk_ws_conn_output(c, &p);
    for (i = 0; i < 40; i++)
        memcpy(keys[i], p + i * 14 + 2, 4);
    k = ws_out_frames(c, fr, 64);
    (void)n;
    assert_int_equal(k, 40);
    for (j = 0; j < k; j++) {
        assert_int_equal(fr[j].masked, 1);
        assert_memory_equal(fr[j].payload, "abcdefgh", 8);
    }
    for (i = 1; i < 40; i++)
        assert_memory_not_equal(keys[i], keys[i - 1], 4);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);

    /* a send from inside a callback that fails the connection stops the
     * processing of the rest of the input */
    {
        ws_bytes in = {0};
        c = mk_cfg(C, &r, failing_random, NULL);
        r.send_in_callback = 1;
        wb_frame(&in, 0, 1, 0, HK_WS_OP_TEXT, "one", 3);
        wb_frame(&in, 0, 1, 0, HK_WS_OP_TEXT, "two", 3);
        assert_int_equal(hk_ws_conn_feed(c, in.b, in.n), HK_ERR_RANDOM);
        assert_int_equal(r.n, 1);
        assert_int_equal(r.send_err, HK_ERR_RANDOM);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
        wb_free(&in);
    }
    /* a failing random source fails the client connection */
    c = mk_cfg(C, &r, failing_random, NULL);
    assert_int_equal(hk_ws_conn_send_text(c, "x", 1), HK_ERR_RANDOM);
    assert_int_equal(hk_ws_conn_error(c), HK_ERR_RANDOM);
    assert_int_equal(hk_ws_conn_send_text(c, "x", 1), HK_ERR_RANDOM);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

static void test_send_validation(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    uint8_t big[126];
    (void)state;
    memset(big, 0, sizeof big);
    c = mk_cfg(S, &r, NULL, NULL);
    assert_int_equal(hk_ws_conn_send_text(c, "\xc0\xaf", 2), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_send_text(c, "ab\xe2\x82", 4), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_send_ping(c, big, 126), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_send_pong(c, big, 126), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_send_text(c, NULL, 1), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_send_text(NULL, "x", 1), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_send_begin(c, HK_WS_OP_PING, "x", 1), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_output_size(c), 0);
    assert_int_equal(hk_ws_conn_send_ping(c, big, 125), HK_OK);
    assert_int_equal(hk_ws_conn_send_text(c, NULL, 0), HK_OK);
    assert_int_equal(ws_out_frames(c, fr, 4), 2);
    assert_int_equal(fr[1].len, 0);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* begin/continue/end: frames, opcodes, interleaved control frames, UTF-8
 * checked across pieces with a failed piece leaving the state unchanged. */
static void test_fragmented_send(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    int k;
    (void)state;
    c = mk_cfg(S, &r, NULL, NULL);
    assert_int_equal(hk_ws_conn_send_continue(c, "x", 1), HK_ERR_STATE);
    assert_int_equal(hk_ws_conn_send_end(c, "x", 1), HK_ERR_STATE);
    assert_int_equal(hk_ws_conn_send_begin(c, HK_WS_OP_TEXT, "a\xe2", 2), HK_OK);
    assert_int_equal(hk_ws_conn_send_text(c, "x", 1), HK_ERR_STATE);
    assert_int_equal(hk_ws_conn_send_begin(c, HK_WS_OP_BINARY, "x", 1), HK_ERR_STATE);
    assert_int_equal(hk_ws_conn_send_ping(c, "p", 1), HK_OK);
    assert_int_equal(hk_ws_conn_send_continue(c, "\x41", 1), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_send_continue(c, "\x82", 1), HK_OK);
    assert_int_equal(hk_ws_conn_send_end(c, "\xac\xe2", 2), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_send_continue(c, NULL, 0), HK_OK);
    assert_int_equal(hk_ws_conn_send_end(c, "\xac!", 2), HK_OK);
    assert_int_equal(hk_ws_conn_send_end(c, "x", 1), HK_ERR_STATE);
    k = ws_out_frames(c, fr, 16);
    assert_int_equal(k, 5);
    assert_int_equal(fr[0].opcode, HK_WS_OP_TEXT);
    assert_int_equal(fr[0].fin, 0);
    assert_int_equal(fr[1].opcode, HK_WS_OP_PING);
    assert_int_equal(fr[2].opcode, HK_WS_OP_CONTINUATION);
    assert_int_equal(fr[2].fin, 0);
    assert_int_equal(fr[3].len, 0);
    assert_int_equal(fr[4].opcode, HK_WS_OP_CONTINUATION);
    assert_int_equal(fr[4].fin, 1);
    /* binary pieces are not validated */
    assert_int_equal(hk_ws_conn_send_begin(c, HK_WS_OP_BINARY, "\xff", 1), HK_OK);
    assert_int_equal(hk_ws_conn_send_end(c, "\xc0", 1), HK_OK);
    assert_int_equal(ws_out_frames(c, fr, 16), 2);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* A fragmented send, received by a server engine: reassembled. */
static void test_fragmented_roundtrip(void **state)
{
    ws_rec rc, rs;
    hk_ws_conn *c, *s;
    hk_test_rng rng;
    const uint8_t *p;
    uint8_t *copy;
    size_t n;
    (void)state;
    hk_test_rng_seed(&rng, 7);
    c = mk_cfg(C, &rc, hk_test_random, &rng);
    s = mk_cfg(S, &rs, NULL, NULL);
    assert_int_equal(hk_ws_conn_send_begin(c, HK_WS_OP_TEXT, "stream", 6), HK_OK);
    assert_int_equal(hk_ws_conn_send_continue(c, "ing ", 4), HK_OK);
    assert_int_equal(hk_ws_conn_send_end(c, "text", 4), HK_OK);
    n = hk_ws_conn_output(c, &p);
    copy = malloc(n);
    memcpy(copy, p, n);
    assert_int_equal(hk_ws_conn_feed(s, copy, n), (hk_ssize)n);
    assert_int_equal(rs.n, 1);
    assert_string_equal((char *)rs.ev[0].data, "streaming text");
    free(copy);
    hk_ws_conn_destroy(c);
    hk_ws_conn_destroy(s);
    ws_rec_free(&rc);
    ws_rec_free(&rs);
}

/* The bounded queue: a send that would exceed it fails, queues nothing. */
static void test_queue_full(void **state)
{
    hk_ws_config cfg;
    ws_rec r;
    hk_ws_conn *c;
    uint8_t p[100];
    (void)state;
    memset(p, 'q', sizeof p);
    ws_rec_init(&r);
    ws_cfg(&cfg, S, &r, 0);
    cfg.max_output_bytes = 100;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    assert_int_equal(hk_ws_conn_send_binary(c, p, 90), HK_OK);   /* 92 */
    assert_int_equal(hk_ws_conn_send_binary(c, p, 7), HK_ERR_QUEUE_FULL);
    assert_int_equal(hk_ws_conn_send_ping(c, p, 7), HK_ERR_QUEUE_FULL);
    assert_int_equal(hk_ws_conn_send_binary(c, p, 6), HK_OK);    /* 100 */
    assert_int_equal(hk_ws_conn_output_size(c), 100);
    assert_int_equal(hk_ws_conn_send_binary(c, p, 0), HK_ERR_QUEUE_FULL);
    assert_false(hk_is_fatal(HK_ERR_QUEUE_FULL));
    /* a close still goes out */
    assert_int_equal(hk_ws_conn_output_advance(c, 50), HK_OK);
    assert_int_equal(hk_ws_conn_send_binary(c, p, 48), HK_OK);
    assert_int_equal(hk_ws_conn_output_advance(c, 101), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_close(c, 1000, NULL, 0), HK_OK);
    assert_int_equal(hk_ws_conn_output_size(c), 104);
    assert_int_equal(hk_ws_conn_output_advance(c, 104), HK_OK);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* queue_raw: bytes before the frames, in the same contiguous output. */
static void test_queue_raw(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    const uint8_t *p;
    (void)state;
    c = mk_cfg(S, &r, NULL, NULL);
    assert_int_equal(hk_ws_conn_queue_raw(c, "HTTP/1.1 101\r\n\r\n", 16), HK_OK);
    assert_int_equal(hk_ws_conn_send_text(c, "hi", 2), HK_OK);
    assert_int_equal(hk_ws_conn_output(c, &p), 20);
    assert_memory_equal(p, "HTTP/1.1 101\r\n\r\n\x81\x02hi", 20);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
}

/* Partial writes at every byte: output drained in pieces of every size (and
 * one byte at a time through the write callback with would-block between)
 * yields exactly the bytes of the frames, none lost or repeated. */
static void test_partial_writes(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    ws_pipe tx = {0};
    uint8_t want[2000];
    const uint8_t *p;
    size_t n, step, i;
    int sent;
    uint8_t payload[700];
    (void)state;
    for (i = 0; i < sizeof payload; i++)
        payload[i] = (uint8_t)i;
    for (step = 1; step <= 800; step += (step < 20 ? 1 : 37)) {
        c = mk_cfg(S, &r, NULL, NULL);
        r.tx = &tx;
        tx.len = 0;
        assert_int_equal(hk_ws_conn_send_binary(c, payload, sizeof payload), HK_OK);
        assert_int_equal(hk_ws_conn_send_ping(c, "p", 1), HK_OK);
        n = hk_ws_conn_output(c, &p);
        assert_true(n <= sizeof want);
        memcpy(want, p, n);
        r.write_max = step;
        i = 0;
        sent = 0;
        while (hk_ws_conn_want_write(c) || !sent) {
            r.write_block = (i++ % 2) == 1; /* every other call would block */
            assert_int_equal(hk_ws_conn_on_writable(c), HK_OK);
            /* a send between partial writes goes after what is queued */
            if (i == 3) {
                assert_int_equal(hk_ws_conn_send_text(c, "z", 1), HK_OK);
                sent = 1;
            }
        }
        assert_int_equal(tx.len, n + 3);
        assert_memory_equal(tx.buf, want, n);
        assert_memory_equal(tx.buf + n, "\x81\x01z", 3);
        hk_ws_conn_destroy(c);
        ws_rec_free(&r);
    }
    ws_pipe_free(&tx);
}

/* Write callback errors are fatal; no write callback is a state error. */
static void test_write_errors(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    hk_ws_config cfg;
    ws_pipe tx = {0};
    (void)state;
    c = mk_cfg(S, &r, NULL, NULL);
    r.tx = &tx;
    r.write_fail = 1;
    assert_int_equal(hk_ws_conn_send_text(c, "x", 1), HK_OK);
    assert_int_equal(hk_ws_conn_on_writable(c), HK_ERR_IO);
    assert_int_equal(hk_ws_conn_error(c), HK_ERR_IO);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_CLOSED);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
    ws_rec_init(&r);
    hk_ws_config_default(&cfg);
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    assert_int_equal(hk_ws_conn_on_writable(c), HK_ERR_STATE);
    assert_int_equal(hk_ws_conn_on_readable(c), HK_ERR_STATE);
    hk_ws_conn_destroy(c);
    ws_pipe_free(&tx);
}

static void test_config(void **state)
{
    hk_ws_config cfg;
    hk_ws_conn *c = (hk_ws_conn *)&cfg;
    hk_allocator bad = {0};
    (void)state;
    hk_ws_config_default(&cfg);
    assert_int_equal(cfg.size, sizeof cfg);
    assert_int_equal(cfg.max_message_size, 16u << 20);
    assert_int_equal(cfg.auto_pong, 1);
    assert_int_equal(hk_ws_conn_create(NULL, &cfg), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_conn_create(&c, NULL), HK_ERR_INVALID_ARG);
    assert_null(c);
    cfg.size = 8;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_ERR_INVALID_ARG);
    hk_ws_config_default(&cfg);
    cfg.role = 5;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_ERR_INVALID_ARG);
    hk_ws_config_default(&cfg);
    cfg.allocator = &bad;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_ERR_INVALID_ARG);
    hk_ws_config_default(&cfg);
    cfg.max_message_size = UINT64_MAX; /* whole messages cannot be unbounded */
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_ERR_INVALID_ARG);
    hk_ws_config_default(&cfg);
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    assert_int_equal(hk_ws_conn_state(c), HK_WS_STATE_OPEN);
    assert_int_equal(hk_ws_conn_want_read(c), 1);
    assert_int_equal(hk_ws_conn_want_write(c), 0);
    assert_int_equal(hk_ws_conn_close_code(c), 0);
    assert_true(hk_ws_conn_memory(c) > 0);
    hk_ws_conn_destroy(c);
    hk_ws_conn_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc_examples),
        cmocka_unit_test(test_client_fresh_keys),
        cmocka_unit_test(test_send_validation),
        cmocka_unit_test(test_fragmented_send),
        cmocka_unit_test(test_fragmented_roundtrip),
        cmocka_unit_test(test_queue_full),
        cmocka_unit_test(test_queue_raw),
        cmocka_unit_test(test_partial_writes),
        cmocka_unit_test(test_write_errors),
        cmocka_unit_test(test_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
