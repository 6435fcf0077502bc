/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sigcount N: installs a SIGUSR1 handler that counts what it handles,
 * makes exactly N getppid() syscalls (raw syscall(2)) and prints
 * "handled H". It sends itself nothing: every SIGUSR1 it handles came
 * from outside (the destructive test's raise(SIGUSR1) at getppid's
 * entry). SIGUSR1 is unblocked throughout and the handler makes no
 * syscall, so each raised signal is handled once, on the way back from
 * the syscall it was raised in. Exit 0.
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
	long i, n;

	if (argc != 2)
		die("usage: sigcount N");
	n = num_arg(argv[1]);
	handle_signal(SIGUSR1, on_usr1);
	wait_traced();
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	printf("handled %d\n", (int)handled);
	return 0;
}
