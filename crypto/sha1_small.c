/* SPDX-License-Identifier: MIT */
/*
 * sha1_small.c - the SHA-1 compression function (FIPS 180-4 §6.1.2) as
 * one loop over a 16-word schedule, in place of Mbed TLS's unrolled one
 * (MBEDTLS_SHA1_PROCESS_ALT, set by crypto/mbedtls_config.h when
 * MAV_CFG_SHA_SMALLER is 1). On a Cortex-M4 at -Os it is about 250
 * bytes of code against 3.9 KB, for SHA-1's only users here: NSEC3
 * hashing (RFC 5155) and DS digest type 1 (RFC 4034), a few blocks per
 * answer. Mbed TLS keeps the padding, buffering and output.
 */
#include "mav_config.h"

#if MAV_CFG_SHA_SMALLER

#include <stdint.h>

#include "mbedtls/sha1.h"

static uint32_t rol(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

/* Declared by Mbed TLS's sha1.h for exactly this replacement. */
int mbedtls_internal_sha1_process(mbedtls_sha1_context *ctx,
                                  const unsigned char data[64])
{
    uint32_t *h = ctx->MBEDTLS_PRIVATE(state);
    uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f, k, t;
    unsigned i;

    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)data[4 * i] << 24 | (uint32_t)data[4 * i + 1] << 16 |
               (uint32_t)data[4 * i + 2] << 8 | data[4 * i + 3];
    for (i = 0; i < 80; i++) {
        if (i >= 16) /* §6.1.2 step 1, the schedule kept as a ring */
            w[i & 15] = rol(w[(i - 3) & 15] ^ w[(i - 8) & 15] ^
                                w[(i - 14) & 15] ^ w[i & 15], 1);
        if (i < 20) {
            f = (b & c) | (~b & d); /* Ch */
            k = 0x5a827999u;
        } else if (i < 40) {
            f = b ^ c ^ d; /* Parity */
            k = 0x6ed9eba1u;
        } else if (i < 60) {
            f = (b & c) | (b & d) | (c & d); /* Maj */
            k = 0x8f1bbcdcu;
        } else {
            f = b ^ c ^ d;
            k = 0xca62c1d6u;
        }
        t = rol(a, 5) + f + e + k + w[i & 15];
        e = d;
        d = c;
        c = rol(b, 30);
        b = a;
        a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    return 0;
}

#else

/* ISO C wants something in a translation unit. */
typedef int mav_sha1_small_unused;

#endif
