/*
 * base/base.c - version, error names, default allocator, OS randomness.
 *
 * SPDX-License-Identifier: MIT
 */
#if !defined(_WIN32) && !defined(_DEFAULT_SOURCE)
#  define _DEFAULT_SOURCE 1 /* getrandom / arc4random_buf declarations */
#endif

#include <stdlib.h>

#include "base/internal.h"

#if defined(_WIN32)
#  include <windows.h>
#  include <bcrypt.h>
#elif defined(__linux__)
#  include <errno.h>
#  include <sys/random.h>
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
    defined(__NetBSD__) || defined(__DragonFly__)
#  define HK_HAVE_ARC4RANDOM 1
#endif

uint32_t hk_version(const char **string)
{
    if (string != NULL)
        *string = HK_VERSION_STRING;
    return (uint32_t)HK_VERSION_NUMBER;
}

/* ---- errors ---------------------------------------------------------- */

typedef struct {
    int code;
    const char *name;
    const char *text;
} hk__error_entry;

#define HK__ERROR_ENTRY(name, value, text) {value, "HK_" #name, text},
static const hk__error_entry hk__errors[] = {HK_ERROR_LIST(HK__ERROR_ENTRY)};
#undef HK__ERROR_ENTRY

static const hk__error_entry *hk__error_find(int err)
{
    size_t i;
    for (i = 0; i < sizeof hk__errors / sizeof hk__errors[0]; i++)
        if (hk__errors[i].code == err)
            return &hk__errors[i];
    return NULL;
}

const char *hk_strerror(int err)
{
    const hk__error_entry *e;
    if (err == HK_OK)
        return "success";
    e = hk__error_find(err);
    return e != NULL ? e->text : "unknown error";
}

const char *hk_error_name(int err)
{
    const hk__error_entry *e;
    if (err == HK_OK)
        return "HK_OK";
    e = hk__error_find(err);
    return e != NULL ? e->name : "HK_ERR_UNKNOWN";
}

int hk_is_fatal(int err)
{
    return err <= HK_ERR_FATAL_MIN;
}

/* ---- allocator ------------------------------------------------------- */

static void *hk__std_malloc(size_t size, void *user)
{
    (void)user;
    return malloc(size);
}

static void *hk__std_realloc(void *ptr, size_t old_size, size_t new_size, void *user)
{
    (void)old_size;
    (void)user;
    return realloc(ptr, new_size);
}

static void hk__std_free(void *ptr, size_t size, void *user)
{
    (void)size;
    (void)user;
    free(ptr);
}

static const hk_allocator hk__std_allocator = {hk__std_malloc, hk__std_realloc, hk__std_free, NULL};

const hk_allocator *hk_allocator_default(void)
{
    return &hk__std_allocator;
}

HK_INTERNAL int hk__allocator_init(hk_allocator *dst, const hk_allocator *src)
{
    if (src == NULL)
        src = &hk__std_allocator;
    if (src->malloc_fn == NULL || src->realloc_fn == NULL || src->free_fn == NULL)
        return HK_ERR_INVALID_ARG;
    *dst = *src;
    return HK_OK;
}

/* ---- randomness ------------------------------------------------------ */

int hk_random_default(void *user, uint8_t *buf, size_t len)
{
    (void)user;
    if (len == 0)
        return HK_OK;
    if (buf == NULL)
        return HK_ERR_INVALID_ARG;
#if defined(_WIN32)
    while (len > 0) {
        ULONG chunk = len > 0x40000000u ? 0x40000000u : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, buf, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return HK_ERR_RANDOM;
        buf += chunk;
        len -= chunk;
    }
    return HK_OK;
#elif defined(__linux__)
    while (len > 0) {
        /* getrandom() returns at most 32 MiB - 1 per call for large requests
         * and may be interrupted by a signal; loop until done. */
        ssize_t got = getrandom(buf, len, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return HK_ERR_RANDOM; /* ENOSYS on old kernels: no weak fallback */
        }
        buf += (size_t)got;
        len -= (size_t)got;
    }
    return HK_OK;
#elif defined(HK_HAVE_ARC4RANDOM)
    arc4random_buf(buf, len);
    return HK_OK;
#else
    return HK_ERR_RANDOM;
#endif
}
