/*
 * fuzz_wh_signature - the Standard Webhooks header parsers: the input is
 * "<timestamp>\n<signature list>\n<body>" (missing parts are empty), checked
 * by one-shot and streaming verification, which must agree.
 */
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char secret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const char *p = (const char *)data, *end = p + size, *nl;
    hk_wh_key key;
    hk_wh_headers h;
    hk_wh_stream s;
    const char *body;
    size_t body_len;
    int a, b, c;
    if (hk_wh_key_from_secret(&key, secret, sizeof secret - 1) != HK_OK)
        abort();
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
    a = hk_wh_verify(&key, 1, &h, body, body_len, 1614265330, 300);
    b = hk_wh_stream_init(&s, &key, 1, &h, 1614265330, 300, 0);
    if (b == HK_OK) {
        size_t half = body_len / 2;
        if (hk_wh_stream_update(&s, body, half) != HK_OK ||
            hk_wh_stream_update(&s, body + half, body_len - half) != HK_OK)
            abort();
        b = hk_wh_stream_final(&s, NULL);
    }
    /* the stream refuses more than 16 v1 entries; otherwise both agree */
    if (a != b && !(b == HK_ERR_WH_SIGNATURE_FORMAT && a != HK_ERR_WH_SIGNATURE_FORMAT))
        abort();
    c = hk_wh_verify_ignoring_timestamp(&key, 1, &h, body, body_len);
    if (a == HK_OK && c != HK_OK)
        abort();
    if (a < HK_ERR_FATAL_MIN + 1 && a != HK_OK && hk_strerror(a)[0] == '\0')
        abort();
    hk_wh_key_wipe(&key);
    return 0;
}
