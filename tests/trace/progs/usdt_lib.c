/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libusdt_lib.so, linked into usdt_args: a probe in a shared library of
 * ours, udlib:::add(a, b), fired at every call of lib_add(); the program
 * notes each call itself.
 */
#include <stdio.h>
#include <stdlib.h>

#include "usdt_probes.h"

long lib_add(long a, long b);

long
lib_add(long a, long b)
{
	DTRACE_PROBE2(udlib, add, a, b);
	return a + b;
}
