/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the breakpoint and instruction part of arch/arch.h
 * (ARCH_HAVE_INSN): bkpt.c and insn.c.
 *  - decoding: lengths of instructions whose encodings objdump confirms;
 *    refusals (invalid bytes, truncation, xbegin, call through %rsp);
 *  - emulation on a struct arch_regs value, compared with what the CPU
 *    we run on computes for the same operation (flags included); push
 *    writes the stack of a stopped child of ours, read back with ptrace;
 *  - relocation, checked by decoding the output with capstone: every
 *    pc-relative operand or branch names the original absolute address;
 *    and run: code in an executable page of ours, with one instruction
 *    run out of line in the same page, gives what the original gives;
 *  - the return-site scan on functions compiled by gcc -O2
 *    -fcf-protection -no-pie and linked (bytes pasted from objdump -d,
 *    with the sites objdump lists).
 * Every tracee is a child this test forks; it dies with us (EXITKILL).
 */
#include "config.h"

#include <capstone/capstone.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "tap.h"

/* x86_64 encodings only: aarch64's decoder is tested by t_a64 (on every
   host). */
#if defined(ARCH_HAVE_INSN) && defined(__x86_64__)

#define A 0x401000ull /* where the decoded instructions "are" */

#define FL_CF 0x001
#define FL_PF 0x004
#define FL_AF 0x010
#define FL_ZF 0x040
#define FL_SF 0x080
#define FL_OF 0x800

static struct arch_insn *
dec(uint64_t addr, const uint8_t *b, size_t n, int *err)
{
	struct arch_insn *i = NULL;

	*err = arch_insn_decode(&i, addr, b, n);
	return i;
}

#define DEC(i, addr, ...)                                                      \
	do {                                                                   \
		static const uint8_t b_[] = { __VA_ARGS__ };                   \
		int e_;                                                        \
		i = dec(addr, b_, sizeof(b_), &e_);                            \
	} while (0)

static void
test_bkpt(void)
{
	is_int(arch_bkpt_len, 1, "bkpt: one byte");
	is_int(arch_bkpt_insn[0], 0xcc, "bkpt: int3");
	ok(arch_bkpt_addr(0x401001) == 0x401000, "bkpt: pc - 1 at the trap");
}

/* ---- decoding -------------------------------------------------------- */

static void
test_decode(void)
{
	static const struct {
		uint8_t b[16];
		size_t len;
		const char *what;
	} t[] = {
		{ { 0xf3, 0x0f, 0x1e, 0xfa }, 4, "endbr64" },
		{ { 0x55 }, 1, "push %rbp" },
		{ { 0x41, 0x54 }, 2, "push %r12" },
		{ { 0x48, 0x89, 0xe5 }, 3, "mov %rsp,%rbp" },
		{ { 0x48, 0x83, 0xec, 0x10 }, 4, "sub $0x10,%rsp" },
		{ { 0x48, 0x81, 0xec, 0x00, 0x10, 0, 0 },
		  7,
		  "sub $0x1000,%rsp" },
		{ { 0x48, 0x8d, 0x05, 0x10, 0, 0, 0 },
		  7,
		  "lea 0x10(%rip),%rax" },
		{ { 0xe8, 0x00, 0x01, 0, 0 }, 5, "call rel32" },
		{ { 0xeb, 0x10 }, 2, "jmp rel8" },
		{ { 0x0f, 0x85, 0x00, 0x02, 0, 0 }, 6, "jne rel32" },
		{ { 0x8b, 0x05, 0x00, 0x02, 0, 0 }, 6, "mov 0x200(%rip),%eax" },
		{ { 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0 },
		  10,
		  "cs nopw 0x0(%rax,%rax,1)" },
		{ { 0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8 }, 10, "movabs" },
		{ { 0xff, 0x15, 0x00, 0x01, 0, 0 }, 6, "call *0x100(%rip)" },
		{ { 0xc2, 0x08, 0x00 }, 3, "ret $0x8" },
	};
	struct arch_insn *i;
	uint8_t buf[32];
	size_t k;
	int err;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		/* Trailing int3s: the decoder must stop at the end. */
		memset(buf, 0xcc, sizeof(buf));
		memcpy(buf, t[k].b, t[k].len);
		i = dec(A, buf, sizeof(buf), &err);
		ok(err == 0 && i && arch_insn_len(i) == t[k].len,
		   "decode: %s is %zu bytes", t[k].what, t[k].len);
		arch_insn_free(i);
	}
	i = dec(A, (const uint8_t[]){ 0x06, 0x90 }, 2, &err);
	ok(err == -EILSEQ && !i, "decode: 0x06 is invalid in 64-bit mode");
	i = dec(A, (const uint8_t[]){ 0xe8, 0x00, 0x01 }, 3, &err);
	ok(err == -EILSEQ && !i, "decode: a truncated call is refused");
	i = dec(A, (const uint8_t[]){ 0xc7, 0xf8, 0, 0, 0, 0 }, 6, &err);
	ok(err == -ENOTSUP && !i, "decode: xbegin is refused");
	i = dec(A, (const uint8_t[]){ 0xff, 0x54, 0x24, 0x08 }, 4, &err);
	ok(err == -ENOTSUP && !i, "decode: call *0x8(%%rsp) is refused");
	i = dec(A, (const uint8_t[]){ 0x66, 0xe8, 0, 0 }, 4, &err);
	ok(err != 0 && !i, "decode: a 16-bit call is refused");
}

/* ---- emulation ------------------------------------------------------- */

static void
regs_init(struct arch_regs *r)
{
	memset(r, 0, sizeof(*r));
	r->u.rax = 0x1111111111111111ull;
	r->u.rbx = 0x2222222222222222ull;
	r->u.rdi = 0xffffffff12345678ull;
	r->u.rbp = 0x7ffc00000100ull;
	r->u.rsp = 0x7ffc00000080ull;
	r->u.r12 = 0xc0ffee;
	r->u.eflags = 0x202; /* IF and the reserved bit */
	r->u.rip = A + 1;    /* the trap pc */
}

/* The flags the CPU computes for a - b and a + b (the red zone skipped
   around pushfq, which lea leaves alone). */
static uint64_t
cpu_sub(uint64_t a, uint64_t b)
{
	uint64_t f;

	__asm__ volatile("sub %[b], %[a]\n\t"
			 "lea -128(%%rsp), %%rsp\n\t"
			 "pushfq\n\t"
			 "pop %[f]\n\t"
			 "lea 128(%%rsp), %%rsp"
			 : [a] "+r"(a), [f] "=r"(f)
			 : [b] "r"(b)
			 : "cc", "memory");
	return f;
}

static uint64_t
cpu_add(uint64_t a, uint64_t b)
{
	uint64_t f;

	__asm__ volatile("add %[b], %[a]\n\t"
			 "lea -128(%%rsp), %%rsp\n\t"
			 "pushfq\n\t"
			 "pop %[f]\n\t"
			 "lea 128(%%rsp), %%rsp"
			 : [a] "+r"(a), [f] "=r"(f)
			 : [b] "r"(b)
			 : "cc", "memory");
	return f;
}

static uint64_t
cpu_xor_self(void)
{
	uint64_t f, a = 0x1234;

	__asm__ volatile("xor %[a], %[a]\n\t"
			 "lea -128(%%rsp), %%rsp\n\t"
			 "pushfq\n\t"
			 "pop %[f]\n\t"
			 "lea 128(%%rsp), %%rsp"
			 : [a] "+r"(a), [f] "=r"(f)
			 :
			 : "cc", "memory");
	return f;
}

/* Emulates the instruction at A on r; returns the error. */
static int
emu(const uint8_t *b, size_t n, struct arch_regs *r)
{
	struct arch_insn *i;
	int err;

	i = dec(A, b, n, &err);
	if (!i)
		return 1000 + err;
	err = arch_insn_emulate(i, 0, r);
	arch_insn_free(i);
	return err;
}

#define EMU(r, ...)                                                            \
	emu((const uint8_t[]){ __VA_ARGS__ },                                  \
	    sizeof((const uint8_t[]){ __VA_ARGS__ }), r)

static void
test_emulate_nops(void)
{
	static const struct {
		uint8_t b[12];
		size_t len;
		const char *what;
	} t[] = {
		{ { 0xf3, 0x0f, 0x1e, 0xfa }, 4, "endbr64" },
		{ { 0x90 }, 1, "nop" },
		{ { 0x66, 0x90 }, 2, "xchg %ax,%ax" },
		{ { 0x0f, 0x1f, 0x00 }, 3, "nopl (%rax)" },
		{ { 0x0f, 0x1f, 0x40, 0x00 }, 4, "nopl 0x0(%rax)" },
		{ { 0x66, 0x0f, 0x1f, 0x44, 0, 0 },
		  6,
		  "nopw 0x0(%rax,%rax,1)" },
		{ { 0x0f, 0x1f, 0x80, 0, 0, 0, 0 }, 7, "nopl 0x0(%rax)" },
		{ { 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0 },
		  10,
		  "cs nopw 0x0(%rax,%rax,1)" },
		{ { 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0 },
		  11,
		  "data16 cs nopw" },
	};
	struct arch_regs r, r0;
	size_t k;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		regs_init(&r);
		r0 = r;
		r0.u.rip = A + t[k].len;
		ok(emu(t[k].b, t[k].len, &r) == 0 &&
			   !memcmp(&r, &r0, sizeof(r)),
		   "emulate %s: only rip moves, to the next instruction",
		   t[k].what);
	}
}

static void
test_emulate_regs(void)
{
	struct arch_regs r, r0;
	const uint64_t mask = FL_CF | FL_PF | FL_ZF | FL_SF | FL_OF;
	static const struct {
		uint8_t b[8];
		size_t len;
		int sub;
		uint64_t imm, sp;
		const char *what;
	} ar[] = {
		{ { 0x48, 0x83, 0xec, 0x10 },
		  4,
		  1,
		  0x10,
		  0x7ffc00000080ull,
		  "sub $0x10,%rsp" },
		{ { 0x48, 0x81, 0xec, 0x00, 0x10, 0, 0 },
		  7,
		  1,
		  0x1000,
		  0x7ffc00000080ull,
		  "sub $0x1000,%rsp" },
		{ { 0x48, 0x83, 0xec, 0x10 },
		  4,
		  1,
		  0x10,
		  0x8,
		  "sub $0x10,%rsp (borrow)" },
		{ { 0x48, 0x83, 0xec, 0x10 },
		  4,
		  1,
		  0x10,
		  0x10,
		  "sub $0x10,%rsp (zero)" },
		{ { 0x48, 0x83, 0xc4, 0x08 },
		  4,
		  0,
		  0x8,
		  0x7ffc00000078ull,
		  "add $0x8,%rsp" },
		{ { 0x48, 0x83, 0xc4, 0xf8 },
		  4,
		  0,
		  (uint64_t)-8,
		  0x7ffc00000080ull,
		  "add $-8,%rsp" },
		{ { 0x48, 0x83, 0xc4, 0x08 },
		  4,
		  0,
		  0x8,
		  0x7ffffffffffffff8ull,
		  "add $0x8,%rsp (overflow)" },
	};
	uint64_t f;
	size_t k;

	regs_init(&r);
	r0 = r;
	r0.u.rbp = r.u.rsp;
	r0.u.rip = A + 3;
	ok(EMU(&r, 0x48, 0x89, 0xe5) == 0 && !memcmp(&r, &r0, sizeof(r)),
	   "emulate mov %%rsp,%%rbp");
	regs_init(&r);
	r0 = r;
	r0.u.rbp = r.u.rsp;
	r0.u.rip = A + 3;
	ok(EMU(&r, 0x48, 0x8b, 0xec) == 0 && !memcmp(&r, &r0, sizeof(r)),
	   "emulate mov %%rsp,%%rbp (8b form)");
	regs_init(&r);
	r0 = r;
	r0.u.rbx = r.u.rax;
	r0.u.rip = A + 3;
	ok(EMU(&r, 0x48, 0x89, 0xc3) == 0 && !memcmp(&r, &r0, sizeof(r)),
	   "emulate mov %%rax,%%rbx");
	regs_init(&r);
	r0 = r;
	r0.u.rax = 0x12345678;
	r0.u.rip = A + 2;
	ok(EMU(&r, 0x89, 0xf8) == 0 && !memcmp(&r, &r0, sizeof(r)),
	   "emulate mov %%edi,%%eax: zero-extended");

	for (k = 0; k < sizeof(ar) / sizeof(ar[0]); k++) {
		regs_init(&r);
		r.u.rsp = ar[k].sp;
		f = ar[k].sub ? cpu_sub(ar[k].sp, ar[k].imm) :
				cpu_add(ar[k].sp, ar[k].imm);
		ok(emu(ar[k].b, ar[k].len, &r) == 0 &&
			   r.u.rsp == (ar[k].sub ? ar[k].sp - ar[k].imm :
						   ar[k].sp + ar[k].imm) &&
			   r.u.rip == A + ar[k].len &&
			   (r.u.eflags & (mask | FL_AF)) ==
				   (f & (mask | FL_AF)) &&
			   (r.u.eflags & ~(mask | FL_AF)) == 0x202,
		   "emulate %s: rsp and the flags the CPU computes (%#llx)",
		   ar[k].what, (unsigned long long)(f & (mask | FL_AF)));
	}

	f = cpu_xor_self();
	regs_init(&r);
	r.u.eflags = 0x202 | FL_CF | FL_SF | FL_OF;
	ok(EMU(&r, 0x31, 0xc0) == 0 && r.u.rax == 0 && r.u.rip == A + 2 &&
		   (r.u.eflags & mask) == (f & mask) &&
		   r.u.rbx == 0x2222222222222222ull,
	   "emulate xor %%eax,%%eax: zero and the CPU's flags");
	regs_init(&r);
	ok(EMU(&r, 0x4d, 0x31, 0xe4) == 0 && r.u.r12 == 0 && r.u.rip == A + 3 &&
		   (r.u.eflags & mask) == (f & mask),
	   "emulate xor %%r12,%%r12");

	regs_init(&r);
	r0 = r;
	ok(EMU(&r, 0x48, 0x8d, 0x05, 0x10, 0, 0, 0) == -ENOTSUP &&
		   !memcmp(&r, &r0, sizeof(r)),
	   "emulate lea 0x10(%%rip),%%rax: -ENOTSUP, nothing changed");
	ok(EMU(&r, 0xe8, 0, 1, 0, 0) == -ENOTSUP && !memcmp(&r, &r0, sizeof(r)),
	   "emulate call: -ENOTSUP");
	ok(EMU(&r, 0x31, 0xd8) == -ENOTSUP,
	   "emulate xor %%ebx,%%eax: -ENOTSUP");
	/* capstone 4 does not decode it: refused either way. */
	ok(EMU(&r, 0xf3, 0x0f, 0x1e, 0xc8) != 0,
	   "rdsspd (a rep-prefixed hint nop) is not emulated");
	ok(EMU(&r, 0x48, 0x83, 0xeb, 0x10) == -ENOTSUP,
	   "emulate sub $0x10,%%rbx: -ENOTSUP");
	r.compat = 1;
	ok(EMU(&r, 0x90) == -ENOTSUP, "emulate for an ia32 tracee: -ENOTSUP");
}

/* push: the child's stack is this array, at the same address as ours. */
static uint64_t fake_stack[8];

static pid_t
stopped_child(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			_exit(1);
		raise(SIGSTOP);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st))
		return -1;
	ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)(long)PTRACE_O_EXITKILL);
	return pid;
}

static uint64_t
peek(pid_t pid, const void *addr)
{
	return (uint64_t)ptrace(PTRACE_PEEKDATA, pid, addr, NULL);
}

static int
emu_tid(pid_t pid, const uint8_t *b, size_t n, struct arch_regs *r)
{
	struct arch_insn *i;
	int err;

	i = dec(A, b, n, &err);
	if (!i)
		return 1000 + err;
	err = arch_insn_emulate(i, pid, r);
	arch_insn_free(i);
	return err;
}

static void
test_emulate_push(void)
{
	struct arch_regs r;
	uint64_t top = (uint64_t)(uintptr_t)&fake_stack[6];
	pid_t pid = stopped_child();
	int st;

	if (!ok(pid > 0, "push: a stopped child"))
		return;
	regs_init(&r);
	r.u.rsp = top;
	ok(emu_tid(pid, (const uint8_t[]){ 0x55 }, 1, &r) == 0 &&
		   r.u.rsp == top - 8 && r.u.rip == A + 1,
	   "emulate push %%rbp: rsp - 8, rip + 1");
	ok(peek(pid, &fake_stack[5]) == 0x7ffc00000100ull && fake_stack[5] == 0,
	   "push %%rbp: the child's stack holds rbp (ours does not)");
	ok(emu_tid(pid, (const uint8_t[]){ 0x41, 0x54 }, 2, &r) == 0 &&
		   r.u.rsp == top - 16 && r.u.rip == A + 2 &&
		   peek(pid, &fake_stack[4]) == 0xc0ffee,
	   "emulate push %%r12");
	ok(emu_tid(pid, (const uint8_t[]){ 0x54 }, 1, &r) == 0 &&
		   r.u.rsp == top - 24 && peek(pid, &fake_stack[3]) == top - 16,
	   "emulate push %%rsp: the value before the push");
	regs_init(&r);
	r.u.rsp = 16; /* unmapped */
	ok(emu_tid(pid, (const uint8_t[]){ 0x55 }, 1, &r) < 0 && r.u.rsp == 16,
	   "push onto an unmapped stack: an error, rsp unchanged");
	kill(pid, SIGKILL);
	ok(waitpid(pid, &st, 0) == pid, "push: child reaped");
}

/* ---- relocation ------------------------------------------------------ */

static csh cs;

/* Decodes every instruction of b at addr into *out; returns the count. */
static size_t
cs_all(const uint8_t *b, size_t n, uint64_t addr, cs_insn **out)
{
	return cs_disasm(cs, b, n, addr, 0, out);
}

static uint64_t
quad_at(const uint8_t *b)
{
	uint64_t q;

	memcpy(&q, b, 8);
	return q;
}

/* Relocates the instruction at from to to; 0 or the error. */
static int
reloc(uint64_t from, const uint8_t *b, size_t n, uint64_t to, uint8_t *out,
      size_t *len)
{
	struct arch_insn *i;
	int err;

	*len = ARCH_INSN_RELOC_MAX;
	i = dec(from, b, n, &err);
	if (!i)
		return 1000 + err;
	err = arch_insn_relocate(i, to, out, len);
	arch_insn_free(i);
	return err;
}

/* A rip-relative instruction of length n, original absolute address want:
   the copy at to decodes to the same instruction naming the same address. */
static void
check_rip(const char *what, const uint8_t *b, size_t n, uint64_t want)
{
	uint8_t out[ARCH_INSN_RELOC_MAX];
	uint64_t to = A + 0x10000000;
	cs_insn *c = NULL, *c0 = NULL;
	size_t len;
	int good = 0;

	if (reloc(A, b, n, to, out, &len) == 0 && len == n &&
	    cs_all(out, len, to, &c) == 1 && cs_all(b, n, A, &c0) == 1) {
		const cs_x86_op *o = c->detail->x86.operands;
		const cs_x86_op *o0 = c0->detail->x86.operands;

		good = c->id == c0->id && o[1].type == X86_OP_MEM &&
		       o[1].mem.base == X86_REG_RIP && o[0].reg == o0[0].reg &&
		       to + len + (uint64_t)o[1].mem.disp == want;
	}
	ok(good, "relocate %s: same instruction, same address %#llx", what,
	   (unsigned long long)want);
	cs_free(c, 1);
	cs_free(c0, 1);
	ok(reloc(A, b, n, A + 0x100000000ull, out, &len) == -ERANGE,
	   "relocate %s 4 GiB away: -ERANGE", what);
	/* (its target, at most 2 MiB past it, stays within 2 GiB) */
	ok(reloc(A, b, n, A - 0x7fc00000ull, out, &len) == 0,
	   "relocate %s 2 GiB - 4 MiB lower: in reach", what);
}

/* jmp *0(%rip); .quad target at out + at: the target it jumps to. */
static int
abs_jmp_target(const uint8_t *out, size_t len, size_t at, uint64_t to,
	       uint64_t *target)
{
	cs_insn *c = NULL;
	int good;

	if (at + 14 > len || cs_all(out + at, 6, to + at, &c) != 1)
		return 0;
	good = c->id == X86_INS_JMP && c->detail->x86.op_count == 1 &&
	       c->detail->x86.operands[0].type == X86_OP_MEM &&
	       c->detail->x86.operands[0].mem.base == X86_REG_RIP &&
	       c->detail->x86.operands[0].mem.disp == 0;
	cs_free(c, 1);
	*target = quad_at(out + at + 6);
	return good;
}

/* push $lo; movl $hi,4(%rsp) at out: the 64-bit value it pushes. */
static int
pushed_value(const uint8_t *out, size_t len, uint64_t to, uint64_t *v)
{
	cs_insn *c = NULL;
	int good;

	if (len < 13 || cs_all(out, 13, to, &c) != 2)
		return 0;
	good = c[0].id == X86_INS_PUSH &&
	       c[0].detail->x86.operands[0].type == X86_OP_IMM &&
	       c[1].id == X86_INS_MOV &&
	       c[1].detail->x86.operands[0].type == X86_OP_MEM &&
	       c[1].detail->x86.operands[0].mem.base == X86_REG_RSP &&
	       c[1].detail->x86.operands[0].mem.disp == 4 &&
	       c[1].detail->x86.operands[0].size == 4;
	if (good)
		*v = (uint32_t)c[0].detail->x86.operands[0].imm |
		     (uint64_t)(uint32_t)c[1].detail->x86.operands[1].imm << 32;
	cs_free(c, 2);
	return good;
}

static void
test_relocate(void)
{
	static const uint8_t lea[] = { 0x48, 0x8d, 0x05, 0x10, 0, 0, 0 };
	static const uint8_t mov[] = { 0x8b, 0x05, 0x00, 0x02, 0, 0 };
	/* SSE under a 0x66 prefix (libm's fabs, python's PyLong_FromDouble
	   start so): capstone 4 reports their disp32 as 2 bytes */
	static const uint8_t andpd[] = { 0x66, 0x0f, 0x54, 0x05,
					 0x08, 0x5f, 0x05, 0 };
	static const uint8_t comisd[] = { 0x66, 0x0f, 0x2f, 0x05,
					  0x20, 0x49, 0x1b, 0 };
	static const uint8_t movrb[] = { 0x48, 0x89, 0xc3 };
	const uint64_t from = 0x7f1234567000ull, to = 0x5500001000ull;
	uint8_t out[ARCH_INSN_RELOC_MAX];
	uint64_t t, v;
	cs_insn *c = NULL;
	size_t len, n;
	int good;

	check_rip("lea 0x10(%rip),%rax", lea, sizeof(lea), A + 7 + 0x10);
	check_rip("mov 0x200(%rip),%eax", mov, sizeof(mov), A + 6 + 0x200);
	check_rip("andpd 0x55f08(%rip),%xmm0", andpd, sizeof(andpd),
		  A + 8 + 0x55f08);
	check_rip("comisd 0x1b4920(%rip),%xmm0", comisd, sizeof(comisd),
		  A + 8 + 0x1b4920);
	ok(reloc(A, movrb, 3, to, out, &len) == 0 && len == 3 &&
		   !memcmp(out, movrb, 3),
	   "relocate mov %%rax,%%rbx: the same bytes");

	/* call rel32: the original return address, then the target. */
	ok(reloc(from, (const uint8_t[]){ 0xe8, 0x00, 0x01, 0, 0 }, 5, to, out,
		 &len) == 0 &&
		   len == 27 && pushed_value(out, len, to, &v) &&
		   v == from + 5 && abs_jmp_target(out, len, 13, to, &t) &&
		   t == from + 5 + 0x100,
	   "relocate call rel32: pushes %#llx, jumps to the callee",
	   (unsigned long long)(from + 5));

	/* jmp rel8 */
	ok(reloc(from, (const uint8_t[]){ 0xeb, 0x10 }, 2, to, out, &len) ==
			   0 &&
		   len == 14 && abs_jmp_target(out, len, 0, to, &t) &&
		   t == from + 2 + 0x10,
	   "relocate jmp rel8: jumps to the original target");

	/* je rel8 (backwards): jne over the absolute jump to the end */
	good = reloc(from, (const uint8_t[]){ 0x74, 0xf0 }, 2, to, out, &len) ==
		       0 &&
	       len == 16 && cs_all(out, 2, to, &c) == 1 &&
	       c->id == X86_INS_JNE &&
	       (uint64_t)c->detail->x86.operands[0].imm == to + 16 &&
	       abs_jmp_target(out, len, 2, to, &t) && t == from + 2 - 0x10;
	cs_free(c, 1);
	ok(good, "relocate je rel8: jne to the fall-through, else the target");

	/* jne rel32 */
	c = NULL;
	good = reloc(from, (const uint8_t[]){ 0x0f, 0x85, 0x00, 0x02, 0, 0 }, 6,
		     to, out, &len) == 0 &&
	       len == 16 && cs_all(out, 2, to, &c) == 1 &&
	       c->id == X86_INS_JE &&
	       (uint64_t)c->detail->x86.operands[0].imm == to + 16 &&
	       abs_jmp_target(out, len, 2, to, &t) && t == from + 6 + 0x200;
	cs_free(c, 1);
	ok(good, "relocate jne rel32: je to the fall-through, else the target");

	/* jrcxz: taken to the absolute jump, else over it */
	c = NULL;
	good = reloc(from, (const uint8_t[]){ 0xe3, 0x05 }, 2, to, out, &len) ==
		       0 &&
	       len == 18 && cs_all(out, 4, to, &c) == 2 &&
	       c[0].id == X86_INS_JRCXZ &&
	       (uint64_t)c[0].detail->x86.operands[0].imm == to + 4 &&
	       c[1].id == X86_INS_JMP &&
	       (uint64_t)c[1].detail->x86.operands[0].imm == to + 18 &&
	       abs_jmp_target(out, len, 4, to, &t) && t == from + 2 + 5;
	cs_free(c, 2);
	ok(good, "relocate jrcxz: to the target when taken, else to the end");

	/* call *0x100(%rip): push, then jmp *disp(%rip) naming the same slot */
	c = NULL;
	n = 0;
	good = reloc(A, (const uint8_t[]){ 0xff, 0x15, 0x00, 0x01, 0, 0 }, 6,
		     A + 0x10000000, out, &len) == 0 &&
	       len == 19 && pushed_value(out, len, A + 0x10000000, &v) &&
	       v == A + 6 &&
	       (n = cs_all(out + 13, 6, A + 0x10000000 + 13, &c)) == 1 &&
	       c->id == X86_INS_JMP &&
	       c->detail->x86.operands[0].mem.base == X86_REG_RIP &&
	       A + 0x10000000 + 19 +
			       (uint64_t)c->detail->x86.operands[0].mem.disp ==
		       A + 6 + 0x100;
	cs_free(c, n);
	ok(good, "relocate call *0x100(%%rip): jmp through the same slot");

	/* call *%rax and call *(%r12): the same operand, as a jmp */
	c = NULL;
	n = 0;
	good = reloc(from, (const uint8_t[]){ 0xff, 0xd0 }, 2, to, out, &len) ==
		       0 &&
	       len == 15 && pushed_value(out, len, to, &v) && v == from + 2 &&
	       (n = cs_all(out + 13, 2, to + 13, &c)) == 1 &&
	       c->id == X86_INS_JMP &&
	       c->detail->x86.operands[0].type == X86_OP_REG &&
	       c->detail->x86.operands[0].reg == X86_REG_RAX;
	cs_free(c, n);
	ok(good, "relocate call *%%rax: push, jmp *%%rax");
	c = NULL;
	n = 0;
	good = reloc(from, (const uint8_t[]){ 0x41, 0xff, 0x14, 0x24 }, 4, to,
		     out, &len) == 0 &&
	       len == 17 && pushed_value(out, len, to, &v) && v == from + 4 &&
	       (n = cs_all(out + 13, 4, to + 13, &c)) == 1 &&
	       c->id == X86_INS_JMP &&
	       c->detail->x86.operands[0].type == X86_OP_MEM &&
	       c->detail->x86.operands[0].mem.base == X86_REG_R12;
	cs_free(c, n);
	ok(good, "relocate call *(%%r12): push, jmp *(%%r12)");

	/* too small a buffer */
	{
		struct arch_insn *i;
		int err;

		i = dec(from, (const uint8_t[]){ 0xe8, 0, 1, 0, 0 }, 5, &err);
		len = 20;
		ok(i && arch_insn_relocate(i, to, out, &len) == -ENOSPC,
		   "relocate into 20 bytes: -ENOSPC");
		arch_insn_free(i);
	}

	/* the jump back */
	c = NULL;
	len = ARCH_JUMP_MAX;
	good = arch_insn_jump(to, to + 0x1000, out, &len) == 0 && len == 5 &&
	       cs_all(out, len, to, &c) == 1 && c->id == X86_INS_JMP &&
	       (uint64_t)c->detail->x86.operands[0].imm == to + 0x1000;
	cs_free(c, 1);
	ok(good, "jump: near, jmp rel32");
	len = ARCH_JUMP_MAX;
	ok(arch_insn_jump(to, from, out, &len) == 0 && len == 14 &&
		   abs_jmp_target(out, len, 0, to, &t) && t == from,
	   "jump: far, jmp *0(%%rip)");
}

/* ---- relocated code, run -------------------------------------------- */

typedef uint64_t (*fn_t)(uint64_t);

static fn_t
fn_at(uint8_t *p)
{
	return (fn_t)(uintptr_t)p;
}

/* Runs the instruction at page + at out of line at page + q: relocated
   there, followed by the jump back to the next original instruction. */
static int
place(uint8_t *page, size_t at, size_t q)
{
	uint64_t from = (uint64_t)(uintptr_t)(page + at);
	uint64_t to = (uint64_t)(uintptr_t)(page + q);
	struct arch_insn *i;
	size_t len = ARCH_INSN_RELOC_MAX, jl = ARCH_JUMP_MAX;
	int err;

	i = dec(from, page + at, 16, &err);
	if (!i)
		return err;
	err = arch_insn_relocate(i, to, page + q, &len);
	if (!err)
		err = arch_insn_jump(to + len, from + arch_insn_len(i),
				     page + q + len, &jl);
	arch_insn_free(i);
	return err;
}

static void
put(uint8_t *page, size_t at, const uint8_t *b, size_t n)
{
	memcpy(page + at, b, n);
}

#define PUT(page, at, ...)                                                     \
	put(page, at, (const uint8_t[]){ __VA_ARGS__ },                        \
	    sizeof((const uint8_t[]){ __VA_ARGS__ }))

/* jmp, and every jcc on every combination of the five flags it may read,
   against the CPU: code in our page loads the flags (popfq) and branches. */
static void
test_emulate_branches(uint8_t *p)
{
	static const unsigned long long bits[] = { FL_CF, FL_PF, FL_ZF, FL_SF,
						   FL_OF };
	struct arch_regs r;
	unsigned cc, m, k;
	unsigned long long f;
	int good, taken;

	regs_init(&r);
	ok(EMU(&r, 0xeb, 0x10) == 0 && r.u.rip == A + 2 + 0x10,
	   "emulate jmp rel8: rip is the target");
	ok(EMU(&r, 0xe9, 0x00, 0xf0, 0xff, 0xff) == 0 &&
		   r.u.rip == A + 5 - 0x1000,
	   "emulate jmp rel32 backwards: rip is the target");
	for (cc = 0; cc < 16; cc++) {
		/* push %rdi; popfq; j<cc> +3; xor %eax,%eax; ret;
		   mov $1,%eax; ret */
		PUT(p, 0x400, 0x57, 0x9d, (uint8_t)(0x70 | cc), 0x03, 0x31,
		    0xc0, 0xc3, 0xb8, 1, 0, 0, 0, 0xc3);
		good = 1;
		for (m = 0; m < 32; m++) {
			f = 0x202;
			for (k = 0; k < 5; k++)
				if (m & (1u << k))
					f |= bits[k];
			taken = (int)fn_at(p + 0x400)(f);
			regs_init(&r);
			r.u.eflags = f;
			if (emu((const uint8_t[]){ (uint8_t)(0x70 | cc), 0x10 },
				2, &r) != 0 ||
			    r.u.rip != (taken ? A + 0x12 : A + 2) ||
			    r.u.eflags != f)
				good = 0;
		}
		ok(good, "emulate jcc %#x on 32 flag sets: as the CPU branches",
		   0x70 | cc);
	}
	regs_init(&r);
	r.u.eflags = 0x202;
	ok(EMU(&r, 0x0f, 0x85, 0x00, 0x02, 0, 0) == 0 &&
		   r.u.rip == A + 6 + 0x200,
	   "emulate jne rel32 with ZF clear: taken");
	r.u.eflags = 0x202 | FL_ZF;
	ok(EMU(&r, 0x0f, 0x85, 0x00, 0x02, 0, 0) == 0 && r.u.rip == A + 6,
	   "emulate jne rel32 with ZF set: not taken");
	ok(EMU(&r, 0xe3, 0x05) == -ENOTSUP, "emulate jrcxz: -ENOTSUP");
}

static void
test_run(void)
{
	uint8_t *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint64_t slot;

	if (!ok(p != MAP_FAILED, "run: an executable page"))
		return;
	memset(p, 0xcc, 4096);
	/* 0x000: lea 0x10(%rip),%rax; ret */
	PUT(p, 0x000, 0x48, 0x8d, 0x05, 0x10, 0, 0, 0, 0xc3);
	/* 0x100: call 0x180; add $1,%eax; ret */
	PUT(p, 0x100, 0xe8, 0x7b, 0, 0, 0, 0x83, 0xc0, 0x01, 0xc3);
	/* 0x180: mov $42,%eax; ret */
	PUT(p, 0x180, 0xb8, 42, 0, 0, 0, 0xc3);
	/* 0x200: test %edi,%edi; je 0x20a; mov $1,%eax; ret;
	   0x20a: mov $2,%eax; ret */
	PUT(p, 0x200, 0x85, 0xff, 0x74, 0x06, 0xb8, 1, 0, 0, 0, 0xc3, 0xb8, 2,
	    0, 0, 0, 0xc3);
	/* 0x300: call *0x7a(%rip) (the slot at 0x380); add $1,%eax; ret */
	PUT(p, 0x300, 0xff, 0x15, 0x7a, 0, 0, 0, 0x83, 0xc0, 0x01, 0xc3);
	slot = (uint64_t)(uintptr_t)(p + 0x180);
	memcpy(p + 0x380, &slot, 8);

	ok(place(p, 0x000, 0x800) == 0 &&
		   fn_at(p + 0x800)(0) == (uint64_t)(uintptr_t)(p + 0x17) &&
		   fn_at(p)(0) == (uint64_t)(uintptr_t)(p + 0x17),
	   "run: lea 0x10(%%rip) out of line gives the original address");
	ok(place(p, 0x100, 0x900) == 0 && fn_at(p + 0x100)(0) == 43 &&
		   fn_at(p + 0x900)(0) == 43,
	   "run: call rel32 out of line returns to the original site");
	/* the test at 0x200 runs in place of the original, then the je */
	PUT(p, 0xa00, 0x85, 0xff);
	ok(place(p, 0x202, 0xa02) == 0 && fn_at(p + 0xa00)(0) == 2 &&
		   fn_at(p + 0xa00)(1) == 1 && fn_at(p + 0x200)(0) == 2,
	   "run: je rel8 out of line, taken and not taken");
	ok(place(p, 0x300, 0xb00) == 0 && fn_at(p + 0x300)(0) == 43 &&
		   fn_at(p + 0xb00)(0) == 43,
	   "run: call *disp(%%rip) out of line, through the same slot");
	test_emulate_branches(p);
	munmap(p, 4096);
}

/* ---- return sites ---------------------------------------------------- */

/* gcc 12 -O2 -fcf-protection -no-pie, linked; g at 0x401250, h at
   0x401260.
   int two(int x) { if (x > 5) return g(x) + 1; return x * 3; } */
static const uint8_t f_two[] = { 0xf3, 0x0f, 0x1e, 0xfa, 0x8d, 0x04, 0x7f,
				 0x83, 0xff, 0x05, 0x7f, 0x04, 0xc3, 0x0f,
				 0x1f, 0x00, 0x48, 0x83, 0xec, 0x08, 0xe8,
				 0xf7, 0x00, 0x00, 0x00, 0x48, 0x83, 0xc4,
				 0x08, 0x83, 0xc0, 0x01, 0xc3 };
/* int tail(int x) { if (x) return g(x); return h(x + 1) * 2; } */
static const uint8_t f_tail[] = { 0xf3, 0x0f, 0x1e, 0xfa, 0x85, 0xff, 0x75,
				  0x18, 0x48, 0x83, 0xec, 0x08, 0xbf, 0x01,
				  0x00, 0x00, 0x00, 0xe8, 0xda, 0x00, 0x00,
				  0x00, 0x48, 0x83, 0xc4, 0x08, 0x01, 0xc0,
				  0xc3, 0x0f, 0x1f, 0x00, 0xe9, 0xbb, 0x00,
				  0x00, 0x00 };
/* int tbl(int x): a switch of 6 cases, compiled to a jump table. */
static const uint8_t f_tbl[] = {
	0xf3, 0x0f, 0x1e, 0xfa, 0x83, 0xff, 0x05, 0x0f, 0x87, 0x95, 0x00, 0x00,
	0x00, 0x48, 0x8d, 0x15, 0x50, 0x0e, 0x00, 0x00, 0x89, 0xff, 0x48, 0x83,
	0xec, 0x08, 0x48, 0x63, 0x04, 0xba, 0x48, 0x01, 0xd0, 0x3e, 0xff, 0xe0,
	0x0f, 0x1f, 0x40, 0x00, 0xb8, 0x2c, 0x00, 0x00, 0x00, 0x48, 0x83, 0xc4,
	0x08, 0xc3, 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00, 0xb8, 0x11, 0x00, 0x00,
	0x00, 0x48, 0x83, 0xc4, 0x08, 0xc3, 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00,
	0xbf, 0x01, 0x00, 0x00, 0x00, 0x48, 0x83, 0xc4, 0x08, 0xe9, 0x5a, 0x00,
	0x00, 0x00, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xbf, 0x02, 0x00, 0x00, 0x00, 0xe8, 0x56, 0x00, 0x00, 0x00, 0x48, 0x83,
	0xc4, 0x08, 0x83, 0xe8, 0x01, 0xc3, 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00,
	0xbf, 0x07, 0x00, 0x00, 0x00, 0x48, 0x83, 0xc4, 0x08, 0xe9, 0x3a, 0x00,
	0x00, 0x00, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xbf, 0x09, 0x00, 0x00, 0x00, 0xe8, 0x16, 0x00, 0x00, 0x00, 0x48, 0x83,
	0xc4, 0x08, 0x83, 0xc0, 0x03, 0xc3, 0x31, 0xc0, 0xc3
};

/* The sites as "kind:off" words, for one comparison. */
static const char *
sites_str(const struct arch_func_scan *s)
{
	static char buf[512];
	size_t k, n = 0;

	buf[0] = 0;
	for (k = 0; k < s->n_site && n < sizeof(buf) - 32; k++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%d:%#llx",
				      k ? " " : "", (int)s->site[k].kind,
				      (unsigned long long)s->site[k].off);
	return buf;
}

static void
test_scan(void)
{
	static const uint64_t two_insn[] = { 0x0,  0x4,	 0x7,  0xa,  0xc, 0xd,
					     0x10, 0x14, 0x19, 0x1d, 0x20 };
	struct arch_func_scan s;
	char want[128];
	size_t k;
	int good;

	ok(arch_func_scan(f_two, sizeof(f_two), 0x401140, &s) == 0 && !s.bad &&
		   s.indirect == 0,
	   "scan two: decodes, no indirect jump");
	good = s.n_insn == sizeof(two_insn) / sizeof(two_insn[0]);
	for (k = 0; good && k < s.n_insn; k++)
		good = s.insn[k] == two_insn[k] &&
		       arch_func_scan_is_insn(&s, two_insn[k]);
	ok(good, "scan two: the 11 instruction starts objdump lists");
	ok(!arch_func_scan_is_insn(&s, 0x5) &&
		   !arch_func_scan_is_insn(&s, 0x15) &&
		   !arch_func_scan_is_insn(&s, 0x21),
	   "scan two: 0x5, 0x15, 0x21 are not instruction starts");
	snprintf(want, sizeof(want), "%d:0xc %d:0x20", ARCH_SITE_RET,
		 ARCH_SITE_RET);
	is_str(sites_str(&s), want, "scan two: two rets");
	arch_func_scan_release(&s);

	ok(arch_func_scan(f_tail, sizeof(f_tail), 0x401170, &s) == 0 &&
		   !s.bad && s.indirect == 0,
	   "scan tail: decodes, no indirect jump");
	snprintf(want, sizeof(want), "%d:0x1c %d:0x20", ARCH_SITE_RET,
		 ARCH_SITE_TAIL);
	is_str(sites_str(&s), want, "scan tail: a ret, a tail jmp to g");
	arch_func_scan_release(&s);

	ok(arch_func_scan(f_tbl, sizeof(f_tbl), 0x4011a0, &s) == 0 && !s.bad &&
		   s.indirect == 1,
	   "scan tbl: one indirect jump (the jump table)");
	ok(s.data_refs == 0, "scan tbl: the table is in .rodata, not the text");
	snprintf(want, sizeof(want),
		 "%d:0x31 %d:0x41 %d:0x51 %d:0x71 %d:0x81 %d:0xa1 %d:0xa4",
		 ARCH_SITE_RET, ARCH_SITE_RET, ARCH_SITE_TAIL, ARCH_SITE_RET,
		 ARCH_SITE_TAIL, ARCH_SITE_RET, ARCH_SITE_RET);
	is_str(sites_str(&s), want, "scan tbl: 5 rets, 2 tail jmps");
	arch_func_scan_release(&s);

	/* test %edi,%edi; jne outside; rep ret; bnd ret; ret $8;
	   jmp *0x1000(%rip) */
	ok(arch_func_scan((const uint8_t[]){ 0x85, 0xff, 0x75, 0x40, 0xf3, 0xc3,
					     0xf2, 0xc3, 0xc2, 0x08, 0x00, 0xff,
					     0x25, 0x00, 0x10, 0x00, 0x00 },
			  17, 0x1000, &s) == 0 &&
		   !s.bad && s.indirect == 0,
	   "scan ret forms: decodes");
	snprintf(want, sizeof(want), "%d:0x2 %d:0x4 %d:0x6 %d:0x8 %d:0xb",
		 ARCH_SITE_TAIL_COND, ARCH_SITE_RET, ARCH_SITE_RET,
		 ARCH_SITE_RET, ARCH_SITE_TAIL_IND);
	is_str(sites_str(&s), want,
	       "scan ret forms: jcc out, rep ret, bnd ret, ret $8, jmp *GOT");
	arch_func_scan_release(&s);

	/* push %rbp; (bad) */
	ok(arch_func_scan((const uint8_t[]){ 0x55, 0x06, 0xc3 }, 3, 0x1000,
			  &s) == 0 &&
		   s.bad && s.bad_off == 1 && s.n_insn == 1,
	   "scan: undecodable byte at offset 1 reported");
	arch_func_scan_release(&s);
}

/* A jump through a table kept in the function's own text: lea
   1f(%rip),%rax; jmp *%rax; ret; 1: .quad ... */
static void
test_scan_text_table(void)
{
	static const uint8_t f[] = { 0x48, 0x8d, 0x05, 0x03, 0x00, 0x00,
				     0x00, 0xff, 0xe0, 0xc3, 0,	   0,
				     0,	   0,	 0,    0,    0,	   0 };
	struct arch_func_scan s;

	ok(arch_func_scan(f, sizeof(f), 0x401000, &s) == 0 && s.indirect == 1 &&
		   s.data_refs == 1,
	   "scan: a table in the text is data addressed by the function");
	arch_func_scan_release(&s);
}

int
main(void)
{
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
		return 99;
	cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
	test_bkpt();
	test_decode();
	test_emulate_nops();
	test_emulate_regs();
	test_emulate_push();
	test_relocate();
	test_run();
	test_scan();
	test_scan_text_table();
	cs_close(&cs);
	return done_testing();
}

#else

int
main(void)
{
#if defined(ARCH_HAVE_INSN)
	printf("1..0 # SKIP x86_64 encodings; aarch64's are in t_a64\n");
#else
	printf("1..0 # SKIP no ARCH_HAVE_INSN on this CPU\n");
#endif
	return 0;
}

#endif
