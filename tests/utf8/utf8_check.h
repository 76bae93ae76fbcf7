/* utf8_check.h - helpers shared by the UTF-8 tests (see utf8_check.c). */
#ifndef UTF8_CHECK_H
#define UTF8_CHECK_H

#include "hk_test.h"

#define T_OK HK_OK
#define T_BAD HK_ERR_UTF8_INVALID
#define T_INC HK_ERR_UTF8_INCOMPLETE

/* The implementations this CPU has (PORTABLE, SSSE3, AVX2, AUTO), filled by
 * find_impls() / setup(). */
extern int impls[4];
extern size_t nimpls;
void find_impls(void);
/* cmocka group setup: find_impls() and print them. */
int setup(void **state);

/* Reference: T_OK, T_BAD at the first byte that breaks a sequence, or T_INC
 * with the lead byte of the unfinished last sequence. */
int ref_validate(const uint8_t *p, size_t n, size_t *bad);
/* UTF-8 form of cp in exactly len bytes (1..6; overlongs allowed). */
size_t enc_len(uint32_t cp, size_t len, uint8_t *out);
/* Shortest form. */
size_t enc(uint32_t cp, uint8_t *out);

/* Library verdict for p[0..n) streamed in pieces cut at cuts[]: T_OK, T_INC,
 * or T_BAD with the absolute offset in *bad. Checks stickiness on the way. */
int run_split(const uint8_t *p, size_t n, const size_t *cuts, size_t ncuts, int impl,
              size_t *bad);
/* Assert the one-shot verdict on every impl and, if splits, the streamed one
 * at every two-piece split and byte by byte. */
void expect_all(const uint8_t *p, size_t n, int rc, size_t bad, int splits);
/* Exactly len bytes of valid text: ASCII, or mixed 1- to 4-byte characters. */
void filler(uint8_t *out, size_t len, int ascii, uint32_t seed);
/* A short case on its own (every split) and embedded after prefixes of every
 * length 0..130 and before ASCII or multi-byte tails, on every impl. */
void check_case(const char *name, const uint8_t *s, size_t n, int rc, size_t bad);

typedef struct {
    const char *name; /* Kuhn's section number, or a description */
    const char *hex;
    int rc;
    size_t bad;
} utf8_case;
void run_cases(const utf8_case *c, size_t count);

/* buf[0..n) on every impl against the reference, one-shot and with up to 8
 * random split points. */
void cross_check(hk_test_rng *r, const uint8_t *buf, size_t n);

#endif
