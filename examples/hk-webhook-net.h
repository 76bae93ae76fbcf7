/*
 * hk-webhook-net.h - the socket half of hk-webhook (send and serve): plain
 * TCP with POSIX sockets, all protocol work done by the library.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HK_WEBHOOK_NET_H
#define HK_WEBHOOK_NET_H

#include <hooksock.h>

/* Deliver body to url with the retry schedule (NULL: default), printing each
 * attempt on stdout. Returns the exit status: 0 delivered, 1 otherwise. */
int hkw_send(const char *url, const hk_wh_key *keys, size_t nkeys, const char *id,
             const hk_http_header *headers, size_t nheaders, const uint32_t *schedule,
             size_t nschedule, int timeout_s, const void *body, size_t body_len);

/* Receive on 127.0.0.1:port (0: ephemeral; the port is printed on stderr as
 * "listening on 127.0.0.1:PORT"), verify, answer, print accepted events as
 * JSON lines. Stops after `count` accepted events (count < 0: never). The
 * first `fail_first` requests are answered 503 with Retry-After: 1 (a testing
 * aid for senders' retries). Returns the exit status. */
int hkw_serve(int port, const hk_wh_key *keys, size_t nkeys, uint32_t tolerance, int64_t count,
              int64_t fail_first);

#endif
