/* SPDX-License-Identifier: MIT */
/*
 * budget.c - the board's memory budget (mav_opts.h) held to at compile
 * time: the build fails when a verification context or the resolver
 * outgrows it, whoever changed what. mav_board_print_budget() says the
 * sizes at run time, for the test logs.
 */
#include <stdint.h>

#include "board.h"
#include "mav_dns.h"
#include "mav_verify.h"

typedef char mav_verify_ctx_within_budget
    [sizeof(mav_verify_ctx) <= MAV_BOARD_VERIFY_CTX_BUDGET ? 1 : -1];
typedef char mav_dns_ctx_within_budget
    [sizeof(mav_dns_ctx) <= MAV_BOARD_DNS_CTX_BUDGET ? 1 : -1];

void mav_board_print_budget(void);

void mav_board_print_budget(void)
{
    mav_board_print("mav_verify_ctx ");
    mav_board_print_u32((uint32_t)sizeof(mav_verify_ctx));
    mav_board_print(" of ");
    mav_board_print_u32(MAV_BOARD_VERIFY_CTX_BUDGET);
    mav_board_print(" bytes, mav_dns_ctx ");
    mav_board_print_u32((uint32_t)sizeof(mav_dns_ctx));
    mav_board_print(" of ");
    mav_board_print_u32(MAV_BOARD_DNS_CTX_BUDGET);
    mav_board_print(" bytes\n");
}
