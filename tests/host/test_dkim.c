/* SPDX-License-Identifier: MIT */
/*
 * test_dkim.c - DKIM's parts and the verifier on published examples:
 * the tag-list grammar (RFC 6376 §3.2) with a truncation ladder, base64,
 * DKIM-Signature checks (§3.5, §6.1.1, RFC 8301 §3.1), key records
 * (§3.6.1), the canonicalization example of §3.4.6 with every split of
 * the input, the RFC 5322 header parser and From addresses, and the RFC
 * 8463 Appendix A message (vectors/dkim.vec) fed whole, a byte at a time
 * and cut at every offset, with tampered copies.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkimrun.h"
#include "mav_dkim.h"
#include "mav_msg.h"
#include "test.h"
#include "vec.h"

/* ---- tag lists, base64, signature and key records -------------------- */

static void tags(void)
{
    static const char good[] = " v=1; a = rsa-sha256;\r\n\tb=ab cd\r\n ef ;"
                               " x_1=;";
    mav_dkim_tag t[MAV_DKIM_MAX_TAGS];
    unsigned n = 0;
    size_t cut;
    uint8_t out[64];
    size_t ol;

    CHECK_INT("tag list", mav_dkim_tags_parse((const uint8_t *)good,
                                              strlen(good), t, 32, &n, NULL),
              MAV_OK);
    CHECK_INT("tag count", n, 4);
    CHECK_MEM("folded value", good + t[2].value_off, t[2].value_len,
              "ab cd\r\n ef", 10);
    CHECK_INT("empty value", t[3].value_len, 0);
#define BAD(s, code)                                                       \
    CHECK_INT(s, mav_dkim_tags_parse((const uint8_t *)s, strlen(s), t, 32, \
                                     &n, NULL),                           \
              code)
    BAD("a=1; a=2", MAV_ERR_FORMAT);  /* duplicate, §3.2 */
    BAD("a=1;; b=2", MAV_ERR_FORMAT); /* empty tag-spec */
    BAD("1a=1", MAV_ERR_FORMAT);      /* name starts with a digit */
    BAD("a", MAV_ERR_FORMAT);
    BAD("a=\x80", MAV_ERR_FORMAT);    /* not a VALCHAR */
    BAD("a=b\nc", MAV_ERR_FORMAT);    /* bare LF */
    BAD("", MAV_OK);
    BAD("a=1;", MAV_OK);
#undef BAD
    /* truncation ladder: every prefix parses or fails cleanly */
    for (cut = 0; cut <= strlen(good); cut++) {
        int rc = mav_dkim_tags_parse((const uint8_t *)good, cut, t, 32, &n,
                                     NULL);
        CHECK(rc == MAV_OK || rc == MAV_ERR_FORMAT);
    }
    CHECK_INT("base64", mav_dkim_base64((const uint8_t *)"aGVs\r\n bG8=", 11,
                                        out, sizeof out, &ol),
              MAV_OK);
    CHECK_MEM("base64 text", out, ol, "hello", 5);
    CHECK_INT("base64 unpadded",
              mav_dkim_base64((const uint8_t *)"aGVsbG8", 7, out, 64, &ol),
              MAV_OK);
    CHECK_INT("base64 bad", mav_dkim_base64((const uint8_t *)"aG!s", 4, out,
                                            64, &ol),
              MAV_ERR_FORMAT);
    CHECK_INT("base64 after pad", mav_dkim_base64((const uint8_t *)"aG==aG",
                                                  6, out, 64, &ol),
              MAV_ERR_FORMAT);
    CHECK_INT("base64 space", mav_dkim_base64((const uint8_t *)"aGVsbG8=", 8,
                                              out, 3, &ol),
              MAV_ERR_SPACE);
}

static const char sig_ok[] =
    " v=1; a=rsa-sha256; c=relaxed/simple; d=Example.COM;"
    " i=joe@mail.example.com; s=sel; t=100; x=200; l=12; q=dns/txt;"
    " h=From : to; bh=AAAA; b=QUJD\r\n REVG";

static void sig_case(const char *label, const char *from, const char *to,
                     int code, const char *what)
{
    static char buf[1024];
    mav_dkim_sig s;
    mav_perr e = {0, 0, NULL};
    const char *p = strstr(sig_ok, from);
    int rc;

    if (!p) {
        CHECK_L(label, 0);
        return;
    }
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)(p - sig_ok), sig_ok, to,
             p + strlen(from));
    rc = mav_dkim_sig_parse((const uint8_t *)buf, strlen(buf), &s, &e);
    CHECK_INT(label, rc, code);
    if (what && rc != MAV_OK)
        CHECK_L(label, e.what && strstr(e.what, what) != NULL);
}

static void signature(void)
{
    mav_dkim_sig s;
    mav_perr e = {0, 0, NULL};
    size_t cut;

    CHECK_INT("signature", mav_dkim_sig_parse((const uint8_t *)sig_ok,
                                              strlen(sig_ok), &s, &e),
              MAV_OK);
    CHECK(s.alg == MAV_DKIM_ALG_RSA_SHA256);
    CHECK(s.header_canon == MAV_DKIM_CANON_RELAXED);
    CHECK(s.body_canon == MAV_DKIM_CANON_SIMPLE);
    CHECK(strcmp(s.d, "Example.COM") == 0 && strcmp(s.s, "sel") == 0);
    CHECK(s.has_l && s.l == 12 && s.t == 100 && s.x == 200);
    CHECK_MEM("b=", s.b, s.b_len, "ABCDEF", 6);
    CHECK(strcmp(s.b_prefix, "QUJDREVG") == 0);
    CHECK_INT("key name", s.key_name_len, 28);
    CHECK_INT("names", s.nsigned, 2);
    sig_case("v=2", "v=1", "v=2", MAV_ERR_UNSUPPORTED, "version");
    sig_case("rsa-sha1", "a=rsa-sha256", "a=rsa-sha1", MAV_ERR_UNSUPPORTED,
             "rsa-sha1 not accepted");
    sig_case("unknown a=", "a=rsa-sha256", "a=rsa-md5", MAV_ERR_UNSUPPORTED,
             NULL);
    sig_case("no From", "h=From : to", "h=to", MAV_ERR_FORMAT, "From");
    sig_case("i= outside d=", "i=joe@mail.example.com", "i=@example.org",
             MAV_ERR_FORMAT, "within");
    sig_case("i= suffix trick", "i=joe@mail.example.com",
             "i=@badexample.com", MAV_ERR_FORMAT, "within");
    sig_case("x= before t=", "x=200", "x=50", MAV_ERR_FORMAT, NULL);
    sig_case("no bh", "bh=AAAA;", "", MAV_ERR_FORMAT, "required");
    sig_case("bad c=", "c=relaxed/simple", "c=nofws", MAV_ERR_UNSUPPORTED,
             NULL);
    sig_case("q=", "q=dns/txt", "q=http", MAV_ERR_UNSUPPORTED, NULL);
    sig_case("l= not a number", "l=12", "l=1x", MAV_ERR_FORMAT, NULL);
    sig_case("duplicate", "s=sel;", "s=sel; s=sel;", MAV_ERR_FORMAT,
             "duplicate");
    sig_case("bad d=", "d=Example.COM", "d=exa mple", MAV_ERR_FORMAT, NULL);
    sig_case("unknown tag ignored", "q=dns/txt;", "q=dns/txt; zz=1;",
             MAV_OK, NULL);
    {
        /* a NUL byte in d= or s= (header bytes are not text): the tag
         * parser refuses it, so d= and s= are never read as a shorter
         * or empty name */
        static char buf[1024];
        size_t n = strlen(sig_ok);
        const char *tags[] = {"d=Example.COM", "s=sel"};
        unsigned k;
        for (k = 0; k < 2; k++) {
            char *at;
            memcpy(buf, sig_ok, n + 1);
            at = strstr(buf, tags[k]);
            CHECK_L(tags[k], at != NULL);
            if (!at)
                continue;
            at[2] = 0; /* the value's first byte */
            CHECK_INT(tags[k], mav_dkim_sig_parse((const uint8_t *)buf, n,
                                                  &s, &e),
                      MAV_ERR_FORMAT);
            CHECK_L(tags[k], e.what && strstr(e.what, "invalid character") != NULL);
            at[2] = at[3];
            at[3] = 0; /* a later byte */
            CHECK_INT(tags[k], mav_dkim_sig_parse((const uint8_t *)buf, n,
                                                  &s, &e),
                      MAV_ERR_FORMAT);
            CHECK_L(tags[k], e.what && strstr(e.what, "invalid character") != NULL);
        }
    }
    /* truncation ladder: no crash, d= reported whenever it was read */
    for (cut = 0; cut <= strlen(sig_ok); cut++) {
        int rc = mav_dkim_sig_parse((const uint8_t *)sig_ok, cut, &s, &e);
        CHECK(rc == MAV_OK || rc < 0);
    }
}

static void key_case(const char *rec, int code, int type, int revoked)
{
    mav_dkim_key k;
    int rc = mav_dkim_key_parse((const uint8_t *)rec, strlen(rec), &k, NULL);

    CHECK_INT(rec, rc, code);
    if (rc == MAV_OK) {
        CHECK_INT(rec, k.type, type);
        CHECK_INT(rec, k.revoked, revoked);
    }
}

static void key_record(void)
{
    mav_dkim_key k;
    static const char t[] = "v=DKIM1; k=ed25519; h=sha1:sha256; t=y:s; "
                            "s=email; n=note; p=AAEC";

    CHECK_INT("key", mav_dkim_key_parse((const uint8_t *)t, strlen(t), &k,
                                        NULL),
              MAV_OK);
    CHECK(k.type == MAV_DKIM_KEY_ED25519 && k.testing && k.strict &&
          k.sha256_ok && k.p_len == 3);
    key_case("p=", MAV_OK, MAV_DKIM_KEY_RSA, 1);
    key_case("k=rsa; p=AAEC", MAV_OK, MAV_DKIM_KEY_RSA, 0);
    key_case("p=AAEC; v=DKIM1", MAV_ERR_FORMAT, 0, 0); /* v= not first */
    key_case("v=DKIM2; p=AAEC", MAV_ERR_FORMAT, 0, 0);
    key_case("k=dsa; p=AAEC", MAV_ERR_UNSUPPORTED, 0, 0);
    key_case("s=http; p=AAEC", MAV_ERR_UNSUPPORTED, 0, 0);
    key_case("s=http:*; p=AAEC", MAV_OK, MAV_DKIM_KEY_RSA, 0);
    key_case("k=rsa", MAV_ERR_FORMAT, 0, 0);
    key_case("p=!!", MAV_ERR_FORMAT, 0, 0);
    key_case("p=AAEC; foo=bar", MAV_OK, MAV_DKIM_KEY_RSA, 0);
    CHECK_INT("h=sha1 only",
              mav_dkim_key_parse((const uint8_t *)"h=sha1; p=AAEC", 14, &k,
                                 NULL),
              MAV_OK);
    CHECK(!k.sha256_ok);
}

/* ---- canonicalization (RFC 6376 §3.4.6) ------------------------------- */

static uint8_t canon_out[4096];
static size_t canon_len;

static void buf_sink(void *arg, const uint8_t *p, size_t n)
{
    (void)arg;
    if (canon_len + n <= sizeof canon_out)
        memcpy(canon_out + canon_len, p, n);
    canon_len += n;
}

/* Body canonicalization of in, cut at every pair of offsets; all must
 * give want. */
static void body_all_splits(const char *label, int relaxed, const char *in,
                            const char *want)
{
    size_t n = strlen(in), a, b;
    mav_dkim_body_canon c;
    int bad = 0;

    for (a = 0; a <= n; a++) {
        for (b = a; b <= n; b++) {
            canon_len = 0;
            mav_dkim_body_canon_init(&c, relaxed);
            mav_dkim_body_canon_feed(&c, (const uint8_t *)in, a, buf_sink,
                                     NULL);
            mav_dkim_body_canon_feed(&c, (const uint8_t *)in + a, b - a,
                                     buf_sink, NULL);
            mav_dkim_body_canon_feed(&c, (const uint8_t *)in + b, n - b,
                                     buf_sink, NULL);
            mav_dkim_body_canon_end(&c, buf_sink, NULL);
            if (canon_len != strlen(want) ||
                memcmp(canon_out, want, canon_len) != 0 ||
                c.out != canon_len)
                bad++;
        }
    }
    CHECK_L(label, bad == 0);
    if (bad)
        CHECK_MEM(label, canon_out, canon_len, want, strlen(want));
}

static void header_canon(const char *label, int relaxed, const char *f,
                         const char *want)
{
    canon_len = 0;
    mav_dkim_header_canon(relaxed, (const uint8_t *)f, strlen(f), 0, 0, 1,
                          buf_sink, NULL);
    CHECK_MEM(label, canon_out, canon_len, want, strlen(want));
}

static void canon(void)
{
    static const char body[] = " C \r\nD \t E\r\n\r\n\r\n";

    /* §3.4.6, the example */
    header_canon("relaxed A", 1, "A: X", "a:X\r\n");
    header_canon("relaxed B", 1, "B : Y\t\r\n\tZ  ", "b:Y Z\r\n");
    header_canon("simple B", 0, "B : Y\t\r\n\tZ  ", "B : Y\t\r\n\tZ  \r\n");
    body_all_splits("relaxed body 3.4.6", 1, body, " C\r\nD E\r\n");
    body_all_splits("simple body 3.4.6", 0, body, " C \r\nD \t E\r\n");
    /* §3.4.3 and §3.4.4: empty bodies */
    body_all_splits("simple empty", 0, "", "\r\n");
    body_all_splits("simple only CRLFs", 0, "\r\n\r\n", "\r\n");
    body_all_splits("relaxed empty", 1, "", "");
    body_all_splits("relaxed blank lines", 1, " \r\n\t\r\n", "");
    /* no final CRLF: one is added */
    body_all_splits("simple no CRLF", 0, "abc", "abc\r\n");
    body_all_splits("relaxed no CRLF", 1, "a  b", "a b\r\n");
    /* bare CR and LF are data */
    body_all_splits("simple bare CR", 0, "a\rb\r\n\r", "a\rb\r\n\r\r\n");
    body_all_splits("relaxed bare LF", 1, "a \n b\r\n", "a \n b\r\n");
    body_all_splits("blank line inside", 1, "a\r\n  \r\nb\r\n",
                    "a\r\n\r\nb\r\n");
    /* the b= value is skipped with its whitespace (§3.7) */
    canon_len = 0;
    mav_dkim_header_canon(1, (const uint8_t *)"DKIM-Signature: a=1; b= xy\r"
                                              "\n z; c=2",
                          35, 23, 30, 0, buf_sink, NULL);
    CHECK_MEM("b= emptied", canon_out, canon_len,
              "dkim-signature:a=1; b=; c=2", 27);
}

/* ---- message intake (RFC 5322) ---------------------------------------- */

static mav_msg_ctx msg;

static unsigned feed_all(const char *m, size_t n, size_t step,
                         uint64_t *body)
{
    size_t off = 0;
    mav_msg_event ev;
    unsigned fields = 0;

    mav_msg_init(&msg);
    *body = 0;
    while (off < n) {
        size_t c = step && step < n - off ? step : n - off;
        const uint8_t *p = (const uint8_t *)m + off;
        while (c) {
            size_t u = mav_msg_feed(&msg, p, c, &ev);
            p += u;
            c -= u;
            off += u;
            if (ev.type == MAV_MSG_EV_FIELD)
                fields++;
            if (ev.type == MAV_MSG_EV_BODY)
                *body += ev.body_len;
        }
    }
    do {
        mav_msg_end(&msg, &ev);
        if (ev.type == MAV_MSG_EV_FIELD)
            fields++;
    } while (ev.type == MAV_MSG_EV_FIELD);
    return fields;
}

static void from_case(const char *v, int code, unsigned n, const char *dom)
{
    mav_msg_addr a[4];
    unsigned got = 0;
    int rc = mav_msg_from_parse((const uint8_t *)v, strlen(v), a, 4, &got,
                                NULL);

    CHECK_INT(v, rc, code);
    if (rc == MAV_OK) {
        CHECK_INT(v, got, n);
        CHECK_MEM(v, v + a[got - 1].domain_off, a[got - 1].domain_len, dom,
                  strlen(dom));
    }
}

static void message(void)
{
    static const char m[] = "From: a@b.example\r\nSubject: x\r\n y\r\n"
                            "X-Bare: a\rb\r\n\r\nbody\r\nmore\r\n";
    size_t step;
    uint64_t body;
    const uint8_t *v;
    size_t vl;
    static char big[40000];

    for (step = 0; step < sizeof m; step++) {
        unsigned f = feed_all(m, sizeof m - 1, step, &body);
        CHECK_INT("fields at every chunk size", f, 3);
        CHECK_INT("body bytes", body, 12);
    }
    CHECK(mav_msg_field_is(&msg, 1, "subject", 7));
    CHECK(mav_msg_field_value(&msg, 1, &v, &vl) == MAV_OK &&
          vl == 6 && memcmp(v, " x\r\n y", 6) == 0);
    CHECK(mav_msg_field_value(&msg, 2, &v, &vl) == MAV_OK &&
          vl == 4 && memcmp(v, " a\rb", 4) == 0);
    /* no body at all; a header without colon */
    CHECK_INT("no body", feed_all("A: 1\r\nnocolon", 14, 0, &body), 2);
    CHECK(mav_msg_field_value(&msg, 1, &v, &vl) == MAV_ERR_FORMAT);
    /* a field over MAV_CFG_HEADER_BYTES is lost, its name known */
    memcpy(big, "Big: ", 5);
    memset(big + 5, 'x', sizeof big - 5);
    memcpy(big + sizeof big - 40, "\r\nTo: t@example\r\n\r\nbody", 24);
    CHECK_INT("lost field", feed_all(big, sizeof big - 16, 1000, &body), 2);
    CHECK(msg.fields[0].lost && mav_msg_field_is(&msg, 0, "BIG", 3));
    CHECK(!msg.fields[1].lost && mav_msg_field_is(&msg, 1, "to", 2));
    /* From addresses (RFC 5322 §3.4, §3.6.2, RFC 6854 groups) */
    from_case(" Joe SixPack <joe@football.example.com>", MAV_OK, 1,
              "football.example.com");
    from_case(" \"Joe, \\\"Q\\\" (x)\" <joe@a.example> (comment (nested))",
              MAV_OK, 1, "a.example");
    from_case(" joe@b.example (Joe)", MAV_OK, 1, "b.example");
    from_case(" a@c.example, \"B\" <b@d.example>", MAV_OK, 2, "d.example");
    from_case(" Team: a@e.example, <b@f.example>;", MAV_OK, 2, "f.example");
    from_case(" <@route.example:joe@g.example>", MAV_OK, 1, "g.example");
    from_case(" Joe\r\n <joe@h.example>", MAV_OK, 1, "h.example");
    from_case(" \"quoted@local\"@i.example", MAV_OK, 1, "i.example");
    from_case(" Just A Name", MAV_ERR_FORMAT, 0, NULL);
    from_case(" <joe@j.example", MAV_ERR_FORMAT, 0, NULL);
    from_case(" (unterminated <a@b>", MAV_ERR_FORMAT, 0, NULL);
    from_case(" Group: a@b.example", MAV_ERR_FORMAT, 0, NULL);
    from_case("", MAV_ERR_FORMAT, 0, NULL);
}

/* ---- the verifier on vectors/dkim.vec ---------------------------------- */

static char zone_text[8192];
static uint8_t eml[16384];

static void vec_one(const vec_case *c, void *arg)
{
    const char *name = vec_get(c, "name"), *want = vec_get(c, "expect");
    const char *zone = vec_get(c, "zone"), *file = vec_get(c, "message");
    const char *now_s = vec_get(c, "now");
    char got[256], label[300];
    long zl, ml;
    size_t at;
    int64_t now;
    unsigned bad = 0;

    (void)arg;
    if (!name || !want || !zone || !file || !now_s) {
        CHECK_L("dkim vector has name, zone, message, now, expect", 0);
        return;
    }
    now = strtoll(now_s, NULL, 10);
    zl = test_read_file(test_path(zone), (uint8_t *)zone_text,
                        sizeof zone_text);
    ml = test_read_file(test_path(file), eml, sizeof eml);
    if (zl <= 0 || ml <= 0 || dkimrun_zone(zone_text, (size_t)zl) != 0) {
        CHECK_L(name, 0);
        return;
    }
    dkimrun(eml, (size_t)ml, DKR_WHOLE, 0, now, got, sizeof got);
    snprintf(label, sizeof label, "%s: got %s, want %s", name, got, want);
    CHECK_L(label, strcmp(got, want) == 0);
    dkimrun(eml, (size_t)ml, DKR_BYTES, 0, now, got, sizeof got);
    CHECK_L(label, strcmp(got, want) == 0);
    for (at = 0; at <= (size_t)ml; at++) {
        dkimrun(eml, (size_t)ml, DKR_SPLIT, at, now, got, sizeof got);
        if (strcmp(got, want) != 0)
            bad++;
    }
    snprintf(label, sizeof label, "%s: same result cut at every offset",
             name);
    CHECK_L(label, bad == 0);
}

/* Tampered copies of the RFC 8463 message. */
static void rfc8463_tampered(void)
{
    char got[256];
    long ml;
    char *p;
    const mav_dkim_ctx *v;
    mav_dkim_info in;

    ml = test_read_file(test_path("msgs/rfc8463.eml"), eml, sizeof eml);
    if (ml <= 0)
        return;
    v = dkimrun(eml, (size_t)ml, DKR_WHOLE, 0, 1528637909, got, sizeof got);
    CHECK(mav_dkim_get(v, 0, &in) == MAV_OK && in.key_bits == 256 &&
          in.alg == MAV_DKIM_ALG_ED25519_SHA256 && in.time_checked);
    CHECK(mav_dkim_get(v, 1, &in) == MAV_OK && in.key_bits == 1024 &&
          strcmp(in.d, "football.example.com") == 0 &&
          strcmp(in.b_prefix, "F45dVWDf") == 0);
    /* the From domain for DMARC, from the same pass */
    {
        const mav_msg_ctx *m = mav_dkim_msg(v);
        unsigned i, found = 0;
        for (i = 0; i < mav_msg_field_count(m); i++) {
            const uint8_t *val;
            size_t vl;
            mav_msg_addr a[2];
            unsigned n;
            if (!mav_msg_field_is(m, i, "from", 4) ||
                mav_msg_field_value(m, i, &val, &vl) != MAV_OK)
                continue;
            if (mav_msg_from_parse(val, vl, a, 2, &n, NULL) == MAV_OK &&
                a[0].domain_len == 20 &&
                memcmp(val + a[0].domain_off, "football.example.com", 20) ==
                    0)
                found++;
        }
        CHECK_INT("From domain", found, 1);
    }
    p = strstr((char *)eml, "hungry");
    if (p) {
        *p = 'H';
        dkimrun(eml, (size_t)ml, DKR_WHOLE, 0, 1528637909, got, sizeof got);
        CHECK_L("body changed", strcmp(got, "fail,fail") == 0);
        *p = 'h';
    }
    p = strstr((char *)eml, "Subject: Is");
    if (p) {
        p[9] = 'i';
        dkimrun(eml, (size_t)ml, DKR_WHOLE, 0, 1528637909, got, sizeof got);
        CHECK_L("signed header changed", strcmp(got, "fail,fail") == 0);
        p[9] = 'I';
    }
    /* relaxed/relaxed tolerates whitespace changes in a signed field */
    p = strstr((char *)eml, "Subject: Is");
    if (p) {
        p[8] = '\t';
        dkimrun(eml, (size_t)ml, DKR_WHOLE, 0, 1528637909, got, sizeof got);
        CHECK_L("whitespace, relaxed", strcmp(got, "pass,pass") == 0);
        p[8] = ' ';
    }
}

void suite_dkim(void)
{
    tags();
    signature();
    key_record();
    canon();
    message();
    CHECK_INT("dkim vectors", vec_each("vectors/dkim.vec", vec_one, NULL), 3);
    rfc8463_tampered();
    /* the context's size is the budget a board plans with */
    CHECK_L("sizeof(mav_dkim_ctx) under 40 KB with defaults",
            sizeof(mav_dkim_ctx) < 40 * 1024);
    printf("  mav_dkim_ctx: %zu bytes (%d signatures, %d header bytes)\n",
           sizeof(mav_dkim_ctx), MAV_CFG_DKIM_SIGNATURES,
           MAV_CFG_HEADER_BYTES);
}
