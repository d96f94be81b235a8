/* SPDX-License-Identifier: MIT */
/*
 * mav_dnssec.h - the pure building blocks of DNSSEC validation: the
 * signature check of one RRset against a DNSKEY RRset (RFC 4034 §3, §6;
 * RFC 4035 §5.3), the algorithms (RFC 5702, 6605, 8080; unsupported ones
 * per RFC 4035 §5.2 and RFC 6840 §5.2), key tags (RFC 4034 Appendix B),
 * DS digests (RFC 4034 §5, RFC 4509, RFC 6605), NSEC3 hashing and span
 * tests (RFC 5155 §5, §8.3; RFC 9276 §3.2) and signature validity windows
 * (RFC 4034 §3.1.5). Nothing here touches the network or the clock:
 * the caller passes the records and `now`; the chain-of-trust walker
 * that fetches keys through the resolver is built on top of this.
 *
 * Bounded work (KeyTrap, CVE-2023-50387; NSEC3, CVE-2023-50868): every
 * call that costs a signature check or an NSEC3 hash takes a
 * mav_dnssec_budget, spends from it and stops with a BOGUS verdict whose
 * reason names the limit that ran out. One budget is meant to live as
 * long as one lookup (all the RRsets of one answer and of its chain).
 *
 * Records are passed by reference (mav_dnssec_rdref): the RDATA stays in
 * the message it arrived in, or in a cache, and is never copied whole.
 * Canonical RDATA of the types that embed names is produced one RR at a
 * time into the work area of a mav_dnssec_ctx; the signed data is
 * streamed through the hash, never built in memory (for Ed25519 too,
 * through mav_ed25519_verify_hram).
 *
 * How a chain-of-trust walker uses it:
 *   1. mav_dnssec_budget_init(&b) once per lookup.
 *   2. Trust anchor -> DNSKEY: for each DNSKEY of the zone, for each DS
 *      (mav_dnssec_ds_honoured() first says which digest types count),
 *      mav_dnssec_ds_check(); keep the keys that match a DS of a
 *      supported algorithm. No DS of a supported algorithm and digest:
 *      the zone is insecure (RFC 4035 §5.2), do not call verify.
 *   3. mav_dnssec_verify_rrset(&w, &dnskey_rrset, rrsigs, n,
 *      &ds_matched_keys, now, &b, &res): the DNSKEY RRset must be signed
 *      by a key that a DS matched.
 *   4. For every other RRset of the zone: mav_dnssec_verify_rrset() with
 *      the validated DNSKEY RRset. res.verdict SECURE: done (if
 *      res.wildcard, prove that no closer name exists, RFC 4035 §5.3.4;
 *      res.labels gives the closest encloser). BOGUS with reason
 *      MAV_DNSSEC_R_UNSUPPORTED_ALG: insecure only when step 2 found no
 *      supported algorithm, else bogus. INDETERMINATE: no wall clock.
 *   5. Denial with NSEC3: check mav_dnssec_nsec3_iterations_ok() (an
 *      over-limit zone is insecure, RFC 9276 §3.2), hash names with
 *      mav_dnssec_nsec3_hash() (budgeted), compare with
 *      mav_dnssec_nsec3_owner_hash() / mav_dnssec_nsec3_covers().
 *   RRs of a parsed message are gathered with mav_dnssec_collect().
 */
#ifndef MAV_DNSSEC_H
#define MAV_DNSSEC_H

#include <stddef.h>
#include <stdint.h>

#include "mav_config.h"
#include "mav_crypto.h"
#include "mav_dns_wire.h"
#include "mav_err.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The DNSSEC verdict of an answer (RFC 4035 §4.3). UNCHECKED until the
 * validator has looked at it (or when validation is off).
 */
typedef enum {
    MAV_DNSSEC_UNCHECKED = 0,
    MAV_DNSSEC_SECURE,
    MAV_DNSSEC_INSECURE,
    MAV_DNSSEC_BOGUS,
    MAV_DNSSEC_INDETERMINATE
} mav_dnssec_verdict;

/* ---- numbers from the registries --------------------------------------- */

/* DNS Security Algorithm Numbers (IANA; RFC 8624 §3.1 for the status) */
#define MAV_DNSSEC_ALG_RSAMD5 1
#define MAV_DNSSEC_ALG_DSA 3
#define MAV_DNSSEC_ALG_RSASHA1 5
#define MAV_DNSSEC_ALG_DSA_NSEC3_SHA1 6
#define MAV_DNSSEC_ALG_RSASHA1_NSEC3_SHA1 7
#define MAV_DNSSEC_ALG_RSASHA256 8
#define MAV_DNSSEC_ALG_RSASHA512 10
#define MAV_DNSSEC_ALG_ECC_GOST 12
#define MAV_DNSSEC_ALG_ECDSAP256SHA256 13
#define MAV_DNSSEC_ALG_ECDSAP384SHA384 14
#define MAV_DNSSEC_ALG_ED25519 15
#define MAV_DNSSEC_ALG_ED448 16

/* DS digest types (IANA "Digest Algorithms") */
#define MAV_DNSSEC_DIGEST_SHA1 1   /* RFC 4034 §5.1.4 */
#define MAV_DNSSEC_DIGEST_SHA256 2 /* RFC 4509 */
#define MAV_DNSSEC_DIGEST_SHA384 4 /* RFC 6605 §2 */
#define MAV_DNSSEC_DIGEST_MAX_LEN MAV_SHA384_LEN

/* DNSKEY flags (RFC 4034 §2.1.1) and protocol (§2.1.2) */
#define MAV_DNSKEY_FLAG_ZONE 0x0100 /* bit 7: a zone key */
#define MAV_DNSKEY_FLAG_SEP 0x0001  /* bit 15: secure entry point */
#define MAV_DNSKEY_FLAG_REVOKE 0x0080 /* bit 8: revoked (RFC 5011 §3) */
#define MAV_DNSKEY_PROTOCOL 3

/* NSEC3 (RFC 5155 §3.1.1, §3.1.2) */
#define MAV_NSEC3_HASH_SHA1 1
#define MAV_NSEC3_FLAG_OPT_OUT 0x01
#define MAV_NSEC3_HASH_LEN MAV_SHA1_LEN
/* A 20-byte hash is 32 base32hex characters (RFC 5155 §1.3, RFC 4648 §7) */
#define MAV_NSEC3_B32_LEN 32

/* ---- verdict reasons ----------------------------------------------------- */

/*
 * Why a check gave its verdict (STYLE.md C9: a verdict, never a return
 * code). Every BOGUS or INDETERMINATE result carries one; OK goes with
 * SECURE. The MAV_DNSSEC_R_LIMIT_* reasons name the limit that ran out.
 */
typedef enum {
    MAV_DNSSEC_R_OK = 0,
    MAV_DNSSEC_R_EXPIRED,         /* now after the RRSIG expiration */
    MAV_DNSSEC_R_NOT_YET_VALID,   /* now before the RRSIG inception */
    MAV_DNSSEC_R_NO_CLOCK,        /* wall clock unknown: window unproven */
    MAV_DNSSEC_R_UNSUPPORTED_ALG, /* algorithm not implemented or refused */
    MAV_DNSSEC_R_UNSUPPORTED_DIGEST, /* DS digest type not honoured */
    MAV_DNSSEC_R_NO_MATCHING_KEY, /* no DNSKEY with the signer, alg, tag */
    MAV_DNSSEC_R_SIG_MISMATCH,    /* the signature does not verify */
    MAV_DNSSEC_R_MALFORMED_RRSIG, /* RRSIG RDATA unreadable, bad window */
    MAV_DNSSEC_R_MALFORMED_KEY,   /* DNSKEY RDATA or public key unreadable */
    MAV_DNSSEC_R_KEY_SIZE,        /* RSA modulus outside the config range */
    MAV_DNSSEC_R_MALFORMED_RRSET, /* an RR of the RRset is unreadable */
    MAV_DNSSEC_R_MISSING_RRSIG,   /* no RRSIG given for the RRset */
    MAV_DNSSEC_R_WRONG_COVER,     /* RRSIG covers another type or class */
    MAV_DNSSEC_R_LABELS_INVALID,  /* Labels > owner labels, §5.3.1 */
    MAV_DNSSEC_R_SIGNER_NOT_PARENT, /* signer not the owner or above it */
    MAV_DNSSEC_R_NOT_ZONE_KEY,    /* DNSKEY flags bit 7 clear */
    MAV_DNSSEC_R_BAD_PROTOCOL,    /* DNSKEY protocol != 3 */
    MAV_DNSSEC_R_DS_MISMATCH,     /* DS tag/alg match, digest differs */
    MAV_DNSSEC_R_CRYPTO_FAULT,    /* the crypto backend failed (arena) */
    MAV_DNSSEC_R_NSEC3_ITERATIONS, /* NSEC3 iterations over the cap */
    MAV_DNSSEC_R_LIMIT_SIGS,      /* RRSIGs per RRset */
    MAV_DNSSEC_R_LIMIT_KEYS,      /* candidate keys per RRSIG */
    MAV_DNSSEC_R_LIMIT_VALIDATIONS, /* signature checks per lookup */
    MAV_DNSSEC_R_LIMIT_FAILURES,  /* failed signature checks per lookup */
    MAV_DNSSEC_R_LIMIT_NSEC3,     /* NSEC3 hash iterations per lookup */
    MAV_DNSSEC_R_LIMIT_RRSET,     /* RRs in one RRset */
    MAV_DNSSEC_R_LIMIT_RDATA,     /* canonical RDATA over the work area */
    /* chain of trust (dnssec_validate.c) */
    MAV_DNSSEC_R_NO_DNSKEY,       /* the signer zone has no DNSKEY RRset */
    MAV_DNSSEC_R_FETCH_FAILED,    /* a DS or DNSKEY lookup failed */
    MAV_DNSSEC_R_MISSING_DENIAL,  /* negative answer without a proof */
    MAV_DNSSEC_R_ZONE_MISSING,    /* a zone on the path does not exist */
    MAV_DNSSEC_R_WRONG_SIGNER,    /* signed by an unexpected zone */
    MAV_DNSSEC_R_INSECURE_CUT,    /* (insecure) unsigned delegation */
    MAV_DNSSEC_R_OPT_OUT,         /* (insecure) NSEC3 opt-out span */
    MAV_DNSSEC_R_NO_SUPPORTED,    /* (insecure) no DS of a supported
                                   * algorithm and digest, RFC 4035 §5.2 */
    MAV_DNSSEC_R_BUSY,            /* (indeterminate) no lookup slot free */
    MAV_DNSSEC_R__COUNT
} mav_dnssec_reason;

/** \brief A short constant English text for a reason ("signature
 *  expired", "limit: keys per RRSIG"...); "unknown reason" otherwise. */
const char *mav_dnssec_reason_str(mav_dnssec_reason r);

/** \brief 1 if r is one of the MAV_DNSSEC_R_LIMIT_* reasons, else 0. */
int mav_dnssec_reason_is_limit(mav_dnssec_reason r);

/* ---- work budget (dnssec_rrset.c) --------------------------------------- */

/*
 * What one lookup may still spend. Fields are public: a walker may set a
 * tighter budget for a sub-step. The two per-call caps are not spent,
 * the rest are counted down; the used_* counters only grow, so a test or
 * a log can show the work done. Exhaustion gives BOGUS with the
 * matching MAV_DNSSEC_R_LIMIT_* reason.
 */
typedef struct {
    uint16_t sigs_per_rrset; /* cap: RRSIGs tried for one RRset */
    uint16_t keys_per_sig;   /* cap: candidate DNSKEYs tried per RRSIG */
    uint32_t validations;    /* left: signature verifications */
    uint32_t failures;       /* left: verifications that failed */
    uint32_t nsec3_iterations; /* left: SHA-1 runs of NSEC3 hashing */
    uint32_t used_validations, used_failures, used_nsec3_iterations;
    uint32_t used_sigs; /* RRSIGs that reached the key search */
    uint32_t used_keys; /* candidate keys met (crypto tried or refused) */
} mav_dnssec_budget;

/** \brief Fill b with the MAV_CFG_DNSSEC_* defaults, counters at 0. */
void mav_dnssec_budget_init(mav_dnssec_budget *b);

/* ---- records by reference ------------------------------------------------ */

/*
 * One RDATA where it lies: msg[off .. off+len) inside msg[0..msg_len).
 * For RDATA in a DNS message, msg is the whole message so that
 * compressed names can be followed; for RDATA kept on its own (a cache,
 * a test), msg is the RDATA, msg_len = len and off = 0.
 */
typedef struct {
    const uint8_t *msg;
    size_t msg_len;
    size_t off;
    uint16_t len;
} mav_dnssec_rdref;

/* An RRset (RFC 2181 §5): the RRs of one owner, type and class. */
typedef struct {
    const uint8_t *owner; /* valid wire name, any case */
    uint16_t type, rclass;
    const mav_dnssec_rdref *rd; /* count RDATA references */
    unsigned count;
} mav_dnssec_rrset;

/**
 * \brief  Gather the RRs of one owner/type/class from a parsed message
 *         (mav_dns_msg_parse), in message order, into out[0..cap).
 *         With type MAV_DNS_TYPE_RRSIG, covered selects the RRSIGs whose
 *         Type Covered field is covered (0: all of them).
 * \param  section  MAV_DNS_SEC_AN, _NS, _AR or _ALL.
 * \param  n        (out) RRs written.
 * \return MAV_OK; MAV_ERR_LIMIT when more than cap match (the first cap
 *         are in out); MAV_ERR_ARG.
 */
int mav_dnssec_collect(const mav_dns_msg *m, unsigned section,
                       const uint8_t *owner, uint16_t type, uint16_t rclass,
                       uint16_t covered, mav_dnssec_rdref *out, unsigned cap,
                       unsigned *n);

/* ---- validity window (dnssec_time.c) ------------------------------------ */

/**
 * \brief  RFC 4034 §3.1.5 / RFC 4035 §5.3.1: is now inside
 *         [inception, expiration]? The fields are 32-bit serial numbers
 *         (RFC 1982), compared with the low 32 bits of now, so the check
 *         is right across the 2106 wrap for any window shorter than 68
 *         years around now.
 * \param  now  seconds since 1970; negative (MAV_PORT_TIME_UNKNOWN)
 *              means the wall clock is unknown.
 * \return MAV_DNSSEC_R_OK, _EXPIRED, _NOT_YET_VALID, _NO_CLOCK, or
 *         _MALFORMED_RRSIG when expiration is before inception.
 */
mav_dnssec_reason mav_dnssec_time_check(uint32_t inception,
                                        uint32_t expiration, int64_t now);

/** \brief RFC 1982 §3.2 on 32 bits: <0, 0, >0 as a is before, equal to,
 *  after b (the undefined half-way case counts as "after"). */
int mav_serial32_cmp(uint32_t a, uint32_t b);

/* ---- key tag (dnssec_keytag.c) ------------------------------------------ */

/**
 * \brief  RFC 4034 Appendix B key tag of a DNSKEY RDATA (flags,
 *         protocol, algorithm, key): the ones-complement-style sum of
 *         16-bit words. Algorithm 1 (RSA/MD5, Appendix B.1) is not
 *         special-cased: mav never uses it.
 */
uint16_t mav_dnssec_keytag(const uint8_t *rdata, size_t len);

/* ---- algorithms (dnssec_alg.c) ------------------------------------------ */

/** \brief 1 for the algorithms mav verifies (8, 10, 13, 14, 15), 0 for
 *  the rest: RSA/SHA-1 (5, 7) is refused (see dnssec_alg.c), DSA,
 *  GOST, Ed448 and unknown ones are not built in. */
int mav_dnssec_alg_supported(uint8_t alg);

/* ---- DS (dnssec_ds.c) ---------------------------------------------------- */

/**
 * \brief  The digest a DS record of digest_type carries for a DNSKEY
 *         (RFC 4034 §5.1.4): digest(canonical owner | DNSKEY RDATA).
 * \param  out  MAV_DNSSEC_DIGEST_MAX_LEN bytes; \param out_len (out).
 * \return MAV_OK; MAV_ERR_UNSUPPORTED (digest type not 1, 2 or 4);
 *         MAV_ERR_ARG.
 */
int mav_dnssec_ds_digest(const uint8_t *owner, const uint8_t *dnskey,
                         size_t dnskey_len, uint8_t digest_type,
                         uint8_t *out, size_t *out_len);

/**
 * \brief  Which digest types of a DS RRset to honour, as a bit mask
 *         (bit t for type t): SHA-256 and SHA-384 always; SHA-1 only
 *         when no DS of the set has a SHA-256 or SHA-384 digest
 *         (RFC 4509 §3, extended to SHA-384 as RFC 6605 §2 allows).
 *         Unreadable DS RDATA is skipped.
 */
unsigned mav_dnssec_ds_honoured(const mav_dnssec_rdref *ds, unsigned n);

/**
 * \brief  Does one DS record vouch for one DNSKEY (RFC 4035 §5.2)? The
 *         DS key tag and algorithm must equal the key's, its digest
 *         type must be in honoured, the key must be a zone key of
 *         protocol 3 and its digest must equal the computed one.
 * \param  owner  the DNSKEY owner = the DS owner (wire name).
 * \return MAV_DNSSEC_R_OK; _NO_MATCHING_KEY (tag or algorithm differ);
 *         _UNSUPPORTED_DIGEST; _UNSUPPORTED_ALG; _DS_MISMATCH;
 *         _NOT_ZONE_KEY; _BAD_PROTOCOL; _MALFORMED_KEY (DS or DNSKEY
 *         unreadable).
 */
mav_dnssec_reason mav_dnssec_ds_check(const uint8_t *owner,
                                      const mav_dnssec_rdref *ds,
                                      const mav_dnssec_rdref *dnskey,
                                      unsigned honoured);

/* ---- NSEC3 (dnssec_nsec3.c) ---------------------------------------------- */

/** \brief RFC 9276 §3.2: 1 when an NSEC3 iteration count is within
 *  MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS; above it the zone is to be
 *  treated as insecure (reason MAV_DNSSEC_R_NSEC3_ITERATIONS). */
int mav_dnssec_nsec3_iterations_ok(uint16_t iterations);

/**
 * \brief  RFC 5155 §5: IH(salt, x, 0) = H(x || salt), IH(salt, x, k) =
 *         H(IH(salt, x, k-1) || salt), hash = IH(salt, owner, iterations)
 *         over the canonical (lowercase) wire form of name, with SHA-1.
 *         Spends iterations + 1 from b->nsec3_iterations first.
 * \param  out  (out) MAV_NSEC3_HASH_LEN bytes.
 * \return MAV_OK; MAV_ERR_LIMIT (budget short: nothing hashed);
 *         MAV_ERR_UNSUPPORTED (hash algorithm not 1); MAV_ERR_ARG.
 */
int mav_dnssec_nsec3_hash(const uint8_t *name, uint8_t hash_alg,
                          uint16_t iterations, const uint8_t *salt,
                          size_t salt_len, mav_dnssec_budget *b,
                          uint8_t out[MAV_NSEC3_HASH_LEN]);

/**
 * \brief  Base32 with the extended hex alphabet, no padding (RFC 4648
 *         §7, as RFC 5155 §3.3 uses it); decoding ignores case.
 * \return encode: characters written (no NUL). decode: MAV_OK;
 *         MAV_ERR_FORMAT (bad character or trailing bits not zero);
 *         MAV_ERR_SPACE.
 */
size_t mav_b32hex_encode(const uint8_t *in, size_t len, char *out);
int mav_b32hex_decode(const uint8_t *in, size_t len, uint8_t *out,
                      size_t cap, size_t *out_len);

/** \brief The hash in the first label of an NSEC3 owner name.
 *  \return MAV_OK; MAV_ERR_FORMAT (not base32hex of 1..255 bytes). */
int mav_dnssec_nsec3_owner_hash(const uint8_t *owner, uint8_t *out,
                                size_t cap, size_t *out_len);

/**
 * \brief  RFC 5155 §8.3 "covers": 1 when hash h falls strictly between
 *         the owner hash and the next hash of one NSEC3, in the circular
 *         order of the chain (the last NSEC3 has next <= owner and covers
 *         what is above its owner or below its next; a chain of one NSEC3
 *         covers every hash but its own). All three are len bytes.
 */
int mav_dnssec_nsec3_covers(const uint8_t *owner_hash,
                            const uint8_t *next_hash, const uint8_t *h,
                            size_t len);

/* ---- the signature check of one RRset (dnssec_rrset.c) ------------------- */

/* The outcome of mav_dnssec_verify_rrset. */
typedef struct {
    mav_dnssec_verdict verdict; /* SECURE, BOGUS or INDETERMINATE */
    mav_dnssec_reason reason;
    int sig;          /* RRSIG index that decided, -1 when none did */
    uint16_t key_tag; /* of that RRSIG */
    uint8_t algorithm;
    uint8_t labels;   /* its Labels field */
    uint8_t wildcard; /* 1: owner rebuilt as "*." + the rightmost labels
                       * (RFC 4035 §5.3.2); the walker must prove that
                       * no closer name exists (§5.3.4) */
    uint32_t ttl_max; /* RFC 4035 §5.3.3: min(Original TTL, expiration -
                       * now); the RRset's TTL must not exceed it */
} mav_dnssec_result;

/*
 * Work area of one RRset check, caller-allocated (STYLE.md C4): the
 * canonical order of the RRset, two canonical RDATA buffers and the
 * running hash, and the record being read. About 3.5 KiB with the
 * defaults; fields are private. It
 * holds pointers into the records only while a call runs.
 */
typedef struct {
    uint16_t order[MAV_CFG_DNSSEC_MAX_RRSET_RRS];
    unsigned n; /* RRs after removal of duplicates */
    uint8_t canon[2][MAV_CFG_DNSSEC_CANON_RDATA_MAX];
    uint8_t owner[MAV_DNS_NAME_MAX]; /* canonical owner of the RRs */
    /* the RRSIG (or DS) being read: 548 bytes on a 32-bit CPU, kept here
     * rather than on the stack below which the signature check runs */
    mav_dns_rdata sig;
    uint8_t hash_kind;
    union {
        mav_sha256_ctx sha256;
        mav_sha512_ctx sha512; /* SHA-384 and SHA-512 */
    } h;
} mav_dnssec_ctx;

/**
 * \brief  Verify an RRset with its RRSIGs against a DNSKEY RRset
 *         (RFC 4035 §5.3). Each RRSIG is checked in turn, the first one
 *         that verifies makes the RRset SECURE (RFC 4035 §5.3.3: any one
 *         valid signature suffices; RFC 6840 §5.11: unsupported ones are
 *         skipped). Per RRSIG: readable; Type Covered and class equal
 *         the RRset's; Labels <= the owner's labels (fewer: wildcard,
 *         §5.3.2); signer name = owner or an ancestor (§5.3.1);
 *         algorithm supported; validity window (§5.3.1); then every
 *         DNSKEY of the signer's name, algorithm and key tag that is a
 *         zone key of protocol 3, up to keys_per_sig of them (RFC 4035
 *         §5.3.1 wants them all: key tags collide), is tried on the
 *         signed data of RFC 4034 §3.1.8.1 over the canonical RRset of
 *         §6.2/§6.3 (owner lowercased, RDATA canonical, the RRSIG's
 *         Original TTL, sorted, duplicates dropped).
 * \param  w        work area.
 * \param  rrset    the RRset; its owner is also the RRSIGs' owner.
 * \param  rrsigs   RDATA of the RRSIGs that cover it (n may be 0).
 * \param  keys     the DNSKEY RRset (type DNSKEY), or a subset of it.
 * \param  now      Unix seconds, or MAV_PORT_TIME_UNKNOWN: then a
 *                  signature that verifies gives INDETERMINATE / NO_CLOCK.
 * \param  b        budget, spent.
 * \param  res      (out) verdict and reason: SECURE/OK, INDETERMINATE/
 *                  NO_CLOCK, or BOGUS with the most telling reason of
 *                  the RRSIGs tried (a limit first, then a signature
 *                  mismatch, a key problem, the window...).
 * \return MAV_OK when res holds the verdict; MAV_ERR_ARG (NULL, an
 *         empty RRset, an RRset owner that is not a valid name).
 */
int mav_dnssec_verify_rrset(mav_dnssec_ctx *w, const mav_dnssec_rrset *rrset,
                            const mav_dnssec_rdref *rrsigs, unsigned nsigs,
                            const mav_dnssec_rrset *keys, int64_t now,
                            mav_dnssec_budget *b, mav_dnssec_result *res);

/**
 * \brief  The canonical form of an RRset under one RRSIG, as the bytes
 *         that are signed (RFC 4034 §3.1.8.1), written out for tests and
 *         tools (the verifier itself streams them into the hash).
 * \param  out, cap  (out) the caller's buffer; out_len gets the length
 *                   even when MAV_ERR_SPACE is returned.
 * \return MAV_OK; MAV_ERR_SPACE; MAV_ERR_FORMAT (RRSIG or RR unreadable,
 *         Labels too large); MAV_ERR_LIMIT (RRset or RDATA over the
 *         config); MAV_ERR_ARG.
 */
int mav_dnssec_signed_data(mav_dnssec_ctx *w, const mav_dnssec_rrset *rrset,
                           const mav_dnssec_rdref *rrsig, uint8_t *out,
                           size_t cap, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* MAV_DNSSEC_H */
