/* SPDX-License-Identifier: MIT */
/*
 * bench_heap.h - counting the peers' heap calls. bench_heap.c replaces
 * malloc, calloc, realloc and free in the executable (a --wrap would miss
 * the calls made inside a shared library such as libldns.so) and hands
 * each call on to glibc's own allocator.
 */
#ifndef MAV_BENCH_HEAP_H
#define MAV_BENCH_HEAP_H

/* malloc + calloc + realloc calls since the program started. */
extern unsigned long bench_heap_calls;

#endif /* MAV_BENCH_HEAP_H */
