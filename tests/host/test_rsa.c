/* SPDX-License-Identifier: MIT */
/*
 * test_rsa.c - RSA PKCS#1 v1.5 verification against signatures that the
 * openssl command-line tool makes at test time: keys of 1024, 2048,
 * 3072 and 4096 bits, SHA-256 and SHA-512, each key read in all three
 * encodings (SPKI, RSAPublicKey, RFC 3110 DNSKEY); tampered copies must
 * fail with the right code, and 512- and 8192-bit keys are refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mav_crypto.h"
#include "test.h"
#include "vec.h"

#define MSG_LEN 777

static uint8_t msg[MSG_LEN], spki[1200], pkcs1[1200], dnskey[1200];
static uint8_t sig[600], bad[600];

/* RFC 3110 §2 form built from a parsed key (exponent length, e, n). */
static size_t to_dnskey(const mav_rsa_pub *k, uint8_t *out)
{
    size_t o = 0;

    out[o++] = (uint8_t)k->e_len;
    memcpy(out + o, k->e, k->e_len);
    o += k->e_len;
    memcpy(out + o, k->n, k->n_len);
    return o + k->n_len;
}

static void one_key(unsigned bits)
{
    const char *d = test_tmpdir();
    char label[64];
    static const char *hashes[] = {"sha256", "sha512"};
    long spki_len, pkcs1_len, msg_len, sig_len;
    mav_rsa_pub a, b, c;
    size_t h, dk_len;

    snprintf(label, sizeof label, "rsa-%u", bits);
    if (test_sh("cd %s && openssl genrsa -out rsa%u.pem %u 2>/dev/null &&"
                " openssl rsa -in rsa%u.pem -pubout -outform DER"
                " -out rsa%u.spki 2>/dev/null &&"
                " openssl rsa -in rsa%u.pem -RSAPublicKey_out -outform DER"
                " -out rsa%u.pkcs1 2>/dev/null &&"
                " head -c %d /dev/urandom > rsa%u.msg",
                d, bits, bits, bits, bits, bits, bits, MSG_LEN, bits) != 0) {
        CHECK_L("openssl made the RSA key", 0);
        return;
    }
    {
        char p[600];
        snprintf(p, sizeof p, "%s/rsa%u.spki", d, bits);
        spki_len = test_read_file(p, spki, sizeof spki);
        snprintf(p, sizeof p, "%s/rsa%u.pkcs1", d, bits);
        pkcs1_len = test_read_file(p, pkcs1, sizeof pkcs1);
        snprintf(p, sizeof p, "%s/rsa%u.msg", d, bits);
        msg_len = test_read_file(p, msg, sizeof msg);
    }
    CHECK_L(label, spki_len > 0 && pkcs1_len > 0 && msg_len == MSG_LEN);
    CHECK_INT(label, mav_rsa_parse_key(MAV_RSA_KEY_SPKI, spki,
                                       (size_t)spki_len, &a), 0);
    CHECK_INT(label, a.bits, bits);
    CHECK_INT(label, mav_rsa_parse_key(MAV_RSA_KEY_PKCS1, pkcs1,
                                       (size_t)pkcs1_len, &b), 0);
    CHECK_MEM(label, b.n, b.n_len, a.n, a.n_len);
    CHECK_INT(label, mav_rsa_parse_key(MAV_RSA_KEY_DER, pkcs1,
                                       (size_t)pkcs1_len, &b), 0);
    CHECK_INT(label, mav_rsa_parse_key(MAV_RSA_KEY_DER, spki,
                                       (size_t)spki_len, &b), 0);
    /* The wrong declared format is refused, not misread. */
    CHECK_INT(label, mav_rsa_parse_key(MAV_RSA_KEY_SPKI, pkcs1,
                                       (size_t)pkcs1_len, &b),
              MAV_CRYPTO_ERR_KEY);
    dk_len = to_dnskey(&a, dnskey);
    CHECK_INT(label, mav_rsa_parse_key(MAV_RSA_KEY_DNSKEY, dnskey, dk_len, &c),
              0);
    CHECK_MEM(label, c.e, c.e_len, a.e, a.e_len);

    for (h = 0; h < 2; h++) {
        uint8_t digest[64];
        size_t dlen = h ? MAV_SHA512_LEN : MAV_SHA256_LEN;
        mav_rsa_hash alg = h ? MAV_HASH_SHA512 : MAV_HASH_SHA256;
        char p[600];

        if (test_sh("cd %s && openssl dgst -%s -sign rsa%u.pem -out rsa%u.%s"
                    " rsa%u.msg", d, hashes[h], bits, bits, hashes[h],
                    bits) != 0) {
            CHECK_L("openssl signed", 0);
            continue;
        }
        snprintf(p, sizeof p, "%s/rsa%u.%s", d, bits, hashes[h]);
        sig_len = test_read_file(p, sig, sizeof sig);
        CHECK_INT(label, sig_len, (bits + 7) / 8);
        if (h)
            mav_sha512(msg, MSG_LEN, digest);
        else
            mav_sha256(msg, MSG_LEN, digest);
        CHECK_INT(label, mav_rsa_pkcs1_verify(&a, alg, digest, dlen, sig,
                                              (size_t)sig_len), 0);
        CHECK_INT(label, mav_rsa_pkcs1_verify(&c, alg, digest, dlen, sig,
                                              (size_t)sig_len), 0);
        /* The other hash's DigestInfo must not match. */
        CHECK_INT(label, mav_rsa_pkcs1_verify(&a, h ? MAV_HASH_SHA256
                                                    : MAV_HASH_SHA512,
                                              digest, h ? 32 : 64, sig,
                                              (size_t)sig_len),
                  MAV_CRYPTO_ERR_MISMATCH);
        memcpy(bad, sig, (size_t)sig_len);
        bad[sig_len / 2] ^= 0x10;
        CHECK_INT(label, mav_rsa_pkcs1_verify(&a, alg, digest, dlen, bad,
                                              (size_t)sig_len),
                  MAV_CRYPTO_ERR_MISMATCH);
        digest[0] ^= 1;
        CHECK_INT(label, mav_rsa_pkcs1_verify(&a, alg, digest, dlen, sig,
                                              (size_t)sig_len),
                  MAV_CRYPTO_ERR_MISMATCH);
        digest[0] ^= 1;
        CHECK_INT(label, mav_rsa_pkcs1_verify(&a, alg, digest, dlen, sig,
                                              (size_t)sig_len - 1),
                  MAV_CRYPTO_ERR_SIG);
        memset(bad, 0xff, (size_t)sig_len); /* >= n */
        CHECK_INT(label, mav_rsa_pkcs1_verify(&a, alg, digest, dlen, bad,
                                              (size_t)sig_len),
                  MAV_CRYPTO_ERR_SIG);
    }
}

/* Keys outside 1024..4096 bits: a fixed encoding, size reported. */
static void refused_key(const vec_case *c, void *arg)
{
    static uint8_t key[1200];
    long n = vec_hex(c, "spki", key, sizeof key);
    const char *bits = vec_get(c, "bits");
    mav_rsa_pub pub;

    (void)arg;
    CHECK_L(c->kind, n > 0 && bits != NULL);
    if (n <= 0 || !bits)
        return;
    CHECK_INT(vec_get(c, "name"),
              mav_rsa_parse_key(MAV_RSA_KEY_SPKI, key, (size_t)n, &pub),
              MAV_CRYPTO_ERR_KEY_SIZE);
    CHECK_INT(vec_get(c, "name"), pub.bits, strtoul(bits, NULL, 10));
}

/* Every prefix of a good key is refused cleanly (ASan sees overreads);
 * so are keys with one length byte changed. */
static void hostile_keys(void)
{
    mav_rsa_pub pub;
    long n;
    size_t cut, i, bad_prefix = 0;
    char p[600];

    snprintf(p, sizeof p, "%s/rsa2048.spki", test_tmpdir());
    n = test_read_file(p, spki, sizeof spki);
    CHECK(n > 0);
    if (n <= 0)
        return;
    for (cut = 0; cut < (size_t)n; cut++) {
        static uint8_t exact[1200];
        int fmt;
        memcpy(exact, spki, cut);
        for (fmt = MAV_RSA_KEY_SPKI; fmt <= MAV_RSA_KEY_DNSKEY; fmt++) {
            int rc = mav_rsa_parse_key((mav_rsa_key_format)fmt, exact, cut,
                                       &pub);
            /* A DNSKEY-form read of a DER prefix may still parse as some
             * (wrong) key; DER formats must always refuse a prefix. */
            if (fmt != MAV_RSA_KEY_DNSKEY && rc != MAV_CRYPTO_ERR_KEY)
                bad_prefix++;
        }
    }
    CHECK_INT("every truncated SPKI refused", bad_prefix, 0);
    for (i = 0; i < (size_t)n && i < 40; i++) {
        static uint8_t mut[1200];
        int rc;
        memcpy(mut, spki, (size_t)n);
        mut[i] ^= 0x80;
        rc = mav_rsa_parse_key(MAV_RSA_KEY_DER, mut, (size_t)n, &pub);
        CHECK_L("mutated header byte gives a defined result",
                rc == 0 || rc == MAV_CRYPTO_ERR_KEY ||
                    rc == MAV_CRYPTO_ERR_KEY_SIZE);
    }
    CHECK_INT("NULL key", mav_rsa_parse_key(MAV_RSA_KEY_DER, NULL, 0, &pub),
              MAV_CRYPTO_ERR_ARG);
    CHECK_INT("bad format", mav_rsa_parse_key((mav_rsa_key_format)99, spki,
                                              (size_t)n, &pub),
              MAV_CRYPTO_ERR_ARG);
    {
        /* Even exponent and exponent 1 are not RSA keys. */
        static const uint8_t even_e[] = {1, 4, 0xc1, 0x01, 0x02, 0x03};
        static const uint8_t one_e[] = {1, 1, 0xc1, 0x01, 0x02, 0x03};
        CHECK_INT("even e", mav_rsa_parse_key(MAV_RSA_KEY_DNSKEY, even_e,
                                              sizeof even_e, &pub),
                  MAV_CRYPTO_ERR_KEY);
        CHECK_INT("e = 1", mav_rsa_parse_key(MAV_RSA_KEY_DNSKEY, one_e,
                                             sizeof one_e, &pub),
                  MAV_CRYPTO_ERR_KEY);
    }
}

void suite_rsa(void)
{
    static const unsigned sizes[] = {1024, 2048, 3072, 4096};
    size_t i;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        one_key(sizes[i]);
    hostile_keys();
    CHECK(vec_each("vectors/rsa_refused.vec", refused_key, NULL) == 2);
}
