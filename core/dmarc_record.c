/* SPDX-License-Identifier: MIT */
/*
 * dmarc_record.c - the DMARC Policy Record parser (RFC 9989 §4.7 tags,
 * §4.8 formal definition): "v=DMARC1" first, then tag=value pieces
 * split at ";", the tags p sp np adkim aspf psd t fo rua ruf with their
 * value rules (§4.8 Table 2), pct rf ri of RFC 7489 noted and ignored
 * (Appendix C.5.2), unknown tags ignored (§4.7), and a bad or repeated
 * tag dropped for its default (§4.8). Reporting URIs are checked against
 * the RFC 3986 §3 syntax, their obsolete "!size" suffix dropped (§4.8
 * obs-dmarc-uri), and kept in the record up to the config limits. One
 * pass, no recursion, no allocation; every index is checked against len.
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_dmarc.h"

/* Where the version ends: the offset after "v" *WSP "=" *WSP "DMARC1"
 * and any WSP, which must be the end or a ";". 0 when not a record. */
static size_t version_end(const uint8_t *t, size_t len)
{
    size_t i = 1;

    /* §4.8: dmarc-version = "v" equals %s"DMARC1"; "v" is an ABNF
     * literal, so "V" matches it, while DMARC1 is case-sensitive. */
    if (len < 1 || mav_lower(t[0]) != 'v')
        return 0;
    while (i < len && mav_is_wsp(t[i]))
        i++;
    if (i >= len || t[i] != '=')
        return 0;
    i++;
    while (i < len && mav_is_wsp(t[i]))
        i++;
    if (len - i < 6 || memcmp(t + i, "DMARC1", 6) != 0)
        return 0;
    i += 6;
    while (i < len && mav_is_wsp(t[i]))
        i++;
    if (i < len && t[i] != ';')
        return 0; /* "DMARC1x", "DMARC1 p=..." : v is not DMARC1 */
    return i;
}

/* see mav_dmarc.h */
int mav_dmarc_is_record(const uint8_t *txt, size_t len)
{
    return txt != NULL && version_end(txt, len) != 0;
}

/* A dmarc-fo value (§4.8): "0" / "1" / "d" / "s" joined by ":", each
 * at most once, "0" and "1" not both (§4.7 fo). 0 when not valid. */
static uint8_t parse_fo(const uint8_t *v, size_t n)
{
    static const char fo_chars[] = "01ds";
    const char *at;
    uint8_t bits = 0, bit;
    size_t i = 0;

    for (;;) {
        if (i >= n)
            return 0; /* empty, or ends with ":" */
        at = memchr(fo_chars, mav_lower(v[i]), 4);
        if (at == NULL)
            return 0;
        bit = (uint8_t)(1u << (at - fo_chars)); /* MAV_DMARC_FO_* */
        if (bits & bit)
            return 0;
        bits |= bit;
        i++;
        if (i == n)
            break;
        if (v[i] != ':')
            return 0;
        i++;
    }
    if ((bits & MAV_DMARC_FO_0) && (bits & MAV_DMARC_FO_1))
        return 0;
    return bits;
}

/*
 * One URI of a dmarc-urilist (§4.8): RFC 3986 §3 "URI", checked as a
 * scheme (§3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )) and ":"
 * followed by URI characters (unreserved, reserved, "%" HEXDIG HEXDIG);
 * "," and "!" must be percent-encoded (§4.8 dmarc-uri), so a "!" starts
 * the obsolete size suffix "!" 1*DIGIT [ "k" / "m" / "g" / "t" ], which
 * receivers ignore (obs-dmarc-uri). The component grammar after the
 * scheme is not checked further: a report sender parses the URI again
 * for its scheme. Returns the length of the URI without the suffix, or
 * 0 when it is not valid.
 */
static size_t check_uri(const uint8_t *u, size_t n)
{
    size_t i, end = n;

    for (i = 0; i < n; i++)
        if (u[i] == '!')
            break;
    if (i < n) { /* obs-dmarc-report-size */
        size_t j = i + 1, digits = 0;

        while (j < n && mav_is_digit(u[j])) {
            j++;
            digits++;
        }
        if (digits == 0)
            return 0;
        if (j < n && memchr("kmgt", mav_lower(u[j]), 4))
            j++;
        if (j != n)
            return 0;
        end = i;
    }
    if (end == 0 || !mav_is_alpha(u[0]))
        return 0;
    for (i = 1; i < end && u[i] != ':'; i++)
        if (!mav_is_alpha(u[i]) && !mav_is_digit(u[i]) &&
            !memchr("+-.", u[i], 3))
            return 0;
    if (i >= end)
        return 0; /* no ":" */
    for (i++; i < end; i++) {
        uint8_t c = u[i];

        if (c == '%') {
            if (end - i < 3 || !mav_is_hex(u[i + 1]) || !mav_is_hex(u[i + 2]))
                return 0;
            i += 2;
            continue;
        }
        /* unreserved, gen-delims, sub-delims but "!" and "," (above) */
        if (!mav_is_alpha(c) && !mav_is_digit(c) &&
            !memchr("-._~" ":/?#[]@" "$&'()*+;=", c, 20))
            return 0;
    }
    return end;
}

/* Drop the URIs kept for one tag (it turned out repeated). */
static void drop_uris(mav_dmarc_record *rec, uint8_t ruf)
{
    unsigned i, k = 0;

    for (i = 0; i < rec->n_uris; i++)
        if (rec->uris[i].ruf != ruf)
            rec->uris[k++] = rec->uris[i];
    rec->n_uris = (uint8_t)k;
}

static void bump(uint8_t *counter)
{
    if (*counter < 255)
        (*counter)++;
}

/* A dmarc-urilist (§4.8): URIs split at "," with optional WSP around. A
 * bad URI is skipped (counted), the others are kept. */
static void parse_urilist(mav_dmarc_record *rec, const uint8_t *v, size_t n,
                          uint8_t ruf)
{
    size_t i = 0;

    while (i <= n) {
        size_t s = i, e, ulen;

        while (i < n && v[i] != ',')
            i++;
        e = i;
        while (s < e && mav_is_wsp(v[s]))
            s++;
        while (e > s && mav_is_wsp(v[e - 1]))
            e--;
        ulen = check_uri(v + s, e - s);
        if (ulen == 0) {
            bump(&rec->bad_uris);
        } else {
            bump(ruf ? &rec->ruf_valid : &rec->rua_valid);
            if (rec->n_uris < MAV_CFG_DMARC_URIS &&
                ulen <= (size_t)MAV_CFG_DMARC_URI_BYTES - rec->uri_used) {
                mav_dmarc_uri *u = &rec->uris[rec->n_uris++];

                u->ruf = ruf;
                u->off = rec->uri_used;
                u->len = (uint16_t)ulen;
                memcpy(rec->uri_text + rec->uri_used, v + s, ulen);
                rec->uri_used = (uint16_t)(rec->uri_used + ulen);
            } else {
                bump(&rec->uris_dropped);
            }
        }
        i++; /* past the "," (or past the end: stops) */
    }
}

/*
 * The tag names in the order of their MAV_DMARC_TAG_* bits (a tag's bit
 * is 1 << its place here), then v: mav_word_index gives the bit number.
 */
#define TAG_V 13
static const char tag_names[] =
    "p\0sp\0np\0adkim\0aspf\0psd\0t\0rua\0ruf\0fo\0pct\0rf\0ri\0v\0";

/*
 * The tags p sp np adkim aspf psd t (bits 0..6) are one byte each of the
 * record, default 0, set from a keyword: the k-th word of their list
 * gives the value k. p's list starts with ";", which no value holds, so
 * none quarantine reject are 1 2 3 (mav_dmarc_policy); r s are the
 * MAV_DMARC_ALIGN_*, u y n the MAV_DMARC_PSD_*, n y the t flag.
 */
#define TAG_KEYWORDS 7
static const uint8_t keyword_field[TAG_KEYWORDS] = {
    offsetof(mav_dmarc_record, p),     offsetof(mav_dmarc_record, sp),
    offsetof(mav_dmarc_record, np),    offsetof(mav_dmarc_record, adkim),
    offsetof(mav_dmarc_record, aspf),  offsetof(mav_dmarc_record, psd),
    offsetof(mav_dmarc_record, testing),
};
static const char keywords[] = ";\0none\0quarantine\0reject\0\0" /* 0 */
                               "r\0s\0\0"                          /* 26 */
                               "u\0y\0n\0\0"                       /* 31 */
                               "n\0y\0";                           /* 38 */
static const uint8_t keyword_list[TAG_KEYWORDS] = {0, 0, 0, 26, 26, 31, 38};

/* Put the tag numbered b back to its default (§4.8). */
static void reset_tag(mav_dmarc_record *rec, unsigned b)
{
    if (b < TAG_KEYWORDS)
        ((uint8_t *)rec)[keyword_field[b]] = 0;
    else if (1u << b == MAV_DMARC_TAG_FO)
        rec->fo = MAV_DMARC_FO_0;
    else if (1u << b == MAV_DMARC_TAG_RUA) {
        drop_uris(rec, 0);
        rec->rua_valid = 0;
    } else if (1u << b == MAV_DMARC_TAG_RUF) {
        drop_uris(rec, 1);
        rec->ruf_valid = 0;
    }
}

/* Apply the value of the tag numbered b; 0 when it is not valid. */
static int set_tag(mav_dmarc_record *rec, unsigned b, const uint8_t *v,
                   size_t n)
{
    int x;

    if (b < TAG_KEYWORDS) {
        x = mav_word_index(v, n, keywords + keyword_list[b]);
        if (x < 0)
            return 0;
        ((uint8_t *)rec)[keyword_field[b]] = (uint8_t)x;
    } else if (1u << b == MAV_DMARC_TAG_FO) {
        x = parse_fo(v, n);
        if (x == 0)
            return 0;
        rec->fo = (uint8_t)x;
    } else if (1u << b == MAV_DMARC_TAG_RUA || 1u << b == MAV_DMARC_TAG_RUF)
        /* bad URIs are skipped one by one */
        parse_urilist(rec, v, n, 1u << b == MAV_DMARC_TAG_RUF);
    /* pct rf ri: removed by RFC 9989, never used */
    return 1;
}

/* see mav_dmarc.h */
int mav_dmarc_record_parse(const uint8_t *txt, size_t len,
                           mav_dmarc_record *rec, mav_perr *e)
{
    size_t i;

    if (rec == NULL || (txt == NULL && len != 0))
        return mav_perr_set(e, MAV_ERR_ARG, 0, "NULL argument");
    memset(rec, 0, sizeof *rec);
    rec->fo = MAV_DMARC_FO_0;
    i = txt ? version_end(txt, len) : 0;
    if (i == 0)
        /* §4.7 v: not first, absent or not "DMARC1": ignore it all */
        return mav_perr_set(e, MAV_ERR_FORMAT, 0,
                            "does not start with v=DMARC1");

    /* i is at the end or at a ";" (dmarc-sep) */
    while (i < len) {
        size_t s, ns, ne, vs, ve;
        unsigned tag;
        int b, ok = 1;

        i++; /* the ";" */
        while (i < len && mav_is_wsp(txt[i]))
            i++;
        if (i >= len)
            break; /* a final dmarc-sep */
        s = i;
        while (i < len && txt[i] != ';')
            i++;
        /* the piece is txt[s..i): 1*ALPHA equals 1*dmarc-value */
        ns = ne = s;
        while (ne < i && mav_is_alpha(txt[ne]))
            ne++;
        vs = ne;
        while (vs < i && mav_is_wsp(txt[vs]))
            vs++;
        if (ne == ns || vs >= i || txt[vs] != '=') {
            bump(&rec->malformed); /* not tag=value: ignored */
            continue;
        }
        vs++;
        while (vs < i && mav_is_wsp(txt[vs]))
            vs++;
        ve = i;
        while (ve > vs && mav_is_wsp(txt[ve - 1]))
            ve--; /* the *WSP of the next dmarc-sep */
        b = mav_word_index(txt + ns, ne - ns, tag_names);
        if (b < 0) {
            bump(&rec->unknown); /* §4.7: unknown tags MUST be ignored */
            continue;
        }
        if (b == TAG_V) {
            bump(&rec->malformed); /* a second v */
            continue;
        }
        tag = 1u << b;
        {
            size_t k;

            if (ve == vs)
                ok = 0; /* 1*dmarc-value */
            for (k = vs; k < ve && ok; k++)
                if (txt[k] < 0x20 || txt[k] > 0x7e)
                    ok = 0; /* dmarc-value = %x20-3A / %x3C-7E */
        }
        if (rec->seen & tag) {
            /*
             * A repeated tag. RFC 9989 §4.7 takes DKIM's tag=value
             * syntax, where a repeated tag voids the whole list (RFC
             * 6376 §3.2); §4.8 instead keeps the rest of a record and
             * discards the bad part. We discard every occurrence of the
             * tag: it falls back to its default, or for p, sp and np to
             * §4.10.1's rule for "not valid". (Ambiguous in the RFC.)
             */
            rec->invalid |= (uint16_t)tag;
            reset_tag(rec, (unsigned)b);
            continue;
        }
        rec->seen |= (uint16_t)tag;
        if (!ok || !set_tag(rec, (unsigned)b, txt + vs, ve - vs)) {
            rec->invalid |= (uint16_t)tag;
            reset_tag(rec, (unsigned)b);
        }
    }
    /* §4.7 fo: "MUST be ignored if a ruf tag is not also specified" */
    if (!(rec->seen & MAV_DMARC_TAG_RUF) || (rec->invalid & MAV_DMARC_TAG_RUF))
        rec->fo = MAV_DMARC_FO_0;
    return MAV_OK;
}

/* see mav_dmarc.h */
const char *mav_dmarc_record_uri(const mav_dmarc_record *rec, unsigned i,
                                 size_t *len, int *ruf)
{
    if (rec == NULL || i >= rec->n_uris)
        return NULL;
    if (len)
        *len = rec->uris[i].len;
    if (ruf)
        *ruf = rec->uris[i].ruf;
    return rec->uri_text + rec->uris[i].off;
}
