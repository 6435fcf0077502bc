/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nested N FILE: calls main -> level1 -> level2 -> level3 N times, and
 * level3 writes 7 bytes ("nested\n") to /dev/null with write(2): exactly
 * N such writes, each from the same call chain. Then it writes to FILE
 * what a user stack of those writes must show, as the program itself
 * knows it: "LEVEL3 RET3 RET2 RET1", the address of level3 and the
 * return addresses of level3 (into level2), level2 (into level1) and
 * level1 (into main), from __builtin_return_address. Built optimised
 * without frame pointers, so only CFI can unwind it.
 */
#include "progs.h"

#include <fcntl.h>
#include <stdint.h>

/* Out of line, uncloned, and with work after each call, so that no call
   becomes a tail jump (which would take its frame off the stack). */
#if defined(__GNUC__) && !defined(__clang__)
#define LEVEL_FN __attribute__((noipa))
#else
#define LEVEL_FN __attribute__((noinline))
#endif

static int devnull;
static volatile int sink;
static volatile uintptr_t ret1, ret2, ret3;

LEVEL_FN static int
level3(int i)
{
	ret3 = (uintptr_t)__builtin_return_address(0);
	if (write(devnull, "nested\n", 7) != 7)
		die("write: %s", strerror(errno));
	return sink + i;
}

LEVEL_FN static int
level2(int i)
{
	ret2 = (uintptr_t)__builtin_return_address(0);
	return level3(i + 1) * 3 + sink;
}

LEVEL_FN static int
level1(int i)
{
	ret1 = (uintptr_t)__builtin_return_address(0);
	return level2(i + 1) * 5 + sink;
}

int
main(int argc, char **argv)
{
	FILE *f;
	long i, n;

	if (argc != 3)
		die("usage: nested N FILE");
	n = num_arg(argv[1]);
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (devnull < 0)
		die("/dev/null: %s", strerror(errno));
	wait_traced();
	for (i = 0; i < n; i++)
		sink += level1((int)i);
	f = fopen(argv[2], "w");
	if (f == NULL)
		die("%s: %s", argv[2], strerror(errno));
	fprintf(f, "%#jx %#jx %#jx %#jx\n", (uintmax_t)(uintptr_t)level3,
		(uintmax_t)ret3, (uintmax_t)ret2, (uintmax_t)ret1);
	if (fclose(f) != 0)
		die("%s: %s", argv[2], strerror(errno));
	return 0;
}
