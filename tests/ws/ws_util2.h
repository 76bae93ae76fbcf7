/* Byte-sequence builder on top of ws_util (client-to-server frames masked
 * with a fixed key unless the target is a client). */
#ifndef WS_UTIL2_H
#define WS_UTIL2_H
#include "ws_util.h"

typedef struct {
    uint8_t *b;
    size_t n, cap;
} ws_bytes;

void wb_reset(ws_bytes *w);
void wb_free(ws_bytes *w);
/* Append a frame; masked with key {0x11,0x22,0x33,0x44} if mask. */
void wb_frame(ws_bytes *w, int mask, int fin, int rsv, int opcode, const void *p, size_t len);
void wb_raw(ws_bytes *w, const void *p, size_t len);

/* A connection with a recorder; rec->conn set. */
hk_ws_conn *ws_mk(int role, ws_rec *r, int streaming);
/* Parse everything the connection queued and drop it; returns frame count. */
int ws_out_frames(hk_ws_conn *c, ws_parsed *fr, int max);
#endif
