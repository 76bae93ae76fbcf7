/*
 * Fuzz target: the server handshake, request bytes -> response.
 *
 * Input layout: byte 0 = piece-size seed, rest = what a client sends (the
 * request and possibly frames after it).
 *
 * Pure layer: parse the head, hk_ws_server_check(); on success the 101
 * built by hk_ws_server_build_accept() must parse back as a 101 carrying
 * the accept value; on failure the error response for
 * hk_ws_handshake_status() must parse back with that status.
 * Session: the same bytes fed in pieces to a server hk_ws_session; its
 * output must start with a well-formed response whose status matches the
 * pure layer's verdict; no leak; every error a known code.
 */
#include "fuzz_hs_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int parse_status(const char *buf, size_t len, hk_http_message *msg, hk_http_header *h)
{
    hk_ssize n;
    msg->size = sizeof *msg;
    n = hk_http_parse_response(buf, len, "GET", 3, h, 32, msg);
    if (n <= 0)
        abort();
    return msg->status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hk_http_header hdrs[100], rh[32];
    hk_http_message msg, resp;
    hk_ws_request req;
    hk_ssize n;
    int verdict = 0; /* expected status, 0 = head incomplete */
    char out[2048];
    size_t len = 0;
    uint8_t seed;

    if (size < 1)
        return 0;
    seed = data[0];
    data++;
    size--;

    /* ---- pure layer ---- */
    msg.size = sizeof msg;
    n = hk_http_parse_request((const char *)data, size, hdrs, 100, &msg);
    if (n > 0) {
        int rc;
        req.size = sizeof req;
        rc = hk_ws_server_check(&msg, &req);
        if (!fzh_known_error(rc))
            abort();
        if (rc == HK_OK) {
            hk_ws_accept_spec spec;
            char acc[HK_WS_ACCEPT_LEN];
            const char *proto = NULL;
            size_t proto_len = 0;
            if (hk_ws_select_protocol(&msg, "chat, superchat", 15, &proto, &proto_len) != HK_OK)
                abort();
            memset(&spec, 0, sizeof spec);
            spec.size = sizeof spec;
            spec.key = req.key;
            spec.key_len = req.key_len;
            spec.protocol = proto;
            spec.protocol_len = proto_len;
            if (hk_ws_server_build_accept(&spec, out, sizeof out, &len) != HK_OK)
                abort();
            if (parse_status(out, len, &resp, rh) != 101 ||
                hk_ws_accept_key(req.key, req.key_len, acc) != HK_OK)
                abort();
            {
                hk_ssize i = hk_http_header_find(rh, resp.num_headers, "Sec-WebSocket-Accept",
                                                 20, 0);
                if (i < 0 || rh[i].value_len != HK_WS_ACCEPT_LEN ||
                    memcmp(rh[i].value, acc, HK_WS_ACCEPT_LEN) != 0)
                    abort();
            }
            verdict = 101;
        } else {
            int st = hk_ws_handshake_status(rc);
            const char *why = hk_strerror(rc);
            if (hk_ws_server_build_reject(st, why, strlen(why), NULL, 0, out, sizeof out, &len) !=
                    HK_OK ||
                parse_status(out, len, &resp, rh) != st)
                abort();
            verdict = st;
        }
    } else if (n != HK_ERR_NEED_MORE) {
        if (!fzh_known_error((int)n))
            abort();
        verdict = hk_ws_handshake_status((int)n);
    }

    /* ---- session ---- */
    {
        fzh_alloc_state st = {0};
        hk_allocator a = {fzh_malloc, fzh_realloc, fzh_free, &st};
        hk_ws_config ws;
        hk_ws_session_config sc;
        hk_ws_session *s;
        int rc;
        hk_ws_config_default(&ws);
        ws.allocator = &a;
        ws.on_message = fzh_message;
        ws.max_message_size = 1 << 16;
        hk_ws_session_config_default(&sc);
        sc.ws = &ws;
        sc.protocols = "chat, superchat";
        sc.protocols_len = 15;
        if (hk_ws_session_create(&s, &sc) != HK_OK)
            abort();
        /* the response is captured before the pieces' output is drained */
        {
            uint8_t *copy = malloc(size ? size : 1);
            size_t pos = 0, olen;
            const uint8_t *o;
            unsigned step = seed ? seed : 1;
            int status = 0;
            rc = HK_OK;
            memcpy(copy, data, size);
            while (pos < size && rc == HK_OK) {
                size_t piece = 1 + (step % 97);
                hk_ssize r;
                step = step * 1103515245u + 12345u;
                if (piece > size - pos)
                    piece = size - pos;
                r = hk_ws_session_feed(s, copy + pos, piece);
                if (r < 0)
                    rc = (int)r;
                else if (r == 0)
                    break;
                else
                    pos += (size_t)r;
                olen = hk_ws_session_output(s, &o);
                if (olen > 0 && status == 0) {
                    /* the first output is the whole response head */
                    hk_http_message m;
                    hk_http_header hh[32];
                    m.size = sizeof m;
                    if (hk_http_parse_response((const char *)o, olen, "GET", 3, hh, 32, &m) <= 0)
                        abort();
                    status = m.status;
                }
                if (olen > 0)
                    hk_ws_session_output_advance(s, olen);
            }
            free(copy);
            if (!fzh_known_error(rc))
                abort();
            /* Same verdict as the pure layer, except that the session's
             * head limit is checked across reads (a head the one-shot parser
             * saw as complete may not have fit) and that frames after the
             * head may fail the engine afterwards. */
            if (status != 0 && verdict != 0 && status != verdict &&
                status != 431 && status != 414)
                abort();
            if (status == 101 && hk_ws_session_conn(s) == NULL && rc == HK_OK)
                abort();
        }
        hk_ws_session_tick(s, 0, NULL);
        hk_ws_session_destroy(s);
        if (st.live != 0)
            abort();
    }
    return 0;
}
