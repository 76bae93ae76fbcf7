/*
 * bench_http.c - HTTP/1.1 head parsing, hooksock against picohttpparser (as
 * Debian ships it inside libh2o: phr_parse_request) and nodejs http-parser
 * (libhttp-parser), measured side by side in the same run.
 *
 * Not a test: run by hand (build/gcc/tests/bench/bench_http [seconds]) and
 * copy the numbers into docs/performance.md. Each parser extracts the same
 * thing, zero-copy: method, target, version and every header name/value
 * span. Best of several rounds is reported, as ns per message.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <http_parser.h>
#include <hooksock.h>

/* picohttpparser's public API (picohttpparser.h is not installed by
 * libh2o-dev; the symbols are exported by libh2o.so). */
struct phr_header {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
};
int phr_parse_request(const char *buf, size_t len, const char **method, size_t *method_len,
                      const char **path, size_t *path_len, int *minor_version,
                      struct phr_header *headers, size_t *num_headers, size_t last_len);
int phr_parse_response(const char *buf, size_t len, int *minor_version, int *status,
                       const char **msg, size_t *msg_len, struct phr_header *headers,
                       size_t *num_headers, size_t last_len);

/* A WebSocket opening handshake as a current browser sends it. */
static const char ws_upgrade[] =
    "GET /socket/v2?token=4f1c2a9e&room=lobby HTTP/1.1\r\n"
    "Host: chat.example.com\r\n"
    "Connection: Upgrade\r\n"
    "Pragma: no-cache\r\n"
    "Cache-Control: no-cache\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36\r\n"
    "Upgrade: websocket\r\n"
    "Origin: https://chat.example.com\r\n"
    "Sec-WebSocket-Version: 13\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Accept-Language: en-US,en;q=0.9,de;q=0.8\r\n"
    "Cookie: session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl; "
    "theme=dark\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
    "Sec-WebSocket-Protocol: chat.v2, chat.v1\r\n"
    "\r\n";

/* A webhook delivery (Standard Webhooks headers) as a sender posts it. */
static const char webhook_post[] =
    "POST /webhooks/incoming/7f3a HTTP/1.1\r\n"
    "Host: api.customer.example\r\n"
    "User-Agent: Svix-Webhooks/1.24.0\r\n"
    "Content-Type: application/json\r\n"
    "Content-Length: 1843\r\n"
    "Accept: */*\r\n"
    "Accept-Encoding: gzip\r\n"
    "webhook-id: msg_2KWPBgLlAfxdpx2AI54pPJ85f4W\r\n"
    "webhook-timestamp: 1701378000\r\n"
    "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= "
    "v1,bm9ldHUjKzFob2VudXRob2VodW9lYW9udGh1LCtrLig=\r\n"
    "X-Request-Id: 4c1e7a0b-55b2-4b8f-9d0e-2a7f1c3d9e11\r\n"
    "Traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n"
    "Connection: keep-alive\r\n"
    "\r\n";

/* The answer a webhook sender reads back (head only). */
static const char webhook_response[] =
    "HTTP/1.1 200 OK\r\n"
    "Date: Thu, 30 Nov 2023 21:00:00 GMT\r\n"
    "Content-Type: application/json; charset=utf-8\r\n"
    "Content-Length: 16\r\n"
    "Connection: keep-alive\r\n"
    "Server: nginx/1.22.1\r\n"
    "X-Request-Id: 4c1e7a0b-55b2-4b8f-9d0e-2a7f1c3d9e11\r\n"
    "Strict-Transport-Security: max-age=63072000\r\n"
    "\r\n";

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static volatile size_t sink;

/* ---- the three parsers, each extracting the same spans ------------------- */

static int run_hooksock(const char *buf, size_t len)
{
    hk_http_parser p;
    hk_http_header h[100];
    hk_http_message m;
    hk_ssize r;
    hk_http_parser_init(&p, HK_HTTP_REQUEST, NULL);
    m.size = sizeof m;
    r = hk_http_parse_head(&p, buf, len, h, 100, &m);
    if (r <= 0)
        return -1;
    sink += m.num_headers + m.target_len + h[m.num_headers - 1].value_len;
    return 0;
}

static int run_pico(const char *buf, size_t len)
{
    const char *method, *path;
    size_t method_len, path_len, n = 100;
    int minor;
    struct phr_header h[100];
    int r = phr_parse_request(buf, len, &method, &method_len, &path, &path_len, &minor, h, &n, 0);
    if (r <= 0)
        return -1;
    sink += n + path_len + h[n - 1].value_len;
    return 0;
}

static int run_hooksock_resp(const char *buf, size_t len)
{
    hk_http_parser p;
    hk_http_header h[100];
    hk_http_message m;
    hk_ssize r;
    hk_http_parser_init(&p, HK_HTTP_RESPONSE, NULL);
    hk_http_parser_set_request_method(&p, "POST", 4);
    m.size = sizeof m;
    r = hk_http_parse_head(&p, buf, len, h, 100, &m);
    if (r <= 0)
        return -1;
    sink += m.num_headers + m.reason_len + h[m.num_headers - 1].value_len;
    return 0;
}

static int run_pico_resp(const char *buf, size_t len)
{
    const char *msg;
    size_t msg_len, n = 100;
    int minor, status;
    struct phr_header h[100];
    int r = phr_parse_response(buf, len, &minor, &status, &msg, &msg_len, h, &n, 0);
    if (r <= 0)
        return -1;
    sink += n + msg_len + h[n - 1].value_len;
    return 0;
}

typedef struct {
    const char *url;
    size_t url_len;
    struct {
        const char *p;
        size_t n;
    } f[100], v[100];
    size_t nf, nv;
    int done;
} hp_state;

static int hp_on_url(http_parser *hp, const char *at, size_t n)
{
    hp_state *s = hp->data;
    s->url = at;
    s->url_len = n;
    return 0;
}
static int hp_on_field(http_parser *hp, const char *at, size_t n)
{
    hp_state *s = hp->data;
    if (s->nf < 100) {
        s->f[s->nf].p = at;
        s->f[s->nf].n = n;
        s->nf++;
    }
    return 0;
}
static int hp_on_value(http_parser *hp, const char *at, size_t n)
{
    hp_state *s = hp->data;
    if (s->nv < 100) {
        s->v[s->nv].p = at;
        s->v[s->nv].n = n;
        s->nv++;
    }
    return 0;
}
static int hp_on_headers_complete(http_parser *hp)
{
    hp_state *s = hp->data;
    s->done = 1;
    return 0;
}

static http_parser_settings hp_settings;

static int run_http_parser(const char *buf, size_t len)
{
    http_parser hp;
    hp_state s;
    size_t n;
    s.nf = s.nv = 0;
    s.done = 0;
    http_parser_init(&hp, HTTP_REQUEST);
    hp.data = &s;
    n = http_parser_execute(&hp, &hp_settings, buf, len);
    if (n != len || !s.done || HTTP_PARSER_ERRNO(&hp) != HPE_OK)
        return -1;
    sink += s.nf + s.url_len + s.v[s.nv - 1].n;
    return 0;
}

static int hp_on_status(http_parser *hp, const char *at, size_t n)
{
    return hp_on_url(hp, at, n);
}

static int run_http_parser_resp(const char *buf, size_t len)
{
    http_parser hp;
    hp_state s;
    size_t n;
    s.nf = s.nv = 0;
    s.done = 0;
    http_parser_init(&hp, HTTP_RESPONSE);
    hp.data = &s;
    n = http_parser_execute(&hp, &hp_settings, buf, len);
    if (n != len || !s.done || HTTP_PARSER_ERRNO(&hp) != HPE_OK)
        return -1;
    sink += s.nf + s.url_len + s.v[s.nv - 1].n;
    return 0;
}

typedef int (*parse_fn)(const char *, size_t);

/* ns per message for one round of `iters` parses. */
static double measure_once(parse_fn fn, const char *buf, size_t len, long iters)
{
    double t0 = now_ns();
    long i;
    for (i = 0; i < iters; i++)
        if (fn(buf, len) != 0) {
            fprintf(stderr, "parse failed\n");
            exit(1);
        }
    return (now_ns() - t0) / (double)iters;
}

static void bench3(const char *name, const char *buf, size_t len, long iters, int rounds,
                   parse_fn f_hk, parse_fn f_pico, parse_fn f_hp)
{
    /* Rounds interleave the three parsers so that load from other processes
     * on the machine hits them alike; the best round of each is kept. */
    double hk = 1e30, pico = 1e30, hp = 1e30, t;
    int r;
    if (f_hk(buf, len) || f_pico(buf, len) || f_hp(buf, len)) {
        fprintf(stderr, "%s: a parser rejected the input\n", name);
        exit(1);
    }
    for (r = 0; r < rounds; r++) {
        t = measure_once(f_hk, buf, len, iters);
        hk = t < hk ? t : hk;
        t = measure_once(f_pico, buf, len, iters);
        pico = t < pico ? t : pico;
        t = measure_once(f_hp, buf, len, iters);
        hp = t < hp ? t : hp;
    }
    printf("%-18s %4zu B  hooksock %6.1f ns (%5.0f MB/s)  picohttpparser %6.1f ns  "
           "http-parser %6.1f ns\n",
           name, len, hk, (double)len / hk * 1e3, pico, hp);
    printf("%-18s         ratio: picohttpparser/hooksock %.2fx, http-parser/hooksock %.2fx "
           "(>1: hooksock faster)\n",
           "", pico / hk, hp / hk);
}

/* ---- strictness, side by side ------------------------------------------ */

/* Inputs each parser should reject (RFC 9112 / RFC 9110). A parser
 * "accepts" when it returns a complete head. */
static const struct {
    const char *what;
    const char *in;
} bad_inputs[] = {
    {"bare LF line ends", "GET / HTTP/1.1\nHost: a\n\n"},
    {"obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n"},
    {"space before colon", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length : 0\r\n\r\n"},
    {"NUL in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n"},
    {"DEL in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\x7f\r\n\r\n"},
    {"bare CR in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n"},
    {"non-token method", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n"},
    {"non-token field name", "GET / HTTP/1.1\r\nHost: a\r\nX@Y: 1\r\n\r\n"},
    {"HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n"},
    {"target not a path", "GET a HTTP/1.1\r\nHost: a\r\n\r\n"},
    {"TE + CL", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                "Content-Length: 3\r\n\r\n"},
    {"CL 5 and CL 6", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                      "Content-Length: 6\r\n\r\n"},
    {"CL not a number", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n"},
    {"TE final not chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip"
                             "\r\n\r\n"},
    {"no Host in HTTP/1.1", "GET / HTTP/1.1\r\n\r\n"},
    {"two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"},
};

static int accepts_hooksock(const char *buf, size_t len)
{
    hk_http_header h[100];
    hk_http_message m;
    m.size = sizeof m;
    return hk_http_parse_request(buf, len, h, 100, &m) > 0;
}

static int accepts_pico(const char *buf, size_t len)
{
    const char *method, *path;
    size_t method_len, path_len, n = 100;
    int minor;
    struct phr_header h[100];
    return phr_parse_request(buf, len, &method, &method_len, &path, &path_len, &minor, h, &n,
                             0) > 0;
}

static int accepts_http_parser(const char *buf, size_t len)
{
    http_parser hp;
    hp_state s;
    size_t n;
    s.nf = s.nv = 0;
    s.done = 0;
    http_parser_init(&hp, HTTP_REQUEST);
    hp.data = &s;
    n = http_parser_execute(&hp, &hp_settings, buf, len);
    return s.done && HTTP_PARSER_ERRNO(&hp) == HPE_OK && n > 0;
}

static void strictness(void)
{
    size_t i, n = sizeof bad_inputs / sizeof bad_inputs[0];
    int rej[3] = {0, 0, 0};
    printf("\nmalformed request heads rejected (of %zu):\n", n);
    printf("  %-22s %-9s %-15s %s\n", "input", "hooksock", "picohttpparser", "http-parser");
    for (i = 0; i < n; i++) {
        /* the NUL case needs the true length */
        size_t len = strlen(bad_inputs[i].in);
        int a, b, c;
        if (strstr(bad_inputs[i].what, "NUL") != NULL)
            len += 1 + strlen(bad_inputs[i].in + len + 1);
        a = !accepts_hooksock(bad_inputs[i].in, len);
        b = !accepts_pico(bad_inputs[i].in, len);
        c = !accepts_http_parser(bad_inputs[i].in, len);
        rej[0] += a;
        rej[1] += b;
        rej[2] += c;
        printf("  %-22s %-9s %-15s %s\n", bad_inputs[i].what, a ? "reject" : "ACCEPT",
               b ? "reject" : "ACCEPT", c ? "reject" : "ACCEPT");
    }
    printf("  %-22s %-9d %-15d %d\n", "rejected", rej[0], rej[1], rej[2]);
}

int main(int argc, char **argv)
{
    long iters = argc > 1 ? atol(argv[1]) : 200000;
    int rounds = argc > 2 ? atoi(argv[2]) : 15;
    hp_settings.on_url = hp_on_url;
    hp_settings.on_header_field = hp_on_field;
    hp_settings.on_header_value = hp_on_value;
    hp_settings.on_headers_complete = hp_on_headers_complete;
    printf("HTTP/1.1 request head parsing, best of %d x %ld parses\n", rounds, iters);
    hp_settings.on_status = hp_on_status;
    bench3("WebSocket upgrade", ws_upgrade, sizeof ws_upgrade - 1, iters, rounds, run_hooksock,
           run_pico, run_http_parser);
    bench3("webhook POST head", webhook_post, sizeof webhook_post - 1, iters, rounds,
           run_hooksock, run_pico, run_http_parser);
    printf("HTTP/1.1 response head parsing (phr_parse_response, HTTP_RESPONSE)\n");
    bench3("webhook 200 response", webhook_response, sizeof webhook_response - 1, iters, rounds,
           run_hooksock_resp, run_pico_resp, run_http_parser_resp);
    strictness();
    return 0;
}
