/* SPDX-License-Identifier: MIT */
/*
 * test_dns_sim.c - the resolver on the simulated network (simnet.h),
 * for what real servers cannot show: the retry schedule and timeouts,
 * failover on SERVFAIL, spoofed answers (wrong ID, source, question,
 * malformed) before the real one, duplicates and late answers, TC->TCP
 * with the answer in one-byte pieces, CNAME chains across responses and
 * loops, negative caching (RFC 2308) and TTL expiry on the monotonic
 * clock, shared lookups, queueing beyond the in-flight table, busy
 * source ports, cancellation.
 */
#include <stdio.h>
#include <string.h>

#include "mav_dns.h"
#include "msgbuild.h"
#include "simnet.h"
#include "test.h"

static sim_net sim;
static mav_dns_ctx res;
static msgb mb;

/* What the responder does with the next query it sees. */
enum { R_ANSWER, R_SILENT, R_SERVFAIL_FIRST, R_SPOOF_FIRST, R_TC, R_DUP,
       R_CHAIN_SPLIT, R_LOOP, R_NX, R_NODATA, R_SHORT_TTL };
static int mode;
static uint32_t delay = 10;
static unsigned answered;

static size_t wire(const char *text, uint8_t *out)
{
    size_t n = 0;
    mav_dns_name_from_text(text, strlen(text), NULL, out, &n);
    return n;
}

/* Question of a sent query, in text. */
static void sent_question(const sim_sent *s, char *name, uint16_t *qtype,
                          uint16_t *id)
{
    const uint8_t *p = s->pkt + (s->tcp ? 2 : 0);
    size_t len = s->len - (s->tcp ? 2 : 0);
    uint8_t n[MAV_DNS_NAME_MAX];
    size_t nl;
    uint16_t qc;
    mav_dns_msg m;

    name[0] = 0;
    if (mav_dns_msg_parse(&m, p, len, NULL) != MAV_OK ||
        mav_dns_msg_question(&m, n, &nl, qtype, &qc) != MAV_OK)
        return;
    mav_dns_name_to_text(n, name, 300, NULL);
    *id = m.id;
}

static void deliver(const sim_sent *s, uint32_t at, const msgb *m)
{
    if (s->tcp) {
        uint8_t hdr[2] = {(uint8_t)(m->len >> 8), (uint8_t)m->len};
        size_t i;
        /* the stream in one-byte pieces: reassembly must cope */
        sim_deliver_tcp(&sim, at, s->slot, MAV_PORT_TCP_DATA, hdr, 2);
        for (i = 0; i < m->len; i++)
            sim_deliver_tcp(&sim, at, s->slot, MAV_PORT_TCP_DATA,
                            m->b + i, 1);
        return;
    }
    sim_deliver_udp(&sim, at, s->slot, &s->server, m->b, m->len);
}

static void responder(void *arg, const sim_sent *s)
{
    char q[300];
    uint16_t qtype = 0, id = 0;
    uint32_t at = sim.now + delay;

    (void)arg;
    sent_question(s, q, &qtype, &id);
    if (!q[0])
        return;
    switch (mode) {
    case R_SILENT:
        return;
    case R_SERVFAIL_FIRST:
        if (answered++ == 0) {
            mb_start(&mb, id, MAV_DNS_RCODE_SERVFAIL, q, qtype);
            deliver(s, at, &mb);
            return;
        }
        break;
    case R_SPOOF_FIRST: {
        mav_addr other = sim_addr4(99, 53);
        /* wrong ID, wrong source, wrong question, garbage: all before
         * the real answer, which must still win */
        mb_start(&mb, (uint16_t)(id ^ 1), 0, q, qtype);
        mb_a(&mb, q, 300, 66);
        deliver(s, at, &mb);
        mb_start(&mb, id, 0, q, qtype);
        mb_a(&mb, q, 300, 66);
        sim_deliver_udp(&sim, at, s->slot, &other, mb.b, mb.len);
        mb_start(&mb, id, 0, "evil.test.", qtype);
        mb_a(&mb, "evil.test.", 300, 66);
        deliver(s, at, &mb);
        mb.b[5] = 9; /* QDCOUNT 9: runs past the end */
        deliver(s, at, &mb);
        break;
    }
    case R_TC:
        if (!s->tcp) {
            mb_start(&mb, id, MAV_DNS_FLAG_TC, q, qtype);
            deliver(s, at, &mb);
            return;
        }
        break;
    case R_CHAIN_SPLIT:
        if (strcmp(q, "alias.sim.test.") == 0) {
            /* stops at the alias with no SOA: the server did not chase */
            mb_start(&mb, id, 0, q, qtype);
            mb_cname(&mb, q, 300, "Target.Sim.Test.");
            deliver(s, at, &mb);
            return;
        }
        break;
    case R_LOOP:
        mb_start(&mb, id, 0, q, qtype);
        mb_cname(&mb, q, 300, "loop-b.sim.test.");
        mb_cname(&mb, "loop-b.sim.test.", 300, q);
        deliver(s, at, &mb);
        return;
    case R_NX:
    case R_NODATA:
        mb_start(&mb, id, mode == R_NX ? MAV_DNS_RCODE_NXDOMAIN : 0, q,
                 qtype);
        mb_soa(&mb, "sim.test.", 3600, 5); /* negative TTL: 5 s */
        deliver(s, at, &mb);
        return;
    default:
        break;
    }
    mb_start(&mb, id, 0, q, qtype);
    if (qtype == MAV_DNS_TYPE_TXT)
        mb_txt(&mb, q, 300, "v=spf1 -all");
    else
        mb_a(&mb, q, mode == R_SHORT_TTL ? 2 : 300, 1);
    deliver(s, at, &mb);
    if (mode == R_DUP)
        deliver(s, at + 5, &mb);
}

static void setup(int m, unsigned servers)
{
    unsigned i;

    sim_init(&sim, 0x1234567u + (uint32_t)m);
    sim.on_send = responder;
    mode = m;
    answered = 0;
    delay = 10;
    CHECK(mav_dns_init(&res, &sim.port) == MAV_OK);
    /* the transport is under test here, not DNSSEC (test_dnssec_*.c) */
    CHECK(mav_dns_set_trust_anchors(&res, NULL, 0) == MAV_OK);
    for (i = 0; i < servers; i++) {
        mav_addr a = sim_addr4((uint8_t)(1 + i), 5353);
        CHECK(mav_dns_add_server(&res, &a) == MAV_OK);
    }
}

/* Look up name/type, run the network, return the result. */
static mav_dns_result lookup(const char *name, uint16_t type,
                             mav_dns_handle *hp, int *rc_out)
{
    uint8_t n[MAV_DNS_NAME_MAX];
    size_t len = wire(name, n);
    mav_dns_handle h = 0;
    mav_dns_result r;
    int rc = mav_dns_lookup(&res, n, len, type, &h);

    memset(&r, 0, sizeof r);
    if (rc_out)
        *rc_out = rc;
    if (rc == MAV_PENDING)
        sim_run(&sim, &res, sim.now + 60000);
    mav_dns_get_result(&res, h, &r);
    if (hp)
        *hp = h;
    else
        mav_dns_release(&res, h);
    return r;
}

static int first_a(mav_dns_handle h)
{
    mav_dns_answer a;
    mav_dns_rr rr;
    mav_dns_rdata rd;

    if (mav_dns_answer_init(&res, h, &a) != MAV_OK ||
        mav_dns_answer_next(&a, &rr) != 1 ||
        mav_dns_rr_rdata(&a.msg, &rr, &rd) != MAV_OK)
        return -1;
    return rd.u.a[3];
}

static void basic_and_cache(void)
{
    mav_dns_result r;
    mav_dns_handle h;
    int rc;
    const sim_sent *s;
    mav_dns_msg m;

    setup(R_ANSWER, 1);
    r = lookup("a4.sim.test.", MAV_DNS_TYPE_A, &h, &rc);
    CHECK_INT("first lookup pending", rc, MAV_PENDING);
    CHECK_INT("answer", r.status, MAV_DNS_ANSWER);
    CHECK_INT("A record", first_a(h), 1);
    CHECK_INT("one datagram", sim.nsent, 1);
    s = &sim.sent[0];
    CHECK(mav_dns_msg_parse(&m, s->pkt, s->len, NULL) == MAV_OK);
    CHECK_L("RD and CD set", (m.flags & MAV_DNS_FLAG_RD) &&
                                 (m.flags & MAV_DNS_FLAG_CD));
    CHECK_L("EDNS DO, 1232", m.has_opt && (m.edns_flags & MAV_DNS_EDNS_FLAG_DO)
                                 && m.edns_udp_size == 1232);
    CHECK_L("source port >= 1024", s->local_port >= 1024);
    mav_dns_release(&res, h);
    CHECK_L("slot closed", !sim.udp_open[s->slot]);
    sim.now += 1500;
    r = lookup("A4.SIM.test.", MAV_DNS_TYPE_A, &h, &rc);
    CHECK_INT("cache hit, any case", rc, MAV_OK);
    CHECK_INT("cached answer", r.status, MAV_DNS_ANSWER);
    CHECK_INT("cached A", first_a(h), 1);
    CHECK_INT("no new datagram", sim.nsent, 1);
    CHECK_INT("stats hit", res.stats.cache_hits, 1);
    CHECK_INT("ttl counts down", r.ttl, 298); /* 1.5 s later: 298.5 s */
    mav_dns_release(&res, h);
    CHECK_INT("stale handle refused", mav_dns_get_result(&res, h, &r),
              MAV_ERR_ARG);
}

static void retry_schedule(void)
{
    mav_dns_result r;
    unsigned i;
    static const uint32_t waits[] = {800, 1600, 3200};

    setup(R_SILENT, 2);
    r = lookup("slow.sim.test.", MAV_DNS_TYPE_A, NULL, NULL);
    CHECK_INT("timeout", r.status, MAV_DNS_TIMEOUT);
    CHECK_INT("tries", sim.nsent, MAV_CFG_DNS_TRIES);
    for (i = 1; i < sim.nsent && i < 4; i++) {
        CHECK_INT("backoff doubles", sim.sent[i].at - sim.sent[i - 1].at,
                  waits[i - 1]);
        CHECK_L("servers alternate",
                sim.sent[i].server.addr[3] != sim.sent[i - 1].server.addr[3]);
        CHECK_L("fresh ID", mb_query_id(sim.sent[i].pkt) !=
                                mb_query_id(sim.sent[i - 1].pkt));
        CHECK_L("fresh port",
                sim.sent[i].local_port != sim.sent[i - 1].local_port);
    }
    CHECK_INT("gave up after 12 s", sim.now - sim.sent[0].at, 12000);
    CHECK_INT("timeouts counted", res.stats.timeouts, 1);
    CHECK_INT("no endpoint left open", sim.udp_open[0] + sim.udp_open[1], 0);
}

static void failover(void)
{
    mav_dns_result r;

    setup(R_SERVFAIL_FIRST, 2);
    r = lookup("fo.sim.test.", MAV_DNS_TYPE_A, NULL, NULL);
    CHECK_INT("answer after SERVFAIL", r.status, MAV_DNS_ANSWER);
    CHECK_INT("two tries", sim.nsent, 2);
    CHECK_L("second server", sim.nsent == 2 &&
                                 sim.sent[1].server.addr[3] == 2);
    CHECK_INT("at once, not after a timeout", sim.sent[1].at - sim.sent[0].at,
              10);
}

static void spoofs(void)
{
    mav_dns_result r;
    mav_dns_handle h;

    setup(R_SPOOF_FIRST, 1);
    r = lookup("spoof.sim.test.", MAV_DNS_TYPE_A, &h, NULL);
    CHECK_INT("real answer wins", r.status, MAV_DNS_ANSWER);
    CHECK_INT("real A", first_a(h), 1);
    CHECK_INT("drop id", res.stats.drop_id, 1);
    CHECK_INT("drop source", res.stats.drop_source, 1);
    CHECK_INT("drop question", res.stats.drop_question, 1);
    CHECK_INT("drop malformed", res.stats.drop_malformed, 1);
    mav_dns_release(&res, h);
}

static void duplicates_and_late(void)
{
    mav_dns_result r;

    setup(R_DUP, 1);
    r = lookup("dup.sim.test.", MAV_DNS_TYPE_A, NULL, NULL);
    CHECK_INT("answer", r.status, MAV_DNS_ANSWER);
    sim_run(&sim, &res, sim.now + 100); /* deliver the duplicate */
    CHECK_INT("accepted once", res.stats.accepted, 1);
    /* a late answer to a first try, after the retry: dropped, the retry's
     * answer is taken */
    setup(R_SILENT, 1);
    {
        uint8_t n[MAV_DNS_NAME_MAX];
        mav_dns_handle h;
        size_t len = wire("late.sim.test.", n);
        CHECK(mav_dns_lookup(&res, n, len, MAV_DNS_TYPE_A, &h) ==
              MAV_PENDING);
        sim_run(&sim, &res, sim.now + 900); /* first try timed out */
        CHECK_INT("retried", sim.nsent, 2);
        mode = R_ANSWER;
        mb_start(&mb, mb_query_id(sim.sent[0].pkt), 0, "late.sim.test.",
                 MAV_DNS_TYPE_A);
        mb_a(&mb, "late.sim.test.", 300, 7);
        sim_deliver_udp(&sim, sim.now + 1, sim.sent[1].slot,
                        &sim.sent[1].server, mb.b, mb.len);
        mb_start(&mb, mb_query_id(sim.sent[1].pkt), 0, "late.sim.test.",
                 MAV_DNS_TYPE_A);
        mb_a(&mb, "late.sim.test.", 300, 8);
        sim_deliver_udp(&sim, sim.now + 2, sim.sent[1].slot,
                        &sim.sent[1].server, mb.b, mb.len);
        sim_run(&sim, &res, sim.now + 100);
        CHECK(mav_dns_get_result(&res, h, &r) == MAV_OK);
        CHECK_INT("retry's answer", first_a(h), 8);
        CHECK_INT("late one dropped on ID", res.stats.drop_id, 1);
        mav_dns_release(&res, h);
    }
}

static void truncated_to_tcp(void)
{
    mav_dns_result r;
    mav_dns_handle h;
    unsigned i, tcp_sends = 0;

    setup(R_TC, 1);
    /* the port reports the connection; the responder answers the bytes */
    {
        uint8_t n[MAV_DNS_NAME_MAX];
        size_t len = wire("big.sim.test.", n);
        CHECK(mav_dns_lookup(&res, n, len, MAV_DNS_TYPE_TXT, &h) ==
              MAV_PENDING);
        sim_run(&sim, &res, sim.now + 50);
        CHECK_L("TCP opened", sim.tcp_open[sim.sent[0].slot]);
        sim_deliver_tcp(&sim, sim.now + 5, sim.sent[0].slot,
                        MAV_PORT_TCP_CONNECTED, NULL, 0);
        sim_run(&sim, &res, sim.now + 1000);
    }
    CHECK(mav_dns_get_result(&res, h, &r) == MAV_OK);
    CHECK_INT("answer over TCP", r.status, MAV_DNS_ANSWER);
    for (i = 0; i < sim.nsent; i++)
        if (sim.sent[i].tcp) {
            tcp_sends++;
            CHECK_INT("length prefix", (sim.sent[i].pkt[0] << 8) |
                                           sim.sent[i].pkt[1],
                      sim.sent[i].len - 2);
        }
    CHECK_INT("one TCP query", tcp_sends, 1);
    CHECK_INT("truncated counted", res.stats.truncated, 1);
    {
        mav_dns_answer a;
        mav_dns_rr rr;
        uint8_t txt[64];
        size_t tl = 0;
        CHECK(mav_dns_answer_init(&res, h, &a) == MAV_OK);
        CHECK(mav_dns_answer_next(&a, &rr) == 1);
        CHECK(mav_dns_txt_join(a.msg.p + rr.rdata, rr.rdlen, txt, sizeof txt,
                               &tl) == MAV_OK);
        CHECK_MEM("TXT", txt, tl, "v=spf1 -all", 11);
    }
    mav_dns_release(&res, h);
    CHECK_L("stream closed", !sim.tcp_open[sim.sent[0].slot]);
}

static void cname_chains(void)
{
    mav_dns_result r;
    mav_dns_handle h;
    char txt[300];

    setup(R_CHAIN_SPLIT, 1);
    r = lookup("alias.sim.test.", MAV_DNS_TYPE_A, &h, NULL);
    CHECK_INT("answer through a second query", r.status, MAV_DNS_ANSWER);
    CHECK_INT("two queries", sim.nsent, 2);
    CHECK_INT("one link", r.cnames, 1);
    mav_dns_name_to_text(r.name, txt, sizeof txt, NULL);
    CHECK_L("final name, lowercased", strcmp(txt, "target.sim.test.") == 0);
    CHECK_INT("target's A", first_a(h), 1);
    mav_dns_release(&res, h);
    /* the chain now comes from the cache alone */
    r = lookup("alias.sim.test.", MAV_DNS_TYPE_A, NULL, NULL);
    CHECK_INT("cached chain", r.status, MAV_DNS_ANSWER);
    CHECK_INT("no new query", sim.nsent, 2);

    setup(R_LOOP, 1);
    r = lookup("loop-a.sim.test.", MAV_DNS_TYPE_A, NULL, NULL);
    CHECK_INT("loop fails", r.status, MAV_DNS_FAILED);
    CHECK_INT("as a limit", r.err, MAV_ERR_LIMIT);
}

static void negative_and_ttl(void)
{
    mav_dns_result r;
    int rc;

    setup(R_NX, 1);
    r = lookup("nope.sim.test.", MAV_DNS_TYPE_A, NULL, NULL);
    CHECK_INT("NXDOMAIN", r.status, MAV_DNS_NXDOMAIN);
    CHECK_INT("negative TTL = SOA minimum", r.ttl, 5);
    sim.now += 4000;
    r = lookup("nope.sim.test.", MAV_DNS_TYPE_A, NULL, &rc);
    CHECK_INT("negative cache hit", rc, MAV_OK);
    CHECK_INT("still NXDOMAIN", r.status, MAV_DNS_NXDOMAIN);
    sim.now += 1100;
    r = lookup("nope.sim.test.", MAV_DNS_TYPE_A, NULL, &rc);
    CHECK_INT("expired: asked again", rc, MAV_PENDING);
    CHECK_INT("two queries", sim.nsent, 2);

    setup(R_NODATA, 1);
    r = lookup("a4.sim.test.", MAV_DNS_TYPE_AAAA, NULL, NULL);
    CHECK_INT("NODATA", r.status, MAV_DNS_NODATA);

    setup(R_SHORT_TTL, 1);
    r = lookup("short.sim.test.", MAV_DNS_TYPE_A, NULL, NULL);
    sim.now += 1900;
    lookup("short.sim.test.", MAV_DNS_TYPE_A, NULL, &rc);
    CHECK_INT("within TTL: cached", rc, MAV_OK);
    sim.now += 200;
    lookup("short.sim.test.", MAV_DNS_TYPE_A, NULL, &rc);
    CHECK_INT("TTL over: asked again", rc, MAV_PENDING);
}

static void sharing_queueing_busy(void)
{
    mav_dns_handle h[MAV_CFG_DNS_INFLIGHT + 4], h2;
    uint8_t n[MAV_DNS_NAME_MAX];
    size_t len;
    mav_dns_result r;
    unsigned i, ok = 0;
    char name[64];

    setup(R_ANSWER, 1);
    len = wire("shared.sim.test.", n);
    CHECK(mav_dns_lookup(&res, n, len, MAV_DNS_TYPE_A, &h[0]) == MAV_PENDING);
    CHECK(mav_dns_lookup(&res, n, len, MAV_DNS_TYPE_A, &h2) == MAV_PENDING);
    sim_run(&sim, &res, sim.now + 1000);
    CHECK_INT("sent once", sim.nsent, 1);
    CHECK_INT("shared counted", res.stats.shared, 1);
    CHECK(mav_dns_get_result(&res, h2, &r) == MAV_OK &&
          r.status == MAV_DNS_ANSWER);
    mav_dns_release(&res, h[0]);
    CHECK(mav_dns_get_result(&res, h2, &r) == MAV_OK); /* still held */
    mav_dns_release(&res, h2);

    setup(R_ANSWER, 1);
    delay = 50;
    for (i = 0; i < MAV_CFG_DNS_INFLIGHT + 4; i++) {
        snprintf(name, sizeof name, "q%u.sim.test.", i);
        len = wire(name, n);
        CHECK(mav_dns_lookup(&res, n, len, MAV_DNS_TYPE_A, &h[i]) ==
              MAV_PENDING);
    }
    CHECK_INT("only the in-flight table goes out", sim.nsent,
              MAV_CFG_DNS_INFLIGHT);
    sim_run(&sim, &res, sim.now + 5000);
    for (i = 0; i < MAV_CFG_DNS_INFLIGHT + 4; i++) {
        if (mav_dns_get_result(&res, h[i], &r) == MAV_OK &&
            r.status == MAV_DNS_ANSWER)
            ok++;
        mav_dns_release(&res, h[i]);
    }
    CHECK_INT("queued ones answered too", ok, MAV_CFG_DNS_INFLIGHT + 4);

    setup(R_ANSWER, 1);
    sim.busy_next = 2;
    r = lookup("busy.sim.test.", MAV_DNS_TYPE_A, NULL, NULL);
    CHECK_INT("busy ports redrawn", sim.busy_hits, 2);
    CHECK_INT("answer", r.status, MAV_DNS_ANSWER);

    setup(R_SILENT, 1);
    len = wire("cancel.sim.test.", n);
    CHECK(mav_dns_lookup(&res, n, len, MAV_DNS_TYPE_A, &h[0]) == MAV_PENDING);
    mav_dns_release(&res, h[0]);
    CHECK_L("cancel closes the endpoint", !sim.udp_open[sim.sent[0].slot]);
    CHECK_INT("nothing pending", mav_dns_poll(&res, NULL), MAV_OK);
}

void suite_dns_sim(void)
{
    basic_and_cache();
    retry_schedule();
    failover();
    spoofs();
    duplicates_and_late();
    truncated_to_tcp();
    cname_chains();
    negative_and_ttl();
    sharing_queueing_busy();
}
