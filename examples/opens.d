/*
 * opens.d -- every file a program (and what it starts) opens, with the
 * result: the descriptor, or the error.
 *
 * Shows: copyinstr() of a syscall argument at entry, kept in a self->
 * variable for the return probe (a string variable cannot be set to 0:
 * a flag says it is valid), errno, progenyof() to follow children.
 *
 * Run:  udtrace -s examples/opens.d -c 'cat /etc/hostname /nonexistent'
 *       (-c splits the command on blanks, as dtrace does: no shell quoting)
 */

#pragma D option quiet

BEGIN
{
	printf("%-7s %-16s %4s %5s %s\n", "PID", "COMM", "FD", "ERR", "PATH");
}

syscall::openat:entry
/progenyof($target)/
{
	self->path = copyinstr(arg1);
	self->in = 1;
}

syscall::openat:return
/self->in/
{
	printf("%-7d %-16s %4d %5d %s\n", pid, execname, errno ? -1 : (int)arg0,
	    errno, self->path);
	self->in = 0;
}
