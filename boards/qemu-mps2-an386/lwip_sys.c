/* SPDX-License-Identifier: MIT */
/*
 * lwip_sys.c - what lwIP with NO_SYS=1 asks of this board's platform:
 * sys_now(), its millisecond clock (lwip/sys.h; port/lwip reads the same
 * clock, so mav's timeouts and lwIP's timers agree), from SysTick; and
 * the assertion handler of arch/cc.h. LWIP_RAND() is board_random.c's.
 */
#include "lwip/sys.h"

#include "board.h"
#include "semihost.h"

u32_t sys_now(void)
{
    return mav_board_now_ms();
}

void mav_board_lwip_assert(const char *msg, const char *file, int line);

void mav_board_lwip_assert(const char *msg, const char *file, int line)
{
    mav_board_print("\nlwIP assertion failed: ");
    mav_board_print(msg);
    mav_board_print(" (");
    mav_board_print(file);
    mav_board_print(":");
    mav_board_print_u32((uint32_t)line);
    mav_board_print(")\n");
    mav_semihost_exit(MAV_BOARD_EXIT_FAULT);
}
