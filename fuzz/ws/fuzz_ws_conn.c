/*
 * Fuzz target: arbitrary bytes into a server engine and a client engine, in
 * pieces whose sizes come from the input, through both feed paths.
 * Invariants: no crash, no leak (counting allocator), text messages are
 * valid UTF-8, every Close the engine sends carries a valid code, every
 * returned error is a known code, the output always parses as frames.
 *
 * Input layout: byte 0 = options (bit 0 streaming, bit 1 small limits,
 * bit 2 engine input buffer, bit 3 auto_pong off), byte 1 = piece-size
 * seed, rest = the byte stream.
 */
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    size_t live;
} fz_alloc_state;

static void *fz_malloc(size_t n, void *u)
{
    ((fz_alloc_state *)u)->live++;
    return malloc(n);
}
static void *fz_realloc(void *p, size_t o, size_t n, void *u)
{
    (void)o;
    (void)u;
    return realloc(p, n);
}
static void fz_free(void *p, size_t n, void *u)
{
    (void)n;
    ((fz_alloc_state *)u)->live--;
    free(p);
}

static int fz_rand(void *u, uint8_t *b, size_t n)
{
    (void)u;
    memset(b, 0x5A, n);
    return HK_OK;
}

static int fz_message(void *u, int op, const uint8_t *d, size_t n)
{
    (void)u;
    if (op != HK_WS_OP_TEXT && op != HK_WS_OP_BINARY)
        abort();
    if (op == HK_WS_OP_TEXT && hk_utf8_validate(d, n, NULL) != HK_OK)
        abort();
    return 0;
}

static int fz_chunk(void *u, int op, const uint8_t *d, size_t n, unsigned flags)
{
    (void)u;
    (void)d;
    (void)n;
    if ((op != HK_WS_OP_TEXT && op != HK_WS_OP_BINARY) || flags > 3)
        abort();
    return 0;
}

static int fz_close(void *u, int code, const char *r, size_t n)
{
    (void)u;
    if (code != HK_WS_CLOSE_NO_STATUS && !hk_ws_close_code_valid(code))
        abort();
    if (n > 123 || hk_utf8_validate(r, n, NULL) != HK_OK)
        abort();
    return 0;
}

static void fz_check_output(hk_ws_conn *c)
{
    const uint8_t *p;
    size_t n = hk_ws_conn_output(c, &p), i = 0;
    while (i < n) {
        hk_ws_frame_header h;
        hk_ssize hl = hk_ws_frame_decode(&h, p + i, n - i, NULL);
        if (hl < 0 || h.payload_len > n - i - (size_t)hl)
            abort(); /* output must be whole frames */
        if (h.opcode == HK_WS_OP_CLOSE && h.payload_len >= 2) {
            uint8_t code[2];
            memcpy(code, p + i + hl, 2);
            if (h.masked)
                hk_ws_mask(code, 2, h.mask_key, 0);
            if (!hk_ws_close_code_valid(code[0] << 8 | code[1]))
                abort();
        }
        i += (size_t)hl + (size_t)h.payload_len;
    }
    hk_ws_conn_output_advance(c, n);
}

static void fz_run(int role, unsigned opt, uint8_t seed, const uint8_t *data, size_t size)
{
    fz_alloc_state st = {0};
    hk_allocator a = {fz_malloc, fz_realloc, fz_free, &st};
    hk_ws_config cfg;
    hk_ws_conn *c;
    uint8_t *copy;
    size_t pos = 0;
    uint32_t rng = seed * 2654435761u + 1;
    uint64_t now = 0;

    hk_ws_config_default(&cfg);
    cfg.role = role;
    cfg.allocator = &a;
    cfg.random = fz_rand;
    cfg.on_close = fz_close;
    if (opt & 1)
        cfg.on_chunk = fz_chunk;
    else
        cfg.on_message = fz_message;
    if (opt & 2) {
        cfg.max_message_size = 1000;
        cfg.max_frame_size = 300;
        cfg.max_output_bytes = 200;
        cfg.recv_buffer_size = 64;
    }
    cfg.auto_pong = !(opt & 8);
    if (opt & 16) {
        cfg.ping_interval_ms = 1000;
        cfg.pong_timeout_ms = 500;
        cfg.close_timeout_ms = 700;
    }
    if (hk_ws_conn_create(&c, &cfg) != HK_OK)
        abort();
    copy = malloc(size ? size : 1);
    memcpy(copy, data, size);
    while (pos < size) {
        size_t piece;
        hk_ssize r;
        rng = rng * 1103515245u + 12345u;
        piece = 1 + (rng >> 16) % 97;
        if (piece > size - pos)
            piece = size - pos;
        if (opt & 4) {
            uint8_t *buf;
            size_t cap;
            int rc = hk_ws_conn_input_buffer(c, &buf, &cap);
            if (rc == HK_ERR_WOULD_BLOCK) {
                fz_check_output(c);
                continue;
            }
            if (rc != HK_OK)
                break;
            if (piece > cap)
                piece = cap;
            memcpy(buf, copy + pos, piece);
            rc = hk_ws_conn_input_commit(c, piece);
            pos += piece;
            r = rc;
        } else {
            r = hk_ws_conn_feed(c, copy + pos, piece);
            if (r > 0)
                pos += (size_t)r;
            if (r >= 0 && (size_t)r < piece && hk_ws_conn_want_read(c) &&
                hk_ws_conn_output_size(c) == 0)
                abort(); /* refused input without a reason */
        }
        /* interleave API calls chosen by the same generator */
        switch ((rng >> 8) % 16) {
        case 0:
            (void)hk_ws_conn_send_text(c, copy, piece < 200 ? piece : 200);
            break;
        case 1:
            (void)hk_ws_conn_send_begin(c, (rng & 1) ? HK_WS_OP_TEXT : HK_WS_OP_BINARY, copy,
                                        piece < 3 ? piece : 3);
            break;
        case 2:
            (void)hk_ws_conn_send_continue(c, copy, piece < 50 ? piece : 50);
            break;
        case 3:
            (void)hk_ws_conn_send_end(c, NULL, 0);
            break;
        case 4:
            (void)hk_ws_conn_send_ping(c, copy, piece < 130 ? piece : 130);
            break;
        case 5:
            (void)hk_ws_conn_close(c, (int)(rng % 5000), "r", 1);
            break;
        case 6:
            now += rng % 3000;
            (void)hk_ws_conn_tick(c, now, NULL);
            break;
        default:
            break;
        }
        if (r < 0) {
            if (!hk_is_fatal((int)r) || hk_strerror((int)r)[0] == 'u')
                abort();
            if (hk_ws_conn_want_read(c) || hk_ws_conn_error(c) != r)
                abort();
            break;
        }
        fz_check_output(c);
    }
    fz_check_output(c);
    if (hk_ws_conn_state(c) != HK_WS_STATE_OPEN && hk_ws_conn_state(c) != HK_WS_STATE_CLOSED &&
        hk_ws_conn_state(c) != HK_WS_STATE_CLOSE_SENT)
        abort();
    (void)hk_ws_conn_send_text(c, "bye", 3);
    (void)hk_ws_conn_close(c, 1000, NULL, 0);
    fz_check_output(c);
    hk_ws_conn_destroy(c);
    free(copy);
    if (st.live != 0)
        abort(); /* leak */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned opt;
    if (size < 2)
        return 0;
    opt = data[0];
    fz_run(HK_WS_ROLE_SERVER, opt, data[1], data + 2, size - 2);
    fz_run(HK_WS_ROLE_CLIENT, opt, data[1], data + 2, size - 2);
    return 0;
}
