/*
 * fuzz_utf8.c - differential fuzz target for the UTF-8 validator.
 *
 * Input: one control byte (seeds the split points), then the text. The text
 * is validated one-shot and incrementally (in pieces whose sizes come from
 * the control byte and the text length, byte by byte, and in one piece) on
 * every implementation this CPU has, and by a reference decoder written
 * here from Unicode table 3-7. Every verdict and bad offset must agree;
 * any disagreement aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

#define FZ_OK HK_OK
#define FZ_BAD HK_ERR_UTF8_INVALID
#define FZ_INC HK_ERR_UTF8_INCOMPLETE

static void fz_check(int cond)
{
    if (!cond)
        abort();
}

/* Table 3-7, sequence at a time: T_OK, T_BAD at the first byte that breaks
 * a sequence, or T_INC with the unfinished sequence's lead byte. */
static int fz_reference(const uint8_t *p, size_t n, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i], len, lo = 0x80, hi = 0xBF, k;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        else {
            *bad = i;
            return FZ_BAD;
        }
        for (k = 1; k < len; k++) {
            if (i + k >= n) {
                *bad = i;
                return FZ_INC;
            }
            if (p[i + k] < (k == 1 ? lo : 0x80) || p[i + k] > (k == 1 ? hi : 0xBF)) {
                *bad = i + k;
                return FZ_BAD;
            }
        }
        i += len;
    }
    return FZ_OK;
}

/* Incremental validation in pieces of size step(); returns the verdict and
 * the absolute bad offset, checking the API's promises on the way. */
static int fz_stream(const uint8_t *p, size_t n, int impl, uint32_t seed, int mode, size_t *bad)
{
    hk_utf8_state st;
    size_t at = 0;
    fz_check(hk_utf8_init_impl(&st, impl) == HK_OK);
    while (at < n) {
        size_t len, off = (size_t)-1;
        int rc;
        if (mode == 0) {
            len = n - at;
        } else if (mode == 1) {
            len = 1;
        } else {
            /* xorshift32: piece sizes of 0..~200 bytes, favouring small */
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            len = (seed & 1) ? seed % 8 : seed % 200;
            if (len > n - at)
                len = n - at;
        }
        rc = hk_utf8_update(&st, p + at, len, &off);
        if (rc != HK_OK) {
            fz_check(rc == FZ_BAD && off < len);
            fz_check(hk_utf8_final(&st) == FZ_BAD);
            off += at;
            *bad = off;
            /* sticky */
            off = 1;
            fz_check(hk_utf8_update(&st, p, n, &off) == FZ_BAD && off == 0);
            return FZ_BAD;
        }
        fz_check(off == (size_t)-1);
        at += len;
    }
    return hk_utf8_final(&st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const int impls[] = {HK_UTF8_IMPL_AUTO, HK_UTF8_IMPL_PORTABLE, HK_UTF8_IMPL_SSSE3,
                                HK_UTF8_IMPL_AVX2};
    const uint8_t *p;
    size_t n, ref_bad = 0, i;
    uint32_t seed;
    int ref, mode;
    if (size < 1)
        return 0;
    seed = (uint32_t)data[0] * 0x9E3779B1u + (uint32_t)size;
    if (seed == 0)
        seed = 1;
    p = data + 1;
    n = size - 1;
    ref = fz_reference(p, n, &ref_bad);
    for (i = 0; i < sizeof impls / sizeof impls[0]; i++) {
        size_t off = (size_t)-1;
        int rc;
        if (!hk_utf8_impl_available(impls[i]))
            continue;
        rc = hk_utf8_validate_impl(n ? p : NULL, n, &off, impls[i]);
        fz_check(rc == ref);
        fz_check(ref == FZ_OK ? off == (size_t)-1 : off == ref_bad);
        for (mode = 0; mode < 3; mode++) {
            if (mode == 1 && n > 4096)
                continue;
            off = (size_t)-1;
            rc = fz_stream(p, n, impls[i], seed, mode, &off);
            fz_check(rc == ref || (ref == FZ_INC && rc == FZ_INC));
            if (ref == FZ_BAD)
                fz_check(off == ref_bad);
        }
    }
    return 0;
}
