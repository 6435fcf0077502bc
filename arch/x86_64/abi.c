/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: the System V function-call ABI, for the pid provider. Integer
 * arguments 0..5 are in rdi, rsi, rdx, rcx, r8, r9; the rest are on the
 * stack, which at a function's first instruction holds the return address
 * at [rsp] and argument 6 at [rsp + 8]. The result is in rax.
 */
#include "config.h"

#include "arch/arch.h"
#include "arch/arch_util.h"

int
arch_call_arg(pid_t tid, const struct arch_regs *r, unsigned n, uint64_t *out)
{
	switch (n) {
	case 0:
		*out = r->u.rdi;
		return 0;
	case 1:
		*out = r->u.rsi;
		return 0;
	case 2:
		*out = r->u.rdx;
		return 0;
	case 3:
		*out = r->u.rcx;
		return 0;
	case 4:
		*out = r->u.r8;
		return 0;
	case 5:
		*out = r->u.r9;
		return 0;
	default:
		return arch_util_read(tid, r->u.rsp + 8 + 8 * (uint64_t)(n - 6),
				      out, sizeof(*out));
	}
}

/* rdi, rsi, rdx, rcx, r8, r9 */
const unsigned arch_call_reg_args = 6;

int
arch_call_args(pid_t tid, const struct arch_regs *r, uint64_t *out, unsigned n)
{
	return arch_util_call_args(tid, r, out, n, arch_call_reg_args,
				   r->u.rsp + 8);
}

uint64_t
arch_call_ret(const struct arch_regs *r)
{
	return r->u.rax;
}

int
arch_ret_addr(pid_t tid, const struct arch_regs *r, uint64_t *out)
{
	return arch_util_read(tid, r->u.rsp, out, sizeof(*out));
}
