/*
 * ws/ws_conn.c - the WebSocket connection engine (RFC 6455 sections 5 to 8).
 *
 * Receive path: bytes are processed where they lie (the caller's buffer for
 * hk_ws_conn_feed, the engine's receive buffer otherwise). Payload is
 * unmasked in place, text is validated in the same pass (an ASCII check
 * fused into the unmasking loop lets pure-ASCII runs skip the UTF-8
 * validator), and a single-frame message that is entirely in the buffer is
 * delivered from there without a copy. Only fragmented messages and frames
 * split across reads are copied, once, into the reassembly buffer, which is
 * kept between messages (no allocation per frame in steady state).
 *
 * Send path: frames are encoded into one contiguous output queue, header
 * followed by payload, client payloads masked while they are copied in.
 *
 * SPDX-License-Identifier: MIT
 */
#include "ws/internal.h"

#include "hooksock/utf8.h"

/* receive states */
#define WS_RX_HEADER 0
#define WS_RX_PAYLOAD 1

/* The reassembly buffer and the output queue are kept between messages up
 * to this size; a larger one (after an unusually big message) is released
 * once it is empty. */
#define WS_CONN_RETAIN_MAX ((size_t)1 << 20)
#define WS_CONN_MIN_RECV 64
#define WS_CONN_KEY_POOL 64

struct hk_ws_conn {
    hk_allocator alloc;
    int role;
    int auto_pong;
    int validate_send;
    int streaming;
    uint64_t max_frame;
    uint64_t max_msg;
    size_t max_out;
    uint32_t ping_interval;
    uint32_t pong_timeout;
    uint32_t close_timeout;
    hk_random_fn random;
    void *random_user;
    void *user;
    hk_ws_read_fn read;
    hk_ws_write_fn write;
    hk_ws_message_fn on_message;
    hk_ws_chunk_fn on_chunk;
    hk_ws_control_fn on_ping;
    hk_ws_control_fn on_pong;
    hk_ws_close_fn on_close;

    /* connection state */
    int error;          /* sticky; HK_OK while healthy */
    int dead;           /* transport unusable (I/O error, EOF, timeout) */
    int input_done;     /* peer Close received or connection failed */
    int close_sent;     /* a Close is queued or sent */
    int close_received; /* the peer's Close was received */
    int sent_code;
    int recv_code;
    int in_callback;

    /* receive */
    int rx_state;
    size_t hdr_have;
    uint8_t hdr[HK_WS_MAX_HEADER_LEN];
    hk_ws_frame_header fh; /* the frame being received */
    uint64_t remaining;    /* payload bytes of fh still to come */
    uint64_t offset;       /* payload bytes of fh seen (mask phase) */
    int msg_active;        /* inside a data message (possibly fragmented) */
    int msg_opcode;
    int chunk_first;       /* streaming: the next chunk is the first */
    uint64_t msg_len;      /* bytes of the message so far */
    hk_utf8_state rx_utf8;
    uint8_t *msg_buf;
    size_t msg_cap;
    size_t msg_used;
    size_t ctrl_len;
    uint8_t ctrl[HK_WS_MAX_CONTROL_PAYLOAD];

    /* engine receive buffer (on_readable, input_buffer) */
    uint8_t *rbuf;
    size_t rcap;
    size_t rpos;
    size_t rfill;

    /* output queue: out[out_head, out_tail) */
    uint8_t *out;
    size_t out_cap;
    size_t out_head;
    size_t out_tail;
    int send_frag; /* opcode of the fragmented message being sent, or 0 */
    hk_utf8_state tx_utf8;
    size_t key_pos;
    uint8_t key_pool[WS_CONN_KEY_POOL];

    /* time */
    uint64_t now;
    int have_now;
    int ping_armed;
    uint64_t next_ping;
    int pong_armed;
    uint64_t pong_deadline;
    int close_armed;
    uint64_t close_deadline;
    uint32_t ping_count;
};

/* ---- configuration ------------------------------------------------------ */

void hk_ws_config_default(hk_ws_config *cfg)
{
    if (cfg == NULL)
        return;
    memset(cfg, 0, sizeof *cfg);
    cfg->size = sizeof *cfg;
    cfg->role = HK_WS_ROLE_SERVER;
    cfg->max_frame_size = UINT64_MAX;
    cfg->max_message_size = (uint64_t)16 << 20;
    cfg->max_output_bytes = (size_t)16 << 20;
    cfg->recv_buffer_size = 16384;
    cfg->auto_pong = 1;
    cfg->validate_utf8_send = 1;
    cfg->ping_interval_ms = 0;
    cfg->pong_timeout_ms = 30000;
    cfg->close_timeout_ms = 5000;
}

int hk_ws_conn_create(hk_ws_conn **out, const hk_ws_config *cfg)
{
    hk_ws_config def;
    hk_allocator a;
    hk_ws_conn *c;
    int rc;

    if (out == NULL)
        return HK_ERR_INVALID_ARG;
    *out = NULL;
    if (cfg == NULL || cfg->size < sizeof(hk_ws_config))
        return HK_ERR_INVALID_ARG;
    /* Copy only the fields this version knows (cfg->size may be larger). */
    memcpy(&def, cfg, sizeof def);
    if (def.role != HK_WS_ROLE_SERVER && def.role != HK_WS_ROLE_CLIENT)
        return HK_ERR_INVALID_ARG;
    if ((def.auto_pong != 0 && def.auto_pong != 1) ||
        (def.validate_utf8_send != 0 && def.validate_utf8_send != 1))
        return HK_ERR_INVALID_ARG;
    rc = hk__allocator_init(&a, def.allocator);
    if (rc != HK_OK)
        return rc;
    if (def.max_frame_size == 0)
        def.max_frame_size = UINT64_MAX;
    if (def.max_message_size == 0)
        def.max_message_size = (uint64_t)16 << 20;
    if (def.on_chunk == NULL && def.max_message_size > (uint64_t)(SIZE_MAX / 2))
        return HK_ERR_INVALID_ARG; /* whole messages must fit in memory */
    if (def.max_output_bytes == 0)
        def.max_output_bytes = (size_t)16 << 20;
    if (def.recv_buffer_size == 0)
        def.recv_buffer_size = 16384;
    if (def.recv_buffer_size < WS_CONN_MIN_RECV)
        def.recv_buffer_size = WS_CONN_MIN_RECV;
    if (def.pong_timeout_ms == 0)
        def.pong_timeout_ms = 30000;
    if (def.close_timeout_ms == 0)
        def.close_timeout_ms = 5000;

    c = (hk_ws_conn *)hk__malloc(&a, sizeof *c);
    if (c == NULL)
        return HK_ERR_NOMEM;
    memset(c, 0, sizeof *c);
    c->alloc = a;
    c->role = def.role;
    c->auto_pong = def.auto_pong;
    c->validate_send = def.validate_utf8_send;
    c->streaming = def.on_chunk != NULL;
    c->max_frame = def.max_frame_size;
    c->max_msg = def.max_message_size;
    c->max_out = def.max_output_bytes;
    c->rcap = def.recv_buffer_size;
    c->ping_interval = def.ping_interval_ms;
    c->pong_timeout = def.pong_timeout_ms;
    c->close_timeout = def.close_timeout_ms;
    c->random = def.random != NULL ? def.random : hk_random_default;
    c->random_user = def.random_user;
    c->user = def.user;
    c->read = def.read;
    c->write = def.write;
    c->on_message = def.on_message;
    c->on_chunk = def.on_chunk;
    c->on_ping = def.on_ping;
    c->on_pong = def.on_pong;
    c->on_close = def.on_close;
    c->rx_state = WS_RX_HEADER;
    c->key_pos = WS_CONN_KEY_POOL; /* empty pool: filled on first use */
    hk_utf8_init(&c->rx_utf8);
    hk_utf8_init(&c->tx_utf8);
    *out = c;
    return HK_OK;
}

void hk_ws_conn_destroy(hk_ws_conn *c)
{
    hk_allocator a;
    if (c == NULL)
        return;
    a = c->alloc;
    hk__free(&a, c->msg_buf, c->msg_cap);
    hk__free(&a, c->rbuf, c->rcap);
    hk__free(&a, c->out, c->out_cap);
    /* the key pool held masking keys: not secret after use, but wipe the
     * whole object anyway so nothing lingers in freed memory */
    memset(c, 0, sizeof *c);
    hk__free(&a, c, sizeof *c);
}

/* ---- output queue ------------------------------------------------------- */

static size_t ws_conn_out_size(const hk_ws_conn *c)
{
    return c->out_tail - c->out_head;
}

/* Make room for n more bytes at out_tail; returns HK_OK or HK_ERR_NOMEM. */
static int ws_conn_out_reserve(hk_ws_conn *c, size_t n)
{
    size_t used = ws_conn_out_size(c), need, cap;
    uint8_t *p;
    if (c->out_cap - c->out_tail >= n)
        return HK_OK;
    if (hk__add_overflow(used, n, &need))
        return HK_ERR_NOMEM;
    if (c->out_head > 0 && c->out_cap >= need) {
        memmove(c->out, c->out + c->out_head, used);
        c->out_head = 0;
        c->out_tail = used;
        return HK_OK;
    }
    cap = c->out_cap ? c->out_cap : 1024;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            cap = need;
            break;
        }
        cap *= 2;
    }
    if (c->out_head > 0) {
        memmove(c->out, c->out + c->out_head, used);
        c->out_head = 0;
        c->out_tail = used;
    }
    p = (uint8_t *)hk__realloc(&c->alloc, c->out, c->out_cap, cap);
    if (p == NULL)
        return HK_ERR_NOMEM;
    c->out = p;
    c->out_cap = cap;
    return HK_OK;
}

static int ws_conn_next_key(hk_ws_conn *c, uint8_t key[4])
{
    if (c->key_pos + 4 > WS_CONN_KEY_POOL) {
        int rc = c->random(c->random_user, c->key_pool, WS_CONN_KEY_POOL);
        if (rc != HK_OK)
            return HK_ERR_RANDOM;
        c->key_pos = 0;
    }
    memcpy(key, c->key_pool + c->key_pos, 4);
    memset(c->key_pool + c->key_pos, 0, 4);
    c->key_pos += 4;
    return HK_OK;
}

/*
 * Queue one frame: header and (masked) payload contiguous. `limit` applies
 * max_output_bytes (data frames); control frames the engine must send pass
 * limit 0. Nothing is queued on error.
 */
static int ws_conn_queue_frame(hk_ws_conn *c, int opcode, int fin, const uint8_t *data,
                               size_t len, int limit)
{
    hk_ws_frame_header h;
    size_t hl, total;
    hk_ssize n;
    int rc;

    memset(&h, 0, sizeof h);
    h.fin = (uint8_t)(fin != 0);
    h.opcode = (uint8_t)opcode;
    h.payload_len = len;
    h.masked = c->role == HK_WS_ROLE_CLIENT;
    hl = hk_ws_frame_header_len(len, h.masked);
    if (hk__add_overflow(hl, len, &total))
        return HK_ERR_QUEUE_FULL;
    if (limit && (total > c->max_out || ws_conn_out_size(c) > c->max_out - total))
        return HK_ERR_QUEUE_FULL;
    rc = ws_conn_out_reserve(c, total);
    if (rc != HK_OK)
        return rc;
    if (h.masked) {
        rc = ws_conn_next_key(c, h.mask_key);
        if (rc != HK_OK)
            return rc;
    }
    n = hk_ws_frame_encode(c->out + c->out_tail, c->out_cap - c->out_tail, &h);
    if (n < 0)
        return (int)n;
    if (len > 0)
        (void)hk__ws_xor(c->out + c->out_tail + hl, data, len, h.masked ? h.mask_key : NULL, 0);
    c->out_tail += total;
    memset(h.mask_key, 0, sizeof h.mask_key);
    return HK_OK;
}

/* Queue a Close frame with code (0: none) and reason; marks close_sent. */
static int ws_conn_queue_close(hk_ws_conn *c, int code, const char *reason, size_t rlen)
{
    uint8_t p[HK_WS_MAX_CONTROL_PAYLOAD] = {0};
    size_t n = 0;
    int rc;
    if (code != 0) {
        hk__store16_be(p, (uint16_t)code);
        if (rlen > HK_WS_MAX_CLOSE_REASON)
            rlen = HK_WS_MAX_CLOSE_REASON;
        if (rlen > 0)
            memcpy(p + 2, reason, rlen);
        n = 2 + rlen;
    }
    rc = ws_conn_queue_frame(c, HK_WS_OP_CLOSE, 1, p, n, 0);
    if (rc != HK_OK)
        return rc;
    c->close_sent = 1;
    c->sent_code = code != 0 ? code : HK_WS_CLOSE_NO_STATUS;
    return HK_OK;
}

/* ---- failing ------------------------------------------------------------ */

static int ws_conn_close_code_for(int err)
{
    switch (err) {
    case HK_ERR_WS_INVALID_UTF8:
    case HK_ERR_WS_CLOSE_REASON_UTF8:
        return HK_WS_CLOSE_INVALID_DATA;
    case HK_ERR_WS_FRAME_TOO_LARGE:
    case HK_ERR_WS_MESSAGE_TOO_LARGE:
        return HK_WS_CLOSE_TOO_BIG;
    case HK_ERR_NOMEM:
    case HK_ERR_CALLBACK:
    case HK_ERR_RANDOM:
        return HK_WS_CLOSE_INTERNAL_ERROR;
    default:
        return HK_WS_CLOSE_PROTOCOL_ERROR;
    }
}

/*
 * Fail the connection (RFC 6455 section 7.1.7): remember the error, stop
 * processing input, queue a Close with the matching code unless one was
 * already queued. Returns the (sticky) error.
 */
static int ws_conn_fail(hk_ws_conn *c, int err)
{
    if (c->error != HK_OK)
        return c->error;
    c->error = err;
    c->input_done = 1;
    if (c->recv_code == 0 && !c->close_received)
        c->recv_code = HK_WS_CLOSE_ABNORMAL;
    if (!c->close_sent && !c->dead) {
        const char *why = hk_strerror(err);
        if (ws_conn_queue_close(c, ws_conn_close_code_for(err), why, strlen(why)) != HK_OK)
            c->dead = 1; /* cannot even say goodbye: just drop the transport */
    }
    return err;
}

/* Fail without sending anything: the transport is gone or the peer dead. */
static int ws_conn_fail_dead(hk_ws_conn *c, int err)
{
    c->dead = 1;
    return ws_conn_fail(c, err);
}

/* ---- receive: delivery --------------------------------------------------- */

/* After a callback: its failure fails the connection; so does anything the
 * callback did that failed it (e.g. a send whose random source failed). */
static int ws_conn_cb_result(hk_ws_conn *c, int r)
{
    return r != 0 ? ws_conn_fail(c, HK_ERR_CALLBACK) : c->error;
}

static int ws_conn_deliver_message(hk_ws_conn *c, const uint8_t *p, size_t n)
{
    int r = 0;
    if (c->on_message != NULL) {
        c->in_callback = 1;
        r = c->on_message(c->user, c->msg_opcode, p, n);
        c->in_callback = 0;
    }
    return ws_conn_cb_result(c, r);
}

static int ws_conn_deliver_chunk(hk_ws_conn *c, const uint8_t *p, size_t n, int last)
{
    unsigned flags = (c->chunk_first ? HK_WS_CHUNK_FIRST : 0u) | (last ? HK_WS_CHUNK_LAST : 0u);
    int r;
    c->chunk_first = 0;
    c->in_callback = 1;
    r = c->on_chunk(c->user, c->msg_opcode, p, n, flags);
    c->in_callback = 0;
    return ws_conn_cb_result(c, r);
}

/* Grow the reassembly buffer to hold `need` bytes. */
static int ws_conn_msg_reserve(hk_ws_conn *c, size_t need, uint64_t hint)
{
    size_t cap;
    uint8_t *p;
    if (need <= c->msg_cap)
        return HK_OK;
    cap = c->msg_cap ? c->msg_cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    /* Do not overshoot what this message can still become. */
    if (hint >= need && cap > hint)
        cap = (size_t)hint;
    if (cap > c->max_msg && need <= c->max_msg)
        cap = (size_t)c->max_msg;
    p = (uint8_t *)hk__realloc(&c->alloc, c->msg_buf, c->msg_cap, cap);
    if (p == NULL)
        return HK_ERR_NOMEM;
    c->msg_buf = p;
    c->msg_cap = cap;
    return HK_OK;
}

/* ---- receive: frames ------------------------------------------------------ */

static int ws_conn_frame_end(hk_ws_conn *c);

/* Validate a complete header in c->fh against RFC 6455 section 5 and set up
 * payload reception. */
static int ws_conn_frame_begin(hk_ws_conn *c)
{
    const hk_ws_frame_header *h = &c->fh;
    int op = h->opcode;

    /* 5.2: "MUST be 0 unless an extension is negotiated" */
    if (h->rsv != 0)
        return ws_conn_fail(c, HK_ERR_WS_RSV);
    /* 5.2: reserved opcodes; 10.7: fail the connection */
    if ((op >= 0x3 && op <= 0x7) || op >= 0xB)
        return ws_conn_fail(c, HK_ERR_WS_OPCODE);
    if (HK_WS_IS_CONTROL(op)) {
        /* 5.5: control frames are not fragmented and carry <= 125 bytes */
        if (!h->fin)
            return ws_conn_fail(c, HK_ERR_WS_CONTROL_FRAGMENTED);
        if (h->payload_len > HK_WS_MAX_CONTROL_PAYLOAD)
            return ws_conn_fail(c, HK_ERR_WS_CONTROL_TOO_LONG);
    } else if (op == HK_WS_OP_CONTINUATION) {
        if (!c->msg_active) /* 5.4 */
            return ws_conn_fail(c, HK_ERR_WS_UNEXPECTED_CONTINUATION);
    } else if (c->msg_active) { /* 5.4: fragments of one message are contiguous */
        return ws_conn_fail(c, HK_ERR_WS_EXPECTED_CONTINUATION);
    }
    /* 5.1: a server closes on an unmasked frame, a client on a masked one */
    if (c->role == HK_WS_ROLE_SERVER && !h->masked)
        return ws_conn_fail(c, HK_ERR_WS_MASK_REQUIRED);
    if (c->role == HK_WS_ROLE_CLIENT && h->masked)
        return ws_conn_fail(c, HK_ERR_WS_MASK_FORBIDDEN);

    if (!HK_WS_IS_CONTROL(op)) {
        if (h->payload_len > c->max_frame)
            return ws_conn_fail(c, HK_ERR_WS_FRAME_TOO_LARGE);
        if (op != HK_WS_OP_CONTINUATION) {
            c->msg_active = 1;
            c->msg_opcode = op;
            c->msg_len = 0;
            c->msg_used = 0;
            c->chunk_first = 1;
            hk_utf8_init(&c->rx_utf8);
        }
        if (h->payload_len > c->max_msg - c->msg_len)
            return ws_conn_fail(c, HK_ERR_WS_MESSAGE_TOO_LARGE);
        c->msg_len += h->payload_len;
    }
    c->ctrl_len = 0;
    c->offset = 0;
    c->remaining = h->payload_len;
    c->rx_state = WS_RX_PAYLOAD;
    return HK_OK;
}

/* Validate text bytes p[0..n) just unmasked; `nonascii` from the unmask
 * pass lets pure-ASCII runs at a character boundary skip the validator. */
static int ws_conn_check_text(hk_ws_conn *c, const uint8_t *p, size_t n, unsigned nonascii)
{
    if (!nonascii && hk_utf8_final(&c->rx_utf8) == HK_OK)
        return HK_OK;
    if (hk_utf8_update(&c->rx_utf8, p, n, NULL) != HK_OK)
        return ws_conn_fail(c, HK_ERR_WS_INVALID_UTF8); /* 8.1: fail at once */
    return HK_OK;
}

/*
 * Payload bytes p[0..n) of the current frame (n <= remaining). p is
 * writable: data is unmasked in place.
 */
static int ws_conn_payload(hk_ws_conn *c, uint8_t *p, size_t n)
{
    const uint8_t *key = c->fh.masked ? c->fh.mask_key : NULL;
    unsigned phase = (unsigned)(c->offset & 3);
    int op = c->fh.opcode;
    int last_piece = (uint64_t)n == c->remaining;
    unsigned nonascii;
    int rc;

    if (HK_WS_IS_CONTROL(op)) {
        (void)hk__ws_xor(c->ctrl + c->ctrl_len, p, n, key, phase);
        c->ctrl_len += n;
        c->offset += n;
        return HK_OK;
    }
    if (c->streaming) {
        nonascii = hk__ws_xor(p, p, n, key, phase);
        c->offset += n;
        if (c->msg_opcode == HK_WS_OP_TEXT) {
            rc = ws_conn_check_text(c, p, n, nonascii);
            if (rc != HK_OK)
                return rc;
            if (last_piece && c->fh.fin && hk_utf8_final(&c->rx_utf8) != HK_OK)
                return ws_conn_fail(c, HK_ERR_WS_INVALID_UTF8);
        }
        return ws_conn_deliver_chunk(c, p, n, last_piece && c->fh.fin);
    }
    /* Whole-message delivery. Zero-copy when the message is this one frame
     * and all of it is here. */
    if (op != HK_WS_OP_CONTINUATION && c->fh.fin && c->offset == 0 && last_piece) {
        nonascii = hk__ws_xor(p, p, n, key, phase);
        c->offset += n;
        if (c->msg_opcode == HK_WS_OP_TEXT) {
            rc = ws_conn_check_text(c, p, n, nonascii);
            if (rc != HK_OK)
                return rc;
            if (hk_utf8_final(&c->rx_utf8) != HK_OK)
                return ws_conn_fail(c, HK_ERR_WS_INVALID_UTF8);
        }
        c->msg_active = 0;
        rc = ws_conn_deliver_message(c, p, n);
        c->rx_state = WS_RX_HEADER;
        c->remaining = 0;
        return rc == HK_OK ? 1 : rc; /* 1: frame fully handled */
    }
    {
        size_t need;
        uint64_t hint = (uint64_t)c->msg_used + c->remaining;
        if (hk__add_overflow(c->msg_used, n, &need))
            return ws_conn_fail(c, HK_ERR_WS_MESSAGE_TOO_LARGE);
        rc = ws_conn_msg_reserve(c, need, c->fh.fin ? hint : 0);
        if (rc != HK_OK)
            return ws_conn_fail(c, rc);
        nonascii = hk__ws_xor(c->msg_buf + c->msg_used, p, n, key, phase);
        c->offset += n;
        if (c->msg_opcode == HK_WS_OP_TEXT) {
            rc = ws_conn_check_text(c, c->msg_buf + c->msg_used, n, nonascii);
            if (rc != HK_OK)
                return rc;
        }
        c->msg_used += n;
    }
    return HK_OK;
}

static int ws_conn_on_close_frame(hk_ws_conn *c)
{
    int code = HK_WS_CLOSE_NO_STATUS;
    const char *reason = "";
    size_t rlen = 0;
    int r = 0;

    /* 5.5.1: a body, if any, starts with a 2-byte status code */
    if (c->ctrl_len == 1)
        return ws_conn_fail(c, HK_ERR_WS_CLOSE_PAYLOAD);
    if (c->ctrl_len >= 2) {
        code = hk__load16_be(c->ctrl);
        if (!hk_ws_close_code_valid(code)) /* 7.4 */
            return ws_conn_fail(c, HK_ERR_WS_CLOSE_CODE);
        reason = (const char *)c->ctrl + 2;
        rlen = c->ctrl_len - 2;
        if (hk_utf8_validate(reason, rlen, NULL) != HK_OK) /* 5.5.1: UTF-8 */
            return ws_conn_fail(c, HK_ERR_WS_CLOSE_REASON_UTF8);
    }
    c->close_received = 1;
    c->input_done = 1; /* 5.5.1: nothing after a Close */
    c->recv_code = code;
    c->pong_armed = 0;
    c->ping_armed = 0;
    if (!c->close_sent) {
        /* 5.5.1: echo the status code received (none if there was none) */
        int rc = ws_conn_queue_close(c, code == HK_WS_CLOSE_NO_STATUS ? 0 : code, NULL, 0);
        if (rc != HK_OK)
            return ws_conn_fail_dead(c, rc);
    }
    if (c->on_close != NULL) {
        c->in_callback = 1;
        r = c->on_close(c->user, code, reason, rlen);
        c->in_callback = 0;
    }
    return ws_conn_cb_result(c, r);
}

static int ws_conn_frame_end(hk_ws_conn *c)
{
    int op = c->fh.opcode;
    int rc = HK_OK, r = 0;

    c->rx_state = WS_RX_HEADER;
    switch (op) {
    case HK_WS_OP_PING:
        if (c->auto_pong && !c->close_sent) {
            rc = ws_conn_queue_frame(c, HK_WS_OP_PONG, 1, c->ctrl, c->ctrl_len, 0);
            if (rc != HK_OK)
                return ws_conn_fail(c, rc);
        }
        if (c->on_ping != NULL) {
            c->in_callback = 1;
            r = c->on_ping(c->user, c->ctrl, c->ctrl_len);
            c->in_callback = 0;
        }
        return ws_conn_cb_result(c, r);
    case HK_WS_OP_PONG:
        c->pong_armed = 0;
        if (c->on_pong != NULL) {
            c->in_callback = 1;
            r = c->on_pong(c->user, c->ctrl, c->ctrl_len);
            c->in_callback = 0;
        }
        return ws_conn_cb_result(c, r);
    case HK_WS_OP_CLOSE:
        return ws_conn_on_close_frame(c);
    default:
        break;
    }
    /* data frame */
    if (c->streaming) {
        /* An empty final frame still ends the message: deliver an empty
         * last chunk (non-empty final frames ended with their last piece). */
        if (c->fh.fin && c->fh.payload_len == 0) {
            if (c->msg_opcode == HK_WS_OP_TEXT && hk_utf8_final(&c->rx_utf8) != HK_OK)
                return ws_conn_fail(c, HK_ERR_WS_INVALID_UTF8);
            rc = ws_conn_deliver_chunk(c, NULL, 0, 1);
        }
        if (c->fh.fin)
            c->msg_active = 0;
        return rc;
    }
    if (!c->fh.fin)
        return HK_OK;
    if (c->msg_opcode == HK_WS_OP_TEXT && hk_utf8_final(&c->rx_utf8) != HK_OK)
        return ws_conn_fail(c, HK_ERR_WS_INVALID_UTF8);
    c->msg_active = 0;
    rc = ws_conn_deliver_message(c, c->msg_used ? c->msg_buf : (const uint8_t *)"", c->msg_used);
    c->msg_used = 0;
    if (c->msg_cap > WS_CONN_RETAIN_MAX) {
        hk__free(&c->alloc, c->msg_buf, c->msg_cap);
        c->msg_buf = NULL;
        c->msg_cap = 0;
    }
    return rc;
}

/* Process p[0..n). Returns bytes consumed or a fatal error. */
static hk_ssize ws_conn_process(hk_ws_conn *c, uint8_t *p, size_t n)
{
    size_t i = 0;
    int rc;

    if (c->error != HK_OK)
        return c->error;
    if (c->in_callback)
        return HK_ERR_STATE;
    while (i < n) {
        if (c->error != HK_OK)
            return c->error;
        if (c->input_done)
            return (hk_ssize)n; /* 5.5.1: data after a Close is discarded */
        if (c->rx_state == WS_RX_HEADER) {
            hk_ssize h;
            size_t take;
            /* back-pressure: stop at a frame boundary while output is backed
             * up, so auto-pongs cannot grow the queue without bound */
            if (c->hdr_have == 0 && ws_conn_out_size(c) > c->max_out)
                break;
            if (c->hdr_have == 0) {
                h = hk_ws_frame_decode(&c->fh, p + i, n - i, NULL);
                if (h == HK_ERR_NEED_MORE) {
                    memcpy(c->hdr, p + i, n - i);
                    c->hdr_have = n - i;
                    i = n;
                    break;
                }
                if (h < 0)
                    return ws_conn_fail(c, (int)h);
                i += (size_t)h;
            } else {
                size_t before = c->hdr_have;
                take = HK_WS_MAX_HEADER_LEN - before;
                if (take > n - i)
                    take = n - i;
                memcpy(c->hdr + before, p + i, take);
                h = hk_ws_frame_decode(&c->fh, c->hdr, before + take, NULL);
                if (h == HK_ERR_NEED_MORE) {
                    c->hdr_have += take;
                    i += take;
                    continue;
                }
                if (h < 0)
                    return ws_conn_fail(c, (int)h);
                i += (size_t)h - before;
                c->hdr_have = 0;
            }
            rc = ws_conn_frame_begin(c);
            if (rc != HK_OK)
                return rc;
            if (c->remaining == 0) {
                rc = ws_conn_frame_end(c);
                if (rc != HK_OK)
                    return rc;
            }
            continue;
        }
        {
            size_t avail = n - i;
            if ((uint64_t)avail > c->remaining)
                avail = (size_t)c->remaining;
            rc = ws_conn_payload(c, p + i, avail);
            i += avail;
            if (rc == 1)
                continue; /* whole frame delivered in place */
            if (rc != HK_OK)
                return rc;
            c->remaining -= avail;
            if (c->remaining == 0) {
                rc = ws_conn_frame_end(c);
                if (rc != HK_OK)
                    return rc;
            }
        }
    }
    return (hk_ssize)i;
}

hk_ssize hk_ws_conn_feed(hk_ws_conn *c, void *data, size_t len)
{
    if (c == NULL || (data == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    if (len == 0)
        return c->error != HK_OK ? c->error : 0;
    return ws_conn_process(c, (uint8_t *)data, len);
}

static int ws_conn_rbuf_alloc(hk_ws_conn *c)
{
    if (c->rbuf != NULL)
        return HK_OK;
    c->rbuf = (uint8_t *)hk__malloc(&c->alloc, c->rcap);
    return c->rbuf != NULL ? HK_OK : HK_ERR_NOMEM;
}

/* Process what is pending in the receive buffer. */
static int ws_conn_rbuf_process(hk_ws_conn *c)
{
    hk_ssize r;
    if (c->rpos == c->rfill)
        return HK_OK;
    r = ws_conn_process(c, c->rbuf + c->rpos, c->rfill - c->rpos);
    if (r < 0)
        return (int)r;
    c->rpos += (size_t)r;
    if (c->rpos == c->rfill)
        c->rpos = c->rfill = 0;
    return HK_OK;
}

int hk_ws_conn_input_buffer(hk_ws_conn *c, uint8_t **buf, size_t *cap)
{
    int rc;
    if (c == NULL || buf == NULL || cap == NULL)
        return HK_ERR_INVALID_ARG;
    *buf = NULL;
    *cap = 0;
    if (c->error != HK_OK)
        return c->error;
    if (c->in_callback)
        return HK_ERR_STATE;
    rc = ws_conn_rbuf_alloc(c);
    if (rc != HK_OK)
        return rc;
    rc = ws_conn_rbuf_process(c); /* retry input held back by back-pressure */
    if (rc != HK_OK)
        return rc;
    if (c->rpos > 0) {
        memmove(c->rbuf, c->rbuf + c->rpos, c->rfill - c->rpos);
        c->rfill -= c->rpos;
        c->rpos = 0;
    }
    if (c->rfill == c->rcap)
        return HK_ERR_WOULD_BLOCK;
    *buf = c->rbuf + c->rfill;
    *cap = c->rcap - c->rfill;
    return HK_OK;
}

int hk_ws_conn_input_commit(hk_ws_conn *c, size_t n)
{
    if (c == NULL)
        return HK_ERR_INVALID_ARG;
    if (c->error != HK_OK)
        return c->error;
    if (c->rbuf == NULL || n > c->rcap - c->rfill)
        return HK_ERR_INVALID_ARG;
    c->rfill += n;
    return ws_conn_rbuf_process(c);
}

int hk_ws_conn_feed_eof(hk_ws_conn *c)
{
    if (c == NULL)
        return HK_ERR_INVALID_ARG;
    if (c->error != HK_OK)
        return c->error;
    if (c->close_received) {
        c->dead = 1; /* nothing more can arrive; the transport may go */
        return HK_OK;
    }
    return ws_conn_fail_dead(c, HK_ERR_EOF);
}

int hk_ws_conn_on_readable(hk_ws_conn *c)
{
    int rc;
    if (c == NULL)
        return HK_ERR_INVALID_ARG;
    if (c->error != HK_OK)
        return c->error;
    if (c->read == NULL || c->in_callback)
        return HK_ERR_STATE;
    rc = ws_conn_rbuf_alloc(c);
    if (rc != HK_OK)
        return rc;
    for (;;) {
        hk_ssize r;
        size_t room;
        rc = ws_conn_rbuf_process(c);
        if (rc != HK_OK)
            return rc;
        if (!hk_ws_conn_want_read(c))
            return HK_OK;
        if (c->rpos > 0) {
            memmove(c->rbuf, c->rbuf + c->rpos, c->rfill - c->rpos);
            c->rfill -= c->rpos;
            c->rpos = 0;
        }
        room = c->rcap - c->rfill;
        if (room == 0)
            return HK_OK;
        r = c->read(c->user, c->rbuf + c->rfill, room);
        if (r == HK_ERR_WOULD_BLOCK)
            return HK_OK;
        if (r == 0)
            return hk_ws_conn_feed_eof(c);
        if (r < 0 || (size_t)r > room)
            return ws_conn_fail_dead(c, HK_ERR_IO);
        c->rfill += (size_t)r;
        rc = ws_conn_rbuf_process(c);
        if (rc != HK_OK)
            return rc;
        /* A short read does not prove the transport is drained (a TLS layer
         * returns one record at a time): keep reading until it would block,
         * so edge-triggered callers never lose a wake-up. */
    }
}

/* ---- output -------------------------------------------------------------- */

size_t hk_ws_conn_output(hk_ws_conn *c, const uint8_t **data)
{
    if (c == NULL) {
        if (data != NULL)
            *data = NULL;
        return 0;
    }
    if (data != NULL)
        *data = c->out != NULL ? c->out + c->out_head : NULL;
    return ws_conn_out_size(c);
}

int hk_ws_conn_output_advance(hk_ws_conn *c, size_t n)
{
    if (c == NULL || n > ws_conn_out_size(c))
        return HK_ERR_INVALID_ARG;
    c->out_head += n;
    if (c->out_head == c->out_tail) {
        c->out_head = c->out_tail = 0;
        if (c->out_cap > WS_CONN_RETAIN_MAX) {
            /* an unusually large send is done: do not keep its buffer */
            hk__free(&c->alloc, c->out, c->out_cap);
            c->out = NULL;
            c->out_cap = 0;
        }
    }
    return HK_OK;
}

int hk_ws_conn_on_writable(hk_ws_conn *c)
{
    if (c == NULL)
        return HK_ERR_INVALID_ARG;
    if (c->write == NULL)
        return HK_ERR_STATE;
    if (c->dead)
        return c->error != HK_OK ? c->error : HK_ERR_IO;
    while (ws_conn_out_size(c) > 0) {
        size_t pending = ws_conn_out_size(c);
        hk_ssize r = c->write(c->user, c->out + c->out_head, pending);
        if (r == HK_ERR_WOULD_BLOCK || r == 0)
            return HK_OK;
        if (r < 0 || (size_t)r > pending) {
            c->dead = 1;
            return ws_conn_fail(c, HK_ERR_IO);
        }
        (void)hk_ws_conn_output_advance(c, (size_t)r);
    }
    return HK_OK;
}

int hk_ws_conn_queue_raw(hk_ws_conn *c, const void *data, size_t len)
{
    int rc;
    if (c == NULL || (data == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    if (c->error != HK_OK)
        return c->error;
    if (len == 0)
        return HK_OK;
    rc = ws_conn_out_reserve(c, len);
    if (rc != HK_OK)
        return rc;
    memcpy(c->out + c->out_tail, data, len);
    c->out_tail += len;
    return HK_OK;
}

/* ---- sending ------------------------------------------------------------- */

static int ws_conn_send_check(const hk_ws_conn *c, const void *data, size_t len)
{
    if (c == NULL || (data == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    if (c->error != HK_OK)
        return c->error;
    if (c->close_sent)
        return HK_ERR_STATE; /* 5.5.1: no data after our Close */
    return HK_OK;
}

static int ws_conn_send_data(hk_ws_conn *c, int opcode, const void *data, size_t len)
{
    int rc = ws_conn_send_check(c, data, len);
    if (rc != HK_OK)
        return rc;
    if (c->send_frag)
        return HK_ERR_STATE;
    if (opcode == HK_WS_OP_TEXT && c->validate_send &&
        hk_utf8_validate(data, len, NULL) != HK_OK)
        return HK_ERR_INVALID_ARG;
    rc = ws_conn_queue_frame(c, opcode, 1, (const uint8_t *)data, len, 1);
    return rc == HK_ERR_RANDOM ? ws_conn_fail(c, rc) : rc;
}

int hk_ws_conn_send_text(hk_ws_conn *c, const void *data, size_t len)
{
    return ws_conn_send_data(c, HK_WS_OP_TEXT, data, len);
}

int hk_ws_conn_send_binary(hk_ws_conn *c, const void *data, size_t len)
{
    return ws_conn_send_data(c, HK_WS_OP_BINARY, data, len);
}

static int ws_conn_send_control(hk_ws_conn *c, int opcode, const void *data, size_t len)
{
    int rc = ws_conn_send_check(c, data, len);
    if (rc != HK_OK)
        return rc;
    if (len > HK_WS_MAX_CONTROL_PAYLOAD)
        return HK_ERR_INVALID_ARG;
    rc = ws_conn_queue_frame(c, opcode, 1, (const uint8_t *)data, len, 1);
    return rc == HK_ERR_RANDOM ? ws_conn_fail(c, rc) : rc;
}

int hk_ws_conn_send_ping(hk_ws_conn *c, const void *data, size_t len)
{
    return ws_conn_send_control(c, HK_WS_OP_PING, data, len);
}

int hk_ws_conn_send_pong(hk_ws_conn *c, const void *data, size_t len)
{
    return ws_conn_send_control(c, HK_WS_OP_PONG, data, len);
}

/* One fragment of a message sent in pieces. */
static int ws_conn_send_piece(hk_ws_conn *c, int opcode, int fin, const void *data, size_t len)
{
    int text = (opcode == HK_WS_OP_TEXT) ||
               (opcode == HK_WS_OP_CONTINUATION && c->send_frag == HK_WS_OP_TEXT);
    hk_utf8_state st = c->tx_utf8;
    int rc;
    if (opcode == HK_WS_OP_TEXT)
        hk_utf8_init(&st);
    if (text && c->validate_send) {
        if (hk_utf8_update(&st, data, len, NULL) != HK_OK)
            return HK_ERR_INVALID_ARG;
        if (fin && hk_utf8_final(&st) != HK_OK)
            return HK_ERR_INVALID_ARG;
    }
    rc = ws_conn_queue_frame(c, opcode, fin, (const uint8_t *)data, len, 1);
    if (rc != HK_OK)
        return rc == HK_ERR_RANDOM ? ws_conn_fail(c, rc) : rc;
    c->tx_utf8 = st;
    if (opcode != HK_WS_OP_CONTINUATION)
        c->send_frag = opcode;
    if (fin)
        c->send_frag = 0;
    return HK_OK;
}

int hk_ws_conn_send_begin(hk_ws_conn *c, int opcode, const void *data, size_t len)
{
    int rc = ws_conn_send_check(c, data, len);
    if (rc != HK_OK)
        return rc;
    if (opcode != HK_WS_OP_TEXT && opcode != HK_WS_OP_BINARY)
        return HK_ERR_INVALID_ARG;
    if (c->send_frag)
        return HK_ERR_STATE;
    return ws_conn_send_piece(c, opcode, 0, data, len);
}

int hk_ws_conn_send_continue(hk_ws_conn *c, const void *data, size_t len)
{
    int rc = ws_conn_send_check(c, data, len);
    if (rc != HK_OK)
        return rc;
    if (!c->send_frag)
        return HK_ERR_STATE;
    return ws_conn_send_piece(c, HK_WS_OP_CONTINUATION, 0, data, len);
}

int hk_ws_conn_send_end(hk_ws_conn *c, const void *data, size_t len)
{
    int rc = ws_conn_send_check(c, data, len);
    if (rc != HK_OK)
        return rc;
    if (!c->send_frag)
        return HK_ERR_STATE;
    return ws_conn_send_piece(c, HK_WS_OP_CONTINUATION, 1, data, len);
}

int hk_ws_conn_close(hk_ws_conn *c, int code, const char *reason, size_t reason_len)
{
    int rc;
    if (c == NULL || (reason == NULL && reason_len > 0))
        return HK_ERR_INVALID_ARG;
    if (c->error != HK_OK)
        return c->error;
    if (c->close_sent)
        return HK_ERR_STATE;
    if (code == 0) {
        if (reason_len > 0)
            return HK_ERR_INVALID_ARG;
    } else if (!hk_ws_close_code_valid(code) || reason_len > HK_WS_MAX_CLOSE_REASON ||
               hk_utf8_validate(reason, reason_len, NULL) != HK_OK) {
        return HK_ERR_INVALID_ARG;
    }
    rc = ws_conn_queue_close(c, code, reason, reason_len);
    if (rc == HK_ERR_RANDOM)
        return ws_conn_fail_dead(c, rc);
    if (rc == HK_OK) {
        c->ping_armed = 0;
        c->pong_armed = 0;
    }
    return rc;
}

/* ---- time ---------------------------------------------------------------- */

static void ws_conn_min(uint64_t *acc, int armed, uint64_t t)
{
    if (armed && t < *acc)
        *acc = t;
}

int hk_ws_conn_tick(hk_ws_conn *c, uint64_t now_ms, uint64_t *next_ms)
{
    uint64_t next = UINT64_MAX;
    if (next_ms != NULL)
        *next_ms = UINT64_MAX;
    if (c == NULL)
        return HK_ERR_INVALID_ARG;
    if (c->in_callback)
        return HK_ERR_STATE;
    if (c->have_now && now_ms < c->now)
        now_ms = c->now; /* tolerate a clock that steps back */
    c->now = now_ms;
    c->have_now = 1;
    if (c->error != HK_OK) {
        /* Failed, with our Close still unsent: a peer that does not read
         * must not keep the connection alive forever. */
        if (!c->dead && ws_conn_out_size(c) > 0) {
            if (!c->close_armed) {
                c->close_armed = 1;
                c->close_deadline = now_ms + c->close_timeout;
            }
            if (now_ms >= c->close_deadline)
                c->dead = 1; /* state CLOSED: drop the transport */
            else if (next_ms != NULL)
                *next_ms = c->close_deadline;
        }
        return c->error;
    }

    if (!c->close_sent && !c->close_received && c->ping_interval > 0) {
        if (!c->ping_armed) {
            c->ping_armed = 1;
            c->next_ping = now_ms + c->ping_interval;
        } else if (now_ms >= c->next_ping) {
            uint8_t payload[4];
            int rc;
            hk__store32_be(payload, ++c->ping_count);
            rc = ws_conn_queue_frame(c, HK_WS_OP_PING, 1, payload, sizeof payload, 0);
            if (rc != HK_OK)
                return ws_conn_fail_dead(c, rc);
            if (!c->pong_armed) {
                c->pong_armed = 1;
                c->pong_deadline = now_ms + c->pong_timeout;
            }
            c->next_ping = now_ms + c->ping_interval;
        }
    }
    if (c->pong_armed && now_ms >= c->pong_deadline)
        return ws_conn_fail_dead(c, HK_ERR_WS_PING_TIMEOUT);
    /* Our Close unanswered, or the peer's Close answered but our echo
     * never leaving (the peer stopped reading): both end at the timeout. */
    if (c->close_sent && (!c->close_received || ws_conn_out_size(c) > 0)) {
        if (!c->close_armed) {
            c->close_armed = 1;
            c->close_deadline = now_ms + c->close_timeout;
        } else if (now_ms >= c->close_deadline) {
            return ws_conn_fail_dead(c, HK_ERR_WS_CLOSE_TIMEOUT);
        }
    }
    ws_conn_min(&next, c->ping_armed, c->next_ping);
    ws_conn_min(&next, c->pong_armed, c->pong_deadline);
    ws_conn_min(&next, c->close_armed && c->close_sent &&
                           (!c->close_received || ws_conn_out_size(c) > 0),
                c->close_deadline);
    if (next_ms != NULL)
        *next_ms = next;
    return HK_OK;
}

/* ---- state ---------------------------------------------------------------- */

int hk_ws_conn_state(const hk_ws_conn *c)
{
    int empty;
    if (c == NULL || c->dead)
        return HK_WS_STATE_CLOSED;
    empty = ws_conn_out_size(c) == 0;
    if (c->close_received)
        return empty && c->close_sent ? HK_WS_STATE_CLOSED : HK_WS_STATE_CLOSE_RECEIVED;
    if (c->error != HK_OK)
        return empty ? HK_WS_STATE_CLOSED : HK_WS_STATE_CLOSE_SENT;
    return c->close_sent ? HK_WS_STATE_CLOSE_SENT : HK_WS_STATE_OPEN;
}

int hk_ws_conn_want_read(const hk_ws_conn *c)
{
    if (c == NULL || c->dead || c->input_done || c->error != HK_OK)
        return 0;
    return ws_conn_out_size(c) <= c->max_out;
}

int hk_ws_conn_want_write(const hk_ws_conn *c)
{
    return c != NULL && !c->dead && ws_conn_out_size(c) > 0;
}

int hk_ws_conn_error(const hk_ws_conn *c)
{
    return c != NULL ? c->error : HK_ERR_INVALID_ARG;
}

int hk_ws_conn_close_code(const hk_ws_conn *c)
{
    return c != NULL ? c->recv_code : 0;
}

int hk_ws_conn_sent_close_code(const hk_ws_conn *c)
{
    return c != NULL ? c->sent_code : 0;
}

size_t hk_ws_conn_memory(const hk_ws_conn *c)
{
    if (c == NULL)
        return 0;
    return sizeof *c + c->msg_cap + (c->rbuf != NULL ? c->rcap : 0) + c->out_cap;
}

size_t hk_ws_conn_output_size(const hk_ws_conn *c)
{
    return c != NULL ? ws_conn_out_size(c) : 0;
}

#undef WS_RX_HEADER
#undef WS_RX_PAYLOAD
#undef WS_CONN_RETAIN_MAX
#undef WS_CONN_MIN_RECV
#undef WS_CONN_KEY_POOL
