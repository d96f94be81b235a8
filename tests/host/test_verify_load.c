/* SPDX-License-Identifier: MIT */
/*
 * test_verify_load.c - many messages in flight over one resolver
 * (issue #7, "Concurrency"): LOAD_N verification contexts (static
 * storage) share one mav_dns_ctx in front of a recursor whose every
 * answer comes DELAY ms late (tools/dnsworld with MAV_DNSWORLD_DELAY_MS,
 * i.e. tools/dnsdelay in front of the signed world's Unbound; tools/
 * run-tests starts it and sets MAV_TEST_SIGNED_DELAYED_RECURSOR).
 *
 * The messages are the signed world's eight (tests/dkim/make-signed-mail
 * --world: RSA and Ed25519 signatures from alg8.test, alg13.test,
 * nsec3.test and insecure.alg8.test), message i being number i % 8, so
 * most lookups are identical. Measured, each on a fresh resolver (cold
 * cache, stats from zero):
 *   - each of the eight messages alone: its wall time is its critical
 *     path of DNS round trips; the slowest is "one message";
 *   - all LOAD_N started together, then driven until every one is done.
 * Asserted: every result is spf=pass dkim=pass dmarc=pass; the total
 * wall time stays under LOAD_MAX_RATIO times one message's (not LOAD_N
 * times); identical lookups were shared (stats.shared > 0) and the
 * datagrams sent stay far below LOAD_N times one message's.
 *
 * The resolver runs with the default limits (MAV_CFG_DNS_QUERIES lookup
 * slots, MAV_CFG_DNS_INFLIGHT transactions, MAV_CFG_DNS_CACHE_BYTES): the
 * messages contend for them, and the verifier's modules wait for room
 * (MAV_ERR_SPACE from mav_dns_lookup is retried on the next poll).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mav_posix.h"
#include "mav_verify.h"
#include "test.h"
#include "zone/mav_zone.h"

#define LOAD_N 100
#define LOAD_MSGS 8
#define LOAD_MAX_RATIO 3.0
#define LOAD_LIMIT_MS 20000

static mav_posix px;
static mav_dns_ctx dns;
static mav_verify_ctx ctx[LOAD_N];
static mav_zone_reader zr;
static mav_zone_rr zrr;
static int64_t world_now;
static char anchors[8192];
static long anchors_len;
static mav_addr server;

static const char *const zones[4] = {"alg8.test", "alg13.test", "nsec3.test",
                                     "insecure.alg8.test"};
static const char *const sels[2] = {"sel", "ed"};

static struct {
    uint8_t bytes[8192];
    size_t len;
    char mail_from[64];
} msgs[LOAD_MSGS];

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* A fresh resolver: empty cache, counters at zero. */
static int fresh_resolver(void)
{
    mav_posix_close(&px);
    mav_posix_init(&px);
    px.fixed_time = world_now;
    if (mav_dns_init(&dns, &px.port) != MAV_OK ||
        mav_zone_trust_anchors(&dns, &zr, &zrr, anchors, (size_t)anchors_len,
                               NULL) != MAV_OK ||
        mav_dns_add_server(&dns, &server) != MAV_OK)
        return -1;
    mav_posix_attach(&px, &dns);
    return 0;
}

static int start_one(mav_verify_ctx *v, unsigned m)
{
    mav_verify_envelope_in env;

    memset(&env, 0, sizeof env);
    mav_posix_parse_addr("192.0.2.1", &env.client);
    env.helo = "mail.example.net";
    env.mail_from = msgs[m].mail_from;
    if (mav_verify_init(v, &dns, world_now) != MAV_OK ||
        mav_verify_envelope(v, &env) != MAV_OK)
        return -1;
    mav_verify_feed(v, msgs[m].bytes, msgs[m].len);
    return mav_verify_end(v) == MAV_OK ? 0 : -1;
}

/* spf=pass, every dkim=pass, dmarc=pass, read with the getters. */
static int all_pass(const mav_verify_ctx *v)
{
    const mav_spf_outcome *spf = mav_verify_spf(v);
    const mav_dkim_ctx *dk = mav_verify_dkim(v);
    const mav_dmarc_outcome *dm = mav_verify_dmarc(v);
    mav_dkim_info info;
    unsigned i, count;

    if (!spf || !dk || !dm || spf->result != MAV_SPF_PASS ||
        dm->result != MAV_DMARC_PASS)
        return 0;
    count = mav_dkim_count(dk);
    for (i = 0; i < count; i++)
        if (mav_dkim_get(dk, i, &info) != MAV_OK ||
            info.result != MAV_DKIM_PASS)
            return 0;
    return count > 0;
}

/*
 * Verify n messages (message i is msgs[first + i % nm]) all in flight
 * at once on the current resolver; wall time in *ms. Returns how many
 * passed, or -1 when the run got stuck or ran out of time.
 */
static int run(unsigned n, unsigned first, unsigned nm, double *ms,
               unsigned *most_pending)
{
    static uint8_t done[LOAD_N];
    unsigned i, left = n, idle_rounds = 0, good = 0;
    double t0 = now_ms();

    memset(done, 0, sizeof done);
    for (i = 0; i < n; i++)
        if (start_one(&ctx[i], first + i % nm) != 0)
            return -1;
    *most_pending = 0;
    while (left > 0) {
        uint32_t lookups = dns.stats.lookups;
        unsigned finished = 0;
        int st;

        for (i = 0; i < n; i++) {
            if (done[i])
                continue;
            if (mav_verify_poll(&ctx[i]) == MAV_OK) {
                done[i] = 1;
                left--;
                finished++;
                good += (unsigned)all_pass(&ctx[i]);
            }
        }
        if (left == 0)
            break;
        if (now_ms() - t0 > LOAD_LIMIT_MS)
            break;
        st = mav_posix_step(&px, 50);
        /* the resolver idle, and a whole round of polls neither finished
         * a message nor started a lookup: nothing will ever move */
        if (st == MAV_OK && finished == 0 && dns.stats.lookups == lookups) {
            if (++idle_rounds > 3)
                break;
        } else {
            idle_rounds = 0;
        }
        {
            unsigned pending = 0, q;
            for (q = 0; q < MAV_CFG_DNS_QUERIES; q++)
                pending += dns.q[q].state != 0;
            if (pending > *most_pending)
                *most_pending = pending;
        }
    }
    *ms = now_ms() - t0;
    if (left > 0) {
        printf("  %u of %u messages not finished (%s)\n", left, n,
               idle_rounds > 3 ? "stuck: nothing pending in the resolver"
                               : "time limit");
        for (i = 0; i < n; i++)
            if (!done[i])
                mav_verify_abort(&ctx[i]);
        return -1;
    }
    return (int)good;
}

static void print_stats(const char *what, const mav_dns_stats *s)
{
    printf("  %-22s lookups %4u  shared %4u  cache hits %4u  sent udp %4u"
           "  tcp %u  retries %u  timeouts %u  validations %u  key "
           "lookups %u\n",
           what, s->lookups, s->shared, s->cache_hits, s->sent_udp,
           s->sent_tcp, s->retries, s->timeouts, s->validations,
           s->key_lookups);
}

/*
 * The resolver's lookup slots are shared by every message. 14 messages
 * whose SPF lookups were refused (the slots were taken), then given
 * their header: their early _dmarc lookups must not keep the slots their
 * own SPF waits for. (Held until DMARC ran, they did: nothing moved.)
 */
#define STARVE_N (MAV_CFG_DNS_QUERIES - MAV_CFG_DNSSEC_JOBS)

static void starve_start(mav_verify_ctx *v, const char *mail_from)
{
    mav_verify_envelope_in env;

    memset(&env, 0, sizeof env);
    mav_posix_parse_addr("192.0.2.1", &env.client);
    env.helo = "mail.example.net";
    env.mail_from = mail_from;
    mav_verify_init(v, &dns, world_now);
    mav_verify_envelope(v, &env);
}

static void starve_body(mav_verify_ctx *v, const char *from_domain)
{
    char m[300];

    snprintf(m, sizeof m, "From: joe@%s\r\nSubject: x\r\n\r\nhi\r\n",
             from_domain);
    mav_verify_feed(v, (const uint8_t *)m, strlen(m));
    mav_verify_end(v);
}

/* Poll n contexts until all are done; rounds used, or -1 if stuck. */
static int starve_run(mav_verify_ctx *v, unsigned n)
{
    int round;
    unsigned i;

    for (round = 0; round < 400; round++) {
        unsigned left = 0;
        for (i = 0; i < n; i++)
            if (mav_verify_poll(&v[i]) == MAV_PENDING)
                left++;
        if (left == 0)
            return round;
        /* the messages were all polled: a resolver with nothing to do
         * now means nothing will ever move */
        if (mav_dns_poll(&dns, NULL) == MAV_OK)
            return -1;
        mav_posix_step(&px, 50);
    }
    return -1;
}

static void slot_starvation(const char *fast)
{
    mav_verify_ctx *fill = ctx, *victim = ctx + STARVE_N;
    char d[100];
    unsigned i;
    int rounds;

    if (mav_posix_parse_addr(fast, &server) != MAV_OK ||
        fresh_resolver() != 0) {
        CHECK_L("slot starvation: set-up", 0);
        return;
    }
    for (i = 0; i < STARVE_N; i++) {
        snprintf(d, sizeof d, "joe@f%u.alg8.test", i);
        starve_start(&fill[i], d);
    }
    for (i = 0; i < STARVE_N; i++) {
        snprintf(d, sizeof d, "joe@v%u.alg8.test", i);
        starve_start(&victim[i], d); /* SPF refused: no slot */
    }
    for (i = 0; i < STARVE_N; i++) {
        snprintf(d, sizeof d, "f%u.alg8.test", i);
        starve_body(&fill[i], d);
    }
    CHECK_L("slot starvation: first messages finish",
            starve_run(fill, STARVE_N) >= 0);
    for (i = 0; i < STARVE_N; i++) {
        snprintf(d, sizeof d, "v%u.alg8.test", i);
        starve_body(&victim[i], d);
    }
    rounds = starve_run(victim, STARVE_N);
    printf("  slot starvation: %u messages waiting for lookup slots "
           "finished after %d rounds\n", STARVE_N, rounds);
    CHECK_L("slot starvation: early DMARC lookups do not hold the slots "
            "their own SPF needs",
            rounds >= 0);
}

void suite_verify_load(void)
{
    const char *sdir = getenv("MAV_TEST_SIGNED_DIR");
    const char *fast = getenv("MAV_TEST_SIGNED_RECURSOR");
    const char *srv = getenv("MAV_TEST_SIGNED_DELAYED_RECURSOR");
    const char *delay = getenv("MAV_TEST_SIGNED_DELAY_MS");
    static char path[800], dir[600];
    static mav_dns_stats one_stats, all_stats;
    double one_ms = 0, ms, total_ms = 0;
    unsigned m, most = 0, slowest = 0, one_sent = 0;
    uint8_t nowbuf[32];
    long len;
    int good;

    if (!sdir || !fast || !srv) {
        CHECK_L("delayed signed world (run under tools/run-tests)", 0);
        return;
    }
    snprintf(path, sizeof path, "%s/now", sdir);
    len = test_read_file(path, nowbuf, sizeof nowbuf - 1);
    nowbuf[len > 0 ? len : 0] = 0;
    world_now = strtoll((const char *)nowbuf, NULL, 10);
    snprintf(path, sizeof path, "%s/root.ds", sdir);
    anchors_len = test_read_file(path, (uint8_t *)anchors, sizeof anchors);
    snprintf(dir, sizeof dir, "%s/verify-load", test_tmpdir());
    if (anchors_len <= 0 || mav_posix_parse_addr(srv, &server) != MAV_OK ||
        test_sh("rm -rf '%s' && mkdir -p '%s/msgs' && "
                "tests/dkim/make-signed-mail --world '%s' '%s' '%s' "
                ">/dev/null",
                dir, dir, sdir, fast, dir) != 0) {
        CHECK_L("signed mail and resolver set-up", 0);
        return;
    }
    for (m = 0; m < LOAD_MSGS; m++) {
        snprintf(path, sizeof path, "%s/msgs/world-%s-%s.eml", dir,
                 zones[m / 2], sels[m % 2]);
        len = test_read_file(path, msgs[m].bytes, sizeof msgs[m].bytes);
        CHECK_L(path, len > 0);
        if (len <= 0)
            return;
        msgs[m].len = (size_t)len;
        snprintf(msgs[m].mail_from, sizeof msgs[m].mail_from, "joe@%s",
                 zones[m / 2]);
    }
    mav_posix_init(&px);
    printf("  recursor %s, every answer %s ms late; "
           "MAV_CFG_DNS_QUERIES %d, MAV_CFG_DNS_INFLIGHT %d, "
           "MAV_CFG_DNS_CACHE_BYTES %d\n",
           srv, delay ? delay : "?", MAV_CFG_DNS_QUERIES,
           MAV_CFG_DNS_INFLIGHT, MAV_CFG_DNS_CACHE_BYTES);

    /* warm the recursor's own cache (Unbound, behind the delay), so that
     * every run below sees the same DNS: DELAY ms per answer */
    if (fresh_resolver() != 0) {
        CHECK_L("resolver set-up", 0);
        return;
    }
    good = run(LOAD_MSGS, 0, LOAD_MSGS, &ms, &most);
    CHECK_L("warm-up: the eight messages", good == LOAD_MSGS);

    /* each message alone, cold */
    for (m = 0; m < LOAD_MSGS; m++) {
        char label[120];
        if (fresh_resolver() != 0)
            return;
        good = run(1, m, 1, &ms, &most);
        snprintf(label, sizeof label, "alone: %s (%s)", zones[m / 2],
                 sels[m % 2]);
        CHECK_L(label, good == 1);
        printf("  alone  %-20s %-3s %7.1f ms  lookups %3u  sent udp %3u\n",
               zones[m / 2], sels[m % 2], ms, dns.stats.lookups,
               dns.stats.sent_udp);
        if (ms > one_ms) {
            one_ms = ms;
            slowest = m;
            one_stats = dns.stats;
        }
        if (dns.stats.sent_udp > one_sent)
            one_sent = dns.stats.sent_udp;
    }

    /* LOAD_N together, cold */
    if (fresh_resolver() != 0)
        return;
    good = run(LOAD_N, 0, LOAD_MSGS, &total_ms, &most);
    all_stats = dns.stats;
    CHECK_L("every message of the load finished", good >= 0);
    CHECK_INT("messages with spf=pass dkim=pass dmarc=pass", good, LOAD_N);
    printf("  one message alone (slowest, %s %s): %.1f ms\n",
           zones[slowest / 2], sels[slowest % 2], one_ms);
    printf("  %d messages in flight together:     %.1f ms  (%.2f x one "
           "message; %.1f ms per message; at most %u of %d lookup slots "
           "busy)\n",
           LOAD_N, total_ms, one_ms > 0 ? total_ms / one_ms : 0.0,
           total_ms / LOAD_N, most, MAV_CFG_DNS_QUERIES);
    print_stats("one message alone:", &one_stats);
    print_stats("all together:", &all_stats);
    printf("  (lookups counts every mav_dns_lookup call, those refused "
           "with MAV_ERR_SPACE and retried included)\n");
    printf("  datagrams sent: %u for %d messages, against %u x %d = %u "
           "if nothing were shared or cached\n",
           all_stats.sent_udp, LOAD_N, one_sent, LOAD_N,
           one_sent * LOAD_N);
    CHECK_L("total wall time under 3x one message's",
            one_ms > 0 && total_ms < LOAD_MAX_RATIO * one_ms);
    CHECK_L("identical lookups in flight shared (stats.shared > 0)",
            all_stats.shared > 0);
    CHECK_L("datagrams sent far below LOAD_N x one message's (< 1/10)",
            all_stats.sent_udp * 10 < one_sent * LOAD_N);
    slot_starvation(fast);
    mav_posix_close(&px);
}
