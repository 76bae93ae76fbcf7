/*
 * crypto/hmac.c - HMAC-SHA256 and HMAC-SHA1 (RFC 2104), with key objects that
 * hold the precomputed inner and outer pad states (RFC 2104 section 4,
 * "Implementation note"), so one key serves many messages.
 *
 * SPDX-License-Identifier: MIT
 */
#include "crypto/internal.h"

#define HK_HMAC_IPAD 0x36
#define HK_HMAC_OPAD 0x5c

/* ---- HMAC-SHA256 ------------------------------------------------------------ */

/* Absorb (K xor ipad) into inner and (K xor opad) into outer, where K is the
 * key padded with zeros to the block length, or its hash if longer than a
 * block (RFC 2104 section 2). Returns the hk__hash_impl_resolve error. */
static int hmac_sha256_setup(hk_sha256_ctx *inner, hk_sha256_ctx *outer, const void *key,
                             size_t key_len, int impl)
{
    uint8_t block[HK_SHA256_BLOCK_LEN];
    size_t i;
    int err;
    memset(block, 0, sizeof block);
    err = hk_sha256_init_impl(inner, impl);
    if (key_len > sizeof block) {
        hk_sha256_update(inner, key, key_len);
        hk_sha256_final(inner, block);
        hk_sha256_init_impl(inner, impl);
    } else if (key_len > 0) {
        memcpy(block, key, key_len);
    }
    for (i = 0; i < sizeof block; i++)
        block[i] ^= HK_HMAC_IPAD;
    hk_sha256_update(inner, block, sizeof block);
    for (i = 0; i < sizeof block; i++)
        block[i] ^= HK_HMAC_IPAD ^ HK_HMAC_OPAD;
    hk_sha256_init_impl(outer, impl);
    hk_sha256_update(outer, block, sizeof block);
    hk_wipe(block, sizeof block);
    return err;
}

int hk_hmac_sha256_key_init_impl(hk_hmac_sha256_key *k, const void *key, size_t key_len, int impl)
{
    if (k == NULL || (key == NULL && key_len > 0))
        return HK_ERR_INVALID_ARG;
    return hmac_sha256_setup(&k->inner_, &k->outer_, key, key_len, impl);
}

void hk_hmac_sha256_key_init(hk_hmac_sha256_key *k, const void *key, size_t key_len)
{
    hmac_sha256_setup(&k->inner_, &k->outer_, key, key_len, HK_HASH_IMPL_AUTO);
}

void hk_hmac_sha256_key_wipe(hk_hmac_sha256_key *k)
{
    hk_wipe(k, sizeof *k);
}

void hk_hmac_sha256_init(hk_hmac_sha256_ctx *ctx, const hk_hmac_sha256_key *k)
{
    ctx->inner_ = k->inner_;
    ctx->outer_ = k->outer_;
}

void hk_hmac_sha256_update(hk_hmac_sha256_ctx *ctx, const void *data, size_t n)
{
    hk_sha256_update(&ctx->inner_, data, n);
}

void hk_hmac_sha256_final(hk_hmac_sha256_ctx *ctx, uint8_t out[HK_SHA256_DIGEST_LEN])
{
    uint8_t ih[HK_SHA256_DIGEST_LEN];
    hk_sha256_final(&ctx->inner_, ih); /* wipes inner_ */
    hk_sha256_update(&ctx->outer_, ih, sizeof ih);
    hk_sha256_final(&ctx->outer_, out); /* wipes outer_ */
    hk_wipe(ih, sizeof ih);
}

void hk_hmac_sha256(const void *key, size_t key_len, const void *msg, size_t n,
                    uint8_t out[HK_SHA256_DIGEST_LEN])
{
    hk_hmac_sha256_ctx ctx;
    hmac_sha256_setup(&ctx.inner_, &ctx.outer_, key, key_len, HK_HASH_IMPL_AUTO);
    hk_sha256_update(&ctx.inner_, msg, n);
    hk_hmac_sha256_final(&ctx, out); /* wipes ctx */
}

/* ---- HMAC-SHA1 ---------------------------------------------------------------- */

static int hmac_sha1_setup(hk_sha1_ctx *inner, hk_sha1_ctx *outer, const void *key,
                           size_t key_len, int impl)
{
    uint8_t block[HK_SHA1_BLOCK_LEN];
    size_t i;
    int err;
    memset(block, 0, sizeof block);
    err = hk_sha1_init_impl(inner, impl);
    if (key_len > sizeof block) {
        hk_sha1_update(inner, key, key_len);
        hk_sha1_final(inner, block);
        hk_sha1_init_impl(inner, impl);
    } else if (key_len > 0) {
        memcpy(block, key, key_len);
    }
    for (i = 0; i < sizeof block; i++)
        block[i] ^= HK_HMAC_IPAD;
    hk_sha1_update(inner, block, sizeof block);
    for (i = 0; i < sizeof block; i++)
        block[i] ^= HK_HMAC_IPAD ^ HK_HMAC_OPAD;
    hk_sha1_init_impl(outer, impl);
    hk_sha1_update(outer, block, sizeof block);
    hk_wipe(block, sizeof block);
    return err;
}

int hk_hmac_sha1_key_init_impl(hk_hmac_sha1_key *k, const void *key, size_t key_len, int impl)
{
    if (k == NULL || (key == NULL && key_len > 0))
        return HK_ERR_INVALID_ARG;
    return hmac_sha1_setup(&k->inner_, &k->outer_, key, key_len, impl);
}

void hk_hmac_sha1_key_init(hk_hmac_sha1_key *k, const void *key, size_t key_len)
{
    hmac_sha1_setup(&k->inner_, &k->outer_, key, key_len, HK_HASH_IMPL_AUTO);
}

void hk_hmac_sha1_key_wipe(hk_hmac_sha1_key *k)
{
    hk_wipe(k, sizeof *k);
}

void hk_hmac_sha1_init(hk_hmac_sha1_ctx *ctx, const hk_hmac_sha1_key *k)
{
    ctx->inner_ = k->inner_;
    ctx->outer_ = k->outer_;
}

void hk_hmac_sha1_update(hk_hmac_sha1_ctx *ctx, const void *data, size_t n)
{
    hk_sha1_update(&ctx->inner_, data, n);
}

void hk_hmac_sha1_final(hk_hmac_sha1_ctx *ctx, uint8_t out[HK_SHA1_DIGEST_LEN])
{
    uint8_t ih[HK_SHA1_DIGEST_LEN];
    hk_sha1_final(&ctx->inner_, ih);
    hk_sha1_update(&ctx->outer_, ih, sizeof ih);
    hk_sha1_final(&ctx->outer_, out);
    hk_wipe(ih, sizeof ih);
}

void hk_hmac_sha1(const void *key, size_t key_len, const void *msg, size_t n,
                  uint8_t out[HK_SHA1_DIGEST_LEN])
{
    hk_hmac_sha1_ctx ctx;
    hmac_sha1_setup(&ctx.inner_, &ctx.outer_, key, key_len, HK_HASH_IMPL_AUTO);
    hk_sha1_update(&ctx.inner_, msg, n);
    hk_hmac_sha1_final(&ctx, out);
}

#undef HK_HMAC_IPAD
#undef HK_HMAC_OPAD
