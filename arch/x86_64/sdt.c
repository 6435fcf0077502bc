/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: the operands of a .note.stapsdt argument string. <sys/sdt.h>
 * hands each argument to the assembler as an "nor" operand and writes it
 * in AT&T syntax after its size: "-4@%eax", "8@-16(%rbp)",
 * "8@(%rax,%rdx,8)", "4@$5", "8@sym+8(%rip)". Whatever the compiler may
 * pick for such an operand is understood; anything else (an operand of
 * another CPU, a register that cannot be one, a scale of 3) is refused
 * rather than guessed at, since a wrong guess would show the user a value
 * that the program never had.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "arch/arch.h"

/* uregs[] indexes (arch_ureg(), regs.c): Oracle DTrace's R_* order. */
enum {
	U_R15 = 0,
	U_R14 = 1,
	U_R13 = 2,
	U_R12 = 3,
	U_RBP = 4,
	U_RBX = 5,
	U_R11 = 6,
	U_R10 = 7,
	U_R9 = 8,
	U_R8 = 9,
	U_RAX = 10,
	U_RCX = 11,
	U_RDX = 12,
	U_RSI = 13,
	U_RDI = 14,
	U_RIP = 16,
	U_RSP = 19,
};

struct reg_name {
	const char *name;
	unsigned char ureg;
	unsigned char width; /* bytes */
	unsigned char shift; /* bits */
};

/* The legacy registers under all of their names; r8..r15 are computed. */
static const struct reg_name legacy[] = {
	{ "rax", U_RAX, 8, 0 }, { "eax", U_RAX, 4, 0 }, { "ax", U_RAX, 2, 0 },
	{ "al", U_RAX, 1, 0 },	{ "ah", U_RAX, 1, 8 },	{ "rbx", U_RBX, 8, 0 },
	{ "ebx", U_RBX, 4, 0 }, { "bx", U_RBX, 2, 0 },	{ "bl", U_RBX, 1, 0 },
	{ "bh", U_RBX, 1, 8 },	{ "rcx", U_RCX, 8, 0 }, { "ecx", U_RCX, 4, 0 },
	{ "cx", U_RCX, 2, 0 },	{ "cl", U_RCX, 1, 0 },	{ "ch", U_RCX, 1, 8 },
	{ "rdx", U_RDX, 8, 0 }, { "edx", U_RDX, 4, 0 }, { "dx", U_RDX, 2, 0 },
	{ "dl", U_RDX, 1, 0 },	{ "dh", U_RDX, 1, 8 },	{ "rsi", U_RSI, 8, 0 },
	{ "esi", U_RSI, 4, 0 }, { "si", U_RSI, 2, 0 },	{ "sil", U_RSI, 1, 0 },
	{ "rdi", U_RDI, 8, 0 }, { "edi", U_RDI, 4, 0 }, { "di", U_RDI, 2, 0 },
	{ "dil", U_RDI, 1, 0 }, { "rbp", U_RBP, 8, 0 }, { "ebp", U_RBP, 4, 0 },
	{ "bp", U_RBP, 2, 0 },	{ "bpl", U_RBP, 1, 0 }, { "rsp", U_RSP, 8, 0 },
	{ "esp", U_RSP, 4, 0 }, { "sp", U_RSP, 2, 0 },	{ "spl", U_RSP, 1, 0 },
	{ "rip", U_RIP, 8, 0 },
};

/* r8..r15 in uregs[] order. */
static const unsigned char rn_ureg[8] = { U_R8,	 U_R9,	U_R10, U_R11,
					  U_R12, U_R13, U_R14, U_R15 };

/*
 * The register named by s[0..n) (without the '%'): 0 and *r, or -EINVAL.
 * r8..r15 take the suffixes d, w, b (and l, as Intel's manuals write the
 * byte form).
 */
static int
reg_lookup(const char *s, size_t n, struct reg_name *r)
{
	size_t i;
	unsigned num;

	for (i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++) {
		if (strlen(legacy[i].name) == n &&
		    memcmp(legacy[i].name, s, n) == 0) {
			*r = legacy[i];
			return 0;
		}
	}
	if (n < 2 || s[0] != 'r' || s[1] < '0' || s[1] > '9')
		return -EINVAL;
	num = (unsigned)(s[1] - '0');
	i = 2;
	if (n > 2 && s[2] >= '0' && s[2] <= '9') {
		num = num * 10 + (unsigned)(s[2] - '0');
		i = 3;
	}
	if (num < 8 || num > 15 || (s[1] == '0'))
		return -EINVAL;
	r->name = NULL;
	r->ureg = rn_ureg[num - 8];
	r->shift = 0;
	if (i == n)
		r->width = 8;
	else if (i + 1 == n && s[i] == 'd')
		r->width = 4;
	else if (i + 1 == n && s[i] == 'w')
		r->width = 2;
	else if (i + 1 == n && (s[i] == 'b' || s[i] == 'l'))
		r->width = 1;
	else
		return -EINVAL;
	return 0;
}

/* A cursor over the operand's text. */
struct cur {
	const char *p, *end;
};

static int
peek(const struct cur *c)
{
	return c->p < c->end ? (unsigned char)*c->p : -1;
}

static int
is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static int
hex_val(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * An unsigned decimal or 0x-hex number: 0 and *v, or -EINVAL (no digit,
 * or more than 64 bits).
 */
static int
parse_uint(struct cur *c, uint64_t *v)
{
	unsigned base = 10;
	uint64_t x = 0;
	int d, any = 0;

	if (c->end - c->p > 2 && c->p[0] == '0' &&
	    (c->p[1] == 'x' || c->p[1] == 'X') && hex_val(c->p[2]) >= 0) {
		base = 16;
		c->p += 2;
	}
	while ((d = base == 16 ?
			    hex_val(peek(c)) :
			    (is_digit(peek(c)) ? peek(c) - '0' : -1)) >= 0) {
		if (x > (UINT64_MAX - (unsigned)d) / base)
			return -EINVAL;
		x = x * base + (unsigned)d;
		c->p++;
		any = 1;
	}
	if (!any)
		return -EINVAL;
	*v = x;
	return 0;
}

/* An optionally signed number; "-N" is N negated modulo 2^64. */
static int
parse_int(struct cur *c, int64_t *v)
{
	int neg = 0;
	uint64_t u;

	if (peek(c) == '-' || peek(c) == '+') {
		neg = peek(c) == '-';
		c->p++;
	}
	if (parse_uint(c, &u) < 0)
		return -EINVAL;
	*v = (int64_t)(neg ? 0 - u : u);
	return 0;
}

/* "%name": the register, or -EINVAL. */
static int
parse_reg(struct cur *c, struct reg_name *r)
{
	const char *s;

	if (peek(c) != '%')
		return -EINVAL;
	s = ++c->p;
	while (c->p < c->end &&
	       ((*c->p >= 'a' && *c->p <= 'z') || is_digit(*c->p)))
		c->p++;
	return reg_lookup(s, (size_t)(c->p - s), r);
}

static int
is_sym_start(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       ch == '_' || ch == '.';
}

static int
is_sym_char(int ch)
{
	return is_sym_start(ch) || is_digit(ch) || ch == '$' || ch == '@';
}

/* "N@": the size and sign. */
static int
parse_size(struct cur *c, struct arch_sdt_arg *out)
{
	uint64_t n;

	if (peek(c) == '-') {
		out->is_signed = 1;
		c->p++;
	}
	if (!is_digit(peek(c)) || parse_uint(c, &n) < 0 || peek(c) != '@')
		return -EINVAL;
	c->p++;
	if (n != 1 && n != 2 && n != 4 && n != 8)
		return -EINVAL;
	out->size = (unsigned)n;
	return 0;
}

/*
 * A memory operand's base and index registers: 64-bit ones (a 32-bit
 * address register would need the address truncated), no %rsp as the
 * index, %rip only alone.
 */
static int
parse_regs(struct cur *c, struct arch_sdt_arg *out)
{
	struct reg_name r;
	uint64_t scale;

	c->p++; /* '(' */
	if (peek(c) == '%') {
		if (parse_reg(c, &r) < 0 || r.width != 8)
			return -EINVAL;
		out->base = r.ureg;
	}
	if (peek(c) == ',') {
		c->p++;
		if (parse_reg(c, &r) < 0 || r.width != 8 || r.ureg == U_RSP ||
		    r.ureg == U_RIP)
			return -EINVAL;
		out->index = r.ureg;
		if (peek(c) == ',') {
			c->p++;
			if (parse_uint(c, &scale) < 0 ||
			    (scale != 1 && scale != 2 && scale != 4 &&
			     scale != 8))
				return -EINVAL;
			out->scale = (unsigned)scale;
		}
	}
	if (peek(c) != ')' || (out->base < 0 && out->index < 0))
		return -EINVAL;
	c->p++;
	if (out->base == U_RIP && out->index >= 0)
		return -EINVAL;
	return 0;
}

/*
 * "disp", "sym", "sym+disp", "sym-disp", "disp+sym", optionally followed by
 * "(base,index,scale)" (each part optional but one register).
 */
static int
parse_mem(struct cur *c, struct arch_sdt_arg *out)
{
	out->kind = ARCH_SDT_MEM;
	if (is_sym_start(peek(c))) {
		out->sym = c->p;
		while (is_sym_char(peek(c)))
			c->p++;
		out->symlen = (size_t)(c->p - out->sym);
		if ((peek(c) == '+' || peek(c) == '-') &&
		    parse_int(c, &out->disp) < 0)
			return -EINVAL;
	} else if (peek(c) != '(' && parse_int(c, &out->disp) < 0) {
		return -EINVAL;
	} else if (peek(c) == '+' && c->p + 1 < c->end &&
		   is_sym_start((unsigned char)c->p[1])) {
		/* "disp+sym": gcc writes a static array's element so
		   ("1+sbuf(%rip)" for sbuf[1]) */
		c->p++;
		out->sym = c->p;
		while (is_sym_char(peek(c)))
			c->p++;
		out->symlen = (size_t)(c->p - out->sym);
	}
	if (peek(c) == '(' && parse_regs(c, out) < 0)
		return -EINVAL;
	if (out->base == U_RIP) {
		/* The assembler resolved sym(%rip) to the symbol; a bare
		   offset from the nop's own pc means nothing here. */
		if (out->sym == NULL)
			return -EINVAL;
		out->base = -1;
	}
	return 0;
}

int
arch_sdt_arg_parse(const char *s, size_t len, struct arch_sdt_arg *out)
{
	struct cur c = { s, s + len };
	struct arch_sdt_arg a = { .base = -1, .index = -1, .scale = 1 };
	struct reg_name r;

	if (s == NULL || parse_size(&c, &a) < 0)
		return -EINVAL;
	if (peek(&c) == '$') {
		c.p++;
		a.kind = ARCH_SDT_IMM;
		if (parse_int(&c, &a.disp) < 0)
			return -EINVAL;
	} else if (peek(&c) == '%') {
		if (parse_reg(&c, &r) < 0 || r.ureg == U_RIP)
			return -EINVAL;
		a.kind = ARCH_SDT_REG;
		a.base = r.ureg;
		a.shift = r.shift;
		/* Bytes above the register's own are not its value: "8@%ax"
		   is read as 2 bytes. */
		if (a.size > r.width)
			a.size = r.width;
	} else if (parse_mem(&c, &a) < 0) {
		return -EINVAL;
	}
	if (c.p != c.end)
		return -EINVAL;
	*out = a;
	return 0;
}
