/* SPDX-License-Identifier: MIT */
/*
 * mav_verify.h - the whole verification of one message: SPF (RFC 7208),
 * every DKIM signature (RFC 6376) and DMARC (RFC 9989), over one shared
 * resolver, and the Authentication-Results field (RFC 8601) that sums
 * them up.
 *
 * Everything starts as early as it can, so a message costs its longest
 * chain of DNS round trips rather than their sum: SPF when the envelope
 * is given; each DKIM key lookup as soon as its DKIM-Signature field has
 * been read (mav_dkim.h); the first DMARC query (_dmarc.<author domain>)
 * as soon as the From field has been read, its answer kept in the
 * resolver's cache for the evaluation, which runs once SPF and DKIM are
 * known. The body is hashed as it streams past and never stored.
 *
 * Call sequence:
 *   1. mav_verify_init(&v, &resolver, now);
 *   2. mav_verify_envelope(&v, &env): client IP, HELO, MAIL FROM;
 *   3. mav_verify_feed(&v, bytes, n) for each chunk of the message, in
 *      SMTP's CRLF form; mav_verify_end(&v) after the last one;
 *   4. while mav_verify_poll(&v) returns MAV_PENDING, let the resolver
 *      work (port input, mav_dns_poll) and call it again;
 *   5. mav_verify_authres(&v, "mx.example.net", buf, cap, &len), and the
 *      getters for the details (mav_verify_spf/dkim/dmarc).
 * The context is large (SPF, DKIM with the header section, DMARC): give
 * it static storage or a pool, one per message in flight.
 *
 * The work budget. One message may issue at most MAV_CFG_VERIFY_MAX_QUERIES
 * DNS lookups over the three checks and run MAV_CFG_VERIFY_MAX_SIGCHECKS
 * DKIM signature verifications (mav_verify_set_budget changes both for one
 * message). The resolver is shared, so its statistics are not the
 * message's: the verifier counts what each check reports (SPF's lookups,
 * DKIM's key lookups and signature checks, DMARC's lookups, of which the
 * early _dmarc query is the first). Before each SPF and DKIM step
 * (envelope, feed, end, poll) what is left of the budget becomes their
 * cap (mav_spf_limit_queries, mav_dkim_set_limits), so they never issue
 * work over it: work that would pass it waits. After each step the
 * verifier checks: when some check waits for the budget, or a count has
 * passed it, every check still undecided is stopped (its abort function)
 * and reported temperror, reason "work budget exceeded"; the A-R says so
 * and mav_verify_work_get gives the counts. DMARC, which starts only
 * when the budget has a lookup left (or its first query was sent early),
 * is checked after each of its steps: its last step may pass the budget
 * by the lookups it issues together (its walks, at most 1 +
 * MAV_CFG_DMARC_IDENTIFIERS, or its 3 existence lookups); nothing is
 * issued after it. The resolver's DS/DNSKEY lookups for DNSSEC are its
 * own work, shared and cached across messages, and are not counted.
 *
 * Why temperror and not permerror: the budget is this receiver's limit,
 * not a fault in what the domain published (RFC 7208 §2.6.7 and RFC 8601
 * §2.7.1 keep permerror for records that cannot be interpreted; a larger
 * budget elsewhere would decide the message), and RFC 9989 §5.3.6 then
 * makes DMARC temperror too, so no policy is applied on a guess: the
 * caller defers (4xx) or accepts by its own policy, never rejects on a
 * DMARC fail it did not prove.
 */
#ifndef MAV_VERIFY_H
#define MAV_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dkim.h"
#include "mav_dmarc.h"
#include "mav_dns.h"
#include "mav_spf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The SMTP envelope (RFC 5321). Strings are copied. */
typedef struct {
    mav_addr client;       /* the SMTP client's address */
    const char *helo;      /* HELO/EHLO argument */
    const char *mail_from; /* reverse-path without <>; "" or NULL: null */
} mav_verify_envelope_in;

/* Why DMARC did not run on the message (RFC 9989 §5.3.1, §11.5). */
typedef enum {
    MAV_VERIFY_FROM_PENDING = 0, /* header not read yet */
    MAV_VERIFY_FROM_OK,          /* one From, one address: evaluated */
    MAV_VERIFY_FROM_NONE,        /* no From field */
    MAV_VERIFY_FROM_SEVERAL,     /* several From fields or addresses */
    MAV_VERIFY_FROM_BAD          /* unparseable, or lost (too long) */
} mav_verify_from;

/* Which checks the work budget stopped (mav_verify_work.stopped). */
#define MAV_VERIFY_STOPPED_SPF 0x01
#define MAV_VERIFY_STOPPED_DKIM 0x02
#define MAV_VERIFY_STOPPED_DMARC 0x04

/* The work one message has spent, and its budget. */
typedef struct {
    unsigned spf_queries;   /* SPF lookups issued (cache hits included) */
    unsigned dkim_queries;  /* DKIM key lookups issued */
    unsigned dmarc_queries; /* DMARC lookups, the early _dmarc included */
    unsigned queries;       /* their sum: what the budget counts */
    unsigned sigchecks;     /* DKIM signature verifications run */
    unsigned max_queries, max_sigchecks; /* the budget */
    uint8_t exceeded;       /* 1: the budget stopped the message */
    uint8_t stopped;        /* MAV_VERIFY_STOPPED_* */
} mav_verify_work;

typedef struct {
    mav_dns_ctx *dns;
    int64_t now;
    uint16_t max_queries, max_sigchecks; /* the work budget */
    uint8_t exceeded, stopped;           /* see mav_verify_work */
    uint8_t prefetch_issued;             /* the early _dmarc query */
    uint8_t state;      /* V_* in verify.c */
    uint8_t spf_state, dkim_state, dmarc_state, prefetch_state;
    mav_verify_from from;
    mav_dns_handle prefetch; /* _dmarc.<author> TXT, fetched early */
    char author[MAV_DMARC_NAME_TEXT];
    char spf_domain[MAV_DMARC_NAME_TEXT];
    uint8_t helo_identity; /* SPF checked the HELO (null reverse path) */
    mav_spf_ctx spf;
    mav_dkim_ctx dkim;
    mav_dmarc_ctx dmarc;
} mav_verify_ctx;

/** \brief Start one verification. \return MAV_OK; MAV_ERR_ARG. */
int mav_verify_init(mav_verify_ctx *v, mav_dns_ctx *dns, int64_t now);

/**
 * \brief  This message's work budget in place of the configured one
 *         (MAV_CFG_VERIFY_MAX_QUERIES, MAV_CFG_VERIFY_MAX_SIGCHECKS);
 *         call after mav_verify_init, before the envelope and the bytes.
 * \return MAV_OK; MAV_ERR_ARG (a limit 0 or over 65535); MAV_ERR_STATE
 *         (work has started).
 */
int mav_verify_set_budget(mav_verify_ctx *v, unsigned max_queries,
                          unsigned max_sigchecks);

/** \brief The work spent so far, the budget, and what it stopped. */
void mav_verify_work_get(const mav_verify_ctx *v, mav_verify_work *w);

/**
 * \brief  Give the envelope; SPF starts (MAIL FROM identity, or HELO when
 *         the reverse path is null, RFC 7208 §2.4).
 * \return MAV_OK; MAV_ERR_ARG (bad address family, strings too long);
 *         MAV_ERR_STATE (given twice).
 */
int mav_verify_envelope(mav_verify_ctx *v, const mav_verify_envelope_in *e);

/** \brief Message bytes, any chunking. \return bytes used (n). */
size_t mav_verify_feed(mav_verify_ctx *v, const uint8_t *p, size_t n);

/** \brief The message is complete. \return MAV_OK; MAV_ERR_STATE. */
int mav_verify_end(mav_verify_ctx *v);

/**
 * \brief  Advance every check; start DMARC once SPF and DKIM are known.
 * \return MAV_OK when all is decided; MAV_PENDING; MAV_ERR_STATE (the
 *         envelope or the end of the message is still missing).
 */
int mav_verify_poll(mav_verify_ctx *v);

/** \brief The parts, once decided. */
const mav_spf_outcome *mav_verify_spf(const mav_verify_ctx *v);
const mav_dkim_ctx *mav_verify_dkim(const mav_verify_ctx *v);
/**
 * \brief  Signature i as mav_dkim_get gives it, except that a signature
 *         the work budget stopped reads temperror, "work budget
 *         exceeded" (mav_dkim_get would say MAV_PENDING).
 * \return MAV_OK; MAV_ERR_ARG; MAV_PENDING (not decided yet).
 */
int mav_verify_dkim_get(const mav_verify_ctx *v, unsigned i,
                        mav_dkim_info *info);
/** \brief NULL when DMARC did not run (see mav_verify_from_state); a
 *  DMARC the work budget stopped reads temperror. */
const mav_dmarc_outcome *mav_verify_dmarc(const mav_verify_ctx *v);
mav_verify_from mav_verify_from_state(const mav_verify_ctx *v);

/**
 * \brief  The Authentication-Results field: spf (smtp.mailfrom or
 *         smtp.helo), one dkim per signature (header.d, header.s,
 *         header.a, header.b), dmarc (header.from, policy.dmarc and the
 *         disposition applied), each with its DNSSEC verdict in a
 *         comment; CRLF line ends, folded (mav_authres.h).
 * \return MAV_OK; MAV_ERR_SPACE (len says what was needed); MAV_ERR_STATE
 *         (not decided); MAV_ERR_ARG.
 */
int mav_verify_authres(const mav_verify_ctx *v, const char *authserv_id,
                       char *out, size_t cap, size_t *len);

/** \brief Give back every resolver handle held (a cancelled message). */
void mav_verify_abort(mav_verify_ctx *v);

#ifdef __cplusplus
}
#endif

#endif /* MAV_VERIFY_H */
