/* SPDX-License-Identifier: MIT */
/*
 * test_dnssec_live.c - mav's validator on the signed test world
 * (tests/world-signed: a private root, TLDs and 25 zones signed at test
 * time by dnssec-signzone and ldns-signzone, served by NSD behind a
 * non-validating Unbound; tools/run-tests builds and starts it and sets
 * MAV_TEST_SIGNED_DIR and MAV_TEST_SIGNED_RECURSOR). Every case of
 * tests/world-signed/cases.vec is resolved with the world's root key as
 * the only trust anchor and the world's `now`, and mav's verdict must be
 * the case's `expect` (which check-validators holds against delv and
 * unbound-host). Then: without a wall clock a valid chain is
 * indeterminate; a warm answer costs one signature check; the KeyTrap
 * zone stays within the work budget.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dns_text.h"
#include "mav_posix.h"
#include "signed_world.h"
#include "test.h"
#include "vec.h"

static mav_posix px;
static mav_dns_ctx dns;
static int64_t world_now;

static int setup(int64_t now)
{
    const char *dir = getenv("MAV_TEST_SIGNED_DIR");
    const char *srv = getenv("MAV_TEST_SIGNED_RECURSOR");

    if (!dir || !srv) {
        test_fail_at(__FILE__, __LINE__,
                     "no signed test world: run under tools/run-tests (it "
                     "sets MAV_TEST_SIGNED_DIR and MAV_TEST_SIGNED_RECURSOR)");
        return -1;
    }
    if (signed_world_resolver(&px, &dns, dir, srv, now) != 0) {
        test_fail_at(__FILE__, __LINE__, "resolver set-up failed");
        return -1;
    }
    return 0;
}

static mav_dns_result resolve(const char *name, const char *type)
{
    uint8_t w[MAV_DNS_NAME_MAX];
    size_t wl;
    uint16_t t = 0;
    mav_dns_handle h;
    mav_dns_result r;

    memset(&r, 0, sizeof r);
    if (mav_dns_name_from_text(name, strlen(name), NULL, w, &wl) != MAV_OK ||
        mav_dns_type_from_name(type, &t) != MAV_OK)
        return r;
    if (mav_dns_lookup(&dns, w, wl, t, &h) == MAV_PENDING)
        mav_posix_run(&px, 20000);
    mav_dns_get_result(&dns, h, &r);
    mav_dns_release(&dns, h);
    return r;
}

static unsigned agreed, cases;

static void one_case(const vec_case *c, void *arg)
{
    const char *name = vec_get(c, "name"), *q = vec_get(c, "qname");
    const char *t = vec_get(c, "qtype"), *want = vec_get(c, "expect");
    char qname[300], label[200];
    mav_dns_result r;
    const char *got;

    (void)arg;
    if (!name || !q || !t || !want) {
        CHECK_L("case has name, qname, qtype, expect", 0);
        return;
    }
    cases++;
    snprintf(qname, sizeof qname, "%s%s", q,
             q[strlen(q) - 1] == '.' ? "" : ".");
    r = resolve(qname, t);
    got = mav_dnssec_verdict_str(r.dnssec);
    snprintf(label, sizeof label, "%s (%s %s)", name, q, t);
    CHECK_L(label, strcmp(got, want) == 0);
    if (strcmp(got, want) == 0)
        agreed++;
    else
        fprintf(stderr, "  %s: mav %s (%s, status %s), expected %s\n", name,
                got, mav_dnssec_reason_str(r.dnssec_reason),
                mav_dns_status_str(r.status), want);
}

void suite_dnssec_live(void)
{
    const char *dir = getenv("MAV_TEST_SIGNED_DIR");
    mav_dns_result r;
    uint32_t before;

    if (!dir) {
        CHECK_L("MAV_TEST_SIGNED_DIR set (run under tools/run-tests)", 0);
        return;
    }
    world_now = signed_world_now(dir);
    CHECK_L("world's now read", world_now > 0);
    if (setup(world_now) != 0)
        return;
    vec_each("../world-signed/cases.vec", one_case, NULL);
    printf("  %u of %u cases give the expected verdict\n", agreed, cases);

    /* warm: the keys of alg13.test are cached now; one more answer of
     * that zone costs one signature check */
    r = resolve("_dmarc.alg13.test.", "TXT");
    CHECK_INT("warm answer secure", r.dnssec, MAV_DNSSEC_SECURE);
    before = dns.stats.sig_checks;
    r = resolve("alg13.test.", "SOA");
    CHECK_INT("another warm answer secure", r.dnssec, MAV_DNSSEC_SECURE);
    CHECK_INT("...for one signature check", dns.stats.sig_checks - before, 1);
    printf("  warm answer: %u signature check(s)\n",
           (unsigned)(dns.stats.sig_checks - before));
    mav_posix_close(&px);

    /* KeyTrap: 16 keys share a tag, 16 bad RRSIGs: bounded work */
    if (setup(world_now) != 0)
        return;
    before = dns.stats.sig_checks;
    r = resolve("www.keytrap.test.", "A");
    CHECK_INT("keytrap bogus", r.dnssec, MAV_DNSSEC_BOGUS);
    CHECK_L("keytrap stopped by a limit",
            mav_dnssec_reason_is_limit(r.dnssec_reason));
    printf("  keytrap: bogus (%s) after %u signature checks (budget %u)\n",
           mav_dnssec_reason_str(r.dnssec_reason),
           (unsigned)(dns.stats.sig_checks - before),
           (unsigned)MAV_CFG_DNSSEC_MAX_VALIDATIONS);
    CHECK_L("keytrap work within the budget",
            dns.stats.sig_checks - before <= MAV_CFG_DNSSEC_MAX_VALIDATIONS);
    mav_posix_close(&px);

    /* no wall clock: a valid chain cannot be proven */
    if (setup(MAV_PORT_TIME_UNKNOWN) != 0)
        return;
    r = resolve("www.alg13.test.", "A");
    CHECK_INT("no clock: indeterminate", r.dnssec, MAV_DNSSEC_INDETERMINATE);
    CHECK_INT("no clock: reason", r.dnssec_reason, MAV_DNSSEC_R_NO_CLOCK);
    mav_posix_close(&px);
}
