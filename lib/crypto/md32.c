/*
 * crypto/md32.c - block buffering and padding shared by SHA-1 and SHA-256.
 *
 * SPDX-License-Identifier: MIT
 */
#include "crypto/internal.h"

HK_INTERNAL void hk__md32_update(uint32_t *h, uint8_t buf[64], uint32_t *buflen, uint64_t *total,
                                 hk__md32_blocks_fn blocks, const void *data, size_t n)
{
    const uint8_t *p = data;
    if (n == 0)
        return;
    *total += (uint64_t)n;
    if (*buflen > 0) {
        size_t take = 64 - *buflen;
        if (take > n)
            take = n;
        memcpy(buf + *buflen, p, take);
        *buflen += (uint32_t)take;
        p += take;
        n -= take;
        if (*buflen < 64)
            return;
        blocks(h, buf, 1);
        *buflen = 0;
    }
    if (n >= 64) {
        size_t nb = n / 64;
        blocks(h, p, nb);
        p += nb * 64;
        n -= nb * 64;
    }
    if (n > 0) {
        memcpy(buf, p, n);
        *buflen = (uint32_t)n;
    }
}

HK_INTERNAL void hk__md32_final(uint32_t *h, size_t nwords, uint8_t buf[64], uint32_t buflen,
                                uint64_t total, hk__md32_blocks_fn blocks, uint8_t *out)
{
    /* FIPS 180-4 section 5.1.1: 0x80, zeros, 64-bit big-endian bit length. */
    size_t i, len = buflen;
    buf[len++] = 0x80;
    if (len > 56) {
        memset(buf + len, 0, 64 - len);
        blocks(h, buf, 1);
        len = 0;
    }
    memset(buf + len, 0, 56 - len);
    hk__store64_be(buf + 56, total << 3);
    blocks(h, buf, 1);
    for (i = 0; i < nwords; i++)
        hk__store32_be(out + 4 * i, h[i]);
}
