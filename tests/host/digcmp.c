/* SPDX-License-Identifier: MIT */
/*
 * digcmp.c - mav's answers against dig's (see digcmp.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digcmp.h"
#include "mav_dns_text.h"

const char *const digcmp_names[][2] = {
    {"a4.mav.test.", "A"},          {"a6.mav.test.", "AAAA"},
    {"both.mav.test.", "AAAA"},     {"multi-a.mav.test.", "A"},
    {"MAIL1.Mav.TEST.", "A"},       {"txt.mav.test.", "TXT"},
    {"txt-multi.mav.test.", "TXT"}, {"txt-set.mav.test.", "TXT"},
    {"txt-empty.mav.test.", "TXT"}, {"txt-escape.mav.test.", "TXT"},
    {"txt-long.mav.test.", "TXT"},  {"txt-big.mav.test.", "TXT"},
    {"mx.mav.test.", "MX"},         {"nullmx.mav.test.", "MX"},
    {"ptr.mav.test.", "PTR"},       {"32.2.0.192.in-addr.arpa.", "PTR"},
    {"9.2.0.192.in-addr.arpa.", "PTR"},
    {"chain-a.mav.test.", "A"},     {"chain-a.mav.test.", "CNAME"},
    {"cname-out.mav.test.", "A"},   {"cname-dangling.mav.test.", "A"},
    {"old.mav.test.", "DNAME"},     {"host.old.mav.test.", "A"},
    {"gone.old.mav.test.", "A"},    {"mav.test.", "SOA"},
    {"mav.test.", "NS"},            {"child.mav.test.", "NS"},
    {"nope.mav.test.", "A"},        {"a4.mav.test.", "MX"},
    {"ent.mav.test.", "A"},         {"x.wild.mav.test.", "TXT"},
    {"x.wild.mav.test.", "MX"},     {"www.other.test.", "A"},
};
const unsigned digcmp_count = sizeof digcmp_names / sizeof digcmp_names[0];

#define MAX_LINES 24

/* An answer set as sorted presentation-format lines. */
typedef struct {
    char line[MAX_LINES][1200];
    int n;
} lines;

static int cmp_line(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* dig's view: status from the header comment, RDATA of the asked type
 * from the answer section ("owner ttl class type rdata"). */
static int dig(const char *server, const char *name, const char *type,
               char *status, size_t cap, lines *out)
{
    char host[64], cmd[2048], buf[1200];
    const char *colon = strrchr(server, ':');
    FILE *f;

    if (!colon || (size_t)(colon - server) >= sizeof host)
        return -1;
    snprintf(host, sizeof host, "%.*s", (int)(colon - server), server);
    snprintf(cmd, sizeof cmd,
             "dig +time=3 +tries=1 +nocookie -p %s @%s %s %s"
             " +noall +comments +answer 2>&1",
             colon + 1, host, name, type);
    fflush(NULL);
    if (!(f = popen(cmd, "r")))
        return -1;
    status[0] = 0;
    out->n = 0;
    while (fgets(buf, sizeof buf, f)) {
        char owner[300], cls[16], t[16], *st = strstr(buf, "status: ");
        unsigned long ttl;
        int off = 0;
        if (st) {
            snprintf(status, cap, "%.*s", (int)strcspn(st + 8, ","), st + 8);
            continue;
        }
        if (buf[0] == ';' || buf[0] == '\n')
            continue;
        if (sscanf(buf, "%299s %lu %15s %15s %n", owner, &ttl, cls, t,
                   &off) == 4 && strcmp(t, type) == 0 && out->n < MAX_LINES) {
            buf[strcspn(buf, "\n")] = 0;
            snprintf(out->line[out->n++], sizeof out->line[0], "%s",
                     buf + off);
        }
    }
    if (pclose(f) != 0)
        return -1;
    qsort(out->line, (size_t)out->n, sizeof out->line[0], cmp_line);
    return 0;
}

/* The RCODE dig shows for a mav status. */
static const char *rcode_of(mav_dns_status s)
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

int digcmp_compare(mav_dns_ctx *dns, digcmp_resolve_fn resolve, void *arg,
                   const char *server, const char *name, const char *type,
                   const char *who)
{
    static lines want, got;
    char status[32];
    mav_dns_handle h = 0;
    mav_dns_result r;
    uint16_t t;
    int i, diffs = 0;

    if (mav_dns_type_from_name(type, &t) != MAV_OK ||
        dig(server, name, type, status, sizeof status, &want) != 0)
        return -1;
    memset(&r, 0, sizeof r);
    resolve(arg, name, t, &h, &r);
    got.n = 0;
    if (r.status == MAV_DNS_ANSWER) {
        mav_dns_answer a;
        mav_dns_rr rr;
        if (mav_dns_answer_init(dns, h, &a) == MAV_OK)
            while (mav_dns_answer_next(&a, &rr) == 1 && got.n < MAX_LINES)
                mav_dns_rdata_to_text(&a.msg, &rr, got.line[got.n++],
                                      sizeof got.line[0]);
    }
    mav_dns_release(dns, h);
    qsort(got.line, (size_t)got.n, sizeof got.line[0], cmp_line);
    if (strcmp(status, rcode_of(r.status)) != 0) {
        fprintf(stderr, "  %s %s: dig %s, %s %s (%s)\n", name, type, status,
                who, mav_dns_status_str(r.status), mav_strerror(r.err));
        diffs++;
    }
    if (got.n != want.n) {
        fprintf(stderr, "  %s %s: dig %d RRs, %s %d\n", name, type, want.n,
                who, got.n);
        diffs++;
    }
    for (i = 0; i < got.n && i < want.n; i++)
        if (strcmp(got.line[i], want.line[i]) != 0) {
            fprintf(stderr, "  %s %s:\n    dig:  %s\n    %s: %s\n", name,
                    type, want.line[i], who, got.line[i]);
            diffs++;
        }
    return diffs;
}
