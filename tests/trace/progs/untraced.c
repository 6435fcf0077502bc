/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * untraced C P: creates a child with clone(CLONE_UNTRACED | SIGCHLD) (raw
 * clone(2): no tracer is told of such a child), which makes C getppid()
 * syscalls and exits 0; the parent waits for it, prints
 *	child status S		(S: its exit status, 0)
 * then makes P getppid() syscalls itself and exits 0 (1 when the child
 * failed). With UDT_WAIT_TRACED set, it first waits for a tracer (-p).
 */
#include "progs.h"

#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static void
calls(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

int
main(int argc, char **argv)
{
	long nc, np;
	int status;
	pid_t kid;

	if (argc != 3)
		die("usage: untraced C P");
	nc = num_arg(argv[1]);
	np = num_arg(argv[2]);
	wait_traced();
	/* fork()'s semantics (a copy of the memory, SIGCHLD at the end), the
	   stack included: a null stack pointer keeps the parent's. */
	kid = (pid_t)syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	if (kid < 0)
		die("clone: %s", strerror(errno));
	if (kid == 0) {
		calls(nc);
		_exit(0);
	}
	if (waitpid(kid, &status, 0) != kid)
		die("waitpid: %s", strerror(errno));
	printf("child status %d\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	fflush(stdout);
	calls(np);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
