/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libusdt_dl.so, which usdt_args dlopen()s after start-up: uddl:::square(x)
 * at every call of dl_square(), the first one from the library's
 * constructor (dl_square(7)), before dlopen() returns; dl_calls counts
 * them all.
 */
#include <stdio.h>
#include <stdlib.h>

#include "usdt_probes.h"

long dl_square(long x);
long dl_calls;

long
dl_square(long x)
{
	dl_calls++;
	DTRACE_PROBE1(uddl, square, x);
	return x * x;
}

static void __attribute__((constructor)) dl_init(void)
{
	dl_square(7);
}
