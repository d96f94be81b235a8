/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dmarc_record.c - libFuzzer target for the DMARC Policy Record
 * parser (core/dmarc_record.c, RFC 9989 §4.7, §4.8). The input is one
 * joined TXT string. Besides memory safety (ASan) it checks what the
 * parser promises: it accepts exactly what mav_dmarc_is_record says is a
 * record, every field stays in its range, the URIs kept lie inside
 * uri_text and hold no "," "!" or WSP, counters add up, and a second
 * parse of the same bytes gives the same record.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dmarc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mav_dmarc_record a, b;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int r = mav_dmarc_record_parse(data, size, &a, NULL);
    unsigned i;

    if ((r == MAV_OK) != (mav_dmarc_is_record(data, size) == 1))
        abort();
    if (r != MAV_OK) {
        if (r != MAV_ERR_FORMAT)
            abort();
        return 0;
    }
    if (a.p > MAV_DMARC_POLICY_REJECT || a.sp > MAV_DMARC_POLICY_REJECT ||
        a.np > MAV_DMARC_POLICY_REJECT || a.adkim > 1 || a.aspf > 1 ||
        a.psd > MAV_DMARC_PSD_N || a.testing > 1 || a.fo == 0 || a.fo > 0x0f ||
        (a.invalid & ~a.seen) != 0)
        abort();
    if ((a.fo & MAV_DMARC_FO_0) && (a.fo & MAV_DMARC_FO_1))
        abort();
    if (a.n_uris > MAV_CFG_DMARC_URIS || a.uri_used > MAV_CFG_DMARC_URI_BYTES ||
        a.n_uris > (unsigned)a.rua_valid + a.ruf_valid)
        abort();
    for (i = 0; i < a.n_uris; i++) {
        size_t n, k;
        const char *u = mav_dmarc_record_uri(&a, i, &n, NULL);

        if (u == NULL || n == 0 || a.uris[i].off + n > a.uri_used)
            abort();
        for (k = 0; k < n; k++)
            if (u[k] == ',' || u[k] == '!' || u[k] == ' ' || u[k] == '\t' ||
                (unsigned char)u[k] < 0x21 || (unsigned char)u[k] > 0x7e)
                abort();
    }
    if (mav_dmarc_record_parse(data, size, &b, NULL) != MAV_OK ||
        memcmp(&a, &b, sizeof a) != 0)
        abort();
    return 0;
}
