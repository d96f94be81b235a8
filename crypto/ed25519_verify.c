/* SPDX-License-Identifier: MIT */
/*
 * ed25519_verify.c - verification of pure Ed25519 signatures, RFC 8032
 * §5.1.7, our own code (Mbed TLS 3.6 has no EdDSA).
 *
 * Given the 32-byte key A, the message M and the 64-byte signature R||S:
 *  1. decode A (RFC 8032 §5.1.3); a non-canonical encoding (y >= p, or
 *     x = 0 with the sign bit set), a y off the curve or a point of small
 *     order is MAV_CRYPTO_ERR_KEY;
 *  2. S must be below L (§5.1.7 step 1), else MAV_CRYPTO_ERR_SIG;
 *  3. decode R the same way; any fault is MAV_CRYPTO_ERR_SIG;
 *  4. k = SHA-512(R || A || M) mod L (§5.1.7 step 2), over the bytes as
 *     given (canonical, so there is no "reduced before hashing" choice);
 *  5. accept when [S]B - [k]A = R (step 3, without the cofactor), else
 *     MAV_CRYPTO_ERR_MISMATCH.
 *
 * The equation is the cofactorless one. RFC 8032 names [8][S]B = [8]R +
 * [8][k]A and allows [S]B = R + [k]A as sufficient; an honest signer's
 * signature satisfies both, and they differ only for points with a
 * component of small order. We take the cofactorless form because it is
 * what OpenSSL, BoringSSL, Go and libsodium check, so a DKIM (RFC 8463)
 * or DNSSEC (RFC 8080) signature gets the same verdict from mav as from
 * the tools that operators test with; the cofactored form only matters to
 * batch verification, which mav does not do.
 *
 * Points of small order (the eight with [8]P = 0) are refused as A and as
 * R, as libsodium does. No honest key is one (A = [a]B has order L), no
 * honest R is one unless r = 0 mod L, and with such an A anyone can forge:
 * A = R = (0, 1) and S = 0 verify for every message. A DKIM key record or
 * DNSKEY that carries one must not yield "pass". Points of mixed order (a
 * small component plus a large one) are not detected, which would cost a
 * scalar multiplication by L; the cofactorless equation then decides.
 *
 * Result on the 12 vectors of "Taming the many EdDSAs" (Chalkias,
 * Garillot, Nikolaenko, SSR 2020), as tests/host/vectors/
 * ed25519_taming.vec records them: 0, 1 KEY (A small); 2 SIG (R small);
 * 3 valid; 4, 5 MISMATCH (only the cofactored equation holds); 6, 7 SIG
 * (S >= L); 8, 9 SIG (R non-canonical); 10, 11 KEY (A non-canonical).
 *
 * Everything here is public (key, message, signature), so the code runs
 * in variable time: Straus' method with signed sliding windows (wNAF)
 * shares one chain of about 253 doublings between [S]B, which adds
 * entries of a constant table of odd multiples of B (ed25519_base.c),
 * and [k](-A), which adds odd multiples of -A built on the stack. R is
 * decoded anyway (to refuse bad encodings and small order with a precise
 * code), so the result is compared with R projectively and needs no
 * field inversion. Point formulas are those of Hisil, Wong, Carter and
 * Dawson (Asiacrypt 2008) for a = -1, over the field of fe25519.h.
 * Stack use on Cortex-M4 with the board's windows (A 3, B 5): about
 * 1.9 KiB from mav_ed25519_verify down (double_mul's frame of 1 KiB:
 * the table for -A, the nonzero digits and two points; the rest is the
 * chain of calls down to a field multiplication); nothing is static
 * but constants.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mav_config.h"
#include "mav_crypto.h"
#include "fe25519.h"
#include "crypto_internal.h"
#include "ed25519_internal.h"

/*
 * wNAF width for [k](-A): the 8 odd multiples up to 15(-A) cost 7
 * additions and 1.3 KiB of stack; one addition per 6 bits of k follows.
 * Wider saves little: 16 entries cost 8 more additions to save ~6.
 * A board short of stack sets 4 (MAV_CFG_ED25519_A_WINDOW): 640 bytes,
 * or 3: 320 bytes, one addition per 4 bits of k (about 12 more than 4).
 *
 * For [S]B the table is constant, so only flash limits the width
 * (MAV_ED25519_BASE_WINDOW): measured on x86-64, 7 (32 entries, 3 KiB)
 * is 1-2% faster than 6 (1.5 KiB) and 5% faster than 5 (768 bytes);
 * 8 (6 KiB) gains under 1% more.
 */
#define A_WINDOW MAV_CFG_ED25519_A_WINDOW
#define A_COUNT (1 << (A_WINDOW - 2))

/* Positions of a scalar's digits below 2^253 with windows up to 8 bits:
 * 0..255 (see wnaf()). */
#define DIGITS 256

/* ---- constants ---------------------------------------------------------- */

/* d = -121665/121666 mod p, the curve constant (RFC 8032 §5.1). */
static const uint8_t curve_d[32] = {
    0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41,
    0x41, 0x4d, 0x0a, 0x70, 0x00, 0x98, 0xe8, 0x79, 0x77, 0x79, 0x40,
    0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52};

/* 2d mod p, for the cached form of a point. */
static const uint8_t curve_2d[32] = {
    0x59, 0xf1, 0xb2, 0x26, 0x94, 0x9b, 0xd6, 0xeb, 0x56, 0xb1, 0x83,
    0x82, 0x9a, 0x14, 0xe0, 0x00, 0x30, 0xd1, 0xf3, 0xee, 0xf2, 0x80,
    0x8e, 0x19, 0xe7, 0xfc, 0xdf, 0x56, 0xdc, 0xd9, 0x06, 0x24};

/* 2^((p-1)/4), a square root of -1 mod p (RFC 8032 §5.1.3 step 3). */
static const uint8_t sqrt_m1[32] = {
    0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f,
    0xad, 0x06, 0x18, 0x43, 0x2f, 0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00,
    0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b};

/* L = 2^252 + 27742317777372353535851937790883648493, the order of B,
 * little-endian bytes and 32-bit words. */
static const uint8_t order_bytes[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
    0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};
static const uint32_t order_words[8] = {0x5cf5d3ed, 0x5812631a, 0xa2f79cd6,
                                        0x14def9de, 0x00000000, 0x00000000,
                                        0x00000000, 0x10000000};

/* floor(2^512 / L), Barrett's constant for reducing a 512-bit hash. */
static const uint32_t barrett_mu[9] = {0x0a2c131b, 0xed9ce5a3, 0x086329a7,
                                       0x2106215d, 0xffffffeb, 0xffffffff,
                                       0xffffffff, 0xffffffff, 0x0000000f};

/* ---- points -------------------------------------------------------------- */

/* Projective (X:Y:Z): x = X/Z, y = Y/Z. What a doubling reads. */
typedef struct {
    mav_fe x, y, z;
} proj_pt;

/* Extended (X:Y:Z:T): also xy = T/Z. What an addition reads. */
typedef struct {
    mav_fe x, y, z, t;
} ext_pt;

/* Completed ((X:Z), (Y:T)): x = X/Z, y = Y/T. What both formulas return
 * before the multiplications that bring it back to (X:Y:Z[:T]). */
typedef struct {
    mav_fe x, y, z, t;
} cmpl_pt;

/* Cached (Y+X, Y-X, Z, 2dT) of an extended point that is added often. */
typedef struct {
    mav_fe ypx, ymx, z, t2d;
} cached_pt;

static void to_proj(proj_pt *r, const cmpl_pt *c)
{
    mav_fe_mul(&r->x, &c->x, &c->t);
    mav_fe_mul(&r->y, &c->y, &c->z);
    mav_fe_mul(&r->z, &c->z, &c->t);
}

static void to_ext(ext_pt *r, const cmpl_pt *c)
{
    mav_fe_mul(&r->x, &c->x, &c->t);
    mav_fe_mul(&r->y, &c->y, &c->z);
    mav_fe_mul(&r->z, &c->z, &c->t);
    mav_fe_mul(&r->t, &c->x, &c->y);
}

/*
 * r = 2p. With a = -1: x3 = 2xy / (y^2 - x^2) and
 * y3 = (y^2 + x^2) / (2 - y^2 + x^2), homogeneous in X, Y, Z. Every
 * operand below is a sum of at most three tight values with at most one
 * subtraction, as fe25519.h requires.
 */
static void dbl(cmpl_pt *r, const proj_pt *p)
{
    mav_fe xx, yy, zz2, s;

    mav_fe_sq(&xx, &p->x);
    mav_fe_sq(&yy, &p->y);
    mav_fe_sq2(&zz2, &p->z);
    mav_fe_add(&s, &p->x, &p->y);
    mav_fe_sq(&s, &s);            /* (X+Y)^2 */
    mav_fe_add(&r->y, &yy, &xx);  /* Y^2 + X^2 */
    mav_fe_sub(&r->z, &yy, &xx);  /* Y^2 - X^2 */
    mav_fe_sub(&r->x, &s, &r->y); /* 2XY */
    mav_fe_add(&zz2, &zz2, &xx);
    mav_fe_sub(&r->t, &zz2, &yy); /* 2Z^2 - (Y^2 - X^2) */
}

/*
 * The shared tail of both additions (HWCD "add-2008-hwcd-3", k = 2d):
 * given a = (Y1-X1)(Y2-X2), b = (Y1+X1)(Y2+X2), c = 2d T1 T2 and
 * d2 = 2 Z1 Z2, x3 = (b-a)/(d2+c) and y3 = (b+a)/(d2-c). Subtracting
 * a point swaps its y+x and y-x (done by the callers) and negates c.
 */
static void add_tail(cmpl_pt *r, const mav_fe *a, const mav_fe *b,
                     const mav_fe *c, const mav_fe *d2, int neg)
{
    mav_fe_sub(&r->x, b, a);
    mav_fe_add(&r->y, b, a);
    if (neg) {
        mav_fe_sub(&r->z, d2, c);
        mav_fe_add(&r->t, d2, c);
    } else {
        mav_fe_add(&r->z, d2, c);
        mav_fe_sub(&r->t, d2, c);
    }
}

/* r = p + q, or p - q when neg. */
static MAV_NOINLINE void add_cached(cmpl_pt *r, const ext_pt *p, const cached_pt *q, int neg)
{
    mav_fe a, b, c, d2;

    mav_fe_sub(&a, &p->y, &p->x);
    mav_fe_mul(&a, &a, neg ? &q->ypx : &q->ymx);
    mav_fe_add(&b, &p->y, &p->x);
    mav_fe_mul(&b, &b, neg ? &q->ymx : &q->ypx);
    mav_fe_mul(&c, &p->t, &q->t2d);
    mav_fe_mul(&d2, &p->z, &q->z);
    mav_fe_add(&d2, &d2, &d2);
    add_tail(r, &a, &b, &c, &d2, neg);
}

/* r = p + q, or p - q when neg, for q = [2 idx + 1]B of the constant
 * table: affine (y+x, y-x, 2dxy), each field read as it is needed, so
 * that no copy of the entry sits on the stack. Not inlined, like
 * add_cached, so that its temporaries are not double_mul's. */
static MAV_NOINLINE void add_base(cmpl_pt *r, const ext_pt *p, unsigned idx, int neg)
{
    const uint8_t(*q)[32] = mav_ed25519_base_odd[idx];
    mav_fe a, b, c, d2;

    mav_fe_sub(&a, &p->y, &p->x);
    mav_fe_frombytes(&c, q[neg ? 0 : 1]);
    mav_fe_mul(&a, &a, &c);
    mav_fe_add(&b, &p->y, &p->x);
    mav_fe_frombytes(&c, q[neg ? 1 : 0]);
    mav_fe_mul(&b, &b, &c);
    mav_fe_frombytes(&c, q[2]);
    mav_fe_mul(&c, &p->t, &c);
    mav_fe_add(&d2, &p->z, &p->z);
    add_tail(r, &a, &b, &c, &d2, neg);
}

static void to_cached(cached_pt *r, const ext_pt *p, const mav_fe *two_d)
{
    mav_fe_add(&r->ypx, &p->y, &p->x);
    mav_fe_sub(&r->ymx, &p->y, &p->x);
    r->z = p->z;
    mav_fe_mul(&r->t2d, &p->t, two_d);
}

/* x^((p-5)/8) = x^(2^252 - 3), by an addition chain of 251 squarings and
 * 11 multiplications: 2^252 - 3 = 4 (2^250 - 1) + 1. */
static void pow_p58(mav_fe *r, const mav_fe *x)
{
    mav_fe t0, t1, t2;

    mav_fe_sq(&t0, x);         /* x^2 */
    mav_fe_sqn(&t1, &t0, 2);   /* x^8 */
    mav_fe_mul(&t1, &t1, x);   /* x^9 */
    mav_fe_mul(&t0, &t0, &t1); /* x^11 */
    mav_fe_sq(&t0, &t0);       /* x^22 */
    mav_fe_mul(&t0, &t0, &t1); /* x^31 = x^(2^5 - 1) */
    mav_fe_sqn(&t1, &t0, 5);
    mav_fe_mul(&t0, &t1, &t0); /* x^(2^10 - 1) */
    mav_fe_sqn(&t1, &t0, 10);
    mav_fe_mul(&t1, &t1, &t0); /* x^(2^20 - 1) */
    mav_fe_sqn(&t2, &t1, 20);
    mav_fe_mul(&t1, &t2, &t1); /* x^(2^40 - 1) */
    mav_fe_sqn(&t1, &t1, 10);
    mav_fe_mul(&t0, &t1, &t0); /* x^(2^50 - 1) */
    mav_fe_sqn(&t1, &t0, 50);
    mav_fe_mul(&t1, &t1, &t0); /* x^(2^100 - 1) */
    mav_fe_sqn(&t2, &t1, 100);
    mav_fe_mul(&t1, &t2, &t1); /* x^(2^200 - 1) */
    mav_fe_sqn(&t1, &t1, 50);
    mav_fe_mul(&t0, &t1, &t0); /* x^(2^250 - 1) */
    mav_fe_sqn(&t0, &t0, 2);   /* x^(2^252 - 4) */
    mav_fe_mul(r, &t0, x);     /* x^(2^252 - 3) */
}

/* RFC 8032 §5.1.3 step 1: is the 255-bit y of s below p? Only the 19
 * values p..2^255-1 are not: low byte >= 0xed, then all ones. */
static int y_canonical(const uint8_t s[32])
{
    unsigned i;

    if ((s[31] & 0x7f) != 0x7f || s[0] < 0xed)
        return 1;
    for (i = 1; i < 31; i++)
        if (s[i] != 0xff)
            return 1;
    return 0;
}

/*
 * RFC 8032 §5.1.3: decode s into p (Z = 1). Returns 0, or -1 when the
 * encoding is not canonical or y is not on the curve.
 */
static int decode(ext_pt *p, const uint8_t s[32])
{
    mav_fe one, yy, u, v, v3, t;
    int sign = s[31] >> 7;

    if (!y_canonical(s))
        return -1;
    mav_fe_frombytes(&p->y, s);
    mav_fe_set(&one, 1);
    mav_fe_frombytes(&t, curve_d);

    /* step 2: x^2 = u/v with u = y^2 - 1, v = d y^2 + 1 */
    mav_fe_sq(&yy, &p->y);
    mav_fe_mul(&v, &yy, &t);
    mav_fe_sub(&u, &yy, &one);
    mav_fe_add(&v, &v, &one);

    /* candidate root x = u v^3 (u v^7)^((p-5)/8) */
    mav_fe_sq(&v3, &v);
    mav_fe_mul(&v3, &v3, &v); /* v^3 */
    mav_fe_sq(&t, &v3);
    mav_fe_mul(&t, &t, &v); /* v^7 */
    mav_fe_mul(&t, &t, &u); /* u v^7 */
    pow_p58(&t, &t);
    mav_fe_mul(&t, &t, &v3);
    mav_fe_mul(&p->x, &t, &u);

    /* step 3: v x^2 = u keeps x; v x^2 = -u takes x sqrt(-1); else no
     * square root exists and y is not on the curve. The differences are
     * formed as (v x^2 + 1) - y^2 and (v x^2 + y^2) - 1 so that nothing
     * subtracts the difference u (fe25519.h). */
    mav_fe_sq(&t, &p->x);
    mav_fe_mul(&t, &t, &v);
    mav_fe_add(&v, &t, &one);
    mav_fe_sub(&v, &v, &yy);
    if (!mav_fe_iszero(&v)) {
        mav_fe_add(&v, &t, &yy);
        mav_fe_sub(&v, &v, &one);
        if (!mav_fe_iszero(&v))
            return -1;
        mav_fe_frombytes(&t, sqrt_m1);
        mav_fe_mul(&p->x, &p->x, &t);
    }

    /* step 4: x = 0 has no negative twin; the sign bit picks the root */
    if (mav_fe_iszero(&p->x) && sign)
        return -1;
    if (mav_fe_isodd(&p->x) != sign)
        mav_fe_neg(&p->x, &p->x);
    mav_fe_set(&p->z, 1);
    mav_fe_mul(&p->t, &p->x, &p->y);
    return 0;
}

/*
 * 1 when [8]p is the neutral element. [8]p has x = 0 only if it is
 * (0, 1) or (0, -1); the latter has order 2, so p would have order 16,
 * which no point has (the group has order 8L). Not inlined, so that its
 * two points are not part of verify_h's frame below which double_mul
 * runs.
 */
static MAV_NOINLINE int small_order(const ext_pt *p)
{
    proj_pt q;
    cmpl_pt c;
    unsigned i;

    q.x = p->x;
    q.y = p->y;
    q.z = p->z;
    for (i = 0; i < 3; i++) {
        dbl(&c, &q);
        to_proj(&q, &c);
    }
    return mav_fe_iszero(&q.x);
}

/* ---- scalars ------------------------------------------------------------- */

/* RFC 8032 §5.1.7 step 1: is the little-endian s below L? */
static int below_order(const uint8_t s[32])
{
    unsigned i = 32;

    while (i-- > 0) {
        if (s[i] != order_bytes[i])
            return s[i] < order_bytes[i];
    }
    return 0; /* s = L */
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/*
 * out = in mod L for a 512-bit little-endian in, by Barrett reduction in
 * 32-bit words (HAC 14.42, b = 2^32, k = 8): q = floor(floor(in / b^7)
 * mu / b^9) is at most 2 below floor(in / L), so r = in - q L, computed
 * mod b^9, needs at most two subtractions of L. Not inlined: its words
 * would stay in verify_h's frame during double_mul.
 */
static MAV_NOINLINE void reduce_512(uint8_t out[32], const uint8_t in[64])
{
    uint32_t x[16], q[18], r[9];
    uint64_t acc;
    unsigned i, j, n;

    for (i = 0; i < 16; i++)
        x[i] = le32(in + 4 * i);

    /* q = x[7..15] * mu, keeping the words from 9 up */
    memset(q, 0, sizeof q);
    for (i = 0; i < 9; i++) {
        acc = 0;
        for (j = 0; j < 9; j++) {
            acc += (uint64_t)x[7 + i] * barrett_mu[j] + q[i + j];
            q[i + j] = (uint32_t)acc;
            acc >>= 32;
        }
        q[i + 9] = (uint32_t)acc;
    }

    /* r = x - (q / b^9) L, mod b^9 */
    for (i = 0; i < 9; i++)
        r[i] = x[i];
    for (i = 0; i < 9; i++) {
        uint64_t borrow = 0;

        acc = 0;
        for (j = 0; i + j < 9 && j < 8; j++) {
            uint64_t d;

            acc += (uint64_t)q[9 + i] * order_words[j];
            d = (uint64_t)r[i + j] - (uint32_t)acc - borrow;
            r[i + j] = (uint32_t)d;
            borrow = d >> 63;
            acc >>= 32;
        }
        for (; i + j < 9; j++) {
            uint64_t d = (uint64_t)r[i + j] - (uint32_t)acc - borrow;

            r[i + j] = (uint32_t)d;
            borrow = d >> 63;
            acc >>= 32;
        }
    }

    /* at most twice: r >= L ? r -= L */
    for (n = 0; n < 2; n++) {
        uint32_t t[9];
        uint64_t borrow = 0;

        for (i = 0; i < 9; i++) {
            uint64_t d = (uint64_t)r[i] - (i < 8 ? order_words[i] : 0) - borrow;
            t[i] = (uint32_t)d;
            borrow = d >> 63;
        }
        if (!borrow)
            memcpy(r, t, sizeof t);
    }
    for (i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)r[i];
        out[4 * i + 1] = (uint8_t)(r[i] >> 8);
        out[4 * i + 2] = (uint8_t)(r[i] >> 16);
        out[4 * i + 3] = (uint8_t)(r[i] >> 24);
    }
}

/*
 * Width-w non-adjacent form of s < 2^253: digits d odd with
 * |d| < 2^(w-1), each followed by at least w-1 zeros, with
 * s = sum d 2^pos. Only the nonzero digits are kept, lowest position
 * first (a dense array of 256 digits per scalar would cost 512 bytes of
 * stack for the two); returns how many there are.
 *
 * Scanning up, a window starts where the bit differs from the carry; the
 * w bits there plus the carry give an odd value v, taken as v or v - 2^w
 * (carry 1). A carry needs v > 2^(w-1), so that window starts at or
 * below 254 - w and its carry lands at or below 254: every position is
 * below 256 and no carry is left over. Windows start at least w apart,
 * so there are at most NAF_MAX(w) digits.
 */
typedef struct {
    uint8_t pos; /* 0..255 */
    int8_t d;
} naf_digit;

#define NAF_MAX(w) ((DIGITS + (w)-1) / (w))

static unsigned wnaf(naf_digit *d, const uint8_t s[32], unsigned w)
{
    unsigned i = 0, carry = 0, n = 0;

    while (i < 256) {
        unsigned bit = (s[i >> 3] >> (i & 7)) & 1, v;

        if (bit == carry) {
            i++;
            continue;
        }
        /* the w bits at i: two bytes hold them (w <= 8, shift <= 7) */
        v = s[i >> 3];
        if ((i >> 3) + 1 < 32)
            v |= (unsigned)s[(i >> 3) + 1] << 8;
        v = ((v >> (i & 7)) & ((1u << w) - 1)) + carry;
        d[n].pos = (uint8_t)i;
        if (v > (1u << (w - 1))) {
            d[n].d = (int8_t)((int)v - (1 << w));
            carry = 1;
        } else {
            d[n].d = (int8_t)v;
            carry = 0;
        }
        n++;
        i += w;
    }
    return n;
}

/* ---- [S]B - [k]A ------------------------------------------------------ */

/* tab[j] = [2j+1] p, j < A_COUNT, in cached form. q, c and e are the
 * caller's scratch (its loop's points, unused yet), so that this adds
 * next to nothing to the stack below double_mul: [2]p waits in the last
 * entry of tab, which is written last, after it was read. */
static MAV_NOINLINE void odd_multiples(cached_pt tab[A_COUNT], const ext_pt *p,
                                       proj_pt *q, cmpl_pt *c, ext_pt *e)
{
    cached_pt *twice = &tab[A_COUNT - 1];
    mav_fe two_d;
    unsigned j;

    mav_fe_frombytes(&two_d, curve_2d);
    to_cached(&tab[0], p, &two_d);
    if (A_COUNT == 1)
        return;
    q->x = p->x;
    q->y = p->y;
    q->z = p->z;
    dbl(c, q);
    to_ext(e, c);
    to_cached(twice, e, &two_d);
    *e = *p;
    for (j = 1; j < A_COUNT; j++) {
        add_cached(c, e, twice, 0);
        to_ext(e, c);
        to_cached(&tab[j], e, &two_d);
    }
}

/* r = [s]B + [k]na, with s, k < 2^253 (na is -A, decoded). Not inlined:
 * its table (A_WINDOW) and digits must not add to the frame of verify_h
 * while decode() and small_order() run below it. */
static MAV_NOINLINE void double_mul(proj_pt *r, const uint8_t s[32],
                                    const uint8_t k[32], const ext_pt *na)
{
    naf_digit ds[NAF_MAX(MAV_ED25519_BASE_WINDOW)], dk[NAF_MAX(A_WINDOW)];
    cached_pt tab[A_COUNT];
    cmpl_pt c;
    ext_pt e;
    unsigned ns, nk;
    int i;

    odd_multiples(tab, na, r, &c, &e);
    ns = wnaf(ds, s, MAV_ED25519_BASE_WINDOW);
    nk = wnaf(dk, k, A_WINDOW);

    mav_fe_set(&r->x, 0);
    mav_fe_set(&r->y, 1);
    mav_fe_set(&r->z, 1);
    i = ns ? ds[ns - 1].pos : -1;
    if (nk && dk[nk - 1].pos > i)
        i = dk[nk - 1].pos;
    for (; i >= 0; i--) {
        dbl(&c, r);
        if (nk && dk[nk - 1].pos == i) {
            int d = dk[--nk].d;

            to_ext(&e, &c);
            add_cached(&c, &e, &tab[(d < 0 ? -d : d) >> 1], d < 0);
        }
        if (ns && ds[ns - 1].pos == i) {
            int d = ds[--ns].d;

            to_ext(&e, &c);
            add_base(&c, &e, (unsigned)(d < 0 ? -d : d) >> 1, d < 0);
        }
        to_proj(r, &c);
    }
}

/* SHA-512(R || A || M) (RFC 8032 §5.1.7 step 2, before the reduction);
 * not inlined, so its hash context is off the stack during verify_h. */
static MAV_NOINLINE void hram(uint8_t h[MAV_SHA512_LEN], const uint8_t *r,
                 const uint8_t *a, const uint8_t *msg, size_t msg_len)
{
    mav_sha512_ctx sha;

    mav_sha512_init(&sha);
    mav_sha512_update(&sha, r, 32);
    mav_sha512_update(&sha, a, 32);
    if (msg_len != 0)
        mav_sha512_update(&sha, msg, msg_len);
    mav_sha512_final(&sha, h);
}

/* Steps 1 and 3 of RFC 8032 §5.1.7 with h = SHA-512(R || A || M) given;
 * key and sig are 32 and 64 bytes. */
/* Is p = R (p projective, R encoded in rs), R a valid point of large
 * order? X = xR Z and Y = yR Z. Apart from verify_h so that R's decoded
 * form is on the stack only here, not during double_mul. */
static MAV_NOINLINE int equals_r(const proj_pt *p, const uint8_t rs[32])
{
    ext_pt r;
    mav_fe t;

    if (decode(&r, rs) != 0 || small_order(&r))
        return MAV_CRYPTO_ERR_SIG;
    mav_fe_mul(&t, &r.x, &p->z);
    mav_fe_sub(&t, &t, &p->x);
    if (!mav_fe_iszero(&t))
        return MAV_CRYPTO_ERR_MISMATCH;
    mav_fe_mul(&t, &r.y, &p->z);
    mav_fe_sub(&t, &t, &p->y);
    if (!mav_fe_iszero(&t))
        return MAV_CRYPTO_ERR_MISMATCH;
    return MAV_CRYPTO_OK;
}

/* Steps 1 and 3 of RFC 8032 §5.1.7 with h = SHA-512(R || A || M) given;
 * key and sig are 32 and 64 bytes. R is decoded and checked after the
 * product is computed: a bad R is the same MAV_CRYPTO_ERR_SIG, found
 * later. */
static int verify_h(const uint8_t *key, const uint8_t *sig,
                    const uint8_t h[MAV_SHA512_LEN])
{
    uint8_t k[32];
    ext_pt a;
    proj_pt p;

    if (decode(&a, key) != 0 || small_order(&a))
        return MAV_CRYPTO_ERR_KEY;
    if (!below_order(sig + 32))
        return MAV_CRYPTO_ERR_SIG;

    reduce_512(k, h); /* k = h mod L */

    /* [S]B + [k](-A), compared with R */
    mav_fe_neg(&a.x, &a.x);
    mav_fe_neg(&a.t, &a.t);
    double_mul(&p, sig + 32, k, &a);
    return equals_r(&p, sig);
}

/* see mav_crypto.h */
int mav_ed25519_verify(const uint8_t *key, size_t key_len, const uint8_t *msg,
                       size_t msg_len, const uint8_t *sig, size_t sig_len)
{
    uint8_t h[MAV_SHA512_LEN];

    if (key == NULL || sig == NULL || (msg == NULL && msg_len != 0))
        return MAV_CRYPTO_ERR_ARG;
    if (key_len != MAV_ED25519_KEY_LEN)
        return MAV_CRYPTO_ERR_KEY;
    if (sig_len != MAV_ED25519_SIG_LEN)
        return MAV_CRYPTO_ERR_SIG;
    hram(h, sig, key, msg, msg_len);
    return verify_h(key, sig, h);
}

/* see mav_crypto.h */
int mav_ed25519_verify_hram(const uint8_t *key, size_t key_len,
                            const uint8_t hram_digest[MAV_SHA512_LEN],
                            const uint8_t *sig, size_t sig_len)
{
    if (key == NULL || sig == NULL || hram_digest == NULL)
        return MAV_CRYPTO_ERR_ARG;
    if (key_len != MAV_ED25519_KEY_LEN)
        return MAV_CRYPTO_ERR_KEY;
    if (sig_len != MAV_ED25519_SIG_LEN)
        return MAV_CRYPTO_ERR_SIG;
    return verify_h(key, sig, hram_digest);
}
