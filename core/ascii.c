/* SPDX-License-Identifier: MIT */
/*
 * ascii.c - the out-of-line helpers of mav_ascii.h: an ABNF literal
 * compared with ASCII case ignored (RFC 5234 §2.3), shared by the DKIM,
 * DMARC and SPF text parsers, and two byte strings compared the same way
 * (domain names, header field names).
 */
#include "mav_ascii.h"

/* see mav_ascii.h */
int mav_eq_lower(const uint8_t *s, size_t n, const char *lit)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (lit[k] == '\0' || mav_lower(s[k]) != (uint8_t)lit[k])
            return 0;
    return lit[n] == '\0';
}

/* see mav_ascii.h */
int mav_eq_nocase(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (mav_lower(a[k]) != mav_lower(b[k]))
            return 0;
    return 1;
}
