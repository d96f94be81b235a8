# SPDX-License-Identifier: MIT
# boards/qemu-mps2-an386/board.mk - QEMU's mps2-an386 (Cortex-M4, 25 MHz):
# "make BOARD=qemu-mps2-an386" builds build/qemu-mps2-an386/image.elf,
# the firmware image (startup, SysTick, semihosting, fault handler and
# mav, no C library). See README.md in this folder for porters.
include mk/base-cross.mk

QEMU_BOARD := boards/qemu-mps2-an386
CROSS_COMPILE := $(cortex-m4_PREFIX)
CC := $(CROSS_COMPILE)gcc
CFLAGS := $(cortex-m4_ARCH) -I$(QEMU_BOARD)
STARTUP := $(QEMU_BOARD)/startup.c
LDSCRIPT := $(QEMU_BOARD)/mps2-an386.ld
# The board's runtime, shared by every program that runs on it.
QEMU_BOARD_RUNTIME := $(QEMU_BOARD)/semihost.c $(QEMU_BOARD)/systick.c \
                      $(QEMU_BOARD)/fault.c $(QEMU_BOARD)/console.c
IMAGE_SRCS := $(QEMU_BOARD)/main.c $(QEMU_BOARD_RUNTIME)
# "make test" on the host runs this board's programs under QEMU; "make
# BOARD=... test" would mean the host suites, which this build has not.
TESTS := no
