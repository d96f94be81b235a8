# SPDX-License-Identifier: MIT
# boards/rv32/board.mk - a generic RV32IMAC microcontroller: "make
# BOARD=rv32" cross-builds build/rv32/libmav.a and the freestanding image
# with riscv64-unknown-elf-gcc and picolibc's headers. No tests run on
# the target yet; a later issue adds a QEMU board that does.
include mk/base-cross.mk
CROSS_COMPILE := $(rv32_PREFIX)
CC := $(CROSS_COMPILE)gcc
CFLAGS := $(rv32_ARCH)
STARTUP := $(rv32_START)
LDSCRIPT := $(rv32_LDSCRIPT)
TESTS := no
