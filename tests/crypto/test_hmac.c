/*
 * Tests of HMAC-SHA256 and HMAC-SHA1 (RFC 2104): the RFC 4231 and RFC 2202
 * vectors through the one-shot call and through a reusable key object at
 * every split point, with every hash implementation; key reuse, key-length
 * boundaries, wiping.
 */
#include "hk_test.h"

/* ---- a uniform view of both HMACs ------------------------------------------ */

typedef union {
    hk_hmac_sha256_key k256;
    hk_hmac_sha1_key k1;
} any_key;

typedef union {
    hk_hmac_sha256_ctx c256;
    hk_hmac_sha1_ctx c1;
} any_mac;

typedef struct {
    const char *name;
    size_t tlen;
    size_t key_size, ctx_size;
    int (*key_init_impl)(any_key *k, const void *key, size_t n, int impl);
    void (*key_init)(any_key *k, const void *key, size_t n);
    void (*key_wipe)(any_key *k);
    void (*init)(any_mac *c, const any_key *k);
    void (*update)(any_mac *c, const void *p, size_t n);
    void (*final)(any_mac *c, uint8_t *out);
    void (*oneshot)(const void *key, size_t kn, const void *p, size_t n, uint8_t *out);
    void (*hash)(const void *p, size_t n, uint8_t *out);
} mac_alg;

static int w256_key_init_impl(any_key *k, const void *key, size_t n, int impl)
{
    return hk_hmac_sha256_key_init_impl(&k->k256, key, n, impl);
}
static void w256_key_init(any_key *k, const void *key, size_t n)
{
    hk_hmac_sha256_key_init(&k->k256, key, n);
}
static void w256_key_wipe(any_key *k) { hk_hmac_sha256_key_wipe(&k->k256); }
static void w256_init(any_mac *c, const any_key *k) { hk_hmac_sha256_init(&c->c256, &k->k256); }
static void w256_update(any_mac *c, const void *p, size_t n) { hk_hmac_sha256_update(&c->c256, p, n); }
static void w256_final(any_mac *c, uint8_t *out) { hk_hmac_sha256_final(&c->c256, out); }
static void w256_oneshot(const void *key, size_t kn, const void *p, size_t n, uint8_t *out)
{
    hk_hmac_sha256(key, kn, p, n, out);
}
static void w256_hash(const void *p, size_t n, uint8_t *out) { hk_sha256(p, n, out); }

static int w1_key_init_impl(any_key *k, const void *key, size_t n, int impl)
{
    return hk_hmac_sha1_key_init_impl(&k->k1, key, n, impl);
}
static void w1_key_init(any_key *k, const void *key, size_t n) { hk_hmac_sha1_key_init(&k->k1, key, n); }
static void w1_key_wipe(any_key *k) { hk_hmac_sha1_key_wipe(&k->k1); }
static void w1_init(any_mac *c, const any_key *k) { hk_hmac_sha1_init(&c->c1, &k->k1); }
static void w1_update(any_mac *c, const void *p, size_t n) { hk_hmac_sha1_update(&c->c1, p, n); }
static void w1_final(any_mac *c, uint8_t *out) { hk_hmac_sha1_final(&c->c1, out); }
static void w1_oneshot(const void *key, size_t kn, const void *p, size_t n, uint8_t *out)
{
    hk_hmac_sha1(key, kn, p, n, out);
}
static void w1_hash(const void *p, size_t n, uint8_t *out) { hk_sha1(p, n, out); }

enum { MAC_SHA256, MAC_SHA1, MAC_COUNT };
static const mac_alg macs[MAC_COUNT] = {
    {"HMAC-SHA256", 32, sizeof(hk_hmac_sha256_key), sizeof(hk_hmac_sha256_ctx), w256_key_init_impl,
     w256_key_init, w256_key_wipe, w256_init, w256_update, w256_final, w256_oneshot, w256_hash},
    {"HMAC-SHA1", 20, sizeof(hk_hmac_sha1_key), sizeof(hk_hmac_sha1_ctx), w1_key_init_impl,
     w1_key_init, w1_key_wipe, w1_init, w1_update, w1_final, w1_oneshot, w1_hash},
};

static int impls_for(const mac_alg *m, int impls[3])
{
    int n = 0;
    impls[n++] = HK_HASH_IMPL_PORTABLE;
    if (hk_hash_impl_available(HK_HASH_IMPL_SHANI, m->tlen))
        impls[n++] = HK_HASH_IMPL_SHANI;
    impls[n++] = HK_HASH_IMPL_AUTO;
    return n;
}

/*
 * Check one (key, message, tag) triple: one-shot, and with a key object of
 * every implementation over the whole message, cut at every split point and
 * byte by byte. Only the first tag_len bytes are compared (truncated tags).
 */
static void check_mac(const mac_alg *m, const uint8_t *key, size_t kn, const uint8_t *msg, size_t n,
                      const uint8_t *want, size_t tag_len, const char *what)
{
    uint8_t got[32];
    int impls[3], ni = impls_for(m, impls), k;
    size_t i;

    m->oneshot(key, kn, msg, n, got);
    if (memcmp(got, want, tag_len) != 0)
        fail_msg("%s %s: one-shot tag wrong", m->name, what);
    for (k = 0; k < ni; k++) {
        any_key key_obj;
        any_mac c;
        assert_int_equal(m->key_init_impl(&key_obj, key, kn, impls[k]), HK_OK);
        for (i = 0; i <= n; i++) {
            m->init(&c, &key_obj);
            m->update(&c, msg, i);
            m->update(&c, msg + i, n - i);
            m->final(&c, got);
            if (memcmp(got, want, tag_len) != 0)
                fail_msg("%s %s (impl %d): wrong tag with split at %zu", m->name, what, impls[k], i);
        }
        m->init(&c, &key_obj);
        for (i = 0; i < n; i++)
            m->update(&c, msg + i, 1);
        m->final(&c, got);
        if (memcmp(got, want, tag_len) != 0)
            fail_msg("%s %s (impl %d): wrong tag byte by byte", m->name, what, impls[k]);
        m->key_wipe(&key_obj);
    }
}

typedef struct {
    const char *key_hex; /* key as hex, or NULL to use key_text */
    const char *key_text;
    const char *data_hex;
    const char *data_text;
    const char *tag_hex; /* possibly truncated */
} mac_vector;

static void run_vectors(const mac_alg *m, const mac_vector *v, size_t count)
{
    size_t i;
    for (i = 0; i < count; i++) {
        uint8_t key[256], msg[256], want[32];
        size_t kn, n, tn;
        char what[32];
        if (v[i].key_hex != NULL) {
            kn = hk_test_unhex(v[i].key_hex, key, sizeof key);
        } else {
            kn = strlen(v[i].key_text);
            memcpy(key, v[i].key_text, kn);
        }
        if (v[i].data_hex != NULL) {
            n = hk_test_unhex(v[i].data_hex, msg, sizeof msg);
        } else {
            n = strlen(v[i].data_text);
            memcpy(msg, v[i].data_text, n);
        }
        tn = hk_test_unhex(v[i].tag_hex, want, sizeof want);
        assert_true(tn == m->tlen || tn == 16 || tn == 12);
        snprintf(what, sizeof what, "test case %zu", i + 1);
        check_mac(m, key, kn, msg, n, want, tn, what);
    }
}

#define AA20 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define AA80 AA20 AA20 AA20 AA20
#define DD50 "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define CD50 "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
#define KEY25 "0102030405060708090a0b0c0d0e0f10111213141516171819"

/* RFC 4231 section 4, test cases 1-7 (HMAC-SHA-256 column; case 5 is
 * truncated to 128 bits as in the RFC; cases 6 and 7 use a 131-byte key). */
static const mac_vector rfc4231[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", NULL, NULL, "Hi There",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
    {NULL, "Jefe", NULL, "what do ya want for nothing?",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    {AA20, NULL, DD50, NULL, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
    {KEY25, NULL, CD50, NULL, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
    {"0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", NULL, NULL, "Test With Truncation",
     "a3b6167473100ee06e0c796c2955552b"},
    {AA80 AA20 AA20 "aaaaaaaaaaaaaaaaaaaaaa", NULL, NULL, "Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    {AA80 AA20 AA20 "aaaaaaaaaaaaaaaaaaaaaa", NULL, NULL,
     "This is a test using a larger than block-size key and a larger than block-size data. "
     "The key needs to be hashed before being used by the HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
};

/* RFC 2202 section 3, test cases 1-7 (HMAC-SHA-1); case 5 with the full
 * digest (the RFC also lists its 96-bit truncation, checked below). */
static const mac_vector rfc2202[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", NULL, NULL, "Hi There",
     "b617318655057264e28bc0b6fb378c8ef146be00"},
    {NULL, "Jefe", NULL, "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
    {AA20, NULL, DD50, NULL, "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
    {KEY25, NULL, CD50, NULL, "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
    {"0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", NULL, NULL, "Test With Truncation",
     "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"},
    {AA80, NULL, NULL, "Test Using Larger Than Block-Size Key - Hash Key First",
     "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
    {AA80, NULL, NULL, "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data",
     "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
    {"0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", NULL, NULL, "Test With Truncation",
     "4c1a03424b55e07fe7f27be1"},
};

static void test_rfc4231(void **state)
{
    (void)state;
    run_vectors(&macs[MAC_SHA256], rfc4231, sizeof rfc4231 / sizeof rfc4231[0]);
}

static void test_rfc2202(void **state)
{
    (void)state;
    run_vectors(&macs[MAC_SHA1], rfc2202, sizeof rfc2202 / sizeof rfc2202[0]);
}

/* Empty key (NULL, 0) and empty message. Values: HMAC over empty key and
 * data as computed by OpenSSL (`openssl mac -digest SHA256 -macopt hexkey:`). */
static void test_empty(void **state)
{
    static const char *want_hex[MAC_COUNT] = {
        "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad",
        "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d",
    };
    int mi;
    (void)state;
    for (mi = 0; mi < MAC_COUNT; mi++) {
        const mac_alg *m = &macs[mi];
        uint8_t want[32], got[32];
        any_key k;
        any_mac c;
        hk_test_unhex(want_hex[mi], want, sizeof want);
        m->oneshot(NULL, 0, NULL, 0, got);
        assert_memory_equal(got, want, m->tlen);
        m->key_init(&k, NULL, 0);
        m->init(&c, &k);
        m->update(&c, NULL, 0);
        m->final(&c, got);
        assert_memory_equal(got, want, m->tlen);
        check_mac(m, NULL, 0, (const uint8_t *)"", 0, want, m->tlen, "empty");
    }
}

/*
 * RFC 2104 section 2: a key longer than the block (64 bytes) is replaced by
 * its hash; a key of at most 64 bytes is used as is. So HMAC(K65, m) ==
 * HMAC(H(K65), m), while HMAC(K64, m) != HMAC(H(K64), m).
 */
static void test_key_length_boundary(void **state)
{
    int mi;
    (void)state;
    for (mi = 0; mi < MAC_COUNT; mi++) {
        const mac_alg *m = &macs[mi];
        uint8_t key[200], hk[32], t1[32], t2[32];
        size_t kn;
        hk_test_rng rng;
        hk_test_rng_seed(&rng, 77);
        hk_test_rng_fill(&rng, key, sizeof key);
        for (kn = 60; kn <= 140; kn++) {
            m->hash(key, kn, hk);
            m->oneshot(key, kn, "msg", 3, t1);
            m->oneshot(hk, m->tlen, "msg", 3, t2);
            if (kn > 64)
                assert_memory_equal(t1, t2, m->tlen);
            else
                assert_memory_not_equal(t1, t2, m->tlen);
        }
        /* Zero bytes appended to a short key do not change it (zero padding). */
        memset(key + 10, 0, 54);
        m->oneshot(key, 10, "msg", 3, t1);
        m->oneshot(key, 64, "msg", 3, t2);
        assert_memory_equal(t1, t2, m->tlen);
    }
}

/* One key object, many messages, interleaved; the key object is not modified
 * by init/update/final, and each tag equals the one-shot tag. */
static void test_key_reuse(void **state)
{
    int mi;
    (void)state;
    for (mi = 0; mi < MAC_COUNT; mi++) {
        const mac_alg *m = &macs[mi];
        uint8_t key[100], msg[300], got[32], want[32];
        any_key k, copy;
        any_mac c1, c2;
        size_t i;
        hk_test_rng rng;
        hk_test_rng_seed(&rng, 1234);
        hk_test_rng_fill(&rng, key, sizeof key);
        hk_test_rng_fill(&rng, msg, sizeof msg);
        m->key_init(&k, key, 33);
        memcpy(&copy, &k, sizeof k);
        for (i = 0; i < 300; i += 7) {
            m->init(&c1, &k);
            m->init(&c2, &k);
            m->update(&c1, msg, i);
            m->update(&c2, msg + 1, i / 2);
            m->final(&c1, got);
            m->oneshot(key, 33, msg, i, want);
            assert_memory_equal(got, want, m->tlen);
            m->final(&c2, got);
            m->oneshot(key, 33, msg + 1, i / 2, want);
            assert_memory_equal(got, want, m->tlen);
        }
        assert_memory_equal(&k, &copy, m->key_size);
        /* The caller's key bytes may be wiped right after key_init. */
        m->key_init(&k, key, 33);
        m->oneshot(key, 33, msg, 10, want);
        memset(key, 0, sizeof key);
        m->init(&c1, &k);
        m->update(&c1, msg, 10);
        m->final(&c1, got);
        assert_memory_equal(got, want, m->tlen);
    }
}

static void test_wipes(void **state)
{
    static const uint8_t zero[sizeof(any_key) + sizeof(any_mac)];
    int mi;
    (void)state;
    for (mi = 0; mi < MAC_COUNT; mi++) {
        const mac_alg *m = &macs[mi];
        any_key k;
        any_mac c;
        uint8_t out[32];
        m->key_init(&k, "secret key", 10);
        m->init(&c, &k);
        m->update(&c, "partial", 7);
        m->final(&c, out);
        assert_memory_equal(&c, zero, m->ctx_size);
        assert_memory_not_equal(&k, zero, m->key_size);
        m->key_wipe(&k);
        assert_memory_equal(&k, zero, m->key_size);
    }
}

static void test_key_init_impl_errors(void **state)
{
    hk_hmac_sha256_key k256;
    hk_hmac_sha1_key k1;
    uint8_t a[32], b[32];
    (void)state;
    assert_int_equal(hk_hmac_sha256_key_init_impl(NULL, "k", 1, HK_HASH_IMPL_AUTO),
                     HK_ERR_INVALID_ARG);
    assert_int_equal(hk_hmac_sha256_key_init_impl(&k256, NULL, 1, HK_HASH_IMPL_AUTO),
                     HK_ERR_INVALID_ARG);
    assert_int_equal(hk_hmac_sha1_key_init_impl(NULL, "k", 1, HK_HASH_IMPL_AUTO),
                     HK_ERR_INVALID_ARG);
    assert_int_equal(hk_hmac_sha1_key_init_impl(&k1, NULL, 1, HK_HASH_IMPL_AUTO),
                     HK_ERR_INVALID_ARG);
    /* Unknown impl: reported, key still usable on the portable path. */
    assert_int_equal(hk_hmac_sha256_key_init_impl(&k256, "Jefe", 4, 17), HK_ERR_INVALID_ARG);
    {
        hk_hmac_sha256_ctx c;
        hk_hmac_sha256_init(&c, &k256);
        hk_hmac_sha256_update(&c, "what do ya want for nothing?", 28);
        hk_hmac_sha256_final(&c, a);
        hk_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, b);
        assert_memory_equal(a, b, 32);
    }
    assert_int_equal(hk_hmac_sha1_key_init_impl(&k1, "Jefe", 4, 17), HK_ERR_INVALID_ARG);
    if (!hk_hash_impl_available(HK_HASH_IMPL_SHANI, 32)) {
        assert_int_equal(hk_hmac_sha256_key_init_impl(&k256, "k", 1, HK_HASH_IMPL_SHANI),
                         HK_ERR_UNSUPPORTED);
        assert_int_equal(hk_hmac_sha1_key_init_impl(&k1, "k", 1, HK_HASH_IMPL_SHANI),
                         HK_ERR_UNSUPPORTED);
    } else {
        assert_int_equal(hk_hmac_sha256_key_init_impl(&k256, "k", 1, HK_HASH_IMPL_SHANI), HK_OK);
        assert_int_equal(hk_hmac_sha1_key_init_impl(&k1, "k", 1, HK_HASH_IMPL_SHANI), HK_OK);
    }
    hk_hmac_sha256_key_wipe(&k256);
    hk_hmac_sha1_key_wipe(&k1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc4231),
        cmocka_unit_test(test_rfc2202),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_key_length_boundary),
        cmocka_unit_test(test_key_reuse),
        cmocka_unit_test(test_wipes),
        cmocka_unit_test(test_key_init_impl_errors),
    };
    return cmocka_run_group_tests_name("crypto_hmac", tests, NULL, NULL);
}
