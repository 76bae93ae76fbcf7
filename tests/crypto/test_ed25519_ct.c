/*
 * Constant-time check of Ed25519 key generation and signing under valgrind
 * memcheck (the "ctgrind" method): the secret (seed, secret key, and in one
 * run the message) is marked undefined with VALGRIND_MAKE_MEM_UNDEFINED, so
 * memcheck reports every conditional branch and every memory address that
 * depends on it. Run as `valgrind --error-exitcode=1 test_ed25519_ct`;
 * outputs are declassified (VALGRIND_MAKE_MEM_DEFINED) before they are
 * compared with the expected values, which are checked too.
 *
 * With the argument --selftest-leak the program branches on a secret byte on
 * purpose: that run must fail under valgrind, which shows that the check can
 * fail at all (registered as an expected failure).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <valgrind/memcheck.h>

#include <hooksock.h>

#define CT_SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define CT_PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static int ct_failures;

static void ct_expect(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "FAIL: %s\n", what);
        ct_failures++;
    }
}

/* RFC 8032 section 7.1, TEST 2 */
static const uint8_t CT_SEED[32] = {
    0x4c, 0xcd, 0x08, 0x9b, 0x28, 0xff, 0x96, 0xda, 0x9d, 0xb6, 0xc3, 0x46,
    0xec, 0x11, 0x4e, 0x0f, 0x5b, 0x8a, 0x31, 0x9f, 0x35, 0xab, 0xa6, 0x24,
    0xda, 0x8c, 0xf6, 0xed, 0x4f, 0xb8, 0xa6, 0xfb};
static const uint8_t CT_PK[32] = {
    0x3d, 0x40, 0x17, 0xc3, 0xe8, 0x43, 0x89, 0x5a, 0x92, 0xb7, 0x0a, 0xa7,
    0x4d, 0x1b, 0x7e, 0xbc, 0x9c, 0x98, 0x2c, 0xcf, 0x2e, 0xc4, 0x96, 0x8c,
    0xc0, 0xcd, 0x55, 0xf1, 0x2a, 0xf4, 0x66, 0x0c};
static const uint8_t CT_SIG[64] = {
    0x92, 0xa0, 0x09, 0xa9, 0xf0, 0xd4, 0xca, 0xb8, 0x72, 0x0e, 0x82, 0x0b,
    0x5f, 0x64, 0x25, 0x40, 0xa2, 0xb2, 0x7b, 0x54, 0x16, 0x50, 0x3f, 0x8f,
    0xb3, 0x76, 0x22, 0x23, 0xeb, 0xdb, 0x69, 0xda, 0x08, 0x5a, 0xc1, 0xe4,
    0x3e, 0x15, 0x99, 0x6e, 0x45, 0x8f, 0x36, 0x13, 0xd0, 0xf1, 0x1d, 0x8c,
    0x38, 0x7b, 0x2e, 0xae, 0xb4, 0x30, 0x2a, 0xee, 0xb0, 0x0d, 0x29, 0x16,
    0x12, 0xbb, 0x0c, 0x00};

/* keypair + sign with everything secret marked undefined; returns 0 if the
 * declassified outputs verify. */
static void ct_run(const uint8_t seed[32], uint8_t *msg, size_t n, int secret_msg,
                   uint8_t pk_out[32], uint8_t sig_out[64])
{
    uint8_t s[32], pk[32], sk[64], sig[64], bad[64];
    int rc;
    memcpy(s, seed, 32);
    CT_SECRET(s, 32);
    rc = hk_ed25519_keypair(pk, sk, s);
    CT_PUBLIC(&rc, sizeof rc);
    ct_expect(rc == HK_OK, "keypair");
    CT_PUBLIC(pk, 32); /* the public key is public */

    CT_SECRET(sk, 64);
    if (secret_msg)
        CT_SECRET(msg, n);
    rc = hk_ed25519_sign(sig, msg, n, sk);
    CT_PUBLIC(&rc, sizeof rc);
    CT_PUBLIC(sig, 64);
    CT_PUBLIC(msg, n);
    ct_expect(rc == HK_OK, "sign");
    ct_expect(hk_ed25519_verify(sig, msg, n, pk) == HK_OK, "signature verifies");

    /* a secret key whose public half is wrong: the mismatch is found in
     * constant time too */
    memcpy(bad, sk, 64);
    CT_PUBLIC(bad, 64);
    bad[40] ^= 1;
    CT_SECRET(bad, 64);
    rc = hk_ed25519_sign(sig, msg, n, bad);
    CT_PUBLIC(&rc, sizeof rc);
    ct_expect(rc == HK_ERR_KEY_MISMATCH, "key mismatch");
    memcpy(pk_out, pk, 32);
    rc = hk_ed25519_sign(sig_out, msg, n, sk);
    CT_PUBLIC(sig_out, 64);
    CT_PUBLIC(&rc, sizeof rc);
    ct_expect(rc == HK_OK, "sign again");
}

int main(int argc, char **argv)
{
    uint8_t pk[32], sig[64], msg[200], seed[32];
    uint64_t x = 0x0123456789abcdefULL;
    int i, j;

    if (argc > 1 && strcmp(argv[1], "--selftest-leak") == 0) {
        memcpy(seed, CT_SEED, 32);
        CT_SECRET(seed, 32);
        if (seed[0] & 1) /* a secret-dependent branch: must be reported */
            puts("odd");
        return 0;
    }

    /* Known answer: RFC 8032 TEST 2 (message 0x72) */
    msg[0] = 0x72;
    ct_run(CT_SEED, msg, 1, 0, pk, sig);
    ct_expect(memcmp(pk, CT_PK, 32) == 0, "TEST 2 public key");
    ct_expect(memcmp(sig, CT_SIG, 64) == 0, "TEST 2 signature");

    /* More seeds and messages (xorshift), the message secret in half of
     * them; outputs are checked by verification. */
    for (i = 0; i < 6; i++) {
        size_t n = (size_t)(i * 37) % sizeof msg;
        for (j = 0; j < 32; j++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            seed[j] = (uint8_t)x;
        }
        for (j = 0; j < (int)sizeof msg; j++)
            msg[j] = (uint8_t)(x >> (j % 56));
        ct_run(seed, msg, n, i & 1, pk, sig);
    }
    if (ct_failures) {
        fprintf(stderr, "%d check(s) failed\n", ct_failures);
        return 1;
    }
    puts("ed25519 constant-time check: keypair and sign ran on undefined secrets");
    return 0;
}
