/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dkim_header.c - libFuzzer target for message intake
 * (core/msg_header.c, core/msg_from.c): the input is a message, fed
 * whole and in chunks whose sizes come from its first byte; both runs
 * must index the same fields and hand back the same body length, every
 * field must lie inside the buffer, and every From value is parsed with
 * its addresses checked to lie inside the value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mav_msg_ctx a, b;

static uint64_t run(mav_msg_ctx *m, const uint8_t *p, size_t n, size_t step)
{
    mav_msg_event ev;
    uint64_t body = 0;
    size_t off = 0;

    mav_msg_init(m);
    while (off < n) {
        size_t c = step ? (step < n - off ? step : n - off) : n - off;
        size_t u = mav_msg_feed(m, p + off, c, &ev);
        off += u;
        if (ev.type == MAV_MSG_EV_BODY)
            body += ev.body_len;
        if (u == 0 && ev.type == MAV_MSG_EV_NONE)
            abort();
    }
    do
        mav_msg_end(m, &ev);
    while (ev.type == MAV_MSG_EV_FIELD);
    return body;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t body_a, body_b;
    unsigned i;
    size_t step = size ? (size_t)(data[0] % 17) + 1 : 1;

    body_a = run(&a, data, size, 0);
    body_b = run(&b, data, size, step);
    if (body_a != body_b || a.nfields != b.nfields || a.used != b.used ||
        memcmp(a.buf, b.buf, a.used) != 0)
        abort();
    for (i = 0; i < a.nfields; i++) {
        const uint8_t *v;
        size_t vl;
        mav_msg_addr addr[8];
        unsigned n, k;

        if (a.fields[i].off + a.fields[i].len > a.used && !a.fields[i].lost)
            abort();
        if (!mav_msg_field_is(&a, i, "from", 4) ||
            mav_msg_field_value(&a, i, &v, &vl) != MAV_OK)
            continue;
        if (mav_msg_from_parse(v, vl, addr, 8, &n, NULL) != MAV_OK)
            continue;
        for (k = 0; k < n && k < 8; k++)
            if (addr[k].addr_off + addr[k].addr_len > vl ||
                addr[k].domain_off + addr[k].domain_len > vl ||
                addr[k].domain_len == 0)
                abort();
    }
    return 0;
}
