/*
 * fuzz_hash - differential check of the hash and HMAC streaming code.
 *
 * The first two bytes choose cut points and a key length; the rest is the
 * message. For SHA-1, SHA-256 and SHA-512 the one-shot digest must equal
 * the streamed one (cut in three pieces) on every implementation; for both
 * HMACs the one-shot tag must equal the tag from a key object of every
 * implementation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

#define FUZZ_CHECK(x) \
    do {              \
        if (!(x))     \
            abort();  \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int impls[2] = {HK_HASH_IMPL_PORTABLE, HK_HASH_IMPL_SHANI};
    const uint8_t *msg, *key;
    size_t n, c1, c2, kn;
    uint8_t want[64], got[64];
    int i;

    if (size < 2)
        return 0;
    msg = data + 2;
    n = size - 2;
    c1 = n ? data[0] % (n + 1) : 0;
    c2 = c1 + (n - c1) / 2;
    kn = data[1] % (n + 1);
    key = msg;

    hk_sha1(msg, n, want);
    hk_sha256(msg, n, want + 20);
    for (i = 0; i < 2; i++) {
        hk_sha1_ctx s1;
        hk_sha256_ctx s2;
        if (!hk_hash_impl_available(impls[i], 20))
            continue;
        FUZZ_CHECK(hk_sha1_init_impl(&s1, impls[i]) == HK_OK);
        hk_sha1_update(&s1, msg, c1);
        hk_sha1_update(&s1, msg + c1, c2 - c1);
        hk_sha1_update(&s1, msg + c2, n - c2);
        hk_sha1_final(&s1, got);
        FUZZ_CHECK(memcmp(got, want, 20) == 0);
        FUZZ_CHECK(hk_sha256_init_impl(&s2, impls[i]) == HK_OK);
        hk_sha256_update(&s2, msg, c1);
        hk_sha256_update(&s2, msg + c1, c2 - c1);
        hk_sha256_update(&s2, msg + c2, n - c2);
        hk_sha256_final(&s2, got);
        FUZZ_CHECK(memcmp(got, want + 20, 32) == 0);
    }
    {
        hk_sha512_ctx s5;
        hk_sha512(msg, n, want);
        hk_sha512_init(&s5);
        hk_sha512_update(&s5, msg, c1);
        hk_sha512_update(&s5, msg + c1, c2 - c1);
        hk_sha512_update(&s5, msg + c2, n - c2);
        hk_sha512_final(&s5, got);
        FUZZ_CHECK(memcmp(got, want, 64) == 0);
    }

    hk_hmac_sha256(key, kn, msg + kn, n - kn, want);
    hk_hmac_sha1(key, kn, msg + kn, n - kn, want + 32);
    for (i = 0; i < 2; i++) {
        hk_hmac_sha256_key k2;
        hk_hmac_sha256_ctx h2;
        hk_hmac_sha1_key k1;
        hk_hmac_sha1_ctx h1;
        if (!hk_hash_impl_available(impls[i], 32))
            continue;
        FUZZ_CHECK(hk_hmac_sha256_key_init_impl(&k2, key, kn, impls[i]) == HK_OK);
        hk_hmac_sha256_init(&h2, &k2);
        hk_hmac_sha256_update(&h2, msg + kn, n - kn);
        hk_hmac_sha256_final(&h2, got);
        FUZZ_CHECK(memcmp(got, want, 32) == 0);
        hk_hmac_sha256_key_wipe(&k2);
        FUZZ_CHECK(hk_hmac_sha1_key_init_impl(&k1, key, kn, impls[i]) == HK_OK);
        hk_hmac_sha1_init(&h1, &k1);
        hk_hmac_sha1_update(&h1, msg + kn, n - kn);
        hk_hmac_sha1_final(&h1, got);
        FUZZ_CHECK(memcmp(got, want + 32, 20) == 0);
        hk_hmac_sha1_key_wipe(&k1);
    }
    return 0;
}
