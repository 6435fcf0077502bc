#!/usr/bin/env -S udtrace -s
/*
 * syscount.d -- syscall counts by process and by syscall, with the time
 * spent in each syscall, for a command or a running process and every
 * process it starts.
 *
 * Usage: udtrace -s syscount.d -c 'CMD ARGS'
 *        udtrace -s syscount.d -p PID             (^C to end)
 *        ./syscount.d -c 'CMD ARGS' | -p PID      (as an executable)
 *
 * Prints, when the command exits (or at ^C): the syscalls each process
 * made (PID, name, count), then for each syscall its count and the
 * total time its calls took, in nanoseconds, entry to return (a call
 * that never returns -- exit_group, a successful execve's old image --
 * is counted, with no time). Both tables are sorted by count. A process
 * that executes another program has a line for each of its names.
 *
 * Example: udtrace -s syscount.d -c 'tests/trace/progs/sc_count 100'
 *
 *   PID      COMM                 SYSCALLS
 *   30757    sc_count                  179
 *
 *   SYSCALL                     COUNT        TIME(ns)
 *   exit_group                      1               0
 *   set_robust_list                 1           15659
 *   ...
 *   mprotect                        3           59578
 *   mmap                            8          159995
 *   getuid                         50          263430
 *   getppid                       100         1490550
 */

#pragma D option quiet

syscall:::entry
/progenyof($target)/
{
	@procs[pid, execname] = count();
	@calls[probefunc] = count();
	self->ts = timestamp;
}

syscall:::return
/self->ts/
{
	@ns[probefunc] = sum(timestamp - self->ts);
	self->ts = 0;
}

END
{
	printf("%-8s %-16s %12s\n", "PID", "COMM", "SYSCALLS");
	printa("%-8d %-16s %@12d\n", @procs);
	printf("\n%-24s %8s %15s\n", "SYSCALL", "COUNT", "TIME(ns)");
	printa("%-24s %@8d %@15d\n", @calls, @ns);
}
