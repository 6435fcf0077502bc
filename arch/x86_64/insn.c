/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: getting past a breakpoint without removing it (arch/arch.h),
 * and the return sites of a function. Capstone decodes; the few
 * instructions that functions start with are emulated on the registers,
 * the others are rewritten to run out of line at another address.
 *
 * Capstone is trusted for the instruction's length, identity and operands;
 * the bytes that we rewrite (opcodes, rel8/rel32, disp32) are located by
 * our own reading of the encoding and checked against capstone's view, so
 * a decoder quirk refuses an instruction instead of corrupting it.
 */
#include "config.h"

#include <capstone/capstone.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

#include "arch/arch.h"
#include "arch/arch_util.h"

#define INSN_MAX 15 /* the architectural limit */

enum emu {
	EMU_NONE,
	EMU_NOP,
	EMU_PUSH,
	EMU_MOV,
	EMU_SUB_SP,
	EMU_ADD_SP,
	EMU_XOR,
	EMU_JMP, /* relative jmp and jcc: no stack involved */
	EMU_JCC,
};

enum rel {
	REL_NONE,
	REL_JMP,
	REL_JCC,
	REL_LOOP, /* jrcxz, loop, loope, loopne: rel8 only */
	REL_CALL,
	REL_CALL_IND,
};

struct arch_insn {
	uint64_t addr;
	uint8_t bytes[INSN_MAX];
	uint8_t len;
	uint8_t op_off;	  /* the opcode byte, past prefixes and REX */
	uint8_t disp_off; /* a rip-relative disp32, or 0 */
	enum emu emu;
	enum rel rel;
	uint8_t cc; /* REL_JCC: the condition (low nibble of the opcode) */
	x86_reg r1, r2;
	int64_t imm;
	uint64_t target; /* REL_JMP, REL_JCC, REL_LOOP, REL_CALL */
};

/* ---- registers ------------------------------------------------------- */

/* Where capstone's register lives in user_regs_struct, and its size
   (8 or 4), or 0 for a register we do not emulate. */
static size_t
gpr(x86_reg reg, size_t *off)
{
#define R(c64, c32, field)                                                     \
	case X86_REG_##c64:                                                    \
		*off = offsetof(struct user_regs_struct, field);               \
		return 8;                                                      \
	case X86_REG_##c32:                                                    \
		*off = offsetof(struct user_regs_struct, field);               \
		return 4;
	switch (reg) {
		R(RAX, EAX, rax)
		R(RBX, EBX, rbx)
		R(RCX, ECX, rcx)
		R(RDX, EDX, rdx)
		R(RSI, ESI, rsi)
		R(RDI, EDI, rdi)
		R(RBP, EBP, rbp)
		R(RSP, ESP, rsp)
		R(R8, R8D, r8)
		R(R9, R9D, r9)
		R(R10, R10D, r10)
		R(R11, R11D, r11)
		R(R12, R12D, r12)
		R(R13, R13D, r13)
		R(R14, R14D, r14)
		R(R15, R15D, r15)
	default:
		return 0;
	}
#undef R
}

static unsigned long long *
gpr_ptr(struct arch_regs *r, x86_reg reg)
{
	size_t off;

	gpr(reg, &off);
	return (unsigned long long *)((char *)&r->u + off);
}

/* ---- decoding -------------------------------------------------------- */

static int
cs_start(csh *h)
{
	if (cs_open(CS_ARCH_X86, CS_MODE_64, h) != CS_ERR_OK)
		return -ENOMEM;
	cs_option(*h, CS_OPT_DETAIL, CS_OPT_ON);
	return 0;
}

/* The offset of the opcode: legacy prefixes, then one REX. */
static size_t
opcode_offset(const uint8_t *b, size_t len)
{
	size_t n = 0;

	while (n < len) {
		switch (b[n]) {
		case 0xf0:
		case 0xf2:
		case 0xf3:
		case 0x2e:
		case 0x36:
		case 0x3e:
		case 0x26:
		case 0x64:
		case 0x65:
		case 0x66:
		case 0x67:
			n++;
			continue;
		}
		break;
	}
	if (n < len && (b[n] & 0xf0) == 0x40)
		n++;
	return n;
}

static int64_t
read_signed(const uint8_t *p, size_t size)
{
	int32_t v32;

	if (size == 1)
		return (int8_t)p[0];
	if (size == 2)
		return (int16_t)(p[0] | p[1] << 8);
	memcpy(&v32, p, 4);
	return v32;
}

static bool
is_endbr(const struct arch_insn *i)
{
	static const uint8_t e64[] = { 0xf3, 0x0f, 0x1e, 0xfa };
	static const uint8_t e32[] = { 0xf3, 0x0f, 0x1e, 0xfb };

	return i->len == 4 &&
	       (!memcmp(i->bytes, e64, 4) || !memcmp(i->bytes, e32, 4));
}

static void
classify_emu(struct arch_insn *i, const cs_insn *c)
{
	const cs_x86 *x = &c->detail->x86;
	const cs_x86_op *o = x->operands;
	size_t off, s0, s1;

	/* A rep prefix turns some hint nops into other instructions
	   (rdssp): those are not nops, whatever capstone 4 calls them. */
	if (is_endbr(i) || (c->id == X86_INS_NOP && !x->prefix[0])) {
		i->emu = EMU_NOP;
		return;
	}
	if (c->id == X86_INS_PUSH && x->op_count == 1 &&
	    o[0].type == X86_OP_REG && gpr(o[0].reg, &off) == 8) {
		i->emu = EMU_PUSH;
		i->r1 = o[0].reg;
		return;
	}
	if (x->op_count != 2 || o[0].type != X86_OP_REG)
		return;
	s0 = gpr(o[0].reg, &off);
	if (s0 == 0)
		return;
	if (o[1].type == X86_OP_REG) {
		s1 = gpr(o[1].reg, &off);
		i->r1 = o[0].reg;
		i->r2 = o[1].reg;
		if (c->id == X86_INS_MOV && s0 == s1)
			i->emu = EMU_MOV;
		else if (c->id == X86_INS_XOR && o[0].reg == o[1].reg)
			i->emu = EMU_XOR;
		return;
	}
	/* add/sub $imm, %rsp: the immediate read from the bytes. */
	if (o[1].type == X86_OP_IMM && o[0].reg == X86_REG_RSP &&
	    (c->id == X86_INS_SUB || c->id == X86_INS_ADD) &&
	    (x->encoding.imm_size == 1 || x->encoding.imm_size == 4) &&
	    x->encoding.imm_offset + x->encoding.imm_size == i->len) {
		i->imm = read_signed(i->bytes + x->encoding.imm_offset,
				     x->encoding.imm_size);
		i->emu = c->id == X86_INS_SUB ? EMU_SUB_SP : EMU_ADD_SP;
	}
}

/* A rip-relative memory operand: where its disp32 sits. */
static int
classify_rip(struct arch_insn *i, const cs_insn *c)
{
	const cs_x86 *x = &c->detail->x86;
	int32_t d;
	uint8_t k;

	for (k = 0; k < x->op_count; k++) {
		if (x->operands[k].type != X86_OP_MEM)
			continue;
		if (x->operands[k].mem.base == X86_REG_EIP)
			return -ENOTSUP;
		if (x->operands[k].mem.base != X86_REG_RIP)
			continue;
		/* In 64-bit mode a rip-relative operand always has a disp32
		   (with 0x67 it is eip's, refused above). Capstone 4 reports
		   disp_size 2 under a 0x66 prefix (andpd, comisd: libm's
		   fabs starts so): the bytes at disp_offset, which must hold
		   the displacement it decoded, decide. */
		if (x->encoding.disp_offset == 0 ||
		    x->encoding.disp_offset + 4 > i->len)
			return -ENOTSUP;
		memcpy(&d, i->bytes + x->encoding.disp_offset, 4);
		if (d != x->operands[k].mem.disp)
			return -ENOTSUP;
		i->disp_off = x->encoding.disp_offset;
	}
	return 0;
}

/* Relative branches, from the opcode bytes; the target is recomputed from
   the rel8/rel32 at the end of the instruction. */
static int
classify_rel(struct arch_insn *i, csh h, const cs_insn *c)
{
	const cs_x86 *x = &c->detail->x86;
	const uint8_t *op = i->bytes + i->op_off;
	size_t rel = 4;

	if (c->id == X86_INS_LCALL || c->id == X86_INS_XBEGIN)
		return -ENOTSUP;
	if (c->id == X86_INS_CALL &&
	    !cs_insn_group(h, c, X86_GRP_BRANCH_RELATIVE)) {
		/* call *op: FF /2. The push comes first when relocated, so
		   the operand must not depend on %rsp. */
		if (op[0] != 0xff || i->op_off + 1 >= i->len ||
		    ((op[1] >> 3) & 7) != 2 || x->op_count != 1)
			return -ENOTSUP;
		if ((x->operands[0].type == X86_OP_REG &&
		     x->operands[0].reg == X86_REG_RSP) ||
		    (x->operands[0].type == X86_OP_MEM &&
		     (x->operands[0].mem.base == X86_REG_RSP ||
		      x->operands[0].mem.index == X86_REG_RSP)))
			return -ENOTSUP;
		i->rel = REL_CALL_IND;
		return 0;
	}
	if (!cs_insn_group(h, c, X86_GRP_BRANCH_RELATIVE))
		return 0;
	/* An operand-size or address-size prefix truncates rip or uses
	   ecx: nothing a compiler emits, refused. */
	if (x->prefix[2] || x->prefix[3])
		return -ENOTSUP;
	if (op[0] == 0xe8) {
		i->rel = REL_CALL;
	} else if (op[0] == 0xe9 || op[0] == 0xeb) {
		i->rel = REL_JMP;
		rel = op[0] == 0xeb ? 1 : 4;
	} else if (op[0] >= 0x70 && op[0] <= 0x7f) {
		i->rel = REL_JCC;
		i->cc = op[0] & 0xf;
		rel = 1;
	} else if (op[0] == 0x0f && i->op_off + 1 < i->len &&
		   (op[1] & 0xf0) == 0x80) {
		i->rel = REL_JCC;
		i->cc = op[1] & 0xf;
	} else if (op[0] >= 0xe0 && op[0] <= 0xe3) {
		i->rel = REL_LOOP;
		rel = 1;
	} else {
		return -ENOTSUP;
	}
	if (i->len < rel)
		return -ENOTSUP;
	i->target = i->addr + i->len +
		    (uint64_t)read_signed(i->bytes + i->len - rel, rel);
	if (x->op_count != 1 || x->operands[0].type != X86_OP_IMM ||
	    (uint64_t)x->operands[0].imm != i->target)
		return -ENOTSUP;
	return 0;
}

int
arch_insn_decode(struct arch_insn **out, uint64_t addr, const uint8_t *buf,
		 size_t len)
{
	struct arch_insn *i;
	cs_insn *c = NULL;
	csh h;
	int err;

	*out = NULL;
	err = cs_start(&h);
	if (err)
		return err;
	if (len > INSN_MAX)
		len = INSN_MAX;
	if (cs_disasm(h, buf, len, addr, 1, &c) != 1) {
		cs_close(&h);
		return -EILSEQ;
	}
	i = calloc(1, sizeof(*i));
	if (!i) {
		err = -ENOMEM;
		goto out;
	}
	i->addr = addr;
	i->len = (uint8_t)c->size;
	memcpy(i->bytes, buf, c->size);
	i->op_off = (uint8_t)opcode_offset(i->bytes, i->len);
	err = classify_rip(i, c);
	if (!err)
		err = classify_rel(i, h, c);
	if (!err)
		classify_emu(i, c);
	if (!err && i->rel == REL_JMP)
		i->emu = EMU_JMP;
	if (!err && i->rel == REL_JCC)
		i->emu = EMU_JCC;
	if (err) {
		free(i);
		i = NULL;
	}
	*out = i;
out:
	cs_free(c, 1);
	cs_close(&h);
	return err;
}

void
arch_insn_free(struct arch_insn *i)
{
	free(i);
}

size_t
arch_insn_len(const struct arch_insn *i)
{
	return i->len;
}

/* ---- emulation ------------------------------------------------------- */

#define FL_CF 0x001
#define FL_PF 0x004
#define FL_AF 0x010
#define FL_ZF 0x040
#define FL_SF 0x080
#define FL_OF 0x800
#define FL_ARITH (FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF)

/* The flags of a 64-bit add or sub, a op b = res, as the CPU sets them. */
static unsigned long long
arith_flags(uint64_t a, uint64_t b, uint64_t res, bool sub)
{
	unsigned long long f = 0;

	if (sub ? a < b : res < a)
		f |= FL_CF;
	if (!(__builtin_popcount((unsigned)(res & 0xff)) & 1))
		f |= FL_PF;
	if ((a ^ b ^ res) & 0x10)
		f |= FL_AF;
	if (res == 0)
		f |= FL_ZF;
	if (res >> 63)
		f |= FL_SF;
	if ((sub ? (a ^ b) & (a ^ res) : ~(a ^ b) & (a ^ res)) >> 63)
		f |= FL_OF;
	return f;
}

/* Whether condition cc (the low nibble of a jcc opcode) holds: the even
   conditions are the base ones, odd ones their negation. */
static bool
cond_holds(unsigned cc, unsigned long long f)
{
	bool sf = f & FL_SF, of = f & FL_OF, zf = f & FL_ZF, v;

	switch (cc >> 1) {
	case 0:
		v = of;
		break;
	case 1:
		v = f & FL_CF;
		break;
	case 2:
		v = zf;
		break;
	case 3:
		v = (f & FL_CF) || zf;
		break;
	case 4:
		v = sf;
		break;
	case 5:
		v = f & FL_PF;
		break;
	case 6:
		v = sf != of;
		break;
	default:
		v = zf || sf != of;
		break;
	}
	return v != (cc & 1);
}

static int
poke(pid_t tid, uint64_t addr, uint64_t val)
{
	if (ptrace(PTRACE_POKEDATA, tid, (void *)(uintptr_t)addr,
		   (void *)(uintptr_t)val) < 0)
		return -errno;
	return 0;
}

int
arch_insn_emulate(const struct arch_insn *i, pid_t tid, struct arch_regs *r)
{
	unsigned long long *d, *s, *fl = &r->u.eflags;
	uint64_t a, res;
	size_t off;
	int err;

	if (r->compat || i->emu == EMU_NONE)
		return -ENOTSUP;
	switch (i->emu) {
	case EMU_PUSH:
		/* push %rsp stores the value from before the push. */
		a = *gpr_ptr(r, i->r1);
		err = poke(tid, r->u.rsp - 8, a);
		if (err)
			return err;
		r->u.rsp -= 8;
		break;
	case EMU_MOV:
		d = gpr_ptr(r, i->r1);
		s = gpr_ptr(r, i->r2);
		/* A 32-bit destination is zero-extended. */
		*d = gpr(i->r1, &off) == 8 ? *s : (uint32_t)*s;
		break;
	case EMU_SUB_SP:
	case EMU_ADD_SP:
		a = r->u.rsp;
		res = i->emu == EMU_SUB_SP ? a - (uint64_t)i->imm :
					     a + (uint64_t)i->imm;
		*fl = (*fl & ~(unsigned long long)FL_ARITH) |
		      arith_flags(a, (uint64_t)i->imm, res,
				  i->emu == EMU_SUB_SP);
		r->u.rsp = res;
		break;
	case EMU_XOR:
		*gpr_ptr(r, i->r1) = 0;
		*fl = (*fl & ~(unsigned long long)FL_ARITH) | FL_ZF | FL_PF;
		break;
	case EMU_JMP:
		r->u.rip = i->target;
		return 0;
	case EMU_JCC:
		r->u.rip =
			cond_holds(i->cc, *fl) ? i->target : i->addr + i->len;
		return 0;
	case EMU_NOP:
	case EMU_NONE:
		break;
	}
	r->u.rip = i->addr + i->len;
	return 0;
}

/* ---- relocation ------------------------------------------------------ */

struct out {
	uint8_t *buf;
	size_t cap, n;
	bool full;
};

static void
emit(struct out *o, const void *p, size_t k)
{
	if (o->n + k > o->cap) {
		o->full = true;
		return;
	}
	memcpy(o->buf + o->n, p, k);
	o->n += k;
}

static void
emit_u8(struct out *o, uint8_t b)
{
	emit(o, &b, 1);
}

/* jmp *0(%rip); .quad to */
static void
emit_jmp_abs(struct out *o, uint64_t to)
{
	static const uint8_t jmp[] = { 0xff, 0x25, 0, 0, 0, 0 };

	emit(o, jmp, sizeof(jmp));
	emit(o, &to, 8);
}

/* push $lo32; movl $hi32, 4(%rsp): the 8-byte return address, pushed
   without touching a register or a flag. */
static void
emit_push_ret(struct out *o, uint64_t ret)
{
	static const uint8_t movl[] = { 0xc7, 0x44, 0x24, 0x04 };
	uint32_t lo = (uint32_t)ret, hi = (uint32_t)(ret >> 32);

	emit_u8(o, 0x68);
	emit(o, &lo, 4);
	emit(o, movl, sizeof(movl));
	emit(o, &hi, 4);
}

/* The original bytes, placed at address at, with the rip-relative disp32
   adjusted so that it names the same address. */
static int
emit_moved(struct out *o, const struct arch_insn *i, uint64_t at)
{
	uint8_t b[INSN_MAX];
	int32_t d;
	int64_t nd;

	memcpy(b, i->bytes, i->len);
	if (i->disp_off) {
		memcpy(&d, b + i->disp_off, 4);
		nd = (int64_t)d + (int64_t)(i->addr - at);
		if (nd < INT32_MIN || nd > INT32_MAX)
			return -ERANGE;
		d = (int32_t)nd;
		memcpy(b + i->disp_off, &d, 4);
	}
	if (i->rel == REL_CALL_IND) /* FF /2 -> FF /4 */
		b[i->op_off + 1] =
			(uint8_t)((b[i->op_off + 1] & ~0x38) | (4 << 3));
	emit(o, b, i->len);
	return 0;
}

int
arch_insn_relocate(const struct arch_insn *i, uint64_t to, uint8_t *buf,
		   size_t *len)
{
	struct out o = { buf, *len, 0, false };
	int err = 0;

	switch (i->rel) {
	case REL_NONE:
		err = emit_moved(&o, i, to);
		break;
	case REL_JMP:
		emit_jmp_abs(&o, i->target);
		break;
	case REL_JCC:
		/* j!cc over the absolute jump: the condition's opposite is
		   its low bit flipped. */
		emit_u8(&o, (uint8_t)(0x70 | (i->cc ^ 1)));
		emit_u8(&o, 14);
		emit_jmp_abs(&o, i->target);
		break;
	case REL_LOOP:
		emit(&o, i->bytes, i->op_off + 1u);
		emit_u8(&o, 2);
		emit_u8(&o, 0xeb);
		emit_u8(&o, 14);
		emit_jmp_abs(&o, i->target);
		break;
	case REL_CALL:
		emit_push_ret(&o, i->addr + i->len);
		emit_jmp_abs(&o, i->target);
		break;
	case REL_CALL_IND:
		emit_push_ret(&o, i->addr + i->len);
		err = emit_moved(&o, i, to + o.n);
		break;
	}
	if (err)
		return err;
	if (o.full)
		return -ENOSPC;
	*len = o.n;
	return 0;
}

int
arch_insn_jump(uint64_t from, uint64_t to, uint8_t *buf, size_t *len)
{
	struct out o = { buf, *len, 0, false };
	int64_t rel = (int64_t)(to - (from + 5));
	int32_t r32 = (int32_t)rel;

	if (rel == r32) {
		emit_u8(&o, 0xe9);
		emit(&o, &r32, 4);
	} else {
		emit_jmp_abs(&o, to);
	}
	if (o.full)
		return -ENOSPC;
	*len = o.n;
	return 0;
}
/* What one instruction means for the function's exits: a site kind, -1
   for none; *indirect set for a jump whose target is unknown. */
static int
exit_kind(csh h, const cs_insn *c, uint64_t addr, size_t len, bool *indirect)
{
	const cs_x86 *x = &c->detail->x86;
	uint64_t t;

	*indirect = false;
	if (c->id == X86_INS_RET)
		return ARCH_SITE_RET;
	if (!cs_insn_group(h, c, X86_GRP_JUMP) && c->id != X86_INS_LJMP)
		return -1;
	if (cs_insn_group(h, c, X86_GRP_BRANCH_RELATIVE)) {
		if (x->op_count != 1 || x->operands[0].type != X86_OP_IMM)
			return -1;
		t = (uint64_t)x->operands[0].imm;
		if (t >= addr && t - addr < len)
			return -1;
		return c->id == X86_INS_JMP ? ARCH_SITE_TAIL :
					      ARCH_SITE_TAIL_COND;
	}
	if (c->id == X86_INS_JMP && x->op_count == 1 &&
	    x->operands[0].type == X86_OP_MEM &&
	    x->operands[0].mem.base == X86_REG_RIP &&
	    x->operands[0].mem.index == X86_REG_INVALID)
		return ARCH_SITE_TAIL_IND;
	*indirect = true;
	return -1;
}

/* Whether an operand of c addresses the function's own bytes [addr, addr +
   len) as data: a rip-relative or absolute memory operand (or lea) whose
   base address is known, such as a jump table's. */
static bool
refs_own_bytes(const cs_insn *c, uint64_t addr, size_t len)
{
	const cs_x86 *x = &c->detail->x86;

	for (uint8_t i = 0; i < x->op_count; i++) {
		const cs_x86_op *op = &x->operands[i];
		uint64_t t;

		if (op->type != X86_OP_MEM)
			continue;
		if (op->mem.base == X86_REG_RIP)
			t = c->address + c->size + (uint64_t)op->mem.disp;
		else if (op->mem.base == X86_REG_INVALID &&
			 op->mem.segment == X86_REG_INVALID)
			t = (uint64_t)op->mem.disp;
		else
			continue;
		if (t >= addr && t - addr < len)
			return true;
	}
	return false;
}

int
arch_func_scan(const uint8_t *code, size_t len, uint64_t addr,
	       struct arch_func_scan *out)
{
	size_t icap = 0, scap = 0, left = len;
	const uint8_t *p = code;
	uint64_t a = addr;
	cs_insn *c;
	bool ind;
	csh h;
	int err, k;

	memset(out, 0, sizeof(*out));
	err = cs_start(&h);
	if (err)
		return err;
	c = cs_malloc(h);
	if (!c) {
		cs_close(&h);
		return -ENOMEM;
	}
	while (left > 0 && !err) {
		if (!cs_disasm_iter(h, &p, &left, &a, c)) {
			out->bad = 1;
			out->bad_off = a - addr;
			break;
		}
		err = arch_util_scan_insn(out, &icap, c->address - addr);
		k = exit_kind(h, c, addr, len, &ind);
		if (!err && k >= 0)
			err = arch_util_scan_site(out, &scap, c->address - addr,
						  (enum arch_site_kind)k);
		out->indirect += ind;
		out->data_refs += refs_own_bytes(c, addr, len);
	}
	cs_free(c, 1);
	cs_close(&h);
	if (err)
		arch_func_scan_release(out);
	return err;
}

int
arch_func_scan_is_insn(const struct arch_func_scan *s, uint64_t off)
{
	size_t lo = 0, hi = s->n_insn, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->insn[mid] == off)
			return 1;
		if (s->insn[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void
arch_func_scan_release(struct arch_func_scan *s)
{
	free(s->insn);
	free(s->site);
	memset(s, 0, sizeof(*s));
}
