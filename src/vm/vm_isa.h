/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The program form: what the D compiler (d/) produces and the VM (vm/)
 * executes. This header is the whole contract between the two; d/ includes
 * it and nothing else of vm/, vm/ never includes d/.
 *
 * Design: the "ISA" is a typed expression tree, not a linear bytecode. The
 * compiler resolves everything a VM should not have to think about: every
 * identifier is a variable slot, a built-in or a subroutine id; every
 * implicit C conversion is an explicit VM_OP_CAST; pointer arithmetic is
 * already scaled; sizeof/offsetof/enumerators/inlines are constants; struct
 * member access is an offset (plus a bit-field position). The VM evaluates
 * the tree with each node's own type (vm_type) deciding width and
 * signedness. A tree keeps the compiler and the VM simple and the program
 * easy to dump (-S). There is no separate verifier yet: the evaluator
 * treats a node that breaks these invariants as an ILLOP fault.
 *
 * Invariants the compiler guarantees:
 *  - kids[] of arithmetic/bitwise nodes have the node's own type;
 *  - comparison nodes have type int, and kids of one common type;
 *  - every lvalue (the first kid of ASSIGN/INC/DEC) is VAR, AVAR, DEREF,
 *    MEMBER (of an lvalue) or INDEX (of an lvalue);
 *  - ids index the tables of struct vm_prog.
 *
 * Everything in a vm_prog is owned by the program and freed by
 * vm_prog_free() (the compiler allocates the program in one arena).
 */
#ifndef UDT_VM_VM_ISA_H
#define UDT_VM_VM_ISA_H

#include <stddef.h>
#include <stdint.h>

/* --- Types as the VM sees them -------------------------------------- */

enum vm_tkind {
	VM_T_VOID = 0,
	VM_T_INT,    /* integers, enums, chars; size 1/2/4/8, sign */
	VM_T_PTR,    /* any pointer: an 8-byte unsigned address */
	VM_T_STRING, /* D string: NUL-terminated, at most strsize bytes */
	VM_T_BYTES,  /* struct, union or array value: size bytes */
	VM_T_FLOAT,  /* float/double/long double: declarable, not computable */
	VM_T_STACK,  /* stack()/ustack() value: usable as agg key / trace */
	VM_T_SYM, /* sym()/usym()/ufunc()/umod()/uaddr(): an address printed specially */
};

/* How a VM_T_SYM value prints (the function that produced it). */
enum vm_symkind {
	VM_SYM_SYM = 1,
	VM_SYM_FUNC,
	VM_SYM_MOD,
	VM_SYM_USYM,
	VM_SYM_UFUNC,
	VM_SYM_UMOD,
	VM_SYM_UADDR,
};

struct vm_type {
	uint8_t kind;	   /* enum vm_tkind */
	uint8_t is_signed; /* VM_T_INT only */
	uint8_t symkind; /* VM_T_SYM: enum vm_symkind; VM_T_STACK: 1 = ustack */
	uint8_t is_chars; /* VM_T_BYTES: an array of char, signed char or
			      unsigned char (trace() may print it as a
			      string); 0 for structs, unions, other arrays
			      (added; was padding) */
	uint32_t size;	  /* bytes: INT 1/2/4/8, PTR 8, STRING strsize,
			      BYTES the object size, STACK the frame limit */
	const char *name; /* C spelling for messages and print(); may be NULL */
};

/* --- Expression nodes ---------------------------------------------- */

enum vm_op {
	VM_OP_NOP = 0,
	/* leaves */
	VM_OP_CONST,	/* ival (already truncated/extended to type) */
	VM_OP_STRCONST, /* sval */
	VM_OP_VAR,	/* scalar variable: var (scope + id) */
	VM_OP_AVAR,	/* associative array element: var, kids = keys */
	VM_OP_BUILTIN,	/* built-in variable: ival = enum vm_builtin */
	VM_OP_ARG,	/* probe argument argN/args[N]: kids[0] = index */
	VM_OP_AGGREF,	/* reference to an aggregation (only as a subroutine
			   argument of printa/trunc/clear/...): ival = agg id */

	/* arithmetic, bitwise: two kids of the node's type */
	VM_OP_ADD,
	VM_OP_SUB,
	VM_OP_MUL,
	VM_OP_DIV,
	VM_OP_MOD,
	VM_OP_AND,
	VM_OP_OR,
	VM_OP_XOR,
	VM_OP_SHL,
	VM_OP_SHR,
	/* comparisons: result int 0/1; kids of one type (INT: by signedness;
	   PTR: unsigned; STRING: strcmp) */
	VM_OP_LT,
	VM_OP_LE,
	VM_OP_GT,
	VM_OP_GE,
	VM_OP_EQ,
	VM_OP_NE,
	/* logical: short-circuit; result int 0/1 */
	VM_OP_LAND,
	VM_OP_LOR,
	VM_OP_LXOR,
	VM_OP_LNOT,
	/* unary */
	VM_OP_NEG,
	VM_OP_BNOT,
	VM_OP_CAST,  /* kids[0] converted to the node's type */
	VM_OP_COND,  /* kids[0] ? kids[1] : kids[2] */
	VM_OP_COMMA, /* kids[0], kids[1]: value of kids[1] */

	/* memory and objects */
	VM_OP_DEREF,  /* *kids[0]: load type.size bytes from that address */
	VM_OP_MEMBER, /* kids[0] (BYTES value) . field: ival = byte offset,
			   bitoff/bitsize for bit-fields (bitsize 0: none):
			   bitsize bits starting bitoff bits after byte
			   ival, little-endian bit order (bit k is bit k%8
			   of byte ival + k/8) */
	VM_OP_INDEX,  /* kids[0] (BYTES array value)[kids[1]]: element of
			   the node's type; ival = number of elements (bound) */

	/* assignment (value = the stored value) */
	VM_OP_ASSIGN, /* kids[0] = lvalue, kids[1] = value (of lvalue type) */
	VM_OP_PREINC,
	VM_OP_PREDEC,
	VM_OP_POSTINC,
	VM_OP_POSTDEC,
	/* kids[0] = lvalue; ival = step (scaled for pointers) */

	VM_OP_CALL,	/* subroutine: ival = enum vm_subr, kids = arguments */
	VM_OP_STRINGOF, /* stringof(kids[0]) */
	VM_OP_NOP_LAST
};

enum vm_scope {
	VM_SCOPE_GLOBAL = 0,
	VM_SCOPE_TLS,	 /* self-> : per thread */
	VM_SCOPE_CLAUSE, /* this-> : per probe firing, shared by its clauses */
};

struct vm_node {
	uint16_t op; /* enum vm_op */
	uint16_t nkids;
	uint32_t line;	     /* D source line, for messages */
	struct vm_type type; /* type of the value this node yields */
	struct vm_node **kids;
	int64_t ival;
	const char *sval; /* STRCONST */
	struct {
		uint8_t scope; /* enum vm_scope */
		uint32_t id;   /* index into prog->vars */
	} var;
	uint16_t bitoff, bitsize; /* MEMBER of a bit-field */
};

/* Built-in variables (VM_OP_BUILTIN ival). */
enum vm_builtin {
	VM_BI_TIMESTAMP = 1,
	VM_BI_WALLTIMESTAMP,
	VM_BI_VTIMESTAMP,
	VM_BI_PID,
	VM_BI_TID,
	VM_BI_PPID,
	VM_BI_UID,
	VM_BI_GID,
	VM_BI_EXECNAME,
	VM_BI_PROBEPROV,
	VM_BI_PROBEMOD,
	VM_BI_PROBEFUNC,
	VM_BI_PROBENAME,
	VM_BI_EPID,
	VM_BI_ID,
	VM_BI_ERRNO,
	VM_BI_CPU,
	VM_BI_CURTHREAD,
	VM_BI_STACKDEPTH,
	VM_BI_USTACKDEPTH,
	VM_BI_CALLER,
	VM_BI_UCALLER,
	VM_BI_IPL,
	VM_BI_CWD,
	VM_BI_ROOT,
	VM_BI_EXECARGS,
	VM_BI_UREGS,	   /* uregs[kids[0]]: the only builtin with a kid */
	VM_BI_CURPSINFO,   /* psinfo_t * (host op builtin) */
	VM_BI_CURLWPSINFO, /* lwpsinfo_t * (host op builtin) */
	VM_BI_LAST
};

/*
 * Subroutines (VM_OP_CALL ival). Actions that record data are statements
 * (vm_stmt), not subroutines; these return a value. strtok(NULL, d) is
 * recognised by a first argument that is not of string type (a constant
 * 0, possibly under casts).
 */
enum vm_subr {
	VM_SUB_RAND = 1,
	VM_SUB_STRLEN,
	VM_SUB_STRJOIN,
	VM_SUB_SUBSTR,
	VM_SUB_INDEX,
	VM_SUB_RINDEX,
	VM_SUB_STRCHR,
	VM_SUB_STRRCHR,
	VM_SUB_STRSTR,
	VM_SUB_STRTOK,
	VM_SUB_BASENAME,
	VM_SUB_DIRNAME,
	VM_SUB_CLEANPATH,
	VM_SUB_LLTOSTR,
	VM_SUB_TOUPPER,
	VM_SUB_TOLOWER,
	VM_SUB_HTONS,
	VM_SUB_HTONL,
	VM_SUB_HTONLL,
	VM_SUB_NTOHS,
	VM_SUB_NTOHL,
	VM_SUB_NTOHLL,
	VM_SUB_INET_NTOA,
	VM_SUB_INET_NTOA6,
	VM_SUB_INET_NTOP,
	VM_SUB_ALLOCA,
	VM_SUB_BCOPY,
	VM_SUB_COPYIN,
	VM_SUB_COPYINSTR,
	VM_SUB_COPYINTO,
	VM_SUB_PROGENYOF,
	VM_SUB_SPECULATION,
	VM_SUB_STRTOLL,
	VM_SUB_GETMAJOR,
	VM_SUB_GETMINOR,
	VM_SUB_RW_ISWRITER,
	VM_SUB_MUTEX_OWNED,
	VM_SUB_STACK,
	VM_SUB_USTACK,
	VM_SUB_JSTACK,
	VM_SUB_SYM,
	VM_SUB_FUNC,
	VM_SUB_MOD,
	VM_SUB_USYM,
	VM_SUB_UFUNC,
	VM_SUB_UMOD,
	VM_SUB_UADDR,
	VM_SUB_COPYOUT,
	VM_SUB_COPYOUTSTR,
	VM_SUB_LAST
};

/* --- Statements ---------------------------------------------------- */

enum vm_stmt_kind {
	VM_ST_EXPR = 1, /* evaluate expr, discard */
	VM_ST_IF,	/* expr ? body : else_body */
	VM_ST_ACTION,	/* act + args (below) */
	VM_ST_AGG,	/* @agg[keys] = fn(args): agg id, keys, args.
			   args[0] is the value (none for count()); the
			   increment of quantize/lquantize/llquantize is
			   either args[1] (args = value, incr) or the D
			   argument list as written (lquantize: incr is
			   args[4], llquantize: args[5]); the constant
			   parameters are read from the vm_aggdesc */
};

/*
 * Actions. Each records data for the consumer (vm_rec.h), acts on the
 * VM (exit, speculate) or both. `args` as the comment says.
 */
enum vm_action {
	VM_ACT_TRACE = 1, /* args[0]: any value */
	VM_ACT_PRINTF,	  /* fmt; args: the printf arguments */
	VM_ACT_PRINTA,	  /* fmt (NULL: default layout); args: AGGREF... */
	VM_ACT_PRINT,	  /* args[0]: value printed with its type */
	VM_ACT_TRACEMEM,  /* args: addr, size[, dynamic size] */
	VM_ACT_STACK,	  /* args: [nframes] (kernel stack: empty for us) */
	VM_ACT_USTACK,	  /* args: [nframes[, strsize]] */
	VM_ACT_JSTACK,
	VM_ACT_EXIT,	    /* args[0]: status */
	VM_ACT_SPECULATE,   /* args[0]: speculation id */
	VM_ACT_COMMIT,	    /* args[0] */
	VM_ACT_DISCARD,	    /* args[0] */
	VM_ACT_CLEAR,	    /* args[0]: AGGREF */
	VM_ACT_TRUNC,	    /* args[0]: AGGREF, args[1] (optional): count */
	VM_ACT_NORMALIZE,   /* args: AGGREF, factor */
	VM_ACT_DENORMALIZE, /* args: AGGREF */
	VM_ACT_SETOPT,	    /* args: name[, value] (strings) */
	VM_ACT_SYSTEM,	    /* fmt; args (destructive) */
	VM_ACT_RAISE,	    /* args[0]: signal (destructive) */
	VM_ACT_STOP,	    /* destructive */
	VM_ACT_CHILL,	    /* args[0]: ns (destructive) */
	VM_ACT_FREOPEN,	    /* fmt; args (destructive) */
	VM_ACT_FTRUNCATE,
	VM_ACT_BREAKPOINT,
	VM_ACT_PANIC, /* refused by the compiler for us */
	/*
	 * Fault injection (destructive; udtrace's own): the syscall being
	 * entered is not run and returns what vm_host_ops.sc_override is
	 * given. SYSCALL_FAIL: args[0] errno (1..4095), the call fails with
	 * it (returns -errno); SYSCALL_RETURN: args[0] the int64 value it
	 * returns. They record nothing.
	 */
	VM_ACT_SYSCALL_FAIL,
	VM_ACT_SYSCALL_RETURN,
	VM_ACT_LAST
};

struct vm_stmt {
	uint16_t kind; /* enum vm_stmt_kind */
	uint16_t act;  /* VM_ST_ACTION: enum vm_action */
	uint32_t line;
	uint32_t action_no; /* 1-based index of this action in its clause,
				for "in action #N" messages */
	uint32_t agg;	    /* VM_ST_AGG: aggregation id */
	const char *fmt;    /* PRINTF/PRINTA/SYSTEM/FREOPEN format (or NULL) */
	struct vm_node *expr;  /* EXPR, IF condition */
	struct vm_node **keys; /* AGG keys */
	uint32_t nkeys;
	struct vm_node **args; /* ACTION arguments, AGG function args */
	uint32_t nargs;
	struct vm_stmt **body, **else_body; /* IF */
	uint32_t nbody, nelse;
};

/* --- Variables and aggregations ------------------------------------ */

struct vm_vardesc {
	const char *name;     /* without self->/this-> */
	uint8_t scope;	      /* enum vm_scope */
	uint8_t is_assoc;     /* associative array */
	uint32_t id;	      /* index in prog->vars */
	struct vm_type type;  /* value type (element type for assoc) */
	struct vm_type *keys; /* assoc key types */
	uint32_t nkeys;
	uint32_t line; /* first declaration or use */
};

enum vm_aggfn {
	VM_AGG_COUNT = 1,
	VM_AGG_SUM,
	VM_AGG_AVG,
	VM_AGG_MIN,
	VM_AGG_MAX,
	VM_AGG_STDDEV,
	VM_AGG_QUANTIZE,
	VM_AGG_LQUANTIZE,
	VM_AGG_LLQUANTIZE,
};

struct vm_aggdesc {
	const char *name;     /* without '@'; "" for the anonymous @ */
	uint32_t id;	      /* index in prog->aggs: declaration order */
	uint8_t fn;	      /* enum vm_aggfn */
	struct vm_type *keys; /* key types (VM_T_STACK/SYM keys allowed) */
	uint32_t nkeys;
	/* lquantize(value, base, limit[, step]) */
	int64_t lq_base, lq_limit, lq_step;
	/* llquantize(value, factor, low, high, nsteps) */
	uint16_t llq_factor, llq_low, llq_high, llq_nsteps;
	/*
	 * Number of int64 slots one entry holds, and their layout, fixed by
	 * fn (DTrace's layouts): COUNT/SUM/MIN/MAX 1; AVG 2 (count, sum);
	 * STDDEV 4 (count, sum, sum of squares as 128 bits lo, hi);
	 * QUANTIZE 127 (bucket 63 is 0, 64+i is [2^i, 2^(i+1)), 62-i the
	 * negatives); LQUANTIZE levels+2 (underflow, levels, overflow);
	 * LLQUANTIZE dtrace-utils' symmetric layout (vm_llq_nbuckets(),
	 * vm_rec.h), which has buckets for negative values too. The compiler
	 * leaves it 0; the VM fills it when it creates its state.
	 */
	uint32_t ndata;
	uint32_t line;
};

/* A probe description of a clause, split and with macros expanded. */
struct vm_probedesc {
	const char *prov, *mod, *func,
		*name;	  /* "" where empty; may hold globs */
	const char *text; /* as written (for "description 'X' matched") */
	uint32_t line;
};

struct vm_clause {
	uint32_t id;   /* index in prog->clauses (dt_clause_N) */
	uint32_t unit; /* index of the d_source it was compiled from */
	struct vm_probedesc *descs;
	uint32_t ndescs;
	struct vm_node *pred; /* NULL: always */
	struct vm_stmt **body;
	uint32_t nbody;
	uint8_t has_data; /* records data (so a non-quiet firing prints
				 the probe line); false only for clauses whose
				 every statement is an aggregation, a variable
				 assignment, or a non-recording action */
	uint32_t line;
};

struct vm_option {
	const char *name;  /* e.g. "quiet", "strsize" */
	const char *value; /* NULL for a flag */
	uint32_t line;
};

struct vm_prog {
	struct vm_clause **clauses;
	uint32_t nclauses;
	struct vm_vardesc **vars; /* every variable, all scopes, by id */
	uint32_t nvars;
	struct vm_aggdesc **aggs;
	uint32_t naggs;
	struct vm_option *options; /* #pragma D option, in source order */
	uint32_t noptions;
	uint32_t strsize;    /* string size the program was compiled for */
	uint32_t nspec_hint; /* unused by the VM; informational */
	void *arena;	     /* private to the allocator of the program */
	void (*free_fn)(struct vm_prog *); /* frees the whole program */
};

/* Frees a program through its free_fn; NULL is fine. */
static inline void
vm_prog_free(struct vm_prog *p)
{
	if (p && p->free_fn)
		p->free_fn(p);
}

#endif
