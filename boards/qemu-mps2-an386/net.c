/* SPDX-License-Identifier: MIT */
/*
 * net.c - lwIP on the LAN9118 for the board's programs (net.h): start,
 * work, sleep. The sleep is the one place the board waits for the
 * network, and it waits in WFI: with interrupts masked (PRIMASK), the
 * driver is asked whether work waits, and only if none does the core
 * sleeps; an interrupt that comes after the question still wakes WFI
 * (ARMv7-M ARM B1.5.19), and its handler runs once PRIMASK is cleared.
 * So no event is missed between the question and the sleep, and no host
 * core spins while QEMU waits for the DNS server.
 */
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#include "board.h"
#include "net.h"

/* see net.h */
int mav_board_net_start(mav_board_net *n, const ip4_addr_t *addr,
                        const ip4_addr_t *mask, uint32_t link_wait_ms)
{
    uint32_t start;

    lwip_init();
    if (netif_add(&n->netif, addr, mask, IP4_ADDR_ANY4, &n->eth,
                  mav_lan9118_netif_init, ethernet_input) == NULL) {
        mav_board_print("net: the LAN9118 did not start\n");
        return -1;
    }
    netif_set_default(&n->netif);
    netif_set_up(&n->netif);
    start = mav_board_now_ms();
    while (!netif_is_link_up(&n->netif)) {
        if (mav_board_now_ms() - start > link_wait_ms) {
            mav_board_print("net: no link\n");
            return -1;
        }
        mav_board_net_work(n);
        mav_board_net_sleep(n);
    }
    return 0;
}

/* see net.h */
void mav_board_net_work(mav_board_net *n)
{
    (void)mav_lan9118_poll(&n->eth);
    sys_check_timeouts();
}

/* see net.h */
void mav_board_net_sleep(mav_board_net *n)
{
    uint32_t us0, us1, ms0, ms1;
    int64_t slept;

    __asm__ volatile("cpsid i" ::: "memory");
    if (!mav_lan9118_pending(&n->eth)) {
        ms0 = mav_board_now_ms_us(&us0);
        __asm__ volatile("wfi" ::: "memory");
        __asm__ volatile("cpsie i" ::: "memory"); /* handlers run here */
        ms1 = mav_board_now_ms_us(&us1);
        /* Near a millisecond's end the counter may have wrapped before
         * its tick was counted (QEMU delivers the tick a little late):
         * a sleep that seems to end before it began counts as none. */
        slept = (int64_t)(ms1 - ms0) * 1000 + ((int64_t)us1 - (int64_t)us0);
        if (slept > 0)
            n->idle_us += (uint64_t)slept;
        n->sleeps++;
        return;
    }
    __asm__ volatile("cpsie i" ::: "memory");
}
