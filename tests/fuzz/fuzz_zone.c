/* SPDX-License-Identifier: MIT */
/*
 * fuzz_zone.c - libFuzzer target for the zone port (port/zone): the input
 * is a master file (origin fz. unless it says otherwise). It is read
 * record by record, then added as a zone; if that succeeds, queries for
 * the first owners it holds and for a few fixed names, with and without
 * DO, over UDP and TCP, are answered by the server, and through a
 * resolver attached to the port. Every response must be a well-formed
 * message with the query's ID (mav_dns_msg_parse): a crash, a sanitizer
 * report or an abort() is a finding.
 * The resolver validates with its built-in root anchors, so hostile zone
 * data also goes through the DNSSEC validator (crypto/ and Mbed TLS are
 * linked in).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_crypto.h"
#include "mav_dns.h"
#include "zone/mav_zone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static mav_zone_port zp;
static mav_zone_reader rd;
static mav_zone_rr rr;
static mav_dns_ctx dns;
static uint8_t resp[MAV_CFG_DNS_MSG_MAX];

static void ask(const uint8_t *name, uint16_t type, int dnssec, int tcp)
{
    uint8_t q[512];
    size_t qlen, len;
    mav_dns_msg m;

    if (mav_dns_query_build(q, sizeof q, 0xbeef, name,
                            mav_dns_name_len(name), type, MAV_DNS_CLASS_IN,
                            &qlen) != MAV_OK)
        return;
    if (!dnssec) /* the OPT's flags: DO off */
        q[qlen - 4] = 0;
    if (mav_zone_answer(&zp, q, qlen, tcp, resp, sizeof resp, &len) !=
        MAV_OK)
        abort(); /* a well-formed query always gets a response */
    if (mav_dns_msg_parse(&m, resp, len, NULL) != MAV_OK || m.id != 0xbeef ||
        !(m.flags & MAV_DNS_FLAG_QR) || (!tcp && len > MAV_CFG_ZONE_UDP_MAX))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t origin[] = {2, 'f', 'z', 0};
    static const uint16_t types[] = {MAV_DNS_TYPE_A, MAV_DNS_TYPE_TXT,
                                     MAV_DNS_TYPE_CNAME, MAV_DNS_TYPE_ANY,
                                     MAV_DNS_TYPE_DS};
    uint8_t owners[4][MAV_DNS_NAME_MAX];
    uint8_t name[MAV_DNS_NAME_MAX];
    const char *text = (const char *)data;
    unsigned nowners = 0, i, k;
    int rc;

    /* the reader alone, to the end or the first error */
    mav_zone_reader_init(&rd, text, size, origin);
    while ((rc = mav_zone_read(&rd, &rr, NULL)) == 1) {
        if (rr.owner_len > MAV_DNS_NAME_MAX || rr.rdlen >
                                                   MAV_CFG_ZONE_RDATA_MAX ||
            mav_dns_name_check(rr.owner, rr.owner_len) != MAV_OK)
            abort();
        if (nowners < 4)
            memcpy(owners[nowners++], rr.owner, rr.owner_len);
    }
    mav_zone_init(&zp, 1);
    if (mav_zone_add(&zp, text, size, origin, NULL) != MAV_OK)
        return 0;
    /* the server */
    for (i = 0; i < nowners; i++) {
        for (k = 0; k < sizeof types / sizeof types[0]; k++)
            ask(owners[i], types[k], (int)(k & 1), 0);
        /* a name below the owner: wildcard, ENT and NXDOMAIN paths */
        name[0] = 1;
        name[1] = 'q';
        if (mav_dns_name_len(owners[i]) + 2 <= MAV_DNS_NAME_MAX) {
            memcpy(name + 2, owners[i], mav_dns_name_len(owners[i]));
            ask(name, MAV_DNS_TYPE_A, 1, 0);
            ask(name, MAV_DNS_TYPE_MX, 1, 1);
        }
    }
    ask(zp.zones[0].apex, MAV_DNS_TYPE_SOA, 1, 1);
    ask(origin, MAV_DNS_TYPE_NS, 1, 0);
    /* the port, under a resolver: TC -> TCP, chains, failures */
    {
        mav_addr server;
        mav_dns_handle h;
        memset(&server, 0, sizeof server);
        server.family = 4;
        server.port = 53;
        if (mav_dns_init(&dns, &zp.port) != MAV_OK ||
            mav_dns_add_server(&dns, &server) != MAV_OK)
            abort();
        mav_zone_attach(&zp, &dns);
        for (i = 0; i < nowners && i < 2; i++) {
            if (mav_dns_lookup(&dns, owners[i], mav_dns_name_len(owners[i]),
                               MAV_DNS_TYPE_TXT, &h) < 0)
                continue;
            (void)mav_zone_run(&zp, 60000);
            mav_dns_release(&dns, h);
        }
    }
    return 0;
}
