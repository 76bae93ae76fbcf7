/*
 * hk_ws_session: handshake + engine in one object, through feed/drain and
 * through I/O callbacks; hand-over of the bytes that follow the head at
 * every split point; refusals and their responses; hooks; timeout;
 * allocation failure at every allocation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hk_test.h"

#define RFC_KEY "dGhlIHNhbXBsZSBub25jZQ=="

typedef struct {
    char msgs[16][64];
    int ops[16];
    size_t lens[16];
    int n;
    int close_code;
} rec;

static int rec_message(void *user, int opcode, const uint8_t *data, size_t len)
{
    rec *r = user;
    assert_true(r->n < 16 && len < 64);
    memcpy(r->msgs[r->n], data, len);
    r->lens[r->n] = len;
    r->ops[r->n++] = opcode;
    return 0;
}

static int rec_close(void *user, int code, const char *reason, size_t len)
{
    rec *r = user;
    (void)reason;
    (void)len;
    r->close_code = code;
    return 0;
}

typedef struct {
    uint8_t *data;
    size_t len, cap;
} bytes;

static void bytes_add(bytes *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->data = realloc(b->data, b->cap);
        assert_non_null(b->data);
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void drain(hk_ws_session *s, bytes *b)
{
    const uint8_t *p;
    size_t n;
    while ((n = hk_ws_session_output(s, &p)) > 0) {
        bytes_add(b, p, n);
        assert_int_equal(hk_ws_session_output_advance(s, n), HK_OK);
    }
}

static hk_test_rng g_rng;

static void ws_cfg(hk_ws_config *ws, rec *r, const hk_allocator *a)
{
    hk_ws_config_default(ws);
    ws->on_message = rec_message;
    ws->on_close = rec_close;
    ws->user = r;
    ws->allocator = a;
    ws->random = hk_test_random;
    ws->random_user = &g_rng;
}

static int make(hk_ws_session **s, int role, const hk_ws_config *ws, const char *protocols)
{
    hk_ws_session_config sc;
    hk_ws_session_config_default(&sc);
    sc.role = role;
    sc.ws = ws;
    sc.protocols = protocols;
    sc.protocols_len = protocols ? strlen(protocols) : 0;
    sc.url = "ws://127.0.0.1:9000/chat?room=1";
    sc.url_len = strlen(sc.url);
    return hk_ws_session_create(s, &sc);
}

/* A masked text frame "hello" as a client engine would send it. */
static void client_frame(bytes *out, const char *text)
{
    hk_ws_config cfg;
    hk_ws_conn *c;
    const uint8_t *p;
    size_t n;
    hk_ws_config_default(&cfg);
    cfg.role = HK_WS_ROLE_CLIENT;
    cfg.random = hk_test_random;
    cfg.random_user = &g_rng;
    assert_int_equal(hk_ws_conn_create(&c, &cfg), HK_OK);
    assert_int_equal(hk_ws_conn_send_text(c, text, strlen(text)), HK_OK);
    n = hk_ws_conn_output(c, &p);
    bytes_add(out, p, n);
    hk_ws_conn_destroy(c);
}

#define REQ                                                                                    \
    "GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"           \
    "Sec-WebSocket-Key: " RFC_KEY "\r\nSec-WebSocket-Version: 13\r\n"                          \
    "Sec-WebSocket-Protocol: x, chat\r\n\r\n"

/* Server: the request and a frame in one stream, cut at every point into
 * two pieces and into one-byte pieces: the frame always reaches the engine. */
static void test_server_split_points(void **state)
{
    bytes in = {0}, frames = {0};
    size_t cut, reqlen = strlen(REQ);
    (void)state;
    bytes_add(&in, REQ, reqlen);
    client_frame(&in, "hello");
    client_frame(&in, "world");
    for (cut = 0; cut <= in.len + 1; cut++) {
        hk_ws_config ws;
        hk_ws_session *s;
        rec r;
        bytes out = {0};
        uint8_t *copy = malloc(in.len);
        size_t pos = 0;
        memcpy(copy, in.data, in.len);
        memset(&r, 0, sizeof r);
        ws_cfg(&ws, &r, NULL);
        assert_int_equal(make(&s, HK_WS_ROLE_SERVER, &ws, "chat"), HK_OK);
        assert_int_equal(hk_ws_session_state(s), HK_WS_SESSION_HANDSHAKE);
        assert_null(hk_ws_session_conn(s));
        while (pos < in.len) {
            /* cut == in.len + 1: one byte at a time */
            size_t piece = cut > in.len ? 1 : (pos < cut ? cut - pos : in.len - pos);
            hk_ssize n = hk_ws_session_feed(s, copy + pos, piece);
            assert_int_equal(n, (hk_ssize)piece);
            pos += piece;
        }
        assert_int_equal(r.n, 2);
        assert_int_equal(r.lens[0], 5);
        assert_memory_equal(r.msgs[0], "hello", 5);
        assert_memory_equal(r.msgs[1], "world", 5);
        assert_int_equal(hk_ws_session_state(s), HK_WS_STATE_OPEN);
        assert_non_null(hk_ws_session_conn(s));
        assert_string_equal(hk_ws_session_protocol(s), "chat");
        assert_int_equal(hk_ws_session_http_status(s), 101);
        drain(s, &out);
        assert_true(out.len > 20);
        assert_memory_equal(out.data, "HTTP/1.1 101 Switching Protocols\r\n", 34);
        assert_non_null(memmem(out.data, out.len, "Sec-WebSocket-Protocol: chat\r\n", 30));
        hk_ws_session_destroy(s);
        free(out.data);
        free(copy);
    }
    free(in.data);
    free(frames.data);
}

/* Client and server sessions through feed/drain: the server's 101 and its
 * first message arrive in one read, at every split point. */
static void test_pair_feed_drain(void **state)
{
    size_t cut;
    (void)state;
    for (cut = 0; cut < 300; cut += 7) {
        hk_ws_config wsc, wss;
        hk_ws_session *c, *s;
        rec rc, rs;
        bytes c2s = {0}, s2c = {0};
        size_t first;
        memset(&rc, 0, sizeof rc);
        memset(&rs, 0, sizeof rs);
        ws_cfg(&wsc, &rc, NULL);
        ws_cfg(&wss, &rs, NULL);
        assert_int_equal(make(&c, HK_WS_ROLE_CLIENT, &wsc, "a, b"), HK_OK);
        assert_int_equal(make(&s, HK_WS_ROLE_SERVER, &wss, "b, a"), HK_OK);
        drain(c, &c2s);
        assert_memory_equal(c2s.data, "GET /chat?room=1 HTTP/1.1\r\nHost: 127.0.0.1:9000\r\n", 49);
        assert_int_equal(hk_ws_session_feed(s, c2s.data, c2s.len), (hk_ssize)c2s.len);
        assert_int_equal(hk_ws_session_state(s), HK_WS_STATE_OPEN);
        assert_int_equal(hk_ws_conn_send_text(hk_ws_session_conn(s), "hi", 2), HK_OK);
        assert_int_equal(hk_ws_conn_send_binary(hk_ws_session_conn(s), "\x00\x01", 2), HK_OK);
        drain(s, &s2c);
        first = cut < s2c.len ? cut : s2c.len;
        assert_int_equal(hk_ws_session_feed(c, s2c.data, first), (hk_ssize)first);
        assert_int_equal(hk_ws_session_feed(c, s2c.data + first, s2c.len - first),
                         (hk_ssize)(s2c.len - first));
        assert_int_equal(hk_ws_session_state(c), HK_WS_STATE_OPEN);
        assert_string_equal(hk_ws_session_protocol(c), "b");
        assert_string_equal(hk_ws_session_protocol(s), "b");
        assert_int_equal(rc.n, 2);
        assert_int_equal(rc.ops[0], HK_WS_OP_TEXT);
        assert_memory_equal(rc.msgs[0], "hi", 2);
        assert_int_equal(rc.ops[1], HK_WS_OP_BINARY);
        /* close from the client */
        c2s.len = s2c.len = 0;
        assert_int_equal(hk_ws_conn_close(hk_ws_session_conn(c), 1000, "bye", 3), HK_OK);
        drain(c, &c2s);
        assert_int_equal(hk_ws_session_feed(s, c2s.data, c2s.len), (hk_ssize)c2s.len);
        assert_int_equal(rs.close_code, 1000);
        drain(s, &s2c);
        assert_int_equal(hk_ws_session_state(s), HK_WS_STATE_CLOSED);
        assert_int_equal(hk_ws_session_feed(c, s2c.data, s2c.len), (hk_ssize)s2c.len);
        assert_int_equal(hk_ws_session_state(c), HK_WS_STATE_CLOSED);
        assert_int_equal(hk_ws_session_error(c), HK_OK);
        hk_ws_session_destroy(c);
        hk_ws_session_destroy(s);
        free(c2s.data);
        free(s2c.data);
    }
}

/* The bytes after the head wait in the session while the engine's output
 * is over its bound (the 101 alone exceeds it here), and are processed, in
 * order, once the output drains. */
static void test_leftover_backpressure(void **state)
{
    bytes in = {0}, out = {0};
    hk_ws_config ws;
    hk_ws_session *s;
    rec r;
    int i;
    (void)state;
    bytes_add(&in, REQ, strlen(REQ));
    for (i = 0; i < 6; i++) {
        char m[8];
        snprintf(m, sizeof m, "m%d", i);
        client_frame(&in, m);
    }
    memset(&r, 0, sizeof r);
    ws_cfg(&ws, &r, NULL);
    ws.max_output_bytes = 64;
    assert_int_equal(make(&s, HK_WS_ROLE_SERVER, &ws, NULL), HK_OK);
    /* everything is taken (copied into the head buffer) ... */
    assert_int_equal(hk_ws_session_feed(s, in.data, in.len), (hk_ssize)in.len);
    /* ... but no message is processed while the 101 waits */
    assert_int_equal(r.n, 0);
    assert_int_equal(hk_ws_session_want_read(s), 0);
    assert_true(hk_ws_session_memory(s) > 1024); /* the head buffer is kept */
    drain(s, &out);
    assert_int_equal(r.n, 6);
    for (i = 0; i < 6; i++) {
        char m[8];
        snprintf(m, sizeof m, "m%d", i);
        assert_int_equal(r.lens[i], strlen(m));
        assert_memory_equal(r.msgs[i], m, strlen(m));
    }
    assert_int_equal(hk_ws_session_want_read(s), 1);
    hk_ws_session_destroy(s);
    free(in.data);
    free(out.data);
}

/* ---- I/O callbacks ------------------------------------------------------ */

typedef struct {
    rec r;
    bytes *rx;        /* read from here */
    size_t rx_off;
    bytes *tx;        /* write here */
    size_t max;       /* largest read/write */
    int eof;
} io_end;

static hk_ssize io_read(void *user, uint8_t *buf, size_t len)
{
    io_end *e = user;
    size_t n = e->rx->len - e->rx_off;
    if (n == 0)
        return e->eof ? 0 : HK_ERR_WOULD_BLOCK;
    if (n > len)
        n = len;
    if (n > e->max)
        n = e->max;
    memcpy(buf, e->rx->data + e->rx_off, n);
    e->rx_off += n;
    return (hk_ssize)n;
}

static hk_ssize io_write(void *user, const uint8_t *buf, size_t len)
{
    io_end *e = user;
    if (len > e->max)
        len = e->max;
    bytes_add(e->tx, buf, len);
    return (hk_ssize)len;
}

static int io_message(void *user, int opcode, const uint8_t *data, size_t len)
{
    io_end *e = user;
    return rec_message(&e->r, opcode, data, len);
}

static void test_io_callbacks(void **state)
{
    size_t max;
    (void)state;
    for (max = 1; max < 200; max = max * 2 + 1) {
        bytes c2s = {0}, s2c = {0};
        io_end ec, es;
        hk_ws_config wsc, wss;
        hk_ws_session *c, *s;
        int i;
        memset(&ec, 0, sizeof ec);
        memset(&es, 0, sizeof es);
        ec.rx = &s2c, ec.tx = &c2s, ec.max = max;
        es.rx = &c2s, es.tx = &s2c, es.max = max;
        ws_cfg(&wsc, NULL, NULL);
        ws_cfg(&wss, NULL, NULL);
        wsc.user = &ec, wss.user = &es;
        wsc.on_message = wss.on_message = io_message;
        wsc.on_close = wss.on_close = NULL;
        wsc.read = wss.read = io_read;
        wsc.write = wss.write = io_write;
        assert_int_equal(make(&c, HK_WS_ROLE_CLIENT, &wsc, NULL), HK_OK);
        assert_int_equal(make(&s, HK_WS_ROLE_SERVER, &wss, NULL), HK_OK);
        for (i = 0; i < 2000 && (hk_ws_session_state(c) != HK_WS_STATE_OPEN ||
                                 hk_ws_session_state(s) != HK_WS_STATE_OPEN ||
                                 hk_ws_session_want_write(s) || es.rx_off < c2s.len ||
                                 ec.rx_off < s2c.len);
             i++) {
            assert_int_equal(hk_ws_session_on_writable(c), HK_OK);
            assert_int_equal(hk_ws_session_on_readable(s), HK_OK);
            assert_int_equal(hk_ws_session_on_writable(s), HK_OK);
            assert_int_equal(hk_ws_session_on_readable(c), HK_OK);
        }
        assert_int_equal(hk_ws_session_state(c), HK_WS_STATE_OPEN);
        assert_int_equal(hk_ws_session_state(s), HK_WS_STATE_OPEN);
        assert_int_equal(hk_ws_conn_send_text(hk_ws_session_conn(c), "ping me", 7), HK_OK);
        for (i = 0; i < 2000 && es.r.n == 0; i++) {
            assert_int_equal(hk_ws_session_on_writable(c), HK_OK);
            assert_int_equal(hk_ws_session_on_readable(s), HK_OK);
        }
        assert_int_equal(es.r.n, 1);
        assert_memory_equal(es.r.msgs[0], "ping me", 7);
        /* EOF after the handshake without a Close: abnormal */
        es.eof = 1;
        assert_int_equal(hk_ws_session_on_readable(s), HK_ERR_EOF);
        hk_ws_session_destroy(c);
        hk_ws_session_destroy(s);
        free(c2s.data);
        free(s2c.data);
    }
}

/* ---- refusals ------------------------------------------------------------ */

static int parse_status(const bytes *b, hk_http_header *hdrs, hk_http_message *msg)
{
    hk_ssize n;
    msg->size = sizeof *msg;
    n = hk_http_parse_response((const char *)b->data, b->len, "GET", 3, hdrs, 32, msg);
    assert_true(n > 0);
    /* the body is all of the rest: nothing else was sent */
    assert_int_equal((size_t)n + msg->content_length, b->len);
    return msg->status;
}

static void test_server_refusals(void **state)
{
    static const struct {
        const char *req;
        int err, status;
    } cases[] = {
        {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Key: " RFC_KEY "\r\nSec-WebSocket-Version: 7\r\n\r\n",
         HK_ERR_HS_WS_VERSION, 426},
        {"GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n", HK_ERR_HTTP_HOST, 400},
        {"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Key: AAAA\r\nSec-WebSocket-Version: 13\r\n\r\n",
         HK_ERR_HS_KEY, 400},
        {"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nUpgrade: websocket\r\n"
         "Connection: Upgrade\r\nSec-WebSocket-Key: " RFC_KEY
         "\r\nSec-WebSocket-Version: 13\r\n\r\nGET ",
         HK_ERR_HS_BODY, 400},
        {"GET / HTTP/1.1\nHost: a\n\n", HK_ERR_HTTP_BARE_LF, 400},
        {"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", HK_ERR_HTTP_CONTROL_CHAR, 400}, /* TLS */
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hk_ws_config ws;
        hk_ws_session *s;
        rec r;
        bytes out = {0};
        hk_http_header hdrs[32];
        hk_http_message msg;
        char *copy = strdup(cases[i].req);
        hk_ssize n;
        memset(&r, 0, sizeof r);
        ws_cfg(&ws, &r, NULL);
        assert_int_equal(make(&s, HK_WS_ROLE_SERVER, &ws, NULL), HK_OK);
        n = hk_ws_session_feed(s, copy, strlen(copy));
        if (n != cases[i].err)
            fail_msg("case %zu: %s", i, hk_error_name((int)n));
        assert_int_equal(hk_ws_session_error(s), cases[i].err);
        assert_int_equal(hk_ws_session_feed(s, copy, 1), cases[i].err); /* sticky */
        assert_null(hk_ws_session_conn(s));
        assert_int_equal(hk_ws_session_want_read(s), 0);
        assert_int_equal(hk_ws_session_state(s), HK_WS_SESSION_HANDSHAKE); /* flushing */
        drain(s, &out);
        assert_int_equal(hk_ws_session_state(s), HK_WS_STATE_CLOSED);
        assert_int_equal(parse_status(&out, hdrs, &msg), cases[i].status);
        assert_int_equal(hk_ws_session_http_status(s), cases[i].status);
        assert_int_equal(hk_http_list_has_token(hdrs, msg.num_headers, "Connection", 10,
                                                "close", 5),
                         1);
        if (cases[i].status == 426)
            assert_int_equal(
                hk_http_header_count(hdrs, msg.num_headers, "Sec-WebSocket-Version", 21), 1);
        hk_ws_session_destroy(s);
        free(out.data);
        free(copy);
    }
}

static void test_head_limit(void **state)
{
    hk_ws_config ws;
    hk_ws_session *s;
    hk_ws_session_config sc;
    bytes out = {0};
    hk_http_header hdrs[32];
    hk_http_message msg;
    char line[64];
    int i;
    hk_ssize n = 0;
    (void)state;
    ws_cfg(&ws, NULL, NULL);
    hk_ws_session_config_default(&sc);
    sc.ws = &ws;
    sc.max_header_bytes = 1024;
    assert_int_equal(hk_ws_session_create(&s, &sc), HK_OK);
    memcpy(line, "GET / HTTP/1.1\r\n", 16);
    assert_int_equal(hk_ws_session_feed(s, line, 16), 16);
    for (i = 0; i < 100 && n >= 0; i++) {
        snprintf(line, sizeof line, "X-Filler-%03d: %030d\r\n", i, i);
        n = hk_ws_session_feed(s, line, strlen(line));
    }
    assert_int_equal(n, HK_ERR_HTTP_HEADERS_TOO_LARGE);
    assert_true(hk_ws_session_memory(s) < 8192); /* the head buffer is gone */
    drain(s, &out);
    assert_int_equal(parse_status(&out, hdrs, &msg), 431);
    hk_ws_session_destroy(s);
    free(out.data);
}

/* ---- hooks --------------------------------------------------------------- */

typedef struct {
    int mode;
    int ext_calls;
    char origin[64];
    char ext_names[4][32];
} hook_state;

static int hook_request(void *user, const hk_ws_request *req, hk_ws_response *resp)
{
    static const hk_http_header extra = {"Set-Cookie", 10, "id=1", 4};
    hook_state *h = user;
    if (req->origin != NULL && req->origin_len < sizeof h->origin) {
        memcpy(h->origin, req->origin, req->origin_len);
        h->origin[req->origin_len] = 0;
    }
    switch (h->mode) {
    case 0: /* refuse the origin */
        resp->status = 403;
        resp->body = "bad origin";
        resp->body_len = 10;
        break;
    case 1: /* switch to the other protocol, add a field */
        resp->protocol = "x";
        resp->protocol_len = 1;
        resp->headers = &extra;
        resp->num_headers = 1;
        break;
    case 2: /* a protocol that was not offered */
        resp->protocol = "nope";
        resp->protocol_len = 4;
        break;
    case 3:
        return -1;
    case 4: /* no protocol */
        resp->protocol = NULL;
        resp->protocol_len = 0;
        break;
    }
    return 0;
}

static int hook_ext(void *user, const char *name, size_t name_len, const char *offer,
                    size_t offer_len)
{
    hook_state *h = user;
    (void)offer;
    (void)offer_len;
    if (h->ext_calls < 4 && name_len < 32) {
        memcpy(h->ext_names[h->ext_calls], name, name_len);
        h->ext_names[h->ext_calls][name_len] = 0;
    }
    h->ext_calls++;
    return h->mode == 5 ? -1 : 1; /* 1: would accept, but none can be yet */
}

static void test_hooks(void **state)
{
    static const struct {
        int err, status;
        const char *protocol;
    } want[] = {
        {HK_ERR_HS_REJECTED, 403, NULL}, {HK_OK, 101, "x"},
        {HK_ERR_HS_PROTOCOL, 500, NULL}, {HK_ERR_CALLBACK, 500, NULL},
        {HK_OK, 101, NULL},              {HK_ERR_HS_EXTENSION, 400, NULL},
    };
    int mode;
    (void)state;
    for (mode = 0; mode < 6; mode++) {
        const char *req = "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Key: " RFC_KEY "\r\n"
                          "Sec-WebSocket-Version: 13\r\nOrigin: https://evil.example\r\n"
                          "Sec-WebSocket-Protocol: chat, x\r\n"
                          "Sec-WebSocket-Extensions: permessage-deflate; "
                          "client_max_window_bits, x-webkit-deflate-frame\r\n\r\n";
        hk_ws_config ws;
        hk_ws_session_config sc;
        hk_ws_session *s;
        hook_state h;
        bytes out = {0};
        hk_http_header hdrs[32];
        hk_http_message msg;
        char *copy = strdup(req);
        hk_ssize n;
        memset(&h, 0, sizeof h);
        h.mode = mode;
        ws_cfg(&ws, NULL, NULL);
        hk_ws_session_config_default(&sc);
        sc.ws = &ws;
        sc.protocols = "chat";
        sc.protocols_len = 4;
        sc.on_request = hook_request;
        sc.on_extension = hook_ext;
        sc.user_hs = &h;
        assert_int_equal(hk_ws_session_create(&s, &sc), HK_OK);
        n = hk_ws_session_feed(s, copy, strlen(copy));
        assert_int_equal(n < 0 ? (int)n : HK_OK, want[mode].err);
        drain(s, &out);
        msg.size = sizeof msg;
        assert_true(hk_http_parse_response((char *)out.data, out.len, "GET", 3, hdrs, 32, &msg) >
                    0);
        assert_int_equal(msg.status, want[mode].status);
        assert_int_equal(h.ext_calls, mode == 5 ? 1 : 2);
        assert_string_equal(h.ext_names[0], "permessage-deflate");
        /* no extension is ever accepted */
        assert_int_equal(
            hk_http_header_count(hdrs, msg.num_headers, "Sec-WebSocket-Extensions", 24), 0);
        if (mode < 5)
            assert_string_equal(h.origin, "https://evil.example");
        if (want[mode].protocol != NULL) {
            assert_string_equal(hk_ws_session_protocol(s), want[mode].protocol);
            assert_int_equal(hk_http_header_count(hdrs, msg.num_headers, "Set-Cookie", 10), 1);
        } else {
            assert_null(hk_ws_session_protocol(s));
            assert_int_equal(
                hk_http_header_count(hdrs, msg.num_headers, "Sec-WebSocket-Protocol", 22), 0);
        }
        if (mode == 0)
            assert_memory_equal(out.data + out.len - 10, "bad origin", 10);
        hk_ws_session_destroy(s);
        free(out.data);
        free(copy);
    }
}

/* ---- client failures, timeout, EOF --------------------------------------- */

static void test_client_failures(void **state)
{
    static const char *const resps[] = {
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Accept: @\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Accept: @\r\nSec-WebSocket-Protocol: chat\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Accept: @\r\nContent-Length: 5\r\n\r\n\x81\x01z",
    };
    static const int errs[] = {HK_ERR_HS_ACCEPT,   HK_ERR_HS_STATUS,     HK_ERR_HS_EXTENSION,
                               HK_ERR_HS_PROTOCOL, HK_ERR_HS_CONNECTION, HK_OK};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof resps / sizeof resps[0]; i++) {
        hk_ws_config ws;
        hk_ws_session_config sc;
        hk_ws_session *c;
        rec r;
        bytes req = {0};
        char key[HK_WS_KEY_LEN + 1], acc[HK_WS_ACCEPT_LEN + 1], resp[512];
        const char *k;
        hk_ssize n;
        memset(&r, 0, sizeof r);
        ws_cfg(&ws, &r, NULL);
        hk_ws_session_config_default(&sc);
        sc.role = HK_WS_ROLE_CLIENT;
        sc.ws = &ws;
        sc.url = "ws://h/";
        sc.url_len = 7;
        sc.extensions = "x-foo";
        sc.extensions_len = 5;
        assert_int_equal(hk_ws_session_create(&c, &sc), HK_OK);
        drain(c, &req);
        bytes_add(&req, "", 1);
        k = strstr((char *)req.data, "Sec-WebSocket-Key: ");
        assert_non_null(k);
        memcpy(key, k + 19, HK_WS_KEY_LEN);
        assert_int_equal(hk_ws_accept_key(key, HK_WS_KEY_LEN, acc), HK_OK);
        acc[HK_WS_ACCEPT_LEN] = 0;
        {
            /* put the right accept value where the template has '@' */
            const char *at = strchr(resps[i], '@');
            if (at != NULL)
                snprintf(resp, sizeof resp, "%.*s%s%s", (int)(at - resps[i]), resps[i], acc,
                         at + 1);
            else
                snprintf(resp, sizeof resp, "%s", resps[i]);
        }
        n = hk_ws_session_feed(c, resp, strlen(resp));
        if (errs[i] == HK_OK) {
            /* a 101 with Content-Length: the bytes after the head are frames
             * anyway (RFC 9112 section 6.3 item 1), here the text "z" */
            assert_int_equal(n, (hk_ssize)strlen(resp));
            assert_int_equal(r.n, 1);
            assert_int_equal(r.lens[0], 1);
        } else {
            assert_int_equal(n, errs[i]);
            assert_int_equal(hk_ws_session_state(c), HK_WS_STATE_CLOSED);
            assert_int_equal(hk_ws_session_want_write(c), 0);
        }
        hk_ws_session_destroy(c);
        free(req.data);
    }
}

static void test_timeout_and_eof(void **state)
{
    hk_ws_config ws;
    hk_ws_session *s;
    uint64_t next = 0;
    char part[] = "GET / HTTP/1.1\r\n";
    (void)state;
    ws_cfg(&ws, NULL, NULL);
    assert_int_equal(make(&s, HK_WS_ROLE_SERVER, &ws, NULL), HK_OK);
    assert_int_equal(hk_ws_session_tick(s, 1000, &next), HK_OK);
    assert_int_equal(next, 1000 + HK_WS_SESSION_DEFAULT_HANDSHAKE_TIMEOUT_MS);
    assert_int_equal(hk_ws_session_feed(s, part, strlen(part)), (hk_ssize)strlen(part));
    assert_int_equal(hk_ws_session_tick(s, next - 1, &next), HK_OK);
    assert_int_equal(hk_ws_session_tick(s, next, &next), HK_ERR_TIMEOUT);
    assert_int_equal(hk_ws_session_state(s), HK_WS_STATE_CLOSED);
    assert_int_equal(hk_ws_session_error(s), HK_ERR_TIMEOUT);
    hk_ws_session_destroy(s);

    assert_int_equal(make(&s, HK_WS_ROLE_CLIENT, &ws, NULL), HK_OK);
    assert_int_equal(hk_ws_session_feed_eof(s), HK_ERR_EOF);
    assert_int_equal(hk_ws_session_state(s), HK_WS_STATE_CLOSED);
    hk_ws_session_destroy(s);
}

static void test_bad_config(void **state)
{
    hk_ws_config ws;
    hk_ws_session_config sc;
    hk_ws_session *s = (hk_ws_session *)&sc;
    (void)state;
    ws_cfg(&ws, NULL, NULL);
    hk_ws_session_config_default(&sc);
    assert_int_equal(hk_ws_session_create(&s, &sc), HK_ERR_INVALID_ARG); /* no ws */
    assert_null(s);
    sc.ws = &ws;
    sc.role = 7;
    assert_int_equal(hk_ws_session_create(&s, &sc), HK_ERR_INVALID_ARG);
    sc.role = HK_WS_ROLE_CLIENT; /* no url */
    assert_int_equal(hk_ws_session_create(&s, &sc), HK_ERR_INVALID_ARG);
    sc.url = "http://x/";
    sc.url_len = 9;
    assert_int_equal(hk_ws_session_create(&s, &sc), HK_ERR_HS_URL);
    sc.url = "ws://u@x/";
    assert_int_equal(hk_ws_session_create(&s, &sc), HK_ERR_HS_URL);
    sc.role = HK_WS_ROLE_SERVER;
    sc.protocols = "a b";
    sc.protocols_len = 3;
    assert_int_equal(hk_ws_session_create(&s, &sc), HK_ERR_INVALID_ARG);
    sc.size = 8;
    assert_int_equal(hk_ws_session_create(&s, &sc), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_session_feed(NULL, NULL, 0), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_ws_session_state(NULL), HK_WS_STATE_CLOSED);
    hk_ws_session_destroy(NULL);
}

/* Every allocation of a whole client+server handshake and one message
 * fails in turn: each failure is reported, nothing leaks. */
static void test_alloc_failures(void **state)
{
    size_t fail_at;
    int completed = 0;
    (void)state;
    for (fail_at = 1; fail_at < 200 && !completed; fail_at++) {
        hk_test_alloc st;
        hk_allocator a;
        hk_ws_config wsc, wss;
        hk_ws_session *c = NULL, *s = NULL;
        rec rc, rs;
        bytes c2s = {0}, s2c = {0};
        int rcode;
        hk_ssize n;
        memset(&st, 0, sizeof st);
        st.fail_at = fail_at;
        hk_test_alloc_init(&st, &a);
        memset(&rc, 0, sizeof rc);
        memset(&rs, 0, sizeof rs);
        ws_cfg(&wsc, &rc, &a);
        ws_cfg(&wss, &rs, &a);
        rcode = make(&c, HK_WS_ROLE_CLIENT, &wsc, "p");
        if (rcode == HK_OK)
            rcode = make(&s, HK_WS_ROLE_SERVER, &wss, "p");
        if (rcode == HK_OK) {
            drain(c, &c2s);
            n = hk_ws_session_feed(s, c2s.data, c2s.len);
            rcode = n < 0 ? (int)n : HK_OK;
            drain(s, &s2c);
            if (rcode == HK_OK && hk_ws_conn_send_text(hk_ws_session_conn(s), "m", 1) != HK_OK)
                rcode = HK_ERR_NOMEM;
            drain(s, &s2c);
            if (rcode == HK_OK) {
                n = hk_ws_session_feed(c, s2c.data, s2c.len);
                rcode = n < 0 ? (int)n : HK_OK;
            }
        }
        if (rcode == HK_OK) {
            assert_int_equal(rc.n, 1);
            completed = 1;
        } else {
            assert_int_equal(rcode, HK_ERR_NOMEM);
        }
        hk_ws_session_destroy(c);
        hk_ws_session_destroy(s);
        assert_int_equal(st.live_blocks, 0);
        assert_int_equal(st.size_errors, 0);
        free(c2s.data);
        free(s2c.data);
    }
    assert_true(completed);
    assert_true(fail_at > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_split_points),
        cmocka_unit_test(test_pair_feed_drain),
        cmocka_unit_test(test_leftover_backpressure),
        cmocka_unit_test(test_io_callbacks),
        cmocka_unit_test(test_server_refusals),
        cmocka_unit_test(test_head_limit),
        cmocka_unit_test(test_hooks),
        cmocka_unit_test(test_client_failures),
        cmocka_unit_test(test_timeout_and_eof),
        cmocka_unit_test(test_bad_config),
        cmocka_unit_test(test_alloc_failures),
    };
    hk_test_rng_seed(&g_rng, 6455);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
