/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pid_calls FILE [SYNCDIR]: the pid provider's tracee, built in several
 * ways (Makefile.am: pid_calls_O0, _O2, _nofp, _pie, _nopie, _now, _cet,
 * _static). It calls functions of its own and one of libc's a known
 * number of times, and writes to FILE ("-": stdout) what it did, in the
 * layout of pid_note.h (calls, arg, returns, ret lines), then:
 *	mixargs A B C D E F G H	each call of mix(), its eight arguments
 *	flow -> F / flow <- F	the tree_* calls in order (for -F)
 *	from tree_c CALLER N	who called tree_c, how often (for ustack)
 *	checksum N		what all the calls returned, folded
 * The functions:
 *	fib	recursion (fib(10): 177 calls);
 *	fib_iter	a loop, to match fib* with fib;
 *	two_ret	two return paths: odd x returns 3x + 1001 (>= 1000), even
 *		x returns x / 2 (< 1000);
 *	jump_table	a switch of ten cases, compiled to a jump table;
 *	mix	eight arguments, the last two on the stack, no branch (every
 *		instruction runs once a call: for the offset probes);
 *	jumper	longjmp()s out when x % 3 == 0, else returns x + 7;
 *	deep	recursion left by one longjmp() from the innermost call;
 *	labs	libc's (a.out's in the static build), through a pointer;
 *	tree_a, tree_b, tree_c	a small call tree.
 * With SYNCDIR (the -p test): creates SYNCDIR/waiting, waits for
 * SYNCDIR/go1, does its calls, calls phase_done(), waits for
 * SYNCDIR/go2, does them again; FILE then has every count doubled.
 */
#include "pid_note.h"

#include <setjmp.h>

#if defined(__GNUC__) && !defined(__clang__)
#define PROBED __attribute__((noipa))
#else
#define PROBED __attribute__((noinline))
#endif

/* Global, so that -fcf-protection gives each an endbr64. */
long fib(long n);
long fib_iter(long n);
long two_ret(long x);
long jump_table(long x);
long mix(long a, long b, long c, long d, long e, long f, long g, long h);
long jumper(long x);
long deep(long d);
long tree_c(long x, const char *from);
long tree_b(long x);
long tree_a(long x);
void phase_done(void);

static volatile long vzero, vsink;
static jmp_buf jb;
static long checksum;
static FILE *out;

PROBED long
fib(long n)
{
	if (n < 2)
		return n;
	return CALL(fib, n - 1) + CALL(fib, n - 2) + vzero;
}

PROBED long
fib_iter(long n)
{
	long a = 0, b = 1, i, t;

	for (i = 0; i < n; i++) {
		t = a + b;
		a = b;
		b = t;
	}
	return a;
}

PROBED long
two_ret(long x)
{
	if (x & 1) {
		vsink = x;
		return x * 3 + 1001;
	}
	vzero = 0;
	return x / 2;
}

PROBED long
jump_table(long x)
{
	switch (x) {
	case 0:
		return vsink + 11;
	case 1:
		return x * vsink + 3;
	case 2:
		return (x << 5) ^ 0x55;
	case 3:
		return x * x * x - vsink;
	case 4:
		vsink = x;
		return 4000;
	case 5:
		return x / 3 + 99 + vzero * 7;
	case 6:
		return -x;
	case 7:
		return x * 1000 + 7;
	case 8:
		return (x | 0x100) + vzero;
	case 9:
		vsink = x + 1;
		return 90;
	default:
		return -1;
	}
}

PROBED long
mix(long a, long b, long c, long d, long e, long f, long g, long h)
{
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}

PROBED long
jumper(long x)
{
	if (x % 3 == 0)
		longjmp(jb, 1);
	return x + 7;
}

PROBED long
deep(long d)
{
	if (d < 0)
		return -1;
	if (d == 0)
		longjmp(jb, 2);
	return CALL(deep, d - 1) + vzero;
}

static void
flow(const char *dir, const char *fn)
{
	fprintf(out, "flow %s %s\n", dir, fn);
}

static long from_a, from_b;

PROBED long
tree_c(long x, const char *from)
{
	flow("->", "tree_c");
	if (from[5] == 'a')
		from_a++;
	else
		from_b++;
	flow("<-", "tree_c");
	return x + 1;
}

PROBED long
tree_b(long x)
{
	long r;

	flow("->", "tree_b");
	r = CALL(tree_c, x, "tree_b") * 2 + vzero;
	flow("<-", "tree_b");
	return r;
}

PROBED long
tree_a(long x)
{
	long r;

	flow("->", "tree_a");
	r = CALL(tree_b, x) + CALL(tree_c, x, "tree_a") + vzero;
	flow("<-", "tree_a");
	return r;
}

/* The -p test's udtrace exits here. */
PROBED void
phase_done(void)
{
	vsink = 0;
}

static long (*volatile labs_p)(long) = labs;

/* F(X), or 1000 when F longjmp()s out. */
static long
try_jump(long (*f)(long), const char *name, long x)
{
	volatile long k = x;

	if (setjmp(jb) == 0)
		return CALL_AS(name, f, k);
	return 1000;
}

static void
work(void)
{
	long i;

	checksum += CALL(fib, 10);
	for (i = 0; i < 3; i++)
		checksum += CALL(fib_iter, 20 + i);
	for (i = 0; i < 20; i++)
		checksum += CALL(two_ret, i);
	for (i = 0; i < 12; i++)
		checksum += CALL(jump_table, i);
	for (i = 1; i <= 3; i++) {
		fprintf(out, "mixargs %ld %ld %ld %ld %ld %ld %ld %ld\n", i, -i,
			i * 100, 1L << (30 + i), -(i << 40), i + 5, i * 7777,
			-i * 99);
		checksum += CALL(mix, i, -i, i * 100, 1L << (30 + i),
				 -(i << 40), i + 5, i * 7777, -i * 99);
	}
	for (i = 0; i < 9; i++)
		checksum += try_jump(jumper, "jumper", i);
	for (i = 3; i <= 5; i += 2)
		checksum += try_jump(deep, "deep", i);
	for (i = -5; i < 5; i++)
		checksum += CALL_AS("labs", labs_p, i);
	for (i = 0; i < 3; i++)
		checksum += CALL(tree_a, i);
}

int
main(int argc, char **argv)
{
	char path[4096];

	if (argc != 2 && argc != 3)
		die("usage: pid_calls FILE [SYNCDIR]");
	out = strcmp(argv[1], "-") == 0 ? stdout : fopen(argv[1], "w");
	if (!out)
		die("%s: %s", argv[1], strerror(errno));
	if (argc == 3) {
		snprintf(path, sizeof path, "%s/waiting", argv[2]);
		touch(path);
		snprintf(path, sizeof path, "%s/go1", argv[2]);
		wait_file(path);
	}
	work();
	phase_done();
	if (argc == 3) {
		snprintf(path, sizeof path, "%s/go2", argv[2]);
		wait_file(path);
		work();
	}
	note_write(out);
	fprintf(out, "from tree_c tree_a %ld\nfrom tree_c tree_b %ld\n", from_a,
		from_b);
	fprintf(out, "checksum %ld\n", checksum);
	if (fclose(out) != 0)
		die("%s: %s", argv[1], strerror(errno));
	return 0;
}
