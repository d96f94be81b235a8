/* SPDX-License-Identifier: MIT */
/*
 * strerror.c - names of the MAV_CRYPTO_* codes, always compiled in so a
 * device log says what failed (STYLE.md C9), and the name of the crypto
 * backend for version reports.
 */
#include "mav_crypto.h"

#include "mbedtls/build_info.h"

/* see mav_crypto.h */
const char *mav_crypto_backend(void)
{
    return "Mbed TLS " MBEDTLS_VERSION_STRING " (verify-only subset)";
}

/* see mav_crypto.h */
const char *mav_crypto_strerror(int code)
{
    switch (code) {
    case MAV_CRYPTO_OK:
        return "ok";
    case MAV_CRYPTO_ERR_ARG:
        return "bad argument";
    case MAV_CRYPTO_ERR_KEY:
        return "malformed key";
    case MAV_CRYPTO_ERR_KEY_SIZE:
        return "key size not accepted";
    case MAV_CRYPTO_ERR_SIG:
        return "malformed signature";
    case MAV_CRYPTO_ERR_MISMATCH:
        return "signature mismatch";
    case MAV_CRYPTO_ERR_UNSUPPORTED:
        return "unsupported algorithm";
    case MAV_CRYPTO_ERR_MEMORY:
        return "crypto arena exhausted";
    default:
        return "unknown crypto error";
    }
}
