/* SPDX-License-Identifier: MIT */
/*
 * bench_clock.h - the clock and the round length every benchmark shares.
 */
#ifndef MAV_BENCH_CLOCK_H
#define MAV_BENCH_CLOCK_H

/* The round length when MAV_BENCH_SECONDS is not set. */
#define BENCH_DEFAULT_SECONDS 0.3

/* CLOCK_MONOTONIC in seconds; exits with status 2 if the clock fails. */
double bench_now(void);

/* MAV_BENCH_SECONDS, or BENCH_DEFAULT_SECONDS when it is unset or empty;
 * anything but a number in (0, 60] is refused with a message naming
 * `prog`, and exit status 2. */
double bench_seconds(const char *prog);

#endif /* MAV_BENCH_CLOCK_H */
