/*
 * hooksock/ws.h - (being written)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_WS_H
#define HOOKSOCK_WS_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
