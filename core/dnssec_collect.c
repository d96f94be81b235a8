/* SPDX-License-Identifier: MIT */
/*
 * dnssec_collect.c - gather the RRs of one RRset (RFC 2181 §5: same
 * owner, type and class) or the RRSIGs that cover it from a parsed DNS
 * message, as references that the RRset check reads in place. Owner
 * names compare without regard to ASCII case (RFC 4343); the RRSIGs are
 * picked by their Type Covered field (RFC 4034 §3.1.1).
 */
#include <stddef.h>
#include <stdint.h>

#include "mav_dnssec.h"

/* see mav_dnssec.h */
int mav_dnssec_collect(const mav_dns_msg *m, unsigned section,
                       const uint8_t *owner, uint16_t type, uint16_t rclass,
                       uint16_t covered, mav_dnssec_rdref *out, unsigned cap,
                       unsigned *n)
{
    mav_dns_iter it;
    mav_dns_rr rr;
    unsigned k = 0;
    int r, over = 0;

    if (m == NULL || owner == NULL || n == NULL || (out == NULL && cap))
        return MAV_ERR_ARG;
    mav_dns_iter_init(&it, m, section);
    while ((r = mav_dns_iter_next(&it, &rr)) > 0) {
        if (rr.type != type || rr.rclass != rclass ||
            !mav_dns_name_eq(rr.owner, owner))
            continue;
        /* Type Covered is the first field of an RRSIG RDATA (a parsed
         * message has checked the RRSIG layout, so 2 bytes are there). */
        if (type == MAV_DNS_TYPE_RRSIG && covered != 0 &&
            (rr.rdlen < 2 ||
             (uint16_t)(m->p[rr.rdata] << 8 | m->p[rr.rdata + 1]) != covered))
            continue;
        if (k == cap) {
            over = 1;
            break;
        }
        out[k].msg = m->p;
        out[k].msg_len = m->len;
        out[k].off = rr.rdata;
        out[k].len = rr.rdlen;
        k++;
    }
    *n = k;
    if (r < 0)
        return r;
    return over ? MAV_ERR_LIMIT : MAV_OK;
}
