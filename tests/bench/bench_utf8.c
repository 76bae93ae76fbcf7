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

/*
 * The baseline: a byte-at-a-time DFA in the classic two-table form (byte ->
 * character class, then state x class -> state, with a test for REJECT
 * after every byte), the structure of the validator wslay uses. Written
 * here from table 3-7, with no branch other than the REJECT test.
 */
enum { DFA_ACC, DFA_REJ, DFA_C1, DFA_C2, DFA_C3, DFA_E0, DFA_ED, DFA_F0, DFA_F4 };
static uint8_t dfa_class[256];
static uint8_t dfa_next[9 * 16];
static void dfa_init(void)
{
    /* classes: 0 ASCII, 1 80..8F, 2 90..9F, 3 A0..BF, 4 C0 C1 F5..FF,
     * 5 C2..DF, 6 E0, 7 E1..EC EE EF, 8 ED, 9 F0, 10 F1..F3, 11 F4 */
    int c, k;
    for (c = 0; c < 256; c++)
        dfa_class[c] = c < 0x80 ? 0 : c < 0x90 ? 1 : c < 0xA0 ? 2 : c < 0xC0 ? 3
                     : c < 0xC2 ? 4 : c < 0xE0 ? 5 : c == 0xE0 ? 6 : c == 0xED ? 8
                     : c < 0xF0 ? 7 : c == 0xF0 ? 9 : c < 0xF4 ? 10 : c == 0xF4 ? 11 : 4;
    memset(dfa_next, DFA_REJ, sizeof dfa_next);
    dfa_next[DFA_ACC * 16 + 0] = DFA_ACC;
    dfa_next[DFA_ACC * 16 + 5] = DFA_C1;
    dfa_next[DFA_ACC * 16 + 6] = DFA_E0;
    dfa_next[DFA_ACC * 16 + 7] = DFA_C2;
    dfa_next[DFA_ACC * 16 + 8] = DFA_ED;
    dfa_next[DFA_ACC * 16 + 9] = DFA_F0;
    dfa_next[DFA_ACC * 16 + 10] = DFA_C3;
    dfa_next[DFA_ACC * 16 + 11] = DFA_F4;
    for (k = 1; k <= 3; k++) {
        dfa_next[DFA_C1 * 16 + k] = DFA_ACC;
        dfa_next[DFA_C2 * 16 + k] = DFA_C1;
        dfa_next[DFA_C3 * 16 + k] = DFA_C2;
    }
    dfa_next[DFA_E0 * 16 + 3] = DFA_C1;
    dfa_next[DFA_ED * 16 + 1] = dfa_next[DFA_ED * 16 + 2] = DFA_C1;
    dfa_next[DFA_F0 * 16 + 2] = dfa_next[DFA_F0 * 16 + 3] = DFA_C2;
    dfa_next[DFA_F4 * 16 + 1] = DFA_C2;
}
static int dfa_validate(const uint8_t *p, size_t n)
{
    unsigned s = DFA_ACC;
    size_t i;
    for (i = 0; i < n; i++) {
        s = dfa_next[s * 16 + dfa_class[p[i]]];
        if (s == DFA_REJ)
            return -1;
    }
    return s == DFA_ACC ? 0 : -1;
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
