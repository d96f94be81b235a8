/* SPDX-License-Identifier: MIT */
/*
 * lwip_port.c - mav's port over lwIP's raw API with NO_SYS=1 (see
 * mav_lwip.h for the use and the rules). Each resolver transaction slot
 * owns at most one UDP pcb, bound to the source port the resolver drew
 * (RFC 5452 §9.2), and one TCP pcb for the retry of a truncated answer
 * (RFC 7766 §5). Datagrams are copied out of their pbuf and the pbuf is
 * freed before mav sees the bytes; TCP data is pushed straight from the
 * pbufs, which stay alive for the call. Events lwIP raises while the
 * resolver itself is inside a port method are held and pushed by
 * mav_lwip_poll(), because the resolver is not re-entrant.
 */
#include <string.h>

#include "lwip/opt.h"
#include "lwip/err.h"
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/sys.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"

#include "mav_lwip.h"

#if !NO_SYS
#error "port/lwip uses lwIP's raw API from one context: build with NO_SYS=1"
#endif
#if !LWIP_UDP || !LWIP_TCP
#error "port/lwip needs LWIP_UDP and LWIP_TCP (truncated answers, RFC 7766)"
#endif
#if !LWIP_IPV4 && !LWIP_IPV6
#error "port/lwip needs LWIP_IPV4 or LWIP_IPV6"
#endif

/* Events held in mav_lwip_slot.pending until mav_lwip_poll(). */
#define PENDING_CONNECTED 0x01
#define PENDING_CLOSED 0x02

static unsigned slot_index(const mav_lwip_slot *s)
{
    return (unsigned)(s - s->owner->slot);
}

static int from_lwip_err(err_t e)
{
    switch (e) {
    case ERR_OK:
        return MAV_OK;
    case ERR_MEM: /* a pool or the heap is empty */
    case ERR_BUF:
        return MAV_ERR_SPACE;
    case ERR_USE: /* udp_bind: the port is taken */
        return MAV_ERR_BUSY;
    case ERR_VAL:
    case ERR_ARG:
        return MAV_ERR_ARG;
    default: /* ERR_RTE (no route to the server), ERR_CONN, ... */
        return MAV_ERR_STATE;
    }
}

/* ---- addresses: mav_addr holds network-order bytes, as lwIP's do ----- */

static int addr_to_lwip(const mav_addr *a, ip_addr_t *ip)
{
    memset(ip, 0, sizeof *ip);
#if LWIP_IPV4
    if (a->family == 4) {
        ip4_addr_t v4;
        memcpy(&v4.addr, a->addr, 4);
        ip_addr_copy_from_ip4(*ip, v4);
        return MAV_OK;
    }
#endif
#if LWIP_IPV6
    if (a->family == 6) {
        ip6_addr_t v6;
        memset(&v6, 0, sizeof v6); /* no zone: a global server address */
        memcpy(v6.addr, a->addr, 16);
        ip_addr_copy_from_ip6(*ip, v6);
        return MAV_OK;
    }
#endif
    return MAV_ERR_UNSUPPORTED; /* a family this lwIP build lacks */
}

static void addr_from_lwip(const ip_addr_t *ip, u16_t port, mav_addr *a)
{
    memset(a, 0, sizeof *a);
    a->port = port; /* lwIP hands ports in host order, as mav_addr */
#if LWIP_IPV6
    if (IP_IS_V6(ip)) {
        a->family = 6;
        memcpy(a->addr, ip_2_ip6(ip)->addr, 16);
        return;
    }
#endif
#if LWIP_IPV4
    a->family = 4;
    memcpy(a->addr, &ip_2_ip4(ip)->addr, 4);
#endif
}

/* The wildcard local address of the server's family. */
static const ip_addr_t *any_addr_of(const mav_addr *server)
{
    (void)server; /* only read when both families are built */
#if LWIP_IPV4 && LWIP_IPV6
    return server->family == 6 ? IP6_ADDR_ANY : IP4_ADDR_ANY;
#elif LWIP_IPV4
    return IP4_ADDR_ANY;
#else
    return IP6_ADDR_ANY;
#endif
}

/* ---- clocks, randomness, log ----------------------------------------- */

static uint32_t lw_now_ms(void *u)
{
    (void)u;
    return (uint32_t)sys_now(); /* lwIP's clock, wraps after 49 days */
}

static int64_t lw_unix_time(void *u)
{
    mav_lwip *lw = u;

    if (lw->hooks.unix_time == NULL)
        return MAV_PORT_TIME_UNKNOWN;
    return lw->hooks.unix_time(lw->hooks.board);
}

static int lw_random(void *u, void *buf, size_t len)
{
    mav_lwip *lw = u;

    return lw->hooks.random(lw->hooks.board, buf, len) == 0 ? MAV_OK
                                                            : MAV_ERR_STATE;
}

static void lw_log(void *u, int level, const char *msg)
{
    mav_lwip *lw = u;

    if (lw->hooks.log != NULL)
        lw->hooks.log(lw->hooks.board, level, msg);
}

/* ---- UDP ----------------------------------------------------------------- */

/*
 * udp_recv callback. lwIP's udp.h: the callback owns p and must free it;
 * addr may point into p, so it is converted first and not kept. The
 * datagram is copied out and p freed before the resolver runs, so no pbuf
 * is held however long the resolver takes, and the resolver may even
 * udp_remove() this pcb (udp_input() does not touch it after the call).
 */
static void on_udp_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p,
                        const ip_addr_t *addr, u16_t port)
{
    mav_lwip_slot *s = arg;
    mav_lwip *lw = s->owner;
    u16_t len = p->tot_len;
    mav_addr from;
    int take;

    addr_from_lwip(addr, port, &from);
    /* Not while a port method runs (a netif that loops back at once) or
     * while rx is in use: the resolver is not re-entrant. Dropped like a
     * lost datagram; its retry follows. */
    take = s->udp == pcb && lw->resolver != NULL && !lw->in_port_call &&
           !lw->rx_busy && len <= sizeof lw->rx;
    if (take && pbuf_copy_partial(p, lw->rx, len, 0) != len)
        take = 0;
    pbuf_free(p);
    if (!take) {
        lw->rx_dropped++;
        return;
    }
    lw->rx_busy = 1;
    mav_dns_udp_input(lw->resolver, slot_index(s), &from, lw->rx, len);
    lw->rx_busy = 0;
}

static int lw_udp_open(void *u, unsigned slot, const mav_addr *server,
                       uint16_t local_port)
{
    mav_lwip *lw = u;
    mav_lwip_slot *s;
    struct udp_pcb *pcb;
    ip_addr_t ip;
    err_t e;
    int rc;

    if (slot >= MAV_CFG_DNS_INFLIGHT)
        return MAV_ERR_ARG;
    s = &lw->slot[slot];
    if (s->udp != NULL)
        return MAV_ERR_STATE;
    if ((rc = addr_to_lwip(server, &ip)) != MAV_OK)
        return rc;
    lw->in_port_call++;
    pcb = udp_new_ip_type(IP_GET_TYPE(&ip));
    if (pcb == NULL) {
        rc = MAV_ERR_SPACE; /* MEMP_NUM_UDP_PCB too small */
    } else if ((e = udp_bind(pcb, any_addr_of(server), local_port)) !=
               ERR_OK) {
        udp_remove(pcb);
        rc = from_lwip_err(e); /* ERR_USE: MAV_ERR_BUSY, mav draws again */
    } else {
        /* Not udp_connect()ed: the resolver checks the source itself and
         * counts what is not from its server (mav_dns_stats). */
        udp_recv(pcb, on_udp_recv, s);
        s->udp = pcb;
        s->server = *server;
        rc = MAV_OK;
    }
    lw->in_port_call--;
    return rc;
}

static int lw_udp_send(void *u, unsigned slot, const uint8_t *pkt,
                       size_t len)
{
    mav_lwip *lw = u;
    mav_lwip_slot *s;
    struct pbuf *p;
    ip_addr_t ip;
    err_t e;
    int rc;

    if (slot >= MAV_CFG_DNS_INFLIGHT || len > 0xffffu)
        return MAV_ERR_ARG;
    s = &lw->slot[slot];
    if (s->udp == NULL)
        return MAV_ERR_STATE;
    if ((rc = addr_to_lwip(&s->server, &ip)) != MAV_OK)
        return rc;
    lw->in_port_call++;
    /* PBUF_RAM from lwIP's static heap (MEM_SIZE), room left in front
     * for the UDP, IP and link headers */
    p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)len, PBUF_RAM);
    if (p == NULL) {
        e = ERR_MEM;
    } else {
        pbuf_take(p, pkt, (u16_t)len);
        e = udp_sendto(s->udp, p, &ip, s->server.port);
        /* udp_sendto() never takes p: ARP queueing keeps its own ref */
        pbuf_free(p);
    }
    lw->in_port_call--;
    /*
     * A datagram lwIP could not send for now -- no pbuf, the ARP queue
     * full while the server's MAC is still unknown (etharp_query), the
     * link refusing the frame -- is a datagram lost on the way: UDP
     * promises no more (RFC 768), and the resolver's retry follows after
     * its timeout. Failing instead would end the lookup at once, and at
     * boot every lookup until ARP resolves. Counted, so a board can see
     * its pools are too small. No route is a configuration error.
     */
    if (e == ERR_MEM || e == ERR_BUF || e == ERR_IF) {
        lw->tx_dropped++;
        lw_log(lw, MAV_LOG_WARN, "lwip: datagram not sent (no buffer or "
                                 "link), left to the retry");
        return MAV_OK;
    }
    return from_lwip_err(e);
}

static void lw_udp_close(void *u, unsigned slot)
{
    mav_lwip *lw = u;

    if (slot < MAV_CFG_DNS_INFLIGHT && lw->slot[slot].udp != NULL) {
        udp_remove(lw->slot[slot].udp); /* no callback */
        lw->slot[slot].udp = NULL;
    }
}

/* ---- TCP ----------------------------------------------------------------- */

/*
 * Unhook and close s's pcb; never calls back into the resolver
 * (mav_port.h). With tcp_recv NULL lwIP uses tcp_recv_null, which frees
 * anything still arriving. tcp_close() fails only with ERR_MEM (no room
 * for the FIN); a port cannot wait for memory, so it resets instead, and
 * if that pcb's own callback is running, that callback returns ERR_ABRT
 * (lwIP's rule for a pcb aborted inside its callback).
 */
static void release_tcp(mav_lwip *lw, mav_lwip_slot *s)
{
    struct tcp_pcb *pcb = s->tcp;

    s->pending = 0;
    if (pcb == NULL)
        return;
    s->tcp = NULL;
    s->tcp_gen++;
    tcp_arg(pcb, NULL);
    tcp_recv(pcb, NULL);
    tcp_err(pcb, NULL);
    if (tcp_close(pcb) != ERR_OK) {
        tcp_abort(pcb);
        if (pcb == lw->cb_pcb)
            lw->cb_aborted = 1;
    }
}

/* Push one event of s's stream from inside a callback of pcb; returns
 * what that callback must return to lwIP. */
static err_t push_tcp(mav_lwip *lw, mav_lwip_slot *s, struct tcp_pcb *pcb,
                      int event)
{
    struct tcp_pcb *outer_pcb = lw->cb_pcb;
    uint8_t outer_aborted = lw->cb_aborted;
    err_t ret;

    lw->cb_pcb = pcb;
    lw->cb_aborted = 0;
    mav_dns_tcp_input(lw->resolver, slot_index(s), event, NULL, 0);
    ret = lw->cb_aborted ? ERR_ABRT : ERR_OK;
    lw->cb_pcb = outer_pcb;
    lw->cb_aborted = outer_aborted;
    return ret;
}

/* tcp_connect callback (lwIP tcp.h: err is always ERR_OK). */
static err_t on_tcp_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    mav_lwip_slot *s = arg;
    mav_lwip *lw;

    (void)err;
    if (s == NULL || s->tcp != pcb)
        return ERR_OK;
    lw = s->owner;
    if (lw->in_port_call || lw->resolver == NULL) {
        s->pending |= PENDING_CONNECTED;
        return ERR_OK;
    }
    /* The resolver sends its query from here: tcp_write() inside this
     * callback is fine, and lwIP's tcp_output() defers the segment until
     * tcp_input() has finished with the pcb. */
    return push_tcp(lw, s, pcb, MAV_PORT_TCP_CONNECTED);
}

/*
 * tcp_err callback. lwIP tcp.h: the pcb is already freed (reset by the
 * server, connect timed out, or aborted by lwIP for a new pcb), so it is
 * only forgotten. This can run inside tcp_new() of another slot's
 * tcp_open(), i.e. while the resolver is busy: then the event waits.
 */
static void on_tcp_err(void *arg, err_t err)
{
    mav_lwip_slot *s = arg;
    mav_lwip *lw;

    (void)err;
    if (s == NULL)
        return;
    lw = s->owner;
    s->tcp = NULL;
    s->tcp_gen++;
    s->pending &= (uint8_t)~PENDING_CONNECTED;
    if (lw->in_port_call || lw->resolver == NULL) {
        s->pending |= PENDING_CLOSED;
        return;
    }
    mav_dns_tcp_input(lw->resolver, slot_index(s), MAV_PORT_TCP_CLOSED, NULL,
                      0);
}

/* The server closed its side (FIN): the stream is over for us too. */
static err_t end_of_stream(mav_lwip *lw, mav_lwip_slot *s,
                           struct tcp_pcb *pcb)
{
    struct tcp_pcb *outer_pcb = lw->cb_pcb;
    uint8_t outer_aborted = lw->cb_aborted;
    err_t ret;

    lw->cb_pcb = pcb;
    lw->cb_aborted = 0;
    release_tcp(lw, s); /* sends our FIN; the pcb is lwIP's from now */
    ret = lw->cb_aborted ? ERR_ABRT : ERR_OK;
    lw->cb_pcb = outer_pcb;
    lw->cb_aborted = outer_aborted;
    if (lw->in_port_call || lw->resolver == NULL)
        s->pending |= PENDING_CLOSED;
    else
        mav_dns_tcp_input(lw->resolver, slot_index(s), MAV_PORT_TCP_CLOSED,
                          NULL, 0);
    return ret;
}

/*
 * tcp_recv callback: p is a chain of received data, or NULL for the
 * server's FIN. Every byte is taken at once (tcp_recved() before the
 * push, so the window is whole again should the resolver close the pcb
 * from inside the push: lwIP's tcp_close() resets a connection with
 * unacknowledged received data). The resolver may close the stream after
 * any chunk (answer complete); what follows in the chain is dropped.
 */
static err_t on_tcp_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p,
                         err_t err)
{
    mav_lwip_slot *s = arg;
    struct tcp_pcb *outer_pcb;
    uint8_t outer_aborted, gen;
    const struct pbuf *q;
    mav_lwip *lw;
    err_t ret;

    if (s == NULL || s->tcp != pcb) { /* not ours any more */
        if (p != NULL) {
            tcp_recved(pcb, p->tot_len);
            pbuf_free(p);
        }
        return ERR_OK;
    }
    lw = s->owner;
    if (p == NULL || err != ERR_OK) { /* err: tcp.h says never; as FIN */
        if (p != NULL)
            pbuf_free(p);
        return end_of_stream(lw, s, pcb);
    }
    if (lw->in_port_call)
        return ERR_MEM; /* lwIP keeps p and offers it again from its
                         * timer (pcb->refused_data, tcp_in.c) */
    tcp_recved(pcb, p->tot_len);
    if (lw->resolver == NULL) {
        pbuf_free(p);
        return ERR_OK;
    }
    outer_pcb = lw->cb_pcb;
    outer_aborted = lw->cb_aborted;
    lw->cb_pcb = pcb;
    lw->cb_aborted = 0;
    gen = s->tcp_gen;
    for (q = p; q != NULL && s->tcp_gen == gen; q = q->next)
        mav_dns_tcp_input(lw->resolver, slot_index(s), MAV_PORT_TCP_DATA,
                          q->payload, q->len);
    pbuf_free(p);
    ret = lw->cb_aborted ? ERR_ABRT : ERR_OK;
    lw->cb_pcb = outer_pcb;
    lw->cb_aborted = outer_aborted;
    return ret;
}

static int lw_tcp_open(void *u, unsigned slot, const mav_addr *server)
{
    mav_lwip *lw = u;
    mav_lwip_slot *s;
    struct tcp_pcb *pcb;
    ip_addr_t ip;
    err_t e;
    int rc;

    if (slot >= MAV_CFG_DNS_INFLIGHT)
        return MAV_ERR_ARG;
    s = &lw->slot[slot];
    if (s->tcp != NULL)
        return MAV_ERR_STATE;
    if ((rc = addr_to_lwip(server, &ip)) != MAV_OK)
        return rc;
    s->pending = 0;
    lw->in_port_call++;
    /* may abort another connection to make room: on_tcp_err holds it */
    pcb = tcp_new_ip_type(IP_GET_TYPE(&ip));
    if (pcb == NULL) {
        rc = MAV_ERR_SPACE; /* MEMP_NUM_TCP_PCB too small */
    } else {
        tcp_arg(pcb, s);
        tcp_recv(pcb, on_tcp_recv);
        tcp_err(pcb, on_tcp_err);
        s->tcp = pcb;
        s->tcp_gen++;
        /* the local port is lwIP's next ephemeral one: a TCP answer is
         * guarded by the handshake's sequence numbers, not by the port */
        e = tcp_connect(pcb, &ip, server->port, on_tcp_connected);
        if (e != ERR_OK)
            release_tcp(lw, s);
        rc = from_lwip_err(e);
    }
    lw->in_port_call--;
    return rc;
}

static int lw_tcp_send(void *u, unsigned slot, const uint8_t *data,
                       size_t len)
{
    mav_lwip *lw = u;
    struct tcp_pcb *pcb;
    err_t e;

    if (slot >= MAV_CFG_DNS_INFLIGHT || len > 0xffffu)
        return MAV_ERR_ARG;
    pcb = lw->slot[slot].tcp;
    if (pcb == NULL)
        return MAV_ERR_STATE;
    if (len > tcp_sndbuf(pcb))
        return MAV_ERR_SPACE; /* a query is ~300 bytes: TCP_SND_BUF */
    lw->in_port_call++;
    e = tcp_write(pcb, data, (u16_t)len, TCP_WRITE_FLAG_COPY);
    if (e == ERR_OK)
        e = tcp_output(pcb);
    lw->in_port_call--;
    return from_lwip_err(e);
}

static void lw_tcp_close(void *u, unsigned slot)
{
    mav_lwip *lw = u;

    if (slot < MAV_CFG_DNS_INFLIGHT)
        release_tcp(lw, &lw->slot[slot]); /* also drops held events */
}

/* ---- API ---------------------------------------------------------------- */

/* see mav_lwip.h */
int mav_lwip_init(mav_lwip *lw, const mav_lwip_board *hooks)
{
    unsigned i;

    if (lw == NULL || hooks == NULL || hooks->random == NULL)
        return MAV_ERR_ARG;
    memset(lw, 0, sizeof *lw);
    lw->hooks = *hooks;
    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++)
        lw->slot[i].owner = lw;
    lw->port.version = MAV_PORT_VERSION;
    lw->port.user = lw;
    lw->port.now_ms = lw_now_ms;
    lw->port.unix_time = lw_unix_time;
    lw->port.random = lw_random;
    lw->port.udp_open = lw_udp_open;
    lw->port.udp_send = lw_udp_send;
    lw->port.udp_close = lw_udp_close;
    lw->port.tcp_open = lw_tcp_open;
    lw->port.tcp_send = lw_tcp_send;
    lw->port.tcp_close = lw_tcp_close;
    lw->port.log = hooks->log != NULL ? lw_log : NULL;
    return MAV_OK;
}

/* see mav_lwip.h */
void mav_lwip_attach(mav_lwip *lw, mav_dns_ctx *r)
{
    lw->resolver = r;
}

/* see mav_lwip.h */
int mav_lwip_poll(mav_lwip *lw, uint32_t *wait_ms)
{
    unsigned i;

    if (lw == NULL || lw->resolver == NULL)
        return MAV_ERR_STATE;
    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++) {
        mav_lwip_slot *s = &lw->slot[i];
        uint8_t ev = s->pending;
        s->pending = 0;
        if ((ev & PENDING_CONNECTED) && s->tcp != NULL)
            mav_dns_tcp_input(lw->resolver, i, MAV_PORT_TCP_CONNECTED, NULL,
                              0);
        if (ev & PENDING_CLOSED)
            mav_dns_tcp_input(lw->resolver, i, MAV_PORT_TCP_CLOSED, NULL, 0);
    }
    return mav_dns_poll(lw->resolver, wait_ms);
}

/* see mav_lwip.h */
void mav_lwip_close(mav_lwip *lw)
{
    unsigned i;

    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++) {
        lw_udp_close(lw, i);
        release_tcp(lw, &lw->slot[i]);
    }
}
