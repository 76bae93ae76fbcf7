#include "ws_util.h"

void ws_pipe_push(ws_pipe *p, const void *data, size_t n)
{
    if (p->len + n > p->cap) {
        size_t cap = p->cap ? p->cap : 256;
        while (cap < p->len + n)
            cap *= 2;
        p->buf = realloc(p->buf, cap);
        assert_non_null(p->buf);
        p->cap = cap;
    }
    if (n)
        memcpy(p->buf + p->len, data, n);
    p->len += n;
}

void ws_pipe_free(ws_pipe *p)
{
    free(p->buf);
    memset(p, 0, sizeof *p);
}

void ws_rec_init(ws_rec *r)
{
    memset(r, 0, sizeof *r);
}

void ws_rec_free(ws_rec *r)
{
    size_t i;
    for (i = 0; i < r->n; i++)
        free(r->ev[i].data);
    r->n = 0;
}

static int ws_rec_add(ws_rec *r, int type, int opcode, unsigned flags, const void *data,
                      size_t len)
{
    ws_event *e;
    assert_true(r->n < sizeof r->ev / sizeof r->ev[0]);
    e = &r->ev[r->n++];
    e->type = type;
    e->opcode = opcode;
    e->flags = flags;
    e->len = len;
    e->data = malloc(len + 1);
    assert_non_null(e->data);
    if (len)
        memcpy(e->data, data, len);
    e->data[len] = 0;
    return r->fail_on == type ? -1 : 0;
}

static int ws_rec_message(void *user, int opcode, const uint8_t *data, size_t len)
{
    ws_rec *r = user;
    assert_true(data != NULL || len == 0);
    if (r->send_in_callback && r->conn) {
        int rc;
        if (opcode == HK_WS_OP_TEXT)
            rc = hk_ws_conn_send_text(r->conn, data, len);
        else
            rc = hk_ws_conn_send_binary(r->conn, data, len);
        if (rc != HK_OK)
            r->send_err = rc;
    }
    return ws_rec_add(r, EV_MESSAGE, opcode, 0, data, len);
}

static int ws_rec_chunk(void *user, int opcode, const uint8_t *data, size_t len, unsigned flags)
{
    ws_rec *r = user;
    if (r->no_store) {
        assert_true(opcode == HK_WS_OP_TEXT || opcode == HK_WS_OP_BINARY);
        r->chunks++;
        r->chunk_bytes += len;
        r->firsts += (flags & HK_WS_CHUNK_FIRST) != 0;
        r->lasts += (flags & HK_WS_CHUNK_LAST) != 0;
        return 0;
    }
    return ws_rec_add(user, EV_CHUNK, opcode, flags, data, len);
}

static int ws_rec_ping(void *user, const uint8_t *data, size_t len)
{
    return ws_rec_add(user, EV_PING, 0, 0, data, len);
}

static int ws_rec_pong(void *user, const uint8_t *data, size_t len)
{
    return ws_rec_add(user, EV_PONG, 0, 0, data, len);
}

static int ws_rec_close(void *user, int code, const char *reason, size_t len)
{
    return ws_rec_add(user, EV_CLOSE, code, 0, reason, len);
}

void ws_cfg(hk_ws_config *cfg, int role, ws_rec *rec, int streaming)
{
    hk_ws_config_default(cfg);
    cfg->role = role;
    cfg->user = rec;
    if (streaming)
        cfg->on_chunk = ws_rec_chunk;
    else
        cfg->on_message = ws_rec_message;
    cfg->on_ping = ws_rec_ping;
    cfg->on_pong = ws_rec_pong;
    cfg->on_close = ws_rec_close;
    cfg->read = ws_io_read;
    cfg->write = ws_io_write;
}

hk_ssize ws_io_read(void *user, uint8_t *buf, size_t len)
{
    ws_rec *r = user;
    size_t n;
    if (r->read_fail)
        return HK_ERR_IO;
    if (r->read_block)
        return HK_ERR_WOULD_BLOCK;
    if (r->rx->len == 0)
        return r->rx->eof ? 0 : HK_ERR_WOULD_BLOCK;
    n = r->rx->len < len ? r->rx->len : len;
    if (r->read_max && n > r->read_max)
        n = r->read_max;
    memcpy(buf, r->rx->buf, n);
    memmove(r->rx->buf, r->rx->buf + n, r->rx->len - n);
    r->rx->len -= n;
    return (hk_ssize)n;
}

hk_ssize ws_io_write(void *user, const uint8_t *buf, size_t len)
{
    ws_rec *r = user;
    size_t n = len;
    if (r->write_fail)
        return HK_ERR_IO;
    if (r->write_block)
        return HK_ERR_WOULD_BLOCK;
    if (r->write_max && n > r->write_max)
        n = r->write_max;
    ws_pipe_push(r->tx, buf, n);
    return (hk_ssize)n;
}

size_t ws_build(uint8_t *out, size_t cap, int fin, int rsv, int opcode, const uint8_t *key,
                const void *payload, size_t len)
{
    size_t i = 0, j;
    const uint8_t *p = payload;
    assert_true(cap >= len + 14);
    out[i++] = (uint8_t)((fin ? 0x80 : 0) | (rsv << 4) | opcode);
    if (len < 126) {
        out[i++] = (uint8_t)len;
    } else if (len < 65536) {
        out[i++] = 126;
        out[i++] = (uint8_t)(len >> 8);
        out[i++] = (uint8_t)len;
    } else {
        int s;
        out[i++] = 127;
        for (s = 56; s >= 0; s -= 8)
            out[i++] = (uint8_t)((uint64_t)len >> s);
    }
    if (key) {
        out[1] |= 0x80;
        memcpy(out + i, key, 4);
        i += 4;
    }
    for (j = 0; j < len; j++)
        out[i + j] = (uint8_t)(p[j] ^ (key ? key[j % 4] : 0));
    return i + len;
}

int ws_parse_frames(const uint8_t *buf, size_t n, ws_parsed *out, int max)
{
    size_t i = 0;
    int k = 0;
    while (i < n) {
        size_t len, j;
        uint8_t key[4] = {0, 0, 0, 0};
        int masked;
        if (k >= max || n - i < 2)
            return -1;
        out[k].fin = buf[i] >> 7;
        out[k].rsv = (buf[i] >> 4) & 7;
        out[k].opcode = buf[i] & 15;
        masked = buf[i + 1] >> 7;
        len = buf[i + 1] & 127;
        i += 2;
        if (len == 126) {
            if (n - i < 2)
                return -1;
            len = (size_t)buf[i] << 8 | buf[i + 1];
            i += 2;
        } else if (len == 127) {
            if (n - i < 8)
                return -1;
            len = 0;
            for (j = 0; j < 8; j++)
                len = len << 8 | buf[i + j];
            i += 8;
        }
        if (masked) {
            if (n - i < 4)
                return -1;
            memcpy(key, buf + i, 4);
            i += 4;
        }
        if (n - i < len || len > sizeof out[k].payload)
            return -1;
        for (j = 0; j < len; j++)
            out[k].payload[j] = buf[i + j] ^ key[j % 4];
        out[k].masked = masked;
        out[k].len = len;
        i += len;
        k++;
    }
    return k;
}

hk_ssize ws_feed_copy(hk_ws_conn *c, const void *data, size_t n)
{
    uint8_t *tmp = malloc(n ? n : 1);
    hk_ssize r;
    assert_non_null(tmp);
    if (n)
        memcpy(tmp, data, n);
    r = hk_ws_conn_feed(c, tmp, n);
    free(tmp);
    return r;
}

int ws_drain_close_code(hk_ws_conn *c)
{
    static ws_parsed fr[16];
    const uint8_t *p;
    size_t n = hk_ws_conn_output(c, &p);
    int k, i, code = -1;
    k = ws_parse_frames(p, n, fr, 16);
    assert_true(k >= 0);
    for (i = 0; i < k; i++)
        if (fr[i].opcode == HK_WS_OP_CLOSE)
            code = fr[i].len >= 2 ? (fr[i].payload[0] << 8 | fr[i].payload[1]) : 0;
    assert_int_equal(hk_ws_conn_output_advance(c, n), HK_OK);
    return code;
}
