/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers shared by the tracees of tests/trace/. Each program knows
 * exactly what it does (how many syscalls of which kind, with which
 * arguments), so a test can compare udtrace's output with it. The
 * programs are not linked with anything of udtrace's.
 *
 * UDT_WAIT_TRACED=1 in the environment makes a program wait, before its
 * work, until /proc/self/status shows a tracer: a test that attaches
 * with -p (or traces every process) then sees the whole of the work and
 * has no timing to guess.
 */
#ifndef UDT_TRACE_PROGS_H
#define UDT_TRACE_PROGS_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static inline void __attribute__((format(printf, 1, 2), noreturn))
die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* A non-negative decimal argument, or die. */
static inline long
num_arg(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		die("bad number '%s'", s);
	return v;
}

/* fn handles sig (sa_flags flags, nothing blocked), or die. */
static inline void
handle_signal_flags(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL))
		die("sigaction: %s", strerror(errno));
}

/* fn handles sig (no SA_RESTART, nothing blocked), or die. */
static inline void
handle_signal(int sig, void (*fn)(int))
{
	handle_signal_flags(sig, fn, 0);
}

/* The TracerPid line of /proc/self/status, -1 when unreadable. */
static inline long
tracer_pid(void)
{
	char line[256];
	long pid = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "TracerPid: %ld", &pid) == 1)
			break;
	fclose(f);
	return pid;
}

/*
 * With UDT_WAIT_TRACED set: until a tracer is attached, 60 s at most.
 * TracerPid shows at PTRACE_SEIZE, a moment before the tracer has stopped
 * the thread and resumed it in the mode that sees its syscalls (and, for
 * udtrace -p, before BEGIN): a quarter of a second more lets the attach
 * finish on a quiet machine. With UDT_WAIT_GO=FILE too: then until FILE
 * exists (60 s at most), which the test makes when the tracer is ready
 * (udtrace -w: BEGIN { system("touch FILE"); }, BEGIN firing once the -p
 * process's probes are planted): a loaded machine may take longer than
 * any fixed wait to plant them.
 */
static inline void
wait_traced(void)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	const struct timespec settle = { 0, 250 * 1000 * 1000 };
	const char *go = getenv("UDT_WAIT_GO");
	int i;

	if (!getenv("UDT_WAIT_TRACED"))
		return;
	for (i = 0; i < 6000; i++) {
		if (tracer_pid() > 0)
			break;
		nanosleep(&tick, NULL);
	}
	if (i == 6000)
		die("no tracer attached within 60 s");
	if (go == NULL) {
		nanosleep(&settle, NULL);
		return;
	}
	for (i = 0; i < 6000; i++) {
		if (access(go, F_OK) == 0)
			return;
		nanosleep(&tick, NULL);
	}
	die("no %s within 60 s of the attach", go);
}

#endif
