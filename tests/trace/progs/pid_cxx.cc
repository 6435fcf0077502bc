// SPDX-License-Identifier: GPL-2.0-or-later
//
// pid_cxx FILE N: C++ exceptions through probed functions. For i in
// 0..N-1 main calls ns::outer(i), which calls ns::thrower(i); thrower
// throws i when i % 3 == 0, and the exception goes through outer (no
// handler there) to main. FILE gets, in the layout of pid_note.h:
//	calls ns::thrower N, returns ns::thrower (N minus the throws), ...
//	calls ns::outer N, returns ns::outer (likewise), ...
//	throws T
// Built by the test itself (pid-cxx.test), with $CXX -O2.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#define PROBED __attribute__((noinline))

namespace ns
{
PROBED long thrower(long x);
PROBED long outer(long x);
} // namespace ns

static volatile long vzero;
static long th_calls, th_rets, out_calls, out_rets, throws;

namespace ns
{
PROBED long
thrower(long x)
{
	if (x % 3 == 0)
		throw x;
	return x * 2 + vzero;
}

PROBED long
outer(long x)
{
	long r;

	th_calls++;
	r = thrower(x);
	th_rets++;
	return r + 1 + vzero;
}
} // namespace ns

int
main(int argc, char **argv)
{
	long i, n, sum = 0;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: pid_cxx FILE N\n");
		return 1;
	}
	n = strtol(argv[2], NULL, 10);
	for (i = 0; i < n; i++) {
		try {
			out_calls++;
			sum += ns::outer(i);
			out_rets++;
		} catch (long v) {
			throws++;
			sum += v;
		}
	}
	f = fopen(argv[1], "w");
	if (!f) {
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	fprintf(f, "calls thrower %ld\nreturns thrower %ld\n", th_calls,
		th_rets);
	fprintf(f, "calls outer %ld\nreturns outer %ld\n", out_calls, out_rets);
	fprintf(f, "throws %ld\nsum %ld\n", throws, sum);
	return fclose(f) == 0 ? 0 : 1;
}
