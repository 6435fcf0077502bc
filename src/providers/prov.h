/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Providers and probes. A provider creates probes (all at once, or on
 * demand when a description names one, as profile's tick-N does), and
 * knows how to enable and disable them. Probes are not breakpoints or
 * timers: a provider turns an enabled probe into whatever makes it fire,
 * through the services the session lends it (struct prov_host).
 *
 * Probe ids are dense and start at 1 (BEGIN 1, END 2, ERROR 3, as dtrace).
 */
#ifndef UDT_PROVIDERS_PROV_H
#define UDT_PROVIDERS_PROV_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "target/tgt.h"
#include "vm/vm.h"

struct prov_ops;

struct probe {
	uint32_t id;
	const struct prov_ops *ops;
	char *prov, *mod, *func, *name;
	uint64_t period_ns; /* profile provider: the firing period */
	int is_profile;	    /* profile-N (samples threads) vs tick-N */
	int enabled;
	long nr;  /* syscall, io: the syscall number */
	int kind; /* the provider's own: which probe of a family */
	unsigned char stopless; /* syscall entry: enabled as PROV_SC_STOPLESS */
	void *data; /* the provider's own, freed by prov_table_release */
};

/* The table of every probe created so far. */
struct prov_table {
	struct probe **probes; /* probes[id - 1] */
	size_t n, cap;
};

void prov_table_init(struct prov_table *t);
void prov_table_release(struct prov_table *t);
/* Creates a probe with the next id; strings are copied. Never NULL. */
struct probe *prov_probe_create(struct prov_table *t,
				const struct prov_ops *ops, const char *prov,
				const char *mod, const char *func,
				const char *name);
/* The probe with id, or NULL. */
struct probe *prov_probe_lookup(const struct prov_table *t, uint32_t id);
/* The probe with exactly these names, or NULL. */
struct probe *prov_probe_find(const struct prov_table *t, const char *prov,
			      const char *mod, const char *func,
			      const char *name);
/* Whether probe p matches description d (dtrace's glob rules per field;
   an empty field matches anything). */
int prov_match(const struct probe *p, const struct vm_probedesc *d);
/* One field's match: dtrace's gmatch(3C) rules ('*', '?', '[...]', '\\'
   escapes, anchored); an empty or NULL pattern matches anything. */
int prov_glob_match(const char *pattern, const char *s);
/*
 * A provider field that names a process's provider: "pid1234",
 * "python1234", "py*1234" (the name part may be a glob): the pid (the
 * trailing digits, after at least one other character) into *pid and, when
 * name is not NULL, the rest into name (namelen bytes). 0, or -1 when the
 * field names no process.
 */
int prov_name_pid(const char *prov, char *name, size_t namelen, pid_t *pid);

struct prov_host;
/* A breakpoint for probe p at addr was refused (r: -errno, err: the target
   layer's reason, naming the address, or ""): why goes to h->why inside
   enable(), else on stderr. */
void prov_bkpt_refused(const struct prov_host *h, const struct probe *p,
		       uint64_t addr, int r, const char *err);

/* prov_host.sc_want's entry: a stop, or an event that needs none. */
enum { PROV_SC_STOP = 1, PROV_SC_STOPLESS = 2 };

/* What providers may ask of the session. */
struct prov_host {
	/* When enable() fails: why, for the session's one line about it
	   (NULL outside enable(): a provider then says why itself). */
	char *why;
	size_t whylen;
	/* Arrange for p to fire every period_ns from now on. 0 or -errno. */
	int (*timer_add)(void *ctx, struct probe *p, uint64_t period_ns);
	void (*timer_del)(void *ctx, struct probe *p);
	/*
	 * Syscall stops (counted: every call is undone by one with the
	 * same arguments and delta -1): traced processes stop at entry of
	 * nr (entry = PROV_SC_STOP) and/or at its exit (exit = 1). Called
	 * from enable and disable, before any process runs. An entry of
	 * PROV_SC_STOPLESS needs no stopped thread (the event's number,
	 * arguments and memory are all it reads): a -c command may then
	 * report it by a seccomp notification (target/tgt_notify.c).
	 */
	void (*sc_want)(void *ctx, long nr, int entry, int exit, int delta);
	/* Whether the clauses enabled on p can fire without the thread
	   stopped (vm_clause_needs_thread() says no for each). */
	int (*stopless)(void *ctx, const struct probe *p);
	/*
	 * Fires probe p for event ev (which gives the thread) with c, whose
	 * probe fields, args, nargs and errno_val the provider has filled;
	 * the session fills the identity, the times and the host services,
	 * runs the enabled clauses and drains. A probe with no enabled
	 * clause is ignored, so providers may call this freely.
	 */
	void (*fire)(void *ctx, struct probe *p, struct vm_probe_ctx *c,
		     const struct tgt_event *ev);
	/*
	 * Translated arguments (psinfo_t, bufinfo_t, ...): copies len bytes
	 * of a struct into slot (0..PROV_NSLOTS-1) of the firing's
	 * synthetic memory and returns the address under which the VM reads
	 * it back (args[N] = that address). Valid until the firing ends.
	 */
	uint64_t (*syn_put)(void *ctx, unsigned slot, const void *data,
			    size_t len);
	/*
	 * The modules of process pid changed (the pid provider saw the
	 * dynamic linker finish loading or unloading, or a new image at
	 * exec): the session creates, with provide(), the probes its
	 * descriptions name there, and enables those its clauses want.
	 * initial = 1 the first time for an image (everything the program
	 * needs at start is mapped, no constructor has run yet: dtrace's
	 * "preinit"). Called inside an event, with a thread of pid stopped.
	 */
	void (*modules_changed)(void *ctx, pid_t pid, int initial);
	/*
	 * The state of process pid for the providers that read its image:
	 * PROV_PROC_UNKNOWN (not a process of the session), _PENDING (a -c
	 * command that has not exec'd yet: its image is udtrace's; probes
	 * on it come later, through modules_changed), _READY (its image can
	 * be read; traced or not yet attached, see tgt_traced()).
	 */
	int (*proc_state)(void *ctx, pid_t pid);
	/*
	 * provide() found that a description names something that cannot
	 * be a probe (an offset off an instruction boundary): msg is the
	 * reason, which the session reports as the compile error of that
	 * description ("invalid probe specifier ...: msg"). The first one
	 * counts.
	 */
	void (*provide_error)(void *ctx, const char *msg);
	/* The traced processes (NULL while nothing is traced, as in -l). */
	struct tgt *tgt;
	void *ctx;
};

enum { PROV_PROC_UNKNOWN, PROV_PROC_PENDING, PROV_PROC_READY };

/* Synthetic slots per firing (args[] structs of one probe). */
enum { PROV_NSLOTS = 8 };

/* A stability attribute triple as dtrace -v prints it. */
struct prov_attr {
	const char *name, *data, *class; /* "Stable", "Evolving", "Common" */
};

struct prov_ops {
	const char *name;
	/* dtrace's -lv report: the attributes of a probe listed by its full
	   name (the provider's and the probe name's, the lesser of both) and
	   of its arguments. Probes of these providers have no typed args. */
	struct prov_attr probe_attr, args_attr;
	/* Create the probes that always exist. */
	void (*populate)(struct prov_table *t);
	/* Create the probes d names that do not exist yet (on-demand
	   providers); returns how many were created. May be NULL. h is the
	   session's (its tgt may be NULL: nothing traced yet). */
	int (*provide)(const struct prov_host *h, struct prov_table *t,
		       const struct vm_probedesc *d);
	/* Make p fire / stop firing. 0 or -errno. */
	int (*enable)(const struct prov_host *h, struct probe *p);
	void (*disable)(const struct prov_host *h, struct probe *p);
	/*
	 * Something happened in a traced process: fire the enabled probes
	 * of this provider that ev means (through h->fire). May be NULL.
	 * Called with the thread stopped; everything the clauses may read
	 * must be gathered here.
	 */
	void (*event)(const struct prov_host *h, const struct tgt_event *ev);
	/*
	 * The types of p's args[]: returns how many (0..10), filling
	 * types[i] and, for a type the D library declares (psinfo_t *,
	 * bufinfo_t *), names[i] ("bufinfo_t *"); -1 when the probe has
	 * no typed arguments. May be NULL (-1).
	 */
	int (*arg_types)(const struct probe *p, struct vm_type types[10],
			 const char *names[10]);
	/*
	 * Process pid is traced now, with its image in place: after a -p
	 * attach, and after the exec of a -c command (before its first
	 * instruction). The provider plants what its enabled probes need
	 * there. May be NULL.
	 */
	void (*traced)(const struct prov_host *h, pid_t pid);
	/*
	 * Whether p matches d, for providers whose fields match in more
	 * ways than one glob each (the pid provider's module field matches
	 * "a.out", a soname, a short name or a path). NULL: prov_match()'s
	 * glob per field.
	 */
	int (*match)(const struct probe *p, const struct vm_probedesc *d);
	/* Frees p->data (NULL: free()). */
	void (*release)(struct probe *p);
	/*
	 * For a description that matched no probe: why, when the provider
	 * knows (the syscall provider: a syscall this CPU lacks, and the
	 * one its programs call instead), written into buf for the
	 * session's "does not match any probes (...)". 1 if written, else
	 * 0. May be NULL.
	 */
	int (*nomatch_hint)(const struct vm_probedesc *d, char *buf,
			    size_t len);
	/*
	 * For the same description: what the person may do next, when the
	 * provider can tell (the syscall provider: a close syscall name;
	 * the pid provider: the modules of the process it searched), written
	 * into buf for a line of its own after dtrace's message. 1 if
	 * written, else 0. May be NULL.
	 */
	int (*nomatch_advice)(const struct vm_probedesc *d, char *buf,
			      size_t len);
};

extern const struct prov_ops prov_dtrace;
extern const struct prov_ops prov_profile;
extern const struct prov_ops prov_syscall;
extern const struct prov_ops prov_proc;
extern const struct prov_ops prov_io;
extern const struct prov_ops prov_pid;
extern const struct prov_ops prov_usdt;

/*
 * The pid provider follows the dynamic linker of the processes its
 * descriptions name (modules_changed when libraries come and go); other
 * providers whose probes live in a process's modules (usdt) ask it to
 * follow pid's too, from their provide().
 */
void prov_pid_watch(const struct prov_host *h, pid_t pid);
/* How many execs the pid provider saw in process pid: a provider that
   keeps per-image state compares it. */
unsigned prov_pid_image(pid_t pid);

/* Every provider, in the order probes are created at start. */
extern const struct prov_ops *const prov_all[];
extern const size_t prov_nall;

/* The dtrace provider's fixed ids. */
enum { PROV_ID_BEGIN = 1, PROV_ID_END = 2, PROV_ID_ERROR = 3 };

/*
 * Parses a profile provider probe name ("tick-10ms", "profile-99",
 * "tick-1sec"): sets *is_profile and *period_ns; returns 0, or -1 when
 * the name is not one (or its rate is out of range).
 */
int prov_profile_parse(const char *name, int *is_profile, uint64_t *period_ns);

/*
 * The addresses of a pid provider probe in its process now (one for
 * entry and offset probes of one function, one per return site for
 * return; none after an exec until the probe is provided again): fills
 * up to max of them in addrs, ascending, and returns how many there are.
 */
size_t prov_pid_addrs(const struct probe *p, uint64_t *addrs, size_t max);

#endif
