/* Tests of hex encoding and strict decoding (RFC 4648 section 8 alphabet,
 * either case accepted on input). */
#include "hk_test.h"

static void test_hex_vectors(void **state)
{
    /* RFC 4648 section 10, base16 column. */
    static const struct {
        const char *plain, *hex;
    } v[] = {
        {"", ""},
        {"f", "66"},
        {"fo", "666f"},
        {"foo", "666f6f"},
        {"foob", "666f6f62"},
        {"fooba", "666f6f6261"},
        {"foobar", "666f6f626172"},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof v / sizeof v[0]; i++) {
        char out[16];
        uint8_t back[8];
        size_t n = strlen(v[i].plain), len = 99;
        memset(out, '#', sizeof out);
        hk_hex_encode(out, v[i].plain, n);
        assert_memory_equal(out, v[i].hex, 2 * n);
        assert_int_equal(out[2 * n], '#');
        assert_int_equal(hk_hex_decode(back, n, v[i].hex, 2 * n, &len), HK_OK);
        assert_int_equal(len, n);
        assert_memory_equal(back, v[i].plain, n);
    }
}

static void test_hex_all_bytes(void **state)
{
    uint8_t all[256], back[256];
    char hex[512];
    size_t i, len;
    (void)state;
    for (i = 0; i < 256; i++)
        all[i] = (uint8_t)i;
    hk_hex_encode(hex, all, 256);
    assert_memory_equal(hex, "000102", 6);
    assert_memory_equal(hex + 506, "fdfeff", 6);
    assert_int_equal(hk_hex_decode(back, 256, hex, 512, &len), HK_OK);
    assert_int_equal(len, 256);
    assert_memory_equal(back, all, 256);
    /* Upper and mixed case decode to the same bytes. */
    for (i = 0; i < 512; i++)
        if (hex[i] >= 'a' && hex[i] <= 'f' && (i % 3) != 0)
            hex[i] = (char)(hex[i] - 'a' + 'A');
    assert_int_equal(hk_hex_decode(back, 256, hex, 512, &len), HK_OK);
    assert_memory_equal(back, all, 256);
}

/* Every byte value as the first or second digit of a pair. */
static void test_hex_every_char(void **state)
{
    int c;
    (void)state;
    for (c = 0; c < 256; c++) {
        char in[2];
        uint8_t out[1];
        size_t len;
        int valid = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        in[0] = (char)c;
        in[1] = '0';
        assert_int_equal(hk_hex_decode(out, 1, in, 2, &len), valid ? HK_OK : HK_ERR_HEX_CHAR);
        in[0] = '0';
        in[1] = (char)c;
        assert_int_equal(hk_hex_decode(out, 1, in, 2, &len), valid ? HK_OK : HK_ERR_HEX_CHAR);
    }
}

static void test_hex_errors(void **state)
{
    static const struct {
        const char *in;
        size_t n, cap;
        int err;
    } bad[] = {
        {"abc", 3, 8, HK_ERR_HEX_LENGTH},
        {"a", 1, 8, HK_ERR_HEX_LENGTH},
        {"0g", 2, 8, HK_ERR_HEX_CHAR},
        {"g0", 2, 8, HK_ERR_HEX_CHAR},
        {"00 11", 5, 8, HK_ERR_HEX_CHAR},
        {"0011\n", 5, 8, HK_ERR_HEX_CHAR},
        {" 0011", 5, 8, HK_ERR_HEX_CHAR},
        {"0x11", 4, 8, HK_ERR_HEX_CHAR},
        {"00\0001", 4, 8, HK_ERR_HEX_CHAR},
        {"abcz", 4, 1, HK_ERR_HEX_CHAR},  /* character beats buffer size */
        {"abz", 3, 8, HK_ERR_HEX_CHAR},   /* character beats length */
        {"abcd", 4, 1, HK_ERR_BUFFER_TOO_SMALL},
        {"abcd", 4, 0, HK_ERR_BUFFER_TOO_SMALL},
    };
    size_t i;
    uint8_t out[8];
    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t len = 77;
        int rc = hk_hex_decode(out, bad[i].cap, bad[i].in, bad[i].n, &len);
        if (rc != bad[i].err)
            fail_msg("hex bad input #%zu: got %s, want %s", i, hk_error_name(rc),
                     hk_error_name(bad[i].err));
        if (rc == HK_ERR_BUFFER_TOO_SMALL)
            assert_int_equal(len, bad[i].n / 2);
    }
    assert_int_equal(hk_hex_decode(NULL, 0, "abcd", 4, NULL), HK_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(hk_hex_decode(out, 8, NULL, 2, NULL), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_hex_decode(NULL, 8, "ab", 2, NULL), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_hex_decode(NULL, 0, NULL, 0, NULL), HK_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hex_vectors),
        cmocka_unit_test(test_hex_all_bytes),
        cmocka_unit_test(test_hex_every_char),
        cmocka_unit_test(test_hex_errors),
    };
    return cmocka_run_group_tests_name("crypto_hex", tests, NULL, NULL);
}
