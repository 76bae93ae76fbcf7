/*
 * hooksock/webhook.h - (being written)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_WEBHOOK_H
#define HOOKSOCK_WEBHOOK_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
