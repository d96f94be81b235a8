/* SPDX-License-Identifier: MIT */
/*
 * mav_posix.h - the POSIX port: BSD sockets (IPv4 and IPv6 servers),
 * clock_gettime, getrandom, and a poll()-based loop for the host tool and
 * the tests.
 *
 * Use:
 *   1. mav_posix_init(&px); px.fixed_time may be set (the tool's --now);
 *   2. mav_dns_init(&r, &px.port); mav_posix_attach(&px, &r);
 *   3. start lookups, then mav_posix_run(&px, limit_ms) until done, or
 *      mav_posix_step(&px, max_wait_ms) from your own loop.
 * Sockets are non-blocking and owned by the resolver's transaction slots;
 * a source port given by the resolver is bound on the wildcard address.
 */
#ifndef MAV_POSIX_H
#define MAV_POSIX_H

#include <stddef.h>
#include <stdint.h>

#include "mav_dns.h"
#include "mav_port.h"

typedef struct {
    struct mav_port port; /* hand this to mav_dns_init */
    mav_dns_ctx *resolver;
    int udp_fd[MAV_CFG_DNS_INFLIGHT];
    int tcp_fd[MAV_CFG_DNS_INFLIGHT];
    uint8_t tcp_connecting[MAV_CFG_DNS_INFLIGHT];
    mav_addr server_of[MAV_CFG_DNS_INFLIGHT];
    int64_t fixed_time; /* wall clock to report; MAV_PORT_TIME_UNKNOWN
                         * (-1) means unknown, INT64_MIN the real clock */
    unsigned log_level; /* print log lines up to this level to stderr */
} mav_posix;

/** \brief Fill the port struct; no resolver attached yet. */
void mav_posix_init(mav_posix *px);

/** \brief Received data is pushed into this resolver. */
void mav_posix_attach(mav_posix *px, mav_dns_ctx *r);

/**
 * \brief  Wait up to max_wait_ms for socket events, push them into the
 *         resolver, and run mav_dns_poll.
 * \return MAV_PENDING while lookups remain, MAV_OK when idle,
 *         MAV_ERR_STATE if poll() failed.
 */
int mav_posix_step(mav_posix *px, uint32_t max_wait_ms);

/** \brief mav_posix_step until idle or limit_ms has passed. */
int mav_posix_run(mav_posix *px, uint32_t limit_ms);

/** \brief Close every socket (after the resolver is done). */
void mav_posix_close(mav_posix *px);

/**
 * \brief  Parse "IP", "IP:PORT", "[IPv6]:PORT" or "IPv6" into an address
 *         (default port 53).
 * \return MAV_OK; MAV_ERR_FORMAT.
 */
int mav_posix_parse_addr(const char *text, mav_addr *out);

/** \brief The first "nameserver" of a resolv.conf file; MAV_ERR_FORMAT
 *  if there is none. */
int mav_posix_resolv_conf(const char *path, mav_addr *out);

#endif /* MAV_POSIX_H */
