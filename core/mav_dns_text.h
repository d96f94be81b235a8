/* SPDX-License-Identifier: MIT */
/*
 * mav_dns_text.h - DNS data in presentation format, for the host tool,
 * logs and tests: RR type names and RDATA as `dig +short` prints it.
 */
#ifndef MAV_DNS_TEXT_H
#define MAV_DNS_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dns_wire.h"

#ifdef __cplusplus
extern "C" {
#endif

/** \brief "A", "TXT", ... or "TYPE123" (RFC 3597 §5); cap >= 16 fits all. */
void mav_dns_type_name(uint16_t type, char *out, size_t cap);

/**
 * \brief  Type from its mnemonic (any case) or "TYPEnnn".
 * \return MAV_OK; MAV_ERR_FORMAT (unknown name); MAV_ERR_ARG.
 */
int mav_dns_type_from_name(const char *s, uint16_t *type);

/**
 * \brief  The RDATA of rr (an RR of the parsed message m) in presentation
 *         format, NUL-terminated.
 * \return MAV_OK; MAV_ERR_SPACE (cut short: cap too small);
 *         MAV_ERR_FORMAT; MAV_ERR_ARG.
 */
int mav_dns_rdata_to_text(const mav_dns_msg *m, const mav_dns_rr *rr,
                          char *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* MAV_DNS_TEXT_H */
