/* SPDX-License-Identifier: MIT */
/*
 * mav_spf.h - SPF (RFC 7208): check_host() as a non-blocking state
 * machine over mav's resolver, plus the pure parts it is built from (the
 * term parser of §4.6 and §5-§6, the macro expander of §7) for tests,
 * fuzzers and tools. Every fact taken from the DNS carries its DNSSEC
 * verdict, and the result records the weakest one relied on.
 *
 * Call sequence (all memory is the caller's, nothing is allocated):
 *   1. mav_spf_init(&s, &resolver): the resolver must already have its
 *      servers (mav_dns.h); one resolver may serve many mav_spf_ctx.
 *   2. mav_spf_start(&s, &in): the identity (MAIL FROM, or HELO when the
 *      reverse path is null, §2.4), the client address, the HELO name.
 *      Returns MAV_OK when the result is known at once, MAV_PENDING
 *      while lookups are under way. The strings of `in` are copied.
 *   3. While MAV_PENDING: run the resolver (mav_dns_poll and the port's
 *      input, or a port's own loop such as mav_zone_run or
 *      mav_posix_step), then mav_spf_poll(&s) until it returns MAV_OK.
 *      mav_spf_poll never waits; it issues the lookups of the next step,
 *      all independent ones of that step together (e.g. the address
 *      lookups of every MX host, §4.6.4).
 *   4. mav_spf_get(&s) gives the mav_spf_outcome: the verdict, the term
 *      that decided it (or the error and its offset in the record), the
 *      explanation of a "fail" (§6.2), the DNS work spent, and the DNSSEC
 *      verdict of the weakest answer relied on.
 *   5. mav_spf_abort(&s) at any time releases every lookup held; a
 *      finished evaluation holds none.
 *
 * Limits (§4.6.4, each in mav_config.h): MAV_CFG_SPF_MAX_DNS_MECH terms
 * that cause DNS queries (include a mx ptr exists redirect), at most
 * MAV_CFG_SPF_MAX_VOID void lookups (NXDOMAIN or an empty answer), at
 * most MAV_CFG_SPF_MAX_MX MX names per mx term (more is a permerror) and
 * MAV_CFG_SPF_MAX_PTR PTR names per ptr term (the rest are ignored).
 * Exceeding a limit gives permerror. A void lookup is counted for each
 * term whose own query (the TXT of include/redirect, the A/AAAA of a and
 * exists, the MX of mx, the PTR of ptr) comes back empty; the address
 * lookups of MX and PTR hosts are not terms and are not counted.
 *
 * DNSSEC. The verdict of every answer used (each TXT, A, AAAA, MX, PTR)
 * is folded into outcome.dnssec, weakest first: BOGUS < INDETERMINATE <
 * UNCHECKED < INSECURE < SECURE. A bogus answer is still used as SPF
 * says (the RFC knows nothing of DNSSEC): policy on it is the caller's.
 */
#ifndef MAV_SPF_H
#define MAV_SPF_H

#include <stddef.h>
#include <stdint.h>

#include "mav_config.h"
#include "mav_cur.h"
#include "mav_dns.h"
#include "mav_err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The verdict (RFC 7208 §2.6). UNDECIDED only before the end. */
typedef enum {
    MAV_SPF_UNDECIDED = 0,
    MAV_SPF_PASS,
    MAV_SPF_FAIL,
    MAV_SPF_SOFTFAIL,
    MAV_SPF_NEUTRAL,
    MAV_SPF_NONE,
    MAV_SPF_TEMPERROR,
    MAV_SPF_PERMERROR
} mav_spf_result;

/* "pass", "fail", ... as RFC 8601 §2.7.2 spells them. */
const char *mav_spf_result_str(mav_spf_result r);

/* ---- terms (spf_record.c) ------------------------------------------ */

/* Kinds of term (§4.6.1, §5, §6). */
typedef enum {
    MAV_SPF_T_ALL = 1,
    MAV_SPF_T_INCLUDE,
    MAV_SPF_T_A,
    MAV_SPF_T_MX,
    MAV_SPF_T_PTR,
    MAV_SPF_T_IP4,
    MAV_SPF_T_IP6,
    MAV_SPF_T_EXISTS,
    MAV_SPF_T_REDIRECT, /* modifier */
    MAV_SPF_T_EXP,      /* modifier */
    MAV_SPF_T_UNKNOWN_MOD /* modifier of another name: ignored (§6) */
} mav_spf_term_kind;

/* One term as parsed; offsets are into the record text. */
typedef struct {
    uint8_t kind;      /* mav_spf_term_kind */
    uint8_t qualifier; /* MAV_SPF_PASS/FAIL/SOFTFAIL/NEUTRAL (§4.6.2) */
    uint8_t cidr4;     /* ip4 / a / mx prefix, 32 when not given */
    uint8_t cidr6;     /* ip6 / a / mx prefix, 128 when not given */
    uint16_t off, len; /* the whole term */
    uint16_t arg_off, arg_len; /* domain-spec / macro-string; len 0 when
                                * absent (then <domain> is the target) */
    uint8_t has_arg;
    uint8_t addr[16];  /* ip4 (first 4 bytes) / ip6 network */
} mav_spf_term;

/**
 * \brief  Is this TXT string an SPF record (§4.5): "v=spf1" in any case,
 *         then a space or the end?
 * \return 1 or 0.
 */
int mav_spf_is_record(const uint8_t *txt, size_t len);

/**
 * \brief  Read the next term of a record. *pos starts at 0 (the version
 *         is skipped) and is advanced past the term; spaces between
 *         terms are 1*SP (§4.6.1), trailing spaces are allowed (§4.5).
 *         The grammar is §4.6.1, §5 and §6 exactly: qualifiers, the
 *         known mechanism names (case-insensitive), domain-specs with a
 *         valid domain-end, macro syntax (§7.1; c r t refused outside
 *         exp text), ip4/ip6 addresses without leading zeros, CIDR
 *         lengths within 32/128 (dual for a and mx), modifier names.
 * \param  t  (out) the term.
 * \param  e  (out, may be NULL) on MAV_ERR_FORMAT: offset and reason.
 * \return 1 with t filled; 0 at the end; MAV_ERR_FORMAT (syntax error:
 *         the record is a permerror); MAV_ERR_ARG.
 */
int mav_spf_term_next(const char *rec, size_t len, size_t *pos,
                      mav_spf_term *t, mav_perr *e);

/**
 * \brief  The term that starts at offset off of a record that
 *         mav_spf_record_scan has accepted, read again without its
 *         syntax checks (they passed): the evaluator's way back to a
 *         term the scan noted.
 * \return 1 with t filled; MAV_ERR_ARG (off not inside the terms).
 */
int mav_spf_term_at(const char *rec, size_t len, size_t off,
                    mav_spf_term *t);

/** \brief 1 for include a mx ptr exists (§4.6.4's DNS mechanisms). */
int mav_spf_is_dns_mechanism(unsigned kind);

/* What a whole-record check learnt (§4.6, §6). */
typedef struct {
    uint16_t terms;          /* terms in all */
    uint16_t dns_terms;      /* include a mx ptr exists, redirect */
    int32_t redirect_off;    /* the redirect term, -1 when none */
    int32_t exp_off;         /* the exp term, -1 when none */
} mav_spf_record_info;

/**
 * \brief  Check a whole record before anything of it is used (§4.6:
 *         any syntax error anywhere makes it a permerror): the version,
 *         every term, redirect and exp at most once each (§6),
 *         printable US-ASCII only (§3.1... §4.5 ABNF).
 * \return MAV_OK; MAV_ERR_FORMAT with e filled; MAV_ERR_ARG.
 */
int mav_spf_record_check(const char *rec, size_t len,
                         mav_spf_record_info *info, mav_perr *e);

/* Called once per term, in order, as mav_spf_record_scan reads it. */
typedef void (*mav_spf_term_fn)(void *arg, const mav_spf_term *t);

/**
 * \brief  mav_spf_record_check that also hands every term to each(arg,
 *         term) as it is read, so that a caller can note what it needs
 *         in the same single pass (the evaluator notes where its DNS
 *         terms are and which address term matches: the record is then
 *         not parsed a second time). each may be NULL. Terms seen before
 *         a syntax error have been handed over: use them only on MAV_OK.
 * \return as mav_spf_record_check.
 */
int mav_spf_record_scan(const char *rec, size_t len,
                        mav_spf_record_info *info, mav_spf_term_fn each,
                        void *arg, mav_perr *e);

/* ---- macros (spf_macro.c) ------------------------------------------ */

/* What the macro letters of §7.3 expand to; strings need no NUL. */
typedef struct {
    const char *sender;   /* s: local-part@domain */
    size_t sender_len;
    const char *local;    /* l */
    size_t local_len;
    const char *sender_domain; /* o */
    size_t sender_domain_len;
    const char *domain;   /* d: the current <domain> */
    size_t domain_len;
    const char *helo;     /* h */
    size_t helo_len;
    const char *ptr_name; /* p: the validated name, "unknown" if none */
    size_t ptr_name_len;
    const char *receiver; /* r (exp only), "unknown" when NULL */
    size_t receiver_len;
    uint8_t ip[16];       /* i, c, v: the client; IPv4 in ip[0..3] */
    uint8_t ip_family;    /* 4 or 6 */
    uint64_t now;         /* t (exp only), seconds since 1970 */
} mav_spf_macro_env;

/* Flags of the expander */
#define MAV_SPF_MACRO_EXP 1    /* explanation text: c r t allowed, and
                                * spaces (explanation-string, §6.2) */
#define MAV_SPF_MACRO_DOMAIN 2 /* a domain-spec: drop a final dot and
                                * shorten past 253 chars (§7.3) */
#define MAV_SPF_MACRO_CHECKED 4 /* the string passed mav_spf_macro_check
                                 * (or a record scan) with these flags:
                                 * it is not scanned a second time */

/**
 * \brief  Check the syntax of a macro-string (§7.1) without expanding.
 * \return MAV_OK; MAV_ERR_FORMAT with e->offset relative to s.
 */
int mav_spf_macro_check(const char *s, size_t n, unsigned flags,
                        mav_perr *e);

/**
 * \brief  Check a domain-spec (§4.6.1): a macro-string (no c r t) that
 *         ends in a macro-expand or in "." toplabel [ "." ], where
 *         toplabel is not all digits (RFC 3696 §2).
 * \return MAV_OK; MAV_ERR_FORMAT with e->offset relative to s.
 */
int mav_spf_domain_spec_check(const char *s, size_t n, mav_perr *e);

/**
 * \brief  1 if the macro-string uses the p letter (expanding it needs the
 *         validated PTR name first), else 0. The string must be checked.
 */
int mav_spf_macro_uses_p(const char *s, size_t n);

/**
 * \brief  Expand a macro-string (§7): letters s l o d i p h c r t v in
 *         either case (upper case URL-escapes the value, §7.3), the
 *         digit and r transformers and the delimiters . - + , / _ =
 *         (§7.1), %% %_ %-; i of IPv6 as dotted nibbles, c as RFC 5952
 *         text. With MAV_SPF_MACRO_DOMAIN a result over 253 characters
 *         loses labels from the left until it fits (§7.3).
 * \param  out, cap  (out) the text; not NUL-terminated.
 * \return MAV_OK; MAV_ERR_FORMAT (syntax, e filled; with
 *         MAV_SPF_MACRO_CHECKED a wrong claim gives this too, after
 *         partial output); MAV_ERR_SPACE (cap too small for an
 *         intermediate or final result); MAV_ERR_ARG.
 */
int mav_spf_macro_expand(const mav_spf_macro_env *env, const char *s,
                         size_t n, unsigned flags, char *out, size_t cap,
                         size_t *out_len, mav_perr *e);

/* ---- evaluation (spf_eval.c) --------------------------------------- */

/* The inputs of one check. */
typedef struct {
    const char *mail_from;  /* reverse-path without <>, "" or NULL: null */
    const char *helo;       /* HELO/EHLO name (for h, and the identity
                             * when mail_from is null) */
    mav_addr client;        /* family 4 or 6; port ignored */
    const char *receiver;   /* r macro, NULL: "unknown" */
    uint64_t now;           /* t macro: seconds since 1970 */
    uint8_t check_helo;     /* 1: check the HELO identity itself (§2.3) */
} mav_spf_input;

/* How the verdict came about. */
typedef struct {
    mav_spf_result result;
    mav_dnssec_verdict dnssec; /* weakest verdict relied on; UNCHECKED
                                * when no answer was used */
    uint8_t identity_helo;     /* 1: the HELO identity was checked */
    uint16_t dns_terms;        /* §4.6.4 counters at the end */
    uint16_t void_lookups;
    uint16_t queries;          /* lookups issued (cache hits included) */
    /* the deciding term (a match, or "default" when none matched),
     * its record's domain, and the term text (cut to fit) */
    char domain[MAV_CFG_SPF_NAME_TEXT];
    char term[MAV_CFG_SPF_TERM_TEXT];
    /* on permerror/temperror: why, and where in the record of `domain`
     * (offset -1 when not in a record) */
    const char *error;
    int32_t error_offset;
    /* on fail with a usable exp= (§6.2): the explanation, NUL-ended */
    char explanation[MAV_CFG_SPF_EXP_TEXT];
} mav_spf_outcome;

/* ---- private state, visible so the caller can allocate it --------- */

/* One record being evaluated: the top one, or an include's. */
typedef struct {
    uint16_t text_off, text_len; /* record text in mav_spf_ctx.text */
    /* what the record scan noted, so that terms are not parsed twice:
     * the DNS mechanisms in order (one more than §4.6.4 allows, since
     * that one already ends the evaluation), then the first address
     * term or all that matches (0: none); terms after it are never
     * reached */
    uint16_t stop[MAV_CFG_SPF_MAX_DNS_MECH + 1];
    uint8_t n_stops, next_stop;
    uint16_t match_off;
    /* prefetch (MAV_CFG_SPF_PREFETCH): the stops whose include record,
     * and whether the redirect record, was asked for early; and whether
     * this frame's own record was (its fetch is then not counted) */
    uint16_t prefetched;
    uint8_t redirect_prefetched, fetch_counted;
    int32_t redirect_off, exp_off;
    uint8_t state;               /* F_* in spf_eval.c */
    uint8_t via;                 /* VIA_*: top, include or redirect */
    uint8_t counted;             /* the term's DNS cost is counted */
    uint8_t resume, resume_end;  /* waiting for the PTR names (p) */
    uint8_t domain_len;
    char domain[MAV_CFG_SPF_NAME_TEXT]; /* <domain> of this record */
    mav_spf_term term;           /* the term under evaluation */
} mav_spf_frame;

typedef struct {
    mav_dns_ctx *dns;
    uint8_t state;         /* 0 idle, 1 running, 2 done */
    uint8_t depth;         /* frame[depth] is evaluated */
    uint8_t family;        /* 4 or 6 (IPv4-mapped counts as 4) */
    uint8_t final;         /* the result, while the exp is fetched */
    uint8_t exp_started;   /* 1 TXT lookup under way, 2 text kept */
    uint16_t exp_len;      /* explanation text kept, to expand */
    uint8_t relied;        /* an answer has been folded in */
    mav_dnssec_verdict dnssec;
    uint16_t dns_terms, void_lookups, queries;
    uint8_t over_limit;    /* a lookup waits for mav_spf_limit_queries */
    uint8_t ip[16];
    mav_spf_macro_env env;
    mav_spf_outcome out;
    /* inputs, copied */
    char sender[MAV_CFG_SPF_SENDER_TEXT];
    char helo[MAV_CFG_SPF_NAME_TEXT];
    char receiver[MAV_CFG_SPF_NAME_TEXT];
    char ptr_pick[MAV_CFG_SPF_NAME_TEXT];
    /* the lookups of one step: a batch, each slot one name */
    uint8_t batch_kind, batch_hit, batch_err, batch_void;
    uint16_t batch_type;
    uint8_t n_batch, n_hosts;
    uint8_t slot[MAV_CFG_SPF_BATCH];
    mav_dns_handle h[MAV_CFG_SPF_BATCH];
    /* records asked for early, each held until its answer is in */
    mav_dns_handle pre_h[MAV_CFG_SPF_PREFETCH > 0 ? MAV_CFG_SPF_PREFETCH
                                                  : 1];
    uint8_t batch_name[MAV_CFG_SPF_BATCH][MAV_DNS_NAME_MAX];
    /* the PTR names of the client and which are validated (§5.5) */
    uint8_t ptr_state, n_ptr, ptr_void;
    uint8_t ptr_valid[MAV_CFG_SPF_MAX_PTR];
    uint8_t ptr_names[MAV_CFG_SPF_MAX_PTR][MAV_DNS_NAME_MAX];
    /* the target of the term: text (expand) and wire form */
    uint16_t expand_len;
    uint8_t target[MAV_DNS_NAME_MAX];
    char expand[MAV_CFG_SPF_EXPAND_TEXT];
    mav_spf_frame frame[MAV_CFG_SPF_MAX_DEPTH + 1]; /* top + nested */
    /* record texts of the frames, as a stack */
    uint16_t text_used;
    char text[MAV_CFG_SPF_TEXT_BYTES];
    /* the caller's cap on lookups (kept across mav_spf_start) */
    uint8_t limited;
    uint16_t query_limit;
} mav_spf_ctx;

/**
 * \brief  Bind a context to a resolver; it starts idle.
 * \return MAV_OK; MAV_ERR_ARG.
 */
int mav_spf_init(mav_spf_ctx *s, mav_dns_ctx *dns);

/**
 * \brief  Start check_host() (§4) for the identity of `in`.
 * \return MAV_OK (decided already: mav_spf_get); MAV_PENDING; MAV_ERR_ARG
 *         (NULL, family not 4 or 6, a string too long for the config).
 */
int mav_spf_start(mav_spf_ctx *s, const mav_spf_input *in);

/**
 * \brief  Advance: read finished lookups, issue the next ones.
 * \return MAV_OK when decided; MAV_PENDING; MAV_ERR_STATE (not started).
 */
int mav_spf_poll(mav_spf_ctx *s);

/** \brief The outcome; result is MAV_SPF_UNDECIDED until decided. */
const mav_spf_outcome *mav_spf_get(const mav_spf_ctx *s);

/** \brief Give back every lookup held; the context becomes idle. */
void mav_spf_abort(mav_spf_ctx *s);

/**
 * \brief  Cap the lookups of this evaluation at max in all (a caller's
 *         work budget across checks, mav_verify.h); may be changed
 *         between polls. A lookup over the cap is not issued: it waits,
 *         as one the resolver has no room for, and mav_spf_over_limit
 *         says so; the caller then aborts or raises the cap.
 */
void mav_spf_limit_queries(mav_spf_ctx *s, unsigned max);

/** \brief Lookups issued so far (cache hits included). */
unsigned mav_spf_queries(const mav_spf_ctx *s);

/** \brief 1 when a lookup waits for mav_spf_limit_queries' cap. */
int mav_spf_over_limit(const mav_spf_ctx *s);

#ifdef __cplusplus
}
#endif

#endif /* MAV_SPF_H */
