/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pid_threads FILE [M]: 8 threads call hammer() M times each (default
 * 2000) at once, thread t with the arguments t * M .. t * M + M - 1, and
 * add up what it returns. The main thread computes the same sum with its
 * own copy of the arithmetic (never through hammer()). FILE gets:
 *	calls hammer N		(8 * M)
 *	argsum hammer A		the sum of the arguments
 *	retsum hammer S		the sum of the returns, as the threads saw them
 *	expected S		the main thread's own sum
 *	thread T M		for each thread, the calls it made
 * and the exit status is 1 when the sums differ.
 */
#include "progs.h"

#include <pthread.h>

#define NTHREADS 8

#if defined(__GNUC__) && !defined(__clang__)
#define PROBED __attribute__((noipa))
#else
#define PROBED __attribute__((noinline))
#endif

long hammer(long x);

struct worker {
	pthread_t thread;
	long t, calls, sum;
};

static long m = 2000;
static pthread_barrier_t start;

static inline long
arith(long x)
{
	return (x * x) % 1000003 + 3 * x + 1;
}

PROBED long
hammer(long x)
{
	return arith(x);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	long i;

	pthread_barrier_wait(&start);
	for (i = 0; i < m; i++) {
		w->sum += hammer(w->t * m + i);
		w->calls++;
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	struct worker w[NTHREADS];
	long i, sum = 0, expected = 0, calls = 0;
	FILE *f;
	int t;

	if (argc != 2 && argc != 3)
		die("usage: pid_threads FILE [M]");
	if (argc == 3)
		m = num_arg(argv[2]);
	wait_traced();
	pthread_barrier_init(&start, NULL, NTHREADS);
	for (t = 0; t < NTHREADS; t++) {
		w[t] = (struct worker){ .t = t };
		if (pthread_create(&w[t].thread, NULL, work, &w[t]) != 0)
			die("pthread_create failed");
	}
	for (t = 0; t < NTHREADS; t++) {
		pthread_join(w[t].thread, NULL);
		sum += w[t].sum;
		calls += w[t].calls;
	}
	for (i = 0; i < NTHREADS * m; i++)
		expected += arith(i);
	f = fopen(argv[1], "w");
	if (!f)
		die("%s: %s", argv[1], strerror(errno));
	fprintf(f, "calls hammer %ld\n", calls);
	fprintf(f, "argsum hammer %ld\n",
		NTHREADS * m * (NTHREADS * m - 1) / 2);
	fprintf(f, "retsum hammer %ld\n", sum);
	fprintf(f, "expected %ld\n", expected);
	for (t = 0; t < NTHREADS; t++)
		fprintf(f, "thread %d %ld\n", t, w[t].calls);
	if (fclose(f) != 0)
		die("%s: %s", argv[1], strerror(errno));
	return sum == expected ? 0 : 1;
}
