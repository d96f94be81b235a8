/* SPDX-License-Identifier: MIT */
/*
 * test_ip_text.c - mav_ip4_from_text and mav_ip6_from_text: the text
 * forms of RFC 4291 §2.2 and their refusals, then 200,000 strings
 * compared with the C library's inet_pton, an independent reader of the
 * same grammar: valid addresses printed by inet_ntop, and the same with
 * one to three bytes deleted, inserted or replaced.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "mav_ip_text.h"
#include "test.h"

static int v6(const char *s, uint8_t out[16])
{
    return mav_ip6_from_text(s, strlen(s), out);
}

static int v4(const char *s, uint8_t out[4])
{
    return mav_ip4_from_text(s, strlen(s), out);
}

static void rfc4291_forms(void)
{
    /* RFC 4291 §2.2: each line of a group is the same address */
    static const char *const same[][3] = {
        {"2001:DB8:0:0:8:800:200C:417A", "2001:DB8::8:800:200C:417A",
         "2001:db8::8:800:200c:417a"},
        {"FF01:0:0:0:0:0:0:101", "FF01::101", "ff01::101"},
        {"0:0:0:0:0:0:0:1", "::1", "::0:1"},
        {"0:0:0:0:0:0:0:0", "::", "0::0"},
        {"0:0:0:0:0:0:13.1.68.3", "::13.1.68.3", "::d01:4403"},
        {"0:0:0:0:0:FFFF:129.144.52.38", "::FFFF:129.144.52.38",
         "::ffff:8190:3426"},
    };
    static const char *const bad6[] = {
        "", ":", ":::", "1::2::3", ":1::", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7", "12345::", "1:2:3:4:5:6:7:8::", "::1.2.3",
        "::1.2.3.04", "1.2.3.4", "fe80::1%eth0", "2001:db8::/32", "1:",
        "::g", "1:2:3:4:5:6:7:1.2.3.4", " ::1",
    };
    static const char *const bad4[] = {
        "", "1.2.3", "1.2.3.4.", ".1.2.3", "1..2.3", "256.1.1.1",
        "01.2.3.4", "1.2.3.4/24", "1.2.3.0x1", "1.2.3.1234", "-1.2.3.4",
    };
    uint8_t a[16], b[16], q[4];
    size_t i, k;

    for (i = 0; i < sizeof same / sizeof same[0]; i++) {
        CHECK_L(same[i][0], v6(same[i][0], a) == 0);
        for (k = 1; k < 3; k++) {
            CHECK_L(same[i][k], v6(same[i][k], b) == 0);
            CHECK_MEM(same[i][k], b, 16, a, 16);
        }
    }
    CHECK(v6("2001:DB8::8:800:200C:417A", a) == 0);
    CHECK_MEM("2001:DB8::8:800:200C:417A bytes", a, 16,
              "\x20\x01\x0d\xb8\0\0\0\0\0\x08\x08\0\x20\x0c\x41\x7a", 16);
    for (i = 0; i < sizeof bad6 / sizeof bad6[0]; i++)
        CHECK_L(bad6[i], v6(bad6[i], a) == -1);
    CHECK(v4("192.0.2.255", q) == 0);
    CHECK_MEM("192.0.2.255", q, 4, "\xc0\x00\x02\xff", 4);
    CHECK(v4("0.0.0.0", q) == 0);
    for (i = 0; i < sizeof bad4 / sizeof bad4[0]; i++)
        CHECK_L(bad4[i], v4(bad4[i], q) == -1);
    /* the length bounds the read: the text goes on past n */
    CHECK(mav_ip4_from_text("10.1.2.3999", 8, q) == 0);
    CHECK_MEM("n bounds the read", q, 4, "\x0a\x01\x02\x03", 4);
}

static uint32_t rng_state = 0x6d617620u;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* One random address as inet_ntop prints it, then 0-3 byte edits. */
static void make_case(int family, char *s, size_t cap)
{
    static const char alphabet[] = "0123456789abcdefABCDEF:.:";
    uint8_t bytes[16];
    size_t i, len, edits = rng() % 4;

    for (i = 0; i < sizeof bytes; i++) {
        uint32_t r = rng();
        /* runs of zero bytes so that "::" appears often */
        bytes[i] = (r & 3) == 0 ? 0 : (uint8_t)(r >> 8);
    }
    if (inet_ntop(family, bytes, s, (socklen_t)cap) == NULL)
        s[0] = '\0';
    for (i = 0; i < edits; i++) {
        size_t at;
        len = strlen(s);
        at = len ? rng() % (len + 1) : 0;
        switch (rng() % 3) {
        case 0: /* delete */
            if (at < len)
                memmove(s + at, s + at + 1, len - at);
            break;
        case 1: /* insert */
            if (len + 2 < cap) {
                memmove(s + at + 1, s + at, len - at + 1);
                s[at] = alphabet[rng() % (sizeof alphabet - 1)];
            }
            break;
        default: /* replace */
            if (at < len)
                s[at] = alphabet[rng() % (sizeof alphabet - 1)];
        }
    }
}

static void against_inet_pton(void)
{
    unsigned n, disagree = 0, valid = 0;
    char s[64], label[96];

    for (n = 0; n < 200000; n++) {
        int family = (n & 1) ? AF_INET6 : AF_INET;
        uint8_t want[16], got[16];
        int want_ok, got_ok;
        size_t width = family == AF_INET6 ? 16 : 4;

        make_case(family, s, sizeof s);
        want_ok = inet_pton(family, s, want) == 1;
        got_ok = (family == AF_INET6
                      ? mav_ip6_from_text(s, strlen(s), got)
                      : mav_ip4_from_text(s, strlen(s), got)) == 0;
        valid += (unsigned)want_ok;
        if (got_ok != want_ok ||
            (want_ok && memcmp(got, want, width) != 0)) {
            if (disagree++ < 5) {
                snprintf(label, sizeof label, "\"%s\" as inet_pton reads it",
                         s);
                CHECK_L(label, 0);
            }
        }
    }
    CHECK_INT("strings read unlike inet_pton", disagree, 0);
    /* the mix must hold both kinds, or the comparison proves little */
    CHECK_L("over 30% of the strings valid", valid > 60000);
    CHECK_L("over 30% of the strings invalid", valid < 140000);
    printf("  ip_text: 200000 strings against inet_pton, %u valid, "
           "%u read differently\n", valid, disagree);
}

void suite_ip_text(void)
{
    rfc4291_forms();
    against_inet_pton();
}
