/* SPDX-License-Identifier: MIT */
/*
 * posix_port.c - mav's port over BSD sockets, clock_gettime and
 * getrandom (see mav_posix.h). Each resolver transaction slot gets its own
 * non-blocking socket: a UDP socket bound to the source port the
 * resolver drew (RFC 5452 §9.2), or a TCP stream for a truncated answer.
 * Sockets are not connect()ed for UDP, so the resolver's own source check
 * sees every datagram.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <stdlib.h>
#include <unistd.h>

#include "mav_posix.h"

static uint32_t px_now_ms(void *u)
{
    struct timespec ts;

    (void)u;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)((uint64_t)ts.tv_sec * 1000u +
                      (uint64_t)ts.tv_nsec / 1000000u);
}

static int64_t px_unix_time(void *u)
{
    mav_posix *px = u;

    if (px->fixed_time != INT64_MIN)
        return px->fixed_time;
    return (int64_t)time(NULL);
}

static int px_random(void *u, void *buf, size_t n)
{
    uint8_t *p = buf;

    (void)u;
    while (n > 0) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return MAV_ERR_STATE;
        }
        p += got;
        n -= (size_t)got;
    }
    return MAV_OK;
}

static socklen_t to_sockaddr(const mav_addr *a, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof *ss);
    if (a->family == 4) {
        struct sockaddr_in *in = (struct sockaddr_in *)ss;
        in->sin_family = AF_INET;
        in->sin_port = htons(a->port);
        memcpy(&in->sin_addr, a->addr, 4);
        return sizeof *in;
    } else {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(a->port);
        memcpy(&in6->sin6_addr, a->addr, 16);
        return sizeof *in6;
    }
}

static int from_sockaddr(const struct sockaddr_storage *ss, mav_addr *a)
{
    memset(a, 0, sizeof *a);
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
        a->family = 4;
        a->port = ntohs(in->sin_port);
        memcpy(a->addr, &in->sin_addr, 4);
        return 0;
    }
    if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
        a->family = 6;
        a->port = ntohs(in6->sin6_port);
        memcpy(a->addr, &in6->sin6_addr, 16);
        return 0;
    }
    return -1;
}

static void log_line(mav_posix *px, int level, const char *what, int err)
{
    if ((unsigned)level <= px->log_level)
        fprintf(stderr, "mav posix: %s: %s\n", what, strerror(err));
}

static int px_udp_open(void *u, unsigned slot, const mav_addr *server,
                       uint16_t local_port)
{
    mav_posix *px = u;
    struct sockaddr_storage ss;
    mav_addr any;
    socklen_t sl;
    int fd;

    if (slot >= MAV_CFG_DNS_INFLIGHT || px->udp_fd[slot] >= 0)
        return MAV_ERR_STATE;
    fd = socket(server->family == 4 ? AF_INET : AF_INET6,
                SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        log_line(px, MAV_LOG_ERROR, "udp socket", errno);
        return MAV_ERR_STATE;
    }
    memset(&any, 0, sizeof any);
    any.family = server->family;
    any.port = local_port;
    sl = to_sockaddr(&any, &ss);
    if (bind(fd, (struct sockaddr *)&ss, sl) != 0) {
        int e = errno;
        close(fd);
        if (e == EADDRINUSE || e == EACCES)
            return MAV_ERR_BUSY;
        log_line(px, MAV_LOG_ERROR, "udp bind", e);
        return MAV_ERR_STATE;
    }
    px->udp_fd[slot] = fd;
    memcpy(&px->server_of[slot], server, sizeof *server);
    return MAV_OK;
}

static int px_udp_send(void *u, unsigned slot, const uint8_t *pkt, size_t len)
{
    mav_posix *px = u;
    struct sockaddr_storage ss;
    socklen_t sl;

    if (slot >= MAV_CFG_DNS_INFLIGHT || px->udp_fd[slot] < 0)
        return MAV_ERR_STATE;
    sl = to_sockaddr(&px->server_of[slot], &ss);
    if (sendto(px->udp_fd[slot], pkt, len, 0, (struct sockaddr *)&ss, sl) !=
        (ssize_t)len) {
        log_line(px, MAV_LOG_WARN, "udp send", errno);
        return MAV_ERR_STATE;
    }
    return MAV_OK;
}

static void px_udp_close(void *u, unsigned slot)
{
    mav_posix *px = u;

    if (slot < MAV_CFG_DNS_INFLIGHT && px->udp_fd[slot] >= 0) {
        close(px->udp_fd[slot]);
        px->udp_fd[slot] = -1;
    }
}

static int px_tcp_open(void *u, unsigned slot, const mav_addr *server)
{
    mav_posix *px = u;
    struct sockaddr_storage ss;
    socklen_t sl;
    int fd;

    if (slot >= MAV_CFG_DNS_INFLIGHT || px->tcp_fd[slot] >= 0)
        return MAV_ERR_STATE;
    fd = socket(server->family == 4 ? AF_INET : AF_INET6,
                SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return MAV_ERR_STATE;
    sl = to_sockaddr(server, &ss);
    if (connect(fd, (struct sockaddr *)&ss, sl) != 0 &&
        errno != EINPROGRESS) {
        log_line(px, MAV_LOG_WARN, "tcp connect", errno);
        close(fd);
        return MAV_ERR_STATE;
    }
    px->tcp_fd[slot] = fd;
    px->tcp_connecting[slot] = 1;
    return MAV_OK;
}

static int px_tcp_send(void *u, unsigned slot, const uint8_t *data,
                       size_t len)
{
    mav_posix *px = u;

    if (slot >= MAV_CFG_DNS_INFLIGHT || px->tcp_fd[slot] < 0)
        return MAV_ERR_STATE;
    /* A query of at most ~300 bytes fits an empty socket buffer. */
    while (len > 0) {
        ssize_t n = send(px->tcp_fd[slot], data, len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            log_line(px, MAV_LOG_WARN, "tcp send", errno);
            return MAV_ERR_STATE;
        }
        data += n;
        len -= (size_t)n;
    }
    return MAV_OK;
}

static void px_tcp_close(void *u, unsigned slot)
{
    mav_posix *px = u;

    if (slot < MAV_CFG_DNS_INFLIGHT && px->tcp_fd[slot] >= 0) {
        close(px->tcp_fd[slot]);
        px->tcp_fd[slot] = -1;
        px->tcp_connecting[slot] = 0;
    }
}

static void px_log(void *u, int level, const char *msg)
{
    mav_posix *px = u;

    if ((unsigned)level <= px->log_level)
        fprintf(stderr, "mav: %s\n", msg);
}

/* see mav_posix.h */
void mav_posix_init(mav_posix *px)
{
    unsigned i;

    memset(px, 0, sizeof *px);
    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++)
        px->udp_fd[i] = px->tcp_fd[i] = -1;
    px->fixed_time = INT64_MIN;
    px->log_level = MAV_LOG_ERROR;
    px->port.version = MAV_PORT_VERSION;
    px->port.user = px;
    px->port.now_ms = px_now_ms;
    px->port.unix_time = px_unix_time;
    px->port.random = px_random;
    px->port.udp_open = px_udp_open;
    px->port.udp_send = px_udp_send;
    px->port.udp_close = px_udp_close;
    px->port.tcp_open = px_tcp_open;
    px->port.tcp_send = px_tcp_send;
    px->port.tcp_close = px_tcp_close;
    px->port.log = px_log;
}

/* see mav_posix.h */
void mav_posix_attach(mav_posix *px, mav_dns_ctx *r)
{
    px->resolver = r;
}

/* Read every datagram waiting on a UDP socket. */
static void drain_udp(mav_posix *px, unsigned slot)
{
    uint8_t buf[MAV_CFG_DNS_MSG_MAX];

    while (px->udp_fd[slot] >= 0) {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        mav_addr from;
        ssize_t n = recvfrom(px->udp_fd[slot], buf, sizeof buf, MSG_TRUNC,
                             (struct sockaddr *)&ss, &sl);
        if (n < 0)
            return; /* EAGAIN, or an ICMP error: the timeout handles it */
        if ((size_t)n > sizeof buf || from_sockaddr(&ss, &from) != 0)
            continue; /* larger than we accept: as if lost */
        mav_dns_udp_input(px->resolver, slot, &from, buf, (size_t)n);
    }
}

static void service_tcp(mav_posix *px, unsigned slot, short revents)
{
    uint8_t buf[2048];
    int fd = px->tcp_fd[slot];

    if (px->tcp_connecting[slot]) {
        int err = 0;
        socklen_t el = sizeof err;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
        px->tcp_connecting[slot] = 0;
        if (err != 0 || (revents & (POLLERR | POLLHUP))) {
            mav_dns_tcp_input(px->resolver, slot, MAV_PORT_TCP_CLOSED, NULL,
                              0);
            return;
        }
        mav_dns_tcp_input(px->resolver, slot, MAV_PORT_TCP_CONNECTED, NULL, 0);
        return;
    }
    for (;;) {
        ssize_t n;
        if (px->tcp_fd[slot] != fd)
            return; /* closed by the resolver meanwhile */
        n = recv(fd, buf, sizeof buf, 0);
        if (n > 0) {
            mav_dns_tcp_input(px->resolver, slot, MAV_PORT_TCP_DATA, buf,
                              (size_t)n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        mav_dns_tcp_input(px->resolver, slot, MAV_PORT_TCP_CLOSED, NULL, 0);
        return;
    }
}

/* see mav_posix.h */
int mav_posix_step(mav_posix *px, uint32_t max_wait_ms)
{
    struct pollfd fds[2 * MAV_CFG_DNS_INFLIGHT];
    unsigned what[2 * MAV_CFG_DNS_INFLIGHT];
    uint32_t wait = UINT32_MAX;
    unsigned i, n = 0;
    int rc;

    rc = mav_dns_poll(px->resolver, &wait);
    if (rc != MAV_PENDING)
        return rc;
    if (wait > max_wait_ms)
        wait = max_wait_ms;
    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++) {
        if (px->udp_fd[i] >= 0) {
            fds[n].fd = px->udp_fd[i];
            fds[n].events = POLLIN;
            what[n++] = i;
        }
        if (px->tcp_fd[i] >= 0) {
            fds[n].fd = px->tcp_fd[i];
            fds[n].events = px->tcp_connecting[i] ? POLLOUT : POLLIN;
            what[n++] = MAV_CFG_DNS_INFLIGHT + i;
        }
    }
    rc = poll(fds, n, wait > 60000 ? 60000 : (int)wait);
    if (rc < 0 && errno != EINTR)
        return MAV_ERR_STATE;
    for (i = 0; rc > 0 && i < n; i++) {
        if (!fds[i].revents)
            continue;
        if (what[i] < MAV_CFG_DNS_INFLIGHT) {
            if (px->udp_fd[what[i]] == fds[i].fd)
                drain_udp(px, what[i]);
        } else {
            unsigned slot = what[i] - MAV_CFG_DNS_INFLIGHT;
            if (px->tcp_fd[slot] == fds[i].fd)
                service_tcp(px, slot, fds[i].revents);
        }
    }
    return mav_dns_poll(px->resolver, NULL);
}

/* see mav_posix.h */
int mav_posix_run(mav_posix *px, uint32_t limit_ms)
{
    uint32_t start = px_now_ms(px);
    int rc;

    for (;;) {
        uint32_t spent = px_now_ms(px) - start;
        if (spent >= limit_ms)
            return MAV_ERR_TIMEOUT;
        rc = mav_posix_step(px, limit_ms - spent);
        if (rc != MAV_PENDING)
            return rc;
    }
}

/* see mav_posix.h */
void mav_posix_close(mav_posix *px)
{
    unsigned i;

    for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++) {
        px_udp_close(px, i);
        px_tcp_close(px, i);
    }
}

/* see mav_posix.h */
int mav_posix_parse_addr(const char *text, mav_addr *out)
{
    char host[64];
    const char *port = NULL;
    size_t n;
    unsigned long p = 53;

    memset(out, 0, sizeof *out);
    if (text[0] == '[') { /* [v6]:port */
        const char *end = strchr(text, ']');
        if (!end || (size_t)(end - text - 1) >= sizeof host)
            return MAV_ERR_FORMAT;
        n = (size_t)(end - text - 1);
        memcpy(host, text + 1, n);
        host[n] = 0;
        if (end[1] == ':')
            port = end + 2;
        else if (end[1] != 0)
            return MAV_ERR_FORMAT;
    } else {
        const char *colon = strchr(text, ':');
        if (colon && strchr(colon + 1, ':'))
            colon = NULL; /* bare IPv6 */
        n = colon ? (size_t)(colon - text) : strlen(text);
        if (n >= sizeof host)
            return MAV_ERR_FORMAT;
        memcpy(host, text, n);
        host[n] = 0;
        if (colon)
            port = colon + 1;
    }
    if (port) {
        char *end;
        p = strtoul(port, &end, 10);
        if (*port == 0 || *end != 0 || p == 0 || p > 65535)
            return MAV_ERR_FORMAT;
    }
    out->port = (uint16_t)p;
    if (inet_pton(AF_INET, host, out->addr) == 1) {
        out->family = 4;
        return MAV_OK;
    }
    if (inet_pton(AF_INET6, host, out->addr) == 1) {
        out->family = 6;
        return MAV_OK;
    }
    return MAV_ERR_FORMAT;
}

/* see mav_posix.h */
int mav_posix_resolv_conf(const char *path, mav_addr *out)
{
    char line[256];
    FILE *f = fopen(path, "r");
    int rc = MAV_ERR_FORMAT;

    if (!f)
        return MAV_ERR_FORMAT;
    while (fgets(line, sizeof line, f)) {
        char addr[128];
        if (sscanf(line, " nameserver %127s", addr) == 1) {
            char *pct = strchr(addr, '%'); /* drop a zone id */
            if (pct)
                *pct = 0;
            if (mav_posix_parse_addr(addr, out) == MAV_OK) {
                rc = MAV_OK;
                break;
            }
        }
    }
    fclose(f);
    return rc;
}
