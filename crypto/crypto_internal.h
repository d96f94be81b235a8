/* SPDX-License-Identifier: MIT */
/*
 * crypto_internal.h - helpers shared by the files of crypto/ only.
 */
#ifndef MAV_CRYPTO_INTERNAL_H
#define MAV_CRYPTO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Compile-time assertion (C99 has no _Static_assert). */
#define MAV_STATIC_ASSERT(name, cond) typedef char name[(cond) ? 1 : -1]

/*
 * Keep a function out of its caller, so that its locals are on the
 * stack only while it runs and not for the whole of the caller (GCC
 * merges an inlined callee's frame into the caller's). Only a hint:
 * without GCC's attribute the code is the same, the stack deeper.
 */
#if defined(__GNUC__)
#define MAV_NOINLINE __attribute__((noinline))
#else
#define MAV_NOINLINE
#endif

/* Map an Mbed TLS error to ours: allocation failures stay visible. */
int mav_crypto_from_mbedtls(int mbedtls_err, int otherwise);

#endif /* MAV_CRYPTO_INTERNAL_H */
