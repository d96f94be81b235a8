# SPDX-License-Identifier: MIT
# boards/cortex-m4/board.mk - a generic Cortex-M4 (STM32F4/nRF52 class):
# "make BOARD=cortex-m4" cross-builds build/cortex-m4/libmav.a and the
# freestanding image with arm-none-eabi-gcc. No tests run on the target
# yet; a later issue adds a QEMU board that does.
include mk/base-cross.mk
CROSS_COMPILE := $(cortex-m4_PREFIX)
CC := $(CROSS_COMPILE)gcc
CFLAGS := $(cortex-m4_ARCH)
STARTUP := $(cortex-m4_START)
LDSCRIPT := $(cortex-m4_LDSCRIPT)
TESTS := no
