/* SPDX-License-Identifier: MIT */
/*
 * systick.c - the board's millisecond clock: SysTick on the processor
 * clock (25 MHz) interrupts every millisecond and counts (ARMv7-M ARM
 * B3.3). The count is the one global of the board: an interrupt
 * handler has no other place to put it.
 */
#include <stdint.h>

#include "board.h"

#define SYST_CSR (*(volatile uint32_t *)0xe000e010u)
#define SYST_RVR (*(volatile uint32_t *)0xe000e014u)
#define SYST_CVR (*(volatile uint32_t *)0xe000e018u)

/* CSR bits: counter on, interrupt on, clock = the processor's. */
#define SYST_CSR_ENABLE 1u
#define SYST_CSR_TICKINT 2u
#define SYST_CSR_CLKSOURCE 4u

void mav_board_systick_isr(void);

static volatile uint32_t ticks_ms;

void mav_board_systick_start(void)
{
    /* The counter wraps from RVR to 0: RVR + 1 clocks per tick. */
    SYST_RVR = MAV_BOARD_SYSCLK_HZ / 1000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
}

void mav_board_systick_isr(void)
{
    ticks_ms++;
}

uint32_t mav_board_now_ms(void)
{
    return ticks_ms; /* one aligned 32-bit load: atomic on the M4 */
}

uint32_t mav_board_now_ms_us(uint32_t *us)
{
    uint32_t ms, left;

    /* The counter counts down from RVR within the millisecond; read it
     * again if a tick came in between the two loads. */
    do {
        ms = ticks_ms;
        left = SYST_CVR;
    } while (ms != ticks_ms);
    *us = (SYST_RVR - left) / (MAV_BOARD_SYSCLK_HZ / 1000000u);
    return ms;
}

void mav_board_idle(void)
{
    __asm__ volatile("wfi" ::: "memory");
}
