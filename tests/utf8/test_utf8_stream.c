/*
 * UTF-8 validator: the incremental API - hk_utf8_final on incomplete input,
 * the sticky invalid state, copies of a state, argument handling and the
 * implementation selection functions.
 */
#include "utf8_check.h"

/* ---- streaming: final, sticky, splits -------------------------------------- */

static void test_final_incomplete(void **state)
{
    static const uint32_t cps[] = {0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF, 0xD7FF,
                                   0xE000};
    uint8_t b[4];
    size_t i, k, j, cut;
    (void)state;
    for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        size_t n = enc(cps[i], b);
        for (k = 0; k < nimpls; k++) {
            for (cut = 1; cut < n; cut++) {
                hk_utf8_state st;
                size_t off = 99;
                assert_int_equal(hk_utf8_init_impl(&st, impls[k]), HK_OK);
                /* Each prefix: OK so far, but final says incomplete and does
                 * not change the state. */
                assert_int_equal(hk_utf8_update(&st, b, cut, &off), HK_OK);
                assert_int_equal(off, 99);
                assert_int_equal(hk_utf8_final(&st), T_INC);
                assert_int_equal(hk_utf8_final(&st), T_INC);
                assert_int_equal(hk_utf8_validate_impl(b, cut, &off, impls[k]), T_INC);
                assert_int_equal(off, 0);
                /* An empty update changes nothing. */
                assert_int_equal(hk_utf8_update(&st, NULL, 0, &off), HK_OK);
                assert_int_equal(hk_utf8_final(&st), T_INC);
                /* Completing it one byte at a time. */
                for (j = cut; j < n; j++) {
                    assert_int_equal(hk_utf8_final(&st), T_INC);
                    assert_int_equal(hk_utf8_update(&st, b + j, 1, &off), HK_OK);
                }
                assert_int_equal(hk_utf8_final(&st), HK_OK);
                /* A copy of the state continues independently. */
                {
                    hk_utf8_state st2;
                    assert_int_equal(hk_utf8_init_impl(&st, impls[k]), HK_OK);
                    assert_int_equal(hk_utf8_update(&st, b, cut, NULL), HK_OK);
                    st2 = st;
                    assert_int_equal(hk_utf8_update(&st, "A", 1, &off), T_BAD);
                    assert_int_equal(off, 0);
                    assert_int_equal(hk_utf8_update(&st2, b + cut, n - cut, NULL), HK_OK);
                    assert_int_equal(hk_utf8_final(&st2), HK_OK);
                }
            }
        }
    }
    /* validate reports the lead byte of the unfinished sequence. */
    {
        uint8_t t[200];
        size_t off;
        filler(t, 190, 0, 3);
        memcpy(t + 190, "\xF0\x9F\x98", 3);
        assert_int_equal(hk_utf8_validate(t, 193, &off), T_INC);
        assert_int_equal(off, 190);
        for (k = 0; k < nimpls; k++) {
            off = 0;
            assert_int_equal(hk_utf8_validate_impl(t, 192, &off, impls[k]), T_INC);
            assert_int_equal(off, 190);
            assert_int_equal(hk_utf8_validate_impl(t, 191, &off, impls[k]), T_INC);
            assert_int_equal(off, 190);
            assert_int_equal(hk_utf8_validate_impl(t, 190, &off, impls[k]), HK_OK);
        }
    }
}

static void test_sticky(void **state)
{
    uint8_t big[300];
    size_t k;
    (void)state;
    memset(big, 'a', sizeof big);
    for (k = 0; k < nimpls; k++) {
        hk_utf8_state st;
        size_t off = 1234;
        assert_int_equal(hk_utf8_init_impl(&st, impls[k]), HK_OK);
        assert_int_equal(hk_utf8_update(&st, "ab\xC3", 3, &off), HK_OK);
        assert_int_equal(off, 1234);
        assert_int_equal(hk_utf8_update(&st, "\xC3", 1, &off), T_BAD);
        assert_int_equal(off, 0);
        assert_int_equal(hk_utf8_final(&st), T_BAD);
        /* Valid input, short or long, is refused; offset 0. */
        off = 5;
        assert_int_equal(hk_utf8_update(&st, "abc", 3, &off), T_BAD);
        assert_int_equal(off, 0);
        off = 5;
        assert_int_equal(hk_utf8_update(&st, big, sizeof big, &off), T_BAD);
        assert_int_equal(off, 0);
        off = 5;
        assert_int_equal(hk_utf8_update(&st, NULL, 0, &off), T_BAD);
        assert_int_equal(off, 0);
        assert_int_equal(hk_utf8_update(&st, big, 1, NULL), T_BAD);
        assert_int_equal(hk_utf8_final(&st), T_BAD);
        /* init starts afresh. */
        hk_utf8_init(&st);
        assert_int_equal(hk_utf8_update(&st, big, sizeof big, &off), HK_OK);
        assert_int_equal(hk_utf8_final(&st), HK_OK);
        /* Bad in the middle of a long chunk: offset within that chunk. */
        big[200] = 0xFF;
        assert_int_equal(hk_utf8_init_impl(&st, impls[k]), HK_OK);
        assert_int_equal(hk_utf8_update(&st, big, 10, &off), HK_OK);
        assert_int_equal(hk_utf8_update(&st, big + 10, 290, &off), T_BAD);
        assert_int_equal(off, 190);
        big[200] = 'a';
    }
}

/* The API's argument handling and the impl helpers. */
static void test_api(void **state)
{
    hk_utf8_state st, zero;
    size_t off = 42;
    (void)state;
    memset(&zero, 0, sizeof zero);
    hk_utf8_init(&st);
    assert_memory_equal(&st, &zero, sizeof st); /* zero-filled == initial */
    assert_int_equal(hk_utf8_update(&zero, "\xE2\x82\xAC", 3, &off), HK_OK);
    assert_int_equal(hk_utf8_final(&zero), HK_OK);
    assert_int_equal(off, 42);

    assert_int_equal(hk_utf8_update(NULL, "a", 1, &off), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_utf8_update(&st, NULL, 1, &off), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_utf8_final(&st), HK_OK);
    assert_int_equal(hk_utf8_update(&st, NULL, 0, &off), HK_OK);
    assert_int_equal(hk_utf8_final(NULL), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_utf8_validate(NULL, 0, &off), HK_OK);
    assert_int_equal(hk_utf8_validate(NULL, 1, &off), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_utf8_validate("\xC3\xA9", 2, NULL), HK_OK);
    assert_int_equal(hk_utf8_validate("\xC3", 1, NULL), T_INC);
    assert_int_equal(hk_utf8_validate("\xC3(", 2, NULL), T_BAD);
    assert_int_equal(off, 42);
    assert_int_equal(hk_utf8_validate_impl("a", 1, &off, 4), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_utf8_validate_impl("a", 1, &off, -1), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_utf8_init_impl(NULL, HK_UTF8_IMPL_AUTO), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_utf8_init_impl(&st, 99), HK_ERR_INVALID_ARG);
    assert_memory_equal(&st, &zero, sizeof st);

    /* Impl helpers. */
    assert_int_equal(hk_utf8_impl_available(HK_UTF8_IMPL_AUTO), 1);
    assert_int_equal(hk_utf8_impl_available(HK_UTF8_IMPL_PORTABLE), 1);
    assert_int_equal(hk_utf8_impl_available(-1), 0);
    assert_int_equal(hk_utf8_impl_available(4), 0);
    assert_string_equal(hk_utf8_impl_name(HK_UTF8_IMPL_AUTO), "auto");
    assert_string_equal(hk_utf8_impl_name(HK_UTF8_IMPL_PORTABLE), "portable");
    assert_string_equal(hk_utf8_impl_name(HK_UTF8_IMPL_SSSE3), "ssse3");
    assert_string_equal(hk_utf8_impl_name(HK_UTF8_IMPL_AVX2), "avx2");
    assert_string_equal(hk_utf8_impl_name(17), "unknown");
    assert_int_not_equal(hk_utf8_impl_selected(), HK_UTF8_IMPL_AUTO);
    assert_int_equal(hk_utf8_impl_available(hk_utf8_impl_selected()), 1);
    {
        int i;
        for (i = HK_UTF8_IMPL_PORTABLE; i <= HK_UTF8_IMPL_AVX2; i++) {
            int rc = hk_utf8_init_impl(&st, i);
            if (hk_utf8_impl_available(i)) {
                assert_int_equal(rc, HK_OK);
                assert_int_equal(hk_utf8_validate_impl("ok", 2, NULL, i), HK_OK);
            } else {
                /* Unsupported: falls back to the portable path. */
                assert_int_equal(rc, HK_ERR_UNSUPPORTED);
                assert_int_equal(hk_utf8_update(&st, "ok", 2, NULL), HK_OK);
                assert_int_equal(hk_utf8_validate_impl("ok", 2, NULL, i), HK_ERR_UNSUPPORTED);
            }
        }
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
        /* The library's CPUID check agrees with the compiler's. */
        __builtin_cpu_init();
        assert_int_equal(hk_utf8_impl_available(HK_UTF8_IMPL_SSSE3),
                         !!__builtin_cpu_supports("ssse3"));
        assert_int_equal(hk_utf8_impl_available(HK_UTF8_IMPL_AVX2),
                         !!__builtin_cpu_supports("avx2"));
#endif
        /* The SSE/AVX paths exist only on x86; elsewhere only portable. */
#if !defined(__x86_64__) && !defined(__i386__) && !defined(_M_X64) && !defined(_M_IX86)
        assert_int_equal(hk_utf8_impl_available(HK_UTF8_IMPL_SSSE3), 0);
        assert_int_equal(hk_utf8_impl_available(HK_UTF8_IMPL_AVX2), 0);
#endif
    }

    /* A corrupted state is treated as failed, never trusted. */
    st.state_ = 5;
    st.reserved_ = 0;
    off = 9;
    assert_int_equal(hk_utf8_update(&st, "a", 1, &off), T_BAD);
    assert_int_equal(off, 0);
    st.state_ = 0xFFFFFFFFu;
    assert_int_equal(hk_utf8_final(&st), T_BAD);
    hk_utf8_init(&st);
    st.reserved_ = 1000; /* unknown impl: falls back to AUTO */
    assert_int_equal(hk_utf8_update(&st, "a\xC3\xA9", 3, &off), HK_OK);
    assert_int_equal(hk_utf8_final(&st), HK_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_api),
        cmocka_unit_test(test_final_incomplete),
        cmocka_unit_test(test_sticky),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
