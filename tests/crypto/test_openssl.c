/*
 * Cross-check against OpenSSL 3's libcrypto (EVP_Digest, HMAC): SHA-1,
 * SHA-256, SHA-512, HMAC-SHA256 and HMAC-SHA1 of pseudo-random messages of
 * every length 0..300 and some large ones, with random keys of 0..200 bytes,
 * through the one-shot calls and the streaming calls cut at random points,
 * with every hash implementation this CPU has. Built only when libcrypto is
 * found.
 */
#include "hk_test.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

static int impls_for(size_t dlen, int impls[2])
{
    int n = 0;
    impls[n++] = HK_HASH_IMPL_PORTABLE;
    if (hk_hash_impl_available(HK_HASH_IMPL_SHANI, dlen))
        impls[n++] = HK_HASH_IMPL_SHANI;
    return n;
}

static void ossl_digest(const EVP_MD *md, const uint8_t *p, size_t n, uint8_t *out, size_t dlen)
{
    unsigned len = 0;
    assert_int_equal(EVP_Digest(p, n, out, &len, md, NULL), 1);
    assert_int_equal(len, dlen);
}

static void ossl_hmac(const EVP_MD *md, const uint8_t *key, size_t kn, const uint8_t *p, size_t n,
                      uint8_t *out, size_t dlen)
{
    unsigned len = 0;
    static const uint8_t empty[1];
    /* OpenSSL wants a non-NULL key pointer even for an empty key. */
    assert_non_null(HMAC(md, kn ? key : empty, (int)kn, p, n, out, &len));
    assert_int_equal(len, dlen);
}

/* Random piece lengths for the streaming calls. */
static size_t piece(hk_test_rng *rng, size_t left)
{
    size_t k = (size_t)hk_test_rng_below(rng, 150);
    if (hk_test_rng_below(rng, 8) == 0)
        k += (size_t)hk_test_rng_below(rng, 5000);
    return k < left ? k : left;
}

static void check_one(hk_test_rng *rng, const uint8_t *msg, size_t n, const uint8_t *key, size_t kn)
{
    uint8_t want[64], got[64];
    int impls[2], ni, k;
    size_t off;

    /* SHA-1 */
    ossl_digest(EVP_sha1(), msg, n, want, 20);
    hk_sha1(msg, n, got);
    assert_memory_equal(got, want, 20);
    ni = impls_for(20, impls);
    for (k = 0; k < ni; k++) {
        hk_sha1_ctx c;
        assert_int_equal(hk_sha1_init_impl(&c, impls[k]), HK_OK);
        for (off = 0; off < n;) {
            size_t p = piece(rng, n - off);
            hk_sha1_update(&c, msg + off, p);
            off += p;
        }
        hk_sha1_final(&c, got);
        if (memcmp(got, want, 20) != 0)
            fail_msg("SHA-1 impl %d differs from OpenSSL at length %zu", impls[k], n);
    }

    /* SHA-256 */
    ossl_digest(EVP_sha256(), msg, n, want, 32);
    hk_sha256(msg, n, got);
    assert_memory_equal(got, want, 32);
    ni = impls_for(32, impls);
    for (k = 0; k < ni; k++) {
        hk_sha256_ctx c;
        assert_int_equal(hk_sha256_init_impl(&c, impls[k]), HK_OK);
        for (off = 0; off < n;) {
            size_t p = piece(rng, n - off);
            hk_sha256_update(&c, msg + off, p);
            off += p;
        }
        hk_sha256_final(&c, got);
        if (memcmp(got, want, 32) != 0)
            fail_msg("SHA-256 impl %d differs from OpenSSL at length %zu", impls[k], n);
    }

    /* SHA-512 */
    ossl_digest(EVP_sha512(), msg, n, want, 64);
    hk_sha512(msg, n, got);
    assert_memory_equal(got, want, 64);
    {
        hk_sha512_ctx c;
        hk_sha512_init(&c);
        for (off = 0; off < n;) {
            size_t p = piece(rng, n - off);
            hk_sha512_update(&c, msg + off, p);
            off += p;
        }
        hk_sha512_final(&c, got);
        if (memcmp(got, want, 64) != 0)
            fail_msg("SHA-512 differs from OpenSSL at length %zu", n);
    }

    /* HMAC-SHA256 */
    ossl_hmac(EVP_sha256(), key, kn, msg, n, want, 32);
    hk_hmac_sha256(key, kn, msg, n, got);
    if (memcmp(got, want, 32) != 0)
        fail_msg("HMAC-SHA256 differs from OpenSSL: key %zu, length %zu", kn, n);
    ni = impls_for(32, impls);
    for (k = 0; k < ni; k++) {
        hk_hmac_sha256_key key_obj;
        hk_hmac_sha256_ctx c;
        assert_int_equal(hk_hmac_sha256_key_init_impl(&key_obj, key, kn, impls[k]), HK_OK);
        hk_hmac_sha256_init(&c, &key_obj);
        for (off = 0; off < n;) {
            size_t p = piece(rng, n - off);
            hk_hmac_sha256_update(&c, msg + off, p);
            off += p;
        }
        hk_hmac_sha256_final(&c, got);
        if (memcmp(got, want, 32) != 0)
            fail_msg("HMAC-SHA256 impl %d differs from OpenSSL: key %zu, length %zu", impls[k], kn,
                     n);
        hk_hmac_sha256_key_wipe(&key_obj);
    }

    /* HMAC-SHA1 */
    ossl_hmac(EVP_sha1(), key, kn, msg, n, want, 20);
    hk_hmac_sha1(key, kn, msg, n, got);
    if (memcmp(got, want, 20) != 0)
        fail_msg("HMAC-SHA1 differs from OpenSSL: key %zu, length %zu", kn, n);
    ni = impls_for(20, impls);
    for (k = 0; k < ni; k++) {
        hk_hmac_sha1_key key_obj;
        hk_hmac_sha1_ctx c;
        assert_int_equal(hk_hmac_sha1_key_init_impl(&key_obj, key, kn, impls[k]), HK_OK);
        hk_hmac_sha1_init(&c, &key_obj);
        for (off = 0; off < n;) {
            size_t p = piece(rng, n - off);
            hk_hmac_sha1_update(&c, msg + off, p);
            off += p;
        }
        hk_hmac_sha1_final(&c, got);
        if (memcmp(got, want, 20) != 0)
            fail_msg("HMAC-SHA1 impl %d differs from OpenSSL: key %zu, length %zu", impls[k], kn, n);
        hk_hmac_sha1_key_wipe(&key_obj);
    }
}

static void test_small_lengths(void **state)
{
    uint8_t msg[301], key[201];
    hk_test_rng rng;
    size_t n;
    int round;
    (void)state;
    hk_test_rng_seed(&rng, 0x0551);
    for (round = 0; round < 3; round++) {
        for (n = 0; n <= 300; n++) {
            size_t kn = (size_t)hk_test_rng_below(&rng, 201);
            hk_test_rng_fill(&rng, msg, n);
            hk_test_rng_fill(&rng, key, kn);
            check_one(&rng, msg, n, key, kn);
        }
    }
}

static void test_large_lengths(void **state)
{
    static const size_t lens[] = {1000, 4095, 65536, 65536 + 63, (1u << 20) + 17, 3u << 20};
    size_t maxn = 3u << 20, i;
    uint8_t *msg = malloc(maxn), key[200];
    hk_test_rng rng;
    (void)state;
    assert_non_null(msg);
    hk_test_rng_seed(&rng, 0xb16);
    hk_test_rng_fill(&rng, msg, maxn);
    for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        size_t kn = (size_t)hk_test_rng_below(&rng, 200);
        hk_test_rng_fill(&rng, key, kn);
        check_one(&rng, msg, lens[i], key, kn);
    }
    free(msg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_lengths),
        cmocka_unit_test(test_large_lengths),
    };
    return cmocka_run_group_tests_name("crypto_openssl", tests, NULL, NULL);
}
