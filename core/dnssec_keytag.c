/* SPDX-License-Identifier: MIT */
/*
 * dnssec_keytag.c - the key tag of a DNSKEY (RFC 4034 Appendix B): the
 * RDATA read as big-endian 16-bit words (an odd last byte is the high
 * half of a word), summed into 32 bits, then the carry folded back once.
 * The tag only narrows the search for a key: different keys may share
 * one (RFC 4035 §5.3.1), which is why the RRSIG check tries every key
 * with the tag up to a budget. Algorithm 1's different rule (Appendix
 * B.1) is left out: RSA/MD5 is never used (RFC 8624 §3.1).
 */
#include <stddef.h>
#include <stdint.h>

#include "mav_dnssec.h"

/* see mav_dnssec.h */
uint16_t mav_dnssec_keytag(const uint8_t *rdata, size_t len)
{
    uint32_t ac = 0;
    size_t i;

    /* At most 65535 bytes of RDATA: the sum stays below 2^32. */
    for (i = 0; i < len; i++)
        ac += (i & 1) ? rdata[i] : (uint32_t)rdata[i] << 8;
    ac += (ac >> 16) & 0xffff;
    return (uint16_t)(ac & 0xffff);
}
