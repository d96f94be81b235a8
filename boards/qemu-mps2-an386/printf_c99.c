/* SPDX-License-Identifier: MIT */
/*
 * printf_c99.c - C99's size modifiers for newlib's printf family in the
 * test runner. Debian's arm-none-eabi newlib is built without
 * --enable-newlib-io-c99-formats, so "%zu" prints "zu" and the argument
 * is never read. The linker sends the test code's calls here (--wrap,
 * board.mk), which rewrite the format and pass it on: on this 32-bit
 * target size_t and ptrdiff_t are as wide as long ('z', 't' -> 'l') and
 * intmax_t as long long ('j' -> "ll"), so the arguments stay as they
 * were passed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* C99 has no static assertion: an array of size -1 fails the build. */
typedef char size_t_is_as_wide_as_long[sizeof(size_t) == sizeof(long) ? 1 : -1];

int __real_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);
int __real_vfprintf(FILE *f, const char *fmt, va_list ap);
int __wrap_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);
int __wrap_vfprintf(FILE *f, const char *fmt, va_list ap);
int __wrap_snprintf(char *buf, size_t cap, const char *fmt, ...);
int __wrap_fprintf(FILE *f, const char *fmt, ...);
int __wrap_printf(const char *fmt, ...);

/* The format with every 'z', 't' and 'j' inside a conversion rewritten,
 * in out; fmt itself if it does not fit. */
static const char *newlib_format(const char *fmt, char *out, size_t cap)
{
    size_t o = 0;
    int in_spec = 0;
    const char *p;

    for (p = fmt; *p; p++) {
        char c = *p;
        if (o + 3 >= cap)
            return fmt;
        if (!in_spec) {
            in_spec = c == '%';
        } else if (c == '%' && p[-1] == '%') {
            in_spec = 0; /* "%%" */
        } else if (c == 'z' || c == 't') {
            c = 'l';
        } else if (c == 'j') {
            out[o++] = 'l';
            c = 'l';
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            /* a conversion letter ends the spec (h, l, L, q are
             * modifiers, but rewriting nothing after them is harmless) */
            in_spec = c == 'h' || c == 'l' || c == 'L' || c == 'q';
        }
        out[o++] = c;
    }
    out[o] = 0;
    return out;
}

int __wrap_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
    char f[512];

    return __real_vsnprintf(buf, cap, newlib_format(fmt, f, sizeof f), ap);
}

int __wrap_vfprintf(FILE *stream, const char *fmt, va_list ap)
{
    char f[512];

    return __real_vfprintf(stream, newlib_format(fmt, f, sizeof f), ap);
}

int __wrap_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = __wrap_vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    return n;
}

int __wrap_fprintf(FILE *stream, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = __wrap_vfprintf(stream, fmt, ap);
    va_end(ap);
    return n;
}

int __wrap_printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = __wrap_vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}
