/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64: the identity and the registers of the CPU interface in
 * arch/arch.h: x0..x30, sp, pc and pstate in one PTRACE_GETREGSET
 * (NT_PRSTATUS), the syscall number through NT_ARM_SYSTEM_CALL only when
 * it is changed, and D's uregs[] numbering.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "arch/arch.h"

#ifndef NT_ARM_SYSTEM_CALL
#define NT_ARM_SYSTEM_CALL 0x404 /* <linux/elf.h>; older <elf.h> lack it */
#endif

const char arch_name[] = ARCH_NAME;
const uint16_t arch_elf_machine = ARCH_ELF_MACHINE;
const uint32_t arch_audit = ARCH_AUDIT;

int
arch_regs_get(pid_t tid, struct arch_regs *r)
{
	struct iovec iov = { &r->u, sizeof(r->u) };

	if (ptrace(PTRACE_GETREGSET, tid, (void *)(uintptr_t)NT_PRSTATUS,
		   &iov) < 0)
		return -errno;
	/* A shorter set is an AArch32 tracee's: not one we can trace. */
	if (iov.iov_len != sizeof(r->u))
		return -ENOTSUP;
	/* At a syscall stop x8 is the number the thread asked for, which
	   the kernel runs unless a tracer changes it. */
	r->scno = r->scno_read = (long long)r->u.regs[8];
	return 0;
}

int
arch_regs_set(pid_t tid, const struct arch_regs *r)
{
	struct iovec iov = { (void *)&r->u, sizeof(r->u) };

	if (ptrace(PTRACE_SETREGSET, tid, (void *)(uintptr_t)NT_PRSTATUS,
		   &iov) < 0)
		return -errno;
	if (r->scno != r->scno_read) {
		/* Writing x8 would not change the call the kernel runs:
		   it took the number at entry. */
		int nr = (int)r->scno;

		iov.iov_base = &nr;
		iov.iov_len = sizeof(nr);
		if (ptrace(PTRACE_SETREGSET, tid,
			   (void *)(uintptr_t)NT_ARM_SYSTEM_CALL, &iov) < 0)
			return -errno;
	}
	return 0;
}

uint64_t
arch_pc(const struct arch_regs *r)
{
	return r->u.pc;
}

void
arch_pc_set(struct arch_regs *r, uint64_t pc)
{
	r->u.pc = pc;
}

uint64_t
arch_sp(const struct arch_regs *r)
{
	return r->u.sp;
}

uint64_t
arch_fp(const struct arch_regs *r)
{
	return r->u.regs[29];
}

/*
 * Oracle DTrace's arm64 regs.d: R_X0..R_X30 = 0..30, then R_SP = 32,
 * R_PC = 33, R_PSTATE = 34 (31 names nothing), R_FP = R_X29.
 */
enum { UREG_SP = 32, UREG_PC = 33, UREG_PSTATE = 34 };

int
arch_ureg(const struct arch_regs *r, int idx, uint64_t *out)
{
	if (idx >= 0 && idx <= 30)
		*out = r->u.regs[idx];
	else if (idx == UREG_SP)
		*out = r->u.sp;
	else if (idx == UREG_PC)
		*out = r->u.pc;
	else if (idx == UREG_PSTATE)
		*out = r->u.pstate;
	else
		return -EINVAL;
	return 0;
}
