/* SPDX-License-Identifier: MIT */
/*
 * dmarc_walk.c - the DNS Tree Walk of RFC 9989 §4.10 as a step function
 * over mav's resolver, and the organizational domain it gives
 * (§4.10.2). A walk asks for the TXT RRset at "_dmarc.<name>", first for
 * the starting domain, then (steps 3-4) for its parent, or, when it has
 * eight labels or more, for its rightmost seven labels, then for one
 * label fewer each time (step 7), until one DMARC record with psd=y or
 * psd=n is found (steps 2, 6) or no label is left: at most 8 queries.
 * TXT records that do not start with v=DMARC1 are discarded, and so are
 * all DMARC records of a name that has several (steps 2, 6). A lookup
 * that fails (SERVFAIL, timeout) stops the walk with temperror: "any
 * indication that there is no such record as opposed to a transient DNS
 * error" (§4.10.1) is what lets a walk go on. Each answer's DNSSEC
 * verdict is folded into the walk's.
 */
#include <string.h>

#include "dmarc_internal.h"
#include "mav_internal.h" /* mav_dns_query_outcome */

/* see dmarc_internal.h */
int mav_dmarc_dnssec_rank(mav_dnssec_verdict v)
{
    switch (v) {
    case MAV_DNSSEC_BOGUS:
        return 0;
    case MAV_DNSSEC_INDETERMINATE:
        return 1;
    case MAV_DNSSEC_UNCHECKED:
        return 2;
    case MAV_DNSSEC_INSECURE:
        return 3;
    default:
        return 4; /* SECURE */
    }
}

/* see dmarc_internal.h */
void mav_dmarc_walk_init(mav_dmarc_walk *w, const uint8_t *name)
{
    size_t n = mav_dns_name_len(name);

    memset(w, 0, sizeof *w);
    memcpy(w->name, name, n);
    mav_dns_name_lower(w->name);
    w->start_labels = (uint8_t)mav_dns_name_labels(w->name);
    w->cur_labels = w->start_labels;
    w->dnssec = MAV_DNSSEC_UNCHECKED;
    w->first_dnssec = MAV_DNSSEC_UNCHECKED;
    w->state = w->start_labels ? MAV_DMARC_WALK_WANT : MAV_DMARC_WALK_DONE;
}

/* see dmarc_internal.h */
const uint8_t *mav_dmarc_walk_suffix(const mav_dmarc_walk *w, unsigned labels)
{
    return mav_dns_name_strip(w->name, (unsigned)w->start_labels - labels);
}

/* see dmarc_internal.h */
unsigned mav_dmarc_walk_org_labels(const mav_dmarc_walk *w)
{
    /* §4.10.2: with no record found, "the initial target domain is the
     * Organizational Domain". The walk stops at the first psd=y or
     * psd=n record, so only the last (shortest) record can carry one;
     * read longest to shortest, the rules come down to this. */
    if (w->found == 0)
        return w->start_labels;
    if (w->last_psd == MAV_DMARC_PSD_N)
        return w->last_labels; /* rule 1 */
    if (w->last_psd == MAV_DMARC_PSD_Y && w->last_labels != w->start_labels)
        return w->last_labels + 1u; /* rule 2: one label below the PSD */
    return w->last_labels; /* rule 3: the record with the fewest labels */
}

/* §4.10 steps 4 and 7: the labels of the next name to ask, 0 at the
 * end. Only the step from the starting domain shortens to seven. */
static unsigned next_labels(const mav_dmarc_walk *w)
{
    if (w->cur_labels == w->start_labels &&
        w->start_labels > MAV_DMARC_WALK_SHORTEN_TO)
        return MAV_DMARC_WALK_SHORTEN_TO;
    return w->cur_labels - 1u;
}

static void advance(mav_dmarc_walk *w)
{
    unsigned n = next_labels(w);

    if (n == 0) {
        w->state = MAV_DMARC_WALK_DONE;
        return;
    }
    w->cur_labels = (uint8_t)n;
    w->state = MAV_DMARC_WALK_WANT;
}

static void fold(mav_dmarc_walk *w, mav_dnssec_verdict v)
{
    if (w->queries == 1)
        w->first_dnssec = v;
    if (!w->relied ||
        mav_dmarc_dnssec_rank(v) < mav_dmarc_dnssec_rank(w->dnssec))
        w->dnssec = v;
    w->relied = 1;
}

/*
 * The character-strings of a TXT RDATA joined (§4.5: "concatenate these
 * strings ... and parsing the result as a single string"), cut at cap.
 * Returns 1 when whole, 0 when cut, -1 when the RDATA is malformed.
 */
static int join_txt(const uint8_t *rd, size_t rdlen, char *out, size_t cap,
                    size_t *out_len)
{
    mav_cur c;
    size_t n = 0;
    int whole = 1;

    mav_cur_init(&c, rd, rdlen);
    while (mav_cur_left(&c) > 0) {
        const uint8_t *s;
        size_t len, take;

        if (mav_dns_charstr(&c, &s, &len) != MAV_OK)
            return -1;
        take = len <= cap - n ? len : cap - n;
        if (take < len)
            whole = 0;
        memcpy(out + n, s, take);
        n += take;
    }
    *out_len = n;
    return whole;
}

/* What the answer at the current name holds; returns the number of
 * DMARC records (a cut one included), *cut when the only one did not
 * fit in text. */
static MAV_NOINLINE unsigned read_answer(mav_dmarc_walk *w,
                                         mav_dns_ctx *dns, char *text,
                                         size_t cap, mav_dmarc_record *rec,
                                         int *cut)
{
    mav_dns_answer a;
    mav_dns_rr rr;
    unsigned count = 0;

    *cut = 0;
    if (mav_dns_answer_init(dns, w->h, &a) != MAV_OK)
        return 0;
    while (mav_dns_answer_next(&a, &rr) == 1) {
        size_t len;
        int whole;

        if (rr.type != MAV_DNS_TYPE_TXT)
            continue;
        /* the RDATA where it lies: join_txt checks its strings */
        whole = join_txt(a.msg.p + rr.rdata, rr.rdlen, text, cap, &len);
        if (whole < 0 || !mav_dmarc_is_record((const uint8_t *)text, len))
            continue; /* §4.10 step 2: not DMARC, discarded */
        count++;
        if (count == 1) {
            *cut = !whole;
            if (whole)
                mav_dmarc_record_parse((const uint8_t *)text, len, rec, NULL);
        }
    }
    return count;
}

/* Use the finished lookup of the current name. */
static void consume(mav_dmarc_walk *w, mav_dns_ctx *dns,
                    const mav_dns_outcome *res, char *text, size_t cap,
                    mav_dmarc_record *rec, int *found)
{
    unsigned count = 0;
    int cut = 0;

    fold(w, res->dnssec);
    switch (res->status) {
    case MAV_DNS_ANSWER:
        count = read_answer(w, dns, text, cap, rec, &cut);
        break;
    case MAV_DNS_NXDOMAIN:
    case MAV_DNS_NODATA:
        break; /* no record at this name */
    case MAV_DNS_FAILED:
        /* a local limit (CNAME loop or chain, answer over the cache) is
         * permanent; a port failure is not */
        w->fail = (res->err == MAV_ERR_LIMIT || res->err == MAV_ERR_SPACE ||
                   res->err == MAV_ERR_FORMAT)
                      ? MAV_DMARC_PERMERROR
                      : MAV_DMARC_TEMPERROR;
        break;
    default: /* SERVFAIL, TIMEOUT */
        w->fail = MAV_DMARC_TEMPERROR;
        break;
    }
    mav_dns_release(dns, w->h);
    w->h = 0;
    if (w->fail) {
        w->state = MAV_DMARC_WALK_DONE;
        return;
    }
    if (count == 1 && cut) {
        w->fail = MAV_DMARC_PERMERROR; /* MAV_CFG_DMARC_RECORD_MAX */
        w->state = MAV_DMARC_WALK_DONE;
        return;
    }
    if (count > 1 && w->several < 255)
        w->several++; /* §4.10 steps 2, 6: all discarded */
    if (count == 1) {
        *found = 1;
        if (w->found)
            w->prev_labels = w->last_labels;
        if (w->found < 255)
            w->found++;
        w->last_labels = w->cur_labels;
        w->last_psd = rec->psd;
        if (rec->psd != MAV_DMARC_PSD_U) {
            w->state = MAV_DMARC_WALK_DONE; /* psd=y or psd=n: stop */
            return;
        }
    }
    advance(w);
}

/* Read and use the finished lookup of the current name: 0 for a handle
 * that names no lookup. Not inlined, nor read_answer: the lookup's
 * result and answer views live only while it is read, not under the
 * next lookup that the walk issues. */
static MAV_NOINLINE int consume_lookup(mav_dmarc_walk *w, mav_dns_ctx *dns,
                                       char *text, size_t cap,
                                       mav_dmarc_record *rec, int *found)
{
    mav_dns_outcome res;

    if (mav_dns_query_outcome(dns, w->h, &res) != MAV_OK)
        return 0;
    consume(w, dns, &res, text, cap, rec, found);
    return 1;
}

/* Issue the lookup of the current name. MAV_PENDING when issued (or
 * answered at once), MAV_ERR_SPACE when the resolver is full. */
static int issue(mav_dmarc_walk *w, mav_dns_ctx *dns, uint16_t *queries)
{
    uint8_t q[MAV_DNS_NAME_MAX];
    const uint8_t *suffix = mav_dmarc_walk_suffix(w, w->cur_labels);
    size_t slen = mav_dns_name_len(suffix);
    int r;

    if (7 + slen > MAV_DNS_NAME_MAX) {
        /* "_dmarc." + a name of 249 or more bytes is no DNS name: no
         * record can be there, nothing to ask */
        advance(w);
        return MAV_OK;
    }
    q[0] = 6;
    memcpy(q + 1, "_dmarc", 6);
    memcpy(q + 7, suffix, slen);
    if (w->queries >= MAV_DMARC_WALK_MAX_QUERIES) {
        w->fail = MAV_DMARC_PERMERROR; /* cannot happen: §4.10 shortens */
        w->state = MAV_DMARC_WALK_DONE;
        return MAV_OK;
    }
    r = mav_dns_lookup(dns, q, 7 + slen, MAV_DNS_TYPE_TXT, &w->h);
    if (r == MAV_ERR_SPACE)
        return r;
    if (r < 0) {
        w->fail = MAV_DMARC_PERMERROR;
        w->state = MAV_DMARC_WALK_DONE;
        return MAV_OK;
    }
    w->queries++;
    if (queries && *queries < 0xffff)
        (*queries)++;
    w->state = MAV_DMARC_WALK_WAIT;
    return MAV_PENDING;
}

/* see dmarc_internal.h */
int mav_dmarc_walk_poll(mav_dmarc_walk *w, mav_dns_ctx *dns, char *text,
                        size_t cap, mav_dmarc_record *rec, int *found,
                        uint16_t *queries)
{
    *found = 0;
    for (;;) {
        switch (w->state) {
        case MAV_DMARC_WALK_WANT:
            if (issue(w, dns, queries) == MAV_ERR_SPACE)
                return MAV_DMARC_WALK_BLOCKED; /* retried next poll */
            continue;
        case MAV_DMARC_WALK_WAIT:
            if (mav_dns_query_status(dns, w->h) == MAV_DNS_PENDING)
                return MAV_DMARC_WALK_BLOCKED;
            if (!consume_lookup(w, dns, text, cap, rec, found)) {
                w->h = 0; /* a stale handle: cannot happen */
                w->fail = MAV_DMARC_TEMPERROR;
                w->state = MAV_DMARC_WALK_DONE;
                return MAV_DMARC_WALK_FINISHED;
            }
            return w->state == MAV_DMARC_WALK_DONE ? MAV_DMARC_WALK_FINISHED
                                                   : MAV_DMARC_WALK_PROGRESS;
        case MAV_DMARC_WALK_DONE:
            return MAV_DMARC_WALK_FINISHED;
        default:
            return MAV_DMARC_WALK_BLOCKED; /* IDLE: nothing to do */
        }
    }
}

/* see dmarc_internal.h */
void mav_dmarc_walk_cancel(mav_dmarc_walk *w, mav_dns_ctx *dns)
{
    if (w->state == MAV_DMARC_WALK_WAIT && w->h)
        mav_dns_release(dns, w->h);
    w->h = 0;
    w->state = MAV_DMARC_WALK_IDLE;
}
