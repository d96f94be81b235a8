/* SPDX-License-Identifier: MIT */
/*
 * test_dmarc_record.c - the DMARC Policy Record parser (core/
 * dmarc_record.c) against RFC 9989 §4.7 (tags and defaults) and §4.8
 * (formal definition; "syntax errors in the remainder of the record
 * MUST be discarded in favor of default values"): every tag, the
 * removed RFC 7489 tags, unknown tags, case, whitespace, repeated tags,
 * bad values, URIs and their limits, records that are not DMARC at all,
 * and a truncation ladder over a full record (STYLE.md C13 b).
 */
#include <stdio.h>
#include <string.h>

#include "mav_dmarc.h"
#include "test.h"

static mav_dmarc_record rec;

static int parse(const char *s)
{
    return mav_dmarc_record_parse((const uint8_t *)s, strlen(s), &rec, NULL);
}

/* The kept URI i as a C string. */
static const char *uri(unsigned i)
{
    static char buf[MAV_CFG_DMARC_URI_BYTES + 1];
    size_t n;
    const char *u = mav_dmarc_record_uri(&rec, i, &n, NULL);

    if (u == NULL)
        return "(none)";
    memcpy(buf, u, n);
    buf[n] = 0;
    return buf;
}

/* §4.7 v, §4.8 dmarc-version, §4.10 step 2: what is a DMARC record. */
static void version(void)
{
    static const struct {
        const char *txt;
        int is;
    } v[] = {
        {"v=DMARC1", 1},
        {"v=DMARC1;", 1},
        {"v=DMARC1; p=none", 1},
        {"v = DMARC1 ; p=none", 1}, /* equals = *WSP "=" *WSP */
        {"v=DMARC1\t;p=none", 1},   /* dmarc-sep = *WSP ";" *WSP */
        {"V=DMARC1; p=none", 1},    /* "v" is an ABNF literal */
        {"v=dmarc1; p=none", 0},    /* %s"DMARC1": case-sensitive */
        {"v=DMARC2; p=none", 0},
        {"v=DMARC10", 0},
        {"v=DMARC1 p=none", 0}, /* the value is not DMARC1 */
        {"v=DMARC1p=none", 0},
        {" v=DMARC1", 0},        /* must start with v */
        {"p=none; v=DMARC1", 0}, /* v MUST be the first tag */
        {"v=spf1 -all", 0},
        {"v=", 0},
        {"v", 0},
        {"", 0},
        {"v=DMARC", 0},
    };
    size_t i;

    for (i = 0; i < sizeof v / sizeof v[0]; i++) {
        char label[96];
        int want = v[i].is ? MAV_OK : MAV_ERR_FORMAT;

        snprintf(label, sizeof label, "§4.7 v: \"%s\"", v[i].txt);
        CHECK_INT(
            label,
            mav_dmarc_is_record((const uint8_t *)v[i].txt, strlen(v[i].txt)),
            v[i].is);
        CHECK_INT(label, parse(v[i].txt), want);
    }
    CHECK_INT("NULL record", mav_dmarc_record_parse(NULL, 0, &rec, NULL),
              MAV_ERR_FORMAT);
    CHECK_INT(
        "NULL out",
        mav_dmarc_record_parse((const uint8_t *)"v=DMARC1", 8, NULL, NULL),
        MAV_ERR_ARG);
}

/* §4.7: every tag, and the defaults when absent. */
static void tags(void)
{
    CHECK_INT("defaults", parse("v=DMARC1"), MAV_OK);
    CHECK_INT("p absent", rec.p, MAV_DMARC_POLICY_UNSET);
    CHECK_INT("adkim default r", rec.adkim, MAV_DMARC_ALIGN_RELAXED);
    CHECK_INT("aspf default r", rec.aspf, MAV_DMARC_ALIGN_RELAXED);
    CHECK_INT("psd default u", rec.psd, MAV_DMARC_PSD_U);
    CHECK_INT("t default n", rec.testing, 0);
    CHECK_INT("fo default 0", rec.fo, MAV_DMARC_FO_0);
    CHECK_INT("nothing seen", rec.seen, 0);

    CHECK_INT("all tags",
              parse("v=DMARC1; p=quarantine; sp=reject; np=none; adkim=s; "
                    "aspf=s; psd=n; t=y; fo=1:d:s; "
                    "rua=mailto:a@x.test,mailto:b@x.test!10m; "
                    "ruf=mailto:f@x.test"),
              MAV_OK);
    CHECK_INT("p", rec.p, MAV_DMARC_POLICY_QUARANTINE);
    CHECK_INT("sp", rec.sp, MAV_DMARC_POLICY_REJECT);
    CHECK_INT("np", rec.np, MAV_DMARC_POLICY_NONE);
    CHECK_INT("adkim", rec.adkim, MAV_DMARC_ALIGN_STRICT);
    CHECK_INT("aspf", rec.aspf, MAV_DMARC_ALIGN_STRICT);
    CHECK_INT("psd", rec.psd, MAV_DMARC_PSD_N);
    CHECK_INT("t", rec.testing, 1);
    CHECK_INT("fo", rec.fo, MAV_DMARC_FO_1 | MAV_DMARC_FO_D | MAV_DMARC_FO_S);
    CHECK_INT("nothing invalid", rec.invalid, 0);
    CHECK_INT("rua URIs", rec.rua_valid, 2);
    CHECK_INT("ruf URIs", rec.ruf_valid, 1);
    CHECK_INT("kept", rec.n_uris, 3);
    CHECK(strcmp(uri(0), "mailto:a@x.test") == 0);
    CHECK_L("§4.8 obs-dmarc-uri: !size dropped",
            strcmp(uri(1), "mailto:b@x.test") == 0);
    CHECK(strcmp(uri(2), "mailto:f@x.test") == 0);
    {
        int ruf = -1;

        mav_dmarc_record_uri(&rec, 2, NULL, &ruf);
        CHECK_INT("third came from ruf", ruf, 1);
        CHECK(mav_dmarc_record_uri(&rec, 3, NULL, NULL) == NULL);
    }

    CHECK_INT("psd=y", parse("v=DMARC1; psd=y"), MAV_OK);
    CHECK_INT("psd=y value", rec.psd, MAV_DMARC_PSD_Y);
    CHECK_INT("psd=u", parse("v=DMARC1; psd=u; t=n"), MAV_OK);
    CHECK_INT("psd=u value", rec.psd, MAV_DMARC_PSD_U);
    CHECK_INT("t=n", rec.testing, 0);
    CHECK_INT("p=reject", parse("v=DMARC1; p=reject"), MAV_OK);
    CHECK_INT("p=reject value", rec.p, MAV_DMARC_POLICY_REJECT);

    /* Appendix C.5.2: pct, rf, ri removed; noted, never used */
    CHECK_INT("RFC 7489 tags",
              parse("v=DMARC1; p=reject; pct=50; rf=afrf; "
                    "ri=3600"),
              MAV_OK);
    CHECK_INT("pct rf ri noted",
              rec.seen &
                  (MAV_DMARC_TAG_PCT | MAV_DMARC_TAG_RF | MAV_DMARC_TAG_RI),
              MAV_DMARC_TAG_PCT | MAV_DMARC_TAG_RF | MAV_DMARC_TAG_RI);
    CHECK_INT("pct does not weaken p", rec.p, MAV_DMARC_POLICY_REJECT);
    CHECK_INT("pct=bogus is not checked", parse("v=DMARC1; pct=x; p=none"),
              MAV_OK);
    CHECK_INT("  nothing invalid", rec.invalid, 0);

    /* §4.7: unknown tags MUST be ignored */
    CHECK_INT("unknown tags",
              parse("v=DMARC1; p=none; foo=bar; x=1; "
                    "pp=reject"),
              MAV_OK);
    CHECK_INT("  counted", rec.unknown, 3);
    CHECK_INT("  p kept", rec.p, MAV_DMARC_POLICY_NONE);
}

/* §4.8 (RFC 5234 §2.3 literals are case-insensitive) and WSP. */
static void case_and_space(void)
{
    CHECK_INT("upper case tags and values",
              parse("V=DMARC1; P=Reject; SP=NONE; ADKIM=S; Psd=Y; T=Y"),
              MAV_OK);
    CHECK_INT("P=Reject", rec.p, MAV_DMARC_POLICY_REJECT);
    CHECK_INT("SP=NONE", rec.sp, MAV_DMARC_POLICY_NONE);
    CHECK_INT("ADKIM=S", rec.adkim, MAV_DMARC_ALIGN_STRICT);
    CHECK_INT("Psd=Y", rec.psd, MAV_DMARC_PSD_Y);
    CHECK_INT("T=Y", rec.testing, 1);

    CHECK_INT("WSP around ; and =",
              parse("v=DMARC1 ;  p = quarantine\t;\tsp\t=\treject ; "), MAV_OK);
    CHECK_INT("  p", rec.p, MAV_DMARC_POLICY_QUARANTINE);
    CHECK_INT("  sp", rec.sp, MAV_DMARC_POLICY_REJECT);
    CHECK_INT("  clean", rec.invalid | rec.malformed, 0);
    CHECK_INT("trailing WSP, no final ;", parse("v=DMARC1; p=reject  "),
              MAV_OK);
    CHECK_INT("  p", rec.p, MAV_DMARC_POLICY_REJECT);
    CHECK_INT("WSP inside a value", parse("v=DMARC1; p=re ject"), MAV_OK);
    CHECK_INT("  not valid", rec.invalid, MAV_DMARC_TAG_P);
}

/* §4.8: a bad or repeated tag falls back to its default. */
static void errors(void)
{
    static const struct {
        const char *txt;
        unsigned tag;
    } bad[] = {
        {"v=DMARC1; p=bogus", MAV_DMARC_TAG_P},
        {"v=DMARC1; p=", MAV_DMARC_TAG_P},
        {"v=DMARC1; sp=nonee", MAV_DMARC_TAG_SP},
        {"v=DMARC1; np=r", MAV_DMARC_TAG_NP},
        {"v=DMARC1; adkim=x", MAV_DMARC_TAG_ADKIM},
        {"v=DMARC1; aspf=relaxed", MAV_DMARC_TAG_ASPF},
        {"v=DMARC1; psd=q", MAV_DMARC_TAG_PSD},
        {"v=DMARC1; t=yes", MAV_DMARC_TAG_T},
        {"v=DMARC1; ruf=mailto:f@x.test; fo=0:1", MAV_DMARC_TAG_FO},
        {"v=DMARC1; ruf=mailto:f@x.test; fo=2", MAV_DMARC_TAG_FO},
        {"v=DMARC1; ruf=mailto:f@x.test; fo=d:d", MAV_DMARC_TAG_FO},
        {"v=DMARC1; ruf=mailto:f@x.test; fo=d:", MAV_DMARC_TAG_FO},
        {"v=DMARC1; ruf=mailto:f@x.test; fo=d s", MAV_DMARC_TAG_FO},
        {"v=DMARC1; p=reject\x80", MAV_DMARC_TAG_P}, /* %x20-7E only */
        {"v=DMARC1; p=rej\x01"
         "ect",
         MAV_DMARC_TAG_P},
        /* a repeated tag: every occurrence discarded */
        {"v=DMARC1; p=reject; p=reject", MAV_DMARC_TAG_P},
        {"v=DMARC1; p=reject; p=none", MAV_DMARC_TAG_P},
        {"v=DMARC1; adkim=s; adkim=s", MAV_DMARC_TAG_ADKIM},
        {"v=DMARC1; t=y; t=y; t=y", MAV_DMARC_TAG_T},
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char label[96];

        snprintf(label, sizeof label, "§4.8 default for \"%s\"", bad[i].txt);
        CHECK_INT(label, parse(bad[i].txt), MAV_OK);
        CHECK_INT(label, rec.invalid, bad[i].tag);
        CHECK_INT(label, rec.p, MAV_DMARC_POLICY_UNSET);
        CHECK_INT(label, rec.sp | rec.np, MAV_DMARC_POLICY_UNSET);
        CHECK_INT(label, rec.adkim | rec.aspf, MAV_DMARC_ALIGN_RELAXED);
        CHECK_INT(label, rec.psd, MAV_DMARC_PSD_U);
        CHECK_INT(label, rec.testing, 0);
        CHECK_INT(label, rec.fo, MAV_DMARC_FO_0);
    }

    CHECK_INT("pieces that are not tag=value",
              parse("v=DMARC1; ; p=reject; junk; =x; 9=1"), MAV_OK);
    CHECK_INT("  ignored", rec.malformed, 4);
    CHECK_INT("  p still read", rec.p, MAV_DMARC_POLICY_REJECT);
    CHECK_INT("a second v", parse("v=DMARC1; v=DMARC1; p=none"), MAV_OK);
    CHECK_INT("  ignored", rec.malformed, 1);
    CHECK_INT("repeated rua drops both",
              parse("v=DMARC1; rua=mailto:a@x.test; rua=mailto:b@x.test; "
                    "ruf=mailto:f@x.test"),
              MAV_OK);
    CHECK_INT("  rua invalid", rec.invalid, MAV_DMARC_TAG_RUA);
    CHECK_INT("  no rua", rec.rua_valid, 0);
    CHECK_INT("  ruf kept", rec.n_uris, 1);
    CHECK(strcmp(uri(0), "mailto:f@x.test") == 0);

    /* §4.7 fo: ignored without ruf */
    CHECK_INT("fo without ruf", parse("v=DMARC1; fo=1"), MAV_OK);
    CHECK_INT("  ignored", rec.fo, MAV_DMARC_FO_0);
    CHECK_INT("fo with ruf", parse("v=DMARC1; fo=s:0; ruf=mailto:f@x.t"),
              MAV_OK);
    CHECK_INT("  read", rec.fo, MAV_DMARC_FO_S | MAV_DMARC_FO_0);
}

/* §4.6, §4.8 dmarc-urilist and RFC 3986 §3. */
static void uris(void)
{
    CHECK_INT("URI list",
              parse("v=DMARC1; rua=mailto:a@x.test , https://r.x.test/d?q=1"
                    " ,bad uri,:nope,mailto:c@x.test!5k,mailto:%41@x.test,"
                    "mailto:%zz@x.test,mailto:d@x.test!,1mailto:x,,"),
              MAV_OK);
    CHECK_INT("  valid", rec.rua_valid, 4);
    CHECK_INT("  bad", rec.bad_uris, 7);
    CHECK_INT("  kept", rec.n_uris, 4);
    CHECK(strcmp(uri(0), "mailto:a@x.test") == 0);
    CHECK(strcmp(uri(1), "https://r.x.test/d?q=1") == 0);
    CHECK(strcmp(uri(2), "mailto:c@x.test") == 0);
    CHECK(strcmp(uri(3), "mailto:%41@x.test") == 0);
    CHECK_INT("  rua stays valid", rec.invalid, 0);

    CHECK_INT("more URIs than MAV_CFG_DMARC_URIS",
              parse("v=DMARC1; rua=mailto:1@x.t,mailto:2@x.t,mailto:3@x.t;"
                    " ruf=mailto:4@x.t,mailto:5@x.t,mailto:6@x.t"),
              MAV_OK);
    CHECK_INT("  all valid", rec.rua_valid + rec.ruf_valid, 6);
    CHECK_INT("  kept", rec.n_uris,
              MAV_CFG_DMARC_URIS < 6 ? MAV_CFG_DMARC_URIS : 6);
    CHECK_INT("  dropped", rec.uris_dropped,
              MAV_CFG_DMARC_URIS < 6 ? 6 - MAV_CFG_DMARC_URIS : 0);
    {
        char txt[MAV_CFG_DMARC_URI_BYTES + 128];
        size_t n = (size_t)snprintf(txt, sizeof txt, "v=DMARC1; rua=mailto:");

        memset(txt + n, 'a', MAV_CFG_DMARC_URI_BYTES - 10);
        n += MAV_CFG_DMARC_URI_BYTES - 10;
        n += (size_t)snprintf(txt + n, sizeof txt - n, ",mailto:b@x.t");
        CHECK_INT("more URI text than MAV_CFG_DMARC_URI_BYTES",
                  mav_dmarc_record_parse((const uint8_t *)txt, n, &rec, NULL),
                  MAV_OK);
        CHECK_INT("  first kept", rec.n_uris, 1);
        CHECK_INT("  second dropped whole", rec.uris_dropped, 1);
        CHECK_INT("  both valid (for §4.10.1)", rec.rua_valid, 2);
        CHECK(rec.uri_used <= MAV_CFG_DMARC_URI_BYTES);
    }
}

/* STYLE.md C13 (b): every prefix of a full record parses safely, and is a
 * record exactly when it still holds "v=DMARC1" followed by a boundary. */
static void ladder(void)
{
    static const char full[] =
        "v=DMARC1; p=reject; sp=quarantine; np=reject; adkim=s; aspf=r; "
        "psd=n; t=y; fo=0:d; rua=mailto:a@x.test!1g, mailto:b@x.test; "
        "ruf=mailto:f@x.test; pct=100; zz=top";
    size_t n, bad = 0;

    for (n = 0; n <= sizeof full - 1; n++) {
        int r = mav_dmarc_record_parse((const uint8_t *)full, n, &rec, NULL);
        int want = n >= 8 ? MAV_OK : MAV_ERR_FORMAT;

        if (r != want ||
            mav_dmarc_is_record((const uint8_t *)full, n) != (r == MAV_OK) ||
            rec.n_uris > MAV_CFG_DMARC_URIS ||
            rec.uri_used > MAV_CFG_DMARC_URI_BYTES)
            bad++;
    }
    CHECK_INT("truncation ladder", bad, 0);
    CHECK_INT("the whole record", parse(full), MAV_OK);
    CHECK_INT("  p", rec.p, MAV_DMARC_POLICY_REJECT);
    CHECK_INT("  fo", rec.fo, MAV_DMARC_FO_0 | MAV_DMARC_FO_D);
    CHECK_INT("  unknown", rec.unknown, 1);
    CHECK_INT("  URIs", rec.n_uris, 3);
}

void suite_dmarc_record(void)
{
    version();
    tags();
    case_and_space();
    errors();
    uris();
    ladder();
}
