/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D checker's statement half and the program: clauses (probe
 * descriptions, predicate, statements), actions with dtrace's rules
 * (dt_cg.c's dt_cg_act_* and dt_cg_clsflags: speculate/commit ordering,
 * printf/printa format checking through common/fmt.h, aggregation argument
 * checks), aggregations (@a[keys] = fn(args), with lquantize/llquantize
 * parameter validation), pragmas, units and the final struct vm_prog.
 *
 * Which clauses record data (vm_clause.has_data). DTrace prints the
 * default "CPU ID FUNCTION:NAME" line for an enabled probe only when its
 * clause puts something in the principal buffer. A clause without any
 * statement gets dtrace's default action (dt_compile_one_clause appends a
 * default statement when dn_acts is NULL), so it records. A clause whose
 * statements are only variable assignments, other expressions and
 * aggregations records nothing: `syscall::read:entry { self->ts =
 * timestamp; }` runs silently even without -q, which is what every
 * dtrace user relies on. Every action (trace, printf, printa, exit,
 * commit, clear, setopt, stack(), sym()...) records, so a clause with one
 * anywhere (including inside if/else) has has_data set:
 * `BEGIN { x = 1; }` prints nothing, `BEGIN { x = 1; exit(0); }` prints
 * the BEGIN line.
 *
 * Statement encoding (beyond vm_isa.h): every statement is numbered in
 * vm_stmt.action_no (1-based, in clause order, if-bodies included), the
 * "action #N" of a fault. VM_ST_AGG args are [value] or [value,
 * increment] (the increment as int64_t); lquantize/llquantize parameters
 * are in the vm_aggdesc. stack()/ustack()/jstack() statements are
 * VM_ACT_STACK/USTACK/JSTACK with their constant arguments;
 * sym()/usym()/... statements are VM_ACT_TRACE of the VM_T_SYM value.
 * printa() args are AGGREF nodes (fmt NULL: default layout); clear,
 * trunc, normalize, denormalize take an AGGREF first. setopt() args are
 * strings. Destructive actions without -w (or #pragma D option
 * destructive) fail with tag "EDT_DESTRUCTIVE", line 0 and dtrace's
 * "Destructive actions not allowed", which dtrace reports when enabling:
 * d_cc_finish() does, once every unit compiled without error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fmt.h"
#include "common/htab.h"
#include "common/xalloc.h"
#include "d/d_cc.h"

/* --- printf-style format checking (dt_printf_validate) ---------------- */

#define PF_EXACT 1
#define PF_AGG 2

static int
fmt_arg_ok(struct d_cc *cc, const struct fmt_conv *cv, struct d_type *t,
	   unsigned fl)
{
	struct d_type *r = d_type_resolve(t);
	struct d_type *pt;

	if (fl & CX_AGG)
		return 0;
	switch (cv->check) {
	case FMT_C_XINT:
	case FMT_C_DINT:
		return d_type_is_integer(t);
	case FMT_C_CSI:
		return d_type_is_integer(t) && d_type_size(t) <= 4;
	case FMT_C_FP:
		return d_type_is_float(t);
	case FMT_C_ADDR:
		return d_type_is_integer(t) || d_type_is_pointer(t);
	case FMT_C_KADDR:
		return d_type_is_integer(t) || d_type_is_pointer(t) ||
		       (r->kind == D_T_SYM && r->symkind < VM_SYM_USYM);
	case FMT_C_UADDR:
		if (r->kind == D_T_SYM && r->symkind >= VM_SYM_USYM)
			return 1;
		return d_type_is_integer(t) || d_type_is_pointer(t);
	case FMT_C_STACK:
		return r->kind == D_T_STACK;
	case FMT_C_TIME:
		return d_type_is_integer(t) && d_type_size(t) == 8;
	case FMT_C_STR:
		if (d_type_is_string(t))
			return 1;
		return r->kind == D_T_ARRAY &&
		       d_type_resolve(r->ref)->kind == D_T_INT &&
		       d_type_resolve(r->ref)->is_char;
	case FMT_C_WSTR:
		return r->kind == D_T_ARRAY &&
		       d_type_resolve(r->ref)->kind == D_T_INT &&
		       d_type_size(r->ref) == 4;
	case FMT_C_TYPE:
		pt = d_type_lookup(cc->ty, cv->proto);
		return pt != NULL && d_type_same(pt, t);
	case FMT_C_XSHORT:
		return r->kind == D_T_INT && r->size == 2 && !r->is_char;
	case FMT_C_XLONG:
		return r->kind == D_T_INT && r->name != NULL &&
		       (strcmp(r->name, "long") == 0 ||
			strcmp(r->name, "unsigned long") == 0);
	case FMT_C_XLONGLONG:
		return r->kind == D_T_INT && r->size == 8;
	default:
		return 1;
	}
}

/*
 * Validates fmt against the argument list args[0..n) (printf & co.) or
 * against the key types of an aggregation (printa: keys given as types).
 */
static void
check_format(struct d_cc *cc, const char *func, const char *s, int flags,
	     struct cx **args, int nargs, struct d_type **keys, int nkeys,
	     int aggfn, int line)
{
	struct fmt *f;
	char err[256];
	size_t i;
	int j = 0, navail = keys ? nkeys : nargs;
	const int foff = 1;

	cc->cgphase = 1;
	if (cc->pending_fmt != NULL) {
		fmt_release(cc->pending_fmt);
		free(cc->pending_fmt);
	}
	f = xcalloc(1, sizeof(*f));
	cc->pending_fmt = f;
	if (fmt_parse(f, s, err, sizeof(err)) != 0)
		d_cc_err(cc, line, D_SYNTAX, "%s\n", err);
	if (s[0] == '\0' && strcmp(func, "freopen") != 0)
		d_cc_err(cc, line, D_PRINTF_FMT_EMPTY,
			 "%s( ) format string is empty\n", func);
	for (i = 0; i < f->npieces; i++) {
		const struct fmt_piece *p = &f->pieces[i];
		const struct fmt_conv *cv = p->conv;
		const char *dyns[2];
		int dync = 0;
		struct d_type *vt;
		unsigned vfl = 0;
		char vname[64];

		if (cv == NULL || cv->check == FMT_C_NONE)
			continue;
		if (p->flags & FMT_F_DYNPREC)
			dyns[dync++] = ".*";
		if (p->flags & FMT_F_DYNWIDTH)
			dyns[dync++] = "*";
		for (; dync != 0; dync--) {
			struct d_type *dt;

			if (j >= navail)
				d_cc_err(
					cc, line, D_PRINTF_DYN_PROTO,
					"%s( ) prototype mismatch: conversion "
					"#%d (%%%s) is missing a corresponding "
					"\"%s\" argument\n",
					func, (int)i + 1, cv->name,
					dyns[dync - 1]);
			dt = keys ? keys[j] : args[j]->t;
			if (!d_type_is_integer(dt) ||
			    (!keys && (args[j]->fl & CX_AGG)))
				d_cc_err(
					cc, line, D_PRINTF_DYN_TYPE,
					"%s( ) argument #%d is incompatible with "
					"conversion #%d prototype:\n"
					"\tconversion: %% %s %s\n"
					"\t prototype: int\n\t  argument: %s\n",
					func, j + foff + 1, (int)i + 1,
					dyns[dync - 1], cv->name,
					keys ? d_type_aname(cc->ty, dt) :
					       d_cc_tname(cc, args[j]));
			j++;
		}
		if (p->flags & FMT_F_AGG) {
			if (!(flags & PF_AGG))
				d_cc_err(
					cc, line, D_PRINTF_AGG_CONV,
					"%%@ conversion requires an aggregation"
					" and is not for use with %s( )\n",
					func);
			snprintf(vname, sizeof(vname), "aggregating action");
			vt = aggfn == VM_AGG_COUNT ? cc->ty->t_uint64 :
						     cc->ty->t_int64;
		} else if (j >= navail) {
			d_cc_err(cc, line, D_PRINTF_ARG_PROTO,
				 "%s( ) prototype mismatch: conversion #%d (%%"
				 "%s) is missing a corresponding value "
				 "argument\n",
				 func, (int)i + 1, cv->name);
		} else {
			snprintf(vname, sizeof(vname), "argument #%d",
				 j + foff + 1);
			vt = keys ? keys[j] : args[j]->t;
			vfl = keys ? 0 : args[j]->fl;
			j++;
		}
		if (!fmt_arg_ok(cc, cv, vt, vfl))
			d_cc_err(cc, line, D_PRINTF_ARG_TYPE,
				 "%s( ) %s is incompatible with conversion #%d "
				 "prototype:\n\tconversion: %%%s\n"
				 "\t prototype: %s\n\t  argument: %s\n",
				 func, vname, (int)i + 1, cv->name, cv->proto,
				 (vfl & CX_AGG) && !keys ?
					 d_cc_tname(cc, args[j - 1]) :
					 d_type_aname(cc->ty, vt));
	}
	if ((flags & PF_EXACT) && j < navail)
		d_cc_err(cc, line, D_PRINTF_ARG_EXTRA,
			 "%s( ) prototype mismatch: only %d arguments required "
			 "by this format string\n",
			 func, j);
	fmt_release(f);
	free(f);
	cc->pending_fmt = NULL;
	cc->cgphase = 0;
}

/* --- Clause flags (dt_cg_clsflags) ------------------------------------ */

static int
act_destructive(int act)
{
	return act == VM_ACT_RAISE || act == VM_ACT_STOP ||
	       act == VM_ACT_SYSTEM || act == VM_ACT_FREOPEN ||
	       act == VM_ACT_CHILL || act == VM_ACT_BREAKPOINT ||
	       act == VM_ACT_PANIC || act == VM_ACT_SYSCALL_FAIL ||
	       act == VM_ACT_SYSCALL_RETURN;
}

/* kind: a vm_action, or 0 for an aggregation */
static void
clsflags(struct d_cc *cc, int kind, int line)
{
	unsigned *f = &cc->clsflags;

	cc->cgphase = 1;

	if (kind == VM_ACT_COMMIT) {
		if (*f & (CLS_DATAREC | CLS_AGG))
			d_cc_err(cc, line, D_COMM_DREC,
				 "commit( ) may not follow "
				 "data-recording action(s)\n");
		*f |= CLS_COMMIT;
		return;
	}
	if (kind == VM_ACT_DISCARD)
		return;
	if (kind == VM_ACT_SPECULATE) {
		if (*f & CLS_SPEC)
			d_cc_err(cc, line, D_SPEC_SPEC,
				 "speculate( ) may not follow speculate( )\n");
		if (*f & CLS_COMMIT)
			d_cc_err(cc, line, D_SPEC_COMM,
				 "speculate( ) may not follow commit( )\n");
		if (*f & (CLS_DATAREC | CLS_AGG))
			d_cc_err(cc, line, D_SPEC_DREC,
				 "speculate( ) may not "
				 "follow data-recording action(s)\n");
		*f |= CLS_SPEC;
		return;
	}
	if (kind == 0) {
		if (*f & CLS_COMMIT)
			d_cc_err(
				cc, line, D_AGG_COMM,
				"aggregating actions may not follow commit( )\n");
		if (*f & CLS_SPEC)
			d_cc_err(cc, line, D_AGG_SPEC,
				 "aggregating actions may "
				 "not follow speculate( )\n");
		*f |= CLS_AGG;
		return;
	}
	if (*f & CLS_SPEC) {
		if (act_destructive(kind))
			d_cc_err(cc, line, D_ACT_SPEC,
				 "destructive actions may "
				 "not follow speculate( )\n");
		if (kind == VM_ACT_EXIT)
			d_cc_err(cc, line, D_EXIT_SPEC,
				 "exit( ) may not follow speculate( )\n");
	}
	if (*f & CLS_COMMIT)
		d_cc_err(cc, line, D_DREC_COMM,
			 "data-recording actions may not follow commit( )\n");
	*f |= CLS_DATAREC;
}

/* --- Actions ---------------------------------------------------------- */

static struct vm_stmt *
new_stmt(struct d_cc *cc, int kind, int line)
{
	struct vm_stmt *s = d_arena_alloc(cc->arena, sizeof(*s));

	s->kind = (uint16_t)kind;
	s->line = (uint32_t)(line > 0 ? line : 0);
	return s;
}

static struct cx **
cook_args(struct d_cc *cc, struct d_node *l, int *np)
{
	struct d_node *a;
	int n = 0, i = 0;
	struct cx **v;

	for (a = l; a != NULL; a = a->next)
		n++;
	v = d_arena_alloc(cc->arena, (size_t)(n ? n : 1) * sizeof(*v));
	for (a = l; a != NULL; a = a->next)
		v[i++] = d_cc_expr(cc, a);
	*np = n;
	return v;
}

static void
set_args(struct d_cc *cc, struct vm_stmt *s, struct cx **a, int n)
{
	int i;

	s->args = d_arena_alloc(cc->arena,
				(size_t)(n ? n : 1) * sizeof(*s->args));
	for (i = 0; i < n; i++)
		s->args[i] = a[i]->n;
	s->nargs = (uint32_t)n;
}

/* An aggregation argument of clear()/trunc()/normalize()/printa(). */
static struct d_agg *
agg_arg(struct d_cc *cc, const char *fn, struct cx *a, int argn,
	enum d_errtag argtag, enum d_errtag badtag, int line)
{
	if (!(a->fl & CX_AGG))
		d_cc_err(cc, line, argtag,
			 "%s( ) argument #%d is incompatible "
			 "with prototype:\n\tprototype: aggregation\n"
			 "\t argument: %s\n",
			 fn, argn, d_cc_tname(cc, a));
	if (a->agg->fn == 0)
		d_cc_err(cc, line, badtag, "undefined aggregation: @%s\n",
			 a->agg->name);
	return a->agg;
}

/* printa( ): key signatures of two aggregations (dt_printa_validate) */
static void
printa_match(struct d_cc *cc, struct d_agg *l, struct d_agg *r, int line)
{
	uint32_t i;

	if (l->nkeys != r->nkeys)
		d_cc_err(cc, line, D_PRINTA_AGGKEY,
			 "printa( ): @%s and @%s do "
			 "not have matching key signatures: @%s has %u key%s, "
			 "@%s has %u key%s",
			 l->name, r->name, l->name, l->nkeys,
			 l->nkeys == 1 ? "" : "s", r->name, r->nkeys,
			 r->nkeys == 1 ? "" : "s");
	for (i = 0; i < l->nkeys; i++)
		if (!d_type_argcompat(l->keys[i], r->keys[i], 0))
			d_cc_err(cc, line, D_PRINTA_AGGPROTO,
				 "printa( ): @%s[ ] "
				 "key #%u is incompatible with @%s:\n%9s key "
				 "#%u: %s\n%9s key #%u: %s\n",
				 r->name, i + 1, l->name, l->name, i + 1,
				 d_type_aname(cc->ty, l->keys[i]), r->name,
				 i + 1, d_type_aname(cc->ty, r->keys[i]));
}

static int
is_posconst(struct cx *e)
{
	return (e->fl & CX_CONST) && d_type_is_integer(e->t) &&
	       (e->val > 0 || (!d_type_is_signed(e->t) && e->val != 0));
}

/*
 * print() takes a pointer (dt_cg_act_print(): dt_node_is_pointer(), which
 * accepts arrays too but not strings) to an object of non-zero size.
 */
static void
print_check(struct d_cc *cc, struct cx *e, int line)
{
	struct d_type *r = d_type_resolve(e->t), *ref;

	if (r == NULL || d_type_is_string(e->t) ||
	    (r->kind != D_T_PTR && r->kind != D_T_ARRAY)) {
		d_cc_err(cc, line, D_PROTO_ARG,
			 "print( ) argument #1 is incompatible with "
			 "prototype:\n\tprototype: void *\n\t argument: %s\n",
			 d_cc_tname(cc, e));
		return;
	}
	ref = r->ref;
	if (r->kind == D_T_PTR && (ref == NULL || d_type_size(ref) == 0))
		d_cc_err(cc, line, D_PRINT_SIZE,
			 "print( ) argument #1 reference has type '%s' with "
			 "size 0; cannot print( ) it.\n",
			 d_type_aname(cc->ty, ref));
}

static struct vm_stmt *
action_stmt(struct d_cc *cc, struct cx *call)
{
	const struct d_subr *s = call->fn;
	struct d_node *n = call->ast;
	struct cx **a;
	int argc, i, line = n->line;
	struct vm_stmt *st = new_stmt(cc, VM_ST_ACTION, line);
	const char *fn = s->name;

	st->act = s->id;
	a = cook_args(cc, n->u.call.args, &argc);
	cc->cgphase = 1;
	switch (s->id) {
	case VM_ACT_TRACE:
		if (d_type_is_void(a[0]->t))
			d_cc_err(cc, line, D_TRACE_VOID,
				 "trace( ) may not be "
				 "applied to a void expression\n");
		if ((a[0]->fl & CX_AGG) || d_type_is_dynamic(a[0]->t))
			d_cc_err(cc, line, D_TRACE_DYN,
				 "trace( ) may not be "
				 "applied to a dynamic expression\n");
		if (a[0]->fl & CX_ACT && !(a[0]->fl & CX_FUNC))
			d_cc_err(cc, line, D_TRACE_VOID,
				 "trace( ) may not be "
				 "applied to a void expression\n");
		set_args(cc, st, a, argc);
		break;
	case VM_ACT_PRINT:
		if (d_type_is_void(a[0]->t) ||
		    ((a[0]->fl & CX_ACT) && !(a[0]->fl & CX_FUNC)))
			d_cc_err(cc, line, D_PRINT_VOID,
				 "print( ) may not be "
				 "applied to a void expression\n");
		if ((a[0]->fl & CX_AGG) || d_type_is_dynamic(a[0]->t))
			d_cc_err(cc, line, D_PRINT_DYN,
				 "print( ) may not be "
				 "applied to a dynamic expression\n");
		print_check(cc, a[0], line);
		set_args(cc, st, a, argc);
		break;
	case VM_ACT_PRINTF:
	case VM_ACT_SYSTEM:
	case VM_ACT_FREOPEN:
		if (!(a[0]->fl & CX_STRLIT))
			d_cc_err(cc, line, D_PRINTF_ARG_FMT,
				 "%s( ) argument #1 is "
				 "incompatible with prototype:\n\tprototype: "
				 "string constant\n\t argument: %s\n",
				 fn, d_cc_tname(cc, a[0]));
		check_format(cc, fn, a[0]->str, PF_EXACT, a + 1, argc - 1, NULL,
			     0, 0, line);
		cc->cgphase = 1;
		st->fmt = a[0]->str;
		for (i = 1; i < argc; i++) {
			struct d_type *r = d_type_resolve(a[i]->t);

			if (r->kind == D_T_ARRAY && d_type_is_strcompat(r))
				a[i] = d_cc_conv(cc, a[i], cc->ty->t_string);
		}
		set_args(cc, st, a + 1, argc - 1);
		break;
	case VM_ACT_PRINTA: {
		int argr = 1, k;
		struct d_agg *first = NULL;

		if (argc > 0 && (a[0]->fl & CX_STRLIT)) {
			st->fmt = a[0]->str;
			argr = 2;
		}
		if (argc < argr)
			d_cc_err(cc, line, D_PRINTA_PROTO,
				 "%s( ) prototype "
				 "mismatch: %d args passed, %d expected\n",
				 fn, argc, argr);
		for (k = argr - 1; k < argc; k++) {
			struct d_agg *ag =
				agg_arg(cc, fn, a[k], k + 1, D_PRINTA_AGGARG,
					D_PRINTA_AGGBAD, line);

			if (first != NULL)
				printa_match(cc, first, ag, line);
			else
				first = ag;
			if (st->fmt != NULL)
				check_format(cc, fn, st->fmt, PF_AGG, NULL, 0,
					     ag->keys, (int)ag->nkeys, ag->fn,
					     line);
			cc->cgphase = 1;
		}
		set_args(cc, st, a + argr - 1, argc - argr + 1);
		break;
	}
	case VM_ACT_TRACEMEM:
		if (!d_type_is_integer(a[0]->t) && !d_type_is_pointer(a[0]->t))
			d_cc_err(cc, line, D_TRACEMEM_ADDR,
				 "tracemem( ) argument "
				 "#1 is incompatible with prototype:\n"
				 "\tprototype: pointer or integer\n"
				 "\t argument: %s\n",
				 d_cc_tname(cc, a[0]));
		if (!is_posconst(a[1]))
			d_cc_err(cc, line, D_TRACEMEM_SIZE,
				 "tracemem( ) argument "
				 "#2 must be a non-zero positive integral "
				 "constant expression\n");
		a[0] = d_cc_conv(cc, a[0], cc->ty->t_uintptr);
		a[1] = d_cc_conv(cc, a[1], cc->ty->t_size);
		if (argc > 2)
			a[2] = d_cc_conv(cc, a[2], cc->ty->t_int64);
		set_args(cc, st, a, argc);
		break;
	case VM_ACT_EXIT:
	case VM_ACT_SPECULATE:
	case VM_ACT_COMMIT:
	case VM_ACT_DISCARD:
	case VM_ACT_RAISE:
	case VM_ACT_CHILL:
	case VM_ACT_SYSCALL_FAIL:
		a[0] = d_cc_conv(cc, a[0], cc->ty->t_int);
		set_args(cc, st, a, argc);
		break;
	case VM_ACT_SYSCALL_RETURN:
		a[0] = d_cc_conv(cc, a[0], cc->ty->t_int64);
		set_args(cc, st, a, argc);
		break;
	case VM_ACT_CLEAR:
	case VM_ACT_DENORMALIZE: {
		enum d_errtag at = s->id == VM_ACT_CLEAR ? D_CLEAR_AGGARG :
							   D_NORMALIZE_AGGARG;
		enum d_errtag bt = s->id == VM_ACT_CLEAR ? D_CLEAR_AGGBAD :
							   D_NORMALIZE_AGGBAD;

		agg_arg(cc, fn, a[0], 1, at, bt, line);
		set_args(cc, st, a, argc);
		break;
	}
	case VM_ACT_NORMALIZE:
		agg_arg(cc, fn, a[0], 1, D_NORMALIZE_AGGARG, D_NORMALIZE_AGGBAD,
			line);
		if (!d_type_is_scalar(a[1]->t))
			d_cc_err(cc, line, D_NORMALIZE_SCALAR,
				 "%s( ) argument #2 "
				 "must be of scalar type\n",
				 fn);
		a[1] = d_cc_conv(cc, a[1], cc->ty->t_uint64);
		set_args(cc, st, a, argc);
		break;
	case VM_ACT_TRUNC:
		agg_arg(cc, fn, a[0], 1, D_TRUNC_AGGARG, D_TRUNC_AGGBAD, line);
		if (argc > 1) {
			if (!d_type_is_scalar(a[1]->t))
				d_cc_err(cc, line, D_TRUNC_SCALAR,
					 "%s( ) argument "
					 "#2 must be of scalar type\n",
					 fn);
			a[1] = d_cc_conv(cc, a[1], cc->ty->t_int64);
		}
		set_args(cc, st, a, argc);
		break;
	case VM_ACT_SETOPT:
		for (i = 0; i < argc; i++)
			a[i] = d_cc_conv(cc, a[i], cc->ty->t_string);
		set_args(cc, st, a, argc);
		break;
	case VM_ACT_STACK:
	case VM_ACT_USTACK:
	case VM_ACT_JSTACK:
		set_args(cc, st, a, argc);
		break;
	case VM_ACT_BREAKPOINT:
	case VM_ACT_PANIC:
		/* They act on the kernel (a kernel debugger's breakpoint,
		   a kernel panic): nothing udtrace could do. */
		d_cc_err(cc, line, D_UNKNOWN,
			 "%s( ) acts on the kernel: udtrace has no kernel "
			 "component\n",
			 fn);
		break;
	default:
		set_args(cc, st, a, argc);
		break;
	}
	clsflags(cc, s->id, line);
	cc->cgphase = 0;
	return st;
}

/* --- Aggregations ----------------------------------------------------- */

static int64_t
need_int(struct d_cc *cc, struct cx *e, enum d_errtag tag, const char *msg,
	 int line)
{
	if (!(e->fl & CX_CONST))
		d_cc_err(cc, line, tag, "%s\n", msg);
	return e->val;
}

static void
agg_lquantize(struct d_cc *cc, struct d_agg *ag, struct cx **a, int argc,
	      int line)
{
	int64_t base, limit, step = 1, nlevels;
	struct vm_aggdesc *ad = ag->ad;

	base = need_int(cc, a[1], D_LQUANT_BASETYPE,
			"lquantize( ) argument "
			"#1 must be an integer constant",
			line);
	if (base < INT32_MIN || base > INT32_MAX)
		d_cc_err(cc, line, D_LQUANT_BASEVAL,
			 "lquantize( ) argument #1 "
			 "must be a 32-bit quantity\n");
	limit = need_int(cc, a[2], D_LQUANT_LIMTYPE,
			 "lquantize( ) argument "
			 "#2 must be an integer constant",
			 line);
	if (limit < INT32_MIN || limit > INT32_MAX)
		d_cc_err(cc, line, D_LQUANT_LIMVAL,
			 "lquantize( ) argument #2 "
			 "must be a 32-bit quantity\n");
	if (limit <= base)
		d_cc_err(cc, line, D_LQUANT_MISMATCH,
			 "lquantize( ) base (argument "
			 "#1) must be less than limit (argument #2)\n");
	if (argc > 3) {
		if (!is_posconst(a[3]))
			d_cc_err(
				cc, line, D_LQUANT_STEPTYPE,
				"lquantize( ) "
				"argument #3 must be a non-zero positive integer "
				"constant\n");
		step = a[3]->val;
		if ((uint64_t)step > UINT16_MAX)
			d_cc_err(cc, line, D_LQUANT_STEPVAL,
				 "lquantize( ) "
				 "argument #3 must be a 16-bit quantity\n");
	}
	nlevels = (limit - base) / step;
	if (nlevels == 0)
		d_cc_err(cc, line, D_LQUANT_STEPLARGE,
			 "lquantize( ) step "
			 "(argument #3) too large: must have at least one "
			 "quantization level\n");
	if (nlevels > UINT16_MAX)
		d_cc_err(
			cc, line, D_LQUANT_STEPSMALL,
			"lquantize( ) step "
			"(argument #3) too small: number of quantization levels "
			"must be a 16-bit quantity\n");
	if (ag->lq_set) {
		int64_t ob = ad->lq_base, os = ad->lq_step;
		int64_t onl = (ad->lq_limit - ob) / os;

		if (ob != base)
			d_cc_err(cc, line, D_LQUANT_MATCHBASE,
				 "lquantize( ) base "
				 "(argument #1) doesn't match previous "
				 "declaration: expected %d, found %d\n",
				 (int)ob, (int)base);
		if (onl * os != nlevels * step)
			d_cc_err(cc, line, D_LQUANT_MATCHLIM,
				 "lquantize( ) limit "
				 "(argument #2) doesn't match previous "
				 "declaration: expected %d, found %d\n",
				 (int)(ob + onl * os),
				 (int)(base + nlevels * step));
		if (os != step)
			d_cc_err(cc, line, D_LQUANT_MATCHSTEP,
				 "lquantize( ) step "
				 "(argument #3) doesn't match previous "
				 "declaration: expected %d, found %d\n",
				 (int)os, (int)step);
		return;
	}
	ag->lq_set = 1;
	ad->lq_base = base;
	ad->lq_step = step;
	ad->lq_limit = base + nlevels * step;
}

/* base^exp in *out (saturated); nonzero if it exceeds 64 bits. */
static int
upow(uint64_t base, uint64_t exp, uint64_t *out)
{
	uint64_t r = 1, i;
	int ovf = 0;

	for (i = 0; i < exp; i++) {
		if (__builtin_mul_overflow(r, base, &r)) {
			r = UINT64_MAX;
			ovf = 1;
			break;
		}
	}
	if (out != NULL)
		*out = r;
	return ovf;
}

static void
agg_llquantize(struct d_cc *cc, struct d_agg *ag, struct cx **a, int line)
{
	struct vm_aggdesc *ad = ag->ad;
	uint64_t factor, lmag, hmag, steps;

	factor = (uint64_t)need_int(cc, a[1], D_LLQUANT_FACTORTYPE,
				    "llquantize( ) argument #1 must be an "
				    "integer constant",
				    line);
	if (factor > UINT16_MAX || factor < 2)
		d_cc_err(
			cc, line, D_LLQUANT_FACTORVAL,
			"llquantize( ) argument "
			"#1 must be an unsigned 16-bit quantity greater than or "
			"equal to 2\n");
	lmag = (uint64_t)need_int(cc, a[2], D_LLQUANT_LMAGTYPE,
				  "llquantize( ) argument #2 must be an "
				  "integer constant",
				  line);
	if (lmag > UINT16_MAX)
		d_cc_err(cc, line, D_LLQUANT_LMAGVAL,
			 "llquantize( ) argument #2 "
			 "must be an unsigned 16-bit quantity\n");
	hmag = (uint64_t)need_int(cc, a[3], D_LLQUANT_HMAGTYPE,
				  "llquantize( ) argument #3 must be an "
				  "integer constant",
				  line);
	if (hmag > UINT16_MAX)
		d_cc_err(cc, line, D_LLQUANT_HMAGVAL,
			 "llquantize( ) argument #3 "
			 "must be an unsigned 16-bit quantity\n");
	if (hmag < lmag)
		d_cc_err(cc, line, D_LLQUANT_HMAGVAL,
			 "llquantize( ) argument #3 "
			 "(high magnitude) must be at least argument #2 (low "
			 "magnitude)\n");
	if (upow(factor, hmag + 1, NULL) != 0)
		d_cc_err(cc, line, D_LLQUANT_HMAGVAL,
			 "llquantize( ) argument #3 "
			 "(high magnitude) will cause overflow of 64 bits\n");
	if (!is_posconst(a[4]))
		d_cc_err(cc, line, D_LLQUANT_STEPTYPE,
			 "llquantize( ) argument #4 must be a non-zero "
			 "positive integer constant\n");
	steps = (uint64_t)a[4]->val;
	if (steps > UINT16_MAX)
		d_cc_err(cc, line, D_LLQUANT_STEPVAL,
			 "llquantize( ) argument #4 "
			 "must be an unsigned 16-bit quantity\n");
	if (steps == 0)
		d_cc_err(cc, line, D_LLQUANT_STEPVAL,
			 "llquantize() argument #4 "
			 "(steps) must evenly divide argument #1 (factor) when "
			 "steps<factor\n");
	if (steps < factor && factor % steps != 0)
		d_cc_err(cc, line, D_LLQUANT_STEPVAL,
			 "llquantize() argument #4 "
			 "(steps) must evenly divide argument #1 (factor) when "
			 "steps<factor\n");
	if (steps > factor) {
		if (steps % factor != 0)
			d_cc_err(cc, line, D_LLQUANT_STEPVAL,
				 "llquantize() "
				 "argument #4 (steps) must be a multiple of "
				 "argument #1 (factor) when steps>factor\n");
		if (lmag == 0) {
			if ((factor * factor) % steps != 0)
				d_cc_err(
					cc, line, D_LLQUANT_STEPVAL,
					"llquantize() argument #4 (steps) must "
					"evenly divide the square of argument #1 "
					"(factor) when steps>factor and "
					"lmag==0\n");
		} else {
			uint64_t ii;

			(void)upow(factor, lmag + 1, &ii);

			if (ii % steps != 0)
				d_cc_err(
					cc, line, D_LLQUANT_STEPVAL,
					"llquantize() argument #4 (steps) must "
					"evenly divide pow(argument #1 (factor), "
					"lmag (argument #2) + 1) when steps>factor "
					"and lmag>0\n");
		}
	}
	if (ag->llq_set) {
		if (ad->llq_factor != factor)
			d_cc_err(cc, line, D_LLQUANT_MATCHFACTOR,
				 "llquantize() "
				 "factor (argument #1) doesn't match previous "
				 "declaration: expected %d, found %d\n",
				 ad->llq_factor, (int)factor);
		if (ad->llq_low != lmag)
			d_cc_err(cc, line, D_LLQUANT_MATCHLMAG,
				 "llquantize() lmag "
				 "(argument #2) doesn't match previous "
				 "declaration: expected %d, found %d\n",
				 ad->llq_low, (int)lmag);
		if (ad->llq_high != hmag)
			d_cc_err(cc, line, D_LLQUANT_MATCHHMAG,
				 "llquantize() hmag "
				 "(argument #3) doesn't match previous "
				 "declaration: expected %d, found %d\n",
				 ad->llq_high, (int)hmag);
		if (ad->llq_nsteps != steps)
			d_cc_err(cc, line, D_LLQUANT_MATCHSTEPS,
				 "llquantize() "
				 "steps (argument #4) doesn't match previous "
				 "declaration: expected %d, found %d\n",
				 ad->llq_nsteps, (int)steps);
		return;
	}
	ag->llq_set = 1;
	ad->llq_factor = (uint16_t)factor;
	ad->llq_low = (uint16_t)lmag;
	ad->llq_high = (uint16_t)hmag;
	ad->llq_nsteps = (uint16_t)steps;
}

static struct vm_stmt *
agg_stmt(struct d_cc *cc, struct d_node *asg)
{
	struct d_node *ln = asg->u.binary.l, *rn = asg->u.binary.r;
	struct d_node *an = ln->kind == D_N_AGG ? ln : ln->u.index.base;
	struct d_node *keys = ln->kind == D_N_INDEX ? ln->u.index.args : NULL;
	int nkeys = ln->kind == D_N_INDEX ? ln->u.index.nargs : 0;
	const char *name = an->u.agg.name;
	const struct d_subr *s = NULL;
	struct d_agg *ag;
	struct vm_stmt *st;
	struct cx **a, **kv;
	int argc, i, line = asg->line, argmax = 0, incr = -1;

	if (asg->u.binary.op != D_OP_ASGN)
		d_cc_err(cc, line, D_OP_LVAL,
			 "operator %s requires modifiable "
			 "lvalue as an operand\n",
			 d_op_name(asg->u.binary.op));
	if (rn->kind == D_N_CALL && rn->u.call.name != NULL)
		s = d_cc_subr_lookup(rn->u.call.name);
	if (s == NULL || s->kind != D_FK_AGG) {
		if (rn->kind == D_N_CALL && rn->u.call.name != NULL &&
		    s == NULL)
			d_cc_err(cc, rn->line, D_FUNC_UNDEF,
				 "undefined function name: %s\n",
				 rn->u.call.name);
		d_cc_err(cc, line, D_AGG_FUNC,
			 "@%s must be assigned the result "
			 "of an aggregating function\n",
			 name);
	}
	ag = d_cc_agg_get(cc, name, line);
	if (ag->fn != 0 && ag->fn != s->id)
		d_cc_err(cc, line, D_AGG_REDEF,
			 "aggregation redefined: @%s\n\t "
			 "current: @%s = %s( )\n\tprevious: @%s = %s( ) : line "
			 "%d\n",
			 ag->name, ag->name, s->name, ag->name, ag->fnname,
			 ag->line);
	if (ag->fn == 0) {
		ag->fn = (uint8_t)s->id;
		ag->fnname = s->name;
		ag->line = line;
		ag->ad->fn = (uint8_t)s->id;
		ag->ad->line = (uint32_t)(line > 0 ? line : 0);
	}
	a = cook_args(cc, rn->u.call.args, &argc);
	/* prototype: count(), sum(@)..., quantize(@, ...) */
	switch (s->id) {
	case VM_AGG_COUNT:
		if (argc != 0)
			d_cc_err(cc, line, D_PROTO_LEN,
				 "%s( ) prototype mismatch: "
				 "%d arg%spassed, %d expected\n",
				 s->name, argc, argc == 1 ? " " : "s ", 0);
		break;
	case VM_AGG_QUANTIZE:
	case VM_AGG_LQUANTIZE:
	case VM_AGG_LLQUANTIZE: {
		int need = s->id == VM_AGG_QUANTIZE  ? 1 :
			   s->id == VM_AGG_LQUANTIZE ? 3 :
						       5;

		if (argc < need)
			d_cc_err(cc, line, D_PROTO_LEN,
				 "%s( ) prototype mismatch: "
				 "%d arg%spassed, %d expected\n",
				 s->name, argc, argc == 1 ? " " : "s ", need);
		break;
	}
	default:
		if (argc != 1)
			d_cc_err(cc, line, D_PROTO_LEN,
				 "%s( ) prototype mismatch: "
				 "%d arg%spassed, %d expected\n",
				 s->name, argc, argc == 1 ? " " : "s ", 1);
		break;
	}
	for (i = 0; i < argc; i++)
		if ((a[i]->fl & CX_AGG) || d_type_is_dynamic(a[i]->t))
			d_cc_err(
				cc, line, D_PROTO_ARG,
				"%s( ) argument #%d is "
				"incompatible with prototype:\n\tprototype: %s\n"
				"\t argument: %s\n",
				s->name, i + 1, i == 0 ? "@" : "int32_t",
				d_cc_tname(cc, a[i]));
	if (s->id == VM_AGG_LQUANTIZE || s->id == VM_AGG_LLQUANTIZE)
		for (i = 1; i < (s->id == VM_AGG_LQUANTIZE ? 3 : 5); i++)
			if (!d_type_is_integer(a[i]->t))
				d_cc_err(
					cc, line, D_PROTO_ARG,
					"%s( ) argument "
					"#%d is incompatible with prototype:\n"
					"\tprototype: int32_t\n\t argument: %s\n",
					s->name, i + 1, d_cc_tname(cc, a[i]));
	/* keys (the tuple signature) */
	kv = d_arena_alloc(cc->arena,
			   (size_t)(nkeys ? nkeys : 1) * sizeof(*kv));
	d_cc_check_agg_keys(cc, ag, keys, nkeys, kv, line);
	/* dtrace's dt_cg_agg() order: clause flags, scalar value, the
	   function's own parameters */
	cc->cgphase = 1;
	clsflags(cc, 0, line);
	if (argc > 0 && !d_type_is_scalar(a[0]->t))
		d_cc_err(cc, line, D_AGG_SCALAR,
			 "%s( ) argument #1 must be of "
			 "scalar type\n",
			 s->name);
	if (s->id == VM_AGG_LQUANTIZE) {
		agg_lquantize(cc, ag, a, argc, line);
		incr = argc > 4 ? 4 : -1;
		argmax = 5;
		if (argc > 5)
			incr = 4;
	} else if (s->id == VM_AGG_LLQUANTIZE) {
		agg_llquantize(cc, ag, a, line);
		incr = argc > 5 ? 5 : -1;
		argmax = 6;
	} else if (s->id == VM_AGG_QUANTIZE) {
		incr = argc > 1 ? 1 : -1;
		argmax = 2;
	}
	if (incr >= 0) {
		if (!d_type_is_scalar(a[incr]->t))
			d_cc_err(cc, line, D_PROTO_ARG,
				 "%s( ) increment value "
				 "(argument #%d) must be of scalar type\n",
				 s->name, argmax);
		if (argc > incr + 1)
			d_cc_err(
				cc, line, D_PROTO_LEN,
				"%s( ) prototype "
				"mismatch: %d args passed, at most %d expected",
				s->name, argc, argmax);
	}
	cc->cgphase = 0;
	st = new_stmt(cc, VM_ST_AGG, line);
	st->agg = ag->id;
	st->keys = d_arena_alloc(cc->arena, (size_t)(nkeys ? nkeys : 1) *
						    sizeof(*st->keys));
	for (i = 0; i < nkeys; i++)
		st->keys[i] = kv[i]->n;
	st->nkeys = (uint32_t)nkeys;
	st->args = d_arena_alloc(cc->arena, 2 * sizeof(*st->args));
	if (argc > 0) {
		st->args[st->nargs++] = a[0]->n;
		if (incr >= 0)
			st->args[st->nargs++] =
				d_cc_conv(cc, a[incr], cc->ty->t_int64)->n;
	}
	return st;
}

/* --- Statements ------------------------------------------------------- */

struct stmtv {
	struct vm_stmt **v;
	uint32_t n, cap;
};

static void stmt_list(struct d_cc *cc, struct d_node *l, struct stmtv *out);

/* Every statement is numbered, as each was one action in dtrace's DIF
   days: the "in action #N" of a fault message. */
static void
push(struct d_cc *cc, struct stmtv *sv, struct vm_stmt *s)
{
	if (s->action_no == 0)
		s->action_no = ++cc->action_no;
	d_cc_vec_push(cc, (void ***)&sv->v, &sv->n, &sv->cap, s);
}

/* A tracing or aggregating function used as a value (dtrace's cg error). */
static void
check_cgexpr(struct d_cc *cc)
{
	if (cc->cgexpr_fn == NULL)
		return;
	cc->cgphase = 1;
	d_cc_err(cc, cc->cgexpr_line, D_CG_EXPR,
		 "%s( ) may not be called from a D expression (D program "
		 "context required)\n",
		 cc->cgexpr_fn);
}

static void
expr_stmt(struct d_cc *cc, struct d_node *e, struct stmtv *out)
{
	struct cx *x;
	struct vm_stmt *st;

	if (e->kind == D_N_ASSIGN &&
	    (e->u.binary.l->kind == D_N_AGG ||
	     (e->u.binary.l->kind == D_N_INDEX &&
	      e->u.binary.l->u.index.base->kind == D_N_AGG))) {
		push(cc, out, agg_stmt(cc, e));
		return;
	}
	if (e->kind == D_N_INDEX && e->u.index.base->kind == D_N_INDEX &&
	    e->u.index.base->u.index.base->kind == D_N_AGG)
		d_cc_err(cc, e->line, D_AGG_MDIM,
			 "improper attempt to reference @%s as a "
			 "multi-dimensional array\n",
			 e->u.index.base->u.index.base->u.agg.name);
	if (e->kind == D_N_AGG ||
	    (e->kind == D_N_INDEX && e->u.index.base->kind == D_N_AGG)) {
		const char *nm = e->kind == D_N_AGG ?
					 e->u.agg.name :
					 e->u.index.base->u.agg.name;

		if (htab_get(cc->aggtab, nm, strlen(nm)) == NULL)
			d_cc_err(cc, e->line, D_IDENT_UNDEF,
				 "failed to resolve @%s: %s\n", nm,
				 "Unknown variable name");
		cc->cgphase = 1;
		d_cc_err(cc, e->line, D_AGG_NULL,
			 "expression has null effect: @%s\n", nm);
	}
	cc->depth = 0;
	cc->stmt_top = e;
	cc->cgexpr_fn = NULL;
	x = d_cc_expr_stmt(cc, e);
	cc->stmt_top = NULL;
	if (x->fn != NULL && x->fn->kind == D_FK_AGG && x->ast == e &&
	    cc->cgexpr_fn == NULL) {
		cc->cgexpr_fn = x->fn->name;
		cc->cgexpr_line = e->line;
	}
	if (x->fn != NULL && x->fn->kind == D_FK_AGG)
		check_cgexpr(cc);

	if ((x->fl & CX_ACT) && x->fn != NULL) {
		/* dtrace-utils' DT_CLSFLAG_DATAREC (see the top of the file) */
		if (x->fn->id == VM_ACT_SPECULATE && !(x->fl & CX_FUNC))
			cc->nspec++;
		else if ((x->fn->id == VM_ACT_COMMIT ||
			  x->fn->id == VM_ACT_DISCARD) &&
			 !(x->fl & CX_FUNC))
			cc->nnonspec++;
		else
			cc->has_data = 1, cc->nnonspec++;
		if (x->fl & CX_FUNC) {
			/* stack()/ustack()/sym()... as a statement */
			int id = x->fn->id;

			st = new_stmt(cc, VM_ST_ACTION, e->line);
			if (id == VM_ACT_STACK || id == VM_ACT_USTACK ||
			    id == VM_ACT_JSTACK) {
				uint32_t i;

				st->act = (uint16_t)id;
				st->nargs = x->n->nkids;
				st->args = x->n->kids;
				if (st->nargs == 0) {
					/* the frame count the node carries */
					(void)i;
				}
			} else {
				st->act = VM_ACT_TRACE;
				st->args = d_arena_alloc(cc->arena,
							 sizeof(*st->args));
				st->args[0] = x->n;
				st->nargs = 1;
			}
			clsflags(cc, st->act, e->line);
		} else {
			st = action_stmt(cc, x);
			check_cgexpr(cc);
		}
		push(cc, out, st);
		return;
	}
	check_cgexpr(cc);
	st = new_stmt(cc, VM_ST_EXPR, e->line);
	st->expr = x->n;
	push(cc, out, st);
}

static void
stmt_one(struct d_cc *cc, struct d_node *s, struct stmtv *out)
{
	struct vm_stmt *st;
	struct stmtv b, el;
	struct cx *c;

	switch (s->kind) {
	case D_N_EMPTY:
		return;
	case D_N_EXPRSTMT:
		expr_stmt(cc, s->u.stmt.expr, out);
		return;
	case D_N_BLOCK:
		stmt_list(cc, s->u.block.stmts, out);
		return;
	case D_N_IF:
		cc->depth = 0;
		cc->cgexpr_fn = NULL;
		cc->stmt_top = NULL;
		c = d_cc_expr(cc, s->u.ifs.cond);
		if (!d_type_is_scalar(c->t))
			d_cc_err(cc, s->line, D_OP_SCALAR,
				 "if-condition must be "
				 "of scalar type\n");
		check_cgexpr(cc);
		st = new_stmt(cc, VM_ST_IF, s->line);
		st->expr = c->n;
		st->action_no = ++cc->action_no;
		memset(&b, 0, sizeof(b));
		memset(&el, 0, sizeof(el));
		if (s->u.ifs.then_stmt != NULL)
			stmt_one(cc, s->u.ifs.then_stmt, &b);
		if (s->u.ifs.else_stmt != NULL)
			stmt_one(cc, s->u.ifs.else_stmt, &el);
		st->body = b.v;
		st->nbody = b.n;
		st->else_body = el.v;
		st->nelse = el.n;
		push(cc, out, st);
		return;
	default:
		/* a bare expression node in a statement list */
		expr_stmt(cc, s, out);
		return;
	}
}

static void
stmt_list(struct d_cc *cc, struct d_node *l, struct stmtv *out)
{
	for (; l != NULL; l = l->next)
		stmt_one(cc, l, out);
}

/* --- Clauses ----------------------------------------------------------- */

static void
make_pdesc(struct d_cc *cc, struct d_node *p, struct vm_probedesc *pd)
{
	struct d_pdesc x = p->u.pdesc.pd;
	int kind = cc->unit_kind;

	if (kind >= D_CC_PROVIDER && kind <= D_CC_FUNCTION &&
	    !p->u.pdesc.by_id) {
		enum d_pspec ps = kind == D_CC_PROVIDER ? D_PSPEC_PROVIDER :
				  kind == D_CC_MODULE	? D_PSPEC_MODULE :
							  D_PSPEC_FUNC;
		const char *t = p->u.pdesc.expanded ? p->u.pdesc.expanded :
						      p->u.pdesc.text;

		if (t != NULL &&
		    d_pdesc_split(cc->pcb, t, ps, &x, p->line) != 0)
			d_cc_err_tag(cc, p->line,
				     d_errtag_name(cc->pcb->err_tag), "%s",
				     cc->pcb->err_msg);
	}
	pd->prov = d_arena_strdup(cc->arena, x.provider ? x.provider : "");
	pd->mod = d_arena_strdup(cc->arena, x.module ? x.module : "");
	pd->func = d_arena_strdup(cc->arena, x.function ? x.function : "");
	pd->name = d_arena_strdup(cc->arena, x.name ? x.name : "");
	pd->text = d_arena_strdup(cc->arena,
				  p->u.pdesc.text ? p->u.pdesc.text : "");
	if (p->u.pdesc.by_id)
		pd->text = d_arena_printf(cc->arena, "%llu",
					  (unsigned long long)p->u.pdesc.id);
	pd->line = (uint32_t)(p->line > 0 ? p->line : 0);
}

static struct vm_node *
cook_pred(struct d_cc *cc, struct d_node *p)
{
	struct cx *c;

	cc->depth = 0;
	cc->cgexpr_fn = NULL;
	cc->stmt_top = NULL;
	c = d_cc_expr(cc, p);
	if (!d_type_is_scalar(c->t) || (c->fl & CX_ACT))
		d_cc_err(cc, p->line, D_PRED_SCALAR,
			 "predicate result must be of scalar type\n");
	check_cgexpr(cc);
	return c->n;
}

static int
undef_err(struct d_cc *cc)
{
	return strcmp(cc->etag, "D_IDENT_UNDEF") == 0 ||
	       strcmp(cc->etag, "D_VAR_UNDEF") == 0;
}

void
d_cc_clause(struct d_cc *cc, struct d_node *n)
{
	struct vm_clause *c = d_arena_alloc(cc->arena, sizeof(*c));

	c->unit = cc->unit_index;
	struct d_node *p;
	uint32_t nd = 0, i = 0;
	struct stmtv *sv = d_arena_alloc(cc->arena, sizeof(*sv));
	jmp_buf jb, *saved = cc->jb;

	c->id = cc->nclauses;
	c->line = (uint32_t)(n->line > 0 ? n->line : 0);
	for (p = n->u.clause.pdescs; p != NULL; p = p->next)
		nd++;
	c->descs = d_arena_alloc(cc->arena, (nd ? nd : 1) * sizeof(*c->descs));
	for (p = n->u.clause.pdescs; p != NULL; p = p->next)
		make_pdesc(cc, p, &c->descs[i++]);
	c->ndescs = nd;
	cc->pd = nd ? &c->descs[0] : NULL;
	cc->argtypes_done = 0;
	cc->clsflags = 0;
	cc->action_no = 0;
	cc->has_data = 0;
	cc->nspec = cc->nnonspec = 0;

	/*
	 * dtrace cooks the actions first, and if that fails on an undefined
	 * identifier, the predicate first and then the actions (see
	 * dt_cook_clause()): either may create the variables the other uses.
	 */
	cc->jb = &jb;
	cc->cgphase = 0;
	if (setjmp(jb) == 0) {
		cc->region = "action list";
		stmt_list(cc, n->u.clause.stmts, sv);
		cc->jb = saved;
		cc->region = "predicate";
		if (n->u.clause.pred != NULL)
			c->pred = cook_pred(cc, n->u.clause.pred);
	} else {
		cc->jb = saved;
		if (n->u.clause.pred == NULL || !undef_err(cc) || cc->cgphase)
			longjmp(*saved, 1);
		cc->failed = 0;
		cc->cgphase = 0;
		cc->clsflags = 0;
		cc->action_no = 0;
		cc->has_data = 0;
		cc->nspec = cc->nnonspec = 0;
		memset(sv, 0, sizeof(*sv));
		cc->region = "predicate";
		c->pred = cook_pred(cc, n->u.clause.pred);
		cc->region = "action list";
		stmt_list(cc, n->u.clause.stmts, sv);
	}
	cc->region = NULL;
	c->body = sv->v;
	c->nbody = sv->n;
	c->has_data = (uint8_t)(sv->n == 0 || cc->has_data ||
				(cc->nspec > 0 && cc->nnonspec == 0));
	d_cc_vec_push(cc, (void ***)&cc->clauses, &cc->nclauses,
		      &cc->capclauses, c);
	cc->pd = NULL;
}

void
d_cc_pragmas(struct d_cc *cc, struct d_pragma *p)
{
	for (; p != NULL; p = p->next) {
		struct vm_option o;
		struct vm_option *v;

		if (p->name == NULL)
			continue;
		o.name = d_arena_strdup(cc->arena, p->name);
		o.value = d_arena_strdup(cc->arena, p->value);
		o.line = (uint32_t)(p->line > 0 ? p->line : 0);
		if (strcmp(o.name, "defaultargs") == 0)
			cc->opts.defaultargs = 1;
		if (strcmp(o.name, "destructive") == 0)
			cc->opts.destructive = 1;
		if (strcmp(o.name, "scratchsize") == 0 && o.value != NULL) {
			char *end;
			unsigned long long v = strtoull(o.value, &end, 0);

			if (*end == 'k' || *end == 'K')
				v <<= 10, end++;
			else if (*end == 'm' || *end == 'M')
				v <<= 20, end++;
			if (*end == '\0' && v > 0)
				cc->scratchsize = v;
		}
		if (strcmp(o.name, "strsize") == 0 && o.value != NULL) {
			char *end;
			unsigned long long v = strtoull(o.value, &end, 0);

			if (*end == 'k' || *end == 'K')
				v <<= 10, end++;
			else if (*end == 'm' || *end == 'M')
				v <<= 20, end++;
			if (*end == '\0' && v > 0 && v < (1ULL << 31)) {
				cc->ty->strsize = (uint32_t)v;
				cc->ty->t_string->size = v;
			}
		}
		if (cc->noptions == cc->capoptions) {
			uint32_t nc = cc->capoptions ? cc->capoptions * 2 : 8;

			v = d_arena_alloc(cc->arena, nc * sizeof(*v));
			if (cc->noptions)
				memcpy(v, cc->options,
				       cc->noptions * sizeof(*v));
			cc->options = v;
			cc->capoptions = nc;
		}
		cc->options[cc->noptions++] = o;
	}
}

/* --- Compilation units and the program --------------------------------- */

/* dtrace's hard-wired definition: inline long NULL = 0; */
static void
add_null(struct d_cc *cc)
{
	struct d_var *v = d_arena_alloc(cc->arena, sizeof(*v));

	v->name = "NULL";
	v->scope = VM_SCOPE_GLOBAL;
	v->kind = D_VK_INLINE;
	v->declared = 1;
	v->type = cc->ty->t_long;
	v->inl = d_cc_const(cc, 0, cc->ty->t_long, 0);
	htab_put(cc->globals, v->name, strlen(v->name), v);
}

struct d_cc *
d_cc_create(const struct d_cc_opts *o)
{
	struct d_arena *a = d_arena_create();
	struct d_cc *cc = d_arena_alloc(a, sizeof(*cc));

	cc->arena = a;
	cc->opts = *o;
	if (cc->opts.strsize == 0)
		cc->opts.strsize = 256;
	cc->ty = d_types_create(a, cc->opts.strsize);
	cc->globals = htab_create();
	cc->tls = htab_create();
	cc->locals = htab_create();
	cc->aggtab = htab_create();
	cc->scratchsize = 8192;
	add_null(cc);
	d_lib_load(cc);
	return cc;
}

static void
set_macros(struct d_cc *cc, struct d_pcb *pcb)
{
	const struct d_cc_opts *o = &cc->opts;

	d_pcb_set_macro(pcb, "target", (uint32_t)o->target);
	if (!o->have_ids)
		return;
	d_pcb_set_macro(pcb, "pid", (uint32_t)o->pid);
	d_pcb_set_macro(pcb, "ppid", (uint32_t)o->ppid);
	d_pcb_set_macro(pcb, "uid", (uint32_t)o->uid);
	d_pcb_set_macro(pcb, "gid", (uint32_t)o->gid);
	d_pcb_set_macro(pcb, "euid", (uint32_t)o->euid);
	d_pcb_set_macro(pcb, "egid", (uint32_t)o->egid);
	d_pcb_set_macro(pcb, "pgid", (uint32_t)o->pgid);
	d_pcb_set_macro(pcb, "sid", (uint32_t)o->sid);
}

/* Has the program text a "#pragma D option defaultargs" line? The parser
   needs the flag before it expands $N. */
static int
text_defaultargs(const char *s, size_t len)
{
	const char *p = s, *e = s + len;

	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(e - p);
		char line[256];

		if (l < sizeof(line)) {
			memcpy(line, p, l);
			line[l] = '\0';
			if (strstr(line, "#pragma") && strstr(line, "option") &&
			    strstr(line, "defaultargs"))
				return 1;
		}
		p += l + 1;
	}
	return 0;
}

/* Keeps the parser's error as the compilation's. */
static int
parse_failed(struct d_cc *cc, struct d_pcb *pcb)
{
	size_t l = strnlen(pcb->err_msg, sizeof(cc->emsg) - 1);

	cc->failed = 1;
	snprintf(cc->etag, sizeof(cc->etag), "%s", d_errtag_name(pcb->err_tag));
	cc->eline = pcb->err_line;
	memcpy(cc->emsg, pcb->err_msg, l);
	cc->emsg[l] = '\0';
	d_pcb_release(pcb);
	return -1;
}

/*
 * A new parser context that knows the typedef names declared so far (by
 * the prelude and earlier units), as dtrace's parser knows every type of
 * its handle: "typedef int foo_t;" in one -s file makes foo_t a type
 * name in the next one.
 */
static void
pcb_start(struct d_cc *cc, struct d_pcb *pcb)
{
	uint32_t i;

	d_pcb_init(pcb);
	for (i = 0; i < cc->ntdnames; i++)
		d_pcb_add_typedef(pcb, cc->tdnames[i]);
}

int
d_cc_prelude(struct d_cc *cc, const char *src, size_t len)
{
	struct d_pcb pcb;
	jmp_buf jb;
	struct d_node *it;

	if (cc->failed)
		return -1;
	pcb_start(cc, &pcb);
	pcb.src = src;
	pcb.srclen = len;
	pcb.name = "";
	pcb.srckind = D_SRC_SCRIPT;
	if (d_parse(&pcb) != 0)
		return parse_failed(cc, &pcb);
	cc->pcb = &pcb;
	cc->unit_kind = D_CC_SCRIPT;
	cc->unit_index = UINT32_MAX;
	cc->jb = &jb;
	if (setjmp(jb) != 0) {
		cc->pcb = NULL;
		cc->jb = NULL;
		d_pcb_release(&pcb);
		return -1;
	}
	if (pcb.pragmas != NULL || pcb.xpragmas != NULL)
		d_cc_err(cc, pcb.pragmas ? pcb.pragmas->line : 0, D_UNKNOWN,
			 "pragmas are not allowed here\n");
	for (it = pcb.prog; it != NULL; it = it->next) {
		cc->depth = 0;
		if (it->kind == D_N_DECL)
			d_cc_decl(cc, it);
		else if (it->kind == D_N_INLINE)
			d_cc_inline(cc, it);
		else
			d_cc_err(cc, it->line, D_UNKNOWN,
				 "only declarations and inlines are allowed "
				 "here\n");
	}
	cc->pcb = NULL;
	cc->jb = NULL;
	d_pcb_release(&pcb);
	return 0;
}

int
d_cc_unit(struct d_cc *cc, const struct d_cc_unit *u)
{
	struct d_pcb pcb;
	jmp_buf jb;
	struct d_node *it;

	if (cc->failed)
		return -1;
	pcb_start(cc, &pcb);
	pcb.src = u->src;
	pcb.srclen = u->len;
	pcb.name = u->name ? u->name : "";
	pcb.srckind = u->kind == D_CC_SCRIPT ? D_SRC_SCRIPT : D_SRC_PSPEC;
	pcb.cflags = u->kind == D_CC_SCRIPT ? 0 : D_CF_PSPEC;
	if (cc->opts.defaultargs || text_defaultargs(u->src, u->len))
		pcb.cflags |= D_CF_DEFARGS;
	pcb.argv = u->argv;
	pcb.argc = u->argc;
	set_macros(cc, &pcb);
	if (d_parse(&pcb) != 0)
		return parse_failed(cc, &pcb);
	cc->pcb = &pcb;
	cc->unit_kind = u->kind;
	cc->unit_index = u->index;
	cc->jb = &jb;
	if (setjmp(jb) != 0) {
		cc->pcb = NULL;
		cc->jb = NULL;
		d_pcb_release(&pcb);
		return -1;
	}
	d_cc_pragmas(cc, pcb.pragmas);
	if (u->argc > 1 && pcb.argref != NULL && !pcb.argref[u->argc - 1])
		d_cc_err(cc, 0, D_MACRO_UNUSED,
			 "extraneous argument '%s' ($%d is "
			 "not referenced)\n",
			 u->argv[u->argc - 1], u->argc - 1);
	/* dtrace parses a whole unit before it cooks its clauses, and
	   declarations and inlines are processed as they are parsed: first
	   those (with the calls' parse-time checks, in source order), then
	   the clauses */
	for (it = pcb.prog; it != NULL; it = it->next) {
		cc->depth = 0;
		switch (it->kind) {
		case D_N_CLAUSE:
			d_cc_precheck_clause(cc, it);
			break;
		case D_N_DECL:
			d_cc_decl(cc, it);
			break;
		case D_N_INLINE:
			d_cc_inline(cc, it);
			break;
		case D_N_PROVIDER:
			d_cc_provider(cc, it);
			break;
		default:
			/* translators: nothing to run */
			break;
		}
	}
	for (it = pcb.prog; it != NULL; it = it->next) {
		cc->depth = 0;
		if (it->kind == D_N_CLAUSE)
			d_cc_clause(cc, it);
	}
	d_cc_xpragmas(cc, pcb.xpragmas);
	cc->pcb = NULL;
	cc->jb = NULL;
	d_pcb_release(&pcb);
	return 0;
}

static void
prog_free(struct vm_prog *p)
{
	d_arena_destroy(p->arena);
}

struct vm_prog *
d_cc_finish(struct d_cc *cc)
{
	struct vm_prog *p;
	uint32_t i;

	if (cc->failed || cc->finished)
		return NULL;
	if (cc->destructive_used && !cc->opts.destructive) {
		/* EDT_DESTRUCTIVE: dtrace's message when enabling */
		cc->failed = 1;
		snprintf(cc->etag, sizeof(cc->etag), "EDT_DESTRUCTIVE");
		cc->eline = 0;
		snprintf(cc->emsg, sizeof(cc->emsg),
			 "Destructive actions not allowed");
		return NULL;
	}
	p = d_arena_alloc(cc->arena, sizeof(*p));
	p->clauses = cc->clauses;
	p->nclauses = cc->nclauses;
	p->vars = cc->vars;
	p->nvars = cc->nvars;
	p->aggs = d_arena_alloc(cc->arena,
				(cc->naggs ? cc->naggs : 1) * sizeof(*p->aggs));
	for (i = 0; i < cc->naggs; i++) {
		struct d_agg *a = cc->aggs[i];

		if (a->ad->fn == 0)
			a->ad->fn = VM_AGG_COUNT;
		if (a->ad->keys == NULL)
			a->ad->keys = d_arena_alloc(cc->arena,
						    sizeof(struct vm_type));
		p->aggs[i] = a->ad;
	}
	p->naggs = cc->naggs;
	p->options = cc->options;
	p->noptions = cc->noptions;
	p->strsize = cc->ty->strsize;
	p->arena = cc->arena;
	p->free_fn = prog_free;
	cc->finished = 1;
	return p;
}

void
d_cc_error(const struct d_cc *cc, char *tag, size_t taglen, int *line,
	   char *msg, size_t msglen)
{
	if (tag != NULL && taglen > 0)
		snprintf(tag, taglen, "%s", cc->failed ? cc->etag : "");
	if (line != NULL)
		*line = cc->failed ? cc->eline : 0;
	if (msg != NULL && msglen > 0)
		snprintf(msg, msglen, "%s", cc->failed ? cc->emsg : "");
}

void
d_cc_destroy(struct d_cc *cc)
{
	struct d_arena *a;

	if (cc == NULL)
		return;
	if (cc->pending_fmt != NULL) {
		fmt_release(cc->pending_fmt);
		free(cc->pending_fmt);
		cc->pending_fmt = NULL;
	}
	htab_destroy(cc->globals);
	htab_destroy(cc->tls);
	htab_destroy(cc->locals);
	htab_destroy(cc->aggtab);
	d_types_destroy(cc->ty);
	a = cc->arena;
	if (!cc->finished)
		d_arena_destroy(a);
}
