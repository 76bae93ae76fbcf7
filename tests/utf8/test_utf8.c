/*
 * Tests of lib/utf8: the incremental validator, on every implementation path
 * this CPU has (the portable DFA always; SSSE3 and AVX2 where present).
 *
 * Every expectation is checked against a reference decoder written here from
 * table 3-7 of the Unicode standard (section 3.9, "Well-Formed UTF-8 Byte
 * Sequences"); the vectors come from Markus Kuhn's "UTF-8 decoder capability
 * and stress test" (https://www.cl.cam.ac.uk/~mgk25/ucs/examples/UTF-8-test.txt),
 * whose numbered cases are rebuilt below from the byte sequences the
 * document describes. Expected bad offsets follow the "first byte that cannot
 * continue a well-formed sequence" rule that Autobahn|Testsuite cases 6.x
 * require of a fail-fast WebSocket endpoint.
 */
#include "hk_test.h"

#define T_OK HK_OK
#define T_BAD HK_ERR_UTF8_INVALID
#define T_INC HK_ERR_UTF8_INCOMPLETE

/* ---- the implementations under test ---------------------------------------- */

static int impls[4];
static size_t nimpls;

static void find_impls(void)
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

static int setup(void **state)
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
static int ref_validate(const uint8_t *p, size_t n, size_t *bad)
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
static size_t enc_len(uint32_t cp, size_t len, uint8_t *out)
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
static size_t enc(uint32_t cp, uint8_t *out)
{
    size_t len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : cp < 0x200000 ? 4
               : cp < 0x4000000 ? 5 : 6;
    return enc_len(cp, len, out);
}

/* ---- checking one input on every path ------------------------------------- */

/* Streaming verdict of the library for p[0..n) fed in pieces at cuts[]
 * (sorted, each in 1..n-1), with a forced impl: T_OK, T_INC (every update OK,
 * final incomplete) or T_BAD with the absolute offset of the bad byte. */
static int run_split(const uint8_t *p, size_t n, const size_t *cuts, size_t ncuts, int impl,
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
static void expect_all(const uint8_t *p, size_t n, int rc, size_t bad, int splits)
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
static void filler(uint8_t *out, size_t len, int ascii, uint32_t seed)
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
static void check_case(const char *name, const uint8_t *s, size_t n, int rc, size_t bad)
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

typedef struct {
    const char *name; /* Kuhn's section number, or a description */
    const char *hex;
    int rc;
    size_t bad;
} utf8_case;

static void run_cases(const utf8_case *c, size_t count)
{
    size_t i;
    for (i = 0; i < count; i++) {
        uint8_t b[256];
        size_t n = hk_test_unhex(c[i].hex, b, sizeof b);
        check_case(c[i].name, b, n, c[i].rc, c[i].bad);
    }
}

/* ---- Markus Kuhn's UTF-8 decoder capability and stress test --------------- */

/*
 * The numbered cases of UTF-8-test.txt. The document predates RFC 3629's
 * restriction to U+10FFFF, so its 5- and 6-byte "boundary" sequences are
 * malformed here, as are F5..F7 leads; the expected bad offsets follow
 * table 3-7.
 */
static const utf8_case kuhn_cases[] = {
    /* 1: some correct UTF-8 text, the Greek word "kosme" */
    {"1 kosme", "CE BA E1 BD B9 CF 83 CE BC CE B5", T_OK, 0},
    /* 2.1 first possible sequence of a certain length */
    {"2.1.1 U+0000", "00", T_OK, 0},
    {"2.1.2 U+0080", "C2 80", T_OK, 0},
    {"2.1.3 U+0800", "E0 A0 80", T_OK, 0},
    {"2.1.4 U+10000", "F0 90 80 80", T_OK, 0},
    {"2.1.5 U-00200000 (5 bytes)", "F8 88 80 80 80", T_BAD, 0},
    {"2.1.6 U-04000000 (6 bytes)", "FC 84 80 80 80 80", T_BAD, 0},
    /* 2.2 last possible sequence of a certain length */
    {"2.2.1 U+007F", "7F", T_OK, 0},
    {"2.2.2 U+07FF", "DF BF", T_OK, 0},
    {"2.2.3 U+FFFF", "EF BF BF", T_OK, 0},
    {"2.2.4 U-001FFFFF (4 bytes)", "F7 BF BF BF", T_BAD, 0},
    {"2.2.5 U-03FFFFFF (5 bytes)", "FB BF BF BF BF", T_BAD, 0},
    {"2.2.6 U-7FFFFFFF (6 bytes)", "FD BF BF BF BF BF", T_BAD, 0},
    /* 2.3 other boundary conditions */
    {"2.3.1 U+D7FF", "ED 9F BF", T_OK, 0},
    {"2.3.2 U+E000", "EE 80 80", T_OK, 0},
    {"2.3.3 U+FFFD", "EF BF BD", T_OK, 0},
    {"2.3.4 U+10FFFF", "F4 8F BF BF", T_OK, 0},
    {"2.3.5 U+110000", "F4 90 80 80", T_BAD, 1},
    /* 3.1 unexpected continuation bytes */
    {"3.1.1 first continuation byte", "80", T_BAD, 0},
    {"3.1.2 last continuation byte", "BF", T_BAD, 0},
    {"3.1.3 2 continuation bytes", "80 BF", T_BAD, 0},
    {"3.1.4 3 continuation bytes", "80 BF 80", T_BAD, 0},
    {"3.1.5 4 continuation bytes", "80 BF 80 BF", T_BAD, 0},
    {"3.1.6 5 continuation bytes", "80 BF 80 BF 80", T_BAD, 0},
    {"3.1.7 6 continuation bytes", "80 BF 80 BF 80 BF", T_BAD, 0},
    {"3.1.8 7 continuation bytes", "80 BF 80 BF 80 BF 80", T_BAD, 0},
    /* 3.3 sequences with the last continuation byte missing */
    {"3.3.1 2-byte U+0000", "C0", T_BAD, 0},
    {"3.3.2 3-byte U+0000", "E0 80", T_BAD, 1},
    {"3.3.3 4-byte U+0000", "F0 80 80", T_BAD, 1},
    {"3.3.4 5-byte U+0000", "F8 80 80 80", T_BAD, 0},
    {"3.3.5 6-byte U+0000", "FC 80 80 80 80", T_BAD, 0},
    {"3.3.6 2-byte U-000007FF", "DF", T_INC, 0},
    {"3.3.7 3-byte U-0000FFFF", "EF BF", T_INC, 0},
    {"3.3.8 4-byte U-001FFFFF", "F7 BF BF", T_BAD, 0},
    {"3.3.9 5-byte U-03FFFFFF", "FB BF BF BF", T_BAD, 0},
    {"3.3.10 6-byte U-7FFFFFFF", "FD BF BF BF BF", T_BAD, 0},
    /* 3.4 concatenation of the incomplete sequences of 3.3 */
    {"3.4 concatenated",
     "C0 E0 80 F0 80 80 F8 80 80 80 FC 80 80 80 80 DF EF BF F7 BF BF FB BF BF BF FD BF BF BF BF",
     T_BAD, 0},
    /* 3.5 impossible bytes */
    {"3.5.1 FE", "FE", T_BAD, 0},
    {"3.5.2 FF", "FF", T_BAD, 0},
    {"3.5.3 FE FE FF FF", "FE FE FF FF", T_BAD, 0},
    /* 4.1 overlong "/" (U+002F) */
    {"4.1.1 C0 AF", "C0 AF", T_BAD, 0},
    {"4.1.2 E0 80 AF", "E0 80 AF", T_BAD, 1},
    {"4.1.3 F0 80 80 AF", "F0 80 80 AF", T_BAD, 1},
    {"4.1.4 F8 80 80 80 AF", "F8 80 80 80 AF", T_BAD, 0},
    {"4.1.5 FC 80 80 80 80 AF", "FC 80 80 80 80 AF", T_BAD, 0},
    /* 4.2 maximum overlong sequences */
    {"4.2.1 U-0000007F", "C1 BF", T_BAD, 0},
    {"4.2.2 U-000007FF", "E0 9F BF", T_BAD, 1},
    {"4.2.3 U-0000FFFF", "F0 8F BF BF", T_BAD, 1},
    {"4.2.4 U-001FFFFF", "F8 87 BF BF BF", T_BAD, 0},
    {"4.2.5 U-03FFFFFF", "FC 83 BF BF BF BF", T_BAD, 0},
    /* 4.3 overlong NUL */
    {"4.3.1 C0 80", "C0 80", T_BAD, 0},
    {"4.3.2 E0 80 80", "E0 80 80", T_BAD, 1},
    {"4.3.3 F0 80 80 80", "F0 80 80 80", T_BAD, 1},
    {"4.3.4 F8 80 80 80 80", "F8 80 80 80 80", T_BAD, 0},
    {"4.3.5 FC 80 80 80 80 80", "FC 80 80 80 80 80", T_BAD, 0},
    /* 5.1 single UTF-16 surrogates */
    {"5.1.1 U+D800", "ED A0 80", T_BAD, 1},
    {"5.1.2 U+DB7F", "ED AD BF", T_BAD, 1},
    {"5.1.3 U+DB80", "ED AE 80", T_BAD, 1},
    {"5.1.4 U+DBFF", "ED AF BF", T_BAD, 1},
    {"5.1.5 U+DC00", "ED B0 80", T_BAD, 1},
    {"5.1.6 U+DF80", "ED BE 80", T_BAD, 1},
    {"5.1.7 U+DFFF", "ED BF BF", T_BAD, 1},
    /* 5.2 paired UTF-16 surrogates */
    {"5.2.1 U+D800 U+DC00", "ED A0 80 ED B0 80", T_BAD, 1},
    {"5.2.2 U+D800 U+DFFF", "ED A0 80 ED BF BF", T_BAD, 1},
    {"5.2.3 U+DB7F U+DC00", "ED AD BF ED B0 80", T_BAD, 1},
    {"5.2.4 U+DB7F U+DFFF", "ED AD BF ED BF BF", T_BAD, 1},
    {"5.2.5 U+DB80 U+DC00", "ED AE 80 ED B0 80", T_BAD, 1},
    {"5.2.6 U+DB80 U+DFFF", "ED AE 80 ED BF BF", T_BAD, 1},
    {"5.2.7 U+DBFF U+DC00", "ED AF BF ED B0 80", T_BAD, 1},
    {"5.2.8 U+DBFF U+DFFF", "ED AF BF ED BF BF", T_BAD, 1},
    /* 5.3 noncharacters are well-formed UTF-8 */
    {"5.3.1 U+FFFE", "EF BF BE", T_OK, 0},
    {"5.3.1 U+FFFF", "EF BF BF", T_OK, 0},
    {"5.3.2 U+FDD0", "EF B7 90", T_OK, 0},
    {"5.3.2 U+FDEF", "EF B7 AF", T_OK, 0},
    {"5.3.3 U+1FFFE U+1FFFF", "F0 9F BF BE F0 9F BF BF", T_OK, 0},
    {"5.3.3 U+10FFFE U+10FFFF", "F4 8F BF BE F4 8F BF BF", T_OK, 0},
};

static void test_kuhn(void **state)
{
    (void)state;
    run_cases(kuhn_cases, sizeof kuhn_cases / sizeof kuhn_cases[0]);
}

/* Kuhn 3.1.9: all 64 continuation bytes in a row; 3.2: every lead byte
 * followed by a space (each pair on its own); 5.3.2/5.3.3: every
 * noncharacter. Built by loops from the document's description. */
static void test_kuhn_generated(void **state)
{
    uint8_t b[128];
    unsigned c;
    uint32_t plane, cp;
    (void)state;
    for (c = 0; c < 64; c++)
        b[c] = (uint8_t)(0x80 + c);
    check_case("3.1.9 all continuation bytes", b, 64, T_BAD, 0);
    /* 3.2.1..3.2.5 lonely start characters: C0..FD followed by a space. A
     * byte that can never start a sequence fails itself; a real lead fails
     * at the space. The document's concatenations fail at their first byte
     * (C0, or the first lead and its space). */
    for (c = 0xC0; c <= 0xFD; c++) {
        int never = c < 0xC2 || c > 0xF4;
        b[0] = (uint8_t)c;
        b[1] = 0x20;
        check_case("3.2 lonely start", b, 2, T_BAD, never ? 0 : 1);
    }
    for (c = 0xC0; c <= 0xDF; c++) {
        b[2 * (c - 0xC0)] = (uint8_t)c;
        b[2 * (c - 0xC0) + 1] = 0x20;
    }
    check_case("3.2.1 C0..DF each followed by space", b, 64, T_BAD, 0);
    for (c = 0xE0; c <= 0xEF; c++) {
        b[2 * (c - 0xE0)] = (uint8_t)c;
        b[2 * (c - 0xE0) + 1] = 0x20;
    }
    check_case("3.2.2 E0..EF each followed by space", b, 32, T_BAD, 1);
    for (c = 0xF0; c <= 0xF7; c++) {
        b[2 * (c - 0xF0)] = (uint8_t)c;
        b[2 * (c - 0xF0) + 1] = 0x20;
    }
    check_case("3.2.3 F0..F7 each followed by space", b, 16, T_BAD, 1);
    for (c = 0xF8; c <= 0xFB; c++) {
        b[2 * (c - 0xF8)] = (uint8_t)c;
        b[2 * (c - 0xF8) + 1] = 0x20;
    }
    check_case("3.2.4 F8..FB each followed by space", b, 8, T_BAD, 0);
    b[0] = 0xFC, b[1] = 0x20, b[2] = 0xFD, b[3] = 0x20;
    check_case("3.2.5 FC FD each followed by space", b, 4, T_BAD, 0);
    /* 5.3.2 U+FDD0..U+FDEF, all in one string. */
    {
        size_t n = 0;
        for (cp = 0xFDD0; cp <= 0xFDEF; cp++)
            n += enc(cp, b + n);
        assert_int_equal(n, 96);
        check_case("5.3.2 U+FDD0..U+FDEF", b, n, T_OK, 0);
    }
    /* 5.3.3 U+nFFFE and U+nFFFF of planes 1..16. */
    for (plane = 1; plane <= 16; plane++) {
        size_t n = enc(plane << 16 | 0xFFFE, b);
        n += enc(plane << 16 | 0xFFFF, b + n);
        assert_int_equal(n, 8);
        check_case("5.3.3 U+nFFFE U+nFFFF", b, n, T_OK, 0);
    }
}

/* ---- boundaries, overlongs, surrogates, out of range ----------------------- */

static void test_boundaries(void **state)
{
    static const uint32_t valid[] = {0x0,    0x7F,    0x80,    0x7FF,   0x800,   0xFFF,
                                     0x1000, 0xCFFF,  0xD000,  0xD7FF,  0xE000,  0xFFFD,
                                     0xFFFE, 0xFFFF,  0x10000, 0x3FFFF, 0x40000, 0xFFFFF,
                                     0x100000, 0x10FFFF};
    static const uint32_t surrogates[] = {0xD800, 0xDBFF, 0xDC00, 0xDFFF};
    static const uint32_t too_large[] = {0x110000, 0x13FFFF, 0x140000, 0x1FFFFF};
    uint8_t b[8];
    size_t i, len, n;
    (void)state;
    for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        uint32_t cp = valid[i];
        size_t shortest = enc(cp, b);
        check_case("boundary code point", b, shortest, T_OK, 0);
        /* Every longer (overlong) form, up to 6 bytes: 2-byte overlongs have
         * lead C0/C1 (bad at once), 3- and 4-byte ones are caught at the
         * second byte (E0 80..9F, F0 80..8F), 5 and 6 bytes at the lead. */
        for (len = shortest + 1; len <= 6; len++) {
            n = enc_len(cp, len, b);
            check_case("overlong", b, n, T_BAD, (len == 3 || len == 4) ? 1 : 0);
        }
    }
    for (i = 0; i < sizeof surrogates / sizeof surrogates[0]; i++) {
        n = enc(surrogates[i], b);
        assert_int_equal(n, 3);
        assert_int_equal(b[0], 0xED);
        check_case("surrogate", b, n, T_BAD, 1);
    }
    for (i = 0; i < sizeof too_large / sizeof too_large[0]; i++) {
        n = enc(too_large[i], b);
        assert_int_equal(n, 4);
        /* F4 90..BF fails at the second byte; F5..F7 at the lead. */
        check_case("above U+10FFFF", b, n, T_BAD, b[0] == 0xF4 ? 1 : 0);
    }
}

/* Fail-fast cases named in the brief and by Autobahn 6.x. */
static const utf8_case failfast_cases[] = {
    {"F4 90", "F4 90", T_BAD, 1},
    {"ED A0", "ED A0", T_BAD, 1},
    {"E0 80", "E0 80", T_BAD, 1},
    {"C0", "C0", T_BAD, 0},
    {"C1", "C1", T_BAD, 0},
    {"F5", "F5", T_BAD, 0},
    {"E2 82 41", "E2 82 41", T_BAD, 2},
    {"E2 41", "E2 41", T_BAD, 1},
    {"F0 9F 98 41", "F0 9F 98 41", T_BAD, 3},
    {"C3 C3", "C3 C3", T_BAD, 1},
    {"E2 82 E2", "E2 82 E2", T_BAD, 2},
    {"F4 8F BF C0", "F4 8F BF C0", T_BAD, 3},
    {"ASCII then stray continuation", "48 65 6C 6C 6F 80", T_BAD, 5},
    {"valid then continuation too many", "C3 A9 A9", T_BAD, 2},
    {"4-byte then extra continuation", "F0 9F 98 80 80", T_BAD, 4},
    {"Autobahn 6.3.1 (surrogate in text)",
     "CE BA E1 BD B9 CF 83 CE BC CE B5 ED A0 80 65 64 69 74 65 64", T_BAD, 12},
    {"Hello-mu@ss-et", "48 65 6C 6C 6F 2D C2 B5 40 C3 9F C3 B6 C3 A4 C3 BC C3 A0 C3 A1 2D 55 54 46 2D 38 21 21",
     T_OK, 0},
    {"incomplete E2 82", "E2 82", T_INC, 0},
    {"incomplete F0 9F 98", "F0 9F 98", T_INC, 0},
    {"incomplete after text", "41 42 F0 9F", T_INC, 2},
    {"incomplete C3", "C3", T_INC, 0},
};

static void test_failfast(void **state)
{
    (void)state;
    run_cases(failfast_cases, sizeof failfast_cases / sizeof failfast_cases[0]);
}

/* ---- exhaustive short inputs -------------------------------------------------- */

/* Every byte pair, and every 3- and 4-byte string over a set of byte values
 * that includes both ends of every range in table 3-7, placed where the
 * vector paths split their work (inside a vector, across 16- and 32-byte
 * vector boundaries, across the 64-byte block boundary, at the end of a
 * block followed by ASCII or by the input's end). */
static void test_exhaustive_short(void **state)
{
    static const uint8_t alpha[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                    0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE,
                                    0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
    static const size_t places[] = {5, 14, 15, 30, 31, 47, 62, 63, 125};
    const size_t na = sizeof alpha / sizeof alpha[0];
    uint8_t buf[192];
    size_t pl, total = 0;
    unsigned x;
    (void)state;
    for (pl = 0; pl < sizeof places / sizeof places[0]; pl++) {
        size_t at = places[pl];
        for (x = 0; x < 65536; x++) {
            size_t end = at + 2, rb = 0, k;
            int rr;
            memset(buf, 'a', sizeof buf);
            buf[at] = (uint8_t)(x >> 8);
            buf[at + 1] = (uint8_t)x;
            /* Alternate: end right after the pair, or ASCII to 192. */
            if (x & 1)
                end = sizeof buf;
            rr = ref_validate(buf, end, &rb);
            for (k = 0; k < nimpls; k++) {
                size_t off = 0;
                int got = hk_utf8_validate_impl(buf, end, &off, impls[k]);
                if (got != rr || (rr != T_OK && off != rb))
                    fail_msg("%s: %02X %02X at %zu len %zu: %s at %zu, want %s at %zu",
                             hk_utf8_impl_name(impls[k]), buf[at], buf[at + 1], at, end,
                             hk_error_name(got), off, hk_error_name(rr), rb);
            }
            total++;
        }
    }
    for (pl = 0; pl < sizeof places / sizeof places[0]; pl++) {
        size_t at = places[pl];
        size_t a, b, c, d;
        for (a = 0; a < na; a++)
            for (b = 0; b < na; b++)
                for (c = 0; c < na; c++)
                    for (d = 0; d <= na; d++) {
                        size_t end = d == na ? at + 3 : sizeof buf, rb = 0, k;
                        int rr;
                        memset(buf, 'a', sizeof buf);
                        buf[at] = alpha[a];
                        buf[at + 1] = alpha[b];
                        buf[at + 2] = alpha[c];
                        if (d < na)
                            buf[at + 3] = alpha[d];
                        rr = ref_validate(buf, end, &rb);
                        for (k = 0; k < nimpls; k++) {
                            size_t off = 0;
                            int got = hk_utf8_validate_impl(buf, end, &off, impls[k]);
                            if (got != rr || (rr != T_OK && off != rb))
                                fail_msg("%s: %02X %02X %02X at %zu: %s at %zu, want %s at %zu",
                                         hk_utf8_impl_name(impls[k]), buf[at], buf[at + 1],
                                         buf[at + 2], at, hk_error_name(got), off,
                                         hk_error_name(rr), rb);
                        }
                        total++;
                    }
    }
    assert_true(total > 9 * 65536);
}

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

/* ---- random cross-check against the reference -------------------------------- */

/* Append one random piece: mostly valid characters of every length, ASCII
 * runs, sometimes (when bad) one of the ways a sequence can be broken. */
static size_t random_piece(hk_test_rng *r, uint8_t *out, int allow_bad)
{
    uint32_t cp;
    uint64_t k = hk_test_rng_below(r, 100);
    size_t n;
    if (k < 30) { /* ASCII run */
        n = (size_t)hk_test_rng_below(r, 40) + 1;
        for (k = 0; k < n; k++)
            out[k] = (uint8_t)(0x20 + hk_test_rng_below(r, 95));
        return n;
    }
    if (k < 50)
        cp = 0x80 + (uint32_t)hk_test_rng_below(r, 0x800 - 0x80);
    else if (k < 75) {
        cp = 0x800 + (uint32_t)hk_test_rng_below(r, 0x10000 - 0x800);
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp -= 0x800;
    } else if (k < 90)
        cp = 0x10000 + (uint32_t)hk_test_rng_below(r, 0x110000 - 0x10000);
    else { /* boundary values */
        static const uint32_t edge[] = {0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF, 0xD7FF,
                                        0xE000, 0xFFFD, 0x7F, 0};
        cp = edge[hk_test_rng_below(r, sizeof edge / sizeof edge[0])];
    }
    n = enc(cp, out);
    if (allow_bad && hk_test_rng_below(r, 8) == 0) {
        switch (hk_test_rng_below(r, 8)) {
        case 0: /* truncate */
            if (n > 1)
                n = 1 + (size_t)hk_test_rng_below(r, n - 1);
            break;
        case 1: /* overlong */
            if (n < 4)
                n = enc_len(cp & 0x7FF, n + 1, out);
            break;
        case 2: /* surrogate */
            n = enc(0xD800 + (uint32_t)hk_test_rng_below(r, 0x800), out);
            break;
        case 3: /* above U+10FFFF */
            n = enc(0x110000 + (uint32_t)hk_test_rng_below(r, 0x100000), out);
            break;
        case 4: /* stray continuation */
            out[n++] = (uint8_t)(0x80 + hk_test_rng_below(r, 64));
            break;
        case 5: /* one random byte replaced */
            out[hk_test_rng_below(r, n)] = (uint8_t)hk_test_rng_next(r);
            break;
        case 6: /* C0, C1, F5..FF */
        {
            static const uint8_t never[] = {0xC0, 0xC1, 0xF5, 0xF8, 0xFC, 0xFE, 0xFF};
            out[0] = never[hk_test_rng_below(r, sizeof never)];
            break;
        }
        default: /* 5- or 6-byte form */
            n = enc_len(cp, 5 + (size_t)hk_test_rng_below(r, 2), out);
            break;
        }
    }
    return n;
}

/* Check buf[0..n) on every path against the reference, one-shot and with
 * random split points. */
static void cross_check(hk_test_rng *r, const uint8_t *buf, size_t n)
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

static void test_random(void **state)
{
    hk_test_rng r;
    static uint8_t buf[9000];
    int iter;
    (void)state;
    hk_test_rng_seed(&r, 0x5eed0008);
    for (iter = 0; iter < 1500; iter++) {
        size_t n = 0, target = (size_t)hk_test_rng_below(&r, iter < 1000 ? 600 : 8000) + 1;
        /* Rarely-bad streams (so the error is often deep inside) and
         * often-bad ones. */
        int bad_rate = (int)hk_test_rng_below(&r, 4);
        while (n < target && n + 16 < sizeof buf)
            n += random_piece(&r, buf + n, bad_rate == 0 ? 0 :
                              hk_test_rng_below(&r, bad_rate == 1 ? 200 : 8) == 0);
        cross_check(&r, buf, n);
    }
}

/* One error at every offset within a 64-byte block (and its neighbours), deep
 * in several KiB of valid text, for each kind of corruption. */
static void test_error_every_position(void **state)
{
    static uint8_t base[4200], buf[4200];
    static const char *bad[] = {"80", "BF", "C0 80", "C2 41", "E0 9F BF", "ED A0 80",
                                "F4 90 80 80", "F5 80 80 80", "FF", "E2 82", "F0 9F 98",
                                "C3"};
    hk_test_rng r;
    size_t kind, pos;
    int text;
    (void)state;
    hk_test_rng_seed(&r, 0x5eed0009);
    for (text = 0; text < 2; text++) {
        filler(base, sizeof base, text == 0, 99);
        for (kind = 0; kind < sizeof bad / sizeof bad[0]; kind++) {
            uint8_t ins[8];
            size_t m = hk_test_unhex(bad[kind], ins, sizeof ins);
            for (pos = 4000 - 70; pos < 4000 + 70; pos++) {
                /* Start the insertion at a character boundary of the text. */
                size_t at = pos;
                memcpy(buf, base, sizeof buf);
                while ((buf[at] & 0xC0) == 0x80)
                    at--;
                memcpy(buf + at, ins, m);
                /* Repair what the insertion cut: pad the broken tail with
                 * ASCII up to the next boundary. */
                {
                    size_t e = at + m;
                    while (e < sizeof buf && (buf[e] & 0xC0) == 0x80)
                        buf[e++] = 'z';
                }
                cross_check(&r, buf, sizeof buf);
                cross_check(&r, buf, at + m); /* the error (or truncation) at the end */
            }
        }
    }
}

/* Long valid inputs of each kind pass on every path, one-shot and with
 * splits that straddle sequences. */
static void test_long_valid(void **state)
{
    static uint8_t buf[70000];
    hk_test_rng r;
    int text;
    (void)state;
    hk_test_rng_seed(&r, 0x5eed000a);
    for (text = 0; text < 2; text++) {
        size_t k;
        filler(buf, sizeof buf, text == 0, 7);
        for (k = 0; k < 20; k++)
            cross_check(&r, buf, sizeof buf - hk_test_rng_below(&r, 64));
    }
    {
        /* Emoji only (4-byte sequences back to back). */
        size_t n = 0;
        while (n + 4 <= sizeof buf)
            n += enc(0x1F600 + (uint32_t)hk_test_rng_below(&r, 80), buf + n);
        for (text = 0; text < 10; text++)
            cross_check(&r, buf, n - (size_t)text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_api),
        cmocka_unit_test(test_kuhn),
        cmocka_unit_test(test_kuhn_generated),
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_failfast),
        cmocka_unit_test(test_final_incomplete),
        cmocka_unit_test(test_sticky),
        cmocka_unit_test(test_exhaustive_short),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_error_every_position),
        cmocka_unit_test(test_long_valid),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
