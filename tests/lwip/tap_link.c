/* SPDX-License-Identifier: MIT */
/*
 * tap_link.c - the TAP netif of the port/lwip host test (tap_link.h).
 * Written for this test after reading lwIP's doc/rawapi.txt and the
 * netif driver rules in lwip/netif.h: init fills in the netif, linkoutput
 * gets whole Ethernet frames (a pbuf chain it must not free), and with
 * NO_SYS=1 received frames go to netif_input() from the main loop.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"

#include "tap_link.h"

/* A locally administered unicast MAC (bit 1 of the first byte set). */
static const uint8_t tap_link_mac[6] = {0x02, 0x6d, 0x61, 0x76, 0x00, 0x02};

/* lwIP's linkoutput: p is a complete frame, still owned by lwIP. */
static err_t tap_link_output(struct netif *netif, struct pbuf *p)
{
    tap_link *t = netif->state;
    u16_t n;

    if (p->tot_len > sizeof t->frame) {
        t->frames_dropped++;
        return ERR_BUF;
    }
    n = pbuf_copy_partial(p, t->frame, p->tot_len, 0);
    if (write(t->fd, t->frame, n) != (ssize_t)n) {
        t->frames_dropped++; /* like a full wire: TCP and DNS retry */
        return ERR_IF;
    }
    t->frames_out++;
    return ERR_OK;
}

static err_t tap_link_netif_init(struct netif *netif)
{
    netif->name[0] = 't';
    netif->name[1] = 'p';
    netif->output = etharp_output;
#if LWIP_IPV6
    netif->output_ip6 = ethip6_output;
#endif
    netif->linkoutput = tap_link_output;
    netif->mtu = 1500;
    netif->hwaddr_len = ETH_HWADDR_LEN;
    memcpy(netif->hwaddr, tap_link_mac, ETH_HWADDR_LEN);
    netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
                   NETIF_FLAG_ETHERNET;
#if LWIP_IPV6 && LWIP_IPV6_MLD
    netif->flags |= NETIF_FLAG_MLD6;
#endif
    return ERR_OK;
}

int tap_link_open(tap_link *t, const char *ifname, const char *ip,
                  const char *mask)
{
    struct ifreq ifr;
    ip4_addr_t addr, netmask, gw;

    memset(t, 0, sizeof *t);
    if (!ip4addr_aton(ip, &addr) || !ip4addr_aton(mask, &netmask)) {
        fprintf(stderr, "tap_link: bad address %s/%s\n", ip, mask);
        return -1;
    }
    ip4_addr_set_zero(&gw); /* the servers are on the link */
    t->fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (t->fd < 0) {
        fprintf(stderr, "tap_link: /dev/net/tun: %s\n", strerror(errno));
        return -1;
    }
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI; /* bare Ethernet frames */
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", ifname);
    if (ioctl(t->fd, TUNSETIFF, &ifr) != 0) {
        fprintf(stderr, "tap_link: TUNSETIFF %s: %s\n", ifname,
                strerror(errno));
        close(t->fd);
        t->fd = -1;
        return -1;
    }
    if (netif_add(&t->netif, &addr, &netmask, &gw, t, tap_link_netif_init,
                  netif_input) == NULL) {
        fprintf(stderr, "tap_link: netif_add failed\n");
        close(t->fd);
        t->fd = -1;
        return -1;
    }
    netif_set_default(&t->netif);
    netif_set_up(&t->netif);
    netif_set_link_up(&t->netif);
    return 0;
}

void tap_link_input(tap_link *t)
{
    for (;;) {
        ssize_t n = read(t->fd, t->frame, sizeof t->frame);
        struct pbuf *p;

        if (n <= 0)
            return; /* EAGAIN: nothing more waiting */
        p = pbuf_alloc(PBUF_RAW, (u16_t)n, PBUF_POOL);
        if (p == NULL) {
            t->frames_dropped++; /* pool empty: as if lost on the wire */
            continue;
        }
        pbuf_take(p, t->frame, (u16_t)n);
        t->frames_in++;
        /* netif_input -> ethernet_input; on error the pbuf is still ours */
        if (t->netif.input(p, &t->netif) != ERR_OK)
            pbuf_free(p);
    }
}

void tap_link_close(tap_link *t)
{
    if (t->fd >= 0) {
        netif_remove(&t->netif);
        close(t->fd);
        t->fd = -1;
    }
}
