/*
 * bench_utf8.c - UTF-8 validation throughput, by hand (not a test).
 *
 * For 1 MiB of ASCII, of mostly non-ASCII text (Cyrillic, Greek and CJK with
 * spaces and punctuation) and of emoji, in cache: hk_utf8_validate on each
 * implementation this CPU has, the AUTO path fed in 1400-byte pieces
 * through hk_utf8_update (as frames arrive), a byte-at-a-time table DFA of
 * the kind wslay uses (written here), and memcpy of the same buffer, all
 * measured side by side in this run (interleaved rounds). Prints GB/s
 * (10^9 bytes/s, best of 7 rounds) and ratios to memcpy and to the
 * byte-at-a-time DFA.
 *
 * Usage: bench_utf8 [seconds-per-measurement, default 0.15]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hooksock.h>

#define BENCH_SIZE (1u << 20)

static double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static size_t bench_enc(uint32_t cp, uint8_t *o)
{
    if (cp < 0x80) {
        o[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (uint8_t)(0xC0 | cp >> 6);
        o[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (uint8_t)(0xE0 | cp >> 12);
        o[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (uint8_t)(0xF0 | cp >> 18);
    o[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

static uint32_t bench_rng = 12345;
static uint32_t bench_rand(void)
{
    bench_rng ^= bench_rng << 13;
    bench_rng ^= bench_rng >> 17;
    bench_rng ^= bench_rng << 5;
    return bench_rng;
}

/* kind 0: ASCII prose; 1: words of Cyrillic, Greek or CJK separated by
 * spaces and punctuation; 2: emoji, a space every few. Exactly n bytes,
 * valid. */
static void bench_fill(uint8_t *b, size_t n, int kind)
{
    size_t i = 0;
    while (i < n) {
        uint8_t tmp[4];
        size_t m;
        uint32_t r = bench_rand(), cp;
        if (kind == 0) {
            cp = r % 7 == 0 ? ' ' : 'a' + r % 26;
        } else if (kind == 1) {
            unsigned w = r % 16;
            if (w == 0)
                cp = ' ';
            else if (w == 1)
                cp = r % 3 ? ',' : '.';
            else if (w < 8)
                cp = 0x430 + (r >> 8) % 32; /* Cyrillic */
            else if (w < 10)
                cp = 0x3B1 + (r >> 8) % 24; /* Greek */
            else
                cp = 0x4E00 + (r >> 8) % 0x5000; /* CJK */
        } else {
            cp = r % 6 == 0 ? ' ' : 0x1F600 + (r >> 8) % 80;
        }
        m = bench_enc(cp, tmp);
        if (m > n - i)
            m = bench_enc('x', tmp);
        memcpy(b + i, tmp, m);
        i += m;
    }
}

/* A byte-at-a-time DFA (character classes, then state x class table), the
 * structure of the validator in wslay and many others: the baseline. */
static uint8_t dfa_class[256];
static uint8_t dfa_next[9][8];
static void dfa_init(void)
{
    /* classes: 0 ASCII, 1 80..8F, 2 90..9F, 3 A0..BF, 4 invalid, 5 C2..DF,
     * 6 E0, 7 E1..EC/EE..EF ... states below fold ED/F0/F1-3/F4 in with an
     * extra table for leads; kept small but complete. */
    int c, s;
    for (c = 0; c < 256; c++)
        dfa_class[c] = c < 0x80 ? 0 : c < 0x90 ? 1 : c < 0xA0 ? 2 : c < 0xC0 ? 3 : 4;
    /* states: 0 accept, 1 reject, 2 need 1, 3 need 2, 4 need 3, 5 E0, 6 ED,
     * 7 F0, 8 F4; leads are handled separately below. */
    for (s = 0; s < 9; s++)
        for (c = 0; c < 8; c++)
            dfa_next[s][c] = 1;
    dfa_next[0][0] = 0;
    dfa_next[2][1] = dfa_next[2][2] = dfa_next[2][3] = 0;
    dfa_next[3][1] = dfa_next[3][2] = dfa_next[3][3] = 2;
    dfa_next[4][1] = dfa_next[4][2] = dfa_next[4][3] = 3;
    dfa_next[5][3] = 2;
    dfa_next[6][1] = dfa_next[6][2] = 2;
    dfa_next[7][2] = dfa_next[7][3] = 3;
    dfa_next[8][1] = 3;
}
static uint8_t dfa_lead(uint8_t c)
{
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c == 0xE0)
        return 5;
    if (c == 0xED)
        return 6;
    if (c >= 0xE1 && c <= 0xEF)
        return 3;
    if (c == 0xF0)
        return 7;
    if (c == 0xF4)
        return 8;
    if (c >= 0xF1 && c <= 0xF3)
        return 4;
    return 1;
}
static int dfa_validate(const uint8_t *p, size_t n)
{
    uint8_t s = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        uint8_t c = p[i];
        s = (s == 0 && c >= 0xC0) ? dfa_lead(c) : dfa_next[s][dfa_class[c]];
        if (s == 1)
            return -1;
    }
    return s == 0 ? 0 : -1;
}

static double min_secs = 0.15;
static uint8_t *dst;
static void *(*volatile bench_memcpy)(void *, const void *, size_t) = memcpy;
static volatile int bench_sink;

/* One timed measurement. mode: -1 memcpy, -2 byte DFA, -3 AUTO streamed in
 * 1400-byte pieces, else hk_utf8_validate_impl(mode). Returns GB/s. */
static double bench_once(const uint8_t *b, size_t n, int mode)
{
    double t0 = bench_now(), t;
    long iters = 0;
    do {
        int k;
        for (k = 0; k < 8; k++) {
            if (mode == -1) {
                bench_memcpy(dst, b, n);
                bench_sink += dst[iters & 1023];
            } else if (mode == -2) {
                bench_sink += dfa_validate(b, n);
            } else if (mode == -3) {
                hk_utf8_state st;
                size_t at = 0;
                hk_utf8_init(&st);
                while (at < n) {
                    size_t len = n - at < 1400 ? n - at : 1400;
                    bench_sink += hk_utf8_update(&st, b + at, len, NULL);
                    at += len;
                }
                bench_sink += hk_utf8_final(&st);
            } else {
                bench_sink += hk_utf8_validate_impl(b, n, NULL, mode);
            }
            iters++;
        }
        t = bench_now() - t0;
    } while (t < min_secs);
    return (double)iters * (double)n / t / 1e9;
}

int main(int argc, char **argv)
{
    static const char *kinds[] = {"ASCII", "mostly non-ASCII (Cyrillic/Greek/CJK)", "emoji"};
    uint8_t *buf = malloc(BENCH_SIZE);
    int kind;
    size_t i;
    dst = malloc(BENCH_SIZE);
    if (buf == NULL || dst == NULL)
        return 1;
    if (argc > 1)
        min_secs = atof(argv[1]);
    dfa_init();
    printf("UTF-8 validation of 1 MiB in cache, GB/s (10^9 B/s), best of 7 rounds; "
           "AUTO = %s\n\n", hk_utf8_impl_name(hk_utf8_impl_selected()));
    printf("| input | path | GB/s | vs memcpy | vs byte DFA |\n");
    printf("|---|---|---:|---:|---:|\n");
    /* Every path is measured once per round, seven rounds, best kept: the
     * paths see the same machine load, so their ratios are meaningful on a
     * shared machine. */
    for (kind = 0; kind < 3; kind++) {
        static const int modes[] = {-1, -2, HK_UTF8_IMPL_PORTABLE, HK_UTF8_IMPL_SSSE3,
                                    HK_UTF8_IMPL_AVX2, -3};
        double best[6] = {0};
        int round;
        bench_fill(buf, BENCH_SIZE, kind);
        if (hk_utf8_validate(buf, BENCH_SIZE, NULL) != HK_OK || dfa_validate(buf, BENCH_SIZE)) {
            fprintf(stderr, "bench input %d is not valid\n", kind);
            return 1;
        }
        for (round = 0; round < 7; round++)
            for (i = 0; i < 6; i++) {
                double g;
                if (modes[i] >= 0 && !hk_utf8_impl_available(modes[i]))
                    continue;
                g = bench_once(buf, BENCH_SIZE, modes[i]);
                if (g > best[i])
                    best[i] = g;
            }
        for (i = 0; i < 6; i++) {
            const char *name = modes[i] == -1   ? "memcpy"
                               : modes[i] == -2 ? "byte-at-a-time DFA (wslay-style baseline)"
                               : modes[i] == -3 ? "hk auto, hk_utf8_update in 1400 B pieces"
                                                : NULL;
            if (best[i] == 0)
                continue;
            if (name != NULL)
                printf("| %s | %s | %.2f | %.2f | %.2f |\n", kinds[kind], name, best[i],
                       best[i] / best[0], best[i] / best[1]);
            else
                printf("| %s | hk %s | %.2f | %.2f | %.2f |\n", kinds[kind],
                       hk_utf8_impl_name(modes[i]), best[i], best[i] / best[0],
                       best[i] / best[1]);
        }
    }
    free(buf);
    free(dst);
    return 0;
}
