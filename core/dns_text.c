/* SPDX-License-Identifier: MIT */
/*
 * dns_text.c - RDATA in presentation format (RFC 1035 §5.1 and the
 * presentation sections of each type's RFC), as `dig +short` prints it,
 * for the host tool, logs and tests. AAAA follows RFC 5952 §4 (shortest
 * form, lowercase); TXT strings are quoted with \" \\ and \DDD escapes;
 * keys and signatures are base64 (RFC 4648 §4), digests and hashes hex,
 * NSEC3 hashes base32hex (RFC 4648 §7, RFC 5155 §3.3); RRSIG times are
 * YYYYMMDDHHmmSS (RFC 4034 §3.2); unknown types use \# (RFC 3597 §5).
 * A board that prints nothing loses this file to --gc-sections.
 */
#include <string.h>

#include "mav_dns_text.h"

typedef struct {
    char *p;
    size_t cap, len;
    int over;
} outbuf;

static void put(outbuf *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap) {
        o->over = 1;
        return;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = 0;
}

static void puts_(outbuf *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_u32(outbuf *o, uint32_t v)
{
    char b[11];
    int i = 10;

    b[10] = 0;
    do {
        b[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    puts_(o, b + i);
}

static void put_hex(outbuf *o, const uint8_t *p, size_t n)
{
    static const char hx[] = "0123456789ABCDEF";
    size_t i;

    for (i = 0; i < n; i++) {
        char b[2] = {hx[p[i] >> 4], hx[p[i] & 15]};
        put(o, b, 2);
    }
}

static void put_base64(outbuf *o, const uint8_t *p, size_t n)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i;

    for (i = 0; i + 2 < n; i += 3) {
        char b[4] = {b64[p[i] >> 2], b64[(p[i] & 3) << 4 | p[i + 1] >> 4],
                     b64[(p[i + 1] & 15) << 2 | p[i + 2] >> 6],
                     b64[p[i + 2] & 63]};
        put(o, b, 4);
    }
    if (n - i == 1) {
        char b[4] = {b64[p[i] >> 2], b64[(p[i] & 3) << 4], '=', '='};
        put(o, b, 4);
    } else if (n - i == 2) {
        char b[4] = {b64[p[i] >> 2], b64[(p[i] & 3) << 4 | p[i + 1] >> 4],
                     b64[(p[i + 1] & 15) << 2], '='};
        put(o, b, 4);
    }
}

/* RFC 4648 §7 base32hex, no padding (RFC 5155 §3.3). */
static void put_base32hex(outbuf *o, const uint8_t *p, size_t n)
{
    static const char b32[] = "0123456789abcdefghijklmnopqrstuv";
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        acc = (acc << 8) | p[i];
        bits += 8;
        while (bits >= 5) {
            char c = b32[(acc >> (bits - 5)) & 31];
            put(o, &c, 1);
            bits -= 5;
        }
    }
    if (bits > 0) {
        char c = b32[(acc << (5 - bits)) & 31];
        put(o, &c, 1);
    }
}

static void put_name(outbuf *o, const uint8_t *name)
{
    char t[MAV_DNS_NAME_TEXT_MAX];

    if (mav_dns_name_to_text(name, t, sizeof t, NULL) != MAV_OK) {
        o->over = 1;
        return;
    }
    puts_(o, t);
}

static void put_charstr(outbuf *o, const uint8_t *s, size_t n)
{
    size_t i;

    put(o, "\"", 1);
    for (i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (c == '"' || c == '\\') {
            char b[2] = {'\\', (char)c};
            put(o, b, 2);
        } else if (c < 0x20 || c > 0x7e) {
            char b[4] = {'\\', (char)('0' + c / 100),
                         (char)('0' + c / 10 % 10), (char)('0' + c % 10)};
            put(o, b, 4);
        } else {
            put(o, (const char *)&c, 1);
        }
    }
    put(o, "\"", 1);
}

static void put_ipv4(outbuf *o, const uint8_t *a)
{
    int i;

    for (i = 0; i < 4; i++) {
        if (i)
            put(o, ".", 1);
        put_u32(o, a[i]);
    }
}

/* RFC 5952 §4: drop leading zeros, "::" for the longest run (>= 2) of
 * zero groups, the first one on a tie, lowercase hex. */
static void put_ipv6(outbuf *o, const uint8_t *a)
{
    static const char hx[] = "0123456789abcdef";
    unsigned g[8], i, best = 8, best_len = 0;

    for (i = 0; i < 8; i++)
        g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
    for (i = 0; i < 8;) {
        unsigned j = i;
        while (j < 8 && g[j] == 0)
            j++;
        if (j - i > best_len && j - i >= 2) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    for (i = 0; i < 8; i++) {
        char b[4];
        int n = 0, shift;
        if (i == best) {
            put(o, "::", 2);
            i += best_len - 1;
            continue;
        }
        if (i > 0 && i != best + best_len)
            put(o, ":", 1);
        for (shift = 12; shift > 0 && !(g[i] >> shift); shift -= 4)
            ;
        for (; shift >= 0; shift -= 4)
            b[n++] = hx[(g[i] >> shift) & 15];
        put(o, b, (size_t)n);
    }
}

/* Days since 1970-01-01 to civil date (proleptic Gregorian). */
static void put_time(outbuf *o, uint32_t t)
{
    uint32_t days = t / 86400u, secs = t % 86400u;
    uint32_t z = days + 719468u, era = z / 146097u, doe = z - era * 146097u;
    uint32_t yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
    uint32_t y = yoe + era * 400u, doy = doe - (365u * yoe + yoe / 4u -
                                               yoe / 100u);
    uint32_t mp = (5u * doy + 2u) / 153u, d = doy - (153u * mp + 2u) / 5u + 1u;
    uint32_t m = mp < 10u ? mp + 3u : mp - 9u;
    uint32_t v[6];
    char b[15];
    int i;

    v[0] = y + (m <= 2u);
    v[1] = m;
    v[2] = d;
    v[3] = secs / 3600u;
    v[4] = secs / 60u % 60u;
    v[5] = secs % 60u;
    b[0] = (char)('0' + v[0] / 1000 % 10);
    b[1] = (char)('0' + v[0] / 100 % 10);
    b[2] = (char)('0' + v[0] / 10 % 10);
    b[3] = (char)('0' + v[0] % 10);
    for (i = 1; i < 6; i++) {
        b[2 + 2 * i] = (char)('0' + v[i] / 10);
        b[3 + 2 * i] = (char)('0' + v[i] % 10);
    }
    put(o, b, 14);
}

static void put_bitmap(outbuf *o, const uint8_t *bm, size_t len)
{
    size_t i = 0;

    while (i + 2 <= len) {
        unsigned win = bm[i], n = bm[i + 1], b;
        for (b = 0; b < n * 8 && i + 2 + b / 8 < len; b++) {
            if (bm[i + 2 + b / 8] & (0x80 >> (b % 8))) {
                char t[16];
                mav_dns_type_name((uint16_t)(win * 256 + b), t, sizeof t);
                put(o, " ", 1);
                puts_(o, t);
            }
        }
        i += 2 + n;
    }
}

/* see mav_dns_text.h */
void mav_dns_type_name(uint16_t type, char *out, size_t cap)
{
    static const struct {
        uint16_t t;
        const char *n;
    } names[] = {{MAV_DNS_TYPE_A, "A"},         {MAV_DNS_TYPE_NS, "NS"},
                 {MAV_DNS_TYPE_CNAME, "CNAME"}, {MAV_DNS_TYPE_SOA, "SOA"},
                 {MAV_DNS_TYPE_PTR, "PTR"},     {MAV_DNS_TYPE_HINFO, "HINFO"},
                 {MAV_DNS_TYPE_MX, "MX"},       {MAV_DNS_TYPE_TXT, "TXT"},
                 {MAV_DNS_TYPE_AAAA, "AAAA"},   {MAV_DNS_TYPE_SRV, "SRV"},
                 {MAV_DNS_TYPE_DNAME, "DNAME"}, {MAV_DNS_TYPE_OPT, "OPT"},
                 {MAV_DNS_TYPE_DS, "DS"},       {MAV_DNS_TYPE_RRSIG, "RRSIG"},
                 {MAV_DNS_TYPE_NSEC, "NSEC"},   {MAV_DNS_TYPE_DNSKEY, "DNSKEY"},
                 {MAV_DNS_TYPE_NSEC3, "NSEC3"},
                 {MAV_DNS_TYPE_NSEC3PARAM, "NSEC3PARAM"},
                 {MAV_DNS_TYPE_ANY, "ANY"}};
    outbuf o = {out, cap, 0, 0};
    size_t i;

    if (cap == 0)
        return;
    out[0] = 0;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].t == type) {
            puts_(&o, names[i].n);
            return;
        }
    puts_(&o, "TYPE"); /* RFC 3597 §5 */
    put_u32(&o, type);
}

/* see mav_dns_text.h */
int mav_dns_type_from_name(const char *s, uint16_t *type)
{
    char t[16];
    unsigned v;

    if (s == NULL || type == NULL)
        return MAV_ERR_ARG;
    for (v = 1; v < 256; v++) {
        size_t i;
        mav_dns_type_name((uint16_t)v, t, sizeof t);
        if (strncmp(t, "TYPE", 4) == 0)
            continue;
        for (i = 0; t[i] && s[i]; i++) {
            char c = s[i];
            if (c >= 'a' && c <= 'z')
                c = (char)(c - 32);
            if (c != t[i])
                break;
        }
        if (t[i] == 0 && s[i] == 0) {
            *type = (uint16_t)v;
            return MAV_OK;
        }
    }
    if ((s[0] == 'T' || s[0] == 't') && strlen(s) > 4) {
        uint32_t n = 0;
        const char *d = s + 4;
        for (; *d; d++) {
            if (*d < '0' || *d > '9' || n > 6553)
                return MAV_ERR_FORMAT;
            n = n * 10 + (uint32_t)(*d - '0');
        }
        if (n > 65535)
            return MAV_ERR_FORMAT;
        *type = (uint16_t)n;
        return MAV_OK;
    }
    return MAV_ERR_FORMAT;
}

/* see mav_dns_text.h */
int mav_dns_rdata_to_text(const mav_dns_msg *m, const mav_dns_rr *rr,
                          char *out, size_t cap)
{
    outbuf o = {out, cap, 0, 0};
    mav_dns_rdata rd;
    int rc;

    if (m == NULL || rr == NULL || out == NULL || cap == 0)
        return MAV_ERR_ARG;
    out[0] = 0;
    rc = mav_dns_rr_rdata(m, rr, &rd);
    if (rc != MAV_OK)
        return rc;
    switch (rd.kind) {
    case MAV_DNS_TYPE_A:
        put_ipv4(&o, rd.u.a);
        break;
    case MAV_DNS_TYPE_AAAA:
        put_ipv6(&o, rd.u.aaaa);
        break;
    case MAV_DNS_TYPE_NS:
    case MAV_DNS_TYPE_CNAME:
    case MAV_DNS_TYPE_PTR:
    case MAV_DNS_TYPE_DNAME:
        put_name(&o, rd.u.name.name);
        break;
    case MAV_DNS_TYPE_MX:
        put_u32(&o, rd.u.mx.pref);
        put(&o, " ", 1);
        put_name(&o, rd.u.mx.host);
        break;
    case MAV_DNS_TYPE_SOA: {
        const uint32_t v[5] = {rd.u.soa.serial, rd.u.soa.refresh,
                               rd.u.soa.retry, rd.u.soa.expire,
                               rd.u.soa.minimum};
        int i;
        put_name(&o, rd.u.soa.mname);
        put(&o, " ", 1);
        put_name(&o, rd.u.soa.rname);
        for (i = 0; i < 5; i++) {
            put(&o, " ", 1);
            put_u32(&o, v[i]);
        }
        break;
    }
    case MAV_DNS_TYPE_TXT: {
        mav_cur c;
        const uint8_t *s;
        size_t n;
        int first = 1;
        mav_cur_init(&c, rd.raw, rd.raw_len);
        while (mav_cur_left(&c) > 0 && mav_dns_charstr(&c, &s, &n) == MAV_OK) {
            if (!first)
                put(&o, " ", 1);
            put_charstr(&o, s, n);
            first = 0;
        }
        break;
    }
    case MAV_DNS_TYPE_DNSKEY:
        put_u32(&o, rd.u.dnskey.flags);
        put(&o, " ", 1);
        put_u32(&o, rd.u.dnskey.protocol);
        put(&o, " ", 1);
        put_u32(&o, rd.u.dnskey.algorithm);
        put(&o, " ", 1);
        put_base64(&o, rd.u.dnskey.key, rd.u.dnskey.key_len);
        break;
    case MAV_DNS_TYPE_DS:
        put_u32(&o, rd.u.ds.key_tag);
        put(&o, " ", 1);
        put_u32(&o, rd.u.ds.algorithm);
        put(&o, " ", 1);
        put_u32(&o, rd.u.ds.digest_type);
        put(&o, " ", 1);
        put_hex(&o, rd.u.ds.digest, rd.u.ds.digest_len);
        break;
    case MAV_DNS_TYPE_RRSIG: {
        char t[16];
        mav_dns_type_name(rd.u.rrsig.type_covered, t, sizeof t);
        puts_(&o, t);
        put(&o, " ", 1);
        put_u32(&o, rd.u.rrsig.algorithm);
        put(&o, " ", 1);
        put_u32(&o, rd.u.rrsig.labels);
        put(&o, " ", 1);
        put_u32(&o, rd.u.rrsig.orig_ttl);
        put(&o, " ", 1);
        put_time(&o, rd.u.rrsig.expiration);
        put(&o, " ", 1);
        put_time(&o, rd.u.rrsig.inception);
        put(&o, " ", 1);
        put_u32(&o, rd.u.rrsig.key_tag);
        put(&o, " ", 1);
        put_name(&o, rd.u.rrsig.signer);
        put(&o, " ", 1);
        put_base64(&o, rd.u.rrsig.sig, rd.u.rrsig.sig_len);
        break;
    }
    case MAV_DNS_TYPE_NSEC:
        put_name(&o, rd.u.nsec.next);
        put_bitmap(&o, rd.u.nsec.types, rd.u.nsec.types_len);
        break;
    case MAV_DNS_TYPE_NSEC3:
    case MAV_DNS_TYPE_NSEC3PARAM:
        put_u32(&o, rd.u.nsec3.hash_alg);
        put(&o, " ", 1);
        put_u32(&o, rd.u.nsec3.flags);
        put(&o, " ", 1);
        put_u32(&o, rd.u.nsec3.iterations);
        put(&o, " ", 1);
        if (rd.u.nsec3.salt_len == 0)
            put(&o, "-", 1);
        else
            put_hex(&o, rd.u.nsec3.salt, rd.u.nsec3.salt_len);
        if (rd.kind == MAV_DNS_TYPE_NSEC3) {
            put(&o, " ", 1);
            put_base32hex(&o, rd.u.nsec3.next, rd.u.nsec3.next_len);
            put_bitmap(&o, rd.u.nsec3.types, rd.u.nsec3.types_len);
        }
        break;
    default:
        puts_(&o, "\\# ");
        put_u32(&o, rd.raw_len);
        if (rd.raw_len) {
            put(&o, " ", 1);
            put_hex(&o, rd.raw, rd.raw_len);
        }
        break;
    }
    return o.over ? MAV_ERR_SPACE : MAV_OK;
}
