/* SPDX-License-Identifier: MIT */
/*
 * cursor.c - the bounds-checked read cursor of mav_cur.h (STYLE.md C10).
 * Every check is written as "n > left" on sizes that are already in range,
 * so no sum can wrap; a failed read leaves the cursor unmoved. With it, the
 * ground floor's other shared helpers: mav_perr_set and the two ASCII
 * comparisons of mav_ascii.h (one copy for every parser of core/).
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_cur.h"

/* see mav_cur.h */
void mav_cur_init(mav_cur *c, const void *p, size_t len)
{
    c->p = (const uint8_t *)p;
    c->len = p ? len : 0;
    c->off = 0;
}

/* see mav_cur.h */
size_t mav_cur_left(const mav_cur *c)
{
    return c->off <= c->len ? c->len - c->off : 0;
}

/* see mav_cur.h */
int mav_cur_u8(mav_cur *c, uint8_t *v)
{
    if (mav_cur_left(c) < 1)
        return MAV_ERR_FORMAT;
    *v = c->p[c->off++];
    return MAV_OK;
}

/* see mav_cur.h */
int mav_cur_u16be(mav_cur *c, uint16_t *v)
{
    const uint8_t *b;

    if (mav_cur_left(c) < 2)
        return MAV_ERR_FORMAT;
    b = c->p + c->off;
    *v = (uint16_t)((unsigned)b[0] << 8 | b[1]);
    c->off += 2;
    return MAV_OK;
}

/* see mav_cur.h */
int mav_cur_u32be(mav_cur *c, uint32_t *v)
{
    const uint8_t *b;

    if (mav_cur_left(c) < 4)
        return MAV_ERR_FORMAT;
    b = c->p + c->off;
    *v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
         b[3];
    c->off += 4;
    return MAV_OK;
}

/* see mav_cur.h */
int mav_cur_bytes(mav_cur *c, void *out, size_t n)
{
    if (n > mav_cur_left(c))
        return MAV_ERR_FORMAT;
    if (n)
        memcpy(out, c->p + c->off, n);
    c->off += n;
    return MAV_OK;
}

/* see mav_cur.h */
int mav_cur_ref(mav_cur *c, size_t n, const uint8_t **ptr)
{
    if (n > mav_cur_left(c))
        return MAV_ERR_FORMAT;
    *ptr = c->p + c->off;
    c->off += n;
    return MAV_OK;
}

/* see mav_cur.h */
int mav_cur_skip(mav_cur *c, size_t n)
{
    if (n > mav_cur_left(c))
        return MAV_ERR_FORMAT;
    c->off += n;
    return MAV_OK;
}

/* see mav_cur.h */
int mav_perr_set(mav_perr *e, int code, size_t offset, const char *what)
{
    if (e) {
        e->code = code;
        e->offset = offset > UINT32_MAX ? UINT32_MAX : (uint32_t)offset;
        e->what = what;
    }
    return code;
}

/* ---- ASCII comparisons (mav_ascii.h) ---- */

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
int mav_word_index(const uint8_t *s, size_t n, const char *list)
{
    int k;

    for (k = 0; *list; k++, list += strlen(list) + 1)
        if (mav_eq_lower(s, n, list))
            return k;
    return -1;
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

/* see mav_ascii.h */
int mav_b64_value(uint8_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}
