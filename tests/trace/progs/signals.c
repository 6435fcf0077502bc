/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * signals K: installs a SIGUSR1 handler and sends itself SIGUSR1 K times
 * with kill(2) (each is handled before kill returns: it is unblocked and
 * sent to the calling thread's process, which has one thread); then
 * forks a child that waits in pause(2) and kills it with SIGTERM, once.
 * Prints "handled H" and "child PID killed by S", and exits 0 when H == K
 * and the child died of SIGTERM, else 1.
 *
 * So: K signal-send (SIGUSR1, to itself) and K signal-handle (SIGUSR1)
 * in the parent, one signal-send (SIGTERM) from the parent to the child,
 * and the child's proc:::exit with CLD_KILLED.
 */
#include "progs.h"

#include <signal.h>
#include <sys/wait.h>

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
	struct sigaction sa;
	int status, p[2];
	long i, k;
	pid_t kid;
	char c;

	if (argc != 2)
		die("usage: signals K");
	k = num_arg(argv[1]);
	wait_traced();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL))
		die("sigaction: %s", strerror(errno));
	for (i = 0; i < k; i++)
		if (kill(getpid(), SIGUSR1))
			die("kill: %s", strerror(errno));

	/* The child tells it is ready (its SIGTERM disposition is the
	 * default, and it is about to pause) through a pipe. */
	if (pipe(p))
		die("pipe: %s", strerror(errno));
	fflush(stdout);
	kid = fork();
	if (kid < 0)
		die("fork: %s", strerror(errno));
	if (kid == 0) {
		close(p[0]);
		if (write(p[1], "r", 1) != 1)
			_exit(3);
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		die("the child did not start");
	if (kill(kid, SIGTERM))
		die("kill: %s", strerror(errno));
	if (waitpid(kid, &status, 0) != kid)
		die("waitpid: %s", strerror(errno));

	printf("handled %d\n", (int)handled);
	if (WIFSIGNALED(status))
		printf("child %d killed by %d\n", (int)kid, WTERMSIG(status));
	else
		printf("child %d status 0x%x\n", (int)kid, status);
	return handled == k && WIFSIGNALED(status) &&
			       WTERMSIG(status) == SIGTERM ?
		       0 :
		       1;
}
