/*
 * crypto/internal.h - shared by the files of lib/crypto. Not installed.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HK_CRYPTO_INTERNAL_H
#define HK_CRYPTO_INTERNAL_H

#include "base/internal.h"
#include "hooksock/crypto.h"

/*
 * HK_CRYPTO_SHANI: this compiler can build the x86 SHA-extension paths with
 * function attributes (no per-file flags). gcc >= 5 and clang know the
 * "sha" target and ship the intrinsics in <immintrin.h>. Elsewhere only the
 * portable code is compiled and the SHA-NI implementation reports itself as
 * unavailable.
 */
#if defined(HK_ARCH_X86) && (defined(__x86_64__) || defined(__i386__)) && \
    (defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 5))
#  define HK_CRYPTO_SHANI 1
#  define HK_CRYPTO_TARGET_SHANI __attribute__((target("sha,sse4.1,ssse3")))
#endif

/* Bits of the CPU feature word. */
#define HK_CPU_PROBED 1u /* the word has been computed */
#define HK_CPU_SHANI 2u  /* SHA extensions + SSE4.1 + SSSE3 usable */

/*
 * hk__cpu_features - the CPU feature word (HK_CPU_* bits), probed on first
 * use and cached. The cache is the library's one process-wide static: it is
 * written once with a value that depends only on the CPU, so concurrent
 * first calls are harmless (relaxed C11 atomics where available).
 */
HK_INTERNAL unsigned hk__cpu_features(void);

/*
 * hk__hash_impl_resolve - the concrete implementation (HK_HASH_IMPL_PORTABLE
 * or HK_HASH_IMPL_SHANI) to use for a requested one and a digest length.
 * *err receives HK_OK, HK_ERR_UNSUPPORTED (SHANI requested but unusable) or
 * HK_ERR_INVALID_ARG (unknown value); PORTABLE is returned in both cases.
 */
HK_INTERNAL uint32_t hk__hash_impl_resolve(int impl, size_t digest_len, int *err);

/*
 * The Merkle-Damgard framing SHA-1 and SHA-256 share (FIPS 180-4 section
 * 5.1.1): 64-byte blocks, a 0x80 byte, zeros and the 64-bit big-endian bit
 * count, and a state of 32-bit words written out big-endian. The hash files
 * pass their compression function for the context's implementation.
 *
 * hk__md32_update - absorb data[0..n) into (h, buf, *buflen, *total).
 * hk__md32_final - pad, compress, and write nwords state words to out; the
 * caller wipes its context afterwards.
 */
typedef void (*hk__md32_blocks_fn)(uint32_t *h, const uint8_t *p, size_t nblocks);
HK_INTERNAL void hk__md32_update(uint32_t *h, uint8_t buf[64], uint32_t *buflen, uint64_t *total,
                                 hk__md32_blocks_fn blocks, const void *data, size_t n);
HK_INTERNAL void hk__md32_final(uint32_t *h, size_t nwords, uint8_t buf[64], uint32_t buflen,
                                uint64_t total, hk__md32_blocks_fn blocks, uint8_t *out);

/* A piece of a message given in several pieces. */
typedef struct hk__piece {
    const void *data;
    size_t len;
} hk__piece;

/*
 * Ed25519 for messages the caller holds in pieces (the webhook module signs
 * "<id>.<ts>." followed by the body without concatenating them).
 *
 * hk__ed25519_sign_pieces - hk_ed25519_sign over the concatenation of
 * m[0..nm) (same results and errors; a piece may be NULL when its len is 0).
 *
 * hk__ed25519_verify_init / _final - hk_ed25519_verify split around the
 * message: init runs the checks that need no hash (returning
 * HK_ERR_KEY_FORMAT, HK_ERR_SIGNATURE_ENCODING or HK_ERR_SIGNATURE as
 * hk_ed25519_verify would, ctx then unusable) and starts
 * ctx = SHA-512(R || A); the caller feeds the message with hk_sha512_update;
 * final finishes the hash and checks the equation (HK_OK,
 * HK_ERR_SIGNATURE or HK_ERR_SIGNATURE_ENCODING). sig and pk must be the same
 * in both calls.
 */
HK_INTERNAL int hk__ed25519_sign_pieces(uint8_t sig[HK_ED25519_SIGNATURE_LEN],
                                        const hk__piece *m, size_t nm,
                                        const uint8_t sk[HK_ED25519_SECRET_KEY_LEN]);
HK_INTERNAL int hk__ed25519_verify_init(hk_sha512_ctx *ctx,
                                        const uint8_t sig[HK_ED25519_SIGNATURE_LEN],
                                        const uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN]);
HK_INTERNAL int hk__ed25519_verify_final(hk_sha512_ctx *ctx,
                                         const uint8_t sig[HK_ED25519_SIGNATURE_LEN],
                                         const uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN]);

#endif /* HK_CRYPTO_INTERNAL_H */
