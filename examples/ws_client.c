/*
 * ws_client - a WebSocket client on POSIX sockets and poll(), driven
 * through hk_ws_session's feed/drain API.
 *
 *   ws_client [--echo] [--protocol LIST] [--origin O] [--verbose] URL
 *
 * URL is ws://host[:port]/path?query (host name, IPv4, or [IPv6]); wss://
 * needs TLS, which this example does not link, and is refused.
 *
 * Default mode: prints every received message on stdout (text as is, one
 * per line; binary as "[binary N bytes]") and sends every line read from
 * stdin as a text message (without its newline). At the end of stdin it
 * sends Close 1000 and waits for the server's Close.
 *
 * --echo: sends every received message back unchanged (same opcode) until
 * the server closes; stdin is not read. A conformance harness running its
 * cases as server-side scripts can drive it.
 *
 * Exit status:
 *   0  the closing handshake completed with code 1000, 1001 or no code
 *   1  the closing handshake completed with another code (printed)
 *   2  usage error, name resolution or connection failure
 *   3  the opening handshake failed (status or error printed)
 *   4  the connection failed after the handshake (protocol error, end of
 *      stream without a Close, I/O error, timeout)
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <hooksock.h>

static int g_echo, g_verbose;
static hk_ws_session *g_s;

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static int on_message(void *user, int opcode, const uint8_t *data, size_t len)
{
    (void)user;
    if (g_echo) {
        hk_ws_conn *ws = hk_ws_session_conn(g_s);
        int rc = opcode == HK_WS_OP_TEXT ? hk_ws_conn_send_text(ws, data, len)
                                         : hk_ws_conn_send_binary(ws, data, len);
        if (rc != HK_OK)
            fprintf(stderr, "ws_client: echo failed: %s\n", hk_strerror(rc));
        return rc == HK_OK ? 0 : 1;
    }
    if (opcode == HK_WS_OP_TEXT) {
        fwrite(data, 1, len, stdout);
        fputc('\n', stdout);
    } else {
        printf("[binary %zu bytes]\n", len);
    }
    fflush(stdout);
    return 0;
}

static int on_close(void *user, int code, const char *reason, size_t len)
{
    (void)user;
    if (g_verbose)
        fprintf(stderr, "ws_client: server close code=%d reason=\"%.*s\"\n", code, (int)len,
                reason);
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: ws_client [--echo] [--protocol LIST] [--origin O] [--verbose] URL\n");
    exit(2);
}

static int connect_to(const hk_http_url *u)
{
    char host[256], port[8];
    struct addrinfo hints, *res, *ai;
    int fd = -1, rc, one = 1;
    if (u->host_len >= sizeof host)
        return -1;
    memcpy(host, u->host, u->host_len);
    host[u->host_len] = 0;
    snprintf(port, sizeof port, "%u", (unsigned)u->port);
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "ws_client: %s: %s\n", host, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        fprintf(stderr, "ws_client: cannot connect to %s:%s: %s\n", host, port, strerror(errno));
        return -1;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

/* Send the complete lines of buf[0..*len) as text messages; keep the rest. */
static void send_lines(hk_ws_conn *ws, char *buf, size_t *len, int final)
{
    size_t start = 0, i;
    for (i = 0; i < *len; i++) {
        if (buf[i] == '\n') {
            size_t n = i - start;
            int rc;
            if (n > 0 && buf[start + n - 1] == '\r')
                n--;
            rc = hk_ws_conn_send_text(ws, buf + start, n);
            if (rc != HK_OK)
                fprintf(stderr, "ws_client: cannot send line: %s\n", hk_strerror(rc));
            start = i + 1;
        }
    }
    if (final && start < *len) {
        int rc = hk_ws_conn_send_text(ws, buf + start, *len - start);
        if (rc != HK_OK)
            fprintf(stderr, "ws_client: cannot send line: %s\n", hk_strerror(rc));
        start = *len;
    }
    memmove(buf, buf + start, *len - start);
    *len -= start;
}

int main(int argc, char **argv)
{
    const char *url = NULL, *protocols = NULL, *origin = NULL;
    hk_http_url u;
    hk_ws_config wscfg;
    hk_ws_session_config scfg;
    int fd, i, rc, stdin_open = 1, peer_eof = 0;
    static uint8_t rbuf[65536];
    static char line[65536];
    size_t rpos = 0, rlen = 0, llen = 0;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--echo"))
            g_echo = 1;
        else if (!strcmp(argv[i], "--verbose"))
            g_verbose = 1;
        else if (!strcmp(argv[i], "--protocol") && i + 1 < argc)
            protocols = argv[++i];
        else if (!strcmp(argv[i], "--origin") && i + 1 < argc)
            origin = argv[++i];
        else if (argv[i][0] != '-' && url == NULL)
            url = argv[i];
        else
            usage();
    }
    if (url == NULL)
        usage();
    signal(SIGPIPE, SIG_IGN);
    u.size = sizeof u;
    if (hk_http_parse_url(url, strlen(url), &u) != HK_OK ||
        (u.scheme != HK_HTTP_SCHEME_WS && u.scheme != HK_HTTP_SCHEME_WSS)) {
        fprintf(stderr, "ws_client: not a valid ws:// URL: %s\n", url);
        return 2;
    }
    if (u.secure) {
        fprintf(stderr, "ws_client: wss:// needs TLS, which this example does not include\n");
        return 2;
    }
    fd = connect_to(&u);
    if (fd < 0)
        return 2;

    hk_ws_config_default(&wscfg);
    wscfg.on_message = on_message;
    wscfg.on_close = on_close;
    wscfg.max_output_bytes = 64u << 20;
    hk_ws_session_config_default(&scfg);
    scfg.role = HK_WS_ROLE_CLIENT;
    scfg.ws = &wscfg;
    scfg.url = url;
    scfg.url_len = strlen(url);
    if (protocols != NULL) {
        scfg.protocols = protocols;
        scfg.protocols_len = strlen(protocols);
    }
    if (origin != NULL) {
        scfg.origin = origin;
        scfg.origin_len = strlen(origin);
    }
    rc = hk_ws_session_create(&g_s, &scfg);
    if (rc != HK_OK) {
        fprintf(stderr, "ws_client: %s\n", hk_strerror(rc));
        return rc == HK_ERR_HS_URL ? 2 : 3;
    }
    if (g_echo)
        stdin_open = 0;

    while (hk_ws_session_state(g_s) != HK_WS_STATE_CLOSED) {
        struct pollfd pfd[2];
        uint64_t now = now_ms(), next = UINT64_MAX;
        int timeout, np = 1;
        hk_ws_conn *ws;

        /* feed what is still buffered (the engine may have refused it
         * while its output queue was full) */
        while (rpos < rlen) {
            hk_ssize n = hk_ws_session_feed(g_s, rbuf + rpos, rlen - rpos);
            if (n <= 0)
                break;
            rpos += (size_t)n;
        }
        /* send */
        for (;;) {
            const uint8_t *out;
            size_t n = hk_ws_session_output(g_s, &out);
            ssize_t w;
            if (n == 0)
                break;
            w = send(fd, out, n, MSG_NOSIGNAL);
            if (w <= 0) {
                if (w < 0 && (errno == EAGAIN || errno == EINTR))
                    break;
                peer_eof = 1;
                break;
            }
            hk_ws_session_output_advance(g_s, (size_t)w);
        }
        hk_ws_session_tick(g_s, now, &next);
        if (peer_eof || hk_ws_session_state(g_s) == HK_WS_STATE_CLOSED)
            break;

        pfd[0].fd = fd;
        pfd[0].events = (short)((hk_ws_session_want_read(g_s) && rpos == rlen ? POLLIN : 0) |
                                (hk_ws_session_want_write(g_s) ? POLLOUT : 0));
        pfd[1].fd = -1;
        ws = hk_ws_session_conn(g_s);
        if (stdin_open && ws != NULL && hk_ws_conn_state(ws) == HK_WS_STATE_OPEN) {
            pfd[1].fd = 0;
            pfd[1].events = POLLIN;
            np = 2;
        }
        timeout = next == UINT64_MAX ? 1000 : next <= now ? 0 : (int)(next - now);
        if (timeout > 1000)
            timeout = 1000;
        if (poll(pfd, (nfds_t)np, timeout) < 0 && errno != EINTR)
            break;

        if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = recv(fd, rbuf, sizeof rbuf, 0);
            if (n > 0) {
                rpos = 0;
                rlen = (size_t)n;
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                hk_ws_session_feed_eof(g_s);
                peer_eof = 1;
            }
        }
        if (np == 2 && (pfd[1].revents & (POLLIN | POLLHUP))) {
            ssize_t n = read(0, line + llen, sizeof line - llen);
            ws = hk_ws_session_conn(g_s);
            if (n > 0) {
                llen += (size_t)n;
                send_lines(ws, line, &llen, llen == sizeof line);
            } else {
                send_lines(ws, line, &llen, 1);
                stdin_open = 0;
                hk_ws_conn_close(ws, HK_WS_CLOSE_NORMAL, NULL, 0);
            }
        }
    }
    /* how did it end? */
    {
        hk_ws_conn *ws = hk_ws_session_conn(g_s);
        int err = hk_ws_session_error(g_s);
        int code = ws ? hk_ws_conn_close_code(ws) : 0;
        int status = 0;
        if (ws == NULL) {
            fprintf(stderr, "ws_client: handshake failed: %s (HTTP status %d)\n",
                    hk_strerror(err ? err : HK_ERR_EOF), hk_ws_session_http_status(g_s));
            status = 3;
        } else if (hk_ws_conn_state(ws) == HK_WS_STATE_CLOSED && err == HK_OK && code != 0 &&
                   code != HK_WS_CLOSE_ABNORMAL) {
            status = (code == 1000 || code == 1001 || code == HK_WS_CLOSE_NO_STATUS) ? 0 : 1;
            if (g_verbose || status)
                fprintf(stderr, "ws_client: closed code=%d\n", code);
        } else {
            fprintf(stderr, "ws_client: connection failed: %s (close code %d)\n",
                    hk_strerror(err ? err : HK_ERR_EOF), code);
            status = 4;
        }
        hk_ws_session_destroy(g_s);
        close(fd);
        return status;
    }
}
