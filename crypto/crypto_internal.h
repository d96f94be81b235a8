/* SPDX-License-Identifier: MIT */
/*
 * crypto_internal.h - helpers shared by the files of crypto/ only.
 */
#ifndef MAV_CRYPTO_INTERNAL_H
#define MAV_CRYPTO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mav_config.h"

/* Compile-time assertion (C99 has no _Static_assert). */
#define MAV_STATIC_ASSERT(name, cond) typedef char name[(cond) ? 1 : -1]

/* MAV_NOINLINE: see mav_config.h. */

/* Map an Mbed TLS error to ours: allocation failures stay visible. */
int mav_crypto_from_mbedtls(int mbedtls_err, int otherwise);

#endif /* MAV_CRYPTO_INTERNAL_H */
