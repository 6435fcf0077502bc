// SPDX-License-Identifier: GPL-2.0-or-later
//
// usdt_throw FILE N: throws N C++ exceptions, for libstdc++'s own USDT
// probes (libstdcxx:::throw, catch, rethrow; no semaphores): exception i
// is an int for i % 3 == 0, a std::runtime_error for i % 3 == 1, a
// udt::oops for i % 3 == 2; every fourth (i % 4 == 0) is caught, rethrown
// with `throw;` and caught again. FILE ("-": stdout) gets what the
// program counted:
//	throws N	exceptions thrown (each `throw x`)
//	rethrows R	`throw;`
//	catches C	handlers entered (N + R)
//	type T K	throws of each type, T its type_info name (mangled, as
//			libstdc++'s throw probe gives it in arg1)
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <typeinfo>

namespace udt
{
struct oops {
	long v;
};

// Out of line: the throw happens in a function of its own.
[[gnu::noinline]] void
thrower(long i)
{
	switch (i % 3) {
	case 0:
		throw static_cast<int>(i);
	case 1:
		throw std::runtime_error("odd");
	default:
		throw oops{ i };
	}
}

// The type_info name of what thrower(i) throws.
static const char *
thrown_type(long i)
{
	switch (i % 3) {
	case 0:
		return typeid(int).name();
	case 1:
		return typeid(std::runtime_error).name();
	default:
		return typeid(oops).name();
	}
}
} // namespace udt

int
main(int argc, char **argv)
{
	std::map<std::string, long> types;
	long n, i, throws = 0, rethrows = 0, catches = 0;
	char *end;
	FILE *out;

	if (argc != 3) {
		std::fprintf(stderr, "usage: usdt_throw FILE N\n");
		return 1;
	}
	n = std::strtol(argv[2], &end, 10);
	if (*end || n < 0) {
		std::fprintf(stderr, "bad number '%s'\n", argv[2]);
		return 1;
	}
	out = std::strcmp(argv[1], "-") ? std::fopen(argv[1], "w") : stdout;
	if (!out) {
		std::fprintf(stderr, "%s: %s\n", argv[1], std::strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		try {
			try {
				throws++;
				types[udt::thrown_type(i)]++;
				udt::thrower(i);
			} catch (...) {
				catches++;
				if (i % 4 == 0) {
					rethrows++;
					throw;
				}
			}
		} catch (...) {
			catches++;
		}
	}
	std::fprintf(out, "throws %ld\nrethrows %ld\ncatches %ld\n", throws,
		     rethrows, catches);
	for (const auto &t : types)
		std::fprintf(out, "type %s %ld\n", t.first.c_str(), t.second);
	return std::fclose(out) == 0 ? 0 : 1;
}
