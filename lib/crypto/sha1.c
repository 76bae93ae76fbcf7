/*
 * crypto/sha1.c - SHA-1 (FIPS 180-4 section 6.1): portable C and the x86 SHA
 * extensions, chosen per context at init. SHA-1 is kept for the WebSocket
 * handshake (RFC 6455 section 4.2.2) and HMAC-SHA1 webhooks; it is not
 * collision resistant and must not be used for new signatures.
 *
 * SPDX-License-Identifier: MIT
 */
#include "crypto/internal.h"

#if defined(HK_CRYPTO_SHANI)
#  include <immintrin.h>
#endif

/* FIPS 180-4 section 5.3.1: initial hash value. */
static const uint32_t sha1_iv[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};

/* ---- portable compression (FIPS 180-4 sections 4.1.1 and 6.1.2) -------- */

#define SHA1_ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define SHA1_CH(b, c, d) ((d) ^ ((b) & ((c) ^ (d))))
#define SHA1_PARITY(b, c, d) ((b) ^ (c) ^ (d))
#define SHA1_MAJ(b, c, d) (((b) & (c)) | ((d) & ((b) | (c))))
/* W[t] for t >= 16 in a 16-word ring: W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16],
 * rotated by one, replacing W[t-16]. t is a constant after unrolling. */
#define SHA1_W(t)                                                                          \
    ((t) < 16 ? w[(t) & 15]                                                                \
              : (w[(t) & 15] = SHA1_ROTL(w[((t) + 13) & 15] ^ w[((t) + 8) & 15] ^           \
                                             w[((t) + 2) & 15] ^ w[(t) & 15],              \
                                         1)))
/* One round with renamed variables: the new a is accumulated into e. */
#define SHA1_ROUND(a, b, c, d, e, f, k, t)                       \
    do {                                                         \
        e += SHA1_ROTL(a, 5) + f(b, c, d) + (k) + SHA1_W(t);     \
        b = SHA1_ROTL(b, 30);                                    \
    } while (0)
#define SHA1_ROUND5(f, k, t)                          \
    do {                                              \
        SHA1_ROUND(a, b, c, d, e, f, k, (t) + 0);     \
        SHA1_ROUND(e, a, b, c, d, f, k, (t) + 1);     \
        SHA1_ROUND(d, e, a, b, c, f, k, (t) + 2);     \
        SHA1_ROUND(c, d, e, a, b, f, k, (t) + 3);     \
        SHA1_ROUND(b, c, d, e, a, f, k, (t) + 4);     \
    } while (0)

static void sha1_blocks_portable(uint32_t st[5], const uint8_t *p, size_t nblocks)
{
    uint32_t w[16];
    uint32_t a, b, c, d, e;
    size_t i;
    for (; nblocks > 0; nblocks--, p += 64) {
        for (i = 0; i < 16; i++)
            w[i] = hk__load32_be(p + 4 * i);
        a = st[0];
        b = st[1];
        c = st[2];
        d = st[3];
        e = st[4];
        /* FIPS 180-4 section 4.1.1 and 4.2.1: f and K change every 20 rounds. */
        SHA1_ROUND5(SHA1_CH, 0x5a827999u, 0);
        SHA1_ROUND5(SHA1_CH, 0x5a827999u, 5);
        SHA1_ROUND5(SHA1_CH, 0x5a827999u, 10);
        SHA1_ROUND5(SHA1_CH, 0x5a827999u, 15);
        SHA1_ROUND5(SHA1_PARITY, 0x6ed9eba1u, 20);
        SHA1_ROUND5(SHA1_PARITY, 0x6ed9eba1u, 25);
        SHA1_ROUND5(SHA1_PARITY, 0x6ed9eba1u, 30);
        SHA1_ROUND5(SHA1_PARITY, 0x6ed9eba1u, 35);
        SHA1_ROUND5(SHA1_MAJ, 0x8f1bbcdcu, 40);
        SHA1_ROUND5(SHA1_MAJ, 0x8f1bbcdcu, 45);
        SHA1_ROUND5(SHA1_MAJ, 0x8f1bbcdcu, 50);
        SHA1_ROUND5(SHA1_MAJ, 0x8f1bbcdcu, 55);
        SHA1_ROUND5(SHA1_PARITY, 0xca62c1d6u, 60);
        SHA1_ROUND5(SHA1_PARITY, 0xca62c1d6u, 65);
        SHA1_ROUND5(SHA1_PARITY, 0xca62c1d6u, 70);
        SHA1_ROUND5(SHA1_PARITY, 0xca62c1d6u, 75);
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        st[4] += e;
    }
    hk_wipe(w, sizeof w);
}

/* ---- x86 SHA extensions --------------------------------------------------- */

#if defined(HK_CRYPTO_SHANI)
/*
 * SHA1RNDS4 performs four rounds on the state ABCD (A in the highest lane)
 * with E + W[t] in the highest lane of its second operand and W[t+1..t+3]
 * below it; the immediate selects the round function and constant (t / 20).
 * SHA1NEXTE derives the E of the next four rounds (A of four rounds ago
 * rotated by 30) and adds it to the top lane of the next message words.
 * SHA1MSG1/MSG2 with an XOR in between compute W[t..t+3] (Intel SDM vol. 2).
 * Message registers hold words in reverse lane order (W[t] on top).
 */
#  define SHA1_NI_GROUP(m, f)                        \
    do {                                             \
        __m128i ew_ = _mm_sha1nexte_epu32(prev, (m)); \
        prev = abcd;                                 \
        abcd = _mm_sha1rnds4_epu32(abcd, ew_, f);    \
    } while (0)
/* m0 = W[t-16..], m1 = W[t-12..], m2 = W[t-8..], m3 = W[t-4..]; m0 becomes
 * W[t..t+3]. */
#  define SHA1_NI_SCHED(m0, m1, m2, m3) \
    (m0 = _mm_sha1msg2_epu32(_mm_xor_si128(_mm_sha1msg1_epu32(m0, m1), m2), m3))

HK_CRYPTO_TARGET_SHANI
static void sha1_blocks_shani(uint32_t st[5], const uint8_t *p, size_t nblocks)
{
    /* Reverse all 16 bytes: big-endian words, W[t] in the top lane. */
    const __m128i bswap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i abcd, e, prev, m0, m1, m2, m3, abcd0, e0;

    abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)st), 0x1b);
    e = _mm_set_epi32((int)st[4], 0, 0, 0);

    for (; nblocks > 0; nblocks--, p += 64) {
        abcd0 = abcd;
        e0 = e;
        m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), bswap);
        m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
        m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
        m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);

        /* rounds 0-3: E is known, add it to W directly */
        prev = abcd;
        abcd = _mm_sha1rnds4_epu32(abcd, _mm_add_epi32(e, m0), 0);
        SHA1_NI_GROUP(m1, 0); /* 4-7 */
        SHA1_NI_GROUP(m2, 0); /* 8-11 */
        SHA1_NI_GROUP(m3, 0); /* 12-15 */
        SHA1_NI_SCHED(m0, m1, m2, m3);
        SHA1_NI_GROUP(m0, 0); /* 16-19 */
        SHA1_NI_SCHED(m1, m2, m3, m0);
        SHA1_NI_GROUP(m1, 1); /* 20-23 */
        SHA1_NI_SCHED(m2, m3, m0, m1);
        SHA1_NI_GROUP(m2, 1);
        SHA1_NI_SCHED(m3, m0, m1, m2);
        SHA1_NI_GROUP(m3, 1);
        SHA1_NI_SCHED(m0, m1, m2, m3);
        SHA1_NI_GROUP(m0, 1);
        SHA1_NI_SCHED(m1, m2, m3, m0);
        SHA1_NI_GROUP(m1, 1); /* 36-39 */
        SHA1_NI_SCHED(m2, m3, m0, m1);
        SHA1_NI_GROUP(m2, 2); /* 40-43 */
        SHA1_NI_SCHED(m3, m0, m1, m2);
        SHA1_NI_GROUP(m3, 2);
        SHA1_NI_SCHED(m0, m1, m2, m3);
        SHA1_NI_GROUP(m0, 2);
        SHA1_NI_SCHED(m1, m2, m3, m0);
        SHA1_NI_GROUP(m1, 2);
        SHA1_NI_SCHED(m2, m3, m0, m1);
        SHA1_NI_GROUP(m2, 2); /* 56-59 */
        SHA1_NI_SCHED(m3, m0, m1, m2);
        SHA1_NI_GROUP(m3, 3); /* 60-63 */
        SHA1_NI_SCHED(m0, m1, m2, m3);
        SHA1_NI_GROUP(m0, 3);
        SHA1_NI_SCHED(m1, m2, m3, m0);
        SHA1_NI_GROUP(m1, 3);
        SHA1_NI_SCHED(m2, m3, m0, m1);
        SHA1_NI_GROUP(m2, 3);
        SHA1_NI_SCHED(m3, m0, m1, m2);
        SHA1_NI_GROUP(m3, 3); /* 76-79 */

        /* E after 80 rounds is A of round 76 rotated; add the saved E. */
        e = _mm_sha1nexte_epu32(prev, e0);
        abcd = _mm_add_epi32(abcd, abcd0);
    }

    _mm_storeu_si128((__m128i *)st, _mm_shuffle_epi32(abcd, 0x1b));
    st[4] = (uint32_t)_mm_extract_epi32(e, 3);
}
#  undef SHA1_NI_GROUP
#  undef SHA1_NI_SCHED
#endif /* HK_CRYPTO_SHANI */

/* ---- streaming API ----------------------------------------------------------- */

/* The compression function of the context's implementation. */
static hk__md32_blocks_fn sha1_blocks_for(const hk_sha1_ctx *ctx)
{
#if defined(HK_CRYPTO_SHANI)
    if (ctx->impl_ == HK_HASH_IMPL_SHANI)
        return sha1_blocks_shani;
#else
    (void)ctx; /* only the portable path exists on this target */
#endif
    return sha1_blocks_portable;
}

static void sha1_start(hk_sha1_ctx *ctx, uint32_t impl)
{
    memcpy(ctx->h_, sha1_iv, sizeof ctx->h_);
    ctx->buflen_ = 0;
    ctx->impl_ = impl;
    ctx->total_ = 0;
    memset(ctx->buf_, 0, sizeof ctx->buf_);
}

void hk_sha1_init(hk_sha1_ctx *ctx)
{
    int err;
    sha1_start(ctx, hk__hash_impl_resolve(HK_HASH_IMPL_AUTO, HK_SHA1_DIGEST_LEN, &err));
}

int hk_sha1_init_impl(hk_sha1_ctx *ctx, int impl)
{
    int err;
    if (ctx == NULL)
        return HK_ERR_INVALID_ARG;
    sha1_start(ctx, hk__hash_impl_resolve(impl, HK_SHA1_DIGEST_LEN, &err));
    return err;
}

void hk_sha1_update(hk_sha1_ctx *ctx, const void *data, size_t n)
{
    hk__md32_update(ctx->h_, ctx->buf_, &ctx->buflen_, &ctx->total_, sha1_blocks_for(ctx), data,
                    n);
}

void hk_sha1_final(hk_sha1_ctx *ctx, uint8_t out[HK_SHA1_DIGEST_LEN])
{
    hk__md32_final(ctx->h_, 5, ctx->buf_, ctx->buflen_, ctx->total_, sha1_blocks_for(ctx),
                   out);
    hk_wipe(ctx, sizeof *ctx);
}

void hk_sha1(const void *data, size_t n, uint8_t out[HK_SHA1_DIGEST_LEN])
{
    hk_sha1_ctx ctx;
    hk_sha1_init(&ctx);
    hk_sha1_update(&ctx, data, n);
    hk_sha1_final(&ctx, out);
}

#undef SHA1_ROTL
#undef SHA1_CH
#undef SHA1_PARITY
#undef SHA1_MAJ
#undef SHA1_W
#undef SHA1_ROUND
#undef SHA1_ROUND5
