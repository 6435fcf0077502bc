/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sc_count [-v] N: makes exactly N getppid() and N/2 getuid() syscalls
 * (raw syscall(2), so no libc cache can hide one) and exits 0. With -v
 * it prints what each getppid() returned, one "getppid() = V" line each:
 * the fault-injection test makes getppid return 42 and reads it here.
 */
#include "progs.h"

#include <sys/syscall.h>

int
main(int argc, char **argv)
{
	int verbose = 0;
	long i, n;

	if (argc > 1 && strcmp(argv[1], "-v") == 0) {
		verbose = 1;
		argc--;
		argv++;
	}
	if (argc != 2)
		die("usage: sc_count [-v] N");
	n = num_arg(argv[1]);
	wait_traced();
	for (i = 0; i < n; i++) {
		long r = syscall(SYS_getppid);

		if (verbose)
			printf("getppid() = %ld\n", r);
	}
	for (i = 0; i < n / 2; i++)
		syscall(SYS_getuid);
	return 0;
}
