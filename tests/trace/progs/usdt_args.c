/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * usdt_args FILE N LIBRARY: USDT probes (<sys/sdt.h>, no semaphores) of
 * several argument shapes, fired N times each in a loop, then a probe in
 * a library loaded later (LIBRARY: libusdt_dl.so). FILE ("-": stdout)
 * gets one line per firing, in firing order, in the layout the tests give
 * udtrace's printf (the probe's D name, then its arguments), then a
 * "count NAME N" line per probe. The probes, provider udtest:
 *	ints I S8 S16 S32 U64	a long, negative int8/int16/int32 (sign
 *				and size in the note) and a uint64 above
 *				2^63 (printed in hex)
 *	strings NAME PATH	two char pointers (for copyinstr)
 *	field TEMP ID		fields of a struct in memory (volatile: the
 *				note reads them with a displacement)
 *	constant 42 -7 200 4294967295	constants (immediates in the
 *				note), the last two unsigned (a uint8_t and
 *				a uint32_t: "1@$-56", "4@$-1")
 *	twice SITE I		one probe at two sites of an always_inline
 *				function: SITE 1 for I % 3 == 0, else 2
 *	my-probe I		the note's my__probe, as D writes it
 *	globals G S C		a global int, a static long and a char of a
 *				static array (symbols in the note:
 *				"-4@gcount(%rip)" and the like)
 *	noargs			no argument, once after the loop
 * and of the libraries:
 *	add A B			udlib:::add in libusdt_lib.so (linked in):
 *				lib_add(I, 2 * I)
 *	square X		uddl:::square in libusdt_dl.so: 7 from its
 *				constructor, then each I
 * With UDT_WAIT_TRACED set, waits for a tracer first (progs.h).
 */
#include "progs.h"
#include "usdt_probes.h"

#include <dlfcn.h>
#include <stdint.h>

long lib_add(long a, long b);

struct rec {
	long id;
	int temp;
};

/* Not static, and static: read by name in the note (%rip-relative). */
volatile int gcount;
static volatile long scount;
static volatile char sbuf[8];

static FILE *out;
static const char *names[] = { "alpha", "beta", "gamma" };
static long counts[10];
static const char *count_names[10] = { "ints",	   "strings", "field",
				       "constant", "twice",   "my-probe",
				       "noargs",   "add",     "square",
				       "globals" };

static void
fired(int probe)
{
	counts[probe]++;
}

static inline __attribute__((always_inline)) void
twice(int site, long i)
{
	DTRACE_PROBE2(udtest, twice, site, i);
	fprintf(out, "twice %d %ld\n", site, i);
	fired(4);
}

int
main(int argc, char **argv)
{
	volatile struct rec *recs;
	long (*square)(long);
	long *dl_calls, i, n;
	void *h;
	int p;

	usdt_require_sdt();
	if (argc != 4)
		die("usage: usdt_args FILE N LIBRARY");
	n = num_arg(argv[2]);
	out = strcmp(argv[1], "-") ? fopen(argv[1], "w") : stdout;
	if (!out)
		die("%s: %s", argv[1], strerror(errno));
	recs = calloc(4, sizeof *recs);
	if (!recs)
		die("out of memory");
	wait_traced();

	for (i = 0; i < n; i++) {
		int8_t s8 = (int8_t)(-(i % 100) - 1);
		int16_t s16 = (int16_t)(-300 * i - 2);
		int32_t s32 = (int32_t)(-100000 * i - 3);
		uint64_t u64 = 0xfedcba9876543210ULL + (uint64_t)i;
		volatile struct rec *r = &recs[i % 4];

		DTRACE_PROBE5(udtest, ints, i, s8, s16, s32, u64);
		fprintf(out, "ints %ld %d %d %d %llx\n", i, s8, s16, s32,
			(unsigned long long)u64);
		fired(0);

		DTRACE_PROBE2(udtest, strings, names[i % 3], argv[1]);
		fprintf(out, "strings %s %s\n", names[i % 3], argv[1]);
		fired(1);

		r->id = 1000 + i;
		r->temp = (int)(-40 + i);
		DTRACE_PROBE2(udtest, field, r->temp, r->id);
		fprintf(out, "field %d %ld\n", r->temp, r->id);
		fired(2);

		DTRACE_PROBE4(udtest, constant, 42, -7, (uint8_t)200,
			      (uint32_t)0xffffffffU);
		fprintf(out, "constant 42 -7 200 4294967295\n");
		fired(3);

		if (i % 3 == 0)
			twice(1, i);
		else
			twice(2, i);

		DTRACE_PROBE1(udtest, my__probe, i);
		fprintf(out, "my-probe %ld\n", i);
		fired(5);

		gcount = (int)(-5 * i - 1);
		scount = 1L << 40 | i;
		sbuf[1] = (char)(-i - 1);
		DTRACE_PROBE3(udtest, globals, gcount, scount, sbuf[1]);
		fprintf(out, "globals %d %ld %d\n", gcount, scount, sbuf[1]);
		fired(9);

		lib_add(i, 2 * i);
		fprintf(out, "add %ld %ld\n", i, 2 * i);
		fired(7);
	}
	DTRACE_PROBE(udtest, noargs);
	fprintf(out, "noargs\n");
	fired(6);

	h = dlopen(argv[3], RTLD_NOW);
	if (!h)
		die("dlopen %s: %s", argv[3], dlerror());
	square = (long (*)(long))dlsym(h, "dl_square");
	dl_calls = dlsym(h, "dl_calls");
	if (!square || !dl_calls)
		die("dlsym: %s", dlerror());
	/* The constructor's call, before dlopen() returned. */
	fprintf(out, "square 7\n");
	fired(8);
	for (i = 0; i < n; i++) {
		square(i);
		fprintf(out, "square %ld\n", i);
		fired(8);
	}
	if (*dl_calls != counts[8])
		die("the library counted %ld calls, not %ld", *dl_calls,
		    counts[8]);

	for (p = 0; p < 10; p++)
		if (counts[p])
			fprintf(out, "count %s %ld\n", count_names[p],
				counts[p]);
	if (fclose(out) != 0)
		die("%s: %s", argv[1], strerror(errno));
	return 0;
}
