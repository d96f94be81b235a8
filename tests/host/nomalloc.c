/* SPDX-License-Identifier: MIT */
/*
 * nomalloc.c - the zero-malloc proof at run time (DESIGN.md rule 1).
 *
 * The runner is linked with -Wl,--wrap=malloc,calloc,realloc,free, so
 * every call to these from mav's objects (core, crypto, port, Mbed TLS)
 * or the tests lands here and aborts. libc's own internal allocations
 * (stdio buffers) are not redirected: --wrap only rewrites references in
 * the objects being linked. The wrappers are in heap_wrap.c; this suite
 * checks that the wrap is in force.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

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
