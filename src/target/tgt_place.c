/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Placement: udtrace keeps itself on the CPU of the threads it serves.
 *
 * A stop is two wake-ups: the tracee's stop wakes udtrace, udtrace's
 * PTRACE_CONT wakes the tracee. When both run on one CPU the wake-ups are
 * context switches (a few µs). When they run apart, each wake-up must
 * rouse the other CPU, idle between stops, and under a hypervisor a vCPU:
 * a stop then costs 2-3 times as much (make bench's two placements).
 *
 * The scheduler keeps them apart, and pinning udtrace alone does not
 * help: the tracee is woken while udtrace still runs on their CPU, so the
 * wake-up looks for an idle CPU (select_idle_sibling) and finds the other
 * one, every time (measured: no gain at all). What does help is udtrace
 * pinned to the tracee's CPU *and* running as SCHED_IDLE: a CPU whose only
 * runnable task is SCHED_IDLE counts as idle, so the tracee is woken right
 * there, preempts udtrace at once, and udtrace goes on where it was when
 * the tracee stops again. The tracee's own mask and policy are never
 * touched; a tracee pinned elsewhere by its user is followed there.
 *
 * SCHED_IDLE has a price: any busy task on that CPU (another thread of
 * the tracee that does not stop, an unrelated program) would starve
 * udtrace, and the traced threads waiting for it. So udtrace watches its
 * own run-queue delay (/proc/self/schedstat) against the time the thread
 * it follows ran, and when it waited for others more than a fifth of the
 * time, leaves: its policy and mask back, for a while that doubles each
 * time (up to a minute). It only goes idle when
 * it can come back (SCHED_IDLE -> SCHED_OTHER needs CAP_SYS_NICE or an
 * RLIMIT_NICE of 20: see sched(7)), and only from SCHED_OTHER at nice 0
 * or below; otherwise it stays where the scheduler puts it.
 *
 * Which CPU: the one the thread that stopped last ran on (tgt_thread_cpu:
 * its rseq area, else /proc), looked at on the first stop and then every
 * PLACE_EVERY stops, so udtrace follows the thread that stops most.
 * udtrace's own mask and policy at start are restored for every process it
 * starts (tgt_spawn's child) and when tracing ends.
 */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "tgt_impl.h"

/* Stops between two reads of the stopped thread's CPU. */
#define PLACE_EVERY 256
/* At most this long between two looks at udtrace's own run-queue delay
   (checked every 16 stops). */
#define PLACE_PERIOD_NS (50 * 1000000LL)
/* Waiting on the run queue more than 1/PLACE_STARVED of the time:
   starved. */
#define PLACE_STARVED 5
#define PLACE_BACKOFF_NS (1000 * 1000000LL)
/* Placed, and no stop counted for this long: leave. */
#define PLACE_IDLE_NS (50 * 1000000LL)
#define PLACE_BACKOFF_MAX_NS (60 * 1000 * 1000000LL)
/* CAP_SYS_NICE's bit in CapEff (linux/capability.h) */
#define CAP_SYS_NICE_BIT 23

static long long
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Whether udtrace, at nice, could leave SCHED_IDLE for SCHED_OTHER again
   (the kernel's can_nice()). */
static int
can_unidle(int nice)
{
	struct tgt_status st;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NICE, &rl) == 0 &&
	    (rl.rlim_cur == RLIM_INFINITY ||
	     rl.rlim_cur >= (rlim_t)(20 - nice)))
		return 1;
	return tgt_read_status(getpid(), &st) == 0 &&
	       ((st.capeff >> CAP_SYS_NICE_BIT) & 1);
}

/* /proc/TID/schedstat (tid 0: udtrace itself): the time tid ran, and the
   time it waited on a run queue, so far (ns). 0 or -1. */
static int
schedstat(pid_t tid, long long *run, long long *delay)
{
	char path[64], buf[128];
	unsigned long long r, d;

	if (tid)
		snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)tid);
	else
		snprintf(path, sizeof(path), "/proc/self/schedstat");
	if (tgt_read_small(path, buf, sizeof(buf)) <= 0 ||
	    sscanf(buf, "%llu %llu", &r, &d) != 2)
		return -1;
	*run = (long long)r;
	*delay = (long long)d;
	return 0;
}

void
tgt_place_init(struct tgt_place *pl, int enable)
{
	int nice;

	memset(pl, 0, sizeof(*pl));
	pl->cpu = -1;
	if (!enable || sched_getaffinity(0, sizeof(pl->orig), &pl->orig) < 0)
		return;
	/* Not our place to lower a policy someone chose for udtrace
	   (real-time, batch, a positive nice). On one allowed CPU there is
	   nothing to choose, but SCHED_IDLE still pays: the tracee, woken,
	   preempts udtrace at once, and udtrace finds the next stop
	   without going to sleep (measured: 8.6 -> 6.2 us a stop). */
	errno = 0;
	nice = getpriority(PRIO_PROCESS, 0);
	if (sched_getscheduler(0) != SCHED_OTHER || errno != 0 || nice > 0 ||
	    !can_unidle(nice) || schedstat(0, &pl->delay_ns, &pl->delay_ns) < 0)
		return;
	pl->enabled = 1;
	pl->backoff = PLACE_BACKOFF_NS;
}

/* Back to the mask and policy udtrace started with. */
static void
unplace(struct tgt_place *pl)
{
	struct sched_param sp = { 0 };

	if (pl->idle && sched_setscheduler(0, SCHED_OTHER, &sp) == 0)
		pl->idle = 0;
	if (pl->cpu >= 0)
		sched_setaffinity(0, sizeof(pl->orig), &pl->orig);
	pl->cpu = -1;
}

/* Pinned to cpu, as SCHED_IDLE. */
static void
place(struct tgt_place *pl, int cpu)
{
	struct sched_param sp = { 0 };
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) < 0) {
		/* (a cpuset changed under us): stop trying */
		unplace(pl);
		pl->enabled = 0;
		return;
	}
	pl->cpu = cpu;
	pl->stop_ns = mono_ns();
	if (!pl->idle && sched_setscheduler(0, SCHED_IDLE, &sp) == 0)
		pl->idle = 1;
}

/* Out for pl->backoff, which doubles (up to a minute). */
static void
leave(struct tgt_place *pl, long long now)
{
	unplace(pl);
	pl->until_ns = now + pl->backoff;
	if (pl->backoff < PLACE_BACKOFF_MAX_NS)
		pl->backoff *= 2;
}

/*
 * Whether udtrace waited on the run queue for others since the last look
 * (then it leaves, for pl->backoff). As SCHED_IDLE it waits whenever the
 * tracee runs, by design: what counts is its wait beyond the time the
 * followed thread (tid) ran meanwhile. Another thread of the tracee busy
 * on the CPU counts as another: leaving is the safe side.
 */
static int
starved(struct tgt_place *pl, pid_t tid, long long now)
{
	long long run, delay, trun, tdelay, wall = now - pl->checked_ns;
	int bad;

	if (schedstat(0, &run, &delay) < 0)
		return 1; /* cannot watch any more: leave */
	if (schedstat(tid, &trun, &tdelay) < 0)
		trun = -1;
	bad = tid == pl->checked_tid && trun >= 0 && pl->trun_ns >= 0 &&
	      ((delay - pl->delay_ns) - (trun - pl->trun_ns)) * PLACE_STARVED >
		      wall;
	pl->delay_ns = delay;
	pl->trun_ns = trun;
	pl->checked_tid = tid;
	pl->checked_ns = now;
	return bad;
}

void
tgt_place_stop(struct tgt *t, pid_t tid)
{
	struct tgt_place *pl = &t->place;
	unsigned long n;
	long long now;
	int cpu;

	if (!pl->enabled)
		return;
	n = pl->stops++;
	if (n % 16 != 0)
		return;
	now = mono_ns();
	pl->stop_ns = now;
	if (pl->cpu >= 0 && now - pl->checked_ns >= PLACE_PERIOD_NS &&
	    starved(pl, tid, now)) {
		leave(pl, now);
		return;
	}
	if (n % PLACE_EVERY != 0 || now < pl->until_ns)
		return;
	cpu = tgt_thread_cpu(t, tid);
	if (cpu < 0 || cpu == pl->cpu || cpu >= CPU_SETSIZE ||
	    !CPU_ISSET(cpu, &pl->orig))
		return;
	if (pl->cpu < 0)
		(void)starved(pl, tid, now); /* a fresh baseline */
	place(pl, cpu);
}

/*
 * The run-queue guard above sees a followed thread that runs without
 * stopping as udtrace's fair wait (its run time is subtracted), yet that
 * thread alone on the CPU leaves SCHED_IDLE udtrace a sliver of it: a
 * profile-997 on a CPU-bound program then took 1-22 samples in 0.3 s,
 * not 300. Placement is worth its price only while stops come fast, so
 * when udtrace is up for something else (a timer, a signal) and no
 * stop came for PLACE_IDLE_NS, it leaves, as when starved.
 */
void
tgt_place_idle(struct tgt *t)
{
	struct tgt_place *pl = &t->place;
	long long now;

	if (!pl->enabled || pl->cpu < 0)
		return;
	now = mono_ns();
	if (now - pl->stop_ns >= PLACE_IDLE_NS)
		leave(pl, now);
}

void
tgt_place_child(const struct tgt_place *pl)
{
	struct sched_param sp = { 0 };

	/* (async-signal-safe: raw syscalls between fork and exec) */
	if (pl->idle)
		sched_setscheduler(0, SCHED_OTHER, &sp);
	if (pl->cpu >= 0)
		sched_setaffinity(0, sizeof(pl->orig), &pl->orig);
}

void
tgt_place_end(struct tgt_place *pl)
{
	unplace(pl);
	pl->enabled = 0;
}
