/*
 * fuzz_wh_provider - every provider's header parser. Input:
 * "<header value>\n<second value>\n<body>". For each scheme the first value
 * goes into its signature header, the second into its timestamp header (and
 * is the Twilio URL); the body is the payload (a form body for Twilio).
 * A signature made by hk_wh_provider_sign for the same body must verify.
 * Discord (Ed25519) gets the first value as X-Signature-Ed25519 and the
 * second as X-Signature-Timestamp.
 */
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const sig_names[] = {
    NULL, "webhook-signature", "svix-signature", "Stripe-Signature", "X-Hub-Signature-256",
    "X-Slack-Signature", "X-Shopify-Hmac-Sha256", "X-Twilio-Signature", "x-zm-signature",
    "Paddle-Signature", "X-Sig",
};
static const char *const ts_names[] = {
    NULL, "webhook-timestamp", "svix-timestamp", "X-Unused", "X-Unused",
    "X-Slack-Request-Timestamp", "X-Unused", "X-Unused", "x-zm-request-timestamp",
    "X-Unused", "X-Unused",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size, *nl;
    const char *v1, *v2, *body;
    size_t v1n, v2n, body_len;
    int prov;
    nl = memchr(p, '\n', (size_t)(end - p));
    v1 = p;
    v1n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    p = nl ? nl + 1 : end;
    nl = memchr(p, '\n', (size_t)(end - p));
    v2 = p;
    v2n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    p = nl ? nl + 1 : end;
    body = p;
    body_len = (size_t)(end - p);
    for (prov = HK_WH_STANDARD; prov <= HK_WH_GENERIC; prov++) {
        hk_wh_provider_params prm;
        hk_wh_secret sec = {"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", 38};
        hk_wh_generic g = {sizeof(hk_wh_generic), "X-Sig", 5, "sha256=", 7, HK_WH_ENC_HEX,
                           HK_WH_ALG_SHA256};
        hk_http_header h[3], out[HK_WH_PROVIDER_MAX_HEADERS];
        char buf[HK_WH_PROVIDER_SIGN_CAP(1) + 64];
        size_t n = 0;
        int rc;
        hk_wh_provider_params_init(&prm, prov);
        prm.secrets = &sec;
        prm.nsecrets = 1;
        prm.now = 1614265330;
        prm.generic = &g;
        prm.url = v2n ? v2 : "https://example.com/";
        prm.url_len = v2n ? v2n : strlen(prm.url);
        h[0].name = sig_names[prov];
        h[0].name_len = strlen(sig_names[prov]);
        h[0].value = v1;
        h[0].value_len = v1n;
        h[1].name = ts_names[prov];
        h[1].name_len = strlen(ts_names[prov]);
        h[1].value = v2;
        h[1].value_len = v2n;
        h[2].name = prov == HK_WH_SVIX ? "svix-id" : "webhook-id";
        h[2].name_len = strlen(h[2].name);
        h[2].value = "msg_1";
        h[2].value_len = 5;
        rc = hk_wh_provider_verify(&prm, h, 3, body, body_len);
        if (rc > 0 || (rc == HK_OK && prov != HK_WH_TWILIO && v1n < 8))
            abort();
        /* a fresh signature over the same body verifies */
        prm.timestamp = 1614265330;
        prm.id = "msg_1";
        prm.id_len = 5;
        if (prm.url_len > 1024)
            continue;
        rc = hk_wh_provider_sign(&prm, body, body_len, out, &n, buf, sizeof buf, NULL, NULL);
        if (rc == HK_OK) {
            if (hk_wh_provider_verify(&prm, out, n, body, body_len) != HK_OK)
                abort();
        } else if (prov != HK_WH_TWILIO) {
            abort();
        }
    }
    /* Discord: Ed25519, a public key to verify and the private key to sign
     * (RFC 8032 TEST 1 pair) */
    {
        static const char pk[] = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
        static const char seed[] = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
        hk_wh_provider_params prm;
        hk_wh_secret sec = {pk, 64};
        hk_http_header h[2], out[HK_WH_PROVIDER_MAX_HEADERS];
        char buf[HK_WH_PROVIDER_SIGN_CAP(1)];
        size_t n = 0;
        int rc;
        hk_wh_provider_params_init(&prm, HK_WH_DISCORD);
        prm.secrets = &sec;
        prm.nsecrets = 1;
        prm.now = 1614265330;
        h[0].name = "X-Signature-Ed25519";
        h[0].name_len = strlen(h[0].name);
        h[0].value = v1;
        h[0].value_len = v1n;
        h[1].name = "X-Signature-Timestamp";
        h[1].name_len = strlen(h[1].name);
        h[1].value = v2;
        h[1].value_len = v2n;
        rc = hk_wh_provider_verify(&prm, h, 2, body, body_len);
        if (rc > 0 || (rc == HK_OK && v1n != 128))
            abort();
        sec.data = seed;
        prm.timestamp = 1614265330;
        if (hk_wh_provider_sign(&prm, body, body_len, out, &n, buf, sizeof buf, NULL, NULL) !=
            HK_OK)
            abort();
        sec.data = pk;
        if (hk_wh_provider_verify(&prm, out, n, body, body_len) != HK_OK)
            abort();
    }
    return 0;
}
