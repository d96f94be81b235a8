/* SPDX-License-Identifier: MIT */
/*
 * mav_cur.h - the bounds-checked read cursor and the parse error report
 * that every mav parser uses, wire or text (STYLE.md C10).
 *
 * A cursor is a view of caller memory: p[0..len) with a read offset.
 * Each getter either reads the whole item and advances, or returns
 * MAV_ERR_FORMAT and leaves the cursor where it was; it never reads
 * outside p[0..len). Use:
 *   1. mav_cur_init(&c, buf, len);
 *   2. mav_cur_u16be(&c, &v), mav_cur_ref(&c, n, &ptr)... and stop at the
 *      first error;
 *   3. on a fault, a parser fills a mav_perr (code, the byte offset that
 *      was wrong, a static description) with mav_perr_set().
 * A cursor holds no state but the offset: copying it saves a position.
 */
#ifndef MAV_CUR_H
#define MAV_CUR_H

#include <stddef.h>
#include <stdint.h>

#include "mav_err.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A read position in caller memory; fields may be read directly. */
typedef struct mav_cur {
    const uint8_t *p; /* first byte of the input */
    size_t len;       /* bytes of input */
    size_t off;       /* next byte to read, 0..len */
} mav_cur;

/* Where and why a parse failed (STYLE.md C10). */
typedef struct mav_perr {
    int code;         /* the MAV_ERR_* that the parser returned */
    uint32_t offset;  /* offset of the offending byte in the input */
    const char *what; /* static text: what was wrong */
} mav_perr;

/** \brief Start a cursor over p[0..len) at offset 0 (p may be NULL if
 *  len is 0). */
void mav_cur_init(mav_cur *c, const void *p, size_t len);

/** \brief Bytes left to read. */
size_t mav_cur_left(const mav_cur *c);

/**
 * \brief  Read one byte / a 16-bit / a 32-bit big-endian number.
 * \param  c  cursor (in/out): advanced only on success.
 * \param  v  (out) the value; untouched on failure.
 * \return MAV_OK; MAV_ERR_FORMAT when fewer bytes are left.
 */
int mav_cur_u8(mav_cur *c, uint8_t *v);
int mav_cur_u16be(mav_cur *c, uint16_t *v);
int mav_cur_u32be(mav_cur *c, uint32_t *v);

/**
 * \brief  Copy n bytes to out (out may be NULL when n is 0).
 * \return MAV_OK; MAV_ERR_FORMAT when fewer than n bytes are left.
 */
int mav_cur_bytes(mav_cur *c, void *out, size_t n);

/**
 * \brief  Borrow n bytes in place: *ptr points into the input.
 * \return MAV_OK; MAV_ERR_FORMAT when fewer than n bytes are left.
 */
int mav_cur_ref(mav_cur *c, size_t n, const uint8_t **ptr);

/** \brief Skip n bytes. \return MAV_OK; MAV_ERR_FORMAT past the end. */
int mav_cur_skip(mav_cur *c, size_t n);

/**
 * \brief  Fill an error report (e may be NULL) and pass the code on, so
 *         a parser can write "return mav_perr_set(e, MAV_ERR_FORMAT,
 *         off, "label too long");".
 * \return code.
 */
int mav_perr_set(mav_perr *e, int code, size_t offset, const char *what);

#ifdef __cplusplus
}
#endif

#endif /* MAV_CUR_H */
