/* SPDX-License-Identifier: MIT */
/*
 * mbedtls_config.h - mav's Mbed TLS 3.6 configuration: verify-only.
 *
 * Passed with -DMBEDTLS_CONFIG_FILE. Only what crypto/ calls is on:
 * bignum (RSA public operation), ECP with secp256r1/secp384r1 and ECDSA
 * verify, SHA-1/256/384/512. No TLS, X.509, PK, entropy, DRBG,
 * file system, time or network. We parse keys ourselves (crypto/rsa_key.c)
 * and check the PKCS#1 v1.5 encoding ourselves (crypto/rsa_verify.c), so
 * rsa.c, md.c, oid.c and the ASN.1 modules stay out of the image.
 *
 * Memory: no system heap. MBEDTLS_PLATFORM_MEMORY routes mbedtls_calloc
 * to a function pointer that crypto/arena.c points at
 * MBEDTLS_MEMORY_BUFFER_ALLOC_C over one static array.
 */
#ifndef MAV_MBEDTLS_CONFIG_H
#define MAV_MBEDTLS_CONFIG_H

/* Platform: calloc/free through a pointer, no stdio/stdlib defaults. */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
/*
 * memory_buffer_alloc.c calls mbedtls_exit() only when it finds its own
 * block headers corrupted: a bug, never an input-driven state. Stopping
 * there is the only safe answer on a device with no exit().
 */
#define MBEDTLS_PLATFORM_EXIT_MACRO(x) __builtin_trap()
/*
 * Host test builds add tests/host/mbedtls_memory_debug.h through
 * MBEDTLS_USER_CONFIG_FILE for Mbed TLS's own arena counters (they need
 * stdio, so they stay out of crypto/ and of every device build).
 */

/*
 * Inline assembly in the bignum inner loops (bn_mul.h: UMAAL on the
 * Cortex-M4, mulq on x86-64; plain C elsewhere, e.g. RV32). Measured
 * 2026-11: RSA-2048 verify +35% on the x86-64 host, and 330 bytes less
 * flash on the M4. No runtime CPU probing is involved.
 */
#define MBEDTLS_HAVE_ASM

/*
 * mav's flash-against-speed switches (MAV_CFG_SHA_SMALLER,
 * MAV_CFG_ECP_FIXED_POINT, MAV_CFG_ECP_NIST_OPTIM) live with its other
 * options in core/mav_config.h, which a board overrides through
 * MAV_CONFIG_FILE; it is plain macros, safe to include here.
 */
#include "mav_config.h"

/* Hashes (FIPS 180-4). SHA-1 stays for NSEC3 (RFC 5155). No SHA-224:
 * no DKIM, DS or NSEC3 algorithm uses it, and without it sha256.c
 * drops its second set of initial values and the is224 branches. */
#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA384_C
#define MBEDTLS_SHA512_C
/* Fewer bytes of flash for a little speed on small targets; SHA-1's
 * round loop is crypto/sha1_small.c. */
#if MAV_CFG_SHA_SMALLER
#define MBEDTLS_SHA1_PROCESS_ALT
#define MBEDTLS_SHA256_SMALLER
#define MBEDTLS_SHA512_SMALLER
#endif

/* Bignum for RSA; ECP + ECDSA for DNSSEC algorithms 13 and 14. */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#if MAV_CFG_ECP_NIST_OPTIM
#define MBEDTLS_ECP_NIST_OPTIM
#endif
#define MBEDTLS_ECP_FIXED_POINT_OPTIM MAV_CFG_ECP_FIXED_POINT
/* check_config.h makes ECDSA_C require these; the linker drops them. */
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C

/*
 * 4096-bit RSA is the largest key (RFC 8301), so 512-byte MPIs suffice;
 * this also caps what a hostile key can make us compute.
 */
#define MBEDTLS_MPI_MAX_SIZE 512

#endif /* MAV_MBEDTLS_CONFIG_H */
