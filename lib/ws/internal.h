/*
 * ws/internal.h - shared between the WebSocket codec and connection engine.
 * Not installed.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HK_WS_INTERNAL_H
#define HK_WS_INTERNAL_H

#include "base/internal.h"
#include "hooksock/ws.h"

/*
 * hk__ws_xor - dst[i] = src[i] ^ key[(phase + i) & 3] for i < len, a vector
 * or word at a time (dst == src allowed, other overlap not). key NULL means
 * no masking (a plain copy, or nothing when dst == src). Returns non-zero if
 * any resulting byte has its high bit set (i.e. the bytes are not all
 * ASCII), so text can skip UTF-8 validation of pure-ASCII runs in the same
 * pass.
 */
HK_INTERNAL unsigned hk__ws_xor(uint8_t *dst, const uint8_t *src, size_t len, const uint8_t *key,
                                unsigned phase);

/* 1 if the payload opcode is a control frame. */
#define HK_WS_IS_CONTROL(op) (((op) & 0x8) != 0)

#endif /* HK_WS_INTERNAL_H */
