/* SPDX-License-Identifier: MIT */
/*
 * tcp_isn.c - RFC 6528 initial sequence numbers for lwIP
 * (LWIP_HOOK_TCP_ISN, see lwip_hooks.h): ISN = M + F(localip, localport,
 * remoteip, remoteport, secretkey), where M counts 4-microsecond
 * ticks (§3: "a timer that is incremented every 4 microseconds"; 250 a
 * millisecond, so it wraps modulo 2^32 as the ms clock does) and F the first 32 bits of SHA-256 over the secret key and the
 * connection's four-tuple (§3 suggests MD5; any keyed hash will do).
 * The key comes once from the board's randomness hook: a TRNG on real
 * hardware (board_random.h).
 */
#include <string.h>

#include "lwip/opt.h"
#include "lwip/ip_addr.h"

#include "board.h"
#include "board_random.h"
#include "lwip_hooks.h"
#include "mav_crypto.h"

#define ISN_KEY_BYTES 16 /* RFC 6528 §3: at least 128 bits */

/* The key, drawn once; global because lwIP's hook takes no context. */
static uint8_t isn_key[ISN_KEY_BYTES];

int mav_board_tcp_isn_init(void)
{
    return mav_board_random(isn_key, sizeof isn_key) == 0 ? 0 : -1;
}

/* The address bytes F hashes: 4 for IPv4, 16 for IPv6. */
static void hash_addr(mav_sha256_ctx *h, const ip_addr_t *a)
{
#if LWIP_IPV6
    if (IP_IS_V6(a)) {
        mav_sha256_update(h, ip_2_ip6(a)->addr, 16);
        return;
    }
#endif
#if LWIP_IPV4
    mav_sha256_update(h, &ip_2_ip4(a)->addr, 4);
#endif
}

u32_t mav_board_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
                        const ip_addr_t *remote_ip, u16_t remote_port)
{
    uint8_t ports[4], f[MAV_SHA256_LEN];
    mav_sha256_ctx h;
    uint32_t us, ms = mav_board_now_ms_us(&us);

    ports[0] = (uint8_t)(local_port >> 8);
    ports[1] = (uint8_t)local_port;
    ports[2] = (uint8_t)(remote_port >> 8);
    ports[3] = (uint8_t)remote_port;
    mav_sha256_init(&h);
    mav_sha256_update(&h, isn_key, sizeof isn_key);
    hash_addr(&h, local_ip);
    hash_addr(&h, remote_ip);
    mav_sha256_update(&h, ports, sizeof ports);
    mav_sha256_final(&h, f);
    return ms * 250u + us / 4u +
           ((u32_t)f[0] << 24 | (u32_t)f[1] << 16 | (u32_t)f[2] << 8 | f[3]);
}
