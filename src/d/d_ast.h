/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D compiler's front-end data: the compile control block (struct d_pcb,
 * dtrace's dt_pcb_t) and the abstract syntax tree the parser builds and the
 * checker (d_check.c, d_cg.c) consumes.
 *
 * Ownership: every node, string and list reachable from a pcb comes from the
 * pcb's arena (d_alloc/d_strdup) and is freed at once by d_pcb_release().
 * Nothing in the tree is freed individually.
 *
 * Errors: d_error() records {tag, line, message} in the pcb and longjmps to
 * pcb->jmp. d_parse() arms that jmp_buf itself; later passes (the checker)
 * arm it again with setjmp() before calling code that may call d_error().
 * longjmp never leaves src/d/.
 *
 * The tree is dtrace's dt_node_t style: one struct d_node with a kind tag,
 * a line number, a `next` link (every list in the tree is a chain of nodes
 * through `next`), three fields reserved for the checker, and a union of
 * per-kind payloads.  Each enumerator of enum d_node_kind says which union
 * member it uses.
 */
/* AST-STABLE */
/*
 * Stability promise (for the checker): from here on fields and enumerators
 * are only added, never renamed, removed or reordered.
 */
#ifndef UDT_D_AST_H
#define UDT_D_AST_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "d/d_errtags.h"

struct d_type;	      /* the checker's type; defined in d_type.h */
struct d_arena_chunk; /* private to d_ast.c */
struct d_tdtab;	      /* typedef-name table, private to d_ast.c */

/*
 * ---------------------------------------------------------------------
 * Compile control block
 * ---------------------------------------------------------------------
 */

/* d_pragma.kind */
#define D_PRAGMA_OPTION 0     /* #pragma D option (pcb->pragmas) */
#define D_PRAGMA_ATTRIBUTES 1 /* #pragma D attributes (xpragmas) */
#define D_PRAGMA_BINDING 2    /* #pragma D binding (xpragmas) */

/*
 * One `#pragma D option name[=value]` line (in pcb->pragmas), or one
 * `#pragma D attributes ATTR IDENT` / `#pragma D binding "VERS" IDENT` line
 * (in pcb->xpragmas: name is "attributes"/"binding", value the attribute
 * or version text, ident the identifier; for "attributes ATTR provider P
 * PART" ident is NULL: a provider's attributes). dtrace applies the latter to a global identifier of
 * the program when it is defined; if none ever is, the compile fails with
 * D_PRAGMA_UNUSED "unused #pragma attributes" at `line` (the checker's
 * check), and naming an entity defined outside the program is
 * D_PRAGMA_SCOPE "#pragma attributes cannot modify entity defined outside
 * program scope".
 */
struct d_pragma {
	struct d_pragma *next;
	const char *name;  /* option name as written ("quiet", "bufsize") */
	const char *value; /* text after '=', or NULL when there was no '=' */
	int line;	   /* line of the #pragma */
	int kind;	   /* D_PRAGMA_* */
	const char *ident; /* attributes/binding: the identifier */
};

/*
 * A macro variable ($pid, $target, ...). dtrace's macro variables are all
 * id_t (unsigned 32-bit); `$name` in an expression becomes the integer
 * constant (int)value, `$$name` the string of the decimal value.
 */
struct d_macro {
	const char *name; /* without the '$': "pid", "target", ... */
	uint32_t value;
};

#define D_MAX_MACROS 16

/* pcb->cflags bits */
#define D_CF_DEFARGS 0x1 /* -x defaultargs: unset $N is 0 / "" */
#define D_CF_PSPEC                                                             \
	0x2 /* program text came from -n (dtrace's
				 * DTRACE_C_PSPEC): text at the top level is
				 * taken as a probe description even where it
				 * could be read as a type name */
#define D_CF_ERRTAGS                                                           \
	0x4 /* -x errtags: only changes how the session
				 * prints; the pcb keeps tag and text apart */

/* The kind of source, for the session's message ("failed to compile
 * script X" versus "invalid probe specifier X"). Note: d.h has an enum of
 * the same name for d_compile()'s units; a file must not include both
 * (d_check.h bridges them). */
enum d_srckind {
	D_SRC_SCRIPT = 0, /* -s FILE (name = FILE) */
	D_SRC_PSPEC,	  /* -n TEXT (name = TEXT) */
	D_SRC_STRING,	  /* any other string (tests, -P/-m/-f/-i) */
};

struct d_pcb {
	/* ---- inputs, set by the caller before d_parse() ---- */
	const char *src;  /* program text (need not be NUL-terminated) */
	size_t srclen;	  /* its length in bytes */
	const char *name; /* script name or -n text, for messages */
	enum d_srckind srckind;
	unsigned cflags; /* D_CF_* */
	/* Which field a short probe description ends at: D_PSPEC_NAME for
	 * programs and -n (d_pcb_init's default), D_PSPEC_PROVIDER /
	 * MODULE / FUNC when compiling the text of -P / -m / -f (dtrace's
	 * pcb_pspec). enum d_pspec is declared below. */
	int pspec;
	/* Macro arguments: argv[0] is $0 (the script name), argv[1..] are
	 * $1..$N. A $N with N >= argc is an error (D_MACRO_UNDEF "macro
	 * argument $N is not defined") unless D_CF_DEFARGS, when $N is 0
	 * and $$N is "". Strings are the caller's and must outlive the pcb
	 * (or at least d_parse()). */
	const char *const *argv;
	int argc;
	/* Set by d_parse: argref[i] != 0 when $i or $$i was used (for
	 * dtrace's D_MACRO_UNUSED check, which the caller may do). Arena
	 * array of argc entries, NULL if argc == 0. */
	unsigned char *argref;
	/* Macro variables. d_pcb_init() fills the standard set from the
	 * calling process (pid ppid pgid sid uid gid euid egid, and target
	 * projid taskid = 0); d_pcb_set_macro() changes or adds one (the
	 * session sets "target" for -c/-p). */
	struct d_macro macros[D_MAX_MACROS];
	int nmacros;
	/* Maximum nesting depth (parentheses, unary operators, statements,
	 * declarators) before a D_SYNTAX "memory exhausted near ..." error
	 * (bison's message when its stack overflows). d_pcb_init sets 256. */
	int maxdepth;
	/* Optional: called for each "#pragma D option NAME[=VALUE]" when it
	 * is read, as dtrace applies options at that moment (the entry is
	 * also added to pcb->pragmas). Return NULL to accept, or the reason
	 * ("Invalid option name"), which fails the compile with D_PRAGMA_OPTSET
	 * "failed to set option 'NAME': REASON" (or "... 'NAME' to 'VALUE':
	 * REASON") at the pragma's line. */
	const char *(*option_cb)(void *arg, const char *name,
				 const char *value);
	void *option_arg;
	/* Optional: "#pragma D depends_on provider|module NAME": return
	 * non-zero if it exists (called with option_arg). NULL: accepted.
	 * Otherwise D_PRAGMA_DEPEND "program requires provider NAME". */
	int (*depends_cb)(void *arg, const char *cls, const char *name);

	/* ---- outputs of d_parse() ---- */
	struct d_node *prog;	   /* chain of top-level items (see below) */
	struct d_pragma *pragmas;  /* #pragma D option lines, source order */
	struct d_pragma *xpragmas; /* #pragma D attributes/binding lines */

	/* ---- error state, valid after d_parse()/d_error() failed ---- */
	int err_set;		/* 1 once d_error() ran */
	enum d_errtag err_tag;	/* D_SYNTAX, ... */
	int err_line;		/* source line, 1-based; 0 = no line */
	const char *err_region; /* NULL, or the region being compiled,
				 * such as "action list" or "predicate"
				 * (dtrace's yylabel/pcb_region), set by
				 * the checker; printed as "in REGION: "
				 * only when no line is printed */
	char err_msg[1024];	/* message only: no tag, no "line N: ", no
				 * trailing newline */

	/* ---- private ---- */
	jmp_buf jmp;   /* target of d_error()'s longjmp */
	int jmp_armed; /* d_error() without it armed aborts() */
	struct d_arena_chunk *arena;
	struct d_tdtab *typedefs; /* parser's typedef-name scope table */
	void *lex;		  /* lexer state (d_lex.h) during d_parse() */
	void *checker;		  /* free for the checker's own state */
};

/* Zero *pcb and set defaults (macros, maxdepth). No allocation yet. */
void d_pcb_init(struct d_pcb *pcb);
/* Free the arena (every node and string) and zero the pcb's outputs. The
 * pcb may be d_pcb_init()ed again afterwards. */
void d_pcb_release(struct d_pcb *pcb);
/* Set (or add) macro variable $name (name is kept by pointer: pass a
 * string that outlives the pcb); returns -1 if the table is full. */
int d_pcb_set_macro(struct d_pcb *pcb, const char *name, uint32_t value);
/* Declare a typedef name in advance (for names from outside the program,
 * such as a library of declarations). The D built-ins are pre-seeded:
 * int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t
 * intptr_t uintptr_t size_t ssize_t off_t off64_t pid_t id_t uid_t gid_t
 * time_t dev_t ino_t mode_t nlink_t caddr_t uchar_t ushort_t uint_t
 * ulong_t u_longlong_t longlong_t processorid_t psetid_t zoneid_t
 * taskid_t projid_t hrtime_t clock_t daddr_t key_t suseconds_t
 * timespec_t timeval_t ipaddr_t in_addr_t in_port_t sa_family_t socklen_t
 * (see d_ast.c builtin_typedefs[]). */
void d_pcb_add_typedef(struct d_pcb *pcb, const char *name);
/* Non-zero if name is currently a typedef name for the parser. */
int d_pcb_is_typedef(struct d_pcb *pcb, const char *name);

/* Arena allocation: zeroed memory, aligned for any type, freed by
 * d_pcb_release(). Never returns NULL (dies through xalloc on OOM). */
void *d_alloc(struct d_pcb *pcb, size_t n);
char *d_strdup(struct d_pcb *pcb, const char *s);
char *d_strndup(struct d_pcb *pcb, const char *s, size_t n);
char *d_asprintf(struct d_pcb *pcb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Record the error (tag, line, printf-style message; the last newline is
 * dropped, as dt_set_errmsg does) and longjmp to pcb->jmp. Each call
 * replaces the previous error. */
void d_error(struct d_pcb *pcb, int line, enum d_errtag tag, const char *fmt,
	     ...) __attribute__((format(printf, 4, 5), noreturn));
/* Record an error without jumping; returns -1. */
int d_error_set(struct d_pcb *pcb, int line, enum d_errtag tag, const char *fmt,
		...) __attribute__((format(printf, 4, 5)));
/* Write dtrace's error text (dt_set_errmsg) into buf:
 * "[TAG] " (only if with_tag) + "line N: " (if with_line and err_line >
 * 0), else "in REGION: " (if err_region) + message. dtrace gives the line
 * for files (-s) and not for strings (-n); the caller decides with_line.
 * E.g. "[D_SYNTAX] line 3: syntax error near \"}\"". */
void d_error_format(const struct d_pcb *pcb, char *buf, size_t size,
		    int with_tag, int with_line);

/* Parse pcb->src into pcb->prog. 0 on success; -1 on error with err_*
 * set (never longjmps out). A program with no items is not an error
 * here (dtrace's D_EMPTY check is the checker's). */
int d_parse(struct d_pcb *pcb);

/*
 * Parse text as one D type name (dtrace's DT_CTX_DTYPE context), such as a
 * probe argument type: "char *", "struct foo", "uint64_t [4]". Every
 * identifier in the specifiers is taken as a typedef name. Uses pcb's arena
 * and typedef table; pcb->src, pcb->prog and an armed pcb->jmp are left as
 * they were (callable from inside the checker). Returns a D_N_TYPENAME, or
 * NULL with err_* set (D_SYNTAX ...).
 */
struct d_node *d_parse_type(struct d_pcb *pcb, const char *text);

/*
 * ---------------------------------------------------------------------
 * Probe descriptions
 * ---------------------------------------------------------------------
 */

/* Which field a description with fewer than four parts ends at. */
enum d_pspec {
	D_PSPEC_PROVIDER = 0, /* -P */
	D_PSPEC_MODULE,	      /* -m */
	D_PSPEC_FUNC,	      /* -f */
	D_PSPEC_NAME,	      /* -n and programs */
};

/* The four fields; never NULL, "" means any. Globs kept as written. */
struct d_pdesc {
	const char *provider;
	const char *module;
	const char *function;
	const char *name;
};

/*
 * Split text (one description as written) into *pd, right-aligned at
 * field `kind` (dtrace_xstr2desc): with kind D_PSPEC_NAME "BEGIN" is name,
 * "a:b" is function:name, "a:b:c" module:function:name. In each field the
 * first '$' starts a macro: $N / $$N (argument N, then any text after the
 * digits is kept: "pid$1x"), or $name / $$name (macro variable, the rest
 * of the field is its name; value printed "%d"). Errors (returns -1, sets
 * err_* with D_PDESC_INVAL at `line`, no longjmp):
 *   invalid probe description "TEXT": Overspecified probe description
 *   invalid probe description "TEXT": Undefined macro variable in probe
 *   description
 * Marks pcb->argref[N] for arguments used.
 */
int d_pdesc_split(struct d_pcb *pcb, const char *text, enum d_pspec kind,
		  struct d_pdesc *pd, int line);

/* The description with its macros expanded, fields joined by ':' as
 * written ("pid$target::f:entry" -> "pid123::f:entry"); NULL with err_*
 * set on error (as d_pdesc_split). */
char *d_pdesc_expand(struct d_pcb *pcb, const char *text, int line);

/*
 * ---------------------------------------------------------------------
 * Operators
 * ---------------------------------------------------------------------
 */
enum d_op {
	D_OP_NONE = 0,
	/* binary (D_N_BINARY) */
	D_OP_COMMA, /* a , b */
	D_OP_LOR,   /* || */
	D_OP_LXOR,  /* ^^ */
	D_OP_LAND,  /* && */
	D_OP_BOR,   /* | */
	D_OP_XOR,   /* ^ */
	D_OP_BAND,  /* & */
	D_OP_EQ,    /* == */
	D_OP_NE,    /* != */
	D_OP_LT,    /* < */
	D_OP_LE,    /* <= */
	D_OP_GT,    /* > */
	D_OP_GE,    /* >= */
	D_OP_LSH,   /* << */
	D_OP_RSH,   /* >> */
	D_OP_ADD,   /* + */
	D_OP_SUB,   /* - */
	D_OP_MUL,   /* * */
	D_OP_DIV,   /* / */
	D_OP_MOD,   /* % */
	/* assignment (D_N_ASSIGN) */
	D_OP_ASGN,   /* = */
	D_OP_ADD_EQ, /* += */
	D_OP_SUB_EQ, /* -= */
	D_OP_MUL_EQ, /* *= */
	D_OP_DIV_EQ, /* /= */
	D_OP_MOD_EQ, /* %= */
	D_OP_AND_EQ, /* &= */
	D_OP_XOR_EQ, /* ^= */
	D_OP_OR_EQ,  /* |= */
	D_OP_LSH_EQ, /* <<= */
	D_OP_RSH_EQ, /* >>= */
	/* unary (D_N_UNARY) */
	D_OP_PLUS,     /* +e */
	D_OP_NEG,      /* -e */
	D_OP_LNEG,     /* !e */
	D_OP_BNEG,     /* ~e */
	D_OP_PREINC,   /* ++e */
	D_OP_PREDEC,   /* --e */
	D_OP_POSTINC,  /* e++ */
	D_OP_POSTDEC,  /* e-- */
	D_OP_DEREF,    /* *e */
	D_OP_ADDROF,   /* &e */
	D_OP_SIZEOF,   /* sizeof e (expression form) */
	D_OP_STRINGOF, /* stringof e */
	D_OP_COUNT_    /* not an operator */
};

/* The operator's spelling ("+=", "sizeof", ...); "?" if unknown. */
const char *d_op_name(enum d_op op);

/*
 * ---------------------------------------------------------------------
 * Types as written (declaration specifiers + declarators)
 * ---------------------------------------------------------------------
 */

/* Storage class / scope in a declaration (at most one). */
enum d_storage {
	D_SC_NONE = 0,
	D_SC_EXTERN,
	D_SC_STATIC,
	D_SC_TYPEDEF,
	D_SC_SELF,     /* self int x;   thread-local */
	D_SC_THIS,     /* this int x;   clause-local */
	D_SC_AUTO,     /* parsed; the checker rejects (D_DECL_BADCLASS) */
	D_SC_REGISTER, /* parsed; the checker rejects (D_DECL_BADCLASS) */
};

/*
 * The base type named by the specifiers, normalised by the parser from the
 * keyword combination (dtrace's dt_decl_spec rules: "unsigned" alone is
 * UINT, "long int" is LONG, "signed char" SCHAR, plain "char" CHAR, ...).
 * Invalid combinations ("short char", "unsigned string") are D_DECL_COMBO /
 * D_DECL_SIGNINT / D_DECL_LONGINT errors from the parser.
 */
enum d_base {
	D_BT_NONE = 0, /* no type specifier (declaration defaults
				 * to int where C allows; checker decides) */
	D_BT_VOID,
	D_BT_CHAR,
	D_BT_SCHAR,
	D_BT_UCHAR,
	D_BT_SHORT,
	D_BT_USHORT,
	D_BT_INT,
	D_BT_UINT,
	D_BT_LONG,
	D_BT_ULONG,
	D_BT_LLONG,
	D_BT_ULLONG,
	D_BT_FLOAT,
	D_BT_DOUBLE,
	D_BT_LDOUBLE,
	D_BT_STRING,
	D_BT_TYPEDEF, /* ds_name is the typedef name */
	D_BT_STRUCT,  /* ds_name tag (NULL if anonymous) */
	D_BT_UNION,
	D_BT_ENUM,
};

/* Type qualifiers (bits). */
#define D_TQ_CONST 0x1
#define D_TQ_VOLATILE 0x2
#define D_TQ_RESTRICT 0x4

/* Declaration specifiers: storage class + qualifiers + base type. */
struct d_declspec {
	enum d_storage storage;
	unsigned quals; /* D_TQ_* */
	enum d_base base;
	const char *name; /* typedef name, or struct/union/enum tag */
	/* For struct/union/enum with a body ({...} present): */
	int has_body;		/* 1 if a { } body was given (even empty) */
	struct d_node *members; /* struct/union: chain of D_N_MEMBER;
				 * enum: chain of D_N_ENUMERATOR */
	int line;		/* line of the first specifier */
	/* The specifier keywords as written, for messages: "unsigned long",
	 * "struct foo", "uint64_t". */
	const char *text;
};

/* One step of a declarator, applied to a type (see struct d_declarator). */
enum d_deriv_kind {
	D_DV_POINTER, /* pointer to; quals apply to the pointer */
	D_DV_ARRAY,   /* array of: dim (expression) or NULL for [];
				 * assoc != NULL for an associative array
				 * declaration `int a[string, int]`: chain of
				 * D_N_TYPENAME giving the key types */
	D_DV_FUNC,    /* function (params) returning */
};

struct d_deriv {
	struct d_deriv *next; /* next step to apply (outward) */
	enum d_deriv_kind kind;
	unsigned quals;	       /* D_DV_POINTER: D_TQ_* of the pointer */
	struct d_node *dim;    /* D_DV_ARRAY: dimension expression or NULL */
	struct d_node *assoc;  /* D_DV_ARRAY: key type list, see above */
	struct d_node *params; /* D_DV_FUNC: chain of D_N_PARAM */
	int varargs;	       /* D_DV_FUNC: 1 if "..." ends the list */
};

/*
 * A declarator: the declared name and the derivation steps.
 * Application order: start from the base type of the declspec and apply
 * `deriv` in list order, each step wrapping the type built so far.
 *   int *a[4]       deriv = POINTER -> ARRAY(4)      (array of 4 int*)
 *   int (*fp)(int)  deriv = FUNC(int) -> POINTER     (pointer to function)
 *   char **p        deriv = POINTER -> POINTER
 */
struct d_declarator {
	const char *name;      /* NULL for abstract declarators (type names) */
	struct d_deriv *deriv; /* NULL: the base type itself */
	int line;
};

/*
 * ---------------------------------------------------------------------
 * Nodes
 * ---------------------------------------------------------------------
 */

enum d_node_kind {
	D_N_NONE = 0,

	/* ---- top-level items (pcb->prog chain) ---- */
	D_N_CLAUSE,   /* u.clause: probe clause */
	D_N_DECL,     /* u.decl: declaration (variables, typedefs,
			 * struct/union/enum definitions, extern) */
	D_N_INLINE,   /* u.inl: inline TYPE NAME = expr; */
	D_N_XLATOR,   /* u.xlator: translator declaration */
	D_N_PROVIDER, /* u.provider: provider declaration */

	/* ---- parts ---- */
	D_N_PDESC,	/* u.pdesc: one probe description of a clause */
	D_N_TYPENAME,	/* u.tname: a type name (cast, sizeof, ...) */
	D_N_DECLARATOR, /* u.dtor: one declarator of a D_N_DECL */
	D_N_MEMBER,	/* u.member: struct/union member declaration */
	D_N_ENUMERATOR, /* u.enumerator: NAME [= expr] */
	D_N_PARAM,	/* u.param: function/probe parameter */
	D_N_XLMEMBER,	/* u.xlmember: translator member = expr */
	D_N_PROBEDECL,	/* u.probedecl: probe NAME(params) in a provider */

	/* ---- statements (clause bodies) ---- */
	/* Grammar as Oracle D 2.0: statements end with ';' except the last
	 * one of a { } list; a { } block is the body of an if or else (and,
	 * as a udtrace leniency, a statement of its own). Empty statements
	 * ";" are dropped from lists (D_N_EMPTY is used only for
	 * "if (c) ;"). */
	D_N_EXPRSTMT, /* u.stmt.expr: expression ; */
	D_N_IF,	      /* u.ifs: if (cond) then [else else] */
	D_N_BLOCK,    /* u.block.stmts: { stmts } */
	D_N_EMPTY,    /* empty statement ";" (no payload) */

	/* ---- expressions ---- */
	D_N_INT,	 /* u.i: integer constant */
	D_N_CHAR,	 /* u.c: character constant */
	D_N_STRING,	 /* u.str: string constant */
	D_N_IDENT,	 /* u.ident: identifier, self->x, this->x, `sym */
	D_N_AGG,	 /* u.agg: @name (keys are an INDEX node around it) */
	D_N_UNARY,	 /* u.unary: op e  /  e op (POSTINC, POSTDEC) */
	D_N_BINARY,	 /* u.binary: l op r (incl. D_OP_COMMA) */
	D_N_ASSIGN,	 /* u.binary: l op= r (op is D_OP_ASGN...RSH_EQ) */
	D_N_COND,	 /* u.cond: c ? t : f */
	D_N_CALL,	 /* u.call: fn(args) */
	D_N_INDEX,	 /* u.index: base[args] (multiple subscripts) */
	D_N_MEMBEROF,	 /* u.memberof: base.name / base->name */
	D_N_CAST,	 /* u.cast: (type) e */
	D_N_SIZEOF_TYPE, /* u.cast (e NULL): sizeof (type) */
	D_N_OFFSETOF,	 /* u.offs: offsetof(type, member) */
	D_N_XLATE,	 /* u.cast: xlate<type>(e) */

	D_N_KIND_COUNT_ /* not a kind */
};

/* Integer constant flags (u.i.flags). */
#define D_INT_U 0x1	/* u/U suffix */
#define D_INT_L 0x2	/* l/L suffix */
#define D_INT_LL 0x4	/* ll/LL suffix (D_INT_L not set then) */
#define D_INT_MACRO 0x8 /* came from a $N / $name macro */
#define D_INT_NEG                                                              \
	0x10 /* from a macro argument "-N": the constant is
				 * the negation of value (dtrace's
				 * yyintprefix '-'); value holds N */

/* Identifier scope (u.ident.scope). */
enum d_idscope {
	D_ID_PLAIN = 0, /* x: global variable, builtin, enum constant,
			 * inline, function name... (checker resolves) */
	D_ID_SELF,	/* self->x (name is "x") */
	D_ID_THIS,	/* this->x (name is "x") */
};

struct d_node {
	enum d_node_kind kind;
	int line;	     /* source line (1-based) where it starts */
	struct d_node *next; /* next node in the list this node is on */

	/* Reserved for the checker; the parser leaves them zero. */
	struct d_type *type;
	void *aux;
	unsigned long cflags;

	union {
		/* D_N_CLAUSE */
		struct {
			struct d_node *pdescs; /* chain of D_N_PDESC (>= 1) */
			struct d_node *pred;   /* predicate expr or NULL */
			struct d_node *stmts;  /* chain of statements;
						 * NULL for "{}" or no body */
			int has_body;	       /* 0 if no { } at all
						 * (description alone) */
		} clause;

		/* D_N_PDESC */
		struct {
			const char *text;     /* as written (before macro
						 * expansion) */
			const char *expanded; /* after $ macro expansion */
			struct d_pdesc pd;    /* expanded, split at
						 * pcb->pspec; dtrace's
						 * D_PDESC_ZERO message is
						 * "probe description
						 * P:M:F:N does not match any
						 * probes" with these */
			int by_id;	      /* 1: the description was an
						 * integer probe ID (dtrace's
						 * dt_node_pdesc_by_id); pd
						 * fields are "" then */
			uint64_t id;	      /* the ID when by_id */
		} pdesc;

		/* D_N_DECL */
		struct {
			struct d_declspec *spec;
			struct d_node *dtors; /* chain of D_N_DECLARATOR;
						 * NULL for "struct s {..};"
						 * with no declarator */
		} decl;

		/* D_N_DECLARATOR */
		struct d_declarator dtor;

		/* D_N_TYPENAME */
		struct {
			struct d_declspec *spec;
			struct d_declarator dtor; /* abstract: name NULL
						   * (a PARAM may name it) */
		} tname;

		/* D_N_MEMBER: one declarator of a member declaration
		 * (struct s { int a, b:3; } gives two D_N_MEMBER sharing
		 * spec) */
		struct {
			struct d_declspec *spec;
			struct d_declarator dtor;
			struct d_node *bitwidth; /* expr or NULL */
		} member;

		/* D_N_ENUMERATOR */
		struct {
			const char *name;
			struct d_node *value; /* expr or NULL (previous+1) */
		} enumerator;

		/* D_N_PARAM: parameter of a function declarator or probe
		 * prototype; also translator input "(type NAME)". */
		struct {
			struct d_declspec *spec;
			struct d_declarator dtor; /* name may be NULL */
		} param;

		/* D_N_INLINE */
		struct {
			struct d_declspec *spec;
			struct d_declarator dtor; /* name = inline's name */
			struct d_node *expr;
		} inl;

		/* D_N_XLATOR: translator OUT < IN NAME > { members }; */
		struct {
			struct d_node *out;	/* D_N_TYPENAME: output type */
			struct d_node *in;	/* D_N_PARAM: input type and
						 * name */
			struct d_node *members; /* chain of D_N_XLMEMBER */
		} xlator;

		/* D_N_XLMEMBER */
		struct {
			const char *name;
			struct d_node *expr;
		} xlmember;

		/* D_N_PROVIDER: provider NAME { probe ...; }; */
		struct {
			const char *name;
			struct d_node *probes; /* chain of D_N_PROBEDECL */
		} provider;

		/* D_N_PROBEDECL: probe NAME(in-params) [: (out-params)]; */
		struct {
			const char *name;	/* as written ("foo__bar") */
			struct d_node *params;	/* chain of D_N_PARAM */
			struct d_node *xparams; /* after ':', or NULL */
			int has_xparams;
		} probedecl;

		/* D_N_EXPRSTMT */
		struct {
			struct d_node *expr;
		} stmt;

		/* D_N_IF */
		struct {
			struct d_node *cond;
			struct d_node *then_stmt; /* one statement */
			struct d_node *else_stmt; /* or NULL */
		} ifs;

		/* D_N_BLOCK */
		struct {
			struct d_node *stmts; /* chain, may be NULL */
		} block;

		/* D_N_INT */
		struct {
			uint64_t value;	  /* magnitude as parsed */
			unsigned flags;	  /* D_INT_* */
			int base;	  /* 8, 10 or 16 (C: decimal
						 * constants type differently
						 * from octal/hex) */
			const char *text; /* spelling, for messages */
		} i;

		/* D_N_CHAR: a character constant. dtrace makes every
		 * character constant an integer constant typed like a
		 * decimal constant without suffix (so 'a' is an int).
		 * The bytes (after escapes, taken as unsigned) are packed
		 * first-byte-most-significant: 'ab' == ('a' << 8) | 'b',
		 * '\377' == 255. At most 8 bytes. */
		struct {
			int64_t value;
			int nchars; /* bytes after escapes, >= 1 */
		} c;

		/* D_N_STRING: escapes processed; s is NUL-terminated, len
		 * excludes that NUL (s may contain embedded "\0", which
		 * ends the string for D) */
		struct {
			const char *s;
			size_t len;
		} str;

		/* D_N_IDENT */
		struct {
			const char *name; /* as written; backquoted
						 * names keep their
						 * backquotes ("`sym",
						 * "mod`sym") */
			enum d_idscope scope;
			int backquote; /* 1 if name has a '`' */
		} ident;

		/* D_N_AGG: name without '@'; "_" for a bare "@" (dtrace
		 * names the anonymous aggregation "@_") */
		struct {
			const char *name;
		} agg;

		/* D_N_UNARY */
		struct {
			enum d_op op;
			struct d_node *e;
		} unary;

		/* D_N_BINARY, D_N_ASSIGN */
		struct {
			enum d_op op;
			struct d_node *l, *r;
		} binary;

		/* D_N_COND */
		struct {
			struct d_node *c, *t, *f;
		} cond;

		/* D_N_CALL: fn is the callee expression (a D_N_IDENT for
		 * every valid call; anything else is the checker's
		 * D_FUNC_IDENT). name is fn's identifier or NULL. */
		struct {
			struct d_node *fn;
			const char *name;
			struct d_node *args; /* chain, NULL if none */
			int nargs;
		} call;

		/* D_N_INDEX: base[a, b, ...]; base may be a D_N_AGG
		 * (@a[k] = count()), an identifier (assoc or scalar
		 * array), or any expression (pointer/array index). */
		struct {
			struct d_node *base;
			struct d_node *args; /* chain (>= 1) */
			int nargs;
		} index;

		/* D_N_MEMBEROF */
		struct {
			struct d_node *base;
			const char *name;
			int arrow; /* 1 for ->, 0 for . */
		} memberof;

		/* D_N_CAST, D_N_SIZEOF_TYPE, D_N_XLATE */
		struct {
			struct d_node *tname; /* D_N_TYPENAME */
			struct d_node *e;     /* NULL for SIZEOF_TYPE */
		} cast;

		/* D_N_OFFSETOF (named offs: offsetof is a libc macro) */
		struct {
			struct d_node *tname; /* D_N_TYPENAME */
			const char *member;
		} offs;
	} u;
};

/* Node constructors (d_ast.c): zeroed node of `kind` at `line`. */
struct d_node *d_node_new(struct d_pcb *pcb, enum d_node_kind kind, int line);
/* Append b's chain to a's chain; returns the head (a, or b if a NULL). */
struct d_node *d_node_append(struct d_node *a, struct d_node *b);
/* Number of nodes in a chain. */
int d_node_count(const struct d_node *n);
/* Kind name ("D_N_CLAUSE") for debugging. */
const char *d_node_kind_name(enum d_node_kind kind);

/* Dump n and every node after it on its `next` chain as S-expressions,
 * one per line (format described in d_ast.c); used by t_parse.c. */
void d_ast_dump(FILE *fp, const struct d_node *n);
/* Dump the whole program (pcb->prog) and pragmas. */
void d_ast_dump_prog(FILE *fp, const struct d_pcb *pcb);

#endif
