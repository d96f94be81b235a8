/* SPDX-License-Identifier: MIT */
/*
 * authres_read.c - Authentication-Results fields read by python3-authres
 * (authres_read.h). The fields go to the parser NUL-separated in one
 * file, its readings come back one line each, tab-separated, so a suite
 * with hundreds of fields starts the interpreter once.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "authres_read.h"
#include "test.h"

/* The reader. authres parses the field; its comments (RFC 5322 CFWS)
 * it skips, so the DNSSEC word of each resinfo is taken from the
 * comment that follows the result, on the unfolded field. */
static const char reader_py[] =
    "import re, sys, authres\n"
    "out = open(sys.argv[2], \"w\")\n"
    "text = open(sys.argv[1], encoding=\"utf-8\", errors=\"replace\").read()\n"
    "for h in text.split(\"\\0\"):\n"
    "    h = h.rstrip(\"\\r\\n\")\n"
    "    try:\n"
    "        r = authres.AuthenticationResultsHeader.parse(h)\n"
    "        res = \" \".join(\"%s=%s\" % (x.method, x.result)\n"
    "                       for x in r.results)\n"
    "        pol = \"\".join(p.value for x in r.results if x.method == "
    "\"dmarc\"\n"
    "                      for p in x.properties\n"
    "                      if p.type == \"policy\" and p.name == \"dmarc\")\n"
    "    except Exception as e:\n"
    "        res = \"unparseable: \" + re.sub(r\"\\s+\", \" \", str(e))\n"
    "        pol = \"\"\n"
    "    flat = re.sub(r\"\\s+\", \" \", h)\n"
    "    sec = []\n"
    "    for ri in flat.split(\";\")[1:]:\n"
    "        m = re.match(r\"\\s*([\\w.-]+)\\s*=\\s*[\\w-]+\\s*(\\(([^)]*)\\))?\","
    " ri)\n"
    "        if m:\n"
    "            c = re.match(r\"dnssec:\\s*(\\w+)\", m.group(3) or \"\")\n"
    "            sec.append(\"%s=%s\" % (m.group(1), c.group(1) if c else "
    "\"-\"))\n"
    "    out.write(\"%s\\t%s\\t%s\\n\" % (res, pol, \" \".join(sec)))\n";

/* Copy the tab- or newline-ended column at *p into dst; advance *p. */
static void take_column(const char **p, char *dst, size_t cap)
{
    size_t n = strcspn(*p, "\t\n");
    size_t keep = n < cap - 1 ? n : cap - 1;

    memcpy(dst, *p, keep);
    dst[keep] = 0;
    *p += n;
    if (**p == '\t')
        (*p)++;
}

/* see authres_read.h */
int authres_read(const char *const *fields, size_t n, authres_reading *out)
{
    static char readings[1 << 19];
    char script[600], in[600], res[600];
    const char *p;
    FILE *f;
    long got;
    size_t i;

    memset(out, 0, n * sizeof *out);
    snprintf(script, sizeof script, "%s/authres-read.py", test_tmpdir());
    snprintf(in, sizeof in, "%s/authres-read.in", test_tmpdir());
    snprintf(res, sizeof res, "%s/authres-read.out", test_tmpdir());
    if (!(f = fopen(script, "w")))
        return -1;
    fputs(reader_py, f);
    fclose(f);
    if (!(f = fopen(in, "wb")))
        return -1;
    for (i = 0; i < n; i++) {
        if (i > 0)
            fputc(0, f);
        fputs(fields[i], f);
    }
    fclose(f);
    if (test_sh("/usr/bin/python3 '%s' '%s' '%s'", script, in, res) != 0)
        return -1;
    got = test_read_file(res, (uint8_t *)readings, sizeof readings - 1);
    if (got < 0)
        return -1;
    readings[got] = 0;
    p = readings;
    for (i = 0; i < n && *p; i++) {
        take_column(&p, out[i].results, sizeof out[i].results);
        take_column(&p, out[i].policy, sizeof out[i].policy);
        take_column(&p, out[i].dnssec, sizeof out[i].dnssec);
        if (*p == '\n')
            p++;
    }
    return i == n ? 0 : -1;
}
