/* SPDX-License-Identifier: MIT */
/*
 * test.h - the host test runner's checks (STYLE.md C13).
 *
 * A suite is a void function registered in run.c. Each CHECK counts as
 * one passed or failed check; a failure prints file:line, a label and,
 * for byte strings, both values in hex. Test code never calls malloc:
 * the runner is linked with malloc wrapped to abort (zero-malloc proof).
 */
#ifndef MAV_TEST_H
#define MAV_TEST_H

#include <stddef.h>
#include <stdint.h>

#include "suites.h"

extern unsigned long test_passed, test_failed;

void test_fail_at(const char *file, int line, const char *what);
void test_fail_int(const char *file, int line, const char *what, long long got,
                   long long want);
void test_fail_mem(const char *file, int line, const char *what,
                   const void *got, size_t got_len, const void *want,
                   size_t want_len);

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (cond)                                                          \
            test_passed++;                                                 \
        else                                                               \
            test_fail_at(__FILE__, __LINE__, #cond);                       \
    } while (0)

/* CHECK with a label of the caller's (e.g. a vector's name). */
#define CHECK_L(label, cond)                                               \
    do {                                                                   \
        if (cond)                                                          \
            test_passed++;                                                 \
        else                                                               \
            test_fail_at(__FILE__, __LINE__, label);                       \
    } while (0)

#define CHECK_INT(label, got, want)                                        \
    do {                                                                   \
        long long g_ = (long long)(got), w_ = (long long)(want);           \
        if (g_ == w_)                                                      \
            test_passed++;                                                 \
        else                                                               \
            test_fail_int(__FILE__, __LINE__, label, g_, w_);              \
    } while (0)

#define CHECK_MEM(label, got, got_len, want, want_len)                     \
    do {                                                                   \
        size_t gl_ = (got_len), wl_ = (want_len);                          \
        if (gl_ == wl_ && (gl_ == 0 || memcmp(got, want, gl_) == 0))       \
            test_passed++;                                                 \
        else                                                               \
            test_fail_mem(__FILE__, __LINE__, label, got, gl_, want, wl_); \
    } while (0)

/* Path of a file under tests/host/ (the runner is given that folder). */
const char *test_path(const char *rel);

/* Directory for files a test writes (keys, signatures); made by run.c. */
const char *test_tmpdir(void);

/*
 * Run a shell command (an independent tool such as openssl); returns its
 * exit status. Output that the command writes goes where it says.
 */
int test_sh(const char *fmt, ...);

/* Read a whole file into buf; returns bytes read or -1 if it is larger. */
long test_read_file(const char *path, uint8_t *buf, size_t cap);

/* Hex to bytes; returns the length or -1 on a bad digit or overflow. */
long test_unhex(const char *hex, uint8_t *out, size_t cap);

/* A domain name in text ("a.example.") in wire form, in one of four
 * rotating static buffers (so a call may hold up to four); the root
 * name when the text is not a name. */
const uint8_t *test_wire_name(const char *text);

#endif /* MAV_TEST_H */
