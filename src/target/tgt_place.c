/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Placement: udtrace keeps itself on the CPU of the threads it serves.
 *
 * A stop is two wake-ups: the tracee's stop wakes udtrace, udtrace's
 * PTRACE_CONT wakes the tracee. When both run on one CPU the wake-ups are
 * context switches (a few µs). When the scheduler leaves udtrace on the
 * other CPU, which goes idle between stops, each wake-up is an IPI to an
 * idle CPU, and under a hypervisor a vCPU to wake: 2-3 times the cost of
 * the whole stop (issue 7's measurements, bench/run.sh's two placements).
 *
 * The scheduler cannot learn this by itself: an idle previous CPU is what
 * it prefers for a woken task, so the pair stays apart for good. Pinning
 * udtrace to the CPU the tracee last ran on makes the tracee's stop wake
 * udtrace there (its only allowed CPU), and udtrace's PTRACE_CONT wake the
 * tracee on its own previous CPU, the same one: the pair stays together
 * and the tracee's own placement is never changed (its affinity is its
 * own; a tracee pinned elsewhere by its user is followed there).
 *
 * Which CPU: /proc/TID/stat's "processor" of the thread that stopped, read
 * at the first stop and then every PLACE_EVERY stops (a read costs a few
 * µs; a stop, ten), so udtrace follows the thread that stops most, and
 * follows it again when the load balancer moves it. udtrace's own mask at
 * start bounds the choice and is restored for every process it starts
 * (tgt_spawn's child) and when tracing ends.
 */
#include "config.h"

#include <fcntl.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tgt_impl.h"

/* Stops between two reads of the stopped thread's CPU. */
#define PLACE_EVERY 256

void
tgt_place_init(struct tgt_place *pl, int enable)
{
	memset(pl, 0, sizeof(*pl));
	pl->cpu = -1;
	if (!enable || sched_getaffinity(0, sizeof(pl->orig), &pl->orig) < 0)
		return;
	/* One CPU allowed: nothing to choose. */
	pl->enabled = CPU_COUNT(&pl->orig) > 1;
}

/* The CPU tid last ran on (/proc/TID/stat field 39), or -1. */
static int
thread_cpu(pid_t tid)
{
	char path[64], buf[1024], *p;
	ssize_t n;
	int fd, field;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* comm (field 2) may hold blanks and parentheses: count from the
	   last ')'; field 3 (state) starts two bytes after it. */
	p = strrchr(buf, ')');
	if (p == NULL || p[1] == '\0')
		return -1;
	p += 2;
	for (field = 3; field < 39; field++) {
		p = strchr(p, ' ');
		if (p == NULL)
			return -1;
		p++;
	}
	if (*p < '0' || *p > '9')
		return -1;
	return (int)strtol(p, NULL, 10);
}

void
tgt_place_stop(struct tgt_place *pl, pid_t tid)
{
	cpu_set_t one;
	int cpu;

	if (!pl->enabled || pl->stops++ % PLACE_EVERY != 0)
		return;
	cpu = thread_cpu(tid);
	if (cpu < 0 || cpu == pl->cpu || cpu >= CPU_SETSIZE ||
	    !CPU_ISSET(cpu, &pl->orig))
		return;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) < 0) {
		/* (a cpuset changed under us): stop trying */
		pl->enabled = 0;
		return;
	}
	pl->cpu = cpu;
	pl->moves++;
}

void
tgt_place_child(const struct tgt_place *pl)
{
	/* (async-signal-safe: a raw syscall between fork and exec) */
	if (pl->cpu >= 0)
		sched_setaffinity(0, sizeof(pl->orig), &pl->orig);
}

void
tgt_place_end(struct tgt_place *pl)
{
	if (pl->cpu >= 0)
		sched_setaffinity(0, sizeof(pl->orig), &pl->orig);
	pl->cpu = -1;
	pl->enabled = 0;
}
