/* SPDX-License-Identifier: MIT */
/*
 * fe25519_32.c - GF(2^255 - 19) with ten signed limbs of alternately 26
 * and 25 bits (MAV_CFG_ED25519_64BIT = 0), the form that a 32-bit core
 * with a 32x32->64 multiply-accumulate (Cortex-M4 SMLAL, RV32 mul/mulh)
 * runs well. Limb i weighs 2^ceil(25.5 i); the product of two odd limbs
 * lands half a bit above its column and takes a factor 2, and columns
 * past 2^255 fold back times 19. Carries round to nearest, so limbs are
 * signed and a tight limb is about half its radix: that is the headroom
 * which lets the point formulas add and subtract without carrying.
 * Bounds are stated in fe25519.h. MAV_CFG_ED25519_SMALLER swaps the
 * unrolled multiply, square and carry for loops over the same products
 * and carries (about 1.6 KB less on a Cortex-M4, about twice the time).
 */
#include <stdint.h>

#include "mav_config.h"
#include "fe25519.h"

#if !MAV_CFG_ED25519_64BIT

/* Bit offset of limb i is ceil(25.5 i); limb i has 26 bits if i is even. */
static const uint8_t limb_off[10] = {0,   26,  51,  77,  102,
                                     128, 153, 179, 204, 230};

#define LIMB_BITS(i) (26u - ((i)&1u))

/*
 * The carries below shift negative int64 values right, which C99 (6.5.7)
 * leaves to the implementation; every compiler mav targets (GCC, Clang,
 * Arm's and IAR's) shifts arithmetically, i.e. rounds toward minus
 * infinity, and this refuses a build where the preprocessor disagrees.
 * (The fully portable (x + 2^63 as unsigned) >> b costs 4% of a verify.)
 */
#if (-1 >> 1) != -1
#error "fe25519_32.c needs an arithmetic right shift of negative numbers"
#endif

#if MAV_CFG_ED25519_SMALLER
/*
 * The same carries as the unrolled code below, in the same order (so the
 * same limbs come out), as a loop over the column sums in memory: two
 * chains interleaved, from limb 0 and from limb 4, then limb 9 into
 * limb 0 (times 19: 2^255 = 19 mod p) and limb 0 into limb 1 again.
 */
static const uint8_t carry_order[12] = {0, 4, 1, 5, 2, 6, 3, 7, 4, 8, 9, 0};

static void carry_out(mav_fe *out, int64_t t[10])
{
    unsigned n, i;

    for (n = 0; n < 12; n++) {
        uint32_t radix;
        int64_t u, c;

        i = carry_order[n];
        radix = UINT32_C(1) << LIMB_BITS(i);
        u = t[i] + radix / 2;
        /* c = floor(u / radix) by constant shifts (a 64-bit shift by a
         * variable count is long code on a 32-bit core): by 2^25, then
         * by 2 more for a 26-bit limb. What stays, u - c radix - radix/2,
         * is the low bits of u less radix/2. */
        c = u >> 25;
        if (!(i & 1))
            c >>= 1;
        t[i] = (int64_t)((uint32_t)u & (radix - 1)) - radix / 2;
        if (i == 9)
            t[0] += c * 19;
        else
            t[i + 1] += c;
    }
    for (i = 0; i < 10; i++)
        out->v[i] = (int32_t)t[i];
}

#define CARRY_OUT(h, t) carry_out(h, t)

#else /* !MAV_CFG_ED25519_SMALLER */

/*
 * Move the rounded-off top of column i (radix 2^b) into column j, times
 * m. A macro over named locals keeps the ten sums in registers.
 */
#define CARRY(i, j, b, m)                                                      \
    do {                                                                       \
        int64_t c_ = (t##i + ((int64_t)1 << ((b)-1))) >> (b);                  \
        t##j += c_ * (m);                                                      \
        t##i -= c_ * ((int64_t)1 << (b));                                      \
    } while (0)

/*
 * Carry ten column sums (each of magnitude below 2^62.5) into a tight
 * element. Two interleaved chains (from limb 0 and from limb 4) shorten
 * the dependency path; afterwards |limb| <= 2^(bits-1) + 2^13.
 */
static inline void carry_out(mav_fe *out, int64_t t0, int64_t t1, int64_t t2,
                             int64_t t3, int64_t t4, int64_t t5, int64_t t6,
                             int64_t t7, int64_t t8, int64_t t9)
{
    CARRY(0, 1, 26, 1);
    CARRY(4, 5, 26, 1);
    CARRY(1, 2, 25, 1);
    CARRY(5, 6, 25, 1);
    CARRY(2, 3, 26, 1);
    CARRY(6, 7, 26, 1);
    CARRY(3, 4, 25, 1);
    CARRY(7, 8, 25, 1);
    CARRY(4, 5, 26, 1);
    CARRY(8, 9, 26, 1);
    CARRY(9, 0, 25, 19);
    CARRY(0, 1, 26, 1);
    out->v[0] = (int32_t)t0;
    out->v[1] = (int32_t)t1;
    out->v[2] = (int32_t)t2;
    out->v[3] = (int32_t)t3;
    out->v[4] = (int32_t)t4;
    out->v[5] = (int32_t)t5;
    out->v[6] = (int32_t)t6;
    out->v[7] = (int32_t)t7;
    out->v[8] = (int32_t)t8;
    out->v[9] = (int32_t)t9;
}

#define CARRY_OUT(h, t)                                                        \
    carry_out(h, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9])

#endif /* MAV_CFG_ED25519_SMALLER */

static uint32_t load32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* see fe25519.h */
void mav_fe_frombytes(mav_fe *h, const uint8_t s[32])
{
    int64_t t[10];
    unsigned i;

    /* Each limb's bits sit inside the 32 bits loaded at its byte; limb 9
     * takes bits 230..254, so bit 255 is left out. */
    for (i = 0; i < 10; i++)
        t[i] = (load32(s + limb_off[i] / 8) >> (limb_off[i] % 8)) &
               ((UINT32_C(1) << LIMB_BITS(i)) - 1);
    CARRY_OUT(h, t); /* only to round the limbs into the signed range */
}

/* see fe25519.h */
void mav_fe_tobytes(uint8_t s[32], const mav_fe *f)
{
    /* 16p limb by limb: adding it makes every limb of a value that mul
     * accepts non-negative, so the rest is unsigned arithmetic. */
    uint32_t t[10], c;
    uint64_t acc = 0;
    unsigned i, pass, n = 0, k = 0;

    for (i = 0; i < 10; i++) {
        uint32_t p_limb = (UINT32_C(1) << LIMB_BITS(i)) - (i == 0 ? 19 : 1);
        t[i] = (uint32_t)(f->v[i] + (int32_t)(16 * p_limb));
    }
    /* Two passes: limbs in range and the value below 2^255 (see the
     * 64-bit twin in fe25519_64.c for the argument). */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < 9; i++) {
            t[i + 1] += t[i] >> LIMB_BITS(i);
            t[i] &= (UINT32_C(1) << LIMB_BITS(i)) - 1;
        }
        c = t[9] >> 25;
        t[9] &= (UINT32_C(1) << 25) - 1;
        t[0] += 19 * c;
    }
    /* Subtract p once if t >= p, i.e. if t + 19 reaches 2^255. */
    c = (t[0] + 19) >> 26;
    for (i = 1; i < 10; i++)
        c = (t[i] + c) >> LIMB_BITS(i);
    t[0] += 19 * c;
    for (i = 0; i < 9; i++) {
        t[i + 1] += t[i] >> LIMB_BITS(i);
        t[i] &= (UINT32_C(1) << LIMB_BITS(i)) - 1;
    }
    t[9] &= (UINT32_C(1) << 25) - 1; /* the 2^255 of p */

    for (i = 0; i < 10; i++) {
        acc |= (uint64_t)t[i] << n;
        for (n += LIMB_BITS(i); n >= 8; n -= 8, acc >>= 8)
            s[k++] = (uint8_t)acc;
    }
    s[k] = (uint8_t)acc; /* bits 248..254 */
}

#define M(a, b) ((int64_t)(a) * (b))

#if MAV_CFG_ED25519_SMALLER
/*
 * The column sums of f g, one column at a time, as the unrolled code's
 * products summed in another order (the same integers: int64 sums of
 * these bounds never wrap). gg holds 19 g and g, so that column k takes
 * gg[10 + k - i] for limb i of f: past 2^255 (i > k) the 19 is there.
 * Two odd limbs (i odd, k - i odd, so k even) take the factor 2, added
 * here to the sum of the odd i. f == g gives the square's columns.
 */
static void mul_columns(int64_t t[10], const mav_fe *f, const mav_fe *g)
{
    int32_t gg[20];
    unsigned k, i;

    for (i = 0; i < 10; i++) {
        gg[i] = 19 * g->v[i]; /* |g| < 1.68u keeps it in int32 */
        gg[10 + i] = g->v[i];
    }
    for (k = 0; k < 10; k++) {
        const int32_t *a = f->v, *b = gg + 10 + k;
        int64_t even = M(a[0], b[0]) + M(a[2], b[-2]) + M(a[4], b[-4]) +
                       M(a[6], b[-6]) + M(a[8], b[-8]);
        int64_t odd = M(a[1], b[-1]) + M(a[3], b[-3]) + M(a[5], b[-5]) +
                      M(a[7], b[-7]) + M(a[9], b[-9]);

        t[k] = even + ((k & 1) ? odd : 2 * odd);
    }
}

/* see fe25519.h */
void mav_fe_mul(mav_fe *h, const mav_fe *f, const mav_fe *g)
{
    int64_t t[10];

    mul_columns(t, f, g);
    CARRY_OUT(h, t);
}

#define sq_columns(t, f) mul_columns(t, f, f)

#else /* !MAV_CFG_ED25519_SMALLER */

/* see fe25519.h */
void mav_fe_mul(mav_fe *h, const mav_fe *f, const mav_fe *g)
{
    const int32_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3],
                  f4 = f->v[4], f5 = f->v[5], f6 = f->v[6], f7 = f->v[7],
                  f8 = f->v[8], f9 = f->v[9];
    const int32_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3],
                  g4 = g->v[4], g5 = g->v[5], g6 = g->v[6], g7 = g->v[7],
                  g8 = g->v[8], g9 = g->v[9];
    /* odd times odd: the factor 2 goes on f */
    const int32_t f1_2 = 2 * f1, f3_2 = 2 * f3, f5_2 = 2 * f5, f7_2 = 2 * f7,
                  f9_2 = 2 * f9;
    /* past 2^255: the factor 19 goes on g (|g| < 1.68u keeps it in int32) */
    const int32_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3,
                  g4_19 = 19 * g4, g5_19 = 19 * g5, g6_19 = 19 * g6,
                  g7_19 = 19 * g7, g8_19 = 19 * g8, g9_19 = 19 * g9;
    int64_t t[10];

    t[0] = M(f0, g0) + M(f1_2, g9_19) + M(f2, g8_19) + M(f3_2, g7_19) +
           M(f4, g6_19) + M(f5_2, g5_19) + M(f6, g4_19) + M(f7_2, g3_19) +
           M(f8, g2_19) + M(f9_2, g1_19);
    t[1] = M(f0, g1) + M(f1, g0) + M(f2, g9_19) + M(f3, g8_19) + M(f4, g7_19) +
           M(f5, g6_19) + M(f6, g5_19) + M(f7, g4_19) + M(f8, g3_19) +
           M(f9, g2_19);
    t[2] = M(f0, g2) + M(f1_2, g1) + M(f2, g0) + M(f3_2, g9_19) + M(f4, g8_19) +
           M(f5_2, g7_19) + M(f6, g6_19) + M(f7_2, g5_19) + M(f8, g4_19) +
           M(f9_2, g3_19);
    t[3] = M(f0, g3) + M(f1, g2) + M(f2, g1) + M(f3, g0) + M(f4, g9_19) +
           M(f5, g8_19) + M(f6, g7_19) + M(f7, g6_19) + M(f8, g5_19) +
           M(f9, g4_19);
    t[4] = M(f0, g4) + M(f1_2, g3) + M(f2, g2) + M(f3_2, g1) + M(f4, g0) +
           M(f5_2, g9_19) + M(f6, g8_19) + M(f7_2, g7_19) + M(f8, g6_19) +
           M(f9_2, g5_19);
    t[5] = M(f0, g5) + M(f1, g4) + M(f2, g3) + M(f3, g2) + M(f4, g1) +
           M(f5, g0) + M(f6, g9_19) + M(f7, g8_19) + M(f8, g7_19) +
           M(f9, g6_19);
    t[6] = M(f0, g6) + M(f1_2, g5) + M(f2, g4) + M(f3_2, g3) + M(f4, g2) +
           M(f5_2, g1) + M(f6, g0) + M(f7_2, g9_19) + M(f8, g8_19) +
           M(f9_2, g7_19);
    t[7] = M(f0, g7) + M(f1, g6) + M(f2, g5) + M(f3, g4) + M(f4, g3) +
           M(f5, g2) + M(f6, g1) + M(f7, g0) + M(f8, g9_19) + M(f9, g8_19);
    t[8] = M(f0, g8) + M(f1_2, g7) + M(f2, g6) + M(f3_2, g5) + M(f4, g4) +
           M(f5_2, g3) + M(f6, g2) + M(f7_2, g1) + M(f8, g0) + M(f9_2, g9_19);
    t[9] = M(f0, g9) + M(f1, g8) + M(f2, g7) + M(f3, g6) + M(f4, g5) +
           M(f5, g4) + M(f6, g3) + M(f7, g2) + M(f8, g1) + M(f9, g0);
    CARRY_OUT(h, t);
}

/*
 * The column sums of f^2: each cross product once with its factor 2,
 * times 2 again for two odd limbs, times 19 past 2^255 (38 = 2 * 19 is
 * folded into the odd limbs 5, 7, 9 and 19 into 6, 8).
 */
static void sq_columns(int64_t t[10], const mav_fe *f)
{
    const int32_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3],
                  f4 = f->v[4], f5 = f->v[5], f6 = f->v[6], f7 = f->v[7],
                  f8 = f->v[8], f9 = f->v[9];
    const int32_t f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3,
                  f4_2 = 2 * f4, f5_2 = 2 * f5, f6_2 = 2 * f6, f7_2 = 2 * f7;
    const int32_t f5_38 = 38 * f5, f6_19 = 19 * f6, f7_38 = 38 * f7,
                  f8_19 = 19 * f8, f9_38 = 38 * f9;

    t[0] = M(f0, f0) + M(f1_2, f9_38) + M(f2_2, f8_19) + M(f3_2, f7_38) +
           M(f4_2, f6_19) + M(f5, f5_38);
    t[1] = M(f0_2, f1) + M(f2, f9_38) + M(f3_2, f8_19) + M(f4, f7_38) +
           M(f5_2, f6_19);
    t[2] = M(f0_2, f2) + M(f1_2, f1) + M(f3_2, f9_38) + M(f4_2, f8_19) +
           M(f5_2, f7_38) + M(f6, f6_19);
    t[3] = M(f0_2, f3) + M(f1_2, f2) + M(f4, f9_38) + M(f5_2, f8_19) +
           M(f6, f7_38);
    t[4] = M(f0_2, f4) + M(f1_2, f3_2) + M(f2, f2) + M(f5_2, f9_38) +
           M(f6_2, f8_19) + M(f7, f7_38);
    t[5] =
        M(f0_2, f5) + M(f1_2, f4) + M(f2_2, f3) + M(f6, f9_38) + M(f7_2, f8_19);
    t[6] = M(f0_2, f6) + M(f1_2, f5_2) + M(f2_2, f4) + M(f3_2, f3) +
           M(f7_2, f9_38) + M(f8, f8_19);
    t[7] = M(f0_2, f7) + M(f1_2, f6) + M(f2_2, f5) + M(f3_2, f4) + M(f8, f9_38);
    t[8] = M(f0_2, f8) + M(f1_2, f7_2) + M(f2_2, f6) + M(f3_2, f5_2) +
           M(f4, f4) + M(f9, f9_38);
    t[9] = M(f0_2, f9) + M(f1_2, f8) + M(f2_2, f7) + M(f3_2, f6) + M(f4_2, f5);
}

#endif /* MAV_CFG_ED25519_SMALLER */

/* see fe25519.h */
void mav_fe_sq(mav_fe *h, const mav_fe *f)
{
    int64_t t[10];

    sq_columns(t, f);
    CARRY_OUT(h, t);
}

/* see fe25519.h: doubled before the carry, so 2 Z^2 comes out tight. */
void mav_fe_sq2(mav_fe *h, const mav_fe *f)
{
    int64_t t[10];
    unsigned i;

    sq_columns(t, f);
    for (i = 0; i < 10; i++)
        t[i] *= 2;
    CARRY_OUT(h, t);
}

/* see fe25519.h */
void mav_fe_sqn(mav_fe *h, const mav_fe *f, unsigned n)
{
    mav_fe_sq(h, f);
    while (--n > 0)
        mav_fe_sq(h, h);
}

/* see fe25519.h: signed limbs negate in place and stay tight. */
void mav_fe_neg(mav_fe *h, const mav_fe *f)
{
    unsigned i;

    for (i = 0; i < 10; i++)
        h->v[i] = -f->v[i];
}

#else
/* ISO C forbids an empty translation unit. */
typedef int mav_fe25519_32_unused;
#endif /* !MAV_CFG_ED25519_64BIT */
