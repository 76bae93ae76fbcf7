/*
 * crypto/cpu.c - run-time CPU feature detection and hash implementation
 * selection.
 *
 * SPDX-License-Identifier: MIT
 */
#include "crypto/internal.h"

#if defined(HK_CRYPTO_SHANI)
#  include <cpuid.h>
#endif

#if !defined(__STDC_NO_ATOMICS__)
#  include <stdatomic.h>
/* 0 = not probed yet; otherwise HK_CPU_PROBED | features. */
static atomic_uint crypto_cpu_word;
#  define HK_CRYPTO_CPU_LOAD() atomic_load_explicit(&crypto_cpu_word, memory_order_relaxed)
#  define HK_CRYPTO_CPU_STORE(v) \
    atomic_store_explicit(&crypto_cpu_word, (v), memory_order_relaxed)
#else
/* Without C11 atomics: an aligned int written only with one value. */
static volatile unsigned crypto_cpu_word;
#  define HK_CRYPTO_CPU_LOAD() (crypto_cpu_word)
#  define HK_CRYPTO_CPU_STORE(v) (crypto_cpu_word = (v))
#endif

static unsigned crypto_cpu_probe(void)
{
    unsigned word = HK_CPU_PROBED;
#if defined(HK_CRYPTO_SHANI)
    unsigned a = 0, b = 0, c = 0, d = 0, max_leaf;
    int ssse3, sse41, sha;
    /* __get_cpuid_max and __cpuid_count exist in every gcc and clang
     * <cpuid.h> that knows the "sha" target (__get_cpuid_count is newer). */
    max_leaf = __get_cpuid_max(0, NULL);
    if (max_leaf < 7)
        return word;
    /* Leaf 1: ECX bit 9 SSSE3, bit 19 SSE4.1 (Intel SDM vol. 2A, CPUID). */
    __cpuid_count(1, 0, a, b, c, d);
    ssse3 = (c >> 9) & 1;
    sse41 = (c >> 19) & 1;
    /* Leaf 7 sub-leaf 0: EBX bit 29 SHA extensions. */
    __cpuid_count(7, 0, a, b, c, d);
    sha = (b >> 29) & 1;
    if (ssse3 && sse41 && sha)
        word |= HK_CPU_SHANI;
#endif
    return word;
}

unsigned hk__cpu_features(void)
{
    unsigned w = HK_CRYPTO_CPU_LOAD();
    if (HK_UNLIKELY(w == 0)) {
        w = crypto_cpu_probe();
        HK_CRYPTO_CPU_STORE(w);
    }
    return w;
}

static int crypto_digest_len_ok(size_t digest_len)
{
    return digest_len == HK_SHA1_DIGEST_LEN || digest_len == HK_SHA256_DIGEST_LEN ||
           digest_len == HK_SHA512_DIGEST_LEN;
}

/* SHA-NI covers SHA-1 and SHA-256 (the SHA-512 instructions of newer CPUs
 * are not used). */
static int crypto_shani_usable(size_t digest_len)
{
    return (digest_len == HK_SHA1_DIGEST_LEN || digest_len == HK_SHA256_DIGEST_LEN) &&
           (hk__cpu_features() & HK_CPU_SHANI) != 0;
}

int hk_hash_impl_available(int impl, size_t digest_len)
{
    if (!crypto_digest_len_ok(digest_len))
        return 0;
    switch (impl) {
    case HK_HASH_IMPL_AUTO:
    case HK_HASH_IMPL_PORTABLE:
        return 1;
    case HK_HASH_IMPL_SHANI:
        return crypto_shani_usable(digest_len);
    default:
        return 0;
    }
}

uint32_t hk__hash_impl_resolve(int impl, size_t digest_len, int *err)
{
    *err = HK_OK;
    switch (impl) {
    case HK_HASH_IMPL_AUTO:
        return crypto_shani_usable(digest_len) ? HK_HASH_IMPL_SHANI : HK_HASH_IMPL_PORTABLE;
    case HK_HASH_IMPL_PORTABLE:
        return HK_HASH_IMPL_PORTABLE;
    case HK_HASH_IMPL_SHANI:
        if (crypto_shani_usable(digest_len))
            return HK_HASH_IMPL_SHANI;
        *err = HK_ERR_UNSUPPORTED;
        return HK_HASH_IMPL_PORTABLE;
    default:
        *err = HK_ERR_INVALID_ARG;
        return HK_HASH_IMPL_PORTABLE;
    }
}

#undef HK_CRYPTO_CPU_LOAD
#undef HK_CRYPTO_CPU_STORE
