/* SPDX-License-Identifier: MIT */
/*
 * cmd_dns.c - "mav dns NAME TYPE": one lookup through mav's own resolver,
 * printed like `dig +short` with the status first, or as JSON.
 *
 * Output: a first line "status: S  dnssec: D  ttl: N  name: FINAL"
 * (FINAL is the name after CNAMEs), then one RDATA per line. A lookup
 * that ends, whatever its outcome, exits 0; usage errors exit 2.
 */
#include <string.h>

#include "mav_dns_text.h"
#include "tool.h"

static const char usage[] =
    "usage: mav dns NAME TYPE [--resolver IP[:PORT]] [--zone FILE] "
    "[--timeout-ms N] [--json]";

int cmd_dns(int argc, char **argv)
{
    tool_opts o;
    tool_net *n;
    static tool_net net;
    tool_question qn;
    mav_dns_handle h;
    mav_dns_result r;
    char text[MAV_DNS_NAME_TEXT_MAX], tname[16];
    static char rdtext[65536];
    int rc, first = 1;

    if ((rc = tool_question_args(argc, argv, usage, &o, &qn)) != 0)
        return rc;
    n = &net;
    if ((rc = tool_net_open(n, &o)) != 0)
        return rc;
    rc = mav_dns_lookup(&n->dns, qn.wire, qn.wire_len, qn.type, &h);
    if (rc < 0) {
        fprintf(stderr, "mav: lookup failed: %s\n", mav_strerror(rc));
        tool_net_close(n);
        return TOOL_EXIT_FAIL;
    }
    if (rc == MAV_PENDING)
        tool_net_run(n);
    if (mav_dns_get_result(&n->dns, h, &r) != MAV_OK)
        r.status = MAV_DNS_TIMEOUT; /* our own time limit ran out */
    mav_dns_name_to_text(r.name_len ? r.name : qn.wire, text, sizeof text,
                         NULL);
    mav_dns_type_name(qn.type, tname, sizeof tname);
    if (o.json) {
        printf("{\"name\":");
        json_str(stdout, qn.name);
        printf(",\"type\":\"%s\",\"status\":\"%s\",\"dnssec\":\"%s\","
               "\"ttl\":%lu,\"final_name\":",
               tname, mav_dns_status_str(r.status),
               mav_dnssec_verdict_str(r.dnssec), (unsigned long)r.ttl);
        json_str(stdout, text);
        printf(",\"cnames\":%u,\"answers\":[", (unsigned)r.cnames);
    } else {
        printf("status: %s  dnssec: %s  ttl: %lu  name: %s\n",
               mav_dns_status_str(r.status), mav_dnssec_verdict_str(r.dnssec),
               (unsigned long)r.ttl, text);
    }
    if (r.status == MAV_DNS_ANSWER) {
        mav_dns_answer a;
        mav_dns_rr rr;
        if (mav_dns_answer_init(&n->dns, h, &a) == MAV_OK) {
            while (mav_dns_answer_next(&a, &rr) == 1) {
                if (mav_dns_rdata_to_text(&a.msg, &rr, rdtext, sizeof rdtext) !=
                    MAV_OK)
                    continue;
                if (o.json) {
                    if (!first)
                        putchar(',');
                    json_str(stdout, rdtext);
                } else {
                    puts(rdtext);
                }
                first = 0;
            }
        }
    }
    if (o.json) {
        const mav_dns_stats *s = mav_dns_get_stats(&n->dns);
        printf("],\"queries_udp\":%lu,\"queries_tcp\":%lu}\n",
               (unsigned long)s->sent_udp, (unsigned long)s->sent_tcp);
    }
    mav_dns_release(&n->dns, h);
    tool_net_close(n);
    return TOOL_EXIT_OK;
}
