/* SPDX-License-Identifier: MIT */
/*
 * qemu_glue.c - what the unit-test runner (tests/host/run.c) needs from
 * an operating system, over semihosting, on QEMU's riscv32 "virt"
 * machine: picolibc's libsemihost brings stdio on host files and the
 * console; this adds the command line's leading NAME=VALUE words as the
 * environment (MAV_TEST_TMP), system() on the host's shell (SYS_SYSTEM:
 * the suites have openssl make keys and signatures there) and mkdir()
 * through it. run.c's main() is compiled as mav_run_main (board.mk).
 * Test code only: mav itself links none of it.
 */
#define _POSIX_C_SOURCE 200809L /* setenv, mkdir */
#include <semihost.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int mav_run_main(int argc, char **argv);
int main(int argc, char **argv);

/* The host shell's exit status in wait(2)'s encoding (<sys/wait.h>). */
int system(const char *cmd)
{
    int st;

    if (cmd == NULL)
        return 1;
    st = sys_semihost_system(cmd);
    return st < 0 ? -1 : (st & 0xff) << 8;
}

int mkdir(const char *path, mode_t mode)
{
    char cmd[600];
    size_t n = strlen(path);

    (void)mode;
    if (n + 20 > sizeof cmd || strchr(path, '\''))
        return -1;
    memcpy(cmd, "mkdir -p '", 10);
    memcpy(cmd + 10, path, n);
    memcpy(cmd + 10 + n, "'", 2);
    return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    char name[64];
    const char *eq;

    while (argc > 1 && (eq = strchr(argv[1], '=')) != NULL) {
        size_t n = (size_t)(eq - argv[1]);
        if (n == 0 || n >= sizeof name)
            return 2;
        memcpy(name, argv[1], n);
        name[n] = 0;
        if (setenv(name, eq + 1, 1) != 0)
            return 2;
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    return mav_run_main(argc, argv);
}
