/* SPDX-License-Identifier: MIT */
/*
 * dnssec_denial.c - authenticated denial of existence: what the NSEC
 * (RFC 4035 §5.4, RFC 6840 §4) or NSEC3 (RFC 5155 §8) records of a
 * response prove about a question.
 *
 * The validator checks the signatures of every NSEC/NSEC3 RRset first;
 * the functions here then read those records from the response's
 * authority section and decide: the name does not exist (and no
 * wildcard could have produced it), the name exists without the type,
 * the name is an unsigned delegation (no DS), or an NSEC3 opt-out span
 * covers it, which proves nothing securely (RFC 5155 §9.2: insecure).
 * Records are read in place; NSEC3 hashing is bounded by the caller's
 * budget (CVE-2023-50868).
 */
#include <string.h>

#include "mav_dnssec_denial.h"

/* ---- NSEC (RFC 4034 §4, RFC 4035 §5.4, RFC 6840 §4) ------------------- */

/* Does the NSEC span (owner, next) cover name: owner < name < next in
 * canonical order, the last NSEC of a zone wrapping to the apex? */
static int nsec_covers(const uint8_t *owner, const uint8_t *next,
                       const uint8_t *name)
{
    int after_owner = mav_dns_name_cmp(owner, name) < 0;

    if (mav_dns_name_cmp(owner, next) < 0)
        return after_owner && mav_dns_name_cmp(name, next) < 0;
    /* last NSEC of the zone: next is the apex (or anything before owner) */
    return after_owner || mav_dns_name_cmp(name, next) < 0;
}

/* The longest name that is an ancestor of (or equal to) both a and b. */
static const uint8_t *common_ancestor(const uint8_t *a, const uint8_t *b)
{
    unsigned la = mav_dns_name_labels(a), lb = mav_dns_name_labels(b);
    const uint8_t *x = mav_dns_name_strip(a, la > lb ? la - lb : 0);
    const uint8_t *y = mav_dns_name_strip(b, lb > la ? lb - la : 0);

    while (!mav_dns_name_eq(x, y)) {
        x = mav_dns_name_strip(x, 1);
        y = mav_dns_name_strip(y, 1);
    }
    return x;
}

/* "*." + name, into out (MAV_DNS_NAME_MAX); 0, or -1 if too long. */
static int wildcard_of(const uint8_t *name, uint8_t *out)
{
    size_t n = mav_dns_name_len(name);

    if (n + 2 > MAV_DNS_NAME_MAX)
        return -1;
    out[0] = 1;
    out[1] = '*';
    memcpy(out + 2, name, n);
    return 0;
}

typedef struct {
    mav_dns_rr rr;
    mav_dns_rdata rd;
} nsec_view;

/* Walk the NSECs of the authority section that belong to zone. */
static int next_nsec(mav_dns_iter *it, const mav_dns_msg *m,
                     const uint8_t *zone, nsec_view *v)
{
    while (mav_dns_iter_next(it, &v->rr) > 0) {
        if (v->rr.type != MAV_DNS_TYPE_NSEC ||
            !mav_dns_name_under(v->rr.owner, zone) ||
            mav_dns_rr_rdata(m, &v->rr, &v->rd) != MAV_OK)
            continue;
        return 1;
    }
    return 0;
}

static int has_type(const nsec_view *v, uint16_t t)
{
    return mav_dns_bitmap_has(v->rd.u.nsec.types, v->rd.u.nsec.types_len, t);
}

/*
 * An NSEC from the parent side of a zone cut (NS set, SOA clear), or one
 * at a DNAME, says nothing about names below it (RFC 6840 §4.1): such a
 * record must not be used to deny a name under its owner.
 */
static int ancestor_cut(const nsec_view *v, const uint8_t *name)
{
    if (mav_dns_name_eq(v->rr.owner, name) ||
        !mav_dns_name_under(name, v->rr.owner))
        return 0;
    return (has_type(v, MAV_DNS_TYPE_NS) && !has_type(v, MAV_DNS_TYPE_SOA)) ||
           has_type(v, MAV_DNS_TYPE_DNAME);
}

/* Find the NSEC that covers name; its closest encloser into *ce, and
 * whether it shows name to be an empty non-terminal into *ent. */
static int nsec_find_cover(const mav_dns_msg *m, const uint8_t *zone,
                           const uint8_t *name, const uint8_t **ce,
                           uint8_t *ce_buf, int *ent)
{
    mav_dns_iter it;
    nsec_view v;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_NS);
    while (next_nsec(&it, m, zone, &v)) {
        const uint8_t *a, *b;
        if (!nsec_covers(v.rr.owner, v.rd.u.nsec.next, name) ||
            ancestor_cut(&v, name))
            continue;
        /* RFC 4035 §5.4, RFC 4592 §2.2.2: a next name below name means
         * name has descendants but no NSEC of its own: it exists, as an
         * empty non-terminal, with no RRset of any type. */
        if (ent)
            *ent = mav_dns_name_under(v.rd.u.nsec.next, name) &&
                   !mav_dns_name_eq(v.rd.u.nsec.next, name);
        /* RFC 6840 §4.1 (and 4035 §5.4): the closest encloser is the
         * longer common ancestor of name with the owner or the next. */
        a = common_ancestor(name, v.rr.owner);
        b = common_ancestor(name, v.rd.u.nsec.next);
        if (ce) {
            const uint8_t *best = mav_dns_name_labels(a) >=
                                          mav_dns_name_labels(b)
                                      ? a
                                      : b;
            memcpy(ce_buf, best, mav_dns_name_len(best));
            *ce = ce_buf;
        }
        return 1;
    }
    return 0;
}

/* The NSEC whose owner is exactly name, if any. */
static int nsec_find_match(const mav_dns_msg *m, const uint8_t *zone,
                           const uint8_t *name, nsec_view *out)
{
    mav_dns_iter it;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_NS);
    while (next_nsec(&it, m, zone, out))
        if (mav_dns_name_eq(out->rr.owner, name))
            return 1;
    return 0;
}

/* NODATA at an existing name: the type (and CNAME) absent from its
 * bitmap (RFC 4035 §5.4). A parent-side NSEC (NS without SOA) denies
 * only DS (RFC 6840 §4.4); for DS, the child apex's NSEC (SOA set) must
 * not be used (it speaks for the wrong side of the cut). */
static int nsec_nodata_at(const nsec_view *v, uint16_t qtype,
                          mav_denial *d)
{
    int ns = has_type(v, MAV_DNS_TYPE_NS), soa = has_type(v, MAV_DNS_TYPE_SOA);

    if (has_type(v, qtype) || has_type(v, MAV_DNS_TYPE_CNAME))
        return 0;
    if (qtype == MAV_DNS_TYPE_DS) {
        if (soa && v->rr.owner[0] != 0)
            return 0;
        d->delegation = ns && !soa;
    } else if (ns && !soa) {
        return 0;
    }
    return 1;
}

static void nsec_check(const mav_dns_msg *m, const uint8_t *zone,
                       const uint8_t *qname, uint16_t qtype, mav_denial *d)
{
    uint8_t ce_buf[MAV_DNS_NAME_MAX], wild[MAV_DNS_NAME_MAX];
    const uint8_t *ce = NULL;
    nsec_view v;
    int ent = 0;

    if (nsec_find_match(m, zone, qname, &v)) {
        if (nsec_nodata_at(&v, qtype, d))
            d->proof = MAV_DENIAL_NODATA;
        return;
    }
    if (!nsec_find_cover(m, zone, qname, &ce, ce_buf, &ent))
        return;
    if (ent) {
        /* An empty non-terminal: NODATA for every type, DS included
         * (no zone cut without an NS RRset, hence an NSEC, at the name).
         * It exists, so no wildcard could answer for it, and the same
         * NSEC must never pass as proof of NXDOMAIN. */
        d->proof = MAV_DENIAL_NODATA;
        return;
    }
    if (wildcard_of(ce, wild) != 0)
        return;
    /* The name does not exist; what about the wildcard at its closest
     * encloser (RFC 4035 §5.4 bullet 2, RFC 4592 §4)? */
    if (nsec_find_match(m, zone, wild, &v)) {
        if (nsec_nodata_at(&v, qtype, d)) {
            d->proof = MAV_DENIAL_NODATA;
            d->wildcard = 1;
        }
        return;
    }
    if (nsec_find_cover(m, zone, wild, NULL, NULL, NULL))
        d->proof = MAV_DENIAL_NXDOMAIN;
}

/* ---- NSEC3 (RFC 5155 §8) ---------------------------------------------- */

/* One NSEC3 as read. owner_hash holds its owner's first label decoded
 * from base32hex: a label of at most 63 characters is 39 bytes, and only
 * a 20-byte SHA-1 hash is ever used. One view serves a whole check
 * (nsec3_check): about 870 bytes of stack on a 32-bit CPU each. */
typedef struct {
    mav_dns_rr rr;
    mav_dns_rdata rd;
    uint8_t owner_hash[40];
    size_t owner_hash_len;
} nsec3_view;

/* The zone's NSEC3 parameters: every NSEC3 used must share them and the
 * algorithm must be SHA-1 (RFC 5155 §8.2: ignore others). */
typedef struct {
    uint8_t alg;
    uint16_t iterations;
    const uint8_t *salt;
    uint8_t salt_len;
    int set;
} nsec3_params;

static int next_nsec3(mav_dns_iter *it, const mav_dns_msg *m,
                      const uint8_t *zone, const nsec3_params *p,
                      nsec3_view *v)
{
    while (mav_dns_iter_next(it, &v->rr) > 0) {
        if (v->rr.type != MAV_DNS_TYPE_NSEC3 ||
            mav_dns_name_labels(v->rr.owner) !=
                mav_dns_name_labels(zone) + 1 ||
            !mav_dns_name_under(v->rr.owner, zone) ||
            mav_dns_rr_rdata(m, &v->rr, &v->rd) != MAV_OK)
            continue;
        if (v->rd.u.nsec3.hash_alg != p->alg ||
            v->rd.u.nsec3.iterations != p->iterations ||
            v->rd.u.nsec3.salt_len != p->salt_len ||
            memcmp(v->rd.u.nsec3.salt, p->salt, p->salt_len) != 0)
            continue;
        /* the owner's first label is the base32hex hash */
        if (mav_dnssec_nsec3_owner_hash(v->rr.owner, v->owner_hash,
                                        sizeof v->owner_hash,
                                        &v->owner_hash_len) != MAV_OK ||
            v->owner_hash_len != MAV_NSEC3_HASH_LEN ||
            v->rd.u.nsec3.next_len != MAV_NSEC3_HASH_LEN)
            continue;
        return 1;
    }
    return 0;
}

/* Hash name with the zone's parameters, within the budget. */
static int hash_name(const nsec3_params *p, const uint8_t *name,
                     mav_dnssec_budget *b, uint8_t *out)
{
    return mav_dnssec_nsec3_hash(name, p->alg, p->iterations, p->salt,
                                 p->salt_len, b, out) == MAV_OK
               ? 0
               : -1;
}

/* The NSEC3 matching (match=1) or covering (match=0) a hash. */
static int nsec3_find(const mav_dns_msg *m, const uint8_t *zone,
                      const nsec3_params *p, const uint8_t *h, int match,
                      nsec3_view *v)
{
    mav_dns_iter it;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_NS);
    while (next_nsec3(&it, m, zone, p, v)) {
        size_t n = v->owner_hash_len;
        if (match ? memcmp(v->owner_hash, h, n) == 0
                  : mav_dnssec_nsec3_covers(v->owner_hash, v->rd.u.nsec3.next,
                                            h, n))
            return 1;
    }
    return 0;
}

static int nsec3_has_type(const nsec3_view *v, uint16_t t)
{
    return mav_dns_bitmap_has(v->rd.u.nsec3.types, v->rd.u.nsec3.types_len,
                              t);
}

/*
 * RFC 5155 §8.3: the closest provable encloser of qname and the NSEC3
 * covering the next closer name. Walks up from qname; returns 1 with ce
 * (a suffix of qname) and the covering view, 0 when no proof, -1 when
 * the hash budget ran out.
 */
static int closest_encloser(const mav_dns_msg *m, const uint8_t *zone,
                            const nsec3_params *p, const uint8_t *qname,
                            mav_dnssec_budget *b, const uint8_t **ce_out,
                            nsec3_view *cover)
{
    uint8_t h[MAV_NSEC3_HASH_LEN];
    unsigned ql = mav_dns_name_labels(qname), zl = mav_dns_name_labels(zone);
    unsigned strip;
    nsec3_view *v = cover; /* the match, until the cover replaces it */

    for (strip = 1; strip <= ql - zl; strip++) {
        const uint8_t *ce = mav_dns_name_strip(qname, strip);
        const uint8_t *next_closer = mav_dns_name_strip(qname, strip - 1);
        if (hash_name(p, ce, b, h) != 0)
            return -1;
        if (!nsec3_find(m, zone, p, h, 1, v))
            continue;
        /* RFC 5155 §8.3: a matching NSEC3 with NS but no SOA (a
         * delegation) or with DNAME cannot be a closest encloser. */
        if ((nsec3_has_type(v, MAV_DNS_TYPE_NS) &&
             !nsec3_has_type(v, MAV_DNS_TYPE_SOA)) ||
            nsec3_has_type(v, MAV_DNS_TYPE_DNAME))
            return 0;
        if (hash_name(p, next_closer, b, h) != 0)
            return -1;
        if (!nsec3_find(m, zone, p, h, 0, cover))
            return 0;
        *ce_out = ce;
        return 1;
    }
    return 0;
}

static int nsec3_pick_params(const mav_dns_msg *m, const uint8_t *zone,
                             nsec3_params *p)
{
    mav_dns_iter it;
    mav_dns_rr rr;
    mav_dns_rdata rd;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_NS);
    while (mav_dns_iter_next(&it, &rr) > 0) {
        if (rr.type != MAV_DNS_TYPE_NSEC3 ||
            !mav_dns_name_under(rr.owner, zone) ||
            mav_dns_rr_rdata(m, &rr, &rd) != MAV_OK ||
            rd.u.nsec3.hash_alg != MAV_NSEC3_HASH_SHA1) /* RFC 5155 §11 */
            continue;
        p->alg = rd.u.nsec3.hash_alg;
        p->iterations = rd.u.nsec3.iterations;
        p->salt = rd.u.nsec3.salt;
        p->salt_len = rd.u.nsec3.salt_len;
        p->set = 1;
        return 1;
    }
    return 0;
}

static void nsec3_check(const mav_dns_msg *m, const uint8_t *zone,
                        const uint8_t *qname, uint16_t qtype,
                        mav_dnssec_budget *b, mav_denial *d)
{
    uint8_t h[MAV_NSEC3_HASH_LEN], wild[MAV_DNS_NAME_MAX];
    const uint8_t *ce = NULL;
    nsec3_params p;
    nsec3_view v; /* each NSEC3 looked at in turn */
    int rc;

    memset(&p, 0, sizeof p);
    if (!nsec3_pick_params(m, zone, &p))
        return;
    d->nsec3 = 1;
    /* RFC 9276 §3.2: too many iterations: treat the zone as unsigned. */
    if (!mav_dnssec_nsec3_iterations_ok(p.iterations)) {
        d->proof = MAV_DENIAL_INSECURE;
        d->too_many_iterations = 1;
        return;
    }
    if (hash_name(&p, qname, b, h) != 0)
        goto limit;
    if (nsec3_find(m, zone, &p, h, 1, &v)) {
        /* RFC 5155 §8.5 / §8.6: NODATA at an existing name. */
        int ns = nsec3_has_type(&v, MAV_DNS_TYPE_NS);
        int soa = nsec3_has_type(&v, MAV_DNS_TYPE_SOA);
        if (nsec3_has_type(&v, qtype) ||
            nsec3_has_type(&v, MAV_DNS_TYPE_CNAME))
            return;
        if (qtype == MAV_DNS_TYPE_DS) {
            if (soa && qname[0] != 0)
                return; /* child apex: wrong side of the cut */
            d->delegation = ns && !soa;
        } else if (ns && !soa) {
            return;
        }
        d->proof = MAV_DENIAL_NODATA;
        return;
    }
    rc = closest_encloser(m, zone, &p, qname, b, &ce, &v);
    if (rc < 0)
        goto limit;
    if (rc == 0)
        return;
    /* RFC 5155 §8.6 / §9.2: an opt-out span over the next closer name (v
     * covers it) may hide an unsigned delegation: nothing is proven
     * securely. */
    if (v.rd.u.nsec3.flags & MAV_NSEC3_FLAG_OPT_OUT) {
        d->proof = MAV_DENIAL_INSECURE;
        d->optout = 1;
        return;
    }
    if (wildcard_of(ce, wild) != 0)
        return;
    if (hash_name(&p, wild, b, h) != 0)
        goto limit;
    if (nsec3_find(m, zone, &p, h, 1, &v)) {
        /* §8.7: wildcard NODATA */
        if (!nsec3_has_type(&v, qtype) &&
            !nsec3_has_type(&v, MAV_DNS_TYPE_CNAME)) {
            d->proof = MAV_DENIAL_NODATA;
            d->wildcard = 1;
        }
        return;
    }
    if (nsec3_find(m, zone, &p, h, 0, &v)) /* §8.4 */
        d->proof = MAV_DENIAL_NXDOMAIN;
    return;
limit:
    d->proof = MAV_DENIAL_LIMIT;
}

/* see mav_dnssec_denial.h */
int mav_denial_check(const mav_dns_msg *m, const uint8_t *zone,
                     const uint8_t *qname, uint16_t qtype,
                     mav_dnssec_budget *b, mav_denial *d)
{
    if (m == NULL || zone == NULL || qname == NULL || b == NULL || d == NULL)
        return MAV_ERR_ARG;
    memset(d, 0, sizeof *d);
    if (!mav_dns_name_under(qname, zone))
        return MAV_OK;
    nsec_check(m, zone, qname, qtype, d);
    if (d->proof == MAV_DENIAL_NONE)
        nsec3_check(m, zone, qname, qtype, b, d);
    return MAV_OK;
}

/* see mav_dnssec_denial.h */
int mav_denial_wildcard_answer(const mav_dns_msg *m, const uint8_t *zone,
                               const uint8_t *qname, unsigned sig_labels,
                               mav_dnssec_budget *b, mav_denial *d)
{
    unsigned ql;
    const uint8_t *next_closer;
    uint8_t h[MAV_NSEC3_HASH_LEN];
    nsec3_params p;
    nsec3_view v;

    if (m == NULL || zone == NULL || qname == NULL || b == NULL || d == NULL)
        return MAV_ERR_ARG;
    memset(d, 0, sizeof *d);
    ql = mav_dns_name_labels(qname);
    if (sig_labels >= ql)
        return MAV_ERR_ARG;
    /* RFC 4035 §5.3.4, RFC 5155 §8.8: the name one label longer than the
     * wildcard's parent (the "next closer") must not exist. */
    next_closer = mav_dns_name_strip(qname, ql - sig_labels - 1);
    {
        /* NSEC: qname is covered, and the closest encloser that cover
         * implies is the wildcard's parent (so no closer name exists,
         * not even an empty non-terminal). */
        uint8_t ce_buf[MAV_DNS_NAME_MAX];
        const uint8_t *ce = NULL;
        if (nsec_find_cover(m, zone, qname, &ce, ce_buf, NULL) &&
            mav_dns_name_labels(ce) == sig_labels) {
            d->proof = MAV_DENIAL_NXDOMAIN;
            d->wildcard = 1;
            return MAV_OK;
        }
    }
    memset(&p, 0, sizeof p);
    if (!nsec3_pick_params(m, zone, &p))
        return MAV_OK;
    d->nsec3 = 1;
    if (!mav_dnssec_nsec3_iterations_ok(p.iterations)) {
        d->proof = MAV_DENIAL_INSECURE;
        d->too_many_iterations = 1;
        return MAV_OK;
    }
    if (hash_name(&p, next_closer, b, h) != 0) {
        d->proof = MAV_DENIAL_LIMIT;
        return MAV_OK;
    }
    if (nsec3_find(m, zone, &p, h, 0, &v)) {
        d->proof = (v.rd.u.nsec3.flags & MAV_NSEC3_FLAG_OPT_OUT)
                       ? MAV_DENIAL_INSECURE
                       : MAV_DENIAL_NXDOMAIN;
        d->optout = (v.rd.u.nsec3.flags & MAV_NSEC3_FLAG_OPT_OUT) != 0;
        d->wildcard = 1;
    }
    return MAV_OK;
}
