/* Tests of hk_ct_equal and hk_wipe. (Constant time is a property of the
 * code, reviewed in lib/crypto/secret.c; here: the results.) */
#include "hk_test.h"

static void test_ct_equal(void **state)
{
    uint8_t a[257], b[257];
    size_t n, i;
    int bit;
    hk_test_rng rng;
    (void)state;
    hk_test_rng_seed(&rng, 99);
    hk_test_rng_fill(&rng, a, sizeof a);
    memcpy(b, a, sizeof a);
    assert_int_equal(hk_ct_equal(NULL, NULL, 0), 1);
    assert_int_equal(hk_ct_equal(a, b, 0), 1);
    for (n = 1; n <= sizeof a; n += n < 40 ? 1 : 31) {
        assert_int_equal(hk_ct_equal(a, b, n), 1);
        assert_int_equal(hk_ct_equal(a, a, n), 1);
        /* A difference in any bit of any byte gives exactly 0. */
        for (i = 0; i < n; i++) {
            for (bit = 0; bit < 8; bit++) {
                b[i] ^= (uint8_t)(1u << bit);
                assert_int_equal(hk_ct_equal(a, b, n), 0);
                assert_int_equal(hk_ct_equal(b, a, n), 0);
                b[i] ^= (uint8_t)(1u << bit);
            }
        }
        /* A difference just past n does not count. */
        b[n - 1 + (n < sizeof a)] ^= 0x55;
        if (n < sizeof a)
            assert_int_equal(hk_ct_equal(a, b, n), 1);
        b[n - 1 + (n < sizeof a)] ^= 0x55;
    }
    /* All bytes different, and 0x00 vs 0xff. */
    memset(a, 0, sizeof a);
    memset(b, 0xff, sizeof b);
    assert_int_equal(hk_ct_equal(a, b, sizeof a), 0);
}

static void test_wipe(void **state)
{
    static const uint8_t zero[100];
    uint8_t buf[100];
    uint8_t *heap = malloc(100);
    (void)state;
    assert_non_null(heap);
    memset(buf, 0xa5, sizeof buf);
    hk_wipe(buf + 10, 50);
    assert_memory_equal(buf + 10, zero, 50);
    assert_int_equal(buf[9], 0xa5);
    assert_int_equal(buf[60], 0xa5);
    memset(heap, 0x5a, 100);
    hk_wipe(heap, 100);
    assert_memory_equal(heap, zero, 100);
    free(heap);
    hk_wipe(NULL, 0);
    hk_wipe(buf, 0);
    assert_int_equal(buf[0], 0xa5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ct_equal),
        cmocka_unit_test(test_wipe),
    };
    return cmocka_run_group_tests_name("crypto_secret", tests, NULL, NULL);
}
