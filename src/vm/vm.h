/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The VM's runtime: the state a running D program keeps (globals, self->
 * and this-> variables, associative arrays, aggregations, speculations,
 * the record buffer), and vm_fire(), which runs the clauses enabled on a
 * probe when it fires.
 *
 * The VM knows nothing of ptrace or of D's syntax. Whatever it needs from
 * the world (tracee memory, stacks, the traced thread's identity) comes
 * from the probe context a provider fills and from host callbacks the
 * session implements.
 */
#ifndef UDT_VM_VM_H
#define UDT_VM_VM_H

#include <stddef.h>
#include <stdint.h>

#include "vm/vm_isa.h"
#include "vm/vm_rec.h"

/*
 * Host services. Each returns 0 or a negative errno; a failure becomes a
 * D fault (BADADDR at the address asked for), never a crash.
 *
 * read_mem is never asked for the first page (below 4096: a BADADDR
 * fault at once) nor for [VM_RESERVED_LO, VM_RESERVED_HI), where the VM
 * keeps its own scratch space (alloca(), copyin()); the session's
 * synthetic memory (translated structs) must live elsewhere above every
 * user address, e.g. at VM_RESERVED_HI.
 */
#define VM_RESERVED_LO 0xffffd00000000000ULL
#define VM_RESERVED_HI 0xffffd00100000000ULL

struct vm_host_ops {
	/* Read len bytes of the traced context's (user) memory at addr. In
	   BEGIN/END/tick context the "user" is udtrace itself, as in
	   dtrace. */
	int (*read_mem)(void *host, uint64_t addr, void *buf, size_t len);
	/* Write (copyout, destructive). May be NULL. */
	int (*write_mem)(void *host, uint64_t addr, const void *buf,
			 size_t len);
	/* ustack(): fill up to max pcs, innermost first; returns the count
	   or a negative errno. May be NULL (empty stack). */
	int (*ustack)(void *host, uint64_t *pcs, int max);
	/* progenyof(pid): 1 if the current process is pid or descends from
	   it. May be NULL (then: pid == current pid or ancestor via /proc). */
	int (*progenyof)(void *host, int64_t pid);
	/* uregs[i]; may be NULL (0). */
	int (*ureg)(void *host, int64_t idx, uint64_t *out);
	/* raise(sig) and stop() (destructive, -w): act on the traced
	   process. May be NULL (then the action does nothing). Added. */
	int (*raise_sig)(void *host, int sig);
	int (*stop)(void *host);
	/*
	 * Built-in variables the session computes only when a clause reads
	 * them: VM_BI_CURPSINFO, VM_BI_CURLWPSINFO (the address of the
	 * translated psinfo_t/lwpsinfo_t, served by read_mem),
	 * VM_BI_VTIMESTAMP, VM_BI_CPU. Returns 0 with *out set, or -1: then
	 * vtimestamp and cpu are the probe context's fields and curpsinfo/
	 * curlwpsinfo are NULL (a dereference faults BADADDR). Asked at most
	 * once per built-in and firing: the VM keeps the answer for the
	 * firing's clauses. May be NULL (-1 for all).
	 */
	int (*builtin)(void *host, int which, uint64_t *out);
	/*
	 * Fault injection (destructive, -w; syscall_fail(errno) and
	 * syscall_return(value) in D): the syscall being entered is not run
	 * and returns rc (syscall_fail(e) passes -e, e in 1..4095). Called
	 * when the action runs, not when its records are consumed, so it
	 * acts even if the clause later faults (the compiler refuses it
	 * after speculate(), as every destructive action). 0, or a negative
	 * errno (e.g. -EINVAL outside a syscall entry probe): the VM then
	 * faults with DTRACEFLT_ILLOP, which fires ERROR. May be NULL (an
	 * ILLOP fault). The last call of a firing wins. An ERROR clause
	 * runs with the faulting probe's host, so there it acts on that
	 * probe's syscall, as raise() in ERROR signals that process.
	 */
	int (*sc_override)(void *host, int64_t rc);
};

/*
 * Everything about one probe firing, filled by the provider. Strings are
 * borrowed for the duration of vm_fire().
 */
struct vm_probe_ctx {
	uint32_t probe_id;
	const char *prov, *mod, *func, *name;
	/*
	 * The raw arguments. args[N] in D has the type the compiler gave it
	 * (d.h's resolver); the VM reads it from args[N] so:
	 *  - an integer type: the value, truncated to the type;
	 *  - a pointer (bufinfo_t *...): the value is an address; a
	 *    dereference reads through read_mem (synthetic memory included);
	 *  - "string": args[N] is the address of a NUL-terminated string,
	 *    which the VM reads through read_mem, at most strsize - 1 bytes,
	 *    page by page, as copyinstr() does (tracee memory or synthetic
	 *    memory alike); an unreadable address is a BADADDR fault at that
	 *    address, and 0 a fault at 0;
	 *  - a struct/union/array type: the bytes at that address.
	 * argN is always the raw value (int64_t).
	 */
	uint64_t args[10];
	uint32_t nargs;
	/*
	 * args[args_late..nargs) are not in args[] (0: all are): the first
	 * clause of the firing that reads one has args_fetch fill all of
	 * them, args[0..nargs) (a pid entry probe's stack-passed arguments:
	 * a read of tracee memory per hit, paid only when a clause uses
	 * one). 0, or -1: then the late ones read 0.
	 */
	uint32_t args_late;
	int (*args_fetch)(const void *arg, uint64_t *args, uint32_t n);
	const void *args_fetch_arg;
	/* typed args[] (NULL: args[i] as int64): the provider's types */
	const struct vm_type *argtypes;
	int64_t pid, tid, ppid, uid, gid;
	const char *execname;
	int64_t errno_val;
	int cpu;
	uint64_t timestamp, walltimestamp, vtimestamp;
	const struct vm_host_ops *ops;
	void *host;
};

/* One clause enabled on a probe: which clause, under which EPID. */
struct vm_enabling {
	uint32_t clause; /* index in prog->clauses */
	uint32_t epid;
};

/* Run-time options the VM honours (the session fills them from -x). */
struct vm_opts {
	size_t strsize;	   /* default 256 */
	size_t dynvarsize; /* bytes for self->/assoc variables; default 1m */
	size_t bufsize;	   /* record buffer bytes; default 4m */
	size_t aggsize;	   /* bytes for aggregation entries; default 4m */
	uint32_t nspec;	   /* speculation buffers; default 1 */
	size_t specsize;   /* bytes per speculation; default 32k */
	int destructive;   /* -w */
	uint32_t ustackframes, stackframes; /* 100, 20 */
	size_t scratchsize; /* alloca space per firing; default 8k */
};

void vm_opts_default(struct vm_opts *o);

struct vm_state;

/*
 * Creates the runtime state for prog (which it borrows: keep prog alive
 * until vm_state_destroy). Fills prog's aggregation ndata. Never NULL.
 */
struct vm_state *vm_state_create(struct vm_prog *prog,
				 const struct vm_opts *opts);
void vm_state_destroy(struct vm_state *st);

/* Changes an option at run time (setopt()); the session validates. */
void vm_state_set_opts(struct vm_state *st, const struct vm_opts *opts);

/*
 * The clauses enabled on the ERROR probe (and its probe id). When a
 * clause faults, the VM appends a VM_REC_ERROR record, then fires these
 * with arg1 = epid, arg2 = action number, arg3 = -1 (no DIF offset),
 * arg4 = fault, arg5 = address, as DTrace's ERROR probe does. A fault in
 * an ERROR clause does not fire ERROR again.
 */
void vm_set_error_enablings(struct vm_state *st, uint32_t error_probe_id,
			    const struct vm_enabling *en, size_t n);

/*
 * Whether clause c needs the traced thread stopped when it fires: it
 * reads registers (uregs, ucaller) or the stack (ustack, ustackdepth),
 * writes memory (copyout), raises a signal, stops the process or
 * overrides a syscall (vm_uses.c). Probe arguments, built-in variables and
 * memory reads need no stopped thread.
 */
struct vm_clause;
int vm_clause_needs_thread(const struct vm_clause *c);

/*
 * Fires a probe: runs the enabled clauses en[0..n) in order, with one
 * this-> scope shared by them. Records go to the state's buffer.
 */
void vm_fire(struct vm_state *st, const struct vm_probe_ctx *ctx,
	     const struct vm_enabling *en, size_t n);

/* The principal record buffer (the session drains and resets it). */
struct vm_recbuf *vm_recbuf(struct vm_state *st);
/* The aggregation store. */
struct vm_aggstore *vm_aggstore(struct vm_state *st);

/* exit() was called: *status gets its value. */
int vm_exited(const struct vm_state *st, int *status);

/* Thread exited: free its self-> variables. */
void vm_thread_gone(struct vm_state *st, int64_t tid);

/* Drop counters, reported by the session as dtrace does. */
struct vm_drops {
	uint64_t dynvar;      /* "N dynamic variable drops" */
	uint64_t spec;	      /* "N speculative drops" */
	uint64_t specbusy;    /* "N failed speculations (busy)" */
	uint64_t specunavail; /* "N failed speculations (no speculative buffer
				 available)" */
	uint64_t agg;	      /* "N aggregation drops" */
	uint64_t buf;	      /* "N drops" (principal buffer) */
};
void vm_get_drops(const struct vm_state *st, struct vm_drops *out);

#endif
