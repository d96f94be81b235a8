/* SPDX-License-Identifier: MIT */
/*
 * test_zone_signed.c - the zone port on zones written by the real
 * signing tools: a small zone (wildcard, empty non-terminal, CNAME,
 * DNAME) is signed at test time by ldns-signzone (Ed25519 with NSEC;
 * ECDSA P-256 with salted NSEC3) and by BIND's dnssec-signzone (P-256
 * with NSEC; Ed25519 with NSEC3), into test_tmpdir(). For each output:
 *   - the port's reader must read every RR: the same count and the same
 *     RDATA texts as ldns-read-zone prints;
 *   - the zone is served by a real NSD (tools/dnsworld) and, for queries
 *     with DO that cover each answer kind (RFC 4035 §3.1: data with
 *     RRSIGs, NXDOMAIN and NODATA with their NSEC/NSEC3 proofs, wildcard
 *     and ENT cases, DNAME), the port's answer and authority sections
 *     must hold the same RRs as NSD's (NS records in NSD's authority
 *     section aside: a minimal response leaves them out).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mav_dns_text.h"
#include "test.h"
#include "zone/mav_zone.h"

static mav_zone_port zp;
static mav_zone_reader rd;
static mav_zone_rr rr;
static char text[512 * 1024];
static uint8_t resp[MAV_CFG_DNS_MSG_MAX];

static const char unsigned_zone[] =
    "$ORIGIN sig.test.\n"
    "$TTL 300\n"
    "@      SOA   ns hostmaster 1 3600 600 86400 60\n"
    "@      NS    ns\n"
    "ns     A     127.0.0.1\n"
    "a      A     192.0.2.1\n"
    "a      TXT   \"hello; world\" \"two\"\n"
    "c      CNAME a\n"
    "*.w    A     192.0.2.9\n"
    "x.ent  A     192.0.2.8\n"
    "old    DNAME new.sig.test.\n"
    "h.new  AAAA  2001:db8::4\n";

typedef struct {
    char line[160][1400];
    int n;
} lines;

static int cmp_line(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* "owner ttl type rdata": lowercase, blanks dropped from the RDATA (the
 * tools split base64 differently), so both sides compare as text. */
static void norm(char *out, size_t cap, const char *owner, unsigned long ttl,
                 const char *type, const char *rdata)
{
    size_t n = (size_t)snprintf(out, cap, "%s %lu %s ", owner, ttl, type);
    const char *p;

    for (p = rdata; *p && n + 1 < cap; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n')
            out[n++] = *p;
    out[n < cap ? n : cap - 1] = 0;
    for (p = out; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *(char *)p = (char)(*p + 32);
}

/* Lines "owner ttl class type rdata..." of a file (ldns-read-zone or
 * dig output); with skip_ns, NS and its RRSIG are left out. */
static int read_lines(const char *path, lines *l, int skip_ns, char *status,
                      size_t scap)
{
    static char buf[8192];
    FILE *f = fopen(path, "r");

    l->n = 0;
    if (!f)
        return -1;
    while (fgets(buf, sizeof buf, f)) {
        char owner[300], cls[16], type[16];
        unsigned long ttl;
        int off = 0;
        char *st = strstr(buf, "status: "), *c;
        if (st && status) {
            snprintf(status, scap, "%.*s", (int)strcspn(st + 8, ","), st + 8);
            continue;
        }
        if (buf[0] == ';' || buf[0] == '\n')
            continue;
        if ((c = strstr(buf, ";{")) != NULL) /* ldns's key comments */
            *c = 0;
        if (sscanf(buf, "%299s %lu %15s %15s %n", owner, &ttl, cls, type,
                   &off) != 4 || l->n == 160)
            continue;
        if (skip_ns && (strcmp(type, "NS") == 0 ||
                        (strcmp(type, "RRSIG") == 0 &&
                         strncmp(buf + off, "NS ", 3) == 0)))
            continue;
        norm(l->line[l->n++], sizeof l->line[0], owner, ttl, type,
             buf + off);
    }
    fclose(f);
    qsort(l->line, (size_t)l->n, sizeof l->line[0], cmp_line);
    return 0;
}

static void compare_lines(const char *label, lines *got, lines *want)
{
    int i;

    CHECK_INT(label, got->n, want->n);
    for (i = 0; i < got->n && i < want->n; i++) {
        CHECK_L(label, strcmp(got->line[i], want->line[i]) == 0);
        if (strcmp(got->line[i], want->line[i]) != 0) {
            fprintf(stderr, "  want %s\n  got  %s\n", want->line[i],
                    got->line[i]);
            break;
        }
    }
}

/* Every RR the port's reader gets, as lines. */
static int reader_lines(const char *t, size_t len, lines *l)
{
    char owner[MAV_DNS_NAME_TEXT_MAX], type[16];
    static char rdtext[8192];
    static uint8_t msg[12 + 255 + 10 + MAV_CFG_ZONE_RDATA_MAX];
    mav_perr e = {0, 0, NULL};
    int rc;

    l->n = 0;
    mav_zone_reader_init(&rd, t, len, NULL);
    while ((rc = mav_zone_read(&rd, &rr, &e)) == 1 && l->n < 160) {
        mav_dns_msg m;
        mav_dns_iter it;
        mav_dns_rr x;
        size_t n = 12;
        /* wrap the RR in a message, to print it with the codec */
        memset(msg, 0, 12);
        msg[7] = 1;
        memcpy(msg + n, rr.owner, rr.owner_len);
        n += rr.owner_len;
        msg[n++] = (uint8_t)(rr.type >> 8);
        msg[n++] = (uint8_t)rr.type;
        msg[n++] = 0;
        msg[n++] = 1;
        memset(msg + n, 0, 4);
        n += 4;
        msg[n++] = (uint8_t)(rr.rdlen >> 8);
        msg[n++] = (uint8_t)rr.rdlen;
        memcpy(msg + n, rr.rdata, rr.rdlen);
        n += rr.rdlen;
        rdtext[0] = 0;
        if (mav_dns_msg_parse(&m, msg, n, NULL) == MAV_OK) {
            mav_dns_iter_init(&it, &m, MAV_DNS_SEC_AN);
            if (mav_dns_iter_next(&it, &x) == 1)
                mav_dns_rdata_to_text(&m, &x, rdtext, sizeof rdtext);
        }
        mav_dns_name_to_text(rr.owner, owner, sizeof owner, NULL);
        mav_dns_type_name(rr.type, type, sizeof type);
        norm(l->line[l->n++], sizeof l->line[0], owner, rr.ttl, type, rdtext);
    }
    if (rc != 0) {
        unsigned line, col;
        mav_zone_line_col(t, len, e.offset, &line, &col);
        fprintf(stderr, "  reader: %s at %u:%u\n", e.what ? e.what : "?",
                line, col);
    }
    qsort(l->line, (size_t)l->n, sizeof l->line[0], cmp_line);
    return rc;
}

/* The port's answer and authority sections for a DO query, as lines. */
static int port_lines(const char *name, uint16_t type, lines *l,
                      char *status, size_t scap)
{
    uint8_t q[512], w[MAV_DNS_NAME_MAX];
    size_t qlen, wl, len;
    mav_dns_msg m;
    mav_dns_iter it;
    mav_dns_rr x;
    static char rdtext[8192];
    char owner[MAV_DNS_NAME_TEXT_MAX], t[16];
    static const char *const rcodes[] = {"NOERROR", "FORMERR", "SERVFAIL",
                                         "NXDOMAIN", "NOTIMP", "REFUSED"};

    l->n = 0;
    if (mav_dns_name_from_text(name, strlen(name), NULL, w, &wl) != MAV_OK ||
        mav_dns_query_build(q, sizeof q, 1, w, wl, type, 1, &qlen) != MAV_OK ||
        mav_zone_answer(&zp, q, qlen, 1, resp, sizeof resp, &len) != MAV_OK ||
        mav_dns_msg_parse(&m, resp, len, NULL) != MAV_OK)
        return -1;
    snprintf(status, scap, "%s", m.rcode < 6 ? rcodes[m.rcode] : "?");
    mav_dns_iter_init(&it, &m, MAV_DNS_SEC_ALL);
    while (mav_dns_iter_next(&it, &x) == 1 && l->n < 160) {
        if (x.section == MAV_DNS_SEC_AR)
            continue;
        mav_dns_name_to_text(x.owner, owner, sizeof owner, NULL);
        mav_dns_type_name(x.type, t, sizeof t);
        mav_dns_rdata_to_text(&m, &x, rdtext, sizeof rdtext);
        norm(l->line[l->n++], sizeof l->line[0], owner, x.ttl, t, rdtext);
    }
    qsort(l->line, (size_t)l->n, sizeof l->line[0], cmp_line);
    return 0;
}

static const char *const queries[][2] = {
    {"a.sig.test.", "A"},       {"a.sig.test.", "TXT"},
    {"a.sig.test.", "MX"},      {"c.sig.test.", "A"},
    {"nope.sig.test.", "A"},    {"zzz.sig.test.", "TXT"},
    {"x.w.sig.test.", "A"},     {"x.y.w.sig.test.", "A"},
    {"x.w.sig.test.", "MX"},    {"ent.sig.test.", "A"},
    {"q.x.ent.sig.test.", "A"}, {"h.old.sig.test.", "AAAA"},
    {"sig.test.", "DNSKEY"},    {"sig.test.", "SOA"},
    {"w.sig.test.", "A"},       {"old.sig.test.", "DNAME"},
};

static void against_nsd(const char *dir)
{
    static lines want, got;
    char env[700], auth[64] = "", host[64], out[700], ws[32], gs[32];
    const char *colon;
    size_t i;
    FILE *f;

    if (test_sh("tools/dnsworld start %s/world %s/zones > /dev/null 2>&1",
                dir, dir) != 0) {
        CHECK_L("NSD serves the signed zone", 0);
        return;
    }
    snprintf(env, sizeof env, "%s/world/env", dir);
    if ((f = fopen(env, "r")) != NULL) {
        char line[256];
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "MAV_TEST_AUTH=", 14) == 0)
                snprintf(auth, sizeof auth, "%.*s",
                         (int)strcspn(line + 14, "\n"), line + 14);
        fclose(f);
    }
    colon = strrchr(auth, ':');
    CHECK_L("the world's NSD address", colon != NULL);
    for (i = 0; colon && i < sizeof queries / sizeof queries[0]; i++) {
        char label[1000];
        uint16_t t;
        snprintf(label, sizeof label, "%s: %s %s (DO) vs NSD", dir,
                 queries[i][0], queries[i][1]);
        snprintf(host, sizeof host, "%.*s", (int)(colon - auth), auth);
        snprintf(out, sizeof out, "%s/dig.out", dir);
        if (mav_dns_type_from_name(queries[i][1], &t) != MAV_OK ||
            test_sh("dig +tcp +dnssec +norec +nocookie +time=3 +tries=1 "
                    "-p %s @%s %s %s +noall +comments +answer +authority "
                    "> %s 2>&1",
                    colon + 1, host, queries[i][0], queries[i][1], out) != 0 ||
            read_lines(out, &want, 1, ws, sizeof ws) != 0 ||
            port_lines(queries[i][0], t, &got, gs, sizeof gs) != 0) {
            CHECK_L(label, 0);
            continue;
        }
        CHECK_L(label, strcmp(ws, gs) == 0);
        if (strcmp(ws, gs) != 0)
            fprintf(stderr, "  NSD %s, port %s\n", ws, gs);
        compare_lines(label, &got, &want);
    }
    test_sh("tools/dnsworld stop %s/world > /dev/null 2>&1", dir);
}

/* Sign with one tool, then check the reader and the answers. */
static void one_signer(const char *tag, const char *sign_cmd, int nsec3)
{
    static lines want, got;
    char dir[600], path[700];
    mav_perr e = {0, 0, NULL};
    long len;
    FILE *f;
    int rc;

    snprintf(dir, sizeof dir, "%s/zone-signed-%s", test_tmpdir(), tag);
    test_sh("rm -rf %s && mkdir -p %s/zones", dir, dir);
    snprintf(path, sizeof path, "%s/unsigned.zone", dir);
    if (!(f = fopen(path, "w"))) {
        CHECK_L(tag, 0);
        return;
    }
    fputs(unsigned_zone, f);
    fclose(f);
    rc = test_sh("cd %s && (%s) > sign.log 2>&1", dir, sign_cmd);
    CHECK_L(tag, rc == 0);
    if (rc != 0) {
        test_sh("cat %s/sign.log >&2", dir);
        return;
    }
    snprintf(path, sizeof path, "%s/zones/sig.test.zone", dir);
    len = test_read_file(path, (uint8_t *)text, sizeof text);
    CHECK_L(tag, len > 0);
    if (len <= 0)
        return;

    /* every RR, as ldns-read-zone reads it */
    rc = test_sh("ldns-read-zone %s > %s/ldns.txt 2>&1", path, dir);
    snprintf(path, sizeof path, "%s/ldns.txt", dir);
    CHECK_L(tag, rc == 0 && read_lines(path, &want, 0, NULL, 0) == 0);
    CHECK_INT(tag, reader_lines(text, (size_t)len, &got), 0);
    compare_lines(tag, &got, &want);
    printf("  %s: %d RRs read, as ldns-read-zone\n", tag, got.n);

    mav_zone_init(&zp, 3);
    rc = mav_zone_add(&zp, text, (size_t)len, NULL, &e);
    CHECK_INT(tag, rc, MAV_OK);
    if (rc != MAV_OK)
        return;
    CHECK_INT(tag, zp.zones[0].has_rrsig, 1);
    CHECK_INT(tag, zp.zones[0].has_nsec, !nsec3);
    CHECK_INT(tag, zp.zones[0].has_nsec3, nsec3);
    against_nsd(dir);
}

void suite_zone_signed(void)
{
    one_signer("ldns-ed25519-nsec",
               "k=$(ldns-keygen -a ED25519 -k sig.test) && "
               "z=$(ldns-keygen -a ED25519 sig.test) && "
               "ldns-signzone -f zones/sig.test.zone unsigned.zone $k $z",
               0);
    one_signer("ldns-p256-nsec3",
               "k=$(ldns-keygen -a ECDSAP256SHA256 -k sig.test) && "
               "ldns-signzone -n -a 1 -t 1 -s aabbccdd "
               "-f zones/sig.test.zone unsigned.zone $k",
               1);
    one_signer("bind-p256-nsec",
               "dnssec-keygen -q -K . -a ECDSAP256SHA256 -f KSK -n ZONE "
               "sig.test && dnssec-keygen -q -K . -a ECDSAP256SHA256 -n ZONE "
               "sig.test && dnssec-signzone -q -S -K . -o sig.test "
               "-f zones/sig.test.zone unsigned.zone",
               0);
    one_signer("bind-ed25519-nsec3",
               "dnssec-keygen -q -K . -a ED25519 -f KSK -n ZONE sig.test && "
               "dnssec-signzone -q -S -z -K . -o sig.test -3 - -H 0 "
               "-f zones/sig.test.zone unsigned.zone",
               1);
}
