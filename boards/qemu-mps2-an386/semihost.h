/* SPDX-License-Identifier: MIT */
/*
 * semihost.h - Arm semihosting (Semihosting for AArch32 and AArch64,
 * version 2.0): the image asks the debugger, here QEMU started with
 * "-semihosting", to do I/O on the host for it. A BKPT 0xAB traps with
 * the operation in r0 and its argument block's address in r1.
 *
 * The board uses it for what real hardware would do with a UART and a
 * file system: console output, reading the messages to verify from
 * host files, the command line, and an exit status for the test. On a
 * board without a debugger attached these calls halt the CPU, so a
 * production image must not make them.
 */
#ifndef MAV_SEMIHOST_H
#define MAV_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

/* Modes of mav_semihost_open() (the fopen() mode strings, in the
 * specification's order). */
enum {
    MAV_SEMIHOST_READ = 1,   /* "rb" */
    MAV_SEMIHOST_WRITE = 5,  /* "wb" */
    MAV_SEMIHOST_APPEND = 9  /* "ab" */
};

/* Write n bytes to the host's console (its standard output). */
void mav_semihost_write(const void *p, size_t n);
/* Write a NUL-terminated string to the console. */
void mav_semihost_puts(const char *s);

/* Open a host file (path relative to the directory QEMU runs in);
 * returns a handle >= 0 or -1. */
int mav_semihost_open(const char *path, int mode);
/* Read up to n bytes; returns the count read (0 at the end) or -1. */
long mav_semihost_read(int handle, void *p, size_t n);
/* Write n bytes; returns 0 or -1. */
int mav_semihost_write_file(int handle, const void *p, size_t n);
/* The file's length in bytes, or -1. */
long mav_semihost_flen(int handle);
/* Move to an absolute offset; returns 0 or -1. */
int mav_semihost_seek(int handle, long offset);
/* 1 if the handle is the console, 0 if a file, -1 on error. */
int mav_semihost_istty(int handle);
int mav_semihost_close(int handle);

/* The command line QEMU was given (-semihosting-config arg=...), words
 * separated by spaces, NUL-terminated in buf; returns 0 or -1. */
int mav_semihost_cmdline(char *buf, size_t cap);

/* Run a shell command on the host; returns its wait status as system()
 * does, or -1. Only tests use it (to have openssl sign something). */
int mav_semihost_system(const char *cmd);

/* Stop the emulator with this exit status (SYS_EXIT_EXTENDED). */
void mav_semihost_exit(int status) __attribute__((noreturn));

#endif /* MAV_SEMIHOST_H */
