/* SPDX-License-Identifier: MIT */
/*
 * test_verify_budget.c - the verifier's work budget per message
 * (mav_verify.h, MAV_CFG_VERIFY_MAX_QUERIES / _SIGCHECKS) over the zone
 * port: a costly but legal message, five Ed25519 DKIM signatures (their
 * key records are real, their b= is not: each costs a key lookup and a
 * signature check, and fails) and an SPF include chain nine deep (ten
 * lookups), verified
 *   - with the default budget: it completes, spf=pass, five dkim=fail,
 *     dmarc=pass, nothing stopped, the counts are what the checks spent;
 *   - with a budget of 2 signature checks: the third check is not run,
 *     the counts stop at the budget, SPF, the unchecked signatures and
 *     DMARC read temperror "work budget exceeded" in the A-R;
 *   - with a budget of 9 lookups: SPF's tenth lookup is never issued,
 *     the count stops at 9, the checks already decided keep their
 *     results;
 * and nothing more is spent by polling a stopped message again.
 */
#include <stdio.h>
#include <string.h>

#include "mav_crypto.h"
#include "mav_verify.h"
#include "test.h"
#include "zone/mav_zone.h"

/* RFC 8463 §A.2's Ed25519 public key */
#define ED_KEY "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="

static const char zone_budget[] =
    "$ORIGIN budget.test.\n"
    "$TTL 300\n"
    "@ SOA ns h 1 3600 600 86400 60\n"
    "@ NS ns\n"
    "ns A 192.0.2.53\n"
    "@ TXT \"v=spf1 include:i1.budget.test -all\"\n"
    "i1 TXT \"v=spf1 include:i2.budget.test -all\"\n"
    "i2 TXT \"v=spf1 include:i3.budget.test -all\"\n"
    "i3 TXT \"v=spf1 include:i4.budget.test -all\"\n"
    "i4 TXT \"v=spf1 include:i5.budget.test -all\"\n"
    "i5 TXT \"v=spf1 include:i6.budget.test -all\"\n"
    "i6 TXT \"v=spf1 include:i7.budget.test -all\"\n"
    "i7 TXT \"v=spf1 include:i8.budget.test -all\"\n"
    "i8 TXT \"v=spf1 include:i9.budget.test -all\"\n"
    "i9 TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n"
    "s1._domainkey TXT \"v=DKIM1; k=ed25519; p=" ED_KEY "\"\n"
    "s2._domainkey TXT \"v=DKIM1; k=ed25519; p=" ED_KEY "\"\n"
    "s3._domainkey TXT \"v=DKIM1; k=ed25519; p=" ED_KEY "\"\n"
    "s4._domainkey TXT \"v=DKIM1; k=ed25519; p=" ED_KEY "\"\n"
    "s5._domainkey TXT \"v=DKIM1; k=ed25519; p=" ED_KEY "\"\n"
    "_dmarc TXT \"v=DMARC1; p=reject\"\n";

static const char body[] = "Hi.\r\n";

static mav_zone_port zp;
static mav_dns_ctx dns;
static mav_verify_ctx ver;
static char msg[8192];
static size_t msg_len;

static void b64(const uint8_t *in, size_t n, char *out)
{
    static const char t[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i, o = 0;

    for (i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = t[v >> 18 & 63];
        out[o++] = t[v >> 12 & 63];
        out[o++] = i + 1 < n ? t[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? t[v & 63] : '=';
    }
    out[o] = 0;
}

/* Five signatures with the right body hash (simple canonicalization of
 * "Hi.\r\n" is itself) and a b= of 64 zero bytes: checked, and failed. */
static void build_message(void)
{
    mav_sha256_ctx h;
    uint8_t digest[MAV_SHA256_LEN], zero[64];
    char bh[64], b[100];
    int k;

    mav_sha256_init(&h);
    mav_sha256_update(&h, body, sizeof body - 1);
    mav_sha256_final(&h, digest);
    b64(digest, sizeof digest, bh);
    memset(zero, 0, sizeof zero);
    b64(zero, sizeof zero, b);
    msg_len = 0;
    for (k = 1; k <= 5; k++)
        msg_len += (size_t)snprintf(
            msg + msg_len, sizeof msg - msg_len,
            "DKIM-Signature: v=1; a=ed25519-sha256; c=simple/simple;\r\n"
            " d=budget.test; s=s%d; h=from:subject;\r\n"
            " bh=%s;\r\n b=%s\r\n",
            k, bh, b);
    msg_len += (size_t)snprintf(msg + msg_len, sizeof msg - msg_len,
                                "From: joe@budget.test\r\n"
                                "Subject: costly\r\n\r\n%s",
                                body);
}

/* Verify the message; budget 0, 0: the configured one. The message is
 * fed line by line (each DKIM-Signature field completes in its own
 * call). Returns the poll's last code. */
static int verify(unsigned max_q, unsigned max_s, char *ar, size_t cap)
{
    mav_verify_envelope_in env;
    size_t off = 0, len;
    int rc, rounds = 0;

    memset(&env, 0, sizeof env);
    env.client.family = 4;
    env.client.addr[0] = 192;
    env.client.addr[2] = 2;
    env.client.addr[3] = 25;
    env.helo = "mail.budget.test";
    env.mail_from = "joe@budget.test";
    mav_dns_cache_flush(&dns);
    if (mav_verify_init(&ver, &dns, MAV_PORT_TIME_UNKNOWN) != MAV_OK)
        return -100;
    if (max_q && mav_verify_set_budget(&ver, max_q, max_s) != MAV_OK)
        return -101;
    if (mav_verify_envelope(&ver, &env) != MAV_OK)
        return -102;
    while (off < msg_len) {
        const char *nl = memchr(msg + off, '\n', msg_len - off);
        size_t n = nl ? (size_t)(nl - (msg + off)) + 1 : msg_len - off;
        mav_verify_feed(&ver, (const uint8_t *)msg + off, n);
        off += n;
    }
    if (mav_verify_end(&ver) != MAV_OK)
        return -103;
    while ((rc = mav_verify_poll(&ver)) == MAV_PENDING && rounds++ < 100)
        mav_zone_run(&zp, 60000);
    if (rc != MAV_OK)
        return rc;
    return mav_verify_authres(&ver, "mx.budget.test", ar, cap, &len);
}

static unsigned count_of(const char *s, const char *what)
{
    unsigned n = 0;
    size_t wl = strlen(what);

    while ((s = strstr(s, what)) != NULL) {
        n++;
        s += wl;
    }
    return n;
}

void suite_verify_budget(void)
{
    static char ar[4096];
    mav_verify_work w, w2;
    mav_addr server;
    mav_perr e;
    mav_dkim_info info;
    const mav_dmarc_outcome *dm;
    unsigned i, fails = 0, temps = 0;

    build_message();
    mav_zone_init(&zp, 7);
    CHECK_INT("zone loads",
              mav_zone_add(&zp, zone_budget, sizeof zone_budget - 1, NULL,
                           &e),
              MAV_OK);
    memset(&server, 0, sizeof server);
    server.family = 4;
    server.addr[0] = 192;
    server.addr[3] = 53;
    server.port = 53;
    CHECK(mav_dns_init(&dns, &zp.port) == MAV_OK &&
          mav_dns_add_server(&dns, &server) == MAV_OK &&
          mav_dns_set_trust_anchors(&dns, NULL, 0) == MAV_OK);
    mav_zone_attach(&zp, &dns);
    printf("  default budget: %u lookups, %u signature checks\n",
           (unsigned)MAV_CFG_VERIFY_MAX_QUERIES,
           (unsigned)MAV_CFG_VERIFY_MAX_SIGCHECKS);

    /* 1. the default budget: the whole message is decided */
    CHECK_INT("default budget: verified", verify(0, 0, ar, sizeof ar),
              MAV_OK);
    mav_verify_work_get(&ver, &w);
    CHECK_INT("default: not exceeded", w.exceeded, 0);
    CHECK_INT("default: nothing stopped", w.stopped, 0);
    CHECK_INT("default: SPF's 10 lookups (top + 9 includes)", w.spf_queries,
              10);
    CHECK_INT("default: 5 key lookups", w.dkim_queries, 5);
    CHECK_INT("default: 5 signature checks", w.sigchecks, 5);
    CHECK_L("default: DMARC looked up", w.dmarc_queries >= 1);
    CHECK_INT("default: the sum", w.queries,
              w.spf_queries + w.dkim_queries + w.dmarc_queries);
    CHECK_INT("default: budget reported", w.max_queries,
              MAV_CFG_VERIFY_MAX_QUERIES);
    CHECK_L("default: spf=pass", strstr(ar, "spf=pass") != NULL);
    CHECK_INT("default: five dkim=fail", count_of(ar, "dkim=fail"), 5);
    CHECK_L("default: dmarc=pass", strstr(ar, "dmarc=pass") != NULL);
    CHECK_L("default: no budget reason",
            strstr(ar, "work budget exceeded") == NULL);
    printf("  default: %u lookups (spf %u, dkim %u, dmarc %u), %u checks\n",
           w.queries, w.spf_queries, w.dkim_queries, w.dmarc_queries,
           w.sigchecks);

    /* 2. two signature checks: the third is never run */
    CHECK_INT("2 checks: verified", verify(100, 2, ar, sizeof ar), MAV_OK);
    mav_verify_work_get(&ver, &w);
    CHECK_INT("2 checks: exceeded", w.exceeded, 1);
    CHECK_INT("2 checks: the checks stop at the budget", w.sigchecks, 2);
    CHECK_L("2 checks: lookups within the budget", w.queries <= 100);
    CHECK_L("2 checks: DKIM stopped", w.stopped & MAV_VERIFY_STOPPED_DKIM);
    for (i = 0; i < mav_dkim_count(&ver.dkim); i++) {
        if (mav_verify_dkim_get(&ver, i, &info) != MAV_OK)
            continue;
        if (info.result == MAV_DKIM_FAIL)
            fails++;
        if (info.result == MAV_DKIM_TEMPERROR &&
            strcmp(info.reason, "work budget exceeded") == 0)
            temps++;
    }
    CHECK_INT("2 checks: two signatures checked (fail)", fails, 2);
    CHECK_INT("2 checks: three stopped (temperror)", temps, 3);
    CHECK_INT("2 checks: A-R dkim=temperror x3",
              count_of(ar, "dkim=temperror"), 3);
    CHECK_L("2 checks: A-R spf=temperror",
            strstr(ar, "spf=temperror") != NULL);
    CHECK_L("2 checks: A-R dmarc=temperror",
            strstr(ar, "dmarc=temperror") != NULL);
    CHECK_L("2 checks: A-R says why",
            count_of(ar, "reason=\"work budget exceeded\"") == 5);
    dm = mav_verify_dmarc(&ver);
    CHECK_L("2 checks: DMARC outcome temperror, no disposition",
            dm && dm->result == MAV_DMARC_TEMPERROR &&
                dm->disposition == MAV_DMARC_POLICY_NONE);
    printf("  stopped at 2 checks (%u lookups):\n%s", w.queries, ar);
    /* nothing more is spent */
    mav_zone_run(&zp, 60000);
    CHECK_INT("2 checks: poll again", mav_verify_poll(&ver), MAV_OK);
    mav_verify_work_get(&ver, &w2);
    CHECK_L("2 checks: no more work",
            w2.queries == w.queries && w2.sigchecks == w.sigchecks);

    /* 3. nine lookups: SPF's tenth is never issued */
    CHECK_INT("9 lookups: verified", verify(9, 5, ar, sizeof ar), MAV_OK);
    mav_verify_work_get(&ver, &w);
    CHECK_INT("9 lookups: exceeded", w.exceeded, 1);
    CHECK_INT("9 lookups: the count stops at the budget", w.queries, 9);
    CHECK_L("9 lookups: SPF stopped", w.stopped & MAV_VERIFY_STOPPED_SPF);
    CHECK_L("9 lookups: SPF outcome says why",
            mav_verify_spf(&ver) &&
                mav_verify_spf(&ver)->result == MAV_SPF_TEMPERROR &&
                strcmp(mav_verify_spf(&ver)->error,
                       "work budget exceeded") == 0);
    CHECK_INT("9 lookups: signatures decided before (fail)",
              count_of(ar, "dkim=fail"), 5);
    CHECK_L("9 lookups: A-R spf=temperror with the reason",
            strstr(ar, "spf=temperror") != NULL &&
                strstr(ar, "work budget exceeded") != NULL);
    CHECK_L("9 lookups: A-R dmarc=temperror",
            strstr(ar, "dmarc=temperror") != NULL);
    mav_zone_run(&zp, 60000);
    mav_verify_poll(&ver);
    mav_verify_work_get(&ver, &w2);
    CHECK_INT("9 lookups: no more work", w2.queries, w.queries);

    /* the budget is set before work starts, and not to 0 */
    mav_verify_init(&ver, &dns, MAV_PORT_TIME_UNKNOWN);
    CHECK_INT("budget 0 refused", mav_verify_set_budget(&ver, 0, 1),
              MAV_ERR_ARG);
    {
        mav_verify_envelope_in env;
        memset(&env, 0, sizeof env);
        env.client.family = 4;
        env.helo = "mail.budget.test";
        env.mail_from = "joe@budget.test";
        mav_verify_envelope(&ver, &env);
        CHECK_INT("budget after the envelope refused",
                  mav_verify_set_budget(&ver, 5, 5), MAV_ERR_STATE);
        mav_verify_abort(&ver);
    }
}
