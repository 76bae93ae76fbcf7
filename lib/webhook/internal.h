/*
 * webhook/internal.h - helpers shared by the webhook sources. Not installed.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HK_WEBHOOK_INTERNAL_H
#define HK_WEBHOOK_INTERNAL_H

#include "base/internal.h"
#include "crypto/internal.h"
#include "hooksock/crypto.h"
#include "hooksock/webhook.h"

/* Mark an initialised hk_wh_key (one value per type) / hk_wh_stream. */
#define HK_WH_KEY_MAGIC 0x6b687731u      /* HMAC */
#define HK_WH_KEY_MAGIC_EDSK 0x6b68736bu /* Ed25519 secret key */
#define HK_WH_KEY_MAGIC_EDPK 0x6b68706bu /* Ed25519 public key */
#define HK_WH_STREAM_MAGIC 0x73687731u

/* The type of a key (enum hk_wh_key_type), 0 if not initialised. */
HK_INTERNAL int hk__wh_key_kind(const hk_wh_key *key);

/* The Ed25519 public key of an Ed25519 key, NULL for other keys. */
HK_INTERNAL const uint8_t *hk__wh_key_pk(const hk_wh_key *key);

/* Ed25519-verify sig over the concatenation of m[0..nm) under pk: HK_OK or
 * the hk_ed25519_verify error. */
HK_INTERNAL int hk__wh_ed_verify(const uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN],
                                 const uint8_t sig[HK_ED25519_SIGNATURE_LEN],
                                 const hk__piece *m, size_t nm);

/* Parse a Unix timestamp: 1..19 ASCII digits, value <= INT64_MAX.
 * Returns HK_OK or HK_ERR_WH_TIMESTAMP. */
HK_INTERNAL int hk__wh_parse_timestamp(const char *s, size_t n, int64_t *out);

/* Check ts against now +- tolerance: HK_OK, HK_ERR_WH_TOO_OLD or
 * HK_ERR_WH_TOO_NEW. */
HK_INTERNAL int hk__wh_check_time(int64_t ts, int64_t now, uint32_t tolerance);

/* Write v >= 0 in decimal to out (at least 20 bytes); returns the length. */
HK_INTERNAL size_t hk__wh_format_u64(char *out, uint64_t v);

/* ASCII case-insensitive equality of a[0..an) and the NUL-terminated b. */
HK_INTERNAL int hk__wh_name_eq(const char *a, size_t an, const char *b);

/* The first header field named `name` (case-insensitive), or NULL. */
HK_INTERNAL const hk_wh_header *hk__wh_find(const hk_wh_header *h, size_t n,
                                            const char *name);

/* Message id rule: 1..HK_WH_ID_MAX characters in 0x21..0x7e. */
HK_INTERNAL int hk__wh_id_ok(const char *id, size_t n);

#endif /* HK_WEBHOOK_INTERNAL_H */
