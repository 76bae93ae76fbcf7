/*
 * crypto/secret.c - constant-time comparison and wiping.
 *
 * SPDX-License-Identifier: MIT
 */
#include "crypto/internal.h"

/*
 * memset called through a volatile function pointer: the compiler cannot
 * know at the call site that it is memset, so it cannot drop the store as
 * dead. With gcc/clang an empty asm that "reads" the buffer and clobbers
 * memory is added as a second barrier.
 */
static void *(*const volatile secret_memset)(void *, int, size_t) = memset;

void hk_wipe(void *p, size_t n)
{
    if (p == NULL || n == 0)
        return;
    secret_memset(p, 0, n);
#if defined(__GNUC__) || defined(__clang__)
    __asm__ __volatile__("" : : "r"(p) : "memory");
#endif
}

int hk_ct_equal(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    uint32_t d = 0;
    size_t i;
    /* Accumulate every difference: no early exit, no branch on data. */
    for (i = 0; i < n; i++)
        d |= (uint32_t)(x[i] ^ y[i]);
#if defined(__GNUC__) || defined(__clang__)
    /* Hide the value from the optimiser so the loop cannot be turned into
     * a search for the first difference. */
    __asm__("" : "+r"(d));
#endif
    /* d is in 0..255: (d - 1) >> 8 has bit 0 set exactly when d == 0. */
    return (int)(((d - 1) >> 8) & 1);
}
