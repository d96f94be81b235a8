/* SPDX-License-Identifier: MIT */
/*
 * net.h - the board's IPv4 network: lwIP (NO_SYS=1, lwipopts.h) on the
 * LAN9118 (lan9118.h), a fixed address, and the main loop's two halves:
 * do the network's work, then sleep in WFI until an interrupt (the
 * controller's, or SysTick's every millisecond) unless work waits.
 */
#ifndef MAV_BOARD_NET_H
#define MAV_BOARD_NET_H

#include <stdint.h>

#include "lwip/ip4_addr.h"
#include "lwip/netif.h"

#include "lan9118.h"

typedef struct {
    struct netif netif;
    mav_lan9118 eth;
    uint64_t idle_us; /* time spent asleep in WFI */
    uint32_t sleeps;  /* WFIs */
} mav_board_net;

/**
 * \brief  lwip_init(), the LAN9118 as the default netif with addr/mask
 *         (no gateway: the resolver is on the link), then wait (asleep)
 *         up to link_wait_ms for the PHY's link. Call once; n must stay
 *         where it is (lwIP keeps pointers into it). The randomness hook
 *         must be seeded before (lwip_init draws from it).
 * \return 0; -1 when the controller does not start or the link stays
 *         down (printed).
 */
int mav_board_net_start(mav_board_net *n, const ip4_addr_t *addr,
                        const ip4_addr_t *mask, uint32_t link_wait_ms);

/** \brief Received frames into lwIP, lwIP's timers. */
void mav_board_net_work(mav_board_net *n);

/** \brief Sleep until the next interrupt, unless frames wait. */
void mav_board_net_sleep(mav_board_net *n);

#endif /* MAV_BOARD_NET_H */
