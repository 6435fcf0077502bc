/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * checksum SECONDS [STOPFILE]: a multi-threaded mix of computation and
 * syscalls whose result is known in advance, for the detach test.
 *
 * One pass starts NTHREADS threads (so threads come and go all the
 * time); thread t takes NBLOCKS blocks of pseudo-random bytes (seeded by
 * t and the block number), sends each through its own pipe and reads it
 * back (write + read), checks the copy, folds it into an FNV-1a hash
 * after some arithmetic on it, and now and then calls getppid(),
 * getpid(), sched_yield() and nanosleep() and adds to a total shared
 * under a mutex. The pass's checksum combines the hashes in thread order
 * with the total: it does not depend on scheduling, so every pass gives
 * EXPECTED (measured untraced, see below).
 *
 * Passes repeat until SECONDS have gone by or STOPFILE exists (at least
 * one pass). Then it prints "checksum HEX passes N" and exits 0 when
 * every pass gave EXPECTED and every syscall did what it should; else it
 * says what went wrong and exits 1. A tracer that attaches and detaches
 * meanwhile must change nothing of that.
 */
#include "progs.h"

#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>

#define NTHREADS 4
#define NBLOCKS 128
#define BLOCK 256
#define ROUNDS 200

/* One pass, untraced ("checksum 0" prints it), with gcc and clang. */
#define EXPECTED UINT64_C(0x5545eea2e59e3956)

struct worker {
	pthread_t thread;
	int t;
	uint64_t hash;
	int pipe[2];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t total;
static pid_t self_pid, parent_pid;
/* The first thing that went wrong, kept for the final message. */
static char trouble[256];

static void
report(const char *what, long got)
{
	pthread_mutex_lock(&lock);
	if (!trouble[0])
		snprintf(trouble, sizeof trouble, "%s returned %ld (errno %d)",
			 what, got, errno);
	pthread_mutex_unlock(&lock);
}

static uint64_t
xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void
one_block(struct worker *w, int b)
{
	uint8_t data[BLOCK], copy[BLOCK];
	uint64_t s = UINT64_C(0x9e3779b97f4a7c15) * (uint64_t)(w->t + 1) +
		     (uint64_t)b * 1000003;
	const struct timespec nap = { 0, 50 * 1000 };
	ssize_t n;
	int i, r;

	for (i = 0; i < BLOCK; i++)
		data[i] = (uint8_t)xorshift(&s);
	n = write(w->pipe[1], data, BLOCK);
	if (n != BLOCK)
		report("write", (long)n);
	n = read(w->pipe[0], copy, BLOCK);
	if (n != BLOCK)
		report("read", (long)n);
	if (memcmp(data, copy, BLOCK) != 0)
		report("read (different bytes)", (long)n);
	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < BLOCK; i += 8)
			copy[i] =
				(uint8_t)(copy[i] * 31 + copy[(i + r) % BLOCK]);
	for (i = 0; i < BLOCK; i++) {
		w->hash ^= copy[i];
		w->hash *= UINT64_C(0x100000001b3);
	}
	if (b % 8 == 0) {
		long v = syscall(SYS_getppid);

		if (v != parent_pid)
			report("getppid", v);
		v = syscall(SYS_getpid);
		if (v != self_pid)
			report("getpid", v);
		sched_yield();
	}
	if (b % 16 == 0 && nanosleep(&nap, NULL) != 0)
		report("nanosleep", -1);
	pthread_mutex_lock(&lock);
	total += w->hash >> 32;
	pthread_mutex_unlock(&lock);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	int b;

	for (b = 0; b < NBLOCKS; b++)
		one_block(w, b);
	return NULL;
}

static uint64_t
pass(void)
{
	struct worker w[NTHREADS];
	uint64_t sum;
	int t, err;

	total = 0;
	for (t = 0; t < NTHREADS; t++) {
		w[t].t = t;
		w[t].hash = UINT64_C(0xcbf29ce484222325);
		if (pipe(w[t].pipe))
			die("pipe: %s", strerror(errno));
		err = pthread_create(&w[t].thread, NULL, work, &w[t]);
		if (err)
			die("pthread_create: %s", strerror(err));
	}
	for (t = 0; t < NTHREADS; t++) {
		err = pthread_join(w[t].thread, NULL);
		if (err)
			die("pthread_join: %s", strerror(err));
		close(w[t].pipe[0]);
		close(w[t].pipe[1]);
	}
	sum = total;
	for (t = 0; t < NTHREADS; t++)
		sum = (sum ^ w[t].hash) * UINT64_C(0x100000001b3) + (uint64_t)t;
	return sum;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	const char *stopfile = argc > 2 ? argv[2] : NULL;
	long seconds, passes = 0, wrong = 0;
	uint64_t sum, first = 0;
	double start;

	if (argc < 2 || argc > 3)
		die("usage: checksum SECONDS [STOPFILE]");
	seconds = num_arg(argv[1]);
	self_pid = getpid();
	parent_pid = getppid();
	wait_traced();
	start = now();
	do {
		sum = pass();
		if (passes++ == 0)
			first = sum;
		if (sum != EXPECTED)
			wrong++;
	} while (now() - start < (double)seconds &&
		 !(stopfile && access(stopfile, F_OK) == 0));

	printf("checksum %016" PRIx64 " passes %ld\n", first, passes);
	if (wrong)
		printf("%ld of %ld passes gave another checksum than %016" PRIx64
		       "\n",
		       wrong, passes, EXPECTED);
	if (trouble[0])
		printf("%s\n", trouble);
	return wrong || trouble[0] ? 1 : 0;
}
