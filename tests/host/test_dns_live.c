/* SPDX-License-Identifier: MIT */
/*
 * test_dns_live.c - the resolver over the POSIX port against the real
 * servers of the test DNS world (tests/world: NSD authoritative, Unbound
 * recursive, on 127.0.0.1; tools/run-tests starts them and exports
 * MAV_TEST_RECURSOR / MAV_TEST_AUTH). For every name of a table mav's
 * status and answer set are compared with what `dig +short` says through
 * the same server: an independent client, the same answers. Then: the
 * 2.2 KB TXT set must come over TCP after TC, negative answers must be
 * cached for the SOA minimum, and a 2-second TTL must run out.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* Sorted lines, for comparing answer sets regardless of order. */
typedef struct {
    char line[24][1200];
    int n;
} lines;

static int cmp_line(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void sort_lines(lines *l)
{
    qsort(l->line, (size_t)l->n, sizeof l->line[0], cmp_line);
}

/* dig's view: status from the header, answers from +short. */
static int dig(const char *server, const char *name, const char *type,
               char *status, size_t cap, lines *out)
{
    char host[64], cmd_out[600];
    const char *colon = strrchr(server, ':');
    FILE *f;
    char buf[1200];

    snprintf(host, sizeof host, "%.*s", (int)(colon - server), server);
    snprintf(cmd_out, sizeof cmd_out, "%s/dig.out", test_tmpdir());
    if (test_sh("dig +time=3 +tries=1 +nocookie -p %s @%s %s %s"
                " +noall +comments +answer > %s 2>&1",
                colon + 1, host, name, type, cmd_out) != 0)
        return -1;
    status[0] = 0;
    out->n = 0;
    f = fopen(cmd_out, "r");
    if (!f)
        return -1;
    while (fgets(buf, sizeof buf, f)) {
        char *st = strstr(buf, "status: ");
        if (st) {
            snprintf(status, cap, "%.*s", (int)strcspn(st + 8, ","), st + 8);
            continue;
        }
        if (buf[0] == ';' || buf[0] == '\n')
            continue;
        /* "owner ttl IN TYPE rdata": keep RRs of the asked type */
        {
            char owner[300], cls[16], t[16];
            unsigned long ttl;
            int off = 0;
            if (sscanf(buf, "%299s %lu %15s %15s %n", owner, &ttl, cls, t,
                       &off) == 4 && strcmp(t, type) == 0 && out->n < 24) {
                buf[strcspn(buf, "\n")] = 0;
                snprintf(out->line[out->n++], sizeof out->line[0], "%s",
                         buf + off);
            }
        }
    }
    fclose(f);
    sort_lines(out);
    return 0;
}

static const char *dig_status(mav_dns_status s)
{
    switch (s) {
    case MAV_DNS_ANSWER:
    case MAV_DNS_NODATA:
        return "NOERROR";
    case MAV_DNS_NXDOMAIN:
        return "NXDOMAIN";
    case MAV_DNS_SERVFAIL:
        return "SERVFAIL";
    default:
        return "?";
    }
}

/* Compare mav with dig for one question through one server. */
static void compare(const char *server, const char *name, const char *type)
{
    static lines want, got;
    char status[32], label[400];
    mav_dns_handle h;
    mav_dns_result r;
    uint16_t t;
    int i;

    snprintf(label, sizeof label, "%s %s via %s", name, type, server);
    if (mav_dns_type_from_name(type, &t) != MAV_OK ||
        dig(server, name, type, status, sizeof status, &want) != 0) {
        CHECK_L(label, 0);
        return;
    }
    lookup(name, t, &h, &r);
    got.n = 0;
    if (r.status == MAV_DNS_ANSWER) {
        mav_dns_answer a;
        mav_dns_rr rr;
        if (mav_dns_answer_init(&dns, h, &a) == MAV_OK)
            while (mav_dns_answer_next(&a, &rr) == 1 && got.n < 24)
                mav_dns_rdata_to_text(&a.msg, &rr, got.line[got.n++],
                                      sizeof got.line[0]);
    }
    sort_lines(&got);
    CHECK_L(label, strcmp(status, dig_status(r.status)) == 0);
    if (strcmp(status, dig_status(r.status)) != 0)
        fprintf(stderr, "  dig %s, mav %s\n", status,
                mav_dns_status_str(r.status));
    /* dig lists the CNAMEs of a chain too; we compared only the asked
     * type, so the sets must be equal */
    CHECK_INT(label, got.n, want.n);
    for (i = 0; i < got.n && i < want.n; i++) {
        CHECK_L(label, strcmp(got.line[i], want.line[i]) == 0);
        if (strcmp(got.line[i], want.line[i]) != 0)
            fprintf(stderr, "  dig:  %s\n  mav:  %s\n", want.line[i],
                    got.line[i]);
    }
    mav_dns_release(&dns, h);
}

static const char *const table[][2] = {
    {"a4.mav.test.", "A"},         {"a6.mav.test.", "AAAA"},
    {"both.mav.test.", "AAAA"},    {"multi-a.mav.test.", "A"},
    {"MAIL1.Mav.TEST.", "A"},      {"txt.mav.test.", "TXT"},
    {"txt-multi.mav.test.", "TXT"}, {"txt-set.mav.test.", "TXT"},
    {"txt-empty.mav.test.", "TXT"}, {"txt-escape.mav.test.", "TXT"},
    {"txt-long.mav.test.", "TXT"}, {"txt-big.mav.test.", "TXT"},
    {"mx.mav.test.", "MX"},        {"nullmx.mav.test.", "MX"},
    {"ptr.mav.test.", "PTR"},      {"32.2.0.192.in-addr.arpa.", "PTR"},
    {"9.2.0.192.in-addr.arpa.", "PTR"},
    {"chain-a.mav.test.", "A"},    {"chain-a.mav.test.", "CNAME"},
    {"cname-out.mav.test.", "A"},  {"cname-dangling.mav.test.", "A"},
    {"old.mav.test.", "DNAME"},    {"host.old.mav.test.", "A"},
    {"gone.old.mav.test.", "A"},   {"mav.test.", "SOA"},
    {"mav.test.", "NS"},           {"child.mav.test.", "NS"},
    {"nope.mav.test.", "A"},       {"a4.mav.test.", "MX"},
    {"ent.mav.test.", "A"},        {"x.wild.mav.test.", "TXT"},
    {"x.wild.mav.test.", "MX"},    {"www.other.test.", "A"},
};

static void against_dig(const char *server)
{
    size_t i;

    for (i = 0; i < sizeof table / sizeof table[0]; i++)
        compare(server, table[i][0], table[i][1]);
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
