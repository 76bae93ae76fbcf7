/*
 * crypto/sha256.c - SHA-256 (FIPS 180-4 section 6.2): portable C and the x86
 * SHA extensions, chosen per context at init.
 *
 * SPDX-License-Identifier: MIT
 */
#include "crypto/internal.h"

#if defined(HK_CRYPTO_SHANI)
#  include <immintrin.h>
#endif

/* FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the
 * cube roots of the first 64 primes. */
static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* FIPS 180-4 section 5.3.3: initial hash value. */
static const uint32_t sha256_iv[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

/* ---- portable compression (FIPS 180-4 sections 4.1.2 and 6.2.2) -------- */

#define SHA256_ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define SHA256_CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define SHA256_MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define SHA256_BSIG0(x) (SHA256_ROTR(x, 2) ^ SHA256_ROTR(x, 13) ^ SHA256_ROTR(x, 22))
#define SHA256_BSIG1(x) (SHA256_ROTR(x, 6) ^ SHA256_ROTR(x, 11) ^ SHA256_ROTR(x, 25))
#define SHA256_SSIG0(x) (SHA256_ROTR(x, 7) ^ SHA256_ROTR(x, 18) ^ ((x) >> 3))
#define SHA256_SSIG1(x) (SHA256_ROTR(x, 17) ^ SHA256_ROTR(x, 19) ^ ((x) >> 10))
/*
 * Rounds 0-15 use the message words; from round 16 on, w[] is a 16-word ring
 * and W[t] replaces W[t-16] in place (FIPS 180-4 6.2.2 step 1). Rounds are
 * unrolled by 16 so every ring index is a constant; the working variables
 * are renamed instead of shifted.
 */
#define SHA256_ROUND(a, b, c, d, e, f, g, h, j, k)                                       \
    do {                                                                               \
        uint32_t t1_ = h + SHA256_BSIG1(e) + SHA256_CH(e, f, g) + sha256_k[(j) + (k)] + w[k]; \
        uint32_t t2_ = SHA256_BSIG0(a) + SHA256_MAJ(a, b, c);                          \
        d += t1_;                                                                      \
        h = t1_ + t2_;                                                                 \
    } while (0)
#define SHA256_SCHED(k)                                                               \
    (w[k] += SHA256_SSIG1(w[((k) + 14) & 15]) + w[((k) + 9) & 15] +                    \
             SHA256_SSIG0(w[((k) + 1) & 15]))
#define SHA256_ROUNDS16(j)                                   \
    do {                                                     \
        SHA256_ROUND(a, b, c, d, e, f, g, h, j, 0);          \
        SHA256_ROUND(h, a, b, c, d, e, f, g, j, 1);          \
        SHA256_ROUND(g, h, a, b, c, d, e, f, j, 2);          \
        SHA256_ROUND(f, g, h, a, b, c, d, e, j, 3);          \
        SHA256_ROUND(e, f, g, h, a, b, c, d, j, 4);          \
        SHA256_ROUND(d, e, f, g, h, a, b, c, j, 5);          \
        SHA256_ROUND(c, d, e, f, g, h, a, b, j, 6);          \
        SHA256_ROUND(b, c, d, e, f, g, h, a, j, 7);          \
        SHA256_ROUND(a, b, c, d, e, f, g, h, j, 8);          \
        SHA256_ROUND(h, a, b, c, d, e, f, g, j, 9);          \
        SHA256_ROUND(g, h, a, b, c, d, e, f, j, 10);         \
        SHA256_ROUND(f, g, h, a, b, c, d, e, j, 11);         \
        SHA256_ROUND(e, f, g, h, a, b, c, d, j, 12);         \
        SHA256_ROUND(d, e, f, g, h, a, b, c, j, 13);         \
        SHA256_ROUND(c, d, e, f, g, h, a, b, j, 14);         \
        SHA256_ROUND(b, c, d, e, f, g, h, a, j, 15);         \
    } while (0)

static void sha256_blocks_portable(uint32_t st[8], const uint8_t *p, size_t nblocks)
{
    uint32_t w[16];
    uint32_t a, b, c, d, e, f, g, h;
    size_t i, j;
    for (; nblocks > 0; nblocks--, p += 64) {
        for (i = 0; i < 16; i++)
            w[i] = hk__load32_be(p + 4 * i);
        a = st[0];
        b = st[1];
        c = st[2];
        d = st[3];
        e = st[4];
        f = st[5];
        g = st[6];
        h = st[7];
        SHA256_ROUNDS16(0);
        for (j = 16; j < 64; j += 16) {
            for (i = 0; i < 16; i++)
                SHA256_SCHED(i);
            SHA256_ROUNDS16(j);
        }
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        st[4] += e;
        st[5] += f;
        st[6] += g;
        st[7] += h;
    }
    /* The schedule holds message-derived words (key pads, for HMAC). */
    hk_wipe(w, sizeof w);
}

/* ---- x86 SHA extensions --------------------------------------------------- */

#if defined(HK_CRYPTO_SHANI)
/*
 * SHA256RNDS2 works on the state split as ABEF and CDGH (A in the highest
 * lane) and performs two rounds with the two low lanes of its third operand
 * (W + K). SHA256MSG1/MSG2 compute four schedule words W[t..t+3] from the
 * previous sixteen (Intel SDM vol. 2, SHA256RNDS2 / SHA256MSG1 / SHA256MSG2).
 */
#  define SHA256_NI_RNDS4(m, i)                                                        \
    do {                                                                               \
        __m128i wk_ = _mm_add_epi32((m), _mm_loadu_si128((const __m128i *)&sha256_k[i])); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk_);                                 \
        wk_ = _mm_shuffle_epi32(wk_, 0x0e);                                            \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, wk_);                                 \
    } while (0)
/* m0 = W[t-16..t-13], m1 = W[t-12..], m2 = W[t-8..], m3 = W[t-4..t-1];
 * m0 becomes W[t..t+3]. alignr(m3, m2, 4) = W[t-7..t-4]. */
#  define SHA256_NI_SCHED(m0, m1, m2, m3)                                              \
    (m0 = _mm_sha256msg2_epu32(                                                        \
         _mm_add_epi32(_mm_sha256msg1_epu32(m0, m1), _mm_alignr_epi8(m3, m2, 4)), m3))

HK_CRYPTO_TARGET_SHANI
static void sha256_blocks_shani(uint32_t st[8], const uint8_t *p, size_t nblocks)
{
    /* Byte-swap each 32-bit lane: message words are big-endian. */
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i abef, cdgh, t, m0, m1, m2, m3, abef0, cdgh0;
    int j;

    /* st = a b c d | e f g h (lane 0 first) -> abef = {f,e,b,a}, cdgh = {h,g,d,c}. */
    t = _mm_loadu_si128((const __m128i *)&st[0]);
    cdgh = _mm_loadu_si128((const __m128i *)&st[4]);
    t = _mm_shuffle_epi32(t, 0xb1);       /* b a d c */
    cdgh = _mm_shuffle_epi32(cdgh, 0x1b); /* h g f e */
    abef = _mm_alignr_epi8(t, cdgh, 8);   /* f e b a */
    cdgh = _mm_blend_epi16(cdgh, t, 0xf0); /* h g d c */

    for (; nblocks > 0; nblocks--, p += 64) {
        abef0 = abef;
        cdgh0 = cdgh;
        m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), bswap);
        m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
        m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
        m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);
        SHA256_NI_RNDS4(m0, 0);
        SHA256_NI_RNDS4(m1, 4);
        SHA256_NI_RNDS4(m2, 8);
        SHA256_NI_RNDS4(m3, 12);
        for (j = 16; j < 64; j += 16) {
            SHA256_NI_SCHED(m0, m1, m2, m3);
            SHA256_NI_RNDS4(m0, j);
            SHA256_NI_SCHED(m1, m2, m3, m0);
            SHA256_NI_RNDS4(m1, j + 4);
            SHA256_NI_SCHED(m2, m3, m0, m1);
            SHA256_NI_RNDS4(m2, j + 8);
            SHA256_NI_SCHED(m3, m0, m1, m2);
            SHA256_NI_RNDS4(m3, j + 12);
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }

    /* Back to a b c d | e f g h. */
    t = _mm_shuffle_epi32(abef, 0x1b);      /* a b e f */
    cdgh = _mm_shuffle_epi32(cdgh, 0xb1);   /* g h c d */
    abef = _mm_blend_epi16(t, cdgh, 0xf0);  /* a b c d */
    cdgh = _mm_alignr_epi8(cdgh, t, 8);     /* e f g h */
    _mm_storeu_si128((__m128i *)&st[0], abef);
    _mm_storeu_si128((__m128i *)&st[4], cdgh);
}
#  undef SHA256_NI_RNDS4
#  undef SHA256_NI_SCHED
#endif /* HK_CRYPTO_SHANI */

/* ---- streaming API ----------------------------------------------------------- */

/* The compression function of the context's implementation. */
static hk__md32_blocks_fn sha256_blocks_for(const hk_sha256_ctx *ctx)
{
#if defined(HK_CRYPTO_SHANI)
    if (ctx->impl_ == HK_HASH_IMPL_SHANI)
        return sha256_blocks_shani;
#else
    (void)ctx; /* only the portable path exists on this target */
#endif
    return sha256_blocks_portable;
}

static void sha256_start(hk_sha256_ctx *ctx, uint32_t impl)
{
    memcpy(ctx->h_, sha256_iv, sizeof ctx->h_);
    ctx->buflen_ = 0;
    ctx->impl_ = impl;
    ctx->total_ = 0;
    memset(ctx->buf_, 0, sizeof ctx->buf_);
}

void hk_sha256_init(hk_sha256_ctx *ctx)
{
    int err;
    sha256_start(ctx, hk__hash_impl_resolve(HK_HASH_IMPL_AUTO, HK_SHA256_DIGEST_LEN, &err));
}

int hk_sha256_init_impl(hk_sha256_ctx *ctx, int impl)
{
    int err;
    if (ctx == NULL)
        return HK_ERR_INVALID_ARG;
    sha256_start(ctx, hk__hash_impl_resolve(impl, HK_SHA256_DIGEST_LEN, &err));
    return err;
}

void hk_sha256_update(hk_sha256_ctx *ctx, const void *data, size_t n)
{
    hk__md32_update(ctx->h_, ctx->buf_, &ctx->buflen_, &ctx->total_, sha256_blocks_for(ctx), data,
                    n);
}

void hk_sha256_final(hk_sha256_ctx *ctx, uint8_t out[HK_SHA256_DIGEST_LEN])
{
    hk__md32_final(ctx->h_, 8, ctx->buf_, ctx->buflen_, ctx->total_, sha256_blocks_for(ctx),
                   out);
    hk_wipe(ctx, sizeof *ctx);
}

void hk_sha256(const void *data, size_t n, uint8_t out[HK_SHA256_DIGEST_LEN])
{
    hk_sha256_ctx ctx;
    hk_sha256_init(&ctx);
    hk_sha256_update(&ctx, data, n);
    hk_sha256_final(&ctx, out); /* wipes ctx */
}

#undef SHA256_ROTR
#undef SHA256_CH
#undef SHA256_MAJ
#undef SHA256_BSIG0
#undef SHA256_BSIG1
#undef SHA256_SSIG0
#undef SHA256_SSIG1
#undef SHA256_ROUND
#undef SHA256_SCHED
#undef SHA256_ROUNDS16
