/*
 * http/internal.h - shared tables and helpers of the HTTP/1.1 module.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HK_HTTP_INTERNAL_H
#define HK_HTTP_INTERNAL_H

#include "base/internal.h"
#include "hooksock/http.h"

/*
 * Character classes (RFC 9110 section 5.6.2 tchar, 5.5 field-vchar, RFC 9112
 * section 7.1 chunk-size HEXDIG). One table, one load per byte.
 *   TCHAR   token characters
 *   VALUE   field-vchar or SP: 0x20-0x7E and obs-text 0x80-0xFF (HTAB is
 *           valid in values too but kept out so the fast loops stop on it)
 *   VCHAR   0x21-0x7E (request-target, version)
 *   HEX     hexadecimal digits
 *   CTL     control characters other than HTAB: 0x00-0x08, 0x0A-0x1F, 0x7F
 *   REGNAME reg-name characters other than "%": unreserved and sub-delims
 *           (RFC 3986 section 3.2.2)
 */
#define HK_HTTP_C_TCHAR 1u
#define HK_HTTP_C_VALUE 2u
#define HK_HTTP_C_VCHAR 4u
#define HK_HTTP_C_HEX 8u
#define HK_HTTP_C_CTL 16u
#define HK_HTTP_C_REGNAME 32u

static const uint8_t hk__http_class[256] HK_UNUSED = {
    16, 16, 16, 16, 16, 16, 16, 16, 16,  0, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
     2, 39,  6,  7, 39,  7, 39, 39, 38, 38, 39, 39, 38, 39, 39,  6,
    47, 47, 47, 47, 47, 47, 47, 47, 47, 47,  6, 38,  6, 38,  6,  6,
     6, 47, 47, 47, 47, 47, 47, 39, 39, 39, 39, 39, 39, 39, 39, 39,
    39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39,  6,  6,  6,  7, 39,
     7, 47, 47, 47, 47, 47, 47, 39, 39, 39, 39, 39, 39, 39, 39, 39,
    39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39,  6,  7,  6, 39, 16,
     2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,
     2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,
     2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,
     2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,
     2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,
     2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,
     2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,
     2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,
};

#define HK_HTTP_IS(c, cls) ((hk__http_class[(uint8_t)(c)] & (cls)) != 0)

HK_INLINE int hk__http_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Case-insensitive comparison of a[0..n) with the lower-case literal b. */
HK_INLINE int hk__http_eq_lower(const char *a, const char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (hk__http_lower((uint8_t)a[i]) != (uint8_t)b[i])
            return 0;
    return 1;
}

/* Parser states shared by head.c and body.c. */
enum {
    HK__HTTP_PHASE_HEAD = 0, /* state_ is a head state */
    HK__HTTP_PHASE_BODY = 1,
    HK__HTTP_PHASE_DONE = 2
};

/* Request method classes remembered by a response parser. */
enum {
    HK__HTTP_RM_OTHER = 0,
    HK__HTTP_RM_HEAD = 1,
    HK__HTTP_RM_CONNECT = 2
};

/* Start the body phase with the given framing (head.c calls it when the
 * head completes; hk_http_parser_begin_body() too). */
HK_INTERNAL void hk__http_body_start(hk_http_parser *p, int body_kind, uint64_t content_length);

/*
 * Run the field-section state machine over buf[0..len) as a trailer section
 * (no start line, no framing fields). Used by hk_http_parse_trailers().
 */
HK_INTERNAL hk_ssize hk__http_parse_fields(hk_http_parser *p, const char *buf, size_t len,
                                           hk_http_header *headers, size_t max_headers,
                                           size_t *num_headers);

/* Host field value: uri-host [ ":" port ], or empty (RFC 9110 section 7.2,
 * RFC 3986 section 3.2.2). Shared by the parser and the builder. */
HK_INTERNAL int hk__http_host_ok(const uint8_t *v, size_t n);

/* request-target t[0..n) (n > 0, all VCHAR) has a form that is valid for
 * method m[0..mlen) (RFC 9112 section 3.2). */
HK_INTERNAL int hk__http_target_ok(const uint8_t *t, size_t n, const uint8_t *m, size_t mlen);

#endif /* HK_HTTP_INTERNAL_H */
