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
#
# The QEMU board's report (boards/qemu-mps2-an386/board.mk, board-size):
# flash and RAM per module of the whole verifier as linked for the board,
# the contexts against its budget, the deepest stack. A board build is a
# make run of its own (it replaces CC), hence the recursive make. Then
# the freestanding images' totals for both CPUs (the whole API linked).

size: $(cortex-m4_DIR)/image.elf $(rv32_DIR)/image.elf
	@$(MAKE) --no-print-directory BOARD=qemu-mps2-an386 BUILD=$(BUILD) \
	    board-size
	@echo "freestanding images (every public function linked, default limits):"
	@tools/size-report --brief --build $(cortex-m4_DIR) \
	    --size $(cortex-m4_PREFIX)size $(cortex-m4_DIR)/image.elf
	@tools/size-report --brief --build $(rv32_DIR) \
	    --size $(rv32_PREFIX)size $(rv32_DIR)/image.elf

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
