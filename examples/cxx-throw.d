/*
 * cxx-throw.d -- every C++ exception a program throws: its type and the
 * stack it was thrown from, rethrows too, and a count of the throws by
 * type at the end, from the C++ library's own USDT probes (libstdc++ has
 * libstdcxx:::throw, rethrow and catch in its .note.stapsdt; they need no
 * semaphore, so a program pays nothing for them until they are traced).
 *
 * Shows: a USDT provider of a shared library (libstdcxx$target: the
 * probes of every module of the process that has them), arguments of a
 * probe: throw's arg0 is the exception object, arg1 its std::type_info,
 * whose second word points to the type's mangled name (c++filt -t
 * demangles it: St13runtime_error is std::runtime_error, i is int),
 * copyin() to follow the pointer, ustack() (its C++ names are mangled:
 * pipe the output through c++filt).
 *
 * Run:  udtrace -s examples/cxx-throw.d -c './prog args'
 *       udtrace -s examples/cxx-throw.d -p PID        (^C to stop)
 *
 * @@target: tests/trace/progs/usdt_throw /dev/null 6
 */

#pragma D option quiet

libstdcxx$target:::throw
{
	this->type = copyinstr(*(uint64_t *)copyin(arg1 + 8, sizeof(uint64_t)));
	printf("throw %s (object at 0x%x) from:", this->type, arg0);
	ustack(8);
	@throws[this->type] = count();
}

libstdcxx$target:::rethrow
{
	printf("rethrow from:");
	ustack(8);
	@rethrows = count();
}

END
{
	printa("%@8d throws of %s\n", @throws);
	printa("%@8d rethrows\n", @rethrows);
}
