/* SPDX-License-Identifier: MIT */
/*
 * mem.c - the four <string.h> functions mav's device code may call
 * (DESIGN.md rule 3), for the freestanding image, which links no libc.
 * The compiler also emits calls to them for struct copies and clears,
 * even under -ffreestanding. Byte loops: simple, obviously correct and
 * fast enough for what crypto/ copies; a board with a libc uses its own.
 * Built with -fno-tree-loop-distribute-patterns so that GCC does not
 * turn these loops back into calls to themselves.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    /* Compared as integers: relational operators on pointers into
     * different objects are undefined in C. */
    if ((uintptr_t)d <= (uintptr_t)s) {
        while (n--)
            *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n--)
            *--d = *--s;
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;

    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    for (; n; n--, p++, q++) {
        if (*p != *q)
            return *p < *q ? -1 : 1;
    }
    return 0;
}
