/* SPDX-License-Identifier: MIT */
/*
 * cmd_dnssec.c - "mav dnssec NAME TYPE": one lookup through mav's
 * validating resolver, shown as an operator needs it.
 *
 * Output: the first line is the verdict (secure, insecure, bogus or
 * indeterminate), with the reason after a colon when it is not secure;
 * then the RRset in master-file form; then the chain of trust the
 * validator walked: for every zone from the trust anchor down to the
 * signer, its DS records (key tag/algorithm/digest type) and DNSKEYs
 * (key tag/algorithm, KSK or ZSK). --json gives the same as one object.
 * A lookup that ends, whatever its verdict, exits 0; usage errors exit 2.
 */
#include <stdio.h>
#include <string.h>

#include "mav_dns_text.h"
#include "mav_dnssec.h"
#include "tool.h"

static const char usage[] =
    "usage: mav dnssec NAME TYPE [--resolver IP[:PORT]] [--zone FILE]\n"
    "       [--trust-anchor FILE] [--now UNIXTIME] [--timeout-ms N] [--json]";

static tool_net net;

/* Look up (name, type); the finished handle, or 0. */
static mav_dns_handle fetch(const uint8_t *name, uint16_t type)
{
    mav_dns_handle h = 0;
    int rc = mav_dns_lookup(&net.dns, name, mav_dns_name_len(name), type, &h);

    if (rc == MAV_PENDING)
        tool_net_run(&net);
    else if (rc < 0)
        return 0;
    return h;
}

/* Print the DS or DNSKEY records of a zone as "tag/alg[/digest]". */
static int print_keys(const uint8_t *zone, uint16_t type, int json,
                      int *printed)
{
    mav_dns_handle h = fetch(zone, type);
    mav_dns_result res;
    mav_dns_answer a;
    mav_dns_rr rr;
    mav_dns_rdata rd;
    int n = 0;

    if (h == 0 || mav_dns_get_result(&net.dns, h, &res) != MAV_OK ||
        res.status != MAV_DNS_ANSWER ||
        mav_dns_answer_init(&net.dns, h, &a) != MAV_OK) {
        if (h)
            mav_dns_release(&net.dns, h);
        return 0;
    }
    if (json)
        printf("%s\"%s\":[", *printed ? "," : "",
               type == MAV_DNS_TYPE_DS ? "ds" : "dnskey");
    else
        printf("   %-6s", type == MAV_DNS_TYPE_DS ? "DS" : "DNSKEY");
    *printed = 1;
    while (mav_dns_answer_next(&a, &rr) == 1) {
        char one[32];
        if (mav_dns_rr_rdata(&a.msg, &rr, &rd) != MAV_OK)
            continue;
        if (type == MAV_DNS_TYPE_DS)
            snprintf(one, sizeof one, "%u/%u/%u", rd.u.ds.key_tag,
                     rd.u.ds.algorithm, rd.u.ds.digest_type);
        else
            snprintf(one, sizeof one, "%u/%u/%s",
                     mav_dnssec_keytag(rd.raw, rd.raw_len),
                     rd.u.dnskey.algorithm,
                     (rd.u.dnskey.flags & MAV_DNSKEY_FLAG_SEP) ? "ksk" : "zsk");
        if (json) {
            printf("%s", n ? "," : "");
            json_str(stdout, one);
        } else {
            printf(" %s", one);
        }
        n++;
    }
    if (json)
        printf("]");
    else
        printf("  (%s)\n", mav_dnssec_verdict_str(res.dnssec));
    mav_dns_release(&net.dns, h);
    return n;
}

/* The zones from the root down to signer that have keys or DS. */
static void print_chain(const uint8_t *signer, int json)
{
    unsigned labels = mav_dns_name_labels(signer), i, zones = 0;

    printf(json ? ",\"chain\":[" : "chain:\n");
    for (i = 0; i <= labels; i++) {
        const uint8_t *zone = mav_dns_name_strip(signer, labels - i);
        char text[MAV_DNS_NAME_TEXT_MAX];
        int printed = 0;
        mav_dns_name_to_text(zone, text, sizeof text, NULL);
        if (json) {
            printf("%s{\"zone\":", zones ? "," : "");
            json_str(stdout, text);
            printed = 1;
        } else {
            printf(" %s\n", text);
        }
        if (i > 0)
            print_keys(zone, MAV_DNS_TYPE_DS, json, &printed);
        print_keys(zone, MAV_DNS_TYPE_DNSKEY, json, &printed);
        if (json)
            printf("}");
        zones++;
    }
    if (json)
        printf("]");
}

/* The signer of the RRSIGs over the answer, into signer; 0 if none. */
static int answer_signer(mav_dns_handle h, uint16_t type, uint8_t *signer)
{
    mav_dns_answer a;
    mav_dns_iter it;
    mav_dns_rr rr;
    mav_dns_rdata rd;

    if (mav_dns_answer_init(&net.dns, h, &a) != MAV_OK)
        return 0;
    mav_dns_iter_init(&it, &a.msg, MAV_DNS_SEC_ALL);
    while (mav_dns_iter_next(&it, &rr) > 0) {
        if (rr.type != MAV_DNS_TYPE_RRSIG ||
            mav_dns_rr_rdata(&a.msg, &rr, &rd) != MAV_OK ||
            (rr.section == MAV_DNS_SEC_AN && rd.u.rrsig.type_covered != type))
            continue;
        memcpy(signer, rd.u.rrsig.signer, rd.u.rrsig.signer_len);
        mav_dns_name_lower(signer);
        return 1;
    }
    return 0;
}

int cmd_dnssec(int argc, char **argv)
{
    tool_opts o;
    tool_question qn;
    uint8_t signer[MAV_DNS_NAME_MAX];
    mav_dns_handle h;
    mav_dns_result r;
    char tname[16], owner[MAV_DNS_NAME_TEXT_MAX];
    static char rdtext[65536];
    int rc, first = 1;

    if ((rc = tool_question_args(argc, argv, usage, &o, &qn)) != 0)
        return rc;
    if ((rc = tool_net_open(&net, &o)) != 0)
        return rc;
    h = fetch(qn.wire, qn.type);
    memset(&r, 0, sizeof r);
    if (h == 0 || mav_dns_get_result(&net.dns, h, &r) != MAV_OK)
        r.status = MAV_DNS_TIMEOUT;
    mav_dns_type_name(qn.type, tname, sizeof tname);
    if (o.json) {
        printf("{\"name\":");
        json_str(stdout, qn.name);
        printf(",\"type\":\"%s\",\"verdict\":\"%s\",\"reason\":\"%s\","
               "\"status\":\"%s\",\"rrset\":[",
               tname, mav_dnssec_verdict_str(r.dnssec),
               mav_dnssec_reason_str(r.dnssec_reason),
               mav_dns_status_str(r.status));
    } else if (r.dnssec == MAV_DNSSEC_SECURE) {
        printf("secure\n");
    } else {
        printf("%s: %s\n", mav_dnssec_verdict_str(r.dnssec),
               r.status == MAV_DNS_TIMEOUT || r.status == MAV_DNS_SERVFAIL ||
                       r.status == MAV_DNS_FAILED
                   ? mav_dns_status_str(r.status)
                   : mav_dnssec_reason_str(r.dnssec_reason));
    }
    if (r.status == MAV_DNS_ANSWER) {
        mav_dns_answer a;
        mav_dns_rr rr;
        if (mav_dns_answer_init(&net.dns, h, &a) == MAV_OK) {
            while (mav_dns_answer_next(&a, &rr) == 1) {
                if (mav_dns_rdata_to_text(&a.msg, &rr, rdtext, sizeof rdtext) !=
                    MAV_OK)
                    continue;
                mav_dns_name_to_text(rr.owner, owner, sizeof owner, NULL);
                if (o.json) {
                    printf("%s{\"owner\":", first ? "" : ",");
                    json_str(stdout, owner);
                    printf(",\"ttl\":%lu,\"rdata\":", (unsigned long)rr.ttl);
                    json_str(stdout, rdtext);
                    printf("}");
                } else {
                    printf("%s %lu IN %s %s\n", owner, (unsigned long)rr.ttl,
                           tname, rdtext);
                }
                first = 0;
            }
        }
    } else if (!o.json) {
        mav_dns_name_to_text(r.name_len ? r.name : qn.wire, owner, sizeof owner,
                             NULL);
        printf("; %s %s %s\n", owner, tname, mav_dns_status_str(r.status));
    }
    if (o.json)
        printf("]");
    if (h && answer_signer(h, qn.type, signer))
        print_chain(signer, o.json);
    else if (!o.json)
        printf("chain: (no signature on the answer)\n");
    if (o.json) {
        const mav_dns_stats *s = mav_dns_get_stats(&net.dns);
        printf(",\"signature_checks\":%lu,\"key_lookups\":%lu}\n",
               (unsigned long)s->sig_checks, (unsigned long)s->key_lookups);
    }
    if (h)
        mav_dns_release(&net.dns, h);
    tool_net_close(&net);
    return TOOL_EXIT_OK;
}
