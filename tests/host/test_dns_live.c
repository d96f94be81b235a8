/* SPDX-License-Identifier: MIT */
/*
 * test_dns_live.c - the resolver over the POSIX port against the real
 * servers of the test DNS world (tests/world: NSD authoritative, Unbound
 * recursive, on 127.0.0.1; tools/run-tests starts them and exports
 * MAV_TEST_RECURSOR / MAV_TEST_AUTH). For every name of digcmp's table
 * mav's status and answer set are compared with what `dig` says through
 * the same server: an independent client, the same answers. Then: the
 * 2.2 KB TXT set must come over TCP after TC, negative answers must be
 * cached for the SOA minimum, and a 2-second TTL must run out.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "digcmp.h"
#include "mav_dns_text.h"
#include "mav_posix.h"
#include "test.h"

static mav_posix px;
static mav_dns_ctx dns;

static int start(const char *env)
{
    const char *srv = getenv(env);
    mav_addr a;

    if (!srv || mav_posix_parse_addr(srv, &a) != MAV_OK) {
        test_fail_at(__FILE__, __LINE__,
                     "no test DNS world: run under tools/run-tests "
                     "(it sets MAV_TEST_RECURSOR and MAV_TEST_AUTH)");
        return -1;
    }
    mav_posix_init(&px);
    /* an unsigned test world: DNSSEC is tested in test_dnssec_live.c */
    if (mav_dns_init(&dns, &px.port) != MAV_OK ||
        mav_dns_set_trust_anchors(&dns, NULL, 0) != MAV_OK ||
        mav_dns_add_server(&dns, &a) != MAV_OK)
        return -1;
    mav_posix_attach(&px, &dns);
    return 0;
}

static int lookup(const char *name, uint16_t type, mav_dns_handle *h,
                  mav_dns_result *r)
{
    uint8_t w[MAV_DNS_NAME_MAX];
    size_t wl;
    int rc;

    memset(r, 0, sizeof *r);
    if (mav_dns_name_from_text(name, strlen(name), NULL, w, &wl) != MAV_OK)
        return MAV_ERR_ARG;
    rc = mav_dns_lookup(&dns, w, wl, type, h);
    if (rc == MAV_PENDING)
        mav_posix_run(&px, 10000);
    mav_dns_get_result(&dns, *h, r);
    return rc;
}

/* digcmp's resolve: lookup() over the POSIX port */
static void resolve(void *arg, const char *name, uint16_t type,
                    mav_dns_handle *h, mav_dns_result *r)
{
    (void)arg;
    lookup(name, type, h, r);
}

static void against_dig(const char *server)
{
    char label[400];
    unsigned i;

    for (i = 0; i < digcmp_count; i++) {
        snprintf(label, sizeof label, "%s %s via %s", digcmp_names[i][0],
                 digcmp_names[i][1], server);
        CHECK_L(label, digcmp_compare(&dns, resolve, NULL, server,
                                      digcmp_names[i][0], digcmp_names[i][1],
                                      "mav") == 0);
    }
}

static void tcp_negative_ttl(void)
{
    mav_dns_handle h;
    mav_dns_result r;
    uint32_t tcp0 = dns.stats.sent_tcp, sent;
    int rc;

    mav_dns_cache_flush(&dns);
    lookup("txt-big.mav.test.", MAV_DNS_TYPE_TXT, &h, &r);
    CHECK_INT("txt-big answered", r.status, MAV_DNS_ANSWER);
    CHECK_INT("txt-big over TCP", dns.stats.sent_tcp - tcp0, 1);
    mav_dns_release(&dns, h);

    /* a name nobody asked before: the recursor's own negative cache has
     * not started counting it down */
    lookup("never-asked.mav.test.", MAV_DNS_TYPE_A, &h, &r);
    CHECK_INT("NXDOMAIN", r.status, MAV_DNS_NXDOMAIN);
    CHECK_L("negative TTL from mav.test's SOA minimum (7)", r.ttl <= 7 &&
                                                               r.ttl >= 6);
    mav_dns_release(&dns, h);
    sent = dns.stats.sent_udp;
    rc = lookup("never-asked.mav.test.", MAV_DNS_TYPE_A, &h, &r);
    CHECK_INT("negative answer cached", rc, MAV_OK);
    CHECK_INT("nothing sent", dns.stats.sent_udp - sent, 0);
    mav_dns_release(&dns, h);

    lookup("short-ttl.mav.test.", MAV_DNS_TYPE_A, &h, &r);
    CHECK_INT("short-ttl", r.status, MAV_DNS_ANSWER);
    mav_dns_release(&dns, h);
    rc = lookup("short-ttl.mav.test.", MAV_DNS_TYPE_A, &h, &r);
    CHECK_INT("cached within its 2 s", rc, MAV_OK);
    mav_dns_release(&dns, h);
    {
        struct timespec ts = {2, 200000000};
        nanosleep(&ts, NULL);
    }
    rc = lookup("short-ttl.mav.test.", MAV_DNS_TYPE_A, &h, &r);
    CHECK_INT("expired after 2 s: asked again", rc, MAV_PENDING);
    CHECK_INT("and answered", r.status, MAV_DNS_ANSWER);
    mav_dns_release(&dns, h);
}

void suite_dns_live(void)
{
    const char *rec = getenv("MAV_TEST_RECURSOR");
    const char *auth = getenv("MAV_TEST_AUTH");

    if (start("MAV_TEST_RECURSOR") != 0)
        return;
    against_dig(rec);
    tcp_negative_ttl();
    printf("  sizeof(mav_dns_ctx) = %zu bytes (%u transactions of %zu, "
           "%u lookups of %zu, cache %u)\n",
           sizeof(mav_dns_ctx), MAV_CFG_DNS_INFLIGHT, sizeof(mav_dns_txn),
           MAV_CFG_DNS_QUERIES, sizeof(mav_dns_query),
           MAV_CFG_DNS_CACHE_BYTES);
    mav_posix_close(&px);
    if (start("MAV_TEST_AUTH") != 0)
        return;
    against_dig(auth);
    mav_posix_close(&px);
}
