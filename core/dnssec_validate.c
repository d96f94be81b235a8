/* SPDX-License-Identifier: MIT */
/*
 * dnssec_validate.c - the chain of trust: gives every answer of the
 * resolver a DNSSEC verdict (RFC 4035 §5), as a validating stub that
 * never trusts the AD bit.
 *
 * A finished lookup is split into items: each RRset it relies on (every
 * CNAME link, the DNAME behind a synthesized CNAME, the answer RRset) or,
 * for a negative answer, the denial proof. For each item the validator
 * walks the key chain top-down from the trust anchor to the signer zone
 * (RFC 4035 §5.1): the anchor zone's DNSKEY RRset, checked against the
 * anchor; then for every label on the way a DS lookup, whose answer is
 * validated with the keys of the zone above and says either "a signed
 * cut" (then the child's DNSKEY RRset must be signed by a key one of the
 * DS records vouches for), "no cut" (the walk goes on), or "an unsigned
 * cut" (everything below is insecure, RFC 4035 §5.2). With the signer's
 * keys the item's RRSIGs are checked (mav_dnssec_verify_rrset), and a
 * wildcard expansion or a negative answer must come with its NSEC/NSEC3
 * proof (mav_denial_check). An RRset without RRSIG is insecure only when
 * the walk toward its owner meets an unsigned cut; else it is bogus.
 *
 * Verdicts of DS and DNSKEY answers are kept in the cache with the
 * answers, so a warm chain costs cache lookups only and a new answer one
 * signature check. The lookup's verdict is its weakest item's (RFC 4035
 * §4.3). All work is bounded: signature checks and NSEC3 hashing by a
 * budget per lookup (CVE-2023-50387, CVE-2023-50868), DS lookups by
 * MAV_CFG_DNSSEC_MAX_DS_STEPS per item.
 */
#include <string.h>

#include "mav_dnssec_denial.h"
#include "mav_internal.h"

#if MAV_CFG_DNSSEC

enum { J_FREE = 0, J_ITEM, J_WALK };
enum { W_ANCHOR = 0, W_LABEL, W_DS, W_DNSKEY };
/* what a walk step returns */
enum { WALK_NEED = 0, WALK_DONE };

/* One thing a lookup's verdict depends on. */
enum { ITEM_RRSET = 1, ITEM_DENIAL };
typedef mav_dnssec_item item; /* in mav_dns.h: r->vitem */

/* ---- the built-in trust anchor ------------------------------------------ */

/*
 * The IANA root zone KSKs as DS records (digest type 2, SHA-256), from
 * IANA's root-anchors publication (https://data.iana.org/root-anchors/
 * root-anchors.xml): KSK-2017, key tag 20326, and KSK-2024, key tag
 * 38696, which signs the root since 11 October 2026. A test compares them
 * with Debian's dns-root-data package (/usr/share/dns/root.ds).
 */
static const uint8_t root_ds_20326[] = {
    0x4f, 0x66, 8, 2, 0xe0, 0x6d, 0x44, 0xb8, 0x0b, 0x8f, 0x1d, 0x39,
    0xa9, 0x5c, 0x0b, 0x0d, 0x7c, 0x65, 0xd0, 0x84, 0x58, 0xe8, 0x80,
    0x40, 0x9b, 0xbc, 0x68, 0x34, 0x57, 0x10, 0x42, 0x37, 0xc7, 0xf8,
    0xec, 0x8d};
static const uint8_t root_ds_38696[] = {
    0x97, 0x28, 8, 2, 0x68, 0x3d, 0x2d, 0x0a, 0xcb, 0x8c, 0x9b, 0x71,
    0x2a, 0x19, 0x48, 0xb2, 0x7f, 0x74, 0x12, 0x19, 0x29, 0x8d, 0x0a,
    0x45, 0x0d, 0x61, 0x2c, 0x48, 0x3a, 0xf4, 0x44, 0xa4, 0xc0, 0xfb,
    0x2b, 0x16};

/*
 * r->anchors holds the anchor zone's name once, then records:
 *   owner (wire name) | { type(2) rdlen(2) rdata } ...
 */
static const uint8_t *anchor_zone(const mav_dns_ctx *r)
{
    return r->anchors;
}

/* Iterate the anchor records: returns 1 and fills type/rd while any. */
static int anchor_next(const mav_dns_ctx *r, size_t *off, uint16_t *type,
                       mav_dnssec_rdref *rd)
{
    size_t o = *off;
    uint16_t len;

    if (o == 0)
        o = mav_dns_name_len(r->anchors);
    if (o + 4 > r->anchors_len)
        return 0;
    *type = (uint16_t)(r->anchors[o] << 8 | r->anchors[o + 1]);
    len = (uint16_t)(r->anchors[o + 2] << 8 | r->anchors[o + 3]);
    rd->msg = r->anchors + o + 4;
    rd->msg_len = len;
    rd->off = 0;
    rd->len = len;
    *off = o + 4 + len;
    return 1;
}

/* see mav_dns.h */
int mav_dns_add_trust_anchor(mav_dns_ctx *r, const mav_dns_anchor *a)
{
    size_t o, owner_len;
    mav_dns_rdata rd;

    if (r == NULL || a == NULL || a->owner == NULL || a->rdata == NULL)
        return MAV_ERR_ARG;
    owner_len = mav_dns_name_len(a->owner);
    if (mav_dns_name_check(a->owner, owner_len) != MAV_OK ||
        (a->type != MAV_DNS_TYPE_DS && a->type != MAV_DNS_TYPE_DNSKEY) ||
        mav_dns_rdata_read(a->rdata, a->rdlen, a->type, MAV_DNS_CLASS_IN, 0,
                           a->rdlen, &rd, NULL) != MAV_OK)
        return MAV_ERR_ARG;
    if (r->anchors_len == 0) {
        if (owner_len > sizeof r->anchors)
            return MAV_ERR_SPACE;
        memcpy(r->anchors, a->owner, owner_len);
        mav_dns_name_lower(r->anchors);
        r->anchors_len = (uint16_t)owner_len;
    } else if (!mav_dns_name_eq(a->owner, r->anchors)) {
        return MAV_ERR_ARG; /* one anchor zone */
    }
    o = r->anchors_len;
    if (o + 4 + a->rdlen > sizeof r->anchors)
        return MAV_ERR_SPACE;
    r->anchors[o] = (uint8_t)(a->type >> 8);
    r->anchors[o + 1] = (uint8_t)a->type;
    r->anchors[o + 2] = (uint8_t)(a->rdlen >> 8);
    r->anchors[o + 3] = (uint8_t)a->rdlen;
    memcpy(r->anchors + o + 4, a->rdata, a->rdlen);
    r->anchors_len = (uint16_t)(o + 4 + a->rdlen);
    r->validate = 1;
    return MAV_OK;
}

/* see mav_dns.h */
int mav_dns_set_trust_anchors(mav_dns_ctx *r, const mav_dns_anchor *a,
                              unsigned n)
{
    unsigned i;
    int rc;

    if (r == NULL || (a == NULL && n))
        return MAV_ERR_ARG;
    r->validate = 0;
    r->anchors_len = 0;
    for (i = 0; i < n; i++)
        if ((rc = mav_dns_add_trust_anchor(r, &a[i])) != MAV_OK) {
            r->validate = 0;
            r->anchors_len = 0;
            return rc;
        }
    return MAV_OK;
}

/* see mav_internal.h */
void mav_validate_init(mav_dns_ctx *r)
{
    static const uint8_t root[1] = {0};
    mav_dns_anchor a[2];
    unsigned i;

    a[0].owner = root;
    a[0].type = MAV_DNS_TYPE_DS;
    a[0].rdata = root_ds_20326;
    a[0].rdlen = sizeof root_ds_20326;
    a[1] = a[0];
    a[1].rdata = root_ds_38696;
    a[1].rdlen = sizeof root_ds_38696;
    (void)mav_dns_set_trust_anchors(r, a, 2);
    for (i = 0; i < MAV_CFG_DNSSEC_JOBS; i++) {
        r->jobs[i].keys_e = -1;
        r->jobs[i].ds_e = -1;
    }
}

/* ---- verdicts --------------------------------------------------------- */

/* Weakness order: a chain is as strong as its weakest link. */
static int weakness(mav_dnssec_verdict v)
{
    switch (v) {
    case MAV_DNSSEC_SECURE:
        return 0;
    case MAV_DNSSEC_INSECURE:
        return 1;
    case MAV_DNSSEC_INDETERMINATE:
        return 2;
    case MAV_DNSSEC_BOGUS:
        return 3;
    default:
        return 4;
    }
}

static void merge(mav_dnssec_job *j, mav_dnssec_verdict v,
                  mav_dnssec_reason why)
{
    if (weakness(v) > weakness((mav_dnssec_verdict)j->verdict)) {
        j->verdict = (uint8_t)v;
        j->reason = (uint8_t)why;
    }
}

/* ---- reading records of a cached response --------------------------- */

static int entry_msg(mav_dns_ctx *r, int32_t e, mav_dns_msg *m)
{
    return mav_cache_view(r, e, m);
}

/* The RRset (owner, type) of a section into r->vrrs. */
static int gather(mav_dns_ctx *r, const mav_dns_msg *m, unsigned section,
                  const uint8_t *owner, uint16_t type, mav_dnssec_rrset *set)
{
    unsigned n = 0;
    int rc = mav_dnssec_collect(m, section, owner, type, MAV_DNS_CLASS_IN, 0,
                                r->vrrs, MAV_CFG_DNSSEC_RRSET_REFS, &n);

    set->owner = owner;
    set->type = type;
    set->rclass = MAV_DNS_CLASS_IN;
    set->rd = r->vrrs;
    set->count = n;
    return rc;
}

/* The RRSIGs over (owner, type) of a section into r->vsigs. */
static unsigned gather_sigs(mav_dns_ctx *r, const mav_dns_msg *m,
                            unsigned section, const uint8_t *owner,
                            uint16_t type)
{
    unsigned n = 0;

    (void)mav_dnssec_collect(m, section, owner, MAV_DNS_TYPE_RRSIG,
                             MAV_DNS_CLASS_IN, type, r->vsigs,
                             MAV_CFG_DNSSEC_MAX_SIGS_PER_RRSET, &n);
    return n;
}

/* The signer name of the first RRSIG in r->vsigs into out. */
static int first_signer(mav_dns_ctx *r, unsigned nsigs, uint8_t *out)
{
    mav_dns_rdata *rd = &r->vwork.sig; /* off the stack */
    unsigned i;

    for (i = 0; i < nsigs; i++) {
        const mav_dnssec_rdref *s = &r->vsigs[i];
        if (mav_dns_rdata_read(s->msg, s->msg_len, MAV_DNS_TYPE_RRSIG,
                               MAV_DNS_CLASS_IN, s->off, s->len, rd,
                               NULL) != MAV_OK)
            continue;
        memcpy(out, rd->u.rrsig.signer, rd->u.rrsig.signer_len);
        mav_dns_name_lower(out);
        return 1;
    }
    return 0;
}

/* Do the RRSIGs in r->vsigs have a signer, other than zone? Not
 * inlined: the name read stays off the stack the checks run on. */
static MAV_NOINLINE int signer_not(mav_dns_ctx *r, unsigned nsigs,
                                   const uint8_t *zone)
{
    uint8_t signer[MAV_DNS_NAME_MAX];

    return nsigs && first_signer(r, nsigs, signer) &&
           !mav_dns_name_eq(signer, zone);
}

/* The validated DNSKEY RRset of the zone (held in entry e). The
 * references point into the cache, not into the view: not inlined, the
 * view is off the stack during the signature check. */
static MAV_NOINLINE int keys_of(mav_dns_ctx *r, int32_t e,
                                const uint8_t *zone, mav_dnssec_rrset *keys)
{
    unsigned n = 0;
    mav_dns_msg km;

    if (entry_msg(r, e, &km) != MAV_OK)
        return -1;
    (void)mav_dnssec_collect(&km, MAV_DNS_SEC_AN, zone, MAV_DNS_TYPE_DNSKEY,
                             MAV_DNS_CLASS_IN, 0, r->vkeys,
                             MAV_CFG_DNSSEC_RRSET_REFS, &n);
    keys->owner = zone;
    keys->type = MAV_DNS_TYPE_DNSKEY;
    keys->rclass = MAV_DNS_CLASS_IN;
    keys->rd = r->vkeys;
    keys->count = n;
    return n ? 0 : -1;
}

/*
 * Check the RRset (owner, type) in a section of m with the keys of zone;
 * returns the verdict, *why its reason, res (may be NULL) the details.
 */
static mav_dnssec_verdict check_rrset(mav_dns_ctx *r, mav_dnssec_job *j,
                                      const mav_dns_msg *m, unsigned section,
                                      const uint8_t *owner, uint16_t type,
                                      int32_t keys_e, const uint8_t *zone,
                                      mav_dnssec_reason *why,
                                      mav_dnssec_result *res_out)
{
    mav_dnssec_rrset set, keys;
    mav_dnssec_result res;
    unsigned nsigs;
    uint32_t before = j->budget.used_validations;

    if (gather(r, m, section, owner, type, &set) != MAV_OK) {
        *why = MAV_DNSSEC_R_LIMIT_RRSET;
        return MAV_DNSSEC_BOGUS;
    }
    nsigs = gather_sigs(r, m, section, owner, type);
    if (nsigs == 0) {
        *why = MAV_DNSSEC_R_MISSING_RRSIG;
        return MAV_DNSSEC_BOGUS;
    }
    if (keys_of(r, keys_e, zone, &keys) != 0) {
        *why = MAV_DNSSEC_R_NO_DNSKEY;
        return MAV_DNSSEC_BOGUS;
    }
    if (mav_dnssec_verify_rrset(&r->vwork, &set, r->vsigs, nsigs, &keys,
                                j->now, &j->budget, &res) != MAV_OK) {
        *why = MAV_DNSSEC_R_MALFORMED_RRSET;
        return MAV_DNSSEC_BOGUS;
    }
    r->stats.sig_checks += j->budget.used_validations - before;
    if (res_out)
        *res_out = res;
    *why = res.reason;
    return res.verdict;
}

/* Is an RR of rr's RRset among the first i - 1 of the authority section?
 * Not inlined: its record stays off the stack the checks run on. */
static MAV_NOINLINE int rrset_before(const mav_dns_msg *m, unsigned i,
                                     const mav_dns_rr *rr)
{
    mav_dns_iter back;
    mav_dns_rr prev;
    unsigned k;

    mav_dns_iter_init(&back, m, MAV_DNS_SEC_NS);
    for (k = 1; k < i && mav_dns_iter_next(&back, &prev) > 0; k++)
        if (prev.type == rr->type && mav_dns_name_eq(prev.owner, rr->owner))
            return 1;
    return 0;
}

/* Check every NSEC/NSEC3 RRset of the authority section with the keys
 * of zone; SECURE when all verify (and there is at least one). */
static mav_dnssec_verdict check_denial_rrsets(mav_dns_ctx *r,
                                              mav_dnssec_job *j,
                                              const mav_dns_msg *m,
                                              const uint8_t *zone,
                                              mav_dnssec_reason *why)
{
    mav_dns_iter it;
    mav_dns_rr rr;
    unsigned i = 0, found = 0;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_NS);
    while (mav_dns_iter_next(&it, &rr) > 0) {
        mav_dnssec_verdict v;
        i++;
        if (rr.type != MAV_DNS_TYPE_NSEC && rr.type != MAV_DNS_TYPE_NSEC3)
            continue;
        /* each RRset once: skip an RR whose RRset came earlier */
        if (rrset_before(m, i, &rr))
            continue;
        if (!mav_dns_name_under(rr.owner, zone)) {
            *why = MAV_DNSSEC_R_WRONG_SIGNER;
            return MAV_DNSSEC_BOGUS;
        }
        v = check_rrset(r, j, m, MAV_DNS_SEC_NS, rr.owner, rr.type, j->keys_e,
                        zone, why, NULL);
        if (v != MAV_DNSSEC_SECURE)
            return v;
        found++;
    }
    if (!found) {
        *why = MAV_DNSSEC_R_MISSING_DENIAL;
        return MAV_DNSSEC_BOGUS;
    }
    return MAV_DNSSEC_SECURE;
}

/* ---- the key walk ------------------------------------------------------- */

static void unpin(mav_dns_ctx *r, int32_t *e)
{
    if (*e >= 0)
        mav_cache_unpin(r, *e);
    *e = -1;
}

/*
 * Fetch (name, type) for the walk: WALK_NEED while it is under way;
 * otherwise the finished lookup's status and its response's cache entry
 * (pinned for the job: the handle is given back at once).
 */
static int fetch(mav_dns_ctx *r, mav_dnssec_job *j, const uint8_t *name,
                 uint16_t type, mav_dns_status *st, int32_t *e)
{
    int rc;

    if (j->sub == 0) {
        rc = mav_dns_lookup_raw(r, name, mav_dns_name_len(name), type,
                                &j->sub);
        if (rc < 0) {
            j->sub = 0;
            *st = MAV_DNS_FAILED;
            *e = -1;
            return WALK_DONE;
        }
        r->stats.key_lookups++;
    }
    *st = mav_dns_query_status(r, j->sub);
    if (*st == MAV_DNS_PENDING)
        return WALK_NEED;
    *e = mav_dns_query_last_entry(r, j->sub);
    if (*e >= 0)
        mav_cache_pin(r, *e);
    mav_dns_release(r, j->sub);
    j->sub = 0;
    return WALK_DONE;
}

/* Is a DS digest type in the mask of mav_dnssec_ds_honoured()? Types
 * come from the wire (0..255): no shift by them without a bound. */
static int digest_honoured(unsigned honoured, uint8_t type)
{
    return type < 32 && ((honoured >> type) & 1u);
}

/* Keys of the DNSKEY RRset (in m) that one of the DS records vouches for,
 * into r->vkeys; *usable is 0 when no DS has a supported algorithm and
 * honoured digest (RFC 4035 §5.2: then the zone counts as unsigned). */
static unsigned ds_matched_keys(mav_dns_ctx *r, const uint8_t *zone,
                                const mav_dns_msg *km,
                                const mav_dnssec_rdref *ds, unsigned nds,
                                int *usable, mav_dnssec_reason *why)
{
    unsigned honoured = mav_dnssec_ds_honoured(ds, nds), i, k, n = 0;
    /* The zone's keys go to r->vrrs, free until check_keys gathers the
     * DNSKEY RRset there; the DS is read into the work area's record:
     * neither on the stack that the signature check then runs below. */
    mav_dnssec_rdref *keys = r->vrrs;
    mav_dns_rdata *d = &r->vwork.sig;
    unsigned nkeys = 0;

    (void)mav_dnssec_collect(km, MAV_DNS_SEC_AN, zone, MAV_DNS_TYPE_DNSKEY,
                             MAV_DNS_CLASS_IN, 0, keys,
                             MAV_CFG_DNSSEC_RRSET_REFS, &nkeys);
    *usable = 0;
    *why = nkeys ? MAV_DNSSEC_R_NO_MATCHING_KEY : MAV_DNSSEC_R_NO_DNSKEY;
    for (i = 0; i < nds; i++) {
        if (mav_dns_rdata_read(ds[i].msg, ds[i].msg_len, MAV_DNS_TYPE_DS,
                               MAV_DNS_CLASS_IN, ds[i].off, ds[i].len, d,
                               NULL) != MAV_OK ||
            !mav_dnssec_alg_supported(d->u.ds.algorithm) ||
            !digest_honoured(honoured, d->u.ds.digest_type))
            continue;
        *usable = 1;
        for (k = 0; k < nkeys; k++) {
            unsigned x;
            mav_dnssec_reason rs = mav_dnssec_ds_check(zone, &ds[i], &keys[k],
                                                       honoured);
            if (rs != MAV_DNSSEC_R_OK) {
                if (rs == MAV_DNSSEC_R_DS_MISMATCH)
                    *why = rs;
                continue;
            }
            for (x = 0; x < n; x++)
                if (r->vkeys[x].off == keys[k].off)
                    break;
            if (x == n)
                r->vkeys[n++] = keys[k];
        }
    }
    return n;
}

/* The anchors' DS records (at most 8) as references into ds. */
static unsigned anchor_ds(const mav_dns_ctx *r, mav_dnssec_rdref *ds)
{
    unsigned nds = 0;
    size_t off = 0;
    uint16_t type;
    mav_dnssec_rdref rd;

    while (anchor_next(r, &off, &type, &rd) && nds < 8)
        if (type == MAV_DNS_TYPE_DS) {
            if (ds)
                ds[nds] = rd;
            nds++;
        }
    return nds;
}

/*
 * ds_matched_keys() for the DS records of the anchors (ds_e < 0) or of
 * the validated DS answer in entry ds_e. Not inlined: the DS references
 * are on the stack only while the keys are matched, not during the
 * signature check that follows.
 */
static MAV_NOINLINE unsigned vouched_keys(mav_dns_ctx *r, int32_t ds_e,
                                          const uint8_t *zone,
                                          const mav_dns_msg *km, int *usable,
                                          mav_dnssec_reason *why)
{
    mav_dnssec_rdref ds[MAV_CFG_DNSSEC_RRSET_REFS];
    unsigned nds = 0;
    mav_dns_msg dm;

    if (ds_e < 0)
        nds = anchor_ds(r, ds);
    else if (entry_msg(r, ds_e, &dm) == MAV_OK)
        (void)mav_dnssec_collect(&dm, MAV_DNS_SEC_AN, zone, MAV_DNS_TYPE_DS,
                                 MAV_DNS_CLASS_IN, 0, ds,
                                 MAV_CFG_DNSSEC_RRSET_REFS, &nds);
    return ds_matched_keys(r, zone, km, ds, nds, usable, why);
}

/* Validate a DNSKEY answer (entry e) of zone against DS records: those
 * of the anchors (ds_e < 0) or of the DS answer in entry ds_e. */
static MAV_NOINLINE mav_dnssec_verdict check_keys(mav_dns_ctx *r,
                                                  mav_dnssec_job *j, int32_t e,
                                                  const uint8_t *zone,
                                                  int32_t ds_e,
                                                  mav_dnssec_reason *why)
{
    mav_dnssec_rrset set, keys;
    mav_dnssec_result res;
    mav_dns_msg km;
    unsigned nsigs, nkeys;
    int usable;
    uint32_t before = j->budget.used_validations;

    if (entry_msg(r, e, &km) != MAV_OK) {
        *why = MAV_DNSSEC_R_NO_DNSKEY;
        return MAV_DNSSEC_BOGUS;
    }
    nkeys = vouched_keys(r, ds_e, zone, &km, &usable, why);
    if (!usable) {
        *why = MAV_DNSSEC_R_NO_SUPPORTED;
        return MAV_DNSSEC_INSECURE;
    }
    if (nkeys == 0)
        return MAV_DNSSEC_BOGUS;
    keys.owner = zone;
    keys.type = MAV_DNS_TYPE_DNSKEY;
    keys.rclass = MAV_DNS_CLASS_IN;
    keys.rd = r->vkeys;
    keys.count = nkeys;
    if (gather(r, &km, MAV_DNS_SEC_AN, zone, MAV_DNS_TYPE_DNSKEY, &set) !=
        MAV_OK) {
        *why = MAV_DNSSEC_R_LIMIT_RRSET;
        return MAV_DNSSEC_BOGUS;
    }
    nsigs = gather_sigs(r, &km, MAV_DNS_SEC_AN, zone, MAV_DNS_TYPE_DNSKEY);
    if (nsigs == 0) {
        *why = MAV_DNSSEC_R_MISSING_RRSIG;
        return MAV_DNSSEC_BOGUS;
    }
    if (mav_dnssec_verify_rrset(&r->vwork, &set, r->vsigs, nsigs, &keys,
                                j->now, &j->budget, &res) != MAV_OK) {
        *why = MAV_DNSSEC_R_MALFORMED_RRSET;
        return MAV_DNSSEC_BOGUS;
    }
    r->stats.sig_checks += j->budget.used_validations - before;
    *why = res.reason;
    return res.verdict;
}

/* The anchor records as DS references (DNSKEY anchors are matched by
 * content in check_anchor_keys). */
static MAV_NOINLINE mav_dnssec_verdict check_anchor_keys(mav_dns_ctx *r,
                                                         mav_dnssec_job *j,
                                                         int32_t e,
                                                         mav_dnssec_reason *why)
{
    size_t off;
    uint16_t type;
    mav_dnssec_rdref rd;
    mav_dns_msg km;

    if (anchor_ds(r, NULL) > 0)
        return check_keys(r, j, e, anchor_zone(r), -1, why);
    /* DNSKEY anchors: the answer's keys equal to an anchor are trusted */
    if (entry_msg(r, e, &km) != MAV_OK) {
        *why = MAV_DNSSEC_R_NO_DNSKEY;
        return MAV_DNSSEC_BOGUS;
    }
    {
        /* the zone's keys in r->vrrs until the RRset is gathered there,
         * as in ds_matched_keys() */
        mav_dnssec_rdref *keys = r->vrrs;
        mav_dnssec_rrset set, trusted;
        mav_dnssec_result res;
        unsigned nkeys = 0, k, n = 0, nsigs;
        (void)mav_dnssec_collect(&km, MAV_DNS_SEC_AN, anchor_zone(r),
                                 MAV_DNS_TYPE_DNSKEY, MAV_DNS_CLASS_IN, 0,
                                 keys, MAV_CFG_DNSSEC_RRSET_REFS, &nkeys);
        for (k = 0; k < nkeys; k++) {
            off = 0;
            while (anchor_next(r, &off, &type, &rd))
                if (rd.len == keys[k].len &&
                    memcmp(rd.msg, keys[k].msg + keys[k].off, rd.len) == 0) {
                    r->vkeys[n++] = keys[k];
                    break;
                }
        }
        if (n == 0) {
            *why = MAV_DNSSEC_R_NO_MATCHING_KEY;
            return MAV_DNSSEC_BOGUS;
        }
        trusted.owner = anchor_zone(r);
        trusted.type = MAV_DNS_TYPE_DNSKEY;
        trusted.rclass = MAV_DNS_CLASS_IN;
        trusted.rd = r->vkeys;
        trusted.count = n;
        if (gather(r, &km, MAV_DNS_SEC_AN, anchor_zone(r), MAV_DNS_TYPE_DNSKEY,
                   &set) != MAV_OK) {
            *why = MAV_DNSSEC_R_LIMIT_RRSET;
            return MAV_DNSSEC_BOGUS;
        }
        nsigs = gather_sigs(r, &km, MAV_DNS_SEC_AN, anchor_zone(r),
                            MAV_DNS_TYPE_DNSKEY);
        if (mav_dnssec_verify_rrset(&r->vwork, &set, r->vsigs, nsigs, &trusted,
                                    j->now, &j->budget, &res) != MAV_OK) {
            *why = MAV_DNSSEC_R_MALFORMED_RRSET;
            return MAV_DNSSEC_BOGUS;
        }
        *why = res.reason;
        return res.verdict;
    }
}

/*
 * Validate a DS answer for child (entry e) with the keys of zone and say
 * what it proves (MAV_CACHE_CUT_*), stored with the entry.
 */
static MAV_NOINLINE void check_ds_answer(mav_dns_ctx *r, mav_dnssec_job *j,
                                         int32_t e, mav_dns_status st,
                                         const uint8_t *child,
                                         const uint8_t *zone)
{
    mav_dnssec_reason why = MAV_DNSSEC_R_OK;
    mav_dnssec_verdict v;
    unsigned aux = MAV_CACHE_CUT_UNKNOWN;
    mav_dns_msg m;

    if (entry_msg(r, e, &m) != MAV_OK) {
        mav_cache_set_dnssec(r, e, MAV_DNSSEC_BOGUS,
                             MAV_DNSSEC_R_MALFORMED_RRSET, aux);
        return;
    }
    if (st == MAV_DNS_ANSWER) {
        unsigned nsigs = gather_sigs(r, &m, MAV_DNS_SEC_AN, child,
                                     MAV_DNS_TYPE_DS);
        if (signer_not(r, nsigs, zone)) {
            v = MAV_DNSSEC_BOGUS;
            why = MAV_DNSSEC_R_WRONG_SIGNER;
        } else {
            v = check_rrset(r, j, &m, MAV_DNS_SEC_AN, child, MAV_DNS_TYPE_DS,
                            j->keys_e, zone, &why, NULL);
        }
        if (v == MAV_DNSSEC_SECURE) {
            /* a DS RRset none of whose records we can use: insecure */
            unsigned nds = 0, i, honoured;
            int usable = 0;
            (void)mav_dnssec_collect(&m, MAV_DNS_SEC_AN, child,
                                     MAV_DNS_TYPE_DS, MAV_DNS_CLASS_IN, 0,
                                     r->vrrs, MAV_CFG_DNSSEC_RRSET_REFS, &nds);
            honoured = mav_dnssec_ds_honoured(r->vrrs, nds);
            for (i = 0; i < nds; i++) {
                mav_dns_rdata *d = &r->vwork.sig; /* off the stack */
                if (mav_dns_rdata_read(r->vrrs[i].msg, r->vrrs[i].msg_len,
                                       MAV_DNS_TYPE_DS, MAV_DNS_CLASS_IN,
                                       r->vrrs[i].off, r->vrrs[i].len, d,
                                       NULL) == MAV_OK &&
                    mav_dnssec_alg_supported(d->u.ds.algorithm) &&
                    digest_honoured(honoured, d->u.ds.digest_type))
                    usable = 1;
            }
            aux = usable ? MAV_CACHE_CUT_SIGNED : MAV_CACHE_CUT_INSECURE;
            if (!usable)
                why = MAV_DNSSEC_R_NO_SUPPORTED;
        }
    } else if (st == MAV_DNS_NODATA || st == MAV_DNS_NXDOMAIN) {
        mav_denial d;
        v = check_denial_rrsets(r, j, &m, zone, &why);
        if (v == MAV_DNSSEC_SECURE) {
            mav_denial_check(&m, zone, child, MAV_DNS_TYPE_DS, &j->budget, &d);
            if (d.proof == MAV_DENIAL_NODATA) {
                aux = d.delegation ? MAV_CACHE_CUT_INSECURE
                                   : MAV_CACHE_CUT_NONE;
                why = d.delegation ? MAV_DNSSEC_R_INSECURE_CUT
                                   : MAV_DNSSEC_R_OK;
            } else if (d.proof == MAV_DENIAL_INSECURE) {
                /* an opt-out span proves nothing securely (RFC 5155
                 * §9.2): the DS answer itself is insecure too */
                v = MAV_DNSSEC_INSECURE;
                aux = MAV_CACHE_CUT_INSECURE;
                why = d.optout ? MAV_DNSSEC_R_OPT_OUT
                               : MAV_DNSSEC_R_NSEC3_ITERATIONS;
            } else if (d.proof == MAV_DENIAL_NXDOMAIN) {
                v = MAV_DNSSEC_BOGUS;
                why = MAV_DNSSEC_R_ZONE_MISSING;
            } else if (d.proof == MAV_DENIAL_LIMIT) {
                v = MAV_DNSSEC_BOGUS;
                why = MAV_DNSSEC_R_LIMIT_NSEC3;
            } else {
                v = MAV_DNSSEC_BOGUS;
                why = MAV_DNSSEC_R_MISSING_DENIAL;
            }
        }
    } else {
        v = MAV_DNSSEC_BOGUS;
        why = MAV_DNSSEC_R_FETCH_FAILED;
    }
    mav_cache_set_dnssec(r, e, v, why, aux);
}

/*
 * One step of the walk toward j->target. WALK_NEED: a lookup is under
 * way. WALK_DONE with *v: SECURE (j->keys_e holds the target zone's
 * validated keys), INSECURE, BOGUS or INDETERMINATE, reason in *why.
 */
static int walk(mav_dns_ctx *r, mav_dnssec_job *j, mav_dnssec_verdict *v,
                mav_dnssec_reason *why)
{
    unsigned tl = mav_dns_name_labels(j->target);

    for (;;) {
        mav_dns_status st;
        int32_t e;
        const uint8_t *child, *zone;
        int anchor;

        switch (j->step) {
        case W_ANCHOR:
            if (!mav_dns_name_under(j->target, anchor_zone(r))) {
                *v = MAV_DNSSEC_INDETERMINATE; /* RFC 4035 §4.3 */
                *why = MAV_DNSSEC_R_NO_MATCHING_KEY;
                return WALK_DONE;
            }
            /* the anchor zone's keys, checked against the anchors and
             * not a DS answer */
            /* fall through */
        case W_DNSKEY:
            anchor = j->step == W_ANCHOR;
            child = anchor ? anchor_zone(r)
                           : mav_dns_name_strip(j->target, tl - j->depth - 1u);
            if (fetch(r, j, child, MAV_DNS_TYPE_DNSKEY, &st, &e) == WALK_NEED)
                return WALK_NEED;
            if (st != MAV_DNS_ANSWER || e < 0) {
                unpin(r, &e);
                *v = MAV_DNSSEC_BOGUS;
                *why = st == MAV_DNS_NODATA || st == MAV_DNS_NXDOMAIN
                           ? MAV_DNSSEC_R_NO_DNSKEY
                           : MAV_DNSSEC_R_FETCH_FAILED;
                return WALK_DONE;
            }
            if (mav_cache_dnssec(r, e) == MAV_DNSSEC_UNCHECKED) {
                mav_dnssec_reason rs;
                mav_dnssec_verdict kv =
                    anchor ? check_anchor_keys(r, j, e, &rs)
                           : check_keys(r, j, e, child, j->ds_e, &rs);
                mav_cache_set_dnssec(r, e, kv, rs, MAV_CACHE_CUT_SIGNED);
            }
            if (!anchor)
                unpin(r, &j->ds_e);
            if (mav_cache_dnssec(r, e) != MAV_DNSSEC_SECURE) {
                *v = mav_cache_dnssec(r, e);
                *why = (mav_dnssec_reason)mav_cache_reason(r, e);
                unpin(r, &e);
                return WALK_DONE;
            }
            unpin(r, &j->keys_e);
            j->keys_e = e;
            j->depth = (uint8_t)(anchor ? mav_dns_name_labels(anchor_zone(r))
                                        : j->depth + 1u);
            j->step = W_LABEL;
            break;
        case W_LABEL:
            if (j->depth >= tl) {
                *v = MAV_DNSSEC_SECURE;
                *why = MAV_DNSSEC_R_OK;
                return WALK_DONE;
            }
            if (j->ds_steps++ >= MAV_CFG_DNSSEC_MAX_DS_STEPS) {
                *v = MAV_DNSSEC_BOGUS;
                *why = MAV_DNSSEC_R_LIMIT_VALIDATIONS;
                return WALK_DONE;
            }
            j->step = W_DS;
            break;
        case W_DS:
            child = mav_dns_name_strip(j->target, tl - j->depth - 1u);
            zone = mav_dns_name_strip(j->target, tl - j->depth);
            if (fetch(r, j, child, MAV_DNS_TYPE_DS, &st, &e) == WALK_NEED)
                return WALK_NEED;
            if (e < 0) {
                *v = MAV_DNSSEC_BOGUS;
                *why = MAV_DNSSEC_R_FETCH_FAILED;
                return WALK_DONE;
            }
            /* An answer a user lookup validated carries a verdict but
             * not what it says about the cut: derive that once. */
            if (mav_cache_dnssec(r, e) == MAV_DNSSEC_UNCHECKED ||
                mav_cache_aux(r, e) == MAV_CACHE_CUT_UNKNOWN)
                check_ds_answer(r, j, e, st, child, zone);
            if (mav_cache_dnssec(r, e) == MAV_DNSSEC_BOGUS ||
                mav_cache_dnssec(r, e) == MAV_DNSSEC_INDETERMINATE ||
                mav_cache_aux(r, e) == MAV_CACHE_CUT_INSECURE ||
                mav_cache_aux(r, e) == MAV_CACHE_CUT_UNKNOWN) {
                *v = mav_cache_aux(r, e) == MAV_CACHE_CUT_INSECURE
                         ? MAV_DNSSEC_INSECURE
                         : mav_cache_dnssec(r, e);
                if (*v == MAV_DNSSEC_SECURE || *v == MAV_DNSSEC_UNCHECKED)
                    *v = MAV_DNSSEC_BOGUS;
                *why = (mav_dnssec_reason)mav_cache_reason(r, e);
                unpin(r, &e);
                return WALK_DONE;
            }
            if (mav_cache_aux(r, e) == MAV_CACHE_CUT_NONE) {
                unpin(r, &e);
                j->depth++;
                j->step = W_LABEL;
                break;
            }
            unpin(r, &j->ds_e);
            j->ds_e = e;
            j->step = W_DNSKEY;
            break;
        }
    }
}

/* ---- the items of a lookup ---------------------------------------------- */

/* A DNAME in the answer whose owner is an ancestor of name: the CNAME
 * at name was synthesized from it (RFC 6672 §3.4). */
static int dname_above(const mav_dns_msg *m, const uint8_t *name,
                       uint8_t *owner)
{
    mav_dns_iter it;
    mav_dns_rr rr;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_AN);
    while (mav_dns_iter_next(&it, &rr) > 0)
        if (rr.type == MAV_DNS_TYPE_DNAME && !mav_dns_name_eq(rr.owner, name) &&
            mav_dns_name_under(name, rr.owner)) {
            memcpy(owner, rr.owner, mav_dns_name_len(rr.owner));
            return 1;
        }
    return 0;
}

/*
 * Item number idx of lookup q, replaying its chain over the pinned
 * responses as the resolver walked it. Returns 1 with *it filled, 0 when
 * there are no more.
 */
static MAV_NOINLINE int get_item(mav_dns_ctx *r, const mav_dns_query *q,
                                 unsigned idx, item *it)
{
    uint8_t name[MAV_DNS_NAME_MAX];
    unsigned k, n = 0;

    memcpy(name, q->qname, q->qname_len);
    for (k = 0; k < q->npins; k++) {
        it->entry = q->pins[k];
        if (entry_msg(r, it->entry, &it->m) != MAV_OK)
            return 0;
        for (;;) {
            uint8_t target[MAV_DNS_NAME_MAX];
            uint16_t tlen;
            if (mav_dns_answer_has(&it->m, name, q->qtype, NULL, NULL)) {
                if (n++ != idx)
                    return 0;
                it->kind = ITEM_RRSET;
                memcpy(it->owner, name, mav_dns_name_len(name));
                it->type = q->qtype;
                return 1;
            }
            if (q->qtype == MAV_DNS_TYPE_CNAME ||
                !mav_dns_answer_has(&it->m, name, MAV_DNS_TYPE_CNAME,
                                    target, &tlen))
                break;
            if (n++ == idx) {
                it->kind = ITEM_RRSET;
                it->type = MAV_DNS_TYPE_CNAME;
                memcpy(it->owner, name, mav_dns_name_len(name));
                /* an unsigned CNAME synthesized from a DNAME: the DNAME
                 * RRset is what carries the signature */
                if (gather_sigs(r, &it->m, MAV_DNS_SEC_AN, name,
                                MAV_DNS_TYPE_CNAME) == 0 &&
                    dname_above(&it->m, name, it->owner))
                    it->type = MAV_DNS_TYPE_DNAME;
                return 1;
            }
            memcpy(name, target, tlen);
            mav_dns_name_lower(name);
        }
    }
    /* the chain ended without data: the last response denies it */
    if (q->res.status != MAV_DNS_NXDOMAIN && q->res.status != MAV_DNS_NODATA)
        return 0;
    if (n != idx)
        return 0;
    it->kind = ITEM_DENIAL;
    memcpy(it->owner, name, mav_dns_name_len(name));
    it->type = q->qtype;
    it->status = q->res.status;
    return 1;
}

/* What the item needs walked: the signer of its RRSIGs, or (none) its
 * owner, to see whether an unsigned cut lies above it. */
static MAV_NOINLINE void item_target(mav_dns_ctx *r, mav_dnssec_job *j,
                                     const item *it)
{
    unsigned nsigs = 0;

    if (it->kind == ITEM_RRSET) {
        nsigs = gather_sigs(r, &it->m, MAV_DNS_SEC_AN, it->owner, it->type);
    } else {
        /* the signer of the SOA or of any NSEC/NSEC3 of the authority */
        mav_dns_iter iter;
        mav_dns_rr rr;
        mav_dns_iter_init(&iter, &it->m, MAV_DNS_SEC_NS);
        while (!nsigs && mav_dns_iter_next(&iter, &rr) > 0)
            if (rr.type == MAV_DNS_TYPE_SOA || rr.type == MAV_DNS_TYPE_NSEC ||
                rr.type == MAV_DNS_TYPE_NSEC3)
                nsigs = gather_sigs(r, &it->m, MAV_DNS_SEC_NS, rr.owner,
                                    rr.type);
    }
    j->unsigned_item = !(nsigs && first_signer(r, nsigs, j->target));
    if (j->unsigned_item)
        memcpy(j->target, it->owner, mav_dns_name_len(it->owner));
    j->step = W_ANCHOR;
    j->ds_steps = 0;
}

/* With the signer zone's keys in hand, check the item itself. */
static MAV_NOINLINE void check_item(mav_dns_ctx *r, mav_dnssec_job *j,
                                    const item *it)
{
    mav_dnssec_reason why = MAV_DNSSEC_R_OK;
    mav_dnssec_verdict v;
    mav_dnssec_result res;
    mav_denial d;
    const uint8_t *zone = j->target;

    if (it->kind == ITEM_RRSET) {
        v = check_rrset(r, j, &it->m, MAV_DNS_SEC_AN, it->owner, it->type,
                        j->keys_e, zone, &why, &res);
        if (v == MAV_DNSSEC_SECURE && res.wildcard) {
            /* RFC 4035 §5.3.4: prove no closer name exists */
            v = check_denial_rrsets(r, j, &it->m, zone, &why);
            if (v == MAV_DNSSEC_SECURE) {
                mav_denial_wildcard_answer(&it->m, zone, it->owner,
                                           res.labels, &j->budget, &d);
                if (d.proof == MAV_DENIAL_INSECURE) {
                    v = MAV_DNSSEC_INSECURE;
                    why = MAV_DNSSEC_R_OPT_OUT;
                } else if (d.proof != MAV_DENIAL_NXDOMAIN) {
                    v = MAV_DNSSEC_BOGUS;
                    why = d.proof == MAV_DENIAL_LIMIT
                              ? MAV_DNSSEC_R_LIMIT_NSEC3
                              : MAV_DNSSEC_R_MISSING_DENIAL;
                }
            }
        }
        merge(j, v, why);
        return;
    }
    v = check_denial_rrsets(r, j, &it->m, zone, &why);
    if (v == MAV_DNSSEC_SECURE) {
        mav_denial_check(&it->m, zone, it->owner, it->type, &j->budget, &d);
        if (d.proof == MAV_DENIAL_INSECURE) {
            v = MAV_DNSSEC_INSECURE;
            why = d.optout ? MAV_DNSSEC_R_OPT_OUT
                           : MAV_DNSSEC_R_NSEC3_ITERATIONS;
        } else if (d.proof == MAV_DENIAL_LIMIT) {
            v = MAV_DNSSEC_BOGUS;
            why = MAV_DNSSEC_R_LIMIT_NSEC3;
        } else if (!((it->status == MAV_DNS_NXDOMAIN &&
                      d.proof == MAV_DENIAL_NXDOMAIN) ||
                     (it->status == MAV_DNS_NODATA &&
                      d.proof == MAV_DENIAL_NODATA))) {
            v = MAV_DNSSEC_BOGUS;
            why = MAV_DNSSEC_R_MISSING_DENIAL;
        }
    }
    merge(j, v, why);
}

/* ---- jobs --------------------------------------------------------------- */

static void job_release(mav_dns_ctx *r, mav_dnssec_job *j)
{
    if (j->sub)
        mav_dns_release(r, j->sub);
    j->sub = 0;
    unpin(r, &j->keys_e);
    unpin(r, &j->ds_e);
    j->state = J_FREE;
}

static void job_finish(mav_dns_ctx *r, mav_dnssec_job *j)
{
    mav_dns_query *q = &r->q[j->query];
    unsigned k;

    q->res.dnssec = (mav_dnssec_verdict)j->verdict;
    q->res.reason = (mav_dnssec_reason)j->reason;
    for (k = 0; k < q->npins; k++)
        if (mav_cache_dnssec(r, q->pins[k]) == MAV_DNSSEC_UNCHECKED)
            mav_cache_set_dnssec(r, q->pins[k], q->res.dnssec, q->res.reason,
                                 mav_cache_aux(r, q->pins[k]));
    mav_dns_query_validated(r, q);
    job_release(r, j);
}

/* Run a job until it waits for the network or is done. */
static void job_run(mav_dns_ctx *r, mav_dnssec_job *j)
{
    mav_dns_query *q = &r->q[j->query];

    /* The item lives in the resolver, not on the stack that the
     * signature checks run on: jobs run one at a time, and each round
     * reads its item afresh. */
    item *it = &r->vitem;

    for (;;) {
        mav_dnssec_verdict v;
        mav_dnssec_reason why;

        if (!get_item(r, q, j->item, it)) {
            job_finish(r, j);
            return;
        }
        if (j->state == J_ITEM) {
            item_target(r, j, it);
            j->state = J_WALK;
        }
        if (walk(r, j, &v, &why) == WALK_NEED)
            return;
        if (j->unsigned_item) {
            /* no RRSIG: acceptable only under an unsigned cut */
            if (v == MAV_DNSSEC_SECURE)
                merge(j, MAV_DNSSEC_BOGUS,
                      it->kind == ITEM_RRSET ? MAV_DNSSEC_R_MISSING_RRSIG
                                            : MAV_DNSSEC_R_MISSING_DENIAL);
            else
                merge(j, v, why);
        } else if (v == MAV_DNSSEC_SECURE) {
            check_item(r, j, it);
        } else {
            merge(j, v, why);
        }
        /* a bogus item settles the verdict: skip the rest */
        if (j->verdict == MAV_DNSSEC_BOGUS) {
            job_finish(r, j);
            return;
        }
        j->item++;
        j->state = J_ITEM;
    }
}

/* see mav_internal.h */
int mav_validate_begin(mav_dns_ctx *r, mav_dns_query *q)
{
    unsigned k, worst = 0;
    mav_dnssec_verdict v = MAV_DNSSEC_SECURE;
    mav_dnssec_reason why = MAV_DNSSEC_R_OK;

    if (!r->validate || q->raw ||
        (q->res.status != MAV_DNS_ANSWER && q->res.status != MAV_DNS_NXDOMAIN &&
         q->res.status != MAV_DNS_NODATA))
        return 1;
    /* validated before: the weakest verdict of the chain's responses */
    for (k = 0; k < q->npins; k++) {
        mav_dnssec_verdict e = mav_cache_dnssec(r, q->pins[k]);
        if (e == MAV_DNSSEC_UNCHECKED)
            break;
        if ((unsigned)weakness(e) > worst || k == 0) {
            worst = (unsigned)weakness(e);
            v = e;
            why = (mav_dnssec_reason)mav_cache_reason(r, q->pins[k]);
        }
    }
    if (q->npins > 0 && k == q->npins) {
        q->res.dnssec = v;
        q->res.reason = why;
        return 1;
    }
    mav_dns_query_await_validation(r, q);
    return 0;
}

static int job_of(const mav_dns_ctx *r, const mav_dns_query *q)
{
    unsigned i;

    for (i = 0; i < MAV_CFG_DNSSEC_JOBS; i++)
        if (r->jobs[i].state != J_FREE &&
            &r->q[r->jobs[i].query] == q)
            return (int)i;
    return -1;
}

/* see mav_internal.h */
void mav_validate_pump(mav_dns_ctx *r)
{
    unsigned i, k;
    int progress = 1;

    while (progress) {
        progress = 0;
        /* give free jobs to lookups waiting for one */
        for (i = 0; i < MAV_CFG_DNSSEC_JOBS; i++) {
            mav_dnssec_job *j = &r->jobs[i];
            if (j->state != J_FREE)
                continue;
            for (k = 0; k < MAV_CFG_DNS_QUERIES; k++) {
                mav_dns_query *q = &r->q[k];
                if (!mav_dns_query_awaits_validation(q) || job_of(r, q) >= 0)
                    continue;
                memset(j, 0, sizeof *j);
                j->keys_e = j->ds_e = -1;
                j->state = J_ITEM;
                j->query = (uint8_t)k;
                j->verdict = MAV_DNSSEC_SECURE;
                j->now = r->port.unix_time ? r->port.unix_time(r->port.user)
                                           : MAV_PORT_TIME_UNKNOWN;
                mav_dnssec_budget_init(&j->budget);
                r->stats.validations++;
                break;
            }
        }
        /* run every job that can move: a new one, or one whose lookup
         * has finished */
        for (i = 0; i < MAV_CFG_DNSSEC_JOBS; i++) {
            mav_dnssec_job *j = &r->jobs[i];
            if (j->state == J_FREE)
                continue;
            if (j->sub &&
                mav_dns_query_status(r, j->sub) == MAV_DNS_PENDING)
                continue;
            job_run(r, j);
            progress = 1;
        }
    }
}

/* see mav_internal.h */
void mav_validate_cancel(mav_dns_ctx *r, mav_dns_query *q)
{
    int i = job_of(r, q);

    if (i >= 0)
        job_release(r, &r->jobs[i]);
}

#else /* !MAV_CFG_DNSSEC */

/* see mav_dns.h */
int mav_dns_set_trust_anchors(mav_dns_ctx *r, const mav_dns_anchor *a,
                              unsigned n)
{
    (void)r;
    (void)a;
    return n ? MAV_ERR_UNSUPPORTED : MAV_OK;
}

/* see mav_dns.h */
int mav_dns_add_trust_anchor(mav_dns_ctx *r, const mav_dns_anchor *a)
{
    (void)r;
    (void)a;
    return MAV_ERR_UNSUPPORTED;
}

void mav_validate_init(mav_dns_ctx *r)
{
    (void)r;
}

int mav_validate_begin(mav_dns_ctx *r, mav_dns_query *q)
{
    (void)r;
    (void)q;
    return 1;
}

void mav_validate_pump(mav_dns_ctx *r)
{
    (void)r;
}

void mav_validate_cancel(mav_dns_ctx *r, mav_dns_query *q)
{
    (void)r;
    (void)q;
}

#endif /* MAV_CFG_DNSSEC */
