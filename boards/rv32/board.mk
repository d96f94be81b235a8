# SPDX-License-Identifier: MIT
# boards/rv32/board.mk - a generic RV32IMAC microcontroller: "make
# BOARD=rv32" cross-builds build/rv32/libmav.a and the freestanding image
# with riscv64-unknown-elf-gcc and picolibc's headers; "make BOARD=rv32
# board-run" builds the unit-test runner for QEMU's riscv32 "virt"
# machine, which tests/rv32/run-rv32-test runs (make test).
include mk/base-cross.mk
CROSS_COMPILE := $(rv32_PREFIX)
CC := $(CROSS_COMPILE)gcc
CFLAGS := $(rv32_ARCH)
STARTUP := $(rv32_START)
LDSCRIPT := $(rv32_LDSCRIPT)
TESTS := no

# ---- the unit-test runner on QEMU's riscv32 virt machine:
# build/rv32/run.elf, tests/host/run.c with the suites of
# MAV_TARGET_SUITES (tests/host/suites.h, as on the Cortex-M4 board),
# linked with picolibc and its semihosting library (stdio on host files,
# the console, exit status); qemu_glue.c adds the environment, system()
# and mkdir(). RAM at 0x80000000 (virt's), code first, 64 KB of stack.
RV32_GLUE := boards/rv32/qemu_glue.c
RV32_RUN_SUITE_SRCS := tests/host/test_selftest.c tests/host/test_sha.c \
    tests/host/test_rsa.c tests/host/test_ecdsa.c tests/host/test_ed25519.c \
    tests/host/test_dnssec_crypto.c tests/host/test_dns_wire.c \
    tests/host/test_authres.c tests/host/test_dmarc_record.c
RV32_RUN_SRCS := tests/host/run.c tests/host/vec.c $(RV32_RUN_SUITE_SRCS) \
    $(RV32_GLUE)
RV32_RUN_OBJS := $(RV32_RUN_SRCS:%.c=$(BUILD)/$(BOARD)/%.o)
RV32_RUN_ELF := $(BUILD)/$(BOARD)/run.elf
RV32_PICOLIBC := --specs=picolibc.specs --oslib=semihost --crt0=semihost
RV32_MEMORY := -Wl,--defsym=__flash=0x80000000 \
    -Wl,--defsym=__flash_size=0x400000 -Wl,--defsym=__ram=0x80400000 \
    -Wl,--defsym=__ram_size=0x1000000 -Wl,--defsym=__stack_size=0x10000

# main() renamed: qemu_glue.c's main sets up the environment first (the
# rename has no prototype in run.c, hence the one warning off).
$(BUILD)/$(BOARD)/tests/host/run.o: \
    CROSS_OUR_CFLAGS += -DMAV_RUN_SUITES=MAV_TARGET_SUITES \
    -Dmain=mav_run_main -Wno-missing-prototypes

$(RV32_RUN_ELF): $(RV32_RUN_OBJS) $(BUILD)/$(BOARD)/libmav.a
	$(CC) $(CFLAGS) $(RV32_PICOLIBC) $(RV32_MEMORY) -Wl,--gc-sections \
	    -Wl,-Map,$@.map -o $@ $(RV32_RUN_OBJS) $(BUILD)/$(BOARD)/libmav.a

.PHONY: board-run
board-run: $(RV32_RUN_ELF)
	$(CROSS_COMPILE)size $(RV32_RUN_ELF)

-include $(RV32_RUN_OBJS:.o=.d)
