/* SPDX-License-Identifier: MIT */
/*
 * spf_record.c - the SPF record grammar (RFC 7208 §4.5, §4.6.1, §5, §6,
 * §12 ABNF): recognising a record by its version, splitting it into
 * terms at runs of spaces, and reading each term exactly: qualifier,
 * mechanism or modifier name, domain-spec (macro syntax from spf_macro.c
 * plus a valid domain-end), ip4/ip6 networks and (dual) CIDR lengths.
 * A whole record is checked before any of it is used, since one syntax
 * error anywhere makes it a permerror (§4.6). Pure functions over the
 * caller's text: no DNS, no state, no recursion.
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_ip_text.h"
#include "mav_spf.h"

/* name[0..n) equals the lowercase word w, ASCII case ignored */
static int word_eq(const char *name, size_t n, const char *w)
{
    return mav_eq_lower((const uint8_t *)name, n, w);
}

int mav_spf_is_record(const uint8_t *txt, size_t len)
{
    static const char version[] = "v=spf1";
    size_t i;

    /* §4.5: "v=spf1" (ABNF strings are case-insensitive, RFC 5234
     * §2.3), followed by a space or the end of the record */
    if (txt == NULL || len < 6)
        return 0;
    for (i = 0; i < 6; i++)
        if (mav_lower(txt[i]) != (unsigned char)version[i])
            return 0;
    return len == 6 || txt[6] == ' ';
}

int mav_spf_is_dns_mechanism(unsigned kind)
{
    /* §4.6.4: the mechanisms that cause DNS queries */
    return kind == MAV_SPF_T_INCLUDE || kind == MAV_SPF_T_A ||
           kind == MAV_SPF_T_MX || kind == MAV_SPF_T_PTR ||
           kind == MAV_SPF_T_EXISTS;
}

/* ---- CIDR lengths --------------------------------------------------- */

/*
 * Take "/N" off the end of s[0..*n): returns 1 with *v and *n shortened,
 * 0 when there is none. ip4-cidr-length and ip6-cidr-length (§5.6) have
 * no leading zero and 1-2 / 1-3 digits; a value over max is an error
 * (-1). A run of digits that is not a CIDR length stays in the text,
 * where the domain-end check then refuses it.
 */
static int take_cidr(const char *s, size_t *n, unsigned max_digits,
                     unsigned max, unsigned *v)
{
    size_t end = *n, i = end;
    unsigned val = 0, digits;

    while (i > 0 && mav_is_digit((unsigned char)s[i - 1]))
        i--;
    digits = (unsigned)(end - i);
    if (digits == 0 || i == 0 || s[i - 1] != '/')
        return 0;
    if (digits > 1 && s[i] == '0')
        return -1;
    if (digits > max_digits)
        return -1;
    for (; i < end; i++)
        val = val * 10 + (unsigned)(s[i] - '0');
    if (val > max)
        return -1;
    *v = val;
    *n = end - digits - 1;
    return 1;
}

/* dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ] */
static int take_dual_cidr(const char *s, size_t *n, mav_spf_term *t)
{
    size_t m = *n, i = *n;
    unsigned v;
    int r;

    while (i > 0 && mav_is_digit((unsigned char)s[i - 1]))
        i--;
    if (i >= 2 && i < m && s[i - 1] == '/' && s[i - 2] == '/') {
        /* "//N" at the end: the IPv6 length */
        r = take_cidr(s, &m, 3, 128, &v);
        if (r < 0)
            return -1;
        t->cidr6 = (uint8_t)v;
        m--; /* the first slash */
        *n = m;
    }
    r = take_cidr(s, &m, 2, 32, &v);
    if (r < 0)
        return -1;
    if (r == 1) {
        t->cidr4 = (uint8_t)v;
        *n = m;
    }
    return 0;
}

/* ---- terms ---------------------------------------------------------- */

#define FAIL(off, why) mav_perr_set(e, MAV_ERR_FORMAT, (off), (why))

/* The domain-spec at rec[a..b) (§4.6.1): macro syntax (no c r t) and a
 * domain-end. Errors point into the record. A record already checked
 * (checked = 1) is not checked again. */
static int domain_spec(const char *rec, size_t a, size_t b, int checked,
                       mav_perr *e)
{
    mav_perr sub = {0, 0, NULL};

    if (checked)
        return MAV_OK;
    if (a >= b)
        return FAIL(a, "empty domain-spec");
    if (mav_spf_domain_spec_check(rec + a, b - a, &sub) != MAV_OK)
        return FAIL(a + sub.offset, sub.what);
    return MAV_OK;
}

/* The mechanism named s[0..n), ASCII case ignored; 0 when none. One
 * comparison, chosen by length and first letter: this runs for every
 * term of every record. */
static uint8_t mechanism_kind(const char *s, size_t n)
{
    static const struct {
        const char *name;
        uint8_t kind;
    } by_len[][2] = {
        /* 1 */ {{"a", MAV_SPF_T_A}, {NULL, 0}},
        /* 2 */ {{"mx", MAV_SPF_T_MX}, {NULL, 0}},
        /* 3 */ {{"all", MAV_SPF_T_ALL}, {"ptr", MAV_SPF_T_PTR}},
        /* 4 */ {{NULL, 0}, {NULL, 0}},
        /* 5 */ {{NULL, 0}, {NULL, 0}},
        /* 6 */ {{"exists", MAV_SPF_T_EXISTS}, {NULL, 0}},
        /* 7 */ {{"include", MAV_SPF_T_INCLUDE}, {NULL, 0}},
    };
    size_t k;

    if (n == 3 && (s[0] == 'i' || s[0] == 'I') && (s[1] == 'p' || s[1] == 'P'))
        return s[2] == '4' ? MAV_SPF_T_IP4
                           : s[2] == '6' ? MAV_SPF_T_IP6 : 0;
    if (n == 0 || n > sizeof by_len / sizeof by_len[0])
        return 0;
    for (k = 0; k < 2; k++) {
        const char *w = by_len[n - 1][k].name;
        if (w && w[0] == mav_lower((unsigned char)s[0]) && word_eq(s, n, w))
            return by_len[n - 1][k].kind;
    }
    return 0;
}

/* One mechanism: rec[a..b) without the qualifier, its name rec[a..
 * name_end) as read_term scanned it (a modifier-style name, which is no
 * mechanism name when it holds anything but letters and digits). */
static int mechanism(const char *rec, size_t a, size_t name_end, size_t b,
                     mav_spf_term *t, int checked, mav_perr *e)
{
    size_t end;
    const char *s = rec;

    t->kind = mechanism_kind(s + a, name_end - a);
    if (t->kind == 0 ||
        (name_end < b && s[name_end] != ':' && s[name_end] != '/'))
        return FAIL(a, "unknown mechanism");
    t->cidr4 = 32;
    t->cidr6 = 128;
    end = b;
    switch (t->kind) {
    case MAV_SPF_T_ALL:
        if (name_end != b)
            return FAIL(name_end, "nothing may follow \"all\"");
        return MAV_OK;
    case MAV_SPF_T_INCLUDE:
    case MAV_SPF_T_EXISTS:
        /* §5.2, §5.7: ":" domain-spec, required */
        if (name_end == b || s[name_end] != ':')
            return FAIL(name_end, "\":\" and a domain-spec required");
        t->has_arg = 1;
        t->arg_off = (uint16_t)(name_end + 1);
        t->arg_len = (uint16_t)(b - name_end - 1);
        return domain_spec(s, name_end + 1, b, checked, e);
    case MAV_SPF_T_A:
    case MAV_SPF_T_MX:
        /* §5.3, §5.4: [ ":" domain-spec ] [ dual-cidr-length ] */
        {
            size_t n = end - name_end;
            if (take_dual_cidr(s + name_end, &n, t) != 0)
                return FAIL(name_end, "bad CIDR length");
            end = name_end + n;
        }
        /* fall through */
    case MAV_SPF_T_PTR:
        /* §5.5: [ ":" domain-spec ] */
        if (end == name_end)
            return MAV_OK;
        if (s[name_end] != ':')
            return FAIL(name_end, "\":\" expected");
        t->has_arg = 1;
        t->arg_off = (uint16_t)(name_end + 1);
        t->arg_len = (uint16_t)(end - name_end - 1);
        return domain_spec(s, name_end + 1, end, checked, e);
    case MAV_SPF_T_IP4:
    case MAV_SPF_T_IP6: {
        /* §5.6: ":" network [ cidr-length ]; no dual length */
        size_t n;
        unsigned v;
        int r;
        int six = t->kind == MAV_SPF_T_IP6;
        if (name_end == b || s[name_end] != ':')
            return FAIL(name_end, "\":\" and an address required");
        n = b - name_end - 1;
        r = take_cidr(s + name_end + 1, &n, six ? 3 : 2, six ? 128 : 32,
                      &v);
        if (r < 0)
            return FAIL(name_end + 1, "bad CIDR length");
        if (r == 1) {
            if (six)
                t->cidr6 = (uint8_t)v;
            else
                t->cidr4 = (uint8_t)v;
        }
        t->has_arg = 1;
        t->arg_off = (uint16_t)(name_end + 1);
        t->arg_len = (uint16_t)n;
        if ((six ? mav_ip6_from_text(s + name_end + 1, n, t->addr)
                 : mav_ip4_from_text(s + name_end + 1, n, t->addr)) != 0)
            return FAIL(name_end + 1, six ? "bad IPv6 address"
                                          : "bad IPv4 address");
        return MAV_OK;
    }
    default:
        return FAIL(a, "unknown mechanism");
    }
}

/* mav_spf_term_next; checked = 1 for a record mav_spf_record_scan has
 * accepted, whose syntax is then taken as read. */
static int read_term(const char *rec, size_t len, size_t *pos,
                     mav_spf_term *t, int checked, mav_perr *e)
{
    size_t p, a, b, i, name_end;

    if (rec == NULL || pos == NULL || t == NULL || len > 0xffff)
        return mav_perr_set(e, MAV_ERR_ARG, 0, "bad argument");
    p = *pos;
    if (p == 0) {
        if (!mav_spf_is_record((const uint8_t *)rec, len))
            return FAIL(0, "not a v=spf1 record");
        p = 6;
    }
    /* terms = *( 1*SP ( directive / modifier ) ), record ends *SP */
    while (p < len && rec[p] == ' ')
        p++;
    if (p >= len) {
        *pos = len;
        return 0;
    }
    a = p;
    /* the term runs to the next SP; §4.6.1: only SP separates terms,
     * and anything else not printable US-ASCII (TAB, CR, non-ASCII
     * bytes) is a syntax error. One unsigned compare per byte: 0x21
     * to 0x7e is 0 to 0x5d after the subtraction. */
    if (checked) {
        const char *sp = memchr(rec + a, ' ', len - a);
        b = sp ? (size_t)(sp - rec) : len;
    } else {
        for (b = a; b < len && (unsigned char)(rec[b] - 0x21) <= 0x5d; b++)
            ;
        if (b < len && rec[b] != ' ')
            return FAIL(b, "character not allowed in a record");
    }
    *pos = b;
    memset(t, 0, sizeof *t);
    t->off = (uint16_t)a;
    t->len = (uint16_t)(b - a);
    t->qualifier = MAV_SPF_PASS; /* §4.6.2: "+" when omitted */
    i = a;
    switch (rec[i]) {
    case '+': t->qualifier = MAV_SPF_PASS; i++; break;
    case '-': t->qualifier = MAV_SPF_FAIL; i++; break;
    case '~': t->qualifier = MAV_SPF_SOFTFAIL; i++; break;
    case '?': t->qualifier = MAV_SPF_NEUTRAL; i++; break;
    default: break;
    }
    /* modifier: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) "=" */
    name_end = i;
    if (i < b && mav_is_alpha((unsigned char)rec[i])) {
        name_end = i + 1;
        while (name_end < b &&
               (mav_is_alpha((unsigned char)rec[name_end]) ||
                mav_is_digit((unsigned char)rec[name_end]) ||
                rec[name_end] == '-' || rec[name_end] == '_' ||
                rec[name_end] == '.'))
            name_end++;
    }
    if (name_end > i && name_end < b && rec[name_end] == '=') {
        size_t v = name_end + 1;
        if (i != a)
            return FAIL(a, "a modifier takes no qualifier");
        t->has_arg = 1;
        t->arg_off = (uint16_t)v;
        t->arg_len = (uint16_t)(b - v);
        t->kind = word_eq(rec + i, name_end - i, "exp") ? MAV_SPF_T_EXP
                  : word_eq(rec + i, name_end - i, "redirect")
                      ? MAV_SPF_T_REDIRECT
                      : MAV_SPF_T_UNKNOWN_MOD;
        if (t->kind != MAV_SPF_T_UNKNOWN_MOD) {
            /* §6.1, §6.2: "=" domain-spec */
            return domain_spec(rec, v, b, checked, e) == MAV_OK
                       ? 1
                       : MAV_ERR_FORMAT;
        }
        /* §6: unknown-modifier = name "=" macro-string; ignored, but
         * its macro-string must still be well formed */
        if (!checked) {
            mav_perr sub = {0, 0, NULL};
            if (mav_spf_macro_check(rec + v, b - v, 0, &sub) != MAV_OK)
                return FAIL(v + sub.offset, sub.what);
        }
        return 1;
    }
    if (i == b)
        return FAIL(a, "a qualifier alone");
    return mechanism(rec, i, name_end, b, t, checked, e) == MAV_OK
               ? 1
               : MAV_ERR_FORMAT;
}

int mav_spf_term_next(const char *rec, size_t len, size_t *pos,
                      mav_spf_term *t, mav_perr *e)
{
    return read_term(rec, len, pos, t, 0, e);
}

int mav_spf_term_at(const char *rec, size_t len, size_t off,
                    mav_spf_term *t)
{
    if (off < 7 || off >= len)
        return MAV_ERR_ARG; /* no term starts inside "v=spf1 " */
    return read_term(rec, len, &off, t, 1, NULL);
}

int mav_spf_record_check(const char *rec, size_t len,
                         mav_spf_record_info *info, mav_perr *e)
{
    return mav_spf_record_scan(rec, len, info, NULL, NULL, e);
}

int mav_spf_record_scan(const char *rec, size_t len,
                        mav_spf_record_info *info, mav_spf_term_fn each,
                        void *arg, mav_perr *e)
{
    size_t pos = 0;
    mav_spf_term t;
    int r;

    if (rec == NULL || info == NULL)
        return mav_perr_set(e, MAV_ERR_ARG, 0, "bad argument");
    if (len > 0xffff)
        return FAIL(0xffff, "record longer than 65535 bytes");
    memset(info, 0, sizeof *info);
    info->redirect_off = -1;
    info->exp_off = -1;
    while ((r = mav_spf_term_next(rec, len, &pos, &t, e)) == 1) {
        info->terms++;
        switch (t.kind) {
        case MAV_SPF_T_REDIRECT:
            /* §6: redirect and exp MUST NOT appear more than once */
            if (info->redirect_off >= 0)
                return FAIL(t.off, "second redirect modifier");
            info->redirect_off = t.off;
            info->dns_terms++;
            break;
        case MAV_SPF_T_EXP:
            if (info->exp_off >= 0)
                return FAIL(t.off, "second exp modifier");
            info->exp_off = t.off;
            break;
        default:
            if (mav_spf_is_dns_mechanism(t.kind))
                info->dns_terms++;
            break;
        }
        if (each)
            each(arg, &t);
    }
    return r == 0 ? MAV_OK : r;
}
