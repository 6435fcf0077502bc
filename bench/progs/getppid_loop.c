/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench workload: N getppid() system calls and nothing else, the cheapest
 * syscall there is, so that a tracer's cost per stop stands out. The call
 * goes through syscall(2): no libc may cache or skip it.
 *
 *   getppid_loop [N]      (default 200000)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long n = 200000, i, sum = 0;
	char *end;

	if (argc > 1) {
		n = strtol(argv[1], &end, 10);
		if (end == argv[1] || *end != '\0' || n < 0) {
			fprintf(stderr, "usage: getppid_loop [N]\n");
			return 2;
		}
	}
	for (i = 0; i < n; i++)
		sum += syscall(SYS_getppid);
	/* The sum is used, so the loop cannot go. */
	return sum == 0 && n > 0 ? 1 : 0;
}
