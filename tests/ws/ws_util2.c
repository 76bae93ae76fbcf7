#include "ws_util2.h"

void wb_reset(ws_bytes *w)
{
    w->n = 0;
}

void wb_free(ws_bytes *w)
{
    free(w->b);
    memset(w, 0, sizeof *w);
}

static void wb_room(ws_bytes *w, size_t n)
{
    if (w->n + n > w->cap) {
        size_t cap = w->cap ? w->cap : 1024;
        while (cap < w->n + n)
            cap *= 2;
        w->b = realloc(w->b, cap);
        assert_non_null(w->b);
        w->cap = cap;
    }
}

void wb_frame(ws_bytes *w, int mask, int fin, int rsv, int opcode, const void *p, size_t len)
{
    static const uint8_t key[4] = {0x11, 0x22, 0x33, 0x44};
    wb_room(w, len + 14);
    w->n += ws_build(w->b + w->n, w->cap - w->n, fin, rsv, opcode, mask ? key : NULL, p, len);
}

void wb_raw(ws_bytes *w, const void *p, size_t len)
{
    wb_room(w, len);
    memcpy(w->b + w->n, p, len);
    w->n += len;
}

hk_ws_conn *ws_mk(int role, ws_rec *r, int streaming)
{
    hk_ws_config cfg;
    hk_ws_conn *c = NULL;
    ws_cfg(&cfg, role, r, streaming);
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    r->conn = c;
    return c;
}

int ws_out_frames(hk_ws_conn *c, ws_parsed *fr, int max)
{
    const uint8_t *p;
    size_t n = hk_ws_conn_output(c, &p);
    int k = ws_parse_frames(p, n, fr, max);
    assert_true(k >= 0);
    assert_int_equal(hk_ws_conn_output_advance(c, n), HK_OK);
    return k;
}
