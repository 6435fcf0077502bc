/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * selfinfo [ARGS...]: prints what the builtins test compares with
 * udtrace's built-in variables, then makes a known set of syscalls:
 *    "pid P ppid Q"   getpid() and getppid() (raw syscalls)
 *    "cwd DIR"        getcwd()
 *    one raw getppid() (so two in all: two probes of the same thread),
 *    one raw write(FD, "abcd", 4) on a descriptor FD of /dev/null,
 *    "fd FD"
 *    then forks a child that makes one raw getppid() and exits 0; waits
 *    for it and prints "child PID". Exit 0 when the child exited 0.
 * The program has one thread.
 */
#include "progs.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

int
main(int argc, char **argv)
{
	char cwd[4096];
	int fd, status;
	pid_t kid;

	(void)argc;
	(void)argv;
	wait_traced();
	printf("pid %ld ppid %ld\n", syscall(SYS_getpid), syscall(SYS_getppid));
	if (!getcwd(cwd, sizeof cwd))
		die("getcwd: %s", strerror(errno));
	printf("cwd %s\n", cwd);
	syscall(SYS_getppid);
	fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		die("/dev/null: %s", strerror(errno));
	if (syscall(SYS_write, fd, "abcd", 4) != 4)
		die("write: %s", strerror(errno));
	close(fd);
	printf("fd %d\n", fd);
	fflush(stdout);
	kid = fork();
	if (kid < 0)
		die("fork: %s", strerror(errno));
	if (kid == 0) {
		syscall(SYS_getppid);
		_exit(0);
	}
	if (waitpid(kid, &status, 0) != kid)
		die("waitpid: %s", strerror(errno));
	printf("child %d\n", (int)kid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
