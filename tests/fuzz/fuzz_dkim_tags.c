/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dkim_tags.c - libFuzzer target for the DKIM tag-list grammar and
 * the DKIM-Signature checks (core/dkim_tags.c, core/dkim_sig.c, RFC 6376
 * §3.2, §3.5): every tag returned must lie inside the input with its
 * value inside its raw span, names must be unique, and the signature
 * parser must end with OK or an error, never read outside the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dkim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mav_dkim_tag t[MAV_DKIM_MAX_TAGS];
    static mav_dkim_sig sig;
    unsigned n = 0, i, j;
    uint8_t out[256];
    size_t ol;

    if (mav_dkim_tags_parse(data, size, t, MAV_DKIM_MAX_TAGS, &n, NULL) ==
        MAV_OK) {
        for (i = 0; i < n; i++) {
            if (t[i].name_off + t[i].name_len > size ||
                t[i].value_off + t[i].value_len > size ||
                t[i].value_off < t[i].raw_off ||
                t[i].value_off + t[i].value_len > t[i].raw_end ||
                t[i].raw_end > size || t[i].name_len == 0)
                abort();
            for (j = 0; j < i; j++)
                if (t[j].name_len == t[i].name_len &&
                    memcmp(data + t[j].name_off, data + t[i].name_off,
                           t[i].name_len) == 0)
                    abort();
        }
    }
    (void)mav_dkim_sig_parse(data, size, &sig, NULL);
    if (mav_dkim_base64(data, size, out, sizeof out, &ol) == MAV_OK &&
        ol > sizeof out)
        abort();
    return 0;
}
