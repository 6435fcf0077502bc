/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the D lexer (src/d/d_lex.c): token streams in the three
 * modes, numbers, characters, strings and their escapes, macro arguments,
 * comments and control lines, line numbers, and dtrace's lexical error
 * messages and tags.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "d/d_lex.h"
#include "../lib/tap.h"

static char out[4096];

/* Append one token's description to out. */
static void
describe(const struct d_token *t)
{
	char buf[512];

	switch (t->t) {
	case T_INT:
		snprintf(buf, sizeof(buf), "INT(%llu,%s%s%s%s%s,%d)",
			 (unsigned long long)t->ival,
			 (t->iflags & D_INT_NEG) ? "-" : "",
			 (t->iflags & D_INT_U) ? "u" : "",
			 (t->iflags & D_INT_L) ? "l" : "",
			 (t->iflags & D_INT_LL) ? "ll" : "",
			 (t->iflags & D_INT_MACRO) ? "m" : "", t->ibase);
		break;
	case T_CHAR:
		snprintf(buf, sizeof(buf), "CHAR(0x%llx,%d)",
			 (unsigned long long)t->ival, t->nchars);
		break;
	case T_STRING: {
		size_t i, n = 0;

		n += (size_t)snprintf(buf, sizeof(buf), "STR(");
		for (i = 0; i < t->slen && n < sizeof(buf) - 8; i++) {
			unsigned char c = (unsigned char)t->str[i];

			if (c < 0x20 || c >= 0x7f || c == '\\')
				n += (size_t)snprintf(buf + n, sizeof(buf) - n,
						      "\\%03o", c);
			else
				buf[n++] = (char)c;
		}
		snprintf(buf + n, sizeof(buf) - n, ")");
		break;
	}
	case T_IDENT:
		snprintf(buf, sizeof(buf), "ID(%s)", t->str);
		break;
	case T_AGG:
		snprintf(buf, sizeof(buf), "AGG(%s)", t->str);
		break;
	case T_PSPEC:
		snprintf(buf, sizeof(buf), "PSPEC(%s)", t->str);
		break;
	case T_TNAME:
		snprintf(buf, sizeof(buf), "TNAME(%s)", t->str);
		break;
	default:
		snprintf(buf, sizeof(buf), "%s", d_tok_name(t->t));
		break;
	}
	if (out[0] != '\0')
		strcat(out, " ");
	strcat(out, buf);
}

static struct d_pcb pcb;
static const char *margv[8];

/*
 * Lex all of src in `mode`, describing each token into out; on an error
 * out is "ERR [TAG] line N: message". Extra arguments are $1.. values.
 */
static const char *
lex_all(const char *src, enum d_lexmode mode, int nargs, ...)
{
	struct d_lexer lx;
	struct d_token t;
	va_list ap;
	int i;

	d_pcb_release(&pcb);
	d_pcb_init(&pcb);
	pcb.src = src;
	pcb.srclen = strlen(src);
	margv[0] = "script.d";
	va_start(ap, nargs);
	for (i = 0; i < nargs && i < 7; i++)
		margv[i + 1] = va_arg(ap, const char *);
	va_end(ap);
	pcb.argv = margv;
	pcb.argc = nargs + 1;
	out[0] = '\0';
	d_lex_init(&lx, &pcb);
	if (setjmp(pcb.jmp) != 0) {
		pcb.jmp_armed = 0;
		snprintf(out, sizeof(out), "ERR [%s] line %d: %s",
			 d_errtag_name(pcb.err_tag), pcb.err_line, pcb.err_msg);
		return out;
	}
	pcb.jmp_armed = 1;
	do {
		d_lex_next(&lx, &t, mode);
		if (t.t != T_EOF)
			describe(&t);
	} while (t.t != T_EOF);
	pcb.jmp_armed = 0;
	return out;
}

#define E D_LM_EXPR
#define O D_LM_OUTER
#define I D_LM_IDENT

/* The line of each token, space separated. */
static const char *
lines_of(const char *src, enum d_lexmode mode)
{
	struct d_lexer lx;
	struct d_token t;
	char b[16];

	d_pcb_release(&pcb);
	d_pcb_init(&pcb);
	pcb.src = src;
	pcb.srclen = strlen(src);
	out[0] = '\0';
	d_lex_init(&lx, &pcb);
	if (setjmp(pcb.jmp) != 0) {
		pcb.jmp_armed = 0;
		snprintf(out, sizeof(out), "ERR %s", pcb.err_msg);
		return out;
	}
	pcb.jmp_armed = 1;
	for (;;) {
		d_lex_next(&lx, &t, mode);
		if (t.t == T_EOF)
			break;
		snprintf(b, sizeof(b), "%s%d", out[0] ? " " : "", t.line);
		strcat(out, b);
	}
	pcb.jmp_armed = 0;
	return out;
}

static void
test_operators(void)
{
	is_str(lex_all("a<<=b>>=c", E, 0), "ID(a) <<= ID(b) >>= ID(c)",
	       "shift-assign operators");
	is_str(lex_all("+ ++ += - -- -= -> * *= % %= & && &= | || |= ^ ^^ ^= "
		       "~ ! != = == < <= << > >= >> ? : . ... , ; ( ) [ ] { }",
		       E, 0),
	       "+ ++ += - -- -= -> * *= % %= & && &= | || |= ^ ^^ ^= ~ ! != = "
	       "== < <= << > >= >> ? : . ... , ; ( ) [ ] { }",
	       "every C operator, longest match");
	is_str(lex_all("a+++b", E, 0), "ID(a) ++ + ID(b)", "a+++b");
	is_str(lex_all("a/b", E, 0), "ID(a) / ID(b)", "division");
	is_str(lex_all("x/ {", E, 0), "ID(x) /<epred> {",
	       "'/' before '{' ends a predicate");
	is_str(lex_all("x/;", E, 0), "ID(x) /<epred> ;",
	       "'/' before ';' ends a predicate");
	is_str(lex_all("x /", E, 0), "ID(x) /<epred>",
	       "'/' at end of input ends a predicate");
	is_str(lex_all("x/\n\n/", E, 0), "ID(x) /<epred> /<epred>",
	       "'/' before '/' ends a predicate");
	is_str(lex_all("x/=2", E, 0), "ID(x) /= INT(2,,10)", "/=");
	is_str(lex_all("(x/{", E, 0),
	       "ERR [D_SYNTAX] line 1: closing ) expected in predicate before /",
	       "unclosed ( in predicate");
	is_str(lex_all("[x/{", E, 0),
	       "ERR [D_SYNTAX] line 1: closing ] expected in predicate before /",
	       "unclosed [ in predicate");
	is_str(lex_all("x)", E, 0),
	       "ERR [D_SYNTAX] line 1: extra ) in input stream", "extra )");
	is_str(lex_all("x]", E, 0),
	       "ERR [D_SYNTAX] line 1: extra ] in input stream", "extra ]");
	is_str(lex_all("}", E, 0),
	       "ERR [D_SYNTAX] line 1: extra } in input stream", "extra }");
}

static void
test_words(void)
{
	is_str(lex_all("int sizeof self selfish this xlate stringof offsetof",
		       E, 0),
	       "int sizeof self ID(selfish) this xlate stringof offsetof",
	       "keywords");
	is_str(lex_all("if else for while do switch case default break "
		       "continue return goto",
		       E, 0),
	       "if else for while do switch case default break continue "
	       "return goto",
	       "reserved words");
	is_str(lex_all("auto counter import probe provider register restrict "
		       "translator typedef volatile inline extern static",
		       E, 0),
	       "auto counter import probe provider register restrict "
	       "translator typedef volatile inline extern static",
	       "declaration keywords");
	is_str(lex_all("int string x", I, 0), "ID(int) ID(string) ID(x)",
	       "after -> every word is an identifier");
	is_str(lex_all("`sym mod`sym a_b9", E, 0),
	       "ID(`sym) ID(mod`sym) ID(a_b9)", "backquoted identifiers");
	is_str(lex_all("@foo @ @_x @a1", E, 0),
	       "AGG(foo) AGG(_) AGG(_x) AGG(a1)", "aggregations");
}

static void
test_numbers(void)
{
	is_str(lex_all("0x1F 017 42 0 42u 42UL 42ull 42LL", E, 0),
	       "INT(31,,16) INT(15,,8) INT(42,,10) INT(0,,8) INT(42,u,10) "
	       "INT(42,ul,10) INT(42,ull,10) INT(42,ll,10)",
	       "integer bases and suffixes");
	is_str(lex_all("18446744073709551615", E, 0),
	       "INT(18446744073709551615,,10)", "UINT64_MAX");
	is_str(lex_all("x = 18446744073709551616;", E, 0),
	       "ERR [D_INT_OFLOW] line 1: constant 18446744073709551616 "
	       "results in integer overflow",
	       "overflow");
	is_str(lex_all("09", E, 0),
	       "ERR [D_INT_DIGIT] line 1: constant 09 contains invalid digit 9",
	       "bad octal digit");
	is_str(lex_all("1.5", E, 0),
	       "ERR [D_SYNTAX] line 1: floating-point constants are not "
	       "permitted",
	       "float");
	is_str(lex_all("x = .5", E, 0),
	       "ERR [D_SYNTAX] line 1: floating-point constants are not "
	       "permitted",
	       "float without leading digit");
	is_str(lex_all("1e3", E, 0),
	       "ERR [D_SYNTAX] line 1: floating-point constants are not "
	       "permitted",
	       "exponent");
	is_str(lex_all("12f", E, 0),
	       "ERR [D_SYNTAX] line 1: floating-point constants are not "
	       "permitted",
	       "f suffix");
	is_str(lex_all("12e", E, 0), "INT(12,,10) ID(e)", "12e is 12 e");
	is_str(lex_all("1lu", E, 0), "INT(1,l,10) ID(u)", "lu is not a suffix");
}

static void
test_chars_strings(void)
{
	is_str(lex_all("'a' '\\n' '\\0' '\\x41' 'ab' '\\377' '\\''", E, 0),
	       "CHAR(0x61,1) CHAR(0xa,1) CHAR(0x0,1) CHAR(0x41,1) "
	       "CHAR(0x6162,2) CHAR(0xff,1) CHAR(0x5c27,2)",
	       "character constants (stresc2chr keeps \\' as written)");
	is_str(lex_all("'abcdefgh'", E, 0), "CHAR(0x6162636465666768,8)",
	       "eight-byte character constant");
	is_str(lex_all("'abcdefghi'", E, 0),
	       "ERR [D_CHR_OFLOW] line 1: character constant is too long",
	       "nine-byte character constant");
	is_str(lex_all("x = '';", E, 0),
	       "ERR [D_CHR_NULL] line 1: empty character constant",
	       "empty character constant");
	is_str(lex_all("x = 'a\n';", E, 0),
	       "ERR [D_CHR_NL] line 2: newline encountered in character "
	       "constant",
	       "newline in character constant");
	is_str(lex_all("\"\\n\\t\\\\\\\"\\a\\b\\f\\r\\v\\101\\x41\\q\"", E, 0),
	       "STR(\\012\\011\\134\"\\007\\010\\014\\015\\013AA\\134q)",
	       "string escapes");
	is_str(lex_all("\"a\\0b\"", E, 0), "STR(a\\000b)",
	       "embedded NUL is kept with its length");
	is_str(lex_all("x = \"abc\ny\";", E, 0),
	       "ERR [D_STR_NL] line 2: newline encountered in string literal",
	       "newline in string: dtrace reports the next line");
	is_str(lex_all("x = \"abc", E, 0),
	       "ERR [D_SYNTAX] line 1: syntax error near \"\"\"",
	       "unterminated string at end of input");
	is_str(lex_all("\"\"", E, 0), "STR()", "empty string");
}

static void
test_macros(void)
{
	is_str(lex_all("$1 $2 $3 $4", E, 4, "123", "foo", "a b", "\"q\""),
	       "INT(123,m,10) ID(foo) STR(a b) STR(q)",
	       "$N becomes an integer, identifier or string");
	is_str(lex_all("$$1 $$2", E, 2, "123", "x\\ty"),
	       "STR(123) STR(x\\011y)", "$$N is a string with escapes");
	is_str(lex_all("$1 $2 $3", E, 3, "-5", "0x10", "7ul"),
	       "INT(5,-m,10) INT(16,m,16) INT(7,ulm,10)",
	       "numeric macro arguments");
	is_str(lex_all("$0", E, 0), "STR(script.d)",
	       "$0 is the script name (a string: it has a dot)");
	is_str(lex_all("x = $2;", E, 1, "a"),
	       "ERR [D_MACRO_UNDEF] line 1: macro argument $2 is not defined",
	       "undefined $2");
	is_str(lex_all("x = $$2;", E, 1, "a"),
	       "ERR [D_MACRO_UNDEF] line 1: macro argument $$2 is not defined",
	       "undefined $$2");
	is_str(lex_all("x = $nosuch;", E, 0),
	       "ERR [D_MACRO_UNDEF] line 1: macro variable $nosuch is not "
	       "defined",
	       "undefined macro variable");
	is_str(lex_all("$target $$target", E, 0), "INT(0,m,10) STR(0)",
	       "$target is 0 without a process");
	is_str(lex_all("x = $;", E, 0),
	       "ERR [D_SYNTAX] line 1: syntax error near \"$\"", "lone $");
}

static void
test_outer(void)
{
	is_str(lex_all("BEGIN", O, 0), "PSPEC(BEGIN)", "BEGIN");
	is_str(lex_all("syscall::open*:entry", O, 0),
	       "PSPEC(syscall::open*:entry)", "globs in a description");
	is_str(lex_all("BEGIN,END , ERROR", O, 0),
	       "PSPEC(BEGIN) , PSPEC(END) , PSPEC(ERROR)", "lists");
	is_str(lex_all("pid$target:libc.so.6:malloc:entry", O, 0),
	       "PSPEC(pid$target:libc.so.6:malloc:entry)", "macro in pspec");
	is_str(lex_all("tick-1sec profile-99hz :::BEGIN dtrace:::END", O, 0),
	       "PSPEC(tick-1sec) PSPEC(profile-99hz) PSPEC(:::BEGIN) "
	       "PSPEC(dtrace:::END)",
	       "profile probes and short forms");
	is_str(lex_all("a[0-9]?:b! 12 /x/", O, 0),
	       "PSPEC(a[0-9]?:b!) INT(12,,10) / PSPEC(x) /",
	       "glob classes, probe ids, predicate slashes");
	is_str(lex_all("int x this self struct uint32_t y", O, 0),
	       "int PSPEC(x) this self struct TNAME(uint32_t) PSPEC(y)",
	       "outer-scope keywords and typedef names");
	is_str(lex_all("int* foo*", O, 0), "int PSPEC(*) PSPEC(foo*)",
	       "int* is a type, foo* a glob");
	is_str(lex_all("{", O, 0), "{", "brace at the outer scope");
	is_str(lex_all("}", O, 0),
	       "ERR [D_SYNTAX] line 1: syntax error near \"}\"",
	       "} at the outer scope");
}

static void
test_comments_lines(void)
{
	is_str(lex_all("a /* x\n y */ b // c\nd", E, 0), "ID(a) ID(b) ID(d)",
	       "comments");
	is_str(lines_of("a /* x\n y */ b // c\nd\n\n e", E), "1 2 3 5",
	       "line numbers through comments");
	is_str(lex_all("a /* x /* y */", E, 0),
	       "ERR [D_SYNTAX] line 1: /* encountered inside a comment",
	       "nested comment");
	is_str(lex_all("a /* x\n", E, 0),
	       "ERR [D_SYNTAX] line 2: end-of-file encountered before "
	       "matching */",
	       "unterminated comment");
	is_str(lex_all("#!/usr/sbin/dtrace -s\nBEGIN", O, 0), "PSPEC(BEGIN)",
	       "#! line skipped");
	is_str(lines_of("a\n# 10 \"foo.d\"\nb\n#line 20\nc", E), "1 10 20",
	       "cpp line directives");
	is_str(lex_all("a\\\nb", E, 0), "ID(a) ID(b)", "line continuation");
	is_str(lex_all("a # b", E, 0),
	       "ERR [D_SYNTAX] line 1: syntax error near \"#\"",
	       "# not at the start of a line");
	is_str(lex_all("\x01", E, 0),
	       "ERR [D_SYNTAX] line 1: syntax error near \"\x01\"",
	       "control character");
}

static void
test_pragmas(void)
{
	struct d_pragma *p;

	is_str(lex_all("#pragma D option quiet\n  #pragma D option bufsize=4k\n"
		       "BEGIN",
		       O, 0),
	       "PSPEC(BEGIN)", "pragmas are not tokens");
	p = pcb.pragmas;
	ok(p && strcmp(p->name, "quiet") == 0 && p->value == NULL &&
		   p->line == 1,
	   "pragma quiet");
	ok(p && p->next && strcmp(p->next->name, "bufsize") == 0 &&
		   strcmp(p->next->value, "4k") == 0 && p->next->line == 2,
	   "pragma bufsize=4k");
	is_str(lex_all("#pragma D option\n", O, 0),
	       "ERR [D_PRAGMA_MALFORM] line 1: malformed #pragma option "
	       "<option>=<val>",
	       "option without a name");
	is_str(lex_all("#pragma D option a b\n", O, 0),
	       "ERR [D_PRAGMA_MALFORM] line 1: superfluous arguments specified "
	       "for #pragma option",
	       "option with two words");
	is_str(lex_all("\n#pragma D nosuch\n", O, 0),
	       "ERR [D_PRAGMA_INVAL] line 2: invalid D pragma: nosuch",
	       "unknown D pragma");
	is_str(lex_all("#define X 1\n", O, 0),
	       "ERR [D_PRAGCTL_INVAL] line 1: invalid control directive: "
	       "#define",
	       "unknown directive");
	is_str(lex_all("#pragma ident \"x\"\n#pragma weak foo\n#ident x\n#\nA",
		       O, 0),
	       "PSPEC(A)", "ignored pragmas and null directive");
	is_str(lex_all("#error stop \"here\"\n", O, 0),
	       "ERR [D_PRAGERR] line 1: #error: stop here ", "#error");
	is_str(lex_all("#pragma D option quiet", O, 0),
	       "ERR [D_SYNTAX] line 1: end-of-file encountered before end of "
	       "control line",
	       "control line without newline");
	is_str(lex_all("#pragma D depends_on provider foo\n"
		       "#pragma D attributes Evolving/Evolving/Common foo\n"
		       "#pragma D binding \"1.0\" foo\nA",
		       O, 0),
	       "PSPEC(A)", "depends_on, attributes, binding accepted");
	ok(pcb.xpragmas && strcmp(pcb.xpragmas->name, "attributes") == 0 &&
		   strcmp(pcb.xpragmas->value, "Evolving/Evolving/Common") ==
			   0 &&
		   strcmp(pcb.xpragmas->ident, "foo") == 0 &&
		   pcb.xpragmas->line == 2 && pcb.xpragmas->next &&
		   strcmp(pcb.xpragmas->next->value, "1.0") == 0,
	   "attributes and binding recorded in xpragmas");
	is_str(lex_all("#pragma D attributes incorrect_attr foo\n", O, 0),
	       "ERR [D_PRAGMA_INVAL] line 1: invalid attributes specified by "
	       "#pragma attributes",
	       "bad attributes");
	is_str(lex_all("#pragma D attributes stable/evolving/cpu foo\n"
		       "#pragma D attributes Stable foo\nA",
		       O, 0),
	       "PSPEC(A)",
	       "attributes are case-insensitive and may be partial");
	is_str(lex_all("#pragma D attributes Stable/Stable/Common/x foo\n", O,
		       0),
	       "ERR [D_PRAGMA_INVAL] line 1: invalid attributes specified by "
	       "#pragma attributes",
	       "too many attribute parts");
	is_str(lex_all("#pragma D binding \"1.x\" foo\n", O, 0),
	       "ERR [D_PRAGMA_INVAL] line 1: invalid version string specified "
	       "by #pragma binding",
	       "bad version");
	is_str(lex_all("#pragma D attributes incorrect_attr\n", O, 0),
	       "ERR [D_PRAGMA_MALFORM] line 1: malformed #pragma attributes "
	       "<attributes> <ident>",
	       "attributes without an identifier");
	is_str(lex_all("#pragma D depends_on library net.d\n", O, 0),
	       "ERR [D_PRAGMA_DEPEND] line 1: main program may not explicitly "
	       "depend on a library",
	       "depends_on library");
	is_str(lex_all("#pragma D error \"this is an error message\"\n", O, 0),
	       "ERR [D_PRAGERR] line 1: #error: this is an error message ",
	       "#pragma D error");
	is_str(lex_all("#pragma D depends_on nosuch foo\n", O, 0),
	       "ERR [D_PRAGMA_INVAL] line 1: invalid class nosuch specified by "
	       "#pragma depends_on",
	       "bad depends_on class");
	is_str(lex_all("#line x\n", O, 0),
	       "ERR [D_PRAGMA_MALFORM] line 1: malformed #line <line> [ "
	       "[\"file\"] state ]",
	       "malformed #line");
}

static const char *
reject_all(void *arg, const char *name, const char *value)
{
	(void)arg;
	(void)value;
	return strcmp(name, "nosuch") == 0 ? "Invalid option name" : NULL;
}

static void
test_option_cb(void)
{
	struct d_lexer lx;
	struct d_token t;

	d_pcb_release(&pcb);
	d_pcb_init(&pcb);
	pcb.src = "\n#pragma D option nosuch=1\n";
	pcb.srclen = strlen(pcb.src);
	pcb.option_cb = reject_all;
	d_lex_init(&lx, &pcb);
	if (setjmp(pcb.jmp) == 0) {
		pcb.jmp_armed = 1;
		d_lex_next(&lx, &t, O);
		ok(0, "rejected option fails");
	} else {
		is_str(pcb.err_msg,
		       "failed to set option 'nosuch' to '1': "
		       "Invalid option name",
		       "rejected option message");
		is_int(pcb.err_tag, D_PRAGMA_OPTSET, "D_PRAGMA_OPTSET");
		is_int(pcb.err_line, 2, "at the pragma's line");
	}
	pcb.jmp_armed = 0;
}

static void
test_misc(void)
{
	size_t n;
	char *s;

	is_str(d_tok_name(T_ADD_EQ), "+=", "d_tok_name operator");
	is_str(d_tok_name(T_KW_STRINGOF), "stringof", "d_tok_name keyword");
	is_int(d_lex_keyword("xlate", 5), T_KW_XLATE, "d_lex_keyword");
	is_int(d_lex_keyword("xlat", 4), T_EOF, "d_lex_keyword miss");
	s = d_unescape(&pcb, "a\\x4a\\101\\z", 11, &n);
	is_int(n, 5, "d_unescape length");
	is_str(s, "aJA\\z", "d_unescape keeps unknown escapes");
	is_str(d_errtag_name(D_SYNTAX), "D_SYNTAX", "errtag name");
	is_str(d_errtag_name(D_LLQUANT_MATCHSTEPS), "D_LLQUANT_MATCHSTEPS",
	       "last dtrace errtag name");
	is_str(d_errtag_name((enum d_errtag)9999), "D_UNKNOWN",
	       "out of range errtag");
}

int
main(void)
{
	d_pcb_init(&pcb);
	test_operators();
	test_words();
	test_numbers();
	test_chars_strings();
	test_macros();
	test_outer();
	test_comments_lines();
	test_pragmas();
	test_option_cb();
	test_misc();
	d_pcb_release(&pcb);
	return done_testing();
}
