/*
 * utf8/internal.h - shared between the UTF-8 validator's scalar driver
 * (utf8.c) and its x86 vector kernels (utf8_x86.c). Not installed.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HK_UTF8_INTERNAL_H
#define HK_UTF8_INTERNAL_H

#include "base/internal.h"
#include "hooksock/utf8.h"

/* The vector kernels work on blocks of this many bytes. */
#define HK_UTF8_BLOCK 64

/*
 * A vector kernel: scan whole HK_UTF8_BLOCK-byte blocks of p[0..n), which
 * starts at a character boundary, and return the length (a multiple of the
 * block size) of the longest run of leading blocks in which no error was
 * found. p[0..returned) is then a valid UTF-8 prefix (it may end inside a
 * sequence). The kernel stops at the first block with an error, or when fewer
 * than HK_UTF8_BLOCK bytes remain; the caller finishes with the scalar DFA,
 * which locates the exact bad byte.
 */
typedef size_t (*hk__utf8_kernel_fn)(const uint8_t *p, size_t n);

#if defined(HK_ARCH_X86) && (defined(__GNUC__) || defined(__clang__))
#  define HK_UTF8_HAVE_X86 1
/* Bits of hk__utf8_x86_features(). */
#  define HK_UTF8_CPU_SSSE3 1u
#  define HK_UTF8_CPU_AVX2 2u
/* CPU features (CPUID, plus XGETBV for the OS's YMM support), read once and
 * cached process-wide (write-once, idempotent). */
HK_INTERNAL unsigned hk__utf8_x86_features(void);
HK_INTERNAL size_t hk__utf8_kernel_ssse3(const uint8_t *p, size_t n);
HK_INTERNAL size_t hk__utf8_kernel_avx2(const uint8_t *p, size_t n);
#endif

#endif /* HK_UTF8_INTERNAL_H */
