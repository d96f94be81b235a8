/* SPDX-License-Identifier: MIT */
/*
 * dnssec_time.c - the validity window of an RRSIG (RFC 4034 §3.1.5,
 * RFC 4035 §5.3.1). Inception and expiration are 32-bit counts of
 * seconds since 1970 compared in serial-number arithmetic (RFC 1982),
 * so they keep working after 2106: the 64-bit `now` is reduced to its low
 * 32 bits and every comparison is a signed 32-bit difference. A window
 * is taken to lie within 68 years of now, which RFC 4034 §3.1.5 states.
 * An unknown wall clock (MAV_PORT_TIME_UNKNOWN, or any negative value)
 * cannot prove a window: the answer is "no clock", which the RRset check
 * turns into INDETERMINATE (DESIGN.md, "The port").
 */
#include <stdint.h>

#include "mav_dnssec.h"

/* see mav_dnssec.h */
int mav_serial32_cmp(uint32_t a, uint32_t b)
{
    uint32_t d = a - b; /* modulo 2^32 */

    if (d == 0)
        return 0;
    /* RFC 1982 §3.2: a > b when the distance forward is below 2^31; the
     * distance of exactly 2^31 is undefined there, read as "after". */
    return d <= 0x80000000u ? 1 : -1;
}

/* see mav_dnssec.h */
mav_dnssec_reason mav_dnssec_time_check(uint32_t inception,
                                        uint32_t expiration, int64_t now)
{
    uint32_t t;

    /* RFC 4034 §3.1.5: both fields are serials; an expiration before
     * the inception is no window at all (Unbound and BIND refuse it). */
    if (mav_serial32_cmp(expiration, inception) < 0)
        return MAV_DNSSEC_R_MALFORMED_RRSIG;
    if (now < 0)
        return MAV_DNSSEC_R_NO_CLOCK;
    t = (uint32_t)((uint64_t)now & 0xffffffffu);
    /* RFC 4035 §5.3.1: "The validator's notion of the current time MUST
     * be less than or equal to the time listed in the RRSIG RR's
     * Expiration field" and at or after the Inception field. */
    if (mav_serial32_cmp(t, expiration) > 0)
        return MAV_DNSSEC_R_EXPIRED;
    if (mav_serial32_cmp(t, inception) < 0)
        return MAV_DNSSEC_R_NOT_YET_VALID;
    return MAV_DNSSEC_R_OK;
}
