/* SPDX-License-Identifier: MIT */
/*
 * bench_dns.c - "make bench": mav's DNS message parser timed against
 * ldns (ldns_wire2pkt) in the same run, on real answers captured by
 * tools/capture-dns-wire and read at start from
 * tests/host/vectors/dns_wire.vec (or the .vec file named by argv[1]):
 * a DNSKEY answer with its RRSIG, and a DKIM key TXT answer with its
 * RRSIG, NS and glue, the kind of response a mail verifier waits for.
 *
 * What is timed per iteration:
 *   mav parse       mav_dns_msg_parse: checks every header field, name,
 *                   RR and known RDATA layout, and builds a view;
 *   mav parse+walk  the same, then the question, every RR of every
 *                   section through the iterator (owner decompressed)
 *                   and each RR's typed RDATA (mav_dns_rr_rdata);
 *   ldns            ldns_wire2pkt + ldns_pkt_free: ldns builds heap
 *                   objects for every RR and every RDATA field.
 * ldns touches every field, so the fair comparison, and the one the goal
 * (mav at least 2x ldns) is judged on, is parse+walk against ldns; the
 * parse-only rate is shown beside it.
 *
 * Before timing, both parsers must accept each answer and agree on the
 * number of entries per section, else the run exits with status 1.
 * Timing follows bench_crypto.c: a warm-up, then the contenders take
 * turns for three rounds of MAV_BENCH_SECONDS (default 0.3 s), best
 * round kept. A parse takes a microsecond or so, so the clock is read
 * once per batch of BATCH parses rather than after each.
 *
 * Heap calls are counted by replacing malloc, calloc, realloc and free
 * in this executable (glibc resolves the calls made inside libldns.so to
 * them) and forwarding to glibc's __libc_* entry points: one counter
 * increment per call, the same in every contender's loop. A
 * -Wl,--wrap=malloc would not see the calls made inside a shared ldns.
 * Allocations per parse are measured over one extra parse of each
 * contender outside the timed loops.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldns/ldns.h>

#include "mav_dns.h"
#include "mav_dns_wire.h"
#include "bench_clock.h"
#include "bench_heap.h"

#define ROUNDS 3              /* best of */
#define BATCH 64              /* parses between two clock reads */
#define RATIO_GOAL 2.0        /* min rate(mav parse+walk) / rate(ldns) */
#define DEFAULT_VEC "tests/host/vectors/dns_wire.vec"
#define N_ANSWERS 2

/* The captured answers, by their name in the .vec file. */
static const char *const answer_names[N_ANSWERS] = {
    "wire.test-dnskey",
    "sel._domainkey.wire.test-txt",
};

/* One answer as captured. */
typedef struct {
    const char *vec_name;
    char label[64];                    /* the query, e.g. "wire.test TXT" */
    uint8_t msg[MAV_CFG_DNS_MSG_MAX];
    size_t len;
    unsigned rrs;                      /* RRs in AN, NS and AR, OPT too */
} answer;

/* One timed operation on an answer: returns 0 when it succeeded. */
typedef int (*bench_op)(const answer *a);

typedef struct {
    const char *who;
    bench_op op;
    double rate;         /* best parses per second */
    double allocs;       /* heap calls in one parse */
} contender;

/* Folded from what the walk reads, so that no read can be dropped. */
static volatile uint32_t sink;

/* ---- failure ----------------------------------------------------------- */

static void die(const char *what)
{
    fprintf(stderr, "bench_dns: FATAL: %s\n", what);
    exit(1);
}

/* ---- the answers ------------------------------------------------------- */

static int hex_digit(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Decodes the hex text s (up to a newline or NUL) into a->msg. */
static void set_msg(answer *a, const char *s)
{
    size_t n = 0;
    int hi, lo;

    while (*s != '\0' && *s != '\n') {
        hi = hex_digit((unsigned char)s[0]);
        lo = hi < 0 ? -1 : hex_digit((unsigned char)s[1]);
        if (lo < 0 || n == sizeof a->msg) {
            fprintf(stderr, "bench_dns: FATAL: %s: bad or over-long msg "
                    "hex\n", a->vec_name);
            exit(1);
        }
        a->msg[n++] = (uint8_t)(hi << 4 | lo);
        s += 2;
    }
    a->len = n;
}

/* Copies the query text of a 'query = "..."' line into a->label. */
static void set_label(answer *a, const char *s)
{
    size_t n = 0;

    if (*s == '"')
        s++;
    while (*s != '\0' && *s != '"' && *s != '\n' &&
           n + 1 < sizeof a->label)
        a->label[n++] = *s++;
    a->label[n] = '\0';
}

/*
 * Reads the .vec file: sections "[dns_msg]" of "key = value" lines; the
 * entries whose name is wanted get their query and msg.
 */
static void load_answers(const char *path, answer *ans, int n)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    answer *cur = NULL;
    int i;

    if (f == NULL) {
        fprintf(stderr, "bench_dns: FATAL: cannot open %s (run from the "
                "top of the tree, or name the .vec file)\n", path);
        exit(1);
    }
    while (getline(&line, &cap, f) != -1) {
        if (strncmp(line, "[", 1) == 0) {
            cur = NULL;
        } else if (strncmp(line, "name = ", 7) == 0) {
            line[strcspn(line, "\n")] = '\0';
            cur = NULL;
            for (i = 0; i < n; i++)
                if (strcmp(line + 7, ans[i].vec_name) == 0)
                    cur = &ans[i];
        } else if (cur != NULL && strncmp(line, "query = ", 8) == 0) {
            set_label(cur, line + 8);
        } else if (cur != NULL && strncmp(line, "msg = ", 6) == 0) {
            set_msg(cur, line + 6);
        }
    }
    free(line);
    fclose(f);
    for (i = 0; i < n; i++) {
        if (ans[i].len == 0) {
            fprintf(stderr, "bench_dns: FATAL: no msg for %s in %s\n",
                    ans[i].vec_name, path);
            exit(1);
        }
        if (ans[i].label[0] == '\0')
            snprintf(ans[i].label, sizeof ans[i].label, "%s",
                     ans[i].vec_name);
    }
}

/* ---- the operations ---------------------------------------------------- */

static int mav_parse(const answer *a)
{
    mav_dns_msg m;

    return mav_dns_msg_parse(&m, a->msg, a->len, NULL);
}

/*
 * Parse, then read everything ldns would have built: the question, each
 * RR (owner, type, class, TTL) and its RDATA fields. Returns the number
 * of RRs walked through *rrs when rrs is not NULL.
 */
static int mav_walk_count(const answer *a, unsigned *rrs)
{
    mav_dns_msg m;
    mav_dns_iter it;
    mav_dns_rr rr;
    mav_dns_rdata rd;
    uint8_t qname[MAV_DNS_NAME_MAX];
    size_t qname_len;
    uint16_t qtype, qclass;
    uint32_t acc;
    unsigned n = 0;
    int rc;

    rc = mav_dns_msg_parse(&m, a->msg, a->len, NULL);
    if (rc != MAV_OK)
        return rc;
    rc = mav_dns_msg_question(&m, qname, &qname_len, &qtype, &qclass);
    if (rc != MAV_OK)
        return rc;
    acc = (uint32_t)qname_len + qtype + qclass;
    mav_dns_iter_init(&it, &m, MAV_DNS_SEC_ALL);
    while ((rc = mav_dns_iter_next(&it, &rr)) > 0) {
        acc += rr.owner_len + rr.owner[rr.owner_len - 1] + rr.type +
               rr.rclass + rr.ttl + rr.rdlen;
        rc = mav_dns_rr_rdata(&m, &rr, &rd);
        if (rc != MAV_OK)
            return rc;
        acc += rd.kind + rd.raw_len;
        n++;
    }
    if (rc < 0)
        return rc;
    sink += acc;
    if (rrs != NULL)
        *rrs = n;
    return 0;
}

static int mav_walk(const answer *a)
{
    return mav_walk_count(a, NULL);
}

static int ldns_parse(const answer *a)
{
    ldns_pkt *pkt = NULL;

    if (ldns_wire2pkt(&pkt, a->msg, a->len) != LDNS_STATUS_OK)
        return -1;
    ldns_pkt_free(pkt);
    return 0;
}

/* ---- checks before timing ---------------------------------------------- */

/*
 * Both parsers must accept the answer and see the same entries: mav's
 * header counts are what it walked; ldns takes the OPT RR out of the
 * additional section into the packet's EDNS fields.
 */
static void check_answer(answer *a)
{
    mav_dns_msg m;
    mav_perr perr;
    ldns_pkt *pkt = NULL;
    ldns_status st;
    unsigned ar;
    int rc;

    memset(&perr, 0, sizeof perr);
    rc = mav_dns_msg_parse(&m, a->msg, a->len, &perr);
    if (rc != MAV_OK) {
        fprintf(stderr, "bench_dns: FATAL: mav rejects %s: %s at byte "
                "%lu (%s)\n", a->label, mav_strerror(rc),
                (unsigned long)perr.offset,
                perr.what != NULL ? perr.what : "?");
        exit(1);
    }
    if (mav_walk_count(a, &a->rrs) != 0 ||
        a->rrs != (unsigned)m.count[1] + m.count[2] + m.count[3])
        die("mav's walk does not cover the header counts");
    st = ldns_wire2pkt(&pkt, a->msg, a->len);
    if (st != LDNS_STATUS_OK) {
        fprintf(stderr, "bench_dns: FATAL: ldns rejects %s: %s\n",
                a->label, ldns_get_errorstr_by_id(st));
        exit(1);
    }
    ar = ldns_rr_list_rr_count(ldns_pkt_additional(pkt)) +
         (ldns_pkt_edns(pkt) ? 1u : 0u);
    if (ldns_rr_list_rr_count(ldns_pkt_question(pkt)) != m.count[0] ||
        ldns_rr_list_rr_count(ldns_pkt_answer(pkt)) != m.count[1] ||
        ldns_rr_list_rr_count(ldns_pkt_authority(pkt)) != m.count[2] ||
        ar != m.count[3]) {
        fprintf(stderr, "bench_dns: FATAL: mav and ldns disagree on the "
                "sections of %s\n", a->label);
        exit(1);
    }
    ldns_pkt_free(pkt);
}

/* Heap calls made by one run of op. */
static double count_allocs(const contender *c, const answer *a)
{
    unsigned long before = bench_heap_calls;

    if (c->op(a) != 0)
        die("parse failed while counting allocations");
    return (double)(bench_heap_calls - before);
}

/* ---- timing ------------------------------------------------------------ */

/* Runs op in batches until `seconds` have passed; parses per second. */
static double run_for(const contender *c, const answer *a, double seconds)
{
    double start = bench_now(), elapsed;
    unsigned long count = 0;
    int i;

    do {
        for (i = 0; i < BATCH; i++) {
            if (c->op(a) != 0) {
                fprintf(stderr, "bench_dns: FATAL: %s failed on %s while "
                        "timed\n", c->who, a->label);
                exit(1);
            }
        }
        count += BATCH;
        elapsed = bench_now() - start;
    } while (elapsed < seconds);
    return (double)count / elapsed;
}

/* Warm every contender up, then ROUNDS turns each; keep the best rate. */
static void measure(contender *c, int n, const answer *a, double seconds)
{
    int i, round;
    double rate;

    for (i = 0; i < n; i++) {
        (void)run_for(&c[i], a, seconds / 3);
        c[i].rate = 0;
    }
    for (round = 0; round < ROUNDS; round++) {
        for (i = 0; i < n; i++) {
            rate = run_for(&c[i], a, seconds);
            if (rate > c[i].rate)
                c[i].rate = rate;
        }
    }
}

/* ---- main -------------------------------------------------------------- */

int main(int argc, char **argv)
{
    static answer ans[N_ANSWERS];
    contender c[N_ANSWERS][3];
    double seconds = bench_seconds("bench_dns"), ratio[N_ANSWERS];
    const char *vec = argc > 1 ? argv[1] : DEFAULT_VEC;
    int i, j;

    if (argc > 2) {
        fprintf(stderr, "usage: bench_dns [dns_wire.vec]\n");
        return 2;
    }
    for (i = 0; i < N_ANSWERS; i++)
        ans[i].vec_name = answer_names[i];
    load_answers(vec, ans, N_ANSWERS);

    printf("mav DNS parse benchmark: %.2f s per round, best of %d, "
           "warm-up first\n", seconds, ROUNDS);
    printf("peer: ldns %s (ldns_wire2pkt + ldns_pkt_free)\nanswers "
           "captured by tools/capture-dns-wire, from %s\n", ldns_version(),
           vec);
    for (i = 0; i < N_ANSWERS; i++) {
        check_answer(&ans[i]);
        c[i][0].who = "mav parse";
        c[i][0].op = mav_parse;
        c[i][1].who = "mav parse+walk";
        c[i][1].op = mav_walk;
        c[i][2].who = "ldns";
        c[i][2].op = ldns_parse;
        for (j = 0; j < 3; j++)
            c[i][j].allocs = count_allocs(&c[i][j], &ans[i]);
    }
    printf("\n%-28s %5s %3s %9s %9s %9s %5s %s\n", "answer", "bytes",
           "RRs", "mav parse", "mav +walk", "ldns", "ratio", "alloc");
    fflush(stdout);
    for (i = 0; i < N_ANSWERS; i++) {
        measure(c[i], 3, &ans[i], seconds);
        ratio[i] = c[i][1].rate / c[i][2].rate;
        printf("%-28s %5zu %3u %9.0f %9.0f %9.0f %5.2f %.0f/%.0f\n",
               ans[i].label, ans[i].len, ans[i].rrs, c[i][0].rate,
               c[i][1].rate, c[i][2].rate, ratio[i],
               c[i][0].allocs + c[i][1].allocs, c[i][2].allocs);
        fflush(stdout);
    }
    printf("(parses per second; ratio = mav parse+walk / ldns; alloc = "
           "heap calls per\n parse, mav/ldns; RRs = AN+NS+AR, OPT "
           "included)\n\n");
    for (i = 0; i < N_ANSWERS; i++)
        printf("goal >= %.0fx ldns, %s: %s (ratio %.2f)\n", RATIO_GOAL,
               ans[i].label, ratio[i] >= RATIO_GOAL ? "met" : "not met",
               ratio[i]);

    printf("\nmav RAM, default config (MAV_CFG_DNS_INFLIGHT %d, "
           "MAV_CFG_DNS_QUERIES %d):\n", MAV_CFG_DNS_INFLIGHT,
           MAV_CFG_DNS_QUERIES);
    printf("  resolver context sizeof(mav_dns_ctx): %zu bytes "
           "(cache pool %d of it)\n", sizeof(mav_dns_ctx),
           MAV_CFG_DNS_CACHE_BYTES);
    printf("  per in-flight query: %zu bytes = sizeof(mav_dns_txn) %zu\n"
           "    + sizeof(mav_dns_query) %zu;",
           sizeof(mav_dns_txn) + sizeof(mav_dns_query),
           sizeof(mav_dns_txn), sizeof(mav_dns_query));
    printf(" answers live in the fixed cache\n"
           "    (MAV_CFG_DNS_CACHE_BYTES %d), shared by all\n",
           MAV_CFG_DNS_CACHE_BYTES);
    printf("  stack of a parse: sizeof(mav_dns_msg) %zu, "
           "sizeof(mav_dns_rr) %zu,\n    sizeof(mav_dns_rdata) %zu\n",
           sizeof(mav_dns_msg), sizeof(mav_dns_rr), sizeof(mav_dns_rdata));
    return 0;
}
