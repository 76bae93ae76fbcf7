/*
 * UTF-8 validator: published and boundary vectors, on every implementation
 * path this CPU has. Markus Kuhn's "UTF-8 decoder capability and stress
 * test" (https://www.cl.cam.ac.uk/~mgk25/ucs/examples/UTF-8-test.txt), its
 * numbered cases rebuilt from the byte sequences the document describes;
 * every boundary code point and its overlong forms; the fail-fast cases that
 * Autobahn|Testsuite 6.x requires. Each is checked on its own at every split
 * point and byte by byte, and embedded at every offset of a vector block.
 */
#include "utf8_check.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kuhn),
        cmocka_unit_test(test_kuhn_generated),
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_failfast),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
