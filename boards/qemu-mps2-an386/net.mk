# SPDX-License-Identifier: MIT
# boards/qemu-mps2-an386/net.mk - the network image, included by
# board.mk: build/qemu-mps2-an386/verify.elf, mav verifying messages over
# lwIP 2.2 (NO_SYS=1, this folder's lwipopts.h) and the LAN9118
# (verify_main.c says how to run it; tests/qemu-mps2-an386/run-net-test
# runs it against the signed test world). Like image.elf it links no C
# library: mav, the Mbed TLS subset, lwIP, the board, mem.c and libgcc.

QEMU_NET_ELF := $(BUILD)/$(BOARD)/verify.elf
QEMU_NET_DIR := $(BUILD)/$(BOARD)

# The IPv4 part of lwIP's core (src/Filelists.mk names them all): this
# board has no IPv6.
QEMU_NET_LWIP_FILES := core/init core/def core/inet_chksum core/ip \
    core/mem core/memp core/netif core/pbuf core/stats core/sys core/tcp \
    core/tcp_in core/tcp_out core/timeouts core/udp core/ipv4/etharp \
    core/ipv4/icmp core/ipv4/ip4 core/ipv4/ip4_addr core/ipv4/ip4_frag \
    netif/ethernet
QEMU_NET_LWIP_OBJS := $(QEMU_NET_LWIP_FILES:%=$(QEMU_NET_DIR)/lwip/%.o)

# Ours: the board's network, mav's lwIP port, and the zone reader's
# trust-anchor loader (the anchors come from a host file).
QEMU_NET_SRCS := $(QEMU_BOARD)/verify_main.c $(QEMU_BOARD)/net.c \
    $(QEMU_BOARD)/lan9118.c $(QEMU_BOARD)/lwip_sys.c \
    $(QEMU_BOARD)/board_random.c $(QEMU_BOARD)/tcp_isn.c \
    $(QEMU_BOARD_RUNTIME) port/lwip/lwip_port.c port/zone/zone_anchor.c \
    port/zone/zone_read.c port/zone/zone_rdata.c
QEMU_NET_OBJS := $(QEMU_NET_SRCS:%.c=$(QEMU_NET_DIR)/%.o)
QEMU_NET_LWIP_STAMP := $(LWIP)/src/include/lwip/init.h
QEMU_NET_MEM_OBJ := $(MEM_SRC:%.c=$(QEMU_NET_DIR)/%.o)

# lwIP's headers as system headers: -pedantic and -Wundef stay on for our
# code without lwIP's own headers tripping them.
QEMU_NET_LWIP_INCLUDES := -isystem $(LWIP)/src/include -Iport/lwip
$(QEMU_NET_OBJS): CROSS_OUR_CFLAGS += $(QEMU_NET_LWIP_INCLUDES)
$(QEMU_NET_OBJS): | $(QEMU_NET_LWIP_STAMP)

# lwIP itself: its warnings are not ours to fix.
$(QEMU_NET_DIR)/lwip/%.o: $(LWIP)/src/%.c | $(QEMU_NET_LWIP_STAMP)
	@mkdir -p $(@D)
	$(board_CC) $(board_CROSS_CFLAGS) -std=c99 -w -Icore \
	    -I$(QEMU_BOARD) -Iport/lwip -I$(LWIP)/src/include -MMD -MP -c $< -o $@

$(QEMU_NET_ELF): $(QEMU_NET_OBJS) $(QEMU_NET_LWIP_OBJS) $(QEMU_NET_MEM_OBJ) \
    $(QEMU_NET_DIR)/$(STARTUP:%.c=%.o) $(QEMU_NET_DIR)/libmav.a $(LDSCRIPT)
	$(board_CC) $(board_CROSS_CFLAGS) $(IMAGE_LDFLAGS) $(LTO_LDFLAGS) \
	    -T $(LDSCRIPT) \
	    -Wl,--unresolved-symbols=report-all -Wl,-Map,$@.map -o $@ \
	    $(QEMU_NET_OBJS) $(QEMU_NET_LWIP_OBJS) $(QEMU_NET_MEM_OBJ) \
	    $(QEMU_NET_DIR)/$(STARTUP:%.c=%.o) $(QEMU_NET_DIR)/libmav.a \
	    $(IMAGE_LIBS)
	$(CROSS_COMPILE)size $@

.PHONY: board-net
board-net: $(QEMU_NET_ELF)
board: $(QEMU_NET_ELF)

-include $(QEMU_NET_OBJS:.o=.d) $(QEMU_NET_LWIP_OBJS:.o=.d)
