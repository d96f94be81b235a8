/* SPDX-License-Identifier: MIT */
/*
 * verify.c - one message's SPF, DKIM and DMARC over one resolver, and its
 * Authentication-Results field (see mav_verify.h).
 *
 * The checks live in their own modules; this file only starts each one
 * as early as its input allows, finds the author domain in the From
 * field (RFC 9989 §3.2.2, §5.3.1: exactly one From field with one
 * domain, or DMARC does not apply), prefetches the first DMARC query so
 * its round trip overlaps SPF and DKIM, and collects the results.
 */
#include <string.h>

#include "mav_authres.h"
#include "mav_verify.h"

enum { P_IDLE = 0, P_RUNNING, P_DONE };

#if MAV_VERIFY_WALK_QUERIES != MAV_DMARC_WALK_MAX_QUERIES
#error "mav_config.h's MAV_VERIFY_WALK_QUERIES must be the walk's cap"
#endif

static const char budget_reason[] = "work budget exceeded";

/* see mav_verify.h */
int mav_verify_init(mav_verify_ctx *v, mav_dns_ctx *dns, int64_t now)
{
    if (v == NULL || dns == NULL)
        return MAV_ERR_ARG;
    memset(v, 0, sizeof *v);
    v->dns = dns;
    v->now = now;
    v->max_queries = MAV_CFG_VERIFY_MAX_QUERIES;
    v->max_sigchecks = MAV_CFG_VERIFY_MAX_SIGCHECKS;
    if (mav_spf_init(&v->spf, dns) != MAV_OK ||
        mav_dkim_init(&v->dkim, dns, now) != MAV_OK ||
        mav_dmarc_init(&v->dmarc, dns) != MAV_OK)
        return MAV_ERR_ARG;
    return MAV_OK;
}

/* see mav_verify.h */
int mav_verify_set_budget(mav_verify_ctx *v, unsigned max_queries,
                          unsigned max_sigchecks)
{
    if (v == NULL || max_queries == 0 || max_queries > 0xffff ||
        max_sigchecks == 0 || max_sigchecks > 0xffff)
        return MAV_ERR_ARG;
    if (v->spf_state != P_IDLE || v->dkim_state != P_IDLE ||
        mav_dkim_lookups(&v->dkim) != 0 || v->prefetch_issued)
        return MAV_ERR_STATE;
    v->max_queries = (uint16_t)max_queries;
    v->max_sigchecks = (uint16_t)max_sigchecks;
    return MAV_OK;
}

/* see mav_verify.h */
void mav_verify_work_get(const mav_verify_ctx *v, mav_verify_work *w)
{
    if (w == NULL)
        return;
    memset(w, 0, sizeof *w);
    if (v == NULL)
        return;
    /* each module's own counters: the resolver is shared, its stats are
     * every message's. SPF's live count is in its context (the outcome
     * gets it only at the end); DMARC counts in its outcome as it goes */
    w->spf_queries = mav_spf_queries(&v->spf);
    w->dkim_queries = mav_dkim_lookups(&v->dkim);
    /* the early query is DMARC's own first one (_dmarc.<author>, which
     * the evaluation asks again and finds in the cache): counted once */
    w->dmarc_queries = v->dmarc.out.queries > v->prefetch_issued
                           ? v->dmarc.out.queries
                           : v->prefetch_issued;
    w->queries = w->spf_queries + w->dkim_queries + w->dmarc_queries;
    w->sigchecks = mav_dkim_checks(&v->dkim);
    w->max_queries = v->max_queries;
    w->max_sigchecks = v->max_sigchecks;
    w->exceeded = v->exceeded;
    w->stopped = v->stopped;
}

/* SPF stopped by the budget (or never started because of it): its
 * outcome says so. The outcome is the module's, written here because
 * mav_spf_abort leaves it undecided. */
static MAV_NOINLINE void stop_spf(mav_verify_ctx *v)
{
    mav_spf_outcome *o = &v->spf.out;

    mav_spf_abort(&v->spf);
    o->result = MAV_SPF_TEMPERROR;
    o->error = budget_reason;
    o->error_offset = -1;
    o->dnssec = v->spf.relied ? v->spf.dnssec : MAV_DNSSEC_UNCHECKED;
    o->dns_terms = v->spf.dns_terms;
    o->void_lookups = v->spf.void_lookups;
    o->queries = v->spf.queries;
    v->spf_state = P_DONE;
    v->stopped |= MAV_VERIFY_STOPPED_SPF;
}

/* The budget is spent: stop every check still undecided. */
static void stop_all(mav_verify_ctx *v)
{
    v->exceeded = 1;
    if (v->spf_state == P_RUNNING)
        stop_spf(v);
    if (v->dkim_state != P_DONE) {
        unsigned i;
        mav_dkim_info info;
        mav_dkim_abort(&v->dkim);
        for (i = 0; i < mav_dkim_count(&v->dkim); i++)
            if (mav_dkim_get(&v->dkim, i, &info) == MAV_PENDING)
                v->stopped |= MAV_VERIFY_STOPPED_DKIM;
        if (v->dkim_state == P_RUNNING)
            v->dkim_state = P_DONE;
        /* P_IDLE: the rest of the message is dropped; end() closes */
    }
    if (v->prefetch_state == P_RUNNING) {
        mav_dns_release(v->dns, v->prefetch);
        v->prefetch_state = P_DONE;
    }
    if (v->dmarc_state != P_DONE && (v->from == MAV_VERIFY_FROM_OK ||
                                     v->from == MAV_VERIFY_FROM_PENDING)) {
        mav_dmarc_outcome *o = &v->dmarc.out;
        uint16_t q = o->queries;
        if (v->dmarc_state == P_RUNNING)
            mav_dmarc_abort(&v->dmarc);
        else
            memset(o, 0, sizeof *o); /* never started */
        o->queries = q;
        o->result = MAV_DMARC_TEMPERROR;
        o->disposition = MAV_DMARC_POLICY_NONE;
        o->reason = budget_reason;
        if (o->author[0] == 0)
            memcpy(o->author, v->author, sizeof o->author);
        if (v->dmarc_state == P_IDLE)
            o->dnssec = MAV_DNSSEC_UNCHECKED;
        v->dmarc_state = P_DONE;
        v->stopped |= MAV_VERIFY_STOPPED_DMARC;
    }
}

/* Lookups left in the budget. */
static unsigned queries_left(const mav_verify_ctx *v)
{
    mav_verify_work w;

    mav_verify_work_get(v, &w);
    return w.queries >= v->max_queries ? 0 : v->max_queries - w.queries;
}

/* Before a step of SPF or DKIM: what is left of the budget becomes their
 * cap, so work over it is never issued; it waits, and budget_check
 * stops the message. DMARC has no such cap: its steps are checked after
 * they run (see mav_verify.h). */
static void arm(mav_verify_ctx *v)
{
    unsigned left = queries_left(v);

    mav_spf_limit_queries(&v->spf, mav_spf_queries(&v->spf) + left);
    mav_dkim_set_limits(&v->dkim, mav_dkim_lookups(&v->dkim) + left,
                        v->max_sigchecks);
}

/* After every step: has the message passed its budget, or does some
 * check wait for work the budget does not allow? */
static void budget_check(mav_verify_ctx *v)
{
    mav_verify_work w;

    if (v->exceeded)
        return;
    mav_verify_work_get(v, &w);
    if (w.queries > v->max_queries || w.sigchecks > v->max_sigchecks ||
        mav_spf_over_limit(&v->spf) || mav_dkim_over_limit(&v->dkim)) {
        if (mav_dkim_over_limit(&v->dkim))
            v->stopped |= MAV_VERIFY_STOPPED_DKIM;
        stop_all(v);
    }
}

/* The domain of an address (after its last "@"), lowercase, no final
 * dot, into out; 0, or -1 when it does not fit or is empty. */
static int domain_of(const char *s, size_t n, char *out, size_t cap)
{
    size_t i, at = 0, len;

    for (i = 0; i < n; i++)
        if (s[i] == '@')
            at = i + 1;
    len = n - at;
    if (len > 0 && s[at + len - 1] == '.')
        len--;
    if (len == 0 || len >= cap)
        return -1;
    for (i = 0; i < len; i++) {
        char c = s[at + i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[len] = 0;
    return 0;
}

/* see mav_verify.h */
int mav_verify_envelope(mav_verify_ctx *v, const mav_verify_envelope_in *e)
{
    mav_spf_input in;
    const char *mf;
    int rc;

    if (v == NULL || e == NULL || e->helo == NULL)
        return MAV_ERR_ARG;
    if (v->spf_state != P_IDLE)
        return MAV_ERR_STATE;
    mf = e->mail_from ? e->mail_from : "";
    memset(&in, 0, sizeof in);
    in.mail_from = mf;
    in.helo = e->helo;
    in.client = e->client;
    in.now = v->now > 0 ? (uint64_t)v->now : 0;
    /* RFC 7208 §2.4: a null reverse-path is checked as postmaster@HELO;
     * RFC 9989 §3.2.4: DMARC then aligns the HELO name */
    v->helo_identity = mf[0] == 0;
    if (domain_of(v->helo_identity ? e->helo : mf,
                  strlen(v->helo_identity ? e->helo : mf), v->spf_domain,
                  sizeof v->spf_domain) != 0)
        v->spf_domain[0] = 0;
    if (v->exceeded) {
        /* the budget ran out while the message was read */
        stop_spf(v);
        return MAV_OK;
    }
    arm(v);
    rc = mav_spf_start(&v->spf, &in);
    if (rc < 0)
        return rc;
    v->spf_state = rc == MAV_OK ? P_DONE : P_RUNNING;
    budget_check(v);
    return MAV_OK;
}

/* Once the header section is read: the author domain, and the first
 * DMARC query sent ahead. */
static void find_author(mav_verify_ctx *v)
{
    const mav_msg_ctx *m = mav_dkim_msg(&v->dkim);
    unsigned i, n = mav_msg_field_count(m), froms = 0, from = 0, k, naddr;
    mav_msg_addr addr[4];
    const uint8_t *val;
    size_t len;

    for (i = 0; i < n; i++)
        if (mav_msg_field_is(m, i, "from", 4)) {
            froms++;
            from = i;
        }
    if (froms == 0) {
        v->from = MAV_VERIFY_FROM_NONE;
        return;
    }
    if (froms > 1) {
        v->from = MAV_VERIFY_FROM_SEVERAL;
        return;
    }
    if (mav_msg_field_value(m, from, &val, &len) != MAV_OK ||
        mav_msg_from_parse(val, len, addr, 4, &naddr, NULL) != MAV_OK ||
        naddr == 0 ||
        domain_of((const char *)val + addr[0].domain_off - 0,
                  addr[0].domain_len, v->author, sizeof v->author) != 0) {
        v->from = MAV_VERIFY_FROM_BAD;
        return;
    }
    /* several mailboxes are fine when they share one domain */
    for (k = 1; k < naddr; k++) {
        char other[MAV_DMARC_NAME_TEXT];
        if (domain_of((const char *)val + addr[k].domain_off,
                      addr[k].domain_len, other, sizeof other) != 0 ||
            strcmp(other, v->author) != 0) {
            v->from = MAV_VERIFY_FROM_SEVERAL;
            return;
        }
    }
    v->from = MAV_VERIFY_FROM_OK;
    /* RFC 9989 §4.10: the walk starts at _dmarc.<author>: ask it now,
     * the evaluation will find the answer in the cache */
    {
        char q[MAV_DMARC_NAME_TEXT + 8];
        uint8_t wire[MAV_DNS_NAME_MAX];
        size_t wl, al = strlen(v->author);
        memcpy(q, "_dmarc.", 7);
        memcpy(q + 7, v->author, al + 1);
        if (queries_left(v) > 0 &&
            mav_dns_name_from_text(q, al + 7, NULL, wire, &wl) == MAV_OK &&
            mav_dns_lookup(v->dns, wire, wl, MAV_DNS_TYPE_TXT, &v->prefetch) >=
                0) {
            v->prefetch_state = P_RUNNING;
            v->prefetch_issued = 1;
        }
    }
}

/* see mav_verify.h */
size_t mav_verify_feed(mav_verify_ctx *v, const uint8_t *p, size_t n)
{
    size_t used;

    if (v == NULL || v->dkim_state != P_IDLE)
        return 0;
    if (v->exceeded)
        return n; /* stopped: the rest of the message is not read */
    arm(v);
    used = mav_dkim_feed(&v->dkim, p, n);
    if (v->from == MAV_VERIFY_FROM_PENDING && v->dkim.header_done)
        find_author(v);
    budget_check(v);
    return used;
}

/* see mav_verify.h */
int mav_verify_end(mav_verify_ctx *v)
{
    int rc;

    if (v == NULL || v->dkim_state != P_IDLE)
        return MAV_ERR_STATE;
    if (v->exceeded) {
        v->dkim_state = P_DONE;
        return MAV_OK;
    }
    arm(v);
    rc = mav_dkim_finish(&v->dkim);
    if (rc < 0)
        return rc;
    v->dkim_state = rc == MAV_OK ? P_DONE : P_RUNNING;
    if (v->from == MAV_VERIFY_FROM_PENDING)
        find_author(v); /* a message with no body */
    budget_check(v);
    return MAV_OK;
}

/* DMARC's view of the SPF and DKIM results (RFC 9989 §5.3.3). */
static int start_dmarc(mav_verify_ctx *v)
{
    const char *domains[MAV_CFG_DKIM_SIGNATURES];
    const mav_spf_outcome *spf = mav_spf_get(&v->spf);
    mav_dmarc_input in;
    unsigned i, n = 0, count = mav_dkim_count(&v->dkim);
    int rc;

    memset(&in, 0, sizeof in);
    in.author_domain = v->author;
    in.spf = spf->result == MAV_SPF_PASS        ? MAV_DMARC_AUTH_PASS
             : spf->result == MAV_SPF_TEMPERROR ? MAV_DMARC_AUTH_TEMPERROR
                                                : MAV_DMARC_AUTH_FAIL;
    in.spf_domain = v->spf_domain;
    for (i = 0; i < count && n < MAV_CFG_DKIM_SIGNATURES; i++) {
        mav_dkim_info info;
        if (mav_dkim_get(&v->dkim, i, &info) != MAV_OK)
            continue;
        if (info.result == MAV_DKIM_PASS && info.d && info.d[0])
            domains[n++] = info.d;
        if (info.result == MAV_DKIM_TEMPERROR)
            in.dkim_temperror = 1;
    }
    in.dkim_domains = domains;
    in.n_dkim = n;
    rc = mav_dmarc_start(&v->dmarc, &in);
    if (v->prefetch_state == P_RUNNING) {
        mav_dns_release(v->dns, v->prefetch);
        v->prefetch_state = P_DONE;
    }
    return rc;
}

/* see mav_verify.h */
int mav_verify_poll(mav_verify_ctx *v)
{
    int rc;

    if (v == NULL)
        return MAV_ERR_ARG;
    /* The early _dmarc query only warms the cache: its lookup slot goes
     * back as soon as the answer is in. Held until SPF and DKIM end, the
     * slots of many such messages could starve their own SPF lookups of
     * room in the shared resolver, and nothing would ever move. */
    if (v->prefetch_state == P_RUNNING) {
        mav_dns_result res;
        if (mav_dns_get_result(v->dns, v->prefetch, &res) != MAV_PENDING) {
            mav_dns_release(v->dns, v->prefetch);
            v->prefetch_state = P_DONE;
        }
    }
    if (v->spf_state == P_IDLE || v->dkim_state == P_IDLE)
        return MAV_ERR_STATE;
    arm(v);
    if (v->spf_state == P_RUNNING && mav_spf_poll(&v->spf) == MAV_OK)
        v->spf_state = P_DONE;
    budget_check(v);
    arm(v);
    if (v->dkim_state == P_RUNNING && mav_dkim_poll(&v->dkim) == MAV_OK)
        v->dkim_state = P_DONE;
    budget_check(v);
    if (v->spf_state != P_DONE || v->dkim_state != P_DONE)
        return MAV_PENDING;
    if (v->from != MAV_VERIFY_FROM_OK) {
        v->dmarc_state = P_DONE; /* DMARC does not apply: reported none */
        return MAV_OK;
    }
    if (v->dmarc_state == P_IDLE) {
        if (queries_left(v) == 0 && !v->prefetch_issued) {
            /* DMARC asks _dmarc.<author> at least (RFC 9989 §4.10 step
             * 1): no lookup is left for it */
            stop_all(v);
            return MAV_OK;
        }
        rc = start_dmarc(v);
        if (rc < 0) {
            v->dmarc_state = P_DONE;
            return MAV_OK;
        }
        v->dmarc_state = rc == MAV_OK ? P_DONE : P_RUNNING;
        budget_check(v);
    }
    if (v->dmarc_state == P_RUNNING && mav_dmarc_poll(&v->dmarc) == MAV_OK)
        v->dmarc_state = P_DONE;
    budget_check(v);
    return v->dmarc_state == P_DONE ? MAV_OK : MAV_PENDING;
}

/* see mav_verify.h */
const mav_spf_outcome *mav_verify_spf(const mav_verify_ctx *v)
{
    return v && v->spf_state == P_DONE ? mav_spf_get(&v->spf) : NULL;
}

/* see mav_verify.h */
const mav_dkim_ctx *mav_verify_dkim(const mav_verify_ctx *v)
{
    return v && v->dkim_state == P_DONE ? &v->dkim : NULL;
}

/* see mav_verify.h */
int mav_verify_dkim_get(const mav_verify_ctx *v, unsigned i,
                        mav_dkim_info *info)
{
    int rc;

    if (v == NULL || info == NULL)
        return MAV_ERR_ARG;
    rc = mav_dkim_get(&v->dkim, i, info);
    if (rc == MAV_PENDING && (v->stopped & MAV_VERIFY_STOPPED_DKIM)) {
        info->result = MAV_DKIM_TEMPERROR;
        info->reason = budget_reason;
        rc = MAV_OK;
    }
    return rc;
}

/* see mav_verify.h */
const mav_dmarc_outcome *mav_verify_dmarc(const mav_verify_ctx *v)
{
    if (v == NULL || v->dmarc_state != P_DONE)
        return NULL;
    if (v->from != MAV_VERIFY_FROM_OK &&
        !(v->stopped & MAV_VERIFY_STOPPED_DMARC))
        return NULL;
    return mav_dmarc_get(&v->dmarc);
}

/* see mav_verify.h */
mav_verify_from mav_verify_from_state(const mav_verify_ctx *v)
{
    return v ? v->from : MAV_VERIFY_FROM_PENDING;
}

/* "dnssec: <verdict>" for a comment, or NULL when nothing was checked. */
static MAV_NOINLINE const char *dnssec_note(mav_dnssec_verdict d)
{
    switch (d) {
    case MAV_DNSSEC_SECURE:
        return "dnssec: secure";
    case MAV_DNSSEC_INSECURE:
        return "dnssec: insecure";
    case MAV_DNSSEC_BOGUS:
        return "dnssec: bogus";
    case MAV_DNSSEC_INDETERMINATE:
        return "dnssec: indeterminate";
    default:
        return NULL;
    }
}

static const char *from_reason(mav_verify_from f)
{
    switch (f) {
    case MAV_VERIFY_FROM_NONE:
        return "no From field";
    case MAV_VERIFY_FROM_SEVERAL:
        return "several From fields or author domains";
    default:
        return "From field unreadable";
    }
}

/* Add a property to an A-R entry when its value is not empty. */
static void add_prop(mav_authres_entry *e, const char *ptype,
                     const char *property, const char *value)
{
    if (value && value[0])
        e->props[e->nprops++] = (mav_authres_prop){ptype, property, value};
}

/* see mav_verify.h */
int mav_verify_authres(const mav_verify_ctx *v, const char *authserv_id,
                       char *out, size_t cap, size_t *len)
{
    mav_authres_entry e[2 + MAV_CFG_DKIM_SIGNATURES];
    mav_dkim_info info[MAV_CFG_DKIM_SIGNATURES];
    const mav_spf_outcome *spf;
    const mav_dmarc_outcome *dm;
    unsigned n = 0, i, count;

    if (v == NULL || out == NULL || authserv_id == NULL)
        return MAV_ERR_ARG;
    if (v->spf_state != P_DONE || v->dkim_state != P_DONE ||
        v->dmarc_state != P_DONE)
        return MAV_ERR_STATE;
    memset(e, 0, sizeof e);
    spf = mav_spf_get(&v->spf);
    e[n].method = "spf";
    e[n].result = mav_spf_result_str(spf->result);
    e[n].comment = dnssec_note(spf->dnssec);
    if (spf->result == MAV_SPF_PERMERROR || spf->result == MAV_SPF_TEMPERROR)
        e[n].reason = spf->error;
    add_prop(&e[n], "smtp", v->helo_identity ? "helo" : "mailfrom",
             v->helo_identity ? v->spf.helo : v->spf.sender);
    n++;
    count = mav_dkim_count(&v->dkim);
    if (count == 0) {
        e[n].method = "dkim";
        e[n].result = "none";
        n++;
    }
    for (i = 0; i < count && i < MAV_CFG_DKIM_SIGNATURES; i++) {
        if (mav_verify_dkim_get(v, i, &info[i]) != MAV_OK)
            continue;
        e[n].method = "dkim";
        e[n].result = mav_dkim_result_str(info[i].result);
        e[n].comment = dnssec_note(info[i].key_dnssec);
        e[n].reason =
            info[i].reason && info[i].reason[0] ? info[i].reason : NULL;
        add_prop(&e[n], "header", "d", info[i].d);
        add_prop(&e[n], "header", "s", info[i].s);
        add_prop(&e[n], "header", "a", mav_dkim_alg_str(info[i].alg));
        add_prop(&e[n], "header", "b", info[i].b_prefix);
        n++;
    }
    e[n].method = "dmarc";
    dm = mav_verify_dmarc(v);
    if (dm == NULL) {
        e[n].result = "none";
        e[n].reason = from_reason(v->from);
    } else {
        e[n].result = mav_dmarc_result_str(dm->result);
        e[n].comment = dnssec_note(dm->dnssec);
        if (dm->result != MAV_DMARC_PASS && dm->reason && dm->reason[0])
            e[n].reason = dm->reason;
        add_prop(&e[n], "header", "from", dm->author);
        /* the disposition this receiver applies (RFC 9989 §5.3.4) */
        e[n].props[e[n].nprops++] = (mav_authres_prop){
            "policy", "dmarc", mav_dmarc_policy_str(dm->disposition)};
    }
    n++;
    return mav_authres_write(out, cap, authserv_id, e, n, len);
}

/* see mav_verify.h */
void mav_verify_abort(mav_verify_ctx *v)
{
    if (v == NULL)
        return;
    mav_spf_abort(&v->spf);
    mav_dkim_abort(&v->dkim);
    mav_dmarc_abort(&v->dmarc);
    if (v->prefetch_state == P_RUNNING)
        mav_dns_release(v->dns, v->prefetch);
    v->prefetch_state = P_DONE;
}
