/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the provider definitions d_compile() hands out for -h and
 * -G (d.h's d_compile_args.provdefs, src/d/d_prov.c): names as declared
 * and as D writes them, the C text of the argument types (typedefs kept,
 * arrays and functions adjusted to pointers, D's string a char *),
 * declaration order across units, and none on failure. Linked against
 * libudt_d.a and libudt_common.a only.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "d/d.h"
#include "tap.h"

/* Compiles the scripts srcs[0..n-1]; the definitions, or NULL with err. */
static struct d_provdefs *
defs_of(const char *const *srcs, int n, struct d_error *err)
{
	struct d_source s[4];
	struct d_compile_args a;
	struct d_provdefs *d = (struct d_provdefs *)1;
	struct vm_prog *p = NULL;
	char *argv[] = { (char *)"t_provdefs", NULL };

	memset(&a, 0, sizeof(a));
	for (int i = 0; i < n; i++) {
		s[i].src = srcs[i];
		s[i].len = strlen(srcs[i]);
		s[i].name = "t.d";
		s[i].kind = D_SRC_SCRIPT;
	}
	a.srcs = s;
	a.nsrcs = (size_t)n;
	a.argv = argv;
	a.argc = 1;
	a.strsize = 256;
	a.provdefs = &d;
	memset(err, 0, sizeof(*err));
	if (d_compile(&a, &p, err) != 0) {
		ok(d == NULL, "no definitions after an error");
		return NULL;
	}
	vm_prog_free(p);
	return d;
}

static void
test_defs(void)
{
	static const char *const srcs[] = {
		"typedef unsigned long myid_t;\n"
		"provider db {\n"
		"	probe query__start(const char *q, myid_t);\n"
		"	probe a___b();\n"
		"	probe none(void);\n"
		"};\n"
		"BEGIN { exit(0); }\n",
		"provider net {\n"
		"	probe fn(int (*)(int), char [8], string) : (int);\n"
		"	probe wide(uint8_t, short, long long, struct s *);\n"
		"};\n"
		"provider db { probe none(); };\n",
	};
	struct d_error err;
	struct d_provdefs *d = defs_of(srcs, 2, &err);
	const struct d_probedef *q;

	if (!ok(d != NULL, "two units with providers compile"))
		diag("[%s] line %d: %s", err.tag, err.line, err.msg);
	if (d == NULL)
		return;
	is_int(d->nprovs, 2, "two providers (db declared twice)");
	is_str(d->provs[0].name, "db", "first: db");
	is_int(d->provs[0].unit, 0, "db: unit 0");
	is_int(d->provs[0].line, 2, "db: line 2");
	is_int(d->provs[0].nprobes, 3, "db: 3 probes");
	q = &d->provs[0].probes[0];
	is_str(q->name, "query__start", "name as declared");
	is_str(q->dname, "query-start", "D name: __ is -");
	is_int(q->nargs, 2, "query__start: 2 args");
	is_str(q->args[0], "const char *", "arg 0: const char *");
	is_str(q->args[1], "myid_t", "arg 1: the typedef's name");
	is_int(q->line, 3, "query__start: line 3");
	is_str(d->provs[0].probes[1].dname, "a-_b", "a___b is a-_b");
	is_int(d->provs[0].probes[2].nargs, 0, "(void): no args");
	is_str(d->provs[1].name, "net", "second: net");
	is_int(d->provs[1].unit, 1, "net: unit 1");
	q = &d->provs[1].probes[0];
	is_int(q->nargs, 3, "fn: 3 input args (the output ones aside)");
	is_str(q->args[0], "int (*)(int)", "a function pointer");
	is_str(q->args[1], "char *", "an array is a pointer");
	is_str(q->args[2], "char *", "string is char *");
	q = &d->provs[1].probes[1];
	is_str(q->args[0], "uint8_t", "uint8_t");
	is_str(q->args[1], "short", "short");
	is_str(q->args[2], "long long", "long long");
	is_str(q->args[3], "struct s *", "struct s *");
	d_provdefs_free(d);
}

static void
test_errors(void)
{
	static const struct {
		const char *src, *tag, *msg;
	} bad[] = {
		{ "provider p9 { probe a(); };", "D_PROV_BADNAME",
		  "provider name may not end with a digit: p9" },
		{ "provider p { probe a(); probe a(int); };", "D_PROV_PRDUP",
		  "probe redeclared: p:a" },
		{ "provider p { probe a(int, void); };", "D_DECL_PROTO_VOID",
		  "void must be sole parameter in probe input prototype" },
		{ "provider p { probe a(void v); };", "D_DECL_PROTO_NAME",
		  "void parameter may not have a name: v" },
		{ "provider p { probe a(int); };\n"
		  "provider p { probe b(int); };",
		  "D_PROV_INCOMPAT", "provider interface mismatch: p" },
		{ "provider p { probe a(int); };\n"
		  "provider p { probe a(int, int); };",
		  "D_PROV_INCOMPAT",
		  "probe p:a input prototype mismatch:\n"
		  "\t current: 2 args\n\tprevious: 1 arg" },
	};
	struct d_error err;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct d_provdefs *d = defs_of(&bad[i].src, 1, &err);

		if (!ok(d == NULL && strcmp(err.tag, bad[i].tag) == 0 &&
				strstr(err.msg, bad[i].msg) != NULL,
			"%s: %.*s", bad[i].tag, (int)strcspn(bad[i].msg, "\n"),
			bad[i].msg))
			diag("got [%s] %s", err.tag, err.msg);
		d_provdefs_free(d);
	}
}

static void
test_none(void)
{
	static const char *const src = "BEGIN { exit(0); }";
	struct d_error err;
	struct d_provdefs *d = defs_of(&src, 1, &err);

	ok(d != NULL && d->nprovs == 0, "no provider: empty definitions");
	d_provdefs_free(d);
	d_provdefs_free(NULL);
}

int
main(void)
{
	test_defs();
	test_errors();
	test_none();
	return done_testing();
}
