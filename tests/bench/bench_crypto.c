/* SPDX-License-Identifier: MIT */
/*
 * bench_crypto.c - "make bench": mav's verify-only crypto timed against
 * libsodium and OpenSSL's libcrypto in the same run, on the same machine,
 * on keys and signatures that OpenSSL generates at start. Before any
 * timing, every verifier (mav's and the peers') must accept each
 * signature and mav must reject a tampered copy, else the run exits with
 * status 1: a verifier that accepts nothing, or anything, would time
 * meaninglessly. Each measurement runs one operation in a loop for a
 * fixed time (MAV_BENCH_SECONDS, default 0.3 s) after a warm-up; the
 * contenders for one operation take turns, three rounds, best round kept.
 * mav's operation is what a DKIM or DNSSEC verifier does per signature:
 * hash the message, (for RSA) parse the key bytes, verify. OpenSSL's is
 * EVP_DigestVerifyInit + EVP_DigestVerify on an EVP_PKEY decoded once, as
 * an application calls it. Nothing is asserted about speed (a benchmark,
 * not a test); the Ed25519 goal is reported as met or not met.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <sodium.h>

#include "mav_crypto.h"
#include "bench_clock.h"

/* 1 when crypto/ed25519_verify.c is built into libmav (mk/bench.mk). */
#ifndef MAV_BENCH_ED25519
#define MAV_BENCH_ED25519 1
#endif

#define MESSAGE_LEN 200          /* about a DKIM header block */
#define HASH_BUF_LEN (1u << 20)  /* 1 MiB for hash throughput */
#define ROUNDS 3                 /* best of */
#define ED25519_GOAL 1.5         /* max time(mav) / time(libsodium) */
#define MAX_KEY_BYTES 600        /* RSA-4096 SPKI is 550 */
#define MAX_SIG_BYTES 512        /* RSA-4096 */
#define MAX_CONTENDERS 3

static uint8_t message[MESSAGE_LEN];
static uint8_t hash_buf[HASH_BUF_LEN];
static EVP_MD_CTX *verify_ctx; /* reused by every OpenSSL verify */

/* One key pair and one signature over message, in both forms. */
typedef struct {
    const char *name;              /* "RSA-2048" */
    EVP_PKEY *pkey;
    const EVP_MD *md;              /* NULL for Ed25519 */
    size_t coord_len;              /* ECDSA: bytes per coordinate */
    uint8_t key[MAX_KEY_BYTES];    /* the key as mav takes it */
    size_t key_len;
    uint8_t ossl_sig[MAX_SIG_BYTES + 16]; /* OpenSSL's (DER for ECDSA) */
    size_t ossl_sig_len;
    uint8_t sig[MAX_SIG_BYTES];    /* the signature as mav takes it */
    size_t sig_len;
} fixture;

/* A hash run over hash_buf; out receives the digest. */
typedef struct {
    const EVP_MD *md;
    uint8_t out[64];
} hash_job;

/* One timed operation: returns 0 when it succeeded. */
typedef int (*bench_op)(void *arg);

typedef struct {
    const char *who; /* "mav", "libsodium", "OpenSSL" */
    bench_op op;
    void *arg;
    double rate; /* best operations per second */
} contender;

/* ---- failure ---------------------------------------------------------- */

static void die(const char *what)
{
    fprintf(stderr, "bench_crypto: FATAL: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

/* ---- timing ----------------------------------------------------------- */

/*
 * Runs op until `seconds` have passed; returns operations per second.
 * The clock is read after every operation: the cheapest operation here
 * takes tens of microseconds, a vDSO clock read tens of nanoseconds.
 */
static double run_for(const contender *c, const char *operation,
                      double seconds)
{
    double start = bench_now(), elapsed;
    unsigned long count = 0;

    do {
        if (c->op(c->arg) != 0) {
            fprintf(stderr, "bench_crypto: FATAL: %s %s failed while "
                    "timed\n", c->who, operation);
            exit(1);
        }
        count++;
        elapsed = bench_now() - start;
    } while (elapsed < seconds);
    return (double)count / elapsed;
}

/* Warm every contender up, then ROUNDS turns each; keep the best rate. */
static void measure(const char *operation, contender *c, int n,
                    double seconds)
{
    int i, round;

    for (i = 0; i < n; i++) {
        (void)run_for(&c[i], operation, seconds / 3);
        c[i].rate = 0;
    }
    for (round = 0; round < ROUNDS; round++) {
        for (i = 0; i < n; i++) {
            double rate = run_for(&c[i], operation, seconds);
            if (rate > c[i].rate)
                c[i].rate = rate;
        }
    }
}

/* ---- the table -------------------------------------------------------- */

static void print_header(void)
{
    printf("%-22s %14s  %-10s %14s  %s\n", "operation", "mav",
           "peer", "peer", "t(mav)/t(peer)");
}

/*
 * One row per peer; c[0] is mav (rate 0 when not built). scale turns
 * operations per second into the unit printed (bytes per op / 1e6 for
 * MB/s).
 */
static void print_rows(const char *operation, const contender *c, int n,
                       double scale, const char *unit)
{
    int i;

    for (i = 1; i < n; i++) {
        char mav_col[32];

        if (i > 1)
            mav_col[0] = '\0';
        else if (c[0].rate > 0)
            snprintf(mav_col, sizeof mav_col, "%.1f %s", c[0].rate * scale,
                     unit);
        else
            snprintf(mav_col, sizeof mav_col, "(not built)");
        printf("%-22s %14s  %-10s %9.1f %s  ", i == 1 ? operation : "",
               mav_col, c[i].who, c[i].rate * scale, unit);
        if (c[0].rate > 0)
            printf("%.2f\n", c[i].rate / c[0].rate);
        else
            printf("-\n");
    }
    fflush(stdout);
}

/* ---- OpenSSL: keys and signatures -------------------------------------- */

static EVP_PKEY *generate_rsa(unsigned bits)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    BIGNUM *e = BN_new();
    EVP_PKEY *pkey = NULL;

    if (ctx == NULL || e == NULL || !BN_set_word(e, 65537) ||
        EVP_PKEY_keygen_init(ctx) <= 0 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, (int)bits) <= 0 ||
        EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx, e) <= 0 ||
        EVP_PKEY_generate(ctx, &pkey) <= 0)
        die("OpenSSL RSA key generation");
    BN_free(e);
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

static EVP_PKEY *generate_ec(const char *curve)
{
    EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "EC", curve);

    if (pkey == NULL)
        die("OpenSSL EC key generation");
    return pkey;
}

static EVP_PKEY *generate_ed25519(void)
{
    EVP_PKEY *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");

    if (pkey == NULL)
        die("OpenSSL Ed25519 key generation");
    return pkey;
}

/* OpenSSL signs message with f->pkey into f->ossl_sig. */
static void sign_message(fixture *f)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t len = 0;

    if (ctx == NULL ||
        EVP_DigestSignInit(ctx, NULL, f->md, NULL, f->pkey) <= 0 ||
        EVP_DigestSign(ctx, NULL, &len, message, sizeof message) <= 0 ||
        len > sizeof f->ossl_sig ||
        EVP_DigestSign(ctx, f->ossl_sig, &len, message,
                       sizeof message) <= 0)
        die("OpenSSL signing");
    f->ossl_sig_len = len;
    EVP_MD_CTX_free(ctx);
}

/* RSA for mav: the key as DER SubjectPublicKeyInfo, the signature as is. */
static void make_rsa_fixture(fixture *f, const char *name, unsigned bits,
                             const EVP_MD *md)
{
    unsigned char *p = f->key;
    int len;

    f->name = name;
    f->md = md;
    f->pkey = generate_rsa(bits);
    len = i2d_PUBKEY(f->pkey, NULL);
    if (len <= 0 || (size_t)len > sizeof f->key)
        die("i2d_PUBKEY length");
    if (i2d_PUBKEY(f->pkey, &p) != len)
        die("i2d_PUBKEY");
    f->key_len = (size_t)len;
    sign_message(f);
    memcpy(f->sig, f->ossl_sig, f->ossl_sig_len);
    f->sig_len = f->ossl_sig_len;
}

/*
 * ECDSA for mav (RFC 6605 §4): the key X||Y without the 0x04 of the
 * uncompressed point, the signature r||s out of OpenSSL's DER.
 */
static void make_ec_fixture(fixture *f, const char *name, const char *curve,
                            size_t coord_len, const EVP_MD *md)
{
    uint8_t point[1 + 2 * 48];
    size_t point_len = 0;
    const unsigned char *p;
    const BIGNUM *r, *s;
    ECDSA_SIG *der;

    f->name = name;
    f->md = md;
    f->coord_len = coord_len;
    f->pkey = generate_ec(curve);
    if (!EVP_PKEY_get_octet_string_param(f->pkey, OSSL_PKEY_PARAM_PUB_KEY,
                                         point, sizeof point, &point_len) ||
        point_len != 1 + 2 * coord_len || point[0] != 0x04)
        die("EC public key is not an uncompressed point");
    memcpy(f->key, point + 1, 2 * coord_len);
    f->key_len = 2 * coord_len;

    sign_message(f);
    p = f->ossl_sig;
    der = d2i_ECDSA_SIG(NULL, &p, (long)f->ossl_sig_len);
    if (der == NULL)
        die("d2i_ECDSA_SIG");
    ECDSA_SIG_get0(der, &r, &s);
    if (BN_bn2binpad(r, f->sig, (int)coord_len) < 0 ||
        BN_bn2binpad(s, f->sig + coord_len, (int)coord_len) < 0)
        die("ECDSA r or s wider than the curve");
    f->sig_len = 2 * coord_len;
    ECDSA_SIG_free(der);
}

/* Ed25519: the raw 32-byte key; the 64-byte signature is the same. */
static void make_ed25519_fixture(fixture *f)
{
    size_t len = sizeof f->key;

    f->name = "Ed25519";
    f->md = NULL;
    f->pkey = generate_ed25519();
    if (!EVP_PKEY_get_raw_public_key(f->pkey, f->key, &len) ||
        len != crypto_sign_PUBLICKEYBYTES)
        die("EVP_PKEY_get_raw_public_key");
    f->key_len = len;
    sign_message(f);
    if (f->ossl_sig_len != crypto_sign_BYTES)
        die("Ed25519 signature is not 64 bytes");
    memcpy(f->sig, f->ossl_sig, f->ossl_sig_len);
    f->sig_len = f->ossl_sig_len;
}

/* ---- the operations ----------------------------------------------------- */

static int mav_rsa_sha256(void *arg)
{
    const fixture *f = arg;
    uint8_t digest[MAV_SHA256_LEN];
    mav_rsa_pub pub;
    int rc;

    mav_sha256(message, sizeof message, digest);
    rc = mav_rsa_parse_key(MAV_RSA_KEY_SPKI, f->key, f->key_len, &pub);
    if (rc != MAV_CRYPTO_OK)
        return rc;
    return mav_rsa_pkcs1_verify(&pub, MAV_HASH_SHA256, digest,
                                sizeof digest, f->sig, f->sig_len);
}

static int mav_ecdsa_p256(void *arg)
{
    const fixture *f = arg;
    uint8_t digest[MAV_SHA256_LEN];

    mav_sha256(message, sizeof message, digest);
    return mav_ecdsa_p256_verify(f->key, f->key_len, digest, sizeof digest,
                                 f->sig, f->sig_len);
}

static int mav_ecdsa_p384(void *arg)
{
    const fixture *f = arg;
    uint8_t digest[MAV_SHA384_LEN];
    mav_sha512_ctx ctx;

    mav_sha384_init(&ctx);
    mav_sha384_update(&ctx, message, sizeof message);
    mav_sha384_final(&ctx, digest);
    return mav_ecdsa_p384_verify(f->key, f->key_len, digest, sizeof digest,
                                 f->sig, f->sig_len);
}

#if MAV_BENCH_ED25519
static int mav_ed25519(void *arg)
{
    const fixture *f = arg;

    return mav_ed25519_verify(f->key, f->key_len, message, sizeof message,
                              f->sig, f->sig_len);
}
#endif

static int sodium_ed25519(void *arg)
{
    const fixture *f = arg;

    return crypto_sign_verify_detached(f->sig, message, sizeof message,
                                       f->key) == 0 ? 0 : -1;
}

static int openssl_verify(void *arg)
{
    const fixture *f = arg;

    /* A one-shot EVP_DigestVerify finalises the context: start afresh. */
    if (EVP_MD_CTX_reset(verify_ctx) != 1 ||
        EVP_DigestVerifyInit(verify_ctx, NULL, f->md, NULL, f->pkey) <= 0)
        return -1;
    return EVP_DigestVerify(verify_ctx, f->ossl_sig, f->ossl_sig_len,
                            message, sizeof message) == 1 ? 0 : -1;
}

static int mav_hash256(void *arg)
{
    mav_sha256(hash_buf, sizeof hash_buf, ((hash_job *)arg)->out);
    return 0;
}

static int mav_hash512(void *arg)
{
    mav_sha512(hash_buf, sizeof hash_buf, ((hash_job *)arg)->out);
    return 0;
}

static int sodium_hash256(void *arg)
{
    return crypto_hash_sha256(((hash_job *)arg)->out, hash_buf,
                              sizeof hash_buf);
}

static int sodium_hash512(void *arg)
{
    return crypto_hash_sha512(((hash_job *)arg)->out, hash_buf,
                              sizeof hash_buf);
}

static int openssl_hash(void *arg)
{
    hash_job *job = arg;

    return EVP_Digest(hash_buf, sizeof hash_buf, job->out, NULL, job->md,
                      NULL) == 1 ? 0 : -1;
}

/* ---- checks before timing ---------------------------------------------- */

/*
 * Every contender must accept the signature; and mav must refuse it with
 * one bit of the signature flipped, so that we never time a verifier
 * that says yes to anything (the fixture is restored afterwards).
 */
static void check_signature(contender *c, int n, fixture *f)
{
    int i, rc;

    for (i = 0; i < n; i++) {
        if (c[i].op == NULL)
            continue;
        rc = c[i].op(c[i].arg);
        if (rc != 0) {
            fprintf(stderr, "bench_crypto: FATAL: %s rejects the %s "
                    "signature OpenSSL made (%d%s%s)\n", c[i].who,
                    f->name, rc, i == 0 ? ": " : "",
                    i == 0 ? mav_crypto_strerror(rc) : "");
            ERR_print_errors_fp(stderr);
            exit(1);
        }
    }
    if (c[0].op == NULL)
        return;
    f->sig[f->sig_len / 2] ^= 0x01;
    rc = c[0].op(c[0].arg);
    f->sig[f->sig_len / 2] ^= 0x01;
    if (rc == 0) {
        fprintf(stderr, "bench_crypto: FATAL: mav accepts a tampered %s "
                "signature\n", f->name);
        exit(1);
    }
}

static void check_digests(const char *operation, contender *c, int n,
                          size_t digest_len)
{
    int i;

    for (i = 0; i < n; i++)
        if (c[i].op(c[i].arg) != 0)
            die("hash call failed");
    for (i = 1; i < n; i++) {
        if (memcmp(((hash_job *)c[0].arg)->out, ((hash_job *)c[i].arg)->out,
                   digest_len) != 0) {
            fprintf(stderr, "bench_crypto: FATAL: %s digests of mav and "
                    "%s differ\n", operation, c[i].who);
            exit(1);
        }
    }
}

/* ---- main --------------------------------------------------------------- */

/* An ECDSA or RSA signature operation: mav against OpenSSL. */
static void bench_signature(const char *operation, bench_op mav_op,
                            fixture *f, double seconds)
{
    contender c[2] = {{"mav", NULL, NULL, 0}, {"OpenSSL", NULL, NULL, 0}};

    c[0].op = mav_op;
    c[0].arg = f;
    c[1].op = openssl_verify;
    c[1].arg = f;
    check_signature(c, 2, f);
    measure(operation, c, 2, seconds);
    print_rows(operation, c, 2, 1.0, "op/s");
}

int main(void)
{
    static fixture rsa2048, rsa4096, p256, p384, ed25519;
    double seconds = bench_seconds("bench_crypto"), ed25519_ratio = 0;
    contender c[MAX_CONTENDERS];
    hash_job hash_out[MAX_CONTENDERS];
    size_t i;
    int n;

    if (sodium_init() < 0)
        die("sodium_init");
    verify_ctx = EVP_MD_CTX_new();
    if (verify_ctx == NULL)
        die("EVP_MD_CTX_new");
    for (i = 0; i < sizeof message; i++)
        message[i] = (uint8_t)('A' + i % 26);
    for (i = 0; i < sizeof hash_buf; i++)
        hash_buf[i] = (uint8_t)(i * 131u ^ i >> 9);

    printf("mav crypto benchmark: %.2f s per round, best of %d, warm-up "
           "first; %d-byte message\n", seconds, ROUNDS, MESSAGE_LEN);
    printf("peers: libsodium %s, %s\n", sodium_version_string(),
           OpenSSL_version(OPENSSL_VERSION));
    printf("generating keys with OpenSSL (RSA-2048, RSA-4096, P-256, P-384, "
           "Ed25519)...\n");
    fflush(stdout);
    make_ed25519_fixture(&ed25519);
    make_rsa_fixture(&rsa2048, "RSA-2048", 2048, EVP_sha256());
    make_rsa_fixture(&rsa4096, "RSA-4096", 4096, EVP_sha256());
    make_ec_fixture(&p256, "P-256", "P-256", 32, EVP_sha256());
    make_ec_fixture(&p384, "P-384", "P-384", 48, EVP_sha384());
    printf("\n");
    print_header();

    /* Ed25519: mav, libsodium, OpenSSL. */
    memset(c, 0, sizeof c);
    c[0].who = "mav";
#if MAV_BENCH_ED25519
    c[0].op = mav_ed25519;
    c[0].arg = &ed25519;
#endif
    c[1].who = "libsodium";
    c[1].op = sodium_ed25519;
    c[1].arg = &ed25519;
    c[2].who = "OpenSSL";
    c[2].op = openssl_verify;
    c[2].arg = &ed25519;
    check_signature(c, 3, &ed25519);
    if (c[0].op != NULL) {
        measure("Ed25519 verify", c, 3, seconds);
        ed25519_ratio = c[1].rate / c[0].rate;
    } else {
        measure("Ed25519 verify", c + 1, 2, seconds);
    }
    print_rows("Ed25519 verify", c, 3, 1.0, "op/s");

    bench_signature("RSA-2048 SHA-256", mav_rsa_sha256, &rsa2048,
                    seconds);
    bench_signature("RSA-4096 SHA-256", mav_rsa_sha256, &rsa4096,
                    seconds);
    bench_signature("ECDSA P-256 SHA-256", mav_ecdsa_p256, &p256, seconds);
    bench_signature("ECDSA P-384 SHA-384", mav_ecdsa_p384, &p384, seconds);

    /* Hash throughput over 1 MiB: mav, OpenSSL, libsodium. */
    for (n = 0; n < 2; n++) {
        const char *operation = n == 0 ? "SHA-256 1 MiB" : "SHA-512 1 MiB";

        memset(c, 0, sizeof c);
        memset(hash_out, 0, sizeof hash_out);
        c[0].who = "mav";
        c[0].op = n == 0 ? mav_hash256 : mav_hash512;
        c[1].who = "OpenSSL";
        c[1].op = openssl_hash;
        hash_out[1].md = n == 0 ? EVP_sha256() : EVP_sha512();
        c[2].who = "libsodium";
        c[2].op = n == 0 ? sodium_hash256 : sodium_hash512;
        for (i = 0; i < MAX_CONTENDERS; i++)
            c[i].arg = &hash_out[i];
        check_digests(operation, c, 3, n == 0 ? 32 : 64);
        measure(operation, c, 3, seconds);
        print_rows(operation, c, 3, HASH_BUF_LEN / 1e6, "MB/s");
    }

    printf("\n");
    if (ed25519_ratio > 0)
        printf("mav Ed25519 verify costs at most %.1fx libsodium's time: "
               "%s (ratio %.2f)\n", ED25519_GOAL,
               ed25519_ratio <= ED25519_GOAL ? "met" : "not met",
               ed25519_ratio);
    else
        printf("mav Ed25519 verify costs at most %.1fx libsodium's time: "
               "not measured (not built yet)\n",
               ED25519_GOAL);
    printf("\nmav run-time sizes: sizeof(mav_sha256_ctx) %zu, "
           "sizeof(mav_sha512_ctx) %zu,\n", sizeof(mav_sha256_ctx),
           sizeof(mav_sha512_ctx));
    printf("  Mbed TLS arena %zu bytes, peak use in this run %zu bytes\n",
           mav_crypto_arena_size(), mav_crypto_arena_peak());
    if (mav_crypto_arena_check() != 0)
        die("Mbed TLS arena corrupted after the run");

    EVP_MD_CTX_free(verify_ctx);
    EVP_PKEY_free(rsa2048.pkey);
    EVP_PKEY_free(rsa4096.pkey);
    EVP_PKEY_free(p256.pkey);
    EVP_PKEY_free(p384.pkey);
    EVP_PKEY_free(ed25519.pkey);
    return 0;
}
