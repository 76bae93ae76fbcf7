/*
 * I/O-callback driving: a client and a server engine talking to each other
 * over in-memory pipes, with short reads and writes and would-block on both
 * sides; the input-buffer (zero-copy) feed path; read errors and EOF.
 */
#include "ws_util2.h"

#define S HK_WS_ROLE_SERVER
#define C HK_WS_ROLE_CLIENT

typedef struct {
    ws_rec rc, rs;
    ws_pipe c2s, s2c;
    hk_ws_conn *c, *s;
    hk_test_rng rng;
} pair;

static void pair_init(pair *p, int streaming, size_t recv_buf)
{
    hk_ws_config cfg;
    memset(p, 0, sizeof *p);
    hk_test_rng_seed(&p->rng, 99);
    ws_rec_init(&p->rc);
    ws_rec_init(&p->rs);
    ws_cfg(&cfg, C, &p->rc, streaming);
    cfg.random = hk_test_random;
    cfg.random_user = &p->rng;
    cfg.recv_buffer_size = recv_buf;
    assert_int_equal(hk_ws_conn_create(&p->c, &cfg), HK_OK);
    ws_cfg(&cfg, S, &p->rs, streaming);
    cfg.recv_buffer_size = recv_buf;
    assert_int_equal(hk_ws_conn_create(&p->s, &cfg), HK_OK);
    p->rc.conn = p->c;
    p->rs.conn = p->s;
    p->rc.tx = &p->c2s;
    p->rc.rx = &p->s2c;
    p->rs.tx = &p->s2c;
    p->rs.rx = &p->c2s;
}

static void pair_free(pair *p)
{
    hk_ws_conn_destroy(p->c);
    hk_ws_conn_destroy(p->s);
    ws_rec_free(&p->rc);
    ws_rec_free(&p->rs);
    ws_pipe_free(&p->c2s);
    ws_pipe_free(&p->s2c);
}

/* Pump both ends until nothing moves; random short reads/writes and
 * would-block. */
static void pair_pump(pair *p, int chaos)
{
    int idle = 0, rounds = 0;
    while (idle < 8 && rounds++ < 100000) {
        size_t before = p->c2s.len + p->s2c.len + p->rc.n + p->rs.n;
        size_t out_before = hk_ws_conn_output_size(p->c) + hk_ws_conn_output_size(p->s);
        if (chaos) {
            p->rc.read_max = 1 + (size_t)hk_test_rng_below(&p->rng, 300);
            p->rs.read_max = 1 + (size_t)hk_test_rng_below(&p->rng, 300);
            p->rc.write_max = 1 + (size_t)hk_test_rng_below(&p->rng, 300);
            p->rs.write_max = 1 + (size_t)hk_test_rng_below(&p->rng, 300);
            p->rc.read_block = hk_test_rng_below(&p->rng, 4) == 0;
            p->rs.read_block = hk_test_rng_below(&p->rng, 4) == 0;
            p->rc.write_block = hk_test_rng_below(&p->rng, 4) == 0;
            p->rs.write_block = hk_test_rng_below(&p->rng, 4) == 0;
        }
        if (hk_ws_conn_want_write(p->c))
            assert_int_equal(hk_ws_conn_on_writable(p->c), HK_OK);
        if (hk_ws_conn_want_write(p->s))
            assert_int_equal(hk_ws_conn_on_writable(p->s), HK_OK);
        if (hk_ws_conn_want_read(p->s))
            assert_int_equal(hk_ws_conn_on_readable(p->s), HK_OK);
        if (hk_ws_conn_want_read(p->c))
            assert_int_equal(hk_ws_conn_on_readable(p->c), HK_OK);
        if (before == p->c2s.len + p->s2c.len + p->rc.n + p->rs.n &&
            out_before == hk_ws_conn_output_size(p->c) + hk_ws_conn_output_size(p->s))
            idle++;
        else
            idle = 0;
    }
    p->rc.read_block = p->rs.read_block = p->rc.write_block = p->rs.write_block = 0;
}

/* Messages of random sizes both ways, each echoed by the server, in order. */
static void test_pair_echo(void **state)
{
    int chaos;
    (void)state;
    for (chaos = 0; chaos < 2; chaos++) {
        pair p;
        size_t i, sizes[40];
        uint8_t *msg = malloc(200000);
        pair_init(&p, 0, chaos ? 64 : 0);
        p.rs.send_in_callback = 1;
        for (i = 0; i < 200000; i++)
            msg[i] = (uint8_t)('a' + i % 26);
        for (i = 0; i < 40; i++) {
            sizes[i] = i == 39 ? 200000 : (size_t)hk_test_rng_below(&p.rng, i < 20 ? 130 : 70000);
            if (i % 2)
                assert_int_equal(hk_ws_conn_send_text(p.c, msg, sizes[i]), HK_OK);
            else
                assert_int_equal(hk_ws_conn_send_binary(p.c, msg, sizes[i]), HK_OK);
            if (i % 7 == 0)
                assert_int_equal(hk_ws_conn_send_ping(p.c, "k", 1), HK_OK);
            if (i % 5 == 0)
                pair_pump(&p, chaos);
        }
        pair_pump(&p, chaos);
        /* every message reached the server and came back */
        {
            size_t got = 0, j;
            for (j = 0; j < p.rc.n; j++) {
                if (p.rc.ev[j].type != EV_MESSAGE)
                    continue;
                assert_int_equal(p.rc.ev[j].opcode, got % 2 ? HK_WS_OP_TEXT : HK_WS_OP_BINARY);
                assert_int_equal(p.rc.ev[j].len, sizes[got]);
                assert_memory_equal(p.rc.ev[j].data, msg, sizes[got]);
                got++;
            }
            assert_int_equal(got, 40);
        }
        /* client closes; the handshake completes on both ends */
        assert_int_equal(hk_ws_conn_close(p.c, 1000, "done", 4), HK_OK);
        pair_pump(&p, chaos);
        assert_int_equal(hk_ws_conn_state(p.c), HK_WS_STATE_CLOSED);
        assert_int_equal(hk_ws_conn_state(p.s), HK_WS_STATE_CLOSED);
        assert_int_equal(hk_ws_conn_close_code(p.s), 1000);
        assert_int_equal(hk_ws_conn_close_code(p.c), 1000);
        assert_int_equal(hk_ws_conn_error(p.c), HK_OK);
        assert_int_equal(hk_ws_conn_error(p.s), HK_OK);
        /* the server closes TCP; the client sees EOF after the handshake */
        p.s2c.eof = 1;
        assert_int_equal(hk_ws_conn_feed_eof(p.c), HK_OK);
        pair_free(&p);
        free(msg);
    }
}

/* Streaming delivery across the pair: constant memory for a large message
 * sent in fragments. */
static void test_pair_streaming(void **state)
{
    pair p;
    size_t i, mem;
    uint8_t chunk[5000];
    (void)state;
    memset(chunk, 'x', sizeof chunk);
    pair_init(&p, 1, 4096);
    p.rs.no_store = 1;
    assert_int_equal(hk_ws_conn_send_begin(p.c, HK_WS_OP_TEXT, chunk, sizeof chunk), HK_OK);
    pair_pump(&p, 0);
    mem = hk_ws_conn_memory(p.s);
    for (i = 0; i < 200; i++) {
        assert_int_equal(hk_ws_conn_send_continue(p.c, chunk, sizeof chunk), HK_OK);
        pair_pump(&p, 1);
        assert_int_equal(hk_ws_conn_memory(p.s), mem);
        assert_int_equal(p.rs.lasts, 0);
    }
    assert_int_equal(hk_ws_conn_send_end(p.c, NULL, 0), HK_OK);
    pair_pump(&p, 0);
    assert_int_equal(p.rs.chunk_bytes, 201 * sizeof chunk);
    assert_int_equal(p.rs.firsts, 1);
    assert_int_equal(p.rs.lasts, 1);
    assert_true(p.rs.chunks > 201);
    pair_free(&p);
}

/* The zero-copy input buffer: write into the engine, commit. */
static void test_input_buffer(void **state)
{
    ws_rec r;
    hk_ws_conn *c;
    ws_bytes in = {0};
    uint8_t *buf;
    size_t cap, i;
    hk_ws_config cfg;
    (void)state;
    ws_rec_init(&r);
    ws_cfg(&cfg, S, &r, 0);
    cfg.recv_buffer_size = 100;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    for (i = 0; i < 30; i++)
        wb_frame(&in, 1, 1, 0, HK_WS_OP_BINARY, "0123456789abcdefghijklmnopqrstuvwxyz", 3 + i);
    for (i = 0; i < in.n;) {
        size_t k;
        assert_int_equal(hk_ws_conn_input_buffer(c, &buf, &cap), HK_OK);
        assert_true(cap > 0 && cap <= 100);
        k = in.n - i < cap ? in.n - i : cap;
        if (k > 37)
            k = 37;
        memcpy(buf, in.b + i, k);
        assert_int_equal(hk_ws_conn_input_commit(c, k), HK_OK);
        i += k;
    }
    assert_int_equal(r.n, 30);
    for (i = 0; i < 30; i++)
        assert_int_equal(r.ev[i].len, 3 + i);
    assert_int_equal(hk_ws_conn_input_buffer(c, &buf, &cap), HK_OK);
    assert_int_equal(hk_ws_conn_input_commit(c, cap + 1), HK_ERR_INVALID_ARG);
    hk_ws_conn_destroy(c);
    ws_rec_free(&r);
    wb_free(&in);
}

/* Read errors and EOF through the read callback. */
static void test_read_errors(void **state)
{
    pair p;
    (void)state;
    pair_init(&p, 0, 0);
    p.rs.read_fail = 1;
    assert_int_equal(hk_ws_conn_on_readable(p.s), HK_ERR_IO);
    assert_int_equal(hk_ws_conn_error(p.s), HK_ERR_IO);
    assert_int_equal(hk_ws_conn_state(p.s), HK_WS_STATE_CLOSED);
    p.c2s.eof = 1;
    assert_int_equal(hk_ws_conn_on_readable(p.c), HK_OK); /* would block */
    p.s2c.eof = 1;
    assert_int_equal(hk_ws_conn_on_readable(p.c), HK_ERR_EOF);
    assert_int_equal(hk_ws_conn_close_code(p.c), HK_WS_CLOSE_ABNORMAL);
    pair_free(&p);
}

/* A read callback that returns short counts while it still holds data (as
 * a TLS layer does, one record at a time): one on_readable call drains it. */
static void test_short_reads_drained(void **state)
{
    pair p;
    size_t i;
    ws_bytes in = {0};
    (void)state;
    pair_init(&p, 0, 0);
    for (i = 0; i < 50; i++)
        wb_frame(&in, 1, 1, 0, HK_WS_OP_BINARY, "0123456789", 10);
    ws_pipe_push(&p.c2s, in.b, in.n);
    p.rs.read_max = 7;
    assert_int_equal(hk_ws_conn_on_readable(p.s), HK_OK);
    assert_int_equal(p.c2s.len, 0);
    assert_int_equal(p.rs.n, 50);
    pair_free(&p);
    wb_free(&in);
}

/* Hand-over from a handshake: bytes that arrived with the handshake are fed
 * right after creation, before any read. */
static void test_handover(void **state)
{
    pair p;
    ws_bytes in = {0};
    (void)state;
    pair_init(&p, 0, 0);
    wb_frame(&in, 1, 1, 0, HK_WS_OP_TEXT, "early", 5);
    assert_int_equal(hk_ws_conn_feed(p.s, in.b, in.n), (hk_ssize)in.n);
    assert_int_equal(p.rs.n, 1);
    assert_string_equal((char *)p.rs.ev[0].data, "early");
    assert_int_equal(hk_ws_conn_send_text(p.c, "later", 5), HK_OK);
    pair_pump(&p, 0);
    assert_int_equal(p.rs.n, 2);
    pair_free(&p);
    wb_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pair_echo),
        cmocka_unit_test(test_pair_streaming),
        cmocka_unit_test(test_input_buffer),
        cmocka_unit_test(test_read_errors),
        cmocka_unit_test(test_short_reads_drained),
        cmocka_unit_test(test_handover),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
