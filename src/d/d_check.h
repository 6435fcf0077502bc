/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The checker's interface to d_compile.c, private to src/d/. It exists as
 * its own header because d.h and d_ast.h both define `enum d_srckind`
 * with different enumerators and so cannot meet in one translation unit:
 * d_compile.c sees d.h and this file, the checker files see d_ast.h and
 * d_cc.h. Nothing here includes either.
 *
 * A struct d_cc is one compilation: every unit (-n, -s, ...) is parsed and
 * checked into the same identifier tables, in order, and d_cc_finish()
 * hands the program over. On error the first error is kept and can be
 * read with d_cc_error().
 */
#ifndef UDT_D_D_CHECK_H
#define UDT_D_D_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "d/d_provdef.h"
#include "vm/vm_isa.h"

struct d_cc;

/* d.h's d_probe_resolver.arg_types: names[i], when set, is a D type name
   the checker parses in the program's type scope instead of types[i]. */
typedef int (*d_cc_argtypes_fn)(void *ctx, const struct vm_probedesc *pd,
				struct vm_type types[10],
				const char *names[10]);

struct d_cc_opts {
	uint32_t strsize; /* 0: 256 */
	int defaultargs;
	int destructive;
	d_cc_argtypes_fn argtypes; /* may be NULL: args[N] is int64_t */
	void *argctx;
	int64_t target;
	/* $pid & co.: used when have_ids, else the parser's defaults */
	int have_ids;
	int64_t pid, ppid, uid, gid, euid, egid, pgid, sid;
};

/* Unit kinds: the values of d.h's enum d_srckind. */
enum {
	D_CC_SCRIPT = 0,
	D_CC_NAME,
	D_CC_PROVIDER,
	D_CC_MODULE,
	D_CC_FUNCTION,
};

struct d_cc_unit {
	const char *src;
	size_t len;
	const char *name;
	int kind;	/* D_CC_* */
	uint32_t index; /* position in the command line's units */
	const char *const *argv;
	int argc;
};

/* A new compilation (never NULL). */
struct d_cc *d_cc_create(const struct d_cc_opts *o);
/* Parses and checks one unit; 0 or -1 (error kept in cc). */
int d_cc_unit(struct d_cc *cc, const struct d_cc_unit *u);
/*
 * Compiles the providers' D declarations (d.h's prelude) into the global
 * scope: typedefs, struct/union/enum definitions and inlines only. Call
 * before the first unit. 0, or -1 with the error kept in cc (its line is
 * the prelude's).
 */
int d_cc_prelude(struct d_cc *cc, const char *src, size_t len);
/* The program (caller frees with vm_prog_free()); NULL on error. After
   this only d_cc_provdefs() and d_cc_destroy() may be called. */
struct vm_prog *d_cc_finish(struct d_cc *cc);
/* The provider declarations of the units checked so far, copied to the
   heap (free with d_provdefs_free()); also after d_cc_finish(). */
struct d_provdefs *d_cc_provdefs(const struct d_cc *cc);
/* The kept error. */
void d_cc_error(const struct d_cc *cc, char *tag, size_t taglen, int *line,
		char *msg, size_t msglen);
/* Frees everything not handed over; NULL is fine. */
void d_cc_destroy(struct d_cc *cc);

#endif
