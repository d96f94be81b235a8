/* SPDX-License-Identifier: MIT */
/*
 * mav_dns.h - mav's DNS stub resolver: lookups over the port layer, with
 * retries, TCP for truncated answers, CNAME chains and a fixed-size cache.
 *
 * The resolver sends recursive queries (RD, CD and EDNS0 DO set, see
 * mav_dns_query_build) to up to MAV_CFG_DNS_SERVERS configured servers and
 * keeps everything in one caller-allocated mav_dns_ctx: no allocation, no
 * globals, no blocking (DESIGN.md, "The DNS client"). Several
 * verifications share one resolver; identical lookups in flight are sent
 * once and shared.
 *
 * Spoofing resistance (RFC 5452): a fresh random ID and a fresh random
 * source port for every query sent; a reply is accepted only from the
 * server and port it was sent to, on the endpoint it was sent from, with
 * the same ID and the same question (name compared case-insensitively).
 * Anything else is dropped, counted in mav_dns_stats, and the query keeps
 * waiting for the real answer.
 *
 * Call sequence:
 *   1. mav_dns_init(&r, &port); mav_dns_add_server(&r, &addr) once or more.
 *   2. mav_dns_lookup(&r, name, name_len, type, &h): MAV_OK when the
 *      cache answered at once, MAV_PENDING when a query is under way.
 *   3. While anything is pending: the port pushes what arrives with
 *      mav_dns_udp_input() / mav_dns_tcp_input(), and the caller calls
 *      mav_dns_poll() at least by the deadline it returned (retries,
 *      timeouts, starting queued lookups).
 *   4. mav_dns_get_result(&r, h, &res) once res.status is no longer
 *      MAV_DNS_PENDING; then mav_dns_answer_init()/mav_dns_answer_next()
 *      walk the answer RRset.
 *   5. mav_dns_release(&r, h): the answer's memory may be reused; a lookup
 *      still in flight is cancelled when nobody else shares it.
 * Answer data (the RR views and the RDATA they point to) stays valid and
 * unchanged from step 4 until step 5, even while other lookups run.
 *
 * The cache keeps whole responses (DNSSEC needs their authority section)
 * keyed by question, in a pool of MAV_CFG_DNS_CACHE_BYTES with LRU
 * eviction; positive answers live for the smallest TTL of the answer
 * section, negative ones per RFC 2308 §5 (the SOA's TTL capped by its
 * MINIMUM field), counted down on the port's monotonic clock.
 */
#ifndef MAV_DNS_H
#define MAV_DNS_H

#include <stddef.h>
#include <stdint.h>

#include "mav_config.h"
#include "mav_dns_wire.h"
#include "mav_dnssec.h"
#include "mav_err.h"
#include "mav_port.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The outcome of a lookup. */
typedef enum {
    MAV_DNS_PENDING = 0, /* not finished */
    MAV_DNS_ANSWER,      /* an RRset of the asked type (after CNAMEs) */
    MAV_DNS_NXDOMAIN,    /* the (final) name does not exist */
    MAV_DNS_NODATA,      /* the name exists, no RRset of that type */
    MAV_DNS_SERVFAIL,    /* every try got SERVFAIL, REFUSED or garbage */
    MAV_DNS_TIMEOUT,     /* no usable answer within the retry budget */
    MAV_DNS_FAILED       /* local limit: CNAME chain too long or looping,
                          * answer larger than the cache can hold, no
                          * server, or the port failed (see res.err) */
} mav_dns_status;

/* A lookup, as the caller holds it: slot and generation. 0 is never a
 * valid handle. */
typedef uint32_t mav_dns_handle;

/* What a finished lookup says. */
typedef struct {
    mav_dns_status status;
    mav_dnssec_verdict dnssec;
    mav_dnssec_reason dnssec_reason; /* why (bogus, insecure...) */
    int err;         /* MAV_ERR_* behind MAV_DNS_FAILED, else MAV_OK */
    uint16_t qtype;
    uint16_t rcode;  /* of the last response used */
    uint8_t cnames;  /* CNAME links followed */
    uint32_t ttl;    /* seconds the answer has left in the cache */
    uint8_t name[MAV_DNS_NAME_MAX]; /* final name, after the CNAMEs */
    uint16_t name_len;
} mav_dns_result;

/* Walks the RRs of the answer (owner = final name, type = asked type).
 * Fields are private. */
typedef struct {
    mav_dns_msg msg; /* the response they are in: read RDATA with
                      * mav_dns_rr_rdata(&it.msg, &rr, &rd) */
    mav_dns_iter it;
    uint16_t qtype;
    uint8_t name[MAV_DNS_NAME_MAX];
} mav_dns_answer;

/* Counters for operators and tests; they only grow. */
typedef struct {
    uint32_t lookups, cache_hits, shared;
    uint32_t sent_udp, sent_tcp, retries, truncated;
    uint32_t accepted;
    uint32_t drop_source, drop_id, drop_question, drop_malformed;
    uint32_t servfail, timeouts, evictions;
    /* DNSSEC: validations run, signature checks, key lookups issued */
    uint32_t validations, sig_checks, key_lookups;
} mav_dns_stats;

/* ---- private state, visible so the caller can allocate it --------- */

/* One UDP or TCP exchange with one server (a "transaction"). */
typedef struct {
    uint8_t state;    /* TXN_* in dns_resolver.c */
    uint8_t query;    /* index of the lookup it serves */
    uint8_t server;   /* index into servers[] */
    uint8_t tcp;      /* 1 when the exchange runs over TCP */
    uint16_t id;      /* DNS ID sent */
    uint16_t local_port;
    uint32_t deadline; /* now_ms value when this try times out */
    /* TCP reassembly: the answer grows in a pinned cache block */
    uint16_t tcp_len, tcp_got;
    uint8_t tcp_hdr[2];
    uint8_t tcp_hdr_got;
    int32_t tcp_block; /* cache offset, -1 when none */
} mav_dns_txn;

/* One lookup (name, type): what mav_dns_handle refers to. */
typedef struct {
    uint8_t state;  /* Q_* in dns_resolver.c */
    uint8_t refs;   /* holders of handles to it */
    uint8_t gen;    /* generation: stale handles are refused */
    uint8_t tries;  /* transactions started so far */
    uint8_t server; /* next server to try */
    uint8_t nfail;  /* servers that said SERVFAIL/REFUSED in a row */
    uint8_t npins;  /* cache entries of the CNAME chain, pinned */
    uint8_t raw;    /* an internal DS/DNSKEY lookup: not validated */
    uint16_t qtype;
    uint32_t started; /* now_ms at start, for the total budget */
    int32_t pins[MAV_CFG_DNS_CNAME_MAX + 1];
    struct { /* mav_dns_result without the names (those are qname/cur) */
        mav_dns_status status;
        mav_dnssec_verdict dnssec;
        mav_dnssec_reason reason;
        int err;
        uint16_t rcode;
        uint8_t cnames;
        uint32_t ttl;
    } res;
    uint8_t qname[MAV_DNS_NAME_MAX]; /* asked name, lowercase */
    uint16_t qname_len;
    uint8_t cur[MAV_DNS_NAME_MAX];   /* name being asked for now */
    uint16_t cur_len;
} mav_dns_query;

/* One thing a lookup's verdict depends on (dnssec_validate.c): an RRset
 * or a denial in one cached response. Fields are private. */
typedef struct {
    int kind;
    int32_t entry; /* cache entry of the response that holds it */
    mav_dns_msg m;
    uint8_t owner[MAV_DNS_NAME_MAX];
    uint16_t type;
    mav_dns_status status; /* ITEM_DENIAL: NXDOMAIN or NODATA */
} mav_dnssec_item;

/* One DNSSEC validation of one lookup (dnssec_validate.c). */
typedef struct {
    uint8_t state;   /* J_* */
    uint8_t query;   /* the lookup validated */
    uint8_t verdict; /* weakest so far, mav_dnssec_verdict */
    uint8_t reason;  /* mav_dnssec_reason of it */
    uint16_t item;   /* RRset (or denial) being checked */
    uint8_t step;    /* W_*: where the key walk is */
    uint8_t depth;   /* labels of the zone whose keys are in keys_e */
    uint8_t unsigned_item; /* the item has no RRSIG */
    uint8_t ds_steps;      /* DS lookups spent on this item */
    int32_t keys_e;  /* pinned cache entry: validated DNSKEYs, or -1 */
    int32_t ds_e;    /* pinned cache entry: validated DS RRset, or -1 */
    mav_dns_handle sub; /* DS/DNSKEY lookup waited for, 0 when none */
    int64_t now;     /* wall clock, read once per validation */
    mav_dnssec_budget budget;
    uint8_t target[MAV_DNS_NAME_MAX]; /* zone (or name) walked to */
} mav_dnssec_job;

typedef struct {
    struct mav_port port;
    mav_addr servers[MAV_CFG_DNS_SERVERS];
    uint8_t nservers;
    uint32_t lru_clock;
    mav_dns_txn txn[MAV_CFG_DNS_INFLIGHT];
    mav_dns_query q[MAV_CFG_DNS_QUERIES];
    mav_dns_stats stats;
#if MAV_CFG_DNSSEC
    /* DNSSEC: trust anchors (records, see dnssec_validate.c), jobs, and
     * the work area of one RRset check at a time */
    uint8_t validate; /* 1 when anchors are set */
    uint16_t anchors_len;
    uint8_t anchors[MAV_CFG_DNSSEC_ANCHOR_BYTES];
    mav_dnssec_job jobs[MAV_CFG_DNSSEC_JOBS];
    mav_dnssec_ctx vwork;
    mav_dnssec_item vitem; /* the item a job checks (one job runs at a
                            * time; off the stack the checks run on) */
    mav_dnssec_rdref vrrs[MAV_CFG_DNSSEC_RRSET_REFS];
    mav_dnssec_rdref vkeys[MAV_CFG_DNSSEC_RRSET_REFS];
    mav_dnssec_rdref vsigs[MAV_CFG_DNSSEC_MAX_SIGS_PER_RRSET];
#endif
    /* the cache: entries in a byte pool, see dns_cache.c */
    union {
        uint8_t bytes[MAV_CFG_DNS_CACHE_BYTES];
        uint32_t align;
    } pool;
} mav_dns_ctx;

/* ---- API ------------------------------------------------------------- */

/**
 * \brief  Set up a resolver. The port struct is copied; port->user must
 *         stay valid while r is used.
 * \return MAV_OK; MAV_ERR_ARG (NULL, a missing mandatory method, or a
 *         port->version this build does not know).
 */
int mav_dns_init(mav_dns_ctx *r, const struct mav_port *port);

/**
 * \brief  Add a recursive server; tried in the order added.
 * \return MAV_OK; MAV_ERR_SPACE (MAV_CFG_DNS_SERVERS already);
 *         MAV_ERR_ARG (family not 4 or 6, or port 0).
 */
int mav_dns_add_server(mav_dns_ctx *r, const mav_addr *server);

/**
 * \brief  Look up (name, type) in class IN.
 * \param  name, name_len  an uncompressed wire name (mav_dns_wire.h);
 *                         case does not matter.
 * \param  h       (out) the handle, to be released.
 * \return MAV_OK (answered from the cache: mav_dns_get_result works now);
 *         MAV_PENDING (under way, or queued for a free transaction, or
 *         answered from the cache but not yet validated: signature
 *         checks run in mav_dns_poll, never inside this call);
 *         MAV_ERR_SPACE (all MAV_CFG_DNS_QUERIES lookups held);
 *         MAV_ERR_ARG (bad name, NULL).
 */
int mav_dns_lookup(mav_dns_ctx *r, const uint8_t *name, size_t name_len,
                   uint16_t type, mav_dns_handle *h);

/**
 * \brief  Drive timeouts and retries, start queued lookups and run the
 *         DNSSEC validations due. Call it at the latest when the returned
 *         delay has passed, and after input.
 * \param  wait_ms  (out, may be NULL) milliseconds until the next
 *                  deadline (0: poll your lookups' owners, then call
 *                  again); UINT32_MAX when nothing is pending.
 * \return MAV_OK when nothing was pending, MAV_PENDING otherwise: also
 *         when lookups ended in this very call, so that a caller polls
 *         their owners before it concludes that nothing will come.
 */
int mav_dns_poll(mav_dns_ctx *r, uint32_t *wait_ms);

/**
 * \brief  A datagram arrived on the endpoint of transaction slot.
 *         The bytes are read during the call only.
 * \return MAV_OK (used or dropped, see stats); MAV_ERR_ARG.
 */
int mav_dns_udp_input(mav_dns_ctx *r, unsigned slot, const mav_addr *from,
                      const uint8_t *pkt, size_t len);

/**
 * \brief  A TCP event on the stream of transaction slot:
 *         MAV_PORT_TCP_CONNECTED, MAV_PORT_TCP_DATA (data, len: any split
 *         of the stream), MAV_PORT_TCP_CLOSED.
 * \return MAV_OK; MAV_ERR_ARG.
 */
int mav_dns_tcp_input(mav_dns_ctx *r, unsigned slot, int event,
                      const uint8_t *data, size_t len);

/**
 * \brief  The outcome of a lookup.
 * \return MAV_OK (res filled); MAV_PENDING (not finished, res.status is
 *         MAV_DNS_PENDING); MAV_ERR_ARG (stale or invalid handle).
 */
int mav_dns_get_result(mav_dns_ctx *r, mav_dns_handle h, mav_dns_result *res);

/**
 * \brief  Start walking the answer RRset of a finished lookup.
 * \return MAV_OK; MAV_ERR_STATE (not finished, or no answer);
 *         MAV_ERR_ARG.
 */
int mav_dns_answer_init(mav_dns_ctx *r, mav_dns_handle h, mav_dns_answer *a);

/**
 * \brief  The next RR of the answer.
 * \return 1 and rr filled; 0 at the end.
 */
int mav_dns_answer_next(mav_dns_answer *a, mav_dns_rr *rr);

/**
 * \brief  Give a handle back. Its answer memory may be reused after this;
 *         a lookup nobody holds any more is cancelled (its endpoint closed).
 */
void mav_dns_release(mav_dns_ctx *r, mav_dns_handle h);

/**
 * \brief  Replace the trust anchors (mav_dns_init installs the IANA root
 *         KSKs, see dnssec_validate.c). Each anchor is one DS or DNSKEY
 *         record in RDATA wire form; all must have the same owner (the
 *         anchor zone, normally the root). Call with n = 0 to turn DNSSEC
 *         validation off (answers stay MAV_DNSSEC_UNCHECKED).
 * \return MAV_OK; MAV_ERR_SPACE (MAV_CFG_DNSSEC_ANCHOR_BYTES);
 *         MAV_ERR_ARG (bad owner, type or RDATA, owners differ);
 *         MAV_ERR_UNSUPPORTED (built with MAV_CFG_DNSSEC 0).
 */
typedef struct {
    const uint8_t *owner; /* wire name */
    uint16_t type;        /* MAV_DNS_TYPE_DS or MAV_DNS_TYPE_DNSKEY */
    const uint8_t *rdata;
    uint16_t rdlen;
} mav_dns_anchor;

int mav_dns_set_trust_anchors(mav_dns_ctx *r, const mav_dns_anchor *a,
                              unsigned n);

/**
 * \brief  Add one trust anchor (same rules as mav_dns_set_trust_anchors);
 *         after mav_dns_set_trust_anchors(r, NULL, 0) this builds a new
 *         list. Turns validation on.
 * \return as mav_dns_set_trust_anchors.
 */
int mav_dns_add_trust_anchor(mav_dns_ctx *r, const mav_dns_anchor *a);

/** \brief The counters. */
const mav_dns_stats *mav_dns_get_stats(const mav_dns_ctx *r);

/** \brief Drop every cached answer that no handle pins. */
void mav_dns_cache_flush(mav_dns_ctx *r);

/** \brief A short name for a status, e.g. "NXDOMAIN". */
const char *mav_dns_status_str(mav_dns_status s);

/** \brief "secure", "insecure", "bogus", "indeterminate", "unchecked". */
const char *mav_dnssec_verdict_str(mav_dnssec_verdict v);

#ifdef __cplusplus
}
#endif

#endif /* MAV_DNS_H */
