/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pid_dl FILE LIBRARY N: calls lib_add(i, 2 * i) of libpid_lib.so (linked
 * in, found next to the program) N times, then dlopen()s LIBRARY
 * (libpid_dl.so, whose constructor calls dl_square(7) once) and calls its
 * dl_square(i) N times. FILE gets, in the layout of pid_note.h:
 *	calls lib_add N, arg lib_add .., ret lib_add ..
 *	calls dl_square N + 1 (the library's own count of calls)
 *	arg dl_square .., ret dl_square .. (the constructor's call included)
 */
#include "pid_note.h"

#include <dlfcn.h>

long lib_add(long a, long b);

int
main(int argc, char **argv)
{
	long (*square)(long);
	long *dl_calls, i, n;
	void *h;
	FILE *f;

	if (argc != 4)
		die("usage: pid_dl FILE LIBRARY N");
	n = num_arg(argv[3]);
	for (i = 0; i < n; i++)
		CALL(lib_add, i, 2 * i);
	h = dlopen(argv[2], RTLD_NOW);
	if (!h)
		die("dlopen %s: %s", argv[2], dlerror());
	square = (long (*)(long))dlsym(h, "dl_square");
	dl_calls = dlsym(h, "dl_calls");
	if (!square || !dl_calls)
		die("dlsym: %s", dlerror());
	/* The constructor's call, which no CALL() noted. */
	note_call("dl_square", 7);
	note_ret("dl_square", 49);
	for (i = 0; i < n; i++)
		CALL_AS("dl_square", square, i);
	f = fopen(argv[1], "w");
	if (!f)
		die("%s: %s", argv[1], strerror(errno));
	note_write(f);
	fprintf(f, "library dl_square %ld\n", *dl_calls);
	if (fclose(f) != 0)
		die("%s: %s", argv[1], strerror(errno));
	return 0;
}
