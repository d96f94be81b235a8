/* SPDX-License-Identifier: MIT */
/*
 * dkim_canon.c - DKIM canonicalization (RFC 6376 §3.4). The body
 * canonicalizers are streaming state machines: whatever may still turn
 * out to be trailing (line ends that could be empty lines at the end,
 * §3.4.3; a WSP run that could end its line, §3.4.4) is held back as a
 * count or a flag, never as bytes, so memory is constant and any split of
 * the body gives the same output. Everything else goes to the sink: long
 * runs straight from the input, short pieces gathered in a 512-byte stack
 * buffer first (a hash costs per call). The header canonicalizers (§3.4.1,
 * §3.4.2) work on one buffered field and can leave out a byte range: the
 * b= value of the signature being verified (§3.7).
 */
#include <string.h>

#include "mav_dkim.h"

static const uint8_t crlf_block[32] = "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n"
                                      "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n";

/* see mav_dkim.h */
void mav_dkim_body_canon_init(mav_dkim_body_canon *c, int relaxed)
{
    memset(c, 0, sizeof *c);
    c->relaxed = (uint8_t)(relaxed != 0);
}

/*
 * Output of one feed call, gathered so that the sink (a hash, with a
 * fixed cost per call) gets few large pieces rather than one per word:
 * short pieces are copied together, long runs go straight through.
 */
typedef struct {
    uint8_t buf[512];
    size_t n;
    mav_dkim_sink sink;
    void *arg;
} gather;

static void gather_flush(gather *g)
{
    if (g->n)
        g->sink(g->arg, g->buf, g->n);
    g->n = 0;
}

static void gather_put(gather *g, const uint8_t *p, size_t n)
{
    if (n > sizeof g->buf / 2) {
        gather_flush(g);
        g->sink(g->arg, p, n);
        return;
    }
    if (g->n + n > sizeof g->buf)
        gather_flush(g);
    memcpy(g->buf + g->n, p, n);
    g->n += n;
}

/* Emit content bytes: first the line ends and the WSP held before them. */
static void emit(mav_dkim_body_canon *c, gather *g, const uint8_t *p,
                 size_t n)
{
    if (n == 0)
        return;
    while (c->crlfs) {
        size_t k = c->crlfs > 16 ? 16 : (size_t)c->crlfs;
        gather_put(g, crlf_block, 2 * k);
        c->out += 2 * k;
        c->crlfs -= k;
    }
    if (c->wsp) {
        /* §3.4.4 b: a WSP run inside a line becomes one SP */
        gather_put(g, (const uint8_t *)" ", 1);
        c->out++;
        c->wsp = 0;
    }
    gather_put(g, p, n);
    c->out += n;
    c->content = 1;
}

/* see mav_dkim.h */
void mav_dkim_body_canon_feed(mav_dkim_body_canon *c, const uint8_t *p,
                              size_t n, mav_dkim_sink sink, void *arg)
{
    size_t i, run = 0; /* p[run..i) is content not yet emitted */
    gather g;

    g.n = 0;
    g.sink = sink;
    g.arg = arg;
    for (i = 0; i < n; i++) {
        uint8_t ch = p[i];

        if (c->cr) {
            c->cr = 0;
            if (ch == '\n') {
                /* a line end: held, it may be trailing (§3.4.3);
                 * §3.4.4 a: WSP before it is dropped */
                c->wsp = 0;
                c->crlfs++;
                run = i + 1;
                continue;
            }
            emit(c, &g, (const uint8_t *)"\r", 1); /* a bare CR */
        }
        if (ch == '\r') {
            emit(c, &g, p + run, i - run);
            c->cr = 1;
            run = i + 1;
        } else if (c->relaxed && (ch == ' ' || ch == '\t')) {
            emit(c, &g, p + run, i - run);
            c->wsp = 1;
            run = i + 1;
        }
    }
    emit(c, &g, p + run, n - run);
    gather_flush(&g);
}

/* see mav_dkim.h */
void mav_dkim_body_canon_end(mav_dkim_body_canon *c, mav_dkim_sink sink,
                             void *arg)
{
    gather g;

    g.n = 0;
    g.sink = sink;
    g.arg = arg;
    if (c->cr) {
        c->cr = 0;
        emit(c, &g, (const uint8_t *)"\r", 1);
    }
    if (c->wsp) {
        /* WSP on a last line without CRLF: kept as one SP, as dkimpy
         * does (SMTP bodies always end in CRLF, so this is moot) */
        c->wsp = 0;
        emit(c, &g, (const uint8_t *)" ", 1);
    }
    /* held line ends are trailing empty lines: dropped. §3.4.3: the
     * simple body ends in exactly one CRLF, an empty one is CRLF;
     * §3.4.4: a relaxed empty body stays empty */
    c->crlfs = 0;
    if (c->content || !c->relaxed) {
        gather_put(&g, crlf_block, 2);
        c->out += 2;
    }
    gather_flush(&g);
}

/* One byte to the gathered output (the relaxed header rules). */
static void put(gather *g, uint8_t c)
{
    if (g->n == sizeof g->buf)
        gather_flush(g);
    g->buf[g->n++] = c;
}

/* see mav_dkim.h */
void mav_dkim_header_canon(int relaxed, const uint8_t *field, size_t len,
                           size_t skip_off, size_t skip_end, int crlf,
                           mav_dkim_sink sink, void *arg)
{
    gather o;
    size_t i, name_end, colon;
    int started = 0, wsp = 0;

    if (skip_end < skip_off || skip_end > len)
        skip_off = skip_end = 0;
    if (!relaxed) {
        /* §3.4.1: the field exactly as it is */
        sink(arg, field, skip_off);
        sink(arg, field + skip_end, len - skip_end);
        if (crlf)
            sink(arg, crlf_block, 2);
        return;
    }
    o.n = 0;
    o.sink = sink;
    o.arg = arg;
    /* §3.4.2: name lowercased, WSP before the colon deleted */
    for (colon = 0; colon < len && field[colon] != ':'; colon++)
        ;
    name_end = colon;
    while (name_end > 0 &&
           (field[name_end - 1] == ' ' || field[name_end - 1] == '\t' ||
            field[name_end - 1] == '\r' || field[name_end - 1] == '\n'))
        name_end--;
    for (i = 0; i < name_end; i++) {
        uint8_t c = field[i];
        put(&o, (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c);
    }
    if (colon < len) {
        put(&o, ':');
        /* the value unfolded, WSP runs to one SP, WSP at its start and
         * end deleted */
        for (i = colon + 1; i < len; i++) {
            uint8_t c = field[i];
            if (i >= skip_off && i < skip_end)
                continue;
            if (c == '\r' && i + 1 < len && field[i + 1] == '\n' &&
                !(i + 1 >= skip_off && i + 1 < skip_end)) {
                i++; /* unfold: the CRLF goes, the WSP after it stays */
                continue;
            }
            if (c == ' ' || c == '\t') {
                wsp = started;
                continue;
            }
            if (wsp)
                put(&o, ' ');
            wsp = 0;
            started = 1;
            put(&o, c);
        }
    }
    if (crlf) {
        put(&o, '\r');
        put(&o, '\n');
    }
    gather_flush(&o);
}
