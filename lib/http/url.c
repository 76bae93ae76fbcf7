/*
 * http/url.c - absolute http, https, ws and wss URLs (RFC 3986 section 3,
 * RFC 9110 section 4.2, RFC 6455 section 3).
 *
 * SPDX-License-Identifier: MIT
 */
#include "http/internal.h"

static int http_url_is_unreserved_or_sub(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != 0 && memchr("-._~!$&'()*+,;=", c, 15) != NULL);
}

/*
 * IPv6address (RFC 3986 section 3.2.2): up to 8 groups of 1-4 hex digits,
 * at most one "::", optionally ending with a dotted IPv4 address that counts
 * as two groups.
 */
static int http_url_ipv6_ok(const uint8_t *s, size_t n)
{
    size_t i = 0;
    int groups = 0, dbl = 0;
    if (n < 2)
        return 0;
    if (s[0] == ':') {
        if (s[1] != ':')
            return 0;
        dbl = 1;
        i = 2;
        if (i == n)
            return 1; /* "::" */
    }
    while (i < n) {
        size_t start = i;
        while (i < n && HK_HTTP_IS(s[i], HK_HTTP_C_HEX) && i - start < 5)
            i++;
        if (i < n && s[i] == '.') {
            /* trailing IPv4 */
            int octets = 0;
            size_t j = start;
            while (j <= n) {
                int v = 0, digits = 0;
                while (j < n && s[j] >= '0' && s[j] <= '9' && digits < 4) {
                    v = v * 10 + (s[j] - '0');
                    digits++;
                    j++;
                }
                if (digits == 0 || digits > 3 || v > 255 || (digits > 1 && s[j - digits] == '0'))
                    return 0;
                octets++;
                if (j == n)
                    break;
                if (s[j] != '.' || octets == 4)
                    return 0;
                j++;
            }
            if (octets != 4)
                return 0;
            groups += 2;
            i = n;
            break;
        }
        if (i == start || i - start > 4)
            return 0;
        groups++;
        if (i == n)
            break;
        if (s[i] != ':')
            return 0;
        i++;
        if (i < n && s[i] == ':') {
            if (dbl)
                return 0;
            dbl = 1;
            i++;
            if (i == n)
                break;
        } else if (i == n) {
            return 0; /* trailing single ':' */
        }
    }
    return dbl ? groups <= 7 : groups == 8;
}

int hk_http_parse_url(const char *url, size_t len, hk_http_url *out)
{
    const uint8_t *s = (const uint8_t *)url;
    hk_http_url u;
    size_t i, hs, he, auth_end, path_end;
    int scheme;

    if (url == NULL || out == NULL || out->size < sizeof(hk_http_url))
        return HK_ERR_INVALID_ARG;
    memset(&u, 0, sizeof u);
    u.size = out->size;

    for (i = 0; i < len; i++)
        if (!HK_HTTP_IS(s[i], HK_HTTP_C_VCHAR))
            return HK_ERR_HTTP_URL; /* spaces, controls, raw non-ASCII */

    if (len >= 7 && hk__http_eq_lower(url, "http://", 7)) {
        scheme = HK_HTTP_SCHEME_HTTP;
        i = 7;
    } else if (len >= 8 && hk__http_eq_lower(url, "https://", 8)) {
        scheme = HK_HTTP_SCHEME_HTTPS;
        i = 8;
    } else if (len >= 5 && hk__http_eq_lower(url, "ws://", 5)) {
        scheme = HK_HTTP_SCHEME_WS;
        i = 5;
    } else if (len >= 6 && hk__http_eq_lower(url, "wss://", 6)) {
        scheme = HK_HTTP_SCHEME_WSS;
        i = 6;
    } else {
        return HK_ERR_HTTP_URL;
    }
    u.scheme = scheme;
    u.secure = scheme == HK_HTTP_SCHEME_HTTPS || scheme == HK_HTTP_SCHEME_WSS;
    u.port = u.secure ? 443 : 80;

    /* authority ends at the first "/", "?" or "#" */
    auth_end = i;
    while (auth_end < len && s[auth_end] != '/' && s[auth_end] != '?' && s[auth_end] != '#')
        auth_end++;
    if (memchr(s + i, '@', auth_end - i) != NULL)
        return HK_ERR_HTTP_URL; /* userinfo */

    if (i < auth_end && s[i] == '[') {
        const uint8_t *rb = memchr(s + i, ']', auth_end - i);
        if (rb == NULL)
            return HK_ERR_HTTP_URL;
        hs = i + 1;
        he = (size_t)(rb - s);
        if (!http_url_ipv6_ok(s + hs, he - hs))
            return HK_ERR_HTTP_URL;
        u.host_is_ipv6 = 1;
        i = he + 1;
    } else {
        hs = i;
        while (i < auth_end && s[i] != ':') {
            if (s[i] == '%') {
                if (i + 2 >= auth_end || !HK_HTTP_IS(s[i + 1], HK_HTTP_C_HEX) ||
                    !HK_HTTP_IS(s[i + 2], HK_HTTP_C_HEX))
                    return HK_ERR_HTTP_URL;
                i += 3;
                continue;
            }
            if (!http_url_is_unreserved_or_sub(s[i]))
                return HK_ERR_HTTP_URL;
            i++;
        }
        he = i;
    }
    if (he == hs)
        return HK_ERR_HTTP_URL;
    u.host = url + hs;
    u.host_len = he - hs;

    if (i < auth_end) {
        uint32_t port = 0;
        size_t ps;
        if (s[i] != ':')
            return HK_ERR_HTTP_URL;
        ps = ++i;
        while (i < auth_end) {
            if (s[i] < '0' || s[i] > '9' || i - ps >= 5)
                return HK_ERR_HTTP_URL;
            port = port * 10 + (uint32_t)(s[i] - '0');
            i++;
        }
        if (i == ps || port == 0 || port > 65535)
            return HK_ERR_HTTP_URL;
        u.port = (uint16_t)port;
        u.port_explicit = 1;
    }

    /* path and query, up to a fragment */
    path_end = i;
    while (path_end < len && s[path_end] != '#')
        path_end++;
    if (path_end < len && (scheme == HK_HTTP_SCHEME_WS || scheme == HK_HTTP_SCHEME_WSS))
        return HK_ERR_HTTP_URL; /* RFC 6455 section 3: no fragment */
    for (; i < path_end; i++) {
        uint8_t c = s[i];
        if (c == '%') {
            if (i + 2 >= path_end || !HK_HTTP_IS(s[i + 1], HK_HTTP_C_HEX) ||
                !HK_HTTP_IS(s[i + 2], HK_HTTP_C_HEX))
                return HK_ERR_HTTP_URL;
            continue;
        }
        if (!http_url_is_unreserved_or_sub(c) && c != ':' && c != '@' && c != '/' && c != '?')
            return HK_ERR_HTTP_URL;
    }
    if (auth_end == path_end) {
        u.path = "/";
        u.path_len = 1;
    } else if (s[auth_end] == '?') {
        /* "http://h?q": the origin-form needs the "/" (RFC 9112 3.2.1) and
         * cannot be built without copying; refuse rather than guess. */
        return HK_ERR_HTTP_URL;
    } else {
        u.path = url + auth_end;
        u.path_len = path_end - auth_end;
    }
    memcpy(out, &u, sizeof u);
    return HK_OK;
}

int hk_http_url_host_header(const hk_http_url *url, char *buf, size_t cap, size_t *len)
{
    char port[6];
    size_t pl = 0, need;
    int dflt;
    if (url == NULL || len == NULL || (buf == NULL && cap > 0) || url->host == NULL)
        return HK_ERR_INVALID_ARG;
    dflt = url->port == (url->secure ? 443 : 80);
    if (!dflt) {
        unsigned v = url->port;
        char tmp[6];
        size_t k = 0;
        do {
            tmp[k++] = (char)('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (k > 0)
            port[pl++] = tmp[--k];
    }
    need = url->host_len + (url->host_is_ipv6 ? 2 : 0) + (dflt ? 0 : 1 + pl);
    *len = need;
    if (need > cap)
        return HK_ERR_BUFFER_TOO_SMALL;
    {
        size_t o = 0;
        if (url->host_is_ipv6)
            buf[o++] = '[';
        memcpy(buf + o, url->host, url->host_len);
        o += url->host_len;
        if (url->host_is_ipv6)
            buf[o++] = ']';
        if (!dflt) {
            buf[o++] = ':';
            memcpy(buf + o, port, pl);
        }
    }
    return HK_OK;
}
