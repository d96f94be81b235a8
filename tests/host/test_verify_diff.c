/* SPDX-License-Identifier: MIT */
/*
 * test_verify_diff.c - the whole verifier (mav_verify.h) against an
 * independent one, authheaders (python3-authheaders 0.15:
 * authheaders.authenticate_message, with dkimpy for DKIM and pyspf for
 * SPF), on the same messages and the same DNS: the signed test world
 * (tests/world-signed) through its recursor, MAV_TEST_SIGNED_RECURSOR.
 *
 * tools/authheaders-diff signs the messages now with the world's DKIM
 * keys (RSA-2048 "sel" and Ed25519 "ed"), runs authheaders on each and
 * writes its results; mav verifies the same bytes with the same envelope;
 * both Authentication-Results fields are read by the same parser
 * (python3-authres). For every case:
 *   - mav's results must be the ones the RFCs give (column "expect");
 *   - authheaders' must equal mav's, unless the case is listed in
 *     known[] with authheaders' results and the RFC section that makes
 *     mav right. A listed case where the two agree fails as well: the
 *     list must stay true.
 * The comparison table is printed.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mav_posix.h"
#include "mav_verify.h"
#include "signed_world.h"
#include "test.h"

static mav_posix px;
static mav_dns_ctx dns;
static mav_verify_ctx ver;
static int64_t world_now;

/* What mav must say for each case (RFC 7208, 6376, 8301, 8463, 9989). */
static const struct {
    const char *name, *expect;
} expect[] = {
    {"good-alg8.test-sel", "spf=pass dkim=pass dmarc=pass"},
    {"good-alg8.test-ed", "spf=pass dkim=pass dmarc=pass"},
    {"good-alg13.test-sel", "spf=pass dkim=pass dmarc=pass"},
    {"good-alg13.test-ed", "spf=pass dkim=pass dmarc=pass"},
    {"good-nsec3.test-sel", "spf=pass dkim=pass dmarc=pass"},
    {"good-nsec3.test-ed", "spf=pass dkim=pass dmarc=pass"},
    {"good-insecure.alg8.test-sel", "spf=pass dkim=pass dmarc=pass"},
    {"good-insecure.alg8.test-ed", "spf=pass dkim=pass dmarc=pass"},
    {"wrong-ip-rsa", "spf=fail dkim=pass dmarc=pass"},
    {"wrong-ip-ed25519", "spf=fail dkim=pass dmarc=pass"},
    {"broken-body", "spf=pass dkim=fail dmarc=pass"},
    {"spoofed", "spf=fail dkim=fail dmarc=fail"},
    {"no-dkim", "spf=pass dkim=none dmarc=pass"},
    {"no-dkim-wrong-ip", "spf=fail dkim=none dmarc=fail"},
    {"first-sig-fails", "spf=fail dkim=fail dkim=pass dmarc=pass"},
    {"second-sig-fails", "spf=fail dkim=pass dkim=fail dmarc=pass"},
    {"no-dmarc-record", "spf=pass dkim=pass dmarc=none"},
    {"relaxed-subdomain", "spf=fail dkim=pass dmarc=pass"},
    {"rsa-sha1", "spf=fail dkim=permerror dmarc=fail"},
    {"dkim-only-aligned", "spf=pass dkim=pass dmarc=pass"},
};

/* Where authheaders departs from mav, and the RFC text that decides. */
static const struct {
    const char *name, *authheaders, *rfc;
} known[] = {
    {"no-dkim", "spf=pass dkim=fail dmarc=pass",
     "RFC 8601 §2.7.1: dkim=none means the message was not signed; "
     "authheaders says fail for an unsigned message"},
    {"no-dkim-wrong-ip", "spf=fail dkim=fail dmarc=fail",
     "RFC 8601 §2.7.1: unsigned is dkim=none, not fail"},
    {"first-sig-fails", "spf=fail dkim=fail dmarc=fail",
     "RFC 6376 §4.2, §6.1: every signature is evaluated on its own, "
     "checking continues until one verifies; RFC 9989 §5.3.5: DMARC "
     "passes when any authenticated identifier aligns. authheaders "
     "checks only the first DKIM-Signature"},
    {"second-sig-fails", "spf=fail dkim=pass dmarc=pass",
     "RFC 6376 §4.2, §6.1; RFC 8601 §2.7.1: one dkim result per "
     "signature; authheaders reports only the first"},
    {"rsa-sha1", "spf=fail dkim=pass dmarc=pass",
     "RFC 8301 §3.1: verifiers MUST NOT consider rsa-sha1 signatures "
     "valid (an unsupported a=, PERMFAIL by RFC 6376 §6.1.1: A-R "
     "permerror, RFC 8601 §2.7.1); dkimpy still accepts them, so "
     "authheaders' DMARC passes on a signature mav refuses"},
};

static int setup(const char *sdir, const char *srv)
{
    return signed_world_resolver(&px, &dns, sdir, srv, world_now);
}

/* Verify msg[0..len); the A-R field into out. */
static int verify(const uint8_t *msg, size_t len, const char *ip,
                  const char *mail_from, const char *helo, char *out,
                  size_t cap)
{
    return signed_world_verify(&px, &dns, &ver, world_now, ip, helo,
                               mail_from, msg, len, out, cap);
}

#define MAX_CASES 32

static struct {
    char name[64], file[400], ip[48], mail_from[128], helo[128];
    char theirs[256], ours[256];
} cases[MAX_CASES];

/* Split one "a|b|c|d|e|f" line of cases.txt into a case. */
static int parse_case(char *line, unsigned k)
{
    char *f[6];
    unsigned i;

    for (i = 0; i < 6; i++) {
        f[i] = line;
        line = strchr(line, i < 5 ? '|' : '\n');
        if (line == NULL && i < 5)
            return -1;
        if (line)
            *line++ = 0;
    }
    snprintf(cases[k].name, sizeof cases[k].name, "%s", f[0]);
    snprintf(cases[k].file, sizeof cases[k].file, "%s", f[1]);
    snprintf(cases[k].ip, sizeof cases[k].ip, "%s", f[2]);
    snprintf(cases[k].mail_from, sizeof cases[k].mail_from, "%s", f[3]);
    snprintf(cases[k].helo, sizeof cases[k].helo, "%s", f[4]);
    snprintf(cases[k].theirs, sizeof cases[k].theirs, "%s", f[5]);
    return 0;
}

static const char *expected(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof expect / sizeof expect[0]; i++)
        if (strcmp(expect[i].name, name) == 0)
            return expect[i].expect;
    return NULL;
}

static int known_index(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].name, name) == 0)
            return (int)i;
    return -1;
}

void suite_verify_diff(void)
{
    const char *sdir = getenv("MAV_TEST_SIGNED_DIR");
    const char *srv = getenv("MAV_TEST_SIGNED_RECURSOR");
    static char dir[600], path[800], text[16384], msg[65536], field[8192];
    static char cmd_files[MAX_CASES * 700];
    unsigned n = 0, k, agree = 0, listed = 0;
    char *line, *save = NULL;
    long len;

    if (!sdir || !srv) {
        CHECK_L("signed world (run under tools/run-tests)", 0);
        return;
    }
    world_now = signed_world_now(sdir);
    snprintf(dir, sizeof dir, "%s/verify-diff", test_tmpdir());
    if (test_sh("rm -rf '%s' && mkdir -p '%s/ar' && /usr/bin/python3 "
                "tools/authheaders-diff gen '%s' '%s' '%s' >'%s/gen.log' 2>&1",
                dir, dir, sdir, srv, dir, dir) != 0 ||
        setup(sdir, srv) != 0) {
        CHECK_L("messages, authheaders' results and resolver set-up", 0);
        return;
    }
    snprintf(path, sizeof path, "%s/cases.txt", dir);
    len = test_read_file(path, (uint8_t *)text, sizeof text - 1);
    text[len > 0 ? len : 0] = 0;
    for (line = strtok_r(text, "\n", &save); line && n < MAX_CASES;
         line = strtok_r(NULL, "\n", &save)) {
        char buf[1200];
        snprintf(buf, sizeof buf, "%s\n", line);
        if (parse_case(buf, n) == 0)
            n++;
    }
    CHECK_L("authheaders-diff wrote every case",
            n == sizeof expect / sizeof expect[0]);

    /* mav on each message; its fields to files, read in one authres run */
    cmd_files[0] = 0;
    for (k = 0; k < n; k++) {
        FILE *f;
        int rc = -1;
        len = test_read_file(cases[k].file, (uint8_t *)msg, sizeof msg);
        if (len > 0)
            rc = verify((const uint8_t *)msg, (size_t)len, cases[k].ip,
                        cases[k].mail_from, cases[k].helo, field,
                        sizeof field);
        CHECK_L(cases[k].name, rc == MAV_OK);
        if (rc != MAV_OK)
            snprintf(field, sizeof field, "mx.mav.test; none");
        snprintf(path, sizeof path, "%s/ar/%02u.ar", dir, k);
        if ((f = fopen(path, "w")) != NULL) {
            fputs(field, f);
            fclose(f);
        }
        strncat(cmd_files, " '", sizeof cmd_files - strlen(cmd_files) - 1);
        strncat(cmd_files, path, sizeof cmd_files - strlen(cmd_files) - 1);
        strncat(cmd_files, "'", sizeof cmd_files - strlen(cmd_files) - 1);
    }
    mav_posix_close(&px);
    if (n == 0 ||
        test_sh("/usr/bin/python3 tools/authheaders-diff parse%s >'%s/mav.txt'",
                cmd_files, dir) != 0) {
        CHECK_L("authres read mav's fields", 0);
        return;
    }
    snprintf(path, sizeof path, "%s/mav.txt", dir);
    len = test_read_file(path, (uint8_t *)text, sizeof text - 1);
    text[len > 0 ? len : 0] = 0;
    save = NULL;
    line = strtok_r(text, "\n", &save);
    for (k = 0; k < n && line; k++, line = strtok_r(NULL, "\n", &save))
        snprintf(cases[k].ours, sizeof cases[k].ours, "%s", line);

    printf("  %-28s %-40s %-32s %s\n", "case", "mav", "authheaders",
           "verdict");
    for (k = 0; k < n; k++) {
        const char *want = expected(cases[k].name);
        int ki = known_index(cases[k].name);
        int same = strcmp(cases[k].ours, cases[k].theirs) == 0;
        const char *verdict;

        CHECK_L(cases[k].name, want && strcmp(cases[k].ours, want) == 0);
        if (same && ki < 0) {
            verdict = "agree";
            agree++;
        } else if (!same && ki >= 0 &&
                   strcmp(known[ki].authheaders, cases[k].theirs) == 0) {
            verdict = "LISTED";
            listed++;
        } else if (same) {
            verdict = "AGREE, BUT LISTED AS A DISAGREEMENT";
        } else {
            verdict = "DISAGREE (unlisted)";
        }
        CHECK_L(cases[k].name, (same && ki < 0) ||
                                   (!same && ki >= 0 &&
                                    strcmp(known[ki].authheaders,
                                           cases[k].theirs) == 0));
        printf("  %-28s %-40s %-32s %s\n", cases[k].name, cases[k].ours,
               cases[k].theirs, verdict);
        if (!want || strcmp(cases[k].ours, want) != 0)
            printf("    mav should say: %s\n", want ? want : "(no case)");
    }
    printf("  %u cases: %u agree, %u listed disagreements:\n", n, agree,
           listed);
    for (k = 0; k < sizeof known / sizeof known[0]; k++)
        printf("    %-18s %s\n", known[k].name, known[k].rfc);
}
