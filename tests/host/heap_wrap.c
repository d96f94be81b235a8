/* SPDX-License-Identifier: MIT */
/*
 * heap_wrap.c - the targets of -Wl,--wrap=malloc,calloc,realloc,free
 * (DESIGN.md rule 1, zero malloc), shared by the host runner and the
 * lwIP test: any heap call from the objects being linked lands here and
 * aborts with the name of the call.
 */
#include <stdio.h>
#include <stdlib.h>

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static void heap_used(const char *fn)
{
    fprintf(stderr, "zero-malloc rule broken: %s() called\n", fn);
    abort();
}

void *__wrap_malloc(size_t n)
{
    (void)n;
    heap_used("malloc");
    return NULL;
}

void *__wrap_calloc(size_t n, size_t m)
{
    (void)n;
    (void)m;
    heap_used("calloc");
    return NULL;
}

void *__wrap_realloc(void *p, size_t n)
{
    (void)p;
    (void)n;
    heap_used("realloc");
    return NULL;
}

void __wrap_free(void *p)
{
    /* free(NULL) is harmless and some libc paths do it. */
    if (p != NULL)
        heap_used("free");
}
