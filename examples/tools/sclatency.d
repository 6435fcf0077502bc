#!/usr/bin/env -S udtrace -s
/*
 * sclatency.d -- a histogram of syscall latency, per syscall, for a
 * command (or a running process) and the processes it starts.
 *
 * Usage: udtrace -s sclatency.d -c 'CMD ARGS'
 *        udtrace -s sclatency.d -p PID            (^C to end)
 *        ./sclatency.d -c 'CMD ARGS' | -p PID     (as an executable)
 *
 * Prints, when the command exits (or at ^C), for each syscall that
 * returned, the distribution of the nanoseconds from its entry to its
 * return, in power-of-two buckets (quantize): dtrace's histogram, the
 * count of calls in the right-hand column. Under ptrace each traced
 * syscall costs two stops: the floor is some microseconds (see make
 * bench), the spread above it is what the syscalls did.
 *
 * Example: udtrace -s sclatency.d -c 'tests/trace/progs/sc_count 100'
 *
 *   latency (ns) of each syscall, entry to return
 *   ...
 *     getppid
 *              value  ------------- Distribution ------------- count
 *               2048 |                                         0
 *               4096 |                                         1
 *               8192 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@  98
 *              16384 |                                         1
 *              32768 |                                         0
 */

#pragma D option quiet

syscall:::entry
/progenyof($target)/
{
	self->ts = timestamp;
}

syscall:::return
/self->ts/
{
	@ns[probefunc] = quantize(timestamp - self->ts);
	self->ts = 0;
}

END
{
	printf("latency (ns) of each syscall, entry to return\n");
	printa(@ns);
}
