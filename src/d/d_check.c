/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D checker's expression half ("cook" in dtrace's words): identifiers
 * and their scopes (globals, self->, this->, associative arrays, inlines,
 * enumerators, built-in variables, macro-free probe arguments), C
 * declarations (types, struct/union/enum, typedefs, variables), and every
 * expression operator with C's typing and dtrace's rules and messages
 * (dt_parser.c's dt_cook_*, dt_ident.c's prototype checks).
 *
 * Cooking and lowering are one pass: each AST expression becomes a struct
 * cx carrying the VM node (vm_isa.h) with every implicit conversion made an
 * explicit VM_OP_CAST, pointer arithmetic scaled, constants folded, member
 * access resolved to offsets, and struct/pointer accesses expressed as
 * DEREF(ADD(pointer, offset)). Statements, actions and aggregations are in
 * d_cg.c.
 *
 * How the program encodes D (what the VM relies on beyond vm_isa.h):
 *  - p->m is DEREF(ADD(p, CONST off)) typed as the member; &e of such an
 *    lvalue is its address expression (the ISA has no address-of node).
 *    s.m on a D variable (or a struct value) is MEMBER(s, ival = offset).
 *  - Bit-fields are MEMBER nodes whose kid is the whole struct value (a
 *    D variable or DEREF of the struct pointer): ival is the byte offset
 *    of the storage unit, bitoff the bit offset inside it counted from
 *    the least significant bit (little endian), bitsize the width.
 *  - Scalar arrays declared in D (int a[5]) are VAR nodes of BYTES type;
 *    a[i] is INDEX(VAR, CAST(i to long)) with ival = number of elements
 *    (the VM checks the bound at run time).
 *  - Arrays read from memory decay to their address for [] and +.
 *  - STRINGOF converts a char array (BYTES) or a pointer (read as a
 *    string at that address) to a string; implicit char array/char
 *    pointer to string conversions use it too (assignments, "const char *"
 *    parameters of subroutines, printf %s arguments).
 *  - "string + n" is lowered as CALL substr(string, n).
 *  - Comparisons of pointers cast both kids to one PTR type; of strings
 *    compare STRING kids.
 *  - Compound assignments (x += e) are ASSIGN(x, OP(x, e)) with the lvalue
 *    node shared (the tree is a DAG there: keys of a[k] += 1 are
 *    evaluated twice).
 *  - args[N] and argN are ARG(CONST N) typed as the probe's argument (or
 *    int64_t); uregs[N] is BUILTIN(VM_BI_UREGS, CONST N).
 *  - stack()/ustack()/jstack() values are CALL nodes (VM_SUB_STACK...)
 *    of VM_T_STACK type whose type.size is the frame count;
 *    sym()/func()/mod()/usym()/ufunc()/umod()/uaddr() values are CALL
 *    nodes of VM_T_SYM type (symkind says which).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/htab.h"
#include "d/d_cc.h"

#define MAX_DEPTH 1000

/* The largest variable (struct or array value) the VM holds: its
   VM_MAX_OBJ, where a bigger object is an illegal operation. */
#define D_MAX_VAR_SIZE (1u << 20)

/* --- Errors ----------------------------------------------------------- */

static __attribute__((noreturn, format(printf, 4, 0))) void
cc_verr(struct d_cc *cc, int line, const char *tag, const char *fmt, va_list ap)
{
	size_t n;

	if (!cc->failed) {
		size_t off = 0;

		cc->failed = 1;
		snprintf(cc->etag, sizeof(cc->etag), "%s", tag);
		cc->eline = line;
		/*
		 * dtrace prints "line N: " for files and, for probe
		 * specifiers (-n/-P/-m/-f), the region being cooked instead
		 * ("in action list: "); the session adds the line.
		 */
		if (cc->unit_kind != D_CC_SCRIPT && cc->region != NULL &&
		    !cc->cgphase) {
			snprintf(cc->emsg, sizeof(cc->emsg),
				 "in %s: ", cc->region);
			off = strlen(cc->emsg);
		}
		vsnprintf(cc->emsg + off, sizeof(cc->emsg) - off, fmt, ap);
		n = strlen(cc->emsg);
		if (n > 0 && cc->emsg[n - 1] == '\n')
			cc->emsg[n - 1] = '\0';
	}
	longjmp(*cc->jb, 1);
}

void
d_cc_err(struct d_cc *cc, int line, enum d_errtag tag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cc_verr(cc, line, d_errtag_name(tag), fmt, ap);
	va_end(ap);
}

void
d_cc_err_tag(struct d_cc *cc, int line, const char *tag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cc_verr(cc, line, tag, fmt, ap);
	va_end(ap);
}

/* --- Helpers ---------------------------------------------------------- */

void
d_cc_vec_push(struct d_cc *cc, void ***v, uint32_t *n, uint32_t *cap, void *e)
{
	if (*n == *cap) {
		uint32_t nc = *cap ? *cap * 2 : 16;
		void **nv = d_arena_alloc(cc->arena, nc * sizeof(void *));

		if (*n)
			memcpy(nv, *v, *n * sizeof(void *));
		*v = nv;
		*cap = nc;
	}
	(*v)[(*n)++] = e;
}

struct vm_node *
d_cc_node(struct d_cc *cc, int op, int line, struct d_type *t, int nkids)
{
	struct vm_node *n = d_arena_alloc(cc->arena, sizeof(*n));

	n->op = (uint16_t)op;
	n->line = (uint32_t)(line > 0 ? line : 0);
	if (t != NULL)
		n->type = d_type_vm(cc->ty, t);
	n->nkids = (uint16_t)nkids;
	if (nkids > 0)
		n->kids = d_arena_alloc(cc->arena,
					(size_t)nkids * sizeof(*n->kids));
	return n;
}

struct cx *
d_cc_cx(struct d_cc *cc, struct vm_node *n, struct d_type *t, int line)
{
	struct cx *e = d_arena_alloc(cc->arena, sizeof(*e));

	e->n = n;
	e->t = t;
	e->line = line;
	return e;
}

static int64_t
trunc_val(int64_t v, struct d_type *t)
{
	uint64_t sz = d_type_size(t);
	int sg = d_type_is_signed(t);

	if (sz >= 8 || sz == 0)
		return v;
	if (sg) {
		int sh = 64 - (int)sz * 8;

		return (int64_t)((uint64_t)v << sh) >> sh;
	}
	return (int64_t)((uint64_t)v & ((1ULL << (sz * 8)) - 1));
}

struct cx *
d_cc_const(struct d_cc *cc, int64_t v, struct d_type *t, int line)
{
	struct vm_node *n = d_cc_node(cc, VM_OP_CONST, line, t, 0);
	struct cx *e;

	v = trunc_val(v, t);
	n->ival = v;
	e = d_cc_cx(cc, n, t, line);
	e->fl = CX_CONST;
	e->val = v;
	return e;
}

static struct cx *
strlit(struct d_cc *cc, const char *s, int line)
{
	struct vm_node *n =
		d_cc_node(cc, VM_OP_STRCONST, line, cc->ty->t_string, 0);
	struct cx *e;

	n->sval = d_arena_strdup(cc->arena, s);
	e = d_cc_cx(cc, n, cc->ty->t_string, line);
	e->fl = CX_STRLIT;
	e->str = n->sval;
	return e;
}

static int
vm_same(const struct vm_type *a, const struct vm_type *b)
{
	return a->kind == b->kind && a->size == b->size &&
	       (a->kind != VM_T_INT || a->is_signed == b->is_signed);
}

/* Wraps e in a STRINGOF: a char array or pointer read as a string. */
static struct cx *
to_string(struct d_cc *cc, struct cx *e)
{
	struct vm_node *n;
	struct cx *r;

	if (d_type_is_string(e->t))
		return e;
	n = d_cc_node(cc, VM_OP_STRINGOF, e->line, cc->ty->t_string, 1);
	n->kids[0] = e->n;
	r = d_cc_cx(cc, n, cc->ty->t_string, e->line);
	return r;
}

/*
 * The implicit conversion of e to type `to` (assignment, argument passing,
 * promotion): folds constants, inserts VM_OP_CAST where the VM's view of
 * the value changes, reads char arrays/pointers as strings.
 */
struct cx *
d_cc_conv(struct d_cc *cc, struct cx *e, struct d_type *to)
{
	struct vm_type vt;
	struct vm_node *n;
	struct cx *r;

	if (to == NULL || e->t == to)
		return e;
	if (d_type_is_string(to)) {
		if (d_type_is_string(e->t))
			return e;
		if (d_type_is_strcompat(e->t) || d_type_is_pointer(e->t))
			return to_string(cc, e);
		return e;
	}
	if (!d_type_is_integer(to) && !d_type_is_pointer(to))
		return e;
	if (!d_type_is_integer(e->t) && !d_type_is_pointer(e->t))
		return e;
	if ((e->fl & CX_CONST) &&
	    (d_type_is_integer(to) || d_type_is_integer(e->t))) {
		r = d_cc_const(cc, e->val, to, e->line);
		return r;
	}
	vt = d_type_vm(cc->ty, to);
	if (vm_same(&vt, &e->n->type)) {
		r = d_cc_cx(cc, e->n, to, e->line);
		r->fl = e->fl & CX_CONST;
		r->val = e->val;
		return r;
	}
	n = d_cc_node(cc, VM_OP_CAST, e->line, to, 1);
	n->kids[0] = e->n;
	r = d_cc_cx(cc, n, to, e->line);
	return r;
}

const char *
d_cc_tname(struct d_cc *cc, struct cx *e)
{
	char buf[256];

	/* dt_node_type_name(): a dynamic node names its identifier's kind
	   (dt_idkind_name()) */
	if (e->fl & CX_AGG)
		return "aggregation";
	if ((e->fl & CX_ACT) && e->fn != NULL && d_type_is_dynamic(e->t))
		return e->fn->kind == D_FK_AGG ? "aggregating function" :
						 "tracing function";
	return d_arena_strdup(cc->arena, d_type_name(e->t, buf, sizeof(buf)));
}

static const char *
tn(struct d_cc *cc, struct d_type *t)
{
	return d_type_aname(cc->ty, t);
}

/* --- Function table (dt_open.c's _dtrace_globals) --------------------- */

static const struct d_subr subrs[] = {
	{ "alloca", D_FK_FUNC, 0, VM_SUB_ALLOCA, "void *(size_t)" },
	{ "avg", D_FK_AGG, 0, VM_AGG_AVG, "void(@)" },
	{ "basename", D_FK_FUNC, 0, VM_SUB_BASENAME, "string(const char *)" },
	{ "bcopy", D_FK_FUNC, 0, VM_SUB_BCOPY, "void(void *, void *, size_t)" },
	{ "breakpoint", D_FK_ACT, 1, VM_ACT_BREAKPOINT, "void()" },
	{ "chill", D_FK_ACT, 1, VM_ACT_CHILL, "void(int)" },
	{ "cleanpath", D_FK_FUNC, 0, VM_SUB_CLEANPATH, "string(const char *)" },
	{ "clear", D_FK_ACT, 0, VM_ACT_CLEAR, "void(@)" },
	{ "commit", D_FK_ACT, 0, VM_ACT_COMMIT, "void(int)" },
	{ "copyin", D_FK_FUNC, 0, VM_SUB_COPYIN, "void *(uintptr_t, size_t)" },
	{ "copyinstr", D_FK_FUNC, 0, VM_SUB_COPYINSTR,
	  "string(uintptr_t, [size_t])" },
	{ "copyinto", D_FK_FUNC, 0, VM_SUB_COPYINTO,
	  "void(uintptr_t, size_t, void *)" },
	{ "copyout", D_FK_FUNC, 1, VM_SUB_COPYOUT,
	  "void(void *, uintptr_t, size_t)" },
	{ "copyoutstr", D_FK_FUNC, 1, VM_SUB_COPYOUTSTR,
	  "void(char *, uintptr_t, size_t)" },
	{ "count", D_FK_AGG, 0, VM_AGG_COUNT, "void()" },
	{ "d_path", D_FK_KERNEL, 0, 0, NULL },
	{ "ddi_pathname", D_FK_KERNEL, 0, 0, NULL },
	{ "denormalize", D_FK_ACT, 0, VM_ACT_DENORMALIZE, "void(@)" },
	{ "dirname", D_FK_FUNC, 0, VM_SUB_DIRNAME, "string(const char *)" },
	{ "discard", D_FK_ACT, 0, VM_ACT_DISCARD, "void(int)" },
	{ "exit", D_FK_ACT, 0, VM_ACT_EXIT, "void(int)" },
	{ "freopen", D_FK_ACT, 1, VM_ACT_FREOPEN, "void(@, ...)" },
	{ "ftruncate", D_FK_ACT, 0, VM_ACT_FTRUNCATE, "void()" },
	{ "func", D_FK_ACT, 0, D_SA_FUNC, "_symaddr(uintptr_t)" },
	{ "getmajor", D_FK_KERNEL, 0, 0, NULL },
	{ "getminor", D_FK_KERNEL, 0, 0, NULL },
	{ "htonl", D_FK_FUNC, 0, VM_SUB_HTONL, "uint32_t(uint32_t)" },
	{ "htonll", D_FK_FUNC, 0, VM_SUB_HTONLL, "uint64_t(uint64_t)" },
	{ "htons", D_FK_FUNC, 0, VM_SUB_HTONS, "uint16_t(uint16_t)" },
	{ "index", D_FK_FUNC, 0, VM_SUB_INDEX,
	  "int(const char *, const char *, [int])" },
	{ "inet_ntoa", D_FK_FUNC, 0, VM_SUB_INET_NTOA, "string(ipaddr_t *)" },
	{ "inet_ntoa6", D_FK_FUNC, 0, VM_SUB_INET_NTOA6,
	  "string(struct in6_addr *)" },
	{ "inet_ntop", D_FK_FUNC, 0, VM_SUB_INET_NTOP, "string(int, void *)" },
	{ "jstack", D_FK_ACT, 0, VM_ACT_JSTACK,
	  "stack([uint32_t], [uint32_t])" },
	{ "link_ntop", D_FK_KERNEL, 0, 0, NULL },
	{ "llquantize", D_FK_AGG, 0, VM_AGG_LLQUANTIZE,
	  "void(@, int32_t, int32_t, int32_t, int32_t, ...)" },
	{ "lltostr", D_FK_FUNC, 0, VM_SUB_LLTOSTR, "string(int64_t, [int])" },
	{ "lquantize", D_FK_AGG, 0, VM_AGG_LQUANTIZE,
	  "void(@, int32_t, int32_t, ...)" },
	{ "max", D_FK_AGG, 0, VM_AGG_MAX, "void(@)" },
	{ "min", D_FK_AGG, 0, VM_AGG_MIN, "void(@)" },
	{ "mod", D_FK_ACT, 0, D_SA_MOD, "_symaddr(uintptr_t)" },
	{ "msgdsize", D_FK_KERNEL, 0, 0, NULL },
	{ "msgsize", D_FK_KERNEL, 0, 0, NULL },
	{ "mutex_owned", D_FK_KERNEL, 0, 0, NULL },
	{ "mutex_owner", D_FK_KERNEL, 0, 0, NULL },
	{ "mutex_type_adaptive", D_FK_KERNEL, 0, 0, NULL },
	{ "mutex_type_spin", D_FK_KERNEL, 0, 0, NULL },
	{ "normalize", D_FK_ACT, 0, VM_ACT_NORMALIZE, "void(@, uint64_t)" },
	{ "ntohl", D_FK_FUNC, 0, VM_SUB_NTOHL, "uint32_t(uint32_t)" },
	{ "ntohll", D_FK_FUNC, 0, VM_SUB_NTOHLL, "uint64_t(uint64_t)" },
	{ "ntohs", D_FK_FUNC, 0, VM_SUB_NTOHS, "uint16_t(uint16_t)" },
	{ "panic", D_FK_ACT, 1, VM_ACT_PANIC, "void()" },
	{ "pcap", D_FK_KERNEL, 0, 0, NULL },
	{ "print", D_FK_ACT, 0, VM_ACT_PRINT, "void(@)" },
	{ "printa", D_FK_ACT, 0, VM_ACT_PRINTA, "void(@, ...)" },
	{ "printf", D_FK_ACT, 0, VM_ACT_PRINTF, "void(string, ...)" },
	{ "progenyof", D_FK_FUNC, 0, VM_SUB_PROGENYOF, "int(pid_t)" },
	{ "quantize", D_FK_AGG, 0, VM_AGG_QUANTIZE, "void(@, ...)" },
	{ "raise", D_FK_ACT, 1, VM_ACT_RAISE, "void(int)" },
	{ "rand", D_FK_FUNC, 0, VM_SUB_RAND, "int()" },
	{ "rindex", D_FK_FUNC, 0, VM_SUB_RINDEX,
	  "int(const char *, const char *, [int])" },
	{ "rw_iswriter", D_FK_KERNEL, 0, 0, NULL },
	{ "rw_read_held", D_FK_KERNEL, 0, 0, NULL },
	{ "rw_write_held", D_FK_KERNEL, 0, 0, NULL },
	{ "setopt", D_FK_ACT, 0, VM_ACT_SETOPT,
	  "void(const char *, [const char *])" },
	{ "speculate", D_FK_ACT, 0, VM_ACT_SPECULATE, "void(int)" },
	{ "speculation", D_FK_FUNC, 0, VM_SUB_SPECULATION, "int()" },
	{ "stack", D_FK_ACT, 0, VM_ACT_STACK, "stack([uint32_t])" },
	{ "stddev", D_FK_AGG, 0, VM_AGG_STDDEV, "void(@)" },
	{ "stop", D_FK_ACT, 1, VM_ACT_STOP, "void()" },
	{ "strchr", D_FK_FUNC, 0, VM_SUB_STRCHR, "string(const char *, char)" },
	{ "strjoin", D_FK_FUNC, 0, VM_SUB_STRJOIN,
	  "string(const char *, const char *)" },
	{ "strlen", D_FK_FUNC, 0, VM_SUB_STRLEN, "size_t(const char *)" },
	{ "strrchr", D_FK_FUNC, 0, VM_SUB_STRRCHR,
	  "string(const char *, char)" },
	{ "strstr", D_FK_FUNC, 0, VM_SUB_STRSTR,
	  "string(const char *, const char *)" },
	{ "strtok", D_FK_FUNC, 0, VM_SUB_STRTOK,
	  "string(const char *, const char *)" },
	{ "strtoll", D_FK_FUNC, 0, VM_SUB_STRTOLL,
	  "int64_t(const char *, [int])" },
	{ "substr", D_FK_FUNC, 0, VM_SUB_SUBSTR,
	  "string(const char *, int, [int])" },
	{ "sum", D_FK_AGG, 0, VM_AGG_SUM, "void(@)" },
	{ "sym", D_FK_ACT, 0, D_SA_SYM, "_symaddr(uintptr_t)" },
	/* udtrace's fault injection (vm.h's sc_override) */
	{ "syscall_fail", D_FK_ACT, 1, VM_ACT_SYSCALL_FAIL, "void(int)" },
	{ "syscall_return", D_FK_ACT, 1, VM_ACT_SYSCALL_RETURN,
	  "void(int64_t)" },
	{ "system", D_FK_ACT, 1, VM_ACT_SYSTEM, "void(@, ...)" },
	{ "tolower", D_FK_FUNC, 0, VM_SUB_TOLOWER, "string(const char *)" },
	{ "toupper", D_FK_FUNC, 0, VM_SUB_TOUPPER, "string(const char *)" },
	{ "trace", D_FK_ACT, 0, VM_ACT_TRACE, "void(@)" },
	{ "tracemem", D_FK_ACT, 0, VM_ACT_TRACEMEM,
	  "void(@, size_t, [size_t])" },
	{ "trunc", D_FK_ACT, 0, VM_ACT_TRUNC, "void(@, [uint64_t])" },
	{ "uaddr", D_FK_ACT, 0, D_SA_UADDR, "_usymaddr(uintptr_t)" },
	{ "ufunc", D_FK_ACT, 0, D_SA_UFUNC, "_usymaddr(uintptr_t)" },
	{ "umod", D_FK_ACT, 0, D_SA_UMOD, "_usymaddr(uintptr_t)" },
	{ "ustack", D_FK_ACT, 0, VM_ACT_USTACK,
	  "stack([uint32_t], [uint32_t])" },
	{ "usym", D_FK_ACT, 0, D_SA_USYM, "_usymaddr(uintptr_t)" },
};

const struct d_subr *
d_cc_subr_lookup(const char *name)
{
	size_t lo = 0, hi = sizeof(subrs) / sizeof(subrs[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, subrs[mid].name);

		if (c == 0)
			return &subrs[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* --- Built-in variables ---------------------------------------------- */

static const struct {
	const char *name;
	int bi;
	const char *type;
} builtins[] = {
	{ "caller", VM_BI_CALLER, "uintptr_t" },
	{ "cpu", VM_BI_CPU, "processorid_t" },
	/* typed by the prelude's translated structs (d.h): without them,
	   an error (cook_ident) */
	{ "curlwpsinfo", VM_BI_CURLWPSINFO, "lwpsinfo_t *" },
	{ "curpsinfo", VM_BI_CURPSINFO, "psinfo_t *" },
	{ "curthread", VM_BI_CURTHREAD, "void *" },
	{ "cwd", VM_BI_CWD, "string" },
	{ "epid", VM_BI_EPID, "uint_t" },
	{ "errno", VM_BI_ERRNO, "int" },
	{ "execargs", VM_BI_EXECARGS, "string" },
	{ "execname", VM_BI_EXECNAME, "string" },
	{ "gid", VM_BI_GID, "gid_t" },
	{ "id", VM_BI_ID, "uint_t" },
	{ "ipl", VM_BI_IPL, "uint_t" },
	{ "pid", VM_BI_PID, "pid_t" },
	{ "ppid", VM_BI_PPID, "pid_t" },
	{ "probefunc", VM_BI_PROBEFUNC, "string" },
	{ "probemod", VM_BI_PROBEMOD, "string" },
	{ "probename", VM_BI_PROBENAME, "string" },
	{ "probeprov", VM_BI_PROBEPROV, "string" },
	{ "root", VM_BI_ROOT, "string" },
	{ "stackdepth", VM_BI_STACKDEPTH, "uint32_t" },
	{ "tid", VM_BI_TID, "id_t" },
	{ "timestamp", VM_BI_TIMESTAMP, "uint64_t" },
	{ "ucaller", VM_BI_UCALLER, "uint64_t" },
	{ "uid", VM_BI_UID, "uid_t" },
	{ "ustackdepth", VM_BI_USTACKDEPTH, "uint32_t" },
	{ "vtimestamp", VM_BI_VTIMESTAMP, "uint64_t" },
	{ "walltimestamp", VM_BI_WALLTIMESTAMP, "int64_t" },
};

static int
builtin_idx(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
is_argn(const char *name)
{
	return strncmp(name, "arg", 3) == 0 && name[3] >= '0' &&
	       name[3] <= '9' && name[4] == '\0';
}

/* Any name dtrace reserves for a built-in identifier. */
static int
is_reserved(const char *name)
{
	return builtin_idx(name) >= 0 || is_argn(name) ||
	       strcmp(name, "args") == 0 || strcmp(name, "uregs") == 0 ||
	       strcmp(name, "self") == 0 || strcmp(name, "this") == 0 ||
	       d_cc_subr_lookup(name) != NULL;
}

/* --- Variables -------------------------------------------------------- */

static struct htab *
scope_tab(struct d_cc *cc, int scope)
{
	return scope == VM_SCOPE_TLS	? cc->tls :
	       scope == VM_SCOPE_CLAUSE ? cc->locals :
					  cc->globals;
}

static struct d_var *
var_lookup(struct d_cc *cc, int scope, const char *name)
{
	return htab_get(scope_tab(cc, scope), name, strlen(name));
}

static struct d_var *
var_create(struct d_cc *cc, int scope, const char *name, int kind, int line)
{
	struct d_var *v = d_arena_alloc(cc->arena, sizeof(*v));
	struct vm_vardesc *vd;

	v->name = d_arena_strdup(cc->arena, name);
	v->scope = (uint8_t)scope;
	v->kind = (uint8_t)kind;
	v->line = line;
	if (kind != D_VK_INLINE) {
		vd = d_arena_alloc(cc->arena, sizeof(*vd));
		vd->name = v->name;
		vd->scope = (uint8_t)scope;
		vd->is_assoc = kind == D_VK_ASSOC;
		vd->id = cc->nvars;
		vd->line = (uint32_t)(line > 0 ? line : 0);
		v->id = vd->id;
		v->vd = vd;
		d_cc_vec_push(cc, (void ***)&cc->vars, &cc->nvars, &cc->capvars,
			      vd);
	}
	htab_put(scope_tab(cc, scope), v->name, strlen(v->name), v);
	return v;
}

static void
var_settype(struct d_cc *cc, struct d_var *v, struct d_type *t)
{
	v->type = t;
	if (v->vd != NULL)
		v->vd->type = d_type_vm(cc->ty, t);
}

static void
var_setkeys(struct d_cc *cc, struct d_var *v, struct d_type **k, uint32_t n)
{
	uint32_t i;

	v->keys = k;
	v->nkeys = n;
	v->keys_set = 1;
	if (v->vd != NULL) {
		v->vd->keys = d_arena_alloc(
			cc->arena, (n ? n : 1) * sizeof(struct vm_type));
		for (i = 0; i < n; i++)
			v->vd->keys[i] = d_type_vm(cc->ty, k[i]);
		v->vd->nkeys = n;
	}
}

static const char *
scope_prefix(int scope)
{
	return scope == VM_SCOPE_TLS	? "self->" :
	       scope == VM_SCOPE_CLAUSE ? "this->" :
					  "";
}

static struct cx *
var_node(struct d_cc *cc, struct d_var *v, int line)
{
	struct vm_node *n = d_cc_node(cc, VM_OP_VAR, line, v->type, 0);
	struct cx *e;

	n->var.scope = v->scope;
	n->var.id = v->id;
	e = d_cc_cx(cc, n, v->type, line);
	e->fl = CX_VAR | CX_LVAL | CX_WRITE;
	e->var = v;
	return e;
}

/* --- Aggregations ---------------------------------------------------- */

struct d_agg *
d_cc_agg_get(struct d_cc *cc, const char *name, int line)
{
	struct d_agg *a = htab_get(cc->aggtab, name, strlen(name));

	if (a != NULL)
		return a;
	a = d_arena_alloc(cc->arena, sizeof(*a));
	a->name = d_arena_strdup(cc->arena, name);
	a->id = cc->naggs;
	a->line = line;
	a->ad = d_arena_alloc(cc->arena, sizeof(*a->ad));
	a->ad->name = strcmp(a->name, "_") == 0 ? "" : a->name;
	a->ad->id = a->id;
	a->ad->line = (uint32_t)(line > 0 ? line : 0);
	d_cc_vec_push(cc, (void ***)&cc->aggs, &cc->naggs, &cc->capaggs, a);
	htab_put(cc->aggtab, a->name, strlen(a->name), a);
	return a;
}

/* --- Types from declarations ----------------------------------------- */

static struct d_type *base_type(struct d_cc *cc, struct d_declspec *ds,
				int line);
static int64_t const_int(struct d_cc *cc, struct d_node *n, enum d_errtag tag,
			 const char *msg);

static struct d_type *
sou_body(struct d_cc *cc, struct d_type *sou, struct d_node *mem, int line)
{
	struct d_node *m;
	uint32_t n = 0, i = 0;
	struct d_member *mm;

	if (sou->complete && sou->nmembers > 0)
		d_cc_err(cc, line, D_DECL_TYPERED, "type redeclared: %s\n",
			 tn(cc, sou));
	for (m = mem; m != NULL; m = m->next)
		n++;
	mm = d_arena_alloc(cc->arena, (n ? n : 1) * sizeof(*mm));
	/* dt_decl_member()'s checks, in its order */
	for (m = mem; m != NULL; m = m->next) {
		struct d_type *mt;
		uint32_t j;
		struct d_declarator dd = m->u.member.dtor;
		struct d_node tnode;
		const char *idname = dd.name ? dd.name : "(anon)";
		int64_t w = 0;

		if (dd.name == NULL && m->u.member.bitwidth == NULL &&
		    !(m->u.member.spec != NULL &&
		      (m->u.member.spec->base == D_BT_STRUCT ||
		       m->u.member.spec->base == D_BT_UNION)))
			d_cc_err(cc, m->line, D_DECL_MNAME,
				 "member declaration requires a name\n");
		memset(&tnode, 0, sizeof(tnode));
		tnode.kind = D_N_TYPENAME;
		tnode.line = m->line;
		tnode.u.tname.spec = m->u.member.spec;
		tnode.u.tname.dtor = dd;
		mt = d_cc_typename(cc, &tnode);
		if (dd.name != NULL && strchr(dd.name, '`') != NULL)
			d_cc_err(cc, m->line, D_DECL_SCOPE,
				 "D scoping operator may not be used in a "
				 "member name (%s)\n",
				 dd.name);
		if (d_type_is_sou(mt) && !d_type_resolve(mt)->complete)
			d_cc_err(cc, m->line, D_DECL_INCOMPLETE,
				 "incomplete struct/union/enum %s: %s\n",
				 tn(cc, mt), dd.name ? dd.name : "(null)");
		if (d_type_is_void(mt) || d_type_is_func(mt) ||
		    d_type_size(mt) == 0)
			d_cc_err(cc, m->line, D_DECL_VOIDOBJ,
				 "cannot have void member: %s\n",
				 dd.name ? dd.name : "(null)");
		if (m->u.member.bitwidth != NULL) {
			struct cx *e = d_cc_expr(cc, m->u.member.bitwidth);

			/* an unnamed zero-width bit-field only ends a
			   storage unit, and dtrace drops it */
			if (dd.name == NULL && (e->fl & CX_CONST) &&
			    e->val == 0)
				continue;
			if (!(e->fl & CX_CONST) || e->val <= 0)
				d_cc_err(cc, m->line, D_DECL_BFCONST,
					 "positive integral constant "
					 "expression expected as bit-field "
					 "size\n");
			w = e->val;
			if (!d_type_is_integer(mt))
				d_cc_err(cc, m->line, D_DECL_BFTYPE,
					 "invalid type for bit-field: %s\n",
					 idname);
			if ((uint64_t)w > d_type_size(mt) * 8)
				d_cc_err(cc, m->line, D_DECL_BFSIZE,
					 "bit-field too big for type: %s\n",
					 idname);
		}
		for (j = 0; j < i; j++)
			if (mm[j].name && dd.name &&
			    strcmp(mm[j].name, dd.name) == 0)
				d_cc_err(cc, m->line, D_UNKNOWN,
					 "failed to define member '%s': "
					 "Duplicate member or variable name\n",
					 dd.name);
		mm[i].name =
			dd.name ? d_arena_strdup(cc->arena, dd.name) : NULL;
		mm[i].type = mt;
		mm[i].bitsize = (uint16_t)w;
		i++;
	}
	n = i;
	for (i = 0; i < n; i++)
		if (d_type_size(mm[i].type) > INT32_MAX)
			d_cc_err(cc, line, D_TYPE_ERR, "%s is too big\n",
				 tn(cc, sou));
	d_type_layout(cc->ty, sou, mm, n);
	if (sou->size > INT32_MAX)
		d_cc_err(cc, line, D_TYPE_ERR, "%s is too big\n", tn(cc, sou));
	return sou;
}

static void
enum_body(struct d_cc *cc, struct d_type *et, struct d_node *en, int line)
{
	struct d_node *e;
	int64_t next = 0;
	uint32_t n = 0, i = 0;

	if (et->complete && et->nenums > 0)
		d_cc_err(cc, line, D_DECL_TYPERED, "type redeclared: %s\n",
			 tn(cc, et));
	for (e = en; e != NULL; e = e->next)
		n++;
	et->enums = d_arena_alloc(cc->arena, (n ? n : 1) * sizeof(*et->enums));
	for (e = en; e != NULL; e = e->next, i++) {
		const char *nm = e->u.enumerator.name;
		struct d_enumer_ref *ref;

		if (strchr(nm, '`') != NULL)
			d_cc_err(cc, e->line, D_DECL_SCOPE,
				 "D scoping operator may not be used in an "
				 "enumerator name (%s)\n",
				 nm);
		if (e->u.enumerator.value != NULL)
			next = const_int(cc, e->u.enumerator.value,
					 D_DECL_ENCONST,
					 "enumerator value must be an integer "
					 "constant expression");
		if (next < INT32_MIN || next > INT32_MAX)
			d_cc_err(
				cc, e->line, D_DECL_ENOFLOW,
				"enumerator '%s' value overflows INT_MAX (%d)\n",
				nm, INT32_MAX);
		d_lib_shadow(cc, nm);
		if (htab_get(cc->ty->enumers, nm, strlen(nm)) != NULL ||
		    var_lookup(cc, VM_SCOPE_GLOBAL, nm) != NULL ||
		    is_reserved(nm))
			d_cc_err(cc, e->line, D_DECL_IDRED,
				 "identifier redeclared: %s\n", nm);
		et->enums[i].name = d_arena_strdup(cc->arena, nm);
		et->enums[i].value = next;
		ref = d_arena_alloc(cc->arena, sizeof(*ref));
		ref->type = et;
		ref->value = next;
		ref->name = et->enums[i].name;
		htab_put(cc->ty->enumers, ref->name, strlen(ref->name), ref);
		next++;
	}
	et->nenums = n;
	et->complete = 1;
}

static struct d_type *
base_type(struct d_cc *cc, struct d_declspec *ds, int line)
{
	struct d_types *T = cc->ty;
	struct d_type *t = NULL;
	const char *nm;

	switch (ds->base) {
	case D_BT_NONE:
	case D_BT_INT:
		t = T->t_int;
		break;
	case D_BT_VOID:
		t = T->t_void;
		break;
	case D_BT_CHAR:
		t = T->t_char;
		break;
	case D_BT_SCHAR:
		t = d_type_lookup(T, "signed char");
		break;
	case D_BT_UCHAR:
		t = d_type_lookup(T, "unsigned char");
		break;
	case D_BT_SHORT:
		t = d_type_lookup(T, "short");
		break;
	case D_BT_USHORT:
		t = d_type_lookup(T, "unsigned short");
		break;
	case D_BT_UINT:
		t = T->t_uint;
		break;
	case D_BT_LONG:
		t = T->t_long;
		break;
	case D_BT_ULONG:
		t = T->t_ulong;
		break;
	case D_BT_LLONG:
		t = T->t_llong;
		break;
	case D_BT_ULLONG:
		t = T->t_ullong;
		break;
	case D_BT_FLOAT:
		t = d_type_lookup(T, "float");
		break;
	case D_BT_DOUBLE:
		t = d_type_lookup(T, "double");
		break;
	case D_BT_LDOUBLE:
		t = d_type_lookup(T, "long double");
		break;
	case D_BT_STRING:
		t = T->t_string;
		break;
	case D_BT_TYPEDEF:
		nm = ds->name ? ds->name : "";
		t = htab_get(T->names, nm, strlen(nm));
		if (t == NULL)
			d_cc_err(
				cc, line, D_TYPE_ERR,
				"failed to resolve type %s: Unknown type name\n",
				nm);
		break;
	case D_BT_STRUCT:
	case D_BT_UNION:
	case D_BT_ENUM: {
		int k = ds->base == D_BT_STRUCT ? D_T_STRUCT :
			ds->base == D_BT_UNION	? D_T_UNION :
						  D_T_ENUM;

		if (ds->name != NULL)
			t = d_type_tag(T, k, ds->name);
		else
			t = d_type_anon(T, k);
		if (ds->has_body && t->defsrc != ds) {
			t->defsrc = ds;
			if (k == D_T_ENUM)
				enum_body(cc, t, ds->members, line);
			else
				sou_body(cc, t, ds->members, line);
		}
		break;
	}
	default:
		t = T->t_int;
		break;
	}
	if (t == NULL)
		t = T->t_int;
	if (ds->quals & D_TQ_CONST)
		t = d_type_const(T, t);
	return t;
}

static struct d_type *
apply_deriv(struct d_cc *cc, struct d_type *t, struct d_deriv *d, int line,
	    struct d_node **assoc_out)
{
	struct d_types *T = cc->ty;

	for (; d != NULL; d = d->next) {
		switch (d->kind) {
		case D_DV_POINTER:
			if (d_type_is_string(t))
				d_cc_err(cc, line, D_DECL_COMBO,
					 "invalid type "
					 "combination: pointer to string\n");
			t = d_type_ptr(T, t);
			if (d->quals & D_TQ_CONST)
				t = d_type_const(T, t);
			break;
		case D_DV_ARRAY:
			if (d->assoc != NULL) {
				if (assoc_out == NULL)
					d_cc_err(cc, line, D_DECL_ARRSUB,
						 "associative array may not be "
						 "used here\n");
				*assoc_out = d->assoc;
				break;
			}
			if (d->dim == NULL) {
				t = d_type_array(T, t, 0);
			} else {
				int64_t n = const_int(cc, d->dim, D_DECL_ARRSUB,
						      "positive integral "
						      "constant expression "
						      "or tuple signature "
						      "expected as array "
						      "declaration subscript");

				if (n <= 0)
					d_cc_err(
						cc, line, D_DECL_ARRSUB,
						"positive integral constant "
						"expression or tuple signature "
						"expected as array declaration "
						"subscript\n");
				if (n > INT32_MAX)
					d_cc_err(cc, line, D_DECL_ARRBIG,
						 "array dimension too big\n");
				t = d_type_array(T, t, (uint64_t)n);
				if (d_type_size(t) > INT32_MAX)
					d_cc_err(cc, line, D_DECL_ARRBIG,
						 "array dimension too big\n");
			}
			break;
		case D_DV_FUNC: {
			struct d_type *f = d_arena_alloc(cc->arena, sizeof(*f));
			struct d_node *p;
			uint32_t np = 0, i = 0;

			f->kind = D_T_FUNC;
			f->ref = t;
			f->complete = 1;
			f->varargs = (uint8_t)d->varargs;
			for (p = d->params; p != NULL; p = p->next)
				np++;
			f->params = d_arena_alloc(
				cc->arena, (np ? np : 1) * sizeof(*f->params));
			for (p = d->params; p != NULL; p = p->next) {
				struct d_node tnode;

				memset(&tnode, 0, sizeof(tnode));
				tnode.kind = D_N_TYPENAME;
				tnode.line = p->line;
				tnode.u.tname.spec = p->u.param.spec;
				tnode.u.tname.dtor = p->u.param.dtor;
				f->params[i] = d_cc_typename(cc, &tnode);
				if (d_type_is_void(f->params[i]) && np == 1 &&
				    p->u.param.dtor.deriv == NULL) {
					np = 0;
					break;
				}
				i++;
			}
			f->nparams = np;
			t = f;
			break;
		}
		}
	}
	return t;
}

struct d_type *
d_cc_typename(struct d_cc *cc, struct d_node *tnn)
{
	struct d_type *t;

	if (tnn == NULL)
		return cc->ty->t_int;
	t = base_type(cc, tnn->u.tname.spec, tnn->line);
	return apply_deriv(cc, t, tnn->u.tname.dtor.deriv, tnn->line, NULL);
}

/* Integer constant expression (array sizes, bit widths, enumerators). */
static int64_t
const_int(struct d_cc *cc, struct d_node *n, enum d_errtag tag, const char *msg)
{
	struct cx *e = d_cc_expr(cc, n);

	if (!(e->fl & CX_CONST))
		d_cc_err(cc, n->line, tag, "%s\n", msg);
	return e->val;
}

/* A declaration: typedefs, struct/union/enum definitions, variables. */
void
d_cc_decl(struct d_cc *cc, struct d_node *dn)
{
	struct d_declspec *ds = dn->u.decl.spec;
	struct d_type *bt = base_type(cc, ds, dn->line);
	struct d_node *d;

	/* dt_node_decl()'s order: a useless declaration, a scoped name,
	   then the storage class */
	if (dn->u.decl.dtors == NULL) {
		if (ds->base != D_BT_STRUCT && ds->base != D_BT_UNION &&
		    ds->base != D_BT_ENUM)
			d_cc_err(cc, dn->line, D_DECL_USELESS,
				 "useless declaration\n");
		return;
	}
	for (d = dn->u.decl.dtors; d != NULL; d = d->next) {
		struct d_node *assoc = NULL;
		struct d_type *t;
		const char *name = d->u.dtor.name;
		int scope, kind;
		struct d_var *v;

		t = apply_deriv(cc, bt, d->u.dtor.deriv, d->line, &assoc);
		if (name != NULL && strchr(name, '`') != NULL)
			d_cc_err(cc, d->line, D_DECL_SCOPE,
				 "D scoping operator may not be used in a "
				 "declaration name (%s)\n",
				 name);
		if (ds->storage == D_SC_AUTO || ds->storage == D_SC_REGISTER ||
		    ds->storage == D_SC_STATIC)
			d_cc_err(cc, dn->line, D_DECL_BADCLASS,
				 "specified storage class not appropriate "
				 "in D\n");
		if (name == NULL)
			continue;
		/* a function prototype is an extern declaration of a symbol
		   (dt_node_decl()): no variable, no clash with built-ins */
		if (ds->storage != D_SC_TYPEDEF && d_type_is_func(t))
			continue;
		if (ds->storage == D_SC_TYPEDEF) {
			d_lib_shadow(cc, name);
			if (var_lookup(cc, VM_SCOPE_GLOBAL, name) != NULL ||
			    is_reserved(name) ||
			    htab_get(cc->ty->enumers, name, strlen(name)))
				d_cc_err(cc, d->line, D_DECL_IDRED,
					 "global variable identifier "
					 "redeclared: %s\n",
					 name);
			if (htab_get(cc->ty->names, name, strlen(name)) != NULL)
				d_cc_err(cc, d->line, D_DECL_IDRED,
					 "typedef redeclared: %s\n", name);
			d_type_typedef(cc->ty, name, t);
			d_cc_vec_push(cc, (void ***)&cc->tdnames, &cc->ntdnames,
				      &cc->captdnames,
				      d_arena_strdup(cc->arena, name));
			continue;
		}
		scope = ds->storage == D_SC_SELF ? VM_SCOPE_TLS :
			ds->storage == D_SC_THIS ? VM_SCOPE_CLAUSE :
						   VM_SCOPE_GLOBAL;
		kind = assoc ? D_VK_ASSOC : D_VK_SCALAR;
		/* dt_node_decl()'s order of checks */
		if (!assoc && d_type_resolve(t)->kind == D_T_ARRAY &&
		    d_type_resolve(t)->nelems == 0)
			d_cc_err(
				cc, d->line, D_DECL_ARRNULL,
				"array declaration requires array dimension or "
				"tuple signature: %s\n",
				name);
		if (scope == VM_SCOPE_GLOBAL && is_reserved(name))
			d_cc_err(cc, d->line, D_DECL_IDRED,
				 "built-in identifier redeclared: %s\n", name);
		if (htab_get(cc->ty->names, name, strlen(name)) != NULL)
			d_cc_err(cc, d->line, D_DECL_IDRED,
				 "typedef identifier redeclared: %s\n", name);
		if (assoc && scope == VM_SCOPE_CLAUSE)
			d_cc_err(cc, d->line, D_DECL_LOCASSC,
				 "associative arrays may not be declared as "
				 "local variables: %s\n",
				 name);
		if (scope == VM_SCOPE_GLOBAL)
			d_lib_shadow(cc, name);
		v = var_lookup(cc, scope, name);
		if (v == NULL && d_type_is_void(t))
			d_cc_err(cc, d->line, D_DECL_VOIDOBJ,
				 "cannot have void object: %s\n", name);
		if (v == NULL && d_type_is_sou(t) &&
		    !d_type_resolve(t)->complete)
			d_cc_err(cc, d->line, D_DECL_INCOMPLETE,
				 "incomplete struct/union/enum %s: %s\n",
				 tn(cc, t), name);
		if (v == NULL && d_type_size(t) > D_MAX_VAR_SIZE)
			d_cc_err(cc, d->line, D_DECL_ARRBIG,
				 "variable too big (%llu bytes; at most %u): "
				 "%s\n",
				 (unsigned long long)d_type_size(t),
				 D_MAX_VAR_SIZE, name);
		if (v != NULL) {
			/* dtrace compares an inline as the scalar it is:
			   "inline int x = 1; int x;" is no error */
			if ((v->kind == D_VK_INLINE ? D_VK_SCALAR : v->kind) !=
				    kind ||
			    (v->type && !d_type_same(v->type, t)))
				d_cc_err(
					cc, d->line, D_DECL_IDRED,
					"identifier redeclared: %s\n"
					"\t current: %s %s\n\tprevious: %s %s\n",
					name,
					kind == D_VK_ASSOC ?
						"associative array" :
						"scalar",
					tn(cc, t),
					v->kind == D_VK_ASSOC ?
						"associative array" :
						"scalar",
					v->type ? tn(cc, v->type) :
						  "<unknown>");
			continue;
		}
		v = var_create(cc, scope, name, kind, d->line);
		v->declared = 1;
		var_settype(cc, v, t);
		if (assoc) {
			struct d_node *k;
			uint32_t nk = 0, i = 0;
			struct d_type **kt;

			for (k = assoc; k != NULL; k = k->next)
				nk++;
			kt = d_arena_alloc(cc->arena,
					   (nk ? nk : 1) * sizeof(*kt));
			for (k = assoc; k != NULL; k = k->next)
				kt[i++] = d_cc_typename(cc, k);
			var_setkeys(cc, v, kt, nk);
		}
	}
}

/*
 * How dtrace names an identifier of its global scope for a redefinition
 * message: dt_idkind_name() of its kind, then "inline" for inlines and
 * enumerators (DT_IDFLG_INLINE) or "". NULL when the name is free.
 */
static const char *
global_kind(struct d_cc *cc, const char *name)
{
	const struct d_subr *fn;
	struct d_var *v;

	if (htab_get(cc->ty->enumers, name, strlen(name)) != NULL)
		return "enumerator inline";
	v = var_lookup(cc, VM_SCOPE_GLOBAL, name);
	if (v != NULL)
		return v->kind == D_VK_INLINE ? "scalar inline" :
		       v->kind == D_VK_ASSOC  ? "associative array " :
						"scalar ";
	fn = d_cc_subr_lookup(name);
	if (fn != NULL)
		return fn->kind == D_FK_ACT ? "tracing function " :
		       fn->kind == D_FK_AGG ? "aggregating function " :
					      "function ";
	if (strcmp(name, "args") == 0 || strcmp(name, "uregs") == 0)
		return "associative array ";
	if (is_reserved(name))
		return "scalar ";
	return NULL;
}

/*
 * "#pragma D attributes ATTR NAME" and "#pragma D binding "V" NAME" apply
 * to an identifier of the global scope (dt_pragma_attributes()): one that
 * exists outside the program (a built-in) cannot be modified, and one the
 * unit never defines leaves the pragma unused (dt_idpragma()).
 */
void
d_cc_xpragmas(struct d_cc *cc, struct d_pragma *p)
{
	for (; p != NULL; p = p->next) {
		const char *id = p->ident;

		if (id == NULL || (p->kind != D_PRAGMA_ATTRIBUTES &&
				   p->kind != D_PRAGMA_BINDING))
			continue;
		if (is_reserved(id) || d_lib_defined(cc, id))
			d_cc_err(cc, p->line, D_PRAGMA_SCOPE,
				 "#pragma %s cannot modify entity defined "
				 "outside program scope\n",
				 p->name);
		if (var_lookup(cc, VM_SCOPE_GLOBAL, id) == NULL &&
		    htab_get(cc->ty->enumers, id, strlen(id)) == NULL)
			d_cc_err(cc, p->line, D_PRAGMA_UNUSED,
				 "unused #pragma %s\n", p->name);
	}
}

/*
 * dt_node_func() checks a call when the parser reduces it, before any
 * clause is cooked: the designator must be an identifier, known to the
 * global scope as it stands after parsing (built-ins, declared
 * variables, inlines, enumerators), and a function.
 */
static void
precheck_call(struct d_cc *cc, struct d_node *n)
{
	const char *name = n->u.call.name;
	const struct d_node *fn = n->u.call.fn;
	const char *kind = NULL;
	struct d_var *v;

	if (fn == NULL || fn->kind != D_N_IDENT ||
	    fn->u.ident.scope != D_ID_PLAIN || name == NULL)
		d_cc_err(cc, n->line, D_FUNC_IDENT,
			 "function designator is not of function type\n");
	if (d_cc_subr_lookup(name) != NULL)
		return;
	v = var_lookup(cc, VM_SCOPE_GLOBAL, name);
	if (v != NULL && (v->declared || v->kind == D_VK_INLINE))
		kind = v->kind == D_VK_ASSOC ? "associative array" : "scalar";
	else if (htab_get(cc->ty->enumers, name, strlen(name)) != NULL)
		kind = "enumerator";
	else if (strcmp(name, "args") == 0 || strcmp(name, "uregs") == 0)
		kind = "associative array";
	else if (is_reserved(name))
		kind = "scalar";
	if (kind != NULL)
		d_cc_err(cc, n->line, D_FUNC_IDKIND,
			 "%s '%s' may not be referenced as a "
			 "function\n",
			 kind, name);
	d_cc_err(cc, n->line, D_FUNC_UNDEF, "undefined function name: %s\n",
		 name);
}

static void precheck_list(struct d_cc *cc, struct d_node *n);

/* One node, its operands first, as the parser reduces them. */
static void
precheck_node(struct d_cc *cc, struct d_node *n)
{
	if (n == NULL)
		return;
	switch (n->kind) {
	case D_N_EXPRSTMT:
		precheck_node(cc, n->u.stmt.expr);
		break;
	case D_N_IF:
		precheck_node(cc, n->u.ifs.cond);
		precheck_node(cc, n->u.ifs.then_stmt);
		precheck_node(cc, n->u.ifs.else_stmt);
		break;
	case D_N_BLOCK:
		precheck_list(cc, n->u.block.stmts);
		break;
	case D_N_UNARY:
		precheck_node(cc, n->u.unary.e);
		break;
	case D_N_BINARY:
	case D_N_ASSIGN:
		precheck_node(cc, n->u.binary.l);
		precheck_node(cc, n->u.binary.r);
		break;
	case D_N_COND:
		precheck_node(cc, n->u.cond.c);
		precheck_node(cc, n->u.cond.t);
		precheck_node(cc, n->u.cond.f);
		break;
	case D_N_CALL:
		if (n->u.call.fn != NULL && n->u.call.fn->kind != D_N_IDENT)
			precheck_node(cc, n->u.call.fn);
		precheck_list(cc, n->u.call.args);
		precheck_call(cc, n);
		break;
	case D_N_INDEX:
		precheck_node(cc, n->u.index.base);
		precheck_list(cc, n->u.index.args);
		break;
	case D_N_MEMBEROF:
		precheck_node(cc, n->u.memberof.base);
		break;
	case D_N_CAST:
	case D_N_XLATE:
		precheck_node(cc, n->u.cast.e);
		break;
	default:
		break;
	}
}

static void
precheck_list(struct d_cc *cc, struct d_node *n)
{
	for (; n != NULL; n = n->next)
		precheck_node(cc, n);
}

/* The parse-time checks of a clause (predicate, then statements). */
void
d_cc_precheck_clause(struct d_cc *cc, struct d_node *n)
{
	precheck_node(cc, n->u.clause.pred);
	precheck_list(cc, n->u.clause.stmts);
}

/* inline TYPE NAME = expr; */
void
d_cc_inline(struct d_cc *cc, struct d_node *n)
{
	struct d_node tnode;
	struct d_type *t;
	struct cx *e;
	const char *name = n->u.inl.dtor.name;
	const char *prev;
	struct d_var *v;

	memset(&tnode, 0, sizeof(tnode));
	tnode.kind = D_N_TYPENAME;
	tnode.line = n->line;
	tnode.u.tname.spec = n->u.inl.spec;
	tnode.u.tname.dtor = n->u.inl.dtor;
	t = d_cc_typename(cc, &tnode);
	if (n->u.inl.spec != NULL && n->u.inl.spec->storage != D_SC_NONE)
		d_cc_err(cc, n->line, D_DECL_BADCLASS,
			 "specified storage class not appropriate for inline "
			 "declaration\n");
	if (name == NULL)
		d_cc_err(cc, n->line, D_DECL_USELESS,
			 "inline declaration requires a name\n");
	d_lib_shadow(cc, name);
	prev = global_kind(cc, name);
	if (prev != NULL)
		d_cc_err(cc, n->line, D_DECL_IDRED,
			 "identifier redefined: %s\n\t current: inline "
			 "definition\n\tprevious: %s\n",
			 name, prev);
	e = d_cc_expr(cc, n->u.inl.expr);
	if (!d_type_argcompat(t, e->t, (e->fl & CX_CONST) && e->val == 0))
		d_cc_err(cc, n->line, D_OP_INCOMPAT,
			 "inline %s definition uses incompatible types: "
			 "\"%s\" = \"%s\"\n",
			 name, tn(cc, t), d_cc_tname(cc, e));
	e = d_cc_conv(cc, e, t);
	e = d_cc_cx(cc, e->n, t, n->line);
	if (e->n->op == VM_OP_CONST && d_type_is_integer(t)) {
		e->fl = CX_CONST;
		e->val = e->n->ival;
	}
	v = var_create(cc, VM_SCOPE_GLOBAL, name, D_VK_INLINE, n->line);
	v->type = t;
	v->inl = e;
}

/* --- Prototype strings ------------------------------------------------ */

struct d_type *
d_cc_proto_type(struct d_cc *cc, const char *s)
{
	struct d_type *t = d_type_lookup(cc->ty, s);

	if (t == NULL)
		t = cc->ty->t_int;
	return t;
}

struct proto {
	struct d_type *ret;
	int argc;		/* number of parameters */
	int varargs;		/* index of "..." or -1 */
	int optargs;		/* index of the first optional or -1 */
	struct d_type *args[8]; /* NULL: "@" (any) */
};

static void
proto_parse(struct d_cc *cc, const char *p, struct proto *pr)
{
	char buf[128], *s, *q;
	int i = 0;

	memset(pr, 0, sizeof(*pr));
	pr->varargs = pr->optargs = -1;
	snprintf(buf, sizeof(buf), "%s", p);
	s = strchr(buf, '(');
	q = strrchr(buf, ')');
	if (s == NULL || q == NULL)
		return;
	*s++ = '\0';
	*q = '\0';
	pr->ret = d_cc_proto_type(cc, buf);
	while (*s == ' ')
		s++;
	while (*s != '\0' && i < 8) {
		char *e = strchr(s, ',');

		if (e != NULL)
			*e = '\0';
		while (*s == ' ')
			s++;
		if (strcmp(s, "@") == 0) {
			pr->args[i] = NULL;
		} else if (strcmp(s, "...") == 0) {
			pr->args[i] = NULL;
			pr->varargs = i;
		} else if (*s == '[') {
			size_t l = strlen(s);

			if (pr->optargs < 0)
				pr->optargs = i;
			if (l > 1)
				s[l - 1] = '\0';
			pr->args[i] = d_cc_proto_type(cc, s + 1);
		} else {
			pr->args[i] = d_cc_proto_type(cc, s);
		}
		i++;
		if (e == NULL)
			break;
		s = e + 1;
	}
	pr->argc = i;
}

/* dt_idcook_sign(): argument count and types against the prototype. */
static void
check_proto(struct d_cc *cc, const char *name, const struct proto *pr,
	    struct cx **args, int argc, int line)
{
	int mismatch, arglimit, i;

	if (pr->varargs >= 0) {
		mismatch = argc < pr->varargs;
		arglimit = pr->varargs;
	} else if (pr->optargs >= 0) {
		mismatch = argc < pr->optargs || argc > pr->argc;
		arglimit = argc;
	} else {
		mismatch = argc != pr->argc;
		arglimit = pr->argc;
	}
	if (mismatch)
		d_cc_err(cc, line, D_PROTO_LEN,
			 "%s%s%s prototype mismatch: %d "
			 "%s%spassed, %s%d expected\n",
			 "", name, "( )", argc, "arg", argc == 1 ? " " : "s ",
			 pr->optargs >= 0 ? "at least " : "",
			 pr->optargs >= 0 ? pr->optargs : arglimit);
	for (i = 0; i < arglimit && i < argc; i++) {
		struct cx *a = args[i];
		int z = (a->fl & CX_CONST) && a->val == 0;

		if (pr->args[i] == NULL)
			continue;
		if (!d_type_argcompat(pr->args[i], a->t, z) ||
		    (a->fl & CX_AGG) || d_type_is_dynamic(a->t))
			d_cc_err(cc, line, D_PROTO_ARG,
				 "%s%s%s %s #%d is incompatible with "
				 "prototype:\n\tprototype: %s\n\t%9s: %s\n",
				 "", name, "( )", "argument", i + 1,
				 tn(cc, pr->args[i]), "argument",
				 d_cc_tname(cc, a));
	}
}

/* --- Identifiers ------------------------------------------------------ */

static struct d_type *
vm_to_dtype(struct d_cc *cc, const struct vm_type *v)
{
	struct d_type *t = NULL;

	if (v->name != NULL)
		t = d_type_lookup(cc->ty, v->name);
	if (t != NULL)
		return t;
	switch (v->kind) {
	case VM_T_INT:
		return d_type_int(cc->ty, v->size, v->is_signed);
	case VM_T_PTR:
		return cc->ty->t_voidp;
	case VM_T_STRING:
		return cc->ty->t_string;
	default:
		return cc->ty->t_int64;
	}
}

/*
 * The D type a provider names for an argument ("bufinfo_t *", "string"),
 * parsed as a type name in the program's type scope (the prelude's types
 * included). A name that is no type is udtrace's bug, not the script's,
 * and the error says so.
 */
static struct d_type *
argtype_by_name(struct d_cc *cc, int idx, const char *name, int line)
{
	struct d_node *tnode = NULL;
	struct d_type *volatile t = NULL;
	jmp_buf jb, *saved = cc->jb;

	if (cc->pcb != NULL)
		tnode = d_parse_type(cc->pcb, name);
	if (tnode != NULL) {
		cc->jb = &jb;
		if (setjmp(jb) == 0)
			t = d_cc_typename(cc, tnode);
		cc->jb = saved;
	}
	if (t == NULL) {
		/* replace the parser's or the checker's message */
		cc->failed = 0;
		d_cc_err(cc, line, D_UNKNOWN,
			 "internal error in the provider types: args[%d] of "
			 "%s:%s:%s:%s has type \"%s\", which is not a D "
			 "type\n",
			 idx, cc->pd->prov, cc->pd->mod, cc->pd->func,
			 cc->pd->name, name);
	}
	return t;
}

static void
load_argtypes(struct d_cc *cc, int line)
{
	struct vm_type vt[10];
	const char *names[10];
	int n, i;

	if (cc->argtypes_done)
		return;
	cc->argtypes_done = 1;
	cc->nargtypes = -2; /* unknown: no resolver */
	if (cc->opts.argtypes == NULL || cc->pd == NULL)
		return;
	memset(vt, 0, sizeof(vt));
	memset(names, 0, sizeof(names));
	n = cc->opts.argtypes(cc->opts.argctx, cc->pd, vt, names);
	if (n < 0) {
		cc->nargtypes = -1;
		return;
	}
	if (n > 10)
		n = 10;
	cc->nargtypes = n;
	for (i = 0; i < n; i++)
		cc->argtypes[i] =
			names[i] != NULL ?
				argtype_by_name(cc, i, names[i], line) :
				vm_to_dtype(cc, &vt[i]);
}

static struct cx *
arg_node(struct d_cc *cc, int idx, struct d_type *t, int line)
{
	struct vm_node *n = d_cc_node(cc, VM_OP_ARG, line, t, 1);
	struct cx *k = d_cc_const(cc, idx, cc->ty->t_int, line);

	n->kids[0] = k->n;
	return d_cc_cx(cc, n, t, line);
}

/* args[N] (dt_idcook_args) */
static struct cx *
cook_args(struct d_cc *cc, struct d_node *n)
{
	struct cx *k;
	char pd[256];

	if (n->u.index.nargs != 1)
		d_cc_err(cc, n->line, D_PROTO_LEN,
			 "args[ ] prototype mismatch: "
			 "%d arg%spassed, 1 expected\n",
			 n->u.index.nargs, n->u.index.nargs == 1 ? " " : "s ");
	k = d_cc_expr(cc, n->u.index.args);
	if (!(k->fl & CX_CONST))
		d_cc_err(cc, n->line, D_PROTO_ARG,
			 "args[ ] argument #1 is "
			 "incompatible with prototype:\n\tprototype: %s\n"
			 "\t argument: %s\n",
			 "integer constant", d_cc_tname(cc, k));
	if (cc->pd == NULL)
		d_cc_err(cc, n->line, D_ARGS_NONE,
			 "args[ ] may not be "
			 "referenced outside of a probe clause\n");
	load_argtypes(cc, n->line);
	if (cc->nargtypes == -2) {
		if (k->val < 0 || k->val > 9)
			goto oor;
		return arg_node(cc, (int)k->val, cc->ty->t_int64, n->line);
	}
	if (k->val < 0 || k->val >= cc->nargtypes)
		goto oor;
	return arg_node(cc, (int)k->val, cc->argtypes[k->val], n->line);
oor:
	snprintf(pd, sizeof(pd), "%s:%s:%s:%s", cc->pd->prov, cc->pd->mod,
		 cc->pd->func, cc->pd->name);
	d_cc_err(cc, n->line, D_ARGS_IDX,
		 "index %lld is out of range for %s "
		 "args[ ]\n",
		 (long long)k->val, pd);
}

static struct cx *
cook_uregs(struct d_cc *cc, struct d_node *n)
{
	struct cx *k;
	struct vm_node *v;

	if (n->u.index.nargs != 1)
		d_cc_err(cc, n->line, D_PROTO_LEN,
			 "uregs[ ] prototype mismatch: "
			 "%d arg%spassed, 1 expected\n",
			 n->u.index.nargs, n->u.index.nargs == 1 ? " " : "s ");
	k = d_cc_expr(cc, n->u.index.args);
	if (!(k->fl & CX_CONST))
		d_cc_err(cc, n->line, D_PROTO_ARG,
			 "uregs[ ] argument #1 is "
			 "incompatible with prototype:\n\tprototype: %s\n"
			 "\t argument: %s\n",
			 "integer constant", d_cc_tname(cc, k));
	if (d_type_is_signed(k->t) && k->val < 0)
		d_cc_err(cc, n->line, D_REGS_IDX,
			 "index %lld is out of range "
			 "for array %s\n",
			 (long long)k->val, "uregs");
	v = d_cc_node(cc, VM_OP_BUILTIN, n->line, cc->ty->t_uint64, 1);
	v->ival = VM_BI_UREGS;
	v->kids[0] = k->n;
	return d_cc_cx(cc, v, cc->ty->t_uint64, n->line);
}

/* A plain identifier as an rvalue or an assignment target (create). */
static struct cx *
cook_ident(struct d_cc *cc, struct d_node *n, int create)
{
	const char *name = n->u.ident.name;
	int scope = n->u.ident.scope == D_ID_SELF ? VM_SCOPE_TLS :
		    n->u.ident.scope == D_ID_THIS ? VM_SCOPE_CLAUSE :
						    VM_SCOPE_GLOBAL;
	struct d_var *v;
	struct d_enumer_ref *er;
	int bi;

	if (scope != VM_SCOPE_GLOBAL) {
		v = var_lookup(cc, scope, name);
		if (v == NULL)
			v = var_create(cc, scope, name, D_VK_SCALAR, n->line);
		if (v->kind == D_VK_ASSOC)
			d_cc_err(cc, n->line, D_IDENT_BADREF,
				 "%s '%s' may not be "
				 "referenced as %s\n",
				 "associative array", name, "scalar");
		if (v->type == NULL && !create)
			d_cc_err(cc, n->line, D_VAR_UNDEF,
				 "%s%s has not yet been "
				 "declared or assigned\n",
				 scope_prefix(scope), name);
		return var_node(cc, v, n->line);
	}
	if (n->u.ident.backquote)
		d_cc_err(cc, n->line, D_SYM_BADREF,
			 "failed to resolve %s: "
			 "kernel and user symbols are not available in "
			 "udtrace\n",
			 name);
	v = var_lookup(cc, VM_SCOPE_GLOBAL, name);
	if (v != NULL) {
		if (v->kind == D_VK_INLINE) {
			struct cx *e =
				d_cc_cx(cc, v->inl->n, v->inl->t, n->line);

			e->fl = v->inl->fl & CX_CONST;
			e->val = v->inl->val;
			return e;
		}
		if (v->kind == D_VK_ASSOC)
			d_cc_err(cc, n->line, D_IDENT_BADREF,
				 "%s '%s' may not be "
				 "referenced as %s\n",
				 "associative array", name, "scalar");
		if (v->type == NULL && !create)
			d_cc_err(cc, n->line, D_VAR_UNDEF,
				 "%s has not yet been "
				 "declared or assigned\n",
				 name);
		return var_node(cc, v, n->line);
	}
	er = htab_get(cc->ty->enumers, name, strlen(name));
	if (er != NULL)
		return d_cc_const(cc, er->value, er->type, n->line);
	bi = builtin_idx(name);
	if (bi >= 0) {
		struct d_type *t = d_cc_proto_type(cc, builtins[bi].type);
		struct vm_node *vn;
		struct cx *e;

		if ((builtins[bi].bi == VM_BI_CURPSINFO ||
		     builtins[bi].bi == VM_BI_CURLWPSINFO) &&
		    d_type_lookup(cc->ty, builtins[bi].type) == NULL)
			d_cc_err(cc, n->line, D_UNKNOWN,
				 "%s is not available: no provider declares "
				 "%.*s\n",
				 name, (int)strcspn(builtins[bi].type, " "),
				 builtins[bi].type);
		vn = d_cc_node(cc, VM_OP_BUILTIN, n->line, t, 0);
		vn->ival = builtins[bi].bi;
		e = d_cc_cx(cc, vn, t, n->line);
		e->fl = CX_LVAL;
		return e;
	}
	if (is_argn(name)) {
		struct cx *e =
			arg_node(cc, name[3] - '0', cc->ty->t_int64, n->line);

		e->fl = CX_LVAL;
		return e;
	}
	if (strcmp(name, "args") == 0 || strcmp(name, "uregs") == 0)
		d_cc_err(cc, n->line, D_IDENT_BADREF,
			 "%s '%s' may not be "
			 "referenced as %s\n",
			 "associative array", name, "scalar");
	if (d_cc_subr_lookup(name) != NULL)
		d_cc_err(cc, n->line, D_IDENT_BADREF,
			 "%s '%s' may not be "
			 "referenced as %s\n",
			 d_cc_subr_lookup(name)->kind == D_FK_ACT ?
				 "tracing function" :
			 d_cc_subr_lookup(name)->kind == D_FK_AGG ?
				 "aggregating function" :
				 "function",
			 name, "scalar");
	if (strcmp(name, "self") == 0 || strcmp(name, "this") == 0)
		d_cc_err(cc, n->line, D_IDENT_BADREF,
			 "%s '%s' may not be "
			 "referenced as %s\n",
			 "pointer", name, "scalar");
	if (create)
		return var_node(cc,
				var_create(cc, VM_SCOPE_GLOBAL, name,
					   D_VK_SCALAR, n->line),
				n->line);
	d_cc_err(cc, n->line, D_IDENT_UNDEF, "failed to resolve %s: %s\n", name,
		 "Unknown variable name");
}

/* --- Associative arrays ---------------------------------------------- */

static struct cx **
cook_list(struct d_cc *cc, struct d_node *l, int *np)
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

/* Key signature check (dt_idcook_assc / dt_idcook_sign with keys). */
static void
check_keys(struct d_cc *cc, const char *pfx, const char *name,
	   struct d_type **sig, uint32_t nsig, struct cx **keys, int nk,
	   int line)
{
	int i;

	if ((uint32_t)nk != nsig)
		d_cc_err(cc, line, D_PROTO_LEN,
			 "%s%s%s prototype mismatch: %d "
			 "%s%spassed, %s%d expected\n",
			 pfx, name, "[ ]", nk, "key", nk == 1 ? " " : "s ", "",
			 (int)nsig);
	for (i = 0; i < nk; i++) {
		int z = (keys[i]->fl & CX_CONST) && keys[i]->val == 0;

		if (!d_type_argcompat(sig[i], keys[i]->t, z))
			d_cc_err(cc, line, D_PROTO_ARG,
				 "%s%s%s %s #%d is incompatible with "
				 "prototype:\n\tprototype: %s\n\t%9s: %s\n",
				 pfx, name, "[ ]", "key", i + 1, tn(cc, sig[i]),
				 "key", d_cc_tname(cc, keys[i]));
	}
}

static struct d_type **
new_sig(struct d_cc *cc, const char *kind, struct cx **keys, int nk, int line)
{
	struct d_type **sig =
		d_arena_alloc(cc->arena, (size_t)(nk ? nk : 1) * sizeof(*sig));
	int i;

	for (i = 0; i < nk; i++) {
		if (d_type_is_dynamic(keys[i]->t) || (keys[i]->fl & CX_AGG) ||
		    d_type_is_void(keys[i]->t))
			d_cc_err(cc, line, D_KEY_TYPE,
				 "%s expression may not be "
				 "used as %s index: key #%d\n",
				 d_cc_tname(cc, keys[i]), kind, i + 1);
		sig[i] = keys[i]->t;
	}
	return sig;
}

/*
 * dt_cg_arglist(): a key tuple (of an associative array or of an
 * aggregation) has at most DIF_DTR_NREGS (8) members; code generation
 * fails with EDT_NOTUPREG, a message without tag, line or region.
 */
static void
check_tupregs(struct d_cc *cc, int nk)
{
	if (nk > 8) {
		cc->cgphase = 1;
		d_cc_err_tag(cc, 0, "",
			     "Insufficient tuple registers to generate "
			     "code\n");
	}
}

void
d_cc_check_agg_keys(struct d_cc *cc, struct d_agg *a, struct d_node *kl,
		    int nkeys, struct cx **out, int line)
{
	struct cx **keys;
	int nk, i;

	(void)nkeys;
	keys = cook_list(cc, kl, &nk);
	check_tupregs(cc, nk);
	if (!a->keys_set) {
		a->keys = new_sig(cc, "aggregation", keys, nk, line);
		a->nkeys = (uint32_t)nk;
		a->keys_set = 1;
		a->ad->keys = d_arena_alloc(cc->arena,
					    (size_t)(nk ? nk : 1) *
						    sizeof(struct vm_type));
		for (i = 0; i < nk; i++)
			a->ad->keys[i] = d_type_vm(cc->ty, a->keys[i]);
		a->ad->nkeys = (uint32_t)nk;
	} else {
		check_keys(cc, "@", a->name, a->keys, a->nkeys, keys, nk, line);
	}
	for (i = 0; i < nk; i++)
		out[i] = d_cc_conv(cc, keys[i], a->keys[i]);
}

/* v[keys] for an associative array variable; create for assignment. */
static struct cx *
cook_assoc(struct d_cc *cc, struct d_node *n, int create)
{
	struct d_node *b = n->u.index.base;
	const char *name = b->u.ident.name;
	int scope = b->u.ident.scope == D_ID_SELF ? VM_SCOPE_TLS :
		    b->u.ident.scope == D_ID_THIS ? VM_SCOPE_CLAUSE :
						    VM_SCOPE_GLOBAL;
	struct d_var *v = var_lookup(cc, scope, name);
	struct cx **keys, *e;
	struct vm_node *vn;
	int nk, i;

	if (scope == VM_SCOPE_CLAUSE && (v == NULL || v->type == NULL))
		d_cc_err(cc, n->line, D_ARR_LOCAL,
			 "local variables may not be "
			 "used as associative arrays: %s\n",
			 name);
	if (v == NULL)
		v = var_create(cc, scope, name, D_VK_ASSOC, n->line);
	if (v->kind != D_VK_ASSOC) {
		if (v->type == NULL && v->kind == D_VK_SCALAR &&
		    scope != VM_SCOPE_GLOBAL) {
			v->kind = D_VK_ASSOC;
			v->vd->is_assoc = 1;
		} else {
			d_cc_err(cc, n->line, D_IDENT_BADREF,
				 "%s '%s' may not be "
				 "referenced as %s\n",
				 "scalar", name, "associative array");
		}
	}
	keys = cook_list(cc, n->u.index.args, &nk);
	check_tupregs(cc, nk);
	if (!v->keys_set)
		var_setkeys(cc, v, new_sig(cc, "array", keys, nk, n->line),
			    (uint32_t)nk);
	else
		check_keys(cc, "", name, v->keys, v->nkeys, keys, nk, n->line);
	if (v->type == NULL && !create)
		d_cc_err(cc, n->line, D_VAR_UNDEF,
			 "%s%s has not yet been declared "
			 "or assigned\n",
			 scope_prefix(scope), name);
	vn = d_cc_node(cc, VM_OP_AVAR, n->line, v->type, nk);
	vn->var.scope = v->scope;
	vn->var.id = v->id;
	for (i = 0; i < nk; i++)
		vn->kids[i] = d_cc_conv(cc, keys[i], v->keys[i])->n;
	e = d_cc_cx(cc, vn, v->type, n->line);
	e->fl = CX_VAR | CX_LVAL | CX_WRITE;
	e->var = v;
	return e;
}

/* --- Operators -------------------------------------------------------- */

static const char *
opname(enum d_op op)
{
	return d_op_name(op);
}

/* A pointer-typed value from an array-typed memory value (decay). */
static struct cx *
decay(struct d_cc *cc, struct cx *e)
{
	struct d_type *r = d_type_resolve(e->t);
	struct cx *p;

	if (r == NULL || r->kind != D_T_ARRAY || e->n->op != VM_OP_DEREF)
		return e;
	p = d_cc_cx(cc, e->n->kids[0], d_type_ptr(cc->ty, r->ref), e->line);
	return p;
}

static struct cx *
deref(struct d_cc *cc, struct cx *p, int line)
{
	struct d_type *r = d_type_resolve(p->t), *t;
	struct vm_node *n;
	struct cx *e;

	p = decay(cc, p);
	r = d_type_resolve(p->t);
	if (r->kind != D_T_PTR)
		d_cc_err(cc, line, D_DEREF_NONPTR,
			 "cannot dereference non-pointer type\n");
	t = r->ref;
	if (d_type_is_void(t))
		d_cc_err(cc, line, D_DEREF_VOID,
			 "cannot dereference pointer to void\n");
	if (d_type_is_func(t))
		d_cc_err(cc, line, D_DEREF_FUNC,
			 "cannot dereference pointer to function\n");
	n = d_cc_node(cc, VM_OP_DEREF, line, t, 1);
	n->kids[0] = p->n;
	e = d_cc_cx(cc, n, t, line);
	e->fl = CX_LVAL | CX_WRITE;
	return e;
}

/* p + i*size as a pointer of p's type */
static struct cx *
ptr_add(struct d_cc *cc, struct cx *p, struct cx *i, int sub, int line)
{
	struct d_type *pt = p->t, *et = d_type_resolve(pt)->ref;
	uint64_t sz = d_type_size(et);
	struct vm_node *n, *m;
	struct cx *ic;

	if (sz == 0)
		sz = 1;
	if (i->fl & CX_CONST) {
		ic = d_cc_const(cc, (int64_t)((uint64_t)i->val * sz),
				cc->ty->t_long, line);
		m = d_cc_node(cc, VM_OP_CONST, line, pt, 0);
		m->ival = ic->val;
	} else {
		struct cx *c = d_cc_conv(cc, i, cc->ty->t_long);
		struct vm_node *cv = d_cc_node(cc, VM_OP_CAST, line, pt, 1);
		struct vm_node *k = d_cc_node(cc, VM_OP_CONST, line, pt, 0);

		cv->kids[0] = c->n;
		k->ival = (int64_t)sz;
		m = d_cc_node(cc, VM_OP_MUL, line, pt, 2);
		m->kids[0] = cv;
		m->kids[1] = k;
	}
	n = d_cc_node(cc, sub ? VM_OP_SUB : VM_OP_ADD, line, pt, 2);
	n->kids[0] = p->n;
	n->kids[1] = m;
	return d_cc_cx(cc, n, pt, line);
}

static struct cx *
binop(struct d_cc *cc, int op, struct cx *l, struct cx *r, struct d_type *t,
      int line)
{
	struct vm_node *n = d_cc_node(cc, op, line, t, 2);

	n->kids[0] = l->n;
	n->kids[1] = r->n;
	return d_cc_cx(cc, n, t, line);
}

static int64_t
fold(int op, int64_t a, int64_t b, int sg, int *ok)
{
	uint64_t ua = (uint64_t)a, ub = (uint64_t)b;

	*ok = 1;
	switch (op) {
	case VM_OP_ADD:
		return (int64_t)(ua + ub);
	case VM_OP_SUB:
		return (int64_t)(ua - ub);
	case VM_OP_MUL:
		return (int64_t)(ua * ub);
	case VM_OP_DIV:
		if (b == 0 || (sg && a == INT64_MIN && b == -1))
			break;
		return sg ? a / b : (int64_t)(ua / ub);
	case VM_OP_MOD:
		if (b == 0 || (sg && a == INT64_MIN && b == -1))
			break;
		return sg ? a % b : (int64_t)(ua % ub);
	case VM_OP_AND:
		return a & b;
	case VM_OP_OR:
		return a | b;
	case VM_OP_XOR:
		return a ^ b;
	case VM_OP_SHL:
		return (int64_t)(ub >= 64 ? 0 : ua << ub);
	case VM_OP_SHR:
		if (ub >= 64)
			return sg && a < 0 ? -1 : 0;
		return sg ? a >> ub : (int64_t)(ua >> ub);
	case VM_OP_LT:
		return sg ? a < b : ua < ub;
	case VM_OP_LE:
		return sg ? a <= b : ua <= ub;
	case VM_OP_GT:
		return sg ? a > b : ua > ub;
	case VM_OP_GE:
		return sg ? a >= b : ua >= ub;
	case VM_OP_EQ:
		return a == b;
	case VM_OP_NE:
		return a != b;
	case VM_OP_LAND:
		return a && b;
	case VM_OP_LOR:
		return a || b;
	case VM_OP_LXOR:
		return (a != 0) ^ (b != 0);
	default:
		break;
	}
	*ok = 0;
	return 0;
}

/* Arithmetic on two integers in their promoted type, folding constants. */
static struct cx *
arith(struct d_cc *cc, int op, struct cx *l, struct cx *r, struct d_type *t,
      int line)
{
	if ((l->fl & CX_CONST) && (r->fl & CX_CONST)) {
		int ok;
		int64_t v = fold(op, trunc_val(l->val, t), trunc_val(r->val, t),
				 d_type_is_signed(t), &ok);

		if (ok)
			return d_cc_const(cc, v, t, line);
	}
	return binop(cc, op, d_cc_conv(cc, l, t), d_cc_conv(cc, r, t), t, line);
}

static int
is_zero(struct cx *e)
{
	return (e->fl & CX_CONST) && e->val == 0;
}

static __attribute__((noreturn)) void
incompat(struct d_cc *cc, int line, enum d_op op, struct cx *l, struct cx *r)
{
	d_cc_err(cc, line, D_OP_INCOMPAT,
		 "operands have incompatible types: "
		 "\"%s\" %s \"%s\"\n",
		 d_cc_tname(cc, l), opname(op), d_cc_tname(cc, r));
}

static void
no_dyn(struct d_cc *cc, struct cx *e, int line)
{
	if ((e->fl & CX_AGG) || d_type_is_dynamic(e->t))
		d_cc_err(cc, line, D_OP_DYN,
			 "operator %s operands cannot be of "
			 "dynamic type\n",
			 "?:");
}

static int
vmop_of(enum d_op op)
{
	switch (op) {
	case D_OP_ADD:
	case D_OP_ADD_EQ:
		return VM_OP_ADD;
	case D_OP_SUB:
	case D_OP_SUB_EQ:
		return VM_OP_SUB;
	case D_OP_MUL:
	case D_OP_MUL_EQ:
		return VM_OP_MUL;
	case D_OP_DIV:
	case D_OP_DIV_EQ:
		return VM_OP_DIV;
	case D_OP_MOD:
	case D_OP_MOD_EQ:
		return VM_OP_MOD;
	case D_OP_BAND:
	case D_OP_AND_EQ:
		return VM_OP_AND;
	case D_OP_BOR:
	case D_OP_OR_EQ:
		return VM_OP_OR;
	case D_OP_XOR:
	case D_OP_XOR_EQ:
		return VM_OP_XOR;
	case D_OP_LSH:
	case D_OP_LSH_EQ:
		return VM_OP_SHL;
	case D_OP_RSH:
	case D_OP_RSH_EQ:
		return VM_OP_SHR;
	case D_OP_LT:
		return VM_OP_LT;
	case D_OP_LE:
		return VM_OP_LE;
	case D_OP_GT:
		return VM_OP_GT;
	case D_OP_GE:
		return VM_OP_GE;
	case D_OP_EQ:
		return VM_OP_EQ;
	case D_OP_NE:
		return VM_OP_NE;
	case D_OP_LAND:
		return VM_OP_LAND;
	case D_OP_LOR:
		return VM_OP_LOR;
	case D_OP_LXOR:
		return VM_OP_LXOR;
	default:
		return VM_OP_NOP;
	}
}

/* An operand expression (never an aggregation or action). */
static struct cx *
operand(struct d_cc *cc, struct d_node *n, enum d_op op)
{
	(void)op;
	return d_cc_expr(cc, n);
}

static struct cx *
cook_relational(struct d_cc *cc, struct d_node *n)
{
	enum d_op op = n->u.binary.op;
	struct cx *l = operand(cc, n->u.binary.l, op), *r;
	struct d_type *lr = d_type_resolve(l->t);
	struct d_node *rn = n->u.binary.r;
	struct d_type *ct;
	int vop = vmop_of(op);

	/* enum tag on the right of an enum-typed left operand */
	if (lr && lr->kind == D_T_ENUM && rn->kind == D_N_IDENT &&
	    rn->u.ident.scope == D_ID_PLAIN && !rn->u.ident.backquote) {
		uint32_t i;

		for (i = 0; i < lr->nenums; i++) {
			if (strcmp(lr->enums[i].name, rn->u.ident.name) != 0)
				continue;
			if (var_lookup(cc, VM_SCOPE_GLOBAL, rn->u.ident.name) !=
			    NULL)
				d_cc_err(cc, n->line, D_IDENT_AMBIG,
					 "ambiguous use of operator %s: %s is "
					 "both a %s enum tag and a global %s\n",
					 opname(op), rn->u.ident.name,
					 tn(cc, l->t), "scalar");
			r = d_cc_const(cc, lr->enums[i].value, l->t, rn->line);
			goto have_r;
		}
	}
	r = operand(cc, rn, op);
have_r:
	if (d_type_is_integer(l->t) && d_type_is_integer(r->t)) {
		struct cx *res;

		ct = d_type_promote(cc->ty, l->t, r->t);
		res = arith(cc, vop, l, r, ct, n->line);
		if (res->fl & CX_CONST)
			return d_cc_const(cc, res->val, cc->ty->t_int, n->line);
		res->t = cc->ty->t_int;
		res->n->type = d_type_vm(cc->ty, cc->ty->t_int);
		return res;
	}
	/*
	 * A string against NULL (an integer constant 0): DTrace takes it as
	 * the null string pointer, which compares as "" (dtrace-utils
	 * tst.strtok2: `s == NULL`).
	 */
	if (d_type_is_string(l->t) && d_type_is_integer(r->t) && is_zero(r))
		r = strlit(cc, "", r->line);
	else if (d_type_is_string(r->t) && d_type_is_integer(l->t) &&
		 is_zero(l))
		l = strlit(cc, "", l->line);
	if (d_type_is_strcompat(l->t) && d_type_is_strcompat(r->t) &&
	    (d_type_is_string(l->t) || d_type_is_string(r->t)))
		return binop(cc, vop, to_string(cc, l), to_string(cc, r),
			     cc->ty->t_int, n->line);
	if (d_type_same(l->t, r->t) && d_type_is_scalar(l->t)) {
		/* pointers of one type */
	} else if (!d_type_ptrcompat(l->t, r->t, is_zero(l), is_zero(r))) {
		incompat(cc, n->line, op, l, r);
	}
	l = decay(cc, l);
	r = decay(cc, r);
	if (!d_type_is_scalar(l->t) || !d_type_is_scalar(r->t))
		incompat(cc, n->line, op, l, r);
	ct = cc->ty->t_voidp;
	return binop(cc, vop, d_cc_conv(cc, l, ct), d_cc_conv(cc, r, ct),
		     cc->ty->t_int, n->line);
}

static struct cx *
cook_additive(struct d_cc *cc, enum d_op op, struct cx *l, struct cx *r,
	      int line)
{
	int lp, li, rp, ri;

	l = decay(cc, l);
	r = decay(cc, r);
	lp = d_type_is_string(l->t) ||
	     (d_type_is_pointer(l->t) && !d_type_is_vfptr(l->t));
	li = d_type_is_integer(l->t);
	rp = d_type_is_string(r->t) ||
	     (d_type_is_pointer(r->t) && !d_type_is_vfptr(r->t));
	ri = d_type_is_integer(r->t);
	if (li && ri)
		return arith(cc, vmop_of(op), l, r,
			     d_type_promote(cc->ty, l->t, r->t), line);
	if (lp && ri) {
		if (d_type_is_string(l->t)) {
			/* string + n: the suffix from n on */
			struct vm_node *c;
			struct cx *ix = r;

			if (op == D_OP_SUB || op == D_OP_SUB_EQ) {
				struct cx *z =
					d_cc_const(cc, 0, cc->ty->t_long, line);

				ix = arith(cc, VM_OP_SUB, z, r, cc->ty->t_long,
					   line);
			}
			c = d_cc_node(cc, VM_OP_CALL, line, cc->ty->t_string,
				      2);
			c->ival = VM_SUB_SUBSTR;
			c->kids[0] = l->n;
			c->kids[1] = d_cc_conv(cc, ix, cc->ty->t_int)->n;
			return d_cc_cx(cc, c, cc->ty->t_string, line);
		}
		return ptr_add(cc, l, r, op == D_OP_SUB || op == D_OP_SUB_EQ,
			       line);
	}
	if (li && rp && op == D_OP_ADD) {
		/* n + string is string + n (dt_cook_op2 treats a string as
		   a pointer on either side of +) */
		if (d_type_is_string(r->t))
			return cook_additive(cc, op, r, l, line);
		return ptr_add(cc, r, l, 0, line);
	}
	if (lp && rp && op == D_OP_SUB && !d_type_is_string(l->t) &&
	    !d_type_is_string(r->t) && d_type_ptrcompat(l->t, r->t, 0, 0)) {
		struct d_type *pd = cc->ty->t_ptrdiff;
		uint64_t sz = d_type_size(d_type_resolve(l->t)->ref);
		struct cx *d = binop(cc, VM_OP_SUB, d_cc_conv(cc, l, pd),
				     d_cc_conv(cc, r, pd), pd, line);

		if (sz > 1)
			d = binop(cc, VM_OP_DIV, d,
				  d_cc_const(cc, (int64_t)sz, pd, line), pd,
				  line);
		return d;
	}
	incompat(cc, line, op, l, r);
}

static struct cx *
cook_binary(struct d_cc *cc, struct d_node *n)
{
	enum d_op op = n->u.binary.op;
	struct cx *l, *r;
	struct d_type *t;
	struct vm_node *vn;

	switch (op) {
	case D_OP_COMMA:
		l = d_cc_expr(cc, n->u.binary.l);
		r = d_cc_expr(cc, n->u.binary.r);
		if ((l->fl & CX_AGG) || (r->fl & CX_AGG) ||
		    d_type_is_dynamic(l->t) || d_type_is_dynamic(r->t))
			d_cc_err(cc, n->line, D_OP_DYN,
				 "operator %s operands "
				 "cannot be of dynamic type\n",
				 opname(op));
		if ((l->fl & CX_ACT) || (r->fl & CX_ACT))
			d_cc_err(cc, n->line, D_OP_ACT,
				 "operator %s operands "
				 "cannot be actions\n",
				 opname(op));
		vn = d_cc_node(cc, VM_OP_COMMA, n->line, r->t, 2);
		vn->kids[0] = l->n;
		vn->kids[1] = r->n;
		return d_cc_cx(cc, vn, r->t, n->line);
	case D_OP_LOR:
	case D_OP_LXOR:
	case D_OP_LAND:
		l = operand(cc, n->u.binary.l, op);
		r = operand(cc, n->u.binary.r, op);
		l = decay(cc, l);
		r = decay(cc, r);
		if (!d_type_is_scalar(l->t) || !d_type_is_scalar(r->t))
			d_cc_err(cc, n->line, D_OP_SCALAR,
				 "operator %s requires "
				 "operands of scalar type\n",
				 opname(op));
		if ((l->fl & CX_CONST) && (r->fl & CX_CONST)) {
			int ok;

			return d_cc_const(
				cc, fold(vmop_of(op), l->val, r->val, 1, &ok),
				cc->ty->t_int, n->line);
		}
		return binop(cc, vmop_of(op), l, r, cc->ty->t_int, n->line);
	case D_OP_BOR:
	case D_OP_XOR:
	case D_OP_BAND:
	case D_OP_MOD:
		l = operand(cc, n->u.binary.l, op);
		r = operand(cc, n->u.binary.r, op);
		if (op == D_OP_MOD && is_zero(r))
			d_cc_err(cc, n->line, D_DIV_ZERO,
				 "expression contains division by zero\n");
		if (!d_type_is_integer(l->t) || !d_type_is_integer(r->t))
			d_cc_err(cc, n->line, D_OP_INT,
				 "operator %s requires "
				 "operands of integral type\n",
				 opname(op));
		return arith(cc, vmop_of(op), l, r,
			     d_type_promote(cc->ty, l->t, r->t), n->line);
	case D_OP_LSH:
	case D_OP_RSH:
		l = operand(cc, n->u.binary.l, op);
		r = operand(cc, n->u.binary.r, op);
		if (!d_type_is_integer(l->t) || !d_type_is_integer(r->t))
			d_cc_err(cc, n->line, D_OP_INT,
				 "operator %s requires "
				 "operands of integral type\n",
				 opname(op));
		t = d_type_promote1(cc->ty, l->t);
		if ((l->fl & CX_CONST) && (r->fl & CX_CONST)) {
			int ok;
			int64_t v = fold(vmop_of(op), trunc_val(l->val, t),
					 r->val, d_type_is_signed(t), &ok);

			return d_cc_const(cc, v, t, n->line);
		}
		return binop(cc, vmop_of(op), d_cc_conv(cc, l, t),
			     d_cc_conv(cc, r, t), t, n->line);
	case D_OP_MUL:
	case D_OP_DIV:
		l = operand(cc, n->u.binary.l, op);
		r = operand(cc, n->u.binary.r, op);
		if (op == D_OP_DIV && is_zero(r))
			d_cc_err(cc, n->line, D_DIV_ZERO,
				 "expression contains division by zero\n");
		if (!d_type_is_arith(l->t) || !d_type_is_arith(r->t))
			d_cc_err(cc, n->line, D_OP_ARITH,
				 "operator %s requires "
				 "operands of arithmetic type\n",
				 opname(op));
		return arith(cc, vmop_of(op), l, r,
			     d_type_promote(cc->ty, l->t, r->t), n->line);
	case D_OP_ADD:
	case D_OP_SUB:
		l = operand(cc, n->u.binary.l, op);
		r = operand(cc, n->u.binary.r, op);
		return cook_additive(cc, op, l, r, n->line);
	case D_OP_EQ:
	case D_OP_NE:
	case D_OP_LT:
	case D_OP_LE:
	case D_OP_GT:
	case D_OP_GE:
		return cook_relational(cc, n);
	default:
		d_cc_err(cc, n->line, D_UNKNOWN, "invalid binary op %s\n",
			 opname(op));
	}
}

/* An lvalue for assignment, ++/--: identifiers may be created. */
static struct cx *
lvalue(struct d_cc *cc, struct d_node *n, int create)
{
	if (n->kind == D_N_IDENT)
		return cook_ident(cc, n, create);
	if (n->kind == D_N_INDEX && n->u.index.base->kind == D_N_IDENT) {
		struct d_node *b = n->u.index.base;
		int scope = b->u.ident.scope == D_ID_SELF ? VM_SCOPE_TLS :
			    b->u.ident.scope == D_ID_THIS ? VM_SCOPE_CLAUSE :
							    VM_SCOPE_GLOBAL;
		struct d_var *v = var_lookup(cc, scope, b->u.ident.name);

		if (!b->u.ident.backquote &&
		    (v == NULL || v->kind == D_VK_ASSOC ||
		     (v->type == NULL && scope != VM_SCOPE_GLOBAL)) &&
		    (scope != VM_SCOPE_GLOBAL ||
		     (!is_reserved(b->u.ident.name) &&
		      htab_get(cc->ty->enumers, b->u.ident.name,
			       strlen(b->u.ident.name)) == NULL)))
			return cook_assoc(cc, n, create);
	}
	return d_cc_expr(cc, n);
}

static void
check_lvalue(struct d_cc *cc, struct cx *l, enum d_op op, int line)
{
	if (!(l->fl & CX_LVAL))
		d_cc_err(cc, line, D_OP_LVAL,
			 "operator %s requires modifiable "
			 "lvalue as an operand\n",
			 opname(op));
	if (!(l->fl & CX_WRITE))
		d_cc_err(cc, line, D_OP_WRITE,
			 "operator %s can only be applied "
			 "to a writable variable\n",
			 opname(op));
}

static struct cx *
assign_node(struct d_cc *cc, struct cx *l, struct cx *v, int line)
{
	struct vm_node *n = d_cc_node(cc, VM_OP_ASSIGN, line, l->t, 2);

	n->kids[0] = l->n;
	n->kids[1] = v->n;
	return d_cc_cx(cc, n, l->t, line);
}

/* After typing a new variable, the lvalue node gets the type too. */
static void
retype(struct d_cc *cc, struct cx *l, struct d_type *t)
{
	l->t = t;
	l->n->type = d_type_vm(cc->ty, t);
}

static struct cx *
cook_assign(struct d_cc *cc, struct d_node *n)
{
	enum d_op op = n->u.binary.op;
	struct d_node *ln = n->u.binary.l;
	struct cx *l, *r, *v;
	struct d_type *lr;

	if (ln->kind == D_N_AGG ||
	    (ln->kind == D_N_INDEX && ln->u.index.base->kind == D_N_AGG))
		d_cc_err(cc, n->line, D_OP_LVAL,
			 "operator %s requires "
			 "modifiable lvalue as an operand\n",
			 opname(op));
	if (op == D_OP_ASGN) {
		l = lvalue(cc, ln, 1);
		r = d_cc_expr(cc, n->u.binary.r);
		if (r->fl & CX_AGG)
			d_cc_err(cc, n->line, D_OP_INCOMPAT,
				 "operands have "
				 "incompatible types: \"%s\" %s \"%s\"\n",
				 l->t ? tn(cc, l->t) : "<DYN>", opname(op),
				 d_cc_tname(cc, r));
		if ((l->fl & CX_VAR) && l->var->type == NULL) {
			struct d_type *t = r->t;

			if ((r->fl & CX_ACT) && !(r->fl & CX_FUNC)) {
				cc->cgphase = 1;
				d_cc_err(cc, n->line, D_CG_EXPR,
					 "%s( ) may not be called from a D "
					 "expression (D program context "
					 "required)\n",
					 r->fn->name);
			}
			if (d_type_is_void(t) || d_type_is_dynamic(t))
				d_cc_err(cc, n->line, D_OP_INCOMPAT,
					 "operands have incompatible types: "
					 "\"%s\" %s \"%s\"\n",
					 "<unknown>", opname(op),
					 d_cc_tname(cc, r));
			if (d_type_resolve(t)->kind == D_T_ARRAY &&
			    r->n->op == VM_OP_DEREF && !d_type_is_strcompat(t))
				t = d_type_resolve(t);
			var_settype(cc, l->var, t);
			retype(cc, l, t);
		}
		if (l->fl & CX_VAR)
			l->var->modified = 1;
		lr = d_type_resolve(l->t);
		if (!d_type_is_string(l->t) && lr &&
		    (lr->kind == D_T_ARRAY || lr->kind == D_T_FUNC))
			d_cc_err(cc, n->line, D_OP_ARRFUN,
				 "operator %s may not be "
				 "applied to operand of type \"%s\"\n",
				 opname(op), tn(cc, l->t));
		if (lr && (lr->kind == D_T_STRUCT || lr->kind == D_T_UNION) &&
		    d_type_is_integer(r->t) && is_zero(r) &&
		    (l->n->op == VM_OP_AVAR ||
		     (l->n->op == VM_OP_VAR &&
		      l->n->var.scope != VM_SCOPE_CLAUSE))) {
			/*
			 * 0 stored into a struct/union variable: the all-zero
			 * value, which deletes a dynamic variable (dtrace-utils
			 * tst.store_zero_deletes_struct).
			 */
			struct vm_node *z =
				d_cc_node(cc, VM_OP_CAST, n->line, l->t, 1);

			z->kids[0] = r->n;
			check_lvalue(cc, l, op, n->line);
			return assign_node(cc, l, d_cc_cx(cc, z, l->t, n->line),
					   n->line);
		}
		if (!d_type_argcompat(l->t, r->t, is_zero(r)) &&
		    !(d_type_same(l->t, r->t)))
			incompat(cc, n->line, op, l, r);
		check_lvalue(cc, l, op, n->line);
		v = d_cc_conv(cc, d_type_is_pointer(l->t) ? decay(cc, r) : r,
			      l->t);
		return assign_node(cc, l, v, n->line);
	}
	/* compound assignment */
	l = lvalue(cc, ln, 0);
	r = d_cc_expr(cc, n->u.binary.r);
	if ((op == D_OP_DIV_EQ || op == D_OP_MOD_EQ) && is_zero(r))
		d_cc_err(cc, n->line, D_DIV_ZERO,
			 "expression contains division by zero\n");
	switch (op) {
	case D_OP_ADD_EQ:
	case D_OP_SUB_EQ:
		if (d_type_is_string(l->t) || d_type_is_string(r->t))
			incompat(cc, n->line, op, l, r);
		if (!d_type_is_integer(l->t) || !d_type_is_integer(r->t)) {
			if (!d_type_is_pointer(l->t) || d_type_is_vfptr(l->t))
				d_cc_err(cc, n->line, D_OP_VFPTR,
					 "operator %s "
					 "requires left-hand scalar operand of "
					 "known size\n",
					 opname(op));
			else if (!d_type_is_integer(r->t))
				incompat(cc, n->line, op, l, r);
		}
		break;
	case D_OP_MUL_EQ:
	case D_OP_DIV_EQ:
		if (!d_type_is_arith(l->t) || !d_type_is_arith(r->t))
			d_cc_err(cc, n->line, D_OP_ARITH,
				 "operator %s requires "
				 "operands of arithmetic type\n",
				 opname(op));
		break;
	default:
		if (!d_type_is_integer(l->t) || !d_type_is_integer(r->t))
			d_cc_err(cc, n->line, D_OP_INT,
				 "operator %s requires "
				 "operands of integral type\n",
				 opname(op));
		break;
	}
	check_lvalue(cc, l, op, n->line);
	{
		struct cx *rv = d_cc_cx(cc, l->n, l->t, n->line), *res;

		if (op == D_OP_ADD_EQ || op == D_OP_SUB_EQ)
			res = cook_additive(cc, op, rv, r, n->line);
		else if (op == D_OP_LSH_EQ || op == D_OP_RSH_EQ) {
			struct d_type *t = d_type_promote1(cc->ty, l->t);

			res = binop(cc, vmop_of(op), d_cc_conv(cc, rv, t),
				    d_cc_conv(cc, r, t), t, n->line);
		} else {
			struct d_type *t = d_type_promote(cc->ty, l->t, r->t);

			res = binop(cc, vmop_of(op), d_cc_conv(cc, rv, t),
				    d_cc_conv(cc, r, t), t, n->line);
		}
		return assign_node(cc, l, d_cc_conv(cc, res, l->t), n->line);
	}
}

static struct cx *
cook_incdec(struct d_cc *cc, struct d_node *n)
{
	enum d_op op = n->u.unary.op;
	struct cx *l;
	struct vm_node *vn;
	int vop;

	l = lvalue(cc, n->u.unary.e, 1);
	if ((l->fl & CX_VAR) && l->var->type == NULL) {
		var_settype(cc, l->var, cc->ty->t_int64);
		retype(cc, l, cc->ty->t_int64);
	}
	if (!d_type_is_scalar(l->t))
		d_cc_err(cc, n->line, D_OP_SCALAR,
			 "operator %s requires operand "
			 "of scalar type\n",
			 opname(op));
	if (d_type_is_vfptr(l->t))
		d_cc_err(cc, n->line, D_OP_VFPTR,
			 "operator %s requires an "
			 "operand of known size\n",
			 opname(op));
	check_lvalue(cc, l, op, n->line);
	if (l->fl & CX_VAR)
		l->var->modified = 1;
	vop = op == D_OP_PREINC	 ? VM_OP_PREINC :
	      op == D_OP_PREDEC	 ? VM_OP_PREDEC :
	      op == D_OP_POSTINC ? VM_OP_POSTINC :
				   VM_OP_POSTDEC;
	vn = d_cc_node(cc, vop, n->line, l->t, 1);
	vn->kids[0] = l->n;
	vn->ival = 1;
	if (d_type_is_pointer(l->t)) {
		uint64_t sz = d_type_size(d_type_resolve(l->t)->ref);

		vn->ival = (int64_t)(sz ? sz : 1);
	}
	return d_cc_cx(cc, vn, l->t, n->line);
}

static struct cx *
cook_unary(struct d_cc *cc, struct d_node *n)
{
	enum d_op op = n->u.unary.op;
	struct cx *c;
	struct vm_node *vn;
	struct d_type *t;

	switch (op) {
	case D_OP_PREINC:
	case D_OP_PREDEC:
	case D_OP_POSTINC:
	case D_OP_POSTDEC:
		return cook_incdec(cc, n);
	case D_OP_SIZEOF: {
		uint64_t sz;

		c = d_cc_expr(cc, n->u.unary.e);
		if (c->fl & CX_BITF)
			d_cc_err(cc, n->line, D_SIZEOF_BITFIELD,
				 "cannot apply sizeof to a bit-field\n");
		if (c->fl & CX_STRLIT)
			sz = strlen(c->str) + 1;
		else
			sz = d_type_size(c->t);
		if (sz == 0 || (c->fl & CX_AGG) || d_type_is_dynamic(c->t))
			d_cc_err(cc, n->line, D_SIZEOF_TYPE,
				 "cannot apply sizeof "
				 "to an operand of unknown size\n");
		return d_cc_const(cc, (int64_t)sz, cc->ty->t_size, n->line);
	}
	default:
		break;
	}
	c = d_cc_expr(cc, n->u.unary.e);
	switch (op) {
	case D_OP_DEREF:
		return deref(cc, c, n->line);
	case D_OP_PLUS:
	case D_OP_NEG:
		if (!d_type_is_arith(c->t))
			d_cc_err(cc, n->line, D_OP_ARITH,
				 "operator %s requires an "
				 "operand of arithmetic type\n",
				 opname(op));
		t = d_type_promote1(cc->ty, c->t);
		if (op == D_OP_PLUS)
			return d_cc_conv(cc, c, t);
		if (c->fl & CX_CONST)
			return d_cc_const(cc, (int64_t)(0 - (uint64_t)c->val),
					  t, n->line);
		vn = d_cc_node(cc, VM_OP_NEG, n->line, t, 1);
		vn->kids[0] = d_cc_conv(cc, c, t)->n;
		return d_cc_cx(cc, vn, t, n->line);
	case D_OP_BNEG:
		if (!d_type_is_integer(c->t))
			d_cc_err(cc, n->line, D_OP_INT,
				 "operator %s requires an "
				 "operand of integral type\n",
				 opname(op));
		t = d_type_promote1(cc->ty, c->t);
		if (c->fl & CX_CONST)
			return d_cc_const(cc, ~c->val, t, n->line);
		vn = d_cc_node(cc, VM_OP_BNOT, n->line, t, 1);
		vn->kids[0] = d_cc_conv(cc, c, t)->n;
		return d_cc_cx(cc, vn, t, n->line);
	case D_OP_LNEG:
		c = decay(cc, c);
		if (!d_type_is_scalar(c->t))
			d_cc_err(cc, n->line, D_OP_SCALAR,
				 "operator %s requires an "
				 "operand of scalar type\n",
				 opname(op));
		if (c->fl & CX_CONST)
			return d_cc_const(cc, !c->val, cc->ty->t_int, n->line);
		vn = d_cc_node(cc, VM_OP_LNOT, n->line, cc->ty->t_int, 1);
		vn->kids[0] = c->n;
		return d_cc_cx(cc, vn, cc->ty->t_int, n->line);
	case D_OP_ADDROF: {
		struct cx *r;

		if ((c->fl & CX_VAR) || (c->fl & CX_AGG))
			d_cc_err(cc, n->line, D_ADDROF_VAR,
				 "cannot take address of dynamic variable\n");
		if (d_type_is_dynamic(c->t))
			d_cc_err(cc, n->line, D_ADDROF_VAR,
				 "cannot take address of dynamic object\n");
		if (!(c->fl & CX_LVAL) || c->n->op != VM_OP_DEREF)
			d_cc_err(cc, n->line, D_ADDROF_LVAL,
				 "unacceptable operand for unary & operator\n");
		if (c->fl & CX_BITF)
			d_cc_err(cc, n->line, D_ADDROF_BITFIELD,
				 "cannot take address of bit-field\n");
		t = d_type_ptr(cc->ty, c->t);
		r = d_cc_cx(cc, c->n->kids[0], t, n->line);
		return r;
	}
	case D_OP_STRINGOF:
		c = decay(cc, c);
		if (!d_type_is_scalar(c->t) && !d_type_is_pointer(c->t) &&
		    !d_type_is_strcompat(c->t))
			d_cc_err(cc, n->line, D_STRINGOF_TYPE,
				 "cannot apply "
				 "stringof to a value of type %s\n",
				 d_cc_tname(cc, c));
		if (d_type_is_string(c->t))
			return c;
		vn = d_cc_node(cc, VM_OP_STRINGOF, n->line, cc->ty->t_string,
			       1);
		vn->kids[0] = c->n;
		return d_cc_cx(cc, vn, cc->ty->t_string, n->line);
	default:
		d_cc_err(cc, n->line, D_UNKNOWN, "invalid unary op %s\n",
			 opname(op));
	}
}

static struct cx *
cook_cond(struct d_cc *cc, struct d_node *n)
{
	struct cx *c = d_cc_expr(cc, n->u.cond.c);
	struct cx *l = d_cc_expr(cc, n->u.cond.t);
	struct cx *r = d_cc_expr(cc, n->u.cond.f);
	struct d_type *t;
	struct vm_node *vn;

	c = decay(cc, c);
	if (!d_type_is_scalar(c->t))
		d_cc_err(cc, n->line, D_OP_SCALAR,
			 "operator ?: expression must be of scalar type\n");
	no_dyn(cc, l, n->line);
	no_dyn(cc, r, n->line);
	if (d_type_same(l->t, r->t))
		t = l->t;
	else if (d_type_is_integer(l->t) && d_type_is_integer(r->t))
		t = d_type_promote(cc->ty, l->t, r->t);
	else if (d_type_is_strcompat(l->t) && d_type_is_strcompat(r->t) &&
		 (d_type_is_string(l->t) || d_type_is_string(r->t)))
		t = cc->ty->t_string;
	else if (d_type_ptrcompat(l->t, r->t, is_zero(l), is_zero(r)))
		t = d_type_is_pointer(l->t) ? l->t : r->t;
	else
		d_cc_err(cc, n->line, D_OP_INCOMPAT,
			 "operator ?: operands must have compatible types\n");
	if ((l->fl & CX_ACT) || (r->fl & CX_ACT))
		d_cc_err(cc, n->line, D_OP_ACT,
			 "action cannot be used in a conditional context\n");
	if (c->fl & CX_CONST)
		return d_cc_conv(cc, c->val ? l : r, t);
	vn = d_cc_node(cc, VM_OP_COND, n->line, t, 3);
	vn->kids[0] = c->n;
	vn->kids[1] = d_cc_conv(cc, decay(cc, l), t)->n;
	vn->kids[2] = d_cc_conv(cc, decay(cc, r), t)->n;
	return d_cc_cx(cc, vn, t, n->line);
}

static struct cx *
cook_member(struct d_cc *cc, struct d_node *n)
{
	struct cx *b = d_cc_expr(cc, n->u.memberof.base);
	struct d_type *st = d_type_resolve(b->t);
	const struct d_member *m;
	uint64_t off;
	const char *ops = n->u.memberof.arrow ? "->" : ".";
	struct cx *e;

	if (n->u.memberof.arrow) {
		b = decay(cc, b);
		st = d_type_resolve(b->t);
		if (st->kind != D_T_PTR)
			d_cc_err(cc, n->line, D_OP_PTR,
				 "operator %s must be "
				 "applied to a pointer\n",
				 ops);
		st = d_type_resolve(st->ref);
	}
	if (st->kind != D_T_STRUCT && st->kind != D_T_UNION) {
		if (n->u.memberof.arrow)
			d_cc_err(cc, n->line, D_OP_SOU,
				 "operator -> cannot be "
				 "applied to pointer to type \"%s\"; must be "
				 "applied to a struct or union pointer\n",
				 tn(cc, st));
		d_cc_err(
			cc, n->line, D_OP_SOU,
			"operator %s cannot be applied "
			"to type \"%s\"; must be applied to a struct or union\n",
			ops, tn(cc, st));
	}
	if (!st->complete)
		d_cc_err(
			cc, n->line, D_OP_INCOMPLETE,
			"operator %s cannot be "
			"applied to a forward declaration: no %s definition is "
			"available\n",
			ops, tn(cc, st));
	m = d_type_member(st, n->u.memberof.name, &off);
	if (m == NULL)
		d_cc_err(cc, n->line, D_TYPE_MEMBER,
			 "%s is not a member of %s\n", n->u.memberof.name,
			 tn(cc, st));
	if (m->bitsize != 0) {
		struct vm_node *vn =
			d_cc_node(cc, VM_OP_MEMBER, n->line, m->type, 1);
		struct cx *sv = n->u.memberof.arrow ? deref(cc, b, n->line) : b;

		if (n->u.memberof.arrow) {
			/* the struct value through the pointer */
			sv = d_cc_cx(cc, sv->n, st, n->line);
			sv->n->type = d_type_vm(cc->ty, st);
		}
		vn->kids[0] = sv->n;
		vn->ival = (int64_t)off;
		vn->bitoff = m->bitoff;
		vn->bitsize = m->bitsize;
		e = d_cc_cx(cc, vn, m->type, n->line);
		e->fl = CX_BITF | (sv->fl & (CX_LVAL | CX_WRITE));
		if (n->u.memberof.arrow)
			e->fl |= CX_LVAL | CX_WRITE;
		return e;
	}
	if (n->u.memberof.arrow || b->n->op == VM_OP_DEREF) {
		/* memory: *(ptr + off) */
		struct cx *p;
		struct d_type *pt = d_type_ptr(cc->ty, m->type);
		struct vm_node *an;

		if (n->u.memberof.arrow)
			p = b;
		else
			p = d_cc_cx(cc, b->n->kids[0], d_type_ptr(cc->ty, b->t),
				    n->line);
		an = d_cc_node(cc, VM_OP_ADD, n->line, pt, 2);
		an->kids[0] = p->n;
		an->kids[1] = d_cc_node(cc, VM_OP_CONST, n->line, pt, 0);
		an->kids[1]->ival = (int64_t)off;
		p = d_cc_cx(cc, an, pt, n->line);
		e = d_cc_cx(cc, d_cc_node(cc, VM_OP_DEREF, n->line, m->type, 1),
			    m->type, n->line);
		e->n->kids[0] = p->n;
		e->fl = CX_LVAL | CX_WRITE;
		return e;
	}
	{
		struct vm_node *vn =
			d_cc_node(cc, VM_OP_MEMBER, n->line, m->type, 1);

		vn->kids[0] = b->n;
		vn->ival = (int64_t)off;
		e = d_cc_cx(cc, vn, m->type, n->line);
		e->fl = b->fl & (CX_LVAL | CX_WRITE);
		return e;
	}
}

static struct cx *
cook_index(struct d_cc *cc, struct d_node *n)
{
	struct d_node *b = n->u.index.base;
	struct cx *be, *ie;
	struct d_type *r;

	if (b->kind == D_N_INDEX && b->u.index.base->kind == D_N_AGG)
		d_cc_err(cc, n->line, D_AGG_MDIM,
			 "improper attempt to reference @%s as a "
			 "multi-dimensional array\n",
			 b->u.index.base->u.agg.name);
	if (b->kind == D_N_AGG)
		return d_cc_expr(cc, b); /* a dynamic reference to @a */
	if (b->kind == D_N_IDENT && b->u.ident.scope == D_ID_PLAIN &&
	    !b->u.ident.backquote) {
		const char *nm = b->u.ident.name;
		struct d_var *v = var_lookup(cc, VM_SCOPE_GLOBAL, nm);

		if (v == NULL && strcmp(nm, "args") == 0)
			return cook_args(cc, n);
		if (v == NULL && strcmp(nm, "uregs") == 0)
			return cook_uregs(cc, n);
	}
	if (b->kind == D_N_IDENT && !b->u.ident.backquote) {
		int scope = b->u.ident.scope == D_ID_SELF ? VM_SCOPE_TLS :
			    b->u.ident.scope == D_ID_THIS ? VM_SCOPE_CLAUSE :
							    VM_SCOPE_GLOBAL;
		struct d_var *v = var_lookup(cc, scope, b->u.ident.name);

		if ((v == NULL && scope != VM_SCOPE_GLOBAL) ||
		    (v != NULL && v->kind == D_VK_ASSOC) ||
		    (v != NULL && v->type == NULL) ||
		    (v == NULL && !is_reserved(b->u.ident.name) &&
		     htab_get(cc->ty->enumers, b->u.ident.name,
			      strlen(b->u.ident.name)) == NULL))
			return cook_assoc(cc, n, 0);
	}
	be = d_cc_expr(cc, b);
	if (n->u.index.nargs != 1)
		d_cc_err(cc, n->line, D_ARR_BADREF,
			 "cannot access %s as an "
			 "associative array\n",
			 b->kind == D_N_IDENT ? b->u.ident.name : "expression");
	ie = d_cc_expr(cc, n->u.index.args);
	r = d_type_resolve(be->t);
	/* a constant index outside a declared array is a compile error */
	if (r->kind == D_T_ARRAY && r->nelems > 0 && (ie->fl & CX_CONST) &&
	    d_type_is_integer(ie->t) &&
	    (ie->val < 0 || (uint64_t)ie->val >= r->nelems))
		d_cc_err(cc, n->line, D_ARR_BOUNDS,
			 "index outside array bounds: %lld, max is %llu\n",
			 (long long)ie->val, (unsigned long long)r->nelems);
	if (r->kind == D_T_ARRAY && be->n->op != VM_OP_DEREF) {
		/* a D variable (or member of one) of array type */
		struct vm_node *vn;
		struct cx *e;

		if (!d_type_is_integer(ie->t))
			incompat(cc, n->line, D_OP_ADD, be, ie);
		vn = d_cc_node(cc, VM_OP_INDEX, n->line, r->ref, 2);
		vn->kids[0] = be->n;
		vn->kids[1] = d_cc_conv(cc, ie, cc->ty->t_long)->n;
		vn->ival = (int64_t)r->nelems;
		e = d_cc_cx(cc, vn, r->ref, n->line);
		e->fl = be->fl & (CX_LVAL | CX_WRITE);
		return e;
	}
	return deref(cc, cook_additive(cc, D_OP_ADD, be, ie, n->line), n->line);
}

static struct cx *
cook_cast(struct d_cc *cc, struct d_node *n)
{
	struct d_type *t = d_cc_typename(cc, n->u.cast.tname);
	struct cx *c = d_cc_expr(cc, n->u.cast.e);
	struct d_type *lr = d_type_resolve(t), *rr;
	struct vm_node *vn;
	struct cx *e;

	c = decay(cc, c);
	rr = d_type_resolve(c->t);
	if (d_type_same(t, c->t))
		;
	else if (d_type_is_scalar(t) &&
		 (d_type_is_scalar(c->t) || rr->kind == D_T_FUNC))
		;
	else if (d_type_is_void(t))
		;
	else if (lr->kind == D_T_PTR && d_type_is_pointer(c->t))
		;
	else if (d_type_is_string(t) &&
		 (d_type_is_scalar(c->t) || d_type_is_strcompat(c->t)))
		;
	else
		d_cc_err(cc, n->line, D_CAST_INVAL,
			 "invalid cast expression: "
			 "\"%s\" to \"%s\"\n",
			 d_cc_tname(cc, c), tn(cc, t));
	if ((c->fl & CX_AGG) || d_type_is_dynamic(c->t))
		d_cc_err(cc, n->line, D_CAST_INVAL,
			 "invalid cast expression: "
			 "\"%s\" to \"%s\"\n",
			 d_cc_tname(cc, c), tn(cc, t));
	if (d_type_is_string(t)) {
		if (d_type_is_string(c->t))
			return c;
		vn = d_cc_node(cc, VM_OP_STRINGOF, n->line, t, 1);
		vn->kids[0] = c->n;
		return d_cc_cx(cc, vn, t, n->line);
	}
	if (d_type_is_void(t)) {
		vn = d_cc_node(cc, VM_OP_CAST, n->line, t, 1);
		vn->kids[0] = c->n;
		return d_cc_cx(cc, vn, t, n->line);
	}
	if ((c->fl & CX_CONST) && d_type_is_integer(t))
		return d_cc_const(cc, c->val, t, n->line);
	e = d_cc_conv(cc, c, t);
	if (e == c) {
		e = d_cc_cx(cc, c->n, t, n->line);
		e->n = c->n;
	}
	if (lr->kind == D_T_PTR)
		e->fl |= CX_WRITE;
	return e;
}

/* --- Function calls ---------------------------------------------------- */

static struct cx *
cook_call(struct d_cc *cc, struct d_node *n)
{
	const struct d_subr *s;
	struct proto pr;
	struct cx **args, *e;
	struct vm_node *vn;
	int argc, i;
	const char *name = n->u.call.name;

	if (n->u.call.fn == NULL || n->u.call.fn->kind != D_N_IDENT ||
	    name == NULL)
		d_cc_err(cc, n->line, D_FUNC_IDENT,
			 "function designator is not of function type\n");
	s = d_cc_subr_lookup(name);
	if (s == NULL) {
		struct d_var *v = var_lookup(cc, VM_SCOPE_GLOBAL, name);

		if (v != NULL || builtin_idx(name) >= 0 || is_argn(name))
			d_cc_err(cc, n->line, D_FUNC_IDKIND,
				 "%s '%s' may not be "
				 "referenced as a function\n",
				 v && v->kind == D_VK_ASSOC ?
					 "associative array" :
					 "scalar",
				 name);
		d_cc_err(cc, n->line, D_FUNC_UNDEF,
			 "undefined function name: "
			 "%s\n",
			 name);
	}
	if (s->kind == D_FK_KERNEL)
		d_cc_err(cc, n->line, D_FUNC_UNDEF,
			 "%s( ) is not available in "
			 "udtrace: it needs the kernel\n",
			 name);
	/* dtrace refuses destructive actions without -w when it enables
	   the program, after every compile-time check: d_cc_finish() */
	if (s->destructive)
		cc->destructive_used = 1;
	proto_parse(cc, s->proto, &pr);
	args = cook_list(cc, n->u.call.args, &argc);
	check_proto(cc, name, &pr, args, argc, n->line);
	{
		/* a constant size beyond the scratch space (dtrace-utils'
		   alloca()/copyin() check) */
		int si = s->id == VM_SUB_ALLOCA ? 0 :
			 (s->id == VM_SUB_COPYIN || s->id == VM_SUB_COPYINSTR) ?
						  1 :
						  -1;

		if (si >= 0 && si < argc && (args[si]->fl & CX_CONST) &&
		    (uint64_t)args[si]->val > cc->scratchsize)
			d_cc_err(cc, n->line, D_ALLOCA_SIZE,
				 "%s( ) size %llu exceeds the scratch space "
				 "(%llu bytes)\n",
				 name, (unsigned long long)args[si]->val,
				 (unsigned long long)cc->scratchsize);
	}
	if (s->kind == D_FK_AGG) {
		if (cc->cgexpr_fn == NULL) {
			cc->cgexpr_fn = s->name;
			cc->cgexpr_line = n->line;
		}
		e = d_cc_cx(cc,
			    d_cc_node(cc, VM_OP_NOP, n->line, cc->ty->t_dyn, 0),
			    cc->ty->t_dyn, n->line);
		e->fl = CX_ACT;
		e->fn = s;
		e->ast = n;
		return e;
	}
	if (s->kind == D_FK_ACT) {
		struct d_type *rt = pr.ret;

		if (s->id >= D_SA_SYM) {
			int sk = VM_SYM_SYM + (s->id - D_SA_SYM);
			int sub = sk - VM_SYM_SYM + VM_SUB_SYM;

			rt = cc->ty->t_sym[sk];
			vn = d_cc_node(cc, VM_OP_CALL, n->line, rt, 1);
			vn->ival = sub;
			vn->kids[0] =
				d_cc_conv(cc, args[0], cc->ty->t_uintptr)->n;
			e = d_cc_cx(cc, vn, rt, n->line);
			e->fl = CX_ACT | CX_FUNC;
			e->fn = s;
			e->ast = n;
			return e;
		}
		if (s->id == VM_ACT_STACK || s->id == VM_ACT_USTACK ||
		    s->id == VM_ACT_JSTACK) {
			int64_t nf = s->id == VM_ACT_STACK ? 20 : 100;

			if (argc > 0 &&
			    (!(args[0]->fl & CX_CONST) || args[0]->val <= 0))
				d_cc_err(cc, n->line,
					 s->id == VM_ACT_STACK ?
						 D_STACK_SIZE :
						 D_USTACK_FRAMES,
					 "%s( ) argument #1 must be a non-zero "
					 "positive integer constant\n",
					 name);
			if (argc > 1 &&
			    (!(args[1]->fl & CX_CONST) || args[1]->val < 0))
				d_cc_err(cc, n->line, D_USTACK_STRSIZE,
					 "%s( ) argument #2 must be a positive "
					 "integer constant\n",
					 name);
			if (argc > 0)
				nf = args[0]->val;
			rt = s->id == VM_ACT_STACK ? cc->ty->t_stack :
						     cc->ty->t_ustack;
			vn = d_cc_node(cc, VM_OP_CALL, n->line, rt, argc);
			vn->ival = s->id == VM_ACT_STACK  ? VM_SUB_STACK :
				   s->id == VM_ACT_USTACK ? VM_SUB_USTACK :
							    VM_SUB_JSTACK;
			vn->type.size = (uint32_t)nf;
			for (i = 0; i < argc; i++)
				vn->kids[i] = args[i]->n;
			e = d_cc_cx(cc, vn, rt, n->line);
			e->fl = CX_ACT | CX_FUNC;
			e->fn = s;
			e->ast = n;
			return e;
		}
		/* a plain action: d_cg.c lowers it as a statement; anywhere
		   else it is dtrace's D_CG_EXPR */
		if (n != cc->stmt_top && cc->cgexpr_fn == NULL) {
			cc->cgexpr_fn = s->name;
			cc->cgexpr_line = n->line;
		}
		e = d_cc_cx(
			cc,
			d_cc_node(cc, VM_OP_NOP, n->line, cc->ty->t_void, 0),
			cc->ty->t_void, n->line);
		e->fl = CX_ACT;
		e->fn = s;
		e->ast = n;
		return e;
	}
	vn = d_cc_node(cc, VM_OP_CALL, n->line, pr.ret, argc);
	vn->ival = s->id;
	for (i = 0; i < argc; i++) {
		struct cx *a = args[i];

		if (i < 8 && pr.args[i] != NULL &&
		    (i < pr.varargs || pr.varargs < 0))
			a = d_cc_conv(cc, decay(cc, a), pr.args[i]);
		/* string parameters get STRING values; a literal NULL (for
		   strtok(NULL, ...)) stays a null pointer */
		if (i < 8 && pr.args[i] != NULL &&
		    d_type_is_charptr(pr.args[i]) && !d_type_is_string(a->t) &&
		    !is_zero(args[i]))
			a = to_string(cc, a);
		vn->kids[i] = a->n;
	}
	e = d_cc_cx(cc, vn, pr.ret, n->line);
	e->fl = CX_FUNC;
	e->fn = s;
	e->ast = n;
	if (s->id == VM_SUB_ALLOCA || s->id == VM_SUB_COPYIN)
		e->fl |= CX_WRITE;
	return e;
}

/* --- Integer constants ------------------------------------------------- */

static struct cx *
cook_int(struct d_cc *cc, struct d_node *n)
{
	static const struct {
		const char *name;
		uint64_t lim;
		int u;
	} ints[] = {
		{ "int", 0x7fffffffULL, 0 },
		{ "unsigned int", 0xffffffffULL, 1 },
		{ "long", 0x7fffffffffffffffULL, 0 },
		{ "unsigned long", 0xffffffffffffffffULL, 1 },
		{ "long long", 0x7fffffffffffffffULL, 0 },
		{ "unsigned long long", 0xffffffffffffffffULL, 1 },
	};
	uint64_t v = n->u.i.value;
	unsigned fl = n->u.i.flags;
	int i = 0, step = 1;

	if (fl & D_INT_LL)
		i = 4;
	else if (fl & D_INT_L)
		i = 2;
	if (fl & D_INT_U)
		i++, step = 2;
	else if (n->u.i.base == 10)
		step = 2;
	for (; i < 6; i += step)
		if (v <= ints[i].lim)
			return d_cc_const(cc, (int64_t)v,
					  d_type_lookup(cc->ty, ints[i].name),
					  n->line);
	/* dt_node_int() fails while parsing: no region in the message */
	cc->region = NULL;
	d_cc_err(cc, n->line, D_INT_OFLOW,
		 "integer constant 0x%llx cannot be "
		 "represented in any built-in integral type\n",
		 (unsigned long long)v);
}

/* --- The dispatcher ---------------------------------------------------- */

struct cx *
d_cc_expr(struct d_cc *cc, struct d_node *n)
{
	struct cx *e = NULL;

	if (n == NULL)
		d_cc_err(cc, 0, D_SYNTAX,
			 "syntax error: expression expected\n");
	if (++cc->depth > MAX_DEPTH)
		d_cc_err(cc, n->line, D_SYNTAX, "expression too complex\n");
	switch (n->kind) {
	case D_N_INT:
		e = cook_int(cc, n);
		break;
	case D_N_CHAR: {
		/* dt_lex.l returns a character constant as a decimal
		   integer constant: int, or long when its bytes do not fit */
		struct d_node in;

		memset(&in, 0, sizeof(in));
		in.kind = D_N_INT;
		in.line = n->line;
		in.u.i.value = n->u.c.value;
		in.u.i.base = 10;
		e = cook_int(cc, &in);
		break;
	}
	case D_N_STRING:
		e = strlit(cc, n->u.str.s ? n->u.str.s : "", n->line);
		break;
	case D_N_IDENT:
		e = cook_ident(cc, n, 0);
		break;
	case D_N_AGG: {
		struct vm_node *vn;

		e = d_cc_cx(cc, NULL, cc->ty->t_dyn, n->line);
		e->agg = htab_get(cc->aggtab, n->u.agg.name,
				  strlen(n->u.agg.name));
		if (e->agg == NULL)
			d_cc_err(cc, n->line, D_IDENT_UNDEF,
				 "failed to resolve @%s: %s\n", n->u.agg.name,
				 "Unknown variable name");
		vn = d_cc_node(cc, VM_OP_AGGREF, n->line, cc->ty->t_dyn, 0);
		vn->ival = e->agg->id;
		e->n = vn;
		e->fl = CX_AGG;
		break;
	}
	case D_N_UNARY:
		e = cook_unary(cc, n);
		break;
	case D_N_BINARY:
		e = cook_binary(cc, n);
		break;
	case D_N_ASSIGN:
		e = cook_assign(cc, n);
		break;
	case D_N_COND:
		e = cook_cond(cc, n);
		break;
	case D_N_CALL:
		e = cook_call(cc, n);
		break;
	case D_N_INDEX:
		e = cook_index(cc, n);
		break;
	case D_N_MEMBEROF:
		e = cook_member(cc, n);
		break;
	case D_N_CAST:
		e = cook_cast(cc, n);
		break;
	case D_N_SIZEOF_TYPE: {
		struct d_type *t = d_cc_typename(cc, n->u.cast.tname);
		uint64_t sz = d_type_size(t);

		if (sz == 0 || d_type_is_void(t))
			d_cc_err(cc, n->line, D_SIZEOF_TYPE,
				 "cannot apply sizeof "
				 "to an operand of unknown size\n");
		e = d_cc_const(cc, (int64_t)sz, cc->ty->t_size, n->line);
		break;
	}
	case D_N_OFFSETOF: {
		/* dt_node_offsetof() checks while parsing: no region */
		const char *region = cc->region;
		struct d_type *t;
		const struct d_member *m;
		uint64_t off;

		cc->region = NULL;
		t = d_cc_typename(cc, n->u.offs.tname);
		if (!d_type_is_sou(t))
			d_cc_err(cc, n->line, D_OFFSETOF_TYPE,
				 "offsetof operand "
				 "must be a struct or union type\n");
		m = d_type_member(t, n->u.offs.member, &off);
		if (m == NULL)
			d_cc_err(cc, n->line, D_UNKNOWN,
				 "failed to determine "
				 "offset of %s: %s\n",
				 n->u.offs.member, "Member name not found");
		if (m->bitsize != 0)
			d_cc_err(cc, n->line, D_OFFSETOF_BITFIELD,
				 "cannot take "
				 "offset of a bit-field: %s\n",
				 n->u.offs.member);
		cc->region = region;
		e = d_cc_const(cc, (int64_t)off, cc->ty->t_size, n->line);
		break;
	}
	case D_N_XLATE: {
		struct d_type *t = d_cc_typename(cc, n->u.cast.tname);
		struct cx *c = d_cc_expr(cc, n->u.cast.e);

		d_cc_err(cc, n->line, D_XLATE_NONE,
			 "cannot translate from "
			 "\"%s\" to \"%s\"\n",
			 d_cc_tname(cc, c), tn(cc, t));
	}
	default:
		d_cc_err(cc, n->line, D_SYNTAX, "syntax error: unexpected %s\n",
			 d_node_kind_name(n->kind));
	}
	e->ast = n;
	cc->depth--;
	return e;
}

/* An expression statement's expression: actions allowed at the top. */
struct cx *
d_cc_expr_stmt(struct d_cc *cc, struct d_node *n)
{
	return d_cc_expr(cc, n);
}
