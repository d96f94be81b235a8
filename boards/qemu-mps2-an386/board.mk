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

# ---- the unit-test runner on the target: build/qemu-mps2-an386/run.elf
# tests/host/run.c with the suites of MAV_TARGET_SUITES (tests/host/
# suites.h), linked with newlib's C library over semihosting
# (newlib_glue.c): stdio on host files, system() on the host's shell.
QEMU_RUN_SUITE_SRCS := tests/host/test_selftest.c tests/host/test_sha.c \
    tests/host/test_rsa.c tests/host/test_ecdsa.c tests/host/test_ed25519.c \
    tests/host/test_dnssec_crypto.c tests/host/test_dns_wire.c \
    tests/host/test_authres.c tests/host/test_dmarc_record.c
QEMU_RUN_SRCS := tests/host/run.c tests/host/vec.c $(QEMU_RUN_SUITE_SRCS) \
    $(QEMU_BOARD_RUNTIME) $(QEMU_BOARD)/newlib_glue.c \
    $(QEMU_BOARD)/printf_c99.c
QEMU_RUN_OBJS := $(QEMU_RUN_SRCS:%.c=$(BUILD)/$(BOARD)/%.o) \
    $(BUILD)/$(BOARD)/$(STARTUP:%.c=%.o)
QEMU_RUN_ELF := $(BUILD)/$(BOARD)/run.elf

$(BUILD)/$(BOARD)/tests/host/run.o: \
    CROSS_OUR_CFLAGS += -DMAV_RUN_SUITES=MAV_TARGET_SUITES

# printf_c99.c stands in front of newlib's printf family.
QEMU_RUN_WRAP := $(foreach f,printf fprintf snprintf vfprintf vsnprintf,\
    -Wl,--wrap=$(f))

# -nostartfiles: startup.c is the start-up, newlib's crt0 is not used.
$(QEMU_RUN_ELF): $(QEMU_RUN_OBJS) $(BUILD)/$(BOARD)/libmav.a $(LDSCRIPT)
	$(CC) $(CFLAGS) -nostartfiles -Wl,--gc-sections -T $(LDSCRIPT) \
	    $(QEMU_RUN_WRAP) \
	    -Wl,-Map,$@.map -o $@ $(QEMU_RUN_OBJS) $(BUILD)/$(BOARD)/libmav.a \
	    -lc -lgcc

.PHONY: board-run
board-run: $(QEMU_RUN_ELF)
	$(CROSS_COMPILE)size $(QEMU_RUN_ELF)

-include $(QEMU_RUN_OBJS:.o=.d)

# ---- the network image: build/qemu-mps2-an386/verify.elf (net.mk)
include $(QEMU_BOARD)/net.mk
