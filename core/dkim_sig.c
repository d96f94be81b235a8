/* SPDX-License-Identifier: MIT */
/*
 * dkim_sig.c - the DKIM-Signature header field (RFC 6376 §3.5): its tags
 * read and checked as §6.1.1 asks before any key is fetched - required
 * tags v a b bh d h s, v=1, a known a=, c= names, From among h= (§5.4),
 * the i= domain equal to or below d=, q=dns/txt (§3.5), x= after t= -
 * and RFC 8301 §3.1: rsa-sha1 is refused. Unknown tags are ignored
 * (§3.2). The key's DNS name s._domainkey.d (§3.6.2.1) is built here.
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_dkim.h"
#include "mav_dns_wire.h"

/* A decimal of 1..digits_max digits; saturates at limit. */
static int decimal(const uint8_t *s, size_t n, size_t digits_max,
                   uint64_t limit, uint64_t *v)
{
    size_t k;
    uint64_t x = 0;

    if (n == 0 || n > digits_max)
        return MAV_ERR_FORMAT;
    for (k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return MAV_ERR_FORMAT;
        if (x > (limit - 9) / 10)
            x = limit;
        else
            x = x * 10 + (uint64_t)(s[k] - '0');
    }
    *v = x > limit ? limit : x;
    return MAV_OK;
}

/* Copy a tag value as NUL-terminated text (truncated to fit). */
static void text_copy(char *dst, const uint8_t *s, size_t n)
{
    if (n > MAV_DKIM_TEXT_MAX - 1)
        n = MAV_DKIM_TEXT_MAX - 1;
    memcpy(dst, s, n);
    dst[n] = 0;
}

/* Is dom[0..dn) equal to d, or a subdomain of it (case-insensitive)? */
static int within(const uint8_t *dom, size_t dn, const char *d)
{
    size_t n = strlen(d);

    if (dn < n)
        return 0;
    if (!mav_eq_nocase(dom + dn - n, (const uint8_t *)d, n))
        return 0;
    return dn == n || dom[dn - n - 1] == '.';
}

/* c= names in MAV_DKIM_CANON_* order */
static const char canons[] = "simple\0relaxed\0";

/*
 * Walk the names of an h= value ("from : to:subject"): returns the next
 * name's offset and length, or 0 at the end. A name is a field-name
 * (RFC 5322 §3.6.8: printable ASCII but ':').
 */
static int next_name(const uint8_t *h, size_t len, size_t *pos, size_t *off,
                     size_t *n)
{
    size_t i = *pos;

    while (i < len && mav_is_fws_byte(h[i]))
        i++;
    if (i >= len)
        return 0;
    *off = i;
    while (i < len && h[i] != ':' && !mav_is_fws_byte(h[i]))
        i++;
    *n = i - *off;
    while (i < len && mav_is_fws_byte(h[i]))
        i++;
    if (i < len) {
        if (h[i] != ':')
            return -1; /* two words without a colon */
        i++;
    }
    *pos = i;
    return *n ? 1 : -1;
}

/*
 * A refusal: every one goes through the one mav_perr_set call at the end
 * of mav_dkim_sig_parse (fewer call sites, less flash).
 */
#define FAIL(c, o, w)                                                          \
    do {                                                                       \
        ec = (c);                                                              \
        eo = (o);                                                              \
        why = (w);                                                             \
        goto fail;                                                             \
    } while (0)

/* see mav_dkim.h */
int mav_dkim_sig_parse(const uint8_t *value, size_t len, mav_dkim_sig *sig,
                       mav_perr *err)
{
    mav_dkim_tag tags[MAV_DKIM_MAX_TAGS];
    /* the one-letter tags, found by their place in one[] */
    static const char one[] = "vabcdhilqstx";
    const mav_dkim_tag *t1[sizeof one - 1] = {NULL}, *tbh = NULL;
    const mav_dkim_tag *tv, *ta, *tb, *tc, *td, *th, *ti, *tl, *tq, *ts, *tt;
    const mav_dkim_tag *tx;
    unsigned n, k;
    size_t out_len, pos, off, nl, sl, dl;
    int rc, has_from = 0, ec;
    size_t eo;
    const char *why;
    char name[MAV_DNS_NAME_TEXT_MAX];

    memset(sig, 0, offsetof(mav_dkim_sig, bh));
    sig->d[0] = sig->s[0] = sig->b_prefix[0] = 0;
    sig->key_name_len = 0;
    rc = mav_dkim_tags_parse(value, len, tags, MAV_DKIM_MAX_TAGS, &n, err);
    if (rc != MAV_OK)
        return rc;
    for (k = 0; k < n; k++) {
        const uint8_t *nm = value + tags[k].name_off;
        size_t l = tags[k].name_len;
        const char *at = l == 1 ? memchr(one, nm[0], sizeof one - 1) : NULL;
        /* §3.2: tag names are case-sensitive */
        if (at)
            t1[at - one] = &tags[k];
        else if (l == 2 && nm[0] == 'b' && nm[1] == 'h')
            tbh = &tags[k];
        /* z= (copied headers) and unknown tags: ignored (§3.2) */
    }
    tv = t1[0], ta = t1[1], tb = t1[2], tc = t1[3], td = t1[4], th = t1[5];
    ti = t1[6], tl = t1[7], tq = t1[8], ts = t1[9], tt = t1[10], tx = t1[11];
    /* what a report needs first, whatever else is wrong */
    if (td)
        text_copy(sig->d, value + td->value_off, td->value_len);
    if (ts)
        text_copy(sig->s, value + ts->value_off, ts->value_len);
    if (tb) {
        size_t k2, o = 0;
        for (k2 = tb->value_off; k2 < tb->value_off + tb->value_len && o < 8;
             k2++)
            if (!mav_is_fws_byte(value[k2]))
                sig->b_prefix[o++] = (char)value[k2];
        sig->b_prefix[o] = 0;
    }
    if (ta) /* MAV_DKIM_ALG_*, UNKNOWN (0) when absent from the list */
        sig->alg = (mav_dkim_alg)(1 + mav_word_index(value + ta->value_off,
                                                     ta->value_len,
                                                     "rsa-sha256\0rsa-sha1\0"
                                                     "ed25519-sha256\0"));
    /* §6.1.1: required tags */
    if (!tv || !ta || !tb || !tbh || !td || !th || !ts)
        FAIL(MAV_ERR_FORMAT, 0, "required tag missing (v a b bh d h s)");
    if (tv->value_len != 1 || value[tv->value_off] != '1')
        FAIL(MAV_ERR_UNSUPPORTED, tv->value_off,
             "incompatible version (v= is not 1)");
    if (sig->alg == MAV_DKIM_ALG_RSA_SHA1)
        FAIL(MAV_ERR_UNSUPPORTED, ta->value_off,
             "rsa-sha1 not accepted (RFC 8301 3.1)");
    if (sig->alg == MAV_DKIM_ALG_UNKNOWN)
        FAIL(MAV_ERR_UNSUPPORTED, ta->value_off,
             "unknown signing algorithm (a=)");
    /* c= header[/body], default simple/simple (§3.5) */
    if (tc) {
        const uint8_t *c = value + tc->value_off;
        const uint8_t *slash = memchr(c, '/', tc->value_len);
        size_t hl = slash ? (size_t)(slash - c) : tc->value_len;
        int hc = mav_word_index(c, hl, canons), bc = 0;

        if (slash)
            bc = mav_word_index(slash + 1, tc->value_len - hl - 1, canons);
        if (hc < 0)
            FAIL(MAV_ERR_UNSUPPORTED, tc->value_off,
                 "unknown canonicalization (c=)");
        sig->header_canon = (uint8_t)hc;
        if (bc < 0)
            FAIL(MAV_ERR_UNSUPPORTED, tc->value_off,
                 "unknown canonicalization (c=)");
        sig->body_canon = (uint8_t)bc;
    }
    /* q= must offer dns/txt (§3.5); other methods are ignored */
    if (tq) {
        const uint8_t *q = value + tq->value_off;
        size_t i = 0, ok = 0;
        while (i < tq->value_len) {
            size_t j = i;
            while (j < tq->value_len && q[j] != ':')
                j++;
            if (mav_eq_lower(q + i, j - i, "dns/txt"))
                ok = 1;
            i = j + 1;
        }
        if (!ok)
            FAIL(MAV_ERR_UNSUPPORTED, tq->value_off,
                 "no known query method (q=)");
    }
    /* d= and s=: together the key's name (§3.6.2.1) */
    if (td->value_len == 0 || td->value_len >= MAV_DKIM_TEXT_MAX ||
        ts->value_len == 0 || ts->value_len >= MAV_DKIM_TEXT_MAX)
        FAIL(MAV_ERR_FORMAT, td->value_off, "empty or over-long d= or s=");
    sl = strlen(sig->s);
    dl = strlen(sig->d);
    out_len = sl + strlen("._domainkey.") + dl;
    if (out_len + 1 >= sizeof name)
        FAIL(MAV_ERR_LIMIT, ts->value_off, "key name too long");
    memcpy(name, sig->s, sl);
    memcpy(name + sl, "._domainkey.", 12);
    memcpy(name + sl + 12, sig->d, dl);
    name[out_len] = 0;
    if (sig->d[dl - 1] == '.' || sig->d[0] == '.' || memchr(sig->d, '\\', dl) ||
        memchr(sig->s, '\\', sl) ||
        mav_dns_name_from_text(name, out_len, NULL, sig->key_name, &pos) !=
            MAV_OK) {
        sig->key_name_len = 0;
        FAIL(MAV_ERR_FORMAT, td->value_off, "d= or s= is not a domain name");
    }
    sig->key_name_len = (uint16_t)pos;
    /* h=: names, From among them (§5.4: "MUST be signed") */
    sig->h_off = th->value_off;
    sig->h_len = th->value_len;
    pos = 0;
    for (;;) {
        int r =
            next_name(value + th->value_off, th->value_len, &pos, &off, &nl);
        if (r == 0)
            break;
        if (r < 0)
            FAIL(MAV_ERR_FORMAT, th->value_off + pos, "malformed h= list");
        if (sig->nsigned >= MAV_CFG_DKIM_SIGNED_FIELDS)
            FAIL(MAV_ERR_LIMIT, th->value_off,
                 "h= names over MAV_CFG_DKIM_SIGNED_FIELDS");
        sig->nsigned++;
        if (mav_eq_lower(value + th->value_off + off, nl, "from"))
            has_from = 1;
    }
    if (!has_from)
        FAIL(MAV_ERR_FORMAT, th->value_off, "From field not signed (h=)");
    /* i= [local-part] "@" domain, the domain d= or below it (§3.5) */
    if (ti) {
        const uint8_t *iv = value + ti->value_off;
        size_t at = ti->value_len;
        while (at > 0 && iv[at - 1] != '@')
            at--;
        if (at == 0)
            FAIL(MAV_ERR_FORMAT, ti->value_off, "i= has no '@'");
        sig->has_i = 1;
        sig->i_dom_off = ti->value_off + (uint32_t)at;
        sig->i_dom_len = ti->value_len - (uint32_t)at;
        if (!within(iv + at, ti->value_len - at, sig->d))
            FAIL(MAV_ERR_FORMAT, ti->value_off, "i= domain not within d=");
    }
    /* l=: at most 76 digits (§3.5) */
    if (tl) {
        if (decimal(value + tl->value_off, tl->value_len, 76, UINT64_MAX,
                    &sig->l) != MAV_OK)
            FAIL(MAV_ERR_FORMAT, tl->value_off, "l= is not a decimal number");
        sig->has_l = 1;
    }
    /* t=, x=: at most 12 digits (§3.5); x= must be after t= */
    for (k = 0; k < 2; k++) {
        const mav_dkim_tag *tg = k ? tx : tt;
        uint64_t v;

        if (tg == NULL)
            continue;
        if (decimal(value + tg->value_off, tg->value_len, 12, (uint64_t)1 << 62,
                    &v) != MAV_OK)
            FAIL(MAV_ERR_FORMAT, tg->value_off,
                 k ? "x= is not a decimal number"
                   : "t= is not a decimal number");
        if (k == 0) {
            sig->t = (int64_t)v;
            sig->has_t = 1;
        } else {
            sig->x = (int64_t)v;
            sig->has_x = 1;
            if (sig->has_t && sig->x <= sig->t)
                FAIL(MAV_ERR_FORMAT, tx->value_off, "x= not after t=");
        }
    }
    /* bh= and b= */
    if (mav_dkim_base64(value + tbh->value_off, tbh->value_len, sig->bh,
                        sizeof sig->bh, &out_len) != MAV_OK ||
        out_len == 0)
        FAIL(MAV_ERR_FORMAT, tbh->value_off, "bh= is not base64");
    sig->bh_len = (uint16_t)out_len;
    rc = mav_dkim_base64(value + tb->value_off, tb->value_len, sig->b,
                         sizeof sig->b, &out_len);
    if (rc == MAV_ERR_SPACE)
        FAIL(MAV_ERR_LIMIT, tb->value_off,
             "b= longer than a 4096-bit signature");
    if (rc != MAV_OK || out_len == 0)
        FAIL(MAV_ERR_FORMAT, tb->value_off, "b= is not base64");
    sig->b_len = (uint16_t)out_len;
    sig->b_raw_off = tb->raw_off;
    sig->b_raw_end = tb->raw_end;
    return MAV_OK;
fail:
    return mav_perr_set(err, ec, eo, why);
}

#undef FAIL
