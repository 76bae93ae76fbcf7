/*
 * hk-webhook-net.c - send and serve for hk-webhook over plain TCP.
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "hk-webhook-net.h"

#define HKW_MAX_BODY ((size_t)16 * 1024 * 1024)

static int64_t hkw_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void hkw_sleep_ms(int64_t ms)
{
    struct timespec ts;
    if (ms <= 0)
        return;
    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static void hkw_timeouts(int fd, int seconds)
{
    struct timeval tv;
    tv.tv_sec = seconds;
    tv.tv_usec = 0;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

static int hkw_write_all(int fd, const void *data, size_t len)
{
    const char *p = (const char *)data;
    while (len > 0) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno == EAGAIN || errno == EWOULDBLOCK ? HK_ERR_TIMEOUT : HK_ERR_IO;
        }
        p += n;
        len -= (size_t)n;
    }
    return HK_OK;
}

/* Connect to host:port; returns fd or a negative hk_error. */
static int hkw_connect(const char *host, size_t host_len, uint16_t port, int timeout_s,
                       const char **why)
{
    struct addrinfo hints, *res = NULL, *ai;
    char hbuf[256], pbuf[8];
    int fd = -1, rc;
    if (host_len >= sizeof hbuf) {
        *why = "host name too long";
        return HK_ERR_INVALID_ARG;
    }
    memcpy(hbuf, host, host_len);
    hbuf[host_len] = '\0';
    snprintf(pbuf, sizeof pbuf, "%u", (unsigned)port);
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(hbuf, pbuf, &hints, &res);
    if (rc != 0) {
        *why = gai_strerror(rc);
        return HK_ERR_IO;
    }
    *why = "connection failed";
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0)
            continue;
        hkw_timeouts(fd, timeout_s);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        *why = strerror(errno);
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd >= 0 ? fd : HK_ERR_IO;
}

static const char *hkw_state_name(int st)
{
    switch (st) {
    case HK_WH_DELIVERED: return "delivered";
    case HK_WH_GONE: return "endpoint gone, stopping";
    case HK_WH_GIVE_UP: return "giving up";
    default: return "retry";
    }
}

int hkw_send(const char *url, const hk_wh_key *keys, size_t nkeys, const char *id,
             const hk_http_header *headers, size_t nheaders, const uint32_t *schedule,
             size_t nschedule, int timeout_s, const void *body, size_t body_len)
{
    hk_wh_delivery_config cfg;
    hk_wh_delivery *d = NULL;
    const char *host;
    size_t host_len;
    uint16_t port;
    int secure, rc, st;
    hk_wh_delivery_config_init(&cfg);
    if (schedule != NULL) {
        cfg.schedule_ms = schedule;
        cfg.schedule_len = nschedule;
    }
    rc = hk_wh_delivery_create(&d, &cfg, url, strlen(url), keys, nkeys, id,
                               id ? strlen(id) : 0, body, body_len, headers, nheaders,
                               hkw_now_ms());
    if (rc != HK_OK) {
        fprintf(stderr, "hk-webhook send: %s\n", hk_strerror(rc));
        return rc == HK_ERR_HTTP_URL || rc == HK_ERR_INVALID_ARG ? 2 : 1;
    }
    hk_wh_delivery_endpoint(d, &host, &host_len, &port, &secure);
    if (secure) {
        fprintf(stderr, "hk-webhook send: https is not supported (plain TCP only)\n");
        hk_wh_delivery_destroy(d);
        return 2;
    }
    printf("message %s\n", hk_wh_delivery_id(d));
    fflush(stdout);
    for (;;) {
        int64_t when = 0;
        const uint8_t *req;
        size_t req_len;
        const char *why = NULL;
        int fd;
        st = hk_wh_delivery_next(d, &when);
        if (st != HK_WH_PENDING && st != HK_WH_RETRY)
            break;
        hkw_sleep_ms(when - hkw_now_ms());
        rc = hk_wh_delivery_begin(d, hkw_now_ms(), &req, &req_len);
        if (rc != HK_OK) {
            fprintf(stderr, "hk-webhook send: %s\n", hk_strerror(rc));
            break;
        }
        fd = hkw_connect(host, host_len, port, timeout_s, &why);
        if (fd < 0) {
            st = hk_wh_delivery_fail(d, fd, hkw_now_ms());
        } else if ((rc = hkw_write_all(fd, req, req_len)) != HK_OK) {
            why = rc == HK_ERR_TIMEOUT ? "timed out" : strerror(errno);
            st = hk_wh_delivery_fail(d, rc, hkw_now_ms());
        } else {
            char buf[4096];
            st = HK_ERR_NEED_MORE;
            while (st == HK_ERR_NEED_MORE) {
                ssize_t n = recv(fd, buf, sizeof buf, 0);
                if (n > 0) {
                    st = hk_wh_delivery_feed(d, buf, (size_t)n, hkw_now_ms());
                } else if (n == 0) {
                    why = "connection closed before the response";
                    st = hk_wh_delivery_fail(d, HK_ERR_EOF, hkw_now_ms());
                } else if (errno != EINTR) {
                    int to = errno == EAGAIN || errno == EWOULDBLOCK;
                    why = to ? "timed out" : strerror(errno);
                    st = hk_wh_delivery_fail(d, to ? HK_ERR_TIMEOUT : HK_ERR_IO, hkw_now_ms());
                }
            }
        }
        if (fd >= 0)
            close(fd);
        printf("attempt %u: ", hk_wh_delivery_attempts(d));
        if (hk_wh_delivery_status(d) != 0)
            printf("%d %s", hk_wh_delivery_status(d),
                   hk_http_status_reason(hk_wh_delivery_status(d)));
        else if (hk_wh_delivery_last_error(d) != HK_OK && why == NULL)
            printf("%s", hk_strerror(hk_wh_delivery_last_error(d)));
        else
            printf("%s", why ? why : "failed");
        if (st == HK_WH_RETRY) {
            int64_t next = 0;
            hk_wh_delivery_next(d, &next);
            printf(" -> retry in %lld ms", (long long)(next - hkw_now_ms() > 0 ? next - hkw_now_ms() : 0));
            if (hk_wh_delivery_retry_after(d) >= 0)
                printf(" (Retry-After %lld s)", (long long)hk_wh_delivery_retry_after(d));
            printf("\n");
        } else {
            printf(" -> %s\n", hkw_state_name(st));
        }
        fflush(stdout);
    }
    st = hk_wh_delivery_state(d);
    hk_wh_delivery_destroy(d);
    return st == HK_WH_DELIVERED ? 0 : 1;
}

/* ---- serve ---------------------------------------------------------------------- */

static void hkw_respond(int fd, int status, const char *text)
{
    hk_http_response_spec spec;
    hk_http_header h[2];
    char buf[1024];
    size_t len = 0;
    memset(&spec, 0, sizeof spec);
    spec.size = sizeof spec;
    spec.status = status;
    h[0].name = "Connection";
    h[0].name_len = 10;
    h[0].value = "close";
    h[0].value_len = 5;
    spec.headers = h;
    spec.num_headers = 1;
    if (text != NULL) {
        h[1].name = "Content-Type";
        h[1].name_len = 12;
        h[1].value = "text/plain; charset=utf-8";
        h[1].value_len = strlen(h[1].value);
        spec.num_headers = 2;
        spec.body = text;
        spec.body_len = strlen(text);
    }
    if (hk_http_build_response(&spec, buf, sizeof buf, &len) == HK_OK)
        (void)hkw_write_all(fd, buf, len);
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if invalid. */
static size_t hkw_utf8_len(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t need, i;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (i = 1; i < need; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3f);
    }
    if ((need == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return need;
}

static void hkw_json_string(FILE *f, const unsigned char *s, size_t n)
{
    size_t i = 0;
    fputc('"', f);
    while (i < n) {
        unsigned char c = s[i];
        size_t l;
        if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc(c, f);
            i++;
        } else if (c == '\n') {
            fputs("\\n", f);
            i++;
        } else if (c == '\r') {
            fputs("\\r", f);
            i++;
        } else if (c == '\t') {
            fputs("\\t", f);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(f, "\\u%04x", c);
            i++;
        } else if ((l = hkw_utf8_len(s + i, n - i)) == 0) {
            fputs("\\ufffd", f);
            i++;
        } else {
            fwrite(s + i, 1, l, f);
            i += l;
        }
    }
    fputc('"', f);
}

/* Handle one connection; returns 1 if an event was accepted. */
static int hkw_handle(int fd, const hk_wh_key *keys, size_t nkeys, uint32_t tolerance)
{
    hk_http_parser p;
    hk_http_header hs[64];
    hk_http_message msg;
    char *buf = NULL, *body = NULL;
    size_t cap = 16384 + 4096, len = 0, body_len = 0, body_cap = 0;
    hk_ssize head = HK_ERR_NEED_MORE;
    hk_wh_headers wh;
    int rc, accepted = 0, status;
    buf = malloc(cap);
    if (buf == NULL)
        return 0;
    hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL);
    memset(&msg, 0, sizeof msg);
    msg.size = sizeof msg;
    while (head == HK_ERR_NEED_MORE) {
        ssize_t n;
        if (len == cap) {
            hkw_respond(fd, 431, "request head too large\n");
            goto out;
        }
        n = recv(fd, buf + len, cap - len, 0);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            goto out;
        }
        len += (size_t)n;
        head = hk_http_parse_head(&p, buf, len, hs, 64, &msg);
    }
    if (head < 0) {
        char why[160];
        snprintf(why, sizeof why, "%s\n", hk_strerror((int)head));
        hkw_respond(fd, 400, why);
        goto out;
    }
    if (msg.method_len != 4 || memcmp(msg.method, "POST", 4) != 0) {
        hkw_respond(fd, 405, "webhooks are POSTed\n");
        goto out;
    }
    /* the body: what is buffered after the head, then more from the socket */
    {
        size_t off = (size_t)head;
        for (;;) {
            size_t consumed = 0, dlen = 0;
            const char *data = NULL;
            int ev = hk_http_body_next(&p, buf + off, len - off, &consumed, &data, &dlen);
            ssize_t n;
            off += consumed;
            if (ev == HK_HTTP_EV_DATA) {
                if (body_len + dlen > HKW_MAX_BODY) {
                    hkw_respond(fd, 413, "body too large\n");
                    goto out;
                }
                if (body_len + dlen > body_cap) {
                    size_t nc = body_cap ? body_cap : 4096;
                    char *nb;
                    while (nc < body_len + dlen)
                        nc *= 2;
                    nb = realloc(body, nc);
                    if (nb == NULL)
                        goto out;
                    body = nb;
                    body_cap = nc;
                }
                memcpy(body + body_len, data, dlen);
                body_len += dlen;
                continue;
            }
            if (ev == HK_HTTP_EV_TRAILER)
                continue;
            if (ev == HK_HTTP_EV_END)
                break;
            if (ev != HK_ERR_NEED_MORE) {
                char why[160];
                snprintf(why, sizeof why, "%s\n", hk_strerror(ev));
                hkw_respond(fd, 400, why);
                goto out;
            }
            do {
                n = recv(fd, buf, cap, 0);
            } while (n < 0 && errno == EINTR);
            if (n <= 0)
                goto out;
            len = (size_t)n;
            off = 0;
        }
    }
    rc = hk_wh_verify_request(keys, nkeys, &msg, body, body_len, (int64_t)time(NULL),
                              tolerance);
    if (rc == HK_OK) {
        hk_wh_headers_from_http(msg.headers, msg.num_headers, &wh);
        hkw_respond(fd, 204, NULL);
        fputs("{\"id\":", stdout);
        hkw_json_string(stdout, (const unsigned char *)wh.id, wh.id_len);
        fputs(",\"timestamp\":", stdout);
        fwrite(wh.timestamp, 1, wh.timestamp_len, stdout);
        fputs(",\"body\":", stdout);
        hkw_json_string(stdout, (const unsigned char *)body, body_len);
        fputs("}\n", stdout);
        fflush(stdout);
        accepted = 1;
    } else {
        char why[160];
        status = (rc == HK_ERR_WH_NO_MATCH || rc == HK_ERR_WH_TOO_OLD ||
                  rc == HK_ERR_WH_TOO_NEW)
                     ? 401
                     : 400;
        snprintf(why, sizeof why, "%s\n", hk_strerror(rc));
        hkw_respond(fd, status, why);
        fprintf(stderr, "hk-webhook serve: rejected (%d): %s", status, why);
    }
out:
    free(buf);
    free(body);
    return accepted;
}

/* Read a request head (best effort) and answer 503 with Retry-After: 1. */
static void hkw_fail_one(int fd)
{
    static const char resp[] = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
                               "Content-Length: 0\r\nConnection: close\r\n\r\n";
    char buf[4096];
    size_t len = 0, i;
    int done = 0;
    while (len < sizeof buf && !done) {
        ssize_t n = recv(fd, buf + len, sizeof buf - len, 0);
        if (n <= 0)
            break;
        len += (size_t)n;
        for (i = 0; i + 4 <= len && !done; i++)
            done = memcmp(buf + i, "\r\n\r\n", 4) == 0;
    }
    (void)hkw_write_all(fd, resp, sizeof resp - 1);
    fprintf(stderr, "hk-webhook serve: answered 503 (--fail-first)\n");
}

int hkw_serve(int port, const hk_wh_key *keys, size_t nkeys, uint32_t tolerance, int64_t count,
              int64_t fail_first)
{
    struct sockaddr_in sa;
    socklen_t sl = sizeof sa;
    int lfd, one = 1;
    int64_t accepted = 0;
    signal(SIGPIPE, SIG_IGN);
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (lfd < 0) {
        perror("hk-webhook serve: socket");
        return 1;
    }
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(lfd, 16) != 0 ||
        getsockname(lfd, (struct sockaddr *)&sa, &sl) != 0) {
        perror("hk-webhook serve");
        close(lfd);
        return 1;
    }
    fprintf(stderr, "listening on 127.0.0.1:%u\n", (unsigned)ntohs(sa.sin_port));
    fflush(stderr);
    while (count < 0 || accepted < count) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR)
                continue;
            perror("hk-webhook serve: accept");
            break;
        }
        hkw_timeouts(fd, 10);
        if (fail_first > 0) {
            hkw_fail_one(fd);
            fail_first--;
            close(fd);
            continue;
        }
        accepted += hkw_handle(fd, keys, nkeys, tolerance);
        close(fd);
    }
    close(lfd);
    return 0;
}
