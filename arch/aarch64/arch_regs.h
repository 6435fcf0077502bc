/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64: the constants that identify this CPU and its register set
 * (included by arch/arch.h only; configure puts this directory on the
 * include path). Defining struct arch_regs turns on the register, ABI and
 * syscall part of arch/arch.h (ARCH_HAVE_REGS); ARCH_HAVE_INSN the
 * breakpoint and instruction part; ARCH_HAVE_SDT the USDT operands.
 */
#ifndef UDT_ARCH_REGS_H
#define UDT_ARCH_REGS_H

#include <elf.h>
#include <linux/audit.h>

#define ARCH_NAME "aarch64"
#define ARCH_ELF_MACHINE EM_AARCH64
#define ARCH_AUDIT AUDIT_ARCH_AARCH64

/*
 * The NT_PRSTATUS register set (x0..x30, sp, pc, pstate), and the
 * syscall number the kernel will run. That number is not in NT_PRSTATUS:
 * at a syscall-entry stop it is x8 as the thread set it, and changing it
 * (to skip the call) takes NT_ARM_SYSTEM_CALL, which arch_regs_set()
 * writes only when scno differs from scno_read (so the common path stays
 * one ptrace call each way). The layout is spelled out rather than taken
 * from <asm/ptrace.h> so that the header compiles on any host (make
 * check compiles every header on its own). Every field is 64 bits: no padding, so two
 * reads of the same registers compare equal byte for byte.
 */
struct arch_pt_regs { /* <asm/ptrace.h>'s struct user_pt_regs */
	unsigned long long regs[31];
	unsigned long long sp, pc, pstate;
};
struct arch_regs {
	struct arch_pt_regs u;
	long long scno;	     /* the syscall number (arch_sc_nr()) */
	long long scno_read; /* its value when read, for arch_regs_set() */
};
#define ARCH_HAVE_REGS 1

/* Breakpoints and instruction emulation/relocation (bkpt.c, insn.c). */
#define ARCH_HAVE_INSN 1
#define ARCH_HAVE_SDT 1

#endif
