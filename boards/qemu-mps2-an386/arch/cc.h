/* SPDX-License-Identifier: MIT */
/*
 * arch/cc.h - lwIP's compiler and platform header for the mps2-an386
 * (lwIP's src/include/lwip/arch.h includes it first). The image links no
 * C library, so lwIP's diagnostics, which default to printf() and
 * abort(), go to the board's console and its fault exit instead, and
 * LWIP_RAND() comes from the board's randomness hook (board_random.h).
 * GCC for the Cortex-M4 is little-endian and has the C99 headers lwIP
 * includes (stdint.h, inttypes.h, limits.h); ctype.h's functions would
 * need newlib's tables, so lwIP uses its own (LWIP_NO_CTYPE_H).
 */
#ifndef MAV_BOARD_LWIP_ARCH_CC_H
#define MAV_BOARD_LWIP_ARCH_CC_H

#include <stdint.h>

#define LWIP_NO_CTYPE_H 1

uint32_t mav_board_random_u32(void);
#define LWIP_RAND() mav_board_random_u32()

/* An lwIP assertion failed: report and stop with the fault status, as a
 * HardFault would (a test fails at once instead of running on). */
void mav_board_lwip_assert(const char *msg, const char *file, int line);
#define LWIP_PLATFORM_ASSERT(x) mav_board_lwip_assert((x), __FILE__, __LINE__)
/* LWIP_DEBUG is off: no diagnostic output. */
#define LWIP_PLATFORM_DIAG(x) \
    do {                      \
    } while (0)

#endif /* MAV_BOARD_LWIP_ARCH_CC_H */
