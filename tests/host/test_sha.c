/* SPDX-License-Identifier: MIT */
/*
 * test_sha.c - SHA-1/256/384/512 against the FIPS 180 examples, the
 * million-'a' message, and the streaming invariance of STYLE.md C13(a):
 * one-byte chunks and a split at every offset give the same digest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mav_crypto.h"
#include "test.h"
#include "vec.h"

/* One hash behind a uniform face, so each test runs over all four. */
typedef struct {
    const char *name;
    size_t len;
    void (*init)(void *);
    void (*update)(void *, const void *, size_t);
    void (*final)(void *, uint8_t *);
} hash_face;

typedef union {
    mav_sha1_ctx s1;
    mav_sha256_ctx s256;
    mav_sha512_ctx s512;
} any_ctx;

#define FACE(ctxt, fn)                                              \
    static void fn##_i(void *c) { mav_##fn##_init((ctxt *)c); }           \
    static void fn##_u(void *c, const void *p, size_t n)                   \
    {                                                                      \
        mav_##fn##_update((ctxt *)c, p, n);                                \
    }                                                                      \
    static void fn##_f(void *c, uint8_t *o) { mav_##fn##_final((ctxt *)c, o); }

FACE(mav_sha1_ctx, sha1)
FACE(mav_sha256_ctx, sha256)
FACE(mav_sha512_ctx, sha384)
FACE(mav_sha512_ctx, sha512)

static const hash_face faces[] = {
    {"sha1", MAV_SHA1_LEN, sha1_i, sha1_u, sha1_f},
    {"sha256", MAV_SHA256_LEN, sha256_i, sha256_u, sha256_f},
    {"sha384", MAV_SHA384_LEN, sha384_i, sha384_u, sha384_f},
    {"sha512", MAV_SHA512_LEN, sha512_i, sha512_u, sha512_f},
};

static const hash_face *face(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof faces / sizeof faces[0]; i++)
        if (strcmp(faces[i].name, name) == 0)
            return &faces[i];
    return NULL;
}

static void one_vector(const vec_case *c, void *arg)
{
    const hash_face *h = face(c->kind);
    const char *msg = vec_get(c, "msg"), *rep = vec_get(c, "repeat");
    size_t len = vec_len(c, "msg"), i, n = rep ? (size_t)strtoul(rep, NULL, 10) : 1;
    uint8_t want[64], got[64];
    long wl = vec_hex(c, "expect", want, sizeof want);
    any_ctx ctx;

    (void)arg;
    CHECK_L(c->kind, h != NULL && msg != NULL && wl == (long)(h ? h->len : 0));
    if (!h || !msg)
        return;
    h->init(&ctx);
    for (i = 0; i < n; i++)
        h->update(&ctx, msg, len);
    h->final(&ctx, got);
    CHECK_MEM(vec_get(c, "name"), got, h->len, want, (size_t)wl);
}

/* Every split point, and one-byte chunks, give the one-shot digest. */
static void streaming(const hash_face *h)
{
    uint8_t msg[300], whole[64], part[64];
    size_t i, split, bad = 0;
    any_ctx ctx;

    for (i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 131 + 7);
    h->init(&ctx);
    h->update(&ctx, msg, sizeof msg);
    h->final(&ctx, whole);
    for (split = 0; split <= sizeof msg; split++) {
        h->init(&ctx);
        h->update(&ctx, msg, split);
        h->update(&ctx, msg + split, sizeof msg - split);
        h->final(&ctx, part);
        bad += memcmp(part, whole, h->len) != 0;
    }
    CHECK_INT(h->name, bad, 0);
    h->init(&ctx);
    for (i = 0; i < sizeof msg; i++)
        h->update(&ctx, msg + i, 1);
    h->final(&ctx, part);
    CHECK_MEM(h->name, part, h->len, whole, h->len);
}

/* A copied context continues independently (the contexts hold no
 * pointers, mav_crypto.h): DKIM relies on it. */
static void snapshot(const hash_face *h)
{
    any_ctx a, b;
    uint8_t da[64], db[64];

    h->init(&a);
    h->update(&a, "head", 4);
    b = a;
    h->update(&a, "tail", 4);
    h->update(&b, "tail", 4);
    h->final(&a, da);
    h->final(&b, db);
    CHECK_MEM(h->name, da, h->len, db, h->len);
}

/* Random data of many lengths against the openssl command-line tool. */
static void against_openssl(const hash_face *h)
{
    static uint8_t buf[70000];
    static const size_t lens[] = {1, 55, 56, 63, 64, 111, 112, 127, 128,
                                  1000, 65537};
    char path[600], out[700], line[300];
    uint8_t want[64], got[64];
    size_t i;

    for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        any_ctx ctx;
        long n;
        FILE *f;
        char *sp;

        snprintf(path, sizeof path, "%s/sha-%zu.bin", test_tmpdir(), lens[i]);
        snprintf(out, sizeof out, "%s.%s", path, h->name);
        if (test_sh("head -c %zu /dev/urandom > %s && openssl dgst -%s -r %s"
                    " > %s", lens[i], path, h->name, path, out) != 0) {
            CHECK_L("openssl dgst ran", 0);
            continue;
        }
        n = test_read_file(path, buf, sizeof buf);
        f = fopen(out, "r");
        line[0] = 0;
        if (f) {
            if (!fgets(line, sizeof line, f))
                line[0] = 0;
            fclose(f);
        }
        sp = strchr(line, ' ');
        if (sp)
            *sp = 0;
        CHECK_L("openssl output read", n == (long)lens[i] &&
                test_unhex(line, want, sizeof want) == (long)h->len);
        h->init(&ctx);
        h->update(&ctx, buf, lens[i]);
        h->final(&ctx, got);
        CHECK_MEM(h->name, got, h->len, want, h->len);
    }
}

void suite_sha(void)
{
    size_t i;

    CHECK(vec_each("vectors/sha.vec", one_vector, NULL) == 20);
    for (i = 0; i < sizeof faces / sizeof faces[0]; i++) {
        streaming(&faces[i]);
        snapshot(&faces[i]);
        against_openssl(&faces[i]);
    }
}
