/* SPDX-License-Identifier: MIT */
/*
 * test_authres.c - the Authentication-Results writer (RFC 8601): every
 * header it writes is read back by an independent parser, the authres
 * Python package (Debian python3-authres, under /usr/bin/python3), which
 * must find the same authserv-id, methods, results, reasons and
 * properties; lines stay within 78 columns, folds start with a tab, the
 * field ends in CRLF; every too-small buffer gives MAV_ERR_SPACE without
 * writing past it.
 */
#include <stdio.h>
#include <string.h>

#include "mav_authres.h"
#include "test.h"

static char hdr[4096];

/* What authres should read back, one line per result:
 * method=result|reason|ptype.property=value ... */
static void expected(const mav_authres_entry *e, unsigned n, char *out,
                     size_t cap)
{
    unsigned i, k;
    size_t o = 0;

    out[0] = 0;
    for (i = 0; i < n; i++) {
        o += (size_t)snprintf(out + o, cap - o, "%s=%s|%s|", e[i].method,
                              e[i].result,
                              e[i].reason ? e[i].reason : "");
        for (k = 0; k < e[i].nprops; k++)
            o += (size_t)snprintf(out + o, cap - o, "%s.%s=%s ",
                                  e[i].props[k].ptype,
                                  e[i].props[k].property,
                                  e[i].props[k].value);
        o += (size_t)snprintf(out + o, cap - o, "\n");
    }
}

/* CRLF at the end; folds start with a tab; a line is at most 78 columns
 * unless it holds a single element too long to split (RFC 5322 §2.1.1:
 * 78 SHOULD, 998 MUST). */
/* Does the folded line [p, end) hold one element: no space outside a
 * quoted-string after its leading tab? */
static int single_element(const char *p, const char *end)
{
    int quoted = 0;

    if (*p++ != '\t')
        return 0;
    for (; p < end; p++) {
        if (quoted && *p == '\\' && p + 1 < end)
            p++;
        else if (*p == '"')
            quoted = !quoted;
        else if (*p == ' ' && !quoted)
            return 0;
    }
    return 1;
}

static void shape(const char *label, const char *h, size_t len)
{
    const char *line = h;
    int ok = len >= 2 && h[len - 2] == '\r' && h[len - 1] == '\n';

    while (*line) {
        const char *end = strstr(line, "\r\n");
        if (!end || end - line > 998 ||
            (end - line > 78 && !single_element(line, end)))
            ok = 0;
        if (!end)
            break;
        line = end + 2;
        if (*line && *line != '\t')
            ok = 0;
    }
    CHECK_L(label, ok);
}

static void read_back(const char *label, const mav_authres_entry *e,
                      unsigned n)
{
    static char want[4096], got[4096];
    char in[600], out[600];
    FILE *f;
    long len;

    snprintf(in, sizeof in, "%s/authres.in", test_tmpdir());
    snprintf(out, sizeof out, "%s/authres.out", test_tmpdir());
    f = fopen(in, "wb");
    if (!f) {
        CHECK_L(label, 0);
        return;
    }
    fputs(hdr, f);
    fclose(f);
    if (test_sh("/usr/bin/python3 -c '\n"
                "import sys, re, authres\n"
                "u = lambda v: re.sub(r\"\\\\(.)\", r\"\\1\", v or \"\")\n"
                "h = open(sys.argv[1]).read().rstrip(\"\\r\\n\")\n"
                "r = authres.AuthenticationResultsHeader.parse(h)\n"
                "o = open(sys.argv[2], \"w\")\n"
                "o.write(r.authserv_id + \"\\n\")\n"
                "for x in r.results:\n"
                "    o.write(\"%%s=%%s|%%s|\" %% (x.method, x.result,"
                " u(x.reason)))\n"
                "    for p in x.properties:\n"
                "        o.write(\"%%s.%%s=%%s \" %% (p.type, p.name,"
                " u(p.value)))\n"
                "    o.write(\"\\n\")\n"
                "' %s %s",
                in, out) != 0) {
        CHECK_L(label, 0);
        fprintf(stderr, "  authres could not parse:\n%s", hdr);
        return;
    }
    len = test_read_file(out, (uint8_t *)got, sizeof got - 1);
    got[len > 0 ? len : 0] = 0;
    snprintf(want, sizeof want, "mx.example.net\n");
    expected(e, n, want + strlen(want), sizeof want - strlen(want));
    if (n == 0)
        snprintf(want, sizeof want, "mx.example.net\n");
    CHECK_MEM(label, got, strlen(got), want, strlen(want));
}

static void one(const char *label, const mav_authres_entry *e, unsigned n)
{
    size_t len = 0, cap;
    int rc = mav_authres_write(hdr, sizeof hdr, "mx.example.net", e, n,
                               &len);
    unsigned bad = 0;

    CHECK_INT(label, rc, MAV_OK);
    if (rc != MAV_OK)
        return;
    CHECK_INT(label, strlen(hdr), len);
    shape(label, hdr, len);
    read_back(label, e, n);
    /* every smaller buffer: SPACE, the needed size, nothing past cap */
    for (cap = 0; cap <= len; cap++) {
        static char small[4096];
        size_t need = 0;
        memset(small, 'x', sizeof small);
        if (mav_authres_write(small, cap, "mx.example.net", e, n, &need) !=
                MAV_ERR_SPACE ||
            need != len || small[cap] != 'x' ||
            (cap > 0 && memchr(small, 0, cap) == NULL))
            bad++;
    }
    CHECK_INT(label, bad, 0);
}

void suite_authres(void)
{
    static mav_authres_entry e[4];
    static const char *long_reason =
        "a reason that is long enough to need its own line, with \"quotes\""
        " and a back\\slash";

    memset(e, 0, sizeof e);
    one("no results: none", e, 0);

    e[0].method = "spf";
    e[0].result = "pass";
    e[0].comment = "dnssec: secure";
    e[0].nprops = 1;
    e[0].props[0] = (mav_authres_prop){"smtp", "mailfrom",
                                       "bounce+x.y@mail.example.com"};
    e[1].method = "dkim";
    e[1].result = "pass";
    e[1].comment = "rsa-2048 key (dnssec: insecure)";
    e[1].nprops = 4;
    e[1].props[0] = (mav_authres_prop){"header", "d", "example.com"};
    e[1].props[1] = (mav_authres_prop){"header", "s", "sel2026"};
    e[1].props[2] = (mav_authres_prop){"header", "a", "rsa-sha256"};
    e[1].props[3] = (mav_authres_prop){"header", "b", "Ab/+9xQz"};
    e[2].method = "dkim";
    e[2].result = "fail";
    e[2].reason = long_reason;
    e[2].nprops = 2;
    e[2].props[0] = (mav_authres_prop){"header", "d", "lists.example.org"};
    e[2].props[1] = (mav_authres_prop){"header", "b", "=q\"uote"};
    e[3].method = "dmarc";
    e[3].result = "fail";
    e[3].comment = "p=reject (applied: reject)";
    e[3].nprops = 2;
    e[3].props[0] = (mav_authres_prop){"header", "from", "example.com"};
    e[3].props[1] = (mav_authres_prop){"policy", "dmarc", "reject"};
    one("spf, two dkim, dmarc", e, 4);

    /* values that are not tokens or domains get quoted */
    e[0].props[0] = (mav_authres_prop){"smtp", "mailfrom", "odd local@x"};
    e[0].comment = "nested (parens) and \\ backslash";
    one("quoting and comments", e, 1);

    CHECK_INT("a method that is no token",
              mav_authres_write(hdr, sizeof hdr, "mx", &(mav_authres_entry){
                                    "sp f", "pass", NULL, NULL, 0, {{0}}},
                                1, NULL),
              MAV_ERR_ARG);
    CHECK_INT("empty authserv-id",
              mav_authres_write(hdr, sizeof hdr, "", e, 1, NULL),
              MAV_ERR_ARG);
}
