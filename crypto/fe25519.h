/* SPDX-License-Identifier: MIT */
/*
 * fe25519.h - arithmetic in GF(p), p = 2^255 - 19, for the Ed25519
 * verifier (RFC 8032 §5.1). Two representations, chosen at compile time
 * by MAV_CFG_ED25519_64BIT: five unsigned 51-bit limbs multiplied into
 * unsigned __int128 (fe25519_64.c, for 64-bit hosts), or ten signed limbs
 * of alternately 26 and 25 bits ("radix 2^25.5") multiplied into int64
 * (fe25519_32.c, for Cortex-M4's single-cycle SMLAL and for RV32). Limbs
 * are carried lazily, so an element has many representations; only
 * mav_fe_tobytes gives the canonical one.
 *
 * Bounds, the contract between the two representations and the point
 * formulas of ed25519_verify.c (u is 2^51, or 2^26 / 2^25 per limb):
 *  - "tight": what mul, sq, sq2, neg and frombytes return. 64-bit: every
 *    limb < 1.0001u. 32-bit: |limb| < 0.51u (carries round to nearest).
 *  - mul and sq accept any sum of at most three tight values, at most one
 *    of them subtracted (e.g. a + b - c, a - b, a + b + c). 64-bit: sub
 *    adds 4p so such a value stays below 6u, inside the 8u that mul's
 *    128-bit sums allow. 32-bit: |limb| < 1.53u, inside the 1.68u at
 *    which 19 * limb would overflow int32. The subtrahend of sub must be
 *    a sum of at most three tight values, never itself a difference.
 *  - tobytes and iszero accept anything mul accepts.
 */
#ifndef MAV_FE25519_H
#define MAV_FE25519_H

#include <stdint.h>

#include "mav_config.h"

#if MAV_CFG_ED25519_64BIT
#define MAV_FE_LIMBS 5
typedef struct {
    uint64_t v[MAV_FE_LIMBS];
} mav_fe;
#else
#define MAV_FE_LIMBS 10
typedef struct {
    int32_t v[MAV_FE_LIMBS];
} mav_fe;
#endif

/* h = the 255 low bits of s, little-endian (bit 255 is ignored); tight.
 * The value may be p..2^255-1: callers that need canonical input check
 * the bytes first. */
void mav_fe_frombytes(mav_fe *h, const uint8_t s[32]);

/* s = the canonical little-endian encoding of h, in 0..p-1. */
void mav_fe_tobytes(uint8_t s[32], const mav_fe *h);

/* h = f * g; h = f^2; h = 2 * f^2 (f tight); h = f^(2^n), n >= 1;
 * h = -f. All return tight values; h may alias the inputs. */
void mav_fe_mul(mav_fe *h, const mav_fe *f, const mav_fe *g);
void mav_fe_sq(mav_fe *h, const mav_fe *f);
void mav_fe_sq2(mav_fe *h, const mav_fe *f);
void mav_fe_sqn(mav_fe *h, const mav_fe *f, unsigned n);
void mav_fe_neg(mav_fe *h, const mav_fe *f);

/* h = c, a small constant (tight). */
static inline void mav_fe_set(mav_fe *h, unsigned c)
{
    unsigned i;

    for (i = 1; i < MAV_FE_LIMBS; i++)
        h->v[i] = 0;
    h->v[0] = c;
}

/* h = f + g, no carry. */
static inline void mav_fe_add(mav_fe *h, const mav_fe *f, const mav_fe *g)
{
    unsigned i;

    for (i = 0; i < MAV_FE_LIMBS; i++)
        h->v[i] = f->v[i] + g->v[i];
}

/* h = f - g, no carry (see the bounds above). */
static inline void mav_fe_sub(mav_fe *h, const mav_fe *f, const mav_fe *g)
{
#if MAV_CFG_ED25519_64BIT
    /* Unsigned limbs: add 4p, limb by limb, so that nothing wraps. */
    const uint64_t four_p0 = (UINT64_C(1) << 53) - 76;
    const uint64_t four_pi = (UINT64_C(1) << 53) - 4;
    unsigned i;

    h->v[0] = f->v[0] + four_p0 - g->v[0];
    for (i = 1; i < MAV_FE_LIMBS; i++)
        h->v[i] = f->v[i] + four_pi - g->v[i];
#else
    unsigned i;

    for (i = 0; i < MAV_FE_LIMBS; i++)
        h->v[i] = f->v[i] - g->v[i];
#endif
}

/* 1 when h is 0 mod p. */
static inline int mav_fe_iszero(const mav_fe *h)
{
    uint8_t s[32];
    unsigned i, acc = 0;

    mav_fe_tobytes(s, h);
    for (i = 0; i < 32; i++)
        acc |= s[i];
    return acc == 0;
}

/* 1 when the canonical form of h is odd: RFC 8032 §5.1.2 calls such an
 * x "negative" and stores that bit as the sign of a point. */
static inline int mav_fe_isodd(const mav_fe *h)
{
    uint8_t s[32];

    mav_fe_tobytes(s, h);
    return s[0] & 1;
}

#endif /* MAV_FE25519_H */
