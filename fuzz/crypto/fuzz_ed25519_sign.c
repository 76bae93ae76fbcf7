/*
 * Fuzz target: seed (32) || message (rest). Key generation and signing must
 * never crash, the signature must verify, and with libsodium (HK_FUZZ_SODIUM)
 * the public key and the signature must be byte-identical to libsodium's
 * (Ed25519 signing is deterministic, RFC 8032 section 5.1.6).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

#ifdef HK_FUZZ_SODIUM
#  include <sodium.h>
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t pk[32], sk[64], sig[64];
    if (size < 32)
        return 0;
    if (hk_ed25519_keypair(pk, sk, data) != HK_OK)
        abort();
    if (hk_ed25519_sign(sig, data + 32, size - 32, sk) != HK_OK)
        abort();
    if (hk_ed25519_verify(sig, data + 32, size - 32, pk) != HK_OK)
        abort();
#ifdef HK_FUZZ_SODIUM
    {
        static int ready;
        uint8_t spk[32], ssk[64], ssig[64];
        if (!ready) {
            if (sodium_init() < 0)
                abort();
            ready = 1;
        }
        if (crypto_sign_seed_keypair(spk, ssk, data) != 0 ||
            crypto_sign_detached(ssig, NULL, data + 32, size - 32, ssk) != 0)
            abort();
        if (memcmp(pk, spk, 32) != 0 || memcmp(sig, ssig, 64) != 0)
            abort();
    }
#endif
    return 0;
}
