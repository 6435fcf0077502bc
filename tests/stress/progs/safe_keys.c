/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * safe_keys N: makes N getppid() syscalls whose first argument register
 * holds 0, 1, ..., N-1 (the kernel ignores it; a syscall probe's arg0 sees
 * it), so that a D program keyed on arg0 sees N distinct keys. Prints
 * "keys N" and exits 0. The memory-bound test (safe-rss.test) traces it.
 */
#include "../../trace/progs/progs.h"

#include <sys/syscall.h>

int
main(int argc, char **argv)
{
	long i, n;

	if (argc != 2)
		die("usage: safe_keys N");
	n = num_arg(argv[1]);
	for (i = 0; i < n; i++)
		syscall(SYS_getppid, i);
	printf("keys %ld\n", n);
	return 0;
}
