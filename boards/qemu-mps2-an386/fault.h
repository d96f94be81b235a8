/* SPDX-License-Identifier: MIT */
/*
 * fault.h - the board's handlers for faults and for exceptions nobody
 * enabled: report on the console, then exit QEMU with
 * MAV_BOARD_EXIT_FAULT, so a crash fails a test at once instead of
 * hanging it until a timeout.
 */
#ifndef MAV_BOARD_FAULT_H
#define MAV_BOARD_FAULT_H

/* HardFault, MemManage, BusFault and UsageFault. */
void mav_board_fault_isr(void);
/* Any other exception or interrupt without a handler. */
void mav_board_unexpected_isr(void);

#endif /* MAV_BOARD_FAULT_H */
