/* SPDX-License-Identifier: MIT */
/*
 * sha.c - SHA-1, SHA-256, SHA-384 and SHA-512 (FIPS 180-4) over Mbed TLS.
 *
 * Our contexts are opaque storage of fixed size so that mav_crypto.h
 * needs no Mbed TLS header; the assertions below keep the storage large
 * enough for the Mbed TLS build in use (an _ALT hardware context too).
 * Mbed TLS's software hashes cannot fail on valid arguments, so the
 * functions return nothing.
 */
#include <string.h>

#include "mav_crypto.h"
#include "crypto_internal.h"

#include "mbedtls/sha1.h"
#include "mbedtls/sha256.h"
#include "mbedtls/sha512.h"

MAV_STATIC_ASSERT(sha1_fits, sizeof(mbedtls_sha1_context) <= sizeof(mav_sha1_ctx));
MAV_STATIC_ASSERT(sha256_fits,
                  sizeof(mbedtls_sha256_context) <= sizeof(mav_sha256_ctx));
MAV_STATIC_ASSERT(sha512_fits,
                  sizeof(mbedtls_sha512_context) <= sizeof(mav_sha512_ctx));

#define SHA1(c) ((mbedtls_sha1_context *)(void *)(c)->priv)
#define SHA256(c) ((mbedtls_sha256_context *)(void *)(c)->priv)
#define SHA512(c) ((mbedtls_sha512_context *)(void *)(c)->priv)

/* see mav_crypto.h */
void mav_sha1_init(mav_sha1_ctx *ctx)
{
    mbedtls_sha1_init(SHA1(ctx));
    (void)mbedtls_sha1_starts(SHA1(ctx));
}

/* see mav_crypto.h */
void mav_sha1_update(mav_sha1_ctx *ctx, const void *data, size_t len)
{
    (void)mbedtls_sha1_update(SHA1(ctx), data, len);
}

/* see mav_crypto.h */
void mav_sha1_final(mav_sha1_ctx *ctx, uint8_t out[MAV_SHA1_LEN])
{
    (void)mbedtls_sha1_finish(SHA1(ctx), out);
}

/* see mav_crypto.h */
void mav_sha256_init(mav_sha256_ctx *ctx)
{
    mbedtls_sha256_init(SHA256(ctx));
    (void)mbedtls_sha256_starts(SHA256(ctx), 0);
}

/* see mav_crypto.h */
void mav_sha256_update(mav_sha256_ctx *ctx, const void *data, size_t len)
{
    (void)mbedtls_sha256_update(SHA256(ctx), data, len);
}

/* see mav_crypto.h */
void mav_sha256_final(mav_sha256_ctx *ctx, uint8_t out[MAV_SHA256_LEN])
{
    (void)mbedtls_sha256_finish(SHA256(ctx), out);
}

/* see mav_crypto.h */
void mav_sha384_init(mav_sha512_ctx *ctx)
{
    mbedtls_sha512_init(SHA512(ctx));
    (void)mbedtls_sha512_starts(SHA512(ctx), 1);
}

/* see mav_crypto.h */
void mav_sha384_update(mav_sha512_ctx *ctx, const void *data, size_t len)
{
    (void)mbedtls_sha512_update(SHA512(ctx), data, len);
}

/* see mav_crypto.h */
void mav_sha384_final(mav_sha512_ctx *ctx, uint8_t out[MAV_SHA384_LEN])
{
    /* Mbed TLS writes only the 48 bytes of SHA-384 when is384 is set. */
    (void)mbedtls_sha512_finish(SHA512(ctx), out);
}

/* see mav_crypto.h */
void mav_sha512_init(mav_sha512_ctx *ctx)
{
    mbedtls_sha512_init(SHA512(ctx));
    (void)mbedtls_sha512_starts(SHA512(ctx), 0);
}

/* see mav_crypto.h */
void mav_sha512_update(mav_sha512_ctx *ctx, const void *data, size_t len)
{
    (void)mbedtls_sha512_update(SHA512(ctx), data, len);
}

/* see mav_crypto.h */
void mav_sha512_final(mav_sha512_ctx *ctx, uint8_t out[MAV_SHA512_LEN])
{
    (void)mbedtls_sha512_finish(SHA512(ctx), out);
}

/* see mav_crypto.h */
void mav_sha256(const void *data, size_t len, uint8_t out[MAV_SHA256_LEN])
{
    mav_sha256_ctx c;

    mav_sha256_init(&c);
    mav_sha256_update(&c, data, len);
    mav_sha256_final(&c, out);
}

/* see mav_crypto.h */
void mav_sha512(const void *data, size_t len, uint8_t out[MAV_SHA512_LEN])
{
    mav_sha512_ctx c;

    mav_sha512_init(&c);
    mav_sha512_update(&c, data, len);
    mav_sha512_final(&c, out);
}
