/* SPDX-License-Identifier: MIT */
/*
 * make_validator_seeds.c - writes the seed corpus of fuzz_validator.c:
 * real chains of trust captured from the signed test world. It loads the
 * world's zones into the zone port, resolves a few questions with the
 * world's root DS as the anchor, and records every answer the resolver
 * was given, in the order it asked, in fuzz_validator's input format.
 *   make_validator_seeds WORLD_DIR OUT_DIR
 * (WORLD_DIR as made by tools/make-signed-world). Run by hand when the
 * input format changes; the seeds are committed.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dns.h"
#include "mav_dns_text.h"
#include "zone/mav_zone.h"

static mav_zone_port zp;
static mav_dns_ctx dns;
static struct mav_port inner, outer;
static FILE *out;
static char texts[1 << 22];
static size_t used;

/* The zone port's own send, plus a copy of its answer to the seed. */
static int rec_send(void *u, unsigned slot, const uint8_t *q, size_t n)
{
    static uint8_t resp[MAV_CFG_DNS_MSG_MAX];
    size_t len;

    if (mav_zone_answer(&zp, q, n, 0, resp, sizeof resp, &len) == MAV_OK) {
        fputc((int)(len >> 8), out);
        fputc((int)len, out);
        fwrite(resp, 1, len, out);
    }
    return inner.udp_send(u, slot, q, n);
}

static void load(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    while (d && (e = readdir(d)) != NULL) {
        char path[1024];
        uint8_t origin[MAV_DNS_NAME_MAX];
        size_t l = strlen(e->d_name), n;
        FILE *f;
        if (l < 6 || strcmp(e->d_name + l - 5, ".zone") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        f = fopen(path, "rb");
        n = fread(texts + used, 1, sizeof texts - used, f);
        fclose(f);
        if (strcmp(e->d_name, "root.zone") == 0)
            mav_dns_name_from_text(".", 1, NULL, origin, NULL);
        else
            mav_dns_name_from_text(e->d_name, l - 5, NULL, origin, NULL);
        if (mav_zone_add(&zp, texts + used, n, origin, NULL) != MAV_OK)
            fprintf(stderr, "cannot load %s\n", path);
        used += n;
    }
    if (d)
        closedir(d);
}

int main(int argc, char **argv)
{
    static const char *const q[][2] = {
        {"www.alg8.test.", "A"},       {"www.alg13.test.", "A"},
        {"www.alg15.test.", "A"},      {"nope.nsec3.test.", "A"},
        {"a.wild.alg13.test.", "A"},   {"www.insecure.alg8.test.", "A"},
        {"nope.optout.test.", "A"},    {"cname-secure.alg13.test.", "A"},
        {"a.wild.nsec3.test.", "MX"},  {"www.keytrap.test.", "A"},
    };
    char path[1024], zones[1024], ds[4096], now_s[32];
    mav_zone_reader rd;
    static mav_zone_rr rr;
    long long now;
    size_t i;
    FILE *f;

    if (argc != 3)
        return 2;
    snprintf(path, sizeof path, "%s/now", argv[1]);
    f = fopen(path, "r");
    if (!f || !fgets(now_s, sizeof now_s, f))
        return 1;
    fclose(f);
    now = atoll(now_s);
    snprintf(path, sizeof path, "%s/root.ds", argv[1]);
    f = fopen(path, "r");
    ds[fread(ds, 1, sizeof ds - 1, f)] = 0;
    fclose(f);
    snprintf(zones, sizeof zones, "%s/zones", argv[1]);
    for (i = 0; i < sizeof q / sizeof q[0]; i++) {
        uint8_t name[MAV_DNS_NAME_MAX];
        size_t nl;
        uint16_t t;
        mav_dns_handle h;
        int k;

        mav_zone_init(&zp, 7);
        used = 0;
        load(zones);
        zp.unix_time = now;
        inner = zp.port;
        outer = inner;
        outer.udp_send = rec_send;
        mav_dns_init(&dns, &outer);
        {
            mav_addr s;
            memset(&s, 0, sizeof s);
            s.family = 4;
            s.addr[0] = 192;
            s.addr[3] = 1;
            s.port = 53;
            mav_dns_add_server(&dns, &s);
        }
        mav_zone_trust_anchors(&dns, &rd, &rr, ds, strlen(ds), NULL);
        mav_zone_attach(&zp, &dns);
        snprintf(path, sizeof path, "%s/seed-%02zu", argv[2], i);
        out = fopen(path, "wb");
        for (k = 7; k >= 0; k--)
            fputc((int)((unsigned long long)now >> (8 * k)), out);
        /* the first DS of root.ds as the anchor */
        {
            mav_zone_reader r2;
            mav_zone_reader_init(&r2, ds, strlen(ds), (const uint8_t *)"");
            r2.have_ttl = 1;
            if (mav_zone_read(&r2, &rr, NULL) > 0) {
                fputc(rr.rdlen >> 8, out);
                fputc(rr.rdlen & 0xff, out);
                fwrite(rr.rdata, 1, rr.rdlen, out);
            }
        }
        mav_dns_name_from_text(q[i][0], strlen(q[i][0]), NULL, name, &nl);
        mav_dns_type_from_name(q[i][1], &t);
        fputc(t >> 8, out);
        fputc(t & 0xff, out);
        fputc((int)nl, out);
        fwrite(name, 1, nl, out);
        if (mav_dns_lookup(&dns, name, nl, t, &h) == MAV_PENDING)
            mav_zone_run(&zp, 60000);
        {
            mav_dns_result r;
            mav_dns_get_result(&dns, h, &r);
            printf("%s %s: %s\n", q[i][0], q[i][1],
                   mav_dnssec_verdict_str(r.dnssec));
        }
        fclose(out);
    }
    return 0;
}
