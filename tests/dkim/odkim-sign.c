/* SPDX-License-Identifier: MIT */
/*
 * odkim-sign.c - sign one message with libopendkim (OpenDKIM's library,
 * Debian libopendkim-dev), for tests/dkim/make-signed-mail. Built at test
 * time: cc -o odkim-sign odkim-sign.c -lopendkim.
 *
 *   odkim-sign -d DOMAIN -s SELECTOR -k KEYFILE [-a rsa-sha256|
 *              ed25519-sha256|rsa-sha1] [-c HDR/BODY] [-l] [-o a,b,...]
 *              [-h a,b,...] [-t UNIXTIME] [-m MARGIN]
 *              < message > signed message
 *
 * -c simple|relaxed for header and body (default relaxed/relaxed); -l adds
 * l= with the whole body's length (DKIM_LIBFLAGS_SIGNLEN); -o over-signs
 * the named fields (DKIM_OPTS_OVERSIGNHDRS: each named one more time in h=
 * than present); -h the fields to sign (DKIM_OPTS_SIGNHDRS; default is the
 * library's RFC 6376 list); -t the signing clock (DKIM_OPTS_FIXEDTIME);
 * -m the folding margin (dkim_set_margin; 0: the field on one line).
 * The message is CRLF text; the output is the DKIM-Signature field, folded
 * by libopendkim with CRLF, then the message unchanged. The key file is
 * handed to dkim_sign as it is (PEM).
 */
#define _DEFAULT_SOURCE /* u_char and friends, which dkim.h uses */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <opendkim/dkim.h>

static unsigned char *slurp(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0, r;
    unsigned char *b = malloc(cap + 1);

    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            unsigned char *nb = realloc(b, cap * 2 + 1);
            if (!nb) {
                free(b);
                return NULL;
            }
            b = nb;
            cap *= 2;
        }
    }
    if (b)
        b[n] = 0;
    *len = n;
    return b;
}

/* "a,b,c" -> NULL-terminated list (the string is cut in place) */
static const char **names(char *s)
{
    size_t n = 1;
    const char **v;
    char *p;

    for (p = s; *p; p++)
        n += *p == ',';
    v = calloc(n + 1, sizeof *v);
    if (!v)
        return NULL;
    n = 0;
    for (p = strtok(s, ","); p; p = strtok(NULL, ","))
        v[n++] = p;
    v[n] = NULL;
    return v;
}

static int die(const char *what, DKIM_STAT st)
{
    fprintf(stderr, "odkim-sign: %s: %s\n", what,
            dkim_getresultstr(st));
    return 1;
}

int main(int argc, char **argv)
{
    const char *domain = NULL, *sel = NULL, *keyfile = NULL;
    const char **over = NULL, **sign = NULL;
    dkim_canon_t hc = DKIM_CANON_RELAXED, bc = DKIM_CANON_RELAXED;
    dkim_alg_t alg = DKIM_SIGN_RSASHA256;
    int opt, signlen = 0, margin = -1;
    uint64_t fixed = 0;
    unsigned char *msg, *key, *p, *end, *hdr;
    size_t mlen, klen;
    DKIM_LIB *lib;
    DKIM *dk;
    DKIM_STAT st;
    FILE *kf;
    u_int flags;
    unsigned char *sig;
    size_t siglen;
    char *c;

    while ((opt = getopt(argc, argv, "d:s:k:a:c:lo:h:t:m:")) != -1) {
        switch (opt) {
        case 'd': domain = optarg; break;
        case 's': sel = optarg; break;
        case 'k': keyfile = optarg; break;
        case 'a':
            if (strcmp(optarg, "rsa-sha256") == 0)
                alg = DKIM_SIGN_RSASHA256;
            else if (strcmp(optarg, "ed25519-sha256") == 0)
                alg = DKIM_SIGN_ED25519SHA256;
            else if (strcmp(optarg, "rsa-sha1") == 0)
                alg = DKIM_SIGN_RSASHA1;
            else
                return fprintf(stderr, "odkim-sign: -a %s?\n", optarg), 2;
            break;
        case 'c':
            c = strchr(optarg, '/');
            hc = strncmp(optarg, "simple", 6) == 0 ? DKIM_CANON_SIMPLE
                                                   : DKIM_CANON_RELAXED;
            bc = c && strcmp(c + 1, "simple") == 0 ? DKIM_CANON_SIMPLE
                                                   : DKIM_CANON_RELAXED;
            break;
        case 'l': signlen = 1; break;
        case 'o': over = names(optarg); break;
        case 'h': sign = names(optarg); break;
        case 't': fixed = strtoull(optarg, NULL, 10); break;
        case 'm': margin = atoi(optarg); break;
        default: return 2;
        }
    }
    if (!domain || !sel || !keyfile) {
        fprintf(stderr, "usage: odkim-sign -d DOMAIN -s SEL -k KEY ...\n");
        return 2;
    }
    kf = fopen(keyfile, "rb");
    if (!kf)
        return perror(keyfile), 1;
    key = slurp(kf, &klen);
    fclose(kf);
    msg = slurp(stdin, &mlen);
    if (!key || !msg)
        return 1;

    lib = dkim_init(NULL, NULL);
    if (!lib)
        return fprintf(stderr, "odkim-sign: dkim_init failed\n"), 1;
    if (alg == DKIM_SIGN_ED25519SHA256 &&
        !dkim_libfeature(lib, DKIM_FEATURE_ED25519)) {
        fprintf(stderr, "odkim-sign: this libopendkim has no Ed25519\n");
        return 3;
    }
    flags = DKIM_LIBFLAGS_DEFAULT | (signlen ? DKIM_LIBFLAGS_SIGNLEN : 0);
    st = dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_FLAGS, &flags,
                      sizeof flags);
    if (st == DKIM_STAT_OK && fixed)
        st = dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_FIXEDTIME, &fixed,
                          sizeof fixed);
    if (st == DKIM_STAT_OK && over)
        st = dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_OVERSIGNHDRS, over,
                          sizeof over);
    if (st == DKIM_STAT_OK && sign)
        st = dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_SIGNHDRS, sign,
                          sizeof sign);
    if (st != DKIM_STAT_OK)
        return die("dkim_options", st);

    dk = dkim_sign(lib, (const unsigned char *)"odkim-sign", NULL,
                   (dkim_sigkey_t)key, (const unsigned char *)sel,
                   (const unsigned char *)domain, hc, bc, alg, -1, &st);
    if (!dk)
        return die("dkim_sign", st);
    if (margin >= 0 && (st = dkim_set_margin(dk, margin)) != DKIM_STAT_OK)
        return die("dkim_set_margin", st);

    /* header fields, each with its folded lines but without the last CRLF
     */
    p = msg;
    end = msg + mlen;
    while (p < end) {
        if (p + 1 < end && p[0] == '\r' && p[1] == '\n') {
            p += 2;
            break;
        }
        hdr = p;
        for (;;) {
            unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
            p = nl ? nl + 1 : end;
            if (p >= end || (*p != ' ' && *p != '\t'))
                break;
        }
        {
            size_t hl = (size_t)(p - hdr);
            if (hl >= 2 && hdr[hl - 2] == '\r' && hdr[hl - 1] == '\n')
                hl -= 2;
            st = dkim_header(dk, hdr, hl);
            if (st != DKIM_STAT_OK)
                return die("dkim_header", st);
        }
    }
    st = dkim_eoh(dk);
    if (st != DKIM_STAT_OK)
        return die("dkim_eoh", st);
    if (p < end) {
        st = dkim_body(dk, p, (size_t)(end - p));
        if (st != DKIM_STAT_OK)
            return die("dkim_body", st);
    }
    st = dkim_eom(dk, NULL);
    if (st != DKIM_STAT_OK)
        return die("dkim_eom", st);
    st = dkim_getsighdr_d(dk, strlen(DKIM_SIGNHEADER) + 2, &sig, &siglen);
    if (st != DKIM_STAT_OK)
        return die("dkim_getsighdr", st);

    /* libopendkim folds with a bare LF; SMTP and the hash want CRLF */
    printf("%s: ", DKIM_SIGNHEADER);
    for (klen = 0; klen < siglen && sig[klen]; klen++) {
        if (sig[klen] == '\n' && (klen == 0 || sig[klen - 1] != '\r'))
            putchar('\r');
        putchar(sig[klen]);
    }
    fputs("\r\n", stdout);
    fwrite(msg, 1, mlen, stdout);
    dkim_free(dk);
    dkim_close(lib);
    free(msg);
    free(key);
    free(over);
    free(sign);
    return ferror(stdout) ? 1 : 0;
}
