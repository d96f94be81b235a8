/* SPDX-License-Identifier: MIT */
/*
 * verify_main.c - the network image (verify.elf): mav verifying messages
 * on the target, over lwIP and the LAN9118, against a DNS server on the
 * link. Its semihosting command line:
 *
 *   verify --anchors FILE --now SECONDS [--addr A.B.C.D/PREFIX]
 *          [--resolver A.B.C.D] [--authserv-id ID] JOBS
 *
 * JOBS is a host file with one message per line (# starts a comment):
 *   CLIENT-IP HELO MAIL-FROM MESSAGE OUTPUT
 * MAIL-FROM "<>" is the null reverse path. MESSAGE is read through
 * semihosting in small pieces and streamed into the verifier as it is
 * (it must be in SMTP's CRLF form); the Authentication-Results field
 * goes to the host file OUTPUT and to the console. FILE holds the trust
 * anchors (DS or DNSKEY records, as mav --trust-anchor reads them);
 * SECONDS is the wall clock the DNSSEC and DKIM windows are judged at
 * (the image has no real-time clock). Defaults: address 192.0.2.2/24,
 * resolver 192.0.2.53 port 53, authserv-id mav.invalid.
 *
 * One resolver serves all the messages, its cache warm from one to the
 * next, as on an appliance. Exit status: 0 when every message got its
 * field; 1 when one did not (no verdict in time, a file not written);
 * 2 bad command line or unreadable file; 3 a fault.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lwip/ip4_addr.h"
#include "lwip/stats.h"

#include "board.h"
#include "board_random.h"
#include "lwip_hooks.h"
#include "mav_crypto.h"
#include "mav_ip_text.h"
#include "mav_lwip.h"
#include "mav_verify.h"
#include "net.h"
#include "semihost.h"
#include "zone/mav_zone.h"

/* A message gets this long for its verdict (SysTick milliseconds): the
 * resolver's own retries end well before (MAV_CFG_DNS_TIMEOUT_MS x
 * MAV_CFG_DNS_TRIES per query). */
#define VERDICT_LIMIT_MS 60000u
#define LINK_WAIT_MS 5000u
#define JOBS_BYTES 8192
#define ANCHORS_BYTES 4096
#define FIELD_BYTES 8192
#define PIECE_BYTES 512 /* a semihosting read */

typedef struct {
    const char *anchors, *jobs, *authserv_id;
    int64_t now;
    ip4_addr_t addr, mask, resolver;
} options;

/* The program's state: static, since lwIP keeps pointers into it. */
static mav_board_net net;
static mav_lwip lw;
static mav_dns_ctx dns;
static mav_verify_ctx ver;
static int64_t wall_clock;

/* ---- small helpers ----------------------------------------------------- */

static void say(const char *a, const char *b, const char *c)
{
    mav_board_print(a);
    mav_board_print(b);
    mav_board_print(c);
}

/* A non-negative decimal up to 2^62; -1 if s is not one. */
static int64_t parse_decimal(const char *s)
{
    int64_t v = 0;

    if (*s == 0)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (INT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

/* "A.B.C.D/PREFIX" (PREFIX 1..30) into addr and mask; 0 or -1. */
static int parse_prefix(char *s, ip4_addr_t *addr, ip4_addr_t *mask)
{
    char *slash = strchr(s, '/');
    int64_t bits;

    if (slash == NULL)
        return -1;
    *slash = 0;
    bits = parse_decimal(slash + 1);
    if (bits < 1 || bits > 30 || !ip4addr_aton(s, addr))
        return -1;
    ip4_addr_set_u32(mask, lwip_htonl(0xffffffffu << (32 - bits)));
    return 0;
}

/* A whole host file into buf (NUL-terminated); its length or -1. */
static long read_host_file(const char *path, char *buf, size_t cap)
{
    long size, got = 0, n = 0;
    int fd = mav_semihost_open(path, MAV_SEMIHOST_READ);

    if (fd < 0)
        return -1;
    size = mav_semihost_flen(fd);
    if (size >= 0 && (size_t)size < cap)
        while (got < size &&
               (n = mav_semihost_read(fd, buf + got, (size_t)(size - got))) > 0)
            got += n;
    (void)mav_semihost_close(fd);
    if (size < 0 || (size_t)size >= cap || got != size)
        return -1; /* too big for buf, or a read error */
    buf[got] = 0;
    return got;
}

/* 1 when the line holds only blanks (or a CR). */
static int blank(const char *line)
{
    while (*line == ' ' || *line == '\t' || *line == '\r')
        line++;
    return *line == 0;
}

/* ---- the board's hooks for port/lwip ------------------------------------ */

static int hook_random(void *board, void *buf, size_t len)
{
    (void)board;
    return mav_board_random(buf, len);
}

static int64_t hook_unix_time(void *board)
{
    (void)board;
    return wall_clock;
}

static void hook_log(void *board, int level, const char *msg)
{
    (void)board;
    if (level <= MAV_LOG_WARN)
        say("mav: ", msg, "\n");
}

/* ---- one message ----------------------------------------------------- */

typedef struct {
    char *client, *helo, *mail_from, *message, *output;
} job;

/* Split a job line into its five words; 0, or -1 for another count. */
static int parse_job(char *line, job *j)
{
    char *w[5];
    int n = 0;

    while (*line) {
        while (*line == ' ' || *line == '\t' || *line == '\r')
            *line++ = 0;
        if (*line == 0)
            break;
        if (n == 5)
            return -1;
        w[n++] = line;
        while (*line && *line != ' ' && *line != '\t' && *line != '\r')
            line++;
    }
    if (n != 5)
        return -1;
    j->client = w[0];
    j->helo = w[1];
    j->mail_from = w[2];
    j->message = w[3];
    j->output = w[4];
    return 0;
}

static int parse_client(const char *text, mav_addr *a)
{
    size_t n = strlen(text);

    memset(a, 0, sizeof *a);
    if (mav_ip4_from_text(text, n, a->addr) == 0) {
        a->family = 4;
        return 0;
    }
    if (mav_ip6_from_text(text, n, a->addr) == 0) {
        a->family = 6;
        return 0;
    }
    return -1;
}

/* Stream the message file into the verifier; 0 or -1 (unreadable). */
static int feed_message(const char *path)
{
    static uint8_t piece[PIECE_BYTES];
    long n;
    int fd = mav_semihost_open(path, MAV_SEMIHOST_READ);

    if (fd < 0)
        return -1;
    while ((n = mav_semihost_read(fd, piece, sizeof piece)) > 0)
        (void)mav_verify_feed(&ver, piece, (size_t)n);
    (void)mav_semihost_close(fd);
    return n < 0 ? -1 : 0;
}

/* Run the network until the verdict is in: MAV_OK, or MAV_PENDING when
 * it is stuck (the verifier waits, its resolver has nothing under way)
 * or out of time. The resolver's state is read right after its poll,
 * which may issue the very lookups the verifier then waits for. */
static int run_to_verdict(void)
{
    uint32_t start = mav_board_now_ms();
    int rc;

    while ((rc = mav_verify_poll(&ver)) == MAV_PENDING) {
        if (mav_lwip_poll(&lw, NULL) == MAV_OK ||
            mav_board_now_ms() - start > VERDICT_LIMIT_MS)
            break;
        mav_board_net_sleep(&net);
        mav_board_net_work(&net);
    }
    return rc;
}

static int verify_one(const options *o, const job *j)
{
    static char field[FIELD_BYTES];
    mav_verify_envelope_in env;
    uint32_t t0 = mav_board_now_ms();
    size_t len;
    int fd, rc;

    say("== ", j->message, "\n");
    memset(&env, 0, sizeof env);
    if (parse_client(j->client, &env.client) != 0) {
        say("verify: not an IP address: ", j->client, "\n");
        return MAV_BOARD_EXIT_USAGE;
    }
    env.helo = j->helo;
    env.mail_from = strcmp(j->mail_from, "<>") == 0 ? "" : j->mail_from;
    mav_verify_init(&ver, &dns, o->now);
    if (mav_verify_envelope(&ver, &env) != MAV_OK) {
        say("verify: the envelope does not fit the configuration", "", "\n");
        return MAV_BOARD_EXIT_USAGE;
    }
    if (feed_message(j->message) != 0) {
        mav_verify_abort(&ver);
        say("verify: cannot read ", j->message, "\n");
        return MAV_BOARD_EXIT_USAGE;
    }
    mav_verify_end(&ver);
    if (run_to_verdict() != MAV_OK) {
        mav_verify_abort(&ver);
        say("verify: no verdict for ", j->message, "\n");
        return MAV_BOARD_EXIT_FAILED;
    }
    rc = mav_verify_authres(&ver, o->authserv_id, field, sizeof field, &len);
    if (rc != MAV_OK) {
        say("verify: the Authentication-Results field did not fit", "", "\n");
        return MAV_BOARD_EXIT_FAILED;
    }
    mav_semihost_write(field, len);
    fd = mav_semihost_open(j->output, MAV_SEMIHOST_WRITE);
    rc = fd >= 0 ? mav_semihost_write_file(fd, field, len) : -1;
    if (fd >= 0 && mav_semihost_close(fd) != 0)
        rc = -1;
    mav_board_print("   verified in ");
    mav_board_print_u32(mav_board_now_ms() - t0);
    mav_board_print(" ms\n");
    if (rc != 0) {
        say("verify: cannot write ", j->output, "\n");
        return MAV_BOARD_EXIT_FAILED;
    }
    return MAV_BOARD_EXIT_OK;
}

/* ---- start-up ----------------------------------------------------------- */

static int parse_options(int argc, char **argv, options *o)
{
    int i;

    memset(o, 0, sizeof *o);
    o->now = -1;
    o->authserv_id = "mav.invalid";
    IP4_ADDR(&o->addr, 192, 0, 2, 2);
    IP4_ADDR(&o->mask, 255, 255, 255, 0);
    IP4_ADDR(&o->resolver, 192, 0, 2, 53);
    for (i = 1; i < argc; i++) {
        const char *opt = argv[i];
        char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (opt[0] != '-') {
            if (o->jobs != NULL)
                return -1;
            o->jobs = opt;
            continue;
        }
        if (v == NULL)
            return -1;
        i++;
        if (strcmp(opt, "--anchors") == 0)
            o->anchors = v;
        else if (strcmp(opt, "--now") == 0)
            o->now = parse_decimal(v);
        else if (strcmp(opt, "--authserv-id") == 0)
            o->authserv_id = v;
        else if (strcmp(opt, "--addr") == 0) {
            if (parse_prefix(v, &o->addr, &o->mask) != 0)
                return -1;
        } else if (strcmp(opt, "--resolver") == 0) {
            if (!ip4addr_aton(v, &o->resolver))
                return -1;
        } else
            return -1;
    }
    return o->jobs != NULL && o->anchors != NULL && o->now >= 0 ? 0 : -1;
}

/* The resolver: port/lwip, the anchors of the file, one server. */
static int resolver_start(const options *o)
{
    static char anchors[ANCHORS_BYTES];
    static mav_zone_reader rd;
    static mav_zone_rr rr;
    mav_lwip_board hooks = {hook_random, hook_unix_time, hook_log, NULL};
    mav_addr server;
    mav_perr perr;
    long n = read_host_file(o->anchors, anchors, sizeof anchors);

    if (n < 0) {
        say("verify: cannot read ", o->anchors, "\n");
        return -1;
    }
    memset(&server, 0, sizeof server);
    server.family = 4;
    memcpy(server.addr, &o->resolver.addr, 4); /* network order, as lwIP */
    server.port = 53;
    if (mav_lwip_init(&lw, &hooks) != MAV_OK ||
        mav_dns_init(&dns, &lw.port) != MAV_OK)
        return -1;
    mav_lwip_attach(&lw, &dns);
    if (mav_zone_trust_anchors(&dns, &rd, &rr, anchors, (size_t)n, &perr) !=
        MAV_OK) {
        say("verify: no trust anchor in ", o->anchors, "\n");
        return -1;
    }
    return mav_dns_add_server(&dns, &server) == MAV_OK ? 0 : -1;
}

typedef struct {
    const char *name;
    uint32_t value;
} counter;

/* "TITLE: name value name value ..." on one line. */
static void print_counters(const char *title, const counter *c, size_t n)
{
    size_t i;

    mav_board_print(title);
    for (i = 0; i < n; i++) {
        say(" ", c[i].name, " ");
        mav_board_print_u32(c[i].value);
    }
    mav_board_print("\n");
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void print_stats(void)
{
    const mav_dns_stats *d = mav_dns_get_stats(&dns);
    const mav_lan9118_stats *e = &net.eth.stats;
    const counter link[] = {
        {"rx-frames", e->rx_frames},     {"tx-frames", e->tx_frames},
        {"rx-bad", e->rx_bad},           {"rx-no-pbuf", e->rx_no_pbuf},
        {"tx-no-room", e->tx_no_room},   {"tx-errors", e->tx_errors},
        {"irq-errors", e->irq_errors},   {"link-events", e->link_events}};
    const counter ip[] = {
        {"ip-fragments-in", lwip_stats.ip_frag.recv},
        {"ip-checksum-errors", lwip_stats.ip.chkerr},
        {"udp-checksum-errors", lwip_stats.udp.chkerr},
        {"tcp-checksum-errors", lwip_stats.tcp.chkerr},
        {"port-rx-dropped", lw.rx_dropped},
        {"port-tx-dropped", lw.tx_dropped}};
    const counter resolver[] = {
        {"lookups", d->lookups},         {"cache-hits", d->cache_hits},
        {"sent-udp", d->sent_udp},       {"sent-tcp", d->sent_tcp},
        {"truncated", d->truncated},     {"retries", d->retries},
        {"timeouts", d->timeouts},       {"validations", d->validations},
        {"sig-checks", d->sig_checks}};

    print_counters("link:", link, COUNT(link));
    print_counters("ip:", ip, COUNT(ip));
    print_counters("dns:", resolver, COUNT(resolver));
    mav_board_print("idle: ");
    mav_board_print_u32((uint32_t)(net.idle_us / 1000u));
    mav_board_print(" ms asleep in WFI of ");
    mav_board_print_u32(mav_board_now_ms());
    mav_board_print(" ms, sleeps ");
    mav_board_print_u32(net.sleeps);
    mav_board_print("\n");
}

int main(int argc, char **argv)
{
    static char jobs[JOBS_BYTES];
    const char *which = NULL;
    char *line, *next;
    int status = MAV_BOARD_EXIT_OK, messages = 0;
    options o;
    job j;

    if (parse_options(argc, argv, &o) != 0) {
        mav_board_print("usage: verify --anchors FILE --now SECONDS "
                        "[--addr A.B.C.D/PREFIX] [--resolver A.B.C.D] "
                        "[--authserv-id ID] JOBS\n");
        return MAV_BOARD_EXIT_USAGE;
    }
    wall_clock = o.now;
    mav_crypto_init();
    if (mav_crypto_selftest(&which) != 0) {
        say("self-test: FAILED in ", which ? which : "?", "\n");
        return MAV_BOARD_EXIT_FAILED;
    }
    if (read_host_file(o.jobs, jobs, sizeof jobs) < 0) {
        say("verify: cannot read ", o.jobs, "\n");
        return MAV_BOARD_EXIT_USAGE;
    }
    /* Randomness first: lwip_init() draws, and so do the ISN key and
     * every query. Without it nothing may be sent. */
    if (mav_board_random_seed() != 0 || mav_board_tcp_isn_init() != 0) {
        mav_board_print("verify: no randomness, nothing sent\n");
        return MAV_BOARD_EXIT_FAILED;
    }
    if (mav_board_net_start(&net, &o.addr, &o.mask, LINK_WAIT_MS) != 0 ||
        resolver_start(&o) != 0)
        return MAV_BOARD_EXIT_FAILED;
    say("verify: ", ip4addr_ntoa(&o.addr), " up, resolver ");
    say(ip4addr_ntoa(&o.resolver), "", "\n");

    for (line = jobs; line != NULL && *line; line = next) {
        int rc;
        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = 0;
        if (line[0] == '#' || blank(line))
            continue;
        if (parse_job(line, &j) != 0) {
            say("verify: a job line needs CLIENT-IP HELO MAIL-FROM MESSAGE "
                "OUTPUT: ", line, "\n");
            status = MAV_BOARD_EXIT_USAGE;
            continue;
        }
        messages++;
        rc = verify_one(&o, &j);
        if (rc != MAV_BOARD_EXIT_OK &&
            (status == MAV_BOARD_EXIT_OK || rc == MAV_BOARD_EXIT_USAGE))
            status = rc;
    }
    mav_board_print("verify: messages ");
    mav_board_print_u32((uint32_t)messages);
    mav_board_print("\n");
    print_stats();
    mav_lwip_close(&lw);
    return status;
}
