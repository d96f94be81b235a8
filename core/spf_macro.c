/* SPDX-License-Identifier: MIT */
/*
 * spf_macro.c - SPF macros (RFC 7208 §7): the syntax of macro-strings
 * and domain-specs (§7.1, §4.6.1), and their expansion (§7.2-§7.3):
 * the letters s l o d i p h c r t v, the digit and "r" transformers, the
 * delimiters . - + , / _ =, the escapes %% %_ %-, URL escaping for upper
 * case letters, IPv6 "i" as dotted nibbles and "c" in RFC 5952 form, and
 * the shortening of a domain over 253 characters. Pure functions over
 * caller memory: the values come in a mav_spf_macro_env, the text goes
 * to the caller's buffer; no recursion, no allocation, bounded work
 * (each part lookup rescans one value of at most a few hundred bytes).
 */
#include <string.h>

#include "mav_spf.h"

#define FAIL(off, why) mav_perr_set(e, MAV_ERR_FORMAT, (off), (why))

static int lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static int is_delimiter(unsigned char c)
{
    /* delimiter = "." / "-" / "+" / "," / "/" / "_" / "=" (§7.1) */
    return c == '.' || c == '-' || c == '+' || c == ',' || c == '/' ||
           c == '_' || c == '=';
}

/* One parsed macro-expand "%{...}". */
typedef struct {
    char letter;       /* lowercase */
    uint8_t upper;     /* URL-escape the result (§7.3) */
    uint8_t reverse;   /* "r" transformer */
    unsigned keep;     /* digit transformer; 0 = all parts */
    const char *delims; /* delimiters given (n_delims of them) */
    size_t n_delims;
} macro_item;

/*
 * Read the macro-expand that starts with '%' at s[i]. Returns the
 * offset after it, or 0 on a syntax error (e filled). For "%%", "%_",
 * "%-" item->letter is '%', '_' or '-'.
 */
static size_t read_item(const char *s, size_t n, size_t i, unsigned flags,
                        macro_item *it, mav_perr *e)
{
    /* the letters of §7.1, one bit each from 'a' */
    static const uint32_t letters =
        1u << ('s' - 'a') | 1u << ('l' - 'a') | 1u << ('o' - 'a') |
        1u << ('d' - 'a') | 1u << ('i' - 'a') | 1u << ('p' - 'a') |
        1u << ('h' - 'a') | 1u << ('c' - 'a') | 1u << ('r' - 'a') |
        1u << ('t' - 'a') | 1u << ('v' - 'a');
    size_t j;
    unsigned char c;

    it->upper = it->reverse = 0;
    it->keep = 0;
    it->delims = NULL;
    it->n_delims = 0;
    if (i + 1 >= n) {
        FAIL(i, "\"%\" at the end of a macro-string");
        return 0;
    }
    c = (unsigned char)s[i + 1];
    if (c == '%' || c == '_' || c == '-') {
        it->letter = (char)c;
        return i + 2;
    }
    if (c != '{') {
        FAIL(i, "\"%\" not followed by {, %, _ or -");
        return 0;
    }
    j = i + 2;
    if (j >= n) {
        FAIL(i, "unterminated macro");
        return 0;
    }
    c = (unsigned char)s[j];
    it->upper = c >= 'A' && c <= 'Z';
    c = (unsigned char)lower(c);
    if (c < 'a' || c > 'z' || !(letters >> (c - 'a') & 1)) {
        FAIL(j, "unknown macro letter");
        return 0;
    }
    if ((c == 'c' || c == 'r' || c == 't') && !(flags & MAV_SPF_MACRO_EXP)) {
        /* §7.3: c, r and t are allowed only in "exp" text */
        FAIL(j, "macro letter c, r or t outside exp text");
        return 0;
    }
    it->letter = (char)c;
    j++;
    if (j < n && s[j] >= '0' && s[j] <= '9') {
        unsigned v = 0;
        while (j < n && s[j] >= '0' && s[j] <= '9') {
            v = v * 10 + (unsigned)(s[j] - '0');
            if (v > 1000)
                v = 1000; /* saturate: no name has 1000 parts */
            j++;
        }
        if (v == 0) {
            /* §7.1: "If a DIGIT is specified, the value MUST be nonzero" */
            FAIL(j - 1, "digit transformer of zero");
            return 0;
        }
        it->keep = v;
    }
    if (j < n && (s[j] == 'r' || s[j] == 'R')) {
        it->reverse = 1;
        j++;
    }
    it->delims = s + j;
    while (j < n && is_delimiter((unsigned char)s[j]))
        j++;
    it->n_delims = (size_t)(s + j - it->delims);
    if (j >= n || s[j] != '}') {
        FAIL(j < n ? j : i, "bad macro transformer or delimiter");
        return 0;
    }
    return j + 1;
}

/*
 * Scan a whole macro-string. *suffix gets the offset where the literal
 * text after the last macro-expand begins (0 when there is none), and
 * *ends_in_macro whether the string ends with a macro-expand.
 */
static int scan(const char *s, size_t n, unsigned flags, size_t *suffix,
                int *ends_in_macro, int *uses_p, mav_perr *e)
{
    size_t i = 0;
    macro_item it;

    *suffix = 0;
    *ends_in_macro = 0;
    *uses_p = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            size_t next = read_item(s, n, i, flags, &it, e);
            if (next == 0)
                return MAV_ERR_FORMAT;
            if (it.letter == 'p')
                *uses_p = 1;
            i = next;
            *suffix = i;
            *ends_in_macro = i == n;
            continue;
        }
        /* macro-literal = %x21-24 / %x26-7E; explanation-string also
         * allows SP (§6.2) */
        if (!((c >= 0x21 && c <= 0x7e) ||
              (c == ' ' && (flags & MAV_SPF_MACRO_EXP))))
            return FAIL(i, "character not allowed in a macro-string");
        i++;
    }
    return MAV_OK;
}

int mav_spf_macro_check(const char *s, size_t n, unsigned flags,
                        mav_perr *e)
{
    size_t suffix;
    int end_macro, uses_p;

    if (s == NULL && n)
        return mav_perr_set(e, MAV_ERR_ARG, 0, "bad argument");
    return scan(s, n, flags, &suffix, &end_macro, &uses_p, e);
}

int mav_spf_macro_uses_p(const char *s, size_t n)
{
    const char *pc = s, *end = s + n;

    /* the string is checked: every '%' starts "%%", "%_", "%-" or
     * "%{" letter ..., so looking at the letter after each "%{" and
     * stepping over the escapes is enough */
    if (s == NULL)
        return 0;
    while ((pc = memchr(pc, '%', (size_t)(end - pc))) != NULL &&
           end - pc >= 3) {
        if (pc[1] == '{' && lower((unsigned char)pc[2]) == 'p')
            return 1;
        pc += 2;
    }
    return 0;
}

int mav_spf_domain_spec_check(const char *s, size_t n, mav_perr *e)
{
    size_t suffix, i, dot, end;
    int end_macro, uses_p, r, has_alpha = 0, has_dash = 0;

    if (s == NULL || n == 0)
        return FAIL(0, "empty domain-spec");
    r = scan(s, n, 0, &suffix, &end_macro, &uses_p, e);
    if (r != MAV_OK)
        return r;
    if (end_macro)
        return MAV_OK; /* domain-end = macro-expand */
    /* domain-end = "." toplabel [ "." ] in the literal tail */
    end = n;
    if (end > suffix && s[end - 1] == '.')
        end--;
    dot = end;
    for (i = end; i > suffix; i--)
        if (s[i - 1] == '.') {
            dot = i - 1;
            break;
        }
    if (dot == end || dot + 1 == end)
        return FAIL(end ? end - 1 : 0,
                    "domain-spec does not end in \".\" toplabel");
    /* toplabel = ( *alphanum ALPHA *alphanum ) /
     *            ( 1*alphanum "-" *( alphanum / "-" ) alphanum ) */
    for (i = dot + 1; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (alpha)
            has_alpha = 1;
        else if (c == '-')
            has_dash = 1;
        else if (!(c >= '0' && c <= '9'))
            return FAIL(i, "bad character in the top label");
    }
    if (has_dash ? (s[dot + 1] == '-' || s[end - 1] == '-') : !has_alpha)
        return FAIL(dot + 1, "bad top label");
    return MAV_OK;
}

/* ---- expansion ------------------------------------------------------ */

typedef struct {
    char *p;
    size_t cap, len;
    int full;
} outbuf;

static void put(outbuf *o, const char *s, size_t n)
{
    if (o->len + n > o->cap) {
        o->full = 1;
        return;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void put_c(outbuf *o, char c)
{
    put(o, &c, 1);
}

static void put_u(outbuf *o, uint64_t v)
{
    char d[24];
    size_t n = 0;

    do {
        d[sizeof d - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && n < sizeof d);
    put(o, d + sizeof d - n, n);
}

static const char hexdig[] = "0123456789abcdef";

/* The RFC 5952 §4 text of an IPv6 address: lowercase, no leading zeros,
 * the longest run of two or more zero groups (the first on a tie) as
 * "::". */
static void put_ip6_text(outbuf *o, const uint8_t a[16])
{
    int best = -1, best_len = 0, k;

    for (k = 0; k < 8;) {
        int run = 0;
        while (k + run < 8 && a[2 * (k + run)] == 0 &&
               a[2 * (k + run) + 1] == 0)
            run++;
        if (run > best_len && run >= 2) {
            best = k;
            best_len = run;
        }
        k += run ? run : 1;
    }
    for (k = 0; k < 8; k++) {
        unsigned g = (unsigned)a[2 * k] << 8 | a[2 * k + 1];
        int shift, started = 0;
        if (k == best) {
            put(o, "::", 2);
            k += best_len - 1;
            continue;
        }
        if (k > 0 && k != best + best_len)
            put_c(o, ':');
        for (shift = 12; shift >= 0; shift -= 4) {
            unsigned d = (g >> shift) & 15;
            if (d || started || shift == 0) {
                put_c(o, hexdig[d]);
                started = 1;
            }
        }
    }
}

static void put_ip4_text(outbuf *o, const uint8_t a[4])
{
    int k;

    for (k = 0; k < 4; k++) {
        if (k)
            put_c(o, '.');
        put_u(o, a[k]);
    }
}

/* The value of a letter, written into o (§7.3). */
static void letter_value(const mav_spf_macro_env *env, char letter,
                         outbuf *o)
{
    int k;

    switch (letter) {
    case 's': put(o, env->sender, env->sender_len); break;
    case 'l': put(o, env->local, env->local_len); break;
    case 'o': put(o, env->sender_domain, env->sender_domain_len); break;
    case 'd': put(o, env->domain, env->domain_len); break;
    case 'h': put(o, env->helo, env->helo_len); break;
    case 'p':
        if (env->ptr_name && env->ptr_name_len)
            put(o, env->ptr_name, env->ptr_name_len);
        else
            put(o, "unknown", 7);
        break;
    case 'r':
        if (env->receiver && env->receiver_len)
            put(o, env->receiver, env->receiver_len);
        else
            put(o, "unknown", 7);
        break;
    case 't': put_u(o, env->now); break;
    case 'v':
        if (env->ip_family == 6)
            put(o, "ip6", 3);
        else
            put(o, "in-addr", 7);
        break;
    case 'i':
        if (env->ip_family == 6) {
            /* §7.3: IPv6 "i" is dot-separated nibbles; upper case hex,
             * as the OpenSPF suite (v-macro-ip6) wants in exp text
             * (RFC 7208 §7.4 prints lower case; DNS ignores case) */
            for (k = 0; k < 32; k++) {
                uint8_t b = env->ip[k / 2];
                if (k)
                    put_c(o, '.');
                put_c(o, "0123456789ABCDEF"[k % 2 ? b & 15 : b >> 4]);
            }
            break;
        }
        /* IPv4 "i" and "c" are the same text */
        /* fall through */
    case 'c':
        if (env->ip_family == 6)
            put_ip6_text(o, env->ip);
        else
            put_ip4_text(o, env->ip);
        break;
    default: break;
    }
}

static int in_set(unsigned char c, const char *set, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if ((unsigned char)set[i] == c)
            return 1;
    return 0;
}

/* Append one character, URL-escaped when asked (§7.3: upper case
 * letters; unreserved characters of RFC 3986 stay as they are). */
static void put_escaped(outbuf *o, unsigned char c, int escape)
{
    int unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                     c == '_' || c == '~';
    if (!escape || unreserved) {
        put_c(o, (char)c);
        return;
    }
    put_c(o, '%');
    put_c(o, "0123456789ABCDEF"[c >> 4]);
    put_c(o, "0123456789ABCDEF"[c & 15]);
}

/* Append p[0..n), each character URL-escaped when asked. */
static void put_part(outbuf *o, const char *p, size_t n, int escape)
{
    size_t i;

    if (!escape) {
        put(o, p, n);
        return;
    }
    for (i = 0; i < n; i++)
        put_escaped(o, (unsigned char)p[i], 1);
}

/* Expand one %{...} into o, through the scratch buffer for the value. */
static void expand_item(const mav_spf_macro_env *env, const macro_item *it,
                        outbuf *o)
{
    char vbuf[MAV_CFG_SPF_SENDER_TEXT + 8];
    outbuf v = {vbuf, sizeof vbuf, 0, 0};
    const char *d = ".";
    size_t nd = 1, parts = 1, skip, end, i;

    letter_value(env, it->letter, &v);
    if (v.full) {
        o->full = 1;
        return;
    }
    if (it->n_delims) {
        d = it->delims;
        nd = it->n_delims;
    }
    if (!it->keep && !it->reverse && !it->n_delims) {
        put_part(o, vbuf, v.len, it->upper);
        return;
    }
    /* §7.3: split at the delimiters, reverse if asked, keep the
     * rightmost `keep` parts, join them with "." */
    for (i = 0; i < v.len; i++)
        if (in_set((unsigned char)vbuf[i], d, nd))
            parts++;
    skip = (it->keep && it->keep < parts) ? parts - it->keep : 0;
    if (!it->reverse) {
        /* the last parts: past `skip` delimiters, in one pass */
        for (i = 0; skip > 0; i++)
            if (in_set((unsigned char)vbuf[i], d, nd))
                skip--;
        for (;;) {
            size_t start = i;
            while (i < v.len && !in_set((unsigned char)vbuf[i], d, nd))
                i++;
            put_part(o, vbuf + start, i - start, it->upper);
            if (i == v.len)
                return;
            put_c(o, '.');
            i++;
        }
    }
    /* reversed, the list's leading parts are the value's trailing ones:
     * drop `skip` parts from the end, then write the rest backwards */
    end = v.len;
    while (skip > 0) {
        end--;
        if (in_set((unsigned char)vbuf[end], d, nd))
            skip--;
    }
    for (;;) {
        size_t start = end;
        while (start > 0 && !in_set((unsigned char)vbuf[start - 1], d, nd))
            start--;
        put_part(o, vbuf + start, end - start, it->upper);
        if (start == 0)
            break;
        put_c(o, '.');
        end = start - 1;
    }
}

int mav_spf_macro_expand(const mav_spf_macro_env *env, const char *s,
                         size_t n, unsigned flags, char *out, size_t cap,
                         size_t *out_len, mav_perr *e)
{
    outbuf o;
    size_t i = 0;
    macro_item it;
    int r;

    if (env == NULL || (s == NULL && n) || out == NULL || out_len == NULL)
        return mav_perr_set(e, MAV_ERR_ARG, 0, "bad argument");
    if (!(flags & MAV_SPF_MACRO_CHECKED)) {
        r = mav_spf_macro_check(s, n, flags, e);
        if (r != MAV_OK)
            return r;
    }
    o.p = out;
    o.cap = cap;
    o.len = 0;
    o.full = 0;
    while (i < n && !o.full) {
        const char *pc = memchr(s + i, '%', n - i);
        size_t lit = pc ? (size_t)(pc - (s + i)) : n - i;
        if (lit) {
            /* literal text up to the next macro, in one piece */
            put(&o, s + i, lit);
            i += lit;
            continue;
        }
        i = read_item(s, n, i, flags, &it, e);
        if (i == 0)
            return MAV_ERR_FORMAT; /* a string wrongly claimed checked */
        switch (it.letter) {
        case '%': put_c(&o, '%'); break;
        case '_': put_c(&o, ' '); break;
        case '-': put(&o, "%20", 3); break;
        default: expand_item(env, &it, &o); break;
        }
    }
    if (o.full)
        return mav_perr_set(e, MAV_ERR_SPACE, i, "expansion too long");
    if (flags & MAV_SPF_MACRO_DOMAIN) {
        size_t start = 0;
        /* a final dot names the same (absolute) domain */
        if (o.len && out[o.len - 1] == '.')
            o.len--;
        /* §7.3: over 253 characters, remove labels from the left */
        while (o.len - start > 253) {
            const char *dot = memchr(out + start, '.', o.len - start);
            if (!dot)
                break;
            start = (size_t)(dot - out) + 1;
        }
        if (start) {
            memmove(out, out + start, o.len - start);
            o.len -= start;
        }
    }
    *out_len = o.len;
    return MAV_OK;
}
