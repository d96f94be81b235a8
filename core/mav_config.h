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

/* ---- DNS resolver (core/dns_resolver.c, core/dns_cache.c) ------------ */

/* Recursive servers a resolver can be given, tried in turn. */
#ifndef MAV_CFG_DNS_SERVERS
#define MAV_CFG_DNS_SERVERS 3
#endif

/*
 * Transactions (UDP or TCP exchanges) in flight at once, each with its
 * own endpoint. A verification needs about 4 in parallel (SPF, DKIM keys,
 * DMARC); lookups beyond this wait in the queue. Range 1..64.
 */
#ifndef MAV_CFG_DNS_INFLIGHT
#define MAV_CFG_DNS_INFLIGHT 8
#endif

/*
 * Lookups held at once (in flight, queued, or finished and not yet
 * released). Each costs about 560 bytes (two names). Range 1..250.
 */
#ifndef MAV_CFG_DNS_QUERIES
#define MAV_CFG_DNS_QUERIES 16
#endif

/*
 * Bytes of the answer cache. Whole responses are kept (DNSSEC needs the
 * authority section); a typical TXT or DNSKEY answer with signatures is
 * 300-1500 bytes. Also bounds the largest answer accepted over TCP. The
 * default suits a device; a gateway on an SoC may give it far more.
 */
#ifndef MAV_CFG_DNS_CACHE_BYTES
#define MAV_CFG_DNS_CACHE_BYTES 16384
#endif

/*
 * Largest response accepted, in bytes (UDP answers are at most 1232 by
 * our EDNS size; TCP ones can be larger). Must fit in the cache.
 */
#ifndef MAV_CFG_DNS_MSG_MAX
#define MAV_CFG_DNS_MSG_MAX 8192
#endif

/*
 * CNAME links followed for one lookup before it fails as a loop or an
 * over-long chain. RFC 1034 §3.6.2 gives no number; BIND stops at 16,
 * Unbound at 11; 8 is ample for mail (SPF/DKIM/DMARC records are rarely
 * aliased more than once or twice).
 */
#ifndef MAV_CFG_DNS_CNAME_MAX
#define MAV_CFG_DNS_CNAME_MAX 8
#endif

/*
 * Retransmission: the first try waits MAV_CFG_DNS_TIMEOUT_MS, each next
 * one twice as long (capped at 8x), moving to the next server each time;
 * a lookup gives up after MAV_CFG_DNS_TRIES tries (RFC 1536 §1 warns
 * against both too-fast retries and endless ones). 800 ms + 1.6 s +
 * 3.2 s + 6.4 s = 12 s at most.
 */
#ifndef MAV_CFG_DNS_TIMEOUT_MS
#define MAV_CFG_DNS_TIMEOUT_MS 800
#endif
#ifndef MAV_CFG_DNS_TRIES
#define MAV_CFG_DNS_TRIES 4
#endif

/*
 * Longest time an answer stays cached, in seconds (RFC 8767 §4 suggests
 * capping at 7 days; a device has less room, so one day). Also keeps
 * TTL arithmetic far from the 2^31 ms wrap of the monotonic clock.
 */
#ifndef MAV_CFG_DNS_MAX_TTL
#define MAV_CFG_DNS_MAX_TTL 86400
#endif

#if MAV_CFG_DNS_INFLIGHT < 1 || MAV_CFG_DNS_INFLIGHT > 64
#error "MAV_CFG_DNS_INFLIGHT out of range (1..64)"
#endif
#if MAV_CFG_DNS_QUERIES < 1 || MAV_CFG_DNS_QUERIES > 250
#error "MAV_CFG_DNS_QUERIES out of range (1..250)"
#endif
#if MAV_CFG_DNS_SERVERS < 1 || MAV_CFG_DNS_SERVERS > 16
#error "MAV_CFG_DNS_SERVERS out of range (1..16)"
#endif
#if MAV_CFG_DNS_MSG_MAX < 512 || MAV_CFG_DNS_MSG_MAX > 65535
#error "MAV_CFG_DNS_MSG_MAX out of range (512..65535)"
#endif
#if MAV_CFG_DNS_CACHE_BYTES < MAV_CFG_DNS_MSG_MAX + 300 || \
    MAV_CFG_DNS_CACHE_BYTES > 0x7fffffff
#error "MAV_CFG_DNS_CACHE_BYTES must hold at least one largest message"
#endif
#if MAV_CFG_DNS_TRIES < 1 || MAV_CFG_DNS_TRIES > 16
#error "MAV_CFG_DNS_TRIES out of range (1..16)"
#endif
#if MAV_CFG_DNS_CNAME_MAX < 1 || MAV_CFG_DNS_CNAME_MAX > 32
#error "MAV_CFG_DNS_CNAME_MAX out of range (1..32)"
#endif
#if MAV_CFG_DNS_MAX_TTL < 1 || MAV_CFG_DNS_MAX_TTL > 604800
#error "MAV_CFG_DNS_MAX_TTL out of range (1..604800)"
#endif

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
