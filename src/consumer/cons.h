/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The consumer: turns the VM's records (vm/vm_rec.h) and aggregations
 * into dtrace's output, byte for byte (../shared/FORMATS.md), or into
 * JSON. It runs after the traced thread has been resumed.
 *
 * Output goes to `out` (stdout or -o FILE); notices and runtime errors to
 * `err` (stderr), prefixed with msg_progname.
 */
#ifndef UDT_CONSUMER_CONS_H
#define UDT_CONSUMER_CONS_H

#include <stdint.h>
#include <stdio.h>

#include "vm/vm_rec.h"

/* Consumer-side options (-x and setopt()). */
struct cons_opts {
	int quiet;	/* -q */
	int flowindent; /* -F */
	int timestamps; /* -t: time of each firing before default records */
	int aggsortkey, aggsortrev; /* booleans */
	int aggsortkeypos;	    /* key index compared first (default 0) */
	int aggsortpos;		    /* aggregation index to sort by in printa of
			       several aggregations (default 0) */
	int rawbytes;	  /* tracemem/trace of bytes: always hex table */
	int stackindent;  /* default 14 */
	int json;	  /* -x oformat=json: cons_json.c */
	int stack_folded; /* -x stackfmt=folded: stack aggregations as
			     "outer;...;inner COUNT" lines (FlameGraph) */
	int noresolve;
	int testing; /* $_DTRACE_TESTING: no CPU and ID columns, as
			       dtrace(1) prints for its test suite */
};

void cons_opts_default(struct cons_opts *o);

/*
 * Symbol lookup for stacks and %a/usym (later backed by sym/): may be
 * NULL, then addresses print as 0x...
 *
 * The kind argument of cons_sym_ops.lookup (consumer addition):
 *  CONS_SYM_ADDR (0): an address, as dtrace's addr2str: "mod`func+0xoff"
 *	("mod`func" at offset 0, "mod`0xADDR" when only the module is
 *	known) -- stack frames, %a, %A, uaddr();
 *  VM_SYM_SYM, VM_SYM_FUNC, VM_SYM_USYM, VM_SYM_UFUNC: "mod`func" (no
 *	offset: the function's symbol);
 *  VM_SYM_MOD, VM_SYM_UMOD: the module's base name;
 *  VM_SYM_UADDR: as CONS_SYM_ADDR;
 *  CONS_SYM_NORESOLVE: a user stack frame under -x noresolve,
 *	"module:0xOFFSET".
 * On -1 the consumer prints "0x%llx" of the address.
 */
#define CONS_SYM_ADDR 0
#define CONS_SYM_NORESOLVE 100

struct cons_sym_ops {
	/* Writes "module`func+0xoff" (or a shorter form) for pc of pid into
	   buf; returns 0, or -1 if unknown. */
	int (*lookup)(void *ctx, int64_t pid, uint64_t pc, int kind, char *buf,
		      size_t len);
	void *ctx;
};

struct cons;

struct cons *cons_create(FILE *out, FILE *err, const struct cons_opts *o,
			 const struct cons_sym_ops *sym);
void cons_destroy(struct cons *c);
void cons_set_opts(struct cons *c, const struct cons_opts *o);
const struct cons_opts *cons_get_opts(const struct cons *c);

/*
 * Renders every record of b in order, reading aggregations from st for
 * printa() and applying clear()/trunc()/normalize() to them. Returns 0,
 * or a negative errno when writing the output failed (EPIPE...).
 * VM_REC_SETOPT records are applied through the setopt callback when one
 * is set (the session validates names), and VM_REC_EXIT records are left
 * to the session.
 */
int cons_drain(struct cons *c, const struct vm_recbuf *b,
	       struct vm_aggstore *st);

/*
 * setopt() records: called with the option name and value (NULL for a
 * flag); returns 0, -1 if the option name is invalid, -2 if the value
 * is, or -3 if the option cannot change while tracing (then the
 * consumer prints dtrace's error, e.g. "<prog>: error in dt_clause_0 for
 * probe ID 1 (dtrace:::BEGIN): couldn't set option \"foo\" to \"1\":
 * Invalid option name").
 */
typedef int (*cons_setopt_fn)(void *ctx, const char *name, const char *value);
void cons_set_setopt_cb(struct cons *c, cons_setopt_fn fn, void *ctx);

/*
 * End of run (cmd/dtrace.c after its loop): prints "\n" -- always, even
 * when no aggregation is left to print, as dtrace does -- then every
 * aggregation not yet printed by printa(), all sorted together as
 * dtrace_aggregate_print() sorts them (by aggregation id, then value, then
 * key; see FORMATS.md §4). A second ^C skips this call in dtrace but not
 * the "\n": use cons_print_newline() then.
 */
int cons_print_remaining_aggs(struct cons *c, struct vm_aggstore *st);

/* Just the end-of-run "\n" (the run was interrupted twice). */
int cons_print_newline(struct cons *c);

/*
 * -x oformat=json: a {"type":"drops"} record for each kind of drop whose
 * total (since the start) grew since the last call; nothing in text mode
 * (the session prints its stderr notices either way).
 */
#define CONS_NDROPS 6
void cons_json_drops(struct cons *c, uint64_t dynvar, uint64_t spec,
		     uint64_t specbusy, uint64_t specunavail, uint64_t agg,
		     uint64_t buf);

/* The output stream in use (freopen() may have replaced the one given). */
FILE *cons_output(const struct cons *c);

/* Prints one aggregation (as printa(@x) with no format would). */
int cons_print_agg(struct cons *c, struct vm_aggstore *st, uint32_t id);

/* Whether a default-format header ("CPU ID FUNCTION:NAME") was printed
   (dtrace prints it once, before the first record, when not quiet). */
int cons_header_printed(const struct cons *c);

#endif
