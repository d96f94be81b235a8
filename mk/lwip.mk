# SPDX-License-Identifier: MIT
# mk/lwip.mk - real lwIP 2.2 on the host, and mav's resolver over it
# (port/lwip), included by the top-level Makefile. lwIP is built with
# NO_SYS=1 and the test's own tests/lwip/lwipopts.h into build/lwip/, its
# files with -w (their warnings are not ours to fix), ours with the
# project's warnings as errors. The test binary links the host library
# (mav's core) and runs under tests/lwip/run-lwip-test, which gives it a
# TAP device and the test DNS world in a network namespace of its own.
#
#   make lwip-test     build/lwip/lwip_dns_test, and port/lwip compiled
#                      once more against an IPv4-only lwIP
#   make test          builds the same; tools/run-tests runs it

LWIP_BUILD := $(BUILD)/lwip
LWIP_STAMP := $(LWIP)/src/include/lwip/init.h

# The lwIP files a NO_SYS=1 IPv4+IPv6 Ethernet stack with UDP and TCP
# needs (lwIP's own src/Filelists.mk lists them all, including apps and
# APIs we leave out). Named here, not found by wildcard: third_party/lwip
# may not exist until tools/fetch-deps has run.
LWIP_FILES := core/init core/def core/inet_chksum core/ip core/mem \
              core/memp core/netif core/pbuf core/stats core/sys \
              core/tcp core/tcp_in core/tcp_out core/timeouts core/udp \
              core/ipv4/etharp core/ipv4/icmp core/ipv4/ip4 \
              core/ipv4/ip4_addr core/ipv4/ip4_frag \
              core/ipv6/ethip6 core/ipv6/icmp6 core/ipv6/inet6 \
              core/ipv6/ip6 core/ipv6/ip6_addr core/ipv6/ip6_frag \
              core/ipv6/mld6 core/ipv6/nd6 netif/ethernet
LWIP_SRCS := $(LWIP_FILES:%=$(LWIP)/src/%.c)
LWIP_OBJS := $(LWIP_FILES:%=$(LWIP_BUILD)/lwip/%.o)

LWIP_PORT_SRCS := $(wildcard port/lwip/*.c)
# Shared with the host tests: digcmp.c, the comparison with dig;
# heap_wrap.c, the targets of the heap --wrap below.
LWIP_TEST_SRCS := $(wildcard tests/lwip/*.c) tests/host/digcmp.c \
                  tests/host/heap_wrap.c
LWIP_OUR_OBJS := $(LWIP_PORT_SRCS:%.c=$(LWIP_BUILD)/%.o) \
                 $(LWIP_TEST_SRCS:%.c=$(LWIP_BUILD)/%.o)
LWIP_V4ONLY_OBJS := $(LWIP_PORT_SRCS:%.c=$(LWIP_BUILD)/v4only/%.o)
LWIP_TEST_BIN := $(LWIP_BUILD)/lwip_dns_test

# lwIP's headers as system headers: -pedantic and -Wundef stay on for
# our code without lwIP's headers tripping them.
LWIP_INCLUDES := -Itests/lwip -Itests/host -isystem $(LWIP)/src/include \
                 -Iport/lwip
LWIP_OUR_CFLAGS = $(OUR_CFLAGS) $(LWIP_INCLUDES)
LWIP_TP_CFLAGS = -std=c99 -w $(OPT) -Icore -Itests/lwip -Iport/lwip \
                 -I$(LWIP)/src/include $(EXTRA_CFLAGS)

$(LWIP_STAMP):
	tools/fetch-deps lwip

# The sources (and the headers our files include) appear when the stamp's
# rule has fetched them: this tells make they can be made, so the object
# rules apply in a fresh clone.
$(LWIP_SRCS): | $(LWIP_STAMP) ;

$(LWIP_BUILD)/lwip/%.o: $(LWIP)/src/%.c | $(LWIP_STAMP)
	@mkdir -p $(@D)
	$(CC) $(LWIP_TP_CFLAGS) -MMD -MP -c $< -o $@

$(LWIP_BUILD)/%.o: %.c | $(LWIP_STAMP)
	@mkdir -p $(@D)
	$(CC) $(LWIP_OUR_CFLAGS) -MMD -MP -c $< -o $@

# The IPv4-only build of the port: compiled, never linked.
$(LWIP_BUILD)/v4only/%.o: %.c | $(LWIP_STAMP)
	@mkdir -p $(@D)
	$(CC) $(OUR_CFLAGS) -Itests/lwip/v4only $(LWIP_INCLUDES) -MMD -MP \
	    -c $< -o $@

# --wrap: the test aborts if our objects, mav's core or lwIP call the
# C library's heap (the zero-malloc rule, DESIGN.md rule 1).
$(LWIP_TEST_BIN): $(LWIP_OUR_OBJS) $(LWIP_OBJS) $(host_DIR)/libmav.a
	$(CC) $(NOMALLOC_LDFLAGS) -o $@ $^

.PHONY: lwip-test clean-lwip
lwip-test: $(LWIP_TEST_BIN) $(LWIP_V4ONLY_OBJS)
test: lwip-test
clean: clean-lwip
clean-lwip:
	rm -rf $(LWIP_BUILD)

-include $(LWIP_OBJS:.o=.d) $(LWIP_OUR_OBJS:.o=.d) $(LWIP_V4ONLY_OBJS:.o=.d)
