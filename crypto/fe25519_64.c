/* SPDX-License-Identifier: MIT */
/*
 * fe25519_64.c - GF(2^255 - 19) with five unsigned 51-bit limbs, for
 * 64-bit hosts (MAV_CFG_ED25519_64BIT = 1). An element is
 * v[0] + v[1] 2^51 + v[2] 2^102 + v[3] 2^153 + v[4] 2^204; products are
 * summed in unsigned __int128 and the part above 2^255 folds back times
 * 19, since 2^255 = 19 (mod p). Bounds are stated in fe25519.h.
 */
#include <stdint.h>

#include "mav_config.h"
#include "fe25519.h"

#if MAV_CFG_ED25519_64BIT

/* __extension__: -pedantic would warn that ISO C has no __int128. */
__extension__ typedef unsigned __int128 u128;

#define MASK51 ((UINT64_C(1) << 51) - 1)

static uint64_t load64(const uint8_t *p)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 8; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

static void store64(uint8_t *p, uint64_t v)
{
    unsigned i;

    for (i = 0; i < 8; i++, v >>= 8)
        p[i] = (uint8_t)v;
}

/*
 * Carry five 128-bit column sums into a tight element. t0..t3 must be
 * below 2^115 so that each carry fits 64 bits, and t4 (the column with
 * no factor 19) below 2^110 so that 19 times its carry does too. With
 * inputs below 8u: t0 <= 77 * 64 * 2^102 < 2^115, t4 <= 5 * 64 * 2^102.
 */
static void carry_wide(mav_fe *h, u128 t0, u128 t1, u128 t2, u128 t3, u128 t4)
{
    uint64_t r0, r1, r2, r3, r4, c;

    t1 += (uint64_t)(t0 >> 51);
    r0 = (uint64_t)t0 & MASK51;
    t2 += (uint64_t)(t1 >> 51);
    r1 = (uint64_t)t1 & MASK51;
    t3 += (uint64_t)(t2 >> 51);
    r2 = (uint64_t)t2 & MASK51;
    t4 += (uint64_t)(t3 >> 51);
    r3 = (uint64_t)t3 & MASK51;
    c = (uint64_t)(t4 >> 51);
    r4 = (uint64_t)t4 & MASK51;
    r0 += c * 19;
    r1 += r0 >> 51;
    r0 &= MASK51;
    h->v[0] = r0;
    h->v[1] = r1;
    h->v[2] = r2;
    h->v[3] = r3;
    h->v[4] = r4;
}

/* see fe25519.h */
void mav_fe_frombytes(mav_fe *h, const uint8_t s[32])
{
    uint64_t w0 = load64(s), w1 = load64(s + 8);
    uint64_t w2 = load64(s + 16), w3 = load64(s + 24);

    h->v[0] = w0 & MASK51;
    h->v[1] = (w0 >> 51 | w1 << 13) & MASK51;
    h->v[2] = (w1 >> 38 | w2 << 26) & MASK51;
    h->v[3] = (w2 >> 25 | w3 << 39) & MASK51;
    h->v[4] = (w3 >> 12) & MASK51; /* drops bit 255 */
}

/* see fe25519.h */
void mav_fe_tobytes(uint8_t s[32], const mav_fe *f)
{
    uint64_t t[5], c;
    unsigned i, pass;

    for (i = 0; i < 5; i++)
        t[i] = f->v[i];
    /*
     * Two carry passes leave every limb below 2^51 and the value below
     * 2^255: after the first the value is under 2^255 + 2^9; if the
     * second still carries out of the top, what remains is tiny.
     */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < 4; i++) {
            t[i + 1] += t[i] >> 51;
            t[i] &= MASK51;
        }
        c = t[4] >> 51;
        t[4] &= MASK51;
        t[0] += c * 19;
    }
    /* Now 0 <= t < 2^255: subtract p once if t >= p, i.e. t + 19 >= 2^255. */
    c = (t[0] + 19) >> 51;
    for (i = 1; i < 5; i++)
        c = (t[i] + c) >> 51;
    t[0] += 19 * c;
    for (i = 0; i < 4; i++) {
        t[i + 1] += t[i] >> 51;
        t[i] &= MASK51;
    }
    t[4] &= MASK51; /* the 2^255 of p */

    store64(s, t[0] | t[1] << 51);
    store64(s + 8, t[1] >> 13 | t[2] << 38);
    store64(s + 16, t[2] >> 26 | t[3] << 25);
    store64(s + 24, t[3] >> 39 | t[4] << 12);
}

/* see fe25519.h */
void mav_fe_mul(mav_fe *h, const mav_fe *f, const mav_fe *g)
{
    const uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3],
                   f4 = f->v[4];
    const uint64_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3],
                   g4 = g->v[4];
    /* Columns past 2^255 come back times 19. */
    const uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3,
                   g4_19 = 19 * g4;
    u128 t0, t1, t2, t3, t4;

    t0 = (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 +
         (u128)f3 * g2_19 + (u128)f4 * g1_19;
    t1 = (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 +
         (u128)f4 * g2_19;
    t2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 +
         (u128)f4 * g3_19;
    t3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 +
         (u128)f4 * g4_19;
    t4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 +
         (u128)f4 * g0;
    carry_wide(h, t0, t1, t2, t3, t4);
}

/* The column sums of f^2: each cross product once, doubled. */
#define SQ_COLUMNS(f)                                                          \
    const uint64_t f0 = (f)->v[0], f1 = (f)->v[1], f2 = (f)->v[2],             \
                   f3 = (f)->v[3], f4 = (f)->v[4];                             \
    const uint64_t d0 = 2 * f0, d1 = 2 * f1, d2 = 2 * f2, d3 = 2 * f3;         \
    const uint64_t f3_19 = 19 * f3, f4_19 = 19 * f4;                           \
    u128 t0 = (u128)f0 * f0 + (u128)d1 * f4_19 + (u128)d2 * f3_19;             \
    u128 t1 = (u128)d0 * f1 + (u128)d2 * f4_19 + (u128)f3 * f3_19;             \
    u128 t2 = (u128)d0 * f2 + (u128)f1 * f1 + (u128)d3 * f4_19;                \
    u128 t3 = (u128)d0 * f3 + (u128)d1 * f2 + (u128)f4 * f4_19;                \
    u128 t4 = (u128)d0 * f4 + (u128)d1 * f3 + (u128)f2 * f2

/* see fe25519.h */
void mav_fe_sq(mav_fe *h, const mav_fe *f)
{
    SQ_COLUMNS(f);
    carry_wide(h, t0, t1, t2, t3, t4);
}

/* see fe25519.h: the doubling rides on the column sums, before the
 * carry, so that 2 Z^2 in a point doubling comes out tight. */
void mav_fe_sq2(mav_fe *h, const mav_fe *f)
{
    SQ_COLUMNS(f);
    carry_wide(h, t0 << 1, t1 << 1, t2 << 1, t3 << 1, t4 << 1);
}

/* see fe25519.h */
void mav_fe_sqn(mav_fe *h, const mav_fe *f, unsigned n)
{
    mav_fe_sq(h, f);
    while (--n > 0)
        mav_fe_sq(h, h);
}

/* see fe25519.h: 4p - f, then one carry pass so the result is tight. */
void mav_fe_neg(mav_fe *h, const mav_fe *f)
{
    mav_fe zero;
    uint64_t c;
    unsigned i;

    mav_fe_set(&zero, 0);
    mav_fe_sub(h, &zero, f);
    for (i = 0; i < 4; i++) {
        h->v[i + 1] += h->v[i] >> 51;
        h->v[i] &= MASK51;
    }
    c = h->v[4] >> 51;
    h->v[4] &= MASK51;
    h->v[0] += c * 19;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int mav_fe25519_64_unused;
#endif /* MAV_CFG_ED25519_64BIT */
