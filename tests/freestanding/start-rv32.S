/* SPDX-License-Identifier: MIT */
/*
 * start-rv32.S - the RV32 entry of the freestanding image. A RISC-V
 * hart starts with no stack, so the two registers C relies on are set
 * here: gp (for linker relaxation against __global_pointer$, RISC-V
 * ELF psABI) and sp; then mav_image_reset() in image_main.c does the
 * rest. Placed first in flash by rv32.ld (.text.start).
 */
    .section .text.start, "ax"
    .globl _start
_start:
    /* gp must be loaded without the relaxation that relies on it. */
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    la sp, _stack_top
    call mav_image_reset
1:  j 1b
