/* SPDX-License-Identifier: MIT */
/*
 * test_verify.c - the whole verifier (mav_verify.h) end to end over the
 * signed test world (tests/world-signed, served by NSD behind Unbound;
 * tools/run-tests sets MAV_TEST_SIGNED_DIR and MAV_TEST_SIGNED_RECURSOR):
 * messages signed at test time by dkimpy with the keys the world
 * publishes (tests/dkim/make-signed-mail --world), verified with the
 * world's root as trust anchor. Every Authentication-Results field is
 * read back by the independent authres parser (python3-authres), and its
 * results must be: a good message pass/pass/pass (DNSSEC secure, or
 * insecure in the unsigned zone); the same one from a client outside the
 * SPF record and with its body changed fail/fail/fail with p=reject
 * applied; one with no From field dmarc=none. The first DMARC query must
 * already be in flight when the header ends (prefetch).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authres_read.h"
#include "mav_posix.h"
#include "mav_verify.h"
#include "signed_world.h"
#include "test.h"

static mav_posix px;
static mav_dns_ctx dns;
static mav_verify_ctx ver;
static int64_t world_now;

static int setup(const char *sdir, const char *srv)
{
    return signed_world_resolver(&px, &dns, sdir, srv, world_now);
}

/* Verify msg[0..len) from client ip; the A-R field into out. */
static int verify(const uint8_t *msg, size_t len, const char *ip,
                  const char *mail_from, char *out, size_t cap)
{
    return signed_world_verify(&px, &dns, &ver, world_now, ip,
                               "mail.example.net", mail_from, msg, len, out,
                               cap);
}

/* "spf=pass dkim=pass dmarc=pass" as authres reads the field. */
static void results(const char *field, char *out, size_t cap)
{
    authres_reading r;

    out[0] = 0;
    if (authres_read(&field, 1, &r) == 0)
        snprintf(out, cap, "%s", r.results);
}

void suite_verify(void)
{
    const char *sdir = getenv("MAV_TEST_SIGNED_DIR");
    const char *srv = getenv("MAV_TEST_SIGNED_RECURSOR");
    static char msg[65536], field[8192], got[600], path[700], dir[600];
    static const char *const zones[] = {"alg8.test", "alg13.test",
                                        "insecure.alg8.test"};
    long n;
    size_t z;

    if (!sdir || !srv) {
        CHECK_L("signed world (run under tools/run-tests)", 0);
        return;
    }
    world_now = signed_world_now(sdir);
    snprintf(dir, sizeof dir, "%s/verify", test_tmpdir());
    if (test_sh("mkdir -p '%s/msgs' && tests/dkim/make-signed-mail --world "
                "'%s' '%s' '%s' >/dev/null",
                dir, sdir, srv, dir) != 0 ||
        setup(sdir, srv) != 0) {
        CHECK_L("signed mail and resolver set-up", 0);
        return;
    }
    for (z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        char from[200], label[300];
        int insecure = strncmp(zones[z], "insecure", 8) == 0;
        snprintf(path, sizeof path, "%s/msgs/world-%s-sel.eml", dir,
                 zones[z]);
        n = test_read_file(path, (uint8_t *)msg, sizeof msg);
        snprintf(from, sizeof from, "joe@%s", zones[z]);
        snprintf(label, sizeof label, "good mail from %s", zones[z]);
        CHECK_L(label, n > 0 && verify((const uint8_t *)msg, (size_t)n,
                                       "192.0.2.1", from, field,
                                       sizeof field) == MAV_OK);
        results(field, got, sizeof got);
        CHECK_L(label, strcmp(got, "spf=pass dkim=pass dmarc=pass") == 0);
        CHECK_L(label, strstr(field, insecure ? "dnssec: insecure"
                                              : "dnssec: secure") != NULL);
        if (strcmp(got, "spf=pass dkim=pass dmarc=pass") != 0)
            fprintf(stderr, "  authres read: %s\n%s", got, field);

        /* spoofed: outside the SPF record, body changed */
        if (n > 2)
            msg[n - 3] ^= 0x01;
        snprintf(label, sizeof label, "spoofed mail from %s", zones[z]);
        CHECK_L(label, verify((const uint8_t *)msg, (size_t)n,
                              "198.51.100.7", from, field,
                              sizeof field) == MAV_OK);
        results(field, got, sizeof got);
        CHECK_L(label, strcmp(got, "spf=fail dkim=fail dmarc=fail") == 0);
        CHECK_L(label, strstr(field, "policy.dmarc=reject") != NULL);
        if (strcmp(got, "spf=fail dkim=fail dmarc=fail") != 0)
            fprintf(stderr, "  authres read: %s\n%s", got, field);
    }
    {
        static const char nofrom[] =
            "To: x@example.net\r\nSubject: no From\r\n\r\nHi.\r\n";
        CHECK_L("no From field", verify((const uint8_t *)nofrom,
                                        sizeof nofrom - 1, "192.0.2.1",
                                        "joe@alg8.test", field,
                                        sizeof field) == MAV_OK);
        results(field, got, sizeof got);
        CHECK_L("no From: dmarc=none",
                strcmp(got, "spf=pass dkim=none dmarc=none") == 0);
    }
    /* the _dmarc query is sent while the body is still streaming */
    {
        uint32_t before;
        static const char head[] =
            "From: joe@alg13.test\r\nSubject: early\r\n\r\n";
        mav_verify_envelope_in env;
        memset(&env, 0, sizeof env);
        mav_posix_parse_addr("192.0.2.1", &env.client);
        env.helo = "mail.example.net";
        env.mail_from = "joe@alg13.test";
        mav_dns_cache_flush(&dns);
        mav_verify_init(&ver, &dns, world_now);
        mav_verify_envelope(&ver, &env);
        before = dns.stats.lookups;
        mav_verify_feed(&ver, (const uint8_t *)head, sizeof head - 1);
        CHECK_L("DMARC query started when the header ended",
                dns.stats.lookups > before);
        mav_verify_abort(&ver);
    }
    printf("  sizeof(mav_verify_ctx) = %zu bytes (SPF %zu, DKIM %zu, "
           "DMARC %zu)\n",
           sizeof(mav_verify_ctx), sizeof(mav_spf_ctx), sizeof(mav_dkim_ctx),
           sizeof(mav_dmarc_ctx));
    mav_posix_close(&px);
}
