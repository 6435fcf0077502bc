/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench timer: runs one command and prints its wall time in nanoseconds
 * (CLOCK_MONOTONIC, from just before fork to the reaped exit), so that the
 * timing adds no shell, date(1) or taskset(1) process to what is measured.
 *
 *   timeit [-c CPU] [-t SECONDS] [-o FILE] [-m] CMD [ARG...]
 *
 * -c CPU: the command (and everything it starts: tracer and tracees
 *  inherit the mask) runs on that one CPU, as taskset -c CPU would;
 * -t SECONDS: past that, the command's process group is killed (SIGKILL;
 *  a tracer's -c children die with it through PTRACE_O_EXITKILL), and
 *  timeit exits 3;
 * -o FILE: the command's stdout and stderr go to FILE (else /dev/null),
 *  and so does timeit's own line about a failed command, last;
 * -m: the command's own peak resident size too (wait4's ru_maxrss: the
 *  process timeit started, not its children), "NS KIB".
 *
 * Prints "NS" on stdout. Exit 0 when the command exited 0, 1 when it
 * failed (its status said as above, else on stderr), 3 when it timed
 * out, 2 on a usage or set-up error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;

static void
on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* In the child: its own process group (so a timeout kills exactly what we
   started), the CPU mask, the output, then the command. */
static void
child(int cpu, int fd, char **argv)
{
	cpu_set_t set;

	setpgid(0, 0);
	if (cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof set, &set) != 0) {
			fprintf(stderr, "timeit: cpu %d: %s\n", cpu,
				strerror(errno));
			_exit(126);
		}
	}
	if (dup2(fd, 1) < 0 || dup2(fd, 2) < 0) {
		fprintf(stderr, "timeit: dup2: %s\n", strerror(errno));
		_exit(126);
	}
	close(fd);
	execvp(argv[0], argv);
	dprintf(2, "timeit: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static int
usage(void)
{
	fprintf(stderr, "usage: timeit [-c CPU] [-t SECONDS] [-o FILE] [-m] "
			"CMD [ARG...]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	const char *out = NULL;
	long long t0, t1;
	int opt, cpu = -1, status, fd, msgfd, rss = 0;
	struct rusage ru;
	unsigned timeout = 0;
	pid_t pid, r;

	while ((opt = getopt(argc, argv, "+c:t:o:m")) != -1) {
		switch (opt) {
		case 'c':
			cpu = atoi(optarg);
			break;
		case 't':
			timeout = (unsigned)atoi(optarg);
			break;
		case 'o':
			out = optarg;
			break;
		case 'm':
			rss = 1;
			break;
		default:
			return usage();
		}
	}
	if (optind >= argc)
		return usage();

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	/* No SA_RESTART: wait4 returns on the alarm. */
	sigaction(SIGALRM, &sa, NULL);
	fd = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		fprintf(stderr, "timeit: %s: %s\n", out ? out : "/dev/null",
			strerror(errno));
		return 2;
	}
	msgfd = out ? fd : 2;

	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		return 2;
	}
	if (pid == 0)
		child(cpu, fd, argv + optind);
	/* Both sides set the group, so the kill below cannot miss it. */
	setpgid(pid, pid);
	alarm(timeout);
	memset(&ru, 0, sizeof ru);
	while ((r = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR) {
		if (timed_out) {
			kill(-pid, SIGKILL);
			timed_out = 0;
			timeout = ~0u;
		}
	}
	t1 = now_ns();
	alarm(0);
	if (r < 0) {
		perror("timeit: wait4");
		return 2;
	}
	if (rss)
		printf("%lld %ld\n", t1 - t0, ru.ru_maxrss);
	else
		printf("%lld\n", t1 - t0);
	if (timeout == ~0u) {
		dprintf(msgfd, "timeit: %s: timed out, killed\n", argv[optind]);
		return 3;
	}
	if (WIFSIGNALED(status)) {
		dprintf(msgfd, "timeit: %s: killed by signal %d\n",
			argv[optind], WTERMSIG(status));
		return 1;
	}
	if (WEXITSTATUS(status) != 0) {
		dprintf(msgfd, "timeit: %s: exit status %d\n", argv[optind],
			WEXITSTATUS(status));
		return 1;
	}
	return 0;
}
