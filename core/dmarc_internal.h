/* SPDX-License-Identifier: MIT */
/*
 * dmarc_internal.h - what the dmarc_*.c files share and nobody else
 * uses (STYLE.md C2): one DNS Tree Walk (RFC 9989 §4.10) as a step
 * function over the resolver, and its organizational domain (§4.10.2).
 */
#ifndef MAV_DMARC_INTERNAL_H
#define MAV_DMARC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dmarc.h"

/* mav_dmarc_walk.state */
enum {
    MAV_DMARC_WALK_IDLE = 0, /* not started, or cancelled */
    MAV_DMARC_WALK_WANT,     /* the next lookup is to be issued */
    MAV_DMARC_WALK_WAIT,     /* a lookup is in flight */
    MAV_DMARC_WALK_DONE      /* stopped (psd=y/n, no labels left) or
                              * failed (fail != 0) */
};

/* What mav_dmarc_walk_poll did */
enum {
    MAV_DMARC_WALK_BLOCKED = 0, /* waits for the resolver */
    MAV_DMARC_WALK_PROGRESS,    /* an answer was used: call again */
    MAV_DMARC_WALK_FINISHED     /* state is DONE */
};

/* Start a walk at name (a valid wire name, lowercased here). */
void mav_dmarc_walk_init(mav_dmarc_walk *w, const uint8_t *name);

/*
 * Advance a walk by at most one answer: use a finished lookup, issue
 * the next one. When the answer held exactly one DMARC record (§4.10
 * steps 2 and 6), it is parsed into rec and *found is set to 1: the
 * record is at the name of w->last_labels labels; the caller copies it
 * before the next call. text/cap is scratch for the joined TXT strings.
 * *queries counts the lookups issued.
 */
int mav_dmarc_walk_poll(mav_dmarc_walk *w, mav_dns_ctx *dns, char *text,
                        size_t cap, mav_dmarc_record *rec, int *found,
                        uint16_t *queries);

/* Release the lookup in flight, if any; the walk becomes IDLE. */
void mav_dmarc_walk_cancel(mav_dmarc_walk *w, mav_dns_ctx *dns);

/* The labels of the organizational domain of a walk that is DONE with
 * fail 0 (§4.10.2 selection, steps 1-3 and the final rule). */
unsigned mav_dmarc_walk_org_labels(const mav_dmarc_walk *w);

/* The suffix of the starting domain with `labels` labels (a pointer
 * into w->name). */
const uint8_t *mav_dmarc_walk_suffix(const mav_dmarc_walk *w, unsigned labels);

/* Weakness rank of a DNSSEC verdict: lower is weaker. */
int mav_dmarc_dnssec_rank(mav_dnssec_verdict v);

#endif /* MAV_DMARC_INTERNAL_H */
