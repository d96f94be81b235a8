/* SPDX-License-Identifier: MIT */
/*
 * tap_link.h - a minimal lwIP netif on a Linux TAP device, for the host
 * test of port/lwip: Ethernet frames that lwIP sends are written to the
 * TAP file descriptor, frames the kernel sends are read from it and
 * handed to lwIP's netif_input(). The TAP device lives in a network
 * namespace that tests/lwip/run-lwip-test creates, so lwIP talks to the
 * real DNS servers of the test world over a real (virtual) Ethernet, and
 * no packet can leave that namespace.
 */
#ifndef MAV_TEST_TAP_LINK_H
#define MAV_TEST_TAP_LINK_H

#include <stdint.h>

#include "lwip/netif.h"

typedef struct {
    struct netif netif;
    int fd;
    uint32_t frames_in, frames_out, frames_dropped;
    uint8_t frame[1536]; /* one Ethernet frame, no FCS: 1514 bytes max */
} tap_link;

/**
 * \brief  Attach to the existing TAP device ifname (made by
 *         `ip tuntap add dev IF mode tap`), add it to lwIP as the default
 *         netif with IPv4 address ip/mask and bring it up. lwip_init()
 *         must have run.
 * \return 0; -1 with a message on stderr.
 */
int tap_link_open(tap_link *t, const char *ifname, const char *ip,
                  const char *mask);

/** \brief Hand every frame waiting on the device to lwIP. */
void tap_link_input(tap_link *t);

/** \brief Remove the netif and close the device. */
void tap_link_close(tap_link *t);

#endif /* MAV_TEST_TAP_LINK_H */
