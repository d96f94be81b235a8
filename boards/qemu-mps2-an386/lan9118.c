/* SPDX-License-Identifier: MIT */
/*
 * lan9118.c - the LAN9118 Ethernet controller of the mps2-an386 as an
 * lwIP netif (lan9118.h), coded to SMSC's datasheet (LAN9118 rev. 1.5,
 * "Register Description" and "FIFO Ports"), and run under QEMU 7.2's
 * model of it (hw/net/lan9118.c), whose quirks decide a few choices:
 *
 *  - The interrupt line idles high until IRQ_CFG says push-pull, active
 *    high, so IRQ_CFG is programmed and the NVIC's pending bit cleared
 *    before the NVIC line is enabled, or the CPU never leaves the handler.
 *  - RX_CFG.RXDOFF = ETH_PAD_SIZE (2): frames come out of the FIFO two
 *    bytes in, the IP header 4-byte aligned, read straight into pbufs.
 *  - The RX status length counts the frame check sequence: 4 bytes less
 *    go to lwIP, and the data words to read are (RXDOFF + length + 3)/4.
 *  - RX fast-forward (RX_DP_CTRL) frees no FIFO space in the model: a
 *    frame that is dropped is drained by reading its words.
 *  - Every FIFO and register access is 32 bits wide.
 *  - MAC_CR comes out of reset promiscuous: it is written whole.
 *  - No checksum offload (lwIP computes all checksums, lwipopts.h).
 *  - The model sends without TX_ON or MAC_CR.TXEN, ignores TX command B's
 *    packet length and sends short frames unpadded; silicon needs both
 *    enables, command B to carry the frame's length in every buffer's
 *    commands, and pads short frames itself (command B's padding-disable
 *    bit stays clear), so that is what this driver does.
 *
 * Waits: only for register handshakes that finish within microseconds
 * (a bounded spin) and, at start-up, for the reset (in WFI, woken by
 * SysTick). Waiting for the network is the main loop's business.
 */
#include <string.h>

#include "lwip/opt.h"
#include "lwip/etharp.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "netif/ethernet.h"

#include "board.h"
#include "lan9118.h"

#if ETH_PAD_SIZE > 31
#error "RX_CFG.RXDOFF holds 0..31 bytes: ETH_PAD_SIZE must fit"
#endif

/* Where the AN386 image puts the controller and its interrupt (Arm DAI
 * 0386C, "Memory map" and "Interrupt map"; QEMU's hw/arm/mps2.c). */
#define LAN9118_BASE 0x40200000u
#define LAN9118_IRQ 13u

#define REG(offset) (*(volatile uint32_t *)(LAN9118_BASE + (offset)))

/* System control and status registers (datasheet §5.3). */
#define RX_DATA_FIFO 0x00
#define TX_DATA_FIFO 0x20
#define RX_STATUS_FIFO 0x40
#define TX_STATUS_FIFO 0x48
#define ID_REV 0x50
#define IRQ_CFG 0x54
#define INT_STS 0x58
#define INT_EN 0x5c
#define BYTE_TEST 0x64
#define FIFO_INT 0x68
#define RX_CFG 0x6c
#define TX_CFG 0x70
#define HW_CFG 0x74
#define RX_FIFO_INF 0x7c
#define TX_FIFO_INF 0x80
#define PMT_CTRL 0x84
#define MAC_CSR_CMD 0xa4
#define MAC_CSR_DATA 0xa8
#define E2P_CMD 0xb0

#define BYTE_TEST_VALUE 0x87654321u

#define IRQ_CFG_IRQ_EN (1u << 8)
#define IRQ_CFG_IRQ_POL (1u << 4)  /* 1: active high */
#define IRQ_CFG_IRQ_TYPE (1u << 0) /* 1: push-pull */

#define INT_PHY (1u << 18)
#define INT_RXE (1u << 14) /* receiver error */
#define INT_TXE (1u << 13) /* transmitter error */
#define INT_RSFL (1u << 3) /* RX status FIFO above its level */
#define INT_USED (INT_PHY | INT_RXE | INT_TXE | INT_RSFL)

/* FIFO_INT: TX data available level 0x48 (the reset value), RX status
 * level 0: RSFL as soon as one frame waits. */
#define FIFO_INT_VALUE 0x48000000u

#define RX_CFG_RXDOFF_SHIFT 8
#define TX_CFG_TXSAO (1u << 2) /* TX goes on when the status FIFO is full */
#define TX_CFG_TX_ON (1u << 1)
#define HW_CFG_MBO (1u << 20)          /* must be written as one */
#define HW_CFG_TX_FIF_SZ_5KB (5u << 16) /* the reset value, made explicit */
#define HW_CFG_SRST (1u << 0)
#define PMT_CTRL_READY (1u << 0)
#define E2P_CMD_BUSY (1u << 31)

#define RX_FIFO_INF_RXSUSED(v) (((v) >> 16) & 0xffu)
#define TX_FIFO_INF_TXSUSED(v) (((v) >> 16) & 0xffu)
#define TX_FIFO_INF_TDFREE(v) ((v) & 0xffffu)

/* RX status word (datasheet §3.13.3). */
#define RXS_FILTER_FAIL (1u << 30)
#define RXS_LENGTH(v) (((v) >> 16) & 0x3fffu)
#define RXS_ERROR (1u << 15)
/* TX status word (§3.12.7). */
#define TXS_ERROR (1u << 15)

/* TX command A and B (§3.12.4, §3.12.5). */
#define TXA_FIRST_SEGMENT (1u << 13)
#define TXA_LAST_SEGMENT (1u << 12)
#define TXA_OFFSET_SHIFT 16
#define TXB_TAG_SHIFT 16

/* MAC CSR access through MAC_CSR_CMD/DATA (§5.4). */
#define MAC_CSR_BUSY (1u << 31)
#define MAC_CSR_READ (1u << 30)
#define MAC_CR 1
#define MAC_ADDRH 2
#define MAC_ADDRL 3
#define MAC_MII_ACC 6
#define MAC_MII_DATA 7
#define MAC_CR_FDPX (1u << 20)
#define MAC_CR_TXEN (1u << 3)
#define MAC_CR_RXEN (1u << 2)
/* Unicast to us and broadcast (ARP): neither promiscuous (PRMS, the
 * reset value), nor all-multicast, nor broadcast-disabled. */
#define MAC_CR_RUN (MAC_CR_TXEN | MAC_CR_RXEN)

#define MII_ACC_PHY_SHIFT 11
#define MII_ACC_REG_SHIFT 6
#define MII_ACC_WRITE (1u << 1)
#define MII_ACC_BUSY (1u << 0)
#define PHY_ADDR 1 /* the internal PHY */

/* PHY registers (§5.5). */
#define PHY_BCR 0
#define PHY_BSR 1
#define PHY_ANAR 4
#define PHY_ANLPAR 5
#define PHY_ISR 29
#define PHY_IMR 30
#define BCR_RESET (1u << 15)
#define BCR_AN_ENABLE (1u << 12)
#define BCR_AN_RESTART (1u << 9)
#define BSR_LINK_UP (1u << 2)
#define AN_100FD (1u << 8)
#define AN_100HD (1u << 7)
#define AN_10FD (1u << 6)
#define AN_10HD (1u << 5)
#define AN_SELECTOR_8023 0x0001u
#define PHY_INT_AN_DONE (1u << 6)
#define PHY_INT_LINK_DOWN (1u << 4)

/* NVIC (ARMv7-M ARM B3.4): set-enable, clear-enable, clear-pending. */
#define NVIC_ISER0 (*(volatile uint32_t *)0xe000e100u)
#define NVIC_ICER0 (*(volatile uint32_t *)0xe000e180u)
#define NVIC_ICPR0 (*(volatile uint32_t *)0xe000e280u)
#define ETH_IRQ_BIT (1u << LAN9118_IRQ)

#define ETH_FCS_LEN 4
#define ETH_HEADER_LEN 14   /* without lwIP's ETH_PAD_SIZE */
#define ETH_FRAME_MAX 1514 /* without FCS and VLAN tag */
/* A busy bit that clears within the datasheet's microseconds. */
#define SPIN_LIMIT 10000
/* The reset and the EEPROM load (datasheet: well under 10 ms). */
#define RESET_LIMIT_MS 100
/* Frames taken per mav_lan9118_poll() call. */
#define RX_BUDGET 8

/* ---- register handshakes ------------------------------------------- */

static int spin_until_clear(uint32_t offset, uint32_t bit)
{
    int i;

    for (i = 0; i < SPIN_LIMIT; i++)
        if ((REG(offset) & bit) == 0)
            return 0;
    return -1;
}

/* Datasheet §6.1 (read after write): a register read right after some
 * writes may see the old state; a read of BYTE_TEST spends that time. */
static void settle(void)
{
    (void)REG(BYTE_TEST);
}

static int mac_read(unsigned index, uint32_t *v)
{
    if (spin_until_clear(MAC_CSR_CMD, MAC_CSR_BUSY) != 0)
        return -1;
    REG(MAC_CSR_CMD) = MAC_CSR_BUSY | MAC_CSR_READ | index;
    settle();
    if (spin_until_clear(MAC_CSR_CMD, MAC_CSR_BUSY) != 0)
        return -1;
    *v = REG(MAC_CSR_DATA);
    return 0;
}

static int mac_write(unsigned index, uint32_t v)
{
    if (spin_until_clear(MAC_CSR_CMD, MAC_CSR_BUSY) != 0)
        return -1;
    REG(MAC_CSR_DATA) = v;
    REG(MAC_CSR_CMD) = MAC_CSR_BUSY | index;
    settle();
    return spin_until_clear(MAC_CSR_CMD, MAC_CSR_BUSY);
}

static int mii_wait(void)
{
    uint32_t acc;
    int i;

    for (i = 0; i < SPIN_LIMIT; i++) {
        if (mac_read(MAC_MII_ACC, &acc) != 0)
            return -1;
        if ((acc & MII_ACC_BUSY) == 0)
            return 0;
    }
    return -1;
}

static uint32_t mii_command(unsigned reg)
{
    return (uint32_t)PHY_ADDR << MII_ACC_PHY_SHIFT |
           (uint32_t)reg << MII_ACC_REG_SHIFT | MII_ACC_BUSY;
}

static int phy_read(unsigned reg, uint16_t *v)
{
    uint32_t data;

    if (mii_wait() != 0 || mac_write(MAC_MII_ACC, mii_command(reg)) != 0 ||
        mii_wait() != 0 || mac_read(MAC_MII_DATA, &data) != 0)
        return -1;
    *v = (uint16_t)data;
    return 0;
}

static int phy_write(unsigned reg, uint16_t v)
{
    if (mii_wait() != 0 || mac_write(MAC_MII_DATA, v) != 0 ||
        mac_write(MAC_MII_ACC, mii_command(reg) | MII_ACC_WRITE) != 0)
        return -1;
    return mii_wait();
}

/* Sleep (WFI, SysTick wakes it) until bit of offset reads as `want`. */
static int wait_ms_for(uint32_t offset, uint32_t bit, uint32_t want)
{
    uint32_t start = mav_board_now_ms();

    while ((REG(offset) & bit) != want) {
        if (mav_board_now_ms() - start > RESET_LIMIT_MS)
            return -1;
        mav_board_idle();
    }
    return 0;
}

/* ---- link ----------------------------------------------------------------- */

/* The PHY said something: read (and so clear) its interrupt source,
 * then the link state, and follow the negotiated duplex (IEEE 802.3
 * Annex 28B.3 priority: 100FD, 100HD, 10FD, 10HD). */
static void link_update(mav_lan9118 *eth)
{
    uint16_t source, bsr, anar, anlpar, common;
    uint32_t cr;

    eth->stats.link_events++;
    /* BSR's link bit latches low: the second read is the state now */
    if (phy_read(PHY_ISR, &source) != 0 || phy_read(PHY_BSR, &bsr) != 0 ||
        phy_read(PHY_BSR, &bsr) != 0)
        return;
    if ((bsr & BSR_LINK_UP) == 0) {
        netif_set_link_down(eth->netif);
        return;
    }
    if (phy_read(PHY_ANAR, &anar) != 0 || phy_read(PHY_ANLPAR, &anlpar) != 0)
        return;
    common = anar & anlpar;
    eth->full_duplex = (common & AN_100FD) != 0 ||
                       ((common & AN_100HD) == 0 && (common & AN_10FD) != 0);
    if (mac_read(MAC_CR, &cr) == 0) {
        cr = eth->full_duplex ? cr | MAC_CR_FDPX : cr & ~MAC_CR_FDPX;
        (void)mac_write(MAC_CR, cr);
    }
    netif_set_link_up(eth->netif);
}

/* ---- receive ----------------------------------------------------------- */

static void rx_discard(uint32_t words)
{
    while (words-- > 0)
        (void)REG(RX_DATA_FIFO);
}

/* Read `words` FIFO words into p's tot_len bytes; what is left over at
 * the end (the FCS) is read and dropped. Whole words go straight into
 * the pbuf where it has room for them. */
static void rx_read(struct pbuf *p, uint32_t words)
{
    struct pbuf *q = p;
    uint16_t at = 0;

    while (words-- > 0) {
        uint32_t w = REG(RX_DATA_FIFO);
        unsigned k = 0;
        while (k < 4 && q != NULL) {
            uint8_t *dst = (uint8_t *)q->payload + at;
            if (k == 0 && q->len - at >= 4) {
                memcpy(dst, &w, 4); /* little-endian, as the FIFO */
                at += 4;
                k = 4;
            } else {
                *dst = (uint8_t)(w >> (8 * k));
                at++;
                k++;
            }
            if (at == q->len) {
                q = q->next;
                at = 0;
            }
        }
    }
}

/* Up to `budget` frames from the RX FIFO into lwIP. */
static void rx_frames(mav_lan9118 *eth, unsigned budget)
{
    while (budget-- > 0 && RX_FIFO_INF_RXSUSED(REG(RX_FIFO_INF)) != 0) {
        uint32_t status = REG(RX_STATUS_FIFO);
        uint32_t len = RXS_LENGTH(status); /* with the FCS */
        uint32_t words = (ETH_PAD_SIZE + len + 3u) / 4u;
        struct pbuf *p;

        if ((status & (RXS_ERROR | RXS_FILTER_FAIL)) != 0 ||
            len < ETH_HEADER_LEN + ETH_FCS_LEN ||
            len > ETH_FRAME_MAX + ETH_FCS_LEN) {
            eth->stats.rx_bad++;
            rx_discard(words);
            continue;
        }
        p = pbuf_alloc(PBUF_RAW, (u16_t)(ETH_PAD_SIZE + len - ETH_FCS_LEN),
                       PBUF_POOL);
        if (p == NULL) {
            eth->stats.rx_no_pbuf++;
            rx_discard(words);
            continue;
        }
        rx_read(p, words);
        eth->stats.rx_frames++;
        if (eth->netif->input(p, eth->netif) != ERR_OK)
            pbuf_free(p);
    }
}

/* ---- transmit --------------------------------------------------------- */

/* The FIFO bytes buffer b of length len takes: commands A and B, then
 * whole words from the word holding its first byte. */
static uint32_t tx_cost(const uint8_t *b, uint32_t len)
{
    return 8u + (((uintptr_t)b & 3u) + len + 3u) / 4u * 4u;
}

/*
 * lwIP's linkoutput: one frame, possibly a pbuf chain, as one buffer per
 * pbuf (the controller gathers them: first and last segment bits, the
 * data start offset of each buffer's first byte within its word, and in
 * every command B the frame's tag and whole length). The first
 * ETH_PAD_SIZE bytes are lwIP's padding, not part of the frame.
 */
static err_t link_output(struct netif *netif, struct pbuf *p)
{
    mav_lan9118 *eth = netif->state;
    const struct pbuf *q, *last = NULL;
    uint32_t frame_len, need = 0, cmd_b, skip;
    int first = 1;

    if (p->tot_len <= ETH_PAD_SIZE ||
        p->tot_len - ETH_PAD_SIZE > ETH_FRAME_MAX || p->len < ETH_PAD_SIZE)
        return ERR_ARG;
    frame_len = p->tot_len - ETH_PAD_SIZE;
    for (q = p, skip = ETH_PAD_SIZE; q != NULL; q = q->next, skip = 0)
        if (q->len > skip) {
            need += tx_cost((const uint8_t *)q->payload + skip, q->len - skip);
            last = q;
        }
    if (TX_FIFO_INF_TDFREE(REG(TX_FIFO_INF)) < need) {
        eth->stats.tx_no_room++;
        return ERR_MEM;
    }
    eth->tx_tag++;
    cmd_b = (uint32_t)eth->tx_tag << TXB_TAG_SHIFT | frame_len;
    for (q = p, skip = ETH_PAD_SIZE; q != NULL; q = q->next, skip = 0) {
        const uint8_t *data = (const uint8_t *)q->payload + skip;
        uint32_t len = q->len > skip ? q->len - skip : 0;
        uint32_t offset = (uintptr_t)data & 3u;
        const uint8_t *word = data - offset;
        uint32_t words = (offset + len + 3u) / 4u;

        if (len == 0)
            continue;
        REG(TX_DATA_FIFO) = (first ? TXA_FIRST_SEGMENT : 0) |
                            (q == last ? TXA_LAST_SEGMENT : 0) |
                            offset << TXA_OFFSET_SHIFT | len;
        REG(TX_DATA_FIFO) = cmd_b;
        first = 0;
        /* The aligned words around the buffer: the bytes before its
         * start and after its end are skipped by the controller. */
        while (words-- > 0) {
            uint32_t w;
            memcpy(&w, word, 4);
            REG(TX_DATA_FIFO) = w;
            word += 4;
        }
    }
    eth->stats.tx_frames++;
    return ERR_OK;
}

static void tx_statuses(mav_lan9118 *eth)
{
    unsigned n = TX_FIFO_INF_TXSUSED(REG(TX_FIFO_INF));

    while (n-- > 0)
        if (REG(TX_STATUS_FIFO) & TXS_ERROR)
            eth->stats.tx_errors++;
}

/* ---- the interrupt ------------------------------------------------------ */

void mav_board_eth_isr(void)
{
    /* Masked until mav_lan9118_poll() has done the work: the line stays
     * high until then, and the handler must not run again meanwhile. */
    NVIC_ICER0 = ETH_IRQ_BIT;
}

/* ---- start-up --------------------------------------------------------- */

static int valid_mac(const uint8_t *mac)
{
    static const uint8_t zero[6];

    return (mac[0] & 1u) == 0 && memcmp(mac, zero, 6) != 0;
}

static int controller_start(mav_lan9118 *eth, uint8_t mac[6])
{
    uint32_t hi, lo;

    if (REG(BYTE_TEST) != BYTE_TEST_VALUE)
        return -1;
    if (wait_ms_for(PMT_CTRL, PMT_CTRL_READY, PMT_CTRL_READY) != 0)
        return -1;
    /* Disable the line before the reset: a program that ran before this
     * one may have left it enabled. */
    NVIC_ICER0 = ETH_IRQ_BIT;
    REG(HW_CFG) = HW_CFG_SRST;
    settle();
    if (wait_ms_for(HW_CFG, HW_CFG_SRST, 0) != 0 ||
        wait_ms_for(PMT_CTRL, PMT_CTRL_READY, PMT_CTRL_READY) != 0 ||
        wait_ms_for(E2P_CMD, E2P_CMD_BUSY, 0) != 0)
        return -1;
    REG(HW_CFG) = HW_CFG_MBO | HW_CFG_TX_FIF_SZ_5KB;

    /* The address the controller loaded from its EEPROM (QEMU: -net
     * nic,macaddr=). A board without one programs ADDRL/ADDRH here. */
    if (mac_read(MAC_ADDRL, &lo) != 0 || mac_read(MAC_ADDRH, &hi) != 0)
        return -1;
    mac[0] = (uint8_t)lo;
    mac[1] = (uint8_t)(lo >> 8);
    mac[2] = (uint8_t)(lo >> 16);
    mac[3] = (uint8_t)(lo >> 24);
    mac[4] = (uint8_t)hi;
    mac[5] = (uint8_t)(hi >> 8);
    if (!valid_mac(mac))
        return -1;

    /* Stale events out before any source is enabled. */
    REG(INT_STS) = 0xffffffffu;

    /* PHY: reset, advertise 10/100 half and full, negotiate; its
     * interrupt says when the link comes up or goes down. */
    if (phy_write(PHY_BCR, BCR_RESET) != 0)
        return -1;
    {
        uint16_t bcr = BCR_RESET;
        int i;
        for (i = 0; i < SPIN_LIMIT && (bcr & BCR_RESET); i++)
            if (phy_read(PHY_BCR, &bcr) != 0)
                return -1;
        if (bcr & BCR_RESET)
            return -1;
    }
    if (phy_write(PHY_ANAR, AN_100FD | AN_100HD | AN_10FD | AN_10HD |
                                AN_SELECTOR_8023) != 0 ||
        phy_write(PHY_BCR, BCR_AN_ENABLE | BCR_AN_RESTART) != 0 ||
        phy_write(PHY_IMR, PHY_INT_AN_DONE | PHY_INT_LINK_DOWN) != 0)
        return -1;

    REG(FIFO_INT) = FIFO_INT_VALUE;
    REG(RX_CFG) = (uint32_t)ETH_PAD_SIZE << RX_CFG_RXDOFF_SHIFT;
    if (mac_write(MAC_CR, MAC_CR_RUN) != 0)
        return -1;
    REG(TX_CFG) = TX_CFG_TX_ON | TX_CFG_TXSAO;
    eth->full_duplex = 0; /* until the PHY says otherwise */
    eth->link_unknown = 1; /* the first poll asks the PHY */

    /* The interrupt: sources, then the pin (push-pull, active high), and
     * only then the NVIC line, its stale pending bit cleared first. */
    REG(INT_EN) = INT_USED;
    REG(IRQ_CFG) = IRQ_CFG_IRQ_EN | IRQ_CFG_IRQ_POL | IRQ_CFG_IRQ_TYPE;
    settle();
    NVIC_ICPR0 = ETH_IRQ_BIT;
    NVIC_ISER0 = ETH_IRQ_BIT;
    return 0;
}

/* see lan9118.h */
err_t mav_lan9118_netif_init(struct netif *netif)
{
    mav_lan9118 *eth = netif->state;

    if (eth == NULL)
        return ERR_ARG;
    memset(eth, 0, sizeof *eth);
    eth->netif = netif;
    if (controller_start(eth, netif->hwaddr) != 0)
        return ERR_IF;
    netif->hwaddr_len = ETH_HWADDR_LEN;
    netif->name[0] = 'e';
    netif->name[1] = 'n';
    netif->mtu = 1500;
    netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
                   NETIF_FLAG_ETHERNET;
    netif->output = etharp_output;
    netif->linkoutput = link_output;
    return ERR_OK;
}

/* see lan9118.h */
int mav_lan9118_poll(mav_lan9118 *eth)
{
    uint32_t events = REG(INT_STS) & INT_USED;

    /* Acknowledge first: whatever happens during the work below sets
     * its bit again and keeps the line up for the next round. */
    if (events != 0)
        REG(INT_STS) = events;
    if ((events & INT_PHY) || eth->link_unknown) {
        eth->link_unknown = 0;
        link_update(eth);
    }
    if (events & (INT_RXE | INT_TXE))
        eth->stats.irq_errors++;
    rx_frames(eth, RX_BUDGET);
    tx_statuses(eth);
    /* The line went pending again while it was masked (its level was
     * still up until the acknowledgement): clear that, or the handler
     * would run once more for work already done. An event after the
     * acknowledgement shows in INT_STS, which mav_lan9118_pending()
     * reads before the main loop sleeps. */
    NVIC_ICPR0 = ETH_IRQ_BIT;
    NVIC_ISER0 = ETH_IRQ_BIT;
    return RX_FIFO_INF_RXSUSED(REG(RX_FIFO_INF)) != 0;
}

/* see lan9118.h */
int mav_lan9118_pending(const mav_lan9118 *eth)
{
    (void)eth;
    return (REG(INT_STS) & INT_USED) != 0 ||
           RX_FIFO_INF_RXSUSED(REG(RX_FIFO_INF)) != 0;
}
