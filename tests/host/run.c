/* SPDX-License-Identifier: MIT */
/*
 * run.c - mav's host test runner (STYLE.md C13).
 *
 * "run" runs every suite, "run NAME..." the named ones, "run -l" lists
 * them. The working directory must be the repository's top (make test
 * does that); files a test writes go to $MAV_TEST_TMP or build/tmp.
 * The last line is "N passed, M failed"; the exit status is 1 when any
 * check failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "mav_dns_wire.h"
#include "test.h"
#include "suites.h"

unsigned long test_passed, test_failed;

/* Every suite on the host; a target's build of this runner names its
 * own list (suites.h, MAV_TARGET_SUITES). */
#ifndef MAV_RUN_SUITES
#define MAV_RUN_SUITES MAV_TEST_SUITES
#endif

static const struct {
    const char *name;
    void (*fn)(void);
} suites[] = {
#define SUITE(name) {#name, suite_##name},
    MAV_RUN_SUITES
#undef SUITE
};

#define NSUITES (sizeof suites / sizeof suites[0])

static const char *current_suite = "";

static void hex(FILE *f, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;

    for (i = 0; i < n; i++)
        fprintf(f, "%s%02x", i && i % 32 == 0 ? "\n        " : "", b[i]);
    fputc('\n', f);
}

void test_fail_at(const char *file, int line, const char *what)
{
    test_failed++;
    fprintf(stderr, "FAIL [%s] %s:%d: %s\n", current_suite, file, line, what);
}

void test_fail_int(const char *file, int line, const char *what, long long got,
                   long long want)
{
    test_fail_at(file, line, what);
    fprintf(stderr, "  got  %lld (%#llx)\n  want %lld (%#llx)\n", got,
            (unsigned long long)got, want, (unsigned long long)want);
}

void test_fail_mem(const char *file, int line, const char *what,
                   const void *got, size_t got_len, const void *want,
                   size_t want_len)
{
    test_fail_at(file, line, what);
    fprintf(stderr, "  got  (%zu) ", got_len);
    hex(stderr, got, got_len);
    fprintf(stderr, "  want (%zu) ", want_len);
    hex(stderr, want, want_len);
}

const char *test_path(const char *rel)
{
    static char buf[4][1024];
    static unsigned slot;
    char *p = buf[slot++ % 4];

    snprintf(p, sizeof buf[0], "tests/host/%s", rel);
    return p;
}

const char *test_tmpdir(void)
{
    static char dir[512];

    if (!dir[0]) {
        const char *env = getenv("MAV_TEST_TMP");
        snprintf(dir, sizeof dir, "%s", env && *env ? env : "build/tmp");
        mkdir(dir, 0700);
    }
    return dir;
}

int test_sh(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    int n, st;

    va_start(ap, fmt);
    n = vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof cmd) {
        fprintf(stderr, "test_sh: command too long\n");
        return -1;
    }
    fflush(stdout);
    st = system(cmd);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

long test_read_file(const char *path, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    int extra;

    if (!f)
        return -1;
    n = fread(buf, 1, cap, f);
    extra = fgetc(f);
    fclose(f);
    return extra == EOF ? (long)n : -1;
}

const uint8_t *test_wire_name(const char *text)
{
    static uint8_t w[4][MAV_DNS_NAME_MAX];
    static unsigned i;
    uint8_t *p = w[i++ % 4];

    if (mav_dns_name_from_text(text, strlen(text), NULL, p, NULL) != MAV_OK)
        p[0] = 0;
    return p;
}

long test_unhex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;

    for (; *s; s++) {
        int v;
        if (*s >= '0' && *s <= '9')
            v = *s - '0';
        else if (*s >= 'a' && *s <= 'f')
            v = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'F')
            v = *s - 'A' + 10;
        else if (*s == ' ' || *s == ':')
            continue;
        else
            return -1;
        if (hi < 0) {
            hi = v;
            continue;
        }
        if (n == cap)
            return -1;
        out[n++] = (uint8_t)(hi << 4 | v);
        hi = -1;
    }
    return hi < 0 ? (long)n : -1;
}

static int run_suite(size_t i)
{
    unsigned long p0 = test_passed, f0 = test_failed;

    current_suite = suites[i].name;
    suites[i].fn();
    printf("%-14s %lu passed, %lu failed\n", suites[i].name,
           test_passed - p0, test_failed - f0);
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    size_t i;
    int a;

    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && strcmp(argv[1], "-l") == 0) {
        for (i = 0; i < NSUITES; i++)
            puts(suites[i].name);
        return 0;
    }
    if (argc == 1) {
        for (i = 0; i < NSUITES; i++)
            run_suite(i);
    }
    for (a = 1; a < argc; a++) {
        for (i = 0; i < NSUITES; i++)
            if (strcmp(argv[a], suites[i].name) == 0)
                break;
        if (i == NSUITES) {
            fprintf(stderr, "run: no suite named '%s' (run -l lists them)\n",
                    argv[a]);
            return 2;
        }
        run_suite(i);
    }
    printf("%lu passed, %lu failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}
