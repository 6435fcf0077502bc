/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * D's type system without CTF: the C integer types with their LP64 sizes,
 * float/double/long double (declarable only), D's `string`, void, pointers,
 * arrays, struct/union (C layout rules, bit-fields), enums, typedefs and
 * function types for subroutine prototypes, plus the special types dtrace
 * gives stack(), sym() & co. It also owns the allocation arena every
 * compile-time and program object comes from (struct d_arena), C's integer
 * promotions and usual arithmetic conversions, type compatibility as
 * dtrace's dt_node_is_argcompat() defines it, and type names as
 * ctf_type_name() spells them ("char *", "char [16]", "struct foo").
 *
 * Ownership: every type lives in the arena given to d_types_create(); the
 * name tables are heap hashes freed by d_types_destroy(). Types are never
 * freed one by one.
 */
#ifndef UDT_D_D_TYPE_H
#define UDT_D_D_TYPE_H

#include <stddef.h>
#include <stdint.h>

#include "vm/vm_isa.h"

/* --- Arena ------------------------------------------------------------ */

struct d_arena;

/* A new, empty arena (never NULL; dies through xalloc on OOM). */
struct d_arena *d_arena_create(void);
/* Frees every block of the arena and the arena itself; NULL is fine. */
void d_arena_destroy(struct d_arena *a);
/* Zeroed memory aligned for any type; never NULL. */
void *d_arena_alloc(struct d_arena *a, size_t n);
/* Copies into the arena; NULL gives NULL. */
char *d_arena_strdup(struct d_arena *a, const char *s);
char *d_arena_strndup(struct d_arena *a, const char *s, size_t n);
char *d_arena_printf(struct d_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* --- Types ------------------------------------------------------------ */

enum d_tkind {
	D_T_VOID = 1,
	D_T_INT,    /* all integers incl. char and _Bool */
	D_T_FLOAT,  /* float, double, long double */
	D_T_STRING, /* D string */
	D_T_PTR,    /* pointer to ref */
	D_T_ARRAY,  /* nelems x ref */
	D_T_STRUCT,
	D_T_UNION,
	D_T_ENUM,    /* int-sized, signed */
	D_T_TYPEDEF, /* name for ref */
	D_T_FUNC,    /* ref (..params) */
	D_T_DYN,     /* dynamic: aggregations, actions (dtrace's <DYN>) */
	D_T_STACK,   /* stack()/ustack()/jstack() value */
	D_T_SYM,     /* sym()/func()/mod()/usym()/ufunc()/umod()/uaddr() */
};

struct d_type;

struct d_member {
	const char *name; /* NULL for an unnamed bit-field */
	struct d_type *type;
	uint64_t off;	  /* byte offset (of the storage unit for a
				 bit-field) */
	uint16_t bitoff;  /* bit-field: bit offset in the unit, from
				 the least significant bit (little endian) */
	uint16_t bitsize; /* 0: not a bit-field */
};

struct d_enumer {
	const char *name;
	int64_t value;
};

struct d_type {
	uint8_t kind;	   /* enum d_tkind */
	uint8_t is_signed; /* INT; ENUM is signed */
	uint8_t is_char;   /* char, signed char, unsigned char */
	uint8_t complete;  /* STRUCT/UNION/ENUM: body seen */
	uint8_t varargs;   /* FUNC */
	uint8_t symkind;   /* SYM: enum vm_symkind; STACK: 1 = user */
	uint8_t is_const;  /* const-qualified */
	uint64_t size;
	uint32_t align;
	const char *name;   /* INT/FLOAT: C spelling; TYPEDEF: its name;
				 STRUCT/UNION/ENUM: tag or NULL */
	struct d_type *ref; /* PTR target, ARRAY element, TYPEDEF target,
				 FUNC return type */
	uint64_t nelems;    /* ARRAY */
	struct d_member *members;
	uint32_t nmembers;
	struct d_enumer *enums;
	uint32_t nenums;
	struct d_type **params; /* FUNC */
	uint32_t nparams;
	struct d_type *ptr; /* cache: pointer to this type */
	struct d_type *cq;  /* cache: const-qualified copy */
	struct d_type *unq; /* const copy: the unqualified type */
	const char *cname;  /* cache of d_type_aname() */
	const void *defsrc; /* STRUCT/UNION/ENUM: the declaration that
				 defined the body (the checker's) */
};

/* The type universe: built-in types and the name tables. */
struct d_types {
	struct d_arena *arena;
	struct htab *names; /* "int", "unsigned long", typedef names */
	struct htab *structs, *unions, *enums; /* tags */
	struct htab *enumers; /* enumerator name -> struct d_enumer_ref */
	uint32_t strsize;
	/* frequently used built-ins */
	struct d_type *t_void, *t_char, *t_int, *t_uint, *t_long, *t_ulong,
		*t_llong, *t_ullong, *t_string, *t_dyn, *t_stack, *t_ustack,
		*t_sym[VM_SYM_UADDR + 1], *t_voidp, *t_int64, *t_uint64,
		*t_size, *t_ptrdiff, *t_uintptr, *t_int32, *t_uint32;
};

/* Where an enumerator lives (enumerators share one global namespace). */
struct d_enumer_ref {
	struct d_type *type; /* the enum */
	int64_t value;
	const char *name;
};

/* Creates the universe with every built-in type and typedef of LP64
   dtrace (dt_open.c's intrinsics and typedefs, plus Linux's). */
struct d_types *d_types_create(struct d_arena *a, uint32_t strsize);
/* Frees the name tables (the types stay in the arena). NULL is fine. */
void d_types_destroy(struct d_types *t);

/* Type by C name: "int", "unsigned long long", "uint64_t", "string",
   "char *", "const char *", "struct foo" (declared tags only), "void *",
   "stack", "_symaddr". NULL if unknown. */
struct d_type *d_type_lookup(struct d_types *t, const char *name);
/* Integer type by size and signedness (the C name for it). */
struct d_type *d_type_int(struct d_types *t, unsigned size, int is_signed);

struct d_type *d_type_ptr(struct d_types *t, struct d_type *to);
struct d_type *d_type_array(struct d_types *t, struct d_type *of, uint64_t n);
struct d_type *d_type_const(struct d_types *t, struct d_type *ty);
struct d_type *d_type_typedef(struct d_types *t, const char *name,
			      struct d_type *to);
/* Struct/union/enum tag: existing one, or a new incomplete one. */
struct d_type *d_type_tag(struct d_types *t, int kind, const char *tag);
/* New anonymous struct/union/enum. */
struct d_type *d_type_anon(struct d_types *t, int kind);
/*
 * Lays out a struct or union from its members (names, types, bit widths:
 * bitsize 0 = not a bit-field; a member with bitsize < 0 is impossible).
 * Sets size, align, offsets and complete. C rules for LP64 (gcc): each
 * member aligned to its type's alignment, bit-fields packed into units of
 * their declared type, zero-width bit-fields close the unit.
 */
void d_type_layout(struct d_types *t, struct d_type *sou, struct d_member *m,
		   uint32_t n);

/* Strips typedefs (qualifiers are flags, kept). NULL stays NULL. */
struct d_type *d_type_resolve(struct d_type *ty);

int d_type_is_void(struct d_type *ty);
int d_type_is_integer(struct d_type *ty); /* INT or ENUM */
int d_type_is_arith(struct d_type *ty);	  /* integer */
int d_type_is_float(struct d_type *ty);
int d_type_is_pointer(struct d_type *ty); /* PTR (arrays not) */
int d_type_is_scalar(struct d_type *ty);  /* integer or pointer */
int d_type_is_string(struct d_type *ty);
/* string, char array or char pointer (dt_node_is_strcompat) */
int d_type_is_strcompat(struct d_type *ty);
int d_type_is_dynamic(struct d_type *ty);
int d_type_is_sou(struct d_type *ty);
/* pointer to void or to a function (dt_node_is_vfptr) */
int d_type_is_vfptr(struct d_type *ty);
int d_type_is_signed(struct d_type *ty);
int d_type_is_func(struct d_type *ty);
/* pointer to (const) char: a parameter that takes a D string */
int d_type_is_charptr(struct d_type *ty);
uint64_t d_type_size(struct d_type *ty);

/* Usual arithmetic conversion of two integer types (dt_type_promote). */
struct d_type *d_type_promote(struct d_types *t, struct d_type *a,
			      struct d_type *b);
/* Integer promotion of one integer type (to int if smaller). */
struct d_type *d_type_promote1(struct d_types *t, struct d_type *a);

/* Same type, ignoring typedefs and qualifiers (ctf_type_compat). */
int d_type_same(struct d_type *a, struct d_type *b);
/* Pointer compatibility (dt_node_is_ptrcompat); rzero: the right operand
   is the integer constant 0. */
int d_type_ptrcompat(struct d_type *a, struct d_type *b, int lzero, int rzero);
/* Assignment / argument compatibility (dt_node_is_argcompat). */
int d_type_argcompat(struct d_type *lhs, struct d_type *rhs, int rzero);

/* The type's C name as ctf_type_name() gives it, in buf (always
   NUL-terminated); returns buf. */
char *d_type_name(struct d_type *ty, char *buf, size_t len);
/* The same, in the arena. */
const char *d_type_aname(struct d_types *t, struct d_type *ty);

/* The VM's view of a type (vm_isa.h). */
struct vm_type d_type_vm(struct d_types *t, struct d_type *ty);

/* Member by name, searching anonymous struct/union members too; *off gets
   the accumulated byte offset. NULL if none. */
const struct d_member *d_type_member(struct d_type *sou, const char *name,
				     uint64_t *off);

#endif
