/* SPDX-License-Identifier: MIT */
/*
 * cmd_dkim.c - "mav dkim [FILE|-]": verify every DKIM signature of a
 * message (RFC 6376, 8301, 8463) through mav's resolver, a zone file
 * (--zone) or a server (--resolver), and print one line per signature in
 * the shape of an Authentication-Results method (RFC 8601 §2.7.1):
 *   dkim=pass header.d=D header.s=S header.a=ALG header.b=XXXXXXXX
 * then the reason, key size, key DNSSEC status and l= coverage; or
 * "dkim=none" for a message without signatures. --json gives the same as
 * one JSON object. The file is streamed in 64 KiB chunks; bare LF line
 * ends (a file saved on Unix) become CRLF, as SMTP would carry them.
 * Exit 0 when verification ran (whatever the results), 2 on usage errors.
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>
#include <time.h>

#include "mav_dkim.h"
#include "tool.h"

static const char usage[] =
    "usage: mav dkim [FILE|-] [--resolver IP[:PORT]|--zone FILE] "
    "[--trust-anchor FILE] [--now UNIXTIME] [--timeout-ms N] [--json]";

static mav_dkim_ctx verifier;
static tool_net net;

/* tool_feed_crlf's sink: the verifier. */
static void to_verifier(void *arg, const uint8_t *p, size_t n)
{
    (void)arg;
    mav_dkim_feed(&verifier, p, n);
}

static void print_json(const mav_dkim_info *in)
{
    printf("{\"result\":\"%s\",\"d\":", mav_dkim_result_str(in->result));
    json_str(stdout, in->d);
    printf(",\"s\":");
    json_str(stdout, in->s);
    printf(",\"a\":\"%s\",\"b\":", mav_dkim_alg_str(in->alg));
    json_str(stdout, in->b_prefix);
    printf(",\"reason\":");
    json_str(stdout, in->reason);
    printf(",\"key_bits\":%u,\"key_dnssec\":\"%s\",\"testing\":%s,"
           "\"time_checked\":%s,\"body_bytes\":%llu",
           in->key_bits, mav_dnssec_verdict_str(in->key_dnssec),
           in->testing ? "true" : "false",
           in->time_checked ? "true" : "false",
           (unsigned long long)in->body_bytes);
    if (in->has_l)
        printf(",\"body_signed\":%llu",
               (unsigned long long)in->body_signed);
    putchar('}');
}

static void print_line(const mav_dkim_info *in)
{
    printf("dkim=%s header.d=%s header.s=%s header.a=%s header.b=%s",
           mav_dkim_result_str(in->result), in->d[0] ? in->d : "-",
           in->s[0] ? in->s : "-", mav_dkim_alg_str(in->alg),
           in->b_prefix[0] ? in->b_prefix : "-");
    if (in->reason[0])
        printf(" reason=\"%s\"", in->reason);
    if (in->key_bits)
        printf(" key=%u-bit", in->key_bits);
    printf(" key-dnssec=%s", mav_dnssec_verdict_str(in->key_dnssec));
    if (in->testing)
        printf(" testing=y");
    if (!in->time_checked)
        printf(" time=unchecked");
    if (in->has_l)
        printf(" l=%llu/%llu", (unsigned long long)in->body_signed,
               (unsigned long long)in->body_bytes);
    putchar('\n');
}

int cmd_dkim(int argc, char **argv)
{
    tool_opts o;
    const char *path = NULL;
    static uint8_t buf[65536];
    FILE *f;
    size_t n;
    int i, rc, last_cr = 0;
    unsigned k, count;
    int64_t now;

    memset(&o, 0, sizeof o);
    o.now = INT64_MIN;
    for (i = 1; i < argc; i++) {
        int c = tool_common_opt(argc, argv, &i, &o);
        if (c < 0)
            return TOOL_EXIT_USAGE;
        if (c > 0)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != 0)
            return tool_usage_error("dkim: unknown option '%s'\n%s", argv[i],
                                    usage);
        if (path)
            return tool_usage_error("dkim: one message at a time\n%s",
                                    usage);
        path = argv[i];
    }
    if (!path || strcmp(path, "-") == 0) {
        f = stdin;
    } else if (!(f = fopen(path, "rb"))) {
        fprintf(stderr, "mav: cannot read '%s'\n", path);
        return TOOL_EXIT_USAGE;
    }
    if ((rc = tool_net_open(&net, &o)) != 0) {
        if (f != stdin)
            fclose(f);
        return rc;
    }
    now = o.now != INT64_MIN ? o.now : (int64_t)time(NULL);
    mav_dkim_init(&verifier, &net.dns, now);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        tool_feed_crlf(to_verifier, NULL, buf, n, &last_cr);
    if (f != stdin)
        fclose(f);
    rc = mav_dkim_finish(&verifier);
    while (rc == MAV_PENDING) {
        tool_net_run(&net);
        rc = mav_dkim_poll(&verifier);
        if (rc == MAV_PENDING) {
            /* the resolver is idle or out of time: nothing will come */
            mav_dkim_abort(&verifier);
            break;
        }
    }
    count = mav_dkim_count(&verifier);
    if (o.json)
        printf("{\"signatures\":[");
    for (k = 0; k < count; k++) {
        mav_dkim_info in;
        if (mav_dkim_get(&verifier, k, &in) != MAV_OK) {
            in.result = MAV_DKIM_TEMPERROR;
            in.reason = "key lookup did not finish";
        }
        if (o.json) {
            if (k)
                putchar(',');
            print_json(&in);
        } else {
            print_line(&in);
        }
    }
    if (o.json) {
        printf("],\"unchecked\":%u,\"result\":\"%s\"}\n",
               mav_dkim_unchecked(&verifier), count ? "signed" : "none");
    } else {
        if (count == 0)
            printf("dkim=none\n");
        if (mav_dkim_unchecked(&verifier))
            printf("dkim=neutral reason=\"%u more signatures not checked "
                   "(MAV_CFG_DKIM_SIGNATURES)\"\n",
                   mav_dkim_unchecked(&verifier));
    }
    tool_net_close(&net);
    return TOOL_EXIT_OK;
}
