/*
 * syscalls.d -- which syscalls a program makes, how often, how many fail,
 * and how long they take.
 *
 * Shows: the syscall provider's entry and return probes, self-> variables
 * to carry the entry time to the return, errno at return, and quantize()
 * of the latency per syscall.
 *
 * Run:  udtrace -s examples/syscalls.d -c 'ls /'
 *       udtrace -s examples/syscalls.d -p PID       (^C to end)
 */

#pragma D option quiet

syscall:::entry
/pid == $target/
{
	self->ts = timestamp;
}

syscall:::return
/self->ts/
{
	@calls[probefunc] = count();
	@ns[probefunc] = quantize(timestamp - self->ts);
	self->ts = 0;
}

syscall:::return
/pid == $target && errno != 0/
{
	@errors[probefunc, errno] = count();
}

END
{
	printf("%-24s %8s\n", "SYSCALL", "CALLS");
	printa("%-24s %@8d\n", @calls);
	printf("\n%-24s %6s %8s\n", "FAILED SYSCALL", "ERRNO", "COUNT");
	printa("%-24s %6d %@8d\n", @errors);
	printf("\nlatency (ns) per syscall:\n");
	printa(@ns);
}
