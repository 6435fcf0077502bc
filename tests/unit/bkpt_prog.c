/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * t_bkpt's tracee (x86_64): functions written instruction by instruction
 * (so the test knows what sits under each breakpoint), called in loops
 * whose results the program checks itself. Built without sanitizers.
 *
 * bp_sum8(a0..a7) returns the sum of its 8 arguments (6 in registers, 2
 * on the stack) and counts its calls in bp_calls with a rip-relative
 * `lock incq`; bp_outer(a0..a5) calls it (call rel32) with a6 = a7 = 0.
 * Labels name the instructions the test plants on:
 *   bp_sum8      endbr64            (emulated)
 *   bp_sum8_push push %rbp          (emulated)
 *   bp_sum8_rip  lock incq (%rip)   (out of line, rip-relative)
 *   bp_sum8_ret  ret                (out of line)
 *   bp_outer_call call bp_sum8      (out of line, call rel32)
 *
 * Protocol: fd 3 (argv[4] when given) gets one line "sum8 push rip ret
 * outer outer_call" of addresses, then the program waits for a byte on
 * fd 4 (argv[5]), runs its mode (argv[1], N = argv[2], threads =
 * argv[3]), writes "calls=N extra=M bad=B" on fd 3 and exits 0 when every
 * result was right (1 otherwise).
 */
#if defined(__x86_64__)
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

long bp_sum8(long a0, long a1, long a2, long a3, long a4, long a5, long a6,
	     long a7);
long bp_outer(long a0, long a1, long a2, long a3, long a4, long a5);
extern volatile long bp_calls;
extern char bp_sum8_push[], bp_sum8_rip[], bp_sum8_ret[], bp_outer_call[];

__asm__(".data\n"
	".globl bp_calls\n"
	".balign 8\n"
	"bp_calls: .quad 0\n"
	".text\n"
	".globl bp_sum8\n"
	".type bp_sum8,@function\n"
	"bp_sum8:\n"
	"	endbr64\n"
	".globl bp_sum8_push\n"
	"bp_sum8_push:\n"
	"	push %rbp\n"
	"	mov %rsp,%rbp\n"
	".globl bp_sum8_rip\n"
	"bp_sum8_rip:\n"
	"	lock incq bp_calls(%rip)\n"
	"	lea (%rdi,%rsi,1),%rax\n"
	"	add %rdx,%rax\n"
	"	add %rcx,%rax\n"
	"	add %r8,%rax\n"
	"	add %r9,%rax\n"
	"	add 16(%rbp),%rax\n"
	"	add 24(%rbp),%rax\n"
	"	pop %rbp\n"
	".globl bp_sum8_ret\n"
	"bp_sum8_ret:\n"
	"	ret\n"
	".size bp_sum8, .-bp_sum8\n"
	".globl bp_outer\n"
	".type bp_outer,@function\n"
	"bp_outer:\n"
	"	endbr64\n"
	"	push %rbp\n"
	"	mov %rsp,%rbp\n"
	"	push $0\n"
	"	push $0\n"
	".globl bp_outer_call\n"
	"bp_outer_call:\n"
	"	call bp_sum8\n"
	"	leave\n"
	"	ret\n"
	".size bp_outer, .-bp_outer\n");

static volatile long extra, bad;
static volatile int stop;

/* One round: two calls, each result checked. */
static void
round_once(long i)
{
	if (bp_outer(i, 1, 2, 3, 4, 5) != i + 15)
		bad++;
	if (bp_sum8(i, 1, 2, 3, 4, 5, 6, 7) != i + 28)
		bad++;
}

static void
on_alarm(int sig)
{
	(void)sig;
	if (bp_sum8(1000, 1, 1, 1, 1, 1, 1, 1) != 1007)
		bad++;
	extra++;
}

static void *
thr_hammer(void *arg)
{
	long n = (long)arg, badl = 0;

	for (long i = 0; i < n || (n == 0 && !stop); i++)
		if (bp_sum8(i, 1, 2, 3, 4, 5, 6, 7) != i + 28)
			badl++;
	__atomic_add_fetch(&bad, badl, __ATOMIC_RELAXED);
	return NULL;
}

static int
run_threads(int nthr, long n)
{
	pthread_t th[64];

	if (nthr > 64)
		nthr = 64;
	for (int i = 0; i < nthr; i++)
		pthread_create(&th[i], NULL, thr_hammer, (void *)n);
	for (int i = 0; i < nthr; i++)
		pthread_join(th[i], NULL);
	return 0;
}

static int
child_rounds(long n)
{
	for (long i = 0; i < n; i++)
		round_once(i);
	return bad != 0;
}

/* Apart from main: nothing of main's lives across the vfork. */
static void __attribute__((noinline)) vfork_mode(long n)
{
	pid_t p;
	int st;

	child_rounds(n);
	p = vfork();
	if (p == 0) {
		/* One call in the vfork child, on the parent's memory and
		   stack, then exec. */
		if (bp_sum8(1, 1, 1, 1, 1, 1, 1, 1) != 8)
			_exit(3);
		execl("/bin/true", "true", (char *)NULL);
		_exit(4);
	}
	if (waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		bad++;
	child_rounds(n);
}

int
main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "loop";
	long n = argc > 2 ? atol(argv[2]) : 10;
	int nthr = argc > 3 ? atoi(argv[3]) : 8;
	/* tgt_spawn() runs us with the test's own pipe descriptors. */
	int info_fd = argc > 5 ? atoi(argv[4]) : 3;
	int go_fd = argc > 5 ? atoi(argv[5]) : 4;
	char b;
	int st;
	pid_t p;

	dprintf(info_fd, "%lx %lx %lx %lx %lx %lx\n", (unsigned long)bp_sum8,
		(unsigned long)bp_sum8_push, (unsigned long)bp_sum8_rip,
		(unsigned long)bp_sum8_ret, (unsigned long)bp_outer,
		(unsigned long)bp_outer_call);
	if (read(go_fd, &b, 1) != 1)
		return 2;
	if (strcmp(mode, "loop") == 0) {
		for (long i = 0; i < n; i++)
			round_once(i);
	} else if (strcmp(mode, "threads") == 0) {
		run_threads(nthr, n);
	} else if (strcmp(mode, "spin") == 0) {
		/* Until a second byte on fd 4. */
		pthread_t th[8];

		if (nthr > 8)
			nthr = 8;
		for (int i = 0; i < nthr; i++)
			pthread_create(&th[i], NULL, thr_hammer, (void *)0L);
		if (read(go_fd, &b, 1) != 1)
			bad++;
		stop = 1;
		for (int i = 0; i < nthr; i++)
			pthread_join(th[i], NULL);
	} else if (strcmp(mode, "fork") == 0) {
		child_rounds(n);
		p = fork();
		if (p == 0)
			_exit(child_rounds(n));
		if (waitpid(p, &st, 0) != p || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0)
			bad++;
	} else if (strcmp(mode, "vfork") == 0) {
		vfork_mode(n);
	} else if (strcmp(mode, "signals") == 0) {
		struct sigaction sa;
		/* Every 2 ms: at 200 us, a slow machine (a stop and a
		   handler with its own hits take longer there) spent all
		   its time in handlers and the loop never ended. */
		struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
		struct itimerval off = { { 0, 0 }, { 0, 0 } };

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGALRM, &sa, NULL);
		setitimer(ITIMER_REAL, &it, NULL);
		for (long i = 0; i < n; i++)
			round_once(i);
		setitimer(ITIMER_REAL, &off, NULL);
	} else {
		return 2;
	}
	dprintf(info_fd, "calls=%ld extra=%ld bad=%ld\n", (long)bp_calls,
		(long)extra, (long)bad);
	return bad != 0;
}
#else
int
main(void)
{
	return 2; /* the functions are x86_64 code */
}
#endif
