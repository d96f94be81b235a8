/* SPDX-License-Identifier: MIT */
/*
 * bench_dkim.c - DKIM verification throughput, mav against libopendkim
 * (Debian's libopendkim 2.11) in the same run, on the same messages:
 * 10 KB and 100 KB bodies, c=relaxed/relaxed, RSA-2048 and Ed25519,
 * signed at bench time by dkimpy (tests/dkim/make-signed-mail --bench).
 * Keys are cached, no network: mav answers from its resolver's cache
 * (filled once from the zone port), libopendkim from its key-lookup hook
 * over the same records held in memory. Printed per message kind:
 * messages/s for both, heap calls per message for both (malloc, calloc
 * and realloc are replaced in this executable and forwarded to glibc, so
 * calls inside libopendkim.so are counted too), bytes of one mav
 * verification context, and the share of mav's time spent in SHA-256
 * (over the message's bytes) and in the signature check itself, timed
 * alone with mav's crypto. MAV_BENCH_SECONDS sets the time per number.
 * Usage: bench_dkim DIR (the --bench output).
 */
#define _DEFAULT_SOURCE /* u_char and friends, which dkim.h uses */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/types.h>

#include <opendkim/dkim.h>

#include "mav_crypto.h"
#include "mav_dkim.h"
#include "zone/mav_zone.h"
#include "bench_clock.h"
#include "bench_heap.h"

static double seconds = 1.0;
static char keys_txt[8192];
static mav_zone_port zp;
static mav_dns_ctx dns;
static mav_dkim_ctx ver;

/* ---- mav ------------------------------------------------------------- */

static int mav_once(const uint8_t *m, size_t n)
{
    mav_dkim_info in;
    int rc;

    mav_dkim_init(&ver, &dns, (int64_t)time(NULL));
    mav_dkim_feed(&ver, m, n);
    rc = mav_dkim_finish(&ver);
    if (rc == MAV_PENDING) { /* only the first time: the cache fills */
        mav_zone_run(&zp, 10000);
        rc = mav_dkim_poll(&ver);
    }
    return rc == MAV_OK && mav_dkim_get(&ver, 0, &in) == MAV_OK &&
           in.result == MAV_DKIM_PASS;
}

/* ---- libopendkim ------------------------------------------------------ */

static DKIM_LIB *odk;

static DKIM_CBSTAT key_lookup(DKIM *d, DKIM_SIGINFO *sig, u_char *buf,
                              size_t buflen)
{
    char want[300];
    const char *p;
    size_t wl;

    (void)d;
    snprintf(want, sizeof want, "%s._domainkey.%s ",
             (const char *)dkim_sig_getselector(sig),
             (const char *)dkim_sig_getdomain(sig));
    wl = strlen(want);
    for (p = keys_txt; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1
                                                    : NULL) {
        if (strncmp(p, want, wl) == 0) {
            const char *e = strchr(p, '\n');
            size_t l = e ? (size_t)(e - p) - wl : strlen(p) - wl;
            if (l >= buflen)
                return DKIM_CBSTAT_ERROR;
            memcpy(buf, p + wl, l);
            buf[l] = 0;
            return DKIM_CBSTAT_CONTINUE;
        }
    }
    return DKIM_CBSTAT_NOTFOUND;
}

static int odk_once(const uint8_t *m, size_t n)
{
    DKIM_STAT st;
    DKIM *d = dkim_verify(odk, (const u_char *)"bench", NULL, &st);
    int ok;

    if (!d)
        return 0;
    dkim_chunk(d, (u_char *)m, n);
    dkim_chunk(d, NULL, 0);
    st = dkim_eom(d, NULL);
    ok = st == DKIM_STAT_OK;
    dkim_free(d);
    return ok;
}

/* ---- timing ------------------------------------------------------------ */

static double rate(int (*fn)(const uint8_t *, size_t), const uint8_t *m,
                   size_t n, unsigned long *heap_per_msg, int *ok)
{
    unsigned long count = 0, h0;
    double t0, t;

    *ok = fn(m, n); /* warm: caches, key parse */
    h0 = bench_heap_calls;
    fn(m, n);
    *heap_per_msg = bench_heap_calls - h0;
    t0 = bench_now();
    do {
        int k;
        for (k = 0; k < 10; k++)
            *ok &= fn(m, n);
        count += 10;
        t = bench_now() - t0;
    } while (t < seconds);
    return (double)count / t;
}

/* mav's crypto alone: SHA-256 over n bytes, and one signature check. */
static double sha_time(size_t n, const uint8_t *m)
{
    uint8_t d[32];
    unsigned long count = 0;
    double t0 = bench_now(), t;

    do {
        mav_sha256(m, n, d);
        count++;
        t = bench_now() - t0;
    } while (t < seconds / 2);
    return t / (double)count;
}

static double sig_time(const mav_dkim_slot *s, const mav_dkim_key *k)
{
    unsigned long count = 0;
    double t0 = bench_now(), t;
    mav_rsa_pub pub;

    if (s->sig.alg == MAV_DKIM_ALG_RSA_SHA256 &&
        mav_rsa_parse_key(MAV_RSA_KEY_DER, k->p, k->p_len, &pub) != 0)
        return 0;
    do {
        if (s->sig.alg == MAV_DKIM_ALG_RSA_SHA256)
            (void)mav_rsa_pkcs1_verify(&pub, MAV_HASH_SHA256,
                                       s->header_digest, 32, s->sig.b,
                                       s->sig.b_len);
        else
            (void)mav_ed25519_verify(k->p, k->p_len, s->header_digest, 32,
                                     s->sig.b, s->sig.b_len);
        count++;
        t = bench_now() - t0;
    } while (t < seconds / 2);
    return t / (double)count;
}

static uint8_t *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    static uint8_t bufs[4][200000];
    static unsigned next;
    uint8_t *b = bufs[next++ % 4];

    if (!f)
        return NULL;
    *n = fread(b, 1, sizeof bufs[0], f);
    fclose(f);
    return b;
}

int main(int argc, char **argv)
{
    static const char *kinds[] = {"r2048-10k", "ed-10k", "r2048-100k",
                                  "ed-100k"};
    static char zone_text[65536];
    const char *dir = argc > 1 ? argv[1] : "build/bench/dkim";
    const char *env = getenv("MAV_BENCH_SECONDS");
    char path[600];
    size_t n, zl;
    unsigned k;
    mav_addr a;
    uint8_t *zt;

    if (env && atof(env) > 0)
        seconds = atof(env);
    snprintf(path, sizeof path, "%s/dkim.test.zone", dir);
    zt = read_all(path, &zl);
    snprintf(path, sizeof path, "%s/keys.txt", dir);
    {
        size_t kl;
        uint8_t *kt = read_all(path, &kl);
        if (!zt || !kt) {
            fprintf(stderr, "bench_dkim: no messages in %s\n", dir);
            return 1;
        }
        memcpy(keys_txt, kt, kl < sizeof keys_txt - 1 ? kl : 0);
    }
    memcpy(zone_text, zt, zl);
    memset(&a, 0, sizeof a);
    a.family = 4;
    a.addr[0] = 127;
    a.addr[3] = 1;
    a.port = 53;
    mav_zone_init(&zp, 1);
    if (mav_zone_add(&zp, zone_text, zl, NULL, NULL) != MAV_OK ||
        mav_dns_init(&dns, &zp.port) != MAV_OK ||
        mav_dns_add_server(&dns, &a) != MAV_OK)
        return 1;
    mav_dns_set_trust_anchors(&dns, NULL, 0);
    mav_zone_attach(&zp, &dns);
    odk = dkim_init(NULL, NULL);
    dkim_set_key_lookup(odk, key_lookup);
    printf("DKIM verification, keys cached, c=relaxed/relaxed, %.1f s per "
           "number (%s; libopendkim %s)\n",
           seconds, mav_crypto_backend(), "2.11 (Debian)");
    printf("mav verification context: %zu bytes (MAV_CFG_HEADER_BYTES %d, "
           "%d signatures); libopendkim: heap, per message below\n",
           sizeof(mav_dkim_ctx), MAV_CFG_HEADER_BYTES,
           MAV_CFG_DKIM_SIGNATURES);
    printf("%-12s %12s %12s %8s %10s %10s %8s %8s\n", "message", "mav msg/s",
           "odkim msg/s", "ratio", "mav heap", "odkim heap", "sha256",
           "sig");
    for (k = 0; k < 4; k++) {
        uint8_t *m;
        double rm, ro, per, th, ts;
        unsigned long hm, ho;
        int okm, oko;

        snprintf(path, sizeof path, "%s/bench-%s.eml", dir, kinds[k]);
        if (!(m = read_all(path, &n)))
            return 1;
        rm = rate(mav_once, m, n, &hm, &okm);
        ro = rate(odk_once, m, n, &ho, &oko);
        /* the crypto floor of one mav verification */
        mav_once(m, n);
        {
            mav_dkim_key key;
            mav_dns_answer ans;
            mav_dns_rr rr;
            static uint8_t rec[4096];
            size_t rl = 0;
            mav_dns_handle h;
            mav_dns_lookup(&dns, ver.slot[0].sig.key_name,
                           ver.slot[0].sig.key_name_len, MAV_DNS_TYPE_TXT,
                           &h);
            if (mav_dns_answer_init(&dns, h, &ans) == MAV_OK &&
                mav_dns_answer_next(&ans, &rr) == 1)
                mav_dns_txt_join(ans.msg.p + rr.rdata, rr.rdlen, rec,
                                 sizeof rec, &rl);
            mav_dns_release(&dns, h);
            mav_dkim_key_parse(rec, rl, &key, NULL);
            th = sha_time(n, m);
            ts = sig_time(&ver.slot[0], &key);
        }
        per = 1.0 / rm;
        printf("%-12s %12.0f %12.0f %7.2fx %10lu %10lu %7.0f%% %7.0f%%%s\n",
               kinds[k], rm, ro, rm / ro, hm, ho, 100.0 * th / per,
               100.0 * ts / per,
               okm && oko ? "" : "  (a verification FAILED)");
    }
    printf("sha256 = one SHA-256 pass over the message's bytes, sig = one "
           "RSA/Ed25519 check, as shares of mav's time per message\n");
    dkim_close(odk);
    return 0;
}
