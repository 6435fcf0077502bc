/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the VM produces and the consumer reads: the record stream and the
 * aggregation store. This header is the contract between vm/ (producer)
 * and consumer/ (renderer); it is the only vm/ header consumer/ includes.
 *
 * Producer and consumer are separate (dtrace's dt_consume.c): a probe
 * firing appends records to a bounded buffer; the session later hands the
 * buffer to the consumer, which formats it (text or JSON) after the traced
 * thread has been resumed. Records are self-describing (every datum carries
 * its type), so the consumer needs no program tables, except aggregation
 * descriptions, which it reaches through the store.
 *
 * Aggregations live in the VM's store (struct vm_aggstore); the consumer
 * walks it for printa() and the end-of-run print, and applies the
 * consumer-side actions trunc(), clear() in record order, as DTrace's
 * consumer does. normalize()/denormalize() are the consumer's alone.
 */
#ifndef UDT_VM_VM_REC_H
#define UDT_VM_VM_REC_H

#include <stddef.h>
#include <stdint.h>

#include "vm/vm_isa.h"

/* A typed value. Pointers point into memory owned by the container (a
 * record buffer or an aggregation entry). */
enum vm_dtype {
	VM_D_INT = 1, /* i, with size 1/2/4/8 and is_signed */
	VM_D_STR,     /* s: NUL-terminated, len = strlen */
	VM_D_BYTES,   /* p: len bytes (struct/array values, tracemem);
			 is_signed = 1: not an array of char (a struct, a
			 union, an array of other elements), which trace()
			 prints as the hex byte table always; 0: a char
			 array (or a float), which trace() prints as a
			 string when it looks like one (dt_print_bytes) */
	VM_D_STACK,   /* pcs: len program counters, innermost first;
			 is_signed = 1 for a user stack; i = pid */
	VM_D_SYM,     /* i = address; size = enum vm_symkind; user kinds:
			 pid (and len, truncated) = the process */
};

struct vm_datum {
	uint8_t type; /* enum vm_dtype */
	uint8_t size; /* VM_D_INT: 1/2/4/8; VM_D_SYM: vm_symkind */
	uint8_t is_signed;
	uint8_t pad;
	uint32_t len;
	uint64_t i;
	const char *s;
	const uint8_t *p;
	const uint64_t *pcs;
	int64_t pid; /* VM_D_SYM (user kinds) and VM_D_STACK: the
			      process the addresses belong to (added by vm) */
};

enum vm_rectype {
	/*
	 * Start of one clause firing (an enabled probe, "ECB"): the default
	 * output line "CPU ID FUNCTION:NAME" comes from this. Every firing
	 * of a clause with has_data produces one, followed by its records.
	 */
	VM_REC_FIRE = 1,
	VM_REC_TRACE,	    /* d[0]: the datum */
	VM_REC_PRINTF,	    /* fmt; d[0..n): the arguments */
	VM_REC_PRINTA,	    /* fmt (NULL: default); aggs[0..naggs) */
	VM_REC_PRINT,	    /* d[0] with type name in fmt */
	VM_REC_TRACEMEM,    /* d[0]: BYTES (len = size to print) */
	VM_REC_STACK,	    /* d[0]: STACK */
	VM_REC_EXIT,	    /* i: status */
	VM_REC_ERROR,	    /* a fault; see struct vm_rec_error */
	VM_REC_CLEAR,	    /* aggs[0] */
	VM_REC_TRUNC,	    /* aggs[0]; i: count (0: all), has_arg */
	VM_REC_NORMALIZE,   /* aggs[0]; i: factor */
	VM_REC_DENORMALIZE, /* aggs[0] */
	VM_REC_SETOPT,	    /* d[0]: name, d[1]: value (STR) or n == 1 */
	VM_REC_SYSTEM,	    /* fmt; d: args (run at consumption, as DTrace) */
	VM_REC_FREOPEN,	    /* fmt; d: args */
	VM_REC_FTRUNCATE,   /* ftruncate(): truncate the output file (added) */
};

/* Fault kinds: DTrace's DTRACEFLT_* numbering (ERROR's arg4). */
enum vm_fault {
	VM_FLT_UNKNOWN = 0,
	VM_FLT_BADADDR = 1,
	VM_FLT_BADALIGN = 2,
	VM_FLT_ILLOP = 3,
	VM_FLT_DIVZERO = 4,
	VM_FLT_NOSCRATCH = 5,
	VM_FLT_KPRIV = 6,
	VM_FLT_UPRIV = 7,
	VM_FLT_TUPOFLOW = 8,
	VM_FLT_BADSTACK = 9,
	/* Oracle DTrace's additions (added by vm): a bad size given to
	   alloca/bcopy/copyin... (addr = the size, printed " (0x%llx)",
	   "invalid size"), and an array index out of bounds (addr = the
	   index, printed " (%ld)"). */
	VM_FLT_BADSIZE = 10,
	VM_FLT_BADINDEX = 11,
};

struct vm_rec_fire {
	uint32_t epid;	   /* enabled probe id */
	uint32_t probe_id; /* the probe's id (the ID column) */
	uint32_t clause;   /* clause index (dt_clause_N) */
	const char *prov, *mod, *func, *name; /* owned by the session */
	int cpu;
	uint64_t timestamp; /* CLOCK_MONOTONIC ns at the firing */
	uint64_t walltimestamp;
	int64_t pid, tid;
	/* The firing thread's execname, copied: it changes at exec, and the
	   process may be gone when the record is printed. */
	char execname[16];
};

struct vm_rec_error {
	uint32_t epid, probe_id, clause;
	const char *prov, *mod, *func, *name;
	uint32_t action_no; /* 0: in predicate; else "in action #N" */
	uint8_t fault;	    /* enum vm_fault */
	uint64_t addr;	    /* BADADDR/BADALIGN address */
};

struct vm_rec {
	uint16_t type;	  /* enum vm_rectype */
	uint16_t has_arg; /* TRUNC: a count was given */
	uint32_t n;	  /* number of datums */
	struct vm_datum *d;
	const char *fmt; /* owned by the program */
	uint32_t *aggs;	 /* aggregation ids */
	uint32_t naggs;
	int64_t i;
	union {
		struct vm_rec_fire fire;
		struct vm_rec_error err;
	} u;
};

/*
 * A bounded record buffer. The VM appends; the consumer reads
 * recs[0..nrecs) and the session then calls vm_recbuf_reset(). Records
 * that do not fit (bufsize) are dropped whole and counted in drops.
 */
struct vm_recbuf {
	struct vm_rec *recs;
	size_t nrecs, cap;
	size_t bytes, limit; /* payload bytes used / bufsize */
	uint64_t drops;	     /* records dropped since the last reset */
	void *arena;	     /* payload storage, private to vm/ */
};

void vm_recbuf_init(struct vm_recbuf *b, size_t limit);
void vm_recbuf_release(struct vm_recbuf *b);
void vm_recbuf_reset(struct vm_recbuf *b); /* drops count stays */

/* --- The aggregation store ----------------------------------------- */

struct vm_agg_entry {
	struct vm_datum *keys; /* desc->nkeys keys */
	int64_t *data;	       /* desc->ndata slots, layout in vm_isa.h */
	uint64_t order;	       /* insertion order, for stable sorting */
};

struct vm_aggstore;

/* Number of aggregations (ids 0..n-1) and their descriptions. */
uint32_t vm_agg_count(const struct vm_aggstore *st);
const struct vm_aggdesc *vm_agg_desc(const struct vm_aggstore *st, uint32_t id);
/*
 * The entries of aggregation id, in unspecified order: an array of
 * pointers the caller frees with free() (the entries stay the store's),
 * valid until the store is next modified.
 */
size_t vm_agg_entries(struct vm_aggstore *st, uint32_t id,
		      struct vm_agg_entry ***out);
/* clear(): every value of aggregation id to zero, keys kept. */
void vm_agg_clear(struct vm_aggstore *st, uint32_t id);
/* Removes one entry (from a vm_agg_entries() array) of aggregation id. */
void vm_agg_remove(struct vm_aggstore *st, uint32_t id, struct vm_agg_entry *e);
/* Aggregation drops (entries refused for lack of space) so far. */
uint64_t vm_agg_drops(const struct vm_aggstore *st);

/*
 * Bucket helpers shared by producer and consumer. Each *_bucket_min
 * returns the value DTrace prints in the "value" column for bucket i:
 *  - quantize (127 buckets): DTRACE_QUANTIZE_BUCKETVAL(i): 0 for bucket
 *    63, 2^(i-64) above it, -2^(62-i) below it (bucket 62 is -1, 61 is -2:
 *    a negative bucket holds the values in (2*label, label]);
 *  - lquantize (levels + 2 buckets): bucket 0 (underflow) returns base
 *    (printed "< base"), bucket i in 1..levels returns base + (i-1)*step,
 *    bucket levels+1 (overflow) returns base + levels*step (">= X");
 *  - llquantize: dtrace-utils' symmetric layout (dt_print_llquantize):
 *    vm_llq_nbuckets() = 2 * bin0 + 1 with bin0 = vm_llq_zero_bucket() =
 *    1 + (high - low + 1) * (steps - steps/factor). Bucket bin0 holds
 *    |value| < factor^low and vm_llq_bucket_min(bin0) returns factor^low
 *    (dtrace prints "0" when that is 1, else "< X", or "abs() < X" when a
 *    negative bucket is shown too); buckets above bin0 return their lower
 *    bound, the last one factor^(high+1) (printed ">= X"); buckets below
 *    bin0 mirror them with negative values (printed "-X"), bucket 0 is
 *    "<= -factor^(high+1)". When low == 0 and steps > factor, some buckets
 *    of the first order can hold no integer: vm_llq_bucket_is_ghost()
 *    says so, and dtrace prints no row for them (when the first or last
 *    printed row would be a ghost it borrows the nearest label outward).
 */
uint32_t vm_llq_nbuckets(const struct vm_aggdesc *a);
uint32_t vm_llq_zero_bucket(const struct vm_aggdesc *a); /* added */
int64_t vm_llq_bucket_min(const struct vm_aggdesc *a, uint32_t i);
int vm_llq_bucket_is_ghost(const struct vm_aggdesc *a, uint32_t i); /* added */
int64_t vm_q_bucket_min(uint32_t i);
int64_t vm_lq_bucket_min(const struct vm_aggdesc *a, uint32_t i);

#endif
