# SPDX-License-Identifier: MIT
# boards/qemu-mps2-an386/board.mk - QEMU's mps2-an386 (Cortex-M4, 25 MHz):
# "make BOARD=qemu-mps2-an386" builds build/qemu-mps2-an386/image.elf,
# the firmware image (startup, SysTick, semihosting, fault handler and
# mav, no C library). See README.md in this folder for porters.
include mk/base-cross.mk

QEMU_BOARD := boards/qemu-mps2-an386
CROSS_COMPILE := $(cortex-m4_PREFIX)
CC := $(CROSS_COMPILE)gcc
# mav's limits for this board: its memory budget (mav_opts.h).
CFLAGS := $(cortex-m4_ARCH) -I$(QEMU_BOARD) -DMAV_CONFIG_FILE='"mav_opts.h"'
STARTUP := $(QEMU_BOARD)/startup.c
LDSCRIPT := $(QEMU_BOARD)/mps2-an386.ld
# The board's runtime, shared by every program that runs on it.
QEMU_BOARD_RUNTIME := $(QEMU_BOARD)/semihost.c $(QEMU_BOARD)/systick.c \
                      $(QEMU_BOARD)/fault.c $(QEMU_BOARD)/console.c
IMAGE_SRCS := $(QEMU_BOARD)/main.c $(QEMU_BOARD_RUNTIME)
# "make test" on the host runs this board's programs under QEMU; "make
# BOARD=... test" would mean the host suites, which this build has not.
TESTS := no
# mav's library is linked with LTO into every program of this board
# (mk/base-cross.mk; "make ... LIB_LTO=no" turns it off). Measured
# 2026-11-28 (world.elf): core + crypto + Mbed TLS 86161 -> 82699 bytes
# of flash, the painted stack of a verification 2512 -> 2432 bytes (the
# helpers that keep answers and signature checks apart are MAV_NOINLINE,
# so LTO cannot stack them up again, as it did at 5200 bytes before).
# "make size" still attributes flash per module and sums the static
# stack from the same objects linked without LTO (world.nolto.elf), and
# prints the LTO image's total beside: that total is the goal's number.
LIB_LTO ?= yes

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
	$(CC) $(CFLAGS) -nostartfiles -Wl,--gc-sections $(LTO_LDFLAGS) \
	    -T $(LDSCRIPT) $(QEMU_RUN_WRAP) \
	    -Wl,-Map,$@.map -o $@ $(QEMU_RUN_OBJS) $(BUILD)/$(BOARD)/libmav.a \
	    -lc -lgcc

.PHONY: board-run
board-run: $(QEMU_RUN_ELF)
	$(CROSS_COMPILE)size $(QEMU_RUN_ELF)

-include $(QEMU_RUN_OBJS:.o=.d)

# ---- the whole verifier on the board: build/qemu-mps2-an386/world.elf
# tests/qemu-mps2-an386/world.c over the zone port, with this board's
# budget (budget.c fails the build when a context outgrows it); linked
# -nostdlib like image.elf, so that it is also the image "make size"
# measures: mav as a mail appliance links it, the zone port in place of
# the network. tests/qemu-mps2-an386/run-world runs it.
QEMU_WORLD_SRCS := tests/qemu-mps2-an386/world.c $(QEMU_BOARD)/budget.c \
    $(QEMU_BOARD_RUNTIME) $(wildcard port/zone/*.c)
QEMU_WORLD_OBJS := $(QEMU_WORLD_SRCS:%.c=$(BUILD)/$(BOARD)/%.o) \
    $(BUILD)/$(BOARD)/$(STARTUP:%.c=%.o) \
    $(BUILD)/$(BOARD)/$(MEM_SRC:%.c=%.o)
QEMU_WORLD_ELF := $(BUILD)/$(BOARD)/world.elf

$(QEMU_WORLD_ELF): $(QEMU_WORLD_OBJS) $(BUILD)/$(BOARD)/libmav.a $(LDSCRIPT)
	$(CC) $(CFLAGS) $(CROSS_FLAGS) $(IMAGE_LDFLAGS) $(LTO_LDFLAGS) \
	    -T $(LDSCRIPT) \
	    -Wl,--unresolved-symbols=report-all -Wl,-Map,$@.map -o $@ \
	    $(QEMU_WORLD_OBJS) $(BUILD)/$(BOARD)/libmav.a $(IMAGE_LIBS)

# The same program from the same objects without LTO: the link whose map
# tells each module's flash apart (LTO merges them into one unit) and
# whose code the static stack report's .ci files describe. Not run.
QEMU_WORLD_NOLTO_ELF := $(BUILD)/$(BOARD)/world.nolto.elf
$(QEMU_WORLD_NOLTO_ELF): $(QEMU_WORLD_OBJS) $(BUILD)/$(BOARD)/libmav.a \
    $(LDSCRIPT)
	$(CC) $(CFLAGS) $(CROSS_FLAGS) $(IMAGE_LDFLAGS) -fno-lto -T $(LDSCRIPT) \
	    -Wl,--unresolved-symbols=report-all -Wl,-Map,$@.map -o $@ \
	    $(QEMU_WORLD_OBJS) $(BUILD)/$(BOARD)/libmav.a $(IMAGE_LIBS)

.PHONY: board-world
board-world: $(QEMU_WORLD_ELF)
	$(CROSS_COMPILE)size $(QEMU_WORLD_ELF)

-include $(QEMU_WORLD_OBJS:.o=.d)

# ---- "make size" for this board (mk/cross.mk runs it): flash and RAM per
# module of world.elf and of the firmware image, the contexts against
# the budget, and the deepest stack: -fcallgraph-info's static sum
# (tools/stack-report) beside the painted measurement of the last
# run-world (make test, make bench). Goals of issue #8.
QEMU_FLASH_GOAL := 81920
QEMU_STACK_GOAL := 3072
# Calls through pointers that the call graph cannot follow, and where
# they go in mav: Mbed TLS's allocator, an ECP group's reduction, the
# volatile memset of mbedtls_platform_zeroize, DKIM's hashing sinks and
# the SPF record scan's callback. The port's methods stay unknown.
QEMU_STACK_INDIRECT := mbedtls_calloc=buffer_alloc_calloc \
    mbedtls_free=buffer_alloc_free \
    mbedtls_mpi_mul_mod=ecp_mod_p256,ecp_mod_p384 \
    mbedtls_platform_zeroize=memset mav_dkim_header_canon=sha_sink \
    gather_flush=sha_sink gather_put=sha_sink mav_spf_record_scan=note_term
QEMU_STACK_ROOTS := mav_crypto_selftest mav_rsa_pkcs1_verify \
    mav_ecdsa_p256_verify mav_ecdsa_p384_verify mav_ed25519_verify \
    mav_verify_feed mav_verify_end mav_verify_poll mav_dns_lookup \
    mav_dns_poll mav_dns_udp_input mav_dns_tcp_input

.PHONY: board-size
board-size: $(QEMU_WORLD_ELF) $(QEMU_WORLD_NOLTO_ELF) \
    $(BUILD)/$(BOARD)/image.elf $(BUILD)/$(BOARD)/verify.elf
	@echo "== qemu-mps2-an386: Cortex-M4, $(CC) -Os, $(QEMU_BOARD)/mav_opts.h"
	@tools/size-report --build $(BUILD)/$(BOARD) --goal $(QEMU_FLASH_GOAL) \
	    --nm $(CROSS_COMPILE)nm --size $(CROSS_COMPILE)size \
	    $(if $(filter yes,$(LIB_LTO)),--lto $(QEMU_WORLD_ELF)) \
	    --symbol verifier="one verification (mav_verify_ctx)" \
	    --symbol resolver="the resolver with its cache (mav_dns_ctx)" \
	    --symbol arena="Mbed TLS arena" \
	    $(QEMU_WORLD_NOLTO_ELF) $(BUILD)/$(BOARD)/image.elf
	@echo "== the network image (verify.elf): lwIP, the LAN9118 driver," \
	    "the board and mav's library as one LTO unit"
	@tools/size-report --build $(BUILD)/$(BOARD) \
	    --nm $(CROSS_COMPILE)nm --size $(CROSS_COMPILE)size \
	    $(BUILD)/$(BOARD)/verify.elf | grep -v '^core + crypto'
	@echo "stack, deepest path (-fcallgraph-info, without LTO;" \
	    "goal $(QEMU_STACK_GOAL)):"
	@tools/stack-report $(QEMU_STACK_INDIRECT:%=--indirect %) \
	    $(BUILD)/$(BOARD) $(QEMU_STACK_ROOTS)
	@echo "stack, painted under QEMU (last tests/qemu-mps2-an386/run-world):"
	@grep -h -e '^mav stack' -e '^image: stack' \
	    $(BUILD)/tmp/qemu-world/world.out 2>/dev/null || \
	    echo "   (none yet: make test or make bench runs it)"

# ---- the network image: build/qemu-mps2-an386/verify.elf (net.mk)
include $(QEMU_BOARD)/net.mk
