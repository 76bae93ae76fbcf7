/*
 * handshake.c - the pure layer of the WebSocket opening handshake
 * (RFC 6455 section 4): request validation, accept key, response and
 * request building, response validation. Nothing here allocates.
 *
 * SPDX-License-Identifier: MIT
 */
#include "handshake/internal.h"

#include "hooksock/crypto.h"

/* Field names used below, with their lengths. */
#define HS_F(s) s, (sizeof(s) - 1)

/* ---- keys ---------------------------------------------------------------- */

/* Strict check that key is the base64 of exactly 16 bytes (RFC 6455 section
 * 4.1 item 7, section 4.2.1 item 5). */
HK_INTERNAL int hk__hs_key_valid(const char *key, size_t key_len)
{
    uint8_t raw[18];
    size_t n = 0;
    int rc;
    if (key == NULL || key_len != HK_WS_KEY_LEN)
        return 0;
    rc = hk_base64_decode(raw, sizeof raw, key, key_len, HK_BASE64_STD, &n);
    return rc == HK_OK && n == 16;
}

int hk_ws_accept_key(const char *key, size_t key_len, char out[HK_WS_ACCEPT_LEN])
{
    hk_sha1_ctx ctx;
    uint8_t digest[HK_SHA1_DIGEST_LEN];
    char tmp[HK_WS_ACCEPT_LEN];
    size_t n = 0;
    if (key == NULL || out == NULL)
        return HK_ERR_INVALID_ARG;
    if (!hk__hs_key_valid(key, key_len))
        return HK_ERR_HS_KEY;
    /* RFC 6455 section 4.2.2 item 5.4: base64(SHA-1(key || GUID)). */
    hk_sha1_init(&ctx);
    hk_sha1_update(&ctx, key, key_len);
    hk_sha1_update(&ctx, HK_WS_GUID, sizeof(HK_WS_GUID) - 1);
    hk_sha1_final(&ctx, digest);
    if (hk_base64_encode(tmp, sizeof tmp, digest, sizeof digest, HK_BASE64_STD, &n) != HK_OK ||
        n != HK_WS_ACCEPT_LEN)
        return HK_ERR_HS_KEY; /* cannot happen: 20 bytes are 28 characters */
    memcpy(out, tmp, sizeof tmp);
    return HK_OK;
}

int hk_ws_client_key(hk_random_fn random, void *random_user, char out[HK_WS_KEY_LEN])
{
    uint8_t nonce[16];
    char tmp[HK_WS_KEY_LEN];
    size_t n = 0;
    int rc;
    if (out == NULL)
        return HK_ERR_INVALID_ARG;
    if (random == NULL)
        random = hk_random_default;
    rc = random(random_user, nonce, sizeof nonce);
    if (rc != HK_OK)
        return rc < 0 ? rc : HK_ERR_RANDOM;
    rc = hk_base64_encode(tmp, sizeof tmp, nonce, sizeof nonce, HK_BASE64_STD, &n);
    hk_wipe(nonce, sizeof nonce);
    if (rc != HK_OK || n != HK_WS_KEY_LEN)
        return HK_ERR_RANDOM;
    memcpy(out, tmp, sizeof tmp);
    return HK_OK;
}

/* ---- list helpers ---------------------------------------------------------- */

/*
 * Walk a token list (one value, or every field of a name when headers is
 * not NULL) and count its elements; HK_ERR_HTTP_LIST if an element is not
 * a token. If `dup_check`, a repeated element is an error as well (RFC 6455
 * section 4.1 item 10: subprotocol values must be unique).
 */
HK_INTERNAL hk_ssize hk__hs_token_list_count(const char *value, size_t len,
                                             const hk_http_header *headers, size_t n,
                                             const char *name, size_t name_len, int dup_check)
{
    hk_http_list_iter it;
    const char *tok;
    size_t tok_len;
    hk_ssize count = 0;
    int r;
    if (headers != NULL)
        hk_http_list_init_headers(&it, headers, n, name, name_len);
    else
        hk_http_list_init(&it, value, len);
    while ((r = hk_http_list_next_token(&it, &tok, &tok_len)) == 1) {
        if (dup_check) {
            hk_http_list_iter it2;
            const char *t2;
            size_t t2_len;
            hk_ssize seen = 0;
            /* quadratic, but the element count is bounded by the head limits */
            if (headers != NULL)
                hk_http_list_init_headers(&it2, headers, n, name, name_len);
            else
                hk_http_list_init(&it2, value, len);
            while (seen < count && hk_http_list_next_token(&it2, &t2, &t2_len) == 1) {
                if (t2_len == tok_len && memcmp(t2, tok, tok_len) == 0)
                    return HK_ERR_HTTP_LIST;
                seen++;
            }
        }
        count++;
    }
    return r < 0 ? r : count;
}

/* Whether the token list value[0..len) (or every field `name`) contains
 * tok[0..tok_len), case-sensitively. 1, 0, or HK_ERR_HTTP_LIST. */
HK_INTERNAL int hk__hs_token_list_has(const char *value, size_t len, const hk_http_header *headers,
                                      size_t n, const char *name, size_t name_len,
                                      const char *tok, size_t tok_len)
{
    hk_http_list_iter it;
    const char *t;
    size_t t_len;
    int r;
    if (headers != NULL)
        hk_http_list_init_headers(&it, headers, n, name, name_len);
    else
        hk_http_list_init(&it, value, len);
    while ((r = hk_http_list_next_token(&it, &t, &t_len)) == 1)
        if (t_len == tok_len && memcmp(t, tok, tok_len) == 0)
            return 1;
    return r < 0 ? r : 0;
}

/*
 * Validate an extension list (RFC 6455 section 9.1):
 *   1#extension; extension = name *( ";" param ); param = token [ "=" value ]
 * The value may be a token or a quoted-string whose content is a token.
 * Returns the number of extensions or HK_ERR_HTTP_LIST.
 */
HK_INTERNAL hk_ssize hk__hs_ext_list_count(const char *value, size_t len,
                                           const hk_http_header *headers, size_t n)
{
    hk_http_list_iter it;
    const char *elem;
    size_t elem_len;
    hk_ssize count = 0;
    int r;
    if (headers != NULL)
        hk_http_list_init_headers(&it, headers, n, HS_F("Sec-WebSocket-Extensions"));
    else
        hk_http_list_init(&it, value, len);
    while ((r = hk_http_list_next(&it, &elem, &elem_len)) == 1) {
        hk_http_param_iter pit;
        const char *nm, *val;
        size_t nm_len, val_len;
        int quoted = 0, pr;
        if (hk_http_param_init(&pit, elem, elem_len, &nm, &nm_len) != HK_OK)
            return HK_ERR_HTTP_LIST;
        while ((pr = hk_http_param_next(&pit, &nm, &nm_len, &val, &val_len, &quoted)) == 1) {
        }
        if (pr < 0)
            return HK_ERR_HTTP_LIST;
        count++;
    }
    return r < 0 ? HK_ERR_HTTP_LIST : count;
}

/* The name of extension list element elem (leading token). */
HK_INTERNAL int hk__hs_ext_name(const char *elem, size_t elem_len, const char **name,
                                size_t *name_len)
{
    hk_http_param_iter pit;
    return hk_http_param_init(&pit, elem, elem_len, name, name_len);
}

/* Fields a caller may not add: the handshake writes them itself, or they
 * would change the framing of the stream. */
static int hs_reserved_field(const char *name, size_t len)
{
    static const char *const names[] = {"Host", "Upgrade", "Connection", "Content-Length",
                                        "Transfer-Encoding"};
    size_t i;
    if (name == NULL)
        return 1;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (hk_http_token_eq(name, len, names[i], strlen(names[i])))
            return 1;
    return len >= 14 && hk_http_token_eq(name, 14, "Sec-WebSocket-", 14);
}

static int hs_headers_ok(const hk_http_header *h, size_t n)
{
    size_t i;
    if (h == NULL && n > 0)
        return 0;
    for (i = 0; i < n; i++)
        if (hs_reserved_field(h[i].name, h[i].name_len) || (h[i].value == NULL && h[i].value_len))
            return 0;
    return 1;
}

/* First field named name: its value, or NULL. */
static const char *hs_field(const hk_http_message *m, const char *name, size_t name_len,
                            size_t *len)
{
    hk_ssize i = hk_http_header_find(m->headers, m->num_headers, name, name_len, 0);
    if (i < 0) {
        *len = 0;
        return NULL;
    }
    *len = m->headers[i].value_len;
    return m->headers[i].value;
}

/* ---- server -------------------------------------------------------------- */

int hk_ws_server_check(const hk_http_message *m, hk_ws_request *out)
{
    const hk_http_header *h;
    size_t n, vlen;
    const char *v;
    hk_ssize cnt;
    int r;
    if (m == NULL || out == NULL || out->size < sizeof(hk_ws_request) ||
        m->size < sizeof(hk_http_message) || m->kind != HK_HTTP_REQUEST ||
        (m->headers == NULL && m->num_headers > 0))
        return HK_ERR_INVALID_ARG;
    h = m->headers;
    n = m->num_headers;
    memset((char *)out + sizeof out->size, 0, sizeof *out - sizeof out->size);
    out->msg = m;
    out->target = m->target;
    out->target_len = m->target_len;

    /* section 4.2.1 item 1: "An HTTP/1.1 or higher GET request" */
    if (m->method_len != 3 || memcmp(m->method, "GET", 3) != 0)
        return HK_ERR_HS_METHOD;
    if (m->version_minor < 1)
        return HK_ERR_HS_HTTP_VERSION;
    /* item 2: Host (RFC 9112 section 3.2: exactly one) */
    if (hk_http_header_count(h, n, HS_F("Host")) != 1)
        return HK_ERR_HS_HOST;
    out->host = hs_field(m, HS_F("Host"), &out->host_len);
    /* The bytes after the head are WebSocket frames: a body would be read
     * as frames by us and as a body by any intermediary (smuggling). */
    if ((m->flags & HK_HTTP_MSG_HAS_TRANSFER_ENCODING) || m->content_length != 0 ||
        (m->body_kind != HK_HTTP_BODY_NONE && m->body_kind != HK_HTTP_BODY_LENGTH))
        return HK_ERR_HS_BODY;
    if (hk_http_header_count(h, n, HS_F("Upgrade")) > 1 ||
        hk_http_header_count(h, n, HS_F("Sec-WebSocket-Key")) > 1 ||
        hk_http_header_count(h, n, HS_F("Sec-WebSocket-Version")) > 1)
        return HK_ERR_HS_DUPLICATE_HEADER;
    /* item 3: Upgrade contains "websocket" (ASCII case-insensitive) */
    r = hk_http_list_has_token(h, n, HS_F("Upgrade"), HS_F("websocket"));
    if (r != 1)
        return HK_ERR_HS_UPGRADE;
    /* item 4: Connection includes "Upgrade" (case-insensitive, a list) */
    r = hk_http_list_has_token(h, n, HS_F("Connection"), HS_F("upgrade"));
    if (r != 1)
        return HK_ERR_HS_CONNECTION;
    /* item 6: Sec-WebSocket-Version 13 (section 4.4 for other values) */
    v = hs_field(m, HS_F("Sec-WebSocket-Version"), &vlen);
    if (v == NULL || vlen != 2 || memcmp(v, "13", 2) != 0)
        return HK_ERR_HS_WS_VERSION;
    /* item 5: a key that decodes to 16 bytes */
    out->key = hs_field(m, HS_F("Sec-WebSocket-Key"), &out->key_len);
    if (!hk__hs_key_valid(out->key, out->key_len))
        return HK_ERR_HS_KEY;
    /* item 8 (optional): Origin */
    out->origin = hs_field(m, HS_F("Origin"), &out->origin_len);
    /* item 9: subprotocols, a token list (possibly over several fields) */
    cnt = hk__hs_token_list_count(NULL, 0, h, n, HS_F("Sec-WebSocket-Protocol"), 0);
    if (cnt < 0)
        return HK_ERR_HS_PROTOCOL;
    if (cnt == 0 && hk_http_header_count(h, n, HS_F("Sec-WebSocket-Protocol")) > 0)
        return HK_ERR_HS_PROTOCOL; /* present but empty: 1#token */
    out->num_protocols = (size_t)cnt;
    out->protocols = hs_field(m, HS_F("Sec-WebSocket-Protocol"), &out->protocols_len);
    /* item 10: extensions, section 9.1 syntax */
    cnt = hk__hs_ext_list_count(NULL, 0, h, n);
    if (cnt < 0)
        return HK_ERR_HS_EXTENSION;
    out->num_extensions = (size_t)cnt;
    return HK_OK;
}

int hk_ws_handshake_status(int err)
{
    switch (err) {
    case HK_ERR_HS_WS_VERSION:
        return 426;
    case HK_ERR_HS_METHOD:
        return 405;
    case HK_ERR_HTTP_VERSION:
        return 505;
    case HK_ERR_HTTP_LINE_TOO_LONG:
        return 414;
    case HK_ERR_HTTP_HEADERS_TOO_LARGE:
    case HK_ERR_HTTP_TOO_MANY_HEADERS:
        return 431;
    case HK_ERR_HS_REJECTED:
        return 403;
    case HK_ERR_NOMEM:
    case HK_ERR_CALLBACK:
        return 500;
    default:
        return 400;
    }
}

int hk_ws_request_offers_protocol(const hk_http_message *msg, const char *protocol, size_t len)
{
    int r;
    if (msg == NULL || protocol == NULL)
        return HK_ERR_INVALID_ARG;
    r = hk__hs_token_list_has(NULL, 0, msg->headers, msg->num_headers,
                              HS_F("Sec-WebSocket-Protocol"), protocol, len);
    return r < 0 ? HK_ERR_HS_PROTOCOL : r;
}

int hk_ws_select_protocol(const hk_http_message *msg, const char *prefs, size_t prefs_len,
                          const char **protocol, size_t *protocol_len)
{
    hk_http_list_iter it;
    const char *t;
    size_t t_len;
    int r;
    if (msg == NULL || protocol == NULL || protocol_len == NULL || (prefs == NULL && prefs_len))
        return HK_ERR_INVALID_ARG;
    *protocol = NULL;
    *protocol_len = 0;
    if (hk__hs_token_list_count(prefs, prefs_len, NULL, 0, NULL, 0, 0) < 0)
        return HK_ERR_INVALID_ARG;
    hk_http_list_init(&it, prefs, prefs_len);
    while ((r = hk_http_list_next_token(&it, &t, &t_len)) == 1) {
        int has = hk_ws_request_offers_protocol(msg, t, t_len);
        if (has < 0)
            return has;
        if (has == 1) {
            *protocol = t;
            *protocol_len = t_len;
            return HK_OK;
        }
    }
    return r < 0 ? HK_ERR_INVALID_ARG : HK_OK;
}

/* Finish a buffer-mode builder into *len. */
static int hs_finish(hk_http_builder *b, int rc, size_t *len)
{
    size_t n = 0;
    int fr = hk_http_builder_finish(b, &n);
    if (rc != HK_OK && rc != HK_ERR_BUFFER_TOO_SMALL)
        return rc;
    *len = n;
    return fr;
}

int hk_ws_server_build_accept(const hk_ws_accept_spec *spec, char *buf, size_t cap, size_t *len)
{
    hk_http_builder b;
    char accept[HK_WS_ACCEPT_LEN];
    size_t i;
    int rc;
    if (spec == NULL || len == NULL || spec->size < sizeof(hk_ws_accept_spec) ||
        (buf == NULL && cap > 0) || !hs_headers_ok(spec->headers, spec->num_headers) ||
        (spec->protocol == NULL && spec->protocol_len) ||
        (spec->extensions == NULL && spec->extensions_len))
        return HK_ERR_INVALID_ARG;
    rc = hk_ws_accept_key(spec->key, spec->key_len, accept);
    if (rc != HK_OK)
        return rc == HK_ERR_INVALID_ARG ? HK_ERR_HS_KEY : rc;
    /* The subprotocol is one token (section 4.2.2 item 5.3). */
    if (spec->protocol != NULL &&
        hk__hs_token_list_count(spec->protocol, spec->protocol_len, NULL, 0, NULL, 0, 0) != 1)
        return HK_ERR_INVALID_ARG;
    hk_http_builder_init(&b, buf, cap);
    rc = hk_http_builder_status_line(&b, 101, NULL, 0);
    if (rc == HK_OK)
        rc = hk_http_builder_header(&b, HS_F("Upgrade"), HS_F("websocket"));
    if (rc == HK_OK)
        rc = hk_http_builder_header(&b, HS_F("Connection"), HS_F("Upgrade"));
    if (rc == HK_OK)
        rc = hk_http_builder_header(&b, HS_F("Sec-WebSocket-Accept"), accept, sizeof accept);
    if (rc == HK_OK && spec->protocol != NULL && spec->protocol_len)
        rc = hk_http_builder_header(&b, HS_F("Sec-WebSocket-Protocol"), spec->protocol,
                                    spec->protocol_len);
    if (rc == HK_OK && spec->extensions != NULL && spec->extensions_len)
        rc = hk_http_builder_header(&b, HS_F("Sec-WebSocket-Extensions"), spec->extensions,
                                    spec->extensions_len);
    for (i = 0; rc == HK_OK && i < spec->num_headers; i++)
        rc = hk_http_builder_header(&b, spec->headers[i].name, spec->headers[i].name_len,
                                    spec->headers[i].value, spec->headers[i].value_len);
    if (rc == HK_OK)
        rc = hk_http_builder_end_head(&b);
    return hs_finish(&b, rc, len);
}

int hk_ws_server_build_reject(int status, const char *body, size_t body_len,
                              const hk_http_header *headers, size_t num_headers, char *buf,
                              size_t cap, size_t *len)
{
    hk_http_builder b;
    size_t i;
    int rc;
    if (len == NULL || status < 400 || status > 599 || (body == NULL && body_len) ||
        (buf == NULL && cap > 0) || (headers == NULL && num_headers))
        return HK_ERR_INVALID_ARG;
    hk_http_builder_init(&b, buf, cap);
    rc = hk_http_builder_status_line(&b, status, NULL, 0);
    if (rc == HK_OK)
        rc = hk_http_builder_header(&b, HS_F("Connection"), HS_F("close"));
    if (rc == HK_OK && status == 426) /* RFC 6455 section 4.4 */
        rc = hk_http_builder_header(&b, HS_F("Sec-WebSocket-Version"), HS_F("13"));
    if (rc == HK_OK && status == 405) /* RFC 9110 section 15.5.6 */
        rc = hk_http_builder_header(&b, HS_F("Allow"), HS_F("GET"));
    if (rc == HK_OK)
        rc = hk_http_builder_header(&b, HS_F("Content-Type"), HS_F("text/plain; charset=utf-8"));
    for (i = 0; rc == HK_OK && i < num_headers; i++)
        rc = hk_http_builder_header(&b, headers[i].name, headers[i].name_len, headers[i].value,
                                    headers[i].value_len);
    if (rc == HK_OK)
        rc = hk_http_builder_body(&b, body, body_len);
    return hs_finish(&b, rc, len);
}

/* ---- client -------------------------------------------------------------- */

static int hs_spec_ok(const hk_ws_client_spec *spec)
{
    return spec != NULL && spec->size >= sizeof(hk_ws_client_spec) &&
           !(spec->protocols == NULL && spec->protocols_len) &&
           !(spec->extensions == NULL && spec->extensions_len) &&
           !(spec->origin == NULL && spec->origin_len);
}

int hk_ws_client_build_request(const hk_ws_client_spec *spec, char *buf, size_t cap, size_t *len)
{
    hk_http_url url;
    hk_http_builder b;
    char host[300];
    size_t host_len = 0, i;
    int rc;
    if (!hs_spec_ok(spec) || len == NULL || (buf == NULL && cap > 0) || spec->url == NULL ||
        !hs_headers_ok(spec->headers, spec->num_headers))
        return HK_ERR_INVALID_ARG;
    url.size = sizeof url;
    if (hk_http_parse_url(spec->url, spec->url_len, &url) != HK_OK ||
        (url.scheme != HK_HTTP_SCHEME_WS && url.scheme != HK_HTTP_SCHEME_WSS))
        return HK_ERR_HS_URL;
    if (hk_http_url_host_header(&url, host, sizeof host, &host_len) != HK_OK)
        return HK_ERR_HS_URL;
    if (!hk__hs_key_valid(spec->key, spec->key_len))
        return HK_ERR_HS_KEY;
    if (spec->protocols != NULL &&
        hk__hs_token_list_count(spec->protocols, spec->protocols_len, NULL, 0, NULL, 0, 1) <= 0)
        return HK_ERR_HS_PROTOCOL;
    if (spec->extensions != NULL &&
        hk__hs_ext_list_count(spec->extensions, spec->extensions_len, NULL, 0) <= 0)
        return HK_ERR_HS_EXTENSION;
    hk_http_builder_init(&b, buf, cap);
    rc = hk_http_builder_request_line(&b, HS_F("GET"), url.path, url.path_len, host, host_len);
    if (rc == HK_OK)
        rc = hk_http_builder_header(&b, HS_F("Upgrade"), HS_F("websocket"));
    if (rc == HK_OK)
        rc = hk_http_builder_header(&b, HS_F("Connection"), HS_F("Upgrade"));
    if (rc == HK_OK)
        rc = hk_http_builder_header(&b, HS_F("Sec-WebSocket-Key"), spec->key, spec->key_len);
    if (rc == HK_OK)
        rc = hk_http_builder_header(&b, HS_F("Sec-WebSocket-Version"), HS_F("13"));
    if (rc == HK_OK && spec->protocols != NULL)
        rc = hk_http_builder_header(&b, HS_F("Sec-WebSocket-Protocol"), spec->protocols,
                                    spec->protocols_len);
    if (rc == HK_OK && spec->extensions != NULL)
        rc = hk_http_builder_header(&b, HS_F("Sec-WebSocket-Extensions"), spec->extensions,
                                    spec->extensions_len);
    if (rc == HK_OK && spec->origin != NULL)
        rc = hk_http_builder_header(&b, HS_F("Origin"), spec->origin, spec->origin_len);
    for (i = 0; rc == HK_OK && i < spec->num_headers; i++)
        rc = hk_http_builder_header(&b, spec->headers[i].name, spec->headers[i].name_len,
                                    spec->headers[i].value, spec->headers[i].value_len);
    if (rc == HK_OK)
        rc = hk_http_builder_end_head(&b);
    return hs_finish(&b, rc, len);
}

int hk_ws_client_check(const hk_ws_client_spec *spec, const hk_http_message *m,
                       hk_ws_client_result *out)
{
    const hk_http_header *h;
    size_t n, vlen;
    const char *v;
    char expect[HK_WS_ACCEPT_LEN];
    hk_http_list_iter it;
    const char *elem;
    size_t elem_len;
    int r;
    if (!hs_spec_ok(spec) || m == NULL || out == NULL || out->size < sizeof(hk_ws_client_result) ||
        m->size < sizeof(hk_http_message) || m->kind != HK_HTTP_RESPONSE ||
        (m->headers == NULL && m->num_headers > 0))
        return HK_ERR_INVALID_ARG;
    h = m->headers;
    n = m->num_headers;
    memset((char *)out + sizeof out->size, 0, sizeof *out - sizeof out->size);
    if (hk_ws_accept_key(spec->key, spec->key_len, expect) != HK_OK)
        return HK_ERR_HS_KEY;
    /* section 4.1, client item 1: 101 */
    if (m->status != 101)
        return HK_ERR_HS_STATUS;
    if (hk_http_header_count(h, n, HS_F("Upgrade")) > 1 ||
        hk_http_header_count(h, n, HS_F("Sec-WebSocket-Accept")) > 1 ||
        hk_http_header_count(h, n, HS_F("Sec-WebSocket-Protocol")) > 1)
        return HK_ERR_HS_DUPLICATE_HEADER;
    /* item 2: Upgrade is "websocket", ASCII case-insensitive */
    v = hs_field(m, HS_F("Upgrade"), &vlen);
    if (v == NULL || !hk_http_token_eq(v, vlen, HS_F("websocket")))
        return HK_ERR_HS_UPGRADE;
    /* item 3: Connection lists "Upgrade" */
    if (hk_http_list_has_token(h, n, HS_F("Connection"), HS_F("upgrade")) != 1)
        return HK_ERR_HS_CONNECTION;
    /* item 4: the exact accept value */
    v = hs_field(m, HS_F("Sec-WebSocket-Accept"), &vlen);
    if (v == NULL || vlen != HK_WS_ACCEPT_LEN || !hk_ct_equal(v, expect, HK_WS_ACCEPT_LEN))
        return HK_ERR_HS_ACCEPT;
    /* item 6: a subprotocol only if offered; exactly one token */
    v = hs_field(m, HS_F("Sec-WebSocket-Protocol"), &vlen);
    if (v != NULL) {
        if (spec->protocols == NULL ||
            hk__hs_token_list_count(v, vlen, NULL, 0, NULL, 0, 0) != 1 ||
            hk__hs_token_list_has(spec->protocols, spec->protocols_len, NULL, 0, NULL, 0, v,
                                  vlen) != 1)
            return HK_ERR_HS_PROTOCOL;
        out->protocol = v;
        out->protocol_len = vlen;
    }
    /* item 5: only extensions that were offered, each at most once */
    if (hk__hs_ext_list_count(NULL, 0, h, n) < 0)
        return HK_ERR_HS_EXTENSION;
    hk_http_list_init_headers(&it, h, n, HS_F("Sec-WebSocket-Extensions"));
    while ((r = hk_http_list_next(&it, &elem, &elem_len)) == 1) {
        const char *nm;
        size_t nm_len;
        hk_http_list_iter oit;
        const char *oelem;
        size_t oelem_len;
        int found = 0;
        if (hk__hs_ext_name(elem, elem_len, &nm, &nm_len) != HK_OK || spec->extensions == NULL)
            return HK_ERR_HS_EXTENSION;
        hk_http_list_init(&oit, spec->extensions, spec->extensions_len);
        while (!found && hk_http_list_next(&oit, &oelem, &oelem_len) == 1) {
            const char *on;
            size_t on_len;
            if (hk__hs_ext_name(oelem, oelem_len, &on, &on_len) == HK_OK &&
                hk_http_token_eq(on, on_len, nm, nm_len))
                found = 1;
        }
        if (!found)
            return HK_ERR_HS_EXTENSION;
    }
    if (r < 0)
        return HK_ERR_HS_EXTENSION;
    out->extensions = hs_field(m, HS_F("Sec-WebSocket-Extensions"), &out->extensions_len);
    return HK_OK;
}

#undef HS_F
