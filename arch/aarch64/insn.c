/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64: getting past a breakpoint without removing it (arch/arch.h),
 * and the return sites of a function.
 *
 * Every instruction is one 4-byte word, so the classes that matter are
 * read from the encoding (the Arm ARM's masks); capstone (CS_ARCH_ARM64)
 * decides only whether a word we do not classify is an instruction at
 * all. Emulated on the registers: every pc-relative form (b, bl, b.cond,
 * cbz/cbnz, tbz/tbnz, adr, adrp, ldr/ldrsw/prfm literal) and br/blr/ret,
 * so their out-of-line copies are never needed in the common case; the
 * hints that change nothing (nop, bti); the prologue's add/sub
 * immediate (mov x29, sp; sub sp, sp, #N), stp of two x registers, and
 * mov between registers. Not emulated: paciasp and the other pointer-
 * authentication instructions (their result depends on a key only the
 * kernel knows) and everything else: those run out of line, copied
 * unchanged since they do not depend on the pc.
 */
#include "config.h"

#include <capstone/capstone.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "arch/arch.h"
#include "arch/arch_util.h"

#define INSN_LEN 4
#define B_RANGE (128ULL << 20) /* b/bl: imm26 words, +-128 MiB */

enum kind {
	K_PLAIN,     /* nothing pc-relative: runs anywhere */
	K_NOP,	     /* nop, bti */
	K_ADDSUB,    /* add/sub Xd|sp, Xn|sp, #imm{, lsl 12} */
	K_MOV,	     /* orr Xd|Wd, xzr, Xm|Wm */
	K_STP,	     /* stp Xt, Xt2, [Xn|sp, #imm]{!} or [Xn|sp], #imm */
	K_B,	     /* b */
	K_BL,	     /* bl */
	K_BCOND,     /* b.cond */
	K_CBZ,	     /* cbz / cbnz */
	K_TBZ,	     /* tbz / tbnz */
	K_ADR,	     /* adr, adrp: rd = target */
	K_LDR_LIT,   /* ldr Wt|Xt / ldrsw literal, prfm literal */
	K_BR,	     /* br Xn */
	K_BLR,	     /* blr Xn */
	K_RET,	     /* ret Xn */
	K_NOEMU_REL, /* pc-relative but neither emulated nor movable:
			ldr literal into a SIMD register */
};

struct arch_insn {
	uint64_t addr;
	uint32_t word;
	enum kind kind;
	uint64_t target; /* branches, adr/adrp, literal address */
	unsigned rd, rn, rt2;
	bool neg;	/* cbnz, tbnz; sub */
	bool wide;	/* 64-bit form (cbz, mov, ldr literal size) */
	unsigned cond;	/* b.cond */
	unsigned bit;	/* tbz */
	int64_t imm;	/* add/sub, stp offset */
	unsigned mode;	/* stp: 1 post-index, 2 offset, 3 pre-index */
	unsigned lsize; /* ldr literal: 4 or 8 bytes; 0 for prfm */
	bool lsigned;	/* ldrsw */
};

static int64_t
sext(uint64_t v, unsigned bits)
{
	uint64_t m = 1ULL << (bits - 1);

	v &= (1ULL << bits) - 1;
	return (int64_t)((v ^ m) - m);
}

static uint32_t
word_at(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static void
put_word(uint8_t *b, uint32_t w)
{
	b[0] = (uint8_t)w;
	b[1] = (uint8_t)(w >> 8);
	b[2] = (uint8_t)(w >> 16);
	b[3] = (uint8_t)(w >> 24);
}

/* Classifies w (at addr) into i. Returns false for a word none of our
   classes covers (capstone then says whether it is an instruction). */
static bool
classify(struct arch_insn *i, uint32_t w, uint64_t addr)
{
	i->kind = K_PLAIN;
	if (w == 0xd503201f || (w & 0xffffff3f) == 0xd503241f) {
		i->kind = K_NOP; /* nop; bti {c|j|jc} */
	} else if ((w & 0x7c000000) == 0x14000000) {
		i->kind = (w >> 31) ? K_BL : K_B;
		i->target = addr + (uint64_t)(sext(w, 26) * 4);
	} else if ((w & 0xff000010) == 0x54000000) {
		i->kind = K_BCOND;
		i->cond = w & 0xf;
		i->target = addr + (uint64_t)(sext(w >> 5, 19) * 4);
	} else if ((w & 0x7e000000) == 0x34000000) {
		i->kind = K_CBZ;
		i->wide = w >> 31;
		i->neg = (w >> 24) & 1;
		i->rd = w & 0x1f;
		i->target = addr + (uint64_t)(sext(w >> 5, 19) * 4);
	} else if ((w & 0x7e000000) == 0x36000000) {
		i->kind = K_TBZ;
		i->neg = (w >> 24) & 1;
		i->bit = ((w >> 31) << 5) | ((w >> 19) & 0x1f);
		i->rd = w & 0x1f;
		i->target = addr + (uint64_t)(sext(w >> 5, 14) * 4);
	} else if ((w & 0x1f000000) == 0x10000000) {
		int64_t imm =
			sext(((w >> 5) & 0x7ffff) << 2 | ((w >> 29) & 3), 21);

		i->kind = K_ADR;
		i->rd = w & 0x1f;
		if (w >> 31) /* adrp */
			i->target = (addr & ~0xfffULL) + (uint64_t)(imm * 4096);
		else
			i->target = addr + (uint64_t)imm;
	} else if ((w & 0x3b000000) == 0x18000000) {
		unsigned opc = w >> 30;

		i->target = addr + (uint64_t)(sext(w >> 5, 19) * 4);
		i->rd = w & 0x1f;
		if ((w >> 26) & 1) {
			i->kind = K_NOEMU_REL; /* into a SIMD&FP register */
		} else {
			i->kind = K_LDR_LIT;
			i->lsize = opc == 0 ? 4 :
				   opc == 1 ? 8 :
				   opc == 2 ? 4 :
					      0;
			i->lsigned = opc == 2;
		}
	} else if ((w & 0xfffffc1f) == 0xd61f0000) {
		i->kind = K_BR;
		i->rn = (w >> 5) & 0x1f;
	} else if ((w & 0xfffffc1f) == 0xd63f0000) {
		i->kind = K_BLR;
		i->rn = (w >> 5) & 0x1f;
	} else if ((w & 0xfffffc1f) == 0xd65f0000) {
		i->kind = K_RET;
		i->rn = (w >> 5) & 0x1f;
	} else if ((w & 0xbf800000) == 0x91000000) {
		/* add/sub (immediate), 64-bit, flags not set */
		i->kind = K_ADDSUB;
		i->neg = (w >> 30) & 1;
		i->imm = (int64_t)((w >> 10) & 0xfff) << (((w >> 22) & 1) * 12);
		i->rn = (w >> 5) & 0x1f;
		i->rd = w & 0x1f;
	} else if ((w & 0x7fe0ffe0) == 0x2a0003e0) {
		i->kind = K_MOV; /* orr Rd, zr, Rm (shift 0) */
		i->wide = w >> 31;
		i->rn = (w >> 16) & 0x1f;
		i->rd = w & 0x1f;
	} else if ((w & 0xfe400000) == 0xa8000000 && ((w >> 23) & 3) != 0) {
		/* stp Xt, Xt2 (64-bit, not the no-allocate pair): bits
		   24:23 = 01 post-index, 10 offset, 11 pre-index */
		i->kind = K_STP;
		i->mode = (w >> 23) & 3;
		i->imm = sext(w >> 15, 7) * 8;
		i->rt2 = (w >> 10) & 0x1f;
		i->rn = (w >> 5) & 0x1f;
		i->rd = w & 0x1f;
	} else {
		return false;
	}
	return true;
}

static bool
cs_knows(uint32_t w, uint64_t addr)
{
	static csh h;
	static int opened;
	uint8_t b[INSN_LEN];
	cs_insn *c = NULL;
	size_t n;

	if (!opened) {
		opened = cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &h) == CS_ERR_OK ?
				 1 :
				 -1;
	}
	if (opened < 0)
		return true; /* no decoder: trust the word */
	put_word(b, w);
	n = cs_disasm(h, b, sizeof(b), addr, 1, &c);
	if (n)
		cs_free(c, n);
	return n == 1;
}

/* Instructions of the pointer-authentication extension that capstone 4
   may not know, recognised by their encodings: the hint-space PAC forms
   (paciasp, autiasp...: always valid, a nop without PAC), retaa/retab,
   braa/brab/blraa/blrab and their zero-modifier forms, eretaa/eretab. */
static bool
is_pac(uint32_t w)
{
	return (w & 0xfffff01f) == 0xd503201f || /* the whole hint space */
	       w == 0xd65f0bff || w == 0xd65f0fff ||
	       (w & 0xfefff800) == 0xd61f0800 || /* braa, brab, braaz, brabz */
	       (w & 0xfefff800) == 0xd63f0800;	 /* blraa, blrab, blraaz... */
}

int
arch_insn_decode(struct arch_insn **out, uint64_t addr, const uint8_t *buf,
		 size_t len)
{
	struct arch_insn *i;
	uint32_t w;

	if (len < INSN_LEN || (addr & 3))
		return -EILSEQ;
	w = word_at(buf);
	i = calloc(1, sizeof(*i));
	if (i == NULL)
		return -ENOMEM;
	i->addr = addr;
	i->word = w;
	if (!classify(i, w, addr) && !is_pac(w) && !cs_knows(w, addr)) {
		free(i);
		return -EILSEQ;
	}
	*out = i;
	return 0;
}

void
arch_insn_free(struct arch_insn *i)
{
	free(i);
}

size_t
arch_insn_len(const struct arch_insn *i)
{
	(void)i;
	return INSN_LEN;
}

/* ---- emulation -------------------------------------------------------- */

/* Register n as a source where 31 is the zero register. */
static uint64_t
xr(const struct arch_regs *r, unsigned n)
{
	return n == 31 ? 0 : r->u.regs[n];
}

/* Register n as a source where 31 is sp. */
static uint64_t
xsp(const struct arch_regs *r, unsigned n)
{
	return n == 31 ? r->u.sp : r->u.regs[n];
}

static void
set_xr(struct arch_regs *r, unsigned n, uint64_t v)
{
	if (n != 31)
		r->u.regs[n] = v;
}

static void
set_xsp(struct arch_regs *r, unsigned n, uint64_t v)
{
	if (n == 31)
		r->u.sp = v;
	else
		r->u.regs[n] = v;
}

/* The condition codes of pstate (N Z C V in bits 31..28). */
static bool
cond_holds(unsigned cond, uint64_t pstate)
{
	bool n = (pstate >> 31) & 1, z = (pstate >> 30) & 1,
	     c = (pstate >> 29) & 1, v = (pstate >> 28) & 1, res;

	switch (cond >> 1) {
	case 0:
		res = z; /* eq */
		break;
	case 1:
		res = c; /* cs */
		break;
	case 2:
		res = n; /* mi */
		break;
	case 3:
		res = v; /* vs */
		break;
	case 4:
		res = c && !z; /* hi */
		break;
	case 5:
		res = n == v; /* ge */
		break;
	case 6:
		res = n == v && !z; /* gt */
		break;
	default:
		return true; /* al, nv */
	}
	return (cond & 1) ? !res : res;
}
static int
poke(pid_t tid, uint64_t addr, uint64_t val)
{
	if (ptrace(PTRACE_POKEDATA, tid, (void *)(uintptr_t)addr,
		   (void *)(uintptr_t)val) < 0)
		return errno == EIO ? -EFAULT : -errno;
	return 0;
}

int
arch_insn_emulate(const struct arch_insn *i, pid_t tid, struct arch_regs *r)
{
	uint64_t next = i->addr + INSN_LEN, v;
	int rc;

	switch (i->kind) {
	case K_NOP:
		break;
	case K_B:
		next = i->target;
		break;
	case K_BL:
		r->u.regs[30] = next;
		next = i->target;
		break;
	case K_BCOND:
		if (cond_holds(i->cond, r->u.pstate))
			next = i->target;
		break;
	case K_CBZ:
		v = xr(r, i->rd);
		if (!i->wide)
			v &= 0xffffffffULL;
		if ((v == 0) != i->neg)
			next = i->target;
		break;
	case K_TBZ:
		if ((((xr(r, i->rd) >> i->bit) & 1) != 0) == i->neg)
			next = i->target;
		break;
	case K_ADR:
		set_xr(r, i->rd, i->target);
		break;
	case K_LDR_LIT:
		if (i->lsize) {
			uint64_t val = 0;
			uint32_t w32;

			if (i->lsize == 8) {
				rc = arch_util_read(tid, i->target, &val, 8);
			} else {
				rc = arch_util_read(tid, i->target, &w32, 4);
				val = i->lsigned ?
					      (uint64_t)(int64_t)(int32_t)w32 :
					      w32;
			}
			if (rc < 0)
				return rc;
			set_xr(r, i->rd, val);
		}
		break;
	case K_BR:
	case K_RET:
		next = xr(r, i->rn);
		break;
	case K_BLR:
		next = xr(r, i->rn); /* before x30 changes: blr x30 */
		r->u.regs[30] = i->addr + INSN_LEN;
		break;
	case K_ADDSUB:
		v = xsp(r, i->rn);
		set_xsp(r, i->rd,
			i->neg ? v - (uint64_t)i->imm : v + (uint64_t)i->imm);
		break;
	case K_MOV:
		v = xr(r, i->rn);
		set_xr(r, i->rd, i->wide ? v : (v & 0xffffffffULL));
		break;
	case K_STP: {
		uint64_t base = xsp(r, i->rn);
		uint64_t at = i->mode == 1 ? base : base + (uint64_t)i->imm;
		uint64_t a = xr(r, i->rd), b = xr(r, i->rt2);

		if ((rc = poke(tid, at, a)) < 0 ||
		    (rc = poke(tid, at + 8, b)) < 0)
			return rc;
		if (i->mode != 2)
			set_xsp(r, i->rn, base + (uint64_t)i->imm);
		break;
	}
	default:
		return -ENOTSUP;
	}
	r->u.pc = next;
	/* PSTATE.BTYPE (bits 11:10): a blr/br to a bti-guarded function
	   leaves it set at the brk, and the kernel gives it back on return
	   to user mode; the instruction we performed for the thread clears
	   it, as the CPU would have (an emulated br or blr sets none, which
	   only skips the target's landing-pad check). */
	r->u.pstate &= ~(3ULL << 10);
	return 0;
}

/* ---- relocation ------------------------------------------------------- */

/* b from `from` to `to`, or false when out of reach. */
static bool
enc_b(uint64_t from, uint64_t to, uint32_t *w)
{
	int64_t d = (int64_t)(to - from);

	if (d < -(int64_t)B_RANGE || d >= (int64_t)B_RANGE)
		return false;
	*w = 0x14000000 | ((uint32_t)(d / 4) & 0x3ffffff);
	return true;
}

/* ldr Xt, [pc, #8]: the literal two words on. */
static uint32_t
ldr_lit_x(unsigned rt, int words)
{
	return 0x58000000 | (((uint32_t)words & 0x7ffff) << 5) | rt;
}

int
arch_insn_relocate(const struct arch_insn *i, uint64_t to, uint8_t *buf,
		   size_t *len)
{
	uint32_t w[6];
	size_t n = 0;

	if (*len < ARCH_INSN_RELOC_MAX)
		return -ENOSPC;
	switch (i->kind) {
	case K_B:
		if (!enc_b(to, i->target, &w[n++]))
			return -ERANGE;
		break;
	case K_BL:
		/* x30 = the original return address, then b target. */
		w[n++] = ldr_lit_x(30, 2);
		if (!enc_b(to + 4, i->target, &w[n++]))
			return -ERANGE;
		w[n++] = (uint32_t)(i->addr + INSN_LEN);
		w[n++] = (uint32_t)((i->addr + INSN_LEN) >> 32);
		break;
	case K_BCOND:
	case K_CBZ:
	case K_TBZ:
		/* the branch to +8 (taken), b +8 (not taken: to the jump
		   back that follows), b target */
		if (i->kind == K_BCOND)
			w[n] = (i->word & ~(0x7ffffU << 5)) | (2U << 5);
		else if (i->kind == K_CBZ)
			w[n] = (i->word & ~(0x7ffffU << 5)) | (2U << 5);
		else
			w[n] = (i->word & ~(0x3fffU << 5)) | (2U << 5);
		n++;
		w[n++] = 0x14000002;
		if (!enc_b(to + 8, i->target, &w[n++]))
			return -ERANGE;
		break;
	case K_ADR:
		if (i->rd == 31) {
			w[n++] = 0xd503201f; /* into xzr: nothing */
			break;
		}
		/* ldr Xd, [pc, #8]; b +12; .quad target */
		w[n++] = ldr_lit_x(i->rd, 2);
		w[n++] = 0x14000003;
		w[n++] = (uint32_t)i->target;
		w[n++] = (uint32_t)(i->target >> 32);
		break;
	case K_LDR_LIT:
		if (i->lsize == 0 || i->rd == 31) {
			w[n++] = 0xd503201f; /* prfm: a hint */
			break;
		}
		/* ldr Xt, [pc, #12]; ldr Wt|Xt / ldrsw Xt, [Xt]; b +12;
		   .quad address */
		w[n++] = ldr_lit_x(i->rd, 3);
		if (i->lsize == 8)
			w[n++] = 0xf9400000 | (i->rd << 5) | i->rd;
		else if (i->lsigned)
			w[n++] = 0xb9800000 | (i->rd << 5) | i->rd;
		else
			w[n++] = 0xb9400000 | (i->rd << 5) | i->rd;
		w[n++] = 0x14000003;
		w[n++] = (uint32_t)i->target;
		w[n++] = (uint32_t)(i->target >> 32);
		break;
	case K_BLR:
		/* x30 = the original return address (taken from Xn first:
		   blr x30), then br. x16 would be the natural scratch, but
		   it may be live: Xn itself is read before x30 changes by
		   moving the return address through the literal after. */
		if (i->rn == 30)
			return -ENOTSUP;
		w[n++] = ldr_lit_x(30, 2);
		w[n++] = 0xd61f0000 | (i->rn << 5); /* br Xn */
		w[n++] = (uint32_t)(i->addr + INSN_LEN);
		w[n++] = (uint32_t)((i->addr + INSN_LEN) >> 32);
		break;
	case K_NOEMU_REL:
		return -ENOTSUP;
	default:
		w[n++] = i->word; /* not pc-relative: runs anywhere */
		break;
	}
	for (size_t k = 0; k < n; k++)
		put_word(buf + 4 * k, w[k]);
	*len = 4 * n;
	return 0;
}

int
arch_insn_jump(uint64_t from, uint64_t to, uint8_t *buf, size_t *len)
{
	uint32_t w;

	if (*len < INSN_LEN)
		return -ENOSPC;
	/* Without a free register only b reaches: the scratch pages are
	   placed just below the object, well within 128 MiB of its text. */
	if (!enc_b(from, to, &w))
		return -ERANGE;
	put_word(buf, w);
	*len = INSN_LEN;
	return 0;
}
int
arch_func_scan(const uint8_t *code, size_t len, uint64_t addr,
	       struct arch_func_scan *out)
{
	size_t icap = 0, scap = 0;
	uint64_t end = addr + len;

	memset(out, 0, sizeof(*out));
	for (uint64_t off = 0; off + INSN_LEN <= len; off += INSN_LEN) {
		struct arch_insn i = { 0 };
		uint32_t w = word_at(code + off);
		uint64_t at = addr + off;
		bool known = classify(&i, w, at);
		bool outside = i.target < addr || i.target >= end;
		int rc;

		if (!known && !is_pac(w) && !cs_knows(w, at)) {
			out->bad = 1;
			out->bad_off = off;
			break;
		}
		if ((rc = arch_util_scan_insn(out, &icap, off)) < 0)
			goto fail;
		rc = 0;
		if (known && i.kind == K_RET)
			rc = arch_util_scan_site(out, &scap, off,
						 ARCH_SITE_RET);
		else if (!known && (w == 0xd65f0bff || w == 0xd65f0fff))
			rc = arch_util_scan_site(out, &scap, off,
						 ARCH_SITE_RET);
		else if (known && i.kind == K_B && outside)
			rc = arch_util_scan_site(out, &scap, off,
						 ARCH_SITE_TAIL);
		else if (known &&
			 (i.kind == K_BCOND || i.kind == K_CBZ ||
			  i.kind == K_TBZ) &&
			 outside)
			rc = arch_util_scan_site(out, &scap, off,
						 ARCH_SITE_TAIL_COND);
		else if ((known && i.kind == K_BR) ||
			 (!known && (w & 0xfefff800) == 0xd61f0800 &&
			  !((w >> 21) & 1)))
			out->indirect++; /* br Xn, braa: a table or a tail
					    call, unknowable */
		else if (known &&
			 (i.kind == K_ADR || i.kind == K_LDR_LIT ||
			  i.kind == K_NOEMU_REL) &&
			 !outside)
			out->data_refs++;
		if (rc < 0)
			goto fail;
	}
	return 0;
fail:
	arch_func_scan_release(out);
	return -ENOMEM;
}

int
arch_func_scan_is_insn(const struct arch_func_scan *s, uint64_t off)
{
	return (off & 3) == 0 && off / INSN_LEN < s->n_insn;
}

void
arch_func_scan_release(struct arch_func_scan *s)
{
	free(s->insn);
	free(s->site);
	memset(s, 0, sizeof(*s));
}
