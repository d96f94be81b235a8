/* SPDX-License-Identifier: MIT */
/*
 * test_trust_anchor.c - the built-in trust anchors are the IANA root
 * KSKs: the same DS records as Debian's dns-root-data package ships in
 * /usr/share/dns/root.ds (an independent copy of IANA's publication),
 * read through the --trust-anchor path (mav_zone_trust_anchors). Also:
 * anchor files that are not DS/DNSKEY, or mix owners, are refused and
 * leave validation off.
 */
#include <string.h>

#include "mav_dns.h"
#include "test.h"
#include "zone/mav_zone.h"

static mav_dns_ctx builtin, loaded;
static mav_zone_reader rd;
static mav_zone_rr rr;

static int64_t no_time(void *u)
{
    (void)u;
    return MAV_PORT_TIME_UNKNOWN;
}
static uint32_t no_clock(void *u)
{
    (void)u;
    return 0;
}
static int no_random(void *u, void *b, size_t n)
{
    (void)u;
    memset(b, 0, n);
    return 0;
}
static int no_open(void *u, unsigned s, const mav_addr *a, uint16_t p)
{
    (void)u, (void)s, (void)a, (void)p;
    return MAV_ERR_STATE;
}
static int no_send(void *u, unsigned s, const uint8_t *d, size_t n)
{
    (void)u, (void)s, (void)d, (void)n;
    return MAV_ERR_STATE;
}
static void no_close(void *u, unsigned s)
{
    (void)u, (void)s;
}
static int no_tcp(void *u, unsigned s, const mav_addr *a)
{
    (void)u, (void)s, (void)a;
    return MAV_ERR_STATE;
}

static const struct mav_port port = {
    MAV_PORT_VERSION, NULL, no_clock, no_time, no_random, no_open,
    no_send,          no_close, no_tcp, no_send, no_close, NULL};

void suite_trust_anchor(void)
{
    static char text[4096];
    long n = test_read_file("/usr/share/dns/root.ds", (uint8_t *)text,
                            sizeof text);
    static const char not_anchor[] = ". IN A 192.0.2.1\n";
    static const char two_owners[] =
        ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC6834"
        "57104237C7F8EC8D\n"
        "test. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC"
        "683457104237C7F8EC8D\n";

    CHECK(mav_dns_init(&builtin, &port) == MAV_OK);
    CHECK(mav_dns_init(&loaded, &port) == MAV_OK);
    CHECK_L("dns-root-data's root.ds readable", n > 0);
    if (n <= 0)
        return;
    CHECK_INT("root.ds read as anchors",
              mav_zone_trust_anchors(&loaded, &rd, &rr, text, (size_t)n,
                                     NULL),
              MAV_OK);
    CHECK_L("validation on", builtin.validate && loaded.validate);
    CHECK_MEM("built-in anchors = dns-root-data's root.ds", builtin.anchors,
              builtin.anchors_len, loaded.anchors, loaded.anchors_len);

    CHECK_INT("an A record is no anchor",
              mav_zone_trust_anchors(&loaded, &rd, &rr, not_anchor,
                                     sizeof not_anchor - 1, NULL),
              MAV_ERR_FORMAT);
    CHECK_L("...and validation is left off", !loaded.validate);
    CHECK_INT("anchors of two owners",
              mav_zone_trust_anchors(&loaded, &rd, &rr, two_owners,
                                     sizeof two_owners - 1, NULL),
              MAV_ERR_ARG);
    CHECK_L("...and validation is left off", !loaded.validate);
    CHECK_INT("no anchors at all: off",
              mav_dns_set_trust_anchors(&loaded, NULL, 0), MAV_OK);
    CHECK_L("validation off", !loaded.validate);
}
