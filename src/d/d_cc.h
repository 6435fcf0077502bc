/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The checker's private state, shared by d_check.c (identifiers,
 * declarations, expressions: dtrace's "cook" pass) and d_cg.c (statements,
 * actions, aggregations, printf checking, clauses and the program). The
 * checker cooks and lowers in one pass: cooking an AST expression yields a
 * struct cx, the VM node (vm_isa.h) plus the D type and the facts dtrace
 * keeps in dt_node flags (lvalue, writable, integer constant...).
 *
 * Errors longjmp to cc->jb (armed per unit and around the predicate retry,
 * as dtrace's dt_cook_clause() does). Everything allocated while checking
 * comes from cc->arena, which becomes the program's arena, so unwinding
 * leaks nothing; the only heap objects are the hash tables and a pending
 * printf format, which d_cc_destroy() frees.
 */
#ifndef UDT_D_D_CC_H
#define UDT_D_D_CC_H

#include <setjmp.h>
#include <stdint.h>

#include "d/d_ast.h"
#include "d/d_check.h"
#include "d/d_type.h"
#include "vm/vm_isa.h"

struct htab;
struct fmt;

/* Variable kinds. */
enum { D_VK_SCALAR = 1, D_VK_ASSOC, D_VK_INLINE };

struct d_var {
	const char *name;
	uint8_t scope;	  /* enum vm_scope */
	uint8_t kind;	  /* D_VK_* */
	uint8_t declared; /* by a declaration (not by use) */
	uint8_t keys_set; /* ASSOC: key signature fixed */
	uint8_t modified; /* assigned at least once */
	uint8_t lib;	  /* defined by the D library (d_lib.c) */
	uint32_t id;
	struct d_type *type; /* NULL: not yet typed (dtrace's unref) */
	struct d_type **keys;
	uint32_t nkeys;
	int line;
	struct vm_vardesc *vd;
	struct cx *inl; /* INLINE: the cooked definition */
};

struct d_agg {
	const char *name;
	uint32_t id;
	uint8_t fn; /* enum vm_aggfn; 0 until first assigned */
	const char *fnname;
	uint8_t keys_set;
	struct d_type **keys;
	uint32_t nkeys;
	int line; /* line of the first definition */
	uint8_t lq_set, llq_set;
	struct vm_aggdesc *ad;
};

/* cx flags (dtrace's DT_NF_*) */
#define CX_LVAL 0x001	/* lvalue */
#define CX_WRITE 0x002	/* writable */
#define CX_CONST 0x004	/* integer constant (dtrace's DT_NODE_INT) */
#define CX_BITF 0x008	/* bit-field member */
#define CX_AGG 0x010	/* aggregation reference @a */
#define CX_ACT 0x020	/* call of a tracing function (action) */
#define CX_STRLIT 0x040 /* string literal */
#define CX_VAR 0x080	/* D variable (not memory) */
#define CX_FUNC 0x100	/* call of a subroutine */

struct d_subr;

struct cx {
	struct vm_node *n;
	struct d_type *t;
	unsigned fl;
	int64_t val;		 /* CX_CONST */
	const char *str;	 /* CX_STRLIT */
	struct d_var *var;	 /* CX_VAR */
	struct d_agg *agg;	 /* CX_AGG */
	const struct d_subr *fn; /* CX_ACT / CX_FUNC */
	struct d_node *ast;
	int line;
};

/* Function kinds of the built-in function table. */
enum { D_FK_FUNC = 1, D_FK_ACT, D_FK_AGG, D_FK_KERNEL };

struct d_subr {
	const char *name;
	uint8_t kind; /* D_FK_* */
	uint8_t destructive;
	uint16_t id;	   /* FUNC: vm_subr; ACT: vm_action (or a
				 D_SA_* for sym-family); AGG: vm_aggfn */
	const char *proto; /* dtrace's prototype string */
};

/* sym-family "actions" that produce values (ids above VM_ACT_LAST) */
enum {
	D_SA_SYM = 100,
	D_SA_FUNC,
	D_SA_MOD,
	D_SA_USYM,
	D_SA_UFUNC,
	D_SA_UMOD,
	D_SA_UADDR
};

/* Clause flags (dtrace's DT_CLSFLAG_*). */
#define CLS_DATAREC 0x1
#define CLS_SPEC 0x2
#define CLS_COMMIT 0x4
#define CLS_AGG 0x8

struct d_cc {
	struct d_arena *arena;
	struct d_types *ty;
	struct d_cc_opts opts;

	struct htab *globals, *tls, *locals, *aggtab;
	struct vm_vardesc **vars;
	uint32_t nvars, capvars;
	struct d_agg **aggs;
	uint32_t naggs, capaggs;
	struct vm_clause **clauses;
	uint32_t nclauses, capclauses;
	struct vm_option *options;
	uint32_t noptions, capoptions;
	/* typedef names declared so far (prelude and earlier units): each
	   unit's parser learns them before it parses (the lexer hack) */
	const char **tdnames;
	uint32_t ntdnames, captdnames;

	/* errors */
	jmp_buf *jb;
	int failed;
	char etag[32];
	int eline;
	char emsg[512];
	const char *region; /* "predicate" / "action list" while cooking
				 a clause (dtrace's pcb_region) */
	int cgphase;
	uint64_t scratchsize; /* for alloca()/copyin() size checks */
	int has_data;	      /* the clause has a data-recording action */
	int nspec, nnonspec;  /* speculate()s, other actions */
	/* the expression statement being cooked, and the first tracing or
	   aggregating function called inside an expression of it (dtrace's
	   D_CG_EXPR, reported once the statement is cooked) */
	const struct d_node *stmt_top;
	const char *cgexpr_fn;
	int cgexpr_line; /* the check is one dtrace makes in code
				 generation, where no region is set */
	struct fmt *pending_fmt;

	/* the unit being compiled */
	struct d_pcb *pcb;
	int unit_kind;
	uint32_t unit_index; /* index of the unit being compiled */

	/* the clause being compiled */
	struct vm_probedesc *pd; /* first description, NULL outside */
	int argtypes_done;
	int nargtypes; /* -1: none */
	struct d_type *argtypes[10];
	unsigned clsflags;
	uint32_t action_no;
	int depth;
	int finished;
	int destructive_used; /* a destructive action was compiled */

	/* provider declarations, for -h and -G (d_prov.c) */
	struct d_cc_prov **provdecls;
	uint32_t nprovdecls, capprovdecls;
};

/* d_check.c */
void d_cc_err(struct d_cc *cc, int line, enum d_errtag tag, const char *fmt,
	      ...) __attribute__((format(printf, 4, 5), noreturn));
void d_cc_err_tag(struct d_cc *cc, int line, const char *tag, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5), noreturn));
struct vm_node *d_cc_node(struct d_cc *cc, int op, int line, struct d_type *t,
			  int nkids);
struct cx *d_cc_cx(struct d_cc *cc, struct vm_node *n, struct d_type *t,
		   int line);
struct cx *d_cc_const(struct d_cc *cc, int64_t v, struct d_type *t, int line);
struct cx *d_cc_conv(struct d_cc *cc, struct cx *e, struct d_type *to);
struct cx *d_cc_expr(struct d_cc *cc, struct d_node *n);
struct cx *d_cc_expr_stmt(struct d_cc *cc, struct d_node *n);
struct d_type *d_cc_typename(struct d_cc *cc, struct d_node *tn);
void d_cc_decl(struct d_cc *cc, struct d_node *n);
void d_cc_inline(struct d_cc *cc, struct d_node *n);
void d_cc_xpragmas(struct d_cc *cc, struct d_pragma *p);
void d_cc_precheck_clause(struct d_cc *cc, struct d_node *n);
const struct d_subr *d_cc_subr_lookup(const char *name);
const char *d_cc_tname(struct d_cc *cc, struct cx *e);
struct d_type *d_cc_proto_type(struct d_cc *cc, const char *s);
void d_cc_check_agg_keys(struct d_cc *cc, struct d_agg *a, struct d_node *keys,
			 int nkeys, struct cx **out, int line);
struct d_agg *d_cc_agg_get(struct d_cc *cc, const char *name, int line);
void d_cc_vec_push(struct d_cc *cc, void ***v, uint32_t *n, uint32_t *cap,
		   void *e);

/* d_cg.c */
void d_cc_clause(struct d_cc *cc, struct d_node *n);
void d_cc_pragmas(struct d_cc *cc, struct d_pragma *p);

/* d_prov.c */
void d_cc_provider(struct d_cc *cc, struct d_node *n);

/* d_lib.c: the D library (dtrace's errno.d, signal.d...) */
void d_lib_load(struct d_cc *cc);
/* A program declares name: drop the library's definition of it. */
void d_lib_shadow(struct d_cc *cc, const char *name);
/* Is name the library's definition? */
int d_lib_defined(struct d_cc *cc, const char *name);

#endif
