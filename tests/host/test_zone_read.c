/* SPDX-License-Identifier: MIT */
/*
 * test_zone_read.c - the zone port's master-file reader (port/zone,
 * RFC 1035 §5): each directive and field rule, the presentation form of
 * each RR type against its wire form (RFC 4034 §4.3's NSEC example byte
 * for byte; the others read back through the codec's own presentation
 * code), RFC 3597 generic forms, and hostile or broken input: every
 * error must come back with the right code at the right line and column.
 */
#include <stdio.h>
#include <string.h>

#include "mav_dns_text.h"
#include "test.h"
#include "zone/mav_zone.h"

static mav_zone_reader rd;
static mav_zone_rr rr;

/* The RDATA of the last record read, as the codec prints it. */
static const char *rdata_text(const mav_zone_rr *r)
{
    static uint8_t msg[16 + MAV_DNS_NAME_MAX + MAV_CFG_ZONE_RDATA_MAX];
    static char out[4096];
    size_t n = 12;
    mav_dns_msg m;
    mav_dns_iter it;
    mav_dns_rr x;

    memset(msg, 0, 12);
    msg[7] = 1; /* ANCOUNT */
    memcpy(msg + n, r->owner, r->owner_len);
    n += r->owner_len;
    msg[n++] = (uint8_t)(r->type >> 8);
    msg[n++] = (uint8_t)r->type;
    msg[n++] = (uint8_t)(r->rclass >> 8);
    msg[n++] = (uint8_t)r->rclass;
    msg[n++] = (uint8_t)(r->ttl >> 24);
    msg[n++] = (uint8_t)(r->ttl >> 16);
    msg[n++] = (uint8_t)(r->ttl >> 8);
    msg[n++] = (uint8_t)r->ttl;
    msg[n++] = (uint8_t)(r->rdlen >> 8);
    msg[n++] = (uint8_t)r->rdlen;
    memcpy(msg + n, r->rdata, r->rdlen);
    n += r->rdlen;
    snprintf(out, sizeof out, "(unparsable)");
    if (mav_dns_msg_parse(&m, msg, n, NULL) != MAV_OK)
        return out;
    mav_dns_iter_init(&it, &m, MAV_DNS_SEC_AN);
    if (mav_dns_iter_next(&it, &x) == 1)
        mav_dns_rdata_to_text(&m, &x, out, sizeof out);
    return out;
}

/* Read the first record of text (origin example.) and check its owner,
 * type, TTL and RDATA text. */
static void one(const char *text, const char *owner, uint16_t type,
                uint32_t ttl, const char *want)
{
    mav_perr e = {0, 0, NULL};
    int rc;

    mav_zone_reader_init(&rd, text, strlen(text), test_wire_name("example."));
    rc = mav_zone_read(&rd, &rr, &e);
    CHECK_L(text, rc == 1);
    if (rc != 1) {
        fprintf(stderr, "  rc %d: %s at %u\n", rc, e.what ? e.what : "",
                (unsigned)e.offset);
        return;
    }
    CHECK_L(text, mav_dns_name_eq(rr.owner, test_wire_name(owner)));
    CHECK_INT(text, rr.type, type);
    CHECK_INT(text, rr.ttl, ttl);
    CHECK_L(text, strcmp(rdata_text(&rr), want) == 0);
    if (strcmp(rdata_text(&rr), want) != 0)
        fprintf(stderr, "  got  %s\n  want %s\n", rdata_text(&rr), want);
}

/* The text must fail with code at line:col (col 0: any column). */
static void bad(const char *label, const char *text, int code,
                unsigned line, unsigned col)
{
    mav_perr e = {0, 0, NULL};
    unsigned l, c;
    int rc;

    mav_zone_reader_init(&rd, text, strlen(text), test_wire_name("example."));
    while ((rc = mav_zone_read(&rd, &rr, &e)) == 1)
        ;
    CHECK_INT(label, rc, code);
    mav_zone_line_col(text, strlen(text), e.offset, &l, &c);
    CHECK_INT(label, e.code, code);
    CHECK_INT(label, l, line);
    if (col)
        CHECK_INT(label, c, col);
    CHECK_L(label, e.what != NULL);
}

static void directives(void)
{
    static const char z[] =
        "$ORIGIN example.\n"
        "$TTL 1h30m\n"
        "@ IN SOA ns hostmaster ( 1 ; serial\n"
        "   2h 3m 4w ; periods\n"
        "   5d )\n"
        "  NS ns.other.\n"          /* omitted owner: @ */
        "www 60 A 192.0.2.1\n"
        "    IN 61 A 192.0.2.2\n"   /* class then TTL, owner www */
        "$ORIGIN sub\n"             /* relative: sub.example. */
        "x   A 192.0.2.3\n"         /* $TTL */
        "y.example. CH TXT \"a;b\" ; real comment\n"
        "\n"
        "   ; only a comment\n"
        "@ CLASS1 TYPE1 \\# 4 c0000204\n";
    static const struct {
        const char *owner;
        uint16_t type, rclass;
        uint32_t ttl;
        const char *rdata;
    } want[] = {
        {"example.", MAV_DNS_TYPE_SOA, 1, 5400,
         "ns.example. hostmaster.example. 1 7200 180 2419200 432000"},
        {"example.", MAV_DNS_TYPE_NS, 1, 5400, "ns.other."},
        {"www.example.", MAV_DNS_TYPE_A, 1, 60, "192.0.2.1"},
        {"www.example.", MAV_DNS_TYPE_A, 1, 61, "192.0.2.2"},
        {"x.sub.example.", MAV_DNS_TYPE_A, 1, 5400, "192.0.2.3"},
        {"y.example.", MAV_DNS_TYPE_TXT, 3, 5400, "\"a;b\""},
        {"sub.example.", MAV_DNS_TYPE_A, 1, 5400, "192.0.2.4"},
    };
    mav_perr e;
    size_t i;
    int rc = 0;

    mav_zone_reader_init(&rd, z, sizeof z - 1, NULL);
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        rc = mav_zone_read(&rd, &rr, &e);
        CHECK_INT(want[i].owner, rc, 1);
        if (rc != 1) {
            fprintf(stderr, "  %s at %u\n", e.what, (unsigned)e.offset);
            return;
        }
        CHECK_L(want[i].owner, mav_dns_name_eq(rr.owner,
                                               test_wire_name(want[i].owner)));
        CHECK_INT(want[i].owner, rr.type, want[i].type);
        CHECK_INT(want[i].owner, rr.rclass, want[i].rclass);
        CHECK_INT(want[i].owner, rr.ttl, want[i].ttl);
        CHECK_L(want[i].rdata, strcmp(rdata_text(&rr), want[i].rdata) == 0);
        if (strcmp(rdata_text(&rr), want[i].rdata) != 0)
            fprintf(stderr, "  got %s\n", rdata_text(&rr));
    }
    CHECK_INT("end of text", mav_zone_read(&rd, &rr, &e), 0);

    /* RFC 1035 §5.1: no $TTL, the last explicit TTL; an SOA alone gets
     * its MINIMUM */
    {
        static const char t[] = "$ORIGIN e.\n@ SOA a b 1 2 3 4 77\n"
                                "a 5 A 192.0.2.1\nb A 192.0.2.2\n";
        mav_zone_reader_init(&rd, t, sizeof t - 1, NULL);
        CHECK(mav_zone_read(&rd, &rr, NULL) == 1 && rr.ttl == 77);
        CHECK(mav_zone_read(&rd, &rr, NULL) == 1 && rr.ttl == 5);
        CHECK(mav_zone_read(&rd, &rr, NULL) == 1 && rr.ttl == 5);
    }
    /* an absolute name with an escaped final dot is relative */
    one("a\\. 1 A 192.0.2.1", "a\\..example.", MAV_DNS_TYPE_A, 1,
        "192.0.2.1");
    one("a\\\\. 1 A 192.0.2.1", "a\\\\.", MAV_DNS_TYPE_A, 1, "192.0.2.1");
    one("* 1 A 192.0.2.1", "*.example.", MAV_DNS_TYPE_A, 1, "192.0.2.1");
    one("@ 2147483647 A 192.0.2.1", "example.", MAV_DNS_TYPE_A, 2147483647u,
        "192.0.2.1");
    one("\r\n\t\r\n@ 1 A 192.0.2.1\r\n", "example.", MAV_DNS_TYPE_A, 1,
        "192.0.2.1");
}

static void types(void)
{
    one("@ 1 AAAA 2001:db8::1", "example.", MAV_DNS_TYPE_AAAA, 1,
        "2001:db8::1");
    one("@ 1 AAAA ::", "example.", MAV_DNS_TYPE_AAAA, 1, "::");
    one("@ 1 AAAA ::ffff:192.0.2.1", "example.", MAV_DNS_TYPE_AAAA, 1,
        "::ffff:c000:201");
    one("@ 1 AAAA 1:2:3:4:5:6:7:8", "example.", MAV_DNS_TYPE_AAAA, 1,
        "1:2:3:4:5:6:7:8");
    one("@ 1 AAAA 1::", "example.", MAV_DNS_TYPE_AAAA, 1, "1::");
    one("@ 1 MX 10 mail", "example.", MAV_DNS_TYPE_MX, 1,
        "10 mail.example.");
    one("@ 1 MX 0 .", "example.", MAV_DNS_TYPE_MX, 1, "0 .");
    one("@ 1 NS @", "example.", MAV_DNS_TYPE_NS, 1, "example.");
    one("@ 1 CNAME a.b.", "example.", MAV_DNS_TYPE_CNAME, 1, "a.b.");
    one("@ 1 PTR a", "example.", MAV_DNS_TYPE_PTR, 1, "a.example.");
    one("@ 1 DNAME b", "example.", MAV_DNS_TYPE_DNAME, 1, "b.example.");
    one("@ 1 SRV 1 2 25 mail", "example.", MAV_DNS_TYPE_SRV, 1,
        "\\# 20 000100020019046D61696C076578616D706C6500");
    one("@ 1 HINFO \"PC\" Linux", "example.", MAV_DNS_TYPE_HINFO, 1,
        "\\# 9 025043054C696E7578");
    one("@ 1 TXT \"a\" b \"\" \"q\\\"\\\\\\059\\000\\255\"", "example.",
        MAV_DNS_TYPE_TXT, 1, "\"a\" \"b\" \"\" \"q\\\"\\\\;\\000\\255\"");
    one("@ 1 TXT ( \"one\"\n  \"two\" ) ; c", "example.", MAV_DNS_TYPE_TXT, 1,
        "\"one\" \"two\"");
    one("@ 1 DNSKEY 257 3 ED25519 ( l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZ\n"
        "  JA4= )",
        "example.", MAV_DNS_TYPE_DNSKEY, 1,
        "257 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=");
    one("@ 1 DS 60485 5 1 ( 2BB183AF5F22588179A53B0A\n"
        "  98631FAD1A292118 )",
        "example.", MAV_DNS_TYPE_DS, 1,
        "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118");
    /* RFC 4034 §3.3's example RRSIG: both time forms */
    one("host 1 RRSIG A 5 3 86400 20030322173103 ( 20030220173103 2642 "
        "example.com.\n oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMe"
        "Dpkl\n J8Km54gyZEvvVLRKPVRQ+uuoaQ== )",
        "host.example.", MAV_DNS_TYPE_RRSIG, 1,
        "A 5 3 86400 20030322173103 20030220173103 2642 example.com. "
        "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDpklJ8Km54gyZEvv"
        "VLRKPVRQ+uuoaQ==");
    one("host 1 RRSIG A 5 3 86400 1048354263 1045762263 2642 e. AAAA",
        "host.example.", MAV_DNS_TYPE_RRSIG, 1,
        "A 5 3 86400 20030322173103 20030220173103 2642 e. AAAA");
    one("@ 1 RRSIG A 15 1 1 20000229000000 20991231235959 1 e. AAAA",
        "example.", MAV_DNS_TYPE_RRSIG, 1,
        "A 15 1 1 20000229000000 20991231235959 1 e. AAAA");
    one("@ 1 NSEC3 1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG",
        "example.", MAV_DNS_TYPE_NSEC3, 1,
        "1 1 12 AABBCCDD 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG");
    one("@ 1 NSEC3 1 0 0 - 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S", "example.",
        MAV_DNS_TYPE_NSEC3, 1, "1 0 0 - 2vptu5timamqttgl4luu9kg21e0aor3s");
    one("@ 1 NSEC3PARAM 1 0 12 aabbccdd", "example.",
        MAV_DNS_TYPE_NSEC3PARAM, 1, "1 0 12 AABBCCDD");
    one("@ 1 NSEC3PARAM 1 0 0 -", "example.", MAV_DNS_TYPE_NSEC3PARAM, 1,
        "1 0 0 -");
    one("@ 1 TYPE65280 \\# 4 dead BEEF", "example.", 65280, 1,
        "\\# 4 DEADBEEF");
    one("@ 1 TYPE65280 \\# 0", "example.", 65280, 1, "\\# 0");
    one("@ 1 A \\# 4 C0000201", "example.", MAV_DNS_TYPE_A, 1, "192.0.2.1");
    /* RFC 4034 §4.3: the NSEC example, byte for byte */
    {
        static const uint8_t wire[] = {
            0x04, 'h', 'o', 's', 't', 0x07, 'e', 'x', 'a', 'm', 'p', 'l',
            'e', 0x03, 'c', 'o', 'm', 0x00, 0x00, 0x06, 0x40, 0x01, 0x00,
            0x00, 0x00, 0x03, 0x04, 0x1b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20};
        static const char t[] =
            "alfa.example.com. 86400 IN NSEC host.example.com. (\n"
            "                        A MX RRSIG NSEC TYPE1234 )";
        mav_zone_reader_init(&rd, t, sizeof t - 1, NULL);
        CHECK(mav_zone_read(&rd, &rr, NULL) == 1);
        CHECK_MEM("RFC 4034 §4.3 NSEC", rr.rdata, rr.rdlen, wire,
                  sizeof wire);
    }
}

static void errors(void)
{
    char big[2200];
    size_t i, n;

    bad("unterminated quote", "@ 1 A 192.0.2.1\n@ 1 TXT \"abc\n",
        MAV_ERR_FORMAT, 2, 9);
    bad("unterminated quote at the end", "@ 1 TXT \"abc\\\"", MAV_ERR_FORMAT,
        1, 9);
    bad("unclosed parenthesis", "@ 1 A 192.0.2.1\n\n@ 1 TXT ( \"a\"\n\"b\"\n",
        MAV_ERR_FORMAT, 3, 9);
    bad("nested parenthesis", "@ 1 TXT ( ( \"a\" ) )", MAV_ERR_FORMAT, 1, 11);
    bad("close without open", "@ 1 TXT \"a\" )", MAV_ERR_FORMAT, 1, 13);
    bad("label of 64",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
        " 1 A 192.0.2.1",
        MAV_ERR_FORMAT, 1, 1);
    bad("empty label", "a..b. 1 A 192.0.2.1", MAV_ERR_FORMAT, 1, 1);
    n = 0;
    for (i = 0; i < 26; i++) /* 26 labels of 10 = 286 bytes */
        n += (size_t)snprintf(big + n, sizeof big - n, "abcdefghij.");
    snprintf(big + n, sizeof big - n, " 1 A 192.0.2.1");
    bad("name over 255", big, MAV_ERR_FORMAT, 1, 1);
    bad("bad base64", "\n@ 1 DNSKEY 256 3 15 AAA*", MAV_ERR_FORMAT, 2, 24);
    bad("base64 length", "@ 1 DNSKEY 256 3 15 AAAAA", MAV_ERR_FORMAT, 1, 1);
    bad("base64 after padding", "@ 1 DNSKEY 256 3 15 AA==AAAA",
        MAV_ERR_FORMAT, 1, 25);
    bad("odd hex", "@ 1 DS 1 13 2 abc", MAV_ERR_FORMAT, 1, 0);
    bad("bad hex", "@ 1 DS 1 13 2 abcx", MAV_ERR_FORMAT, 1, 18);
    bad("bad base32hex", "@ 1 NSEC3 1 0 0 - 2vpw", MAV_ERR_FORMAT, 1, 22);
    bad("TTL 2^31", "@ 2147483648 A 192.0.2.1", MAV_ERR_LIMIT, 1, 3);
    bad("TTL units overflow", "@ 99999w A 192.0.2.1", MAV_ERR_LIMIT, 1, 3);
    bad("TTL digits overflow", "@ 99999999999999999999 A 192.0.2.1",
        MAV_ERR_LIMIT, 1, 3);
    bad("escape over 255", "@ 1 TXT \"\\256\"", MAV_ERR_FORMAT, 1, 10);
    bad("short escape", "@ 1 TXT \"\\25\"", MAV_ERR_FORMAT, 1, 10);
    bad("backslash at line end", "@ 1 TXT a\\\nb", MAV_ERR_FORMAT, 1, 10);
    bad("bad escape in a name", "a\\25 1 A 192.0.2.1", MAV_ERR_FORMAT, 1, 1);
    bad("unknown type", "\n\n@ 1 FOO 1", MAV_ERR_FORMAT, 3, 5);
    bad("meta type", "@ 1 ANY 1", MAV_ERR_FORMAT, 1, 5);
    bad("OPT", "@ 1 OPT \\# 0", MAV_ERR_FORMAT, 1, 5);
    bad("no type", "@ 1 IN\n", MAV_ERR_FORMAT, 1, 1);
    bad("owner only", "@\n", MAV_ERR_FORMAT, 1, 1);
    bad("no owner yet", "  1 A 192.0.2.1", MAV_ERR_FORMAT, 1, 3);
    bad("missing RDATA", "@ 1 MX 10", MAV_ERR_FORMAT, 1, 1);
    bad("extra RDATA", "@ 1 A 192.0.2.1 x", MAV_ERR_FORMAT, 1, 17);
    bad("bad IPv4", "@ 1 A 192.0.2.256", MAV_ERR_FORMAT, 1, 7);
    bad("bad IPv6", "@ 1 AAAA 1::2::3", MAV_ERR_FORMAT, 1, 10);
    bad("short IPv6", "@ 1 AAAA 1:2:3", MAV_ERR_FORMAT, 1, 10);
    bad("number range", "@ 1 MX 65536 a", MAV_ERR_FORMAT, 1, 8);
    bad("bad time", "@ 1 RRSIG A 15 1 1 20230230000000 1 1 e. AAAA",
        MAV_ERR_FORMAT, 1, 20);
    bad("SHA-256 DS of 4 bytes", "@ 1 DS 1 13 2 00112233", MAV_ERR_FORMAT,
        1, 1);
    bad("generic length", "@ 1 TYPE65280 \\# 3 aabb", MAV_ERR_FORMAT, 1, 1);
    bad("generic bad layout", "@ 1 A \\# 3 aabbcc", MAV_ERR_FORMAT, 1, 1);
    bad("$INCLUDE", "$INCLUDE /etc/passwd", MAV_ERR_UNSUPPORTED, 1, 1);
    bad("unknown directive", "\n$FOO", MAV_ERR_UNSUPPORTED, 2, 1);
    bad("no TTL anywhere", "@ A 192.0.2.1", MAV_ERR_FORMAT, 1, 1);
    bad("a type without text form", "@ 1 TYPE99 \"v=spf1\"",
        MAV_ERR_UNSUPPORTED, 1, 1);
    /* RDATA over MAV_CFG_ZONE_RDATA_MAX: strings of 255 */
    n = (size_t)snprintf(big, sizeof big, "@ 1 TXT");
    for (i = 0; i < 5; i++) {
        size_t k;
        n += (size_t)snprintf(big + n, sizeof big - n, " \"");
        for (k = 0; k < 255; k++)
            big[n++] = 'x';
        n += (size_t)snprintf(big + n, sizeof big - n, "\"");
    }
    bad("RDATA too big", big, MAV_ERR_LIMIT, 1, 1);
    bad("string over 255", "@ 1 TXT \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                           "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                           "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                           "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                           "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                           "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                           "xxxxxxx\"",
        MAV_ERR_FORMAT, 1, 10);
}

/* Relative names need an origin; a reader without one refuses them. */
static void no_origin(void)
{
    static const char t[] = "www 1 A 192.0.2.1";
    mav_perr e;

    mav_zone_reader_init(&rd, t, sizeof t - 1, NULL);
    CHECK_INT("relative without origin", mav_zone_read(&rd, &rr, &e),
              MAV_ERR_FORMAT);
    mav_zone_reader_init(&rd, "@ 1 A 192.0.2.1", 15, NULL);
    CHECK_INT("@ without origin", mav_zone_read(&rd, &rr, &e),
              MAV_ERR_FORMAT);
    mav_zone_reader_init(&rd, NULL, 0, NULL);
    CHECK_INT("empty text", mav_zone_read(&rd, &rr, &e), 0);
}

/* mav_zone_add: the zone-level rules. */
static void add_rules(void)
{
    static mav_zone_port zp;
    static const char two_soa[] = "$ORIGIN e.\n$TTL 1\n@ SOA a b 1 2 3 4 5\n"
                                  "@ SOA a b 1 2 3 4 5\n";
    static const char no_soa[] = "$ORIGIN e.\n$TTL 1\n@ A 192.0.2.1\n";
    static const char iter[] = "$ORIGIN e.\n$TTL 1\n@ SOA a b 1 2 3 4 5\n"
                               "@ NSEC3PARAM 1 0 151 -\n";
    static const char ok[] = "@ 1 SOA a b 1 2 3 4 5\n";
    mav_perr e;
    unsigned l, c, i;

    mav_zone_init(&zp, 1);
    CHECK_INT("two SOAs", mav_zone_add(&zp, two_soa, sizeof two_soa - 1,
                                       NULL, &e), MAV_ERR_FORMAT);
    mav_zone_line_col(two_soa, sizeof two_soa - 1, e.offset, &l, &c);
    CHECK_INT("second SOA line", l, 4);
    CHECK_INT("no SOA", mav_zone_add(&zp, no_soa, sizeof no_soa - 1, NULL,
                                     &e), MAV_ERR_FORMAT);
    CHECK_INT("NSEC3 iterations", mav_zone_add(&zp, iter, sizeof iter - 1,
                                               NULL, &e), MAV_ERR_LIMIT);
    CHECK_INT("no zone added", zp.nzones, 0);
    for (i = 0; i < MAV_CFG_ZONE_MAX; i++)
        CHECK_INT("add", mav_zone_add(&zp, ok, sizeof ok - 1,
                                      test_wire_name("e."), &e), MAV_OK);
    CHECK_INT("full", mav_zone_add(&zp, ok, sizeof ok - 1, test_wire_name("e."),
                                   &e), MAV_ERR_SPACE);
    CHECK_INT("NULL text", mav_zone_add(&zp, NULL, 3, NULL, &e), MAV_ERR_ARG);
}

void suite_zone_read(void)
{
    directives();
    types();
    errors();
    no_origin();
    add_rules();
}
