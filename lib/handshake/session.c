/*
 * session.c - hk_ws_session: the opening handshake in front of an hk_ws_conn,
 * driven by the same I/O callbacks or feed/drain calls as the engine.
 *
 * The engine is created with the session; the handshake's own output (the
 * request, the 101 or an error response) goes into the engine's output
 * queue with hk_ws_conn_queue_raw(), so a single output/advance pair serves
 * the whole connection. Input during the handshake accumulates in a head
 * buffer that grows on demand up to the head limits; whatever follows the
 * head in it is fed to the engine when the handshake succeeds (kept until
 * the engine has taken all of it), then the buffer is freed.
 *
 * SPDX-License-Identifier: MIT
 */
#include "handshake/internal.h"

#include "hooksock/crypto.h"

#define SESSION_HS 0     /* handshake running */
#define SESSION_OPEN 1   /* handed over to the engine */
#define SESSION_FAILED 2 /* handshake failed: flush what is queued, then closed */

#define SESSION_HEAD_INITIAL 1024u

struct hk_ws_session {
    hk_allocator alloc;
    hk_ws_conn *conn;
    int role;
    int phase;
    int err;          /* sticky handshake error */
    int status;       /* HTTP status sent or received */
    int in_hook;      /* inside on_request / on_extension */
    int started;      /* the handshake clock runs */
    int expired;      /* failed: the deadline passed or nothing is left to send */
    uint64_t deadline;
    uint32_t timeout_ms;
    hk_ws_read_fn read;
    void *io_user;

    /* head buffer: head[0..head_len) received, head[pend_off..head_len)
     * after a completed handshake is input not yet taken by the engine */
    char *head;
    size_t head_cap, head_len, head_max, pend_off;
    hk_http_header *hdrs;
    size_t max_headers;
    hk_http_parser parser;

    /* copied strings (one block): protocols, extensions, key (client),
     * the selected protocol (NUL-terminated) */
    char *strings;
    size_t strings_cap;
    const char *protocols;
    size_t protocols_len;
    const char *extensions;
    size_t extensions_len;
    char *protocol; /* selected; NULL if none */
    size_t protocol_len;
    char key[HK_WS_KEY_LEN];

    hk_ws_request_fn on_request;
    hk_ws_extension_fn on_extension;
    void *user_hs;
};

void hk_ws_session_config_default(hk_ws_session_config *cfg)
{
    if (cfg == NULL)
        return;
    memset(cfg, 0, sizeof *cfg);
    cfg->size = sizeof *cfg;
    cfg->role = HK_WS_ROLE_SERVER;
}

static void session_free_head(hk_ws_session *s)
{
    hk__free(&s->alloc, s->head, s->head_cap);
    s->head = NULL;
    s->head_cap = s->head_len = s->pend_off = 0;
    hk__free(&s->alloc, s->hdrs, s->max_headers * sizeof *s->hdrs);
    s->hdrs = NULL;
}

/* Fail the handshake with err. A server answers with the error response
 * for `status` (0: none). */
static int session_fail(hk_ws_session *s, int err, int status, const char *body, size_t body_len,
                        const hk_http_header *extra, size_t num_extra)
{
    s->phase = SESSION_FAILED;
    s->err = err;
    s->expired = 1; /* nothing worth sending, unless an error response is queued */
    if (status && s->role == HK_WS_ROLE_SERVER) {
        char small[512];
        char *buf = small;
        size_t need = 0;
        int rc;
        if (body == NULL) {
            body = hk_strerror(err);
            body_len = strlen(body);
        }
        rc = hk_ws_server_build_reject(status, body, body_len, extra, num_extra, small,
                                       sizeof small, &need);
        if (rc == HK_ERR_BUFFER_TOO_SMALL) {
            buf = hk__malloc(&s->alloc, need);
            rc = buf ? hk_ws_server_build_reject(status, body, body_len, extra, num_extra, buf,
                                                 need, &need)
                     : HK_ERR_NOMEM;
        }
        if (rc != HK_OK && buf == small && (extra != NULL || body != NULL)) {
            /* the application's body or fields were invalid: plain answer */
            status = 500;
            body = hk_strerror(err);
            rc = hk_ws_server_build_reject(status, body, strlen(body), NULL, 0, small,
                                           sizeof small, &need);
        }
        if (rc == HK_OK && hk_ws_conn_queue_raw(s->conn, buf, need) == HK_OK) {
            s->status = status;
            s->expired = 0;
        }
        if (buf != small && buf != NULL)
            hk__free(&s->alloc, buf, need);
    }
    session_free_head(s);
    return err;
}

/* Copy string fields into one block. */
static int session_copy_strings(hk_ws_session *s, const hk_ws_session_config *cfg)
{
    size_t total = 0;
    char *p;
    if (hk__add_overflow(cfg->protocols_len, cfg->extensions_len, &total) ||
        hk__add_overflow(total, 2, &total))
        return HK_ERR_OVERFLOW;
    s->strings_cap = total;
    p = s->strings = hk__malloc(&s->alloc, total);
    if (p == NULL)
        return HK_ERR_NOMEM;
    if (cfg->protocols != NULL) {
        memcpy(p, cfg->protocols, cfg->protocols_len);
        s->protocols = p;
        s->protocols_len = cfg->protocols_len;
        p += cfg->protocols_len;
    }
    *p++ = '\0';
    if (cfg->extensions != NULL) {
        memcpy(p, cfg->extensions, cfg->extensions_len);
        s->extensions = p;
        s->extensions_len = cfg->extensions_len;
        p += cfg->extensions_len;
    }
    *p = '\0';
    return HK_OK;
}

static int session_queue_request(hk_ws_session *s, const hk_ws_session_config *cfg,
                                 const hk_ws_config *ws)
{
    hk_ws_client_spec spec;
    char small[1024];
    char *buf = small;
    size_t need = 0;
    int rc = hk_ws_client_key(ws->random, ws->random_user, s->key);
    if (rc != HK_OK)
        return rc;
    memset(&spec, 0, sizeof spec);
    spec.size = sizeof spec;
    spec.url = cfg->url;
    spec.url_len = cfg->url_len;
    spec.key = s->key;
    spec.key_len = sizeof s->key;
    spec.protocols = s->protocols;
    spec.protocols_len = s->protocols_len;
    spec.extensions = s->extensions;
    spec.extensions_len = s->extensions_len;
    spec.origin = cfg->origin;
    spec.origin_len = cfg->origin_len;
    spec.headers = cfg->headers;
    spec.num_headers = cfg->num_headers;
    rc = hk_ws_client_build_request(&spec, small, sizeof small, &need);
    if (rc == HK_ERR_BUFFER_TOO_SMALL) {
        buf = hk__malloc(&s->alloc, need);
        if (buf == NULL)
            return HK_ERR_NOMEM;
        rc = hk_ws_client_build_request(&spec, buf, need, &need);
    }
    if (rc == HK_OK)
        rc = hk_ws_conn_queue_raw(s->conn, buf, need);
    if (buf != small)
        hk__free(&s->alloc, buf, need);
    return rc;
}

int hk_ws_session_create(hk_ws_session **out, const hk_ws_session_config *cfg)
{
    hk_ws_session *s;
    hk_ws_config ws;
    hk_http_parser_options po;
    hk_allocator alloc;
    int rc;
    if (out == NULL)
        return HK_ERR_INVALID_ARG;
    *out = NULL;
    if (cfg == NULL || cfg->size < sizeof(hk_ws_session_config) || cfg->ws == NULL ||
        cfg->ws->size < sizeof(hk_ws_config) ||
        (cfg->role != HK_WS_ROLE_SERVER && cfg->role != HK_WS_ROLE_CLIENT) ||
        (cfg->protocols == NULL && cfg->protocols_len) ||
        (cfg->extensions == NULL && cfg->extensions_len) ||
        (cfg->role == HK_WS_ROLE_CLIENT && cfg->url == NULL))
        return HK_ERR_INVALID_ARG;
    if (cfg->role == HK_WS_ROLE_SERVER && cfg->protocols != NULL &&
        hk__hs_token_list_count(cfg->protocols, cfg->protocols_len, NULL, 0, NULL, 0, 0) < 0)
        return HK_ERR_INVALID_ARG;
    if (hk__allocator_init(&alloc, cfg->ws->allocator) != HK_OK)
        return HK_ERR_INVALID_ARG;
    hk_http_parser_options_default(&po);
    if (cfg->max_start_line)
        po.max_start_line = cfg->max_start_line;
    if (cfg->max_header_bytes)
        po.max_header_bytes = cfg->max_header_bytes;
    if (cfg->max_headers)
        po.max_headers = cfg->max_headers;
    if (po.max_headers > 10000 || po.max_start_line > ((size_t)1 << 24) ||
        po.max_header_bytes > ((size_t)1 << 24))
        return HK_ERR_INVALID_ARG;

    s = hk__malloc(&alloc, sizeof *s);
    if (s == NULL)
        return HK_ERR_NOMEM;
    memset(s, 0, sizeof *s);
    s->alloc = alloc;
    s->role = cfg->role;
    s->phase = SESSION_HS;
    s->timeout_ms = cfg->handshake_timeout_ms ? cfg->handshake_timeout_ms
                                              : HK_WS_SESSION_DEFAULT_HANDSHAKE_TIMEOUT_MS;
    s->read = cfg->ws->read;
    s->io_user = cfg->ws->user;
    s->on_request = cfg->on_request;
    s->on_extension = cfg->on_extension;
    s->user_hs = cfg->user_hs;
    s->max_headers = po.max_headers;
    /* the start line, the fields and a little slack for empty lines that
     * precede a request line */
    s->head_max = po.max_start_line + po.max_header_bytes;
    rc = hk_http_parser_init(&s->parser,
                             cfg->role == HK_WS_ROLE_SERVER ? HK_HTTP_REQUEST : HK_HTTP_RESPONSE,
                             &po);
    if (rc == HK_OK && cfg->role == HK_WS_ROLE_CLIENT)
        rc = hk_http_parser_set_request_method(&s->parser, "GET", 3);
    if (rc == HK_OK)
        rc = session_copy_strings(s, cfg);
    if (rc == HK_OK) {
        memcpy(&ws, cfg->ws, sizeof ws);
        ws.role = cfg->role;
        rc = hk_ws_conn_create(&s->conn, &ws);
    }
    if (rc == HK_OK && cfg->role == HK_WS_ROLE_CLIENT)
        rc = session_queue_request(s, cfg, cfg->ws);
    if (rc != HK_OK) {
        hk_ws_session_destroy(s);
        return rc;
    }
    *out = s;
    return HK_OK;
}

void hk_ws_session_destroy(hk_ws_session *s)
{
    hk_allocator a;
    if (s == NULL)
        return;
    a = s->alloc;
    hk_ws_conn_destroy(s->conn);
    session_free_head(s);
    hk__free(&a, s->strings, s->strings_cap);
    hk__free(&a, s->protocol, s->protocol_len + 1);
    hk_wipe(s->key, sizeof s->key);
    hk__free(&a, s, sizeof *s);
}

/* Make room for at least one more byte in the head buffer (up to head_max).
 * Returns the free space, 0 if the limit is reached, or HK_ERR_NOMEM. */
static hk_ssize session_head_room(hk_ws_session *s)
{
    if (s->hdrs == NULL) {
        s->hdrs = hk__malloc(&s->alloc, s->max_headers * sizeof *s->hdrs);
        if (s->hdrs == NULL)
            return HK_ERR_NOMEM;
    }
    if (s->head_len == s->head_cap && s->head_cap < s->head_max) {
        size_t ncap = s->head_cap ? s->head_cap * 2 : SESSION_HEAD_INITIAL;
        char *p;
        if (ncap > s->head_max || ncap < s->head_cap)
            ncap = s->head_max;
        p = hk__realloc(&s->alloc, s->head, s->head_cap, ncap);
        if (p == NULL)
            return HK_ERR_NOMEM;
        s->head = p;
        s->head_cap = ncap;
    }
    return (hk_ssize)(s->head_cap - s->head_len);
}

/* Feed the engine what followed the head. HK_OK when all of it was taken
 * (the head buffer is then freed), HK_ERR_WOULD_BLOCK if some remains
 * because the engine's output is backed up, or the engine's error. */
static int session_flush_pending(hk_ws_session *s)
{
    while (s->head != NULL && s->pend_off < s->head_len) {
        hk_ssize r = hk_ws_conn_feed(s->conn, s->head + s->pend_off, s->head_len - s->pend_off);
        if (r < 0)
            return (int)r;
        if (r == 0)
            return HK_ERR_WOULD_BLOCK;
        s->pend_off += (size_t)r;
    }
    if (s->head != NULL)
        session_free_head(s);
    return HK_OK;
}

static int session_set_protocol(hk_ws_session *s, const char *p, size_t len)
{
    if (p == NULL || len == 0)
        return HK_OK;
    s->protocol = hk__malloc(&s->alloc, len + 1);
    if (s->protocol == NULL)
        return HK_ERR_NOMEM;
    memcpy(s->protocol, p, len);
    s->protocol[len] = '\0';
    s->protocol_len = len;
    return HK_OK;
}

/* The server's decision on a complete request head. */
static int session_server_head(hk_ws_session *s, const hk_http_message *msg)
{
    hk_ws_request req;
    hk_ws_response resp;
    hk_ws_accept_spec acc;
    char small[512];
    char *buf = small;
    size_t need = 0;
    int rc;

    req.size = sizeof req;
    rc = hk_ws_server_check(msg, &req);
    if (rc != HK_OK)
        return session_fail(s, rc, hk_ws_handshake_status(rc), NULL, 0, NULL, 0);

    memset(&resp, 0, sizeof resp);
    resp.size = sizeof resp;
    resp.status = 101;
    if (s->protocols != NULL) {
        rc = hk_ws_select_protocol(msg, s->protocols, s->protocols_len, &resp.protocol,
                                   &resp.protocol_len);
        if (rc != HK_OK)
            return session_fail(s, HK_ERR_HS_PROTOCOL, 400, NULL, 0, NULL, 0);
    }
    /* Extension negotiation: every offer goes to the hook; none can be
     * accepted until the engine implements one (RFC 6455 section 9.1: the
     * server answers with the ones it accepts, here none). */
    if (s->on_extension != NULL && req.num_extensions) {
        hk_http_list_iter it;
        const char *elem;
        size_t elem_len;
        hk_http_list_init_headers(&it, msg->headers, msg->num_headers,
                                  "Sec-WebSocket-Extensions", 24);
        while (hk_http_list_next(&it, &elem, &elem_len) == 1) {
            const char *nm;
            size_t nm_len;
            int r;
            if (hk__hs_ext_name(elem, elem_len, &nm, &nm_len) != HK_OK)
                return session_fail(s, HK_ERR_HS_EXTENSION, 400, NULL, 0, NULL, 0);
            s->in_hook = 1;
            r = s->on_extension(s->user_hs, nm, nm_len, elem, elem_len);
            s->in_hook = 0;
            if (r < 0)
                return session_fail(s, HK_ERR_HS_EXTENSION, 400, NULL, 0, NULL, 0);
        }
    }
    if (s->on_request != NULL) {
        int r;
        s->in_hook = 1;
        r = s->on_request(s->user_hs, &req, &resp);
        s->in_hook = 0;
        if (r != 0)
            return session_fail(s, HK_ERR_CALLBACK, 500, NULL, 0, NULL, 0);
        if (resp.status != 101) {
            if (resp.status < 400 || resp.status > 599)
                return session_fail(s, HK_ERR_CALLBACK, 500, NULL, 0, NULL, 0);
            return session_fail(s, HK_ERR_HS_REJECTED, resp.status, resp.body, resp.body_len,
                                resp.headers, resp.num_headers);
        }
        if (resp.protocol != NULL && resp.protocol_len &&
            hk_ws_request_offers_protocol(msg, resp.protocol, resp.protocol_len) != 1)
            return session_fail(s, HK_ERR_HS_PROTOCOL, 500, NULL, 0, NULL, 0);
    }

    memset(&acc, 0, sizeof acc);
    acc.size = sizeof acc;
    acc.key = req.key;
    acc.key_len = req.key_len;
    acc.protocol = resp.protocol_len ? resp.protocol : NULL;
    acc.protocol_len = resp.protocol_len;
    acc.headers = resp.headers;
    acc.num_headers = resp.num_headers;
    rc = hk_ws_server_build_accept(&acc, small, sizeof small, &need);
    if (rc == HK_ERR_BUFFER_TOO_SMALL) {
        buf = hk__malloc(&s->alloc, need);
        rc = buf ? hk_ws_server_build_accept(&acc, buf, need, &need) : HK_ERR_NOMEM;
    }
    if (rc == HK_OK)
        rc = session_set_protocol(s, acc.protocol, acc.protocol_len);
    if (rc == HK_OK)
        rc = hk_ws_conn_queue_raw(s->conn, buf, need);
    if (buf != small && buf != NULL)
        hk__free(&s->alloc, buf, need);
    if (rc != HK_OK)
        return session_fail(s, rc == HK_ERR_NOMEM ? HK_ERR_NOMEM : HK_ERR_CALLBACK, 500, NULL, 0,
                            NULL, 0);
    s->status = 101;
    return HK_OK;
}

static int session_client_head(hk_ws_session *s, const hk_http_message *msg)
{
    hk_ws_client_spec spec;
    hk_ws_client_result res;
    int rc;
    s->status = msg->status;
    memset(&spec, 0, sizeof spec);
    spec.size = sizeof spec;
    spec.url = "";
    spec.key = s->key;
    spec.key_len = sizeof s->key;
    spec.protocols = s->protocols;
    spec.protocols_len = s->protocols_len;
    spec.extensions = s->extensions;
    spec.extensions_len = s->extensions_len;
    res.size = sizeof res;
    rc = hk_ws_client_check(&spec, msg, &res);
    /* The engine implements no extension: one accepted by the server would
     * set RSV bits we cannot interpret (RFC 6455 section 9.1). */
    if (rc == HK_OK && res.extensions != NULL)
        rc = HK_ERR_HS_EXTENSION;
    if (rc == HK_OK)
        rc = session_set_protocol(s, res.protocol, res.protocol_len);
    if (rc != HK_OK)
        return session_fail(s, rc, 0, NULL, 0, NULL, 0);
    return HK_OK;
}

/*
 * The head buffer grew: try to complete the head. Returns HK_OK (head
 * still incomplete, or complete and handed over; leftover input may be
 * pending), or the handshake's fatal error.
 */
static int session_process(hk_ws_session *s)
{
    hk_http_message msg;
    hk_ssize n;
    int rc;
    msg.size = sizeof msg;
    n = hk_http_parse_head(&s->parser, s->head, s->head_len, s->hdrs, s->max_headers, &msg);
    if (n == HK_ERR_NEED_MORE) {
        if (s->head_len >= s->head_max)
            return session_fail(s, HK_ERR_HTTP_HEADERS_TOO_LARGE, 431, NULL, 0, NULL, 0);
        return HK_OK;
    }
    if (n < 0)
        return session_fail(s, (int)n, hk_ws_handshake_status((int)n), NULL, 0, NULL, 0);
    if (s->role == HK_WS_ROLE_SERVER)
        rc = session_server_head(s, &msg);
    else
        rc = session_client_head(s, &msg);
    if (rc != HK_OK)
        return rc;
    s->phase = SESSION_OPEN;
    s->pend_off = (size_t)n;
    hk__free(&s->alloc, s->hdrs, s->max_headers * sizeof *s->hdrs);
    s->hdrs = NULL;
    rc = session_flush_pending(s);
    return rc == HK_ERR_WOULD_BLOCK ? HK_OK : rc;
}

hk_ssize hk_ws_session_feed(hk_ws_session *s, void *data, size_t len)
{
    size_t used = 0;
    if (s == NULL || (data == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    if (s->in_hook)
        return HK_ERR_STATE;
    if (s->phase == SESSION_FAILED)
        return s->err;
    while (s->phase == SESSION_HS && used < len) {
        hk_ssize room = session_head_room(s);
        size_t take;
        int rc;
        if (room < 0)
            return session_fail(s, (int)room, 500, NULL, 0, NULL, 0);
        if (room == 0) /* cannot happen: process() fails at head_max */
            return session_fail(s, HK_ERR_HTTP_HEADERS_TOO_LARGE, 431, NULL, 0, NULL, 0);
        take = len - used < (size_t)room ? len - used : (size_t)room;
        memcpy(s->head + s->head_len, (char *)data + used, take);
        s->head_len += take;
        used += take;
        rc = session_process(s);
        if (rc != HK_OK)
            return rc;
    }
    if (s->phase == SESSION_OPEN) {
        hk_ssize r;
        int rc = session_flush_pending(s);
        if (rc == HK_ERR_WOULD_BLOCK)
            return (hk_ssize)used;
        if (rc != HK_OK)
            return rc;
        if (used == len)
            return (hk_ssize)used;
        r = hk_ws_conn_feed(s->conn, (char *)data + used, len - used);
        return r < 0 ? r : (hk_ssize)used + r;
    }
    return (hk_ssize)used;
}

int hk_ws_session_feed_eof(hk_ws_session *s)
{
    if (s == NULL)
        return HK_ERR_INVALID_ARG;
    if (s->in_hook)
        return HK_ERR_STATE;
    if (s->phase == SESSION_HS)
        return session_fail(s, HK_ERR_EOF, 0, NULL, 0, NULL, 0);
    if (s->phase == SESSION_FAILED)
        return s->err;
    if (s->head != NULL) {
        int rc = session_flush_pending(s);
        if (rc != HK_OK && rc != HK_ERR_WOULD_BLOCK)
            return rc;
    }
    return hk_ws_conn_feed_eof(s->conn);
}

int hk_ws_session_on_readable(hk_ws_session *s)
{
    if (s == NULL)
        return HK_ERR_INVALID_ARG;
    if (s->in_hook)
        return HK_ERR_STATE;
    if (s->read == NULL)
        return HK_ERR_STATE;
    while (s->phase == SESSION_HS) {
        hk_ssize room = session_head_room(s), r;
        int rc;
        if (room < 0)
            return session_fail(s, (int)room, 500, NULL, 0, NULL, 0);
        if (room == 0)
            return session_fail(s, HK_ERR_HTTP_HEADERS_TOO_LARGE, 431, NULL, 0, NULL, 0);
        r = s->read(s->io_user, (uint8_t *)s->head + s->head_len, (size_t)room);
        if (r == HK_ERR_WOULD_BLOCK)
            return HK_OK;
        if (r == 0)
            return session_fail(s, HK_ERR_EOF, 0, NULL, 0, NULL, 0);
        if (r < 0 || r > room)
            return session_fail(s, HK_ERR_IO, 0, NULL, 0, NULL, 0);
        s->head_len += (size_t)r;
        rc = session_process(s);
        if (rc != HK_OK)
            return rc;
        if (s->phase == SESSION_HS && r < room)
            return HK_OK; /* short read: the socket is drained */
    }
    if (s->phase == SESSION_FAILED)
        return s->err;
    {
        int rc = session_flush_pending(s);
        if (rc == HK_ERR_WOULD_BLOCK)
            return HK_OK;
        if (rc != HK_OK)
            return rc;
    }
    return hk_ws_conn_on_readable(s->conn);
}

int hk_ws_session_on_writable(hk_ws_session *s)
{
    int rc;
    if (s == NULL)
        return HK_ERR_INVALID_ARG;
    /* the handshake's output sits in the engine's queue */
    rc = hk_ws_conn_on_writable(s->conn);
    if (rc == HK_OK && s->phase == SESSION_OPEN && s->head != NULL && !s->in_hook)
        (void)session_flush_pending(s); /* as in output_advance */
    return rc;
}

size_t hk_ws_session_output(hk_ws_session *s, const uint8_t **data)
{
    if (s == NULL) {
        if (data != NULL)
            *data = NULL;
        return 0;
    }
    return hk_ws_conn_output(s->conn, data);
}

int hk_ws_session_output_advance(hk_ws_session *s, size_t n)
{
    int rc;
    if (s == NULL)
        return HK_ERR_INVALID_ARG;
    rc = hk_ws_conn_output_advance(s->conn, n);
    /* Input that followed the head and waited for the output to drain is
     * processed now, so the caller need not feed again to get it moving.
     * Its errors stick to the engine and show in every later call. */
    if (rc == HK_OK && s->phase == SESSION_OPEN && s->head != NULL && !s->in_hook)
        (void)session_flush_pending(s);
    return rc;
}

int hk_ws_session_tick(hk_ws_session *s, uint64_t now_ms, uint64_t *next_ms)
{
    if (next_ms != NULL)
        *next_ms = UINT64_MAX;
    if (s == NULL)
        return HK_ERR_INVALID_ARG;
    if (s->in_hook)
        return HK_ERR_STATE;
    if (s->phase != SESSION_OPEN) {
        if (!s->started) {
            s->started = 1;
            s->deadline = now_ms + s->timeout_ms;
        }
        if (now_ms >= s->deadline) {
            s->expired = 1;
            if (s->phase == SESSION_HS)
                return session_fail(s, HK_ERR_TIMEOUT, 0, NULL, 0, NULL, 0);
            return s->err;
        }
        if (next_ms != NULL && !(s->phase == SESSION_FAILED && !hk_ws_conn_want_write(s->conn)))
            *next_ms = s->deadline;
        return s->phase == SESSION_FAILED ? s->err : HK_OK;
    }
    if (s->head != NULL) {
        int rc = session_flush_pending(s);
        if (rc != HK_OK && rc != HK_ERR_WOULD_BLOCK)
            return rc;
    }
    return hk_ws_conn_tick(s->conn, now_ms, next_ms);
}

int hk_ws_session_state(const hk_ws_session *s)
{
    if (s == NULL)
        return HK_WS_STATE_CLOSED;
    if (s->phase == SESSION_HS)
        return HK_WS_SESSION_HANDSHAKE;
    if (s->phase == SESSION_FAILED)
        return (hk_ws_conn_want_write(s->conn) && !s->expired) ? HK_WS_SESSION_HANDSHAKE
                                                               : HK_WS_STATE_CLOSED;
    return hk_ws_conn_state(s->conn);
}

int hk_ws_session_want_read(const hk_ws_session *s)
{
    if (s == NULL)
        return 0;
    if (s->phase == SESSION_HS)
        return 1;
    if (s->phase == SESSION_FAILED)
        return 0;
    return hk_ws_conn_want_read(s->conn);
}

int hk_ws_session_want_write(const hk_ws_session *s)
{
    if (s == NULL || (s->phase == SESSION_FAILED && s->expired))
        return 0;
    return hk_ws_conn_want_write(s->conn);
}

int hk_ws_session_error(const hk_ws_session *s)
{
    if (s == NULL)
        return HK_ERR_INVALID_ARG;
    if (s->err != HK_OK)
        return s->err;
    return s->phase == SESSION_OPEN ? hk_ws_conn_error(s->conn) : HK_OK;
}

hk_ws_conn *hk_ws_session_conn(hk_ws_session *s)
{
    return s != NULL && s->phase == SESSION_OPEN ? s->conn : NULL;
}

const char *hk_ws_session_protocol(const hk_ws_session *s)
{
    return s != NULL ? s->protocol : NULL;
}

int hk_ws_session_http_status(const hk_ws_session *s)
{
    return s != NULL ? s->status : 0;
}

size_t hk_ws_session_memory(const hk_ws_session *s)
{
    if (s == NULL)
        return 0;
    return sizeof *s + s->head_cap + (s->hdrs ? s->max_headers * sizeof *s->hdrs : 0) +
           s->strings_cap + (s->protocol ? s->protocol_len + 1 : 0) + hk_ws_conn_memory(s->conn);
}

#undef SESSION_HS
#undef SESSION_OPEN
#undef SESSION_FAILED
#undef SESSION_HEAD_INITIAL
