/* SPDX-License-Identifier: MIT */
/*
 * bench_dnssec.c - "make bench": mav's DNSSEC validator (issue #4) timed
 * with every answer already in hand, against ldns in the same run.
 *
 * The signed world of tools/make-signed-world (OUTDIR as argv[1], by
 * default build/bench/signed) is loaded into the zone port: the private
 * root ".", the TLD "test." and the leaf zones alg8.test, alg13.test and
 * alg15.test (the port holds MAV_CFG_ZONE_MAX zones, so only the ones
 * these chains touch), and root.ds is the trust anchor. Each chain is
 * root (RSASHA256, 2048-bit KSK) -> test (ECDSAP256SHA256) -> the leaf,
 * whose algorithm is the one named in the table: one TLD serves all
 * three, so only the leaf's signatures differ between the rows.
 *
 * What is timed, per leaf, for www.<leaf> A:
 *   cold        a lookup through the full resolver and validator with
 *               the cache flushed: the answer, then DNSKEY ., DS test,
 *               DNSKEY test, DS <leaf>, DNSKEY <leaf>, each asked of the
 *               zone port and validated;
 *   cold noval  the same questions asked with validation off (the zone
 *               port's answering and the resolver's own work);
 *   warm        the lookup again with the validated DS and DNSKEY
 *               answers kept (handles held on them, so a flush drops
 *               only the answer): one question, one signature check;
 *   warm noval  the same lookup with validation off;
 *   verify      one mav_dnssec_verify_rrset of the answer RRset with
 *               its RRSIG against the leaf's DNSKEY RRset;
 *   crypto      the bare primitive on the same signature: digest
 *               computed beforehand, then mav_rsa_pkcs1_verify or
 *               mav_ecdsa_p256_verify; mav_ed25519_verify over the
 *               signed data (it hashes, as any Ed25519 verify must);
 *   ldns cold   the same six RRsets verified with
 *               ldns_verify_rrsig_keylist_time, each DNSKEY RRset's
 *               trusted keys picked by ldns_rr_compare_ds against the
 *               (verified) DS RRset or the anchor;
 *   ldns warm   ldns_verify_rrsig_keylist_time of the answer RRset.
 * The zone port parses zone text for every query it answers: that is
 * the test harness, not the validator. So the validator's cost of a
 * warm answer is warm - warm noval, and the goal of issue #4 ("one
 * signature verification plus under 10% overhead over the bare crypto
 * call") is judged on (warm - warm noval - crypto) / crypto.
 * ldns verifies with OpenSSL, mav with Mbed TLS and its own Ed25519: the
 * ldns columns compare whole validators, crypto included.
 *
 * Before timing, each lookup must end SECURE (UNCHECKED with validation
 * off) with an answer, else the run exits with status 1; the questions
 * the validator asked and the signature checks it made are printed.
 * Timing follows bench_crypto.c: a warm-up, then the contenders take
 * turns for three rounds of MAV_BENCH_SECONDS (default 0.3 s), the best
 * round kept. Each operation is timed on its own (two clock reads, tens
 * of nanoseconds, against tens of microseconds), so that the untimed
 * preparation (a cache flush) stays out, and a round's figure is the
 * median operation: the goal is judged on a difference of a few
 * microseconds between two lookups of 100-250 us, which means of rounds
 * shared with other jobs on the machine moved by +-5 us from run to
 * run. Nothing is asserted about speed. MAV_BENCH_DNSSEC_ALG=8 (13, 15)
 * runs one row only, e.g. under valgrind --tool=callgrind.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldns/ldns.h>

#include "mav_crypto.h"
#include "mav_dns.h"
#include "mav_dns_text.h"
#include "mav_dnssec.h"
#include "zone/mav_zone.h"
#include "bench_clock.h"

#define ROUNDS 3              /* best of */
#define OVERHEAD_GOAL 10.0    /* max % of a warm answer over bare crypto */
#define DEFAULT_DIR "build/bench/signed"
#define N_ZONES 5
#define N_LEAVES 3
#define MAX_QUESTIONS 16      /* questions one cold lookup may ask */
#define RUN_LIMIT_MS 10000    /* virtual time a lookup may take */
#define SIGNED_MAX 4096       /* signed data of one small RRset */
#define MAX_SAMPLES (1u << 20) /* operations timed in one round */

/* The zones the chains touch, root first; the leaves are the last 3. */
static const char *const zone_names[N_ZONES] = {
    ".", "test", "alg8.test", "alg13.test", "alg15.test",
};

/* ---- failure ----------------------------------------------------------- */

static void die(const char *what)
{
    fprintf(stderr, "bench_dnssec: FATAL: %s\n", what);
    exit(1);
}

static void die2(const char *what, const char *detail)
{
    fprintf(stderr, "bench_dnssec: FATAL: %s: %s\n", what, detail);
    exit(1);
}

/* ---- files ------------------------------------------------------------- */

/* The whole file dir/name, NUL-terminated, in a heap buffer. */
static char *read_file(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    FILE *f;
    char *buf;
    long n;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (f == NULL)
        die2("cannot open (run tools/make-signed-world DIR first)", path);
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0)
        die2("cannot size", path);
    buf = malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
        die2("cannot read", path);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void zone_file_name(const char *zone, char *out, size_t cap)
{
    if (strcmp(zone, ".") == 0)
        snprintf(out, cap, "zones/root.zone");
    else
        snprintf(out, cap, "zones/%s.zone", zone);
}

static void wire_name(const char *text, uint8_t *out, size_t *len)
{
    if (mav_dns_name_from_text(text, strlen(text), NULL, out, len) !=
        MAV_OK)
        die2("bad name", text);
}

/* ---- the zone port, with the questions it is asked logged -------------- */

static mav_zone_port zp;
static struct mav_port zone_methods; /* the port's own, as mav_zone_init
                                      * made them */
static struct mav_port logged_port;  /* what the resolvers are given */
static mav_zone_reader anchor_rd;
static mav_zone_rr anchor_rr;
static char *anchor_text;
static size_t anchor_len;
static int64_t world_now;

static int log_on;
static unsigned n_sent;
static unsigned n_logged;
static char logged[MAX_QUESTIONS][MAV_DNS_NAME_TEXT_MAX + 16];
static uint8_t logged_name[MAX_QUESTIONS][MAV_DNS_NAME_MAX];
static size_t logged_len[MAX_QUESTIONS];
static uint16_t logged_type[MAX_QUESTIONS];

static void log_query(const uint8_t *pkt, size_t len)
{
    mav_dns_msg m;
    uint8_t name[MAV_DNS_NAME_MAX];
    size_t name_len;
    uint16_t type, qclass;
    char text[MAV_DNS_NAME_TEXT_MAX], tname[16];

    if (n_logged == MAX_QUESTIONS ||
        mav_dns_msg_parse(&m, pkt, len, NULL) != MAV_OK ||
        mav_dns_msg_question(&m, name, &name_len, &type, &qclass) != MAV_OK ||
        mav_dns_name_to_text(name, text, sizeof text, NULL) != MAV_OK)
        die("cannot log a query");
    mav_dns_type_name(type, tname, sizeof tname);
    snprintf(logged[n_logged], sizeof logged[0], "%s %s", text, tname);
    memcpy(logged_name[n_logged], name, name_len);
    logged_len[n_logged] = name_len;
    logged_type[n_logged] = type;
    n_logged++;
}

/* The zone port's udp_send, counting (and when asked, logging) queries. */
static int counted_udp_send(void *user, unsigned slot, const uint8_t *pkt,
                            size_t len)
{
    n_sent++;
    if (log_on)
        log_query(pkt, len);
    return zone_methods.udp_send(user, slot, pkt, len);
}

static void load_world(const char *dir)
{
    static const uint8_t root[1] = {0};
    char file[300];
    uint8_t origin[MAV_DNS_NAME_MAX];
    size_t len, olen;
    mav_perr e;
    char *text, *end;
    unsigned i, line, col;
    int rc;

    mav_zone_init(&zp, 1);
    text = read_file(dir, "now", &len);
    world_now = strtoll(text, &end, 10);
    if (end == text || world_now <= 0)
        die2("bad time in", "now");
    free(text);
    zp.unix_time = world_now;
    for (i = 0; i < N_ZONES; i++) {
        zone_file_name(zone_names[i], file, sizeof file);
        text = read_file(dir, file, &len); /* kept: the port borrows it */
        if (strcmp(zone_names[i], ".") == 0)
            memcpy(origin, root, 1);
        else
            wire_name(zone_names[i], origin, &olen);
        memset(&e, 0, sizeof e);
        rc = mav_zone_add(&zp, text, len, origin, &e);
        if (rc != MAV_OK) {
            mav_zone_line_col(text, len, e.offset, &line, &col);
            fprintf(stderr, "bench_dnssec: FATAL: %s:%u:%u: %s (%s)\n",
                    file, line, col, e.what != NULL ? e.what : "?",
                    mav_strerror(rc));
            exit(1);
        }
    }
    anchor_text = read_file(dir, "root.ds", &anchor_len);
    zone_methods = zp.port;
    logged_port = zp.port;
    logged_port.udp_send = counted_udp_send;
}

/* ---- mav: resolvers ---------------------------------------------------- */

/* Cold (flushed), warm (keys held), validation off. */
static mav_dns_ctx r_cold, r_warm, r_off;

static void resolver_setup(mav_dns_ctx *r, int validate)
{
    mav_addr any;
    mav_perr e;
    int rc;

    memset(&any, 0, sizeof any);
    any.family = 4;
    any.addr[0] = 127;
    any.addr[3] = 1;
    any.port = 53;
    if (mav_dns_init(r, &logged_port) != MAV_OK ||
        mav_dns_add_server(r, &any) != MAV_OK)
        die("mav_dns_init");
    if (!validate) {
        if (mav_dns_set_trust_anchors(r, NULL, 0) != MAV_OK)
            die("mav_dns_set_trust_anchors(NULL)");
        return;
    }
    memset(&e, 0, sizeof e);
    rc = mav_zone_trust_anchors(r, &anchor_rd, &anchor_rr, anchor_text,
                                anchor_len, &e);
    if (rc != MAV_OK)
        die2("root.ds", e.what != NULL ? e.what : mav_strerror(rc));
}

/*
 * One lookup to the end; the handle is released unless h_keep is given.
 * Returns the result; the caller checks it.
 */
static mav_dns_result resolve(mav_dns_ctx *r, const uint8_t *name,
                              size_t len, uint16_t type,
                              mav_dns_handle *h_keep)
{
    mav_dns_handle h;
    mav_dns_result res;
    int rc;

    rc = mav_dns_lookup(r, name, len, type, &h);
    if (rc == MAV_PENDING)
        rc = mav_zone_run(&zp, RUN_LIMIT_MS);
    if (rc != MAV_OK)
        die2("lookup", mav_strerror(rc));
    if (mav_dns_get_result(r, h, &res) != MAV_OK)
        die("mav_dns_get_result");
    if (h_keep != NULL)
        *h_keep = h;
    else
        mav_dns_release(r, h);
    return res;
}

/* An answer, SECURE when validating, UNCHECKED when not. */
static void expect(const mav_dns_result *res, mav_dnssec_verdict v,
                   const char *what)
{
    if (res->status != MAV_DNS_ANSWER || res->dnssec != v) {
        fprintf(stderr, "bench_dnssec: FATAL: %s: %s, %s (%s), want an "
                "answer, %s\n", what, mav_dns_status_str(res->status),
                mav_dnssec_verdict_str(res->dnssec),
                mav_dnssec_reason_str(res->dnssec_reason),
                mav_dnssec_verdict_str(v));
        exit(1);
    }
}

/* ---- ldns: the same RRsets --------------------------------------------- */

static ldns_zone *lz[N_ZONES];
static ldns_rr_list *l_anchor;

static void ldns_load(const char *dir)
{
    char path[1024], file[300], *line = NULL;
    size_t cap = 0;
    ldns_rdf *origin;
    ldns_rr *rr;
    FILE *f;
    unsigned i;

    for (i = 0; i < N_ZONES; i++) {
        zone_file_name(zone_names[i], file, sizeof file);
        snprintf(path, sizeof path, "%s/%s", dir, file);
        f = fopen(path, "r");
        origin = ldns_dname_new_frm_str(zone_names[i]);
        if (f == NULL || origin == NULL ||
            ldns_zone_new_frm_fp(&lz[i], f, origin, 300, LDNS_RR_CLASS_IN) !=
            LDNS_STATUS_OK)
            die2("ldns cannot read", path);
        ldns_rdf_deep_free(origin);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/root.ds", dir);
    f = fopen(path, "r");
    if (f == NULL)
        die2("cannot open", path);
    l_anchor = ldns_rr_list_new();
    while (getline(&line, &cap, f) != -1) {
        line[strcspn(line, ";\n")] = '\0';
        if (strspn(line, " \t") == strlen(line))
            continue;
        if (ldns_rr_new_frm_str(&rr, line, 300, NULL, NULL) !=
            LDNS_STATUS_OK)
            die2("ldns cannot read an anchor", line);
        ldns_rr_list_push_rr(l_anchor, rr);
    }
    free(line);
    fclose(f);
}

/* RRs of zone z (index) with that owner and type; with sigs, the RRSIGs
 * that cover the type instead. */
static ldns_rr_list *ldns_pick(unsigned z, const char *owner,
                               ldns_rr_type type, int sigs)
{
    ldns_rr_list *all = ldns_zone_rrs(lz[z]), *out = ldns_rr_list_new();
    ldns_rdf *o = ldns_dname_new_frm_str(owner);
    ldns_rr *rr;
    size_t i;

    if (o == NULL || out == NULL)
        die("ldns_pick");
    for (i = 0; i < ldns_rr_list_rr_count(all); i++) {
        rr = ldns_rr_list_rr(all, i);
        if (ldns_dname_compare(ldns_rr_owner(rr), o) != 0)
            continue;
        if (sigs ? ldns_rr_get_type(rr) == LDNS_RR_TYPE_RRSIG &&
                   ldns_rdf2rr_type(ldns_rr_rrsig_typecovered(rr)) == type
                 : ldns_rr_get_type(rr) == type)
            ldns_rr_list_push_rr(out, rr);
    }
    ldns_rdf_deep_free(o);
    if (ldns_rr_list_rr_count(out) == 0) {
        fprintf(stderr, "bench_dnssec: FATAL: no %s %s%s in zone %s\n",
                owner, sigs ? "RRSIG " : "", ldns_rr_type2str(type),
                zone_names[z]);
        exit(1);
    }
    return out;
}

/* One level of a chain, as ldns sees it. */
typedef struct {
    ldns_rr_list *keys, *keysigs; /* the zone's DNSKEY RRset, RRSIGs */
    ldns_rr_list *ds, *dssigs;    /* its DS RRset in the parent (the
                                   * anchor for the root, dssigs NULL) */
} ldns_level;

/* ---- one leaf ---------------------------------------------------------- */

typedef struct {
    const char *zone;
    unsigned zi; /* index in zone_names */
    uint8_t alg;
    char qtext[64];
    uint8_t qname[MAV_DNS_NAME_MAX];
    size_t qlen;
    /* mav, found before timing */
    unsigned cold_sigs, warm_sigs, warm_sent, n_chain;
    mav_dns_handle pins[MAX_QUESTIONS];
    unsigned n_pins;
    /* the answer, the keys, one signature, for the bare checks */
    uint8_t ans_msg[MAV_CFG_DNS_MSG_MAX], key_msg[MAV_CFG_DNS_MSG_MAX];
    mav_dnssec_rdref rrs[8], sigs[8], keyrefs[8];
    mav_dnssec_rrset rrset, keys;
    unsigned nsigs;
    uint8_t signed_data[SIGNED_MAX];
    size_t signed_len;
    uint8_t digest[MAV_SHA256_LEN];
    const uint8_t *key, *sig;
    size_t key_len, sig_len;
    mav_rsa_pub rsa;
    /* ldns */
    ldns_level lv[3];
    ldns_rr_list *l_ans, *l_anssigs;
    unsigned ldns_cold_sigs;
} leaf;

static leaf leaves[N_LEAVES];
static mav_dnssec_ctx vwork;
static volatile unsigned sink;

/* ---- the timed operations (each returns the seconds it timed) ---------- */

static double op_mav_cold(leaf *l)
{
    mav_dns_result res;
    double t0, t1;

    mav_dns_cache_flush(&r_cold);
    t0 = bench_now();
    res = resolve(&r_cold, l->qname, l->qlen, MAV_DNS_TYPE_A, NULL);
    t1 = bench_now();
    expect(&res, MAV_DNSSEC_SECURE, "cold lookup");
    return t1 - t0;
}

/* The cold lookup's questions with validation off, in the same order. */
static double op_mav_cold_noval(leaf *l)
{
    mav_dns_result res;
    double t0, t1;
    unsigned i;

    (void)l;
    mav_dns_cache_flush(&r_off);
    t0 = bench_now();
    for (i = 0; i < n_logged; i++) {
        res = resolve(&r_off, logged_name[i], logged_len[i],
                      logged_type[i], NULL);
        sink += res.status;
    }
    t1 = bench_now();
    return t1 - t0;
}

static double op_mav_warm(leaf *l)
{
    mav_dns_result res;
    double t0, t1;

    mav_dns_cache_flush(&r_warm); /* the held DS/DNSKEY answers stay */
    t0 = bench_now();
    res = resolve(&r_warm, l->qname, l->qlen, MAV_DNS_TYPE_A, NULL);
    t1 = bench_now();
    expect(&res, MAV_DNSSEC_SECURE, "warm lookup");
    return t1 - t0;
}

static double op_mav_warm_noval(leaf *l)
{
    mav_dns_result res;
    double t0, t1;

    mav_dns_cache_flush(&r_off);
    t0 = bench_now();
    res = resolve(&r_off, l->qname, l->qlen, MAV_DNS_TYPE_A, NULL);
    t1 = bench_now();
    expect(&res, MAV_DNSSEC_UNCHECKED, "lookup without validation");
    return t1 - t0;
}

static double op_mav_verify(leaf *l)
{
    mav_dnssec_budget b;
    mav_dnssec_result res;
    double t0, t1;
    int rc;

    t0 = bench_now();
    mav_dnssec_budget_init(&b);
    rc = mav_dnssec_verify_rrset(&vwork, &l->rrset, l->sigs, l->nsigs,
                                 &l->keys, world_now, &b, &res);
    t1 = bench_now();
    if (rc != MAV_OK || res.verdict != MAV_DNSSEC_SECURE)
        die2("mav_dnssec_verify_rrset", mav_dnssec_reason_str(res.reason));
    return t1 - t0;
}

static int raw_verify(const leaf *l)
{
    switch (l->alg) {
    case MAV_DNSSEC_ALG_RSASHA256:
        return mav_rsa_pkcs1_verify(&l->rsa, MAV_HASH_SHA256, l->digest,
                                    sizeof l->digest, l->sig, l->sig_len);
    case MAV_DNSSEC_ALG_ECDSAP256SHA256:
        return mav_ecdsa_p256_verify(l->key, l->key_len, l->digest,
                                     sizeof l->digest, l->sig, l->sig_len);
    case MAV_DNSSEC_ALG_ED25519:
        return mav_ed25519_verify(l->key, l->key_len, l->signed_data,
                                  l->signed_len, l->sig, l->sig_len);
    default:
        return -1;
    }
}

static double op_mav_crypto(leaf *l)
{
    double t0, t1;
    int rc;

    t0 = bench_now();
    rc = raw_verify(l);
    t1 = bench_now();
    if (rc != 0)
        die("bare crypto call failed");
    return t1 - t0;
}

/* Tries the RRSIGs in order, as mav does; counts each check. */
static int ldns_check(const ldns_rr_list *rrset, const ldns_rr_list *sigs,
                      const ldns_rr_list *keys, unsigned *checks)
{
    size_t i;

    for (i = 0; i < ldns_rr_list_rr_count(sigs); i++) {
        (*checks)++;
        if (ldns_verify_rrsig_keylist_time(rrset, ldns_rr_list_rr(sigs, i),
                                           keys, (time_t)world_now, NULL) ==
            LDNS_STATUS_OK)
            return 0;
    }
    return -1;
}

/* The whole chain: DS (verified by the parent's keys, or the anchor)
 * picks the keys that must sign the DNSKEY RRset; then the answer. */
static int ldns_chain(const leaf *l, unsigned *checks)
{
    ldns_rr_list *trusted;
    size_t k, d;
    unsigned i;
    int rc;

    for (i = 0; i < 3; i++) {
        const ldns_level *v = &l->lv[i];
        if (i > 0 && ldns_check(v->ds, v->dssigs, l->lv[i - 1].keys,
                                checks) != 0)
            return -1;
        trusted = ldns_rr_list_new();
        for (k = 0; k < ldns_rr_list_rr_count(v->keys); k++)
            for (d = 0; d < ldns_rr_list_rr_count(v->ds); d++)
                if (ldns_rr_compare_ds(ldns_rr_list_rr(v->keys, k),
                                       ldns_rr_list_rr(v->ds, d))) {
                    ldns_rr_list_push_rr(trusted,
                                         ldns_rr_list_rr(v->keys, k));
                    break;
                }
        rc = ldns_rr_list_rr_count(trusted) == 0 ? -1 :
             ldns_check(v->keys, v->keysigs, trusted, checks);
        ldns_rr_list_free(trusted); /* the list, not the RRs */
        if (rc != 0)
            return -1;
    }
    return ldns_check(l->l_ans, l->l_anssigs, l->lv[2].keys, checks);
}

static double op_ldns_cold(leaf *l)
{
    unsigned checks = 0;
    double t0, t1;
    int rc;

    t0 = bench_now();
    rc = ldns_chain(l, &checks);
    t1 = bench_now();
    if (rc != 0)
        die("ldns: the chain does not verify");
    return t1 - t0;
}

static double op_ldns_warm(leaf *l)
{
    unsigned checks = 0;
    double t0, t1;
    int rc;

    t0 = bench_now();
    rc = ldns_check(l->l_ans, l->l_anssigs, l->lv[2].keys, &checks);
    t1 = bench_now();
    if (rc != 0)
        die("ldns: the answer does not verify");
    return t1 - t0;
}

/* ---- preparing a leaf -------------------------------------------------- */

/* The port's DO answer to (name, type), parsed; RRs in out. */
static void port_answer(const uint8_t *name, size_t len, uint16_t type,
                        uint8_t *buf, mav_dns_msg *m)
{
    uint8_t q[512];
    size_t qlen, rlen;

    if (mav_dns_query_build(q, sizeof q, 1, name, len, type,
                            MAV_DNS_CLASS_IN, &qlen) != MAV_OK ||
        mav_zone_answer(&zp, q, qlen, 1, buf, MAV_CFG_DNS_MSG_MAX,
                        &rlen) != MAV_OK ||
        mav_dns_msg_parse(m, buf, rlen, NULL) != MAV_OK)
        die("the zone port's answer");
}

/* The answer RRset, its RRSIGs, the leaf's DNSKEYs, and the inputs of
 * the bare crypto call for the RRSIG that verifies. */
static void prepare_bare(leaf *l)
{
    mav_dns_msg am, km;
    uint8_t apex[MAV_DNS_NAME_MAX];
    size_t alen, signer_len;
    unsigned n, i;
    mav_dnssec_budget b;
    mav_dnssec_result res;
    const uint8_t *sd, *kd;

    wire_name(l->zone, apex, &alen);
    port_answer(l->qname, l->qlen, MAV_DNS_TYPE_A, l->ans_msg, &am);
    port_answer(apex, alen, MAV_DNS_TYPE_DNSKEY, l->key_msg, &km);
    if (mav_dnssec_collect(&am, MAV_DNS_SEC_AN, l->qname, MAV_DNS_TYPE_A,
                           MAV_DNS_CLASS_IN, 0, l->rrs, 8, &n) != MAV_OK ||
        n == 0)
        die("collect the answer");
    l->rrset.owner = l->qname;
    l->rrset.type = MAV_DNS_TYPE_A;
    l->rrset.rclass = MAV_DNS_CLASS_IN;
    l->rrset.rd = l->rrs;
    l->rrset.count = n;
    if (mav_dnssec_collect(&am, MAV_DNS_SEC_AN, l->qname,
                           MAV_DNS_TYPE_RRSIG, MAV_DNS_CLASS_IN,
                           MAV_DNS_TYPE_A, l->sigs, 8, &l->nsigs) !=
        MAV_OK || l->nsigs == 0)
        die("collect the answer's RRSIG");
    if (mav_dnssec_collect(&km, MAV_DNS_SEC_AN, apex, MAV_DNS_TYPE_DNSKEY,
                           MAV_DNS_CLASS_IN, 0, l->keyrefs, 8, &n) !=
        MAV_OK || n == 0)
        die("collect the DNSKEYs");
    l->keys.type = MAV_DNS_TYPE_DNSKEY;
    l->keys.rclass = MAV_DNS_CLASS_IN;
    l->keys.rd = l->keyrefs;
    l->keys.count = n;
    /* the keys' owner: the signer name inside the RRSIG (in ans_msg,
     * which lives as long as l; apex is on the stack) */
    sd = l->sigs[0].msg + l->sigs[0].off;
    l->keys.owner = sd + 18;

    mav_dnssec_budget_init(&b);
    if (mav_dnssec_verify_rrset(&vwork, &l->rrset, l->sigs, l->nsigs,
                                &l->keys, world_now, &b, &res) != MAV_OK ||
        res.verdict != MAV_DNSSEC_SECURE || res.sig < 0)
        die2("verify_rrset of the answer",
             mav_dnssec_reason_str(res.reason));

    /* RFC 4034 §3.1: 18 fixed bytes, the signer (uncompressed), then
     * the signature */
    sd = l->sigs[res.sig].msg + l->sigs[res.sig].off;
    signer_len = mav_dns_name_len(sd + 18);
    l->sig = sd + 18 + signer_len;
    l->sig_len = l->sigs[res.sig].len - 18 - signer_len;
    if (mav_dnssec_signed_data(&vwork, &l->rrset, &l->sigs[res.sig],
                               l->signed_data, sizeof l->signed_data,
                               &l->signed_len) != MAV_OK)
        die("mav_dnssec_signed_data");
    mav_sha256(l->signed_data, l->signed_len, l->digest);
    l->key = NULL;
    for (i = 0; i < n; i++) {
        kd = l->keyrefs[i].msg + l->keyrefs[i].off;
        if (kd[3] == sd[2] &&
            mav_dnssec_keytag(kd, l->keyrefs[i].len) ==
            (uint16_t)(sd[16] << 8 | sd[17])) {
            l->key = kd + 4;
            l->key_len = l->keyrefs[i].len - 4u;
            break;
        }
    }
    if (l->key == NULL)
        die("no DNSKEY for the answer's RRSIG");
    if (l->alg == MAV_DNSSEC_ALG_RSASHA256 &&
        mav_rsa_parse_key(MAV_RSA_KEY_DNSKEY, l->key, l->key_len,
                          &l->rsa) != 0)
        die("mav_rsa_parse_key");
    if (sd[2] != l->alg || raw_verify(l) != 0)
        die("the bare crypto call does not verify the answer");
}

static void prepare_ldns(leaf *l)
{
    const char *owner[3];
    unsigned i;

    owner[0] = ".";
    owner[1] = "test.";
    owner[2] = l->zone;
    for (i = 0; i < 3; i++) {
        unsigned z = i < 2 ? i : l->zi; /* ".", "test", the leaf */
        ldns_level *v = &l->lv[i];
        v->keys = ldns_pick(z, owner[i], LDNS_RR_TYPE_DNSKEY, 0);
        v->keysigs = ldns_pick(z, owner[i], LDNS_RR_TYPE_DNSKEY, 1);
        if (i == 0) {
            v->ds = l_anchor;
            v->dssigs = NULL;
        } else {
            /* the DS RRset lives in the parent's zone */
            v->ds = ldns_pick(i - 1, owner[i], LDNS_RR_TYPE_DS, 0);
            v->dssigs = ldns_pick(i - 1, owner[i], LDNS_RR_TYPE_DS, 1);
        }
    }
    l->l_ans = ldns_pick(l->zi, l->qtext, LDNS_RR_TYPE_A, 0);
    l->l_anssigs = ldns_pick(l->zi, l->qtext, LDNS_RR_TYPE_A, 1);
    l->ldns_cold_sigs = 0;
    if (ldns_chain(l, &l->ldns_cold_sigs) != 0)
        die2("ldns: chain does not verify for", l->zone);
}

/*
 * One cold lookup with the questions logged; then the warm resolver:
 * the lookup once, a handle held on each DS/DNSKEY answer it needed, and
 * one warm lookup counted (expected: one question, one signature).
 */
static void prepare_mav(leaf *l)
{
    mav_dns_result res;
    uint32_t before;
    unsigned i;

    resolver_setup(&r_cold, 1);
    mav_zone_attach(&zp, &r_cold);
    n_logged = 0;
    log_on = 1;
    before = mav_dns_get_stats(&r_cold)->sig_checks;
    res = resolve(&r_cold, l->qname, l->qlen, MAV_DNS_TYPE_A, NULL);
    log_on = 0;
    expect(&res, MAV_DNSSEC_SECURE, "first cold lookup");
    l->cold_sigs = mav_dns_get_stats(&r_cold)->sig_checks - before;
    l->n_chain = n_logged;
    printf("  %-16s cold: %u signature checks, %u questions:",
           l->qtext, l->cold_sigs, n_logged);
    for (i = 0; i < n_logged; i++)
        printf("%s %s", i ? "," : "", logged[i]);
    printf("\n");

    resolver_setup(&r_warm, 1);
    mav_zone_attach(&zp, &r_warm);
    res = resolve(&r_warm, l->qname, l->qlen, MAV_DNS_TYPE_A, NULL);
    expect(&res, MAV_DNSSEC_SECURE, "lookup of the warm resolver");
    l->n_pins = 0;
    for (i = 0; i < n_logged; i++) {
        if (logged_type[i] != MAV_DNS_TYPE_DS &&
            logged_type[i] != MAV_DNS_TYPE_DNSKEY)
            continue;
        (void)resolve(&r_warm, logged_name[i], logged_len[i],
                      logged_type[i], &l->pins[l->n_pins++]);
    }
    mav_dns_cache_flush(&r_warm);
    before = mav_dns_get_stats(&r_warm)->sig_checks;
    n_sent = 0;
    res = resolve(&r_warm, l->qname, l->qlen, MAV_DNS_TYPE_A, NULL);
    expect(&res, MAV_DNSSEC_SECURE, "first warm lookup");
    l->warm_sigs = mav_dns_get_stats(&r_warm)->sig_checks - before;
    l->warm_sent = n_sent;
    printf("  %-16s warm: %u signature check%s, %u question%s\n",
           l->qtext, l->warm_sigs, l->warm_sigs == 1 ? "" : "s",
           l->warm_sent, l->warm_sent == 1 ? "" : "s");
}

static void release_pins(leaf *l)
{
    unsigned i;

    for (i = 0; i < l->n_pins; i++)
        mav_dns_release(&r_warm, l->pins[i]);
    l->n_pins = 0;
}

/* ---- timing ------------------------------------------------------------ */

enum {
    C_COLD, C_COLD_NOVAL, C_LDNS_COLD, C_WARM, C_WARM_NOVAL, C_LDNS_WARM,
    C_VERIFY, C_CRYPTO, N_CONTENDERS
};

typedef struct {
    const char *who;
    double (*op)(leaf *l);
    mav_dns_ctx *r; /* the resolver the zone port answers, or NULL */
} contender;

static const contender contenders[N_CONTENDERS] = {
    {"mav cold", op_mav_cold, &r_cold},
    {"mav cold, no validation", op_mav_cold_noval, &r_off},
    {"ldns cold", op_ldns_cold, NULL},
    {"mav warm", op_mav_warm, &r_warm},
    {"mav warm, no validation", op_mav_warm_noval, &r_off},
    {"ldns warm", op_ldns_warm, NULL},
    {"mav_dnssec_verify_rrset", op_mav_verify, NULL},
    {"bare crypto call", op_mav_crypto, NULL},
};

/* Per-operation times of one round: the median is kept, so that an
 * interrupt or a neighbour's burst in the middle of an operation does
 * not move the result (the difference of two lookups is what counts). */
static double samples[MAX_SAMPLES];

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Runs c on l until `seconds` have passed; median microseconds. */
static double run_for(const contender *c, leaf *l, double seconds)
{
    double start = bench_now();
    size_t n = 0;

    if (c->r != NULL)
        mav_zone_attach(&zp, c->r);
    do {
        samples[n++] = c->op(l);
    } while (bench_now() - start < seconds && n < MAX_SAMPLES);
    qsort(samples, n, sizeof samples[0], cmp_double);
    return (n % 2 ? samples[n / 2]
                  : (samples[n / 2 - 1] + samples[n / 2]) / 2) * 1e6;
}

/* A warm-up, then ROUNDS turns each; the lowest median is kept. */
static void measure(leaf *l, double us[N_CONTENDERS], double seconds)
{
    int i, round;
    double t;

    for (i = 0; i < N_CONTENDERS; i++) {
        (void)run_for(&contenders[i], l, seconds / 3);
        us[i] = 0;
    }
    for (round = 0; round < ROUNDS; round++)
        for (i = 0; i < N_CONTENDERS; i++) {
            t = run_for(&contenders[i], l, seconds);
            if (us[i] == 0 || t < us[i])
                us[i] = t;
        }
}

/* ---- main -------------------------------------------------------------- */

int main(int argc, char **argv)
{
    static const char *const leaf_zones[N_LEAVES] = {
        "alg8.test", "alg13.test", "alg15.test",
    };
    static const uint8_t leaf_algs[N_LEAVES] = {8, 13, 15};
    static const char *const alg_names[N_LEAVES] = {
        "RSASHA256", "ECDSAP256", "ED25519",
    };
    const char *dir = argc > 1 ? argv[1] : DEFAULT_DIR;
    const char *only = getenv("MAV_BENCH_DNSSEC_ALG");
    double seconds = bench_seconds("bench_dnssec");
    double us[N_LEAVES][N_CONTENDERS], val, over;
    unsigned i;
    int met_all = 1;

    if (argc > 2) {
        fprintf(stderr, "usage: bench_dnssec [SIGNED-WORLD-DIR]\n");
        return 2;
    }
    mav_crypto_init();
    load_world(dir);
    ldns_load(dir);
    resolver_setup(&r_off, 0);

    printf("DNSSEC validation, all answers in hand (zone port, no "
           "network): %s\n", dir);
    printf("chain: . (alg 8, 2048-bit KSK) -> test. (alg 13) -> leaf "
           "(alg of the row); %s, best of %d rounds of %.2f s\n",
           mav_crypto_backend(), ROUNDS, seconds);
    for (i = 0; i < N_LEAVES; i++) {
        leaf *l = &leaves[i];
        if (only != NULL && *only != '\0' && atoi(only) != leaf_algs[i])
            continue;
        l->zone = leaf_zones[i];
        l->zi = 2 + i;
        l->alg = leaf_algs[i];
        snprintf(l->qtext, sizeof l->qtext, "www.%s.", l->zone);
        wire_name(l->qtext, l->qname, &l->qlen);
        prepare_mav(l);
        prepare_bare(l);
        prepare_ldns(l);
        measure(l, us[i], seconds);
        release_pins(l);
    }

    printf("\n%-10s %9s %6s %9s %6s %9s %6s %9s %9s %9s  %s\n", "alg",
           "cold mav", "sigs", "cold ldns", "sigs", "warm mav", "sigs",
           "warm ldns", "bare", "overhead", "goal (<10%, 1 sig)");
    printf("%-10s %9s %6s %9s %6s %9s %6s %9s %9s %9s\n", "", "us", "",
           "us", "", "us", "", "us", "crypto us", "%");
    for (i = 0; i < N_LEAVES; i++) {
        const leaf *l = &leaves[i];
        int met;

        if (l->zone == NULL)
            continue;
        /* the validator's share of a warm lookup: the port and resolver
         * work (validation off) taken out */
        val = us[i][C_WARM] - us[i][C_WARM_NOVAL];
        over = (val - us[i][C_CRYPTO]) / us[i][C_CRYPTO] * 100.0;
        met = l->warm_sigs == 1 && over < OVERHEAD_GOAL;
        met_all &= met;
        printf("%2u %-7s %9.1f %6u %9.1f %6u %9.1f %6u %9.1f %9.1f "
               "%8.1f%%  %s\n", l->alg, alg_names[i], us[i][C_COLD],
               l->cold_sigs, us[i][C_LDNS_COLD], l->ldns_cold_sigs,
               us[i][C_WARM], l->warm_sigs, us[i][C_LDNS_WARM],
               us[i][C_CRYPTO], over, met ? "met" : "NOT met");
    }
    printf("\nwhere a warm lookup's time goes (us):\n");
    printf("%-10s %9s %9s %9s %9s %9s %11s %11s\n", "alg", "warm",
           "no-val", "validator", "verify", "crypto", "cold no-val",
           "cold valid.");
    for (i = 0; i < N_LEAVES; i++)
        if (leaves[i].zone != NULL)
            printf("%2u %-7s %9.1f %9.1f %9.1f %9.1f %9.1f %11.1f "
                   "%11.1f\n",
                   leaves[i].alg, alg_names[i], us[i][C_WARM],
                   us[i][C_WARM_NOVAL],
                   us[i][C_WARM] - us[i][C_WARM_NOVAL], us[i][C_VERIFY],
                   us[i][C_CRYPTO], us[i][C_COLD_NOVAL],
                   us[i][C_COLD] - us[i][C_COLD_NOVAL]);
    printf("warm = lookup through resolver, zone port and validator, "
           "keys cached;\nno-val = the same lookup with validation off "
           "(zone port parsing zone text,\nresolver, cache): not "
           "validator work, subtracted; validator = warm - no-val;\n"
           "verify = mav_dnssec_verify_rrset of the answer; crypto = "
           "the bare primitive\n(RSA/ECDSA: digest precomputed; "
           "Ed25519: hashes the signed data itself);\noverhead = "
           "(validator - crypto) / crypto. cold no-val = the cold "
           "lookup's\nquestions without validation; cold valid. = cold "
           "- cold no-val.\nldns %s verifies with OpenSSL; mav with "
           "%s.\nThe overhead moves by a few points from run to run; "
           "tests/bench/profile-dnssec\ncounts it in instructions "
           "instead (valgrind).\n", ldns_version(), mav_crypto_backend());
    printf("goal (issue #4: a warm answer costs one signature check plus "
           "< %.0f%% over\nthe bare crypto call): %s\n", OVERHEAD_GOAL,
           met_all ? "met for every algorithm" : "NOT met for every "
           "algorithm");
    return 0;
}
