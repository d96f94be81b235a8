/* SPDX-License-Identifier: MIT */
/*
 * fuzz_verify.c - libFuzzer target for the whole verifier (mav_verify.h,
 * issue #7: "message bytes plus canned DNS"). The input is
 *
 *     <zone text, origin fz.> "\n%%\n" <MAIL FROM> "\n" <message bytes>
 *
 * The zone (records for SPF, DKIM and DMARC of a few domains under fz.)
 * is served by the zone port (port/zone); if it does not load, every
 * query is refused, which is a run too. The envelope is client 192.0.2.1,
 * HELO mail.fz, and the MAIL FROM line (empty: the null reverse path).
 * The message is fed in chunks of 1 + size % 61 bytes. An input of odd
 * size runs under a small work budget taken from its last byte, so the
 * budget's stop paths are fuzzed too.
 *
 * Checked: every run ends (a bounded loop: the verifier may not wait on
 * a resolver that has nothing to do, and 1000 rounds is far beyond any
 * legal message); the A-R field is always written (MAV_OK into 8 KB,
 * MAV_ERR_SPACE into 16 bytes) and holds only printable ASCII, CR, LF
 * and TAB; the work counted never passes the budget (DMARC's last step
 * aside, as mav_verify.h says) and no signature check is over it. A
 * crash, a sanitizer report or abort() is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_verify.h"
#include "zone/mav_zone.h"
#ifdef FUZZ_VERIFY_PRINT /* -DFUZZ_VERIFY_PRINT: show each field (seeds) */
#include <stdio.h>
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mav_zone_port zp;
static mav_dns_ctx dns;
static mav_verify_ctx ver;
static char ar[8192];
static char mail_from[300];

static const uint8_t *find(const uint8_t *p, size_t n, const char *s,
                           size_t sl)
{
    size_t i;

    for (i = 0; i + sl <= n; i++)
        if (memcmp(p + i, s, sl) == 0)
            return p + i;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t origin[] = {2, 'f', 'z', 0};
    const uint8_t *sep = find(data, size, "\n%%\n", 4), *msg, *nl;
    size_t zone_len, msg_len, off, chunk, len, i;
    mav_verify_envelope_in env;
    mav_verify_work w;
    mav_addr server;
    unsigned max_q = 0, max_s = 0, rounds;
    int rc;

    if (sep == NULL)
        return 0;
    zone_len = (size_t)(sep - data);
    msg = sep + 4;
    msg_len = size - zone_len - 4;
    nl = find(msg, msg_len, "\n", 1);
    len = nl ? (size_t)(nl - msg) : 0;
    if (len >= sizeof mail_from)
        len = sizeof mail_from - 1;
    memcpy(mail_from, msg, len);
    mail_from[len] = 0;
    if (memchr(mail_from, 0, len)) /* a C string: cut at a NUL */
        len = strlen(mail_from);
    if (nl) {
        msg_len -= (size_t)(nl + 1 - msg);
        msg = nl + 1;
    }

    mav_zone_init(&zp, 1);
    zp.unix_time = 1800000000;
    (void)mav_zone_add(&zp, (const char *)data, zone_len, origin, NULL);
    memset(&server, 0, sizeof server);
    server.family = 4;
    server.addr[0] = 192;
    server.addr[3] = 53;
    server.port = 53;
    if (mav_dns_init(&dns, &zp.port) != MAV_OK ||
        mav_dns_add_server(&dns, &server) != MAV_OK ||
        mav_dns_set_trust_anchors(&dns, NULL, 0) != MAV_OK)
        abort();
    mav_zone_attach(&zp, &dns);

    if (mav_verify_init(&ver, &dns, 1800000000) != MAV_OK)
        abort();
    if (size & 1) {
        uint8_t b = data[size - 1];
        max_q = 1 + (b & 31u);
        max_s = 1 + (b >> 5);
        if (mav_verify_set_budget(&ver, max_q, max_s) != MAV_OK)
            abort();
    }
    memset(&env, 0, sizeof env);
    env.client.family = 4;
    env.client.addr[0] = 192;
    env.client.addr[2] = 2;
    env.client.addr[3] = 1;
    env.helo = "mail.fz";
    env.mail_from = mail_from;
    if (mav_verify_envelope(&ver, &env) != MAV_OK) {
        /* only a MAIL FROM too long for the configuration */
        mav_verify_abort(&ver);
        return 0;
    }
    chunk = 1 + size % 61;
    for (off = 0; off < msg_len; off += chunk) {
        size_t n = msg_len - off < chunk ? msg_len - off : chunk;
        if (mav_verify_feed(&ver, msg + off, n) != n)
            abort();
    }
    if (mav_verify_end(&ver) != MAV_OK)
        abort();
    for (rounds = 0;; rounds++) {
        rc = mav_verify_poll(&ver);
        if (rc != MAV_PENDING)
            break;
        /* pending with an idle resolver: nothing will ever come */
        if (rounds >= 1000 || mav_dns_poll(&dns, NULL) == MAV_OK)
            abort();
        (void)mav_zone_run(&zp, 600000);
    }
    if (rc != MAV_OK)
        abort();

    /* the budget held */
    mav_verify_work_get(&ver, &w);
    if (w.sigchecks > w.max_sigchecks ||
        w.queries > w.max_queries + 4 + MAV_CFG_DMARC_IDENTIFIERS ||
        w.queries != w.spf_queries + w.dkim_queries + w.dmarc_queries)
        abort();
    if (max_q && (w.max_queries != max_q || w.max_sigchecks != max_s))
        abort();

    /* the field: written whole, or MAV_ERR_SPACE when it cannot fit */
    rc = mav_verify_authres(&ver, "mx.fz", ar, sizeof ar, &len);
    if (rc != MAV_OK || len >= sizeof ar || strlen(ar) != len)
        abort();
#ifdef FUZZ_VERIFY_PRINT
    fprintf(stderr, "%s  work: %u lookups (spf %u dkim %u dmarc %u) of %u, "
            "%u checks of %u%s\n", ar, w.queries, w.spf_queries,
            w.dkim_queries, w.dmarc_queries, w.max_queries, w.sigchecks,
            w.max_sigchecks, w.exceeded ? ", exceeded" : "");
#endif
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)ar[i];
        if (!((c >= 0x20 && c < 0x7f) || c == '\r' || c == '\n' ||
              c == '\t'))
            abort();
    }
    {
        char tiny[16];
        size_t need = 0;
        if (mav_verify_authres(&ver, "mx.fz", tiny, sizeof tiny, &need) !=
            MAV_ERR_SPACE)
            abort();
    }
    mav_verify_abort(&ver);
    return 0;
}
