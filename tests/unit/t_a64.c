/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the aarch64 back end's decoder, emulator, relocator,
 * return-site scan and USDT operand parser (arch/aarch64/insn.c, sdt.c,
 * bkpt.c, regs.c, abi.c), built on every host: the files are compiled
 * into this test with arch/aarch64 on the include path (Makefile.am), so
 * an x86_64 build checks them too; nothing here runs aarch64 code. The
 * instruction words are assembled by hand from the Arm ARM's encodings
 * (the constants below say which), and the expected results come from
 * the architecture, not from the code under test. Memory accesses (stp,
 * ldr literal, arguments on the stack) go to a stopped child of ours
 * through ptrace, in a MAP_SHARED page both of us see; the child dies
 * with us (EXITKILL).
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

#if !defined(ARCH_HAVE_INSN) || !defined(ARCH_HAVE_SDT) ||                     \
	!defined(ARCH_HAVE_REGS)
#error "t_a64 must be built with -I arch/aarch64"
#endif

#define A 0x400000ull /* where the decoded instructions "are" */
#define MiB (1ull << 20)

/* ---- encodings (Arm ARM, A64 base instructions) ------------------------ */

#define NOP 0xd503201fu
#define BTI 0xd503241fu	    /* bti */
#define BTI_C 0xd503245fu   /* bti c */
#define BTI_JC 0xd50324dfu  /* bti jc */
#define PACIASP 0xd503233fu /* hint #25 */
#define AUTIASP 0xd50323bfu /* hint #29 */
#define RETAA 0xd65f0bffu
#define RETAB 0xd65f0fffu
#define RET 0xd65f03c0u /* ret (x30) */

/* b/bl imm26: 0 0 0 1 0 1 imm26 (bl: bit 31 set); offset in bytes */
static uint32_t
e_b(int64_t off)
{
	return 0x14000000u | ((uint32_t)(off / 4) & 0x3ffffffu);
}
static uint32_t
e_bl(int64_t off)
{
	return 0x94000000u | ((uint32_t)(off / 4) & 0x3ffffffu);
}
/* b.cond: 0101 0100 imm19 0 cond */
static uint32_t
e_bcond(unsigned cond, int64_t off)
{
	return 0x54000000u | (((uint32_t)(off / 4) & 0x7ffffu) << 5) | cond;
}
/* cbz/cbnz: sf 011010 op imm19 Rt */
static uint32_t
e_cbz(int sf, int nz, unsigned rt, int64_t off)
{
	return (sf ? 0x80000000u : 0) | 0x34000000u | (nz ? 1u << 24 : 0) |
	       (((uint32_t)(off / 4) & 0x7ffffu) << 5) | rt;
}
/* tbz/tbnz: b5 011011 op b40 imm14 Rt */
static uint32_t
e_tbz(int nz, unsigned bit, unsigned rt, int64_t off)
{
	return ((bit >> 5) << 31) | 0x36000000u | (nz ? 1u << 24 : 0) |
	       ((bit & 0x1f) << 19) | (((uint32_t)(off / 4) & 0x3fffu) << 5) |
	       rt;
}
/* adr/adrp: op immlo 10000 immhi Rd */
static uint32_t
e_adr(int page, unsigned rd, int64_t imm)
{
	uint32_t v = (uint32_t)imm & 0x1fffffu;

	return (page ? 0x80000000u : 0) | 0x10000000u | ((v & 3) << 29) |
	       ((v >> 2) << 5) | rd;
}
/* ldr literal: opc 011 V 00 imm19 Rt. opc 00 ldr Wt, 01 ldr Xt, 10 ldrsw,
   11 prfm; V = 1: SIMD&FP (opc 00 St, 01 Dt, 10 Qt). */
static uint32_t
e_ldrlit(unsigned opc, int simd, unsigned rt, int64_t off)
{
	return (opc << 30) | 0x18000000u | (simd ? 1u << 26 : 0) |
	       (((uint32_t)(off / 4) & 0x7ffffu) << 5) | rt;
}
#define E_BR(n) (0xd61f0000u | (unsigned)(n) << 5)
#define E_BLR(n) (0xd63f0000u | (unsigned)(n) << 5)
#define E_RET(n) (0xd65f0000u | (unsigned)(n) << 5)
/* add/sub (immediate), 64-bit: sf op S 100010 sh imm12 Rn Rd */
static uint32_t
e_addsub(int sub, int sh, unsigned imm12, unsigned rn, unsigned rd)
{
	return 0x91000000u | (sub ? 1u << 30 : 0) | (sh ? 1u << 22 : 0) |
	       (imm12 << 10) | (rn << 5) | rd;
}
/* mov Rd, Rm = orr Rd, zr, Rm: sf 0101010 00 0 Rm 000000 11111 Rd */
static uint32_t
e_mov(int sf, unsigned rd, unsigned rm)
{
	return (sf ? 0xaa0003e0u : 0x2a0003e0u) | (rm << 16) | rd;
}
/* stp Xt, Xt2: 10 101 0 mode 0 imm7 Rt2 Rn Rt; mode 001 post-index,
   010 offset, 011 pre-index (bits 25..23) */
static uint32_t
e_stp(unsigned mode, int64_t off, unsigned rt2, unsigned rn, unsigned rt)
{
	return 0xa8000000u | (mode << 23) |
	       (((uint32_t)(off / 8) & 0x7fu) << 15) | (rt2 << 10) | (rn << 5) |
	       rt;
}
#define MUL_X0_X1_X2 0x9b027c20u /* madd x0, x1, x2, xzr */
#define ADD_W0_W1_1 0x11000420u	 /* add w0, w1, #1 (32-bit: plain) */
#define ADDS_X0_X1_1 0xb1000420u /* adds x0, x1, #1 (flags: plain) */
/* ldr Xt, [Xn] / ldr Wt, [Xn] / ldrsw Xt, [Xn] (unsigned offset 0) */
#define LDR_X_BASE(t, n) (0xf9400000u | (unsigned)(n) << 5 | (unsigned)(t))
#define LDR_W_BASE(t, n) (0xb9400000u | (unsigned)(n) << 5 | (unsigned)(t))
#define LDRSW_BASE(t, n) (0xb9800000u | (unsigned)(n) << 5 | (unsigned)(t))

static void
put(uint8_t *b, uint32_t w)
{
	b[0] = (uint8_t)w;
	b[1] = (uint8_t)(w >> 8);
	b[2] = (uint8_t)(w >> 16);
	b[3] = (uint8_t)(w >> 24);
}

static uint32_t
get(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static struct arch_insn *
dec(uint64_t addr, uint32_t w, int *err)
{
	struct arch_insn *i = NULL;
	uint8_t b[4];

	put(b, w);
	*err = arch_insn_decode(&i, addr, b, sizeof(b));
	return *err ? NULL : i;
}

/* Regs with recognisable values: xN = 0x1000 + N, sp, pc elsewhere. */
static void
regs_init(struct arch_regs *r)
{
	memset(r, 0, sizeof(*r));
	for (unsigned n = 0; n < 31; n++)
		r->u.regs[n] = 0x1000 + n;
	r->u.sp = 0x7ffff000;
	r->u.pc = 0xdead0000;
	r->u.pstate = 0;
	r->scno = r->scno_read = 0x1008;
}

/* Decode w at addr and emulate it on r (tid: the child, or 0). */
static int
emu(uint64_t addr, uint32_t w, pid_t tid, struct arch_regs *r)
{
	int err;
	struct arch_insn *i = dec(addr, w, &err);

	if (!i)
		return 1000 + err;
	err = arch_insn_emulate(i, tid, r);
	arch_insn_free(i);
	return err;
}

/* ---- the child and the page we share with it ------------------------- */

static uint8_t *shm; /* MAP_SHARED: our writes are the child's memory */
static pid_t child;

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
peek(uint64_t addr)
{
	return (uint64_t)ptrace(PTRACE_PEEKDATA, child, (void *)(uintptr_t)addr,
				NULL);
}

/* ---- breakpoints, identity, registers, ABI --------------------------- */

static void
test_bkpt_regs(void)
{
	struct arch_regs r;
	uint64_t v, args[6] = { 10, 11, 12, 13, 14, 15 };
	uint64_t *stk = (uint64_t *)(void *)(shm + 0x800);
	int ok_all = 1;

	is_int(arch_bkpt_len, 4, "bkpt: one 4-byte word");
	is_int(get(arch_bkpt_insn), 0xd4200000, "bkpt: brk #0");
	ok(arch_bkpt_addr(A) == A, "bkpt: the pc stays on brk");
	is_int(arch_bkpt_si_code, TRAP_BRKPT, "bkpt: TRAP_BRKPT");
	is_int(arch_syscall_len, 4, "syscall insn: 4 bytes");
	is_int(get(arch_syscall_insn), 0xd4000001, "syscall insn: svc #0");
	is_str(arch_name, "aarch64", "arch_name");
	is_int(arch_elf_machine, 183, "e_machine EM_AARCH64 (183)");
	is_int(arch_audit, 0xc00000b7, "AUDIT_ARCH_AARCH64");

	regs_init(&r);
	ok(arch_sc_inject(&r, A, 222, args, 6) == 0 && r.u.pc == A &&
		   r.u.regs[8] == 222 && r.u.regs[0] == 10 &&
		   r.u.regs[5] == 15 && r.u.regs[6] == 0x1006 &&
		   r.scno == r.scno_read,
	   "sc_inject: pc, x8 = nr, x0..x5 = args, no scno write");
	ok(arch_sc_inject(&r, A, 222, args, 7) == -ENOTSUP,
	   "sc_inject: 7 arguments refused");
	r.u.regs[0] = (uint64_t)-22;
	is_int(arch_sc_inject_ret(&r), -22, "sc_inject_ret: x0");

	regs_init(&r);
	r.u.pc = A;
	for (int n = 0; n <= 30; n++)
		ok_all &= arch_ureg(&r, n, &v) == 0 && v == 0x1000u + n;
	ok(ok_all, "uregs[0..30] = x0..x30");
	ok(arch_ureg(&r, 32, &v) == 0 && v == r.u.sp, "uregs[32] = sp");
	ok(arch_ureg(&r, 33, &v) == 0 && v == A, "uregs[33] = pc");
	ok(arch_ureg(&r, 31, &v) == -EINVAL &&
		   arch_ureg(&r, 35, &v) == -EINVAL &&
		   arch_ureg(&r, -1, &v) == -EINVAL,
	   "uregs[31], [35], [-1]: -EINVAL");
	ok(arch_pc(&r) == A && arch_sp(&r) == r.u.sp &&
		   arch_fp(&r) == 0x1000 + 29,
	   "pc, sp, fp = x29");

	/* AAPCS64: x0..x7, then [sp], [sp + 8]; ret address x30 */
	stk[0] = 0x5108;
	stk[1] = 0x5109;
	r.u.sp = (uint64_t)(uintptr_t)stk;
	ok(arch_call_arg(child, &r, 0, &v) == 0 && v == 0x1000 &&
		   arch_call_arg(child, &r, 7, &v) == 0 && v == 0x1007,
	   "call_arg 0..7: x0..x7");
	ok(arch_call_arg(child, &r, 8, &v) == 0 && v == 0x5108 &&
		   arch_call_arg(child, &r, 9, &v) == 0 && v == 0x5109,
	   "call_arg 8, 9: [sp], [sp + 8] of the child");
	ok(arch_ret_addr(child, &r, &v) == 0 && v == 0x1000 + 30,
	   "ret_addr: x30");
	ok(arch_call_ret(&r) == 0x1000, "call_ret: x0");
}

/* ---- decoding -------------------------------------------------------- */

static void
test_decode(void)
{
	static const struct {
		uint32_t w;
		const char *what;
	} t[] = {
		{ 0x14000010u, "b +0x40" },
		{ 0x17ffffffu, "b -4" },
		{ 0x94000100u, "bl +0x400" },
		{ 0x54000041u, "b.ne +8" },
		{ 0x5400000eu, "b.al +0" },
		{ 0x34000040u, "cbz w0, +8" },
		{ 0xb5ffffe1u, "cbnz x1, -4" },
		{ 0x36180062u, "tbz w2, #3, +12" },
		{ 0xb7400003u, "tbnz x3, #40, +0" },
		{ 0x10000080u, "adr x0, +16" },
		{ 0xf0000001u, "adrp x1, +3 pages" },
		{ 0x18000040u, "ldr w0, lit" },
		{ 0x58000040u, "ldr x0, lit" },
		{ 0x98000040u, "ldrsw x0, lit" },
		{ 0xd8000040u, "prfm pldl1keep, lit" },
		{ 0x5c000040u, "ldr d0, lit" },
		{ 0x9c000040u, "ldr q0, lit" },
		{ 0xd61f0200u, "br x16" },
		{ 0xd63f0100u, "blr x8" },
		{ RET, "ret" },
		{ RETAA, "retaa" },
		{ RETAB, "retab" },
		{ 0x910003fdu, "mov x29, sp (add)" },
		{ 0xd10083ffu, "sub sp, sp, #0x20" },
		{ 0x914007ffu, "add sp, sp, #1, lsl 12" },
		{ 0xaa0103e0u, "mov x0, x1" },
		{ 0x2a0103e0u, "mov w0, w1" },
		{ 0xa9bf7bfdu, "stp x29, x30, [sp, #-16]!" },
		{ 0xa8c17bfdu, "ldp x29, x30, [sp], #16" },
		{ 0xa9010fe2u, "stp x2, x3, [sp, #16]" },
		{ 0xa8810fe2u, "stp x2, x3, [sp], #16" },
		{ NOP, "nop" },
		{ BTI, "bti" },
		{ BTI_C, "bti c" },
		{ BTI_JC, "bti jc" },
		{ PACIASP, "paciasp" },
		{ AUTIASP, "autiasp" },
		{ 0xd71f0a11u, "braa x16, x17" },
		{ 0xd73f0a11u, "blraa x16, x17" },
		{ 0xd63f0a1fu, "blraaz x16" },
		{ MUL_X0_X1_X2, "mul x0, x1, x2" },
		{ 0xd4000001u, "svc #0" },
		{ 0xd4200000u, "brk #0" },
	};
	struct arch_insn *i;
	uint8_t buf[8];
	csh h;
	cs_insn *c = NULL;
	int err, cs_udf = 0;

	for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		i = dec(A, t[k].w, &err);
		ok(err == 0 && i && arch_insn_len(i) == 4, "decode: %s (%08x)",
		   t[k].what, t[k].w);
		if (err)
			diag("err %d", err);
		arch_insn_free(i);
	}
	/* udf #0 (0x00000000): the decoder defers to capstone. */
	if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &h) == CS_ERR_OK) {
		memset(buf, 0, sizeof(buf));
		size_t n = cs_disasm(h, buf, 4, A, 1, &c);

		cs_udf = n == 1;
		if (n)
			cs_free(c, n);
		cs_close(&h);
	}
	i = dec(A, 0, &err);
	ok(cs_udf ? err == 0 : err == -EILSEQ,
	   "decode: 0x00000000 (udf #0): %s as capstone says",
	   cs_udf ? "decodes" : "-EILSEQ");
	arch_insn_free(i);
	i = dec(A, 0x02000000u, &err);
	ok(err == -EILSEQ && !i, "decode: unallocated (op0 x001) -EILSEQ");
	i = dec(A, 0x06000000u, &err);
	ok(err == -EILSEQ && !i, "decode: unallocated (op0 x011) -EILSEQ");
	i = dec(A + 2, NOP, &err);
	ok(err == -EILSEQ && !i, "decode: misaligned address -EILSEQ");
	i = NULL;
	put(buf, NOP);
	ok(arch_insn_decode(&i, A, buf, 3) == -EILSEQ && !i,
	   "decode: 3 bytes -EILSEQ");
	ok(arch_insn_decode(&i, A, buf, 0) == -EILSEQ && !i,
	   "decode: 0 bytes -EILSEQ");
	put(buf, NOP);
	put(buf + 4, 0);
	ok(arch_insn_decode(&i, A, buf, 8) == 0 && i && arch_insn_len(i) == 4,
	   "decode: 8 bytes, the first word only");
	arch_insn_free(i);
}

/* ---- emulation ------------------------------------------------------- */

/* NZCV flags for pstate */
#define FN 8
#define FZ 4
#define FC 2
#define FV 1
#define PST(f) ((uint64_t)(f) << 28)

static void
test_emulate_branches(void)
{
	/* per condition (Arm ARM ConditionHolds): flags that make it hold,
	   flags that do not (al, nv: always) */
	static const struct {
		const char *name;
		int yes, no;
	} cc[16] = {
		{ "eq", FZ, 0 },
		{ "ne", 0, FZ },
		{ "cs", FC, FZ },
		{ "cc", FN, FC },
		{ "mi", FN, FZ | FC },
		{ "pl", FZ, FN },
		{ "vs", FV, FN },
		{ "vc", FN | FZ, FV },
		{ "hi", FC, FC | FZ },
		{ "ls", FZ | FC, FC },
		{ "ge", FN | FV, FN },
		{ "lt", FV, FN | FV },
		{ "gt", FN | FV, FZ | FN | FV },
		{ "le", FZ, FN | FV },
		{ "al", 0, -1 },
		{ "nv", FN | FZ | FC | FV, -1 },
	};
	struct arch_regs r, r0;

	regs_init(&r);
	ok(emu(A, e_b(0x1000), 0, &r) == 0 && r.u.pc == A + 0x1000,
	   "emulate b +0x1000");
	ok(emu(A, e_b(-0x40), 0, &r) == 0 && r.u.pc == A - 0x40,
	   "emulate b -0x40");
	ok(emu(A, e_b(-128 * (int64_t)MiB), 0, &r) == 0 &&
		   r.u.pc == A - 128 * MiB,
	   "emulate b -128 MiB (imm26 at its minimum)");
	regs_init(&r);
	r0 = r;
	ok(emu(A, e_bl(0x800), 0, &r) == 0 && r.u.pc == A + 0x800 &&
		   r.u.regs[30] == A + 4,
	   "emulate bl: pc = target, x30 = addr + 4");
	r0.u.regs[30] = A + 4;
	r0.u.pc = r.u.pc;
	ok(memcmp(&r, &r0, sizeof(r)) == 0, "bl: nothing else changed");

	for (unsigned c = 0; c < 16; c++) {
		regs_init(&r);
		r.u.pstate = PST(cc[c].yes) | 0x3c5; /* + DAIF, EL0h bits */
		ok(emu(A, e_bcond(c, 0x100), 0, &r) == 0 && r.u.pc == A + 0x100,
		   "b.%s taken (nzcv %x)", cc[c].name, cc[c].yes);
		if (cc[c].no < 0)
			continue;
		regs_init(&r);
		r.u.pstate = PST(cc[c].no);
		ok(emu(A, e_bcond(c, 0x100), 0, &r) == 0 && r.u.pc == A + 4,
		   "b.%s not taken (nzcv %x)", cc[c].name, cc[c].no);
	}
	regs_init(&r);
	r.u.pstate = PST(FZ);
	ok(emu(A, e_bcond(0, -0x100000), 0, &r) == 0 && r.u.pc == A - 0x100000,
	   "b.eq -1 MiB (imm19 at its minimum)");

	/* cbz/cbnz */
	regs_init(&r);
	r.u.regs[3] = 0xffffffff00000000ull;
	ok(emu(A, e_cbz(0, 0, 3, 0x40), 0, &r) == 0 && r.u.pc == A + 0x40,
	   "cbz w3: the high half ignored, taken");
	r.u.pc = 0;
	ok(emu(A, e_cbz(1, 0, 3, 0x40), 0, &r) == 0 && r.u.pc == A + 4,
	   "cbz x3: not taken");
	ok(emu(A, e_cbz(0, 1, 3, 0x40), 0, &r) == 0 && r.u.pc == A + 4,
	   "cbnz w3: not taken");
	ok(emu(A, e_cbz(1, 1, 3, -0x40), 0, &r) == 0 && r.u.pc == A - 0x40,
	   "cbnz x3: taken backwards");
	ok(emu(A, e_cbz(1, 0, 31, 0x40), 0, &r) == 0 && r.u.pc == A + 0x40,
	   "cbz xzr: always taken");

	/* tbz/tbnz */
	regs_init(&r);
	r.u.regs[5] = 1ull << 40;
	ok(emu(A, e_tbz(1, 40, 5, 0x20), 0, &r) == 0 && r.u.pc == A + 0x20,
	   "tbnz x5, #40: taken");
	ok(emu(A, e_tbz(0, 40, 5, 0x20), 0, &r) == 0 && r.u.pc == A + 4,
	   "tbz x5, #40: not taken");
	ok(emu(A, e_tbz(0, 8, 5, 0x20), 0, &r) == 0 && r.u.pc == A + 0x20,
	   "tbz w5, #8: taken (bit 8 clear)");
	ok(emu(A, e_tbz(1, 63, 5, -0x8000), 0, &r) == 0 && r.u.pc == A + 4,
	   "tbnz x5, #63: not taken");
	r.u.regs[5] = 1ull << 63;
	ok(emu(A, e_tbz(1, 63, 5, -0x8000), 0, &r) == 0 && r.u.pc == A - 0x8000,
	   "tbnz x5, #63: taken, -32 KiB (imm14 at its minimum)");

	/* br, blr, ret */
	regs_init(&r);
	r.u.regs[16] = 0x123456789abcull;
	ok(emu(A, E_BR(16), 0, &r) == 0 && r.u.pc == 0x123456789abcull &&
		   r.u.regs[30] == 0x1000 + 30,
	   "emulate br x16");
	regs_init(&r);
	r.u.regs[8] = 0x500000;
	ok(emu(A, E_BLR(8), 0, &r) == 0 && r.u.pc == 0x500000 &&
		   r.u.regs[30] == A + 4,
	   "emulate blr x8: pc, x30 = addr + 4");
	regs_init(&r);
	r.u.regs[30] = 0x600000;
	ok(emu(A, E_BLR(30), 0, &r) == 0 && r.u.pc == 0x600000 &&
		   r.u.regs[30] == A + 4,
	   "emulate blr x30: the target read before x30 is written");
	regs_init(&r);
	r.u.regs[30] = 0x700000;
	ok(emu(A, RET, 0, &r) == 0 && r.u.pc == 0x700000, "emulate ret");
	regs_init(&r);
	r.u.regs[2] = 0x710000;
	ok(emu(A, E_RET(2), 0, &r) == 0 && r.u.pc == 0x710000,
	   "emulate ret x2");
}

static void
test_emulate_data(void)
{
	struct arch_regs r, r0;

	/* adr, adrp */
	regs_init(&r);
	ok(emu(A + 0x124, e_adr(0, 7, -0x24), 0, &r) == 0 &&
		   r.u.regs[7] == A + 0x100 && r.u.pc == A + 0x128,
	   "emulate adr x7, -0x24");
	ok(emu(A + 0x124, e_adr(0, 7, 0xfffff), 0, &r) == 0 &&
		   r.u.regs[7] == A + 0x124 + 0xfffff,
	   "emulate adr x7, +1 MiB - 1 (imm21 at its maximum)");
	ok(emu(0x12345678, e_adr(1, 3, 2), 0, &r) == 0 &&
		   r.u.regs[3] == 0x12347000,
	   "emulate adrp x3, +2 pages: page base + 0x2000");
	ok(emu(0x12345678, e_adr(1, 3, -3), 0, &r) == 0 &&
		   r.u.regs[3] == 0x12342000 && r.u.pc == 0x1234567c,
	   "emulate adrp x3, -3 pages");
	ok(emu(0x100000000ull, e_adr(1, 3, -0x100000), 0, &r) == 0 &&
		   r.u.regs[3] == 0x100000000ull - (0x100000ull << 12),
	   "emulate adrp, -4 GiB (imm21 at its minimum)");
	r0 = r;
	ok(emu(A, e_adr(0, 31, 8), 0, &r) == 0 && r.u.pc == A + 4 &&
		   r.u.sp == r0.u.sp &&
		   memcmp(r.u.regs, r0.u.regs, sizeof(r.u.regs)) == 0,
	   "adr xzr: dropped (sp untouched)");

	/* add/sub immediate, sp forms */
	regs_init(&r);
	ok(emu(A, 0x910003fdu, 0, &r) == 0 && r.u.regs[29] == 0x7ffff000 &&
		   r.u.pc == A + 4,
	   "emulate mov x29, sp");
	ok(emu(A, e_addsub(1, 0, 0x20, 31, 31), 0, &r) == 0 &&
		   r.u.sp == 0x7ffff000 - 0x20,
	   "emulate sub sp, sp, #0x20");
	ok(emu(A, e_addsub(0, 1, 1, 31, 31), 0, &r) == 0 &&
		   r.u.sp == 0x7ffff000 - 0x20 + 0x1000,
	   "emulate add sp, sp, #1, lsl 12");
	ok(emu(A, e_addsub(1, 1, 2, 4, 5), 0, &r) == 0 &&
		   r.u.regs[5] == 0x1004ull - 0x2000,
	   "emulate sub x5, x4, #2, lsl 12 (wraps below 0)");
	ok(emu(A, e_addsub(0, 0, 0xfff, 31, 6), 0, &r) == 0 &&
		   r.u.regs[6] == r.u.sp + 0xfff,
	   "emulate add x6, sp, #0xfff");
	ok(emu(A, e_addsub(0, 0, 0x10, 29, 31), 0, &r) == 0 &&
		   r.u.sp == 0x7ffff000 + 0x10,
	   "emulate add sp, x29, #0x10");
	r.u.pstate = PST(FZ);
	ok(emu(A, e_addsub(1, 0, 0x10, 1, 1), 0, &r) == 0 &&
		   r.u.pstate == PST(FZ),
	   "sub: flags untouched");

	/* mov */
	regs_init(&r);
	r.u.regs[1] = 0xfedcba9876543210ull;
	ok(emu(A, e_mov(1, 0, 1), 0, &r) == 0 &&
		   r.u.regs[0] == 0xfedcba9876543210ull,
	   "emulate mov x0, x1");
	ok(emu(A, e_mov(0, 2, 1), 0, &r) == 0 && r.u.regs[2] == 0x76543210,
	   "emulate mov w2, w1: zero-extended");
	ok(emu(A, e_mov(1, 3, 31), 0, &r) == 0 && r.u.regs[3] == 0,
	   "emulate mov x3, xzr");
	r0 = r;
	ok(emu(A, e_mov(1, 31, 1), 0, &r) == 0 && r.u.sp == r0.u.sp &&
		   memcmp(r.u.regs, r0.u.regs, sizeof(r.u.regs)) == 0,
	   "mov xzr, x1: dropped");

	/* nops */
	regs_init(&r);
	r0 = r;
	r0.u.pc = A + 4;
	ok(emu(A, NOP, 0, &r) == 0 && memcmp(&r, &r0, sizeof(r)) == 0,
	   "emulate nop: pc + 4 only");
	ok(emu(A, BTI_C, 0, &r) == 0 && memcmp(&r, &r0, sizeof(r)) == 0,
	   "emulate bti c: pc + 4 only");

	/* not emulated: registers unchanged */
	static const struct {
		uint32_t w;
		const char *what;
	} no[] = {
		{ PACIASP, "paciasp" },
		{ AUTIASP, "autiasp" },
		{ RETAA, "retaa" },
		{ MUL_X0_X1_X2, "mul x0, x1, x2" },
		{ ADD_W0_W1_1, "add w0, w1, #1" },
		{ ADDS_X0_X1_1, "adds x0, x1, #1" },
		{ 0xa8c17bfdu, "ldp x29, x30, [sp], #16" },
		{ 0x5c000040u, "ldr d0, lit" },
		{ 0xd4000001u, "svc #0" },
	};
	for (size_t k = 0; k < sizeof(no) / sizeof(no[0]); k++) {
		regs_init(&r);
		r0 = r;
		ok(emu(A, no[k].w, 0, &r) == -ENOTSUP &&
			   memcmp(&r, &r0, sizeof(r)) == 0,
		   "emulate %s: -ENOTSUP, nothing changed", no[k].what);
	}
}

/* stp and ldr literal on the child's memory (the shared page) */
static void
test_emulate_mem(void)
{
	struct arch_regs r;
	uint64_t *q = (uint64_t *)(void *)shm; /* 512 words */
	uint64_t base = (uint64_t)(uintptr_t)&q[64];
	uint64_t lit;

	memset(shm, 0, 0x800);
	regs_init(&r);
	r.u.sp = base;
	r.u.regs[29] = 0x2929;
	r.u.regs[30] = 0x3030;
	ok(emu(A, e_stp(3, -16, 30, 31, 29), child, &r) == 0 &&
		   r.u.sp == base - 16 && r.u.pc == A + 4,
	   "emulate stp x29, x30, [sp, #-16]!: sp - 16");
	ok(peek(base - 16) == 0x2929 && peek(base - 8) == 0x3030,
	   "stp pre-index: [sp - 16] = x29, [sp - 8] = x30");
	r.u.regs[2] = 0x22;
	r.u.regs[3] = 0x33;
	ok(emu(A, e_stp(2, 32, 3, 31, 2), child, &r) == 0 &&
		   r.u.sp == base - 16 && peek(base + 16) == 0x22 &&
		   peek(base + 24) == 0x33,
	   "emulate stp x2, x3, [sp, #32]: no writeback");
	r.u.regs[7] = base + 64;
	ok(emu(A, e_stp(1, -64, 31, 7, 4), child, &r) == 0 &&
		   r.u.regs[7] == base && peek(base + 64) == 0x1004 &&
		   peek(base + 72) == 0,
	   "emulate stp x4, xzr, [x7], #-64: stored at x7, then x7 - 64");
	ok(emu(A, e_stp(3, 504, 5, 7, 6), child, &r) == 0 &&
		   r.u.regs[7] == base + 504 && peek(base + 504) == 0x1006 &&
		   peek(base + 512) == 0x1005,
	   "stp x6, x5, [x7, #504]! (imm7 at its maximum)");
	regs_init(&r);
	r.u.sp = 16; /* unmapped */
	ok(emu(A, e_stp(3, -16, 30, 31, 29), child, &r) < 0,
	   "stp to an unmapped address: an error");

	/* ldr literal: the literal in the child at A-independent address */
	q[300] = 0x8877665544332211ull;
	q[301] = 0xfffffffe80000001ull;
	lit = (uint64_t)(uintptr_t)&q[300];
	regs_init(&r);
	ok(emu(lit - 0x100, e_ldrlit(1, 0, 4, 0x100), child, &r) == 0 &&
		   r.u.regs[4] == 0x8877665544332211ull &&
		   r.u.pc == lit - 0x100 + 4,
	   "emulate ldr x4, lit");
	ok(emu(lit + 0x100, e_ldrlit(0, 0, 4, -0x100), child, &r) == 0 &&
		   r.u.regs[4] == 0x44332211,
	   "emulate ldr w4, lit (backwards): zero-extended");
	ok(emu(lit - 8, e_ldrlit(2, 0, 9, 16), child, &r) == 0 &&
		   r.u.regs[9] == 0xffffffff80000001ull,
	   "emulate ldrsw x9, lit: sign-extended");
	ok(emu(lit - 8, e_ldrlit(0, 0, 9, 16), child, &r) == 0 &&
		   r.u.regs[9] == 0x80000001ull,
	   "emulate ldr w9, lit: zero-extended");
	regs_init(&r);
	ok(emu(lit, e_ldrlit(3, 0, 0, 8), child, &r) == 0 &&
		   r.u.regs[0] == 0x1000 && r.u.pc == lit + 4,
	   "emulate prfm lit: pc + 4 only");
	ok(emu(0x1000, e_ldrlit(1, 0, 4, 0), child, &r) < 0,
	   "ldr literal from an unmapped address: an error");
}

/* ---- relocation ------------------------------------------------------ */

/* Relocate w (at addr) to `to` in the shared page; the words in out. */
static int
reloc(uint64_t addr, uint32_t w, uint64_t to, uint32_t *out, size_t *n)
{
	struct arch_insn *i;
	uint8_t buf[ARCH_INSN_RELOC_MAX];
	size_t len = sizeof(buf);
	int err;

	i = dec(addr, w, &err);
	if (!i)
		return 1000 + err;
	err = arch_insn_relocate(i, to, buf, &len);
	arch_insn_free(i);
	if (err)
		return err;
	*n = len / 4;
	for (size_t k = 0; k < *n; k++)
		out[k] = get(buf + 4 * k);
	if (len % 4 == 0 && to >= (uint64_t)(uintptr_t)shm &&
	    to + len <= (uint64_t)(uintptr_t)shm + 4096)
		memcpy(shm + (to - (uint64_t)(uintptr_t)shm), buf, len);
	return 0;
}

/* "Run" relocated code at `to` (n words) by emulating each word at its
   slot address until the pc leaves [to, to + 4n). Returns the pc. */
static uint64_t
run(uint64_t to, const uint32_t *w, size_t n, struct arch_regs *r)
{
	r->u.pc = to;
	for (int steps = 0; steps < 16; steps++) {
		uint64_t pc = r->u.pc;

		if (pc < to || pc >= to + 4 * n)
			return pc;
		if (emu(pc, w[(pc - to) / 4], child, r) != 0)
			return 1; /* something we cannot emulate */
	}
	return 2;
}

static void
test_relocate(void)
{
	uint64_t to = (uint64_t)(uintptr_t)shm + 0x100;
	uint64_t at = to + 0x10000; /* the original, within reach */
	uint64_t far = to + 512 * MiB;
	uint32_t w[8];
	size_t n;
	struct arch_regs r;
	uint8_t small[8];
	size_t len;
	struct arch_insn *i;
	int err;

	ok(reloc(at, MUL_X0_X1_X2, to, w, &n) == 0 && n == 1 &&
		   w[0] == MUL_X0_X1_X2,
	   "relocate mul: the word copied");
	ok(reloc(at, PACIASP, to, w, &n) == 0 && n == 1 && w[0] == PACIASP,
	   "relocate paciasp: the word copied");
	ok(reloc(at, E_BR(3), to, w, &n) == 0 && n == 1 && w[0] == E_BR(3),
	   "relocate br x3: the word copied");
	i = dec(at, NOP, &err);
	len = sizeof(small);
	ok(i && arch_insn_relocate(i, to, small, &len) == -ENOSPC,
	   "relocate into 8 bytes: -ENOSPC");
	arch_insn_free(i);

	/* b: one b to the original target */
	ok(reloc(at, e_b(-0x200), to, w, &n) == 0 && n == 1,
	   "relocate b: one word");
	regs_init(&r);
	ok(run(to, w, n, &r) == at - 0x200, "relocated b goes to the target");
	ok(reloc(far, e_b(0x100), to, w, &n) == -ERANGE,
	   "relocate b 512 MiB away: -ERANGE");
	ok(reloc(to + 128 * MiB, e_b(0), to, w, &n) == -ERANGE,
	   "relocate b whose target is exactly +128 MiB away: -ERANGE");
	ok(reloc(to + 128 * MiB, e_b(-4), to, w, &n) == 0 &&
		   (regs_init(&r), run(to, w, n, &r) == to + 128 * MiB - 4),
	   "relocate b to +128 MiB - 4: in reach");

	/* bl: x30 = the original return address */
	ok(reloc(at, e_bl(0x4000), to, w, &n) == 0, "relocate bl");
	regs_init(&r);
	ok(run(to, w, n, &r) == at + 0x4000 && r.u.regs[30] == at + 4,
	   "relocated bl: target, x30 = original addr + 4");
	ok(reloc(far, e_bl(0x4000), to, w, &n) == -ERANGE,
	   "relocate bl 512 MiB away: -ERANGE");

	/* b.cond, cbz, tbz: taken to the target, else to + len */
	for (unsigned c = 0; c < 2; c++) {
		uint32_t bw = e_bcond(0, 0x80); /* b.eq */

		ok(reloc(at, bw, to, w, &n) == 0, "relocate b.eq");
		regs_init(&r);
		r.u.pstate = c ? PST(FZ) : 0;
		ok(run(to, w, n, &r) == (c ? at + 0x80 : to + 4 * n),
		   "relocated b.eq %s",
		   c ? "taken: the target" : "not taken: falls through");
	}
	ok(reloc(at, e_cbz(0, 1, 2, -0x80), to, w, &n) == 0,
	   "relocate cbnz w2");
	regs_init(&r);
	ok(run(to, w, n, &r) == at - 0x80, "relocated cbnz w2 taken");
	r.u.regs[2] = 0x100000000ull;
	ok(run(to, w, n, &r) == to + 4 * n,
	   "relocated cbnz w2 not taken (high half ignored)");
	ok(reloc(at, e_tbz(0, 33, 6, 0x1000), to, w, &n) == 0,
	   "relocate tbz x6, #33");
	regs_init(&r);
	ok(run(to, w, n, &r) == at + 0x1000, "relocated tbz #33 taken");
	r.u.regs[6] = 1ull << 33;
	ok(run(to, w, n, &r) == to + 4 * n,
	   "relocated tbz #33 not taken: falls through");
	ok(reloc(far, e_bcond(1, 0x80), to, w, &n) == -ERANGE &&
		   reloc(far, e_cbz(1, 0, 1, 0x80), to, w, &n) == -ERANGE &&
		   reloc(far, e_tbz(1, 1, 1, 0x80), to, w, &n) == -ERANGE,
	   "relocate b.cond/cbz/tbz 512 MiB away: -ERANGE");

	/* adr, adrp: the register gets the original address */
	ok(reloc(far, e_adr(0, 5, 0x44), to, w, &n) == 0,
	   "relocate adr x5 (512 MiB away: absolute)");
	regs_init(&r);
	ok(run(to, w, n, &r) == to + 4 * n && r.u.regs[5] == far + 0x44,
	   "relocated adr: x5 = original pc + 0x44, falls through");
	ok(reloc(far + 0x678, e_adr(1, 6, -1), to, w, &n) == 0,
	   "relocate adrp x6");
	regs_init(&r);
	ok(run(to, w, n, &r) == to + 4 * n &&
		   r.u.regs[6] == ((far + 0x678) & ~0xfffull) - 0x1000,
	   "relocated adrp: x6 = original page - 0x1000");

	/* ldr literal: x = the original literal's address, then a load */
	ok(reloc(far, e_ldrlit(1, 0, 7, 0x40), to, w, &n) == 0 && n >= 3,
	   "relocate ldr x7, lit");
	regs_init(&r);
	ok(emu(to, w[0], child, &r) == 0 && r.u.regs[7] == far + 0x40 &&
		   r.u.pc == to + 4,
	   "relocated ldr x7: first x7 = the literal's address");
	is_int(w[1], LDR_X_BASE(7, 7), "then ldr x7, [x7]");
	ok(emu(to + 8, w[2], child, &r) == 0 && r.u.pc == to + 4 * n,
	   "then past its own data to to + len");
	ok(reloc(far, e_ldrlit(0, 0, 8, -0x40), to, w, &n) == 0 &&
		   w[1] == LDR_W_BASE(8, 8) &&
		   (regs_init(&r), emu(to, w[0], child, &r) == 0) &&
		   r.u.regs[8] == far - 0x40,
	   "relocate ldr w8, lit: x8 = address; ldr w8, [x8]");
	ok(reloc(far, e_ldrlit(2, 0, 9, 0x40), to, w, &n) == 0 &&
		   w[1] == LDRSW_BASE(9, 9) &&
		   (regs_init(&r), emu(to, w[0], child, &r) == 0) &&
		   r.u.regs[9] == far + 0x40,
	   "relocate ldrsw x9, lit: x9 = address; ldrsw x9, [x9]");
	ok(reloc(far, e_ldrlit(3, 0, 0, 0x40), to, w, &n) == 0 &&
		   (regs_init(&r), run(to, w, n, &r) == to + 4 * n),
	   "relocate prfm lit: falls through");
	ok(reloc(far, e_ldrlit(1, 1, 0, 0x40), to, w, &n) == -ENOTSUP,
	   "relocate ldr d0, lit: -ENOTSUP");

	/* blr */
	ok(reloc(far, E_BLR(8), to, w, &n) == 0, "relocate blr x8");
	regs_init(&r);
	r.u.regs[8] = 0x44440000;
	ok(run(to, w, n, &r) == 0x44440000 && r.u.regs[30] == far + 4,
	   "relocated blr x8: x30 = original addr + 4");
	{
		int e = reloc(far, E_BLR(30), to, w, &n);

		ok(e == -ENOTSUP ||
			   (e == 0 && (regs_init(&r), r.u.regs[30] = 0x4545,
				       run(to, w, n, &r) == 0x4545 &&
					       r.u.regs[30] == far + 4)),
		   "relocate blr x30: -ENOTSUP or correct");
	}
	ok(reloc(far, RET, to, w, &n) == 0 && n == 1 && w[0] == RET,
	   "relocate ret: the word copied");
}

static void
test_jump(void)
{
	uint8_t buf[ARCH_JUMP_MAX];
	size_t len = sizeof(buf);
	struct arch_regs r;
	uint64_t from = 0x10000000;

	ok(arch_insn_jump(from, from + 0x1000, buf, &len) == 0 && len == 4 &&
		   get(buf) == 0x14000400u,
	   "jump +0x1000: b");
	len = sizeof(buf);
	ok(arch_insn_jump(from, from - 128 * MiB, buf, &len) == 0 && len == 4 &&
		   get(buf) == 0x16000000u,
	   "jump -128 MiB: b (imm26 minimum)");
	regs_init(&r);
	len = sizeof(buf);
	ok(arch_insn_jump(from, from + 128 * MiB - 4, buf, &len) == 0 &&
		   emu(from, get(buf), 0, &r) == 0 &&
		   r.u.pc == from + 128 * MiB - 4,
	   "jump +128 MiB - 4: b, decodes back to the target");
	len = sizeof(buf);
	ok(arch_insn_jump(from, from + 128 * MiB, buf, &len) == -ERANGE,
	   "jump +128 MiB: -ERANGE");
	len = sizeof(buf);
	ok(arch_insn_jump(from, from + 4 * (1ull << 30), buf, &len) == -ERANGE,
	   "jump +4 GiB: -ERANGE");
	len = 3;
	ok(arch_insn_jump(from, from + 8, buf, &len) == -ENOSPC,
	   "jump into 3 bytes: -ENOSPC");
}

/* ---- return-site scan ------------------------------------------------ */

static void
test_scan(void)
{
	/* A function at F (offsets in comments). */
	const uint64_t F = 0x410000;
	uint32_t fn[] = {
		BTI_C,			     /* 0x00 */
		PACIASP,		     /* 0x04 */
		0xa9bf7bfdu,		     /* 0x08 stp x29, x30, [sp, -16]! */
		0x910003fdu,		     /* 0x0c mov x29, sp */
		e_adr(0, 1, 0x48 - 0x10),    /* 0x10 adr x1, 0x48 (inside) */
		e_cbz(1, 0, 0, 0x30 - 0x14), /* 0x14 cbz x0, 0x30 (inside) */
		e_bcond(1, -0x1000),	     /* 0x18 b.ne outside */
		e_tbz(1, 3, 2, 0x400),	     /* 0x1c tbnz w2, #3, outside */
		E_BR(16),		     /* 0x20 br x16 */
		e_bl(0x10000),		     /* 0x24 bl outside: no site */
		e_b(0x2000),		     /* 0x28 b outside: tail */
		RETAA,			     /* 0x2c */
		RET,			     /* 0x30 */
		e_b(-0x30),		     /* 0x34 b 0x4 (inside) */
		e_ldrlit(1, 0, 3, 0x10),     /* 0x38 ldr x3, 0x48 (inside) */
		e_adr(1, 4, 0),		     /* 0x3c adrp x4, F's page */
		NOP,			     /* 0x40 */
		RET,			     /* 0x44 */
		NOP,			     /* 0x48 */
		NOP,			     /* 0x4c */
		0x02000000u,		     /* 0x50 undecodable */
		NOP,			     /* 0x54 */
	};
	static const struct arch_func_site want[] = {
		{ 0x18, ARCH_SITE_TAIL_COND }, { 0x1c, ARCH_SITE_TAIL_COND },
		{ 0x28, ARCH_SITE_TAIL },      { 0x2c, ARCH_SITE_RET },
		{ 0x30, ARCH_SITE_RET },       { 0x44, ARCH_SITE_RET },
	};
	uint8_t code[sizeof(fn)];
	struct arch_func_scan s;
	int same;

	for (size_t k = 0; k < sizeof(fn) / sizeof(fn[0]); k++)
		put(code + 4 * k, fn[k]);
	/* the whole function up to the bad word */
	ok(arch_func_scan(code, 0x50, F, &s) == 0 && !s.bad,
	   "scan 0x50 bytes: 0, not bad");
	is_int(s.n_insn, 20, "scan: 20 instructions");
	ok(s.n_insn == 20 && s.insn[0] == 0 && s.insn[19] == 0x4c,
	   "scan: offsets 0 .. 0x4c");
	same = s.n_site == sizeof(want) / sizeof(want[0]);
	for (size_t k = 0; same && k < s.n_site; k++)
		same = s.site[k].off == want[k].off &&
		       s.site[k].kind == want[k].kind;
	ok(same, "scan: sites b.ne, tbnz (tail_cond), b (tail), retaa, ret, "
		 "ret");
	if (!same)
		for (size_t k = 0; k < s.n_site; k++)
			diag("site %#llx kind %d",
			     (unsigned long long)s.site[k].off,
			     (int)s.site[k].kind);
	is_int(s.indirect, 1, "scan: one indirect jump (br x16)");
	/* adr x1 and ldr x3 -> 0x48 are inside (adrp: its page
	   0x410000 is F itself, inside too) */
	is_int(s.data_refs, 3, "scan: data refs adr, ldr literal, adrp");
	ok(arch_func_scan_is_insn(&s, 0) && arch_func_scan_is_insn(&s, 0x4c) &&
		   !arch_func_scan_is_insn(&s, 0x50) &&
		   !arch_func_scan_is_insn(&s, 0x2) &&
		   !arch_func_scan_is_insn(&s, 0x2e),
	   "scan_is_insn: 0, 0x4c yes; 0x50, 0x2, 0x2e no");
	arch_func_scan_release(&s);
	ok(s.insn == NULL && s.site == NULL && s.n_insn == 0,
	   "scan_release clears");

	ok(arch_func_scan(code, sizeof(code), F, &s) == 0 && s.bad &&
		   s.bad_off == 0x50 && s.n_insn == 20,
	   "scan over the undecodable word: bad at 0x50, stopped there");
	arch_func_scan_release(&s);

	/* trailing bytes that are no whole word are not an instruction */
	ok(arch_func_scan(code, 6, F, &s) == 0 && s.n_insn == 1 &&
		   !arch_func_scan_is_insn(&s, 4),
	   "scan of 6 bytes: one instruction");
	arch_func_scan_release(&s);
}

/* ---- USDT operands --------------------------------------------------- */

#define N_ -1
static void
test_sdt(void)
{
	static const struct {
		const char *op;
		enum arch_sdt_kind kind;
		unsigned size;
		int sgn, base, index;
		unsigned scale;
		int64_t disp;
	} t[] = {
		{ "-4@x1", ARCH_SDT_REG, 4, 1, 1, N_, 1, 0 },
		{ "8@x19", ARCH_SDT_REG, 8, 0, 19, N_, 1, 0 },
		{ "4@w2", ARCH_SDT_REG, 4, 0, 2, N_, 1, 0 },
		{ "-4@w30", ARCH_SDT_REG, 4, 1, 30, N_, 1, 0 },
		{ "1@w0", ARCH_SDT_REG, 1, 0, 0, N_, 1, 0 },
		{ "8@x30", ARCH_SDT_REG, 8, 0, 30, N_, 1, 0 },
		{ "8@sp", ARCH_SDT_REG, 8, 0, 32, N_, 1, 0 },
		{ "8@[sp, 16]", ARCH_SDT_MEM, 8, 0, 32, N_, 1, 16 },
		{ "-4@[x29, -12]", ARCH_SDT_MEM, 4, 1, 29, N_, 1, -12 },
		{ "8@[x0]", ARCH_SDT_MEM, 8, 0, 0, N_, 1, 0 },
		{ "2@[x3, #0x10]", ARCH_SDT_MEM, 2, 0, 3, N_, 1, 16 },
		{ "8@[x1, x2]", ARCH_SDT_MEM, 8, 0, 1, 2, 1, 0 },
		{ "8@[x1, x2, lsl 3]", ARCH_SDT_MEM, 8, 0, 1, 2, 8, 0 },
		{ "4@[sp, x20, lsl 2]", ARCH_SDT_MEM, 4, 0, 32, 20, 4, 0 },
		{ "4@5", ARCH_SDT_IMM, 4, 0, N_, N_, 1, 5 },
		{ "4@#5", ARCH_SDT_IMM, 4, 0, N_, N_, 1, 5 },
		{ "-4@#-1", ARCH_SDT_IMM, 4, 1, N_, N_, 1, -1 },
		{ "-8@-100", ARCH_SDT_IMM, 8, 1, N_, N_, 1, -100 },
		{ "8@xzr", ARCH_SDT_IMM, 8, 0, N_, N_, 1, 0 },
		{ "4@wzr", ARCH_SDT_IMM, 4, 0, N_, N_, 1, 0 },
	};
	static const char *bad[] = {
		"8@w1",
		"8@x31",
		"8@[x0, w1, sxtw]",
		"8@%rax",
		"4@[x0",
		"x1",
		"8@[x0, #:lo12:.LANCHOR0]",
		"8@[x0, #:lo12:]",
		"3@x1",
		"16@x1",
		"8@",
		"@x1",
		"8@x1 ",
		"8@[xzr]",
		"8@[w0]",
		"8@[x0, sp]",
		"8@[x1, x2, lsl 4]",
		"8@[x1, x2, lsr 3]",
		"8@v0",
		"8@x01",
		"8@-4(%rbp)",
		"#8@x1",
	};
	struct arch_sdt_arg a;

	for (size_t k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		int rc = arch_sdt_arg_parse(t[k].op, strlen(t[k].op), &a);

		ok(rc == 0 && a.kind == t[k].kind && a.size == t[k].size &&
			   !!a.is_signed == t[k].sgn &&
			   (t[k].kind == ARCH_SDT_IMM || a.base == t[k].base) &&
			   (t[k].kind != ARCH_SDT_MEM ||
			    (a.index == t[k].index &&
			     (t[k].index < 0 || a.scale == t[k].scale))) &&
			   (t[k].kind == ARCH_SDT_REG || a.disp == t[k].disp) &&
			   a.sym == NULL && a.shift == 0,
		   "sdt %s", t[k].op);
		if (rc)
			diag("rc %d", rc);
	}
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		is_int(arch_sdt_arg_parse(bad[k], strlen(bad[k]), &a), -EINVAL,
		       "sdt %s refused", bad[k]);
	/* :lo12: of a real symbol: its page is in the base register */
	ok(arch_sdt_arg_parse("-4@[x6, #:lo12:ut_global]", 25, &a) == 0 &&
		   a.kind == ARCH_SDT_MEM && a.size == 4 && a.is_signed &&
		   a.base == 6 && a.sym_lo12 && a.symlen == 9 &&
		   memcmp(a.sym, "ut_global", 9) == 0 && a.disp == 0,
	   "sdt [x6, #:lo12:ut_global]: x6 + lo12(ut_global)");
	ok(arch_sdt_arg_parse("8@[x1, #:lo12:tab+16]", 21, &a) == 0 &&
		   a.base == 1 && a.sym_lo12 && a.symlen == 3 && a.disp == 16,
	   "sdt [x1, #:lo12:tab+16]: with an addend");
	/* the operand is len bytes, not up to a NUL */
	ok(arch_sdt_arg_parse("8@x19 4@w1", 5, &a) == 0 &&
		   a.kind == ARCH_SDT_REG && a.base == 19,
	   "sdt: len bytes only");
}

int
main(void)
{
	int st;

	shm = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shm == MAP_FAILED)
		return 99;
	child = stopped_child();
	if (child <= 0) {
		printf("1..0 # SKIP cannot ptrace a child of ours\n");
		return 0;
	}
	test_bkpt_regs();
	test_decode();
	test_emulate_branches();
	test_emulate_data();
	test_emulate_mem();
	test_relocate();
	test_jump();
	test_scan();
	test_sdt();
	kill(child, SIGKILL);
	ok(waitpid(child, &st, 0) == child, "child reaped");
	return done_testing();
}
