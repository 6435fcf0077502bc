/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sleepers N: starts N POSIX threads that only sleep, then prints its pid
 * (one line, once every thread is there) and sleeps too, until killed or
 * 120 s have passed: a process with thousands of threads, for the notices
 * udtrace prints while it attaches to each one (tests/cli/messages.test).
 * Small stacks keep 2000 threads cheap.
 */
#include "progs.h"

#include <pthread.h>

static void *
nap(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t th;
	long n, i;

	if (argc != 2)
		die("usage: sleepers N");
	n = num_arg(argv[1]);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < n; i++)
		if (pthread_create(&th, &attr, nap, NULL) != 0)
			die("thread %ld of %ld could not start", i + 1, n);
	printf("%d\n", (int)getpid());
	fflush(stdout);
	sleep(120);
	return 0;
}
