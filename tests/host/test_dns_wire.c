/* SPDX-License-Identifier: MIT */
/*
 * test_dns_wire.c - the DNS wire codec (core/mav_dns_wire.h) against real
 * answers that NSD gave for a zone holding every RR type mav reads
 * (vectors/dns_wire.vec, from tools/capture-dns-wire), each compared RR by
 * RR with dnspython's reading of the same bytes, including the RFC 4034
 * §6.2 canonical RDATA; every captured answer cut at every byte (a
 * truncation ladder); queries checked byte by byte and decoded by
 * dnspython; hand-made hostile messages, each with its defined error; the
 * RFC 4034 §6.1 canonical order example; presentation-form round trips.
 * Inputs are copied to the end of a static buffer so that ASan catches
 * any read past them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dns_wire.h"
#include "test.h"
#include "vec.h"

#define BUF 70000
static uint8_t arena[BUF];

/* Put data at the very end of arena: one byte more is out of bounds. */
static const uint8_t *at_end(const void *data, size_t n)
{
    uint8_t *p = arena + BUF - n;
    memmove(p, data, n);
    return p;
}

static int parse(const void *data, size_t n, mav_dns_msg *m, mav_perr *e)
{
    return mav_dns_msg_parse(m, at_end(data, n), n, e);
}

static size_t name_of(const char *txt, uint8_t *out)
{
    size_t n = 0;
    int r = mav_dns_name_from_text(txt, strlen(txt), NULL, out, &n);
    CHECK_L(txt, r == MAV_OK);
    return n;
}

/* ---- captured answers ----------------------------------------------- */

static uint8_t msg[BUF];

/* Field i (0-based, space-separated) of a record line into buf. */
static const char *field(const char *rec, size_t rec_len, int i, char *buf,
                         size_t cap)
{
    size_t a = 0, b;

    for (; i > 0; i--) {
        while (a < rec_len && rec[a] != ' ')
            a++;
        a++;
    }
    if (a > rec_len)
        a = rec_len;
    for (b = a; b < rec_len && rec[b] != ' '; b++)
        ;
    if (b - a >= cap)
        b = a + cap - 1;
    memcpy(buf, rec + a, b - a);
    buf[b - a] = 0;
    return buf;
}

static const char *sec_name(unsigned s)
{
    return s == MAV_DNS_SEC_AN ? "AN" : s == MAV_DNS_SEC_NS ? "NS" : "AR";
}

/* Spot checks of typed fields on answers whose contents we know. */
static void typed_checks(const char *name, const mav_dns_msg *m)
{
    mav_dns_iter it;
    mav_dns_rr rr;
    mav_dns_rdata rd;
    uint8_t want[MAV_DNS_NAME_MAX], txt[600];
    size_t n;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_AN);
    while (mav_dns_iter_next(&it, &rr) > 0) {
        CHECK_INT(name, mav_dns_rr_rdata(m, &rr, &rd), MAV_OK);
        if (rr.type == MAV_DNS_TYPE_RRSIG) {
            CHECK_INT(name, rd.kind, MAV_DNS_TYPE_RRSIG);
            n = name_of(strstr(name, "nsec3") ? "nsec3.test." : "wire.test.",
                        want);
            CHECK_MEM(name, rd.u.rrsig.signer, rd.u.rrsig.signer_len, want, n);
            /* Equal, or fewer for a wildcard expansion (RFC 4035 §5.3.2). */
            CHECK_INT(name, rd.u.rrsig.labels,
                      (strstr(name, ".wild.") || strstr(name, ".w.nsec3")) ? 3
                                         : mav_dns_name_rrsig_labels(rr.owner));
            CHECK_INT(name, rd.u.rrsig.orig_ttl >= rr.ttl, 1);
            continue;
        }
        if (strcmp(name, "wire.test-soa") == 0) {
            CHECK_INT(name, rd.u.soa.serial, 2026110101);
            CHECK_INT(name, rd.u.soa.minimum, 300);
            n = name_of("hostmaster.Wire.Test.", want);
            CHECK_L(name, rd.u.soa.rname_len == n &&
                              mav_dns_name_eq(rd.u.soa.rname, want));
        } else if (strcmp(name, "wire.test-mx") == 0) {
            CHECK_L(name, rd.u.mx.pref == 10 || rd.u.mx.pref == 20);
            n = name_of(rd.u.mx.pref == 10 ? "mail.wire.test."
                                           : "Mail.Other.Test.",
                        want);
            CHECK_L(name, rd.u.mx.host_len == n &&
                              mav_dns_name_eq(rd.u.mx.host, want));
        } else if (strcmp(name, "multi.wire.test-txt") == 0) {
            static const char j[] =
                "part one part two\"quoted\" \\ and ; semicolon";
            CHECK_INT(name, rd.u.txt.count, 4);
            CHECK_INT(name, mav_dns_txt_join(rd.raw, rd.raw_len, txt,
                                             sizeof txt, &n), MAV_OK);
            CHECK_MEM(name, txt, n, j, sizeof j - 1);
            CHECK_INT(name, mav_dns_txt_join(rd.raw, rd.raw_len, txt, 5, &n),
                      MAV_ERR_SPACE);
            CHECK_INT(name, n, sizeof j - 1);
        } else if (strcmp(name, "big.wire.test-txt") == 0) {
            CHECK_INT(name, rd.u.txt.total, 510);
        } else if (strcmp(name, "mixed.case.wire.test-a") == 0) {
            static const uint8_t a[4] = {192, 0, 2, 7};
            CHECK_MEM(name, rd.u.a, 4, a, 4);
        } else if (strcmp(name, "ns1.wire.test-aaaa") == 0) {
            static const uint8_t a[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x53};
            CHECK_MEM(name, rd.u.aaaa, 16, a, 16);
        } else if (strcmp(name, "sub.wire.test-ds") == 0) {
            CHECK_INT(name, rd.u.ds.key_tag, 12345);
            CHECK_INT(name, rd.u.ds.digest_len,
                      rd.u.ds.digest_type == 2 ? 32 : 48);
        } else if (strcmp(name, "x.alias.wire.test-a") == 0 &&
                   rr.type == MAV_DNS_TYPE_DNAME) {
            n = name_of("Other.Test.", want);
            CHECK_L(name, rd.u.name.len == n &&
                              mav_dns_name_eq(rd.u.name.name, want));
        } else if (strcmp(name, "nsec3.test-nsec3param") == 0) {
            CHECK_INT(name, rd.u.nsec3.hash_alg, 1);
            CHECK_INT(name, rd.u.nsec3.iterations, 0);
            CHECK_INT(name, rd.u.nsec3.salt_len, 2);
            CHECK_INT(name, rd.u.nsec3.salt[0] << 8 | rd.u.nsec3.salt[1],
                      0xcafe);
        } else if (strcmp(name, "wire.test-dnskey") == 0) {
            CHECK_INT(name, rd.u.dnskey.protocol, 3);
            CHECK_INT(name, rd.u.dnskey.algorithm, 13);
            CHECK_INT(name, rd.u.dnskey.key_len, 64);
        } else if (strcmp(name, "wire.test-nsec") == 0) {
            CHECK_INT(name, rd.kind, MAV_DNS_TYPE_NSEC);
            CHECK(mav_dns_bitmap_has(rd.u.nsec.types, rd.u.nsec.types_len,
                                     MAV_DNS_TYPE_SOA));
            CHECK(mav_dns_bitmap_has(rd.u.nsec.types, rd.u.nsec.types_len,
                                     MAV_DNS_TYPE_DNSKEY));
            CHECK(!mav_dns_bitmap_has(rd.u.nsec.types, rd.u.nsec.types_len,
                                      MAV_DNS_TYPE_A));
        } else if (strcmp(name, "unk.wire.test-type65280") == 0) {
            CHECK_INT(name, rd.kind, 0);
            CHECK_INT(name, rd.raw_len, 4);
        }
    }
}

static unsigned n_msgs, n_rrs, n_finds;

/* mav_dns_iter_find(owner, type) over section sec of m must give exactly
 * the RRs that mav_dns_iter_next gives with that type and owner. */
static void find_agrees(const char *label, const mav_dns_msg *m,
                        unsigned sec, const uint8_t *owner, uint16_t type)
{
    mav_dns_iter all, some;
    mav_dns_rr a, b;
    int ra, rb;

    n_finds++;
    mav_dns_iter_init(&all, m, sec);
    mav_dns_iter_init(&some, m, sec);
    for (;;) {
        while ((ra = mav_dns_iter_next(&all, &a)) > 0 &&
               (a.type != type || !mav_dns_name_eq(a.owner, owner)))
            ;
        rb = mav_dns_iter_find(&some, &b, owner, type);
        CHECK_INT(label, rb, ra);
        if (ra <= 0 || rb != ra)
            return;
        CHECK_INT(label, (long)b.off, (long)a.off);
        CHECK_INT(label, (long)b.rdata, (long)a.rdata);
        CHECK_INT(label, b.ttl, a.ttl);
        CHECK_INT(label, b.rclass, a.rclass);
        CHECK_L(label, mav_dns_name_eq(b.owner, a.owner));
    }
}

/* For every RR's owner and type in m: the exact name, the name in
 * upper case (case is ignored), and a name that is not there. */
static void finds(const char *label, const mav_dns_msg *m)
{
    mav_dns_iter it;
    mav_dns_rr rr;
    size_t i;

    mav_dns_iter_init(&it, m, MAV_DNS_SEC_ALL);
    while (mav_dns_iter_next(&it, &rr) > 0) {
        static const uint8_t absent[] = "\6absent\7invalid";
        find_agrees(label, m, rr.section, rr.owner, rr.type);
        find_agrees(label, m, MAV_DNS_SEC_ALL, rr.owner, rr.type);
        for (i = 0; i < rr.owner_len; i++)
            if (rr.owner[i] >= 'a' && rr.owner[i] <= 'z')
                rr.owner[i] = (uint8_t)(rr.owner[i] - 32);
        find_agrees(label, m, rr.section, rr.owner, rr.type);
        find_agrees(label, m, rr.section, absent, rr.type);
    }
}

static void captured(const vec_case *c, void *arg)
{
    const char *name = vec_get(c, "name"), *rrs = vec_get(c, "rrs");
    long len = vec_hex(c, "msg", msg, sizeof msg);
    size_t rrs_len = vec_len(c, "rrs"), pos = 0;
    mav_dns_msg m;
    mav_dns_iter it;
    mav_dns_rr rr;
    mav_perr e;
    int r;
    size_t cut;

    (void)arg;
    CHECK_L(c->kind, name && rrs && len > 0);
    if (!name || !rrs || len <= 0)
        return;
    n_msgs++;
    r = parse(msg, (size_t)len, &m, &e);
    CHECK_INT(name, r, MAV_OK);
    if (r != MAV_OK) {
        fprintf(stderr, "  at %lu: %s\n", (unsigned long)e.offset, e.what);
        return;
    }
    CHECK_INT(name, m.rcode, strtol(vec_get(c, "rcode"), NULL, 10));
    CHECK_INT(name, m.has_opt, 1);
    {
        char want[64];
        snprintf(want, sizeof want, "%u %u", m.edns_udp_size, m.edns_flags);
        CHECK_MEM(name, want, strlen(want), vec_get(c, "edns"),
                  vec_len(c, "edns"));
    }
    CHECK_INT(name, m.end, len);
    {
        /* The question is the one asked (query = "NAME TYPE"). */
        const char *q = vec_get(c, "query");
        uint8_t qn[MAV_DNS_NAME_MAX], got[MAV_DNS_NAME_MAX];
        size_t qn_len = 0, got_len = 0;
        uint16_t qt = 0, qc = 0;

        CHECK_INT(name, mav_dns_name_from_text(q, (size_t)(strchr(q, ' ') - q),
                                               NULL, qn, &qn_len), MAV_OK);
        CHECK_INT(name, mav_dns_msg_question(&m, got, &got_len, &qt, &qc),
                  MAV_OK);
        CHECK_L(name, mav_dns_name_eq(got, qn));
        CHECK_INT(name, qc, MAV_DNS_CLASS_IN);
    }
    finds(name, &m);
    /* Every RR as dnspython read it, OPT aside. */
    mav_dns_iter_init(&it, &m, MAV_DNS_SEC_ALL);
    while ((r = mav_dns_iter_next(&it, &rr)) > 0) {
        static uint8_t want[4096], got[4096];
        char f[4096], line[80];
        size_t end, got_len, rec_len;
        const char *rec;
        long wl;

        if (rr.type == MAV_DNS_TYPE_OPT)
            continue;
        n_rrs++;
        snprintf(line, sizeof line, "%s rr %u", name, n_rrs);
        if (pos >= rrs_len) {
            CHECK_L(line, !"more RRs than dnspython saw");
            break;
        }
        rec = rrs + pos;
        for (end = pos; end < rrs_len && rrs[end] != '|'; end++)
            ;
        rec_len = end - pos;
        pos = end + 1;
        CHECK_MEM(line, sec_name(rr.section), 2, field(rec, rec_len, 0, f,
                                                      sizeof f), 2);
        CHECK_INT(line, rr.type, strtol(field(rec, rec_len, 1, f, sizeof f),
                                        NULL, 10));
        CHECK_INT(line, rr.rclass, strtol(field(rec, rec_len, 2, f, sizeof f),
                                          NULL, 10));
        CHECK_INT(line, rr.ttl, strtol(field(rec, rec_len, 3, f, sizeof f),
                                       NULL, 10));
        wl = test_unhex(field(rec, rec_len, 4, f, sizeof f), want,
                        sizeof want);
        CHECK_MEM(line, rr.owner, rr.owner_len, want, (size_t)wl);
        /* Uncompressed RDATA, then canonical RDATA (RFC 4034 §6.2). */
        wl = test_unhex(field(rec, rec_len, 5, f, sizeof f), want,
                        sizeof want);
        CHECK_INT(line, mav_dns_rdata_expand(m.p, m.len, rr.type, rr.rclass,
                                             rr.rdata, rr.rdlen, 0, got,
                                             sizeof got, &got_len), MAV_OK);
        CHECK_MEM(line, got, got_len, want, (size_t)wl);
        wl = test_unhex(field(rec, rec_len, 6, f, sizeof f), want,
                        sizeof want);
        CHECK_INT(line, mav_dns_rdata_expand(m.p, m.len, rr.type, rr.rclass,
                                             rr.rdata, rr.rdlen,
                                             MAV_DNS_RD_CANON, got,
                                             sizeof got, &got_len), MAV_OK);
        CHECK_MEM(line, got, got_len, want, (size_t)wl);
        {
            /* The expanded RDATA reads on its own, as a cache holds it. */
            mav_dns_rdata rd;
            CHECK_INT(line, mav_dns_rdata_read(got, got_len, rr.type,
                                               rr.rclass, 0,
                                               (uint16_t)got_len, &rd, NULL),
                      MAV_OK);
        }
    }
    CHECK_INT(name, r, 0);
    CHECK_L(name, pos >= rrs_len);
    typed_checks(name, &m);

    /* Truncation ladder: every strict prefix fails cleanly. */
    for (cut = 0; cut < (size_t)len; cut++) {
        r = parse(msg, cut, &m, &e);
        if (r != MAV_ERR_FORMAT) {
            char l[80];
            snprintf(l, sizeof l, "%s cut at %zu", name, cut);
            CHECK_INT(l, r, MAV_ERR_FORMAT);
        } else {
            test_passed++;
        }
    }
}

/* ---- queries ---------------------------------------------------------- */

static void queries(void)
{
    static const uint8_t want[] = {
        0xbe, 0xef, 0x01, 0x10, 0, 1, 0, 0, 0, 0, 0, 1,  /* RD CD, QD AR */
        2, 'd', 'k', 4, 'm', 'a', 'i', 'l', 0, 0, 16, 0, 1, /* TXT IN */
        0, 0, 41, 0x04, 0xd0, 0, 0, 0x80, 0, 0, 0};      /* OPT 1232 DO */
    uint8_t qn[MAV_DNS_NAME_MAX], buf[600];
    size_t qn_len = name_of("dk.mail.", qn), n = 0, cap;
    mav_dns_msg m;
    uint16_t qt, qc;
    char path[600], cmd[700];
    FILE *f;
    int r;

    CHECK_INT("query", mav_dns_query_build(buf, sizeof buf, 0xbeef, qn,
                                           qn_len, MAV_DNS_TYPE_TXT,
                                           MAV_DNS_CLASS_IN, &n), MAV_OK);
    CHECK_MEM("query bytes", buf, n, want, sizeof want);
    for (cap = 0; cap < sizeof want; cap++)
        CHECK_INT("query space", mav_dns_query_build(buf, cap, 1, qn, qn_len,
                                                     1, 1, &n), MAV_ERR_SPACE);
    CHECK_INT("query bad name", mav_dns_query_build(buf, sizeof buf, 1, qn,
                                                    qn_len - 1, 1, 1, &n),
              MAV_ERR_ARG);
    /* Our own parser reads it back. */
    qn_len = name_of("_dmarc.Example.COM.", qn);
    CHECK_INT("query", mav_dns_query_build(buf, sizeof buf, 0x1234, qn,
                                           qn_len, MAV_DNS_TYPE_DNSKEY,
                                           MAV_DNS_CLASS_IN, &n), MAV_OK);
    CHECK_INT("query parse", parse(buf, n, &m, NULL), MAV_OK);
    CHECK_INT("query edns", m.has_opt && m.edns_udp_size == 1232 &&
                            m.edns_flags == MAV_DNS_EDNS_FLAG_DO, 1);
    CHECK_INT("query q", mav_dns_msg_question(&m, NULL, NULL, &qt, &qc),
              MAV_OK);
    CHECK_INT("query qt", qt, MAV_DNS_TYPE_DNSKEY);
    /* And an independent decoder (dnspython) agrees. */
    snprintf(path, sizeof path, "%s/dns_wire_query.bin", test_tmpdir());
    f = fopen(path, "wb");
    CHECK_L("write query", f != NULL);
    if (!f)
        return;
    fwrite(buf, 1, n, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s.txt", path);
    r = test_sh("/usr/bin/python3 -c '"
                "import sys, dns.message, dns.flags as F\n"
                "m = dns.message.from_wire(open(sys.argv[1], \"rb\").read())\n"
                "q = m.question[0]\n"
                "print(m.id, F.to_text(m.flags), q.name, q.rdtype, q.rdclass,"
                " m.edns, m.payload, m.ednsflags, len(m.options),"
                " len(m.answer), len(m.authority), len(m.additional))"
                "' %s > %s", path, cmd);
    CHECK_INT("dnspython ran", r, 0);
    {
        static const char exp[] =
            "4660 RD CD _dmarc.Example.COM. 48 1 0 1232 32768 0 0 0 0\n";
        char got[200];
        long gl = test_read_file(cmd, (uint8_t *)got, sizeof got);
        CHECK_MEM("dnspython reads our query", got, gl < 0 ? 0 : (size_t)gl,
                  exp, sizeof exp - 1);
    }
}

/* ---- hostile input ---------------------------------------------------- */

/* A header with the given counts; returns 12. */
static size_t hdr(uint8_t *p, unsigned qd, unsigned an, unsigned ns,
                  unsigned ar)
{
    static const uint8_t h[4] = {0x12, 0x34, 0x81, 0x80};
    memcpy(p, h, 4);
    p[4] = (uint8_t)(qd >> 8), p[5] = (uint8_t)qd;
    p[6] = (uint8_t)(an >> 8), p[7] = (uint8_t)an;
    p[8] = (uint8_t)(ns >> 8), p[9] = (uint8_t)ns;
    p[10] = (uint8_t)(ar >> 8), p[11] = (uint8_t)ar;
    return 12;
}

static size_t put(uint8_t *p, const char *hex)
{
    long n = test_unhex(hex, p, 4096);
    CHECK_L(hex, n >= 0);
    return n < 0 ? 0 : (size_t)n;
}

/* "q.": question name, type A class IN */
#define Q "0171 00 0001 0001"

static void expect(const char *what, const uint8_t *p, size_t n, int code,
                   long offset)
{
    mav_dns_msg m;
    mav_perr e = {0, 0, NULL};
    int r = parse(p, n, &m, &e);

    CHECK_INT(what, r, code);
    if (r == code && code != MAV_OK) {
        CHECK_INT(what, e.code, code);
        CHECK_L(what, e.what != NULL);
        if (offset >= 0)
            CHECK_INT(what, e.offset, offset);
    }
}

static void hostile(void)
{
    static uint8_t p[70000];
    size_t n, i;

    /* The baseline: one question, one A answer via a pointer. */
    n = hdr(p, 1, 1, 0, 0);
    n += put(p + n, Q "c00c 0001 0001 00000e10 0004 c0000201");
    expect("baseline", p, n, MAV_OK, -1);
    /* Pointer to itself, forward pointer, pointer to the same offset
     * after a label (a loop), pointer past the end, pointer cut short. */
    n = hdr(p, 1, 0, 0, 0) + put(p + 12, "c00c 0001 0001");
    expect("self pointer", p, n, MAV_ERR_FORMAT, 12);
    n = hdr(p, 1, 0, 0, 0) + put(p + 12, "c00e 0001 0001 00");
    expect("forward pointer", p, n, MAV_ERR_FORMAT, 12);
    n = hdr(p, 1, 0, 0, 0) + put(p + 12, "0161 c00c 0001 0001");
    expect("label then loop", p, n, MAV_ERR_FORMAT, 14);
    n = hdr(p, 1, 1, 0, 0);
    n += put(p + n, Q "c0ff 0001 0001 00000e10 0004 c0000201");
    expect("pointer past the end", p, n, MAV_ERR_FORMAT, 19);
    n = hdr(p, 1, 0, 0, 0) + put(p + 12, "0171 0172 c0");
    expect("pointer cut short", p, n, MAV_ERR_FORMAT, 16);
    /* Two names pointing into each other: the first one is forward. */
    n = hdr(p, 2, 0, 0, 0) + put(p + 12, "0161 c014 0001 0001 0162 c00c"
                                         " 0001 0001");
    expect("mutual pointers", p, n, MAV_ERR_FORMAT, 14);
    /* Reserved label types 0x40 (a "64-byte label") and 0x80. */
    n = hdr(p, 1, 0, 0, 0);
    p[n++] = 64;
    memset(p + n, 'a', 64);
    n += 64;
    n += put(p + n, "00 0001 0001");
    expect("64-byte label", p, n, MAV_ERR_FORMAT, 12);
    n = hdr(p, 1, 0, 0, 0) + put(p + 12, "8161 00 0001 0001");
    expect("label type 0x80", p, n, MAV_ERR_FORMAT, 12);
    /* 255 bytes is the most (RFC 1035 §2.3.4); 256 is refused, also when
     * compression puts it together. */
    for (i = 0; i < 2; i++) {
        n = hdr(p, 1, 0, 0, 0);
        memset(p + n, 'x', 256);
        p[n] = p[n + 64] = p[n + 128] = 63;
        p[n + 192] = (uint8_t)(61 + i);
        n += 192 + 62 + i;
        p[n++] = 0;
        n += put(p + n, "0001 0001");
        expect(i ? "256-byte name" : "255-byte name", p, n,
               i ? MAV_ERR_FORMAT : MAV_OK, i ? 204 : -1);
    }
    n = hdr(p, 2, 0, 0, 0);
    memset(p + n, 'x', 200);
    p[n] = p[n + 64] = p[n + 128] = 63;
    p[n + 192] = 6;
    n += 199;
    p[n++] = 0;
    n += put(p + n, "0001 0001");
    p[n] = 60;
    memset(p + n + 1, 'y', 60);
    n += 61;
    n += put(p + n, "c00c 0001 0001");
    expect("256 bytes by compression", p, n, MAV_ERR_FORMAT, 204);
    /* RDLENGTH past the end; counts larger than the message; over cap. */
    n = hdr(p, 1, 1, 0, 0);
    n += put(p + n, Q "c00c 0001 0001 00000e10 0005 c0000201");
    expect("RDLENGTH past the end", p, n, MAV_ERR_FORMAT, 29);
    n = hdr(p, 1, 2, 0, 0);
    n += put(p + n, Q "c00c 0001 0001 00000e10 0004 c0000201");
    expect("ANCOUNT larger than the message", p, n, MAV_ERR_FORMAT, 4);
    n = hdr(p, 1, 0, 0, 0xffff) + put(p + 12, Q);
    expect("ARCOUNT 65535", p, n, MAV_ERR_LIMIT, 4);
    n = hdr(p, 1, 1, 1, 0);
    n += put(p + n, Q "c00c 0001 0001 00000e10 0004 c0000201 0000");
    expect("second RR cut short", p, n, MAV_ERR_FORMAT, -1);
    /* OPT rules (RFC 6891 §6.1.1). */
    n = hdr(p, 1, 0, 0, 2);
    n += put(p + n, Q "00 0029 04d0 00008000 0000 00 0029 04d0 00008000 0000");
    expect("two OPT", p, n, MAV_ERR_FORMAT, 30);
    n = hdr(p, 1, 1, 0, 0);
    n += put(p + n, Q "00 0029 04d0 00008000 0000");
    expect("OPT in the answer", p, n, MAV_ERR_FORMAT, 19);
    n = hdr(p, 1, 0, 0, 1);
    n += put(p + n, Q "c00c 0029 04d0 00008000 0000");
    expect("OPT not at the root", p, n, MAV_ERR_FORMAT, 19);
    n = hdr(p, 1, 0, 0, 1);
    n += put(p + n, Q "00 0029 04d0 01008000 0005 000a 0002 ab");
    expect("OPT option past RDATA", p, n, MAV_ERR_FORMAT, -1);
    n = hdr(p, 1, 0, 0, 1);
    n += put(p + n, Q "00 0029 04d0 01008000 0006 000a 0002 abcd");
    expect("OPT extended rcode", p, n, MAV_OK, -1);
    {
        mav_dns_msg m;
        CHECK_INT("BADVERS", parse(p, n, &m, NULL), MAV_OK);
        CHECK_INT("BADVERS", m.rcode, MAV_DNS_RCODE_BADVERS);
    }
    /* RDATA layouts. */
#define RR(type, rdata) Q "c00c " type " 0001 00000e10 " rdata
    static const struct {
        const char *what, *hex;
        int code;
    } bad[] = {
        {"A of 5 bytes", RR("0001", "0005 c000020101"), MAV_ERR_FORMAT},
        {"AAAA of 4", RR("001c", "0004 c0000201"), MAV_ERR_FORMAT},
        {"A in class CH is opaque",
         Q "c00c 0001 0003 00000e10 0003 c00002", MAV_OK},
        {"empty TXT", RR("0010", "0000"), MAV_ERR_FORMAT},
        {"TXT past RDATA", RR("0010", "0003 0561 6263"), MAV_ERR_FORMAT},
        {"TXT empty string", RR("0010", "0001 00"), MAV_OK},
        {"CNAME past RDLENGTH", RR("0005", "0003 0361 6263 00"),
         MAV_ERR_FORMAT},
        {"CNAME with bytes left", RR("0005", "0004 c00c 0000"),
         MAV_ERR_FORMAT},
        {"CNAME compressed", RR("0005", "0002 c00c"), MAV_OK},
        {"MX too short", RR("000f", "0001 00"), MAV_ERR_FORMAT},
        {"SOA too short", RR("0006", "0008 00 00 00000001 0000"),
         MAV_ERR_FORMAT},
        {"RRSIG compressed signer",
         RR("002e", "0014 0001 0d 01 00000e10 00000002 00000001 1234 c00c"),
         MAV_ERR_FORMAT},
        {"RRSIG ok",
         RR("002e", "0014 0001 0d 01 00000e10 00000002 00000001 1234 00 ab"),
         MAV_OK},
        {"NSEC compressed next", RR("002f", "0005 c00c 0001 06"),
         MAV_ERR_FORMAT},
        {"NSEC ok", RR("002f", "0004 00 0001 06"), MAV_OK},
        {"NSEC trailing zero", RR("002f", "0005 00 0002 0600"),
         MAV_ERR_FORMAT},
        {"NSEC window order", RR("002f", "0007 00 0101 40 0001 40"),
         MAV_ERR_FORMAT},
        {"NSEC bitmap 0 bytes", RR("002f", "0003 00 0000"), MAV_ERR_FORMAT},
        {"NSEC bitmap past RDATA", RR("002f", "0004 00 0002 40"),
         MAV_ERR_FORMAT},
        {"NSEC bitmap 33 bytes",
         RR("002f", "0024 00 0021 0000000000000000000000000000000000000000"
                    "00000000000000000000000001"), MAV_ERR_FORMAT},
        {"DS SHA-256 of 31 bytes",
         RR("002b", "0023 3039 0d 02 00000000000000000000000000000000000000"
                    "000000000000000000000001"), MAV_ERR_FORMAT},
        {"DS unknown digest", RR("002b", "0005 3039 0d 09 01"), MAV_OK},
        {"DNSKEY too short", RR("0030", "0003 0101 03"), MAV_ERR_FORMAT},
        {"NSEC3 no hash", RR("0032", "0006 01 00 0000 00 00"),
         MAV_ERR_FORMAT},
        {"NSEC3 salt past RDATA", RR("0032", "0006 01 00 0000 05 0102"),
         MAV_ERR_FORMAT},
        {"NSEC3 ok, empty bitmap", RR("0032", "0007 01 00 0000 00 01 aa"),
         MAV_OK},
        {"NSEC3PARAM bytes left", RR("0033", "0006 01 00 0000 00 00"),
         MAV_ERR_FORMAT},
        {"SRV checked", RR("0021", "0007 0001 0002 0003 c0"),
         MAV_ERR_FORMAT},
        {"unknown type opaque", RR("ff00", "0003 c0c0c0"), MAV_OK},
    };
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        n = hdr(p, 1, 1, 0, 0) + put(p + 12, bad[i].hex);
        expect(bad[i].what, p, n, bad[i].code, -1);
    }
}

/* Canonical RDATA (RFC 4034 §6.2) of hand-made records with upper case
 * and compression: names expanded; lowercased only with MAV_DNS_RD_CANON
 * and never in NSEC (RFC 6840 §5.1). */
static void canonical_rdata(void)
{
    static const struct {
        const char *what, *rr, *plain, *canon;
    } t[] = {
        {"MX", "000f 0001 00000e10 0008 000a 034d5831 c00c",
         "000a 034d5831 017100", "000a 036d7831 017100"},
        {"NSEC", "002f 0001 00000e10 0008 034e5854 00 000140",
         "034e5854 00 000140", "034e5854 00 000140"},
        {"RRSIG", "002e 0001 00000e10 0017 0001 0d 02 00000e10 00000002"
                  " 00000001 1234 015100 abcd",
         "0001 0d 02 00000e10 00000002 00000001 1234 015100 abcd",
         "0001 0d 02 00000e10 00000002 00000001 1234 017100 abcd"},
        {"SRV", "0021 0001 00000e10 000c 0001 0002 0003 03535256 c00c",
         "0001 0002 0003 03535256 017100", "0001 0002 0003 03737276 017100"},
        {"SOA", "0006 0001 00000e10 001b c00c 025250c00c 00000001 00000002"
                " 00000003 00000004 00000005",
         "017100 025250017100 00000001 00000002 00000003 00000004 00000005",
         "017100 027270017100 00000001 00000002 00000003 00000004 00000005"},
        {"DNAME", "0027 0001 00000e10 0004 0141 c00c", "0141017100",
         "0161017100"},
        {"TXT keeps case", "0010 0001 00000e10 0003 02 4142", "024142",
         "024142"},
    };
    static uint8_t p[600];
    uint8_t want[600], got[600];
    size_t i, n, gl;

    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        mav_dns_msg m;
        mav_dns_iter it;
        mav_dns_rr rr;
        long wl;

        n = hdr(p, 1, 1, 0, 0);
        n += put(p + n, Q "c00c");
        n += put(p + n, t[i].rr);
        CHECK_INT(t[i].what, parse(p, n, &m, NULL), MAV_OK);
        mav_dns_iter_init(&it, &m, MAV_DNS_SEC_AN);
        CHECK_INT(t[i].what, mav_dns_iter_next(&it, &rr), 1);
        wl = test_unhex(t[i].plain, want, sizeof want);
        CHECK_INT(t[i].what, mav_dns_rdata_expand(m.p, m.len, rr.type,
                                                  rr.rclass, rr.rdata,
                                                  rr.rdlen, 0, got,
                                                  sizeof got, &gl), MAV_OK);
        CHECK_MEM(t[i].what, got, gl, want, (size_t)wl);
        CHECK_INT(t[i].what, mav_dns_rdata_expand(m.p, m.len, rr.type,
                                                  rr.rclass, rr.rdata,
                                                  rr.rdlen, 0, got,
                                                  gl - 1, &gl), MAV_ERR_SPACE);
        wl = test_unhex(t[i].canon, want, sizeof want);
        CHECK_INT(t[i].what, mav_dns_rdata_expand(m.p, m.len, rr.type,
                                                  rr.rclass, rr.rdata,
                                                  rr.rdlen, MAV_DNS_RD_CANON,
                                                  got, sizeof got, &gl),
                  MAV_OK);
        CHECK_MEM(t[i].what, got, gl, want, (size_t)wl);
        CHECK_INT(t[i].what, mav_dns_iter_next(&it, &rr), 0);
    }
}

/* The pointer-chain case on its own: question 2's name is the last of a
 * chain of pointers, each to the previous one, ending at "q.". */
static void hop_limit(void)
{
    static uint8_t p[1000];
    unsigned hops;

    for (hops = MAV_CFG_DNS_MAX_PTR_HOPS; hops <= MAV_CFG_DNS_MAX_PTR_HOPS + 1;
         hops++) {
        size_t n = hdr(p, 2, 0, 0, 0), k, prev = 12;

        n += put(p + n, "0171 00 0001 0001");
        /* hops-1 lead pointers inside question 2's... simpler: an RR
         * owner cannot hold them, so they go into an unknown RR's RDATA
         * placed first; here: question 1 type/class is followed by the
         * chain, and question 2 is its last element. */
        p[5] = 1;
        p[7] = 1; /* one answer: type 0xff00 carrying the chain */
        n += put(p + n, "c00c ff00 0001 00000000");
        p[n++] = (uint8_t)((2 * (hops - 1)) >> 8);
        p[n++] = (uint8_t)(2 * (hops - 1));
        for (k = 0; k + 1 < hops; k++) {
            p[n] = (uint8_t)(0xc0 | prev >> 8);
            p[n + 1] = (uint8_t)prev;
            prev = n;
            n += 2;
        }
        /* an authority RR whose owner is the chain's last pointer: hops */
        p[9] = 1;
        p[n] = (uint8_t)(0xc0 | prev >> 8);
        p[n + 1] = (uint8_t)prev;
        n += 2;
        n += put(p + n, "ff00 0001 00000000 0000");
        expect(hops > MAV_CFG_DNS_MAX_PTR_HOPS ? "pointer hops over the cap"
                                               : "pointer hops at the cap",
               p, n, hops > MAV_CFG_DNS_MAX_PTR_HOPS ? MAV_ERR_LIMIT : MAV_OK,
               -1);
    }
}

/* ---- names ------------------------------------------------------------ */

static void canonical_order(void)
{
    /* RFC 4034 §6.1, the example list, in canonical order. */
    static const char *const names[] = {
        "example.",           "a.example.",  "yljkjljk.a.example.",
        "Z.a.example.",       "zABC.a.EXAMPLE.", "z.example.",
        "\\001.z.example.",   "*.z.example.", "\\200.z.example.",
    };
    uint8_t w[9][MAV_DNS_NAME_MAX];
    size_t i, j;

    for (i = 0; i < 9; i++)
        name_of(names[i], w[i]);
    for (i = 0; i < 9; i++)
        for (j = 0; j < 9; j++) {
            int c = mav_dns_name_cmp(w[i], w[j]);
            int want = i < j ? -1 : i > j ? 1 : 0;
            CHECK_INT(names[i], c < 0 ? -1 : c > 0 ? 1 : 0, want);
        }
    {
        uint8_t a[MAV_DNS_NAME_MAX], b[MAV_DNS_NAME_MAX];
        name_of("zabc.a.example.", a);
        CHECK_INT("case-insensitive order", mav_dns_name_cmp(a, w[4]), 0);
        name_of(".", b);
        CHECK(mav_dns_name_cmp(b, w[0]) < 0);
    }
}

static void names(void)
{
    static const struct {
        const char *text, *wire, *back;
    } t[] = {
        {".", "00", "."},
        {"Example.COM.", "074578616d706c6503434f4d00", "Example.COM."},
        {"a\\.b.c", "03612e6201 6300", "a\\.b.c."},
        {"\\065\\066\\067.", "0341424300", "ABC."},
        {"sp\\032ace.\\000.", "0673702061636501 0000", "sp\\032ace.\\000."},
        {"q\\\"\\(\\)\\;\\@\\$\\\\.", "0871 22 28 29 3b 40 24 5c 00",
         "q\\\"\\(\\)\\;\\@\\$\\\\."},
        {"\\255\\127.", "02ff7f00", "\\255\\127."},
        {"*.wild", "012a 0477696c64 00", "*.wild."},
    };
    static const char *const bad_text[] = {
        "", "a..b", "..", ".a", "a\\", "\\25", "\\256", "\\2a5", "a.\\",
    };
    uint8_t w[MAV_DNS_NAME_MAX], want[MAV_DNS_NAME_MAX], o[MAV_DNS_NAME_MAX];
    char txt[MAV_DNS_NAME_TEXT_MAX];
    size_t i, n, tl;

    for (i = 0; i < sizeof t / sizeof t[0]; i++) {
        long wl = test_unhex(t[i].wire, want, sizeof want);
        n = 0;
        CHECK_INT(t[i].text, mav_dns_name_from_text(t[i].text,
                                                    strlen(t[i].text), NULL,
                                                    w, &n), MAV_OK);
        CHECK_MEM(t[i].text, w, n, want, (size_t)wl);
        CHECK_INT(t[i].text, mav_dns_name_check(w, n), MAV_OK);
        CHECK_INT(t[i].text, mav_dns_name_to_text(w, txt, sizeof txt, &tl),
                  MAV_OK);
        CHECK_MEM(t[i].text, txt, tl, t[i].back, strlen(t[i].back));
        CHECK_INT(t[i].text, mav_dns_name_to_text(w, txt, tl, &tl),
                  MAV_ERR_SPACE);
    }
    for (i = 0; i < sizeof bad_text / sizeof bad_text[0]; i++)
        CHECK_INT(bad_text[i], mav_dns_name_from_text(bad_text[i],
                                                      strlen(bad_text[i]),
                                                      NULL, w, &n),
                  MAV_ERR_FORMAT);
    /* Label of 63 passes, 64 not; name of 255 passes, 256 not. */
    memset(txt, 'a', 64);
    CHECK_INT("63", mav_dns_name_from_text(txt, 63, NULL, w, &n), MAV_OK);
    CHECK_INT("64", mav_dns_name_from_text(txt, 64, NULL, w, &n),
              MAV_ERR_FORMAT);
    for (i = 0; i < 260; i++)
        txt[i] = i % 64 == 63 ? '.' : 'b';
    /* 3 x "63 b's." = 192 chars, then 61 b's: wire 192 + 62 + 1 = 255 */
    CHECK_INT("255", mav_dns_name_from_text(txt, 192 + 61, NULL, w, &n),
              MAV_OK);
    CHECK_INT("255 len", n, 255);
    CHECK_INT("256", mav_dns_name_from_text(txt, 192 + 62, NULL, w, &n),
              MAV_ERR_FORMAT);
    /* The longest presentation form fits MAV_DNS_NAME_TEXT_MAX. */
    memset(w, 0, sizeof w); /* labels of 63, 63, 63, 61 NUL bytes */
    w[0] = w[64] = w[128] = 63;
    w[192] = 61;
    CHECK_INT("longest text", mav_dns_name_to_text(w, txt, sizeof txt, &tl),
              MAV_OK);
    CHECK_INT("longest text len", tl, MAV_DNS_NAME_TEXT_MAX - 1);
    CHECK_INT("longest back", mav_dns_name_from_text(txt, tl, NULL, o, &n),
              MAV_OK);
    CHECK_MEM("longest back", o, n, w, 255);
    /* Round trips of pseudo-random names of every byte value. */
    {
        uint32_t x = 12345;
        unsigned k;
        for (k = 0; k < 2000; k++) {
            size_t len = 0, ol = 0;
            unsigned labels = 1 + k % 6;
            while (labels--) {
                size_t l = 1 + (x >> 8) % 40;
                if (len + l + 2 > MAV_DNS_NAME_MAX)
                    break;
                w[len++] = (uint8_t)l;
                while (l--) {
                    x = x * 1103515245u + 12345u;
                    w[len++] = (uint8_t)(x >> 16);
                }
            }
            w[len++] = 0;
            mav_dns_name_to_text(w, txt, sizeof txt, &tl);
            if (mav_dns_name_from_text(txt, tl, NULL, o, &ol) != MAV_OK ||
                ol != len || memcmp(o, w, len) != 0)
                CHECK_MEM("round trip", o, ol, w, len);
            else
                test_passed++;
        }
    }
    /* Relative names take the origin. */
    name_of("example.org.", o);
    CHECK_INT("relative", mav_dns_name_from_text("www", 3, o, w, &n), MAV_OK);
    name_of("www.example.org.", want);
    CHECK_MEM("relative", w, n, want, 17);
    CHECK_INT("absolute", mav_dns_name_from_text("www.", 4, o, w, &n),
              MAV_OK);
    CHECK_INT("absolute", n, 5);

    /* Case folding, labels, suffixes. */
    name_of("*.Sub.EXAMPLE.org.", w);
    name_of("*.sub.example.ORG.", o);
    CHECK(mav_dns_name_eq(w, o));
    CHECK_INT("labels", mav_dns_name_labels(w), 4);
    CHECK_INT("rrsig labels", mav_dns_name_rrsig_labels(w), 3);
    CHECK(mav_dns_name_is_wildcard(w));
    CHECK_INT("len", mav_dns_name_len(w), 19);
    mav_dns_name_lower(w);
    name_of("*.sub.example.org.", want);
    CHECK_MEM("lower", w, 19, want, 19);
    CHECK_MEM("parent", mav_dns_name_strip(w, 1), 17, want + 2, 17);
    CHECK_MEM("strip all", mav_dns_name_strip(w, 4), 1, "", 1);
    CHECK(mav_dns_name_strip(w, 5) == NULL);
    name_of("EXAMPLE.org.", o);
    CHECK(mav_dns_name_under(w, o));
    CHECK(mav_dns_name_under(o, o));
    CHECK(!mav_dns_name_under(o, w));
    name_of("ample.org.", o);
    CHECK(!mav_dns_name_under(w, o));
    name_of(".", o);
    CHECK(mav_dns_name_under(w, o));
    CHECK_INT("root labels", mav_dns_name_labels(o), 0);
    /* Only A-Z fold: 0xC4 stays (RFC 4034 §6.2, RFC 4343 §3). */
    w[0] = 1, w[1] = 0xc4, w[2] = 0;
    o[0] = 1, o[1] = 0xe4, o[2] = 0;
    CHECK(!mav_dns_name_eq(w, o));
    CHECK_INT("check", mav_dns_name_check(w, 2), MAV_ERR_FORMAT);
    CHECK_INT("check", mav_dns_name_check(w, 4), MAV_ERR_FORMAT);
    w[0] = 0xc0;
    CHECK_INT("check ptr", mav_dns_name_check(w, 3), MAV_ERR_FORMAT);
}

static void cursor(void)
{
    static const uint8_t b[7] = {1, 2, 3, 4, 5, 6, 7};
    const uint8_t *p = at_end(b, 7), *r;
    mav_cur c;
    uint8_t v8;
    uint16_t v16;
    uint32_t v32;

    mav_cur_init(&c, p, 7);
    CHECK_INT("u32", mav_cur_u32be(&c, &v32), MAV_OK);
    CHECK_INT("u32 v", v32, 0x01020304);
    CHECK_INT("u32 end", mav_cur_u32be(&c, &v32), MAV_ERR_FORMAT);
    CHECK_INT("u32 end off", c.off, 4);
    CHECK_INT("u16", mav_cur_u16be(&c, &v16), MAV_OK);
    CHECK_INT("u16 v", v16, 0x0506);
    CHECK_INT("u16 end", mav_cur_u16be(&c, &v16), MAV_ERR_FORMAT);
    CHECK_INT("ref end", mav_cur_ref(&c, 2, &r), MAV_ERR_FORMAT);
    CHECK_INT("u8", mav_cur_u8(&c, &v8), MAV_OK);
    CHECK_INT("u8 end", mav_cur_u8(&c, &v8), MAV_ERR_FORMAT);
    CHECK_INT("skip end", mav_cur_skip(&c, 1), MAV_ERR_FORMAT);
    CHECK_INT("bytes 0", mav_cur_bytes(&c, NULL, 0), MAV_OK);
    CHECK_INT("left", mav_cur_left(&c), 0);
    CHECK(strcmp(mav_strerror(MAV_ERR_FORMAT), "malformed input") == 0);
    CHECK(strcmp(mav_strerror(-999), "unknown error") == 0);
    {
        /* Bitmaps: types 1 (A), 46, 47 and 1234 (window 4). */
        static const uint8_t bm[] = {0, 6, 0x40, 0, 0, 0, 0, 0x03,
                                     4, 27, [2 + 6 + 2 + 26] = 0x20};
        CHECK_INT("bitmap", mav_dns_bitmap_check(bm, sizeof bm), MAV_OK);
        CHECK(mav_dns_bitmap_has(bm, sizeof bm, 1));
        CHECK(mav_dns_bitmap_has(bm, sizeof bm, 46));
        CHECK(mav_dns_bitmap_has(bm, sizeof bm, 47));
        CHECK(mav_dns_bitmap_has(bm, sizeof bm, 1234));
        CHECK(!mav_dns_bitmap_has(bm, sizeof bm, 2));
        CHECK(!mav_dns_bitmap_has(bm, sizeof bm, 48));
        CHECK(!mav_dns_bitmap_has(bm, sizeof bm, 1235));
        CHECK(!mav_dns_bitmap_has(bm, sizeof bm, 0xff01));
        CHECK_INT("bitmap empty", mav_dns_bitmap_check(bm, 0), MAV_OK);
        CHECK_INT("bitmap cut", mav_dns_bitmap_check(bm, 7), MAV_ERR_FORMAT);
    }
}

void suite_dns_wire(void)
{
    int n;

    cursor();
    names();
    canonical_order();
    queries();
    hostile();
    hop_limit();
    canonical_rdata();
    n = vec_each("vectors/dns_wire.vec", captured, NULL);
    CHECK_L("dns_wire.vec has the captured answers", n >= 25);
    CHECK_L("every RR compared", n_rrs > 200);
    CHECK_L("iter_find compared for every RR's owner", n_finds >= 4 * n_rrs);
}
