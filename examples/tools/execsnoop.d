#!/usr/bin/env -S udtrace -s
/*
 * execsnoop.d -- every program a command (or a running process) and the
 * processes it starts execute, with its arguments, as it happens; and
 * every exec that fails, with the path and the error.
 *
 * Usage: udtrace -s execsnoop.d -c 'CMD ARGS'
 *        udtrace -s execsnoop.d -p PID            (^C to end)
 *        ./execsnoop.d -c 'CMD ARGS' | -p PID     (as an executable)
 *
 * Prints one line per exec: the user id, the process id and its parent's,
 * ERR (the errno name of a failed exec, "-" when it succeeded) and the
 * arguments of the new program (curpsinfo->pr_psargs: argv joined by
 * spaces, cut at 80 characters as dtrace's is), or for a failed exec
 * the path it tried. The command of -c itself was started before
 * tracing began: it is not shown, what it executes is.
 *
 * Example: udtrace -s execsnoop.d -c 'sh run.sh', run.sh being
 *     /bin/echo one two
 *     tests/trace/progs/execer /bin/true x y
 *
 *      UID     PID    PPID ERR          ARGS
 *     1000   15918   15917 -            /bin/echo one two
 *   one two
 *     1000   15919   15917 -            tests/trace/progs/execer /bin/true x y
 *     1000   15919   15917 ENOENT       /nonexistent/udt-no-such-program
 *     1000   15919   15917 -            /bin/true x y
 */

#pragma D option quiet

/* the errors execve(2) documents; another shows as its number */
BEGIN
{
	errname[E2BIG] = "E2BIG";
	errname[EACCES] = "EACCES";
	errname[EAGAIN] = "EAGAIN";
	errname[EFAULT] = "EFAULT";
	errname[EINVAL] = "EINVAL";
	errname[EIO] = "EIO";
	errname[EISDIR] = "EISDIR";
	errname[ELIBBAD] = "ELIBBAD";
	errname[ELOOP] = "ELOOP";
	errname[EMFILE] = "EMFILE";
	errname[ENAMETOOLONG] = "ENAMETOOLONG";
	errname[ENFILE] = "ENFILE";
	errname[ENOENT] = "ENOENT";
	errname[ENOEXEC] = "ENOEXEC";
	errname[ENOMEM] = "ENOMEM";
	errname[ENOTDIR] = "ENOTDIR";
	errname[EPERM] = "EPERM";
	errname[ETXTBSY] = "ETXTBSY";
	printf("%6s %7s %7s %-12s %s\n", "UID", "PID", "PPID", "ERR", "ARGS");
}

/* the path being executed, for the failure's line */
proc:::exec
/progenyof($target)/
{
	self->path = stringof(args[0]);
	self->exec = 1;
}

proc:::exec-success
/progenyof($target)/
{
	printf("%6d %7d %7d %-12s %s\n", uid, pid, ppid, "-",
	    curpsinfo->pr_psargs);
	self->exec = 0;
}

proc:::exec-failure
/self->exec/
{
	this->err = errname[args[0]];
	printf("%6d %7d %7d %-12s %s\n", uid, pid, ppid,
	    this->err != "" ? this->err : lltostr(args[0]), self->path);
	self->exec = 0;
}
