/* SPDX-License-Identifier: MIT */
/*
 * dnssec_nsec3.c - NSEC3 hashing and span tests (RFC 5155). The hash of
 * a name is IH(salt, name, iterations) with SHA-1 over the canonical
 * wire form of the name (§5); owner names of NSEC3 records carry it in
 * base32hex (§3.3, RFC 4648 §7); a hash is "covered" by an NSEC3 when
 * it lies between the owner hash and the Next Hashed Owner Name in the
 * circular order of the chain (§8.3). Hashing is the CPU lever of
 * CVE-2023-50868, so every SHA-1 run is paid from the budget before it
 * happens, and RFC 9276 §3.2's cap on iterations is offered as a check.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mav_dnssec.h"

/* see mav_dnssec.h */
int mav_dnssec_nsec3_iterations_ok(uint16_t iterations)
{
    return iterations <= MAV_CFG_DNSSEC_NSEC3_MAX_ITERATIONS;
}

/* see mav_dnssec.h */
int mav_dnssec_nsec3_hash(const uint8_t *name, uint8_t hash_alg,
                          uint16_t iterations, const uint8_t *salt,
                          size_t salt_len, mav_dnssec_budget *b,
                          uint8_t out[MAV_NSEC3_HASH_LEN])
{
    uint8_t canon[MAV_DNS_NAME_MAX];
    mav_sha1_ctx h;
    size_t n;
    uint32_t cost = (uint32_t)iterations + 1, k;

    if (name == NULL || b == NULL || out == NULL ||
        (salt == NULL && salt_len != 0) || salt_len > 255)
        return MAV_ERR_ARG;
    /* RFC 5155 §3.1.1: 1 (SHA-1) is the only hash algorithm defined. */
    if (hash_alg != MAV_NSEC3_HASH_SHA1)
        return MAV_ERR_UNSUPPORTED;
    if (b->nsec3_iterations < cost)
        return MAV_ERR_LIMIT;
    b->nsec3_iterations -= cost;
    b->used_nsec3_iterations += cost;

    /* §5: "the owner name in canonical form" (RFC 4034 §6.2). */
    n = mav_dns_name_len(name);
    memcpy(canon, name, n);
    mav_dns_name_lower(canon);

    mav_sha1_init(&h); /* IH(salt, x, 0) = H(x || salt) */
    mav_sha1_update(&h, canon, n);
    mav_sha1_update(&h, salt, salt_len);
    mav_sha1_final(&h, out);
    for (k = 0; k < iterations; k++) { /* IH(k) = H(IH(k-1) || salt) */
        mav_sha1_init(&h);
        mav_sha1_update(&h, out, MAV_NSEC3_HASH_LEN);
        mav_sha1_update(&h, salt, salt_len);
        mav_sha1_final(&h, out);
    }
    return MAV_OK;
}

static const char b32hex[] = "0123456789abcdefghijklmnopqrstuv";

/* see mav_dnssec.h */
size_t mav_b32hex_encode(const uint8_t *in, size_t len, char *out)
{
    size_t i, o = 0;
    uint32_t acc = 0;
    unsigned bits = 0;

    for (i = 0; i < len; i++) {
        acc = (acc << 8) | in[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out[o++] = b32hex[(acc >> bits) & 31];
        }
    }
    if (bits > 0) /* RFC 4648 §6: pad the last group with zero bits */
        out[o++] = b32hex[(acc << (5 - bits)) & 31];
    return o;
}

/* The value of one base32hex digit, either case; -1 if none. */
static int digit(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'v')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'V')
        return c - 'A' + 10;
    return -1;
}

/* see mav_dnssec.h */
int mav_b32hex_decode(const uint8_t *in, size_t len, uint8_t *out,
                      size_t cap, size_t *out_len)
{
    size_t i, o = 0;
    uint32_t acc = 0;
    unsigned bits = 0;
    int v;

    for (i = 0; i < len; i++) {
        if ((v = digit(in[i])) < 0)
            return MAV_ERR_FORMAT;
        acc = ((acc << 5) | (uint32_t)v) & 0x1fff; /* at most 12 bits kept */
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            if (o >= cap)
                return MAV_ERR_SPACE;
            out[o++] = (uint8_t)(acc >> bits);
        }
    }
    /* Unpadded RFC 4648 §7: what is left must be < 5 zero bits, else the
     * text is not the encoding of any byte string (a canonical form). */
    if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0)
        return MAV_ERR_FORMAT;
    *out_len = o;
    return MAV_OK;
}

/* see mav_dnssec.h */
int mav_dnssec_nsec3_owner_hash(const uint8_t *owner, uint8_t *out,
                                size_t cap, size_t *out_len)
{
    size_t n;

    if (owner == NULL || out == NULL || out_len == NULL || owner[0] == 0)
        return MAV_ERR_FORMAT;
    if (mav_b32hex_decode(owner + 1, owner[0], out, cap, &n) != MAV_OK ||
        n == 0)
        return MAV_ERR_FORMAT;
    *out_len = n;
    return MAV_OK;
}

/* see mav_dnssec.h */
int mav_dnssec_nsec3_covers(const uint8_t *owner_hash,
                            const uint8_t *next_hash, const uint8_t *h,
                            size_t len)
{
    int on = memcmp(owner_hash, next_hash, len);
    int oh = memcmp(owner_hash, h, len);
    int hn = memcmp(h, next_hash, len);

    if (on < 0) /* an ordinary span: owner < h < next */
        return oh < 0 && hn < 0;
    /* The last NSEC3 of the chain (next <= owner) wraps around (RFC 5155
     * §8.3's "hash is greater than the owner or less than the next");
     * with next == owner, the only NSEC3 of the chain, this is every
     * hash but the owner's. */
    return oh < 0 || hn < 0;
}
