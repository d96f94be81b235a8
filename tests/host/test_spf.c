/* SPDX-License-Identifier: MIT */
/*
 * test_spf.c - unit tests of SPF (RFC 7208): the macro expander on every
 * example of §7.4 (IPv4 and IPv6) and on its syntax errors, §7.3's URL
 * escaping and 253-character cut; the term parser on good and bad terms,
 * with a truncation ladder (STYLE.md C13b) over a record that has every
 * kind of term; and each limit of §4.6.4 (10 DNS terms, 2 void lookups,
 * 10 MX names, 10 PTR names) evaluated over the zone port, one step
 * under and one over.
 */
#include <stdio.h>
#include <string.h>

#include "mav_spf.h"
#include "test.h"

int spf_suite_zone(const char *text);
extern unsigned spf_suite_rounds;
const mav_spf_outcome *spf_suite_run(const char *host, const char *helo,
                                     const char *mail_from);

/* ---- macros: RFC 7208 §7.4 ------------------------------------------ */

static mav_spf_macro_env env4, env6;

static void set_env(mav_spf_macro_env *e, int six)
{
    static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                   0,    0,    0,    0,    0, 0, 0xcb, 0x01};
    memset(e, 0, sizeof *e);
    e->sender = "strong-bad@email.example.com";
    e->sender_len = strlen(e->sender);
    e->local = "strong-bad";
    e->local_len = 10;
    e->sender_domain = e->domain = "email.example.com";
    e->sender_domain_len = e->domain_len = 17;
    e->helo = "mx.example.org";
    e->helo_len = 14;
    e->receiver = "mx.example.net";
    e->receiver_len = 14;
    e->now = 1234567890;
    if (six) {
        e->ip_family = 6;
        memcpy(e->ip, v6, 16);
    } else {
        e->ip_family = 4;
        e->ip[0] = 192;
        e->ip[1] = 0;
        e->ip[2] = 2;
        e->ip[3] = 3;
    }
}

static void expect_expand(const mav_spf_macro_env *e, const char *in,
                          unsigned flags, const char *want, int nocase)
{
    char out[1024];
    size_t n = 0, i;
    int rc = mav_spf_macro_expand(e, in, strlen(in), flags, out, sizeof out,
                                  &n, NULL);
    int ok = rc == MAV_OK && n == strlen(want);

    for (i = 0; ok && i < n; i++) {
        char a = out[i], b = want[i];
        if (nocase && a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (nocase && b >= 'A' && b <= 'Z')
            b = (char)(b + 32);
        ok = a == b;
    }
    if (!ok)
        printf("  expand '%s': got '%.*s' (rc %d), want '%s'\n", in,
               (int)n, out, rc, want);
    CHECK_L(in, ok);
}

static void expect_macro_error(const char *in, unsigned flags)
{
    char out[256];
    size_t n;
    mav_perr e = {0, 0, NULL};

    CHECK_INT(in, mav_spf_macro_expand(&env4, in, strlen(in), flags, out,
                                       sizeof out, &n, &e),
              MAV_ERR_FORMAT);
}

static void macros(void)
{
    char big[600];
    size_t i;

    set_env(&env4, 0);
    set_env(&env6, 1);
    /* §7.4, IPv4 client 192.0.2.3 */
    expect_expand(&env4, "%{s}", 0, "strong-bad@email.example.com", 0);
    expect_expand(&env4, "%{o}", 0, "email.example.com", 0);
    expect_expand(&env4, "%{d}", 0, "email.example.com", 0);
    expect_expand(&env4, "%{d4}", 0, "email.example.com", 0);
    expect_expand(&env4, "%{d3}", 0, "email.example.com", 0);
    expect_expand(&env4, "%{d2}", 0, "example.com", 0);
    expect_expand(&env4, "%{d1}", 0, "com", 0);
    expect_expand(&env4, "%{dr}", 0, "com.example.email", 0);
    expect_expand(&env4, "%{d2r}", 0, "example.email", 0);
    expect_expand(&env4, "%{l}", 0, "strong-bad", 0);
    expect_expand(&env4, "%{l-}", 0, "strong.bad", 0);
    expect_expand(&env4, "%{lr}", 0, "strong-bad", 0);
    expect_expand(&env4, "%{lr-}", 0, "bad.strong", 0);
    expect_expand(&env4, "%{l1r-}", 0, "strong", 0);
    expect_expand(&env4, "%{ir}.%{v}._spf.%{d2}", 0,
                  "3.2.0.192.in-addr._spf.example.com", 0);
    expect_expand(&env4, "%{lr-}.lp._spf.%{d2}", 0,
                  "bad.strong.lp._spf.example.com", 0);
    expect_expand(&env4, "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", 0,
                  "bad.strong.lp.3.2.0.192.in-addr._spf.example.com", 0);
    expect_expand(&env4, "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", 0,
                  "3.2.0.192.in-addr.strong.lp._spf.example.com", 0);
    expect_expand(&env4, "%{d2}.trusted-domains.example.net", 0,
                  "example.com.trusted-domains.example.net", 0);
    /* §7.4, IPv6 client 2001:db8::cb01 (nibble case is free: DNS) */
    expect_expand(&env6, "%{ir}.%{v}._spf.%{d2}", 0,
                  "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1."
                  "0.0.2.ip6._spf.example.com", 1);
    /* the other letters, exp-only ones with the flag */
    expect_expand(&env4, "%{h} %{c} %{r} %{t}", MAV_SPF_MACRO_EXP,
                  "mx.example.org 192.0.2.3 mx.example.net 1234567890", 0);
    expect_expand(&env6, "%{c}", MAV_SPF_MACRO_EXP, "2001:db8::cb01", 0);
    expect_expand(&env4, "%{p}", 0, "unknown", 0);
    expect_expand(&env4, "%%%_%-", 0, "% %20", 0);
    /* §7.3: upper case letters are URL-escaped */
    expect_expand(&env4, "%{S}", 0, "strong-bad%40email.example.com", 0);
    /* delimiters, several at once; digits larger than the parts */
    expect_expand(&env4, "%{s-.}", 0, "strong.bad@email.example.com", 0);
    expect_expand(&env4, "%{d99r}", 0, "com.example.email", 0);
    /* §7.3: over 253 characters, labels go from the left */
    for (i = 0; i + 8 < 400; i += 8)
        memcpy(big + i, "abcdefg.", 8);
    memcpy(big + i, "%{d}", 5);
    {
        char out[1024];
        size_t n;
        CHECK(mav_spf_macro_expand(&env4, big, strlen(big),
                                   MAV_SPF_MACRO_DOMAIN, out, sizeof out, &n,
                                   NULL) == MAV_OK);
        CHECK(n <= 253 && n > 240);
        CHECK(n >= 17 && memcmp(out + n - 17, "email.example.com", 17) == 0);
        CHECK(out[0] == 'a');
    }
    /* syntax errors (§7.1) */
    expect_macro_error("%{d0}", 0);   /* a zero digit transformer */
    expect_macro_error("%{x}", 0);    /* unknown letter */
    expect_macro_error("%{c}", 0);    /* c r t outside exp */
    expect_macro_error("%{r}", 0);
    expect_macro_error("%{t}", 0);
    expect_macro_error("abc%", 0);    /* trailing % */
    expect_macro_error("%a", 0);
    expect_macro_error("%{d", 0);
    expect_macro_error("%{d2r+-;}", 0); /* ';' is not a delimiter */
    expect_macro_error("a b", 0);     /* space only in exp text */
    CHECK(mav_spf_macro_uses_p("x.%{p2}.y", 9));
    CHECK(!mav_spf_macro_uses_p("x.%{d2}.y", 9));
}

/* ---- the term parser ------------------------------------------------ */

static int record_ok(const char *r)
{
    mav_spf_record_info info;
    return mav_spf_record_check(r, strlen(r), &info, NULL) == MAV_OK;
}

static void parser(void)
{
    static const char every[] =
        "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a a:x.example.com/24//64"
        " mx/28 ptr:%{d2} exists:%{ir}.%{l1r-}.e.example.com"
        " include:_spf.example.com ?all exp=e.%{d} unknown-mod=%{s}";
    mav_spf_record_info info;
    mav_spf_term t;
    size_t pos = 0, cut;
    int r, n = 0;

    CHECK(record_ok(every));
    CHECK(mav_spf_record_check(every, strlen(every), &info, NULL) == MAV_OK);
    CHECK_INT("terms", info.terms, 11);
    CHECK_INT("dns terms", info.dns_terms, 6);
    while ((r = mav_spf_term_next(every, strlen(every), &pos, &t, NULL)) == 1)
        n++;
    CHECK_INT("term walk", r, 0);
    CHECK_INT("term count", n, 11);
    pos = 0;
    mav_spf_term_next("v=spf1 a:x.example.com/24//64", 29, &pos, &t, NULL);
    CHECK_INT("a cidr4", t.cidr4, 24);
    CHECK_INT("a cidr6", t.cidr6, 64);
    /* truncation ladder: every prefix parses or fails cleanly */
    for (cut = 0; cut <= strlen(every); cut++) {
        r = mav_spf_record_check(every, cut, &info, NULL);
        CHECK_L("ladder: OK or FORMAT", r == MAV_OK || r == MAV_ERR_FORMAT);
    }
    /* good */
    CHECK(record_ok("v=spf1"));
    CHECK(record_ok("V=SPF1 -ALL"));
    CHECK(record_ok("v=spf1 a  -all "));
    CHECK(record_ok("v=spf1 ip6:::ffff:192.0.2.1/128 ip6:::1 ip6:1::"));
    CHECK(record_ok("v=spf1 a:%{d} mx:foo.1-2 a:x.example.com."));
    CHECK(record_ok("v=spf1 foo.bar=%{l}"));
    /* bad */
    CHECK(!record_ok("v=spf1 ip4:192.0.2.01"));     /* leading zero */
    CHECK(!record_ok("v=spf1 ip4:192.0.2.1/33"));
    CHECK(!record_ok("v=spf1 ip6:2001:db8::/129"));
    CHECK(!record_ok("v=spf1 ip4:1.2.3.4//32"));    /* no dual for ip4 */
    CHECK(!record_ok("v=spf1 a:foo"));              /* no domain-end */
    CHECK(!record_ok("v=spf1 a:foo.123"));          /* numeric top label */
    CHECK(!record_ok("v=spf1 a:%{d}."));
    CHECK(!record_ok("v=spf1 include:"));
    CHECK(!record_ok("v=spf1 exists"));
    CHECK(!record_ok("v=spf1 -all:foo"));
    CHECK(!record_ok("v=spf1 redirect=a.example redirect=b.example"));
    CHECK(!record_ok("v=spf1 exp=a.example exp=b.example"));
    CHECK(!record_ok("v=spf1 -redirect=a.example"));
    CHECK(!record_ok("v=spf1 moo"));
    CHECK(!record_ok("v=spf1 a\tmx"));
    CHECK(!record_ok("v=spf1 a:x.example.com/024"));
    CHECK(!record_ok("v=spf1 ip6:1:2:3:4:5:6:7:8:9"));
    CHECK(!record_ok("v=spf1 ip6:1::2::3"));
    CHECK(!record_ok("v=spf1x"));
    CHECK(mav_spf_is_record((const uint8_t *)"v=spf1", 6));
    CHECK(!mav_spf_is_record((const uint8_t *)"v=spf10", 7));
}

/* ---- limits (§4.6.4) over the zone port ----------------------------- */

static const char limits_zone[] =
    "$ORIGIN .\n$TTL 300\n"
    ". SOA ns.invalid. h.invalid. 1 2 3 4 300\n"
    /* 10 DNS terms pass, 11 are a permerror */
    "ten.t. TXT \"v=spf1 a:n1.t a:n2.t a:n3.t a:n4.t a:n5.t a:n6.t\" "
    "\" a:n1.t a:n2.t a:n3.t a:h.t -all\"\n"
    "eleven.t. TXT \"v=spf1 a:h2.t a:h2.t a:h2.t a:h2.t a:h2.t a:h2.t\" "
    "\" a:h2.t a:h2.t a:h2.t a:h2.t a:h.t -all\"\n"
    "n1.t. A 10.0.0.1\nn2.t. A 10.0.0.1\nn3.t. A 10.0.0.1\n"
    "n4.t. A 10.0.0.1\nn5.t. A 10.0.0.1\nn6.t. A 10.0.0.1\n"
    "h.t. A 192.0.2.1\nh2.t. A 10.0.0.1\n"
    /* nested includes count too */
    "inc.t. TXT \"v=spf1 include:i1.t -all\"\n"
    "i1.t. TXT \"v=spf1 include:i2.t a:n1.t a:n2.t a:n3.t\"\n"
    "i2.t. TXT \"v=spf1 a:n4.t a:n5.t a:n6.t a:n1.t a:n2.t a:n3.t a:n4.t\" "
    "\" a:n5.t a:h.t\"\n"
    /* 2 void lookups are allowed, 3 are a permerror */
    "void2.t. TXT \"v=spf1 a:nx1.t mx:nx2.t a:h.t -all\"\n"
    "void3.t. TXT \"v=spf1 a:nx1.t mx:nx2.t exists:nx3.t a:h.t -all\"\n"
    /* 10 MX names are looked up together; 11 are a permerror */
    "mx10.t. TXT \"v=spf1 mx -all\"\n"
    "mx11.t. TXT \"v=spf1 mx -all\"\n"
    "mx10.t. MX 1 m1.t.\nmx10.t. MX 2 m2.t.\nmx10.t. MX 3 m3.t.\n"
    "mx10.t. MX 4 m4.t.\nmx10.t. MX 5 m5.t.\nmx10.t. MX 6 m6.t.\n"
    "mx10.t. MX 7 m7.t.\nmx10.t. MX 8 m8.t.\nmx10.t. MX 9 m9.t.\n"
    "mx10.t. MX 10 h.t.\n"
    "mx11.t. MX 1 m1.t.\nmx11.t. MX 2 m2.t.\nmx11.t. MX 3 m3.t.\n"
    "mx11.t. MX 4 m4.t.\nmx11.t. MX 5 m5.t.\nmx11.t. MX 6 m6.t.\n"
    "mx11.t. MX 7 m7.t.\nmx11.t. MX 8 m8.t.\nmx11.t. MX 9 m9.t.\n"
    "mx11.t. MX 10 m10.t.\nmx11.t. MX 11 h.t.\n"
    "m1.t. A 10.0.1.1\nm2.t. A 10.0.1.2\nm3.t. A 10.0.1.3\n"
    "m4.t. A 10.0.1.4\nm5.t. A 10.0.1.5\nm6.t. A 10.0.1.6\n"
    "m7.t. A 10.0.1.7\nm8.t. A 10.0.1.8\nm9.t. A 10.0.1.9\n"
    "m10.t. A 10.0.1.10\n"
    /* PTR: only the first 10 names are validated */
    "ptr.t. TXT \"v=spf1 ptr:ok.t -all\"\n"
    "1.2.0.192.in-addr.arpa. PTR p1.t.\n"
    "1.2.0.192.in-addr.arpa. PTR ok.t.\n"
    "1.2.0.198.in-addr.arpa. PTR p1.t.\n1.2.0.198.in-addr.arpa. PTR p2.t.\n"
    "1.2.0.198.in-addr.arpa. PTR p3.t.\n1.2.0.198.in-addr.arpa. PTR p4.t.\n"
    "1.2.0.198.in-addr.arpa. PTR p5.t.\n1.2.0.198.in-addr.arpa. PTR p6.t.\n"
    "1.2.0.198.in-addr.arpa. PTR p7.t.\n1.2.0.198.in-addr.arpa. PTR p8.t.\n"
    "1.2.0.198.in-addr.arpa. PTR p9.t.\n"
    "1.2.0.198.in-addr.arpa. PTR p10.t.\n"
    "1.2.0.198.in-addr.arpa. PTR ok.t.\n"
    "ok.t. A 192.0.2.1\nok.t. A 198.0.2.1\n";

static void expect_result(const char *label, const char *ip,
                          const char *from, mav_spf_result want)
{
    const mav_spf_outcome *o = spf_suite_run(ip, "helo.t", from);

    if (!o || o->result != want)
        printf("  %s: got %s (%s), want %s\n", label,
               o ? mav_spf_result_str(o->result) : "unfinished",
               o && o->error ? o->error : "", mav_spf_result_str(want));
    CHECK_L(label, o && o->result == want);
}

static void limits(void)
{
    const mav_spf_outcome *o;

    if (spf_suite_zone(limits_zone) != 0) {
        CHECK_L("limits zone loads", 0);
        return;
    }
    expect_result("10 DNS terms", "192.0.2.1", "a@ten.t", MAV_SPF_PASS);
    expect_result("11 DNS terms", "192.0.2.1", "a@eleven.t",
                  MAV_SPF_PERMERROR);
    expect_result("11 DNS terms, nested", "192.0.2.1", "a@inc.t",
                  MAV_SPF_PERMERROR);
    expect_result("2 void lookups", "192.0.2.1", "a@void2.t", MAV_SPF_PASS);
    expect_result("3 void lookups", "192.0.2.1", "a@void3.t",
                  MAV_SPF_PERMERROR);
    expect_result("10 MX names", "192.0.2.1", "a@mx10.t", MAV_SPF_PASS);
    o = spf_suite_run("192.0.2.1", "helo.t", "a@mx10.t");
    CHECK(o && o->queries == 12); /* TXT, MX, 10 addresses */
    expect_result("11 MX names", "192.0.2.1", "a@mx11.t",
                  MAV_SPF_PERMERROR);
    expect_result("PTR, 2 names", "192.0.2.1", "a@ptr.t", MAV_SPF_PASS);
    expect_result("PTR, 11th name ignored", "198.0.2.1", "a@ptr.t",
                  MAV_SPF_FAIL);
    /* validation off: answers are unchecked */
    o = spf_suite_run("192.0.2.1", "helo.t", "a@ten.t");
    CHECK(o && o->dnssec == MAV_DNSSEC_UNCHECKED);
    CHECK(o && o->dns_terms == 10);
}

/* ---- prefetch (MAV_CFG_SPF_PREFETCH) -------------------------------- */

static const char prefetch_zone[] =
    "$ORIGIN .\n$TTL 300\n"
    ". SOA ns.invalid. h.invalid. 1 2 3 4 300\n"
    /* includes side by side, the client in the third */
    "side.t. TXT \"v=spf1 include:s1.t include:s2.t include:s3.t -all\"\n"
    "s1.t. TXT \"v=spf1 ip4:10.1.0.0/16 ~all\"\n"
    "s2.t. TXT \"v=spf1 ip4:10.2.0.0/16 ~all\"\n"
    "s3.t. TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n"
    /* a term first, then the redirect */
    "redir.t. TXT \"v=spf1 a:n1.t redirect=s3.t\"\n"
    "n1.t. A 10.0.0.1\n"
    /* a macro target is not asked for early */
    "mac.t. TXT \"v=spf1 a:n1.t include:%{d}.s3.t -all\"\n"
    "mac.t.s3.t. TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n"
    /* an include the limit never lets the evaluation reach */
    "far.t. TXT \"v=spf1 a:n1.t a:n1.t a:n1.t a:n1.t a:n1.t a:n1.t\" "
    "\" a:n1.t a:n1.t a:n1.t a:n1.t include:s3.t\"\n";

static void expect_rounds(const char *label, const char *from,
                          mav_spf_result want, unsigned rounds,
                          unsigned queries)
{
    const mav_spf_outcome *o = spf_suite_run("192.0.2.1", "helo.t", from);

    if (!o || o->result != want || spf_suite_rounds != rounds ||
        o->queries != queries)
        printf("  %s: got %s in %u rounds, %u queries; want %s in %u, %u\n",
               label, o ? mav_spf_result_str(o->result) : "unfinished",
               spf_suite_rounds, o ? o->queries : 0,
               mav_spf_result_str(want), rounds, queries);
    CHECK_L(label, o && o->result == want);
    CHECK_L(label, spf_suite_rounds == rounds);
    CHECK_L(label, o && o->queries == queries);
}

static void prefetch(void)
{
    if (spf_suite_zone(prefetch_zone) != 0) {
        CHECK_L("prefetch zone loads", 0);
        return;
    }
    /* one round for side.t, one for its three includes together (four
     * without prefetch); each record counted once */
    expect_rounds("includes side by side", "a@side.t", MAV_SPF_PASS,
                  2 + (MAV_CFG_SPF_PREFETCH == 0) * 2, 4);
    /* the redirect's record comes with the a term's address */
    expect_rounds("redirect after a term", "a@redir.t", MAV_SPF_PASS,
                  2 + (MAV_CFG_SPF_PREFETCH == 0), 3);
    /* %{d} waits for its turn: a:n1.t, then the include */
    expect_rounds("macro include", "a@mac.t", MAV_SPF_PASS, 3, 3);
    /* the 11th DNS term is a permerror, so its include is not fetched:
     * 11 queries, the TXT and the 10 a terms (all of one name: one round
     * trip, then the cache) */
    expect_rounds("include past the limit", "a@far.t", MAV_SPF_PERMERROR,
                  2, 11);
}

void suite_spf(void)
{
    macros();
    parser();
    limits();
    prefetch();
}
