/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * usdt_threads FILE M: 8 threads fire udthr:::hit(T, I) at once, M times
 * each (T the thread's number 0..7, I its iteration), on one probe site.
 * FILE ("-": stdout) gets
 *	hits T M	each thread's firings
 *	sum S		the sum of every I fired (8 * M * (M - 1) / 2)
 * With UDT_WAIT_TRACED set, waits for a tracer first (progs.h).
 */
#include "progs.h"
#include "usdt_probes.h"

#include <pthread.h>

#define NTHREADS 8

static long m;
static pthread_barrier_t start;

static __attribute__((noinline)) void
hit(long t, long i)
{
	DTRACE_PROBE2(udthr, hit, t, i);
}

static void *
worker(void *arg)
{
	long t = (long)arg, i;

	pthread_barrier_wait(&start);
	for (i = 0; i < m; i++)
		hit(t, i);
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t th[NTHREADS];
	long t;
	FILE *out;
	int err;

	usdt_require_sdt();
	if (argc != 3)
		die("usage: usdt_threads FILE M");
	m = num_arg(argv[2]);
	out = strcmp(argv[1], "-") ? fopen(argv[1], "w") : stdout;
	if (!out)
		die("%s: %s", argv[1], strerror(errno));
	wait_traced();
	pthread_barrier_init(&start, NULL, NTHREADS);
	for (t = 0; t < NTHREADS; t++) {
		err = pthread_create(&th[t], NULL, worker, (void *)t);
		if (err)
			die("pthread_create: %s", strerror(err));
	}
	for (t = 0; t < NTHREADS; t++)
		pthread_join(th[t], NULL);
	for (t = 0; t < NTHREADS; t++)
		fprintf(out, "hits %ld %ld\n", t, m);
	fprintf(out, "sum %ld\n", NTHREADS * m * (m - 1) / 2);
	if (fclose(out) != 0)
		die("%s: %s", argv[1], strerror(errno));
	return 0;
}
