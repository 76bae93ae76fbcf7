/*
 * standard.c - Standard Webhooks v1: keys, signing, verification (one-shot
 * and streaming), message id and secret generation.
 *
 * Source of the rules: the Standard Webhooks specification,
 * github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md
 * ("Signature scheme": signed content "msg_id.timestamp.payload", HMAC-SHA256
 * with the base64-decoded part of the "whsec_" secret, header value a space
 * delimited list of "v1,<base64>"; secrets of 24 to 64 bytes; timestamps in
 * integer seconds checked against a tolerance).
 *
 * SPDX-License-Identifier: MIT
 */
#include "webhook/internal.h"

/* ---- shared helpers ---------------------------------------------------------- */

HK_INTERNAL int hk__wh_parse_timestamp(const char *s, size_t n, int64_t *out)
{
    uint64_t v = 0;
    size_t i;
    if (s == NULL || n == 0 || n > 19)
        return HK_ERR_WH_TIMESTAMP;
    for (i = 0; i < n; i++) {
        unsigned d = (unsigned char)s[i] - (unsigned)'0';
        if (d > 9)
            return HK_ERR_WH_TIMESTAMP;
        v = v * 10u + d; /* 19 digits cannot overflow uint64 */
    }
    if (v > (uint64_t)INT64_MAX)
        return HK_ERR_WH_TIMESTAMP;
    *out = (int64_t)v;
    return HK_OK;
}

HK_INTERNAL int hk__wh_check_time(int64_t ts, int64_t now, uint32_t tolerance)
{
    /* ts >= 0 (parsed from digits); no subtraction below can overflow. */
    if (now >= 0) {
        if (ts < now && now - ts > (int64_t)tolerance)
            return HK_ERR_WH_TOO_OLD;
        if (ts > now && ts - now > (int64_t)tolerance)
            return HK_ERR_WH_TOO_NEW;
        return HK_OK;
    }
    return ts > now + (int64_t)tolerance ? HK_ERR_WH_TOO_NEW : HK_OK;
}

HK_INTERNAL size_t hk__wh_format_u64(char *out, uint64_t v)
{
    char tmp[20];
    size_t n = 0, i;
    do {
        tmp[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0);
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

static unsigned char wh_std_lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

HK_INTERNAL int hk__wh_name_eq(const char *a, size_t an, const char *b)
{
    size_t i;
    for (i = 0; i < an; i++) {
        if (b[i] == '\0' || wh_std_lower((unsigned char)a[i]) != wh_std_lower((unsigned char)b[i]))
            return 0;
    }
    return b[an] == '\0';
}

HK_INTERNAL const hk_wh_header *hk__wh_find(const hk_wh_header *h, size_t n, const char *name)
{
    size_t i;
    if (h == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (h[i].name != NULL && hk__wh_name_eq(h[i].name, h[i].name_len, name))
            return &h[i];
    }
    return NULL;
}

HK_INTERNAL int hk__wh_id_ok(const char *id, size_t n)
{
    size_t i;
    if (id == NULL || n == 0 || n > HK_WH_ID_MAX)
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)id[i];
        if (c < 0x21 || c > 0x7e)
            return 0;
    }
    return 1;
}

/* ---- keys ------------------------------------------------------------------------ */

HK_API int hk_wh_key_from_bytes(hk_wh_key *key, const void *bytes, size_t len)
{
    if (key == NULL || (bytes == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    if (len < HK_WH_SECRET_MIN_BYTES || len > HK_WH_SECRET_MAX_BYTES) {
        hk_wipe(key, sizeof *key);
        return HK_ERR_WH_SECRET;
    }
    hk_hmac_sha256_key_init(&key->mac_, bytes, len);
    key->magic_ = HK_WH_KEY_MAGIC;
    key->len_ = (uint32_t)len;
    return HK_OK;
}

HK_API int hk_wh_key_from_secret(hk_wh_key *key, const char *secret, size_t len)
{
    /* Base64 of HK_WH_SECRET_MAX_BYTES plus padding slack. */
    uint8_t raw[HK_WH_SECRET_MAX_BYTES + 3];
    size_t raw_len = 0;
    int rc;
    if (key == NULL || (secret == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    if (len >= 6 && memcmp(secret, "whsec_", 6) == 0) {
        secret += 6;
        len -= 6;
    }
    if (len == 0 || len > hk_base64_encoded_len(HK_WH_SECRET_MAX_BYTES, HK_BASE64_STD)) {
        hk_wipe(key, sizeof *key);
        return HK_ERR_WH_SECRET;
    }
    rc = hk_base64_decode(raw, sizeof raw, secret, len, HK_BASE64_STD, &raw_len);
    if (rc != HK_OK) {
        hk_wipe(raw, sizeof raw);
        hk_wipe(key, sizeof *key);
        return HK_ERR_WH_SECRET;
    }
    rc = hk_wh_key_from_bytes(key, raw, raw_len);
    hk_wipe(raw, sizeof raw);
    return rc;
}

HK_API void hk_wh_key_wipe(hk_wh_key *key)
{
    if (key != NULL)
        hk_wipe(key, sizeof *key);
}

static int wh_std_keys_ok(const hk_wh_key *keys, size_t nkeys)
{
    size_t i;
    if (keys == NULL || nkeys == 0)
        return HK_ERR_INVALID_ARG;
    for (i = 0; i < nkeys; i++) {
        if (keys[i].magic_ != HK_WH_KEY_MAGIC)
            return HK_ERR_WH_SECRET;
    }
    return HK_OK;
}

/* Start the MAC of "<id>.<ts>." under key. */
static void wh_std_mac_start(hk_hmac_sha256_ctx *c, const hk_wh_key *key, const char *id,
                             size_t id_len, const char *ts, size_t ts_len)
{
    hk_hmac_sha256_init(c, &key->mac_);
    hk_hmac_sha256_update(c, id, id_len);
    hk_hmac_sha256_update(c, ".", 1);
    hk_hmac_sha256_update(c, ts, ts_len);
    hk_hmac_sha256_update(c, ".", 1);
}

/* ---- signing ---------------------------------------------------------------------- */

HK_API int hk_wh_sign(char *out, size_t cap, size_t *out_len, const hk_wh_key *keys,
                      size_t nkeys, const char *id, size_t id_len, int64_t timestamp,
                      const void *body, size_t body_len)
{
    char ts[20];
    size_t ts_len, need, pos = 0, i;
    int rc;
    if ((out == NULL && cap > 0) || (body == NULL && body_len > 0) || timestamp < 0)
        return HK_ERR_INVALID_ARG;
    rc = wh_std_keys_ok(keys, nkeys);
    if (rc != HK_OK)
        return rc;
    if (!hk__wh_id_ok(id, id_len))
        return HK_ERR_WH_ID;
    if (nkeys > (SIZE_MAX - 1) / (HK_WH_SIGNATURE_ENTRY_LEN + 1))
        return HK_ERR_OVERFLOW;
    need = nkeys * (HK_WH_SIGNATURE_ENTRY_LEN + 1) - 1; /* without the NUL */
    if (cap < need) {
        if (out_len != NULL)
            *out_len = need + 1;
        return HK_ERR_BUFFER_TOO_SMALL;
    }
    ts_len = hk__wh_format_u64(ts, (uint64_t)timestamp);
    for (i = 0; i < nkeys; i++) {
        hk_hmac_sha256_ctx c;
        uint8_t mac[HK_SHA256_DIGEST_LEN];
        size_t enc = 0;
        if (i > 0)
            out[pos++] = ' ';
        memcpy(out + pos, "v1,", 3);
        pos += 3;
        wh_std_mac_start(&c, &keys[i], id, id_len, ts, ts_len);
        hk_hmac_sha256_update(&c, body, body_len);
        hk_hmac_sha256_final(&c, mac);
        rc = hk_base64_encode(out + pos, cap - pos, mac, sizeof mac, HK_BASE64_STD, &enc);
        hk_wipe(mac, sizeof mac);
        if (rc != HK_OK)
            return rc;
        pos += enc;
    }
    if (pos < cap)
        out[pos] = '\0';
    if (out_len != NULL)
        *out_len = pos;
    return HK_OK;
}

/* ---- signature list ----------------------------------------------------------------- */

/*
 * Walk the space-separated "<version>,<value>" list (spec section "Signature
 * scheme": entries delimited by a single space, version and value by a
 * comma). For each v1 entry the decoded 32-byte MAC is passed to cb (may be
 * NULL: validation only). Returns HK_OK with *nv1 = number of v1 entries, or
 * HK_ERR_WH_SIGNATURE_FORMAT. Callers validate the whole list before they
 * compare anything, so a malformed list never yields a partial answer.
 */
typedef void (*wh_std_sig_cb)(void *user, const uint8_t mac[HK_SHA256_DIGEST_LEN]);

static int wh_std_parse_list(const char *s, size_t n, wh_std_sig_cb cb, void *user,
                             size_t *nv1)
{
    size_t pos = 0, count = 0;
    if (s == NULL || n == 0)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    for (;;) {
        size_t start = pos, comma = SIZE_MAX, end;
        while (pos < n && s[pos] != ' ') {
            unsigned char c = (unsigned char)s[pos];
            if (c < 0x21 || c > 0x7e)
                return HK_ERR_WH_SIGNATURE_FORMAT;
            if (c == ',' && comma == SIZE_MAX)
                comma = pos;
            pos++;
        }
        end = pos;
        /* an empty entry: leading, trailing or doubled space */
        if (end == start || comma == SIZE_MAX || comma == start || comma + 1 == end)
            return HK_ERR_WH_SIGNATURE_FORMAT;
        if (comma - start == 2 && s[start] == 'v' && s[start + 1] == '1') {
            uint8_t mac[HK_SHA256_DIGEST_LEN + 3];
            size_t got = 0;
            if (end - comma - 1 != 44 ||
                hk_base64_decode(mac, sizeof mac, s + comma + 1, end - comma - 1, HK_BASE64_STD,
                                 &got) != HK_OK ||
                got != HK_SHA256_DIGEST_LEN)
                return HK_ERR_WH_SIGNATURE_FORMAT;
            if (cb != NULL)
                cb(user, mac);
            count++;
        }
        /* other versions (v1a, v2, ...) are skipped, as the spec asks */
        if (pos == n)
            break;
        pos++; /* the single space */
        if (pos == n)
            return HK_ERR_WH_SIGNATURE_FORMAT;
    }
    if (nv1 != NULL)
        *nv1 = count;
    return HK_OK;
}

/* Header checks shared by one-shot and streaming verification. */
static int wh_std_check_headers(const hk_wh_headers *h, int64_t now, uint32_t tolerance,
                                unsigned flags, size_t *nv1)
{
    int64_t ts;
    int rc;
    if (h == NULL)
        return HK_ERR_INVALID_ARG;
    if (h->id == NULL || h->id_len == 0 || h->timestamp == NULL || h->timestamp_len == 0 ||
        h->signature == NULL || h->signature_len == 0)
        return HK_ERR_WH_MISSING_HEADER;
    if (!hk__wh_id_ok(h->id, h->id_len))
        return HK_ERR_WH_ID;
    rc = hk__wh_parse_timestamp(h->timestamp, h->timestamp_len, &ts);
    if (rc != HK_OK)
        return rc;
    if (!(flags & HK_WH_NO_TIMESTAMP_CHECK)) {
        rc = hk__wh_check_time(ts, now, tolerance);
        if (rc != HK_OK)
            return rc;
    }
    return wh_std_parse_list(h->signature, h->signature_len, NULL, NULL, nv1);
}

typedef struct wh_std_match {
    const uint8_t *expect;
    int found;
} wh_std_match;

static void wh_std_match_cb(void *user, const uint8_t mac[HK_SHA256_DIGEST_LEN])
{
    wh_std_match *m = (wh_std_match *)user;
    m->found |= hk_ct_equal(mac, m->expect, HK_SHA256_DIGEST_LEN);
}

static int wh_std_verify(const hk_wh_key *keys, size_t nkeys, const hk_wh_headers *h,
                         const void *body, size_t body_len, int64_t now, uint32_t tolerance,
                         unsigned flags)
{
    size_t nv1 = 0, i;
    int rc, found = 0;
    if (body == NULL && body_len > 0)
        return HK_ERR_INVALID_ARG;
    rc = wh_std_keys_ok(keys, nkeys);
    if (rc != HK_OK)
        return rc;
    rc = wh_std_check_headers(h, now, tolerance, flags, &nv1);
    if (rc != HK_OK)
        return rc;
    if (nv1 == 0)
        return HK_ERR_WH_NO_MATCH;
    for (i = 0; i < nkeys && !found; i++) {
        hk_hmac_sha256_ctx c;
        uint8_t mac[HK_SHA256_DIGEST_LEN];
        wh_std_match m;
        wh_std_mac_start(&c, &keys[i], h->id, h->id_len, h->timestamp, h->timestamp_len);
        hk_hmac_sha256_update(&c, body, body_len);
        hk_hmac_sha256_final(&c, mac);
        m.expect = mac;
        m.found = 0;
        (void)wh_std_parse_list(h->signature, h->signature_len, wh_std_match_cb, &m, NULL);
        found = m.found;
        hk_wipe(mac, sizeof mac);
    }
    return found ? HK_OK : HK_ERR_WH_NO_MATCH;
}

HK_API int hk_wh_verify(const hk_wh_key *keys, size_t nkeys, const hk_wh_headers *h,
                        const void *body, size_t body_len, int64_t now, uint32_t tolerance)
{
    return wh_std_verify(keys, nkeys, h, body, body_len, now, tolerance, 0);
}

HK_API int hk_wh_verify_ignoring_timestamp(const hk_wh_key *keys, size_t nkeys,
                                           const hk_wh_headers *h, const void *body,
                                           size_t body_len)
{
    return wh_std_verify(keys, nkeys, h, body, body_len, 0, 0, HK_WH_NO_TIMESTAMP_CHECK);
}

/* ---- streaming ------------------------------------------------------------------------ */

typedef struct wh_std_collect {
    hk_wh_stream *s;
} wh_std_collect;

static void wh_std_collect_cb(void *user, const uint8_t mac[HK_SHA256_DIGEST_LEN])
{
    hk_wh_stream *s = ((wh_std_collect *)user)->s;
    if (s->nsigs_ < HK_WH_STREAM_MAX_SIGNATURES)
        memcpy(s->sig_[s->nsigs_], mac, HK_SHA256_DIGEST_LEN);
    s->nsigs_++;
}

static int wh_std_stream_fail(hk_wh_stream *s, int err)
{
    hk_wipe(s, sizeof *s);
    s->err_ = err;
    s->magic_ = HK_WH_STREAM_MAGIC;
    return err;
}

HK_API int hk_wh_stream_init(hk_wh_stream *s, const hk_wh_key *keys, size_t nkeys,
                             const hk_wh_headers *h, int64_t now, uint32_t tolerance,
                             unsigned flags)
{
    size_t nv1 = 0, i;
    wh_std_collect col;
    int rc;
    if (s == NULL)
        return HK_ERR_INVALID_ARG;
    if (flags & ~(unsigned)HK_WH_NO_TIMESTAMP_CHECK)
        return wh_std_stream_fail(s, HK_ERR_INVALID_ARG);
    rc = wh_std_keys_ok(keys, nkeys);
    if (rc != HK_OK)
        return wh_std_stream_fail(s, rc);
    if (nkeys > HK_WH_STREAM_MAX_KEYS)
        return wh_std_stream_fail(s, HK_ERR_LIMIT);
    rc = wh_std_check_headers(h, now, tolerance, flags, &nv1);
    if (rc != HK_OK)
        return wh_std_stream_fail(s, rc);
    if (nv1 > HK_WH_STREAM_MAX_SIGNATURES)
        return wh_std_stream_fail(s, HK_ERR_WH_SIGNATURE_FORMAT);
    hk_wipe(s, sizeof *s);
    col.s = s;
    (void)wh_std_parse_list(h->signature, h->signature_len, wh_std_collect_cb, &col, NULL);
    for (i = 0; i < nkeys; i++)
        wh_std_mac_start(&s->mac_[i], &keys[i], h->id, h->id_len, h->timestamp,
                         h->timestamp_len);
    s->nkeys_ = (uint32_t)nkeys;
    s->magic_ = HK_WH_STREAM_MAGIC;
    s->err_ = HK_OK;
    return HK_OK;
}

HK_API int hk_wh_stream_update(hk_wh_stream *s, const void *data, size_t n)
{
    uint32_t i;
    if (s == NULL || s->magic_ != HK_WH_STREAM_MAGIC)
        return HK_ERR_STATE;
    if (s->err_ != HK_OK)
        return s->err_;
    if (data == NULL && n > 0)
        return HK_ERR_INVALID_ARG;
    for (i = 0; i < s->nkeys_; i++)
        hk_hmac_sha256_update(&s->mac_[i], data, n);
    return HK_OK;
}

HK_API int hk_wh_stream_final(hk_wh_stream *s, size_t *matched_key)
{
    uint32_t i, j;
    int found = 0;
    size_t which = 0;
    if (s == NULL || s->magic_ != HK_WH_STREAM_MAGIC)
        return HK_ERR_STATE;
    if (s->err_ != HK_OK)
        return s->err_;
    for (i = 0; i < s->nkeys_; i++) {
        uint8_t mac[HK_SHA256_DIGEST_LEN];
        int hit = 0;
        hk_hmac_sha256_final(&s->mac_[i], mac);
        for (j = 0; j < s->nsigs_; j++)
            hit |= hk_ct_equal(mac, s->sig_[j], HK_SHA256_DIGEST_LEN);
        hk_wipe(mac, sizeof mac);
        if (hit && !found) {
            found = 1;
            which = i;
        }
    }
    hk_wipe(s, sizeof *s);
    if (!found)
        return HK_ERR_WH_NO_MATCH;
    if (matched_key != NULL)
        *matched_key = which;
    return HK_OK;
}

HK_API void hk_wh_stream_wipe(hk_wh_stream *s)
{
    if (s != NULL)
        hk_wipe(s, sizeof *s);
}

/* ---- ids and secrets ---------------------------------------------------------------------- */

static const char wh_std_base62[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

HK_API int hk_wh_generate_id(char *out, size_t cap, size_t *out_len, hk_random_fn random,
                             void *random_user)
{
    /* 27 base62 characters carry 160.8 bits. */
    const size_t nchars = 27;
    uint8_t pool[32];
    size_t have = 0, used = 0, pos = 4;
    if (out == NULL)
        return HK_ERR_INVALID_ARG;
    if (cap < 4 + nchars + 1)
        return HK_ERR_BUFFER_TOO_SMALL;
    if (random == NULL)
        random = hk_random_default;
    memcpy(out, "msg_", 4);
    while (pos < 4 + nchars) {
        uint8_t b;
        if (used == have) {
            int rc = random(random_user, pool, sizeof pool);
            if (rc != HK_OK) {
                hk_wipe(pool, sizeof pool);
                out[0] = '\0';
                return rc < 0 ? rc : HK_ERR_RANDOM;
            }
            have = sizeof pool;
            used = 0;
        }
        b = pool[used++];
        if (b >= 248) /* 248 = 4 * 62: reject to keep the draw uniform */
            continue;
        out[pos++] = wh_std_base62[b % 62];
    }
    out[pos] = '\0';
    hk_wipe(pool, sizeof pool);
    if (out_len != NULL)
        *out_len = pos;
    return HK_OK;
}

HK_API int hk_wh_generate_secret(char *out, size_t cap, size_t *out_len, hk_random_fn random,
                                 void *random_user)
{
    uint8_t raw[32];
    size_t enc = 0;
    int rc;
    if (out == NULL)
        return HK_ERR_INVALID_ARG;
    if (cap < HK_WH_SECRET_CAP)
        return HK_ERR_BUFFER_TOO_SMALL;
    if (random == NULL)
        random = hk_random_default;
    rc = random(random_user, raw, sizeof raw);
    if (rc != HK_OK) {
        hk_wipe(raw, sizeof raw);
        out[0] = '\0';
        return rc < 0 ? rc : HK_ERR_RANDOM;
    }
    memcpy(out, "whsec_", 6);
    rc = hk_base64_encode(out + 6, cap - 6, raw, sizeof raw, HK_BASE64_STD, &enc);
    hk_wipe(raw, sizeof raw);
    if (rc != HK_OK)
        return rc;
    out[6 + enc] = '\0';
    if (out_len != NULL)
        *out_len = 6 + enc;
    return HK_OK;
}
