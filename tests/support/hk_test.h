/*
 * hk_test.h - shared helpers for the cmocka unit tests.
 *
 * Tests include this first; it pulls in cmocka with its prerequisites and
 * the umbrella header. Helpers here are written independently of the library
 * (hex decoding, PRNG) so that a test never checks the library against
 * itself.
 */
#ifndef HK_TEST_H
#define HK_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <hooksock.h>

/* Decode a hex string (whitespace ignored) into out; returns the byte count.
 * Aborts the test on a malformed string or overflow. */
size_t hk_test_unhex(const char *hex, uint8_t *out, size_t cap);

/* Deterministic PRNG (splitmix64) for reproducible random tests. */
typedef struct {
    uint64_t s;
} hk_test_rng;
void hk_test_rng_seed(hk_test_rng *r, uint64_t seed);
uint64_t hk_test_rng_next(hk_test_rng *r);
void hk_test_rng_fill(hk_test_rng *r, void *buf, size_t n);
/* Uniform in [0, bound) for bound > 0. */
uint64_t hk_test_rng_below(hk_test_rng *r, uint64_t bound);
/* An hk_random_fn over an hk_test_rng passed as user. */
int hk_test_random(void *user, uint8_t *buf, size_t len);

/*
 * A counting allocator with failure injection. fail_at = N makes the N-th
 * allocation (1-based, counting malloc and realloc) fail; 0 never fails.
 * Frees check that the size passed matches the size allocated.
 */
typedef struct {
    size_t fail_at;
    size_t calls;        /* malloc + realloc calls so far */
    size_t live_blocks;  /* blocks not freed */
    size_t live_bytes;
    size_t peak_bytes;
    size_t size_errors;  /* frees whose size did not match */
} hk_test_alloc;
/* Fill *out with an allocator that counts into *st (zeroed by this call,
 * keeping fail_at). */
void hk_test_alloc_init(hk_test_alloc *st, hk_allocator *out);

/* Read a whole file; returns malloc'd data (caller frees) or NULL. */
uint8_t *hk_test_read_file(const char *path, size_t *len);

#endif
