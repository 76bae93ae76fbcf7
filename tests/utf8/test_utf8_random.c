/*
 * UTF-8 validator: exhaustive short inputs at every vector edge, random
 * cross-checks against the reference decoder (random mixes of valid and
 * corrupted sequences, random split points), one error at every offset of a
 * 64-byte block deep in several KiB of text, and long valid inputs - on
 * every implementation path this CPU has.
 */
#include "utf8_check.h"

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
            cross_check(&r, buf, sizeof buf - (size_t)hk_test_rng_below(&r, 64));
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
        cmocka_unit_test(test_exhaustive_short),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_error_every_position),
        cmocka_unit_test(test_long_valid),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
