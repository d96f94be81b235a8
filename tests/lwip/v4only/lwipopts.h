/* SPDX-License-Identifier: MIT */
/*
 * v4only/lwipopts.h - the test's lwIP options with IPv6 off. mk/lwip.mk
 * compiles port/lwip once more with this file first on the include path,
 * so the IPv4-only branches of the port (ip_addr_t is then a plain
 * ip4_addr_t) build too; nothing is linked or run with it.
 */
#ifndef MAV_TEST_LWIPOPTS_V4ONLY_H
#define MAV_TEST_LWIPOPTS_V4ONLY_H

#define MAV_TEST_LWIP_IPV6 0
#include "../lwipopts.h"

#endif /* MAV_TEST_LWIPOPTS_V4ONLY_H */
