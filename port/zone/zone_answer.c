/* SPDX-License-Identifier: MIT */
/*
 * zone_answer.c - the authoritative server of the zone port: from a
 * query message to a response message, as RFC 1034 §4.3.2 describes the
 * lookup in an authoritative zone, with DNAME (RFC 6672 §3.2) before the
 * exact match, CNAMEs followed inside the zone (the client asks for the
 * rest), wildcards by the closest-encloser rule (RFC 4592 §3.3.1), empty
 * non-terminals as existing names (RFC 4592 §2.2.2), negative answers
 * with the zone's SOA at TTL min(TTL, MINIMUM) (RFC 2308 §3), EDNS0
 * (RFC 6891 §6.1.1: OPT echoed, BADVERS for version > 0) and the DO bit
 * (RFC 3225, RFC 4035 §3.1: RRSIGs with the answer). Owner names are
 * compressed against the question (RFC 1035 §4.1.4); RDATA is written
 * uncompressed. Nothing is indexed: each step is one scan of the text.
 */
#include <string.h>

#include "zone_internal.h"

/* ---- writing -------------------------------------------------------- */

static void put(zone_answer *a, const void *p, size_t n)
{
    if (a->over || n > a->cap - a->len) {
        a->over = 1;
        return;
    }
    memcpy(a->msg + a->len, p, n);
    a->len += n;
}

static void put16(zone_answer *a, uint32_t v)
{
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    put(a, b, 2);
}

static void put32(zone_answer *a, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16),
                    (uint8_t)(v >> 8), (uint8_t)v};
    put(a, b, 4);
}

/* An owner name: its longest suffix that is also a suffix of the
 * question name becomes a pointer to it (RFC 1035 §4.1.4). */
static void put_owner(zone_answer *a, const uint8_t *name)
{
    const uint8_t *q = a->msg + MAV_DNS_HDR_LEN;
    unsigned nl = mav_dns_name_labels(name), ql = mav_dns_name_labels(q);
    unsigned i;

    for (i = 0; i < nl; i++) {
        const uint8_t *s = mav_dns_name_strip(name, i);
        unsigned sl = nl - i;
        if (sl <= ql) {
            const uint8_t *qs = mav_dns_name_strip(q, ql - sl);
            if (mav_dns_name_eq(s, qs)) {
                uint32_t ptr = 0xc000u | (uint32_t)(qs - a->msg);
                put(a, name, (size_t)(s - name));
                put16(a, ptr);
                return;
            }
        }
    }
    put(a, name, mav_dns_name_len(name));
}

/* One RR; all of it or nothing (then a->over is set). */
static void put_rr(zone_answer *a, unsigned section, const uint8_t *owner,
                   uint16_t type, uint16_t rclass, uint32_t ttl,
                   const uint8_t *rdata, uint16_t rdlen)
{
    size_t start = a->len;

    put_owner(a, owner);
    put16(a, type);
    put16(a, rclass);
    put32(a, ttl);
    put16(a, rdlen);
    put(a, rdata, rdlen);
    if (a->over) {
        a->len = start;
        return;
    }
    if (section == MAV_DNS_SEC_AN)
        a->an++;
    else
        a->ns++;
}

/* ---- scanning the zone ---------------------------------------------- */

/* see zone_internal.h */
int mav_zone_scan(zone_answer *a,
                  int (*fn)(zone_answer *a, const mav_zone_rr *rr,
                            void *arg),
                  void *arg)
{
    mav_zone_port *zp = a->zp;
    const mav_zone *z = a->z;
    int rc;

    mav_zone_reader_init(&zp->rd, z->text, z->len,
                         z->has_origin ? z->origin : NULL);
    while ((rc = mav_zone_read(&zp->rd, &zp->rr, NULL)) > 0) {
        if (zp->rr.rclass != z->rclass ||
            !mav_dns_name_under(zp->rr.owner, z->apex))
            continue; /* out of zone: ignored (RFC 1035 §5.2) */
        if (fn(a, &zp->rr, arg))
            return MAV_OK;
    }
    return rc;
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | p[3];
}

typedef struct {
    const uint8_t *owner, *as_owner;
    uint16_t type, covered;
    uint32_t ttl_cap;
    unsigned section;
    int count;
} emit_arg;

static int emit_fn(zone_answer *a, const mav_zone_rr *rr, void *arg)
{
    emit_arg *e = arg;

    if (!mav_dns_name_eq(rr->owner, e->owner))
        return 0;
    if (e->type != MAV_DNS_TYPE_ANY && rr->type != e->type)
        return 0;
    if (e->covered && (rr->rdlen < 2 || get16(rr->rdata) != e->covered))
        return 0;
    put_rr(a, e->section, e->as_owner ? e->as_owner : rr->owner, rr->type,
           rr->rclass, rr->ttl < e->ttl_cap ? rr->ttl : e->ttl_cap,
           rr->rdata, rr->rdlen);
    e->count++;
    return 0;
}

/* see zone_internal.h */
int mav_zone_emit(zone_answer *a, const uint8_t *owner, uint16_t type,
                  uint16_t covered, const uint8_t *as_owner,
                  uint32_t ttl_cap, unsigned section)
{
    emit_arg e = {owner, as_owner, type, covered, ttl_cap, section, 0};
    int rc = mav_zone_scan(a, emit_fn, &e);

    return rc < 0 ? rc : e.count;
}

/* An RRset and, with DO, its signatures (RFC 4035 §3.1.1). */
static int emit_set(zone_answer *a, const uint8_t *owner, uint16_t type,
                    const uint8_t *as_owner, unsigned section)
{
    int n = mav_zone_emit(a, owner, type, 0, as_owner, UINT32_MAX, section);

    if (n > 0 && a->dnssec && type != MAV_DNS_TYPE_RRSIG &&
        type != MAV_DNS_TYPE_ANY)
        (void)mav_zone_emit(a, owner, MAV_DNS_TYPE_RRSIG, type, as_owner,
                            UINT32_MAX, section);
    return n;
}

/* Does the message hold name as the owner of an RR in [from, len), or
 * (proofs) at one of the recorded offsets? Names are read back through
 * their compression pointers. */
static int owner_at(const zone_answer *a, size_t off, const uint8_t *name)
{
    uint8_t got[MAV_DNS_NAME_MAX];
    mav_cur c;

    mav_cur_init(&c, a->msg, a->len);
    c.off = off;
    return mav_dns_name_get(&c, 1, got, NULL, NULL) == MAV_OK &&
           mav_dns_name_eq(got, name);
}

/* see zone_internal.h */
int mav_zone_proved(const zone_answer *a, const uint8_t *name)
{
    unsigned i;

    for (i = 0; i < a->nproofs; i++)
        if (owner_at(a, a->proof_off[i], name))
            return 1;
    return 0;
}

/* 1 if name already owns an RR of the answer section (a CNAME loop). */
static int answered(const zone_answer *a, const uint8_t *name)
{
    mav_cur c;
    unsigned i;

    mav_cur_init(&c, a->msg, a->len);
    c.off = a->an_start;
    for (i = 0; i < a->an; i++) {
        uint16_t rdlen;
        if (owner_at(a, c.off, name))
            return 1;
        if (mav_dns_name_get(&c, 1, NULL, NULL, NULL) != MAV_OK ||
            mav_cur_skip(&c, 8) != MAV_OK ||
            mav_cur_u16be(&c, &rdlen) != MAV_OK ||
            mav_cur_skip(&c, rdlen) != MAV_OK)
            return 0;
    }
    return 0;
}

/* ---- what the zone holds at a name ---------------------------------- */

typedef struct {
    const uint8_t *name;
    uint16_t qtype;
    uint8_t owns;     /* name owns an RR */
    uint8_t below;    /* an owner lies below name: it exists (ENT) */
    uint8_t has_type; /* name owns an RRset of qtype */
    uint8_t cname;    /* name owns a CNAME */
    unsigned shared;  /* most rightmost labels shared with an owner */
    uint8_t target[MAV_DNS_NAME_MAX]; /* the CNAME's target */
} probe;

/* Rightmost labels a and b have in common. */
static unsigned common_labels(const uint8_t *a, const uint8_t *b)
{
    unsigned la = mav_dns_name_labels(a), lb = mav_dns_name_labels(b);
    unsigned k = la < lb ? la : lb;

    for (; k > 0; k--)
        if (mav_dns_name_eq(mav_dns_name_strip(a, la - k),
                            mav_dns_name_strip(b, lb - k)))
            return k;
    return 0;
}

static int probe_fn(zone_answer *a, const mav_zone_rr *rr, void *arg)
{
    probe *p = arg;
    unsigned k;

    (void)a;
    if (mav_dns_name_eq(rr->owner, p->name)) {
        p->owns = 1;
        if (p->qtype == MAV_DNS_TYPE_ANY || rr->type == p->qtype)
            p->has_type = 1;
        if (rr->type == MAV_DNS_TYPE_CNAME && !p->cname) {
            p->cname = 1;
            memcpy(p->target, rr->rdata, rr->rdlen);
        }
        p->shared = mav_dns_name_labels(p->name);
        return 0;
    }
    if (mav_dns_name_under(rr->owner, p->name))
        p->below = 1;
    k = common_labels(rr->owner, p->name);
    if (k > p->shared)
        p->shared = k;
    return 0;
}

static int do_probe(zone_answer *a, const uint8_t *name, uint16_t qtype,
                    probe *p)
{
    memset(p, 0, sizeof *p);
    p->name = name;
    p->qtype = qtype;
    return mav_zone_scan(a, probe_fn, p);
}

/* A DNAME at a proper ancestor of name (RFC 6672 §3.2); the one nearest
 * the apex wins, as the tree walk from the apex would meet it first. */
typedef struct {
    const uint8_t *name;
    uint8_t found;
    uint8_t owner[MAV_DNS_NAME_MAX];
    uint8_t target[MAV_DNS_NAME_MAX];
    uint32_t ttl;
} dname_arg;

static int dname_fn(zone_answer *a, const mav_zone_rr *rr, void *arg)
{
    dname_arg *d = arg;

    (void)a;
    if (rr->type != MAV_DNS_TYPE_DNAME ||
        !mav_dns_name_under(d->name, rr->owner) ||
        mav_dns_name_eq(d->name, rr->owner))
        return 0;
    if (d->found && mav_dns_name_labels(rr->owner) >=
                        mav_dns_name_labels(d->owner))
        return 0;
    d->found = 1;
    memcpy(d->owner, rr->owner, rr->owner_len);
    memcpy(d->target, rr->rdata, rr->rdlen);
    d->ttl = rr->ttl;
    return 0;
}

/* The zone's SOA in the authority section, with TTL min(SOA TTL,
 * MINIMUM) (RFC 2308 §3; RFC 9077 §3 for its RRSIG too). */
typedef struct {
    uint32_t ttl;
    int found;
} soa_arg;

static int soa_fn(zone_answer *a, const mav_zone_rr *rr, void *arg)
{
    soa_arg *s = arg;
    uint32_t min;

    if (rr->type != MAV_DNS_TYPE_SOA || rr->rdlen < 20 ||
        !mav_dns_name_eq(rr->owner, a->z->apex))
        return 0;
    min = get32(rr->rdata + rr->rdlen - 4);
    s->ttl = rr->ttl < min ? rr->ttl : min;
    s->found = 1;
    return 1;
}

static int negative_soa(zone_answer *a)
{
    soa_arg s = {0, 0};
    int rc = mav_zone_scan(a, soa_fn, &s);

    if (rc < 0 || !s.found)
        return rc < 0 ? rc : MAV_ERR_STATE;
    rc = mav_zone_emit(a, a->z->apex, MAV_DNS_TYPE_SOA, 0, NULL, s.ttl,
                       MAV_DNS_SEC_NS);
    if (rc > 0 && a->dnssec)
        rc = mav_zone_emit(a, a->z->apex, MAV_DNS_TYPE_RRSIG,
                           MAV_DNS_TYPE_SOA, NULL, s.ttl, MAV_DNS_SEC_NS);
    return rc < 0 ? rc : MAV_OK;
}

/* name with its labels below `owner` moved under `target`: the DNAME
 * substitution of RFC 6672 §2.2. MAV_ERR_LIMIT when over 255 bytes. */
static int substitute(const uint8_t *name, const uint8_t *owner,
                      const uint8_t *target, uint8_t *out)
{
    size_t nl = mav_dns_name_len(name), ol = mav_dns_name_len(owner);
    size_t tl = mav_dns_name_len(target), prefix = nl - ol;

    if (prefix + tl > MAV_DNS_NAME_MAX)
        return MAV_ERR_LIMIT;
    memmove(out, name, prefix);
    memcpy(out + prefix, target, tl);
    return MAV_OK;
}

/* "*." + name, or MAV_ERR_LIMIT. */
static int wildcard_of(const uint8_t *name, uint8_t *out)
{
    size_t nl = mav_dns_name_len(name);

    if (nl + 2 > MAV_DNS_NAME_MAX)
        return MAV_ERR_LIMIT;
    out[0] = 1;
    out[1] = '*';
    memcpy(out + 2, name, nl);
    return MAV_OK;
}

/* Follow a CNAME to target? Only inside this zone, not round a loop, and
 * at most MAV_CFG_ZONE_CHAIN_MAX links (the client asks for the rest). */
static int follow(zone_answer *a, const uint8_t *target, unsigned *links)
{
    if (++*links > MAV_CFG_ZONE_CHAIN_MAX ||
        !mav_dns_name_under(target, a->z->apex) || answered(a, target))
        return 0;
    return 1;
}

/* The lookup of RFC 1034 §4.3.2 step 3, looping over aliases. */
static int resolve(zone_answer *a, const uint8_t *qname, uint16_t qtype)
{
    uint8_t name[MAV_DNS_NAME_MAX], wild[MAV_DNS_NAME_MAX];
    uint8_t ce[MAV_DNS_NAME_MAX];
    unsigned links = 0;
    probe p;
    int rc;

    memcpy(name, qname, mav_dns_name_len(qname));
    for (;;) {
        const uint8_t *next;
        if (a->z->has_dname) {
            dname_arg d;
            memset(&d, 0, sizeof d);
            d.name = name;
            if ((rc = mav_zone_scan(a, dname_fn, &d)) < 0)
                return rc;
            if (d.found) {
                uint8_t syn[MAV_DNS_NAME_MAX];
                (void)emit_set(a, d.owner, MAV_DNS_TYPE_DNAME, NULL,
                               MAV_DNS_SEC_AN);
                if (substitute(name, d.owner, d.target, syn) != MAV_OK) {
                    a->rcode = 6; /* YXDOMAIN, RFC 6672 §2.2 */
                    return MAV_OK;
                }
                /* RFC 6672 §3.1: the CNAME, unsigned, with the DNAME's
                 * TTL */
                put_rr(a, MAV_DNS_SEC_AN, name, MAV_DNS_TYPE_CNAME,
                       a->z->rclass, d.ttl, syn,
                       (uint16_t)mav_dns_name_len(syn));
                if (qtype == MAV_DNS_TYPE_CNAME || !follow(a, syn, &links))
                    return MAV_OK;
                memcpy(name, syn, mav_dns_name_len(syn));
                continue;
            }
        }
        if ((rc = do_probe(a, name, qtype, &p)) < 0)
            return rc;
        if (p.has_type) {
            emit_set(a, name, qtype, NULL, MAV_DNS_SEC_AN);
            return MAV_OK;
        }
        if (p.cname && qtype != MAV_DNS_TYPE_CNAME) {
            emit_set(a, name, MAV_DNS_TYPE_CNAME, NULL, MAV_DNS_SEC_AN);
            if (!follow(a, p.target, &links))
                return MAV_OK;
            memcpy(name, p.target, mav_dns_name_len(p.target));
            continue;
        }
        if (p.owns || p.below) { /* NODATA, an ENT included */
            if ((rc = negative_soa(a)) < 0)
                return rc;
            return a->dnssec ? mav_zone_deny(a, ZONE_DENY_NODATA, name, NULL)
                             : MAV_OK;
        }
        /* RFC 4592 §3.3.1: the closest encloser and its wildcard */
        next = mav_dns_name_strip(name, mav_dns_name_labels(name) - p.shared);
        memcpy(ce, next, mav_dns_name_len(next));
        if (a->z->has_wildcard && wildcard_of(ce, wild) == MAV_OK) {
            probe w;
            if ((rc = do_probe(a, wild, qtype, &w)) < 0)
                return rc;
            if (w.has_type) {
                emit_set(a, wild, qtype, name, MAV_DNS_SEC_AN);
                return a->dnssec
                           ? mav_zone_deny(a, ZONE_DENY_WILDCARD, name, ce)
                           : MAV_OK;
            }
            if (w.cname && qtype != MAV_DNS_TYPE_CNAME) {
                emit_set(a, wild, MAV_DNS_TYPE_CNAME, name, MAV_DNS_SEC_AN);
                if (a->dnssec &&
                    (rc = mav_zone_deny(a, ZONE_DENY_WILDCARD, name, ce)) < 0)
                    return rc;
                /* the proof went to the authority section; what follows
                 * is the target's answer, appended to the answer */
                if (!follow(a, w.target, &links))
                    return MAV_OK;
                memcpy(name, w.target, mav_dns_name_len(w.target));
                continue;
            }
            if (w.owns || w.below) {
                if ((rc = negative_soa(a)) < 0)
                    return rc;
                return a->dnssec ? mav_zone_deny(a, ZONE_DENY_WILD_NODATA,
                                                 name, ce)
                                 : MAV_OK;
            }
        }
        a->rcode = MAV_DNS_RCODE_NXDOMAIN; /* RFC 6604 §2: of the last name */
        if ((rc = negative_soa(a)) < 0)
            return rc;
        return a->dnssec ? mav_zone_deny(a, ZONE_DENY_NXDOMAIN, name, ce)
                         : MAV_OK;
    }
}

/* ---- the message ---------------------------------------------------- */

/* The zone for qname: the longest apex above it; for DS at an apex, the
 * parent's side of the cut (RFC 4035 §3.1.4.1) when the port holds it. */
static const mav_zone *choose(const mav_zone_port *zp, const uint8_t *qname,
                              uint16_t qtype)
{
    const mav_zone *best = NULL, *parent = NULL;
    unsigned i;

    for (i = 0; i < zp->nzones; i++) {
        const mav_zone *z = &zp->zones[i];
        if (!mav_dns_name_under(qname, z->apex))
            continue;
        if (!best || mav_dns_name_labels(z->apex) >
                         mav_dns_name_labels(best->apex))
            best = z;
        if (!mav_dns_name_eq(qname, z->apex) &&
            (!parent || mav_dns_name_labels(z->apex) >
                            mav_dns_name_labels(parent->apex)))
            parent = z;
    }
    if (qtype == MAV_DNS_TYPE_DS && best && parent &&
        mav_dns_name_eq(qname, best->apex))
        return parent;
    return best;
}

static void header(uint8_t *msg, uint16_t id, uint16_t flags, uint16_t qd,
                   uint16_t an, uint16_t ns, uint16_t ar)
{
    const uint16_t w[6] = {id, flags, qd, an, ns, ar};
    int i;

    for (i = 0; i < 6; i++) {
        msg[2 * i] = (uint8_t)(w[i] >> 8);
        msg[2 * i + 1] = (uint8_t)w[i];
    }
}

/* Header, question (as asked, case kept), nothing else yet. */
static size_t start_msg(uint8_t *out, uint16_t id, uint16_t flags,
                        const uint8_t *qname, uint16_t qtype, uint16_t qclass)
{
    size_t n = mav_dns_name_len(qname);

    header(out, id, flags, 1, 0, 0, 0);
    memcpy(out + MAV_DNS_HDR_LEN, qname, n);
    n += MAV_DNS_HDR_LEN;
    out[n++] = (uint8_t)(qtype >> 8);
    out[n++] = (uint8_t)qtype;
    out[n++] = (uint8_t)(qclass >> 8);
    out[n++] = (uint8_t)qclass;
    return n;
}

/* The OPT RR of a response (RFC 6891 §6.1.2, §6.1.3): our payload size,
 * the extended RCODE bits, DO echoed (RFC 3225 §3). 11 bytes. */
static size_t put_opt(uint8_t *p, uint16_t rcode, int do_bit)
{
    const uint8_t opt[11] = {0,
                             0, MAV_DNS_TYPE_OPT,
                             (uint8_t)(MAV_CFG_ZONE_UDP_MAX >> 8),
                             (uint8_t)MAV_CFG_ZONE_UDP_MAX,
                             (uint8_t)(rcode >> 4), 0,
                             (uint8_t)(do_bit ? 0x80 : 0), 0,
                             0, 0};

    memcpy(p, opt, sizeof opt);
    return sizeof opt;
}

/* A response with no RRs: header, question if any, OPT if asked. */
static size_t bare(uint8_t *out, uint16_t id, uint16_t flags, uint16_t rcode,
                   const uint8_t *qname, uint16_t qtype, uint16_t qclass,
                   int opt, int do_bit)
{
    size_t n = MAV_DNS_HDR_LEN;

    flags = (uint16_t)((flags & ~MAV_DNS_RCODE_MASK) | (rcode & 15));
    if (qname)
        n = start_msg(out, id, flags, qname, qtype, qclass);
    header(out, id, flags, qname ? 1 : 0, 0, 0, opt ? 1 : 0);
    if (opt)
        n += put_opt(out + n, rcode, do_bit);
    return n;
}

/* see mav_zone.h */
int mav_zone_answer(mav_zone_port *zp, const uint8_t *query, size_t qlen,
                    int tcp, uint8_t *out, size_t cap, size_t *out_len)
{
    uint8_t qname[MAV_DNS_NAME_MAX];
    uint16_t qtype, qclass, flags, id;
    size_t udp_max = 512;
    mav_dns_msg m;
    zone_answer a;
    int do_bit = 0, rc;

    if (zp == NULL || query == NULL || out == NULL || out_len == NULL)
        return MAV_ERR_ARG;
    if (cap < 512)
        return MAV_ERR_SPACE;
    if (qlen < MAV_DNS_HDR_LEN || (query[2] & 0x80))
        return MAV_ERR_FORMAT; /* not a query: no answer at all */
    id = get16(query);
    /* QR, the opcode and RD are echoed; CD too (RFC 4035 §3.1.6) */
    flags = (uint16_t)(MAV_DNS_FLAG_QR |
                       (get16(query + 2) & (MAV_DNS_OPCODE_MASK |
                                            MAV_DNS_FLAG_RD |
                                            MAV_DNS_FLAG_CD)));
    if (mav_dns_msg_parse(&m, query, qlen, NULL) != MAV_OK ||
        m.count[0] != 1 ||
        mav_dns_msg_question(&m, qname, NULL, &qtype, &qclass) != MAV_OK) {
        zp->stats.formerr++;
        *out_len = bare(out, id, flags, MAV_DNS_RCODE_FORMERR, NULL, 0, 0, 0,
                        0);
        return MAV_OK;
    }
    if (m.has_opt) {
        do_bit = (m.edns_flags & MAV_DNS_EDNS_FLAG_DO) != 0;
        udp_max = m.edns_udp_size < 512 ? 512 : m.edns_udp_size;
        if (udp_max > MAV_CFG_ZONE_UDP_MAX)
            udp_max = MAV_CFG_ZONE_UDP_MAX;
        if (m.edns_version != 0) { /* RFC 6891 §6.1.3 */
            *out_len = bare(out, id, flags, MAV_DNS_RCODE_BADVERS, qname,
                            qtype, qclass, 1, do_bit);
            return MAV_OK;
        }
    }
    if (flags & MAV_DNS_OPCODE_MASK) {
        *out_len = bare(out, id, flags, MAV_DNS_RCODE_NOTIMP, qname, qtype,
                        qclass, m.has_opt, do_bit);
        return MAV_OK;
    }
    memset(&a, 0, sizeof a);
    a.zp = zp;
    a.z = choose(zp, qname, qtype);
    /* no zone above the name, another class, or a meta type (zone
     * transfers included): refused, as NSD does */
    if (a.z == NULL ||
        (qclass != a.z->rclass && qclass != MAV_DNS_CLASS_ANY) ||
        qtype == MAV_DNS_TYPE_OPT || (qtype >= 128 && qtype < 255)) {
        zp->stats.refused++;
        *out_len = bare(out, id, flags, MAV_DNS_RCODE_REFUSED, qname, qtype,
                        qclass, m.has_opt, do_bit);
        return MAV_OK;
    }
    flags |= MAV_DNS_FLAG_AA;
    a.msg = out;
    /* room for the OPT is kept back, so it always fits */
    a.cap = (cap > MAV_CFG_DNS_MSG_MAX ? MAV_CFG_DNS_MSG_MAX : cap) -
            (m.has_opt ? 11 : 0);
    a.len = start_msg(out, id, flags, qname, qtype, qclass);
    a.an_start = a.len;
    a.dnssec = do_bit && a.z->has_rrsig;
    rc = resolve(&a, qname, qtype);
    if (rc < 0 || (a.over && tcp)) {
        /* the text changed under us, or the answer exceeds our buffer */
        zp->stats.servfail++;
        *out_len = bare(out, id, flags, MAV_DNS_RCODE_SERVFAIL, qname, qtype,
                        qclass, m.has_opt, do_bit);
        return MAV_OK;
    }
    if (a.over || (!tcp && a.len + (m.has_opt ? 11 : 0) > udp_max)) {
        /* RFC 2181 §9: TC with nothing the client could mistake for the
         * whole answer; it retries over TCP (RFC 7766 §5) */
        zp->stats.truncated++;
        *out_len = bare(out, id, (uint16_t)(flags | MAV_DNS_FLAG_TC),
                        a.rcode, qname, qtype, qclass, m.has_opt, do_bit);
        return MAV_OK;
    }
    flags = (uint16_t)(flags | (a.rcode & 15));
    header(out, id, flags, 1, a.an, a.ns, m.has_opt ? 1 : 0);
    if (m.has_opt)
        a.len += put_opt(out + a.len, a.rcode, do_bit);
    *out_len = a.len;
    return MAV_OK;
}
