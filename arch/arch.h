/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The CPU interface (DESIGN.md section 4): everything that differs between
 * x86_64 and aarch64 sits behind these names, implemented by files with the
 * same names in arch/<cpu>/ (strace's layout). configure selects one
 * directory and puts it on the include path, so "arch_regs.h" below is the
 * selected CPU's. Callers include "arch/arch.h" and never a CPU directory.
 *
 * The identity part exists for every CPU. The register, ABI and syscall
 * entries sit behind ARCH_HAVE_REGS, defined by an arch_regs.h that
 * defines struct arch_regs (x86_64 since issue 3). The breakpoint and
 * instruction entries (the pid provider, issue 4) are declared behind
 * ARCH_HAVE_INSN, which no CPU defines yet, so nothing can call them
 * before they exist; the shape of the interface stays visible.
 */
#ifndef UDT_ARCH_ARCH_H
#define UDT_ARCH_ARCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arch_regs.h"

/*
 * Identity. arch_name is the CPU's name as udtrace prints it ("x86_64",
 * "aarch64"); arch_elf_machine the e_machine value (EM_*) of the ELF
 * objects we can trace; arch_audit the AUDIT_ARCH_* value that a
 * seccomp-bpf filter compares with seccomp_data.arch.
 */
extern const char arch_name[];
extern const uint16_t arch_elf_machine;
extern const uint32_t arch_audit;

#ifdef ARCH_HAVE_REGS /* issue 3: ptrace back end */

/*
 * Registers, read and written whole with PTRACE_GETREGSET/SETREGSET and
 * NT_PRSTATUS. Return 0 or -errno. struct arch_regs is defined by
 * arch_regs.h so callers may hold it by value, but touch it only through
 * the accessors below.
 */
int arch_regs_get(pid_t tid, struct arch_regs *r);
int arch_regs_set(pid_t tid, const struct arch_regs *r);
uint64_t arch_pc(const struct arch_regs *r);
void arch_pc_set(struct arch_regs *r, uint64_t pc);
uint64_t arch_sp(const struct arch_regs *r);
uint64_t arch_fp(const struct arch_regs *r);

/*
 * D's uregs[idx]: the register that index names in the CPU's numbering,
 * which is Oracle DTrace's (the R_* inlines of its regs.d, which the D
 * library declares). 0, or -EINVAL for an index that names no register
 * this CPU's ptrace register set has.
 */
int arch_ureg(const struct arch_regs *r, int idx, uint64_t *out);

/*
 * Function-call ABI (pid provider). arch_call_arg() may read the stack for
 * arguments past the register ones (0 or -errno); arch_ret_addr() is valid
 * only at a function's first instruction.
 */
int arch_call_arg(pid_t tid, const struct arch_regs *r, unsigned n,
		  uint64_t *out);
uint64_t arch_call_ret(const struct arch_regs *r);
int arch_ret_addr(pid_t tid, const struct arch_regs *r, uint64_t *out);

/*
 * Syscall ABI. Each accessor is valid only at the stop its comment names:
 * on aarch64 x0 holds the result at exit, so arguments are entry-only.
 */
long arch_sc_nr(const struct arch_regs *r);		     /* entry */
uint64_t arch_sc_arg(const struct arch_regs *r, unsigned n); /* entry */
int64_t arch_sc_ret(const struct arch_regs *r);		     /* exit */
/*
 * Writers (0 or -errno): they update *r and the stopped thread's registers
 * together. At an entry stop, arch_sc_set_nr(tid, r, -1) makes the kernel
 * skip the call; arch_sc_set_ret() at the exit stop then sets its result.
 */
int arch_sc_set_nr(pid_t tid, struct arch_regs *r, long nr);
int arch_sc_set_ret(pid_t tid, struct arch_regs *r, int64_t val);
/* Name of syscall nr (static storage), or NULL; lookup returns -1. */
const char *arch_sc_name(long nr);
long arch_sc_lookup(const char *name);
/* One more than the highest syscall number of the table (the size of an
   array indexed by syscall number); numbers below it may be holes. */
long arch_sc_max(void);
/* How many arguments syscall nr takes (0..6), or -1 for no syscall. */
int arch_sc_nargs(long nr);

#endif /* ARCH_HAVE_REGS */

#ifdef ARCH_HAVE_INSN /* issue 4: breakpoints (pid provider) */

/*
 * Breakpoints: the trap instruction's bytes, and the breakpoint address
 * given the PC reported at the trap (x86 has already stepped past int3).
 */
extern const uint8_t arch_bkpt_insn[];
extern const size_t arch_bkpt_len;
uint64_t arch_bkpt_addr(uint64_t pc_at_trap);

/*
 * Getting past a breakpoint without removing it (capstone lives only
 * behind these). arch_insn_decode() allocates *out, freed with
 * arch_insn_free(). arch_insn_emulate() returns -ENOTSUP when the
 * instruction must be stepped out of line; arch_insn_relocate() rewrites
 * pc-relative operands for execution at address to.
 */
struct arch_insn;
int arch_insn_decode(struct arch_insn **out, uint64_t addr, const uint8_t *buf,
		     size_t len);
int arch_insn_emulate(const struct arch_insn *i, pid_t tid,
		      struct arch_regs *r);
int arch_insn_relocate(const struct arch_insn *i, uint64_t to, uint8_t *buf,
		       size_t *len);
void arch_insn_free(struct arch_insn *i);

#endif /* ARCH_HAVE_INSN */

#endif
