/* SPDX-License-Identifier: MIT */
/*
 * lwipopts.h - lwIP 2.2 for mav on the mps2-an386 (the network image,
 * verify.elf): the raw API with NO_SYS=1 (one context, no threads), IPv4
 * over Ethernet with ARP (the LAN9118, lan9118.c), UDP and TCP (the
 * retry of a truncated answer, RFC 7766), IP reassembly, every checksum
 * made and checked in software (the LAN9118 has no checksum offload),
 * and only static memory: lwIP's pools and its own heap array, no C
 * library heap (MEM_LIBC_MALLOC=0, MEMP_MEM_MALLOC=0). Every option is
 * documented in lwIP's src/include/lwip/opt.h; what is here is what a
 * DNS client needs and why.
 */
#ifndef MAV_BOARD_LWIPOPTS_H
#define MAV_BOARD_LWIPOPTS_H

#include "mav_lwip_opts.h" /* what port/lwip needs: NO_SYS, UDP, TCP, pools */

/* ---- memory: static pools and a static heap -------------------------- */
#define MEM_ALIGNMENT 4
/* The heap holds PBUF_RAM: each query sent (<= ~300 bytes) and its
 * ARP-queued copy while the resolver's MAC is unknown, TCP segments
 * written (one query each). */
#define MEM_SIZE (6 * 1024)
/* Received frames, one per pool pbuf: a pool buffer holds a whole
 * Ethernet frame (1514 bytes) behind the 2 bytes of ETH_PAD_SIZE, so
 * lan9118.c reads a frame into one buffer. 8 frames: a burst of answers
 * to parallel queries, and fragments being reassembled. */
#define PBUF_POOL_SIZE 8
#define PBUF_POOL_BUFSIZE LWIP_MEM_ALIGN_SIZE(ETH_PAD_SIZE + 1514)
#define MEMP_NUM_PBUF 8
#define MEMP_NUM_TCP_PCB_LISTEN 1
#define MEMP_NUM_REASSDATA 2

/* ---- link: Ethernet and ARP (queueing: mav_lwip_opts.h) --------------- */
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define ARP_TABLE_SIZE 4
/* With the LAN9118's RX_CFG.RXDOFF = 2 the controller puts two bytes in
 * front of each frame, so the IP header after the 14-byte Ethernet
 * header lands on a 4-byte boundary and frames are read straight into
 * pbufs (lan9118.c). */
#define ETH_PAD_SIZE 2
#define LWIP_SINGLE_NETIF 1
#define LWIP_NETIF_LOOPBACK 0
#define LWIP_HAVE_LOOPIF 0
#define LWIP_NETIF_LINK_CALLBACK 0

/* ---- IP ------------------------------------------------------------- */
#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define IP_FORWARD 0
/* An answer up to mav's EDNS0 size (1232) fits one frame, but a path
 * with a smaller MTU fragments it: reassemble. */
#define IP_REASSEMBLY 1
#define IP_REASS_MAX_PBUFS 6
#define IP_FRAG 0 /* queries are small */
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_DHCP 0 /* the address is configured (verify_main.c) */
#define LWIP_AUTOIP 0
#define LWIP_ACD 0
#define LWIP_IGMP 0

/* ---- TCP -------------------------------------------------------------- */
#define TCP_MSS 1460
#define TCP_WND (4 * TCP_MSS) /* 5.8 KB: a big answer in a few windows */
#define TCP_SND_BUF (2 * TCP_MSS)
#define LWIP_TCP_KEEPALIVE 0

/* ---- checksums: all in software (no offload on the LAN9118) ---------- */
#define CHECKSUM_GEN_IP 1
#define CHECKSUM_GEN_UDP 1
#define CHECKSUM_GEN_TCP 1
#define CHECKSUM_GEN_ICMP 1
#define CHECKSUM_CHECK_IP 1
#define CHECKSUM_CHECK_UDP 1
#define CHECKSUM_CHECK_TCP 1
#define CHECKSUM_CHECK_ICMP 1

/* ---- hooks: the RFC 6528 initial sequence number (tcp_isn.c). mav
 * picks each query's UDP source port itself (port/lwip binds it), so
 * lwIP's sequential UDP ports are never used for DNS; LWIP_RAND
 * (arch/cc.h) only starts lwIP's own port counters somewhere random. */
#define LWIP_HOOK_FILENAME "lwip_hooks.h"
#define LWIP_HOOK_TCP_ISN mav_board_tcp_isn

/* ---- statistics: the image reports drops and pool use ---------------- */
#define LWIP_STATS 1
#define LINK_STATS 1
#define MEMP_STATS 1
#define MEM_STATS 1
#define IP_STATS 1
#define IPFRAG_STATS 1
#define UDP_STATS 1
#define TCP_STATS 1
#define ETHARP_STATS 1
#define LWIP_STATS_DISPLAY 0

#endif /* MAV_BOARD_LWIPOPTS_H */
