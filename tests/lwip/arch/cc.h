/* SPDX-License-Identifier: MIT */
/*
 * arch/cc.h - lwIP's compiler and platform header for the host test
 * (lwIP's src/include/lwip/arch.h includes it first). On a Linux host the
 * C library provides everything lwIP's defaults expect (stdint.h,
 * printf and abort for LWIP_PLATFORM_DIAG/ASSERT, little endian), so only
 * LWIP_RAND() is ours: lwIP's default is rand(), predictable; here it
 * comes from getrandom() (tests/lwip/host_sys.c), as a board's comes from
 * its TRNG.
 */
#ifndef MAV_TEST_LWIP_ARCH_CC_H
#define MAV_TEST_LWIP_ARCH_CC_H

#include <stdint.h>

uint32_t mav_test_lwip_rand(void);
#define LWIP_RAND() mav_test_lwip_rand()

#endif /* MAV_TEST_LWIP_ARCH_CC_H */
