/*
 * hooksock/utf8.h - UTF-8 validation (RFC 3629, Unicode 15 table 3-7).
 *
 * Valid means: no overlong forms, no surrogates (U+D800..U+DFFF), nothing
 * above U+10FFFF, no stray continuation bytes, no C0/C1/F5..FF lead bytes.
 * The first invalid byte is the first byte that cannot continue any valid
 * sequence given everything before it (so "F4 90" fails at the 90, and
 * "E2 82 41" fails at the 41).
 *
 * The incremental validator carries its state between calls, so input may be
 * split anywhere, including inside a multi-byte sequence. It allocates
 * nothing. ASCII runs are checked a machine word (or vector) at a time.
 *
 * Implementations: a portable path (a table-driven DFA with word-at-a-time
 * ASCII runs) that every platform has, and on x86 vector paths (SSSE3, AVX2)
 * chosen at run time from CPUID. All paths return identical results and bad
 * offsets. The CPU features are read once per process and kept in a
 * write-once cache (a thread that finds it empty runs CPUID and stores the
 * result with a relaxed atomic store; every thread computes the same value,
 * so a race is harmless); this is the module's only global state.
 *
 * Thread safety: every function is reentrant; one hk_utf8_state must not be
 * used by two threads at the same time.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef HOOKSOCK_UTF8_H
#define HOOKSOCK_UTF8_H

#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Incremental validator state. Fields are private. Zero-filled == initial
 * (with HK_UTF8_IMPL_AUTO). The struct holds no pointers: it may be copied,
 * and copies continue independently.
 */
typedef struct hk_utf8_state {
    uint32_t state_;
    uint32_t reserved_; /* the implementation chosen by hk_utf8_init_impl */
} hk_utf8_state;

/*
 * Implementation paths. AUTO picks the fastest one this CPU supports; the
 * others force a path, so that tests and benchmarks can cover each one.
 */
enum hk_utf8_impl {
    HK_UTF8_IMPL_AUTO = 0,
    HK_UTF8_IMPL_PORTABLE = 1, /* scalar DFA, every platform */
    HK_UTF8_IMPL_SSSE3 = 2,    /* x86 with SSSE3 */
    HK_UTF8_IMPL_AVX2 = 3      /* x86 with AVX2 (and OS support for YMM state) */
};

/*
 * hk_utf8_impl_available - 1 if `impl` can be used on this CPU, else 0
 * (also 0 for an unknown value). AUTO and PORTABLE are always available.
 */
HK_API int hk_utf8_impl_available(int impl);

/*
 * hk_utf8_impl_name - "auto", "portable", "ssse3", "avx2" or "unknown": a
 * static string that lives as long as the program.
 * hk_utf8_impl_name(hk_utf8_impl_selected()) names what AUTO uses here.
 */
HK_API const char *hk_utf8_impl_name(int impl);

/* hk_utf8_impl_selected - the implementation AUTO resolves to on this CPU
 * (never HK_UTF8_IMPL_AUTO). */
HK_API int hk_utf8_impl_selected(void);

/* Reset to the initial state (at a character boundary), with the
 * automatically chosen implementation. st must not be NULL. */
HK_API void hk_utf8_init(hk_utf8_state *st);

/*
 * hk_utf8_init_impl - reset *st like hk_utf8_init, forcing implementation
 * `impl` (enum hk_utf8_impl) for every later update of this state.
 *
 * Returns HK_OK; HK_ERR_UNSUPPORTED if the CPU lacks that path (st is then
 * initialised with HK_UTF8_IMPL_PORTABLE); HK_ERR_INVALID_ARG for an
 * unknown value or st NULL (st, if not NULL, is then initialised with AUTO).
 */
HK_API int hk_utf8_init_impl(hk_utf8_state *st, int impl);

/*
 * hk_utf8_update - validate the next n bytes of a stream.
 *
 * Returns HK_OK if every byte so far is part of a valid prefix (the input may
 * end inside a sequence; see hk_utf8_final), or HK_ERR_UTF8_INVALID with
 * *bad_offset (if not NULL) set to the offset within p[0..n) of the first
 * invalid byte. After HK_ERR_UTF8_INVALID the state is sticky: every later
 * update returns HK_ERR_UTF8_INVALID with *bad_offset 0, until
 * hk_utf8_init. p may be NULL when n is 0.
 *
 * The error is reported as soon as the bad byte is seen: a sequence cut
 * short by a non-continuation byte fails at that byte, in this call, even if
 * the sequence began in an earlier call. *bad_offset is left unchanged on
 * HK_OK. p is only read during the call. Also returns HK_ERR_INVALID_ARG (state
 * unchanged) if st is NULL, or p is NULL while n > 0. A state whose private
 * fields were corrupted behaves as after an invalid byte.
 */
HK_API int hk_utf8_update(hk_utf8_state *st, const void *p, size_t n, size_t *bad_offset);

/*
 * hk_utf8_final - whether the stream may end here: HK_OK at a character
 * boundary, HK_ERR_UTF8_INCOMPLETE inside a sequence, HK_ERR_UTF8_INVALID if
 * an earlier update failed. Does not change the state. HK_ERR_INVALID_ARG if
 * st is NULL.
 */
HK_API int hk_utf8_final(const hk_utf8_state *st);

/*
 * hk_utf8_validate - one-shot validation of p[0..n).
 * Returns HK_OK, HK_ERR_UTF8_INVALID (first bad byte at *bad_offset) or
 * HK_ERR_UTF8_INCOMPLETE (input ends inside a sequence; *bad_offset is the
 * offset of that sequence's lead byte).
 * bad_offset may be NULL; it is left unchanged on HK_OK. p may be NULL when
 * n is 0 (HK_ERR_INVALID_ARG if p is NULL while n > 0).
 */
HK_API int hk_utf8_validate(const void *p, size_t n, size_t *bad_offset);

/*
 * hk_utf8_validate_impl - hk_utf8_validate with a forced implementation.
 * Same results; additionally HK_ERR_UNSUPPORTED if the CPU lacks `impl` and
 * HK_ERR_INVALID_ARG for an unknown value.
 */
HK_API int hk_utf8_validate_impl(const void *p, size_t n, size_t *bad_offset, int impl);

#ifdef __cplusplus
}
#endif

#endif /* HOOKSOCK_UTF8_H */
