/* SPDX-License-Identifier: MIT */
/*
 * ed25519_internal.h - what the Ed25519 verifier (ed25519_verify.c)
 * shares with its table of precomputed multiples of the base point
 * (ed25519_base.c).
 */
#ifndef MAV_ED25519_INTERNAL_H
#define MAV_ED25519_INTERNAL_H

#include <stdint.h>

#include "mav_config.h"

/*
 * Width of the signed-digit window (wNAF) used for the scalar S of the
 * base point: digits are odd, |digit| < 2^(w-1), one in w+1 positions on
 * average. The table holds [1]B, [3]B, ... [2^(w-1) - 1]B, which is
 * 2^(w-2) entries of 96 bytes; see ed25519_verify.c for the trade-off.
 * A board sets it with MAV_CFG_ED25519_BASE_WINDOW (4..7).
 */
#define MAV_ED25519_BASE_WINDOW MAV_CFG_ED25519_BASE_WINDOW
#define MAV_ED25519_BASE_COUNT (1 << (MAV_ED25519_BASE_WINDOW - 2))

/*
 * Entry i is the affine point [2i+1]B as the three field elements
 * y+x, y-x and 2dxy (the "Niels" form that a mixed addition wants),
 * each as 32 canonical little-endian bytes so that both limb layouts of
 * fe25519.h can share one table.
 */
extern const uint8_t mav_ed25519_base_odd[MAV_ED25519_BASE_COUNT][3][32];

#endif /* MAV_ED25519_INTERNAL_H */
