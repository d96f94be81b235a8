/* SPDX-License-Identifier: MIT */
/*
 * digcmp.h - compare mav's answer to a question with what `dig` gets
 * from a real server of the test world (tests/world): status and the set
 * of RDATA of the asked type, order ignored. Shared by the client tests
 * over the POSIX port (test_dns_live.c), the zone port (test_zone_port.c)
 * and lwIP (tests/lwip), which all ask the same names.
 */
#ifndef MAV_TEST_DIGCMP_H
#define MAV_TEST_DIGCMP_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dns.h"

/* The names of tests/world/README.md every client test compares. */
extern const char *const digcmp_names[][2];
extern const unsigned digcmp_count;

/* Resolve (name, type) with the caller's resolver and port; fill the
 * handle (released by digcmp_compare) and the result. */
typedef void (*digcmp_resolve_fn)(void *arg, const char *name, uint16_t type,
                                  mav_dns_handle *h, mav_dns_result *r);

/*
 * Ask dig at server ("IP:PORT") and mav (through resolve) the same
 * question; print every difference to stderr, labelled with who
 * ("zone port", "lwIP"...). Returns the number of differences (0: same status, same RDATA set),
 * or -1 when dig itself could not be run.
 */
int digcmp_compare(mav_dns_ctx *dns, digcmp_resolve_fn resolve, void *arg,
                   const char *server, const char *name, const char *type,
                   const char *who);

#endif /* MAV_TEST_DIGCMP_H */
