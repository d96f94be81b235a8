/* SPDX-License-Identifier: MIT */
/*
 * zone_read.c - the master-file reader of mav_zone.h: the tokenizer and
 * the entry layer of RFC 1035 §5.1 (owner, TTL, class and type fields,
 * $ORIGIN and $TTL directives, the previous owner for a line that starts
 * with blank space, parentheses that join lines, comments, quoted
 * strings). The RDATA of each type is zone_rdata.c's. Every length comes
 * from the text and is checked; nothing recurses; an error names the
 * byte offset of the token at fault.
 */
#include <string.h>

#include "zone_internal.h"

#include "mav_dns_text.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Characters that end an unquoted token (RFC 1035 §5.1). */
static int is_delim(char c)
{
    return is_space(c) || c == '\n' || c == ';' || c == '(' || c == ')' ||
           c == '"';
}

/* see mav_zone.h */
void mav_zone_reader_init(mav_zone_reader *rd, const char *text, size_t len,
                          const uint8_t *origin)
{
    memset(rd, 0, sizeof *rd);
    rd->text = text;
    rd->len = text ? len : 0;
    rd->last_class = MAV_DNS_CLASS_IN;
    rd->eol = 1;
    if (origin && mav_dns_name_check(origin, mav_dns_name_len(origin)) ==
                      MAV_OK) {
        memcpy(rd->origin, origin, mav_dns_name_len(origin));
        rd->have_origin = 1;
    }
}

/* see mav_zone.h */
void mav_zone_line_col(const char *text, size_t len, size_t offset,
                       unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;
    size_t i;

    for (i = 0; text && i < offset && i < len; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    if (line)
        *line = l;
    if (col)
        *col = c;
}

/* see zone_internal.h */
int mav_zone_tok(mav_zone_reader *rd, zone_tok *t, mav_perr *err)
{
    const char *s = rd->text;

    if (rd->eol)
        return 0;
    while (rd->off < rd->len) {
        char c = s[rd->off];
        size_t i;

        if (is_space(c)) {
            rd->off++;
        } else if (c == ';') { /* a comment runs to the end of the line */
            while (rd->off < rd->len && s[rd->off] != '\n')
                rd->off++;
        } else if (c == '\n') {
            rd->off++;
            if (!rd->paren) {
                rd->eol = 1;
                return 0;
            }
        } else if (c == '(') {
            if (rd->paren)
                return mav_perr_set(err, MAV_ERR_FORMAT, rd->off,
                                    "nested '('");
            rd->paren = 1;
            rd->paren_off = rd->off++;
        } else if (c == ')') {
            if (!rd->paren)
                return mav_perr_set(err, MAV_ERR_FORMAT, rd->off,
                                    "')' without '('");
            rd->paren = 0;
            rd->off++;
        } else if (c == '"') {
            /* a quoted string: escapes kept for the caller to decode;
             * it may not run past its line */
            for (i = rd->off + 1; i < rd->len && s[i] != '"'; i++) {
                if (s[i] == '\n')
                    break;
                if (s[i] == '\\' && i + 1 < rd->len && s[i + 1] != '\n')
                    i++;
            }
            if (i >= rd->len || s[i] != '"')
                return mav_perr_set(err, MAV_ERR_FORMAT, rd->off,
                                    "unterminated quoted string");
            t->off = rd->off + 1;
            t->len = i - rd->off - 1;
            t->quoted = 1;
            rd->off = i + 1;
            return 1;
        } else {
            for (i = rd->off; i < rd->len && !is_delim(s[i]); i++) {
                if (s[i] == '\\') {
                    if (i + 1 >= rd->len || s[i + 1] == '\n')
                        return mav_perr_set(err, MAV_ERR_FORMAT, i,
                                            "'\\' at the end of a line");
                    i++;
                }
            }
            t->off = rd->off;
            t->len = i - rd->off;
            t->quoted = 0;
            rd->off = i;
            return 1;
        }
    }
    if (rd->paren)
        return mav_perr_set(err, MAV_ERR_FORMAT, rd->paren_off,
                            "'(' never closed");
    rd->eol = 1;
    return 0;
}

/* Is the token exactly the (ASCII, case-insensitive) word w? */
static int tok_is(const mav_zone_reader *rd, const zone_tok *t,
                  const char *w)
{
    size_t i, n = strlen(w);

    if (t->quoted || t->len != n)
        return 0;
    for (i = 0; i < n; i++) {
        char c = rd->text[t->off + i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 32);
        if (c != w[i])
            return 0;
    }
    return 1;
}

/* see zone_internal.h */
int mav_zone_tok_name(const mav_zone_reader *rd, const zone_tok *t,
                      uint8_t *out, size_t *out_len, mav_perr *err)
{
    const char *s = rd->text + t->off;
    size_t n = t->len;
    int rc;

    if (n == 1 && s[0] == '@') {
        if (!rd->have_origin)
            return mav_perr_set(err, MAV_ERR_FORMAT, t->off,
                                "'@' but no $ORIGIN");
        memcpy(out, rd->origin, mav_dns_name_len(rd->origin));
        *out_len = mav_dns_name_len(rd->origin);
        return MAV_OK;
    }
    /* absolute: ends in a dot that is not escaped (count the run of
     * backslashes before it) */
    if (n > 0 && s[n - 1] == '.') {
        size_t k = 0;
        while (k + 1 < n && s[n - 2 - k] == '\\')
            k++;
        if (k % 2 == 0 || (n == 1)) {
            rc = mav_dns_name_from_text(s, n, NULL, out, out_len);
            goto done;
        }
    }
    if (!rd->have_origin)
        return mav_perr_set(err, MAV_ERR_FORMAT, t->off,
                            "relative name but no $ORIGIN");
    rc = mav_dns_name_from_text(s, n, rd->origin, out, out_len);
done:
    if (rc != MAV_OK)
        return mav_perr_set(err, MAV_ERR_FORMAT, t->off,
                            "bad name (empty or long label, over 255 "
                            "bytes, or a bad escape)");
    return MAV_OK;
}

/* see zone_internal.h */
int mav_zone_tok_u32(const mav_zone_reader *rd, const zone_tok *t,
                     uint32_t max, uint32_t *v, mav_perr *err)
{
    uint32_t x = 0;
    size_t i;

    if (t->quoted || t->len == 0)
        return mav_perr_set(err, MAV_ERR_FORMAT, t->off, "number expected");
    for (i = 0; i < t->len; i++) {
        char c = rd->text[t->off + i];
        if (c < '0' || c > '9')
            return mav_perr_set(err, MAV_ERR_FORMAT, t->off,
                                "number expected");
        if ((uint32_t)(c - '0') > max ||
            x > (max - (uint32_t)(c - '0')) / 10)
            return mav_perr_set(err, MAV_ERR_FORMAT, t->off,
                                "number out of range");
        x = x * 10 + (uint32_t)(c - '0');
    }
    *v = x;
    return MAV_OK;
}

/* see zone_internal.h */
int mav_zone_tok_type(const mav_zone_reader *rd, const zone_tok *t,
                      uint16_t *type, mav_perr *err)
{
    char buf[16];

    if (t->quoted || t->len == 0 || t->len >= sizeof buf)
        return mav_perr_set(err, MAV_ERR_FORMAT, t->off, "unknown type");
    memcpy(buf, rd->text + t->off, t->len);
    buf[t->len] = 0;
    if (mav_dns_type_from_name(buf, type) != MAV_OK)
        return mav_perr_set(err, MAV_ERR_FORMAT, t->off, "unknown type");
    return MAV_OK;
}

/* A class mnemonic or CLASSnnn (RFC 3597 §5); 0 if the token is none. */
static uint16_t tok_class(const mav_zone_reader *rd, const zone_tok *t)
{
    static const struct {
        const char *n;
        uint16_t c;
    } classes[] = {{"IN", 1}, {"CS", 2}, {"CH", 3}, {"HS", 4}};
    size_t i;
    uint32_t v = 0;

    for (i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (tok_is(rd, t, classes[i].n))
            return classes[i].c;
    if (t->quoted || t->len < 6 || t->len > 10)
        return 0;
    {
        zone_tok num = {t->off + 5, t->len - 5, 0};
        zone_tok word = {t->off, 5, 0};
        if (!tok_is(rd, &word, "CLASS") ||
            mav_zone_tok_u32(rd, &num, 65535, &v, NULL) != MAV_OK || v == 0)
            return 0;
    }
    return (uint16_t)v;
}

/*
 * see zone_internal.h. A TTL (RFC 2181 §8: 0..2^31-1): decimal seconds,
 * or BIND's form with units, e.g. 1h30m or 2W (s, m, h, d, w; any case).
 */
int mav_zone_tok_ttl(const mav_zone_reader *rd, const zone_tok *t,
                     uint32_t *v, mav_perr *err)
{
    uint32_t total = 0, num = 0;
    size_t i;
    int have_num = 0, units = 0;

    for (i = 0; i < t->len; i++) {
        char c = rd->text[t->off + i];
        uint32_t mul;

        if (c >= '0' && c <= '9') {
            if (num > (0x7fffffffu - (uint32_t)(c - '0')) / 10)
                return mav_perr_set(err, MAV_ERR_LIMIT, t->off,
                                    "TTL over 2^31-1");
            num = num * 10 + (uint32_t)(c - '0');
            have_num = 1;
            continue;
        }
        switch (c | 0x20) {
        case 's': mul = 1; break;
        case 'm': mul = 60; break;
        case 'h': mul = 3600; break;
        case 'd': mul = 86400; break;
        case 'w': mul = 604800; break;
        default:
            return mav_perr_set(err, MAV_ERR_FORMAT, t->off, "bad TTL");
        }
        if (!have_num)
            return mav_perr_set(err, MAV_ERR_FORMAT, t->off, "bad TTL");
        if (num > 0x7fffffffu / mul || total > 0x7fffffffu - num * mul)
            return mav_perr_set(err, MAV_ERR_LIMIT, t->off,
                                "TTL over 2^31-1");
        total += num * mul;
        num = 0;
        have_num = 0;
        units = 1;
    }
    if (t->quoted || t->len == 0 || (units && have_num))
        return mav_perr_set(err, MAV_ERR_FORMAT, t->off, "bad TTL");
    if (total > 0x7fffffffu - num)
        return mav_perr_set(err, MAV_ERR_LIMIT, t->off, "TTL over 2^31-1");
    *v = total + num;
    return MAV_OK;
}

/* The rest of the entry must be empty. */
static int entry_end(mav_zone_reader *rd, mav_perr *err)
{
    zone_tok t;
    int rc = mav_zone_tok(rd, &t, err);

    if (rc > 0)
        return mav_perr_set(err, MAV_ERR_FORMAT, t.off, "unexpected text");
    return rc;
}

/* $ORIGIN, $TTL; $INCLUDE and others are refused. */
static int directive(mav_zone_reader *rd, const zone_tok *d, mav_perr *err)
{
    zone_tok t;
    int rc;

    if (tok_is(rd, d, "$ORIGIN")) {
        uint8_t name[MAV_DNS_NAME_MAX];
        size_t len;
        if ((rc = mav_zone_tok(rd, &t, err)) < 0)
            return rc;
        if (rc == 0)
            return mav_perr_set(err, MAV_ERR_FORMAT, d->off,
                                "$ORIGIN needs a name");
        if ((rc = mav_zone_tok_name(rd, &t, name, &len, err)) != MAV_OK)
            return rc;
        memcpy(rd->origin, name, len);
        rd->have_origin = 1;
        return entry_end(rd, err);
    }
    if (tok_is(rd, d, "$TTL")) { /* RFC 2308 §4 */
        if ((rc = mav_zone_tok(rd, &t, err)) < 0)
            return rc;
        if (rc == 0)
            return mav_perr_set(err, MAV_ERR_FORMAT, d->off,
                                "$TTL needs a value");
        if ((rc = mav_zone_tok_ttl(rd, &t, &rd->ttl, err)) != MAV_OK)
            return rc;
        rd->have_ttl = 1;
        return entry_end(rd, err);
    }
    if (tok_is(rd, d, "$INCLUDE"))
        return mav_perr_set(err, MAV_ERR_UNSUPPORTED, d->off,
                            "$INCLUDE: the zone port reads no files");
    return mav_perr_set(err, MAV_ERR_UNSUPPORTED, d->off,
                        "unknown directive");
}

/* The SOA MINIMUM field: the last 4 bytes of the RDATA. */
static uint32_t soa_minimum(const mav_zone_rr *rr)
{
    const uint8_t *p = rr->rdata + rr->rdlen - 4;

    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
           (uint32_t)p[2] << 8 | p[3];
}

/* The fields after the owner: [TTL] [class] type, or [class] [TTL] type
 * (RFC 1035 §5.1), then the RDATA. */
static int record(mav_zone_reader *rd, zone_tok *t, mav_zone_rr *rr,
                  mav_perr *err)
{
    int have_ttl = 0, have_class = 0, rc, i;
    uint32_t ttl = 0;
    uint16_t cls = 0;

    for (i = 0; i < 2; i++) {
        char c = rd->text[t->off];
        uint16_t k = tok_class(rd, t);
        if (!have_class && k) {
            cls = k;
            have_class = 1;
        } else if (!have_ttl && !t->quoted && c >= '0' && c <= '9') {
            if ((rc = mav_zone_tok_ttl(rd, t, &ttl, err)) != MAV_OK)
                return rc;
            have_ttl = 1;
        } else {
            break;
        }
        if ((rc = mav_zone_tok(rd, t, err)) < 0)
            return rc;
        if (rc == 0)
            return mav_perr_set(err, MAV_ERR_FORMAT, rr->off,
                                "record without a type");
    }
    if ((rc = mav_zone_tok_type(rd, t, &rr->type, err)) != MAV_OK)
        return rc;
    /* RFC 6895 §3.1: OPT and the meta-types (128..255) are no data */
    if (rr->type == MAV_DNS_TYPE_OPT ||
        (rr->type >= 128 && rr->type <= 255) || rr->type == 0)
        return mav_perr_set(err, MAV_ERR_FORMAT, t->off,
                            "not a data type (OPT, meta or 0)");
    rr->rclass = have_class ? cls : rd->last_class;
    rd->last_class = rr->rclass;
    if ((rc = mav_zone_rdata(rd, rr, err)) != MAV_OK)
        return rc;
    if (have_ttl) {
        rd->last_ttl = ttl;
        rd->have_last_ttl = 1;
    } else if (rd->have_ttl) { /* RFC 2308 §4 */
        ttl = rd->ttl;
    } else if (rd->have_last_ttl) { /* RFC 1035 §5.1 */
        ttl = rd->last_ttl;
    } else if (rr->type == MAV_DNS_TYPE_SOA) { /* RFC 1035's old rule */
        ttl = soa_minimum(rr);
        if (ttl > 0x7fffffffu)
            ttl = 0;
    } else {
        return mav_perr_set(err, MAV_ERR_FORMAT, rr->off,
                            "no TTL, no $TTL and none before");
    }
    rr->ttl = ttl;
    return MAV_OK;
}

/* see mav_zone.h */
int mav_zone_read(mav_zone_reader *rd, mav_zone_rr *rr, mav_perr *err)
{
    zone_tok t;
    int rc;

    if (rd == NULL || rr == NULL)
        return MAV_ERR_ARG;
    for (;;) {
        int no_owner;
        size_t start;

        if (rd->off >= rd->len)
            return 0;
        start = rd->off;
        no_owner = is_space(rd->text[start]);
        rd->eol = 0;
        if ((rc = mav_zone_tok(rd, &t, err)) < 0)
            return rc;
        if (rc == 0)
            continue; /* a blank or comment line */
        rr->off = (uint32_t)start;
        if (!no_owner && !t.quoted && rd->text[t.off] == '$') {
            if ((rc = directive(rd, &t, err)) != MAV_OK)
                return rc;
            continue;
        }
        if (!no_owner) {
            size_t len;
            if ((rc = mav_zone_tok_name(rd, &t, rd->owner, &len, err)) !=
                MAV_OK)
                return rc;
            rd->have_owner = 1;
            if ((rc = mav_zone_tok(rd, &t, err)) < 0)
                return rc;
            if (rc == 0)
                return mav_perr_set(err, MAV_ERR_FORMAT, start,
                                    "owner without a record");
        } else if (!rd->have_owner) {
            return mav_perr_set(err, MAV_ERR_FORMAT, t.off,
                                "no owner, and none before");
        }
        rr->owner_len = (uint16_t)mav_dns_name_len(rd->owner);
        memcpy(rr->owner, rd->owner, rr->owner_len);
        if ((rc = record(rd, &t, rr, err)) != MAV_OK)
            return rc;
        return 1;
    }
}
