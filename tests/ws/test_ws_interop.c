/*
 * Interoperability over loopback: the Python "websockets" client (Debian
 * python3-websockets) talks to a hooksock server engine driven through its
 * I/O callbacks on a non-blocking socket. The opening handshake is done here
 * by hand (OpenSSL SHA-1, RFC 6455 4.2.2) and its 101 response queued with
 * hk_ws_conn_queue_raw(), as a handshake layer in front of the engine would.
 * The client sends text (ASCII, multi-byte, empty, 70 000 bytes), binary,
 * a fragmented message and a ping; the server echoes; the client closes.
 * Then the other way round: a hooksock client engine against the Python
 * echo server, with the RFC 6455 4.2.2 example key and accept value.
 * Skipped when python3-websockets is not installed.
 */
#define _DEFAULT_SOURCE 1
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/sha.h>

#include "ws_util2.h"

extern char **environ;

static char py_client[] =
    "import asyncio, sys, websockets\n"
    "async def main(port):\n"
    "    async with websockets.connect('ws://127.0.0.1:%d/' % port, max_size=None,\n"
    "                                  compression=None) as ws:\n"
    "        for m in ['hello', '\\u03ba\\u1f79\\u03c3\\u03bc\\u03b5 \\U0001F600', '', 'x' * 70000]:\n"
    "            await ws.send(m)\n"
    "            assert await ws.recv() == m\n"
    "        for m in [bytes(range(256)) * 300, b'']:\n"
    "            await ws.send(m)\n"
    "            assert await ws.recv() == m\n"
    "        await ws.send(['frag', 'mented ', '\\u20ac'])\n"
    "        assert await ws.recv() == 'fragmented \\u20ac'\n"
    "        pong = await ws.ping(b'abc')\n"
    "        await asyncio.wait_for(pong, 5)\n"
    "        await ws.close(code=4001, reason='bye')\n"
    "        assert ws.close_code == 4001, ws.close_code\n"
    "asyncio.run(main(int(sys.argv[1])))\n";

static int io_fd = -1; /* the accepted socket */

static hk_ssize io_read(void *user, uint8_t *buf, size_t len)
{
    ssize_t n;
    (void)user;
    n = recv(io_fd, buf, len, MSG_DONTWAIT);
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? HK_ERR_WOULD_BLOCK
                                                                         : HK_ERR_IO;
    return (hk_ssize)n;
}

static hk_ssize io_write(void *user, const uint8_t *buf, size_t len)
{
    ssize_t n;
    (void)user;
    n = send(io_fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? HK_ERR_WOULD_BLOCK
                                                                         : HK_ERR_IO;
    return (hk_ssize)n;
}

typedef struct {
    hk_ws_conn *c;
    int messages, closes;
} srv_state;

static int on_message(void *user, int opcode, const uint8_t *d, size_t n)
{
    srv_state *s = user;
    s->messages++;
    return opcode == HK_WS_OP_TEXT ? hk_ws_conn_send_text(s->c, d, n)
                                   : hk_ws_conn_send_binary(s->c, d, n);
}

static int on_close(void *user, int code, const char *r, size_t n)
{
    srv_state *s = user;
    (void)r;
    (void)n;
    assert_int_equal(code, 4001);
    s->closes++;
    return 0;
}

static void b64(const uint8_t *in, size_t n, char *out)
{
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i;
    for (i = 0; i + 2 < n; i += 3) {
        *out++ = t[in[i] >> 2];
        *out++ = t[(in[i] & 3) << 4 | in[i + 1] >> 4];
        *out++ = t[(in[i + 1] & 15) << 2 | in[i + 2] >> 6];
        *out++ = t[in[i + 2] & 63];
    }
    if (n - i == 2) {
        *out++ = t[in[i] >> 2];
        *out++ = t[(in[i] & 3) << 4 | in[i + 1] >> 4];
        *out++ = t[(in[i + 1] & 15) << 2];
        *out++ = '=';
    } else if (n - i == 1) {
        *out++ = t[in[i] >> 2];
        *out++ = t[(in[i] & 3) << 4];
        *out++ = '=';
        *out++ = '=';
    }
    *out = 0;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void test_python_client(void **state)
{
    struct sockaddr_in sa;
    socklen_t sl = sizeof sa;
    int lfd, fd, one = 1, status = 0;
    char port[16], req[8192], accept_key[64], resp[256];
    size_t rl = 0;
    const char *key, *end;
    pid_t pid;
    char *argv[6];
    uint8_t digest[20];
    char keybuf[128];
    hk_ws_config cfg;
    srv_state st = {0};
    uint64_t deadline;
    int leftover_len;
    char *hdr_end;
    (void)state;

    if (access("/usr/bin/python3", X_OK) != 0 ||
        system("/usr/bin/python3 -c 'import websockets' 2>/dev/null") != 0)
        skip();
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(lfd >= 0);
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(lfd, 1), 0);
    assert_int_equal(getsockname(lfd, (struct sockaddr *)&sa, &sl), 0);
    snprintf(port, sizeof port, "%d", ntohs(sa.sin_port));
    argv[0] = "python3";
    argv[1] = "-c";
    argv[2] = py_client;
    argv[3] = port;
    argv[4] = NULL;
    assert_int_equal(posix_spawn(&pid, "/usr/bin/python3", NULL, NULL, argv, environ), 0);
    fd = accept(lfd, NULL, NULL);
    assert_true(fd >= 0);
    close(lfd);

    /* RFC 6455 4.2.1: read the request (blocking) up to the empty line */
    req[0] = 0;
    while ((hdr_end = strstr(req, "\r\n\r\n")) == NULL) {
        ssize_t n = recv(fd, req + rl, sizeof req - 1 - rl, 0);
        assert_true(n > 0);
        rl += (size_t)n;
        req[rl] = 0;
    }
    key = strstr(req, "Sec-WebSocket-Key: ");
    assert_non_null(key);
    key += 19;
    end = strstr(key, "\r\n");
    assert_true(end - key < 64);
    /* 4.2.2: accept = base64(SHA-1(key + GUID)) */
    snprintf(keybuf, sizeof keybuf, "%.*s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", (int)(end - key),
             key);
    SHA1((const unsigned char *)keybuf, strlen(keybuf), digest);
    b64(digest, 20, accept_key);
    snprintf(resp, sizeof resp,
             "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
             "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n",
             accept_key);

    hk_ws_config_default(&cfg);
    cfg.role = HK_WS_ROLE_SERVER;
    cfg.user = &st;
    cfg.on_message = on_message;
    cfg.on_close = on_close;
    cfg.read = io_read;
    cfg.write = io_write;
    cfg.ping_interval_ms = 200; /* exercise our keep-alive against a real peer */
    assert_int_equal(hk_ws_conn_create(&st.c, &cfg), HK_OK);
    io_fd = fd;
    assert_int_equal(hk_ws_conn_queue_raw(st.c, resp, strlen(resp)), HK_OK);
    leftover_len = (int)(req + rl - (hdr_end + 4));
    if (leftover_len > 0)
        assert_int_equal(ws_feed_copy(st.c, hdr_end + 4, (size_t)leftover_len), leftover_len);

    deadline = now_ms() + 20000;
    while (hk_ws_conn_state(st.c) != HK_WS_STATE_CLOSED) {
        struct pollfd p = {fd, 0, 0};
        uint64_t next;
        assert_true(now_ms() < deadline);
        assert_int_equal(hk_ws_conn_tick(st.c, now_ms(), &next), HK_OK);
        if (hk_ws_conn_want_read(st.c))
            p.events |= POLLIN;
        if (hk_ws_conn_want_write(st.c))
            p.events |= POLLOUT;
        assert_true(poll(&p, 1, 50) >= 0);
        if (p.revents & POLLOUT)
            assert_int_equal(hk_ws_conn_on_writable(st.c), HK_OK);
        if (p.revents & (POLLIN | POLLHUP))
            assert_int_equal(hk_ws_conn_on_readable(st.c), HK_OK);
    }
    assert_int_equal(hk_ws_conn_error(st.c), HK_OK);
    assert_int_equal(hk_ws_conn_close_code(st.c), 4001);
    assert_int_equal(st.messages, 7);
    assert_int_equal(st.closes, 1);
    close(fd); /* RFC 6455 7.1.1: the server closes the TCP connection first */
    hk_ws_conn_destroy(st.c);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static char py_server[] =
    "import asyncio, sys, websockets\n"
    "async def echo(ws):\n"
    "    async for m in ws:\n"
    "        await ws.send(m)\n"
    "async def main():\n"
    "    async with websockets.serve(echo, '127.0.0.1', 0, max_size=None,\n"
    "                                compression=None) as srv:\n"
    "        print(srv.sockets[0].getsockname()[1], flush=True)\n"
    "        await asyncio.sleep(30)\n"
    "asyncio.run(main())\n";

typedef struct {
    hk_ws_conn *c;
    int messages, pongs;
    size_t bytes;
} cli_state;

static int cli_message(void *user, int opcode, const uint8_t *d, size_t n)
{
    cli_state *s = user;
    size_t i;
    /* echoes come back in order: text "abc...", then binary of byte i */
    if (s->messages < 3) {
        assert_int_equal(opcode, HK_WS_OP_TEXT);
        for (i = 0; i < n; i++)
            assert_int_equal(d[i], 'a' + i % 26);
    } else {
        assert_int_equal(opcode, HK_WS_OP_BINARY);
        for (i = 0; i < n; i++)
            assert_int_equal(d[i], (uint8_t)i);
    }
    s->messages++;
    s->bytes += n;
    return 0;
}

static int cli_pong(void *user, const uint8_t *d, size_t n)
{
    cli_state *s = user;
    assert_int_equal(n, 3);
    assert_memory_equal(d, "xyz", 3);
    s->pongs++;
    return 0;
}

static void test_python_server(void **state)
{
    static const char request[] =
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n";
    FILE *f;
    pid_t pid;
    char line[64], resp[4096];
    int port, fd, k;
    struct sockaddr_in sa;
    size_t rl = 0, sizes[6] = {5, 125, 70000, 1, 65536, 200000}, i;
    char *hdr_end;
    hk_ws_config cfg;
    cli_state st = {0};
    uint8_t *msg;
    uint64_t deadline;
    (void)state;

    if (access("/usr/bin/python3", X_OK) != 0 ||
        system("/usr/bin/python3 -c 'import websockets' 2>/dev/null") != 0)
        skip();
    /* run the server with its stdout on a pipe: it prints its port */
    {
        int pfd[2];
        posix_spawn_file_actions_t fa;
        char *argv[4];
        assert_int_equal(pipe(pfd), 0);
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
        posix_spawn_file_actions_addclose(&fa, pfd[0]);
        argv[0] = "python3";
        argv[1] = "-c";
        argv[2] = py_server;
        argv[3] = NULL;
        assert_int_equal(posix_spawn(&pid, "/usr/bin/python3", &fa, NULL, argv, environ), 0);
        posix_spawn_file_actions_destroy(&fa);
        close(pfd[1]);
        f = fdopen(pfd[0], "r");
        assert_non_null(f);
    }
    assert_non_null(fgets(line, sizeof line, f));
    port = atoi(line);
    assert_true(port > 0);

    fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(send(fd, request, sizeof request - 1, 0), (ssize_t)(sizeof request - 1));
    resp[0] = 0;
    while ((hdr_end = strstr(resp, "\r\n\r\n")) == NULL) {
        ssize_t n = recv(fd, resp + rl, sizeof resp - 1 - rl, 0);
        assert_true(n > 0);
        rl += (size_t)n;
        resp[rl] = 0;
    }
    assert_memory_equal(resp, "HTTP/1.1 101", 12);
    /* RFC 6455 4.2.2 example: this key gives this accept value */
    assert_non_null(strstr(resp, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));

    hk_ws_config_default(&cfg);
    cfg.role = HK_WS_ROLE_CLIENT;
    cfg.user = &st;
    cfg.on_message = cli_message;
    cfg.on_pong = cli_pong;
    cfg.read = io_read;
    cfg.write = io_write;
    assert_int_equal(hk_ws_conn_create(&st.c, &cfg), HK_OK);
    io_fd = fd;
    if (resp + rl > hdr_end + 4)
        assert_true(ws_feed_copy(st.c, hdr_end + 4, (size_t)(resp + rl - (hdr_end + 4))) >= 0);
    msg = malloc(200000);
    for (i = 0; i < 6; i++) {
        size_t j;
        for (j = 0; j < sizes[i]; j++)
            msg[j] = i < 3 ? (uint8_t)('a' + j % 26) : (uint8_t)j;
        if (i < 3) {
            assert_int_equal(hk_ws_conn_send_text(st.c, msg, sizes[i]), HK_OK);
        } else if (i == 5) { /* fragmented */
            assert_int_equal(hk_ws_conn_send_begin(st.c, HK_WS_OP_BINARY, msg, 1000), HK_OK);
            assert_int_equal(hk_ws_conn_send_continue(st.c, msg + 1000, 99000), HK_OK);
            assert_int_equal(hk_ws_conn_send_end(st.c, msg + 100000, 100000), HK_OK);
        } else {
            assert_int_equal(hk_ws_conn_send_binary(st.c, msg, sizes[i]), HK_OK);
        }
    }
    assert_int_equal(hk_ws_conn_send_ping(st.c, "xyz", 3), HK_OK);
    free(msg);

    deadline = now_ms() + 20000;
    k = 0;
    while (hk_ws_conn_state(st.c) != HK_WS_STATE_CLOSED) {
        struct pollfd p = {fd, 0, 0};
        assert_true(now_ms() < deadline);
        if (st.messages == 6 && st.pongs == 1 && !k) {
            assert_int_equal(hk_ws_conn_close(st.c, 1000, "done", 4), HK_OK);
            k = 1;
        }
        assert_int_equal(hk_ws_conn_tick(st.c, now_ms(), NULL), HK_OK);
        if (hk_ws_conn_want_read(st.c))
            p.events |= POLLIN;
        if (hk_ws_conn_want_write(st.c))
            p.events |= POLLOUT;
        assert_true(poll(&p, 1, 50) >= 0);
        if (p.revents & POLLOUT)
            assert_int_equal(hk_ws_conn_on_writable(st.c), HK_OK);
        if (p.revents & (POLLIN | POLLHUP))
            assert_int_equal(hk_ws_conn_on_readable(st.c), HK_OK);
    }
    assert_int_equal(hk_ws_conn_error(st.c), HK_OK);
    assert_int_equal(hk_ws_conn_close_code(st.c), 1000);
    assert_int_equal(st.bytes, 5 + 125 + 70000 + 1 + 65536 + 200000);
    /* RFC 6455 7.1.1: the client waits for the server to close TCP */
    {
        uint8_t b;
        struct pollfd p = {fd, POLLIN, 0};
        assert_int_equal(poll(&p, 1, 5000), 1);
        assert_int_equal(recv(fd, &b, 1, 0), 0);
    }
    close(fd);
    hk_ws_conn_destroy(st.c);
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_python_client),
        cmocka_unit_test(test_python_server),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
