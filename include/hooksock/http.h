/*
 * hooksock/http.h - (being written)
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_HTTP_H
#define HOOKSOCK_HTTP_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif
