/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * execer PROG [ARGS...]: first an execve(2) of a path that does not
 * exist (UDT_NO_SUCH_PROG below), which must fail with ENOENT, then an
 * execve(2) of PROG with ARGS (argv[0] = PROG) and the same environment.
 * Exactly two execve calls, no PATH search. Exits 1 if either exec does
 * not behave so.
 */
#include "progs.h"

#define UDT_NO_SUCH_PROG "/nonexistent/udt-no-such-program"

extern char **environ;

int
main(int argc, char **argv)
{
	char path[] = UDT_NO_SUCH_PROG;
	char *none[] = { path, NULL };

	if (argc < 2)
		die("usage: execer PROG [ARGS...]");
	wait_traced();
	execve(path, none, environ);
	if (errno != ENOENT)
		die("exec of %s: %s, expected ENOENT", UDT_NO_SUCH_PROG,
		    strerror(errno));
	execve(argv[1], argv + 1, environ);
	die("exec of %s: %s", argv[1], strerror(errno));
}
