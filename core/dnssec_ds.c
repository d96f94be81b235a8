/* SPDX-License-Identifier: MIT */
/*
 * dnssec_ds.c - DS records (RFC 4034 §5): the digest of a DNSKEY, the
 * choice of digest types to honour in a DS RRset, and the match of one
 * DS with one DNSKEY (RFC 4035 §5.2). Digest types: 1 SHA-1 (RFC 4034
 * §5.1.4), 2 SHA-256 (RFC 4509 §2), 4 SHA-384 (RFC 6605 §2). RFC 4509
 * §3: a validator SHOULD ignore SHA-1 DS records when SHA-256 ones are
 * present (a downgrade to the weaker digest otherwise stays possible);
 * mav applies the same rule with SHA-384.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mav_ascii.h"
#include "mav_dnssec.h"

typedef union {
    mav_sha1_ctx s1;
    mav_sha256_ctx s256;
    mav_sha512_ctx s512;
} ds_hash;

static void ds_update(uint8_t digest_type, ds_hash *h, const uint8_t *p,
                      size_t n)
{
    if (digest_type == MAV_DNSSEC_DIGEST_SHA1)
        mav_sha1_update(&h->s1, p, n);
    else if (digest_type == MAV_DNSSEC_DIGEST_SHA256)
        mav_sha256_update(&h->s256, p, n);
    else
        mav_sha384_update(&h->s512, p, n);
}

/* see mav_dnssec.h */
int mav_dnssec_ds_digest(const uint8_t *owner, const uint8_t *dnskey,
                         size_t dnskey_len, uint8_t digest_type,
                         uint8_t *out, size_t *out_len)
{
    uint8_t chunk[64];
    size_t n, i, j, k;
    ds_hash h;

    if (owner == NULL || (dnskey == NULL && dnskey_len != 0) ||
        out == NULL || out_len == NULL)
        return MAV_ERR_ARG;
    switch (digest_type) {
    case MAV_DNSSEC_DIGEST_SHA1:
        mav_sha1_init(&h.s1);
        break;
    case MAV_DNSSEC_DIGEST_SHA256:
        mav_sha256_init(&h.s256);
        break;
    case MAV_DNSSEC_DIGEST_SHA384:
        mav_sha384_init(&h.s512);
        break;
    default:
        return MAV_ERR_UNSUPPORTED;
    }
    /* RFC 4034 §5.1.4: digest = digest_algorithm(DNSKEY owner name |
     * DNSKEY RDATA), the owner in canonical form (§6.2: lowercase),
     * lowered a chunk at a time rather than copied whole to the stack
     * (label lengths are below 'A', so lowering every byte is exact). */
    n = mav_dns_name_len(owner);
    for (i = 0; i < n; i += k) {
        k = n - i < sizeof chunk ? n - i : sizeof chunk;
        for (j = 0; j < k; j++)
            chunk[j] = mav_lower(owner[i + j]);
        ds_update(digest_type, &h, chunk, k);
    }
    ds_update(digest_type, &h, dnskey, dnskey_len);
    switch (digest_type) {
    case MAV_DNSSEC_DIGEST_SHA1:
        mav_sha1_final(&h.s1, out);
        *out_len = MAV_SHA1_LEN;
        break;
    case MAV_DNSSEC_DIGEST_SHA256:
        mav_sha256_final(&h.s256, out);
        *out_len = MAV_SHA256_LEN;
        break;
    default:
        mav_sha384_final(&h.s512, out);
        *out_len = MAV_SHA384_LEN;
        break;
    }
    return MAV_OK;
}

/* Read a DS RDATA; MAV_OK or an error. */
static int read_ds(const mav_dnssec_rdref *r, mav_dns_rdata *rd)
{
    return mav_dns_rdata_read(r->msg, r->msg_len, MAV_DNS_TYPE_DS,
                              MAV_DNS_CLASS_IN, r->off, r->len, rd, NULL);
}

/* see mav_dnssec.h */
unsigned mav_dnssec_ds_honoured(const mav_dnssec_rdref *ds, unsigned n)
{
    unsigned i, strong = 0;
    mav_dns_rdata rd;

    for (i = 0; ds != NULL && i < n; i++) {
        if (read_ds(&ds[i], &rd) != MAV_OK)
            continue;
        /* The codec has checked the digest length of types 1, 2, 4. */
        if (rd.u.ds.digest_type == MAV_DNSSEC_DIGEST_SHA256 ||
            rd.u.ds.digest_type == MAV_DNSSEC_DIGEST_SHA384)
            strong = 1;
    }
    return (1u << MAV_DNSSEC_DIGEST_SHA256) |
           (1u << MAV_DNSSEC_DIGEST_SHA384) |
           (strong ? 0u : 1u << MAV_DNSSEC_DIGEST_SHA1);
}

/* What ds_check() compares: the fields of one DS and of one DNSKEY. */
typedef struct {
    uint16_t key_tag, flags;
    uint8_t algorithm, digest_type, protocol;
    const uint8_t *digest;
    uint16_t digest_len;
} ds_fields;

/* The DS fields of d (key 0) or the DNSKEY fields of key into f.
 * Not inlined: the parsed record (about 540 bytes with its name
 * buffers) is on the stack only while it is read, not while the digest
 * is computed. */
static MAV_NOINLINE int read_fields(const mav_dnssec_rdref *d,
                                    const mav_dnssec_rdref *key, ds_fields *f)
{
    mav_dns_rdata rd;

    if (key == NULL) {
        if (read_ds(d, &rd) != MAV_OK)
            return -1;
        f->key_tag = rd.u.ds.key_tag;
        f->algorithm = rd.u.ds.algorithm;
        f->digest_type = rd.u.ds.digest_type;
        f->digest = rd.u.ds.digest;
        f->digest_len = rd.u.ds.digest_len;
        return 0;
    }
    if (mav_dns_rdata_read(key->msg, key->msg_len, MAV_DNS_TYPE_DNSKEY,
                           MAV_DNS_CLASS_IN, key->off, key->len, &rd,
                           NULL) != MAV_OK)
        return -1;
    f->flags = rd.u.dnskey.flags;
    f->protocol = rd.u.dnskey.protocol;
    f->algorithm = rd.u.dnskey.algorithm;
    return 0;
}

/* see mav_dnssec.h */
mav_dnssec_reason mav_dnssec_ds_check(const uint8_t *owner,
                                      const mav_dnssec_rdref *ds,
                                      const mav_dnssec_rdref *dnskey,
                                      unsigned honoured)
{
    ds_fields d, k;
    const uint8_t *key_rdata;
    uint8_t dig[MAV_DNSSEC_DIGEST_MAX_LEN];
    size_t dig_len;

    if (owner == NULL || ds == NULL || dnskey == NULL ||
        read_fields(ds, NULL, &d) != 0 || read_fields(NULL, dnskey, &k) != 0)
        return MAV_DNSSEC_R_MALFORMED_KEY;
    key_rdata = dnskey->msg + dnskey->off;
    if (d.algorithm != k.algorithm ||
        d.key_tag != mav_dnssec_keytag(key_rdata, dnskey->len))
        return MAV_DNSSEC_R_NO_MATCHING_KEY;
    if (d.digest_type > 15 || !(honoured & (1u << d.digest_type)))
        return MAV_DNSSEC_R_UNSUPPORTED_DIGEST;
    if (!mav_dnssec_alg_supported(k.algorithm))
        return MAV_DNSSEC_R_UNSUPPORTED_ALG;
    /* RFC 4034 §5.2: the DNSKEY a DS points to MUST be a zone key. */
    if (k.protocol != MAV_DNSKEY_PROTOCOL)
        return MAV_DNSSEC_R_BAD_PROTOCOL;
    if (!(k.flags & MAV_DNSKEY_FLAG_ZONE) ||
        (k.flags & MAV_DNSKEY_FLAG_REVOKE)) /* RFC 5011 §3 */
        return MAV_DNSSEC_R_NOT_ZONE_KEY;
    if (mav_dnssec_ds_digest(owner, key_rdata, dnskey->len, d.digest_type,
                             dig, &dig_len) != MAV_OK)
        return MAV_DNSSEC_R_UNSUPPORTED_DIGEST;
    if (dig_len != d.digest_len || memcmp(dig, d.digest, dig_len) != 0)
        return MAV_DNSSEC_R_DS_MISMATCH;
    return MAV_DNSSEC_R_OK;
}
