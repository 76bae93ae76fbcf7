/*
 * ws/ws_codec.c - WebSocket frame header codec and masking (RFC 6455 5.2, 5.3).
 *
 * Pure functions: no allocation, no state. Masking works on 8-byte words
 * (portable), SSE2 vectors (baseline on x86-64) or AVX2 vectors (chosen at
 * run time with __builtin_cpu_supports; the compiler's own CPU-model data,
 * no state of ours).
 *
 * SPDX-License-Identifier: MIT
 */
#include "ws/internal.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#  define HK_WS_X86_SIMD 1
#  include <immintrin.h>
#endif

/* ---- header decode / encode (RFC 6455 section 5.2) ---------------------- */

hk_ssize hk_ws_frame_decode(hk_ws_frame_header *h, const void *buf, size_t len, size_t *need)
{
    const uint8_t *p = (const uint8_t *)buf;
    size_t hl;
    unsigned len7;
    uint64_t plen;

    if (h == NULL || (p == NULL && len > 0))
        return HK_ERR_INVALID_ARG;
    if (len < 2) {
        if (need != NULL)
            *need = 2 - len;
        return HK_ERR_NEED_MORE;
    }
    len7 = p[1] & 0x7Fu;
    hl = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((p[1] & 0x80u) ? 4 : 0);
    if (len < hl) {
        if (need != NULL)
            *need = hl - len;
        return HK_ERR_NEED_MORE;
    }
    if (len7 == 126) {
        plen = hk__load16_be(p + 2);
        if (plen < 126)
            return HK_ERR_WS_LENGTH; /* not the minimal encoding */
    } else if (len7 == 127) {
        plen = hk__load64_be(p + 2);
        if (plen >> 63)
            return HK_ERR_WS_LENGTH; /* "the most significant bit MUST be 0" */
        if (plen < 65536)
            return HK_ERR_WS_LENGTH;
    } else {
        plen = len7;
    }
    h->payload_len = plen;
    h->fin = (uint8_t)(p[0] >> 7);
    h->rsv = (uint8_t)((p[0] >> 4) & 7u);
    h->opcode = (uint8_t)(p[0] & 0x0Fu);
    h->masked = (uint8_t)(p[1] >> 7);
    if (h->masked)
        memcpy(h->mask_key, p + hl - 4, 4);
    else
        memset(h->mask_key, 0, 4);
    h->header_len = (uint32_t)hl;
    return (hk_ssize)hl;
}

size_t hk_ws_frame_header_len(uint64_t payload_len, int masked)
{
    size_t n = payload_len < 126 ? 2 : payload_len < 65536 ? 4 : 10;
    return n + (masked ? 4 : 0);
}

hk_ssize hk_ws_frame_encode(void *buf, size_t cap, const hk_ws_frame_header *h)
{
    uint8_t *p = (uint8_t *)buf;
    size_t hl, i;
    if (h == NULL || p == NULL || h->opcode > 15 || h->rsv > 7 || h->fin > 1 || h->masked > 1 ||
        (h->payload_len >> 63))
        return HK_ERR_INVALID_ARG;
    hl = hk_ws_frame_header_len(h->payload_len, h->masked);
    if (cap < hl)
        return HK_ERR_BUFFER_TOO_SMALL;
    p[0] = (uint8_t)(h->fin << 7 | h->rsv << 4 | h->opcode);
    i = 2;
    if (h->payload_len < 126) {
        p[1] = (uint8_t)h->payload_len;
    } else if (h->payload_len < 65536) {
        p[1] = 126;
        hk__store16_be(p + 2, (uint16_t)h->payload_len);
        i = 4;
    } else {
        p[1] = 127;
        hk__store64_be(p + 2, h->payload_len);
        i = 10;
    }
    if (h->masked) {
        p[1] |= 0x80u;
        memcpy(p + i, h->mask_key, 4);
    }
    return (hk_ssize)hl;
}

int hk_ws_close_code_valid(int code)
{
    /* RFC 6455 7.4.1/7.4.2 and the IANA "WebSocket Close Code Number
     * Registry": 1004 reserved, 1005/1006/1015 never on the wire,
     * 1012-1014 registered later; 1016-2999 reserved for future RFCs;
     * 3000-3999 registered, 4000-4999 private use. */
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
           (code >= 3000 && code <= 4999);
}

/* ---- masking (RFC 6455 section 5.3) --------------------------------------- */

/* The key repeated over 8 bytes starting at key phase `phase`, in memory
 * order (so XOR with an 8-byte load masks 8 payload bytes). */
static uint64_t ws_codec_pattern(const uint8_t *key, unsigned phase)
{
    uint8_t b[8];
    unsigned i;
    for (i = 0; i < 8; i++)
        b[i] = key[(phase + i) & 3];
    return hk__load64_ne(b);
}

static unsigned ws_codec_xor_words(uint8_t *dst, const uint8_t *src, size_t len, uint64_t pat)
{
    uint64_t acc = 0;
    size_t i = 0;
    uint8_t tail;
    for (; i + 32 <= len; i += 32) {
        uint64_t a = hk__load64_ne(src + i) ^ pat;
        uint64_t b = hk__load64_ne(src + i + 8) ^ pat;
        uint64_t c = hk__load64_ne(src + i + 16) ^ pat;
        uint64_t d = hk__load64_ne(src + i + 24) ^ pat;
        hk__store64_ne(dst + i, a);
        hk__store64_ne(dst + i + 8, b);
        hk__store64_ne(dst + i + 16, c);
        hk__store64_ne(dst + i + 24, d);
        acc |= a | b | c | d;
    }
    for (; i + 8 <= len; i += 8) {
        uint64_t a = hk__load64_ne(src + i) ^ pat;
        hk__store64_ne(dst + i, a);
        acc |= a;
    }
    tail = 0;
    if (i < len) {
        uint8_t pb[8];
        size_t j;
        hk__store64_ne(pb, pat);
        for (j = 0; i < len; i++, j++) {
            dst[i] = (uint8_t)(src[i] ^ pb[j]);
            tail |= dst[i];
        }
    }
    return ((acc & UINT64_C(0x8080808080808080)) != 0) | ((tail & 0x80u) != 0);
}

#ifdef HK_WS_X86_SIMD
static unsigned ws_codec_xor_sse2(uint8_t *dst, const uint8_t *src, size_t len, uint64_t pat)
{
    __m128i k = _mm_set1_epi64x((long long)pat);
    __m128i acc = _mm_setzero_si128();
    size_t i = 0;
    for (; i + 64 <= len; i += 64) {
        __m128i a = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)(src + i)), k);
        __m128i b = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)(src + i + 16)), k);
        __m128i c = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)(src + i + 32)), k);
        __m128i d = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)(src + i + 48)), k);
        _mm_storeu_si128((__m128i *)(void *)(dst + i), a);
        _mm_storeu_si128((__m128i *)(void *)(dst + i + 16), b);
        _mm_storeu_si128((__m128i *)(void *)(dst + i + 32), c);
        _mm_storeu_si128((__m128i *)(void *)(dst + i + 48), d);
        acc = _mm_or_si128(acc, _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d)));
    }
    for (; i + 16 <= len; i += 16) {
        __m128i a = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)(src + i)), k);
        _mm_storeu_si128((__m128i *)(void *)(dst + i), a);
        acc = _mm_or_si128(acc, a);
    }
    return (_mm_movemask_epi8(acc) != 0) | ws_codec_xor_words(dst + i, src + i, len - i, pat);
}

__attribute__((target("avx2")))
static unsigned ws_codec_xor_avx2(uint8_t *dst, const uint8_t *src, size_t len, uint64_t pat)
{
    __m256i k = _mm256_set1_epi64x((long long)pat);
    __m256i acc = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 128 <= len; i += 128) {
        __m256i a = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(const void *)(src + i)), k);
        __m256i b = _mm256_xor_si256(
            _mm256_loadu_si256((const __m256i *)(const void *)(src + i + 32)), k);
        __m256i c = _mm256_xor_si256(
            _mm256_loadu_si256((const __m256i *)(const void *)(src + i + 64)), k);
        __m256i d = _mm256_xor_si256(
            _mm256_loadu_si256((const __m256i *)(const void *)(src + i + 96)), k);
        _mm256_storeu_si256((__m256i *)(void *)(dst + i), a);
        _mm256_storeu_si256((__m256i *)(void *)(dst + i + 32), b);
        _mm256_storeu_si256((__m256i *)(void *)(dst + i + 64), c);
        _mm256_storeu_si256((__m256i *)(void *)(dst + i + 96), d);
        acc = _mm256_or_si256(acc, _mm256_or_si256(_mm256_or_si256(a, b), _mm256_or_si256(c, d)));
    }
    for (; i + 32 <= len; i += 32) {
        __m256i a = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(const void *)(src + i)), k);
        _mm256_storeu_si256((__m256i *)(void *)(dst + i), a);
        acc = _mm256_or_si256(acc, a);
    }
    return (_mm256_movemask_epi8(acc) != 0) | ws_codec_xor_words(dst + i, src + i, len - i, pat);
}

__attribute__((target("avx2")))
static unsigned ws_codec_scan_avx2(const uint8_t *src, size_t len)
{
    __m256i acc = _mm256_setzero_si256();
    size_t i = 0;
    uint64_t w = 0;
    for (; i + 128 <= len; i += 128) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(src + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(src + i + 32));
        __m256i c = _mm256_loadu_si256((const __m256i *)(const void *)(src + i + 64));
        __m256i d = _mm256_loadu_si256((const __m256i *)(const void *)(src + i + 96));
        acc = _mm256_or_si256(acc, _mm256_or_si256(_mm256_or_si256(a, b), _mm256_or_si256(c, d)));
    }
    for (; i + 8 <= len; i += 8)
        w |= hk__load64_ne(src + i);
    for (; i < len; i++)
        w |= src[i];
    return (_mm256_movemask_epi8(acc) != 0) | ((w & UINT64_C(0x8080808080808080)) != 0);
}
#endif

/* A read-only pass: is any byte >= 0x80? (unmasked frames in place) */
static unsigned ws_codec_scan(const uint8_t *src, size_t len)
{
    uint64_t w = 0;
    size_t i = 0;
#ifdef HK_WS_X86_SIMD
    if (len >= 256 && __builtin_cpu_supports("avx2"))
        return ws_codec_scan_avx2(src, len);
#endif
    for (; i + 32 <= len; i += 32)
        w |= hk__load64_ne(src + i) | hk__load64_ne(src + i + 8) | hk__load64_ne(src + i + 16) |
             hk__load64_ne(src + i + 24);
    for (; i + 8 <= len; i += 8)
        w |= hk__load64_ne(src + i);
    for (; i < len; i++)
        w |= src[i];
    return (w & UINT64_C(0x8080808080808080)) != 0;
}

HK_INTERNAL unsigned hk__ws_xor(uint8_t *dst, const uint8_t *src, size_t len, const uint8_t *key,
                                unsigned phase)
{
    uint64_t pat;
    if (len == 0)
        return 0;
    if (key == NULL) {
        if (dst != src)
            memcpy(dst, src, len);
        return ws_codec_scan(dst, len);
    }
    pat = ws_codec_pattern(key, phase & 3);
#ifdef HK_WS_X86_SIMD
    if (len >= 128 && __builtin_cpu_supports("avx2"))
        return ws_codec_xor_avx2(dst, src, len, pat);
    if (len >= 64) /* below: the word path (also what non-x86 runs, so tests cover it) */
        return ws_codec_xor_sse2(dst, src, len, pat);
#endif
    return ws_codec_xor_words(dst, src, len, pat);
}

uint64_t hk_ws_mask(void *data, size_t len, const uint8_t key[4], uint64_t offset)
{
    if (len > 0 && data != NULL && key != NULL)
        (void)hk__ws_xor((uint8_t *)data, (const uint8_t *)data, len, key, (unsigned)(offset & 3));
    return offset + len;
}

uint64_t hk_ws_mask_copy(void *dst, const void *src, size_t len, const uint8_t key[4],
                         uint64_t offset)
{
    if (len > 0 && dst != NULL && src != NULL && key != NULL)
        (void)hk__ws_xor((uint8_t *)dst, (const uint8_t *)src, len, key, (unsigned)(offset & 3));
    return offset + len;
}

#undef HK_WS_X86_SIMD
