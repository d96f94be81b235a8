/* SPDX-License-Identifier: MIT */
/*
 * msg_from.c - the addresses of a From field (RFC 5322 §3.6.2: from =
 * "From:" mailbox-list; §3.4 mailbox = name-addr / addr-spec, with
 * display names of atoms and quoted strings, §3.2.4, and CFWS, §3.2.2,
 * whose comments nest), for DMARC's author domain (RFC 7489 §3.1). Groups
 * (§3.4 group = display-name ":" [group-list] ";") are accepted as RFC
 * 6854 allows them in From; empty list elements and the obsolete route of
 * §4.4 ("<@a,@b:joe@c>") are accepted and skipped. One left-to-right scan
 * with a comment depth counter: no recursion, no copy; the results are
 * offsets into the value.
 */
#include <string.h>

#include "mav_msg.h"

typedef struct {
    const uint8_t *v;
    size_t len;
    mav_msg_addr *out;
    unsigned max, n;
    mav_perr *err;
} from_scan;

static int is_cfws_char(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skip a comment starting at v[*i] == '('; nesting counted (§3.2.2). */
static int skip_comment(from_scan *s, size_t *i)
{
    size_t depth = 0, k = *i;

    for (; k < s->len; k++) {
        uint8_t c = s->v[k];
        if (c == '\\') {
            k++; /* quoted-pair */
            continue;
        }
        if (c == '(') {
            depth++;
        } else if (c == ')') {
            if (--depth == 0) {
                *i = k + 1;
                return MAV_OK;
            }
        }
    }
    return mav_perr_set(s->err, MAV_ERR_FORMAT, *i, "unterminated comment");
}

/* Skip a quoted string starting at v[*i] == '"' (§3.2.4). */
static int skip_quoted(from_scan *s, size_t *i)
{
    size_t k;

    for (k = *i + 1; k < s->len; k++) {
        if (s->v[k] == '\\') {
            k++;
        } else if (s->v[k] == '"') {
            *i = k + 1;
            return MAV_OK;
        }
    }
    return mav_perr_set(s->err, MAV_ERR_FORMAT, *i,
                        "unterminated quoted string");
}

/* Skip a domain literal starting at v[*i] == '[' (§3.4.1). */
static int skip_literal(from_scan *s, size_t *i)
{
    size_t k;

    for (k = *i + 1; k < s->len; k++) {
        if (s->v[k] == '\\') {
            k++;
        } else if (s->v[k] == ']') {
            *i = k + 1;
            return MAV_OK;
        }
    }
    return mav_perr_set(s->err, MAV_ERR_FORMAT, *i,
                        "unterminated domain literal");
}

static int record(from_scan *s, size_t a, size_t a_end, size_t at)
{
    if (at + 1 >= a_end || at <= a)
        return mav_perr_set(s->err, MAV_ERR_FORMAT, a,
                            "address without local part or domain");
    if (s->n < s->max) {
        mav_msg_addr *o = &s->out[s->n];
        o->addr_off = (uint32_t)a;
        o->addr_len = (uint32_t)(a_end - a);
        o->domain_off = (uint32_t)(at + 1);
        o->domain_len = (uint32_t)(a_end - at - 1);
    }
    s->n++;
    return MAV_OK;
}

/*
 * An angle address: v[*i] == '<'. The addr-spec inside runs from the
 * first to the last non-CFWS byte, after an obsolete route.
 */
static int angle_addr(from_scan *s, size_t *i)
{
    size_t k = *i + 1, a = SIZE_MAX, a_end = 0, at = SIZE_MAX;
    int rc;

    while (k < s->len && s->v[k] != '>') {
        uint8_t c = s->v[k];
        if (is_cfws_char(c)) {
            k++;
        } else if (c == '(') {
            if ((rc = skip_comment(s, &k)) != MAV_OK)
                return rc;
        } else if (c == '@' && a == SIZE_MAX) {
            /* RFC 5322 §4.4 obs-route: "@domain,@domain:" */
            const uint8_t *colon = memchr(s->v + k, ':', s->len - k);
            if (!colon)
                return mav_perr_set(s->err, MAV_ERR_FORMAT, k,
                                    "'@' before the local part");
            k = (size_t)(colon - s->v) + 1;
        } else {
            if (a == SIZE_MAX)
                a = k;
            if (c == '"') {
                if ((rc = skip_quoted(s, &k)) != MAV_OK)
                    return rc;
            } else if (c == '[') {
                if ((rc = skip_literal(s, &k)) != MAV_OK)
                    return rc;
            } else {
                if (c == '@')
                    at = k;
                k++;
            }
            a_end = k;
        }
    }
    if (k >= s->len)
        return mav_perr_set(s->err, MAV_ERR_FORMAT, *i, "'<' without '>'");
    *i = k + 1;
    if (a == SIZE_MAX || at == SIZE_MAX)
        return mav_perr_set(s->err, MAV_ERR_FORMAT, *i - 1,
                            "angle address without '@'");
    return record(s, a, a_end, at);
}

/* see mav_msg.h */
int mav_msg_from_parse(const uint8_t *value, size_t len, mav_msg_addr *out,
                       unsigned max, unsigned *n, mav_perr *err)
{
    from_scan s;
    size_t i = 0;
    /* the mailbox being read: first token, end of the last token, the
     * last '@' outside quotes, and whether an angle address was seen */
    size_t start = SIZE_MAX, last_end = 0, at = SIZE_MAX;
    int angle = 0, in_group = 0, rc;

    s.v = value;
    s.len = len;
    s.out = out;
    s.max = max;
    s.n = 0;
    s.err = err;
    if (n)
        *n = 0;
    if (!value && len)
        return MAV_ERR_ARG;
    for (;;) {
        uint8_t c = i < len ? value[i] : ',';
        int at_end = i >= len;

        if (!at_end && is_cfws_char(c)) {
            i++;
            continue;
        }
        if (!at_end && c == '(') {
            if ((rc = skip_comment(&s, &i)) != MAV_OK)
                return rc;
            continue;
        }
        if (c == ',' || c == ';') {
            /* the end of one mailbox (an empty one is allowed) */
            if (!angle && start != SIZE_MAX) {
                if (at == SIZE_MAX)
                    return mav_perr_set(err, MAV_ERR_FORMAT, start,
                                        "display name without address");
                if ((rc = record(&s, start, last_end, at)) != MAV_OK)
                    return rc;
            }
            start = SIZE_MAX;
            at = SIZE_MAX;
            angle = 0;
            if (at_end)
                break;
            if (c == ';') {
                if (!in_group)
                    return mav_perr_set(err, MAV_ERR_FORMAT, i,
                                        "';' outside a group");
                in_group = 0;
            }
            i++;
            continue;
        }
        if (angle)
            return mav_perr_set(err, MAV_ERR_FORMAT, i,
                                "text after an angle address");
        if (c == '<') {
            if ((rc = angle_addr(&s, &i)) != MAV_OK)
                return rc;
            angle = 1;
            continue;
        }
        if (c == ':') {
            /* RFC 5322 §3.4: the words so far named a group */
            if (in_group || start == SIZE_MAX || at != SIZE_MAX)
                return mav_perr_set(err, MAV_ERR_FORMAT, i,
                                    "misplaced ':'");
            in_group = 1;
            start = SIZE_MAX;
            i++;
            continue;
        }
        if (c == '>')
            return mav_perr_set(err, MAV_ERR_FORMAT, i, "'>' without '<'");
        if (start == SIZE_MAX)
            start = i;
        if (c == '"') {
            if ((rc = skip_quoted(&s, &i)) != MAV_OK)
                return rc;
        } else if (c == '[') {
            if ((rc = skip_literal(&s, &i)) != MAV_OK)
                return rc;
        } else {
            if (c == '@')
                at = i;
            i++;
        }
        last_end = i;
    }
    if (in_group)
        return mav_perr_set(err, MAV_ERR_FORMAT, len, "group without ';'");
    if (n)
        *n = s.n;
    if (s.n == 0)
        return mav_perr_set(err, MAV_ERR_FORMAT, 0, "no address");
    return s.n > max ? MAV_ERR_SPACE : MAV_OK;
}
