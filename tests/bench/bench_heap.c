/* SPDX-License-Identifier: MIT */
/*
 * bench_heap.c - the counting allocator of bench_heap.h.
 */
#include <stddef.h>

#include "bench_heap.h"

/* glibc's own allocator, exported for exactly this kind of replacement. */
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);

unsigned long bench_heap_calls;

void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
void free(void *p);

void *malloc(size_t n)
{
    bench_heap_calls++;
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    bench_heap_calls++;
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    bench_heap_calls++;
    return __libc_realloc(p, n);
}

void free(void *p)
{
    __libc_free(p);
}
