/*
 * Shared pieces of the handshake fuzz targets: a counting allocator (leaks
 * abort), a fixed "random" source (so a seed's Sec-WebSocket-Accept stays
 * valid), and piece-wise feeding of a session.
 */
#ifndef FUZZ_HS_COMMON_H
#define FUZZ_HS_COMMON_H

#include <stdlib.h>
#include <string.h>

#include <hooksock.h>

typedef struct {
    size_t live;
} fzh_alloc_state;

static __attribute__((unused)) void *fzh_malloc(size_t n, void *u)
{
    ((fzh_alloc_state *)u)->live++;
    return malloc(n);
}
static __attribute__((unused)) void *fzh_realloc(void *p, size_t o, size_t n, void *u)
{
    (void)o;
    (void)u;
    return realloc(p, n);
}
static __attribute__((unused)) void fzh_free(void *p, size_t n, void *u)
{
    (void)n;
    ((fzh_alloc_state *)u)->live--;
    free(p);
}

/* The 16 bytes "the sample nonce" of RFC 6455 section 1.3: the client key is
 * then always dGhlIHNhbXBsZSBub25jZQ==. */
static __attribute__((unused)) int fzh_rand(void *u, uint8_t *b, size_t n)
{
    static const char nonce[] = "the sample nonce";
    size_t i;
    (void)u;
    for (i = 0; i < n; i++)
        b[i] = (uint8_t)nonce[i % 16];
    return HK_OK;
}

static __attribute__((unused)) int fzh_message(void *u, int op, const uint8_t *d, size_t n)
{
    (void)u;
    if (op != HK_WS_OP_TEXT && op != HK_WS_OP_BINARY)
        abort();
    if (op == HK_WS_OP_TEXT && hk_utf8_validate(d, n, NULL) != HK_OK)
        abort();
    return 0;
}

static __attribute__((unused)) int fzh_known_error(int rc)
{
    return rc == HK_OK || (rc < 0 && strcmp(hk_error_name(rc), "HK_ERR_UNKNOWN") != 0);
}

/* Feed data[0..size) to s in pieces whose sizes come from `seed`, draining
 * the output between pieces. Returns the first error or HK_OK. */
static __attribute__((unused)) int fzh_feed(hk_ws_session *s, const uint8_t *data, size_t size, uint8_t seed)
{
    uint8_t *copy = malloc(size ? size : 1);
    size_t pos = 0;
    int rc = HK_OK;
    unsigned step = seed ? seed : 1;
    memcpy(copy, data, size);
    while (pos < size) {
        size_t piece = 1 + (step % 97);
        hk_ssize n;
        const uint8_t *out;
        size_t olen;
        step = step * 1103515245u + 12345u;
        if (piece > size - pos)
            piece = size - pos;
        n = hk_ws_session_feed(s, copy + pos, piece);
        if (n < 0) {
            rc = (int)n;
            break;
        }
        if ((size_t)n > piece)
            abort();
        pos += (size_t)n;
        while ((olen = hk_ws_session_output(s, &out)) > 0)
            hk_ws_session_output_advance(s, olen);
        if (n == 0 && piece > 0 && hk_ws_session_want_read(s))
            abort(); /* wants input but took none with the output drained */
        if (n == 0)
            break;
    }
    free(copy);
    if (!fzh_known_error(rc))
        abort();
    return rc;
}

#endif
