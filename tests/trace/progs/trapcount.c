/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trapcount N: handles SIGTRAP (counting), and calls two functions N
 * times each: long_first(), whose first instruction is longer than a
 * breakpoint (x86_64: a three-byte mov at -O2), and short_first(), which
 * starts with a one-byte push and ends with a one-byte ret (x86_64). Every tenth
 * round it sends itself a SIGTRAP with kill(2), right after calling
 * them: a real signal, which must reach the handler even while udtrace
 * has breakpoints planted (udtrace tells its own traps from such signals
 * by the pc, or by the siginfo when the pc cannot tell). long_first takes
 * eight arguments, two of them on the stack. Prints "handled H sum S
 * args A" (A: the sum of the eighth arguments passed). Exit 0.
 */
#include "progs.h"

#include <signal.h>

static volatile sig_atomic_t handled;

static void
on_trap(int sig)
{
	(void)sig;
	handled++;
}

/* (not static: the probes name them) */
long long_first(long a, long b, long c, long d, long e, long f, long g, long h);
long short_first(long a);

__attribute__((noinline)) long
long_first(long a, long b, long c, long d, long e, long f, long g, long h)
{
	return a * 3 + b + c + d + e + f + g + h;
}

#if defined(__x86_64__)
/* (written out: a compiler may leave the frame pointer out anyway) */
__asm__(".text\n"
	".globl short_first\n"
	".type short_first, @function\n"
	"short_first:\n"
	"	push %rbp\n"
	"	mov %rsp, %rbp\n"
	"	lea 1(%rdi), %rax\n"
	"	pop %rbp\n"
	"	ret\n"
	".size short_first, .-short_first\n"
	/* never called: its first instruction (RTM's xbegin) cannot be
	   stepped over, for the message of a probe that cannot be
	   enabled */
	".globl unsteppable\n"
	".type unsteppable, @function\n"
	"unsteppable:\n"
	"	xbegin 1f\n"
	"1:	ret\n"
	".size unsteppable, .-unsteppable\n");
#else
__attribute__((noinline)) long
short_first(long a)
{
	__asm__ volatile("" ::: "memory");
	return a + 1;
}
#endif

int
main(int argc, char **argv)
{
	long i, n, sum = 0, args = 0;

	if (argc != 2)
		die("usage: trapcount N");
	n = num_arg(argv[1]);
	handle_signal(SIGTRAP, on_trap);
	wait_traced();
	for (i = 0; i < n; i++) {
		sum += long_first(i, 1, 2, 3, 4, 5, i % 7, i % 5);
		args += i % 5;
		sum += short_first(i);
		if (i % 10 == 9 && kill(getpid(), SIGTRAP))
			die("kill: %s", strerror(errno));
	}
	printf("handled %d sum %ld args %ld\n", (int)handled, sum, args);
	return 0;
}
