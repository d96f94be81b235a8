/* SPDX-License-Identifier: MIT */
/*
 * test_spf_diff.c - differential test of mav's SPF against pyspf
 * (python3-spf, RFC 7208 mode), the reference implementation behind the
 * OpenSPF suite. tools/spf-diff draws SPF_DIFF_CASES records at random
 * from the RFC 7208 grammar (seeded, so a failure reproduces: the seed
 * and case number are printed), with nested includes, redirects,
 * macros, CIDR lengths and void lookups; tools/dnsworld serves them with
 * NSD behind Unbound on 127.0.0.1, and pyspf (the system's
 * /usr/bin/python3, not a pyenv one) and mav both ask that Unbound. The
 * results must be the same for every case, except where pyspf counts a
 * redirect before its record's mechanisms have run (RFC 7208 §6.1 says a
 * redirect is only evaluated when nothing matched): those are reported
 * apart, each with pyspf's message.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mav_posix.h"
#include "mav_spf.h"
#include "test.h"

#ifndef SPF_DIFF_CASES
#define SPF_DIFF_CASES 3000
#endif
#define SPF_DIFF_SEED 7208

static mav_posix px;
static mav_dns_ctx dns;
static mav_spf_ctx spf;

static const mav_spf_outcome *run_mav(const char *ip, const char *helo,
                                      const char *mail_from)
{
    mav_spf_input in;
    int rc, rounds;

    memset(&in, 0, sizeof in);
    if (mav_posix_parse_addr(ip, &in.client) != MAV_OK)
        return NULL;
    in.helo = helo;
    in.mail_from = mail_from;
    in.now = 1700000000;
    rc = mav_spf_start(&spf, &in);
    for (rounds = 0; rc == MAV_PENDING && rounds < 200; rounds++) {
        mav_posix_run(&px, 10000);
        rc = mav_spf_poll(&spf);
    }
    if (rc != MAV_OK) {
        mav_spf_abort(&spf);
        return NULL;
    }
    return mav_spf_get(&spf);
}

void suite_spf_diff(void)
{
    char dir[600], path[700], line[4096], recursor[64] = "";
    unsigned total = 0, agree = 0, redirect_counted = 0;
    mav_addr server;
    FILE *f;

    snprintf(dir, sizeof dir, "%s/spf-diff", test_tmpdir());
    test_sh("tools/dnsworld stop '%s/world' >/dev/null 2>&1; rm -rf '%s'",
            dir, dir);
    CHECK_INT("spf-diff gen",
              test_sh("tools/spf-diff gen %d %d '%s'", SPF_DIFF_SEED,
                      SPF_DIFF_CASES, dir), 0);
    if (test_sh("tools/dnsworld start '%s/world' '%s/zones' >/dev/null",
                dir, dir) != 0) {
        CHECK_L("the differential test's DNS world starts", 0);
        return;
    }
    snprintf(path, sizeof path, "%s/world/env", dir);
    if ((f = fopen(path, "r")) != NULL) {
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "MAV_TEST_RECURSOR=", 18) == 0)
                snprintf(recursor, sizeof recursor, "%.60s", line + 18);
        fclose(f);
    }
    recursor[strcspn(recursor, "\n")] = 0;
    CHECK_INT("pyspf runs",
              test_sh("tools/spf-diff pyspf '%s' '%s'", dir, recursor), 0);
    mav_posix_init(&px);
    if (mav_posix_parse_addr(recursor, &server) != MAV_OK ||
        mav_dns_init(&dns, &px.port) != MAV_OK ||
        mav_dns_add_server(&dns, &server) != MAV_OK) {
        CHECK_L("resolver set-up", 0);
        test_sh("tools/dnsworld stop '%s/world' >/dev/null", dir);
        return;
    }
    mav_dns_set_trust_anchors(&dns, NULL, 0); /* the world is unsigned */
    mav_posix_attach(&px, &dns);
    mav_spf_init(&spf, &dns);
    snprintf(path, sizeof path, "%s/expected", dir);
    if ((f = fopen(path, "r")) == NULL) {
        CHECK_L("pyspf's results", 0);
    } else {
        while (fgets(line, sizeof line, f)) {
            char *fl[7], *p = line;
            const mav_spf_outcome *o;
            const char *got;
            int k;
            for (k = 0; k < 7; k++) {
                fl[k] = p;
                p = strchr(p, '\t');
                if (!p && k < 6)
                    break;
                if (p)
                    *p++ = 0;
            }
            if (k < 6)
                continue;
            fl[6][strcspn(fl[6], "\n")] = 0;
            total++;
            o = run_mav(fl[1], fl[2], fl[3]);
            got = o ? mav_spf_result_str(o->result) : "unfinished";
            if (strcmp(got, fl[4]) == 0) {
                agree++;
                continue;
            }
            if (strcmp(fl[5], "redirect-counted") == 0) {
                redirect_counted++;
                printf("  spf-diff case %s: pyspf %s (%s), mav %s: pyspf "
                       "counted a redirect its record never reached "
                       "(RFC 7208 §6.1)\n", fl[0], fl[4], fl[6], got);
                continue;
            }
            printf("  spf-diff seed %d case %s: ip %s helo %s from %s: "
                   "pyspf %s (%s), mav %s (%s '%s' in %s)\n",
                   SPF_DIFF_SEED, fl[0], fl[1], fl[2], fl[3], fl[4], fl[6],
                   got, o && o->error ? o->error : "term",
                   o ? o->term : "", o ? o->domain : "");
            CHECK_L("mav and pyspf agree", 0);
        }
        fclose(f);
    }
    mav_posix_close(&px);
    test_sh("tools/dnsworld stop '%s/world' >/dev/null", dir);
    printf("SPF differential vs pyspf: %u cases, %u agree, %u where pyspf "
           "counts an unreached redirect\n",
           total, agree, redirect_counted);
    CHECK_L("the differential test ran its cases",
            total >= SPF_DIFF_CASES);
    test_passed += agree;
}
