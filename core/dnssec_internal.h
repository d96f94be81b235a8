/* SPDX-License-Identifier: MIT */
/*
 * dnssec_internal.h - what the dnssec_*.c files share and nobody else
 * uses (STYLE.md C2): the hash each algorithm signs with, and the
 * verification of a finished digest.
 */
#ifndef MAV_DNSSEC_INTERNAL_H
#define MAV_DNSSEC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dnssec.h"

/* The hash over the signed data of each supported algorithm. */
enum {
    MAV_DNSSEC_HASH_NONE = 0,
    MAV_DNSSEC_HASH_SHA256,
    MAV_DNSSEC_HASH_SHA384,
    MAV_DNSSEC_HASH_SHA512,     /* RSA/SHA-512 */
    MAV_DNSSEC_HASH_ED25519     /* SHA-512 over R || A || signed data */
};

/* MAV_DNSSEC_HASH_* for alg, NONE when unsupported. */
unsigned mav_dnssec_alg_hash(uint8_t alg);

/*
 * Check sig with the public key of a DNSKEY of algorithm alg, given the
 * digest of the signed data (for Ed25519: SHA-512(R || A || data)).
 * Returns MAV_DNSSEC_R_OK, _SIG_MISMATCH, _MALFORMED_KEY, _KEY_SIZE,
 * _UNSUPPORTED_ALG or _CRYPTO_FAULT.
 */
mav_dnssec_reason mav_dnssec_alg_verify(uint8_t alg, const uint8_t *key,
                                        size_t key_len, const uint8_t *digest,
                                        size_t digest_len, const uint8_t *sig,
                                        size_t sig_len);

#endif /* MAV_DNSSEC_INTERNAL_H */
