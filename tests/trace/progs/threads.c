/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * threads T N: starts T POSIX threads that each make exactly N getppid()
 * syscalls, all T alive at once (a barrier), joins them, and prints one
 * "tid TID" line per thread, in the order they were created. The main
 * thread itself makes no getppid() call. Exit 0.
 */
#include "progs.h"

#include <pthread.h>
#include <sys/syscall.h>

static pthread_barrier_t barrier;
static long calls;

struct worker {
	pthread_t thread;
	pid_t tid;
};

static void *
work(void *arg)
{
	struct worker *w = arg;
	long i;

	w->tid = gettid();
	pthread_barrier_wait(&barrier);
	for (i = 0; i < calls; i++)
		syscall(SYS_getppid);
	/* Everyone has made its calls before any thread leaves. */
	pthread_barrier_wait(&barrier);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct worker *w;
	long i, t;
	int err;

	if (argc != 3)
		die("usage: threads T N");
	t = num_arg(argv[1]);
	calls = num_arg(argv[2]);
	if (t < 1 || t > 1000)
		die("T must be 1..1000");
	w = calloc(t, sizeof *w);
	if (!w)
		die("out of memory");
	wait_traced();
	if (pthread_barrier_init(&barrier, NULL, t))
		die("pthread_barrier_init failed");
	for (i = 0; i < t; i++) {
		err = pthread_create(&w[i].thread, NULL, work, &w[i]);
		if (err)
			die("pthread_create: %s", strerror(err));
	}
	for (i = 0; i < t; i++) {
		err = pthread_join(w[i].thread, NULL);
		if (err)
			die("pthread_join: %s", strerror(err));
	}
	for (i = 0; i < t; i++)
		printf("tid %d\n", (int)w[i].tid);
	return 0;
}
