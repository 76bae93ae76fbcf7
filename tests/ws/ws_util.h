/*
 * ws_util.h - helpers shared by the WebSocket tests: an event recorder, a
 * frame builder written independently of the library, and an in-memory
 * transport with partial writes and would-block on demand.
 */
#ifndef WS_UTIL_H
#define WS_UTIL_H

#include "hk_test.h"

enum { EV_MESSAGE = 1, EV_CHUNK, EV_PING, EV_PONG, EV_CLOSE };

typedef struct {
    int type;
    int opcode; /* message/chunk opcode; close code for EV_CLOSE */
    unsigned flags;
    size_t len;
    uint8_t *data;
} ws_event;

/* Event recorder; passed as cfg.user. */
typedef struct {
    ws_event ev[1024];
    size_t n;
    int fail_on;     /* make the callback of this event type return -1 */
    hk_ws_conn *conn; /* for callbacks that send */
    int send_in_callback; /* on message: echo it back */
    int send_err;         /* last error of such an echo */
    int no_store;         /* chunks: only count them (below), store nothing */
    size_t chunks, chunk_bytes, firsts, lasts;
    /* in-memory transport, when used */
    struct ws_pipe *rx, *tx;
    size_t read_max, write_max; /* 0 = unlimited */
    int read_block, write_block; /* return would-block while set */
    int read_fail, write_fail;
} ws_rec;

/* Byte pipe (one direction). */
typedef struct ws_pipe {
    uint8_t *buf;
    size_t len, cap;
    int eof;
} ws_pipe;

void ws_pipe_push(ws_pipe *p, const void *data, size_t n);
void ws_pipe_free(ws_pipe *p);

void ws_rec_init(ws_rec *r);
void ws_rec_free(ws_rec *r);

/* Config with the recorder's callbacks. streaming selects on_chunk. */
void ws_cfg(hk_ws_config *cfg, int role, ws_rec *rec, int streaming);

/* Transport callbacks over rec->rx / rec->tx. */
hk_ssize ws_io_read(void *user, uint8_t *buf, size_t len);
hk_ssize ws_io_write(void *user, const uint8_t *buf, size_t len);

/*
 * Build a frame (independent encoder): b0 = FIN/RSV/opcode byte as given,
 * masked if key != NULL. Returns bytes written.
 */
size_t ws_build(uint8_t *out, size_t cap, int fin, int rsv, int opcode, const uint8_t *key,
                const void *payload, size_t len);

/* Parse the frames in buf (independent decoder, no mask checks). Calls
 * back nothing; fills arrays. Returns the number of frames or -1 if the
 * bytes are not a sequence of complete frames. */
typedef struct {
    int fin, rsv, opcode, masked;
    size_t len;
    uint8_t payload[70000];
} ws_parsed;
int ws_parse_frames(const uint8_t *buf, size_t n, ws_parsed *out, int max);

/* Feed all of data (copied to a writable buffer) in one call; returns the
 * feed result. */
hk_ssize ws_feed_copy(hk_ws_conn *c, const void *data, size_t n);

/* The close frame the engine queued last: returns its status code (0 none,
 * -1 if the output holds no close frame). Drains the output. */
int ws_drain_close_code(hk_ws_conn *c);

#endif
