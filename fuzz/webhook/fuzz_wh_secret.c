/*
 * fuzz_wh_secret - the secret decoder: whatever the input, either a key of
 * 24..256 bytes that round-trips, or HK_ERR_WH_SECRET and an unusable key
 * (whsk_/whpk_ strings: an Ed25519 key or a key error).
 */
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hk_wh_key key, again;
    char sig[HK_WH_SIGNATURE_CAP(1)], sig2[HK_WH_SIGNATURE_CAP(1)];
    int rc = hk_wh_key_from_secret(&key, (const char *)data, size);
    if (size >= 5 && (memcmp(data, "whsk_", 5) == 0 || memcmp(data, "whpk_", 5) == 0)) {
        /* Ed25519 keys: checked in depth by fuzz_wh_v1a_key */
        if (rc != HK_OK && rc != HK_ERR_KEY_FORMAT && rc != HK_ERR_KEY_MISMATCH)
            abort();
        if ((rc == HK_OK) != (hk_wh_key_type(&key) > 0))
            abort();
        hk_wh_key_wipe(&key);
        return 0;
    }
    if (rc == HK_OK) {
        /* it must be whsec_ + strict padded base64 of 24..256 bytes: decode
         * independently of the key code and compare signatures */
        const char *s = (const char *)data;
        size_t n = size, got = 0;
        uint8_t raw[300];
        if (n >= 6 && memcmp(s, "whsec_", 6) == 0) {
            s += 6;
            n -= 6;
        }
        if (hk_base64_decode(raw, sizeof raw, s, n, HK_BASE64_STD, &got) != HK_OK || got < 24 ||
            got > 256)
            abort();
        if (hk_wh_key_from_bytes(&again, raw, got) != HK_OK)
            abort();
        if (hk_wh_sign(sig, sizeof sig, NULL, &key, 1, "m", 1, 1, data, size) != HK_OK ||
            hk_wh_sign(sig2, sizeof sig2, NULL, &again, 1, "m", 1, 1, data, size) != HK_OK ||
            strcmp(sig, sig2) != 0)
            abort();
        hk_wh_key_wipe(&again);
    } else {
        if (rc != HK_ERR_WH_SECRET && !(rc == HK_ERR_INVALID_ARG && data == NULL))
            abort();
        if (hk_wh_sign(sig, sizeof sig, NULL, &key, 1, "m", 1, 1, "", 0) != HK_ERR_WH_SECRET)
            abort();
    }
    hk_wh_key_wipe(&key);
    return 0;
}
