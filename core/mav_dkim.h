/* SPDX-License-Identifier: MIT */
/*
 * mav_dkim.h - DKIM verification (RFC 6376 with RFC 8301 and RFC 8463)
 * of a message streamed in chunks of any size, in constant memory.
 *
 * The verifier reads the message through mav_msg.h's parser. As soon as a
 * DKIM-Signature field is complete it is parsed (§3.5) and the lookup of
 * its key, "selector._domainkey.domain" TXT (§3.6.2.1), is started on the
 * caller's resolver, so the key arrives while the rest of the message
 * streams by. At the end of the header section each signature's header
 * hash is computed (§3.7, fields selected bottom-up, §5.4.2); the body is
 * canonicalized (§3.4) and hashed per signature as it passes, up to l=,
 * and dropped. When the message has ended and the key is known, the
 * signature is checked: rsa-sha256 (RSA PKCS#1 v1.5, 1024..4096 bits,
 * RFC 8301 §3.2) or ed25519-sha256 (RFC 8463 §3: Ed25519 over the
 * SHA-256 digest of the header data); rsa-sha1 never passes (RFC 8301
 * §3.1). Every signature gets its own result (RFC 8601 §2.7.1): pass,
 * fail, neutral, policy, temperror or permerror, with a reason.
 *
 * Call sequence:
 *   1. mav_dkim_init(&v, &resolver, now): now is the wall clock in unix
 *      seconds, read once (STYLE.md C6), or MAV_PORT_TIME_UNKNOWN: then
 *      t= and x= are not checked and the results say so.
 *   2. mav_dkim_feed(&v, p, n) for each chunk of the message (CRLF line
 *      ends, as SMTP delivers it); lookups start inside.
 *   3. mav_dkim_finish(&v): the message has ended. MAV_OK: all results
 *      are known; MAV_PENDING: keys are still awaited - run the resolver
 *      (port input, mav_dns_poll) and call mav_dkim_poll(&v) until it
 *      returns MAV_OK.
 *   4. mav_dkim_count(&v) signatures; mav_dkim_get(&v, i, &info) each.
 *   5. mav_dkim_abort(&v) to drop a verification early: it gives back
 *      the resolver handles it holds (done by itself on completion).
 * The resolver may serve other verifications meanwhile. The context holds
 * no pointers into itself; it points only at the resolver.
 *
 * The parts (tag lists, signature and key records, canonicalizers) are
 * exported below for tests and fuzzing.
 */
#ifndef MAV_DKIM_H
#define MAV_DKIM_H

#include <stddef.h>
#include <stdint.h>

#include "mav_config.h"
#include "mav_crypto.h"
#include "mav_cur.h"
#include "mav_dns.h"
#include "mav_err.h"
#include "mav_msg.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- results ---------------------------------------------------------- */

/* RFC 8601 §2.7.1 DKIM results. */
typedef enum {
    MAV_DKIM_NONE = 0, /* no signature */
    MAV_DKIM_PASS,
    MAV_DKIM_FAIL,
    MAV_DKIM_NEUTRAL,  /* not checked (over MAV_CFG_DKIM_SIGNATURES) */
    MAV_DKIM_POLICY,
    MAV_DKIM_TEMPERROR,
    MAV_DKIM_PERMERROR
} mav_dkim_result;

typedef enum {
    MAV_DKIM_ALG_UNKNOWN = 0,
    MAV_DKIM_ALG_RSA_SHA256,
    MAV_DKIM_ALG_RSA_SHA1,
    MAV_DKIM_ALG_ED25519_SHA256
} mav_dkim_alg;

/** \brief "pass", "fail", ... as RFC 8601 spells them. */
const char *mav_dkim_result_str(mav_dkim_result r);

/** \brief "rsa-sha256", "rsa-sha1", "ed25519-sha256" or "unknown". */
const char *mav_dkim_alg_str(mav_dkim_alg a);

/* ---- tag lists (dkim_tags.c), RFC 6376 §3.2 ---------------------------- */

/* Tags one list may hold; more is an error. A signature has 14 known
 * tags, a key record 6; the rest are extensions. */
#define MAV_DKIM_MAX_TAGS 32

/* One tag=value pair: offsets in the parsed text. */
typedef struct {
    uint32_t name_off, name_len;
    uint32_t value_off, value_len; /* value without surrounding FWS */
    uint32_t raw_off, raw_end;     /* after '=' up to ';' or the end */
} mav_dkim_tag;

/**
 * \brief  Parse a tag-list: tag-spec *(";" tag-spec) [";"], tag-spec =
 *         [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]; tag-name is
 *         ALPHA *(ALPHA / DIGIT / "_"), tag-value VALCHARs (%x21-3A /
 *         %x3C-7E) in runs separated by FWS.
 * \param  tags, max  (out) the pairs, in order.
 * \return MAV_OK; MAV_ERR_FORMAT (grammar, or a duplicate tag, §3.2:
 *         "MUST be treated as an error"); MAV_ERR_LIMIT (over max tags).
 */
int mav_dkim_tags_parse(const uint8_t *s, size_t len, mav_dkim_tag *tags,
                        unsigned max, unsigned *n, mav_perr *err);

/**
 * \brief  Base64 (RFC 2045 §6.8) with FWS ignored, as DKIM writes it
 *         (§2.7 base64string); padding optional.
 * \return MAV_OK; MAV_ERR_FORMAT; MAV_ERR_SPACE (out over cap).
 */
int mav_dkim_base64(const uint8_t *in, size_t len, uint8_t *out, size_t cap,
                    size_t *out_len);

/* ---- the DKIM-Signature field (dkim_sig.c), RFC 6376 §3.5 -------------- */

#define MAV_DKIM_SIG_MAX 512  /* b= bytes: an RSA-4096 signature */
#define MAV_DKIM_HASH_MAX 64  /* bh= bytes */
#define MAV_DKIM_TEXT_MAX 254 /* d= / s= text, NUL included */

typedef enum {
    MAV_DKIM_CANON_SIMPLE = 0,
    MAV_DKIM_CANON_RELAXED
} mav_dkim_canon;

/* A parsed signature. Offsets are into the value that was parsed. */
typedef struct {
    mav_dkim_alg alg;
    uint8_t header_canon, body_canon; /* mav_dkim_canon */
    uint8_t has_l, has_t, has_x, has_i;
    uint64_t l;                /* l=, saturated at UINT64_MAX */
    int64_t t, x;              /* t= and x=, saturated at 2^62 */
    uint32_t h_off, h_len;     /* the h= value */
    uint32_t b_raw_off, b_raw_end; /* b='s value with its FWS (§3.7) */
    uint32_t i_dom_off, i_dom_len; /* domain part of i= */
    uint16_t bh_len, b_len;
    uint16_t nsigned;          /* names in h= */
    uint8_t bh[MAV_DKIM_HASH_MAX];
    uint8_t b[MAV_DKIM_SIG_MAX];
    char d[MAV_DKIM_TEXT_MAX];  /* d=, NUL-terminated, as written */
    char s[MAV_DKIM_TEXT_MAX];  /* s= */
    char b_prefix[9];           /* first 8 characters of b= */
    uint8_t key_name[MAV_DNS_NAME_MAX]; /* s._domainkey.d, wire form */
    uint16_t key_name_len;
} mav_dkim_sig;

/**
 * \brief  Parse and check a DKIM-Signature value (the bytes after the
 *         colon): required tags v a b bh d h s (§6.1.1), v=1, a known
 *         algorithm, c=, h= naming From (§5.4), i= within d= (§3.5),
 *         q=dns/txt, x= not before t=, numbers and base64 well-formed.
 *         d=, s=, the algorithm and b_prefix are filled as soon as read,
 *         so an error can be reported with them.
 * \param  err  (out) err->what is the reason, a static string.
 * \return MAV_OK; MAV_ERR_FORMAT; MAV_ERR_UNSUPPORTED (unknown v=, a=,
 *         c=, q=; rsa-sha1, RFC 8301 §3.1); MAV_ERR_LIMIT (a size
 *         limit: b= over 4096 bits, h= over MAV_CFG_DKIM_SIGNED_FIELDS
 *         names, key name over 255 bytes).
 */
int mav_dkim_sig_parse(const uint8_t *value, size_t len, mav_dkim_sig *sig,
                       mav_perr *err);

/* ---- the key record (dkim_key.c), RFC 6376 §3.6.1 ---------------------- */

#define MAV_DKIM_KEY_MAX 600 /* p= bytes: an RSA-4096 SPKI is 550 */

typedef enum {
    MAV_DKIM_KEY_RSA = 1,
    MAV_DKIM_KEY_ED25519
} mav_dkim_key_type;

typedef struct {
    uint8_t type;          /* mav_dkim_key_type */
    uint8_t revoked;       /* p= empty (§3.6.1) */
    uint8_t testing;       /* t=y */
    uint8_t strict;        /* t=s: i= must not be a subdomain of d= */
    uint8_t sha256_ok;     /* h= absent or listing sha256 */
    uint16_t p_len;
    uint8_t p[MAV_DKIM_KEY_MAX];
} mav_dkim_key;

/**
 * \brief  Parse a key record (TXT strings already joined): v=DKIM1 first
 *         if present, k= rsa (default) or ed25519, h=, s= including
 *         "email" or "*", t= flags, p= base64 (empty: revoked). Unknown
 *         tags, hash names, flags are ignored (§3.6.1).
 * \return MAV_OK; MAV_ERR_FORMAT (grammar, v= not DKIM1 or not first,
 *         p= missing or malformed); MAV_ERR_UNSUPPORTED (unknown k=,
 *         service not email); MAV_ERR_LIMIT (p= over MAV_DKIM_KEY_MAX).
 */
int mav_dkim_key_parse(const uint8_t *rec, size_t len, mav_dkim_key *key,
                       mav_perr *err);

/* ---- canonicalization (dkim_canon.c), RFC 6376 §3.4 ------------------- */

/* Where canonical bytes go (a hash, a test buffer). */
typedef void (*mav_dkim_sink)(void *arg, const uint8_t *p, size_t n);

/* A streaming body canonicalizer; fields are private. */
typedef struct {
    uint8_t relaxed;
    uint8_t cr;       /* a CR was held back */
    uint8_t wsp;      /* relaxed: a WSP run was held back */
    uint8_t content;  /* a non-empty line was emitted */
    uint64_t crlfs;   /* line ends held back (maybe trailing) */
    uint64_t out;     /* canonical bytes emitted */
} mav_dkim_body_canon;

/** \brief Start a body (mav_dkim_canon alg). */
void mav_dkim_body_canon_init(mav_dkim_body_canon *c, int relaxed);

/**
 * \brief  Canonicalize body bytes, any split: simple (§3.4.3) keeps lines
 *         and drops trailing empty lines; relaxed (§3.4.4) also drops WSP
 *         at line ends and turns WSP runs into one SP. Output that may
 *         still turn out trailing is held back.
 */
void mav_dkim_body_canon_feed(mav_dkim_body_canon *c, const uint8_t *p,
                              size_t n, mav_dkim_sink sink, void *arg);

/** \brief End of body: the final CRLF (simple: always; relaxed: for a
 *  non-empty body, §3.4.4 and errata 1384). */
void mav_dkim_body_canon_end(mav_dkim_body_canon *c, mav_dkim_sink sink,
                             void *arg);

/**
 * \brief  Canonicalize one raw header field (as mav_msg keeps it), simple
 *         (§3.4.1) or relaxed (§3.4.2), skipping field[skip_off..skip_end)
 *         (the b= value, §3.7; give 0, 0 for none) and adding CRLF when
 *         crlf is 1.
 */
void mav_dkim_header_canon(int relaxed, const uint8_t *field, size_t len,
                           size_t skip_off, size_t skip_end, int crlf,
                           mav_dkim_sink sink, void *arg);

/* ---- the verifier (dkim_verify.c) -------------------------------------- */

/* What one signature came to. */
typedef struct {
    mav_dkim_result result;
    const char *reason;    /* static text; "" for a plain pass */
    mav_dkim_alg alg;
    const char *d, *s;     /* d= and s= (point into the context; "" if
                            * the field could not be read) */
    const char *b_prefix;  /* the first 8 characters of b= */
    unsigned key_bits;     /* RSA modulus bits, 256 for Ed25519, 0 if
                            * no key was read */
    mav_dnssec_verdict key_dnssec; /* of the key record's answer */
    uint8_t testing;       /* the key says t=y (§3.6.1) */
    uint8_t time_checked;  /* t=/x= checked against a known clock */
    uint8_t has_l;
    uint64_t body_bytes;   /* canonical body length */
    uint64_t body_signed;  /* of it, covered by the signature (l=) */
} mav_dkim_info;

/* Per-signature state; private. */
typedef struct {
    uint8_t state;      /* SIG_* in dkim_verify.c */
    uint8_t result;     /* mav_dkim_result */
    uint8_t lookup;     /* LOOKUP_*: not started, held, released */
    uint8_t testing, time_checked;
    uint8_t key_dnssec; /* mav_dnssec_verdict */
    uint16_t key_bits;
    const char *reason; /* static text */
    uint32_t field;     /* index of its field in the message */
    uint32_t value_off; /* offset of the value in the field */
    mav_dns_handle key_h;
    mav_dkim_sig sig;
    mav_dkim_body_canon canon;
    mav_sha256_ctx body_hash;
    uint64_t body_signed;
    uint8_t header_digest[MAV_SHA256_LEN];
} mav_dkim_slot;

/* The verifier; fields are private, the size may change. */
typedef struct {
    mav_dns_ctx *dns;
    int64_t now;
    uint8_t header_done, ended;
    unsigned nslots;
    unsigned unchecked; /* DKIM-Signature fields over the limit */
    uint16_t lookups;   /* key lookups issued (cache hits included) */
    uint16_t checks;    /* public-key signature verifications run */
    uint8_t limited, over_limit; /* mav_dkim_set_limits */
    uint16_t lookup_limit, check_limit;
    mav_dkim_slot slot[MAV_CFG_DKIM_SIGNATURES];
    mav_dkim_key key;   /* scratch of the key check */
    uint8_t record[MAV_CFG_DKIM_KEY_RECORD_MAX]; /* joined TXT */
    mav_msg_ctx msg;
} mav_dkim_ctx;

/**
 * \brief  Start verifying one message.
 * \param  dns  the resolver that looks keys up (shared, not owned).
 * \param  now  unix seconds, or MAV_PORT_TIME_UNKNOWN.
 * \return MAV_OK; MAV_ERR_ARG (NULL).
 */
int mav_dkim_init(mav_dkim_ctx *v, mav_dns_ctx *dns, int64_t now);

/**
 * \brief  Push message bytes (any chunking); starts key lookups.
 * \return n: every byte is used (a header over MAV_CFG_HEADER_BYTES is
 *         not an error here: the signatures that needed the lost fields
 *         get permerror); 0 after mav_dkim_finish.
 */
size_t mav_dkim_feed(mav_dkim_ctx *v, const uint8_t *p, size_t n);

/**
 * \brief  The message has ended: body hashes are final.
 * \return MAV_OK (every result known); MAV_PENDING (keys awaited:
 *         call mav_dkim_poll after the resolver made progress);
 *         MAV_ERR_STATE (called twice).
 */
int mav_dkim_finish(mav_dkim_ctx *v);

/**
 * \brief  Collect finished key lookups and check their signatures; also
 *         retries lookups the resolver had no room for.
 * \return MAV_OK when every result is known; MAV_PENDING otherwise.
 */
int mav_dkim_poll(mav_dkim_ctx *v);

/** \brief Give back every resolver handle still held. */
void mav_dkim_abort(mav_dkim_ctx *v);

/** \brief Signatures checked (at most MAV_CFG_DKIM_SIGNATURES) and
 *  DKIM-Signature fields beyond, reported as not checked. */
unsigned mav_dkim_count(const mav_dkim_ctx *v);
unsigned mav_dkim_unchecked(const mav_dkim_ctx *v);

/**
 * \brief  Work spent so far: key lookups issued (one per signature at
 *         most; a lookup the resolver had no room for is counted when it
 *         is retried and issued) and signature verifications run (the
 *         RSA or Ed25519 operation, one per signature at most). For a
 *         per-message work budget (mav_verify.h).
 */
unsigned mav_dkim_lookups(const mav_dkim_ctx *v);
unsigned mav_dkim_checks(const mav_dkim_ctx *v);

/**
 * \brief  Cap the key lookups and signature checks of this message, in
 *         all (a caller's work budget, mav_verify.h); may be changed
 *         between calls. Work over a cap is not done: the signature
 *         waits, as for a resolver with no room, and mav_dkim_over_limit
 *         says so; the caller then aborts or raises the cap.
 */
void mav_dkim_set_limits(mav_dkim_ctx *v, unsigned lookups, unsigned checks);

/** \brief 1 when some work waits for mav_dkim_set_limits' caps. */
int mav_dkim_over_limit(const mav_dkim_ctx *v);

/**
 * \brief  The outcome of signature i, in header order (top first).
 * \return MAV_OK; MAV_ERR_ARG (i out of range); MAV_PENDING (not final).
 */
int mav_dkim_get(const mav_dkim_ctx *v, unsigned i, mav_dkim_info *info);

/** \brief The message parser inside (its From field, for DMARC). */
const mav_msg_ctx *mav_dkim_msg(const mav_dkim_ctx *v);

#ifdef __cplusplus
}
#endif

#endif /* MAV_DKIM_H */
