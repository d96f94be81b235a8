/* SPDX-License-Identifier: MIT */
/*
 * fault.c - HardFault and friends: print where the fault happened (the
 * stacked pc, lr and xPSR of ARMv7-M ARM B1.5.6) and why (the fault
 * status registers of the System Control Block, B3.2), then exit QEMU
 * with MAV_BOARD_EXIT_FAULT.
 */
#include <stdint.h>

#include "board.h"
#include "fault.h"
#include "semihost.h"

/* System Control Block registers (ARMv7-M ARM B3.2.2). */
#define SCB_ICSR (*(volatile uint32_t *)0xe000ed04u)
#define SCB_CFSR (*(volatile uint32_t *)0xe000ed28u)
#define SCB_HFSR (*(volatile uint32_t *)0xe000ed2cu)
#define SCB_MMFAR (*(volatile uint32_t *)0xe000ed34u)
#define SCB_BFAR (*(volatile uint32_t *)0xe000ed38u)

/* The eight words the core pushed on exception entry. */
enum { FRAME_R0, FRAME_R1, FRAME_R2, FRAME_R3, FRAME_R12, FRAME_LR,
       FRAME_PC, FRAME_XPSR };

void mav_board_fault_report(const uint32_t *frame, uint32_t exc_return);

static void field(const char *name, uint32_t v)
{
    mav_board_print(name);
    mav_board_print_hex32(v);
}

void mav_board_fault_report(const uint32_t *frame, uint32_t exc_return)
{
    mav_board_print("\nFAULT: exception ");
    mav_board_print_u32(SCB_ICSR & 0x1ffu);
    field(" pc ", frame[FRAME_PC]);
    field(" lr ", frame[FRAME_LR]);
    field(" xpsr ", frame[FRAME_XPSR]);
    field(" exc_return ", exc_return);
    field("\n       cfsr ", SCB_CFSR);
    field(" hfsr ", SCB_HFSR);
    field(" mmfar ", SCB_MMFAR);
    field(" bfar ", SCB_BFAR);
    mav_board_print("\n");
    mav_semihost_exit(MAV_BOARD_EXIT_FAULT);
}

/* Naked: the frame is on whichever stack was active, which bit 2 of
 * EXC_RETURN (in lr) says; C code would push onto it first. */
__attribute__((naked)) void mav_board_fault_isr(void)
{
    __asm__ volatile("tst lr, #4\n\t"
                     "ite eq\n\t"
                     "mrseq r0, msp\n\t"
                     "mrsne r0, psp\n\t"
                     "mov r1, lr\n\t"
                     "b mav_board_fault_report\n\t");
}

void mav_board_unexpected_isr(void)
{
    mav_board_print("\nFAULT: unexpected exception ");
    mav_board_print_u32(SCB_ICSR & 0x1ffu);
    mav_board_print("\n");
    mav_semihost_exit(MAV_BOARD_EXIT_FAULT);
}
