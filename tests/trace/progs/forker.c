/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * forker K N: forks K children, one after the other; each child makes
 * exactly N getppid() syscalls and exits 0; the parent makes none,
 * waits for each child in turn (so at most one child lives at a time),
 * checks that it exited with status 0, and prints one "child PID" line
 * per child in fork order. Exit 0 when every child exited 0.
 */
#include "progs.h"

#include <sys/syscall.h>
#include <sys/wait.h>

int
main(int argc, char **argv)
{
	long i, j, k, n;
	pid_t *kids;
	int status;

	if (argc != 3)
		die("usage: forker K N");
	k = num_arg(argv[1]);
	n = num_arg(argv[2]);
	kids = calloc(k ? k : 1, sizeof *kids);
	if (!kids)
		die("out of memory");
	wait_traced();
	for (i = 0; i < k; i++) {
		fflush(stdout);
		kids[i] = fork();
		if (kids[i] < 0)
			die("fork: %s", strerror(errno));
		if (kids[i] == 0) {
			for (j = 0; j < n; j++)
				syscall(SYS_getppid);
			_exit(0);
		}
		if (waitpid(kids[i], &status, 0) != kids[i])
			die("waitpid: %s", strerror(errno));
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			die("child %d: status 0x%x", (int)kids[i], status);
	}
	for (i = 0; i < k; i++)
		printf("child %d\n", (int)kids[i]);
	return 0;
}
