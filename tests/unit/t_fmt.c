/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for src/common/fmt.c, the D printf-format parser: splitting
 * into text and conversions, DTrace's flag rules ('-' and '0' cancel each
 * other, '?' is width 16, '@', '*' and '.*'), the conversion dictionary
 * (names with length modifiers, prototypes for the checker's messages),
 * argument counts, and DTrace's exact parse error messages.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common/fmt.h"
#include "tap.h"

static void
test_split(void)
{
	struct fmt f;
	char err[256];

	is_int(fmt_parse(&f, "hello %d, %-10s!\n", err, sizeof(err)), 0,
	       "parse text and two conversions");
	is_int(f.npieces, 3, "three pieces (last is trailing text)");
	is_int(f.nconv, 2, "two conversions");
	is_int(f.pieces[0].preflen, 6, "prefix before %%d");
	ok(strncmp(f.pieces[0].prefix, "hello ", 6) == 0, "prefix text");
	is_str(f.pieces[0].conv->name, "d", "first conversion is d");
	is_str(f.pieces[0].conv->proto, "char, short, int, long, or long long",
	       "prototype of %%d");
	is_int(f.pieces[0].conv->check, FMT_C_DINT, "%%d checks as DINT");
	is_str(f.pieces[1].conv->name, "s", "second is s");
	is_int(f.pieces[1].width, 10, "width 10");
	ok(f.pieces[1].flags & FMT_F_LEFT, "left flag");
	ok(f.pieces[2].conv == NULL, "trailing piece has no conversion");
	is_int(f.pieces[2].preflen, 2, "trailing text \"!\\n\"");
	is_int(fmt_piece_nargs(&f.pieces[0]), 1, "%%d takes one argument");
	is_int(f.pieces[1].textlen, 5, "conversion text length of %%-10s");
	fmt_release(&f);

	is_int(fmt_parse(&f, "", err, sizeof(err)), 0, "empty format parses");
	is_int(f.npieces, 1, "empty format: one empty text piece");
	fmt_release(&f);

	is_int(fmt_parse(&f, "%d", err, sizeof(err)), 0, "bare conversion");
	is_int(f.npieces, 1, "no trailing piece");
	fmt_release(&f);
}

static void
test_flags(void)
{
	struct fmt f;
	char err[256];

	fmt_parse(&f, "%-05d%0-5d%?p%*.*s%@d%'d% +#x%.3s%.d%%", err,
		  sizeof(err));
	is_int(f.npieces, 10, "ten conversions");
	ok((f.pieces[0].flags & FMT_F_ZPAD) &&
		   !(f.pieces[0].flags & FMT_F_LEFT),
	   "%%-05d: zero after minus wins (dtrace)");
	ok(!(f.pieces[1].flags & FMT_F_ZPAD) &&
		   (f.pieces[1].flags & FMT_F_LEFT),
	   "%%0-5d: minus after zero wins");
	is_int(f.pieces[1].width, 5, "width 5");
	is_int(f.pieces[2].width, 16, "%%? is width 16");
	ok((f.pieces[3].flags & (FMT_F_DYNWIDTH | FMT_F_DYNPREC)) ==
		   (FMT_F_DYNWIDTH | FMT_F_DYNPREC),
	   "%%*.*s dynamic width and precision");
	is_int(fmt_piece_nargs(&f.pieces[3]), 3,
	       "%%*.*s takes three arguments");
	ok(f.pieces[4].flags & FMT_F_AGG, "%%@d is the aggregation value");
	is_int(fmt_piece_nargs(&f.pieces[4]), 0, "%%@d takes no argument");
	ok(f.pieces[5].flags & FMT_F_GROUP, "grouping flag");
	ok((f.pieces[6].flags & (FMT_F_SPACE | FMT_F_PLUS | FMT_F_ALT)) ==
		   (FMT_F_SPACE | FMT_F_PLUS | FMT_F_ALT),
	   "space, plus, alt");
	is_int(f.pieces[7].prec, 3, "precision 3");
	ok(f.pieces[7].flags & FMT_F_PREC, "precision flag");
	ok((f.pieces[8].flags & FMT_F_PREC) && f.pieces[8].prec == 0,
	   "%%.d: precision 0");
	is_str(f.pieces[9].conv->name, "%", "%%%% conversion");
	is_int(fmt_piece_nargs(&f.pieces[9]), 0, "%%%% takes nothing");
	ok(fmt_has_agg(&f), "has %%@");
	fmt_release(&f);
}

static void
test_names(void)
{
	static const struct {
		const char *fmt, *name, *proto;
		int check;
	} t[] = {
		{ "%lld", "lld", "long long", FMT_C_TYPE },
		{ "%llx", "llx", "long long", FMT_C_XLONGLONG },
		{ "%hx", "hx", "short", FMT_C_XSHORT },
		{ "%lu", "lu", "unsigned long", FMT_C_TYPE },
		{ "%ls", "ls", "wchar_t []", FMT_C_WSTR },
		{ "%ws", "ws", "wchar_t []", FMT_C_WSTR },
		{ "%Lf", "Lf", "long double", FMT_C_TYPE },
		{ "%s", "s", "char [] or string (or use stringof)", FMT_C_STR },
		{ "%S", "S", "char [] or string (or use stringof)", FMT_C_STR },
		{ "%c", "c", "char, short, or int", FMT_C_CSI },
		{ "%f", "f", "float, double, or long double", FMT_C_FP },
		{ "%a", "a", "pointer or integer", FMT_C_KADDR },
		{ "%A", "A",
		  "pointer or integer (with -p/-c) or _usymaddr "
		  "(without -p/-c)",
		  FMT_C_UADDR },
		{ "%Y", "Y", "int64_t", FMT_C_TIME },
		{ "%T", "T", "int64_t", FMT_C_TIME },
		{ "%k", "k", "stack", FMT_C_STACK },
		{ "%p", "p", "pointer or integer", FMT_C_ADDR },
		{ "%u", "u", "char, short, int, long, or long long",
		  FMT_C_XINT },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct fmt f;
		char err[256];

		if (!ok(fmt_parse(&f, t[i].fmt, err, sizeof(err)) == 0,
			"%s parses", t[i].fmt)) {
			diag("%s", err);
			continue;
		}
		is_str(f.pieces[0].conv->name, t[i].name, "%s name", t[i].fmt);
		is_str(f.pieces[0].conv->proto, t[i].proto, "%s proto",
		       t[i].fmt);
		is_int(f.pieces[0].conv->check, t[i].check, "%s check",
		       t[i].fmt);
		fmt_release(&f);
	}
	ok(fmt_conv_lookup("hhd") == NULL, "no hhd in dtrace's dictionary");
}

static void
test_errors(void)
{
	static const struct {
		const char *fmt, *msg;
	} t[] = {
		{ "%hhd", "format conversion #1 is undefined: %hhd" },
		{ "%zd", "format conversion #1 is undefined: %z" },
		{ "a %d %F", "format conversion #2 is undefined: %F" },
		{ "%d%", "format conversion #2 name expected before end of "
			 "format string" },
		{ "%1.2.3d", "format conversion #1 has more than one '.' "
			     "specified" },
		{ "%**d", "format conversion #1 has more than one '*' "
			  "specified for the output width" },
		{ "%.**d", "format conversion #1 has more than one '*' "
			   "specified for the output precision" },
		{ "%1$d", "format conversion #1 uses unsupported positional "
			  "format (%n$)" },
		{ "%5%", "format conversion #1 cannot be combined with other "
			 "format flags: %%" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct fmt f;
		char err[256];

		is_int(fmt_parse(&f, t[i].fmt, err, sizeof(err)), -1,
		       "\"%s\" is refused", t[i].fmt);
		is_str(err, t[i].msg, "message for \"%s\"", t[i].fmt);
		ok(f.pieces == NULL && f.format == NULL, "f left empty");
		fmt_release(&f);
	}
}

int
main(void)
{
	test_split();
	test_flags();
	test_names();
	test_errors();
	return done_testing();
}
