/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: the syscall ABI. At a syscall stop the kernel keeps the number
 * in orig_rax (rax already holds -ENOSYS at entry, the result at exit);
 * the arguments are rdi, rsi, rdx, r10, r8, r9 (r10, not rcx, which the
 * syscall instruction overwrites). Names and argument counts:
 * arch/sc_table.c, from this directory's syscallent.h.
 */
#include "config.h"

#include "arch/arch.h"

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

/* x86_64 keeps every legacy syscall (open, stat, fork...): no name another
   CPU has is missing here in a way a program would work around. */
const char *
arch_sc_alternative(const char *name)
{
	(void)name;
	return NULL;
}
