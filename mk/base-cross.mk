# SPDX-License-Identifier: MIT
# mk/base-cross.mk - what every cross build of mav shares: the toolchain
# of each supported CPU, the device compiler flags, and one rule set
# (cross_target) that builds a library archive and the freestanding
# image for one target into one directory. mk/cross.mk instantiates it
# for build/cross/<cpu>, a board fragment (boards/<b>/board.mk) for
# build/<b>. Kept apart from mk/cross.mk so that a board fragment can
# include it, in the way BearSSL's conf/*.mk include conf/Unix.mk.

ifndef MAV_BASE_CROSS_MK
MAV_BASE_CROSS_MK := 1

# Device code: small, no hosted-libc assumptions, one section per
# function and object so that --gc-sections keeps only what is reached.
# -fcallgraph-info=su: each object's frames and calls in FILE.ci beside
# it, for tools/stack-report (the static worst-case stack of "make size").
CROSS_FLAGS := -Os -ffreestanding -ffunction-sections -fdata-sections \
               -fcallgraph-info=su
# Same rules as the host for our code (see WARN in the Makefile).
CROSS_OUR_CFLAGS = -std=c99 -pedantic $(WARN) $(INCLUDES) $(MBEDTLS_DEFS)
CROSS_TP_CFLAGS = -std=c99 -w $(INCLUDES) $(MBEDTLS_DEFS)

# ---- the CPUs -------------------------------------------------------------
# <cpu>_PREFIX is the binutils/gcc prefix; <cpu>_ARCH the code-generation
# flags plus where the C library headers (string.h) come from.

# Cortex-M4: newlib's headers are the toolchain's default.
cortex-m4_PREFIX := arm-none-eabi-
cortex-m4_ARCH := -mcpu=cortex-m4 -mthumb
cortex-m4_START := tests/freestanding/start-cortex-m4.c
cortex-m4_LDSCRIPT := tests/freestanding/cortex-m4.ld

# RV32IMAC: riscv64-unknown-elf-gcc ships no libc headers; Debian's
# picolibc-riscv64-unknown-elf has one include tree for all multilibs
# (only its libraries are per-multilib, under lib/rv32imac/ilp32).
PICOLIBC_INC ?= /usr/lib/picolibc/riscv64-unknown-elf/include
rv32_PREFIX := riscv64-unknown-elf-
rv32_ARCH := -march=rv32imac -mabi=ilp32 -isystem $(PICOLIBC_INC)
rv32_START := tests/freestanding/start-rv32.S
rv32_LDSCRIPT := tests/freestanding/rv32.ld

# ---- the image --------------------------------------------------------------

IMAGE_SRCS := tests/freestanding/image_main.c
MEM_SRC := tests/freestanding/mem.c
# Our mem*() must not be "optimised" into calls to themselves.
MEM_CFLAGS := -fno-builtin -fno-tree-loop-distribute-patterns
# -nostdlib: no libc, no crt0, no default libraries. -lgcc brings back
# only the compiler's own helpers, which is not a libc: 64-bit division
# (__aeabi_uldivmod on the M4, __udivdi3 on RV32), shifts and bit counts
# (__lshrdi3, __clzsi2, __bswapsi2: RV32IMAC has no such instructions).
IMAGE_LDFLAGS := -nostdlib -Wl,--gc-sections
IMAGE_LIBS := -lgcc

# ---- link-time optimization of mav's own library ---------------------------
# A board may set LIB_LTO := yes (boards/qemu-mps2-an386/board.mk). Then
# core/, crypto/ and the Mbed TLS subset compile as fat LTO objects: the
# LTO bytecode for the board's links ($(LTO_LDFLAGS): inlining and
# dead-code removal across mav's files) beside ordinary code, so that the
# same objects also link without LTO. GCC writes no -fcallgraph-info
# under -flto, so each such file is compiled once more without it, for
# its .ci (FILE.plain.ci, tools/stack-report) only. The board's
# own objects, the ports and mem.c stay ordinary code. -flto-partition=one:
# one LTRANS unit, the same output on every run.
LIB_LTO_CFLAGS = $(if $(filter yes,$(LIB_LTO)),-flto -ffat-lto-objects)
LTO_LDFLAGS = $(if $(filter yes,$(LIB_LTO)),-flto -flto-partition=one)
# $(call lto_ci,CC FLAGS...): the plain compile for the .ci, when LTO is on
lto_ci = $(if $(LIB_LTO_CFLAGS),$(1) -c $< -o $(@:.o=.plain.o) && \
    rm -f $(@:.o=.plain.o) &&)

# ---- one target: $(1)=name, $(2)=output directory, $(3)=tool prefix,
# $(4)=code-generation flags, $(5)=startup source, $(6)=linker script,
# $(7)=compiler if not $(3)gcc -------------------------------------------------
#
# Outputs: $(2)/libmav.a (core/, crypto/ + the Mbed TLS subset), $(2)/image.elf
# (linked with every symbol resolved, mem.c included) and $(2)/probe.elf
# (the same link without mem.c and with undefined symbols allowed, so
# "nm -u probe.elf" names exactly what the image needs from outside:
# tools/freestanding-check reads it).

define cross_target
$(1)_DIR := $(2)
$(1)_CC := $(or $(7),$(3)gcc)
$(1)_CROSS_CFLAGS := $(4) $$(CROSS_FLAGS)
$(1)_OUR_OBJS := $$(CRYPTO_SRCS:%.c=$(2)/%.o) $$(CORE_SRCS:%.c=$(2)/%.o)
$(1)_TP_OBJS := $$(MBEDTLS_FILES:%=$(2)/mbedtls/%.o)
$(1)_IMG_OBJS := $$(IMAGE_SRCS:%.c=$(2)/%.o) \
                 $(2)/$$(basename $(5)).o
$(1)_MEM_OBJ := $$(MEM_SRC:%.c=$(2)/%.o)

$(2)/%.o: %.c | $$(MBEDTLS_STAMP)
	@mkdir -p $$(@D)
	$$(if $$(filter $$($(1)_OUR_OBJS),$$@),$$(call lto_ci,$$($(1)_CC) \
		$$($(1)_CROSS_CFLAGS) $$(CROSS_OUR_CFLAGS))) \
	$$($(1)_CC) $$($(1)_CROSS_CFLAGS) $$(CROSS_OUR_CFLAGS) \
		$$(if $$(filter $$($(1)_OUR_OBJS),$$@),$$(LIB_LTO_CFLAGS)) \
		-MMD -MP -c $$< -o $$@

$(2)/%.o: %.S
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CROSS_CFLAGS) -MMD -MP -c $$< -o $$@

$$($(1)_MEM_OBJ): $$(MEM_SRC)
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CROSS_CFLAGS) $$(CROSS_OUR_CFLAGS) $$(MEM_CFLAGS) \
		-MMD -MP -c $$< -o $$@

$(2)/mbedtls/%.o: $$(MBEDTLS)/library/%.c | $$(MBEDTLS_STAMP)
	@mkdir -p $$(@D)
	$$(call lto_ci,$$($(1)_CC) $$($(1)_CROSS_CFLAGS) $$(CROSS_TP_CFLAGS)) \
	$$($(1)_CC) $$($(1)_CROSS_CFLAGS) $$(CROSS_TP_CFLAGS) $$(LIB_LTO_CFLAGS) \
		-MMD -MP -c $$< -o $$@

$(2)/libmav.a: $$($(1)_OUR_OBJS) $$($(1)_TP_OBJS)
	@rm -f $$@
	$(3)ar rcs $$@ $$^

$(2)/image.elf: $$($(1)_IMG_OBJS) $$($(1)_MEM_OBJ) $(2)/libmav.a $(6)
	$$($(1)_CC) $$($(1)_CROSS_CFLAGS) $$(IMAGE_LDFLAGS) $$(LTO_LDFLAGS) -T $(6) \
		-Wl,--unresolved-symbols=report-all -Wl,-Map,$$@.map \
		-o $$@ $$($(1)_IMG_OBJS) $$($(1)_MEM_OBJ) $(2)/libmav.a \
		$$(IMAGE_LIBS)

$(2)/probe.elf: $$($(1)_IMG_OBJS) $(2)/libmav.a $(6)
	$$($(1)_CC) $$($(1)_CROSS_CFLAGS) $$(IMAGE_LDFLAGS) -T $(6) \
		-Wl,--unresolved-symbols=ignore-all \
		-o $$@ $$($(1)_IMG_OBJS) $(2)/libmav.a $$(IMAGE_LIBS)

-include $$($(1)_OUR_OBJS:.o=.d) $$($(1)_TP_OBJS:.o=.d) \
         $$($(1)_IMG_OBJS:.o=.d) $$($(1)_MEM_OBJ:.o=.d)
endef

endif # MAV_BASE_CROSS_MK
