/*
 * delivery.c - sans-IO webhook delivery: one message, one endpoint, every
 * attempt. Builds each attempt's signed POST with the HTTP builder, reads the
 * response head with the HTTP parser, classifies it and schedules the next
 * attempt. Owns no socket and no timer; allocates only through its
 * hk_allocator.
 *
 * Retry policy: the default schedule is Svix's published one (immediately,
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; docs.svix.com "Retries"), with
 * +-20 % jitter. 410 Gone stops delivery; 429, 502, 503 and 504 slow down
 * and honour Retry-After (RFC 9110 section 10.2.3).
 *
 * SPDX-License-Identifier: MIT
 */
#include "webhook/internal.h"

#define DL_MAX_KEYS 16u
#define DL_MAX_RESPONSE_HEADERS 64u
#define DL_USER_AGENT "hooksock/" HK_VERSION_STRING

static const uint32_t wh_dl_default_schedule[HK_WH_SCHEDULE_DEFAULT_LEN] = {
    0u, 5000u, 300000u, 1800000u, 7200000u, 18000000u, 36000000u, 36000000u,
};

struct hk_wh_delivery {
    hk_allocator alloc;
    hk_random_fn random;
    void *random_user;
    uint32_t jitter;
    uint32_t max_retry_after;
    uint32_t schedule[HK_WH_SCHEDULE_MAX_LEN];
    size_t schedule_len;

    /* one block: keys, extra fields, then the strings */
    void *block;
    size_t block_size;
    hk_wh_key *keys;
    size_t nkeys;
    hk_http_header *extra;
    size_t nextra;
    char *url;
    size_t url_len;
    hk_http_url purl;
    char *host;     /* Host field value */
    size_t host_len;
    char *body;
    size_t body_len;
    const char *ctype;
    size_t ctype_len;
    int extra_has_ctype;
    int extra_has_ua;
    char id[HK_WH_ID_MAX + 1];
    size_t id_len;

    char *req;
    size_t req_cap;
    size_t req_len;

    int state;
    int running;
    int concluded; /* the last attempt has an outcome */
    unsigned attempts;
    int status;
    int last_error;
    int64_t retry_after;
    int64_t next_ms;

    hk_http_parser parser;
    size_t head_len;
    hk_http_header rh[DL_MAX_RESPONSE_HEADERS];
    char head[HK_WH_MAX_RESPONSE_HEAD];
};

HK_API int hk_wh_classify(int status)
{
    if (status >= 200 && status <= 299)
        return HK_WH_CLASS_DELIVERED;
    if (status == 410)
        return HK_WH_CLASS_GONE;
    if (status == 429 || status == 502 || status == 503 || status == 504)
        return HK_WH_CLASS_SLOW_DOWN;
    return HK_WH_CLASS_RETRY;
}

HK_API void hk_wh_delivery_config_init(hk_wh_delivery_config *cfg)
{
    if (cfg == NULL)
        return;
    memset(cfg, 0, sizeof *cfg);
    cfg->size = sizeof *cfg;
    cfg->jitter_percent = HK_WH_JITTER_DEFAULT;
    cfg->max_retry_after = HK_WH_MAX_RETRY_AFTER_DEFAULT;
}

static int wh_dl_name_is(const hk_http_header *h, const char *name)
{
    return hk_http_token_eq(h->name, h->name_len, name, strlen(name));
}

/* Grow *total by n bytes, aligned to `align`; 1 on overflow. */
static int wh_dl_reserve(size_t *total, size_t n, size_t align)
{
    size_t t = *total;
    if (align > 1 && t % align != 0) {
        if (hk__add_overflow(t, align - t % align, &t))
            return 1;
    }
    if (hk__add_overflow(t, n, &t))
        return 1;
    *total = t;
    return 0;
}

/* Build the request of one attempt into buf (or measure with cap 0). */
static int wh_dl_build(const hk_wh_delivery *d, int64_t ts, char *buf, size_t cap, size_t *len)
{
    hk_http_builder b;
    char sig[HK_WH_SIGNATURE_CAP(DL_MAX_KEYS)];
    char tsbuf[20];
    size_t sig_len = 0, ts_len, i;
    int rc;
    rc = hk_wh_sign(sig, sizeof sig, &sig_len, d->keys, d->nkeys, d->id, d->id_len, ts, d->body,
                    d->body_len);
    if (rc != HK_OK)
        return rc;
    ts_len = hk__wh_format_u64(tsbuf, (uint64_t)ts);
    hk_http_builder_init(&b, buf, cap);
    hk_http_builder_request_line(&b, "POST", 4, d->purl.path, d->purl.path_len, d->host,
                                 d->host_len);
    if (!d->extra_has_ctype)
        hk_http_builder_header(&b, "Content-Type", 12, d->ctype, d->ctype_len);
    if (!d->extra_has_ua)
        hk_http_builder_header(&b, "User-Agent", 10, DL_USER_AGENT, strlen(DL_USER_AGENT));
    hk_http_builder_header(&b, "webhook-id", 10, d->id, d->id_len);
    hk_http_builder_header(&b, "webhook-timestamp", 17, tsbuf, ts_len);
    hk_http_builder_header(&b, "webhook-signature", 17, sig, sig_len);
    for (i = 0; i < d->nextra; i++)
        hk_http_builder_header(&b, d->extra[i].name, d->extra[i].name_len, d->extra[i].value,
                               d->extra[i].value_len);
    hk_http_builder_body(&b, d->body, d->body_len);
    return hk_http_builder_finish(&b, len);
}

static void wh_dl_free(hk_wh_delivery *d)
{
    hk_allocator a = d->alloc;
    if (d->block != NULL) {
        hk_wipe(d->block, d->block_size);
        hk__free(&a, d->block, d->block_size);
    }
    if (d->req != NULL) {
        hk_wipe(d->req, d->req_cap);
        hk__free(&a, d->req, d->req_cap);
    }
    hk_wipe(d, sizeof *d);
    hk__free(&a, d, sizeof *d);
}

HK_API int hk_wh_delivery_create(hk_wh_delivery **out, const hk_wh_delivery_config *cfg,
                                 const char *url, size_t url_len, const hk_wh_key *keys,
                                 size_t nkeys, const char *id, size_t id_len, const void *body,
                                 size_t body_len, const hk_http_header *extra, size_t nextra,
                                 int64_t now_ms)
{
    hk_wh_delivery_config defcfg;
    hk_allocator alloc;
    hk_wh_delivery *d;
    hk_http_url purl;
    size_t total = 0, off_extra, off_url, off_host, off_body, off_strings, host_len = 0, i;
    size_t strings = 0, need = 0;
    char *p;
    int rc;

    if (out == NULL)
        return HK_ERR_INVALID_ARG;
    *out = NULL;
    if (cfg == NULL) {
        hk_wh_delivery_config_init(&defcfg);
        cfg = &defcfg;
    }
    if (cfg->size < sizeof(hk_wh_delivery_config) || url == NULL || keys == NULL ||
        nkeys == 0 || (body == NULL && body_len > 0) || (extra == NULL && nextra > 0) ||
        cfg->jitter_percent > 100 || now_ms < 0 ||
        (cfg->schedule_ms != NULL &&
         (cfg->schedule_len == 0 || cfg->schedule_len > HK_WH_SCHEDULE_MAX_LEN)))
        return HK_ERR_INVALID_ARG;
    if (nkeys > DL_MAX_KEYS)
        return HK_ERR_LIMIT;
    for (i = 0; i < nkeys; i++) {
        int kind = hk__wh_key_kind(&keys[i]);
        if (kind == 0)
            return HK_ERR_WH_SECRET;
        if (kind == HK_WH_KEY_ED25519_PUBLIC)
            return HK_ERR_WH_KEY_TYPE; /* a public key cannot sign */
    }
    if (id != NULL && !hk__wh_id_ok(id, id_len))
        return HK_ERR_WH_ID;
    memset(&purl, 0, sizeof purl);
    purl.size = sizeof purl;
    rc = hk_http_parse_url(url, url_len, &purl);
    if (rc != HK_OK)
        return rc;
    if (purl.scheme != HK_HTTP_SCHEME_HTTP && purl.scheme != HK_HTTP_SCHEME_HTTPS)
        return HK_ERR_HTTP_URL;
    (void)hk_http_url_host_header(&purl, NULL, 0, &host_len);
    for (i = 0; i < nextra; i++) {
        const hk_http_header *h = &extra[i];
        if (h->name == NULL || (h->value == NULL && h->value_len > 0))
            return HK_ERR_INVALID_ARG;
        if (wh_dl_name_is(h, "Host") || wh_dl_name_is(h, "Content-Length") ||
            wh_dl_name_is(h, "Transfer-Encoding") || wh_dl_name_is(h, "webhook-id") ||
            wh_dl_name_is(h, "webhook-timestamp") || wh_dl_name_is(h, "webhook-signature"))
            return HK_ERR_INVALID_ARG;
        if (hk__add_overflow(strings, h->name_len, &strings) ||
            hk__add_overflow(strings, h->value_len, &strings))
            return HK_ERR_OVERFLOW;
    }
    if (cfg->content_type != NULL && cfg->content_type_len > 0 &&
        hk__add_overflow(strings, cfg->content_type_len, &strings))
        return HK_ERR_OVERFLOW;

    /* layout of the block */
    if (wh_dl_reserve(&total, nkeys * sizeof(hk_wh_key), 16))
        return HK_ERR_OVERFLOW;
    off_extra = total;
    if (nextra > SIZE_MAX / sizeof(hk_http_header) ||
        wh_dl_reserve(&total, nextra * sizeof(hk_http_header), 16))
        return HK_ERR_OVERFLOW;
    off_url = total;
    off_host = off_url + url_len;
    if (wh_dl_reserve(&total, url_len, 1) || wh_dl_reserve(&total, host_len, 1))
        return HK_ERR_OVERFLOW;
    off_body = total;
    if (wh_dl_reserve(&total, body_len, 1))
        return HK_ERR_OVERFLOW;
    off_strings = total;
    if (wh_dl_reserve(&total, strings, 1) || wh_dl_reserve(&total, 1, 1))
        return HK_ERR_OVERFLOW;

    rc = hk__allocator_init(&alloc, cfg->allocator);
    if (rc != HK_OK)
        return rc;
    d = (hk_wh_delivery *)hk__malloc(&alloc, sizeof *d);
    if (d == NULL)
        return HK_ERR_NOMEM;
    memset(d, 0, sizeof *d);
    d->alloc = alloc;
    d->block = hk__malloc(&alloc, total);
    if (d->block == NULL) {
        wh_dl_free(d);
        return HK_ERR_NOMEM;
    }
    d->block_size = total;
    p = (char *)d->block;
    memset(p, 0, total);

    d->random = cfg->random != NULL ? cfg->random : hk_random_default;
    d->random_user = cfg->random_user;
    d->jitter = cfg->jitter_percent;
    d->max_retry_after = cfg->max_retry_after;
    if (cfg->schedule_ms != NULL) {
        memcpy(d->schedule, cfg->schedule_ms, cfg->schedule_len * sizeof(uint32_t));
        d->schedule_len = cfg->schedule_len;
    } else {
        memcpy(d->schedule, wh_dl_default_schedule, sizeof wh_dl_default_schedule);
        d->schedule_len = HK_WH_SCHEDULE_DEFAULT_LEN;
    }
    d->keys = (hk_wh_key *)(void *)p;
    memcpy(d->keys, keys, nkeys * sizeof(hk_wh_key));
    d->nkeys = nkeys;
    d->extra = (hk_http_header *)(void *)(p + off_extra);
    d->nextra = nextra;
    d->url = p + off_url;
    memcpy(d->url, url, url_len);
    d->url_len = url_len;
    /* re-parse the copy so every pointer of purl points into the block */
    memset(&d->purl, 0, sizeof d->purl);
    d->purl.size = sizeof d->purl;
    (void)hk_http_parse_url(d->url, d->url_len, &d->purl);
    d->host = p + off_host;
    (void)hk_http_url_host_header(&d->purl, d->host, host_len, &d->host_len);
    d->body = p + off_body;
    if (body_len > 0)
        memcpy(d->body, body, body_len);
    d->body_len = body_len;
    p += off_strings;
    for (i = 0; i < nextra; i++) {
        d->extra[i].name = p;
        d->extra[i].name_len = extra[i].name_len;
        memcpy(p, extra[i].name, extra[i].name_len);
        p += extra[i].name_len;
        d->extra[i].value = p;
        d->extra[i].value_len = extra[i].value_len;
        if (extra[i].value_len > 0)
            memcpy(p, extra[i].value, extra[i].value_len);
        p += extra[i].value_len;
        if (wh_dl_name_is(&extra[i], "Content-Type"))
            d->extra_has_ctype = 1;
        if (wh_dl_name_is(&extra[i], "User-Agent"))
            d->extra_has_ua = 1;
    }
    if (cfg->content_type != NULL && cfg->content_type_len > 0) {
        memcpy(p, cfg->content_type, cfg->content_type_len);
        d->ctype = p;
        d->ctype_len = cfg->content_type_len;
    } else {
        d->ctype = "application/json";
        d->ctype_len = 16;
    }

    if (id != NULL) {
        memcpy(d->id, id, id_len);
        d->id_len = id_len;
    } else {
        rc = hk_wh_generate_id(d->id, sizeof d->id, &d->id_len, d->random, d->random_user);
        if (rc != HK_OK) {
            wh_dl_free(d);
            return rc;
        }
    }
    d->id[d->id_len] = '\0';

    /* Size the request buffer for the longest timestamp and validate every
     * field once, so a bad extra field fails here and not on an attempt. */
    rc = wh_dl_build(d, INT64_MAX, NULL, 0, &need);
    if (rc != HK_OK && rc != HK_ERR_BUFFER_TOO_SMALL) {
        wh_dl_free(d);
        return rc;
    }
    d->req = (char *)hk__malloc(&alloc, need);
    if (d->req == NULL) {
        wh_dl_free(d);
        return HK_ERR_NOMEM;
    }
    d->req_cap = need;
    d->state = HK_WH_PENDING;
    d->next_ms = now_ms + (int64_t)d->schedule[0];
    d->retry_after = -1;
    *out = d;
    return HK_OK;
}

HK_API void hk_wh_delivery_destroy(hk_wh_delivery *d)
{
    if (d != NULL)
        wh_dl_free(d);
}

HK_API int hk_wh_delivery_endpoint(const hk_wh_delivery *d, const char **host, size_t *host_len,
                                   uint16_t *port, int *secure)
{
    if (d == NULL)
        return HK_ERR_INVALID_ARG;
    if (host != NULL)
        *host = d->purl.host;
    if (host_len != NULL)
        *host_len = d->purl.host_len;
    if (port != NULL)
        *port = d->purl.port;
    if (secure != NULL)
        *secure = d->purl.secure;
    return HK_OK;
}

HK_API const char *hk_wh_delivery_id(const hk_wh_delivery *d)
{
    return d != NULL ? d->id : NULL;
}

static int wh_dl_finished(const hk_wh_delivery *d)
{
    return d->state == HK_WH_DELIVERED || d->state == HK_WH_GONE || d->state == HK_WH_GIVE_UP;
}

HK_API int hk_wh_delivery_begin(hk_wh_delivery *d, int64_t now_ms, const uint8_t **req,
                                size_t *req_len)
{
    size_t len = 0;
    int rc;
    if (d == NULL || req == NULL || req_len == NULL || now_ms < 0)
        return HK_ERR_INVALID_ARG;
    if (wh_dl_finished(d))
        return HK_ERR_STATE;
    rc = wh_dl_build(d, now_ms / 1000, d->req, d->req_cap, &len);
    if (rc != HK_OK)
        return rc;
    d->req_len = len;
    d->attempts++;
    d->running = 1;
    d->concluded = 0;
    d->status = 0;
    d->last_error = HK_OK;
    d->retry_after = -1;
    d->head_len = 0;
    d->state = HK_WH_PENDING;
    hk_http_parser_init(&d->parser, HK_HTTP_RESPONSE, NULL);
    hk_http_parser_set_request_method(&d->parser, "POST", 4);
    *req = (const uint8_t *)d->req;
    *req_len = len;
    return HK_OK;
}

/* A uniform draw in delay +- jitter %. */
static uint64_t wh_dl_jitter(const hk_wh_delivery *d, uint32_t delay)
{
    uint64_t span, x;
    uint8_t r[8];
    if (delay == 0 || d->jitter == 0)
        return delay;
    span = (uint64_t)delay * d->jitter / 100u;
    if (span == 0 || d->random(d->random_user, r, sizeof r) != HK_OK)
        return delay;
    x = hk__load64_le(r);
    return (uint64_t)delay - span + x % (2u * span + 1u);
}

static int wh_dl_conclude(hk_wh_delivery *d, int cls, int64_t now_ms)
{
    d->running = 0;
    d->concluded = 1;
    if (cls == HK_WH_CLASS_DELIVERED) {
        d->state = HK_WH_DELIVERED;
    } else if (cls == HK_WH_CLASS_GONE) {
        d->state = HK_WH_GONE;
    } else if (d->attempts >= d->schedule_len) {
        d->state = HK_WH_GIVE_UP;
    } else {
        uint64_t delay = wh_dl_jitter(d, d->schedule[d->attempts]);
        if (cls == HK_WH_CLASS_SLOW_DOWN && d->retry_after >= 0) {
            uint64_t ra = (uint64_t)d->retry_after;
            if (ra > d->max_retry_after)
                ra = d->max_retry_after;
            if (ra * 1000u > delay)
                delay = ra * 1000u;
        }
        d->next_ms = now_ms + (int64_t)delay;
        d->state = HK_WH_RETRY;
    }
    return d->state;
}

HK_API int hk_wh_delivery_fail(hk_wh_delivery *d, int err, int64_t now_ms)
{
    if (d == NULL)
        return HK_ERR_INVALID_ARG;
    if (!d->running)
        return HK_ERR_STATE;
    d->last_error = err < 0 ? err : HK_ERR_IO;
    return wh_dl_conclude(d, HK_WH_CLASS_RETRY, now_ms);
}

HK_API int hk_wh_delivery_feed(hk_wh_delivery *d, const void *data, size_t len, int64_t now_ms)
{
    size_t take;
    if (d == NULL || (data == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    if (!d->running)
        return d->concluded ? d->state : HK_ERR_STATE;
    take = sizeof d->head - d->head_len;
    if (take > len)
        take = len;
    if (take > 0)
        memcpy(d->head + d->head_len, data, take);
    d->head_len += take;
    for (;;) {
        hk_http_message msg;
        hk_ssize n;
        memset(&msg, 0, sizeof msg);
        msg.size = sizeof msg;
        n = hk_http_parse_head(&d->parser, d->head, d->head_len, d->rh, DL_MAX_RESPONSE_HEADERS,
                               &msg);
        if (n == HK_ERR_NEED_MORE) {
            if (d->head_len == sizeof d->head) {
                d->last_error = HK_ERR_HTTP_HEADERS_TOO_LARGE;
                return wh_dl_conclude(d, HK_WH_CLASS_RETRY, now_ms);
            }
            return HK_ERR_NEED_MORE;
        }
        if (n < 0) {
            d->last_error = (int)n;
            return wh_dl_conclude(d, HK_WH_CLASS_RETRY, now_ms);
        }
        d->status = msg.status;
        if (msg.status >= 100 && msg.status <= 199 && msg.status != 101) {
            /* interim response: drop it and parse what follows */
            memmove(d->head, d->head + n, d->head_len - (size_t)n);
            d->head_len -= (size_t)n;
            hk_http_parser_reset(&d->parser);
            hk_http_parser_set_request_method(&d->parser, "POST", 4);
            continue;
        }
        {
            int cls = hk_wh_classify(msg.status);
            if (cls == HK_WH_CLASS_SLOW_DOWN) {
                hk_ssize i = hk_http_header_find(msg.headers, msg.num_headers, "Retry-After", 11,
                                                 0);
                uint64_t delay = 0;
                if (i >= 0 &&
                    hk_http_parse_retry_after(msg.headers[i].value, msg.headers[i].value_len,
                                              now_ms / 1000, &delay) == HK_OK)
                    d->retry_after = (int64_t)delay;
            }
            return wh_dl_conclude(d, cls, now_ms);
        }
    }
}

HK_API int hk_wh_delivery_next(const hk_wh_delivery *d, int64_t *when_ms)
{
    if (d == NULL)
        return HK_ERR_INVALID_ARG;
    if (when_ms != NULL && (d->state == HK_WH_PENDING || d->state == HK_WH_RETRY))
        *when_ms = d->next_ms;
    return d->state;
}

HK_API int hk_wh_delivery_state(const hk_wh_delivery *d)
{
    return d != NULL ? d->state : HK_ERR_INVALID_ARG;
}

HK_API unsigned hk_wh_delivery_attempts(const hk_wh_delivery *d)
{
    return d != NULL ? d->attempts : 0u;
}

HK_API int hk_wh_delivery_status(const hk_wh_delivery *d)
{
    return d != NULL ? d->status : 0;
}

HK_API int hk_wh_delivery_last_error(const hk_wh_delivery *d)
{
    return d != NULL ? d->last_error : HK_ERR_INVALID_ARG;
}

HK_API int64_t hk_wh_delivery_retry_after(const hk_wh_delivery *d)
{
    return d != NULL ? d->retry_after : -1;
}

#undef DL_MAX_KEYS
#undef DL_MAX_RESPONSE_HEADERS
#undef DL_USER_AGENT
