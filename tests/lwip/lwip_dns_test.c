/* SPDX-License-Identifier: MIT */
/*
 * lwip_dns_test.c - mav's resolver over port/lwip and real lwIP 2.2
 * (NO_SYS=1) against the real servers of the test DNS world, the same
 * checks as tests/host/test_dns_live.c makes over the POSIX port: for a
 * table of names mav's status and answer set must equal what `dig` says
 * through the same server; the 2.2 KB TXT set must come over TCP after
 * TC; negative answers are cached for the SOA minimum; a 2-second TTL
 * runs out. Then what only this port shows: the source ports lwIP bound
 * are the random ones mav drew, many lookups run in parallel, and no pcb
 * or pbuf is left behind.
 *
 * lwIP sits on a TAP device (tap_link.c) inside the network namespace
 * that tests/lwip/run-lwip-test creates, where tools/dnsworld runs with
 * its servers also on 192.0.2.1. Environment: MAV_TEST_RECURSOR and
 * MAV_TEST_AUTH (127.0.0.1:PORT, from dnsworld; dig uses them as they
 * are, lwIP the same ports on MAV_LWIP_SERVER), MAV_LWIP_SERVER
 * (192.0.2.1), MAV_LWIP_TAP (tap0), MAV_LWIP_ADDR (192.0.2.2). The last
 * line is "N passed, M failed".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lwip/init.h"
#include "lwip/memp.h"
#include "lwip/stats.h"
#include "lwip/sys.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "lwip/udp.h"

#include "digcmp.h"
#include "mav_dns.h"
#include "mav_dns_text.h"
#include "mav_lwip.h"
#include "tap_link.h"

/* ---- checks ------------------------------------------------------------ */

static unsigned long passed, failed;

static void check(int ok, const char *label, int line)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    fprintf(stderr, "FAIL lwip_dns_test.c:%d: %s\n", line, label);
}

#define CHECK_L(label, cond) check((cond) != 0, label, __LINE__)
#define CHECK_INT(label, got, want)                                      \
    do {                                                                 \
        long long g_ = (long long)(got), w_ = (long long)(want);         \
        check(g_ == w_, label, __LINE__);                                \
        if (g_ != w_)                                                    \
            fprintf(stderr, "  got %lld, want %lld\n", g_, w_);          \
    } while (0)

/* ---- the board: hooks and the main loop ----------------------------- */

static tap_link tap;
static mav_lwip lw;
static mav_dns_ctx dns;

static int board_random(void *board, void *buf, size_t len)
{
    uint8_t *p = buf;

    (void)board;
    while (len > 0) {
        ssize_t n = getrandom(p, len, 0);
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int64_t board_unix_time(void *board)
{
    (void)board;
    return (int64_t)time(NULL);
}

static void board_log(void *board, int level, const char *msg)
{
    (void)board;
    if (level <= MAV_LOG_WARN)
        fprintf(stderr, "mav: %s\n", msg);
}

/* Source ports mav handed to udp_open, and whether lwIP bound them. */
static uint16_t ports[512];
static unsigned nports, ports_bound_as_asked = 1;
static int (*real_udp_open)(void *, unsigned, const mav_addr *, uint16_t);

static int recording_udp_open(void *u, unsigned slot, const mav_addr *srv,
                              uint16_t local_port)
{
    int rc = real_udp_open(u, slot, srv, local_port);

    if (rc == MAV_OK) {
        if (lw.slot[slot].udp->local_port != local_port)
            ports_bound_as_asked = 0;
        if (nports < sizeof ports / sizeof ports[0])
            ports[nports++] = local_port;
    }
    return rc;
}

/*
 * A server that always truncates: a kernel UDP socket on the far side of
 * the TAP device (192.0.2.1, a free port) that sends every query back
 * with QR and TC set, and no TCP listener on that port, so the kernel
 * answers lwIP's SYN with a RST. That drives port/lwip's tcp_err path
 * (the pcb already freed by lwIP) with a real peer.
 */
static int tc_fd = -1;
static uint16_t tc_port;

static int tc_server_open(const char *ip)
{
    struct sockaddr_in sa;
    socklen_t sl = sizeof sa;

    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1)
        return -1;
    tc_fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (tc_fd < 0 || bind(tc_fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
        getsockname(tc_fd, (struct sockaddr *)&sa, &sl) != 0)
        return -1;
    tc_port = ntohs(sa.sin_port);
    return 0;
}

static void tc_server_answer(void)
{
    uint8_t q[512];
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    ssize_t n;

    while ((n = recvfrom(tc_fd, q, sizeof q, 0, (struct sockaddr *)&from,
                         &fl)) >= 12) {
        q[2] |= 0x82; /* QR, TC (RFC 1035 §4.1.1) */
        (void)sendto(tc_fd, q, (size_t)n, 0, (struct sockaddr *)&from, fl);
        fl = sizeof from;
    }
}

/* One turn of the main loop that mav_lwip.h describes; waits at most
 * max_ms for a frame. Returns mav_lwip_poll's code. */
static int main_loop_turn(uint32_t max_ms)
{
    struct pollfd pfd[2];
    uint32_t wait = UINT32_MAX, lwip_wait;
    int rc;

    tap_link_input(&tap);
    sys_check_timeouts();
    rc = mav_lwip_poll(&lw, &wait);
    lwip_wait = sys_timeouts_sleeptime();
    if (lwip_wait < wait)
        wait = lwip_wait;
    if (wait > max_ms)
        wait = max_ms;
    pfd[0].fd = tap.fd;
    pfd[0].events = POLLIN;
    pfd[1].fd = tc_fd;
    pfd[1].events = POLLIN;
    poll(pfd, tc_fd >= 0 ? 2 : 1, (int)wait);
    if (tc_fd >= 0)
        tc_server_answer();
    return rc;
}

/* Run the loop until the resolver is idle or limit_ms have passed. */
static void run_until_idle(uint32_t limit_ms)
{
    uint32_t start = sys_now();

    while (sys_now() - start < limit_ms)
        if (main_loop_turn(limit_ms - (sys_now() - start)) != MAV_PENDING)
            return;
}

/* Keep lwIP (ARP, TCP timers) running for ms, as a sleeping board's
 * interrupts would. */
static void run_for(uint32_t ms)
{
    uint32_t start = sys_now();

    while (sys_now() - start < ms)
        (void)main_loop_turn(ms - (sys_now() - start));
}

static int setup(void)
{
    const char *ifname = getenv("MAV_LWIP_TAP");
    const char *ip = getenv("MAV_LWIP_ADDR");
    mav_lwip_board hooks;

    lwip_init();
    if (tap_link_open(&tap, ifname ? ifname : "tap0", ip ? ip : "192.0.2.2",
                      "255.255.255.0") != 0)
        return -1;
    memset(&hooks, 0, sizeof hooks);
    hooks.random = board_random;
    hooks.unix_time = board_unix_time;
    hooks.log = board_log;
    if (mav_lwip_init(&lw, &hooks) != MAV_OK)
        return -1;
    real_udp_open = lw.port.udp_open;
    lw.port.udp_open = recording_udp_open;
    return 0;
}

static const char *server_ip(void)
{
    const char *ip = getenv("MAV_LWIP_SERVER");

    return ip ? ip : "192.0.2.1";
}

/* A fresh resolver on the world's server named by env (its port), at
 * the address lwIP reaches it on; env NULL: the truncating server. */
static int start_resolver(const char *env)
{
    const char *srv = env ? getenv(env) : NULL;
    const char *colon = srv ? strrchr(srv, ':') : NULL;
    mav_addr a;
    ip4_addr_t v4;

    if ((env && colon == NULL) || !ip4addr_aton(server_ip(), &v4)) {
        CHECK_L("no test DNS world: run tests/lwip/run-lwip-test", 0);
        return -1;
    }
    memset(&a, 0, sizeof a);
    a.family = 4;
    memcpy(a.addr, &v4.addr, 4);
    a.port = env ? (uint16_t)atoi(colon + 1) : tc_port;
    mav_lwip_close(&lw);
    /* the transport is under test, over an unsigned world: no DNSSEC */
    if (mav_dns_init(&dns, &lw.port) != MAV_OK ||
        mav_dns_set_trust_anchors(&dns, NULL, 0) != MAV_OK ||
        mav_dns_add_server(&dns, &a) != MAV_OK)
        return -1;
    mav_lwip_attach(&lw, &dns);
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
        run_until_idle(10000);
    mav_dns_get_result(&dns, *h, r);
    return rc;
}

/* ---- mav against dig ---------------------------------------------------- */

/* digcmp's resolve: lookup() over lwIP */
static void resolve(void *arg, const char *name, uint16_t type,
                    mav_dns_handle *h, mav_dns_result *r)
{
    (void)arg;
    lookup(name, type, h, r);
}

static void against_dig(const char *env)
{
    const char *server = getenv(env);
    char label[400];
    unsigned i;

    for (i = 0; i < digcmp_count; i++) {
        snprintf(label, sizeof label, "%s %s via lwIP (dig via %s)",
                 digcmp_names[i][0], digcmp_names[i][1], server);
        CHECK_L(label, digcmp_compare(&dns, resolve, NULL, server,
                                      digcmp_names[i][0], digcmp_names[i][1],
                                      "mav over lwIP") == 0);
    }
}

/* ---- TC -> TCP, negative caching, TTL expiry --------------------------- */

static void tc_then_tcp(void)
{
    mav_dns_handle h;
    mav_dns_result r;
    uint32_t tcp0 = dns.stats.sent_tcp;

    mav_dns_cache_flush(&dns);
    lookup("txt-big.mav.test.", MAV_DNS_TYPE_TXT, &h, &r);
    CHECK_INT("txt-big answered", r.status, MAV_DNS_ANSWER);
    CHECK_INT("txt-big over TCP", dns.stats.sent_tcp - tcp0, 1);
    {
        mav_dns_answer a;
        mav_dns_rr rr;
        int n = 0;
        if (mav_dns_answer_init(&dns, h, &a) == MAV_OK)
            while (mav_dns_answer_next(&a, &rr) == 1)
                n++;
        CHECK_INT("txt-big: all 8 TXT RRs over lwIP's TCP", n, 8);
    }
    mav_dns_release(&dns, h);
}

/*
 * Asked of the authoritative server, whose TTLs do not count down:
 * Unbound answers a negative question with the SOA from its own cache,
 * whose TTL has been running since some earlier question, so on a slow
 * run it would say 5 where the zone says 7.
 */
static void negative_and_ttl(void)
{
    mav_dns_handle h;
    mav_dns_result r;
    uint32_t sent;
    int rc;

    mav_dns_cache_flush(&dns);
    lookup("never-asked.mav.test.", MAV_DNS_TYPE_A, &h, &r);
    CHECK_INT("NXDOMAIN", r.status, MAV_DNS_NXDOMAIN);
    CHECK_L("negative TTL from mav.test's SOA minimum (7)",
            r.ttl <= 7 && r.ttl >= 6);
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
    run_for(2200);
    rc = lookup("short-ttl.mav.test.", MAV_DNS_TYPE_A, &h, &r);
    CHECK_INT("expired after 2 s: asked again", rc, MAV_PENDING);
    CHECK_INT("and answered", r.status, MAV_DNS_ANSWER);
    mav_dns_release(&dns, h);
}

/* ---- what only the lwIP port shows ------------------------------------- */

/* The kernel's side of the TAP device down or up: while it is down the
 * kernel refuses lwIP's frames, as a switch port that is not up yet. */
static void set_link(const char *state)
{
    const char *ifname = getenv("MAV_LWIP_TAP");
    char cmd[128];

    snprintf(cmd, sizeof cmd, "ip link set dev %s %s",
             ifname ? ifname : "tap0", state);
    fflush(NULL);
    CHECK_L(cmd, system(cmd) == 0);
}

/*
 * Lookups in flight at once, one UDP pcb each, one of them over TCP.
 * Run first, while lwIP has no ARP entry for the server yet, and with
 * the link down for the first second: the first queries wait in lwIP's
 * ARP queue (ARP_QUEUEING, ARP_QUEUE_LEN in lwipopts.h), the retries
 * find it full and are lost (counted in tx_dropped), and once the link
 * is up every lookup must still be answered.
 */
static void parallel(void)
{
    static const char *const names[] = {
        "a4.mav.test.",    "mail1.mav.test.", "mail2.mav.test.",
        "x.ent.mav.test.", "www.child.mav.test.", "long-ttl.mav.test.",
        "q.wild.mav.test.", "txt-big.mav.test.",
    };
    static const uint16_t types[] = {
        MAV_DNS_TYPE_A, MAV_DNS_TYPE_A, MAV_DNS_TYPE_AAAA, MAV_DNS_TYPE_A,
        MAV_DNS_TYPE_A, MAV_DNS_TYPE_A, MAV_DNS_TYPE_TXT, MAV_DNS_TYPE_TXT,
    };
    mav_dns_handle h[8];
    unsigned i, started = 0;

    mav_dns_cache_flush(&dns);
    set_link("down");
    for (i = 0; i < 8; i++) {
        uint8_t w[MAV_DNS_NAME_MAX];
        size_t wl;
        if (mav_dns_name_from_text(names[i], strlen(names[i]), NULL, w,
                                   &wl) == MAV_OK &&
            mav_dns_lookup(&dns, w, wl, types[i], &h[i]) == MAV_PENDING)
            started++;
    }
    CHECK_INT("parallel: 8 lookups started", started, 8);
    run_for(MAV_CFG_DNS_TIMEOUT_MS + 200); /* first retries: link down */
    set_link("up");
    run_until_idle(11000);
    CHECK_L("retries during the outage counted as lost", lw.tx_dropped > 0);
    printf("  %u queries lost while the link was down, %u frames refused\n",
           (unsigned)lw.tx_dropped, (unsigned)tap.frames_dropped);
    for (i = 0; i < started; i++) {
        mav_dns_result r;
        char label[200];
        mav_dns_get_result(&dns, h[i], &r);
        snprintf(label, sizeof label, "parallel: %s answered (%s)",
                 names[i], mav_strerror(r.err));
        CHECK_INT(label, r.status, MAV_DNS_ANSWER);
        mav_dns_release(&dns, h[i]);
    }
}

/* TC, then TCP refused with a RST: every try must end at once through
 * tcp_err, not by waiting out its timeout (4 tries would take 12 s). */
static void tcp_reset(void)
{
    mav_dns_handle h;
    mav_dns_result r;
    uint32_t t0, ms, trunc0, retries0;

    if (tc_server_open(server_ip()) != 0) {
        CHECK_L("truncating server on the TAP's far side", 0);
        return;
    }
    if (start_resolver(NULL) != 0)
        return;
    trunc0 = dns.stats.truncated;
    retries0 = dns.stats.retries;
    t0 = sys_now();
    lookup("a4.mav.test.", MAV_DNS_TYPE_A, &h, &r);
    ms = sys_now() - t0;
    CHECK_INT("TC + RST on every try: SERVFAIL", r.status, MAV_DNS_SERVFAIL);
    CHECK_INT("each try truncated", dns.stats.truncated - trunc0,
              MAV_CFG_DNS_TRIES);
    CHECK_INT("and retried", dns.stats.retries - retries0,
              MAV_CFG_DNS_TRIES - 1);
    CHECK_L("no try waited for its timeout (tcp_err pushed CLOSED)",
            ms < MAV_CFG_DNS_TIMEOUT_MS);
    printf("  4 x (TC, SYN, RST) in %u ms\n", (unsigned)ms);
    mav_dns_release(&dns, h);
    close(tc_fd);
    tc_fd = -1;
}

/* The source ports: lwIP bound exactly the ones mav drew, and they are
 * not lwIP's sequence (RFC 5452 §9.2). */
static void source_ports(void)
{
    unsigned i, steps = 0;

    CHECK_L("at least 40 UDP endpoints opened", nports >= 40);
    CHECK_L("lwIP bound each at the port mav drew", ports_bound_as_asked);
    for (i = 1; i < nports; i++)
        if (ports[i] == (uint16_t)(ports[i - 1] + 1))
            steps++;
    CHECK_L("source ports are random, not sequential", steps <= 1);
    printf("  %u source ports, e.g. %u %u %u %u\n", nports, ports[0],
           ports[1], ports[2], ports[3]);
}

/* After closing, every UDP pcb and every received pbuf is back. */
static void nothing_leaked(void)
{
    mav_lwip_close(&lw);
    run_for(300); /* let TCP finish its FIN exchanges */
    CHECK_INT("no UDP pcb left", lwip_stats.memp[MEMP_UDP_PCB]->used, 0);
    CHECK_INT("no pool pbuf held", lwip_stats.memp[MEMP_PBUF_POOL]->used,
              0);
    CHECK_INT("no pbuf_ref held", lwip_stats.memp[MEMP_PBUF]->used, 0);
    CHECK_INT("no answer dropped by the port", lw.rx_dropped, 0);
    CHECK_INT("lwIP heap not exhausted", lwip_stats.mem.err, 0);
    CHECK_L("queries really left through lwIP's UDP",
            lwip_stats.udp.xmit >= dns.stats.sent_udp &&
                lwip_stats.udp.xmit > 0);
    CHECK_L("and its TCP", lwip_stats.tcp.xmit > 0);
}

static const char *const pool_names[] = {
#define LWIP_MEMPOOL(name, num, size, desc) desc,
#include "lwip/priv/memp_std.h"
};

static void report_sizes(void)
{
    unsigned long total = 0;
    unsigned i;

    printf("  sizeof(mav_lwip) = %zu bytes (of which rx buffer %u), "
           "sizeof(mav_dns_ctx) = %zu bytes\n",
           sizeof(mav_lwip), (unsigned)MAV_LWIP_UDP_MAX, sizeof(mav_dns_ctx));
    printf("  lwIP pools (tests/lwip/lwipopts.h):");
    for (i = 0; i < MEMP_MAX; i++) {
        unsigned long b = (unsigned long)memp_pools[i]->size *
                          memp_pools[i]->num;
        printf("%s %s %ux%u", i ? "," : "", pool_names[i],
               (unsigned)memp_pools[i]->num, (unsigned)memp_pools[i]->size);
        total += b;
    }
    printf("\n  lwIP pools %lu bytes + heap MEM_SIZE %u bytes = %lu\n", total,
           (unsigned)MEM_SIZE, total + MEM_SIZE);
    printf("  frames: %u in, %u out, %u dropped; udp xmit %u, tcp xmit %u\n",
           (unsigned)tap.frames_in, (unsigned)tap.frames_out,
           (unsigned)tap.frames_dropped, (unsigned)lwip_stats.udp.xmit,
           (unsigned)lwip_stats.tcp.xmit);
    if (failed) { /* what lwIP saw, to tell a port bug from a lost link */
        printf("  lwIP: etharp xmit %u recv %u drop %u memerr %u; ip drop %u"
               " rterr %u; udp drop %u; heap err %u",
               (unsigned)lwip_stats.etharp.xmit,
               (unsigned)lwip_stats.etharp.recv,
               (unsigned)lwip_stats.etharp.drop,
               (unsigned)lwip_stats.etharp.memerr,
               (unsigned)lwip_stats.ip.drop, (unsigned)lwip_stats.ip.rterr,
               (unsigned)lwip_stats.udp.drop, (unsigned)lwip_stats.mem.err);
        for (i = 0; i < MEMP_MAX; i++)
            if (lwip_stats.memp[i]->err)
                printf("; %s pool empty %u times", pool_names[i],
                       (unsigned)lwip_stats.memp[i]->err);
        printf("\n");
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (setup() != 0) {
        CHECK_L("lwIP on the TAP device", 0);
    } else {
        printf("== lwIP %s, NO_SYS=1, on a TAP device\n",
               LWIP_VERSION_STRING);
        if (start_resolver("MAV_TEST_RECURSOR") == 0) {
            printf("== 8 lookups in parallel, link down at first\n");
            parallel();
            printf("== mav over lwIP vs dig, recursor\n");
            against_dig("MAV_TEST_RECURSOR");
            printf("== TC -> TCP\n");
            tc_then_tcp();
        }
        if (start_resolver("MAV_TEST_AUTH") == 0) {
            printf("== mav over lwIP vs dig, authoritative server\n");
            against_dig("MAV_TEST_AUTH");
            printf("== TC -> TCP, negative caching, TTL expiry\n");
            tc_then_tcp();
            negative_and_ttl();
        }
        printf("== TCP refused (RST): tcp_err\n");
        tcp_reset();
        source_ports();
        nothing_leaked();
        report_sizes();
        tap_link_close(&tap);
    }
    printf("%lu passed, %lu failed\n", passed, failed);
    return failed ? 1 : 0;
}
