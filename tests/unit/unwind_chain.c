/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tracee of tests/unit/t_unwind: main -> chain_f1 -> chain_f2 ->
 * chain_f3, which stops there. Built twice: with frame pointers
 * (unwind_chain, unoptimised where the compiler allows it) and
 * without, optimised (unwind_chain_nofp: only CFI can unwind it).
 *
 * Usage: unwind_chain t|s. It prints "main=ADDR" (its own main, for the
 * load bias) and stops in chain_f3: t with an int3 or brk (a SIGTRAP at a pc of
 * chain_f3 itself), s with raise(SIGSTOP) (in libc, below chain_f3).
 * Resumed, it waits in pause() until killed.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#if defined(CHAIN_O0) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("O0")
#endif

/* Kept out of line and uncloned, with work after each call so that no
   call becomes a tail jump (which would take its frame off the stack). */
#if defined(__GNUC__) && !defined(__clang__)
#define CHAIN_FN __attribute__((noipa, used))
#else
#define CHAIN_FN __attribute__((noinline, used))
#endif

int chain_f1(int x);
int chain_f2(int x);
int chain_f3(int x);

static volatile int sink;
static char mode;

CHAIN_FN int
chain_f3(int x)
{
	sink = x;
	if (mode == 't')
#if defined(__aarch64__)
		__asm__ volatile("brk #0");
#else
		__asm__ volatile("int3");
#endif
	else
		raise(SIGSTOP);
	return sink + 1;
}

CHAIN_FN int
chain_f2(int x)
{
	return chain_f3(x + 1) * 3 + sink;
}

CHAIN_FN int
chain_f1(int x)
{
	return chain_f2(x + 1) * 5 + sink;
}

int
main(int argc, char **argv)
{
	int r;

	mode = argc > 1 ? argv[1][0] : 't';
	printf("main=%p\n", (void *)main);
	fflush(stdout);
	r = chain_f1(argc);
	sink = r;
	for (;;)
		pause();
}
