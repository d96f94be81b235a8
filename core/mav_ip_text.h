/* SPDX-License-Identifier: MIT */
/*
 * mav_ip_text.h - IP addresses in text form, read strictly: the SPF
 * record grammar (ip4:, ip6:) and zone files (A, AAAA) both need it.
 */
#ifndef MAV_IP_TEXT_H
#define MAV_IP_TEXT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * \brief  A dotted quad s[0..n) (four decimals 0..255, no leading zeros:
 *         RFC 7208 §5.6 qnum, as inet_pton reads them) into out[4].
 * \return 0, or -1 for anything else (out is then unspecified).
 */
int mav_ip4_from_text(const char *s, size_t n, uint8_t out[4]);

/**
 * \brief  An IPv6 address s[0..n) in RFC 4291 §2.2 text form (up to
 *         eight groups of 1-4 hex digits, one "::", an optional dotted
 *         quad in place of the last two groups) into out[16]. No zone
 *         index, no prefix length.
 * \return 0, or -1 for anything else (out is then unspecified).
 */
int mav_ip6_from_text(const char *s, size_t n, uint8_t out[16]);

#ifdef __cplusplus
}
#endif

#endif /* MAV_IP_TEXT_H */
