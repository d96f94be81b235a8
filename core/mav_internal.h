/* SPDX-License-Identifier: MIT */
/*
 * mav_internal.h - functions shared between files of core/ that are not
 * part of the public API (STYLE.md C2). Callers outside core/ must not
 * use them; they may change at any time.
 */
#ifndef MAV_INTERNAL_H
#define MAV_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dns.h"

/* Serial comparison of two now_ms values (RFC 1982 on 32 bits): true if
 * a is at or after b, across the wrap of the millisecond counter. */
static inline int mav_ms_reached(uint32_t a, uint32_t b)
{
    return (int32_t)(a - b) >= 0;
}

/* ---- the answer cache (dns_cache.c) -------------------------------- */

/* Find a live entry for (name, qtype); name is lowercase wire form.
 * Returns its offset in the pool, or -1. Expired unpinned entries met on
 * the way are freed. Touches the entry's LRU stamp. */
int32_t mav_cache_find(mav_dns_ctx *r, const uint8_t *name, size_t name_len,
                       uint16_t qtype, uint32_t now);

/* Reserve an entry for (name, qtype) with room for msg_len message bytes,
 * evicting least-recently-used unpinned entries as needed. The entry is
 * returned pinned once and incomplete (invisible to mav_cache_find)
 * until mav_cache_commit. Returns its offset or -1 (no room even after
 * evicting everything unpinned). */
int32_t mav_cache_reserve(mav_dns_ctx *r, const uint8_t *name,
                          size_t name_len, uint16_t qtype, size_t msg_len);

/* The checked view of an entry's message (mav_dns_msg_parse's result),
 * kept with the entry once made, so cached answers are parsed once. */
void mav_cache_set_view(mav_dns_ctx *r, int32_t e, const mav_dns_msg *m);
int mav_cache_view(mav_dns_ctx *r, int32_t e, mav_dns_msg *m);

/* Where the message bytes of an entry live (msg_len bytes). */
uint8_t *mav_cache_msg(mav_dns_ctx *r, int32_t e, size_t *msg_len);

/* Make a reserved entry visible, to expire ttl_s seconds after now.
 * An older entry for the same question is retired. */
void mav_cache_commit(mav_dns_ctx *r, int32_t e, uint32_t ttl_s,
                      uint32_t now);

/* Pin / unpin: a pinned entry is never evicted, moved or freed. Unpinning
 * an incomplete entry frees it. */
void mav_cache_pin(mav_dns_ctx *r, int32_t e);
void mav_cache_unpin(mav_dns_ctx *r, int32_t e);

/* Milliseconds left before the entry expires (0 when expired). */
uint32_t mav_cache_ttl_ms(const mav_dns_ctx *r, int32_t e, uint32_t now);

/* The DNSSEC verdict stored with an entry, its reason, and for a DS
 * answer what it proved about the zone cut (MAV_CACHE_CUT_*). */
enum {
    MAV_CACHE_CUT_UNKNOWN = 0,
    MAV_CACHE_CUT_NONE,     /* the name is no zone cut */
    MAV_CACHE_CUT_SIGNED,   /* a cut with a validated DS RRset */
    MAV_CACHE_CUT_INSECURE  /* a cut proven to have no (usable) DS */
};
mav_dnssec_verdict mav_cache_dnssec(const mav_dns_ctx *r, int32_t e);
unsigned mav_cache_reason(const mav_dns_ctx *r, int32_t e);
unsigned mav_cache_aux(const mav_dns_ctx *r, int32_t e);
void mav_cache_set_dnssec(mav_dns_ctx *r, int32_t e, mav_dnssec_verdict v,
                          unsigned reason, unsigned aux);

/* ---- lookups, as the validator sees them (dns_resolver.c) ------------- */

/* Does message m hold an RR (owner, type) of class IN in its answer
 * section? For a CNAME, target (when not NULL) receives its target name
 * in wire form, *target_len its length. Following a CNAME chain is the
 * resolver's and the validator's business; both ask this. */
int mav_dns_answer_has(const mav_dns_msg *m, const uint8_t *owner,
                       uint16_t type, uint8_t *target, uint16_t *target_len);

/* An internal DS/DNSKEY lookup: never validated itself (the validator
 * checks what it returns), shared only with other internal ones, and
 * allowed the lookup slots reserved for validation. */
int mav_dns_lookup_raw(mav_dns_ctx *r, const uint8_t *name, size_t name_len,
                       uint16_t type, mav_dns_handle *h);
/* The cache entry of the last response of a finished lookup, or -1. */
int32_t mav_dns_query_last_entry(mav_dns_ctx *r, mav_dns_handle h);
/* The status of lookup h as mav_dns_get_result() would report it
 * (MAV_DNS_PENDING until it is done; MAV_DNS_FAILED for a handle that
 * names no lookup), without copying its 280-byte result. */
mav_dns_status mav_dns_query_status(mav_dns_ctx *r, mav_dns_handle h);
/* What most readers of a finished lookup need: its status, DNSSEC
 * verdict and error, without the names of the 280-byte result. */
typedef struct {
    mav_dns_status status;
    mav_dnssec_verdict dnssec;
    int err;
} mav_dns_outcome;
/* The outcome of lookup h: MAV_OK when it is done, MAV_PENDING while it
 * runs, MAV_ERR_ARG for a handle that names no lookup. */
int mav_dns_query_outcome(mav_dns_ctx *r, mav_dns_handle h,
                          mav_dns_outcome *out);
/* Move a lookup into / out of the "being validated" state. */
void mav_dns_query_await_validation(mav_dns_ctx *r, mav_dns_query *q);
int mav_dns_query_awaits_validation(const mav_dns_query *q);
void mav_dns_query_validated(mav_dns_ctx *r, mav_dns_query *q);

/* ---- the validator (dnssec_validate.c) ------------------------------- */

/* Install the built-in trust anchors (validation on). */
void mav_validate_init(mav_dns_ctx *r);
/* A lookup's chain is resolved: 1 if it is finished (verdict known or no
 * validation needed), 0 if a validation now waits for it, which
 * mav_validate_pump runs. Never itself runs one: a lookup made from deep
 * in a protocol's poll leaves it to the next mav_dns_poll, so signature
 * checks run on the main loop's stack, not on top of SPF's or DKIM's. */
int mav_validate_begin(mav_dns_ctx *r, mav_dns_query *q);
/* Start and advance validations; call after anything may have finished. */
void mav_validate_pump(mav_dns_ctx *r);
/* The lookup is released: drop its validation. */
void mav_validate_cancel(mav_dns_ctx *r, mav_dns_query *q);

/* Empty the pool of everything unpinned. */
void mav_cache_init(mav_dns_ctx *r);
void mav_cache_flush_unpinned(mav_dns_ctx *r);

#endif /* MAV_INTERNAL_H */
