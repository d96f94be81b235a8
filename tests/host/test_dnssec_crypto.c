/* SPDX-License-Identifier: MIT */
/*
 * test_dnssec_crypto.c - the dnssec_core suite: the DNSSEC building
 * blocks of core/mav_dnssec.h against vectors/dnssec_rfc.vec (written by
 * tools/make-dnssec-vectors): the signed examples of RFC 5702 §6, RFC
 * 6605 §6 and RFC 8080 §6 (with Errata 4935) verified at a `now` inside
 * their windows, each then broken one byte or one second at a time;
 * key tags and DS digests; RFC 5155 Appendix A NSEC3 hashes; canonical
 * RRset forms (case, order, duplicates, wildcards) compared byte for
 * byte with dnspython's; a zone signed by ldns-signzone with a
 * wildcard. Then serial-number windows across the 2106 wrap, and every
 * work limit hit by a KeyTrap-style input with the work counted.
 * Records are copied to the end of a static buffer so that ASan sees
 * any read past them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dnssec.h"
#include "mav_port.h"
#include "test.h"
#include "vec.h"

#define MAXRR 160
#define ARENA 65536

static uint8_t arena[ARENA];
static size_t arena_top; /* records are placed downwards from the end */
static mav_dnssec_ctx work;

static void arena_reset(void)
{
    arena_top = ARENA;
}

/* Copy n bytes to the top of the free part of arena. */
static uint8_t *place(const uint8_t *p, size_t n)
{
    if (n > arena_top)
        abort();
    arena_top -= n;
    memmove(arena + arena_top, p, n);
    return arena + arena_top;
}

/* A list of comma-separated hex RDATA into refs (each on its own). */
static unsigned hex_list(const char *s, mav_dnssec_rdref *refs, unsigned cap)
{
    static uint8_t tmp[4096];
    char one[8200];
    unsigned n = 0;
    const char *e;
    long len;

    while (s && *s && n < cap) {
        e = strchr(s, ',');
        if (!e)
            e = s + strlen(s);
        if ((size_t)(e - s) >= sizeof one)
            abort();
        memcpy(one, s, (size_t)(e - s));
        one[e - s] = 0;
        len = test_unhex(one, tmp, sizeof tmp);
        if (len < 0)
            abort();
        refs[n].msg = place(tmp, (size_t)len);
        refs[n].msg_len = (size_t)len;
        refs[n].off = 0;
        refs[n].len = (uint16_t)len;
        n++;
        s = *e ? e + 1 : e;
    }
    return n;
}

static size_t name_of(const char *txt, uint8_t *out)
{
    size_t n = 0;
    CHECK_L(txt, mav_dns_name_from_text(txt, strlen(txt), NULL, out, &n) ==
                     MAV_OK);
    return n;
}

static mav_dnssec_verdict verdict_of(const char *s)
{
    if (strcmp(s, "secure") == 0)
        return MAV_DNSSEC_SECURE;
    if (strcmp(s, "indeterminate") == 0)
        return MAV_DNSSEC_INDETERMINATE;
    return MAV_DNSSEC_BOGUS;
}

static mav_dnssec_reason reason_of(const char *s)
{
    if (strcmp(s, "key-size") == 0)
        return MAV_DNSSEC_R_KEY_SIZE;
    if (strcmp(s, "labels") == 0)
        return MAV_DNSSEC_R_LABELS_INVALID;
    if (strcmp(s, "unsupported") == 0)
        return MAV_DNSSEC_R_UNSUPPORTED_ALG;
    return MAV_DNSSEC_R_OK;
}

/* One checked RRset, as the vectors give it. */
typedef struct {
    uint8_t owner[MAV_DNS_NAME_MAX], key_owner[MAV_DNS_NAME_MAX];
    mav_dnssec_rdref rr[MAXRR], sig[1], key[MAXRR];
    mav_dnssec_rrset set, keys;
    int64_t now;
} fixture;

static fixture fx;

static void load(const vec_case *c, fixture *f)
{
    arena_reset();
    memset(f, 0, sizeof *f);
    name_of(vec_get(c, "owner"), f->owner);
    f->set.owner = f->owner;
    f->set.type = (uint16_t)atoi(vec_get(c, "type"));
    f->set.rclass = MAV_DNS_CLASS_IN;
    f->set.rd = f->rr;
    f->set.count = hex_list(vec_get(c, "rdata"), f->rr, MAXRR);
    hex_list(vec_get(c, "rrsig"), f->sig, 1);
    if (vec_get(c, "key_owner")) {
        name_of(vec_get(c, "key_owner"), f->key_owner);
        f->keys.owner = f->key_owner;
        f->keys.type = MAV_DNS_TYPE_DNSKEY;
        f->keys.rclass = MAV_DNS_CLASS_IN;
        f->keys.rd = f->key;
        f->keys.count = hex_list(vec_get(c, "dnskey"), f->key, MAXRR);
    }
    if (vec_get(c, "now"))
        f->now = atoll(vec_get(c, "now"));
}

static mav_dnssec_result run(fixture *f, int64_t now, mav_dnssec_budget *b)
{
    mav_dnssec_budget own;
    mav_dnssec_result r;

    if (!b) {
        mav_dnssec_budget_init(&own);
        b = &own;
    }
    memset(&r, 0xa5, sizeof r);
    CHECK_INT("verify returns MAV_OK",
              mav_dnssec_verify_rrset(&work, &f->set, f->sig, 1, &f->keys,
                                      now, b, &r),
              MAV_OK);
    return r;
}

/* Flip one byte of a placed record (the arena is ours). */
static void flip(const mav_dnssec_rdref *r, size_t at)
{
    ((uint8_t *)(uintptr_t)r->msg)[r->off + at] ^= 0x01;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | p[3];
}

/* ---- [rrsig] ---------------------------------------------------------- */

static void rrsig_case(const vec_case *c, void *arg)
{
    const char *name = vec_get(c, "name");
    mav_dnssec_result r;
    mav_dns_rdata sig;
    uint8_t buf[8192], want[8192];
    size_t n;
    long wl;
    int i;
    char key[16];

    (void)arg;
    load(c, &fx);
    r = run(&fx, fx.now, NULL);
    CHECK_INT(name, r.verdict, verdict_of(vec_get(c, "expect")));
    CHECK_INT(name, r.reason, reason_of(vec_get(c, "reason")));
    if (r.verdict != verdict_of(vec_get(c, "expect")))
        fprintf(stderr, "  %s: %s\n", name, mav_dnssec_reason_str(r.reason));
    if (vec_get(c, "keytag"))
        CHECK_INT(name, mav_dnssec_keytag(fx.key[0].msg, fx.key[0].len),
                  atoi(vec_get(c, "keytag")));

    /* The signed data, byte for byte as dnspython makes it. */
    if (vec_get(c, "signed_data")) {
        wl = vec_hex(c, "signed_data", want, sizeof want);
        CHECK_INT(name, mav_dnssec_signed_data(&work, &fx.set, fx.sig, buf,
                                               sizeof buf, &n),
                  MAV_OK);
        CHECK_MEM(name, buf, n, want, (size_t)wl);
    }

    /* DS records of the key: honoured, matching, and not when flipped. */
    for (i = 0; i < 4; i++) {
        mav_dnssec_rdref ds;
        unsigned mask;

        snprintf(key, sizeof key, "ds_%d", i);
        if (!vec_get(c, key))
            break;
        hex_list(vec_get(c, key), &ds, 1);
        mask = mav_dnssec_ds_honoured(&ds, 1);
        CHECK_INT(name, mav_dnssec_ds_check(fx.key_owner, &ds, &fx.key[0],
                                            mask),
                  strcmp(vec_get(c, "reason"), "unsupported") == 0
                      ? MAV_DNSSEC_R_UNSUPPORTED_ALG
                      : MAV_DNSSEC_R_OK);
        flip(&ds, ds.len - 1u);
        CHECK_INT(name, mav_dnssec_ds_check(fx.key_owner, &ds, &fx.key[0],
                                            mask),
                  strcmp(vec_get(c, "reason"), "unsupported") == 0
                      ? MAV_DNSSEC_R_UNSUPPORTED_ALG
                      : MAV_DNSSEC_R_DS_MISMATCH);
    }
    if (r.verdict != MAV_DNSSEC_SECURE)
        return;

    CHECK_INT(name, r.sig, 0);
    CHECK_INT(name, r.wildcard, atoi(vec_get(c, "wildcard")));
    CHECK_INT(name, mav_dns_rdata_read(fx.sig[0].msg, fx.sig[0].msg_len,
                                       MAV_DNS_TYPE_RRSIG, 1, 0,
                                       fx.sig[0].len, &sig, NULL),
              MAV_OK);
    CHECK_INT(name, r.key_tag, sig.u.rrsig.key_tag);
    CHECK_L(name, r.ttl_max <= sig.u.rrsig.orig_ttl && r.ttl_max > 0);

    /* Window: one second out on either side; no clock at all. */
    r = run(&fx, (int64_t)sig.u.rrsig.expiration, NULL);
    CHECK_INT(name, r.verdict, MAV_DNSSEC_SECURE);
    CHECK_INT(name, r.ttl_max, 0);
    r = run(&fx, (int64_t)sig.u.rrsig.expiration + 1, NULL);
    CHECK_INT(name, r.reason, MAV_DNSSEC_R_EXPIRED);
    r = run(&fx, (int64_t)sig.u.rrsig.inception - 1, NULL);
    CHECK_INT(name, r.reason, MAV_DNSSEC_R_NOT_YET_VALID);
    r = run(&fx, MAV_PORT_TIME_UNKNOWN, NULL);
    CHECK_INT(name, r.verdict, MAV_DNSSEC_INDETERMINATE);
    CHECK_INT(name, r.reason, MAV_DNSSEC_R_NO_CLOCK);

    /* One byte flipped anywhere that is signed: bogus. The signature's
     * first and last byte, an RDATA byte, the RRSIG's original TTL. */
    flip(&fx.sig[0], fx.sig[0].len - 1u);
    r = run(&fx, fx.now, NULL);
    CHECK_INT(name, r.verdict, MAV_DNSSEC_BOGUS);
    CHECK_INT(name, r.reason, MAV_DNSSEC_R_SIG_MISMATCH);
    flip(&fx.sig[0], fx.sig[0].len - 1u);
    flip(&fx.sig[0], fx.sig[0].len - sig.u.rrsig.sig_len);
    CHECK_INT(name, run(&fx, fx.now, NULL).verdict, MAV_DNSSEC_BOGUS);
    flip(&fx.sig[0], fx.sig[0].len - sig.u.rrsig.sig_len);
    flip(&fx.rr[0], fx.rr[0].len - 1u);
    CHECK_INT(name, run(&fx, fx.now, NULL).verdict, MAV_DNSSEC_BOGUS);
    flip(&fx.rr[0], fx.rr[0].len - 1u);
    flip(&fx.sig[0], 7); /* Original TTL */
    CHECK_INT(name, run(&fx, fx.now, NULL).reason,
              MAV_DNSSEC_R_SIG_MISMATCH);
    flip(&fx.sig[0], 7);
    /* And back to good: the flips were undone. */
    CHECK_INT(name, run(&fx, fx.now, NULL).verdict, MAV_DNSSEC_SECURE);
    (void)be32;
}

/* ---- [nsec3], [canon], [ds] ------------------------------------------ */

static void nsec3_case(const vec_case *c, void *arg)
{
    const char *name = vec_get(c, "name");
    uint8_t owner[MAV_DNS_NAME_MAX], salt[255], h[20], back[32];
    char txt[MAV_NSEC3_B32_LEN];
    mav_dnssec_budget b;
    long sl = vec_hex(c, "salt", salt, sizeof salt);
    uint16_t it = (uint16_t)atoi(vec_get(c, "iterations"));
    size_t n;

    (void)arg;
    name_of(vec_get(c, "owner"), owner);
    mav_dnssec_budget_init(&b);
    CHECK_INT(name, mav_dnssec_nsec3_hash(owner, 1, it, salt, (size_t)sl,
                                          &b, h),
              MAV_OK);
    CHECK_INT(name, b.used_nsec3_iterations, it + 1);
    CHECK_INT(name, mav_b32hex_encode(h, 20, txt), MAV_NSEC3_B32_LEN);
    CHECK_MEM(name, txt, MAV_NSEC3_B32_LEN, vec_get(c, "hash"),
              strlen(vec_get(c, "hash")));
    /* Decoding, in upper case too, gives the hash back. */
    for (n = 0; n < sizeof txt; n++)
        if (txt[n] >= 'a')
            txt[n] = (char)(txt[n] - 'a' + 'A');
    CHECK_INT(name, mav_b32hex_decode((const uint8_t *)txt, sizeof txt, back,
                                      sizeof back, &n),
              MAV_OK);
    CHECK_MEM(name, back, n, h, 20);
}

static void canon_case(const vec_case *c, void *arg)
{
    const char *name = vec_get(c, "name");
    uint8_t buf[4096], want[4096];
    size_t n, m;
    long wl;

    (void)arg;
    load(c, &fx);
    wl = vec_hex(c, "signed_data", want, sizeof want);
    CHECK_INT(name, mav_dnssec_signed_data(&work, &fx.set, fx.sig, buf,
                                           sizeof buf, &n),
              MAV_OK);
    CHECK_MEM(name, buf, n, want, (size_t)wl);
    /* Too small a buffer: the length needed, and MAV_ERR_SPACE. */
    CHECK_INT(name, mav_dnssec_signed_data(&work, &fx.set, fx.sig, buf, 10,
                                           &m),
              MAV_ERR_SPACE);
    CHECK_INT(name, m, n);
}

static void ds_case(const vec_case *c, void *arg)
{
    const char *name = vec_get(c, "name");
    uint8_t owner[MAV_DNS_NAME_MAX], dig[48];
    mav_dnssec_rdref key, ds[2];
    mav_dns_rdata d;
    size_t n;

    (void)arg;
    arena_reset();
    name_of(vec_get(c, "owner"), owner);
    hex_list(vec_get(c, "dnskey"), &key, 1);
    hex_list(vec_get(c, "ds"), &ds[0], 1);
    CHECK_INT(name, mav_dnssec_keytag(key.msg, key.len),
              atoi(vec_get(c, "keytag")));
    CHECK_INT(name, mav_dns_rdata_read(ds[0].msg, ds[0].len, 43, 1, 0,
                                       ds[0].len, &d, NULL),
              MAV_OK);
    CHECK_INT(name, mav_dnssec_ds_digest(owner, key.msg, key.len, 1, dig, &n),
              MAV_OK);
    CHECK_MEM(name, dig, n, d.u.ds.digest, d.u.ds.digest_len);
    /* SHA-1 alone is honoured; next to a SHA-256 DS it is not (RFC 4509
     * §3). The key is RSA/SHA-1, refused: unsupported either way. */
    CHECK_INT(name, mav_dnssec_ds_honoured(ds, 1) & 2u, 2u);
    CHECK_INT(name, mav_dnssec_ds_check(owner, &ds[0], &key,
                                        mav_dnssec_ds_honoured(ds, 1)),
              MAV_DNSSEC_R_UNSUPPORTED_ALG);
    /* A SHA-256 DS beside it (tag 60485, algorithm 5, any digest). */
    hex_list("ec45050200000000000000000000000000000000000000000000000000"
             "00000000000000",
             &ds[1], 1);
    CHECK_INT(name, mav_dnssec_ds_honoured(ds, 2) & 2u, 0);
    CHECK_INT(name, mav_dnssec_ds_check(owner, &ds[0], &key,
                                        mav_dnssec_ds_honoured(ds, 2)),
              MAV_DNSSEC_R_UNSUPPORTED_DIGEST);
}

/* ---- hand-made cases ---------------------------------------------------- */

static void windows(void)
{
    /* RFC 1982 on 32 bits, across the 2106 wrap of the RRSIG fields. */
    const int64_t wrap = (int64_t)1 << 32;

    CHECK_INT("in, across wrap",
              mav_dnssec_time_check(0xffffff00u, 0x100u, wrap + 0x10),
              MAV_DNSSEC_R_OK);
    CHECK_INT("in, before wrap",
              mav_dnssec_time_check(0xffffff00u, 0x100u, wrap - 0x10),
              MAV_DNSSEC_R_OK);
    CHECK_INT("expired after wrap",
              mav_dnssec_time_check(0xffffff00u, 0x100u, wrap + 0x101),
              MAV_DNSSEC_R_EXPIRED);
    CHECK_INT("not yet",
              mav_dnssec_time_check(0xffffff00u, 0x100u, wrap - 0x101),
              MAV_DNSSEC_R_NOT_YET_VALID);
    CHECK_INT("edges inclusive",
              mav_dnssec_time_check(100, 200, 100), MAV_DNSSEC_R_OK);
    CHECK_INT("edges inclusive", mav_dnssec_time_check(100, 200, 200),
              MAV_DNSSEC_R_OK);
    CHECK_INT("expiration before inception",
              mav_dnssec_time_check(200, 100, 150),
              MAV_DNSSEC_R_MALFORMED_RRSIG);
    CHECK_INT("no clock", mav_dnssec_time_check(100, 200, -1),
              MAV_DNSSEC_R_NO_CLOCK);
    CHECK_INT("serial", mav_serial32_cmp(1, 0xffffffffu), 1);
    CHECK_INT("serial", mav_serial32_cmp(0xffffffffu, 1), -1);
    CHECK_INT("serial", mav_serial32_cmp(7, 7), 0);
}

static void reasons(void)
{
    unsigned i, j;

    for (i = 0; i < MAV_DNSSEC_R__COUNT; i++) {
        CHECK(strlen(mav_dnssec_reason_str((mav_dnssec_reason)i)) > 1);
        for (j = 0; j < i; j++)
            CHECK(strcmp(mav_dnssec_reason_str((mav_dnssec_reason)i),
                         mav_dnssec_reason_str((mav_dnssec_reason)j)) != 0);
    }
    CHECK(strcmp(mav_dnssec_reason_str(MAV_DNSSEC_R__COUNT),
                 "unknown reason") == 0);
    CHECK(mav_dnssec_reason_is_limit(MAV_DNSSEC_R_LIMIT_KEYS));
    CHECK(!mav_dnssec_reason_is_limit(MAV_DNSSEC_R_SIG_MISMATCH));
    CHECK(mav_dnssec_alg_supported(8) && mav_dnssec_alg_supported(15) &&
          !mav_dnssec_alg_supported(5) && !mav_dnssec_alg_supported(7) &&
          !mav_dnssec_alg_supported(16) && !mav_dnssec_alg_supported(200));
}

static void nsec3_spans(void)
{
    uint8_t a[20], b[20], h[20], owner[MAV_DNS_NAME_MAX], out[32];
    mav_dnssec_budget bud;
    size_t n;
    unsigned k;

    memset(a, 0x20, 20);
    memset(b, 0x80, 20);
    memset(h, 0x50, 20);
    CHECK(mav_dnssec_nsec3_covers(a, b, h, 20));
    CHECK(!mav_dnssec_nsec3_covers(a, b, a, 20)); /* owner: matches */
    CHECK(!mav_dnssec_nsec3_covers(a, b, b, 20));
    memset(h, 0x90, 20);
    CHECK(!mav_dnssec_nsec3_covers(a, b, h, 20));
    CHECK(mav_dnssec_nsec3_covers(b, a, h, 20)); /* last: wraps */
    memset(h, 0x10, 20);
    CHECK(mav_dnssec_nsec3_covers(b, a, h, 20));
    memset(h, 0x50, 20);
    CHECK(!mav_dnssec_nsec3_covers(b, a, h, 20));
    CHECK(mav_dnssec_nsec3_covers(a, a, h, 20)); /* a chain of one */
    CHECK(!mav_dnssec_nsec3_covers(a, a, a, 20));

    name_of("0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM.example.", owner);
    CHECK_INT("owner hash", mav_dnssec_nsec3_owner_hash(owner, out, 32, &n),
              MAV_OK);
    CHECK_INT("owner hash", n, 20);
    name_of("not-base32.example.", owner);
    CHECK_INT("owner hash", mav_dnssec_nsec3_owner_hash(owner, out, 32, &n),
              MAV_ERR_FORMAT);
    CHECK_INT("b32 trailing bits",
              mav_b32hex_decode((const uint8_t *)"01", 2, out, 32, &n),
              MAV_ERR_FORMAT);

    /* RFC 9276 §3.2 and the work limit (CVE-2023-50868). */
    CHECK(mav_dnssec_nsec3_iterations_ok(0));
    CHECK(mav_dnssec_nsec3_iterations_ok(MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS));
    CHECK(!mav_dnssec_nsec3_iterations_ok(
        MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS + 1));
    mav_dnssec_budget_init(&bud);
    for (k = 0; k < 1000; k++)
        if (mav_dnssec_nsec3_hash(owner, 1, MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS,
                                  NULL, 0, &bud, h) != MAV_OK)
            break;
    CHECK_INT("NSEC3 hashes within the budget", k, 16);
    CHECK_L("NSEC3 work counted",
            bud.used_nsec3_iterations <= MAV_CFG_DNSSEC_MAX_NSEC3_WORK);
    CHECK_INT("unknown hash", mav_dnssec_nsec3_hash(owner, 2, 0, NULL, 0,
                                                    &bud, h),
              MAV_ERR_UNSUPPORTED);
}

/* The RFC 8080 Ed25519 case from the vectors, for the hand-made cases. */
static void load_ed25519(const vec_case *c, void *arg)
{
    (void)arg;
    if (strcmp(vec_get(c, "name"), "rfc8080-6.1-ed25519-1") == 0)
        load(c, &fx);
}

/* Give the RRSIG a new key tag (its RDATA bytes 16-17). */
static void set_tag(mav_dnssec_rdref *sig, uint16_t tag)
{
    uint8_t *p = (uint8_t *)(uintptr_t)sig->msg + sig->off;
    p[16] = (uint8_t)(tag >> 8);
    p[17] = (uint8_t)tag;
}

static void structure(void)
{
    uint8_t other[MAV_DNS_NAME_MAX], *p, *k;
    mav_dnssec_result r;
    mav_dnssec_budget b;
    mav_dnssec_rrset set;
    uint8_t sd[600], hram[64];
    size_t n;
    mav_sha512_ctx h;
    const uint8_t *sigbytes;

    vec_each("vectors/dnssec_rfc.vec", load_ed25519, NULL);
    CHECK_INT("fixture", fx.set.count, 1);
    r = run(&fx, fx.now, NULL);
    CHECK_INT("fixture secure", r.verdict, MAV_DNSSEC_SECURE);

    /* Pure Ed25519 in one piece and streamed agree (RFC 8080 §4). */
    CHECK_INT("signed data", mav_dnssec_signed_data(&work, &fx.set, fx.sig,
                                                    sd, sizeof sd, &n),
              MAV_OK);
    sigbytes = fx.sig[0].msg + fx.sig[0].len - 64;
    k = (uint8_t *)(uintptr_t)fx.key[0].msg + 4;
    CHECK_INT("one piece", mav_ed25519_verify(k, 32, sd, n, sigbytes, 64), 0);
    mav_sha512_init(&h);
    mav_sha512_update(&h, sigbytes, 32);
    mav_sha512_update(&h, k, 32);
    mav_sha512_update(&h, sd, n);
    mav_sha512_final(&h, hram);
    CHECK_INT("streamed", mav_ed25519_verify_hram(k, 32, hram, sigbytes, 64),
              0);
    sd[n - 1] ^= 1;
    CHECK_INT("one piece, flipped",
              mav_ed25519_verify(k, 32, sd, n, sigbytes, 64),
              MAV_CRYPTO_ERR_MISMATCH);
    hram[0] ^= 1;
    CHECK_INT("streamed, flipped",
              mav_ed25519_verify_hram(k, 32, hram, sigbytes, 64),
              MAV_CRYPTO_ERR_MISMATCH);

    /* No RRSIG at all. */
    mav_dnssec_budget_init(&b);
    CHECK_INT("missing", mav_dnssec_verify_rrset(&work, &fx.set, NULL, 0,
                                                 &fx.keys, fx.now, &b, &r),
              MAV_OK);
    CHECK_INT("missing", r.reason, MAV_DNSSEC_R_MISSING_RRSIG);
    CHECK_INT("missing", r.verdict, MAV_DNSSEC_BOGUS);
    CHECK_INT("empty RRset is an argument error",
              mav_dnssec_verify_rrset(&work, &(mav_dnssec_rrset){fx.owner, 15,
                                                                1, fx.rr, 0},
                                      fx.sig, 1, &fx.keys, fx.now, &b, &r),
              MAV_ERR_ARG);

    /* Another type: the RRSIG does not cover it. */
    set = fx.set;
    set.type = MAV_DNS_TYPE_TXT;
    mav_dnssec_budget_init(&b);
    mav_dnssec_verify_rrset(&work, &set, fx.sig, 1, &fx.keys, fx.now, &b, &r);
    CHECK_INT("wrong cover", r.reason, MAV_DNSSEC_R_WRONG_COVER);

    /* An owner outside the signer's zone (RFC 4035 §5.3.1). */
    name_of("example.org.", other);
    set = fx.set;
    set.owner = other;
    mav_dnssec_budget_init(&b);
    mav_dnssec_verify_rrset(&work, &set, fx.sig, 1, &fx.keys, fx.now, &b, &r);
    CHECK_INT("signer not parent", r.reason, MAV_DNSSEC_R_SIGNER_NOT_PARENT);

    /* A wildcard expansion that is not one: Labels 2 under a 3-label
     * owner signs "*.example.com", so the signature cannot match. */
    name_of("www.example.com.", other);
    set.owner = other;
    mav_dnssec_budget_init(&b);
    mav_dnssec_verify_rrset(&work, &set, fx.sig, 1, &fx.keys, fx.now, &b, &r);
    CHECK_INT("rebuilt wildcard", r.wildcard, 1);
    CHECK_INT("rebuilt wildcard", r.reason, MAV_DNSSEC_R_SIG_MISMATCH);

    /* Unsupported algorithm in the RRSIG. */
    p = (uint8_t *)(uintptr_t)fx.sig[0].msg + fx.sig[0].off;
    p[2] = MAV_DNSSEC_ALG_RSASHA1;
    CHECK_INT("unsupported", run(&fx, fx.now, NULL).reason,
              MAV_DNSSEC_R_UNSUPPORTED_ALG);
    p[2] = MAV_DNSSEC_ALG_ED25519;

    /* Keys: wrong tag, not a zone key, wrong protocol. */
    set_tag(fx.sig, 1);
    CHECK_INT("no key", run(&fx, fx.now, NULL).reason,
              MAV_DNSSEC_R_NO_MATCHING_KEY);
    k = (uint8_t *)(uintptr_t)fx.key[0].msg;
    k[0] = 0; /* flags 257 -> 1: the zone bit is clear */
    set_tag(fx.sig, mav_dnssec_keytag(k, fx.key[0].len));
    CHECK_INT("not a zone key", run(&fx, fx.now, NULL).reason,
              MAV_DNSSEC_R_NOT_ZONE_KEY);
    k[0] = 1;
    k[2] = 4;
    set_tag(fx.sig, mav_dnssec_keytag(k, fx.key[0].len));
    CHECK_INT("protocol 4", run(&fx, fx.now, NULL).reason,
              MAV_DNSSEC_R_BAD_PROTOCOL);
    k[2] = 3;
    set_tag(fx.sig, mav_dnssec_keytag(k, fx.key[0].len));
    CHECK_INT("restored", run(&fx, fx.now, NULL).verdict, MAV_DNSSEC_SECURE);

    /* Too many RRs in one RRset. */
    set = fx.set;
    {
        static mav_dnssec_rdref many[MAV_CFG_DNSSEC_MAX_RRSET_RRS + 1];
        unsigned i;
        for (i = 0; i < MAV_CFG_DNSSEC_MAX_RRSET_RRS + 1; i++)
            many[i] = fx.rr[0];
        set.rd = many;
        set.count = MAV_CFG_DNSSEC_MAX_RRSET_RRS + 1;
        mav_dnssec_budget_init(&b);
        mav_dnssec_verify_rrset(&work, &set, fx.sig, 1, &fx.keys, fx.now, &b,
                                &r);
        CHECK_INT("limit: RRset", r.reason, MAV_DNSSEC_R_LIMIT_RRSET);
        /* The maximum is fine, and all duplicates collapse into one. */
        set.count = MAV_CFG_DNSSEC_MAX_RRSET_RRS;
        mav_dnssec_verify_rrset(&work, &set, fx.sig, 1, &fx.keys, fx.now, &b,
                                &r);
        CHECK_INT("duplicates collapse", r.verdict, MAV_DNSSEC_SECURE);
    }
}

/* ---- KeyTrap-style inputs: every limit, the work counted ----------------- */

static mav_dnssec_rdref kt_keys[40], kt_sigs[40];

static void keytrap(void)
{
    mav_dnssec_rrset keys;
    mav_dnssec_result r;
    mav_dnssec_budget b;
    uint8_t key[36], *sig;
    unsigned i, v;
    uint16_t tag;

    vec_each("vectors/dnssec_rfc.vec", load_ed25519, NULL);
    memcpy(key, fx.key[0].msg, 36);
    tag = mav_dnssec_keytag(key, 36);
    /* 30 different keys with the real one's tag: +1 and -1 on two bytes
     * that land in the same half of a 16-bit word; the real key last. */
    for (v = 0; v < 30; v++) {
        uint8_t kv[36];
        unsigned at = 4 + 2 * (v % 15), d = 1 + v / 15;
        memcpy(kv, key, 36);
        if (kv[at] + d <= 255 && kv[at + 2] >= d) {
            kv[at] = (uint8_t)(kv[at] + d);
            kv[at + 2] = (uint8_t)(kv[at + 2] - d);
        } else {
            kv[at] = (uint8_t)(kv[at] - d);
            kv[at + 2] = (uint8_t)(kv[at + 2] + d);
        }
        CHECK_INT("colliding tag", mav_dnssec_keytag(kv, 36), tag);
        kt_keys[v].msg = place(kv, 36);
        kt_keys[v].msg_len = kt_keys[v].len = 36;
        kt_keys[v].off = 0;
    }
    kt_keys[30] = fx.key[0];
    keys = fx.keys;
    keys.rd = kt_keys;
    keys.count = 31;

    /* Keys per RRSIG: stops at 4 keys, never reaching the good one. */
    mav_dnssec_budget_init(&b);
    mav_dnssec_verify_rrset(&work, &fx.set, fx.sig, 1, &keys, fx.now, &b, &r);
    CHECK_INT("limit: keys", r.reason, MAV_DNSSEC_R_LIMIT_KEYS);
    CHECK_INT("limit: keys", r.verdict, MAV_DNSSEC_BOGUS);
    CHECK_INT("keys tried", b.used_validations,
              MAV_CFG_DNSSEC_MAX_KEYS_PER_SIG);
    /* RFC 4035 §5.3.1 (try them all) with a larger cap finds the key. */
    mav_dnssec_budget_init(&b);
    b.keys_per_sig = 40;
    b.failures = 40;
    mav_dnssec_verify_rrset(&work, &fx.set, fx.sig, 1, &keys, fx.now, &b, &r);
    CHECK_INT("all keys tried", r.verdict, MAV_DNSSEC_SECURE);
    CHECK_INT("all keys tried", b.used_validations, 31);

    /* Many RRSIGs, all bad (the signature's last byte varies). */
    for (v = 0; v < 30; v++) {
        sig = place(fx.sig[0].msg, fx.sig[0].len);
        sig[fx.sig[0].len - 1] ^= (uint8_t)(v + 1);
        kt_sigs[v] = fx.sig[0];
        kt_sigs[v].msg = sig;
    }
    mav_dnssec_budget_init(&b);
    b.failures = 1000;
    mav_dnssec_verify_rrset(&work, &fx.set, kt_sigs, 30, &fx.keys, fx.now, &b,
                            &r);
    CHECK_INT("limit: sigs", r.reason, MAV_DNSSEC_R_LIMIT_SIGS);
    CHECK_INT("sigs tried", b.used_validations,
              MAV_CFG_DNSSEC_MAX_SIGS_PER_RRSET);

    mav_dnssec_budget_init(&b);
    mav_dnssec_verify_rrset(&work, &fx.set, kt_sigs, 30, &fx.keys, fx.now, &b,
                            &r);
    CHECK_INT("limit: failures", r.reason, MAV_DNSSEC_R_LIMIT_FAILURES);
    CHECK_INT("failures", b.used_validations, MAV_CFG_DNSSEC_MAX_FAILURES + 1);

    /* Validations per lookup, across calls: one budget, many RRsets. */
    mav_dnssec_budget_init(&b);
    b.failures = 1000;
    for (i = 0; i < 100; i++) {
        mav_dnssec_verify_rrset(&work, &fx.set, kt_sigs, 30, &fx.keys, fx.now,
                                &b, &r);
        if (r.reason == MAV_DNSSEC_R_LIMIT_VALIDATIONS)
            break;
    }
    CHECK_INT("limit: validations", r.reason, MAV_DNSSEC_R_LIMIT_VALIDATIONS);
    CHECK_INT("validations", b.used_validations,
              MAV_CFG_DNSSEC_MAX_VALIDATIONS);
    /* Spent: even the good RRset is refused now, without crypto. */
    mav_dnssec_verify_rrset(&work, &fx.set, fx.sig, 1, &fx.keys, fx.now, &b,
                            &r);
    CHECK_INT("spent", r.reason, MAV_DNSSEC_R_LIMIT_VALIDATIONS);
    CHECK_INT("spent", b.used_validations, MAV_CFG_DNSSEC_MAX_VALIDATIONS);

    /* The good RRSIG behind 30 bad ones and 30 colliding keys, with the
     * default budget: bogus by a limit, at most the budget's work. */
    kt_sigs[29] = fx.sig[0];
    mav_dnssec_budget_init(&b);
    mav_dnssec_verify_rrset(&work, &fx.set, kt_sigs, 30, &keys, fx.now, &b,
                            &r);
    CHECK_L("keytrap: a limit", mav_dnssec_reason_is_limit(r.reason));
    CHECK_L("keytrap: bounded",
            b.used_validations <= MAV_CFG_DNSSEC_MAX_FAILURES + 1);
}

/* vec_each calls one function for every case: dispatch on the kind. */
static void each_case(const vec_case *c, void *arg)
{
    if (strcmp(c->kind, "rrsig") == 0)
        rrsig_case(c, arg);
    else if (strcmp(c->kind, "nsec3") == 0)
        nsec3_case(c, arg);
    else if (strcmp(c->kind, "canon") == 0)
        canon_case(c, arg);
    else if (strcmp(c->kind, "ds") == 0)
        ds_case(c, arg);
    else
        CHECK_L(c->kind, 0);
}

void suite_dnssec_core(void)
{
    int n;

    n = vec_each("vectors/dnssec_rfc.vec", each_case, NULL);
    CHECK_L("vectors read", n > 0);
    windows();
    reasons();
    nsec3_spans();
    structure();
    keytrap();
}
