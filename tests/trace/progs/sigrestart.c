/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigrestart N [restart]: installs a SIGUSR1 handler (with SA_RESTART
 * when the second argument is given, else without), makes exactly N
 * getppid() syscalls (raw syscall(2)) and prints "handled H eintr E": the
 * signals it handled (sent from outside) and how many getppid() calls
 * failed with EINTR, which they never do untraced, nor under a ptrace
 * stop. Exit 0.
 */
#include "progs.h"

#include <signal.h>
#include <sys/syscall.h>

static volatile sig_atomic_t handled;

static void
on_usr1(int sig)
{
	(void)sig;
	handled++;
}

int
main(int argc, char **argv)
{
	long i, n, eintr = 0;

	if (argc != 2 && argc != 3)
		die("usage: sigrestart N [restart]");
	n = num_arg(argv[1]);
	handle_signal_flags(SIGUSR1, on_usr1, argc == 3 ? SA_RESTART : 0);
	wait_traced();
	for (i = 0; i < n; i++)
		if (syscall(SYS_getppid) < 0 && errno == EINTR)
			eintr++;
	printf("handled %d eintr %ld\n", (int)handled, eintr);
	return 0;
}
