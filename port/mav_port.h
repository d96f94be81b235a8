/* SPDX-License-Identifier: MIT */
/*
 * mav_port.h - the world outside mav: network, clocks, randomness.
 *
 * One versioned struct of function pointers plus a user pointer
 * (STYLE.md C6), handed to the resolver at init. A struct and not
 * link-time symbols, so that one test binary can run a simulated
 * network, a zone file and the real loopback side by side.
 *
 * Network model. The resolver owns a table of MAV_CFG_DNS_INFLIGHT
 * transaction slots; every endpoint the port opens belongs to one slot,
 * and the port names that slot when it pushes received data back:
 *   - udp_open(slot, server, local_port): a fresh UDP endpoint bound to
 *     local_port (chosen at random by mav, RFC 5452 §9.2) and connected
 *     to the server; MAV_ERR_BUSY if the local port is taken (mav draws
 *     another). Datagrams that arrive on it are pushed with
 *     mav_dns_udp_input(resolver, slot, from, pkt, len).
 *   - tcp_open(slot, server): start a TCP connection (RFC 7766) for an
 *     answer that came back truncated. The port reports, through
 *     mav_dns_tcp_input(), MAV_PORT_TCP_CONNECTED, then each run of
 *     received bytes (any split), then MAV_PORT_TCP_CLOSED (peer closed
 *     or error).
 *   - *_send() queues bytes; *_close() releases the endpoint at once and
 *     must not call back into the resolver.
 * No function may block; each returns 0 or a negative MAV_ERR_* code.
 *
 * Clocks. now_ms() is monotonic milliseconds that may wrap (mav compares
 * with serial arithmetic). unix_time() is wall-clock seconds since 1970,
 * or MAV_PORT_TIME_UNKNOWN: a device that has not synchronised its clock
 * says so, and DNSSEC then reports signature validity as unproven.
 *
 * Randomness. random() fills a buffer from a cryptographically strong
 * source (DNS IDs and source ports are a defence against spoofing,
 * RFC 5452); it returns 0, or an error, in which case nothing is sent.
 */
#ifndef MAV_PORT_H
#define MAV_PORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of struct mav_port; methods are only ever appended. */
#define MAV_PORT_VERSION 1

#define MAV_PORT_TIME_UNKNOWN (-1)

/* An IPv4 or IPv6 address with a port, in network byte order bytes. */
typedef struct {
    uint8_t family; /* 4 or 6 */
    uint8_t addr[16]; /* IPv4 in the first 4 bytes */
    uint16_t port;    /* host order */
} mav_addr;

/* Events of a TCP stream, pushed into the resolver by the port. */
enum {
    MAV_PORT_TCP_CONNECTED = 1,
    MAV_PORT_TCP_DATA,
    MAV_PORT_TCP_CLOSED
};

/* Log levels for the optional log hook. */
enum {
    MAV_LOG_ERROR = 1,
    MAV_LOG_WARN,
    MAV_LOG_INFO,
    MAV_LOG_DEBUG
};

struct mav_port {
    unsigned version; /* MAV_PORT_VERSION the port was written for */
    void *user;       /* passed back to every method */

    uint32_t (*now_ms)(void *user);
    int64_t (*unix_time)(void *user);
    int (*random)(void *user, void *buf, size_t len);

    int (*udp_open)(void *user, unsigned slot, const mav_addr *server,
                    uint16_t local_port);
    int (*udp_send)(void *user, unsigned slot, const uint8_t *pkt,
                    size_t len);
    void (*udp_close)(void *user, unsigned slot);

    int (*tcp_open)(void *user, unsigned slot, const mav_addr *server);
    int (*tcp_send)(void *user, unsigned slot, const uint8_t *data,
                    size_t len);
    void (*tcp_close)(void *user, unsigned slot);

    /* Optional (may be NULL): one line of text, no newline. */
    void (*log)(void *user, int level, const char *msg);
};

#ifdef __cplusplus
}
#endif

#endif /* MAV_PORT_H */
