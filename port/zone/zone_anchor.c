/* SPDX-License-Identifier: MIT */
/*
 * zone_anchor.c - DNSSEC trust anchors from master-file text: the DS or
 * DNSKEY records of a file such as IANA's root anchors in zone-file form,
 * Debian's /usr/share/dns/root.ds, or a test world's root.ds, handed to
 * the resolver (mav_dns_add_trust_anchor). The CLI's --trust-anchor.
 */
#include <string.h>

#include "mav_zone.h"

/* see mav_zone.h */
int mav_zone_trust_anchors(mav_dns_ctx *r, mav_zone_reader *rd,
                           mav_zone_rr *rr, const char *text, size_t len,
                           mav_perr *err)
{
    static const uint8_t root[1] = {0};
    unsigned added = 0;
    int rc;

    if (r == NULL || rd == NULL || rr == NULL || text == NULL)
        return MAV_ERR_ARG;
    mav_zone_reader_init(rd, text, len, root);
    /* anchor files (root.ds, IANA's) carry no TTL: it means nothing here */
    rd->have_ttl = 1;
    rd->ttl = 0;
    (void)mav_dns_set_trust_anchors(r, NULL, 0);
    while ((rc = mav_zone_read(rd, rr, err)) > 0) {
        mav_dns_anchor a;
        if (rr->type != MAV_DNS_TYPE_DS && rr->type != MAV_DNS_TYPE_DNSKEY) {
            (void)mav_dns_set_trust_anchors(r, NULL, 0);
            return mav_perr_set(err, MAV_ERR_FORMAT, rr->off,
                                "a trust anchor is a DS or DNSKEY record");
        }
        a.owner = rr->owner;
        a.type = rr->type;
        a.rdata = rr->rdata;
        a.rdlen = rr->rdlen;
        rc = mav_dns_add_trust_anchor(r, &a);
        if (rc != MAV_OK) {
            (void)mav_dns_set_trust_anchors(r, NULL, 0);
            return mav_perr_set(err, rc, rr->off,
                                rc == MAV_ERR_SPACE
                                    ? "too many trust anchors"
                                    : "anchors must share one owner");
        }
        added++;
    }
    if (rc < 0 || added == 0)
        (void)mav_dns_set_trust_anchors(r, NULL, 0);
    if (rc < 0)
        return rc;
    if (added == 0)
        return mav_perr_set(err, MAV_ERR_FORMAT, 0, "no trust anchor found");
    return MAV_OK;
}
