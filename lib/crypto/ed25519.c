/*
 * ed25519.c - Ed25519 signatures (RFC 8032 section 5.1).
 *
 * Layers, bottom up:
 *   - arithmetic in GF(p), p = 2^255 - 19: five 51-bit limbs with 128-bit
 *     products where the compiler has unsigned __int128, otherwise ten limbs
 *     of alternately 26 and 25 bits ("radix 2^25.5") with 64-bit products
 *     (forced with -DHK_ED25519_NO_INT128, which the tests use to cover it);
 *   - the twisted Edwards curve -x^2 + y^2 = 1 + d x^2 y^2 in extended
 *     coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z, with the unified
 *     addition and doubling formulas of Hisil, Wong, Carter and Dawson,
 *     "Twisted Edwards Curves Revisited" (ASIACRYPT 2008), section 3.1/4.2;
 *   - arithmetic modulo the group order L (Barrett reduction, 32-bit limbs);
 *   - key generation, signing and verification (RFC 8032 5.1.5 - 5.1.7).
 *
 * Everything that touches a secret (the seed, the clamped scalar, the nonce
 * r, intermediate points of [s]B and [r]B) runs in constant time: no branch
 * and no memory index depends on secret data. The fixed-base multiplication
 * uses signed radix-16 digits and a table of multiples of B read by masking
 * over every entry of a row (Bernstein, Duif, Lange, Schwabe, Yang, "High-
 * speed high-security signatures", 2011, section 4). Verification handles
 * only public data and runs in variable time: a joint wNAF double-scalar
 * multiplication (window 5 for the key, window 8 for B from a static table).
 *
 * Verification policy (see hk_ed25519_verify in crypto.h): canonical
 * encodings only (RFC 8032 5.1.7 step 1, 5.1.3), small-order A and R refused
 * and the cofactorless equation [S]B = R + [k]A checked by comparing the
 * encoding of [S]B - [k]A with R, which is what libsodium 1.0.18 does, so the
 * two accept exactly the same signatures.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <string.h>

#include "crypto/internal.h"

#if defined(__SIZEOF_INT128__) && !defined(HK_ED25519_NO_INT128)
#  define ED25519_FE51 1
#else
#  define ED25519_FE51 0
#endif

/* ======================================================================== */
/* Field arithmetic modulo p = 2^255 - 19                                    */
/* ======================================================================== */

#if ED25519_FE51

/*
 * h = h0 + h1 2^51 + h2 2^102 + h3 2^153 + h4 2^204. "Reduced" limbs (the
 * output of mul, sq, sub) are below 2^51 + 2^13; add does not carry, so its
 * output limbs are below 2^52.1 and one more add gives below 2^52.7. mul and
 * sq accept limbs below 2^54 (products of at most 2^54 * 19 * 2^54 summed five
 * times stay below 2^116), sub accepts a subtrahend below 2^53 - 76.
 */
__extension__ typedef unsigned __int128 ed25519_u128;
typedef struct {
    uint64_t v[5];
} ed25519_fe;
#  define ED25519_NLIMBS 5
#  define ED25519_FE(a, b, c, d, e) {{(uint64_t)(a), (uint64_t)(b), (uint64_t)(c), \
                                      (uint64_t)(d), (uint64_t)(e)}}
typedef uint64_t ed25519_limb;
#  define ED25519_M51 ((uint64_t)0x7ffffffffffff)

static unsigned ed25519_limb_bits(int i)
{
    (void)i;
    return 51;
}

static void ed25519_fe_add(ed25519_fe *h, const ed25519_fe *f, const ed25519_fe *g)
{
    h->v[0] = f->v[0] + g->v[0];
    h->v[1] = f->v[1] + g->v[1];
    h->v[2] = f->v[2] + g->v[2];
    h->v[3] = f->v[3] + g->v[3];
    h->v[4] = f->v[4] + g->v[4];
}

/* h = f - g, computed as f + 4p - g and carried once. */
static void ed25519_fe_sub(ed25519_fe *h, const ed25519_fe *f, const ed25519_fe *g)
{
    uint64_t h0 = f->v[0] + 0x1fffffffffffb4 - g->v[0];
    uint64_t h1 = f->v[1] + 0x1ffffffffffffc - g->v[1];
    uint64_t h2 = f->v[2] + 0x1ffffffffffffc - g->v[2];
    uint64_t h3 = f->v[3] + 0x1ffffffffffffc - g->v[3];
    uint64_t h4 = f->v[4] + 0x1ffffffffffffc - g->v[4];
    h1 += h0 >> 51;
    h0 &= ED25519_M51;
    h2 += h1 >> 51;
    h1 &= ED25519_M51;
    h3 += h2 >> 51;
    h2 &= ED25519_M51;
    h4 += h3 >> 51;
    h3 &= ED25519_M51;
    h0 += 19 * (h4 >> 51);
    h4 &= ED25519_M51;
    h->v[0] = h0;
    h->v[1] = h1;
    h->v[2] = h2;
    h->v[3] = h3;
    h->v[4] = h4;
}

/* Carry the five 128-bit column sums of a product into reduced limbs;
 * 2^255 = 19 (mod p) folds the top carry into limb 0. */
static void ed25519_fe_carry128(ed25519_fe *h, ed25519_u128 r0, ed25519_u128 r1,
                                ed25519_u128 r2, ed25519_u128 r3, ed25519_u128 r4)
{
    uint64_t h0, h1, h2, h3, h4, c;
    r1 += (uint64_t)(r0 >> 51);
    h0 = (uint64_t)r0 & ED25519_M51;
    r2 += (uint64_t)(r1 >> 51);
    h1 = (uint64_t)r1 & ED25519_M51;
    r3 += (uint64_t)(r2 >> 51);
    h2 = (uint64_t)r2 & ED25519_M51;
    r4 += (uint64_t)(r3 >> 51);
    h3 = (uint64_t)r3 & ED25519_M51;
    c = (uint64_t)(r4 >> 51);
    h4 = (uint64_t)r4 & ED25519_M51;
    h0 += c * 19;
    h1 += h0 >> 51;
    h0 &= ED25519_M51;
    h->v[0] = h0;
    h->v[1] = h1;
    h->v[2] = h2;
    h->v[3] = h3;
    h->v[4] = h4;
}

static void ed25519_fe_mul(ed25519_fe *h, const ed25519_fe *f, const ed25519_fe *g)
{
    const uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    const uint64_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
    const uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
    /* Column k collects f_i g_j with i + j = k, plus 19 f_i g_j with
     * i + j = k + 5 (those carry weight 2^255 * 2^(51 k)). */
    ed25519_u128 r0 = (ed25519_u128)f0 * g0 + (ed25519_u128)f1 * g4_19 +
                      (ed25519_u128)f2 * g3_19 + (ed25519_u128)f3 * g2_19 +
                      (ed25519_u128)f4 * g1_19;
    ed25519_u128 r1 = (ed25519_u128)f0 * g1 + (ed25519_u128)f1 * g0 +
                      (ed25519_u128)f2 * g4_19 + (ed25519_u128)f3 * g3_19 +
                      (ed25519_u128)f4 * g2_19;
    ed25519_u128 r2 = (ed25519_u128)f0 * g2 + (ed25519_u128)f1 * g1 + (ed25519_u128)f2 * g0 +
                      (ed25519_u128)f3 * g4_19 + (ed25519_u128)f4 * g3_19;
    ed25519_u128 r3 = (ed25519_u128)f0 * g3 + (ed25519_u128)f1 * g2 + (ed25519_u128)f2 * g1 +
                      (ed25519_u128)f3 * g0 + (ed25519_u128)f4 * g4_19;
    ed25519_u128 r4 = (ed25519_u128)f0 * g4 + (ed25519_u128)f1 * g3 + (ed25519_u128)f2 * g2 +
                      (ed25519_u128)f3 * g1 + (ed25519_u128)f4 * g0;
    ed25519_fe_carry128(h, r0, r1, r2, r3, r4);
}

static void ed25519_fe_sq(ed25519_fe *h, const ed25519_fe *f)
{
    const uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    const uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3;
    const uint64_t f3_19 = 19 * f3, f4_19 = 19 * f4;
    ed25519_u128 r0 = (ed25519_u128)f0 * f0 + (ed25519_u128)f1_2 * f4_19 +
                      (ed25519_u128)f2_2 * f3_19;
    ed25519_u128 r1 = (ed25519_u128)f0_2 * f1 + (ed25519_u128)f2_2 * f4_19 +
                      (ed25519_u128)f3 * f3_19;
    ed25519_u128 r2 = (ed25519_u128)f0_2 * f2 + (ed25519_u128)f1 * f1 +
                      (ed25519_u128)f3_2 * f4_19;
    ed25519_u128 r3 = (ed25519_u128)f0_2 * f3 + (ed25519_u128)f1_2 * f2 +
                      (ed25519_u128)f4 * f4_19;
    ed25519_u128 r4 = (ed25519_u128)f0_2 * f4 + (ed25519_u128)f1_2 * f3 +
                      (ed25519_u128)f2 * f2;
    ed25519_fe_carry128(h, r0, r1, r2, r3, r4);
}

/* Carry every limb below 2^51 once (top carry folded with 19). */
static void ed25519_fe_carry(ed25519_fe *h)
{
    int i;
    for (i = 0; i < 4; i++) {
        h->v[i + 1] += h->v[i] >> 51;
        h->v[i] &= ED25519_M51;
    }
    h->v[0] += 19 * (h->v[4] >> 51);
    h->v[4] &= ED25519_M51;
}

#else /* radix 2^25.5 */

/*
 * h = sum h_i 2^ceil(25.5 i): even limbs hold 26 bits, odd limbs 25 bits.
 * Reduced limbs are below 2^26 (even) and 2^25 + 2^17 (odd); add does not
 * carry. mul and sq accept even limbs below 2^27.6 and odd limbs below
 * 2^26.6: every column then sums ten products below 2^59.5, under 2^64.
 */
typedef struct {
    uint32_t v[10];
} ed25519_fe;
#  define ED25519_NLIMBS 10
#  define ED25519_FE_LO(a) (uint32_t)((uint64_t)(a) & 0x3ffffff)
#  define ED25519_FE_HI(a) (uint32_t)((uint64_t)(a) >> 26)
#  define ED25519_FE(a, b, c, d, e)                                            \
    {{ED25519_FE_LO(a), ED25519_FE_HI(a), ED25519_FE_LO(b), ED25519_FE_HI(b), \
      ED25519_FE_LO(c), ED25519_FE_HI(c), ED25519_FE_LO(d), ED25519_FE_HI(d), \
      ED25519_FE_LO(e), ED25519_FE_HI(e)}}
typedef uint32_t ed25519_limb;

static unsigned ed25519_limb_bits(int i)
{
    return (i & 1) ? 25u : 26u;
}

static void ed25519_fe_add(ed25519_fe *h, const ed25519_fe *f, const ed25519_fe *g)
{
    int i;
    for (i = 0; i < 10; i++)
        h->v[i] = f->v[i] + g->v[i];
}

/* Carry every limb to its width once (top carry folded with 19). */
static void ed25519_fe_carry(ed25519_fe *h)
{
    int i;
    for (i = 0; i < 9; i++) {
        unsigned w = ed25519_limb_bits(i);
        h->v[i + 1] += h->v[i] >> w;
        h->v[i] &= ((uint32_t)1 << w) - 1;
    }
    h->v[0] += 19 * (h->v[9] >> 25);
    h->v[9] &= 0x1ffffff;
}

/* h = f - g, computed as f + 4p - g and carried once. */
static void ed25519_fe_sub(ed25519_fe *h, const ed25519_fe *f, const ed25519_fe *g)
{
    int i;
    h->v[0] = f->v[0] + 0xfffffb4 - g->v[0];
    for (i = 1; i < 10; i++)
        h->v[i] = f->v[i] + ((i & 1) ? 0x7fffffcu : 0xffffffcu) - g->v[i];
    ed25519_fe_carry(h);
}

static void ed25519_fe_carry64(ed25519_fe *h, uint64_t r[10])
{
    int i;
    uint64_t c;
    for (i = 0; i < 9; i++) {
        unsigned w = ed25519_limb_bits(i);
        r[i + 1] += r[i] >> w;
        h->v[i] = (uint32_t)(r[i] & (((uint64_t)1 << w) - 1));
    }
    c = r[9] >> 25;
    h->v[9] = (uint32_t)(r[9] & 0x1ffffff);
    c = h->v[0] + 19 * c;
    h->v[0] = (uint32_t)(c & 0x3ffffff);
    h->v[1] += (uint32_t)(c >> 26);
}

/* Column k of f g collects f_i g_j with i + j = k (doubled when i and j are
 * both odd: the weight 2^(ceil(25.5 i) + ceil(25.5 j)) is then twice that of
 * limb k) and 19 f_i g_j with i + j = k + 10 (weight 2^255 = 19). */
static void ed25519_fe_mul(ed25519_fe *h, const ed25519_fe *f, const ed25519_fe *g)
{
    const uint32_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    const uint32_t f5 = f->v[5], f6 = f->v[6], f7 = f->v[7], f8 = f->v[8], f9 = f->v[9];
    const uint32_t f1_2 = 2 * f1, f3_2 = 2 * f3, f5_2 = 2 * f5, f7_2 = 2 * f7, f9_2 = 2 * f9;
    const uint32_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
    const uint32_t g5 = g->v[5], g6 = g->v[6], g7 = g->v[7], g8 = g->v[8], g9 = g->v[9];
    const uint32_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
    const uint32_t g5_19 = 19 * g5, g6_19 = 19 * g6, g7_19 = 19 * g7, g8_19 = 19 * g8;
    const uint32_t g9_19 = 19 * g9;
    uint64_t r[10];
    r[0] = (uint64_t)f0 * g0 + (uint64_t)f1_2 * g9_19 + (uint64_t)f2 * g8_19 +
           (uint64_t)f3_2 * g7_19 + (uint64_t)f4 * g6_19 + (uint64_t)f5_2 * g5_19 +
           (uint64_t)f6 * g4_19 + (uint64_t)f7_2 * g3_19 + (uint64_t)f8 * g2_19 +
           (uint64_t)f9_2 * g1_19;
    r[1] = (uint64_t)f0 * g1 + (uint64_t)f1 * g0 + (uint64_t)f2 * g9_19 +
           (uint64_t)f3 * g8_19 + (uint64_t)f4 * g7_19 + (uint64_t)f5 * g6_19 +
           (uint64_t)f6 * g5_19 + (uint64_t)f7 * g4_19 + (uint64_t)f8 * g3_19 +
           (uint64_t)f9 * g2_19;
    r[2] = (uint64_t)f0 * g2 + (uint64_t)f1_2 * g1 + (uint64_t)f2 * g0 +
           (uint64_t)f3_2 * g9_19 + (uint64_t)f4 * g8_19 + (uint64_t)f5_2 * g7_19 +
           (uint64_t)f6 * g6_19 + (uint64_t)f7_2 * g5_19 + (uint64_t)f8 * g4_19 +
           (uint64_t)f9_2 * g3_19;
    r[3] = (uint64_t)f0 * g3 + (uint64_t)f1 * g2 + (uint64_t)f2 * g1 + (uint64_t)f3 * g0 +
           (uint64_t)f4 * g9_19 + (uint64_t)f5 * g8_19 + (uint64_t)f6 * g7_19 +
           (uint64_t)f7 * g6_19 + (uint64_t)f8 * g5_19 + (uint64_t)f9 * g4_19;
    r[4] = (uint64_t)f0 * g4 + (uint64_t)f1_2 * g3 + (uint64_t)f2 * g2 + (uint64_t)f3_2 * g1 +
           (uint64_t)f4 * g0 + (uint64_t)f5_2 * g9_19 + (uint64_t)f6 * g8_19 +
           (uint64_t)f7_2 * g7_19 + (uint64_t)f8 * g6_19 + (uint64_t)f9_2 * g5_19;
    r[5] = (uint64_t)f0 * g5 + (uint64_t)f1 * g4 + (uint64_t)f2 * g3 + (uint64_t)f3 * g2 +
           (uint64_t)f4 * g1 + (uint64_t)f5 * g0 + (uint64_t)f6 * g9_19 +
           (uint64_t)f7 * g8_19 + (uint64_t)f8 * g7_19 + (uint64_t)f9 * g6_19;
    r[6] = (uint64_t)f0 * g6 + (uint64_t)f1_2 * g5 + (uint64_t)f2 * g4 + (uint64_t)f3_2 * g3 +
           (uint64_t)f4 * g2 + (uint64_t)f5_2 * g1 + (uint64_t)f6 * g0 +
           (uint64_t)f7_2 * g9_19 + (uint64_t)f8 * g8_19 + (uint64_t)f9_2 * g7_19;
    r[7] = (uint64_t)f0 * g7 + (uint64_t)f1 * g6 + (uint64_t)f2 * g5 + (uint64_t)f3 * g4 +
           (uint64_t)f4 * g3 + (uint64_t)f5 * g2 + (uint64_t)f6 * g1 + (uint64_t)f7 * g0 +
           (uint64_t)f8 * g9_19 + (uint64_t)f9 * g8_19;
    r[8] = (uint64_t)f0 * g8 + (uint64_t)f1_2 * g7 + (uint64_t)f2 * g6 + (uint64_t)f3_2 * g5 +
           (uint64_t)f4 * g4 + (uint64_t)f5_2 * g3 + (uint64_t)f6 * g2 + (uint64_t)f7_2 * g1 +
           (uint64_t)f8 * g0 + (uint64_t)f9_2 * g9_19;
    r[9] = (uint64_t)f0 * g9 + (uint64_t)f1 * g8 + (uint64_t)f2 * g7 + (uint64_t)f3 * g6 +
           (uint64_t)f4 * g5 + (uint64_t)f5 * g4 + (uint64_t)f6 * g3 + (uint64_t)f7 * g2 +
           (uint64_t)f8 * g1 + (uint64_t)f9 * g0;
    ed25519_fe_carry64(h, r);
}

/* The same columns for f = g, each product f_i f_j (i < j) taken once and
 * doubled through the precomputed 2 f_i. */
static void ed25519_fe_sq(ed25519_fe *h, const ed25519_fe *f)
{
    const uint32_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    const uint32_t f5 = f->v[5], f6 = f->v[6], f7 = f->v[7], f8 = f->v[8], f9 = f->v[9];
    const uint32_t f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3, f4_2 = 2 * f4;
    const uint32_t f5_2 = 2 * f5, f6_2 = 2 * f6, f7_2 = 2 * f7, f8_2 = 2 * f8, f9_2 = 2 * f9;
    const uint32_t f5_19 = 19 * f5, f6_19 = 19 * f6, f7_19 = 19 * f7, f8_19 = 19 * f8;
    const uint32_t f9_19 = 19 * f9, f7_38 = 38 * f7, f9_38 = 38 * f9;
    uint64_t r[10];
    r[0] = (uint64_t)f0 * f0 + (uint64_t)f1_2 * f9_38 + (uint64_t)f2_2 * f8_19 +
           (uint64_t)f3_2 * f7_38 + (uint64_t)f4_2 * f6_19 + (uint64_t)f5_2 * f5_19;
    r[1] = (uint64_t)f0_2 * f1 + (uint64_t)f2_2 * f9_19 + (uint64_t)f3_2 * f8_19 +
           (uint64_t)f4_2 * f7_19 + (uint64_t)f5_2 * f6_19;
    r[2] = (uint64_t)f0_2 * f2 + (uint64_t)f1_2 * f1 + (uint64_t)f3_2 * f9_38 +
           (uint64_t)f4_2 * f8_19 + (uint64_t)f5_2 * f7_38 + (uint64_t)f6 * f6_19;
    r[3] = (uint64_t)f0_2 * f3 + (uint64_t)f1_2 * f2 + (uint64_t)f4_2 * f9_19 +
           (uint64_t)f5_2 * f8_19 + (uint64_t)f6_2 * f7_19;
    r[4] = (uint64_t)f0_2 * f4 + (uint64_t)f1_2 * f3_2 + (uint64_t)f2 * f2 +
           (uint64_t)f5_2 * f9_38 + (uint64_t)f6_2 * f8_19 + (uint64_t)f7_2 * f7_19;
    r[5] = (uint64_t)f0_2 * f5 + (uint64_t)f1_2 * f4 + (uint64_t)f2_2 * f3 +
           (uint64_t)f6_2 * f9_19 + (uint64_t)f7_2 * f8_19;
    r[6] = (uint64_t)f0_2 * f6 + (uint64_t)f1_2 * f5_2 + (uint64_t)f2_2 * f4 +
           (uint64_t)f3_2 * f3 + (uint64_t)f7_2 * f9_38 + (uint64_t)f8 * f8_19;
    r[7] = (uint64_t)f0_2 * f7 + (uint64_t)f1_2 * f6 + (uint64_t)f2_2 * f5 +
           (uint64_t)f3_2 * f4 + (uint64_t)f8_2 * f9_19;
    r[8] = (uint64_t)f0_2 * f8 + (uint64_t)f1_2 * f7_2 + (uint64_t)f2_2 * f6 +
           (uint64_t)f3_2 * f5_2 + (uint64_t)f4 * f4 + (uint64_t)f9_2 * f9_19;
    r[9] = (uint64_t)f0_2 * f9 + (uint64_t)f1_2 * f8 + (uint64_t)f2_2 * f7 +
           (uint64_t)f3_2 * f6 + (uint64_t)f4_2 * f5;
    ed25519_fe_carry64(h, r);
}

#endif /* radix */

static void ed25519_fe_0(ed25519_fe *h)
{
    memset(h, 0, sizeof *h);
}

static void ed25519_fe_1(ed25519_fe *h)
{
    memset(h, 0, sizeof *h);
    h->v[0] = 1;
}

static void ed25519_fe_neg(ed25519_fe *h, const ed25519_fe *f)
{
    ed25519_fe z;
    ed25519_fe_0(&z);
    ed25519_fe_sub(h, &z, f);
}

/* f = g if b == 1, unchanged if b == 0; b must be 0 or 1. Constant time. */
static void ed25519_fe_cmov(ed25519_fe *f, const ed25519_fe *g, ed25519_limb b)
{
    const ed25519_limb mask = (ed25519_limb)0 - b;
    int i;
    for (i = 0; i < ED25519_NLIMBS; i++)
        f->v[i] ^= mask & (f->v[i] ^ g->v[i]);
}

/* h = f^(2^n) */
static void ed25519_fe_sqn(ed25519_fe *h, const ed25519_fe *f, int n)
{
    ed25519_fe_sq(h, f);
    while (--n > 0)
        ed25519_fe_sq(h, h);
}

/* Load 255 bits (the top bit of s[31] is ignored); the value may be >= p. */
static void ed25519_fe_frombytes(ed25519_fe *h, const uint8_t s[32])
{
    uint64_t acc = 0;
    unsigned bits = 0, k = 0;
    int i;
    for (i = 0; i < ED25519_NLIMBS; i++) {
        unsigned w = ed25519_limb_bits(i);
        while (bits < w) {
            acc |= (uint64_t)s[k++] << bits;
            bits += 8;
        }
        h->v[i] = (ed25519_limb)(acc & (((uint64_t)1 << w) - 1));
        acc >>= w;
        bits -= w;
    }
}

/* The canonical encoding: the unique value in [0, p), little-endian. */
static void ed25519_fe_tobytes(uint8_t s[32], const ed25519_fe *f)
{
    ed25519_fe h = *f;
    ed25519_limb q;
    uint64_t acc = 0;
    unsigned bits = 0, k = 0;
    int i;
    /* Two carry passes bring h below 2^255 + 2^13 < 2p. */
    ed25519_fe_carry(&h);
    ed25519_fe_carry(&h);
    /* q = 1 iff h >= p, i.e. iff h + 19 >= 2^255. */
    q = (ed25519_limb)((h.v[0] + 19) >> ed25519_limb_bits(0));
    for (i = 1; i < ED25519_NLIMBS; i++)
        q = (ed25519_limb)((h.v[i] + q) >> ed25519_limb_bits(i));
    /* h - q p = h + 19 q - q 2^255: add 19 q, carry, drop bit 255. */
    h.v[0] += 19 * q;
    for (i = 0; i < ED25519_NLIMBS - 1; i++) {
        unsigned w = ed25519_limb_bits(i);
        h.v[i + 1] += h.v[i] >> w;
        h.v[i] &= (ed25519_limb)((((uint64_t)1) << w) - 1);
    }
    h.v[ED25519_NLIMBS - 1] &=
        (ed25519_limb)((((uint64_t)1) << ed25519_limb_bits(ED25519_NLIMBS - 1)) - 1);
    for (i = 0; i < ED25519_NLIMBS; i++) {
        acc |= (uint64_t)h.v[i] << bits;
        bits += ed25519_limb_bits(i);
        while (bits >= 8) {
            s[k++] = (uint8_t)acc;
            acc >>= 8;
            bits -= 8;
        }
    }
    s[31] = (uint8_t)acc;
}

/* 1 if f is "negative" (its canonical value is odd, RFC 8032 5.1.2). */
static int ed25519_fe_isnegative(const ed25519_fe *f)
{
    uint8_t s[32];
    ed25519_fe_tobytes(s, f);
    return s[0] & 1;
}

/* 1 if f = 0 (mod p). Constant time. */
static int ed25519_fe_iszero(const ed25519_fe *f)
{
    uint8_t s[32];
    unsigned d = 0;
    int i;
    ed25519_fe_tobytes(s, f);
    for (i = 0; i < 32; i++)
        d |= s[i];
    return (int)(((d - 1) >> 8) & 1);
}

/* t = z^(2^250 - 1) and z11 = z^11: the common part of the chains below. */
static void ed25519_fe_pow2501(ed25519_fe *t, ed25519_fe *z11, const ed25519_fe *z)
{
    ed25519_fe a, b, c;
    ed25519_fe_sq(&a, z);              /* z^2 */
    ed25519_fe_sqn(&b, &a, 2);         /* z^8 */
    ed25519_fe_mul(&b, &b, z);         /* z^9 */
    ed25519_fe_mul(z11, &a, &b);       /* z^11 */
    ed25519_fe_sq(&a, z11);            /* z^22 */
    ed25519_fe_mul(&b, &a, &b);        /* z^31 = z^(2^5 - 1) */
    ed25519_fe_sqn(&a, &b, 5);
    ed25519_fe_mul(&b, &a, &b);        /* z^(2^10 - 1) */
    ed25519_fe_sqn(&a, &b, 10);
    ed25519_fe_mul(&a, &a, &b);        /* z^(2^20 - 1) */
    ed25519_fe_sqn(&c, &a, 20);
    ed25519_fe_mul(&a, &c, &a);        /* z^(2^40 - 1) */
    ed25519_fe_sqn(&a, &a, 10);
    ed25519_fe_mul(&b, &a, &b);        /* z^(2^50 - 1) */
    ed25519_fe_sqn(&a, &b, 50);
    ed25519_fe_mul(&a, &a, &b);        /* z^(2^100 - 1) */
    ed25519_fe_sqn(&c, &a, 100);
    ed25519_fe_mul(&a, &c, &a);        /* z^(2^200 - 1) */
    ed25519_fe_sqn(&a, &a, 50);
    ed25519_fe_mul(t, &a, &b);         /* z^(2^250 - 1) */
}

/* h = z^(p - 2) = 1/z (Fermat); p - 2 = (2^250 - 1) 2^5 + 11. */
static void ed25519_fe_invert(ed25519_fe *h, const ed25519_fe *z)
{
    ed25519_fe t, z11;
    ed25519_fe_pow2501(&t, &z11, z);
    ed25519_fe_sqn(&t, &t, 5);
    ed25519_fe_mul(h, &t, &z11);
}

/* h = z^((p - 5) / 8); (p - 5) / 8 = 2^252 - 3 = (2^250 - 1) 2^2 + 1. */
static void ed25519_fe_pow22523(ed25519_fe *h, const ed25519_fe *z)
{
    ed25519_fe t, z11;
    ed25519_fe_pow2501(&t, &z11, z);
    ed25519_fe_sqn(&t, &t, 2);
    ed25519_fe_mul(h, &t, z);
}

/* ======================================================================== */
/* The curve                                                                 */
/* ======================================================================== */

typedef struct { /* extended: x = X/Z, y = Y/Z, x y = T/Z */
    ed25519_fe X, Y, Z, T;
} ed25519_p3;

typedef struct { /* projective: x = X/Z, y = Y/Z */
    ed25519_fe X, Y, Z;
} ed25519_p2;

typedef struct { /* completed: x = E/G, y = H/F (the four factors of a sum) */
    ed25519_fe E, F, G, H;
} ed25519_p1p1;

typedef struct { /* affine, ready to add: y + x, y - x, 2 d x y */
    ed25519_fe ypx, ymx, xy2d;
} ed25519_niels;

typedef struct { /* projective, ready to add: Y + X, Y - X, Z, 2 d T */
    ed25519_fe YpX, YmX, Z, T2d;
} ed25519_cached;

#include "crypto/ed25519_table.h"

static void ed25519_p3_0(ed25519_p3 *h)
{
    ed25519_fe_0(&h->X);
    ed25519_fe_1(&h->Y);
    ed25519_fe_1(&h->Z);
    ed25519_fe_0(&h->T);
}

static void ed25519_p2_0(ed25519_p2 *h)
{
    ed25519_fe_0(&h->X);
    ed25519_fe_1(&h->Y);
    ed25519_fe_1(&h->Z);
}

/* (X:Y:Z:T) = (E F : G H : F G : E H) */
static void ed25519_p1p1_to_p3(ed25519_p3 *r, const ed25519_p1p1 *p)
{
    ed25519_fe_mul(&r->X, &p->E, &p->F);
    ed25519_fe_mul(&r->Y, &p->G, &p->H);
    ed25519_fe_mul(&r->Z, &p->F, &p->G);
    ed25519_fe_mul(&r->T, &p->E, &p->H);
}

static void ed25519_p1p1_to_p2(ed25519_p2 *r, const ed25519_p1p1 *p)
{
    ed25519_fe_mul(&r->X, &p->E, &p->F);
    ed25519_fe_mul(&r->Y, &p->G, &p->H);
    ed25519_fe_mul(&r->Z, &p->F, &p->G);
}

static void ed25519_p3_to_p2(ed25519_p2 *r, const ed25519_p3 *p)
{
    r->X = p->X;
    r->Y = p->Y;
    r->Z = p->Z;
}

static void ed25519_p3_to_cached(ed25519_cached *r, const ed25519_p3 *p)
{
    ed25519_fe_add(&r->YpX, &p->Y, &p->X);
    ed25519_fe_sub(&r->YmX, &p->Y, &p->X);
    r->Z = p->Z;
    ed25519_fe_mul(&r->T2d, &p->T, &ed25519_const_2d);
}

/*
 * Doubling, "dbl-2008-hwcd" with a = -1 and every factor negated (which
 * leaves the products unchanged): A = X^2, B = Y^2, C = 2 Z^2,
 * E = A + B - (X + Y)^2 = -2XY, G = A - B, F = C + G, H = A + B.
 */
static void ed25519_p2_dbl(ed25519_p1p1 *r, const ed25519_p2 *p)
{
    ed25519_fe a, b, c, t;
    ed25519_fe_sq(&a, &p->X);
    ed25519_fe_sq(&b, &p->Y);
    ed25519_fe_sq(&c, &p->Z);
    ed25519_fe_add(&c, &c, &c);
    ed25519_fe_add(&r->H, &a, &b);
    ed25519_fe_add(&t, &p->X, &p->Y);
    ed25519_fe_sq(&t, &t);
    ed25519_fe_sub(&r->E, &r->H, &t);
    ed25519_fe_sub(&r->G, &a, &b);
    ed25519_fe_add(&r->F, &c, &r->G);
}

static void ed25519_p3_dbl(ed25519_p1p1 *r, const ed25519_p3 *p)
{
    ed25519_p2 q;
    ed25519_p3_to_p2(&q, p);
    ed25519_p2_dbl(r, &q);
}

/*
 * Addition, "add-2008-hwcd-3" (a = -1, k = 2d): A = (Y1 - X1)(Y2 - X2),
 * B = (Y1 + X1)(Y2 + X2), C = k T1 T2, D = 2 Z1 Z2, E = B - A, F = D - C,
 * G = D + C, H = B + A. Subtraction adds (-x, y): it swaps y+x with y-x and
 * negates C.
 */
static void ed25519_p3_madd(ed25519_p1p1 *r, const ed25519_p3 *p, const ed25519_niels *q)
{
    ed25519_fe a, b, c, d;
    ed25519_fe_sub(&a, &p->Y, &p->X);
    ed25519_fe_mul(&a, &a, &q->ymx);
    ed25519_fe_add(&b, &p->Y, &p->X);
    ed25519_fe_mul(&b, &b, &q->ypx);
    ed25519_fe_mul(&c, &p->T, &q->xy2d);
    ed25519_fe_add(&d, &p->Z, &p->Z);
    ed25519_fe_sub(&r->E, &b, &a);
    ed25519_fe_sub(&r->F, &d, &c);
    ed25519_fe_add(&r->G, &d, &c);
    ed25519_fe_add(&r->H, &b, &a);
}

static void ed25519_p3_msub(ed25519_p1p1 *r, const ed25519_p3 *p, const ed25519_niels *q)
{
    ed25519_fe a, b, c, d;
    ed25519_fe_sub(&a, &p->Y, &p->X);
    ed25519_fe_mul(&a, &a, &q->ypx);
    ed25519_fe_add(&b, &p->Y, &p->X);
    ed25519_fe_mul(&b, &b, &q->ymx);
    ed25519_fe_mul(&c, &p->T, &q->xy2d);
    ed25519_fe_add(&d, &p->Z, &p->Z);
    ed25519_fe_sub(&r->E, &b, &a);
    ed25519_fe_add(&r->F, &d, &c);
    ed25519_fe_sub(&r->G, &d, &c);
    ed25519_fe_add(&r->H, &b, &a);
}

static void ed25519_p3_add(ed25519_p1p1 *r, const ed25519_p3 *p, const ed25519_cached *q)
{
    ed25519_fe a, b, c, d;
    ed25519_fe_sub(&a, &p->Y, &p->X);
    ed25519_fe_mul(&a, &a, &q->YmX);
    ed25519_fe_add(&b, &p->Y, &p->X);
    ed25519_fe_mul(&b, &b, &q->YpX);
    ed25519_fe_mul(&c, &p->T, &q->T2d);
    ed25519_fe_mul(&d, &p->Z, &q->Z);
    ed25519_fe_add(&d, &d, &d);
    ed25519_fe_sub(&r->E, &b, &a);
    ed25519_fe_sub(&r->F, &d, &c);
    ed25519_fe_add(&r->G, &d, &c);
    ed25519_fe_add(&r->H, &b, &a);
}

static void ed25519_p3_sub(ed25519_p1p1 *r, const ed25519_p3 *p, const ed25519_cached *q)
{
    ed25519_fe a, b, c, d;
    ed25519_fe_sub(&a, &p->Y, &p->X);
    ed25519_fe_mul(&a, &a, &q->YpX);
    ed25519_fe_add(&b, &p->Y, &p->X);
    ed25519_fe_mul(&b, &b, &q->YmX);
    ed25519_fe_mul(&c, &p->T, &q->T2d);
    ed25519_fe_mul(&d, &p->Z, &q->Z);
    ed25519_fe_add(&d, &d, &d);
    ed25519_fe_sub(&r->E, &b, &a);
    ed25519_fe_add(&r->F, &d, &c);
    ed25519_fe_sub(&r->G, &d, &c);
    ed25519_fe_add(&r->H, &b, &a);
}

/* RFC 8032 5.1.2: y little-endian, the sign of x in the top bit; zi = 1/Z. */
static void ed25519_encode_zi(uint8_t s[32], const ed25519_fe *X, const ed25519_fe *Y,
                              const ed25519_fe *zi)
{
    ed25519_fe x, y;
    ed25519_fe_mul(&x, X, zi);
    ed25519_fe_mul(&y, Y, zi);
    ed25519_fe_tobytes(s, &y);
    s[31] = (uint8_t)(s[31] ^ (ed25519_fe_isnegative(&x) << 7));
    hk_wipe(&x, sizeof x);
    hk_wipe(&y, sizeof y);
}

static void ed25519_encode(uint8_t s[32], const ed25519_fe *X, const ed25519_fe *Y,
                           const ed25519_fe *Z)
{
    ed25519_fe zi;
    ed25519_fe_invert(&zi, Z);
    ed25519_encode_zi(s, X, Y, &zi);
    hk_wipe(&zi, sizeof zi);
}

/* Encode two points with one inversion: 1/Z1 = Z2/(Z1 Z2), 1/Z2 = Z1/(Z1 Z2). */
static void ed25519_encode2(uint8_t s1[32], const ed25519_p3 *p1, uint8_t s2[32],
                            const ed25519_p3 *p2)
{
    ed25519_fe t, zi1, zi2;
    ed25519_fe_mul(&t, &p1->Z, &p2->Z);
    ed25519_fe_invert(&t, &t);
    ed25519_fe_mul(&zi1, &t, &p2->Z);
    ed25519_fe_mul(&zi2, &t, &p1->Z);
    ed25519_encode_zi(s1, &p1->X, &p1->Y, &zi1);
    ed25519_encode_zi(s2, &p2->X, &p2->Y, &zi2);
    hk_wipe(&t, sizeof t);
    hk_wipe(&zi1, sizeof zi1);
    hk_wipe(&zi2, sizeof zi2);
}

/* 1 if the 255-bit y of s is canonical (< p) and s is not the encoding of
 * x = 0 with the sign bit set (RFC 8032 5.1.3 steps 1 and 4). Variable time:
 * only for public encodings. */
static int ed25519_point_canonical(const uint8_t s[32])
{
    int i;
    /* y >= p iff bytes 1..30 are 0xff, byte 31 (sign masked) is 0x7f and
     * byte 0 >= 0xed. */
    int ge = (s[31] & 0x7f) == 0x7f && s[0] >= 0xed;
    for (i = 1; i < 31 && ge; i++)
        ge = s[i] == 0xff;
    if (ge)
        return 0;
    if (s[31] & 0x80) {
        /* x = 0 only for y = 1 and y = -1 */
        static const uint8_t one[32] = {1};
        uint8_t y[32];
        memcpy(y, s, 32);
        y[31] &= 0x7f;
        if (memcmp(y, one, 32) == 0 || memcmp(y, ED25519_SMALL_Y[4], 32) == 0)
            return 0;
    }
    return 1;
}

/* 1 if s (canonical) encodes a point of order 1, 2, 4 or 8. */
static int ed25519_point_small_order(const uint8_t s[32])
{
    uint8_t y[32];
    int i;
    memcpy(y, s, 32);
    y[31] &= 0x7f;
    for (i = 0; i < 5; i++)
        if (memcmp(y, ED25519_SMALL_Y[i], 32) == 0)
            return 1;
    return 0;
}

/*
 * Decode a canonical encoding (RFC 8032 5.1.3): x^2 = (y^2 - 1)/(d y^2 + 1)
 * = u/v, candidate x = u v^3 (u v^7)^((p-5)/8). Returns 0, or -1 if there is
 * no such x. Variable time: only for public points.
 */
static int ed25519_decode(ed25519_p3 *h, const uint8_t s[32])
{
    ed25519_fe u, v, v3, vxx, t;
    ed25519_fe_frombytes(&h->Y, s);
    ed25519_fe_1(&h->Z);
    ed25519_fe_sq(&u, &h->Y);
    ed25519_fe_mul(&v, &u, &ed25519_const_d);
    ed25519_fe_sub(&u, &u, &h->Z);   /* u = y^2 - 1 */
    ed25519_fe_add(&v, &v, &h->Z);   /* v = d y^2 + 1 */
    ed25519_fe_sq(&v3, &v);
    ed25519_fe_mul(&v3, &v3, &v);    /* v^3 */
    ed25519_fe_sq(&t, &v3);
    ed25519_fe_mul(&t, &t, &v);
    ed25519_fe_mul(&t, &t, &u);      /* u v^7 */
    ed25519_fe_pow22523(&t, &t);
    ed25519_fe_mul(&t, &t, &v3);
    ed25519_fe_mul(&h->X, &t, &u);   /* u v^3 (u v^7)^((p-5)/8) */
    ed25519_fe_sq(&vxx, &h->X);
    ed25519_fe_mul(&vxx, &vxx, &v);
    ed25519_fe_sub(&t, &vxx, &u);
    if (!ed25519_fe_iszero(&t)) {
        ed25519_fe_add(&t, &vxx, &u);
        if (!ed25519_fe_iszero(&t))
            return -1;               /* u/v is not a square */
        ed25519_fe_mul(&h->X, &h->X, &ed25519_const_sqrtm1);
    }
    if (ed25519_fe_iszero(&h->X) && (s[31] >> 7))
        return -1;
    if (ed25519_fe_isnegative(&h->X) != (s[31] >> 7))
        ed25519_fe_neg(&h->X, &h->X);
    ed25519_fe_mul(&h->T, &h->X, &h->Y);
    return 0;
}

/* Constant-time equality of small unsigned values: 1 if a == b. */
static ed25519_limb ed25519_eq(uint32_t a, uint32_t b)
{
    return (ed25519_limb)((((a ^ b) - 1u) >> 31) & 1u);
}

/* t = b * 256^pos * B for b in [-8, 8], reading all eight entries of the row
 * (constant time in b). */
static void ed25519_comb_select(ed25519_niels *t, int pos, signed char b)
{
    const uint32_t neg = (uint32_t)(int)b >> 31;
    const uint32_t babs = (uint32_t)(((int)b ^ -(int)neg) + (int)neg);
    ed25519_niels minus;
    uint32_t j;
    ed25519_fe_1(&t->ypx);
    ed25519_fe_1(&t->ymx);
    ed25519_fe_0(&t->xy2d);
    for (j = 0; j < 8; j++) {
        const ed25519_limb eq = ed25519_eq(babs, j + 1);
        ed25519_fe_cmov(&t->ypx, &ED25519_COMB[pos][j].ypx, eq);
        ed25519_fe_cmov(&t->ymx, &ED25519_COMB[pos][j].ymx, eq);
        ed25519_fe_cmov(&t->xy2d, &ED25519_COMB[pos][j].xy2d, eq);
    }
    /* -(x, y) = (-x, y): swap y+x and y-x, negate 2dxy */
    minus.ypx = t->ymx;
    minus.ymx = t->ypx;
    ed25519_fe_neg(&minus.xy2d, &t->xy2d);
    ed25519_fe_cmov(&t->ypx, &minus.ypx, neg);
    ed25519_fe_cmov(&t->ymx, &minus.ymx, neg);
    ed25519_fe_cmov(&t->xy2d, &minus.xy2d, neg);
    hk_wipe(&minus, sizeof minus);
}

/*
 * h = [a]B for a < 2^255, in constant time. a = sum e_i 16^i with signed
 * digits e_i in [-8, 8]; the odd-indexed digits are summed first with the
 * table rows 256^(i/2) B, the sum multiplied by 16, then the even-indexed
 * digits added: 64 mixed additions and 4 doublings.
 */
static void ed25519_scalarmult_base(ed25519_p3 *h, const uint8_t a[32])
{
    signed char e[64];
    int i, carry = 0;
    ed25519_niels t;
    ed25519_p1p1 r;
    ed25519_p2 s;

    for (i = 0; i < 32; i++) {
        e[2 * i] = (signed char)(a[i] & 15);
        e[2 * i + 1] = (signed char)(a[i] >> 4);
    }
    /* Recode to [-8, 8): add the carry, and if the digit is >= 8 subtract 16
     * and carry 1 (arithmetic, no branch). a < 2^255 keeps e[63] <= 8. */
    for (i = 0; i < 63; i++) {
        int d = e[i] + carry;
        carry = (d + 8) >> 4;
        e[i] = (signed char)(d - (carry << 4));
    }
    e[63] = (signed char)(e[63] + carry);

    ed25519_p3_0(h);
    for (i = 1; i < 64; i += 2) {
        ed25519_comb_select(&t, i / 2, e[i]);
        ed25519_p3_madd(&r, h, &t);
        ed25519_p1p1_to_p3(h, &r);
    }
    ed25519_p3_dbl(&r, h);
    ed25519_p1p1_to_p2(&s, &r);
    ed25519_p2_dbl(&r, &s);
    ed25519_p1p1_to_p2(&s, &r);
    ed25519_p2_dbl(&r, &s);
    ed25519_p1p1_to_p2(&s, &r);
    ed25519_p2_dbl(&r, &s);
    ed25519_p1p1_to_p3(h, &r);
    for (i = 0; i < 64; i += 2) {
        ed25519_comb_select(&t, i / 2, e[i]);
        ed25519_p3_madd(&r, h, &t);
        ed25519_p1p1_to_p3(h, &r);
    }
    hk_wipe(e, sizeof e);
    hk_wipe(&t, sizeof t);
    hk_wipe(&r, sizeof r);
    hk_wipe(&s, sizeof s);
}

/*
 * Width-w non-adjacent form of a scalar s < 2^253 (public): naf[i] is 0 or
 * odd with |naf[i]| < 2^(w-1), every non-zero digit followed by at least
 * w - 1 zeros, and s = sum naf[i] 2^i.
 */
static void ed25519_wnaf(signed char naf[256], const uint8_t s[32], int w)
{
    int i = 0, carry = 0;
    memset(naf, 0, 256);
    while (i < 256) {
        int bit = (s[i >> 3] >> (i & 7)) & 1;
        int v, j, d;
        if (bit == carry) {
            /* (bit + carry) is even: digit 0, carry unchanged */
            i++;
            continue;
        }
        /* the value of bits i .. i+w-1 plus the carry; it is odd */
        v = carry;
        for (j = 0; j < w && i + j < 256; j++)
            v += ((s[(i + j) >> 3] >> ((i + j) & 7)) & 1) << j;
        d = v & ((1 << w) - 1);
        if (d >= 1 << (w - 1))
            d -= 1 << w;
        naf[i] = (signed char)d;
        carry = (v - d) >> w;
        i += w;
    }
}

/*
 * r = [a]A + [b]B, variable time (public inputs only), a, b < 2^253.
 * Joint left-to-right wNAF: window 5 for A (odd multiples up to 15A
 * computed here), window 8 for B (odd multiples up to 127B from the table).
 */
static void ed25519_double_scalarmult_vartime(ed25519_p2 *r, const uint8_t a[32],
                                              const ed25519_p3 *A, const uint8_t b[32])
{
    signed char na[256], nb[256];
    ed25519_cached ai[8];
    ed25519_p1p1 t;
    ed25519_p3 u, a2;
    int i;

    ed25519_wnaf(na, a, 5);
    ed25519_wnaf(nb, b, 8);

    ed25519_p3_to_cached(&ai[0], A);
    ed25519_p3_dbl(&t, A);
    ed25519_p1p1_to_p3(&a2, &t);
    for (i = 1; i < 8; i++) {
        ed25519_p3_add(&t, &a2, &ai[i - 1]);
        ed25519_p1p1_to_p3(&u, &t);
        ed25519_p3_to_cached(&ai[i], &u);
    }

    ed25519_p2_0(r);
    for (i = 255; i >= 0 && na[i] == 0 && nb[i] == 0; i--)
        ;
    for (; i >= 0; i--) {
        ed25519_p2_dbl(&t, r);
        if (na[i] > 0) {
            ed25519_p1p1_to_p3(&u, &t);
            ed25519_p3_add(&t, &u, &ai[na[i] / 2]);
        } else if (na[i] < 0) {
            ed25519_p1p1_to_p3(&u, &t);
            ed25519_p3_sub(&t, &u, &ai[-na[i] / 2]);
        }
        if (nb[i] > 0) {
            ed25519_p1p1_to_p3(&u, &t);
            ed25519_p3_madd(&t, &u, &ED25519_BODD[nb[i] / 2]);
        } else if (nb[i] < 0) {
            ed25519_p1p1_to_p3(&u, &t);
            ed25519_p3_msub(&t, &u, &ED25519_BODD[-nb[i] / 2]);
        }
        ed25519_p1p1_to_p2(r, &t);
    }
}

/* ======================================================================== */
/* Scalars modulo L = 2^252 + 27742317777372353535851937790883648493         */
/* ======================================================================== */

/* r[0 .. na+nb) = a[0 .. na) * b[0 .. nb); 32-bit limbs, little-endian. */
static void ed25519_mp_mul(uint32_t *r, const uint32_t *a, int na, const uint32_t *b, int nb)
{
    int i, j;
    memset(r, 0, (size_t)(na + nb) * sizeof *r);
    for (i = 0; i < na; i++) {
        uint64_t c = 0;
        for (j = 0; j < nb; j++) {
            uint64_t t = (uint64_t)a[i] * b[j] + r[i + j] + c;
            r[i + j] = (uint32_t)t;
            c = t >> 32;
        }
        r[i + nb] = (uint32_t)c;
    }
}

/*
 * out = x mod L for x < 2^512 (16 limbs), constant time. Barrett reduction
 * (Menezes, van Oorschot, Vanstone, Handbook of Applied Cryptography,
 * algorithm 14.42) with base 2^32, k = 8, mu = floor(2^512 / L): the quotient
 * estimate is at most 2 too small, so r = x - q L lies in [0, 3L) and two
 * masked conditional subtractions finish the job.
 */
static void ed25519_sc_barrett(uint8_t out[32], const uint32_t x[16])
{
    uint32_t q2[18], ql[17], r[9];
    int i, k;
    ed25519_mp_mul(q2, x + 7, 9, ED25519_MU, 9);     /* q1 = x >> 224 */
    ed25519_mp_mul(ql, q2 + 9, 8, ED25519_L, 9);     /* q3 = q2 >> 288 < 2^261 */
    /* Only q3 L mod 2^288 (9 limbs) is needed: the product of q3's low 8
     * limbs with L, plus q3[8] L[0] in limb 8 (q3[8] < 2^5). */
    {
        uint64_t c = (uint64_t)ql[8] + (uint64_t)q2[17] * ED25519_L[0];
        ql[8] = (uint32_t)c;
    }
    /* r = (x - q3 L) mod 2^288 */
    {
        uint64_t borrow = 0;
        for (i = 0; i < 9; i++) {
            uint64_t t = (uint64_t)x[i] - ql[i] - borrow;
            r[i] = (uint32_t)t;
            borrow = (t >> 32) & 1;
        }
    }
    for (k = 0; k < 2; k++) {
        uint32_t t[9], mask;
        uint64_t borrow = 0;
        for (i = 0; i < 9; i++) {
            uint64_t d = (uint64_t)r[i] - ED25519_L[i] - borrow;
            t[i] = (uint32_t)d;
            borrow = (d >> 32) & 1;
        }
        /* borrow = 0: r >= L, take t */
        mask = (uint32_t)borrow - 1u;
        for (i = 0; i < 9; i++)
            r[i] = (t[i] & mask) | (r[i] & ~mask);
    }
    for (i = 0; i < 8; i++)
        hk__store32_le(out + 4 * i, r[i]);
    hk_wipe(q2, sizeof q2);
    hk_wipe(ql, sizeof ql);
    hk_wipe(r, sizeof r);
}

/* out = in mod L for a 64-byte little-endian in (RFC 8032 5.1.6 steps 2, 4). */
static void ed25519_sc_reduce(uint8_t out[32], const uint8_t in[64])
{
    uint32_t x[16];
    int i;
    for (i = 0; i < 16; i++)
        x[i] = hk__load32_le(in + 4 * i);
    ed25519_sc_barrett(out, x);
    hk_wipe(x, sizeof x);
}

/* out = (a b + c) mod L for 32-byte little-endian a, b, c (5.1.6 step 5). */
static void ed25519_sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32],
                              const uint8_t c[32])
{
    uint32_t la[8], lb[8], x[16];
    uint64_t carry = 0;
    int i;
    for (i = 0; i < 8; i++) {
        la[i] = hk__load32_le(a + 4 * i);
        lb[i] = hk__load32_le(b + 4 * i);
    }
    ed25519_mp_mul(x, la, 8, lb, 8);
    for (i = 0; i < 16; i++) {
        carry += (uint64_t)x[i] + (i < 8 ? hk__load32_le(c + 4 * i) : 0);
        x[i] = (uint32_t)carry;
        carry >>= 32;
    }
    ed25519_sc_barrett(out, x);
    hk_wipe(la, sizeof la);
    hk_wipe(lb, sizeof lb);
    hk_wipe(x, sizeof x);
}

/* 1 if s < L (RFC 8032 5.1.7 step 1). Variable time: S is public. */
static int ed25519_sc_canonical(const uint8_t s[32])
{
    int i;
    for (i = 7; i >= 0; i--) {
        uint32_t v = hk__load32_le(s + 4 * i);
        if (v != ED25519_L[i])
            return v < ED25519_L[i];
    }
    return 0; /* s == L */
}

/* ======================================================================== */
/* Ed25519 (RFC 8032 5.1.5 - 5.1.7)                                          */
/* ======================================================================== */

/* Constant-time equality of n bytes: 1 if equal. */
static uint32_t ed25519_ct_eq(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint32_t d = 0;
    size_t i;
    for (i = 0; i < n; i++)
        d |= (uint32_t)(a[i] ^ b[i]);
    return ((d - 1u) >> 8) & 1u;
}

/* 5.1.5: h = SHA-512(seed); s = h[0..32) clamped. h receives the expanded
 * secret (s || prefix). */
static void ed25519_expand(uint8_t h[64], const uint8_t seed[32])
{
    hk_sha512(seed, 32, h);
    h[0] &= 248;
    h[31] &= 127;
    h[31] |= 64;
}

int hk_ed25519_keypair(uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN],
                       uint8_t sk[HK_ED25519_SECRET_KEY_LEN],
                       const uint8_t seed[HK_ED25519_SEED_LEN])
{
    uint8_t h[64], a[32];
    ed25519_p3 A;
    if (pk == NULL || sk == NULL || seed == NULL)
        return HK_ERR_INVALID_ARG;
    ed25519_expand(h, seed);
    ed25519_scalarmult_base(&A, h); /* A = [s]B */
    ed25519_encode(a, &A.X, &A.Y, &A.Z);
    hk_wipe(&A, sizeof A);
    memmove(sk, seed, 32);
    memcpy(sk + 32, a, 32);
    memcpy(pk, a, 32);
    hk_wipe(h, sizeof h);
    return HK_OK;
}

/* out = SHA-512(a[0..32) || b[0..32) || m[0] || ... || m[nm-1]). */
static void ed25519_hash_pieces(uint8_t out[64], const uint8_t *a, const uint8_t *b,
                                const hk__piece *m, size_t nm)
{
    hk_sha512_ctx ctx;
    size_t i;
    hk_sha512_init(&ctx);
    hk_sha512_update(&ctx, a, 32);
    hk_sha512_update(&ctx, b, 32);
    for (i = 0; i < nm; i++)
        hk_sha512_update(&ctx, m[i].data, m[i].len);
    hk_sha512_final(&ctx, out);
}

HK_INTERNAL int hk__ed25519_sign_pieces(uint8_t sig[HK_ED25519_SIGNATURE_LEN],
                                        const hk__piece *m, size_t nm,
                                        const uint8_t sk[HK_ED25519_SECRET_KEY_LEN])
{
    uint8_t h[64], pk[32], nonce[64], r[32], k[64], out[64];
    ed25519_p3 A, R;
    uint32_t ok;
    uint8_t mask;
    size_t i;

    if (sig == NULL || sk == NULL || (m == NULL && nm > 0))
        return HK_ERR_INVALID_ARG;
    for (i = 0; i < nm; i++) {
        if (m[i].data == NULL && m[i].len > 0)
            return HK_ERR_INVALID_ARG;
    }
    ed25519_expand(h, sk);
    ed25519_scalarmult_base(&A, h); /* A = [s]B */

    /* r = SHA-512(prefix || M) mod L; R = [r]B */
    {
        hk_sha512_ctx ctx;
        hk_sha512_init(&ctx);
        hk_sha512_update(&ctx, h + 32, 32);
        for (i = 0; i < nm; i++)
            hk_sha512_update(&ctx, m[i].data, m[i].len);
        hk_sha512_final(&ctx, nonce);
    }
    ed25519_sc_reduce(r, nonce);
    ed25519_scalarmult_base(&R, r);
    ed25519_encode2(pk, &A, out, &R);

    /* The public half must be the seed's: signing with a wrong A would give
     * a signature that leaks the secret scalar when combined with a correct
     * one. Compared in constant time; the result only masks the output. */
    ok = ed25519_ct_eq(pk, sk + 32, 32);

    /* k = SHA-512(R || A || M) mod L; S = (r + k s) mod L */
    ed25519_hash_pieces(k, out, pk, m, nm);
    ed25519_sc_reduce(k, k);
    ed25519_sc_muladd(out + 32, k, h, r);

    /* written last, so sig may overlap msg */
    mask = (uint8_t)(0u - ok);
    for (i = 0; i < 64; i++)
        sig[i] = out[i] & mask;

    hk_wipe(h, sizeof h);
    hk_wipe(nonce, sizeof nonce);
    hk_wipe(r, sizeof r);
    hk_wipe(&A, sizeof A);
    hk_wipe(&R, sizeof R);
    hk_wipe(out, sizeof out);
    hk_wipe(pk, sizeof pk);
    return (int)((uint32_t)HK_ERR_KEY_MISMATCH & (ok - 1u));
}

int hk_ed25519_sign(uint8_t sig[HK_ED25519_SIGNATURE_LEN], const void *msg, size_t n,
                    const uint8_t sk[HK_ED25519_SECRET_KEY_LEN])
{
    hk__piece m;
    if (msg == NULL && n > 0)
        return HK_ERR_INVALID_ARG;
    m.data = msg;
    m.len = n;
    return hk__ed25519_sign_pieces(sig, &m, 1, sk);
}

/* The checks of 5.1.7 that need no hash, in the documented order; on HK_OK
 * *A holds the decoded public key. */
static int ed25519_verify_check(ed25519_p3 *A, const uint8_t sig[64], const uint8_t pk[32])
{
    /* 5.1.7 step 1: A must decode (canonically); like libsodium, a public key
     * of small order is refused (any signature would verify under it for
     * many messages). */
    if (!ed25519_point_canonical(pk) || ed25519_point_small_order(pk) ||
        ed25519_decode(A, pk) != 0)
        return HK_ERR_KEY_FORMAT;
    /* S in [0, L); R canonical. A small-order R is refused as libsodium
     * does; an R that is no point at all is found below. */
    if (!ed25519_sc_canonical(sig + 32) || !ed25519_point_canonical(sig))
        return HK_ERR_SIGNATURE_ENCODING;
    if (ed25519_point_small_order(sig))
        return HK_ERR_SIGNATURE;
    return HK_OK;
}

/* Step 3 given h = SHA-512(R || A || M) (reduced here). */
static int ed25519_verify_equation(ed25519_p3 *A, const uint8_t sig[64], uint8_t h[64])
{
    uint8_t check[32];
    ed25519_p2 R;
    ed25519_sc_reduce(h, h);
    /* cofactorless: encode([S]B - [k]A) must be R's encoding. */
    ed25519_fe_neg(&A->X, &A->X);
    ed25519_fe_neg(&A->T, &A->T);
    ed25519_double_scalarmult_vartime(&R, h, A, sig + 32);
    ed25519_encode(check, &R.X, &R.Y, &R.Z);
    if (memcmp(check, sig, 32) == 0)
        return HK_OK;
    /* Only now tell an undecodable R apart from a wrong signature. */
    if (ed25519_decode(A, sig) != 0)
        return HK_ERR_SIGNATURE_ENCODING;
    return HK_ERR_SIGNATURE;
}

int hk_ed25519_verify(const uint8_t sig[HK_ED25519_SIGNATURE_LEN], const void *msg, size_t n,
                      const uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN])
{
    uint8_t h[64];
    hk__piece m;
    ed25519_p3 A;
    int rc;

    if (sig == NULL || pk == NULL || (msg == NULL && n > 0))
        return HK_ERR_INVALID_ARG;
    rc = ed25519_verify_check(&A, sig, pk);
    if (rc != HK_OK)
        return rc;
    /* step 2: k = SHA-512(R || A || M) mod L */
    m.data = msg;
    m.len = n;
    ed25519_hash_pieces(h, sig, pk, &m, 1);
    return ed25519_verify_equation(&A, sig, h);
}

HK_INTERNAL int hk__ed25519_verify_init(hk_sha512_ctx *ctx,
                                        const uint8_t sig[HK_ED25519_SIGNATURE_LEN],
                                        const uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN])
{
    ed25519_p3 A;
    int rc;
    if (ctx == NULL || sig == NULL || pk == NULL)
        return HK_ERR_INVALID_ARG;
    rc = ed25519_verify_check(&A, sig, pk);
    if (rc != HK_OK)
        return rc;
    hk_sha512_init(ctx);
    hk_sha512_update(ctx, sig, 32);
    hk_sha512_update(ctx, pk, 32);
    return HK_OK;
}

HK_INTERNAL int hk__ed25519_verify_final(hk_sha512_ctx *ctx,
                                         const uint8_t sig[HK_ED25519_SIGNATURE_LEN],
                                         const uint8_t pk[HK_ED25519_PUBLIC_KEY_LEN])
{
    uint8_t h[64];
    ed25519_p3 A;
    if (ctx == NULL || sig == NULL || pk == NULL)
        return HK_ERR_INVALID_ARG;
    hk_sha512_final(ctx, h);
    /* checked by hk__ed25519_verify_init; decoded again here (public data) */
    if (ed25519_decode(&A, pk) != 0)
        return HK_ERR_KEY_FORMAT;
    return ed25519_verify_equation(&A, sig, h);
}

#undef ED25519_FE51
#undef ED25519_NLIMBS
#undef ED25519_FE
#undef ED25519_M51
#undef ED25519_FE_LO
#undef ED25519_FE_HI
