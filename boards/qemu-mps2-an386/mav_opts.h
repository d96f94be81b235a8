/* SPDX-License-Identifier: MIT */
/*
 * mav_opts.h - mav's configuration on the mps2-an386 board (named by
 * MAV_CONFIG_FILE in board.mk; core/mav_config.h fills in every option
 * not set here). It is this board's memory budget: what a small mail
 * appliance on a Cortex-M4 can give mav, and what each limit means for
 * the mail it can verify. The host build keeps mav_config.h's defaults.
 *
 * Budget (Cortex-M4, measured by "make size", asserted at compile time
 * by boards/qemu-mps2-an386/budget.c):
 *   one verification (mav_verify_ctx)        <= 24 KB
 *   the resolver with its cache (mav_dns_ctx) <= 20 KB
 *   Mbed TLS's arena                          12 KB (RSA-4096: 10.7 KB)
 *   stack                                     see "make size"
 *   flash, core + crypto + Mbed TLS           <= 80 KB
 * Several verifications may share one resolver (DESIGN.md): each more
 * message in flight costs one more mav_verify_ctx.
 *
 * What stays whole: every algorithm (RSA-SHA256 1024..4096 and Ed25519
 * for DKIM; DNSSEC algorithms 8, 10, 13, 14, 15), the RFC limits of SPF
 * (10 DNS mechanisms, 2 void lookups, 10 MX names) and DMARC (the
 * 8-query Tree Walk), DNSSEC validation of every answer. What is
 * smaller is how much of one message and its records is kept.
 */
#ifndef MAV_BOARD_OPTS_H
#define MAV_BOARD_OPTS_H

/* ---- the budget, checked by budget.c beside this file ------------- */
#define MAV_BOARD_VERIFY_CTX_BUDGET 24576
#define MAV_BOARD_DNS_CTX_BUDGET 20480

/* ---- one message (mav_verify_ctx) ------------------------------------ */

/*
 * The header section kept for DKIM: 5 KB (default 16 KB). Signatures are
 * checked over header fields, and fields past this are lost: a
 * signature that signs one of them gets permerror. 5 KB holds a message
 * with a few Received fields, two DKIM signatures and an ARC set; a
 * long forwarding history (several ARC sets, 15+ Received) does not.
 * 48 fields indexed (default 128): 5 KB of real header has 20-40.
 */
#define MAV_CFG_HEADER_BYTES 5120
#define MAV_CFG_HEADER_FIELDS 48

/*
 * DKIM signatures verified per message: 2 (default 5), about 1.6 KB
 * each. The first two DKIM-Signature fields from the top are checked
 * (an author's signature and one added by a mailing list or an ESP);
 * any further one is reported neutral ("not checked"), so DMARC can
 * pass only through the first two or SPF.
 */
#define MAV_CFG_DKIM_SIGNATURES 2

/* A key record after its TXT strings are joined: 1 KB (default 2 KB)
 * holds an RSA-4096 key (736 base64 characters) and its tags. */
#define MAV_CFG_DKIM_KEY_RECORD_MAX 1024

/*
 * SPF keeps the RFC 7208 §4.6.4 limits. It nests includes 5 deep
 * (default 10, one frame of 336 bytes each): a deeper chain is a
 * permerror ("limit: include depth"); published records nest 2-4 deep.
 * The texts of the records being evaluated share 1.5 KB (default 5 KB):
 * five nested records of 300 bytes; more is a permerror ("limit: record
 * text"). A macro expands into 384 bytes (default 1 KB; the result is
 * cut to 253 by §7.3 anyway). The ptr mechanism and %{p} check the first
 * 2 PTR names of the client (default 10; §4.6.4 allows up to 10, and
 * §5.5 discourages ptr): a client matched only by its third or later
 * name does not match.
 */
#define MAV_CFG_SPF_MAX_DEPTH 5
/* No early fetch of later include and redirect records (default 4): the
 * includes of a record are then asked for one after another, a round
 * trip each, as most SPF libraries do. Saves 308 bytes of flash (and 16
 * of context), which the 80 KB goal needed (2026-11-28: core + crypto +
 * Mbed TLS 82003 -> 81695 bytes, LTO). The host default keeps it: there
 * it takes the whole verification from 4 round trips to 2. */
#define MAV_CFG_SPF_PREFETCH 0
#define MAV_CFG_SPF_TEXT_BYTES 1536
#define MAV_CFG_SPF_EXPAND_TEXT 384
#define MAV_CFG_SPF_MAX_PTR 2
/* What the outcome reports of the deciding term and of an exp=
 * explanation, cut to fit: 64 bytes each (defaults 128 and 512). */
#define MAV_CFG_SPF_TERM_TEXT 64
#define MAV_CFG_SPF_EXP_TEXT 64

/*
 * DMARC: a record of up to 512 bytes (default 1 KB; real records are
 * 30-300); a longer one is a permerror. Four reporting URIs in 96 bytes
 * are kept per record (default 320 bytes): the device sends no reports,
 * the URIs are only read out, and those past the room are counted as
 * dropped, never cut. Relaxed alignment walks the organizational domain
 * of 3 identifiers besides the author's (default 6): SPF's domain and
 * two d= domains, as many as the signatures checked.
 */
#define MAV_CFG_DMARC_RECORD_MAX 512
#define MAV_CFG_DMARC_URIS 4
#define MAV_CFG_DMARC_URI_BYTES 96
#define MAV_CFG_DMARC_IDENTIFIERS 3

/* ---- the resolver (mav_dns_ctx), shared by the verifications -------- */

/*
 * The cache: 9 KB of whole DNS responses (default 16 KB). A cold
 * verification of a DNSSEC-signed domain fills it with its answers and
 * the chain's DS and DNSKEY sets (root, TLD, domain: 3-6 KB with RSA
 * keys); the least recently used go first. Largest answer accepted (over
 * TCP): 4 KB (default 8 KB), a DNSKEY set of several RSA-4096 keys.
 */
#define MAV_CFG_DNS_CACHE_BYTES 9216
#define MAV_CFG_DNS_MSG_MAX 4096

/*
 * Lookups held at once: 10 (default 16), about 580 bytes each; two are
 * kept for DNSSEC's DS/DNSKEY walks. One message needs 3-6 at a time
 * (an mx term's address lookups go out as slots free up). Transactions
 * in flight: 6 (default 8).
 */
#define MAV_CFG_DNS_QUERIES 10
#define MAV_CFG_DNS_INFLIGHT 6

/*
 * DNSSEC work area: trust anchors in 512 bytes (default 2 KB; the root's
 * two DS records take 90); canonical RDATA of up to 530 bytes, the
 * largest of SOA (default 1040, NAPTR's: no mail lookup asks for one);
 * RRsets of up to 32 RRs ordered for a signature check (default 128).
 */
#define MAV_CFG_DNSSEC_ANCHOR_BYTES 512
#define MAV_CFG_DNSSEC_CANON_RDATA_MAX 530
#define MAV_CFG_DNSSEC_MAX_RRSET_RRS 32

/* ---- crypto: flash and stack against a little time ------------------ */

/*
 * Mbed TLS's ECP base-point tables out (5.4 KB of flash): ECDSA P-256
 * and P-384 verifications (DNSSEC algorithms 13 and 14) compute them
 * each time. Ed25519's base-point table of 8 entries (768 bytes; default
 * 32, 3 KB) and a public-key table of 2 (320 bytes of stack; default 8):
 * the stack goal of 3 KB, for about a dozen more point additions.
 * "make bench" prints what each costs in instructions.
 */
#define MAV_CFG_ECP_FIXED_POINT 0
#define MAV_CFG_ED25519_BASE_WINDOW 5
#define MAV_CFG_ED25519_A_WINDOW 3

/*
 * Ed25519's field arithmetic as loops (MAV_CFG_ED25519_SMALLER): 1.6 KB
 * less flash for a verification about twice as long (1.9 M more
 * instructions; DKIM's Ed25519 signatures and DNSSEC algorithm 15 only).
 */
#define MAV_CFG_ED25519_SMALLER 1

#endif /* MAV_BOARD_OPTS_H */
