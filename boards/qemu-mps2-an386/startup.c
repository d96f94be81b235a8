/* SPDX-License-Identifier: MIT */
/*
 * startup.c - reset to main() on the mps2-an386: the vector table, the
 * reset handler (copy .data, clear .bss, paint the stack, start
 * SysTick), the command line from semihosting as argc/argv, and after
 * main() the stack it used and its exit status back to QEMU. The core
 * loads sp from entry 0 of the table and jumps to entry 1 (ARMv7-M ARM
 * B1.5.5), so all of it is C.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "fault.h"
#include "semihost.h"

int main(int argc, char **argv);
void mav_board_reset(void);

/* A program that links a C library sets it up here (newlib_glue.c:
 * standard streams, environment); weak, so by default nothing happens. */
void mav_board_before_main(int *argc, char ***argv);
__attribute__((weak)) void mav_board_before_main(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
}

/* From mps2-an386.ld. */
extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[];
extern uint32_t _stack_bottom[], _stack_top[];

/* The value the stack is painted with; any other value in a stack word
 * means something was stored there. */
#define STACK_PAINT 0x5ac4a11eu

/* The AN386 wires 32 device interrupts into the NVIC (QEMU's mps2
 * model has the same number). */
#define DEVICE_IRQS 32

struct vectors {
    void *sp;
    void (*system[15])(void);
    void (*device[DEVICE_IRQS])(void);
};

void mav_board_systick_isr(void);

/* The Ethernet controller's line (external interrupt 13): a program
 * with the driver (lan9118.c) defines the handler; the others never
 * enable the line, and this one reports it if it fires anyway. */
void mav_board_eth_isr(void);
__attribute__((weak)) void mav_board_eth_isr(void)
{
    mav_board_unexpected_isr();
}

#define UNEXPECTED_2 mav_board_unexpected_isr, mav_board_unexpected_isr
#define UNEXPECTED_8 UNEXPECTED_2, UNEXPECTED_2, UNEXPECTED_2, UNEXPECTED_2

/* Entries 1..15: reset, NMI, HardFault, MemManage, BusFault,
 * UsageFault, 4 reserved, SVCall, DebugMonitor, reserved, PendSV,
 * SysTick. Every entry this board does not use reports and stops. */
__attribute__((used, section(".isr_vector")))
static const struct vectors vectors = {
    _stack_top,
    {mav_board_reset, mav_board_unexpected_isr, mav_board_fault_isr,
     mav_board_fault_isr, mav_board_fault_isr, mav_board_fault_isr, 0, 0,
     0, 0, mav_board_unexpected_isr, mav_board_unexpected_isr, 0,
     mav_board_unexpected_isr, mav_board_systick_isr},
    {UNEXPECTED_8, UNEXPECTED_2, UNEXPECTED_2, mav_board_unexpected_isr,
     mav_board_eth_isr, UNEXPECTED_2, /* 0-15: 13 is the LAN9118 */
     UNEXPECTED_8, UNEXPECTED_8}}; /* 16-31 */

/* Paint the stack below the caller's frame. Not inlined, so that its
 * own frame is the lowest live one while it runs and every word below
 * it can be painted. */
__attribute__((noinline)) static void paint_stack(void)
{
    volatile uint32_t *p = _stack_bottom;
    uint32_t here;

    /* The address of a local is (about) this frame's sp; 16 bytes of
     * margin for what the compiler keeps below it. */
    while ((uintptr_t)p < (uintptr_t)&here - 16)
        *p++ = STACK_PAINT;
}

size_t mav_board_stack_used(void)
{
    const uint32_t *p = _stack_bottom;

    while (p < _stack_top && *p == STACK_PAINT)
        p++;
    return (size_t)((uintptr_t)_stack_top - (uintptr_t)p);
}

size_t mav_board_stack_size(void)
{
    return (size_t)((uintptr_t)_stack_top - (uintptr_t)_stack_bottom);
}

/* Split the command line into words in place; returns argc. */
static int split_words(char *line, char **argv, int max)
{
    int argc = 0;

    while (*line && argc < max) {
        while (*line == ' ')
            *line++ = 0;
        if (!*line)
            break;
        argv[argc++] = line;
        while (*line && *line != ' ')
            line++;
    }
    argv[argc] = NULL;
    return argc;
}

void mav_board_reset(void)
{
    /* The semihosting specification allows a command line this long. */
    static char cmdline[1024];
    static char *argv[64];
    char **args = argv;
    int argc, status;
    size_t i;

    /* .data from its load image in code RAM, .bss to zero. */
    for (i = 0; &_sdata[i] < _edata; i++)
        _sdata[i] = _sidata[i];
    for (i = 0; &_sbss[i] < _ebss; i++)
        _sbss[i] = 0;
    paint_stack();
    mav_board_systick_start();

    if (mav_semihost_cmdline(cmdline, sizeof cmdline) != 0)
        cmdline[0] = 0;
    argc = split_words(cmdline, argv, (int)(sizeof argv / sizeof argv[0]) - 1);
    mav_board_before_main(&argc, &args);
    status = main(argc, args);
    mav_board_print("stack used: ");
    mav_board_print_u32((uint32_t)mav_board_stack_used());
    mav_board_print(" of ");
    mav_board_print_u32((uint32_t)mav_board_stack_size());
    mav_board_print(" bytes\n");
    mav_semihost_exit(status);
}
