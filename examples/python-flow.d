/*
 * python-flow.d -- the flow of a Python program: every function call and
 * return, indented by call depth, as FILE:FUNCTION:LINE, from the
 * interpreter's USDT probes (Debian's python3.11 is built --with-dtrace:
 * python:::function__entry and function__return, which D writes
 * function-entry and function-return).
 *
 * Shows: a USDT provider with a semaphore (CPython prepares the
 * arguments only while a tracer has set it: an untraced python pays
 * nothing), the probe's arguments (arg0 the file, arg1 the function, arg2
 * the line: the first line of the function at entry, the returning line
 * at return) read with copyinstr(), a self-> depth per thread, "%*s" to
 * indent, a predicate keeping one script's functions ($$1, compared by
 * basename; without it the interpreter's start-up and the standard
 * library show too).
 *
 * CPython 3.11 itself fires function-entry only while a profile or trace
 * function is set (its ceval.c: DTRACE_FUNCTION_ENTRY() is reached from
 * the tracing path), function-return always: run a script that calls
 * sys.setprofile() (sys.setprofile(slice) costs least: a builtin that
 * runs no Python code), or see only the returns.
 *
 * Run:  udtrace -s examples/python-flow.d \
 *           -c '/usr/bin/python3.11 script.py' script.py
 *       ($$1 is the file name to keep; without it every file shows)
 *
 * No "@@target" line: examples.test runs an example only on a program
 * of the build tree, and python is not one; zdefs lets `udtrace -e -s`
 * check this script without a python process.
 */

#pragma D option quiet
#pragma D option zdefs
#pragma D option defaultargs

self int depth;

python$target:::function-entry
/$$1 == "" || basename(copyinstr(arg0)) == basename($$1)/
{
	printf("%*s-> %s:%s:%d\n", self->depth * 2, "", copyinstr(arg0),
	    copyinstr(arg1), arg2);
	self->depth++;
}

python$target:::function-return
/$$1 == "" || basename(copyinstr(arg0)) == basename($$1)/
{
	self->depth -= self->depth > 0 ? 1 : 0;
	printf("%*s<- %s:%s:%d\n", self->depth * 2, "", copyinstr(arg0),
	    copyinstr(arg1), arg2);
}
