/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libpid_lib.so: a shared library of ours that pid_dl is linked with
 * (loaded at start-up, called through the PLT).
 */
long lib_add(long a, long b);

long
lib_add(long a, long b)
{
	return a + b;
}
