/* SPDX-License-Identifier: MIT */
/*
 * dkimrun.h - what the DKIM suites share: verify a message held in
 * memory through mav's verifier, fed in a given chunking, with keys from
 * zone-file text (the zone port) or from a resolver the caller set up,
 * and write the results as one line "pass,fail,..." (header order) for
 * comparison between chunkings and with other verifiers.
 */
#ifndef MAV_TEST_DKIMRUN_H
#define MAV_TEST_DKIMRUN_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dkim.h"

/* Serve keys from this zone text (kept by reference); 0 or -1. */
int dkimrun_zone(const char *text, size_t len);

/* Chunkings: whole, one byte at a time, a cut at offset `at` (two
 * chunks), or pseudo-random chunk sizes from seed `at`. */
enum { DKR_WHOLE, DKR_BYTES, DKR_SPLIT, DKR_RANDOM };

/*
 * Verify msg with the zone resolver (or, when dns is not NULL, that
 * resolver run by its posix port px) at time now. Writes the results to
 * out ("none" for no signature) and returns the verifier (static).
 */
const mav_dkim_ctx *dkimrun(const uint8_t *msg, size_t len, int how,
                            size_t at, int64_t now, char *out, size_t cap);

/* Run the zone port until its resolver is idle. */
void dkimrun_pump(void);

/* The resolver of the zone port, to flush its cache. */
mav_dns_ctx *dkimrun_dns(void);

/* Use this resolver and POSIX port instead of the zone port (NULL: back
 * to the zone port). */
void dkimrun_use_posix(mav_dns_ctx *dns, void *px);

#endif /* MAV_TEST_DKIMRUN_H */
