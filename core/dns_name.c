/* SPDX-License-Identifier: MIT */
/*
 * dns_name.c - domain names: reading a compressed name out of a message
 * (RFC 1035 §4.1.4) with strictly-backward pointers and bounded hops,
 * checking an uncompressed one, ASCII case folding (RFC 4343), RFC 4034
 * §6.1 canonical order, label counting for RRSIG (RFC 4034 §3.1.3),
 * suffixes, and the presentation form with \X and \DDD escapes (RFC 1035
 * §5.1). Names that come in without a length are valid wire names (see
 * mav_dns_wire.h); every loop is still bounded by MAV_DNS_NAME_MAX.
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_dns_wire.h"

/* see mav_dns_wire.h */
int mav_dns_name_get(mav_cur *c, int allow_ptr, uint8_t *out,
                     size_t *out_len, mav_perr *err)
{
    const uint8_t *p = c->p;
    size_t len = c->len, pos = c->off, resume = 0, n = 0;
    /* Every pointer must target an offset below the start of the label
     * run it ends: targets strictly decrease, so no loop can form. */
    size_t limit = c->off;
    unsigned hops = 0, labels = 0;
    int jumped = 0;

    if (pos > len)
        return mav_perr_set(err, MAV_ERR_FORMAT, pos, "name past the end");
    for (;;) {
        uint8_t b;

        if (pos >= len)
            return mav_perr_set(err, MAV_ERR_FORMAT, pos,
                                "name runs past the end");
        b = p[pos];
        if ((b & 0xc0) == 0xc0) {
            size_t target;

            if (!allow_ptr)
                return mav_perr_set(err, MAV_ERR_FORMAT, pos,
                                    "compression pointer not allowed here");
            if (len - pos < 2)
                return mav_perr_set(err, MAV_ERR_FORMAT, pos,
                                    "compression pointer cut short");
            target = (size_t)(b & 0x3f) << 8 | p[pos + 1];
            if (target >= limit)
                return mav_perr_set(err, MAV_ERR_FORMAT, pos,
                                    "forward or looping compression pointer");
            if (++hops > MAV_CFG_DNS_MAX_PTR_HOPS)
                return mav_perr_set(err, MAV_ERR_LIMIT, pos,
                                    "too many compression pointers");
            if (!jumped) {
                resume = pos + 2;
                jumped = 1;
            }
            limit = pos = target;
            continue;
        }
        if (b & 0xc0) /* 0x40 extended (RFC 6891 §5), 0x80 reserved */
            return mav_perr_set(err, MAV_ERR_FORMAT, pos,
                                "reserved label type");
        if (b == 0) {
            if (out)
                out[n] = 0;
            n++;
            pos++;
            break;
        }
        if (b >= len - pos)
            return mav_perr_set(err, MAV_ERR_FORMAT, pos,
                                "label runs past the end");
        /* This label, its length byte and the root label still to come. */
        if (n + 1 + b + 1 > MAV_DNS_NAME_MAX)
            return mav_perr_set(err, MAV_ERR_FORMAT, pos,
                                "name longer than 255 bytes");
        if (++labels > MAV_CFG_DNS_MAX_LABELS)
            return mav_perr_set(err, MAV_ERR_LIMIT, pos, "too many labels");
        if (out)
            memcpy(out + n, p + pos, (size_t)b + 1);
        n += (size_t)b + 1;
        pos += (size_t)b + 1;
    }
    c->off = jumped ? resume : pos;
    if (out_len)
        *out_len = n;
    return MAV_OK;
}

/* see mav_dns_wire.h */
int mav_dns_name_eq_at(const uint8_t *p, size_t len, size_t off,
                       const uint8_t *name)
{
    size_t pos = off, limit = off, i = 0;
    unsigned hops = 0;

    for (;;) {
        uint8_t b;

        if (pos >= len)
            return MAV_ERR_FORMAT;
        b = p[pos];
        if ((b & 0xc0) == 0xc0) {
            size_t target;
            if (len - pos < 2)
                return MAV_ERR_FORMAT;
            target = (size_t)(b & 0x3f) << 8 | p[pos + 1];
            /* as mav_dns_name_get: only backwards, so no loop */
            if (target >= limit || ++hops > MAV_CFG_DNS_MAX_PTR_HOPS)
                return MAV_ERR_FORMAT;
            limit = pos = target;
            continue;
        }
        if (b & 0xc0)
            return MAV_ERR_FORMAT;
        /* name is valid: its length bytes end it, so i stays inside */
        if (b != name[i])
            return 0;
        if (b == 0)
            return 1;
        if (b >= len - pos)
            return MAV_ERR_FORMAT;
        if (memcmp(p + pos + 1, name + i + 1, b) != 0 && /* case differs? */
            !mav_eq_nocase(p + pos + 1, name + i + 1, b))
            return 0;
        pos += (size_t)b + 1;
        i += (size_t)b + 1;
    }
}

/* see mav_dns_wire.h */
int mav_dns_name_check(const uint8_t *name, size_t len)
{
    size_t i = 0;

    if (!name || len == 0 || len > MAV_DNS_NAME_MAX)
        return MAV_ERR_FORMAT;
    while (i < len) {
        uint8_t b = name[i];

        if (b == 0)
            return i + 1 == len ? MAV_OK : MAV_ERR_FORMAT;
        if (b > MAV_DNS_LABEL_MAX || b >= len - i)
            return MAV_ERR_FORMAT;
        i += (size_t)b + 1;
    }
    return MAV_ERR_FORMAT;
}

/* see mav_dns_wire.h */
size_t mav_dns_name_len(const uint8_t *name)
{
    size_t i = 0;

    while (i < MAV_DNS_NAME_MAX && name[i])
        i += (size_t)name[i] + 1;
    return i + 1;
}

/* see mav_dns_wire.h */
void mav_dns_name_lower(uint8_t *name)
{
    size_t i = 0;

    while (i < MAV_DNS_NAME_MAX && name[i]) {
        size_t j, l = name[i];

        for (j = 1; j <= l; j++)
            name[i + j] = mav_lower(name[i + j]);
        i += l + 1;
    }
}

/* see mav_dns_wire.h */
int mav_dns_name_eq(const uint8_t *a, const uint8_t *b)
{
    size_t i = 0;

    /* Length bytes are at the same places in both names as long as all
     * before them matched, and never fold (they are <= 63 < 'A'). */
    for (;;) {
        size_t l = a[i];

        if (l != b[i])
            return 0;
        if (l == 0)
            return 1;
        if (memcmp(a + i + 1, b + i + 1, l) != 0 && /* case differs? */
            !mav_eq_nocase(a + i + 1, b + i + 1, l))
            return 0;
        i += l + 1;
        if (i >= MAV_DNS_NAME_MAX)
            return 0;
    }
}

/* Offsets of the labels of a valid name; returns their number. */
static unsigned label_offsets(const uint8_t *name, uint8_t *offs)
{
    unsigned n = 0;
    size_t i = 0;

    while (i < MAV_DNS_NAME_MAX && name[i]) {
        offs[n++] = (uint8_t)i;
        i += (size_t)name[i] + 1;
    }
    return n;
}

/* see mav_dns_wire.h */
int mav_dns_name_cmp(const uint8_t *a, const uint8_t *b)
{
    uint8_t oa[128], ob[128];
    unsigned na = label_offsets(a, oa), nb = label_offsets(b, ob);

    /* RFC 4034 §6.1: compare from the most significant (rightmost)
     * label; labels as lowercased octet strings, a label that is a
     * prefix of the other sorts first; then the name with fewer labels. */
    while (na > 0 && nb > 0) {
        const uint8_t *la = a + oa[--na], *lb = b + ob[--nb];
        unsigned j, l = la[0] < lb[0] ? la[0] : lb[0];

        for (j = 1; j <= l; j++) {
            uint8_t x = mav_lower(la[j]), y = mav_lower(lb[j]);
            if (x != y)
                return x < y ? -1 : 1;
        }
        if (la[0] != lb[0])
            return la[0] < lb[0] ? -1 : 1;
    }
    return na == nb ? 0 : na < nb ? -1 : 1;
}

/* see mav_dns_wire.h */
unsigned mav_dns_name_labels(const uint8_t *name)
{
    unsigned n = 0;
    size_t i = 0;

    while (i < MAV_DNS_NAME_MAX && name[i]) {
        n++;
        i += (size_t)name[i] + 1;
    }
    return n;
}

/* see mav_dns_wire.h */
int mav_dns_name_is_wildcard(const uint8_t *name)
{
    return name[0] == 1 && name[1] == '*';
}

/* see mav_dns_wire.h */
unsigned mav_dns_name_rrsig_labels(const uint8_t *name)
{
    return mav_dns_name_labels(name) - (mav_dns_name_is_wildcard(name) ? 1u
                                                                      : 0u);
}

/* see mav_dns_wire.h */
const uint8_t *mav_dns_name_strip(const uint8_t *name, unsigned n)
{
    size_t i = 0;

    for (; n > 0; n--) {
        if (i >= MAV_DNS_NAME_MAX || name[i] == 0)
            return NULL;
        i += (size_t)name[i] + 1;
    }
    return i < MAV_DNS_NAME_MAX ? name + i : NULL;
}

/* see mav_dns_wire.h */
int mav_dns_name_under(const uint8_t *name, const uint8_t *zone)
{
    unsigned ln = mav_dns_name_labels(name), lz = mav_dns_name_labels(zone);
    const uint8_t *s;

    if (ln < lz)
        return 0;
    s = mav_dns_name_strip(name, ln - lz);
    return s && mav_dns_name_eq(s, zone);
}

static int is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* see mav_dns_wire.h */
int mav_dns_name_from_text(const char *s, size_t n, const uint8_t *origin,
                           uint8_t *out, size_t *out_len)
{
    size_t i = 0, o = 1, lab = 0; /* o: next byte; lab: length byte */
    int absolute = 0;

    if (!s || !out)
        return MAV_ERR_ARG;
    if (n == 0)
        return MAV_ERR_FORMAT;
    if (n == 1 && s[0] == '.') {
        out[0] = 0;
        if (out_len)
            *out_len = 1;
        return MAV_OK;
    }
    out[0] = 0;
    while (i < n) {
        unsigned v;

        if (s[i] == '.') {
            if (o - lab == 1) /* empty label */
                return MAV_ERR_FORMAT;
            out[lab] = (uint8_t)(o - lab - 1);
            i++;
            if (i == n) {
                absolute = 1;
                break;
            }
            lab = o++;
            if (o > MAV_DNS_NAME_MAX)
                return MAV_ERR_FORMAT;
            continue;
        }
        if (s[i] == '\\') {
            if (i + 1 >= n)
                return MAV_ERR_FORMAT;
            if (is_digit(s[i + 1])) {
                /* RFC 1035 §5.1: \DDD, exactly three digits, <= 255 */
                if (n - i < 4 || !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
                    return MAV_ERR_FORMAT;
                v = (unsigned)(s[i + 1] - '0') * 100 +
                    (unsigned)(s[i + 2] - '0') * 10 +
                    (unsigned)(s[i + 3] - '0');
                if (v > 255)
                    return MAV_ERR_FORMAT;
                i += 4;
            } else {
                v = (unsigned char)s[i + 1];
                i += 2;
            }
        } else {
            v = (unsigned char)s[i++];
        }
        if (o - lab - 1 >= MAV_DNS_LABEL_MAX || o + 1 >= MAV_DNS_NAME_MAX)
            return MAV_ERR_FORMAT;
        out[o++] = (uint8_t)v;
    }
    if (!absolute) {
        size_t ol;

        /* Close the last label; then the origin (or the root). */
        if (o - lab == 1)
            return MAV_ERR_FORMAT;
        out[lab] = (uint8_t)(o - lab - 1);
        ol = origin ? mav_dns_name_len(origin) : 1;
        if (o + ol > MAV_DNS_NAME_MAX)
            return MAV_ERR_FORMAT;
        if (origin)
            memcpy(out + o, origin, ol);
        else
            out[o] = 0;
        o += ol;
    } else {
        if (o + 1 > MAV_DNS_NAME_MAX)
            return MAV_ERR_FORMAT;
        out[o++] = 0;
    }
    if (out_len)
        *out_len = o;
    return MAV_OK;
}

/* see mav_dns_wire.h */
int mav_dns_name_to_text(const uint8_t *name, char *out, size_t cap,
                         size_t *out_len)
{
    size_t i = 0, o = 0;

    if (!name || !out)
        return MAV_ERR_ARG;
    if (name[0] == 0) {
        if (cap < 2)
            return MAV_ERR_SPACE;
        out[0] = '.';
        out[1] = 0;
        if (out_len)
            *out_len = 1;
        return MAV_OK;
    }
    while (i < MAV_DNS_NAME_MAX && name[i]) {
        size_t j, l = name[i];

        for (j = 1; j <= l; j++) {
            uint8_t b = name[i + j];

            if (b < 0x21 || b > 0x7e) {
                if (cap - o < 5)
                    return MAV_ERR_SPACE;
                out[o++] = '\\';
                out[o++] = (char)('0' + b / 100);
                out[o++] = (char)('0' + b / 10 % 10);
                out[o++] = (char)('0' + b % 10);
            } else if (strchr(".\\\"();@$", b)) {
                if (cap - o < 3)
                    return MAV_ERR_SPACE;
                out[o++] = '\\';
                out[o++] = (char)b;
            } else {
                if (cap - o < 2)
                    return MAV_ERR_SPACE;
                out[o++] = (char)b;
            }
        }
        if (cap - o < 2)
            return MAV_ERR_SPACE;
        out[o++] = '.';
        i += l + 1;
    }
    out[o] = 0;
    if (out_len)
        *out_len = o;
    return MAV_OK;
}
