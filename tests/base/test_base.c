/* Tests of lib/base: version, error model, allocator, random source. */
#include "hk_test.h"

static void test_version(void **state)
{
    const char *s = NULL;
    char buf[32];
    (void)state;
    assert_int_equal(hk_version(&s), HK_VERSION_NUMBER);
    assert_non_null(s);
    assert_string_equal(s, HK_VERSION_STRING);
    snprintf(buf, sizeof buf, "%d.%d.%d", HK_VERSION_MAJOR, HK_VERSION_MINOR, HK_VERSION_PATCH);
    assert_string_equal(s, buf);
    assert_int_equal(hk_version(NULL), HK_VERSION_NUMBER);
}

/* Every code in the list has a unique value, a name that matches its enum
 * constant, a description, and the fatal flag its range says. */
#define HK_T_ENTRY(name, value, text) {HK_##name, value, "HK_" #name, text},
static const struct {
    int code, value;
    const char *name, *text;
} all_errors[] = {HK_ERROR_LIST(HK_T_ENTRY)};

static void test_error_table(void **state)
{
    size_t i, j, n = sizeof all_errors / sizeof all_errors[0];
    (void)state;
    assert_true(n > 50);
    for (i = 0; i < n; i++) {
        assert_int_equal(all_errors[i].code, all_errors[i].value);
        assert_true(all_errors[i].code < 0);
        assert_string_equal(hk_error_name(all_errors[i].code), all_errors[i].name);
        assert_string_equal(hk_strerror(all_errors[i].code), all_errors[i].text);
        assert_int_equal(hk_is_fatal(all_errors[i].code), all_errors[i].code <= -100);
        for (j = i + 1; j < n; j++)
            assert_int_not_equal(all_errors[i].code, all_errors[j].code);
    }
}

static void test_error_edges(void **state)
{
    (void)state;
    assert_string_equal(hk_error_name(HK_OK), "HK_OK");
    assert_string_equal(hk_strerror(HK_OK), "success");
    assert_string_equal(hk_error_name(-99999), "HK_ERR_UNKNOWN");
    assert_string_equal(hk_strerror(-99999), "unknown error");
    assert_string_equal(hk_strerror(12345), "unknown error");
    assert_int_equal(hk_is_fatal(HK_OK), 0);
    assert_int_equal(hk_is_fatal(HK_ERR_WOULD_BLOCK), 0);
    assert_int_equal(hk_is_fatal(HK_ERR_NEED_MORE), 0);
    assert_int_equal(hk_is_fatal(HK_ERR_NOMEM), 1);
    assert_int_equal(hk_is_fatal(HK_ERR_WS_INVALID_UTF8), 1);
    assert_int_equal(hk_is_fatal(7), 0);
    assert_string_equal(hk_strerror(HK_ERR_BASE64_PADDING), "base64: invalid padding");
}

static void test_allocator_default(void **state)
{
    const hk_allocator *a = hk_allocator_default();
    uint8_t *p;
    (void)state;
    assert_non_null(a);
    assert_non_null(a->malloc_fn);
    p = a->malloc_fn(100, a->user);
    assert_non_null(p);
    memset(p, 0xab, 100);
    p = a->realloc_fn(p, 100, 1000, a->user);
    assert_non_null(p);
    assert_int_equal(p[99], 0xab);
    a->free_fn(p, 1000, a->user);
}

static void test_random_default(void **state)
{
    uint8_t a[64], b[64], zero[64];
    (void)state;
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    memset(zero, 0, sizeof zero);
    assert_int_equal(hk_random_default(NULL, a, sizeof a), HK_OK);
    assert_int_equal(hk_random_default(NULL, b, sizeof b), HK_OK);
    /* 2^-512 chance of a false failure. */
    assert_memory_not_equal(a, b, sizeof a);
    assert_memory_not_equal(a, zero, sizeof a);
    assert_int_equal(hk_random_default(NULL, NULL, 0), HK_OK);
    assert_int_equal(hk_random_default(NULL, NULL, 1), HK_ERR_INVALID_ARG);
}

static void test_random_large(void **state)
{
    /* More than one getrandom() call may be needed; every byte is written. */
    size_t n = (size_t)40 << 20, i, zeros = 0;
    uint8_t *buf = calloc(1, n);
    (void)state;
    assert_non_null(buf);
    assert_int_equal(hk_random_default(NULL, buf, n), HK_OK);
    for (i = n - 4096; i < n; i++)
        zeros += buf[i] == 0;
    assert_true(zeros < 64); /* expect ~16 zero bytes in the last 4 KiB */
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_error_table),
        cmocka_unit_test(test_error_edges),
        cmocka_unit_test(test_allocator_default),
        cmocka_unit_test(test_random_default),
        cmocka_unit_test(test_random_large),
    };
    return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
