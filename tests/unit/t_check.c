/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the D checker and code generator (src/d/d_type.c,
 * d_check.c, d_cg.c, d_compile.c): the LP64 type system (sizes, signedness,
 * struct layout with bit-fields, promotions, compatibility, type names),
 * the program d_compile() produces (variable typing, assignments,
 * constants, clause flags, aggregation descriptions, probe descriptions
 * per unit kind, args[] through the resolver, globals shared across
 * units) and dtrace's error tags and messages for bad programs. Linked
 * against libudt_d.a and libudt_common.a only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "d/d.h"
#include "d/d_type.h"
#include "tap.h"

/* --- d_type ------------------------------------------------------------ */

static void
test_types(void)
{
	struct d_arena *a = d_arena_create();
	struct d_types *t = d_types_create(a, 256);
	struct d_type *c = d_type_lookup(t, "char");
	struct d_type *u64 = d_type_lookup(t, "uint64_t");
	struct d_type *s, *un;
	struct d_member m[4], um[2];
	char buf[128];
	uint64_t off;

	is_int(d_type_size(d_type_lookup(t, "int")), 4, "int is 4 bytes");
	is_int(d_type_size(d_type_lookup(t, "long")), 8, "long is 8 bytes");
	is_int(d_type_size(d_type_lookup(t, "long long")), 8,
	       "long long is 8 bytes");
	ok(d_type_is_signed(c), "char is signed");
	ok(!d_type_is_signed(u64) && d_type_size(u64) == 8,
	   "uint64_t is unsigned 8 bytes");
	is_int(d_type_size(d_type_lookup(t, "pid_t")), 4, "pid_t is int");
	is_int(d_type_size(d_type_lookup(t, "string")), 256,
	       "string has strsize");
	is_str(d_type_name(d_type_ptr(t, c), buf, sizeof(buf)), "char *",
	       "pointer name");
	is_str(d_type_name(d_type_ptr(t, d_type_ptr(t, c)), buf, sizeof(buf)),
	       "char **", "pointer to pointer name");
	is_str(d_type_name(d_type_array(t, c, 16), buf, sizeof(buf)),
	       "char [16]", "array name");
	is_str(d_type_name(d_type_lookup(t, "const char *"), buf, sizeof(buf)),
	       "const char *", "const char * name");
	is_str(d_type_name(d_type_promote(t, c, c), buf, sizeof(buf)), "int",
	       "char + char is int");
	is_str(d_type_name(d_type_promote(t, d_type_lookup(t, "int"),
					  d_type_lookup(t, "unsigned int")),
			   buf, sizeof(buf)),
	       "unsigned int", "int + unsigned int is unsigned int");
	is_str(d_type_name(d_type_promote(t, d_type_lookup(t, "int"),
					  d_type_lookup(t, "long")),
			   buf, sizeof(buf)),
	       "long", "int + long is long");
	ok(d_type_argcompat(d_type_lookup(t, "const char *"),
			    d_type_lookup(t, "string"), 0),
	   "string passes for const char *");
	ok(!d_type_argcompat(d_type_lookup(t, "string"),
			     d_type_lookup(t, "int"), 0),
	   "int does not pass for string");
	ok(d_type_argcompat(d_type_ptr(t, c), d_type_lookup(t, "int"), 1),
	   "constant 0 passes for a pointer");

	/* struct { int a; char b; short c : 3; long d; } */
	s = d_type_tag(t, D_T_STRUCT, "foo");
	memset(m, 0, sizeof(m));
	m[0].name = "a";
	m[0].type = d_type_lookup(t, "int");
	m[1].name = "b";
	m[1].type = c;
	m[2].name = "c";
	m[2].type = d_type_lookup(t, "short");
	m[2].bitsize = 3;
	m[3].name = "d";
	m[3].type = d_type_lookup(t, "long");
	d_type_layout(t, s, m, 4);
	/* libctf's layout (dtrace's D types live in CTF): each member
	   starts at the byte after the previous one's bits, a bit-field
	   takes the bytes its bits need, a struct is aligned as its first
	   member */
	is_int(s->size, 16, "struct size with bit-field");
	is_int(s->align, 4, "struct alignment is the first member's");
	ok(d_type_member(s, "c", &off) != NULL && off == 5 && m[2].bitoff == 0,
	   "bit-field starts at the byte after b");
	ok(d_type_member(s, "d", &off) != NULL && off == 8, "d at 8");
	ok(d_type_member(s, "nope", &off) == NULL, "no such member");
	un = d_type_tag(t, D_T_UNION, "u");
	memset(um, 0, sizeof(um));
	um[0].name = "x";
	um[0].type = c;
	um[1].name = "y";
	um[1].type = d_type_lookup(t, "int");
	d_type_layout(t, un, um, 2);
	is_int(un->size, 4, "union size");
	is_str(d_type_name(s, buf, sizeof(buf)), "struct foo", "struct name");
	d_types_destroy(t);
	d_arena_destroy(a);
}

/* --- d_compile ---------------------------------------------------------- */

/* The prelude and -w of the next compilations. */
static const char *cur_prelude;
static int cur_destructive;

static struct vm_prog *
compile_units(const char *const *src, const int *kinds, int n,
	      struct d_error *err, const struct d_probe_resolver *res)
{
	struct d_source s[8];
	struct d_compile_args a;
	struct vm_prog *p = NULL;
	char *argv[] = { (char *)"t_check", NULL };
	int i;

	memset(&a, 0, sizeof(a));
	for (i = 0; i < n; i++) {
		s[i].src = src[i];
		s[i].len = strlen(src[i]);
		s[i].name = "t.d";
		s[i].kind = kinds ? kinds[i] : D_SRC_SCRIPT;
	}
	a.srcs = s;
	a.nsrcs = (size_t)n;
	a.argv = argv;
	a.argc = 1;
	a.strsize = 256;
	a.resolver = res;
	a.prelude = cur_prelude;
	a.destructive = cur_destructive;
	memset(err, 0, sizeof(*err));
	if (d_compile(&a, &p, err) != 0)
		return NULL;
	return p;
}

static struct vm_prog *
compile(const char *src, struct d_error *err)
{
	return compile_units(&src, NULL, 1, err, NULL);
}

/* Compiles src, expecting error tag with msg contained in the message. */
static void
expect_err(const char *src, const char *tag, const char *msg)
{
	struct d_error e;
	struct vm_prog *p = compile(src, &e);

	if (!ok(p == NULL && strcmp(e.tag, tag) == 0 &&
			(msg == NULL || strstr(e.msg, msg) != NULL),
		"%s: %s", tag, src))
		diag("got %s [%s] %s", p ? "success" : "error", e.tag, e.msg);
	vm_prog_free(p);
}

static const struct vm_stmt *
body(const struct vm_prog *p, unsigned c, unsigned s)
{
	if (p == NULL || c >= p->nclauses || s >= p->clauses[c]->nbody)
		return NULL;
	return p->clauses[c]->body[s];
}

static void
test_program(void)
{
	struct d_error e;
	struct vm_prog *p;
	const struct vm_stmt *st;

	p = compile("BEGIN { x = 1; y = \"a\"; self->z++; }", &e);
	ok(p != NULL, "assignments compile");
	if (p != NULL) {
		is_int(p->nvars, 3, "three variables");
		ok(p->vars[0]->type.kind == VM_T_INT &&
			   p->vars[0]->type.size == 4 &&
			   p->vars[0]->type.is_signed,
		   "x is int from its first assignment");
		ok(p->vars[1]->type.kind == VM_T_STRING, "y is a string");
		ok(p->vars[2]->scope == VM_SCOPE_TLS &&
			   p->vars[2]->type.size == 8,
		   "self->z++ makes an int64_t");
		is_int(p->clauses[0]->has_data, 0,
		       "assignment-only clause records nothing");
	}
	vm_prog_free(p);

	p = compile("BEGIN { x = 1; exit(0); }", &e);
	ok(p && p->clauses[0]->has_data, "exit() records data");
	st = body(p, 0, 1);
	ok(st && st->kind == VM_ST_ACTION && st->act == VM_ACT_EXIT &&
		   st->action_no == 2,
	   "every statement is an action: exit is #2");
	vm_prog_free(p);

	p = compile(
		"BEGIN { s = 1; } END { commit(s); } BEGIN { speculate(s); }",
		&e);
	ok(p && !p->clauses[1]->has_data && p->clauses[2]->has_data,
	   "commit-only clauses print no line; speculate-only ones do");
	vm_prog_free(p);

	p = compile("BEGIN {}", &e);
	ok(p && p->clauses[0]->has_data && p->clauses[0]->nbody == 0,
	   "empty clause takes the default action");
	vm_prog_free(p);

	p = compile("BEGIN { trace(2 * 3 + 1); }", &e);
	st = body(p, 0, 0);
	ok(st && st->nargs == 1 && st->args[0]->op == VM_OP_CONST &&
		   st->args[0]->ival == 7,
	   "constants fold");
	vm_prog_free(p);

	p = compile("BEGIN { c = (char)1; trace(c + c); }", &e);
	st = body(p, 0, 1);
	ok(st && st->args[0]->op == VM_OP_ADD && st->args[0]->type.size == 4 &&
		   st->args[0]->kids[0]->op == VM_OP_CAST,
	   "char + char adds in int with explicit casts");
	vm_prog_free(p);

	p = compile("BEGIN { p = (int *)alloca(8); q = p + 1; }", &e);
	st = body(p, 0, 1);
	ok(st && st->expr->kids[1]->op == VM_OP_ADD &&
		   st->expr->kids[1]->kids[1]->op == VM_OP_CONST &&
		   st->expr->kids[1]->kids[1]->ival == 4,
	   "pointer arithmetic is scaled");
	vm_prog_free(p);

	p = compile("BEGIN { @a[\"k\", 1] = lquantize(3, 0, 100, 10); "
		    "@b = llquantize(5, 10, 0, 6, 20); @c = count(); }",
		    &e);
	ok(p && p->naggs == 3, "three aggregations");
	if (p && p->naggs == 3) {
		ok(p->aggs[0]->fn == VM_AGG_LQUANTIZE &&
			   p->aggs[0]->lq_base == 0 &&
			   p->aggs[0]->lq_limit == 100 &&
			   p->aggs[0]->lq_step == 10 && p->aggs[0]->nkeys == 2,
		   "lquantize description");
		ok(p->aggs[1]->llq_factor == 10 && p->aggs[1]->llq_high == 6 &&
			   p->aggs[1]->llq_nsteps == 20,
		   "llquantize description");
		ok(p->aggs[2]->id == 2 && p->aggs[2]->fn == VM_AGG_COUNT,
		   "ids in order of appearance");
		ok(!p->clauses[0]->has_data, "aggregation-only clause");
	}
	vm_prog_free(p);

	p = compile("#pragma D option quiet\n#pragma D option strsize=32\n"
		    "BEGIN { s = \"x\"; }",
		    &e);
	ok(p && p->noptions == 2 &&
		   strcmp(p->options[1].name, "strsize") == 0 &&
		   strcmp(p->options[1].value, "32") == 0 && p->strsize == 32,
	   "pragmas become options; strsize applies");
	vm_prog_free(p);

	p = compile("struct s { int a; int b : 4; }; BEGIN { this->p = "
		    "(struct s *)alloca(sizeof(struct s)); this->p->b = 3; "
		    "trace(this->p->a); trace(offsetof(struct s, a)); }",
		    &e);
	ok(p != NULL, "struct members through a pointer");
	vm_prog_free(p);

	p = compile("BEGIN /x++ == 0/ { trace(x); }", &e);
	ok(p != NULL, "predicate that creates a variable");
	vm_prog_free(p);

	p = compile("BEGIN { trace(strtok(NULL, \",\")); }", &e);
	ok(p != NULL, "NULL is defined");
	vm_prog_free(p);
}

static int
resolve(void *ctx, const struct vm_probedesc *pd, struct vm_type types[10],
	const char *names[10])
{
	(void)ctx;
	(void)names;
	if (strcmp(pd->name, "BEGIN") == 0)
		return -1;
	memset(&types[0], 0, sizeof(types[0]));
	types[0].kind = VM_T_PTR;
	types[0].size = 8;
	types[0].name = "char *";
	return 1;
}

static void
test_units(void)
{
	static const char *const two[] = { "BEGIN { x = 1; }",
					   "END { trace(x); }" };
	static const char *const bad[] = { "BEGIN { x = 1; }",
					   "END { trace(y); }" };
	static const char *const pspec[] = { "syscall", "BEGIN" };
	static const int kinds[] = { D_SRC_PROVIDER, D_SRC_NAME };
	static const char *const args1[] = { "foo:::bar { trace(args[0]); }" };
	static const char *const args2[] = { "BEGIN { trace(args[0]); }" };
	static const char *const nregion[] = { "BEGIN { trace(nosuch); }" };
	static const char *const npred[] = { "BEGIN /nosuch/ { }" };
	static const int nkind[] = { D_SRC_NAME };
	const struct d_probe_resolver res = { resolve, NULL };
	struct d_error e;
	struct vm_prog *p;

	p = compile_units(two, NULL, 2, &e, NULL);
	ok(p != NULL && p->nclauses == 2 && p->nvars == 1,
	   "units share globals");
	vm_prog_free(p);
	p = compile_units(bad, NULL, 2, &e, NULL);
	ok(p == NULL && e.unit == 1 && strcmp(e.tag, "D_IDENT_UNDEF") == 0,
	   "error names the failing unit");
	p = compile_units(pspec, kinds, 2, &e, NULL);
	ok(p && strcmp(p->clauses[0]->descs[0].prov, "syscall") == 0 &&
		   strcmp(p->clauses[1]->descs[0].name, "BEGIN") == 0,
	   "-P and -n descriptions are aligned by kind");
	vm_prog_free(p);
	p = compile_units(nregion, nkind, 1, &e, NULL);
	ok(p == NULL && strcmp(e.tag, "D_IDENT_UNDEF") == 0 &&
		   strcmp(e.msg, "in action list: failed to resolve nosuch: "
				 "Unknown variable name") == 0,
	   "-n errors name the region being cooked");
	p = compile_units(npred, nkind, 1, &e, NULL);
	ok(p == NULL && strncmp(e.msg, "in predicate: ", 14) == 0,
	   "predicate region");
	p = compile_units(args1, NULL, 1, &e, &res);
	ok(p && body(p, 0, 0)->args[0]->op == VM_OP_ARG &&
		   body(p, 0, 0)->args[0]->type.kind == VM_T_PTR,
	   "args[0] typed by the resolver");
	vm_prog_free(p);
	p = compile_units(args2, NULL, 1, &e, &res);
	ok(p == NULL && strcmp(e.tag, "D_ARGS_IDX") == 0 &&
		   strstr(e.msg,
			  "index 0 is out of range for :::BEGIN args[ ]"),
	   "args[] of BEGIN is out of range");
	vm_prog_free(p);
}

static void
test_errors(void)
{
	expect_err("BEGIN { trace(nosuch); }", "D_IDENT_UNDEF",
		   "failed to resolve nosuch: Unknown variable name");
	expect_err("BEGIN { x = 1; x = \"s\"; }", "D_OP_INCOMPAT",
		   "operands have incompatible types: \"int\" = \"string\"");
	expect_err("BEGIN { x = 1 / 0; }", "D_DIV_ZERO",
		   "expression contains division by zero");
	expect_err("BEGIN { trace(self->q); }", "D_VAR_UNDEF",
		   "self->q has not yet been declared or assigned");
	expect_err("BEGIN { this->a[1] = 1; }", "D_ARR_LOCAL",
		   "local variables may not be used as associative arrays: a");
	expect_err("BEGIN { a[1] = 1; a[\"x\"] = 2; }", "D_PROTO_ARG",
		   "a[ ] key #1 is incompatible with prototype:\n"
		   "\tprototype: int\n\t      key: string");
	expect_err("BEGIN { a[1] = 1; a[1, 2] = 2; }", "D_PROTO_LEN",
		   "a[ ] prototype mismatch: 2 keys passed, 1 expected");
	expect_err("BEGIN { trace(strlen(1)); }", "D_PROTO_ARG",
		   "strlen( ) argument #1 is incompatible with prototype:");
	expect_err("BEGIN { trace(substr(\"a\")); }", "D_PROTO_LEN",
		   "substr( ) prototype mismatch: 1 arg passed, at least 2 "
		   "expected");
	expect_err("BEGIN { trace(); }", "D_PROTO_LEN",
		   "trace( ) prototype mismatch: 0 args passed, 1 expected");
	expect_err("BEGIN { printf(\"%d\\n\", \"a\"); }", "D_PRINTF_ARG_TYPE",
		   "printf( ) argument #2 is incompatible with conversion #1 "
		   "prototype:\n\tconversion: %d\n\t prototype: char, short, "
		   "int, long, or long long\n\t  argument: string");
	expect_err("BEGIN { printf(\"%d\\n\", 1, 2); }", "D_PRINTF_ARG_EXTRA",
		   "only 1 arguments required by this format string");
	expect_err("BEGIN { printf(\"%d %d\\n\", 1); }", "D_PRINTF_ARG_PROTO",
		   "conversion #2 (%d) is missing a corresponding value "
		   "argument");
	expect_err("BEGIN { printf(\"\"); }", "D_PRINTF_FMT_EMPTY",
		   "printf( ) format string is empty");
	expect_err("BEGIN { printf(\"%@d\", 1); }", "D_PRINTF_AGG_CONV", NULL);
	expect_err("BEGIN { printf(\"%hhd\", 1); }", "D_SYNTAX",
		   "format conversion #1 is undefined: %hhd");
	expect_err("BEGIN { @a = count(); @a = sum(1); }", "D_AGG_REDEF",
		   "aggregation redefined: @a\n\t current: @a = sum( )\n"
		   "\tprevious: @a = count( ) : line 1");
	expect_err("BEGIN { @a = 1; }", "D_AGG_FUNC",
		   "@a must be assigned the result of an aggregating function");
	expect_err("BEGIN { @a = lquantize(1, 10, 0); }", "D_LQUANT_MISMATCH",
		   NULL);
	expect_err("BEGIN { x = 1; @a = lquantize(1, 0, x); }",
		   "D_LQUANT_LIMTYPE",
		   "argument #2 must be an integer constant");
	expect_err("BEGIN { @a = lquantize(1, 0, 10, 0); }",
		   "D_LQUANT_STEPTYPE", NULL);
	expect_err("BEGIN { @a = llquantize(1, 1, 0, 2, 10); }",
		   "D_LLQUANT_FACTORVAL", NULL);
	expect_err("BEGIN { @a = quantize(1, 2, 3); }", "D_PROTO_LEN",
		   "at most 2 expected");
	expect_err("BEGIN { @a = sum(\"s\"); }", "D_AGG_SCALAR",
		   "sum( ) argument #1 must be of scalar type");
	expect_err("BEGIN { trace(1); speculate(1); }", "D_SPEC_DREC", NULL);
	expect_err("BEGIN { speculate(1); speculate(1); }", "D_SPEC_SPEC",
		   NULL);
	expect_err("BEGIN { speculate(1); exit(0); }", "D_EXIT_SPEC", NULL);
	expect_err("BEGIN { speculate(1); @a = count(); }", "D_AGG_SPEC", NULL);
	expect_err("BEGIN { commit(1); trace(1); }", "D_DREC_COMM", NULL);
	expect_err("BEGIN { trace(1); commit(1); }", "D_COMM_DREC", NULL);
	expect_err("BEGIN { printa(@x); }", "D_IDENT_UNDEF",
		   "failed to resolve @x: Unknown variable name");
	expect_err("BEGIN { @a = count(); @a; }", "D_AGG_NULL",
		   "expression has null effect: @a");
	expect_err("BEGIN { avg(1); }", "D_CG_EXPR",
		   "avg( ) may not be called from a D expression (D program "
		   "context required)");
	expect_err("BEGIN { x = trace(1); }", "D_CG_EXPR", NULL);
	expect_err("BEGIN { trace(trace(1)); }", "D_TRACE_VOID", NULL);
	expect_err("BEGIN { @a[1][2] = count(); }", "D_AGG_MDIM",
		   "improper attempt to reference @a as a multi-dimensional "
		   "array");
	expect_err("BEGIN { @a = llquantize(1, 10, 0, 6, 0); }",
		   "D_LLQUANT_STEPTYPE", NULL);
	expect_err("BEGIN { @a = lquantize(1, 5, 5); }", "D_LQUANT_MISMATCH",
		   NULL);
	expect_err("BEGIN { printa(1); }", "D_PRINTA_AGGARG", NULL);
	expect_err("BEGIN { clear(1); }", "D_CLEAR_AGGARG", NULL);
	expect_err("BEGIN { @a = count(); @b[1] = count(); printa(@a, @b); }",
		   "D_PRINTA_AGGKEY", NULL);
	expect_err("BEGIN { system(\"ls\"); }", "EDT_DESTRUCTIVE",
		   "Destructive actions not allowed");
	expect_err("BEGIN { getmajor(1); }", "D_FUNC_UNDEF", NULL);
	expect_err("BEGIN { nosuchfn(); }", "D_FUNC_UNDEF",
		   "undefined function name: nosuchfn");
	expect_err("BEGIN { timestamp = 1; }", "D_OP_WRITE",
		   "operator = can only be applied to a writable variable");
	expect_err("BEGIN { 1 = 2; }", "D_OP_LVAL", NULL);
	expect_err("BEGIN { x = *1; }", "D_DEREF_NONPTR", NULL);
	expect_err("BEGIN { x = \"a\" * 2; }", "D_OP_ARITH", NULL);
	expect_err("BEGIN { x = 1; trace(&x); }", "D_ADDROF_VAR", NULL);
	expect_err("struct s { int a; }; BEGIN { trace(((struct s *)0)->b); }",
		   "D_TYPE_MEMBER", "b is not a member of struct s");
	expect_err("BEGIN { x = 1; trace(x.a); }", "D_OP_SOU", NULL);
	expect_err("BEGIN { x = 1; trace(x->a); }", "D_OP_PTR", NULL);
	expect_err("int x; char x;", "D_DECL_IDRED",
		   "identifier redeclared: x\n\t current: scalar char\n"
		   "\tprevious: scalar int");
	expect_err("void x;", "D_DECL_VOIDOBJ", "cannot have void object: x");
	expect_err("this int a[int];", "D_DECL_LOCASSC", NULL);
	expect_err("BEGIN { @a = count(); trace(1 == 1 ? @a : @a); }",
		   "D_OP_DYN", NULL);
	expect_err("BEGIN { @a = count(); @a; }", "D_AGG_NULL",
		   "expression has null effect: @a");
	expect_err("BEGIN { a[1] = 1; trace(a); }", "D_IDENT_BADREF",
		   "associative array 'a' may not be referenced as scalar");
	expect_err("BEGIN { trace(1 ? \"a\" : 1); }", "D_OP_INCOMPAT",
		   "operator ?: operands must have compatible types");
	expect_err("BEGIN { stack(0); }", "D_STACK_SIZE", NULL);
	expect_err("BEGIN { tracemem(0, 0); }", "D_TRACEMEM_SIZE", NULL);
	expect_err("BEGIN { x = (int)\"a\"; }", "D_CAST_INVAL", NULL);
	expect_err("BEGIN { trace(sizeof(void)); }", "D_SIZEOF_TYPE", NULL);
}

/* --- the providers' prelude, typed args[], curpsinfo -------------------- */

/* A prelude as the providers declare theirs (the translated structs). */
static const char prelude[] =
	"typedef struct psinfo {\n"
	"	int pr_flag;\n"
	"	pid_t pr_pid;\n"
	"	pid_t pr_ppid;\n"
	"	uintptr_t pr_addr;\n"
	"	char pr_fname[16];\n"
	"	char pr_psargs[80];\n"
	"} psinfo_t;\n"
	"typedef struct lwpsinfo {\n"
	"	int pr_flag;\n"
	"	id_t pr_lwpid;\n"
	"	char pr_name[16];\n"
	"} lwpsinfo_t;\n"
	"typedef struct bufinfo {\n"
	"	int b_flags;\n"
	"	size_t b_bcount;\n"
	"	caddr_t b_addr;\n"
	"	size_t b_resid;\n"
	"	dev_t b_edev;\n"
	"} bufinfo_t;\n"
	"typedef struct siginfo { int si_signo; int si_code; } siginfo_t;\n"
	"inline int PRELUDE_CONST = 7;\n";

/* Types by name, as a provider's resolver gives them. */
static const char *res_names[10];
static int res_n;

static int
resolve_names(void *ctx, const struct vm_probedesc *pd,
	      struct vm_type types[10], const char *names[10])
{
	int i;

	(void)ctx;
	(void)pd;
	for (i = 0; i < res_n; i++) {
		memset(&types[i], 0, sizeof(types[i]));
		types[i].kind = VM_T_INT;
		types[i].size = 8;
		types[i].is_signed = 1;
		names[i] = res_names[i];
	}
	return res_n;
}

static void
test_prelude(void)
{
	static const int nkind[] = { D_SRC_NAME };
	const struct d_probe_resolver res = { resolve_names, NULL };
	const struct vm_stmt *st;
	const struct vm_node *e;
	struct d_error err;
	struct vm_prog *p;
	const char *src;

	cur_prelude = prelude;
	p = compile("BEGIN { trace(sizeof(psinfo_t)); "
		    "trace(curpsinfo->pr_ppid); trace(PRELUDE_CONST); "
		    "trace(curlwpsinfo->pr_name); }",
		    &err);
	if (!ok(p != NULL, "a script uses the prelude's types and inlines"))
		diag("[%s] %s", err.tag, err.msg);
	st = body(p, 0, 0);
	ok(st && st->args[0]->op == VM_OP_CONST && st->args[0]->ival == 120,
	   "sizeof(psinfo_t) (C layout)");
	e = (st = body(p, 0, 1)) ? st->args[0] : NULL;
	ok(e && e->op == VM_OP_DEREF && e->type.size == 4 &&
		   e->kids[0]->op == VM_OP_ADD &&
		   e->kids[0]->kids[0]->op == VM_OP_BUILTIN &&
		   e->kids[0]->kids[0]->ival == VM_BI_CURPSINFO &&
		   e->kids[0]->kids[0]->type.kind == VM_T_PTR &&
		   e->kids[0]->kids[1]->ival == 8,
	   "curpsinfo->pr_ppid loads 4 bytes at curpsinfo + 8");
	st = body(p, 0, 2);
	ok(st && st->args[0]->op == VM_OP_CONST && st->args[0]->ival == 7,
	   "a prelude inline");
	vm_prog_free(p);

	expect_err("typedef int psinfo_t;", "D_DECL_IDRED",
		   "typedef redeclared: psinfo_t");

	/* a prelude error is udtrace's, reported as such */
	cur_prelude =
		"typedef struct a { int x; } a_t;\nstruct b { void x; };\n";
	p = compile("BEGIN { exit(0); }", &err);
	ok(p == NULL && err.unit == -1 && err.line == 0 &&
		   strcmp(err.tag, "D_DECL_VOIDOBJ") == 0 &&
		   strcmp(err.msg, "internal error in the provider types: "
				   "line 2: cannot have void member: x") == 0,
	   "an error in the prelude: unit -1, its line in the message");
	cur_prelude = "typedef int x_t;\nBEGIN { exit(0); }\n";
	p = compile("BEGIN { exit(0); }", &err);
	ok(p == NULL && err.unit == -1 &&
		   strstr(err.msg, "line 2: only declarations and inlines") !=
			   NULL,
	   "a prelude may not hold clauses");
	cur_prelude = "typedef int x_t\n";
	p = compile("BEGIN { exit(0); }", &err);
	ok(p == NULL && err.unit == -1 && strcmp(err.tag, "D_SYNTAX") == 0 &&
		   strncmp(err.msg,
			   "internal error in the provider types: ", 38) == 0,
	   "a prelude syntax error");

	/* without the prelude's types */
	cur_prelude = NULL;
	expect_err("BEGIN { trace(curpsinfo->pr_pid); }", "D_UNKNOWN",
		   "curpsinfo is not available: no provider declares "
		   "psinfo_t");
	expect_err("BEGIN { trace(curlwpsinfo); }", "D_UNKNOWN",
		   "curlwpsinfo is not available: no provider declares "
		   "lwpsinfo_t");
	expect_err("int curpsinfo;", "D_DECL_IDRED",
		   "built-in identifier redeclared: curpsinfo");

	/* args[] typed by name */
	cur_prelude = prelude;
	res_names[0] = "bufinfo_t *";
	res_names[1] = "string";
	res_names[2] = "int";
	res_names[3] = "siginfo_t *";
	res_names[4] = NULL; /* types[4]: int64_t */
	res_n = 5;
	src = "io:::start { trace(args[0]->b_bcount); trace(args[1]); "
	      "trace(args[2]); trace(args[3]->si_code); trace(args[4]); }";
	p = compile_units(&src, NULL, 1, &err, &res);
	if (!ok(p != NULL, "args[] typed by the provider's type names"))
		diag("[%s] %s", err.tag, err.msg);
	e = (st = body(p, 0, 0)) ? st->args[0] : NULL;
	ok(e && e->op == VM_OP_DEREF && e->type.size == 8 &&
		   !e->type.is_signed && e->kids[0]->op == VM_OP_ADD &&
		   e->kids[0]->kids[0]->op == VM_OP_ARG &&
		   e->kids[0]->kids[0]->type.kind == VM_T_PTR &&
		   e->kids[0]->kids[1]->ival == 8,
	   "args[0]->b_bcount: 8 bytes loaded at args[0] + 8");
	e = (st = body(p, 0, 1)) ? st->args[0] : NULL;
	ok(e && e->op == VM_OP_ARG && e->type.kind == VM_T_STRING,
	   "a \"string\" argument is a string");
	e = (st = body(p, 0, 2)) ? st->args[0] : NULL;
	ok(e && e->op == VM_OP_ARG && e->type.kind == VM_T_INT &&
		   e->type.size == 4 && e->type.is_signed,
	   "an \"int\" argument");
	e = (st = body(p, 0, 3)) ? st->args[0] : NULL;
	ok(e && e->op == VM_OP_DEREF && e->kids[0]->kids[1]->ival == 4,
	   "args[3]->si_code");
	e = (st = body(p, 0, 4)) ? st->args[0] : NULL;
	ok(e && e->type.kind == VM_T_INT && e->type.size == 8,
	   "no name: the vm_type");
	vm_prog_free(p);
	src = "io:::start { trace(args[1]->b_bcount); }";
	p = compile_units(&src, NULL, 1, &err, &res);
	ok(p == NULL && strcmp(err.tag, "D_OP_PTR") == 0,
	   "a string argument has no members");
	res_names[0] = "nosuch_t *";
	res_n = 1;
	src = "io:::start { trace(args[0]); }";
	p = compile_units(&src, NULL, 1, &err, &res);
	ok(p == NULL && strcmp(err.tag, "D_UNKNOWN") == 0 &&
		   strcmp(err.msg,
			  "internal error in the provider types: "
			  "args[0] of io:::start has type "
			  "\"nosuch_t *\", which is not a D type") == 0,
	   "an argument type that is no D type: %s", err.msg);
	res_names[0] = "int int *";
	p = compile_units(&src, nkind, 1, &err, &res);
	ok(p == NULL && strcmp(err.tag, "D_UNKNOWN") == 0 &&
		   strstr(err.msg, "in action list: internal error in the "
				   "provider types: args[0] of io:::start "
				   "has type \"int int *\"") != NULL,
	   "an argument type that does not parse: %s", err.msg);
	res_names[0] = "psinfo_t *";
	src = "proc:::exec /args[0]->pr_pid == 1/ { }";
	p = compile_units(&src, nkind, 1, &err, &res);
	ok(p != NULL, "a typed argument in a predicate");
	vm_prog_free(p);
	res_n = 0;
	cur_prelude = NULL;
}

static void
test_units_types(void)
{
	static const char *const two[] = { "typedef int foo_t;\n"
					   "struct bar { foo_t a; long b; };",
					   "BEGIN { x = (foo_t)1; "
					   "trace(sizeof(struct bar)); }" };
	struct d_error err;
	struct vm_prog *p = compile_units(two, NULL, 2, &err, NULL);

	if (!ok(p != NULL, "a typedef of one unit is a type name in the next"))
		diag("[%s] %s", err.tag, err.msg);
	vm_prog_free(p);
}

static void
test_uregs(void)
{
#if defined(__x86_64__)
	struct d_error err;
	struct vm_prog *p =
		compile("BEGIN { trace(R_PC); trace(uregs[R_RAX]); }", &err);
	const struct vm_stmt *st = body(p, 0, 0);

	ok(st && st->args[0]->op == VM_OP_CONST && st->args[0]->ival == 37,
	   "R_PC is Oracle's x86_64 index (R_EIP's)");
	st = body(p, 0, 1);
	ok(st && st->args[0]->op == VM_OP_BUILTIN &&
		   st->args[0]->ival == VM_BI_UREGS &&
		   st->args[0]->kids[0]->ival == 10,
	   "uregs[R_RAX] asks for index 10");
	vm_prog_free(p);
#else
	ok(1, "# SKIP uregs[] names are x86_64's");
	ok(1, "# SKIP uregs[] names are x86_64's");
#endif
}

static void
test_fault_injection(void)
{
	const struct vm_stmt *st;
	struct d_error err;
	struct vm_prog *p;

	expect_err("BEGIN { syscall_fail(2); }", "EDT_DESTRUCTIVE",
		   "Destructive actions not allowed");
	expect_err("BEGIN { syscall_return(0); }", "EDT_DESTRUCTIVE",
		   "Destructive actions not allowed");
	cur_destructive = 1;
	p = compile("syscall::open:entry { syscall_fail(ENOENT); } "
		    "syscall::close:entry { syscall_return(-1); }",
		    &err);
	st = body(p, 0, 0);
	ok(st && st->kind == VM_ST_ACTION && st->act == VM_ACT_SYSCALL_FAIL &&
		   st->nargs == 1 && st->args[0]->op == VM_OP_CONST &&
		   st->args[0]->ival == 2 && st->args[0]->type.size == 4,
	   "syscall_fail(ENOENT): an action with an int");
	st = body(p, 1, 0);
	ok(st && st->act == VM_ACT_SYSCALL_RETURN &&
		   st->args[0]->type.size == 8 && st->args[0]->ival == -1,
	   "syscall_return(-1): an action with an int64_t");
	vm_prog_free(p);
	expect_err("BEGIN { syscall_fail(); }", "D_PROTO_LEN",
		   "syscall_fail( ) prototype mismatch: 0 args passed, 1 "
		   "expected");
	expect_err("BEGIN { syscall_return(1, 2); }", "D_PROTO_LEN",
		   "syscall_return( ) prototype mismatch: 2 args passed, 1 "
		   "expected");
	expect_err("BEGIN { syscall_fail(\"ENOENT\"); }", "D_PROTO_ARG",
		   "syscall_fail( ) argument #1 is incompatible with "
		   "prototype:\n\tprototype: int\n\t argument: string");
	expect_err("BEGIN { speculate(speculation()); syscall_fail(1); }",
		   "D_ACT_SPEC",
		   "destructive actions may not follow speculate");
	expect_err("BEGIN { x = syscall_fail(1); }", "D_CG_EXPR", NULL);
	expect_err("int syscall_return;", "D_DECL_IDRED",
		   "built-in identifier redeclared: syscall_return");
	cur_destructive = 0;
}

int
main(void)
{
	test_types();
	test_program();
	test_units();
	test_errors();
	test_prelude();
	test_units_types();
	test_uregs();
	test_fault_injection();
	return done_testing();
}
