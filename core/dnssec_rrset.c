/* SPDX-License-Identifier: MIT */
/*
 * dnssec_rrset.c - the signature check of one RRset (RFC 4035 §5.3) over
 * its canonical form (RFC 4034 §6), under a work budget.
 *
 * Canonical RRset (RFC 4034 §6.2, §6.3): owner lowercased; RDATA with
 * its embedded names uncompressed and lowercased for the types of §6.2
 * item 3 (NSEC excluded, RFC 6840 §5.1), made by the wire codec one RR
 * at a time (mav_dns_rdata_expand, MAV_DNS_RD_CANON), other types read
 * in place; TTL = the RRSIG's Original TTL (RFC 4035 §5.3.2); RRs sorted
 * by their canonical RDATA as left-justified unsigned octet strings, a
 * missing octet before a zero one; duplicates dropped (RFC 2181 §5). The
 * order is found once per RRset by binary insertion into an index array
 * (no recursion, no copies of RDATA); duplicates are found on the way.
 *
 * Signed data (RFC 4034 §3.1.8.1): the RRSIG RDATA up to and without
 * the signature, the signer's name in canonical form, then every RR as
 * owner | type | class | Original TTL | RDLENGTH | RDATA. It is streamed
 * into the algorithm's hash; nothing holds it whole. For Ed25519 (RFC
 * 8080) the stream is SHA-512(R || A || data), redone for each key tried
 * because A is part of it.
 *
 * Owner of the signed RRs (RFC 4035 §5.3.2): when the RRSIG Labels
 * field is below the owner's label count, the RRset came from a wildcard
 * and the owner is rebuilt as "*." + its rightmost Labels labels; more
 * labels than the owner has is invalid (§5.3.1).
 *
 * Work: every RRSIG that reaches the key search, every candidate key,
 * every signature verification and every failed one is counted against
 * the budget before it is spent; the first exhausted limit ends the
 * check at once with BOGUS and that limit as the reason.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dnssec_internal.h"

/* RRSIG RDATA before the signer's name (RFC 4034 §3.1): type covered 2,
 * algorithm 1, labels 1, original TTL 4, expiration 4, inception 4, key
 * tag 2. */
#define RRSIG_FIXED 18

/* see mav_dnssec.h */
void mav_dnssec_budget_init(mav_dnssec_budget *b)
{
    if (b == NULL)
        return;
    memset(b, 0, sizeof *b);
    b->sigs_per_rrset = MAV_CFG_DNSSEC_MAX_SIGS_PER_RRSET;
    b->keys_per_sig = MAV_CFG_DNSSEC_MAX_KEYS_PER_SIG;
    b->validations = MAV_CFG_DNSSEC_MAX_VALIDATIONS;
    b->failures = MAV_CFG_DNSSEC_MAX_FAILURES;
    b->nsec3_iterations = MAV_CFG_DNSSEC_MAX_NSEC3_WORK;
}

/* ---- canonical RDATA ---------------------------------------------------- */

/*
 * Types whose RDATA holds domain names that RFC 4034 §6.2 item 3 (as
 * corrected by RFC 6840 §5.1, which removes NSEC) puts in canonical
 * form: NS MD MF CNAME SOA MB MG MR PTR MINFO MX RP AFSDB RT SIG PX NXT
 * SRV NAPTR KX DNAME RRSIG. HINFO is on that list but holds no name; A6
 * stays as is (RFC 3597 §7). Everything else is its own canonical form.
 */
static int has_names(uint16_t type)
{
    switch (type) {
    case 2: case 3: case 4: case 5: case 6: case 7: case 8: case 9:
    case 12: case 14: case 15: case 17: case 18: case 21: case 24:
    case 26: case 30: case 33: case 35: case 36: case 39: case 46:
        return 1;
    default:
        return 0;
    }
}

/*
 * The canonical RDATA of RR i of s: in place, or expanded into
 * w->canon[slot]. Returns MAV_OK, MAV_ERR_FORMAT or MAV_ERR_LIMIT.
 */
static int canon_rdata(mav_dnssec_ctx *w, const mav_dnssec_rrset *s,
                       unsigned i, unsigned slot, const uint8_t **p,
                       size_t *len)
{
    const mav_dnssec_rdref *r = &s->rd[i];
    int rc;

    if (r->msg == NULL || r->off > r->msg_len ||
        r->len > r->msg_len - r->off)
        return MAV_ERR_FORMAT;
    if (!has_names(s->type)) {
        *p = r->msg + r->off;
        *len = r->len;
        return MAV_OK;
    }
    rc = mav_dns_rdata_expand(r->msg, r->msg_len, s->type, s->rclass,
                              r->off, r->len, MAV_DNS_RD_CANON,
                              w->canon[slot], sizeof w->canon[slot], len);
    if (rc == MAV_ERR_SPACE)
        return MAV_ERR_LIMIT;
    if (rc != MAV_OK)
        return MAV_ERR_FORMAT;
    *p = w->canon[slot];
    return MAV_OK;
}

/* RFC 4034 §6.3: octet strings compared left-justified, the absence of
 * an octet sorting before a zero octet. */
static int octets_cmp(const uint8_t *a, size_t alen, const uint8_t *b,
                      size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);

    if (c != 0)
        return c;
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

/* Fill w->order with the RRs of s in canonical order, duplicates left
 * out. Returns MAV_DNSSEC_R_OK or the reason it cannot. */
static mav_dnssec_reason sort_rrset(mav_dnssec_ctx *w,
                                    const mav_dnssec_rrset *s)
{
    const uint8_t *a, *b;
    size_t alen, blen;
    unsigned i, lo, hi, mid;
    int rc, c;

    w->n = 0;
    if (s->count > MAV_CFG_DNSSEC_MAX_RRSET_RRS)
        return MAV_DNSSEC_R_LIMIT_RRSET;
    for (i = 0; i < s->count; i++) {
        rc = canon_rdata(w, s, i, 0, &a, &alen);
        if (rc != MAV_OK)
            return rc == MAV_ERR_LIMIT ? MAV_DNSSEC_R_LIMIT_RDATA
                                       : MAV_DNSSEC_R_MALFORMED_RRSET;
        lo = 0;
        hi = w->n;
        c = 1;
        while (lo < hi) {
            mid = lo + (hi - lo) / 2;
            /* Read before with the same result: cannot fail now. */
            if (canon_rdata(w, s, w->order[mid], 1, &b, &blen) != MAV_OK)
                return MAV_DNSSEC_R_MALFORMED_RRSET;
            c = octets_cmp(a, alen, b, blen);
            if (c == 0)
                break;
            if (c < 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        if (c == 0)
            continue; /* a duplicate of an RR already placed */
        memmove(&w->order[lo + 1], &w->order[lo],
                (w->n - lo) * sizeof w->order[0]);
        w->order[lo] = (uint16_t)i;
        w->n++;
    }
    return MAV_DNSSEC_R_OK;
}

/* ---- where the signed data goes ------------------------------------------ */

/* Either the running hash of w or a caller buffer (buf != NULL). */
typedef struct {
    mav_dnssec_ctx *w;
    uint8_t *buf;
    size_t cap, len;
} sink;

static void hash_init(mav_dnssec_ctx *w, unsigned kind)
{
    w->hash_kind = (uint8_t)kind;
    if (kind == MAV_DNSSEC_HASH_SHA256)
        mav_sha256_init(&w->h.sha256);
    else if (kind == MAV_DNSSEC_HASH_SHA384)
        mav_sha384_init(&w->h.sha512);
    else
        mav_sha512_init(&w->h.sha512);
}

static void put(sink *k, const void *p, size_t n)
{
    if (k->buf != NULL) {
        if (n <= k->cap && k->len <= k->cap - n)
            memcpy(k->buf + k->len, p, n);
    } else if (k->w->hash_kind == MAV_DNSSEC_HASH_SHA256) {
        mav_sha256_update(&k->w->h.sha256, p, n);
    } else if (k->w->hash_kind == MAV_DNSSEC_HASH_SHA384) {
        mav_sha384_update(&k->w->h.sha512, p, n);
    } else {
        mav_sha512_update(&k->w->h.sha512, p, n);
    }
    k->len += n;
}

/* The digest of what was put, its length returned. */
static size_t hash_final(mav_dnssec_ctx *w, uint8_t out[MAV_SHA512_LEN])
{
    if (w->hash_kind == MAV_DNSSEC_HASH_SHA256) {
        mav_sha256_final(&w->h.sha256, out);
        return MAV_SHA256_LEN;
    }
    if (w->hash_kind == MAV_DNSSEC_HASH_SHA384) {
        mav_sha384_final(&w->h.sha512, out);
        return MAV_SHA384_LEN;
    }
    mav_sha512_final(&w->h.sha512, out);
    return MAV_SHA512_LEN;
}

/*
 * The owner name the RRs are signed under, into w->owner (RFC 4035
 * §5.3.2); *wildcard = 1 when it was rebuilt from a wildcard.
 */
static mav_dnssec_reason signed_owner(mav_dnssec_ctx *w, const uint8_t *owner,
                                      unsigned labels, uint8_t *wildcard)
{
    unsigned nl = mav_dns_name_labels(owner);
    const uint8_t *suffix;
    size_t n;

    /* RFC 4035 §5.3.1: Labels must not exceed the owner's label count. */
    if (labels > nl)
        return MAV_DNSSEC_R_LABELS_INVALID;
    if (labels == nl) {
        memcpy(w->owner, owner, mav_dns_name_len(owner));
        *wildcard = 0;
    } else {
        /* "*." + the rightmost Labels labels: at most the owner's size. */
        suffix = mav_dns_name_strip(owner, nl - labels);
        n = mav_dns_name_len(suffix);
        w->owner[0] = 1;
        w->owner[1] = '*';
        memcpy(w->owner + 2, suffix, n);
        /* The wildcard RRset itself, asked for by its literal name
         * "*.<zone>", is no expansion (RFC 4592 §2.1.1). */
        *wildcard = !(mav_dns_name_is_wildcard(owner) && labels + 1 == nl);
    }
    mav_dns_name_lower(w->owner);
    return MAV_DNSSEC_R_OK;
}

/*
 * Put the signed data of s under the RRSIG whose RDATA starts at raw
 * (signer and its length from the parsed RRSIG); w->order and w->owner
 * must be ready. Returns MAV_OK or what canon_rdata returned.
 */
static int emit(mav_dnssec_ctx *w, const mav_dnssec_rrset *s,
                const uint8_t *raw, const uint8_t *signer,
                size_t signer_len, sink *k)
{
    uint8_t name[MAV_DNS_NAME_MAX], fixed[10];
    const uint8_t *p;
    size_t len, owner_len = mav_dns_name_len(w->owner);
    unsigned j;
    int rc;

    put(k, raw, RRSIG_FIXED);
    memcpy(name, signer, signer_len);
    mav_dns_name_lower(name); /* RFC 4034 §3.1.8.1: canonical signer */
    put(k, name, signer_len);

    fixed[0] = (uint8_t)(s->type >> 8);
    fixed[1] = (uint8_t)s->type;
    fixed[2] = (uint8_t)(s->rclass >> 8);
    fixed[3] = (uint8_t)s->rclass;
    memcpy(fixed + 4, raw + 4, 4); /* the RRSIG's Original TTL */
    for (j = 0; j < w->n; j++) {
        rc = canon_rdata(w, s, w->order[j], 0, &p, &len);
        if (rc != MAV_OK)
            return rc;
        fixed[8] = (uint8_t)(len >> 8);
        fixed[9] = (uint8_t)len;
        put(k, w->owner, owner_len);
        put(k, fixed, sizeof fixed);
        put(k, p, len);
    }
    return MAV_OK;
}

/* ---- one RRSIG ----------------------------------------------------------- */

/* How telling a failure reason is: the highest one is reported. */
static int rank(mav_dnssec_reason r)
{
    if (mav_dnssec_reason_is_limit(r))
        return 100;
    switch (r) {
    case MAV_DNSSEC_R_CRYPTO_FAULT:
        return 95;
    case MAV_DNSSEC_R_SIG_MISMATCH:
        return 90;
    case MAV_DNSSEC_R_KEY_SIZE:
        return 86;
    case MAV_DNSSEC_R_MALFORMED_KEY:
        return 85;
    case MAV_DNSSEC_R_EXPIRED:
    case MAV_DNSSEC_R_NOT_YET_VALID:
        return 80;
    case MAV_DNSSEC_R_BAD_PROTOCOL:
        return 72;
    case MAV_DNSSEC_R_NOT_ZONE_KEY:
        return 71;
    case MAV_DNSSEC_R_NO_MATCHING_KEY:
        return 60;
    case MAV_DNSSEC_R_UNSUPPORTED_ALG:
        return 50;
    case MAV_DNSSEC_R_SIGNER_NOT_PARENT:
        return 40;
    case MAV_DNSSEC_R_LABELS_INVALID:
        return 30;
    case MAV_DNSSEC_R_MALFORMED_RRSIG:
        return 20;
    case MAV_DNSSEC_R_WRONG_COVER:
        return 10;
    default:
        return 0;
    }
}

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* What one RRSIG check needs besides the work area. */
typedef struct {
    const mav_dnssec_rrset *s, *keys;
    int64_t now;
    mav_dnssec_budget *b;
    unsigned sigs_tried;
} job;

/*
 * Check RRSIG sr against the keys. Returns MAV_DNSSEC_R_OK (verified in
 * its window), _NO_CLOCK (verified, window unknown) or why not; fills
 * the per-RRSIG fields of res.
 */
static mav_dnssec_reason check_rrsig(mav_dnssec_ctx *w, job *jb,
                                     const mav_dnssec_rdref *sr,
                                     mav_dnssec_result *res)
{
    mav_dns_rdata *sig = &w->sig; /* not on the stack: see mav_dnssec.h */
    const uint8_t *raw, *key_rd, *key;
    uint8_t digest[MAV_SHA512_LEN];
    size_t digest_len = 0, key_len;
    unsigned kind, i, cands = 0;
    mav_dnssec_reason t, r, worst = MAV_DNSSEC_R_NO_MATCHING_KEY;
    uint32_t now32;
    sink k;

    if (sr->msg == NULL || sr->off > sr->msg_len ||
        sr->len > sr->msg_len - sr->off ||
        mav_dns_rdata_read(sr->msg, sr->msg_len, MAV_DNS_TYPE_RRSIG,
                           jb->s->rclass, sr->off, sr->len, sig,
                           NULL) != MAV_OK)
        return MAV_DNSSEC_R_MALFORMED_RRSIG;
    raw = sr->msg + sr->off;
    res->key_tag = sig->u.rrsig.key_tag;
    res->algorithm = sig->u.rrsig.algorithm;
    res->labels = sig->u.rrsig.labels;
    res->wildcard = 0;

    /* RFC 4035 §5.3.1: the RRSIG and the RRset must have the same owner
     * (the caller's collection), class (idem) and type. */
    if (sig->u.rrsig.type_covered != jb->s->type)
        return MAV_DNSSEC_R_WRONG_COVER;
    r = signed_owner(w, jb->s->owner, sig->u.rrsig.labels, &res->wildcard);
    if (r != MAV_DNSSEC_R_OK)
        return r;
    /* §5.3.1: the signer is the zone that holds the RRset, so the owner
     * is the signer or lies below it. */
    if (!mav_dns_name_under(jb->s->owner, sig->u.rrsig.signer))
        return MAV_DNSSEC_R_SIGNER_NOT_PARENT;
    kind = mav_dnssec_alg_hash(sig->u.rrsig.algorithm);
    if (kind == MAV_DNSSEC_HASH_NONE)
        return MAV_DNSSEC_R_UNSUPPORTED_ALG;
    t = mav_dnssec_time_check(sig->u.rrsig.inception,
                              sig->u.rrsig.expiration, jb->now);
    if (t != MAV_DNSSEC_R_OK && t != MAV_DNSSEC_R_NO_CLOCK)
        return t; /* no crypto spent on a signature out of its window */
    /* RFC 4035 §5.3.3: the RRset's TTL is capped by the Original TTL
     * and by the time the signature has left. */
    res->ttl_max = sig->u.rrsig.orig_ttl;
    if (t == MAV_DNSSEC_R_OK) {
        now32 = (uint32_t)((uint64_t)jb->now & 0xffffffffu);
        if (sig->u.rrsig.expiration - now32 < res->ttl_max)
            res->ttl_max = sig->u.rrsig.expiration - now32;
    }

    if (jb->sigs_tried >= jb->b->sigs_per_rrset)
        return MAV_DNSSEC_R_LIMIT_SIGS;
    jb->sigs_tried++;
    jb->b->used_sigs++;

    /* §5.3.1: the DNSKEY owner is the signer, the algorithm and the key
     * tag match; RFC 4034 §2.1.1, §2.1.2: a zone key of protocol 3. */
    if (!mav_dns_name_eq(jb->keys->owner, sig->u.rrsig.signer))
        return MAV_DNSSEC_R_NO_MATCHING_KEY;
    k.w = w;
    k.buf = NULL;
    for (i = 0; i < jb->keys->count; i++) {
        const mav_dnssec_rdref *kr = &jb->keys->rd[i];

        if (kr->msg == NULL || kr->off > kr->msg_len ||
            kr->len > kr->msg_len - kr->off || kr->len < 4)
            continue; /* unreadable: not a candidate */
        key_rd = kr->msg + kr->off;
        if (key_rd[3] != sig->u.rrsig.algorithm ||
            mav_dnssec_keytag(key_rd, kr->len) != sig->u.rrsig.key_tag)
            continue;
        if (key_rd[2] != MAV_DNSKEY_PROTOCOL) {
            if (rank(MAV_DNSSEC_R_BAD_PROTOCOL) > rank(worst))
                worst = MAV_DNSSEC_R_BAD_PROTOCOL;
            continue;
        }
        /* RFC 5011 §3: a revoked key is used for nothing (its tag
         * already differs from the unrevoked one's, since the flags
         * are part of it) */
        if (!(be16(key_rd) & MAV_DNSKEY_FLAG_ZONE) ||
            (be16(key_rd) & MAV_DNSKEY_FLAG_REVOKE)) {
            if (rank(MAV_DNSSEC_R_NOT_ZONE_KEY) > rank(worst))
                worst = MAV_DNSSEC_R_NOT_ZONE_KEY;
            continue;
        }
        /* A candidate: bounded (KeyTrap), then paid for. */
        if (cands >= jb->b->keys_per_sig)
            return MAV_DNSSEC_R_LIMIT_KEYS;
        cands++;
        jb->b->used_keys++;
        if (jb->b->validations == 0)
            return MAV_DNSSEC_R_LIMIT_VALIDATIONS;
        jb->b->validations--;
        jb->b->used_validations++;

        key = key_rd + 4;
        key_len = kr->len - 4u;
        if (kind == MAV_DNSSEC_HASH_ED25519) {
            /* SHA-512(R || A || signed data), A being this key. */
            if (sig->u.rrsig.sig_len != MAV_ED25519_SIG_LEN ||
                key_len != MAV_ED25519_KEY_LEN) {
                r = key_len != MAV_ED25519_KEY_LEN
                        ? MAV_DNSSEC_R_MALFORMED_KEY
                        : MAV_DNSSEC_R_SIG_MISMATCH;
                goto failed;
            }
            hash_init(w, kind);
            k.len = 0;
            put(&k, sig->u.rrsig.sig, 32);
            put(&k, key, 32);
            digest_len = 0;
        }
        if (digest_len == 0) { /* once per RRSIG, per key for Ed25519 */
            if (kind != MAV_DNSSEC_HASH_ED25519)
                hash_init(w, kind);
            if (emit(w, jb->s, raw, sig->u.rrsig.signer,
                     sig->u.rrsig.signer_len, &k) != MAV_OK)
                return MAV_DNSSEC_R_MALFORMED_RRSET;
            digest_len = hash_final(w, digest);
        }
        r = mav_dnssec_alg_verify(sig->u.rrsig.algorithm, key, key_len,
                                  digest, digest_len, sig->u.rrsig.sig,
                                  sig->u.rrsig.sig_len);
        if (r == MAV_DNSSEC_R_OK)
            return t; /* OK, or NO_CLOCK: verified, window unproven */
    failed:
        jb->b->used_failures++;
        if (jb->b->failures == 0)
            return MAV_DNSSEC_R_LIMIT_FAILURES;
        jb->b->failures--;
        if (r == MAV_DNSSEC_R_CRYPTO_FAULT)
            return r;
        if (rank(r) > rank(worst))
            worst = r;
    }
    return worst;
}

/* see mav_dnssec.h */
int mav_dnssec_verify_rrset(mav_dnssec_ctx *w, const mav_dnssec_rrset *rrset,
                            const mav_dnssec_rdref *rrsigs, unsigned nsigs,
                            const mav_dnssec_rrset *keys, int64_t now,
                            mav_dnssec_budget *b, mav_dnssec_result *res)
{
    mav_dnssec_result cur, best;
    mav_dnssec_reason r;
    job jb;
    unsigned i;

    if (w == NULL || rrset == NULL || keys == NULL || b == NULL ||
        res == NULL || rrset->owner == NULL || rrset->count == 0 ||
        rrset->rd == NULL || (rrsigs == NULL && nsigs != 0) ||
        keys->owner == NULL || (keys->rd == NULL && keys->count != 0) ||
        mav_dns_name_check(rrset->owner,
                           mav_dns_name_len(rrset->owner)) != MAV_OK ||
        mav_dns_name_check(keys->owner, mav_dns_name_len(keys->owner)) !=
            MAV_OK)
        return MAV_ERR_ARG;

    memset(&best, 0, sizeof best);
    best.verdict = MAV_DNSSEC_BOGUS;
    best.reason = MAV_DNSSEC_R_MISSING_RRSIG;
    best.sig = -1;
    *res = best;
    if (nsigs == 0)
        return MAV_OK; /* RFC 4035 §5.3: nothing to check it with */
    r = sort_rrset(w, rrset);
    if (r != MAV_DNSSEC_R_OK) {
        res->reason = r;
        return MAV_OK;
    }

    jb.s = rrset;
    jb.keys = keys;
    jb.now = now;
    jb.b = b;
    jb.sigs_tried = 0;
    best.reason = MAV_DNSSEC_R_OK; /* no failure seen yet */
    for (i = 0; i < nsigs; i++) {
        memset(&cur, 0, sizeof cur);
        cur.sig = (int)i;
        r = check_rrsig(w, &jb, &rrsigs[i], &cur);
        cur.reason = r;
        if (r == MAV_DNSSEC_R_OK || r == MAV_DNSSEC_R_NO_CLOCK) {
            /* One valid signature settles it (RFC 4035 §5.3.3); without
             * a clock no other RRSIG could do better. */
            cur.verdict = r == MAV_DNSSEC_R_OK ? MAV_DNSSEC_SECURE
                                               : MAV_DNSSEC_INDETERMINATE;
            *res = cur;
            return MAV_OK;
        }
        cur.verdict = MAV_DNSSEC_BOGUS;
        if (best.reason == MAV_DNSSEC_R_OK || rank(r) > rank(best.reason))
            best = cur;
        if (mav_dnssec_reason_is_limit(r) || r == MAV_DNSSEC_R_CRYPTO_FAULT)
            break; /* bounded time: no more work after a limit */
    }
    *res = best;
    return MAV_OK;
}

/* see mav_dnssec.h */
int mav_dnssec_signed_data(mav_dnssec_ctx *w, const mav_dnssec_rrset *rrset,
                           const mav_dnssec_rdref *rrsig, uint8_t *out,
                           size_t cap, size_t *out_len)
{
    mav_dns_rdata *sig = &w->sig;
    mav_dnssec_reason r;
    uint8_t wildcard;
    sink k;
    int rc;

    if (w == NULL || rrset == NULL || rrsig == NULL || out_len == NULL ||
        (out == NULL && cap != 0) || rrset->owner == NULL ||
        rrset->count == 0 || rrset->rd == NULL || rrsig->msg == NULL)
        return MAV_ERR_ARG;
    if (rrsig->off > rrsig->msg_len ||
        rrsig->len > rrsig->msg_len - rrsig->off ||
        mav_dns_rdata_read(rrsig->msg, rrsig->msg_len, MAV_DNS_TYPE_RRSIG,
                           rrset->rclass, rrsig->off, rrsig->len, sig,
                           NULL) != MAV_OK)
        return MAV_ERR_FORMAT;
    r = sort_rrset(w, rrset);
    if (r != MAV_DNSSEC_R_OK)
        return r == MAV_DNSSEC_R_MALFORMED_RRSET ? MAV_ERR_FORMAT
                                                 : MAV_ERR_LIMIT;
    if (signed_owner(w, rrset->owner, sig->u.rrsig.labels, &wildcard) !=
        MAV_DNSSEC_R_OK)
        return MAV_ERR_FORMAT;
    k.w = w;
    k.buf = out != NULL ? out : w->canon[1]; /* cap 0: only the length */
    k.cap = out != NULL ? cap : 0;
    k.len = 0;
    rc = emit(w, rrset, rrsig->msg + rrsig->off, sig->u.rrsig.signer,
              sig->u.rrsig.signer_len, &k);
    if (rc != MAV_OK)
        return rc;
    *out_len = k.len;
    return k.len <= cap ? MAV_OK : MAV_ERR_SPACE;
}
