/* SPDX-License-Identifier: MIT */
/*
 * test_verify_matrix.c - the whole verifier (mav_verify.h) end to end
 * over the real DNS servers of the signed test world (tests/world-signed,
 * NSD behind Unbound; tools/run-tests sets MAV_TEST_SIGNED_DIR and
 * MAV_TEST_SIGNED_RECURSOR): every SPF x DKIM outcome (pass, fail, none
 * each) for each DMARC situation below, in the DNSSEC-signed zone
 * matrix.test and in the unsigned zone matrix-insecure.test, which
 * tools/make-signed-world fills with the same names (MATRIX_DMARC and
 * MATRIX_SENDERS there).
 *
 * A cell is: SPF pass (client 192.0.2.1, inside the MAIL FROM domain's
 * "ip4:192.0.2.0/24 -all"), fail (198.51.100.7, outside it) or none
 * (MAIL FROM at nospf.<zone>, which has no SPF record); DKIM pass (a
 * signature made now by dkimpy with the world's keys, d= as the row
 * says), fail (the same message, one body byte changed) or none
 * (unsigned). The expected spf, dkim and dmarc results, the policy.dmarc
 * disposition and the DNSSEC comment of each result are written here
 * from the RFCs, never taken from mav: the row gives, from RFC 9989,
 * whether a passing SPF or DKIM identifier aligns and which policy a
 * failure gets; the cell passes DMARC when a passing identifier aligns
 * (RFC 9989 §5.3.5). Every field is read back by python3-authres
 * (authres_read.h). Section numbers of RFC 9989 are those of
 * draft-ietf-dmarc-dmarcbis-41, the text it took.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "authres_read.h"
#include "mav_posix.h"
#include "mav_verify.h"
#include "signed_world.h"
#include "test.h"

/* One DMARC situation. Names are relative to the zone. */
typedef struct {
    const char *name;
    const char *from; /* the author domain (RFC5322.From) */
    const char *ids;  /* the MAIL FROM domain, and the DKIM d= */
    /* would a passing SPF (DKIM) identifier align? (§4.4, §4.10.2) */
    int spf_aligns, dkim_aligns;
    /* the disposition of a failing message (§4.7, §4.10.1); NULL: no
     * DMARC Policy Record applies, dmarc=none (§4.10.1) */
    const char *on_fail;
    const char *rfc; /* why */
} matrix_row;

/* The records (tools/make-signed-world, MATRIX_DMARC):
 *   _dmarc.org       p=reject; sp=quarantine; np=none
 *   _dmarc.mid.org   p=none
 *   _dmarc.dept.org  p=quarantine; psd=n
 *   _dmarc.strict    p=reject; sp=quarantine; adkim=s; aspf=s
 *   _dmarc.mixed     p=reject; adkim=s
 *   _dmarc.t         p=reject; sp=quarantine; t=y
 *   _dmarc.fb        p=quarantine
 *   _dmarc.fbsp      p=none; sp=reject
 *   _dmarc.psd       p=reject; sp=quarantine; np=reject; psd=y
 *   _dmarc.own.psd   p=none
 * and none at the zone apex, at "test" or at the root. ghost.* names do
 * not exist (NXDOMAIN); txt.org has only a TXT RRset; ent.org is an
 * empty non-terminal (x.ent.org A). */
static const matrix_row rows[] = {
    {"org-identical", "org", "org", 1, 1, "reject",
     "§4.4 strict alignment: identical; §4.10.1: p of the author's own "
     "record"},
    {"org-relaxed-ids", "org", "sub.org", 1, 1, "reject",
     "§4.4, §4.10.2 rule 3: sub.org's Organizational Domain is org"},
    {"sub-author", "sub.org", "org", 1, 1, "quarantine",
     "§4.10.1: an existing subdomain of the Organizational Domain gets sp"},
    {"np-nxdomain", "ghost.org", "org", 1, 1, "none",
     "§4.10.1, §4.7 np, §3.2.13: the author domain is NXDOMAIN, np=none"},
    {"exists-txt-only", "txt.org", "org", 1, 1, "quarantine",
     "Appendix A.4: any RR makes a domain exist (a TXT alone), so sp, "
     "not np"},
    {"exists-ent", "ent.org", "org", 1, 1, "quarantine",
     "Appendix A.4, RFC 8020: NODATA at an empty non-terminal is not "
     "NXDOMAIN, so sp"},
    {"strict-identical", "strict", "strict", 1, 1, "reject",
     "§4.7 adkim=s aspf=s: identical domains align"},
    {"strict-sub-ids", "strict", "sub.strict", 0, 0, "reject",
     "§4.7 adkim=s aspf=s, §4.4: a subdomain does not align strictly"},
    {"strict-sub-author", "sub.strict", "strict", 0, 0, "quarantine",
     "§4.4 strict: the parent does not align; §4.10.1: sp"},
    {"mixed-modes", "mixed", "sub.mixed", 1, 0, "reject",
     "§4.7: aspf defaults to r (relaxed SPF aligns), adkim=s (DKIM does "
     "not)"},
    {"testing-p", "t", "t", 1, 1, "quarantine",
     "§4.7 t=y: p=reject is applied one level lower, quarantine"},
    {"testing-sp", "sub.t", "t", 1, 1, "none",
     "§4.7 t=y: sp=quarantine is applied one level lower, none"},
    {"p-for-subdomain", "sub.fb", "fb", 1, 1, "quarantine",
     "§4.7 sp: absent, p applies to subdomains"},
    {"p-for-nxdomain", "ghost.fb", "fb", 1, 1, "quarantine",
     "§4.7 np: absent and sp absent, p applies to non-existent ones"},
    {"sp-for-nxdomain", "ghost.fbsp", "fbsp", 1, 1, "reject",
     "§4.7 np: absent, sp applies to non-existent subdomains"},
    {"monitoring", "fbsp", "fbsp", 1, 1, "none",
     "§4.7 p=none (§3.2.12 Monitoring Mode): fail, nothing applied"},
    {"walk-skips-mid", "x.mid.org", "org", 1, 1, "quarantine",
     "§4.10.1: the record applied is the Organizational Domain's (org: "
     "§4.10.2 rule 3, fewest labels), not mid.org's p=none found on the "
     "way; x.mid.org exists, so org's sp"},
    {"psd-n-unaligned", "mail.dept.org", "org", 0, 0, "quarantine",
     "§4.10.2 rule 1: psd=n makes dept.org the Organizational Domain, "
     "org no longer aligns; §4.10.1: dept.org's p for its subdomain"},
    {"psd-n-aligned", "mail.dept.org", "dept.org", 1, 1, "quarantine",
     "§4.10.2 rule 1: both walks end at dept.org (psd=n)"},
    {"psd-registrant", "reg.psd", "reg.psd", 1, 1, "quarantine",
     "§4.10.1: no record at reg.psd or its Organizational Domain (reg.psd "
     "itself, §4.10.2 rule 2), so the PSD's, and sp for a subdomain"},
    {"psd-relaxed", "mail.reg.psd", "reg.psd", 1, 1, "quarantine",
     "§4.10.2 rule 2: psd=y at psd makes reg.psd the Organizational Domain "
     "of mail.reg.psd and of reg.psd"},
    {"psd-sibling", "reg.psd", "other.psd", 0, 0, "quarantine",
     "§4.10.2 rule 2: reg.psd and other.psd are two Organizational "
     "Domains under the PSD, not one (fewest labels would say psd)"},
    {"psd-nxdomain", "ghost.psd", "reg.psd", 0, 0, "reject",
     "§4.10.2 rule 2: ghost.psd is its own Organizational Domain; "
     "§4.10.1: NXDOMAIN, the PSD's np"},
    {"psd-own-record", "sub.own.psd", "own.psd", 1, 1, "none",
     "§4.10.1: own.psd, the Organizational Domain, has a record (p=none): "
     "PSD policy is not used for it"},
    {"no-record", "norec", "norec", 1, 1, NULL,
     "§4.10.1: no record on the whole walk, DMARC does not apply"},
};
#define N_ROWS (sizeof rows / sizeof rows[0])

static const struct {
    const char *zone, *dnssec; /* the zone, the verdict of its answers */
} zones[] = {{"matrix.test", "secure"}, {"matrix-insecure.test", "insecure"}};
#define N_ZONES (sizeof zones / sizeof zones[0])

static const char *const outcome[3] = {"pass", "fail", "none"};
#define N_CELLS (N_ZONES * N_ROWS * 9)

/* A verification must not wait on an idle resolver (mav_verify.h step
 * 4: a pending poll leaves the lookups it waits for under way): each
 * cell checks that it did not. So that
 * such a defect does not hide the results, a cell is still polled on,
 * this many times, before it counts as stuck. */
#define MAX_IDLE_POLLS 16

static const char good_ip[] = "192.0.2.1";     /* in ip4:192.0.2.0/24 */
static const char bad_ip[] = "198.51.100.7";   /* outside it */

static mav_posix px;
static mav_dns_ctx dns;
static mav_verify_ctx ver;

/* One cell's field and what it must read as. */
static struct {
    char label[160];
    char field[1024];
    char want_results[64], want_policy[16], want_dnssec[96];
    int verified;
    unsigned idle_polls; /* polls it took with the resolver idle */
} cells[N_CELLS];
static const char *field_ptrs[N_CELLS];
static authres_reading got[N_CELLS];

/* The message of row r in zone z: signed (d= the row's ids) or not. */
static void message_name(char *out, size_t cap, size_t z, size_t r,
                         int signed_msg)
{
    snprintf(out, cap, "%s-%s-%s", zones[z].zone, rows[r].name,
             signed_msg ? "signed" : "unsigned");
}

/* The list make-signed-mail --list signs: RSA (sel) and Ed25519 (ed)
 * take turns, so both key types run through every kind of row. */
static int write_sign_list(const char *path)
{
    FILE *f = fopen(path, "w");
    char name[200];
    size_t z, r;

    if (!f)
        return -1;
    for (z = 0; z < N_ZONES; z++)
        for (r = 0; r < N_ROWS; r++) {
            message_name(name, sizeof name, z, r, 1);
            fprintf(f, "%s|%s.%s|%s.%s|%s\n", name, rows[r].from,
                    zones[z].zone, rows[r].ids, zones[z].zone,
                    r % 2 ? "sel" : "ed");
            message_name(name, sizeof name, z, r, 0);
            fprintf(f, "%s|%s.%s|-|ed\n", name, rows[r].from, zones[z].zone);
        }
    fclose(f);
    return 0;
}

/* Fill the expectations of one cell (RFC 9989 §5.3.5, RFC 8601 §2.7). */
static void expect_cell(size_t c, size_t z, size_t r, int spf, int dkim)
{
    const matrix_row *row = &rows[r];
    const char *dmarc, *policy;
    int aligned = (spf == 0 && row->spf_aligns) ||
                  (dkim == 0 && row->dkim_aligns);

    if (!row->on_fail)
        dmarc = "none";
    else
        dmarc = aligned ? "pass" : "fail";
    /* policy.dmarc (RFC 9989 §9.1): the policy applied; nothing is
     * applied to a message that passes or that no record covers */
    policy = strcmp(dmarc, "fail") == 0 ? row->on_fail : "none";
    snprintf(cells[c].want_results, sizeof cells[c].want_results,
             "spf=%s dkim=%s dmarc=%s", outcome[spf], outcome[dkim], dmarc);
    snprintf(cells[c].want_policy, sizeof cells[c].want_policy, "%s",
             policy);
    /* spf and dmarc rest on answers from the zone, so each carries its
     * verdict; dkim only when it passed: a body hash that does not match
     * fails the signature before its key matters (RFC 6376 §6.1.3), and
     * an unsigned message has no key lookup */
    snprintf(cells[c].want_dnssec, sizeof cells[c].want_dnssec,
             "spf=%s dkim=%s dmarc=%s", zones[z].dnssec,
             dkim == 0 ? zones[z].dnssec : "-", zones[z].dnssec);
    snprintf(cells[c].label, sizeof cells[c].label, "%s %s spf=%s dkim=%s",
             zones[z].zone, row->name, outcome[spf], outcome[dkim]);
}

/* Verify one cell; its field into cells[c]. */
static void run_cell(size_t c, const char *dir, int64_t now, size_t z,
                     size_t r, int spf, int dkim)
{
    static uint8_t msg[16384];
    char name[200], path[700], mail_from[300];
    long n;

    message_name(name, sizeof name, z, r, dkim != 2);
    snprintf(path, sizeof path, "%s/msgs/%s.eml", dir, name);
    n = test_read_file(path, msg, sizeof msg);
    if (n < 8)
        return;
    if (dkim == 1)
        msg[n - 3] ^= 0x01; /* "matrix." -> "matrix/": body hash differs */
    snprintf(mail_from, sizeof mail_from, "joe@%s.%s",
             spf == 2 ? "nospf" : rows[r].ids, zones[z].zone);
    cells[c].verified =
        signed_world_verify_idle(&px, &dns, &ver, now,
                                 spf == 1 ? bad_ip : good_ip,
                                 "mail.example.net", mail_from, msg,
                                 (size_t)n, cells[c].field,
                                 sizeof cells[c].field, MAX_IDLE_POLLS,
                                 &cells[c].idle_polls) == MAV_OK;
}

void suite_verify_matrix(void)
{
    const char *sdir = getenv("MAV_TEST_SIGNED_DIR");
    const char *srv = getenv("MAV_TEST_SIGNED_RECURSOR");
    static char dir[400], list[500];
    struct timespec t0, t1;
    unsigned long failed_before = test_failed;
    unsigned long cells_failed = 0;
    int64_t now;
    size_t z, r, c = 0;
    int spf, dkim;

    if (!sdir || !srv) {
        CHECK_L("signed world (run under tools/run-tests)", 0);
        return;
    }
    now = signed_world_now(sdir);
    snprintf(dir, sizeof dir, "%s/verify-matrix", test_tmpdir());
    snprintf(list, sizeof list, "%s/sign.txt", dir);
    if (test_sh("mkdir -p '%s/msgs'", dir) != 0 ||
        write_sign_list(list) != 0 ||
        test_sh("tests/dkim/make-signed-mail --list '%s' '%s' '%s'", sdir,
                list, dir) != 0 ||
        signed_world_resolver(&px, &dns, sdir, srv, now) != 0) {
        CHECK_L("matrix messages and resolver set-up", 0);
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (z = 0; z < N_ZONES; z++)
        for (r = 0; r < N_ROWS; r++)
            for (spf = 0; spf < 3; spf++)
                for (dkim = 0; dkim < 3; dkim++, c++) {
                    expect_cell(c, z, r, spf, dkim);
                    run_cell(c, dir, now, z, r, spf, dkim);
                    field_ptrs[c] = cells[c].field;
                }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK_L("authres reads the matrix's fields",
            authres_read(field_ptrs, N_CELLS, got) == 0);
    for (c = 0; c < N_CELLS; c++) {
        unsigned long before = test_failed;
        CHECK_L(cells[c].label, cells[c].verified);
        CHECK_L(cells[c].label, cells[c].idle_polls == 0);
        CHECK_L(cells[c].label,
                strcmp(got[c].results, cells[c].want_results) == 0);
        CHECK_L(cells[c].label,
                strcmp(got[c].policy, cells[c].want_policy) == 0);
        CHECK_L(cells[c].label,
                strcmp(got[c].dnssec, cells[c].want_dnssec) == 0);
        if (test_failed != before) {
            cells_failed++;
            fprintf(stderr,
                    "  RFC 9989 %s\n  want %s policy.dmarc=%s (%s)\n"
                    "  read %s policy.dmarc=%s (%s)%s\n%s\n",
                    rows[(c / 9) % N_ROWS].rfc, cells[c].want_results,
                    cells[c].want_policy,
                    cells[c].want_dnssec, got[c].results, got[c].policy,
                    got[c].dnssec,
                    cells[c].idle_polls ? "; pending with its resolver idle"
                                        : "",
                    cells[c].field);
        }
    }
    printf("  matrix: %lu cells (%lu zones x %lu DMARC rows x SPF 3 x "
           "DKIM 3), %lu failed, %lu checks failed; verification %.2f s\n",
           (unsigned long)N_CELLS, (unsigned long)N_ZONES,
           (unsigned long)N_ROWS, cells_failed, test_failed - failed_before,
           (double)(t1.tv_sec - t0.tv_sec) +
               (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    mav_posix_close(&px);
}
