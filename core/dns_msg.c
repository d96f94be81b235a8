/* SPDX-License-Identifier: MIT */
/*
 * dns_msg.c - checking a whole DNS message and iterating over its
 * records (RFC 1035 §4.1). Nothing in the message is trusted: the header
 * counts (capped by MAV_CFG_DNS_MAX_RRS) must be matched by entries that
 * fit, every RDLENGTH must fit, every name and every RDATA of a known type
 * is checked before the caller sees any of it, and the OPT pseudo-RR
 * follows RFC 6891 §6.1.1. The iterator then re-reads the checked bytes.
 */
#include <string.h>

#include "mav_dns_wire.h"

/* The fixed part of an RR after its owner (RFC 1035 §4.1.3). */
static int rr_fixed(mav_cur *c, mav_dns_rr *rr)
{
    const uint8_t *f;

    /* one bounds check for the ten bytes: every RR walk passes here */
    if (mav_cur_ref(c, 10, &f) != MAV_OK)
        return MAV_ERR_FORMAT;
    rr->type = (uint16_t)(f[0] << 8 | f[1]);
    rr->rclass = (uint16_t)(f[2] << 8 | f[3]);
    rr->ttl = (uint32_t)f[4] << 24 | (uint32_t)f[5] << 16 |
              (uint32_t)f[6] << 8 | f[7];
    rr->rdlen = (uint16_t)(f[8] << 8 | f[9]);
    rr->rdata = c->off;
    return MAV_OK;
}

/* see mav_dns_wire.h */
int mav_dns_msg_parse(mav_dns_msg *m, const uint8_t *p, size_t len,
                      mav_perr *err)
{
    mav_cur c;
    unsigned long total, minimum;
    unsigned s, i;
    int r;

    if (!m || (!p && len))
        return mav_perr_set(err, MAV_ERR_ARG, 0, "NULL argument");
    memset(m, 0, sizeof *m);
    m->p = p;
    m->len = len;
    mav_cur_init(&c, p, len);
    if (mav_cur_u16be(&c, &m->id) || mav_cur_u16be(&c, &m->flags))
        return mav_perr_set(err, MAV_ERR_FORMAT, c.off,
                            "shorter than the header");
    for (s = 0; s < 4; s++)
        if (mav_cur_u16be(&c, &m->count[s]))
            return mav_perr_set(err, MAV_ERR_FORMAT, c.off,
                                "shorter than the header");
    total = (unsigned long)m->count[0] + m->count[1] + m->count[2] +
            m->count[3];
    if (total > MAV_CFG_DNS_MAX_RRS)
        return mav_perr_set(err, MAV_ERR_LIMIT, 4,
                            "more records than MAV_CFG_DNS_MAX_RRS");
    /* A question takes at least 5 bytes, an RR 11 (root owner). */
    minimum = 5ul * m->count[0] + 11ul * (total - m->count[0]);
    if (minimum > len - MAV_DNS_HDR_LEN)
        return mav_perr_set(err, MAV_ERR_FORMAT, 4,
                            "counts larger than the message");
    m->rcode = m->flags & MAV_DNS_RCODE_MASK;

    m->sec[0] = c.off;
    for (i = 0; i < m->count[0]; i++) {
        size_t at;
        uint16_t t, k;

        r = mav_dns_name_get(&c, 1, NULL, NULL, err);
        if (r != MAV_OK)
            return r;
        at = c.off;
        if (mav_cur_u16be(&c, &t) || mav_cur_u16be(&c, &k))
            return mav_perr_set(err, MAV_ERR_FORMAT, at,
                                "question cut short");
    }
    for (s = 1; s < 4; s++) {
        m->sec[s] = c.off;
        for (i = 0; i < m->count[s]; i++) {
            /* The RR's fields are passed on by value before its RDATA is
             * read: the two share their storage (820 -> 540 bytes of
             * stack under every cache read), and the owner is only
             * measured. */
            union {
                mav_dns_rr rr;
                mav_dns_rdata rd;
            } u;
            mav_dns_rr *rrp = &u.rr;
            size_t at = c.off, owner_len;
            uint16_t rdlen;

            r = mav_dns_name_get(&c, 1, NULL, &owner_len, err);
            if (r != MAV_OK)
                return r;
            if (rr_fixed(&c, rrp) != MAV_OK)
                return mav_perr_set(err, MAV_ERR_FORMAT, c.off,
                                    "record header cut short");
            if (rrp->rdlen > mav_cur_left(&c))
                return mav_perr_set(err, MAV_ERR_FORMAT, c.off - 2,
                                    "RDLENGTH runs past the end");
            if (rrp->type == MAV_DNS_TYPE_OPT) {
                /* RFC 6891 §6.1.1: one OPT, in the additional section,
                 * owned by the root. */
                if (s != MAV_DNS_SEC_AR || m->has_opt || owner_len != 1)
                    return mav_perr_set(err, MAV_ERR_FORMAT, at,
                                        "misplaced or second OPT record");
                m->has_opt = 1;
                m->edns_udp_size = rrp->rclass;
                m->rcode |= (uint16_t)((rrp->ttl >> 24) << 4);
                m->edns_version = (uint8_t)(rrp->ttl >> 16);
                m->edns_flags = (uint16_t)rrp->ttl;
                m->opt_rdata = rrp->rdata;
                m->opt_rdlen = rrp->rdlen;
            }
            rdlen = rrp->rdlen;
            r = mav_dns_rdata_read(p, len, rrp->type, rrp->rclass, rrp->rdata,
                                   rdlen, &u.rd, err);
            if (r != MAV_OK)
                return r;
            c.off += rdlen;
        }
    }
    m->end = c.off;
    return MAV_OK;
}

/* see mav_dns_wire.h */
int mav_dns_msg_question(const mav_dns_msg *m, uint8_t *name,
                         size_t *name_len, uint16_t *qtype,
                         uint16_t *qclass)
{
    mav_cur c;
    uint16_t t, k;
    int r;

    if (!m)
        return MAV_ERR_ARG;
    if (m->count[0] == 0)
        return MAV_ERR_FORMAT;
    mav_cur_init(&c, m->p, m->len);
    c.off = m->sec[0];
    r = mav_dns_name_get(&c, 1, name, name_len, NULL);
    if (r != MAV_OK)
        return r;
    if (mav_cur_u16be(&c, &t) || mav_cur_u16be(&c, &k))
        return MAV_ERR_FORMAT;
    if (qtype)
        *qtype = t;
    if (qclass)
        *qclass = k;
    return MAV_OK;
}

/* see mav_dns_wire.h */
void mav_dns_iter_init(mav_dns_iter *it, const mav_dns_msg *m,
                       unsigned section)
{
    unsigned first = section, last = section;

    if (section == MAV_DNS_SEC_ALL || section < MAV_DNS_SEC_AN) {
        first = MAV_DNS_SEC_AN;
        last = MAV_DNS_SEC_AR;
    }
    if (last > MAV_DNS_SEC_AR)
        first = last = MAV_DNS_SEC_AR;
    it->m = m;
    it->sec = first;
    it->last = last;
    it->off = m->sec[first];
    it->left = m->count[first];
}

/* Move the iterator into the next section that has RRs left; 0 when
 * there is none. */
static int iter_has_next(mav_dns_iter *it)
{
    while (it->left == 0) {
        if (it->sec >= it->last)
            return 0;
        it->sec++;
        it->off = it->m->sec[it->sec];
        it->left = it->m->count[it->sec];
    }
    return 1;
}

/* The offset after the (possibly compressed) name at off, without
 * following its pointer; 0 when it runs past the end. */
static size_t name_end(const uint8_t *p, size_t len, size_t off)
{
    while (off < len) {
        uint8_t b = p[off];
        if ((b & 0xc0) == 0xc0)
            return len - off >= 2 ? off + 2 : 0;
        if (b & 0xc0)
            return 0;
        off += (size_t)b + 1;
        if (b == 0)
            return off;
    }
    return 0;
}

/* see mav_dns_wire.h */
int mav_dns_iter_find(mav_dns_iter *it, mav_dns_rr *rr,
                      const uint8_t *owner, uint16_t type)
{
    const mav_dns_msg *m = it->m;

    for (;;) {
        mav_cur c;
        size_t start;
        int eq;

        if (!iter_has_next(it))
            return 0;
        start = it->off;
        mav_cur_init(&c, m->p, m->len);
        c.off = name_end(m->p, m->len, start);
        if (c.off == 0 || rr_fixed(&c, rr) != MAV_OK ||
            rr->rdlen > mav_cur_left(&c))
            return MAV_ERR_FORMAT;
        it->off = c.off + rr->rdlen;
        it->left--;
        if (rr->type != type)
            continue;
        eq = mav_dns_name_eq_at(m->p, m->len, start, owner);
        if (eq < 0)
            return eq;
        if (eq == 0)
            continue;
        rr->off = start;
        rr->section = (uint8_t)it->sec;
        rr->owner_len = (uint16_t)mav_dns_name_len(owner);
        memcpy(rr->owner, owner, rr->owner_len);
        /* as mav_dns_iter_next: RFC 2181 §8 */
        if (rr->type != MAV_DNS_TYPE_OPT && (rr->ttl & 0x80000000u))
            rr->ttl = 0;
        return 1;
    }
}

/* see mav_dns_wire.h */
int mav_dns_iter_next(mav_dns_iter *it, mav_dns_rr *rr)
{
    mav_cur c;
    size_t n;
    int r;

    if (!iter_has_next(it))
        return 0;
    mav_cur_init(&c, it->m->p, it->m->len);
    c.off = it->off;
    rr->off = it->off;
    r = mav_dns_name_get(&c, 1, rr->owner, &n, NULL);
    if (r != MAV_OK)
        return r;
    rr->owner_len = (uint16_t)n;
    if (rr_fixed(&c, rr) != MAV_OK || rr->rdlen > mav_cur_left(&c))
        return MAV_ERR_FORMAT;
    rr->section = (uint8_t)it->sec;
    /* RFC 2181 §8: a TTL with the top bit set is treated as zero; OPT's
     * TTL field is the extended RCODE and flags (RFC 6891 §6.1.3). */
    if (rr->type != MAV_DNS_TYPE_OPT && (rr->ttl & 0x80000000u))
        rr->ttl = 0;
    it->off = c.off + rr->rdlen;
    it->left--;
    return 1;
}
