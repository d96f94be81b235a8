/* SPDX-License-Identifier: MIT */
/*
 * board_random.c - the randomness hook of board_random.h on a board
 * without a TRNG: a 32-byte seed from the host's /dev/urandom, read once
 * through semihosting, stretched by SHA-256 in counter mode. Each
 * request is followed by a new key, the hash of the old one, so that
 * the state read out of RAM later does not give away what was drawn
 * before (backtracking resistance, as NIST SP 800-90A's DRBGs do). It
 * is the simplest construction that keeps the hook's contract here; a
 * board with a TRNG reads that instead and needs none of it.
 *
 * The state is the one global of this file: the hook has no context
 * argument (LWIP_RAND() takes none), like the SysTick count.
 */
#include <string.h>

#include "board_random.h"
#include "mav_crypto.h"
#include "semihost.h"

#define SEED_BYTES 32
/* The host's entropy, as the debugger sees it (QEMU's working folder
 * does not matter: the path is absolute). */
#define SEED_SOURCE "/dev/urandom"

static struct {
    uint8_t key[MAV_SHA256_LEN];
    uint32_t counter;
    uint8_t seeded;
} drbg;

/* out = SHA-256(key || label || counter), counter advanced. */
static void drbg_block(const char *label, uint8_t out[MAV_SHA256_LEN])
{
    mav_sha256_ctx h;
    uint8_t ctr[4];

    ctr[0] = (uint8_t)(drbg.counter >> 24);
    ctr[1] = (uint8_t)(drbg.counter >> 16);
    ctr[2] = (uint8_t)(drbg.counter >> 8);
    ctr[3] = (uint8_t)drbg.counter;
    drbg.counter++;
    mav_sha256_init(&h);
    mav_sha256_update(&h, drbg.key, sizeof drbg.key);
    mav_sha256_update(&h, label, strlen(label));
    mav_sha256_update(&h, ctr, sizeof ctr);
    mav_sha256_final(&h, out);
}

int mav_board_random_seed(void)
{
    uint8_t seed[SEED_BYTES];
    mav_sha256_ctx h;
    long got = 0, n;
    int fd = mav_semihost_open(SEED_SOURCE, MAV_SEMIHOST_READ);

    if (fd < 0)
        return -1;
    while (got < SEED_BYTES &&
           (n = mav_semihost_read(fd, seed + got,
                                  (size_t)(SEED_BYTES - got))) > 0)
        got += n;
    (void)mav_semihost_close(fd);
    if (got != SEED_BYTES)
        return -1;
    mav_sha256_init(&h);
    mav_sha256_update(&h, "mav board seed", 14);
    mav_sha256_update(&h, seed, sizeof seed);
    mav_sha256_final(&h, drbg.key);
    memset(seed, 0, sizeof seed);
    drbg.counter = 0;
    drbg.seeded = 1;
    return 0;
}

int mav_board_random(void *buf, size_t len)
{
    uint8_t block[MAV_SHA256_LEN], *out = buf;

    if (!drbg.seeded)
        return -1;
    while (len > 0) {
        size_t n = len < sizeof block ? len : sizeof block;
        drbg_block("out", block);
        memcpy(out, block, n);
        out += n;
        len -= n;
    }
    drbg_block("key", drbg.key); /* forget what made this output */
    memset(block, 0, sizeof block);
    return 0;
}

uint32_t mav_board_random_u32(void)
{
    uint8_t b[4];

    if (mav_board_random(b, sizeof b) != 0)
        return 0;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
           (uint32_t)b[2] << 8 | b[3];
}
