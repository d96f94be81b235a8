/* SPDX-License-Identifier: MIT */
/*
 * cmd_verify.c - "mav verify" and "mav dmarc": one message through the
 * whole verifier (core/mav_verify.h).
 *
 *   mav verify --ip ADDR --helo NAME --mail-from ADDR [FILE|-]
 *              [--resolver ...|--zone FILE] [--trust-anchor FILE]
 *              [--now UNIXTIME] [--authserv-id ID] [--json]
 * prints the Authentication-Results field an appliance would add;
 * "mav dmarc" (same options) prints the spf, dkim and dmarc results as
 * separate lines, with DMARC's policy, disposition and domains. The
 * message is read as SMTP carries it (bare LF becomes CRLF). A message
 * that is verified, whatever the outcome, exits 0; usage errors exit 2.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mav_verify.h"
#include "tool.h"

static const char usage[] =
    "usage: mav verify|dmarc --ip ADDR --helo NAME --mail-from ADDR "
    "[FILE|-]\n"
    "       [--resolver IP[:PORT]|--zone FILE] [--trust-anchor FILE] "
    "[--now UNIXTIME]\n"
    "       [--authserv-id ID] [--timeout-ms N] [--json]";

static mav_verify_ctx ver;
static tool_net net;

static void to_verifier(void *arg, const uint8_t *p, size_t n)
{
    (void)arg;
    mav_verify_feed(&ver, p, n);
}

/* ,"key":"value" with the value escaped; NULL prints "". */
static void json_kv(const char *key, const char *val)
{
    printf(",\"%s\":", key);
    json_str(stdout, val ? val : "");
}

/*
 * "mav verify --json": one object with every result, its reason and
 * DNSSEC verdict, the work spent against the budget, and the field:
 *   {"spf":{...},"dkim":[{...},...],"dmarc":{...},"work":{...},
 *    "authentication_results":"..."}
 */
static void print_json(const char *field)
{
    const mav_spf_outcome *spf = mav_verify_spf(&ver);
    const mav_dmarc_outcome *dm = mav_verify_dmarc(&ver);
    const mav_dkim_ctx *dk = mav_verify_dkim(&ver);
    unsigned i, n = dk ? mav_dkim_count(dk) : 0, first = 1;
    mav_verify_work w;

    mav_verify_work_get(&ver, &w);
    printf("{\"spf\":{\"result\":\"%s\"", mav_spf_result_str(spf->result));
    json_kv("reason", spf->error);
    printf(",\"identity\":\"%s\"", spf->identity_helo ? "helo" : "mailfrom");
    json_kv("domain", spf->domain);
    json_kv("term", spf->term);
    printf(",\"dnssec\":\"%s\",\"queries\":%u,\"dns_terms\":%u,"
           "\"void_lookups\":%u}",
           mav_dnssec_verdict_str(spf->dnssec), w.spf_queries,
           (unsigned)spf->dns_terms, (unsigned)spf->void_lookups);
    printf(",\"dkim\":[");
    for (i = 0; i < n; i++) {
        mav_dkim_info in;
        if (mav_verify_dkim_get(&ver, i, &in) != MAV_OK)
            continue;
        printf("%s{\"result\":\"%s\"", first ? "" : ",",
               mav_dkim_result_str(in.result));
        first = 0;
        json_kv("reason", in.reason);
        json_kv("d", in.d);
        json_kv("s", in.s);
        printf(",\"a\":\"%s\"", mav_dkim_alg_str(in.alg));
        json_kv("b", in.b_prefix);
        printf(",\"key_bits\":%u,\"dnssec\":\"%s\",\"testing\":%s}",
               in.key_bits, mav_dnssec_verdict_str(in.key_dnssec),
               in.testing ? "true" : "false");
    }
    printf("],\"dkim_unchecked\":%u,\"dmarc\":",
           dk ? mav_dkim_unchecked(dk) : 0);
    if (dm) {
        printf("{\"result\":\"%s\"", mav_dmarc_result_str(dm->result));
        json_kv("reason", dm->reason);
        json_kv("from", dm->author);
        printf(",\"policy\":\"%s\",\"policy_tag\":\"%s\","
               "\"disposition\":\"%s\",\"testing\":%s",
               mav_dmarc_policy_str(dm->policy), dm->policy_tag,
               mav_dmarc_policy_str(dm->disposition),
               dm->testing ? "true" : "false");
        json_kv("policy_domain", dm->policy_domain);
        json_kv("org_domain", dm->org_domain);
        printf(",\"dnssec\":\"%s\",\"policy_dnssec\":\"%s\","
               "\"queries\":%u}",
               mav_dnssec_verdict_str(dm->dnssec),
               mav_dnssec_verdict_str(dm->policy_dnssec), w.dmarc_queries);
    } else {
        printf("{\"result\":\"none\",\"reason\":\"%s\",\"queries\":%u}",
               mav_verify_from_state(&ver) == MAV_VERIFY_FROM_NONE
                   ? "no From field"
                   : "no single author domain",
               w.dmarc_queries);
    }
    printf(",\"work\":{\"queries\":%u,\"spf_queries\":%u,"
           "\"dkim_queries\":%u,\"dmarc_queries\":%u,\"sigchecks\":%u,"
           "\"max_queries\":%u,\"max_sigchecks\":%u,\"exceeded\":%s}",
           w.queries, w.spf_queries, w.dkim_queries, w.dmarc_queries,
           w.sigchecks, w.max_queries, w.max_sigchecks,
           w.exceeded ? "true" : "false");
    printf(",\"authentication_results\":");
    json_str(stdout, field);
    printf("}\n");
}

/* "mav dmarc": one line per result, then DMARC's details. */
static void print_results(int json)
{
    const mav_spf_outcome *spf = mav_verify_spf(&ver);
    const mav_dmarc_outcome *dm = mav_verify_dmarc(&ver);
    const mav_dkim_ctx *dk = mav_verify_dkim(&ver);
    unsigned i, n = dk ? mav_dkim_count(dk) : 0;

    if (json) {
        printf("{\"spf\":{\"result\":\"%s\",\"dnssec\":\"%s\"},\"dkim\":[",
               mav_spf_result_str(spf->result),
               mav_dnssec_verdict_str(spf->dnssec));
        for (i = 0; i < n; i++) {
            mav_dkim_info in;
            if (mav_verify_dkim_get(&ver, i, &in) != MAV_OK)
                continue;
            printf("%s{\"result\":\"%s\",\"d\":", i ? "," : "",
                   mav_dkim_result_str(in.result));
            json_str(stdout, in.d ? in.d : "");
            printf(",\"reason\":");
            json_str(stdout, in.reason ? in.reason : "");
            printf("}");
        }
        printf("],\"dmarc\":");
        if (dm) {
            printf("{\"result\":\"%s\",\"from\":",
                   mav_dmarc_result_str(dm->result));
            json_str(stdout, dm->author);
            printf(",\"policy\":\"%s\",\"disposition\":\"%s\",\"reason\":",
                   mav_dmarc_policy_str(dm->policy),
                   mav_dmarc_policy_str(dm->disposition));
            json_str(stdout, dm->reason ? dm->reason : "");
            printf(",\"dnssec\":\"%s\"}}\n",
                   mav_dnssec_verdict_str(dm->dnssec));
        } else {
            printf("{\"result\":\"none\"}}\n");
        }
        return;
    }
    printf("spf=%s (dnssec: %s)\n", mav_spf_result_str(spf->result),
           mav_dnssec_verdict_str(spf->dnssec));
    if (n == 0)
        printf("dkim=none\n");
    for (i = 0; i < n; i++) {
        mav_dkim_info in;
        if (mav_verify_dkim_get(&ver, i, &in) == MAV_OK)
            printf("dkim=%s header.d=%s%s%s\n", mav_dkim_result_str(in.result),
                   in.d ? in.d : "",
                   in.reason && in.reason[0] ? " reason=" : "",
                   in.reason ? in.reason : "");
    }
    if (!dm) {
        printf("dmarc=none (DMARC does not apply: the From field)\n");
        return;
    }
    printf("dmarc=%s header.from=%s policy=%s disposition=%s%s\n",
           mav_dmarc_result_str(dm->result), dm->author,
           mav_dmarc_policy_str(dm->policy),
           mav_dmarc_policy_str(dm->disposition),
           dm->testing ? " (t=y: lowered one step)" : "");
    printf("  reason: %s; policy record at %s; organizational domain %s; "
           "dnssec: %s\n",
           dm->reason ? dm->reason : "",
           dm->policy_domain[0] ? dm->policy_domain : "-",
           dm->org_domain[0] ? dm->org_domain : "-",
           mav_dnssec_verdict_str(dm->dnssec));
}

static int run(int argc, char **argv, int results_only)
{
    const char *ip = NULL, *helo = NULL, *mail_from = NULL, *path = NULL;
    const char *authserv = "mav.invalid";
    static char field[8192];
    static uint8_t buf[65536];
    mav_verify_envelope_in env;
    tool_opts o;
    size_t n, len;
    FILE *f;
    int i, rc, last_cr = 0;

    memset(&o, 0, sizeof o);
    o.now = INT64_MIN;
    memset(&env, 0, sizeof env);
    for (i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int c = tool_common_opt(argc, argv, &i, &o);
        if (c < 0)
            return TOOL_EXIT_USAGE;
        if (c > 0)
            continue;
        if (strcmp(argv[i], "--ip") == 0 || strcmp(argv[i], "--helo") == 0 ||
            strcmp(argv[i], "--mail-from") == 0 ||
            strcmp(argv[i], "--authserv-id") == 0) {
            if (!v)
                return tool_usage_error("%s needs a value", argv[i]);
            if (argv[i][2] == 'i')
                ip = v;
            else if (argv[i][2] == 'h')
                helo = v;
            else if (argv[i][2] == 'm')
                mail_from = v;
            else
                authserv = v;
            i++;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != 0)
            return tool_usage_error("%s: unknown option '%s'\n%s", argv[0],
                                    argv[i], usage);
        if (path)
            return tool_usage_error("%s: one message at a time", argv[0]);
        path = argv[i];
    }
    if (!ip || !helo || !mail_from)
        return tool_usage_error("%s: --ip, --helo and --mail-from are "
                                "needed\n%s",
                                argv[0], usage);
    if (tool_parse_ip(ip, &env.client) != 0)
        return tool_usage_error("%s: '%s' is not an IP address", argv[0], ip);
    env.helo = helo;
    env.mail_from = mail_from;
    if (!path || strcmp(path, "-") == 0)
        f = stdin;
    else if (!(f = fopen(path, "rb"))) {
        fprintf(stderr, "mav: cannot read '%s'\n", path);
        return TOOL_EXIT_USAGE;
    }
    if ((rc = tool_net_open(&net, &o)) != 0) {
        if (f != stdin)
            fclose(f);
        return rc;
    }
    mav_verify_init(&ver, &net.dns,
                    o.now != INT64_MIN ? o.now : (int64_t)time(NULL));
    if (mav_verify_envelope(&ver, &env) != MAV_OK) {
        fprintf(stderr, "mav: the envelope does not fit the configuration\n");
        tool_net_close(&net);
        return TOOL_EXIT_USAGE;
    }
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        tool_feed_crlf(to_verifier, NULL, buf, n, &last_cr);
    if (f != stdin)
        fclose(f);
    mav_verify_end(&ver);
    while ((rc = mav_verify_poll(&ver)) == MAV_PENDING) {
        tool_net_run(&net);
        if ((rc = mav_verify_poll(&ver)) == MAV_PENDING &&
            mav_dns_poll(&net.dns, NULL) == MAV_OK) {
            /* the resolver is idle: what is still missing never comes */
            mav_verify_abort(&ver);
            break;
        }
        if (rc == MAV_OK)
            break;
    }
    if (rc != MAV_OK) {
        fprintf(stderr, "mav: verification did not finish (timeout)\n");
        tool_net_close(&net);
        return TOOL_EXIT_FAIL;
    }
    if (results_only) {
        print_results(o.json);
    } else if (mav_verify_authres(&ver, authserv, field, sizeof field, &len) ==
               MAV_OK) {
        if (o.json) {
            print_json(field);
        } else {
            fputs(field, stdout);
        }
    } else {
        fprintf(stderr, "mav: Authentication-Results did not fit\n");
        tool_net_close(&net);
        return TOOL_EXIT_FAIL;
    }
    tool_net_close(&net);
    return TOOL_EXIT_OK;
}

int cmd_verify(int argc, char **argv)
{
    return run(argc, argv, 0);
}

int cmd_dmarc(int argc, char **argv)
{
    return run(argc, argv, 1);
}
