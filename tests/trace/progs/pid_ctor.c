/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pid_ctor: calls probe_me(100) from its own constructor (run from _start,
 * after the libraries' constructors and before main), then probe_me(0),
 * probe_me(1), probe_me(2) from main, and prints "calls 4". Where a -c
 * command's probes start firing (-x evaltime) decides which calls a
 * tracer sees: exec, preinit and postinit see all four, main only the
 * three of main.
 */
#include "progs.h"

static volatile int sink;

int probe_me(int x);

__attribute__((noinline)) int
probe_me(int x)
{
	sink += x;
	return x + 1;
}

__attribute__((constructor)) static void
init(void)
{
	probe_me(100);
}

int
main(void)
{
	for (int i = 0; i < 3; i++)
		probe_me(i);
	printf("calls 4\n");
	return 0;
}
