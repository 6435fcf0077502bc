/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * toolprog MODE ARGS: the tracee of tests/tools/ (the examples/tools/
 * scripts), for the jobs the tracees of tests/trace/progs/ do not cover.
 * Like them it knows what it did and says so on stdout.
 *
 *   toolprog errors N
 *	N times each, in this order, four raw syscalls that fail (no C
 *	library wrapper in the way, the same names on x86_64 and aarch64):
 *	    close(-1)                              EBADF
 *	    unlinkat(AT_FDCWD, NOPATH, AT_REMOVEDIR) ENOENT
 *	    chdir("/dev/null")                     ENOTDIR
 *	    mkdirat(AT_FDCWD, "/", 0)              EEXIST
 *	then prints one "SYSCALL ERRNAME COUNT" line for each, as it saw
 *	them fail (a syscall that does not fail so is an exit 1).
 *
 *   toolprog prof N MS
 *	N calls of outer(), each calling sleeper() (sleeps MS ms: elapsed
 *	time, nearly no CPU) and then burner() (spins until the thread's
 *	own CPU clock has advanced MS ms: on-CPU time). Prints "calls outer
 *	N", "calls sleeper N", "calls burner N".
 *
 *   toolprog burn MS
 *	main -> hot_outer -> hot_inner -> spinner, which spins for MS ms of
 *	CLOCK_MONOTONIC time with no syscall (the clock is the vDSO's):
 *	the stack a profiler must find nearly every sample in.
 *	Prints "burned MS".
 *
 * The functions are global, not inlined, not cloned: the pid provider
 * sees each one under its own name.
 */
#include "../../trace/progs/progs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#if defined(__GNUC__) && !defined(__clang__)
#define TOOL_FN __attribute__((noipa))
#else
#define TOOL_FN __attribute__((noinline))
#endif

#define NOPATH "/nonexistent/udt-tools-no-such-dir"

/* Global, so that each keeps its symbol (the tests name them). */
void sleeper(long ms);
void burner(long ms);
void outer(long ms);
void spinner(long ms);
void hot_inner(long ms);
void hot_outer(long ms);

static volatile unsigned long sink;

static long long
cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

TOOL_FN void
sleeper(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

TOOL_FN void
burner(long ms)
{
	long long end = cpu_ns() + ms * 1000000LL;
	int i;

	/* clock_gettime(CLOCK_THREAD_CPUTIME_ID) is a real syscall (the
	   vDSO has no thread clocks): some 0.1 ms of multiplications
	   between two keep it, and the samples that stop the thread in it,
	   a small share */
	while (cpu_ns() < end)
		for (i = 0; i < 100000; i++)
			sink += (unsigned long)i * 2654435761u;
}

TOOL_FN void
outer(long ms)
{
	sleeper(ms);
	burner(ms);
	sink++;
}

/* (a syscall in the loop, as burner's, would be where the samples of
   udtrace's profile provider stop the thread) */
TOOL_FN void
spinner(long ms)
{
	struct timespec ts;
	long long end;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	end = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + ms;
	do {
		for (i = 0; i < 100000; i++)
			sink += (unsigned long)i * 2654435761u;
		clock_gettime(CLOCK_MONOTONIC, &ts);
	} while ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 < end);
}

TOOL_FN void
hot_inner(long ms)
{
	spinner(ms);
	sink++;
}

TOOL_FN void
hot_outer(long ms)
{
	hot_inner(ms);
	sink++;
}

/* One failing syscall: it must fail with WANT. */
static void
must_fail(const char *name, long r, int want)
{
	if (r != -1 || errno != want)
		die("%s: returned %ld (errno %d), expected errno %d", name, r,
		    errno, want);
}

static void
errors(long n)
{
	long i;

	for (i = 0; i < n; i++) {
		must_fail("close", syscall(SYS_close, -1), EBADF);
		must_fail("unlinkat",
			  syscall(SYS_unlinkat, AT_FDCWD, NOPATH, AT_REMOVEDIR),
			  ENOENT);
		must_fail("chdir", syscall(SYS_chdir, "/dev/null"), ENOTDIR);
		must_fail("mkdirat", syscall(SYS_mkdirat, AT_FDCWD, "/", 0),
			  EEXIST);
	}
	printf("close EBADF %ld\nunlinkat ENOENT %ld\n", n, n);
	printf("chdir ENOTDIR %ld\nmkdirat EEXIST %ld\n", n, n);
}

int
main(int argc, char **argv)
{
	long i, n, ms;

	if (argc == 3 && strcmp(argv[1], "errors") == 0) {
		n = num_arg(argv[2]);
		wait_traced();
		errors(n);
	} else if (argc == 4 && strcmp(argv[1], "prof") == 0) {
		n = num_arg(argv[2]);
		ms = num_arg(argv[3]);
		wait_traced();
		for (i = 0; i < n; i++)
			outer(ms);
		printf("calls outer %ld\ncalls sleeper %ld\ncalls burner %ld\n",
		       n, n, n);
	} else if (argc == 3 && strcmp(argv[1], "burn") == 0) {
		ms = num_arg(argv[2]);
		wait_traced();
		hot_outer(ms);
		printf("burned %ld\n", ms);
	} else {
		die("usage: toolprog errors N | prof N MS | burn MS");
	}
	return 0;
}
