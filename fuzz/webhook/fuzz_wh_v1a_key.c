/*
 * fuzz_wh_v1a_key - the whsk_/whpk_ key decoder. The input is a key string
 * (seeds start with "whsk_" or "whpk_"; any other input is tried behind both
 * prefixes). Whatever it is, the result is either a usable key that matches
 * an independent decoding, or HK_ERR_KEY_FORMAT / HK_ERR_KEY_MISMATCH with
 * the key wiped to zeros; never a weak or half-made key.
 */
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_one(const char *s, size_t n)
{
    static const uint8_t zero[sizeof(hk_wh_key)];
    hk_wh_key key;
    uint8_t raw[80];
    size_t got = 0;
    int sk = s[2] == 's', rc, dec;
    memset(&key, 0x5a, sizeof key);
    rc = hk_wh_key_from_secret(&key, s, n);
    dec = hk_base64_decode(raw, sizeof raw, s + 5, n - 5, HK_BASE64_STD, &got);
    if (rc != HK_OK) {
        if (rc != HK_ERR_KEY_FORMAT && !(sk && rc == HK_ERR_KEY_MISMATCH))
            abort();
        if (memcmp(&key, zero, sizeof key) != 0 || hk_wh_key_type(&key) != HK_ERR_WH_SECRET)
            abort();
        /* a well-formed secret key is refused only for mismatched halves */
        if (sk && dec == HK_OK && got == 64) {
            uint8_t pk[32], full[64];
            if (hk_ed25519_keypair(pk, full, raw) != HK_OK || rc != HK_ERR_KEY_MISMATCH ||
                memcmp(pk, raw + 32, 32) == 0)
                abort();
        }
        return;
    }
    /* accepted: strict base64 of exactly 64 / 32 bytes */
    if (dec != HK_OK || got != (sk ? 64u : 32u))
        abort();
    if (hk_wh_key_type(&key) != (sk ? HK_WH_KEY_ED25519_SECRET : HK_WH_KEY_ED25519_PUBLIC))
        abort();
    {
        char pub[HK_WH_PUBLIC_KEY_CAP], expect[HK_WH_PUBLIC_KEY_CAP];
        size_t len = 0, elen = 0;
        const uint8_t *pk = sk ? raw + 32 : raw;
        if (hk_wh_key_public(&key, pub, sizeof pub, &len) != HK_OK)
            abort();
        memcpy(expect, "whpk_", 5);
        if (hk_base64_encode(expect + 5, sizeof expect - 5, pk, 32, HK_BASE64_STD, &elen) !=
                HK_OK ||
            len != 5 + elen || memcmp(pub, expect, len) != 0)
            abort();
        if (sk) {
            /* halves match, and the key signs what its public key verifies */
            uint8_t pk2[32], full[64];
            char sig[HK_WH_SIGNATURE_CAP(1)];
            hk_wh_key pubkey;
            hk_wh_headers h;
            if (hk_ed25519_keypair(pk2, full, raw) != HK_OK || memcmp(pk2, raw + 32, 32) != 0)
                abort();
            if (hk_wh_sign(sig, sizeof sig, NULL, &key, 1, "m", 1, 1, s, n) != HK_OK ||
                hk_wh_key_from_secret(&pubkey, pub, len) != HK_OK)
                abort();
            memset(&h, 0, sizeof h);
            h.id = "m";
            h.id_len = 1;
            h.timestamp = "1";
            h.timestamp_len = 1;
            h.signature = sig;
            h.signature_len = strlen(sig);
            if (hk_wh_verify_ignoring_timestamp(&pubkey, 1, &h, s, n) != HK_OK)
                abort();
        } else {
            /* a public key cannot sign, and is a valid point */
            char sig[HK_WH_SIGNATURE_CAP(1)];
            static const uint8_t zsig[64];
            if (hk_wh_sign(sig, sizeof sig, NULL, &key, 1, "m", 1, 1, "", 0) != HK_ERR_WH_KEY_TYPE)
                abort();
            if (hk_ed25519_verify(zsig, NULL, 0, raw) == HK_ERR_KEY_FORMAT)
                abort();
        }
    }
    hk_wh_key_wipe(&key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[200];
    if (size >= 5 && (memcmp(data, "whsk_", 5) == 0 || memcmp(data, "whpk_", 5) == 0)) {
        check_one((const char *)data, size);
        return 0;
    }
    if (size > sizeof buf - 5)
        return 0;
    memcpy(buf, "whsk_", 5);
    memcpy(buf + 5, data, size);
    check_one(buf, size + 5);
    memcpy(buf, "whpk_", 5);
    check_one(buf, size + 5);
    /* raw bytes: 32 as seed and as public key, 64 as seed || public key */
    if (size == 32 || size == 64) {
        hk_wh_key k;
        uint8_t b[64];
        memcpy(b, data, size);
        if (size == 32) {
            if (hk_wh_key_from_ed25519_seed(&k, b) != HK_OK)
                abort();
            hk_wh_key_wipe(&k);
            (void)hk_wh_key_from_ed25519_public(&k, b);
        } else {
            int rc = hk_wh_key_from_ed25519_secret(&k, b);
            if (rc != HK_OK && rc != HK_ERR_KEY_MISMATCH)
                abort();
        }
        hk_wh_key_wipe(&k);
    }
    return 0;
}
