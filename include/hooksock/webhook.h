/*
 * hooksock/webhook.h - signed webhooks: Standard Webhooks v1 signing and
 * verification, other senders' signature schemes, sans-IO delivery with
 * retries.
 *
 * Three layers, usable separately:
 *
 *  1. Standard Webhooks (the spec at github.com/standard-webhooks/
 *     standard-webhooks, spec/standard-webhooks.md, also what Svix sends),
 *     both signature schemes: symmetric "v1" (HMAC-SHA256, "whsec_"
 *     secrets) and asymmetric "v1a" (Ed25519, "whsk_" secret keys and
 *     "whpk_" public keys): keys (hk_wh_key_*), signing (hk_wh_sign),
 *     one-shot verification (hk_wh_verify), streaming verification
 *     (hk_wh_stream_*), message id, secret and key pair generation. Pure
 *     functions: no allocation, no hidden state.
 *
 *  2. Provider schemes (hk_wh_provider_*): Stripe, GitHub, Slack, Shopify,
 *     Twilio, Zoom, Paddle, Discord (Ed25519), Svix-branded headers and a
 *     generic configurable HMAC scheme, all behind one sign and one verify call that take the
 *     request headers as name/value pairs. Also pure.
 *
 *  3. Delivery (hk_wh_delivery_*): for one message and one endpoint URL,
 *     builds each attempt's HTTP/1.1 POST, classifies the response and
 *     answers "when is the next attempt" or "give up". It owns no socket and
 *     no timer; it allocates only through its hk_allocator.
 *
 * Verify over the raw body bytes. A signature covers the exact bytes the
 * sender put on the wire. A receiver that parses the JSON body and serialises
 * it again before verifying (a framework's "parsed body", a pretty printer, a
 * different key order, escaped or unescaped Unicode, a trailing newline) hashes
 * different bytes and rejects every genuine message; worse, code that then
 * "fixes" the failure by verifying a normalised form opens the door to
 * payloads the sender never signed. Keep the body exactly as received until
 * verification has succeeded; hk_wh_verify_request() does this for requests
 * parsed by hooksock's HTTP layer.
 *
 * Strings are (pointer, length) pairs and need no NUL terminator; a NULL
 * pointer with length 0 means "absent". Output strings are NUL-terminated
 * when the buffer has room for the terminator (the capacity macros include
 * it); the reported length never counts it.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_WEBHOOK_H
#define HOOKSOCK_WEBHOOK_H

#include "base.h"
#include "crypto.h"
#include "http.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- limits and constants ------------------------------------------------ */

/* Default timestamp tolerance of Standard Webhooks, in seconds, either way. */
#define HK_WH_TOLERANCE_DEFAULT 300u

/* Minimum decoded secret length: 24 bytes (192 bits), the spec's minimum. */
#define HK_WH_SECRET_MIN_BYTES 24u
/* Maximum decoded secret length accepted (the spec recommends at most 64). */
#define HK_WH_SECRET_MAX_BYTES 256u

/* Longest message id accepted by sign and verify. */
#define HK_WH_ID_MAX 256u

/* One "v1,<base64 of 32 bytes>" entry: 3 + 44 characters. */
#define HK_WH_SIGNATURE_ENTRY_LEN 47u
/* One "v1a,<base64 of 64 bytes>" entry: 4 + 88 characters. */
#define HK_WH_SIGNATURE_V1A_ENTRY_LEN 92u
/* Capacity for hk_wh_sign with n keys of any type: entries, separating
 * spaces and NUL. */
#define HK_WH_SIGNATURE_CAP(n) ((size_t)(n) * (HK_WH_SIGNATURE_V1A_ENTRY_LEN + 1u))

/* Most v1a entries a signature header may carry (each costs an Ed25519
 * verification per public key; a sender rotating keys sends two). */
#define HK_WH_MAX_V1A_SIGNATURES 4u

/* Capacity of a generated message id ("msg_" + 27 base62 chars + NUL). */
#define HK_WH_MSG_ID_CAP 32u
/* Capacity of a generated secret ("whsec_" + base64 of 32 bytes + NUL). */
#define HK_WH_SECRET_CAP 51u
/* Capacity of a "whsk_" secret key ("whsk_" + base64 of 64 bytes + NUL). */
#define HK_WH_SECRET_KEY_CAP 94u
/* Capacity of a "whpk_" public key ("whpk_" + base64 of 32 bytes + NUL). */
#define HK_WH_PUBLIC_KEY_CAP 50u

/* Streaming verifier limits: keys of any type, of which Ed25519 keys, and
 * v1 entries it can hold (v1a entries: HK_WH_MAX_V1A_SIGNATURES). */
#define HK_WH_STREAM_MAX_KEYS 8u
#define HK_WH_STREAM_MAX_ED25519_KEYS 4u
#define HK_WH_STREAM_MAX_SIGNATURES 16u

/* Flags for hk_wh_stream_init and hk_wh_provider_params.flags. */
#define HK_WH_NO_TIMESTAMP_CHECK 1u /* accept any well-formed timestamp */

/* ---- keys ------------------------------------------------------------------ */

/*
 * A Standard Webhooks key, one of three types (enum hk_wh_key_type):
 *
 *   HK_WH_KEY_HMAC            a symmetric secret ("whsec_"): signs and
 *                             verifies "v1" entries. Holds the HMAC-SHA256
 *                             pad states derived from the secret.
 *   HK_WH_KEY_ED25519_SECRET  an Ed25519 secret key ("whsk_"): signs "v1a"
 *                             entries, and verifies them with its public half.
 *   HK_WH_KEY_ED25519_PUBLIC  an Ed25519 public key ("whpk_"): verifies "v1a"
 *                             entries only.
 *
 * Keys of all types may be mixed in one keys[] array wherever the API takes
 * one (signing emits one entry per key; verification accepts a message if
 * any entry matches any key). Plain struct, fields private; may live anywhere
 * and be copied. It holds secrets (except a public key): wipe it with
 * hk_wh_key_wipe when done. A key is never modified by sign or verify, so it
 * may be shared between threads.
 */
typedef struct hk_wh_key {
    union {
        hk_hmac_sha256_key mac;
        uint8_t ed25519[HK_ED25519_SECRET_KEY_LEN];
    } k_;
    uint32_t magic_;
    uint32_t len_;
} hk_wh_key;

enum hk_wh_key_type {
    HK_WH_KEY_HMAC = 1,
    HK_WH_KEY_ED25519_SECRET = 2,
    HK_WH_KEY_ED25519_PUBLIC = 3
};

/*
 * hk_wh_key_from_secret - a key from its Standard Webhooks string form; the
 * prefix selects the type:
 *
 *   "whsec_<base64>"  HMAC secret. The base64 part must decode to
 *                     HK_WH_SECRET_MIN_BYTES..HK_WH_SECRET_MAX_BYTES bytes.
 *                     The prefix may be absent, as the reference libraries
 *                     allow (a string without any of the three prefixes is
 *                     taken as a bare HMAC secret).
 *   "whsk_<base64>"   Ed25519 secret key: exactly 64 bytes, the 32-byte seed
 *                     followed by the 32-byte public key (the layout Svix
 *                     uses, as libsodium's secret keys). The public half must
 *                     be the one the seed derives.
 *   "whpk_<base64>"   Ed25519 public key: exactly 32 bytes, a canonical
 *                     encoding of a curve point that is not of small order
 *                     (hk_ed25519_verify's rule).
 *
 * Base64 is standard with padding (RFC 4648 section 4), decoded strictly (no
 * whitespace, no missing or extra padding, no non-zero trailing bits).
 * secret[0..len) is only read during the call; decoded bytes are wiped before
 * returning.
 *
 * Returns HK_OK, or (*key is then wiped and unusable):
 *   HK_ERR_WH_SECRET    HMAC secret empty, malformed, short or too long;
 *   HK_ERR_KEY_FORMAT   "whsk_"/"whpk_" key with bad base64 or of the wrong
 *                       length, or a public key that is not a valid point;
 *   HK_ERR_KEY_MISMATCH "whsk_" key whose public half is not the seed's;
 *   HK_ERR_INVALID_ARG  key NULL, or secret NULL with len > 0.
 */
HK_API int hk_wh_key_from_secret(hk_wh_key *key, const char *secret, size_t len);

/*
 * Ed25519 keys from raw bytes (each only read during the call):
 *   hk_wh_key_from_ed25519_seed    the 32-byte seed: derives the key pair.
 *   hk_wh_key_from_ed25519_secret  seed || public key (64 bytes);
 *                                  HK_ERR_KEY_MISMATCH if the halves differ.
 *   hk_wh_key_from_ed25519_public  the 32-byte public key; HK_ERR_KEY_FORMAT
 *                                  if it is not a valid point (see above).
 * Return HK_OK or the error named (*key then wiped), or HK_ERR_INVALID_ARG
 * for a NULL pointer.
 */
HK_API int hk_wh_key_from_ed25519_seed(hk_wh_key *key, const uint8_t seed[HK_ED25519_SEED_LEN]);
HK_API int hk_wh_key_from_ed25519_secret(hk_wh_key *key,
                                         const uint8_t sk[HK_ED25519_SECRET_KEY_LEN]);
HK_API int hk_wh_key_from_ed25519_public(hk_wh_key *key,
                                         const uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN]);

/*
 * hk_wh_key_type - the type of an initialised key (enum hk_wh_key_type), or
 * HK_ERR_WH_SECRET for a key not initialised or wiped, HK_ERR_INVALID_ARG
 * for NULL.
 */
HK_API int hk_wh_key_type(const hk_wh_key *key);

/*
 * hk_wh_key_public - the "whpk_" string of an Ed25519 key (secret or
 * public), to hand to receivers. out must hold HK_WH_PUBLIC_KEY_CAP bytes; it
 * is NUL-terminated and *out_len (if not NULL) receives its length. Errors:
 * HK_ERR_WH_KEY_TYPE (an HMAC key has no public form), HK_ERR_WH_SECRET (key
 * not initialised), HK_ERR_BUFFER_TOO_SMALL, HK_ERR_INVALID_ARG.
 */
HK_API int hk_wh_key_public(const hk_wh_key *key, char *out, size_t cap, size_t *out_len);

/*
 * hk_wh_key_from_bytes - derive a key from raw secret bytes (no encoding).
 * The same length rule applies: HK_WH_SECRET_MIN_BYTES to
 * HK_WH_SECRET_MAX_BYTES bytes, else HK_ERR_WH_SECRET. bytes is only read
 * during the call. Also HK_ERR_INVALID_ARG.
 */
HK_API int hk_wh_key_from_bytes(hk_wh_key *key, const void *bytes, size_t len);

/* hk_wh_key_wipe - erase the key; it is unusable afterwards. NULL is ignored. */
HK_API void hk_wh_key_wipe(hk_wh_key *key);

/* ---- signing ---------------------------------------------------------------- */

/*
 * hk_wh_sign - the webhook-signature header value for a message: one entry
 * per key, separated by single spaces, in the order of keys[] (several keys =
 * the sender rotating its secret, or sending both schemes): an HMAC key gives
 * "v1,<base64 HMAC-SHA256>", an Ed25519 secret key "v1a,<base64 Ed25519
 * signature>" (64 bytes, RFC 8032; deterministic). The signed content is the
 * exact bytes "<id>.<timestamp>.<body>", the timestamp written in decimal,
 * for both schemes.
 *
 *   out, cap   output buffer; HK_WH_SIGNATURE_CAP(nkeys) always suffices.
 *   out_len    if not NULL, receives the length written (without the NUL), or
 *              the capacity needed on HK_ERR_BUFFER_TOO_SMALL.
 *   keys       nkeys >= 1 keys made by hk_wh_key_from_*: HMAC or Ed25519
 *              secret keys (a public key cannot sign: HK_ERR_WH_KEY_TYPE).
 *   id         the message id (webhook-id): 1..HK_WH_ID_MAX visible ASCII
 *              characters (0x21..0x7e).
 *   timestamp  Unix seconds (webhook-timestamp), >= 0.
 *   body       the exact body bytes (NULL allowed when body_len is 0).
 *
 * Errors: HK_ERR_WH_ID, HK_ERR_WH_SECRET (a key not initialised or wiped),
 * HK_ERR_WH_KEY_TYPE (a public key), HK_ERR_BUFFER_TOO_SMALL (nothing useful
 * written), HK_ERR_INVALID_ARG.
 */
HK_API int hk_wh_sign(char *out, size_t cap, size_t *out_len,
                      const hk_wh_key *keys, size_t nkeys,
                      const char *id, size_t id_len, int64_t timestamp,
                      const void *body, size_t body_len);

/* ---- verification ------------------------------------------------------------ */

/*
 * The three Standard Webhooks header values of a received request. A NULL
 * pointer means the header was absent. The strings are only read during the
 * call they are passed to (hk_wh_stream_init copies what it needs).
 */
typedef struct hk_wh_headers {
    const char *id;
    size_t id_len;
    const char *timestamp;
    size_t timestamp_len;
    const char *signature;
    size_t signature_len;
} hk_wh_headers;

/*
 * hk_wh_verify - verify a received message over its raw body bytes.
 *
 *   keys, nkeys  the receiver's keys (several during a rotation); nkeys >= 1;
 *                of any type, mixed freely: HMAC keys are checked against the
 *                v1 entries, Ed25519 keys (public, or the public half of a
 *                secret key) against the v1a entries. Any key matching any
 *                entry accepts the message.
 *   h            the header values (see hk_wh_headers).
 *   body         the raw body bytes exactly as received.
 *   now          the receiver's current Unix time in seconds.
 *   tolerance    accepted distance between now and the timestamp, in seconds,
 *                either way (HK_WH_TOLERANCE_DEFAULT = 300); a timestamp
 *                exactly `tolerance` away is accepted.
 *
 * Checks, in this order, each with its own result:
 *   HK_ERR_WH_MISSING_HEADER  a header is absent or empty;
 *   HK_ERR_WH_ID              the id has characters outside 0x21..0x7e or is
 *                             longer than HK_WH_ID_MAX;
 *   HK_ERR_WH_TIMESTAMP       the timestamp is not 1..19 decimal digits
 *                             (no sign, space or fraction) or overflows;
 *   HK_ERR_WH_TOO_OLD         timestamp < now - tolerance;
 *   HK_ERR_WH_TOO_NEW         timestamp > now + tolerance;
 *   HK_ERR_WH_SIGNATURE_FORMAT the signature list is malformed: not single
 *                             space separated "<version>,<value>" entries, a
 *                             v1 value that is not the strict base64 of 32
 *                             bytes, or a v1a value that is not the strict
 *                             base64 of 64 bytes. Entries of unknown versions
 *                             are skipped;
 *   HK_ERR_LIMIT              more than HK_WH_MAX_V1A_SIGNATURES v1a entries;
 *   HK_ERR_WH_NO_MATCH        no entry matches any key (also when the list
 *                             has no entry of a known version, or only
 *                             entries of the other scheme). A v1a signature
 *                             that fails Ed25519 verification for any reason
 *                             (non-canonical, wrong key or content) counts as
 *                             not matching.
 * Also HK_ERR_WH_SECRET (a key not initialised) and HK_ERR_INVALID_ARG.
 * HMAC comparisons are constant-time; Ed25519 verification handles public
 * data only.
 */
HK_API int hk_wh_verify(const hk_wh_key *keys, size_t nkeys, const hk_wh_headers *h,
                        const void *body, size_t body_len, int64_t now, uint32_t tolerance);

/*
 * hk_wh_verify_ignoring_timestamp - hk_wh_verify without the tolerance check,
 * for replaying stored messages or when the caller checks freshness itself.
 * The timestamp must still be present and well-formed (it is signed).
 * Same results, never HK_ERR_WH_TOO_OLD or HK_ERR_WH_TOO_NEW.
 */
HK_API int hk_wh_verify_ignoring_timestamp(const hk_wh_key *keys, size_t nkeys,
                                           const hk_wh_headers *h,
                                           const void *body, size_t body_len);

/*
 * Streaming verification: the body arrives in pieces (a 1 GiB upload verifies
 * in constant memory). Plain struct, fields private; place it anywhere (it is
 * about 6 KiB on 64-bit targets, mostly the per-pair Ed25519 hash states:
 * mind small thread stacks).
 *
 *   hk_wh_stream_init   checks the headers at once (all the header results of
 *                       hk_wh_verify, so a bad request is refused before its
 *                       body is read) and starts one HMAC per HMAC key and
 *                       one Ed25519 hash per (Ed25519 key, v1a entry) pair.
 *                       keys and h are only read during the call: the stream
 *                       copies the key states, public keys and decoded
 *                       signatures. At most HK_WH_STREAM_MAX_KEYS keys, of
 *                       which HK_WH_STREAM_MAX_ED25519_KEYS Ed25519 keys
 *                       (else HK_ERR_LIMIT), HK_WH_STREAM_MAX_SIGNATURES v1
 *                       entries (else HK_ERR_WH_SIGNATURE_FORMAT) and
 *                       HK_WH_MAX_V1A_SIGNATURES v1a entries (else
 *                       HK_ERR_LIMIT). flags: 0 or HK_WH_NO_TIMESTAMP_CHECK.
 *   hk_wh_stream_update absorbs body[0..n) (any size, including 0).
 *   hk_wh_stream_final  compares; returns HK_OK or HK_ERR_WH_NO_MATCH, and
 *                       writes the index of the matching key to *matched_key
 *                       when not NULL. Wipes the stream.
 *
 * Errors are sticky: after a failed init every update and the final return the
 * same code. hk_wh_stream_wipe erases a stream that will not be finished.
 */
typedef struct hk_wh_stream {
    int32_t err_;
    uint32_t nkeys_;
    uint32_t nsigs_;
    uint32_t magic_;
    hk_hmac_sha256_ctx mac_[HK_WH_STREAM_MAX_KEYS];
    uint8_t sig_[HK_WH_STREAM_MAX_SIGNATURES][HK_SHA256_DIGEST_LEN];
    uint32_t ned_;                                  /* Ed25519 keys */
    uint32_t nasigs_;                               /* v1a entries */
    uint32_t edkey_[HK_WH_STREAM_MAX_ED25519_KEYS]; /* their index in keys[] */
    uint32_t live_[HK_WH_STREAM_MAX_ED25519_KEYS * HK_WH_MAX_V1A_SIGNATURES];
    uint8_t pk_[HK_WH_STREAM_MAX_ED25519_KEYS][HK_ED25519_PUBLIC_KEY_LEN];
    uint8_t asig_[HK_WH_MAX_V1A_SIGNATURES][HK_ED25519_SIGNATURE_LEN];
    hk_sha512_ctx ed_[HK_WH_STREAM_MAX_ED25519_KEYS * HK_WH_MAX_V1A_SIGNATURES];
} hk_wh_stream;

HK_API int hk_wh_stream_init(hk_wh_stream *s, const hk_wh_key *keys, size_t nkeys,
                             const hk_wh_headers *h, int64_t now, uint32_t tolerance,
                             unsigned flags);
HK_API int hk_wh_stream_update(hk_wh_stream *s, const void *data, size_t n);
HK_API int hk_wh_stream_final(hk_wh_stream *s, size_t *matched_key);
HK_API void hk_wh_stream_wipe(hk_wh_stream *s);

/* ---- ids and secrets ------------------------------------------------------------ */

/*
 * hk_wh_generate_id - a new message id: "msg_" followed by 27 base62
 * characters (160 random bits) drawn from random(random_user, ...)
 * (hk_random_default when random is NULL). out must hold HK_WH_MSG_ID_CAP
 * bytes; the id is NUL-terminated and *out_len (if not NULL) receives its
 * length. Errors: the random source's error (HK_ERR_RANDOM), HK_ERR_INVALID_ARG
 * (out NULL), HK_ERR_BUFFER_TOO_SMALL.
 */
HK_API int hk_wh_generate_id(char *out, size_t cap, size_t *out_len,
                             hk_random_fn random, void *random_user);

/*
 * hk_wh_generate_secret - a new secret: "whsec_" + base64 of 32 random bytes
 * (within the spec's 24..64 bytes). out must hold HK_WH_SECRET_CAP bytes;
 * NUL-terminated. The random bytes are wiped from the stack. Same errors as
 * hk_wh_generate_id.
 */
HK_API int hk_wh_generate_secret(char *out, size_t cap, size_t *out_len,
                                 hk_random_fn random, void *random_user);

/*
 * hk_wh_generate_keypair - a new Ed25519 key pair for v1a signatures: the
 * secret key "whsk_" + base64(seed || public key) into sk (HK_WH_SECRET_KEY_CAP
 * bytes) and the public key "whpk_" + base64(public key) into pk
 * (HK_WH_PUBLIC_KEY_CAP bytes), both NUL-terminated; *sk_len / *pk_len (if
 * not NULL) receive their lengths. The 32-byte seed is drawn from
 * random(random_user, ...) (hk_random_default when random is NULL) and wiped.
 * Keep sk secret (hk_wipe it when done); give pk to the receivers.
 * Errors: the random source's error (HK_ERR_RANDOM; both outputs then hold
 * empty strings), HK_ERR_BUFFER_TOO_SMALL, HK_ERR_INVALID_ARG (sk or pk NULL).
 */
HK_API int hk_wh_generate_keypair(char *sk, size_t sk_cap, size_t *sk_len, char *pk,
                                  size_t pk_cap, size_t *pk_len, hk_random_fn random,
                                  void *random_user);

/* ---- provider schemes -------------------------------------------------------- */

/*
 * Senders whose signature schemes hooksock signs and verifies. Each one has
 * its own header names, signed content, encoding and timestamp rule:
 *
 *   HK_WH_STANDARD  webhook-id / webhook-timestamp / webhook-signature;
 *                   secret "whsec_<base64>" (strict, >= 24 bytes); +-300 s.
 *   HK_WH_SVIX      the same with svix-id / svix-timestamp / svix-signature.
 *   HK_WH_STRIPE    Stripe-Signature: t=<ts>,v1=<hex>[,v1=...][,v0=...];
 *                   HMAC-SHA256 over "<ts>.<body>" keyed with the whole secret
 *                   string (whsec_... as text); +-300 s (Stripe's libraries'
 *                   default); only v1 entries count.
 *   HK_WH_GITHUB    X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of body>; no
 *                   timestamp.
 *   HK_WH_SLACK     X-Slack-Signature: v0=<hex HMAC-SHA256 of
 *                   "v0:<ts>:<body>">, X-Slack-Request-Timestamp; +-300 s.
 *   HK_WH_SHOPIFY   X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of body>; no
 *                   timestamp.
 *   HK_WH_TWILIO    X-Twilio-Signature: base64 HMAC-SHA1 of the full URL
 *                   followed by the form parameters (decoded, sorted by name
 *                   then value, name and value concatenated); for JSON bodies
 *                   the URL carries bodySHA256=<hex SHA-256 of body>, the MAC
 *                   covers the URL alone and the body hash is checked too. No
 *                   timestamp. Needs params.url.
 *   HK_WH_ZOOM      x-zm-signature: v0=<hex HMAC-SHA256 of "v0:<ts>:<body>">,
 *                   x-zm-request-timestamp; +-300 s.
 *   HK_WH_PADDLE    Paddle-Signature: ts=<ts>;h1=<hex HMAC-SHA256 of
 *                   "<ts>:<body>">[;h1=...]; +-5 s (Paddle's recommendation).
 *   HK_WH_GENERIC   a body-only HMAC described by params.generic.
 *   HK_WH_DISCORD   X-Signature-Ed25519: <hex of the 64-byte Ed25519
 *                   signature of "<ts><body>"> (timestamp and body simply
 *                   concatenated), X-Signature-Timestamp: <ts> (Unix
 *                   seconds); +-300 s. Verify secrets are public keys: 64 hex
 *                   characters as the Developer Portal shows them, or
 *                   "whpk_<base64>". The sign secret is the private key: the
 *                   32-byte seed as 64 hex characters, seed || public key as
 *                   128 hex characters, or "whsk_<base64>".
 *
 * Standard/Svix secrets are hk_wh_key_from_secret strings (so "whsk_" keys
 * sign v1a entries and "whpk_" keys verify them). Other HMAC schemes use the
 * provider's secret string as raw key bytes; they must not be empty
 * (HK_ERR_WH_SECRET).
 */
enum hk_wh_provider {
    HK_WH_STANDARD = 1,
    HK_WH_SVIX = 2,
    HK_WH_STRIPE = 3,
    HK_WH_GITHUB = 4,
    HK_WH_SLACK = 5,
    HK_WH_SHOPIFY = 6,
    HK_WH_TWILIO = 7,
    HK_WH_ZOOM = 8,
    HK_WH_PADDLE = 9,
    HK_WH_GENERIC = 10,
    HK_WH_DISCORD = 11
};

/* Encodings and algorithms of the generic scheme. */
#define HK_WH_ENC_HEX 1u
#define HK_WH_ENC_BASE64 2u
#define HK_WH_ALG_SHA256 1u
#define HK_WH_ALG_SHA1 2u

/*
 * The generic HMAC scheme: header `header` carries prefix + encoding(HMAC(
 * secret, body)). Hex compares case-insensitively; base64 is standard with
 * padding. `size` must be sizeof(hk_wh_generic) as the caller compiled it, so
 * that the description can grow in later versions (a smaller size is
 * refused as an invalid scheme, HK_ERR_WH_PROVIDER).
 */
typedef struct hk_wh_generic {
    size_t size;            /* sizeof(hk_wh_generic) */
    const char *header;     /* e.g. "X-Signature" (required) */
    size_t header_len;
    const char *prefix;     /* e.g. "sha256=", or NULL for none */
    size_t prefix_len;
    uint32_t encoding;      /* HK_WH_ENC_HEX or HK_WH_ENC_BASE64 */
    uint32_t algorithm;     /* HK_WH_ALG_SHA256 or HK_WH_ALG_SHA1 */
} hk_wh_generic;

/* A secret as a (pointer, length) string. */
typedef struct hk_wh_secret {
    const char *data;
    size_t len;
} hk_wh_secret;

/*
 * A header field: name (matched case-insensitively) and value. The same type
 * as the HTTP layer's, so the headers of a request parsed by
 * hk_http_parse_head() can be passed as they are.
 */
typedef hk_http_header hk_wh_header;

/*
 * Parameters of hk_wh_provider_sign / hk_wh_provider_verify. Fill with
 * hk_wh_provider_params_init (which sets `size`, zeroes the rest), then set
 * what the scheme needs. Every pointer is only read during the call.
 */
typedef struct hk_wh_provider_params {
    size_t size;                   /* sizeof(hk_wh_provider_params) */
    int provider;                  /* enum hk_wh_provider */
    const hk_wh_secret *secrets;   /* nsecrets >= 1; verify: any may match;
                                      sign: schemes with several signatures
                                      (standard, svix, stripe, paddle) emit one
                                      per secret, the others use secrets[0] */
    size_t nsecrets;
    int64_t now;                   /* verify: current Unix time, seconds */
    uint32_t tolerance;            /* verify: seconds; 0 = the scheme's default */
    uint32_t flags;                /* HK_WH_NO_TIMESTAMP_CHECK */
    int64_t timestamp;             /* sign: Unix seconds for timestamped schemes */
    const char *id;                /* sign: message id (standard, svix) */
    size_t id_len;
    const char *url;               /* Twilio: the full request URL */
    size_t url_len;
    uint32_t json;                 /* sign, Twilio: JSON body (bodySHA256 in url;
                                      appended when absent, see sign) */
    uint32_t reserved_;
    const hk_wh_generic *generic;  /* HK_WH_GENERIC */
} hk_wh_provider_params;

HK_API void hk_wh_provider_params_init(hk_wh_provider_params *p, int provider);

/*
 * hk_wh_provider_from_name - "standard", "svix", "stripe", "github", "slack",
 * "shopify", "twilio", "zoom", "paddle", "generic", "discord" (exact, lower
 * case) to the
 * enum value; HK_ERR_WH_PROVIDER for anything else.
 * hk_wh_provider_name - the reverse; NULL for an unknown value.
 */
HK_API int hk_wh_provider_from_name(const char *name, size_t len);
HK_API const char *hk_wh_provider_name(int provider);

/*
 * hk_wh_provider_verify - verify a request signed by p->provider.
 *
 *   headers[0..nheaders)  the request's header fields (names compared
 *                         case-insensitively; the first field of a name
 *                         counts).
 *   body                  the raw body bytes exactly as received.
 *
 * Results as for hk_wh_verify: HK_OK, HK_ERR_WH_MISSING_HEADER,
 * HK_ERR_WH_TIMESTAMP, HK_ERR_WH_TOO_OLD, HK_ERR_WH_TOO_NEW,
 * HK_ERR_WH_SIGNATURE_FORMAT (header present but not the scheme's syntax),
 * HK_ERR_WH_NO_MATCH, HK_ERR_WH_SECRET, HK_ERR_WH_ID; HK_ERR_WH_PROVIDER
 * (unknown provider, or HK_WH_GENERIC without a valid p->generic);
 * HK_ERR_INVALID_ARG (Twilio without url, NULL pointers, size too small);
 * HK_ERR_LIMIT (Twilio: more than 1024 form parameters; a malformed form
 * body is HK_ERR_WH_SIGNATURE_FORMAT; Standard: see hk_wh_verify);
 * HK_ERR_KEY_FORMAT / HK_ERR_KEY_MISMATCH (a malformed Ed25519 key: Discord,
 * or "whsk_"/"whpk_" keys for Standard/Svix).
 */
HK_API int hk_wh_provider_verify(const hk_wh_provider_params *p,
                                 const hk_wh_header *headers, size_t nheaders,
                                 const void *body, size_t body_len);

/* Capacity for hk_wh_provider_sign's buffer with n secrets (Twilio: add the
 * URL's length). */
#define HK_WH_PROVIDER_SIGN_CAP(n) (128u + (size_t)(n) * 100u + 2048u)
/* Most header fields a scheme emits. */
#define HK_WH_PROVIDER_MAX_HEADERS 3u

/*
 * hk_wh_provider_sign - the header fields p->provider's sender would send for
 * body. Writes up to HK_WH_PROVIDER_MAX_HEADERS entries to out[]; their names
 * are static strings, their values point into buf[0..cap) (NUL-terminated).
 * *nout receives the number of fields. Timestamped schemes use p->timestamp;
 * standard and svix need p->id. Twilio signs p->url: with p->json it signs
 * the url with "bodySHA256=<hex>" appended (after '?' or '&') unless the url
 * already carries one; the url actually signed is written into buf too and
 * returned in *signed_url / *signed_url_len when those are not NULL (Twilio
 * only; set to NULL/0 otherwise).
 * Errors: HK_ERR_BUFFER_TOO_SMALL, HK_ERR_WH_SECRET, HK_ERR_WH_ID,
 * HK_ERR_WH_PROVIDER, HK_ERR_INVALID_ARG (also: Twilio url carrying a
 * bodySHA256 that is not this body's), HK_ERR_WH_SIGNATURE_FORMAT (Twilio:
 * malformed form body), HK_ERR_KEY_FORMAT / HK_ERR_KEY_MISMATCH (a malformed
 * Ed25519 private key), HK_ERR_WH_KEY_TYPE (a public key given to sign).
 */
HK_API int hk_wh_provider_sign(const hk_wh_provider_params *p, const void *body,
                               size_t body_len, hk_wh_header *out, size_t *nout,
                               char *buf, size_t cap,
                               const char **signed_url, size_t *signed_url_len);

/* ---- receiving through the HTTP layer ---------------------------------------- */

/*
 * hk_wh_headers_from_http - pick the Standard Webhooks header values out of
 * parsed header fields: webhook-id, webhook-timestamp and webhook-signature,
 * or, when none of those three is present, svix-id, svix-timestamp and
 * svix-signature. Names compare case-insensitively; the first field of a name
 * counts. Absent values are left NULL/0. The pointers in *out point into
 * headers[] (and so into the caller's request buffer). Returns HK_OK or
 * HK_ERR_INVALID_ARG.
 */
HK_API int hk_wh_headers_from_http(const hk_http_header *headers, size_t num_headers,
                                   hk_wh_headers *out);

/*
 * hk_wh_verify_request - verify a request parsed by hk_http_parse_head():
 * takes the signature headers from req->headers (see hk_wh_headers_from_http)
 * and verifies them over body[0..body_len), the raw body bytes exactly as
 * received (after removing the chunked framing, which hk_http_body_next()
 * does; never a re-serialised form). now/tolerance as for hk_wh_verify.
 * req must be a request (HK_ERR_INVALID_ARG otherwise). Results as
 * hk_wh_verify.
 *
 * For bodies that arrive in pieces, combine hk_wh_headers_from_http with
 * hk_wh_stream_init / update / final instead.
 */
HK_API int hk_wh_verify_request(const hk_wh_key *keys, size_t nkeys, const hk_http_message *req,
                                const void *body, size_t body_len, int64_t now,
                                uint32_t tolerance);

/* ---- delivery (sans-IO) -------------------------------------------------------- */

/*
 * The classes of an endpoint's answer (hk_wh_classify):
 *   HK_WH_CLASS_DELIVERED  2xx: done
 *   HK_WH_CLASS_GONE       410 Gone: the endpoint is retired; stop for good
 *   HK_WH_CLASS_SLOW_DOWN  429, 502, 503, 504: retry later, honouring
 *                          Retry-After when the response carries one
 *   HK_WH_CLASS_RETRY      anything else (other 1xx/3xx/4xx/5xx), and a
 *                          timeout, connection error or malformed response
 */
enum hk_wh_class {
    HK_WH_CLASS_DELIVERED = 1,
    HK_WH_CLASS_GONE = 2,
    HK_WH_CLASS_SLOW_DOWN = 3,
    HK_WH_CLASS_RETRY = 4
};

/* hk_wh_classify - the class of an HTTP status code (any int). */
HK_API int hk_wh_classify(int status);

/*
 * The state of a delivery, as returned by hk_wh_delivery_state() and by the
 * calls that end an attempt:
 *   HK_WH_PENDING    an attempt is due (at hk_wh_delivery_next()) or running
 *   HK_WH_DELIVERED  the endpoint answered 2xx: finished
 *   HK_WH_GONE       the endpoint answered 410: finished, do not retry
 *   HK_WH_RETRY      the attempt failed; the next one is due at
 *                    hk_wh_delivery_next()
 *   HK_WH_GIVE_UP    the attempt failed and the schedule is exhausted:
 *                    finished
 */
enum hk_wh_state {
    HK_WH_PENDING = 0,
    HK_WH_DELIVERED = 1,
    HK_WH_GONE = 2,
    HK_WH_RETRY = 3,
    HK_WH_GIVE_UP = 4
};

/* Default retry schedule (Svix's): immediately, 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h: 8 attempts. Values are milliseconds before each attempt,
 * counted from the end of the previous one (the first from creation). */
#define HK_WH_SCHEDULE_DEFAULT_LEN 8u
#define HK_WH_SCHEDULE_MAX_LEN 64u
#define HK_WH_JITTER_DEFAULT 20u              /* percent, either way */
#define HK_WH_MAX_RETRY_AFTER_DEFAULT 86400u  /* seconds: cap of Retry-After */
#define HK_WH_MAX_RESPONSE_HEAD 16384u        /* bytes of response head kept */

/*
 * Delivery configuration. Fill with hk_wh_delivery_config_init() (defaults),
 * then change fields. Pointers are only read by hk_wh_delivery_create (the
 * schedule is copied).
 *
 *   allocator        NULL: hk_allocator_default()
 *   random           jitter source (hk_random_default when NULL). If it
 *                    fails, that delay is used without jitter.
 *   schedule_ms      delays in milliseconds before each attempt (entry 0:
 *                    the first attempt, counted from creation); its length
 *                    is the number of attempts, 1..HK_WH_SCHEDULE_MAX_LEN.
 *                    NULL: the default schedule.
 *   jitter_percent   0..100: each delay is drawn uniformly within
 *                    +-jitter_percent of its value (default 20).
 *   max_retry_after  seconds; a longer Retry-After is cut to it.
 *   content_type     NULL: "application/json".
 */
typedef struct hk_wh_delivery_config {
    size_t size;
    const hk_allocator *allocator;
    hk_random_fn random;
    void *random_user;
    const uint32_t *schedule_ms;
    size_t schedule_len;
    uint32_t jitter_percent;
    uint32_t max_retry_after;
    const char *content_type;
    size_t content_type_len;
} hk_wh_delivery_config;

HK_API void hk_wh_delivery_config_init(hk_wh_delivery_config *cfg);

/* An opaque delivery: one message to one endpoint, all its attempts. */
typedef struct hk_wh_delivery hk_wh_delivery;

/*
 * hk_wh_delivery_create - start delivering one message.
 *
 *   cfg          configuration or NULL for the defaults.
 *   url          http:// or https:// endpoint (hk_http_parse_url rules).
 *   keys         1 to 16 signing keys, HMAC or Ed25519 secret keys (several =
 *                one entry each, during a rotation; more: HK_ERR_LIMIT; a
 *                public key: HK_ERR_WH_KEY_TYPE); copied.
 *   id           the message id (same on every attempt), or NULL to
 *                generate one with hk_wh_generate_id and cfg->random.
 *   body         the payload; copied.
 *   extra        extra header fields sent on every attempt (copied), e.g. an
 *                Authorization. They may replace Content-Type and User-Agent;
 *                Host, Content-Length, Transfer-Encoding and the webhook-*
 *                fields are the delivery's own (HK_ERR_INVALID_ARG).
 *   now_ms       current time, Unix milliseconds.
 *
 * Everything is copied into memory from cfg->allocator, so no argument needs
 * to outlive the call. Returns HK_OK with *out set, or HK_ERR_NOMEM,
 * HK_ERR_HTTP_URL, HK_ERR_WH_ID, HK_ERR_WH_SECRET, HK_ERR_RANDOM,
 * HK_ERR_HTTP_HEADER_NAME / _HEADER_VALUE (a bad extra field),
 * HK_ERR_INVALID_ARG (NULL pointers, bad schedule or jitter).
 */
HK_API int hk_wh_delivery_create(hk_wh_delivery **out, const hk_wh_delivery_config *cfg,
                                 const char *url, size_t url_len, const hk_wh_key *keys,
                                 size_t nkeys, const char *id, size_t id_len, const void *body,
                                 size_t body_len, const hk_http_header *extra, size_t nextra,
                                 int64_t now_ms);

/* hk_wh_delivery_destroy - free everything (keys wiped). NULL is ignored. */
HK_API void hk_wh_delivery_destroy(hk_wh_delivery *d);

/*
 * hk_wh_delivery_endpoint - where to connect: host (no brackets for IPv6,
 * not NUL-terminated), port, and whether TLS is needed. Pointers stay valid
 * until destroy. Returns HK_OK or HK_ERR_INVALID_ARG.
 */
HK_API int hk_wh_delivery_endpoint(const hk_wh_delivery *d, const char **host, size_t *host_len,
                                   uint16_t *port, int *secure);

/* hk_wh_delivery_id - the message id (NUL-terminated, lives until destroy). */
HK_API const char *hk_wh_delivery_id(const hk_wh_delivery *d);

/*
 * hk_wh_delivery_begin - start an attempt at now_ms: builds the complete
 * HTTP/1.1 POST (Host, Content-Type, Content-Length, User-Agent
 * "hooksock/<version>", webhook-id, webhook-timestamp = now_ms / 1000,
 * webhook-signature, the extra fields, the body) and points *req at it
 * (valid until the next begin or destroy). Send it on a fresh connection,
 * then pass the response to hk_wh_delivery_feed(), or report a failure with
 * hk_wh_delivery_fail(). Starting before hk_wh_delivery_next() is allowed
 * (a manual retry). Returns HK_OK, HK_ERR_STATE when the delivery is
 * finished (DELIVERED, GONE, GIVE_UP), HK_ERR_INVALID_ARG.
 */
HK_API int hk_wh_delivery_begin(hk_wh_delivery *d, int64_t now_ms, const uint8_t **req,
                                size_t *req_len);

/*
 * hk_wh_delivery_feed - response bytes of the running attempt (any split).
 * Returns HK_ERR_NEED_MORE until the response head is complete, then the new
 * state: HK_WH_DELIVERED, HK_WH_GONE, HK_WH_RETRY or HK_WH_GIVE_UP (the
 * response body is not needed: close the connection). A malformed response
 * counts as a failed attempt (hk_wh_delivery_last_error() tells why). 1xx
 * interim responses are skipped. Feeding after the attempt ended returns
 * the state again; without a running attempt, HK_ERR_STATE.
 */
HK_API int hk_wh_delivery_feed(hk_wh_delivery *d, const void *data, size_t len, int64_t now_ms);

/*
 * hk_wh_delivery_fail - the running attempt failed without a usable response:
 * err is why (HK_ERR_TIMEOUT, HK_ERR_IO, HK_ERR_EOF for a connection closed
 * before the response head, ...; kept for hk_wh_delivery_last_error()).
 * Returns HK_WH_RETRY or HK_WH_GIVE_UP, or HK_ERR_STATE without a running
 * attempt.
 */
HK_API int hk_wh_delivery_fail(hk_wh_delivery *d, int err, int64_t now_ms);

/*
 * hk_wh_delivery_next - the state; for HK_WH_PENDING and HK_WH_RETRY,
 * *when_ms (if not NULL) receives when the next attempt is due (Unix ms).
 */
HK_API int hk_wh_delivery_next(const hk_wh_delivery *d, int64_t *when_ms);

/* hk_wh_delivery_state - the state alone (hk_wh_state). */
HK_API int hk_wh_delivery_state(const hk_wh_delivery *d);

/* hk_wh_delivery_attempts - attempts begun so far. */
HK_API unsigned hk_wh_delivery_attempts(const hk_wh_delivery *d);

/* hk_wh_delivery_status - HTTP status of the last response (0 if none). */
HK_API int hk_wh_delivery_status(const hk_wh_delivery *d);

/* hk_wh_delivery_last_error - why the last attempt failed (HK_OK if it did
 * not fail, or answered with a status). */
HK_API int hk_wh_delivery_last_error(const hk_wh_delivery *d);

/* hk_wh_delivery_retry_after - the Retry-After of the last response in
 * seconds, or -1 if it had none (or a malformed one). */
HK_API int64_t hk_wh_delivery_retry_after(const hk_wh_delivery *d);

#ifdef __cplusplus
}
#endif

#endif /* HOOKSOCK_WEBHOOK_H */
