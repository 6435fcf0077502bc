/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: the identity and the registers of the CPU interface in
 * arch/arch.h: the whole general register set in one PTRACE_GETREGSET,
 * and D's uregs[] numbering.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "arch/arch.h"

const char arch_name[] = ARCH_NAME;
const uint16_t arch_elf_machine = ARCH_ELF_MACHINE;
const uint32_t arch_audit = ARCH_AUDIT;

int
arch_regs_get(pid_t tid, struct arch_regs *r)
{
	struct iovec iov = { &r->u, sizeof(r->u) };

	r->compat = 0;
	if (ptrace(PTRACE_GETREGSET, tid, (void *)(uintptr_t)NT_PRSTATUS,
		   &iov) < 0)
		return -errno;
	if (iov.iov_len == sizeof(r->u))
		return 0;
	/* A shorter set is an ia32 tracee's 32-bit layout. */
	r->compat = 1;
	if (ptrace(PTRACE_GETREGS, tid, NULL, &r->u) < 0)
		return -errno;
	return 0;
}

int
arch_regs_set(pid_t tid, const struct arch_regs *r)
{
	struct iovec iov = { (void *)&r->u, sizeof(r->u) };
	long rc;

	/* SETREGSET would take an ia32 tracee's first bytes as its 32-bit
	   layout: the 64-bit view goes through SETREGS. */
	if (r->compat)
		rc = ptrace(PTRACE_SETREGS, tid, NULL, &r->u);
	else
		rc = ptrace(PTRACE_SETREGSET, tid,
			    (void *)(uintptr_t)NT_PRSTATUS, &iov);
	return rc < 0 ? -errno : 0;
}

uint64_t
arch_pc(const struct arch_regs *r)
{
	return r->u.rip;
}

void
arch_pc_set(struct arch_regs *r, uint64_t pc)
{
	r->u.rip = pc;
}

uint64_t
arch_sp(const struct arch_regs *r)
{
	return r->u.rsp;
}

uint64_t
arch_fp(const struct arch_regs *r)
{
	return r->u.rbp;
}

#define UREG(f) offsetof(struct user_regs_struct, f)

/*
 * Oracle DTrace's x86_64 regs.d numbers the registers in the order of the
 * kernel's struct pt_regs (R_R15 = 0 ... R_SS = 20; R_ERR = 15 is
 * orig_rax), which is also the order of the first 21 words of
 * user_regs_struct; then R_DS, R_ES, R_FS, R_GS = 21..24 and R_TRAPNO = 25.
 * The i386 names are R_GS + 1 + their index in the i386 pt_regs (R_EBX =
 * 25 ... R_ESP = 40); a 64-bit tracee's full register answers them.
 * R_TRAPNO shares 25 with R_EBX there; ptrace has no trap number, so 25
 * reads rbx (R_R1 = R_EBX is what D scripts use).
 */
/* clang-format off */
static const unsigned short ureg_off[] = {
	UREG(r15), UREG(r14), UREG(r13), UREG(r12),	/*  0 R_R15 .. */
	UREG(rbp), UREG(rbx), UREG(r11), UREG(r10),	/*  4 R_RBP .. */
	UREG(r9), UREG(r8), UREG(rax), UREG(rcx),	/*  8 R_R9 .. */
	UREG(rdx), UREG(rsi), UREG(rdi), UREG(orig_rax),/* 12 R_RDX .. R_ERR */
	UREG(rip), UREG(cs), UREG(eflags), UREG(rsp),	/* 16 R_RIP .. */
	UREG(ss), UREG(ds), UREG(es), UREG(fs),		/* 20 R_SS .. */
	UREG(gs),					/* 24 R_GS */
	/* 25..41: R_GS + 1 + the i386 pt_regs index */
	UREG(rbx), UREG(rcx), UREG(rdx), UREG(rsi),	/* 25 R_EBX .. */
	UREG(rdi), UREG(rbp), UREG(rax), UREG(ds),	/* 29 R_EDI .. */
	UREG(es), UREG(fs), UREG(gs), UREG(orig_rax),	/* 33 */
	UREG(rip), UREG(cs), UREG(eflags), UREG(rsp),	/* 37 R_EIP .. R_ESP */
	UREG(ss),					/* 41 */
};
/* clang-format on */

int
arch_ureg(const struct arch_regs *r, int idx, uint64_t *out)
{
	const unsigned char *base = (const unsigned char *)&r->u;
	unsigned long long v;

	if (idx < 0 || (size_t)idx >= sizeof(ureg_off) / sizeof(ureg_off[0]))
		return -EINVAL;
	memcpy(&v, base + ureg_off[idx], sizeof(v));
	*out = v;
	return 0;
}
