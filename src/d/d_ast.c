/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The compile control block and the syntax tree's storage: the per-compile
 * arena (every node and string of one compile, freed at once by
 * d_pcb_release, like dtrace's pcb_list), the macro variables, the table
 * of typedef names the parser consults (C's "lexer hack"), node
 * constructors, and the debug dumper used by the unit tests.
 *
 * Dump format (one top-level item per line, S-expressions):
 *   (clause (probes "BEGIN"=:::BEGIN) (pred (== x 1)) (expr (call trace 1)))
 *   (decl int x (p * [4]))          declarators with derivation steps in
 *                                   application order (see d_ast.h)
 *   (= (@[] a "k") (call count))    aggregation keys are an INDEX on @a
 * Integers print in their base with suffixes (0x10, 010, 5ul), strings in C
 * escapes, unary operators by name (neg, deref, addr, pre++, post--...).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/xalloc.h"
#include "d/d_ast.h"

/* ---------------------------------------------------------------------
 * Arena
 * --------------------------------------------------------------------- */

struct d_arena_chunk {
	struct d_arena_chunk *next;
	size_t size; /* bytes in data[] */
	size_t used;
	max_align_t data[];
};

#define ARENA_CHUNK 16384
#define ARENA_ALIGN (sizeof(max_align_t))

void *
d_alloc(struct d_pcb *pcb, size_t n)
{
	struct d_arena_chunk *c = pcb->arena;
	size_t need = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	void *p;

	if (need < n)
		need = n; /* overflow: let xmalloc fail below */
	if (c == NULL || c->size - c->used < need) {
		size_t sz = need > ARENA_CHUNK / 2 ? need : ARENA_CHUNK;

		c = xmalloc(sizeof(*c) + sz);
		c->size = sz;
		c->used = 0;
		if (need > ARENA_CHUNK / 2 && pcb->arena != NULL) {
			/* a big block: keep the current chunk in front */
			c->next = pcb->arena->next;
			pcb->arena->next = c;
		} else {
			c->next = pcb->arena;
			pcb->arena = c;
		}
	}
	p = (unsigned char *)c->data + c->used;
	c->used += need;
	memset(p, 0, n);
	return p;
}

char *
d_strndup(struct d_pcb *pcb, const char *s, size_t n)
{
	char *p = d_alloc(pcb, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
d_strdup(struct d_pcb *pcb, const char *s)
{
	return d_strndup(pcb, s, strlen(s));
}

char *
d_asprintf(struct d_pcb *pcb, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	p = d_alloc(pcb, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* ---------------------------------------------------------------------
 * Compile control block
 * --------------------------------------------------------------------- */

void
d_pcb_init(struct d_pcb *pcb)
{
	memset(pcb, 0, sizeof(*pcb));
	pcb->maxdepth = 256;
	pcb->pspec = D_PSPEC_NAME;
	/* dtrace's macro variables, with the values of this process */
	d_pcb_set_macro(pcb, "egid", (uint32_t)getegid());
	d_pcb_set_macro(pcb, "euid", (uint32_t)geteuid());
	d_pcb_set_macro(pcb, "gid", (uint32_t)getgid());
	d_pcb_set_macro(pcb, "pid", (uint32_t)getpid());
	d_pcb_set_macro(pcb, "pgid", (uint32_t)getpgid(0));
	d_pcb_set_macro(pcb, "ppid", (uint32_t)getppid());
	d_pcb_set_macro(pcb, "projid", 0);
	d_pcb_set_macro(pcb, "sid", (uint32_t)getsid(0));
	d_pcb_set_macro(pcb, "target", 0);
	d_pcb_set_macro(pcb, "taskid", 0);
	d_pcb_set_macro(pcb, "uid", (uint32_t)getuid());
}

void
d_pcb_release(struct d_pcb *pcb)
{
	struct d_arena_chunk *c, *next;

	for (c = pcb->arena; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	pcb->arena = NULL;
	pcb->typedefs = NULL;
	pcb->prog = NULL;
	pcb->pragmas = NULL;
	pcb->xpragmas = NULL;
	pcb->argref = NULL;
	pcb->lex = NULL;
}

int
d_pcb_set_macro(struct d_pcb *pcb, const char *name, uint32_t value)
{
	int i;

	for (i = 0; i < pcb->nmacros; i++) {
		if (strcmp(pcb->macros[i].name, name) == 0) {
			pcb->macros[i].value = value;
			return 0;
		}
	}
	if (pcb->nmacros >= D_MAX_MACROS)
		return -1;
	pcb->macros[pcb->nmacros].name = name;
	pcb->macros[pcb->nmacros].value = value;
	pcb->nmacros++;
	return 0;
}

/* ---------------------------------------------------------------------
 * Typedef names
 * --------------------------------------------------------------------- */

#define TD_BUCKETS 64

struct td_ent {
	struct td_ent *next;
	const char *name;
};

struct d_tdtab {
	struct td_ent *b[TD_BUCKETS];
};

/* The typedef names D knows without any declaration. */
static const char *const builtin_typedefs[] = {
	"int8_t",	 "int16_t",   "int32_t",  "int64_t",	  "uint8_t",
	"uint16_t",	 "uint32_t",  "uint64_t", "intptr_t",	  "uintptr_t",
	"size_t",	 "ssize_t",   "off_t",	  "off64_t",	  "pid_t",
	"id_t",		 "uid_t",     "gid_t",	  "time_t",	  "dev_t",
	"ino_t",	 "mode_t",    "nlink_t",  "caddr_t",	  "uchar_t",
	"ushort_t",	 "uint_t",    "ulong_t",  "u_longlong_t", "longlong_t",
	"processorid_t", "psetid_t",  "zoneid_t", "taskid_t",	  "projid_t",
	"hrtime_t",	 "clock_t",   "daddr_t",  "key_t",	  "suseconds_t",
	"timespec_t",	 "timeval_t", "ipaddr_t", "in_addr_t",	  "in_port_t",
	"sa_family_t",	 "socklen_t",
};

static unsigned
td_hash(const char *s)
{
	unsigned h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % TD_BUCKETS;
}

static int
td_find(const struct d_tdtab *t, const char *name)
{
	const struct td_ent *e;

	for (e = t->b[td_hash(name)]; e != NULL; e = e->next) {
		if (strcmp(e->name, name) == 0)
			return 1;
	}
	return 0;
}

static void
td_insert(struct d_pcb *pcb, struct d_tdtab *t, const char *name)
{
	struct td_ent *e;
	unsigned h;

	if (td_find(t, name))
		return;
	h = td_hash(name);
	e = d_alloc(pcb, sizeof(*e));
	e->name = d_strdup(pcb, name);
	e->next = t->b[h];
	t->b[h] = e;
}

static struct d_tdtab *
td_table(struct d_pcb *pcb)
{
	size_t i;

	if (pcb->typedefs == NULL) {
		pcb->typedefs = d_alloc(pcb, sizeof(*pcb->typedefs));
		for (i = 0;
		     i < sizeof(builtin_typedefs) / sizeof(builtin_typedefs[0]);
		     i++)
			td_insert(pcb, pcb->typedefs, builtin_typedefs[i]);
	}
	return pcb->typedefs;
}

void
d_pcb_add_typedef(struct d_pcb *pcb, const char *name)
{
	td_insert(pcb, td_table(pcb), name);
}

int
d_pcb_is_typedef(struct d_pcb *pcb, const char *name)
{
	return td_find(td_table(pcb), name);
}

/* ---------------------------------------------------------------------
 * Nodes
 * --------------------------------------------------------------------- */

struct d_node *
d_node_new(struct d_pcb *pcb, enum d_node_kind kind, int line)
{
	struct d_node *n = d_alloc(pcb, sizeof(*n));

	n->kind = kind;
	n->line = line;
	return n;
}

struct d_node *
d_node_append(struct d_node *a, struct d_node *b)
{
	struct d_node *t;

	if (a == NULL)
		return b;
	for (t = a; t->next != NULL; t = t->next)
		;
	t->next = b;
	return a;
}

int
d_node_count(const struct d_node *n)
{
	int c = 0;

	for (; n != NULL; n = n->next)
		c++;
	return c;
}

static const char *const kind_names[D_N_KIND_COUNT_] = {
	[D_N_NONE] = "D_N_NONE",
	[D_N_CLAUSE] = "D_N_CLAUSE",
	[D_N_DECL] = "D_N_DECL",
	[D_N_INLINE] = "D_N_INLINE",
	[D_N_XLATOR] = "D_N_XLATOR",
	[D_N_PROVIDER] = "D_N_PROVIDER",
	[D_N_PDESC] = "D_N_PDESC",
	[D_N_TYPENAME] = "D_N_TYPENAME",
	[D_N_DECLARATOR] = "D_N_DECLARATOR",
	[D_N_MEMBER] = "D_N_MEMBER",
	[D_N_ENUMERATOR] = "D_N_ENUMERATOR",
	[D_N_PARAM] = "D_N_PARAM",
	[D_N_XLMEMBER] = "D_N_XLMEMBER",
	[D_N_PROBEDECL] = "D_N_PROBEDECL",
	[D_N_EXPRSTMT] = "D_N_EXPRSTMT",
	[D_N_IF] = "D_N_IF",
	[D_N_BLOCK] = "D_N_BLOCK",
	[D_N_EMPTY] = "D_N_EMPTY",
	[D_N_INT] = "D_N_INT",
	[D_N_CHAR] = "D_N_CHAR",
	[D_N_STRING] = "D_N_STRING",
	[D_N_IDENT] = "D_N_IDENT",
	[D_N_AGG] = "D_N_AGG",
	[D_N_UNARY] = "D_N_UNARY",
	[D_N_BINARY] = "D_N_BINARY",
	[D_N_ASSIGN] = "D_N_ASSIGN",
	[D_N_COND] = "D_N_COND",
	[D_N_CALL] = "D_N_CALL",
	[D_N_INDEX] = "D_N_INDEX",
	[D_N_MEMBEROF] = "D_N_MEMBEROF",
	[D_N_CAST] = "D_N_CAST",
	[D_N_SIZEOF_TYPE] = "D_N_SIZEOF_TYPE",
	[D_N_OFFSETOF] = "D_N_OFFSETOF",
	[D_N_XLATE] = "D_N_XLATE",
};

const char *
d_node_kind_name(enum d_node_kind kind)
{
	if ((int)kind < 0 || kind >= D_N_KIND_COUNT_ || !kind_names[kind])
		return "D_N_?";
	return kind_names[kind];
}

static const char *const op_names[D_OP_COUNT_] = {
	[D_OP_NONE] = "?",	  [D_OP_COMMA] = ",",
	[D_OP_LOR] = "||",	  [D_OP_LXOR] = "^^",
	[D_OP_LAND] = "&&",	  [D_OP_BOR] = "|",
	[D_OP_XOR] = "^",	  [D_OP_BAND] = "&",
	[D_OP_EQ] = "==",	  [D_OP_NE] = "!=",
	[D_OP_LT] = "<",	  [D_OP_LE] = "<=",
	[D_OP_GT] = ">",	  [D_OP_GE] = ">=",
	[D_OP_LSH] = "<<",	  [D_OP_RSH] = ">>",
	[D_OP_ADD] = "+",	  [D_OP_SUB] = "-",
	[D_OP_MUL] = "*",	  [D_OP_DIV] = "/",
	[D_OP_MOD] = "%",	  [D_OP_ASGN] = "=",
	[D_OP_ADD_EQ] = "+=",	  [D_OP_SUB_EQ] = "-=",
	[D_OP_MUL_EQ] = "*=",	  [D_OP_DIV_EQ] = "/=",
	[D_OP_MOD_EQ] = "%=",	  [D_OP_AND_EQ] = "&=",
	[D_OP_XOR_EQ] = "^=",	  [D_OP_OR_EQ] = "|=",
	[D_OP_LSH_EQ] = "<<=",	  [D_OP_RSH_EQ] = ">>=",
	[D_OP_PLUS] = "+",	  [D_OP_NEG] = "-",
	[D_OP_LNEG] = "!",	  [D_OP_BNEG] = "~",
	[D_OP_PREINC] = "++",	  [D_OP_PREDEC] = "--",
	[D_OP_POSTINC] = "++",	  [D_OP_POSTDEC] = "--",
	[D_OP_DEREF] = "*",	  [D_OP_ADDROF] = "&",
	[D_OP_SIZEOF] = "sizeof", [D_OP_STRINGOF] = "stringof",
};

const char *
d_op_name(enum d_op op)
{
	if ((int)op < 0 || op >= D_OP_COUNT_ || !op_names[op])
		return "?";
	return op_names[op];
}

/* ---------------------------------------------------------------------
 * Dumper
 * --------------------------------------------------------------------- */

static void dump(FILE *fp, const struct d_node *n);

static void
dump_list(FILE *fp, const struct d_node *n)
{
	for (; n != NULL; n = n->next) {
		fputc(' ', fp);
		dump(fp, n);
	}
}

static void
dump_str(FILE *fp, const char *s, size_t len)
{
	size_t i;

	fputc('"', fp);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '\n':
			fputs("\\n", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		default:
			if (c < 0x20 || c >= 0x7f)
				fprintf(fp, "\\%03o", c);
			else
				fputc(c, fp);
		}
	}
	fputc('"', fp);
}

static const char *const storage_names[] = {
	[D_SC_NONE] = "",	   [D_SC_EXTERN] = "extern ",
	[D_SC_STATIC] = "static ", [D_SC_TYPEDEF] = "typedef ",
	[D_SC_SELF] = "self ",	   [D_SC_THIS] = "this ",
	[D_SC_AUTO] = "auto ",	   [D_SC_REGISTER] = "register ",
};

static void
dump_quals(FILE *fp, unsigned q)
{
	if (q & D_TQ_CONST)
		fputs("const ", fp);
	if (q & D_TQ_VOLATILE)
		fputs("volatile ", fp);
	if (q & D_TQ_RESTRICT)
		fputs("restrict ", fp);
}

static void
dump_spec(FILE *fp, const struct d_declspec *ds)
{
	const struct d_node *m;

	if (ds == NULL) {
		fputs("<nospec>", fp);
		return;
	}
	if ((unsigned)ds->storage <
	    sizeof(storage_names) / sizeof(storage_names[0]))
		fputs(storage_names[ds->storage], fp);
	dump_quals(fp, ds->quals);
	fputs(ds->text ? ds->text : "<none>", fp);
	if (!ds->has_body)
		return;
	fputc('{', fp);
	for (m = ds->members; m != NULL; m = m->next) {
		if (m != ds->members)
			fputc(' ', fp);
		dump(fp, m);
	}
	fputc('}', fp);
}

static void
dump_derivs(FILE *fp, const struct d_deriv *dv)
{
	const struct d_node *p;

	for (; dv != NULL; dv = dv->next) {
		fputc(' ', fp);
		switch (dv->kind) {
		case D_DV_POINTER:
			fputc('*', fp);
			if (dv->quals) {
				fputc('[', fp);
				dump_quals(fp, dv->quals);
				fputc(']', fp);
			}
			break;
		case D_DV_ARRAY:
			fputc('[', fp);
			if (dv->assoc != NULL) {
				fputs("assoc", fp);
				dump_list(fp, dv->assoc);
			} else if (dv->dim != NULL) {
				dump(fp, dv->dim);
			}
			fputc(']', fp);
			break;
		case D_DV_FUNC:
			fputs("(fn", fp);
			for (p = dv->params; p != NULL; p = p->next) {
				fputc(' ', fp);
				dump(fp, p);
			}
			if (dv->varargs)
				fputs(" ...", fp);
			fputc(')', fp);
			break;
		}
	}
}

static void
dump_dtor(FILE *fp, const struct d_declarator *d)
{
	if (d->deriv == NULL) {
		fputs(d->name ? d->name : "_", fp);
		return;
	}
	fputc('(', fp);
	fputs(d->name ? d->name : "_", fp);
	dump_derivs(fp, d->deriv);
	fputc(')', fp);
}

/* A type name: "{spec deriv...}" */
static void
dump_tname(FILE *fp, const struct d_node *t)
{
	if (t == NULL || t->kind != D_N_TYPENAME) {
		dump(fp, t);
		return;
	}
	fputc('{', fp);
	dump_spec(fp, t->u.tname.spec);
	dump_derivs(fp, t->u.tname.dtor.deriv);
	fputc('}', fp);
}

/* head, then "spec declarator": a parameter's or an inline's start */
static void
dump_spec_dtor(FILE *fp, const char *head, const struct d_declspec *ds,
	       const struct d_declarator *d)
{
	fputs(head, fp);
	dump_spec(fp, ds);
	fputc(' ', fp);
	dump_dtor(fp, d);
}

/* "(a b c)": unlike dump_list(), no blank before the first one */
static void
dump_paren_list(FILE *fp, const struct d_node *first)
{
	const struct d_node *p;

	fputc('(', fp);
	for (p = first; p != NULL; p = p->next) {
		if (p != first)
			fputc(' ', fp);
		dump(fp, p);
	}
	fputc(')', fp);
}

static void
dump_int(FILE *fp, const struct d_node *n)
{
	unsigned f = n->u.i.flags;

	if (f & D_INT_NEG)
		fputc('-', fp);
	if (n->u.i.base == 16)
		fprintf(fp, "0x%llx", (unsigned long long)n->u.i.value);
	else if (n->u.i.base == 8 && n->u.i.value != 0)
		fprintf(fp, "0%llo", (unsigned long long)n->u.i.value);
	else
		fprintf(fp, "%llu", (unsigned long long)n->u.i.value);
	if (f & D_INT_U)
		fputc('u', fp);
	if (f & D_INT_L)
		fputc('l', fp);
	if (f & D_INT_LL)
		fputs("ll", fp);
}

static const char *
unary_name(enum d_op op)
{
	switch (op) {
	case D_OP_PLUS:
		return "plus";
	case D_OP_NEG:
		return "neg";
	case D_OP_PREINC:
		return "pre++";
	case D_OP_PREDEC:
		return "pre--";
	case D_OP_POSTINC:
		return "post++";
	case D_OP_POSTDEC:
		return "post--";
	case D_OP_DEREF:
		return "deref";
	case D_OP_ADDROF:
		return "addr";
	default:
		return d_op_name(op);
	}
}

static void
dump(FILE *fp, const struct d_node *n)
{
	if (n == NULL) {
		fputs("nil", fp);
		return;
	}
	switch (n->kind) {
	case D_N_CLAUSE:
		fputs("(clause (probes", fp);
		dump_list(fp, n->u.clause.pdescs);
		fputc(')', fp);
		if (n->u.clause.pred != NULL) {
			fputs(" (pred ", fp);
			dump(fp, n->u.clause.pred);
			fputc(')', fp);
		}
		if (!n->u.clause.has_body)
			fputs(" nobody", fp);
		dump_list(fp, n->u.clause.stmts);
		fputc(')', fp);
		break;
	case D_N_PDESC:
		if (n->u.pdesc.by_id) {
			fprintf(fp, "#%llu", (unsigned long long)n->u.pdesc.id);
			break;
		}
		dump_str(fp, n->u.pdesc.text, strlen(n->u.pdesc.text));
		fprintf(fp, "=%s:%s:%s:%s", n->u.pdesc.pd.provider,
			n->u.pdesc.pd.module, n->u.pdesc.pd.function,
			n->u.pdesc.pd.name);
		break;
	case D_N_DECL:
		fputs("(decl ", fp);
		dump_spec(fp, n->u.decl.spec);
		dump_list(fp, n->u.decl.dtors);
		fputc(')', fp);
		break;
	case D_N_DECLARATOR:
		dump_dtor(fp, &n->u.dtor);
		break;
	case D_N_TYPENAME:
		dump_tname(fp, n);
		break;
	case D_N_MEMBER:
		fputs("(member ", fp);
		dump_dtor(fp, &n->u.member.dtor);
		if (n->u.member.bitwidth != NULL) {
			fputs(" : ", fp);
			dump(fp, n->u.member.bitwidth);
		}
		fputc(')', fp);
		break;
	case D_N_ENUMERATOR:
		fputs(n->u.enumerator.name, fp);
		if (n->u.enumerator.value != NULL) {
			fputc('=', fp);
			dump(fp, n->u.enumerator.value);
		}
		break;
	case D_N_PARAM:
		dump_spec_dtor(fp, "(param ", n->u.param.spec,
			       &n->u.param.dtor);
		fputc(')', fp);
		break;
	case D_N_INLINE:
		dump_spec_dtor(fp, "(inline ", n->u.inl.spec, &n->u.inl.dtor);
		fputs(" = ", fp);
		dump(fp, n->u.inl.expr);
		fputc(')', fp);
		break;
	case D_N_XLATOR:
		fputs("(translator ", fp);
		dump_tname(fp, n->u.xlator.out);
		fputc(' ', fp);
		dump(fp, n->u.xlator.in);
		dump_list(fp, n->u.xlator.members);
		fputc(')', fp);
		break;
	case D_N_XLMEMBER:
		fprintf(fp, "(%s = ", n->u.xlmember.name);
		dump(fp, n->u.xlmember.expr);
		fputc(')', fp);
		break;
	case D_N_PROVIDER:
		fprintf(fp, "(provider %s", n->u.provider.name);
		dump_list(fp, n->u.provider.probes);
		fputc(')', fp);
		break;
	case D_N_PROBEDECL:
		fprintf(fp, "(probe %s ", n->u.probedecl.name);
		dump_paren_list(fp, n->u.probedecl.params);
		if (n->u.probedecl.has_xparams) {
			fputs(" : ", fp);
			dump_paren_list(fp, n->u.probedecl.xparams);
		}
		fputc(')', fp);
		break;
	case D_N_EXPRSTMT:
		fputs("(expr ", fp);
		dump(fp, n->u.stmt.expr);
		fputc(')', fp);
		break;
	case D_N_IF:
		fputs("(if ", fp);
		dump(fp, n->u.ifs.cond);
		fputc(' ', fp);
		dump(fp, n->u.ifs.then_stmt);
		if (n->u.ifs.else_stmt != NULL) {
			fputc(' ', fp);
			dump(fp, n->u.ifs.else_stmt);
		}
		fputc(')', fp);
		break;
	case D_N_BLOCK:
		fputs("(block", fp);
		dump_list(fp, n->u.block.stmts);
		fputc(')', fp);
		break;
	case D_N_EMPTY:
		fputs("(empty)", fp);
		break;
	case D_N_INT:
		dump_int(fp, n);
		break;
	case D_N_CHAR:
		fprintf(fp, "(char 0x%llx %d)",
			(unsigned long long)n->u.c.value, n->u.c.nchars);
		break;
	case D_N_STRING:
		dump_str(fp, n->u.str.s, n->u.str.len);
		break;
	case D_N_IDENT:
		if (n->u.ident.scope == D_ID_SELF)
			fputs("self->", fp);
		else if (n->u.ident.scope == D_ID_THIS)
			fputs("this->", fp);
		fputs(n->u.ident.name, fp);
		break;
	case D_N_AGG:
		fprintf(fp, "@%s", n->u.agg.name);
		break;
	case D_N_UNARY:
		fprintf(fp, "(%s ", unary_name(n->u.unary.op));
		dump(fp, n->u.unary.e);
		fputc(')', fp);
		break;
	case D_N_BINARY:
	case D_N_ASSIGN:
		fprintf(fp, "(%s ", d_op_name(n->u.binary.op));
		dump(fp, n->u.binary.l);
		fputc(' ', fp);
		dump(fp, n->u.binary.r);
		fputc(')', fp);
		break;
	case D_N_COND:
		fputs("(? ", fp);
		dump(fp, n->u.cond.c);
		fputc(' ', fp);
		dump(fp, n->u.cond.t);
		fputc(' ', fp);
		dump(fp, n->u.cond.f);
		fputc(')', fp);
		break;
	case D_N_CALL:
		fputs("(call ", fp);
		if (n->u.call.name != NULL)
			fputs(n->u.call.name, fp);
		else
			dump(fp, n->u.call.fn);
		dump_list(fp, n->u.call.args);
		fputc(')', fp);
		break;
	case D_N_INDEX:
		fputs("([] ", fp);
		dump(fp, n->u.index.base);
		dump_list(fp, n->u.index.args);
		fputc(')', fp);
		break;
	case D_N_MEMBEROF:
		fprintf(fp, "(%s ", n->u.memberof.arrow ? "->" : ".");
		dump(fp, n->u.memberof.base);
		fprintf(fp, " %s)", n->u.memberof.name);
		break;
	case D_N_CAST:
	case D_N_XLATE:
		/* xlate<T>(e) shares the cast node's layout */
		fputs(n->kind == D_N_CAST ? "(cast " : "(xlate ", fp);
		dump_tname(fp, n->u.cast.tname);
		fputc(' ', fp);
		dump(fp, n->u.cast.e);
		fputc(')', fp);
		break;
	case D_N_SIZEOF_TYPE:
		fputs("(sizeof ", fp);
		dump_tname(fp, n->u.cast.tname);
		fputc(')', fp);
		break;
	case D_N_OFFSETOF:
		fputs("(offsetof ", fp);
		dump_tname(fp, n->u.offs.tname);
		fprintf(fp, " %s)", n->u.offs.member);
		break;
	default:
		fprintf(fp, "<%s>", d_node_kind_name(n->kind));
		break;
	}
}

void
d_ast_dump(FILE *fp, const struct d_node *n)
{
	for (; n != NULL; n = n->next) {
		dump(fp, n);
		fputc('\n', fp);
	}
}

void
d_ast_dump_prog(FILE *fp, const struct d_pcb *pcb)
{
	const struct d_pragma *pr;

	for (pr = pcb->pragmas; pr != NULL; pr = pr->next) {
		if (pr->value != NULL)
			fprintf(fp, "(pragma %s=%s line %d)\n", pr->name,
				pr->value, pr->line);
		else
			fprintf(fp, "(pragma %s line %d)\n", pr->name,
				pr->line);
	}
	for (pr = pcb->xpragmas; pr != NULL; pr = pr->next)
		fprintf(fp, "(pragma %s %s %s line %d)\n", pr->name, pr->value,
			pr->ident ? pr->ident : "-", pr->line);
	d_ast_dump(fp, pcb->prog);
}
