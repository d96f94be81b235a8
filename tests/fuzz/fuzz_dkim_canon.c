/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dkim_canon.c - libFuzzer target for DKIM canonicalization
 * (core/dkim_canon.c, RFC 6376 §3.4): the input is a body, canonicalized
 * simple and relaxed whole and cut at two offsets taken from its first
 * bytes; the outputs must be equal, the relaxed one free of WSP runs,
 * of WSP before a CRLF, and of trailing empty lines; and the input read
 * as one header field must canonicalize without reading outside it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_dkim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    uint8_t buf[1 << 16];
    size_t n;
} sinkbuf;

static sinkbuf whole, cut;

static void sink(void *arg, const uint8_t *p, size_t n)
{
    sinkbuf *s = arg;
    if (s->n + n <= sizeof s->buf)
        memcpy(s->buf + s->n, p, n);
    s->n += n;
}

static void canon(sinkbuf *s, int relaxed, const uint8_t *p, size_t n,
                  size_t a, size_t b)
{
    mav_dkim_body_canon c;

    s->n = 0;
    mav_dkim_body_canon_init(&c, relaxed);
    mav_dkim_body_canon_feed(&c, p, a, sink, s);
    mav_dkim_body_canon_feed(&c, p + a, b - a, sink, s);
    mav_dkim_body_canon_feed(&c, p + b, n - b, sink, s);
    mav_dkim_body_canon_end(&c, sink, s);
    if (c.out != s->n)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t a = size > 1 ? data[0] % (size + 1) : 0;
    size_t b = size > 2 ? a + data[1] % (size - a + 1) : a;
    int relaxed;
    size_t i;

    if (size > sizeof whole.buf / 2)
        return 0;
    for (relaxed = 0; relaxed < 2; relaxed++) {
        canon(&whole, relaxed, data, size, 0, 0);
        canon(&cut, relaxed, data, size, a, b);
        if (whole.n != cut.n || memcmp(whole.buf, cut.buf, whole.n) != 0)
            abort();
        if (whole.n >= 4 && memcmp(whole.buf + whole.n - 4, "\r\n\r\n", 4)
                                == 0)
            abort(); /* §3.4.3/§3.4.4: no trailing empty lines */
        if (!relaxed)
            continue;
        for (i = 0; i + 1 < whole.n; i++) {
            uint8_t c = whole.buf[i], d = whole.buf[i + 1];
            if ((c == ' ' || c == '\t') && (d == ' ' || d == '\t'))
                abort();
            if (c == '\t' || ((c == ' ') && d == '\r' && i + 2 < whole.n &&
                              whole.buf[i + 2] == '\n'))
                abort();
        }
    }
    whole.n = 0;
    mav_dkim_header_canon(1, data, size, a, b, 1, sink, &whole);
    whole.n = 0;
    mav_dkim_header_canon(0, data, size, a, b, 1, sink, &whole);
    return 0;
}
