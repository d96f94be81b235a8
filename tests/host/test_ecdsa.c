/* SPDX-License-Identifier: MIT */
/*
 * test_ecdsa.c - ECDSA P-256/SHA-256 and P-384/SHA-384 verification
 * against signatures made at test time by the openssl command-line tool,
 * converted to DNSSEC's raw forms (RFC 6605 §4); tampered copies, points
 * off the curve and out-of-range r/s must fail with the right code.
 */
#include <stdio.h>
#include <string.h>

#include "mav_crypto.h"
#include "test.h"

typedef int (*verify_fn)(const uint8_t *, size_t, const uint8_t *, size_t,
                         const uint8_t *, size_t);

/* DER INTEGER -> fixed-width big-endian (test-side, trusted input). */
static int der_int(const uint8_t **p, const uint8_t *end, uint8_t *out,
                   size_t width)
{
    size_t len;

    if (end - *p < 2 || (*p)[0] != 0x02)
        return -1;
    len = (*p)[1];
    *p += 2;
    if ((size_t)(end - *p) < len)
        return -1;
    while (len > width && **p == 0) {
        (*p)++;
        len--;
    }
    if (len > width)
        return -1;
    memset(out, 0, width - len);
    memcpy(out + width - len, *p, len);
    *p += len;
    return 0;
}

/* ECDSA-Sig-Value DER (SEQUENCE { r, s }) -> r||s */
static int der_sig_to_raw(const uint8_t *der, size_t n, uint8_t *raw,
                          size_t width)
{
    const uint8_t *p = der, *end = der + n;

    if (n < 2 || p[0] != 0x30)
        return -1;
    p += (p[1] == 0x81) ? 3 : 2;
    if (der_int(&p, end, raw, width) != 0 ||
        der_int(&p, end, raw + width, width) != 0)
        return -1;
    return 0;
}

static void one_curve(const char *curve, const char *hash, size_t width,
                      verify_fn verify)
{
    const char *d = test_tmpdir();
    uint8_t der[300], key[96], sig[96], bad[96], msg[1000], digest[48];
    char p[600];
    long n, msg_len;
    int i;

    for (i = 0; i < 5; i++) {
        if (test_sh("cd %s && openssl ecparam -name %s -genkey -noout"
                    " -out ec.pem && openssl ec -in ec.pem -pubout -outform DER"
                    " -out ec.pub 2>/dev/null && head -c %d /dev/urandom >"
                    " ec.msg && openssl dgst -%s -sign ec.pem -out ec.sig"
                    " ec.msg", d, curve, 100 + 200 * i, hash) != 0) {
            CHECK_L("openssl made an ECDSA signature", 0);
            return;
        }
        snprintf(p, sizeof p, "%s/ec.pub", d);
        n = test_read_file(p, der, sizeof der);
        /* SPKI ends with the uncompressed point 04||X||Y */
        CHECK_L(curve, n > (long)(2 * width + 1) &&
                           der[n - 2 * (long)width - 1] == 0x04);
        if (n <= (long)(2 * width + 1))
            return;
        memcpy(key, der + n - 2 * (long)width, 2 * width);
        snprintf(p, sizeof p, "%s/ec.sig", d);
        n = test_read_file(p, der, sizeof der);
        CHECK_L(curve, n > 0 && der_sig_to_raw(der, (size_t)n, sig, width) == 0);
        snprintf(p, sizeof p, "%s/ec.msg", d);
        msg_len = test_read_file(p, msg, sizeof msg);
        CHECK_INT(curve, msg_len, 100 + 200 * i);
        if (width == 32) {
            mav_sha256(msg, (size_t)msg_len, digest);
        } else {
            mav_sha512_ctx c;
            mav_sha384_init(&c);
            mav_sha384_update(&c, msg, (size_t)msg_len);
            mav_sha384_final(&c, digest);
        }
        CHECK_INT(curve, verify(key, 2 * width, digest, width, sig, 2 * width),
                  0);
        memcpy(bad, sig, 2 * width);
        bad[i] ^= 0x01; /* in r */
        CHECK_INT(curve, verify(key, 2 * width, digest, width, bad, 2 * width),
                  MAV_CRYPTO_ERR_MISMATCH);
        memcpy(bad, sig, 2 * width);
        bad[2 * width - 1 - i] ^= 0x80; /* in s */
        CHECK_INT(curve, verify(key, 2 * width, digest, width, bad, 2 * width),
                  MAV_CRYPTO_ERR_MISMATCH);
        digest[width - 1] ^= 1;
        CHECK_INT(curve, verify(key, 2 * width, digest, width, sig, 2 * width),
                  MAV_CRYPTO_ERR_MISMATCH);
        digest[width - 1] ^= 1;
    }
    /* Lengths. */
    CHECK_INT(curve, verify(key, 2 * width - 1, digest, width, sig, 2 * width),
              MAV_CRYPTO_ERR_KEY);
    CHECK_INT(curve, verify(key, 2 * width, digest, width, sig, 2 * width + 1),
              MAV_CRYPTO_ERR_SIG);
    CHECK_INT(curve, verify(NULL, 2 * width, digest, width, sig, 2 * width),
              MAV_CRYPTO_ERR_ARG);
    /* A point off the curve: change Y. */
    memcpy(bad, key, 2 * width);
    bad[2 * width - 1] ^= 0x01;
    CHECK_INT(curve, verify(bad, 2 * width, digest, width, sig, 2 * width),
              MAV_CRYPTO_ERR_KEY);
    /* r = 0, s = 0, r = all-ones (>= n) */
    memcpy(bad, sig, 2 * width);
    memset(bad, 0, width);
    CHECK_INT(curve, verify(key, 2 * width, digest, width, bad, 2 * width),
              MAV_CRYPTO_ERR_SIG);
    memcpy(bad, sig, 2 * width);
    memset(bad + width, 0, width);
    CHECK_INT(curve, verify(key, 2 * width, digest, width, bad, 2 * width),
              MAV_CRYPTO_ERR_SIG);
    memcpy(bad, sig, 2 * width);
    memset(bad, 0xff, width);
    CHECK_INT(curve, verify(key, 2 * width, digest, width, bad, 2 * width),
              MAV_CRYPTO_ERR_SIG);
    /* X||Y of all zeroes (not a point) */
    memset(bad, 0, 2 * width);
    CHECK_INT(curve, verify(bad, 2 * width, digest, width, sig, 2 * width),
              MAV_CRYPTO_ERR_KEY);
}

void suite_ecdsa(void)
{
    one_curve("prime256v1", "sha256", 32, mav_ecdsa_p256_verify);
    one_curve("secp384r1", "sha384", 48, mav_ecdsa_p384_verify);
}
