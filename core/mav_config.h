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

/*
 * Flash against speed in the crypto code: a board short of flash turns
 * these down (crypto/mbedtls_config.h maps the first three onto Mbed
 * TLS's options). Results never change, only size and time; "make size"
 * and "make bench" print both for the QEMU board.
 *
 * MAV_CFG_SHA_SMALLER: SHA-1, SHA-256 and SHA-512 as loops instead of
 * unrolled rounds (Mbed TLS's SHA256/512_SMALLER; our own SHA-1 round
 * loop, crypto/sha1_small.c): about 5 KB less on a Cortex-M4. On by
 * default for Arm and RISC-V targets, off for the host.
 */
#ifndef MAV_CFG_SHA_SMALLER
#if defined(__ARM_ARCH) || defined(__riscv)
#define MAV_CFG_SHA_SMALLER 1
#else
#define MAV_CFG_SHA_SMALLER 0
#endif
#endif

/*
 * MAV_CFG_ECP_FIXED_POINT: Mbed TLS's precomputed multiples of the P-256
 * and P-384 base points (MBEDTLS_ECP_FIXED_POINT_OPTIM), 5.4 KB of flash
 * on a Cortex-M4. 0 computes them in the arena at every ECDSA
 * verification, which costs time (DNSSEC algorithms 13 and 14 only).
 */
#ifndef MAV_CFG_ECP_FIXED_POINT
#define MAV_CFG_ECP_FIXED_POINT 1
#endif

/*
 * MAV_CFG_ECP_NIST_OPTIM: the fast reductions modulo the P-256 and P-384
 * primes (MBEDTLS_ECP_NIST_OPTIM), 1.8 KB on a Cortex-M4; 0 reduces with
 * the generic bignum division, several times slower.
 */
#ifndef MAV_CFG_ECP_NIST_OPTIM
#define MAV_CFG_ECP_NIST_OPTIM 1
#endif

/*
 * Ed25519 windows (crypto/ed25519_verify.c). BASE: the signed-digit
 * width for the base point, whose odd multiples are a constant table of
 * 2^(w-2) entries of 96 bytes in flash (7: 3 KB; 5: 768 bytes, about 3%
 * more time). A: the width for the public key, whose odd multiples are
 * computed per verification into 2^(w-2) entries of 160 bytes of stack
 * on a 32-bit CPU (5: 1280 bytes; 4: 640 bytes, about 2% more time).
 */
#ifndef MAV_CFG_ED25519_BASE_WINDOW
#define MAV_CFG_ED25519_BASE_WINDOW 7
#endif
#ifndef MAV_CFG_ED25519_A_WINDOW
#define MAV_CFG_ED25519_A_WINDOW 5
#endif

/*
 * MAV_CFG_ED25519_SMALLER: the 32-bit field arithmetic of Ed25519
 * (crypto/fe25519_32.c, MAV_CFG_ED25519_64BIT = 0) as loops instead of
 * unrolled code: multiply, square and carry share one column loop and
 * one carry loop, the same products and carries in the same order, so
 * the same limbs. 1.6 KB less flash on a Cortex-M4 (fe25519_32 2630 ->
 * 988 bytes) for an Ed25519 verification about twice as long (QEMU: 3.5
 * instead of 1.7 million instructions for a warm DNSSEC algorithm-15
 * lookup) and 72 bytes less stack. 0 (the default) keeps the unrolled
 * code; the 64-bit host code is always unrolled.
 */
#ifndef MAV_CFG_ED25519_SMALLER
#define MAV_CFG_ED25519_SMALLER 0
#endif

#if MAV_CFG_ED25519_BASE_WINDOW < 4 || MAV_CFG_ED25519_BASE_WINDOW > 7
#error "MAV_CFG_ED25519_BASE_WINDOW out of range (4..7)"
#endif
#if MAV_CFG_ED25519_A_WINDOW < 3 || MAV_CFG_ED25519_A_WINDOW > 7
#error "MAV_CFG_ED25519_A_WINDOW out of range (3..7)"
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

/* ---- DNSSEC (core/dnssec_*.c) ----------------------------------------- */

/*
 * RRSIGs tried for one RRset before it is BOGUS with reason "limit:
 * RRSIGs per RRset". Unbound 1.19.1 (the KeyTrap fix) allows 8
 * (MAX_VALIDATE_RRSIGS, validator/val_sigcrypt.c); a zone needs one per
 * algorithm and two during a rollover. Range 1..64.
 */
#ifndef MAV_CFG_DNSSEC_MAX_SIGS_PER_RRSET
#define MAV_CFG_DNSSEC_MAX_SIGS_PER_RRSET 8
#endif

/*
 * DNSKEYs tried for one RRSIG (same signer, algorithm and key tag).
 * RFC 4035 §5.3.1 wants every colliding key tried; KeyTrap (CVE-2023-
 * 50387) turns that into a CPU lever. Unbound 1.19.1 stops after 4
 * (MAX_DS_MATCH_FAILURES), the issue asks for 2-4; tag collisions in
 * honest zones are rare, so 4 costs nothing real. Range 1..64.
 */
#ifndef MAV_CFG_DNSSEC_MAX_KEYS_PER_SIG
#define MAV_CFG_DNSSEC_MAX_KEYS_PER_SIG 4
#endif

/*
 * Signature verifications for one lookup (the answer and its chain of
 * trust), as systemd-resolved's DNSSEC_VALIDATION_MAX (64 per
 * transaction). A cold 4-level chain with 2 algorithms is about 10.
 */
#ifndef MAV_CFG_DNSSEC_MAX_VALIDATIONS
#define MAV_CFG_DNSSEC_MAX_VALIDATIONS 64
#endif

/*
 * Failed verifications for one lookup: honest data fails rarely (a
 * rollover, a stale cache). systemd-resolved tolerates 5 invalid
 * signatures per RRset (DNSSEC_INVALID_MAX); BIND 9.18.24 one failure
 * per fetch (max-validation-failures-per-fetch). 5 per lookup.
 */
#ifndef MAV_CFG_DNSSEC_MAX_FAILURES
#define MAV_CFG_DNSSEC_MAX_FAILURES 5
#endif

/*
 * NSEC3 iterations above which a zone is treated as insecure: RFC 9276
 * §3.2 lets validators do so and §3.1 asks signers for 0; systemd-
 * resolved uses 100 (NSEC3_ITERATIONS_MAX), Unbound 1.19 150
 * (val-nsec3-keysize-iterations). Range 0..2500 (RFC 5155 §10.3).
 */
#ifndef MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS
#define MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS 100
#endif

/*
 * SHA-1 runs of NSEC3 hashing for one lookup (a hash costs iterations +
 * 1). Unbound 1.19.1 computes at most 8 hashes per validation step
 * (MAX_NSEC3_CALCULATIONS); a closest-encloser proof needs one per label
 * of the name, so 16 hashes at the highest accepted iteration count.
 */
#ifndef MAV_CFG_DNSSEC_MAX_NSEC3_WORK
#define MAV_CFG_DNSSEC_MAX_NSEC3_WORK \
    (16 * (MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS + 1))
#endif

/*
 * RRs in one RRset that the canonical ordering handles (systemd-resolved:
 * VERIFY_RRS_MAX 256). Defaults to the RRs one message may hold, so no
 * RRset of a parsed message is refused. Costs 2 bytes each in
 * mav_dnssec_ctx. Range 1..65535.
 */
#ifndef MAV_CFG_DNSSEC_MAX_RRSET_RRS
#define MAV_CFG_DNSSEC_MAX_RRSET_RRS MAV_CFG_DNS_MAX_RRS
#endif

/*
 * Bytes of each of the two buffers that hold the canonical RDATA of an
 * RR with embedded names (RFC 4034 §6.2 item 3) while the RRset is
 * sorted and hashed; other types are read in place. The largest such
 * RDATA of a type in use is NAPTR: 4 + three 256-byte strings + a
 * 255-byte name = 1027; SOA is 530. Longer RDATA gives "limit:
 * canonical RDATA".
 */
#ifndef MAV_CFG_DNSSEC_CANON_RDATA_MAX
#define MAV_CFG_DNSSEC_CANON_RDATA_MAX 1040
#endif

#if MAV_CFG_DNSSEC_MAX_SIGS_PER_RRSET < 1 || \
    MAV_CFG_DNSSEC_MAX_SIGS_PER_RRSET > 64
#error "MAV_CFG_DNSSEC_MAX_SIGS_PER_RRSET out of range (1..64)"
#endif
#if MAV_CFG_DNSSEC_MAX_KEYS_PER_SIG < 1 || MAV_CFG_DNSSEC_MAX_KEYS_PER_SIG > 64
#error "MAV_CFG_DNSSEC_MAX_KEYS_PER_SIG out of range (1..64)"
#endif
#if MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS < 0 || \
    MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS > 2500
#error "MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS out of range (0..2500)"
#endif
#if MAV_CFG_DNSSEC_MAX_RRSET_RRS < 1 || MAV_CFG_DNSSEC_MAX_RRSET_RRS > 65535
#error "MAV_CFG_DNSSEC_MAX_RRSET_RRS out of range (1..65535)"
#endif
#if MAV_CFG_DNSSEC_CANON_RDATA_MAX < 530
#error "MAV_CFG_DNSSEC_CANON_RDATA_MAX below 530: SOA would not fit"
#endif

/* ---- end of DNSSEC ---------------------------------------------------- */

/* ---- DNSSEC chain of trust (core/dnssec_validate.c) -------------------- */

/* Validate answers (1) or leave them MAV_DNSSEC_UNCHECKED (0). */
#ifndef MAV_CFG_DNSSEC
#define MAV_CFG_DNSSEC 1
#endif

/*
 * Validations (key chains being walked) at once; each holds one lookup
 * slot for its DS/DNSKEY queries, reserved out of MAV_CFG_DNS_QUERIES,
 * and about 400 bytes. Lookups beyond wait their turn. Range 1..16.
 */
#ifndef MAV_CFG_DNSSEC_JOBS
#define MAV_CFG_DNSSEC_JOBS 2
#endif

/*
 * RRs of one RRset the validator gathers (records by reference, 16
 * bytes each on a 32-bit device, three arrays). A larger RRset is bogus
 * with reason "limit: RRs per RRset". Mail's RRsets (TXT, MX, A, DNSKEY)
 * hold a handful; systemd-resolved allows 256.
 */
#ifndef MAV_CFG_DNSSEC_RRSET_REFS
#define MAV_CFG_DNSSEC_RRSET_REFS 32
#endif

/*
 * Zone cuts (DS lookups) walked for one RRset, from the trust anchor
 * down: bounds the queries a hostile deep name can cost. A name of mail
 * rarely has more than 6 labels below the root.
 */
#ifndef MAV_CFG_DNSSEC_MAX_DS_STEPS
#define MAV_CFG_DNSSEC_MAX_DS_STEPS 16
#endif

/* Bytes for the configured trust anchors (DS or DNSKEY RDATA plus a few
 * bytes each); the built-in root DS pair takes about 90. */
#ifndef MAV_CFG_DNSSEC_ANCHOR_BYTES
#define MAV_CFG_DNSSEC_ANCHOR_BYTES 2048
#endif

#if MAV_CFG_DNSSEC_JOBS < 1 || MAV_CFG_DNSSEC_JOBS > 16
#error "MAV_CFG_DNSSEC_JOBS out of range (1..16)"
#endif
#if MAV_CFG_DNSSEC && MAV_CFG_DNS_QUERIES <= MAV_CFG_DNSSEC_JOBS
#error "MAV_CFG_DNS_QUERIES must exceed MAV_CFG_DNSSEC_JOBS"
#endif
#if MAV_CFG_DNSSEC_RRSET_REFS < 4 || MAV_CFG_DNSSEC_RRSET_REFS > 1024
#error "MAV_CFG_DNSSEC_RRSET_REFS out of range (4..1024)"
#endif

/* ---- SPF (core/spf_*.c) ----------------------------------------------- */

/*
 * Terms that cause DNS queries (include, a, mx, ptr, exists and the
 * redirect modifier) in one check_host() evaluation, nested records
 * included: RFC 7208 §4.6.4 says 10, and more is a permerror. Each
 * level of includes costs one such term, so this also bounds their
 * depth (MAV_CFG_SPF_MAX_DEPTH). A board may lower it (stricter than the
 * RFC); above 10 is refused.
 */
#ifndef MAV_CFG_SPF_MAX_DNS_MECH
#define MAV_CFG_SPF_MAX_DNS_MECH 10
#endif

/*
 * Records nested below the top one (include upon include), i.e. the
 * evaluation's stack of records, one frame of about 340 bytes each (a
 * 32-bit device). The §4.6.4 limit already caps it at MAX_DNS_MECH, the
 * default; a board short of RAM may lower it: a deeper chain of includes
 * is then a permerror ("limit: include depth"). Published records nest
 * 2-4 deep (a provider's include naming its netblock records). Range
 * 1..MAV_CFG_SPF_MAX_DNS_MECH.
 */
#ifndef MAV_CFG_SPF_MAX_DEPTH
#define MAV_CFG_SPF_MAX_DEPTH MAV_CFG_SPF_MAX_DNS_MECH
#endif

/*
 * Void lookups (NXDOMAIN, or NOERROR with no answer) allowed before the
 * evaluation is a permerror: RFC 7208 §4.6.4 recommends 2.
 */
#ifndef MAV_CFG_SPF_MAX_VOID
#define MAV_CFG_SPF_MAX_VOID 2
#endif

/*
 * MX names one mx term may look up addresses for: RFC 7208 §4.6.4, 10;
 * an MX RRset with more is a permerror.
 */
#ifndef MAV_CFG_SPF_MAX_MX
#define MAV_CFG_SPF_MAX_MX 10
#endif

/*
 * PTR names one ptr term (or the p macro) validates: RFC 7208 §4.6.4,
 * 10; the names after the 10th are ignored.
 */
#ifndef MAV_CFG_SPF_MAX_PTR
#define MAV_CFG_SPF_MAX_PTR 10
#endif

/*
 * Bytes for the texts of the records being evaluated at once (the top
 * record and the records of the includes under way), used as a stack.
 * RFC 7208 §3.4 asks publishers to fit a record's answer in 512 bytes,
 * so 11 nested records of ~450 bytes fit 5 KiB; a deeper, longer chain
 * is a permerror ("limit: record text"). Range 512..65535.
 */
#ifndef MAV_CFG_SPF_TEXT_BYTES
#define MAV_CFG_SPF_TEXT_BYTES 5120
#endif

/*
 * Bytes of a macro expansion before §7.3's cut to 253 characters: a
 * domain-spec of 253 literal chars with a few %{s} of 254 each fits.
 */
#ifndef MAV_CFG_SPF_EXPAND_TEXT
#define MAV_CFG_SPF_EXPAND_TEXT 1024
#endif

/* Text of a domain name plus its NUL (253 chars, RFC 7208 §4.3), and
 * of a sender (local-part of up to 64 + "@" + domain, RFC 5321 §4.5.3). */
#define MAV_CFG_SPF_NAME_TEXT 256
#define MAV_CFG_SPF_SENDER_TEXT 320

/* Bytes of the deciding term kept in the outcome (cut to fit), and of the
 * explanation of a fail (§6.2). */
#ifndef MAV_CFG_SPF_TERM_TEXT
#define MAV_CFG_SPF_TERM_TEXT 128
#endif
#ifndef MAV_CFG_SPF_EXP_TEXT
#define MAV_CFG_SPF_EXP_TEXT 512
#endif

/* Records of later includes and of a redirect asked for as soon as the
 * record naming them is read, so that their round trips overlap the
 * evaluation instead of following it one by one (at most this many
 * under way per context; 0 turns it off). Each is a counted query, once:
 * the evaluation's own lookup of that record is then not counted again. */
#ifndef MAV_CFG_SPF_PREFETCH
#define MAV_CFG_SPF_PREFETCH 4
#endif

/* Lookups a context holds at once: the address lookups of an mx or ptr
 * term go out together (issued as the resolver has room). */
#define MAV_CFG_SPF_BATCH \
    (MAV_CFG_SPF_MAX_MX > MAV_CFG_SPF_MAX_PTR ? MAV_CFG_SPF_MAX_MX \
                                              : MAV_CFG_SPF_MAX_PTR)

#if MAV_CFG_SPF_MAX_DNS_MECH < 1 || MAV_CFG_SPF_MAX_DNS_MECH > 10
#error "MAV_CFG_SPF_MAX_DNS_MECH out of range (1..10, RFC 7208 §4.6.4)"
#endif
#if MAV_CFG_SPF_MAX_DEPTH < 1 || \
    MAV_CFG_SPF_MAX_DEPTH > MAV_CFG_SPF_MAX_DNS_MECH
#error "MAV_CFG_SPF_MAX_DEPTH out of range (1..MAV_CFG_SPF_MAX_DNS_MECH)"
#endif
#if MAV_CFG_SPF_MAX_VOID < 0 || MAV_CFG_SPF_MAX_VOID > 10
#error "MAV_CFG_SPF_MAX_VOID out of range (0..10)"
#endif
#if MAV_CFG_SPF_MAX_MX < 1 || MAV_CFG_SPF_MAX_MX > 10
#error "MAV_CFG_SPF_MAX_MX out of range (1..10, RFC 7208 §4.6.4)"
#endif
#if MAV_CFG_SPF_MAX_PTR < 1 || MAV_CFG_SPF_MAX_PTR > 10
#error "MAV_CFG_SPF_MAX_PTR out of range (1..10, RFC 7208 §4.6.4)"
#endif
#if MAV_CFG_SPF_TEXT_BYTES < 512 || MAV_CFG_SPF_TEXT_BYTES > 65535
#error "MAV_CFG_SPF_TEXT_BYTES out of range (512..65535)"
#endif
#if MAV_CFG_SPF_EXPAND_TEXT < 300 || MAV_CFG_SPF_EXPAND_TEXT > 65535
#error "MAV_CFG_SPF_EXPAND_TEXT out of range (300..65535)"
#endif
#if MAV_CFG_SPF_PREFETCH < 0 || MAV_CFG_SPF_PREFETCH > 16
#error "MAV_CFG_SPF_PREFETCH out of range (0..16)"
#endif
#if MAV_CFG_SPF_TERM_TEXT < 16 || MAV_CFG_SPF_EXP_TEXT < 16
#error "MAV_CFG_SPF_TERM_TEXT and MAV_CFG_SPF_EXP_TEXT must be >= 16"
#endif

/* ---- end of SPF -------------------------------------------------------- */

/* ---- DKIM (core/msg_*.c, core/dkim_*.c) ------------------------------ */

/*
 * Bytes of the message header section kept (RFC 5322 §2.2: every field,
 * folding included). Signatures hash header fields only after the whole
 * section has been read, so it is buffered; the body never is. Fields
 * that do not fit are lost: a signature that needs one gets permerror.
 * Real mail has 2-8 KB of header; 16 KB suits a device. Range 1K..1M.
 */
#ifndef MAV_CFG_HEADER_BYTES
#define MAV_CFG_HEADER_BYTES 16384
#endif

/*
 * Header fields indexed (about 12 bytes each). 16 KB of header holds at
 * most about 300 short fields; mail has 20-60. Past this every signature
 * gets permerror: the bottom-up selection could miss a field. Range
 * 16..4096.
 */
#ifndef MAV_CFG_HEADER_FIELDS
#define MAV_CFG_HEADER_FIELDS 128
#endif

/*
 * DKIM-Signature fields verified per message (about 1.2 KB each); the
 * rest are reported as neutral, "not checked". Mailing lists add one or
 * two; five covers real mail. Range 1..64.
 */
#ifndef MAV_CFG_DKIM_SIGNATURES
#define MAV_CFG_DKIM_SIGNATURES 5
#endif

/*
 * Names one h= tag may list (RFC 6376 §3.5 sets no bound). Selection is
 * quadratic in this number, so a hostile signature could cost time;
 * signers list 5-20 names, 40 with over-signing. More is permerror.
 */
#ifndef MAV_CFG_DKIM_SIGNED_FIELDS
#define MAV_CFG_DKIM_SIGNED_FIELDS 64
#endif

/*
 * Bytes of a key record after its TXT strings are joined (RFC 6376
 * §3.6.2.2). An RSA-4096 SubjectPublicKeyInfo is 736 base64 characters;
 * 2 KB leaves room for tags and notes. Longer is permerror.
 */
#ifndef MAV_CFG_DKIM_KEY_RECORD_MAX
#define MAV_CFG_DKIM_KEY_RECORD_MAX 2048
#endif

/*
 * Seconds a signature's t= may lie in the future before it fails (RFC
 * 6376 §3.5: verifiers MAY fail such signatures; clocks drift). dkimpy
 * allows 10 hours, OpenDKIM none by default; one hour here.
 */
#ifndef MAV_CFG_DKIM_CLOCK_SKEW
#define MAV_CFG_DKIM_CLOCK_SKEW 3600
#endif

#if MAV_CFG_HEADER_BYTES < 1024 || MAV_CFG_HEADER_BYTES > 1048576
#error "MAV_CFG_HEADER_BYTES out of range (1024..1048576)"
#endif
#if MAV_CFG_HEADER_FIELDS < 16 || MAV_CFG_HEADER_FIELDS > 4096
#error "MAV_CFG_HEADER_FIELDS out of range (16..4096)"
#endif
#if MAV_CFG_DKIM_SIGNATURES < 1 || MAV_CFG_DKIM_SIGNATURES > 64
#error "MAV_CFG_DKIM_SIGNATURES out of range (1..64)"
#endif
#if MAV_CFG_DKIM_SIGNED_FIELDS < 8 || MAV_CFG_DKIM_SIGNED_FIELDS > 1024
#error "MAV_CFG_DKIM_SIGNED_FIELDS out of range (8..1024)"
#endif
#if MAV_CFG_DKIM_KEY_RECORD_MAX < 1024 || MAV_CFG_DKIM_KEY_RECORD_MAX > 65535
#error "MAV_CFG_DKIM_KEY_RECORD_MAX out of range (1024..65535)"
#endif

/* ---- end of DKIM ------------------------------------------------------ */

/* ---- DMARC (core/dmarc_*.c) ------------------------------------------ */

/*
 * Bytes of one DMARC record after its TXT strings are joined (RFC 9989
 * §4.5). Real records are 30-300 bytes; a device parses one at a time
 * into this buffer of mav_dmarc_ctx. A DMARC record that does not fit is
 * a permerror ("limit: record text"). Range 256..65535.
 */
#ifndef MAV_CFG_DMARC_RECORD_MAX
#define MAV_CFG_DMARC_RECORD_MAX 1024
#endif

/*
 * Reporting URIs (rua and ruf together) kept per record, and the bytes
 * of their text. RFC 9989 §4.6 sets no number (RFC 7489 asked receivers
 * for at least two per tag); two rua and two ruf mailto: URIs of ~60
 * characters fit the defaults. URIs past either limit are counted in
 * uris_dropped, never half kept. A context holds four records. Ranges
 * 1..32 and 64..4096.
 */
#ifndef MAV_CFG_DMARC_URIS
#define MAV_CFG_DMARC_URIS 4
#endif
#ifndef MAV_CFG_DMARC_URI_BYTES
#define MAV_CFG_DMARC_URI_BYTES 320
#endif

/*
 * Distinct authenticated identifiers (the SPF domain and the DKIM d=
 * domains, minus the author domain itself) whose organizational domain
 * one evaluation walks for relaxed alignment (RFC 9989 §4.10.2); each
 * walk costs up to 8 queries and ~280 bytes. One SPF domain plus five
 * signatures (the DKIM default) fit. Further d= domains are ignored and
 * counted in outcome.dkim_ignored. Range 1..32.
 */
#ifndef MAV_CFG_DMARC_IDENTIFIERS
#define MAV_CFG_DMARC_IDENTIFIERS 6
#endif

#if MAV_CFG_DMARC_RECORD_MAX < 256 || MAV_CFG_DMARC_RECORD_MAX > 65535
#error "MAV_CFG_DMARC_RECORD_MAX out of range (256..65535)"
#endif
#if MAV_CFG_DMARC_URIS < 1 || MAV_CFG_DMARC_URIS > 32
#error "MAV_CFG_DMARC_URIS out of range (1..32)"
#endif
#if MAV_CFG_DMARC_URI_BYTES < 64 || MAV_CFG_DMARC_URI_BYTES > 4096
#error "MAV_CFG_DMARC_URI_BYTES out of range (64..4096)"
#endif
#if MAV_CFG_DMARC_IDENTIFIERS < 1 || MAV_CFG_DMARC_IDENTIFIERS > 32
#error "MAV_CFG_DMARC_IDENTIFIERS out of range (1..32)"
#endif

/* ---- end of DMARC ----------------------------------------------------- */

/* ---- verifier (core/verify.c) ---------------------------------------- */

/*
 * The work budget of one message across SPF, DKIM and DMARC
 * (mav_verify.h): DNS lookups the three checks issue, and DKIM signature
 * verifications (RSA or Ed25519 operations). SPF and DKIM get what is
 * left as a cap before each step and never issue work over it; DMARC is
 * checked after each step. When a check needs more than is left, the
 * checks still undecided are stopped and reported temperror, reason
 * "work budget exceeded" (mav_verify.h says why not permerror). The
 * resolver's own DS/DNSKEY lookups (shared and cached across messages)
 * are not counted.
 *
 * The defaults are the sum of what the per-protocol limits above already
 * allow one message, so by default the budget never changes a result; it
 * states the bound and enforces it whatever a module does. Lower it on a
 * device that must cap the cost of a hostile message (e.g. 40 and 3: a
 * real message needs 1-12 SPF lookups, 1-3 key lookups, 1-5 for DMARC).
 *
 *   SPF:   the top record, MAX_DNS_MECH terms each with its own query
 *          plus a batch of address lookups (MX hosts, or the PTR names
 *          of a ptr term), the client's PTR and its names once more for
 *          a %{p} macro, and the exp= TXT:
 *          2 + MAX_DNS_MECH x (1 + SPF_BATCH) + (1 + MAX_PTR) = 123;
 *   DKIM:  one key lookup per signature checked: DKIM_SIGNATURES = 5;
 *   DMARC: the early _dmarc query, the author's Tree Walk (8, RFC 9989
 *          §4.10), the existence test (A, AAAA, MX) and one walk per
 *          identifier aligned: 1 + 8 + 3 + 8 x DMARC_IDENTIFIERS = 60;
 *   in all 188 lookups, and DKIM_SIGNATURES = 5 signature checks.
 * Range 1..65535 each.
 */
#define MAV_VERIFY_WALK_QUERIES 8 /* = MAV_DMARC_WALK_MAX_QUERIES */
#define MAV_VERIFY_SPF_WORST_QUERIES                                        \
    (3 + MAV_CFG_SPF_MAX_DNS_MECH * (1 + MAV_CFG_SPF_BATCH) +               \
     MAV_CFG_SPF_MAX_PTR)
#define MAV_VERIFY_DMARC_WORST_QUERIES                                      \
    (1 + MAV_VERIFY_WALK_QUERIES + 3 +                                      \
     MAV_VERIFY_WALK_QUERIES * MAV_CFG_DMARC_IDENTIFIERS)
#ifndef MAV_CFG_VERIFY_MAX_QUERIES
#define MAV_CFG_VERIFY_MAX_QUERIES                                          \
    (MAV_VERIFY_SPF_WORST_QUERIES + MAV_CFG_DKIM_SIGNATURES +               \
     MAV_VERIFY_DMARC_WORST_QUERIES)
#endif
#ifndef MAV_CFG_VERIFY_MAX_SIGCHECKS
#define MAV_CFG_VERIFY_MAX_SIGCHECKS MAV_CFG_DKIM_SIGNATURES
#endif

#if MAV_CFG_VERIFY_MAX_QUERIES < 1 || MAV_CFG_VERIFY_MAX_QUERIES > 65535
#error "MAV_CFG_VERIFY_MAX_QUERIES out of range (1..65535)"
#endif
#if MAV_CFG_VERIFY_MAX_SIGCHECKS < 1 || MAV_CFG_VERIFY_MAX_SIGCHECKS > 65535
#error "MAV_CFG_VERIFY_MAX_SIGCHECKS out of range (1..65535)"
#endif

/* ---- end of verifier -------------------------------------------------- */

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

/* ---- a compiler hint that the stack budget leans on ------------------ */

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

#endif /* MAV_CONFIG_H */
