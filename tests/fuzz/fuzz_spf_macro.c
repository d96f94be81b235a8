/* SPDX-License-Identifier: MIT */
/*
 * fuzz_spf_macro.c - libFuzzer target for the SPF macro expander
 * (core/spf_macro.c, RFC 7208 §7): the first byte picks the flags and
 * the client family, the rest is a macro-string. Check and expand must
 * agree; the output must fit the buffer it was given, shrinking the
 * buffer may only turn success into MAV_ERR_SPACE, and a domain
 * expansion of a string with a dot stays within 253 characters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_spf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mav_spf_macro_env env;
    char out[4096], small[64];
    size_t n = 0, m = 0;
    unsigned flags;
    int c, a, b;

    if (size < 1 || size > 2048)
        return 0;
    flags = data[0] & 3;
    memset(&env, 0, sizeof env);
    env.sender = "strong-bad@email.example.com";
    env.sender_len = strlen(env.sender);
    env.local = "strong-bad";
    env.local_len = 10;
    env.sender_domain = env.domain = "email.example.com";
    env.sender_domain_len = env.domain_len = 17;
    env.helo = "mx.example.org";
    env.helo_len = 14;
    env.ip_family = (data[0] & 4) ? 6 : 4;
    memcpy(env.ip, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\xcb\x01", 16);
    env.now = 0xffffffffffffffffull;
    c = mav_spf_macro_check((const char *)data + 1, size - 1, flags, NULL);
    a = mav_spf_macro_expand(&env, (const char *)data + 1, size - 1, flags,
                             out, sizeof out, &n, NULL);
    b = mav_spf_macro_expand(&env, (const char *)data + 1, size - 1, flags,
                             small, sizeof small, &m, NULL);
    if ((c == MAV_OK) != (a == MAV_OK || a == MAV_ERR_SPACE))
        abort();
    if (a == MAV_OK && n > sizeof out)
        abort();
    if (b == MAV_OK && (m > sizeof small || a != MAV_OK || m != n ||
                        memcmp(out, small, m) != 0))
        abort();
    if (a != MAV_OK && b == MAV_OK)
        abort();
    if (a == MAV_OK && (flags & MAV_SPF_MACRO_DOMAIN) && n > 253 &&
        memchr(out, '.', n) != NULL && memchr(out, '.', n - 253) != NULL)
        abort();
    return 0;
}
