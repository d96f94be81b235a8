# SPDX-License-Identifier: MIT
# mav - top-level build. GNU make.
#
#   make                 host library build/host/libmav.a and build/host/mav
#   make demo            build build/host/mav, verify the sample messages of
#                        examples/ offline (examples/README.md)
#   make test            every test: plain and ASan+UBSan runners, the
#                        QEMU board's programs (qemu-system-arm), the
#                        zero-malloc and freestanding proofs
#   make BOARD=<name>    cross-build boards/<name> (see boards/*/board.mk)
#   make size            .text/.data/.bss per module, Cortex-M4 build
#   make bench           benchmarks against peers measured in the same run
#   make clean
#
# Objects go under build/<target>/, with header dependencies (-MMD).

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

BUILD ?= build
MBEDTLS ?= third_party/mbedtls
LWIP ?= third_party/lwip
CC ?= cc
ifeq ($(origin CC),default)
CC := cc
endif

# ---- sources ----------------------------------------------------------------

CORE_SRCS := $(wildcard core/*.c)
CRYPTO_SRCS := $(wildcard crypto/*.c)
PORT_SRCS := $(wildcard port/posix/*.c port/zone/*.c)

# The Mbed TLS subset crypto/ needs (see crypto/mbedtls_config.h).
MBEDTLS_FILES := bignum bignum_core constant_time ecp ecp_curves ecdsa \
                 sha1 sha256 sha512 platform platform_util memory_buffer_alloc \
                 asn1parse asn1write
MBEDTLS_SRCS := $(MBEDTLS_FILES:%=$(MBEDTLS)/library/%.c)
MBEDTLS_STAMP := $(MBEDTLS)/include/mbedtls/build_info.h

TEST_SRCS := $(wildcard tests/host/*.c)
TOOL_SRCS := $(wildcard boards/host/*.c)

# ---- flags ------------------------------------------------------------------

WARN := -Wall -Wextra -Werror -Wundef -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wpointer-arith -Wvla
INCLUDES := -Icore -Icrypto -Iport -Iport/posix -I$(MBEDTLS)/include
# An absolute path: a quoted "mbedtls_config.h" would find Mbed TLS's own
# default file beside build_info.h first. Boards name their own file.
MBEDTLS_CONFIG ?= crypto/mbedtls_config.h
MBEDTLS_DEFS = -DMBEDTLS_CONFIG_FILE='"$(abspath $(MBEDTLS_CONFIG))"'
OPT ?= -O2 -g
CFLAGS_COMMON = $(OPT) $(INCLUDES) $(MBEDTLS_DEFS) $(EXTRA_CFLAGS)
# Our code: C99, warnings are errors.
OUR_CFLAGS = -std=c99 -pedantic $(WARN) $(CFLAGS_COMMON)
# Third-party code: its own warnings are not ours to fix.
TP_CFLAGS = -std=c99 -w $(CFLAGS_COMMON) -Icrypto

# The runner wraps the heap functions to abort: the zero-malloc proof.
NOMALLOC_LDFLAGS := -Wl,--wrap=malloc -Wl,--wrap=calloc \
                    -Wl,--wrap=realloc -Wl,--wrap=free

SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer

# ---- one host variant: $(1)=name, $(2)=extra cflags/ldflags -----------------

define host_variant
$(1)_DIR := $(BUILD)/$(1)
$(1)_LIB_OBJS := $$(CORE_SRCS:%.c=$$($(1)_DIR)/%.o) \
                 $$(CRYPTO_SRCS:%.c=$$($(1)_DIR)/%.o) \
                 $$(PORT_SRCS:%.c=$$($(1)_DIR)/%.o)
$(1)_TP_OBJS := $$(MBEDTLS_FILES:%=$$($(1)_DIR)/mbedtls/%.o)
$(1)_TEST_OBJS := $$(TEST_SRCS:%.c=$$($(1)_DIR)/%.o)
$(1)_TOOL_OBJS := $$(TOOL_SRCS:%.c=$$($(1)_DIR)/%.o)

$$($(1)_DIR)/%.o: %.c | $$(MBEDTLS_STAMP)
	@mkdir -p $$(@D)
	$$(CC) $$(OUR_CFLAGS) $(2) -MMD -MP -c $$< -o $$@

$$($(1)_DIR)/mbedtls/%.o: $$(MBEDTLS)/library/%.c | $$(MBEDTLS_STAMP)
	@mkdir -p $$(@D)
	$$(CC) $$(TP_CFLAGS) $(2) -MMD -MP -c $$< -o $$@

$$($(1)_DIR)/libmav.a: $$($(1)_LIB_OBJS) $$($(1)_TP_OBJS)
	@rm -f $$@
	$$(AR) rcs $$@ $$^

$$($(1)_DIR)/run: $$($(1)_TEST_OBJS) $$($(1)_DIR)/libmav.a
	$$(CC) $(2) $$(NOMALLOC_LDFLAGS) -o $$@ $$^ -lm

$$($(1)_DIR)/mav: $$($(1)_TOOL_OBJS) $$($(1)_DIR)/libmav.a
	$$(CC) $(2) -o $$@ $$^

-include $$($(1)_LIB_OBJS:.o=.d) $$($(1)_TP_OBJS:.o=.d) \
         $$($(1)_TEST_OBJS:.o=.d) $$($(1)_TOOL_OBJS:.o=.d)
endef

# host: the library and tool; asan: the same code under ASan+UBSan.
# Both add tests/host/mbedtls_memory_debug.h so the tests can read Mbed
# TLS's own arena counters (stdio-bound, never in a device build).
HOST_MEMORY_DEBUG := -DMBEDTLS_USER_CONFIG_FILE='"$(abspath tests/host/mbedtls_memory_debug.h)"'
$(eval $(call host_variant,host,$(HOST_MEMORY_DEBUG)))
$(eval $(call host_variant,asan,$(HOST_MEMORY_DEBUG) $(SAN_FLAGS) -O1))

# ---- dependencies -------------------------------------------------------------

$(MBEDTLS_STAMP):
	tools/fetch-deps mbedtls

# The library sources appear when the stamp's rule has fetched them; this
# tells make that they can be made, so the object rules apply in a fresh
# clone.
$(MBEDTLS_SRCS): | $(MBEDTLS_STAMP) ;

.PHONY: deps
deps:
	tools/fetch-deps all

# ---- top-level targets --------------------------------------------------------

.PHONY: all test check-sanitize clean size bench
all: $(host_DIR)/libmav.a $(host_DIR)/mav

TEST_PACKAGES := openssl python3-dnspython python3-cryptography gcc-arm-none-eabi libnewlib-arm-none-eabi \
                 gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf \
                 nsd unbound bind9-dnsutils bind9-utils ldnsutils \
                 unbound-host iproute2 dns-root-data

# the zone port's tests sign zones with both signers (ldns, BIND)
TEST_PACKAGES += ldnsutils bind9-utils

# DKIM: independent signers and verifier (dkimpy, OpenDKIM)
TEST_PACKAGES += python3-dkim python3-nacl opendkim-tools
# libopendkim for tests/dkim/odkim-sign.c, built by make-signed-mail
TEST_PACKAGES += libopendkim-dev
# an independent Authentication-Results parser for the writer's tests
TEST_PACKAGES += python3-authres

# SPF (issue #5): the OpenSPF suites and pyspf for the differential test
TEST_PACKAGES += python3-spf python3-yaml

# the whole verifier (issue #7): authheaders for the differential test
TEST_PACKAGES += python3-authheaders

# firmware (issue #8): the mps2-an386 board's programs run under QEMU,
# the rv32 board's under qemu-system-riscv32; time(1) measures QEMU's CPU
# time against the wall clock (run-net-test)
TEST_PACKAGES += qemu-system-arm qemu-system-misc time

test: $(host_DIR)/run $(asan_DIR)/run $(host_DIR)/mav
	@tools/need-packages $(TEST_PACKAGES)
	@tools/run-tests $(BUILD)

# The samples of examples/ against the zones beside them: no network.
.PHONY: demo
demo: $(host_DIR)/mav
	@examples/demo $(host_DIR)/mav

check-sanitize: $(asan_DIR)/run
	$(asan_DIR)/run

clean:
	rm -rf $(host_DIR) $(asan_DIR) $(BUILD)/cross $(BUILD)/bench \
	       $(BUILD)/tmp $(wildcard $(BUILD)/*/libmav.a)

# Cross builds, the freestanding proof and "make size" (mk/cross.mk);
# benchmarks (mk/bench.mk); fuzzers and corpus replay (mk/fuzz.mk).
-include mk/cross.mk
-include mk/bench.mk
-include mk/fuzz.mk
-include mk/lwip.mk
-include mk/board-test.mk
