/* SPDX-License-Identifier: MIT */
/*
 * signed_world.c - a resolver on the signed test world (signed_world.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signed_world.h"
#include "test.h"
#include "zone/mav_zone.h"

int64_t signed_world_now(const char *dir)
{
    char path[600];
    uint8_t buf[32];
    long n;

    snprintf(path, sizeof path, "%s/now", dir);
    n = test_read_file(path, buf, sizeof buf - 1);
    if (n <= 0)
        return 0;
    buf[n] = 0;
    return strtoll((const char *)buf, NULL, 10);
}

int signed_world_resolver(mav_posix *px, mav_dns_ctx *dns, const char *dir,
                          const char *server, int64_t now)
{
    static char anchors[8192];
    static mav_zone_reader rd;
    static mav_zone_rr rr;
    char path[600];
    mav_addr a;
    long n;

    snprintf(path, sizeof path, "%s/root.ds", dir);
    n = test_read_file(path, (uint8_t *)anchors, sizeof anchors);
    mav_posix_init(px);
    px->fixed_time = now;
    if (n <= 0 || mav_posix_parse_addr(server, &a) != MAV_OK ||
        mav_dns_init(dns, &px->port) != MAV_OK ||
        mav_zone_trust_anchors(dns, &rd, &rr, anchors, (size_t)n, NULL) !=
            MAV_OK ||
        mav_dns_add_server(dns, &a) != MAV_OK)
        return -1;
    mav_posix_attach(px, dns);
    return 0;
}

int signed_world_verify(mav_posix *px, mav_dns_ctx *dns, mav_verify_ctx *ver,
                        int64_t now, const char *ip, const char *helo,
                        const char *mail_from, const uint8_t *msg,
                        size_t len, char *out, size_t cap)
{
    return signed_world_verify_idle(px, dns, ver, now, ip, helo, mail_from,
                                    msg, len, out, cap, 0, NULL);
}

int signed_world_verify_idle(mav_posix *px, mav_dns_ctx *dns,
                             mav_verify_ctx *ver, int64_t now, const char *ip,
                             const char *helo, const char *mail_from,
                             const uint8_t *msg, size_t len, char *out,
                             size_t cap, unsigned max_idle_polls,
                             unsigned *idle_polls)
{
    mav_verify_envelope_in env;
    unsigned idle = 0;
    size_t alen;
    int rc;

    if (idle_polls)
        *idle_polls = 0;
    memset(&env, 0, sizeof env);
    if (mav_posix_parse_addr(ip, &env.client) != MAV_OK)
        return -1;
    env.helo = helo;
    env.mail_from = mail_from;
    mav_verify_init(ver, dns, now);
    if (mav_verify_envelope(ver, &env) != MAV_OK)
        return -1;
    mav_verify_feed(ver, msg, len);
    mav_verify_end(ver);
    while ((rc = mav_verify_poll(ver)) == MAV_PENDING) {
        if (mav_dns_poll(dns, NULL) == MAV_OK) {
            /* waiting, yet the resolver has nothing under way right
             * after the poll (mav_verify.h step 4): nothing will come.
             * Stuck, unless the caller allows polling on (and counts
             * it). The resolver's state is read after the poll, since
             * a poll may well issue the lookups it then waits for. */
            if (idle_polls)
                *idle_polls = ++idle;
            if (idle > max_idle_polls)
                return -1;
            continue;
        }
        (void)mav_posix_step(px, 2000);
    }
    if (rc != MAV_OK)
        return -1;
    return mav_verify_authres(ver, "mx.mav.test", out, cap, &alen);
}
