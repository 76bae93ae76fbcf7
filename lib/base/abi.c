/*
 * base/abi.c - what a binding asks the library it loaded: is it the
 * version it was written for, and how large are the plain structs it must
 * allocate (hk_version_compatible, hk_type_size).
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "base/internal.h"
#include "hooksock/crypto.h"
#include "hooksock/utf8.h"
#include "hooksock/http.h"
#include "hooksock/ws.h"
#include "hooksock/handshake.h"
#include "hooksock/webhook.h"

int hk_version_compatible(uint32_t header_version)
{
    uint32_t lib = (uint32_t)HK_VERSION_NUMBER;
    uint32_t major = (header_version >> 16) & 0xffu;
    uint32_t minor = (header_version >> 8) & 0xffu;

    if (header_version > 0xffffffu)
        return 0;
    if (major != (uint32_t)HK_VERSION_MAJOR)
        return 0;
    /* Before 1.0 every minor release may change the ABI (semver 2.0.0,
     * item 4), so 0.x needs the same minor; from 1.0 on a newer minor only
     * adds. A library older than the header may lack what the caller uses. */
    if (major == 0 && minor != (uint32_t)HK_VERSION_MINOR)
        return 0;
    return header_version <= lib ? 1 : 0;
}

#define HK_ABI_TYPE(t) { #t, sizeof(t) }
static const struct {
    const char *name;
    size_t size;
} hk_abi_types[] = {
    HK_ABI_TYPE(hk_allocator),
    HK_ABI_TYPE(hk_sha1_ctx),
    HK_ABI_TYPE(hk_sha256_ctx),
    HK_ABI_TYPE(hk_sha512_ctx),
    HK_ABI_TYPE(hk_hmac_sha256_key),
    HK_ABI_TYPE(hk_hmac_sha256_ctx),
    HK_ABI_TYPE(hk_hmac_sha1_key),
    HK_ABI_TYPE(hk_hmac_sha1_ctx),
    HK_ABI_TYPE(hk_utf8_state),
    HK_ABI_TYPE(hk_http_header),
    HK_ABI_TYPE(hk_http_parser_options),
    HK_ABI_TYPE(hk_http_message),
    HK_ABI_TYPE(hk_http_parser),
    HK_ABI_TYPE(hk_http_list_iter),
    HK_ABI_TYPE(hk_http_param_iter),
    HK_ABI_TYPE(hk_http_url),
    HK_ABI_TYPE(hk_http_builder),
    HK_ABI_TYPE(hk_http_request_spec),
    HK_ABI_TYPE(hk_http_response_spec),
    HK_ABI_TYPE(hk_ws_frame_header),
    HK_ABI_TYPE(hk_ws_config),
    HK_ABI_TYPE(hk_ws_request),
    HK_ABI_TYPE(hk_ws_accept_spec),
    HK_ABI_TYPE(hk_ws_client_spec),
    HK_ABI_TYPE(hk_ws_client_result),
    HK_ABI_TYPE(hk_ws_response),
    HK_ABI_TYPE(hk_ws_session_config),
    HK_ABI_TYPE(hk_wh_key),
    HK_ABI_TYPE(hk_wh_headers),
    HK_ABI_TYPE(hk_wh_stream),
    HK_ABI_TYPE(hk_wh_generic),
    HK_ABI_TYPE(hk_wh_secret),
    HK_ABI_TYPE(hk_wh_provider_params),
    HK_ABI_TYPE(hk_wh_delivery_config),
};
#undef HK_ABI_TYPE

size_t hk_type_size(const char *name)
{
    size_t i;

    if (name == NULL)
        return 0;
    for (i = 0; i < sizeof(hk_abi_types) / sizeof(hk_abi_types[0]); i++) {
        if (strcmp(name, hk_abi_types[i].name) == 0)
            return hk_abi_types[i].size;
    }
    return 0;
}
