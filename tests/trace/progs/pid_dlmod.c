/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libpid_dl.so: a shared library of ours that pid_dl dlopen()s. Its
 * constructor calls dl_square(7) once, before dlopen() returns: a probe
 * armed when the dynamic linker maps the library sees that call too.
 * dl_calls counts every call, for pid_dl to report.
 */
long dl_square(long x);
extern long dl_calls;

long dl_calls;

long
dl_square(long x)
{
	dl_calls++;
	return x * x;
}

static void __attribute__((constructor)) dl_init(void)
{
	dl_square(7);
}
