/* SPDX-License-Identifier: MIT */
/*
 * bench_spf.c - SPF check_host() evaluations per second with a warm
 * cache, mav against libspf2 1.2 (libspf2-dev) in the same run, on three
 * records: a flat ip4/ip6 list, three nested includes, and a macro-heavy
 * exists. mav answers from its resolver's cache (the zone port behind it
 * is only asked during the warm-up round); libspf2 answers from its
 * in-memory zone DNS layer (SPF_dns_zone), the closest it has to a warm
 * cache. Both sides are asked the same question, from a client address
 * that reaches the last term, and must give the same result.
 *
 * Heap calls are counted by replacing malloc, calloc and realloc in the
 * executable (forwarding to glibc's __libc_* functions), so calls made
 * inside the shared libspf2 are seen too; mav's must be 0.
 * MAV_BENCH_SECONDS sets the time per round (default 1); an argument
 * runs only the records whose label contains it (for a profiler).
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <spf2/spf.h>
#include <spf2/spf_dns_zone.h>

#include "mav_spf.h"
#include "zone/mav_zone.h"
#include "bench_clock.h"
#include "bench_heap.h"

#ifndef NETDB_SUCCESS
#define NETDB_SUCCESS 0 /* <netdb.h>, hidden under strict C99 */
#endif

/* The zone: names, types and data, given to both sides. */
static const struct {
    const char *name;
    int type; /* ns_t_* */
    const char *data;
} rrs[] = {
    {"flat.bench", ns_t_txt,
     "v=spf1 ip4:192.0.2.0/28 ip4:198.51.100.0/24 ip6:2001:db8:1::/48 "
     "ip4:203.0.113.7 ip6:2001:db8:2::/64 ip4:192.0.2.128/25 "
     "ip6:2001:db8:3::1 ip4:10.9.8.0/24 -all"},
    {"nest.bench", ns_t_txt, "v=spf1 include:i1.nest.bench -all"},
    {"i1.nest.bench", ns_t_txt,
     "v=spf1 ip4:198.51.100.0/24 include:i2.nest.bench ~all"},
    {"i2.nest.bench", ns_t_txt,
     "v=spf1 ip6:2001:db8::/32 include:i3.nest.bench ?all"},
    {"i3.nest.bench", ns_t_txt, "v=spf1 a:host.nest.bench -all"},
    {"host.nest.bench", ns_t_a, "10.9.8.7"},
    /* RFC 7208 §7.4: %{l1r-} of "first-user" is "first" (the RFC's own
     * example: %{l1r-} of "strong-bad" is "strong"), so the exists below
     * matches and pass is right; libspf2 1.2 does not match it, hence
     * the "results differ" mark on this row */
    {"macro.bench", ns_t_txt,
     "v=spf1 exists:%{ir}.%{l1r-}.%{o2}._spf.%{d} -all"},
    {"7.8.9.10.first.macro.bench._spf.macro.bench", ns_t_a, "127.0.0.2"},
};

static const struct {
    const char *label, *from;
} cases[] = {
    {"flat ip4/ip6 list", "someone@flat.bench"},
    {"3 nested includes", "someone@nest.bench"},
    {"macro-heavy exists", "first-user@macro.bench"},
};

#define CLIENT "10.9.8.7"
#define SLICES 20 /* turns each side takes per record */

/* ---- mav ------------------------------------------------------------- */

static char zone_text[8192];
static mav_zone_port zp;
static mav_dns_ctx dns;
static mav_spf_ctx spf;

static void mav_setup(void)
{
    size_t k, n = 0;
    mav_addr server;
    static const uint8_t root[1] = {0};

    n += (size_t)snprintf(zone_text + n, sizeof zone_text - n,
                          "$TTL 86400\n. SOA ns. h. 1 2 3 4 86400\n");
    for (k = 0; k < sizeof rrs / sizeof rrs[0]; k++)
        n += (size_t)snprintf(zone_text + n, sizeof zone_text - n,
                              rrs[k].type == ns_t_txt ? "%s. TXT \"%s\"\n"
                                                      : "%s. A %s\n",
                              rrs[k].name, rrs[k].data);
    mav_zone_init(&zp, 1);
    if (mav_zone_add(&zp, zone_text, n, root, NULL) != MAV_OK)
        exit(1);
    memset(&server, 0, sizeof server);
    server.family = 4;
    server.addr[0] = 127;
    server.addr[3] = 1;
    server.port = 53;
    mav_dns_init(&dns, &zp.port);
    mav_dns_add_server(&dns, &server);
    mav_dns_set_trust_anchors(&dns, NULL, 0);
    mav_zone_attach(&zp, &dns);
    mav_spf_init(&spf, &dns);
}

static mav_spf_result mav_once(const char *from)
{
    mav_spf_input in;
    int rc, rounds;

    memset(&in, 0, sizeof in);
    in.client.family = 4;
    inet_pton(AF_INET, CLIENT, in.client.addr);
    in.mail_from = from;
    in.helo = "mail.bench";
    rc = mav_spf_start(&spf, &in);
    for (rounds = 0; rc == MAV_PENDING && rounds < 100; rounds++) {
        mav_zone_run(&zp, 60000);
        rc = mav_spf_poll(&spf);
    }
    return mav_spf_get(&spf)->result;
}

/* ---- libspf2 ---------------------------------------------------------- */

static SPF_server_t *spf2;

static void spf2_setup(void)
{
    SPF_dns_server_t *z = SPF_dns_zone_new(NULL, "bench", 0);
    size_t k;

    for (k = 0; k < sizeof rrs / sizeof rrs[0]; k++)
        SPF_dns_zone_add_str(z, rrs[k].name, (ns_type)rrs[k].type,
                             NETDB_SUCCESS, rrs[k].data);
    spf2 = SPF_server_new_dns(z, 0);
}

static SPF_result_t spf2_once(const char *from)
{
    SPF_request_t *req = SPF_request_new(spf2);
    SPF_response_t *resp = NULL;
    SPF_result_t r;

    SPF_request_set_ipv4_str(req, CLIENT);
    SPF_request_set_helo_dom(req, "mail.bench");
    SPF_request_set_env_from(req, from);
    SPF_request_query_mailfrom(req, &resp);
    r = SPF_response_result(resp);
    SPF_response_free(resp);
    SPF_request_free(req);
    return r;
}

/* Evaluations, seconds and heap calls of one side. */
typedef struct {
    unsigned long n, heap;
    double secs;
} tally;

/* One side (0 mav, 1 libspf2) evaluating for secs seconds. */
static void run_slice(int side, const char *from, double secs, tally *t)
{
    unsigned long n, h0 = bench_heap_calls;
    double t0 = bench_now();

    for (n = 0; bench_now() - t0 < secs; n++) {
        if (side == 0)
            mav_once(from);
        else
            spf2_once(from);
    }
    t->secs += bench_now() - t0;
    t->n += n;
    t->heap += bench_heap_calls - h0;
}

int main(int argc, char **argv)
{
    const char *env = getenv("MAV_BENCH_SECONDS");
    double secs = env ? atof(env) : 1.0;
    size_t c;

    if (secs <= 0)
        secs = 1.0;
    mav_setup();
    spf2_setup();
    printf("SPF check_host(), warm cache, client %s, %.1f s per round\n",
           CLIENT, secs);
    printf("%-20s %-10s %14s %12s %14s %12s %6s\n", "record", "result",
           "mav eval/s", "mav heap/ev", "libspf2 eval/s", "spf2 heap/ev",
           "ratio");
    for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        tally mav_t, spf2_t;
        unsigned slice;
        double mav_rate, spf2_rate, mav_heap, spf2_heap;
        mav_spf_result mr;
        SPF_result_t sr;

        if (argc > 1 && !strstr(cases[c].label, argv[1]))
            continue;
        mr = mav_once(cases[c].from); /* warm-up */
        sr = spf2_once(cases[c].from);

        /* the two sides take turns in short slices, so that a change
         * in the machine's load during the run hits both alike */
        memset(&mav_t, 0, sizeof mav_t);
        memset(&spf2_t, 0, sizeof spf2_t);
        for (slice = 0; slice < SLICES; slice++) {
            run_slice(0, cases[c].from, secs / SLICES, &mav_t);
            run_slice(1, cases[c].from, secs / SLICES, &spf2_t);
        }
        mav_rate = mav_t.n / mav_t.secs;
        spf2_rate = spf2_t.n / spf2_t.secs;
        mav_heap = (double)mav_t.heap / mav_t.n;
        spf2_heap = (double)spf2_t.heap / spf2_t.n;
        printf("%-20s %-10s %14.0f %12.1f %14.0f %12.1f %5.1fx%s\n",
               cases[c].label, mav_spf_result_str(mr), mav_rate, mav_heap,
               spf2_rate, spf2_heap, mav_rate / spf2_rate,
               strcmp(mav_spf_result_str(mr), SPF_strresult(sr)) == 0
                   ? ""
                   : "  (results differ!)");
    }
    return 0;
}
