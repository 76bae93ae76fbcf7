/*
 * fuzz_base64 - strict base64 (and hex) decoding of arbitrary input.
 *
 * For every flag combination: decoding never crashes or writes past an
 * exact-size buffer; it returns HK_OK or one of its documented errors; the
 * error does not depend on the buffer unless the input is valid; a decoded
 * input re-encodes to exactly the input (canonical forms only are accepted).
 * The raw input also round-trips through encode/decode, and through hex.
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

static void fuzz_decode(const char *in, size_t n, unsigned flags)
{
    size_t need = hk_base64_decoded_max(n), len = 0, len2 = 0, elen = 0;
    uint8_t *out = malloc(need ? need : 1);
    int rc, rc2;
    FUZZ_CHECK(out != NULL);
    rc = hk_base64_decode(out, need, in, n, flags, &len);
    if ((flags & HK_BASE64_NOPAD) && (flags & HK_BASE64_PAD_OPTIONAL)) {
        FUZZ_CHECK(rc == HK_ERR_INVALID_ARG);
        free(out);
        return;
    }
    FUZZ_CHECK(rc == HK_OK || rc == HK_ERR_BASE64_CHAR || rc == HK_ERR_BASE64_PADDING ||
               rc == HK_ERR_BASE64_LENGTH || rc == HK_ERR_BASE64_TRAILING_BITS);
    /* With no room at all the result is the same, or BUFFER_TOO_SMALL for a
     * valid non-empty input (with the same length reported). */
    rc2 = hk_base64_decode(NULL, 0, in, n, flags, &len2);
    if (rc == HK_OK && len > 0) {
        FUZZ_CHECK(rc2 == HK_ERR_BUFFER_TOO_SMALL && len2 == len);
    } else {
        FUZZ_CHECK(rc2 == rc);
    }
    if (rc == HK_OK) {
        unsigned eflags = flags & HK_BASE64_URL;
        char *re;
        size_t cap = hk_base64_encoded_len(len, eflags);
        FUZZ_CHECK(len <= need);
        re = malloc(cap ? cap : 1);
        FUZZ_CHECK(re != NULL);
        if (flags & HK_BASE64_NOPAD) {
            /* only the unpadded form is accepted */
            eflags |= HK_BASE64_NOPAD;
        } else if (flags & HK_BASE64_PAD_OPTIONAL) {
            /* either form: pick the one the input has */
            if (n != cap)
                eflags |= HK_BASE64_NOPAD;
        }
        FUZZ_CHECK(hk_base64_encode(re, cap, out, len, eflags, &elen) == HK_OK);
        FUZZ_CHECK(elen == n && memcmp(re, in, n) == 0);
        free(re);
    }
    free(out);
}

static void fuzz_round_trip(const uint8_t *data, size_t size, unsigned flags)
{
    size_t cap = hk_base64_encoded_len(size, flags), elen = 0, dlen = 0;
    char *enc = malloc(cap ? cap : 1);
    uint8_t *dec = malloc(size ? size : 1);
    FUZZ_CHECK(enc != NULL && dec != NULL);
    FUZZ_CHECK(hk_base64_encode(enc, cap, data, size, flags, &elen) == HK_OK && elen == cap);
    FUZZ_CHECK(hk_base64_decode(dec, size, enc, elen, flags, &dlen) == HK_OK);
    FUZZ_CHECK(dlen == size && memcmp(dec, data, size) == 0);
    free(enc);
    free(dec);
}

static void fuzz_hex(const char *in, size_t n)
{
    size_t len = 0;
    uint8_t *out = malloc(n / 2 ? n / 2 : 1);
    int rc;
    FUZZ_CHECK(out != NULL);
    rc = hk_hex_decode(out, n / 2, in, n, &len);
    FUZZ_CHECK(rc == HK_OK || rc == HK_ERR_HEX_CHAR || rc == HK_ERR_HEX_LENGTH);
    if (rc == HK_OK) {
        char *re = malloc(n ? n : 1);
        size_t i;
        FUZZ_CHECK(re != NULL && len == n / 2);
        hk_hex_encode(re, out, len);
        for (i = 0; i < n; i++) {
            char c = in[i];
            if (c >= 'A' && c <= 'F')
                c = (char)(c - 'A' + 'a');
            FUZZ_CHECK(re[i] == c);
        }
        free(re);
    }
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned flags;
    for (flags = 0; flags < 8; flags++)
        fuzz_decode((const char *)data, size, flags);
    fuzz_round_trip(data, size, HK_BASE64_STD);
    fuzz_round_trip(data, size, HK_BASE64_URL | HK_BASE64_NOPAD);
    fuzz_hex((const char *)data, size);
    return 0;
}
