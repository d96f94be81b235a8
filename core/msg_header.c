/* SPDX-License-Identifier: MIT */
/*
 * msg_header.c - the RFC 5322 push parser of mav_msg.h: a byte-at-a-time
 * state machine over the header section (RFC 5322 §2.2: fields of
 * name ":" value, continued on lines that begin with WSP, §2.2.3; the
 * section ends at the first empty line, §2.1), then a pass-through of the
 * body. A line ending (CRLF) is held back until the next byte says
 * whether the field goes on (WSP) or ends, so a field is complete only
 * when the next line has begun; any split of the input gives the same
 * fields and the same body bytes. Nothing recurses, every index is
 * bounded by the buffer or the field table.
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_msg.h"

enum {
    ST_LINE_START = 0, /* at the start of a header line */
    ST_LINE,           /* inside a header line */
    ST_CR,             /* a CR inside a header line */
    ST_BLANK_CR,       /* a CR at the start of a line: the end? */
    ST_BODY,           /* in the body */
    ST_DONE            /* mav_msg_end delivered everything */
};

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

/* see mav_msg.h */
uint32_t mav_msg_name_hash(const uint8_t *name, size_t len)
{
    uint32_t h = FNV_OFFSET;
    size_t i;

    for (i = 0; i < len; i++)
        h = (h ^ mav_lower(name[i])) * FNV_PRIME;
    return h;
}

/* see mav_msg.h */
void mav_msg_init(mav_msg_ctx *m)
{
    /* the big arrays need no clearing: only entries below nfields and
     * bytes below used are ever read */
    size_t head = offsetof(mav_msg_ctx, fields);
    memset(m, 0, head);
    m->state = ST_LINE_START;
}

/* Open a field at the current buffer position. */
static void field_open(mav_msg_ctx *m)
{
    m->in_field = 1;
    m->in_name = 1;
    m->name_wsp = 0;
    m->hash = FNV_OFFSET;
    m->name_len = 0;
    m->name_len_trim = 0;
    if (m->nfields >= MAV_CFG_HEADER_FIELDS) {
        m->fields_lost = 1;
        return;
    }
    m->fields[m->nfields].off = m->used;
    m->fields[m->nfields].len = 0;
    m->fields[m->nfields].lost = 0;
    m->fields[m->nfields].colon = 0;
    m->fields[m->nfields].name_len = 0;
}

/* Close the open field; returns 1 and its index when it is indexed. */
static int field_close(mav_msg_ctx *m, unsigned *index)
{
    mav_msg_field *f;

    m->in_field = 0;
    if (m->nfields >= MAV_CFG_HEADER_FIELDS)
        return 0;
    f = &m->fields[m->nfields];
    if (m->in_name) /* no colon: the whole line is the "name" */
        f->name_len = m->name_len_trim;
    f->name_hash = m->hash;
    *index = m->nfields++;
    return 1;
}

/* One byte of the open field: keep it, and track the name. */
static void field_byte(mav_msg_ctx *m, uint8_t c)
{
    mav_msg_field *f;

    if (m->in_name) {
        if (c == ':') {
            m->in_name = 0;
            if (m->nfields < MAV_CFG_HEADER_FIELDS) {
                m->fields[m->nfields].colon = 1;
                m->fields[m->nfields].name_len = m->name_len_trim;
            }
        } else if (mav_is_wsp(c) || c == '\r' || c == '\n') {
            m->name_wsp = 1; /* RFC 5322 §4.5.2: WSP before the colon */
            if (m->name_len < 0xffff)
                m->name_len++;
        } else {
            if (m->name_wsp) /* WSP inside a (malformed) name */
                m->hash = (m->hash ^ ' ') * FNV_PRIME;
            m->name_wsp = 0;
            m->hash = (m->hash ^ mav_lower(c)) * FNV_PRIME;
            if (m->name_len < 0xffff)
                m->name_len++;
            m->name_len_trim = m->name_len;
        }
    }
    if (m->nfields >= MAV_CFG_HEADER_FIELDS)
        return;
    f = &m->fields[m->nfields];
    if (f->lost)
        return;
    if (m->used >= MAV_CFG_HEADER_BYTES) {
        /* give the partial field's bytes back: later, smaller fields
         * may still fit */
        f->lost = 1;
        m->bytes_lost = 1;
        m->used = f->off;
        f->len = 0;
        return;
    }
    m->buf[m->used++] = c;
    f->len++;
}

/* see mav_msg.h */
size_t mav_msg_feed(mav_msg_ctx *m, const uint8_t *p, size_t n,
                    mav_msg_event *ev)
{
    size_t i = 0;

    ev->type = MAV_MSG_EV_NONE;
    if (m->state == ST_DONE || m->ended)
        return 0;
    while (i < n) {
        uint8_t c = p[i];

        switch (m->state) {
        case ST_BODY:
            ev->type = MAV_MSG_EV_BODY;
            ev->body = p + i;
            ev->body_len = n - i;
            m->body_bytes += n - i;
            return n;
        case ST_LINE_START:
            if (c == '\r') {
                m->state = ST_BLANK_CR;
                m->header_bytes++;
                i++;
                break;
            }
            if (m->in_field && mav_is_wsp(c)) {
                /* RFC 5322 §2.2.3: a folded line continues the field */
                field_byte(m, '\r');
                field_byte(m, '\n');
                field_byte(m, c);
                m->state = ST_LINE;
                m->header_bytes++;
                i++;
                break;
            }
            if (m->in_field) {
                /* the next field begins: the open one is complete */
                if (field_close(m, &ev->field)) {
                    ev->type = MAV_MSG_EV_FIELD;
                    return i;
                }
            }
            field_open(m);
            field_byte(m, c);
            m->state = ST_LINE;
            m->header_bytes++;
            i++;
            break;
        case ST_BLANK_CR:
            if (m->in_field) {
                /* an empty line or a line starting with a bare CR: either
                 * way the open field is complete */
                if (field_close(m, &ev->field)) {
                    ev->type = MAV_MSG_EV_FIELD;
                    return i;
                }
            }
            if (c == '\n') {
                /* RFC 5322 §2.1: the empty line ends the header section */
                m->state = ST_BODY;
                m->header_bytes++;
                ev->type = MAV_MSG_EV_HEADER_END;
                return i + 1;
            }
            /* a bare CR starts a (malformed) line: keep it as data */
            field_open(m);
            field_byte(m, '\r');
            m->state = ST_LINE;
            break; /* c is processed in ST_LINE */
        case ST_LINE:
            if (c == '\r')
                m->state = ST_CR;
            else
                field_byte(m, c);
            m->header_bytes++;
            i++;
            break;
        case ST_CR:
            if (c == '\n') {
                m->state = ST_LINE_START;
                m->header_bytes++;
                i++;
            } else {
                field_byte(m, '\r'); /* a bare CR is data */
                m->state = ST_LINE;
            }
            break;
        default:
            return i;
        }
    }
    return i;
}

/* see mav_msg.h */
void mav_msg_end(mav_msg_ctx *m, mav_msg_event *ev)
{
    ev->type = MAV_MSG_EV_NONE;
    m->ended = 1;
    if (m->state == ST_BODY || m->state == ST_DONE) {
        m->state = ST_DONE;
        return;
    }
    if (m->state == ST_CR || m->state == ST_BLANK_CR) {
        /* a CR as the last byte of the message: data of the last line */
        if (!m->in_field)
            field_open(m);
        field_byte(m, '\r');
        m->state = ST_LINE;
    }
    if (m->in_field) {
        if (field_close(m, &ev->field)) {
            ev->type = MAV_MSG_EV_FIELD;
            return;
        }
    }
    m->state = ST_DONE;
    ev->type = MAV_MSG_EV_HEADER_END;
}

/* see mav_msg.h */
unsigned mav_msg_field_count(const mav_msg_ctx *m)
{
    return m->nfields;
}

/* see mav_msg.h */
const uint8_t *mav_msg_field_bytes(const mav_msg_ctx *m, unsigned i,
                                   size_t *len)
{
    if (i >= m->nfields) {
        *len = 0;
        return NULL;
    }
    *len = m->fields[i].len;
    return m->buf + m->fields[i].off;
}

/* see mav_msg.h */
int mav_msg_field_is(const mav_msg_ctx *m, unsigned i, const char *name,
                     size_t name_len)
{
    const mav_msg_field *f;

    if (i >= m->nfields)
        return 0;
    f = &m->fields[i];
    if (f->name_hash != mav_msg_name_hash((const uint8_t *)name, name_len))
        return 0;
    if (f->lost)
        return 1; /* the hash is all that is left of it */
    if (f->name_len != name_len)
        return 0;
    return mav_eq_nocase(m->buf + f->off, (const uint8_t *)name, name_len);
}

/* see mav_msg.h */
int mav_msg_field_value(const mav_msg_ctx *m, unsigned i,
                        const uint8_t **value, size_t *len)
{
    const mav_msg_field *f;
    const uint8_t *colon;

    if (i >= m->nfields)
        return MAV_ERR_ARG;
    f = &m->fields[i];
    if (f->lost)
        return MAV_ERR_LIMIT;
    if (!f->colon)
        return MAV_ERR_FORMAT;
    colon = memchr(m->buf + f->off, ':', f->len);
    if (!colon)
        return MAV_ERR_FORMAT;
    *value = colon + 1;
    *len = f->len - (size_t)(colon + 1 - (m->buf + f->off));
    return MAV_OK;
}
