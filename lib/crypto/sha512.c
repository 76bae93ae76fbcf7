/*
 * crypto/sha512.c - SHA-512 (FIPS 180-4 section 6.4), portable C.
 *
 * SPDX-License-Identifier: MIT
 */
#include "crypto/internal.h"

/* FIPS 180-4 section 4.2.3: the first 64 bits of the fractional parts of the
 * cube roots of the first 80 primes. */
static const uint64_t sha512_k[80] = {
    0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
    0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
    0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
    0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
    0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
    0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
    0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
    0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full, 0x142929670a0e6e70ull,
    0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
    0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
    0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
    0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
    0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
    0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
    0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
    0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
    0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
    0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
    0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
    0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

/* FIPS 180-4 section 5.3.5: initial hash value. */
static const uint64_t sha512_iv[8] = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
    0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

/* FIPS 180-4 section 4.1.3. */
#define SHA512_ROTR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define SHA512_CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define SHA512_MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define SHA512_BSIG0(x) (SHA512_ROTR(x, 28) ^ SHA512_ROTR(x, 34) ^ SHA512_ROTR(x, 39))
#define SHA512_BSIG1(x) (SHA512_ROTR(x, 14) ^ SHA512_ROTR(x, 18) ^ SHA512_ROTR(x, 41))
#define SHA512_SSIG0(x) (SHA512_ROTR(x, 1) ^ SHA512_ROTR(x, 8) ^ ((x) >> 7))
#define SHA512_SSIG1(x) (SHA512_ROTR(x, 19) ^ SHA512_ROTR(x, 61) ^ ((x) >> 6))
/* As in sha256.c: a 16-word schedule ring, rounds unrolled by 16 so ring
 * indices are constants, working variables renamed instead of shifted. */
#define SHA512_ROUND(a, b, c, d, e, f, g, h, j, k)                                       \
    do {                                                                               \
        uint64_t t1_ = h + SHA512_BSIG1(e) + SHA512_CH(e, f, g) + sha512_k[(j) + (k)] + w[k]; \
        uint64_t t2_ = SHA512_BSIG0(a) + SHA512_MAJ(a, b, c);                          \
        d += t1_;                                                                      \
        h = t1_ + t2_;                                                                 \
    } while (0)
#define SHA512_SCHED(k)                                                               \
    (w[k] += SHA512_SSIG1(w[((k) + 14) & 15]) + w[((k) + 9) & 15] +                    \
             SHA512_SSIG0(w[((k) + 1) & 15]))
#define SHA512_ROUNDS16(j)                                   \
    do {                                                     \
        SHA512_ROUND(a, b, c, d, e, f, g, h, j, 0);          \
        SHA512_ROUND(h, a, b, c, d, e, f, g, j, 1);          \
        SHA512_ROUND(g, h, a, b, c, d, e, f, j, 2);          \
        SHA512_ROUND(f, g, h, a, b, c, d, e, j, 3);          \
        SHA512_ROUND(e, f, g, h, a, b, c, d, j, 4);          \
        SHA512_ROUND(d, e, f, g, h, a, b, c, j, 5);          \
        SHA512_ROUND(c, d, e, f, g, h, a, b, j, 6);          \
        SHA512_ROUND(b, c, d, e, f, g, h, a, j, 7);          \
        SHA512_ROUND(a, b, c, d, e, f, g, h, j, 8);          \
        SHA512_ROUND(h, a, b, c, d, e, f, g, j, 9);          \
        SHA512_ROUND(g, h, a, b, c, d, e, f, j, 10);         \
        SHA512_ROUND(f, g, h, a, b, c, d, e, j, 11);         \
        SHA512_ROUND(e, f, g, h, a, b, c, d, j, 12);         \
        SHA512_ROUND(d, e, f, g, h, a, b, c, j, 13);         \
        SHA512_ROUND(c, d, e, f, g, h, a, b, j, 14);         \
        SHA512_ROUND(b, c, d, e, f, g, h, a, j, 15);         \
    } while (0)

/* FIPS 180-4 section 6.4.2. */
static void sha512_blocks(uint64_t st[8], const uint8_t *p, size_t nblocks)
{
    uint64_t w[16];
    uint64_t a, b, c, d, e, f, g, h;
    size_t i, j;
    for (; nblocks > 0; nblocks--, p += 128) {
        for (i = 0; i < 16; i++)
            w[i] = hk__load64_be(p + 8 * i);
        a = st[0];
        b = st[1];
        c = st[2];
        d = st[3];
        e = st[4];
        f = st[5];
        g = st[6];
        h = st[7];
        SHA512_ROUNDS16(0);
        for (j = 16; j < 80; j += 16) {
            for (i = 0; i < 16; i++)
                SHA512_SCHED(i);
            SHA512_ROUNDS16(j);
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
    hk_wipe(w, sizeof w);
}

void hk_sha512_init(hk_sha512_ctx *ctx)
{
    memcpy(ctx->h_, sha512_iv, sizeof ctx->h_);
    ctx->total_lo_ = 0;
    ctx->total_hi_ = 0;
    ctx->buflen_ = 0;
    ctx->impl_ = HK_HASH_IMPL_PORTABLE;
    memset(ctx->buf_, 0, sizeof ctx->buf_);
}

int hk_sha512_init_impl(hk_sha512_ctx *ctx, int impl)
{
    int err;
    if (ctx == NULL)
        return HK_ERR_INVALID_ARG;
    hk_sha512_init(ctx);
    ctx->impl_ = hk__hash_impl_resolve(impl, HK_SHA512_DIGEST_LEN, &err);
    return err;
}

void hk_sha512_update(hk_sha512_ctx *ctx, const void *data, size_t n)
{
    const uint8_t *p = data;
    uint64_t lo;
    if (n == 0)
        return;
    /* 128-bit byte count (FIPS 180-4 allows messages below 2^128 bits). */
    lo = ctx->total_lo_ + (uint64_t)n;
    ctx->total_hi_ += lo < ctx->total_lo_;
    ctx->total_lo_ = lo;
    if (ctx->buflen_ > 0) {
        size_t take = 128 - ctx->buflen_;
        if (take > n)
            take = n;
        memcpy(ctx->buf_ + ctx->buflen_, p, take);
        ctx->buflen_ += (uint32_t)take;
        p += take;
        n -= take;
        if (ctx->buflen_ < 128)
            return;
        sha512_blocks(ctx->h_, ctx->buf_, 1);
        ctx->buflen_ = 0;
    }
    if (n >= 128) {
        size_t nb = n / 128;
        sha512_blocks(ctx->h_, p, nb);
        p += nb * 128;
        n -= nb * 128;
    }
    if (n > 0) {
        memcpy(ctx->buf_, p, n);
        ctx->buflen_ = (uint32_t)n;
    }
}

void hk_sha512_final(hk_sha512_ctx *ctx, uint8_t out[HK_SHA512_DIGEST_LEN])
{
    /* FIPS 180-4 section 5.1.2: 0x80, zeros, 128-bit big-endian bit length. */
    uint64_t bits_hi = ctx->total_hi_ << 3 | ctx->total_lo_ >> 61;
    uint64_t bits_lo = ctx->total_lo_ << 3;
    size_t i, len = ctx->buflen_;
    ctx->buf_[len++] = 0x80;
    if (len > 112) {
        memset(ctx->buf_ + len, 0, 128 - len);
        sha512_blocks(ctx->h_, ctx->buf_, 1);
        len = 0;
    }
    memset(ctx->buf_ + len, 0, 112 - len);
    hk__store64_be(ctx->buf_ + 112, bits_hi);
    hk__store64_be(ctx->buf_ + 120, bits_lo);
    sha512_blocks(ctx->h_, ctx->buf_, 1);
    for (i = 0; i < 8; i++)
        hk__store64_be(out + 8 * i, ctx->h_[i]);
    hk_wipe(ctx, sizeof *ctx);
}

void hk_sha512(const void *data, size_t n, uint8_t out[HK_SHA512_DIGEST_LEN])
{
    hk_sha512_ctx ctx;
    hk_sha512_init(&ctx);
    hk_sha512_update(&ctx, data, n);
    hk_sha512_final(&ctx, out);
}

#undef SHA512_ROTR
#undef SHA512_CH
#undef SHA512_MAJ
#undef SHA512_BSIG0
#undef SHA512_BSIG1
#undef SHA512_SSIG0
#undef SHA512_SSIG1
#undef SHA512_ROUND
#undef SHA512_SCHED
#undef SHA512_ROUNDS16
