/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D printf-format parser (see fmt.h): DTrace's conversion dictionary
 * and the splitting of a format string into literal text and conversions,
 * with DTrace's flag rules and error messages. Used by the type checker
 * (to validate printf()/printa() arguments) and by the consumer (to print).
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fmt.h"
#include "common/xalloc.h"

static const char proto_xint[] = "char, short, int, long, or long long";
static const char proto_csi[] = "char, short, or int";
static const char proto_fp[] = "float, double, or long double";
static const char proto_addr[] = "pointer or integer";
static const char proto_uaddr[] =
	"pointer or integer (with -p/-c) or _usymaddr (without -p/-c)";
static const char proto_cstr[] = "char [] or string (or use stringof)";
static const char proto_wstr[] = "wchar_t []";

/* DTrace's conversion dictionary (dt_printf.c, _dtrace_conversions). */
static const struct fmt_conv convs[] = {
	{ "a", "s", proto_addr, FMT_C_KADDR, FMT_P_ADDR },
	{ "A", "s", proto_uaddr, FMT_C_UADDR, FMT_P_UADDR },
	{ "c", "c", proto_csi, FMT_C_CSI, FMT_P_SINT },
	{ "C", "s", proto_csi, FMT_C_CSI, FMT_P_ECHR },
	{ "d", "d", proto_xint, FMT_C_DINT, FMT_P_DINT },
	{ "e", "e", proto_fp, FMT_C_FP, FMT_P_FP },
	{ "E", "E", proto_fp, FMT_C_FP, FMT_P_FP },
	{ "f", "f", proto_fp, FMT_C_FP, FMT_P_FP },
	{ "g", "g", proto_fp, FMT_C_FP, FMT_P_FP },
	{ "G", "G", proto_fp, FMT_C_FP, FMT_P_FP },
	{ "hd", "d", "short", FMT_C_TYPE, FMT_P_SINT },
	{ "hi", "i", "short", FMT_C_TYPE, FMT_P_SINT },
	{ "ho", "o", "unsigned short", FMT_C_TYPE, FMT_P_UINT },
	{ "hu", "u", "unsigned short", FMT_C_TYPE, FMT_P_UINT },
	{ "hx", "x", "short", FMT_C_XSHORT, FMT_P_UINT },
	{ "hX", "X", "short", FMT_C_XSHORT, FMT_P_UINT },
	{ "i", "i", proto_xint, FMT_C_DINT, FMT_P_DINT },
	{ "k", "s", "stack", FMT_C_STACK, FMT_P_STACK },
	{ "lc", "lc", "int", FMT_C_TYPE, FMT_P_SINT },
	{ "ld", "d", "long", FMT_C_TYPE, FMT_P_SINT },
	{ "li", "i", "long", FMT_C_TYPE, FMT_P_SINT },
	{ "lo", "o", "unsigned long", FMT_C_TYPE, FMT_P_UINT },
	{ "lu", "u", "unsigned long", FMT_C_TYPE, FMT_P_UINT },
	{ "ls", "ls", proto_wstr, FMT_C_WSTR, FMT_P_WSTR },
	{ "lx", "x", "long", FMT_C_XLONG, FMT_P_UINT },
	{ "lX", "X", "long", FMT_C_XLONG, FMT_P_UINT },
	{ "lld", "d", "long long", FMT_C_TYPE, FMT_P_SINT },
	{ "lli", "i", "long long", FMT_C_TYPE, FMT_P_SINT },
	{ "llo", "o", "unsigned long long", FMT_C_TYPE, FMT_P_UINT },
	{ "llu", "u", "unsigned long long", FMT_C_TYPE, FMT_P_UINT },
	{ "llx", "x", "long long", FMT_C_XLONGLONG, FMT_P_UINT },
	{ "llX", "X", "long long", FMT_C_XLONGLONG, FMT_P_UINT },
	{ "Le", "e", "long double", FMT_C_TYPE, FMT_P_FP },
	{ "LE", "E", "long double", FMT_C_TYPE, FMT_P_FP },
	{ "Lf", "f", "long double", FMT_C_TYPE, FMT_P_FP },
	{ "Lg", "g", "long double", FMT_C_TYPE, FMT_P_FP },
	{ "LG", "G", "long double", FMT_C_TYPE, FMT_P_FP },
	{ "o", "o", proto_xint, FMT_C_XINT, FMT_P_UINT },
	{ "p", "x", proto_addr, FMT_C_ADDR, FMT_P_UINT },
	{ "s", "s", proto_cstr, FMT_C_STR, FMT_P_CSTR },
	{ "S", "s", proto_cstr, FMT_C_STR, FMT_P_ESTR },
	{ "T", "s", "int64_t", FMT_C_TIME, FMT_P_TIME822 },
	{ "u", "u", proto_xint, FMT_C_XINT, FMT_P_UINT },
	{ "wc", "wc", "int", FMT_C_TYPE, FMT_P_SINT },
	{ "ws", "ws", proto_wstr, FMT_C_WSTR, FMT_P_WSTR },
	{ "x", "x", proto_xint, FMT_C_XINT, FMT_P_UINT },
	{ "X", "X", proto_xint, FMT_C_XINT, FMT_P_UINT },
	{ "Y", "s", "int64_t", FMT_C_TIME, FMT_P_TIME },
	{ "%", "%", "void", FMT_C_NONE, FMT_P_PCT },
};

const struct fmt_conv *
fmt_conv_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(convs) / sizeof(convs[0]); i++)
		if (strcmp(convs[i].name, name) == 0)
			return &convs[i];
	return NULL;
}

unsigned
fmt_piece_nargs(const struct fmt_piece *p)
{
	unsigned n = 0;

	if (!p->conv || p->conv->print == FMT_P_PCT)
		return 0;
	if (p->flags & FMT_F_DYNWIDTH)
		n++;
	if (p->flags & FMT_F_DYNPREC)
		n++;
	if (!(p->flags & FMT_F_AGG))
		n++;
	return n;
}

int
fmt_has_agg(const struct fmt *f)
{
	size_t i;

	for (i = 0; i < f->npieces; i++)
		if (f->pieces[i].conv && (f->pieces[i].flags & FMT_F_AGG))
			return 1;
	return 0;
}

static struct fmt_piece *
new_piece(struct fmt *f, size_t *alloc)
{
	struct fmt_piece *p;

	if (f->npieces == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 4;
		f->pieces = xreallocarray(f->pieces, *alloc, sizeof(*p));
	}
	p = &f->pieces[f->npieces++];
	memset(p, 0, sizeof(*p));
	return p;
}

static int
fail(struct fmt *f, char *err, size_t errlen, const char *msg, size_t n,
     const char *arg)
{
	if (errlen)
		snprintf(err, errlen, "format conversion #%zu %s%s", n, msg,
			 arg ? arg : "");
	fmt_release(f);
	return -1;
}

/*
 * Parses the conversion starting at p (which points at '%') into pc.
 * Returns a pointer to its last character, or NULL with a message.
 */
static const char *
parse_conv(struct fmt *f, struct fmt_piece *pc, const char *p, char *err,
	   size_t errlen)
{
	size_t n = f->npieces;
	unsigned namelen = 0;
	int digits = 0, dot = 0;
	const char *start = p;
	char c;

	for (;;) {
		switch (c = *++p) {
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
		case '6':
		case '7':
		case '8':
		case '9': {
			int v = 0;

			if (!dot && !digits && c == '0') {
				pc->flags |= FMT_F_ZPAD;
				pc->flags &= ~FMT_F_LEFT;
				continue;
			}
			for (; isdigit((unsigned char)c); c = *++p)
				v = v > (INT_MAX - (c - '0')) / 10 ?
					    INT_MAX :
					    v * 10 + (c - '0');
			if (dot)
				pc->prec = v;
			else
				pc->width = v;
			p--;
			digits++;
			continue;
		}
		case '#':
			pc->flags |= FMT_F_ALT;
			continue;
		case '*': {
			unsigned fl = dot ? FMT_F_DYNPREC : FMT_F_DYNWIDTH;

			if (pc->flags & fl) {
				fail(f, err, errlen,
				     "has more than one '*' "
				     "specified for the output ",
				     n, dot ? "precision" : "width");
				return NULL;
			}
			pc->flags |= fl;
			continue;
		}
		case '+':
			pc->flags |= FMT_F_PLUS;
			continue;
		case '-':
			pc->flags |= FMT_F_LEFT;
			pc->flags &= ~FMT_F_ZPAD;
			continue;
		case '.':
			if (dot++) {
				fail(f, err, errlen,
				     "has more than one '.' specified", n,
				     NULL);
				return NULL;
			}
			pc->flags |= FMT_F_PREC;
			digits = 0;
			continue;
		case '?':
			pc->width = 16;
			continue;
		case '@':
			pc->flags |= FMT_F_AGG;
			continue;
		case '\'':
			pc->flags |= FMT_F_GROUP;
			continue;
		case ' ':
			pc->flags |= FMT_F_SPACE;
			continue;
		case '$':
			fail(f, err, errlen,
			     "uses unsupported positional "
			     "format (%n$)",
			     n, NULL);
			return NULL;
		case '%':
			if (p[-1] == '%')
				break;
			fail(f, err, errlen,
			     "cannot be combined with other "
			     "format flags: %%",
			     n, NULL);
			return NULL;
		case '\0':
			fail(f, err, errlen,
			     "name expected before end of "
			     "format string",
			     n, NULL);
			return NULL;
		case 'h':
		case 'l':
		case 'L':
		case 'w':
			if (namelen < sizeof(pc->name) - 2)
				pc->name[namelen++] = c;
			continue;
		default:
			break;
		}
		break;
	}
	pc->name[namelen++] = c;
	pc->name[namelen] = '\0';
	pc->text = start;
	pc->textlen = (size_t)(p - start) + 1;
	pc->conv = fmt_conv_lookup(pc->name);
	if (!pc->conv) {
		char nm[sizeof(pc->name) + 1];

		snprintf(nm, sizeof(nm), "%%%s", pc->name);
		fail(f, err, errlen, "is undefined: ", n, nm);
		return NULL;
	}
	return p;
}

int
fmt_parse(struct fmt *f, const char *s, char *err, size_t errlen)
{
	const char *p, *q;
	size_t alloc = 0;

	memset(f, 0, sizeof(*f));
	f->format = xstrdup(s);
	if (errlen)
		err[0] = '\0';

	for (q = f->format; (p = strchr(q, '%')) != NULL; q = *p ? p + 1 : p) {
		struct fmt_piece *pc = new_piece(f, &alloc);

		if (p > q) {
			pc->prefix = q;
			pc->preflen = (size_t)(p - q);
		}
		p = parse_conv(f, pc, p, err, errlen);
		if (!p)
			return -1;
		f->nconv++;
	}
	if (*q != '\0' || f->format[0] == '\0') {
		struct fmt_piece *pc = new_piece(f, &alloc);

		pc->prefix = q;
		pc->preflen = strlen(q);
	}
	return 0;
}

void
fmt_release(struct fmt *f)
{
	free(f->format);
	free(f->pieces);
	memset(f, 0, sizeof(*f));
}
