/* SPDX-License-Identifier: MIT */
/*
 * mav_authres.h - writes the Authentication-Results header field (RFC
 * 8601) that an appliance stamps on a message.
 *
 * The writer knows RFC 8601's syntax, not the protocols: the caller
 * (the verifier) lists one entry per result — method, result, optional
 * reason, properties such as smtp.mailfrom or header.d, and a comment —
 * and the writer turns them into one field, values quoted where the
 * grammar needs it (§2.2: a value is a token, a quoted-string, or an
 * address/domain), folded at 78 columns with CRLF and a tab (RFC 5322
 * §2.2.3), ending in CRLF.
 *
 * Call sequence:
 *   1. fill a mav_authres_entry per result (pointers to the caller's
 *      strings; nothing is copied);
 *   2. mav_authres_write(out, cap, authserv_id, entries, n, &len).
 */
#ifndef MAV_AUTHRES_H
#define MAV_AUTHRES_H

#include <stddef.h>
#include <stdint.h>

#include "mav_err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Properties per result: smtp.mailfrom, header.d, header.s, header.a,
 * header.b, header.from, policy.dmarc... (RFC 8601 §2.3, §2.7). */
#define MAV_AUTHRES_MAX_PROPS 6

typedef struct {
    const char *ptype;    /* "smtp", "header", "policy" */
    const char *property; /* "mailfrom", "d", "from"... */
    const char *value;    /* written as a token, quoted if need be */
} mav_authres_prop;

typedef struct {
    const char *method;  /* "spf", "dkim", "dmarc" (RFC 8601 §2.7) */
    const char *result;  /* "pass", "fail", "none"... */
    const char *reason;  /* reason="..." (§2.2), or NULL */
    const char *comment; /* a (comment) after the result, or NULL */
    unsigned nprops;
    mav_authres_prop props[MAV_AUTHRES_MAX_PROPS];
} mav_authres_entry;

/**
 * \brief  Write "Authentication-Results: <authserv-id>; <results>" with
 *         CRLF line ends, folded, NUL-terminated.
 * \param  authserv_id  the receiving host's name (§2.5), non-empty;
 *                      n = 0 writes "none" as RFC 8601 §2.2 requires.
 * \param  out_len      (out, may be NULL) bytes written, NUL excluded;
 *                      with MAV_ERR_SPACE, the size that was needed.
 * \return MAV_OK; MAV_ERR_SPACE (out untouched past cap, NUL-terminated
 *         if cap > 0); MAV_ERR_ARG (NULL, empty method/result/ptype,
 *         a method or result that is not a token).
 */
int mav_authres_write(char *out, size_t cap, const char *authserv_id,
                      const mav_authres_entry *e, unsigned n,
                      size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* MAV_AUTHRES_H */
