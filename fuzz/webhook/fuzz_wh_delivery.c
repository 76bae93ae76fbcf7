/*
 * fuzz_wh_delivery - the delivery engine's response handling: the input is
 * fed as response bytes in two pieces (split at the first byte's value);
 * the outcome must be a state, never a crash, and the same for any split.
 */
#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int feed(const uint8_t *data, size_t size, size_t split)
{
    static const char secret[] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static const uint32_t sched[] = {0, 1000};
    hk_wh_delivery_config cfg;
    hk_wh_delivery *d = NULL;
    hk_wh_key k;
    const uint8_t *req;
    size_t len;
    int rc;
    if (hk_wh_key_from_secret(&k, secret, sizeof secret - 1) != HK_OK)
        abort();
    hk_wh_delivery_config_init(&cfg);
    cfg.schedule_ms = sched;
    cfg.schedule_len = 2;
    cfg.jitter_percent = 0;
    if (hk_wh_delivery_create(&d, &cfg, "http://127.0.0.1:9/x", 20, &k, 1, "msg_1", 5, "{}", 2,
                              NULL, 0, 1700000000000LL) != HK_OK)
        abort();
    if (hk_wh_delivery_begin(d, 1700000000000LL, &req, &len) != HK_OK)
        abort();
    rc = hk_wh_delivery_feed(d, data, split, 1700000000000LL);
    if (rc == HK_ERR_NEED_MORE)
        rc = hk_wh_delivery_feed(d, data + split, size - split, 1700000000000LL);
    if (rc == HK_ERR_NEED_MORE)
        rc = hk_wh_delivery_fail(d, HK_ERR_EOF, 1700000000000LL);
    if (rc != HK_WH_DELIVERED && rc != HK_WH_GONE && rc != HK_WH_RETRY)
        abort();
    hk_wh_delivery_destroy(d);
    hk_wh_key_wipe(&k);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t split = size ? data[0] % (size + 1) : 0;
    if (feed(data, size, split) != feed(data, size, size))
        abort();
    return 0;
}
