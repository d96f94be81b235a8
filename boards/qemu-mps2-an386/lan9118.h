/* SPDX-License-Identifier: MIT */
/*
 * lan9118.h - the mps2-an386's Ethernet controller, an SMSC LAN9118 (a
 * LAN9220 on the real board, the same programming model without
 * checksum offload), as an lwIP netif: NO_SYS=1, frames moved by the
 * CPU through the controller's 32-bit FIFO ports, received frames handed
 * to lwIP from the main loop, never from the interrupt handler.
 *
 * Use:
 *     static struct netif netif;
 *     static mav_lan9118 eth;
 *     netif_add(&netif, &addr, &mask, &gw, &eth, mav_lan9118_netif_init,
 *               ethernet_input);
 *     netif_set_up(&netif);
 *     for (;;) {                      // the main loop
 *         mav_lan9118_poll(&eth);     // frames -> lwIP, link, TX status
 *         sys_check_timeouts();       // ... and the rest of the work
 *         __asm__("cpsid i");         // sleep unless something waits
 *         if (!mav_lan9118_pending(&eth))
 *             __asm__("wfi");         // the IRQ (or SysTick) wakes us
 *         __asm__("cpsie i");
 *     }
 * The link comes up when the PHY says so (its interrupt): wait for
 * netif_is_link_up() before sending, or lwIP has no route.
 *
 * The interrupt (external line 13): the handler, mav_board_eth_isr,
 * only disables its NVIC line; mav_lan9118_poll() then does the work,
 * acknowledges the controller and enables the line again. So the
 * handler shares no state with the main loop, and a level-triggered
 * line that is still high cannot trap the CPU in the handler.
 */
#ifndef MAV_BOARD_LAN9118_H
#define MAV_BOARD_LAN9118_H

#include <stdint.h>

#include "lwip/err.h"

struct netif;

/* Counters; they only grow. */
typedef struct {
    uint32_t rx_frames;   /* handed to lwIP */
    uint32_t rx_no_pbuf;  /* dropped: PBUF_POOL empty */
    uint32_t rx_bad;      /* dropped: error status, bad length */
    uint32_t tx_frames;   /* written to the TX FIFO */
    uint32_t tx_no_room;  /* refused: the TX FIFO was full */
    uint32_t tx_errors;   /* TX status with its error bit */
    uint32_t irq_errors;  /* RX/TX error interrupts (RXE, TXE) */
    uint32_t link_events; /* PHY interrupts handled */
} mav_lan9118_stats;

typedef struct {
    struct netif *netif;
    uint16_t tx_tag; /* TX command B's packet tag, one per frame */
    uint8_t full_duplex;
    uint8_t link_unknown; /* the link may have changed unseen (start) */
    mav_lan9118_stats stats;
} mav_lan9118;

/**
 * \brief  lwIP's netif init function (netif_add's init argument, with
 *         the mav_lan9118 as the netif's state): resets the controller,
 *         reads the MAC address it loaded from its EEPROM, starts the
 *         PHY's auto-negotiation, enables RX, TX and the interrupt.
 * \return ERR_OK; ERR_IF (no controller at the address, it did not come
 *         out of reset, or no valid MAC address); ERR_ARG (no state).
 */
err_t mav_lan9118_netif_init(struct netif *netif);

/**
 * \brief  The controller's work, from the main loop: received frames
 *         into lwIP (netif->input; at most a few per call so that a
 *         flood cannot starve the rest), the PHY's link changes
 *         (netif_set_link_up/down), TX statuses; then acknowledges the
 *         interrupt and enables the line again.
 * \return 1 when frames are still waiting (call again before sleeping),
 *         0 otherwise.
 */
int mav_lan9118_poll(mav_lan9118 *eth);

/** \brief 1 when the controller has work for mav_lan9118_poll(). */
int mav_lan9118_pending(const mav_lan9118 *eth);

/** \brief The interrupt handler (vector table, external line 13). */
void mav_board_eth_isr(void);

#endif /* MAV_BOARD_LAN9118_H */
