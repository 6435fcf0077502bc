// SPDX-License-Identifier: GPL-2.0-or-later
//
// stress_cxx N: C++ exceptions thrown through functions that pid probes
// hit (entry and return probes on every one of them). N times, a
// recursion of noinline functions throws at depth i % 16 an exception
// carrying a value; it is caught at the top (sometimes rethrown once
// through a catch-all in the middle), and the values are summed. Prints
// "cxx throws N caught C sum S ok" and exits 0 iff every throw was caught
// once with the right value (the unwinder walks the same stack a tracer
// has breakpoints in).
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace
{

struct thrown {
	long value;
};

__attribute__((noinline)) long
mix(long h, long v)
{
	return (h * 31 + v) % 1000003;
}

long descend(long depth, long at);
// Called through this pointer, g++ cannot turn the recursion into a loop.
long (*volatile descend_fn)(long, long) = descend;

__attribute__((noinline)) long
descend(long depth, long at)
{
	if (depth >= at) {
		if (depth > at)
			return 0;
		throw thrown{ mix(at, 7) };
	}
	return descend_fn(depth + 1, at) + mix(depth, 1);
}

// A catch-all in the middle, on odd rounds: the exception is rethrown.
__attribute__((noinline)) long
middle(long i)
{
	if (i % 2 == 0)
		return descend(0, i % 16);
	try {
		return descend(0, i % 16);
	} catch (...) {
		throw;
	}
}

} // namespace

int
main(int argc, char **argv)
{
	long n = argc > 1 ? std::atol(argv[1]) : 100;
	long caught = 0, sum = 0, want = 0;
	bool bad = false;

	for (long i = 0; i < n; i++) {
		try {
			middle(i);
			bad = true;
		} catch (const thrown &t) {
			caught++;
			sum += t.value;
		} catch (...) {
			bad = true;
		}
		want += mix(i % 16, 7);
	}
	bad = bad || caught != n || sum != want;
	std::printf("cxx throws %ld caught %ld sum %ld %s\n", n, caught, sum,
		    bad ? "BAD" : "ok");
	return bad ? 1 : 0;
}
