/* SPDX-License-Identifier: MIT */
/*
 * vec.c - the one loader of the .vec files in tests/host/vectors (format in vec.h).
 */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "vec.h"

static char line[VEC_MAX_TEXT];
static char text[VEC_MAX_TEXT];

static void trim(char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
                  (*s)[*n - 1] == '\n' || (*s)[*n - 1] == '\r'))
        (*n)--;
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Unquote "..." with C escapes into dst; returns the length or -1. */
static long unquote(const char *s, size_t n, char *dst)
{
    size_t i, o = 0;

    if (n < 2 || s[n - 1] != '"')
        return -1;
    for (i = 1; i + 1 < n; i++) {
        char ch = s[i];
        if (ch == '\\' && i + 2 < n) {
            ch = s[++i];
            if (ch == 'n')
                ch = '\n';
            else if (ch == 'r')
                ch = '\r';
            else if (ch == 't')
                ch = '\t';
            else if (ch == 'x' && i + 3 < n && hexval(s[i + 1]) >= 0 &&
                     hexval(s[i + 2]) >= 0) {
                ch = (char)(hexval(s[i + 1]) << 4 | hexval(s[i + 2]));
                i += 2;
            }
        }
        dst[o++] = ch;
    }
    dst[o] = 0;
    return (long)o;
}

int vec_each(const char *rel, void (*fn)(const vec_case *c, void *arg),
             void *arg)
{
    static vec_case c;
    const char *path = test_path(rel);
    FILE *f = fopen(path, "r");
    size_t used = 0;
    int lineno = 0, cases = 0, open_case = 0;

    if (!f) {
        test_fail_at(path, 0, "cannot open vector file");
        return -1;
    }
    for (;;) {
        char *s = fgets(line, sizeof line, f), *eq, *k, *v;
        size_t n, kn, vn;
        long len;

        lineno++;
        n = s ? strlen(s) : 0;
        trim(&s, &n);
        if (!s || n == 0) {
            if (open_case) {
                fn(&c, arg);
                cases++;
                open_case = 0;
            }
            if (!s)
                break;
            continue;
        }
        if (s[0] == '#')
            continue;
        if (s[0] == '[') {
            if (open_case) {
                fn(&c, arg);
                cases++;
            }
            memset(&c, 0, sizeof c);
            used = 0;
            if (n < 3 || s[n - 1] != ']' || n - 2 >= sizeof c.kind)
                goto bad;
            memcpy(c.kind, s + 1, n - 2);
            c.file = rel;
            c.line = lineno;
            open_case = 1;
            continue;
        }
        eq = memchr(s, '=', n);
        if (!open_case || !eq || c.nfields == VEC_MAX_FIELDS)
            goto bad;
        k = s;
        kn = (size_t)(eq - s);
        v = eq + 1;
        vn = n - kn - 1;
        trim(&k, &kn);
        trim(&v, &vn);
        if (kn == 0 || used + kn + vn + 2 > sizeof text)
            goto bad;
        c.key[c.nfields] = text + used;
        memcpy(text + used, k, kn);
        text[used + kn] = 0;
        used += kn + 1;
        c.val[c.nfields] = text + used;
        if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
            len = unquote(v, vn, text + used);
            if (len < 0)
                goto bad;
        } else {
            memcpy(text + used, v, vn);
            text[used + vn] = 0;
            len = (long)vn;
        }
        c.val_len[c.nfields] = (size_t)len;
        used += (size_t)len + 1;
        c.nfields++;
    }
    fclose(f);
    return cases;
bad:
    fclose(f);
    test_fail_at(path, lineno, "malformed vector line");
    return -1;
}

const char *vec_get(const vec_case *c, const char *key)
{
    int i;

    for (i = 0; i < c->nfields; i++)
        if (strcmp(c->key[i], key) == 0)
            return c->val[i];
    return NULL;
}

size_t vec_len(const vec_case *c, const char *key)
{
    int i;

    for (i = 0; i < c->nfields; i++)
        if (strcmp(c->key[i], key) == 0)
            return c->val_len[i];
    return 0;
}

long vec_hex(const vec_case *c, const char *key, uint8_t *out, size_t cap)
{
    const char *v = vec_get(c, key);

    return v ? test_unhex(v, out, cap) : -1;
}
