# SPDX-License-Identifier: MIT
# mk/fuzz.mk - fuzz targets (STYLE.md C15), included by the Makefile.
#
#   make fuzz          build each tests/fuzz/fuzz_<t>.c as a libFuzzer
#                      binary (clang, ASan+UBSan) and run it FUZZ_TIME
#                      seconds from the seeds in tests/fuzz/corpus/<t>;
#                      new inputs go to build/fuzz/corpus/<t>
#   make fuzz-replay   build the same targets with tests/fuzz/replay.c as
#                      main() under ASan+UBSan (any compiler) and feed them
#                      every seed once: the regression run of "make test"
#
# A target links the core sources listed in FUZZ_SRCS_<t>; the DNS ones
# need only the wire codec (cursor, names, messages, RDATA).

FUZZ_CC ?= clang
REPLAY_CC ?= $(CC)
FUZZ_TIME ?= 60
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

FUZZ_WIRE_SRCS := core/cursor.c core/mav_err.c core/dns_name.c \
                  core/dns_msg.c core/dns_rdata.c core/dns_query.c
FUZZ_SRCS_dns_msg ?= $(FUZZ_WIRE_SRCS)
FUZZ_SRCS_dns_name ?= $(FUZZ_WIRE_SRCS)
# zone: the zone port and the resolver behind it, which brings the whole
# of core/ (its DNSSEC validator needs crypto/ and Mbed TLS)
FUZZ_SRCS_zone ?= $(CORE_SRCS) $(wildcard port/zone/*.c) $(CRYPTO_SRCS) \
    $(MBEDTLS_SRCS)
# validator: the whole validating resolver behind a hostile port
FUZZ_SRCS_validator ?= $(CORE_SRCS) $(CRYPTO_SRCS) $(MBEDTLS_SRCS)
# verify: the whole verifier (SPF, DKIM, DMARC, A-R) over the zone port
FUZZ_SRCS_verify ?= $(CORE_SRCS) $(wildcard port/zone/*.c) $(CRYPTO_SRCS) \
    $(MBEDTLS_SRCS)
# dnssec_rrset: the DNSSEC building blocks, crypto/ and the Mbed TLS subset
FUZZ_SRCS_dnssec_rrset ?= $(FUZZ_WIRE_SRCS) $(addprefix core/dnssec_,alg.c \
    collect.c ds.c keytag.c nsec3.c reason.c rrset.c time.c) \
    $(CRYPTO_SRCS) $(MBEDTLS_SRCS)

# spf_record, spf_macro: the SPF grammar and macro expander alone (with
# ip_text.c, whose address reader the ip4:/ip6: terms exercise)
FUZZ_SRCS_spf_record ?= core/cursor.c core/mav_err.c core/spf_record.c \
    core/spf_macro.c core/ip_text.c
FUZZ_SRCS_spf_macro ?= $(FUZZ_SRCS_spf_record)

# DKIM: message intake; tag lists and signatures (names need the wire
# codec); key records (with crypto/'s RSA key parser); canonicalizers
FUZZ_SRCS_dkim_header ?= core/msg_header.c core/msg_from.c core/cursor.c \
    core/mav_err.c
FUZZ_SRCS_dkim_tags ?= $(FUZZ_WIRE_SRCS) core/dkim_tags.c core/dkim_sig.c
FUZZ_SRCS_dkim_key ?= $(FUZZ_WIRE_SRCS) core/dkim_tags.c core/dkim_key.c \
    $(CRYPTO_SRCS) $(MBEDTLS_SRCS)
FUZZ_SRCS_dkim_canon ?= core/dkim_canon.c

# dmarc_record: the DMARC record parser alone
FUZZ_SRCS_dmarc_record ?= core/cursor.c core/mav_err.c core/dmarc_record.c

FUZZ_CFLAGS := -std=c99 -g -O1 -Wall -Wextra -Icore -Icrypto -Iport \
               -fno-omit-frame-pointer
# crypto/ (the dnssec_rrset target) needs Mbed TLS's headers and config
FUZZ_CFLAGS += -I$(MBEDTLS)/include $(MBEDTLS_DEFS)
FUZZ_SAN := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
REPLAY_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all

define fuzz_target
$(FUZZ_DIR)/fuzz_$(1): tests/fuzz/fuzz_$(1).c $(FUZZ_SRCS_$(1))
	@mkdir -p $$(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SAN) -o $$@ $$^

$(FUZZ_DIR)/replay_$(1): tests/fuzz/replay.c tests/fuzz/fuzz_$(1).c \
                         $(FUZZ_SRCS_$(1))
	@mkdir -p $$(@D)
	$(REPLAY_CC) $(FUZZ_CFLAGS) $(REPLAY_SAN) -o $$@ $$^
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_target,$(t))))

.PHONY: fuzz fuzz-replay
fuzz: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_DIR)/corpus/$$t; \
	    echo "== fuzz $$t ($(FUZZ_TIME) s)"; \
	    $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_TIME) -timeout=5 \
	        -print_final_stats=1 $(FUZZ_DIR)/corpus/$$t \
	        tests/fuzz/corpus/$$t || exit 1; \
	done

fuzz-replay: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/replay_%)
	@for t in $(FUZZ_TARGETS); do \
	    echo "== replay $$t"; \
	    ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
	        $(FUZZ_DIR)/replay_$$t tests/fuzz/corpus/$$t || exit 1; \
	done
