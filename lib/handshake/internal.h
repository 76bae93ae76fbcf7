/*
 * handshake/internal.h - helpers shared by the files of lib/handshake.
 * Not installed.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HK_HANDSHAKE_INTERNAL_H
#define HK_HANDSHAKE_INTERNAL_H

#include "base/internal.h"
#include "hooksock/handshake.h"

/* 1 if key[0..key_len) is the strict base64 of exactly 16 bytes. */
HK_INTERNAL int hk__hs_key_valid(const char *key, size_t key_len);

/* Count the tokens of a list: value[0..len), or every field `name` of
 * headers[0..n) when headers is not NULL. HK_ERR_HTTP_LIST if an element is
 * not a token, or (dup_check) repeats an earlier one. */
HK_INTERNAL hk_ssize hk__hs_token_list_count(const char *value, size_t len,
                                             const hk_http_header *headers, size_t n,
                                             const char *name, size_t name_len, int dup_check);

/* 1 if the token list (as above) contains tok (case-sensitive), 0 if not,
 * HK_ERR_HTTP_LIST if malformed. */
HK_INTERNAL int hk__hs_token_list_has(const char *value, size_t len, const hk_http_header *headers,
                                      size_t n, const char *name, size_t name_len,
                                      const char *tok, size_t tok_len);

/* Count the elements of an extension list (RFC 6455 section 9.1), a value
 * or every Sec-WebSocket-Extensions field; HK_ERR_HTTP_LIST if malformed. */
HK_INTERNAL hk_ssize hk__hs_ext_list_count(const char *value, size_t len,
                                           const hk_http_header *headers, size_t n);

/* The leading token (extension name) of an extension list element. */
HK_INTERNAL int hk__hs_ext_name(const char *elem, size_t elem_len, const char **name,
                                size_t *name_len);

#endif /* HK_HANDSHAKE_INTERNAL_H */
