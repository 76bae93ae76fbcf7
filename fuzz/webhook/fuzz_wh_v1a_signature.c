/*
 * fuzz_wh_v1a_signature - mixed v1/v1a signature lists. The input is
 * "<timestamp>\n<signature list>\n<body>" (missing parts are empty); the
 * receiver holds an HMAC key and two Ed25519 keys (a public key and a secret
 * key). One-shot and streaming verification must agree, and so must the
 * order of the keys for HK_OK. Seeds carry the Svix v1a known answer.
 */
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const secrets[3] = {
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=",
        "whsk_rPl8ECmOpFm4Kutdb1J1bcqyPPbD8jvVH5CaV+2ST6sOW+OYF2Tyv8dHCQFPHrDmdVbGdx7eEcwXTCXxeOfAWA==",
    };
    const char *p = (const char *)data, *end = p + size, *nl;
    hk_wh_key keys[3], rev[3];
    hk_wh_headers h;
    hk_wh_stream s;
    const char *body;
    size_t body_len, i, which = 99;
    int a, b, c;
    for (i = 0; i < 3; i++) {
        if (hk_wh_key_from_secret(&keys[i], secrets[i], strlen(secrets[i])) != HK_OK)
            abort();
        rev[2 - i] = keys[i];
    }
    memset(&h, 0, sizeof h);
    h.id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    h.id_len = strlen(h.id);
    nl = memchr(p, '\n', (size_t)(end - p));
    h.timestamp = p;
    h.timestamp_len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    p = nl ? nl + 1 : end;
    nl = memchr(p, '\n', (size_t)(end - p));
    h.signature = p;
    h.signature_len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    p = nl ? nl + 1 : end;
    body = p;
    body_len = (size_t)(end - p);
    a = hk_wh_verify(keys, 3, &h, body, body_len, 1614265330, 300);
    b = hk_wh_stream_init(&s, keys, 3, &h, 1614265330, 300, 0);
    if (b == HK_OK) {
        size_t third = body_len / 3;
        if (hk_wh_stream_update(&s, body, third) != HK_OK ||
            hk_wh_stream_update(&s, body + third, body_len - third) != HK_OK)
            abort();
        b = hk_wh_stream_final(&s, &which);
        if (b == HK_OK && which > 2)
            abort();
    }
    /* the stream refuses more than 16 v1 entries; otherwise both agree */
    if (a != b && !(b == HK_ERR_WH_SIGNATURE_FORMAT && a != HK_ERR_WH_SIGNATURE_FORMAT))
        abort();
    c = hk_wh_verify(rev, 3, &h, body, body_len, 1614265330, 300);
    if (a != c)
        abort();
    /* a v1a-only receiver never accepts what only the HMAC key matches, and
     * the other way round: the matching key decides */
    if (a == HK_OK) {
        int hm = hk_wh_verify(keys, 1, &h, body, body_len, 1614265330, 300);
        int ed = hk_wh_verify(keys + 1, 2, &h, body, body_len, 1614265330, 300);
        if (hm != HK_OK && ed != HK_OK)
            abort();
        if (which == 0 && hm != HK_OK)
            abort();
        if (which != 0 && (hm == HK_OK || ed != HK_OK))
            abort();
    }
    for (i = 0; i < 3; i++)
        hk_wh_key_wipe(&keys[i]);
    return 0;
}
