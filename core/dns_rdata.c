/* SPDX-License-Identifier: MIT */
/*
 * dns_rdata.c - RDATA: reading and checking the types mav uses (RFC 1035
 * §3.3-3.4 A NS CNAME SOA PTR MX TXT, RFC 3596 AAAA, RFC 6672 DNAME,
 * RFC 4034 §2-5 DNSKEY RRSIG NSEC DS with §4.1.2 type bitmaps, RFC 5155
 * §3-4 NSEC3 NSEC3PARAM, RFC 6891 §6.1.2 OPT), checking the other types
 * that embed names, and writing RDATA uncompressed or in the canonical
 * form of RFC 4034 §6.2 (as amended by RFC 6840 §5.1). Which names may
 * be compressed follows RFC 3597 §4. Unknown types stay opaque (§5).
 */
#include <stddef.h>
#include <string.h>

#include "mav_dns_wire.h"

/*
 * Layouts of the types whose RDATA embeds names (RFC 4034 §6.2 item 3):
 * N a name, 2/4 a 16/32-bit field, 1 a byte, S a <character-string>, R
 * the rest (possibly empty). ptr: 1 when a received name may be
 * compressed: the RFC 1035 types (MUST), RP AFSDB RT SIG PX NXT NAPTR SRV
 * (RFC 3597 §4: SHOULD decompress), DNAME (RFC 6672 §2.5 asks to
 * decompress a compressed target); RRSIG (RFC 4034 §3.1.7) and KX
 * (RFC 2230, newer than RFC 1035) never.
 */
static const struct forms {
    char n[2], nn[3], nn44444[8], n2[3], nn2[4], n2114442r[10], nr[3];
    char n222[5], n22sssn[7];
} forms = {"N", "NN", "NN44444", "2N", "2NN", "2114442NR", "NR", "222N",
           "22SSSN"};

/* A layout: its type, ptr, and its form as an offset into forms (three
 * bytes an entry, where a type, a flag and a pointer took eight). */
#define F(x) ((uint8_t)offsetof(struct forms, x))
static const struct shape {
    uint8_t type; /* all below 256 */
    uint8_t ptr;
    uint8_t f;
} shapes[] = {
    {MAV_DNS_TYPE_NS, 1, F(n)},          {3 /* MD */, 1, F(n)},
    {4 /* MF */, 1, F(n)},               {MAV_DNS_TYPE_CNAME, 1, F(n)},
    {MAV_DNS_TYPE_SOA, 1, F(nn44444)},   {7 /* MB */, 1, F(n)},
    {8 /* MG */, 1, F(n)},               {9 /* MR */, 1, F(n)},
    {MAV_DNS_TYPE_PTR, 1, F(n)},         {14 /* MINFO */, 1, F(nn)},
    {MAV_DNS_TYPE_MX, 1, F(n2)},         {17 /* RP */, 1, F(nn)},
    {18 /* AFSDB */, 1, F(n2)},          {21 /* RT */, 1, F(n2)},
    {24 /* SIG */, 1, F(n2114442r)},     {26 /* PX */, 1, F(nn2)},
    {30 /* NXT */, 1, F(nr)},            {MAV_DNS_TYPE_SRV, 1, F(n222)},
    {35 /* NAPTR */, 1, F(n22sssn)},     {36 /* KX */, 0, F(n2)},
    {MAV_DNS_TYPE_DNAME, 1, F(n)},       {MAV_DNS_TYPE_RRSIG, 0, F(n2114442r)},
};
#undef F

static const struct shape *shape_of(uint16_t type)
{
    size_t i;

    for (i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        if (shapes[i].type == type)
            return &shapes[i];
    return NULL;
}

/* Walk a shaped RDATA; with out, write it uncompressed (lowercased when
 * canon). c views the message up to the RDATA's end. */
static int walk(mav_cur *c, const struct shape *sh, int canon, uint8_t *out,
                size_t cap, size_t *out_len, mav_perr *err)
{
    const char *f;
    size_t o = 0;

    for (f = (const char *)&forms + sh->f; *f; f++) {
        const uint8_t *src;
        size_t n, at = c->off;
        uint8_t b;
        int r;

        switch (*f) {
        case 'N':
            /* Measured first, then written straight into out: no name
             * buffer on the stack (every message parse walks here). */
            if (out) {
                mav_cur probe = *c;

                r = mav_dns_name_get(&probe, sh->ptr, NULL, &n, err);
                if (r != MAV_OK)
                    return r;
                if (n > cap - o)
                    return MAV_ERR_SPACE;
                r = mav_dns_name_get(c, sh->ptr, out + o, &n, err);
                if (r != MAV_OK)
                    return r;
                if (canon)
                    mav_dns_name_lower(out + o);
                o += n;
                continue;
            }
            r = mav_dns_name_get(c, sh->ptr, NULL, &n, err);
            if (r != MAV_OK)
                return r;
            src = NULL;
            break;
        case 'S':
            if (mav_cur_u8(c, &b) != MAV_OK || mav_cur_skip(c, b) != MAV_OK)
                return mav_perr_set(err, MAV_ERR_FORMAT, at,
                                    "character-string runs past RDATA");
            src = c->p + at;
            n = c->off - at;
            break;
        case 'R':
            src = c->p + c->off;
            n = mav_cur_left(c);
            c->off += n;
            break;
        default: /* '1' '2' '4' */
            n = (size_t)(*f - '0');
            if (mav_cur_ref(c, n, &src) != MAV_OK)
                return mav_perr_set(err, MAV_ERR_FORMAT, at,
                                    "RDATA shorter than its fields");
            break;
        }
        if (out) {
            if (n > cap - o)
                return MAV_ERR_SPACE;
            memcpy(out + o, src, n);
        }
        o += n;
    }
    if (mav_cur_left(c))
        return mav_perr_set(err, MAV_ERR_FORMAT, c->off,
                            "RDATA longer than its fields");
    if (out_len)
        *out_len = o;
    return MAV_OK;
}

/* see mav_dns_wire.h */
int mav_dns_bitmap_check(const uint8_t *bm, size_t len)
{
    size_t i = 0;
    int prev = -1;

    while (i < len) {
        unsigned win, blen;

        if (len - i < 2)
            return MAV_ERR_FORMAT;
        win = bm[i];
        blen = bm[i + 1];
        /* RFC 4034 §4.1.2: increasing windows, 1..32 bytes each, and
         * trailing zero octets MUST be omitted. */
        if ((int)win <= prev || blen < 1 || blen > 32 || blen > len - i - 2 ||
            bm[i + 1 + blen] == 0)
            return MAV_ERR_FORMAT;
        prev = (int)win;
        i += 2 + blen;
    }
    return MAV_OK;
}

/* see mav_dns_wire.h */
int mav_dns_bitmap_has(const uint8_t *bm, size_t len, uint16_t type)
{
    size_t i = 0;
    unsigned win = type >> 8, bit = type & 0xffu;

    while (len - i >= 2) {
        unsigned blen = bm[i + 1];

        if (blen > len - i - 2)
            return 0;
        if (bm[i] == win)
            return bit / 8 < blen && (bm[i + 2 + bit / 8] & (0x80u >> bit % 8));
        i += 2 + blen;
    }
    return 0;
}

/* see mav_dns_wire.h */
int mav_dns_charstr(mav_cur *c, const uint8_t **s, size_t *len)
{
    mav_cur save = *c;
    uint8_t n;

    if (mav_cur_u8(c, &n) != MAV_OK || mav_cur_ref(c, n, s) != MAV_OK) {
        *c = save;
        return MAV_ERR_FORMAT;
    }
    *len = n;
    return MAV_OK;
}

/* see mav_dns_wire.h */
int mav_dns_txt_join(const uint8_t *rdata, size_t rdlen, uint8_t *out,
                     size_t cap, size_t *out_len)
{
    mav_cur c;
    size_t total = 0;
    int space = 0;

    if (!rdata || rdlen == 0) /* RFC 1035 §3.3.14: one or more strings */
        return MAV_ERR_FORMAT;
    mav_cur_init(&c, rdata, rdlen);
    while (mav_cur_left(&c)) {
        const uint8_t *s;
        size_t n;

        if (mav_dns_charstr(&c, &s, &n) != MAV_OK)
            return MAV_ERR_FORMAT;
        if (!space && out && n <= cap - total)
            memcpy(out + total, s, n);
        else
            space = 1;
        total += n;
    }
    if (out_len)
        *out_len = total;
    return space && total ? MAV_ERR_SPACE : MAV_OK;
}

static int name_field(mav_cur *c, int ptr, uint8_t *out, uint16_t *len,
                      mav_perr *err)
{
    size_t n;
    int r = mav_dns_name_get(c, ptr, out, &n, err);

    *len = (uint16_t)n;
    return r;
}

static int bad(mav_perr *err, const mav_cur *c, const char *what)
{
    return mav_perr_set(err, MAV_ERR_FORMAT, c->off, what);
}

/* The fixed-layout part of each known type; c ends at the RDATA's end. */
static int read_typed(mav_cur *c, uint16_t type, uint16_t rclass,
                      mav_dns_rdata *rd, mav_perr *err)
{
    const struct shape *sh;
    uint8_t b8;
    size_t n;
    int r = MAV_OK;

    switch (type) {
    case MAV_DNS_TYPE_A:
    case MAV_DNS_TYPE_AAAA:
        n = type == MAV_DNS_TYPE_A ? 4 : 16;
        if (rclass != MAV_DNS_CLASS_IN)
            goto opaque; /* A/AAAA layouts are class IN's (RFC 1035 §3.4) */
        if (mav_cur_bytes(c, rd->u.aaaa, n) != MAV_OK)
            return bad(err, c, "address RDATA too short");
        break;
    case MAV_DNS_TYPE_NS:
    case MAV_DNS_TYPE_CNAME:
    case MAV_DNS_TYPE_PTR:
    case MAV_DNS_TYPE_DNAME:
        r = name_field(c, 1, rd->u.name.name, &rd->u.name.len, err);
        break;
    case MAV_DNS_TYPE_MX:
        if (mav_cur_u16be(c, &rd->u.mx.pref) != MAV_OK)
            return bad(err, c, "MX RDATA too short");
        r = name_field(c, 1, rd->u.mx.host, &rd->u.mx.host_len, err);
        break;
    case MAV_DNS_TYPE_SOA:
        r = name_field(c, 1, rd->u.soa.mname, &rd->u.soa.mname_len, err);
        if (r == MAV_OK)
            r = name_field(c, 1, rd->u.soa.rname, &rd->u.soa.rname_len, err);
        if (r == MAV_OK && (mav_cur_u32be(c, &rd->u.soa.serial) ||
                            mav_cur_u32be(c, &rd->u.soa.refresh) ||
                            mav_cur_u32be(c, &rd->u.soa.retry) ||
                            mav_cur_u32be(c, &rd->u.soa.expire) ||
                            mav_cur_u32be(c, &rd->u.soa.minimum)))
            return bad(err, c, "SOA RDATA too short");
        break;
    case MAV_DNS_TYPE_TXT:
        rd->u.txt.count = rd->u.txt.total = 0;
        if (!mav_cur_left(c)) /* RFC 1035 §3.3.14: one or more */
            return bad(err, c, "TXT without a string");
        while (mav_cur_left(c)) {
            const uint8_t *s;

            if (mav_dns_charstr(c, &s, &n) != MAV_OK)
                return bad(err, c, "TXT string runs past RDATA");
            rd->u.txt.count++;
            rd->u.txt.total = (uint16_t)(rd->u.txt.total + n);
        }
        break;
    case MAV_DNS_TYPE_DNSKEY: /* RFC 4034 §2.1 */
        if (mav_cur_u16be(c, &rd->u.dnskey.flags) ||
            mav_cur_u8(c, &rd->u.dnskey.protocol) ||
            mav_cur_u8(c, &rd->u.dnskey.algorithm))
            return bad(err, c, "DNSKEY RDATA too short");
        rd->u.dnskey.key_len = (uint16_t)mav_cur_left(c);
        mav_cur_ref(c, rd->u.dnskey.key_len, &rd->u.dnskey.key);
        break;
    case MAV_DNS_TYPE_DS: /* RFC 4034 §5.1 */
        if (mav_cur_u16be(c, &rd->u.ds.key_tag) ||
            mav_cur_u8(c, &rd->u.ds.algorithm) ||
            mav_cur_u8(c, &rd->u.ds.digest_type))
            return bad(err, c, "DS RDATA too short");
        n = mav_cur_left(c);
        /* SHA-1 (RFC 4034), SHA-256 (RFC 4509), SHA-384 (RFC 6605) */
        if ((rd->u.ds.digest_type == 1 && n != 20) ||
            (rd->u.ds.digest_type == 2 && n != 32) ||
            (rd->u.ds.digest_type == 4 && n != 48))
            return bad(err, c, "DS digest of the wrong size");
        rd->u.ds.digest_len = (uint16_t)n;
        mav_cur_ref(c, n, &rd->u.ds.digest);
        break;
    case MAV_DNS_TYPE_RRSIG: /* RFC 4034 §3.1 */
        if (mav_cur_u16be(c, &rd->u.rrsig.type_covered) ||
            mav_cur_u8(c, &rd->u.rrsig.algorithm) ||
            mav_cur_u8(c, &rd->u.rrsig.labels) ||
            mav_cur_u32be(c, &rd->u.rrsig.orig_ttl) ||
            mav_cur_u32be(c, &rd->u.rrsig.expiration) ||
            mav_cur_u32be(c, &rd->u.rrsig.inception) ||
            mav_cur_u16be(c, &rd->u.rrsig.key_tag))
            return bad(err, c, "RRSIG RDATA too short");
        r = name_field(c, 0, rd->u.rrsig.signer, &rd->u.rrsig.signer_len,
                       err);
        rd->u.rrsig.sig_len = (uint16_t)mav_cur_left(c);
        mav_cur_ref(c, rd->u.rrsig.sig_len, &rd->u.rrsig.sig);
        break;
    case MAV_DNS_TYPE_NSEC: /* RFC 4034 §4.1 */
        r = name_field(c, 0, rd->u.nsec.next, &rd->u.nsec.next_len, err);
        if (r != MAV_OK)
            return r;
        rd->u.nsec.types_len = (uint16_t)mav_cur_left(c);
        mav_cur_ref(c, rd->u.nsec.types_len, &rd->u.nsec.types);
        if (mav_dns_bitmap_check(rd->u.nsec.types, rd->u.nsec.types_len))
            return bad(err, c, "NSEC type bitmap malformed");
        break;
    case MAV_DNS_TYPE_NSEC3: /* RFC 5155 §3.2 */
    case MAV_DNS_TYPE_NSEC3PARAM: /* RFC 5155 §4.2 */
        rd->u.nsec3.next = rd->u.nsec3.types = NULL;
        rd->u.nsec3.next_len = 0;
        rd->u.nsec3.types_len = 0;
        if (mav_cur_u8(c, &rd->u.nsec3.hash_alg) ||
            mav_cur_u8(c, &rd->u.nsec3.flags) ||
            mav_cur_u16be(c, &rd->u.nsec3.iterations) ||
            mav_cur_u8(c, &rd->u.nsec3.salt_len) ||
            mav_cur_ref(c, rd->u.nsec3.salt_len, &rd->u.nsec3.salt))
            return bad(err, c, "NSEC3 RDATA too short");
        if (type == MAV_DNS_TYPE_NSEC3PARAM)
            break;
        if (mav_cur_u8(c, &b8) || b8 == 0 ||
            mav_cur_ref(c, b8, &rd->u.nsec3.next))
            return bad(err, c, "NSEC3 hash missing or too short");
        rd->u.nsec3.next_len = b8;
        rd->u.nsec3.types_len = (uint16_t)mav_cur_left(c);
        mav_cur_ref(c, rd->u.nsec3.types_len, &rd->u.nsec3.types);
        if (mav_dns_bitmap_check(rd->u.nsec3.types, rd->u.nsec3.types_len))
            return bad(err, c, "NSEC3 type bitmap malformed");
        break;
    case MAV_DNS_TYPE_OPT: /* RFC 6891 §6.1.2: {code, length, data}* */
        while (mav_cur_left(c)) {
            uint16_t code, olen;

            if (mav_cur_u16be(c, &code) || mav_cur_u16be(c, &olen) ||
                mav_cur_skip(c, olen))
                return bad(err, c, "EDNS option runs past RDATA");
        }
        break;
    default:
        sh = shape_of(type);
        if (sh) {
            r = walk(c, sh, 0, NULL, 0, NULL, err);
            type = 0;
            break;
        }
    opaque:
        mav_cur_skip(c, mav_cur_left(c)); /* RFC 3597 §5: opaque */
        type = 0;
        break;
    }
    if (r != MAV_OK)
        return r;
    if (mav_cur_left(c))
        return bad(err, c, "RDATA longer than its fields");
    rd->kind = type;
    return MAV_OK;
}

/* see mav_dns_wire.h */
int mav_dns_rdata_read(const uint8_t *msg, size_t msg_len, uint16_t type,
                       uint16_t rclass, size_t off, uint16_t rdlen,
                       mav_dns_rdata *rd, mav_perr *err)
{
    mav_cur c;

    if (!msg || !rd)
        return mav_perr_set(err, MAV_ERR_ARG, 0, "NULL argument");
    if (off > msg_len || rdlen > msg_len - off)
        return mav_perr_set(err, MAV_ERR_FORMAT, off,
                            "RDATA runs past the end");
    /* A view that ends with the RDATA: a name inside it cannot run on
     * into the next RR, and pointers only reach back (mav_dns_name_get). */
    mav_cur_init(&c, msg, off + rdlen);
    c.off = off;
    rd->kind = 0;
    rd->raw = msg + off;
    rd->raw_len = rdlen;
    return read_typed(&c, type, rclass, rd, err);
}

/* see mav_dns_wire.h */
int mav_dns_rr_rdata(const mav_dns_msg *m, const mav_dns_rr *rr,
                     mav_dns_rdata *rd)
{
    if (!m || !rr)
        return MAV_ERR_ARG;
    return mav_dns_rdata_read(m->p, m->len, rr->type, rr->rclass, rr->rdata,
                              rr->rdlen, rd, NULL);
}

/* see mav_dns_wire.h */
int mav_dns_rdata_expand(const uint8_t *msg, size_t msg_len, uint16_t type,
                         uint16_t rclass, size_t off, uint16_t rdlen,
                         unsigned flags, uint8_t *out, size_t cap,
                         size_t *out_len)
{
    const struct shape *sh = shape_of(type);
    mav_dns_rdata rd;
    mav_cur c;
    int r;

    if (!msg || !out || !out_len)
        return MAV_ERR_ARG;
    if (off > msg_len || rdlen > msg_len - off)
        return MAV_ERR_FORMAT;
    if (sh) {
        mav_cur_init(&c, msg, off + rdlen);
        c.off = off;
        return walk(&c, sh, (flags & MAV_DNS_RD_CANON) != 0, out, cap,
                    out_len, NULL);
    }
    /* No compressible or lowercased names: check, then copy as is. */
    r = mav_dns_rdata_read(msg, msg_len, type, rclass, off, rdlen, &rd, NULL);
    if (r != MAV_OK)
        return r;
    if (rdlen > cap)
        return MAV_ERR_SPACE;
    memcpy(out, msg + off, rdlen);
    *out_len = rdlen;
    return MAV_OK;
}
