/* SPDX-License-Identifier: MIT */
/*
 * mav_msg.h - message intake: an RFC 5322 push parser that splits a
 * message, fed in chunks of any size, into header fields and body bytes,
 * and a parser of the From field's addresses (RFC 5322 §3.4, §3.6.2).
 *
 * The header section (RFC 5322 §2.2) is kept in the context, up to
 * MAV_CFG_HEADER_BYTES, each field raw (name, colon, value, folding
 * CRLFs included; the final CRLF excluded) and indexed; the body is never
 * stored: the parser hands it back piece by piece as views of the input.
 * Lines end in CRLF as SMTP delivers them (RFC 5321 §2.3.8); a bare CR or
 * LF is ordinary data. A field continues on lines that start with WSP
 * (RFC 5322 §2.2.3); the section ends at the first empty line. A field
 * that does not fit, or that arrives after MAV_CFG_HEADER_FIELDS, is
 * "lost": its name is still known through a hash, so a DKIM signature can
 * tell that it needed it.
 *
 * Call sequence:
 *   1. mav_msg_init(&m);
 *   2. for each chunk: while (n) { used = mav_msg_feed(&m, p, n, &ev);
 *      p += used; n -= used; act on ev; } - each call stops after one
 *      event: MAV_MSG_EV_FIELD (field ev.field is complete),
 *      MAV_MSG_EV_HEADER_END, MAV_MSG_EV_BODY (ev.body, ev.body_len:
 *      body bytes, a view of the input) or MAV_MSG_EV_NONE (all used);
 *   3. mav_msg_end(&m, &ev) at the end of the message: delivers the last
 *      field and the header end if the message had no body;
 *   4. mav_msg_field_*() read fields; mav_msg_from_parse() the From value.
 * The context holds no pointers: a struct copy snapshots it.
 */
#ifndef MAV_MSG_H
#define MAV_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "mav_config.h"
#include "mav_cur.h"
#include "mav_err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One indexed header field. Fields may be read. */
typedef struct {
    uint32_t off;       /* first byte in the buffer */
    uint32_t len;       /* bytes kept (the whole field when not lost) */
    uint32_t name_hash; /* FNV-1a of the lowercased name */
    uint16_t name_len;  /* name bytes, trailing WSP before ':' excluded */
    uint8_t lost;       /* 1: did not fit; only name_hash is known */
    uint8_t colon;      /* 1: the field has a colon (else malformed) */
} mav_msg_field;

typedef enum {
    MAV_MSG_EV_NONE = 0,
    MAV_MSG_EV_FIELD,
    MAV_MSG_EV_HEADER_END,
    MAV_MSG_EV_BODY
} mav_msg_event_type;

typedef struct {
    mav_msg_event_type type;
    unsigned field;        /* MAV_MSG_EV_FIELD: index of the field */
    const uint8_t *body;   /* MAV_MSG_EV_BODY: a view of the input */
    size_t body_len;
} mav_msg_event;

/* The parser; fields are private, the size may change. */
typedef struct {
    uint8_t state;       /* ST_* in msg_header.c */
    uint8_t in_field;    /* a field is open */
    uint8_t in_name;     /* still reading its name */
    uint8_t name_wsp;    /* WSP seen after name bytes */
    uint8_t ended;       /* mav_msg_end was called */
    uint8_t fields_lost; /* a field arrived past MAV_CFG_HEADER_FIELDS */
    uint8_t bytes_lost;  /* a field did not fit in buf */
    uint32_t used;       /* bytes of buf in use */
    uint32_t nfields;
    uint32_t hash;       /* running name hash of the open field */
    uint16_t name_len;   /* running name length, WSP runs counted */
    uint16_t name_len_trim; /* name length without trailing WSP */
    uint64_t header_bytes; /* bytes of the header section, seen */
    uint64_t body_bytes;   /* bytes of body handed back */
    mav_msg_field fields[MAV_CFG_HEADER_FIELDS];
    uint8_t buf[MAV_CFG_HEADER_BYTES];
} mav_msg_ctx;

/** \brief Start a message. */
void mav_msg_init(mav_msg_ctx *m);

/**
 * \brief  Push message bytes; stops after the first event.
 * \param  ev  (out) what happened; MAV_MSG_EV_NONE when the whole input
 *             was used without an event.
 * \return bytes of p used (all of them, or up to and including the event;
 *         0 only when n is 0 or the message has ended).
 */
size_t mav_msg_feed(mav_msg_ctx *m, const uint8_t *p, size_t n,
                    mav_msg_event *ev);

/**
 * \brief  The message has ended. Call until it gives MAV_MSG_EV_NONE: it
 *         delivers a field still open, then MAV_MSG_EV_HEADER_END when
 *         the message had no empty line (no body).
 */
void mav_msg_end(mav_msg_ctx *m, mav_msg_event *ev);

/** \brief Number of fields indexed. */
unsigned mav_msg_field_count(const mav_msg_ctx *m);

/**
 * \brief  Field i: its raw bytes (not for a lost field: *len is what
 *         was kept), and whether its name is name (case-insensitive).
 */
const uint8_t *mav_msg_field_bytes(const mav_msg_ctx *m, unsigned i,
                                   size_t *len);
int mav_msg_field_is(const mav_msg_ctx *m, unsigned i, const char *name,
                     size_t name_len);

/**
 * \brief  The value of field i: the bytes after the colon (leading WSP
 *         kept). \return MAV_OK; MAV_ERR_FORMAT (no colon);
 *         MAV_ERR_LIMIT (the field is lost).
 */
int mav_msg_field_value(const mav_msg_ctx *m, unsigned i,
                        const uint8_t **value, size_t *len);

/**
 * \brief  The hash mav_msg_field.name_hash uses, over a name given by
 *         the caller (case-insensitive).
 */
uint32_t mav_msg_name_hash(const uint8_t *name, size_t len);

/* ---- the From field (msg_from.c) ---------------------------------- */

/* One mailbox address: views of the field value. */
typedef struct {
    uint32_t addr_off, addr_len;     /* the addr-spec, as written */
    uint32_t domain_off, domain_len; /* the domain after the last '@' */
} mav_msg_addr;

/**
 * \brief  Parse a From value (RFC 5322 §3.6.2 from = mailbox-list; also
 *         groups of §3.4, which RFC 6854 allows): display names, quoted
 *         strings, comments (nested), angle addresses, bare addr-specs,
 *         folding. Obsolete route syntax is accepted and skipped.
 * \param  out, max  (out) the addresses found; at most max kept.
 * \param  n   (out) addresses found (may exceed max: then MAV_ERR_SPACE).
 * \param  err (out, may be NULL) where a syntax error is.
 * \return MAV_OK; MAV_ERR_FORMAT (not a mailbox list, or no address);
 *         MAV_ERR_SPACE; MAV_ERR_ARG.
 */
int mav_msg_from_parse(const uint8_t *value, size_t len, mav_msg_addr *out,
                       unsigned max, unsigned *n, mav_perr *err);

#ifdef __cplusplus
}
#endif

#endif /* MAV_MSG_H */
