/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64: the AAPCS64 function-call ABI, for the pid provider. Integer
 * arguments 0..7 are in x0..x7; the rest are on the stack, argument 8 at
 * [sp] at the function's first instruction (each in an 8-byte slot). The
 * return address is in x30 (the link register) until the function saves
 * it; the result is in x0.
 */
#include "config.h"

#include "arch/arch.h"
#include "arch/arch_util.h"

int
arch_call_arg(pid_t tid, const struct arch_regs *r, unsigned n, uint64_t *out)
{
	if (n < 8) {
		*out = r->u.regs[n];
		return 0;
	}
	return arch_util_read(tid, r->u.sp + 8 * (uint64_t)(n - 8), out,
			      sizeof(*out));
}

/* x0-x7 */
const unsigned arch_call_reg_args = 8;

int
arch_call_args(pid_t tid, const struct arch_regs *r, uint64_t *out, unsigned n)
{
	return arch_util_call_args(tid, r, out, n, arch_call_reg_args, r->u.sp);
}

uint64_t
arch_call_ret(const struct arch_regs *r)
{
	return r->u.regs[0];
}

int
arch_ret_addr(pid_t tid, const struct arch_regs *r, uint64_t *out)
{
	(void)tid;
	*out = r->u.regs[30];
	return 0;
}
