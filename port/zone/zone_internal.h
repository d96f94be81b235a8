/* SPDX-License-Identifier: MIT */
/*
 * zone_internal.h - what the files of port/zone share and nobody else
 * uses: the master-file tokenizer (zone_read.c), the RDATA parser
 * (zone_rdata.c), the denial-of-existence helpers (zone_denial.c) and the
 * answer builder they write into (zone_answer.c).
 */
#ifndef MAV_ZONE_INTERNAL_H
#define MAV_ZONE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "mav_zone.h"

/* One token of an entry: text[off..off+len), quotes excluded. */
typedef struct {
    size_t off, len;
    uint8_t quoted;
} zone_tok;

/* A tokenizer position, to read the same tokens twice. */
typedef struct {
    size_t off, paren_off;
    uint8_t paren, eol;
} zone_pos;

static inline void mav_zone_pos_save(const mav_zone_reader *rd, zone_pos *p)
{
    p->off = rd->off;
    p->paren_off = rd->paren_off;
    p->paren = rd->paren;
    p->eol = rd->eol;
}

static inline void mav_zone_pos_restore(mav_zone_reader *rd,
                                        const zone_pos *p)
{
    rd->off = p->off;
    rd->paren_off = p->paren_off;
    rd->paren = p->paren;
    rd->eol = p->eol;
}

/* The next token of the current entry (RFC 1035 §5.1): 1 and t filled;
 * 0 at the end of the entry (a newline outside parentheses, or the end
 * of the text); a negative MAV_ERR_* with err filled. */
int mav_zone_tok(mav_zone_reader *rd, zone_tok *t, mav_perr *err);

/* A name token: "@" is the origin, a relative name gets the origin
 * appended (an error without one). */
int mav_zone_tok_name(const mav_zone_reader *rd, const zone_tok *t,
                      uint8_t *out, size_t *out_len, mav_perr *err);

/* A decimal token into *v, at most max. */
int mav_zone_tok_u32(const mav_zone_reader *rd, const zone_tok *t,
                     uint32_t max, uint32_t *v, mav_perr *err);

/* A TTL-like period: seconds, or BIND's units (1h30m); 0..2^31-1. */
int mav_zone_tok_ttl(const mav_zone_reader *rd, const zone_tok *t,
                     uint32_t *v, mav_perr *err);

/* A type mnemonic or TYPEnnn (RFC 3597 §5). */
int mav_zone_tok_type(const mav_zone_reader *rd, const zone_tok *t,
                      uint16_t *type, mav_perr *err);

/* The RDATA of a record of rr->type, from the remaining tokens of the
 * entry, into rr->rdata / rr->rdlen (zone_rdata.c). */
int mav_zone_rdata(mav_zone_reader *rd, mav_zone_rr *rr, mav_perr *err);

/* ---- the answer builder (zone_answer.c) ---------------------------- */

#define ZONE_PROOFS_MAX 8 /* denial records in one answer */

/* A response being built in msg[0..cap). */
typedef struct {
    mav_zone_port *zp;
    const mav_zone *z;
    uint8_t *msg;
    size_t cap, len;
    size_t an_start; /* where the answer section starts */
    int over;        /* an RR did not fit in cap and was left out */
    int dnssec;      /* DO set and the zone is signed */
    uint16_t an, ns; /* RRs written to the answer / authority sections */
    uint16_t rcode;
    /* offsets of the owners of denial records written (no duplicates) */
    size_t proof_off[ZONE_PROOFS_MAX];
    unsigned nproofs;
} zone_answer;

/* Add the records (owner, type) of the zone to a section (MAV_DNS_SEC_AN
 * or _NS); type MAV_DNS_TYPE_ANY adds all. With type RRSIG and covered
 * != 0 only the signatures of that type are added. as_owner (or NULL)
 * replaces the owner (wildcard synthesis, RFC 4592 §3.3.1); ttl_cap (or
 * UINT32_MAX) caps the TTL (RFC 2308 §3). Returns the number added, or
 * a negative MAV_ERR_* when the zone text failed to read. */
int mav_zone_emit(zone_answer *a, const uint8_t *owner, uint16_t type,
                  uint16_t covered, const uint8_t *as_owner,
                  uint32_t ttl_cap, unsigned section);

/* Scan every record of the zone (owner inside the apex, zone class),
 * calling fn on each; fn returns 0 to go on, 1 to stop. fn must not
 * scan. Returns MAV_OK or the reader's error. */
int mav_zone_scan(zone_answer *a,
                  int (*fn)(zone_answer *a, const mav_zone_rr *rr,
                            void *arg),
                  void *arg);

/* 1 if a denial record owned by name is already in the message. */
int mav_zone_proved(const zone_answer *a, const uint8_t *name);

/* ---- denial of existence (zone_denial.c) ---------------------------- */

/* The kinds of negative or synthesized answers that need proof. */
enum {
    ZONE_DENY_NXDOMAIN = 1, /* qname and the wildcard *.ce do not exist */
    ZONE_DENY_NODATA,       /* qname exists, no RRset of qtype */
    ZONE_DENY_WILDCARD,     /* answer synthesized from *.ce */
    ZONE_DENY_WILD_NODATA   /* *.ce matched but has no RRset of qtype */
};

/* Add to the authority section the NSEC or NSEC3 records (and their
 * RRSIGs) that prove the answer: RFC 4035 §3.1.3, RFC 5155 §7.2.
 * name is the name denied (after any CNAME), ce its closest encloser
 * (for NXDOMAIN and wildcard kinds). */
int mav_zone_deny(zone_answer *a, int kind, const uint8_t *name,
                  const uint8_t *ce);

#endif /* MAV_ZONE_INTERNAL_H */
