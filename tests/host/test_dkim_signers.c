/* SPDX-License-Identifier: MIT */
/*
 * test_dkim_signers.c - mav's DKIM verifier against independent signers
 * and an independent verifier, on messages made at test time by
 * tests/dkim/make-signed-mail: dkimpy (python3-dkim) and OpenDKIM
 * (libopendkim through tests/dkim/odkim-sign.c, built at test time, and
 * opendkim-testmsg for rsa-sha1) sign with RSA 1024/2048/4096 and
 * Ed25519 keys made by openssl, every canonicalization pair, l=, two and
 * three signatures (OpenDKIM's and dkimpy's on one message too),
 * over-signed headers, 8-bit, long-line and empty bodies, plus tampered
 * copies. For every message:
 *   - mav's result per signature must be the case's expected one;
 *   - "pass or not" must agree with dkimpy's dkimverify code on the same
 *     message and key records (its dnsfunc hook); the one accepted
 *     difference is rsa-sha1, which dkimpy passes and RFC 8301 forbids;
 *   - the same results fed a byte at a time and in random chunks, and
 *     for small messages signed with fast keys, cut at every offset.
 * Then a 50 MB body, generated on the fly, verifies with the same context
 * and the same crypto arena peak as a small message; and, on the signed
 * test world (tests/world-signed: NSD and Unbound on 127.0.0.1), messages
 * signed by dkimpy with the world's published DKIM keys (RSA-2048 and
 * Ed25519 in alg8.test, alg13.test, nsec3.test, insecure.alg8.test)
 * pass in mav through its validating resolver, with the key's DNSSEC
 * verdict (secure, or insecure below the unsigned delegation), and in
 * dkimpy through the same recursor.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dkimrun.h"
#include "mav_posix.h"
#include "test.h"
#include "zone/mav_zone.h"

static char dir[700];
static char zone_text[65536];
static uint8_t msgbuf[1 << 18];
static unsigned compared, agreed, expected_divergence, every_offset;
static unsigned od_compared, od_agreed, od_passed, od_failed;

/* "pass,fail" versus dkimpy's "pass,nopass": same pass-or-not? */
static int agrees(const char *mav, const char *py)
{
    for (;;) {
        int mp = strncmp(mav, "pass", 4) == 0 &&
                 (mav[4] == ',' || mav[4] == 0);
        int pp = strncmp(py, "pass", 4) == 0 && (py[4] == ',' || py[4] == 0);
        const char *a = strchr(mav, ','), *b = strchr(py, ',');
        if (mp != pp)
            return 0;
        if (!a || !b)
            return !a && !b;
        mav = a + 1;
        py = b + 1;
    }
}

static void one_case(char *line)
{
    char *f[6], *p = line, got[256], label[600];
    unsigned k;
    long n;
    int64_t now;
    size_t at;

    for (k = 0; k < 6; k++) {
        f[k] = p;
        p = strchr(p, '|');
        if (p)
            *p++ = 0;
        else if (k < 5) {
            CHECK_L("cases.txt line has 6 fields", 0);
            return;
        }
    }
    f[5][strcspn(f[5], "\r\n")] = 0;
    now = strtoll(f[2], NULL, 10);
    n = test_read_file(f[1], msgbuf, sizeof msgbuf);
    if (n <= 0) {
        CHECK_L(f[0], 0);
        return;
    }
    dkimrun(msgbuf, (size_t)n, DKR_WHOLE, 0, now, got, sizeof got);
    snprintf(label, sizeof label, "%s: mav %s, expected %s", f[0], got,
             f[3]);
    CHECK_L(label, strcmp(got, f[3]) == 0);
    compared++;
    if (strcmp(f[5], "rfc8301") == 0) {
        /* dkimpy still accepts rsa-sha1; RFC 8301 §3.1 says never */
        snprintf(label, sizeof label, "%s: dkimpy %s (rsa-sha1 accepted)",
                 f[0], f[4]);
        CHECK_L(label, strcmp(f[4], "pass") == 0);
        expected_divergence++;
    } else {
        snprintf(label, sizeof label, "%s: mav %s, dkimpy %s", f[0], got,
                 f[4]);
        CHECK_L(label, agrees(got, f[4]));
        if (agrees(got, f[4]))
            agreed++;
        if (strncmp(f[0], "opendkim-", 9) == 0) {
            /* OpenDKIM's signatures: every one passes or fails in both */
            od_compared++;
            if (agrees(got, f[4])) {
                od_agreed++;
                if (strstr(got, "pass"))
                    od_passed++;
                else
                    od_failed++;
            }
        }
    }
    /* streaming invariance */
    dkimrun(msgbuf, (size_t)n, DKR_BYTES, 0, now, got, sizeof got);
    snprintf(label, sizeof label, "%s: a byte at a time gives %s", f[0],
             got);
    CHECK_L(label, strcmp(got, f[3]) == 0);
    for (at = 1; at <= 8; at++) {
        dkimrun(msgbuf, (size_t)n, DKR_RANDOM, at * 7919 + (size_t)n, now,
                got, sizeof got);
        snprintf(label, sizeof label, "%s: random chunks (%zu) give %s",
                 f[0], at, got);
        CHECK_L(label, strcmp(got, f[3]) == 0);
    }
    if (n < 1500 && (strstr(f[0], "-ed-") || strstr(f[0], "-r1024-") ||
                     strstr(f[0], "tamper-"))) {
        unsigned bad = 0;
        for (at = 0; at <= (size_t)n; at++) {
            dkimrun(msgbuf, (size_t)n, DKR_SPLIT, at, now, got, sizeof got);
            bad += strcmp(got, f[3]) != 0;
        }
        snprintf(label, sizeof label, "%s: cut at every offset", f[0]);
        CHECK_L(label, bad == 0);
        every_offset++;
    }
}

/* ---- 50 MB, generated on the fly ------------------------------------- */

/* The body make-signed-mail signed (big.head holds the fields): line i
 * is "line %08u of the big body\r\n" (31 bytes), until 50 MB. */
#define BIG_LINES (50u * 1000u * 1000u / 31u)

static void big_body(void)
{
    static uint8_t chunk[65536 + 64];
    static mav_dkim_ctx big;
    char path[800], got[64], t[32];
    long n, tn;
    size_t used = 0, peak_small, peak_big;
    unsigned i;
    int64_t now;
    mav_dkim_info in;
    int rc;

    snprintf(path, sizeof path, "%s/now", dir);
    tn = test_read_file(path, (uint8_t *)t, sizeof t - 1);
    now = tn > 0 ? (t[tn] = 0, strtoll(t, NULL, 10)) : 0;
    /* a small message with the same key first: the peak to compare */
    snprintf(path, sizeof path, "%s/msgs/dkimpy-ed-r-r.eml", dir);
    n = test_read_file(path, msgbuf, sizeof msgbuf);
    if (n > 0)
        dkimrun(msgbuf, (size_t)n, DKR_WHOLE, 0, now, got, sizeof got);
    peak_small = mav_crypto_arena_peak();
    /* the signature and header fields, then the body made as we go */
    snprintf(path, sizeof path, "%s/big.head", dir);
    n = test_read_file(path, msgbuf, sizeof msgbuf);
    if (n <= 0) {
        CHECK_L("big.head made", 0);
        return;
    }
    mav_dkim_init(&big, dkimrun_dns(), now);
    mav_dkim_feed(&big, msgbuf, (size_t)n);
    for (i = 0; i < BIG_LINES; i++) {
        used += (size_t)snprintf((char *)chunk + used, 64,
                                 "line %08u of the big body\r\n", i);
        if (used >= 65536) {
            mav_dkim_feed(&big, chunk, used);
            used = 0;
        }
    }
    mav_dkim_feed(&big, chunk, used);
    rc = mav_dkim_finish(&big);
    if (rc == MAV_PENDING) {
        dkimrun_pump();
        rc = mav_dkim_poll(&big);
    }
    CHECK_L("50 MB body verifies",
            rc == MAV_OK && mav_dkim_get(&big, 0, &in) == MAV_OK &&
                in.result == MAV_DKIM_PASS);
    CHECK_L("50 MB body counted", in.body_bytes == (uint64_t)BIG_LINES * 31);
    peak_big = mav_crypto_arena_peak();
    CHECK_L("same crypto arena peak as a small message",
            peak_big == peak_small);
    printf("  50 MB body: %s, %llu body bytes, the same %zu-byte context, "
           "arena peak %zu\n",
           mav_dkim_result_str(in.result),
           (unsigned long long)in.body_bytes, sizeof big, peak_big);
}

/* ---- the signed test world: keys from NSD through Unbound ------------ */

static mav_posix wpx;
static mav_dns_ctx wdns;
static mav_zone_reader wzr;
static mav_zone_rr wzrr;

static void world(void)
{
    const char *sdir = getenv("MAV_TEST_SIGNED_DIR");
    const char *srv = getenv("MAV_TEST_SIGNED_RECURSOR");
    static char anchors[8192], list[8192];
    char path[800], got[64], label[600];
    mav_addr a;
    long n;
    char *line, *next;
    unsigned count = 0;

    if (!sdir || !srv || mav_posix_parse_addr(srv, &a) != MAV_OK) {
        CHECK_L("signed test world (run under tools/run-tests)", 0);
        return;
    }
    snprintf(path, sizeof path, "%s/root.ds", sdir);
    n = test_read_file(path, (uint8_t *)anchors, sizeof anchors);
    mav_posix_init(&wpx);
    if (n <= 0 || mav_dns_init(&wdns, &wpx.port) != MAV_OK ||
        mav_zone_trust_anchors(&wdns, &wzr, &wzrr, anchors, (size_t)n,
                               NULL) != MAV_OK ||
        mav_dns_add_server(&wdns, &a) != MAV_OK) {
        CHECK_L("world resolver set-up", 0);
        return;
    }
    mav_posix_attach(&wpx, &wdns);
    if (test_sh("tests/dkim/make-signed-mail --world '%s' '%s' '%s' "
                ">/dev/null", sdir, srv, dir) != 0) {
        CHECK_L("make-signed-mail --world", 0);
        return;
    }
    snprintf(path, sizeof path, "%s/world.txt", dir);
    n = test_read_file(path, (uint8_t *)list, sizeof list - 1);
    if (n <= 0) {
        CHECK_L("world.txt", 0);
        return;
    }
    list[n] = 0;
    dkimrun_use_posix(&wdns, &wpx);
    for (line = list; line && *line; line = next) {
        char *f[6], *p = line;
        unsigned k;
        const mav_dkim_ctx *v;
        mav_dkim_info in;
        long ml;

        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        for (k = 0; k < 6 && p; k++) {
            f[k] = p;
            p = strchr(p, '|');
            if (p)
                *p++ = 0;
        }
        if (k < 6)
            continue;
        wpx.fixed_time = strtoll(f[2], NULL, 10);
        ml = test_read_file(f[1], msgbuf, sizeof msgbuf);
        if (ml <= 0)
            continue;
        v = dkimrun(msgbuf, (size_t)ml, DKR_WHOLE, 0,
                    strtoll(f[2], NULL, 10), got, sizeof got);
        mav_dkim_get(v, 0, &in);
        snprintf(label, sizeof label, "%s: mav %s, dnssec %s; dkimpy %s; "
                 "expected pass, %s", f[0], got,
                 mav_dnssec_verdict_str(in.key_dnssec), f[4], f[5]);
        CHECK_L(label, strcmp(got, "pass") == 0 &&
                           strcmp(f[4], "pass") == 0 &&
                           strcmp(mav_dnssec_verdict_str(in.key_dnssec),
                                  f[5]) == 0);
        count++;
    }
    dkimrun_use_posix(NULL, NULL);
    mav_posix_close(&wpx);
    CHECK_INT("world messages", count, 8);
    printf("  signed world: %u messages, keys through Unbound and NSD with "
           "their DNSSEC verdicts\n", count);
}

void suite_dkim_signers(void)
{
    char path[800];
    static char cases[1 << 17];
    long n;
    char *line, *next;

    snprintf(dir, sizeof dir, "%s/dkim-signers", test_tmpdir());
    test_sh("rm -rf '%s'", dir);
    if (test_sh("tests/dkim/make-signed-mail '%s' >/dev/null", dir) != 0) {
        CHECK_L("tests/dkim/make-signed-mail ran (python3-dkim, "
                "opendkim-tools, libopendkim-dev, openssl)",
                0);
        return;
    }
    snprintf(path, sizeof path, "%s/dkim.test.zone", dir);
    n = test_read_file(path, (uint8_t *)zone_text, sizeof zone_text);
    CHECK_L("zone read", n > 0 && dkimrun_zone(zone_text, (size_t)n) == 0);
    snprintf(path, sizeof path, "%s/cases.txt", dir);
    n = test_read_file(path, (uint8_t *)cases, sizeof cases - 1);
    if (n <= 0) {
        CHECK_L("cases.txt read", 0);
        return;
    }
    cases[n] = 0;
    for (line = cases; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        one_case(line);
    }
    printf("  %u messages; dkimpy agreed on %u, %u expected difference "
           "(rsa-sha1, RFC 8301); %u cut at every offset\n",
           compared, agreed, expected_divergence, every_offset);
    printf("  OpenDKIM-signed (rsa-sha256, ed25519-sha256): %u messages, "
           "dkimpy agreed on %u (%u passing, %u failing in both)\n",
           od_compared, od_agreed, od_passed, od_failed);
    CHECK_L("OpenDKIM signed rsa-sha256 and ed25519-sha256 messages",
            od_compared >= 90);
    big_body();
    world();
}
