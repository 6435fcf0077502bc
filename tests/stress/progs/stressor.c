/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stressor MODE N: the workloads of the stress suite (tests/stress/).
 * Each mode does something a tracer can easily get wrong, N times, checks
 * its own result, prints one line "MODE ... ok" (or "MODE ... BAD: why")
 * and exits 0 iff the result is right. The result never depends on
 * scheduling or on a tracer: stress.sh runs every mode untraced and under
 * udtrace and wants the same line and the same exit status.
 *
 *   threads N   N rounds of 4 threads created, computing, joined
 *   fork N      N children, each exits with a computed code, summed
 *   exec N      an exec chain of this program N deep, a hash carried
 *   vfork N     N vfork + exec of this program, exit codes summed
 *   signals N   SIGINT, SIGTERM, SIGUSR1 from a child, each acked;
 *               4N queued real-time signals with values; SIGCHLD of N
 *               children; N SIGSTOP/SIGCONT cycles of a child
 *   crash N     N children die of SIGSEGV or abort(), WTERMSIG checked
 *   longjmp N   N longjmp()s out of a recursion of probed functions
 *   segv N      computes, prints its line, then dies of SIGSEGV itself
 *   spin STOP [T] (torture.sh) two threads (T = 1: one) computing passes
 *               until the file STOP exists; every pass must give the
 *               first pass's value
 *   textsum PID prints a hash of each executable mapping of PID (the
 *               program's and libc's text), read from /proc/PID/mem
 *
 * The computation goes through noinline functions called in loops (mix,
 * work, dive...), for pid$target:a.out::entry/return probes to hit.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <time.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))

static char bad[256];

static void __attribute__((format(printf, 1, 2))) set_bad(const char *fmt, ...)
{
	va_list ap;

	if (bad[0])
		return;
	va_start(ap, fmt);
	vsnprintf(bad, sizeof bad, fmt, ap);
	va_end(ap);
}

static long
num(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || end == s || *end || v < 0) {
		fprintf(stderr, "stressor: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

/*
 * Global, so that their names stay mix and work (no .isra/.constprop
 * clone): torture.sh probes them by name.
 */
uint64_t mix(uint64_t h, uint64_t v);
uint64_t work(uint64_t seed);

/* One step of a 64-bit mixer (splitmix64's finaliser over h + v). */
NOINLINE uint64_t
mix(uint64_t h, uint64_t v)
{
	uint64_t z = h + v + UINT64_C(0x9e3779b97f4a7c15);

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A unit of work: 16 mixes seeded by SEED. */
NOINLINE uint64_t
work(uint64_t seed)
{
	uint64_t h = seed;
	int i;

	for (i = 0; i < 16; i++)
		h = mix(h, (uint64_t)i);
	return h;
}

/* The end of a result line: "ok", or "BAD: why" (and the exit status). */
static int finish(const char *mode, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
finish(const char *mode, const char *fmt, ...)
{
	va_list ap;

	printf("%s ", mode);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (bad[0])
		printf(" BAD: %s\n", bad);
	else
		printf(" ok\n");
	fflush(stdout);
	return bad[0] ? 1 : 0;
}

/* ---- threads ---- */

#define NTHR 4

struct thr {
	pthread_t t;
	uint64_t seed, out;
};

static void *
thr_main(void *arg)
{
	struct thr *t = arg;

	t->out = work(t->seed);
	/* a syscall per thread, for the syscall probes */
	if (getppid() < 0)
		t->out = 0;
	return NULL;
}

static int
mode_threads(long n)
{
	uint64_t got = 0, want = 0;
	long r;
	int i;

	for (r = 0; r < n; r++) {
		struct thr t[NTHR];

		for (i = 0; i < NTHR; i++) {
			t[i].seed = (uint64_t)(r * NTHR + i);
			if ((errno = pthread_create(&t[i].t, NULL, thr_main,
						    &t[i]))) {
				set_bad("pthread_create: %s", strerror(errno));
				return finish("threads", "rounds %ld", r);
			}
		}
		for (i = 0; i < NTHR; i++) {
			pthread_join(t[i].t, NULL);
			got = mix(got, t[i].out);
		}
	}
	/* the same, serially */
	for (r = 0; r < n; r++)
		for (i = 0; i < NTHR; i++)
			want = mix(want, work((uint64_t)(r * NTHR + i)));
	if (got != want)
		set_bad("threads gave %016" PRIx64 ", serial %016" PRIx64, got,
			want);
	return finish("threads", "rounds %ld threads %ld sum %016" PRIx64, n,
		      n * NTHR, got);
}

/* ---- fork ---- */

/* 0..63: never 127, vfork's "exec failed" */
static int
child_code(long i)
{
	return (int)(work((uint64_t)i) & 0x3f);
}

static int
mode_fork(long n)
{
	long i, got = 0, want = 0;

	for (i = 0; i < n; i++) {
		pid_t p = fork();
		int st;

		if (p < 0) {
			set_bad("fork: %s", strerror(errno));
			break;
		}
		if (p == 0)
			_exit(child_code(i));
		if (waitpid(p, &st, 0) != p)
			set_bad("waitpid: %s", strerror(errno));
		else if (!WIFEXITED(st))
			set_bad("child %ld: status 0x%x", i, st);
		else
			got += WEXITSTATUS(st);
		want += child_code(i);
	}
	if (got != want)
		set_bad("exit codes summed to %ld, want %ld", got, want);
	return finish("fork", "children %ld sum %ld", n, got);
}

/* ---- exec (chain) and vfork ---- */

/* stressor exec-chain LEFT DEPTH HASH: one link of the chain. */
static int
mode_exec_chain(long left, long depth, uint64_t h)
{
	char a1[32], a2[32], a3[32];
	uint64_t want = 0;
	long i;

	if (left > 0) {
		h = mix(h, (uint64_t)left);
		snprintf(a1, sizeof a1, "%ld", left - 1);
		snprintf(a2, sizeof a2, "%ld", depth);
		snprintf(a3, sizeof a3, "%" PRIu64, h);
		execl("/proc/self/exe", "stressor", "exec-chain", a1, a2, a3,
		      (char *)NULL);
		set_bad("exec: %s", strerror(errno));
		return finish("exec", "depth %ld", depth);
	}
	for (i = depth; i > 0; i--)
		want = mix(want, (uint64_t)i);
	if (h != want)
		set_bad("hash %016" PRIx64 ", want %016" PRIx64, h, want);
	return finish("exec", "depth %ld hash %016" PRIx64, depth, h);
}

/* vfork + exec of "stressor child ARG"; the child never returns here. */
NOINLINE static pid_t
spawn_child(const char *arg)
{
	pid_t p = vfork();

	if (p == 0) {
		execl("/proc/self/exe", "stressor", "child", arg, (char *)NULL);
		_exit(127);
	}
	return p;
}

static int
mode_vfork(long n)
{
	long i, got = 0, want = 0;

	for (i = 0; i < n; i++) {
		char arg[32];
		pid_t p;
		int st;

		snprintf(arg, sizeof arg, "%ld", i);
		p = spawn_child(arg);
		if (p < 0) {
			set_bad("vfork: %s", strerror(errno));
			break;
		}
		if (waitpid(p, &st, 0) != p)
			set_bad("waitpid: %s", strerror(errno));
		else if (!WIFEXITED(st) || WEXITSTATUS(st) == 127)
			set_bad("child %ld: status 0x%x", i, st);
		else
			got += WEXITSTATUS(st);
		want += child_code(i);
	}
	if (got != want)
		set_bad("exit codes summed to %ld, want %ld", got, want);
	return finish("vfork", "children %ld sum %ld", n, got);
}

/* ---- signals ---- */

static volatile sig_atomic_t n_int, n_term, n_usr1, n_chld, n_rt;
static volatile sig_atomic_t rt_sum;

static void
on_std(int sig)
{
	if (sig == SIGINT)
		n_int++;
	else if (sig == SIGTERM)
		n_term++;
	else if (sig == SIGUSR1)
		n_usr1++;
	else if (sig == SIGCHLD)
		n_chld++;
}

static void
on_rt(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	n_rt++;
	rt_sum += si->si_value.sival_int + (sig - SIGRTMIN) * 1000;
}

/* Until *COUNTER reaches WANT, sleeping in sigsuspend with MASK. */
static void
await(volatile sig_atomic_t *counter, long want, const sigset_t *mask)
{
	while (*counter < want)
		sigsuspend(mask);
}

static int
mode_signals(long n)
{
	static const int std[] = { SIGINT, SIGTERM, SIGUSR1 };
	struct sigaction sa;
	sigset_t block, open;
	int ack[2], go[2];
	long i, want_rt_sum = 0, stops = 0;
	int k, st;
	pid_t p;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_std;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = NULL;
	sa.sa_sigaction = on_rt;
	sa.sa_flags = SA_RESTART | SA_SIGINFO;
	for (k = 0; k < 4; k++)
		sigaction(SIGRTMIN + k, &sa, NULL);

	/* Everything blocked but in sigsuspend: no count is ever missed. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGCHLD);
	for (k = 0; k < 4; k++)
		sigaddset(&block, SIGRTMIN + k);
	sigprocmask(SIG_BLOCK, &block, NULL);
	/* (not the inherited mask: one that blocks these would hang us) */
	sigemptyset(&open);

	if (pipe(ack) < 0 || pipe(go) < 0) {
		set_bad("pipe: %s", strerror(errno));
		return finish("signals", "-");
	}
	/*
	 * A child sends each standard signal and waits for the parent's
	 * ack (a byte) before the next: standard signals may merge, acked
	 * ones cannot. Then 4N real-time signals, queued with values, and
	 * it exits.
	 */
	p = fork();
	if (p == 0) {
		pid_t parent = getppid();
		char c;

		for (i = 0; i < n; i++)
			for (k = 0; k < 3; k++) {
				kill(parent, std[k]);
				if (read(ack[0], &c, 1) != 1)
					_exit(3);
			}
		for (i = 0; i < n; i++)
			for (k = 0; k < 4; k++) {
				union sigval v;

				v.sival_int = (int)(i * 4 + k);
				if (sigqueue(parent, SIGRTMIN + k, v) < 0)
					_exit(4);
			}
		/* the parent's word that every rt signal has come */
		if (read(go[0], &c, 1) != 1)
			_exit(5);
		_exit(0);
	}
	for (i = 0; i < n; i++)
		for (k = 0; k < 3; k++) {
			volatile sig_atomic_t *c = k == 0 ? &n_int :
						   k == 1 ? &n_term :
							    &n_usr1;

			await(c, i + 1, &open);
			if (write(ack[1], "a", 1) != 1)
				set_bad("write ack: %s", strerror(errno));
		}
	/* real-time signals queue: every one of the 4N arrives */
	await(&n_rt, 4 * n, &open);
	for (i = 0; i < n; i++)
		for (k = 0; k < 4; k++)
			want_rt_sum += i * 4 + k + k * 1000;
	if (write(go[1], "g", 1) != 1)
		set_bad("write go: %s", strerror(errno));
	await(&n_chld, 1, &open);
	if (waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st))
		set_bad("signal sender: status 0x%x", st);

	/* N children, one at a time, each SIGCHLD waited for */
	for (i = 0; i < n; i++) {
		p = fork();
		if (p == 0)
			_exit(0);
		await(&n_chld, i + 2, &open);
		waitpid(p, &st, 0);
	}

	/* SIGSTOP/SIGCONT to a child, seen by waitpid each time */
	p = fork();
	if (p == 0) {
		sigprocmask(SIG_SETMASK, &open, NULL);
		for (;;)
			pause();
	}
	for (i = 0; i < n; i++) {
		if (kill(p, SIGSTOP) < 0 || waitpid(p, &st, WUNTRACED) != p ||
		    !WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP) {
			set_bad("stop %ld: status 0x%x", i, st);
			break;
		}
		if (kill(p, SIGCONT) < 0 || waitpid(p, &st, WCONTINUED) != p ||
		    !WIFCONTINUED(st)) {
			set_bad("cont %ld: status 0x%x", i, st);
			break;
		}
		stops++;
	}
	kill(p, SIGKILL);
	waitpid(p, &st, 0);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
		set_bad("stopped child: status 0x%x", st);

	if (n_int != n || n_term != n || n_usr1 != n)
		set_bad("int %d term %d usr1 %d, want %ld each", (int)n_int,
			(int)n_term, (int)n_usr1, n);
	if (n_rt != 4 * n || rt_sum != want_rt_sum)
		set_bad("rt %d sum %ld, want %ld sum %ld", (int)n_rt,
			(long)rt_sum, 4 * n, want_rt_sum);
	/* the sender, the N children (the killed child's stays blocked) */
	if (n_chld != n + 1)
		set_bad("chld %d, want %ld", (int)n_chld, n + 1);
	return finish(
		"signals",
		"int %d term %d usr1 %d rt %d rtsum %ld chld %d stops %ld",
		(int)n_int, (int)n_term, (int)n_usr1, (int)n_rt, (long)rt_sum,
		(int)n_chld, stops);
}

/* ---- crash ---- */

/* Never set: the compiler cannot prove the store below faults. */
static int *volatile null_ptr;

NOINLINE static void
segv_now(void)
{
	*null_ptr = (int)mix(0, 0);
}

static void
no_core(void)
{
	struct rlimit rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);
}

static int
mode_crash(long n)
{
	long i, segv = 0, abrt = 0;

	for (i = 0; i < n; i++) {
		int want = i % 2 ? SIGABRT : SIGSEGV;
		pid_t p = fork();
		int st;

		if (p == 0) {
			no_core();
			if (want == SIGSEGV)
				segv_now();
			else
				abort();
			_exit(0);
		}
		if (waitpid(p, &st, 0) != p || !WIFSIGNALED(st) ||
		    WTERMSIG(st) != want) {
			set_bad("child %ld: status 0x%x, want signal %d", i, st,
				want);
			continue;
		}
		if (want == SIGSEGV)
			segv++;
		else
			abrt++;
	}
	return finish("crash", "segv %ld abort %ld", segv, abrt);
}

static int
mode_segv(long n)
{
	uint64_t h = 0;
	long i;

	for (i = 0; i < n; i++)
		h = mix(h, work((uint64_t)i));
	finish("segv", "sum %016" PRIx64, h);
	no_core();
	segv_now();
	return 1;
}

/* ---- setjmp/longjmp ---- */

static jmp_buf jb;
static volatile long deepest;

static long dive(long depth, long at);
/* Called through this pointer, gcc cannot turn the recursion into a loop. */
static long (*volatile dive_fn)(long, long) = dive;

NOINLINE static long
dive(long depth, long at)
{
	if (depth >= at) {
		if (depth > at)
			return 0; /* never: keeps gcc's recursion check happy */
		deepest += depth;
		longjmp(jb, (int)depth + 1);
	}
	return dive_fn(depth + 1, at) + (long)(mix(0, (uint64_t)depth) & 1);
}

static int
mode_longjmp(long n)
{
	volatile long i, jumps = 0, want = 0;

	for (i = 0; i < n; i++) {
		int r = setjmp(jb);

		if (r == 0) {
			dive(0, i % 20);
			set_bad("dive %ld returned", (long)i);
		} else if (r != i % 20 + 1) {
			set_bad("setjmp returned %d, want %ld", r, i % 20 + 1);
		} else {
			jumps++;
		}
		want += i % 20;
	}
	if (deepest != want)
		set_bad("depths summed to %ld, want %ld", (long)deepest,
			(long)want);
	return finish("longjmp", "jumps %ld depths %ld", (long)jumps,
		      (long)deepest);
}

/* ---- spin (torture.sh's long-running target) ---- */

#define SPIN_WORK 200

static const char *stop_file;
static uint64_t spin_first;
static long spin_passes;
static pthread_mutex_t spin_lock = PTHREAD_MUTEX_INITIALIZER;

NOINLINE static uint64_t
spin_pass(void)
{
	uint64_t h = 0;
	int i;

	for (i = 0; i < SPIN_WORK; i++)
		h = mix(h, work((uint64_t)i));
	return h;
}

static void *
spin_main(void *arg)
{
	struct timespec ms = { 0, 2000000 };

	(void)arg;
	while (access(stop_file, F_OK) != 0) {
		uint64_t h = spin_pass();

		pthread_mutex_lock(&spin_lock);
		if (h != spin_first)
			set_bad("pass %ld gave %016" PRIx64
				", want %016" PRIx64,
				spin_passes, h, spin_first);
		spin_passes++;
		pthread_mutex_unlock(&spin_lock);
		/* syscalls for the syscall probes, a pause for the CPU */
		getppid();
		nanosleep(&ms, NULL);
	}
	return NULL;
}

/*
 * spin's fatal signals (a tracer killed by SIGKILL leaves breakpoints
 * behind, and maybe worse): where the thread was, said on stderr for the
 * reproduction, then the signal's default action as if no handler was
 * there (the exit status stays 128 + signal).
 */
static void
on_fatal(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned long pc = 0, lo, hi;
	char line[512], where[512] = "?";
	FILE *f;

#if defined(__x86_64__)
	pc = (unsigned long)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
	pc = (unsigned long)uc->uc_mcontext.pc;
#else
	(void)uc;
#endif
	/* (not async-signal-safe: the process dies right after) */
	f = fopen("/proc/self/maps", "r");
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && pc >= lo &&
		    pc < hi) {
			line[strcspn(line, "\n")] = 0;
			snprintf(where, sizeof where, "%s", line);
			break;
		}
	if (f)
		fclose(f);
	fprintf(stderr,
		"spin: signal %d (si_code %d, addr %p) in thread %ld at pc "
		"%#lx, in %s\n",
		sig, si->si_code, si->si_addr, (long)gettid(), pc, where);
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
mode_spin(const char *stop, int threads)
{
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP };
	struct sigaction sa;
	pthread_t t;
	size_t k;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fatal;
	sa.sa_flags = SA_SIGINFO;
	for (k = 0; k < sizeof fatal / sizeof fatal[0]; k++)
		sigaction(fatal[k], &sa, NULL);

	/* with Yama's ptrace_scope 1, udtrace -p and textsum may attach */
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
	stop_file = stop;
	spin_first = spin_pass();
	if (threads > 1 &&
	    (errno = pthread_create(&t, NULL, spin_main, NULL))) {
		set_bad("pthread_create: %s", strerror(errno));
		return finish("spin", "-");
	}
	spin_main(NULL);
	if (threads > 1)
		pthread_join(t, NULL);
	/* the pass count varies: not part of the line compared */
	fprintf(stderr, "spin: %ld passes\n", spin_passes);
	return finish("spin", "value %016" PRIx64, spin_first);
}

/* ---- textsum ---- */

/* FNV-1a over a buffer, continued from H. */
static uint64_t
fnv(uint64_t h, const unsigned char *p, size_t n)
{
	while (n--)
		h = (h ^ *p++) * UINT64_C(0x100000001b3);
	return h;
}

static int
mode_textsum(const char *pid)
{
	char path[64], line[1024];
	FILE *maps;
	int mem, n = 0;

	snprintf(path, sizeof path, "/proc/%s/maps", pid);
	maps = fopen(path, "r");
	snprintf(path, sizeof path, "/proc/%s/mem", pid);
	mem = open(path, O_RDONLY);
	if (!maps || mem < 0) {
		fprintf(stderr, "stressor textsum: %s: %s\n", path,
			strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof line, maps)) {
		unsigned long lo, hi;
		char perm[8], file[512] = "";
		unsigned char buf[4096];
		uint64_t h = UINT64_C(0xcbf29ce484222325);
		unsigned long a;

		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %511s", &lo, &hi,
			   perm, file) < 3)
			continue;
		/* the text of files: the program and its libraries */
		if (strcmp(perm, "r-xp") != 0 || file[0] != '/')
			continue;
		for (a = lo; a < hi; a += sizeof buf) {
			size_t len = hi - a < sizeof buf ? hi - a : sizeof buf;

			if (pread(mem, buf, len, (off_t)a) != (ssize_t)len) {
				fprintf(stderr,
					"stressor textsum: read %lx: %s\n", a,
					strerror(errno));
				return 1;
			}
			h = fnv(h, buf, len);
		}
		printf("%s %lx-%lx %016" PRIx64 "\n", file, lo, hi, h);
		n++;
	}
	fclose(maps);
	close(mem);
	return n ? 0 : 1;
}

int
main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	if (argc == 3 && !strcmp(m, "threads"))
		return mode_threads(num(argv[2]));
	if (argc == 3 && !strcmp(m, "fork"))
		return mode_fork(num(argv[2]));
	if (argc == 3 && !strcmp(m, "exec"))
		return mode_exec_chain(num(argv[2]), num(argv[2]), 0);
	if (argc == 5 && !strcmp(m, "exec-chain"))
		return mode_exec_chain(num(argv[2]), num(argv[3]),
				       strtoull(argv[4], NULL, 10));
	if (argc == 3 && !strcmp(m, "vfork"))
		return mode_vfork(num(argv[2]));
	if (argc == 3 && !strcmp(m, "child"))
		return child_code(num(argv[2]));
	if (argc == 3 && !strcmp(m, "signals"))
		return mode_signals(num(argv[2]));
	if (argc == 3 && !strcmp(m, "crash"))
		return mode_crash(num(argv[2]));
	if (argc == 3 && !strcmp(m, "segv"))
		return mode_segv(num(argv[2]));
	if (argc == 3 && !strcmp(m, "longjmp"))
		return mode_longjmp(num(argv[2]));
	if (argc == 3 && !strcmp(m, "spin"))
		return mode_spin(argv[2], 2);
	if (argc == 4 && !strcmp(m, "spin"))
		return mode_spin(argv[2], num(argv[3]) > 1 ? 2 : 1);
	if (argc == 3 && !strcmp(m, "textsum"))
		return mode_textsum(argv[2]);
	fprintf(stderr,
		"usage: stressor threads|fork|exec|vfork|signals|"
		"crash|longjmp|segv N | spin STOPFILE [1|2] | textsum PID\n");
	return 2;
}
