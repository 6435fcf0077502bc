/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * usdt_sem FILE N MODE: USDT probes with semaphores (as a program built
 * with `dtrace -h`/`-G` has them: a counter in the .probes section that
 * a tracer increments while it wants the probe). The program reads its
 * own semaphores and writes to FILE ("-": stdout):
 *	start F O	the semaphores of udsem:::fire and udsem:::other when
 *			main() starts
 *	traced F O	the same once a tracer is there (UDT_WAIT_TRACED)
 *			and has set fire's semaphore (30 s at most: a
 *			tracer's attach comes before its enabling, so
 *			TracerPid alone says too early)
 *	fire I S	each of the N firings of udsem:::fire(I, S), S the
 *			semaphore just before
 *	enabled fire K, enabled other K	how many firings found their
 *			semaphore set (udsem:::other fires N times too)
 *	done		then udsem:::done fires once
 * MODE plain: nothing more. MODE detach (with UDT_WAIT_TRACED, for
 * udtrace -p whose script exits at udsem:::done): waits until no tracer
 * is attached (60 s at most), then
 *	after F O	the semaphores after the tracer left
 * and fires every probe N times more (a breakpoint left behind would
 * kill it). MODE fork: forks before the loop; the child fires
 * udsem:::fire(1000 + I, S) N times and writes to FILE.child
 *	child start F	its fire semaphore at once after fork()
 *	child enabled fire K
 * and the parent, once it has waited for it,
 *	child status X	the child's exit status
 * MODE forkwait: the same, but the child first writes its pid to
 * FILE.pid and waits for a tracer of its own (a test names it with -p).
 */
#define _SDT_HAS_SEMAPHORES 1
#include "progs.h"
#include "usdt_probes.h"

#include <sys/wait.h>

/* As `dtrace -G` defines them: two bytes in .probes, 0 at start. */
unsigned short udsem_fire_semaphore __attribute__((section(".probes")));
unsigned short udsem_other_semaphore __attribute__((section(".probes")));
unsigned short udsem_done_semaphore __attribute__((section(".probes")));

/* A tracer writes them behind the compiler's back. */
#define SEM(name) (*(volatile unsigned short *)&udsem_##name##_semaphore)

static FILE *
open_out(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;

	if (!f)
		die("%s: %s", path, strerror(errno));
	return f;
}

static void
close_out(FILE *f, const char *path)
{
	if (fclose(f) != 0)
		die("%s: %s", path, strerror(errno));
}

/* The N firings; base is added to the first argument. */
static void
fire_all(FILE *out, long n, long base, long *en_fire, long *en_other)
{
	long i;

	for (i = 0; i < n; i++) {
		int s = SEM(fire);

		if (s)
			(*en_fire)++;
		DTRACE_PROBE2(udsem, fire, base + i, s);
		if (out)
			fprintf(out, "fire %ld %d\n", base + i, s);
		if (SEM(other))
			(*en_other)++;
		DTRACE_PROBE1(udsem, other, i);
	}
}

/* After wait_traced(): until the tracer has enabled udsem:::fire (its
   breakpoints are planted before its semaphore is set), 30 s at most;
   the output then tells what was seen. */
static void
wait_fire_enabled(void)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	int i;

	for (i = 0; i < 3000 && SEM(fire) == 0; i++)
		nanosleep(&tick, NULL);
}

static void
wait_untraced(void)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	int i;

	for (i = 0; i < 6000; i++) {
		if (tracer_pid() == 0)
			return;
		nanosleep(&tick, NULL);
	}
	die("still traced after 60 s");
}

int
main(int argc, char **argv)
{
	long n, en_fire = 0, en_other = 0;
	pid_t child = -1;
	FILE *out;
	int status;

	usdt_require_sdt();
	if (argc != 4)
		die("usage: usdt_sem FILE N plain|detach|fork|forkwait");
	n = num_arg(argv[2]);
	out = open_out(argv[1]);
	fprintf(out, "start %d %d\n", SEM(fire), SEM(other));
	if (getenv("UDT_WAIT_TRACED")) {
		wait_traced();
		wait_fire_enabled();
		fprintf(out, "traced %d %d\n", SEM(fire), SEM(other));
	}
	if (!strcmp(argv[3], "fork") || !strcmp(argv[3], "forkwait")) {
		fflush(out);
		child = fork();
		if (child < 0)
			die("fork: %s", strerror(errno));
		if (child == 0) {
			char path[4096];
			long cf = 0, co = 0;
			FILE *cout;

			if (!strcmp(argv[3], "forkwait")) {
				snprintf(path, sizeof path, "%s.pid", argv[1]);
				cout = open_out(path);
				fprintf(cout, "%ld\n", (long)getpid());
				close_out(cout, path);
				setenv("UDT_WAIT_TRACED", "1", 1);
				wait_traced();
				wait_fire_enabled();
			}
			snprintf(path, sizeof path, "%s.child", argv[1]);
			cout = open_out(path);
			fprintf(cout, "child start %d\n", SEM(fire));
			fire_all(NULL, n, 1000, &cf, &co);
			fprintf(cout, "child enabled fire %ld\n", cf);
			close_out(cout, path);
			_exit(0);
		}
	} else if (strcmp(argv[3], "plain") && strcmp(argv[3], "detach")) {
		die("bad mode '%s'", argv[3]);
	}
	fire_all(out, n, 0, &en_fire, &en_other);
	fprintf(out, "enabled fire %ld\nenabled other %ld\n", en_fire,
		en_other);
	DTRACE_PROBE(udsem, done);
	fprintf(out, "done\n");
	if (child > 0) {
		if (waitpid(child, &status, 0) != child)
			die("waitpid: %s", strerror(errno));
		fprintf(out, "child status %d\n",
			WIFEXITED(status) ? WEXITSTATUS(status) :
					    128 + WTERMSIG(status));
	}
	if (!strcmp(argv[3], "detach")) {
		long f = 0, o = 0;

		fflush(out);
		wait_untraced();
		fprintf(out, "after %d %d\n", SEM(fire), SEM(other));
		fire_all(NULL, n, 0, &f, &o);
		DTRACE_PROBE(udsem, done);
	}
	close_out(out, argv[1]);
	return 0;
}
