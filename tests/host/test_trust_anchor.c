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
#include "simnet.h"
#include "test.h"
#include "zone/mav_zone.h"

static sim_net net; /* a port; nothing is sent here */
static mav_dns_ctx builtin, loaded;
static mav_zone_reader rd;
static mav_zone_rr rr;

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

    sim_init(&net, 1);
    CHECK(mav_dns_init(&builtin, &net.port) == MAV_OK);
    CHECK(mav_dns_init(&loaded, &net.port) == MAV_OK);
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

/* RFC 5011 §3: a DS that matches a revoked key vouches for nothing. */
void suite_dnssec_revoke(void)
{
    static const uint8_t root[1] = {0};
    uint8_t key[4 + 64], ds[4 + MAV_DNSSEC_DIGEST_MAX_LEN];
    size_t dlen = 0;
    mav_dnssec_rdref k, d;
    unsigned i, revoked;

    for (revoked = 0; revoked < 2; revoked++) {
        uint16_t flags = (uint16_t)(0x0101 | (revoked ? 0x0080 : 0));
        uint16_t tag;
        key[0] = (uint8_t)(flags >> 8);
        key[1] = (uint8_t)flags;
        key[2] = 3;
        key[3] = MAV_DNSSEC_ALG_ECDSAP256SHA256;
        for (i = 0; i < 64; i++)
            key[4 + i] = (uint8_t)(i * 7 + 1);
        tag = mav_dnssec_keytag(key, sizeof key);
        ds[0] = (uint8_t)(tag >> 8);
        ds[1] = (uint8_t)tag;
        ds[2] = MAV_DNSSEC_ALG_ECDSAP256SHA256;
        ds[3] = MAV_DNSSEC_DIGEST_SHA256;
        CHECK(mav_dnssec_ds_digest(root, key, sizeof key,
                                   MAV_DNSSEC_DIGEST_SHA256, ds + 4,
                                   &dlen) == MAV_OK);
        k.msg = key;
        k.msg_len = k.len = sizeof key;
        k.off = 0;
        d.msg = ds;
        d.msg_len = d.len = (uint16_t)(4 + dlen);
        d.off = 0;
        CHECK_INT(revoked ? "revoked key refused" : "same key, not revoked",
                  mav_dnssec_ds_check(root, &d, &k,
                                      mav_dnssec_ds_honoured(&d, 1)),
                  revoked ? MAV_DNSSEC_R_NOT_ZONE_KEY : MAV_DNSSEC_R_OK);
    }
}
