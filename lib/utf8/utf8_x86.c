/*
 * utf8/utf8_x86.c - SSSE3 and AVX2 block kernels for the UTF-8 validator,
 * and the CPU feature check that picks them.
 *
 * The technique is the one described by J. Keiser and D. Lemire,
 * "Validating UTF-8 In Less Than One Instruction Per Byte", Software:
 * Practice and Experience 51(5), 2021 (arXiv:2010.03090): classify every
 * pair of adjacent bytes with three 16-entry table lookups (high nibble of
 * the first byte, low nibble of the first byte, high nibble of the second),
 * AND the results, and check the third and fourth bytes of long sequences
 * separately. The tables below are derived here from table 3-7 of the
 * Unicode standard, not taken from any implementation.
 *
 * Each error bit stands for a set of (first byte, second byte) pairs that is
 * a product "first high nibble in H, first low nibble in L, second high
 * nibble in S", so that AND-ing the three lookups yields exactly the bits
 * whose three conditions all hold:
 *
 *   bit   pairs                       H      L          S
 *   0x01  lead, then not continuation C..F   any        0..7, C..F
 *   0x02  ASCII, then continuation    0..7   any        8..B
 *   0x04  E0 80..9F (overlong)        E      0          8..9
 *   0x08  F4..FF 90..BF (too large)   F      4..F       9..B
 *   0x10  ED A0..BF (surrogate)       E      D          A..B
 *   0x20  C0/C1 80..BF (overlong)     C      0..1       8..B
 *   0x40  F0 80..8F (overlong) and
 *         F5..FF 80..8F (too large)   F      0, 5..F    8
 *   0x80  continuation, continuation  8..B   any        8..B
 *
 * "Too large" (F4 90..BF, and F5..FF before any continuation byte) is not a
 * product, so it is split between 0x08 and 0x40, which 0x40 shares with the
 * F0 overlongs: each bit stays a product. Every other invalid lead (C0, C1,
 * F5..FF) fails with the byte after it, whatever that is (0x01, 0x20 or
 * 0x08/0x40); at the end of a block it counts as a sequence still open
 * (below). Bit 0x80 is wanted
 * exactly when the second byte is the third byte of a three- or four-byte
 * sequence or the fourth of a four-byte one, i.e. when the byte two back is
 * >= E0 or the byte three back is >= F0; an XOR with that condition turns
 * both "missing continuation" and "continuation too many" into errors. A
 * block that ends in a sequence still open is checked against the next
 * block (the previous vector supplies the "bytes before"); an all-ASCII
 * block instead fails if the previous block ended inside a sequence.
 *
 * Only whole blocks are examined; see utf8/internal.h for the contract.
 * Intrinsics are enabled per function with target attributes, so the file
 * builds without any -m flag, and run only after CPUID said they may.
 *
 * SPDX-License-Identifier: MIT
 */
#include "utf8/internal.h"

#if defined(HK_UTF8_HAVE_X86)

#include <cpuid.h>
#include <immintrin.h>

/* ---- CPU features ---------------------------------------------------------- */

/* 0: not yet read; otherwise the feature bits | 0x80000000. Write-once in the
 * sense that every thread computes the same value; relaxed atomics suffice. */
static unsigned utf8_x86_cache;

static unsigned utf8_x86_detect(void)
{
    unsigned eax, ebx, ecx, edx, f = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return 0;
    if (ecx & (1u << 9)) /* SSSE3 */
        f |= HK_UTF8_CPU_SSSE3;
    /* AVX2 needs OSXSAVE (ecx bit 27), AVX (bit 28), the OS saving XMM and
     * YMM state (XCR0 bits 1 and 2), and CPUID leaf 7 EBX bit 5. */
    if ((ecx & (1u << 27)) && (ecx & (1u << 28))) {
        unsigned xlo, xhi;
        __asm__ __volatile__("xgetbv" : "=a"(xlo), "=d"(xhi) : "c"(0));
        (void)xhi;
        if ((xlo & 6u) == 6u && __get_cpuid_max(0, NULL) >= 7) {
            __cpuid_count(7, 0, eax, ebx, ecx, edx);
            if (ebx & (1u << 5))
                f |= HK_UTF8_CPU_AVX2;
        }
    }
    return f;
}

unsigned hk__utf8_x86_features(void)
{
    unsigned v = __atomic_load_n(&utf8_x86_cache, __ATOMIC_RELAXED);
    if (HK_UNLIKELY(v == 0)) {
        v = utf8_x86_detect() | 0x80000000u;
        __atomic_store_n(&utf8_x86_cache, v, __ATOMIC_RELAXED);
    }
    return v & ~0x80000000u;
}

/* ---- the tables (see the comment at the top) ------------------------------ */

#define HK_U8V_SHORT 0x01
#define HK_U8V_LONG 0x02
#define HK_U8V_OVL3 0x04
#define HK_U8V_LARGE 0x08
#define HK_U8V_SURR 0x10
#define HK_U8V_OVL2 0x20
#define HK_U8V_L1000 0x40
#define HK_U8V_CONT2 0x80
#define HK_U8V_ANY (HK_U8V_SHORT | HK_U8V_LONG | HK_U8V_CONT2)

/* Indexed by the high nibble of the first byte of a pair. */
static const uint8_t utf8_x86_first_hi[16] = {
    HK_U8V_LONG, HK_U8V_LONG, HK_U8V_LONG, HK_U8V_LONG,     /* 0..3 */
    HK_U8V_LONG, HK_U8V_LONG, HK_U8V_LONG, HK_U8V_LONG,     /* 4..7 */
    HK_U8V_CONT2, HK_U8V_CONT2, HK_U8V_CONT2, HK_U8V_CONT2, /* 8..B */
    HK_U8V_SHORT | HK_U8V_OVL2,                             /* C */
    HK_U8V_SHORT,                                           /* D */
    HK_U8V_SHORT | HK_U8V_OVL3 | HK_U8V_SURR,               /* E */
    HK_U8V_SHORT | HK_U8V_LARGE | HK_U8V_L1000,             /* F */
};

/* Indexed by the low nibble of the first byte. */
static const uint8_t utf8_x86_first_lo[16] = {
    HK_U8V_ANY | HK_U8V_OVL3 | HK_U8V_OVL2 | HK_U8V_L1000, /* 0 */
    HK_U8V_ANY | HK_U8V_OVL2,                              /* 1 */
    HK_U8V_ANY,                                            /* 2 */
    HK_U8V_ANY,                                            /* 3 */
    HK_U8V_ANY | HK_U8V_LARGE,                             /* 4 */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000,              /* 5 */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000,              /* 6 */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000,              /* 7 */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000,              /* 8 */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000,              /* 9 */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000,              /* A */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000,              /* B */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000,              /* C */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000 | HK_U8V_SURR, /* D */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000,              /* E */
    HK_U8V_ANY | HK_U8V_LARGE | HK_U8V_L1000,              /* F */
};

/* Indexed by the high nibble of the second byte. */
static const uint8_t utf8_x86_second_hi[16] = {
    HK_U8V_SHORT, HK_U8V_SHORT, HK_U8V_SHORT, HK_U8V_SHORT, /* 0..3 */
    HK_U8V_SHORT, HK_U8V_SHORT, HK_U8V_SHORT, HK_U8V_SHORT, /* 4..7 */
    HK_U8V_LONG | HK_U8V_OVL3 | HK_U8V_OVL2 | HK_U8V_L1000 | HK_U8V_CONT2, /* 8 */
    HK_U8V_LONG | HK_U8V_OVL3 | HK_U8V_LARGE | HK_U8V_OVL2 | HK_U8V_CONT2, /* 9 */
    HK_U8V_LONG | HK_U8V_LARGE | HK_U8V_SURR | HK_U8V_OVL2 | HK_U8V_CONT2, /* A */
    HK_U8V_LONG | HK_U8V_LARGE | HK_U8V_SURR | HK_U8V_OVL2 | HK_U8V_CONT2, /* B */
    HK_U8V_SHORT, HK_U8V_SHORT, HK_U8V_SHORT, HK_U8V_SHORT, /* C..F */
};

/* Saturating "byte - limit" is non-zero where a block's last three bytes
 * start a sequence that is not finished inside the block: the last byte is
 * >= C0, the second last >= E0 or the third last >= F0. */
static const uint8_t utf8_x86_open_limit[32] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xEF, 0xDF, 0xBF};

/* ---- SSSE3: four 16-byte vectors per block --------------------------------- */

#define HK_U8V_SSSE3 __attribute__((target("ssse3")))

typedef struct {
    __m128i first_hi, first_lo, second_hi, nib, third, fourth, bit7;
} utf8_ssse3_consts;

static inline HK_U8V_SSSE3 __m128i utf8_ssse3_check(const utf8_ssse3_consts *k, __m128i in,
                                                      __m128i prev)
{
    __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
    __m128i prev2 = _mm_alignr_epi8(in, prev, 14);
    __m128i prev3 = _mm_alignr_epi8(in, prev, 13);
    __m128i a = _mm_shuffle_epi8(k->first_hi, _mm_and_si128(_mm_srli_epi16(prev1, 4), k->nib));
    __m128i b = _mm_shuffle_epi8(k->first_lo, _mm_and_si128(prev1, k->nib));
    __m128i c = _mm_shuffle_epi8(k->second_hi, _mm_and_si128(_mm_srli_epi16(in, 4), k->nib));
    __m128i pairs = _mm_and_si128(_mm_and_si128(a, b), c);
    /* prev2 - 0x60 >= 0x80 iff prev2 >= E0; prev3 - 0x70 >= 0x80 iff >= F0. */
    __m128i want = _mm_or_si128(_mm_subs_epu8(prev2, k->third), _mm_subs_epu8(prev3, k->fourth));
    return _mm_xor_si128(pairs, _mm_and_si128(want, k->bit7));
}

size_t HK_U8V_SSSE3 hk__utf8_kernel_ssse3(const uint8_t *p, size_t n)
{
    utf8_ssse3_consts k;
    __m128i prev = _mm_setzero_si128(), open = _mm_setzero_si128();
    const __m128i zero = _mm_setzero_si128();
    const __m128i limit = _mm_loadu_si128((const __m128i *)(utf8_x86_open_limit + 16));
    size_t i;
    k.first_hi = _mm_loadu_si128((const __m128i *)utf8_x86_first_hi);
    k.first_lo = _mm_loadu_si128((const __m128i *)utf8_x86_first_lo);
    k.second_hi = _mm_loadu_si128((const __m128i *)utf8_x86_second_hi);
    k.nib = _mm_set1_epi8(0x0F);
    k.third = _mm_set1_epi8(0x60);
    k.fourth = _mm_set1_epi8(0x70);
    k.bit7 = _mm_set1_epi8((char)0x80);
    for (i = 0; n - i >= HK_UTF8_BLOCK; i += HK_UTF8_BLOCK) {
        __m128i v0 = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i v1 = _mm_loadu_si128((const __m128i *)(p + i + 16));
        __m128i v2 = _mm_loadu_si128((const __m128i *)(p + i + 32));
        __m128i v3 = _mm_loadu_si128((const __m128i *)(p + i + 48));
        __m128i any = _mm_or_si128(_mm_or_si128(v0, v1), _mm_or_si128(v2, v3));
        __m128i err;
        if (_mm_movemask_epi8(any) == 0) {
            err = open;
            open = zero;
        } else {
            err = utf8_ssse3_check(&k, v0, prev);
            err = _mm_or_si128(err, utf8_ssse3_check(&k, v1, v0));
            err = _mm_or_si128(err, utf8_ssse3_check(&k, v2, v1));
            err = _mm_or_si128(err, utf8_ssse3_check(&k, v3, v2));
            open = _mm_subs_epu8(v3, limit);
        }
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(err, zero)) != 0xFFFF)
            break;
        prev = v3;
    }
    return i;
}

/* ---- AVX2: two 32-byte vectors per block ----------------------------------- */

#define HK_U8V_AVX2 __attribute__((target("avx2")))

typedef struct {
    __m256i first_hi, first_lo, second_hi, nib, third, fourth, bit7;
} utf8_avx2_consts;

static inline HK_U8V_AVX2 __m256i utf8_avx2_check(const utf8_avx2_consts *k, __m256i in,
                                                    __m256i prev)
{
    /* [prev bytes 16..31 | in bytes 0..15], so that the per-lane alignr sees
     * the bytes just before each lane. */
    __m256i mid = _mm256_permute2x128_si256(prev, in, 0x21);
    __m256i prev1 = _mm256_alignr_epi8(in, mid, 15);
    __m256i prev2 = _mm256_alignr_epi8(in, mid, 14);
    __m256i prev3 = _mm256_alignr_epi8(in, mid, 13);
    __m256i a = _mm256_shuffle_epi8(k->first_hi,
                                    _mm256_and_si256(_mm256_srli_epi16(prev1, 4), k->nib));
    __m256i b = _mm256_shuffle_epi8(k->first_lo, _mm256_and_si256(prev1, k->nib));
    __m256i c = _mm256_shuffle_epi8(k->second_hi,
                                    _mm256_and_si256(_mm256_srli_epi16(in, 4), k->nib));
    __m256i pairs = _mm256_and_si256(_mm256_and_si256(a, b), c);
    __m256i want = _mm256_or_si256(_mm256_subs_epu8(prev2, k->third),
                                   _mm256_subs_epu8(prev3, k->fourth));
    return _mm256_xor_si256(pairs, _mm256_and_si256(want, k->bit7));
}

size_t HK_U8V_AVX2 hk__utf8_kernel_avx2(const uint8_t *p, size_t n)
{
    utf8_avx2_consts k;
    __m256i prev = _mm256_setzero_si256(), open = _mm256_setzero_si256();
    const __m256i limit = _mm256_loadu_si256((const __m256i *)utf8_x86_open_limit);
    size_t i;
    k.first_hi = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)utf8_x86_first_hi));
    k.first_lo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)utf8_x86_first_lo));
    k.second_hi =
        _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)utf8_x86_second_hi));
    k.nib = _mm256_set1_epi8(0x0F);
    k.third = _mm256_set1_epi8(0x60);
    k.fourth = _mm256_set1_epi8(0x70);
    k.bit7 = _mm256_set1_epi8((char)0x80);
    for (i = 0; n - i >= HK_UTF8_BLOCK; i += HK_UTF8_BLOCK) {
        __m256i v0 = _mm256_loadu_si256((const __m256i *)(p + i));
        __m256i v1 = _mm256_loadu_si256((const __m256i *)(p + i + 32));
        __m256i any = _mm256_or_si256(v0, v1);
        __m256i err;
        if (_mm256_movemask_epi8(any) == 0) {
            err = open;
            open = _mm256_setzero_si256();
        } else {
            err = _mm256_or_si256(utf8_avx2_check(&k, v0, prev), utf8_avx2_check(&k, v1, v0));
            open = _mm256_subs_epu8(v1, limit);
        }
        if (!_mm256_testz_si256(err, err))
            break;
        prev = v1;
    }
    return i;
}

#undef HK_U8V_SHORT
#undef HK_U8V_LONG
#undef HK_U8V_OVL3
#undef HK_U8V_LARGE
#undef HK_U8V_SURR
#undef HK_U8V_OVL2
#undef HK_U8V_L1000
#undef HK_U8V_CONT2
#undef HK_U8V_ANY
#undef HK_U8V_SSSE3
#undef HK_U8V_AVX2

#else
/* ISO C forbids an empty translation unit. */
typedef int hk__utf8_x86_unused;
#endif /* HK_UTF8_HAVE_X86 */
