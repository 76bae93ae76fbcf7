/*
 * standard.c - Standard Webhooks v1: keys, signing, verification (one-shot
 * and streaming), message id and secret generation.
 *
 * Source of the rules: the Standard Webhooks specification,
 * github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md
 * ("Signature scheme": signed content "msg_id.timestamp.payload", HMAC-SHA256
 * with the base64-decoded part of the "whsec_" secret, header value a space
 * delimited list of "v1,<base64>"; secrets of 24 to 64 bytes; timestamps in
 * integer seconds checked against a tolerance; the asymmetric scheme: ed25519
 * over the same content, "v1a" entries, keys serialised as base64 behind
 * "whsk_" (secret key) and "whpk_" (public key)). The whsk_ layout, the 32-byte
 * seed followed by the 32-byte public key, is Svix's (svix/svix-webhooks,
 * server/svix-server/src/core/types/mod.rs, EndpointSecret: the base64 of an
 * ed25519-compact secret key, which is seed || public key).
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

HK_INTERNAL int hk__wh_key_kind(const hk_wh_key *key)
{
    if (key == NULL)
        return 0;
    switch (key->magic_) {
    case HK_WH_KEY_MAGIC:
        return HK_WH_KEY_HMAC;
    case HK_WH_KEY_MAGIC_EDSK:
        return HK_WH_KEY_ED25519_SECRET;
    case HK_WH_KEY_MAGIC_EDPK:
        return HK_WH_KEY_ED25519_PUBLIC;
    default:
        return 0;
    }
}

HK_INTERNAL const uint8_t *hk__wh_key_pk(const hk_wh_key *key)
{
    switch (hk__wh_key_kind(key)) {
    case HK_WH_KEY_ED25519_SECRET:
        return key->k_.ed25519 + HK_ED25519_SEED_LEN;
    case HK_WH_KEY_ED25519_PUBLIC:
        return key->k_.ed25519;
    default:
        return NULL;
    }
}

HK_INTERNAL int hk__wh_ed_verify(const uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN],
                                 const uint8_t sig[HK_ED25519_SIGNATURE_LEN],
                                 const hk__piece *m, size_t nm)
{
    hk_sha512_ctx c;
    size_t i;
    int rc = hk__ed25519_verify_init(&c, sig, pk);
    if (rc != HK_OK)
        return rc;
    for (i = 0; i < nm; i++)
        hk_sha512_update(&c, m[i].data, m[i].len);
    return hk__ed25519_verify_final(&c, sig, pk);
}

HK_API int hk_wh_key_from_bytes(hk_wh_key *key, const void *bytes, size_t len)
{
    if (key == NULL || (bytes == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    if (len < HK_WH_SECRET_MIN_BYTES || len > HK_WH_SECRET_MAX_BYTES) {
        hk_wipe(key, sizeof *key);
        return HK_ERR_WH_SECRET;
    }
    hk_wipe(key, sizeof *key);
    hk_hmac_sha256_key_init(&key->k_.mac, bytes, len);
    key->magic_ = HK_WH_KEY_MAGIC;
    key->len_ = (uint32_t)len;
    return HK_OK;
}

HK_API int hk_wh_key_from_ed25519_seed(hk_wh_key *key, const uint8_t seed[HK_ED25519_SEED_LEN])
{
    uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN];
    if (key == NULL || seed == NULL)
        return HK_ERR_INVALID_ARG;
    hk_wipe(key, sizeof *key);
    (void)hk_ed25519_keypair(pk, key->k_.ed25519, seed);
    key->magic_ = HK_WH_KEY_MAGIC_EDSK;
    key->len_ = HK_ED25519_SECRET_KEY_LEN;
    return HK_OK;
}

HK_API int hk_wh_key_from_ed25519_secret(hk_wh_key *key,
                                         const uint8_t sk[HK_ED25519_SECRET_KEY_LEN])
{
    uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN];
    if (key == NULL || sk == NULL)
        return HK_ERR_INVALID_ARG;
    hk_wipe(key, sizeof *key);
    /* derive the pair of the seed and compare the public halves: a
     * mismatched pair would make signatures that leak the secret scalar */
    (void)hk_ed25519_keypair(pk, key->k_.ed25519, sk);
    if (!hk_ct_equal(pk, sk + HK_ED25519_SEED_LEN, sizeof pk)) {
        hk_wipe(key, sizeof *key);
        return HK_ERR_KEY_MISMATCH;
    }
    key->magic_ = HK_WH_KEY_MAGIC_EDSK;
    key->len_ = HK_ED25519_SECRET_KEY_LEN;
    return HK_OK;
}

HK_API int hk_wh_key_from_ed25519_public(hk_wh_key *key,
                                         const uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN])
{
    /* hk_ed25519_verify checks the key before anything else and reports a
     * non-canonical, off-curve or small-order key as HK_ERR_KEY_FORMAT; the
     * zero signature stops it right after (its R is of small order). */
    static const uint8_t zero_sig[HK_ED25519_SIGNATURE_LEN] = {0};
    if (key == NULL || pk == NULL)
        return HK_ERR_INVALID_ARG;
    hk_wipe(key, sizeof *key);
    if (hk_ed25519_verify(zero_sig, NULL, 0, pk) == HK_ERR_KEY_FORMAT)
        return HK_ERR_KEY_FORMAT;
    memcpy(key->k_.ed25519, pk, HK_ED25519_PUBLIC_KEY_LEN);
    key->magic_ = HK_WH_KEY_MAGIC_EDPK;
    key->len_ = HK_ED25519_PUBLIC_KEY_LEN;
    return HK_OK;
}

/* Decode "<base64 of exactly want bytes>" for whsk_/whpk_: any fault is
 * HK_ERR_KEY_FORMAT. */
static int wh_std_ed_b64(uint8_t *out, const char *s, size_t n, size_t want)
{
    uint8_t raw[HK_ED25519_SECRET_KEY_LEN + 3];
    size_t got = 0;
    int rc = HK_OK;
    if (n != hk_base64_encoded_len(want, HK_BASE64_STD) ||
        hk_base64_decode(raw, sizeof raw, s, n, HK_BASE64_STD, &got) != HK_OK || got != want)
        rc = HK_ERR_KEY_FORMAT;
    else
        memcpy(out, raw, want);
    hk_wipe(raw, sizeof raw);
    return rc;
}

HK_API int hk_wh_key_from_secret(hk_wh_key *key, const char *secret, size_t len)
{
    /* Base64 of HK_WH_SECRET_MAX_BYTES plus padding slack. */
    uint8_t raw[HK_WH_SECRET_MAX_BYTES + 3];
    size_t raw_len = 0;
    int rc;
    if (key == NULL || (secret == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    /* Standard Webhooks, "Signature scheme": whsk_ secret keys and whpk_
     * public keys for the asymmetric scheme; whsk_ holds the seed followed by
     * the public key (Svix: svix-server core/types EndpointSecret). */
    if (len >= 5 && (memcmp(secret, "whsk_", 5) == 0 || memcmp(secret, "whpk_", 5) == 0)) {
        int sk = secret[2] == 's';
        uint8_t ed[HK_ED25519_SECRET_KEY_LEN];
        rc = wh_std_ed_b64(ed, secret + 5, len - 5,
                           sk ? HK_ED25519_SECRET_KEY_LEN : HK_ED25519_PUBLIC_KEY_LEN);
        if (rc == HK_OK)
            rc = sk ? hk_wh_key_from_ed25519_secret(key, ed)
                    : hk_wh_key_from_ed25519_public(key, ed);
        else
            hk_wipe(key, sizeof *key);
        hk_wipe(ed, sizeof ed);
        return rc;
    }
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

HK_API int hk_wh_key_type(const hk_wh_key *key)
{
    int kind;
    if (key == NULL)
        return HK_ERR_INVALID_ARG;
    kind = hk__wh_key_kind(key);
    return kind != 0 ? kind : HK_ERR_WH_SECRET;
}

HK_API int hk_wh_key_public(const hk_wh_key *key, char *out, size_t cap, size_t *out_len)
{
    const uint8_t *pk;
    size_t enc = 0;
    int kind;
    if (key == NULL || out == NULL)
        return HK_ERR_INVALID_ARG;
    kind = hk__wh_key_kind(key);
    if (kind == 0)
        return HK_ERR_WH_SECRET;
    if (kind == HK_WH_KEY_HMAC)
        return HK_ERR_WH_KEY_TYPE;
    if (cap < HK_WH_PUBLIC_KEY_CAP)
        return HK_ERR_BUFFER_TOO_SMALL;
    pk = hk__wh_key_pk(key);
    memcpy(out, "whpk_", 5);
    (void)hk_base64_encode(out + 5, cap - 5, pk, HK_ED25519_PUBLIC_KEY_LEN, HK_BASE64_STD, &enc);
    out[5 + enc] = '\0';
    if (out_len != NULL)
        *out_len = 5 + enc;
    return HK_OK;
}

/* All keys initialised; *ned (if not NULL) receives the number of Ed25519
 * keys. */
static int wh_std_keys_ok(const hk_wh_key *keys, size_t nkeys, size_t *ned)
{
    size_t i, n = 0;
    if (keys == NULL || nkeys == 0)
        return HK_ERR_INVALID_ARG;
    for (i = 0; i < nkeys; i++) {
        int kind = hk__wh_key_kind(&keys[i]);
        if (kind == 0)
            return HK_ERR_WH_SECRET;
        n += kind != HK_WH_KEY_HMAC;
    }
    if (ned != NULL)
        *ned = n;
    return HK_OK;
}

/* Start the MAC of "<id>.<ts>." under key. */
static void wh_std_mac_start(hk_hmac_sha256_ctx *c, const hk_wh_key *key, const char *id,
                             size_t id_len, const char *ts, size_t ts_len)
{
    hk_hmac_sha256_init(c, &key->k_.mac);
    hk_hmac_sha256_update(c, id, id_len);
    hk_hmac_sha256_update(c, ".", 1);
    hk_hmac_sha256_update(c, ts, ts_len);
    hk_hmac_sha256_update(c, ".", 1);
}

/* The signed content "<id>.<ts>.<body>" as five pieces. */
static void wh_std_content(hk__piece m[5], const char *id, size_t id_len, const char *ts,
                           size_t ts_len, const void *body, size_t body_len)
{
    m[0].data = id;
    m[0].len = id_len;
    m[1].data = ".";
    m[1].len = 1;
    m[2].data = ts;
    m[2].len = ts_len;
    m[3].data = ".";
    m[3].len = 1;
    m[4].data = body;
    m[4].len = body_len;
}

/* ---- signing ---------------------------------------------------------------------- */

HK_API int hk_wh_sign(char *out, size_t cap, size_t *out_len, const hk_wh_key *keys,
                      size_t nkeys, const char *id, size_t id_len, int64_t timestamp,
                      const void *body, size_t body_len)
{
    char ts[20];
    size_t ts_len, need = 0, pos = 0, i;
    hk__piece content[5];
    int rc;
    if ((out == NULL && cap > 0) || (body == NULL && body_len > 0) || timestamp < 0)
        return HK_ERR_INVALID_ARG;
    rc = wh_std_keys_ok(keys, nkeys, NULL);
    if (rc != HK_OK)
        return rc;
    for (i = 0; i < nkeys; i++) {
        if (hk__wh_key_kind(&keys[i]) == HK_WH_KEY_ED25519_PUBLIC)
            return HK_ERR_WH_KEY_TYPE;
    }
    if (!hk__wh_id_ok(id, id_len))
        return HK_ERR_WH_ID;
    if (nkeys > (SIZE_MAX - 1) / (HK_WH_SIGNATURE_V1A_ENTRY_LEN + 1))
        return HK_ERR_OVERFLOW;
    for (i = 0; i < nkeys; i++)
        need += (hk__wh_key_kind(&keys[i]) == HK_WH_KEY_HMAC ? HK_WH_SIGNATURE_ENTRY_LEN
                                                             : HK_WH_SIGNATURE_V1A_ENTRY_LEN) + 1;
    need--; /* spaces between entries; without the NUL */
    if (cap < need) {
        if (out_len != NULL)
            *out_len = need + 1;
        return HK_ERR_BUFFER_TOO_SMALL;
    }
    ts_len = hk__wh_format_u64(ts, (uint64_t)timestamp);
    wh_std_content(content, id, id_len, ts, ts_len, body, body_len);
    for (i = 0; i < nkeys; i++) {
        size_t enc = 0;
        if (i > 0)
            out[pos++] = ' ';
        if (hk__wh_key_kind(&keys[i]) == HK_WH_KEY_HMAC) {
            hk_hmac_sha256_ctx c;
            uint8_t mac[HK_SHA256_DIGEST_LEN];
            memcpy(out + pos, "v1,", 3);
            pos += 3;
            wh_std_mac_start(&c, &keys[i], id, id_len, ts, ts_len);
            hk_hmac_sha256_update(&c, body, body_len);
            hk_hmac_sha256_final(&c, mac);
            rc = hk_base64_encode(out + pos, cap - pos, mac, sizeof mac, HK_BASE64_STD, &enc);
            hk_wipe(mac, sizeof mac);
        } else {
            /* Standard Webhooks "v1a": Ed25519 over the same content */
            uint8_t sig[HK_ED25519_SIGNATURE_LEN];
            memcpy(out + pos, "v1a,", 4);
            pos += 4;
            rc = hk__ed25519_sign_pieces(sig, content, 5, keys[i].k_.ed25519);
            if (rc == HK_OK)
                rc = hk_base64_encode(out + pos, cap - pos, sig, sizeof sig, HK_BASE64_STD,
                                      &enc);
        }
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
 * comma). For each v1 entry the decoded 32-byte MAC, for each v1a entry the
 * decoded 64-byte signature, is passed to cb (may be NULL: validation only)
 * with its length. Returns HK_OK with *nv1 / *nv1a = number of entries of
 * each version, HK_ERR_WH_SIGNATURE_FORMAT, or HK_ERR_LIMIT (more than
 * HK_WH_MAX_V1A_SIGNATURES v1a entries). Callers validate the whole list
 * before they compare anything, so a malformed list never yields a partial
 * answer.
 */
typedef void (*wh_std_sig_cb)(void *user, const uint8_t *sig, size_t len);

static int wh_std_parse_list(const char *s, size_t n, wh_std_sig_cb cb, void *user,
                             size_t *nv1, size_t *nv1a)
{
    size_t pos = 0, count = 0, acount = 0;
    if (s == NULL || n == 0)
        return HK_ERR_WH_SIGNATURE_FORMAT;
    for (;;) {
        size_t start = pos, comma = SIZE_MAX, end, vlen;
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
        vlen = comma - start;
        if ((vlen == 2 || vlen == 3) && s[start] == 'v' && s[start + 1] == '1' &&
            (vlen == 2 || s[start + 2] == 'a')) {
            /* v1: 32-byte HMAC; v1a: 64-byte Ed25519 signature */
            size_t want = vlen == 2 ? HK_SHA256_DIGEST_LEN : HK_ED25519_SIGNATURE_LEN;
            uint8_t sig[HK_ED25519_SIGNATURE_LEN + 3];
            size_t got = 0;
            if (end - comma - 1 != hk_base64_encoded_len(want, HK_BASE64_STD) ||
                hk_base64_decode(sig, sizeof sig, s + comma + 1, end - comma - 1, HK_BASE64_STD,
                                 &got) != HK_OK ||
                got != want)
                return HK_ERR_WH_SIGNATURE_FORMAT;
            if (vlen == 3 && ++acount > HK_WH_MAX_V1A_SIGNATURES)
                return HK_ERR_LIMIT;
            count += vlen == 2;
            if (cb != NULL)
                cb(user, sig, want);
        }
        /* other versions (v2, ...) are skipped, as the spec asks */
        if (pos == n)
            break;
        pos++; /* the single space */
        if (pos == n)
            return HK_ERR_WH_SIGNATURE_FORMAT;
    }
    if (nv1 != NULL)
        *nv1 = count;
    if (nv1a != NULL)
        *nv1a = acount;
    return HK_OK;
}

/* Header checks shared by one-shot and streaming verification. */
static int wh_std_check_headers(const hk_wh_headers *h, int64_t now, uint32_t tolerance,
                                unsigned flags, size_t *nv1, size_t *nv1a)
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
    return wh_std_parse_list(h->signature, h->signature_len, NULL, NULL, nv1, nv1a);
}

typedef struct wh_std_match {
    const uint8_t *expect;     /* v1: the MAC to find, or NULL */
    const uint8_t *pk;         /* v1a: the public key, or NULL */
    const hk__piece *content;  /* v1a: the signed content */
    int found;
} wh_std_match;

static void wh_std_match_cb(void *user, const uint8_t *sig, size_t len)
{
    wh_std_match *m = (wh_std_match *)user;
    if (len == HK_SHA256_DIGEST_LEN && m->expect != NULL)
        m->found |= hk_ct_equal(sig, m->expect, HK_SHA256_DIGEST_LEN);
    else if (len == HK_ED25519_SIGNATURE_LEN && m->pk != NULL && !m->found)
        m->found = hk__wh_ed_verify(m->pk, sig, m->content, 5) == HK_OK;
}

static int wh_std_verify(const hk_wh_key *keys, size_t nkeys, const hk_wh_headers *h,
                         const void *body, size_t body_len, int64_t now, uint32_t tolerance,
                         unsigned flags)
{
    size_t nv1 = 0, nv1a = 0, i;
    hk__piece content[5];
    int rc, found = 0;
    if (body == NULL && body_len > 0)
        return HK_ERR_INVALID_ARG;
    rc = wh_std_keys_ok(keys, nkeys, NULL);
    if (rc != HK_OK)
        return rc;
    rc = wh_std_check_headers(h, now, tolerance, flags, &nv1, &nv1a);
    if (rc != HK_OK)
        return rc;
    if (nv1 + nv1a == 0)
        return HK_ERR_WH_NO_MATCH;
    wh_std_content(content, h->id, h->id_len, h->timestamp, h->timestamp_len, body, body_len);
    for (i = 0; i < nkeys && !found; i++) {
        uint8_t mac[HK_SHA256_DIGEST_LEN];
        wh_std_match m;
        m.expect = NULL;
        m.pk = hk__wh_key_pk(&keys[i]);
        m.content = content;
        m.found = 0;
        if (m.pk == NULL) {
            hk_hmac_sha256_ctx c;
            if (nv1 == 0)
                continue;
            wh_std_mac_start(&c, &keys[i], h->id, h->id_len, h->timestamp, h->timestamp_len);
            hk_hmac_sha256_update(&c, body, body_len);
            hk_hmac_sha256_final(&c, mac);
            m.expect = mac;
        } else if (nv1a == 0) {
            continue;
        }
        (void)wh_std_parse_list(h->signature, h->signature_len, wh_std_match_cb, &m, NULL, NULL);
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

static void wh_std_collect_cb(void *user, const uint8_t *sig, size_t len)
{
    hk_wh_stream *s = (hk_wh_stream *)user;
    if (len == HK_SHA256_DIGEST_LEN) {
        if (s->nsigs_ < HK_WH_STREAM_MAX_SIGNATURES)
            memcpy(s->sig_[s->nsigs_], sig, HK_SHA256_DIGEST_LEN);
        s->nsigs_++;
    } else {
        /* the parser stops at HK_WH_MAX_V1A_SIGNATURES */
        memcpy(s->asig_[s->nasigs_], sig, HK_ED25519_SIGNATURE_LEN);
        s->nasigs_++;
    }
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
    size_t nv1 = 0, nv1a = 0, ned = 0, i, j;
    int rc;
    if (s == NULL)
        return HK_ERR_INVALID_ARG;
    if (flags & ~(unsigned)HK_WH_NO_TIMESTAMP_CHECK)
        return wh_std_stream_fail(s, HK_ERR_INVALID_ARG);
    rc = wh_std_keys_ok(keys, nkeys, &ned);
    if (rc != HK_OK)
        return wh_std_stream_fail(s, rc);
    if (nkeys > HK_WH_STREAM_MAX_KEYS || ned > HK_WH_STREAM_MAX_ED25519_KEYS)
        return wh_std_stream_fail(s, HK_ERR_LIMIT);
    rc = wh_std_check_headers(h, now, tolerance, flags, &nv1, &nv1a);
    if (rc != HK_OK)
        return wh_std_stream_fail(s, rc);
    if (nv1 > HK_WH_STREAM_MAX_SIGNATURES)
        return wh_std_stream_fail(s, HK_ERR_WH_SIGNATURE_FORMAT);
    hk_wipe(s, sizeof *s);
    (void)wh_std_parse_list(h->signature, h->signature_len, wh_std_collect_cb, s, NULL, NULL);
    for (i = 0; i < nkeys; i++) {
        const uint8_t *pk = hk__wh_key_pk(&keys[i]);
        if (pk == NULL) {
            wh_std_mac_start(&s->mac_[i], &keys[i], h->id, h->id_len, h->timestamp,
                             h->timestamp_len);
            continue;
        }
        /* one SHA-512(R || A || content) per (key, v1a entry); a pair whose
         * signature fails the checks that need no hash is dead from here */
        memcpy(s->pk_[s->ned_], pk, HK_ED25519_PUBLIC_KEY_LEN);
        s->edkey_[s->ned_] = (uint32_t)i;
        for (j = 0; j < s->nasigs_; j++) {
            size_t pi = s->ned_ * HK_WH_MAX_V1A_SIGNATURES + j;
            hk_sha512_ctx *c = &s->ed_[pi];
            if (hk__ed25519_verify_init(c, s->asig_[j], pk) != HK_OK)
                continue;
            hk_sha512_update(c, h->id, h->id_len);
            hk_sha512_update(c, ".", 1);
            hk_sha512_update(c, h->timestamp, h->timestamp_len);
            hk_sha512_update(c, ".", 1);
            s->live_[pi] = 1;
        }
        s->ned_++;
    }
    s->nkeys_ = (uint32_t)nkeys;
    s->magic_ = HK_WH_STREAM_MAGIC;
    s->err_ = HK_OK;
    return HK_OK;
}

/* Key i of the stream is an Ed25519 key: its slot, else -1. */
static int wh_std_stream_edslot(const hk_wh_stream *s, uint32_t i)
{
    uint32_t k;
    for (k = 0; k < s->ned_; k++) {
        if (s->edkey_[k] == i)
            return (int)k;
    }
    return -1;
}

HK_API int hk_wh_stream_update(hk_wh_stream *s, const void *data, size_t n)
{
    uint32_t i, j;
    if (s == NULL || s->magic_ != HK_WH_STREAM_MAGIC)
        return HK_ERR_STATE;
    if (s->err_ != HK_OK)
        return s->err_;
    if (data == NULL && n > 0)
        return HK_ERR_INVALID_ARG;
    for (i = 0; i < s->nkeys_; i++) {
        if (wh_std_stream_edslot(s, i) < 0)
            hk_hmac_sha256_update(&s->mac_[i], data, n);
    }
    for (i = 0; i < s->ned_; i++) {
        for (j = 0; j < s->nasigs_; j++) {
            size_t pi = i * HK_WH_MAX_V1A_SIGNATURES + j;
            if (s->live_[pi])
                hk_sha512_update(&s->ed_[pi], data, n);
        }
    }
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
        int slot = wh_std_stream_edslot(s, i), hit = 0;
        if (slot < 0) {
            uint8_t mac[HK_SHA256_DIGEST_LEN];
            hk_hmac_sha256_final(&s->mac_[i], mac);
            for (j = 0; j < s->nsigs_; j++)
                hit |= hk_ct_equal(mac, s->sig_[j], HK_SHA256_DIGEST_LEN);
            hk_wipe(mac, sizeof mac);
        } else {
            for (j = 0; j < s->nasigs_; j++) {
                size_t pi = (size_t)slot * HK_WH_MAX_V1A_SIGNATURES + j;
                if (s->live_[pi] &&
                    hk__ed25519_verify_final(&s->ed_[pi], s->asig_[j], s->pk_[slot]) == HK_OK)
                    hit = 1;
            }
        }
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

HK_API int hk_wh_generate_keypair(char *sk, size_t sk_cap, size_t *sk_len, char *pk,
                                  size_t pk_cap, size_t *pk_len, hk_random_fn random,
                                  void *random_user)
{
    uint8_t seed[HK_ED25519_SEED_LEN], skb[HK_ED25519_SECRET_KEY_LEN],
        pkb[HK_ED25519_PUBLIC_KEY_LEN];
    size_t enc = 0, penc = 0;
    int rc;
    if (sk == NULL || pk == NULL)
        return HK_ERR_INVALID_ARG;
    if (sk_cap < HK_WH_SECRET_KEY_CAP || pk_cap < HK_WH_PUBLIC_KEY_CAP)
        return HK_ERR_BUFFER_TOO_SMALL;
    if (random == NULL)
        random = hk_random_default;
    rc = random(random_user, seed, sizeof seed);
    if (rc != HK_OK) {
        hk_wipe(seed, sizeof seed);
        sk[0] = '\0';
        pk[0] = '\0';
        return rc < 0 ? rc : HK_ERR_RANDOM;
    }
    (void)hk_ed25519_keypair(pkb, skb, seed);
    hk_wipe(seed, sizeof seed);
    memcpy(sk, "whsk_", 5);
    (void)hk_base64_encode(sk + 5, sk_cap - 5, skb, sizeof skb, HK_BASE64_STD, &enc);
    hk_wipe(skb, sizeof skb);
    sk[5 + enc] = '\0';
    memcpy(pk, "whpk_", 5);
    (void)hk_base64_encode(pk + 5, pk_cap - 5, pkb, sizeof pkb, HK_BASE64_STD, &penc);
    pk[5 + penc] = '\0';
    if (sk_len != NULL)
        *sk_len = 5 + enc;
    if (pk_len != NULL)
        *pk_len = 5 + penc;
    return HK_OK;
}
