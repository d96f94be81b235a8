/* SPDX-License-Identifier: MIT */
/*
 * zone_port.c - the zone port as a struct mav_port (mav_zone.h): zones
 * are checked once when added; the port methods only keep the queries
 * the resolver sends (a port method must not call back into it,
 * mav_port.h), and mav_zone_pump() answers them through zone_answer.c
 * and pushes the answers in, over UDP or, after TC, over a simulated TCP
 * stream with RFC 1035 §4.2.2 length framing (RFC 7766 §5). The clock is
 * virtual and the randomness deterministic: no network is involved.
 */
#include <string.h>

#include "zone_internal.h"

/* TCP state of a slot */
enum { TCP_CLOSED = 0, TCP_CONNECTING, TCP_OPEN, TCP_BROKEN };

static uint32_t zp_now_ms(void *u)
{
    return ((mav_zone_port *)u)->now;
}

static int64_t zp_unix_time(void *u)
{
    return ((mav_zone_port *)u)->unix_time;
}

/* xorshift32: reproducible IDs and ports (nothing to spoof here). */
static int zp_random(void *u, void *buf, size_t n)
{
    mav_zone_port *zp = u;
    uint8_t *b = buf;

    while (n--) {
        zp->rng ^= zp->rng << 13;
        zp->rng ^= zp->rng >> 17;
        zp->rng ^= zp->rng << 5;
        *b++ = (uint8_t)(zp->rng >> 8);
    }
    return MAV_OK;
}

static int zp_udp_open(void *u, unsigned slot, const mav_addr *server,
                       uint16_t local_port)
{
    mav_zone_port *zp = u;

    (void)local_port;
    if (slot >= MAV_CFG_DNS_INFLIGHT || zp->slot[slot].udp_open)
        return MAV_ERR_STATE;
    zp->slot[slot].udp_open = 1;
    zp->slot[slot].udp_ready = 0;
    zp->slot[slot].server = *server;
    return MAV_OK;
}

static int zp_udp_send(void *u, unsigned slot, const uint8_t *pkt,
                       size_t len)
{
    mav_zone_port *zp = u;

    if (slot >= MAV_CFG_DNS_INFLIGHT || !zp->slot[slot].udp_open)
        return MAV_ERR_STATE;
    if (len > MAV_CFG_ZONE_QUERY_MAX) { /* as if lost */
        zp->stats.dropped++;
        return MAV_OK;
    }
    memcpy(zp->slot[slot].q, pkt, len);
    zp->slot[slot].qlen = (uint16_t)len;
    zp->slot[slot].udp_ready = 1;
    return MAV_OK;
}

static void zp_udp_close(void *u, unsigned slot)
{
    mav_zone_port *zp = u;

    if (slot < MAV_CFG_DNS_INFLIGHT)
        zp->slot[slot].udp_open = zp->slot[slot].udp_ready = 0;
}

static int zp_tcp_open(void *u, unsigned slot, const mav_addr *server)
{
    mav_zone_port *zp = u;

    if (slot >= MAV_CFG_DNS_INFLIGHT || zp->slot[slot].tcp != TCP_CLOSED)
        return MAV_ERR_STATE;
    zp->slot[slot].tcp = TCP_CONNECTING;
    zp->slot[slot].server = *server;
    zp->slot[slot].qlen = 0;
    return MAV_OK;
}

static int zp_tcp_send(void *u, unsigned slot, const uint8_t *data,
                       size_t len)
{
    mav_zone_port *zp = u;

    if (slot >= MAV_CFG_DNS_INFLIGHT || zp->slot[slot].tcp != TCP_OPEN)
        return MAV_ERR_STATE;
    if (len > sizeof zp->slot[slot].q - zp->slot[slot].qlen) {
        zp->stats.dropped++;
        zp->slot[slot].tcp = TCP_BROKEN; /* the pump reports CLOSED */
        return MAV_OK;
    }
    memcpy(zp->slot[slot].q + zp->slot[slot].qlen, data, len);
    zp->slot[slot].qlen = (uint16_t)(zp->slot[slot].qlen + len);
    return MAV_OK;
}

static void zp_tcp_close(void *u, unsigned slot)
{
    mav_zone_port *zp = u;

    if (slot < MAV_CFG_DNS_INFLIGHT) {
        zp->slot[slot].tcp = TCP_CLOSED;
        zp->slot[slot].qlen = 0;
    }
}

/* see mav_zone.h */
void mav_zone_init(mav_zone_port *zp, uint32_t seed)
{
    memset(zp, 0, sizeof *zp);
    zp->unix_time = MAV_PORT_TIME_UNKNOWN;
    zp->rng = seed ? seed : 0x6d617621u;
    zp->now = 1;
    zp->port.version = MAV_PORT_VERSION;
    zp->port.user = zp;
    zp->port.now_ms = zp_now_ms;
    zp->port.unix_time = zp_unix_time;
    zp->port.random = zp_random;
    zp->port.udp_open = zp_udp_open;
    zp->port.udp_send = zp_udp_send;
    zp->port.udp_close = zp_udp_close;
    zp->port.tcp_open = zp_tcp_open;
    zp->port.tcp_send = zp_tcp_send;
    zp->port.tcp_close = zp_tcp_close;
}

/* What a zone holds, learnt in a second pass once the apex is known. */
static int summarize(mav_zone_port *zp, mav_zone *z, mav_perr *err)
{
    mav_zone_reader *rd = &zp->rd;
    mav_zone_rr *rr = &zp->rr;
    int rc;

    mav_zone_reader_init(rd, z->text, z->len,
                         z->has_origin ? z->origin : NULL);
    while ((rc = mav_zone_read(rd, rr, err)) > 0) {
        if (rr->rclass != z->rclass ||
            !mav_dns_name_under(rr->owner, z->apex))
            continue;
        z->records++;
        if (mav_dns_name_is_wildcard(rr->owner))
            z->has_wildcard = 1;
        switch (rr->type) {
        case MAV_DNS_TYPE_RRSIG:
            z->has_rrsig = 1;
            break;
        case MAV_DNS_TYPE_NSEC:
            z->has_nsec = 1;
            break;
        case MAV_DNS_TYPE_DNAME:
            z->has_dname = 1;
            break;
        case MAV_DNS_TYPE_NSEC3PARAM:
            /* RFC 5155 §4: at the apex; hash 1 (SHA-1) is the only one */
            if (!mav_dns_name_eq(rr->owner, z->apex) || rr->rdlen < 5 ||
                rr->rdata[0] != 1 || z->has_nsec3)
                break;
            z->nsec3_alg = rr->rdata[0];
            z->nsec3_iter = (uint16_t)(rr->rdata[2] << 8 | rr->rdata[3]);
            z->nsec3_salt_len = rr->rdata[4];
            if (z->nsec3_iter > MAV_CFG_ZONE_NSEC3_ITER_MAX)
                return mav_perr_set(err, MAV_ERR_LIMIT, rr->off,
                                    "NSEC3 iterations over "
                                    "MAV_CFG_ZONE_NSEC3_ITER_MAX");
            if (rr->rdlen < 5u + z->nsec3_salt_len)
                break;
            memcpy(z->nsec3_salt, rr->rdata + 5, z->nsec3_salt_len);
            z->has_nsec3 = 1;
            break;
        default:
            break;
        }
    }
    return rc;
}

/* see mav_zone.h */
int mav_zone_add(mav_zone_port *zp, const char *text, size_t len,
                 const uint8_t *origin, mav_perr *err)
{
    mav_zone *z;
    int rc, soas = 0;

    if (zp == NULL || (text == NULL && len) ||
        (origin &&
         mav_dns_name_check(origin, mav_dns_name_len(origin)) != MAV_OK))
        return MAV_ERR_ARG;
    if (zp->nzones == MAV_CFG_ZONE_MAX)
        return mav_perr_set(err, MAV_ERR_SPACE, 0,
                            "MAV_CFG_ZONE_MAX zones held already");
    z = &zp->zones[zp->nzones];
    memset(z, 0, sizeof *z);
    z->text = text;
    z->len = len;
    if (origin) {
        memcpy(z->origin, origin, mav_dns_name_len(origin));
        z->has_origin = 1;
    }
    /* pass 1: every record parses; exactly one SOA, which is the apex
     * (RFC 1035 §5.2) */
    mav_zone_reader_init(&zp->rd, text, len, origin);
    while ((rc = mav_zone_read(&zp->rd, &zp->rr, err)) > 0) {
        if (zp->rr.type != MAV_DNS_TYPE_SOA)
            continue;
        if (soas++)
            return mav_perr_set(err, MAV_ERR_FORMAT, zp->rr.off,
                                "a second SOA");
        memcpy(z->apex, zp->rr.owner, zp->rr.owner_len);
        z->rclass = zp->rr.rclass;
    }
    if (rc < 0)
        return rc;
    if (!soas)
        return mav_perr_set(err, MAV_ERR_FORMAT, 0, "no SOA record");
    if ((rc = summarize(zp, z, err)) < 0)
        return rc;
    zp->nzones++;
    return MAV_OK;
}

/* see mav_zone.h */
void mav_zone_attach(mav_zone_port *zp, mav_dns_ctx *r)
{
    zp->resolver = r;
}

/* One framed query complete in the slot's TCP buffer? Its length. */
static int tcp_query(const mav_zone_port *zp, unsigned i, size_t *len)
{
    const uint8_t *q = zp->slot[i].q;

    if (zp->slot[i].qlen < 2)
        return 0;
    *len = (size_t)(q[0] << 8 | q[1]);
    return zp->slot[i].qlen >= 2 + *len;
}

/* see mav_zone.h */
unsigned mav_zone_pump(mav_zone_port *zp)
{
    unsigned i, pushed = 0;

    if (zp == NULL || zp->resolver == NULL)
        return 0;
    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++) {
        mav_addr from = zp->slot[i].server;
        size_t qlen, len;

        if (zp->slot[i].udp_open && zp->slot[i].udp_ready) {
            zp->slot[i].udp_ready = 0;
            zp->stats.udp_queries++;
            if (mav_zone_answer(zp, zp->slot[i].q, zp->slot[i].qlen, 0,
                                zp->resp + 2, MAV_CFG_DNS_MSG_MAX,
                                &len) == MAV_OK) {
                mav_dns_udp_input(zp->resolver, i, &from, zp->resp + 2, len);
                pushed++;
            }
        }
        switch (zp->slot[i].tcp) {
        case TCP_CONNECTING:
            zp->slot[i].tcp = TCP_OPEN;
            mav_dns_tcp_input(zp->resolver, i, MAV_PORT_TCP_CONNECTED, NULL,
                              0);
            pushed++;
            break;
        case TCP_BROKEN:
            zp->slot[i].tcp = TCP_CLOSED;
            mav_dns_tcp_input(zp->resolver, i, MAV_PORT_TCP_CLOSED, NULL, 0);
            pushed++;
            break;
        case TCP_OPEN:
            if (!tcp_query(zp, i, &qlen))
                break;
            zp->stats.tcp_queries++;
            if (mav_zone_answer(zp, zp->slot[i].q + 2, qlen, 1, zp->resp + 2,
                                MAV_CFG_DNS_MSG_MAX, &len) != MAV_OK)
                len = 0;
            /* the query is consumed; a pipelined next one moves up */
            zp->slot[i].qlen = (uint16_t)(zp->slot[i].qlen - 2 - qlen);
            memmove(zp->slot[i].q, zp->slot[i].q + 2 + qlen,
                    zp->slot[i].qlen);
            if (len == 0)
                break;
            zp->resp[0] = (uint8_t)(len >> 8);
            zp->resp[1] = (uint8_t)len;
            mav_dns_tcp_input(zp->resolver, i, MAV_PORT_TCP_DATA, zp->resp,
                              len + 2);
            pushed++;
            break;
        default:
            break;
        }
    }
    return pushed;
}

/* see mav_zone.h */
int mav_zone_run(mav_zone_port *zp, uint32_t limit_ms)
{
    uint32_t start;

    if (zp == NULL || zp->resolver == NULL)
        return MAV_ERR_STATE;
    start = zp->now;
    for (;;) {
        uint32_t wait = UINT32_MAX;
        int rc = mav_dns_poll(zp->resolver, &wait);

        if (mav_zone_pump(zp) > 0)
            continue;
        if (rc != MAV_PENDING)
            return MAV_OK;
        /* only timers are left: jump to the next deadline */
        if (wait == 0)
            wait = 1;
        if (wait > limit_ms || zp->now - start > limit_ms - wait) {
            zp->now = start + limit_ms;
            (void)mav_dns_poll(zp->resolver, NULL);
            return MAV_ERR_TIMEOUT;
        }
        zp->now += wait;
    }
}
