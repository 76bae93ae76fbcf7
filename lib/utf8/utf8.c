/*
 * utf8/utf8.c - incremental UTF-8 validation: the portable DFA, the driver
 * that hands whole blocks to a vector kernel, and the public API.
 *
 * Well-formed sequences are those of Unicode 15.0 section 3.9, table 3-7
 * (the same set as RFC 3629 section 4):
 *
 *   U+0000..U+007F     00..7F
 *   U+0080..U+07FF     C2..DF 80..BF
 *   U+0800..U+0FFF     E0     A0..BF 80..BF
 *   U+1000..U+CFFF     E1..EC 80..BF 80..BF
 *   U+D000..U+D7FF     ED     80..9F 80..BF
 *   U+E000..U+FFFF     EE..EF 80..BF 80..BF
 *   U+10000..U+3FFFF   F0     90..BF 80..BF 80..BF
 *   U+40000..U+FFFFF   F1..F3 80..BF 80..BF 80..BF
 *   U+100000..U+10FFFF F4     80..8F 80..BF 80..BF
 *
 * The DFA below has one state per row position of that table, so a byte is
 * rejected exactly when it cannot continue any well-formed sequence given
 * the bytes before it (the "maximal subpart" rule of section 3.9, which is
 * also what Autobahn's fail-fast cases 6.x expect).
 *
 * SPDX-License-Identifier: MIT
 */
#include "utf8/internal.h"

/*
 * DFA states, stored as bit offsets into a 64-bit transition row: the next
 * state after byte b in state s is (utf8_dfa_row[b] >> s) & 63. One table
 * load and a shift per byte, no multiplication on the dependency chain.
 * ACCEPT is 0 so that a zero-filled hk_utf8_state is at a boundary.
 */
#define HK_U8_ACC 0u  /* at a character boundary */
#define HK_U8_REJ 6u  /* an invalid byte was seen (absorbing) */
#define HK_U8_C1 12u  /* one continuation byte 80..BF still needed */
#define HK_U8_C2 18u  /* two continuation bytes needed */
#define HK_U8_C3 24u  /* three continuation bytes needed */
#define HK_U8_E0 30u  /* after E0: A0..BF, then one more */
#define HK_U8_ED 36u  /* after ED: 80..9F (no surrogates), then one more */
#define HK_U8_F0 42u  /* after F0: 90..BF (no overlongs), then two more */
#define HK_U8_F4 48u  /* after F4: 80..8F (<= U+10FFFF), then two more */

#define HK_U8_T(from, to) ((uint64_t)(to) << (from))
/* A row: the next state from each state (REJECT always stays REJECT). */
#define HK_U8_ROW(acc, c1, c2, c3, e0, ed, f0, f4)                                 \
    (HK_U8_T(HK_U8_ACC, acc) | HK_U8_T(HK_U8_REJ, HK_U8_REJ) | HK_U8_T(HK_U8_C1, c1) | \
     HK_U8_T(HK_U8_C2, c2) | HK_U8_T(HK_U8_C3, c3) | HK_U8_T(HK_U8_E0, e0) |        \
     HK_U8_T(HK_U8_ED, ed) | HK_U8_T(HK_U8_F0, f0) | HK_U8_T(HK_U8_F4, f4))
#define HK_U8_R HK_U8_REJ
#define HK_U8_LEAD(to) HK_U8_ROW(to, HK_U8_R, HK_U8_R, HK_U8_R, HK_U8_R, HK_U8_R, HK_U8_R, HK_U8_R)

/* Byte classes, one row each. */
#define HK_U8_ASC HK_U8_LEAD(HK_U8_ACC)  /* 00..7F */
#define HK_U8_X80 /* 80..8F */ \
    HK_U8_ROW(HK_U8_R, HK_U8_ACC, HK_U8_C1, HK_U8_C2, HK_U8_R, HK_U8_C1, HK_U8_R, HK_U8_C2)
#define HK_U8_X90 /* 90..9F */ \
    HK_U8_ROW(HK_U8_R, HK_U8_ACC, HK_U8_C1, HK_U8_C2, HK_U8_R, HK_U8_C1, HK_U8_C2, HK_U8_R)
#define HK_U8_XA0 /* A0..BF */ \
    HK_U8_ROW(HK_U8_R, HK_U8_ACC, HK_U8_C1, HK_U8_C2, HK_U8_C1, HK_U8_R, HK_U8_C2, HK_U8_R)
#define HK_U8_INV HK_U8_LEAD(HK_U8_R)    /* C0, C1, F5..FF: never valid */
#define HK_U8_L2 HK_U8_LEAD(HK_U8_C1)    /* C2..DF */
#define HK_U8_LE0 HK_U8_LEAD(HK_U8_E0)   /* E0 */
#define HK_U8_L3 HK_U8_LEAD(HK_U8_C2)    /* E1..EC, EE..EF */
#define HK_U8_LED HK_U8_LEAD(HK_U8_ED)   /* ED */
#define HK_U8_LF0 HK_U8_LEAD(HK_U8_F0)   /* F0 */
#define HK_U8_L4 HK_U8_LEAD(HK_U8_C3)    /* F1..F3 */
#define HK_U8_LF4 HK_U8_LEAD(HK_U8_F4)   /* F4 */

#define HK_U8_X4(r) r, r, r, r
#define HK_U8_X16(r) HK_U8_X4(r), HK_U8_X4(r), HK_U8_X4(r), HK_U8_X4(r)

static const uint64_t utf8_dfa_row[] = {
    HK_U8_X16(HK_U8_ASC), HK_U8_X16(HK_U8_ASC), HK_U8_X16(HK_U8_ASC), HK_U8_X16(HK_U8_ASC),
    HK_U8_X16(HK_U8_ASC), HK_U8_X16(HK_U8_ASC), HK_U8_X16(HK_U8_ASC), HK_U8_X16(HK_U8_ASC),
    HK_U8_X16(HK_U8_X80), HK_U8_X16(HK_U8_X90), HK_U8_X16(HK_U8_XA0), HK_U8_X16(HK_U8_XA0),
    /* C0..CF */
    HK_U8_INV, HK_U8_INV, HK_U8_L2, HK_U8_L2, HK_U8_X4(HK_U8_L2), HK_U8_X4(HK_U8_L2),
    HK_U8_X4(HK_U8_L2),
    /* D0..DF */
    HK_U8_X16(HK_U8_L2),
    /* E0..EF */
    HK_U8_LE0, HK_U8_L3, HK_U8_L3, HK_U8_L3, HK_U8_X4(HK_U8_L3), HK_U8_X4(HK_U8_L3),
    HK_U8_L3, HK_U8_LED, HK_U8_L3, HK_U8_L3,
    /* F0..FF */
    HK_U8_LF0, HK_U8_L4, HK_U8_L4, HK_U8_L4, HK_U8_LF4, HK_U8_INV, HK_U8_INV, HK_U8_INV,
    HK_U8_X4(HK_U8_INV), HK_U8_X4(HK_U8_INV)};

_Static_assert(sizeof utf8_dfa_row / sizeof utf8_dfa_row[0] == 256,
               "utf8_dfa_row needs one row per byte value");

static int utf8_state_valid(uint32_t s)
{
    return s <= HK_U8_F4 && s % 6 == 0;
}

#define HK_U8_HIGH UINT64_C(0x8080808080808080)

/* One DFA step. The full row shifted right is kept as the state: its low
 * six bits are the next state, and the mask before the next shift is free
 * where shifts take their count modulo 64 (x86, AArch64), which leaves one
 * shift per byte on the dependency chain. */
#define HK_U8_STEP(s, byte) ((s) = utf8_dfa_row[(byte)] >> ((s) & 63))

#define HK_U8_CONT(b) (((b) & 0xC0) == 0x80)

/*
 * Run the DFA over p[i..n) from *state. Returns the offset of the first byte
 * that takes it to REJECT (and *state == HK_U8_REJ), or n with *state the
 * state after the last byte. *state must not be REJECT on entry.
 *
 * At a boundary, ASCII is skipped 16 bytes at a time. Otherwise about 32
 * bytes at a time go through two DFA chains at once, so that their
 * latencies overlap: chain A from the current state over q[0..16), chain B
 * from ACCEPT over the 16 bytes from m, where q[m] (m in 13..16) is the
 * first byte at or before q[16] that is not a continuation byte. If A is at
 * ACCEPT on reaching m, B's start is right; if A is anywhere else, the byte
 * at m (not a continuation) is bad, or something before it was. REJECT is
 * absorbing, so one test per chain tells whether to walk the bytes again
 * one at a time to find the exact bad byte. Four continuation bytes in a
 * row (no m) are always an error, found the same way.
 */
static size_t utf8_dfa(const uint8_t *p, size_t i, size_t n, uint32_t *state)
{
    uint64_t s = *state;
    while (n - i >= 32) {
        const uint8_t *q, *r;
        uint64_t a, b, a13, a14, a15, am;
        unsigned c0, c1, c2, k;
        if ((s & 63) == HK_U8_ACC) {
            while (((hk__load64_ne(p + i) | hk__load64_ne(p + i + 8)) & HK_U8_HIGH) == 0) {
                i += 16;
                if (n - i < 32)
                    goto tail;
            }
        }
        q = p + i;
        c0 = HK_U8_CONT(q[16]);
        c1 = c0 & HK_U8_CONT(q[15]);
        c2 = c1 & HK_U8_CONT(q[14]);
        if (HK_UNLIKELY(c2 & HK_U8_CONT(q[13])))
            break;
        k = c0 + c1 + c2;
        r = q + 16 - k;
        a = s;
        b = HK_U8_ACC;
        HK_U8_STEP(a, q[0]);
        HK_U8_STEP(b, r[0]);
        HK_U8_STEP(a, q[1]);
        HK_U8_STEP(b, r[1]);
        HK_U8_STEP(a, q[2]);
        HK_U8_STEP(b, r[2]);
        HK_U8_STEP(a, q[3]);
        HK_U8_STEP(b, r[3]);
        HK_U8_STEP(a, q[4]);
        HK_U8_STEP(b, r[4]);
        HK_U8_STEP(a, q[5]);
        HK_U8_STEP(b, r[5]);
        HK_U8_STEP(a, q[6]);
        HK_U8_STEP(b, r[6]);
        HK_U8_STEP(a, q[7]);
        HK_U8_STEP(b, r[7]);
        HK_U8_STEP(a, q[8]);
        HK_U8_STEP(b, r[8]);
        HK_U8_STEP(a, q[9]);
        HK_U8_STEP(b, r[9]);
        HK_U8_STEP(a, q[10]);
        HK_U8_STEP(b, r[10]);
        HK_U8_STEP(a, q[11]);
        HK_U8_STEP(b, r[11]);
        HK_U8_STEP(a, q[12]);
        HK_U8_STEP(b, r[12]);
        a13 = a;
        HK_U8_STEP(a, q[13]);
        HK_U8_STEP(b, r[13]);
        a14 = a;
        HK_U8_STEP(a, q[14]);
        HK_U8_STEP(b, r[14]);
        a15 = a;
        HK_U8_STEP(a, q[15]);
        HK_U8_STEP(b, r[15]);
        /* A's state on reaching m = 16 - k. */
        am = k == 0 ? a : k == 1 ? a15 : k == 2 ? a14 : a13;
        if (HK_UNLIKELY((am & 63) != HK_U8_ACC))
            break; /* the bad byte is in q[0..m] */
        if (HK_UNLIKELY((b & 63) == HK_U8_REJ)) {
            s = HK_U8_ACC;
            i += 16 - k;
            break; /* the bad byte is in r[0..16) */
        }
        s = b;
        i += 32 - k;
    }
tail:
    /* The last bytes, or the walk that locates a bad byte found above
     * (which ends within 32 bytes). */
    for (; i < n; i++) {
        HK_U8_STEP(s, p[i]);
        if (HK_UNLIKELY((s & 63) == HK_U8_REJ)) {
            *state = HK_U8_REJ;
            return i;
        }
    }
    *state = (uint32_t)(s & 63);
    return n;
}

/* ---- implementation selection ------------------------------------------ */

static int utf8_impl_resolve(int impl)
{
#if defined(HK_UTF8_HAVE_X86)
    unsigned f = hk__utf8_x86_features();
    switch (impl) {
    case HK_UTF8_IMPL_AUTO:
        if (f & HK_UTF8_CPU_AVX2)
            return HK_UTF8_IMPL_AVX2;
        if (f & HK_UTF8_CPU_SSSE3)
            return HK_UTF8_IMPL_SSSE3;
        return HK_UTF8_IMPL_PORTABLE;
    case HK_UTF8_IMPL_SSSE3:
        return (f & HK_UTF8_CPU_SSSE3) ? impl : -1;
    case HK_UTF8_IMPL_AVX2:
        return (f & HK_UTF8_CPU_AVX2) ? impl : -1;
    default:
        break;
    }
#else
    if (impl == HK_UTF8_IMPL_AUTO)
        return HK_UTF8_IMPL_PORTABLE;
#endif
    return impl == HK_UTF8_IMPL_PORTABLE ? impl : -1;
}

static hk__utf8_kernel_fn utf8_kernel(int resolved)
{
#if defined(HK_UTF8_HAVE_X86)
    if (resolved == HK_UTF8_IMPL_AVX2)
        return hk__utf8_kernel_avx2;
    if (resolved == HK_UTF8_IMPL_SSSE3)
        return hk__utf8_kernel_ssse3;
#else
    (void)resolved;
#endif
    return NULL;
}

int hk_utf8_impl_available(int impl)
{
    return impl >= HK_UTF8_IMPL_AUTO && impl <= HK_UTF8_IMPL_AVX2 &&
           utf8_impl_resolve(impl) > 0;
}

const char *hk_utf8_impl_name(int impl)
{
    switch (impl) {
    case HK_UTF8_IMPL_AUTO:
        return "auto";
    case HK_UTF8_IMPL_PORTABLE:
        return "portable";
    case HK_UTF8_IMPL_SSSE3:
        return "ssse3";
    case HK_UTF8_IMPL_AVX2:
        return "avx2";
    default:
        return "unknown";
    }
}

int hk_utf8_impl_selected(void)
{
    return utf8_impl_resolve(HK_UTF8_IMPL_AUTO);
}

/* ---- the driver -------------------------------------------------------- */

/* Tails at least this long are checked by the vector kernel from a padded
 * copy rather than by the DFA. */
#define HK_U8_PAD_MIN 40

/*
 * The end of the last complete character in p[i..n), given that i is a
 * boundary: n, or the lead byte of a sequence cut short by the end of the
 * input (found by stepping back over at most three continuation bytes).
 */
static size_t utf8_complete_end(const uint8_t *p, size_t i, size_t n)
{
    size_t u = n;
    while (u > i && n - u < 3 && (p[u - 1] & 0xC0) == 0x80)
        u--;
    if (u > i && p[u - 1] >= 0xC0) {
        size_t need = p[u - 1] >= 0xF0 ? 4 : p[u - 1] >= 0xE0 ? 3 : 2;
        if (n - (u - 1) < need)
            return u - 1;
    }
    return n;
}

/*
 * Validate p[0..n) from *state with `kernel` (NULL: DFA only). Returns the
 * offset of the first bad byte, or n; *state as for utf8_dfa.
 *
 * At a boundary with at least a block left, the kernel checks whole blocks.
 * Everything before the offset it returns is a valid prefix, so the DFA can
 * restart at the last character boundary at or before that offset (found by
 * stepping back over at most three continuation bytes to their lead). If
 * the kernel stopped at a block with an error, the DFA runs over that block
 * and locates the exact bad byte (a sequence it leaves open is finished by
 * the DFA at the top of the loop, then the kernel resumes).
 *
 * The tail (less than a block and a sequence) goes to the kernel as a copy
 * padded with zeros, without a final incomplete sequence: a clean verdict
 * means every character in it is valid and complete, because at least one
 * zero follows the copied bytes, so a sequence open at their end would be
 * flagged. Anything flagged, and the incomplete sequence, go to the DFA.
 */
static size_t utf8_run(const uint8_t *p, size_t n, uint32_t *state, hk__utf8_kernel_fn kernel)
{
    size_t i = 0, end, j;
    if (kernel == NULL)
        return utf8_dfa(p, 0, n, state);
    for (;;) {
        if (*state != HK_U8_ACC) {
            /* Finish a sequence begun earlier: at most three bytes. */
            uint64_t s = *state;
            for (; i < n; i++) {
                HK_U8_STEP(s, p[i]);
                if ((s & 63) == HK_U8_REJ) {
                    *state = HK_U8_REJ;
                    return i;
                }
                if ((s & 63) == HK_U8_ACC) {
                    i++;
                    break;
                }
            }
            *state = (uint32_t)(s & 63);
            if (*state != HK_U8_ACC)
                return n;
        }
        if (n - i < HK_UTF8_BLOCK)
            break;
        end = i + kernel(p + i, n - i);
        j = end;
        while (j > i && end - j < 3 && (p[j - 1] & 0xC0) == 0x80)
            j--;
        if (j > i && p[j - 1] >= 0xC0)
            j--;
        if (n - end < HK_UTF8_BLOCK) {
            i = j; /* no error before the tail */
            break;
        }
        i = utf8_dfa(p, j, end + HK_UTF8_BLOCK, state);
        if (*state == HK_U8_REJ)
            return i;
    }
    if (n - i >= HK_U8_PAD_MIN) {
        size_t t = utf8_complete_end(p, i, n);
        if (t - i < HK_UTF8_BLOCK) {
            uint8_t blk[HK_UTF8_BLOCK];
            memset(blk, 0, sizeof blk);
            memcpy(blk, p + i, t - i);
            if (kernel(blk, sizeof blk) == sizeof blk)
                i = t;
        }
    }
    return utf8_dfa(p, i, n, state);
}

/* ---- public API ---------------------------------------------------------- */

void hk_utf8_init(hk_utf8_state *st)
{
    if (st == NULL)
        return;
    st->state_ = HK_U8_ACC;
    st->reserved_ = HK_UTF8_IMPL_AUTO;
}

int hk_utf8_init_impl(hk_utf8_state *st, int impl)
{
    hk_utf8_init(st);
    if (st == NULL || impl < HK_UTF8_IMPL_AUTO || impl > HK_UTF8_IMPL_AVX2)
        return HK_ERR_INVALID_ARG;
    if (utf8_impl_resolve(impl) < 0) {
        st->reserved_ = HK_UTF8_IMPL_PORTABLE;
        return HK_ERR_UNSUPPORTED;
    }
    st->reserved_ = (uint32_t)impl;
    return HK_OK;
}

/* Shared by update and validate: the resolved implementation is passed in. */
static int utf8_update(hk_utf8_state *st, const uint8_t *p, size_t n, size_t *bad_offset,
                       int resolved)
{
    size_t at;
    if (!utf8_state_valid(st->state_) || st->state_ == HK_U8_REJ) {
        st->state_ = HK_U8_REJ;
        if (bad_offset != NULL)
            *bad_offset = 0;
        return HK_ERR_UTF8_INVALID;
    }
    if (n == 0)
        return HK_OK;
    at = utf8_run(p, n, &st->state_, utf8_kernel(resolved));
    if (st->state_ == HK_U8_REJ) {
        if (bad_offset != NULL)
            *bad_offset = at;
        return HK_ERR_UTF8_INVALID;
    }
    return HK_OK;
}

int hk_utf8_update(hk_utf8_state *st, const void *p, size_t n, size_t *bad_offset)
{
    int impl;
    if (st == NULL || (p == NULL && n > 0))
        return HK_ERR_INVALID_ARG;
    /* A forced path stays forced; an unknown value (a corrupted state, or one
     * from a future version) falls back to AUTO. */
    impl = utf8_impl_resolve(st->reserved_ <= HK_UTF8_IMPL_AVX2 ? (int)st->reserved_ : 0);
    if (impl < 0)
        impl = HK_UTF8_IMPL_PORTABLE;
    return utf8_update(st, (const uint8_t *)p, n, bad_offset, impl);
}

int hk_utf8_final(const hk_utf8_state *st)
{
    if (st == NULL)
        return HK_ERR_INVALID_ARG;
    if (st->state_ == HK_U8_ACC)
        return HK_OK;
    if (!utf8_state_valid(st->state_) || st->state_ == HK_U8_REJ)
        return HK_ERR_UTF8_INVALID;
    return HK_ERR_UTF8_INCOMPLETE;
}

int hk_utf8_validate_impl(const void *p, size_t n, size_t *bad_offset, int impl)
{
    hk_utf8_state st = {HK_U8_ACC, 0};
    const uint8_t *b = (const uint8_t *)p;
    int rc, resolved;
    if (p == NULL && n > 0)
        return HK_ERR_INVALID_ARG;
    if (impl < HK_UTF8_IMPL_AUTO || impl > HK_UTF8_IMPL_AVX2)
        return HK_ERR_INVALID_ARG;
    resolved = utf8_impl_resolve(impl);
    if (resolved < 0)
        return HK_ERR_UNSUPPORTED;
    rc = utf8_update(&st, b, n, bad_offset, resolved);
    if (rc == HK_OK && st.state_ != HK_U8_ACC) {
        /* Ends inside a sequence: a valid prefix of it, i.e. a lead byte and
         * at most two continuation bytes. Report the lead. */
        size_t j = n;
        while (j > 0 && n - j < 2 && (b[j - 1] & 0xC0) == 0x80)
            j--;
        if (bad_offset != NULL)
            *bad_offset = j - 1;
        rc = HK_ERR_UTF8_INCOMPLETE;
    }
    return rc;
}

int hk_utf8_validate(const void *p, size_t n, size_t *bad_offset)
{
    return hk_utf8_validate_impl(p, n, bad_offset, HK_UTF8_IMPL_AUTO);
}

#undef HK_U8_ACC
#undef HK_U8_REJ
#undef HK_U8_C1
#undef HK_U8_C2
#undef HK_U8_C3
#undef HK_U8_E0
#undef HK_U8_ED
#undef HK_U8_F0
#undef HK_U8_F4
#undef HK_U8_T
#undef HK_U8_ROW
#undef HK_U8_R
#undef HK_U8_LEAD
#undef HK_U8_ASC
#undef HK_U8_X80
#undef HK_U8_X90
#undef HK_U8_XA0
#undef HK_U8_INV
#undef HK_U8_L2
#undef HK_U8_LE0
#undef HK_U8_L3
#undef HK_U8_LED
#undef HK_U8_LF0
#undef HK_U8_L4
#undef HK_U8_LF4
#undef HK_U8_X4
#undef HK_U8_X16
#undef HK_U8_HIGH
#undef HK_U8_STEP
#undef HK_U8_CONT
#undef HK_U8_PAD_MIN
