/* SPDX-License-Identifier: MIT */
/*
 * world.c - the whole verifier on the mps2-an386 board, with the board's
 * memory budget (boards/qemu-mps2-an386/mav_opts.h), over the zone port
 * (port/zone) serving the signed test world's zones, read from the host
 * by semihosting. No network: answers come from the zone files, the wall
 * clock is the world's. tests/qemu-mps2-an386/run-world drives it.
 *
 * It reads a script (argv[1]) of one command per line:
 *   now SECONDS                the wall clock (the world's "now" file)
 *   anchors FILE               trust anchors (the world's root.ds)
 *   zone FILE ORIGIN           a zone ("." for the root)
 *   verify FILE IP HELO FROM   verify one message (LF or CRLF lines);
 *                              its Authentication-Results field is
 *                              printed between "--- FILE" and "---"
 *   chain NAME                 bench: a lookup of NAME A, cold (cache
 *                              flushed) and warm (the chain's DS and
 *                              DNSKEY sets kept, the answer not)
 *   bench LABEL FILE IP HELO FROM
 *                              bench: one message verified cold (cache
 *                              flushed) and warm (every answer cached)
 * Every mav call (verify, resolver input and poll) runs with the stack
 * painted below it, and the deepest use is printed at the end: "mav
 * stack: N bytes" (the zone port's own answering is not counted: it is
 * the test harness, not mav). With argv[2] = "count" the bench commands
 * print instructions per operation instead, read from SysTick under
 * QEMU's -icount (one instruction = 1 ns of virtual time; SysTick counts
 * the 25 MHz processor clock, calibrated against a loop of known
 * length): "insns NAME cold N warm N". Instructions spent by the zone
 * port answering are left out of them, and painting is off.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "semihost.h"
#include "mav_crypto.h"
#include "mav_dns.h"
#include "mav_dns_wire.h"
#include "mav_ip_text.h"
#include "mav_verify.h"
#include "zone/mav_zone.h"

void mav_board_print_budget(void);

#define AUTHSERV_ID "mx.mav.test"
#define ZONE_TEXT_MAX (512u * 1024u)
#define MSG_MAX (64u * 1024u)
#define SCRIPT_MAX 8192u
#define ANCHOR_MAX 4096u
#define RUN_LIMIT 100000u  /* rounds of the event loop per operation */
#define MAX_QUESTIONS 16   /* questions one cold lookup may ask */

static mav_zone_port zp;
static mav_dns_ctx resolver;
static mav_verify_ctx verifier;
static mav_zone_reader anchor_rd;
static mav_zone_rr anchor_rr;
static char zone_text[ZONE_TEXT_MAX];
static size_t zone_used;
static char anchors[ANCHOR_MAX];
static size_t anchors_len;
static uint8_t msg[MSG_MAX];
static char script[SCRIPT_MAX];
static char field[4096];
static int64_t world_now = MAV_PORT_TIME_UNKNOWN;
static int counting; /* "count": instructions, no stack painting */
static int failures;

/* ---- output ------------------------------------------------------------ */

/* Counts up to 2^32 - 1, saturated (a message costs at most 10^9). */
static void print_count(uint64_t v)
{
    mav_board_print_u32(v > UINT32_MAX ? UINT32_MAX : (uint32_t)v);
}

static void fail(const char *what, const char *detail)
{
    mav_board_print("FAIL: ");
    mav_board_print(what);
    if (detail) {
        mav_board_print(": ");
        mav_board_print(detail);
    }
    mav_board_print("\n");
    failures++;
}

/* ------------------------------------------------------------------------ */

/* The whole of PATH into buf[0..cap); its length, or -1. */
static long read_file(const char *path, void *buf, size_t cap)
{
    int h = mav_semihost_open(path, MAV_SEMIHOST_READ);
    long n, got = 0;

    if (h < 0)
        return -1;
    while ((size_t)got < cap &&
           (n = mav_semihost_read(h, (uint8_t *)buf + got,
                                  cap - (size_t)got)) > 0)
        got += n;
    (void)mav_semihost_close(h);
    return (size_t)got < cap ? got : -1;
}

/* ------------------------------------------------------------------------ */

#define SYST_CVR (*(volatile uint32_t *)0xe000e018u)
#define CLOCKS_PER_MS (MAV_BOARD_SYSCLK_HZ / 1000u)

/* Processor clocks since SysTick started: the millisecond count and the
 * down-counter read until both agree. */
static uint64_t clocks(void)
{
    uint32_t ms, cvr;

    do {
        ms = mav_board_now_ms();
        cvr = SYST_CVR;
    } while (mav_board_now_ms() != ms);
    return (uint64_t)ms * CLOCKS_PER_MS + (CLOCKS_PER_MS - 1u - cvr);
}

/* Instructions per SysTick clock, times 1000: a loop of two
 * instructions (subs, bne) run 2^20 times. */
static uint32_t milli_insns_per_clock = 40000;

static void calibrate(void)
{
    uint32_t n = 1u << 20;
    uint64_t t0, t1;

    t0 = clocks();
    __asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+r"(n) : : "cc");
    t1 = clocks();
    if (t1 > t0)
        milli_insns_per_clock = (uint32_t)((2000ull << 20) / (t1 - t0));
}

static uint64_t insns(uint64_t clk)
{
    return clk * milli_insns_per_clock / 1000u;
}

/* ------------------------------------------------------------------------ */

#define PROBE_BYTES 16384u
#define PROBE_PAINT 0xc0ffee11u

static size_t stack_max;
static const char *stack_max_at = "";

static uintptr_t sp_now(void)
{
    uintptr_t sp;

    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Paint PROBE_BYTES below this frame (not inlined: its own frame is the
 * lowest live one while it runs). */
__attribute__((noinline)) static void probe_paint(void)
{
    uint32_t *p = (uint32_t *)((sp_now() - PROBE_BYTES) & ~(uintptr_t)3);
    uint32_t *end = (uint32_t *)(sp_now() - 64);

    while (p < end)
        *p++ = PROBE_PAINT;
}

/* After a call made from a frame whose sp was top: the bytes below top
 * that the call wrote. */
static void probe_check(uintptr_t top, const char *what)
{
    const uint32_t *p = (const uint32_t *)((top - PROBE_BYTES + 64) &
                                           ~(uintptr_t)3);
    size_t used;

    while ((uintptr_t)p < top && *p == PROBE_PAINT)
        p++;
    used = (size_t)(top - (uintptr_t)p);
    if (used > stack_max) {
        stack_max = used;
        stack_max_at = what;
    }
}

/* Run a mav call with the stack painted below it (not when counting). */
#define PROBED(what, call)                                                \
    do {                                                                  \
        uintptr_t top_;                                                   \
        if (!counting)                                                    \
            probe_paint();                                                \
        top_ = sp_now();                                                  \
        call;                                                             \
        if (!counting)                                                    \
            probe_check(top_, what);                                      \
    } while (0)

/* ------------------------------------------------------------------------ */

static uint64_t port_clocks; /* spent answering, not mav's */
static int log_on;
static unsigned n_logged;
static uint8_t logged_name[MAX_QUESTIONS][MAV_DNS_NAME_MAX];
static size_t logged_len[MAX_QUESTIONS];
static uint16_t logged_type[MAX_QUESTIONS];
static int (*zone_udp_send)(void *, unsigned, const uint8_t *, size_t);

/* The zone port's udp_send, noting the question when asked to. */
static int logged_udp_send(void *user, unsigned slot, const uint8_t *pkt,
                           size_t len)
{
    mav_dns_msg m;
    uint16_t qclass;

    if (log_on && n_logged < MAX_QUESTIONS &&
        mav_dns_msg_parse(&m, pkt, len, NULL) == MAV_OK &&
        mav_dns_msg_question(&m, logged_name[n_logged],
                             &logged_len[n_logged], &logged_type[n_logged],
                             &qclass) == MAV_OK)
        n_logged++;
    return zone_udp_send(user, slot, pkt, len);
}

/* What mav_zone_pump does for UDP, with the answering timed apart from
 * the resolver's input; TCP (answers over MAV_CFG_ZONE_UDP_MAX) goes
 * through mav_zone_pump itself, all of it counted as the port's. */
static unsigned pump(void)
{
    static uint8_t resp[MAV_CFG_DNS_MSG_MAX];
    unsigned i, pushed = 0;

    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++) {
        mav_addr from = zp.slot[i].server;
        size_t len;
        uint64_t t0;
        int rc;

        if (!zp.slot[i].udp_open || !zp.slot[i].udp_ready)
            continue;
        zp.slot[i].udp_ready = 0;
        zp.stats.udp_queries++;
        t0 = clocks();
        rc = mav_zone_answer(&zp, zp.slot[i].q, zp.slot[i].qlen, 0, resp,
                             sizeof resp, &len);
        port_clocks += clocks() - t0;
        if (rc != MAV_OK)
            continue;
        PROBED("mav_dns_udp_input",
               mav_dns_udp_input(&resolver, i, &from, resp, len));
        pushed++;
    }
    if (pushed == 0) {
        uint64_t t0 = clocks();
        pushed = mav_zone_pump(&zp);
        port_clocks += clocks() - t0;
    }
    return pushed;
}

/* Pump answers and poll until the resolver is idle or `done` says so;
 * only timers left: the virtual clock jumps to the next deadline. */
static int run(int (*done)(void))
{
    unsigned round;

    for (round = 0; round < RUN_LIMIT; round++) {
        uint32_t wait = UINT32_MAX;
        int rc;

        PROBED("mav_dns_poll", rc = mav_dns_poll(&resolver, &wait));
        if (done && done())
            return MAV_OK;
        if (pump() > 0)
            continue;
        if (rc != MAV_PENDING)
            return done ? (done() ? MAV_OK : MAV_ERR_STATE) : MAV_OK;
        zp.now += wait ? wait : 1;
    }
    return MAV_ERR_TIMEOUT;
}

/* ------------------------------------------------------------------------ */

/* "a.b" (or ".") as a wire name: labels of letters, digits, - and _. */
static int wire_name(const char *text, uint8_t *out, size_t *len)
{
    size_t n = 0;

    while (*text && *text != '.') {
        size_t l = 0;
        while (text[l] && text[l] != '.')
            l++;
        if (l == 0 || l > 63 || n + l + 2 > MAV_DNS_NAME_MAX)
            return -1;
        out[n++] = (uint8_t)l;
        memcpy(out + n, text, l);
        n += l;
        text += l;
        if (*text == '.')
            text++;
    }
    out[n++] = 0;
    *len = n;
    return 0;
}

static void resolver_setup(void)
{
    mav_addr any;
    mav_perr e;

    memset(&any, 0, sizeof any);
    any.family = 4;
    any.addr[0] = 127;
    any.addr[3] = 1;
    any.port = 53;
    if (mav_dns_init(&resolver, &zp.port) != MAV_OK ||
        mav_dns_add_server(&resolver, &any) != MAV_OK) {
        fail("resolver", "init");
        return;
    }
    mav_zone_attach(&zp, &resolver);
    memset(&e, 0, sizeof e);
    if (anchors_len &&
        mav_zone_trust_anchors(&resolver, &anchor_rd, &anchor_rr, anchors,
                               anchors_len, &e) != MAV_OK)
        fail("anchors", e.what);
}

static void cmd_zone(const char *path, const char *origin_text)
{
    uint8_t origin[MAV_DNS_NAME_MAX];
    size_t olen;
    long n;
    mav_perr e;

    n = read_file(path, zone_text + zone_used, ZONE_TEXT_MAX - zone_used);
    if (n < 0 || wire_name(origin_text, origin, &olen) != 0) {
        fail("cannot read zone", path);
        return;
    }
    memset(&e, 0, sizeof e);
    if (mav_zone_add(&zp, zone_text + zone_used, (size_t)n, origin, &e) !=
        MAV_OK) {
        fail(path, e.what ? e.what : "mav_zone_add");
        return;
    }
    zone_used += (size_t)n;
}

/* ------------------------------------------------------------------------ */

static int verify_done(void)
{
    int rc;

    PROBED("mav_verify_poll", rc = mav_verify_poll(&verifier));
    return rc != MAV_PENDING;
}

/* Feed msg[0..n) with bare LFs made CRLF (SMTP's form, as the mav tool
 * does), in pieces of at most 256 bytes. */
static void feed(size_t n)
{
    static const uint8_t crlf[2] = {'\r', '\n'};
    size_t i = 0, start = 0;

    while (i < n) {
        if (msg[i] == '\n' && (i == 0 || msg[i - 1] != '\r')) {
            if (i > start)
                PROBED("mav_verify_feed",
                       mav_verify_feed(&verifier, msg + start, i - start));
            PROBED("mav_verify_feed", mav_verify_feed(&verifier, crlf, 2));
            start = ++i;
            continue;
        }
        if (++i - start == 256) {
            PROBED("mav_verify_feed",
                   mav_verify_feed(&verifier, msg + start, i - start));
            start = i;
        }
    }
    if (i > start)
        PROBED("mav_verify_feed",
               mav_verify_feed(&verifier, msg + start, i - start));
}

/* Verify the message of path; MAV_OK with its field in `field`. */
static int verify_one(const char *path, const char *ip, const char *helo,
                      const char *from)
{
    mav_verify_envelope_in env;
    size_t len;
    long n;
    int rc;

    n = read_file(path, msg, sizeof msg);
    if (n < 0) {
        fail("cannot read message", path);
        return MAV_ERR_ARG;
    }
    memset(&env, 0, sizeof env);
    env.client.family = 4;
    if (mav_ip4_from_text(ip, strlen(ip), env.client.addr) != 0) {
        fail("not an IPv4 address", ip);
        return MAV_ERR_ARG;
    }
    env.helo = helo;
    env.mail_from = from;
    PROBED("mav_verify_init",
           rc = mav_verify_init(&verifier, &resolver, world_now));
    if (rc == MAV_OK)
        PROBED("mav_verify_envelope",
               rc = mav_verify_envelope(&verifier, &env));
    if (rc != MAV_OK) {
        fail("envelope refused", path);
        return rc;
    }
    feed((size_t)n);
    PROBED("mav_verify_end", mav_verify_end(&verifier));
    rc = run(verify_done);
    if (rc != MAV_OK) {
        mav_verify_abort(&verifier);
        fail("verification did not finish", path);
        return rc;
    }
    PROBED("mav_verify_authres",
           rc = mav_verify_authres(&verifier, AUTHSERV_ID, field,
                                   sizeof field, &len));
    if (rc != MAV_OK)
        fail("Authentication-Results did not fit", path);
    return rc;
}

static void cmd_verify(char **w)
{
    if (verify_one(w[1], w[2], w[3], w[4]) != MAV_OK)
        return;
    mav_board_print("--- ");
    mav_board_print(w[1]);
    mav_board_print("\n");
    mav_board_print(field); /* it ends with CRLF */
    mav_board_print("---\n");
}

/* ------------------------------------------------------------------------ */

static void print_insns(const char *name, uint64_t cold, uint64_t warm,
                        uint32_t cold_sigs, uint32_t warm_sigs)
{
    mav_board_print("insns ");
    mav_board_print(name);
    mav_board_print(" cold ");
    print_count(cold);
    mav_board_print(" (");
    mav_board_print_u32(cold_sigs);
    mav_board_print(" sig) warm ");
    print_count(warm);
    mav_board_print(" (");
    mav_board_print_u32(warm_sigs);
    mav_board_print(" sig)\n");
}

static uint32_t sig_checks(void)
{
    return mav_dns_get_stats(&resolver)->sig_checks;
}

/* Clocks of mav's own work in one verification of the message. */
/* w: FILE IP HELO FROM */
static uint64_t timed_verify(char **w, uint32_t *sigs, int *ok)
{
    uint64_t t0, port0;
    uint32_t s0 = sig_checks();

    port0 = port_clocks;
    t0 = clocks();
    *ok = verify_one(w[0], w[1], w[2], w[3]) == MAV_OK;
    t0 = clocks() - t0 - (port_clocks - port0);
    *sigs = sig_checks() - s0;
    return t0;
}

static void cmd_bench(char **w)
{
    uint64_t cold, warm;
    uint32_t cold_sigs, warm_sigs;
    int ok;

    mav_dns_cache_flush(&resolver);
    cold = timed_verify(w + 2, &cold_sigs, &ok);
    if (ok)
        warm = timed_verify(w + 2, &warm_sigs, &ok);
    if (!ok)
        return;
    /* the message file is read by semihosting inside verify_one: a
     * host call, one instruction for the target */
    print_insns(w[1], insns(cold), insns(warm), cold_sigs, warm_sigs);
}

static mav_dns_handle lookup_h;

static int lookup_done(void)
{
    mav_dns_result res;

    return mav_dns_get_result(&resolver, lookup_h, &res) == MAV_OK &&
           res.status != MAV_DNS_PENDING;
}

/* One lookup to its end; the result's verdict, or -1. */
static int resolve(const uint8_t *name, size_t len, uint16_t type,
                   mav_dns_handle *keep)
{
    mav_dns_result res;
    int rc;

    PROBED("mav_dns_lookup",
           rc = mav_dns_lookup(&resolver, name, len, type, &lookup_h));
    if (rc == MAV_PENDING)
        rc = run(lookup_done);
    if (rc != MAV_OK ||
        mav_dns_get_result(&resolver, lookup_h, &res) != MAV_OK)
        return -1;
    if (keep)
        *keep = lookup_h;
    else
        mav_dns_release(&resolver, lookup_h);
    return res.status == MAV_DNS_ANSWER ? (int)res.dnssec : -1;
}

static uint64_t timed_resolve(const uint8_t *name, size_t len, int *verdict,
                              uint32_t *sigs)
{
    uint64_t t0, port0 = port_clocks;
    uint32_t s0 = sig_checks();

    t0 = clocks();
    *verdict = resolve(name, len, MAV_DNS_TYPE_A, NULL);
    t0 = clocks() - t0 - (port_clocks - port0);
    *sigs = sig_checks() - s0;
    return t0;
}

static void cmd_chain(char **w)
{
    uint8_t name[MAV_DNS_NAME_MAX];
    size_t len;
    mav_dns_handle pins[MAX_QUESTIONS];
    unsigned i, npins = 0;
    uint64_t cold, warm;
    uint32_t cold_sigs, warm_sigs;
    int v;

    if (wire_name(w[1], name, &len) != 0) {
        fail("bad name", w[1]);
        return;
    }
    mav_dns_cache_flush(&resolver);
    n_logged = 0;
    log_on = 1;
    cold = timed_resolve(name, len, &v, &cold_sigs);
    log_on = 0;
    if (v != MAV_DNSSEC_SECURE) {
        fail("cold chain not secure", w[1]);
        return;
    }
    /* hold the chain's DS and DNSKEY answers, then drop the rest */
    for (i = 0; i < n_logged; i++)
        if (logged_type[i] == MAV_DNS_TYPE_DS ||
            logged_type[i] == MAV_DNS_TYPE_DNSKEY)
            if (resolve(logged_name[i], logged_len[i], logged_type[i],
                        &pins[npins]) >= 0)
                npins++;
    mav_dns_cache_flush(&resolver);
    warm = timed_resolve(name, len, &v, &warm_sigs);
    for (i = 0; i < npins; i++)
        mav_dns_release(&resolver, pins[i]);
    if (v != MAV_DNSSEC_SECURE) {
        fail("warm chain not secure", w[1]);
        return;
    }
    print_insns(w[1], insns(cold), insns(warm), cold_sigs, warm_sigs);
}

/* ------------------------------------------------------------------------ */

/* Split line into at most max words at blanks; returns the count. */
static unsigned words(char *line, char **w, unsigned max)
{
    unsigned n = 0;

    while (*line && n < max) {
        while (*line == ' ' || *line == '\t')
            *line++ = 0;
        if (!*line)
            break;
        w[n++] = line;
        while (*line && *line != ' ' && *line != '\t')
            line++;
    }
    return n;
}

static int64_t parse_i64(const char *s)
{
    int64_t v = 0;

    while (*s >= '0' && *s <= '9' && v < INT64_MAX / 10 - 10)
        v = v * 10 + (*s++ - '0');
    return v;
}

static void command(char *line)
{
    char *w[6];
    unsigned n = words(line, w, 6);
    long len;

    if (n == 0 || w[0][0] == '#')
        return;
    if (n == 2 && strcmp(w[0], "now") == 0) {
        world_now = parse_i64(w[1]);
        zp.unix_time = world_now;
    } else if (n == 2 && strcmp(w[0], "anchors") == 0) {
        len = read_file(w[1], anchors, sizeof anchors);
        if (len < 0)
            fail("cannot read anchors", w[1]);
        else
            anchors_len = (size_t)len;
        resolver_setup();
    } else if (n == 3 && strcmp(w[0], "zone") == 0) {
        cmd_zone(w[1], w[2]);
    } else if (n == 5 && strcmp(w[0], "verify") == 0) {
        cmd_verify(w);
    } else if (n == 6 && strcmp(w[0], "bench") == 0) {
        cmd_bench(w);
    } else if (n == 2 && strcmp(w[0], "chain") == 0) {
        cmd_chain(w);
    } else {
        fail("bad script line", w[0]);
    }
}

int main(int argc, char **argv)
{
    const char *which = NULL;
    char *line, *nl;
    long n;

    if (argc < 2 || (argc == 3 && strcmp(argv[2], "count") != 0) ||
        argc > 3) {
        mav_board_print("usage: world SCRIPT [count]\n");
        return MAV_BOARD_EXIT_USAGE;
    }
    counting = argc == 3;
    n = read_file(argv[1], script, sizeof script - 1);
    if (n < 0) {
        fail("cannot read script", argv[1]);
        return MAV_BOARD_EXIT_USAGE;
    }
    script[n] = 0;
    mav_crypto_init();
    if (mav_crypto_selftest(&which) != 0) {
        fail("self-test", which);
        return MAV_BOARD_EXIT_FAILED;
    }
    mav_board_print_budget();
    if (counting)
        calibrate();
    mav_zone_init(&zp, 1);
    zone_udp_send = zp.port.udp_send;
    zp.port.udp_send = logged_udp_send;
    for (line = script; *line; line = nl) {
        nl = strchr(line, '\n');
        if (nl)
            *nl++ = 0;
        else
            nl = line + strlen(line);
        command(line);
    }
    if (counting) {
        mav_board_print("SysTick calibration: ");
        mav_board_print_u32(milli_insns_per_clock);
        mav_board_print(" instructions per 1000 clocks\n");
    } else {
        mav_board_print("mav stack: ");
        mav_board_print_u32((uint32_t)stack_max);
        mav_board_print(" bytes (deepest in ");
        mav_board_print(stack_max_at);
        mav_board_print(")\n");
    }
    mav_board_print("Mbed TLS arena: ");
    mav_board_print_u32((uint32_t)mav_crypto_arena_peak());
    mav_board_print(" of ");
    mav_board_print_u32((uint32_t)mav_crypto_arena_size());
    mav_board_print(" bytes\n");
    return failures ? MAV_BOARD_EXIT_FAILED : MAV_BOARD_EXIT_OK;
}
