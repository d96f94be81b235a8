/* SPDX-License-Identifier: MIT */
/*
 * spf_eval.c - check_host() (RFC 7208 §4) as a state machine over mav's
 * resolver: record discovery (§4.4, §4.5), term evaluation in order
 * (§4.6.2, §5: all include a mx ptr ip4 ip6 exists), the include result
 * table (§5.2), redirect when nothing matched (§6.1), the explanation of
 * a fail (§6.2), the identity rules (§2.3, §2.4, §4.3: null reverse path,
 * malformed domains, postmaster), IPv4-mapped clients as IPv4 (§5.6 via
 * RFC 4291 §2.5.5.2), and the processing limits of §4.6.4.
 *
 * Nothing recurses and nothing waits: nested records (include) are
 * frames of a fixed stack, bounded by the DNS-term limit; their texts sit
 * in one byte stack. A step that needs the DNS starts its lookups (all
 * the independent ones of the step together, e.g. the address lookups of
 * every MX host) and returns MAV_PENDING; mav_spf_poll() consumes each
 * answer as soon as it finishes and releases its handle, so a resolver
 * with few lookup slots still makes progress. Every answer used folds its
 * DNSSEC verdict into the outcome.
 */
#include <stddef.h>
#include <string.h>

#include "mav_internal.h" /* mav_dns_query_outcome */
#include "mav_spf.h"

/* Frame states */
enum {
    F_FETCH = 1,  /* the record's TXT lookup is to be issued */
    F_WAIT_TXT,   /* ... and is under way */
    F_TERMS,      /* evaluate the next term */
    F_WAIT_TERM,  /* the term's lookups are under way */
    F_WAIT_CHILD, /* an include's record is being evaluated above */
    F_EXP         /* fetching the explanation (top frame, on fail) */
};

/* How a frame came to be (what "none" means for it, §5.2, §6.1) */
enum { VIA_TOP = 0, VIA_INCLUDE, VIA_REDIRECT };

/* Kinds of batch: what the answers of the lookups under way are for */
enum {
    K_NONE = 0,
    K_RECORD,    /* TXT of a record (1 lookup) */
    K_ADDR,      /* a: A/AAAA of the target (1 lookup, a term's own) */
    K_EXISTS,    /* exists: A of the target (1) */
    K_MX,        /* mx: MX of the target (1) */
    K_MX_ADDR,   /* mx: addresses of the MX hosts (up to MAX_MX) */
    K_PTR,       /* ptr / p: PTR of the client (1) */
    K_PTR_ADDR,  /* ptr / p: addresses of the PTR names (up to MAX_PTR) */
    K_EXP        /* the exp= TXT (1) */
};

/* Slot states of a batch */
enum { SL_UNISSUED = 0, SL_PENDING, SL_DONE };

/* PTR validation (§5.5), done once per evaluation: P_* */
enum { P_NONE = 0, P_RUNNING, P_DONE };

const char *mav_spf_result_str(mav_spf_result r)
{
    switch (r) {
    case MAV_SPF_PASS: return "pass";
    case MAV_SPF_FAIL: return "fail";
    case MAV_SPF_SOFTFAIL: return "softfail";
    case MAV_SPF_NEUTRAL: return "neutral";
    case MAV_SPF_NONE: return "none";
    case MAV_SPF_TEMPERROR: return "temperror";
    case MAV_SPF_PERMERROR: return "permerror";
    default: return "undecided";
    }
}

/* Prefetch slots (one, unused, when MAV_CFG_SPF_PREFETCH is 0). */
#define PREFETCH_SLOTS \
    (sizeof ((mav_spf_ctx *)0)->pre_h / sizeof ((mav_spf_ctx *)0)->pre_h[0])

/* ---- small helpers -------------------------------------------------- */

/*
 * A domain as text to wire form, byte for byte (macro output may hold
 * any printable byte; no escapes are interpreted). A final dot is
 * allowed; labels must be 1..63 bytes and the name at most 255 (RFC 1035
 * §2.3.4). Returns the label count, or -1 when malformed (§4.3).
 */
static int text_to_wire(const char *t, size_t n, uint8_t *w)
{
    size_t i = 0, out = 0;
    int labels = 0;

    if (n && t[n - 1] == '.')
        n--;
    if (n == 0)
        return -1;
    while (i <= n) {
        size_t s = i;
        while (i < n && t[i] != '.')
            i++;
        if (i == s || i - s > 63 || out + 1 + (i - s) + 1 > 255)
            return -1;
        w[out++] = (uint8_t)(i - s);
        memcpy(w + out, t + s, i - s);
        out += i - s;
        labels++;
        i++;
    }
    w[out] = 0;
    return labels;
}

/* Wire name to plain dotted text (no escapes, no final dot). */
static size_t wire_to_text(const uint8_t *w, char *t, size_t cap)
{
    size_t o = 0;

    while (*w && o + *w + 1 < cap) {
        if (o)
            t[o++] = '.';
        memcpy(t + o, w + 1, *w);
        o += *w;
        w += *w + 1;
    }
    t[o] = 0;
    return o;
}

/* The last '@' of s, or NULL (strrchr is not among the string
 * functions a freestanding build may use, DESIGN.md rule 3). */
static const char *last_at(const char *s)
{
    const char *at = NULL;

    for (; *s; s++)
        if (*s == '@')
            at = s;
    return at;
}

static void copy_text(char *dst, size_t cap, const char *src, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

/* The outcome names the frame's <domain> (and, with term, that text as
 * the term). One copy for the match, the default, the errors. */
static MAV_NOINLINE void note_out(mav_spf_ctx *s, const mav_spf_frame *f,
                                  const char *term, size_t n)
{
    copy_text(s->out.domain, sizeof s->out.domain, f->domain,
              f->domain_len);
    if (term)
        copy_text(s->out.term, sizeof s->out.term, term, n);
}

/* The top record's match: its domain and its term text. */
static void note_match(mav_spf_ctx *s, const mav_spf_frame *f)
{
    if (s->depth == 0)
        note_out(s, f, s->text + f->text_off + f->term.off, f->term.len);
}

/* Weakness rank of a verdict: lower is weaker. */
static int rank(mav_dnssec_verdict v)
{
    switch (v) {
    case MAV_DNSSEC_BOGUS: return 0;
    case MAV_DNSSEC_INDETERMINATE: return 1;
    case MAV_DNSSEC_UNCHECKED: return 2;
    case MAV_DNSSEC_INSECURE: return 3;
    default: return 4; /* SECURE */
    }
}

static void fold_dnssec(mav_spf_ctx *s, mav_dnssec_verdict v)
{
    if (!s->relied || rank(v) < rank(s->dnssec))
        s->dnssec = v;
    s->relied = 1;
}

/* Does addr (of the client's family) lie in the client's /prefix? */
static int prefix_match(const uint8_t *a, const uint8_t *b, unsigned bits)
{
    unsigned full = bits / 8, rest = bits % 8;

    if (memcmp(a, b, full) != 0)
        return 0;
    if (rest == 0)
        return 1;
    return ((a[full] ^ b[full]) & (uint8_t)(0xff << (8 - rest))) == 0;
}

static mav_spf_frame *top(mav_spf_ctx *s)
{
    return &s->frame[s->depth];
}

/* ---- ending --------------------------------------------------------- */

static void release_all(mav_spf_ctx *s)
{
    unsigned k;

    for (k = 0; k < MAV_CFG_SPF_BATCH; k++) {
        if (s->h[k])
            mav_dns_release(s->dns, s->h[k]);
        s->h[k] = 0;
    }
    for (k = 0; k < PREFETCH_SLOTS; k++) {
        if (s->pre_h[k])
            mav_dns_release(s->dns, s->pre_h[k]);
        s->pre_h[k] = 0;
    }
    s->batch_kind = K_NONE;
    s->n_batch = 0;
}

static void finish(mav_spf_ctx *s, mav_spf_result r)
{
    release_all(s);
    s->out.result = r;
    s->out.dnssec = s->relied ? s->dnssec : MAV_DNSSEC_UNCHECKED;
    s->out.dns_terms = s->dns_terms;
    s->out.void_lookups = s->void_lookups;
    s->out.queries = s->queries;
    s->state = 2; /* done */
}

/* An error ends the whole evaluation at once (§4.6.2: permerror and
 * temperror propagate to the top). off < 0: not in the record text. */
static void fail_with(mav_spf_ctx *s, mav_spf_result r, const char *why,
                      int32_t off)
{
    mav_spf_frame *f = top(s);
    const char *rec = NULL;
    size_t a = 0, b = 0;

    s->out.error = why;
    s->out.error_offset = off;
    if (off >= 0 && f->text_len) {
        /* the offending term, for the operator */
        rec = s->text + f->text_off;
        a = b = (size_t)off;
        if (a > f->text_len)
            a = b = f->text_len;
        while (a > 0 && rec[a - 1] != ' ')
            a--;
        while (b < f->text_len && rec[b] != ' ')
            b++;
        rec += a;
    }
    note_out(s, f, rec, b - a);
    finish(s, r);
}

/* ---- batches of lookups --------------------------------------------- */

static void batch_start(mav_spf_ctx *s, unsigned kind, uint16_t type)
{
    s->batch_kind = (uint8_t)kind;
    s->batch_type = type;
    s->n_batch = 0;
    s->batch_hit = 0;
    s->batch_err = 0;
    s->batch_void = 0;
}

static void batch_add(mav_spf_ctx *s, const uint8_t *name)
{
    memcpy(s->batch_name[s->n_batch], name, mav_dns_name_len(name));
    s->slot[s->n_batch] = SL_UNISSUED;
    s->h[s->n_batch] = 0;
    s->n_batch++;
}

/* Issue what the resolver has room for; MAV_ERR_SPACE waits for the
 * next poll, any other error counts as a failed lookup. */
static void batch_issue(mav_spf_ctx *s)
{
    unsigned k;

    for (k = 0; k < s->n_batch; k++) {
        int r;
        /* a record asked for early was counted then */
        int counted = s->batch_kind == K_RECORD && top(s)->fetch_counted;
        if (s->slot[k] != SL_UNISSUED)
            continue;
        if (!counted && s->limited && s->queries >= s->query_limit) {
            s->over_limit = 1; /* waits: the caller's budget is spent */
            return;
        }
        r = mav_dns_lookup(s->dns, s->batch_name[k],
                           mav_dns_name_len(s->batch_name[k]),
                           s->batch_type, &s->h[k]);
        if (r == MAV_ERR_SPACE)
            return;
        if (!counted)
            s->queries++;
        if (r < 0) {
            s->h[k] = 0;
            s->slot[k] = SL_DONE;
            s->batch_err = 1;
            continue;
        }
        s->slot[k] = SL_PENDING;
    }
}

static void consume(mav_spf_ctx *s, unsigned k, const mav_dns_outcome *res);
static void prefetch_records(mav_spf_ctx *s);
static int ptr_step(mav_spf_ctx *s);
static void pick_ptr_name(mav_spf_ctx *s, const uint8_t *domain);

/* Read the finished lookup of slot k and consume it: 1, or 0 for a
 * handle that names no lookup. The answer views live in consume's
 * helpers, only while an answer is read, not under the lookups that
 * batch_collect and the prefetch issue next. */
static int consume_slot(mav_spf_ctx *s, unsigned k)
{
    mav_dns_outcome e;

    if (mav_dns_query_outcome(s->dns, s->h[k], &e) != MAV_OK)
        return 0;
    consume(s, k, &e);
    return 1;
}

/* Consume every finished lookup; 1 when the whole batch is done. */
static int batch_collect(mav_spf_ctx *s)
{
    unsigned k, done = 0;

    batch_issue(s);
    for (k = 0; k < s->n_batch; k++) {
        if (s->slot[k] == SL_PENDING &&
            mav_dns_query_status(s->dns, s->h[k]) != MAV_DNS_PENDING) {
            if (!consume_slot(s, k)) {
                s->h[k] = 0; /* stale handle: treat as failed */
                s->slot[k] = SL_DONE;
                s->batch_err = 1;
            } else {
                if (s->state != 1)
                    return 0; /* the answer ended the evaluation */
                mav_dns_release(s->dns, s->h[k]);
                s->h[k] = 0;
                s->slot[k] = SL_DONE;
                /* a record just read: ask for its later records now */
                if (MAV_CFG_SPF_PREFETCH > 0 && s->batch_kind == K_RECORD &&
                    top(s)->state == F_TERMS)
                    prefetch_records(s);
            }
        }
        if (s->slot[k] == SL_DONE)
            done++;
    }
    return done == s->n_batch;
}

/* batch_collect as a step: 1 when the batch is done, 0 while lookups
 * are under way, -1 when an answer ended the evaluation. */
static int collect(mav_spf_ctx *s)
{
    return batch_collect(s) ? 1 : s->state == 1 ? 0 : -1;
}

/* ---- consuming answers ---------------------------------------------- */

/* §4.6.4: a void lookup; over the limit is a permerror. */
static int count_void(mav_spf_ctx *s)
{
    s->void_lookups++;
    if (s->void_lookups > MAV_CFG_SPF_MAX_VOID) {
        fail_with(s, MAV_SPF_PERMERROR, "limit: void lookups (RFC 7208 "
                  "§4.6.4)", top(s)->term.off);
        return -1;
    }
    return 0;
}

/* Read the first bytes of the joined strings of a TXT RDATA. */
static size_t txt_prefix(const uint8_t *rd, size_t n, uint8_t *out,
                         size_t cap)
{
    size_t i = 0, o = 0;

    while (i < n && o < cap) {
        size_t l = rd[i++], c;
        for (c = 0; c < l && i < n && o < cap; c++)
            out[o++] = rd[i++];
        i += l - c;
    }
    return o;
}

/* ---- prefetch (MAV_CFG_SPF_PREFETCH) -------------------------------- */

/* The wire form of a domain-spec without macros, as expand_target makes
 * it; 0 when it has a macro or is not a usable name. */
static int literal_wire(const char *spec, size_t n, uint8_t *wire)
{
    return n > 0 && n <= 253 && !memchr(spec, '%', n) &&
           text_to_wire(spec, n, wire) > 0;
}

/* Ask for the TXT record of a literal domain-spec now, holding the
 * lookup in a free prefetch slot; 1 when asked (and counted). */
static int prefetch_one(mav_spf_ctx *s, const char *spec, size_t n)
{
    uint8_t wire[MAV_DNS_NAME_MAX];
    unsigned k;
    int r;

    for (k = 0; k < PREFETCH_SLOTS && s->pre_h[k]; k++)
        ;
    if (k == PREFETCH_SLOTS || !literal_wire(spec, n, wire) ||
        (s->limited && s->queries >= s->query_limit))
        return 0; /* optional: the evaluation asks in its own time */
    r = mav_dns_lookup(s->dns, wire, mav_dns_name_len(wire),
                       MAV_DNS_TYPE_TXT, &s->pre_h[k]);
    if (r < 0) {
        s->pre_h[k] = 0; /* no room in the resolver: no matter */
        return 0;
    }
    s->queries++;
    if (r == MAV_OK) { /* in the cache already */
        mav_dns_release(s->dns, s->pre_h[k]);
        s->pre_h[k] = 0;
    }
    return 1;
}

/*
 * The top frame's record has just been read: ask at once for the
 * records of its includes after the first (the evaluation asks for that
 * one itself now) and of its redirect, so that a record of includes
 * side by side costs one round trip more, not one per include. Only
 * literal targets (a macro may need the PTR names first), and only
 * those the §4.6.4 limit lets the evaluation reach.
 */
static void prefetch_records(mav_spf_ctx *s)
{
    mav_spf_frame *f = top(s);
    const char *rec = s->text + f->text_off;
    mav_spf_term t;
    unsigned k;

    for (k = 1; k < f->n_stops; k++) {
        if (s->dns_terms + k + 1 > MAV_CFG_SPF_MAX_DNS_MECH)
            return;
        if (mav_spf_term_at(rec, f->text_len, f->stop[k], &t) == 1 &&
            t.kind == MAV_SPF_T_INCLUDE &&
            prefetch_one(s, rec + t.arg_off, t.arg_len))
            f->prefetched |= (uint16_t)(1u << k);
    }
    if (f->n_stops > 0 && f->redirect_off >= 0 && f->match_off == 0 &&
        s->dns_terms + f->n_stops + 1 <= MAV_CFG_SPF_MAX_DNS_MECH &&
        mav_spf_term_at(rec, f->text_len, (size_t)f->redirect_off, &t) == 1 &&
        prefetch_one(s, rec + t.arg_off, t.arg_len))
        f->redirect_prefetched = 1;
}

/* Give back the prefetch lookups whose answers are in (the cache keeps
 * them for the evaluation). */
static void prefetch_reap(mav_spf_ctx *s)
{
    mav_dns_result res;
    unsigned k;

    for (k = 0; k < PREFETCH_SLOTS; k++)
        if (s->pre_h[k] &&
            mav_dns_get_result(s->dns, s->pre_h[k], &res) != MAV_PENDING) {
            mav_dns_release(s->dns, s->pre_h[k]);
            s->pre_h[k] = 0;
        }
}

/* mav_spf_record_scan's note of one term of the top frame's record:
 * the stops of its evaluation (mav_spf_frame). An address term is
 * matched here, once, since the client does not change. */
static void note_term(void *arg, const mav_spf_term *t)
{
    mav_spf_ctx *s = arg;
    mav_spf_frame *f = top(s);

    if (f->match_off != 0)
        return;
    switch (t->kind) {
    case MAV_SPF_T_ALL:
        f->match_off = t->off;
        break;
    case MAV_SPF_T_IP4:
        if (s->family == 4 && prefix_match(t->addr, s->ip, t->cidr4))
            f->match_off = t->off;
        break;
    case MAV_SPF_T_IP6:
        if (s->family == 6 && prefix_match(t->addr, s->ip, t->cidr6))
            f->match_off = t->off;
        break;
    default:
        /* modifiers are in redirect_off and exp_off */
        if (mav_spf_is_dns_mechanism(t->kind) &&
            f->n_stops < sizeof f->stop / sizeof f->stop[0])
            f->stop[f->n_stops++] = t->off;
        break;
    }
}

/* A DNS error: no answer, as opposed to NXDOMAIN or no data */
static int status_is_error(mav_dns_status st)
{
    return st == MAV_DNS_SERVFAIL || st == MAV_DNS_TIMEOUT ||
           st == MAV_DNS_FAILED;
}

/* The record of the top frame (§4.4, §4.5): exactly one TXT string that
 * starts "v=spf1"; copied to the text stack. */
static MAV_NOINLINE void consume_record(mav_spf_ctx *s,
                                        const mav_dns_outcome *res)
{
    mav_spf_frame *f = top(s);
    mav_dns_answer a;
    mav_dns_rr rr;
    mav_spf_record_info info;
    mav_perr pe = {0, 0, NULL};
    int found = 0;
    size_t len = 0;
    uint8_t head[7];

    if (status_is_error(res->status)) {
        /* §4.4: a DNS error other than NXDOMAIN is a temperror */
        fail_with(s, MAV_SPF_TEMPERROR, "DNS error fetching the record", -1);
        return;
    }
    if (res->status == MAV_DNS_ANSWER &&
        mav_dns_answer_init(s->dns, s->h[0], &a) == MAV_OK) {
        while (mav_dns_answer_next(&a, &rr) == 1) {
            /* the RDATA as it lies in the message (a cached message has
             * been checked, TXT strings included: no RDATA view) */
            const uint8_t *raw = a.msg.p + rr.rdata;
            size_t n = txt_prefix(raw, rr.rdlen, head, sizeof head);
            if (!mav_spf_is_record(head, n))
                continue; /* §4.5: other TXT records are discarded */
            if (found) {
                /* §4.5: more than one record is a permerror */
                fail_with(s, MAV_SPF_PERMERROR, "more than one v=spf1 "
                          "record", -1);
                return;
            }
            found = 1;
            if (mav_dns_txt_join(raw, rr.rdlen,
                                 (uint8_t *)s->text + s->text_used,
                                 sizeof s->text - s->text_used,
                                 &len) != MAV_OK || len > 0xffff) {
                fail_with(s, MAV_SPF_PERMERROR, "limit: record text "
                          "(MAV_CFG_SPF_TEXT_BYTES)", -1);
                return;
            }
        }
    }
    if (!found) {
        /* §4.5: no record is "none"; for include (§5.2) and redirect
         * (§6.1) that is a permerror */
        if (f->via == VIA_TOP) {
            note_out(s, f, NULL, 0);
            finish(s, MAV_SPF_NONE);
        } else {
            fail_with(s, MAV_SPF_PERMERROR, f->via == VIA_INCLUDE
                      ? "include target has no SPF record"
                      : "redirect target has no SPF record", -1);
        }
        return;
    }
    f->text_off = s->text_used;
    f->text_len = (uint16_t)len;
    s->text_used = (uint16_t)(s->text_used + len);
    f->n_stops = f->next_stop = 0;
    f->match_off = 0;
    f->prefetched = 0;
    f->redirect_prefetched = 0;
    if (mav_spf_record_scan(s->text + f->text_off, len, &info, note_term, s,
                            &pe) != MAV_OK) {
        /* §4.6: a syntax error anywhere is a permerror */
        fail_with(s, MAV_SPF_PERMERROR, pe.what ? pe.what : "syntax error",
                  (int32_t)pe.offset);
        return;
    }
    f->redirect_off = info.redirect_off;
    f->exp_off = info.exp_off;
    f->state = F_TERMS;
}

/* The explanation (§6.2): exactly one TXT string, expanded with c r t;
 * anything wrong and there is simply no explanation. */
static MAV_NOINLINE void consume_exp(mav_spf_ctx *s,
                                     const mav_dns_outcome *res)
{
    mav_dns_answer a;
    mav_dns_rr rr;
    size_t len = 0, n_txt = 0, out_len;
    char *scratch = s->expand;

    if (res->status != MAV_DNS_ANSWER ||
        mav_dns_answer_init(s->dns, s->h[0], &a) != MAV_OK)
        return;
    while (mav_dns_answer_next(&a, &rr) == 1) {
        if (++n_txt > 1)
            return;
        if (mav_dns_txt_join(a.msg.p + rr.rdata, rr.rdlen, (uint8_t *)scratch,
                             sizeof s->expand, &len) != MAV_OK)
            return;
    }
    if (n_txt != 1)
        return;
    /* kept on the free text stack until it is expanded (which may need
     * the PTR names first, for %{p}) */
    if (len == 0 || len > sizeof s->text - s->text_used ||
        mav_spf_macro_check(scratch, len, MAV_SPF_MACRO_EXP, NULL) != MAV_OK)
        return;
    memcpy(s->text + s->text_used, scratch, len);
    s->exp_len = (uint16_t)len;
    (void)out_len;
}

/* Expand the explanation text kept by consume_exp (§6.2). Returns 0
 * while the PTR names are looked up, 1 when done. */
static int expand_exp(mav_spf_ctx *s)
{
    const char *txt = s->text + s->text_used;
    size_t out_len;

    if (s->exp_len == 0)
        return 1;
    if (mav_spf_macro_uses_p(txt, s->exp_len)) {
        uint8_t dom[MAV_DNS_NAME_MAX];
        int r = ptr_step(s);
        if (r <= 0)
            return r;
        if (text_to_wire(top(s)->domain, top(s)->domain_len, dom) < 0)
            dom[0] = 0;
        pick_ptr_name(s, dom);
    }
    if (mav_spf_macro_expand(&s->env, txt, s->exp_len, MAV_SPF_MACRO_EXP,
                             s->out.explanation,
                             sizeof s->out.explanation - 1, &out_len,
                             NULL) != MAV_OK)
        out_len = 0;
    s->out.explanation[out_len] = 0;
    s->exp_len = 0;
    return 1;
}

/* The name at offset off of the answer's message into out (a cached
 * message has been checked: it decompresses); 0 when it does not. */
static int rdata_name(const mav_dns_answer *a, size_t off, uint8_t *out)
{
    mav_cur c;
    size_t n;

    mav_cur_init(&c, a->msg.p, a->msg.len);
    c.off = off;
    return mav_dns_name_get(&c, 1, out, &n, NULL) == MAV_OK;
}

/* The RRs of the answer of slot k, read for a term of this kind;
 * returns whether there was any. The RDATA is read where it lies in
 * the message (a cached message has been checked: A is 4 bytes, AAAA
 * 16, MX a preference and a name), names straight into where they are
 * kept. Not inlined: its answer and RR views live only while read. */
static MAV_NOINLINE int consume_rrs(mav_spf_ctx *s, unsigned k,
                                    unsigned kind)
{
    mav_dns_answer a;
    mav_dns_rr rr;
    int any = 0;

    if (mav_dns_answer_init(s->dns, s->h[k], &a) != MAV_OK)
        return 0;
    while (mav_dns_answer_next(&a, &rr) == 1) {
        const uint8_t *rd = a.msg.p + rr.rdata;
        int a4 = rr.type == MAV_DNS_TYPE_A && rr.rdlen == 4,
            a6 = rr.type == MAV_DNS_TYPE_AAAA && rr.rdlen == 16;

        any = 1;
        switch (kind) {
        case K_ADDR:
        case K_MX_ADDR:
            if ((a4 && s->family == 4 &&
                 prefix_match(rd, s->ip, top(s)->term.cidr4)) ||
                (a6 && s->family == 6 &&
                 prefix_match(rd, s->ip, top(s)->term.cidr6)))
                s->batch_hit = 1;
            break;
        case K_EXISTS:
            s->batch_hit = 1; /* §5.7: any A record matches */
            break;
        case K_PTR_ADDR:
            if ((a4 && s->family == 4 && memcmp(rd, s->ip, 4) == 0) ||
                (a6 && s->family == 6 && memcmp(rd, s->ip, 16) == 0))
                s->ptr_valid[k] = 1;
            break;
        case K_MX:
            /* §4.6.4: more than MAX_MX MX names is a permerror */
            if (s->n_hosts >= MAV_CFG_SPF_MAX_MX) {
                fail_with(s, MAV_SPF_PERMERROR, "limit: more than 10 "
                          "MX records (RFC 7208 §4.6.4)",
                          top(s)->term.off);
                return any;
            }
            /* the host names go where the next batch reads its
             * names (slot 0's own name is no longer needed) */
            if (rr.type == MAV_DNS_TYPE_MX && rr.rdlen > 2 &&
                rdata_name(&a, rr.rdata + 2, s->batch_name[s->n_hosts]))
                s->n_hosts++;
            break;
        case K_PTR:
            /* §4.6.4: names after the 10th are ignored */
            if (rr.type == MAV_DNS_TYPE_PTR &&
                s->n_ptr < MAV_CFG_SPF_MAX_PTR &&
                rdata_name(&a, rr.rdata, s->ptr_names[s->n_ptr]))
                s->n_ptr++;
            break;
        default:
            break;
        }
    }
    return any;
}

static void consume(mav_spf_ctx *s, unsigned k, const mav_dns_outcome *res)
{
    unsigned kind = s->batch_kind;
    int any = 0;

    fold_dnssec(s, res->dnssec);
    switch (kind) {
    case K_RECORD:
        consume_record(s, res);
        return;
    case K_EXP:
        consume_exp(s, res);
        return;
    default:
        break;
    }
    if (status_is_error(res->status)) {
        /* §5: DNS errors make a term's evaluation a temperror, except
         * for ptr (§5.5): a failed PTR lookup does not match, a failed
         * name is skipped */
        if (kind == K_PTR || kind == K_PTR_ADDR)
            return;
        fail_with(s, MAV_SPF_TEMPERROR, "DNS error", top(s)->term.off);
        return;
    }
    if (res->status == MAV_DNS_ANSWER)
        any = consume_rrs(s, k, kind);
    if (!any && (kind == K_ADDR || kind == K_EXISTS || kind == K_MX))
        s->batch_void = 1;
    if (!any && kind == K_PTR)
        s->ptr_void = 1;
}

/* ---- the PTR names (§5.5), for ptr and the p macro ------------------ */

/* Ask for the client's PTR names (§5.5): the reverse name, nibbles or
 * octets. Not inlined: the name buffer stays off ptr_step's frame, which
 * lies under the lookups. */
static MAV_NOINLINE void start_ptr(mav_spf_ctx *s)
{
    uint8_t name[MAV_DNS_NAME_MAX];
    size_t o = 0;
    int k;
    static const char hex[] = "0123456789abcdef";
    if (s->family == 4) {
        for (k = 3; k >= 0; k--) {
            uint8_t v = s->ip[k];
            char d[3];
            int n = 0;
            if (v >= 100)
                d[n++] = (char)('0' + v / 100);
            if (v >= 10)
                d[n++] = (char)('0' + v / 10 % 10);
            d[n++] = (char)('0' + v % 10);
            name[o++] = (uint8_t)n;
            memcpy(name + o, d, (size_t)n);
            o += (size_t)n;
        }
        memcpy(name + o, "\7in-addr\4arpa", 14);
    } else {
        for (k = 31; k >= 0; k--) {
            uint8_t b = s->ip[k / 2];
            name[o++] = 1;
            name[o++] = (uint8_t)hex[k % 2 ? b & 15 : b >> 4];
        }
        memcpy(name + o, "\3ip6\4arpa", 10);
    }
    s->n_ptr = 0;
    s->ptr_void = 0;
    memset(s->ptr_valid, 0, sizeof s->ptr_valid);
    batch_start(s, K_PTR, MAV_DNS_TYPE_PTR);
    batch_add(s, name);
}

/*
 * Run the validation one step: 1 when done, 0 while lookups are under
 * way, -1 when the evaluation ended. The batch in use belongs to it
 * while P_RUNNING.
 */
static int ptr_step(mav_spf_ctx *s)
{
    int r;

    if (s->ptr_state == P_DONE)
        return 1;
    if (s->ptr_state == P_NONE) {
        start_ptr(s);
        s->ptr_state = P_RUNNING;
    }
    if ((r = collect(s)) <= 0)
        return r;
    if (s->batch_kind == K_PTR && s->n_ptr) {
        unsigned k;
        batch_start(s, K_PTR_ADDR,
                    s->family == 4 ? MAV_DNS_TYPE_A : MAV_DNS_TYPE_AAAA);
        for (k = 0; k < s->n_ptr; k++)
            batch_add(s, s->ptr_names[k]);
        if ((r = collect(s)) <= 0)
            return r;
    }
    s->ptr_state = P_DONE;
    s->batch_kind = K_NONE;
    return 1;
}

/* §7.3 p: the validated name that is the <domain>, else one below it,
 * else any; "unknown" when none. */
static void pick_ptr_name(mav_spf_ctx *s, const uint8_t *domain)
{
    int pick = -1, k;

    for (k = 0; k < s->n_ptr; k++)
        if (s->ptr_valid[k] && mav_dns_name_eq(s->ptr_names[k], domain)) {
            pick = k;
            break;
        }
    for (k = 0; pick < 0 && k < s->n_ptr; k++)
        if (s->ptr_valid[k] && mav_dns_name_under(s->ptr_names[k], domain))
            pick = k;
    for (k = 0; pick < 0 && k < s->n_ptr; k++)
        if (s->ptr_valid[k])
            pick = k;
    if (pick < 0) {
        s->env.ptr_name = "unknown";
        s->env.ptr_name_len = 7;
        return;
    }
    s->env.ptr_name_len = wire_to_text(s->ptr_names[pick], s->ptr_pick,
                                       sizeof s->ptr_pick);
    s->env.ptr_name = s->ptr_pick;
}

/* ---- terms ---------------------------------------------------------- */

/* pick_ptr_name for the frame's <domain>. Not inlined: the wire name
 * stays off expand_target's frame, which lies under the PTR lookups. */
static MAV_NOINLINE void pick_ptr_for(mav_spf_ctx *s, const mav_spf_frame *f)
{
    uint8_t dom[MAV_DNS_NAME_MAX];

    if (text_to_wire(f->domain, f->domain_len, dom) < 0)
        dom[0] = 0;
    pick_ptr_name(s, dom);
}

/*
 * Expand the target of a term (or a modifier) into s->target (wire)
 * and s->expand (text). Returns 1 done, 0 waiting for the PTR names,
 * -1 ended, -2 the name is malformed (§4.3: no DNS for it).
 */
static int expand_target(mav_spf_ctx *s, const mav_spf_term *t)
{
    mav_spf_frame *f = top(s);
    const char *spec = s->text + f->text_off + t->arg_off;
    size_t n;
    mav_perr pe = {0, 0, NULL};
    int r;

    s->env.domain = f->domain;
    s->env.domain_len = f->domain_len;
    if (!t->has_arg || t->kind == MAV_SPF_T_IP4 ||
        t->kind == MAV_SPF_T_IP6) {
        memcpy(s->expand, f->domain, f->domain_len);
        n = f->domain_len;
    } else if (t->arg_len <= 253 && !memchr(spec, '%', t->arg_len)) {
        /* no macro: the domain-spec is its own expansion (§7.1), and
         * short enough that §7.3's shortening does not apply */
        memcpy(s->expand, spec, t->arg_len);
        n = t->arg_len;
        if (s->expand[n - 1] == '.')
            n--; /* as the expander does: the same absolute domain */
    } else {
        if (mav_spf_macro_uses_p(spec, t->arg_len)) {
            r = ptr_step(s);
            if (r <= 0)
                return r;
            pick_ptr_for(s, f);
        }
        /* the record scan checked the domain-spec */
        r = mav_spf_macro_expand(&s->env, spec, t->arg_len,
                                 MAV_SPF_MACRO_DOMAIN |
                                     MAV_SPF_MACRO_CHECKED, s->expand,
                                 sizeof s->expand - 1, &n, &pe);
        if (r == MAV_ERR_SPACE)
            return -2;
        if (r != MAV_OK) {
            fail_with(s, MAV_SPF_PERMERROR, pe.what ? pe.what
                      : "bad macro", (int32_t)(t->arg_off + pe.offset));
            return -1;
        }
    }
    s->expand[n] = 0;
    s->expand_len = (uint16_t)n;
    if (n > 253 || text_to_wire(s->expand, n, s->target) < 0)
        return -2;
    return 1;
}

/* Count a DNS-querying term (§4.6.4). */
static int count_dns_term(mav_spf_ctx *s, const mav_spf_term *t)
{
    s->dns_terms++;
    if (s->dns_terms > MAV_CFG_SPF_MAX_DNS_MECH) {
        fail_with(s, MAV_SPF_PERMERROR, "limit: more than 10 DNS-querying "
                  "terms (RFC 7208 §4.6.4)", t->off);
        return -1;
    }
    return 0;
}

/* A DNS term's or redirect's target: counted once (§4.6.4), however
 * often it waits for the PTR names, then expanded; expand_target's
 * returns, -1 also when over the limit. */
static int counted_target(mav_spf_ctx *s, const mav_spf_term *t)
{
    mav_spf_frame *f = top(s);
    int r;

    if (!f->counted) {
        if (count_dns_term(s, t) < 0)
            return -1;
        f->counted = 1;
    }
    r = expand_target(s, t);
    if (r != 0 && r != -1)
        f->counted = 0;
    return r;
}

/* The frame's record ended with result r (a match, the default, or the
 * result of its redirect target). */
static void frame_done(mav_spf_ctx *s, mav_spf_result r);

static void term_matched(mav_spf_ctx *s)
{
    mav_spf_frame *f = top(s);

    note_match(s, f);
    frame_done(s, (mav_spf_result)f->term.qualifier);
}

/* Push a frame for an include or start over for a redirect. */
static int enter_record(mav_spf_ctx *s, unsigned via)
{
    mav_spf_frame *f = top(s);
    /* was the record about to be fetched asked for early? */
    uint8_t early = via == VIA_INCLUDE
                        ? (f->next_stop > 0 &&
                           (f->prefetched >> (f->next_stop - 1) & 1))
                        : f->redirect_prefetched;

    if (via == VIA_INCLUDE) {
        if (s->depth + 1 > MAV_CFG_SPF_MAX_DEPTH) {
            fail_with(s, MAV_SPF_PERMERROR, "limit: include depth",
                      top(s)->term.off);
            return -1;
        }
        top(s)->state = F_WAIT_CHILD;
        s->depth++;
    } else {
        /* redirect: the frame is replaced, its text given back */
        s->text_used = top(s)->text_off;
    }
    f = top(s);
    f->via = (uint8_t)via;
    f->domain_len = (uint8_t)s->expand_len;
    memcpy(f->domain, s->expand, s->expand_len);
    f->domain[s->expand_len] = 0;
    f->text_off = s->text_used;
    f->text_len = 0;
    f->redirect_off = f->exp_off = -1;
    f->counted = f->resume = f->resume_end = 0;
    f->fetch_counted = early;
    f->state = F_FETCH;
    return 0;
}

/* Start evaluating the term f->term. Returns 1 when the frame moved on
 * (matched, skipped, or a lookup started), 0 when waiting, -1 ended. */
static int term_start(mav_spf_ctx *s)
{
    mav_spf_frame *f = top(s);
    mav_spf_term *t = &f->term;
    int r;

    switch (t->kind) {
    case MAV_SPF_T_ALL:
        term_matched(s);
        return 1;
    case MAV_SPF_T_IP4:
        if (s->family == 4 && prefix_match(t->addr, s->ip, t->cidr4))
            term_matched(s);
        return 1;
    case MAV_SPF_T_IP6:
        if (s->family == 6 && prefix_match(t->addr, s->ip, t->cidr6))
            term_matched(s);
        return 1;
    case MAV_SPF_T_INCLUDE:
    case MAV_SPF_T_A:
    case MAV_SPF_T_MX:
    case MAV_SPF_T_PTR:
    case MAV_SPF_T_EXISTS:
        break;
    default:
        return 1; /* modifiers are handled at the end of the record */
    }
    r = counted_target(s, t);
    if (r == 0 || r == -1)
        return r;
    if (r == -2) {
        /* a malformed target: no DNS, no match; an include of it has no
         * record, which is a permerror (§5.2) */
        if (t->kind == MAV_SPF_T_INCLUDE) {
            fail_with(s, MAV_SPF_PERMERROR, "include target is not a "
                      "valid domain", t->off);
            return -1;
        }
        return 1;
    }
    switch (t->kind) {
    case MAV_SPF_T_INCLUDE:
        return enter_record(s, VIA_INCLUDE) < 0 ? -1 : 1;
    case MAV_SPF_T_A:
        batch_start(s, K_ADDR,
                    s->family == 4 ? MAV_DNS_TYPE_A : MAV_DNS_TYPE_AAAA);
        break;
    case MAV_SPF_T_EXISTS:
        /* §5.7: always an A lookup, whatever the client's family */
        batch_start(s, K_EXISTS, MAV_DNS_TYPE_A);
        break;
    case MAV_SPF_T_MX:
        s->n_hosts = 0;
        batch_start(s, K_MX, MAV_DNS_TYPE_MX);
        break;
    case MAV_SPF_T_PTR:
        f->state = F_WAIT_TERM;
        s->batch_kind = K_NONE;
        return 1;
    default:
        break;
    }
    batch_add(s, s->target);
    f->state = F_WAIT_TERM;
    return 1;
}

/* A term's lookups: 1 when finished (frame moved on), 0 waiting, -1
 * ended. */
static int term_wait(mav_spf_ctx *s)
{
    mav_spf_frame *f = top(s);
    mav_spf_term *t = &f->term;
    int r;

    if (t->kind == MAV_SPF_T_PTR) {
        unsigned k;
        r = ptr_step(s);
        if (r <= 0)
            return r;
        f->state = F_TERMS;
        if (s->ptr_void && count_void(s) < 0)
            return -1;
        /* §5.5: a validated name that is the target or below it */
        for (k = 0; k < s->n_ptr; k++)
            if (s->ptr_valid[k] &&
                mav_dns_name_under(s->ptr_names[k], s->target)) {
                term_matched(s);
                break;
            }
        return 1;
    }
    if ((r = collect(s)) <= 0)
        return r;
    if (s->batch_kind == K_MX && s->n_hosts && !s->batch_err) {
        unsigned k;
        /* §5.4: the addresses of every MX host, asked together; the
         * names are in place already. (A lookup that gave hosts was
         * not void; one that gave none ends below, counted there.) */
        batch_start(s, K_MX_ADDR,
                    s->family == 4 ? MAV_DNS_TYPE_A : MAV_DNS_TYPE_AAAA);
        for (k = 0; k < s->n_hosts; k++) {
            s->slot[k] = SL_UNISSUED;
            s->h[k] = 0;
        }
        s->n_batch = s->n_hosts;
        if ((r = collect(s)) <= 0)
            return r;
    }
    if (s->batch_err) {
        fail_with(s, MAV_SPF_TEMPERROR, "DNS lookup could not be made",
                  t->off);
        return -1;
    }
    f->state = F_TERMS;
    s->batch_kind = K_NONE;
    if (s->batch_void && count_void(s) < 0)
        return -1;
    if (s->batch_hit)
        term_matched(s);
    return 1;
}

/* The end of a record's terms with nothing matched: redirect (§6.1), or
 * the default result, neutral (§4.7). */
static int record_end(mav_spf_ctx *s)
{
    mav_spf_frame *f = top(s);
    size_t pos;
    int r;

    if (f->redirect_off < 0) {
        if (s->depth == 0)
            note_out(s, f, "default", 7);
        frame_done(s, MAV_SPF_NEUTRAL);
        return 1;
    }
    pos = (size_t)f->redirect_off;
    if (mav_spf_term_at(s->text + f->text_off, f->text_len, pos,
                        &f->term) != 1) {
        fail_with(s, MAV_SPF_PERMERROR, "redirect", f->redirect_off);
        return -1;
    }
    r = counted_target(s, &f->term);
    if (r == 0 || r == -1)
        return r;
    if (r == -2) {
        /* §6.1: a malformed target is a permerror */
        fail_with(s, MAV_SPF_PERMERROR, "redirect target is not a valid "
                  "domain", f->term.off);
        return -1;
    }
    return enter_record(s, VIA_REDIRECT) < 0 ? -1 : 1;
}

/* The top record decided r: fetch the explanation of a fail (§6.2). */
static void start_exp(mav_spf_ctx *s, mav_spf_result r)
{
    mav_spf_frame *f = top(s);
    size_t pos;
    int x;

    s->final = (uint8_t)r;
    if (r != MAV_SPF_FAIL || f->exp_off < 0) {
        finish(s, r);
        return;
    }
    pos = (size_t)f->exp_off;
    if (mav_spf_term_next(s->text + f->text_off, f->text_len, &pos,
                          &f->term, NULL) != 1) {
        finish(s, r);
        return;
    }
    f->state = F_EXP;
    x = expand_target(s, &f->term);
    if (x == 0)
        return; /* the p macro: the names first */
    if (x < 0) {
        if (s->state == 1)
            finish(s, r); /* no explanation, the result stands */
        return;
    }
    batch_start(s, K_EXP, MAV_DNS_TYPE_TXT);
    batch_add(s, s->target);
    s->exp_started = 1;
}

static void frame_done(mav_spf_ctx *s, mav_spf_result r)
{
    mav_spf_frame *f;

    /* a loop, not recursion: an include that passes makes its parent's
     * term match, which may end that record too, and so on down */
    for (;;) {
        if (s->depth == 0) {
            s->exp_started = 0;
            start_exp(s, r);
            return;
        }
        /* pop the include's frame; §5.2 maps its result */
        s->text_used = top(s)->text_off;
        s->depth--;
        f = top(s);
        f->state = F_TERMS;
        switch (r) {
        case MAV_SPF_PASS:
            /* the include term matches */
            note_match(s, f);
            r = (mav_spf_result)f->term.qualifier;
            continue;
        case MAV_SPF_FAIL:
        case MAV_SPF_SOFTFAIL:
        case MAV_SPF_NEUTRAL:
            return; /* not a match: on to the next term */
        case MAV_SPF_TEMPERROR:
            fail_with(s, MAV_SPF_TEMPERROR, "include: temperror",
                      f->term.off);
            return;
        default:
            fail_with(s, MAV_SPF_PERMERROR, "include: permerror or none",
                      f->term.off);
            return;
        }
    }
}

/* ---- the API -------------------------------------------------------- */

int mav_spf_init(mav_spf_ctx *s, mav_dns_ctx *dns)
{
    if (s == NULL || dns == NULL)
        return MAV_ERR_ARG;
    memset(s, 0, sizeof *s);
    s->dns = dns;
    return MAV_OK;
}

void mav_spf_abort(mav_spf_ctx *s)
{
    if (s == NULL)
        return;
    release_all(s);
    if (s->state == 1)
        s->state = 0;
}

void mav_spf_limit_queries(mav_spf_ctx *s, unsigned max)
{
    if (s == NULL)
        return;
    s->limited = 1;
    s->query_limit = (uint16_t)(max > 0xffff ? 0xffff : max);
}

unsigned mav_spf_queries(const mav_spf_ctx *s)
{
    return s ? s->queries : 0;
}

int mav_spf_over_limit(const mav_spf_ctx *s)
{
    return s ? s->over_limit : 0;
}

const mav_spf_outcome *mav_spf_get(const mav_spf_ctx *s)
{
    return &s->out;
}

int mav_spf_start(mav_spf_ctx *s, const mav_spf_input *in)
{
    const char *mf, *at, *dom;
    size_t n, pre, dom_len, local_len;
    mav_spf_frame *f;
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0,
                                       0, 0, 0, 0, 0xff, 0xff};
    uint8_t wire[MAV_DNS_NAME_MAX];
    int labels;

    if (s == NULL || in == NULL || s->dns == NULL ||
        (in->client.family != 4 && in->client.family != 6))
        return MAV_ERR_ARG;
    mav_spf_abort(s);
    {
        /* reset the state, not the big buffers (names, texts): they are
         * written before they are read, and clearing ~16 KB per check
         * would cost more than a warm-cache evaluation itself */
        mav_dns_ctx *dns = s->dns;
        memset(s, 0, offsetof(mav_spf_ctx, out));
        memset(&s->out, 0, offsetof(mav_spf_outcome, domain));
        s->out.domain[0] = s->out.term[0] = s->out.explanation[0] = 0;
        s->out.error = NULL;
        s->dns = dns;
        s->sender[0] = s->helo[0] = s->receiver[0] = 0;
        /* mav_spf_abort's release_all has cleared the handles, the
         * batch's kind and size */
        s->batch_hit = s->batch_err = s->batch_void = 0;
        s->n_hosts = 0;
        s->ptr_state = P_NONE;
        s->n_ptr = s->ptr_void = 0;
        s->expand_len = 0;
        s->text_used = 0;
        /* the frame's state; its domain and term are written below
         * and when read */
        memset(&s->frame[0], 0, offsetof(mav_spf_frame, domain));
    }
    s->out.error_offset = -1;
    /* §5.6 via RFC 4291 §2.5.5.2: an IPv4-mapped client is IPv4 */
    if (in->client.family == 6 &&
        memcmp(in->client.addr, mapped, 12) != 0) {
        s->family = 6;
        memcpy(s->ip, in->client.addr, 16);
    } else {
        s->family = 4;
        memcpy(s->ip, in->client.family == 6 ? in->client.addr + 12
                                             : in->client.addr, 4);
    }
    /* inputs, copied */
    n = in->helo ? strlen(in->helo) : 0;
    if (n >= sizeof s->helo)
        return MAV_ERR_ARG;
    memcpy(s->helo, in->helo ? in->helo : "", n + 1);
    mf = in->mail_from ? in->mail_from : "";
    if (in->receiver) {
        n = strlen(in->receiver);
        if (n >= sizeof s->receiver)
            return MAV_ERR_ARG;
        memcpy(s->receiver, in->receiver, n + 1);
    }
    /* the sender: src, after the first pre bytes of "postmaster@" */
    if (*mf == 0 || in->check_helo) {
        /* §2.4: a null reverse path checks "postmaster@<HELO>" */
        s->out.identity_helo = 1;
        mf = s->helo;
        pre = 11;
    } else {
        if (strlen(mf) >= sizeof s->sender)
            return MAV_ERR_ARG;
        at = last_at(mf);
        /* no "@": the whole is the domain (as pyspf reads it); §4.3:
         * an empty local-part is "postmaster" */
        pre = at == NULL ? 11 : at == mf ? 10 : 0;
    }
    n = strlen(mf);
    if (n + pre >= sizeof s->sender)
        return MAV_ERR_ARG;
    memcpy(s->sender, "postmaster@", pre);
    memcpy(s->sender + pre, mf, n + 1);
    at = last_at(s->sender);
    local_len = (size_t)(at - s->sender);
    dom = at + 1;
    dom_len = strlen(dom);
    s->env.sender = s->sender;
    s->env.sender_len = strlen(s->sender);
    s->env.local = s->sender;
    s->env.local_len = local_len;
    s->env.sender_domain = dom;
    s->env.sender_domain_len = dom_len;
    s->env.helo = s->helo;
    s->env.helo_len = strlen(s->helo);
    s->env.receiver = in->receiver ? s->receiver : NULL;
    s->env.receiver_len = in->receiver ? strlen(s->receiver) : 0;
    s->env.ip_family = s->family;
    memcpy(s->env.ip, s->ip, 16);
    s->env.now = in->now;
    s->state = 1;
    f = top(s);
    f->via = VIA_TOP;
    f->redirect_off = f->exp_off = -1;
    copy_text(f->domain, sizeof f->domain, dom, dom_len);
    f->domain_len = (uint8_t)(dom_len < 255 ? dom_len : 255);
    copy_text(s->out.domain, sizeof s->out.domain, dom, dom_len);
    /* §4.3: a malformed domain, a domain literal or a single label is
     * "none", without a lookup */
    labels = (dom_len > 253 || dom[0] == '[')
                 ? -1
                 : text_to_wire(dom, dom_len, wire);
    if (labels < 2) {
        s->out.error = "not a multi-label domain name (RFC 7208 §4.3)";
        finish(s, MAV_SPF_NONE);
        return MAV_OK;
    }
    memcpy(s->expand, dom, dom_len);
    s->expand_len = (uint16_t)dom_len;
    memcpy(s->target, wire, mav_dns_name_len(wire));
    f->state = F_FETCH;
    return mav_spf_poll(s);
}

int mav_spf_poll(mav_spf_ctx *s)
{
    unsigned guard;

    if (s == NULL)
        return MAV_ERR_ARG;
    if (s->state == 2)
        return MAV_OK;
    if (s->state != 1)
        return MAV_ERR_STATE;
    prefetch_reap(s);
    /* every pass either moves a frame on or returns; the bound is a
     * belt: terms per record are < 65536/2, frames are few */
    for (guard = 0; guard < 1000000u && s->state == 1; guard++) {
        mav_spf_frame *f = top(s);
        int r;
        switch (f->state) {
        case F_FETCH:
            /* s->target is the frame's domain in wire form: the start
             * and enter_record (after expand_target) leave it there,
             * and F_FETCH comes right after them */
            batch_start(s, K_RECORD, MAV_DNS_TYPE_TXT);
            batch_add(s, s->target);
            f->state = F_WAIT_TXT;
            break;
        case F_WAIT_TXT:
            if (!batch_collect(s))
                return s->state == 1 ? MAV_PENDING : MAV_OK;
            if (s->batch_err) {
                fail_with(s, MAV_SPF_TEMPERROR, "DNS lookup could not be "
                          "made", -1);
                return MAV_OK;
            }
            s->batch_kind = K_NONE;
            break;
        case F_TERMS: {
            size_t pos;
            if (f->resume) {
                /* a term waiting for the PTR names resumes */
                f->resume = 0;
                r = term_start(s);
                if (r == 0) {
                    f->resume = 1;
                    return MAV_PENDING;
                }
                break;
            }
            /* the next stop the scan noted, then the matching address
             * term; past them, nothing in this record can match */
            if (f->next_stop < f->n_stops) {
                pos = f->stop[f->next_stop++];
            } else if (f->match_off != 0) {
                pos = f->match_off;
                f->match_off = 0;
            } else {
                r = record_end(s);
                if (r == 0) {
                    f->resume_end = 1;
                    f->state = F_WAIT_TERM;
                    return MAV_PENDING;
                }
                break;
            }
            if (mav_spf_term_at(s->text + f->text_off, f->text_len, pos,
                                &f->term) != 1) {
                /* cannot happen: the scan read this term */
                fail_with(s, MAV_SPF_PERMERROR, "internal: term",
                          (int32_t)pos);
                return MAV_OK;
            }
            r = term_start(s);
            if (r == 0) {
                f->resume = 1;
                return MAV_PENDING;
            }
            break;
        }
        case F_WAIT_TERM:
            if (f->resume_end) {
                /* redirect waiting for the PTR names (p macro) */
                r = record_end(s);
                if (r == 0)
                    return MAV_PENDING;
                if (r > 0 || s->state != 1)
                    f->resume_end = 0;
                break;
            }
            r = term_wait(s);
            if (r == 0)
                return MAV_PENDING;
            break;
        case F_EXP:
            if (!s->exp_started) {
                start_exp(s, (mav_spf_result)s->final);
                if (s->state == 1 && !s->exp_started)
                    return MAV_PENDING;
                break;
            }
            if (s->exp_started == 1) {
                if (!batch_collect(s))
                    return s->state == 1 ? MAV_PENDING : MAV_OK;
                s->batch_kind = K_NONE;
                s->exp_started = 2;
            }
            r = expand_exp(s);
            if (r == 0)
                return MAV_PENDING;
            if (s->state == 1)
                finish(s, (mav_spf_result)s->final);
            break;
        default:
            fail_with(s, MAV_SPF_PERMERROR, "internal state", -1);
            return MAV_OK;
        }
    }
    return s->state == 1 ? MAV_PENDING : MAV_OK;
}
