/*
 * crypto/encoding.c - base64 (RFC 4648 sections 4 and 5) and hex (RFC 4648
 * section 8, either case on input).
 *
 * Decoding is strict: every byte string has exactly one accepted encoding
 * per flag set (RFC 4648 section 3.5, canonical encoding; section 3.3, no
 * characters outside the alphabet). Errors are reported in this order of
 * precedence, so that the code reported for a bad input does not depend on
 * the size of the output buffer:
 *   1. the first character in the data part that is not in the alphabet
 *      (HK_ERR_BASE64_CHAR), or a '=' before the final run of '='
 *      (HK_ERR_BASE64_PADDING);
 *   2. a data length that no encoding has, 4k+1 (HK_ERR_BASE64_LENGTH);
 *   3. wrong, partial, missing or forbidden padding (HK_ERR_BASE64_PADDING);
 *   4. non-zero unused bits in the last character (HK_ERR_BASE64_TRAILING_BITS);
 *   5. HK_ERR_BUFFER_TOO_SMALL.
 *
 * The default base64 path is table-driven; HK_BASE64_CT selects arithmetic
 * character mapping for secrets. Hex always uses the arithmetic mapping.
 *
 * SPDX-License-Identifier: MIT
 */
#include "crypto/internal.h"

#define HK_B64_FLAGS \
    (HK_BASE64_URL | HK_BASE64_NOPAD | HK_BASE64_PAD_OPTIONAL | HK_BASE64_CT)
#define HK_B64_BAD 0x80u /* bit set in a decode-table entry: not a digit */
#define HK_B64_PAD 0x81u /* decode-table entry of '=' */

static const char base64_std_alpha[65] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char base64_url_alpha[65] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Character -> 6-bit value; HK_B64_BAD for anything else, HK_B64_PAD for '='. */
static const uint8_t base64_std_dec[256] = {
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x3e, 0x80, 0x80, 0x80, 0x3f,
    0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x80, 0x80, 0x80, 0x81, 0x80, 0x80,
    0x80, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e,
    0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
};

static const uint8_t base64_url_dec[256] = {
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x3e, 0x80, 0x80,
    0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x80, 0x80, 0x80, 0x81, 0x80, 0x80,
    0x80, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e,
    0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x80, 0x80, 0x80, 0x80, 0x3f,
    0x80, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
};

/* ---- constant-time character mapping (HK_BASE64_CT) ---------------------------
 * For secrets: no table index and no branch depends on a data byte. Each
 * class test is arithmetic on 32-bit values whose bit 8 is the sign of a
 * difference of two numbers in 0..255. */

/* 1 if lo <= c <= hi, else 0 (c, lo, hi in 0..255). */
static uint32_t b64ct_in(uint32_t c, uint32_t lo, uint32_t hi)
{
    return (((lo - 1 - c) & (c - hi - 1)) >> 8) & 1;
}

/* The 6-bit value of character c, with bit 8 set if c is not a digit of the
 * alphabet ('=' included). */
static uint32_t b64ct_value(uint32_t c, uint32_t c62, uint32_t c63)
{
    uint32_t m, v = 0, ok = 0;
    m = b64ct_in(c, 'A', 'Z');
    ok |= m;
    v |= (0u - m) & (c - 'A');
    m = b64ct_in(c, 'a', 'z');
    ok |= m;
    v |= (0u - m) & (c - 'a' + 26);
    m = b64ct_in(c, '0', '9');
    ok |= m;
    v |= (0u - m) & (c - '0' + 52);
    m = b64ct_in(c, c62, c62);
    ok |= m;
    v |= (0u - m) & 62u;
    m = b64ct_in(c, c63, c63);
    ok |= m;
    v |= (0u - m) & 63u;
    return v | ((ok ^ 1u) << 8);
}

/* The character of 6-bit value v. */
static char b64ct_char(uint32_t v, uint32_t c62, uint32_t c63)
{
    uint32_t c = ((0u - b64ct_in(v, 0, 25)) & (v + 'A')) |
                 ((0u - b64ct_in(v, 26, 51)) & (v - 26 + 'a')) |
                 ((0u - b64ct_in(v, 52, 61)) & (v - 52 + '0')) |
                 ((0u - b64ct_in(v, 62, 62)) & c62) | ((0u - b64ct_in(v, 63, 63)) & c63);
    return (char)c;
}

/* Encode whole groups and the tail of s[0..n) into out; returns the count. */
static size_t b64ct_encode(char *out, const uint8_t *s, size_t n, unsigned flags)
{
    uint32_t c62 = (flags & HK_BASE64_URL) ? '-' : '+', c63 = (flags & HK_BASE64_URL) ? '_' : '/';
    size_t i, o = 0;
    for (i = 0; i + 3 <= n; i += 3, o += 4) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        out[o + 0] = b64ct_char(v >> 18, c62, c63);
        out[o + 1] = b64ct_char((v >> 12) & 63, c62, c63);
        out[o + 2] = b64ct_char((v >> 6) & 63, c62, c63);
        out[o + 3] = b64ct_char(v & 63, c62, c63);
    }
    if (n - i > 0) {
        uint32_t v = (uint32_t)s[i] << 16 | (n - i == 2 ? (uint32_t)s[i + 1] << 8 : 0);
        out[o++] = b64ct_char(v >> 18, c62, c63);
        out[o++] = b64ct_char((v >> 12) & 63, c62, c63);
        if (n - i == 2)
            out[o++] = b64ct_char((v >> 6) & 63, c62, c63);
        else if (!(flags & HK_BASE64_NOPAD))
            out[o++] = '=';
        if (!(flags & HK_BASE64_NOPAD))
            out[o++] = '=';
    }
    return o;
}

/* Decode the data part s[0..m) (m % 4 != 1) into out; returns non-zero if
 * any character is not a digit. The length and the position of padding are
 * public; only the character values are treated as secret. */
static uint32_t b64ct_decode(uint8_t *out, const uint8_t *s, size_t m, unsigned flags)
{
    uint32_t c62 = (flags & HK_BASE64_URL) ? '-' : '+', c63 = (flags & HK_BASE64_URL) ? '_' : '/';
    uint32_t bad = 0;
    size_t i, o = 0, rem = m % 4;
    for (i = 0; i + 4 <= m; i += 4, o += 3) {
        uint32_t a = b64ct_value(s[i], c62, c63), b = b64ct_value(s[i + 1], c62, c63);
        uint32_t c = b64ct_value(s[i + 2], c62, c63), d = b64ct_value(s[i + 3], c62, c63);
        uint32_t v = (a & 63) << 18 | (b & 63) << 12 | (c & 63) << 6 | (d & 63);
        bad |= a | b | c | d;
        out[o + 0] = (uint8_t)(v >> 16);
        out[o + 1] = (uint8_t)(v >> 8);
        out[o + 2] = (uint8_t)v;
    }
    if (rem > 1) {
        uint32_t a = b64ct_value(s[i], c62, c63), b = b64ct_value(s[i + 1], c62, c63);
        uint32_t c = rem == 3 ? b64ct_value(s[i + 2], c62, c63) : 0;
        uint32_t v = (a & 63) << 18 | (b & 63) << 12 | (c & 63) << 6;
        bad |= a | b | c;
        out[o] = (uint8_t)(v >> 16);
        if (rem == 3)
            out[o + 1] = (uint8_t)(v >> 8);
    }
    return bad >> 8;
}

/* ---- sizes, encode, decode ------------------------------------------------------ */

size_t hk_base64_encoded_len(size_t n, unsigned flags)
{
    size_t q = n / 3, r = n % 3;
    size_t tail = r == 0 ? 0 : (flags & HK_BASE64_NOPAD) ? r + 1 : 4;
    if (q > (SIZE_MAX - tail) / 4)
        return 0;
    return 4 * q + tail;
}

size_t hk_base64_decoded_max(size_t n)
{
    /* 4 characters -> 3 bytes; a final 2 or 3 characters -> 1 or 2 bytes. */
    return n / 4 * 3 + (n % 4 * 3) / 4;
}

int hk_base64_encode(char *out, size_t out_cap, const void *in, size_t n, unsigned flags,
                     size_t *out_len)
{
    const uint8_t *s = in;
    const char *alpha;
    size_t need, i, o = 0;
    if ((flags & ~(unsigned)HK_B64_FLAGS) != 0 || (in == NULL && n > 0) ||
        (out == NULL && out_cap > 0))
        return HK_ERR_INVALID_ARG;
    need = hk_base64_encoded_len(n, flags);
    if (need == 0 && n > 0)
        return HK_ERR_OVERFLOW;
    if (out_cap < need) {
        if (out_len != NULL)
            *out_len = need;
        return HK_ERR_BUFFER_TOO_SMALL;
    }
    if (flags & HK_BASE64_CT) {
        o = b64ct_encode(out, s, n, flags);
        if (out_len != NULL)
            *out_len = o;
        return HK_OK;
    }
    alpha = (flags & HK_BASE64_URL) ? base64_url_alpha : base64_std_alpha;
    /* Two groups of 3 bytes per step, then one. */
    for (i = 0; i + 6 <= n; i += 6, o += 8) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        uint32_t u = (uint32_t)s[i + 3] << 16 | (uint32_t)s[i + 4] << 8 | s[i + 5];
        out[o + 0] = alpha[v >> 18];
        out[o + 1] = alpha[(v >> 12) & 63];
        out[o + 2] = alpha[(v >> 6) & 63];
        out[o + 3] = alpha[v & 63];
        out[o + 4] = alpha[u >> 18];
        out[o + 5] = alpha[(u >> 12) & 63];
        out[o + 6] = alpha[(u >> 6) & 63];
        out[o + 7] = alpha[u & 63];
    }
    for (; i + 3 <= n; i += 3, o += 4) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        out[o + 0] = alpha[v >> 18];
        out[o + 1] = alpha[(v >> 12) & 63];
        out[o + 2] = alpha[(v >> 6) & 63];
        out[o + 3] = alpha[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)s[i] << 16;
        out[o++] = alpha[v >> 18];
        out[o++] = alpha[(v >> 12) & 63];
        if (!(flags & HK_BASE64_NOPAD)) {
            out[o++] = '=';
            out[o++] = '=';
        }
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8;
        out[o++] = alpha[v >> 18];
        out[o++] = alpha[(v >> 12) & 63];
        out[o++] = alpha[(v >> 6) & 63];
        if (!(flags & HK_BASE64_NOPAD))
            out[o++] = '=';
    }
    if (out_len != NULL)
        *out_len = o;
    return HK_OK;
}

/* The error for the first non-digit in s[from..m), or HK_OK if there is none. */
static int base64_scan(const uint8_t *tab, const uint8_t *s, size_t from, size_t m)
{
    size_t i;
    for (i = from; i < m; i++) {
        unsigned v = tab[s[i]];
        if (v & HK_B64_BAD)
            return v == HK_B64_PAD ? HK_ERR_BASE64_PADDING : HK_ERR_BASE64_CHAR;
    }
    return HK_OK;
}

int hk_base64_decode(uint8_t *out, size_t out_cap, const char *in, size_t n, unsigned flags,
                     size_t *out_len)
{
    const uint8_t *s = (const uint8_t *)in;
    const uint8_t *tab;
    size_t pad = 0, m, rem, need, i, o;
    int err = HK_OK;

    if ((flags & ~(unsigned)HK_B64_FLAGS) != 0 ||
        ((flags & HK_BASE64_NOPAD) && (flags & HK_BASE64_PAD_OPTIONAL)) ||
        (in == NULL && n > 0) || (out == NULL && out_cap > 0))
        return HK_ERR_INVALID_ARG;
    tab = (flags & HK_BASE64_URL) ? base64_url_dec : base64_std_dec;

    /* Split into data and the final run of '='. */
    while (pad < n && s[n - 1 - pad] == '=')
        pad++;
    m = n - pad;
    rem = m % 4;
    need = m / 4 * 3 + (rem > 1 ? rem - 1 : 0);

    if (rem == 1) {
        err = HK_ERR_BASE64_LENGTH;
    } else if (pad > 0) {
        /* Exactly the padding that completes the last quantum, when allowed. */
        if ((flags & HK_BASE64_NOPAD) || rem == 0 || pad != 4 - rem)
            err = HK_ERR_BASE64_PADDING;
    } else if (rem != 0 && !(flags & (HK_BASE64_NOPAD | HK_BASE64_PAD_OPTIONAL))) {
        err = HK_ERR_BASE64_PADDING; /* padding required but missing */
    }
    if (err == HK_OK && rem > 1) {
        /* RFC 4648 section 3.5: the pad bits of the last character are zero. */
        uint32_t last;
        if (flags & HK_BASE64_CT) {
            uint32_t c62 = (flags & HK_BASE64_URL) ? '-' : '+';
            uint32_t c63 = (flags & HK_BASE64_URL) ? '_' : '/';
            last = b64ct_value(s[m - 1], c62, c63);
            last = (last & 0x100u) ? HK_B64_BAD : last;
        } else {
            last = tab[s[m - 1]];
        }
        if (!(last & HK_B64_BAD) && (last & (rem == 2 ? 0x0fu : 0x03u)) != 0)
            err = HK_ERR_BASE64_TRAILING_BITS;
    }
    if (err == HK_OK && need > out_cap)
        err = HK_ERR_BUFFER_TOO_SMALL;
    if (err != HK_OK) {
        int c = base64_scan(tab, s, 0, m);
        if (c != HK_OK)
            return c;
        if (err == HK_ERR_BUFFER_TOO_SMALL && out_len != NULL)
            *out_len = need;
        return err;
    }

    if (flags & HK_BASE64_CT) {
        /* Only an invalid input takes the table path, to name its error. */
        if (b64ct_decode(out, s, m, flags) != 0)
            return base64_scan(tab, s, 0, m);
        if (out_len != NULL)
            *out_len = need;
        return HK_OK;
    }

    /* Whole quanta, two per step: one validity test per 8 characters. */
    i = 0;
    o = 0;
    for (; i + 8 <= m - rem; i += 8, o += 6) {
        unsigned a = tab[s[i]], b = tab[s[i + 1]], c = tab[s[i + 2]], d = tab[s[i + 3]];
        unsigned e = tab[s[i + 4]], f = tab[s[i + 5]], g = tab[s[i + 6]], h = tab[s[i + 7]];
        uint32_t v, u;
        if ((a | b | c | d | e | f | g | h) & HK_B64_BAD)
            return base64_scan(tab, s, i, m);
        v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | d;
        u = (uint32_t)e << 18 | (uint32_t)f << 12 | (uint32_t)g << 6 | h;
        out[o + 0] = (uint8_t)(v >> 16);
        out[o + 1] = (uint8_t)(v >> 8);
        out[o + 2] = (uint8_t)v;
        out[o + 3] = (uint8_t)(u >> 16);
        out[o + 4] = (uint8_t)(u >> 8);
        out[o + 5] = (uint8_t)u;
    }
    for (; i + 4 <= m - rem; i += 4, o += 3) {
        unsigned a = tab[s[i]], b = tab[s[i + 1]], c = tab[s[i + 2]], d = tab[s[i + 3]];
        uint32_t v;
        if ((a | b | c | d) & HK_B64_BAD)
            return base64_scan(tab, s, i, m);
        v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | d;
        out[o + 0] = (uint8_t)(v >> 16);
        out[o + 1] = (uint8_t)(v >> 8);
        out[o + 2] = (uint8_t)v;
    }
    if (rem > 1) {
        unsigned a = tab[s[i]], b = tab[s[i + 1]], c = rem == 3 ? tab[s[i + 2]] : 0;
        uint32_t v;
        if ((a | b | c) & HK_B64_BAD)
            return base64_scan(tab, s, i, m);
        v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6;
        out[o++] = (uint8_t)(v >> 16);
        if (rem == 3)
            out[o++] = (uint8_t)(v >> 8);
    }
    if (out_len != NULL)
        *out_len = o;
    return HK_OK;
}

/* ---- hex ------------------------------------------------------------------------ */

/*
 * Hex often carries secrets and MACs (a signature header compared with the
 * hex of the expected HMAC), so both directions use arithmetic instead of
 * tables: no memory access and no branch depends on a data value.
 */

/* Value of hex digit c (either case), with bit 8 set if c is not one. */
static uint32_t hex_value(uint32_t c)
{
    uint32_t m, v = 0, ok = 0;
    m = b64ct_in(c, '0', '9');
    ok |= m;
    v |= (0u - m) & (c - '0');
    m = b64ct_in(c, 'a', 'f');
    ok |= m;
    v |= (0u - m) & (c - 'a' + 10);
    m = b64ct_in(c, 'A', 'F');
    ok |= m;
    v |= (0u - m) & (c - 'A' + 10);
    return v | ((ok ^ 1u) << 8);
}

/* Lower-case digit of nibble v: '0' + v, plus 39 more when v > 9 (bit 8 of
 * 9 - v is set exactly then). */
static char hex_digit(uint32_t v)
{
    return (char)(v + '0' + (((9u - v) >> 8) & ('a' - '0' - 10)));
}

void hk_hex_encode(char *out, const void *in, size_t n)
{
    const uint8_t *s = in;
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = hex_digit((uint32_t)s[i] >> 4);
        out[2 * i + 1] = hex_digit((uint32_t)s[i] & 15);
    }
}

int hk_hex_decode(uint8_t *out, size_t out_cap, const char *in, size_t n, size_t *out_len)
{
    const uint8_t *s = (const uint8_t *)in;
    uint32_t bad = 0;
    size_t i;
    int err = HK_OK;
    if ((in == NULL && n > 0) || (out == NULL && out_cap > 0))
        return HK_ERR_INVALID_ARG;
    /* Same precedence as base64: a bad character first, then the length,
     * then the buffer. */
    if (n % 2 != 0)
        err = HK_ERR_HEX_LENGTH;
    else if (out_cap < n / 2)
        err = HK_ERR_BUFFER_TOO_SMALL;
    if (err != HK_OK) {
        for (i = 0; i < n; i++)
            bad |= hex_value(s[i]);
        if (bad & 0x100u)
            return HK_ERR_HEX_CHAR;
        if (err == HK_ERR_BUFFER_TOO_SMALL && out_len != NULL)
            *out_len = n / 2;
        return err;
    }
    for (i = 0; i < n / 2; i++) {
        uint32_t hi = hex_value(s[2 * i]), lo = hex_value(s[2 * i + 1]);
        bad |= hi | lo;
        out[i] = (uint8_t)((hi & 15) << 4 | (lo & 15));
    }
    if (bad & 0x100u)
        return HK_ERR_HEX_CHAR;
    if (out_len != NULL)
        *out_len = n / 2;
    return HK_OK;
}

#undef HK_B64_FLAGS
#undef HK_B64_BAD
#undef HK_B64_PAD
