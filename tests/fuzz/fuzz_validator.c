/* SPDX-License-Identifier: MIT */
/*
 * fuzz_validator.c - libFuzzer target for the whole validating resolver:
 * hostile answers to every query it sends, including the DS and DNSKEY
 * lookups of the chain of trust (issue #4).
 *
 * Input: an 8-byte wall clock (big-endian seconds), a 2-byte length and
 * a trust anchor's DS RDATA (owner "."), a query (2-byte type, 1-byte
 * name length, wire name), then 2-byte-length-prefixed DNS messages. The
 * port answers the k-th query the resolver sends with the k-th message,
 * its ID and question replaced by the query's (so it is accepted and the
 * validator, not the spoofing checks, meets the hostile content); when
 * the messages run out, queries go unanswered and time out on a virtual
 * clock. The seeds (tests/fuzz/corpus/validator) are real chains captured
 * from the signed test world, so mutations start from valid signatures.
 * A crash, hang, sanitizer report or abort() is a finding; every lookup
 * must end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    struct mav_port port;
    const uint8_t *in;
    size_t left;
    uint32_t now;
    int64_t wall;
    uint32_t rng;
    int open[MAV_CFG_DNS_INFLIGHT];
    mav_addr server;
    /* one reply waiting per slot */
    uint8_t reply[MAV_CFG_DNS_INFLIGHT][MAV_CFG_DNS_MSG_MAX];
    size_t reply_len[MAV_CFG_DNS_INFLIGHT];
} fz_port;

static fz_port fp;
static mav_dns_ctx dns;

static uint32_t fz_now(void *u)
{
    return ((fz_port *)u)->now;
}

static int64_t fz_wall(void *u)
{
    return ((fz_port *)u)->wall;
}

static int fz_random(void *u, void *b, size_t n)
{
    fz_port *p = u;
    uint8_t *o = b;

    while (n--) {
        p->rng = p->rng * 1103515245u + 12345u;
        *o++ = (uint8_t)(p->rng >> 16);
    }
    return 0;
}

static int fz_open(void *u, unsigned slot, const mav_addr *a, uint16_t lp)
{
    fz_port *p = u;

    (void)lp;
    p->open[slot] = 1;
    p->server = *a;
    return MAV_OK;
}

/* The next message of the input, re-addressed to the query q. */
static int fz_send(void *u, unsigned slot, const uint8_t *q, size_t qlen)
{
    fz_port *p = u;
    size_t mlen, qd_end = MAV_DNS_HDR_LEN, m_qd_end = MAV_DNS_HDR_LEN;
    const uint8_t *m;
    mav_cur c;

    if (p->left < 2)
        return MAV_OK; /* nothing more to say: the query times out */
    mlen = (size_t)p->in[0] << 8 | p->in[1];
    if (mlen > p->left - 2)
        mlen = p->left - 2;
    m = p->in + 2;
    p->in += 2 + mlen;
    p->left -= 2 + mlen;
    if (mlen < MAV_DNS_HDR_LEN || qlen < MAV_DNS_HDR_LEN)
        return MAV_OK;
    /* end of the query's question, and of the message's own */
    mav_cur_init(&c, q, qlen);
    c.off = MAV_DNS_HDR_LEN;
    if (mav_dns_name_get(&c, 0, NULL, NULL, NULL) != MAV_OK ||
        mav_cur_skip(&c, 4) != MAV_OK)
        return MAV_OK;
    qd_end = c.off;
    mav_cur_init(&c, m, mlen);
    c.off = MAV_DNS_HDR_LEN;
    if (m[4] == 0 && m[5] == 1 &&
        mav_dns_name_get(&c, 1, NULL, NULL, NULL) == MAV_OK &&
        mav_cur_skip(&c, 4) == MAV_OK)
        m_qd_end = c.off;
    if (qd_end + (mlen - m_qd_end) > sizeof p->reply[slot])
        return MAV_OK;
    /* header of the message with the query's ID and one question; the
     * query's question; the rest of the message. Compression pointers in
     * the rest now point elsewhere: more hostile input, which is fine. */
    memcpy(p->reply[slot], m, MAV_DNS_HDR_LEN);
    p->reply[slot][0] = q[0];
    p->reply[slot][1] = q[1];
    p->reply[slot][4] = 0;
    p->reply[slot][5] = 1;
    memcpy(p->reply[slot] + MAV_DNS_HDR_LEN, q + MAV_DNS_HDR_LEN,
           qd_end - MAV_DNS_HDR_LEN);
    memcpy(p->reply[slot] + qd_end, m + m_qd_end, mlen - m_qd_end);
    p->reply_len[slot] = qd_end + (mlen - m_qd_end);
    return MAV_OK;
}

static void fz_close(void *u, unsigned slot)
{
    fz_port *p = u;

    p->open[slot] = 0;
    p->reply_len[slot] = 0;
}

/* TCP is refused: truncated answers end as failures. */
static int fz_tcp_open(void *u, unsigned slot, const mav_addr *a)
{
    (void)u, (void)slot, (void)a;
    return MAV_ERR_STATE;
}

static int fz_tcp_send(void *u, unsigned slot, const uint8_t *d, size_t n)
{
    (void)u, (void)slot, (void)d, (void)n;
    return MAV_ERR_STATE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t root[1] = {0};
    mav_dns_anchor anchor;
    mav_dns_handle h;
    mav_dns_result res;
    size_t alen, nlen;
    uint16_t qtype;
    unsigned i, rounds;

    if (size < 8 + 2)
        return 0;
    memset(&fp, 0, sizeof fp);
    {
        uint64_t w = 0;
        for (i = 0; i < 8; i++)
            w = w << 8 | data[i];
        fp.wall = (int64_t)(w & (uint64_t)INT64_MAX); /* non-negative */
        if (data[0] == 0xff)
            fp.wall = MAV_PORT_TIME_UNKNOWN;
    }
    data += 8;
    size -= 8;
    alen = (size_t)data[0] << 8 | data[1];
    if (alen > size - 2 || size - 2 - alen < 3)
        return 0;
    anchor.owner = root;
    anchor.type = MAV_DNS_TYPE_DS;
    anchor.rdata = data + 2;
    anchor.rdlen = (uint16_t)alen;
    data += 2 + alen;
    size -= 2 + alen;
    qtype = (uint16_t)(data[0] << 8 | data[1]);
    nlen = data[2];
    if (nlen > size - 3)
        return 0;
    fp.in = data + 3 + nlen;
    fp.left = size - 3 - nlen;
    fp.rng = 1;
    fp.now = 1000;
    fp.port.version = MAV_PORT_VERSION;
    fp.port.user = &fp;
    fp.port.now_ms = fz_now;
    fp.port.unix_time = fz_wall;
    fp.port.random = fz_random;
    fp.port.udp_open = fz_open;
    fp.port.udp_send = fz_send;
    fp.port.udp_close = fz_close;
    fp.port.tcp_open = fz_tcp_open;
    fp.port.tcp_send = fz_tcp_send;
    fp.port.tcp_close = fz_close;
    if (mav_dns_init(&dns, &fp.port) != MAV_OK)
        abort();
    {
        mav_addr s;
        memset(&s, 0, sizeof s);
        s.family = 4;
        s.addr[0] = 192;
        s.addr[3] = 1;
        s.port = 53;
        if (mav_dns_add_server(&dns, &s) != MAV_OK)
            abort();
    }
    if (mav_dns_set_trust_anchors(&dns, &anchor, 1) != MAV_OK)
        return 0; /* not a DS RDATA: nothing to validate against */
    if (mav_dns_lookup(&dns, data + 3, nlen, qtype, &h) < 0)
        return 0;
    /* deliver replies and move the clock until the lookup ends; the
     * retry budget bounds the rounds */
    for (rounds = 0; rounds < 10000; rounds++) {
        uint32_t wait;
        int delivered = 0;
        for (i = 0; i < MAV_CFG_DNS_INFLIGHT; i++) {
            if (fp.open[i] && fp.reply_len[i]) {
                size_t n = fp.reply_len[i];
                fp.reply_len[i] = 0;
                mav_dns_udp_input(&dns, i, &fp.server, fp.reply[i], n);
                delivered = 1;
            }
        }
        if (mav_dns_poll(&dns, &wait) == MAV_OK)
            break;
        if (!delivered)
            fp.now += wait ? wait : 1;
    }
    if (mav_dns_get_result(&dns, h, &res) != MAV_OK)
        abort(); /* a lookup that never ends */
    mav_dns_release(&dns, h);
    return 0;
}
