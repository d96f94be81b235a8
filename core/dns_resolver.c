/* SPDX-License-Identifier: MIT */
/*
 * dns_resolver.c - the stub resolver's lookups and transactions.
 *
 * A lookup (mav_dns_query) asks for (name, type); it follows CNAMEs
 * through the cache and starts a transaction (mav_dns_txn) whenever the
 * chain reaches a question the cache cannot answer. A transaction is one
 * exchange with one server: a UDP query from a fresh random port with a
 * fresh random ID (RFC 5452 §9.2), moved to TCP when the answer comes
 * back truncated (RFC 7766 §5), retried with doubling timeouts across the
 * servers. Accepted responses go into the cache under their question;
 * the lookup then reads its answer from there, so a shared cache entry
 * serves every verification on this resolver.
 *
 * Nothing here waits: every function does what the event allows and
 * returns; mav_dns_poll() handles time.
 */
#include <stddef.h>
#include <string.h>

#include "mav_internal.h"

enum { Q_FREE = 0, Q_QUEUED, Q_WAIT, Q_VALIDATE, Q_DONE };
enum { TXN_FREE = 0, TXN_UDP, TXN_TCP_CONNECTING, TXN_TCP_WAIT };

/* Largest query: header, question (255-byte name, type, class), OPT. */
#define QUERY_MAX (MAV_DNS_HDR_LEN + MAV_DNS_NAME_MAX + 4 + 11)

/* Source ports are drawn from 1024..65535 (RFC 6056 §2.1: avoid the
 * well-known range); a port the system refuses is redrawn this often. */
#define PORT_DRAWS 8

static uint32_t now_ms(mav_dns_ctx *r)
{
    return r->port.now_ms(r->port.user);
}

static void log_msg(mav_dns_ctx *r, int level, const char *msg)
{
    if (r->port.log)
        r->port.log(r->port.user, level, msg);
}

static unsigned query_index(const mav_dns_ctx *r, const mav_dns_query *q)
{
    return (unsigned)(q - r->q);
}

static mav_dns_handle handle_of(const mav_dns_ctx *r, const mav_dns_query *q)
{
    return ((mav_dns_handle)q->gen << 16) | (query_index(r, q) + 1u);
}

static mav_dns_query *query_of(mav_dns_ctx *r, mav_dns_handle h)
{
    unsigned i = (h & 0xffffu);
    mav_dns_query *q;

    if (i == 0 || i > MAV_CFG_DNS_QUERIES)
        return NULL;
    q = &r->q[i - 1];
    if (q->state == Q_FREE || q->gen != (uint8_t)(h >> 16))
        return NULL;
    return q;
}

/* see mav_dns.h */
int mav_dns_init(mav_dns_ctx *r, const struct mav_port *port)
{
    unsigned i;

    if (r == NULL || port == NULL || port->version < 1 ||
        port->version > MAV_PORT_VERSION || port->now_ms == NULL ||
        port->random == NULL || port->udp_open == NULL ||
        port->udp_send == NULL || port->udp_close == NULL ||
        port->tcp_open == NULL || port->tcp_send == NULL ||
        port->tcp_close == NULL)
        return MAV_ERR_ARG;
    memset(r, 0, sizeof *r);
    r->port = *port;
    for (i = 0; i < MAV_CFG_DNS_QUERIES; i++)
        r->q[i].gen = 1;
    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++)
        r->txn[i].tcp_block = -1;
    mav_cache_init(r);
    mav_validate_init(r);
    return MAV_OK;
}

/* see mav_dns.h */
int mav_dns_add_server(mav_dns_ctx *r, const mav_addr *server)
{
    if (r == NULL || server == NULL ||
        (server->family != 4 && server->family != 6) || server->port == 0)
        return MAV_ERR_ARG;
    if (r->nservers >= MAV_CFG_DNS_SERVERS)
        return MAV_ERR_SPACE;
    r->servers[r->nservers++] = *server;
    return MAV_OK;
}

/* ---- finishing a lookup ---------------------------------------------- */

static void finish(mav_dns_query *q, mav_dns_status st, int err)
{
    q->state = Q_DONE;
    q->res.status = st;
    q->res.err = err;
}

static void txn_close(mav_dns_ctx *r, unsigned slot)
{
    mav_dns_txn *t = &r->txn[slot];

    if (t->state == TXN_UDP)
        r->port.udp_close(r->port.user, slot);
    else if (t->state == TXN_TCP_CONNECTING || t->state == TXN_TCP_WAIT)
        r->port.tcp_close(r->port.user, slot);
    if (t->tcp_block >= 0)
        mav_cache_unpin(r, t->tcp_block); /* frees the incomplete entry */
    memset(t, 0, sizeof *t);
    t->tcp_block = -1;
}

/* The transaction serving q, or -1. */
static int txn_of(const mav_dns_ctx *r, const mav_dns_query *q)
{
    unsigned i;

    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++)
        if (r->txn[i].state != TXN_FREE &&
            r->txn[i].query == query_index(r, q))
            return (int)i;
    return -1;
}

/* ---- walking the chain through the cache ----------------------------- */

enum { CHAIN_DONE, CHAIN_NEED_QUERY };

static int pin_add(mav_dns_ctx *r, mav_dns_query *q, int32_t e)
{
    if (q->npins >= MAV_CFG_DNS_CNAME_MAX + 1)
        return -1;
    mav_cache_pin(r, e);
    q->pins[q->npins++] = e;
    return 0;
}

/* see mav_internal.h */
int mav_dns_answer_has(const mav_dns_msg *m, const uint8_t *owner,
                       uint16_t type, uint8_t *target, uint16_t *target_len)
{
    mav_dns_iter it;
    mav_dns_rr rr;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_AN);
    while (mav_dns_iter_find(&it, &rr, owner, type) > 0) {
        if (rr.rclass != MAV_DNS_CLASS_IN)
            continue;
        if (target != NULL) {
            /* the RDATA of a CNAME, NS, PTR or DNAME is one name that
             * fills it: read straight into target (no RDATA view on
             * this stack, which the validator's paths share) */
            mav_cur c;
            size_t n;
            mav_cur_init(&c, m->p, m->len);
            c.off = rr.rdata;
            if (mav_dns_name_get(&c, 1, target, &n, NULL) != MAV_OK ||
                c.off != rr.rdata + rr.rdlen)
                return 0;
            *target_len = (uint16_t)n;
        }
        return 1;
    }
    return 0;
}

/* Not inlined: its RR view stays off walk_chain's frame, which lies
 * under every lookup. */
static MAV_NOINLINE int authority_has_soa(const mav_dns_msg *m)
{
    mav_dns_iter it;
    mav_dns_rr rr;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_NS);
    while (mav_dns_iter_next(&it, &rr) > 0)
        if (rr.type == MAV_DNS_TYPE_SOA)
            return 1;
    return 0;
}

/*
 * Follow q->cur through cached responses: an RRset of the asked type ends
 * the lookup, a CNAME moves q->cur on (RFC 1034 §3.6.2, §4.3.2 step 3a),
 * a negative answer ends it, and a chain that stops at an alias without
 * a negative proof (a server that did not chase it) needs a new query.
 */
static int walk_chain(mav_dns_ctx *r, mav_dns_query *q, uint32_t now,
                      int32_t fresh)
{
    for (;;) {
        /* A response just accepted is used even with a TTL of 0. */
        int32_t e = fresh >= 0 ? fresh
                               : mav_cache_find(r, q->cur, q->cur_len,
                                                q->qtype, now);
        uint32_t ttl_ms;
        mav_dns_msg m;
        int moved = 0;

        fresh = -1;
        if (e < 0)
            return CHAIN_NEED_QUERY;
        if (pin_add(r, q, e) != 0) {
            finish(q, MAV_DNS_FAILED, MAV_ERR_LIMIT);
            return CHAIN_DONE;
        }
        if (mav_cache_view(r, e, &m) != MAV_OK) {
            finish(q, MAV_DNS_FAILED, MAV_ERR_FORMAT); /* cannot happen */
            return CHAIN_DONE;
        }
        ttl_ms = mav_cache_ttl_ms(r, e, now);
        if (q->npins == 1 || ttl_ms / 1000u < q->res.ttl)
            q->res.ttl = ttl_ms / 1000u;
        q->res.rcode = m.rcode;
        q->res.dnssec = mav_cache_dnssec(r, e);
        for (;;) {
            if (mav_dns_answer_has(&m, q->cur, q->qtype, NULL, NULL)) {
                finish(q, MAV_DNS_ANSWER, MAV_OK);
                return CHAIN_DONE;
            }
            if (q->qtype == MAV_DNS_TYPE_CNAME ||
                !mav_dns_answer_has(&m, q->cur, MAV_DNS_TYPE_CNAME, NULL,
                                    NULL))
                break;
            /* the alias's target becomes the name asked for now, read
             * straight into q->cur (the owner is compared before the
             * target is written) */
            if (q->res.cnames >= MAV_CFG_DNS_CNAME_MAX ||
                !mav_dns_answer_has(&m, q->cur, MAV_DNS_TYPE_CNAME, q->cur,
                                    &q->cur_len) ||
                mav_dns_name_eq(q->cur, q->qname)) {
                log_msg(r, MAV_LOG_WARN, "dns: CNAME loop or chain too long");
                finish(q, MAV_DNS_FAILED, MAV_ERR_LIMIT);
                return CHAIN_DONE;
            }
            q->res.cnames++;
            mav_dns_name_lower(q->cur);
            moved = 1;
        }
        /* RFC 6604 §3: the RCODE speaks of the last name of the chain. */
        if (m.rcode == MAV_DNS_RCODE_NXDOMAIN) {
            finish(q, MAV_DNS_NXDOMAIN, MAV_OK);
            return CHAIN_DONE;
        }
        if (!moved || authority_has_soa(&m)) {
            finish(q, MAV_DNS_NODATA, MAV_OK);
            return CHAIN_DONE;
        }
        /* Moved to an alias the server did not follow: ask for it. */
    }
}

/* ---- transactions ------------------------------------------------------ */

static int draw16(mav_dns_ctx *r, uint16_t *v)
{
    uint8_t b[2];

    if (r->port.random(r->port.user, b, sizeof b) != 0)
        return MAV_ERR_STATE;
    *v = (uint16_t)(b[0] << 8 | b[1]);
    return MAV_OK;
}

static uint32_t try_timeout(unsigned tries)
{
    unsigned shift = tries > 3 ? 3 : tries;

    return (uint32_t)MAV_CFG_DNS_TIMEOUT_MS << shift;
}

static int build_query(const mav_dns_query *q, uint16_t id, uint8_t *buf,
                       size_t cap, size_t *len)
{
    return mav_dns_query_build(buf, cap, id, q->cur, q->cur_len, q->qtype,
                               MAV_DNS_CLASS_IN, len);
}

/* Start one UDP try of q in a free slot; returns MAV_OK, MAV_PENDING (no
 * slot free: stays queued) or an error that ended the lookup. */
static int txn_start(mav_dns_ctx *r, mav_dns_query *q, uint32_t now)
{
    uint8_t pkt[QUERY_MAX];
    size_t len;
    unsigned slot, draw;
    mav_dns_txn *t;
    int rc = MAV_ERR_STATE;

    for (slot = 0; slot < MAV_CFG_DNS_INFLIGHT; slot++)
        if (r->txn[slot].state == TXN_FREE)
            break;
    if (slot == MAV_CFG_DNS_INFLIGHT) {
        q->state = Q_QUEUED;
        return MAV_PENDING;
    }
    if (r->nservers == 0) {
        finish(q, MAV_DNS_FAILED, MAV_ERR_STATE);
        return MAV_ERR_STATE;
    }
    t = &r->txn[slot];
    t->query = (uint8_t)query_index(r, q);
    t->server = (uint8_t)(q->server % r->nservers);
    t->tcp_block = -1;
    for (draw = 0; draw < PORT_DRAWS; draw++) {
        uint16_t port;
        if ((rc = draw16(r, &t->id)) != MAV_OK ||
            (rc = draw16(r, &port)) != MAV_OK)
            break;
        t->local_port = (uint16_t)(1024u + port % (65536u - 1024u));
        rc = r->port.udp_open(r->port.user, slot, &r->servers[t->server],
                              t->local_port);
        if (rc != MAV_ERR_BUSY)
            break;
    }
    if (rc == MAV_OK)
        rc = build_query(q, t->id, pkt, sizeof pkt, &len);
    if (rc == MAV_OK) {
        t->state = TXN_UDP;
        rc = r->port.udp_send(r->port.user, slot, pkt, len);
    }
    if (rc != MAV_OK) {
        txn_close(r, slot);
        finish(q, MAV_DNS_FAILED, rc);
        return rc;
    }
    t->deadline = now + try_timeout(q->tries);
    q->tries++;
    q->state = Q_WAIT;
    r->stats.sent_udp++;
    return MAV_OK;
}

/* Resolve what the cache allows, then ask the network for the rest. */
static void advance(mav_dns_ctx *r, mav_dns_query *q, uint32_t now,
                    int32_t fresh)
{
    if (walk_chain(r, q, now, fresh) == CHAIN_DONE) {
        if (!mav_validate_begin(r, q))
            mav_validate_pump(r); /* here on the main loop's stack */
        return;
    }
    q->tries = 0;
    q->nfail = 0;
    (void)txn_start(r, q, now);
}

/* The current try failed (timeout, SERVFAIL, broken TCP): next server,
 * or give up when the budget is spent. */
static void try_next(mav_dns_ctx *r, unsigned slot, mav_dns_status give_up,
                     uint32_t now)
{
    mav_dns_query *q = &r->q[r->txn[slot].query];

    txn_close(r, slot);
    q->server++;
    if (q->tries >= MAV_CFG_DNS_TRIES ||
        (give_up == MAV_DNS_SERVFAIL && q->nfail >= MAV_CFG_DNS_TRIES)) {
        finish(q, give_up, give_up == MAV_DNS_TIMEOUT ? MAV_ERR_TIMEOUT
                                                      : MAV_OK);
        if (give_up == MAV_DNS_TIMEOUT)
            r->stats.timeouts++;
        else
            r->stats.servfail++;
        return;
    }
    r->stats.retries++;
    (void)txn_start(r, q, now);
}

/* TTL of an accepted response, RFC 2308 §5 for negative ones; 0 means
 * "do not keep" (the asking lookup still reads it while pinned). */
static uint32_t response_ttl(const mav_dns_msg *m)
{
    mav_dns_iter it;
    mav_dns_rr rr;
    mav_dns_rdata rd;
    uint32_t ttl = UINT32_MAX;
    int any = 0;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_AN);
    while (mav_dns_iter_next(&it, &rr) > 0) {
        if (rr.ttl < ttl)
            ttl = rr.ttl;
        any = 1;
    }
    /* An SOA in the authority section marks a negative answer (possibly
     * at the end of a CNAME chain): it lives min(SOA TTL, MINIMUM). */
    mav_dns_iter_init(&it, m, MAV_DNS_SEC_NS);
    while (mav_dns_iter_next(&it, &rr) > 0) {
        uint32_t neg;
        if (rr.type != MAV_DNS_TYPE_SOA ||
            mav_dns_rr_rdata(m, &rr, &rd) != MAV_OK)
            continue;
        neg = rr.ttl < rd.u.soa.minimum ? rr.ttl : rd.u.soa.minimum;
        if (neg < ttl)
            ttl = neg;
        any = 1;
        break;
    }
    /* RFC 2308 §5: a negative answer without SOA is not cached. */
    if (!any || (m->count[MAV_DNS_SEC_AN] == 0 && ttl == UINT32_MAX))
        return 0;
    return ttl;
}

/* A complete response for transaction slot, already matched against the
 * question; held in the pinned incomplete cache entry e. */
static void accept_response(mav_dns_ctx *r, unsigned slot, int32_t e,
                            const mav_dns_msg *m, uint32_t now)
{
    mav_dns_query *q = &r->q[r->txn[slot].query];

    switch (m->rcode) {
    case MAV_DNS_RCODE_NOERROR:
    case MAV_DNS_RCODE_NXDOMAIN:
        break;
    default: /* SERVFAIL, REFUSED, NOTIMP, FORMERR...: next server */
        mav_cache_unpin(r, e);
        if (r->txn[slot].tcp_block == e)
            r->txn[slot].tcp_block = -1;
        q->nfail++;
        try_next(r, slot, MAV_DNS_SERVFAIL, now);
        return;
    }
    r->stats.accepted++;
    mav_cache_set_view(r, e, m); /* checked once, here */
    mav_cache_commit(r, e, response_ttl(m), now);
    if (r->txn[slot].tcp_block == e)
        r->txn[slot].tcp_block = -1;
    txn_close(r, slot);
    /* The lookup's chain walk pins the entry itself; drop ours after it,
     * so a 0-TTL entry survives until the walk has pinned it. */
    q->state = Q_WAIT;
    advance(r, q, now, e);
    mav_cache_unpin(r, e);
}

/* Is this the answer to the question q asks now? RFC 5452 §9.1. */
static int question_matches(const mav_dns_query *q, const mav_dns_msg *m)
{
    uint8_t name[MAV_DNS_NAME_MAX];
    size_t name_len;
    uint16_t qtype, qclass;

    if (m->count[0] != 1 ||
        mav_dns_msg_question(m, name, &name_len, &qtype, &qclass) != MAV_OK)
        return 0;
    return qtype == q->qtype && qclass == MAV_DNS_CLASS_IN &&
           name_len == q->cur_len && mav_dns_name_eq(name, q->cur);
}

static int same_addr(const mav_addr *a, const mav_addr *b)
{
    size_t n = a->family == 4 ? 4 : 16;

    return a->family == b->family && a->port == b->port &&
           memcmp(a->addr, b->addr, n) == 0;
}

/* Common checks of a response; returns 1 when it is ours. */
static int response_is_ours(mav_dns_ctx *r, const mav_dns_txn *t,
                            const mav_dns_query *q, const mav_dns_msg *m)
{
    if (m->id != t->id) {
        r->stats.drop_id++;
        return 0;
    }
    if (!(m->flags & MAV_DNS_FLAG_QR) || (m->flags & MAV_DNS_OPCODE_MASK) ||
        !question_matches(q, m)) {
        r->stats.drop_question++;
        return 0;
    }
    return 1;
}

static int udp_input(mav_dns_ctx *r, unsigned slot, const mav_addr *from,
                     const uint8_t *pkt, size_t len)
{
    mav_dns_txn *t;
    mav_dns_query *q;
    mav_dns_msg m;
    uint32_t now;
    int32_t e;

    if (r == NULL || from == NULL || (pkt == NULL && len) ||
        slot >= MAV_CFG_DNS_INFLIGHT)
        return MAV_ERR_ARG;
    t = &r->txn[slot];
    if (t->state != TXN_UDP)
        return MAV_OK; /* late answer to a closed try: ignore */
    q = &r->q[t->query];
    if (!same_addr(from, &r->servers[t->server])) {
        r->stats.drop_source++;
        return MAV_OK;
    }
    /* Cheap ID check before parsing: most spoofs stop here. */
    if (len < MAV_DNS_HDR_LEN || (uint16_t)(pkt[0] << 8 | pkt[1]) != t->id) {
        r->stats.drop_id++;
        return MAV_OK;
    }
    if (mav_dns_msg_parse(&m, pkt, len, NULL) != MAV_OK) {
        r->stats.drop_malformed++;
        return MAV_OK;
    }
    if (!response_is_ours(r, t, q, &m))
        return MAV_OK;
    now = now_ms(r);
    if (m.flags & MAV_DNS_FLAG_TC) {
        /* RFC 7766 §5: retry the same question over TCP. */
        int rc;
        r->stats.truncated++;
        r->port.udp_close(r->port.user, slot);
        t->state = TXN_FREE;
        rc = r->port.tcp_open(r->port.user, slot, &r->servers[t->server]);
        if (rc != MAV_OK) {
            t->state = TXN_FREE;
            try_next(r, slot, MAV_DNS_SERVFAIL, now);
            return MAV_OK;
        }
        t->state = TXN_TCP_CONNECTING;
        t->tcp = 1;
        t->deadline = now + try_timeout(q->tries);
        return MAV_OK;
    }
    e = mav_cache_reserve(r, q->cur, q->cur_len, q->qtype, len);
    if (e < 0) {
        txn_close(r, slot);
        finish(q, MAV_DNS_FAILED, MAV_ERR_SPACE);
        return MAV_OK;
    }
    memcpy(mav_cache_msg(r, e, NULL), pkt, len);
    /* Re-parse in place: the view must point into the cached copy. */
    (void)mav_dns_msg_parse(&m, mav_cache_msg(r, e, NULL), len, NULL);
    accept_response(r, slot, e, &m, now);
    return MAV_OK;
}

/* TCP: the connection is up, send the length-prefixed query. */
static void tcp_connected(mav_dns_ctx *r, unsigned slot, uint32_t now)
{
    mav_dns_txn *t = &r->txn[slot];
    mav_dns_query *q = &r->q[t->query];
    uint8_t pkt[2 + QUERY_MAX];
    size_t len;

    if (build_query(q, t->id, pkt + 2, sizeof pkt - 2, &len) != MAV_OK ||
        (pkt[0] = (uint8_t)(len >> 8), pkt[1] = (uint8_t)len,
         r->port.tcp_send(r->port.user, slot, pkt, len + 2) != MAV_OK)) {
        try_next(r, slot, MAV_DNS_SERVFAIL, now);
        return;
    }
    t->state = TXN_TCP_WAIT;
    r->stats.sent_tcp++;
}

/* TCP: bytes of the length-prefixed answer, in any split (RFC 1035
 * §4.2.2). The answer is assembled straight into a cache entry. */
static void tcp_data(mav_dns_ctx *r, unsigned slot, const uint8_t *data,
                     size_t len, uint32_t now)
{
    mav_dns_txn *t = &r->txn[slot];
    mav_dns_query *q = &r->q[t->query];

    while (len > 0 && t->state == TXN_TCP_WAIT) {
        if (t->tcp_hdr_got < 2) {
            t->tcp_hdr[t->tcp_hdr_got++] = *data++;
            len--;
            if (t->tcp_hdr_got < 2)
                continue;
            t->tcp_len = (uint16_t)(t->tcp_hdr[0] << 8 | t->tcp_hdr[1]);
            if (t->tcp_len < MAV_DNS_HDR_LEN ||
                t->tcp_len > MAV_CFG_DNS_MSG_MAX) {
                r->stats.drop_malformed++;
                try_next(r, slot, MAV_DNS_SERVFAIL, now);
                return;
            }
            t->tcp_block = mav_cache_reserve(r, q->cur, q->cur_len, q->qtype,
                                             t->tcp_len);
            if (t->tcp_block < 0) {
                txn_close(r, slot);
                finish(q, MAV_DNS_FAILED, MAV_ERR_SPACE);
                return;
            }
            continue;
        }
        {
            size_t want = (size_t)(t->tcp_len - t->tcp_got);
            size_t n = len < want ? len : want;
            memcpy(mav_cache_msg(r, t->tcp_block, NULL) + t->tcp_got, data,
                   n);
            t->tcp_got = (uint16_t)(t->tcp_got + n);
            data += n;
            len -= n;
        }
        if (t->tcp_got == t->tcp_len) {
            int32_t e = t->tcp_block;
            mav_dns_msg m;
            if (mav_dns_msg_parse(&m, mav_cache_msg(r, e, NULL), t->tcp_len,
                                  NULL) != MAV_OK) {
                r->stats.drop_malformed++;
                try_next(r, slot, MAV_DNS_SERVFAIL, now);
                return;
            }
            if (!response_is_ours(r, t, q, &m)) {
                try_next(r, slot, MAV_DNS_SERVFAIL, now);
                return;
            }
            accept_response(r, slot, e, &m, now);
            return;
        }
    }
}

static int tcp_input(mav_dns_ctx *r, unsigned slot, int event,
                     const uint8_t *data, size_t len)
{
    mav_dns_txn *t;
    uint32_t now;

    if (r == NULL || slot >= MAV_CFG_DNS_INFLIGHT || (data == NULL && len))
        return MAV_ERR_ARG;
    t = &r->txn[slot];
    if (t->state != TXN_TCP_CONNECTING && t->state != TXN_TCP_WAIT)
        return MAV_OK;
    now = now_ms(r);
    switch (event) {
    case MAV_PORT_TCP_CONNECTED:
        if (t->state == TXN_TCP_CONNECTING)
            tcp_connected(r, slot, now);
        break;
    case MAV_PORT_TCP_DATA:
        tcp_data(r, slot, data, len, now);
        break;
    case MAV_PORT_TCP_CLOSED:
        try_next(r, slot, MAV_DNS_SERVFAIL, now);
        break;
    default:
        return MAV_ERR_ARG;
    }
    return MAV_OK;
}

/* see mav_dns.h */
int mav_dns_udp_input(mav_dns_ctx *r, unsigned slot, const mav_addr *from,
                      const uint8_t *pkt, size_t len)
{
    int rc = udp_input(r, slot, from, pkt, len);

    if (rc == MAV_OK)
        mav_validate_pump(r); /* an answer may let a validation go on */
    return rc;
}

/* see mav_dns.h */
int mav_dns_tcp_input(mav_dns_ctx *r, unsigned slot, int event,
                      const uint8_t *data, size_t len)
{
    int rc = tcp_input(r, slot, event, data, len);

    if (rc == MAV_OK)
        mav_validate_pump(r);
    return rc;
}

/* ---- lookups --------------------------------------------------------- */

/* Lookups user calls may hold: the rest is kept for the validator's
 * DS/DNSKEY lookups, so validations can always make progress. */
#if MAV_CFG_DNSSEC
#define USER_QUERIES (MAV_CFG_DNS_QUERIES - MAV_CFG_DNSSEC_JOBS)
#else
#define USER_QUERIES MAV_CFG_DNS_QUERIES
#endif

static int lookup(mav_dns_ctx *r, const uint8_t *name, size_t name_len,
                  uint16_t type, int raw, mav_dns_handle *h)
{
    mav_dns_query *q = NULL;
    uint8_t lower[MAV_DNS_NAME_MAX];
    unsigned i, held = 0;

    if (r == NULL || name == NULL || h == NULL || name_len == 0 ||
        name_len > MAV_DNS_NAME_MAX ||
        mav_dns_name_check(name, name_len) != MAV_OK)
        return MAV_ERR_ARG;
    memcpy(lower, name, name_len);
    mav_dns_name_lower(lower);
    r->stats.lookups++;
    /* The same question already in flight: share it. */
    for (i = 0; i < MAV_CFG_DNS_QUERIES; i++) {
        mav_dns_query *o = &r->q[i];
        if (o->state != Q_FREE && !o->raw)
            held++;
        if ((o->state == Q_QUEUED || o->state == Q_WAIT ||
             o->state == Q_VALIDATE) &&
            o->raw == raw && o->qtype == type && o->qname_len == name_len &&
            memcmp(o->qname, lower, name_len) == 0 && o->refs < 255) {
            o->refs++;
            r->stats.shared++;
            *h = handle_of(r, o);
            return MAV_PENDING;
        }
    }
    if (!raw && held >= USER_QUERIES)
        return MAV_ERR_SPACE;
    for (i = 0; i < MAV_CFG_DNS_QUERIES; i++)
        if (r->q[i].state == Q_FREE) {
            q = &r->q[i];
            break;
        }
    if (q == NULL)
        return MAV_ERR_SPACE;
    {
        /* the state before the names: they are written (with their
         * lengths) just below, and clearing 510 bytes per cache hit
         * showed in the profile */
        uint8_t gen = q->gen;
        memset(q, 0, offsetof(mav_dns_query, qname));
        q->gen = gen;
    }
    q->refs = 1;
    q->raw = (uint8_t)raw;
    q->qtype = type;
    memcpy(q->qname, lower, name_len);
    q->qname_len = (uint16_t)name_len;
    memcpy(q->cur, lower, name_len);
    q->cur_len = (uint16_t)name_len;
    q->state = Q_WAIT;
    q->started = now_ms(r);
    *h = handle_of(r, q);
    if (walk_chain(r, q, q->started, -1) == CHAIN_DONE) {
        r->stats.cache_hits++;
        /* a validator's own lookup (raw) needs none; a caller's waits
         * for mav_dns_poll, so that signature checks never run on the
         * stack of the protocol code that asked */
        (void)mav_validate_begin(r, q);
    } else {
        (void)txn_start(r, q, q->started);
    }
    return q->state == Q_DONE ? MAV_OK : MAV_PENDING;
}

/* see mav_internal.h */
int mav_dns_lookup_raw(mav_dns_ctx *r, const uint8_t *name, size_t name_len,
                       uint16_t type, mav_dns_handle *h)
{
    return lookup(r, name, name_len, type, 1, h);
}

/* see mav_dns.h */
int mav_dns_lookup(mav_dns_ctx *r, const uint8_t *name, size_t name_len,
                   uint16_t type, mav_dns_handle *h)
{
    int rc = lookup(r, name, name_len, type, 0, h);

    if (rc == MAV_PENDING) {
        /* a cache hit may have started a validation that the cache can
         * also finish */
        mav_dns_query *q = query_of(r, *h);
        if (q != NULL && q->state == Q_DONE)
            rc = MAV_OK;
    }
    return rc;
}

/* see mav_internal.h */
int32_t mav_dns_query_last_entry(mav_dns_ctx *r, mav_dns_handle h)
{
    mav_dns_query *q = query_of(r, h);

    if (q == NULL || q->npins == 0)
        return -1;
    return q->pins[q->npins - 1];
}

/* see mav_internal.h */
int mav_dns_query_outcome(mav_dns_ctx *r, mav_dns_handle h,
                          mav_dns_outcome *out)
{
    mav_dns_query *q = query_of(r, h);

    if (q == NULL)
        return MAV_ERR_ARG;
    if (q->state != Q_DONE)
        return MAV_PENDING;
    out->status = q->res.status;
    out->dnssec = q->res.dnssec;
    out->err = q->res.err;
    return MAV_OK;
}

/* see mav_internal.h */
mav_dns_status mav_dns_query_status(mav_dns_ctx *r, mav_dns_handle h)
{
    mav_dns_query *q = query_of(r, h);

    if (q == NULL)
        return MAV_DNS_FAILED;
    return q->state == Q_DONE ? q->res.status : MAV_DNS_PENDING;
}

/* see mav_internal.h */
void mav_dns_query_await_validation(mav_dns_ctx *r, mav_dns_query *q)
{
    (void)r;
    q->state = Q_VALIDATE;
}

/* see mav_internal.h */
int mav_dns_query_awaits_validation(const mav_dns_query *q)
{
    return q->state == Q_VALIDATE;
}

/* see mav_internal.h */
void mav_dns_query_validated(mav_dns_ctx *r, mav_dns_query *q)
{
    (void)r;
    q->state = Q_DONE;
}

/* see mav_dns.h */
int mav_dns_poll(mav_dns_ctx *r, uint32_t *wait_ms)
{
    uint32_t now, wait = UINT32_MAX;
    unsigned i;
    int pending = 0, finished = 0;

    if (r == NULL)
        return MAV_ERR_ARG;
    now = now_ms(r);
    /* lookups that end in this call (a validation left to it by
     * mav_dns_lookup, most often) count as pending once more: their
     * owners have something to read, so the caller polls them before
     * it takes an idle resolver for "nothing will come" */
    for (i = 0; i < MAV_CFG_DNS_QUERIES; i++)
        if (r->q[i].state == Q_VALIDATE || r->q[i].state == Q_QUEUED)
            finished = 1;
    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++) {
        mav_dns_txn *t = &r->txn[i];
        if (t->state != TXN_FREE && mav_ms_reached(now, t->deadline))
            try_next(r, i, MAV_DNS_TIMEOUT, now);
    }
    for (i = 0; i < MAV_CFG_DNS_QUERIES; i++)
        if (r->q[i].state == Q_QUEUED)
            advance(r, &r->q[i], now, -1);
    mav_validate_pump(r);
    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++) {
        mav_dns_txn *t = &r->txn[i];
        if (t->state != TXN_FREE) {
            uint32_t left = mav_ms_reached(now, t->deadline)
                                ? 0
                                : t->deadline - now;
            if (left < wait)
                wait = left;
        }
    }
    for (i = 0; i < MAV_CFG_DNS_QUERIES; i++)
        if (r->q[i].state == Q_QUEUED || r->q[i].state == Q_WAIT ||
            r->q[i].state == Q_VALIDATE)
            pending = 1;
    pending |= finished;
    if (wait_ms)
        *wait_ms = pending ? (wait == UINT32_MAX ? 0 : wait) : UINT32_MAX;
    return pending ? MAV_PENDING : MAV_OK;
}

/* see mav_dns.h */
int mav_dns_get_result(mav_dns_ctx *r, mav_dns_handle h, mav_dns_result *res)
{
    mav_dns_query *q;

    if (r == NULL || res == NULL || (q = query_of(r, h)) == NULL)
        return MAV_ERR_ARG;
    /* every field is set (name up to name_len): no memset of 280 bytes
     * on every cache hit */
    res->status = q->res.status;
    res->dnssec = q->res.dnssec;
    res->dnssec_reason = q->res.reason;
    res->err = q->res.err;
    res->qtype = q->qtype;
    res->rcode = q->res.rcode;
    res->cnames = q->res.cnames;
    res->ttl = q->res.ttl;
    memcpy(res->name, q->cur, q->cur_len);
    res->name_len = q->cur_len;
    if (q->state != Q_DONE) {
        res->status = MAV_DNS_PENDING;
        return MAV_PENDING;
    }
    return MAV_OK;
}

/* see mav_dns.h */
int mav_dns_answer_init(mav_dns_ctx *r, mav_dns_handle h, mav_dns_answer *a)
{
    mav_dns_query *q;

    if (r == NULL || a == NULL || (q = query_of(r, h)) == NULL)
        return MAV_ERR_ARG;
    if (q->state != Q_DONE || q->res.status != MAV_DNS_ANSWER ||
        q->npins == 0)
        return MAV_ERR_STATE;
    if (mav_cache_view(r, q->pins[q->npins - 1], &a->msg) != MAV_OK)
        return MAV_ERR_STATE;
    mav_dns_iter_init(&a->it, &a->msg, MAV_DNS_SEC_AN);
    a->qtype = q->qtype;
    memcpy(a->name, q->cur, q->cur_len);
    return MAV_OK;
}

/* see mav_dns.h */
int mav_dns_answer_next(mav_dns_answer *a, mav_dns_rr *rr)
{
    if (a == NULL || rr == NULL)
        return 0;
    while (mav_dns_iter_find(&a->it, rr, a->name, a->qtype) > 0)
        if (rr->rclass == MAV_DNS_CLASS_IN)
            return 1;
    return 0;
}

/* see mav_dns.h */
void mav_dns_release(mav_dns_ctx *r, mav_dns_handle h)
{
    mav_dns_query *q;
    int slot;
    unsigned i;

    if (r == NULL || (q = query_of(r, h)) == NULL)
        return;
    if (--q->refs > 0)
        return;
    if (q->state == Q_VALIDATE)
        mav_validate_cancel(r, q);
    if ((slot = txn_of(r, q)) >= 0)
        txn_close(r, (unsigned)slot);
    for (i = 0; i < q->npins; i++)
        mav_cache_unpin(r, q->pins[i]);
    q->npins = 0;
    q->state = Q_FREE;
    q->gen++;
    if (q->gen == 0)
        q->gen = 1; /* 0 would make handle 0 possible */
}

/* see mav_dns.h */
const mav_dns_stats *mav_dns_get_stats(const mav_dns_ctx *r)
{
    return r ? &r->stats : NULL;
}

/* see mav_dns.h */
void mav_dns_cache_flush(mav_dns_ctx *r)
{
    if (r)
        mav_cache_flush_unpinned(r);
}

/* see mav_dns.h */
const char *mav_dns_status_str(mav_dns_status s)
{
    switch (s) {
    case MAV_DNS_PENDING:
        return "PENDING";
    case MAV_DNS_ANSWER:
        return "NOERROR";
    case MAV_DNS_NXDOMAIN:
        return "NXDOMAIN";
    case MAV_DNS_NODATA:
        return "NODATA";
    case MAV_DNS_SERVFAIL:
        return "SERVFAIL";
    case MAV_DNS_TIMEOUT:
        return "TIMEOUT";
    case MAV_DNS_FAILED:
        return "FAILED";
    }
    return "?";
}

/* see mav_dns.h */
const char *mav_dnssec_verdict_str(mav_dnssec_verdict v)
{
    switch (v) {
    case MAV_DNSSEC_UNCHECKED:
        return "unchecked";
    case MAV_DNSSEC_SECURE:
        return "secure";
    case MAV_DNSSEC_INSECURE:
        return "insecure";
    case MAV_DNSSEC_BOGUS:
        return "bogus";
    case MAV_DNSSEC_INDETERMINATE:
        return "indeterminate";
    }
    return "?";
}
