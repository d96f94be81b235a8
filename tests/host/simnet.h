/* SPDX-License-Identifier: MIT */
/*
 * simnet.h - a simulated network behind the port interface, driven by a
 * virtual clock, for what a real server cannot show: timeouts and the
 * retry schedule, failover, spoofed answers (wrong ID, source or
 * question) before the real one, duplicates, reordering, truncation.
 *
 * The test plays the servers: every datagram or stream the resolver
 * sends is recorded in a log (sim_sent), and the test schedules what
 * comes back (sim_deliver_udp / sim_deliver_tcp) at a virtual time.
 * sim_run() advances the clock event by event, calling mav_dns_poll()
 * and delivering what is due, until nothing is pending or a time limit.
 */
#ifndef MAV_TEST_SIMNET_H
#define MAV_TEST_SIMNET_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dns.h"
#include "mav_port.h"

#define SIM_MAX_SENT 64
#define SIM_MAX_EVENTS 600
#define SIM_PKT_MAX 2048

/* One thing the resolver sent. */
typedef struct {
    uint32_t at;       /* virtual ms */
    unsigned slot;
    int tcp;           /* 0 UDP datagram, 1 TCP stream bytes */
    mav_addr server;   /* where it went */
    uint16_t local_port;
    uint8_t pkt[600];
    size_t len;
} sim_sent;

/* One thing scheduled to arrive. */
typedef struct {
    uint32_t at;
    unsigned slot;
    int kind; /* 0 UDP, else a MAV_PORT_TCP_* event */
    mav_addr from;
    uint8_t data[SIM_PKT_MAX];
    size_t len;
    int done;
} sim_event;

typedef struct {
    struct mav_port port;
    uint32_t now;
    uint32_t rng;
    /* endpoints by slot */
    int udp_open[MAV_CFG_DNS_INFLIGHT];
    int tcp_open[MAV_CFG_DNS_INFLIGHT];
    mav_addr server[MAV_CFG_DNS_INFLIGHT];
    unsigned busy_next; /* this many next udp_open calls say BUSY */
    unsigned busy_hits;
    int tcp_refuse;     /* tcp_open fails */
    sim_sent sent[SIM_MAX_SENT];
    unsigned nsent;
    sim_event ev[SIM_MAX_EVENTS];
    unsigned nev;
    /* called for every query sent, so a test can answer at once */
    void (*on_send)(void *sim, const sim_sent *s);
    void *arg;
} sim_net;

void sim_init(sim_net *s, uint32_t seed);

/* Schedule a datagram from `from` to slot at virtual time at. */
void sim_deliver_udp(sim_net *s, uint32_t at, unsigned slot,
                     const mav_addr *from, const uint8_t *pkt, size_t len);

/* Schedule a TCP event (MAV_PORT_TCP_*), with data for TCP_DATA. */
void sim_deliver_tcp(sim_net *s, uint32_t at, unsigned slot, int event,
                     const uint8_t *data, size_t len);

/* Run until nothing is pending or the virtual clock passes limit_ms;
 * returns the virtual time reached. */
uint32_t sim_run(sim_net *s, mav_dns_ctx *r, uint32_t limit_ms);

/* Address helper: 127.0.0.1:port or 127.0.0.N:port. */
mav_addr sim_addr4(uint8_t last, uint16_t port);

#endif /* MAV_TEST_SIMNET_H */
