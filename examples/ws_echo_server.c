/*
 * ws_echo_server - a WebSocket echo server on POSIX sockets and poll().
 *
 *   ws_echo_server [--host H] [--port P] [--protocols LIST] [--verbose]
 *                  [--max-conns N] [--stats]
 *
 * Listens on H:P (default 127.0.0.1, port 0 = any free port) and prints
 * "listening on H:P" once bound. Every connection is an hk_ws_session
 * driven through its I/O callbacks: the handshake, then every text and
 * binary message is echoed back unchanged, pings are answered, close
 * handshakes completed. Non-blocking; many connections at once.
 *
 * SIGINT/SIGTERM: stop accepting, send Close 1001 to every connection, wait
 * (at most 3 s) for them to finish, exit 0. SIGUSR1 prints a stats line:
 *   stats conns=N bytes=B blocks=K peak=P accepted=A
 * where bytes/blocks are what the library holds through this program's
 * counting allocator (so it returns to its baseline when connections end).
 * --stats prints that line at shutdown too. --verbose prints one line per
 * connection event (accept, open, reject, close).
 *
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
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

/* ---- a counting allocator: what the library holds, for --stats ---------- */

static size_t g_live_bytes, g_live_blocks, g_peak_bytes;

static void *count_malloc(size_t n, void *user)
{
    void *p = malloc(n);
    (void)user;
    if (p != NULL) {
        g_live_bytes += n;
        g_live_blocks++;
        if (g_live_bytes > g_peak_bytes)
            g_peak_bytes = g_live_bytes;
    }
    return p;
}

static void *count_realloc(void *p, size_t old_n, size_t n, void *user)
{
    void *q = realloc(p, n);
    (void)user;
    if (q != NULL) {
        g_live_bytes = g_live_bytes - old_n + n;
        if (g_live_bytes > g_peak_bytes)
            g_peak_bytes = g_live_bytes;
    }
    return q;
}

static void count_free(void *p, size_t n, void *user)
{
    (void)user;
    g_live_bytes -= n;
    g_live_blocks--;
    free(p);
}

static const hk_allocator g_alloc = {count_malloc, count_realloc, count_free, NULL};

/* ---- connections --------------------------------------------------------- */

typedef struct conn {
    int fd;
    unsigned id;
    char peer[64];
    hk_ws_session *s;
    int opened; /* reported open */
    int gone;   /* end of stream or socket error */
    uint64_t linger_until; /* refused handshake: draining input before close */
} conn;

static int g_verbose;
static volatile sig_atomic_t g_stop, g_dump;

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static hk_ssize sock_read(void *user, uint8_t *buf, size_t len)
{
    conn *c = user;
    ssize_t n;
    do
        n = recv(c->fd, buf, len, 0);
    while (n < 0 && errno == EINTR);
    if (n >= 0)
        return (hk_ssize)n;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
        return HK_ERR_WOULD_BLOCK;
    return HK_ERR_IO;
}

static hk_ssize sock_write(void *user, const uint8_t *buf, size_t len)
{
    conn *c = user;
    ssize_t n;
    do
        n = send(c->fd, buf, len, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n >= 0)
        return (hk_ssize)n;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
        return HK_ERR_WOULD_BLOCK;
    return HK_ERR_IO;
}

static int on_message(void *user, int opcode, const uint8_t *data, size_t len)
{
    conn *c = user;
    hk_ws_conn *ws = hk_ws_session_conn(c->s);
    int rc;
    if (ws == NULL)
        return 1;
    rc = opcode == HK_WS_OP_TEXT ? hk_ws_conn_send_text(ws, data, len)
                                 : hk_ws_conn_send_binary(ws, data, len);
    if (rc != HK_OK && g_verbose)
        printf("conn %u: echo failed: %s\n", c->id, hk_error_name(rc));
    return rc == HK_OK ? 0 : 1;
}

static int on_close(void *user, int code, const char *reason, size_t len)
{
    conn *c = user;
    if (g_verbose)
        printf("conn %u: peer close code=%d reason=\"%.*s\"\n", c->id, code, (int)len, reason);
    return 0;
}

static void on_signal(int sig)
{
    if (sig == SIGUSR1)
        g_dump = 1;
    else
        g_stop = 1;
}

static void print_stats(size_t nconns, unsigned accepted)
{
    printf("stats conns=%zu bytes=%zu blocks=%zu peak=%zu accepted=%u\n", nconns, g_live_bytes,
           g_live_blocks, g_peak_bytes, accepted);
    fflush(stdout);
}

static void usage(void)
{
    fprintf(stderr, "usage: ws_echo_server [--host H] [--port P] [--protocols LIST] "
                    "[--verbose] [--max-conns N] [--stats]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *host = "127.0.0.1", *protocols = NULL;
    unsigned port = 0, max_conns = 1024, accepted = 0;
    int stats = 0, lfd, one = 1, i;
    struct sockaddr_in sa;
    socklen_t salen = sizeof sa;
    conn **conns;
    struct pollfd *pfd;
    size_t nconns = 0, k;
    hk_ws_config wscfg;
    hk_ws_session_config scfg;
    uint64_t stop_deadline = 0;
    struct sigaction sact;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--host") && i + 1 < argc)
            host = argv[++i];
        else if (!strcmp(argv[i], "--port") && i + 1 < argc)
            port = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--protocols") && i + 1 < argc)
            protocols = argv[++i];
        else if (!strcmp(argv[i], "--max-conns") && i + 1 < argc)
            max_conns = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--verbose"))
            g_verbose = 1;
        else if (!strcmp(argv[i], "--stats"))
            stats = 1;
        else
            usage();
    }
    if (port > 65535 || max_conns == 0)
        usage();

    memset(&sact, 0, sizeof sact);
    sact.sa_handler = on_signal;
    sigaction(SIGINT, &sact, NULL);
    sigaction(SIGTERM, &sact, NULL);
    sigaction(SIGUSR1, &sact, NULL);
    signal(SIGPIPE, SIG_IGN);

    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        fprintf(stderr, "ws_echo_server: --host must be an IPv4 address\n");
        return 2;
    }
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(lfd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(lfd, 512) != 0 ||
        getsockname(lfd, (struct sockaddr *)&sa, &salen) != 0) {
        perror("ws_echo_server: listen");
        return 1;
    }
    fcntl(lfd, F_SETFL, fcntl(lfd, F_GETFL) | O_NONBLOCK);
    printf("listening on %s:%u\n", host, (unsigned)ntohs(sa.sin_port));
    fflush(stdout);

    conns = calloc(max_conns, sizeof *conns);
    pfd = calloc(max_conns + 1, sizeof *pfd);
    if (conns == NULL || pfd == NULL)
        return 1;

    hk_ws_config_default(&wscfg);
    wscfg.allocator = &g_alloc;
    wscfg.read = sock_read;
    wscfg.write = sock_write;
    wscfg.on_message = on_message;
    wscfg.on_close = on_close;
    /* every echo must fit: the largest message plus what may already wait */
    wscfg.max_output_bytes = 64u << 20;
    hk_ws_session_config_default(&scfg);
    scfg.role = HK_WS_ROLE_SERVER;
    scfg.ws = &wscfg;
    if (protocols != NULL) {
        scfg.protocols = protocols;
        scfg.protocols_len = strlen(protocols);
    }

    for (;;) {
        uint64_t now = now_ms(), next = now + 1000;
        int timeout, n;
        size_t np = 0;

        if (g_dump) {
            g_dump = 0;
            print_stats(nconns, accepted);
        }
        if (g_stop && stop_deadline == 0) {
            /* shut down: no new connections, Close 1001 to every open one */
            stop_deadline = now + 3000;
            close(lfd);
            lfd = -1;
            for (k = 0; k < nconns; k++) {
                hk_ws_conn *ws = hk_ws_session_conn(conns[k]->s);
                if (ws != NULL && hk_ws_conn_state(ws) == HK_WS_STATE_OPEN)
                    hk_ws_conn_close(ws, HK_WS_CLOSE_GOING_AWAY, "shutdown", 8);
                hk_ws_session_on_writable(conns[k]->s);
            }
            if (g_verbose)
                printf("shutdown: closing %zu connections\n", nconns);
        }
        if (stop_deadline != 0 && (nconns == 0 || now >= stop_deadline))
            break;

        /* tick everything, reap closed connections, build the poll set */
        for (k = 0; k < nconns;) {
            conn *c = conns[k];
            uint64_t t = UINT64_MAX;
            hk_ws_session_tick(c->s, now, &t);
            if (!c->gone && c->linger_until == 0 && hk_ws_session_conn(c->s) == NULL &&
                hk_ws_session_state(c->s) == HK_WS_STATE_CLOSED &&
                hk_ws_session_http_status(c->s) >= 400) {
                /* The error response is sent, but the client may still be
                 * sending its (oversized) request: closing now with unread
                 * input would reset the connection and could destroy the
                 * response in flight. Half-close and drain for a moment. */
                shutdown(c->fd, SHUT_WR);
                c->linger_until = now + 2000;
            }
            if (c->linger_until != 0 && !c->gone && now < c->linger_until) {
                if (c->linger_until < next)
                    next = c->linger_until;
                k++;
                continue;
            }
            if (c->gone || hk_ws_session_state(c->s) == HK_WS_STATE_CLOSED) {
                if (g_verbose) {
                    hk_ws_conn *ws = hk_ws_session_conn(c->s);
                    if (ws != NULL)
                        printf("conn %u: closed code=%d sent=%d error=%s\n", c->id,
                               hk_ws_conn_close_code(ws), hk_ws_conn_sent_close_code(ws),
                               hk_error_name(hk_ws_session_error(c->s)));
                    else
                        printf("conn %u: handshake failed status=%d error=%s\n", c->id,
                               hk_ws_session_http_status(c->s),
                               hk_error_name(hk_ws_session_error(c->s)));
                }
                close(c->fd);
                hk_ws_session_destroy(c->s);
                free(c);
                conns[k] = conns[--nconns];
                continue;
            }
            if (t < next)
                next = t;
            k++;
        }
        if (lfd >= 0) {
            pfd[np].fd = nconns < max_conns ? lfd : -1;
            pfd[np].events = POLLIN;
            np++;
        }
        for (k = 0; k < nconns; k++) {
            pfd[np].fd = conns[k]->fd;
            pfd[np].events = (short)((hk_ws_session_want_read(conns[k]->s) ? POLLIN : 0) |
                                     (hk_ws_session_want_write(conns[k]->s) ? POLLOUT : 0));
            if (conns[k]->linger_until != 0)
                pfd[np].events = POLLIN;
            np++;
        }
        timeout = next <= now ? 0 : (int)(next - now > 1000 ? 1000 : next - now);
        n = poll(pfd, np, timeout);
        if (n < 0 && errno != EINTR) {
            perror("ws_echo_server: poll");
            return 1;
        }
        if (n <= 0)
            continue;

        {
            size_t base = lfd >= 0 ? 1 : 0;
            size_t count = nconns;
            for (k = 0; k < count; k++) {
                conn *c = conns[k];
                short re = pfd[base + k].revents;
                int rc = HK_OK;
                if (c->linger_until != 0) {
                    char sink[4096];
                    if ((re & (POLLIN | POLLHUP | POLLERR)) && recv(c->fd, sink, sizeof sink, 0) <= 0)
                        c->gone = 1;
                    continue;
                }
                if (re & (POLLIN | POLLHUP | POLLERR)) {
                    rc = hk_ws_session_on_readable(c->s);
                    if (!c->opened && hk_ws_session_conn(c->s) != NULL) {
                        c->opened = 1;
                        if (g_verbose)
                            printf("conn %u: open peer=%s protocol=%s\n", c->id, c->peer,
                                   hk_ws_session_protocol(c->s) ? hk_ws_session_protocol(c->s)
                                                                : "-");
                    }
                }
                if (hk_ws_session_want_write(c->s))
                    hk_ws_session_on_writable(c->s);
                if (rc == HK_ERR_IO || rc == HK_ERR_EOF)
                    c->gone = 1; /* the transport is gone: nothing more can be sent */
            }
            if (lfd >= 0 && (pfd[0].revents & POLLIN)) {
                for (;;) {
                    struct sockaddr_in pa;
                    socklen_t palen = sizeof pa;
                    int fd = accept(lfd, (struct sockaddr *)&pa, &palen);
                    conn *c;
                    if (fd < 0)
                        break;
                    if (nconns >= max_conns) {
                        close(fd);
                        break;
                    }
                    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    c = calloc(1, sizeof *c);
                    if (c == NULL) {
                        close(fd);
                        break;
                    }
                    c->fd = fd;
                    c->id = ++accepted;
                    inet_ntop(AF_INET, &pa.sin_addr, c->peer, sizeof c->peer);
                    snprintf(c->peer + strlen(c->peer), sizeof c->peer - strlen(c->peer), ":%u",
                             (unsigned)ntohs(pa.sin_port));
                    wscfg.user = c;
                    if (hk_ws_session_create(&c->s, &scfg) != HK_OK) {
                        close(fd);
                        free(c);
                        continue;
                    }
                    conns[nconns++] = c;
                    if (g_verbose)
                        printf("conn %u: accept peer=%s\n", c->id, c->peer);
                }
            }
        }
        if (g_verbose)
            fflush(stdout);
    }
    for (k = 0; k < nconns; k++) {
        close(conns[k]->fd);
        hk_ws_session_destroy(conns[k]->s);
        free(conns[k]);
    }
    nconns = 0;
    if (lfd >= 0)
        close(lfd);
    if (stats)
        print_stats(nconns, accepted);
    if (g_verbose)
        printf("shutdown complete\n");
    free(conns);
    free(pfd);
    return 0;
}
