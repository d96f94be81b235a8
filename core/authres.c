/* SPDX-License-Identifier: MIT */
/*
 * authres.c - the Authentication-Results header field writer (RFC 8601
 * §2.2): method results with reasons and properties, values quoted only
 * where the grammar needs it, lines folded at 78 columns (RFC 5322
 * §2.1.1, §2.2.3).
 */
#include <string.h>

#include "mav_authres.h"

#define FOLD_AT 78

typedef struct {
    char *p;
    size_t cap, len; /* len counts even what did not fit */
    size_t col;      /* column of the current line */
} out_t;

static void put(out_t *o, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (o->len + 1 < o->cap)
            o->p[o->len] = s[i];
        o->len++;
        o->col = s[i] == '\n' ? 0 : o->col + 1;
    }
}

static void puts_(out_t *o, const char *s)
{
    put(o, s, strlen(s));
}

/* Start a new element: on this line after a space, or folded (CRLF and
 * a tab) when it would pass FOLD_AT. */
static void space_for(out_t *o, size_t width)
{
    if (o->col + 1 + width > FOLD_AT && o->col > 8)
        puts_(o, "\r\n\t");
    else
        puts_(o, " ");
}

/* RFC 2045 §5.1 token: no CTLs, SPACE or tspecials. */
static int is_token(const char *s)
{
    static const char tspecials[] = "()<>@,;:\\\"/[]?=";

    if (*s == 0)
        return 0;
    for (; *s; s++)
        if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f ||
            strchr(tspecials, *s))
            return 0;
    return 1;
}

/* RFC 8601 §2.2 pvalue: [[local-part] "@"] domain-name, with a dot-atom
 * local part (RFC 5322 §3.4.1) and an LDH domain. */
static int is_dot_atom_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static int is_domain(const char *s, size_t n)
{
    size_t i, label = 0;

    if (n == 0 || s[0] == '.' || s[n - 1] == '.')
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (label == 0)
                return 0;
            label = 0;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
        label++;
    }
    return 1;
}

static int is_address_or_domain(const char *s)
{
    const char *at = NULL, *p;

    for (p = s; *p; p++) /* the last "@" */
        if (*p == '@')
            at = p;

    if (!at)
        return is_domain(s, strlen(s));
    for (p = s; p < at; p++)
        if (!is_dot_atom_char(*p) && *p != '.')
            return 0;
    if (at > s && (s[0] == '.' || at[-1] == '.'))
        return 0;
    return is_domain(at + 1, strlen(at + 1));
}

/* Width of a value as it will be written. */
static size_t value_width(const char *v)
{
    size_t n = 2;

    if (is_token(v) || is_address_or_domain(v))
        return strlen(v);
    for (; *v; v++)
        if ((unsigned char)*v >= 0x20 && (unsigned char)*v < 0x7f)
            n += (*v == '"' || *v == '\\') ? 2 : 1;
    return n;
}

/* A value: bare when the grammar allows, else a quoted-string (RFC 5322
 * §3.2.4) with " and \ escaped. */
static void put_value(out_t *o, const char *v)
{
    if (is_token(v) || is_address_or_domain(v)) {
        puts_(o, v);
        return;
    }
    put(o, "\"", 1);
    for (; *v; v++) {
        /* a header field is US-ASCII (RFC 5322 §2.2): controls and
         * non-ASCII bytes (e.g. a "§" in a reason) are left out */
        if ((unsigned char)*v < 0x20 || (unsigned char)*v >= 0x7f)
            continue;
        if (*v == '"' || *v == '\\')
            put(o, "\\", 1);
        put(o, v, 1);
    }
    put(o, "\"", 1);
}

/* A comment (RFC 5322 §3.2.2): parentheses and backslashes inside it
 * become quoted-pairs; controls and non-ASCII bytes are left out. */
static void put_comment(out_t *o, const char *c)
{
    put(o, "(", 1);
    for (; *c; c++) {
        if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
            continue;
        if (*c == '\\' || *c == '(' || *c == ')')
            put(o, "\\", 1);
        put(o, c, 1);
    }
    put(o, ")", 1);
}

/* see mav_authres.h */
int mav_authres_write(char *out, size_t cap, const char *authserv_id,
                      const mav_authres_entry *e, unsigned n,
                      size_t *out_len)
{
    out_t o;
    unsigned i, k;

    if (out == NULL || authserv_id == NULL || !is_token(authserv_id) ||
        (e == NULL && n))
        return MAV_ERR_ARG;
    for (i = 0; i < n; i++) {
        if (!e[i].method || !e[i].result || !is_token(e[i].method) ||
            !is_token(e[i].result) || e[i].nprops > MAV_AUTHRES_MAX_PROPS)
            return MAV_ERR_ARG;
        for (k = 0; k < e[i].nprops; k++)
            if (!e[i].props[k].ptype || !e[i].props[k].property ||
                !e[i].props[k].value || !is_token(e[i].props[k].ptype) ||
                !is_token(e[i].props[k].property))
                return MAV_ERR_ARG;
    }
    o.p = out;
    o.cap = cap;
    o.len = 0;
    o.col = 0;
    puts_(&o, "Authentication-Results: ");
    puts_(&o, authserv_id);
    puts_(&o, ";");
    if (n == 0) /* §2.2: no results at all */
        puts_(&o, " none");
    for (i = 0; i < n; i++) {
        const mav_authres_entry *x = &e[i];
        size_t w = strlen(x->method) + 1 + strlen(x->result);
        if (i > 0)
            puts_(&o, ";");
        space_for(&o, w);
        puts_(&o, x->method);
        puts_(&o, "=");
        puts_(&o, x->result);
        if (x->comment && *x->comment) {
            space_for(&o, strlen(x->comment) + 2);
            put_comment(&o, x->comment);
        }
        if (x->reason && *x->reason) {
            space_for(&o, 7 + value_width(x->reason));
            puts_(&o, "reason=");
            put_value(&o, x->reason);
        }
        for (k = 0; k < x->nprops; k++) {
            const mav_authres_prop *p = &x->props[k];
            space_for(&o, strlen(p->ptype) + strlen(p->property) + 2 +
                              value_width(p->value));
            puts_(&o, p->ptype);
            puts_(&o, ".");
            puts_(&o, p->property);
            puts_(&o, "=");
            put_value(&o, p->value);
        }
    }
    puts_(&o, "\r\n");
    if (out_len)
        *out_len = o.len;
    if (o.len + 1 > cap) {
        if (cap > 0)
            out[cap - 1 < o.len ? cap - 1 : o.len] = 0;
        return MAV_ERR_SPACE;
    }
    out[o.len] = 0;
    return MAV_OK;
}
