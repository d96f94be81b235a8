/* SPDX-License-Identifier: MIT */
/*
 * nomalloc.c - the zero-malloc proof at run time (DESIGN.md rule 1).
 *
 * The runner is linked with -Wl,--wrap=malloc,calloc,realloc,free, so
 * every call to these from mav's objects (core, crypto, port, Mbed TLS)
 * or the tests lands here and aborts. libc's own internal allocations
 * (stdio buffers) are not redirected: --wrap only rewrites references in
 * the objects being linked. The suite checks that the wrap is in force.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

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

/* Fork a child that calls fn; true when the child died of SIGABRT. */
static int aborts(void (*fn)(void))
{
    pid_t pid;
    int st;

    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        fclose(stderr); /* the abort message is expected here */
        fn();
        _exit(0);
    }
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return 0;
    return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

static void *volatile sink;

static void call_malloc(void) { sink = malloc(16); }
static void call_calloc(void) { sink = calloc(2, 8); }
static void call_realloc(void) { sink = realloc(NULL, 16); }

void suite_nomalloc(void)
{
    CHECK_L("malloc is wrapped to abort", aborts(call_malloc));
    CHECK_L("calloc is wrapped to abort", aborts(call_calloc));
    CHECK_L("realloc is wrapped to abort", aborts(call_realloc));
}
