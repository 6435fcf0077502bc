/*
 * ASSERTION: The D library (dtrace's signal.d) defines the signal names
 *   with Linux's numbers, and the aliases SIGIOT, SIGCLD and SIGPOLL.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d %d %d\n", SIGHUP, SIGINT, SIGQUIT, SIGILL,
	    SIGTRAP, SIGABRT, SIGBUS, SIGFPE);
	printf("%d %d %d %d %d %d %d %d\n", SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2,
	    SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT);
	printf("%d %d %d %d %d %d %d %d\n", SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP,
	    SIGTTIN, SIGTTOU, SIGURG, SIGXCPU);
	printf("%d %d %d %d %d %d %d\n", SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH,
	    SIGIO, SIGPWR, SIGSYS);
	printf("%d %d %d\n", SIGIOT, SIGCLD, SIGPOLL);
	exit(0);
}
