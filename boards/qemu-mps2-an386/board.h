/* SPDX-License-Identifier: MIT */
/*
 * board.h - what the QEMU mps2-an386 board (an Arm MPS2 FPGA board with
 * the AN386 Cortex-M4 image) gives the programs that run on it: the
 * millisecond clock, the stack measurement and the exit statuses. The
 * start-up code (startup.c) calls main(argc, argv) with the words of
 * the semihosting command line and exits with what it returns.
 */
#ifndef MAV_BOARD_H
#define MAV_BOARD_H

#include <stddef.h>
#include <stdint.h>

/* The AN386 image's system clock (SYSCLK), which drives the core and
 * SysTick: 25 MHz (Arm DAI 0386C, "Clocks"; QEMU's model uses the same). */
#define MAV_BOARD_SYSCLK_HZ 25000000u

/* Exit statuses of the board's programs, as QEMU returns them. */
enum {
    MAV_BOARD_EXIT_OK = 0,
    MAV_BOARD_EXIT_FAILED = 1, /* the program's own checks failed */
    MAV_BOARD_EXIT_USAGE = 2,  /* bad command line or input file */
    MAV_BOARD_EXIT_FAULT = 3   /* HardFault (fault.c reports it) */
};

/* Milliseconds since reset, from SysTick (wraps after 49 days). */
uint32_t mav_board_now_ms(void);
/* mav_board_now_ms(), and in *us the microseconds elapsed within that
 * millisecond (0..999), read together from SysTick's counter. Right at
 * a millisecond's end the counter can wrap before its tick is counted,
 * so two readings may go back by up to a millisecond. */
uint32_t mav_board_now_ms_us(uint32_t *us);

/* Sleep until the next interrupt (WFI): idle without spinning a host
 * core under QEMU. */
void mav_board_idle(void);

/* Bytes of the stack ever used since reset: startup.c paints the
 * whole stack with a pattern before main, this finds the deepest word
 * that was overwritten. */
size_t mav_board_stack_used(void);
/* Bytes reserved for the stack (the linker script's STACK_SIZE). */
size_t mav_board_stack_size(void);

/* printf-free output for the board's own messages: a string, an
 * unsigned decimal, a 32-bit hexadecimal word. */
void mav_board_print(const char *s);
void mav_board_print_u32(uint32_t v);
void mav_board_print_hex32(uint32_t v);

/* Called from startup.c only. */
void mav_board_systick_start(void);

#endif /* MAV_BOARD_H */
