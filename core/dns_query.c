/* SPDX-License-Identifier: MIT */
/*
 * dns_query.c - building the one kind of query mav sends: a standard
 * query (RFC 1035 §4.1.1) with RD and CD set (RFC 4035 §3.2.2: mav
 * validates, so the upstream must not filter what it finds bogus), one
 * question (§4.1.2), and an EDNS0 OPT pseudo-RR (RFC 6891 §6.1.2) that
 * offers a 1232-byte payload and sets DO (RFC 3225).
 */
#include <string.h>

#include "mav_dns_wire.h"

static uint8_t *put16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
    return p + 2;
}

/* see mav_dns_wire.h */
int mav_dns_query_build(uint8_t *buf, size_t cap, uint16_t id,
                        const uint8_t *qname, size_t qname_len,
                        uint16_t qtype, uint16_t qclass, size_t *out_len)
{
    /* header + question + OPT (root owner, type, class, TTL, RDLENGTH) */
    size_t need;
    uint8_t *p;

    if (!buf || !out_len || mav_dns_name_check(qname, qname_len) != MAV_OK)
        return MAV_ERR_ARG;
    need = MAV_DNS_HDR_LEN + qname_len + 4 + 11;
    if (cap < need)
        return MAV_ERR_SPACE;
    p = put16(buf, id);
    p = put16(p, MAV_DNS_FLAG_RD | MAV_DNS_FLAG_CD); /* opcode 0 QUERY */
    p = put16(p, 1);                                 /* QDCOUNT */
    p = put16(p, 0);                                 /* ANCOUNT */
    p = put16(p, 0);                                 /* NSCOUNT */
    p = put16(p, 1);                                 /* ARCOUNT: OPT */
    memcpy(p, qname, qname_len);
    p += qname_len;
    p = put16(p, qtype);
    p = put16(p, qclass);
    *p++ = 0; /* OPT owner: the root (RFC 6891 §6.1.2) */
    p = put16(p, MAV_DNS_TYPE_OPT);
    p = put16(p, MAV_DNS_EDNS_UDP_SIZE); /* CLASS: requestor's payload */
    *p++ = 0;                            /* extended RCODE */
    *p++ = 0;                            /* EDNS version 0 */
    p = put16(p, MAV_DNS_EDNS_FLAG_DO);
    p = put16(p, 0); /* RDLENGTH: no options */
    *out_len = (size_t)(p - buf);
    return MAV_OK;
}
