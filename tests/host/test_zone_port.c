/* SPDX-License-Identifier: MIT */
/*
 * test_zone_port.c - the zone port (port/zone) as a server and as a port.
 * First the server alone (mav_zone_answer) on a small zone that has each
 * case of RFC 1034 §4.3.2: exact match, CNAME chain and loop, DNAME
 * (RFC 6672), wildcards (RFC 4592) with CNAME and NODATA, empty
 * non-terminals, NXDOMAIN with the RFC 2308 SOA TTL, TC over UDP and the
 * whole answer over TCP, EDNS echo and BADVERS, FORMERR, NOTIMP, REFUSED.
 * Then mav's resolver over the port, loaded with the test world's own
 * zone files (tests/world/zones), against the real NSD serving the same
 * files (MAV_TEST_AUTH, set by tools/run-tests): for every name of
 * test_dns_live.c and a few more, the status and the sorted answer set
 * must be what `dig` gets from NSD; txt-big must come over TC -> TCP.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dns_text.h"
#include "digcmp.h"
#include "test.h"
#include "zone/mav_zone.h"

static mav_zone_port zp;
static mav_dns_ctx dns;
static uint8_t resp[MAV_CFG_DNS_MSG_MAX];
static size_t resp_len;
static mav_dns_msg msg;

/* ---- the server alone ------------------------------------------------ */

static const char small_zone[] =
    "$ORIGIN t.\n"
    "$TTL 300\n"
    "@        SOA   ns h 1 2 3 4 60\n"
    "@        NS    ns\n"
    "ns       A     192.0.2.1\n"
    "a        A     192.0.2.2\n"
    "a        TXT   \"at a\"\n"
    "c        CNAME a\n"
    "c2       CNAME c\n"
    "out      CNAME www.elsewhere.\n"
    "loop     CNAME loop\n"
    "d        DNAME x\n"
    "h.x      A     192.0.2.3\n"
    "*.w      TXT   \"wild\"\n"
    "*.cw     CNAME a\n"
    "e.f.g    A     192.0.2.4\n"
    "big      TXT   \"0123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901"
    "23456789012345678901234567890123456789\"\n"
    "big      TXT   \"1123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901"
    "23456789012345678901234567890123456789\"\n"
    "big      TXT   \"2123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901"
    "23456789012345678901234567890123456789\"\n"
    "big      TXT   \"3123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901"
    "23456789012345678901234567890123456789\"\n"
    "big      TXT   \"4123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901"
    "23456789012345678901234567890123456789\"\n";

/* A parent zone, so that DS for t. comes from it (RFC 4035 §3.1.4.1). */
static const char parent_zone[] = "$ORIGIN .\n$TTL 5\n"
                                  "@ SOA a. b. 1 2 3 4 9\n"
                                  "t. NS ns.t.\n"
                                  "t. DS 1 13 1 00112233445566778899aabbccddeeff00112233\n";

/* Ask the server; the response is left in resp/msg. */
static int ask(const char *name, uint16_t type, int tcp)
{
    uint8_t q[512];
    size_t qlen;

    if (mav_dns_query_build(q, sizeof q, 0x1234, test_wire_name(name),
                            mav_dns_name_len(test_wire_name(name)), type,
                            MAV_DNS_CLASS_IN, &qlen) != MAV_OK ||
        mav_zone_answer(&zp, q, qlen, tcp, resp, sizeof resp, &resp_len) !=
            MAV_OK ||
        mav_dns_msg_parse(&msg, resp, resp_len, NULL) != MAV_OK)
        return -1;
    return 0;
}

/* The RRs of one section as "owner TYPE rdata" lines, joined by "|". */
static const char *section(unsigned sec)
{
    static char out[8192];
    char rd[2048], owner[MAV_DNS_NAME_TEXT_MAX], t[16];
    mav_dns_iter it;
    mav_dns_rr rr;
    size_t n = 0;

    out[0] = 0;
    mav_dns_iter_init(&it, &msg, sec);
    while (mav_dns_iter_next(&it, &rr) == 1 && n < sizeof out - 1) {
        if (rr.type == MAV_DNS_TYPE_OPT)
            continue;
        mav_dns_name_to_text(rr.owner, owner, sizeof owner, NULL);
        mav_dns_type_name(rr.type, t, sizeof t);
        mav_dns_rdata_to_text(&msg, &rr, rd, sizeof rd);
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%s %lu %s %s",
                              n ? "|" : "", owner, (unsigned long)rr.ttl, t,
                              rd);
    }
    return out;
}

static void expect(const char *label, const char *name, uint16_t type,
                   int tcp, unsigned rcode, const char *an, const char *ns)
{
    int ok = ask(name, type, tcp) == 0;

    CHECK_L(label, ok);
    if (!ok)
        return;
    CHECK_INT(label, msg.rcode, rcode);
    CHECK_L(label, strcmp(section(MAV_DNS_SEC_AN), an) == 0);
    if (strcmp(section(MAV_DNS_SEC_AN), an) != 0)
        fprintf(stderr, "  answer got  %s\n  answer want %s\n",
                section(MAV_DNS_SEC_AN), an);
    CHECK_L(label, strcmp(section(MAV_DNS_SEC_NS), ns) == 0);
    if (strcmp(section(MAV_DNS_SEC_NS), ns) != 0)
        fprintf(stderr, "  authority got  %s\n  authority want %s\n",
                section(MAV_DNS_SEC_NS), ns);
}

#define SOA_NEG "t. 60 SOA ns.t. h.t. 1 2 3 4 60"

static void server(void)
{
    mav_perr e;
    uint8_t q[64];
    size_t n;

    mav_zone_init(&zp, 7);
    CHECK_INT("small zone", mav_zone_add(&zp, small_zone,
                                         sizeof small_zone - 1, NULL, &e),
              MAV_OK);
    CHECK_INT("parent zone", mav_zone_add(&zp, parent_zone,
                                          sizeof parent_zone - 1, NULL, &e),
              MAV_OK);

    expect("exact", "a.t.", MAV_DNS_TYPE_A, 0, 0, "a.t. 300 A 192.0.2.2",
           "");
    CHECK_L("AA, QR, RD and CD echoed",
            (msg.flags & (MAV_DNS_FLAG_QR | MAV_DNS_FLAG_AA |
                          MAV_DNS_FLAG_RD | MAV_DNS_FLAG_CD)) ==
                (MAV_DNS_FLAG_QR | MAV_DNS_FLAG_AA | MAV_DNS_FLAG_RD |
                 MAV_DNS_FLAG_CD));
    CHECK_L("OPT echoed with DO", msg.has_opt &&
                                      (msg.edns_flags & MAV_DNS_EDNS_FLAG_DO));
    CHECK_INT("ID echoed", msg.id, 0x1234);
    expect("case kept in the question", "A.T.", MAV_DNS_TYPE_A, 0, 0,
           "A.T. 300 A 192.0.2.2", "");
    expect("CNAME chain", "c2.t.", MAV_DNS_TYPE_A, 0, 0,
           "c2.t. 300 CNAME c.t.|c.t. 300 CNAME a.t.|a.t. 300 A 192.0.2.2",
           "");
    expect("CNAME asked", "c2.t.", MAV_DNS_TYPE_CNAME, 0, 0,
           "c2.t. 300 CNAME c.t.", "");
    expect("CNAME out of zone", "out.t.", MAV_DNS_TYPE_A, 0, 0,
           "out.t. 300 CNAME www.elsewhere.", "");
    expect("CNAME loop", "loop.t.", MAV_DNS_TYPE_A, 0, 0,
           "loop.t. 300 CNAME loop.t.", "");
    expect("DNAME", "h.d.t.", MAV_DNS_TYPE_A, 0, 0,
           "d.t. 300 DNAME x.t.|h.d.t. 300 CNAME h.x.t.|h.x.t. 300 A "
           "192.0.2.3",
           "");
    expect("DNAME to nothing", "q.d.t.", MAV_DNS_TYPE_A, 0, 3,
           "d.t. 300 DNAME x.t.|q.d.t. 300 CNAME q.x.t.", SOA_NEG);
    expect("DNAME owner itself", "d.t.", MAV_DNS_TYPE_A, 0, 0, "", SOA_NEG);
    expect("wildcard", "q.r.w.t.", MAV_DNS_TYPE_TXT, 0, 0,
           "q.r.w.t. 300 TXT \"wild\"", "");
    expect("wildcard NODATA", "q.w.t.", MAV_DNS_TYPE_A, 0, 0, "", SOA_NEG);
    expect("wildcard CNAME", "z.cw.t.", MAV_DNS_TYPE_A, 0, 0,
           "z.cw.t. 300 CNAME a.t.|a.t. 300 A 192.0.2.2", "");
    expect("wildcard parent is an ENT", "w.t.", MAV_DNS_TYPE_TXT, 0, 0, "",
           SOA_NEG);
    expect("ENT", "f.g.t.", MAV_DNS_TYPE_A, 0, 0, "", SOA_NEG);
    expect("below the ENT", "e.f.g.t.", MAV_DNS_TYPE_A, 0, 0,
           "e.f.g.t. 300 A 192.0.2.4", "");
    expect("NXDOMAIN below an ENT", "x.f.g.t.", MAV_DNS_TYPE_A, 0, 3, "",
           SOA_NEG);
    expect("NODATA", "a.t.", MAV_DNS_TYPE_MX, 0, 0, "", SOA_NEG);
    expect("NXDOMAIN", "nope.t.", MAV_DNS_TYPE_A, 0, 3, "", SOA_NEG);
    expect("ANY", "a.t.", MAV_DNS_TYPE_ANY, 0, 0,
           "a.t. 300 A 192.0.2.2|a.t. 300 TXT \"at a\"", "");
    expect("DS from the parent", "t.", MAV_DNS_TYPE_DS, 0, 0,
           "t. 5 DS 1 13 1 00112233445566778899AABBCCDDEEFF00112233", "");
    expect("SOA of the child", "t.", MAV_DNS_TYPE_SOA, 0, 0,
           "t. 300 SOA ns.t. h.t. 1 2 3 4 60", "");
    expect("outside every zone is the parent's NXDOMAIN", "x.", 1, 0, 3, "",
           ". 5 SOA a. b. 1 2 3 4 9");

    /* over the EDNS payload: TC and nothing else over UDP, all by TCP */
    CHECK(ask("big.t.", MAV_DNS_TYPE_TXT, 0) == 0);
    CHECK_L("TC set", msg.flags & MAV_DNS_FLAG_TC);
    CHECK_INT("TC: empty answer", msg.count[1] + msg.count[2], 0);
    CHECK_L("TC: OPT kept", msg.has_opt);
    CHECK(ask("big.t.", MAV_DNS_TYPE_TXT, 1) == 0);
    CHECK_L("TCP: no TC", !(msg.flags & MAV_DNS_FLAG_TC));
    CHECK_INT("TCP: whole answer", msg.count[1], 5);
    CHECK_L("TCP: larger than 1232", resp_len > 1232);

    /* a query of our own making: no EDNS (512 bytes, no OPT back) */
    memset(q, 0, sizeof q);
    q[0] = 0xab;
    q[2] = 0x01; /* RD */
    q[5] = 1;
    memcpy(q + 12, "\001a\001t\000\000\001\000\001", 9);
    CHECK(mav_zone_answer(&zp, q, 21, 0, resp, sizeof resp, &resp_len) ==
          MAV_OK && mav_dns_msg_parse(&msg, resp, resp_len, NULL) == MAV_OK);
    CHECK_L("no EDNS: no OPT", !msg.has_opt && msg.count[1] == 1);
    memcpy(q + 12, "\003big\001t\000\000\020\000\001", 11);
    CHECK(mav_zone_answer(&zp, q, 23, 0, resp, sizeof resp, &resp_len) ==
          MAV_OK && mav_dns_msg_parse(&msg, resp, resp_len, NULL) == MAV_OK);
    CHECK_L("no EDNS: 512 bytes, TC", (msg.flags & MAV_DNS_FLAG_TC) &&
                                          resp_len <= 512);
    /* opcode STATUS: NOTIMP */
    q[2] = 0x10;
    CHECK(mav_zone_answer(&zp, q, 23, 0, resp, sizeof resp, &resp_len) ==
          MAV_OK);
    CHECK_INT("NOTIMP", resp[3] & 15, MAV_DNS_RCODE_NOTIMP);
    /* two questions: FORMERR; QR set or short: no answer at all */
    q[2] = 0x01;
    q[5] = 2;
    CHECK(mav_zone_answer(&zp, q, 23, 0, resp, sizeof resp, &resp_len) ==
          MAV_OK);
    CHECK_INT("FORMERR", resp[3] & 15, MAV_DNS_RCODE_FORMERR);
    CHECK_INT("FORMERR ID", resp[0], 0xab);
    q[2] = 0x81;
    CHECK_INT("a response is not answered",
              mav_zone_answer(&zp, q, 23, 0, resp, sizeof resp, &resp_len),
              MAV_ERR_FORMAT);
    CHECK_INT("short", mav_zone_answer(&zp, q, 11, 0, resp, sizeof resp,
                                       &resp_len), MAV_ERR_FORMAT);
    /* EDNS version 1: BADVERS (RFC 6891 §6.1.3) */
    CHECK(mav_dns_query_build(q, sizeof q, 7, test_wire_name("a.t."), 5, 1, 1, &n) ==
          MAV_OK);
    q[n - 5] = 1; /* the OPT TTL's version byte */
    CHECK(mav_zone_answer(&zp, q, n, 0, resp, sizeof resp, &resp_len) ==
          MAV_OK && mav_dns_msg_parse(&msg, resp, resp_len, NULL) == MAV_OK);
    CHECK_INT("BADVERS", msg.rcode, MAV_DNS_RCODE_BADVERS);

    /* a zone transfer, another class, a name outside: REFUSED, no AA */
    CHECK(ask("t.", 252, 1) == 0);
    CHECK_INT("AXFR refused", msg.rcode, MAV_DNS_RCODE_REFUSED);
    mav_zone_init(&zp, 7);
    CHECK(mav_zone_add(&zp, small_zone, sizeof small_zone - 1, NULL, &e) ==
          MAV_OK);
    CHECK(ask("x.", 1, 0) == 0);
    CHECK_INT("outside: REFUSED", msg.rcode, MAV_DNS_RCODE_REFUSED);
    CHECK_L("outside: no AA", !(msg.flags & MAV_DNS_FLAG_AA));
}

/* ---- the resolver over the port ------------------------------------ */

static char world_text[256 * 1024];

/* Every "*.zone" file of tests/world/zones, one zone each. */
static int load_world(mav_zone_port *p)
{
    DIR *d = opendir("tests/world/zones");
    struct dirent *de;
    size_t used = 0;
    int count = 0;

    if (!d)
        return -1;
    mav_zone_init(p, 99);
    while ((de = readdir(d)) != NULL) {
        char path[512];
        size_t l = strlen(de->d_name);
        long got;
        mav_perr e = {0, 0, NULL};
        if (l < 6 || strcmp(de->d_name + l - 5, ".zone") != 0)
            continue;
        snprintf(path, sizeof path, "tests/world/zones/%s", de->d_name);
        got = test_read_file(path, (uint8_t *)world_text + used,
                             sizeof world_text - used);
        if (got < 0 || mav_zone_add(p, world_text + used, (size_t)got, NULL,
                                    &e) != MAV_OK) {
            CHECK_L(path, 0);
            fprintf(stderr, "  %s at %u\n", e.what ? e.what : "?",
                    (unsigned)e.offset);
            continue;
        }
        used += (size_t)got;
        count++;
    }
    closedir(d);
    return count;
}

static int lookup(const char *name, uint16_t type, mav_dns_handle *h,
                  mav_dns_result *r)
{
    int rc;

    memset(r, 0, sizeof *r);
    rc = mav_dns_lookup(&dns, test_wire_name(name), mav_dns_name_len(test_wire_name(name)), type,
                        h);
    if (rc == MAV_PENDING)
        CHECK_INT(name, mav_zone_run(&zp, 30000), MAV_OK);
    mav_dns_get_result(&dns, *h, r);
    return rc;
}

/* digcmp's resolve: lookup() through the zone port */
static void resolve(void *arg, const char *name, uint16_t type,
                    mav_dns_handle *h, mav_dns_result *r)
{
    (void)arg;
    lookup(name, type, h, r);
}

static void compare(const char *server, const char *name, const char *type)
{
    char label[400];

    snprintf(label, sizeof label, "zone port vs NSD: %s %s", name, type);
    CHECK_L(label, digcmp_compare(&dns, resolve, NULL, server, name, type,
                                  "zone port") == 0);
}

/* Names beyond digcmp's table, which the zone port must serve too. */
static const char *const more[][2] = {
    {"a.b.wild.mav.test.", "A"},   {"wild.mav.test.", "A"},
    {"x.ent.mav.test.", "A"},      {"mail2.mav.test.", "AAAA"},
    {"www.child.mav.test.", "TXT"}, {"nope.child.mav.test.", "A"},
    {"child.mav.test.", "SOA"},    {"child.mav.test.", "DS"},
    {"mav.test.", "DS"},           {"test.", "SOA"},
    {".", "SOA"},                  {"example.com.", "A"},
    {"long-ttl.mav.test.", "A"},   {"1.2.0.192.in-addr.arpa.", "PTR"},
    {"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2."
     "ip6.arpa.", "PTR"},
};

static void over_the_port(void)
{
    const char *auth = getenv("MAV_TEST_AUTH");
    mav_addr server;
    mav_dns_handle h;
    mav_dns_result r;
    uint32_t tcp0, trunc0;
    size_t i;

    CHECK_INT("world zones loaded", load_world(&zp), 7);
    memset(&server, 0, sizeof server);
    server.family = 4;
    server.addr[0] = 192;
    server.addr[3] = 53;
    server.port = 53;
    CHECK(mav_dns_init(&dns, &zp.port) == MAV_OK &&
          mav_dns_add_server(&dns, &server) == MAV_OK);
    mav_zone_attach(&zp, &dns);

    /* TC -> TCP through the port */
    tcp0 = dns.stats.sent_tcp;
    trunc0 = zp.stats.truncated;
    lookup("txt-big.mav.test.", MAV_DNS_TYPE_TXT, &h, &r);
    CHECK_INT("txt-big answered", r.status, MAV_DNS_ANSWER);
    CHECK_INT("txt-big: TC seen", zp.stats.truncated - trunc0, 1);
    CHECK_INT("txt-big: over TCP", dns.stats.sent_tcp - tcp0, 1);
    CHECK_INT("txt-big: the port answered over TCP", zp.stats.tcp_queries, 1);
    mav_dns_release(&dns, h);
    /* negative TTL: min(SOA TTL 300, MINIMUM 7) */
    lookup("nope.mav.test.", MAV_DNS_TYPE_A, &h, &r);
    CHECK_INT("NXDOMAIN", r.status, MAV_DNS_NXDOMAIN);
    CHECK_INT("negative TTL from the SOA MINIMUM", r.ttl, 7);
    mav_dns_release(&dns, h);
    /* a chain in one answer */
    lookup("chain-a.mav.test.", MAV_DNS_TYPE_A, &h, &r);
    CHECK_INT("chain", r.cnames, 2);
    mav_dns_release(&dns, h);
    mav_dns_cache_flush(&dns);

    if (!auth) {
        test_fail_at(__FILE__, __LINE__,
                     "no test DNS world: run under tools/run-tests "
                     "(it sets MAV_TEST_AUTH)");
        return;
    }
    for (i = 0; i < digcmp_count; i++)
        compare(auth, digcmp_names[i][0], digcmp_names[i][1]);
    for (i = 0; i < sizeof more / sizeof more[0]; i++)
        compare(auth, more[i][0], more[i][1]);
    printf("  sizeof(mav_zone_port) = %zu bytes (zones %u x %zu, "
           "response %u)\n",
           sizeof(mav_zone_port), MAV_CFG_ZONE_MAX, sizeof(mav_zone),
           MAV_CFG_DNS_MSG_MAX);
}

/* A name outside every zone: REFUSED by each try, then SERVFAIL, all in
 * virtual time. */
static void refused(void)
{
    static const char z[] = "$ORIGIN z.\n@ 1 SOA a b 1 2 3 4 5\n";
    mav_addr server;
    mav_dns_handle h;
    mav_dns_result r;

    mav_zone_init(&zp, 5);
    CHECK(mav_zone_add(&zp, z, sizeof z - 1, NULL, NULL) == MAV_OK);
    memset(&server, 0, sizeof server);
    server.family = 6;
    server.addr[15] = 1;
    server.port = 5353;
    CHECK(mav_dns_init(&dns, &zp.port) == MAV_OK &&
          mav_dns_add_server(&dns, &server) == MAV_OK);
    mav_zone_attach(&zp, &dns);
    lookup("www.example.", MAV_DNS_TYPE_A, &h, &r);
    CHECK_INT("outside the zones: SERVFAIL", r.status, MAV_DNS_SERVFAIL);
    CHECK_L("REFUSED counted", zp.stats.refused >= 1);
    mav_dns_release(&dns, h);
    lookup("z.", MAV_DNS_TYPE_SOA, &h, &r);
    CHECK_INT("IPv6 server address echoed", r.status, MAV_DNS_ANSWER);
    mav_dns_release(&dns, h);
}

void suite_zone_port(void)
{
    server();
    refused();
    over_the_port();
}
