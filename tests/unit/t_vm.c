/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for src/vm/: programs are built by hand as vm_isa.h trees
 * (no compiler involved) and run through vm_fire(); the tests then read
 * the record buffer, the aggregation store and the drop counters. They
 * cover C integer semantics per node type, faults and the ERROR probe,
 * memory (scratch, a fake tracee memory through read_mem), variables of
 * every scope, string subroutines with dtrace's edge cases, records,
 * exit(), speculations, aggregations and their bucket helpers, and the
 * buffer bounds. Linked against libudt_vm.a and libudt_common.a only.
 */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/vm.h"
#include "vm/vm_rec.h"
#include "tap.h"

/* --- building trees ---------------------------------------------------- */

static void *allocs[65536];
static size_t nallocs;

static void *
zalloc(size_t n)
{
	void *p = calloc(1, n);

	if (!p)
		abort();
	if (nallocs < sizeof(allocs) / sizeof(allocs[0]))
		allocs[nallocs++] = p;
	return p;
}

static void
free_all(void)
{
	while (nallocs)
		free(allocs[--nallocs]);
}

static const struct vm_type T_INT = { VM_T_INT, 1, 0, 0, 4, "int" };
static const struct vm_type T_UINT = { VM_T_INT, 0, 0, 0, 4, "uint_t" };
static const struct vm_type T_LONG = { VM_T_INT, 1, 0, 0, 8, "long" };
static const struct vm_type T_ULONG = { VM_T_INT, 0, 0, 0, 8, "ulong" };
static const struct vm_type T_CHAR = { VM_T_INT, 1, 0, 0, 1, "char" };
static const struct vm_type T_UCHAR = { VM_T_INT, 0, 0, 0, 1, "uchar" };
static const struct vm_type T_SHORT = { VM_T_INT, 1, 0, 0, 2, "short" };
static const struct vm_type T_PTR = { VM_T_PTR, 0, 0, 0, 8, "void *" };
static const struct vm_type T_STR = { VM_T_STRING, 0, 0, 0, 256, "string" };
static const struct vm_type T_ST8 = { VM_T_BYTES, 0, 0, 0, 8, "struct s" };
static const struct vm_type T_STACK = { VM_T_STACK, 0, 1, 0, 100, NULL };

static struct vm_node *
N(int op, struct vm_type t, int nk, ...)
{
	struct vm_node *n = zalloc(sizeof(*n));
	va_list ap;
	int i;

	n->op = (uint16_t)op;
	n->type = t;
	n->nkids = (uint16_t)nk;
	n->kids = zalloc(sizeof(*n->kids) * (nk ? nk : 1));
	va_start(ap, nk);
	for (i = 0; i < nk; i++)
		n->kids[i] = va_arg(ap, struct vm_node *);
	va_end(ap);
	return n;
}

static struct vm_node *
C(int64_t v, struct vm_type t)
{
	struct vm_node *n = N(VM_OP_CONST, t, 0);

	n->ival = v;
	return n;
}

static struct vm_node *
I(int64_t v)
{
	return C(v, T_INT);
}

static struct vm_node *
L(int64_t v)
{
	return C(v, T_LONG);
}

static struct vm_node *
S(const char *s)
{
	struct vm_node *n = N(VM_OP_STRCONST, T_STR, 0);

	n->sval = s;
	return n;
}

/* Variables of the test program, by id. */
enum { V_G, V_GS, V_T, V_C, V_A, V_ST, V_TS, V_GL, V_TA, NVARS };

static struct vm_node *
V(int id)
{
	static const struct {
		int scope, assoc;
		const struct vm_type *t;
	} d[NVARS] = {
		[V_G] = { VM_SCOPE_GLOBAL, 0, &T_INT },
		[V_GS] = { VM_SCOPE_GLOBAL, 0, &T_STR },
		[V_T] = { VM_SCOPE_TLS, 0, &T_INT },
		[V_C] = { VM_SCOPE_CLAUSE, 0, &T_INT },
		[V_A] = { VM_SCOPE_GLOBAL, 1, &T_INT },
		[V_ST] = { VM_SCOPE_GLOBAL, 0, &T_ST8 },
		[V_TS] = { VM_SCOPE_TLS, 0, &T_STR },
		[V_GL] = { VM_SCOPE_GLOBAL, 0, &T_LONG },
		[V_TA] = { VM_SCOPE_TLS, 1, &T_STR },
	};
	struct vm_node *n =
		N(d[id].assoc ? VM_OP_AVAR : VM_OP_VAR, *d[id].t, 0);

	n->var.scope = (uint8_t)d[id].scope;
	n->var.id = (uint32_t)id;
	return n;
}

static struct vm_node *
AV(int id, int nk, struct vm_node *k0, struct vm_node *k1)
{
	struct vm_node *n = V(id);

	n->nkids = (uint16_t)nk;
	n->kids = zalloc(sizeof(*n->kids) * 2);
	n->kids[0] = k0;
	n->kids[1] = k1;
	return n;
}

static struct vm_node *
ASG(struct vm_node *lv, struct vm_node *r)
{
	return N(VM_OP_ASSIGN, lv->type, 2, lv, r);
}

static struct vm_node *
CALL(int subr, struct vm_type t, int nk, ...)
{
	struct vm_node *n = N(VM_OP_CALL, t, 0);
	va_list ap;
	int i;

	n->ival = subr;
	n->nkids = (uint16_t)nk;
	n->kids = zalloc(sizeof(*n->kids) * (nk ? nk : 1));
	va_start(ap, nk);
	for (i = 0; i < nk; i++)
		n->kids[i] = va_arg(ap, struct vm_node *);
	va_end(ap);
	return n;
}

static struct vm_node *
BI(int which, struct vm_type t)
{
	struct vm_node *n = N(VM_OP_BUILTIN, t, 0);

	n->ival = which;
	return n;
}

static struct vm_stmt *
ACT(int act, int nargs, ...)
{
	struct vm_stmt *s = zalloc(sizeof(*s));
	va_list ap;
	int i;

	s->kind = VM_ST_ACTION;
	s->act = (uint16_t)act;
	s->nargs = (uint32_t)nargs;
	s->args = zalloc(sizeof(*s->args) * (nargs ? nargs : 1));
	va_start(ap, nargs);
	for (i = 0; i < nargs; i++)
		s->args[i] = va_arg(ap, struct vm_node *);
	va_end(ap);
	return s;
}

static struct vm_stmt *
EXPR(struct vm_node *e)
{
	struct vm_stmt *s = zalloc(sizeof(*s));

	s->kind = VM_ST_EXPR;
	s->expr = e;
	return s;
}

static struct vm_stmt *
AGG(uint32_t agg, int nkeys, struct vm_node **keys, int nargs, ...)
{
	struct vm_stmt *s = zalloc(sizeof(*s));
	va_list ap;
	int i;

	s->kind = VM_ST_AGG;
	s->agg = agg;
	s->nkeys = (uint32_t)nkeys;
	s->keys = keys;
	s->nargs = (uint32_t)nargs;
	s->args = zalloc(sizeof(*s->args) * (nargs ? nargs : 1));
	va_start(ap, nargs);
	for (i = 0; i < nargs; i++)
		s->args[i] = va_arg(ap, struct vm_node *);
	va_end(ap);
	return s;
}

/* --- the program and the host ----------------------------------------- */

#define MAXCL 8
static struct vm_prog prog;
static struct vm_clause clauses[MAXCL];
static struct vm_clause *clausep[MAXCL];
static struct vm_vardesc vars[NVARS];
static struct vm_vardesc *varp[NVARS];
static struct vm_aggdesc aggs[8];
static struct vm_aggdesc *aggp[8];

static void
prog_reset(void)
{
	int i;

	memset(&prog, 0, sizeof(prog));
	memset(clauses, 0, sizeof(clauses));
	for (i = 0; i < MAXCL; i++) {
		clauses[i].id = (uint32_t)i;
		clauses[i].has_data = 1;
		clausep[i] = &clauses[i];
	}
	for (i = 0; i < NVARS; i++) {
		struct vm_node *v = V(i);

		vars[i].id = (uint32_t)i;
		vars[i].scope = v->var.scope;
		vars[i].is_assoc = v->op == VM_OP_AVAR;
		vars[i].type = v->type;
		varp[i] = &vars[i];
	}
	memset(aggs, 0, sizeof(aggs));
	for (i = 0; i < 8; i++) {
		aggs[i].id = (uint32_t)i;
		aggp[i] = &aggs[i];
	}
	prog.clauses = clausep;
	prog.nclauses = MAXCL;
	prog.vars = varp;
	prog.nvars = NVARS;
	prog.aggs = aggp;
	prog.naggs = 0;
	prog.strsize = 256;
}

static void
body(int cl, int n, ...)
{
	va_list ap;
	int i;

	clauses[cl].nbody = (uint32_t)n;
	clauses[cl].body = zalloc(sizeof(struct vm_stmt *) * (n ? n : 1));
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		clauses[cl].body[i] = va_arg(ap, struct vm_stmt *);
		if (!clauses[cl].body[i]->action_no)
			clauses[cl].body[i]->action_no = (uint32_t)i + 1;
	}
	va_end(ap);
}

/* Fake tracee memory: [MEMBASE, MEMBASE + sizeof(mem)). */
#define MEMBASE 0x10000ULL
static uint8_t mem[0x2000];

static int
h_read(void *host, uint64_t addr, void *buf, size_t len)
{
	(void)host;
	if (addr < MEMBASE || addr - MEMBASE > sizeof(mem) ||
	    len > sizeof(mem) - (addr - MEMBASE))
		return -14;
	memcpy(buf, mem + (addr - MEMBASE), len);
	return 0;
}

static int
h_ustack(void *host, uint64_t *pcs, int max)
{
	int i;

	(void)host;
	for (i = 0; i < max && i < 3; i++)
		pcs[i] = 0x400000 + (uint64_t)i * 16;
	return i;
}

static const struct vm_host_ops hops = {
	.read_mem = h_read,
	.ustack = h_ustack,
};

/* The host of the next firings (test_host() swaps in a richer one). */
static const struct vm_host_ops *cur_ops = &hops;

static struct vm_probe_ctx
ctx_for(int64_t tid, uint32_t probe)
{
	struct vm_probe_ctx c;

	memset(&c, 0, sizeof(c));
	c.probe_id = probe;
	c.prov = probe == 1 ? "dtrace" : "profile";
	c.mod = "";
	c.func = "";
	c.name = probe == 1 ? "BEGIN" : "tick-1s";
	c.pid = 42;
	c.tid = tid;
	c.execname = "udtrace";
	c.timestamp = 1000;
	c.ops = cur_ops;
	c.args[0] = 7;
	c.args[1] = MEMBASE;
	c.nargs = 2;
	return c;
}

static struct vm_state *st;
static struct vm_opts opts;

static void
state_new(void)
{
	if (st)
		vm_state_destroy(st);
	st = vm_state_create(&prog, &opts);
}

/* Fires clauses [0, n) on probe `probe` by thread tid. */
static void
fire_n(int n, int64_t tid, uint32_t probe)
{
	struct vm_enabling en[MAXCL];
	struct vm_probe_ctx c = ctx_for(tid, probe);
	int i;

	for (i = 0; i < n; i++) {
		en[i].clause = (uint32_t)i;
		en[i].epid = (uint32_t)i + 1;
	}
	vm_fire(st, &c, en, (size_t)n);
}

static struct vm_recbuf *
rb(void)
{
	return vm_recbuf(st);
}

/* Runs trace(e) in a fresh state; returns the traced datum (or NULL). */
static const struct vm_datum *
eval1(struct vm_node *e)
{
	prog_reset();
	body(0, 1, ACT(VM_ACT_TRACE, 1, e));
	state_new();
	fire_n(1, 100, 1);
	if (rb()->nrecs != 2 || rb()->recs[1].type != VM_REC_TRACE)
		return NULL;
	return &rb()->recs[1].d[0];
}

static int64_t
ival(struct vm_node *e)
{
	const struct vm_datum *d = eval1(e);

	if (!d || d->type != VM_D_INT)
		return (int64_t)0x7eadbeef;
	if (d->is_signed) {
		switch (d->size) {
		case 1:
			return (int8_t)d->i;
		case 2:
			return (int16_t)d->i;
		case 4:
			return (int32_t)d->i;
		}
	}
	return (int64_t)d->i;
}

static const char *
sval(struct vm_node *e)
{
	const struct vm_datum *d = eval1(e);

	return d && d->type == VM_D_STR ? d->s : "(not a string)";
}

/* The fault of the last firing: the ERROR record's kind, or -1. */
static int
fault_of(struct vm_node *e, uint64_t *addr)
{
	size_t i;

	eval1(e);
	for (i = 0; i < rb()->nrecs; i++) {
		if (rb()->recs[i].type == VM_REC_ERROR) {
			if (addr)
				*addr = rb()->recs[i].u.err.addr;
			return rb()->recs[i].u.err.fault;
		}
	}
	return -1;
}

/* --- tests ---------------------------------------------------------------- */

static void
test_arith(void)
{
	is_int(ival(N(VM_OP_ADD, T_INT, 2, I(INT_MAX), I(1))), INT_MIN,
	       "int overflow wraps to INT_MIN");
	is_int(ival(N(VM_OP_ADD, T_UINT, 2, C(UINT_MAX, T_UINT), C(2, T_UINT))),
	       1, "unsigned int wraps");
	is_int(ival(N(VM_OP_ADD, T_CHAR, 2, C(127, T_CHAR), C(1, T_CHAR))),
	       -128, "char wraps signed");
	is_int(ival(N(VM_OP_DIV, T_INT, 2, I(-7), I(2))), -3,
	       "signed division truncates toward zero");
	is_int(ival(N(VM_OP_MOD, T_INT, 2, I(-7), I(2))), -1, "signed modulo");
	is_int(ival(N(VM_OP_DIV, T_UINT, 2, C(-7, T_UINT), C(2, T_UINT))),
	       2147483644, "unsigned division");
	is_int(ival(N(VM_OP_DIV, T_LONG, 2, L(INT64_MIN), L(-1))), INT64_MIN,
	       "INT64_MIN / -1 wraps");
	is_int(ival(N(VM_OP_MOD, T_LONG, 2, L(INT64_MIN), L(-1))), 0,
	       "INT64_MIN %% -1 is 0");
	is_int(ival(N(VM_OP_SHL, T_INT, 2, I(1), I(32))), 0,
	       "int 1 << 32 is 0 (truncated to int)");
	is_int(ival(N(VM_OP_SHL, T_LONG, 2, L(1), L(32))), 1LL << 32,
	       "long 1 << 32");
	is_int(ival(N(VM_OP_SHL, T_LONG, 2, L(1), L(65))), 2,
	       "shift count is taken modulo 64");
	is_int(ival(N(VM_OP_SHR, T_INT, 2, I(-16), I(2))), -4,
	       "signed >> is arithmetic");
	is_int(ival(N(VM_OP_SHR, T_UINT, 2, C(0x80000000, T_UINT),
		      C(4, T_UINT))),
	       0x08000000, "unsigned >> is logical");
	is_int(ival(N(VM_OP_LT, T_INT, 2, I(-1), I(1))), 1,
	       "signed compare -1 < 1");
	is_int(ival(N(VM_OP_LT, T_INT, 2, C(-1, T_UINT), C(1, T_UINT))), 0,
	       "unsigned compare (uint)-1 < 1 is false");
	is_int(ival(N(VM_OP_NEG, T_INT, 1, I(INT_MIN))), INT_MIN,
	       "-INT_MIN wraps");
	is_int(ival(N(VM_OP_BNOT, T_UCHAR, 1, C(0x0f, T_UCHAR))), 0xf0,
	       "~ on unsigned char");
	is_int(ival(N(VM_OP_CAST, T_CHAR, 1, I(300))), 44, "(char)300");
	is_int(ival(N(VM_OP_CAST, T_UCHAR, 1, I(-1))), 255,
	       "(unsigned char)-1");
	is_int(ival(N(VM_OP_CAST, T_LONG, 1, C(-1, T_SHORT))), -1,
	       "short -1 sign-extends to long");
	is_int(ival(N(VM_OP_CAST, T_ULONG, 1, C(-1, T_UINT))), 0xffffffffLL,
	       "uint -1 zero-extends to ulong");
	is_int(ival(N(VM_OP_LAND, T_INT, 2, I(0),
		      N(VM_OP_DIV, T_INT, 2, I(1), I(0)))),
	       0, "&& short-circuits (no division by zero)");
	is_int(ival(N(VM_OP_LOR, T_INT, 2, I(2),
		      N(VM_OP_DIV, T_INT, 2, I(1), I(0)))),
	       1, "|| short-circuits");
	is_int(ival(N(VM_OP_LXOR, T_INT, 2, I(2), I(0))), 1, "^^");
	is_int(ival(N(VM_OP_COND, T_INT, 3, I(0), I(5), I(6))), 6, "?:");
	is_int(ival(N(VM_OP_COMMA, T_INT, 2, I(1), I(9))), 9, "comma");
	is_int(ival(N(VM_OP_EQ, T_INT, 2, S("abc"), S("abc"))), 1, "string ==");
	is_int(ival(N(VM_OP_LT, T_INT, 2, S("abc"), S("abd"))), 1,
	       "string < is strcmp");
}

static void
test_faults(void)
{
	uint64_t a = 1;
	struct vm_node *p;

	is_int(fault_of(N(VM_OP_DIV, T_INT, 2, I(1), I(0)), NULL),
	       VM_FLT_DIVZERO, "division by zero faults DIVZERO");
	is_int(rb()->nrecs, 1, "the faulting clause's FIRE record is dropped");
	is_int(rb()->recs[0].u.err.action_no, 1, "fault in action #1");
	is_int(rb()->recs[0].u.err.epid, 1, "fault names the epid");
	is_int(fault_of(N(VM_OP_MOD, T_UINT, 2, C(1, T_UINT), C(0, T_UINT)),
			NULL),
	       VM_FLT_DIVZERO, "modulo by zero faults");
	is_int(fault_of(N(VM_OP_DEREF, T_INT, 1, C(0, T_PTR)), &a),
	       VM_FLT_BADADDR, "*NULL faults BADADDR");
	is_int(a, 0, "... at address 0x0");
	{
		struct vm_type ts = { VM_T_BYTES, 0, 0, 0, 16, "struct t" };
		struct vm_node *m = N(VM_OP_MEMBER, T_INT, 1,
				      N(VM_OP_DEREF, ts, 1, C(0, T_PTR)));

		m->ival = 8;
		is_int(fault_of(m, &a), VM_FLT_BADADDR,
		       "NULL->member faults BADADDR");
		is_int(a, 8, "... at the member's address 0x8");
		m = N(VM_OP_MEMBER, T_INT, 1,
		      N(VM_OP_DEREF, ts, 1,
			C(MEMBASE + sizeof(mem) - 8, T_PTR)));
		m->ival = 4;
		memcpy(mem + sizeof(mem) - 4, "\x05\0\0\0", 4);
		is_int(ival(m), 5,
		       "p->m reads the member only (object partly unmapped)");
	}
	is_int(fault_of(N(VM_OP_DEREF, T_INT, 1, C(0x999999, T_PTR)), &a),
	       VM_FLT_BADADDR, "unreadable address faults");
	is_int(a, 0x999999, "... at that address");
	{
		struct vm_node *arg = N(VM_OP_ARG, T_LONG, 1, I(12));

		is_int(fault_of(arg, NULL), VM_FLT_ILLOP,
		       "args[12] is an illegal operation");
	}
	is_int(fault_of(CALL(VM_SUB_ALLOCA, T_PTR, 1, L(1 << 20)), &a),
	       VM_FLT_BADSIZE, "alloca larger than scratch faults BADSIZE");
	is_int(a, 1 << 20, "... with the size");
	is_int(fault_of(N(VM_OP_COMMA, T_PTR, 2,
			  CALL(VM_SUB_ALLOCA, T_PTR, 1, L(6000)),
			  CALL(VM_SUB_ALLOCA, T_PTR, 1, L(6000))),
			NULL),
	       VM_FLT_NOSCRATCH, "scratch exhausted faults NOSCRATCH");

	/* Predicate fault: action 0. */
	prog_reset();
	clauses[0].pred = N(VM_OP_DIV, T_INT, 2, I(1), I(0));
	body(0, 1, ACT(VM_ACT_TRACE, 1, I(1)));
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 1 && rb()->recs[0].type == VM_REC_ERROR &&
		   rb()->recs[0].u.err.action_no == 0,
	   "fault in the predicate is action 0");

	/* The ERROR probe: arguments, same thread, then the next clause. */
	prog_reset();
	body(0, 2, ACT(VM_ACT_TRACE, 1, I(1)),
	     ACT(VM_ACT_TRACE, 1, N(VM_OP_DEREF, T_INT, 1, C(0x20, T_PTR))));
	body(1, 1, ACT(VM_ACT_TRACE, 1, I(2)));
	p = N(VM_OP_ARG, T_LONG, 1, I(4));
	body(2, 6, ACT(VM_ACT_TRACE, 1, N(VM_OP_ARG, T_LONG, 1, I(1))),
	     ACT(VM_ACT_TRACE, 1, N(VM_OP_ARG, T_LONG, 1, I(2))),
	     ACT(VM_ACT_TRACE, 1, N(VM_OP_ARG, T_LONG, 1, I(3))),
	     ACT(VM_ACT_TRACE, 1, p),
	     ACT(VM_ACT_TRACE, 1, N(VM_OP_ARG, T_LONG, 1, I(5))),
	     ACT(VM_ACT_TRACE, 1, BI(VM_BI_TID, T_LONG)));
	state_new();
	{
		struct vm_enabling ee = { 2, 9 };

		vm_set_error_enablings(st, 3, &ee, 1);
	}
	fire_n(2, 77, 4);
	ok(rb()->nrecs == 10, "ERROR record + ERROR clause (7) + clause 2 (2)");
	if (rb()->nrecs == 10) {
		struct vm_rec *r = rb()->recs;

		is_int(r[0].type, VM_REC_ERROR, "error record first");
		is_int(r[1].type, VM_REC_FIRE, "then the ERROR clause");
		is_int(r[1].u.fire.probe_id, 3, "ERROR's probe id");
		is_str(r[1].u.fire.name, "ERROR", "ERROR's name");
		is_int(r[2].d[0].i, 1, "ERROR arg1 = epid");
		is_int(r[3].d[0].i, 2, "ERROR arg2 = action number");
		is_int((int64_t)r[4].d[0].i, -1, "ERROR arg3 = -1");
		is_int(r[5].d[0].i, VM_FLT_BADADDR, "ERROR arg4 = fault");
		is_int(r[6].d[0].i, 0x20, "ERROR arg5 = address");
		is_int(r[7].d[0].i, 77, "ERROR runs on the faulting thread");
		ok(r[8].type == VM_REC_FIRE && r[9].d[0].i == 2,
		   "the next clause still runs");
	}
}

static void
test_memory(void)
{
	struct vm_node *p;

	memcpy(mem, "\x2a\0\0\0", 4);
	strcpy((char *)mem + 0x100, "tracee string");
	is_int(ival(N(VM_OP_DEREF, T_INT, 1, C(MEMBASE, T_PTR))), 42,
	       "*(int *)addr reads tracee memory");
	is_str(sval(CALL(VM_SUB_COPYINSTR, T_STR, 1,
			 C(MEMBASE + 0x100, T_PTR))),
	       "tracee string", "copyinstr");
	is_str(sval(CALL(VM_SUB_COPYINSTR, T_STR, 2, C(MEMBASE + 0x100, T_PTR),
			 L(6))),
	       "tracee", "copyinstr with a size");
	is_str(sval(N(VM_OP_STRINGOF, T_STR, 1, C(MEMBASE + 0x100, T_PTR))),
	       "tracee string", "stringof(pointer)");
	p = CALL(VM_SUB_COPYIN, T_PTR, 2, C(MEMBASE, T_PTR), L(4));
	is_int(ival(N(VM_OP_DEREF, T_INT, 1, p)), 42,
	       "copyin copies into scratch");

	/* alloca + store through the pointer + read it back. */
	prog_reset();
	{
		struct vm_node *gp = V(V_GL);

		body(0, 3, EXPR(ASG(gp, CALL(VM_SUB_ALLOCA, T_LONG, 1, L(16)))),
		     EXPR(ASG(N(VM_OP_DEREF, T_INT, 1, V(V_GL)), I(1234))),
		     ACT(VM_ACT_TRACE, 1, N(VM_OP_DEREF, T_INT, 1, V(V_GL))));
	}
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 2 && rb()->recs[1].d[0].i == 1234,
	   "store through an alloca pointer");

	prog_reset();
	body(0, 1,
	     EXPR(ASG(N(VM_OP_DEREF, T_INT, 1, C(MEMBASE, T_PTR)), I(1))));
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 1 && rb()->recs[0].type == VM_REC_ERROR &&
		   rb()->recs[0].u.err.addr == MEMBASE,
	   "a store to tracee memory faults BADADDR");

	/* bcopy into scratch, then read. */
	prog_reset();
	body(0, 3, EXPR(ASG(V(V_GL), CALL(VM_SUB_ALLOCA, T_LONG, 1, L(8)))),
	     EXPR(CALL(VM_SUB_BCOPY, T_INT, 3, C(MEMBASE, T_PTR), V(V_GL),
		       L(4))),
	     ACT(VM_ACT_TRACE, 1, N(VM_OP_DEREF, T_INT, 1, V(V_GL))));
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 2 && rb()->recs[1].d[0].i == 42, "bcopy");

	is_int(fault_of(CALL(VM_SUB_BCOPY, T_INT, 3, C(MEMBASE, T_PTR),
			     C(MEMBASE, T_PTR), L(4)),
			NULL),
	       VM_FLT_BADADDR, "bcopy to non-scratch faults");

	/* inet */
	memcpy(mem + 0x200, "\xc0\xa8\x01\x02", 4);
	is_str(sval(CALL(VM_SUB_INET_NTOA, T_STR, 1,
			 C(MEMBASE + 0x200, T_PTR))),
	       "192.168.1.2", "inet_ntoa");
	{
		static const struct {
			const char *bytes, *want;
		} v6[] = {
			{ "\xfe\x80\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", "fe80::1" },
			{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", "::1" },
			{ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", "::" },
			{ "\0\x01\0\x02\0\x03\0\x04\0\x05\0\x06\0\x07\0\x08",
			  "1:2:3:4:5:6:7:8" },
			{ "\0\0\0\0\0\0\0\0\0\0\xff\xff\x01\x02\x03\x04",
			  "1.2.3.4" },
			{ "\0\x01\0\0\0\0\0\x01\0\0\0\0\0\0\0\x01",
			  "1:0:0:1::1" },
			{ "\x20\x01\x0d\xb8\0\0\0\0\0\x01\0\0\0\0\0\x01",
			  "2001:db8::1:0:0:1" },
			{ "\x20\x01\x0d\xb8\0\0\0\x01\0\x01\0\x01\0\x01\0\x01",
			  "2001:db8:0:1:1:1:1:1" },
		};
		size_t i;

		for (i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
			memcpy(mem + 0x300, v6[i].bytes, 16);
			is_str(sval(CALL(VM_SUB_INET_NTOP, T_STR, 2, I(10),
					 C(MEMBASE + 0x300, T_PTR))),
			       v6[i].want, "inet_ntop(AF_INET6) %s",
			       v6[i].want);
		}
	}
	is_int(fault_of(CALL(VM_SUB_INET_NTOP, T_STR, 2, I(99),
			     C(MEMBASE, T_PTR)),
			NULL),
	       VM_FLT_ILLOP, "inet_ntop of an unknown family faults");
}

static void
test_strings(void)
{
	static const struct {
		const char *s;
		int i, n; /* n == 99: no count */
		const char *want;
	} sub[] = {
		{ "hello", 1, 99, "ello" }, { "hello", -2, 99, "lo" },
		{ "hello", 1, 2, "el" },    { "hello", -10, 7, "he" },
		{ "hello", 1, -1, "ell" },  { "hello", 10, 99, "" },
		{ "hello", 0, 0, "" },	    { "hello", -10, 3, "" },
		{ "hello", 2, -5, "" },	    { "", 0, 99, "" },
	};
	static const struct {
		const char *in, *base, *dir;
	} bn[] = {
		{ "/usr/lib/", "lib", "/usr" },
		{ "", ".", "." },
		{ "/", "/", "/" },
		{ "//", "/", "/" },
		{ "a", "a", "." },
		{ "/a", "a", "/" },
		{ "a/b", "b", "a" },
		{ "a//b//", "b", "a" },
		{ "//a//b", "b", "//a" },
	};
	static const struct {
		const char *in, *want;
	} cp[] = {
		{ "/a/b/../c", "/a/c" },
		{ "a/b/../c", "a/c" },
		{ "../a", "../a" },
		{ "/..", "/" },
		{ "a/..", "." },
		{ "/a/./b//c/", "/a/b/c" },
		{ "/", "/" },
		{ ".", "." },
		{ "", "" },
		{ "a/../../b", "../b" },
		{ "/a/b/../../..", "/" },
		{ "./a", "a" },
	};
	size_t i;

	is_str(sval(CALL(VM_SUB_STRJOIN, T_STR, 2, S("foo"), S("bar"))),
	       "foobar", "strjoin");
	is_int(ival(CALL(VM_SUB_STRLEN, T_LONG, 1, S("hello"))), 5, "strlen");
	for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		struct vm_node *c =
			sub[i].n == 99 ?
				CALL(VM_SUB_SUBSTR, T_STR, 2, S(sub[i].s),
				     I(sub[i].i)) :
				CALL(VM_SUB_SUBSTR, T_STR, 3, S(sub[i].s),
				     I(sub[i].i), I(sub[i].n));

		is_str(sval(c), sub[i].want, "substr(\"%s\", %d, %d)", sub[i].s,
		       sub[i].i, sub[i].n);
	}
	is_int(ival(CALL(VM_SUB_INDEX, T_INT, 2, S("hello"), S("l"))), 2,
	       "index");
	is_int(ival(CALL(VM_SUB_RINDEX, T_INT, 2, S("hello"), S("l"))), 3,
	       "rindex");
	is_int(ival(CALL(VM_SUB_INDEX, T_INT, 3, S("hello"), S("l"), I(3))), 3,
	       "index with start");
	is_int(ival(CALL(VM_SUB_RINDEX, T_INT, 3, S("hello"), S("l"), I(2))), 2,
	       "rindex with start");
	is_int(ival(CALL(VM_SUB_INDEX, T_INT, 2, S("hello"), S("z"))), -1,
	       "index not found");
	is_int(ival(CALL(VM_SUB_INDEX, T_INT, 3, S("hello"), S("l"), I(-5))), 2,
	       "index: a negative start is 0");
	is_int(ival(CALL(VM_SUB_RINDEX, T_INT, 3, S("hello"), S("l"), I(-1))),
	       -1, "rindex: a negative start finds nothing");
	is_int(ival(CALL(VM_SUB_RINDEX, T_INT, 3, S("hello"), S("l"), I(99))),
	       3, "rindex: a large start is clamped");
	is_int(ival(CALL(VM_SUB_INDEX, T_INT, 2, S("hello"), S(""))), 0,
	       "index of \"\"");
	is_int(ival(CALL(VM_SUB_INDEX, T_INT, 2, S("lo"), S("hello"))), -1,
	       "index of a longer string");
	is_str(sval(CALL(VM_SUB_STRCHR, T_STR, 2, S("hello"), C('l', T_CHAR))),
	       "llo", "strchr");
	is_str(sval(CALL(VM_SUB_STRRCHR, T_STR, 2, S("hello"), C('l', T_CHAR))),
	       "lo", "strrchr");
	is_str(sval(CALL(VM_SUB_STRSTR, T_STR, 2, S("hello"), S("ll"))), "llo",
	       "strstr");
	is_str(sval(CALL(VM_SUB_STRSTR, T_STR, 2, S("hello"), S("x"))), "",
	       "strstr not found");
	for (i = 0; i < sizeof(bn) / sizeof(bn[0]); i++) {
		is_str(sval(CALL(VM_SUB_BASENAME, T_STR, 1, S(bn[i].in))),
		       bn[i].base, "basename(\"%s\")", bn[i].in);
		is_str(sval(CALL(VM_SUB_DIRNAME, T_STR, 1, S(bn[i].in))),
		       bn[i].dir, "dirname(\"%s\")", bn[i].in);
	}
	for (i = 0; i < sizeof(cp) / sizeof(cp[0]); i++)
		is_str(sval(CALL(VM_SUB_CLEANPATH, T_STR, 1, S(cp[i].in))),
		       cp[i].want, "cleanpath(\"%s\")", cp[i].in);
	is_str(sval(CALL(VM_SUB_LLTOSTR, T_STR, 1, L(123))), "123", "lltostr");
	is_str(sval(CALL(VM_SUB_LLTOSTR, T_STR, 1, L(-5))), "-5",
	       "lltostr negative");
	is_str(sval(CALL(VM_SUB_LLTOSTR, T_STR, 1, L(0))), "0", "lltostr 0");
	is_str(sval(CALL(VM_SUB_LLTOSTR, T_STR, 1, L(INT64_MIN))),
	       "-9223372036854775808", "lltostr INT64_MIN");
	is_str(sval(CALL(VM_SUB_LLTOSTR, T_STR, 2, L(255), I(16))), "0xff",
	       "lltostr base 16");
	is_str(sval(CALL(VM_SUB_LLTOSTR, T_STR, 2, L(8), I(8))), "010",
	       "lltostr base 8");
	is_str(sval(CALL(VM_SUB_LLTOSTR, T_STR, 2, L(0), I(16))), "0x0",
	       "lltostr 0 base 16");
	is_str(sval(CALL(VM_SUB_LLTOSTR, T_STR, 2, L(5), I(2))), "101",
	       "lltostr base 2");
	is_int(fault_of(CALL(VM_SUB_LLTOSTR, T_STR, 2, L(5), I(1)), NULL),
	       VM_FLT_ILLOP, "lltostr base 1 faults");
	is_str(sval(CALL(VM_SUB_TOUPPER, T_STR, 1, S("aBc1"))), "ABC1",
	       "toupper");
	is_str(sval(CALL(VM_SUB_TOLOWER, T_STR, 1, S("aBc1"))), "abc1",
	       "tolower");
	is_int(ival(CALL(VM_SUB_HTONS, T_UINT, 1, I(0x1234))), 0x3412, "htons");
	is_int(ival(CALL(VM_SUB_NTOHL, T_UINT, 1, I(0x12345678))), 0x78563412,
	       "ntohl");
	is_int(ival(CALL(VM_SUB_HTONLL, T_ULONG, 1, L(0x0102030405060708LL))),
	       0x0807060504030201LL, "htonll");
	is_int(ival(CALL(VM_SUB_STRTOLL, T_LONG, 1, S("-42"))), -42, "strtoll");
	is_int(ival(CALL(VM_SUB_STRTOLL, T_LONG, 2, S("ff"), I(16))), 255,
	       "strtoll base 16");
	is_int(ival(CALL(VM_SUB_PROGENYOF, T_INT, 1, L(42))), 1,
	       "progenyof(own pid)");

	/* strtok keeps its state across calls within one firing. */
	prog_reset();
	body(0, 5,
	     ACT(VM_ACT_TRACE, 1,
		 CALL(VM_SUB_STRTOK, T_STR, 2, S(",a,b,,c"), S(","))),
	     ACT(VM_ACT_TRACE, 1,
		 CALL(VM_SUB_STRTOK, T_STR, 2, C(0, T_PTR), S(","))),
	     ACT(VM_ACT_TRACE, 1,
		 CALL(VM_SUB_STRTOK, T_STR, 2, C(0, T_PTR), S(","))),
	     ACT(VM_ACT_TRACE, 1,
		 CALL(VM_SUB_STRTOK, T_STR, 2, C(0, T_PTR), S(","))),
	     ACT(VM_ACT_TRACE, 1,
		 CALL(VM_SUB_STRTOK, T_STR, 2, C(0, T_PTR), S(","))));
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 6 && !strcmp(rb()->recs[1].d[0].s, "a") &&
		   !strcmp(rb()->recs[2].d[0].s, "b") &&
		   !strcmp(rb()->recs[3].d[0].s, "c") &&
		   !strcmp(rb()->recs[4].d[0].s, "") &&
		   !strcmp(rb()->recs[5].d[0].s, ""),
	   "strtok sequence a, b, c, then nothing");

	/* strsize bounds: strings are at most strsize - 1 characters. */
	opts.strsize = 8;
	is_str(sval(CALL(VM_SUB_STRJOIN, T_STR, 2, S("abcdef"), S("ghijk"))),
	       "abcdefg", "strjoin truncated to strsize - 1");
	prog_reset();
	body(0, 2, EXPR(ASG(V(V_GS), S("0123456789"))),
	     ACT(VM_ACT_TRACE, 1, V(V_GS)));
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 2 && !strcmp(rb()->recs[1].d[0].s, "0123456"),
	   "string variables hold strsize - 1 characters");
	opts.strsize = 256;
}

static void
test_vars(void)
{
	struct vm_drops dr;

	/* Globals start at zero, keep values across firings. */
	prog_reset();
	body(0, 2, EXPR(N(VM_OP_POSTINC, T_INT, 1, V(V_G))),
	     ACT(VM_ACT_TRACE, 1, V(V_G)));
	state_new();
	fire_n(1, 1, 1);
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 4 && rb()->recs[1].d[0].i == 1 &&
		   rb()->recs[3].d[0].i == 2,
	   "global ++ across firings");

	/* pre/post inc/dec values */
	prog_reset();
	body(0, 4, ACT(VM_ACT_TRACE, 1, N(VM_OP_POSTINC, T_INT, 1, V(V_G))),
	     ACT(VM_ACT_TRACE, 1, N(VM_OP_PREINC, T_INT, 1, V(V_G))),
	     ACT(VM_ACT_TRACE, 1, N(VM_OP_POSTDEC, T_INT, 1, V(V_G))),
	     ACT(VM_ACT_TRACE, 1, N(VM_OP_PREDEC, T_INT, 1, V(V_G))));
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 5 && rb()->recs[1].d[0].i == 0 &&
		   rb()->recs[2].d[0].i == 2 && rb()->recs[3].d[0].i == 2 &&
		   rb()->recs[4].d[0].i == 0,
	   "x++ ++x x-- --x");

	/* self-> per thread; freed by assigning 0. */
	prog_reset();
	body(0, 2, EXPR(ASG(V(V_T), N(VM_OP_ADD, T_INT, 2, V(V_T), I(1)))),
	     ACT(VM_ACT_TRACE, 1, V(V_T)));
	state_new();
	fire_n(1, 10, 1);
	fire_n(1, 10, 1);
	fire_n(1, 20, 1);
	ok(rb()->nrecs == 6 && rb()->recs[3].d[0].i == 2 &&
		   rb()->recs[5].d[0].i == 1,
	   "self-> variables are per thread");
	vm_thread_gone(st, 10);
	fire_n(1, 10, 1);
	ok(rb()->recs[7].d[0].i == 1, "vm_thread_gone frees self->");

	/* dynvarsize: a new variable beyond the limit is dropped. */
	opts.dynvarsize = 300; /* one element: a 256-byte string */
	prog_reset();
	body(0, 1, EXPR(ASG(V(V_T), I(5))));
	body(1, 1, EXPR(ASG(V(V_T), I(0))));
	state_new();
	fire_n(1, 1, 1);
	fire_n(1, 2, 1);
	vm_get_drops(st, &dr);
	is_int(dr.dynvar, 1, "a second self-> past dynvarsize is a drop");
	{
		struct vm_enabling en = { 1, 2 };
		struct vm_probe_ctx c = ctx_for(1, 1);

		vm_fire(st, &c, &en, 1); /* self->t = 0 frees it */
	}
	fire_n(1, 3, 1);
	vm_get_drops(st, &dr);
	is_int(dr.dynvar, 1, "assigning 0 freed the space");
	opts.dynvarsize = 1024 * 1024;

	/* this-> shared by the clauses of one firing, zero at the next. */
	prog_reset();
	body(0, 1, EXPR(N(VM_OP_POSTINC, T_INT, 1, V(V_C))));
	body(1, 1, ACT(VM_ACT_TRACE, 1, V(V_C)));
	clauses[0].has_data = 0;
	state_new();
	fire_n(2, 1, 1);
	fire_n(2, 1, 1);
	ok(rb()->nrecs == 4 && rb()->recs[1].d[0].i == 1 &&
		   rb()->recs[3].d[0].i == 1,
	   "this-> is shared by a firing's clauses and reset after");

	/* associative arrays with tuple keys */
	prog_reset();
	body(0, 5, EXPR(ASG(AV(V_A, 2, S("x"), I(1)), I(5))),
	     EXPR(ASG(AV(V_A, 2, S("x"), I(2)), I(6))),
	     ACT(VM_ACT_TRACE, 1, AV(V_A, 2, S("x"), I(1))),
	     ACT(VM_ACT_TRACE, 1, AV(V_A, 2, S("x"), I(2))),
	     ACT(VM_ACT_TRACE, 1, AV(V_A, 2, S("y"), I(1))));
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 4 && rb()->recs[1].d[0].i == 5 &&
		   rb()->recs[2].d[0].i == 6 && rb()->recs[3].d[0].i == 0,
	   "assoc arrays: tuple keys, missing element reads 0");
	/* TLS assoc of strings: "" deletes, missing reads "". */
	prog_reset();
	body(0, 3, EXPR(ASG(AV(V_TA, 1, I(1), NULL), S("v"))),
	     EXPR(ASG(AV(V_TA, 1, I(1), NULL), S(""))),
	     ACT(VM_ACT_TRACE, 1, AV(V_TA, 1, I(1), NULL)));
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 2 && !strcmp(rb()->recs[1].d[0].s, ""),
	   "self->a[k] = \"\" deletes; reads \"\"");

	/* struct member assignment and bit-fields */
	prog_reset();
	{
		struct vm_node *m1 = N(VM_OP_MEMBER, T_INT, 1, V(V_ST));
		struct vm_node *m2 = N(VM_OP_MEMBER, T_INT, 1, V(V_ST));
		struct vm_node *bf = N(VM_OP_MEMBER, T_INT, 1, V(V_ST));
		struct vm_node *bf2 = N(VM_OP_MEMBER, T_INT, 1, V(V_ST));
		struct vm_node *ubf = N(VM_OP_MEMBER, T_UINT, 1, V(V_ST));

		m1->ival = 4;
		m2->ival = 4;
		bf->ival = 0, bf->bitoff = 3, bf->bitsize = 4;
		bf2->ival = 0, bf2->bitoff = 3, bf2->bitsize = 4;
		ubf->ival = 0, ubf->bitoff = 3, ubf->bitsize = 4;
		body(0, 5, EXPR(ASG(m1, I(77))), EXPR(ASG(bf, I(-3))),
		     ACT(VM_ACT_TRACE, 1, m2), ACT(VM_ACT_TRACE, 1, bf2),
		     ACT(VM_ACT_TRACE, 1, ubf));
	}
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 4 && rb()->recs[1].d[0].i == 77 &&
		   (int32_t)rb()->recs[2].d[0].i == -3 &&
		   rb()->recs[3].d[0].i == 13,
	   "struct member store, signed and unsigned bit-fields");

	/* INDEX bounds */
	{
		struct vm_node *ix = N(VM_OP_INDEX, T_CHAR, 2, V(V_ST), I(8));

		uint64_t a = 0;

		ix->ival = 8;
		is_int(fault_of(ix, &a), VM_FLT_BADINDEX,
		       "index out of bounds faults BADINDEX");
		is_int(a, 8, "... with the index");
	}
	{
		struct vm_node *ix = N(VM_OP_INDEX, T_CHAR, 2, S("abc"), I(1));

		is_int(ival(ix), 'b', "indexing a string");
	}
}

static void
test_records(void)
{
	int status = -1;

	/* trace copies; later assignments do not change it. */
	prog_reset();
	body(0, 3, EXPR(ASG(V(V_GS), S("before"))),
	     ACT(VM_ACT_TRACE, 1, V(V_GS)), EXPR(ASG(V(V_GS), S("after"))));
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 2 && rb()->recs[0].type == VM_REC_FIRE &&
		   !strcmp(rb()->recs[1].d[0].s, "before"),
	   "FIRE first; traced strings are copies");
	is_int(rb()->recs[0].u.fire.probe_id, 1, "FIRE carries the probe id");
	is_int(rb()->recs[0].u.fire.epid, 1, "FIRE carries the epid");

	/* A clause without data has no FIRE record. */
	prog_reset();
	clauses[0].has_data = 0;
	body(0, 1, EXPR(ASG(V(V_G), I(1))));
	state_new();
	fire_n(1, 1, 1);
	is_int(rb()->nrecs, 0, "no FIRE for a clause without data");

	/* printf with several datums */
	prog_reset();
	{
		struct vm_stmt *p =
			ACT(VM_ACT_PRINTF, 3, S("s"), I(-2), C(3, T_UCHAR));

		p->fmt = "%s %d %u\n";
		body(0, 1, p);
	}
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 2 && rb()->recs[1].n == 3 &&
		   !strcmp(rb()->recs[1].fmt, "%s %d %u\n") &&
		   rb()->recs[1].d[1].size == 4 &&
		   rb()->recs[1].d[1].is_signed &&
		   rb()->recs[1].d[2].size == 1 &&
		   !rb()->recs[1].d[2].is_signed,
	   "printf record with typed datums");

	/* exit(): the rest of the clause runs, later clauses do not. */
	prog_reset();
	body(0, 2, ACT(VM_ACT_EXIT, 1, I(3)), ACT(VM_ACT_TRACE, 1, I(9)));
	body(1, 1, ACT(VM_ACT_TRACE, 1, I(10)));
	state_new();
	fire_n(2, 1, 1);
	ok(vm_exited(st, &status) && status == 3, "exit(3) is remembered");
	ok(rb()->nrecs == 3 && rb()->recs[1].type == VM_REC_EXIT &&
		   rb()->recs[1].i == 3 && rb()->recs[2].d[0].i == 9,
	   "exit record, then the rest of the clause");
	fire_n(1, 1, 4);
	is_int(rb()->nrecs, 3, "a non-dtrace probe after exit runs nothing");

	/* END after exit(): every END clause runs; exit() there updates. */
	{
		struct vm_enabling en[2] = { { 0, 1 }, { 1, 2 } };
		struct vm_probe_ctx c = ctx_for(1, 2);

		c.prov = "dtrace";
		c.name = "END";
		prog_reset();
		body(0, 1, ACT(VM_ACT_EXIT, 1, I(4)));
		body(1, 1, ACT(VM_ACT_TRACE, 1, I(11)));
		state_new();
		fire_n(1, 1, 4);
		ok(vm_exited(st, &status) && status == 4,
		   "exit() from a tick probe");
		vm_recbuf_reset(rb());
		body(0, 1, ACT(VM_ACT_EXIT, 1, I(6)));
		vm_fire(st, &c, en, 2);
		ok(rb()->nrecs == 4 && rb()->recs[3].d[0].i == 11 &&
			   vm_exited(st, &status) && status == 6,
		   "END clauses all run after exit(); exit() in END counts");
	}

	/* A fault in an ERROR clause fires nothing more. */
	{
		struct vm_enabling ee = { 1, 5 };

		prog_reset();
		body(0, 1,
		     ACT(VM_ACT_TRACE, 1, N(VM_OP_DIV, T_INT, 2, I(1), I(0))));
		body(1, 2, ACT(VM_ACT_TRACE, 1, I(1)),
		     ACT(VM_ACT_TRACE, 1, N(VM_OP_DIV, T_INT, 2, I(1), I(0))));
		state_new();
		vm_set_error_enablings(st, 3, &ee, 1);
		fire_n(1, 1, 4);
		ok(rb()->nrecs == 1 && rb()->recs[0].type == VM_REC_ERROR,
		   "a fault in ERROR: no recursion, its data dropped");
	}

	/* tracemem, stack, ustack */
	memcpy(mem + 0x400, "ABCDEFGH", 8);
	prog_reset();
	body(0, 3,
	     ACT(VM_ACT_TRACEMEM, 3, C(MEMBASE + 0x400, T_PTR), L(8), L(5)),
	     ACT(VM_ACT_USTACK, 0), ACT(VM_ACT_STACK, 0));
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 4 && rb()->recs[1].d[0].len == 5 &&
		   !memcmp(rb()->recs[1].d[0].p, "ABCDE", 5),
	   "tracemem with a dynamic size");
	ok(rb()->recs[2].type == VM_REC_STACK && rb()->recs[2].d[0].len == 3 &&
		   rb()->recs[2].d[0].is_signed &&
		   rb()->recs[2].d[0].pcs[1] == 0x400010,
	   "ustack() frames from the host");
	ok(rb()->recs[3].d[0].len == 0 && !rb()->recs[3].d[0].is_signed,
	   "stack() is empty");

	/* ustack() as a value (aggregation key) and sym values */
	{
		const struct vm_datum *d =
			eval1(CALL(VM_SUB_USTACK, T_STACK, 1, I(2)));

		ok(d && d->type == VM_D_STACK && d->len == 2 && d->i == 42,
		   "ustack(2) value");
	}
	{
		struct vm_type ts = { VM_T_SYM, 0, VM_SYM_UADDR, 0, 8, NULL };
		const struct vm_datum *d =
			eval1(CALL(VM_SUB_UADDR, ts, 1, L(0x401000)));

		ok(d && d->type == VM_D_SYM && d->size == VM_SYM_UADDR &&
			   d->i == 0x401000 && d->pid == 42,
		   "uaddr() value");
	}

	/* builtins */
	is_str(sval(BI(VM_BI_EXECNAME, T_STR)), "udtrace", "execname");
	is_str(sval(BI(VM_BI_PROBENAME, T_STR)), "BEGIN", "probename");
	is_int(ival(BI(VM_BI_PID, T_LONG)), 42, "pid");
	is_int(ival(N(VM_OP_ARG, T_LONG, 1, I(0))), 7, "arg0");
	is_int(ival(BI(VM_BI_EPID, T_UINT)), 1, "epid");

	/* bufsize: a firing that does not fit is dropped and counted. */
	opts.bufsize = 100;
	prog_reset();
	body(0, 1, ACT(VM_ACT_TRACE, 1, S("0123456789012345678901234567890")));
	state_new();
	fire_n(1, 1, 1);
	fire_n(1, 1, 1);
	fire_n(1, 1, 1);
	{
		struct vm_drops dr;

		vm_get_drops(st, &dr);
		ok(rb()->nrecs > 0 && rb()->nrecs < 6 && dr.buf > 0,
		   "records beyond bufsize are dropped and counted");
		vm_recbuf_reset(rb());
		fire_n(1, 1, 1);
		is_int(rb()->nrecs, 2, "reset makes room again");
	}
	opts.bufsize = 4 * 1024 * 1024;
}

static void
test_spec(void)
{
	struct vm_drops dr;
	struct vm_node *sid;

	prog_reset();
	/* clause 0: g = speculation(); clause 1: speculate(g); trace(1) */
	body(0, 1, EXPR(ASG(V(V_G), CALL(VM_SUB_SPECULATION, T_INT, 0))));
	body(1, 2, ACT(VM_ACT_SPECULATE, 1, V(V_G)),
	     ACT(VM_ACT_TRACE, 1, I(1)));
	clauses[0].has_data = 0;
	sid = V(V_G);
	body(2, 1, ACT(VM_ACT_COMMIT, 1, sid));
	body(3, 1, ACT(VM_ACT_DISCARD, 1, V(V_G)));
	state_new();
	{
		struct vm_enabling e01[2] = { { 0, 1 }, { 1, 2 } };
		struct vm_enabling e2 = { 2, 3 }, e0 = { 0, 1 };
		struct vm_probe_ctx c = ctx_for(1, 1);

		vm_fire(st, &c, e01, 2);
		is_int(rb()->nrecs, 0, "speculated data is not in the buffer");
		vm_fire(st, &c, &e0, 1);
		vm_get_drops(st, &dr);
		is_int(dr.specunavail, 1, "no free speculation: counted, id 0");
		vm_fire(st, &c, &e2, 1); /* commit(0): nothing */
		/* commit() alone records no data: no probe line either
		   (dtrace-utils' dt_consume_one_probe) */
		is_int(rb()->nrecs, 0, "commit(0) commits nothing");
		/* g is 0 now; set it back to 1 and commit. */
		vm_fire(st, &c, &e2, 1);
		prog_reset();
	}
	/* A cleaner sequence with explicit ids. */
	prog_reset();
	body(0, 1, ACT(VM_ACT_TRACE, 1, CALL(VM_SUB_SPECULATION, T_INT, 0)));
	body(1, 2, ACT(VM_ACT_SPECULATE, 1, I(1)), ACT(VM_ACT_TRACE, 1, I(5)));
	body(2, 2, ACT(VM_ACT_TRACE, 1, I(6)), ACT(VM_ACT_COMMIT, 1, I(1)));
	body(3, 1, ACT(VM_ACT_DISCARD, 1, I(1)));
	clauses[3].has_data = 0;
	body(4, 1, ACT(VM_ACT_SPECULATE, 1, I(2)));
	state_new();
	{
		struct vm_enabling e[5] = {
			{ 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 }, { 4, 5 }
		};
		struct vm_probe_ctx c = ctx_for(1, 1);

		vm_fire(st, &c, &e[0], 1);
		ok(rb()->nrecs == 2 && rb()->recs[1].d[0].i == 1,
		   "speculation() returns 1");
		vm_fire(st, &c, &e[1], 1);
		vm_fire(st, &c, &e[1], 1);
		is_int(rb()->nrecs, 2, "speculate(1): data held back");
		vm_fire(st, &c, &e[2], 1);
		ok(rb()->nrecs == 8 && rb()->recs[2].u.fire.epid == 3 &&
			   rb()->recs[3].d[0].i == 6 &&
			   rb()->recs[4].u.fire.epid == 2 &&
			   rb()->recs[5].d[0].i == 5 &&
			   rb()->recs[7].d[0].i == 5,
		   "commit: the committing clause's data, then the "
		   "speculation's FIRE and data");
		vm_fire(st, &c, &e[0], 1);
		vm_fire(st, &c, &e[1], 1);
		vm_fire(st, &c, &e[3], 1);
		vm_fire(st, &c, &e[2], 1);
		is_int(rb()->nrecs, 12, "discarded data never appears");
		vm_fire(st, &c, &e[4], 1);
		ok(rb()->recs[rb()->nrecs - 1].type == VM_REC_ERROR &&
			   rb()->recs[rb()->nrecs - 1].u.err.fault ==
				   VM_FLT_ILLOP,
		   "speculate(id > nspec) is an illegal operation");
	}
}

static int64_t
agg1(int fn, int64_t *vals, int nv, int slot)
{
	struct vm_agg_entry **e;
	int64_t r = -999;
	size_t n;
	int i;

	prog_reset();
	aggs[0].fn = (uint8_t)fn;
	prog.naggs = 1;
	state_new();
	for (i = 0; i < nv; i++) {
		body(0, 1, AGG(0, 0, NULL, 1, L(vals[i])));
		clauses[0].has_data = 0;
		fire_n(1, 1, 1);
	}
	n = vm_agg_entries(vm_aggstore(st), 0, &e);
	if (n == 1)
		r = e[0]->data[slot];
	free(e);
	return r;
}

static void
test_aggs(void)
{
	int64_t v[] = { 3, -1, 10, 4 };
	struct vm_agg_entry **e;
	const struct vm_aggdesc *a;
	size_t n;

	is_int(agg1(VM_AGG_COUNT, v, 4, 0), 4, "count");
	is_int(agg1(VM_AGG_SUM, v, 4, 0), 16, "sum");
	is_int(agg1(VM_AGG_MIN, v, 4, 0), -1, "min");
	is_int(agg1(VM_AGG_MAX, v, 4, 0), 10, "max");
	is_int(agg1(VM_AGG_AVG, v, 4, 0), 4, "avg count");
	is_int(agg1(VM_AGG_AVG, v, 4, 1), 16, "avg sum");
	is_int(agg1(VM_AGG_STDDEV, v, 4, 2), 9 + 1 + 100 + 16,
	       "stddev sum of squares");
	is_int(agg1(VM_AGG_QUANTIZE, v, 4, 63 + 2), 1,
	       "quantize: 3 in bucket [2,4)");
	is_int(agg1(VM_AGG_QUANTIZE, v, 4, 62), 1, "quantize: -1 in bucket 62");
	is_int(vm_q_bucket_min(63), 0, "bucket 63 is 0");
	is_int(vm_q_bucket_min(64), 1, "bucket 64 is 1");
	is_int(vm_q_bucket_min(67), 8, "bucket 67 is 8");
	is_int(vm_q_bucket_min(62), -1, "bucket 62 is -1");
	is_int(vm_q_bucket_min(60), -4, "bucket 60 is -4");
	is_int(vm_q_bucket_min(126), 1LL << 62, "bucket 126 is 2^62");
	{
		int64_t big[] = { INT64_MIN, INT64_MAX, -3 };

		is_int(agg1(VM_AGG_QUANTIZE, big, 3, 0), 1,
		       "INT64_MIN in bucket 0");
		is_int(agg1(VM_AGG_QUANTIZE, big, 3, 126), 1,
		       "INT64_MAX in bucket 126");
		is_int(agg1(VM_AGG_QUANTIZE, big, 3, 61), 1,
		       "-3 in bucket 61 (-2)");
	}

	/* lquantize(v, 0, 10, 2): levels 5, 7 slots */
	prog_reset();
	aggs[0].fn = VM_AGG_LQUANTIZE;
	aggs[0].lq_base = 0, aggs[0].lq_limit = 10, aggs[0].lq_step = 2;
	prog.naggs = 1;
	state_new();
	a = vm_agg_desc(vm_aggstore(st), 0);
	is_int(a->ndata, 7, "lquantize(0, 10, 2) has 7 slots");
	{
		int64_t lv[] = { -1, 0, 3, 9, 10, 100 };
		int i;

		for (i = 0; i < 6; i++) {
			body(0, 1,
			     AGG(0, 0, NULL, 5, L(lv[i]), L(0), L(10), L(2),
				 L(3)));
			fire_n(1, 1, 1);
		}
	}
	n = vm_agg_entries(vm_aggstore(st), 0, &e);
	ok(n == 1 && e[0]->data[0] == 3 && e[0]->data[1] == 3 &&
		   e[0]->data[2] == 3 && e[0]->data[5] == 3 &&
		   e[0]->data[6] == 6,
	   "lquantize buckets with increment 3");
	free(e);
	is_int(vm_lq_bucket_min(a, 0), 0, "lquantize underflow label");
	is_int(vm_lq_bucket_min(a, 3), 4, "lquantize bucket 3 is 4");
	is_int(vm_lq_bucket_min(a, 6), 10, "lquantize overflow label");

	/* llquantize(v, 10, 0, 2, 10): dtrace-utils' symmetric layout */
	prog_reset();
	aggs[0].fn = VM_AGG_LLQUANTIZE;
	aggs[0].llq_factor = 10, aggs[0].llq_low = 0, aggs[0].llq_high = 2;
	aggs[0].llq_nsteps = 10;
	prog.naggs = 1;
	state_new();
	a = vm_agg_desc(vm_aggstore(st), 0);
	is_int(vm_llq_nbuckets(a), 57, "llquantize(10, 0, 2, 10): 57 buckets");
	is_int(a->ndata, 57, "... and 57 slots");
	is_int(vm_llq_zero_bucket(a), 28, "zero bucket 28");
	is_int(vm_llq_bucket_min(a, 28), 1, "zero bucket label factor^low");
	is_int(vm_llq_bucket_min(a, 29), 1, "first positive bucket is 1");
	is_int(vm_llq_bucket_min(a, 38), 10, "bucket 38 starts at 10");
	is_int(vm_llq_bucket_min(a, 42), 50, "bucket 42 starts at 50");
	is_int(vm_llq_bucket_min(a, 56), 1000, "top bucket is 1000");
	is_int(vm_llq_bucket_min(a, 14), -50, "bucket 14 is -50");
	is_int(vm_llq_bucket_min(a, 0), -1000, "bottom bucket is -1000");
	{
		int64_t lv[] = { 0, 5, 55, 999, 5000, -55, -5000 };
		int i;

		for (i = 0; i < 7; i++) {
			body(0, 1, AGG(0, 0, NULL, 1, L(lv[i])));
			fire_n(1, 1, 1);
		}
	}
	n = vm_agg_entries(vm_aggstore(st), 0, &e);
	ok(n == 1 && e[0]->data[28] == 1 && e[0]->data[33] == 1 &&
		   e[0]->data[42] == 1 && e[0]->data[55] == 1 &&
		   e[0]->data[56] == 1 && e[0]->data[14] == 1 &&
		   e[0]->data[0] == 1,
	   "llquantize buckets, negative values mirrored");
	free(e);
	/* llquantize(v, 10, 0, 6, 20): ghost buckets in the first order */
	aggs[1].fn = VM_AGG_LLQUANTIZE;
	aggs[1].llq_factor = 10, aggs[1].llq_low = 0, aggs[1].llq_high = 6;
	aggs[1].llq_nsteps = 20;
	is_int(vm_llq_zero_bucket(&aggs[1]), 127, "steps 20: zero bucket 127");
	ok(!vm_llq_bucket_is_ghost(&aggs[1], 128) &&
		   vm_llq_bucket_is_ghost(&aggs[1], 129) &&
		   !vm_llq_bucket_is_ghost(&aggs[1], 130) &&
		   vm_llq_bucket_is_ghost(&aggs[1], 125),
	   "ghost buckets");
	is_int(vm_llq_bucket_min(&aggs[1], 130), 2, "bucket 130 is 2");
	is_int(vm_llq_bucket_min(&aggs[1], 146), 10, "bucket 146 is 10");
	is_int(vm_llq_bucket_min(&aggs[1], 147), 15, "bucket 147 is 15");
	is_int(vm_llq_bucket_min(&aggs[1], 126), -1, "bucket 126 is -1");

	/* keys, min/max initial values, clear, remove, aggsize drops */
	prog_reset();
	aggs[0].fn = VM_AGG_MAX;
	aggs[0].nkeys = 2;
	prog.naggs = 1;
	opts.aggsize = 1000;
	state_new();
	{
		struct vm_node **k = zalloc(sizeof(*k) * 2);
		int i;

		for (i = 0; i < 20; i++) {
			k[0] = S("key");
			k[1] = I(i % 3);
			body(0, 1, AGG(0, 2, k, 1, L(i)));
			fire_n(1, 1, 1);
		}
	}
	n = vm_agg_entries(vm_aggstore(st), 0, &e);
	ok(n == 3, "three distinct tuple keys");
	if (n == 3) {
		size_t i;
		int good = 1;

		for (i = 0; i < n; i++)
			good &= e[i]->keys[0].type == VM_D_STR &&
				!strcmp(e[i]->keys[0].s, "key") &&
				e[i]->data[0] ==
					(e[i]->keys[1].i == 2 ?
						 17 :
						 18 + (int64_t)e[i]->keys[1].i);
		ok(good, "string and int keys, max per key");
		vm_agg_remove(vm_aggstore(st), 0, e[0]);
	}
	free(e);
	n = vm_agg_entries(vm_aggstore(st), 0, &e);
	is_int(n, 2, "vm_agg_remove");
	free(e);
	vm_agg_clear(vm_aggstore(st), 0);
	n = vm_agg_entries(vm_aggstore(st), 0, &e);
	ok(n == 2 && e[0]->data[0] == INT64_MIN,
	   "clear() resets max to INT64_MIN, keys kept");
	free(e);
	opts.aggsize = 300;
	state_new();
	{
		struct vm_node **k = zalloc(sizeof(*k) * 2);
		int i;

		for (i = 0; i < 20; i++) {
			k[0] = S("key");
			k[1] = I(i);
			body(0, 1, AGG(0, 2, k, 1, L(i)));
			fire_n(1, 1, 1);
		}
	}
	ok(vm_agg_drops(vm_aggstore(st)) > 0, "aggsize bounds the store");
	opts.aggsize = 4 * 1024 * 1024;

	/* printa / clear / trunc records */
	prog_reset();
	aggs[0].fn = VM_AGG_COUNT;
	prog.naggs = 1;
	{
		struct vm_node *ar = N(VM_OP_AGGREF, T_INT, 0);
		struct vm_stmt *pa = ACT(VM_ACT_PRINTA, 1, ar);

		pa->fmt = "%@d\n";
		body(0, 3, pa, ACT(VM_ACT_TRUNC, 2, ar, I(5)),
		     ACT(VM_ACT_CLEAR, 1, ar));
	}
	state_new();
	fire_n(1, 1, 1);
	ok(rb()->nrecs == 4 && rb()->recs[1].type == VM_REC_PRINTA &&
		   rb()->recs[1].naggs == 1 &&
		   rb()->recs[2].type == VM_REC_TRUNC &&
		   rb()->recs[2].has_arg && rb()->recs[2].i == 5 &&
		   rb()->recs[3].type == VM_REC_CLEAR,
	   "printa, trunc, clear records");
}

/* --- random trees: nothing a program may hold crashes the VM ------------ */

#ifndef FUZZ_ITERS
#define FUZZ_ITERS 3000
#endif
#ifndef FUZZ_SEED
#define FUZZ_SEED 0x2545f4914f6cdd1dULL
#endif
static uint64_t rs = FUZZ_SEED;

static uint32_t
rnd(uint32_t n)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return n ? (uint32_t)(rs % n) : 0;
}

static struct vm_type
rtype(void)
{
	static const struct vm_type *ts[] = { &T_INT,  &T_UINT,	 &T_LONG,
					      &T_CHAR, &T_PTR,	 &T_STR,
					      &T_ST8,  &T_SHORT, &T_STACK };
	struct vm_type t;

	if (rnd(10))
		return *ts[rnd(9)];
	memset(&t, 0, sizeof(t));
	t.kind = (uint8_t)rnd(9);
	t.is_signed = (uint8_t)rnd(2);
	t.symkind = (uint8_t)rnd(9);
	t.size = rnd(3) ? rnd(17) : rnd(1u << 31);
	return t;
}

static int64_t
rval(void)
{
	static const int64_t v[] = { 0,
				     1,
				     -1,
				     2,
				     7,
				     64,
				     255,
				     4096,
				     INT64_MIN,
				     INT64_MAX,
				     (int64_t)MEMBASE,
				     (int64_t)MEMBASE + 0x1ffc,
				     (int64_t)0xffffd00000000000ULL,
				     (int64_t)0xffffd00000000010ULL };

	return rnd(3) ? v[rnd(14)] : (int64_t)rnd(100000) - 50000;
}

static struct vm_node *
rnode(int depth)
{
	static const char *strs[] = { "",      "a",   "/a/../b/./c//",
				      "hello", "1:2", "..",
				      "//" };
	struct vm_node *n;
	int i, nk;

	if (depth <= 0 || rnd(4) == 0) {
		switch (rnd(5)) {
		case 0:
			return S(strs[rnd(7)]);
		case 1:
			n = V((int)rnd(NVARS));
			if (rnd(8) == 0)
				n->var.id = rnd(1000);
			return n;
		case 2:
			return BI((int)rnd(VM_BI_LAST + 2), rtype());
		default:
			return C(rval(), rtype());
		}
	}
	nk = (int)rnd(4);
	n = N((int)rnd(VM_OP_NOP_LAST + 2), rtype(), 0);
	n->nkids = (uint16_t)nk;
	n->kids = zalloc(sizeof(*n->kids) * 4);
	for (i = 0; i < nk; i++)
		n->kids[i] = rnd(20) ? rnode(depth - 1) : NULL;
	n->ival = rnd(2) ? rnd(VM_SUB_LAST + 2) : rval();
	n->bitoff = (uint16_t)(rnd(4) ? rnd(16) : rnd(70000));
	n->bitsize = (uint16_t)(rnd(2) ? 0 : rnd(80));
	n->var.scope = (uint8_t)rnd(4);
	n->var.id = rnd(NVARS + 2);
	if (n->op == VM_OP_AGGREF)
		n->ival = rnd(3);
	return n;
}

static struct vm_stmt *
rstmt(int depth)
{
	struct vm_stmt *s = zalloc(sizeof(*s));
	uint32_t i;

	s->kind = (uint16_t)(1 + rnd(4));
	s->act = (uint16_t)(1 + rnd(VM_ACT_LAST));
	s->action_no = rnd(5);
	s->agg = rnd(4);
	s->fmt = rnd(2) ? "%d %s\n" : NULL;
	s->expr = rnode(3);
	s->nargs = rnd(4);
	s->args = zalloc(sizeof(*s->args) * 4);
	for (i = 0; i < s->nargs; i++)
		s->args[i] = rnd(3) ? rnode(3) : N(VM_OP_AGGREF, T_INT, 0);
	s->nkeys = rnd(3);
	s->keys = zalloc(sizeof(*s->keys) * 3);
	for (i = 0; i < s->nkeys; i++)
		s->keys[i] = rnode(2);
	if (s->kind == VM_ST_IF && depth > 0) {
		s->nbody = rnd(3);
		s->body = zalloc(sizeof(*s->body) * 3);
		for (i = 0; i < s->nbody; i++)
			s->body[i] = rstmt(depth - 1);
		s->nelse = rnd(2);
		s->else_body = zalloc(sizeof(*s->else_body) * 2);
		for (i = 0; i < s->nelse; i++)
			s->else_body[i] = rstmt(depth - 1);
	}
	return s;
}

static void
test_fuzz(void)
{
	int it, j;
	struct vm_enabling ee = { 2, 3 };

	opts.strsize = 32;
	for (it = 0; it < FUZZ_ITERS; it++) {
		if (it % 50 == 0) {
			free_all();
			prog_reset();
			prog.naggs = 3;
			for (j = 0; j < 3; j++) {
				aggs[j].fn = (uint8_t)(1 + rnd(9));
				aggs[j].nkeys = rnd(3);
				aggs[j].lq_base = rval() % 1000;
				aggs[j].lq_limit = rval() % 100000;
				aggs[j].lq_step = rval() % 100;
				aggs[j].llq_factor = (uint16_t)rnd(12);
				aggs[j].llq_low = (uint16_t)rnd(5);
				aggs[j].llq_high = (uint16_t)rnd(8);
				aggs[j].llq_nsteps = (uint16_t)rnd(40);
			}
			state_new();
			vm_set_error_enablings(st, 3, &ee, 1);
		}
		clauses[0].pred = rnd(3) ? NULL : rnode(2);
		body(0, 3, rstmt(2), rstmt(2), rstmt(2));
		body(1, 2, rstmt(1), rstmt(1));
		body(2, 1, rstmt(1));
		fire_n(2, (int64_t)rnd(3), rnd(2) ? 1 : 4);
		if (rb()->nrecs > 1000)
			vm_recbuf_reset(rb());
	}
	opts.strsize = 256;
	ok(1, "3000 random programs ran without a crash");
}

/* --- the host services (vm.h's vm_host_ops) ---------------------------- */

/* What the fake host was asked, and what it answers. */
static struct {
	int nbuiltin, builtin_which[8];
	int64_t sc_rc[4];
	int nsc, sc_result;
	int sig, nstop, nwrite;
	uint64_t write_addr;
	uint8_t written[64];
	size_t write_len;
	int64_t progeny_pid;
	int cpu_ok;
} hh;

static int
h_builtin(void *host, int which, uint64_t *out)
{
	(void)host;
	if (hh.nbuiltin < 8)
		hh.builtin_which[hh.nbuiltin] = which;
	hh.nbuiltin++;
	switch (which) {
	case VM_BI_CURPSINFO:
		*out = MEMBASE + 0x400; /* a "translated struct" */
		return 0;
	case VM_BI_VTIMESTAMP:
		*out = 777;
		return 0;
	case VM_BI_CPU:
		*out = 5;
		return hh.cpu_ok ? 0 : -1;
	default:
		return -1; /* cpu, curlwpsinfo: the context's / NULL */
	}
}

static int
h_sc_override(void *host, int64_t rc)
{
	(void)host;
	if (hh.nsc < 4)
		hh.sc_rc[hh.nsc] = rc;
	hh.nsc++;
	return hh.sc_result;
}

static int
h_write(void *host, uint64_t addr, const void *buf, size_t len)
{
	(void)host;
	hh.nwrite++;
	if (addr != MEMBASE + 0x800 || len > sizeof(hh.written))
		return -14;
	hh.write_addr = addr;
	hh.write_len = len;
	memcpy(hh.written, buf, len);
	return 0;
}

static int
h_raise(void *host, int sig)
{
	(void)host;
	hh.sig = sig;
	return 0;
}

static int
h_stop(void *host)
{
	(void)host;
	hh.nstop++;
	return 0;
}

static int
h_progenyof(void *host, int64_t pid)
{
	(void)host;
	hh.progeny_pid = pid;
	return pid == 1234;
}

static int
h_ureg(void *host, int64_t idx, uint64_t *out)
{
	(void)host;
	if (idx < 0 || idx > 30)
		return -22;
	*out = 0x1000 + (uint64_t)idx;
	return 0;
}

static const struct vm_host_ops hops_full = {
	.read_mem = h_read,
	.write_mem = h_write,
	.ustack = h_ustack,
	.progenyof = h_progenyof,
	.ureg = h_ureg,
	.raise_sig = h_raise,
	.stop = h_stop,
	.builtin = h_builtin,
	.sc_override = h_sc_override,
};

/* The first ERROR record of the last firing: fault kind, or -1. */
static int
last_fault(uint64_t *addr, uint32_t *action)
{
	size_t i;

	for (i = 0; i < rb()->nrecs; i++) {
		if (rb()->recs[i].type == VM_REC_ERROR) {
			if (addr)
				*addr = rb()->recs[i].u.err.addr;
			if (action)
				*action = rb()->recs[i].u.err.action_no;
			return rb()->recs[i].u.err.fault;
		}
	}
	return -1;
}

/* Runs the statements of clause 0 once, with the full host. */
static void
run_host(int n, struct vm_stmt *a, struct vm_stmt *b)
{
	prog_reset();
	if (n == 1)
		body(0, 1, a);
	else
		body(0, 2, a, b);
	state_new();
	memset(&hh, 0, sizeof(hh));
	fire_n(1, 1, 2);
}

static void
test_host_builtins(void)
{
	struct vm_type tps = { VM_T_PTR, 0, 0, 0, 8, "psinfo_t *" };
	struct vm_node *m;
	uint64_t a = 1;

	cur_ops = &hops_full;
	memcpy(mem + 0x400 + 8, "\x39\x30\0\0", 4); /* pr_pid at 8: 12345 */
	m = N(VM_OP_DEREF, T_INT, 1,
	      N(VM_OP_ADD, tps, 2, BI(VM_BI_CURPSINFO, tps), C(8, tps)));
	prog_reset();
	body(0, 2, ACT(VM_ACT_TRACE, 1, m),
	     ACT(VM_ACT_TRACE, 1, BI(VM_BI_CURPSINFO, tps)));
	body(1, 1, ACT(VM_ACT_TRACE, 1, BI(VM_BI_CURPSINFO, tps)));
	state_new();
	memset(&hh, 0, sizeof(hh));
	fire_n(2, 1, 2);
	ok(rb()->nrecs == 5 && rb()->recs[1].d[0].i == 12345 &&
		   rb()->recs[2].d[0].i == MEMBASE + 0x400 &&
		   rb()->recs[4].d[0].i == MEMBASE + 0x400,
	   "curpsinfo->pr_pid reads the host's struct through read_mem");
	ok(hh.nbuiltin == 1 && hh.builtin_which[0] == VM_BI_CURPSINFO,
	   "the host is asked once per firing, whatever the clauses read");
	fire_n(1, 1, 2);
	is_int(hh.nbuiltin, 2, "... and again in the next firing");

	is_int(ival(BI(VM_BI_CURLWPSINFO, tps)), 0,
	       "curlwpsinfo the host cannot give is NULL");
	is_int(fault_of(N(VM_OP_DEREF, T_INT, 1,
			  N(VM_OP_ADD, tps, 2, BI(VM_BI_CURLWPSINFO, tps),
			    C(4, tps))),
			&a),
	       VM_FLT_BADADDR, "... and its dereference faults BADADDR");
	is_int(a, 4, "... at the member's offset from 0");
	is_int(ival(BI(VM_BI_VTIMESTAMP, T_ULONG)), 777,
	       "vtimestamp from the host");
	{
		struct vm_type tcpu = { VM_T_INT, 1, 0, 0, 4, "processorid_t" };
		struct vm_probe_ctx c = ctx_for(1, 2);
		struct vm_enabling en = { 0, 1 };

		prog_reset();
		body(0, 1, ACT(VM_ACT_TRACE, 1, BI(VM_BI_CPU, tcpu)));
		state_new();
		c.cpu = 3;
		vm_fire(st, &c, &en, 1);
		hh.cpu_ok = 1;
		vm_fire(st, &c, &en, 1);
		hh.cpu_ok = 0;
		ok(rb()->nrecs == 4 && rb()->recs[1].d[0].i == 3 &&
			   rb()->recs[3].d[0].i == 5,
		   "cpu: the context's when the host declines, else the "
		   "host's");
	}
	{
		struct vm_node *u = BI(VM_BI_UREGS, T_ULONG);

		u->nkids = 1;
		u->kids = zalloc(sizeof(*u->kids));
		u->kids[0] = I(16);
		is_int(ival(u), 0x1010, "uregs[16] from the host's ureg op");
		u->kids[0] = I(99);
		is_int(fault_of(u, NULL), VM_FLT_ILLOP,
		       "uregs[] the host refuses is an illegal operation");
	}
	cur_ops = &hops;
	{
		struct vm_type tcpu = { VM_T_INT, 1, 0, 0, 4, "processorid_t" };

		is_int(ival(BI(VM_BI_CURPSINFO, tps)), 0,
		       "no builtin op: curpsinfo is NULL");
		is_int(ival(BI(VM_BI_CPU, tcpu)), 0, "no builtin op: cpu");
	}

	/* args[N] typed string: the address of a string, read as
	   copyinstr() reads it */
	strcpy((char *)mem + 0x180, "/etc/hostname");
	{
		struct vm_probe_ctx c = ctx_for(1, 2);
		struct vm_enabling en = { 0, 1 };
		struct vm_node *arg = N(VM_OP_ARG, T_STR, 1, I(2));

		prog_reset();
		body(0, 1, ACT(VM_ACT_TRACE, 1, arg));
		state_new();
		c.args[2] = MEMBASE + 0x180;
		c.nargs = 3;
		vm_fire(st, &c, &en, 1);
		ok(rb()->nrecs == 2 && rb()->recs[1].d[0].type == VM_D_STR &&
			   strcmp(rb()->recs[1].d[0].s, "/etc/hostname") == 0,
		   "a string-typed argument is read at its address");
		vm_recbuf_reset(rb());
		c.args[2] = 0x999999;
		vm_fire(st, &c, &en, 1);
		ok(last_fault(&a, NULL) == VM_FLT_BADADDR && a == 0x999999,
		   "an unreadable string argument faults BADADDR there");
		vm_recbuf_reset(rb());
		c.args[2] = 0;
		vm_fire(st, &c, &en, 1);
		ok(last_fault(&a, NULL) == VM_FLT_BADADDR && a == 0,
		   "a NULL string argument faults BADADDR at 0");
	}
}

static void
test_host_actions(void)
{
	uint64_t a = 1;
	uint32_t an = 0;

	cur_ops = &hops_full;
	opts.destructive = 1;

	run_host(1, ACT(VM_ACT_SYSCALL_FAIL, 1, I(2)), NULL);
	ok(hh.nsc == 1 && hh.sc_rc[0] == -2 && last_fault(NULL, NULL) < 0,
	   "syscall_fail(ENOENT) asks the host for -2");
	run_host(1, ACT(VM_ACT_SYSCALL_RETURN, 1, L(-7LL * (1LL << 40))), NULL);
	ok(hh.nsc == 1 && hh.sc_rc[0] == -7LL * (1LL << 40),
	   "syscall_return(v) passes v as it is");
	is_int(rb()->nrecs, 0, "they record nothing");
	run_host(2, ACT(VM_ACT_SYSCALL_FAIL, 1, I(4096)),
		 ACT(VM_ACT_TRACE, 1, I(1)));
	ok(hh.nsc == 0 && last_fault(&a, &an) == VM_FLT_ILLOP && an == 1,
	   "syscall_fail(4096): ILLOP, the host is not asked");
	run_host(1, ACT(VM_ACT_SYSCALL_FAIL, 1, I(0)), NULL);
	ok(hh.nsc == 0 && last_fault(NULL, NULL) == VM_FLT_ILLOP,
	   "syscall_fail(0): ILLOP");
	hh.sc_result = -22;
	prog_reset();
	body(0, 2, ACT(VM_ACT_TRACE, 1, I(1)),
	     ACT(VM_ACT_SYSCALL_RETURN, 1, L(0)));
	state_new();
	fire_n(1, 1, 2);
	ok(hh.nsc == 1 && last_fault(NULL, &an) == VM_FLT_ILLOP && an == 2 &&
		   rb()->nrecs == 1,
	   "the host refuses (not a syscall entry): ILLOP in action #2, "
	   "the clause's data dropped");
	cur_ops = &hops;
	run_host(1, ACT(VM_ACT_SYSCALL_FAIL, 1, I(1)), NULL);
	ok(last_fault(NULL, NULL) == VM_FLT_ILLOP, "no sc_override op: ILLOP");
	cur_ops = &hops_full;
	opts.destructive = 0;
	run_host(1, ACT(VM_ACT_SYSCALL_FAIL, 1, I(1)), NULL);
	ok(hh.nsc == 0 && last_fault(NULL, NULL) < 0,
	   "without destructive the VM does not act (as raise())");
	opts.destructive = 1;

	/* raise(), stop() */
	run_host(2, ACT(VM_ACT_RAISE, 1, I(9)), ACT(VM_ACT_STOP, 0));
	ok(hh.sig == 9 && hh.nstop == 1, "raise(9) and stop() reach the host");
	run_host(1, ACT(VM_ACT_RAISE, 1, I(0)), NULL);
	ok(hh.sig == 0 && last_fault(NULL, NULL) == VM_FLT_ILLOP,
	   "raise(0) is an illegal operation");

	/* copyout(), copyoutstr() through write_mem */
	memcpy(mem + 0x40, "abcd", 4);
	run_host(1,
		 EXPR(CALL(VM_SUB_COPYOUT, T_INT, 3, C(MEMBASE + 0x40, T_PTR),
			   C(MEMBASE + 0x800, T_PTR), L(4))),
		 NULL);
	ok(hh.nwrite == 1 && hh.write_len == 4 &&
		   !memcmp(hh.written, "abcd", 4),
	   "copyout writes through write_mem");
	run_host(1,
		 EXPR(CALL(VM_SUB_COPYOUTSTR, T_INT, 3, S("hi"),
			   C(MEMBASE + 0x800, T_PTR), L(16))),
		 NULL);
	ok(hh.nwrite == 1 && hh.write_len == 3 && !memcmp(hh.written, "hi", 3),
	   "copyoutstr writes the string and its NUL");
	run_host(1,
		 EXPR(CALL(VM_SUB_COPYOUT, T_INT, 3, C(MEMBASE + 0x40, T_PTR),
			   C(0x5000000, T_PTR), L(4))),
		 NULL);
	ok(last_fault(&a, NULL) == VM_FLT_BADADDR && a == 0x5000000,
	   "a failing write_mem faults BADADDR at the destination");
	run_host(1,
		 EXPR(CALL(VM_SUB_COPYOUT, T_INT, 3, C(0x6000000, T_PTR),
			   C(MEMBASE + 0x800, T_PTR), L(4))),
		 NULL);
	ok(hh.nwrite == 0 && last_fault(&a, NULL) == VM_FLT_BADADDR &&
		   a == 0x6000000,
	   "copyout from an unreadable source faults there, writes nothing");
	cur_ops = &hops;
	run_host(1,
		 EXPR(CALL(VM_SUB_COPYOUT, T_INT, 3, C(MEMBASE + 0x40, T_PTR),
			   C(MEMBASE + 0x800, T_PTR), L(4))),
		 NULL);
	ok(last_fault(&a, NULL) == VM_FLT_BADADDR && a == MEMBASE + 0x800,
	   "no write_mem op: BADADDR");
	opts.destructive = 0;
	cur_ops = &hops_full;
	run_host(1,
		 EXPR(CALL(VM_SUB_COPYOUT, T_INT, 3, C(MEMBASE + 0x40, T_PTR),
			   C(MEMBASE + 0x800, T_PTR), L(4))),
		 NULL);
	ok(hh.nwrite == 0, "copyout without destructive writes nothing");

	/* copyin(), copyinto(), copyinstr() from unreadable memory */
	is_int(fault_of(N(VM_OP_DEREF, T_INT, 1,
			  CALL(VM_SUB_COPYIN, T_PTR, 2, C(0x7000000, T_PTR),
			       L(4))),
			&a),
	       VM_FLT_BADADDR, "copyin of an unreadable address faults");
	is_int(a, 0x7000000, "... at that address");
	is_int(fault_of(CALL(VM_SUB_COPYINSTR, T_STR, 1,
			     C(MEMBASE + sizeof(mem) + 0x10, T_PTR)),
			&a),
	       VM_FLT_BADADDR, "copyinstr past the mapping faults");
	is_int(a, MEMBASE + sizeof(mem) + 0x10, "... at that address");
	memset(mem + sizeof(mem) - 4, 'x', 4);
	is_int(fault_of(CALL(VM_SUB_COPYINSTR, T_STR, 1,
			     C(MEMBASE + sizeof(mem) - 4, T_PTR)),
			&a),
	       VM_FLT_BADADDR,
	       "copyinstr running off the end of readable memory faults");
	is_int(a, MEMBASE + sizeof(mem),
	       "... at the first unreadable page's address");
	prog_reset();
	body(0, 2, EXPR(ASG(V(V_GL), CALL(VM_SUB_ALLOCA, T_LONG, 1, L(8)))),
	     EXPR(CALL(VM_SUB_COPYINTO, T_INT, 3, C(0x8000000, T_PTR), L(4),
		       V(V_GL))));
	state_new();
	fire_n(1, 1, 1);
	ok(last_fault(&a, &an) == VM_FLT_BADADDR && a == 0x8000000 && an == 2,
	   "copyinto from an unreadable address faults there");

	/* progenyof() asks the host */
	is_int(ival(CALL(VM_SUB_PROGENYOF, T_INT, 1, L(1234))), 1,
	       "progenyof() through the host: yes");
	is_int(hh.progeny_pid, 1234, "... asked about that pid");
	is_int(ival(CALL(VM_SUB_PROGENYOF, T_INT, 1, L(42))), 0,
	       "the host's answer wins over the pid test");
	cur_ops = &hops;
}

int
main(void)
{
	vm_opts_default(&opts);
	test_arith();
	test_faults();
	test_memory();
	test_strings();
	test_vars();
	test_records();
	test_spec();
	test_aggs();
	test_host_builtins();
	test_host_actions();
	test_fuzz();
	vm_state_destroy(st);
	free_all();
	return done_testing();
}
