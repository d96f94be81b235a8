/* SPDX-License-Identifier: MIT */
/*
 * board_random.h - the board's randomness hook: what mav (DNS query IDs
 * and source ports, mav_lwip_board.random) and lwIP (LWIP_RAND, the
 * RFC 6528 ISN secret of tcp_isn.c) draw their unpredictable numbers
 * from.
 *
 * The contract, which a real board fills from its TRNG (or from a DRBG
 * seeded by it): mav_board_random() fills buf with len bytes an
 * off-path attacker cannot predict, and returns non-zero when it cannot
 * (a TRNG health test failed, no seed): mav then sends nothing, which
 * is the only safe answer, since predictable query IDs and ports make
 * every verdict forgeable (RFC 5452).
 *
 * What this board does, honestly: QEMU's mps2 machines model no TRNG.
 * mav_board_random_seed() reads 32 bytes of the host's /dev/urandom
 * once, through semihosting (the debugger's file channel), and a SHA-256
 * construction stretches them (board_random.c). That is good enough for
 * a test under QEMU, and it is not a design to copy: on silicon, read
 * the TRNG here, and never ship the semihosting seed (without a debugger
 * attached, a semihosting call halts the CPU).
 */
#ifndef MAV_BOARD_RANDOM_H
#define MAV_BOARD_RANDOM_H

#include <stddef.h>
#include <stdint.h>

/* Seed from the host (see above); 0, or -1 when no seed could be read
 * (every later mav_board_random() call then fails). Call it before
 * anything draws: lwip_init() already does (LWIP_RAND). */
int mav_board_random_seed(void);

/* Fill buf with len unpredictable bytes; 0, or -1 (not seeded). */
int mav_board_random(void *buf, size_t len);

/* 32 random bits for LWIP_RAND(), which has no way to fail: 0 when not
 * seeded (lwIP then starts its port counters at their lowest value; mav
 * itself would refuse to send). */
uint32_t mav_board_random_u32(void);

#endif /* MAV_BOARD_RANDOM_H */
