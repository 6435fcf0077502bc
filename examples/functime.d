/*
 * functime.d -- calls and time per function of a program: how many times
 * each function of the executable was called and the time spent in it
 * (inclusive: callees count), from the pid provider's entry and return
 * probes.
 *
 * Shows: pid$target with the a.out module (the executable, whatever its
 * name), self-> variables indexed by probefunc to pair entry and return
 * per thread (recursion counts the outermost call only), count(), sum()
 * and printa() with a format.
 *
 * Run:  udtrace -s examples/functime.d -c './prog args'
 *       udtrace -s examples/functime.d -p PID        (^C to stop)
 *
 * @@target: tests/trace/progs/nested 3 /dev/null
 */

#pragma D option quiet

pid$target:a.out::entry
/self->depth[probefunc]++ == 0/
{
	self->ts[probefunc] = timestamp;
}

pid$target:a.out::return
/self->depth[probefunc] && --self->depth[probefunc] == 0/
{
	@calls[probefunc] = count();
	@ns[probefunc] = sum(timestamp - self->ts[probefunc]);
	self->ts[probefunc] = 0;
}

END
{
	printf("%-32s %8s %14s\n", "FUNCTION", "CALLS", "NS");
	printa("%-32s %@8d %@14d\n", @calls, @ns);
}
