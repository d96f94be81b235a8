/* SPDX-License-Identifier: MIT */
/*
 * host_sys.c - what lwIP with NO_SYS=1 asks of its platform, for the
 * host test: sys_now(), lwIP's millisecond clock (lwip/sys.h; port/lwip
 * reads the same clock), from CLOCK_MONOTONIC; and LWIP_RAND() (see
 * arch/cc.h) from getrandom(). A board supplies both from SysTick and
 * its TRNG.
 */
#define _GNU_SOURCE
#include <sys/random.h>
#include <time.h>

#include "lwip/sys.h"

u32_t sys_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (u32_t)((uint64_t)ts.tv_sec * 1000u +
                   (uint64_t)ts.tv_nsec / 1000000u);
}

uint32_t mav_test_lwip_rand(void)
{
    uint32_t v = 0;

    /* a few bytes from the kernel's pool never fail after boot */
    (void)getrandom(&v, sizeof v, 0);
    return v;
}
