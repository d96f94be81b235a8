/* SPDX-License-Identifier: MIT */
/*
 * test_spf_suite.c - the OpenSPF test suites run against mav's SPF: the
 * RFC 7208 suite (rfc7208-tests.yml, 2014.04), every case of which must
 * pass, and the older RFC 4408 suite, whose count is reported (RFC 7208
 * changed some answers, §A.1 of its appendix lists how). The YAML comes
 * from Debian's python3-spf (installed by make test, never committed)
 * and is turned into plain text by tools/spf-testsuite at test time.
 *
 * Each scenario's zone data is served by the zone port (port/zone) as
 * one zone "."; a port wrapped around it drops the queries the suite
 * marks TIMEOUT, so those time out in the resolver for real (on the
 * zone port's virtual clock). Where the suite accepts several results,
 * any passes; where mav's differs from the first (the preferred one) the
 * test prints it with mav's reason and the suite's own note.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mav_posix.h"
#include "mav_spf.h"
#include "test.h"
#include "zone/mav_zone.h"

#define SUITE_ZONE_MAX (256u << 10)
#define SUITE_DROP_MAX 128

/* A scenario: its zone text and the (name, type) pairs never answered */
static char zone_text[SUITE_ZONE_MAX];
static size_t zone_len;
static struct {
    uint8_t name[MAV_DNS_NAME_MAX];
    uint16_t type;
} drops[SUITE_DROP_MAX];
static unsigned n_drops;

static mav_zone_port zp;
static mav_dns_ctx dns;
static mav_spf_ctx spf;

/* ---- the port that loses the TIMEOUT queries ------------------------ */

static int dropped(const uint8_t *pkt, size_t len)
{
    mav_dns_msg m;
    uint8_t name[MAV_DNS_NAME_MAX];
    size_t nl;
    uint16_t qt, qc;
    unsigned k;

    if (mav_dns_msg_parse(&m, pkt, len, NULL) != MAV_OK ||
        mav_dns_msg_question(&m, name, &nl, &qt, &qc) != MAV_OK)
        return 0;
    for (k = 0; k < n_drops; k++)
        if (drops[k].type == qt && mav_dns_name_eq(drops[k].name, name))
            return 1;
    return 0;
}

static uint32_t w_now(void *u)
{
    (void)u;
    return zp.port.now_ms(zp.port.user);
}

static int64_t w_time(void *u)
{
    (void)u;
    return zp.port.unix_time(zp.port.user);
}

static int w_random(void *u, void *b, size_t n)
{
    (void)u;
    return zp.port.random(zp.port.user, b, n);
}

static int w_udp_open(void *u, unsigned slot, const mav_addr *a,
                      uint16_t lp)
{
    (void)u;
    return zp.port.udp_open(zp.port.user, slot, a, lp);
}

static int w_udp_send(void *u, unsigned slot, const uint8_t *p, size_t n)
{
    (void)u;
    if (dropped(p, n))
        return 0; /* lost on the way: the resolver times out */
    return zp.port.udp_send(zp.port.user, slot, p, n);
}

static void w_udp_close(void *u, unsigned slot)
{
    (void)u;
    zp.port.udp_close(zp.port.user, slot);
}

static int w_tcp_open(void *u, unsigned slot, const mav_addr *a)
{
    (void)u;
    return zp.port.tcp_open(zp.port.user, slot, a);
}

static int w_tcp_send(void *u, unsigned slot, const uint8_t *p, size_t n)
{
    (void)u;
    if (n > 2 && dropped(p + 2, n - 2))
        return 0;
    return zp.port.tcp_send(zp.port.user, slot, p, n);
}

static void w_tcp_close(void *u, unsigned slot)
{
    (void)u;
    zp.port.tcp_close(zp.port.user, slot);
}

static const struct mav_port lossy_port = {
    MAV_PORT_VERSION, NULL,       w_now,        w_time,
    w_random,         w_udp_open, w_udp_send,   w_udp_close,
    w_tcp_open,       w_tcp_send, w_tcp_close,  NULL};

/* ---- running one check ---------------------------------------------- */

/*
 * Evaluate one identity over the scenario's zone with a fresh resolver
 * (no cache shared between cases). Returns the outcome, or NULL when the
 * evaluation did not finish.
 */
const mav_spf_outcome *spf_suite_run(const char *host, const char *helo,
                                     const char *mail_from);

/* Rounds of the zone port the last spf_suite_run took: in each, every
 * query under way is answered, so this is the number of sequential round
 * trips the evaluation needed. */
unsigned spf_suite_rounds;

const mav_spf_outcome *spf_suite_run(const char *host, const char *helo,
                                     const char *mail_from)
{
    mav_addr server;
    mav_spf_input in;
    int rc, rounds;

    memset(&in, 0, sizeof in);
    if (mav_posix_parse_addr(host, &in.client) != MAV_OK)
        return NULL;
    in.helo = helo;
    in.mail_from = mail_from;
    in.receiver = "receiver.example";
    in.now = 1700000000;
    memset(&server, 0, sizeof server);
    server.family = 4;
    server.addr[0] = 127;
    server.addr[3] = 1;
    server.port = 53;
    if (mav_dns_init(&dns, &lossy_port) != MAV_OK ||
        mav_dns_add_server(&dns, &server) != MAV_OK)
        return NULL;
    /* the suite's zones are unsigned: no validation */
    mav_dns_set_trust_anchors(&dns, NULL, 0);
    mav_zone_attach(&zp, &dns);
    mav_spf_init(&spf, &dns);
    rc = mav_spf_start(&spf, &in);
    for (rounds = 0; rc == MAV_PENDING && rounds < 200; rounds++) {
        mav_zone_run(&zp, 60000);
        rc = mav_spf_poll(&spf);
    }
    spf_suite_rounds = (unsigned)rounds;
    if (rc != MAV_OK) {
        mav_spf_abort(&spf);
        return NULL;
    }
    return mav_spf_get(&spf);
}

/* ---- reading the converted suite ------------------------------------ */

/* Split a line at tabs in place, undoing \\ \t \n. */
static int fields(char *line, char **f, int max)
{
    int n = 0;
    char *r = line, *w = line;

    f[n++] = w;
    while (*r && *r != '\n') {
        if (*r == '\t') {
            *w++ = 0;
            r++;
            if (n == max)
                return -1;
            f[n++] = w;
            continue;
        }
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
            r++;
            continue;
        }
        *w++ = *r++;
    }
    *w = 0;
    return n;
}

static int load_zone(void)
{
    mav_perr e = {0, 0, NULL};
    static const uint8_t root[1] = {0};

    mav_zone_init(&zp, 7208);
    if (mav_zone_add(&zp, zone_text, zone_len, root, &e) != MAV_OK) {
        unsigned line, col;
        mav_zone_line_col(zone_text, zone_len, e.offset, &line, &col);
        fprintf(stderr, "spf suite: zone line %u col %u: %s\n", line, col,
                e.what ? e.what : "?");
        return -1;
    }
    return 0;
}

/* For other suites (test_spf.c): serve this zone text, no drops. */
int spf_suite_zone(const char *text);

int spf_suite_zone(const char *text)
{
    zone_len = strlen(text);
    if (zone_len >= sizeof zone_text)
        return -1;
    memcpy(zone_text, text, zone_len);
    n_drops = 0;
    return load_zone();
}

/* Does results (comma list) contain r? */
static int listed(const char *results, const char *r)
{
    size_t n = strlen(r);
    const char *p = results;

    while ((p = strstr(p, r)) != NULL) {
        if ((p == results || p[-1] == ',') && (p[n] == ',' || p[n] == 0))
            return 1;
        p += n;
    }
    return 0;
}

/* Run every case of one converted suite; counts into *pass / *total. */
static void run_suite(const char *path, const char *label, int must_pass,
                      unsigned *pass, unsigned *total)
{
    static char line[1 << 16];
    char *f[8];
    FILE *in = fopen(path, "r");
    int zone_ok = 0, loaded = 0;

    *pass = *total = 0;
    if (!in) {
        CHECK_L("spf suite file readable", 0);
        return;
    }
    while (fgets(line, sizeof line, in)) {
        int n = fields(line, f, 8);
        if (n < 1)
            continue;
        if (strcmp(f[0], "scenario") == 0) {
            zone_len = 0;
            n_drops = 0;
            loaded = 0;
        } else if (strcmp(f[0], "zone") == 0 && n == 2) {
            size_t l = strlen(f[1]);
            if (zone_len + l + 1 < sizeof zone_text) {
                memcpy(zone_text + zone_len, f[1], l);
                zone_len += l;
                zone_text[zone_len++] = '\n';
            }
        } else if (strcmp(f[0], "drop") == 0 && n == 3 &&
                   n_drops < SUITE_DROP_MAX) {
            uint16_t t = strcmp(f[2], "A") == 0      ? MAV_DNS_TYPE_A
                         : strcmp(f[2], "AAAA") == 0 ? MAV_DNS_TYPE_AAAA
                         : strcmp(f[2], "MX") == 0   ? MAV_DNS_TYPE_MX
                         : strcmp(f[2], "PTR") == 0  ? MAV_DNS_TYPE_PTR
                         : strcmp(f[2], "TXT") == 0  ? MAV_DNS_TYPE_TXT
                                                      : MAV_DNS_TYPE_CNAME;
            if (mav_dns_name_from_text(f[1], strlen(f[1]), NULL,
                                       drops[n_drops].name,
                                       NULL) == MAV_OK)
                drops[n_drops++].type = t;
        } else if (strcmp(f[0], "case") == 0 && n == 8) {
            const mav_spf_outcome *o;
            const char *got;
            char label_buf[256];
            int ok;
            if (!loaded) {
                zone_ok = load_zone() == 0;
                loaded = 1;
            }
            (*total)++;
            o = zone_ok ? spf_suite_run(f[2], f[3], f[4]) : NULL;
            got = o ? mav_spf_result_str(o->result) : "unfinished";
            ok = o && listed(f[5], got);
            /* an expected explanation (not the default) must match */
            if (ok && o->result == MAV_SPF_FAIL && strcmp(f[6], "-") != 0 &&
                strcmp(f[6], "DEFAULT") != 0 &&
                strcmp(o->explanation, f[6]) != 0) {
                printf("  %s %s: explanation '%s', want '%s'\n", label,
                       f[1], o->explanation, f[6]);
                ok = 0;
            }
            if (ok) {
                (*pass)++;
                if (strncmp(f[5], got, strlen(got)) != 0 ||
                    (f[5][strlen(got)] != 0 && f[5][strlen(got)] != ','))
                    printf("  %s %s: mav says %s where the suite prefers "
                           "%.*s (allowed: %s); mav's reason: %s; the "
                           "suite: %s\n",
                           label, f[1], got,
                           (int)strcspn(f[5], ","), f[5], f[5],
                           o->error ? o->error : o->term, f[7]);
            } else {
                printf("  %s %s: mav says %s (%s '%s'), want %s [%s]\n",
                       label, f[1], got,
                       o && o->error ? o->error : "term",
                       o ? o->term : "", f[5], f[7]);
            }
            if (must_pass) {
                snprintf(label_buf, sizeof label_buf, "%s case %s", label,
                         f[1]);
                CHECK_L(label_buf, ok);
            }
        }
    }
    fclose(in);
}

void suite_spf_suite(void)
{
    char yml[512], txt[512];
    FILE *p;
    unsigned pass, total;

    /* the suites, from the python3-spf package's documentation */
    p = popen("dpkg -L python3-spf 2>/dev/null | grep "
              "'rfc7208-tests.yml' | head -n 1", "r");
    if (!p || !fgets(yml, sizeof yml, p)) {
        if (p)
            pclose(p);
        CHECK_L("python3-spf's rfc7208-tests.yml is installed", 0);
        return;
    }
    pclose(p);
    yml[strcspn(yml, "\n")] = 0;
    snprintf(txt, sizeof txt, "%s/rfc7208-tests.txt", test_tmpdir());
    CHECK_INT("tools/spf-testsuite rfc7208",
              test_sh("tools/spf-testsuite '%s' '%s' >/dev/null", yml, txt),
              0);
    run_suite(txt, "rfc7208", 1, &pass, &total);
    printf("OpenSPF RFC 7208 suite: %u/%u cases pass\n", pass, total);
    CHECK_INT("rfc7208 suite: every case passes", pass, total);
    CHECK_L("rfc7208 suite has its 203 cases", total >= 203);

    /* the RFC 4408 suite: reported, not required (RFC 7208 changed some
     * answers, e.g. void lookups and the MX limit) */
    {
        char *slash = strrchr(yml, '/');
        if (slash)
            snprintf(slash + 1, sizeof yml - (size_t)(slash + 1 - yml),
                     "rfc4408-tests.yml.gz");
    }
    snprintf(txt, sizeof txt, "%s/rfc4408-tests.txt", test_tmpdir());
    if (test_sh("tools/spf-testsuite '%s' '%s' >/dev/null", yml, txt) ==
        0) {
        run_suite(txt, "rfc4408", 0, &pass, &total);
        printf("OpenSPF RFC 4408 suite (reported only): %u/%u cases "
               "pass\n", pass, total);
    }
}
