/* SPDX-License-Identifier: MIT */
/*
 * newlib_glue.c - the system calls newlib's C library expects, over
 * semihosting, for the programs of this board that use a C library:
 * the unit-test runner (tests/host/run.c and its suites), which needs
 * stdio, strtoul and system(). The firmware image links no C library
 * and none of this.
 *
 * File descriptors 0, 1, 2 are the host's stdin, stdout and stderr (the
 * semihosting console ":tt"); a host file opened by SYS_OPEN gets its
 * semihosting handle plus FD_BASE. newlib's stdio takes its FILE
 * structures and buffers from malloc(); here malloc's memory is a
 * fixed arena in .bss (HEAP_BYTES), so the runner cannot take more RAM
 * than the link reserved. mav's own code never allocates: the firmware
 * image, linked without any C library, proves it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "semihost.h"

#define FD_BASE 3
#define MAX_FILES 16
#define HEAP_BYTES (256u * 1024u)

/* Prototypes of the symbols newlib calls (it has no header for them). */
int _open(const char *path, int flags, int mode);
int _close(int fd);
int _read(int fd, void *buf, size_t n);
int _write(int fd, const void *buf, size_t n);
int _lseek(int fd, int offset, int whence);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);
void *_sbrk(ptrdiff_t incr);
void _exit(int status);
int _kill(int pid, int sig);
int _getpid(void);
int system(const char *cmd);
int mkdir(const char *path, mode_t mode);
void mav_board_before_main(int *argc, char ***argv);

extern char **environ;

/* Per descriptor: its semihosting handle (-1: closed) and the offset,
 * which semihosting does not report (SYS_SEEK only takes absolute
 * offsets). Index = fd. Set up by mav_board_before_main(). */
static struct {
    int handle;
    long pos;
} files[FD_BASE + MAX_FILES];

static int handle_of(int fd)
{
    if (fd < 0 || fd >= FD_BASE + MAX_FILES)
        return -1;
    return files[fd].handle;
}

/* open(2) flags to a semihosting mode (the fopen() order: r, r+, w, w+,
 * a, a+; each in binary). */
static int semihost_mode(int flags)
{
    int rw = (flags & O_ACCMODE) == O_RDWR;

    if (flags & O_APPEND)
        return rw ? 11 : 9;
    if (flags & (O_TRUNC | O_CREAT))
        return rw ? 7 : 5;
    return rw ? 3 : 1;
}

int _open(const char *path, int flags, int mode)
{
    int fd, h;

    (void)mode;
    for (fd = FD_BASE; fd < FD_BASE + MAX_FILES; fd++)
        if (files[fd].handle < 0)
            break;
    if (fd == FD_BASE + MAX_FILES) {
        errno = EMFILE;
        return -1;
    }
    h = mav_semihost_open(path, semihost_mode(flags));
    if (h < 0) {
        errno = ENOENT;
        return -1;
    }
    files[fd].handle = h;
    files[fd].pos = 0;
    if (flags & O_APPEND)
        files[fd].pos = mav_semihost_flen(h);
    return fd;
}

int _close(int fd)
{
    int h = handle_of(fd);

    if (fd < FD_BASE)
        return 0;
    if (h < 0) {
        errno = EBADF;
        return -1;
    }
    files[fd].handle = -1;
    return mav_semihost_close(h);
}

int _read(int fd, void *buf, size_t n)
{
    long got;
    int h = handle_of(fd);

    if (h < 0) {
        errno = EBADF;
        return -1;
    }
    got = mav_semihost_read(h, buf, n);
    if (got < 0) {
        errno = EIO;
        return -1;
    }
    files[fd].pos += got;
    return (int)got;
}

int _write(int fd, const void *buf, size_t n)
{
    int h = handle_of(fd);

    if (h < 0 || mav_semihost_write_file(h, buf, n) != 0) {
        errno = EIO;
        return -1;
    }
    files[fd].pos += (long)n;
    return (int)n;
}

int _lseek(int fd, int offset, int whence)
{
    int h = handle_of(fd);
    long to;

    if (h < 0 || fd < FD_BASE) {
        errno = ESPIPE;
        return -1;
    }
    if (whence == SEEK_SET)
        to = offset;
    else if (whence == SEEK_CUR)
        to = files[fd].pos + offset;
    else
        to = mav_semihost_flen(h) + offset;
    if (to < 0 || mav_semihost_seek(h, to) != 0) {
        errno = EINVAL;
        return -1;
    }
    files[fd].pos = to;
    return (int)to;
}

int _fstat(int fd, struct stat *st)
{
    memset(st, 0, sizeof *st);
    if (_isatty(fd)) {
        st->st_mode = S_IFCHR; /* stdio line-buffers a terminal */
        return 0;
    }
    st->st_mode = S_IFREG;
    st->st_size = mav_semihost_flen(handle_of(fd));
    return 0;
}

int _isatty(int fd)
{
    return fd < FD_BASE || mav_semihost_istty(handle_of(fd)) == 1;
}

void *_sbrk(ptrdiff_t incr)
{
    static uint8_t heap[HEAP_BYTES] __attribute__((aligned(8)));
    static size_t used;
    void *p = heap + used;

    if (incr < 0 || (size_t)incr > sizeof heap - used) {
        errno = ENOMEM;
        return (void *)-1;
    }
    used += (size_t)incr;
    return p;
}

void _exit(int status)
{
    mav_semihost_exit(status);
}

int _kill(int pid, int sig)
{
    (void)pid;
    mav_semihost_exit(128 + sig); /* abort() ends up here */
}

int _getpid(void)
{
    return 1;
}

/* The host runs the command (SYS_SYSTEM): the tests have openssl on
 * the host make their keys and signatures, as on the host itself. */
int system(const char *cmd)
{
    return cmd ? mav_semihost_system(cmd) : 1;
}

/* Semihosting has no mkdir: the host's shell makes the folder. */
int mkdir(const char *path, mode_t mode)
{
    char cmd[600];

    (void)mode;
    if (snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path) >= (int)sizeof cmd)
        return -1;
    return system(cmd) == 0 ? 0 : -1;
}

/* Before main(): descriptors 0, 1 and 2 on the semihosting console
 * (":tt" opened "r", "w" and "a" is the host's stdin, stdout and
 * stderr), and the environment: the leading NAME=VALUE words of the
 * command line, as env(1) takes them (a target has no other; the
 * runner reads MAV_TEST_TMP from it). argv[0] stays the program's. */
void mav_board_before_main(int *argc, char ***argv)
{
    static const int console_mode[FD_BASE] = {0, 4, 8};
    static char *env[16];
    char **args = *argv;
    int fd, n = 0;

    for (fd = 0; fd < FD_BASE + MAX_FILES; fd++)
        files[fd].handle = fd < FD_BASE ? mav_semihost_open(":tt",
                                                        console_mode[fd])
                                        : -1;
    while (*argc > 1 && strchr(args[1], '=') && n < 15) {
        env[n++] = args[1];
        args[1] = args[0];
        args++;
        (*argc)--;
    }
    env[n] = NULL;
    environ = env;
    *argv = args;
}
