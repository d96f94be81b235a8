/* SPDX-License-Identifier: MIT */
/*
 * rsa_key.c - parse RSA public keys without copying them.
 *
 * Three encodings reach us: DER SubjectPublicKeyInfo (RFC 5280 §4.1,
 * what DKIM p= usually holds, RFC 6376 §3.6.1), DER RSAPublicKey
 * (RFC 8017 §A.1.1, which some DKIM signers publish instead) and the
 * DNSKEY form of RFC 3110 §2. The DER reader is deliberately narrow:
 * definite lengths of at most two bytes (a 4096-bit key needs no more),
 * no trailing bytes, positive integers. The key material is bytes from
 * the network, so every length is checked against what remains.
 */
#include <string.h>

#include "mav_config.h"
#include "mav_crypto.h"

#define DER_INTEGER 0x02
#define DER_BIT_STRING 0x03
#define DER_NULL 0x05
#define DER_OID 0x06
#define DER_SEQUENCE 0x30

/* 1.2.840.113549.1.1.1, rsaEncryption (RFC 8017 §A.1) */
static const uint8_t rsa_encryption_oid[] = {0x2a, 0x86, 0x48, 0x86, 0xf7,
                                             0x0d, 0x01, 0x01, 0x01};

/* A window of bytes being read; never read beyond p + len. */
typedef struct {
    const uint8_t *p;
    size_t len;
} span;

/* Take one TLV of the given tag off the front of s into *body. */
static int der_take(span *s, uint8_t tag, span *body)
{
    size_t n, hdr;

    if (s->len < 2 || s->p[0] != tag)
        return -1;
    n = s->p[1];
    hdr = 2;
    if (n == 0x81) {
        if (s->len < 3 || s->p[2] < 0x80) /* DER: shortest form */
            return -1;
        n = s->p[2];
        hdr = 3;
    } else if (n == 0x82) {
        if (s->len < 4 || s->p[2] == 0)
            return -1;
        n = ((size_t)s->p[2] << 8) | s->p[3];
        hdr = 4;
    } else if (n >= 0x80) {
        return -1; /* indefinite, or longer than any key we take */
    }
    if (n > s->len - hdr)
        return -1;
    body->p = s->p + hdr;
    body->len = n;
    s->p += hdr + n;
    s->len -= hdr + n;
    return 0;
}

/* A DER INTEGER that must be positive; returns its magnitude. */
static int der_take_uint(span *s, span *mag)
{
    if (der_take(s, DER_INTEGER, mag) != 0 || mag->len == 0)
        return -1;
    if (mag->p[0] & 0x80)
        return -1; /* negative */
    return 0;
}

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
static int parse_pkcs1(span s, span *n, span *e)
{
    span seq;

    if (der_take(&s, DER_SEQUENCE, &seq) != 0 || s.len != 0)
        return -1;
    if (der_take_uint(&seq, n) != 0 || der_take_uint(&seq, e) != 0)
        return -1;
    return seq.len == 0 ? 0 : -1;
}

/* SubjectPublicKeyInfo with AlgorithmIdentifier rsaEncryption. */
static int parse_spki(span s, span *n, span *e)
{
    span seq, alg, oid, null, bits;

    if (der_take(&s, DER_SEQUENCE, &seq) != 0 || s.len != 0)
        return -1;
    if (der_take(&seq, DER_SEQUENCE, &alg) != 0)
        return -1;
    if (der_take(&alg, DER_OID, &oid) != 0 ||
        oid.len != sizeof rsa_encryption_oid ||
        memcmp(oid.p, rsa_encryption_oid, oid.len) != 0)
        return -1;
    /* RFC 3279 §2.3.1: parameters NULL; tolerate their absence. */
    if (alg.len != 0 && (der_take(&alg, DER_NULL, &null) != 0 ||
                         null.len != 0 || alg.len != 0))
        return -1;
    if (der_take(&seq, DER_BIT_STRING, &bits) != 0 || seq.len != 0)
        return -1;
    if (bits.len < 1 || bits.p[0] != 0) /* unused-bits count */
        return -1;
    bits.p++;
    bits.len--;
    return parse_pkcs1(bits, n, e);
}

/* RFC 3110 §2: one length byte, or 0 and two length bytes, then e, n. */
static int parse_dnskey(span s, span *n, span *e)
{
    size_t elen, hdr;

    if (s.len < 1)
        return -1;
    if (s.p[0] != 0) {
        elen = s.p[0];
        hdr = 1;
    } else {
        if (s.len < 3)
            return -1;
        elen = ((size_t)s.p[1] << 8) | s.p[2];
        hdr = 3;
    }
    if (elen == 0 || elen >= s.len - hdr)
        return -1; /* the modulus needs at least one byte */
    e->p = s.p + hdr;
    e->len = elen;
    n->p = e->p + elen;
    n->len = s.len - hdr - elen;
    return 0;
}

static void strip_zeros(span *v)
{
    while (v->len > 0 && v->p[0] == 0) {
        v->p++;
        v->len--;
    }
}

static unsigned bit_length(span v)
{
    unsigned bits = (unsigned)(v.len - 1) * 8;
    uint8_t top = v.p[0];

    while (top) {
        bits++;
        top >>= 1;
    }
    return bits;
}

/* see mav_crypto.h */
int mav_rsa_parse_key(mav_rsa_key_format fmt, const uint8_t *key,
                      size_t key_len, mav_rsa_pub *pub)
{
    span s, n, e;
    int rc;

    if (key == NULL || pub == NULL)
        return MAV_CRYPTO_ERR_ARG;
    memset(pub, 0, sizeof *pub);
    s.p = key;
    s.len = key_len;
    switch (fmt) {
    case MAV_RSA_KEY_SPKI:
        rc = parse_spki(s, &n, &e);
        break;
    case MAV_RSA_KEY_PKCS1:
        rc = parse_pkcs1(s, &n, &e);
        break;
    case MAV_RSA_KEY_DER:
        /* SPKI opens SEQUENCE { SEQUENCE ...; RSAPublicKey SEQUENCE { INT */
        rc = parse_spki(s, &n, &e);
        if (rc != 0)
            rc = parse_pkcs1(s, &n, &e);
        break;
    case MAV_RSA_KEY_DNSKEY:
        rc = parse_dnskey(s, &n, &e);
        break;
    default:
        return MAV_CRYPTO_ERR_ARG;
    }
    if (rc != 0)
        return MAV_CRYPTO_ERR_KEY;
    strip_zeros(&n);
    strip_zeros(&e);
    /* An even modulus is no RSA key; e must be odd, >= 3, <= 64 bits. */
    if (n.len == 0 || (n.p[n.len - 1] & 1) == 0)
        return MAV_CRYPTO_ERR_KEY;
    if (e.len == 0 || e.len > 8 || (e.p[e.len - 1] & 1) == 0 ||
        (e.len == 1 && e.p[0] < 3))
        return MAV_CRYPTO_ERR_KEY;
    pub->n = n.p;
    pub->n_len = n.len;
    pub->e = e.p;
    pub->e_len = e.len;
    pub->bits = bit_length(n);
    if (pub->bits < MAV_CFG_RSA_MIN_BITS || pub->bits > MAV_CFG_RSA_MAX_BITS)
        return MAV_CRYPTO_ERR_KEY_SIZE;
    return MAV_CRYPTO_OK;
}
