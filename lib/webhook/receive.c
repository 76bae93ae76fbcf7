/*
 * receive.c - Standard Webhooks verification of requests parsed by the HTTP
 * layer.
 *
 * SPDX-License-Identifier: MIT
 */
#include "webhook/internal.h"

HK_API int hk_wh_headers_from_http(const hk_http_header *headers, size_t num_headers,
                                   hk_wh_headers *out)
{
    static const char *const fam[2][3] = {
        {"webhook-id", "webhook-timestamp", "webhook-signature"},
        {"svix-id", "svix-timestamp", "svix-signature"},
    };
    int f;
    if (out == NULL || (headers == NULL && num_headers > 0))
        return HK_ERR_INVALID_ARG;
    memset(out, 0, sizeof *out);
    for (f = 0; f < 2; f++) {
        const hk_wh_header *id = hk__wh_find(headers, num_headers, fam[f][0]);
        const hk_wh_header *ts = hk__wh_find(headers, num_headers, fam[f][1]);
        const hk_wh_header *sig = hk__wh_find(headers, num_headers, fam[f][2]);
        if (id == NULL && ts == NULL && sig == NULL)
            continue;
        if (id != NULL) {
            out->id = id->value;
            out->id_len = id->value_len;
        }
        if (ts != NULL) {
            out->timestamp = ts->value;
            out->timestamp_len = ts->value_len;
        }
        if (sig != NULL) {
            out->signature = sig->value;
            out->signature_len = sig->value_len;
        }
        break;
    }
    return HK_OK;
}

HK_API int hk_wh_verify_request(const hk_wh_key *keys, size_t nkeys, const hk_http_message *req,
                                const void *body, size_t body_len, int64_t now,
                                uint32_t tolerance)
{
    hk_wh_headers h;
    int rc;
    if (req == NULL || req->kind != HK_HTTP_REQUEST)
        return HK_ERR_INVALID_ARG;
    rc = hk_wh_headers_from_http(req->headers, req->num_headers, &h);
    if (rc != HK_OK)
        return rc;
    return hk_wh_verify(keys, nkeys, &h, body, body_len, now, tolerance);
}
