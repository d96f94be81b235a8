/* SPDX-License-Identifier: MIT */
/*
 * ip_text.c - IPv4 and IPv6 addresses from text (mav_ip_text.h): pure
 * functions over the caller's bytes, every index checked against n.
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_ip_text.h"

/* see mav_ip_text.h */
int mav_ip4_from_text(const char *s, size_t n, uint8_t out[4])
{
    size_t i = 0;
    unsigned part;

    for (part = 0; part < 4; part++) {
        unsigned v = 0, digits = 0;
        if (part > 0) {
            if (i >= n || s[i] != '.')
                return -1;
            i++;
        }
        while (i < n && mav_is_digit((unsigned char)s[i]) && digits < 4) {
            v = v * 10 + (unsigned)(s[i] - '0');
            digits++;
            i++;
        }
        if (digits == 0 || digits > 3 || v > 255 ||
            (digits > 1 && s[i - digits] == '0'))
            return -1;
        out[part] = (uint8_t)v;
    }
    return i == n ? 0 : -1;
}

static int hex_val(unsigned char c)
{
    if (mav_is_digit(c))
        return c - '0';
    c = (unsigned char)mav_lower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* see mav_ip_text.h */
int mav_ip6_from_text(const char *s, size_t n, uint8_t out[16])
{
    uint16_t g[8];
    int ng = 0, gap = -1;
    size_t i = 0;

    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (n >= 1 && s[0] == ':') {
        return -1;
    }
    while (i < n) {
        size_t start = i;
        unsigned v = 0, digits = 0;
        while (i < n && hex_val((unsigned char)s[i]) >= 0 && digits < 5) {
            v = (v << 4) | (unsigned)hex_val((unsigned char)s[i]);
            digits++;
            i++;
        }
        if (i < n && s[i] == '.') {
            /* an IPv4 tail ends the text and takes two groups */
            uint8_t v4[4];
            if (ng > 6 || mav_ip4_from_text(s + start, n - start, v4) != 0)
                return -1;
            g[ng++] = (uint16_t)(v4[0] << 8 | v4[1]);
            g[ng++] = (uint16_t)(v4[2] << 8 | v4[3]);
            i = n;
            break;
        }
        if (digits == 0 || digits > 4 || ng == 8)
            return -1;
        g[ng++] = (uint16_t)v;
        if (i == n)
            break;
        if (s[i] != ':')
            return -1;
        i++;
        if (i < n && s[i] == ':') {
            if (gap >= 0)
                return -1; /* a second "::" */
            gap = ng;
            i++;
            if (i == n)
                break;
        } else if (i == n) {
            return -1; /* a single trailing ':' */
        }
    }
    if ((gap < 0 && ng != 8) || (gap >= 0 && ng > 7))
        return -1;
    memset(out, 0, 16);
    {
        int k, at = 0;
        for (k = 0; k < ng; k++) {
            if (k == gap)
                at += 8 - ng;
            out[2 * at] = (uint8_t)(g[k] >> 8);
            out[2 * at + 1] = (uint8_t)g[k];
            at++;
        }
    }
    return 0;
}
