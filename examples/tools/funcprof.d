#!/usr/bin/env -S udtrace -s
/*
 * funcprof.d -- a function profiler: for each function of a program, how
 * many times it was called, the time from its entry to its return
 * (elapsed, wall clock) and the time its thread spent on a CPU meanwhile
 * (on-CPU: vtimestamp), both inclusive of what it calls.
 *
 * Usage: udtrace -s funcprof.d -c 'CMD ARGS' MODULE FUNCTION
 *        udtrace -s funcprof.d -p PID MODULE FUNCTION   (^C to end)
 *        ./funcprof.d -c 'CMD ARGS' MODULE FUNCTION     (as an executable)
 *
 * MODULE and FUNCTION ($1 and $2, both needed: dtrace, too, has no
 * default for a macro argument of a probe description) are the pid
 * provider's module and function fields, globs allowed: "a.out" is the
 * program itself, '*' any ('*' '*': every function of every module,
 * which is slow).
 *
 * Prints, when the command exits (or at ^C), one line per function,
 * sorted by elapsed time: CALLS (every entry), ELAPSED(us) and ONCPU(us)
 * (summed over the outermost calls of each thread: a recursive call's
 * time is already in its caller's). A function that sleeps or waits has
 * ELAPSED well above ONCPU; one that computes has them nearly equal. The
 * time of a call left by longjmp() or by the thread's exit is not
 * counted (no return fires), nor is the time of a call already under way
 * when -p attached.
 *
 * Example: udtrace -s funcprof.d -c 'tests/tools/progs/toolprog prof 3 20' \
 *                  a.out '*'
 *
 *   FUNCTION                            CALLS  ELAPSED(us)    ONCPU(us)
 *   _start                                  1            0            0
 *   wait_traced                             1           26            5
 *   num_arg                                 2           81           19
 *   burner                                  3        60345        60074
 *   sleeper                                 3        60680          156
 *   outer                                   3       121889        60304
 *   main                                    1       122404        60476
 */

#pragma D option quiet
/* printa sorts by its second aggregation, @elapsed */
#pragma D option aggsortpos=1

pid$target:$1:$2:entry
{
	@calls[probefunc] = count();
}

/* the outermost call of this function in this thread */
pid$target:$1:$2:entry
/self->depth[probefunc]++ == 0/
{
	self->ts[probefunc] = timestamp;
	self->vts[probefunc] = vtimestamp;
}

pid$target:$1:$2:return
/self->depth[probefunc] && --self->depth[probefunc] == 0/
{
	@elapsed[probefunc] = sum(timestamp - self->ts[probefunc]);
	@oncpu[probefunc] = sum(vtimestamp - self->vts[probefunc]);
	self->ts[probefunc] = 0;
	self->vts[probefunc] = 0;
}

END
{
	normalize(@elapsed, 1000);
	normalize(@oncpu, 1000);
	printf("%-32s %8s %12s %12s\n", "FUNCTION", "CALLS", "ELAPSED(us)",
	    "ONCPU(us)");
	printa("%-32s %@8d %@12d %@12d\n", @calls, @elapsed, @oncpu);
}
