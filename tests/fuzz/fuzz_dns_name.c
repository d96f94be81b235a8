/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dns_name.c - libFuzzer target for names (core/dns_name.c): the
 * input is read as a compressed wire name at every offset (as if it were
 * a message), and as presentation text; every name accepted must be
 * valid, survive a text round trip unchanged, and order consistently
 * (RFC 4034 §6.1) against the others.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dns_wire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const uint8_t *w, size_t len)
{
    char txt[MAV_DNS_NAME_TEXT_MAX];
    uint8_t back[MAV_DNS_NAME_MAX];
    size_t tl, bl;

    if (mav_dns_name_check(w, len) != MAV_OK ||
        mav_dns_name_len(w) != len ||
        mav_dns_name_to_text(w, txt, sizeof txt, &tl) != MAV_OK ||
        mav_dns_name_from_text(txt, tl, NULL, back, &bl) != MAV_OK ||
        bl != len || memcmp(back, w, len) != 0 ||
        mav_dns_name_cmp(w, back) != 0 || !mav_dns_name_eq(w, back) ||
        !mav_dns_name_under(w, mav_dns_name_strip(w, 0)))
        abort();
    if (mav_dns_name_labels(w) &&
        !mav_dns_name_under(w, mav_dns_name_strip(w, 1)))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t a[MAV_DNS_NAME_MAX], b[MAV_DNS_NAME_MAX], o[MAV_DNS_NAME_MAX];
    size_t off, al = 0, bl = 0, ol;
    int have_a = 0;

    for (off = 0; off < size && off < 512; off++) {
        mav_cur c;

        mav_cur_init(&c, data, size);
        c.off = off;
        if (mav_dns_name_get(&c, 1, b, &bl, NULL) != MAV_OK)
            continue;
        if (c.off <= off || c.off > size)
            abort();
        round_trip(b, bl);
        if (have_a) {
            int x = mav_dns_name_cmp(a, b), y = mav_dns_name_cmp(b, a);
            if ((x < 0) != (y > 0) || (x == 0) != (y == 0) ||
                (x == 0) != mav_dns_name_eq(a, b))
                abort();
        }
        memcpy(a, b, bl);
        al = bl;
        have_a = 1;
    }
    (void)al;
    ol = 0;
    if (mav_dns_name_from_text((const char *)data, size,
                               have_a ? a : NULL, o, &ol) == MAV_OK)
        round_trip(o, ol);
    return 0;
}
