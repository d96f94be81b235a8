/* SPDX-License-Identifier: MIT */
/*
 * dns_cache.c - the resolver's answer cache: whole DNS responses keyed by
 * their question, in one fixed byte pool with LRU eviction.
 *
 * The pool is a sequence of blocks, each a small header followed by the
 * question name and the message. Allocation is first-fit in address
 * order; free neighbours are merged as the allocator walks past them, and
 * when nothing fits the least recently used unpinned entry is freed and
 * the walk repeats. Pinned entries (answers a caller still reads) never
 * move, so pointers handed out stay valid until unpinned. The pool holds
 * at most a few dozen blocks, so linear walks cost less than any index.
 *
 * TTLs count down on the port's monotonic clock (RFC 1035 §3.2.1,
 * RFC 2181 §8); the resolver computes them, this file stores them.
 */
#include <string.h>

#include "mav_internal.h"

/* A block header, kept in the pool with memcpy (no aliasing games).
 * Every walk and every use reads it, so it holds only what they need;
 * the parsed view follows it in its own record. */
typedef struct {
    uint32_t size;     /* whole block, header included, multiple of 4 */
    uint32_t expires;  /* now_ms when the entry dies */
    uint32_t last_use; /* LRU stamp */
    uint16_t qtype;
    uint16_t msg_len;
    uint8_t used;      /* 0 free; 1 entry */
    uint8_t live;      /* committed and not retired: findable */
    uint8_t pins;
    uint8_t dnssec;    /* mav_dnssec_verdict */
    uint8_t name_len;  /* wire name length minus 1 (names are 1..255) */
    uint8_t reason;    /* mav_dnssec_reason behind the verdict */
    uint8_t aux;       /* MAV_CACHE_CUT_*: what a DS answer proved */
    uint8_t has_view;  /* the view below holds the parsed message */
} block;

/* The checked view of the message (mav_dns_msg_parse's result, as
 * offsets), so a cached answer is not parsed again on every use. */
typedef struct {
    uint16_t v_id, v_flags, v_rcode, v_end;
    uint16_t v_count[4], v_sec[4];
    uint16_t v_udp, v_eflags, v_opt, v_optlen;
    uint8_t v_has_opt, v_version;
} block_view;

#define VIEW_AT(off) ((off) + (uint32_t)sizeof(block))
#define HDR ((uint32_t)(sizeof(block) + sizeof(block_view)))
#define POOL(r) ((r)->pool.bytes)
#define POOL_SIZE ((uint32_t)MAV_CFG_DNS_CACHE_BYTES & ~3u)

static block load(const mav_dns_ctx *r, uint32_t off)
{
    block b;
    memcpy(&b, r->pool.bytes + off, sizeof b);
    return b;
}

static void store(mav_dns_ctx *r, uint32_t off, const block *b)
{
    memcpy(POOL(r) + off, b, sizeof *b);
}

static void make_free(mav_dns_ctx *r, uint32_t off, uint32_t size)
{
    block b;

    memset(&b, 0, sizeof b);
    b.size = size;
    store(r, off, &b);
}

/* see mav_internal.h */
void mav_cache_init(mav_dns_ctx *r)
{
    make_free(r, 0, POOL_SIZE);
}

static const uint8_t *entry_name(const mav_dns_ctx *r, uint32_t off)
{
    return r->pool.bytes + off + HDR;
}

/* see mav_internal.h */
int32_t mav_cache_find(mav_dns_ctx *r, const uint8_t *name, size_t name_len,
                       uint16_t qtype, uint32_t now)
{
    uint32_t off;

    for (off = 0; off < POOL_SIZE;) {
        block b = load(r, off);

        if (b.used && b.live && !mav_ms_reached(now, b.expires) &&
            b.qtype == qtype && (size_t)b.name_len + 1 == name_len &&
            memcmp(entry_name(r, off), name, name_len) == 0) {
            b.last_use = ++r->lru_clock;
            store(r, off, &b);
            return (int32_t)off;
        }
        if (b.used && b.live && b.pins == 0 &&
            mav_ms_reached(now, b.expires)) {
            make_free(r, off, b.size); /* expired: reclaim on the way */
        }
        off += b.size;
    }
    return -1;
}

/* One first-fit pass, merging free runs; returns an offset or -1. */
static int32_t first_fit(mav_dns_ctx *r, uint32_t need)
{
    uint32_t off;

    for (off = 0; off < POOL_SIZE;) {
        block b = load(r, off);

        if (!b.used) {
            /* merge the free blocks that follow */
            while (off + b.size < POOL_SIZE) {
                block n = load(r, off + b.size);
                if (n.used)
                    break;
                b.size += n.size;
            }
            make_free(r, off, b.size);
            if (b.size >= need) {
                /* split when the rest can hold a header and some bytes */
                if (b.size - need >= HDR + 16) {
                    make_free(r, off + need, b.size - need);
                    b.size = need;
                }
                b.used = 1;
                store(r, off, &b);
                return (int32_t)off;
            }
        }
        off += b.size;
    }
    return -1;
}

/* Free the least recently used unpinned entry; 0 if there was none. */
static int evict_one(mav_dns_ctx *r)
{
    uint32_t off, best = POOL_SIZE, best_age = 0;

    for (off = 0; off < POOL_SIZE;) {
        block b = load(r, off);

        if (b.used && b.pins == 0) {
            uint32_t age = r->lru_clock - b.last_use;
            if (best == POOL_SIZE || age > best_age) {
                best = off;
                best_age = age;
            }
        }
        off += b.size;
    }
    if (best == POOL_SIZE)
        return 0;
    make_free(r, best, load(r, best).size);
    r->stats.evictions++;
    return 1;
}

/* see mav_internal.h */
int32_t mav_cache_reserve(mav_dns_ctx *r, const uint8_t *name,
                          size_t name_len, uint16_t qtype, size_t msg_len)
{
    uint32_t need;
    int32_t off;
    block b;

    if (name_len < 1 || name_len > MAV_DNS_NAME_MAX ||
        msg_len > MAV_CFG_DNS_MSG_MAX)
        return -1;
    need = (HDR + (uint32_t)name_len + (uint32_t)msg_len + 3u) & ~3u;
    if (need > POOL_SIZE)
        return -1;
    while ((off = first_fit(r, need)) < 0) {
        if (!evict_one(r))
            return -1;
    }
    b = load(r, (uint32_t)off);
    b.used = 1;
    b.live = 0;
    b.pins = 1;
    b.qtype = qtype;
    b.msg_len = (uint16_t)msg_len;
    b.name_len = (uint8_t)(name_len - 1);
    b.dnssec = MAV_DNSSEC_UNCHECKED;
    b.expires = 0;
    b.last_use = ++r->lru_clock;
    store(r, (uint32_t)off, &b);
    memcpy(POOL(r) + off + HDR, name, name_len);
    return off;
}

/* see mav_internal.h */
uint8_t *mav_cache_msg(mav_dns_ctx *r, int32_t e, size_t *msg_len)
{
    block b = load(r, (uint32_t)e);

    if (msg_len)
        *msg_len = b.msg_len;
    return POOL(r) + e + HDR + b.name_len + 1;
}

/* see mav_internal.h */
void mav_cache_commit(mav_dns_ctx *r, int32_t e, uint32_t ttl_s, uint32_t now)
{
    uint32_t off;
    block b = load(r, (uint32_t)e);

    /* Retire an older answer to the same question. */
    for (off = 0; off < POOL_SIZE;) {
        block o = load(r, off);
        if (off != (uint32_t)e && o.used && o.live && o.qtype == b.qtype &&
            o.name_len == b.name_len &&
            memcmp(entry_name(r, off), entry_name(r, (uint32_t)e),
                   (size_t)b.name_len + 1) == 0) {
            if (o.pins == 0) {
                make_free(r, off, o.size);
            } else {
                o.live = 0;
                store(r, off, &o);
            }
        }
        off += o.size;
    }
    if (ttl_s > MAV_CFG_DNS_MAX_TTL)
        ttl_s = MAV_CFG_DNS_MAX_TTL;
    b.expires = now + ttl_s * 1000u;
    b.live = 1;
    store(r, (uint32_t)e, &b);
}

/* see mav_internal.h */
void mav_cache_pin(mav_dns_ctx *r, int32_t e)
{
    block b = load(r, (uint32_t)e);

    if (b.pins < 255)
        b.pins++;
    store(r, (uint32_t)e, &b);
}

/* see mav_internal.h */
void mav_cache_unpin(mav_dns_ctx *r, int32_t e)
{
    block b = load(r, (uint32_t)e);

    if (b.pins > 0)
        b.pins--;
    if (b.pins == 0 && !b.live)
        make_free(r, (uint32_t)e, b.size);
    else
        store(r, (uint32_t)e, &b);
}

/* see mav_internal.h */
void mav_cache_set_view(mav_dns_ctx *r, int32_t e, const mav_dns_msg *m)
{
    block b = load(r, (uint32_t)e);
    block_view v;
    unsigned i;

    v.v_id = m->id;
    v.v_flags = m->flags;
    v.v_rcode = m->rcode;
    v.v_end = (uint16_t)m->end;
    for (i = 0; i < 4; i++) {
        v.v_count[i] = m->count[i];
        v.v_sec[i] = (uint16_t)m->sec[i];
    }
    v.v_has_opt = m->has_opt;
    v.v_version = m->edns_version;
    v.v_udp = m->edns_udp_size;
    v.v_eflags = m->edns_flags;
    v.v_opt = (uint16_t)m->opt_rdata;
    v.v_optlen = m->opt_rdlen;
    memcpy(POOL(r) + VIEW_AT((uint32_t)e), &v, sizeof v);
    b.has_view = 1;
    store(r, (uint32_t)e, &b);
}

/* see mav_internal.h */
int mav_cache_view(mav_dns_ctx *r, int32_t e, mav_dns_msg *m)
{
    block b = load(r, (uint32_t)e);
    block_view v;
    uint8_t *msg = POOL(r) + e + HDR + b.name_len + 1;
    unsigned i;

    if (!b.has_view) /* checked now, kept for next time */
        return mav_dns_msg_parse(m, msg, b.msg_len, NULL) == MAV_OK
                   ? (mav_cache_set_view(r, e, m), MAV_OK)
                   : MAV_ERR_FORMAT;
    memcpy(&v, POOL(r) + VIEW_AT((uint32_t)e), sizeof v);
    memset(m, 0, sizeof *m);
    m->p = msg;
    m->len = b.msg_len;
    m->end = v.v_end;
    m->id = v.v_id;
    m->flags = v.v_flags;
    m->rcode = v.v_rcode;
    for (i = 0; i < 4; i++) {
        m->count[i] = v.v_count[i];
        m->sec[i] = v.v_sec[i];
    }
    m->has_opt = v.v_has_opt;
    m->edns_version = v.v_version;
    m->edns_udp_size = v.v_udp;
    m->edns_flags = v.v_eflags;
    m->opt_rdata = v.v_opt;
    m->opt_rdlen = v.v_optlen;
    return MAV_OK;
}

/* see mav_internal.h */
uint32_t mav_cache_ttl_ms(const mav_dns_ctx *r, int32_t e, uint32_t now)
{
    block b = load(r, (uint32_t)e);

    return mav_ms_reached(now, b.expires) ? 0 : b.expires - now;
}

/* see mav_internal.h */
mav_dnssec_verdict mav_cache_dnssec(const mav_dns_ctx *r, int32_t e)
{
    return (mav_dnssec_verdict)load(r, (uint32_t)e).dnssec;
}

/* see mav_internal.h */
void mav_cache_set_dnssec(mav_dns_ctx *r, int32_t e, mav_dnssec_verdict v,
                          unsigned reason, unsigned aux)
{
    block b = load(r, (uint32_t)e);

    b.dnssec = (uint8_t)v;
    b.reason = (uint8_t)reason;
    b.aux = (uint8_t)aux;
    store(r, (uint32_t)e, &b);
}

/* see mav_internal.h */
unsigned mav_cache_reason(const mav_dns_ctx *r, int32_t e)
{
    return load(r, (uint32_t)e).reason;
}

/* see mav_internal.h */
unsigned mav_cache_aux(const mav_dns_ctx *r, int32_t e)
{
    return load(r, (uint32_t)e).aux;
}

/* see mav_internal.h */
void mav_cache_flush_unpinned(mav_dns_ctx *r)
{
    uint32_t off;

    for (off = 0; off < POOL_SIZE;) {
        block b = load(r, off);
        if (b.used && b.pins == 0)
            make_free(r, off, b.size);
        off += b.size;
    }
}
