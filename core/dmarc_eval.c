/* SPDX-License-Identifier: MIT */
/*
 * dmarc_eval.c - one DMARC evaluation (RFC 9989 §5.3): policy discovery
 * (§4.10.1) over the author domain's DNS Tree Walk, the organizational
 * domains of the author domain and of every authenticated identifier
 * for relaxed alignment (§4.10.2, §4.4), strict alignment by comparing
 * names (§3.2.10.2), the verdict (§5.3.5, §5.3.6), the choice among p,
 * sp and np with the existence test of the author domain (§4.7, §3.2.13,
 * Appendix A.4), and t=y testing mode (§4.7 t). Walks run side by side;
 * a walk whose answer can no longer matter is cancelled, and the verdict
 * is taken as soon as it is certain (a pass needs one aligned
 * identifier, whatever the other walks would say).
 */
#include <string.h>

#include "dmarc_internal.h"

enum { ST_IDLE = 0, ST_RUNNING, ST_DONE };
enum { EXIST_NOT_STARTED = 0, EXIST_RUNNING, EXIST_DONE };
enum { SLOT_AUTHOR = 0, SLOT_PREV, SLOT_LAST, SLOT_NONE = 255 };

/* The existence test asks these types at the author domain. */
static const uint16_t exist_types[3] = {MAV_DNS_TYPE_A, MAV_DNS_TYPE_AAAA,
                                        MAV_DNS_TYPE_MX};

/* see mav_dmarc.h */
const char *mav_dmarc_result_str(mav_dmarc_result r)
{
    switch (r) {
    case MAV_DMARC_PASS:
        return "pass";
    case MAV_DMARC_FAIL:
        return "fail";
    case MAV_DMARC_NONE:
        return "none";
    case MAV_DMARC_TEMPERROR:
        return "temperror";
    case MAV_DMARC_PERMERROR:
        return "permerror";
    default:
        return "undecided";
    }
}

/* see mav_dmarc.h */
const char *mav_dmarc_policy_str(mav_dmarc_policy p)
{
    switch (p) {
    case MAV_DMARC_POLICY_NONE:
        return "none";
    case MAV_DMARC_POLICY_QUARANTINE:
        return "quarantine";
    case MAV_DMARC_POLICY_REJECT:
        return "reject";
    default:
        return "";
    }
}

static mav_dnssec_verdict weaker(mav_dnssec_verdict a, mav_dnssec_verdict b)
{
    return mav_dmarc_dnssec_rank(a) <= mav_dmarc_dnssec_rank(b) ? a : b;
}

static mav_dnssec_verdict stronger(mav_dnssec_verdict a, mav_dnssec_verdict b)
{
    return mav_dmarc_dnssec_rank(a) >= mav_dmarc_dnssec_rank(b) ? a : b;
}

/* A walk's verdict, UNCHECKED when it used no answer. */
static mav_dnssec_verdict walk_dnssec(const mav_dmarc_walk *w)
{
    return w->relied ? w->dnssec : MAV_DNSSEC_UNCHECKED;
}

/*
 * A domain given as text (the author domain, an SPF or DKIM domain) to
 * lowercase wire form. Only LDH names (and "_") are DNS names a message
 * can be about; a final dot is allowed. *why says what was wrong.
 */
static int domain_to_wire(const char *s, uint8_t *out, const char **why)
{
    size_t n, i, label = 0;

    *why = "author domain is not a domain name";
    if (s == NULL)
        return 0;
    n = strlen(s);
    if (n > 0 && s[n - 1] == '.')
        n--;
    if (n == 0 || n > 253) {
        *why = n ? "author domain longer than 253 characters"
                 : "author domain is empty";
        return 0;
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c >= 0x80) {
            /* §5.3.1: a U-label MUST be converted to an A-label first
             * (RFC 5890 §2.3); that is the caller's (no IDNA here) */
            *why = "author domain has U-labels: convert to A-labels "
                   "first (RFC 9989 §5.3.1)";
            return 0;
        }
        if (c == '.') {
            if (label == 0)
                return 0; /* empty label */
            label = 0;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0; /* a domain literal, spaces, escapes... */
        if (++label > MAV_DNS_LABEL_MAX)
            return 0;
    }
    if (mav_dns_name_from_text(s, n, NULL, out, NULL) != MAV_OK)
        return 0;
    mav_dns_name_lower(out);
    return 1;
}

/* Wire name to text without the final dot ("" on error). */
static void name_text(const uint8_t *name, char *out, size_t cap)
{
    char t[MAV_DNS_NAME_TEXT_MAX];
    size_t n;

    out[0] = 0;
    if (mav_dns_name_to_text(name, t, sizeof t, &n) != MAV_OK)
        return;
    if (n > 1 && t[n - 1] == '.')
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, t, n);
    out[n] = 0;
}

/* The rightmost label of two names is the same (then, and only then,
 * may their organizational domains be equal: each is a suffix of its
 * name of one label or more). */
static int same_tld(const uint8_t *a, const uint8_t *b)
{
    unsigned la = mav_dns_name_labels(a), lb = mav_dns_name_labels(b);

    if (la == 0 || lb == 0)
        return 0;
    return mav_dns_name_eq(mav_dns_name_strip(a, la - 1),
                           mav_dns_name_strip(b, lb - 1));
}

/* ---- lookups ----------------------------------------------------------- */

static void release_all(mav_dmarc_ctx *d)
{
    unsigned k;

    mav_dmarc_walk_cancel(&d->author, d->dns);
    for (k = 0; k < d->n_ids; k++)
        mav_dmarc_walk_cancel(&d->ids[k].walk, d->dns);
    for (k = 0; k < 3; k++) {
        if (d->exist_h[k])
            mav_dns_release(d->dns, d->exist_h[k]);
        d->exist_h[k] = 0;
    }
}

/* Keep the record the author's walk just found (in d->scratch). */
static void store_author_record(mav_dmarc_ctx *d)
{
    if (d->author.last_labels == d->author.start_labels) {
        d->rec_author = d->scratch;
        d->have_author_rec = 1;
        return;
    }
    if (d->have_last_rec) {
        d->rec_prev = d->rec_last;
        d->have_prev_rec = 1;
    }
    d->rec_last = d->scratch;
    d->have_last_rec = 1;
}

/* Issue the existence lookups not yet issued; 1 when one went out. */
static int exist_issue(mav_dmarc_ctx *d)
{
    unsigned k;
    int progress = 0;

    for (k = 0; k < 3; k++) {
        const uint8_t *name = d->author.name;
        int r;

        if (d->exist_h[k] || d->exist_done[k])
            continue;
        r = mav_dns_lookup(d->dns, name, mav_dns_name_len(name), exist_types[k],
                           &d->exist_h[k]);
        if (r == MAV_ERR_SPACE)
            continue; /* retried on the next poll */
        if (r < 0) {
            d->exist_done[k] = 1;
            d->exist_status[k] = MAV_DNS_FAILED;
            d->exist_err[k] = r;
            continue;
        }
        if (d->out.queries < 0xffff)
            d->out.queries++;
        progress = 1;
    }
    return progress;
}

/* Use finished existence lookups; 1 when something changed. */
static int exist_poll(mav_dmarc_ctx *d)
{
    unsigned k, done = 0;
    int progress = 0;

    if (d->exist_state != EXIST_RUNNING)
        return 0;
    progress = exist_issue(d);
    for (k = 0; k < 3; k++) {
        mav_dns_result res;

        if (!d->exist_done[k] && d->exist_h[k] &&
            mav_dns_get_result(d->dns, d->exist_h[k], &res) == MAV_OK) {
            d->exist_done[k] = 1;
            d->exist_status[k] = res.status;
            d->exist_cnames[k] = res.cnames;
            d->exist_err[k] = res.err;
            if (!d->exist_relied || mav_dmarc_dnssec_rank(res.dnssec) <
                                        mav_dmarc_dnssec_rank(d->exist_dnssec))
                d->exist_dnssec = res.dnssec;
            d->exist_relied = 1;
            mav_dns_release(d->dns, d->exist_h[k]);
            d->exist_h[k] = 0;
            progress = 1;
        }
        done += d->exist_done[k];
    }
    if (done == 3)
        d->exist_state = EXIST_DONE;
    return progress;
}

/*
 * What the existence test says (§3.2.13, Appendix A.4: "if any RR
 * exists for a domain, then the domain exists"; NXDOMAIN says the name
 * and everything below it do not, RFC 8020). One answer that is not
 * NXDOMAIN (data, NODATA, or an alias: the name owns a CNAME) proves
 * existence; non-existence needs NXDOMAIN from all three. 1 exists,
 * 0 does not, -1 a DNS error left it open.
 */
static int exist_verdict(const mav_dmarc_ctx *d)
{
    unsigned k, nx = 0;

    for (k = 0; k < 3; k++) {
        mav_dns_status st = d->exist_status[k];

        if (st == MAV_DNS_ANSWER || st == MAV_DNS_NODATA ||
            (st == MAV_DNS_NXDOMAIN && d->exist_cnames[k] > 0))
            return 1; /* an RR (or the CNAME it went through) exists */
        if (st == MAV_DNS_NXDOMAIN)
            nx++;
    }
    return nx == 3 ? 0 : -1;
}

/* ---- the verdict -------------------------------------------------------- */

static void finish(mav_dmarc_ctx *d, mav_dmarc_result r, const char *why,
                   mav_dnssec_verdict v)
{
    mav_dmarc_outcome *o = &d->out;

    o->result = r;
    o->reason = why;
    o->dnssec = v;
    if (r != MAV_DMARC_FAIL)
        o->disposition = MAV_DMARC_POLICY_NONE;
    o->author_queries = d->author.queries;
    if (d->author.state == MAV_DMARC_WALK_DONE && !d->author.fail) {
        o->org_dnssec = walk_dnssec(&d->author);
        name_text(mav_dmarc_walk_suffix(&d->author,
                                        mav_dmarc_walk_org_labels(&d->author)),
                  o->org_domain, sizeof o->org_domain);
    }
    release_all(d);
    d->state = ST_DONE;
}

/* The policy record chosen by §4.10.1, or NULL while the walk runs. */
static const mav_dmarc_record *policy_record(mav_dmarc_ctx *d, unsigned *labels)
{
    const mav_dmarc_walk *a = &d->author;
    unsigned org;

    if (d->have_author_rec) {
        d->policy_slot = SLOT_AUTHOR;
        *labels = a->start_labels;
        return &d->rec_author;
    }
    if (a->state != MAV_DMARC_WALK_DONE || a->fail || !d->have_last_rec)
        return NULL;
    /*
     * §4.10.1: the record of the Author Domain, else of its
     * Organizational Domain, else of its Public Suffix Domain. Without
     * psd=y the organizational domain is where the last record is; with
     * psd=y it is one label below, whose record (if it has one) is the
     * one found just before. If the walk's shortening skipped that name
     * (an author domain of 9 labels or more and psd=y at 7 labels), its
     * record is unknown and the PSD's applies: §4.10.1 does not say to
     * ask for it.
     */
    org = mav_dmarc_walk_org_labels(a);
    if (a->last_psd == MAV_DMARC_PSD_Y && d->have_prev_rec &&
        a->prev_labels == org) {
        d->policy_slot = SLOT_PREV;
        *labels = org;
        return &d->rec_prev;
    }
    d->policy_slot = SLOT_LAST;
    *labels = a->last_labels;
    return &d->rec_last;
}

/* Alignment of one identifier (walk) by the relaxed rule: the same
 * organizational domain as the author domain (§3.2.10.1, §4.10.2). */
static mav_dmarc_alignment relaxed(mav_dmarc_ctx *d, mav_dmarc_ident *id,
                                   int *pending, mav_dnssec_verdict *v)
{
    mav_dmarc_walk *a = &d->author;
    const uint8_t *org_a, *org_i;

    if (!id->walking)
        return MAV_DMARC_ALIGN_NO; /* no label in common: no DNS needed */
    if (a->state != MAV_DMARC_WALK_DONE) {
        *pending = 1;
        return MAV_DMARC_ALIGN_UNKNOWN;
    }
    if (a->fail)
        return MAV_DMARC_ALIGN_UNKNOWN;
    org_a = mav_dmarc_walk_suffix(a, mav_dmarc_walk_org_labels(a));
    if (!mav_dns_name_under(id->walk.name, org_a)) {
        /* its organizational domain is a suffix of it: it cannot be
         * org_a; no need to finish its walk */
        mav_dmarc_walk_cancel(&id->walk, d->dns);
        *v = walk_dnssec(a);
        return MAV_DMARC_ALIGN_NO;
    }
    if (id->walk.state != MAV_DMARC_WALK_DONE) {
        *pending = 1;
        return MAV_DMARC_ALIGN_UNKNOWN;
    }
    if (id->walk.fail)
        return MAV_DMARC_ALIGN_UNKNOWN;
    org_i =
        mav_dmarc_walk_suffix(&id->walk, mav_dmarc_walk_org_labels(&id->walk));
    *v = weaker(walk_dnssec(a), walk_dnssec(&id->walk));
    return mav_dns_name_eq(org_a, org_i) ? MAV_DMARC_ALIGN_YES
                                         : MAV_DMARC_ALIGN_NO;
}

/*
 * One mechanism's alignment over its identifiers (§4.4.1, §4.4.2): YES
 * when one aligns, else UNKNOWN when a DNS error or a running walk
 * leaves one open (*pending set for the latter), else NO. *best is the
 * verdict of the strongest aligned identifier; *all the weakest of
 * everything the answer NO relied on.
 */
static mav_dmarc_alignment mechanism(mav_dmarc_ctx *d, int spf, int strict,
                                     int *pending, mav_dnssec_verdict *best,
                                     mav_dnssec_verdict *all)
{
    mav_dmarc_alignment agg = MAV_DMARC_ALIGN_NOT_CHECKED;
    unsigned k;
    int any_yes = 0;

    if (spf ? d->spf_is_author : d->dkim_is_author) {
        *best = MAV_DNSSEC_SECURE; /* a string comparison needs no DNS */
        return MAV_DMARC_ALIGN_YES;
    }
    for (k = 0; k < d->n_ids; k++) {
        mav_dmarc_ident *id = &d->ids[k];
        mav_dmarc_alignment x;
        mav_dnssec_verdict v = MAV_DNSSEC_UNCHECKED;
        int pend = 0;

        if (!(spf ? id->for_spf : id->for_dkim))
            continue;
        if (strict)
            x = MAV_DMARC_ALIGN_NO; /* §3.2.10.2: not identical */
        else
            x = relaxed(d, id, &pend, &v);
        if (pend)
            *pending = 1;
        if (x == MAV_DMARC_ALIGN_YES) {
            *best = any_yes ? stronger(*best, v) : v;
            any_yes = 1;
            agg = MAV_DMARC_ALIGN_YES;
        } else if (agg != MAV_DMARC_ALIGN_YES) {
            if (x == MAV_DMARC_ALIGN_UNKNOWN)
                agg = MAV_DMARC_ALIGN_UNKNOWN;
            else if (agg == MAV_DMARC_ALIGN_NOT_CHECKED)
                agg = MAV_DMARC_ALIGN_NO;
            if (x == MAV_DMARC_ALIGN_NO && !strict)
                *all = weaker(*all, v);
        }
    }
    return agg;
}

/* Cancel the walks of identifiers that only strict modes look at. */
static void prune_walks(mav_dmarc_ctx *d, const mav_dmarc_record *pol)
{
    unsigned k;

    for (k = 0; k < d->n_ids; k++) {
        mav_dmarc_ident *id = &d->ids[k];
        int need = (id->for_spf && pol->aspf == MAV_DMARC_ALIGN_RELAXED) ||
                   (id->for_dkim && pol->adkim == MAV_DMARC_ALIGN_RELAXED);

        if (!need)
            mav_dmarc_walk_cancel(&id->walk, d->dns);
    }
}

/* Decide if everything needed is known; 1 when decided. */
static int try_decide(mav_dmarc_ctx *d)
{
    mav_dmarc_outcome *o = &d->out;
    const mav_dmarc_walk *a = &d->author;
    const mav_dmarc_record *pol;
    mav_dnssec_verdict pol_v, best_s = MAV_DNSSEC_UNCHECKED,
                              best_d = MAV_DNSSEC_UNCHECKED, all;
    mav_dmarc_alignment sa, da;
    unsigned pol_labels = 0;
    uint8_t p, sp, np;
    int pending = 0, is_sub, invalid;

    /* ---- policy discovery (§4.10.1) ---- */
    if (!d->have_author_rec) {
        if (a->state == MAV_DMARC_WALK_DONE && a->fail) {
            finish(d, (mav_dmarc_result)a->fail,
                   a->fail == MAV_DMARC_TEMPERROR
                       ? "DNS error during policy discovery (RFC 9989 "
                         "§4.10.1, §5.3.6)"
                       : "limit during policy discovery (record over "
                         "MAV_CFG_DMARC_RECORD_MAX, or CNAME limits)",
                   walk_dnssec(a));
            return 1;
        }
        if (a->state != MAV_DMARC_WALK_DONE)
            return 0;
        if (a->found == 0) {
            finish(d, MAV_DMARC_NONE,
                   a->several ? "no DMARC Policy Record (several at one "
                                "name are discarded, §4.10)"
                              : "no DMARC Policy Record (RFC 9989 §4.10.1)",
                   walk_dnssec(a));
            return 1;
        }
    }
    pol = policy_record(d, &pol_labels);
    if (pol == NULL)
        return 0;
    is_sub = pol_labels != a->start_labels;
    pol_v = is_sub ? walk_dnssec(a) : a->first_dnssec;
    o->policy_dnssec = pol_v;
    name_text(mav_dmarc_walk_suffix(a, pol_labels), o->policy_domain,
              sizeof o->policy_domain);
    /*
     * §4.10.1: a record without a valid p, or with an sp or np that is
     * not valid, counts as p=none when it lists a valid rua URI, else
     * DMARC does not apply. A record with no p at all is p=none (§4.7
     * p). We read "act as if a record containing p=none was retrieved"
     * as that record with no sp or np either, so its policy is none for
     * the domain and its subdomains. (§4.7 and §4.10.1 overlap on an
     * absent p; we follow §4.7 there.)
     */
    invalid = (pol->invalid &
               (MAV_DMARC_TAG_P | MAV_DMARC_TAG_SP | MAV_DMARC_TAG_NP)) != 0;
    if (invalid && pol->rua_valid == 0) {
        finish(d, MAV_DMARC_NONE,
               "policy record has an invalid p, sp or np and no valid rua: "
               "no DMARC processing (RFC 9989 §4.10.1)",
               pol_v);
        return 1;
    }
    p = invalid || pol->p == MAV_DMARC_POLICY_UNSET ? MAV_DMARC_POLICY_NONE
                                                    : pol->p;
    sp = invalid ? MAV_DMARC_POLICY_UNSET : pol->sp;
    np = invalid ? MAV_DMARC_POLICY_UNSET : pol->np;
    prune_walks(d, pol);

    /* ---- alignment (§4.4, §5.3.4, §5.3.5) ---- */
    all = pol_v;
    sa = d->spf == MAV_DMARC_AUTH_PASS
             ? mechanism(d, 1, pol->aspf == MAV_DMARC_ALIGN_STRICT, &pending,
                         &best_s, &all)
             : MAV_DMARC_ALIGN_NOT_CHECKED;
    da = mechanism(d, 0, pol->adkim == MAV_DMARC_ALIGN_STRICT, &pending,
                   &best_d, &all);
    o->spf_aligned = sa;
    o->dkim_aligned = da;
    if (sa == MAV_DMARC_ALIGN_YES || da == MAV_DMARC_ALIGN_YES) {
        mav_dnssec_verdict v =
            sa == MAV_DMARC_ALIGN_YES && da == MAV_DMARC_ALIGN_YES
                ? stronger(best_s, best_d)
                : (sa == MAV_DMARC_ALIGN_YES ? best_s : best_d);
        unsigned k;

        /* name an aligned identifier */
        if ((sa == MAV_DMARC_ALIGN_YES && d->spf_is_author) ||
            (da == MAV_DMARC_ALIGN_YES && d->dkim_is_author))
            memcpy(o->aligned_domain, o->author, sizeof o->author);
        else
            for (k = 0; k < d->n_ids; k++) {
                mav_dmarc_ident *id = &d->ids[k];
                mav_dnssec_verdict iv = MAV_DNSSEC_UNCHECKED;
                int pend = 0,
                    use = (sa == MAV_DMARC_ALIGN_YES && id->for_spf &&
                           pol->aspf == MAV_DMARC_ALIGN_RELAXED) ||
                          (da == MAV_DMARC_ALIGN_YES && id->for_dkim &&
                           pol->adkim == MAV_DMARC_ALIGN_RELAXED);

                if (use && relaxed(d, id, &pend, &iv) == MAV_DMARC_ALIGN_YES) {
                    name_text(id->walk.name, o->aligned_domain,
                              sizeof o->aligned_domain);
                    break;
                }
            }
        finish(d, MAV_DMARC_PASS,
               "an authenticated identifier is aligned (RFC 9989 §5.3.5)",
               weaker(pol_v, v));
        return 1;
    }
    if (pending)
        return 0;
    if (sa == MAV_DMARC_ALIGN_UNKNOWN || da == MAV_DMARC_ALIGN_UNKNOWN) {
        finish(d, MAV_DMARC_TEMPERROR,
               "DNS error finding an organizational domain for alignment "
               "(RFC 9989 §4.10.2, §5.3.6)",
               all);
        return 1;
    }
    if (d->spf == MAV_DMARC_AUTH_TEMPERROR || d->dkim_temperror) {
        finish(d, MAV_DMARC_TEMPERROR,
               "nothing aligned and SPF or DKIM had a temporary error "
               "(RFC 9989 §5.3.6)",
               all);
        return 1;
    }

    /* ---- the policy to apply (§4.7 p sp np t, §4.10.1) ---- */
    if (!is_sub) {
        o->policy = (mav_dmarc_policy)p;
        memcpy(o->policy_tag, "p", 2);
    } else {
        uint8_t fallback = sp != MAV_DMARC_POLICY_UNSET ? sp : p;
        int exists = 1;

        if (np != MAV_DMARC_POLICY_UNSET && np != fallback) {
            /* only then does existence change the answer */
            if (d->exist_state == EXIST_NOT_STARTED) {
                d->exist_state = EXIST_RUNNING;
                exist_poll(d);
            }
            if (d->exist_state != EXIST_DONE)
                return 0;
            exists = exist_verdict(d);
            o->exists_dnssec =
                d->exist_relied ? d->exist_dnssec : MAV_DNSSEC_UNCHECKED;
            all = weaker(all, o->exists_dnssec);
            if (exists < 0) {
                finish(d, MAV_DMARC_TEMPERROR,
                       "DNS error testing whether the author domain exists "
                       "(RFC 9989 §4.10.1, §5.3.6)",
                       all);
                return 1;
            }
            o->author_exists = (int8_t)exists;
        }
        if (!exists) {
            o->policy = (mav_dmarc_policy)np;
            memcpy(o->policy_tag, "np", 3);
        } else if (sp != MAV_DMARC_POLICY_UNSET) {
            o->policy = (mav_dmarc_policy)sp;
            memcpy(o->policy_tag, "sp", 3);
        } else {
            o->policy = (mav_dmarc_policy)p;
            memcpy(o->policy_tag, "p", 2);
        }
    }
    o->disposition = o->policy;
    if (!invalid && pol->testing && o->policy != MAV_DMARC_POLICY_NONE) {
        /* §4.7 t=y: the policy applied is one level below */
        o->testing = 1;
        o->disposition = o->policy == MAV_DMARC_POLICY_REJECT
                             ? MAV_DMARC_POLICY_QUARANTINE
                             : MAV_DMARC_POLICY_NONE;
    }
    finish(d, MAV_DMARC_FAIL,
           "no authenticated identifier is aligned (RFC 9989 §5.3.5)", all);
    return 1;
}

/* ---- the API ------------------------------------------------------------ */

/* see mav_dmarc.h */
int mav_dmarc_init(mav_dmarc_ctx *d, mav_dns_ctx *dns)
{
    if (d == NULL || dns == NULL)
        return MAV_ERR_ARG;
    memset(d, 0, sizeof *d);
    d->dns = dns;
    d->policy_slot = SLOT_NONE;
    return MAV_OK;
}

/* Add an identifier to align; spf says for which mechanism. */
static void add_ident(mav_dmarc_ctx *d, const char *text, int spf)
{
    uint8_t w[MAV_DNS_NAME_MAX];
    const char *why;
    unsigned k;

    if (!domain_to_wire(text, w, &why))
        return; /* not a domain name: it cannot align */
    if (mav_dns_name_eq(w, d->author.name)) {
        if (spf)
            d->spf_is_author = 1; /* identical: aligned in both modes */
        else
            d->dkim_is_author = 1;
        return;
    }
    for (k = 0; k < d->n_ids; k++)
        if (mav_dns_name_eq(w, d->ids[k].walk.name))
            break;
    if (k == d->n_ids) {
        if (k >= MAV_CFG_DMARC_IDENTIFIERS) {
            if (!spf && d->out.dkim_ignored < 255)
                d->out.dkim_ignored++;
            return;
        }
        d->n_ids++;
        mav_dmarc_walk_init(&d->ids[k].walk, w);
        /* with no label in common the organizational domains differ:
         * no walk needed */
        d->ids[k].walking = (uint8_t)same_tld(w, d->author.name);
        if (!d->ids[k].walking)
            d->ids[k].walk.state = MAV_DMARC_WALK_IDLE;
    }
    if (spf)
        d->ids[k].for_spf = 1;
    else
        d->ids[k].for_dkim = 1;
}

/* see mav_dmarc.h */
int mav_dmarc_start(mav_dmarc_ctx *d, const mav_dmarc_input *in)
{
    mav_dmarc_outcome *o;
    uint8_t w[MAV_DNS_NAME_MAX];
    const char *why;
    size_t n;
    unsigned k;

    if (d == NULL || in == NULL || in->author_domain == NULL ||
        (in->n_dkim && in->dkim_domains == NULL))
        return MAV_ERR_ARG;
    if (d->dns == NULL)
        return MAV_ERR_STATE;
    {
        mav_dns_ctx *dns = d->dns;

        mav_dmarc_abort(d);
        memset(d, 0, sizeof *d);
        d->dns = dns;
    }
    d->policy_slot = SLOT_NONE;
    o = &d->out;
    o->result = MAV_DMARC_UNDECIDED;
    o->author_exists = -1;
    o->dnssec = o->policy_dnssec = o->org_dnssec = o->exists_dnssec =
        MAV_DNSSEC_UNCHECKED;
    d->state = ST_RUNNING;

    /* the author domain as given, for the outcome (cut to fit) */
    n = strlen(in->author_domain);
    if (n > 0 && in->author_domain[n - 1] == '.')
        n--;
    if (n >= sizeof o->author)
        n = sizeof o->author - 1;
    for (k = 0; k < n; k++) {
        char c = in->author_domain[k];

        o->author[k] = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
    }
    o->author[n] = 0;
    if (!domain_to_wire(in->author_domain, w, &why)) {
        finish(d, MAV_DMARC_NONE, why, MAV_DNSSEC_UNCHECKED);
        return MAV_OK;
    }
    mav_dmarc_walk_init(&d->author, w);
    d->spf = (uint8_t)in->spf;
    d->dkim_temperror = in->dkim_temperror ? 1 : 0;
    /* §4.4.2: only an SPF pass gives an authenticated identifier */
    if (in->spf == MAV_DMARC_AUTH_PASS && in->spf_domain)
        add_ident(d, in->spf_domain, 1);
    for (k = 0; k < in->n_dkim; k++)
        if (in->dkim_domains[k])
            add_ident(d, in->dkim_domains[k], 0);
    return mav_dmarc_poll(d);
}

/* One step of a walk; 1 when it moved. */
static int step_walk(mav_dmarc_ctx *d, mav_dmarc_walk *w, int author)
{
    uint8_t before = w->state;
    int found = 0, r;

    if (w->state == MAV_DMARC_WALK_IDLE || w->state == MAV_DMARC_WALK_DONE)
        return 0;
    r = mav_dmarc_walk_poll(w, d->dns, d->text, sizeof d->text, &d->scratch,
                            &found, &d->out.queries);
    if (found && author)
        store_author_record(d);
    return r == MAV_DMARC_WALK_PROGRESS ||
           (r == MAV_DMARC_WALK_FINISHED && before != MAV_DMARC_WALK_DONE) ||
           before != w->state;
}

/* see mav_dmarc.h */
int mav_dmarc_poll(mav_dmarc_ctx *d)
{
    int progress;

    if (d == NULL || d->state == ST_IDLE)
        return MAV_ERR_STATE;
    if (d->state == ST_DONE)
        return MAV_OK;
    do {
        unsigned k;

        progress = step_walk(d, &d->author, 1);
        /* a record with np found at a parent while the walk goes on:
         * the existence test will likely be needed, so it runs beside
         * the rest of the walk (once the walk is over, try_decide
         * starts it only when np changes the answer) */
        if (d->exist_state == EXIST_NOT_STARTED && d->have_last_rec &&
            !d->have_author_rec && d->rec_last.np != MAV_DMARC_POLICY_UNSET &&
            d->author.state != MAV_DMARC_WALK_DONE)
            d->exist_state = EXIST_RUNNING;
        for (k = 0; k < d->n_ids; k++)
            progress |= step_walk(d, &d->ids[k].walk, 0);
        progress |= exist_poll(d);
        if (try_decide(d))
            return MAV_OK;
    } while (progress);
    return MAV_PENDING;
}

/* see mav_dmarc.h */
const mav_dmarc_outcome *mav_dmarc_get(const mav_dmarc_ctx *d)
{
    return &d->out;
}

/* see mav_dmarc.h */
const mav_dmarc_record *mav_dmarc_policy_record(const mav_dmarc_ctx *d)
{
    if (d == NULL || d->state != ST_DONE)
        return NULL;
    switch (d->policy_slot) {
    case SLOT_AUTHOR:
        return &d->rec_author;
    case SLOT_PREV:
        return &d->rec_prev;
    case SLOT_LAST:
        return &d->rec_last;
    default:
        return NULL;
    }
}

/* see mav_dmarc.h */
void mav_dmarc_abort(mav_dmarc_ctx *d)
{
    if (d == NULL || d->dns == NULL)
        return;
    if (d->state == ST_RUNNING)
        release_all(d);
    d->state = d->state == ST_DONE ? ST_DONE : ST_IDLE;
}
