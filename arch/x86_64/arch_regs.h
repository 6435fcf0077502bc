/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: the constants that identify this CPU and its register set
 * (included by arch/arch.h only; configure puts this directory on the
 * include path). Defining struct arch_regs turns on the register, ABI and
 * syscall part of arch/arch.h (ARCH_HAVE_REGS); ARCH_HAVE_INSN the
 * breakpoint and instruction part.
 */
#ifndef UDT_ARCH_REGS_H
#define UDT_ARCH_REGS_H

#include <elf.h>
#include <linux/audit.h>
#include <sys/user.h>

#define ARCH_NAME "x86_64"
#define ARCH_ELF_MACHINE EM_X86_64
#define ARCH_AUDIT AUDIT_ARCH_X86_64

/*
 * The NT_PRSTATUS register set of a 64-bit tracee. An ia32 tracee's
 * NT_PRSTATUS has the 32-bit layout, so its registers go through
 * PTRACE_GETREGS/SETREGS instead, which give this 64-bit view too; compat
 * remembers which (unsigned long: no padding, so two reads of the same
 * registers compare equal byte for byte).
 */
struct arch_regs {
	struct user_regs_struct u;
	unsigned long compat;
};
#define ARCH_HAVE_REGS 1

/* Breakpoints and instruction emulation/relocation (bkpt.c, insn.c). */
#define ARCH_HAVE_INSN 1
#define ARCH_HAVE_SDT 1

#endif
