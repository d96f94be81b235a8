/* SPDX-License-Identifier: MIT */
/*
 * mav_ascii.h - the ASCII character classes the text parsers of core/
 * share (DKIM tags and keys, DMARC records, SPF records, header fields,
 * domain names). Bytes, not chars: input is untrusted octets, and no
 * locale (ctype.h) may change what a parser accepts. Internal to core/.
 */
#ifndef MAV_ASCII_H
#define MAV_ASCII_H

#include <stddef.h>
#include <stdint.h>

/* A-Z to a-z; every other byte unchanged. */
static inline uint8_t mav_lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

static inline int mav_is_alpha(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static inline int mav_is_digit(uint8_t c)
{
    return c >= '0' && c <= '9';
}

static inline int mav_is_hex(uint8_t c)
{
    return mav_is_digit(c) || (mav_lower(c) >= 'a' && mav_lower(c) <= 'f');
}

/* WSP (RFC 5234): space or horizontal tab. */
static inline int mav_is_wsp(uint8_t c)
{
    return c == ' ' || c == '\t';
}

/* A byte that folding white space can be made of: WSP, CR or LF. */
static inline int mav_is_fws_byte(uint8_t c)
{
    return mav_is_wsp(c) || c == '\r' || c == '\n';
}

/* s[0..n) equals the NUL-terminated lowercase literal lit, ASCII case
 * ignored in s (ABNF literals are case-insensitive, RFC 5234 §2.3).
 * One copy in cursor.c: inline, each parser kept its own (150 bytes of
 * flash on the Cortex-M4 board). */
int mav_eq_lower(const uint8_t *s, size_t n, const char *lit);

/* The value 0..63 of a base64 character (RFC 4648 §4), -1 for any
 * other byte. In cursor.c: DKIM's tags and the zone port share it. */
int mav_b64_value(uint8_t c);

/* a[0..n) equals b[0..n), ASCII case ignored in both (domain names,
 * header field names: RFC 4343, RFC 5322 §1.2.2). In cursor.c too. */
int mav_eq_nocase(const uint8_t *a, const uint8_t *b, size_t n);

/* The place of s[0..n) among the lowercase words of list, each ended by
 * a NUL, the list by an empty word ("none\0reject\0": "reject" is 1),
 * compared as mav_eq_lower does; -1 when absent. A keyword table in one
 * string instead of a chain of comparisons. In cursor.c too. */
int mav_word_index(const uint8_t *s, size_t n, const char *list);

#endif /* MAV_ASCII_H */
