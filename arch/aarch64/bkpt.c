/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64: the breakpoint instruction of the CPU interface (arch/arch.h).
 * brk #0 is one 4-byte instruction, like every other, so it fits over any
 * of them; it is an exception taken before the instruction completes, so
 * the pc reported at the trap is its own address, and the kernel reports
 * it as SIGTRAP with si_code TRAP_BRKPT. Also the injected syscalls
 * (scratch pages): svc #0 and its convention (number in x8, arguments in
 * x0..x5, result in x0).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>

#include "arch/arch.h"

/* brk #0: 0xd4200000, little-endian (what gdb plants too). */
const uint8_t arch_bkpt_insn[] = { 0x00, 0x00, 0x20, 0xd4 };
const size_t arch_bkpt_len = sizeof(arch_bkpt_insn);
const int arch_bkpt_si_code = TRAP_BRKPT;

uint64_t
arch_bkpt_addr(uint64_t pc_at_trap)
{
	/* A fault, not a trap: the pc has not moved. */
	return pc_at_trap;
}

/* svc #0: 0xd4000001. */
const uint8_t arch_syscall_insn[] = { 0x01, 0x00, 0x00, 0xd4 };
const size_t arch_syscall_len = sizeof(arch_syscall_insn);

int
arch_sc_inject(struct arch_regs *r, uint64_t at, long nr, const uint64_t *args,
	       unsigned nargs)
{
	if (nargs > 6)
		return -ENOTSUP;
	r->u.pc = at;
	r->u.regs[8] = (uint64_t)nr;
	for (unsigned i = 0; i < nargs; i++)
		r->u.regs[i] = args[i];
	/* No NT_ARM_SYSTEM_CALL write: the thread is not inside a syscall
	   when it runs ours (an interrupted call's restart was set up
	   before the stop that reported it). */
	r->scno = r->scno_read;
	return 0;
}

int64_t
arch_sc_inject_ret(const struct arch_regs *r)
{
	return (int64_t)r->u.regs[0];
}
