/* SPDX-License-Identifier: MIT */
/*
 * test_selftest.c - the built-in known-answer self-test passes, and the
 * error names are distinct and non-empty.
 */
#include <string.h>

#include "mav_crypto.h"
#include "test.h"

void suite_selftest(void)
{
    static const int codes[] = {
        MAV_CRYPTO_ERR_ARG,      MAV_CRYPTO_ERR_KEY,
        MAV_CRYPTO_ERR_KEY_SIZE, MAV_CRYPTO_ERR_SIG,
        MAV_CRYPTO_ERR_MISMATCH, MAV_CRYPTO_ERR_UNSUPPORTED,
        MAV_CRYPTO_ERR_MEMORY};
    const char *which = "?";
    size_t i, j;

    CHECK_INT("mav_crypto_selftest", mav_crypto_selftest(&which), 0);
    CHECK_L(which, which[0] == 0);
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        CHECK(codes[i] < 0);
        for (j = 0; j < i; j++)
            CHECK(strcmp(mav_crypto_strerror(codes[i]),
                         mav_crypto_strerror(codes[j])) != 0);
    }
    CHECK(strcmp(mav_crypto_strerror(12345), "unknown crypto error") == 0);
}
