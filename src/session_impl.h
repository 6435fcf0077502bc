/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The session's private parts, shared by session.c (compiling, listing,
 * firing in udtrace's own context, the event loop) and session_trace.c
 * (the traced processes: targets, the providers' host services, firing in
 * a tracee's context, synthetic memory for translated structs).
 */
#ifndef UDT_SESSION_IMPL_H
#define UDT_SESSION_IMPL_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "common/vec.h"
#include "consumer/cons.h"
#include "d/d.h"
#include "providers/prov.h"
#include "session_opts.h"
#include "target/tgt.h"
#include "vm/vm.h"

struct src_unit {
	int kind; /* enum udt_srckind (== enum d_srckind) */
	char *text;
	char *name;	  /* script file name (-s) */
	uint32_t matches; /* probes matched, for the notice */
};

/* The clauses enabled on one probe, in program order. */
struct probe_enablings {
	VEC(struct vm_enabling) en;
};

struct timer {
	struct probe *probe;
	uint64_t period, next; /* ns, CLOCK_MONOTONIC */
};

struct udt_session {
	struct udt_options opts;
	VEC(struct src_unit) units;
	char **argv;
	int argc;
	VEC(char *) cmds;
	VEC(pid_t) pids;
	FILE *out;
	int out_owned;

	struct vm_prog *prog;
	struct d_provdefs *provdefs; /* the providers it declares (-h, -G) */
	struct prov_table probes;
	struct probe_enablings *pen; /* indexed by probe id - 1 */
	size_t npen;
	uint32_t next_epid;

	struct vm_state *vm;
	struct cons *cons;
	VEC(struct timer) timers;

	int compiled, going;
	int begun; /* BEGIN has fired: tracee probes may fire */
	/* prov_host.provide_error: the first reason a description could
	   not be provided (a compile error of that description) */
	int provide_failed;
	char provide_msg[256];
	/* What to do about the description that matched nothing (a line
	   printed after the error), or "". */
	char nomatch_advice[512];
	int done, impatient, exit_called, exit_status;
	/* the errno of the first failed write of the trace output: the
	   run stops, "processing aborted" and exit 1, as dtrace's dfatal */
	int out_errno;
	struct vm_drops reported;
	uint64_t last_status;	/* when drops were last reported (ns) */
	int refuse_destructive; /* destructive actions without -w */
	uint64_t go_ns;		/* when tracing started (CLOCK_MONOTONIC) */

	/* the traced processes (NULL until the first -c/-p or go) */
	struct sess_trace *tr;

	/* udtrace's own identity, for probes that fire in its context */
	int64_t self_pid, self_tid, self_ppid, self_uid, self_gid;
	char self_execname[64];
};

/* session.c */
uint64_t sess_clock_ns(clockid_t clk);
/* Hands the records of the firings so far to the consumer. */
void sess_drain(struct udt_session *s);
/* The timer services of prov_host. */
void sess_host_timers(struct udt_session *s, struct prov_host *h);
/* The enablings of probe p (NULL when none). */
const struct probe_enablings *sess_enablings(const struct udt_session *s,
					     const struct probe *p);

/* Re-offers the descriptions that may name pid's probes to the providers
   and enables the new probes their clauses want (modules changed). */
void sess_rematch(struct udt_session *s, pid_t pid);
/* -c: a description naming pid's provider that still matches nothing
   once its image is complete: printed as dtrace's compile error, -1. */
int sess_pending_unmatched(struct udt_session *s, pid_t pid);
/* prov_host.provide_error (the first message is kept). */
void sess_provide_error(struct udt_session *s, const char *msg);

/* session_trace.c */
/* Whether pd's provider field names a provider of process pid: pid<N>,
   PROVIDER<N> (usdt), or a glob the pid provider's name matches. */
int sess_desc_names_pid(const struct vm_probedesc *pd, pid_t pid);
/* Whether pd names a provider of a -c command not yet exec'd. */
int sess_desc_pending(struct udt_session *s, const struct vm_probedesc *pd);
/* -c commands whose pid probes the program names: exec them now and run
   each to its "preinit" point (the dynamic linker has mapped what it
   needs, no constructor has run), where it is held until
   sess_trace_run(); their pid probes are matched and enabled there.
   0, or -1 (message printed; a description that matches nothing). */
int sess_trace_preinit(struct udt_session *s);
/* Whether sess_trace_preinit() has a command to run. */
int sess_trace_needs_preinit(const struct udt_session *s);
/* -c and -p, before compiling ($target): spawn the commands (they wait
   before exec), check the pids exist. 0 or -1 (message printed). */
int sess_trace_prepare(struct udt_session *s);
/* $target: the first -c command's pid, else the first -p pid, else 0. */
int64_t sess_target_pid(const struct udt_session *s);
/* The resolver d_compile() asks for args[] types. */
extern const struct d_probe_resolver sess_resolver_proto;
/* The providers' host services (timers are session.c's). */
void sess_trace_host(struct udt_session *s, struct prov_host *h);
/* After the probes are enabled, before BEGIN: syscall sets, -p attach,
   every-process attach. 0 or -1 (message printed). */
int sess_trace_attach(struct udt_session *s);
/* After BEGIN: let the -c commands exec. 0 or -1. */
int sess_trace_run(struct udt_session *s);
/* Whether anything is traced (so SIGCHLD matters). */
int sess_trace_active(const struct udt_session *s);
/* Handles pending stops; sets s->done when the -c/-p processes are gone.
   Returns the number handled. */
int sess_trace_dispatch(struct udt_session *s);
/* The same after a wait that says what woke it (tgt_dispatch_from()). */
struct pollfd;
int sess_trace_dispatch_from(struct udt_session *s, unsigned woke,
			     const struct pollfd *polled, int npolled);
/* The seccomp listeners to wait on besides SIGCHLD (tgt_notify_fds()). */
int sess_trace_notify_fds(const struct udt_session *s, struct pollfd *pfds,
			  int max);
/* Whether stops may still be waiting after sess_trace_dispatch() (a burst
   cut short): then the caller dispatches again without sleeping. */
int sess_trace_more(const struct udt_session *s);
/* profile-N with processes traced: sample them; 1 if it did. */
int sess_trace_sample(struct udt_session *s, struct probe *p);
/* Synthetic memory: 1 if addr is in it (*rc: 0 or -EFAULT). */
int sess_syn_read(struct udt_session *s, uint64_t addr, void *buf, size_t len,
		  int *rc);
/* The end of a firing: its synthetic structs are gone. */
void sess_syn_invalidate(struct udt_session *s);
/* progenyof(): whether process from is pid or descends from it. */
int sess_progenyof(struct udt_session *s, int64_t from, int64_t pid);
/* curpsinfo/curlwpsinfo of udtrace itself (BEGIN, END, tick). */
int sess_self_builtin(struct udt_session *s, int which, uint64_t *out);
/* The consumer's symbol lookup, on the traced processes' modules. */
void sess_sym_ops(struct udt_session *s, struct cons_sym_ops *ops);
/* Lets go of every process (kills -c commands still running). */
void sess_trace_detach(struct udt_session *s);
void sess_trace_free(struct udt_session *s);

#endif
