/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64: the operands of a .note.stapsdt argument string. <sys/sdt.h>
 * hands each argument to the assembler as an "nor" operand, which GCC
 * prints in its aarch64 syntax after the size: a register ("-4@w1",
 * "8@x19", "8@sp"), a memory operand ("8@[sp, 16]", "-4@[x29, -12]",
 * "8@[x0]", "8@[x1, x2]", "8@[x1, x2, lsl 3]", "4@[x1, #:lo12:sym]")
 * or a constant ("4@5", also taken as "4@#5"). Anything else (an extended
 * register index, :lo12: of an assembler-local label such as GCC's
 * section anchors, ".LANCHOR0", which no symbol table has, an operand of
 * another CPU) is refused rather than guessed at: a wrong guess would show
 * a value the program never had.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "arch/arch.h"

/* uregs[] indexes (arch_ureg(), regs.c): x0..x30 = 0..30, sp = 32. */
enum { U_SP = 32, U_ZR = -2 };

struct cur {
	const char *s, *end;
};

static int
peek(const struct cur *c)
{
	return c->s < c->end ? (unsigned char)*c->s : -1;
}

static void
skip_blanks(struct cur *c)
{
	while (peek(c) == ' ' || peek(c) == '\t')
		c->s++;
}

static int
digit_val(int ch, unsigned base)
{
	int v;

	if (ch >= '0' && ch <= '9')
		v = ch - '0';
	else if (ch >= 'a' && ch <= 'f')
		v = ch - 'a' + 10;
	else if (ch >= 'A' && ch <= 'F')
		v = ch - 'A' + 10;
	else
		return -1;
	return v < (int)base ? v : -1;
}

/* A decimal or 0x-hex number, with an optional '#' and sign. */
static int
parse_int(struct cur *c, int64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;
	int neg = 0, n = 0, d;

	if (peek(c) == '#')
		c->s++;
	if (peek(c) == '-' || peek(c) == '+')
		neg = *c->s++ == '-';
	if (c->end - c->s > 2 && c->s[0] == '0' &&
	    (c->s[1] == 'x' || c->s[1] == 'X')) {
		base = 16;
		c->s += 2;
	}
	while ((d = digit_val(peek(c), base)) >= 0) {
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return -EINVAL;
		v = v * base + (uint64_t)d;
		c->s++;
		n++;
	}
	if (n == 0)
		return -EINVAL;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

/* A register name: x0..x30, w0..w30, sp, wsp, fp, lr, xzr, wzr.
   *ureg gets its uregs[] index (U_ZR for the zero register), *width its
   size in bytes. */
static int
parse_reg(struct cur *c, int *ureg, unsigned *width)
{
	const char *s = c->s;
	size_t n = 0;

	while (s + n < c->end &&
	       ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9')))
		n++;
#define IS(lit) (n == sizeof(lit) - 1 && memcmp(s, lit, n) == 0)
	if (IS("sp") || IS("wsp")) {
		*ureg = U_SP;
		*width = s[0] == 'w' ? 4 : 8;
	} else if (IS("fp")) {
		*ureg = 29;
		*width = 8;
	} else if (IS("lr")) {
		*ureg = 30;
		*width = 8;
	} else if (IS("xzr") || IS("wzr")) {
		*ureg = U_ZR;
		*width = s[0] == 'w' ? 4 : 8;
	} else if (n >= 2 && n <= 3 && (s[0] == 'x' || s[0] == 'w') &&
		   s[1] >= '0' && s[1] <= '9' && !(n == 3 && s[1] == '0')) {
		int v = s[1] - '0';

		if (n == 3) {
			if (s[2] < '0' || s[2] > '9')
				return -EINVAL;
			v = v * 10 + (s[2] - '0');
		}
		if (v > 30)
			return -EINVAL;
		*ureg = v;
		*width = s[0] == 'w' ? 4 : 8;
	} else {
		return -EINVAL;
	}
#undef IS
	c->s += n;
	return 0;
}

static int
parse_size(struct cur *c, struct arch_sdt_arg *out)
{
	int64_t v;
	const char *at = memchr(c->s, '@', (size_t)(c->end - c->s));

	if (at == NULL || peek(c) == '#' || parse_int(c, &v) < 0 || c->s != at)
		return -EINVAL;
	c->s++;
	out->is_signed = v < 0;
	if (v < 0)
		v = -v;
	if (v != 1 && v != 2 && v != 4 && v != 8)
		return -EINVAL;
	out->size = (unsigned)v;
	return 0;
}

/* "[base]", "[base, imm]", "[base, index]", "[base, index, lsl n]". */
static int
parse_mem(struct cur *c, struct arch_sdt_arg *out)
{
	unsigned w;
	int reg;

	c->s++; /* '[' */
	skip_blanks(c);
	if (parse_reg(c, &reg, &w) < 0 || w != 8 || reg == U_ZR)
		return -EINVAL;
	out->kind = ARCH_SDT_MEM;
	out->base = reg;
	skip_blanks(c);
	if (peek(c) == ',') {
		c->s++;
		skip_blanks(c);
		if (peek(c) == 'x') {
			if (parse_reg(c, &reg, &w) < 0 || w != 8 ||
			    reg == U_ZR || reg == U_SP)
				return -EINVAL;
			out->index = reg;
			out->scale = 1;
			skip_blanks(c);
			if (peek(c) == ',') {
				int64_t sh;

				c->s++;
				skip_blanks(c);
				if (c->end - c->s < 3 ||
				    memcmp(c->s, "lsl", 3) != 0)
					return -EINVAL;
				c->s += 3;
				skip_blanks(c);
				if (parse_int(c, &sh) < 0 || sh < 0 || sh > 3)
					return -EINVAL;
				out->scale = 1U << sh;
			}
		} else if (c->end - c->s > 7 &&
			   memcmp(c->s, "#:lo12:", 7) == 0) {
			/* the low 12 bits of a symbol's address (the base
			   register holds its page, from adrp); an
			   assembler-local label (.LANCHOR0, GCC's section
			   anchors) is in no symbol table: refused */
			const char *sym = c->s + 7, *e = sym;

			while (e < c->end && *e != ']' && *e != ' ' &&
			       *e != '+' && *e != '-')
				e++;
			if (e == sym || sym[0] == '.')
				return -EINVAL;
			out->sym = sym;
			out->symlen = (size_t)(e - sym);
			out->sym_lo12 = 1;
			c->s = e;
			if (peek(c) == '+' || peek(c) == '-') {
				if (parse_int(c, &out->disp) < 0)
					return -EINVAL;
			}
		} else if (parse_int(c, &out->disp) < 0) {
			return -EINVAL;
		}
		skip_blanks(c);
	}
	if (peek(c) != ']')
		return -EINVAL;
	c->s++;
	return 0;
}

int
arch_sdt_arg_parse(const char *s, size_t len, struct arch_sdt_arg *out)
{
	struct cur c = { s, s + len };
	unsigned w;
	int reg;

	memset(out, 0, sizeof(*out));
	out->base = out->index = -1;
	out->scale = 1;
	if (parse_size(&c, out) < 0)
		return -EINVAL;
	if (peek(&c) == '[') {
		if (parse_mem(&c, out) < 0)
			return -EINVAL;
	} else if (peek(&c) == '#' || peek(&c) == '-' ||
		   (peek(&c) >= '0' && peek(&c) <= '9')) {
		out->kind = ARCH_SDT_IMM;
		if (parse_int(&c, &out->disp) < 0)
			return -EINVAL;
	} else {
		if (parse_reg(&c, &reg, &w) < 0)
			return -EINVAL;
		if (reg == U_ZR) {
			out->kind = ARCH_SDT_IMM;
			out->disp = 0;
		} else {
			/* Bytes above the register's own are not its
			   value: "8@w1" is no operand GCC writes. */
			if (out->size > w)
				return -EINVAL;
			out->kind = ARCH_SDT_REG;
			out->base = reg;
		}
	}
	return c.s == c.end ? 0 : -EINVAL;
}
