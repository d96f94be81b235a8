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

/* A dmarc-request value (§4.8): none / quarantine / reject. */
static uint8_t parse_request(const uint8_t *v, size_t n)
{
    if (mav_eq_lower(v, n, "none"))
        return MAV_DMARC_POLICY_NONE;
    if (mav_eq_lower(v, n, "quarantine"))
        return MAV_DMARC_POLICY_QUARANTINE;
    if (mav_eq_lower(v, n, "reject"))
        return MAV_DMARC_POLICY_REJECT;
    return MAV_DMARC_POLICY_UNSET;
}

/* A dmarc-fo value (§4.8): "0" / "1" / "d" / "s" joined by ":", each
 * at most once, "0" and "1" not both (§4.7 fo). 0 when not valid. */
static uint8_t parse_fo(const uint8_t *v, size_t n)
{
    uint8_t bits = 0, bit;
    size_t i = 0;

    for (;;) {
        if (i >= n)
            return 0; /* empty, or ends with ":" */
        switch (mav_lower(v[i])) {
        case '0':
            bit = MAV_DMARC_FO_0;
            break;
        case '1':
            bit = MAV_DMARC_FO_1;
            break;
        case 'd':
            bit = MAV_DMARC_FO_D;
            break;
        case 's':
            bit = MAV_DMARC_FO_S;
            break;
        default:
            return 0;
        }
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
        if (j < n && (mav_lower(u[j]) == 'k' || mav_lower(u[j]) == 'm' ||
                      mav_lower(u[j]) == 'g' || mav_lower(u[j]) == 't'))
            j++;
        if (j != n)
            return 0;
        end = i;
    }
    if (end == 0 || !mav_is_alpha(u[0]))
        return 0;
    for (i = 1; i < end && u[i] != ':'; i++)
        if (!mav_is_alpha(u[i]) && !mav_is_digit(u[i]) && u[i] != '+' && u[i] != '-' &&
            u[i] != '.')
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
        if (mav_is_alpha(c) || mav_is_digit(c) || c == '-' || c == '.' || c == '_' ||
            c == '~')
            continue; /* unreserved */
        if (c == ':' || c == '/' || c == '?' || c == '#' || c == '[' ||
            c == ']' || c == '@')
            continue; /* gen-delims */
        if (c == '$' || c == '&' || c == '\'' || c == '(' || c == ')' ||
            c == '*' || c == '+' || c == ';' || c == '=')
            continue; /* sub-delims but "!" and "," (see above) */
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

/* The tag named name[0..n), as MAV_DMARC_TAG_*; 0 for v, ~0 unknown. */
static unsigned tag_of(const uint8_t *name, size_t n)
{
    static const struct {
        const char *name;
        unsigned bit;
    } tags[] = {
        {"p", MAV_DMARC_TAG_P},       {"sp", MAV_DMARC_TAG_SP},
        {"np", MAV_DMARC_TAG_NP},     {"adkim", MAV_DMARC_TAG_ADKIM},
        {"aspf", MAV_DMARC_TAG_ASPF}, {"psd", MAV_DMARC_TAG_PSD},
        {"t", MAV_DMARC_TAG_T},       {"rua", MAV_DMARC_TAG_RUA},
        {"ruf", MAV_DMARC_TAG_RUF},   {"fo", MAV_DMARC_TAG_FO},
        {"pct", MAV_DMARC_TAG_PCT},   {"rf", MAV_DMARC_TAG_RF},
        {"ri", MAV_DMARC_TAG_RI},     {"v", 0},
    };
    size_t k;

    for (k = 0; k < sizeof tags / sizeof tags[0]; k++)
        if (mav_eq_lower(name, n, tags[k].name))
            return tags[k].bit;
    return ~0u;
}

/* Put a tag back to its default (§4.8). */
static void reset_tag(mav_dmarc_record *rec, unsigned tag)
{
    switch (tag) {
    case MAV_DMARC_TAG_P:
        rec->p = MAV_DMARC_POLICY_UNSET;
        break;
    case MAV_DMARC_TAG_SP:
        rec->sp = MAV_DMARC_POLICY_UNSET;
        break;
    case MAV_DMARC_TAG_NP:
        rec->np = MAV_DMARC_POLICY_UNSET;
        break;
    case MAV_DMARC_TAG_ADKIM:
        rec->adkim = MAV_DMARC_ALIGN_RELAXED;
        break;
    case MAV_DMARC_TAG_ASPF:
        rec->aspf = MAV_DMARC_ALIGN_RELAXED;
        break;
    case MAV_DMARC_TAG_PSD:
        rec->psd = MAV_DMARC_PSD_U;
        break;
    case MAV_DMARC_TAG_T:
        rec->testing = 0;
        break;
    case MAV_DMARC_TAG_FO:
        rec->fo = MAV_DMARC_FO_0;
        break;
    case MAV_DMARC_TAG_RUA:
        drop_uris(rec, 0);
        rec->rua_valid = 0;
        break;
    case MAV_DMARC_TAG_RUF:
        drop_uris(rec, 1);
        rec->ruf_valid = 0;
        break;
    default:
        break;
    }
}

/* Apply one tag's value; 0 when the value is not valid for the tag. */
static int set_tag(mav_dmarc_record *rec, unsigned tag, const uint8_t *v,
                   size_t n)
{
    uint8_t x;

    switch (tag) {
    case MAV_DMARC_TAG_P:
    case MAV_DMARC_TAG_SP:
    case MAV_DMARC_TAG_NP:
        x = parse_request(v, n);
        if (x == MAV_DMARC_POLICY_UNSET)
            return 0;
        if (tag == MAV_DMARC_TAG_P)
            rec->p = x;
        else if (tag == MAV_DMARC_TAG_SP)
            rec->sp = x;
        else
            rec->np = x;
        return 1;
    case MAV_DMARC_TAG_ADKIM:
    case MAV_DMARC_TAG_ASPF:
        if (mav_eq_lower(v, n, "r"))
            x = MAV_DMARC_ALIGN_RELAXED;
        else if (mav_eq_lower(v, n, "s"))
            x = MAV_DMARC_ALIGN_STRICT;
        else
            return 0;
        if (tag == MAV_DMARC_TAG_ADKIM)
            rec->adkim = x;
        else
            rec->aspf = x;
        return 1;
    case MAV_DMARC_TAG_PSD:
        if (mav_eq_lower(v, n, "y"))
            rec->psd = MAV_DMARC_PSD_Y;
        else if (mav_eq_lower(v, n, "n"))
            rec->psd = MAV_DMARC_PSD_N;
        else if (mav_eq_lower(v, n, "u"))
            rec->psd = MAV_DMARC_PSD_U;
        else
            return 0;
        return 1;
    case MAV_DMARC_TAG_T:
        if (mav_eq_lower(v, n, "y"))
            rec->testing = 1;
        else if (mav_eq_lower(v, n, "n"))
            rec->testing = 0;
        else
            return 0;
        return 1;
    case MAV_DMARC_TAG_FO:
        x = parse_fo(v, n);
        if (x == 0)
            return 0;
        rec->fo = x;
        return 1;
    case MAV_DMARC_TAG_RUA:
    case MAV_DMARC_TAG_RUF:
        parse_urilist(rec, v, n, tag == MAV_DMARC_TAG_RUF);
        return 1; /* bad URIs are skipped one by one */
    default:
        return 1; /* pct rf ri: removed by RFC 9989, never used */
    }
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
        int ok = 1;

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
        tag = tag_of(txt + ns, ne - ns);
        if (tag == ~0u) {
            bump(&rec->unknown); /* §4.7: unknown tags MUST be ignored */
            continue;
        }
        if (tag == 0) {
            bump(&rec->malformed); /* a second v */
            continue;
        }
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
            reset_tag(rec, tag);
            continue;
        }
        rec->seen |= (uint16_t)tag;
        if (!ok || !set_tag(rec, tag, txt + vs, ve - vs)) {
            rec->invalid |= (uint16_t)tag;
            reset_tag(rec, tag);
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
