/* SPDX-License-Identifier: MIT */
/*
 * test_dnssec_denial.c - the dnssec_denial suite: what mav_denial_check
 * and mav_denial_wildcard_answer (core/mav_dnssec_denial.h) conclude
 * from hand-made NSEC records (RFC 4035 §5.4, RFC 6840 §4), one response
 * per case, built with msgbuild. Signatures are not part of this: the
 * validator checks them before it asks what the records prove.
 *
 * The cases centre on empty non-terminals (RFC 4592 §2.2.2): an NSEC
 * that covers the name and whose next name lies below it proves that
 * the name exists without data, so NODATA for every type (DS too, with
 * no zone cut there) and never NXDOMAIN (PowerDNS fixed the same hole in
 * 2020, pdns#9237); beside them, the neighbours that must not change:
 * NXDOMAIN below an ENT, a sibling next name, a parent-side NSEC above
 * the name, the wrap to the apex, a wildcard answer at an ENT.
 */
#include <string.h>

#include "mav_dns_text.h"
#include "mav_dnssec_denial.h"
#include "msgbuild.h"
#include "test.h"

#define ZONE "z.test."

typedef struct {
    const char *what;
    const char *nsec[3]; /* "owner next TYPE ..." in the authority */
    const char *qname;
    const char *qtype;
    mav_denial_proof want;
    int delegation;
} dcase;

static const dcase cases[] = {
    /* RFC 4035 §5.4, RFC 4592 §2.2.2: next name below qname: an ENT */
    {"ENT A", {"a.z.test. x.ent.z.test. A RRSIG NSEC"}, "ent.z.test.", "A",
     MAV_DENIAL_NODATA, 0},
    {"ENT MX", {"a.z.test. x.ent.z.test. A RRSIG NSEC"}, "ent.z.test.", "MX",
     MAV_DENIAL_NODATA, 0},
    {"ENT AAAA, the wildcard denied too",
     {"z.test. a.z.test. SOA NS RRSIG NSEC DNSKEY",
      "a.z.test. x.ent.z.test. A RRSIG NSEC"},
     "ent.z.test.", "AAAA", MAV_DENIAL_NODATA, 0},
    {"ENT DS: no zone cut", {"a.z.test. x.ent.z.test. A RRSIG NSEC"},
     "ent.z.test.", "DS", MAV_DENIAL_NODATA, 0},
    {"ENT two levels up", {"a.z.test. y.x.ent.z.test. A RRSIG NSEC"},
     "ent.z.test.", "TXT", MAV_DENIAL_NODATA, 0},
    {"ENT one level up", {"a.z.test. y.x.ent.z.test. A RRSIG NSEC"},
     "x.ent.z.test.", "A", MAV_DENIAL_NODATA, 0},
    {"ENT over a wildcard", {"a.z.test. *.ent.z.test. TXT RRSIG NSEC"},
     "ent.z.test.", "TXT", MAV_DENIAL_NODATA, 0},
    /* below the ENT: the same NSEC covers the name and *.ent */
    {"NXDOMAIN below an ENT", {"a.z.test. x.ent.z.test. A RRSIG NSEC"},
     "nope.ent.z.test.", "A", MAV_DENIAL_NXDOMAIN, 0},
    /* a sibling next name says nothing about existence */
    {"sibling next, wildcard open", {"a.z.test. m.z.test. A RRSIG NSEC"},
     "ent.z.test.", "A", MAV_DENIAL_NONE, 0},
    {"sibling next, wildcard denied",
     {"z.test. a.z.test. SOA NS RRSIG NSEC DNSKEY",
      "a.z.test. m.z.test. A RRSIG NSEC"},
     "ent.z.test.", "A", MAV_DENIAL_NXDOMAIN, 0},
    /* RFC 6840 §4.1: a parent-side NSEC proves nothing below its cut */
    {"ENT under a cut: no proof",
     {"del.z.test. x.ent.del.z.test. NS RRSIG NSEC"}, "ent.del.z.test.",
     "A", MAV_DENIAL_NONE, 0},
    {"ENT DS under a cut: no proof",
     {"del.z.test. x.ent.del.z.test. NS RRSIG NSEC"}, "ent.del.z.test.",
     "DS", MAV_DENIAL_NONE, 0},
    /* the last NSEC wraps to the apex: the apex is no descendant */
    {"wrap to the apex", {"zz.z.test. z.test. A RRSIG NSEC"},
     "zzz.z.test.", "A", MAV_DENIAL_NONE, 0},
    /* the name's own NSEC still decides, ENT or not */
    {"own NSEC, DS at a cut", {"del.z.test. e.z.test. NS RRSIG NSEC"},
     "del.z.test.", "DS", MAV_DENIAL_NODATA, 1},
};

static msgb mb;

/* "owner next TYPE ..." as an NSEC RR in the authority section. */
static int add_nsec(const char *spec)
{
    char buf[256], *tok[24];
    uint8_t rd[MAV_DNS_NAME_MAX + 34];
    size_t n = 0, nl;
    unsigned k, ntok = 0;
    const uint8_t *next;
    uint8_t maxbyte = 0;

    if (strlen(spec) >= sizeof buf)
        return -1;
    strcpy(buf, spec);
    for (tok[0] = strtok(buf, " "); tok[ntok] && ntok < 23;)
        tok[++ntok] = strtok(NULL, " ");
    if (ntok < 2)
        return -1;
    next = test_wire_name(tok[1]);
    nl = mav_dns_name_len(next);
    memcpy(rd, next, nl);
    n = nl;
    /* one window (0): every type here is below 256 */
    memset(rd + n, 0, 34);
    for (k = 2; k < ntok; k++) {
        uint16_t t;
        if (mav_dns_type_from_name(tok[k], &t) != MAV_OK || t > 255)
            return -1;
        rd[n + 2 + t / 8] |= (uint8_t)(0x80 >> (t % 8));
        if (t / 8 > maxbyte)
            maxbyte = (uint8_t)(t / 8);
    }
    rd[n] = 0;
    rd[n + 1] = (uint8_t)(maxbyte + 1);
    mb_rr(&mb, 2, tok[0], MAV_DNS_TYPE_NSEC, 60, rd, n + 2 + maxbyte + 1u);
    return 0;
}

/* The response to c's question: its NSECs; NOERROR whatever they say
 * (mav_denial_check reads only the records). */
static int build(const dcase *c, uint16_t qtype, mav_dns_msg *m)
{
    unsigned i;

    mb_start(&mb, 1, 0, c->qname, qtype);
    for (i = 0; i < 3 && c->nsec[i]; i++)
        if (add_nsec(c->nsec[i]) != 0)
            return -1;
    return mav_dns_msg_parse(m, mb.b, mb.len, NULL);
}

static void one(const dcase *c)
{
    mav_dnssec_budget b;
    mav_dns_msg m;
    mav_denial d;
    uint16_t qtype = 0;
    uint8_t qname[MAV_DNS_NAME_MAX];

    if (mav_dns_type_from_name(c->qtype, &qtype) != MAV_OK ||
        build(c, qtype, &m) != MAV_OK) {
        CHECK_L(c->what, 0);
        return;
    }
    memcpy(qname, test_wire_name(c->qname),
           mav_dns_name_len(test_wire_name(c->qname)));
    mav_dnssec_budget_init(&b);
    CHECK_INT(c->what, mav_denial_check(&m, test_wire_name(ZONE), qname,
                                        qtype, &b, &d),
              MAV_OK);
    CHECK_INT(c->what, d.proof, c->want);
    CHECK_INT(c->what, d.delegation, c->delegation);
    CHECK_INT(c->what, d.wildcard, 0);
    CHECK_INT(c->what, d.nsec3, 0);
}

/* RFC 4035 §5.3.4: an answer "from *.z.test" for a name that an NSEC
 * shows to exist (an ENT) is no wildcard expansion: no proof. */
static void wildcard_at_ent(void)
{
    static const dcase c = {"wildcard answer at an ENT",
                            {"a.z.test. x.ent.z.test. A RRSIG NSEC"},
                            "ent.z.test.", "A", MAV_DENIAL_NONE, 0};
    static const dcase below = {"wildcard answer below an ENT",
                                {"a.z.test. x.ent.z.test. A RRSIG NSEC"},
                                "q.ent.z.test.", "A", MAV_DENIAL_NXDOMAIN,
                                0};
    mav_dnssec_budget b;
    mav_dns_msg m;
    mav_denial d;

    mav_dnssec_budget_init(&b);
    CHECK_INT(c.what, build(&c, MAV_DNS_TYPE_A, &m), MAV_OK);
    mav_denial_wildcard_answer(&m, test_wire_name(ZONE),
                               test_wire_name(c.qname), 2, &b, &d);
    CHECK_INT(c.what, d.proof, MAV_DENIAL_NONE);
    /* q.ent.z.test from *.ent.z.test (Labels 3): the ENT is the closest
     * encloser, q is covered: a proper expansion */
    CHECK_INT(below.what, build(&below, MAV_DNS_TYPE_A, &m), MAV_OK);
    mav_denial_wildcard_answer(&m, test_wire_name(ZONE),
                               test_wire_name(below.qname), 3, &b, &d);
    CHECK_INT(below.what, d.proof, MAV_DENIAL_NXDOMAIN);
    CHECK_INT(below.what, d.wildcard, 1);
}

void suite_dnssec_denial(void)
{
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        one(&cases[i]);
    wildcard_at_ent();
}
