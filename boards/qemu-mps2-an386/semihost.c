/* SPDX-License-Identifier: MIT */
/*
 * semihost.c - the semihosting calls of semihost.h. Each one fills a
 * small argument block and traps with BKPT 0xAB (the Thumb form for
 * M-profile cores); the host's answer comes back in r0.
 */
#include <string.h>

#include "semihost.h"

/* Operation numbers (Semihosting v2.0, "Semihosting operations"). */
enum {
    SYS_OPEN = 0x01,
    SYS_CLOSE = 0x02,
    SYS_WRITE = 0x05,
    SYS_READ = 0x06,
    SYS_ISTTY = 0x09,
    SYS_SEEK = 0x0a,
    SYS_FLEN = 0x0c,
    SYS_SYSTEM = 0x12,
    SYS_GET_CMDLINE = 0x15,
    SYS_EXIT_EXTENDED = 0x20
};

/* ADP_Stopped_ApplicationExit: with it, SYS_EXIT_EXTENDED's second word
 * is the exit status QEMU passes on. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static int32_t call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;

    /* "memory": the host reads and writes the block r1 points at. */
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return (int32_t)r0;
}

/* The console is the special file ":tt"; opened in text mode "w" (4)
 * it is the host's standard output. Opened once, on first use. */
#define CONSOLE_MODE_STDOUT 4

static int console_handle(void)
{
    static int handle = -1;

    if (handle < 0)
        handle = mav_semihost_open(":tt", CONSOLE_MODE_STDOUT);
    return handle;
}

void mav_semihost_write(const void *p, size_t n)
{
    int h = console_handle();

    if (h >= 0)
        (void)mav_semihost_write_file(h, p, n);
}

void mav_semihost_puts(const char *s)
{
    mav_semihost_write(s, strlen(s));
}

int mav_semihost_open(const char *path, int mode)
{
    uint32_t a[3];

    a[0] = (uint32_t)(uintptr_t)path;
    a[1] = (uint32_t)mode;
    a[2] = (uint32_t)strlen(path);
    return call(SYS_OPEN, a);
}

/* SYS_READ and SYS_WRITE: (handle, buffer, length); both answer with
 * the number of bytes NOT transferred. */
static int32_t call_on_buffer(uint32_t op, int handle, const void *p,
                              size_t n)
{
    uint32_t a[3];

    a[0] = (uint32_t)handle;
    a[1] = (uint32_t)(uintptr_t)p;
    a[2] = (uint32_t)n;
    return call(op, a);
}

long mav_semihost_read(int handle, void *p, size_t n)
{
    int32_t left = call_on_buffer(SYS_READ, handle, p, n);

    if (left < 0 || (uint32_t)left > n)
        return -1;
    return (long)(n - (uint32_t)left);
}

int mav_semihost_write_file(int handle, const void *p, size_t n)
{
    return call_on_buffer(SYS_WRITE, handle, p, n) == 0 ? 0 : -1;
}

/* The operations whose argument block is one word: a handle. */
static int32_t call_on_handle(uint32_t op, int handle)
{
    uint32_t a[1];

    a[0] = (uint32_t)handle;
    return call(op, a);
}

long mav_semihost_flen(int handle)
{
    return call_on_handle(SYS_FLEN, handle);
}

int mav_semihost_seek(int handle, long offset)
{
    uint32_t a[2];

    a[0] = (uint32_t)handle;
    a[1] = (uint32_t)offset;
    return call(SYS_SEEK, a) == 0 ? 0 : -1;
}

int mav_semihost_istty(int handle)
{
    return call_on_handle(SYS_ISTTY, handle);
}

int mav_semihost_close(int handle)
{
    return call_on_handle(SYS_CLOSE, handle) == 0 ? 0 : -1;
}

int mav_semihost_cmdline(char *buf, size_t cap)
{
    uint32_t a[2];

    if (cap == 0)
        return -1;
    a[0] = (uint32_t)(uintptr_t)buf;
    a[1] = (uint32_t)cap;
    if (call(SYS_GET_CMDLINE, a) != 0)
        return -1;
    buf[a[1] < cap ? a[1] : cap - 1] = 0;
    return 0;
}

int mav_semihost_system(const char *cmd)
{
    uint32_t a[2];

    a[0] = (uint32_t)(uintptr_t)cmd;
    a[1] = (uint32_t)strlen(cmd);
    return call(SYS_SYSTEM, a);
}

void mav_semihost_exit(int status)
{
    uint32_t a[2];

    a[0] = ADP_STOPPED_APPLICATION_EXIT;
    a[1] = (uint32_t)status;
    (void)call(SYS_EXIT_EXTENDED, a);
    for (;;) /* no debugger: nothing more to do */
        __asm__ volatile("wfi");
}
