# SPDX-License-Identifier: MIT
# mk/bench.mk - "make bench": mav's crypto timed against libsodium and
# OpenSSL in one run (tests/bench/bench_crypto.c), then mav's DNS message
# parser against ldns on captured answers (tests/bench/bench_dns.c),
# included by the top-level Makefile. MAV_BENCH_SECONDS sets the seconds
# per round.
#
# The benchmark links build/host/libmav.a (-O2 with the default OPT; the
# heap wrap is applied only to the test runner, never to the library).
# That variant adds tests/host/mbedtls_memory_debug.h, whose allocator
# counters were measured against a second libmav built without them
# (x86_64, 2026-11, two runs each): RSA-2048/4096 and ECDSA P-256/P-384
# verify rates differed by under 2%, in both directions, i.e. noise; so
# no separate build is kept.
#
# crypto/ed25519_verify.c is linked when it exists (the library rule
# globs crypto/*.c); until then the bench times only the Ed25519 peers
# and says so.
#
# bench_dns links the same libmav.a plus the shared libldns, and
# tests/bench/bench_heap.c, which replaces malloc/calloc/realloc/free in
# the executable to count ldns's heap calls (a --wrap would miss the calls
# made inside libldns.so). Every bench links tests/bench/bench_clock.c.
#
# bench_dnssec times mav's DNSSEC validator (cold and warm chains, algs 8,
# 13, 15) against ldns on a signed world that tools/make-signed-world
# builds afresh into $(BENCH_DIR)/signed at every run (about 5 s; its
# signatures are valid for 30 days from then). It links libmav.a (with
# the zone port) and libldns.

BENCH_DIR := $(BUILD)/bench
BENCH_PACKAGES := libsodium-dev libssl-dev libldns-dev
BENCH_LIBS := -lsodium -lcrypto
BENCH_DNS_LIBS := -lldns
# what tools/make-signed-world signs with (see tests/world-signed/README.md)
BENCH_WORLD_PACKAGES := bind9-utils ldnsutils openssl
BENCH_LIBMAV := $(host_DIR)/libmav.a
BENCH_ED25519 := $(if $(wildcard crypto/ed25519_verify.c),1,0)

ifeq ($(filter -O2 -O3,$(OPT)),)
$(warning bench: OPT=$(OPT) is not -O2; the numbers will not compare)
endif

.PHONY: bench bench-packages bench-always
bench: $(BENCH_DIR)/bench_crypto $(BENCH_DIR)/bench_dns \
       $(BENCH_DIR)/bench_dnssec
	$(BENCH_DIR)/bench_crypto
	$(BENCH_DIR)/bench_dns tests/host/vectors/dns_wire.vec
	@tools/need-packages $(BENCH_WORLD_PACKAGES)
	rm -rf $(BENCH_DIR)/signed
	tools/make-signed-world $(BENCH_DIR)/signed
	$(BENCH_DIR)/bench_dnssec $(BENCH_DIR)/signed

bench-packages:
	@tools/need-packages $(BENCH_PACKAGES)

# Rewritten only when its text changes, so that the bench is recompiled
# when crypto/ed25519_verify.c appears (or goes).
$(BENCH_DIR)/config: bench-always
	@mkdir -p $(@D)
	@echo 'MAV_BENCH_ED25519=$(BENCH_ED25519)' | cmp -s - $@ || \
	    echo 'MAV_BENCH_ED25519=$(BENCH_ED25519)' > $@

# what the benchmarks share: the clock, the counting allocator
BENCH_CLOCK := $(BENCH_DIR)/bench_clock.o
BENCH_HEAP := $(BENCH_DIR)/bench_heap.o
$(BENCH_CLOCK) $(BENCH_HEAP): $(BENCH_DIR)/%.o: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) $(OUR_CFLAGS) -MMD -MP -c $< -o $@

$(BENCH_DIR)/bench_crypto.o: tests/bench/bench_crypto.c \
                             $(BENCH_DIR)/config | bench-packages \
                             $(MBEDTLS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(OUR_CFLAGS) -DMAV_BENCH_ED25519=$(BENCH_ED25519) -MMD -MP \
	    -c $< -o $@

$(BENCH_DIR)/bench_crypto: $(BENCH_DIR)/bench_crypto.o $(BENCH_CLOCK) \
                           $(BENCH_LIBMAV)
	$(CC) -o $@ $^ $(BENCH_LIBS)

$(BENCH_DIR)/bench_dns.o: tests/bench/bench_dns.c | bench-packages
	@mkdir -p $(@D)
	$(CC) $(OUR_CFLAGS) -MMD -MP -c $< -o $@

$(BENCH_DIR)/bench_dns: $(BENCH_DIR)/bench_dns.o $(BENCH_CLOCK) $(BENCH_HEAP) \
                        $(BENCH_LIBMAV)
	$(CC) -o $@ $^ $(BENCH_DNS_LIBS)

$(BENCH_DIR)/bench_dnssec.o: tests/bench/bench_dnssec.c | bench-packages \
                             $(MBEDTLS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(OUR_CFLAGS) -MMD -MP -c $< -o $@

$(BENCH_DIR)/bench_dnssec: $(BENCH_DIR)/bench_dnssec.o $(BENCH_CLOCK) \
                           $(BENCH_LIBMAV)
	$(CC) -o $@ $^ $(BENCH_DNS_LIBS)

-include $(BENCH_DIR)/bench_crypto.d $(BENCH_DIR)/bench_dns.d \
         $(BENCH_DIR)/bench_dnssec.d $(BENCH_DIR)/bench_clock.d \
         $(BENCH_DIR)/bench_heap.d

# ---- SPF (issue #5): check_host() with a warm cache, mav vs libspf2 ------
# (tests/bench/bench_spf.c; libspf2's heap calls are counted the same way)
BENCH_SPF_PACKAGES := libspf2-dev
bench: bench-spf
.PHONY: bench-spf
bench-spf: $(BENCH_DIR)/bench_spf
	$(BENCH_DIR)/bench_spf

$(BENCH_DIR)/bench_spf.o: tests/bench/bench_spf.c | $(MBEDTLS_STAMP)
	@tools/need-packages $(BENCH_SPF_PACKAGES)
	@mkdir -p $(@D)
	$(CC) $(OUR_CFLAGS) -Iport/zone -MMD -MP -c $< -o $@

$(BENCH_DIR)/bench_spf: $(BENCH_DIR)/bench_spf.o $(BENCH_CLOCK) $(BENCH_HEAP) \
                        $(BENCH_LIBMAV)
	$(CC) -o $@ $^ -lspf2

-include $(BENCH_DIR)/bench_spf.d

# ---- DKIM: mav against libopendkim on messages dkimpy signs at bench
# time (tests/bench/bench_dkim.c; heap calls counted as in bench_dns)
BENCH_DKIM_PACKAGES := libopendkim-dev python3-dkim python3-nacl
bench: bench-dkim
.PHONY: bench-dkim
bench-dkim: $(BENCH_DIR)/bench_dkim
	@tools/need-packages $(BENCH_DKIM_PACKAGES)
	@rm -rf $(BENCH_DIR)/dkim
	@tests/dkim/make-signed-mail --bench $(BENCH_DIR)/dkim
	$(BENCH_DIR)/bench_dkim $(BENCH_DIR)/dkim

$(BENCH_DIR)/bench_dkim.o: tests/bench/bench_dkim.c | $(MBEDTLS_STAMP)
	@tools/need-packages $(BENCH_DKIM_PACKAGES)
	@mkdir -p $(@D)
	$(CC) $(OUR_CFLAGS) -MMD -MP -c $< -o $@

$(BENCH_DIR)/bench_dkim: $(BENCH_DIR)/bench_dkim.o $(BENCH_CLOCK) $(BENCH_HEAP) \
                         $(BENCH_LIBMAV)
	$(CC) -o $@ $^ -lopendkim

-include $(BENCH_DIR)/bench_dkim.d

# ---- the whole verification (issue #7): mav_verify against libspf2 +
# libopendkim + libopendmarc one after another (tests/bench/bench_verify.c).
# tests/bench/make-verify-world writes the zones and a message signed
# twice (fresh keys) into $(BENCH_DIR)/verify; tools/dnsworld serves them
# behind tools/dnsdelay with every answer BENCH_VERIFY_DELAY_MS late, for
# the latency part, and stops its servers (by the PIDs it recorded) when
# the bench exits; the trap repeats that stop in case make itself is
# interrupted. The CPU part needs no server. About 7 s.
BENCH_VERIFY_PACKAGES := libspf2-dev libopendkim-dev libopendmarc-dev \
                         python3-dkim python3-nacl openssl nsd unbound
BENCH_VERIFY_DELAY_MS ?= 20
BENCH_VERIFY_DIR := $(BENCH_DIR)/verify
bench: bench-verify
.PHONY: bench-verify
bench-verify: $(BENCH_DIR)/bench_verify
	@tools/need-packages $(BENCH_VERIFY_PACKAGES)
	@tools/dnsworld stop $(BENCH_VERIFY_DIR)/dns
	@rm -rf $(BENCH_VERIFY_DIR)
	@tests/bench/make-verify-world $(BENCH_VERIFY_DIR)
	@trap 'tools/dnsworld stop $(BENCH_VERIFY_DIR)/dns' EXIT INT TERM; \
	MAV_DNSWORLD_DELAY_MS=$(BENCH_VERIFY_DELAY_MS) tools/dnsworld run \
	    $(BENCH_VERIFY_DIR)/dns $(BENCH_VERIFY_DIR)/zones -- \
	    $(BENCH_DIR)/bench_verify $(BENCH_VERIFY_DIR)

$(BENCH_DIR)/bench_verify.o: tests/bench/bench_verify.c | $(MBEDTLS_STAMP)
	@tools/need-packages $(BENCH_VERIFY_PACKAGES)
	@mkdir -p $(@D)
	$(CC) $(OUR_CFLAGS) -MMD -MP -c $< -o $@

# bench_verify defines __res_ninit and res_nquery for the three libraries
# (see its top comment): they must be in its dynamic symbol table.
$(BENCH_DIR)/bench_verify: $(BENCH_DIR)/bench_verify.o $(BENCH_CLOCK) \
                           $(BENCH_LIBMAV)
	$(CC) -rdynamic -o $@ $^ -lspf2 -lopendkim -lopendmarc

-include $(BENCH_DIR)/bench_verify.d

# ---- the Cortex-M4 board (issue #8): instructions per verified message
# (DKIM RSA-2048 and Ed25519, cold and warm cache) and per DNSSEC chain
# (algorithms 8, 13, 15, cold and warm) under qemu-system-arm -icount,
# with the board's memory budget (tests/qemu-mps2-an386/run-world
# --count builds world.elf, signs the world and its messages); printed,
# not asserted. About 15 s.
BENCH_BOARD_PACKAGES := qemu-system-arm gcc-arm-none-eabi \
    $(BENCH_WORLD_PACKAGES) python3-dkim python3-nacl
bench: bench-board
.PHONY: bench-board
bench-board:
	@tools/need-packages $(BENCH_BOARD_PACKAGES)
	BUILD=$(BUILD) tests/qemu-mps2-an386/run-world --count
