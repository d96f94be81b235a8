/* SPDX-License-Identifier: MIT */
/*
 * mav_dmarc.h - DMARC (RFC 9989, which obsoletes RFC 7489 and RFC 9091):
 * the policy record parser (§4.7, §4.8), policy discovery and the
 * organizational domain by the DNS Tree Walk (§4.10, §4.10.1, §4.10.2)
 * as a non-blocking state machine over mav's resolver, identifier
 * alignment (§4.4), the pass/fail verdict (§5.3.5) and the Domain Owner
 * Assessment Policy to apply (§4.7 p/sp/np/t, §4.10.1). Section numbers
 * are those of draft-ietf-dmarc-dmarcbis-41, the text RFC 9989 took.
 *
 * The module does not depend on the SPF or DKIM modules: the caller
 * passes their outcomes as plain data (the SPF result and the domain
 * SPF checked, the d= of every DKIM signature that verified). Nothing is
 * allocated; all state is the caller's mav_dmarc_ctx, sized by the
 * MAV_CFG_DMARC_* limits of mav_config.h.
 *
 * The author domain. The caller extracts it from the From field (RFC
 * 5322 §3.6.2) and applies §5.3.1 and §11.5 before calling:
 *   - exactly one From field holding addresses of one domain (several
 *     addresses of the same domain count as one, §11.5): pass it;
 *   - no From field, several From fields, no address, or an address
 *     that cannot be parsed: DMARC validation "is not possible and the
 *     process terminates" (§5.3.1, §4.2: outside the specification).
 *     Do not call mav_dmarc_start; report dmarc=none, reason "no single
 *     author domain", and apply no DMARC disposition. Such a message is
 *     not RFC 5322 compliant; §11.5 warns that it can be a spoofing
 *     vehicle, so local policy should treat it with suspicion;
 *   - several domains in one From field: the same, except that §5.3.1
 *     lets a receiver go on anyway: §11.5 suggests running DMARC for
 *     each domain (one mav_dmarc_ctx each, a bounded number) and
 *     applying the strictest disposition among those that fail;
 *   - a U-label domain must be converted to A-labels first (RFC 5890
 *     §2.3); a domain that is not a DNS name (a domain literal, bytes
 *     over 0x7f) gives result none with its reason.
 *
 * Call sequence (all memory is the caller's):
 *   1. mav_dmarc_init(&d, &resolver): the resolver already has its
 *      servers (mav_dns.h); one resolver may serve many contexts.
 *   2. mav_dmarc_start(&d, &in): the strings of `in` are copied. The
 *      author's walk and the walks of the SPF and DKIM domains start at
 *      once and run side by side (the resolver shares identical lookups
 *      in flight). Returns MAV_OK when decided at once, else MAV_PENDING.
 *   3. While MAV_PENDING: run the resolver (mav_dns_poll and the port's
 *      input, or mav_zone_run), then mav_dmarc_poll(&d).
 *   4. mav_dmarc_get(&d): the outcome (result, disposition, reason,
 *      domains, DNSSEC verdicts, query counts);
 *      mav_dmarc_policy_record(&d) the record applied (tags and URIs).
 *   5. mav_dmarc_abort(&d) at any time releases every lookup held; a
 *      decided context holds none.
 *
 * Result (§5.3.5, §5.3.6, RFC 8601 §2.7.6 names):
 *   none       no DMARC Policy Record applies (§4.10.1), or the author
 *              domain is not usable, or the record has no valid p and no
 *              valid rua (§4.10.1: "no DMARC processing");
 *   pass       an SPF- or DKIM-authenticated identifier is aligned;
 *   fail       none is; the disposition is the policy (p for the author
 *              domain's own record; sp for an existing subdomain, np for
 *              a non-existent one, each falling back as §4.7 says),
 *              lowered one step by t=y (reject -> quarantine -> none);
 *   temperror  a DNS query the verdict needed did not complete (SERVFAIL
 *              or timeout), or SPF/DKIM had a temporary error and nothing
 *              aligned (§5.3.6: the policy cannot be applied);
 *   permerror  a local limit stopped the evaluation (a record longer than
 *              MAV_CFG_DMARC_RECORD_MAX, a CNAME loop at a _dmarc name).
 * The disposition is none for every result but fail. What a receiver
 * does with temperror (4xx or accept, §7.2) and with fail (RFC 9989
 * §5.4: local policy decides) is the caller's.
 *
 * DNSSEC. Every fact carries the weakest verdict of the answers it rests
 * on (BOGUS < INDETERMINATE < UNCHECKED < INSECURE < SECURE): the policy
 * record (every answer of the walk up to the record applied: a forged
 * "no record" below it would move the policy), the organizational
 * domains (every answer of their walks), the existence test, and the
 * result (what it relied on). A BOGUS answer is still used as DMARC
 * says (RFC 9989 knows nothing of DNSSEC, §11.3): policy is the caller's.
 */
#ifndef MAV_DMARC_H
#define MAV_DMARC_H

#include <stddef.h>
#include <stdint.h>

#include "mav_config.h"
#include "mav_cur.h"
#include "mav_dns.h"
#include "mav_err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The Tree Walk's query limit (§4.10): a name of eight labels or more is
 * shortened to seven after its own query, so no walk asks more than 8. */
#define MAV_DMARC_WALK_MAX_QUERIES 8
#define MAV_DMARC_WALK_SHORTEN_TO 7

/* Text of a domain name plus its NUL (253 characters, RFC 1035 §2.3.4). */
#define MAV_DMARC_NAME_TEXT 256

/* ---- the record (dmarc_record.c) ----------------------------------- */

/* p, sp, np values (§4.7, dmarc-request); also the disposition. */
typedef enum {
    MAV_DMARC_POLICY_UNSET = 0, /* tag absent (or not valid, see below) */
    MAV_DMARC_POLICY_NONE,
    MAV_DMARC_POLICY_QUARANTINE,
    MAV_DMARC_POLICY_REJECT
} mav_dmarc_policy;

/* adkim, aspf (dmarc-rors); psd (dmarc-psd) */
#define MAV_DMARC_ALIGN_RELAXED 0 /* default "r" */
#define MAV_DMARC_ALIGN_STRICT 1
#define MAV_DMARC_PSD_U 0 /* default "u" */
#define MAV_DMARC_PSD_Y 1
#define MAV_DMARC_PSD_N 2

/* fo options (dmarc-fo), as bits */
#define MAV_DMARC_FO_0 0x01
#define MAV_DMARC_FO_1 0x02
#define MAV_DMARC_FO_D 0x04
#define MAV_DMARC_FO_S 0x08

/* Tags, as bits of mav_dmarc_record.seen / .invalid */
#define MAV_DMARC_TAG_P 0x0001
#define MAV_DMARC_TAG_SP 0x0002
#define MAV_DMARC_TAG_NP 0x0004
#define MAV_DMARC_TAG_ADKIM 0x0008
#define MAV_DMARC_TAG_ASPF 0x0010
#define MAV_DMARC_TAG_PSD 0x0020
#define MAV_DMARC_TAG_T 0x0040
#define MAV_DMARC_TAG_RUA 0x0080
#define MAV_DMARC_TAG_RUF 0x0100
#define MAV_DMARC_TAG_FO 0x0200
/* RFC 7489 tags RFC 9989 removed (Appendix C.5.2, "historic" in §9.3):
 * noted when present, never used. */
#define MAV_DMARC_TAG_PCT 0x0400
#define MAV_DMARC_TAG_RF 0x0800
#define MAV_DMARC_TAG_RI 0x1000

/* One reporting URI kept: its text is uri_text[off..off+len). */
typedef struct {
    uint8_t ruf; /* 0: from rua, 1: from ruf */
    uint16_t off, len;
} mav_dmarc_uri;

/*
 * A parsed DMARC Policy Record. Fields may be read. A tag whose value is
 * not valid, or that appears more than once, is in `invalid` and keeps
 * its default (§4.8: "syntax errors in the remainder of the record MUST
 * be discarded in favor of default values (if any)"); for p, sp and np
 * there is no default: §4.10.1 decides (see mav_dmarc_get).
 */
typedef struct {
    uint8_t p, sp, np;   /* mav_dmarc_policy; UNSET when absent/invalid */
    uint8_t adkim, aspf; /* MAV_DMARC_ALIGN_* */
    uint8_t psd;         /* MAV_DMARC_PSD_* */
    uint8_t testing;     /* t=y */
    uint8_t fo;          /* MAV_DMARC_FO_* bits; FO_0 when absent, and
                          * when there is no ruf (§4.7: ignored then) */
    uint16_t seen;       /* MAV_DMARC_TAG_* present (valid or not) */
    uint16_t invalid;    /* MAV_DMARC_TAG_* with a bad value or repeated */
    uint8_t unknown;     /* unknown tags, ignored (§4.7) */
    uint8_t malformed;   /* pieces that are not tag=value, ignored */
    uint8_t rua_valid, ruf_valid; /* syntactically valid URIs listed */
    uint8_t bad_uris;             /* URIs skipped as invalid */
    uint8_t uris_dropped;         /* valid URIs not kept: no room */
    uint8_t n_uris;               /* URIs kept in uris[] */
    uint16_t uri_used;            /* bytes of uri_text in use */
    mav_dmarc_uri uris[MAV_CFG_DMARC_URIS];
    char uri_text[MAV_CFG_DMARC_URI_BYTES];
} mav_dmarc_record;

/**
 * \brief  Is this (joined) TXT string a DMARC Policy Record, i.e. does
 *         it start with the v tag of value DMARC1 (§4.7 "v", §4.10 step
 *         2, §4.8 dmarc-version: "v" *WSP "=" *WSP %s"DMARC1", followed
 *         by the end, or *WSP ";")?
 * \return 1 or 0.
 */
int mav_dmarc_is_record(const uint8_t *txt, size_t len);

/**
 * \brief  Parse a DMARC Policy Record (§4.7, §4.8): the version, then
 *         tag=value pieces separated by ";" with optional WSP around
 *         ";" and "=". Tag names and the keyword values are matched
 *         case-insensitively (RFC 5234 §2.3 literals; only "DMARC1" is
 *         %s, case-sensitive). Unknown tags are ignored, pct rf ri are
 *         noted and ignored, rua/ruf URIs (RFC 3986 §3 syntax, "!" size
 *         suffix of obs-dmarc-uri dropped) kept up to the config limits.
 *         Hostile input is safe: everything is bounded by len.
 * \param  e  (out, may be NULL) on MAV_ERR_FORMAT: offset and reason.
 * \return MAV_OK (rec filled); MAV_ERR_FORMAT (not a DMARC record: the
 *         whole record is to be ignored, §4.7 "v"); MAV_ERR_ARG.
 */
int mav_dmarc_record_parse(const uint8_t *txt, size_t len,
                           mav_dmarc_record *rec, mav_perr *e);

/**
 * \brief  The i-th URI kept (i < rec->n_uris), NUL-free, not terminated.
 * \param  ruf  (out, may be NULL) 1 when it came from ruf.
 * \return the text, or NULL when i is out of range.
 */
const char *mav_dmarc_record_uri(const mav_dmarc_record *rec, unsigned i,
                                 size_t *len, int *ruf);

/* ---- evaluation (dmarc_walk.c, dmarc_eval.c) ------------------------ */

/* The verdict (RFC 8601 §2.7.6, RFC 9989 §9.2). */
typedef enum {
    MAV_DMARC_UNDECIDED = 0,
    MAV_DMARC_PASS,
    MAV_DMARC_FAIL,
    MAV_DMARC_NONE,
    MAV_DMARC_TEMPERROR,
    MAV_DMARC_PERMERROR
} mav_dmarc_result;

/* An underlying mechanism's outcome, as DMARC needs it (§5.3.3). */
typedef enum {
    MAV_DMARC_AUTH_FAIL = 0, /* anything but pass or temperror (fail,
                              * softfail, neutral, none, permerror) */
    MAV_DMARC_AUTH_PASS,
    MAV_DMARC_AUTH_TEMPERROR
} mav_dmarc_auth;

/* Alignment of one mechanism, as found. */
typedef enum {
    MAV_DMARC_ALIGN_NOT_CHECKED = 0, /* no passing identifier */
    MAV_DMARC_ALIGN_YES,
    MAV_DMARC_ALIGN_NO,
    MAV_DMARC_ALIGN_UNKNOWN /* not determined: a DNS error, or
                             * not needed once the other one
                             * aligned */
} mav_dmarc_alignment;

/* The inputs of one evaluation; strings are NUL-terminated text. */
typedef struct {
    const char *author_domain;       /* §3.2.2, A-labels (see the top) */
    mav_dmarc_auth spf;              /* SPF for the MAIL FROM identity */
    const char *spf_domain;          /* the domain SPF checked: the MAIL FROM
                                      * domain, or the HELO name when the
                                      * reverse path is null (RFC 7208 §2.4,
                                      * RFC 9989 §3.2.4); used on pass only */
    const char *const *dkim_domains; /* d= of each DKIM signature that
                                      * verified (pass), duplicates allowed */
    unsigned n_dkim;
    uint8_t dkim_temperror; /* 1: a signature had a temporary error */
} mav_dmarc_input;

/* The outcome. Text fields are NUL-terminated, lowercase, no final dot;
 * "" when not known. */
typedef struct {
    mav_dmarc_result result;
    mav_dmarc_policy disposition; /* to apply: NONE unless fail */
    mav_dmarc_policy policy;      /* the p/sp/np value chosen (before
                                   * t=y), UNSET when none applies */
    char policy_tag[3];           /* "p", "sp" or "np"; "" */
    uint8_t testing;              /* t=y lowered the disposition */
    mav_dmarc_alignment spf_aligned, dkim_aligned;
    const char *reason; /* static text: why this result */
    char author[MAV_DMARC_NAME_TEXT];
    char policy_domain[MAV_DMARC_NAME_TEXT];  /* where the record is */
    char org_domain[MAV_DMARC_NAME_TEXT];     /* of the author (§4.10.2),
                                               * when it was needed */
    char aligned_domain[MAV_DMARC_NAME_TEXT]; /* an identifier that
                                               * aligned (pass) */
    int8_t author_exists;                     /* 1, 0, or -1 when not tested */
    mav_dnssec_verdict dnssec;                /* weakest the result relied on */
    mav_dnssec_verdict policy_dnssec;         /* of the policy record's walk */
    mav_dnssec_verdict org_dnssec;            /* of the author's whole walk */
    mav_dnssec_verdict exists_dnssec;         /* of the existence test */
    uint8_t author_queries; /* queries of the author's walk (<= 8) */
    uint16_t queries;       /* lookups issued in all */
    uint8_t dkim_ignored;   /* distinct d= domains over
                             * MAV_CFG_DMARC_IDENTIFIERS, not used */
} mav_dmarc_outcome;

/* ---- private state, visible so the caller can allocate it --------- */

/* One DNS Tree Walk (§4.10) from one domain; fields are private. */
typedef struct {
    uint8_t state;                 /* WALK_* in dmarc_walk.c */
    uint8_t fail;                  /* 0, or the result it failed with */
    uint8_t start_labels;          /* labels of the starting domain */
    uint8_t cur_labels;            /* labels of the name asked now */
    uint8_t queries;               /* lookups issued (the cap is 8) */
    uint8_t found;                 /* names that gave one DMARC record */
    uint8_t last_labels, last_psd; /* the last (shortest) of those */
    uint8_t prev_labels;           /* the one found before it; 0 when none */
    uint8_t several;               /* names with several records (discarded) */
    uint8_t relied;                /* some answer was folded into dnssec */
    mav_dnssec_verdict dnssec;     /* weakest answer of the walk */
    mav_dnssec_verdict first_dnssec; /* of the first query */
    mav_dns_handle h;
    uint8_t name[MAV_DNS_NAME_MAX]; /* the starting domain, lowercase */
} mav_dmarc_walk;

/* An identifier to align (an SPF or DKIM domain other than the author
 * domain); fields are private. */
typedef struct {
    uint8_t for_spf, for_dkim;
    uint8_t walking;     /* its walk is (or was) needed and started */
    mav_dmarc_walk walk; /* walk.name is the identifier */
} mav_dmarc_ident;

typedef struct {
    mav_dns_ctx *dns;
    uint8_t state; /* 0 idle, 1 running, 2 decided */
    uint8_t spf;   /* mav_dmarc_auth */
    uint8_t dkim_temperror;
    uint8_t spf_is_author, dkim_is_author; /* identical: aligned */
    uint8_t n_ids;
    uint8_t have_author_rec, have_prev_rec, have_last_rec;
    uint8_t policy_slot; /* 0 author, 1 prev, 2 last */
    uint8_t exist_state; /* EXIST_* in dmarc_eval.c */
    uint8_t exist_done[3];
    mav_dns_status exist_status[3];
    uint8_t exist_cnames[3];
    int exist_err[3];
    mav_dns_handle exist_h[3];
    uint8_t exist_relied;
    mav_dnssec_verdict exist_dnssec;
    mav_dmarc_walk author;
    mav_dmarc_ident ids[MAV_CFG_DMARC_IDENTIFIERS];
    mav_dmarc_record rec_author, rec_prev, rec_last, scratch;
    mav_dmarc_outcome out;
    char text[MAV_CFG_DMARC_RECORD_MAX]; /* a joined TXT record */
} mav_dmarc_ctx;

/**
 * \brief  Bind a context to a resolver; it starts idle.
 * \return MAV_OK; MAV_ERR_ARG.
 */
int mav_dmarc_init(mav_dmarc_ctx *d, mav_dns_ctx *dns);

/**
 * \brief  Start evaluating one message (steps 2-6 of §5.3).
 * \return MAV_OK (decided: mav_dmarc_get); MAV_PENDING; MAV_ERR_ARG
 *         (NULL context or author_domain, or n_dkim with NULL list);
 *         MAV_ERR_STATE (never initialised).
 */
int mav_dmarc_start(mav_dmarc_ctx *d, const mav_dmarc_input *in);

/**
 * \brief  Advance: read finished lookups, issue the next ones. A lookup
 *         the resolver has no room for (MAV_ERR_SPACE) is retried on
 *         the next call.
 * \return MAV_OK when decided; MAV_PENDING; MAV_ERR_STATE (not started).
 */
int mav_dmarc_poll(mav_dmarc_ctx *d);

/** \brief The outcome; result is MAV_DMARC_UNDECIDED until decided. */
const mav_dmarc_outcome *mav_dmarc_get(const mav_dmarc_ctx *d);

/** \brief The record whose policy was applied (result pass or fail, or
 *  none for want of p and rua), or NULL. Valid until the next start. */
const mav_dmarc_record *mav_dmarc_policy_record(const mav_dmarc_ctx *d);

/** \brief Give back every lookup held; a running context becomes idle
 *  (a decided one holds none and keeps its outcome). */
void mav_dmarc_abort(mav_dmarc_ctx *d);

/** \brief "pass", "fail", "none", "temperror", "permerror" (RFC 8601
 *  §2.7.6), "undecided". */
const char *mav_dmarc_result_str(mav_dmarc_result r);

/** \brief "none", "quarantine", "reject", or "" for UNSET. */
const char *mav_dmarc_policy_str(mav_dmarc_policy p);

#ifdef __cplusplus
}
#endif

#endif /* MAV_DMARC_H */
