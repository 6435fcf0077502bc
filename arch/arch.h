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
 * ARCH_HAVE_INSN, defined by the arch_regs.h of a CPU that implements
 * them (x86_64 since issue 4).
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
/* Arguments 0..n-1 at once: the stack ones in one read (a pid probe hit
   costs one process_vm_readv, not one per argument); an unreadable one is
   0. 0, or -errno when none of the stack could be read. */
int arch_call_args(pid_t tid, const struct arch_regs *r, uint64_t *out,
		   unsigned n);
/* How many arguments the calling convention passes in registers. */
extern const unsigned arch_call_reg_args;
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
/* For a syscall name this CPU lacks but another Linux CPU has: the name this
   CPU's programs use instead ("openat" for open on aarch64), or NULL. */
const char *arch_sc_alternative(const char *name);

#endif /* ARCH_HAVE_REGS */

#ifdef ARCH_HAVE_INSN /* issue 4: breakpoints (pid provider) */

/*
 * Breakpoints: the trap instruction's bytes, the si_code of the SIGTRAP
 * the kernel reports for it (SI_KERNEL for x86's int3, TRAP_BRKPT for
 * aarch64's brk), and the breakpoint address given the PC reported at the
 * trap (x86 has already stepped past int3; aarch64's pc stays on brk).
 */
extern const uint8_t arch_bkpt_insn[];
extern const size_t arch_bkpt_len;
extern const int arch_bkpt_si_code;
uint64_t arch_bkpt_addr(uint64_t pc_at_trap);

/*
 * Injected syscalls (the target layer maps its scratch pages with an
 * mmap run by a stopped tracee thread, and unmaps them at detach): the
 * thread is pointed at a syscall instruction (arch_syscall_insn, found
 * in the tracee's own text, its [vdso]) and single-stepped once.
 * arch_sc_inject() prepares r, a copy of the thread's registers, for it:
 * pc = at, the number nr and nargs (at most 6) arguments, and no syscall
 * restart when the thread stopped inside an interrupted syscall. 0, or
 * -ENOTSUP (a compat tracee). arch_sc_inject_ret() is the result read
 * from the registers after the step (-errno on failure).
 */
extern const uint8_t arch_syscall_insn[];
extern const size_t arch_syscall_len;
int arch_sc_inject(struct arch_regs *r, uint64_t at, long nr,
		   const uint64_t *args, unsigned nargs);
int64_t arch_sc_inject_ret(const struct arch_regs *r);

/*
 * Getting past a breakpoint without removing it (capstone lives only
 * behind these), for the instruction the breakpoint displaced.
 *
 * arch_insn_decode() decodes the one instruction at the start of buf (len
 * bytes, the original text at address addr) and allocates *out, freed with
 * arch_insn_free(). 0, -EILSEQ for bytes that are no instruction (or need
 * more than len), -ENOTSUP for one that could be neither emulated nor run
 * out of line (xbegin, far calls, eip-relative or 16-bit branches, an
 * indirect call through %rsp), -ENOMEM.
 *
 * arch_insn_emulate() performs the instruction on *r as if the thread had
 * executed it at its address (r's pc, whatever it was, becomes the address
 * of the next instruction), writing the tracee's memory
 * through tid where the instruction does (push). 0, -ENOTSUP when the
 * instruction must be stepped out of line instead (nothing changed), or
 * -errno from ptrace (*r may then be partly changed: reread it). Emulated
 * on x86_64: endbr64/endbr32, every nop form, push of a 64-bit register,
 * mov between 64- or 32-bit registers, add/sub $imm to %rsp (with the
 * flags), xor of a 32- or 64-bit register with itself, jmp and jcc rel8/
 * rel32 (the pc set to the target, or past the jcc when its condition
 * fails). Never emulated: call and ret, which would miss a CET shadow
 * stack. The caller then writes r back with arch_regs_set().
 *
 * arch_insn_relocate() writes into buf (capacity *len on entry, at least
 * ARCH_INSN_RELOC_MAX) code that does what the instruction does but runs at
 * address to, and sets *len to its size. When it falls through, the
 * caller's jump back to the next original instruction (arch_insn_jump())
 * must follow at to + *len. 0, -ERANGE when a rip-relative operand would be
 * more than 2 GiB from to, -ENOSPC. The exact layouts (x86_64):
 *  - no pc-relative part: the original bytes;
 *  - a rip-relative memory operand: the original bytes, disp32 adjusted;
 *  - jmp rel8/rel32: jmp *0(%rip); .quad target (14 bytes, no fall-through);
 *  - jcc rel8/rel32: j!cc +14; jmp *0(%rip); .quad target (16 bytes);
 *  - jrcxz/loop/loope/loopne: op +2; jmp +14; jmp *0(%rip); .quad target
 *    (18 bytes);
 *  - call rel32: push $lo32; movl $hi32,4(%rsp); jmp *0(%rip); .quad target
 *    (27 bytes): the pushed return address is the original one, so the
 *    stack is exactly as the original call leaves it (but a CET shadow
 *    stack, when the tracee has one enabled, gets no entry: the callee's
 *    ret would fault, so calls must then be stepped in place);
 *  - call *op: the same push/movl (13 bytes), then the original bytes with
 *    the opcode turned into jmp *op (disp32 adjusted when rip-relative).
 */
#define ARCH_INSN_RELOC_MAX 32
struct arch_insn;
int arch_insn_decode(struct arch_insn **out, uint64_t addr, const uint8_t *buf,
		     size_t len);
int arch_insn_emulate(const struct arch_insn *i, pid_t tid,
		      struct arch_regs *r);
int arch_insn_relocate(const struct arch_insn *i, uint64_t to, uint8_t *buf,
		       size_t *len);
void arch_insn_free(struct arch_insn *i);
/* The decoded instruction's size in bytes. */
size_t arch_insn_len(const struct arch_insn *i);

/*
 * A jump from address from to address to, written into buf (capacity *len
 * on entry, at least ARCH_JUMP_MAX); *len is set to its size. Uses no
 * register and no flag: jmp rel32 when to is within reach, else
 * jmp *0(%rip); .quad to. 0 or -ENOSPC.
 */
#define ARCH_JUMP_MAX 14
int arch_insn_jump(uint64_t from, uint64_t to, uint8_t *buf, size_t *len);

/*
 * The return sites of a function, for the pid provider's return and offset
 * probes. arch_func_scan() disassembles code (len bytes, the function's
 * original text at address addr) linearly from its start and fills *out,
 * released with arch_func_scan_release(). 0 or -ENOMEM; a function that
 * does not decode still returns 0 with bad set.
 *  - insn: the offset of every instruction start, ascending (n_insn of
 *    them); arch_func_scan_is_insn() answers "does one start at off?";
 *  - site: each return site in address order: ret, ret $imm16, rep ret,
 *    bnd ret (ARCH_SITE_RET); jmp to a target outside [addr, addr + len)
 *    (ARCH_SITE_TAIL, a tail call); jcc to outside (ARCH_SITE_TAIL_COND:
 *    it returns only when taken); jmp *disp(%rip), a tail call through a
 *    pointer such as the GOT (ARCH_SITE_TAIL_IND);
 *  - indirect: the number of other indirect jumps (jmp *%reg, jmp *mem):
 *    possible jump tables, whose targets the scan cannot know;
 *  - data_refs: instructions that address the function's own bytes as
 *    data (a rip-relative or absolute operand into [addr, addr + len)):
 *    a table or constants in the text, which a linear scan may have
 *    taken for instructions;
 *  - bad: undecodable bytes at offset bad_off; the scan stopped there.
 */
enum arch_site_kind {
	ARCH_SITE_RET,
	ARCH_SITE_TAIL,
	ARCH_SITE_TAIL_COND,
	ARCH_SITE_TAIL_IND,
};
struct arch_func_site {
	uint64_t off;
	enum arch_site_kind kind;
};
struct arch_func_scan {
	uint64_t *insn;
	size_t n_insn;
	struct arch_func_site *site;
	size_t n_site;
	size_t indirect;
	size_t data_refs;
	int bad;
	uint64_t bad_off;
};
int arch_func_scan(const uint8_t *code, size_t len, uint64_t addr,
		   struct arch_func_scan *out);
int arch_func_scan_is_insn(const struct arch_func_scan *s, uint64_t off);
void arch_func_scan_release(struct arch_func_scan *s);

#endif		     /* ARCH_HAVE_INSN */
#ifdef ARCH_HAVE_SDT /* issue 5: USDT argument operands */
/*
 * One operand of a .note.stapsdt argument string, as the assembler wrote
 * it for the CPU: "-4@%eax", "8@-16(%rbp)", "8@(%rax,%rdx,8)", "4@$5",
 * "8@sym+8(%rip)" on x86_64; "-4@x1", "8@[sp, 16]", "8@[x0]",
 * "4@[x1, #:lo12:sym]" on aarch64.
 * The value is: IMM: disp; REG: the register (its low size bytes, or bits
 * 8..15 for %ah-style names: shift 8); MEM: size bytes read at base + index
 * * scale + disp, plus the address of symbol sym when symlen > 0 (a
 * pc-relative operand naming a symbol: base is then -1, the symbol's
 * address is the whole base). Registers are uregs[] indexes
 * (arch_ureg()'s numbering), -1 for none. Then sign- or zero-extended from
 * size bytes as is_signed says.
 */
enum arch_sdt_kind { ARCH_SDT_IMM, ARCH_SDT_REG, ARCH_SDT_MEM };
struct arch_sdt_arg {
	enum arch_sdt_kind kind;
	unsigned size;	 /* 1, 2, 4 or 8 */
	int is_signed;	 /* the size was negative ("-4@") */
	int base, index; /* uregs[] indexes, -1 for none */
	unsigned scale;	 /* 1, 2, 4, 8 */
	unsigned shift;	 /* REG: bits to shift right first (8 for %ah) */
	int64_t disp;
	const char *sym; /* MEM: a symbol whose address is added (not
			    NUL-terminated: symlen bytes), or NULL */
	size_t symlen;
	int sym_lo12; /* only the low 12 bits of sym's address are added
			 (aarch64's "[x1, #:lo12:sym]": x1 holds its page) */
};
/*
 * Parses the operand at s (len bytes, one of the blank-separated words of
 * the note's string). 0, or -EINVAL for text that is no operand of this
 * CPU (the caller then gives that argument no value, with a warning).
 */
int arch_sdt_arg_parse(const char *s, size_t len, struct arch_sdt_arg *out);
#endif /* ARCH_HAVE_SDT */

#endif
