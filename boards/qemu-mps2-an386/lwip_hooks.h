/* SPDX-License-Identifier: MIT */
/*
 * lwip_hooks.h - the hooks this board plugs into lwIP (lwipopts.h names
 * this file as LWIP_HOOK_FILENAME; lwIP includes it after its own
 * headers, so ip_addr_t is known here).
 */
#ifndef MAV_BOARD_LWIP_HOOKS_H
#define MAV_BOARD_LWIP_HOOKS_H

#include "lwip/ip_addr.h"

/*
 * LWIP_HOOK_TCP_ISN: the initial sequence number of a new connection,
 * RFC 6528 §3: ISN = M + F(localip, localport, remoteip, remoteport,
 * secretkey), M a timer ticking every 4 microseconds, F a keyed hash
 * (tcp_isn.c). lwIP's own is a counter, so an off-path attacker could
 * guess it and inject into the TCP retry of a truncated DNS answer.
 */
u32_t mav_board_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
                        const ip_addr_t *remote_ip, u16_t remote_port);

/* Draw the secret key of F from mav_board_random(); 0, or -1 when the
 * randomness hook fails (then open no TCP connection). */
int mav_board_tcp_isn_init(void);

#endif /* MAV_BOARD_LWIP_HOOKS_H */
