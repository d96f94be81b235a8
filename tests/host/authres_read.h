/* SPDX-License-Identifier: MIT */
/*
 * authres_read.h - Authentication-Results fields (RFC 8601) read back by
 * an independent parser, python3-authres (run by /usr/bin/python3, the
 * interpreter Debian's module is for), so that a test checks what a
 * consumer of the field would read, not what mav meant to write.
 */
#ifndef MAV_TEST_AUTHRES_READ_H
#define MAV_TEST_AUTHRES_READ_H

#include <stddef.h>

/* One field as read. Every string is NUL-terminated; all are "" when
 * the parser could not be run. */
typedef struct {
    /* "spf=pass dkim=fail dmarc=fail": method=result for every result,
     * in order, as authres reads them; "unparseable: WHY" when authres
     * refuses the field */
    char results[256];
    /* the value of the dmarc result's policy.dmarc property; "" when
     * absent */
    char policy[16];
    /* "spf=secure dkim=- dmarc=insecure": the word after "dnssec:" in
     * the comment that follows each result ("-" when there is none).
     * authres drops comments, so these are read by a regular expression
     * over the same resinfo that authres parsed. */
    char dnssec[256];
} authres_reading;

/* Read fields[0..n) with one run of the parser; out[i] for fields[i].
 * Returns 0, or -1 when the parser could not be run. */
int authres_read(const char *const *fields, size_t n, authres_reading *out);

#endif /* MAV_TEST_AUTHRES_READ_H */
