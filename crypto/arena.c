/* SPDX-License-Identifier: MIT */
/*
 * arena.c - the one static arena Mbed TLS allocates its bignums from.
 *
 * Mbed TLS's bignum code calls mbedtls_calloc; with
 * MBEDTLS_MEMORY_BUFFER_ALLOC_C those calls are served from this array,
 * so no system heap is ever touched (DESIGN.md rule 1). The arena is
 * painted at setup: Mbed TLS's allocator is first-fit from the low end
 * and calloc zeroes what it hands out, so the highest byte that lost its
 * paint is the high-water mark, fragmentation included. That measure
 * works on a device, where Mbed TLS's own counter (MBEDTLS_MEMORY_DEBUG,
 * stdio-bound) is not built.
 *
 * mbedtls_memory_buffer_alloc_init() zeroes the whole buffer and puts
 * one block header at its start, so we paint after it, past a bound on
 * the header's size (ten pointer-sized fields, the largest variant).
 *
 * This is the only mutable module-level state in mav, forced on us by
 * Mbed TLS's global allocator; it is not thread-safe (see mav_crypto.h).
 */
#include <string.h>

#include "mav_config.h"
#include "mav_crypto.h"
#include "crypto_internal.h"

#include "mbedtls/memory_buffer_alloc.h"

#define PAINT 0xA5u
#define HEADER_BOUND (10 * sizeof(void *))

/* Aligned for Mbed TLS's block headers (pointers and size_t). */
static union {
    uint8_t bytes[MAV_CFG_MBEDTLS_ARENA];
    uint64_t align;
} arena;
static int arena_ready;

/* see mav_crypto.h */
void mav_crypto_init(void)
{
    if (arena_ready)
        return;
    mbedtls_memory_buffer_alloc_init(arena.bytes, sizeof arena.bytes);
    memset(arena.bytes + HEADER_BOUND, PAINT,
           sizeof arena.bytes - HEADER_BOUND);
    arena_ready = 1;
}

/* see mav_crypto.h */
size_t mav_crypto_arena_size(void)
{
    return sizeof arena.bytes;
}

/* see mav_crypto.h */
size_t mav_crypto_arena_peak(void)
{
    size_t top = sizeof arena.bytes;

    if (!arena_ready)
        return 0;
    while (top > HEADER_BOUND && arena.bytes[top - 1] == PAINT)
        top--;
    return top;
}

/* see mav_crypto.h */
int mav_crypto_arena_check(void)
{
    if (!arena_ready)
        return 0;
    return mbedtls_memory_buffer_alloc_verify() == 0 ? 0 : MAV_CRYPTO_ERR_MEMORY;
}
