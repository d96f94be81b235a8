/* SPDX-License-Identifier: MIT */
/*
 * mav_lwip_opts.h - the lwIP options port/lwip and mav's resolver need,
 * for a board's lwipopts.h to include first (then its own sizes: the
 * heap, the pbuf pool, the link). The raw API from one context
 * (NO_SYS=1), UDP and TCP (RFC 7766: a truncated answer is asked again
 * over TCP), static memory only (DESIGN.md rule 1: lwIP's own pools and
 * heap array, never the C library's heap), and the pools sized by mav's
 * in-flight limit. Counts are defaults a board may raise by defining
 * them before the include; the rest is what the port cannot work
 * without (lwip_port.c stops the build when it is missing).
 */
#ifndef MAV_LWIP_OPTS_H
#define MAV_LWIP_OPTS_H

#include "mav_config.h" /* MAV_CFG_DNS_INFLIGHT */

/* ---- the raw API, called from one context only ------------------------ */
#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_NETCONN 0
#define LWIP_SOCKET 0
#define LWIP_CALLBACK_API 1
#define LWIP_TIMERS 1

/* ---- static memory only ------------------------------------------------- */
#define MEM_LIBC_MALLOC 0
#define MEMP_MEM_MALLOC 0

/* ---- transport: mav is the resolver, lwIP's own is off ------------------- */
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DNS 0

/* One UDP pcb per resolver slot (each query is its own endpoint, bound
 * to the source port mav draws); add the board's own. */
#ifndef MEMP_NUM_UDP_PCB
#define MEMP_NUM_UDP_PCB MAV_CFG_DNS_INFLIGHT
#endif
/* A TCP retry per truncated answer; lwIP takes back pcbs in TIME_WAIT
 * when the pool is empty. */
#ifndef MEMP_NUM_TCP_PCB
#define MEMP_NUM_TCP_PCB 4
#endif
#ifndef MEMP_NUM_TCP_SEG
#define MEMP_NUM_TCP_SEG 16
#endif

/* ---- ARP: queries sent before the server's MAC is known wait in ARP's
 * queue, one per resolver slot, or the first parallel queries after
 * start would be lost and wait for their retry (issue #8). A board with
 * a static ARP entry for its resolver may do without. ---------------- */
#define ARP_QUEUEING 1
#ifndef ARP_QUEUE_LEN
#define ARP_QUEUE_LEN MAV_CFG_DNS_INFLIGHT
#endif
#ifndef MEMP_NUM_ARP_QUEUE
#define MEMP_NUM_ARP_QUEUE MAV_CFG_DNS_INFLIGHT
#endif

#endif /* MAV_LWIP_OPTS_H */
