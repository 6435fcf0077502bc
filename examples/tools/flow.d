#!/usr/bin/env -S udtrace -s
/*
 * flow.d -- the flow of function calls in a program, indented by depth
 * (dtrace -F), each return with the time since its entry.
 *
 * Usage: udtrace -s flow.d -c 'CMD ARGS' MODULE FUNCTION
 *        udtrace -s flow.d -p PID MODULE FUNCTION   (^C to end)
 *        ./flow.d -c 'CMD ARGS' MODULE FUNCTION     (as an executable)
 *
 * MODULE and FUNCTION ($1 and $2, both needed: dtrace, too, has no
 * default for a macro argument of a probe description) are the pid
 * provider's module and function fields, globs allowed: "a.out" is the
 * program itself, "libc.so.6" the C library, 'tree_*' every function
 * whose name starts so, '*' any (every function of every module: slow,
 * and a lot of output).
 *
 * Prints dtrace's flowindent layout: the CPU, then " -> FUNC" at an entry
 * and " <- FUNC" at a return, two more spaces of indent per level (per
 * thread), and after a return the nanoseconds since the entry of that
 * call. A function left by longjmp() or by a thread's exit has no
 * return: the indent of its thread stays one level deeper.
 *
 * Example: udtrace -s flow.d -c 'tests/trace/progs/pid_calls_O0 /dev/null' \
 *                  a.out 'tree_*'
 *
 *   CPU FUNCTION
 *     1  -> tree_a
 *     1    -> tree_b
 *     1      -> tree_c
 *     1      <- tree_c                                   27583 ns
 *     1    <- tree_b                                    106593 ns
 *     1    -> tree_c
 *     1    <- tree_c                                     18930 ns
 *     1  <- tree_a                                      238458 ns
 *   ...
 */

#pragma D option flowindent

/* an empty clause records the probe (the default action): the entry's
   line, and flowindent's count of the depth */
pid$target:$1:$2:entry
{
}

pid$target:$1:$2:entry
{
	self->ts[++self->depth] = timestamp;
}

/* the return of a call whose entry was seen (not one under way at -p) */
pid$target:$1:$2:return
/self->depth > 0/
{
	printf("%12d ns", timestamp - self->ts[self->depth]);
	self->ts[self->depth--] = 0;
}
