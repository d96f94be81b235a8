/* SPDX-License-Identifier: MIT */
/*
 * mav_lwip.h - mav's port over lwIP's raw API with NO_SYS=1: one UDP pcb
 * per resolver transaction, bound to the random source port the resolver
 * draws (lwIP's own udp_bind(pcb, addr, 0) hands out ports in sequence,
 * which RFC 5452 §9.2 warns against), a TCP pcb for a truncated answer
 * (RFC 7766), lwIP's sys_now() as the monotonic clock, and randomness and
 * the wall clock from hooks the board supplies. No allocation: everything
 * lives in the caller's mav_lwip struct, lwIP's pcbs and pbufs come from
 * lwIP's own static pools. IPv4 always (when lwIP has it), IPv6 when lwIP
 * is built with LWIP_IPV6 (global server addresses: a link-local one
 * would need a zone, which mav_addr does not carry).
 *
 * What lwIP must provide (lwipopts.h): NO_SYS=1, LWIP_UDP, LWIP_TCP,
 * MEMP_NUM_UDP_PCB >= MAV_CFG_DNS_INFLIGHT plus the board's own, a
 * MEMP_NUM_TCP_PCB for the TCP retries, and ARP_QUEUEING with
 * ARP_QUEUE_LEN >= MAV_CFG_DNS_INFLIGHT, or the queries sent before the
 * server's MAC is known are lost. A board's lwipopts.h includes
 * mav_lwip_opts.h, which sets all of these, then adds its own sizes
 * (boards/qemu-mps2-an386/lwipopts.h, tests/lwip/lwipopts.h).
 *
 * Use (single-threaded, the way NO_SYS=1 is: every call below and every
 * lwIP call from one context, never from an interrupt handler):
 *
 *     static mav_lwip lw;       // static: lwIP's pcbs point into it
 *     static mav_dns_ctx dns;
 *     mav_lwip_board hooks = { board_trng_fill, board_rtc_seconds, NULL,
 *                              NULL };
 *
 *     lwip_init(); ... netif_add(), netif_set_up() ...
 *     mav_lwip_init(&lw, &hooks);
 *     mav_dns_init(&dns, &lw.port);
 *     mav_lwip_attach(&lw, &dns);
 *     mav_dns_add_server(&dns, &resolver_addr);
 *     ... mav_dns_lookup() ...
 *     for (;;) {                       // the main loop
 *         uint32_t wait, lwip_wait;
 *         board_netif_poll();          // received frames -> netif->input
 *         sys_check_timeouts();        // lwIP's timers: ARP, TCP, ...
 *         mav_lwip_poll(&lw, &wait);   // mav_dns_poll() and more
 *         lwip_wait = sys_timeouts_sleeptime();
 *         board_sleep_until_irq(wait < lwip_wait ? wait : lwip_wait);
 *     }
 *
 * The board's duty for randomness: random() must fill the buffer from a
 * cryptographically strong source, i.e. the SoC's TRNG (or a DRBG seeded
 * from it). DNS IDs and source ports are what stands between the device
 * and a spoofed answer (RFC 5452 §3); a counter or an unseeded PRNG here
 * makes the whole verifier trivially foolable. Return non-zero when the
 * TRNG fails: mav then sends nothing. lwIP's own LWIP_RAND() and its TCP
 * initial sequence numbers (LWIP_HOOK_TCP_ISN, RFC 6528) are the board's
 * lwipopts.h business, not this port's.
 *
 * lwIP rules this port keeps (lwIP's doc/rawapi.txt and udp.h/tcp.h):
 *   - udp_recv callback: the pbuf belongs to us and is freed at once,
 *     after pbuf_copy_partial() into lw->rx; `addr` may point into the
 *     pbuf, so it is converted before the free and never kept.
 *   - tcp_err callback: the pcb is already freed; it is forgotten, never
 *     touched again.
 *   - tcp_recv callback: tcp_recved() for every byte taken; a callback in
 *     which this port aborted its own pcb returns ERR_ABRT.
 *   - the port contract (mav_port.h): udp_close/tcp_close release at once
 *     and never call back into the resolver, so callbacks are unhooked
 *     (tcp_arg/tcp_recv/tcp_err NULL) before tcp_close()/tcp_abort().
 *   - lwIP may call a callback while we are inside an lwIP call (tcp_new()
 *     can abort the oldest connection, whose tcp_err then runs). Such an
 *     event is not pushed into the resolver, which is busy in the port
 *     method that made the call; it waits for the next mav_lwip_poll().
 */
#ifndef MAV_LWIP_H
#define MAV_LWIP_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dns.h"
#include "mav_port.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Largest UDP answer taken, in bytes: the buffer a datagram is copied to.
 * mav advertises MAV_DNS_EDNS_UDP_SIZE (1232) in its EDNS0 OPT record, and
 * a server must not send more (RFC 6891 §6.2.5); a bigger datagram is
 * dropped and counted in rx_dropped, as if lost. A board that must talk
 * to a broken server may raise it (up to 65507).
 */
#ifndef MAV_LWIP_UDP_MAX
#define MAV_LWIP_UDP_MAX MAV_DNS_EDNS_UDP_SIZE
#endif

/* What the board supplies. */
typedef struct {
    /* Required: fill buf with len bytes from the TRNG; 0 or non-zero on
     * failure (see above). */
    int (*random)(void *board, void *buf, size_t len);
    /* Optional (NULL: unknown): seconds since 1970 from an RTC set by NTP
     * or the like, or MAV_PORT_TIME_UNKNOWN. */
    int64_t (*unix_time)(void *board);
    /* Optional: one log line from mav, no newline (mav_port.h levels). */
    void (*log)(void *board, int level, const char *msg);
    void *board; /* passed to the three hooks */
} mav_lwip_board;

struct mav_lwip;
struct udp_pcb; /* lwIP's; this header needs no lwIP header */
struct tcp_pcb;

/* One resolver transaction slot's endpoints. Private. */
typedef struct {
    struct mav_lwip *owner; /* the callbacks' way back (their arg is this) */
    struct udp_pcb *udp;
    struct tcp_pcb *tcp;
    mav_addr server;        /* where udp_send() sends */
    uint8_t tcp_gen;        /* changes whenever tcp changes */
    uint8_t pending;        /* TCP events that came while the resolver
                             * was busy, pushed by mav_lwip_poll() */
} mav_lwip_slot;

typedef struct mav_lwip {
    struct mav_port port; /* hand this to mav_dns_init() */
    mav_dns_ctx *resolver;
    mav_lwip_board hooks;
    mav_lwip_slot slot[MAV_CFG_DNS_INFLIGHT];
    unsigned in_port_call;  /* >0 while a port method runs */
    struct tcp_pcb *cb_pcb; /* the pcb whose tcp callback runs now */
    uint8_t cb_aborted;     /* ...and this port tcp_abort()ed it */
    uint8_t rx_busy;        /* rx holds a datagram being pushed */
    uint32_t rx_dropped;    /* datagrams too big or arriving re-entrantly */
    uint32_t tx_dropped;    /* queries lwIP had no buffer or link for,
                             * left to the resolver's retry */
    uint8_t rx[MAV_LWIP_UDP_MAX];
} mav_lwip;

/**
 * \brief  Fill the port struct. lw must not move afterwards (lwIP's pcbs
 *         keep pointers to its slots), so make it static or long-lived.
 * \return MAV_OK; MAV_ERR_ARG (NULL, or no random hook).
 */
int mav_lwip_init(mav_lwip *lw, const mav_lwip_board *hooks);

/** \brief Received data and TCP events are pushed into this resolver. */
void mav_lwip_attach(mav_lwip *lw, mav_dns_ctx *r);

/**
 * \brief  Push events held back (see "callbacks inside an lwIP call"
 *         above), then mav_dns_poll(). Call it from the main loop after
 *         sys_check_timeouts() and whenever frames came in.
 * \param  wait_ms  (out, may be NULL) as mav_dns_poll's.
 * \return mav_dns_poll's: MAV_OK when idle, MAV_PENDING otherwise;
 *         MAV_ERR_STATE with no resolver attached.
 */
int mav_lwip_poll(mav_lwip *lw, uint32_t *wait_ms);

/** \brief Release every pcb (when the resolver is dropped). */
void mav_lwip_close(mav_lwip *lw);

#ifdef __cplusplus
}
#endif

#endif /* MAV_LWIP_H */
