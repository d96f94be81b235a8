/* SPDX-License-Identifier: MIT */
/*
 * console.c - the board's own messages on the semihosting console,
 * without printf: the firmware image links no C library.
 */
#include <stdint.h>

#include "board.h"
#include "semihost.h"

void mav_board_print(const char *s)
{
    mav_semihost_puts(s);
}

void mav_board_print_u32(uint32_t v)
{
    char buf[11];
    char *p = buf + sizeof buf;

    *--p = 0;
    do {
        *--p = (char)('0' + v % 10u);
        v /= 10u;
    } while (v);
    mav_semihost_puts(p);
}

void mav_board_print_hex32(uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    char buf[11];
    int i;

    buf[0] = '0';
    buf[1] = 'x';
    for (i = 0; i < 8; i++)
        buf[2 + i] = digits[(v >> (28 - 4 * i)) & 0xfu];
    buf[10] = 0;
    mav_semihost_puts(buf);
}
