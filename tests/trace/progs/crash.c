/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * crash segv|abort: dies of SIGSEGV (a store through a null pointer) or
 * of SIGABRT (abort(3), which sends it with one tgkill/kill). Never
 * exits normally; exit 1 on a bad argument.
 */
#include "progs.h"

#include <signal.h>

int
main(int argc, char **argv)
{
	if (argc != 2)
		die("usage: crash segv|abort");
	wait_traced();
	if (strcmp(argv[1], "segv") == 0) {
		/* volatile: the store must happen. */
		volatile int *volatile p = NULL;

		*p = 1;
	} else if (strcmp(argv[1], "abort") == 0) {
		abort();
	}
	die("usage: crash segv|abort");
}
