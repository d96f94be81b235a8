/* SPDX-License-Identifier: MIT */
/*
 * test_dmarc.c - DMARC evaluation (core/dmarc_walk.c, core/dmarc_eval.c)
 * over the zone port: mav's resolver answers from master files held
 * here, through a wrapping port that logs every query sent (so the DNS
 * Tree Walk's exact query sequence can be asserted) and can drop the
 * queries of chosen names (timeouts). Every case names the section of
 * RFC 9989 that decides it: policy at the author domain and found by
 * the walk (§4.10.1), the organizational domain (§4.10.2) with psd=y
 * and psd=n, the shortening of long names and the 8-query cap (§4.10),
 * several records at one name (§4.10 steps 2, 6), strict and relaxed
 * alignment of SPF and DKIM identifiers (§4.4, §3.2.10), sp, np with the
 * existence test (§4.7, §3.2.13, Appendix A.4), t=y (§4.7), an invalid p
 * (§4.10.1) and DNS failures (§5.3.6), plus the examples of Appendix
 * B.4.
 */
#include <stdio.h>
#include <string.h>

#include "mav_dmarc.h"
#include "test.h"
#include "zone/mav_zone.h"

/* ---- the zones -------------------------------------------------------- */

static const char zone_test[] =
    "$ORIGIN test.\n"
    "$TTL 300\n"
    "@ SOA ns.test. h.test. 1 3600 600 86400 60\n"
    "@ NS ns\n"
    "ns A 192.0.2.53\n"
    /* a record at the author domain */
    "_dmarc.own TXT \"v=DMARC1; p=reject; rua=mailto:agg@own.test\"\n"
    "own A 192.0.2.1\n"
    /* found by the walk at a parent */
    "_dmarc.parent TXT \"v=DMARC1; p=quarantine; sp=reject\"\n"
    "a.b.parent A 192.0.2.2\n"
    /* two records on the way: the organizational domain is the one
     * with fewer labels, and its record is the policy (§4.10.1) */
    "_dmarc.mid.org TXT \"v=DMARC1; p=none\"\n"
    "_dmarc.org TXT \"v=DMARC1; p=reject; sp=quarantine\"\n"
    "x.mid.org A 192.0.2.3\n"
    /* a public-suffix-like parent with psd=y */
    "_dmarc.ps TXT \"v=DMARC1; p=reject; sp=quarantine; np=reject; "
    "psd=y\"\n"
    "_dmarc.giant.ps TXT \"v=DMARC1; p=none; sp=none\"\n"
    "mail.giant.ps A 192.0.2.4\n"
    "shop.ps A 192.0.2.5\n"
    "x.shop.ps A 192.0.2.5\n"
    /* psd=n below a parent that has a record of its own */
    "_dmarc.dept.corp TXT \"v=DMARC1; p=quarantine; psd=n\"\n"
    "_dmarc.corp TXT \"v=DMARC1; p=reject\"\n"
    "mail.dept.corp A 192.0.2.6\n"
    "mail.corp A 192.0.2.6\n"
    /* several records at one name */
    "_dmarc.multi TXT \"v=DMARC1; p=reject\"\n"
    "_dmarc.multi TXT \"v=DMARC1; p=none\"\n"
    "_dmarc.sub.one TXT \"v=DMARC1; p=none\"\n"
    "_dmarc.sub.one TXT \"v=DMARC1; p=reject\"\n"
    "_dmarc.one TXT \"v=DMARC1; p=quarantine\"\n"
    /* a TXT that is not DMARC beside one that is */
    "_dmarc.mixed TXT \"v=spf1 -all\"\n"
    "_dmarc.mixed TXT \"v=DMARC1; \" \"p=reject\"\n"
    /* sp and np */
    "_dmarc.pol TXT \"v=DMARC1; p=none; sp=quarantine; np=reject\"\n"
    "live.pol A 192.0.2.7\n"
    "txtonly.pol TXT \"here\"\n"
    "alias.pol CNAME gone.pol\n"
    "x.ent.pol A 192.0.2.7\n"
    /* t=y */
    "_dmarc.tr TXT \"v=DMARC1; p=reject; t=y\"\n"
    "_dmarc.tq TXT \"v=DMARC1; p=quarantine; t=y\"\n"
    "_dmarc.tn TXT \"v=DMARC1; p=none; t=y\"\n"
    /* invalid p */
    "_dmarc.badp TXT \"v=DMARC1; p=bogus; rua=mailto:a@badp.test\"\n"
    "_dmarc.badpn TXT \"v=DMARC1; p=bogus\"\n"
    "_dmarc.nop TXT \"v=DMARC1; adkim=s\"\n"
    /* alignment modes */
    "_dmarc.st TXT \"v=DMARC1; p=reject; aspf=s; adkim=s\"\n"
    "_dmarc.ms TXT \"v=DMARC1; p=reject; aspf=s\"\n"
    "_dmarc.rl TXT \"v=DMARC1; p=reject\"\n"
    "_dmarc.other TXT \"v=DMARC1; p=none\"\n"
    /* a CNAME loop at a _dmarc name */
    "_dmarc.loop CNAME _dmarc.loop\n";

/* Appendix B.4.3, "Example with a PSD DMARC Policy Record" */
static const char zone_example[] =
    "$ORIGIN example.\n"
    "$TTL 300\n"
    "@ SOA ns.example. h.example. 1 3600 600 86400 60\n"
    "_dmarc.bank TXT \"v=DMARC1; p=reject; psd=y\"\n"
    "_dmarc.giant.bank TXT \"v=DMARC1; p=quarantine\"\n"
    "mail.giant.bank A 192.0.2.8\n"
    "mail.mega.bank A 192.0.2.8\n";

/* Appendix B.4.1 and B.4.2 */
static const char zone_com[] =
    "$ORIGIN com.\n"
    "$TTL 300\n"
    "@ SOA ns.com. h.com. 1 3600 600 86400 60\n"
    "_dmarc.example TXT \"v=DMARC1; p=reject; sp=quarantine\"\n"
    "_dmarc.signing.example TXT \"v=DMARC1; p=none\"\n"
    "a.b.c.d.e.f.g.h.i.j.k.example A 192.0.2.9\n";

/* An empty zone: long names with no records anywhere. */
static const char zone_cap[] = "$ORIGIN cap.\n$TTL 300\n"
                               "@ SOA ns.cap. h.cap. 1 3600 600 86400 60\n";

/* srv.broken. is served, broken. is not: _dmarc.broken is REFUSED. */
static const char zone_broken[] =
    "$ORIGIN srv.broken.\n$TTL 300\n"
    "@ SOA ns.srv.broken. h.srv.broken. 1 3600 600 86400 60\n"
    "_dmarc.a TXT \"v=DMARC1; p=reject\"\n";

/* ---- the port: the zone port, wrapped to log and drop queries ---------- */

static mav_zone_port zp;
static mav_dns_ctx dns;
static mav_dmarc_ctx dm;

static struct {
    struct mav_port inner;
    char log[4096]; /* "TXT _dmarc.x.test. A x.test. ..." */
    size_t log_len;
    unsigned txt_queries;
    const char *drop;    /* drop queries whose name contains this */
    unsigned drop_types; /* 1: TXT ones, 2: the others */
} wrap;

static int wrap_udp_send(void *user, unsigned slot, const uint8_t *pkt,
                         size_t len)
{
    mav_dns_msg m;
    uint8_t name[MAV_DNS_NAME_MAX];
    char text[MAV_DNS_NAME_TEXT_MAX];
    uint16_t type;

    (void)user;
    if (mav_dns_msg_parse(&m, pkt, len, NULL) == MAV_OK &&
        mav_dns_msg_question(&m, name, NULL, &type, NULL) == MAV_OK &&
        mav_dns_name_to_text(name, text, sizeof text, NULL) == MAV_OK) {
        unsigned bit = type == MAV_DNS_TYPE_TXT ? 1 : 2;
        int n =
            snprintf(wrap.log + wrap.log_len, sizeof wrap.log - wrap.log_len,
                     "%s%s %s", wrap.log_len ? " " : "",
                     type == MAV_DNS_TYPE_TXT    ? "TXT"
                     : type == MAV_DNS_TYPE_A    ? "A"
                     : type == MAV_DNS_TYPE_AAAA ? "AAAA"
                                                 : "MX",
                     text);

        if (n > 0 && (size_t)n < sizeof wrap.log - wrap.log_len)
            wrap.log_len += (size_t)n;
        if (type == MAV_DNS_TYPE_TXT)
            wrap.txt_queries++;
        if (wrap.drop && strstr(text, wrap.drop) && (wrap.drop_types & bit))
            return MAV_OK; /* lost on the way */
    }
    return wrap.inner.udp_send(wrap.inner.user, slot, pkt, len);
}

static void setup(void)
{
    struct mav_port port;
    mav_addr server;
    mav_perr e;
    const char *zones[] = {zone_test, zone_example, zone_com, zone_cap,
                           zone_broken};
    size_t i;

    mav_zone_init(&zp, 9989);
    for (i = 0; i < sizeof zones / sizeof zones[0]; i++)
        CHECK_INT("zone loads",
                  mav_zone_add(&zp, zones[i], strlen(zones[i]), NULL, &e),
                  MAV_OK);
    wrap.inner = zp.port;
    port = zp.port;
    port.udp_send = wrap_udp_send;
    memset(&server, 0, sizeof server);
    server.family = 4;
    server.addr[0] = 192;
    server.addr[3] = 53;
    server.port = 53;
    CHECK(mav_dns_init(&dns, &port) == MAV_OK &&
          mav_dns_add_server(&dns, &server) == MAV_OK);
    /* unsigned test data: validation off (answers UNCHECKED) */
    CHECK_INT("validation off", mav_dns_set_trust_anchors(&dns, NULL, 0),
              MAV_OK);
    mav_zone_attach(&zp, &dns);
    CHECK_INT("init", mav_dmarc_init(&dm, &dns), MAV_OK);
}

/* ---- running one evaluation ----------------------------------------- */

typedef struct {
    const char *label; /* "§x.y: what" */
    const char *author;
    mav_dmarc_auth spf;
    const char *spf_domain;
    const char *dkim[3];
    uint8_t dkim_temperror;
    mav_dmarc_result result;
    mav_dmarc_policy disposition;
    const char *policy_domain; /* NULL: not checked */
    const char *policy_tag;    /* NULL: not checked */
} dcase;

static const mav_dmarc_outcome *run(const dcase *c)
{
    mav_dmarc_input in;
    unsigned n = 0, i;
    int r;

    while (n < 3 && c->dkim[n])
        n++;
    memset(&in, 0, sizeof in);
    in.author_domain = c->author;
    in.spf = c->spf;
    in.spf_domain = c->spf_domain;
    in.dkim_domains = c->dkim;
    in.n_dkim = n;
    in.dkim_temperror = c->dkim_temperror;
    /* every case starts from an empty cache, so the queries it needs
     * are all sent and logged */
    mav_dns_cache_flush(&dns);
    wrap.log_len = 0;
    wrap.log[0] = 0;
    wrap.txt_queries = 0;
    r = mav_dmarc_start(&dm, &in);
    for (i = 0; r == MAV_PENDING && i < 100; i++) {
        mav_zone_run(&zp, 60000);
        r = mav_dmarc_poll(&dm);
    }
    CHECK_INT(c->label, r, MAV_OK);
    return mav_dmarc_get(&dm);
}

static void expect(const dcase *c)
{
    const mav_dmarc_outcome *o = run(c);

    CHECK_INT(c->label, o->result, c->result);
    CHECK_INT(c->label, o->disposition, c->disposition);
    if (c->policy_domain && strcmp(o->policy_domain, c->policy_domain)) {
        CHECK_L(c->label, 0);
        fprintf(stderr, "  policy domain got \"%s\" want \"%s\"\n",
                o->policy_domain, c->policy_domain);
    }
    if (c->policy_tag && strcmp(o->policy_tag, c->policy_tag)) {
        CHECK_L(c->label, 0);
        fprintf(stderr, "  policy tag got \"%s\" want \"%s\"\n", o->policy_tag,
                c->policy_tag);
    }
    if (o->result != c->result)
        fprintf(stderr, "  got %s (%s), queries: %s\n",
                mav_dmarc_result_str(o->result), o->reason ? o->reason : "",
                wrap.log);
    /* every lookup given back */
    CHECK_L(c->label, mav_dmarc_policy_record(&dm) != NULL ||
                          o->result == MAV_DMARC_NONE ||
                          o->result == MAV_DMARC_TEMPERROR ||
                          o->result == MAV_DMARC_PERMERROR);
}

static void expect_log(const char *label, const char *want)
{
    if (strcmp(wrap.log, want) == 0) {
        CHECK_L(label, 1);
        return;
    }
    CHECK_L(label, 0);
    fprintf(stderr, "  queries got  %s\n  queries want %s\n", wrap.log, want);
}

#define P_NONE MAV_DMARC_POLICY_NONE
#define P_QUAR MAV_DMARC_POLICY_QUARANTINE
#define P_REJ MAV_DMARC_POLICY_REJECT
#define A_PASS MAV_DMARC_AUTH_PASS
#define A_FAIL MAV_DMARC_AUTH_FAIL
#define A_TEMP MAV_DMARC_AUTH_TEMPERROR

/* ---- policy discovery (§4.10.1) -------------------------------------- */

static void discovery(void)
{
    static const dcase cases[] = {
        {"§4.10.1: record at the author domain, p applies",
         "own.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         "own.test",
         "p"},
        {"§4.10.1: found by the walk at a parent, sp for an existing "
         "subdomain",
         "a.b.parent.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         "parent.test",
         "sp"},
        {"§4.10.1, §4.10.2 rule 3: policy of the organizational domain "
         "(fewest labels), not of the nearer record",
         "x.mid.org.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "org.test",
         "sp"},
        {"§4.10.1: a record at the author domain wins over its parent's",
         "mid.org.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_NONE,
         "mid.org.test",
         "p"},
        {"§4.10.1: no record anywhere: none",
         "nothing.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_NONE,
         P_NONE,
         "",
         NULL},
        {"§4.10 steps 2, 6: several records at the author domain are "
         "discarded; none above",
         "multi.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_NONE,
         P_NONE,
         NULL,
         NULL},
        {"§4.10 step 6: several records at a name are discarded, the walk "
         "goes on",
         "sub.one.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "one.test",
         "p"},
        {"§4.10 step 2: a non-DMARC TXT beside a DMARC one is discarded; "
         "strings joined (§4.5)",
         "mixed.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         "mixed.test",
         "p"},
        {"§4.10.1, §4.10.2 rule 2: psd=y, the organizational domain one "
         "label below it has a record: its sp",
         "mail.giant.ps.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_NONE,
         "giant.ps.test",
         "sp"},
        {"§4.10.1: psd=y and no record at the organizational domain: the "
         "PSD's record, sp for an existing subdomain",
         "x.shop.ps.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "ps.test",
         "sp"},
        {"§4.10.1: the organizational domain is the author domain without "
         "a record: PSD policy sp",
         "shop.ps.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "ps.test",
         "sp"},
        {"§4.10.1: PSD np for a non-existent author domain",
         "ghost.ps.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         "ps.test",
         "np"},
        {"§4.10.2 rule 1: psd=n stops the walk: its own p",
         "dept.corp.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "dept.corp.test",
         "p"},
        {"§4.10.2 rule 1: below psd=n, that record is the organizational "
         "domain's (not corp.test's)",
         "mail.dept.corp.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "dept.corp.test",
         "p"},
        {"§5.3.1: a U-label author domain is not queried: none",
         "b\xc3\xbc"
         "cher.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_NONE,
         P_NONE,
         NULL,
         NULL},
        {"§3.2.2: a domain literal is no author domain: none",
         "[192.0.2.1]",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_NONE,
         P_NONE,
         NULL,
         NULL},
        {"a final dot and upper case are the same domain",
         "OWN.Test.",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         "own.test",
         "p"},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        expect(&cases[i]);
        if (cases[i].result == MAV_DMARC_NONE && cases[i].author[0] != 'n' &&
            cases[i].author[0] != 'm')
            CHECK_INT("no DNS name: no query", wrap.log_len, 0);
    }
}

/* ---- the walk's queries (§4.10) --------------------------------------- */

static void walk_queries(void)
{
    const mav_dmarc_outcome *o;
    dcase c;

    memset(&c, 0, sizeof c);
    c.spf = A_FAIL;

    c.label = "§4.10: record at the author domain: one query";
    c.author = "own.test";
    c.result = MAV_DMARC_FAIL;
    c.disposition = P_REJ;
    expect(&c);
    expect_log(c.label, "TXT _dmarc.own.test.");

    c.label = "§4.10 steps 4, 7: the walk to the first record";
    c.author = "a.b.parent.test";
    expect(&c);
    expect_log(c.label, "TXT _dmarc.a.b.parent.test. TXT _dmarc.b.parent."
                        "test. TXT _dmarc.parent.test. TXT _dmarc.test.");

    c.label = "§4.10 step 2: psd=y stops the walk";
    c.author = "mail.giant.ps.test";
    c.disposition = P_NONE;
    expect(&c);
    expect_log(c.label, "TXT _dmarc.mail.giant.ps.test. TXT _dmarc.giant."
                        "ps.test. TXT _dmarc.ps.test.");

    /* Appendix B.4.2: 13 labels, eight queries, shortened to seven */
    c.label = "§4.10 step 4, B.4.2: a long name is shortened to 7 labels";
    c.author = "a.b.c.d.e.f.g.h.i.j.k.example.com";
    c.result = MAV_DMARC_FAIL;
    c.disposition = P_QUAR;
    c.policy_domain = "example.com";
    c.policy_tag = "sp";
    o = run(&c);
    CHECK_INT(c.label, o->result, MAV_DMARC_FAIL);
    CHECK_INT(c.label, o->disposition, P_QUAR);
    expect_log(c.label, "TXT _dmarc.a.b.c.d.e.f.g.h.i.j.k.example.com. "
                        "TXT _dmarc.g.h.i.j.k.example.com. "
                        "TXT _dmarc.h.i.j.k.example.com. "
                        "TXT _dmarc.i.j.k.example.com. "
                        "TXT _dmarc.j.k.example.com. TXT _dmarc.k.example.com. "
                        "TXT _dmarc.example.com. TXT _dmarc.com.");
    CHECK_INT("B.4.2: 8 queries", o->author_queries, 8);

    c.label = "§4.10: 12 labels, no record: the 8-query cap";
    c.author = "l1.l2.l3.l4.l5.l6.l7.l8.l9.l10.l11.cap";
    c.result = MAV_DMARC_NONE;
    c.disposition = P_NONE;
    c.policy_domain = NULL;
    c.policy_tag = NULL;
    o = run(&c);
    CHECK_INT(c.label, o->result, MAV_DMARC_NONE);
    CHECK_INT(c.label, wrap.txt_queries, MAV_DMARC_WALK_MAX_QUERIES);
    expect_log(c.label,
               "TXT _dmarc.l1.l2.l3.l4.l5.l6.l7.l8.l9.l10.l11.cap. "
               "TXT _dmarc.l6.l7.l8.l9.l10.l11.cap. "
               "TXT _dmarc.l7.l8.l9.l10.l11.cap. "
               "TXT _dmarc.l8.l9.l10.l11.cap. TXT _dmarc.l9.l10.l11.cap. "
               "TXT _dmarc.l10.l11.cap. TXT _dmarc.l11.cap. "
               "TXT _dmarc.cap.");

    c.label = "§4.10 step 4: 8 labels (x >= 8): to 7, the parent";
    c.author = "a.b.c.d.e.f.g.cap";
    o = run(&c);
    CHECK_INT(c.label, wrap.txt_queries, 8);
    expect_log(c.label,
               "TXT _dmarc.a.b.c.d.e.f.g.cap. TXT _dmarc.b.c.d.e.f.g.cap. "
               "TXT _dmarc.c.d.e.f.g.cap. TXT _dmarc.d.e.f.g.cap. "
               "TXT _dmarc.e.f.g.cap. TXT _dmarc.f.g.cap. TXT _dmarc.g.cap. "
               "TXT _dmarc.cap.");

    c.label = "§4.10 step 4: 7 labels (x < 8): one label at a time";
    c.author = "b.c.d.e.f.g.cap";
    o = run(&c);
    CHECK_INT(c.label, wrap.txt_queries, 7);

    c.label = "§4.10 step 4: 9 labels: the second query has 7";
    c.author = "z.a.b.c.d.e.f.g.cap";
    o = run(&c);
    CHECK_INT(c.label, wrap.txt_queries, 8);
    expect_log(c.label,
               "TXT _dmarc.z.a.b.c.d.e.f.g.cap. TXT _dmarc.b.c.d.e.f.g.cap. "
               "TXT _dmarc.c.d.e.f.g.cap. TXT _dmarc.d.e.f.g.cap. "
               "TXT _dmarc.e.f.g.cap. TXT _dmarc.f.g.cap. TXT _dmarc.g.cap. "
               "TXT _dmarc.cap.");
    {
        /* §5.1.8: a record at a name the shortening skips is never seen */
        char author[64];

        snprintf(author, sizeof author, "mail.a.b.c.d.e.f.g.cap");
        c.label = "§5.1.8: 10 labels, the skipped names are not asked";
        c.author = author;
        o = run(&c);
        CHECK_L(c.label, strstr(wrap.log, "_dmarc.a.b.c.d.e.f.g.cap.") == NULL);
        CHECK_INT(c.label, wrap.txt_queries, 8);
    }
    (void)o;
}

/* ---- alignment (§4.4, §3.2.10, §4.10.2) ------------------------------ */

static void alignment(void)
{
    static const dcase cases[] = {
        {"§3.2.10.2: SPF domain identical to the author domain",
         "rl.test",
         A_PASS,
         "rl.test",
         {NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         "rl.test",
         NULL},
        {"§4.4.2: SPF identifiers count only on an SPF pass",
         "rl.test",
         A_FAIL,
         "rl.test",
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         NULL,
         "p"},
        {"§3.2.10.1: relaxed SPF, same organizational domain",
         "rl.test",
         A_PASS,
         "bounce.rl.test",
         {NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         NULL,
         NULL},
        {"§3.2.10.2: strict SPF (aspf=s), subdomain: not aligned",
         "st.test",
         A_PASS,
         "bounce.st.test",
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         NULL,
         "p"},
        {"§3.2.10.2: strict SPF, identical: aligned",
         "st.test",
         A_PASS,
         "ST.test.",
         {NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         NULL,
         NULL},
        {"§3.2.10.1: relaxed DKIM d= parent of the author domain",
         "a.b.parent.test",
         A_FAIL,
         NULL,
         {"parent.test", NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         NULL,
         NULL},
        {"§3.2.10.2: strict DKIM (adkim=s), parent: not aligned",
         "st.test",
         A_FAIL,
         NULL,
         {"x.st.test", NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         NULL,
         "p"},
        {"§4.4.1: any one DKIM signature aligning is enough",
         "rl.test",
         A_FAIL,
         NULL,
         {"evil.example", "other.test", "s.rl.test"},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         NULL,
         NULL},
        {"§4.4: another organizational domain never aligns",
         "rl.test",
         A_PASS,
         "other.test",
         {"example.com", NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         NULL,
         "p"},
        {"§4.4: aspf=s with adkim=r: DKIM relaxed aligns",
         "ms.test",
         A_PASS,
         "b.ms.test",
         {"d.ms.test", NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         NULL,
         NULL},
        {"§4.4: aspf=s with adkim=r: SPF alone does not",
         "ms.test",
         A_PASS,
         "b.ms.test",
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         NULL,
         "p"},
        {"§4.10.2 rule 1: psd=n makes dept.corp.test its own organization:"
         " corp.test's SPF does not align",
         "mail.dept.corp.test",
         A_PASS,
         "mail.corp.test",
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         NULL,
         NULL},
        {"§4.10.2 rule 1: below psd=n relaxed alignment holds",
         "dept.corp.test",
         A_PASS,
         "mail.dept.corp.test",
         {NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         NULL,
         NULL},
        {"§4.10.2 rule 2: psd=y: two organizations under one PSD",
         "giant.ps.test",
         A_FAIL,
         NULL,
         {"shop.ps.test", NULL},
         0,
         MAV_DMARC_FAIL,
         P_NONE,
         "giant.ps.test",
         "p"},
        {"B.4.3: SPF mail.giant.bank.example aligns with "
         "giant.bank.example",
         "giant.bank.example",
         A_PASS,
         "mail.giant.bank.example",
         {"mail.mega.bank.example", NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         "giant.bank.example",
         NULL},
        {"B.4.3: DKIM mail.mega.bank.example does not",
         "giant.bank.example",
         A_FAIL,
         "mail.giant.bank.example",
         {"mail.mega.bank.example", NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "giant.bank.example",
         "p"},
        {"B.4.1: DKIM signing.example.com aligns with example.com",
         "example.com",
         A_FAIL,
         "example.com",
         {"signing.example.com", NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         "example.com",
         NULL},
        {"B.4.2: SPF example.com aligns with the deep author domain",
         "a.b.c.d.e.f.g.h.i.j.k.example.com",
         A_PASS,
         "example.com",
         {"signing.example.com", NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         "example.com",
         NULL},
        {"§5.3.6: nothing aligned, SPF temperror: temperror",
         "rl.test",
         A_TEMP,
         "rl.test",
         {NULL},
         0,
         MAV_DMARC_TEMPERROR,
         P_NONE,
         NULL,
         NULL},
        {"§5.3.6: nothing aligned, DKIM temperror: temperror",
         "rl.test",
         A_FAIL,
         NULL,
         {"other.test", NULL},
         1,
         MAV_DMARC_TEMPERROR,
         P_NONE,
         NULL,
         NULL},
        {"§5.3.6: an aligned pass outweighs a temperror elsewhere",
         "rl.test",
         A_TEMP,
         NULL,
         {"rl.test", NULL},
         1,
         MAV_DMARC_PASS,
         P_NONE,
         NULL,
         NULL},
    };
    const mav_dmarc_outcome *o;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect(&cases[i]);

    o = run(&cases[2]);
    CHECK_INT("relaxed SPF: spf aligned", o->spf_aligned, MAV_DMARC_ALIGN_YES);
    CHECK_L("relaxed SPF: aligned domain named",
            strcmp(o->aligned_domain, "bounce.rl.test") == 0);
    CHECK_L("relaxed SPF: author's organizational domain",
            strcmp(o->org_domain, "rl.test") == 0);
    o = run(&cases[3]);
    CHECK_INT("strict SPF: not aligned", o->spf_aligned, MAV_DMARC_ALIGN_NO);
    /* the identifier's walk starts beside the author's (latency) and is
     * cancelled once the record says strict: its first query only */
    CHECK_INT("strict: the identifier's walk stops at its first query",
              wrap.txt_queries, 2);
    o = run(&cases[8]);
    CHECK_INT("another organization: spf", o->spf_aligned, MAV_DMARC_ALIGN_NO);
    CHECK_INT("another organization: dkim", o->dkim_aligned,
              MAV_DMARC_ALIGN_NO);
    o = run(&(dcase){"§4.4: a foreign identifier needs no walk",
                     "own.test",
                     A_PASS,
                     "mail.example.net",
                     {NULL},
                     0,
                     MAV_DMARC_FAIL,
                     P_REJ,
                     NULL,
                     NULL});
    CHECK_INT("§4.4: a foreign identifier: fail", o->result, MAV_DMARC_FAIL);
    CHECK_INT("§4.4: a foreign identifier: decided after one query",
              wrap.txt_queries, 1);
    o = run(&cases[14]);
    CHECK_INT("B.4.3: DKIM not aligned", o->dkim_aligned, MAV_DMARC_ALIGN_NO);
    CHECK_INT("B.4.3: SPF aligned", o->spf_aligned, MAV_DMARC_ALIGN_YES);
    CHECK_L("B.4.3: organizational domain",
            strcmp(o->org_domain, "giant.bank.example") == 0);
    o = run(&cases[16]);
    CHECK_L("B.4.1: organizational domain",
            strcmp(o->org_domain, "example.com") == 0);
}

/* ---- the policy applied (§4.7 p sp np t, §4.10.1) --------------------- */

static void policy(void)
{
    static const dcase cases[] = {
        {"§4.7 p: the policy domain itself",
         "pol.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_NONE,
         "pol.test",
         "p"},
        {"§4.7 sp: an existing subdomain (A record)",
         "live.pol.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "pol.test",
         "sp"},
        {"§3.2.13, A.4: a name with only TXT exists (NODATA): sp",
         "txtonly.pol.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "pol.test",
         "sp"},
        {"A.4: an alias exists though its target does not: sp",
         "alias.pol.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "pol.test",
         "sp"},
        {"A.4: an empty non-terminal exists: sp",
         "ent.pol.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "pol.test",
         "sp"},
        {"§4.7 np, §3.2.13: NXDOMAIN for the author domain: np",
         "ghost.pol.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         "pol.test",
         "np"},
        {"RFC 8020: below a non-existent name: np",
         "a.ghost.pol.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         "pol.test",
         "np"},
        {"§4.7 np absent: sp for a non-existent subdomain",
         "ghost.parent.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         "parent.test",
         "sp"},
        {"§4.7 sp absent: p for subdomains",
         "x.one.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "one.test",
         "p"},
        {"§4.7 t=y: reject is applied as quarantine",
         "tr.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_QUAR,
         "tr.test",
         "p"},
        {"§4.7 t=y: quarantine is applied as none",
         "tq.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_NONE,
         "tq.test",
         "p"},
        {"§4.7 t=y: no effect on none",
         "tn.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_NONE,
         "tn.test",
         "p"},
        {"§4.7 t=y: no effect on a pass",
         "tr.test",
         A_PASS,
         "tr.test",
         {NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         "tr.test",
         NULL},
        {"§4.10.1: invalid p with a valid rua: as p=none",
         "badp.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_NONE,
         "badp.test",
         "p"},
        {"§4.10.1: invalid p and no rua: no DMARC processing",
         "badpn.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_NONE,
         P_NONE,
         "badpn.test",
         NULL},
        {"§4.7 p: absent p is p=none",
         "nop.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_NONE,
         "nop.test",
         "p"},
    };
    const mav_dmarc_outcome *o;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect(&cases[i]);

    o = run(&cases[5]);
    CHECK_INT("np: the author does not exist", o->author_exists, 0);
    CHECK_INT("np: policy before t", o->policy, P_REJ);
    CHECK_L("np: A, AAAA and MX asked",
            strstr(wrap.log, "A ghost.pol.test.") &&
                strstr(wrap.log, "AAAA ghost.pol.test.") &&
                strstr(wrap.log, "MX ghost.pol.test."));
    o = run(&cases[1]);
    CHECK_INT("sp: the author exists", o->author_exists, 1);
    o = run(&cases[7]);
    CHECK_INT("np absent: existence not tested", o->author_exists, -1);
    CHECK_L("np absent: no address query",
            strstr(wrap.log, "A ghost.parent.test.") == NULL);
    o = run(&cases[9]);
    CHECK_INT("t=y: policy reject", o->policy, P_REJ);
    CHECK_INT("t=y: flagged", o->testing, 1);
    o = run(&cases[0]);
    {
        const mav_dmarc_record *r = mav_dmarc_policy_record(&dm);

        CHECK_L("policy record", r != NULL && r->np == P_REJ &&
                                     r->sp == P_QUAR && r->p == P_NONE);
    }
    o = run(&(dcase){"rua of the applied record",
                     "own.test",
                     A_FAIL,
                     NULL,
                     {NULL},
                     0,
                     MAV_DMARC_FAIL,
                     P_REJ,
                     NULL,
                     NULL});
    {
        const mav_dmarc_record *r = mav_dmarc_policy_record(&dm);
        size_t n = 0;
        const char *u = r ? mav_dmarc_record_uri(r, 0, &n, NULL) : NULL;

        CHECK_L("rua kept",
                u && n == 19 && memcmp(u, "mailto:agg@own.test", 19) == 0);
    }
    (void)o;
}

/* ---- DNS failures (§4.10.1, §5.3.6) ---------------------------------- */

static void failures(void)
{
    static const dcase cases[] = {
        {"§5.3.6: SERVFAIL (REFUSED) at the author's _dmarc: temperror",
         "a.nozone",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_TEMPERROR,
         P_NONE,
         NULL,
         NULL},
        {"§5.3.6: relaxed alignment needs an organizational domain the "
         "walk could not finish: temperror",
         "a.srv.broken",
         A_FAIL,
         NULL,
         {"x.a.srv.broken", NULL},
         0,
         MAV_DMARC_TEMPERROR,
         P_NONE,
         NULL,
         NULL},
        {"§4.10.2 note: identical domains need no walk: pass despite the "
         "broken parent",
         "a.srv.broken",
         A_PASS,
         "a.srv.broken",
         {NULL},
         0,
         MAV_DMARC_PASS,
         P_NONE,
         "a.srv.broken",
         NULL},
        {"§4.10.2 note: strict alignment is a string comparison: fail, p",
         "a.srv.broken",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_FAIL,
         P_REJ,
         "a.srv.broken",
         "p"},
        {"a CNAME loop at a _dmarc name: permerror",
         "loop.test",
         A_FAIL,
         NULL,
         {NULL},
         0,
         MAV_DMARC_PERMERROR,
         P_NONE,
         NULL,
         NULL},
    };
    const mav_dmarc_outcome *o;
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect(&cases[i]);

    /* timeouts: the port drops the queries */
    wrap.drop = "_dmarc.own.test";
    wrap.drop_types = 1;
    o = run(&(dcase){"§5.3.6: timeout at the author's _dmarc",
                     "own.test",
                     A_FAIL,
                     NULL,
                     {NULL},
                     0,
                     MAV_DMARC_TEMPERROR,
                     P_NONE,
                     NULL,
                     NULL});
    CHECK_INT("§5.3.6: timeout at the author's _dmarc: temperror", o->result,
              MAV_DMARC_TEMPERROR);
    CHECK_INT("  disposition none", o->disposition, P_NONE);
    wrap.drop = "_dmarc.test.";
    o = run(&(dcase){"§4.10.1: timeout above the record found",
                     "own.test",
                     A_FAIL,
                     NULL,
                     {"x.own.test", NULL},
                     0,
                     MAV_DMARC_TEMPERROR,
                     P_NONE,
                     NULL,
                     NULL});
    CHECK_INT("§4.10.2: timeout in the organizational-domain walk: "
              "temperror",
              o->result, MAV_DMARC_TEMPERROR);
    o = run(&(dcase){"§4.10.1: a timeout the verdict does not need",
                     "own.test",
                     A_FAIL,
                     NULL,
                     {NULL},
                     0,
                     MAV_DMARC_FAIL,
                     P_REJ,
                     NULL,
                     NULL});
    CHECK_INT("§4.10.1: the walk above an author record is not needed for "
              "strict facts: fail",
              o->result, MAV_DMARC_FAIL);
    o = run(&(dcase){"timeout in policy discovery below the record",
                     "a.b.parent.test",
                     A_FAIL,
                     NULL,
                     {NULL},
                     0,
                     MAV_DMARC_TEMPERROR,
                     P_NONE,
                     NULL,
                     NULL});
    CHECK_INT("§4.10.1: a lookup the organizational domain needs timed out: "
              "temperror",
              o->result, MAV_DMARC_TEMPERROR);
    wrap.drop = "ghost.pol.test";
    wrap.drop_types = 2;
    o = run(&(dcase){"existence test",
                     "ghost.pol.test",
                     A_FAIL,
                     NULL,
                     {NULL},
                     0,
                     MAV_DMARC_TEMPERROR,
                     P_NONE,
                     NULL,
                     NULL});
    CHECK_INT("§5.3.6: the existence test timed out: temperror", o->result,
              MAV_DMARC_TEMPERROR);
    wrap.drop = NULL;
    wrap.drop_types = 0;
}

/* ---- API edges --------------------------------------------------------- */

static void api(void)
{
    mav_dmarc_ctx idle;
    mav_dmarc_input in;
    const mav_dmarc_outcome *o;
    const char *many[12] = {"a1.test", "a2.test",  "a3.test",  "a4.test",
                            "a5.test", "a6.test",  "a7.test",  "a8.test",
                            "a9.test", "a10.test", "a11.test", "rl.test"};
    unsigned i;
    int r;

    memset(&in, 0, sizeof in);
    CHECK_INT("start NULL", mav_dmarc_start(NULL, &in), MAV_ERR_ARG);
    CHECK_INT("no author", mav_dmarc_start(&dm, &in), MAV_ERR_ARG);
    memset(&idle, 0, sizeof idle);
    in.author_domain = "own.test";
    CHECK_INT("not initialised", mav_dmarc_start(&idle, &in), MAV_ERR_STATE);
    CHECK_INT("poll idle", mav_dmarc_poll(&idle), MAV_ERR_STATE);
    CHECK_INT("init NULL", mav_dmarc_init(NULL, &dns), MAV_ERR_ARG);
    in.n_dkim = 1;
    CHECK_INT("n_dkim without a list", mav_dmarc_start(&dm, &in), MAV_ERR_ARG);

    /* abort in the middle gives every lookup back */
    in.n_dkim = 0;
    in.author_domain = "a.b.parent.test";
    mav_dns_cache_flush(&dns);
    CHECK_INT("pending", mav_dmarc_start(&dm, &in), MAV_PENDING);
    mav_dmarc_abort(&dm);
    CHECK_INT("aborted: idle", mav_dmarc_poll(&dm), MAV_ERR_STATE);
    mav_zone_run(&zp, 60000);
    {
        unsigned k, held = 0;

        for (k = 0; k < MAV_CFG_DNS_QUERIES; k++)
            held += dns.q[k].refs;
        CHECK_INT("no lookup held after abort", held, 0);
    }

    /* more distinct d= domains than MAV_CFG_DMARC_IDENTIFIERS */
    in.author_domain = "rl.test";
    in.dkim_domains = many;
    in.n_dkim = 12;
    mav_dns_cache_flush(&dns);
    r = mav_dmarc_start(&dm, &in);
    for (i = 0; r == MAV_PENDING && i < 100; i++) {
        mav_zone_run(&zp, 60000);
        r = mav_dmarc_poll(&dm);
    }
    o = mav_dmarc_get(&dm);
    CHECK_INT("many d=: the identical one still aligns", o->result,
              MAV_DMARC_PASS);
    CHECK_INT("many d=: ignored counted", o->dkim_ignored,
              11 > MAV_CFG_DMARC_IDENTIFIERS ? 11 - MAV_CFG_DMARC_IDENTIFIERS
                                             : 0);

    CHECK(strcmp(mav_dmarc_result_str(MAV_DMARC_TEMPERROR), "temperror") == 0);
    CHECK(strcmp(mav_dmarc_policy_str(MAV_DMARC_POLICY_QUARANTINE),
                 "quarantine") == 0);
    CHECK_L("context size (C4 budget: 16 KiB)", sizeof(mav_dmarc_ctx) < 16384);
}

void suite_dmarc(void)
{
    setup();
    discovery();
    walk_queries();
    alignment();
    policy();
    failures();
    api();
}
