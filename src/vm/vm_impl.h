/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Private to src/vm/: the runtime state behind struct vm_state, the value
 * representation the evaluator works on, and the internal interfaces the
 * VM's files share (record buffers, variables, aggregations, speculations,
 * subroutines). Never included from outside src/vm/.
 *
 * One probe firing is described by a struct vm_exec: the context, the
 * clause being run, its fault flag, its scratch space and the temporary
 * arena that backs every string and byte value computed during the firing.
 * Faults do not unwind (no longjmp outside d/): they set x->flt, and every
 * evaluation step returns as soon as it sees the flag, so a faulting clause
 * stops at once and its staged records are thrown away.
 */
#ifndef UDT_VM_VM_IMPL_H
#define UDT_VM_VM_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "vm/vm.h"

struct htab;

/*
 * Scratch space (alloca(), copyin(), ...) gets addresses in a range no
 * user-space address on x86_64 or aarch64 can take, so a D pointer into it
 * is recognised and read directly, never sent to the tracee.
 */
#define VM_SCRATCH_BASE VM_RESERVED_LO /* up to VM_RESERVED_HI (vm.h) */

/* Largest struct/array value the VM handles (a bigger type is an
   illegal operation, never a huge allocation). */
#define VM_MAX_OBJ (1u << 20)

/* A value during evaluation. */
struct vm_val {
	uint8_t kind;	  /* enum vm_tkind */
	uint8_t sym;	  /* SYM: enum vm_symkind; STACK: 1 = user stack */
	uint64_t i;	  /* INT/PTR/SYM value; STACK: pid */
	const uint8_t *p; /* STRING (NUL-terminated), BYTES, STACK (pcs) */
	size_t len;	  /* STRING strlen, BYTES size, STACK frames */
};

/* A stored value (variables): owns p. */
struct vm_vval {
	uint8_t kind, sym;
	uint64_t i;
	uint8_t *p;
	size_t len;
};

/*
 * A bump allocator over a list of chunks, newest first: the per-firing
 * temporaries (vm_exec.c) and the record buffer's payload (vm_rec.c).
 */
struct vm_chunk {
	struct vm_chunk *next;
	size_t used, cap;
	uint8_t data[];
};

/* n zeroed bytes, 8-aligned, from *head; a new chunk holds at least
   min_cap bytes. Never NULL (dies on OOM). */
void *vm_chunk_alloc(struct vm_chunk **head, size_t n, size_t min_cap);
/* Frees the chunks of *head; with keep_newest, the newest stays, empty,
   for reuse. */
void vm_chunk_free(struct vm_chunk **head, int keep_newest);

/* A stack()/ustack() frame count clamped to 0..4096. */
int64_t vm_stack_clamp(int64_t max);
/* Fills pcs (room for max frames) with the current user stack when user
   is set and the host can unwind; returns the frame count (0 if not). */
struct vm_exec;
int vm_stack_fetch(struct vm_exec *x, int user, int64_t max, uint64_t *pcs);

enum vm_spec_state { VM_SPEC_FREE = 0, VM_SPEC_ACTIVE };

struct vm_spec {
	int state;
	struct vm_recbuf rb;
};

struct vm_state {
	struct vm_prog *prog;
	struct vm_opts opts;
	size_t strsize;	     /* effective strsize (>= 2) */
	struct vm_recbuf rb; /* principal buffer */
	struct vm_aggstore *aggs;
	/* variables (vm_state.c) */
	struct vm_vval *globals; /* non-assoc globals by var id */
	struct htab *dyn;	 /* self->, assoc elements */
	size_t dyn_bytes;
	size_t dyn_elem; /* what one dynamic variable costs (0:
				    not computed yet) */
	/* speculations (vm_spec.c) */
	struct vm_spec *specs;
	uint32_t nspec;
	/* ERROR */
	uint32_t err_probe;
	struct vm_enabling *err_en;
	size_t nerr_en;
	int exited, exit_status;
	struct vm_drops drops; /* dynvar, spec, specbusy, specunavail */
	uint64_t rng;
};

/* Per-firing execution state. */
struct vm_exec {
	struct vm_state *st;
	const struct vm_probe_ctx *ctx;
	const struct vm_clause *cl;
	uint32_t epid;
	/* fault */
	int flt; /* enum vm_fault; -1: clause abandoned
				    without a fault (speculative drop) */
	uint64_t flt_addr;
	uint32_t action_no;
	/* clause-local (this->) variables of this firing, by var id */
	struct vm_vval *locals;
	/* temporaries of this firing */
	struct vm_chunk *tmp;
	/* scratch (alloca) of this firing */
	uint8_t *scratch;
	size_t scratch_used, scratch_size;
	/* strtok() state of this firing */
	char *tok_str;
	size_t tok_off;
	int tok_valid;
	/* the clause's staged records and where they go */
	struct vm_recbuf stage;
	uint32_t spec_id; /* speculate(): destination (0: principal) */
	int spec_drop;	  /* speculate() on a dead speculation */
	int exited_here;  /* exit() ran during this vm_fire */
	size_t flushed;	  /* stage records already sent */
	int need_fire;	  /* the probe-line record (VM_REC_FIRE) is
				    still due before this basic block's
				    first data record */
	int in_error;	  /* running ERROR clauses: no recursion */
	/* built-ins the host computed for this firing (host_builtin()):
	   bit b of bi_have says bi_val[b] is known */
	uint64_t bi_have;
	uint64_t bi_val[VM_BI_LAST];
	/* ctx->args as args_fetch gave them (late_have: asked already) */
	int late_have;
	uint64_t late_args[10];
};

/* --- vm_exec.c ------------------------------------------------------ */
void vm_eval(struct vm_exec *x, const struct vm_node *n, struct vm_val *v);
void *vm_tmp_alloc(struct vm_exec *x, size_t n); /* zeroed */
void vm_fault(struct vm_exec *x, int flt, uint64_t addr);
/* Reads len bytes at addr (scratch or tracee): 0, or faults and -1. */
int vm_mem_read(struct vm_exec *x, uint64_t addr, void *buf, size_t len);
/* Reads a NUL-terminated string of at most max chars at addr into a
   temporary: 0, or faults and -1. */
int vm_mem_readstr(struct vm_exec *x, uint64_t addr, size_t max,
		   struct vm_val *out);
/* A string value copied into a temporary, truncated to strsize - 1. */
void vm_val_str(struct vm_exec *x, const char *s, size_t len,
		struct vm_val *out);
/* The int value of an evaluated node (kids of subroutines). */
int64_t vm_eval_int(struct vm_exec *x, const struct vm_node *n);
/* Normalises an integer to a type's width and signedness. */
uint64_t vm_norm(uint64_t v, const struct vm_type *t);
/* Allocates n bytes of scratch (8-aligned, zeroed); 0 + NOSCRATCH fault
   when exhausted. */
uint64_t vm_scratch_alloc(struct vm_exec *x, uint64_t n);
/* Pointer into scratch for [addr, addr+len), or NULL. */
uint8_t *vm_scratch_ptr(struct vm_exec *x, uint64_t addr, uint64_t len);

/* --- vm_subr.c ------------------------------------------------------ */
void vm_call(struct vm_exec *x, const struct vm_node *n, struct vm_val *v);

/* --- vm_rec.c ------------------------------------------------------- */
struct vm_rec *vm_rb_push(struct vm_recbuf *b, uint16_t type);
void *vm_rb_alloc(struct vm_recbuf *b, size_t n); /* zeroed */
/* Deep-copies src->recs[from..to) to the end of dst when all fit in
   dst->limit: 0, else nothing is copied and -1. */
int vm_rb_copy(struct vm_recbuf *dst, const struct vm_recbuf *src, size_t from,
	       size_t to);
/* Makes d's payload owned by b (copies strings/bytes/pcs). */
void vm_rb_own_datum(struct vm_recbuf *b, struct vm_datum *d);

/* --- vm_state.c ----------------------------------------------------- */
void vm_vars_init(struct vm_state *st);
void vm_vars_fini(struct vm_state *st);
/* Loads a variable into v (a copy in the firing's temporaries; the zero
   value of the variable's type when unset). keys: serialised tuple. */
void vm_var_load(struct vm_exec *x, const struct vm_node *var,
		 const uint8_t *keys, size_t klen, struct vm_val *v);
/* Stores v (already of the variable's type). */
void vm_var_store(struct vm_exec *x, const struct vm_node *var,
		  const uint8_t *keys, size_t klen, const struct vm_val *v);
void vm_locals_free(struct vm_exec *x);
/* Serialises evaluated key values (with their types) into a temporary. */
void vm_keys_serialise(struct vm_exec *x, const struct vm_val *k,
		       const struct vm_type *t, size_t n, uint8_t **out,
		       size_t *len);

/* --- vm_agg.c ------------------------------------------------------- */
struct vm_aggstore *vm_aggstore_create(struct vm_prog *prog, size_t limit);
void vm_aggstore_destroy(struct vm_aggstore *a);
void vm_aggstore_set_limit(struct vm_aggstore *a, size_t limit);
/* @agg[keys] = fn(val, incr). */
void vm_agg_update(struct vm_aggstore *a, uint32_t id,
		   const struct vm_datum *keys, uint32_t nkeys, int64_t val,
		   int64_t incr);
/* Fills a datum from a value and its type (payload borrowed). */
void vm_datum_from_val(struct vm_datum *d, const struct vm_val *v,
		       const struct vm_type *t);

/* --- vm_spec.c ------------------------------------------------------ */
void vm_specs_init(struct vm_state *st);
void vm_specs_fini(struct vm_state *st);
void vm_specs_resize(struct vm_state *st, uint32_t nspec, size_t specsize);
uint32_t vm_spec_alloc(struct vm_state *st);
/* speculate(id): 0 ok, 1 dead speculation (drop the data), -1 illegal. */
int vm_spec_check(struct vm_state *st, uint64_t id);
/* Appends stage records [from, to) to speculation id (counted drops). */
void vm_spec_append(struct vm_state *st, uint32_t id,
		    const struct vm_recbuf *stage, size_t from, size_t to);
/* commit/discard: 0, or -1 for an illegal id (> nspec). */
int vm_spec_commit(struct vm_state *st, uint64_t id);
int vm_spec_discard(struct vm_state *st, uint64_t id);

#endif
