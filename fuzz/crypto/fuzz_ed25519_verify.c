/*
 * Fuzz target: hk_ed25519_verify on arbitrary input laid out as
 * public key (32) || signature (64) || message (rest). It must never crash,
 * must return HK_OK or one of its documented errors, and, when built with
 * libsodium (HK_FUZZ_SODIUM), must accept exactly what libsodium's
 * crypto_sign_verify_detached accepts (hooksock follows its policy on
 * non-canonical and small-order encodings). Seeds: the RFC 8032 section 7.1
 * vectors and edge cases in fuzz/corpus/ed25519_verify/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <hooksock.h>

#ifdef HK_FUZZ_SODIUM
#  include <sodium.h>
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int rc;
    if (size < 96)
        return 0;
    rc = hk_ed25519_verify(data + 32, data + 96, size - 96, data);
    if (rc != HK_OK && rc != HK_ERR_SIGNATURE && rc != HK_ERR_SIGNATURE_ENCODING &&
        rc != HK_ERR_KEY_FORMAT)
        abort();
#ifdef HK_FUZZ_SODIUM
    {
        static int ready;
        int theirs;
        if (!ready) {
            if (sodium_init() < 0)
                abort();
            ready = 1;
        }
        theirs = crypto_sign_verify_detached(data + 32, data + 96, size - 96, data);
        if ((rc == HK_OK) != (theirs == 0)) {
            fprintf(stderr, "disagreement: hooksock %s, libsodium %d\n", hk_error_name(rc),
                    theirs);
            abort();
        }
    }
#endif
    return 0;
}
