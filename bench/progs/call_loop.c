/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * call_loop N own|libc: the pid provider's bench workload. "own" calls
 * probe_me(), a function of the program that does next to nothing, N
 * times; "libc" calls libc's labs() N times, through the PLT (built with
 * -fno-builtin, so that the compiler does not inline it), where ltrace
 * sees library calls. Prints the sum of the results, so that no call can
 * be left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long probe_me(long x);

__attribute__((noinline)) long
probe_me(long x)
{
	return x ^ 0x5a;
}

int
main(int argc, char **argv)
{
	long i, n, sum = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: call_loop N own|libc\n");
		return 2;
	}
	n = strtol(argv[1], NULL, 10);
	if (strcmp(argv[2], "own") == 0)
		for (i = 0; i < n; i++)
			sum += probe_me(i);
	else
		for (i = 0; i < n; i++)
			sum += labs(i - n / 2);
	printf("%ld\n", sum);
	return 0;
}
