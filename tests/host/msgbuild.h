/* SPDX-License-Identifier: MIT */
/*
 * msgbuild.h - build DNS responses in tests, field by field, so the
 * simulated network can answer with exactly the message a case needs
 * (right, spoofed, truncated, chained). No compression is used.
 */
#ifndef MAV_TEST_MSGBUILD_H
#define MAV_TEST_MSGBUILD_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t b[9000];
    size_t len;
    uint16_t counts[4];
} msgb;

/* Header with id and flags (QR is added), one question. */
void mb_start(msgb *m, uint16_t id, uint16_t flags, const char *qname,
              uint16_t qtype);
/* Append an RR to section 1 (AN), 2 (NS) or 3 (AR); RRs must be added
 * in section order. */
void mb_rr(msgb *m, int section, const char *owner, uint16_t type,
           uint32_t ttl, const uint8_t *rdata, size_t rdlen);
void mb_a(msgb *m, const char *owner, uint32_t ttl, uint8_t last);
void mb_cname(msgb *m, const char *owner, uint32_t ttl, const char *target);
void mb_txt(msgb *m, const char *owner, uint32_t ttl, const char *text);
/* SOA in the authority section, with the given MINIMUM. */
void mb_soa(msgb *m, const char *zone, uint32_t ttl, uint32_t minimum);

/* The ID and question of a query the resolver sent (for answering it). */
uint16_t mb_query_id(const uint8_t *q);

#endif /* MAV_TEST_MSGBUILD_H */
