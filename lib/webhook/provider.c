/*
 * provider.c - other senders' webhook signature schemes behind one sign and
 * one verify call.
 *
 * The rules of each scheme, from its sender's documentation:
 *   Stripe   docs.stripe.com/webhooks (section "Verify webhook signatures
 *            manually"): Stripe-Signature "t=<ts>,v1=<hex>..." over
 *            "<ts>.<payload>", HMAC-SHA256 keyed with the endpoint secret,
 *            other schemes (v0) ignored, tolerance 5 minutes by default.
 *   GitHub   docs.github.com, "Validating webhook deliveries":
 *            X-Hub-Signature-256 "sha256=<hex HMAC-SHA256 of the payload>".
 *   Slack    api.slack.com/authentication/verifying-requests-from-slack:
 *            "v0:<X-Slack-Request-Timestamp>:<body>", HMAC-SHA256 hex with a
 *            "v0=" prefix; refuse requests more than five minutes off.
 *   Shopify  shopify.dev, "Verify webhooks": X-Shopify-Hmac-Sha256 = base64
 *            HMAC-SHA256 of the raw body with the app's client secret.
 *   Twilio   twilio.com/docs/usage/security ("Validating signatures from
 *            Twilio"): base64 HMAC-SHA1 with the auth token over the full URL
 *            followed by each POST parameter name and value, sorted by name;
 *            requests with a JSON body carry bodySHA256 (hex SHA-256 of the
 *            body) in the query string and the MAC covers the URL only.
 *   Zoom     developers.zoom.us, "Using webhooks" (verify webhook events):
 *            x-zm-signature "v0=<hex HMAC-SHA256 of v0:<ts>:<body>>" with
 *            x-zm-request-timestamp.
 *   Paddle   developer.paddle.com/webhooks/signature-verification (Billing):
 *            Paddle-Signature "ts=<ts>;h1=<hex>" over "<ts>:<raw body>",
 *            HMAC-SHA256 with the destination's secret key; the SDKs allow a
 *            five second tolerance by default.
 *   Svix     docs.svix.com/receiving/verifying-payloads/how-manual: the
 *            Standard Webhooks scheme with svix-id/-timestamp/-signature.
 *   Discord  discord.com/developers/docs/interactions/receiving-and-responding
 *            ("Security and Authorization"): Ed25519 signature in
 *            X-Signature-Ed25519 (hex) over X-Signature-Timestamp followed by
 *            the raw body, checked with the application's public key (hex, as
 *            the Developer Portal shows it). The page does not document the
 *            timestamp's format or a tolerance (discord/discord-api-docs issue
 *            6209); it is Unix seconds, and +-300 s is applied as for the
 *            other timestamped schemes (HK_WH_NO_TIMESTAMP_CHECK lifts it).
 *
 * SPDX-License-Identifier: MIT
 */
#include "webhook/internal.h"

#define WH_PROV_TWILIO_MAX_PARAMS 1024u

/* ---- names ----------------------------------------------------------------- */

static const char *const wh_prov_names[] = {
    NULL, "standard", "svix", "stripe", "github", "slack",
    "shopify", "twilio", "zoom", "paddle", "generic", "discord",
};

HK_API int hk_wh_provider_from_name(const char *name, size_t len)
{
    int i;
    if (name == NULL)
        return HK_ERR_WH_PROVIDER;
    for (i = HK_WH_STANDARD; i <= HK_WH_DISCORD; i++) {
        if (strlen(wh_prov_names[i]) == len && memcmp(wh_prov_names[i], name, len) == 0)
            return i;
    }
    return HK_ERR_WH_PROVIDER;
}

HK_API const char *hk_wh_provider_name(int provider)
{
    if (provider < HK_WH_STANDARD || provider > HK_WH_DISCORD)
        return NULL;
    return wh_prov_names[provider];
}

HK_API void hk_wh_provider_params_init(hk_wh_provider_params *p, int provider)
{
    if (p == NULL)
        return;
    memset(p, 0, sizeof *p);
    p->size = sizeof *p;
    p->provider = provider;
}

/* ---- MAC helper --------------------------------------------------------------- */

typedef struct wh_prov_mac {
    unsigned alg; /* HK_WH_ALG_* */
    hk_hmac_sha256_ctx s256;
    hk_hmac_sha1_ctx s1;
} wh_prov_mac;

static void wh_prov_mac_init(wh_prov_mac *m, unsigned alg, const void *key, size_t key_len)
{
    m->alg = alg;
    if (alg == HK_WH_ALG_SHA1) {
        hk_hmac_sha1_key k;
        hk_hmac_sha1_key_init(&k, key, key_len);
        hk_hmac_sha1_init(&m->s1, &k);
        hk_hmac_sha1_key_wipe(&k);
    } else {
        hk_hmac_sha256_key k;
        hk_hmac_sha256_key_init(&k, key, key_len);
        hk_hmac_sha256_init(&m->s256, &k);
        hk_hmac_sha256_key_wipe(&k);
    }
}

static void wh_prov_mac_update(wh_prov_mac *m, const void *d, size_t n)
{
    if (n == 0)
        return;
    if (m->alg == HK_WH_ALG_SHA1)
        hk_hmac_sha1_update(&m->s1, d, n);
    else
        hk_hmac_sha256_update(&m->s256, d, n);
}

/* Writes the tag, returns its length (20 or 32). */
static size_t wh_prov_mac_final(wh_prov_mac *m, uint8_t out[HK_SHA256_DIGEST_LEN])
{
    if (m->alg == HK_WH_ALG_SHA1) {
        hk_hmac_sha1_final(&m->s1, out);
        return HK_SHA1_DIGEST_LEN;
    }
    hk_hmac_sha256_final(&m->s256, out);
    return HK_SHA256_DIGEST_LEN;
}

/* ---- small parsers --------------------------------------------------------------- */

/* Decode exactly `want` bytes of hex from s[0..n). */
static int wh_prov_hex(const char *s, size_t n, uint8_t *out, size_t want)
{
    size_t got = 0;
    if (n != 2 * want || hk_hex_decode(out, want, s, n, &got) != HK_OK || got != want)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    return HK_OK;
}

/* Decode strict padded base64 of exactly `want` bytes. */
static int wh_prov_b64(const char *s, size_t n, uint8_t *out, size_t want)
{
    uint8_t tmp[HK_SHA256_DIGEST_LEN + 3];
    size_t got = 0;
    if (n != hk_base64_encoded_len(want, HK_BASE64_STD) ||
        hk_base64_decode(tmp, sizeof tmp, s, n, HK_BASE64_STD, &got) != HK_OK || got != want)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    memcpy(out, tmp, want);
    return HK_OK;
}

/* Checks a timestamp header value and the tolerance. */
static int wh_prov_time(const hk_wh_provider_params *p, const char *ts, size_t ts_len,
                        uint32_t def_tolerance)
{
    int64_t t;
    int rc = hk__wh_parse_timestamp(ts, ts_len, &t);
    if (rc != HK_OK)
        return rc;
    if (p->flags & HK_WH_NO_TIMESTAMP_CHECK)
        return HK_OK;
    return hk__wh_check_time(t, p->now, p->tolerance ? p->tolerance : def_tolerance);
}

static int wh_prov_secret_ok(const hk_wh_secret *s)
{
    return s->data != NULL && s->len > 0;
}

/* ---- "<prefix><hex>" schemes with an optional signed timestamp ------------------ */

/*
 * Verify value == prefix + hex(HMAC-SHA256(secret, pre0 + ts + pre1 + body)).
 * Used by GitHub (no timestamp), Slack and Zoom ("v0:" ts ":").
 */
static int wh_prov_hex_scheme(const hk_wh_provider_params *p, const hk_wh_header *sig,
                              const char *prefix, const char *pre0, const char *ts,
                              size_t ts_len, const char *pre1, const void *body,
                              size_t body_len)
{
    uint8_t want[HK_SHA256_DIGEST_LEN];
    size_t plen = strlen(prefix), i;
    int found = 0;
    if (sig->value_len < plen || memcmp(sig->value, prefix, plen) != 0)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    if (wh_prov_hex(sig->value + plen, sig->value_len - plen, want, sizeof want) != HK_OK)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    for (i = 0; i < p->nsecrets; i++) {
        wh_prov_mac m;
        uint8_t got[HK_SHA256_DIGEST_LEN];
        if (!wh_prov_secret_ok(&p->secrets[i]))
            return HK_ERR_WH_SECRET;
        wh_prov_mac_init(&m, HK_WH_ALG_SHA256, p->secrets[i].data, p->secrets[i].len);
        wh_prov_mac_update(&m, pre0, strlen(pre0));
        wh_prov_mac_update(&m, ts, ts_len);
        wh_prov_mac_update(&m, pre1, strlen(pre1));
        wh_prov_mac_update(&m, body, body_len);
        wh_prov_mac_final(&m, got);
        found |= hk_ct_equal(got, want, sizeof want);
        hk_wipe(got, sizeof got);
    }
    return found ? HK_OK : HK_ERR_WH_NO_MATCH;
}

/* ---- Stripe and Paddle: "<tkey>=<ts><sep><skey>=<hex>..." lists ----------------- */

/*
 * Parse a list of key=value items separated by `sep`. Exactly one `tkey` item
 * (the timestamp); any number of `skey` items, each 64 hex digits; other keys
 * are ignored. With expect != NULL, *found accumulates matches against it.
 */
static int wh_prov_kv_list(const char *s, size_t n, char sep, const char *tkey,
                           const char *skey, const char **ts, size_t *ts_len, size_t *nsig,
                           const uint8_t *expect, int *found)
{
    size_t pos = 0, tkl = strlen(tkey), skl = strlen(skey);
    *ts = NULL;
    *ts_len = 0;
    *nsig = 0;
    if (n == 0)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    while (pos <= n) {
        size_t start = pos, eq = SIZE_MAX, end;
        while (pos < n && s[pos] != sep) {
            unsigned char c = (unsigned char)s[pos];
            if (c <= 0x20 || c > 0x7e)
                return HK_ERR_WH_SIGNATURE_FORMAT;
            if (c == '=' && eq == SIZE_MAX)
                eq = pos;
            pos++;
        }
        end = pos;
        if (eq == SIZE_MAX || eq == start)
            return HK_ERR_WH_SIGNATURE_FORMAT;
        if (eq - start == tkl && memcmp(s + start, tkey, tkl) == 0) {
            if (*ts != NULL)
                return HK_ERR_WH_SIGNATURE_FORMAT; /* repeated timestamp */
            *ts = s + eq + 1;
            *ts_len = end - eq - 1;
        } else if (eq - start == skl && memcmp(s + start, skey, skl) == 0) {
            uint8_t mac[HK_SHA256_DIGEST_LEN];
            if (wh_prov_hex(s + eq + 1, end - eq - 1, mac, sizeof mac) != HK_OK)
                return HK_ERR_WH_SIGNATURE_FORMAT;
            if (expect != NULL)
                *found |= hk_ct_equal(mac, expect, sizeof mac);
            (*nsig)++;
        }
        if (pos == n)
            break;
        pos++;
        if (pos == n)
            return HK_ERR_WH_SIGNATURE_FORMAT; /* trailing separator */
    }
    if (*ts == NULL)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    return HK_OK;
}

static int wh_prov_kv_scheme(const hk_wh_provider_params *p, const hk_wh_header *sig, char sep,
                             const char *tkey, const char *skey, const char *join,
                             uint32_t def_tolerance, const void *body, size_t body_len)
{
    const char *ts;
    size_t ts_len, nsig, i;
    int found = 0, rc;
    rc = wh_prov_kv_list(sig->value, sig->value_len, sep, tkey, skey, &ts, &ts_len, &nsig, NULL,
                         NULL);
    if (rc != HK_OK)
        return rc;
    rc = wh_prov_time(p, ts, ts_len, def_tolerance);
    if (rc != HK_OK)
        return rc;
    if (nsig == 0)
        return HK_ERR_WH_NO_MATCH;
    for (i = 0; i < p->nsecrets; i++) {
        wh_prov_mac m;
        uint8_t got[HK_SHA256_DIGEST_LEN];
        if (!wh_prov_secret_ok(&p->secrets[i]))
            return HK_ERR_WH_SECRET;
        wh_prov_mac_init(&m, HK_WH_ALG_SHA256, p->secrets[i].data, p->secrets[i].len);
        wh_prov_mac_update(&m, ts, ts_len);
        wh_prov_mac_update(&m, join, 1);
        wh_prov_mac_update(&m, body, body_len);
        wh_prov_mac_final(&m, got);
        (void)wh_prov_kv_list(sig->value, sig->value_len, sep, tkey, skey, &ts, &ts_len, &nsig,
                              got, &found);
        hk_wipe(got, sizeof got);
    }
    return found ? HK_OK : HK_ERR_WH_NO_MATCH;
}

/* ---- Twilio ---------------------------------------------------------------------------- */

static int wh_tw_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Next decoded byte of a form-urlencoded string s[*i..end), or -1 at end. */
static int wh_tw_next(const char *s, size_t *i, size_t end)
{
    char c;
    if (*i >= end)
        return -1;
    c = s[(*i)++];
    if (c == '+')
        return ' ';
    if (c == '%') {
        int hi = wh_tw_hexval(s[*i]), lo = wh_tw_hexval(s[*i + 1]);
        *i += 2;
        return hi << 4 | lo; /* validated beforehand */
    }
    return (unsigned char)c;
}

typedef struct wh_tw_param {
    size_t k0, k1, v0, v1; /* raw key s[k0..k1), value s[v0..v1) */
} wh_tw_param;

/* Get the idx-th non-empty segment of the form body. */
static void wh_tw_param_at(const char *s, size_t n, size_t seg_start, size_t seg_end,
                           wh_tw_param *out)
{
    size_t i;
    (void)n;
    out->k0 = seg_start;
    for (i = seg_start; i < seg_end && s[i] != '='; i++)
        ;
    out->k1 = i;
    out->v0 = i < seg_end ? i + 1 : seg_end;
    out->v1 = seg_end;
}

static int wh_tw_cmp_range(const char *s, size_t a0, size_t a1, size_t b0, size_t b1)
{
    for (;;) {
        int x = wh_tw_next(s, &a0, a1), y = wh_tw_next(s, &b0, b1);
        if (x != y)
            return x < y ? -1 : 1;
        if (x < 0)
            return 0;
    }
}

/* Order of parameters: decoded name, then decoded value, then position. */
static int wh_tw_cmp(const char *s, const wh_tw_param *a, size_t ai, const wh_tw_param *b,
                     size_t bi)
{
    int c = wh_tw_cmp_range(s, a->k0, a->k1, b->k0, b->k1);
    if (c == 0)
        c = wh_tw_cmp_range(s, a->v0, a->v1, b->v0, b->v1);
    if (c == 0 && ai != bi)
        c = ai < bi ? -1 : 1;
    return c;
}

/* Iterate over non-empty '&'-separated segments: returns 0 at the end. */
static int wh_tw_seg(const char *s, size_t n, size_t *pos, size_t *a, size_t *b)
{
    while (*pos < n) {
        size_t start = *pos;
        while (*pos < n && s[*pos] != '&')
            (*pos)++;
        *a = start;
        *b = *pos;
        if (*pos < n)
            (*pos)++;
        if (*b > *a)
            return 1;
    }
    return 0;
}

/* Validate the form body: %XX escapes, no control bytes; count parameters. */
static int wh_tw_validate(const char *s, size_t n, size_t *count)
{
    size_t i, c = 0, pos = 0, a, b;
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == 0x7f)
            return HK_ERR_WH_SIGNATURE_FORMAT;
        if (ch == '%') {
            if (i + 2 >= n + 0 || wh_tw_hexval(s[i + 1]) < 0 || wh_tw_hexval(s[i + 2]) < 0)
                return HK_ERR_WH_SIGNATURE_FORMAT;
            i += 2;
        }
    }
    while (wh_tw_seg(s, n, &pos, &a, &b)) {
        if (++c > WH_PROV_TWILIO_MAX_PARAMS)
            return HK_ERR_LIMIT;
    }
    *count = c;
    return HK_OK;
}

static void wh_tw_feed_decoded(wh_prov_mac *m, const char *s, size_t a, size_t b)
{
    uint8_t chunk[64];
    size_t k = 0;
    int c;
    while ((c = wh_tw_next(s, &a, b)) >= 0) {
        chunk[k++] = (uint8_t)c;
        if (k == sizeof chunk) {
            wh_prov_mac_update(m, chunk, k);
            k = 0;
        }
    }
    wh_prov_mac_update(m, chunk, k);
}

/* Feed the sorted "name value" concatenation of the form body. O(n^2) in the
 * number of parameters (bounded), no allocation. */
static void wh_tw_feed_params(wh_prov_mac *m, const char *s, size_t n)
{
    wh_tw_param last, best, cur;
    size_t last_i = 0, best_i, cur_i, pos, a, b;
    int have_last = 0;
    memset(&last, 0, sizeof last);
    for (;;) {
        int have_best = 0;
        pos = 0;
        cur_i = 0;
        best_i = 0;
        memset(&best, 0, sizeof best);
        while (wh_tw_seg(s, n, &pos, &a, &b)) {
            wh_tw_param_at(s, n, a, b, &cur);
            if ((!have_last || wh_tw_cmp(s, &cur, cur_i, &last, last_i) > 0) &&
                (!have_best || wh_tw_cmp(s, &cur, cur_i, &best, best_i) < 0)) {
                best = cur;
                best_i = cur_i;
                have_best = 1;
            }
            cur_i++;
        }
        if (!have_best)
            return;
        wh_tw_feed_decoded(m, s, best.k0, best.k1);
        wh_tw_feed_decoded(m, s, best.v0, best.v1);
        last = best;
        last_i = best_i;
        have_last = 1;
    }
}

/* Find the query parameter bodySHA256 in url; returns its value or NULL. */
static const char *wh_tw_body_hash(const char *url, size_t n, size_t *len)
{
    size_t q = 0, pos, a, b, end = n;
    static const char name[] = "bodySHA256=";
    while (q < n && url[q] != '?')
        q++;
    if (q == n)
        return NULL;
    for (pos = q + 1; pos < n; pos++) {
        if (url[pos] == '#') {
            end = pos;
            break;
        }
    }
    pos = q + 1;
    while (wh_tw_seg(url, end, &pos, &a, &b)) {
        if (b - a >= sizeof name - 1 && memcmp(url + a, name, sizeof name - 1) == 0) {
            *len = b - a - (sizeof name - 1);
            return url + a + sizeof name - 1;
        }
    }
    return NULL;
}

/*
 * The URL variants Twilio's libraries accept: as given, and with the default
 * port added or removed (a proxy may add or strip ":443"/":80"). Each
 * variant is three pieces: head (scheme://authority without port), port text,
 * tail.
 */
typedef struct wh_tw_url {
    const char *head;
    size_t head_len;
    const char *port;
    size_t port_len;
    const char *tail;
    size_t tail_len;
} wh_tw_url;

static size_t wh_tw_url_variants(const char *url, size_t n, wh_tw_url v[2])
{
    size_t auth, end, colon, i;
    int https;
    const char *defport;
    v[0].head = url;
    v[0].head_len = n;
    v[0].port = v[0].tail = "";
    v[0].port_len = v[0].tail_len = 0;
    if (n >= 8 && memcmp(url, "https://", 8) == 0) {
        https = 1;
        auth = 8;
    } else if (n >= 7 && memcmp(url, "http://", 7) == 0) {
        https = 0;
        auth = 7;
    } else {
        return 1;
    }
    defport = https ? ":443" : ":80";
    for (end = auth; end < n && url[end] != '/' && url[end] != '?' && url[end] != '#'; end++)
        ;
    colon = SIZE_MAX;
    for (i = end; i > auth; i--) {
        if (url[i - 1] == ':') {
            colon = i - 1;
            break;
        }
        if (url[i - 1] == ']' || url[i - 1] == '@')
            break;
    }
    if (colon != SIZE_MAX) {
        /* has a port: the variant without it, if it is the default one */
        if (end - colon == strlen(defport) && memcmp(url + colon, defport, end - colon) == 0) {
            v[1].head = url;
            v[1].head_len = colon;
            v[1].port = "";
            v[1].port_len = 0;
            v[1].tail = url + end;
            v[1].tail_len = n - end;
            return 2;
        }
        return 1;
    }
    v[1].head = url;
    v[1].head_len = end;
    v[1].port = defport;
    v[1].port_len = strlen(defport);
    v[1].tail = url + end;
    v[1].tail_len = n - end;
    return 2;
}

static void wh_tw_mac(const hk_wh_secret *sec, const wh_tw_url *u, const char *form,
                      size_t form_len, uint8_t out[HK_SHA256_DIGEST_LEN])
{
    wh_prov_mac m;
    wh_prov_mac_init(&m, HK_WH_ALG_SHA1, sec->data, sec->len);
    wh_prov_mac_update(&m, u->head, u->head_len);
    wh_prov_mac_update(&m, u->port, u->port_len);
    wh_prov_mac_update(&m, u->tail, u->tail_len);
    if (form != NULL)
        wh_tw_feed_params(&m, form, form_len);
    wh_prov_mac_final(&m, out);
}

static int wh_prov_twilio_verify(const hk_wh_provider_params *p, const hk_wh_header *sig,
                                 const void *body, size_t body_len)
{
    uint8_t want[HK_SHA1_DIGEST_LEN];
    const char *hash, *form = NULL;
    size_t hash_len = 0, nv, i, j, count;
    wh_tw_url v[2];
    int found = 0, rc;
    if (p->url == NULL || p->url_len == 0)
        return HK_ERR_INVALID_ARG;
    if (wh_prov_b64(sig->value, sig->value_len, want, sizeof want) != HK_OK)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    hash = wh_tw_body_hash(p->url, p->url_len, &hash_len);
    if (hash != NULL) {
        /* JSON body: the URL carries the body's SHA-256, the MAC the URL. */
        uint8_t h[HK_SHA256_DIGEST_LEN], claimed[HK_SHA256_DIGEST_LEN];
        if (wh_prov_hex(hash, hash_len, claimed, sizeof claimed) != HK_OK)
            return HK_ERR_WH_SIGNATURE_FORMAT;
        hk_sha256(body, body_len, h);
        if (!hk_ct_equal(h, claimed, sizeof h))
            return HK_ERR_WH_NO_MATCH;
    } else if (body_len > 0) {
        rc = wh_tw_validate((const char *)body, body_len, &count);
        if (rc != HK_OK)
            return rc;
        form = (const char *)body;
    }
    nv = wh_tw_url_variants(p->url, p->url_len, v);
    for (i = 0; i < p->nsecrets; i++) {
        if (!wh_prov_secret_ok(&p->secrets[i]))
            return HK_ERR_WH_SECRET;
        for (j = 0; j < nv; j++) {
            uint8_t got[HK_SHA256_DIGEST_LEN];
            wh_tw_mac(&p->secrets[i], &v[j], form, body_len, got);
            found |= hk_ct_equal(got, want, sizeof want);
            hk_wipe(got, sizeof got);
        }
    }
    return found ? HK_OK : HK_ERR_WH_NO_MATCH;
}

/* ---- generic ------------------------------------------------------------------------------ */

static int wh_prov_generic_ok(const hk_wh_generic *g)
{
    return g != NULL && g->size >= sizeof(hk_wh_generic) && g->header != NULL &&
           g->header_len > 0 &&
           (g->prefix != NULL || g->prefix_len == 0) &&
           (g->encoding == HK_WH_ENC_HEX || g->encoding == HK_WH_ENC_BASE64) &&
           (g->algorithm == HK_WH_ALG_SHA256 || g->algorithm == HK_WH_ALG_SHA1);
}

static const hk_wh_header *wh_prov_find_n(const hk_wh_header *h, size_t n, const char *name,
                                          size_t name_len)
{
    size_t i, k;
    for (i = 0; h != NULL && i < n; i++) {
        if (h[i].name == NULL || h[i].name_len != name_len)
            continue;
        for (k = 0; k < name_len; k++) {
            char a = h[i].name[k], b = name[k];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a + 32);
            if (b >= 'A' && b <= 'Z')
                b = (char)(b + 32);
            if (a != b)
                break;
        }
        if (k == name_len)
            return &h[i];
    }
    return NULL;
}

static int wh_prov_generic_verify(const hk_wh_provider_params *p, const hk_wh_header *headers,
                                  size_t nheaders, const void *body, size_t body_len)
{
    const hk_wh_generic *g = p->generic;
    const hk_wh_header *sig;
    uint8_t want[HK_SHA256_DIGEST_LEN];
    size_t dlen, i;
    const char *v;
    size_t vn;
    int found = 0;
    if (!wh_prov_generic_ok(g))
        return HK_ERR_WH_PROVIDER;
    sig = wh_prov_find_n(headers, nheaders, g->header, g->header_len);
    if (sig == NULL || sig->value == NULL || sig->value_len == 0)
        return HK_ERR_WH_MISSING_HEADER;
    if (sig->value_len < g->prefix_len ||
        (g->prefix_len > 0 && memcmp(sig->value, g->prefix, g->prefix_len) != 0))
        return HK_ERR_WH_SIGNATURE_FORMAT;
    v = sig->value + g->prefix_len;
    vn = sig->value_len - g->prefix_len;
    dlen = g->algorithm == HK_WH_ALG_SHA1 ? HK_SHA1_DIGEST_LEN : HK_SHA256_DIGEST_LEN;
    if ((g->encoding == HK_WH_ENC_HEX ? wh_prov_hex(v, vn, want, dlen)
                                      : wh_prov_b64(v, vn, want, dlen)) != HK_OK)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    for (i = 0; i < p->nsecrets; i++) {
        wh_prov_mac m;
        uint8_t got[HK_SHA256_DIGEST_LEN];
        if (!wh_prov_secret_ok(&p->secrets[i]))
            return HK_ERR_WH_SECRET;
        wh_prov_mac_init(&m, g->algorithm, p->secrets[i].data, p->secrets[i].len);
        wh_prov_mac_update(&m, body, body_len);
        wh_prov_mac_final(&m, got);
        found |= hk_ct_equal(got, want, dlen);
        hk_wipe(got, sizeof got);
    }
    return found ? HK_OK : HK_ERR_WH_NO_MATCH;
}

/* ---- Standard / Svix ---------------------------------------------------------------------------- */

static int wh_prov_standard_verify(const hk_wh_provider_params *p, const hk_wh_header *headers,
                                   size_t nheaders, const void *body, size_t body_len)
{
    static const char *const fam[2][3] = {
        {"webhook-id", "webhook-timestamp", "webhook-signature"},
        {"svix-id", "svix-timestamp", "svix-signature"},
    };
    /* each provider reads its own header family first, the other one as a
     * fallback (the Svix libraries accept both, the spec allows either) */
    int first = p->provider == HK_WH_SVIX ? 1 : 0, f, rc;
    const hk_wh_header *id = NULL, *ts = NULL, *sig = NULL;
    hk_wh_headers h;
    hk_wh_key keys[HK_WH_STREAM_MAX_KEYS];
    size_t i, nk = 0;
    for (f = 0; f < 2; f++) {
        const char *const *names = fam[f == 0 ? first : 1 - first];
        id = hk__wh_find(headers, nheaders, names[0]);
        ts = hk__wh_find(headers, nheaders, names[1]);
        sig = hk__wh_find(headers, nheaders, names[2]);
        if (id != NULL || ts != NULL || sig != NULL)
            break;
    }
    memset(&h, 0, sizeof h);
    if (id != NULL) {
        h.id = id->value;
        h.id_len = id->value_len;
    }
    if (ts != NULL) {
        h.timestamp = ts->value;
        h.timestamp_len = ts->value_len;
    }
    if (sig != NULL) {
        h.signature = sig->value;
        h.signature_len = sig->value_len;
    }
    /* keys in batches (no allocation) */
    rc = HK_ERR_WH_NO_MATCH;
    for (i = 0; i < p->nsecrets; i++) {
        int krc = hk_wh_key_from_secret(&keys[nk], p->secrets[i].data, p->secrets[i].len);
        if (krc != HK_OK) {
            size_t k;
            for (k = 0; k < nk; k++)
                hk_wh_key_wipe(&keys[k]);
            return krc == HK_ERR_INVALID_ARG ? HK_ERR_WH_SECRET : krc;
        }
        nk++;
        if (nk == HK_WH_STREAM_MAX_KEYS || i + 1 == p->nsecrets) {
            size_t k;
            if (p->flags & HK_WH_NO_TIMESTAMP_CHECK)
                rc = hk_wh_verify_ignoring_timestamp(keys, nk, &h, body, body_len);
            else
                rc = hk_wh_verify(keys, nk, &h, body, body_len, p->now,
                                  p->tolerance ? p->tolerance : HK_WH_TOLERANCE_DEFAULT);
            for (k = 0; k < nk; k++)
                hk_wh_key_wipe(&keys[k]);
            nk = 0;
            if (rc != HK_ERR_WH_NO_MATCH)
                return rc;
        }
    }
    return rc;
}

static const hk_wh_header *wh_prov_need(const hk_wh_header *h, size_t n, const char *name)
{
    const hk_wh_header *f = hk__wh_find(h, n, name);
    if (f == NULL || f->value == NULL || f->value_len == 0)
        return NULL;
    return f;
}

/* ---- Discord ---------------------------------------------------------------------------------- */

/* A Discord public key: 64 hex characters or "whpk_<base64>". */
static int wh_prov_discord_pk(hk_wh_key *k, const hk_wh_secret *s)
{
    uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN];
    size_t got = 0;
    if (s->len >= 5 && memcmp(s->data, "whpk_", 5) == 0)
        return hk_wh_key_from_secret(k, s->data, s->len);
    if (s->len != 2 * sizeof pk || hk_hex_decode(pk, sizeof pk, s->data, s->len, &got) != HK_OK)
        return HK_ERR_KEY_FORMAT;
    return hk_wh_key_from_ed25519_public(k, pk);
}

/* A Discord private key: the seed as 64 hex characters, seed || public key
 * as 128 hex characters, or "whsk_<base64>". */
static int wh_prov_discord_sk(hk_wh_key *k, const hk_wh_secret *s)
{
    uint8_t raw[HK_ED25519_SECRET_KEY_LEN];
    size_t got = 0;
    int rc;
    if (s->len >= 5 && (memcmp(s->data, "whsk_", 5) == 0 || memcmp(s->data, "whpk_", 5) == 0)) {
        rc = hk_wh_key_from_secret(k, s->data, s->len);
        if (rc == HK_OK && hk__wh_key_kind(k) != HK_WH_KEY_ED25519_SECRET) {
            hk_wh_key_wipe(k);
            rc = HK_ERR_WH_KEY_TYPE;
        }
        return rc;
    }
    if ((s->len != 2 * HK_ED25519_SEED_LEN && s->len != 2 * HK_ED25519_SECRET_KEY_LEN) ||
        hk_hex_decode(raw, sizeof raw, s->data, s->len, &got) != HK_OK)
        rc = HK_ERR_KEY_FORMAT;
    else if (got == HK_ED25519_SEED_LEN)
        rc = hk_wh_key_from_ed25519_seed(k, raw);
    else
        rc = hk_wh_key_from_ed25519_secret(k, raw);
    hk_wipe(raw, sizeof raw);
    return rc;
}

static int wh_prov_discord_verify(const hk_wh_provider_params *p, const hk_wh_header *headers,
                                  size_t nheaders, const void *body, size_t body_len)
{
    const hk_wh_header *sig = wh_prov_need(headers, nheaders, "X-Signature-Ed25519");
    const hk_wh_header *ts = wh_prov_need(headers, nheaders, "X-Signature-Timestamp");
    uint8_t want[HK_ED25519_SIGNATURE_LEN];
    hk__piece m[2];
    size_t i;
    int rc, found = 0;
    if (sig == NULL || ts == NULL)
        return HK_ERR_WH_MISSING_HEADER;
    rc = wh_prov_time(p, ts->value, ts->value_len, HK_WH_TOLERANCE_DEFAULT);
    if (rc != HK_OK)
        return rc;
    if (wh_prov_hex(sig->value, sig->value_len, want, sizeof want) != HK_OK)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    m[0].data = ts->value;
    m[0].len = ts->value_len;
    m[1].data = body;
    m[1].len = body_len;
    /* every key is checked (a malformed one is an error even after a match) */
    for (i = 0; i < p->nsecrets; i++) {
        hk_wh_key k;
        rc = wh_prov_discord_pk(&k, &p->secrets[i]);
        if (rc != HK_OK)
            return rc;
        if (!found && hk__wh_ed_verify(hk__wh_key_pk(&k), want, m, 2) == HK_OK)
            found = 1;
        hk_wh_key_wipe(&k);
    }
    return found ? HK_OK : HK_ERR_WH_NO_MATCH;
}

/* ---- verify dispatch ------------------------------------------------------------------------------- */

static int wh_prov_check_params(const hk_wh_provider_params *p)
{
    if (p == NULL || p->size < sizeof(hk_wh_provider_params))
        return HK_ERR_INVALID_ARG;
    if (p->provider < HK_WH_STANDARD || p->provider > HK_WH_DISCORD)
        return HK_ERR_WH_PROVIDER;
    if (p->secrets == NULL || p->nsecrets == 0)
        return HK_ERR_INVALID_ARG;
    if (p->flags & ~(uint32_t)HK_WH_NO_TIMESTAMP_CHECK)
        return HK_ERR_INVALID_ARG;
    return HK_OK;
}

HK_API int hk_wh_provider_verify(const hk_wh_provider_params *p, const hk_wh_header *headers,
                                 size_t nheaders, const void *body, size_t body_len)
{
    const hk_wh_header *sig, *ts;
    int rc = wh_prov_check_params(p);
    if (rc != HK_OK)
        return rc;
    if ((body == NULL && body_len > 0) || (headers == NULL && nheaders > 0))
        return HK_ERR_INVALID_ARG;
    switch (p->provider) {
    case HK_WH_STANDARD:
    case HK_WH_SVIX:
        return wh_prov_standard_verify(p, headers, nheaders, body, body_len);
    case HK_WH_STRIPE:
        if ((sig = wh_prov_need(headers, nheaders, "Stripe-Signature")) == NULL)
            return HK_ERR_WH_MISSING_HEADER;
        return wh_prov_kv_scheme(p, sig, ',', "t", "v1", ".", HK_WH_TOLERANCE_DEFAULT, body,
                                 body_len);
    case HK_WH_PADDLE:
        if ((sig = wh_prov_need(headers, nheaders, "Paddle-Signature")) == NULL)
            return HK_ERR_WH_MISSING_HEADER;
        return wh_prov_kv_scheme(p, sig, ';', "ts", "h1", ":", 5u, body, body_len);
    case HK_WH_GITHUB:
        if ((sig = wh_prov_need(headers, nheaders, "X-Hub-Signature-256")) == NULL)
            return HK_ERR_WH_MISSING_HEADER;
        return wh_prov_hex_scheme(p, sig, "sha256=", "", NULL, 0, "", body, body_len);
    case HK_WH_SLACK:
    case HK_WH_ZOOM: {
        int slack = p->provider == HK_WH_SLACK;
        sig = wh_prov_need(headers, nheaders, slack ? "X-Slack-Signature" : "x-zm-signature");
        ts = wh_prov_need(headers, nheaders,
                          slack ? "X-Slack-Request-Timestamp" : "x-zm-request-timestamp");
        if (sig == NULL || ts == NULL)
            return HK_ERR_WH_MISSING_HEADER;
        rc = wh_prov_time(p, ts->value, ts->value_len, HK_WH_TOLERANCE_DEFAULT);
        if (rc != HK_OK)
            return rc;
        return wh_prov_hex_scheme(p, sig, "v0=", "v0:", ts->value, ts->value_len, ":", body,
                                  body_len);
    }
    case HK_WH_SHOPIFY: {
        hk_wh_generic g;
        hk_wh_provider_params q = *p;
        g.size = sizeof g;
        g.header = "X-Shopify-Hmac-Sha256";
        g.header_len = strlen(g.header);
        g.prefix = NULL;
        g.prefix_len = 0;
        g.encoding = HK_WH_ENC_BASE64;
        g.algorithm = HK_WH_ALG_SHA256;
        q.generic = &g;
        return wh_prov_generic_verify(&q, headers, nheaders, body, body_len);
    }
    case HK_WH_TWILIO:
        if ((sig = wh_prov_need(headers, nheaders, "X-Twilio-Signature")) == NULL)
            return HK_ERR_WH_MISSING_HEADER;
        return wh_prov_twilio_verify(p, sig, body, body_len);
    case HK_WH_GENERIC:
        return wh_prov_generic_verify(p, headers, nheaders, body, body_len);
    case HK_WH_DISCORD:
        return wh_prov_discord_verify(p, headers, nheaders, body, body_len);
    default:
        return HK_ERR_WH_PROVIDER;
    }
}

/* ---- signing ---------------------------------------------------------------------------------------- */

typedef struct wh_prov_out {
    char *buf;
    size_t cap, pos;
    int overflow;
} wh_prov_out;

static void wh_out_put(wh_prov_out *o, const void *d, size_t n)
{
    if (n == 0)
        return;
    if (o->overflow || n > o->cap - o->pos) {
        o->overflow = 1;
        return;
    }
    memcpy(o->buf + o->pos, d, n);
    o->pos += n;
}

static void wh_out_str(wh_prov_out *o, const char *s)
{
    wh_out_put(o, s, strlen(s));
}

static void wh_out_hex(wh_prov_out *o, const uint8_t *d, size_t n)
{
    char tmp[2 * HK_SHA256_DIGEST_LEN];
    hk_hex_encode(tmp, d, n);
    wh_out_put(o, tmp, 2 * n);
}

static void wh_out_b64(wh_prov_out *o, const uint8_t *d, size_t n)
{
    char tmp[48];
    size_t k = 0;
    (void)hk_base64_encode(tmp, sizeof tmp, d, n, HK_BASE64_STD, &k);
    wh_out_put(o, tmp, k);
}

static void wh_out_u64(wh_prov_out *o, uint64_t v)
{
    char tmp[20];
    wh_out_put(o, tmp, hk__wh_format_u64(tmp, v));
}

/* Terminate the current value; returns its start or NULL on overflow. */
static const char *wh_out_end(wh_prov_out *o, size_t start, size_t *len)
{
    wh_out_put(o, "", 1);
    if (o->overflow)
        return NULL;
    *len = o->pos - 1 - start;
    return o->buf + start;
}

static int wh_prov_add(hk_wh_header *out, size_t *nout, const char *name, wh_prov_out *o,
                       size_t start)
{
    size_t len = 0;
    const char *v = wh_out_end(o, start, &len);
    if (v == NULL)
        return HK_ERR_BUFFER_TOO_SMALL;
    out[*nout].name = name;
    out[*nout].name_len = strlen(name);
    out[*nout].value = v;
    out[*nout].value_len = len;
    (*nout)++;
    return HK_OK;
}

static size_t wh_prov_sign_mac(unsigned alg, const hk_wh_secret *s, const char *a, size_t an,
                               const char *b, size_t bn, const char *c, size_t cn,
                               const void *body, size_t body_len, uint8_t out[32])
{
    wh_prov_mac m;
    wh_prov_mac_init(&m, alg, s->data, s->len);
    wh_prov_mac_update(&m, a, an);
    wh_prov_mac_update(&m, b, bn);
    wh_prov_mac_update(&m, c, cn);
    wh_prov_mac_update(&m, body, body_len);
    return wh_prov_mac_final(&m, out);
}

static int wh_prov_sign_standard(const hk_wh_provider_params *p, const void *body,
                                 size_t body_len, hk_wh_header *out, size_t *nout,
                                 wh_prov_out *o)
{
    int svix = p->provider == HK_WH_SVIX;
    size_t start, i, len = 0;
    int rc;
    if (!hk__wh_id_ok(p->id, p->id_len))
        return HK_ERR_WH_ID;
    start = o->pos;
    wh_out_put(o, p->id, p->id_len);
    if ((rc = wh_prov_add(out, nout, svix ? "svix-id" : "webhook-id", o, start)) != HK_OK)
        return rc;
    start = o->pos;
    wh_out_u64(o, (uint64_t)p->timestamp);
    rc = wh_prov_add(out, nout, svix ? "svix-timestamp" : "webhook-timestamp", o, start);
    if (rc != HK_OK)
        return rc;
    start = o->pos;
    for (i = 0; i < p->nsecrets; i++) {
        hk_wh_key k;
        char entry[HK_WH_SIGNATURE_CAP(1)];
        rc = hk_wh_key_from_secret(&k, p->secrets[i].data, p->secrets[i].len);
        if (rc != HK_OK)
            return rc == HK_ERR_INVALID_ARG ? HK_ERR_WH_SECRET : rc;
        rc = hk_wh_sign(entry, sizeof entry, &len, &k, 1, p->id, p->id_len, p->timestamp, body,
                        body_len);
        hk_wh_key_wipe(&k);
        if (rc != HK_OK)
            return rc;
        if (i > 0)
            wh_out_put(o, " ", 1);
        wh_out_put(o, entry, len);
    }
    return wh_prov_add(out, nout, svix ? "svix-signature" : "webhook-signature", o, start);
}

/* Twilio signing: append bodySHA256 for JSON when the URL lacks it. */
static int wh_prov_sign_twilio(const hk_wh_provider_params *p, const void *body,
                               size_t body_len, hk_wh_header *out, size_t *nout,
                               wh_prov_out *o, const char **signed_url, size_t *signed_url_len)
{
    size_t ustart = o->pos, ulen = 0, hl = 0, start, count;
    const char *url;
    uint8_t mac[HK_SHA256_DIGEST_LEN];
    wh_tw_url u;
    const char *form = NULL;
    int rc;
    if (p->url == NULL || p->url_len == 0)
        return HK_ERR_INVALID_ARG;
    wh_out_put(o, p->url, p->url_len);
    if (p->json && wh_tw_body_hash(p->url, p->url_len, &hl) == NULL) {
        uint8_t h[HK_SHA256_DIGEST_LEN];
        size_t q;
        int has_q = 0;
        for (q = 0; q < p->url_len; q++)
            has_q |= p->url[q] == '?';
        hk_sha256(body, body_len, h);
        wh_out_str(o, has_q ? "&bodySHA256=" : "?bodySHA256=");
        wh_out_hex(o, h, sizeof h);
    }
    url = wh_out_end(o, ustart, &ulen);
    if (url == NULL)
        return HK_ERR_BUFFER_TOO_SMALL;
    {
        /* a bodySHA256 already in the URL must be this body's */
        const char *given = wh_tw_body_hash(url, ulen, &hl);
        if (given != NULL) {
            uint8_t h[HK_SHA256_DIGEST_LEN], claimed[HK_SHA256_DIGEST_LEN];
            hk_sha256(body, body_len, h);
            if (wh_prov_hex(given, hl, claimed, sizeof claimed) != HK_OK ||
                !hk_ct_equal(h, claimed, sizeof h))
                return HK_ERR_INVALID_ARG;
        }
    }
    if (!p->json && wh_tw_body_hash(url, ulen, &hl) == NULL && body_len > 0) {
        rc = wh_tw_validate((const char *)body, body_len, &count);
        if (rc != HK_OK)
            return rc;
        form = (const char *)body;
    }
    u.head = url;
    u.head_len = ulen;
    u.port = u.tail = "";
    u.port_len = u.tail_len = 0;
    wh_tw_mac(&p->secrets[0], &u, form, body_len, mac);
    start = o->pos;
    wh_out_b64(o, mac, HK_SHA1_DIGEST_LEN);
    hk_wipe(mac, sizeof mac);
    rc = wh_prov_add(out, nout, "X-Twilio-Signature", o, start);
    if (rc == HK_OK) {
        if (signed_url != NULL)
            *signed_url = url;
        if (signed_url_len != NULL)
            *signed_url_len = ulen;
    }
    return rc;
}

HK_API int hk_wh_provider_sign(const hk_wh_provider_params *p, const void *body,
                               size_t body_len, hk_wh_header *out, size_t *nout, char *buf,
                               size_t cap, const char **signed_url, size_t *signed_url_len)
{
    wh_prov_out o;
    uint8_t mac[HK_SHA256_DIGEST_LEN];
    char ts[20];
    size_t ts_len, start, i;
    int rc = wh_prov_check_params(p);
    if (signed_url != NULL)
        *signed_url = NULL;
    if (signed_url_len != NULL)
        *signed_url_len = 0;
    if (rc != HK_OK)
        return rc;
    if (out == NULL || nout == NULL || (buf == NULL && cap > 0) ||
        (body == NULL && body_len > 0) || p->timestamp < 0)
        return HK_ERR_INVALID_ARG;
    *nout = 0;
    o.buf = buf;
    o.cap = cap;
    o.pos = 0;
    o.overflow = 0;
    for (i = 0; i < p->nsecrets; i++) {
        if (!wh_prov_secret_ok(&p->secrets[i]))
            return HK_ERR_WH_SECRET;
    }
    ts_len = hk__wh_format_u64(ts, (uint64_t)p->timestamp);
    switch (p->provider) {
    case HK_WH_STANDARD:
    case HK_WH_SVIX:
        return wh_prov_sign_standard(p, body, body_len, out, nout, &o);
    case HK_WH_STRIPE:
    case HK_WH_PADDLE: {
        int stripe = p->provider == HK_WH_STRIPE;
        start = o.pos;
        wh_out_str(&o, stripe ? "t=" : "ts=");
        wh_out_put(&o, ts, ts_len);
        for (i = 0; i < p->nsecrets; i++) {
            wh_prov_sign_mac(HK_WH_ALG_SHA256, &p->secrets[i], ts, ts_len, stripe ? "." : ":",
                             1, NULL, 0, body, body_len, mac);
            wh_out_str(&o, stripe ? ",v1=" : ";h1=");
            wh_out_hex(&o, mac, HK_SHA256_DIGEST_LEN);
        }
        hk_wipe(mac, sizeof mac);
        return wh_prov_add(out, nout, stripe ? "Stripe-Signature" : "Paddle-Signature", &o,
                           start);
    }
    case HK_WH_GITHUB:
        start = o.pos;
        wh_prov_sign_mac(HK_WH_ALG_SHA256, &p->secrets[0], NULL, 0, NULL, 0, NULL, 0, body,
                         body_len, mac);
        wh_out_str(&o, "sha256=");
        wh_out_hex(&o, mac, HK_SHA256_DIGEST_LEN);
        hk_wipe(mac, sizeof mac);
        return wh_prov_add(out, nout, "X-Hub-Signature-256", &o, start);
    case HK_WH_SLACK:
    case HK_WH_ZOOM: {
        int slack = p->provider == HK_WH_SLACK;
        start = o.pos;
        wh_out_put(&o, ts, ts_len);
        rc = wh_prov_add(out, nout, slack ? "X-Slack-Request-Timestamp" : "x-zm-request-timestamp",
                         &o, start);
        if (rc != HK_OK)
            return rc;
        start = o.pos;
        wh_prov_sign_mac(HK_WH_ALG_SHA256, &p->secrets[0], "v0:", 3, ts, ts_len, ":", 1, body,
                         body_len, mac);
        wh_out_str(&o, "v0=");
        wh_out_hex(&o, mac, HK_SHA256_DIGEST_LEN);
        hk_wipe(mac, sizeof mac);
        return wh_prov_add(out, nout, slack ? "X-Slack-Signature" : "x-zm-signature", &o, start);
    }
    case HK_WH_SHOPIFY:
        start = o.pos;
        wh_prov_sign_mac(HK_WH_ALG_SHA256, &p->secrets[0], NULL, 0, NULL, 0, NULL, 0, body,
                         body_len, mac);
        wh_out_b64(&o, mac, HK_SHA256_DIGEST_LEN);
        hk_wipe(mac, sizeof mac);
        return wh_prov_add(out, nout, "X-Shopify-Hmac-Sha256", &o, start);
    case HK_WH_TWILIO:
        return wh_prov_sign_twilio(p, body, body_len, out, nout, &o, signed_url,
                                   signed_url_len);
    case HK_WH_GENERIC: {
        const hk_wh_generic *g = p->generic;
        size_t dlen, nlen;
        const char *name;
        if (!wh_prov_generic_ok(g))
            return HK_ERR_WH_PROVIDER;
        /* the header name is copied into buf so the output never points into
         * the caller's configuration */
        start = o.pos;
        wh_out_put(&o, g->header, g->header_len);
        name = wh_out_end(&o, start, &nlen);
        if (name == NULL)
            return HK_ERR_BUFFER_TOO_SMALL;
        start = o.pos;
        dlen = wh_prov_sign_mac(g->algorithm, &p->secrets[0], NULL, 0, NULL, 0, NULL, 0, body,
                                body_len, mac);
        wh_out_put(&o, g->prefix, g->prefix_len);
        if (g->encoding == HK_WH_ENC_HEX)
            wh_out_hex(&o, mac, dlen);
        else
            wh_out_b64(&o, mac, dlen);
        hk_wipe(mac, sizeof mac);
        rc = wh_prov_add(out, nout, name, &o, start);
        if (rc == HK_OK)
            out[*nout - 1].name_len = nlen;
        return rc;
    }
    case HK_WH_DISCORD: {
        hk_wh_key k;
        uint8_t sig[HK_ED25519_SIGNATURE_LEN];
        char hex[2 * HK_ED25519_SIGNATURE_LEN];
        hk__piece m[2];
        rc = wh_prov_discord_sk(&k, &p->secrets[0]);
        if (rc != HK_OK)
            return rc;
        m[0].data = ts;
        m[0].len = ts_len;
        m[1].data = body;
        m[1].len = body_len;
        rc = hk__ed25519_sign_pieces(sig, m, 2, k.k_.ed25519);
        hk_wh_key_wipe(&k);
        if (rc != HK_OK)
            return rc;
        start = o.pos;
        hk_hex_encode(hex, sig, sizeof sig);
        wh_out_put(&o, hex, sizeof hex);
        rc = wh_prov_add(out, nout, "X-Signature-Ed25519", &o, start);
        if (rc != HK_OK)
            return rc;
        start = o.pos;
        wh_out_put(&o, ts, ts_len);
        return wh_prov_add(out, nout, "X-Signature-Timestamp", &o, start);
    }
    default:
        return HK_ERR_WH_PROVIDER;
    }
}

#undef WH_PROV_TWILIO_MAX_PARAMS
