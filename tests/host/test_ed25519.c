/* SPDX-License-Identifier: MIT */
/*
 * test_ed25519.c - mav_ed25519_verify (crypto/ed25519_verify.c) against
 * the RFC 8032 §7.1 vectors, the 12 edge cases of "Taming the many
 * EdDSAs" under mav's documented rule, encodings that must be refused
 * with the right code (S >= L, y >= p, x = 0 with the sign bit, points
 * off the curve or of small order, wrong lengths), and signatures made at
 * test time by the openssl command-line tool. Every valid signature is
 * also tampered with, one bit at a time, and must then fail.
 */
#include <stdio.h>
#include <string.h>

#include "mav_crypto.h"
#include "test.h"
#include "vec.h"

#define MSG_MAX 16384

/* The expected code of a vector's "expect" field; INVALID is any fault. */
#define INVALID 1

/*
 * Verify with every input copied to the very end of a static buffer, so
 * that a read past the given length lands in ASan's redzone after it.
 */
static int verify_exact(const uint8_t *key, size_t key_len, const uint8_t *msg,
                        size_t msg_len, const uint8_t *sig, size_t sig_len)
{
    static uint8_t kb[64], mb[MSG_MAX], sb[128];
    uint8_t *k = kb + sizeof kb - key_len, *m = mb + sizeof mb - msg_len,
            *s = sb + sizeof sb - sig_len;

    if (key_len > sizeof kb || msg_len > sizeof mb || sig_len > sizeof sb)
        return 99; /* a test bug: fails any CHECK */
    if (key_len)
        memcpy(k, key, key_len);
    if (msg_len)
        memcpy(m, msg, msg_len);
    if (sig_len)
        memcpy(s, sig, sig_len);
    return mav_ed25519_verify(k, key_len, m, msg_len, s, sig_len);
}

static int parse_expect(const char *e)
{
    if (e == NULL)
        return 99;
    if (strcmp(e, "valid") == 0)
        return MAV_CRYPTO_OK;
    if (strcmp(e, "invalid") == 0)
        return INVALID;
    if (strcmp(e, "key") == 0)
        return MAV_CRYPTO_ERR_KEY;
    if (strcmp(e, "sig") == 0)
        return MAV_CRYPTO_ERR_SIG;
    if (strcmp(e, "mismatch") == 0)
        return MAV_CRYPTO_ERR_MISMATCH;
    if (strcmp(e, "arg") == 0)
        return MAV_CRYPTO_ERR_ARG;
    return 99;
}

/*
 * A valid (key, msg, sig) with one bit flipped must fail, with a code
 * that names the part: a flip in R gives SIG (not canonical, not on the
 * curve, small order) or MISMATCH; in S, SIG (now >= L) or MISMATCH; in
 * the key, KEY or MISMATCH; in the message, MISMATCH. Every bit of the
 * signature and the key is tried, and the bits of the first, middle and
 * last message bytes (all of them for short messages).
 */
static void tamper(const char *name, const uint8_t *key, const uint8_t *msg,
                   size_t msg_len, const uint8_t *sig)
{
    static uint8_t m[MSG_MAX];
    uint8_t k[32], s[64];
    char label[160];
    unsigned bit, bad = 0, first_bad = 0;
    int rc;

    memcpy(k, key, 32);
    memcpy(s, sig, 64);
    memcpy(m, msg, msg_len);
    for (bit = 0; bit < 512; bit++) {
        s[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        rc = verify_exact(k, 32, m, msg_len, s, 64);
        s[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        if (rc != MAV_CRYPTO_ERR_SIG && rc != MAV_CRYPTO_ERR_MISMATCH && !bad++)
            first_bad = bit;
    }
    snprintf(label, sizeof label,
             "%s: a flipped signature bit fails (first bad bit %u)", name,
             first_bad);
    CHECK_INT(label, bad, 0);

    bad = 0;
    for (bit = 0; bit < 256; bit++) {
        k[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        rc = verify_exact(k, 32, m, msg_len, s, 64);
        k[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        if (rc != MAV_CRYPTO_ERR_KEY && rc != MAV_CRYPTO_ERR_MISMATCH && !bad++)
            first_bad = bit;
    }
    snprintf(label, sizeof label,
             "%s: a flipped key bit fails (first bad bit %u)", name, first_bad);
    CHECK_INT(label, bad, 0);

    bad = 0;
    for (bit = 0; bit < 8 * msg_len; bit++) {
        size_t byte = bit / 8;

        if (msg_len > 64 && byte != 0 && byte != msg_len / 2 &&
            byte != msg_len - 1)
            continue;
        m[byte] ^= (uint8_t)(1u << (bit % 8));
        rc = verify_exact(k, 32, m, msg_len, s, 64);
        m[byte] ^= (uint8_t)(1u << (bit % 8));
        if (rc != MAV_CRYPTO_ERR_MISMATCH && !bad++)
            first_bad = bit;
    }
    snprintf(label, sizeof label,
             "%s: a flipped message bit fails (first bad bit %u)", name,
             first_bad);
    CHECK_INT(label, bad, 0);

    /* one byte more or less is another message */
    if (msg_len < MSG_MAX) {
        m[msg_len] = 0;
        CHECK_INT(name, verify_exact(k, 32, m, msg_len + 1, s, 64),
                  MAV_CRYPTO_ERR_MISMATCH);
    }
    if (msg_len > 0)
        CHECK_INT(name, verify_exact(k, 32, m, msg_len - 1, s, 64),
                  MAV_CRYPTO_ERR_MISMATCH);
}

static void run_vector(const vec_case *c, void *arg)
{
    static uint8_t msg[MSG_MAX];
    uint8_t key[64], sig[128];
    const char *name = vec_get(c, "name");
    long kl, ml, sl;
    int want, rc;

    (void)arg;
    if (name == NULL)
        name = "(unnamed ed25519 vector)";
    kl = vec_hex(c, "key", key, sizeof key);
    ml = vec_hex(c, "msg", msg, sizeof msg);
    sl = vec_hex(c, "sig", sig, sizeof sig);
    want = parse_expect(vec_get(c, "expect"));
    CHECK_L(name, strcmp(c->kind, "ed25519") == 0 && kl >= 0 && ml >= 0 &&
                      sl >= 0 && want != 99);
    if (kl < 0 || ml < 0 || sl < 0 || want == 99)
        return;
    rc = verify_exact(key, (size_t)kl, msg, (size_t)ml, sig, (size_t)sl);
    if (want == INVALID)
        CHECK_L(name, rc != MAV_CRYPTO_OK);
    else
        CHECK_INT(name, rc, want);
    if (want == MAV_CRYPTO_OK && rc == MAV_CRYPTO_OK && kl == 32 && sl == 64)
        tamper(name, key, msg, (size_t)ml, sig);
}

/* ---- fixed inputs ----------------------------------------------------- */

/* RFC 8032 §7.1 TEST 2: the one-byte message 0x72. */
static const char t2_key[] =
    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
static const char t2_sig[] =
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
    "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";
static const uint8_t t2_msg[1] = {0x72};

/* RFC 8032 §7.1 TEST 1: the empty message. */
static const char t1_key[] =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
static const char t1_sig[] =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

/* L, the order of the base point, little-endian. */
static const char order_hex[] = "edd3f55c1a631258d69cf7a2def9de14"
                                "00000000000000000000000000000010";

/*
 * The eight points of small order ([8]P = 0), canonically encoded:
 * (0, 1), (0, -1), the two with y = 0 (order 4) and four of order 8.
 */
static const char *const small_order[8] = {
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
};

static void unhex32(const char *hex, uint8_t out[32])
{
    CHECK_INT(hex, test_unhex(hex, out, 32), 32);
}

/* a = a + b, 256-bit little-endian (the carry out is dropped). */
static void add256(uint8_t a[32], const uint8_t b[32])
{
    unsigned i, c = 0;

    for (i = 0; i < 32; i++) {
        c += (unsigned)a[i] + b[i];
        a[i] = (uint8_t)c;
        c >>= 8;
    }
}

/* RFC 8032 §5.1.7 step 1: S >= L is refused before any arithmetic. */
static void scalar_range(void)
{
    uint8_t key[32], sig[64], l[32], one[32] = {1};
    unsigned i;

    unhex32(t2_key, key);
    CHECK_INT("t2 sig", test_unhex(t2_sig, sig, 64), 64);
    unhex32(order_hex, l);
    CHECK_INT("TEST 2 verifies", verify_exact(key, 32, t2_msg, 1, sig, 64),
              MAV_CRYPTO_OK);

    memcpy(sig + 32, l, 32);
    CHECK_INT("S = L", verify_exact(key, 32, t2_msg, 1, sig, 64),
              MAV_CRYPTO_ERR_SIG);
    add256(sig + 32, one);
    CHECK_INT("S = L + 1", verify_exact(key, 32, t2_msg, 1, sig, 64),
              MAV_CRYPTO_ERR_SIG);
    memset(sig + 32, 0xff, 32);
    CHECK_INT("S = 2^256 - 1", verify_exact(key, 32, t2_msg, 1, sig, 64),
              MAV_CRYPTO_ERR_SIG);
    for (i = 253; i < 256; i++) {
        memset(sig + 32, 0, 32);
        sig[32 + i / 8] = (uint8_t)(1u << (i % 8));
        CHECK_INT("S = 2^253..2^255", verify_exact(key, 32, t2_msg, 1, sig, 64),
                  MAV_CRYPTO_ERR_SIG);
    }

    /* S + L: the same point [S]B, the malleated twin of a valid signature */
    CHECK_INT("t2 sig", test_unhex(t2_sig, sig, 64), 64);
    add256(sig + 32, l);
    CHECK_INT("S + L (malleated)", verify_exact(key, 32, t2_msg, 1, sig, 64),
              MAV_CRYPTO_ERR_SIG);

    /* in range, but wrong: L - 1 and 0 */
    memcpy(sig + 32, l, 32);
    sig[32] -= 1;
    CHECK_INT("S = L - 1", verify_exact(key, 32, t2_msg, 1, sig, 64),
              MAV_CRYPTO_ERR_MISMATCH);
    memset(sig + 32, 0, 32);
    CHECK_INT("S = 0", verify_exact(key, 32, t2_msg, 1, sig, 64),
              MAV_CRYPTO_ERR_MISMATCH);
}

/*
 * RFC 8032 §5.1.3: y in p..2^255-1 (19 values, either sign), x = 0 with
 * the sign bit, y off the curve, and the small-order points: refused as
 * the key with KEY and as R with SIG.
 */
static void encodings(void)
{
    uint8_t key[32], sig[64], bad[32], s2[64];
    char label[96];
    unsigned v, sign, i;

    unhex32(t2_key, key);
    CHECK_INT("t2 sig", test_unhex(t2_sig, sig, 64), 64);

    for (v = 0; v < 19; v++) {
        for (sign = 0; sign < 2; sign++) {
            /* p + v = 2^255 - 19 + v */
            memset(bad, 0xff, 32);
            bad[0] = (uint8_t)(0xed + v);
            bad[31] = (uint8_t)(sign ? 0xff : 0x7f);
            snprintf(label, sizeof label, "key y = p + %u, sign %u", v, sign);
            CHECK_INT(label, verify_exact(bad, 32, t2_msg, 1, sig, 64),
                      MAV_CRYPTO_ERR_KEY);
            memcpy(s2, sig, 64);
            memcpy(s2, bad, 32);
            snprintf(label, sizeof label, "R y = p + %u, sign %u", v, sign);
            CHECK_INT(label, verify_exact(key, 32, t2_msg, 1, s2, 64),
                      MAV_CRYPTO_ERR_SIG);
        }
    }

    /* x = 0 with the sign bit: (0, 1) and (0, -1) */
    memset(bad, 0, 32);
    bad[0] = 1;
    bad[31] = 0x80;
    CHECK_INT("key (0, 1) with sign bit",
              verify_exact(bad, 32, t2_msg, 1, sig, 64), MAV_CRYPTO_ERR_KEY);
    memcpy(s2, sig, 64);
    memcpy(s2, bad, 32);
    CHECK_INT("R (0, 1) with sign bit",
              verify_exact(key, 32, t2_msg, 1, s2, 64), MAV_CRYPTO_ERR_SIG);
    memset(bad, 0xff, 32);
    bad[0] = 0xec;
    CHECK_INT("key (0, -1) with sign bit",
              verify_exact(bad, 32, t2_msg, 1, sig, 64), MAV_CRYPTO_ERR_KEY);

    /* y = 2 and y = 7: (y^2 - 1) / (d y^2 + 1) is not a square mod p */
    for (v = 2; v <= 7; v += 5) {
        for (sign = 0; sign < 2; sign++) {
            memset(bad, 0, 32);
            bad[0] = (uint8_t)v;
            bad[31] = (uint8_t)(sign << 7);
            snprintf(label, sizeof label, "key y = %u off the curve", v);
            CHECK_INT(label, verify_exact(bad, 32, t2_msg, 1, sig, 64),
                      MAV_CRYPTO_ERR_KEY);
            memcpy(s2, sig, 64);
            memcpy(s2, bad, 32);
            snprintf(label, sizeof label, "R y = %u off the curve", v);
            CHECK_INT(label, verify_exact(key, 32, t2_msg, 1, s2, 64),
                      MAV_CRYPTO_ERR_SIG);
        }
    }

    for (i = 0; i < 8; i++) {
        unhex32(small_order[i], bad);
        snprintf(label, sizeof label, "key of small order #%u", i);
        CHECK_INT(label, verify_exact(bad, 32, t2_msg, 1, sig, 64),
                  MAV_CRYPTO_ERR_KEY);
        memcpy(s2, sig, 64);
        memcpy(s2, bad, 32);
        snprintf(label, sizeof label, "R of small order #%u", i);
        CHECK_INT(label, verify_exact(key, 32, t2_msg, 1, s2, 64),
                  MAV_CRYPTO_ERR_SIG);
    }

    /* The universal forgery that small-order refusal stops: A = R = (0, 1),
     * S = 0 satisfies [S]B = R + [k]A for every message. */
    unhex32(small_order[0], bad);
    memset(s2, 0, 64);
    s2[0] = 1;
    CHECK_INT("A = R = identity, S = 0",
              verify_exact(bad, 32, t2_msg, 1, s2, 64), MAV_CRYPTO_ERR_KEY);

    /* the key is checked first when both are bad */
    memset(s2, 0xff, 64);
    unhex32(small_order[1], bad);
    CHECK_INT("bad key and bad sig", verify_exact(bad, 32, t2_msg, 1, s2, 64),
              MAV_CRYPTO_ERR_KEY);
}

static void lengths(void)
{
    uint8_t key[33], sig[65];

    unhex32(t1_key, key);
    key[32] = 0;
    CHECK_INT("t1 sig", test_unhex(t1_sig, sig, 64), 64);
    sig[64] = 0;

    CHECK_INT("TEST 1, msg NULL and 0",
              mav_ed25519_verify(key, 32, NULL, 0, sig, 64), MAV_CRYPTO_OK);
    CHECK_INT("key NULL", mav_ed25519_verify(NULL, 32, NULL, 0, sig, 64),
              MAV_CRYPTO_ERR_ARG);
    CHECK_INT("sig NULL", mav_ed25519_verify(key, 32, NULL, 0, NULL, 64),
              MAV_CRYPTO_ERR_ARG);
    CHECK_INT("msg NULL, 1", mav_ed25519_verify(key, 32, NULL, 1, sig, 64),
              MAV_CRYPTO_ERR_ARG);
    CHECK_INT("key 0 bytes", verify_exact(key, 0, NULL, 0, sig, 64),
              MAV_CRYPTO_ERR_KEY);
    CHECK_INT("key 31 bytes", verify_exact(key, 31, NULL, 0, sig, 64),
              MAV_CRYPTO_ERR_KEY);
    CHECK_INT("key 33 bytes", verify_exact(key, 33, NULL, 0, sig, 64),
              MAV_CRYPTO_ERR_KEY);
    CHECK_INT("sig 0 bytes", verify_exact(key, 32, NULL, 0, sig, 0),
              MAV_CRYPTO_ERR_SIG);
    CHECK_INT("sig 63 bytes", verify_exact(key, 32, NULL, 0, sig, 63),
              MAV_CRYPTO_ERR_SIG);
    CHECK_INT("sig 65 bytes", verify_exact(key, 32, NULL, 0, sig, 65),
              MAV_CRYPTO_ERR_SIG);
}

/* ---- signatures made now by openssl ----------------------------------- */

/*
 * Sign dir/ed25519-N.msg with dir/ed25519-N.pem into dir/ed25519-N.sig.
 * OpenSSL 3.0's pkeyutl refuses an empty input ("Could not allocate 0
 * bytes"), so if it fails, Python's "cryptography" package (also over
 * libcrypto, also not mav) signs instead.
 */
static int sign_cmd(const char *d, unsigned n)
{
    return test_sh(
        "cd %s && (openssl pkeyutl -sign -rawin -inkey ed25519-%u.pem"
        " -in ed25519-%u.msg -out ed25519-%u.sig 2>/dev/null ||"
        " /usr/bin/python3 -c 'import sys;"
        " from cryptography.hazmat.primitives.serialization import"
        " load_pem_private_key as ld;"
        " k = ld(open(sys.argv[1], \"rb\").read(), None);"
        " open(sys.argv[3], \"wb\").write(k.sign(open(sys.argv[2],"
        " \"rb\").read()))' ed25519-%u.pem ed25519-%u.msg ed25519-%u.sig)",
        d, n, n, n, n, n, n);
}

static void openssl_one(const char *d, unsigned n, long size)
{
    static uint8_t msg[MSG_MAX];
    uint8_t der[64], sig[65];
    char path[600], label[96];
    long kl, ml, sl;
    int rc;

    snprintf(label, sizeof label, "openssl signature #%u, %ld-byte message", n,
             size);
    if (test_sh("cd %s && openssl genpkey -algorithm ed25519 -out"
                " ed25519-%u.pem && openssl pkey -in ed25519-%u.pem -pubout"
                " -outform DER -out ed25519-%u.pub && head -c %ld"
                " /dev/urandom > ed25519-%u.msg",
                d, n, n, n, size, n) != 0 ||
        sign_cmd(d, n) != 0) {
        CHECK_L(label, 0 /* openssl could not make the signature */);
        return;
    }
    snprintf(path, sizeof path, "%s/ed25519-%u.pub", d, n);
    kl = test_read_file(path, der, sizeof der);
    snprintf(path, sizeof path, "%s/ed25519-%u.msg", d, n);
    ml = test_read_file(path, msg, sizeof msg);
    snprintf(path, sizeof path, "%s/ed25519-%u.sig", d, n);
    sl = test_read_file(path, sig, sizeof sig);
    /* SubjectPublicKeyInfo of RFC 8410: 12 bytes of header, then the key */
    CHECK_L(label, kl == 44 && ml == size && sl == 64);
    if (kl != 44 || ml != size || sl != 64)
        return;

    rc = verify_exact(der + 12, 32, msg, (size_t)ml, sig, 64);
    CHECK_INT(label, rc, MAV_CRYPTO_OK);
    if (rc != MAV_CRYPTO_OK)
        return;
    sig[0] ^= 0x01;
    CHECK_L(label, verify_exact(der + 12, 32, msg, (size_t)ml, sig, 64) !=
                       MAV_CRYPTO_OK);
    sig[0] ^= 0x01;
    sig[63] ^= 0x04;
    CHECK_L(label, verify_exact(der + 12, 32, msg, (size_t)ml, sig, 64) !=
                       MAV_CRYPTO_OK);
    sig[63] ^= 0x04;
    if (ml > 0) {
        msg[ml / 2] ^= 0x80;
        CHECK_INT(label, verify_exact(der + 12, 32, msg, (size_t)ml, sig, 64),
                  MAV_CRYPTO_ERR_MISMATCH);
        msg[ml / 2] ^= 0x80;
    }
}

static void openssl_signatures(void)
{
    static const long sizes[] = {0, 1, 63, 64, 1000, 10000};
    const char *d = test_tmpdir();
    unsigned i;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        openssl_one(d, i, sizes[i]);
    /* more keys and messages, to reach every table entry and many digit
     * patterns of S and k */
    for (i = 0; i < 24; i++)
        openssl_one(d, 6 + i, (long)(i * 37 % 200));
}

/* see suites.h */
void suite_ed25519(void)
{
    int n;

    n = vec_each("vectors/ed25519_rfc8032.vec", run_vector, NULL);
    CHECK_INT("RFC 8032 vectors read", n, 5);
    n = vec_each("vectors/ed25519_taming.vec", run_vector, NULL);
    CHECK_INT("Taming vectors read", n, 12);
    scalar_range();
    encodings();
    lengths();
    openssl_signatures();
}
