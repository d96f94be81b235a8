/* SPDX-License-Identifier: MIT */
/*
 * cmd_spf.c - "mav spf --ip ADDR --mail-from ADDR --helo NAME": one SPF
 * check_host() (RFC 7208) through mav's resolver, or a zone file.
 *
 * Output: a first line in RFC 8601 §2.7.2 syntax, "spf=<result>
 * smtp.mailfrom=<addr>" (smtp.helo=<name> when the HELO identity was
 * checked), then the reason: the deciding term and its record's domain,
 * or the error with its offset in the record, then the explanation of a
 * fail, the DNSSEC verdict of the weakest answer relied on, and the
 * §4.6.4 counters. --json gives the same as one object. A check that
 * ends, whatever its result, exits 0; usage errors exit 2.
 */
#include <string.h>
#include <time.h>

#include "mav_spf.h"
#include "tool.h"

static const char usage[] =
    "usage: mav spf --ip ADDR --mail-from ADDR --helo NAME "
    "[--resolver IP[:PORT]|--zone FILE] [--receiver NAME] [--json]";

/* The client address in text form to a mav_addr. */
int cmd_spf(int argc, char **argv)
{
    tool_opts o;
    static tool_net net;
    static mav_spf_ctx spf;
    mav_spf_input in;
    const mav_spf_outcome *out;
    const char *ip = NULL, *mail_from = NULL, *helo = NULL;
    int i, rc;

    memset(&o, 0, sizeof o);
    memset(&in, 0, sizeof in);
    o.now = INT64_MIN;
    for (i = 1; i < argc; i++) {
        int c = tool_common_opt(argc, argv, &i, &o);
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (c < 0)
            return TOOL_EXIT_USAGE;
        if (c > 0)
            continue;
        if (v == NULL)
            return tool_usage_error("spf: '%s' needs a value\n%s", argv[i],
                                    usage);
        if (strcmp(argv[i], "--ip") == 0)
            ip = v;
        else if (strcmp(argv[i], "--mail-from") == 0)
            mail_from = v;
        else if (strcmp(argv[i], "--helo") == 0)
            helo = v;
        else if (strcmp(argv[i], "--receiver") == 0)
            in.receiver = v;
        else
            return tool_usage_error("spf: unknown option '%s'\n%s",
                                    argv[i], usage);
        i++;
    }
    if (!ip || !mail_from || !helo)
        return tool_usage_error("spf: --ip, --mail-from and --helo are "
                                "needed\n%s", usage);
    if (tool_parse_ip(ip, &in.client) != 0)
        return tool_usage_error("spf: '%s' is not an IP address", ip);
    in.mail_from = mail_from;
    in.helo = helo;
    in.now = o.now != INT64_MIN ? (uint64_t)o.now : (uint64_t)time(NULL);
    if ((rc = tool_net_open(&net, &o)) != 0)
        return rc;
    mav_spf_init(&spf, &net.dns);
    rc = mav_spf_start(&spf, &in);
    if (rc < 0) {
        tool_net_close(&net);
        return tool_usage_error("spf: %s (identity or HELO too long?)",
                                mav_strerror(rc));
    }
    /* pump: the resolver runs until idle, then SPF issues its next
     * step; each round is one step of check_host() */
    for (i = 0; rc == MAV_PENDING && i < 1000; i++) {
        tool_net_run(&net);
        rc = mav_spf_poll(&spf);
    }
    if (rc == MAV_PENDING) {
        mav_spf_abort(&spf);
        fprintf(stderr, "mav: spf: no result within the time limit\n");
        tool_net_close(&net);
        return TOOL_EXIT_FAIL;
    }
    out = mav_spf_get(&spf);
    if (o.json) {
        printf("{\"result\":\"%s\",\"identity\":\"%s\",\"mailfrom\":",
               mav_spf_result_str(out->result),
               out->identity_helo ? "helo" : "mailfrom");
        json_str(stdout, mail_from);
        printf(",\"helo\":");
        json_str(stdout, helo);
        printf(",\"domain\":");
        json_str(stdout, out->domain);
        printf(",\"term\":");
        json_str(stdout, out->term);
        printf(",\"error\":");
        if (out->error)
            json_str(stdout, out->error);
        else
            printf("null");
        printf(",\"error_offset\":%ld,\"explanation\":",
               (long)out->error_offset);
        json_str(stdout, out->explanation);
        printf(",\"dnssec\":\"%s\",\"dns_terms\":%u,\"void_lookups\":%u,"
               "\"queries\":%u}\n",
               mav_dnssec_verdict_str(out->dnssec), out->dns_terms,
               out->void_lookups, out->queries);
    } else {
        if (out->identity_helo)
            printf("spf=%s smtp.helo=%s\n", mav_spf_result_str(out->result),
                   helo);
        else
            printf("spf=%s smtp.mailfrom=%s\n",
                   mav_spf_result_str(out->result), mail_from);
        if (out->error)
            printf("reason: %s (domain %s, term '%s', offset %ld)\n",
                   out->error, out->domain, out->term,
                   (long)out->error_offset);
        else if (out->term[0])
            printf("reason: matched '%s' in the record of %s\n", out->term,
                   out->domain);
        if (out->explanation[0])
            printf("explanation: %s\n", out->explanation);
        printf("dnssec: %s  dns-terms: %u  void-lookups: %u  queries: %u\n",
               mav_dnssec_verdict_str(out->dnssec), out->dns_terms,
               out->void_lookups, out->queries);
    }
    tool_net_close(&net);
    return TOOL_EXIT_OK;
}
