/* SPDX-License-Identifier: MIT */
/*
 * dkim_verify.c - the DKIM verifier of mav_dkim.h (RFC 6376 §6.1, with
 * RFC 8301 and RFC 8463). It drives mav_msg's parser; each
 * DKIM-Signature field is parsed the moment it is complete and its key
 * lookup (§3.6.2) started on the resolver. At the end of the header the
 * header hash of each signature is made (§3.7: the fields named by h=,
 * chosen bottom-up, §5.4.2, then the signature field with b= emptied and
 * no final CRLF); body bytes run through each signature's canonicalizer
 * into its SHA-256, up to l= (§3.4.5); at the end the body hash is
 * compared with bh= (§3.7). When the key has come, it is checked (§6.1.2,
 * RFC 8301 §3.2 sizes, RFC 8463 §4 Ed25519 keys) and the signature
 * verified (§6.1.3). Each signature's result is independent (§6.1).
 */
#include <string.h>

#include "mav_ascii.h"
#include "mav_dkim.h"
#include "mav_internal.h" /* mav_dns_query_status, _outcome */
#include "mav_port.h"

enum {
    SIG_BODY = 1, /* parsed; hashing the body; key looked up */
    SIG_KEY,      /* body hash matched; waiting for the key */
    SIG_DONE      /* result final */
};

enum {
    LOOKUP_NONE = 0, /* not started (the resolver had no room) */
    LOOKUP_HELD,     /* key_h is held */
    LOOKUP_RELEASED  /* given back, or never needed */
};

static const char field_name[] = "dkim-signature";

/* see mav_dkim.h */
const char *mav_dkim_result_str(mav_dkim_result r)
{
    switch (r) {
    case MAV_DKIM_NONE: return "none";
    case MAV_DKIM_PASS: return "pass";
    case MAV_DKIM_FAIL: return "fail";
    case MAV_DKIM_NEUTRAL: return "neutral";
    case MAV_DKIM_POLICY: return "policy";
    case MAV_DKIM_TEMPERROR: return "temperror";
    case MAV_DKIM_PERMERROR: return "permerror";
    }
    return "unknown";
}

/* see mav_dkim.h */
const char *mav_dkim_alg_str(mav_dkim_alg a)
{
    switch (a) {
    case MAV_DKIM_ALG_RSA_SHA256: return "rsa-sha256";
    case MAV_DKIM_ALG_RSA_SHA1: return "rsa-sha1";
    case MAV_DKIM_ALG_ED25519_SHA256: return "ed25519-sha256";
    default: return "unknown";
    }
}

/* see mav_dkim.h */
int mav_dkim_init(mav_dkim_ctx *v, mav_dns_ctx *dns, int64_t now)
{
    if (!v || !dns)
        return MAV_ERR_ARG;
    memset(v, 0, offsetof(mav_dkim_ctx, slot));
    v->dns = dns;
    v->now = now;
    mav_msg_init(&v->msg);
    return MAV_OK;
}

static void release(mav_dkim_ctx *v, mav_dkim_slot *s)
{
    if (s->lookup == LOOKUP_HELD)
        mav_dns_release(v->dns, s->key_h);
    s->lookup = LOOKUP_RELEASED;
}

/* Final result for a slot; the key lookup is no longer needed. Not
 * inlined: it has some 35 callers. */
static MAV_NOINLINE void conclude(mav_dkim_ctx *v, mav_dkim_slot *s,
                                  mav_dkim_result r, const char *reason)
{
    s->result = (uint8_t)r;
    s->reason = reason;
    s->state = SIG_DONE;
    release(v, s);
}

static void start_lookup(mav_dkim_ctx *v, mav_dkim_slot *s)
{
    int rc;

    if (v->limited && v->lookups >= v->lookup_limit) {
        v->over_limit = 1; /* waits (LOOKUP_NONE): the budget is spent */
        return;
    }
    rc = mav_dns_lookup(v->dns, s->sig.key_name, s->sig.key_name_len,
                            MAV_DNS_TYPE_TXT, &s->key_h);
    if (rc != MAV_ERR_SPACE && v->lookups < 0xffff)
        v->lookups++;
    if (rc == MAV_OK || rc == MAV_PENDING)
        s->lookup = LOOKUP_HELD;
    else if (rc != MAV_ERR_SPACE) /* MAV_ERR_SPACE: retried in poll */
        conclude(v, s, MAV_DKIM_PERMERROR, "key name refused by resolver");
}

/* A DKIM-Signature field is complete: parse it, start its key lookup. */
static void on_signature(mav_dkim_ctx *v, unsigned field)
{
    mav_dkim_slot *s;
    const uint8_t *value, *start;
    size_t vlen, flen;
    mav_perr e = {0, 0, NULL};
    int rc;

    if (v->nslots >= MAV_CFG_DKIM_SIGNATURES) {
        v->unchecked++;
        return;
    }
    s = &v->slot[v->nslots++];
    memset(s, 0, offsetof(mav_dkim_slot, sig));
    s->field = field;
    s->key_dnssec = MAV_DNSSEC_UNCHECKED;
    s->sig.d[0] = s->sig.s[0] = s->sig.b_prefix[0] = 0;
    s->sig.alg = MAV_DKIM_ALG_UNKNOWN;
    s->lookup = LOOKUP_RELEASED;
    rc = mav_msg_field_value(&v->msg, field, &value, &vlen);
    if (rc == MAV_ERR_LIMIT) {
        conclude(v, s, MAV_DKIM_PERMERROR,
                 "signature field lost (header over MAV_CFG_HEADER_BYTES)");
        return;
    }
    if (rc != MAV_OK) {
        conclude(v, s, MAV_DKIM_PERMERROR, "malformed signature field");
        return;
    }
    start = mav_msg_field_bytes(&v->msg, field, &flen);
    s->value_off = (uint32_t)(value - start);
    rc = mav_dkim_sig_parse(value, vlen, &s->sig, &e);
    if (rc != MAV_OK) {
        conclude(v, s, MAV_DKIM_PERMERROR,
                 e.what ? e.what : "malformed signature field");
        return;
    }
    /* time (§3.5 t=, x=): the clock was read once, at init */
    if (v->now != MAV_PORT_TIME_UNKNOWN) {
        s->time_checked = 1;
        if (s->sig.has_x && s->sig.x < v->now) {
            conclude(v, s, MAV_DKIM_FAIL, "signature expired (x=)");
            return;
        }
        if (s->sig.has_t && s->sig.t > v->now + MAV_CFG_DKIM_CLOCK_SKEW) {
            conclude(v, s, MAV_DKIM_FAIL,
                     "signature made in the future (t=)");
            return;
        }
    }
    mav_dkim_body_canon_init(&s->canon,
                             s->sig.body_canon == MAV_DKIM_CANON_RELAXED);
    mav_sha256_init(&s->body_hash);
    s->body_signed = 0;
    s->state = SIG_BODY;
    s->lookup = LOOKUP_NONE;
    start_lookup(v, s);
}

static void sha_sink(void *arg, const uint8_t *p, size_t n)
{
    mav_sha256_update((mav_sha256_ctx *)arg, p, n);
}

/* Body sink: hash up to l= (§3.4.5), count the rest. */
static void body_sink(void *arg, const uint8_t *p, size_t n)
{
    mav_dkim_slot *s = arg;
    size_t take = n;

    if (s->sig.has_l) {
        uint64_t room = s->sig.l > s->body_signed ? s->sig.l - s->body_signed
                                                  : 0;
        if ((uint64_t)take > room)
            take = (size_t)room;
    }
    if (take) {
        mav_sha256_update(&s->body_hash, p, take);
        s->body_signed += take;
    }
}

/* Is field i named nm[0..nl) (case-insensitive)? */
static int field_named(const mav_msg_ctx *m, unsigned i, const uint8_t *nm,
                       size_t nl, uint32_t hash)
{
    const mav_msg_field *f = &m->fields[i];

    if (f->name_hash != hash)
        return 0;
    if (f->lost)
        return 1;
    if (f->name_len != nl)
        return 0;
    return mav_eq_nocase(m->buf + f->off, nm, nl);
}

/*
 * §3.7 and §5.4.2: hash the fields h= names, each occurrence of a name
 * taking the next instance from the bottom; a name with no instance left
 * adds nothing (over-signing). Then the signature field itself.
 * Returns NULL or the permerror reason.
 */
static const char *header_hash(mav_dkim_ctx *v, mav_dkim_slot *s)
{
    const mav_msg_ctx *m = &v->msg;
    const uint8_t *field, *h;
    size_t flen, pos = 0;
    int relaxed = s->sig.header_canon == MAV_DKIM_CANON_RELAXED;
    mav_sha256_ctx sha;
    /* names already used: (offset, length) in h, for the occurrence
     * count; bounded by MAV_CFG_DKIM_SIGNED_FIELDS at parse */
    uint32_t used_off[MAV_CFG_DKIM_SIGNED_FIELDS];
    uint32_t used_len[MAV_CFG_DKIM_SIGNED_FIELDS];
    unsigned nused = 0;

    field = mav_msg_field_bytes(m, s->field, &flen);
    h = field + s->value_off + s->sig.h_off;
    mav_sha256_init(&sha);
    while (pos < s->sig.h_len && nused < MAV_CFG_DKIM_SIGNED_FIELDS) {
        size_t off, nl, k;
        unsigned before = 0, seen = 0, i;
        uint32_t hash;

        while (pos < s->sig.h_len && (mav_is_fws_byte(h[pos]) || h[pos] == ':'))
            pos++;
        if (pos >= s->sig.h_len)
            break;
        off = pos;
        while (pos < s->sig.h_len && h[pos] != ':' && !mav_is_fws_byte(h[pos]))
            pos++;
        nl = pos - off;
        for (k = 0; k < nused; k++) {
            if (used_len[k] == nl && mav_eq_nocase(h + used_off[k], h + off, nl))
                before++;
        }
        used_off[nused] = (uint32_t)off;
        used_len[nused] = (uint32_t)nl;
        nused++;
        hash = mav_msg_name_hash(h + off, nl);
        for (i = m->nfields; i-- > 0;) {
            const uint8_t *fb;
            size_t fl;
            if (!field_named(m, i, h + off, nl, hash))
                continue;
            if (seen++ < before)
                continue;
            if (m->fields[i].lost)
                return "signed field lost (header over "
                       "MAV_CFG_HEADER_BYTES)";
            fb = mav_msg_field_bytes(m, i, &fl);
            mav_dkim_header_canon(relaxed, fb, fl, 0, 0, 1, sha_sink, &sha);
            break;
        }
    }
    /* the signature itself, b= emptied, no CRLF (§3.7) */
    mav_dkim_header_canon(relaxed, field, flen,
                          s->value_off + s->sig.b_raw_off,
                          s->value_off + s->sig.b_raw_end, 0, sha_sink,
                          &sha);
    mav_sha256_final(&sha, s->header_digest);
    return NULL;
}

static void on_header_end(mav_dkim_ctx *v)
{
    unsigned k;

    v->header_done = 1;
    for (k = 0; k < v->nslots; k++) {
        mav_dkim_slot *s = &v->slot[k];
        const char *why;
        if (s->state != SIG_BODY)
            continue;
        if (v->msg.fields_lost) {
            conclude(v, s, MAV_DKIM_PERMERROR,
                     "header over MAV_CFG_HEADER_FIELDS fields");
            continue;
        }
        if ((why = header_hash(v, s)) != NULL)
            conclude(v, s, MAV_DKIM_PERMERROR, why);
    }
}

static void on_body(mav_dkim_ctx *v, const uint8_t *p, size_t n)
{
    unsigned k;

    for (k = 0; k < v->nslots; k++) {
        mav_dkim_slot *s = &v->slot[k];
        if (s->state != SIG_BODY)
            continue;
        /* past l=, only the canonical length is still counted */
        mav_dkim_body_canon_feed(&s->canon, p, n, body_sink, s);
    }
}

static void on_event(mav_dkim_ctx *v, const mav_msg_event *ev)
{
    switch (ev->type) {
    case MAV_MSG_EV_FIELD:
        if (mav_msg_field_is(&v->msg, ev->field, field_name,
                             sizeof field_name - 1))
            on_signature(v, ev->field);
        break;
    case MAV_MSG_EV_HEADER_END:
        on_header_end(v);
        break;
    case MAV_MSG_EV_BODY:
        on_body(v, ev->body, ev->body_len);
        break;
    default:
        break;
    }
}

/* see mav_dkim.h */
size_t mav_dkim_feed(mav_dkim_ctx *v, const uint8_t *p, size_t n)
{
    size_t done = 0;

    if (v->ended)
        return 0;
    while (done < n) {
        mav_msg_event ev;
        size_t used = mav_msg_feed(&v->msg, p + done, n - done, &ev);
        done += used;
        on_event(v, &ev);
        if (used == 0 && ev.type == MAV_MSG_EV_NONE)
            break;
    }
    return n;
}

/* The key record of a finished lookup into v->record: 1 with its
 * length, or 0 when the signature is concluded (no record, several, a
 * failed or bogus lookup). Not inlined: the answer views (~650 bytes)
 * are gone before the signature check runs. */
static MAV_NOINLINE int read_key(mav_dkim_ctx *v, mav_dkim_slot *s,
                                 size_t *rec_len)
{
    mav_dns_outcome res;
    mav_dns_answer a;
    mav_dns_rr rr;
    unsigned nrec = 0;
    int rc;

    *rec_len = 0;
    if (mav_dns_query_outcome(v->dns, s->key_h, &res) != MAV_OK) {
        conclude(v, s, MAV_DKIM_TEMPERROR, "key lookup lost");
        return 0;
    }
    s->key_dnssec = (uint8_t)res.dnssec;
    switch (res.status) {
    case MAV_DNS_ANSWER:
        break;
    case MAV_DNS_NXDOMAIN:
    case MAV_DNS_NODATA:
        /* §6.1.2 step 3: no key record is a PERMFAIL */
        conclude(v, s, MAV_DKIM_PERMERROR, "no key record");
        return 0;
    case MAV_DNS_FAILED:
        conclude(v, s, MAV_DKIM_TEMPERROR, "key lookup failed (local)");
        return 0;
    default:
        /* §6.1.2 step 2: a lookup that fails is a TEMPFAIL */
        conclude(v, s, MAV_DKIM_TEMPERROR, "key lookup failed");
        return 0;
    }
    if (res.dnssec == MAV_DNSSEC_BOGUS) {
        /* a validating resolver would have said SERVFAIL */
        conclude(v, s, MAV_DKIM_TEMPERROR, "key record DNSSEC bogus");
        return 0;
    }
    if (mav_dns_answer_init(v->dns, s->key_h, &a) != MAV_OK) {
        conclude(v, s, MAV_DKIM_TEMPERROR, "key answer unreadable");
        return 0;
    }
    while (mav_dns_answer_next(&a, &rr) == 1) {
        if (++nrec > 1)
            break;
        rc = mav_dns_txt_join(a.msg.p + rr.rdata, rr.rdlen, v->record,
                              sizeof v->record, rec_len);
        if (rc == MAV_ERR_SPACE) {
            conclude(v, s, MAV_DKIM_PERMERROR,
                     "key record over MAV_CFG_DKIM_KEY_RECORD_MAX");
            return 0;
        }
        if (rc != MAV_OK) {
            conclude(v, s, MAV_DKIM_PERMERROR, "malformed TXT record");
            return 0;
        }
    }
    if (nrec == 0) {
        conclude(v, s, MAV_DKIM_PERMERROR, "no key record");
        return 0;
    }
    if (nrec > 1) {
        /* §3.6.2.2: "the results are undefined"; we refuse to guess */
        conclude(v, s, MAV_DKIM_PERMERROR, "several key records");
        return 0;
    }
    return 1;
}

/* The key has come (or the lookup failed): check it and the signature. */
static void check_key(mav_dkim_ctx *v, mav_dkim_slot *s)
{
    mav_perr e = {0, 0, NULL};
    mav_dkim_key *key = &v->key;
    size_t rec_len;
    int rc;

    if (!read_key(v, s, &rec_len))
        return;
    rc = mav_dkim_key_parse(v->record, rec_len, key, &e);
    if (rc != MAV_OK) {
        conclude(v, s, MAV_DKIM_PERMERROR,
                 e.what ? e.what : "malformed key record");
        return;
    }
    s->testing = key->testing;
    if (key->revoked) {
        conclude(v, s, MAV_DKIM_PERMERROR, "key revoked (empty p=)");
        return;
    }
    if (!key->sha256_ok) {
        conclude(v, s, MAV_DKIM_PERMERROR, "key h= does not allow sha256");
        return;
    }
    if ((s->sig.alg == MAV_DKIM_ALG_ED25519_SHA256) !=
        (key->type == MAV_DKIM_KEY_ED25519)) {
        conclude(v, s, MAV_DKIM_PERMERROR, "key type does not match a=");
        return;
    }
    if (key->strict && s->sig.has_i) {
        /* §3.6.1 t=s: the i= domain must be d= itself */
        const uint8_t *field;
        size_t flen;
        const uint8_t *dom;
        size_t dl = strlen(s->sig.d);
        field = mav_msg_field_bytes(&v->msg, s->field, &flen);
        dom = field + s->value_off + s->sig.i_dom_off;
        if (s->sig.i_dom_len != dl) {
            conclude(v, s, MAV_DKIM_PERMERROR,
                     "i= is a subdomain of d= but the key says t=s");
            return;
        }
        if (!mav_eq_nocase(dom, (const uint8_t *)s->sig.d, dl)) {
            conclude(v, s, MAV_DKIM_PERMERROR,
                     "i= is a subdomain of d= but the key says t=s");
            return;
        }
    }
    if (key->type == MAV_DKIM_KEY_ED25519) {
        /* RFC 8463 §4: p= is the raw 32-byte public key; §3: the
         * signed message is the SHA-256 of the header data */
        if (key->p_len != MAV_ED25519_KEY_LEN) {
            conclude(v, s, MAV_DKIM_PERMERROR, "Ed25519 key not 32 bytes");
            return;
        }
        s->key_bits = 256;
        if (v->limited && v->checks >= v->check_limit) {
            v->over_limit = 1; /* waits: the budget is spent */
            return;
        }
        if (v->checks < 0xffff)
            v->checks++;
        rc = mav_ed25519_verify(key->p, key->p_len, s->header_digest,
                                sizeof s->header_digest, s->sig.b,
                                s->sig.b_len);
        if (rc == MAV_CRYPTO_OK)
            conclude(v, s, MAV_DKIM_PASS, "");
        else if (rc == MAV_CRYPTO_ERR_KEY)
            conclude(v, s, MAV_DKIM_PERMERROR, "malformed Ed25519 key");
        else
            conclude(v, s, MAV_DKIM_FAIL, "signature did not verify");
        return;
    } else {
        mav_rsa_pub pub;
        memset(&pub, 0, sizeof pub);
        rc = mav_rsa_parse_key(MAV_RSA_KEY_DER, key->p, key->p_len, &pub);
        s->key_bits = (uint16_t)pub.bits;
        if (rc == MAV_CRYPTO_ERR_KEY_SIZE) {
            /* RFC 8301 §3.2: keys under 1024 bits must not verify */
            conclude(v, s, MAV_DKIM_PERMERROR,
                     pub.bits < MAV_CFG_RSA_MIN_BITS
                         ? "key too small (RFC 8301 3.2)"
                         : "key too large (MAV_CFG_RSA_MAX_BITS)");
            return;
        }
        if (rc != MAV_CRYPTO_OK) {
            conclude(v, s, MAV_DKIM_PERMERROR, "malformed RSA key");
            return;
        }
        if (v->limited && v->checks >= v->check_limit) {
            v->over_limit = 1; /* waits: the budget is spent */
            return;
        }
        if (v->checks < 0xffff)
            v->checks++;
        rc = mav_rsa_pkcs1_verify(&pub, MAV_HASH_SHA256, s->header_digest,
                                  sizeof s->header_digest, s->sig.b,
                                  s->sig.b_len);
        if (rc == MAV_CRYPTO_OK)
            conclude(v, s, MAV_DKIM_PASS, "");
        else if (rc == MAV_CRYPTO_ERR_MEMORY)
            conclude(v, s, MAV_DKIM_TEMPERROR, "crypto arena exhausted");
        else
            conclude(v, s, MAV_DKIM_FAIL, "signature did not verify");
    }
}

/* see mav_dkim.h */
int mav_dkim_poll(mav_dkim_ctx *v)
{
    unsigned k, pending = 0;

    for (k = 0; k < v->nslots; k++) {
        mav_dkim_slot *s = &v->slot[k];

        if (s->state == SIG_DONE)
            continue;
        if (s->lookup == LOOKUP_NONE)
            start_lookup(v, s);
        if (s->state == SIG_DONE)
            continue;
        if (s->state == SIG_BODY || s->lookup == LOOKUP_NONE) {
            pending++;
            continue;
        }
        if (mav_dns_query_status(v->dns, s->key_h) == MAV_DNS_PENDING) {
            pending++;
            continue;
        }
        check_key(v, s);
    }
    return pending ? MAV_PENDING : MAV_OK;
}

/* see mav_dkim.h */
int mav_dkim_finish(mav_dkim_ctx *v)
{
    unsigned k;
    mav_msg_event ev;

    if (v->ended)
        return MAV_ERR_STATE;
    do {
        mav_msg_end(&v->msg, &ev);
        on_event(v, &ev);
    } while (ev.type != MAV_MSG_EV_NONE && ev.type != MAV_MSG_EV_HEADER_END);
    v->ended = 1;
    for (k = 0; k < v->nslots; k++) {
        mav_dkim_slot *s = &v->slot[k];
        uint8_t digest[MAV_SHA256_LEN];
        if (s->state != SIG_BODY)
            continue;
        mav_dkim_body_canon_end(&s->canon, body_sink, s);
        mav_sha256_final(&s->body_hash, digest);
        if (s->sig.has_l && s->sig.l > s->canon.out) {
            conclude(v, s, MAV_DKIM_FAIL, "body shorter than l=");
            continue;
        }
        if (s->sig.bh_len != MAV_SHA256_LEN ||
            memcmp(digest, s->sig.bh, MAV_SHA256_LEN) != 0) {
            conclude(v, s, MAV_DKIM_FAIL, "body hash mismatch (bh=)");
            continue;
        }
        s->state = SIG_KEY;
    }
    return mav_dkim_poll(v);
}

/* see mav_dkim.h */
void mav_dkim_abort(mav_dkim_ctx *v)
{
    unsigned k;

    for (k = 0; k < v->nslots; k++)
        release(v, &v->slot[k]);
}

/* see mav_dkim.h */
unsigned mav_dkim_count(const mav_dkim_ctx *v)
{
    return v->nslots;
}

/* see mav_dkim.h */
unsigned mav_dkim_lookups(const mav_dkim_ctx *v)
{
    return v->lookups;
}

/* see mav_dkim.h */
unsigned mav_dkim_checks(const mav_dkim_ctx *v)
{
    return v->checks;
}

/* see mav_dkim.h */
void mav_dkim_set_limits(mav_dkim_ctx *v, unsigned lookups, unsigned checks)
{
    v->limited = 1;
    v->lookup_limit = (uint16_t)(lookups > 0xffff ? 0xffff : lookups);
    v->check_limit = (uint16_t)(checks > 0xffff ? 0xffff : checks);
}

/* see mav_dkim.h */
int mav_dkim_over_limit(const mav_dkim_ctx *v)
{
    return v->over_limit;
}

/* see mav_dkim.h */
unsigned mav_dkim_unchecked(const mav_dkim_ctx *v)
{
    return v->unchecked;
}

/* see mav_dkim.h */
int mav_dkim_get(const mav_dkim_ctx *v, unsigned i, mav_dkim_info *info)
{
    const mav_dkim_slot *s;

    if (i >= v->nslots)
        return MAV_ERR_ARG;
    s = &v->slot[i];
    memset(info, 0, sizeof *info);
    info->result = (mav_dkim_result)s->result;
    info->reason = s->reason ? s->reason : "";
    info->alg = s->sig.alg;
    info->d = s->sig.d;
    info->s = s->sig.s;
    info->b_prefix = s->sig.b_prefix;
    info->key_bits = s->key_bits;
    info->key_dnssec = (mav_dnssec_verdict)s->key_dnssec;
    info->testing = s->testing;
    info->time_checked = s->time_checked;
    info->has_l = s->sig.has_l;
    info->body_bytes = s->canon.out;
    info->body_signed = s->body_signed;
    return s->state == SIG_DONE ? MAV_OK : MAV_PENDING;
}

/* see mav_dkim.h */
const mav_msg_ctx *mav_dkim_msg(const mav_dkim_ctx *v)
{
    return &v->msg;
}
