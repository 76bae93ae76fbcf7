/*
 * hooksock/utf8.h - UTF-8 validation (RFC 3629, Unicode 15 table 3-7).
 *
 * Valid means: no overlong forms, no surrogates (U+D800..U+DFFF), nothing
 * above U+10FFFF, no stray continuation bytes, no C0/C1/F5..FF lead bytes.
 * The first invalid byte is the first byte that cannot continue any valid
 * sequence given everything before it (so "F4 90" fails at the 90, and
 * "E2 82 41" fails at the 41).
 *
 * The incremental validator carries its state between calls, so input may be
 * split anywhere, including inside a multi-byte sequence. It allocates
 * nothing. ASCII runs are checked a machine word (or vector) at a time.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_UTF8_H
#define HOOKSOCK_UTF8_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Incremental validator state. Fields are private. Zero-filled == initial. */
typedef struct hk_utf8_state {
    uint32_t state_;
    uint32_t reserved_;
} hk_utf8_state;

/* Reset to the initial state (at a character boundary). */
HK_API void hk_utf8_init(hk_utf8_state *st);

/*
 * hk_utf8_update - validate the next n bytes of a stream.
 *
 * Returns HK_OK if every byte so far is part of a valid prefix (the input may
 * end inside a sequence; see hk_utf8_final), or HK_ERR_UTF8_INVALID with
 * *bad_offset (if not NULL) set to the offset within p[0..n) of the first
 * invalid byte. After HK_ERR_UTF8_INVALID the state is sticky: every later
 * update returns HK_ERR_UTF8_INVALID with *bad_offset 0, until
 * hk_utf8_init. p may be NULL when n is 0.
 */
HK_API int hk_utf8_update(hk_utf8_state *st, const void *p, size_t n, size_t *bad_offset);

/*
 * hk_utf8_final - whether the stream may end here: HK_OK at a character
 * boundary, HK_ERR_UTF8_INCOMPLETE inside a sequence, HK_ERR_UTF8_INVALID if
 * an earlier update failed. Does not change the state.
 */
HK_API int hk_utf8_final(const hk_utf8_state *st);

/*
 * hk_utf8_validate - one-shot validation of p[0..n).
 * Returns HK_OK, HK_ERR_UTF8_INVALID (first bad byte at *bad_offset) or
 * HK_ERR_UTF8_INCOMPLETE (input ends inside a sequence; *bad_offset is the
 * offset of that sequence's lead byte).
 */
HK_API int hk_utf8_validate(const void *p, size_t n, size_t *bad_offset);

#ifdef __cplusplus
}
#endif

#endif /* HOOKSOCK_UTF8_H */
