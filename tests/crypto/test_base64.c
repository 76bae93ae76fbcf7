/*
 * Tests of base64 (RFC 4648 sections 4 and 5): the section 10 vectors in
 * every flag combination, both alphabets, sizes, buffer limits, a bad-input
 * matrix asserting each specific error, exhaustive canonicity of the short
 * forms, and random round trips.
 */
#include "hk_test.h"

/* Encode with the library into a heap buffer of exactly the needed size. */
static char *enc(const void *in, size_t n, unsigned flags, size_t *len)
{
    size_t need = hk_base64_encoded_len(n, flags), got = 12345;
    char *out = malloc(need ? need : 1);
    assert_non_null(out);
    assert_int_equal(hk_base64_encode(out, need, in, n, flags, &got), HK_OK);
    assert_int_equal(got, need);
    *len = got;
    return out;
}

/* Decode s[0..n) (copied to an exact-size heap block so ASan sees any read
 * past the end) into an exact-size buffer. Returns the error code. */
static int dec(const char *s, size_t n, unsigned flags, uint8_t *out, size_t cap, size_t *len)
{
    char *in = malloc(n ? n : 1);
    int rc;
    assert_non_null(in);
    memcpy(in, s, n);
    rc = hk_base64_decode(out, cap, in, n, flags, len);
    free(in);
    return rc;
}

/* ---- RFC 4648 section 10 ------------------------------------------------------- */

static const struct {
    const char *plain, *b64;
} rfc4648[] = {
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};

static void test_rfc4648_vectors(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof rfc4648 / sizeof rfc4648[0]; i++) {
        const char *plain = rfc4648[i].plain, *b64 = rfc4648[i].b64;
        size_t pn = strlen(plain), bn = strlen(b64), unpadded = bn, len;
        uint8_t out[16];
        char *e;
        unsigned f;
        while (unpadded > 0 && b64[unpadded - 1] == '=')
            unpadded--;
        for (f = 0; f <= HK_BASE64_URL; f++) { /* no 62/63 here: same in both */
            e = enc(plain, pn, f, &len);
            assert_int_equal(len, bn);
            assert_memory_equal(e, b64, bn);
            free(e);
            e = enc(plain, pn, f | HK_BASE64_NOPAD, &len);
            assert_int_equal(len, unpadded);
            assert_memory_equal(e, b64, unpadded);
            free(e);

            /* padded form: accepted by default and PAD_OPTIONAL, refused by NOPAD */
            assert_int_equal(dec(b64, bn, f, out, pn, &len), HK_OK);
            assert_int_equal(len, pn);
            assert_memory_equal(out, plain, pn);
            assert_int_equal(dec(b64, bn, f | HK_BASE64_PAD_OPTIONAL, out, pn, &len), HK_OK);
            assert_int_equal(len, pn);
            assert_memory_equal(out, plain, pn);
            assert_int_equal(dec(b64, bn, f | HK_BASE64_NOPAD, out, pn, &len),
                             bn == unpadded ? HK_OK : HK_ERR_BASE64_PADDING);
            /* unpadded form: accepted by NOPAD and PAD_OPTIONAL, refused by default */
            assert_int_equal(dec(b64, unpadded, f | HK_BASE64_NOPAD, out, pn, &len), HK_OK);
            assert_int_equal(len, pn);
            assert_memory_equal(out, plain, pn);
            assert_int_equal(dec(b64, unpadded, f | HK_BASE64_PAD_OPTIONAL, out, pn, &len), HK_OK);
            assert_int_equal(len, pn);
            assert_int_equal(dec(b64, unpadded, f, out, pn, &len),
                             bn == unpadded ? HK_OK : HK_ERR_BASE64_PADDING);
        }
    }
}

/* Characters 62 and 63: '+' '/' in section 4, '-' '_' in section 5. */
static void test_alphabets(void **state)
{
    static const uint8_t bytes[] = {0xfb, 0xef, 0xbe, 0xff, 0xff};
    uint8_t out[8];
    size_t len;
    char *e;
    (void)state;
    e = enc(bytes, 5, HK_BASE64_STD, &len);
    assert_int_equal(len, 8);
    assert_memory_equal(e, "++++//8=", 8);
    free(e);
    e = enc(bytes, 5, HK_BASE64_URL, &len);
    assert_memory_equal(e, "----__8=", 8);
    free(e);
    e = enc(bytes, 5, HK_BASE64_URL | HK_BASE64_NOPAD, &len);
    assert_int_equal(len, 7);
    assert_memory_equal(e, "----__8", 7);
    free(e);
    assert_int_equal(dec("++++//8=", 8, HK_BASE64_STD, out, 5, &len), HK_OK);
    assert_memory_equal(out, bytes, 5);
    assert_int_equal(dec("----__8=", 8, HK_BASE64_URL, out, 5, &len), HK_OK);
    assert_memory_equal(out, bytes, 5);
    /* Each alphabet refuses the other's two characters. */
    assert_int_equal(dec("----__8=", 8, HK_BASE64_STD, out, 5, &len), HK_ERR_BASE64_CHAR);
    assert_int_equal(dec("++++//8=", 8, HK_BASE64_URL, out, 5, &len), HK_ERR_BASE64_CHAR);
    assert_int_equal(dec("AAA_", 4, HK_BASE64_STD, out, 5, &len), HK_ERR_BASE64_CHAR);
    assert_int_equal(dec("AAA/", 4, HK_BASE64_URL, out, 5, &len), HK_ERR_BASE64_CHAR);
}

/* ---- sizes ------------------------------------------------------------------------ */

static void test_sizes(void **state)
{
    size_t n;
    (void)state;
    assert_int_equal(hk_base64_encoded_len(0, 0), 0);
    assert_int_equal(hk_base64_encoded_len(1, 0), 4);
    assert_int_equal(hk_base64_encoded_len(2, 0), 4);
    assert_int_equal(hk_base64_encoded_len(3, 0), 4);
    assert_int_equal(hk_base64_encoded_len(4, 0), 8);
    assert_int_equal(hk_base64_encoded_len(1, HK_BASE64_NOPAD), 2);
    assert_int_equal(hk_base64_encoded_len(2, HK_BASE64_NOPAD), 3);
    assert_int_equal(hk_base64_encoded_len(3, HK_BASE64_NOPAD), 4);
    assert_int_equal(hk_base64_encoded_len(16, HK_BASE64_URL), 24);
    assert_int_equal(hk_base64_encoded_len(16, HK_BASE64_URL | HK_BASE64_NOPAD), 22);
    /* The largest inputs whose encoding fits in size_t, and one more. */
    n = SIZE_MAX / 4 * 3;
    assert_int_equal(hk_base64_encoded_len(n, 0), SIZE_MAX - 3);
    assert_int_equal(hk_base64_encoded_len(n + 1, 0), 0);
    assert_int_equal(hk_base64_encoded_len(n + 1, HK_BASE64_NOPAD), SIZE_MAX - 1);
    assert_int_equal(hk_base64_encoded_len(n + 2, HK_BASE64_NOPAD), SIZE_MAX);
    assert_int_equal(hk_base64_encoded_len(n + 2, 0), 0);
    assert_int_equal(hk_base64_encoded_len(n + 3, HK_BASE64_NOPAD), 0);
    assert_int_equal(hk_base64_encoded_len(SIZE_MAX, 0), 0);

    assert_int_equal(hk_base64_decoded_max(0), 0);
    assert_int_equal(hk_base64_decoded_max(1), 0);
    assert_int_equal(hk_base64_decoded_max(2), 1);
    assert_int_equal(hk_base64_decoded_max(3), 2);
    assert_int_equal(hk_base64_decoded_max(4), 3);
    assert_int_equal(hk_base64_decoded_max(8), 6);
    assert_int_equal(hk_base64_decoded_max(SIZE_MAX), SIZE_MAX / 4 * 3 + 2);
    /* Upper bound for every length and flag. */
    for (n = 0; n < 100; n++) {
        assert_true(hk_base64_decoded_max(hk_base64_encoded_len(n, 0)) >= n);
        assert_int_equal(hk_base64_decoded_max(hk_base64_encoded_len(n, HK_BASE64_NOPAD)), n);
    }
}

/* ---- buffers and arguments -------------------------------------------------------- */

static void test_encode_buffer(void **state)
{
    char out[16];
    size_t cap, len;
    (void)state;
    for (cap = 0; cap < 8; cap++) {
        memset(out, '#', sizeof out);
        len = 0;
        assert_int_equal(hk_base64_encode(out, cap, "fooba", 5, 0, &len), HK_ERR_BUFFER_TOO_SMALL);
        assert_int_equal(len, 8);
        assert_int_equal(out[0], '#'); /* nothing written */
    }
    assert_int_equal(hk_base64_encode(out, 8, "fooba", 5, 0, &len), HK_OK);
    assert_int_equal(len, 8);
    assert_int_equal(out[8], '#'); /* nothing past the encoding */
    /* Size query and NULL out_len. */
    assert_int_equal(hk_base64_encode(NULL, 0, "fooba", 5, HK_BASE64_NOPAD, &len),
                     HK_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(len, 7);
    assert_int_equal(hk_base64_encode(out, 8, "fooba", 5, 0, NULL), HK_OK);
    assert_int_equal(hk_base64_encode(NULL, 0, NULL, 0, 0, &len), HK_OK);
    assert_int_equal(len, 0);
    /* Bad arguments. */
    assert_int_equal(hk_base64_encode(out, 8, NULL, 1, 0, &len), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_base64_encode(NULL, 8, "f", 1, 0, &len), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_base64_encode(out, 8, "f", 1, 8, &len), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_base64_encode(out, 8, "f", 1, 0x80000000u, &len), HK_ERR_INVALID_ARG);
    /* PAD_OPTIONAL is a decode flag: accepted and ignored when encoding. */
    assert_int_equal(hk_base64_encode(out, 8, "f", 1, HK_BASE64_PAD_OPTIONAL, &len), HK_OK);
    assert_int_equal(len, 4);
    assert_memory_equal(out, "Zg==", 4);
}

static void test_decode_buffer(void **state)
{
    uint8_t out[8];
    size_t cap, len;
    (void)state;
    for (cap = 0; cap < 5; cap++) {
        len = 0;
        assert_int_equal(dec("Zm9vYmE=", 8, 0, out, cap, &len), HK_ERR_BUFFER_TOO_SMALL);
        assert_int_equal(len, 5);
    }
    assert_int_equal(dec("Zm9vYmE=", 8, 0, out, 5, &len), HK_OK);
    assert_int_equal(len, 5);
    assert_int_equal(hk_base64_decode(NULL, 0, "Zg==", 4, 0, &len), HK_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(len, 1);
    assert_int_equal(hk_base64_decode(out, 5, "Zm9vYmE=", 8, 0, NULL), HK_OK);
    assert_int_equal(hk_base64_decode(NULL, 0, NULL, 0, 0, &len), HK_OK);
    assert_int_equal(len, 0);
    assert_int_equal(hk_base64_decode(out, 8, NULL, 4, 0, &len), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_base64_decode(NULL, 8, "Zg==", 4, 0, &len), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_base64_decode(out, 8, "Zg==", 4, 8, &len), HK_ERR_INVALID_ARG);
    assert_int_equal(hk_base64_decode(out, 8, "Zg", 2, HK_BASE64_NOPAD | HK_BASE64_PAD_OPTIONAL,
                                      &len),
                     HK_ERR_INVALID_ARG);
    /* A malformed input reports its own error even with a small buffer. */
    assert_int_equal(hk_base64_decode(out, 0, "Zm9v!mE=", 8, 0, &len), HK_ERR_BASE64_CHAR);
    assert_int_equal(hk_base64_decode(out, 0, "Zh==", 4, 0, &len), HK_ERR_BASE64_TRAILING_BITS);
    assert_int_equal(hk_base64_decode(out, 0, "Zg=", 3, 0, &len), HK_ERR_BASE64_PADDING);
}

/* ---- bad-input matrix -------------------------------------------------------------- */

#define S(x) x, sizeof(x) - 1
#define URL HK_BASE64_URL
#define NOPAD HK_BASE64_NOPAD
#define OPT HK_BASE64_PAD_OPTIONAL

static const struct {
    const char *in;
    size_t n;
    unsigned flags;
    int err;
} bad_inputs[] = {
    /* characters outside the alphabet, whitespace included (RFC 4648 3.3) */
    {S("Zm9v!"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm9v\n"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm9v\r\n"), 0, HK_ERR_BASE64_CHAR},
    {S(" Zm9v"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm 9v"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm\t9v"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm9v\0"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm9\0"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm9\x80"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm9\xff"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm9v.mFy"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm9vYmF*"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm9vYmFyZm9vYmF\x01"), 0, HK_ERR_BASE64_CHAR}, /* in the 8-char fast loop */
    {S("Zm9vYmFyZm9v\x7f"), NOPAD, HK_ERR_BASE64_CHAR},
    {S("Zm-v"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm_v"), 0, HK_ERR_BASE64_CHAR},
    {S("Zm+v"), URL, HK_ERR_BASE64_CHAR},
    {S("Zm/v"), URL, HK_ERR_BASE64_CHAR},
    {S("Zh!="), 0, HK_ERR_BASE64_CHAR},  /* character beats trailing bits */
    {S("Zm9vY!"), 0, HK_ERR_BASE64_CHAR}, /* character beats padding */
    {S("Zm9v!"), NOPAD, HK_ERR_BASE64_CHAR}, /* character beats length */
    /* impossible lengths: 4k+1 data characters */
    {S("Z"), 0, HK_ERR_BASE64_LENGTH},
    {S("Z"), NOPAD, HK_ERR_BASE64_LENGTH},
    {S("Zm9vY"), OPT, HK_ERR_BASE64_LENGTH},
    {S("Zm9vY==="), 0, HK_ERR_BASE64_LENGTH},
    {S("Z==="), 0, HK_ERR_BASE64_LENGTH},
    {S("Z="), OPT, HK_ERR_BASE64_LENGTH},
    /* padding: missing, partial, excess, misplaced, forbidden */
    {S("Zg"), 0, HK_ERR_BASE64_PADDING},
    {S("Zm8"), 0, HK_ERR_BASE64_PADDING},
    {S("Zm9vYg"), URL, HK_ERR_BASE64_PADDING},
    {S("Zg="), 0, HK_ERR_BASE64_PADDING},
    {S("Zg="), OPT, HK_ERR_BASE64_PADDING},
    {S("Zg==="), 0, HK_ERR_BASE64_PADDING},
    {S("Zg===="), OPT, HK_ERR_BASE64_PADDING},
    {S("Zm8=="), 0, HK_ERR_BASE64_PADDING},
    {S("Zm9v="), 0, HK_ERR_BASE64_PADDING},
    {S("Zm9v===="), OPT, HK_ERR_BASE64_PADDING},
    {S("="), 0, HK_ERR_BASE64_PADDING},
    {S("=="), OPT, HK_ERR_BASE64_PADDING},
    {S("===="), 0, HK_ERR_BASE64_PADDING},
    {S("=Zm9v"), 0, HK_ERR_BASE64_PADDING},
    {S("Z=g="), 0, HK_ERR_BASE64_PADDING},
    {S("Zm=v"), 0, HK_ERR_BASE64_PADDING},
    {S("Zg==Zg=="), 0, HK_ERR_BASE64_PADDING},
    {S("Zm8=Zm8="), OPT, HK_ERR_BASE64_PADDING},
    {S("Zg=\n"), 0, HK_ERR_BASE64_PADDING}, /* '=' not at the end comes first */
    {S("Zg=="), NOPAD, HK_ERR_BASE64_PADDING},
    {S("Zm8="), NOPAD, HK_ERR_BASE64_PADDING},
    {S("Zm9v="), NOPAD, HK_ERR_BASE64_PADDING},
    {S("Zh="), 0, HK_ERR_BASE64_PADDING}, /* padding beats trailing bits */
    /* non-zero bits after the data (RFC 4648 3.5) */
    {S("Zh=="), 0, HK_ERR_BASE64_TRAILING_BITS},
    {S("Zh"), NOPAD, HK_ERR_BASE64_TRAILING_BITS},
    {S("Zh"), OPT, HK_ERR_BASE64_TRAILING_BITS},
    {S("Zm9="), 0, HK_ERR_BASE64_TRAILING_BITS},
    {S("Zm9"), NOPAD, HK_ERR_BASE64_TRAILING_BITS},
    {S("AB=="), 0, HK_ERR_BASE64_TRAILING_BITS},
    {S("AAB="), 0, HK_ERR_BASE64_TRAILING_BITS},
    {S("Zm9vYmFyZm9vYh=="), 0, HK_ERR_BASE64_TRAILING_BITS},
    {S("Zm9vYm_"), URL | NOPAD, HK_ERR_BASE64_TRAILING_BITS},
    {S("Zm9vYm/="), 0, HK_ERR_BASE64_TRAILING_BITS},
};

static void test_bad_inputs(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof bad_inputs / sizeof bad_inputs[0]; i++) {
        uint8_t out[64];
        size_t len = 999;
        int rc = dec(bad_inputs[i].in, bad_inputs[i].n, bad_inputs[i].flags, out, sizeof out, &len);
        if (rc != bad_inputs[i].err)
            fail_msg("bad input #%zu (flags %u): got %s, want %s", i, bad_inputs[i].flags,
                     hk_error_name(rc), hk_error_name(bad_inputs[i].err));
    }
}

#undef S
#undef URL
#undef NOPAD
#undef OPT

/* ---- canonicity: exhaustive over the short forms ------------------------------- */

/*
 * Every 2- and 3-character string over the alphabet, padded and not: it
 * decodes iff re-encoding the result gives it back, else it is refused with
 * TRAILING_BITS. So each byte string has exactly one accepted encoding.
 */
static void test_canonical_exhaustive(void **state)
{
    static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t a, b, c, accepted2 = 0, accepted3 = 0;
    (void)state;
    for (a = 0; a < 64; a++) {
        for (b = 0; b < 64; b++) {
            for (c = 0; c < 65; c++) { /* c == 64: two characters */
                char in[4], re[4];
                uint8_t out[3];
                size_t n = c == 64 ? 2 : 3, len, rlen;
                int rc, rcp;
                in[0] = alpha[a];
                in[1] = alpha[b];
                in[2] = c == 64 ? '=' : alpha[c];
                in[3] = '=';
                rc = hk_base64_decode(out, sizeof out, in, n, HK_BASE64_NOPAD, &len);
                rcp = hk_base64_decode(out, sizeof out, in, 4, 0, &len);
                assert_int_equal(rc, rcp);
                if (rc == HK_OK) {
                    assert_int_equal(len, n - 1);
                    assert_int_equal(hk_base64_encode(re, 4, out, len, 0, &rlen), HK_OK);
                    assert_memory_equal(re, in, 4);
                    if (n == 2)
                        accepted2++;
                    else
                        accepted3++;
                } else {
                    assert_int_equal(rc, HK_ERR_BASE64_TRAILING_BITS);
                }
            }
        }
    }
    /* One accepted form per byte string: 256 one-byte and 65536 two-byte. */
    assert_int_equal(accepted2, 256);
    assert_int_equal(accepted3, 65536);
}

/* ---- random round trips ------------------------------------------------------------- */

static void test_round_trip(void **state)
{
    static const unsigned flagsets[] = {0, HK_BASE64_URL, HK_BASE64_NOPAD,
                                        HK_BASE64_URL | HK_BASE64_NOPAD};
    hk_test_rng rng;
    uint8_t data[1100];
    size_t n, f;
    (void)state;
    hk_test_rng_seed(&rng, 4648);
    for (n = 0; n <= 1100; n += n < 300 ? 1 : 97) {
        hk_test_rng_fill(&rng, data, n);
        for (f = 0; f < 4; f++) {
            size_t len, dlen;
            char *e = enc(data, n, flagsets[f], &len);
            uint8_t *out = malloc(n ? n : 1);
            unsigned opt = (flagsets[f] & HK_BASE64_URL) | HK_BASE64_PAD_OPTIONAL;
            assert_non_null(out);
            assert_int_equal(dec(e, len, flagsets[f], out, n, &dlen), HK_OK);
            assert_int_equal(dlen, n);
            assert_memory_equal(out, data, n);
            assert_int_equal(dec(e, len, opt, out, n, &dlen), HK_OK);
            assert_int_equal(dlen, n);
            assert_memory_equal(out, data, n);
            /* A character that is in neither alphabet, anywhere in the data
             * part, is refused as such. */
            if (n > 0) {
                size_t data_len = len, pos;
                while (e[data_len - 1] == '=')
                    data_len--;
                pos = (size_t)hk_test_rng_below(&rng, data_len);
                char saved = e[pos];
                e[pos] = '*';
                assert_int_equal(dec(e, len, flagsets[f], out, n, &dlen), HK_ERR_BASE64_CHAR);
                e[pos] = saved;
            }
            free(out);
            free(e);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc4648_vectors),
        cmocka_unit_test(test_alphabets),
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_encode_buffer),
        cmocka_unit_test(test_decode_buffer),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_canonical_exhaustive),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests_name("crypto_base64", tests, NULL, NULL);
}
