/* SPDX-License-Identifier: Apache-2.0 */
/* What the benchmark programs share: clocks and dying with a message. */
#ifndef NG_BENCH_UTIL_H
#define NG_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The program's name in its messages; each program sets it. */
static const char *bench_name;

static inline double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of this thread: the figures are per core, and a busy machine
 * does not lower them. */
static inline double
cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline void
die(const char *what)
{
	fprintf(stderr, "%s: %s\n", bench_name, what);
	exit(1);
}

#endif /* NG_BENCH_UTIL_H */
