/* SPDX-License-Identifier: MIT */
/*
 * mav_config.h - every compile-time limit of mav, with its default.
 *
 * A board overrides any of these by naming its own header in
 * MAV_CONFIG_FILE (e.g. -DMAV_CONFIG_FILE='"mav_opts.h"'), which is
 * included first; every option below is only defined when still unset
 * (the lwIP opt.h pattern). Feature switches are valued 0 or 1 and tested
 * with #if, so a misspelt switch fails a -Wundef build.
 */
#ifndef MAV_CONFIG_H
#define MAV_CONFIG_H

#ifdef MAV_CONFIG_FILE
#include MAV_CONFIG_FILE
#endif

/* ---- crypto ---------------------------------------------------------- */

/*
 * Bytes of the one static arena that Mbed TLS's bignum code allocates
 * from (MBEDTLS_MEMORY_BUFFER_ALLOC_C). The costliest operations we
 * accept are RSA-4096 and ECDSA P-384; the "arena" test measured their
 * high-water mark at 10664 bytes (x86_64, 2026-11), so 12 KiB leaves a
 * 15% margin, and the test fails if the margin drops under 10%.
 */
#ifndef MAV_CFG_MBEDTLS_ARENA
#define MAV_CFG_MBEDTLS_ARENA 12288
#endif

/*
 * RSA modulus sizes accepted, in bits. RFC 8301 §3.2: DKIM verifiers
 * must accept 1024..4096; DNSSEC (RFC 3110) keys of the same range are
 * what the root and TLDs use. Larger keys cost time a device cannot give
 * (a hostile key would be a CPU-exhaustion lever), smaller are broken.
 */
#ifndef MAV_CFG_RSA_MIN_BITS
#define MAV_CFG_RSA_MIN_BITS 1024
#endif
#ifndef MAV_CFG_RSA_MAX_BITS
#define MAV_CFG_RSA_MAX_BITS 4096
#endif

/*
 * Use the 64-bit-limb field arithmetic for Ed25519 (needs a compiler
 * with unsigned __int128, i.e. a 64-bit host). 0 forces the 32-bit code
 * that Cortex-M and RV32 run. Defaults to 1 where the type exists.
 */
#ifndef MAV_CFG_ED25519_64BIT
#if defined(__SIZEOF_INT128__)
#define MAV_CFG_ED25519_64BIT 1
#else
#define MAV_CFG_ED25519_64BIT 0
#endif
#endif

/* ---- DNS wire format (core/dns_*.c) -------------------------------- */

/*
 * Questions plus resource records accepted in one DNS message (QD + AN +
 * NS + AR), the work bound of mav_dns_msg_parse (musl caps QD + AN at 64).
 * A message of our 1232-byte EDNS payload holds at most 111 RRs (12-byte
 * header, 11-byte smallest RR: root owner + 10 fixed bytes), so 128 never
 * refuses a UDP answer; a larger TCP answer with more is refused as
 * MAV_ERR_LIMIT. Range 16..65535*4.
 */
#ifndef MAV_CFG_DNS_MAX_RRS
#define MAV_CFG_DNS_MAX_RRS 128
#endif

/*
 * Compression pointers followed while reading one name. Pointers must go
 * strictly backwards (so a loop is impossible anyway); this caps the work
 * a hostile pointer chain (pointer to pointer to pointer...) can cost.
 * Real compressors need one pointer per reused suffix, so 1-4 in
 * practice; a name has at most 127 labels. Range 1..127.
 */
#ifndef MAV_CFG_DNS_MAX_PTR_HOPS
#define MAV_CFG_DNS_MAX_PTR_HOPS 32
#endif

/*
 * Labels accepted in one name, root excluded. 127 is the most a 255-byte
 * name can hold (RFC 1035 §2.3.4), so the default limits nothing that is
 * valid; a board may lower it. Range 1..127.
 */
#ifndef MAV_CFG_DNS_MAX_LABELS
#define MAV_CFG_DNS_MAX_LABELS 127
#endif

#if MAV_CFG_DNS_MAX_RRS < 16 || MAV_CFG_DNS_MAX_RRS > 262140
#error "MAV_CFG_DNS_MAX_RRS out of range (16..262140)"
#endif
#if MAV_CFG_DNS_MAX_PTR_HOPS < 1 || MAV_CFG_DNS_MAX_PTR_HOPS > 127
#error "MAV_CFG_DNS_MAX_PTR_HOPS out of range (1..127)"
#endif
#if MAV_CFG_DNS_MAX_LABELS < 1 || MAV_CFG_DNS_MAX_LABELS > 127
#error "MAV_CFG_DNS_MAX_LABELS out of range (1..127)"
#endif

/* ---- end of DNS wire format ----------------------------------------- */

/* ---- sanity checks ---------------------------------------------------- */

#if MAV_CFG_RSA_MIN_BITS < 1024
#error "MAV_CFG_RSA_MIN_BITS below 1024: RFC 8301 forbids such keys"
#endif
#if MAV_CFG_RSA_MAX_BITS > 8192 || MAV_CFG_RSA_MAX_BITS < MAV_CFG_RSA_MIN_BITS
#error "MAV_CFG_RSA_MAX_BITS out of range (MIN_BITS..8192)"
#endif
#if MAV_CFG_ED25519_64BIT && !defined(__SIZEOF_INT128__)
#error "MAV_CFG_ED25519_64BIT needs unsigned __int128"
#endif

#endif /* MAV_CONFIG_H */
