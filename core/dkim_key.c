/* SPDX-License-Identifier: MIT */
/*
 * dkim_key.c - the DKIM key record (RFC 6376 §3.6.1), the TXT record at
 * selector._domainkey.domain with its strings joined (§3.6.2.2): v=DKIM1
 * (first when present), h= acceptable hashes, k= key type (rsa, §3.3.1;
 * ed25519, RFC 8463 §4), s= service types, t= flags (y testing, s strict
 * identity), p= the base64 key (empty: revoked). Unknown tags, hash
 * names and flags are ignored, as §3.6.1 asks. The key bytes are only
 * decoded here; their structure is checked by crypto/ when used.
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_dkim.h"

/* Does a colon-separated list (FWS allowed around items) hold lit? */
static int list_has(const uint8_t *v, size_t n, const char *lit)
{
    size_t i = 0;

    while (i < n) {
        size_t j = i, a, b;
        while (j < n && v[j] != ':')
            j++;
        a = i;
        b = j;
        while (a < b && mav_is_fws_byte(v[a]))
            a++;
        while (b > a && mav_is_fws_byte(v[b - 1]))
            b--;
        if (mav_eq_lower(v + a, b - a, lit))
            return 1;
        i = j + 1;
    }
    return 0;
}

/* see mav_dkim.h */
int mav_dkim_key_parse(const uint8_t *rec, size_t len, mav_dkim_key *key,
                       mav_perr *err)
{
    mav_dkim_tag tags[MAV_DKIM_MAX_TAGS];
    const mav_dkim_tag *tp = NULL;
    unsigned n, k;
    size_t out_len;
    int rc;

    memset(key, 0, offsetof(mav_dkim_key, p));
    key->type = MAV_DKIM_KEY_RSA; /* k= default (§3.6.1) */
    key->sha256_ok = 1;           /* h= default: all algorithms */
    rc = mav_dkim_tags_parse(rec, len, tags, MAV_DKIM_MAX_TAGS, &n, err);
    if (rc != MAV_OK)
        return rc;
    for (k = 0; k < n; k++) {
        const uint8_t *nm = rec + tags[k].name_off;
        const uint8_t *v = rec + tags[k].value_off;
        size_t vl = tags[k].value_len;

        if (tags[k].name_len != 1)
            continue; /* unknown tag: ignored */
        switch (nm[0]) {
        case 'v':
            /* "MUST be the first tag in the record" if present */
            if (k != 0 || !(vl == 5 && memcmp(v, "DKIM1", 5) == 0))
                return mav_perr_set(err, MAV_ERR_FORMAT, tags[k].name_off,
                                    "key record v= is not DKIM1 first");
            break;
        case 'k':
            if (mav_eq_lower(v, vl, "rsa"))
                key->type = MAV_DKIM_KEY_RSA;
            else if (mav_eq_lower(v, vl, "ed25519"))
                key->type = MAV_DKIM_KEY_ED25519;
            else
                return mav_perr_set(err, MAV_ERR_UNSUPPORTED,
                                    tags[k].value_off,
                                    "unknown key type (k=)");
            break;
        case 'h':
            key->sha256_ok = (uint8_t)list_has(v, vl, "sha256");
            break;
        case 's':
            if (!list_has(v, vl, "email") && !list_has(v, vl, "*"))
                return mav_perr_set(err, MAV_ERR_UNSUPPORTED,
                                    tags[k].value_off,
                                    "key not for email (s=)");
            break;
        case 't':
            key->testing = (uint8_t)list_has(v, vl, "y");
            key->strict = (uint8_t)list_has(v, vl, "s");
            break;
        case 'p':
            tp = &tags[k];
            break;
        default:
            break; /* n= notes, and unknown tags */
        }
    }
    if (!tp)
        return mav_perr_set(err, MAV_ERR_FORMAT, len, "key record has no p=");
    if (tp->value_len == 0) {
        key->revoked = 1; /* §3.6.1: "An empty value means revoked" */
        return MAV_OK;
    }
    rc = mav_dkim_base64(rec + tp->value_off, tp->value_len, key->p,
                         sizeof key->p, &out_len);
    if (rc == MAV_ERR_SPACE)
        return mav_perr_set(err, MAV_ERR_LIMIT, tp->value_off,
                            "key larger than 4096 bits");
    if (rc != MAV_OK)
        return mav_perr_set(err, MAV_ERR_FORMAT, tp->value_off,
                            "p= is not base64");
    key->p_len = (uint16_t)out_len;
    return MAV_OK;
}
