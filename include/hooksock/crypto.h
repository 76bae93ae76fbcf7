/*
 * hooksock/crypto.h - hashes, HMAC, Ed25519, encodings and secret handling.
 *
 * Pure C11 primitives: no allocation, no hidden state, endian-independent.
 * Contexts are plain structs the caller may place anywhere (stack, static,
 * heap); their fields are private and their size may change between major
 * versions. A context holds no pointer to anything else, so it may be copied
 * with memcpy (for example to fork a hash of a common prefix).
 *
 * Streaming API shape: *_init, any number of *_update (pieces of any size,
 * including 0), *_final, which writes the digest and wipes the context.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_CRYPTO_H
#define HOOKSOCK_CRYPTO_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- implementation selection ------------------------------------------ */

/*
 * Which compression function a hash context uses. HK_HASH_IMPL_AUTO picks the
 * fastest one this CPU supports (SHA-256 and SHA-1 use the x86 SHA extensions
 * where present); the others force a path, so tests and benchmarks can cover
 * each one. All paths give identical results.
 */
enum hk_hash_impl {
    HK_HASH_IMPL_AUTO = 0,
    HK_HASH_IMPL_PORTABLE = 1,
    HK_HASH_IMPL_SHANI = 2
};

/*
 * hk_hash_impl_available - 1 if `impl` can be used on this CPU for the given
 * digest length (20 for SHA-1, 32 for SHA-256, 64 for SHA-512), else 0.
 * AUTO and PORTABLE are always available; SHANI never is for SHA-512. Any
 * other digest length or impl value gives 0. The CPU is probed once (cpuid)
 * and the result cached; thread-safe.
 */
HK_API int hk_hash_impl_available(int impl, size_t digest_len);

/* ---- SHA-1 (FIPS 180-4); used by the WebSocket handshake and HMAC-SHA1 -- */

#define HK_SHA1_DIGEST_LEN 20
#define HK_SHA1_BLOCK_LEN 64

typedef struct hk_sha1_ctx {
    uint32_t h_[5];
    uint32_t buflen_;
    uint32_t impl_;
    uint64_t total_;
    uint8_t buf_[64];
} hk_sha1_ctx;

/* Start a hash with the automatically chosen implementation. */
HK_API void hk_sha1_init(hk_sha1_ctx *ctx);
/* Start a hash with a forced implementation (enum hk_hash_impl). Returns
 * HK_OK, HK_ERR_UNSUPPORTED if the CPU lacks it, or HK_ERR_INVALID_ARG for an
 * unknown value (ctx is then initialised with the portable path) or a NULL
 * ctx. The same holds for hk_sha256_init_impl and hk_sha512_init_impl. */
HK_API int hk_sha1_init_impl(hk_sha1_ctx *ctx, int impl);
/* Absorb n bytes from data (data may be NULL when n is 0). */
HK_API void hk_sha1_update(hk_sha1_ctx *ctx, const void *data, size_t n);
/* Write the digest and wipe ctx; reuse requires a new init. */
HK_API void hk_sha1_final(hk_sha1_ctx *ctx, uint8_t out[HK_SHA1_DIGEST_LEN]);
/* One-shot. */
HK_API void hk_sha1(const void *data, size_t n, uint8_t out[HK_SHA1_DIGEST_LEN]);

/* ---- SHA-256 (FIPS 180-4) ----------------------------------------------- */

#define HK_SHA256_DIGEST_LEN 32
#define HK_SHA256_BLOCK_LEN 64

typedef struct hk_sha256_ctx {
    uint32_t h_[8];
    uint32_t buflen_;
    uint32_t impl_;
    uint64_t total_;
    uint8_t buf_[64];
} hk_sha256_ctx;

HK_API void hk_sha256_init(hk_sha256_ctx *ctx);
HK_API int hk_sha256_init_impl(hk_sha256_ctx *ctx, int impl);
HK_API void hk_sha256_update(hk_sha256_ctx *ctx, const void *data, size_t n);
HK_API void hk_sha256_final(hk_sha256_ctx *ctx, uint8_t out[HK_SHA256_DIGEST_LEN]);
HK_API void hk_sha256(const void *data, size_t n, uint8_t out[HK_SHA256_DIGEST_LEN]);

/* ---- SHA-512 (FIPS 180-4); used by Ed25519 ------------------------------- */

#define HK_SHA512_DIGEST_LEN 64
#define HK_SHA512_BLOCK_LEN 128

typedef struct hk_sha512_ctx {
    uint64_t h_[8];
    uint64_t total_lo_;
    uint64_t total_hi_;
    uint32_t buflen_;
    uint32_t impl_;
    uint8_t buf_[128];
} hk_sha512_ctx;

HK_API void hk_sha512_init(hk_sha512_ctx *ctx);
HK_API int hk_sha512_init_impl(hk_sha512_ctx *ctx, int impl);
HK_API void hk_sha512_update(hk_sha512_ctx *ctx, const void *data, size_t n);
HK_API void hk_sha512_final(hk_sha512_ctx *ctx, uint8_t out[HK_SHA512_DIGEST_LEN]);
HK_API void hk_sha512(const void *data, size_t n, uint8_t out[HK_SHA512_DIGEST_LEN]);

/* ---- HMAC (RFC 2104) ------------------------------------------------------ */

/*
 * A keyed HMAC context: the key is hashed into the inner and outer pad states
 * once by *_key_init; each message then starts from a copy of those states
 * (*_init), so one key serves any number of messages without rehashing it.
 * The key object holds key-derived secrets: wipe it with *_key_wipe when done.
 * A key object is never modified by *_init, so one may be shared read-only
 * between threads.
 */
typedef struct hk_hmac_sha256_key {
    hk_sha256_ctx inner_;
    hk_sha256_ctx outer_;
} hk_hmac_sha256_key;

typedef struct hk_hmac_sha256_ctx {
    hk_sha256_ctx inner_;
    hk_sha256_ctx outer_;
} hk_hmac_sha256_ctx;

/* Derive the pad states from key[0..key_len) (any length; key may be NULL
 * when key_len is 0; a key longer than 64 bytes is hashed first, RFC 2104
 * section 2). The key bytes are not retained: the caller may wipe them. */
HK_API void hk_hmac_sha256_key_init(hk_hmac_sha256_key *k, const void *key, size_t key_len);
/* As hk_hmac_sha256_key_init with a forced hash implementation (see
 * hk_sha1_init_impl for the errors; k is usable after HK_ERR_UNSUPPORTED, on
 * the portable path). Also HK_ERR_INVALID_ARG for NULL k, or NULL key with
 * key_len > 0 (k untouched). */
HK_API int hk_hmac_sha256_key_init_impl(hk_hmac_sha256_key *k, const void *key, size_t key_len,
                                        int impl);
/* Overwrite the key object with zeros; it must be re-initialised to be used. */
HK_API void hk_hmac_sha256_key_wipe(hk_hmac_sha256_key *k);
/* Start a message: copies the pad states of k into ctx (k is only read and
 * may be wiped or reused at once). ctx holds key-derived state until
 * *_final wipes it; hk_wipe a context that is abandoned unfinished. */
HK_API void hk_hmac_sha256_init(hk_hmac_sha256_ctx *ctx, const hk_hmac_sha256_key *k);
/* Absorb n bytes (data may be NULL when n is 0). */
HK_API void hk_hmac_sha256_update(hk_hmac_sha256_ctx *ctx, const void *data, size_t n);
/* Write the tag and wipe ctx. */
HK_API void hk_hmac_sha256_final(hk_hmac_sha256_ctx *ctx, uint8_t out[HK_SHA256_DIGEST_LEN]);
/* One-shot; wipes its intermediate state. */
HK_API void hk_hmac_sha256(const void *key, size_t key_len, const void *msg, size_t n,
                           uint8_t out[HK_SHA256_DIGEST_LEN]);

typedef struct hk_hmac_sha1_key {
    hk_sha1_ctx inner_;
    hk_sha1_ctx outer_;
} hk_hmac_sha1_key;

typedef struct hk_hmac_sha1_ctx {
    hk_sha1_ctx inner_;
    hk_sha1_ctx outer_;
} hk_hmac_sha1_ctx;

/* HMAC-SHA1: as HMAC-SHA256 above, with 20-byte tags. */
HK_API void hk_hmac_sha1_key_init(hk_hmac_sha1_key *k, const void *key, size_t key_len);
HK_API int hk_hmac_sha1_key_init_impl(hk_hmac_sha1_key *k, const void *key, size_t key_len,
                                      int impl);
HK_API void hk_hmac_sha1_key_wipe(hk_hmac_sha1_key *k);
HK_API void hk_hmac_sha1_init(hk_hmac_sha1_ctx *ctx, const hk_hmac_sha1_key *k);
HK_API void hk_hmac_sha1_update(hk_hmac_sha1_ctx *ctx, const void *data, size_t n);
HK_API void hk_hmac_sha1_final(hk_hmac_sha1_ctx *ctx, uint8_t out[HK_SHA1_DIGEST_LEN]);
HK_API void hk_hmac_sha1(const void *key, size_t key_len, const void *msg, size_t n,
                         uint8_t out[HK_SHA1_DIGEST_LEN]);

/* ---- secrets -------------------------------------------------------------- */

/*
 * hk_ct_equal - compare a[0..n) and b[0..n) in time that depends only on n.
 * Returns 1 if equal, 0 otherwise (1 for n == 0).
 */
HK_API int hk_ct_equal(const void *a, const void *b, size_t n);

/*
 * hk_wipe - overwrite p[0..n) with zeros in a way the compiler cannot remove
 * as a dead store. p may be NULL when n is 0.
 */
HK_API void hk_wipe(void *p, size_t n);

/* ---- base64 (RFC 4648 sections 4 and 5) ----------------------------------- */

/* Flags for the base64 functions; combine with |. */
#define HK_BASE64_STD 0u     /* alphabet A-Z a-z 0-9 + / */
#define HK_BASE64_URL 1u     /* alphabet A-Z a-z 0-9 - _ (RFC 4648 section 5) */
#define HK_BASE64_NOPAD 2u   /* encode: emit no '='; decode: refuse any '=' */
#define HK_BASE64_PAD_OPTIONAL 4u /* decode only: accept input with or without
                                     its full padding (never partial padding) */

/* Exact encoded length of n bytes with these flags (only HK_BASE64_NOPAD
 * matters; 0 if that would overflow size_t). */
HK_API size_t hk_base64_encoded_len(size_t n, unsigned flags);
/* Upper bound of the decoded length of n characters (exact for valid
 * unpadded input; never overflows). */
HK_API size_t hk_base64_decoded_max(size_t n);

/*
 * hk_base64_encode - encode in[0..n) into out (no NUL terminator is written).
 * On HK_OK *out_len (if not NULL) receives the number of characters written.
 * Flags: HK_BASE64_URL, HK_BASE64_NOPAD (HK_BASE64_PAD_OPTIONAL is accepted
 * and ignored). out == NULL with out_cap == 0 asks for the size.
 * Errors: HK_ERR_BUFFER_TOO_SMALL (nothing written; *out_len receives the
 * size needed), HK_ERR_INVALID_ARG (NULL in with n > 0, NULL out with
 * out_cap > 0, unknown flag), HK_ERR_OVERFLOW (encoded length exceeds SIZE_MAX).
 * in and out must not overlap.
 */
HK_API int hk_base64_encode(char *out, size_t out_cap, const void *in, size_t n,
                            unsigned flags, size_t *out_len);

/*
 * hk_base64_decode - strict decode of in[0..n).
 *
 * Refuses: characters outside the chosen alphabet, including whitespace
 * (HK_ERR_BASE64_CHAR); misplaced or missing '=' (HK_ERR_BASE64_PADDING);
 * a length that no encoding can have (HK_ERR_BASE64_LENGTH); non-zero bits
 * in the last character beyond the data (HK_ERR_BASE64_TRAILING_BITS), so
 * every byte string has exactly one accepted encoding. Also
 * HK_ERR_BUFFER_TOO_SMALL (*out_len receives the size needed) and
 * HK_ERR_INVALID_ARG (NULL in with n > 0, NULL out with out_cap > 0, unknown
 * flag, or HK_BASE64_NOPAD together with HK_BASE64_PAD_OPTIONAL). Without
 * NOPAD or PAD_OPTIONAL the padding is required (RFC 4648 section 3.2).
 *
 * When several faults are present the first of this list is reported: an
 * invalid character before the final run of '=' (a '=' there counts as
 * HK_ERR_BASE64_PADDING), then LENGTH, PADDING, TRAILING_BITS, and
 * BUFFER_TOO_SMALL last, so a valid input never fails for anything but space.
 * On HK_OK *out_len (if not NULL) receives the number of bytes written. On
 * any error the contents of out are unspecified. in and out must not overlap.
 */
HK_API int hk_base64_decode(uint8_t *out, size_t out_cap, const char *in, size_t n,
                            unsigned flags, size_t *out_len);

/* ---- hex ------------------------------------------------------------------ */

/* Write 2*n lower-case hex digits of in[0..n) to out (no NUL). out must hold
 * 2*n characters. */
HK_API void hk_hex_encode(char *out, const void *in, size_t n);

/*
 * hk_hex_decode - decode in[0..n) (upper or lower case). Errors, in order of
 * precedence: HK_ERR_INVALID_ARG (NULL in with n > 0, NULL out with
 * out_cap > 0), HK_ERR_HEX_CHAR (any non-hex character, whitespace included),
 * HK_ERR_HEX_LENGTH (n odd), HK_ERR_BUFFER_TOO_SMALL (out_cap < n/2). On HK_OK
 * and on HK_ERR_BUFFER_TOO_SMALL *out_len (if not NULL) receives n/2.
 */
HK_API int hk_hex_decode(uint8_t *out, size_t out_cap, const char *in, size_t n, size_t *out_len);

/* ---- Ed25519 (RFC 8032) --------------------------------------------------- */

/*
 * Ed25519 as specified in RFC 8032 section 5.1 (pure Ed25519: no context, no
 * prehash). Keys and signatures are the standard encodings, interchangeable
 * with libsodium (crypto_sign_seed_keypair / crypto_sign_detached /
 * crypto_sign_verify_detached), OpenSSL, Go's crypto/ed25519 and others: sk
 * is the 32-byte seed followed by the 32-byte public key, as in libsodium.
 *
 * No allocation, no global state; every function is reentrant. Key
 * generation and signing run in constant time with respect to the seed, the
 * secret key and the message contents (only the message length shows), and
 * wipe their intermediate secrets. Verification handles public data only and
 * runs in variable time. Pointers are only read or written during the call.
 */

#define HK_ED25519_SEED_LEN 32
#define HK_ED25519_PUBLIC_KEY_LEN 32
#define HK_ED25519_SECRET_KEY_LEN 64 /* seed followed by the public key */
#define HK_ED25519_SIGNATURE_LEN 64

/*
 * hk_ed25519_keypair - derive the key pair of a 32-byte seed (RFC 8032
 * section 5.1.5). The seed must come from a CSPRNG (hk_random_default) or
 * your key store; keep it (or sk) secret and wipe it with hk_wipe when done.
 *
 * Writes pk (the public key) and sk (= seed || pk). sk may be the same
 * buffer as seed (seed == sk, expanding a stored seed in place); pk and sk
 * must not otherwise overlap. Returns HK_OK, or HK_ERR_INVALID_ARG if a
 * pointer is NULL (nothing written). Constant time.
 */
HK_API int hk_ed25519_keypair(uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN],
                              uint8_t sk[HK_ED25519_SECRET_KEY_LEN],
                              const uint8_t seed[HK_ED25519_SEED_LEN]);

/*
 * hk_ed25519_sign - sign msg[0..n) with sk (seed || public key), RFC 8032
 * section 5.1.6. Deterministic: the same key and message always give the
 * same signature (no randomness needed).
 *
 * The public half of sk is checked against the seed (in constant time; this
 * costs one extra fixed-base multiplication): signing with a mismatched
 * public key would produce signatures that, combined with correct ones, leak
 * the secret scalar. msg may be NULL when n is 0; sig may overlap msg (it is
 * written last).
 *
 * Returns HK_OK; HK_ERR_KEY_MISMATCH if the public half of sk is not the one
 * the seed derives (sig is then filled with zeros); HK_ERR_INVALID_ARG if sig
 * or sk is NULL, or msg is NULL with n > 0 (nothing written).
 */
HK_API int hk_ed25519_sign(uint8_t sig[HK_ED25519_SIGNATURE_LEN], const void *msg, size_t n,
                           const uint8_t sk[HK_ED25519_SECRET_KEY_LEN]);

/*
 * hk_ed25519_verify - verify sig = R || S over msg[0..n) with public key pk
 * (RFC 8032 section 5.1.7). msg may be NULL when n is 0.
 *
 * Strict verification, the policy of libsodium's crypto_sign_verify_detached
 * (1.0.18, default build), so that both accept exactly the same signatures
 * (checked by differential tests and fuzzing):
 *   - encodings must be canonical (RFC 8032 5.1.7 step 1, 5.1.3): S < L,
 *     and for A and R the y coordinate < p, and no "negative zero" x;
 *   - a public key of small order (order 1, 2, 4 or 8) is refused, and so is
 *     an R of small order (RFC 8032 permits both; they allow signatures
 *     that verify for many messages or under many keys);
 *   - the equation is the cofactorless [S]B = R + [k]A, checked by encoding
 *     [S]B - [k]A and comparing it with R byte for byte. A public key with a
 *     small-order component (mixed order) is accepted, like libsodium does.
 *     A verifier using the cofactored equation [8][S]B = [8]R + [8][k]A (which
 *     RFC 8032 also allows) accepts some signatures under such keys that
 *     this one refuses; honestly generated signatures verify under both.
 *
 * Returns HK_OK if the signature is valid, else, checked in this order:
 *   HK_ERR_INVALID_ARG         sig or pk NULL, or msg NULL with n > 0;
 *   HK_ERR_KEY_FORMAT          pk is not a canonical encoding of a curve
 *                              point, or is a point of small order;
 *   HK_ERR_SIGNATURE_ENCODING  S >= L, or R is not canonical (y >= p, or
 *                              negative zero), or R is not a curve point;
 *   HK_ERR_SIGNATURE           R is of small order, or the equation fails
 *                              (wrong key, message or signature).
 * Only HK_OK means valid; treat every other value as "reject".
 */
HK_API int hk_ed25519_verify(const uint8_t sig[HK_ED25519_SIGNATURE_LEN], const void *msg,
                             size_t n, const uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN]);

#ifdef __cplusplus
}
#endif

#endif /* HOOKSOCK_CRYPTO_H */
