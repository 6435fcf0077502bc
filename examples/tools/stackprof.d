#!/usr/bin/env -S udtrace -s
/*
 * stackprof.d -- a sampling profiler: the user stacks of a command (or a
 * running process) and the processes it starts, 99 times a second per
 * thread, counted; the input of a flame graph.
 *
 * Usage: udtrace -s stackprof.d -c 'CMD ARGS'
 *        udtrace -s stackprof.d -p PID            (^C to end)
 *        ./stackprof.d -c 'CMD ARGS' | -p PID     (as an executable)
 *   for a flame graph (FlameGraph's flamegraph.pl):
 *        udtrace -x stackfmt=folded -s stackprof.d -c 'CMD' >out.folded
 *        flamegraph.pl out.folded >out.svg
 *   or, with dtrace's own layout, through stackcollapse.pl first.
 *
 * Prints, when the command exits (or at ^C), each distinct stack
 * (ustack(): CFI unwinding, frame pointers not needed) and the number of
 * samples that caught it, fewest first; with -x stackfmt=folded one line
 * per stack, "outermost;...;innermost COUNT", frames as module`function
 * (samples at different offsets of the same functions are different
 * stacks to ustack(): the same folded line may come more than once, and
 * its counts add up, as flamegraph.pl adds them).
 * The samples are profile-99 (udtrace samples each traced thread, not
 * each CPU: a thread that sleeps is not sampled).
 *
 * Example: udtrace -x stackfmt=folded -s stackprof.d \
 *                  -c 'tests/tools/progs/toolprog burn 500'
 *
 *   toolprog`_start;libc.so.6`__libc_start_main;...;toolprog`main;toolprog`hot_outer;toolprog`hot_inner;toolprog`spinner 44
 *   ...
 */

#pragma D option quiet
#pragma D option ustackframes=100

profile-99
/progenyof($target)/
{
	@[ustack()] = count();
}
