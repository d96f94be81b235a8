/* SPDX-License-Identifier: MIT */
/*
 * rsa_verify.c - RSASSA-PKCS1-v1_5 signature verification (RFC 8017
 * §8.2.2) with SHA-256 and SHA-512.
 *
 * The public operation s^e mod n is Mbed TLS's bignum; the encoding
 * check is ours: we compare the whole encoded message with the one
 * EMSA-PKCS1-v1_5 (§9.2) prescribes, byte by byte, instead of parsing
 * it (parsing the DigestInfo is how Bleichenbacher-style forgeries
 * slipped through other verifiers). Doing it here keeps Mbed TLS's rsa,
 * md, oid and ASN.1 modules out of the image.
 */
#include <string.h>

#include "mav_config.h"
#include "mav_crypto.h"
#include "crypto_internal.h"

#include "mbedtls/bignum.h"
#include "mbedtls/build_info.h"
#include "mbedtls/platform.h"

/*
 * The public-exponent modular exponentiation of Mbed TLS 3.6 (declared
 * in its library/bignum_internal.h, which rsa.c uses for the public
 * operation). mbedtls_mpi_exp_mod is constant-time for secret exponents
 * and so walks every bit of the exponent's limbs: with e = 65537 that is
 * four times the squarings a verify needs. The signature, the key and
 * the exponent are all public here, so the faster variable-time path is
 * the right one. It is not in the public headers: the version check
 * keeps a future Mbed TLS from linking against a changed function.
 */
#if MBEDTLS_VERSION_NUMBER < 0x03060000 || MBEDTLS_VERSION_NUMBER >= 0x03070000
#error "rsa_verify.c uses Mbed TLS 3.6's mbedtls_mpi_exp_mod_unsafe"
#endif
int mbedtls_mpi_exp_mod_unsafe(mbedtls_mpi *X, const mbedtls_mpi *A,
                               const mbedtls_mpi *E, const mbedtls_mpi *N,
                               mbedtls_mpi *prec_RR);

/* DigestInfo DER prefixes, RFC 8017 §9.2 note 1. */
static const uint8_t digest_info_sha256[] = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t digest_info_sha512[] = {
    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

#define MAX_MODULUS_BYTES ((MAV_CFG_RSA_MAX_BITS + 7) / 8)

/* see crypto_internal.h */
int mav_crypto_from_mbedtls(int mbedtls_err, int otherwise)
{
    if (mbedtls_err == MBEDTLS_ERR_MPI_ALLOC_FAILED)
        return MAV_CRYPTO_ERR_MEMORY;
    return otherwise;
}

/* Is em = 0x00 0x01 FF..FF 0x00 || prefix || digest, with >= 8 FFs? */
static int emsa_matches(const uint8_t *em, size_t k, const uint8_t *prefix,
                        size_t prefix_len, const uint8_t *digest,
                        size_t digest_len)
{
    size_t t_len = prefix_len + digest_len, ps_len, i;
    unsigned diff = 0;

    if (k < t_len + 11)
        return -1; /* §9.2 step 3: "intended encoded message too short" */
    ps_len = k - t_len - 3;
    diff |= em[0] ^ 0x00u;
    diff |= em[1] ^ 0x01u;
    for (i = 0; i < ps_len; i++)
        diff |= em[2 + i] ^ 0xffu;
    diff |= em[2 + ps_len];
    for (i = 0; i < prefix_len; i++)
        diff |= em[3 + ps_len + i] ^ prefix[i];
    for (i = 0; i < digest_len; i++)
        diff |= em[3 + ps_len + prefix_len + i] ^ digest[i];
    return diff == 0 ? 0 : -1;
}

/* see mav_crypto.h */
int mav_rsa_pkcs1_verify(const mav_rsa_pub *pub, mav_rsa_hash hash,
                         const uint8_t *digest, size_t digest_len,
                         const uint8_t *sig, size_t sig_len)
{
    const uint8_t *prefix;
    size_t prefix_len, want_len;
    /* The encoded message (up to 512 bytes) comes from the arena, not
     * the stack: allocated after the exponentiation, it takes space the
     * bignum temporaries have just given back, so the arena's peak does
     * not grow while the deepest stack path (Mbed TLS below us) shrinks. */
    uint8_t *em = NULL;
    mbedtls_mpi n, e, s, m;
    int rc, ret;

    if (pub == NULL || digest == NULL || sig == NULL || pub->n == NULL ||
        pub->e == NULL)
        return MAV_CRYPTO_ERR_ARG;
    switch (hash) {
    case MAV_HASH_SHA256:
        prefix = digest_info_sha256;
        prefix_len = sizeof digest_info_sha256;
        want_len = MAV_SHA256_LEN;
        break;
    case MAV_HASH_SHA512:
        prefix = digest_info_sha512;
        prefix_len = sizeof digest_info_sha512;
        want_len = MAV_SHA512_LEN;
        break;
    default:
        return MAV_CRYPTO_ERR_UNSUPPORTED;
    }
    if (digest_len != want_len)
        return MAV_CRYPTO_ERR_ARG;
    if (pub->bits < MAV_CFG_RSA_MIN_BITS || pub->bits > MAV_CFG_RSA_MAX_BITS ||
        pub->n_len > MAX_MODULUS_BYTES || pub->e_len > 8)
        return MAV_CRYPTO_ERR_KEY_SIZE;
    /* §8.2.2 step 1: the signature is exactly k octets long. */
    if (sig_len != pub->n_len)
        return MAV_CRYPTO_ERR_SIG;

    mav_crypto_init();
    mbedtls_mpi_init(&n);
    mbedtls_mpi_init(&e);
    mbedtls_mpi_init(&s);
    mbedtls_mpi_init(&m);
    ret = MAV_CRYPTO_ERR_MISMATCH;
    if ((rc = mbedtls_mpi_read_binary(&n, pub->n, pub->n_len)) != 0 ||
        (rc = mbedtls_mpi_read_binary(&e, pub->e, pub->e_len)) != 0 ||
        (rc = mbedtls_mpi_read_binary(&s, sig, sig_len)) != 0) {
        ret = mav_crypto_from_mbedtls(rc, MAV_CRYPTO_ERR_KEY);
        goto out;
    }
    /* §5.2.2 RSAVP1 step 1: the representative must be below n. */
    if (mbedtls_mpi_cmp_mpi(&s, &n) >= 0) {
        ret = MAV_CRYPTO_ERR_SIG;
        goto out;
    }
    if ((rc = mbedtls_mpi_exp_mod_unsafe(&m, &s, &e, &n, NULL)) != 0) {
        ret = mav_crypto_from_mbedtls(rc, MAV_CRYPTO_ERR_MISMATCH);
        goto out;
    }
    if ((em = mbedtls_calloc(1, pub->n_len)) == NULL) {
        ret = MAV_CRYPTO_ERR_MEMORY;
        goto out;
    }
    if ((rc = mbedtls_mpi_write_binary(&m, em, pub->n_len)) != 0) {
        ret = mav_crypto_from_mbedtls(rc, MAV_CRYPTO_ERR_MISMATCH);
        goto out;
    }
    if (emsa_matches(em, pub->n_len, prefix, prefix_len, digest, digest_len) == 0)
        ret = MAV_CRYPTO_OK;
out:
    mbedtls_free(em);
    mbedtls_mpi_free(&n);
    mbedtls_mpi_free(&e);
    mbedtls_mpi_free(&s);
    mbedtls_mpi_free(&m);
    return ret;
}
