/*
 * Fuzz target: the client's validation of the server's response.
 *
 * Input layout: byte 0 = options (bit 0: offer subprotocols "chat,
 * superchat"; bit 1: offer the extension "permessage-deflate"), byte 1 =
 * piece-size seed, rest = what the server sends (the response and possibly
 * frames after it).
 *
 * Pure layer: hk_ws_client_check() over the parsed head, with the key
 * dGhlIHNhbXBsZSBub25jZQ== (RFC 6455 section 1.3); on success the selected
 * subprotocol must be one offered, and a response accepted by it must carry
 * status 101 and the exact accept value.
 * Session: a client session whose random source yields that same key, fed
 * in pieces; it opens only if the pure layer accepted the response (and no
 * extension was accepted); no leak; every error a known code.
 */
#include "fuzz_hs_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_KEY "dGhlIHNhbXBsZSBub25jZQ=="
#define FZ_ACCEPT "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hk_http_header hdrs[100];
    hk_http_message msg;
    hk_ws_client_spec spec;
    hk_ws_client_result res;
    hk_ssize n;
    int pure = 1; /* 1 = head incomplete */
    int has_ext = 0;
    uint8_t opts, seed;

    if (size < 2)
        return 0;
    opts = data[0];
    seed = data[1];
    data += 2;
    size -= 2;

    memset(&spec, 0, sizeof spec);
    spec.size = sizeof spec;
    spec.url = "ws://example.com/chat";
    spec.url_len = strlen(spec.url);
    spec.key = FZ_KEY;
    spec.key_len = 24;
    if (opts & 1) {
        spec.protocols = "chat, superchat";
        spec.protocols_len = 15;
    }
    if (opts & 2) {
        spec.extensions = "permessage-deflate";
        spec.extensions_len = 18;
    }
    msg.size = sizeof msg;
    n = hk_http_parse_response((const char *)data, size, "GET", 3, hdrs, 100, &msg);
    if (n > 0) {
        res.size = sizeof res;
        pure = hk_ws_client_check(&spec, &msg, &res);
        if (!fzh_known_error(pure))
            abort();
        if (pure == HK_OK) {
            hk_ssize i = hk_http_header_find(hdrs, msg.num_headers, "Sec-WebSocket-Accept", 20, 0);
            if (msg.status != 101 || i < 0 || hdrs[i].value_len != 28 ||
                memcmp(hdrs[i].value, FZ_ACCEPT, 28) != 0)
                abort();
            if (res.protocol != NULL &&
                !((res.protocol_len == 4 && memcmp(res.protocol, "chat", 4) == 0) ||
                  (res.protocol_len == 9 && memcmp(res.protocol, "superchat", 9) == 0)))
                abort();
            if (res.protocol != NULL && !(opts & 1))
                abort();
            if (res.extensions != NULL && !(opts & 2))
                abort();
            has_ext = hk_http_header_count(hdrs, msg.num_headers, "Sec-WebSocket-Extensions",
                                           24) > 0;
        }
    } else if (n != HK_ERR_NEED_MORE && !fzh_known_error((int)n)) {
        abort();
    }

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
        ws.random = fzh_rand;
        ws.max_message_size = 1 << 16;
        hk_ws_session_config_default(&sc);
        sc.role = HK_WS_ROLE_CLIENT;
        sc.ws = &ws;
        sc.url = spec.url;
        sc.url_len = spec.url_len;
        sc.protocols = spec.protocols;
        sc.protocols_len = spec.protocols_len;
        sc.extensions = spec.extensions;
        sc.extensions_len = spec.extensions_len;
        if (hk_ws_session_create(&s, &sc) != HK_OK)
            abort();
        rc = fzh_feed(s, data, size, seed);
        (void)rc;
        /* the session opens exactly when the pure layer accepts (and the
         * engine can take it: no extension) */
        if (hk_ws_session_conn(s) != NULL && !(pure == HK_OK && !has_ext))
            abort();
        if (n > 0 && pure == HK_OK && !has_ext && hk_ws_session_conn(s) == NULL &&
            hk_ws_session_error(s) == HK_OK)
            abort();
        hk_ws_session_tick(s, 0, NULL);
        hk_ws_session_destroy(s);
        if (st.live != 0)
            abort();
    }
    return 0;
}

#undef FZ_KEY
#undef FZ_ACCEPT
