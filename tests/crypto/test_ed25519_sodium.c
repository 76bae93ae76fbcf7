/*
 * Differential test of Ed25519 against libsodium (built only when libsodium
 * is found): the same public keys and signatures for random seeds and
 * messages, and the same accept/reject decision of hk_ed25519_verify and
 * crypto_sign_verify_detached on mutated signatures (bit flips, S + L, S = L,
 * S >= L, non-canonical, off-curve and small-order R), mutated keys (bit
 * flips, small-order, non-canonical and off-curve encodings), mutated
 * messages, and signatures made with a mixed-order key (A plus a point of
 * small order) and a mixed-order R, where the cofactorless equation accepts
 * some and refuses others.
 *
 * The number of random cases is 1000, or the value of HK_ED25519_DIFF_CASES
 * from the environment (for long runs by hand).
 */
#include "hk_test.h"

#include <sodium.h>

static const char *const DIFF_SMALL[] = { /* y of the small-order points */
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
};
#define DIFF_NSMALL 5

static const uint8_t DIFF_L[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};

typedef struct {
    unsigned long cases, verifies, accepted, rejected, torsion_accepted, torsion_rejected;
} diff_stats;

static void diff_check(diff_stats *st, const uint8_t sig[64], const uint8_t *msg, size_t n,
                       const uint8_t pk[32], const char *what)
{
    int ours = hk_ed25519_verify(sig, msg, n, pk);
    int theirs = crypto_sign_verify_detached(sig, msg, n, pk);
    st->verifies++;
    if ((ours == HK_OK) != (theirs == 0)) {
        char hs[129], hp[65];
        hk_hex_encode(hs, sig, 64);
        hs[128] = 0;
        hk_hex_encode(hp, pk, 32);
        hp[64] = 0;
        print_error("%s: hooksock %s, libsodium %d\n sig %s\n pk  %s\n n %zu\n", what,
                    hk_error_name(ours), theirs, hs, hp, n);
        fail();
    }
    /* a rejection always has a specific code */
    if (ours != HK_OK)
        assert_true(ours == HK_ERR_SIGNATURE || ours == HK_ERR_SIGNATURE_ENCODING ||
                    ours == HK_ERR_KEY_FORMAT);
    if (ours == HK_OK)
        st->accepted++;
    else
        st->rejected++;
}

static void diff_add256(uint8_t r[32], const uint8_t a[32], const uint8_t b[32])
{
    unsigned c = 0;
    int i;
    for (i = 0; i < 32; i++) {
        c += (unsigned)a[i] + b[i];
        r[i] = (uint8_t)c;
        c >>= 8;
    }
}

/* A random small-order point encoding with a random sign bit (skipping the
 * non-canonical x = 0 ones when canonical is asked for). */
static void diff_small(hk_test_rng *rng, uint8_t out[32], int canonical)
{
    size_t i = (size_t)hk_test_rng_below(rng, DIFF_NSMALL);
    hk_test_unhex(DIFF_SMALL[i], out, 32);
    if (!(canonical && (i == 1 || i == 4)) && (hk_test_rng_next(rng) & 1))
        out[31] |= 0x80;
}

/* A random encoding with y >= p. */
static void diff_noncanonical(hk_test_rng *rng, uint8_t out[32])
{
    memset(out, 0xff, 32);
    out[0] = (uint8_t)(0xed + hk_test_rng_below(rng, 0x100 - 0xed));
    out[31] = (hk_test_rng_next(rng) & 1) ? 0xff : 0x7f;
}

static void diff_mutations(diff_stats *st, hk_test_rng *rng, const uint8_t sig[64],
                           uint8_t *msg, size_t n, const uint8_t pk[32])
{
    uint8_t s[64], k[32];
    int j;

    diff_check(st, sig, msg, n, pk, "valid");
    /* 1 to 3 random bit flips in the signature */
    for (j = 0; j < 4; j++) {
        int flips = 1 + (int)hk_test_rng_below(rng, 3), f;
        memcpy(s, sig, 64);
        for (f = 0; f < flips; f++) {
            unsigned bit = (unsigned)hk_test_rng_below(rng, 512);
            s[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        diff_check(st, s, msg, n, pk, "sig bit flip");
    }
    /* S + L, S + 2L, S = L, S = L - 1, S with the top 3 bits set */
    memcpy(s, sig, 64);
    diff_add256(s + 32, sig + 32, DIFF_L);
    diff_check(st, s, msg, n, pk, "S+L");
    diff_add256(s + 32, s + 32, DIFF_L);
    diff_check(st, s, msg, n, pk, "S+2L");
    memcpy(s + 32, DIFF_L, 32);
    diff_check(st, s, msg, n, pk, "S=L");
    s[32] = (uint8_t)(s[32] - 1);
    diff_check(st, s, msg, n, pk, "S=L-1");
    memcpy(s, sig, 64);
    s[63] |= 0xe0;
    diff_check(st, s, msg, n, pk, "S top bits");
    /* R: non-canonical, small order, random bytes, sign flipped */
    memcpy(s, sig, 64);
    diff_noncanonical(rng, s);
    diff_check(st, s, msg, n, pk, "R non-canonical");
    diff_small(rng, s, 0);
    diff_check(st, s, msg, n, pk, "R small order");
    hk_test_rng_fill(rng, s, 32);
    diff_check(st, s, msg, n, pk, "R random");
    memcpy(s, sig, 64);
    s[31] ^= 0x80;
    diff_check(st, s, msg, n, pk, "R negated");
    /* the key */
    memcpy(k, pk, 32);
    j = (int)hk_test_rng_below(rng, 256);
    k[j / 8] ^= (uint8_t)(1u << (j % 8));
    diff_check(st, sig, msg, n, k, "pk bit flip");
    diff_small(rng, k, 0);
    diff_check(st, sig, msg, n, k, "pk small order");
    diff_noncanonical(rng, k);
    diff_check(st, sig, msg, n, k, "pk non-canonical");
    hk_test_rng_fill(rng, k, 32);
    diff_check(st, sig, msg, n, k, "pk random");
    memcpy(k, pk, 32);
    k[31] ^= 0x80;
    diff_check(st, sig, msg, n, k, "pk negated");
    /* the message */
    if (n > 0) {
        size_t at = (size_t)hk_test_rng_below(rng, n);
        msg[at] ^= 0x01;
        diff_check(st, sig, msg, n, pk, "msg bit flip");
        msg[at] ^= 0x01;
        diff_check(st, sig, msg, n - 1, pk, "msg truncated");
    }
    diff_check(st, sig, msg, n + 1, pk, "msg extended");
}

/*
 * A signature under a mixed-order key A' = [a]B + T with R = [r]B + Tr, S =
 * r + k a, k = H(R || A' || M): [S]B = R + [k]A' holds iff Tr + [k]T = 0, so
 * the cofactorless check accepts a fraction of these and must agree.
 */
static void diff_torsion(diff_stats *st, hk_test_rng *rng, uint8_t *msg, size_t n)
{
    uint8_t wide[64], a[32], r[32], A[32], A2[32], R0[32], sig[64], t[32], h[64], k[32];
    crypto_hash_sha512_state hs;
    unsigned long acc_before = st->accepted;
    hk_test_rng_fill(rng, wide, 64);
    crypto_core_ed25519_scalar_reduce(a, wide);
    hk_test_rng_fill(rng, wide, 64);
    crypto_core_ed25519_scalar_reduce(r, wide);
    assert_int_equal(crypto_scalarmult_ed25519_base_noclamp(A, a), 0);
    assert_int_equal(crypto_scalarmult_ed25519_base_noclamp(R0, r), 0);
    diff_small(rng, t, 1);
    assert_int_equal(crypto_core_ed25519_add(A2, A, t), 0);
    diff_small(rng, t, 1);
    assert_int_equal(crypto_core_ed25519_add(sig, R0, t), 0);
    crypto_hash_sha512_init(&hs);
    crypto_hash_sha512_update(&hs, sig, 32);
    crypto_hash_sha512_update(&hs, A2, 32);
    crypto_hash_sha512_update(&hs, msg, n);
    crypto_hash_sha512_final(&hs, h);
    crypto_core_ed25519_scalar_reduce(k, h);
    crypto_core_ed25519_scalar_mul(sig + 32, k, a);
    crypto_core_ed25519_scalar_add(sig + 32, sig + 32, r);
    diff_check(st, sig, msg, n, A2, "mixed-order key and R");
    if (st->accepted > acc_before)
        st->torsion_accepted++;
    else
        st->torsion_rejected++;
}

static void test_differential(void **state)
{
    hk_test_rng rng;
    diff_stats st;
    unsigned long i, cases = 1000;
    const char *env = getenv("HK_ED25519_DIFF_CASES");
    (void)state;
    if (env != NULL && *env)
        cases = strtoul(env, NULL, 10);
    memset(&st, 0, sizeof st);
    hk_test_rng_seed(&rng, 0x5eed25519);
    for (i = 0; i < cases; i++) {
        uint8_t seed[32], pk[32], sk[64], spk[32], ssk[64], sig[64], ssig[64], msg[257];
        size_t n = (size_t)hk_test_rng_below(&rng, 256);
        int j;
        hk_test_rng_fill(&rng, seed, 32);
        hk_test_rng_fill(&rng, msg, sizeof msg);
        assert_int_equal(hk_ed25519_keypair(pk, sk, seed), HK_OK);
        assert_int_equal(crypto_sign_seed_keypair(spk, ssk, seed), 0);
        assert_memory_equal(pk, spk, 32);
        assert_memory_equal(sk, ssk, 64);
        assert_int_equal(hk_ed25519_sign(sig, msg, n, sk), HK_OK);
        assert_int_equal(crypto_sign_detached(ssig, NULL, msg, n, ssk), 0);
        assert_memory_equal(sig, ssig, 64);
        diff_mutations(&st, &rng, sig, msg, n, pk);
        for (j = 0; j < 4; j++)
            diff_torsion(&st, &rng, msg, n);
        st.cases++;
    }
    printf("ed25519 vs libsodium: %lu cases, %lu verifications agreed (%lu accepted, "
           "%lu rejected); mixed-order signatures: %lu accepted, %lu rejected\n",
           st.cases, st.verifies, st.accepted, st.rejected, st.torsion_accepted,
           st.torsion_rejected);
    /* both outcomes of the mixed-order construction must have occurred */
    if (cases >= 100) {
        assert_true(st.torsion_accepted > 0);
        assert_true(st.torsion_rejected > 0);
    }
}

static int diff_setup(void **state)
{
    (void)state;
    return sodium_init() < 0 ? -1 : 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_differential),
    };
    return cmocka_run_group_tests(tests, diff_setup, NULL);
}
