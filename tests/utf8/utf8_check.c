/*
 * utf8_check.c - shared by the UTF-8 tests: the list of implementations under
 * test, a reference decoder written from Unicode table 3-7 (section 3.9,
 * "Well-Formed UTF-8 Byte Sequences"), encoders, and helpers that check one
 * input on every path (one-shot, every split point, byte by byte, embedded
 * at every offset of a vector block) against stated expectations and the
 * reference.
 */
#include "utf8_check.h"

/* ---- the implementations under test ---------------------------------------- */

int impls[4];
size_t nimpls;

void find_impls(void)
{
    static const int all[] = {HK_UTF8_IMPL_PORTABLE, HK_UTF8_IMPL_SSSE3, HK_UTF8_IMPL_AVX2,
                              HK_UTF8_IMPL_AUTO};
    size_t i;
    if (nimpls != 0)
        return;
    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        if (hk_utf8_impl_available(all[i]))
            impls[nimpls++] = all[i];
}

int setup(void **state)
{
    size_t i;
    (void)state;
    find_impls();
    printf("# utf8 implementations tested:");
    for (i = 0; i < nimpls; i++)
        printf(" %s", hk_utf8_impl_name(impls[i]));
    printf(" (auto = %s)\n", hk_utf8_impl_name(hk_utf8_impl_selected()));
    return 0;
}

/* ---- the reference decoder ------------------------------------------------- */

/*
 * One-shot validation straight from table 3-7: a lead byte fixes the length
 * and the range of the second byte; later bytes are 80..BF. Returns T_OK,
 * T_BAD with the first byte that breaks a sequence, or T_INC with the lead
 * byte of the unfinished last sequence.
 */
int ref_validate(const uint8_t *p, size_t n, size_t *bad)
{
    size_t i = 0, k, len;
    while (i < n) {
        uint8_t c = p[i], lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            *bad = i;
            return T_BAD;
        }
        for (k = 1; k < len; k++) {
            uint8_t b;
            if (i + k >= n) {
                *bad = i;
                return T_INC;
            }
            b = p[i + k];
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) {
                *bad = i + k;
                return T_BAD;
            }
        }
        i += len;
    }
    return T_OK;
}

/* UTF-8 encoding of cp in exactly len bytes (len 1..6, so overlongs and the
 * obsolete 5- and 6-byte forms can be built too). */
size_t enc_len(uint32_t cp, size_t len, uint8_t *out)
{
    static const uint8_t lead[7] = {0, 0, 0xC0, 0xE0, 0xF0, 0xF8, 0xFC};
    size_t i;
    if (len == 1) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    for (i = len - 1; i > 0; i--) {
        out[i] = (uint8_t)(0x80 | (cp & 0x3F));
        cp >>= 6;
    }
    out[0] = (uint8_t)(lead[len] | cp);
    return len;
}

/* Shortest encoding. */
size_t enc(uint32_t cp, uint8_t *out)
{
    size_t len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : cp < 0x200000 ? 4
               : cp < 0x4000000 ? 5 : 6;
    return enc_len(cp, len, out);
}

/* ---- checking one input on every path ------------------------------------- */

/* Streaming verdict of the library for p[0..n) fed in pieces at cuts[]
 * (sorted, each in 1..n-1), with a forced impl: T_OK, T_INC (every update OK,
 * final incomplete) or T_BAD with the absolute offset of the bad byte. */
int run_split(const uint8_t *p, size_t n, const size_t *cuts, size_t ncuts, int impl,
                     size_t *bad)
{
    hk_utf8_state st;
    size_t start = 0, k;
    assert_int_equal(hk_utf8_init_impl(&st, impl), HK_OK);
    for (k = 0; k <= ncuts; k++) {
        size_t end = k < ncuts ? cuts[k] : n, off = (size_t)-1;
        int rc = hk_utf8_update(&st, p + start, end - start, &off);
        if (rc != HK_OK) {
            assert_int_equal(rc, T_BAD);
            assert_true(off < end - start);
            *bad = start + off;
            assert_int_equal(hk_utf8_final(&st), T_BAD);
            /* Sticky: the rest is refused at offset 0. */
            off = 77;
            assert_int_equal(hk_utf8_update(&st, p, n, &off), T_BAD);
            assert_int_equal(off, 0);
            return T_BAD;
        }
        assert_int_equal(off, (size_t)-1); /* untouched on success */
        start = end;
    }
    return hk_utf8_final(&st);
}

/* Assert what every path says about p[0..n): the one-shot result on each
 * implementation, and the streaming result with every two-piece split and
 * byte by byte. For streaming, T_INC has no offset and T_BAD the same. */
void expect_all(const uint8_t *p, size_t n, int rc, size_t bad, int splits)
{
    size_t i, cut, off;
    int got;
    for (i = 0; i < nimpls; i++) {
        off = (size_t)-1;
        got = hk_utf8_validate_impl(p, n, &off, impls[i]);
        if (got != rc || (rc != T_OK && off != bad))
            fail_msg("impl %s: n=%zu got %s at %zu, want %s at %zu", hk_utf8_impl_name(impls[i]),
                     n, hk_error_name(got), off, hk_error_name(rc), bad);
        if (rc == T_OK)
            assert_int_equal(off, (size_t)-1);
        if (splits == 0)
            continue;
        /* Whole, then each split point. */
        off = (size_t)-1;
        got = run_split(p, n, NULL, 0, impls[i], &off);
        assert_int_equal(got, rc);
        if (rc == T_BAD)
            assert_int_equal(off, bad);
        for (cut = 1; cut < n; cut++) {
            off = (size_t)-1;
            got = run_split(p, n, &cut, 1, impls[i], &off);
            if (got != rc || (rc == T_BAD && off != bad))
                fail_msg("impl %s split at %zu: got %s at %zu, want %s at %zu",
                         hk_utf8_impl_name(impls[i]), cut, hk_error_name(got), off,
                         hk_error_name(rc), bad);
        }
        if (n > 1 && n <= 4096) {
            size_t cuts[4096];
            for (cut = 1; cut < n; cut++)
                cuts[cut - 1] = cut;
            off = (size_t)-1;
            got = run_split(p, n, cuts, n - 1, impls[i], &off);
            assert_int_equal(got, rc);
            if (rc == T_BAD)
                assert_int_equal(off, bad);
        }
    }
}

/* Valid filler of exactly `len` bytes: ASCII if ascii, else a mix of 2-, 3-
 * and 4-byte characters padded with ASCII, so vector paths do full checks. */
void filler(uint8_t *out, size_t len, int ascii, uint32_t seed)
{
    size_t i = 0;
    while (i < len) {
        uint8_t tmp[4];
        size_t m;
        static const uint32_t cps[] = {0x416, 0x4E2D, 0x1F600, 0x3B1, 0x7FF, 0x800, 0xFFFD,
                                       0x10FFFF, 0xD7FF, 0xE000, 0x10000, 0x80};
        seed = seed * 1103515245u + 12345u;
        if (ascii || (seed >> 16) % 5 == 0) {
            out[i++] = (uint8_t)(0x20 + (seed >> 20) % 90);
            continue;
        }
        m = enc(cps[(seed >> 16) % (sizeof cps / sizeof cps[0])], tmp);
        if (m > len - i) {
            out[i++] = 'x';
            continue;
        }
        memcpy(out + i, tmp, m);
        i += m;
    }
}

/*
 * The full treatment for a short case: the bytes alone (every split), then
 * embedded after a prefix of every length 0..130 (ASCII or multi-byte) and
 * before an ASCII or multi-byte tail, one-shot on every path plus a few
 * splits. The expectation is recomputed with the reference decoder, and for
 * the bare case it must equal the stated one.
 */
void check_case(const char *name, const uint8_t *s, size_t n, int rc, size_t bad)
{
    uint8_t buf[512];
    size_t ref_bad = (size_t)-1, pre, tail;
    int ref, kind;
    ref = ref_validate(s, n, &ref_bad);
    if (ref != rc || (rc != T_OK && ref_bad != bad))
        fail_msg("%s: reference says %s at %zu, table says %s at %zu", name, hk_error_name(ref),
                 ref_bad, hk_error_name(rc), bad);
    expect_all(s, n, rc, bad, 1);
    for (kind = 0; kind < 4; kind++) {
        for (pre = 0; pre <= 130; pre++) {
            size_t total, b2 = 0;
            int r2;
            tail = (kind & 2) ? 70 : 9;
            filler(buf, pre, kind & 1, (uint32_t)pre);
            memcpy(buf + pre, s, n);
            filler(buf + pre + n, tail, !(kind & 2), (uint32_t)(pre + 7));
            total = pre + n + tail;
            r2 = ref_validate(buf, total, &b2);
            /* What the case implies in context. */
            if (rc == T_OK)
                assert_int_equal(r2, T_OK);
            else if (rc == T_BAD)
                assert_true(r2 == T_BAD && b2 == pre + bad);
            else /* cut short by the next character: fails at its first byte */
                assert_true(r2 == T_BAD && b2 == pre + n);
            expect_all(buf, total, r2, b2, 0);
            if (pre % 16 == 0 || pre > 120) {
                size_t cuts[3] = {pre / 2, pre + n / 2 + (pre == 0), pre + n + 1};
                size_t i, off = 0;
                if (cuts[0] == 0)
                    cuts[0] = 1;
                for (i = 0; i < nimpls; i++) {
                    assert_int_equal(run_split(buf, total, cuts, 3, impls[i], &off), r2);
                    if (r2 == T_BAD)
                        assert_int_equal(off, b2);
                }
            }
        }
    }
}


void run_cases(const utf8_case *c, size_t count)
{
    size_t i;
    for (i = 0; i < count; i++) {
        uint8_t b[256];
        size_t n = hk_test_unhex(c[i].hex, b, sizeof b);
        check_case(c[i].name, b, n, c[i].rc, c[i].bad);
    }
}

/* Check buf[0..n) on every path against the reference, one-shot and with
 * random split points. */
void cross_check(hk_test_rng *r, const uint8_t *buf, size_t n)
{
    size_t rb = 0, k;
    int rr = ref_validate(buf, n, &rb);
    for (k = 0; k < nimpls; k++) {
        size_t off = (size_t)-1, cuts[8], nc = 0, c;
        int got = hk_utf8_validate_impl(buf, n, &off, impls[k]);
        if (got != rr || (rr != T_OK && off != rb))
            fail_msg("%s: n=%zu: %s at %zu, want %s at %zu", hk_utf8_impl_name(impls[k]), n,
                     hk_error_name(got), off, hk_error_name(rr), rb);
        /* Up to 8 sorted distinct cuts. */
        if (n > 1) {
            size_t want = (size_t)hk_test_rng_below(r, 9);
            for (c = 0; c < want; c++) {
                size_t v = 1 + (size_t)hk_test_rng_below(r, n - 1), m;
                for (m = nc; m > 0 && cuts[m - 1] > v; m--)
                    cuts[m] = cuts[m - 1];
                if (m > 0 && cuts[m - 1] == v) { /* duplicate: undo the shift */
                    for (; m < nc; m++)
                        cuts[m] = cuts[m + 1];
                    continue;
                }
                cuts[m] = v;
                nc++;
            }
        }
        off = (size_t)-1;
        got = run_split(buf, n, cuts, nc, impls[k], &off);
        if (rr == T_BAD) {
            assert_int_equal(got, T_BAD);
            assert_int_equal(off, rb);
        } else {
            assert_int_equal(got, rr);
        }
    }
}
