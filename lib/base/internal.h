/*
 * base/internal.h - helpers shared by every module. Not installed.
 *
 * HK_INTERNAL marks functions and data shared between .c files of the
 * library but not exported: hidden visibility in the split build, `static`
 * in the amalgamated hooksock.c (scripts/amalgamate defines HK_AMALGAMATION),
 * so vendored copies can never collide with anything. Internal names start
 * with hk__ (two underscores).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HK_BASE_INTERNAL_H
#define HK_BASE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hooksock/base.h"

#if defined(HK_AMALGAMATION) && (defined(__GNUC__) || defined(__clang__))
#  define HK_INTERNAL static __attribute__((unused))
#elif defined(HK_AMALGAMATION)
#  define HK_INTERNAL static
#elif defined(__GNUC__) || defined(__clang__)
#  define HK_INTERNAL __attribute__((visibility("hidden")))
#else
#  define HK_INTERNAL
#endif

#if defined(__GNUC__) || defined(__clang__)
#  define HK_LIKELY(x) __builtin_expect(!!(x), 1)
#  define HK_UNLIKELY(x) __builtin_expect(!!(x), 0)
#  define HK_UNUSED __attribute__((unused))
#else
#  define HK_LIKELY(x) (x)
#  define HK_UNLIKELY(x) (x)
#  define HK_UNUSED
#endif

/* For inline helpers in internal headers: in the amalgamation they sit in
 * the main file, where clang warns about unused static inline functions. */
#define HK_INLINE static inline HK_UNUSED

#if defined(__x86_64__) || defined(_M_X64) || defined(__i386__) || defined(_M_IX86)
#  define HK_ARCH_X86 1
#endif

/* ---- byte order: explicit loads and stores, no casts of byte pointers --- */

HK_INLINE uint16_t hk__load16_be(const uint8_t *p)
{
    return (uint16_t)((uint16_t)p[0] << 8 | p[1]);
}
HK_INLINE uint32_t hk__load32_be(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
HK_INLINE uint64_t hk__load64_be(const uint8_t *p)
{
    return (uint64_t)hk__load32_be(p) << 32 | hk__load32_be(p + 4);
}
HK_INLINE void hk__store16_be(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}
HK_INLINE void hk__store32_be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}
HK_INLINE void hk__store64_be(uint8_t *p, uint64_t v)
{
    hk__store32_be(p, (uint32_t)(v >> 32));
    hk__store32_be(p + 4, (uint32_t)v);
}
HK_INLINE uint32_t hk__load32_le(const uint8_t *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}
HK_INLINE uint64_t hk__load64_le(const uint8_t *p)
{
    return (uint64_t)hk__load32_le(p + 4) << 32 | hk__load32_le(p);
}
HK_INLINE void hk__store32_le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
HK_INLINE void hk__store64_le(uint8_t *p, uint64_t v)
{
    hk__store32_le(p, (uint32_t)v);
    hk__store32_le(p + 4, (uint32_t)(v >> 32));
}
/* Native-order word access through memcpy (compiles to one load/store). */
HK_INLINE uint64_t hk__load64_ne(const void *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}
HK_INLINE void hk__store64_ne(void *p, uint64_t v)
{
    memcpy(p, &v, sizeof v);
}

/* ---- allocation through the instance allocator --------------------------- */

/* Copy *src (or the default allocator when src is NULL) into *dst. Returns
 * HK_ERR_INVALID_ARG if src lacks one of its three functions. */
HK_INTERNAL int hk__allocator_init(hk_allocator *dst, const hk_allocator *src);

HK_INLINE void *hk__malloc(const hk_allocator *a, size_t n)
{
    return n ? a->malloc_fn(n, a->user) : NULL;
}
HK_INLINE void *hk__realloc(const hk_allocator *a, void *p, size_t old_n, size_t new_n)
{
    if (p == NULL)
        return hk__malloc(a, new_n);
    return a->realloc_fn(p, old_n, new_n, a->user);
}
HK_INLINE void hk__free(const hk_allocator *a, void *p, size_t n)
{
    if (p != NULL)
        a->free_fn(p, n, a->user);
}

/* Checked size arithmetic: 0 on success, 1 on overflow. */
HK_INLINE int hk__add_overflow(size_t a, size_t b, size_t *r)
{
    *r = a + b;
    return *r < a;
}

#endif /* HK_BASE_INTERNAL_H */
