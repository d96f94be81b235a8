/* SPDX-License-Identifier: MIT */
/*
 * test_arena.c - the Mbed TLS arena: verify the costliest signatures we
 * accept (RSA-4096 with SHA-512, ECDSA P-384, fresh from openssl), then
 * report the peak both as Mbed TLS counts it (max_get, debug builds) and
 * as the painted high-water mark that devices use; check the peak fits
 * MAV_CFG_MBEDTLS_ARENA with the margin README.md states, that nothing
 * stays allocated and that the allocator's own consistency check holds.
 */
#include <stdio.h>
#include <string.h>

#include "mav_config.h"
#include "mav_crypto.h"
#include "test.h"

#include "mbedtls/memory_buffer_alloc.h"

static int sign_and_verify_costliest(void)
{
    const char *d = test_tmpdir();
    static uint8_t key[1200], sig[600], msg[100], der[200];
    uint8_t digest[64];
    mav_rsa_pub pub;
    char p[600];
    long kl, sl, ml, i, n;
    int ok = 1;

    if (test_sh("cd %s && openssl genrsa -out ar.pem 4096 2>/dev/null &&"
                " openssl rsa -in ar.pem -pubout -outform DER -out ar.pub"
                " 2>/dev/null && head -c 100 /dev/urandom > ar.msg &&"
                " openssl dgst -sha512 -sign ar.pem -out ar.sig ar.msg &&"
                " openssl ecparam -name secp384r1 -genkey -noout -out ae.pem &&"
                " openssl ec -in ae.pem -pubout -outform DER -out ae.pub"
                " 2>/dev/null && openssl dgst -sha384 -sign ae.pem -out ae.sig"
                " ar.msg", d) != 0)
        return 0;
    snprintf(p, sizeof p, "%s/ar.pub", d);
    kl = test_read_file(p, key, sizeof key);
    snprintf(p, sizeof p, "%s/ar.sig", d);
    sl = test_read_file(p, sig, sizeof sig);
    snprintf(p, sizeof p, "%s/ar.msg", d);
    ml = test_read_file(p, msg, sizeof msg);
    if (kl <= 0 || sl != 512 || ml != 100)
        return 0;
    mav_sha512(msg, (size_t)ml, digest);
    ok &= mav_rsa_parse_key(MAV_RSA_KEY_SPKI, key, (size_t)kl, &pub) == 0;
    ok &= mav_rsa_pkcs1_verify(&pub, MAV_HASH_SHA512, digest, 64, sig, 512) ==
          0;

    /* P-384: raw key from the SPKI tail, r||s from the DER signature */
    snprintf(p, sizeof p, "%s/ae.pub", d);
    kl = test_read_file(p, der, sizeof der);
    if (kl < 97)
        return 0;
    memcpy(key, der + kl - 96, 96);
    snprintf(p, sizeof p, "%s/ae.sig", d);
    sl = test_read_file(p, der, sizeof der);
    if (sl < 8)
        return 0;
    {
        const uint8_t *q = der + (der[1] == 0x81 ? 3 : 2);
        memset(sig, 0, 96);
        for (i = 0; i < 2; i++) {
            n = q[1];
            q += 2;
            while (n > 48 && *q == 0) {
                q++;
                n--;
            }
            memcpy(sig + 48 * i + 48 - n, q, (size_t)n);
            q += n;
        }
    }
    {
        mav_sha512_ctx c;
        mav_sha384_init(&c);
        mav_sha384_update(&c, msg, (size_t)ml);
        mav_sha384_final(&c, digest);
    }
    ok &= mav_ecdsa_p384_verify(key, 96, digest, 48, sig, 96) == 0;
    return ok;
}

void suite_arena(void)
{
    size_t max_used = 0, max_blocks = 0, cur_used = 1, cur_blocks = 1;
    size_t painted, size = mav_crypto_arena_size();

    mav_crypto_init();
    mbedtls_memory_buffer_alloc_max_reset();
    CHECK_L("RSA-4096 and P-384 verify", sign_and_verify_costliest());
    mbedtls_memory_buffer_alloc_max_get(&max_used, &max_blocks);
    mbedtls_memory_buffer_alloc_cur_get(&cur_used, &cur_blocks);
    painted = mav_crypto_arena_peak();
    printf("  arena: %zu bytes; peak %zu bytes in %zu blocks (Mbed TLS count),"
           " high-water mark %zu bytes (painted, all suites so far)\n",
           size, max_used, max_blocks, painted);
    CHECK_INT("nothing left allocated", cur_used, 0);
    CHECK_L("peak measured", max_used > 0);
    CHECK_L("painted mark covers the counted peak", painted >= max_used);
    /* README.md: the default is the peak plus at least 10%. */
    CHECK_L("arena has >= 10% margin over the high-water mark",
            painted + painted / 10 <= size);
    CHECK_INT("allocator consistency", mav_crypto_arena_check(), 0);
}
