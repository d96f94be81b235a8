/* SPDX-License-Identifier: MIT */
/*
 * mav_dns_wire.h - the DNS wire codec: names, queries, whole-message
 * parsing, RDATA of the types mav uses, canonical forms. The ground floor
 * of core/: it needs only mav_config.h, mav_cur.h and mav_err.h, so the
 * zone-file port, the tools and the tests can use it without the
 * resolver, the port struct or crypto. No allocation, no recursion, no
 * globals; every byte of a message is treated as hostile.
 *
 * RFCs: 1035 §3.1, §3.3, §4.1 (format, compression), 2181 §8 (TTL), 3596
 * (AAAA), 3597 (unknown types, which names may be compressed), 4034
 * (DNSKEY, RRSIG, NSEC, DS; §4.1.2 type bitmaps; §6 canonical form and
 * order), 5155 (NSEC3, NSEC3PARAM), 6672 (DNAME), 6840 §5.1 (NSEC next
 * name keeps its case), 6891 (EDNS0 OPT).
 *
 * Names. A name is held in uncompressed wire form (length-prefixed labels
 * ending with the zero-length root label), at most MAV_DNS_NAME_MAX (255)
 * bytes, in a caller buffer of that size. Functions that take a name
 * without a length require a valid one: as produced by mav_dns_name_get,
 * mav_dns_name_from_text or checked by mav_dns_name_check.
 *
 * Reading a response:
 *   1. mav_dns_msg_parse(&m, buf, len, &perr): checks the whole message
 *      (header, every question, every RR of every section, every name,
 *      the RDATA of every type listed below) before anything is used;
 *      the view m points into buf, which must stay unchanged while m is
 *      used.
 *   2. mav_dns_msg_question(&m, ...) for the (first) question.
 *   3. mav_dns_iter_init(&it, &m, MAV_DNS_SEC_AN); then
 *      while ((r = mav_dns_iter_next(&it, &rr)) > 0) { ... }: owner name
 *      (decompressed), type, class, TTL, and where the RDATA is.
 *   4. mav_dns_rr_rdata(&m, &rr, &rd) reads one RDATA into a typed
 *      struct (names decompressed into it); mav_dns_rdata_expand() gives
 *      the RDATA uncompressed (for a cache) or canonical (for DNSSEC).
 * Building a query: mav_dns_query_build().
 */
#ifndef MAV_DNS_WIRE_H
#define MAV_DNS_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "mav_config.h"
#include "mav_cur.h"
#include "mav_err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- protocol constants -------------------------------------------- */

#define MAV_DNS_HDR_LEN 12       /* RFC 1035 §4.1.1 */
#define MAV_DNS_NAME_MAX 255     /* RFC 1035 §2.3.4, root label included */
#define MAV_DNS_LABEL_MAX 63     /* RFC 1035 §2.3.4 */
/* Presentation form of the longest name plus its NUL: labels of 63, 63,
 * 63 and 61 bytes that all need \DDD (4 chars each), 4 dots, the NUL. */
#define MAV_DNS_NAME_TEXT_MAX 1005
#define MAV_DNS_EDNS_UDP_SIZE 1232 /* DNS flag day 2020 payload size */

/* RR types (IANA "Resource Record (RR) TYPEs") */
#define MAV_DNS_TYPE_A 1
#define MAV_DNS_TYPE_NS 2
#define MAV_DNS_TYPE_CNAME 5
#define MAV_DNS_TYPE_SOA 6
#define MAV_DNS_TYPE_PTR 12
#define MAV_DNS_TYPE_HINFO 13
#define MAV_DNS_TYPE_MX 15
#define MAV_DNS_TYPE_TXT 16
#define MAV_DNS_TYPE_AAAA 28
#define MAV_DNS_TYPE_SRV 33
#define MAV_DNS_TYPE_DNAME 39
#define MAV_DNS_TYPE_OPT 41
#define MAV_DNS_TYPE_DS 43
#define MAV_DNS_TYPE_RRSIG 46
#define MAV_DNS_TYPE_NSEC 47
#define MAV_DNS_TYPE_DNSKEY 48
#define MAV_DNS_TYPE_NSEC3 50
#define MAV_DNS_TYPE_NSEC3PARAM 51
#define MAV_DNS_TYPE_ANY 255

#define MAV_DNS_CLASS_IN 1
#define MAV_DNS_CLASS_CH 3
#define MAV_DNS_CLASS_ANY 255

/* RCODEs (RFC 1035 §4.1.1, RFC 6891 §9 for the extended ones) */
#define MAV_DNS_RCODE_NOERROR 0
#define MAV_DNS_RCODE_FORMERR 1
#define MAV_DNS_RCODE_SERVFAIL 2
#define MAV_DNS_RCODE_NXDOMAIN 3
#define MAV_DNS_RCODE_NOTIMP 4
#define MAV_DNS_RCODE_REFUSED 5
#define MAV_DNS_RCODE_BADVERS 16

/* Header flag bits, in the 16-bit word after the ID (RFC 1035 §4.1.1,
 * RFC 4035 §3.1.6 / §3.2.2 for AD and CD). */
#define MAV_DNS_FLAG_QR 0x8000
#define MAV_DNS_OPCODE_MASK 0x7800
#define MAV_DNS_FLAG_AA 0x0400
#define MAV_DNS_FLAG_TC 0x0200
#define MAV_DNS_FLAG_RD 0x0100
#define MAV_DNS_FLAG_RA 0x0080
#define MAV_DNS_FLAG_AD 0x0020
#define MAV_DNS_FLAG_CD 0x0010
#define MAV_DNS_RCODE_MASK 0x000f

#define MAV_DNS_EDNS_FLAG_DO 0x8000 /* RFC 3225 */

/* Sections, as used by the iterator */
#define MAV_DNS_SEC_QD 0
#define MAV_DNS_SEC_AN 1
#define MAV_DNS_SEC_NS 2
#define MAV_DNS_SEC_AR 3
#define MAV_DNS_SEC_ALL 4 /* AN, NS then AR */

/* ---- names (dns_name.c) --------------------------------------------- */

/**
 * \brief  Read a possibly compressed name at c->off (RFC 1035 §4.1.4).
 *         c views the whole message, so pointers can be followed; a
 *         pointer must go strictly before the start of the label run it
 *         ends (so no forward or looping pointer is accepted), at most
 *         MAV_CFG_DNS_MAX_PTR_HOPS are followed, labels of the reserved
 *         types 0x40/0x80 are refused.
 * \param  c       (in/out) cursor over the message; on success advanced
 *                 past the name's bytes in place (past the first pointer).
 * \param  allow_ptr  0 where compression is forbidden (RFC 3597 §4,
 *                 RFC 4034 §3.1.7, §4.1.1): any pointer is an error.
 * \param  out     (out) MAV_DNS_NAME_MAX bytes for the name, or NULL to
 *                 only check and skip it.
 * \param  out_len (out, may be NULL) its length.
 * \param  err     (out, may be NULL) where and why it failed.
 * \return MAV_OK; MAV_ERR_FORMAT (runs past the end, bad pointer or
 *         label type, name over 255 bytes); MAV_ERR_LIMIT (too many
 *         pointer hops or labels).
 */
int mav_dns_name_get(mav_cur *c, int allow_ptr, uint8_t *out,
                     size_t *out_len, mav_perr *err);

/**
 * \brief  Check that name[0..len) is exactly one uncompressed name.
 * \return MAV_OK; MAV_ERR_FORMAT otherwise (also for a NULL name).
 */
int mav_dns_name_check(const uint8_t *name, size_t len);

/** \brief Length in bytes of a valid name, root label included. */
size_t mav_dns_name_len(const uint8_t *name);

/** \brief Canonical form in place: ASCII A-Z to a-z, nothing else
 *  (RFC 4034 §6.2). */
void mav_dns_name_lower(uint8_t *name);

/** \brief 1 if a and b are the same name, ASCII case ignored (RFC 1035
 *  §2.3.3, RFC 4343), else 0. */
int mav_dns_name_eq(const uint8_t *a, const uint8_t *b);

/**
 * \brief  Whether the possibly compressed name at offset off of the
 *         message p[0..len) is the valid uncompressed name `name`, ASCII
 *         case ignored, read where it lies (no copy). Pointers are
 *         followed as mav_dns_name_get follows them (backwards only, at
 *         most MAV_CFG_DNS_MAX_PTR_HOPS).
 * \return 1 the same; 0 not; MAV_ERR_FORMAT when the name at off is
 *         malformed as far as it was read.
 */
int mav_dns_name_eq_at(const uint8_t *p, size_t len, size_t off,
                       const uint8_t *name);

/** \brief RFC 4034 §6.1 canonical order: <0, 0 or >0 as a sorts before,
 *  with, or after b. */
int mav_dns_name_cmp(const uint8_t *a, const uint8_t *b);

/** \brief Number of labels, root excluded ("." has 0). */
unsigned mav_dns_name_labels(const uint8_t *name);

/** \brief The RRSIG Labels value for this owner (RFC 4034 §3.1.3): the
 *  label count without the root and without a leading "*" label. */
unsigned mav_dns_name_rrsig_labels(const uint8_t *name);

/** \brief 1 if the first label is the single byte "*" (RFC 4592). */
int mav_dns_name_is_wildcard(const uint8_t *name);

/**
 * \brief  The name with its n leftmost labels removed: a pointer into
 *         name (a suffix of a wire name is a wire name). n = 1 gives the
 *         parent; labels(name) - k keeps the k rightmost labels.
 * \return the suffix, or NULL when name has fewer than n labels.
 */
const uint8_t *mav_dns_name_strip(const uint8_t *name, unsigned n);

/** \brief 1 if name equals zone or lies below it (case ignored). */
int mav_dns_name_under(const uint8_t *name, const uint8_t *zone);

/**
 * \brief  Presentation form to wire form (RFC 1035 §5.1): labels split
 *         at unescaped dots, "\X" is the byte X, "\DDD" a decimal byte
 *         value 0..255. A name ending in an unescaped dot is absolute;
 *         any other is relative and gets origin appended (origin NULL:
 *         the root). "." alone is the root. "@" is not special here: the
 *         zone reader handles it.
 * \param  s, n    the text (not NUL-terminated).
 * \param  origin  valid wire name or NULL.
 * \param  out     (out) MAV_DNS_NAME_MAX bytes.
 * \param  out_len (out, may be NULL).
 * \return MAV_OK; MAV_ERR_FORMAT (empty text or label, label over 63
 *         bytes, name over 255, a bad escape); MAV_ERR_ARG (NULL).
 */
int mav_dns_name_from_text(const char *s, size_t n, const uint8_t *origin,
                           uint8_t *out, size_t *out_len);

/**
 * \brief  Wire form to presentation form, absolute (final dot), NUL-
 *         terminated: . \ " ( ) ; @ $ are escaped as \X, other
 *         bytes outside 0x21..0x7e as \DDD. Always reversible by
 *         mav_dns_name_from_text.
 * \param  out, cap  MAV_DNS_NAME_TEXT_MAX bytes always suffice.
 * \param  out_len   (out, may be NULL) length without the NUL.
 * \return MAV_OK; MAV_ERR_SPACE (cap too small); MAV_ERR_ARG.
 */
int mav_dns_name_to_text(const uint8_t *name, char *out, size_t cap,
                         size_t *out_len);

/* ---- queries (dns_query.c) ------------------------------------------ */

/**
 * \brief  Build a query: ID, RD and CD set (mav validates by itself, so
 *         a validating upstream must hand over data it finds bogus,
 *         RFC 4035 §3.2.2), one question, and an EDNS0 OPT RR (RFC 6891
 *         §6.1.2) with the DO bit (RFC 3225) and a MAV_DNS_EDNS_UDP_SIZE
 *         payload size.
 * \param  buf, cap  (out) the caller's buffer.
 * \param  id        the 16-bit ID, drawn by the caller from the port's
 *                   random source.
 * \param  qname, qname_len  an uncompressed wire name.
 * \param  out_len   (out) bytes written.
 * \return MAV_OK; MAV_ERR_SPACE (cap too small, buf untouched past cap);
 *         MAV_ERR_ARG (NULL, or qname not a valid name).
 */
int mav_dns_query_build(uint8_t *buf, size_t cap, uint16_t id,
                        const uint8_t *qname, size_t qname_len,
                        uint16_t qtype, uint16_t qclass, size_t *out_len);

/* ---- messages (dns_msg.c) ------------------------------------------- */

/*
 * A checked view of one message. It points into the caller's buffer (an
 * interior pointer, on purpose: nothing is copied); fields may be read.
 */
typedef struct mav_dns_msg {
    const uint8_t *p; /* the message */
    size_t len;       /* its length */
    size_t end;       /* end of the last RR; bytes after it are ignored */
    uint16_t id;
    uint16_t flags;    /* the header word: MAV_DNS_FLAG_*, opcode, rcode */
    uint16_t count[4]; /* QD, AN, NS, AR, all present and checked */
    size_t sec[4];     /* offset of each section's first entry */
    uint16_t rcode;    /* 12-bit RCODE: header + OPT extension */
    /* EDNS0 (RFC 6891 §6.1.3), valid when has_opt */
    uint8_t has_opt;
    uint8_t edns_version;
    uint16_t edns_udp_size;
    uint16_t edns_flags; /* MAV_DNS_EDNS_FLAG_DO ... */
    size_t opt_rdata;    /* offset and length of the OPT options */
    uint16_t opt_rdlen;
} mav_dns_msg;

/**
 * \brief  Check a whole message and make a view of it. Nothing in it is
 *         trusted: the counts (capped at MAV_CFG_DNS_MAX_RRS in total)
 *         must be matched by entries that fit, each RDLENGTH must fit,
 *         every name must decompress cleanly, every RDATA of a known type
 *         must match its layout exactly (mav_dns_rdata_read), there is at
 *         most one OPT RR, in the additional section, owned by the root
 *         (RFC 6891 §6.1.1).
 * \param  m    (out) the view; only valid when MAV_OK is returned.
 * \param  err  (out, may be NULL) the offset of the first bad byte.
 * \return MAV_OK; MAV_ERR_FORMAT; MAV_ERR_LIMIT (counts or name limits
 *         over the config); MAV_ERR_ARG (NULL).
 */
int mav_dns_msg_parse(mav_dns_msg *m, const uint8_t *p, size_t len,
                      mav_perr *err);

/**
 * \brief  The first question of a parsed message.
 * \param  name  (out, may be NULL) MAV_DNS_NAME_MAX bytes, case as sent.
 * \return MAV_OK; MAV_ERR_FORMAT when QDCOUNT is 0.
 */
int mav_dns_msg_question(const mav_dns_msg *m, uint8_t *name,
                         size_t *name_len, uint16_t *qtype,
                         uint16_t *qclass);

/* One resource record of a parsed message. */
typedef struct mav_dns_rr {
    uint8_t owner[MAV_DNS_NAME_MAX]; /* uncompressed, case as sent */
    uint16_t owner_len;
    uint8_t section; /* MAV_DNS_SEC_AN / _NS / _AR */
    uint16_t type;
    uint16_t rclass; /* for OPT: the UDP payload size */
    uint32_t ttl;    /* RFC 2181 §8: a TTL with the top bit set reads as 0;
                      * for OPT: the raw extended-RCODE/flags word */
    size_t off;      /* offset of the RR in the message */
    size_t rdata;    /* offset of its RDATA in the message */
    uint16_t rdlen;
} mav_dns_rr;

/* Iterator state; fields are private. */
typedef struct mav_dns_iter {
    const mav_dns_msg *m;
    size_t off;
    unsigned sec, last, left;
} mav_dns_iter;

/** \brief Iterate over one section of m (MAV_DNS_SEC_AN/NS/AR) or over
 *  all three (MAV_DNS_SEC_ALL). */
void mav_dns_iter_init(mav_dns_iter *it, const mav_dns_msg *m,
                       unsigned section);

/**
 * \brief  The next RR.
 * \return 1 and rr filled; 0 at the end; a negative MAV_ERR_* only if m
 *         was not made by mav_dns_msg_parse (a parsed message cannot
 *         fail here).
 */
int mav_dns_iter_next(mav_dns_iter *it, mav_dns_rr *rr);

/**
 * \brief  The next RR of `type` (any class) whose owner is `owner` (a
 *         valid uncompressed name, ASCII case ignored): the question
 *         every answer reader asks. Owners are compared where they lie
 *         in the message, and only for RRs of that type, instead of
 *         being decompressed one by one; rr->owner is a copy of `owner`.
 * \return as mav_dns_iter_next.
 */
int mav_dns_iter_find(mav_dns_iter *it, mav_dns_rr *rr,
                      const uint8_t *owner, uint16_t type);

/* ---- RDATA (dns_rdata.c) --------------------------------------------- */

/*
 * One RDATA read into fields. Names are decompressed into the struct;
 * pointers (key, digest, signature, bitmaps, salt, hash) point into the
 * message. kind says which member of u is valid: the type for the types
 * listed, 0 for any other (opaque: only raw).
 */
typedef struct mav_dns_rdata {
    uint16_t kind;
    const uint8_t *raw; /* the RDATA as it is in the message */
    uint16_t raw_len;
    union {
        uint8_t a[4];     /* A (class IN) */
        uint8_t aaaa[16]; /* AAAA (class IN) */
        struct {          /* NS, CNAME, PTR, DNAME */
            uint8_t name[MAV_DNS_NAME_MAX];
            uint16_t len;
        } name;
        struct {
            uint16_t pref;
            uint8_t host[MAV_DNS_NAME_MAX];
            uint16_t host_len;
        } mx;
        struct {
            uint8_t mname[MAV_DNS_NAME_MAX];
            uint8_t rname[MAV_DNS_NAME_MAX];
            uint16_t mname_len, rname_len;
            uint32_t serial, refresh, retry, expire, minimum;
        } soa;
        struct {            /* the strings stay in raw: mav_dns_txt_* */
            uint16_t count; /* character-strings, >= 1 */
            uint16_t total; /* bytes of all strings joined */
        } txt;
        struct {
            uint16_t flags;
            uint8_t protocol, algorithm;
            const uint8_t *key;
            uint16_t key_len;
        } dnskey;
        struct {
            uint16_t key_tag;
            uint8_t algorithm, digest_type;
            const uint8_t *digest;
            uint16_t digest_len;
        } ds;
        struct {
            uint16_t type_covered;
            uint8_t algorithm, labels;
            uint32_t orig_ttl, expiration, inception;
            uint16_t key_tag;
            uint8_t signer[MAV_DNS_NAME_MAX]; /* never compressed */
            uint16_t signer_len;
            const uint8_t *sig;
            uint16_t sig_len;
        } rrsig;
        struct {
            uint8_t next[MAV_DNS_NAME_MAX]; /* never compressed */
            uint16_t next_len;
            const uint8_t *types; /* checked type bitmaps */
            uint16_t types_len;
        } nsec;
        struct { /* NSEC3 and NSEC3PARAM (no next/types) */
            uint8_t hash_alg, flags;
            uint16_t iterations;
            const uint8_t *salt;
            uint8_t salt_len;
            const uint8_t *next; /* next hashed owner, binary */
            uint8_t next_len;
            const uint8_t *types;
            uint16_t types_len;
        } nsec3;
    } u;
} mav_dns_rdata;

/**
 * \brief  Read and check one RDATA. msg[0..msg_len) is the message it
 *         sits in (names may point back into it); for RDATA held on its
 *         own (a cache) pass msg = the RDATA and off = 0. The RDATA must
 *         match its type's layout exactly, with nothing left over:
 *         A 4 / AAAA 16 bytes (class IN only; in other classes opaque),
 *         TXT one or more character-strings (RFC 1035 §3.3.14), names
 *         decompressed where RFC 3597 §4 allows it, RRSIG signer and NSEC
 *         next name uncompressed (RFC 4034 §3.1.7, §4.1.1), type bitmaps
 *         per RFC 4034 §4.1.2, DS digests of types 1, 2 and 4 of their
 *         exact size, NSEC3 hash at least 1 byte (RFC 5155 §3.2), OPT
 *         options that fill the RDATA (RFC 6891 §6.1.2). SRV, NAPTR, RP,
 *         AFSDB, RT, KX, PX, MINFO and the RFC 1035 mail types are checked
 *         field by field but read as opaque. Unknown types are opaque
 *         (RFC 3597 §5).
 * \param  rd   (out) the fields; kind = type, or 0 when opaque.
 * \return MAV_OK; MAV_ERR_FORMAT (does not match the layout, or runs
 *         past msg_len); MAV_ERR_LIMIT (name limits); MAV_ERR_ARG.
 */
int mav_dns_rdata_read(const uint8_t *msg, size_t msg_len, uint16_t type,
                       uint16_t rclass, size_t off, uint16_t rdlen,
                       mav_dns_rdata *rd, mav_perr *err);

/** \brief mav_dns_rdata_read for an RR of a parsed message. */
int mav_dns_rr_rdata(const mav_dns_msg *m, const mav_dns_rr *rr,
                     mav_dns_rdata *rd);

/* Flags of mav_dns_rdata_expand */
#define MAV_DNS_RD_CANON 1 /* lowercase the embedded names (RFC 4034 §6.2) */

/**
 * \brief  The RDATA with every embedded name written out uncompressed
 *         (what a cache keeps: it no longer depends on the message), and
 *         with MAV_DNS_RD_CANON also lowercased: the canonical RDATA of
 *         RFC 4034 §6.2 item 3 for NS, MD, MF, CNAME, SOA, MB, MG, MR,
 *         PTR, MINFO, MX, RP, AFSDB, RT, SIG, PX, NXT, NAPTR, KX, SRV,
 *         DNAME and RRSIG. NSEC is copied as is (RFC 6840 §5.1: its next
 *         name is not lowercased), and so are HINFO (no names in it),
 *         A6 and unknown types (RFC 3597 §7).
 * \param  out, cap  (out) the caller's buffer; rdlen + 253 bytes per
 *                   embedded name always suffice.
 * \return MAV_OK; MAV_ERR_FORMAT (as mav_dns_rdata_read);
 *         MAV_ERR_SPACE; MAV_ERR_ARG.
 */
int mav_dns_rdata_expand(const uint8_t *msg, size_t msg_len, uint16_t type,
                         uint16_t rclass, size_t off, uint16_t rdlen,
                         unsigned flags, uint8_t *out, size_t cap,
                         size_t *out_len);

/**
 * \brief  Read one <character-string> (RFC 1035 §3.3): a length byte and
 *         that many bytes, borrowed in place.
 * \return MAV_OK; MAV_ERR_FORMAT when it runs past the cursor's end.
 */
int mav_dns_charstr(mav_cur *c, const uint8_t **s, size_t *len);

/**
 * \brief  The strings of a TXT RDATA joined without separators, as SPF
 *         (RFC 7208 §3.3) and DKIM (RFC 6376 §3.6.2.2) read a record.
 * \param  out  (out) may be NULL with cap 0 to learn the length.
 * \return MAV_OK; MAV_ERR_SPACE (out_len still says the length needed);
 *         MAV_ERR_FORMAT (not a sequence of character-strings).
 */
int mav_dns_txt_join(const uint8_t *rdata, size_t rdlen, uint8_t *out,
                     size_t cap, size_t *out_len);

/**
 * \brief  Check NSEC/NSEC3 type bitmaps (RFC 4034 §4.1.2): windows in
 *         strictly increasing order, each bitmap 1..32 bytes, no trailing
 *         zero byte. An empty field is valid (an NSEC3 of an empty
 *         non-terminal, RFC 5155 §3.2).
 * \return MAV_OK; MAV_ERR_FORMAT.
 */
int mav_dns_bitmap_check(const uint8_t *bm, size_t len);

/** \brief 1 if type is set in checked bitmaps, else 0. */
int mav_dns_bitmap_has(const uint8_t *bm, size_t len, uint16_t type);

#ifdef __cplusplus
}
#endif

#endif /* MAV_DNS_WIRE_H */
