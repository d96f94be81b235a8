/* SPDX-License-Identifier: MIT */
/*
 * main.c - the board's firmware image. It runs mav's crypto self-test,
 * then what its semihosting command line asks:
 *   sha256 FILE...   print each host file's SHA-256 as sha256sum does,
 *                    read through SYS_OPEN/SYS_READ in small pieces
 *   sleep MS         wait MS milliseconds of SysTick, idling in WFI
 *   fault            execute an undefined instruction (the HardFault
 *                    handler must report it and exit with status 3)
 * and startup.c then prints the stack used. The exit status is 0 when
 * all went well, 1 when the self-test failed, 2 for a bad command line
 * or an unreadable file, 3 on a fault; tests/qemu-mps2-an386/
 * run-board-test checks each.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "mav_crypto.h"
#include "semihost.h"

static int sha256_file(const char *path)
{
    static const char digits[] = "0123456789abcdef";
    uint8_t buf[512], digest[MAV_SHA256_LEN];
    char hex[2 * MAV_SHA256_LEN + 1];
    mav_sha256_ctx ctx;
    long n;
    size_t i;
    int h = mav_semihost_open(path, MAV_SEMIHOST_READ);

    if (h < 0) {
        mav_board_print("sha256: cannot open ");
        mav_board_print(path);
        mav_board_print("\n");
        return MAV_BOARD_EXIT_USAGE;
    }
    mav_sha256_init(&ctx);
    while ((n = mav_semihost_read(h, buf, sizeof buf)) > 0)
        mav_sha256_update(&ctx, buf, (size_t)n);
    (void)mav_semihost_close(h);
    if (n < 0)
        return MAV_BOARD_EXIT_USAGE;
    mav_sha256_final(&ctx, digest);
    for (i = 0; i < sizeof digest; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15u];
    }
    hex[sizeof hex - 1] = 0;
    mav_board_print(hex);
    mav_board_print("  ");
    mav_board_print(path);
    mav_board_print("\n");
    return MAV_BOARD_EXIT_OK;
}

static uint32_t parse_u32(const char *s)
{
    uint32_t v = 0;

    while (*s >= '0' && *s <= '9' && v < 100000000u)
        v = v * 10u + (uint32_t)(*s++ - '0');
    return v;
}

static void sleep_ms(uint32_t ms)
{
    uint32_t start = mav_board_now_ms();

    while (mav_board_now_ms() - start < ms)
        mav_board_idle();
}

int main(int argc, char **argv)
{
    const char *which = NULL;
    int status = MAV_BOARD_EXIT_OK, i;

    mav_crypto_init();
    if (mav_crypto_selftest(&which) != 0) {
        mav_board_print("self-test: FAILED in ");
        mav_board_print(which ? which : "?");
        mav_board_print("\n");
        return MAV_BOARD_EXIT_FAILED;
    }
    mav_board_print("mav on mps2-an386: self-test ok\n");

    if (argc >= 2 && strcmp(argv[1], "sha256") == 0) {
        for (i = 2; i < argc; i++)
            if (sha256_file(argv[i]) != MAV_BOARD_EXIT_OK)
                status = MAV_BOARD_EXIT_USAGE;
    } else if (argc == 3 && strcmp(argv[1], "sleep") == 0) {
        uint32_t t0 = mav_board_now_ms();
        sleep_ms(parse_u32(argv[2]));
        mav_board_print("slept ");
        mav_board_print_u32(mav_board_now_ms() - t0);
        mav_board_print(" ms\n");
    } else if (argc == 2 && strcmp(argv[1], "fault") == 0) {
        __asm__ volatile("udf #0");
    } else if (argc > 1) {
        mav_board_print("usage: image [sha256 FILE... | sleep MS | fault]\n");
        status = MAV_BOARD_EXIT_USAGE;
    }
    return status;
}
