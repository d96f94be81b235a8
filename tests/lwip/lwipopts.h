/* SPDX-License-Identifier: MIT */
/*
 * lwipopts.h - lwIP 2.2 options for the host test of port/lwip
 * (tests/lwip/lwip_dns_test.c): the raw API with NO_SYS=1, IPv4 and
 * IPv6, Ethernet with ARP over a TAP device, UDP and TCP, nothing else.
 * lwIP allocates only from its own static pools and its static heap
 * (MEM_LIBC_MALLOC=0, MEMP_MEM_MALLOC=0), so the test also proves that
 * the whole stack runs without the C library's heap. Sizes are those of
 * a small device serving one mav resolver; a board keeps its own file
 * (boards/<b>/lwipopts.h). Every option is in lwIP's src/include/lwip/
 * opt.h, which documents it.
 */
#ifndef MAV_TEST_LWIPOPTS_H
#define MAV_TEST_LWIPOPTS_H

#include "mav_lwip_opts.h" /* what port/lwip needs: NO_SYS, UDP, TCP, pools */

/* The IPv4-only compile check (v4only/lwipopts.h) sets this to 0. */
#ifndef MAV_TEST_LWIP_IPV6
#define MAV_TEST_LWIP_IPV6 1
#endif

/* ---- memory: static pools and a static heap only ---------------------- */
#define MEM_ALIGNMENT 8 /* 64-bit host: pointers inside pool elements */
/* The heap holds PBUF_RAM: each query sent (<= ~300 bytes), ARP-queued
 * copies of them, TCP segments written. 8 queries at once fit in 4 KB. */
#define MEM_SIZE (8 * 1024)
/* Received frames: one Ethernet frame per pool pbuf. */
#define PBUF_POOL_SIZE 12
#define MEMP_NUM_PBUF 8
#define MEMP_NUM_TCP_PCB_LISTEN 1
#define MEMP_NUM_REASSDATA 2

/* ---- link: Ethernet with ARP (queueing: mav_lwip_opts.h) ------------- */
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define ARP_TABLE_SIZE 4
#define ETH_PAD_SIZE 0
#define LWIP_SINGLE_NETIF 1
#define LWIP_NETIF_LOOPBACK 0
#define LWIP_HAVE_LOOPIF 0

/* ---- IP ------------------------------------------------------------- */
#define LWIP_IPV4 1
#define IP_FORWARD 0
#define IP_REASSEMBLY 1 /* answers up to 1232 bytes fit one frame; a
                         * fragmented one is still taken */
#define IP_REASS_MAX_PBUFS 4
#define IP_FRAG 0 /* queries are small */
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_DHCP 0
#define LWIP_AUTOIP 0
#define LWIP_ACD 0
#define LWIP_IGMP 0

#define LWIP_IPV6 MAV_TEST_LWIP_IPV6
#if LWIP_IPV6
#define LWIP_IPV6_AUTOCONFIG 0
#define LWIP_IPV6_SEND_ROUTER_SOLICIT 0
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS 0
#define LWIP_IPV6_FRAG 0
#define LWIP_IPV6_REASS 0
#define LWIP_IPV6_NUM_ADDRESSES 2
#define LWIP_ND6_NUM_NEIGHBORS 4
#define LWIP_ND6_NUM_DESTINATIONS 4
#define LWIP_ND6_NUM_PREFIXES 2
#define LWIP_ND6_NUM_ROUTERS 1
#define MEMP_NUM_ND6_QUEUE 4
#define MEMP_NUM_MLD6_GROUP 2
#endif

/* ---- TCP -------------------------------------------------------------- */
#define TCP_MSS 1460
#define TCP_WND (4 * TCP_MSS) /* a 2.3 KB TCP answer in one window */
#define TCP_SND_BUF (2 * TCP_MSS)
#define LWIP_TCP_KEEPALIVE 0

/* ---- checks: lwIP's asserts stay on (LWIP_NOASSERT unset); every pool
 * free also walks the pool for a double free, which a port that touched
 * a pcb after tcp_err (already freed) could cause. Costs time, no RAM. */
#define MEMP_SANITY_CHECK 1

/* ---- statistics: the test reads the pools' use to find leaks --------- */
#define LWIP_STATS 1
#define MEMP_STATS 1
#define LWIP_STATS_DISPLAY 0

#endif /* MAV_TEST_LWIPOPTS_H */
