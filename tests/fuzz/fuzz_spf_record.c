/* SPDX-License-Identifier: MIT */
/*
 * fuzz_spf_record.c - libFuzzer target for the SPF record grammar
 * (core/spf_record.c, RFC 7208 §4.5-§6): the input is a record text.
 * The whole-record check must refuse what the term walk refuses, every
 * term must lie inside the input, an error must point inside it, and
 * every domain-spec or macro-string accepted must expand (with both an
 * IPv4 and an IPv6 client) without a fault, or report that it does not
 * fit, into a small and a large buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mav_spf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void env_for(mav_spf_macro_env *e, int six)
{
    memset(e, 0, sizeof *e);
    e->sender = "a-b.c@x.example.com";
    e->sender_len = strlen(e->sender);
    e->local = "a-b.c";
    e->local_len = 5;
    e->sender_domain = e->domain = "x.example.com";
    e->sender_domain_len = e->domain_len = 13;
    e->helo = "h";
    e->helo_len = 1;
    e->ip_family = six ? 6 : 4;
    e->ip[0] = 0x20;
    e->ip[15] = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *rec = (const char *)data;
    mav_spf_record_info info;
    mav_spf_term t;
    mav_perr e = {0, 0, NULL};
    mav_spf_macro_env env[2];
    size_t pos = 0;
    unsigned terms = 0;
    int check, r;

    if (size > 4096)
        return 0;
    env_for(&env[0], 0);
    env_for(&env[1], 1);
    check = mav_spf_record_check(rec, size, &info, &e);
    if (check != MAV_OK && (check != MAV_ERR_FORMAT || e.offset > size))
        abort();
    while ((r = mav_spf_term_next(rec, size, &pos, &t, NULL)) == 1) {
        char out[1024], tiny[8];
        size_t n;
        unsigned k;
        terms++;
        if ((size_t)t.off + t.len > size || pos > size ||
            (t.has_arg && (size_t)t.arg_off + t.arg_len > size))
            abort();
        if (check == MAV_OK) {
            /* read again unchecked, as the evaluator does: the same */
            mav_spf_term again;
            if (mav_spf_term_at(rec, size, t.off, &again) != 1 ||
                memcmp(&again, &t, sizeof t) != 0)
                abort();
        }
        if (check == MAV_OK && t.has_arg && t.kind != MAV_SPF_T_IP4 &&
            t.kind != MAV_SPF_T_IP6) {
            /* a checked macro-string expands the same when the expander
             * is told so (MAV_SPF_MACRO_CHECKED) */
            char o1[600], o2[600];
            size_t n1, n2;
            int a = mav_spf_macro_expand(&env[0], rec + t.arg_off, t.arg_len,
                                         MAV_SPF_MACRO_DOMAIN, o1, sizeof o1,
                                         &n1, NULL);
            int b = mav_spf_macro_expand(&env[0], rec + t.arg_off, t.arg_len,
                                         MAV_SPF_MACRO_DOMAIN |
                                             MAV_SPF_MACRO_CHECKED,
                                         o2, sizeof o2, &n2, NULL);
            if (a != b || (a == MAV_OK && (n1 != n2 || memcmp(o1, o2, n1))))
                abort();
        }
        if (!t.has_arg || t.kind == MAV_SPF_T_IP4 ||
            t.kind == MAV_SPF_T_IP6)
            continue;
        for (k = 0; k < 2; k++) {
            int a = mav_spf_macro_expand(&env[k], rec + t.arg_off,
                                         t.arg_len, MAV_SPF_MACRO_DOMAIN,
                                         out, sizeof out, &n, NULL);
            int b = mav_spf_macro_expand(&env[k], rec + t.arg_off,
                                         t.arg_len, 0, tiny, sizeof tiny,
                                         &n, NULL);
            /* the parser accepted it: it must expand, or not fit */
            if ((a != MAV_OK && a != MAV_ERR_SPACE) ||
                (b != MAV_OK && b != MAV_ERR_SPACE))
                abort();
            if (b == MAV_OK && n > sizeof tiny)
                abort();
        }
    }
    /* a bad term makes a bad record; a record can also fail on its own
     * (a second redirect or exp, §6) while every term is good */
    if (r < 0 && check == MAV_OK)
        abort();
    if (check == MAV_OK && terms != info.terms)
        abort();
    return 0;
}
