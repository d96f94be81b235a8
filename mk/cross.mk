# SPDX-License-Identifier: MIT
# mk/cross.mk - cross builds, the freestanding proof and "make size".
# Included by the top-level Makefile. crypto/*.c (by wildcard) and the
# Mbed TLS subset are built at -Os -ffreestanding for a Cortex-M4 and an
# RV32IMAC into build/cross/<cpu>/, and linked -nostdlib into a tiny
# image (tests/freestanding/) so that anything mav needs beyond its own
# code and libgcc shows up by name: tools/freestanding-check reads it.
# "make BOARD=<b>" builds boards/<b>/board.mk's library and image into
# build/<b>/ instead of the host build.
#
#   make cross        libraries, images and probes for every CPU
#   make size         flash/RAM per module, Cortex-M4 (tools/size-report)
#   make BOARD=<b>    build/<b>/libmav.a and build/<b>/image.elf

include mk/base-cross.mk

CROSS_CPUS := cortex-m4 rv32

$(foreach c,$(CROSS_CPUS),$(eval $(call cross_target,$(c),\
    $(BUILD)/cross/$(c),$($(c)_PREFIX),$($(c)_ARCH),$($(c)_START),\
    $($(c)_LDSCRIPT))))

.PHONY: cross $(CROSS_CPUS:%=cross-%)
cross: $(CROSS_CPUS:%=cross-%)
$(foreach c,$(CROSS_CPUS),$(eval cross-$(c): $($(c)_DIR)/libmav.a \
    $($(c)_DIR)/image.elf $($(c)_DIR)/probe.elf))

# The proof itself is a script, which tools/run-tests calls for "make
# test" ("tools/freestanding-check rv32" checks one CPU); a shortcut.
.PHONY: freestanding-check
freestanding-check:
	tools/freestanding-check

# ---- make size ------------------------------------------------------------

size: $(cortex-m4_DIR)/image.elf $(rv32_DIR)/image.elf
	@echo "Cortex-M4, arm-none-eabi-gcc -Os:"
	@tools/size-report size=$(cortex-m4_PREFIX)size \
		ours: $(cortex-m4_OUR_OBJS) \
		mbedtls: $(cortex-m4_TP_OBJS) \
		image: $(cortex-m4_DIR)/image.elf \
		size=$(rv32_PREFIX)size $(rv32_DIR)/image.elf

# ---- make BOARD=<name> ------------------------------------------------------
#
# The fragment sets CROSS_COMPILE, CC, CFLAGS, STARTUP, LDSCRIPT and
# TESTS (see boards/cortex-m4/board.mk); the build then replaces the
# default goal. Host and board builds are separate make runs.

ifdef BOARD
ifeq ($(wildcard boards/$(BOARD)/board.mk),)
$(error BOARD=$(BOARD): no boards/$(BOARD)/board.mk)
endif
include boards/$(BOARD)/board.mk
$(eval $(call cross_target,board,$(BUILD)/$(BOARD),$(CROSS_COMPILE),\
    $(CFLAGS),$(STARTUP),$(LDSCRIPT),$(CC)))

.DEFAULT_GOAL := board
.PHONY: board
board: $(board_DIR)/libmav.a $(board_DIR)/image.elf
	$(CROSS_COMPILE)size $(board_DIR)/image.elf

ifeq ($(TESTS),no)
ifneq ($(filter test check-sanitize,$(MAKECMDGOALS)),)
$(error BOARD=$(BOARD) builds no tests: run "make test" without BOARD)
endif
endif
endif
