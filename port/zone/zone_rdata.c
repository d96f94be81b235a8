/* SPDX-License-Identifier: MIT */
/*
 * zone_rdata.c - RDATA from presentation format to uncompressed wire
 * form, for the zone reader: A (RFC 1035 §3.4.1), AAAA (RFC 3596 §2.4,
 * RFC 4291 §2.2 text), NS, CNAME, PTR, DNAME (RFC 6672 §2.1), MX, SOA,
 * HINFO, TXT (RFC 1035 §3.3, §5.1 strings), SRV (RFC 2782), DNSKEY (RFC
 * 4034 §2.2, base64 of RFC 4648 §4 with blanks allowed), DS (§5.3, hex
 * with blanks), RRSIG (§3.2, times as YYYYMMDDHHmmSS or seconds), NSEC
 * (§4.2, type mnemonics to bitmaps per §4.1.2), NSEC3 and NSEC3PARAM
 * (RFC 5155 §3.3, §4.3: salt hex or "-", next hash base32hex), and the
 * generic `\# len hex` of RFC 3597 §5 for any type. Every field is range
 * checked; the RDATA is bounded by MAV_CFG_ZONE_RDATA_MAX.
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_ip_text.h"
#include "zone_internal.h"

/* The RDATA being written. */
typedef struct {
    mav_zone_reader *rd;
    mav_zone_rr *rr;
    size_t n;
    mav_perr *err;
} wr;

static int put(wr *w, const void *p, size_t k)
{
    if (k > MAV_CFG_ZONE_RDATA_MAX - w->n)
        return mav_perr_set(w->err, MAV_ERR_LIMIT, w->rr->off,
                            "RDATA over MAV_CFG_ZONE_RDATA_MAX");
    memcpy(w->rr->rdata + w->n, p, k);
    w->n += k;
    return MAV_OK;
}

static int put_u8(wr *w, uint32_t v)
{
    uint8_t b = (uint8_t)v;
    return put(w, &b, 1);
}

static int put_u16(wr *w, uint32_t v)
{
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    return put(w, b, 2);
}

static int put_u32(wr *w, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16),
                    (uint8_t)(v >> 8), (uint8_t)v};
    return put(w, b, 4);
}

/* The next token, which must be there. */
static int need(wr *w, zone_tok *t, const char *what)
{
    int rc = mav_zone_tok(w->rd, t, w->err);

    if (rc < 0)
        return rc;
    if (rc == 0)
        return mav_perr_set(w->err, MAV_ERR_FORMAT, w->rr->off, what);
    return MAV_OK;
}

/* No token may follow. */
static int done(wr *w)
{
    zone_tok t;
    int rc = mav_zone_tok(w->rd, &t, w->err);

    if (rc > 0)
        return mav_perr_set(w->err, MAV_ERR_FORMAT, t.off,
                            "extra text after the RDATA");
    return rc;
}

static int num(wr *w, uint32_t max, uint32_t *v, const char *what)
{
    zone_tok t;
    int rc = need(w, &t, what);

    if (rc != MAV_OK)
        return rc;
    return mav_zone_tok_u32(w->rd, &t, max, v, w->err);
}

static int put_num(wr *w, unsigned bytes, const char *what)
{
    uint32_t v;
    int rc = num(w, bytes == 1 ? 0xffu : bytes == 2 ? 0xffffu : 0xffffffffu,
                 &v, what);

    if (rc != MAV_OK)
        return rc;
    return bytes == 1 ? put_u8(w, v) : bytes == 2 ? put_u16(w, v)
                                                  : put_u32(w, v);
}

static int put_name(wr *w, const char *what)
{
    uint8_t name[MAV_DNS_NAME_MAX];
    size_t len;
    zone_tok t;
    int rc = need(w, &t, what);

    if (rc == MAV_OK)
        rc = mav_zone_tok_name(w->rd, &t, name, &len, w->err);
    return rc == MAV_OK ? put(w, name, len) : rc;
}

static int put_period(wr *w, const char *what)
{
    uint32_t v;
    zone_tok t;
    int rc = need(w, &t, what);

    if (rc == MAV_OK)
        rc = mav_zone_tok_ttl(w->rd, &t, &v, w->err);
    return rc == MAV_OK ? put_u32(w, v) : rc;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* ---- character strings (RFC 1035 §5.1) ----------------------------- */

/* One <character-string>: the token with \X and \DDD decoded, at most
 * 255 bytes, written with its length byte. */
static int put_charstr(wr *w, const zone_tok *t)
{
    const char *s = w->rd->text + t->off;
    uint8_t buf[255];
    size_t i = 0, n = 0;

    while (i < t->len) {
        unsigned v = (unsigned char)s[i];
        if (v == '\\') {
            if (i + 1 >= t->len)
                return mav_perr_set(w->err, MAV_ERR_FORMAT, t->off + i,
                                    "bad escape");
            if (s[i + 1] >= '0' && s[i + 1] <= '9') {
                if (t->len - i < 4 || s[i + 2] < '0' || s[i + 2] > '9' ||
                    s[i + 3] < '0' || s[i + 3] > '9')
                    return mav_perr_set(w->err, MAV_ERR_FORMAT, t->off + i,
                                        "\\DDD needs three digits");
                v = (unsigned)(s[i + 1] - '0') * 100 +
                    (unsigned)(s[i + 2] - '0') * 10 + (unsigned)(s[i + 3] - '0');
                if (v > 255)
                    return mav_perr_set(w->err, MAV_ERR_FORMAT, t->off + i,
                                        "\\DDD over 255");
                i += 4;
            } else {
                v = (unsigned char)s[i + 1];
                i += 2;
            }
        } else {
            i++;
        }
        if (n == sizeof buf)
            return mav_perr_set(w->err, MAV_ERR_FORMAT, t->off,
                                "string over 255 bytes");
        buf[n++] = (uint8_t)v;
    }
    if (put_u8(w, (uint32_t)n) != MAV_OK)
        return MAV_ERR_LIMIT;
    return put(w, buf, n);
}

/* TXT: one or more strings; HINFO: exactly two (RFC 1035 §3.3.2). */
static int put_strings(wr *w, int exactly)
{
    zone_tok t;
    int rc, count = 0;

    while ((rc = mav_zone_tok(w->rd, &t, w->err)) > 0) {
        if (exactly && count == exactly)
            return mav_perr_set(w->err, MAV_ERR_FORMAT, t.off,
                                "extra text after the RDATA");
        if ((rc = put_charstr(w, &t)) != MAV_OK)
            return rc;
        count++;
    }
    if (rc < 0)
        return rc;
    if (count == 0 || (exactly && count != exactly))
        return mav_perr_set(w->err, MAV_ERR_FORMAT, w->rr->off,
                            "missing string");
    return MAV_OK;
}

/* ---- addresses ------------------------------------------------------ */

static int put_addr(wr *w, int v6)
{
    uint8_t a[16];
    zone_tok t;
    int rc = need(w, &t, "missing address");

    if (rc != MAV_OK)
        return rc;
    if (t.quoted ||
        (v6 ? mav_ip6_from_text(w->rd->text + t.off, t.len, a)
            : mav_ip4_from_text(w->rd->text + t.off, t.len, a)) != 0)
        return mav_perr_set(w->err, MAV_ERR_FORMAT, t.off,
                            v6 ? "bad IPv6 address" : "bad IPv4 address");
    return put(w, a, v6 ? 16 : 4);
}

/* ---- binary fields -------------------------------------------------- */

/* Base64 (RFC 4648 §4, padded) over all remaining tokens: blanks and
 * line breaks may split it anywhere (RFC 4034 §2.2, §3.2). */
static int put_base64_rest(wr *w)
{
    zone_tok t;
    uint32_t acc = 0;
    unsigned bits = 0, pad = 0;
    size_t chars = 0, i;
    int rc;

    while ((rc = mav_zone_tok(w->rd, &t, w->err)) > 0) {
        for (i = 0; i < t.len; i++) {
            char c = w->rd->text[t.off + i];
            int v;
            chars++;
            if (c == '=' && !t.quoted) {
                if (++pad > 2)
                    return mav_perr_set(w->err, MAV_ERR_FORMAT, t.off + i,
                                        "bad base64 padding");
                continue;
            }
            v = t.quoted ? -1 : mav_b64_value((uint8_t)c);
            if (v < 0 || pad)
                return mav_perr_set(w->err, MAV_ERR_FORMAT, t.off + i,
                                    "bad base64");
            acc = (acc << 6 | (uint32_t)v) & 0xffffu;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                if ((rc = put_u8(w, acc >> bits)) != MAV_OK)
                    return rc;
            }
        }
    }
    if (rc < 0)
        return rc;
    if (chars % 4 != 0 || (acc & ((1u << bits) - 1)) != 0)
        return mav_perr_set(w->err, MAV_ERR_FORMAT, w->rr->off,
                            "base64 of a bad length");
    return MAV_OK;
}

/* Hex over tokens: all remaining ones (rest) or just t; at least one
 * byte; an even number of digits. */
static int put_hex(wr *w, zone_tok *t, int rest)
{
    int rc = 1, nib = -1;
    size_t i, bytes = 0;

    do {
        if (t->quoted)
            return mav_perr_set(w->err, MAV_ERR_FORMAT, t->off, "bad hex");
        for (i = 0; i < t->len; i++) {
            int v = hexval(w->rd->text[t->off + i]);
            if (v < 0)
                return mav_perr_set(w->err, MAV_ERR_FORMAT, t->off + i,
                                    "bad hex digit");
            if (nib < 0) {
                nib = v;
            } else {
                if ((rc = put_u8(w, (uint32_t)(nib << 4 | v))) != MAV_OK)
                    return rc;
                nib = -1;
                bytes++;
            }
        }
    } while (rest && (rc = mav_zone_tok(w->rd, t, w->err)) > 0);
    if (rc < 0)
        return rc;
    if (nib >= 0 || bytes == 0)
        return mav_perr_set(w->err, MAV_ERR_FORMAT, t->off,
                            "odd or empty hex");
    return MAV_OK;
}

/* NSEC3 salt: "-" for none, else hex; with its length byte. */
static int put_salt(wr *w)
{
    zone_tok t;
    size_t len_at;
    int rc = need(w, &t, "missing salt");

    if (rc != MAV_OK)
        return rc;
    if (t.len == 1 && !t.quoted && w->rd->text[t.off] == '-')
        return put_u8(w, 0);
    len_at = w->n;
    if ((rc = put_u8(w, 0)) != MAV_OK || (rc = put_hex(w, &t, 0)) != MAV_OK)
        return rc;
    if (w->n - len_at - 1 > 255)
        return mav_perr_set(w->err, MAV_ERR_FORMAT, t.off,
                            "salt over 255 bytes");
    w->rr->rdata[len_at] = (uint8_t)(w->n - len_at - 1);
    return MAV_OK;
}

/* NSEC3 next hashed owner: base32hex (RFC 4648 §7), no padding, with
 * its length byte (RFC 5155 §3.3). */
static int put_base32hex(wr *w)
{
    zone_tok t;
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t i, len_at;
    int rc = need(w, &t, "missing next hashed owner");

    if (rc != MAV_OK)
        return rc;
    len_at = w->n;
    if ((rc = put_u8(w, 0)) != MAV_OK)
        return rc;
    for (i = 0; i < t.len; i++) {
        char c = (char)(w->rd->text[t.off + i] | 0x20);
        int v = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'v' ? c - 'a' + 10 : -1;
        if (v < 0 || t.quoted)
            return mav_perr_set(w->err, MAV_ERR_FORMAT, t.off + i,
                                "bad base32hex");
        acc = (acc << 5 | (uint32_t)v) & 0xfffu;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            if ((rc = put_u8(w, acc >> bits)) != MAV_OK)
                return rc;
        }
    }
    if (w->n - len_at - 1 == 0 || w->n - len_at - 1 > 255 || bits >= 5 ||
        (acc & ((1u << bits) - 1)) != 0)
        return mav_perr_set(w->err, MAV_ERR_FORMAT, t.off,
                            "base32hex of a bad length");
    w->rr->rdata[len_at] = (uint8_t)(w->n - len_at - 1);
    return MAV_OK;
}

/* ---- DNSSEC fields -------------------------------------------------- */

/* Algorithm number or mnemonic (RFC 4034 Appendix A.1, RFC 8624 §3.1). */
static int put_alg(wr *w)
{
    static const struct {
        const char *n;
        uint8_t v;
    } algs[] = {{"RSAMD5", 1},          {"DH", 2},
                {"DSA", 3},             {"RSASHA1", 5},
                {"DSA-NSEC3-SHA1", 6},  {"RSASHA1-NSEC3-SHA1", 7},
                {"RSASHA256", 8},       {"RSASHA512", 10},
                {"ECC-GOST", 12},       {"ECDSAP256SHA256", 13},
                {"ECDSAP384SHA384", 14}, {"ED25519", 15},
                {"ED448", 16},          {"INDIRECT", 252},
                {"PRIVATEDNS", 253},    {"PRIVATEOID", 254}};
    zone_tok t;
    uint32_t v;
    size_t i, k;
    int rc = need(w, &t, "missing algorithm");

    if (rc != MAV_OK)
        return rc;
    for (i = 0; i < sizeof algs / sizeof algs[0]; i++) {
        const char *n = algs[i].n;
        if (t.quoted || strlen(n) != t.len)
            continue;
        for (k = 0; k < t.len; k++) {
            char c = w->rd->text[t.off + k];
            if (c >= 'a' && c <= 'z')
                c = (char)(c - 32);
            if (c != n[k])
                break;
        }
        if (k == t.len)
            return put_u8(w, algs[i].v);
    }
    if ((rc = mav_zone_tok_u32(w->rd, &t, 255, &v, w->err)) != MAV_OK)
        return rc;
    return put_u8(w, v);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static uint32_t days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
    uint32_t era, yoe, doy, doe;

    y -= m <= 2;
    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* RRSIG time (RFC 4034 §3.2): YYYYMMDDHHmmSS (exactly 14 digits, UTC),
 * else decimal seconds; stored mod 2^32 (RFC 4034 §3.1.5). */
static int put_time(wr *w)
{
    static const uint8_t mdays[12] = {31, 29, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31};
    zone_tok t;
    uint32_t f[6];
    size_t i;
    int rc = need(w, &t, "missing signature time");

    if (rc != MAV_OK)
        return rc;
    if (t.len != 14) {
        uint32_t v;
        if ((rc = mav_zone_tok_u32(w->rd, &t, 0xffffffffu, &v, w->err)) !=
            MAV_OK)
            return rc;
        return put_u32(w, v);
    }
    memset(f, 0, sizeof f);
    for (i = 0; i < 14; i++) {
        char c = w->rd->text[t.off + i];
        unsigned field = i < 4 ? 0 : (unsigned)(i - 4) / 2 + 1;
        if (c < '0' || c > '9' || t.quoted)
            return mav_perr_set(w->err, MAV_ERR_FORMAT, t.off,
                                "bad signature time");
        f[field] = f[field] * 10 + (uint32_t)(c - '0');
    }
    if (f[0] < 1970 || f[1] < 1 || f[1] > 12 || f[2] < 1 ||
        f[2] > mdays[f[1] - 1] ||
        (f[1] == 2 && f[2] == 29 &&
         (f[0] % 4 != 0 || (f[0] % 100 == 0 && f[0] % 400 != 0))) ||
        f[3] > 23 || f[4] > 59 || f[5] > 59)
        return mav_perr_set(w->err, MAV_ERR_FORMAT, t.off,
                            "bad signature time");
    {
        uint64_t s = (uint64_t)days_from_civil(f[0], f[1], f[2]) * 86400u +
                     f[3] * 3600u + f[4] * 60u + f[5];
        return put_u32(w, (uint32_t)s);
    }
}

/* Type bitmaps (RFC 4034 §4.1.2) from the remaining tokens, which name
 * types in any order. First pass: which windows are used; then one pass
 * per used window over the same tokens (a saved reader position), so
 * no 8 KB bitmap is needed. */
static int put_bitmaps(wr *w)
{
    uint8_t used[32], block[32];
    zone_pos start;
    zone_tok t;
    unsigned win;
    int rc;

    mav_zone_pos_save(w->rd, &start);
    memset(used, 0, sizeof used);
    while ((rc = mav_zone_tok(w->rd, &t, w->err)) > 0) {
        uint16_t type;
        if ((rc = mav_zone_tok_type(w->rd, &t, &type, w->err)) != MAV_OK)
            return rc;
        used[type >> 11] |= (uint8_t)(0x80 >> ((type >> 8) & 7));
    }
    if (rc < 0)
        return rc;
    for (win = 0; win < 256; win++) {
        unsigned len = 0;
        if (!(used[win >> 3] & (0x80 >> (win & 7))))
            continue;
        memset(block, 0, sizeof block);
        mav_zone_pos_restore(w->rd, &start);
        while ((rc = mav_zone_tok(w->rd, &t, w->err)) > 0) {
            uint16_t type;
            (void)mav_zone_tok_type(w->rd, &t, &type, w->err);
            if ((type >> 8) != win)
                continue;
            block[(type & 0xff) >> 3] |= (uint8_t)(0x80 >> (type & 7));
            if ((unsigned)((type & 0xff) >> 3) + 1 > len)
                len = ((type & 0xff) >> 3) + 1u;
        }
        if (rc < 0)
            return rc;
        if ((rc = put_u8(w, win)) != MAV_OK ||
            (rc = put_u8(w, len)) != MAV_OK ||
            (rc = put(w, block, len)) != MAV_OK)
            return rc;
    }
    return MAV_OK;
}

static int put_type(wr *w)
{
    zone_tok t;
    uint16_t type;
    int rc = need(w, &t, "missing type");

    if (rc == MAV_OK)
        rc = mav_zone_tok_type(w->rd, &t, &type, w->err);
    return rc == MAV_OK ? put_u16(w, type) : rc;
}

/* ---- RFC 3597 §5 ---------------------------------------------------- */

static int generic(wr *w)
{
    zone_tok t;
    uint32_t len;
    int rc = need(w, &t, "missing RDATA length");

    if (rc == MAV_OK)
        rc = mav_zone_tok_u32(w->rd, &t, 65535, &len, w->err);
    if (rc != MAV_OK)
        return rc;
    if (len > MAV_CFG_ZONE_RDATA_MAX)
        return mav_perr_set(w->err, MAV_ERR_LIMIT, t.off,
                            "RDATA over MAV_CFG_ZONE_RDATA_MAX");
    rc = mav_zone_tok(w->rd, &t, w->err);
    if (rc < 0)
        return rc;
    if (rc > 0 && (rc = put_hex(w, &t, 1)) != MAV_OK)
        return rc;
    if (w->n != len)
        return mav_perr_set(w->err, MAV_ERR_FORMAT, w->rr->off,
                            "\\# length does not match the hex");
    return MAV_OK;
}

/* see zone_internal.h */
int mav_zone_rdata(mav_zone_reader *rd, mav_zone_rr *rr, mav_perr *err)
{
    wr w = {rd, rr, 0, err};
    zone_pos peek;
    zone_tok t;
    int rc;

    rr->rdlen = 0;
    /* \# first: RFC 3597 §5 works for every type */
    mav_zone_pos_save(rd, &peek);
    rc = mav_zone_tok(rd, &t, NULL);
    if (rc > 0 && !t.quoted && t.len == 2 && rd->text[t.off] == '\\' &&
        rd->text[t.off + 1] == '#') {
        rc = generic(&w);
        goto out;
    }
    mav_zone_pos_restore(rd, &peek);
    switch (rr->type) {
    case MAV_DNS_TYPE_A:
    case MAV_DNS_TYPE_AAAA:
        if (rr->rclass != MAV_DNS_CLASS_IN)
            goto unsupported;
        if ((rc = put_addr(&w, rr->type == MAV_DNS_TYPE_AAAA)) == MAV_OK)
            rc = done(&w);
        break;
    case MAV_DNS_TYPE_NS:
    case MAV_DNS_TYPE_CNAME:
    case MAV_DNS_TYPE_PTR:
    case MAV_DNS_TYPE_DNAME:
        if ((rc = put_name(&w, "missing name")) == MAV_OK)
            rc = done(&w);
        break;
    case MAV_DNS_TYPE_MX:
        if ((rc = put_num(&w, 2, "missing preference")) == MAV_OK &&
            (rc = put_name(&w, "missing exchange")) == MAV_OK)
            rc = done(&w);
        break;
    case MAV_DNS_TYPE_SRV:
        if ((rc = put_num(&w, 2, "missing priority")) == MAV_OK &&
            (rc = put_num(&w, 2, "missing weight")) == MAV_OK &&
            (rc = put_num(&w, 2, "missing port")) == MAV_OK &&
            (rc = put_name(&w, "missing target")) == MAV_OK)
            rc = done(&w);
        break;
    case MAV_DNS_TYPE_SOA:
        if ((rc = put_name(&w, "missing MNAME")) == MAV_OK &&
            (rc = put_name(&w, "missing RNAME")) == MAV_OK &&
            (rc = put_num(&w, 4, "missing serial")) == MAV_OK &&
            (rc = put_period(&w, "missing refresh")) == MAV_OK &&
            (rc = put_period(&w, "missing retry")) == MAV_OK &&
            (rc = put_period(&w, "missing expire")) == MAV_OK &&
            (rc = put_period(&w, "missing minimum")) == MAV_OK)
            rc = done(&w);
        break;
    case MAV_DNS_TYPE_TXT:
        rc = put_strings(&w, 0);
        break;
    case MAV_DNS_TYPE_HINFO:
        rc = put_strings(&w, 2);
        break;
    case MAV_DNS_TYPE_DNSKEY:
        if ((rc = put_num(&w, 2, "missing flags")) == MAV_OK &&
            (rc = put_num(&w, 1, "missing protocol")) == MAV_OK &&
            (rc = put_alg(&w)) == MAV_OK)
            rc = put_base64_rest(&w);
        break;
    case MAV_DNS_TYPE_DS:
        if ((rc = put_num(&w, 2, "missing key tag")) == MAV_OK &&
            (rc = put_alg(&w)) == MAV_OK &&
            (rc = put_num(&w, 1, "missing digest type")) == MAV_OK &&
            (rc = need(&w, &t, "missing digest")) == MAV_OK)
            rc = put_hex(&w, &t, 1);
        break;
    case MAV_DNS_TYPE_RRSIG:
        if ((rc = put_type(&w)) == MAV_OK && (rc = put_alg(&w)) == MAV_OK &&
            (rc = put_num(&w, 1, "missing labels")) == MAV_OK &&
            (rc = put_num(&w, 4, "missing original TTL")) == MAV_OK &&
            (rc = put_time(&w)) == MAV_OK && (rc = put_time(&w)) == MAV_OK &&
            (rc = put_num(&w, 2, "missing key tag")) == MAV_OK &&
            (rc = put_name(&w, "missing signer")) == MAV_OK)
            rc = put_base64_rest(&w);
        break;
    case MAV_DNS_TYPE_NSEC:
        if ((rc = put_name(&w, "missing next name")) == MAV_OK)
            rc = put_bitmaps(&w);
        break;
    case MAV_DNS_TYPE_NSEC3:
        if ((rc = put_num(&w, 1, "missing hash algorithm")) == MAV_OK &&
            (rc = put_num(&w, 1, "missing flags")) == MAV_OK &&
            (rc = put_num(&w, 2, "missing iterations")) == MAV_OK &&
            (rc = put_salt(&w)) == MAV_OK &&
            (rc = put_base32hex(&w)) == MAV_OK)
            rc = put_bitmaps(&w);
        break;
    case MAV_DNS_TYPE_NSEC3PARAM:
        if ((rc = put_num(&w, 1, "missing hash algorithm")) == MAV_OK &&
            (rc = put_num(&w, 1, "missing flags")) == MAV_OK &&
            (rc = put_num(&w, 2, "missing iterations")) == MAV_OK &&
            (rc = put_salt(&w)) == MAV_OK)
            rc = done(&w);
        break;
    default:
        goto unsupported;
    }
out:
    rr->rdlen = (uint16_t)w.n;
    if (rc != MAV_OK)
        return rc;
    /* What the codec would refuse on the wire is refused here too (DS
     * digest sizes, \\# data of a known type: RFC 3597 §5), so the port
     * never serves a record its clients must drop. */
    {
        mav_dns_rdata check;
        if (mav_dns_rdata_read(rr->rdata, rr->rdlen, rr->type, rr->rclass, 0,
                               rr->rdlen, &check, NULL) != MAV_OK)
            return mav_perr_set(err, MAV_ERR_FORMAT, rr->off,
                                "RDATA does not fit its type");
    }
    return MAV_OK;
unsupported:
    return mav_perr_set(err, MAV_ERR_UNSUPPORTED, rr->off,
                        "no presentation form for this type here: use \\#");
}
