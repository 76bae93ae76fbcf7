/*
 * hooksock.h - umbrella header: includes every public hooksock module.
 *
 * hooksock is a sans-IO C11 library for WebSocket (RFC 6455) and signed
 * webhooks (Standard Webhooks). It owns no socket, thread, timer or event
 * loop. See README.md and docs/ for the overview.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_H
#define HOOKSOCK_H

#include "hooksock/base.h"
#include "hooksock/crypto.h"
#include "hooksock/utf8.h"
#include "hooksock/http.h"
#include "hooksock/ws.h"
#include "hooksock/handshake.h"
#include "hooksock/webhook.h"

#endif /* HOOKSOCK_H */
