/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dnssec_rrset.c - libFuzzer target for the DNSSEC RRset check
 * (core/dnssec_*.c): the input is a DNS message; when it parses, every
 * RRset in it (each distinct owner/type/class, RRSIGs excluded) is
 * verified with the RRSIGs that cover it against the DNSKEYs in the
 * message owned by the first RRSIG's signer, at a fixed `now`, at the
 * first RRSIG's inception (so old signed examples reach the crypto) and
 * with an unknown clock, each RRset with a fresh budget; key tags, DS
 * matches and NSEC3 hashes of the records found are computed too. What
 * must hold: a verdict with a known reason, never a crash, and the work
 * within the budget whatever the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dnssec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REFS 64
#define NOW 1700000000 /* 2023-11-14, inside the seeds' windows */

static mav_dnssec_ctx work;
static mav_dnssec_rdref rrs[REFS], sigs[REFS], keys[REFS];

static void check_budget(const mav_dnssec_budget *b)
{
    if (b->used_validations > MAV_CFG_DNSSEC_MAX_VALIDATIONS ||
        b->used_failures > MAV_CFG_DNSSEC_MAX_FAILURES + 1 ||
        b->used_nsec3_iterations > MAV_CFG_DNSSEC_MAX_NSEC3_WORK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mav_dns_msg m;
    mav_dns_iter it;
    mav_dns_rr rr;
    mav_dns_rdata rd;
    mav_dnssec_budget b;
    mav_dnssec_result res;
    mav_dnssec_rrset set, kset;
    uint8_t signer[MAV_DNS_NAME_MAX], h[MAV_NSEC3_HASH_LEN];
    unsigned nrr, nsig, nkey, i, rounds = 0;
    int64_t then = NOW;

    if (mav_dns_msg_parse(&m, data, size, NULL) != MAV_OK)
        return 0;
    mav_dns_iter_init(&it, &m, MAV_DNS_SEC_ALL);
    while (mav_dns_iter_next(&it, &rr) > 0 && rounds++ < 32) {
        if (rr.type == MAV_DNS_TYPE_OPT)
            continue;
        if (mav_dns_rr_rdata(&m, &rr, &rd) != MAV_OK)
            abort(); /* a parsed message cannot fail here */
        mav_dnssec_budget_init(&b);
        if (rr.type == MAV_DNS_TYPE_DNSKEY)
            (void)mav_dnssec_keytag(rd.raw, rd.raw_len);
        if (rr.type == MAV_DNS_TYPE_NSEC3)
            (void)mav_dnssec_nsec3_hash(rr.owner, rd.u.nsec3.hash_alg,
                                        rd.u.nsec3.iterations,
                                        rd.u.nsec3.salt,
                                        rd.u.nsec3.salt_len, &b, h);
        if (rr.type == MAV_DNS_TYPE_RRSIG)
            continue;
        /* The RRset of this RR (again for each of its RRs: harmless). */
        if (mav_dnssec_collect(&m, MAV_DNS_SEC_ALL, rr.owner, rr.type,
                               rr.rclass, 0, rrs, REFS, &nrr) < 0 &&
            nrr == 0)
            continue;
        mav_dnssec_collect(&m, MAV_DNS_SEC_ALL, rr.owner,
                           MAV_DNS_TYPE_RRSIG, rr.rclass, rr.type, sigs,
                           REFS, &nsig);
        /* Keys: the DNSKEYs owned by the first RRSIG's signer. */
        memcpy(signer, rr.owner, rr.owner_len);
        if (nsig > 0 &&
            mav_dns_rdata_read(sigs[0].msg, sigs[0].msg_len,
                               MAV_DNS_TYPE_RRSIG, rr.rclass, sigs[0].off,
                               sigs[0].len, &rd, NULL) == MAV_OK)
        {
            memcpy(signer, rd.u.rrsig.signer, rd.u.rrsig.signer_len);
            then = rd.u.rrsig.inception;
        }
        mav_dnssec_collect(&m, MAV_DNS_SEC_ALL, signer, MAV_DNS_TYPE_DNSKEY,
                           rr.rclass, 0, keys, REFS, &nkey);
        set.owner = rr.owner;
        set.type = rr.type;
        set.rclass = rr.rclass;
        set.rd = rrs;
        set.count = nrr;
        kset.owner = signer;
        kset.type = MAV_DNS_TYPE_DNSKEY;
        kset.rclass = rr.rclass;
        kset.rd = keys;
        kset.count = nkey;
        if (mav_dnssec_verify_rrset(&work, &set, sigs, nsig, &kset, NOW, &b,
                                    &res) != MAV_OK ||
            res.reason >= MAV_DNSSEC_R__COUNT)
            abort();
        if (mav_dnssec_verify_rrset(&work, &set, sigs, nsig, &kset, then,
                                    &b, &res) != MAV_OK ||
            res.reason >= MAV_DNSSEC_R__COUNT)
            abort();
        if (mav_dnssec_verify_rrset(&work, &set, sigs, nsig, &kset,
                                    -1, &b, &res) != MAV_OK ||
            res.verdict == MAV_DNSSEC_SECURE)
            abort(); /* no clock: never secure */
        for (i = 0; i < nkey && i < 4; i++) {
            if (nrr > 0 && rr.type == MAV_DNS_TYPE_DS)
                (void)mav_dnssec_ds_check(rr.owner, &rrs[0], &keys[i],
                                          mav_dnssec_ds_honoured(rrs, nrr));
        }
        check_budget(&b);
    }
    return 0;
}
