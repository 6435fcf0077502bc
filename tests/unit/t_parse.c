/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the D parser (src/d/d_parse.c): the tree it builds for
 * every production of doc/d-grammar.md, compared through d_ast_dump's
 * S-expressions, operator precedence and associativity, probe-description
 * splitting, typedef names, and dtrace's syntax error messages. Ends with
 * a robustness pass over mutated and truncated programs (no crash, no
 * hang, every failure carries a message).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "d/d_ast.h"
#include "../lib/tap.h"

static char *dumpbuf;

/* Parse src (-s script when script, else -n text); the dump or "ERR ...". */
static const char *
P_(int script, const char *src, int nargs, ...)
{
	static const char *argv[8];
	struct d_pcb pcb;
	size_t len = 0;
	FILE *fp;
	va_list ap;
	int i;

	free(dumpbuf);
	dumpbuf = NULL;
	d_pcb_init(&pcb);
	pcb.src = src;
	pcb.srclen = strlen(src);
	pcb.srckind = script ? D_SRC_SCRIPT : D_SRC_PSPEC;
	argv[0] = "t.d";
	va_start(ap, nargs);
	for (i = 0; i < nargs && i < 7; i++)
		argv[i + 1] = va_arg(ap, const char *);
	va_end(ap);
	pcb.argv = argv;
	pcb.argc = nargs + 1;
	fp = open_memstream(&dumpbuf, &len);
	if (d_parse(&pcb) != 0) {
		char m[1200];

		d_error_format(&pcb, m, sizeof(m), 1, 1);
		fprintf(fp, "ERR %s", m);
	} else {
		d_ast_dump_prog(fp, &pcb);
	}
	fclose(fp);
	/* drop the final newline to keep expectations short */
	if (len > 0 && dumpbuf[len - 1] == '\n')
		dumpbuf[len - 1] = '\0';
	d_pcb_release(&pcb);
	return dumpbuf;
}

#define S(src) P_(1, src, 0)
#define N(src) P_(0, src, 0)

/* The dump of expression e inside "BEGIN { e; }". */
static char exbuf[2048];
static const char *
X(const char *e)
{
	char src[1024];
	const char *d;
	const char *pre = "(clause (probes \"BEGIN\"=:::BEGIN) (expr ";
	size_t n;

	snprintf(src, sizeof(src), "BEGIN { %s; }", e);
	d = S(src);
	n = strlen(pre);
	if (strncmp(d, pre, n) == 0 && strlen(d) >= n + 2) {
		snprintf(exbuf, sizeof(exbuf), "%.*s", (int)(strlen(d) - n - 2),
			 d + n);
		return exbuf;
	}
	return d;
}

static void
test_clauses(void)
{
	is_str(S("BEGIN {}"), "(clause (probes \"BEGIN\"=:::BEGIN))",
	       "empty clause");
	is_str(S("BEGIN, END\n{ trace(1) }"),
	       "(clause (probes \"BEGIN\"=:::BEGIN \"END\"=:::END) "
	       "(expr (call trace 1)))",
	       "two descriptions, last statement without ';'");
	is_str(S("syscall::open*:entry /pid == 1/ { x = 1; y = 2; }"),
	       "(clause (probes \"syscall::open*:entry\"=syscall::open*:entry)"
	       " (pred (== pid 1)) (expr (= x 1)) (expr (= y 2)))",
	       "predicate");
	is_str(S("pid1:/lib/libc.so.6:f:entry/x/ {}"),
	       "(clause (probes \"pid1:/lib/libc.so.6:f:entry\"="
	       "pid1:/lib/libc.so.6:f:entry) (pred x))",
	       "a module given as a path, then a predicate");
	is_str(S("pid1::f:entry/x/ {}"),
	       "(clause (probes \"pid1::f:entry\"=pid1::f:entry) (pred x))",
	       "a predicate right after a description");
	is_str(S("a:b {} a:b:c {} :::d {} p:m:f:n {}"),
	       "(clause (probes \"a:b\"=::a:b))\n"
	       "(clause (probes \"a:b:c\"=:a:b:c))\n"
	       "(clause (probes \":::d\"=:::d))\n"
	       "(clause (probes \"p:m:f:n\"=p:m:f:n))",
	       "short forms right-aligned");
	is_str(S("tick-1sec, profile-99hz /x/ {}"),
	       "(clause (probes \"tick-1sec\"=:::tick-1sec "
	       "\"profile-99hz\"=:::profile-99hz) (pred x))",
	       "tick/profile");
	is_str(P_(1, "pid$1:libc.so.6:malloc:entry, a$$2b:$target:: {}", 2,
		  "42", "Z"),
	       "(clause (probes \"pid$1:libc.so.6:malloc:entry\"="
	       "pid42:libc.so.6:malloc:entry \"a$$2b:$target::\"=aZb:0::))",
	       "macros expanded in descriptions");
	is_str(S("123 {}"), "(clause (probes #123))", "probe id");
	is_str(N("BEGIN"), "(clause (probes \"BEGIN\"=:::BEGIN) nobody)",
	       "-n BEGIN without a body");
	is_str(N("BEGIN END"),
	       "(clause (probes \"BEGIN\"=:::BEGIN) nobody)\n"
	       "(clause (probes \"END\"=:::END) nobody)",
	       "-n with two bare descriptions");
	is_str(S("BEGIN"),
	       "ERR [D_SYNTAX] line 1: expected predicate and/or actions "
	       "following probe description",
	       "script: bare description");
	is_str(S("BEGIN\n/x/\n"),
	       "ERR [D_SYNTAX] line 2: expected actions { } following probe "
	       "description and predicate",
	       "predicate without actions");
	is_str(S("a:b:c:d:e {}"),
	       "ERR [D_PDESC_INVAL] line 1: invalid probe description "
	       "\"a:b:c:d:e\": Overspecified probe description",
	       "five fields");
	is_str(S("\npid$1:::entry {}"),
	       "ERR [D_PDESC_INVAL] line 2: invalid probe description "
	       "\"pid$1:::entry\": Undefined macro variable in probe "
	       "description",
	       "undefined $1 in a description");
	is_str(S("p$nosuch::: {}"),
	       "ERR [D_PDESC_INVAL] line 1: invalid probe description "
	       "\"p$nosuch:::\": Undefined macro variable in probe "
	       "description",
	       "undefined macro variable in a description");
	is_str(S("BEGIN { x = 1 } }"),
	       "ERR [D_SYNTAX] line 1: syntax error near \"}\"",
	       "extra } at the outer scope");
	is_str(S("BEGIN { x = 1 y = 2 }"),
	       "ERR [D_SYNTAX] line 1: syntax error near \"y\"", "missing ';'");
	is_str(S("BEGIN {"),
	       "ERR [D_SYNTAX] line 1: syntax error near end of "
	       "input",
	       "unterminated clause");
	is_str(S("BEGIN {\n\n x = ;\n}"),
	       "ERR [D_SYNTAX] line 3: syntax error near \";\"", "error line");
	is_str(S("BEGIN /x/ ;"),
	       "ERR [D_SYNTAX] line 1: expected actions { } following probe "
	       "description and predicate",
	       "predicate then ';'");
	is_str(S(";"), "ERR [D_SYNTAX] line 1: syntax error near \";\"",
	       "';' at the outer scope");
	is_str(S("BEGIN /*x/ {}"),
	       "ERR [D_SYNTAX] line 1: end-of-file encountered before "
	       "matching */",
	       "/* in a predicate starts a comment (dtrace)");
}

static void
test_statements(void)
{
	is_str(S("BEGIN { ; ; x = 1;; }"),
	       "(clause (probes \"BEGIN\"=:::BEGIN)"
	       " (expr (= x 1)))",
	       "empty statements dropped");
	is_str(S("BEGIN { if (x) trace(1); else trace(2); }"),
	       "(clause (probes \"BEGIN\"=:::BEGIN) (if x (expr (call trace 1))"
	       " (expr (call trace 2))))",
	       "if/else");
	is_str(S("BEGIN { if (x) { a = 1; b = 2 } c = 3 }"),
	       "(clause (probes \"BEGIN\"=:::BEGIN) (if x (block (expr (= a 1))"
	       " (expr (= b 2)))) (expr (= c 3)))",
	       "if with block");
	is_str(S("BEGIN { if (a) if (b) x = 1; else x = 2; }"),
	       "(clause (probes \"BEGIN\"=:::BEGIN) (if a (if b (expr (= x 1))"
	       " (expr (= x 2)))))",
	       "dangling else binds to the inner if");
	is_str(S("BEGIN { if (a) ; else { } }"),
	       "(clause (probes \"BEGIN\"=:::BEGIN) (if a (empty) (block)))",
	       "empty branches");
	is_str(S("BEGIN { if (a) {} else if (b) {} else {} }"),
	       "(clause (probes \"BEGIN\"=:::BEGIN) (if a (block) (if b (block)"
	       " (block))))",
	       "else if chain");
	is_str(S("BEGIN { if (x) trace(1) }"),
	       "ERR [D_SYNTAX] line 1: syntax error near \"}\"",
	       "statement after if needs ';'");
	is_str(S("BEGIN { { x = 1; } }"),
	       "(clause (probes \"BEGIN\"=:::BEGIN) (block (expr (= x 1))))",
	       "nested block");
	is_str(S("BEGIN { while (1) {} }"),
	       "ERR [D_SYNTAX] line 1: syntax error near \"while\"",
	       "loops are reserved words");
}

static void
test_expressions(void)
{
	is_str(X("1 + 2 * 3 - 4 / 5 % 6"), "(- (+ 1 (* 2 3)) (% (/ 4 5) 6))",
	       "arithmetic precedence");
	is_str(X("a - b - c"), "(- (- a b) c)", "left associativity");
	is_str(X("a = b = c"), "(= a (= b c))", "assignment is right assoc");
	is_str(X("a += b -= c"), "(+= a (-= b c))", "compound assignment");
	is_str(X("x *= 1, y /= 2, z %= 3"),
	       "(, (, (*= x 1) (/= y 2)) (%= z 3))", "comma");
	is_str(X("a <<= 1, a >>= 1, a &= 1, a |= 1, a ^= 1"),
	       "(, (, (, (, (<<= a 1) (>>= a 1)) (&= a 1)) (|= a 1)) (^= a 1))",
	       "bit assignments");
	is_str(X("a || b ^^ c && d | e ^ f & g == h < i << j + k * l"),
	       "(|| a (^^ b (&& c (| d (^ e (& f (== g (< h (<< i (+ j "
	       "(* k l)))))))))))",
	       "every binary level");
	is_str(X("a != b <= c > d >= e >> f"),
	       "(!= a (>= (> (<= b c) d) (>> e f)))", "relational/equality");
	is_str(X("a ? b : c ? d : e"), "(? a b (? c d e))",
	       "?: is right associative");
	is_str(X("a ? b, c : d"), "(? a (, b c) d)", "comma in the middle");
	is_str(X("x = a ? b : c"), "(= x (? a b c))", "?: under =");
	is_str(X("-a + +b - !c * ~d"),
	       "(- (+ (neg a) (plus b)) (* (! c) (~ d)))", "unary operators");
	is_str(X("*p++ = &x"), "(= (deref (post++ p)) (addr x))",
	       "deref, postfix, address-of");
	is_str(X("++a, --b, c++, d--"),
	       "(, (, (, (pre++ a) (pre-- b)) (post++ c)) (post-- d))",
	       "increment and decrement");
	is_str(X("- - x"), "(neg (neg x))", "stacked unary");
	is_str(X("a[1, \"x\"][2]"), "([] ([] a 1 \"x\") 2)",
	       "subscripts with tuples");
	is_str(X("f(1, g(2), h())"), "(call f 1 (call g 2) (call h))", "calls");
	is_str(X("s.a->b.c"), "(. (-> (. s a) b) c)", "member access");
	is_str(X("self->x = this->y"), "(= self->x this->y)", "self/this");
	is_str(X("self->a[1]->b"), "(-> ([] self->a 1) b)", "self-> chain");
	is_str(X("x->int"), "(-> x int)", "keyword as member name");
	is_str(X("@a[1, 2] = count()"), "(= ([] @a 1 2) (call count))",
	       "aggregation with keys");
	is_str(X("@ = sum(1)"), "(= @_ (call sum 1))", "bare @");
	is_str(X("printa(\"%@d\", @x)"), "(call printa \"%@d\" @x)",
	       "aggregation argument");
	is_str(X("(int)x + (unsigned long long)y"),
	       "(+ (cast {int} x) (cast {unsigned long long} y))", "casts");
	is_str(X("(char *)p"), "(cast {char *} p)", "pointer cast");
	is_str(X("(uint64_t)-1"), "(cast {uint64_t} (neg 1))",
	       "typedef cast of a negative");
	is_str(X("(x) + 1"), "(+ x 1)", "parenthesised identifier");
	is_str(X("(struct foo *)0"), "(cast {struct foo *} 0)", "struct cast");
	is_str(X("sizeof (int) + sizeof x + sizeof(y)[0]"),
	       "(+ (+ (sizeof {int}) (sizeof x)) (sizeof ([] y 0)))",
	       "sizeof both forms");
	is_str(X("sizeof (int *[3])"), "(sizeof {int * [3]})",
	       "sizeof abstract declarator");
	is_str(X("stringof x + stringof(y)"), "(+ (stringof x) (stringof y))",
	       "stringof");
	is_str(X("offsetof(struct foo, bar)"), "(offsetof {struct foo} bar)",
	       "offsetof");
	is_str(X("xlate<struct psinfo *>(curthread)->pr_pid"),
	       "(-> (xlate {struct psinfo *} curthread) pr_pid)", "xlate");
	is_str(X("'a' + '\\n'"), "(+ (char 0x61 1) (char 0xa 1))",
	       "character constants");
	is_str(X("0x10 + 010 + 10u + 5ll + 0"),
	       "(+ (+ (+ (+ 0x10 010) 10u) "
	       "5ll) 0)",
	       "integer constants");
	is_str(X("\"a\\tb\""), "\"a\\tb\"", "string constant");
	is_str(X("`max_pfn + k`x"), "(+ `max_pfn k`x)", "backquoted names");
	is_str(X("a + b = c"), "ERR [D_SYNTAX] line 1: syntax error near \"=\"",
	       "assignment needs a unary expression on the left");
	is_str(X("(int)x = 1"),
	       "ERR [D_SYNTAX] line 1: syntax error near "
	       "\"=\"",
	       "a cast is not assignable syntactically");
	is_str(X("a[]"), "ERR [D_SYNTAX] line 1: syntax error near \"]\"",
	       "empty subscript");
	is_str(X("f(1,)"), "ERR [D_SYNTAX] line 1: syntax error near \")\"",
	       "trailing comma");
	is_str(X("x = (1"), "ERR [D_SYNTAX] line 1: syntax error near \";\"",
	       "unbalanced parenthesis");
	is_str(X("x.1"),
	       "ERR [D_SYNTAX] line 1: floating-point constants are "
	       "not permitted",
	       "x.1");
	is_str(X("a ? b"), "ERR [D_SYNTAX] line 1: syntax error near \";\"",
	       "?: without :");
	is_str(X("trace(uint64_t)"),
	       "ERR [D_SYNTAX] line 1: syntax error near "
	       "\"uint64_t\"",
	       "a type name is not an operand");
	is_str(X("uint64_t x"),
	       "ERR [D_SYNTAX] line 1: syntax error near "
	       "\"uint64_t\"",
	       "no local declarations in clauses");
	is_str(X("size_t = 1, size_t++, size_t[0]"),
	       "(, (, (= size_t 1) (post++ size_t)) ([] size_t 0))",
	       "a typedef name being assigned is an identifier (id_or_type)");
}

static void
test_macros(void)
{
	is_str(P_(1, "BEGIN { x = $1 + $2; y = $$1; z = $3 }", 3, "10", "foo",
		  "hello world"),
	       "(clause (probes \"BEGIN\"=:::BEGIN) (expr (= x (+ 10 foo))) "
	       "(expr (= y \"10\")) (expr (= z \"hello world\")))",
	       "macro arguments in expressions");
	is_str(P_(1, "BEGIN { x = $1 }", 1, "-3"),
	       "(clause (probes \"BEGIN\"=:::BEGIN) (expr (= x -3)))",
	       "negative macro argument");
	is_str(S("BEGIN { x = $9 }"),
	       "ERR [D_MACRO_UNDEF] line 1: macro argument $9 is not defined",
	       "undefined macro argument");
}

static void
test_declarations(void)
{
	is_str(S("int x, *y, z[4];"), "(decl int x (y *) (z [4]))",
	       "variables");
	is_str(S("self int a; this string b; extern int c; static int d;"),
	       "(decl self int a)\n(decl this string b)\n(decl extern int c)\n"
	       "(decl static int d)",
	       "storage classes");
	is_str(S("int a[string, int];"),
	       "(decl int (a [assoc {string} {int}]))",
	       "associative array declaration");
	is_str(S("int m[2][3];"), "(decl int (m [3] [2]))",
	       "multi-dimensional array: inner dimension first");
	is_str(S("int (*fp)(int, char *, ...);"),
	       "(decl int (fp (fn (param int _) (param char (_ *)) ...) *))",
	       "function pointer");
	is_str(S("char * const * volatile p;"),
	       "(decl char (p *[const ] *[volatile ]))", "qualified pointers");
	is_str(S("unsigned a; unsigned char b; signed char c; short d; "
		 "unsigned short int e; long f; unsigned long g; long long h; "
		 "unsigned long long int i; long double j; const volatile int k;"),
	       "(decl unsigned int a)\n(decl unsigned char b)\n"
	       "(decl signed char c)\n(decl short d)\n(decl unsigned short e)\n"
	       "(decl long f)\n(decl unsigned long g)\n(decl long long h)\n"
	       "(decl unsigned long long i)\n(decl long double j)\n"
	       "(decl const volatile int k)",
	       "C base type spellings");
	is_str(S("typedef unsigned long long u64_t; u64_t x; BEGIN { y = "
		 "(u64_t)1; }"),
	       "(decl typedef unsigned long long u64_t)\n(decl u64_t x)\n"
	       "(clause (probes \"BEGIN\"=:::BEGIN) (expr (= y (cast {u64_t} "
	       "1))))",
	       "typedef names become type names");
	is_str(S("struct foo { int a : 3, b; char *c[4]; unsigned : 0; } s;"),
	       "(decl struct foo{(member a : 3) (member b) (member (c * [4])) "
	       "(member _ : 0)} s)",
	       "struct with bit-fields");
	is_str(S("union u { int i; char c; };"),
	       "(decl union u{(member i) (member c)})", "union definition");
	is_str(S("enum e { A, B = 2, C = B + 1 }; enum e x;"),
	       "(decl enum e{A B=2 C=(+ B 1)})\n(decl enum e x)",
	       "enum definition");
	is_str(S("struct { int a; } anon;"), "(decl struct{(member a)} anon)",
	       "anonymous struct");
	is_str(S("inline int ONE = 1; inline string S = \"s\";"),
	       "(inline int ONE = 1)\n(inline string S = \"s\")", "inlines");
	is_str(S("translator struct out < struct in *P > { a = P->x; b = 1; };"),
	       "(translator {struct out} (param struct in (P *)) (a = (-> P x))"
	       " (b = 1))",
	       "translator");
	is_str(S("translator struct out < uint64_t v > { };"),
	       "(translator {struct out} (param uint64_t v))",
	       "translator with a typedef input and no members");
	is_str(S("provider p { probe a(int, char *) : (int); probe b(); };"),
	       "(provider p (probe a ((param int _) (param char (_ *))) : "
	       "((param int _))) (probe b ()))",
	       "provider");
	is_str(S("int int x;"),
	       "ERR [D_DECL_COMBO] line 1: invalid type combination",
	       "two base types");
	is_str(S("long char c;"),
	       "ERR [D_DECL_CHARATTR] line 1: invalid type declaration: short "
	       "and long may not be used with char type",
	       "long char");
	is_str(S("unsigned void v;"),
	       "ERR [D_DECL_VOIDATTR] line 1: invalid type declaration: "
	       "attributes may not be used with void type",
	       "unsigned void");
	is_str(S("unsigned string s;"),
	       "ERR [D_DECL_SIGNINT] line 1: invalid type declaration: signed "
	       "and unsigned may only be used with integer type",
	       "unsigned string");
	is_str(S("long struct s x;"),
	       "ERR [D_DECL_LONGINT] line 1: invalid type declaration: long and"
	       " long long may only be used with integer or floating-point "
	       "type",
	       "long struct");
	is_str(S("extern static int x;"),
	       "ERR [D_DECL_CLASS] line 1: only one storage class allowed in a "
	       "declaration",
	       "two storage classes");
	is_str(S("struct s { };"),
	       "ERR [D_SYNTAX] line 1: syntax error near "
	       "\"}\"",
	       "empty struct");
	is_str(S("enum e { A, };"),
	       "ERR [D_SYNTAX] line 1: syntax error near "
	       "\"}\"",
	       "trailing comma in enum");
	is_str(S("int x"),
	       "ERR [D_SYNTAX] line 1: syntax error near end of "
	       "input",
	       "declaration without ';'");
	is_str(S("counter x;"),
	       "ERR [D_SYNTAX] line 1: syntax error near "
	       "\"counter\"",
	       "reserved counter");
}

static void
test_pragmas_lines(void)
{
	is_str(S("#pragma D option quiet\n#pragma D option bufsize=1m\n"
		 "BEGIN {}\n"),
	       "(pragma quiet line 1)\n(pragma bufsize=1m line 2)\n"
	       "(clause (probes \"BEGIN\"=:::BEGIN))",
	       "pragmas collected");
	is_str(S("#!/usr/sbin/dtrace -qs\n\nBEGIN\n{\n\tx = ;\n}\n"),
	       "ERR [D_SYNTAX] line 5: syntax error near \";\"",
	       "line numbers after #!");
	is_str(S("# 100 \"foo.d\"\nBEGIN { x = ; }"),
	       "ERR [D_SYNTAX] line 100: syntax error near \";\"",
	       "line directive");
}

static void
test_api(void)
{
	struct d_pcb pcb;
	struct d_pdesc pd;
	static const char *argv[] = { "t.d", "7" };
	char buf[256];

	d_pcb_init(&pcb);
	pcb.argv = argv;
	pcb.argc = 2;
	ok(d_pdesc_split(&pcb, "foo", D_PSPEC_FUNC, &pd, 1) == 0 &&
		   strcmp(pd.function, "foo") == 0 && strcmp(pd.name, "") == 0,
	   "-f foo is a function");
	ok(d_pdesc_split(&pcb, "a:b", D_PSPEC_MODULE, &pd, 1) == 0 &&
		   strcmp(pd.provider, "a") == 0 && strcmp(pd.module, "b") == 0,
	   "-m a:b is provider:module");
	ok(d_pdesc_split(&pcb, "a:b", D_PSPEC_PROVIDER, &pd, 1) != 0,
	   "-P a:b is overspecified");
	is_str(pcb.err_msg,
	       "invalid probe description \"a:b\": Overspecified "
	       "probe description",
	       "overspecified message");
	pcb.err_set = 0;
	is_str(d_pdesc_expand(&pcb, "pid$1::f:entry", 1), "pid7::f:entry",
	       "d_pdesc_expand");
	ok(d_pcb_is_typedef(&pcb, "uint32_t"), "builtin typedef");
	ok(!d_pcb_is_typedef(&pcb, "foo_t"), "unknown typedef");
	d_pcb_add_typedef(&pcb, "foo_t");
	ok(d_pcb_is_typedef(&pcb, "foo_t"), "added typedef");
	pcb.err_set = 0;
	d_error_set(&pcb, 3, D_SYNTAX, "msg\n");
	d_error_format(&pcb, buf, sizeof(buf), 1, 1);
	is_str(buf, "[D_SYNTAX] line 3: msg", "format with tag and line");
	d_error_format(&pcb, buf, sizeof(buf), 0, 0);
	is_str(buf, "msg", "format bare");
	pcb.err_region = "action list";
	d_error_format(&pcb, buf, sizeof(buf), 0, 0);
	is_str(buf, "in action list: msg", "format with region");
	{
		struct d_node *tn;
		FILE *fp;
		char *db = NULL;
		size_t dl = 0;

		pcb.err_set = 0;
		tn = d_parse_type(&pcb, "struct foo *");
		fp = open_memstream(&db, &dl);
		d_ast_dump(fp, tn);
		fclose(fp);
		is_str(db, "{struct foo *}\n", "d_parse_type struct pointer");
		free(db);
		db = NULL;
		tn = d_parse_type(&pcb, "my_t [4]");
		fp = open_memstream(&db, &dl);
		d_ast_dump(fp, tn);
		fclose(fp);
		is_str(db, "{my_t [4]}\n",
		       "d_parse_type: any identifier is a "
		       "type");
		free(db);
		ok(d_parse_type(&pcb, "int x") == NULL &&
			   strcmp(pcb.err_msg, "syntax error near \"x\"") == 0,
		   "d_parse_type rejects a declarator name");
	}
	is_str(d_op_name(D_OP_LXOR), "^^", "d_op_name");
	is_str(d_node_kind_name(D_N_XLATE), "D_N_XLATE", "d_node_kind_name");
	d_pcb_release(&pcb);
}

/* Deep nesting fails cleanly instead of exhausting the stack. */
static void
test_limits(void)
{
	static char src[200000];
	size_t i, n = 0;
	const char *r;

	n += (size_t)sprintf(src, "BEGIN { x = ");
	for (i = 0; i < 50000; i++)
		src[n++] = '(';
	src[n] = '\0';
	r = S(src);
	ok(strncmp(r, "ERR [D_SYNTAX] line 1: memory exhausted near", 44) == 0,
	   "deep parentheses: %s", r);
	n = (size_t)sprintf(src, "BEGIN { x = ");
	for (i = 0; i < 50000; i++)
		src[n++] = '-';
	strcpy(src + n, "1; }");
	r = S(src);
	ok(strncmp(r, "ERR [D_SYNTAX]", 14) == 0, "deep unary operators");
	n = (size_t)sprintf(src, "BEGIN { ");
	for (i = 0; i < 20000; i++)
		n += (size_t)sprintf(src + n, "if (1) ");
	strcpy(src + n, "x = 1; }");
	r = S(src);
	ok(strncmp(r, "ERR [D_SYNTAX]", 14) == 0, "deep if nesting");
	n = 0;
	for (i = 0; i < 10000; i++)
		n += (size_t)sprintf(src + n, "struct s%zu { ", i);
	strcpy(src + n, "int x; }");
	r = S(src);
	ok(strncmp(r, "ERR [D_SYNTAX]", 14) == 0, "deep struct nesting");
	n = (size_t)sprintf(src, "BEGIN { x = 1");
	for (i = 0; i < 20000; i++)
		n += (size_t)sprintf(src + n, " + 1");
	strcpy(src + n, "; }");
	r = S(src);
	ok(strncmp(r, "(clause", 7) == 0, "long flat expressions are fine");
}

/* Every prefix and many byte mutations of a program parse or fail with a
 * message; ASan/UBSan catch the rest. */
static void
test_robustness(void)
{
	static const char *const progs[] = {
		"#pragma D option quiet\nint x; struct s { int a:3; } v;\n"
		"syscall::open*:entry, tick-1s /x > 0 && $1/ { @a[execname, "
		"\"k\"] = count(); self->t = (uint64_t)timestamp; if (x) { "
		"printf(\"%d\\n\", 'c'); } else trace(-x); }\n",
		"inline int N = 3; translator struct o < int *p > { a = *p; };\n"
		"provider p { probe q(int) : (char *); };\nBEGIN { x = sizeof"
		" (int[2]) ? offsetof(struct s, a) : xlate<struct o>(0)->a; }",
	};
	static const char junk[] = "(){}[]/*\"'$@#\n;,:?+-0x9`\\";
	size_t p, i, bad = 0, total = 0;
	char buf[1024];

	for (p = 0; p < sizeof(progs) / sizeof(progs[0]); p++) {
		size_t len = strlen(progs[p]);

		for (i = 0; i <= len; i++) {
			const char *r;

			memcpy(buf, progs[p], i);
			buf[i] = '\0';
			r = P_(1, buf, 1, "5");
			total++;
			if (strncmp(r, "ERR", 3) == 0 && strlen(r) < 20)
				bad++;
		}
		for (i = 0; i < len * 8; i++) {
			const char *r;

			strcpy(buf, progs[p]);
			buf[(i * 7919) % len] = junk[i % (sizeof(junk) - 1)];
			r = P_(1, buf, 1, "5");
			total++;
			if (strncmp(r, "ERR", 3) == 0 && strlen(r) < 20)
				bad++;
		}
	}
	ok(bad == 0, "%zu mutated programs, every error has a message", total);
}

int
main(void)
{
	test_clauses();
	test_statements();
	test_expressions();
	test_macros();
	test_declarations();
	test_pragmas_lines();
	test_api();
	test_limits();
	test_robustness();
	free(dumpbuf);
	return done_testing();
}
