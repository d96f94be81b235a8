/* SPDX-License-Identifier: MIT */
/*
 * start-cortex-m4.c - the Cortex-M4 vector table of the freestanding
 * image. The core loads the stack pointer from entry 0 and jumps to
 * entry 1 (ARMv7-M ARM, B1.5.3), so no assembly is needed: the reset
 * handler is mav_image_reset() in image_main.c. Every exception the
 * image does not expect parks in a loop where a debugger can see it.
 */
#include <stdint.h>

void mav_image_reset(void);
void mav_image_fault(void);

extern uint32_t _stack_top; /* cortex-m4.ld: the end of RAM */

/* Initial SP, then the 15 system exceptions; no device interrupts. */
struct vectors {
    void *sp;
    void (*handler[15])(void);
};

__attribute__((used, section(".isr_vector")))
static const struct vectors vectors = {
    &_stack_top,
    {mav_image_reset, mav_image_fault, mav_image_fault, mav_image_fault,
     mav_image_fault, mav_image_fault, 0, 0, 0, 0, mav_image_fault,
     mav_image_fault, 0, mav_image_fault, mav_image_fault}};

void mav_image_fault(void)
{
    for (;;) {
    }
}
