/* SPDX-License-Identifier: MIT */
/*
 * mav_zone.h - the zone-file port: a struct mav_port that answers the
 * resolver's queries from RFC 1035 master files held in caller memory,
 * as an authoritative server of those zones would. It serves demos, the
 * offline `mav ... --zone` tool and tests; it needs no network, no file
 * system and no allocation, and compiles freestanding for a board.
 *
 * The master-file reader (zone_read.c, zone_rdata.c) implements RFC 1035
 * §5.1: $ORIGIN, $TTL (RFC 2308 §4), @, relative and absolute names, an
 * omitted owner (the previous one), omitted TTL and class, parentheses
 * across lines, ; comments, quoted strings with \X and \DDD escapes, and
 * the presentation formats of A, NS, CNAME, SOA, PTR, HINFO, MX, TXT,
 * AAAA, SRV, DNAME, DS, RRSIG, NSEC, DNSKEY, NSEC3 and NSEC3PARAM, plus
 * RFC 3597 §5 (TYPEnnn, CLASSnnn and `\# len hex`) for any type. TTLs
 * also take BIND's units (1h30m). $INCLUDE is refused (no files here).
 *
 * The server (zone_answer.c, zone_denial.c) answers like an authoritative
 * server (RFC 1034 §4.3.2): AA set, RD and CD echoed, EDNS0 OPT echoed
 * with DO (RFC 6891, RFC 3225); exact matches, CNAME chains followed
 * inside the zone, DNAME substitution (RFC 6672 §3.1), wildcards by the
 * closest-encloser rule (RFC 4592 §3.3), NXDOMAIN versus NODATA with
 * empty non-terminals existing (RFC 4592 §2.2.2), the SOA for negative
 * answers with TTL min(SOA TTL, MINIMUM) (RFC 2308 §3, RFC 9077 §3),
 * and with DO in a signed zone the RRSIGs of every RRset answered plus
 * the zone's NSEC (RFC 4035 §3.1.3) or NSEC3 (RFC 5155 §7.2) records that
 * prove a negative or wildcard answer. The answer for a name comes from
 * the zone with the longest origin above it (DS from the parent side of
 * a cut, RFC 4035 §3.1.4.1); NS records below an apex are plain data,
 * not referrals: a stub resolver talks to a recursive server, which
 * never shows it a referral, and a name below a cut is answered from
 * whichever zone text holds it. A name outside every zone gets REFUSED.
 *
 * Cost. Nothing is indexed: the zone text stays in the caller's buffer
 * and is scanned (parsed again) a few times per query, which suits the
 * small zones of a device demo or a test (a few hundred records). The
 * port's own state is this fixed struct: per resolver slot the query it
 * holds (MAV_CFG_ZONE_QUERY_MAX), and one response buffer
 * (MAV_CFG_DNS_MSG_MAX) in which each answer is built when it is pumped
 * (one buffer, not one per slot: answers are pushed as soon as they are
 * built). A query costs at most about 10 + 10 x MAV_CFG_ZONE_CHAIN_MAX
 * scans and about 4 KB of stack; a type bitmap is read once per window
 * it uses (no 8 KB bitmap buffer), so a hostile NSEC line costs at most
 * 256 passes over its own tokens. Nothing recurses.
 *
 * Network model. udp_send()/tcp_send() only keep the query; nothing calls
 * back into the resolver from a port method (mav_port.h). mav_zone_pump()
 * then answers every query held and pushes the answers into the resolver
 * with mav_dns_udp_input() / mav_dns_tcp_input(), from the server address
 * the resolver sent to. A UDP answer larger than the query's EDNS payload
 * (at most MAV_CFG_ZONE_UDP_MAX; 512 without EDNS) comes back with TC set
 * and an empty answer section, so the resolver retries over TCP: the
 * pump then reports CONNECTED and answers the framed query in full.
 * The port's clock is virtual: mav_zone_run() moves it to the resolver's
 * next deadline when nothing else can happen.
 *
 * Call sequence:
 *   1. mav_zone_init(&zp, seed); optionally zp.unix_time = <seconds>.
 *   2. mav_zone_add(&zp, text, len, origin_or_NULL, &perr) for each zone
 *      (text must stay unchanged while zp is used); on an error,
 *      mav_zone_line_col() turns perr.offset into a line and column.
 *   3. mav_dns_init(&r, &zp.port); mav_dns_add_server(&r, &any_addr);
 *      mav_zone_attach(&zp, &r).
 *   4. mav_dns_lookup(...), then mav_zone_run(&zp, budget_ms), or
 *      mav_zone_pump() + mav_dns_poll() from your own loop.
 * mav_zone_answer() is the server on its own: query bytes in, response
 * bytes out (tests, fuzzing, a board's own UDP server).
 */
#ifndef MAV_ZONE_H
#define MAV_ZONE_H

#include <stddef.h>
#include <stdint.h>

#include "mav_config.h"
#include "mav_cur.h"
#include "mav_dns.h"
#include "mav_dns_wire.h"
#include "mav_err.h"
#include "mav_port.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- limits (override in the MAV_CONFIG_FILE) ----------------------- */

/* Zones one port holds. The test world has 7; a device demo 1 or 2. */
#ifndef MAV_CFG_ZONE_MAX
#define MAV_CFG_ZONE_MAX 8
#endif

/*
 * Largest RDATA of one record, in bytes. An RSA-4096 DNSKEY is 520, its
 * RRSIG about 560; a 2048-bit DKIM key in TXT about 420. A record over
 * the limit is an error (MAV_ERR_LIMIT) when the zone is added. Range
 * 64..65535.
 */
#ifndef MAV_CFG_ZONE_RDATA_MAX
#define MAV_CFG_ZONE_RDATA_MAX 1024
#endif

/*
 * Bytes of a query the port keeps per resolver slot. mav's own queries
 * are at most 12 + 255 + 4 + 11 = 282 bytes (mav_dns_query_build);
 * a longer one is dropped, as if lost.
 */
#ifndef MAV_CFG_ZONE_QUERY_MAX
#define MAV_CFG_ZONE_QUERY_MAX 320
#endif

/*
 * CNAME/DNAME links the server follows inside one answer before it stops
 * (the client then asks for the rest itself). NSD and BIND stop at 8-16;
 * a loop stops earlier, when a name comes round again.
 */
#ifndef MAV_CFG_ZONE_CHAIN_MAX
#define MAV_CFG_ZONE_CHAIN_MAX 8
#endif

/*
 * Highest NSEC3 iteration count served: each denial costs about 3 x
 * (iterations + 1) SHA-1 blocks per query. RFC 9276 §3.1 asks for 0;
 * validators stop at 100-150 (RFC 9276 §3.2), so a zone above 150 is
 * refused when added (MAV_ERR_LIMIT): it would be a CPU lever.
 */
#ifndef MAV_CFG_ZONE_NSEC3_ITER_MAX
#define MAV_CFG_ZONE_NSEC3_ITER_MAX 150
#endif

/* UDP payload the server offers (RFC 6891 §6.2.5); the DNS flag day
 * 2020 size, as NSD and Unbound use. Range 512..MAV_CFG_DNS_MSG_MAX. */
#ifndef MAV_CFG_ZONE_UDP_MAX
#define MAV_CFG_ZONE_UDP_MAX 1232
#endif

#if MAV_CFG_ZONE_MAX < 1 || MAV_CFG_ZONE_MAX > 255
#error "MAV_CFG_ZONE_MAX out of range (1..255)"
#endif
#if MAV_CFG_ZONE_RDATA_MAX < 64 || MAV_CFG_ZONE_RDATA_MAX > 65535
#error "MAV_CFG_ZONE_RDATA_MAX out of range (64..65535)"
#endif
#if MAV_CFG_ZONE_QUERY_MAX < 300 || MAV_CFG_ZONE_QUERY_MAX > 65535
#error "MAV_CFG_ZONE_QUERY_MAX out of range (300..65535)"
#endif
#if MAV_CFG_ZONE_CHAIN_MAX < 1 || MAV_CFG_ZONE_CHAIN_MAX > 32
#error "MAV_CFG_ZONE_CHAIN_MAX out of range (1..32)"
#endif
#if MAV_CFG_ZONE_NSEC3_ITER_MAX > 2500
#error "MAV_CFG_ZONE_NSEC3_ITER_MAX over 2500 (RFC 5155 §10.3)"
#endif
#if MAV_CFG_ZONE_UDP_MAX < 512 || MAV_CFG_ZONE_UDP_MAX > MAV_CFG_DNS_MSG_MAX
#error "MAV_CFG_ZONE_UDP_MAX out of range (512..MAV_CFG_DNS_MSG_MAX)"
#endif

/* ---- the master-file reader (zone_read.c) ---------------------------- */

/* Reader state; fields are private. A struct copy saves a position. */
typedef struct {
    const char *text;
    size_t len, off;
    size_t paren_off; /* where the open "(" is */
    uint8_t paren;    /* inside ( ... ) */
    uint8_t eol;      /* the current entry has ended */
    uint8_t have_origin, have_owner, have_ttl, have_last_ttl;
    uint16_t last_class;
    uint32_t ttl, last_ttl; /* $TTL, and the last explicit TTL */
    uint8_t origin[MAV_DNS_NAME_MAX];
    uint8_t owner[MAV_DNS_NAME_MAX]; /* the previous owner */
} mav_zone_reader;

/* One record as read: owner uncompressed (case as written), RDATA in
 * uncompressed wire form. */
typedef struct {
    uint8_t owner[MAV_DNS_NAME_MAX];
    uint16_t owner_len;
    uint16_t type, rclass;
    uint32_t ttl;
    uint32_t off; /* offset of the entry in the text */
    uint16_t rdlen;
    uint8_t rdata[MAV_CFG_ZONE_RDATA_MAX];
} mav_zone_rr;

/**
 * \brief  Start reading text[0..len) from its beginning.
 * \param  origin  the initial $ORIGIN (a valid wire name), or NULL: then
 *                 relative names are errors until a $ORIGIN line.
 */
void mav_zone_reader_init(mav_zone_reader *rd, const char *text, size_t len,
                          const uint8_t *origin);

/**
 * \brief  Read the next record, handling directives on the way.
 * \param  err  (out, may be NULL) on an error: code, the byte offset of
 *              the offending token in the text, and what was wrong.
 * \return 1 with rr filled; 0 at the end of the text; MAV_ERR_FORMAT
 *         (syntax, bad value, unterminated quote or parenthesis, a meta
 *         type such as OPT or ANY); MAV_ERR_LIMIT (RDATA over
 *         MAV_CFG_ZONE_RDATA_MAX, TTL over 2^31-1, name over 255 bytes);
 *         MAV_ERR_UNSUPPORTED ($INCLUDE, a type with no presentation
 *         form here: write it as \#). After an error, stop reading.
 */
int mav_zone_read(mav_zone_reader *rd, mav_zone_rr *rr, mav_perr *err);

/** \brief 1-based line and column (in bytes) of offset in text. */
void mav_zone_line_col(const char *text, size_t len, size_t offset,
                       unsigned *line, unsigned *col);

/**
 * \brief  Replace the resolver's trust anchors with the DS and DNSKEY
 *         records of a master-file text (owner relative to the root).
 * \param  rd, rr  scratch for reading (caller memory: no allocation).
 * \return MAV_OK; MAV_ERR_FORMAT (a record of another type, no record,
 *         a syntax error: see err); MAV_ERR_SPACE; MAV_ERR_ARG (owners
 *         differ). On an error validation is left off.
 */
int mav_zone_trust_anchors(mav_dns_ctx *r, mav_zone_reader *rd,
                           mav_zone_rr *rr, const char *text, size_t len,
                           mav_perr *err);

/* ---- the port ------------------------------------------------------- */

/* One zone: its text, where reading starts, and what a scan learnt. */
typedef struct {
    const char *text;
    size_t len;
    uint8_t origin[MAV_DNS_NAME_MAX]; /* given origin (if has_origin) */
    uint8_t apex[MAV_DNS_NAME_MAX];   /* the SOA owner */
    uint8_t has_origin;
    uint8_t has_rrsig, has_nsec, has_nsec3, has_dname, has_wildcard;
    uint16_t rclass;          /* the SOA's class */
    uint16_t nsec3_iter;      /* NSEC3PARAM at the apex */
    uint8_t nsec3_alg, nsec3_salt_len;
    uint8_t nsec3_salt[255];
    uint32_t records;
} mav_zone;

/* Counters; they only grow. */
typedef struct {
    uint32_t udp_queries, tcp_queries, truncated;
    uint32_t refused, formerr, dropped, servfail;
} mav_zone_stats;

/* The port; fields are private except port, unix_time and stats. */
typedef struct {
    struct mav_port port; /* hand this to mav_dns_init */
    int64_t unix_time;    /* what port.unix_time reports; default
                           * MAV_PORT_TIME_UNKNOWN */
    mav_zone_stats stats;
    mav_dns_ctx *resolver;
    uint32_t now; /* the virtual monotonic clock, ms */
    uint32_t rng; /* xorshift32 state: IDs need no secrecy here */
    unsigned nzones;
    mav_zone zones[MAV_CFG_ZONE_MAX];
    struct {
        uint8_t udp_open, udp_ready; /* a datagram waits to be answered */
        uint8_t tcp;                 /* TCP_* in zone_port.c */
        uint16_t qlen;               /* bytes held in q */
        mav_addr server;
        uint8_t q[2 + MAV_CFG_ZONE_QUERY_MAX];
    } slot[MAV_CFG_DNS_INFLIGHT];
    /* scratch of the server: a scan's reader and record */
    mav_zone_reader rd;
    mav_zone_rr rr;
    uint8_t resp[2 + MAV_CFG_DNS_MSG_MAX]; /* TCP length + message */
} mav_zone_port;

/**
 * \brief  Set up the port with no zones. seed drives the port's random()
 *         (deterministic runs; the zone port never touches a network, so
 *         IDs and ports need no secrecy).
 */
void mav_zone_init(mav_zone_port *zp, uint32_t seed);

/**
 * \brief  Add a zone. The whole text is read once and checked: every
 *         record must parse, there must be exactly one SOA, and its
 *         owner is the apex; records outside the apex are ignored when
 *         answering. The text is borrowed: it must stay unchanged.
 * \param  origin  the initial origin, or NULL (the text's $ORIGIN lines
 *                 and absolute names must then say it).
 * \param  err     (out, may be NULL) where and why the text failed.
 * \return MAV_OK; MAV_ERR_FORMAT / MAV_ERR_LIMIT / MAV_ERR_UNSUPPORTED
 *         (as mav_zone_read; also: no SOA, or more than one, or an
 *         NSEC3PARAM over MAV_CFG_ZONE_NSEC3_ITER_MAX); MAV_ERR_SPACE
 *         (MAV_CFG_ZONE_MAX zones held); MAV_ERR_ARG.
 */
int mav_zone_add(mav_zone_port *zp, const char *text, size_t len,
                 const uint8_t *origin, mav_perr *err);

/** \brief Answers are pushed into this resolver. */
void mav_zone_attach(mav_zone_port *zp, mav_dns_ctx *r);

/**
 * \brief  Answer every query the port holds and push the answers (and
 *         TCP CONNECTED events) into the attached resolver.
 * \return the number of events pushed (0: nothing was waiting).
 */
unsigned mav_zone_pump(mav_zone_port *zp);

/**
 * \brief  mav_dns_poll and mav_zone_pump until the resolver is idle; when
 *         only timers are left, the virtual clock jumps to the deadline.
 * \return MAV_OK when idle; MAV_ERR_TIMEOUT when limit_ms of virtual
 *         time passed first; MAV_ERR_STATE with no resolver attached.
 */
int mav_zone_run(mav_zone_port *zp, uint32_t limit_ms);

/**
 * \brief  The server alone: the response to one query message.
 * \param  tcp   0: cut to the query's UDP payload size (TC set, answer
 *               dropped, when larger); 1: whole, up to cap.
 * \param  out, cap  the response (MAV_CFG_DNS_MSG_MAX is ample).
 * \return MAV_OK (a response in out: any RCODE); MAV_ERR_FORMAT (no
 *         response at all: shorter than a header, or QR set);
 *         MAV_ERR_SPACE (cap under 512); MAV_ERR_ARG.
 */
int mav_zone_answer(mav_zone_port *zp, const uint8_t *query, size_t qlen,
                    int tcp, uint8_t *out, size_t cap, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* MAV_ZONE_H */
