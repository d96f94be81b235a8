/* SPDX-License-Identifier: MIT */
/*
 * bench_verify.c - the whole verification of one message (issue #7,
 * "Benchmark"): mav_verify against the C peers doing the same checks
 * one after another, libspf2 1.2.10 (SPF), libopendkim 2.11 (DKIM) and
 * libopendmarc 1.4 (DMARC), in the same run. Printed, not asserted.
 *
 * The message (tests/bench/make-verify-world, fresh keys every run):
 * MAIL FROM joe@example.bench from 192.0.2.25, whose SPF record has three
 * includes side by side, the client matching only in the third; two
 * DKIM signatures by example.bench (selectors "rsa", RSA-2048, and "ed",
 * Ed25519); From: joe@example.bench, _dmarc.example.bench p=reject.
 * Every check passes on both sides (checked, and said when not).
 *
 * Latency. tools/dnsworld serves the world (NSD, Unbound) behind
 * tools/dnsdelay, which hands every answer on MAV_DNSWORLD_DELAY_MS late
 * (20 ms in make bench); MAV_TEST_RECURSOR is that proxy. Unbound's own
 * cache is warmed first, so each answer costs the delay plus well under
 * a millisecond. Each side starts cold (mav: a fresh resolver, empty
 * cache; the peers keep no cache) and runs BV_REPS times; the median is
 * printed.
 *   mav: one mav_verify_ctx on a mav_posix resolver whose only server is
 *     the proxy, no trust anchors (the peers do not validate DNSSEC
 *     either); the envelope, the whole message and its end are given at
 *     once and the context is polled until done. Sequential round trips
 *     = the longest chain of dependent queries: the bench wraps the
 *     port's udp_send and gives each datagram the depth 1 + the deepest
 *     answer the resolver had accepted when it was sent (answers matched
 *     to datagrams in order sent: every answer takes the same delay).
 *   peers: the three libraries all resolve through libresolv (res_ninit
 *     on a res_state of their own, then res_nquery), and glibc's
 *     resolv.conf has no port syntax. This executable therefore defines
 *     __res_ninit and res_nquery itself (dynamic symbol interposition,
 *     forwarding to glibc's through dlsym(RTLD_NEXT)): after glibc's
 *     res_ninit the state's only name server becomes the proxy's
 *     127.0.0.1:PORT, and every res_nquery is counted. Each res_nquery
 *     is one blocking round trip, so the peers' sequential round trips
 *     are their query count. libopendmarc is also given the server in
 *     its own OPENDMARC_LIB_T (nscount, nsaddr_list). libspf2 runs its
 *     resolv DNS layer (SPF_DNS_RESOLV, no cache), libopendkim its
 *     default DNS query service (no key-lookup hook), libopendmarc
 *     opendmarc_policy_query_dmarc then opendmarc_get_policy_to_enforce
 *     with the SPF and DKIM results the two others gave.
 *
 * CPU. Messages per second with every answer at hand, no network:
 *   mav: mav_verify over the zone port (the world's zone files) with a
 *     resolver cache warmed by one verification first; the datagrams
 *     the resolver sends during the timed loop are counted (0 = the
 *     whole verification ran from the cache);
 *   libspf2 from its in-memory zone layer (SPF_dns_zone, as
 *     bench_spf.c), libopendkim with its key-lookup hook over the same
 *     records in memory (as bench_dkim.c), libopendmarc given the record
 *     as text (opendmarc_policy_store_dmarc, its API for a cached record)
 *     then the whole evaluation. The peers' combined cost is the sum of
 *     their per-message times.
 * MAV_BENCH_SECONDS sets the time per CPU number (default 1).
 * Usage: bench_verify DIR (the output of make-verify-world), run under
 * tools/dnsworld run ... (MAV_TEST_RECURSOR, MAV_DNSWORLD_DELAY_MS).
 */
#define _GNU_SOURCE /* RTLD_NEXT; u_char for dkim.h and dmarc.h */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include <opendkim/dkim.h>
#include <opendmarc/dmarc.h>
#include <spf2/spf.h>
#include <spf2/spf_dns_zone.h>

#include "mav_posix.h"
#include "mav_verify.h"
#include "zone/mav_zone.h"
#include "bench_clock.h"

#ifndef NETDB_SUCCESS
#define NETDB_SUCCESS 0
#endif

#define BV_REPS 7
#define BV_LIMIT_MS 10000
#define CLIENT "192.0.2.25"
#define HELO "mail.example.bench"
#define MAIL_FROM "joe@example.bench"
#define DOMAIN "example.bench"
#define MAXQ 256

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, unsigned n)
{
    qsort(v, n, sizeof v[0], cmp_double);
    return v[n / 2];
}

/* ---- libresolv, interposed (see the top) ---------------------------- */

typedef int (*ninit_fn)(res_state);
typedef int (*nquery_fn)(res_state, const char *, int, int, unsigned char *,
                         int);

static struct sockaddr_in peer_ns;
static int peer_ns_set;
static unsigned long peer_queries;

#undef res_ninit
#undef res_nquery
int __res_ninit(res_state s);
int res_nquery(res_state s, const char *dname, int cls, int type,
               unsigned char *answer, int anslen);

int __res_ninit(res_state s)
{
    static ninit_fn real;
    int rc;

    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "__res_ninit");
    rc = real(s);
    if (rc == 0 && peer_ns_set) {
        s->nscount = 1;
        s->nsaddr_list[0] = peer_ns;
    }
    return rc;
}

int res_nquery(res_state s, const char *dname, int cls, int type,
               unsigned char *answer, int anslen)
{
    static nquery_fn real;

    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "res_nquery");
    peer_queries++;
    return real(s, dname, cls, type, answer, anslen);
}

/* ---- the world ------------------------------------------------------- */

static struct {
    char name[128], type[8], data[1024];
} recs[32];
static unsigned nrecs;
static uint8_t msg[16384];
static size_t msg_len;
static char zone_bench[16384], zone_root[2048];
static size_t zone_bench_len, zone_root_len;

static size_t read_file(const char *dir, const char *name, void *buf,
                        size_t cap)
{
    char path[700];
    FILE *f;
    size_t n;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (!(f = fopen(path, "rb"))) {
        fprintf(stderr, "bench_verify: cannot read %s\n", path);
        exit(1);
    }
    n = fread(buf, 1, cap - 1, f);
    fclose(f);
    ((char *)buf)[n] = 0;
    return n;
}

static void load_records(const char *dir)
{
    static char text[32768];
    char *line, *save = NULL;

    read_file(dir, "records.txt", text, sizeof text);
    for (line = strtok_r(text, "\n", &save); line && nrecs < 32;
         line = strtok_r(NULL, "\n", &save)) {
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : 0;
        if (!t2)
            continue;
        *t1 = *t2 = 0;
        snprintf(recs[nrecs].name, sizeof recs[0].name, "%s", line);
        snprintf(recs[nrecs].type, sizeof recs[0].type, "%s", t1 + 1);
        snprintf(recs[nrecs].data, sizeof recs[0].data, "%s", t2 + 1);
        nrecs++;
    }
}

static const char *find_txt(const char *name)
{
    unsigned i;
    for (i = 0; i < nrecs; i++)
        if (strcmp(recs[i].type, "TXT") == 0 &&
            strcasecmp(recs[i].name, name) == 0)
            return recs[i].data;
    return NULL;
}

/* ---- mav ------------------------------------------------------------- */

static mav_verify_ctx vctx;
static mav_dns_ctx dns;
static mav_posix px;
static struct mav_port wrapped;
static int (*real_udp_send)(void *, unsigned, const uint8_t *, size_t);
static unsigned sent_depth[MAXQ], n_sent, n_matched, known_depth, max_depth;
static uint32_t accepted0;

/* the answers accepted since the last look, matched to datagrams */
static void note_answers(void)
{
    while (n_matched < n_sent && n_matched < MAXQ &&
           n_matched < dns.stats.accepted - accepted0) {
        if (sent_depth[n_matched] > known_depth)
            known_depth = sent_depth[n_matched];
        n_matched++;
    }
}

static int udp_send_depth(void *user, unsigned slot, const uint8_t *pkt,
                          size_t len)
{
    note_answers();
    if (n_sent < MAXQ)
        sent_depth[n_sent] = known_depth + 1;
    if (known_depth + 1 > max_depth)
        max_depth = known_depth + 1;
    n_sent++;
    return real_udp_send(user, slot, pkt, len);
}

static int mav_fresh(const mav_addr *server)
{
    static int px_open;

    if (px_open)
        mav_posix_close(&px);
    px_open = 1;
    mav_posix_init(&px);
    wrapped = px.port;
    real_udp_send = wrapped.udp_send;
    wrapped.udp_send = udp_send_depth;
    if (mav_dns_init(&dns, &wrapped) != MAV_OK ||
        mav_dns_add_server(&dns, server) != MAV_OK)
        return -1;
    mav_dns_set_trust_anchors(&dns, NULL, 0);
    mav_posix_attach(&px, &dns);
    n_sent = n_matched = known_depth = max_depth = 0;
    accepted0 = dns.stats.accepted;
    return 0;
}

static int mav_start(void)
{
    mav_verify_envelope_in env;

    memset(&env, 0, sizeof env);
    mav_posix_parse_addr(CLIENT, &env.client);
    env.helo = HELO;
    env.mail_from = MAIL_FROM;
    if (mav_verify_init(&vctx, &dns, (int64_t)time(NULL)) != MAV_OK ||
        mav_verify_envelope(&vctx, &env) != MAV_OK)
        return -1;
    mav_verify_feed(&vctx, msg, msg_len);
    return mav_verify_end(&vctx) == MAV_OK ? 0 : -1;
}

/* spf=pass, two dkim=pass, dmarc=pass */
static int mav_all_pass(void)
{
    const mav_spf_outcome *spf = mav_verify_spf(&vctx);
    const mav_dmarc_outcome *dm = mav_verify_dmarc(&vctx);
    mav_dkim_info info;
    unsigned i, good = 0;

    for (i = 0; i < 2; i++)
        good += mav_verify_dkim_get(&vctx, i, &info) == MAV_OK &&
                info.result == MAV_DKIM_PASS;
    return spf && spf->result == MAV_SPF_PASS && dm &&
           dm->result == MAV_DMARC_PASS && good == 2;
}

/* one verification over the delayed resolver, from a cold cache */
static double mav_latency(const mav_addr *server, int *ok)
{
    double t0;
    int rc = MAV_PENDING;

    if (mav_fresh(server) != 0)
        return *ok = 0, -1;
    t0 = (bench_now() * 1000.0);
    if (mav_start() != 0)
        return *ok = 0, -1;
    while ((rc = mav_verify_poll(&vctx)) == MAV_PENDING &&
           (bench_now() * 1000.0) - t0 < BV_LIMIT_MS) {
        mav_posix_step(&px, 50);
        note_answers();
    }
    *ok = rc == MAV_OK && mav_all_pass();
    return (bench_now() * 1000.0) - t0;
}

/* ---- the peers, over the delayed server ------------------------------ */

static SPF_server_t *spf2_net, *spf2_mem;
static DKIM_LIB *odk_net, *odk_mem;
static OPENDMARC_LIB_T odm_lib;

static SPF_result_t spf2_check(SPF_server_t *srv)
{
    SPF_request_t *req = SPF_request_new(srv);
    SPF_response_t *resp = NULL;
    SPF_result_t r;

    SPF_request_set_ipv4_str(req, CLIENT);
    SPF_request_set_helo_dom(req, HELO);
    SPF_request_set_env_from(req, MAIL_FROM);
    SPF_request_query_mailfrom(req, &resp);
    r = SPF_response_result(resp);
    SPF_response_free(resp);
    SPF_request_free(req);
    return r;
}

/* how many signatures pass */
static int odk_check(DKIM_LIB *lib)
{
    DKIM_STAT st;
    DKIM *d = dkim_verify(lib, (const u_char *)"bench", NULL, &st);
    DKIM_SIGINFO **sigs;
    int nsigs = 0, i, good = 0;

    if (!d)
        return 0;
    dkim_chunk(d, (u_char *)msg, msg_len);
    dkim_chunk(d, NULL, 0);
    dkim_eom(d, NULL);
    if (dkim_getsiglist(d, &sigs, &nsigs) == DKIM_STAT_OK)
        for (i = 0; i < nsigs; i++)
            good += DKIM_SIG_CHECK(sigs[i]);
    dkim_free(d);
    return good;
}

/* the DMARC verdict given SPF and DKIM outcomes; record NULL = from DNS */
static int odm_check(int spf_pass, int dkim_pass, const char *record)
{
    DMARC_POLICY_T *p = opendmarc_policy_connect_init((u_char *)CLIENT, 0);
    int r;

    opendmarc_policy_store_from_domain(p, (u_char *)DOMAIN);
    opendmarc_policy_store_spf(p, (u_char *)DOMAIN,
                               spf_pass ? DMARC_POLICY_SPF_OUTCOME_PASS
                                        : DMARC_POLICY_SPF_OUTCOME_FAIL,
                               DMARC_POLICY_SPF_ORIGIN_MAILFROM, NULL);
    opendmarc_policy_store_dkim(p, (u_char *)DOMAIN, (u_char *)"rsa",
                                dkim_pass >= 1
                                    ? DMARC_POLICY_DKIM_OUTCOME_PASS
                                    : DMARC_POLICY_DKIM_OUTCOME_FAIL,
                                NULL);
    opendmarc_policy_store_dkim(p, (u_char *)DOMAIN, (u_char *)"ed",
                                dkim_pass >= 2
                                    ? DMARC_POLICY_DKIM_OUTCOME_PASS
                                    : DMARC_POLICY_DKIM_OUTCOME_FAIL,
                                NULL);
    if (record)
        opendmarc_policy_store_dmarc(p, (u_char *)record, (u_char *)DOMAIN,
                                     NULL);
    else
        opendmarc_policy_query_dmarc(p, (u_char *)DOMAIN);
    r = opendmarc_get_policy_to_enforce(p);
    opendmarc_policy_connect_shutdown(p);
    return r;
}

typedef struct {
    double ms[3];           /* libspf2, libopendkim, libopendmarc */
    unsigned long q[3];     /* their res_nquery calls */
    int ok[3];
} peer_run;

static void peers_latency(peer_run *r)
{
    unsigned long q0;
    double t0;
    int spf_pass, dk;

    q0 = peer_queries;
    t0 = (bench_now() * 1000.0);
    spf_pass = spf2_check(spf2_net) == SPF_RESULT_PASS;
    r->ms[0] = (bench_now() * 1000.0) - t0;
    r->q[0] = peer_queries - q0;
    r->ok[0] = spf_pass;

    q0 = peer_queries;
    t0 = (bench_now() * 1000.0);
    dk = odk_check(odk_net);
    r->ms[1] = (bench_now() * 1000.0) - t0;
    r->q[1] = peer_queries - q0;
    r->ok[1] = dk == 2;

    q0 = peer_queries;
    t0 = (bench_now() * 1000.0);
    r->ok[2] = odm_check(spf_pass, dk, NULL) == DMARC_POLICY_PASS;
    r->ms[2] = (bench_now() * 1000.0) - t0;
    r->q[2] = peer_queries - q0;
}

/* ---- the peers and mav, warm ----------------------------------------- */

static mav_zone_port zp;
static mav_dns_ctx wdns;

static int mav_warm_once(void)
{
    mav_verify_envelope_in env;
    int rc, rounds;

    memset(&env, 0, sizeof env);
    mav_posix_parse_addr(CLIENT, &env.client);
    env.helo = HELO;
    env.mail_from = MAIL_FROM;
    mav_verify_init(&vctx, &wdns, (int64_t)time(NULL));
    mav_verify_envelope(&vctx, &env);
    mav_verify_feed(&vctx, msg, msg_len);
    mav_verify_end(&vctx);
    for (rounds = 0; (rc = mav_verify_poll(&vctx)) == MAV_PENDING &&
                     rounds < 100;
         rounds++)
        mav_zone_run(&zp, 60000);
    return rc == MAV_OK && mav_all_pass();
}

static int spf2_warm_once(void)
{
    return spf2_check(spf2_mem) == SPF_RESULT_PASS;
}

static int odk_warm_once(void)
{
    return odk_check(odk_mem) == 2;
}

static int odm_warm_once(void)
{
    return odm_check(1, 2, find_txt("_dmarc." DOMAIN)) == DMARC_POLICY_PASS;
}

static DKIM_CBSTAT key_lookup(DKIM *d, DKIM_SIGINFO *sig, u_char *buf,
                              size_t buflen)
{
    char want[300];
    const char *t;

    (void)d;
    snprintf(want, sizeof want, "%s._domainkey.%s",
             (const char *)dkim_sig_getselector(sig),
             (const char *)dkim_sig_getdomain(sig));
    if (!(t = find_txt(want)))
        return DKIM_CBSTAT_NOTFOUND;
    if (strlen(t) >= buflen)
        return DKIM_CBSTAT_ERROR;
    strcpy((char *)buf, t);
    return DKIM_CBSTAT_CONTINUE;
}

static double seconds = 1.0;

/* per second; *ok stays 1 only if every run passed */
static double rate(int (*fn)(void), int *ok)
{
    unsigned long count = 0;
    double t0, t;

    *ok = fn(); /* warm */
    t0 = (bench_now() * 1000.0);
    do {
        int k;
        for (k = 0; k < 10; k++)
            *ok &= fn();
        count += 10;
        t = ((bench_now() * 1000.0) - t0) / 1000.0;
    } while (t < seconds);
    return (double)count / t;
}

static int warm_setup(void)
{
    mav_addr a;
    mav_perr perr;
    unsigned i;
    SPF_dns_server_t *z;

    memset(&a, 0, sizeof a);
    a.family = 4;
    a.addr[0] = 127;
    a.addr[3] = 1;
    a.port = 53;
    mav_zone_init(&zp, 1);
    if (mav_zone_add(&zp, zone_root, zone_root_len, NULL, &perr) !=
            MAV_OK ||
        mav_zone_add(&zp, zone_bench, zone_bench_len, NULL, &perr) !=
            MAV_OK ||
        mav_dns_init(&wdns, &zp.port) != MAV_OK ||
        mav_dns_add_server(&wdns, &a) != MAV_OK)
        return -1;
    mav_dns_set_trust_anchors(&wdns, NULL, 0);
    mav_zone_attach(&zp, &wdns);

    z = SPF_dns_zone_new(NULL, "bench", 0);
    for (i = 0; i < nrecs; i++) {
        ns_type t = strcmp(recs[i].type, "TXT") == 0  ? ns_t_txt
                    : strcmp(recs[i].type, "A") == 0  ? ns_t_a
                    : strcmp(recs[i].type, "MX") == 0 ? ns_t_mx
                                                      : ns_t_invalid;
        const char *data = recs[i].data;
        if (t == ns_t_invalid)
            continue;
        if (t == ns_t_mx) /* the zone layer takes the host name only */
            data = strchr(data, ' ') ? strchr(data, ' ') + 1 : data;
        SPF_dns_zone_add_str(z, recs[i].name, t, NETDB_SUCCESS, data);
    }
    spf2_mem = SPF_server_new_dns(z, 0);
    odk_mem = dkim_init(NULL, NULL);
    dkim_set_key_lookup(odk_mem, key_lookup);
    return 0;
}

/* ---- main ------------------------------------------------------------ */

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "build/bench/verify";
    const char *rec = getenv("MAV_TEST_RECURSOR");
    const char *delay = getenv("MAV_DNSWORLD_DELAY_MS");
    const char *env = getenv("MAV_BENCH_SECONDS");
    static char authres[2048];
    char rounds[64] = "";
    double mav_ms[BV_REPS], peer_ms[BV_REPS][4], mav_med, peer_med[4];
    unsigned mav_depth[BV_REPS], mav_sent = 0, i, k, pq[3] = {0, 0, 0};
    int ok, mav_ok = 1, peer_ok[3] = {1, 1, 1};
    mav_addr server;
    size_t arl = 0;
    peer_run pr;

    if (env && atof(env) > 0)
        seconds = atof(env);
    if (!rec || mav_posix_parse_addr(rec, &server) != MAV_OK) {
        fprintf(stderr, "bench_verify: run under tools/dnsworld "
                        "(MAV_TEST_RECURSOR)\n");
        return 1;
    }
    load_records(dir);
    msg_len = read_file(dir, "msg.eml", msg, sizeof msg);
    zone_bench_len =
        read_file(dir, "zones/bench.zone", zone_bench, sizeof zone_bench);
    zone_root_len =
        read_file(dir, "zones/root.zone", zone_root, sizeof zone_root);

    /* the peers' name server: the same proxy */
    memset(&peer_ns, 0, sizeof peer_ns);
    peer_ns.sin_family = AF_INET;
    peer_ns.sin_port = htons(server.port);
    memcpy(&peer_ns.sin_addr, server.addr, 4);
    peer_ns_set = 1;
    memset(&odm_lib, 0, sizeof odm_lib);
    odm_lib.tld_type = OPENDMARC_TLD_TYPE_NONE;
    odm_lib.nscount = 1;
    odm_lib.nsaddr_list[0] = peer_ns;
    opendmarc_policy_library_init(&odm_lib);
    spf2_net = SPF_server_new(SPF_DNS_RESOLV, 0);
    odk_net = dkim_init(NULL, NULL);

    printf("Whole verification (issue #7): SPF with 3 includes, 2 DKIM "
           "signatures (RSA-2048 + Ed25519, two selectors), DMARC p=reject"
           "; %zu-byte message\n",
           msg_len);
    printf("latency: every answer %s ms late (tools/dnsdelay at %s in "
           "front of Unbound, its cache warm); cold client caches; median "
           "of %d runs\n",
           delay ? delay : "?", rec, BV_REPS);

    /* warm Unbound through the proxy (not timed) */
    mav_latency(&server, &ok);
    peers_latency(&pr);

    for (i = 0; i < BV_REPS; i++) {
        mav_ms[i] = mav_latency(&server, &ok);
        mav_ok &= ok;
        mav_depth[i] = max_depth;
        if (n_sent > mav_sent)
            mav_sent = n_sent;
        if (i == 0) {
            unsigned d, j;
            size_t rl = 0;
            mav_verify_authres(&vctx, "mx.bench", authres, sizeof authres,
                               &arl);
            for (d = 1; d <= max_depth && rl + 8 < sizeof rounds; d++) {
                unsigned c = 0;
                for (j = 0; j < n_sent && j < MAXQ; j++)
                    c += sent_depth[j] == d;
                rl += (size_t)snprintf(rounds + rl, sizeof rounds - rl,
                                       "%s%u", d > 1 ? "+" : "", c);
            }
        }
    }
    for (i = 0; i < BV_REPS; i++) {
        peers_latency(&pr);
        for (k = 0; k < 3; k++) {
            peer_ms[i][k] = pr.ms[k];
            peer_ok[k] &= pr.ok[k];
            if (pr.q[k] > pq[k])
                pq[k] = (unsigned)pr.q[k];
        }
        peer_ms[i][3] = pr.ms[0] + pr.ms[1] + pr.ms[2];
    }
    mav_med = median(mav_ms, BV_REPS);
    for (k = 0; k < 4; k++) {
        double v[BV_REPS];
        for (i = 0; i < BV_REPS; i++)
            v[i] = peer_ms[i][k];
        peer_med[k] = median(v, BV_REPS);
    }
    {
        unsigned dmin = mav_depth[0], dmax = mav_depth[0];
        for (i = 1; i < BV_REPS; i++) {
            if (mav_depth[i] < dmin)
                dmin = mav_depth[i];
            if (mav_depth[i] > dmax)
                dmax = mav_depth[i];
        }
        printf("  %-34s %8.1f ms  %u sequential round trips%s  (%u queries "
               "sent, per round %s)%s\n",
               "mav (one mav_verify)", mav_med, dmax,
               dmin == dmax ? "" : " (at most)", mav_sent, rounds,
               mav_ok ? "" : "  (NOT all pass!)");
    }
    printf("  %-34s %8.1f ms  %u round trip(s)%s\n", "libspf2 (SPF_DNS_RESOLV)",
           peer_med[0], pq[0], peer_ok[0] ? "" : "  (NOT pass!)");
    printf("  %-34s %8.1f ms  %u round trip(s)%s\n",
           "libopendkim (default DNS service)", peer_med[1], pq[1],
           peer_ok[1] ? "" : "  (NOT 2 passes!)");
    printf("  %-34s %8.1f ms  %u round trip(s)%s\n",
           "libopendmarc (query_dmarc)", peer_med[2], pq[2],
           peer_ok[2] ? "" : "  (NOT pass!)");
    printf("  %-34s %8.1f ms  %u sequential round trips\n",
           "peers, one after another", peer_med[3], pq[0] + pq[1] + pq[2]);
    printf("  goal: mav's wall time at most half of the sequential peers': "
           "%s (ratio %.2f)\n",
           mav_med <= peer_med[3] / 2 ? "met" : "not met",
           mav_med / peer_med[3]);
    if (arl > 0)
        printf("  mav's header: %.*s", (int)arl, authres);

    /* CPU */
    if (warm_setup() != 0) {
        fprintf(stderr, "bench_verify: zone port set-up failed\n");
        return 1;
    }
    {
        double rm, r1, r2, r3, comb;
        int o0, o1, o2, o3;
        uint32_t sent0;

        mav_warm_once(); /* fills the cache */
        sent0 = wdns.stats.sent_udp + wdns.stats.sent_tcp;
        rm = rate(mav_warm_once, &o0);
        sent0 = wdns.stats.sent_udp + wdns.stats.sent_tcp - sent0;
        r1 = rate(spf2_warm_once, &o1);
        r2 = rate(odk_warm_once, &o2);
        r3 = rate(odm_warm_once, &o3);
        comb = 1.0 / (1.0 / r1 + 1.0 / r2 + 1.0 / r3);
        printf("CPU: whole verifications per second, every answer at hand "
               "(%.1f s per number)\n",
               seconds);
        printf("  %-44s %9.0f msg/s  (%u datagrams sent while timed)%s\n",
               "mav (mav_verify, warm resolver cache)", rm, sent0,
               o0 ? "" : "  (NOT all pass!)");
        printf("  %-44s %9.0f /s%s\n", "libspf2 check_host (zone layer)", r1,
               o1 ? "" : "  (NOT pass!)");
        printf("  %-44s %9.0f /s%s\n",
               "libopendkim 2 signatures (key hook)", r2,
               o2 ? "" : "  (NOT 2 passes!)");
        printf("  %-44s %9.0f /s%s\n",
               "libopendmarc evaluation (record as text)", r3,
               o3 ? "" : "  (NOT pass!)");
        printf("  %-44s %9.0f msg/s  (sum of the three per-message times)"
               "\n",
               "peers combined", comb);
        printf("  mav / peers: %.2fx\n", rm / comb);
    }
    mav_posix_close(&px);
    dkim_close(odk_net);
    dkim_close(odk_mem);
    SPF_server_free(spf2_net);
    SPF_server_free(spf2_mem);
    opendmarc_policy_library_shutdown(&odm_lib);
    return 0;
}
