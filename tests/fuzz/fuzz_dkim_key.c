/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dkim_key.c - libFuzzer target for the DKIM key record
 * (core/dkim_key.c, RFC 6376 §3.6.1): any input parses or fails with a
 * defined code; a key that parses has a known type, and its p= bytes
 * then go through crypto/'s RSA key parser (DER SubjectPublicKeyInfo or
 * RSAPublicKey), which must not read outside them either.
 */
#include <stdint.h>
#include <stdlib.h>

#include "mav_crypto.h"
#include "mav_dkim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mav_dkim_key key;
    mav_rsa_pub pub;
    int rc = mav_dkim_key_parse(data, size, &key, NULL);

    if (rc != MAV_OK)
        return 0;
    if (key.type != MAV_DKIM_KEY_RSA && key.type != MAV_DKIM_KEY_ED25519)
        abort();
    if (key.p_len > sizeof key.p)
        abort();
    if (!key.revoked && key.type == MAV_DKIM_KEY_RSA)
        (void)mav_rsa_parse_key(MAV_RSA_KEY_DER, key.p, key.p_len, &pub);
    return 0;
}
