/* SPDX-License-Identifier: MIT */
/*
 * dkim_tags.c - DKIM's tag=value lists (RFC 6376 §3.2), shared by the
 * DKIM-Signature field (§3.5) and the key record (§3.6.1), and the
 * base64 with folding whitespace that carries b=, bh= and p= (§2.7).
 * A single left-to-right scan with no copy: tags come back as offsets;
 * whitespace is SP, HTAB and CRLF (FWS, §2.8: a folded field keeps its
 * CRLFs, each followed by WSP).
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_dkim.h"

/* Skip FWS: WSP, or CRLF followed by WSP (§2.8). */
static size_t skip_fws(const uint8_t *s, size_t len, size_t i)
{
    for (;;) {
        if (i < len && mav_is_wsp(s[i]))
            i++;
        else if (i + 2 < len && s[i] == '\r' && s[i + 1] == '\n' &&
                 mav_is_wsp(s[i + 2]))
            i += 3;
        else
            return i;
    }
}

/* see mav_dkim.h */
int mav_dkim_tags_parse(const uint8_t *s, size_t len, mav_dkim_tag *tags,
                        unsigned max, unsigned *n, mav_perr *err)
{
    size_t i = 0;
    unsigned count = 0, k;

    *n = 0;
    if (!s && len)
        return MAV_ERR_ARG;
    for (;;) {
        mav_dkim_tag t;
        size_t v_end;

        i = skip_fws(s, len, i);
        if (i >= len) {
            /* §3.2: an empty list, or a trailing ";", is fine; an empty
             * tag-spec between two ";" is not */
            break;
        }
        if (!mav_is_alpha(s[i]))
            return mav_perr_set(err, MAV_ERR_FORMAT, i,
                                "tag name must start with a letter");
        t.name_off = (uint32_t)i;
        while (i < len && (mav_is_alpha(s[i]) || mav_is_digit(s[i]) || s[i] == '_'))
            i++;
        t.name_len = (uint32_t)(i - t.name_off);
        i = skip_fws(s, len, i);
        if (i >= len || s[i] != '=')
            return mav_perr_set(err, MAV_ERR_FORMAT, i, "'=' expected");
        i++;
        t.raw_off = (uint32_t)i;
        i = skip_fws(s, len, i);
        t.value_off = (uint32_t)i;
        v_end = i;
        /* tag-value: VALCHAR runs separated by FWS */
        while (i < len && s[i] != ';') {
            uint8_t c = s[i];
            if (c >= 0x21 && c <= 0x7e) {
                i++;
                v_end = i;
            } else if (mav_is_wsp(c) || c == '\r') {
                size_t j = skip_fws(s, len, i);
                if (j == i)
                    return mav_perr_set(err, MAV_ERR_FORMAT, i,
                                        "CR or LF outside folding");
                i = j;
            } else {
                return mav_perr_set(err, MAV_ERR_FORMAT, i,
                                    "invalid character in tag value");
            }
        }
        t.value_len = (uint32_t)(v_end - t.value_off);
        t.raw_end = (uint32_t)i;
        for (k = 0; k < count; k++)
            if (tags[k].name_len == t.name_len &&
                memcmp(s + tags[k].name_off, s + t.name_off, t.name_len) ==
                    0)
                return mav_perr_set(err, MAV_ERR_FORMAT, t.name_off,
                                    "duplicate tag");
        if (count >= max)
            return mav_perr_set(err, MAV_ERR_LIMIT, t.name_off,
                                "too many tags");
        tags[count++] = t;
        if (i >= len)
            break;
        i++; /* the ';' */
    }
    *n = count;
    return MAV_OK;
}

/* see mav_dkim.h */
int mav_dkim_base64(const uint8_t *in, size_t len, uint8_t *out, size_t cap,
                    size_t *out_len)
{
    uint32_t acc = 0;
    unsigned bits = 0, pad = 0;
    size_t i, o = 0, chars = 0;

    *out_len = 0;
    for (i = 0; i < len; i++) {
        uint8_t c = in[i];
        int v;

        if (mav_is_wsp(c) || c == '\r' || c == '\n')
            continue; /* §3.5 b=: "whitespace is ignored" */
        if (c == '=') {
            pad++;
            if (pad > 2)
                return MAV_ERR_FORMAT;
            continue;
        }
        if (pad)
            return MAV_ERR_FORMAT; /* data after padding */
        if ((v = mav_b64_value(c)) < 0)
            return MAV_ERR_FORMAT;
        chars++;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o >= cap)
                return MAV_ERR_SPACE;
            out[o++] = (uint8_t)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    /* a final group of 1 character cannot be; padding, when present,
     * must complete the group of 4 */
    if (chars % 4 == 1)
        return MAV_ERR_FORMAT;
    if (pad && (chars + pad) % 4 != 0)
        return MAV_ERR_FORMAT;
    *out_len = o;
    return MAV_OK;
}
