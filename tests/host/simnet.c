/* SPDX-License-Identifier: MIT */
/*
 * simnet.c - the simulated network of simnet.h: a port whose endpoints
 * record what is sent and whose clock only moves when sim_run moves it.
 */
#include <string.h>

#include "simnet.h"
#include "test.h"

static uint32_t sim_now(void *u)
{
    return ((sim_net *)u)->now;
}

static int64_t sim_unix_time(void *u)
{
    (void)u;
    return MAV_PORT_TIME_UNKNOWN;
}

/* xorshift32: deterministic IDs and ports, so a failing run repeats. */
static int sim_random(void *u, void *buf, size_t n)
{
    sim_net *s = u;
    uint8_t *b = buf;

    while (n--) {
        s->rng ^= s->rng << 13;
        s->rng ^= s->rng >> 17;
        s->rng ^= s->rng << 5;
        *b++ = (uint8_t)s->rng;
    }
    return 0;
}

static void record(sim_net *s, unsigned slot, int tcp, const uint8_t *p,
                   size_t len, uint16_t lport)
{
    sim_sent *e;

    if (s->nsent == SIM_MAX_SENT)
        return;
    e = &s->sent[s->nsent++];
    memset(e, 0, sizeof *e);
    e->at = s->now;
    e->slot = slot;
    e->tcp = tcp;
    e->server = s->server[slot];
    e->local_port = lport;
    e->len = len < sizeof e->pkt ? len : sizeof e->pkt;
    memcpy(e->pkt, p, e->len);
    if (s->on_send)
        s->on_send(s, e);
}

static uint16_t lports[MAV_CFG_DNS_INFLIGHT];

static int sim_udp_open(void *u, unsigned slot, const mav_addr *server,
                        uint16_t local_port)
{
    sim_net *s = u;

    if (slot >= MAV_CFG_DNS_INFLIGHT || s->udp_open[slot])
        return MAV_ERR_STATE;
    if (s->busy_next > 0) {
        s->busy_next--;
        s->busy_hits++;
        return MAV_ERR_BUSY;
    }
    s->udp_open[slot] = 1;
    s->server[slot] = *server;
    lports[slot] = local_port;
    return MAV_OK;
}

static int sim_udp_send(void *u, unsigned slot, const uint8_t *p, size_t n)
{
    sim_net *s = u;

    if (slot >= MAV_CFG_DNS_INFLIGHT || !s->udp_open[slot])
        return MAV_ERR_STATE;
    record(s, slot, 0, p, n, lports[slot]);
    return MAV_OK;
}

static void sim_udp_close(void *u, unsigned slot)
{
    ((sim_net *)u)->udp_open[slot] = 0;
}

static int sim_tcp_open(void *u, unsigned slot, const mav_addr *server)
{
    sim_net *s = u;

    if (s->tcp_refuse)
        return MAV_ERR_STATE;
    s->tcp_open[slot] = 1;
    s->server[slot] = *server;
    return MAV_OK;
}

static int sim_tcp_send(void *u, unsigned slot, const uint8_t *p, size_t n)
{
    sim_net *s = u;

    if (!s->tcp_open[slot])
        return MAV_ERR_STATE;
    record(s, slot, 1, p, n, 0);
    return MAV_OK;
}

static void sim_tcp_close(void *u, unsigned slot)
{
    ((sim_net *)u)->tcp_open[slot] = 0;
}

void sim_init(sim_net *s, uint32_t seed)
{
    memset(s, 0, sizeof *s);
    s->rng = seed ? seed : 1;
    s->now = 1000;
    s->port.version = MAV_PORT_VERSION;
    s->port.user = s;
    s->port.now_ms = sim_now;
    s->port.unix_time = sim_unix_time;
    s->port.random = sim_random;
    s->port.udp_open = sim_udp_open;
    s->port.udp_send = sim_udp_send;
    s->port.udp_close = sim_udp_close;
    s->port.tcp_open = sim_tcp_open;
    s->port.tcp_send = sim_tcp_send;
    s->port.tcp_close = sim_tcp_close;
}

static sim_event *new_event(sim_net *s, uint32_t at, unsigned slot, int kind)
{
    sim_event *e;

    if (s->nev == SIM_MAX_EVENTS) {
        test_fail_at(__FILE__, __LINE__, "simnet: too many events");
        return NULL;
    }
    e = &s->ev[s->nev++];
    memset(e, 0, sizeof *e);
    e->at = at;
    e->slot = slot;
    e->kind = kind;
    return e;
}

void sim_deliver_udp(sim_net *s, uint32_t at, unsigned slot,
                     const mav_addr *from, const uint8_t *pkt, size_t len)
{
    sim_event *e = new_event(s, at, slot, 0);

    if (!e || len > sizeof e->data)
        return;
    e->from = *from;
    memcpy(e->data, pkt, len);
    e->len = len;
}

void sim_deliver_tcp(sim_net *s, uint32_t at, unsigned slot, int event,
                     const uint8_t *data, size_t len)
{
    sim_event *e = new_event(s, at, slot, event);

    if (!e || len > sizeof e->data)
        return;
    if (len)
        memcpy(e->data, data, len);
    e->len = len;
}

uint32_t sim_run(sim_net *s, mav_dns_ctx *r, uint32_t limit_ms)
{
    for (;;) {
        uint32_t wait, next;
        unsigned i;
        int pending = mav_dns_poll(r, &wait) == MAV_PENDING;
        sim_event *due = NULL;

        /* the earliest undelivered event, in scheduling order on ties */
        for (i = 0; i < s->nev; i++)
            if (!s->ev[i].done && (!due || s->ev[i].at < due->at))
                due = &s->ev[i];
        if (!pending && !due)
            return s->now;
        next = pending ? s->now + wait : UINT32_MAX;
        if (due && due->at <= next)
            next = due->at;
        if (next > limit_ms)
            return s->now;
        if (next > s->now)
            s->now = next;
        if (due && due->at <= s->now) {
            due->done = 1;
            if (due->kind == 0)
                mav_dns_udp_input(r, due->slot, &due->from, due->data,
                                  due->len);
            else
                mav_dns_tcp_input(r, due->slot, due->kind, due->data,
                                  due->len);
        }
    }
}

mav_addr sim_addr4(uint8_t last, uint16_t port)
{
    mav_addr a;

    memset(&a, 0, sizeof a);
    a.family = 4;
    a.addr[0] = 127;
    a.addr[3] = last;
    a.port = port;
    return a;
}
