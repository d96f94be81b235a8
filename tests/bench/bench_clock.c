/* SPDX-License-Identifier: MIT */
/*
 * bench_clock.c - the clock and the round length every benchmark shares
 * (bench_clock.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_clock.h"

double bench_now(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        perror("bench: clock_gettime(CLOCK_MONOTONIC)");
        exit(2);
    }
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double bench_seconds(const char *prog)
{
    const char *text = getenv("MAV_BENCH_SECONDS");
    char *end;
    double seconds;

    if (text == NULL || *text == '\0')
        return BENCH_DEFAULT_SECONDS;
    seconds = strtod(text, &end);
    if (*end != '\0' || !(seconds > 0.0) || seconds > 60.0) {
        fprintf(stderr, "%s: MAV_BENCH_SECONDS=%s: want a number of "
                "seconds in (0, 60]\n", prog, text);
        exit(2);
    }
    return seconds;
}
