/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * spin MS: keeps the CPU busy for MS milliseconds of CLOCK_MONOTONIC
 * time, in user mode (clock_gettime goes through the vDSO: no syscall
 * in the loop), then prints "spun LOOPS" and "text LO HI": the bounds
 * (hexadecimal, HI excluded) of its own executable's code mapping, where
 * nearly all of its time went. Exit 0. The profile test samples it.
 */
#include "progs.h"

#include <limits.h>

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Prints the r-xp mapping of /proc/self/exe from /proc/self/maps. */
static void
print_text(void)
{
	char exe[PATH_MAX], line[PATH_MAX + 128], path[PATH_MAX];
	unsigned long lo, hi;
	char perm[8];
	ssize_t n;
	FILE *f;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n < 0)
		die("/proc/self/exe: %s", strerror(errno));
	exe[n] = '\0';
	f = fopen("/proc/self/maps", "r");
	if (!f)
		die("/proc/self/maps: %s", strerror(errno));
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %4095s", &lo, &hi,
			   perm, path) == 4 &&
		    strcmp(perm, "r-xp") == 0 && strcmp(path, exe) == 0) {
			printf("text %lx %lx\n", lo, hi);
			break;
		}
	}
	fclose(f);
}

int
main(int argc, char **argv)
{
	volatile unsigned long sink = 0;
	unsigned long loops = 0;
	long long end;
	long ms;
	int i;

	if (argc != 2)
		die("usage: spin MS");
	ms = num_arg(argv[1]);
	wait_traced();
	end = now_ms() + ms;
	while (now_ms() < end) {
		for (i = 0; i < 10000; i++)
			sink += (unsigned long)i * 2654435761u;
		loops++;
	}
	printf("spun %lu\n", loops);
	print_text();
	return 0;
}
