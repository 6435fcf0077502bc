/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: the syscall ABI. At a syscall stop the kernel keeps the number
 * in orig_rax (rax already holds -ENOSYS at entry, the result at exit);
 * the arguments are rdi, rsi, rdx, r10, r8, r9 (r10, not rcx, which the
 * syscall instruction overwrites). Names and argument counts come from
 * syscallent.h, indexed by number.
 */
#include "config.h"

#include <string.h>

#include "arch/arch.h"

struct sc_ent {
	const char *name;
	int nargs;
};

/* Numbers the kernel skips (335..423 on x86_64) are NULL holes. */
static const struct sc_ent sc_tab[] = {
#define ARCH_SC(nr, name, nargs) [nr] = { #name, nargs },
#include "syscallent.h"
#undef ARCH_SC
};

#define SC_MAX ((long)(sizeof(sc_tab) / sizeof(sc_tab[0])))

long
arch_sc_nr(const struct arch_regs *r)
{
	return (long)r->u.orig_rax;
}

uint64_t
arch_sc_arg(const struct arch_regs *r, unsigned n)
{
	switch (n) {
	case 0:
		return r->u.rdi;
	case 1:
		return r->u.rsi;
	case 2:
		return r->u.rdx;
	case 3:
		return r->u.r10;
	case 4:
		return r->u.r8;
	case 5:
		return r->u.r9;
	default:
		return 0;
	}
}

int64_t
arch_sc_ret(const struct arch_regs *r)
{
	return (int64_t)r->u.rax;
}

int
arch_sc_set_nr(pid_t tid, struct arch_regs *r, long nr)
{
	r->u.orig_rax = (unsigned long long)nr;
	return arch_regs_set(tid, r);
}

int
arch_sc_set_ret(pid_t tid, struct arch_regs *r, int64_t val)
{
	r->u.rax = (unsigned long long)val;
	return arch_regs_set(tid, r);
}

const char *
arch_sc_name(long nr)
{
	if (nr < 0 || nr >= SC_MAX)
		return NULL;
	return sc_tab[nr].name;
}

long
arch_sc_lookup(const char *name)
{
	long nr;

	for (nr = 0; nr < SC_MAX; nr++)
		if (sc_tab[nr].name && strcmp(sc_tab[nr].name, name) == 0)
			return nr;
	return -1;
}

long
arch_sc_max(void)
{
	return SC_MAX;
}

int
arch_sc_nargs(long nr)
{
	if (nr < 0 || nr >= SC_MAX || !sc_tab[nr].name)
		return -1;
	return sc_tab[nr].nargs;
}

/* x86_64 keeps every legacy syscall (open, stat, fork...): no name another
   CPU has is missing here in a way a program would work around. */
const char *
arch_sc_alternative(const char *name)
{
	(void)name;
	return NULL;
}
