/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: the breakpoint instruction of the CPU interface (arch/arch.h).
 * int3 is one byte, so it fits over any instruction, and the trap reports
 * the address after it. Also the injected syscalls (scratch pages): the
 * 64-bit syscall instruction and its register convention (number in rax,
 * arguments in rdi, rsi, rdx, r10, r8, r9, result in rax).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>

#include "arch/arch.h"

const uint8_t arch_bkpt_insn[] = { 0xcc };
const size_t arch_bkpt_len = sizeof(arch_bkpt_insn);
const int arch_bkpt_si_code = SI_KERNEL;

uint64_t
arch_bkpt_addr(uint64_t pc_at_trap)
{
	/* int3 is a trap, not a fault: the pc has moved past it. */
	return pc_at_trap - arch_bkpt_len;
}

/* syscall: 0f 05; the 64-bit ABI's only entry (int 0x80 is ia32's). */
const uint8_t arch_syscall_insn[] = { 0x0f, 0x05 };
const size_t arch_syscall_len = sizeof(arch_syscall_insn);

int
arch_sc_inject(struct arch_regs *r, uint64_t at, long nr, const uint64_t *args,
	       unsigned nargs)
{
	unsigned long long *const argp[6] = { &r->u.rdi, &r->u.rsi, &r->u.rdx,
					      &r->u.r10, &r->u.r8,  &r->u.r9 };

	if (r->compat || nargs > 6)
		return -ENOTSUP;
	r->u.rip = at;
	r->u.rax = (unsigned long long)nr;
	/* orig_rax < 0: the kernel's restart logic (rewinding rip to
	   re-run an interrupted syscall) must not touch our step. */
	r->u.orig_rax = (unsigned long long)-1LL;
	for (unsigned i = 0; i < nargs; i++)
		*argp[i] = args[i];
	return 0;
}

int64_t
arch_sc_inject_ret(const struct arch_regs *r)
{
	return (int64_t)r->u.rax;
}
