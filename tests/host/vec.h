/* SPDX-License-Identifier: MIT */
/*
 * vec.h - loader for the text vector files in tests/host/vectors
 * (STYLE.md C14): '#' comments, a "[kind]" line opens a case, then
 * "key = value" lines; a blank line ends the case. Values are kept as
 * text: hex, "quoted text" (quotes stripped, \n \r \t \\ \" \xHH escapes)
 * or a path. Static storage only, one case at a time.
 */
#ifndef MAV_TEST_VEC_H
#define MAV_TEST_VEC_H

#include <stddef.h>
#include <stdint.h>

#define VEC_MAX_FIELDS 24
#define VEC_MAX_TEXT (1u << 20) /* bytes of all values of one case */

typedef struct {
    char kind[32];
    const char *file;
    int line; /* line of the [kind] header */
    int nfields;
    const char *key[VEC_MAX_FIELDS];
    const char *val[VEC_MAX_FIELDS];
    size_t val_len[VEC_MAX_FIELDS]; /* quoted text may hold NULs */
} vec_case;

/* Call fn for every case in the file (path relative to tests/host/);
 * returns the number of cases, or -1 when the file cannot be read or is
 * malformed (reported on stderr and counted as a failed check). */
int vec_each(const char *rel, void (*fn)(const vec_case *c, void *arg),
             void *arg);

/* The value of key, or NULL; vec_len gives its length. */
const char *vec_get(const vec_case *c, const char *key);
size_t vec_len(const vec_case *c, const char *key);

/* Hex value of key into out; returns its length or -1 (missing/bad). */
long vec_hex(const vec_case *c, const char *key, uint8_t *out, size_t cap);

#endif /* MAV_TEST_VEC_H */
