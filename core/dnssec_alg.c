/* SPDX-License-Identifier: MIT */
/*
 * dnssec_alg.c - the DNSSEC signing algorithms mav verifies, and how:
 *   8  RSASHA256        RFC 5702 §3: PKCS#1 v1.5 over SHA-256, key in
 *                       the RFC 3110 §2 form;
 *   10 RSASHA512        RFC 5702 §3, the same over SHA-512;
 *   13 ECDSAP256SHA256  RFC 6605 §4: key X||Y (64 bytes), signature
 *                       r||s (64 bytes), over SHA-256;
 *   14 ECDSAP384SHA384  the same on P-384 (96 and 96 bytes), SHA-384;
 *   15 ED25519          RFC 8080 §3, §4: pure Ed25519 (RFC 8032) of the
 *                       signed data itself, 32-byte key, 64-byte
 *                       signature; the data reaches the check as
 *                       SHA-512(R || A || data), see
 *                       mav_ed25519_verify_hram.
 * Everything else is unsupported: RSAMD5 (1), DSA (3, 6), ECC-GOST (12)
 * and Ed448 (16) are not built in, and RSASHA1 (5, 7) is refused by
 * decision of issue #4: SHA-1 has chosen-prefix collisions (Leurent and
 * Peyrin, 2020), and IETF DNSOP's draft-ietf-dnsop-must-not-sha1 moves
 * it to "MUST NOT" even though RFC 8624 §3.1 still lists it as a MUST
 * for validators (RHEL 9's default crypto policy refuses it likewise).
 * RFC 4035 §5.2 and RFC 6840 §5.2: a zone whose
 * DS RRset names only unsupported algorithms is insecure, not bogus;
 * that decision belongs to the chain-of-trust walker.
 */
#include <stddef.h>
#include <stdint.h>

#include "dnssec_internal.h"

/* see dnssec_internal.h */
unsigned mav_dnssec_alg_hash(uint8_t alg)
{
    switch (alg) {
    case MAV_DNSSEC_ALG_RSASHA256:
    case MAV_DNSSEC_ALG_ECDSAP256SHA256:
        return MAV_DNSSEC_HASH_SHA256;
    case MAV_DNSSEC_ALG_RSASHA512:
        return MAV_DNSSEC_HASH_SHA512;
    case MAV_DNSSEC_ALG_ECDSAP384SHA384:
        return MAV_DNSSEC_HASH_SHA384;
    case MAV_DNSSEC_ALG_ED25519:
        return MAV_DNSSEC_HASH_ED25519;
    default:
        return MAV_DNSSEC_HASH_NONE;
    }
}

/* see mav_dnssec.h */
int mav_dnssec_alg_supported(uint8_t alg)
{
    return mav_dnssec_alg_hash(alg) != MAV_DNSSEC_HASH_NONE;
}

/* A MAV_CRYPTO_* code as the reason an RRSIG failed. */
static mav_dnssec_reason from_crypto(int rc)
{
    switch (rc) {
    case MAV_CRYPTO_OK:
        return MAV_DNSSEC_R_OK;
    case MAV_CRYPTO_ERR_KEY:
        return MAV_DNSSEC_R_MALFORMED_KEY;
    case MAV_CRYPTO_ERR_KEY_SIZE:
        return MAV_DNSSEC_R_KEY_SIZE;
    /* A signature of the wrong length, out of range (RSA s >= n, ECDSA
     * r or s outside 1..n-1, Ed25519 S >= L) or a bad encoding of R
     * cannot be a valid signature: for the verdict it does not verify. */
    case MAV_CRYPTO_ERR_SIG:
    case MAV_CRYPTO_ERR_MISMATCH:
        return MAV_DNSSEC_R_SIG_MISMATCH;
    case MAV_CRYPTO_ERR_UNSUPPORTED:
        return MAV_DNSSEC_R_UNSUPPORTED_ALG;
    default: /* MEMORY (arena), ARG: a fault, not the data's */
        return MAV_DNSSEC_R_CRYPTO_FAULT;
    }
}

/* see dnssec_internal.h */
mav_dnssec_reason mav_dnssec_alg_verify(uint8_t alg, const uint8_t *key,
                                        size_t key_len, const uint8_t *digest,
                                        size_t digest_len, const uint8_t *sig,
                                        size_t sig_len)
{
    mav_rsa_pub pub;
    int rc;

    switch (alg) {
    case MAV_DNSSEC_ALG_RSASHA256:
    case MAV_DNSSEC_ALG_RSASHA512:
        rc = mav_rsa_parse_key(MAV_RSA_KEY_DNSKEY, key, key_len, &pub);
        if (rc != MAV_CRYPTO_OK)
            return from_crypto(rc);
        rc = mav_rsa_pkcs1_verify(&pub,
                                  alg == MAV_DNSSEC_ALG_RSASHA256
                                      ? MAV_HASH_SHA256
                                      : MAV_HASH_SHA512,
                                  digest, digest_len, sig, sig_len);
        return from_crypto(rc);
    case MAV_DNSSEC_ALG_ECDSAP256SHA256:
        return from_crypto(mav_ecdsa_p256_verify(key, key_len, digest,
                                                 digest_len, sig, sig_len));
    case MAV_DNSSEC_ALG_ECDSAP384SHA384:
        return from_crypto(mav_ecdsa_p384_verify(key, key_len, digest,
                                                 digest_len, sig, sig_len));
    case MAV_DNSSEC_ALG_ED25519:
        if (digest_len != MAV_SHA512_LEN)
            return MAV_DNSSEC_R_CRYPTO_FAULT;
        return from_crypto(
            mav_ed25519_verify_hram(key, key_len, digest, sig, sig_len));
    default:
        return MAV_DNSSEC_R_UNSUPPORTED_ALG;
    }
}
