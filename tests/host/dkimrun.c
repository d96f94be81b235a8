/* SPDX-License-Identifier: MIT */
/*
 * dkimrun.c - see dkimrun.h.
 */
#include <stdio.h>
#include <string.h>

#include "dkimrun.h"
#include "mav_posix.h"
#include "zone/mav_zone.h"

static mav_zone_port zp;
static mav_dns_ctx zdns;
static mav_dkim_ctx ver;
static mav_dns_ctx *ext_dns;
static mav_posix *ext_px;

int dkimrun_zone(const char *text, size_t len)
{
    mav_addr a;
    mav_perr e = {0, 0, NULL};

    memset(&a, 0, sizeof a);
    a.family = 4;
    a.addr[0] = 127;
    a.addr[3] = 1;
    a.port = 53;
    mav_zone_init(&zp, 7);
    if (mav_zone_add(&zp, text, len, NULL, &e) != MAV_OK) {
        fprintf(stderr, "dkimrun: zone: %s at %u\n", e.what ? e.what : "?",
                (unsigned)e.offset);
        return -1;
    }
    if (mav_dns_init(&zdns, &zp.port) != MAV_OK ||
        mav_dns_add_server(&zdns, &a) != MAV_OK)
        return -1;
    (void)mav_dns_set_trust_anchors(&zdns, NULL, 0); /* unsigned zone */
    mav_zone_attach(&zp, &zdns);
    return 0;
}

void dkimrun_pump(void)
{
    mav_zone_run(&zp, 20000);
}

mav_dns_ctx *dkimrun_dns(void)
{
    return &zdns;
}

void dkimrun_use_posix(mav_dns_ctx *dns, void *px)
{
    ext_dns = dns;
    ext_px = px;
}

static uint32_t rng;

static size_t next_chunk(int how, size_t at, size_t done, size_t len)
{
    size_t left = len - done;

    switch (how) {
    case DKR_BYTES:
        return 1;
    case DKR_SPLIT:
        return done < at ? at - done : left;
    case DKR_RANDOM:
        rng ^= rng << 13;
        rng ^= rng >> 17;
        rng ^= rng << 5;
        /* mostly small pieces, sometimes large ones */
        return (rng & 3) ? 1 + rng % 97 : 1 + rng % 70001;
    default:
        return left;
    }
}

const mav_dkim_ctx *dkimrun(const uint8_t *msg, size_t len, int how,
                            size_t at, int64_t now, char *out, size_t cap)
{
    mav_dns_ctx *dns = ext_dns ? ext_dns : &zdns;
    size_t done = 0, o = 0;
    unsigned k, n;
    int rc;

    rng = (uint32_t)at * 2654435761u + 1;
    mav_dkim_init(&ver, dns, now);
    while (done < len) {
        size_t c = next_chunk(how, at, done, len);
        if (c > len - done)
            c = len - done;
        mav_dkim_feed(&ver, msg + done, c);
        done += c;
    }
    rc = mav_dkim_finish(&ver);
    while (rc == MAV_PENDING) {
        if (ext_dns)
            mav_posix_run(ext_px, 20000);
        else
            mav_zone_run(&zp, 20000);
        rc = mav_dkim_poll(&ver);
        if (rc == MAV_PENDING) {
            mav_dkim_abort(&ver);
            break;
        }
    }
    n = mav_dkim_count(&ver);
    out[0] = 0;
    if (n == 0)
        snprintf(out, cap, "none");
    for (k = 0; k < n && o < cap; k++) {
        mav_dkim_info in;
        int g = mav_dkim_get(&ver, k, &in);
        o += (size_t)snprintf(out + o, cap - o, "%s%s", k ? "," : "",
                              g == MAV_OK ? mav_dkim_result_str(in.result)
                                          : "pending");
    }
    return &ver;
}
