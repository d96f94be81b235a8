/* SPDX-License-Identifier: MIT */
/*
 * zone_denial.c - the proofs a signed zone adds to negative and wildcard
 * answers when the query has DO: with NSEC (RFC 4035 §3.1.3) the NSEC at
 * the name for NODATA, the NSEC covering the name and the one covering
 * (or matching) its wildcard for NXDOMAIN and wildcard answers; with
 * NSEC3 (RFC 5155 §7.2) the closest-encloser proof: the NSEC3 matching
 * the closest encloser, the one covering the next closer name and the one
 * covering the wildcard, chosen by hashing the names (RFC 5155 §5:
 * iterated SHA-1 over the lowercase wire name and the salt). Each record
 * goes once, with its RRSIGs. Not done: the opt-out proof for DS at an
 * insecure delegation (RFC 5155 §7.2.4), which a stub never asks.
 */
#include <string.h>

#include "zone_internal.h"

#include "mav_crypto.h"

#define HASH_LEN MAV_SHA1_LEN

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* The denial record (NSEC or NSEC3) at owner and its signatures, into
 * the authority section, unless already there. Returns how many records
 * of that type were added (0 if none is held), or an error. */
static int prove(zone_answer *a, const uint8_t *owner, uint16_t type)
{
    size_t at = a->len;
    int n;

    if (mav_zone_proved(a, owner))
        return 1;
    if (a->nproofs == ZONE_PROOFS_MAX)
        return 0;
    n = mav_zone_emit(a, owner, type, 0, NULL, UINT32_MAX, MAV_DNS_SEC_NS);
    if (n <= 0)
        return n;
    if (a->len > at)
        a->proof_off[a->nproofs++] = at;
    n = mav_zone_emit(a, owner, MAV_DNS_TYPE_RRSIG, type, NULL, UINT32_MAX,
                      MAV_DNS_SEC_NS);
    return n < 0 ? n : 1;
}

/* ---- NSEC ------------------------------------------------------------- */

typedef struct {
    const uint8_t *name;
    int found;
    uint8_t owner[MAV_DNS_NAME_MAX];
} cover_arg;

/* RFC 4034 §4.1.1: the NSEC at o with next name n covers x when o < x < n
 * in canonical order, or, for the last NSEC (n is the apex), x > o. */
static int nsec_cover_fn(zone_answer *a, const mav_zone_rr *rr, void *arg)
{
    cover_arg *c = arg;
    const uint8_t *next = rr->rdata;

    (void)a;
    if (rr->type != MAV_DNS_TYPE_NSEC ||
        mav_dns_name_check(next, mav_dns_name_len(next)) != MAV_OK ||
        mav_dns_name_cmp(rr->owner, c->name) >= 0)
        return 0;
    if (mav_dns_name_cmp(c->name, next) < 0 ||
        mav_dns_name_cmp(next, rr->owner) <= 0) {
        c->found = 1;
        memcpy(c->owner, rr->owner, rr->owner_len);
        return 1;
    }
    return 0;
}

static int nsec_cover(zone_answer *a, const uint8_t *name)
{
    cover_arg c;
    int rc;

    memset(&c, 0, sizeof c);
    c.name = name;
    if ((rc = mav_zone_scan(a, nsec_cover_fn, &c)) < 0)
        return rc;
    return c.found ? prove(a, c.owner, MAV_DNS_TYPE_NSEC) : 0;
}

static int deny_nsec(zone_answer *a, int kind, const uint8_t *name,
                     const uint8_t *wild)
{
    int rc = 0;

    switch (kind) {
    case ZONE_DENY_NODATA: /* the NSEC at the name; an ENT has none and
                            * is covered instead (RFC 4035 §3.1.3.2) */
        rc = prove(a, name, MAV_DNS_TYPE_NSEC);
        if (rc == 0)
            rc = nsec_cover(a, name);
        break;
    case ZONE_DENY_NXDOMAIN: /* §3.1.3.2: the name and its wildcard */
        if ((rc = nsec_cover(a, name)) >= 0 && wild)
            rc = nsec_cover(a, wild);
        break;
    case ZONE_DENY_WILDCARD: /* §3.1.3.3: no closer match existed */
        rc = nsec_cover(a, name);
        break;
    case ZONE_DENY_WILD_NODATA: /* §3.1.3.4 */
        if ((rc = nsec_cover(a, name)) >= 0 && wild)
            rc = prove(a, wild, MAV_DNS_TYPE_NSEC);
        break;
    }
    return rc < 0 ? rc : MAV_OK;
}

/* ---- NSEC3 ------------------------------------------------------------ */

/* RFC 5155 §5: IH(salt, x, 0) = H(x || salt), IH(salt, x, k) =
 * H(IH(salt, x, k-1) || salt); x is the canonical (lowercase) name. */
static void nsec3_hash(const mav_zone *z, const uint8_t *name,
                       uint8_t h[HASH_LEN])
{
    uint8_t canon[MAV_DNS_NAME_MAX];
    size_t len = mav_dns_name_len(name);
    mav_sha1_ctx c;
    unsigned i;

    memcpy(canon, name, len);
    mav_dns_name_lower(canon);
    mav_sha1_init(&c);
    mav_sha1_update(&c, canon, len);
    mav_sha1_update(&c, z->nsec3_salt, z->nsec3_salt_len);
    mav_sha1_final(&c, h);
    for (i = 0; i < z->nsec3_iter; i++) {
        mav_sha1_init(&c);
        mav_sha1_update(&c, h, HASH_LEN);
        mav_sha1_update(&c, z->nsec3_salt, z->nsec3_salt_len);
        mav_sha1_final(&c, h);
    }
}

/* The NSEC3 owner of a hash: base32hex label (RFC 4648 §7, RFC 5155
 * §3.3) under the apex. */
static int nsec3_owner(const mav_zone *z, const uint8_t h[HASH_LEN],
                       uint8_t *out)
{
    static const char b32[] = "0123456789abcdefghijklmnopqrstuv";
    size_t apex_len = mav_dns_name_len(z->apex), i, n = 1;
    uint32_t acc = 0;
    unsigned bits = 0;

    if (1 + 32 + apex_len > MAV_DNS_NAME_MAX)
        return MAV_ERR_LIMIT;
    for (i = 0; i < HASH_LEN; i++) {
        acc = (acc << 8 | h[i]) & 0xfffu;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out[n++] = (uint8_t)b32[(acc >> bits) & 31];
        }
    }
    out[0] = (uint8_t)(n - 1); /* 160 bits: exactly 32 characters */
    memcpy(out + n, z->apex, apex_len);
    return MAV_OK;
}

/* The hash in the first label of an NSEC3 owner; 0 or -1. */
static int owner_hash(const uint8_t *owner, uint8_t h[HASH_LEN])
{
    uint32_t acc = 0;
    unsigned bits = 0, i, n = 0;

    if (owner[0] != 32)
        return -1;
    for (i = 1; i <= 32; i++) {
        uint8_t c = (uint8_t)(owner[i] | 0x20);
        int v = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'v' ? c - 'a' + 10 : -1;
        if (v < 0)
            return -1;
        acc = (acc << 5 | (uint32_t)v) & 0xfffu;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            h[n++] = (uint8_t)(acc >> bits);
        }
    }
    return n == HASH_LEN ? 0 : -1;
}

typedef struct {
    uint8_t h[HASH_LEN];
    int found;
    uint8_t owner[MAV_DNS_NAME_MAX];
} cover3_arg;

/* RFC 5155 §7.2.1 "covers": owner hash < h < next hash, the last NSEC3
 * wrapping round. Only NSEC3s of the zone's parameters count. */
static int nsec3_cover_fn(zone_answer *a, const mav_zone_rr *rr, void *arg)
{
    cover3_arg *c = arg;
    const mav_zone *z = a->z;
    const uint8_t *r = rr->rdata;
    uint8_t oh[HASH_LEN];
    const uint8_t *next;
    size_t s;

    if (rr->type != MAV_DNS_TYPE_NSEC3 || rr->rdlen < 5)
        return 0;
    s = r[4];
    if (r[0] != z->nsec3_alg || get16(r + 2) != z->nsec3_iter ||
        s != z->nsec3_salt_len || memcmp(r + 5, z->nsec3_salt, s) != 0 ||
        rr->rdlen < 6 + s + HASH_LEN || r[5 + s] != HASH_LEN ||
        mav_dns_name_labels(rr->owner) !=
            mav_dns_name_labels(z->apex) + 1 ||
        owner_hash(rr->owner, oh) != 0)
        return 0;
    next = r + 6 + s;
    if ((memcmp(oh, c->h, HASH_LEN) < 0 && memcmp(c->h, next, HASH_LEN) < 0) ||
        (memcmp(next, oh, HASH_LEN) <= 0 &&
         (memcmp(c->h, oh, HASH_LEN) > 0 || memcmp(c->h, next, HASH_LEN) < 0))) {
        c->found = 1;
        memcpy(c->owner, rr->owner, rr->owner_len);
        return 1;
    }
    return 0;
}

static int nsec3_cover(zone_answer *a, const uint8_t *name)
{
    cover3_arg c;
    int rc;

    memset(&c, 0, sizeof c);
    nsec3_hash(a->z, name, c.h);
    if ((rc = mav_zone_scan(a, nsec3_cover_fn, &c)) < 0)
        return rc;
    return c.found ? prove(a, c.owner, MAV_DNS_TYPE_NSEC3) : 0;
}

static int nsec3_match(zone_answer *a, const uint8_t *name)
{
    uint8_t h[HASH_LEN], owner[MAV_DNS_NAME_MAX];

    nsec3_hash(a->z, name, h);
    if (nsec3_owner(a->z, h, owner) != MAV_OK)
        return 0;
    return prove(a, owner, MAV_DNS_TYPE_NSEC3);
}

static int deny_nsec3(zone_answer *a, int kind, const uint8_t *name,
                      const uint8_t *ce, const uint8_t *wild)
{
    const uint8_t *closer = NULL;
    int rc = 0;

    if (ce) /* the next closer name: one label more than ce */
        closer = mav_dns_name_strip(name, mav_dns_name_labels(name) -
                                              mav_dns_name_labels(ce) - 1);
    if (!ce && kind != ZONE_DENY_NODATA)
        return MAV_OK;
    switch (kind) {
    case ZONE_DENY_NODATA: /* §7.2.3; ENTs have their NSEC3 (§7.1) */
        rc = nsec3_match(a, name);
        break;
    case ZONE_DENY_NXDOMAIN: /* §7.2.2: the closest-encloser proof and
                              * the wildcard */
        if ((rc = nsec3_match(a, ce)) >= 0 && closer &&
            (rc = nsec3_cover(a, closer)) >= 0 && wild)
            rc = nsec3_cover(a, wild);
        break;
    case ZONE_DENY_WILDCARD: /* §7.2.6: no closer match existed */
        if (closer)
            rc = nsec3_cover(a, closer);
        break;
    case ZONE_DENY_WILD_NODATA: /* §7.2.5 */
        if ((rc = nsec3_match(a, ce)) >= 0 && closer &&
            (rc = nsec3_cover(a, closer)) >= 0 && wild)
            rc = nsec3_match(a, wild);
        break;
    }
    return rc < 0 ? rc : MAV_OK;
}

/* see zone_internal.h */
int mav_zone_deny(zone_answer *a, int kind, const uint8_t *name,
                  const uint8_t *ce)
{
    uint8_t wild[MAV_DNS_NAME_MAX];
    const uint8_t *w = NULL;

    if (ce && mav_dns_name_len(ce) + 2 <= MAV_DNS_NAME_MAX) {
        wild[0] = 1;
        wild[1] = '*';
        memcpy(wild + 2, ce, mav_dns_name_len(ce));
        w = wild;
    }
    if (ce && mav_dns_name_labels(name) <= mav_dns_name_labels(ce))
        ce = NULL; /* cannot happen for a name that does not exist */
    if (a->z->has_nsec)
        return deny_nsec(a, kind, name, w);
    if (a->z->has_nsec3)
        return deny_nsec3(a, kind, name, ce, ce ? w : NULL);
    return MAV_OK;
}
