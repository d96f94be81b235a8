/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dns_msg.c - libFuzzer target for the DNS message parser
 * (core/dns_msg.c, dns_rdata.c, dns_name.c): parse the input as a whole
 * message; when it is accepted, walk every RR of every section, read its
 * typed RDATA, write it uncompressed and canonical, and check what must
 * hold for any accepted message (the iterator cannot fail, names are
 * valid, expanded RDATA reads back on its own, mav_dns_iter_find agrees
 * with a filtered mav_dns_iter_next).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dns_wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t out[65536 + 4 * 256];
    mav_dns_msg m;
    mav_dns_iter it;
    mav_dns_rr rr;
    mav_dns_rdata rd;
    mav_perr e;
    uint8_t qn[MAV_DNS_NAME_MAX];
    size_t n;
    int r;

    if (mav_dns_msg_parse(&m, data, size, &e) != MAV_OK) {
        if (e.offset > size || !e.what || e.code >= 0)
            abort();
        return 0;
    }
    if (m.count[0] && mav_dns_msg_question(&m, qn, &n, NULL, NULL) != MAV_OK)
        abort();
    mav_dns_iter_init(&it, &m, MAV_DNS_SEC_ALL);
    while ((r = mav_dns_iter_next(&it, &rr)) > 0) {
        if (mav_dns_name_check(rr.owner, rr.owner_len) != MAV_OK)
            abort();
        if (mav_dns_rr_rdata(&m, &rr, &rd) != MAV_OK)
            abort();
        if (rd.kind == MAV_DNS_TYPE_TXT)
            mav_dns_txt_join(rd.raw, rd.raw_len, out, 100, &n);
        if (mav_dns_rdata_expand(m.p, m.len, rr.type, rr.rclass, rr.rdata,
                                 rr.rdlen, MAV_DNS_RD_CANON, out, sizeof out,
                                 &n) != MAV_OK)
            abort();
        if (n > 0xffff ||
            mav_dns_rdata_read(out, n, rr.type, rr.rclass, 0, (uint16_t)n,
                               &rd, NULL) != MAV_OK)
            abort();
    }
    if (r != 0)
        abort();
    /* mav_dns_iter_find gives the RRs of the first few owners and types
     * that mav_dns_iter_next gives, in the same order */
    mav_dns_iter_init(&it, &m, MAV_DNS_SEC_ALL);
    for (n = 0; n < 4 && mav_dns_iter_next(&it, &rr) > 0; n++) {
        mav_dns_iter every, found;
        mav_dns_rr x, y;
        int rx, ry;

        mav_dns_iter_init(&every, &m, MAV_DNS_SEC_ALL);
        mav_dns_iter_init(&found, &m, MAV_DNS_SEC_ALL);
        do {
            while ((rx = mav_dns_iter_next(&every, &x)) > 0 &&
                   !(x.type == rr.type && mav_dns_name_eq(x.owner, rr.owner)))
                ;
            ry = mav_dns_iter_find(&found, &y, rr.owner, rr.type);
            if (rx != ry || (rx > 0 && (x.off != y.off || x.rdata != y.rdata)))
                abort();
        } while (rx > 0);
    }
    return 0;
}
