/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * usdt_hg FILE N: a program that defines its probes as programs written
 * for DTrace do (usdt_hg_prov.d), built by tests/trace/usdt-hG.test with
 * udtrace -h's header (usdt_hg_probes.h, in the build directory of the
 * test) and udtrace -G's object. It fires, N times,
 *	work I NAME	UDHG_WORK(I, NAME), NAME one of three strings
 *	big-value V	UDHG_BIG_VALUE(V), V = -2^40 - I
 *	tick		UDHG_TICK()
 * writing each line to FILE ("-": stdout) as it fires, then
 *	enabled work K	how many times UDHG_WORK_ENABLED() was true
 *	start S		UDHG_WORK_ENABLED() at main()'s start (0 or 1)
 */
#include "progs.h"
#include "usdt_hg_probes.h"

int
main(int argc, char **argv)
{
	static char *names[] = { "red", "green", "blue" };
	long i, n, en = 0;
	int start = UDHG_WORK_ENABLED() ? 1 : 0;
	FILE *out;

	if (argc != 3)
		die("usage: usdt_hg FILE N");
	n = num_arg(argv[2]);
	out = strcmp(argv[1], "-") ? fopen(argv[1], "w") : stdout;
	if (!out)
		die("%s: %s", argv[1], strerror(errno));
	for (i = 0; i < n; i++) {
		long long v = -(1LL << 40) - i;

		if (UDHG_WORK_ENABLED())
			en++;
		UDHG_WORK((int)i, names[i % 3]);
		fprintf(out, "work %ld %s\n", i, names[i % 3]);
		UDHG_BIG_VALUE(v);
		fprintf(out, "big-value %lld\n", v);
		UDHG_TICK();
		fprintf(out, "tick\n");
	}
	fprintf(out, "enabled work %ld\nstart %d\n", en, start);
	if (fclose(out) != 0)
		die("%s: %s", argv[1], strerror(errno));
	return 0;
}
