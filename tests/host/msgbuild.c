/* SPDX-License-Identifier: MIT */
/*
 * msgbuild.c - the test-side DNS response builder of msgbuild.h.
 */
#include <string.h>

#include "mav_dns_wire.h"
#include "msgbuild.h"

static void put16(msgb *m, size_t at, uint16_t v)
{
    m->b[at] = (uint8_t)(v >> 8);
    m->b[at + 1] = (uint8_t)v;
}

static void add(msgb *m, const void *p, size_t n)
{
    if (m->len + n > sizeof m->b)
        return;
    memcpy(m->b + m->len, p, n);
    m->len += n;
}

static void add16(msgb *m, uint16_t v)
{
    uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    add(m, b, 2);
}

static void add32(msgb *m, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8),
                    (uint8_t)v};
    add(m, b, 4);
}

static size_t name(const char *text, uint8_t *out)
{
    size_t len = 0;

    if (mav_dns_name_from_text(text, strlen(text), NULL, out, &len) != 0)
        return 0;
    return len;
}

static void add_name(msgb *m, const char *text)
{
    uint8_t n[MAV_DNS_NAME_MAX];
    size_t len = name(text, n);

    add(m, n, len);
}

static void counts(msgb *m)
{
    int i;

    for (i = 0; i < 4; i++)
        put16(m, 4 + 2 * (size_t)i, m->counts[i]);
}

void mb_start(msgb *m, uint16_t id, uint16_t flags, const char *qname,
              uint16_t qtype)
{
    memset(m, 0, sizeof *m);
    put16(m, 0, id);
    put16(m, 2, (uint16_t)(flags | MAV_DNS_FLAG_QR | MAV_DNS_FLAG_RD |
                           MAV_DNS_FLAG_RA));
    m->len = MAV_DNS_HDR_LEN;
    add_name(m, qname);
    add16(m, qtype);
    add16(m, MAV_DNS_CLASS_IN);
    m->counts[0] = 1;
    counts(m);
}

void mb_rr(msgb *m, int section, const char *owner, uint16_t type,
           uint32_t ttl, const uint8_t *rdata, size_t rdlen)
{
    add_name(m, owner);
    add16(m, type);
    add16(m, MAV_DNS_CLASS_IN);
    add32(m, ttl);
    add16(m, (uint16_t)rdlen);
    add(m, rdata, rdlen);
    m->counts[section]++;
    counts(m);
}

void mb_a(msgb *m, const char *owner, uint32_t ttl, uint8_t last)
{
    uint8_t a[4] = {192, 0, 2, 0};

    a[3] = last;
    mb_rr(m, 1, owner, MAV_DNS_TYPE_A, ttl, a, 4);
}

void mb_cname(msgb *m, const char *owner, uint32_t ttl, const char *target)
{
    uint8_t n[MAV_DNS_NAME_MAX];

    mb_rr(m, 1, owner, MAV_DNS_TYPE_CNAME, ttl, n, name(target, n));
}

void mb_txt(msgb *m, const char *owner, uint32_t ttl, const char *text)
{
    uint8_t rd[1100];
    size_t n = strlen(text), o = 0;

    while (n > 0 || o == 0) { /* split into character-strings of 255 */
        size_t k = n > 255 ? 255 : n;
        rd[o++] = (uint8_t)k;
        memcpy(rd + o, text, k);
        o += k;
        text += k;
        n -= k;
        if (n == 0)
            break;
    }
    mb_rr(m, 1, owner, MAV_DNS_TYPE_TXT, ttl, rd, o);
}

void mb_soa(msgb *m, const char *zone, uint32_t ttl, uint32_t minimum)
{
    uint8_t rd[600];
    size_t o = 0, k;
    uint32_t v[5] = {1, 3600, 600, 86400, 0};
    int i;

    v[4] = minimum;
    k = name("ns.test.", rd + o);
    o += k;
    k = name("hostmaster.test.", rd + o);
    o += k;
    for (i = 0; i < 5; i++) {
        rd[o++] = (uint8_t)(v[i] >> 24);
        rd[o++] = (uint8_t)(v[i] >> 16);
        rd[o++] = (uint8_t)(v[i] >> 8);
        rd[o++] = (uint8_t)v[i];
    }
    mb_rr(m, 2, zone, MAV_DNS_TYPE_SOA, ttl, rd, o);
}

uint16_t mb_query_id(const uint8_t *q)
{
    return (uint16_t)(q[0] << 8 | q[1]);
}
