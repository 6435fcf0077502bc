/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The session's half that deals with traced processes: starting (-c) and
 * grabbing (-p, or every process) them, the services providers get from
 * the session (syscall sets, firing, synthetic memory), the probe context
 * of a firing in a tracee, and the VM's host services on top of target/.
 *
 * Synthetic memory: udtrace has no D translators yet, so the translated
 * structs a probe offers (args[0] of io:::start is a bufinfo_t *,
 * curpsinfo a psinfo_t *) are built by the provider (or here, lazily, for
 * curpsinfo) as C structs laid out as their D declarations, and given
 * addresses in a range no user address can take. read_mem() serves that
 * range from the session's buffers, so `args[0]->b_bcount` is an ordinary
 * load. The buffers live for one firing.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arch/arch.h"
#include "common/msg.h"
#include "common/vec.h"
#include "common/xalloc.h"
#include "providers/prov_types.h"
#include "session_impl.h"
#include "sym/sym.h"
#include "sym/sym_unwind.h"

/* Above VM_SCRATCH_BASE's range, below nothing a process can map. */
#define SYN_BASE 0xffffe00000000000ULL
#define SYN_SLOT_SIZE 0x10000ULL

enum {
	SYN_PSINFO = PROV_NSLOTS, /* curpsinfo */
	SYN_LWPSINFO,		  /* curlwpsinfo */
	SYN_NSLOTS
};

struct syn_slot {
	unsigned char *buf;
	size_t len;
	int valid;
};

struct watched {
	pid_t pid;
	int spawned; /* -c (else -p) */
	int alive;
	/* -c: 0 until the command's own execve has completed (and its
	   return stop, if any, has passed): dtrace enables its probes in a
	   process already stopped in the new image, so nothing of udtrace's
	   child before that is seen. */
	int started;
	/* -c with pid probes: 1 while run to its preinit point
	   (sess_trace_preinit()), 2 held there, 3 let go */
	int preinit;
	pid_t held;	  /* the thread held at preinit */
	uint64_t eval_bp; /* -x evaltime=postinit|main: our breakpoint */
};

struct sess_trace {
	struct tgt *tgt;
	/* syscall stops wanted, counted per nr (prov_host.sc_want);
	   sc_stop: the entries among them that need a stopped thread */
	uint32_t *sc_entry, *sc_exit, *sc_stop;
	size_t nsc;
	VEC(struct watched) watched; /* the -c and -p processes */
	size_t live;		     /* how many of them still run */
	int all;		     /* every-process mode */
	int attached;		     /* sess_trace_attach() ran */
	struct syn_slot syn[SYN_NSLOTS];
	const struct tgt_event *ev;   /* the event being handled */
	const struct tgt_event *cur;  /* the target event being dispatched */
	VEC(struct probe *) samplers; /* profile-N probes of the last round */
	uint64_t ev_ns;		      /* timestamp of the current event */
	VEC(struct sym_unwinder *) unwinders;
	/* Symbols of the processes whose stacks were taken: kept after
	   they exit, for the aggregations printed at the end. */
	VEC(struct sym_proc *) symprocs; /* ustack(): one per process */
};

static struct sess_trace *
tr_get(struct udt_session *s)
{
	if (s->tr == NULL)
		s->tr = xcalloc(1, sizeof(*s->tr));
	return s->tr;
}

/* --- Synthetic memory ----------------------------------------------- */

static uint64_t
syn_put_slot(struct sess_trace *tr, unsigned slot, const void *data, size_t len)
{
	struct syn_slot *sl;

	if (slot >= SYN_NSLOTS || len > SYN_SLOT_SIZE)
		return 0;
	sl = &tr->syn[slot];
	if (sl->buf == NULL)
		sl->buf = xmalloc(SYN_SLOT_SIZE);
	memcpy(sl->buf, data, len);
	sl->len = len;
	sl->valid = 1;
	return SYN_BASE + slot * SYN_SLOT_SIZE;
}

static void
syn_invalidate(struct sess_trace *tr)
{
	for (unsigned i = 0; i < SYN_NSLOTS; i++)
		tr->syn[i].valid = 0;
}

/* 1 if addr is synthetic (then *rc is the read's result). */
static int
syn_read(struct sess_trace *tr, uint64_t addr, void *buf, size_t len, int *rc)
{
	uint64_t slot, off;
	const struct syn_slot *sl;

	if (addr < SYN_BASE || addr - SYN_BASE >= SYN_NSLOTS * SYN_SLOT_SIZE)
		return 0;
	slot = (addr - SYN_BASE) / SYN_SLOT_SIZE;
	off = (addr - SYN_BASE) % SYN_SLOT_SIZE;
	sl = &tr->syn[slot];
	if (!sl->valid || off >= sl->len || len > SYN_SLOT_SIZE - off) {
		*rc = -EFAULT;
		return 1;
	}
	/* A string member read as a whole string (stringof(), strsize
	   bytes) may run past the struct: what lies beyond it reads as
	   zeros, as the rest of a translated struct would. */
	if (len <= sl->len - off) {
		memcpy(buf, sl->buf + off, len);
	} else {
		memcpy(buf, sl->buf + off, sl->len - off);
		memset((char *)buf + (sl->len - off), 0, len - (sl->len - off));
	}
	*rc = 0;
	return 1;
}

static uint64_t
host_syn_put(void *ctx, unsigned slot, const void *data, size_t len)
{
	struct udt_session *s = ctx;

	if (slot >= PROV_NSLOTS)
		return 0;
	return syn_put_slot(tr_get(s), slot, data, len);
}

/* --- The VM's host services in a tracee's context -------------------- */

static int
tr_read_mem(void *host, uint64_t addr, void *buf, size_t len)
{
	struct udt_session *s = host;
	struct sess_trace *tr = s->tr;
	int rc;

	if (syn_read(tr, addr, buf, len, &rc))
		return rc;
	if (tr->ev == NULL)
		return -ESRCH;
	return tgt_read(tr->tgt, tr->ev->pid, addr, buf, len);
}

static int
tr_write_mem(void *host, uint64_t addr, const void *buf, size_t len)
{
	struct udt_session *s = host;
	struct sess_trace *tr = s->tr;

	if (addr >= SYN_BASE || tr->ev == NULL)
		return -EFAULT;
	return tgt_write(tr->tgt, tr->ev->pid, addr, buf, len);
}

static int64_t
ppid_of(struct sess_trace *tr, int64_t pid)
{
	const struct tgt_thread_info *ti;
	char path[64], buf[512], *p;
	long long ppid = -1;
	FILE *f;

	/* a traced process's parent is cached by target/ */
	ti = tr && tr->tgt ? tgt_thread_info(tr->tgt, (pid_t)pid) : NULL;
	if (ti && ti->pid == pid)
		return ti->ppid;
	snprintf(path, sizeof(path), "/proc/%lld/stat", (long long)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f)) {
		/* comm may hold blanks and parentheses: the last ')' */
		p = strrchr(buf, ')');
		if (p == NULL || sscanf(p + 1, " %*c %lld", &ppid) != 1)
			ppid = -1;
	}
	fclose(f);
	return ppid;
}

int
sess_progenyof(struct udt_session *s, int64_t from, int64_t pid)
{
	/* a bounded walk up the process tree */
	for (int depth = 0; from > 0 && depth < 4096; depth++) {
		if (from == pid)
			return 1;
		from = ppid_of(s->tr, from);
	}
	return 0;
}

static int
tr_progenyof(void *host, int64_t pid)
{
	struct udt_session *s = host;

	return sess_progenyof(s, s->tr->ev ? s->tr->ev->pid : -1, pid);
}

static int
tr_ureg(void *host, int64_t idx, uint64_t *out)
{
	struct udt_session *s = host;
	struct sess_trace *tr = s->tr;

	if (tr->ev == NULL || idx < 0 || idx > 4096)
		return -EINVAL;
	return tgt_ureg(tr->tgt, tr->ev->tid, (int)idx, out);
}

static int
tr_raise(void *host, int sig)
{
	struct udt_session *s = host;
	struct sess_trace *tr = s->tr;

	if (tr->ev == NULL)
		return -ESRCH;
	return tgt_raise(tr->tgt, tr->ev->tid, sig);
}

static int
tr_stop(void *host)
{
	struct udt_session *s = host;
	struct sess_trace *tr = s->tr;

	if (tr->ev == NULL)
		return -ESRCH;
	return tgt_stop_process(tr->tgt, tr->ev->pid);
}

static int
tr_sc_override(void *host, int64_t rc)
{
	struct udt_session *s = host;
	struct sess_trace *tr = s->tr;

	if (tr->ev == NULL || tr->ev->kind != TGT_EV_SC_ENTRY)
		return -EINVAL;
	return tgt_sc_override(tr->tgt, tr->ev->tid, rc);
}

static int
tr_builtin(void *host, int which, uint64_t *out)
{
	struct udt_session *s = host;
	struct sess_trace *tr = s->tr;
	const struct tgt_event *ev = tr->ev;

	if (ev == NULL)
		return -1;
	switch (which) {
	case VM_BI_CURPSINFO: {
		prov_psinfo_t ps;

		if (!tr->syn[SYN_PSINFO].valid) {
			if (prov_psinfo_fill(ev->pid, &ps) < 0)
				return -1;
			syn_put_slot(tr, SYN_PSINFO, &ps, sizeof(ps));
		}
		*out = SYN_BASE + SYN_PSINFO * SYN_SLOT_SIZE;
		return 0;
	}
	case VM_BI_CURLWPSINFO: {
		prov_lwpsinfo_t lw;

		if (!tr->syn[SYN_LWPSINFO].valid) {
			if (prov_lwpsinfo_fill(ev->pid, ev->tid, &lw) < 0)
				return -1;
			syn_put_slot(tr, SYN_LWPSINFO, &lw, sizeof(lw));
		}
		*out = SYN_BASE + SYN_LWPSINFO * SYN_SLOT_SIZE;
		return 0;
	}
	case VM_BI_CPU: {
		/* the CPU the traced thread last ran on (target/) */
		int c = tr->tgt ? tgt_thread_cpu(tr->tgt, ev->tid) : -1;

		if (c < 0)
			return -1;
		*out = (uint64_t)c;
		return 0;
	}
	case VM_BI_VTIMESTAMP: {
		/* schedstat's first field: ns spent on a CPU */
		char path[96], buf[128];
		unsigned long long ns;
		ssize_t got;
		int fd;

		snprintf(path, sizeof(path), "/proc/%d/task/%d/schedstat",
			 (int)ev->pid, (int)ev->tid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -1;
		got = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (got <= 0)
			return -1;
		buf[got] = '\0';
		if (sscanf(buf, "%llu", &ns) != 1)
			return -1;
		*out = ns;
		return 0;
	}
	default:
		return -1;
	}
}

int
sess_syn_read(struct udt_session *s, uint64_t addr, void *buf, size_t len,
	      int *rc)
{
	return s->tr ? syn_read(s->tr, addr, buf, len, rc) : 0;
}

void
sess_syn_invalidate(struct udt_session *s)
{
	if (s->tr)
		syn_invalidate(s->tr);
}

int
sess_self_builtin(struct udt_session *s, int which, uint64_t *out)
{
	struct sess_trace *tr = tr_get(s);
	struct tgt_event ev;
	int rc;

	if (which != VM_BI_CURPSINFO && which != VM_BI_CURLWPSINFO)
		return -1;
	memset(&ev, 0, sizeof(ev));
	ev.pid = (pid_t)s->self_pid;
	ev.tid = (pid_t)s->self_tid;
	tr->ev = &ev;
	rc = tr_builtin(s, which, out);
	tr->ev = NULL;
	return rc;
}

/* ustack(): libunwind on the event's thread, which is stopped now. Each
   process keeps its unwinder (and libunwind's caches) for the session:
   the unwinder notices an exec or a reused pid by itself. Those of
   processes no longer traced are dropped when the list grows. */
/* The symbols of pid (opened on first use; NULL when unknown). */
static struct sym_proc *
symproc_get(struct sess_trace *tr, int64_t pid, int open)
{
	struct sym_proc *p;

	for (size_t i = 0; i < tr->symprocs.n; i++)
		if (sym_proc_pid(tr->symprocs.v[i]) == pid)
			return tr->symprocs.v[i];
	/* bounded: a fork storm must not pin every process's symbols */
	if (!open || pid <= 0 || tr->symprocs.n >= 256)
		return NULL;
	p = sym_proc_open((pid_t)pid);
	if (p)
		VEC_PUSH(&tr->symprocs, p);
	return p;
}

/* Whether addr lies in no mapping of p as last read (/proc/PID/maps is
   in address order, and mappings do not overlap: a binary search). */
static int
unmapped(const struct sym_proc *p, uint64_t addr)
{
	size_t lo = 0, hi = sym_proc_nmaps(p);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct sym_map *m = sym_proc_map(p, mid);

		if (addr < m->start)
			hi = mid;
		else if (addr >= m->end)
			lo = mid + 1;
		else
			return 0;
	}
	return 1;
}

/*
 * The frames of a stack just taken are resolved later (printa, END),
 * maybe after the process has gone: a frame in a library mapped since
 * its maps were read (a sample taken while the dynamic linker ran, a
 * dlopen) re-reads them now, while the process is there to be read.
 * Only a frame in no mapping at all does: JIT code and the vDSO are in
 * one, and cost nothing here.
 */
static int
ustack_maps(struct sess_trace *tr, pid_t pid, const uint64_t *pcs, int n)
{
	struct sym_proc *p = symproc_get(tr, pid, 1);

	for (int i = 0; p && i < n; i++)
		if (unmapped(p, pcs[i])) {
			sym_proc_refresh(p);
			break;
		}
	return n;
}

static int
tr_ustack(void *host, uint64_t *pcs, int max)
{
	struct udt_session *s = host;
	struct sess_trace *tr = s->tr;
	struct sym_unwinder *u;
	size_t i, k;

	if (tr->ev == NULL)
		return -ESRCH;
	/* libunwind reads the registers through ptrace */
	tgt_sync_regs(tr->tgt, tr->ev->tid);
	for (i = 0; i < tr->unwinders.n; i++)
		if (sym_unwind_pid(tr->unwinders.v[i]) == tr->ev->pid)
			return ustack_maps(tr, tr->ev->pid, pcs,
					   sym_unwind(tr->unwinders.v[i],
						      tr->ev->tid, pcs, max));
	if (tr->unwinders.n >= 64) {
		for (i = k = 0; i < tr->unwinders.n; i++) {
			u = tr->unwinders.v[i];
			if (tgt_traced(tr->tgt, sym_unwind_pid(u)))
				tr->unwinders.v[k++] = u;
			else
				sym_unwind_close(u);
		}
		tr->unwinders.n = k;
	}
	u = sym_unwind_open(tr->ev->pid);
	if (u == NULL)
		return -ENOMEM;
	VEC_PUSH(&tr->unwinders, u);
	/* its modules, while it is there to be read */
	symproc_get(tr, tr->ev->pid, 1);
	return ustack_maps(tr, tr->ev->pid, pcs,
			   sym_unwind(u, tr->ev->tid, pcs, max));
}

/*
 * The consumer's symbol lookup (cons_sym_ops): dtrace's "module`func+0xoff"
 * for stack frames and %a, "module`func" for usym()/ufunc(), the module
 * for umod(). The process's modules are read when a stack is taken in it,
 * so frames resolve even after it has exited; an address in no known
 * module re-reads the maps once (a library loaded since).
 */
static int
sym_text(void *ctx, int64_t pid, uint64_t pc, int kind, char *buf, size_t len)
{
	struct udt_session *s = ctx;
	struct sym_proc *p;
	const char *mod = NULL, *func = NULL;
	uint64_t off = 0;
	int rc;

	if (s->tr == NULL || (p = symproc_get(s->tr, pid, 1)) == NULL)
		return -1;
	rc = sym_lookup_addr(p, pc, &mod, &func, &off);
	if (rc < 0 && mod == NULL && sym_proc_refresh(p) == 1)
		rc = sym_lookup_addr(p, pc, &mod, &func, &off);
	if (mod == NULL)
		return -1;
	switch (kind) {
	case VM_SYM_MOD:
	case VM_SYM_UMOD:
		snprintf(buf, len, "%s", mod);
		return 0;
	case VM_SYM_SYM:
	case VM_SYM_FUNC:
	case VM_SYM_USYM:
	case VM_SYM_UFUNC:
		if (rc < 0)
			return -1;
		snprintf(buf, len, "%s`%s", mod, func);
		return 0;
	case CONS_SYM_NORESOLVE: {
		const struct sym_module *m = sym_proc_module_at(p, pc);

		if (m == NULL)
			return -1;
		snprintf(buf, len, "%s:0x%" PRIx64, mod, pc - m->start);
		return 0;
	}
	default: /* CONS_SYM_ADDR, VM_SYM_UADDR */
		if (rc < 0)
			snprintf(buf, len, "%s`0x%" PRIx64, mod, pc);
		else if (off == 0)
			snprintf(buf, len, "%s`%s", mod, func);
		else
			snprintf(buf, len, "%s`%s+0x%" PRIx64, mod, func, off);
		return 0;
	}
}

void
sess_sym_ops(struct udt_session *s, struct cons_sym_ops *ops)
{
	ops->lookup = sym_text;
	ops->ctx = s;
}

static const struct vm_host_ops tracee_ops = {
	.read_mem = tr_read_mem,
	.write_mem = tr_write_mem,
	.ustack = tr_ustack,
	.progenyof = tr_progenyof,
	.ureg = tr_ureg,
	.raise_sig = tr_raise,
	.stop = tr_stop,
	.builtin = tr_builtin,
	.sc_override = tr_sc_override,
};

/* --- Firing in a tracee ----------------------------------------------- */

static void
host_fire(void *ctx, struct probe *p, struct vm_probe_ctx *c,
	  const struct tgt_event *ev)
{
	struct udt_session *s = ctx;
	struct sess_trace *tr = s->tr;
	const struct probe_enablings *pe = sess_enablings(s, p);
	const struct tgt_thread_info *ti;
	const struct tgt_event *saved;
	long long cpu;

	if (pe == NULL || pe->en.n == 0 || s->done || s->vm == NULL ||
	    !s->begun) {
		syn_invalidate(tr);
		return;
	}
	ti = tgt_thread_info(tr->tgt, ev->tid);
	c->probe_id = p->id;
	c->prov = p->prov;
	c->mod = p->mod;
	c->func = p->func;
	c->name = p->name;
	c->pid = ev->pid;
	c->tid = ev->tid;
	if (ti) {
		c->ppid = ti->ppid;
		c->uid = ti->uid;
		c->gid = ti->gid;
		c->execname = ti->comm;
	} else {
		c->ppid = ppid_of(tr, ev->pid);
		c->execname = "";
	}
	/* The CPU column of dtrace's default output: read only when the
	   probe lines are printed (else `cpu` asks tr_builtin). */
	c->cpu = 0;
	if (!s->opts.quiet && (cpu = tgt_thread_cpu(tr->tgt, ev->tid)) >= 0)
		c->cpu = (int)cpu;
	c->timestamp = tr->ev_ns ? tr->ev_ns : sess_clock_ns(CLOCK_MONOTONIC);
	c->walltimestamp = sess_clock_ns(CLOCK_REALTIME);
	c->vtimestamp = 0;
	c->ops = &tracee_ops;
	c->host = s;
	saved = tr->ev;
	tr->ev = ev;
	vm_fire(s->vm, c, pe->en.v, pe->en.n);
	tr->ev = saved;
	syn_invalidate(tr);
	/* Records are formatted after the thread is resumed (the end of
	   the dispatch round), unless the buffer is filling up. */
	if (vm_recbuf(s->vm)->nrecs >= 256)
		sess_drain(s);
}

/* --- Syscall sets ------------------------------------------------------ */

static void
host_sc_want(void *ctx, long nr, int entry, int exit, int delta)
{
	struct udt_session *s = ctx;
	struct sess_trace *tr = tr_get(s);

	if (nr < 0 || nr >= 4096)
		return;
	if ((size_t)nr >= tr->nsc) {
		size_t n = (size_t)arch_sc_max();

		if (n <= (size_t)nr)
			n = (size_t)nr + 1;
		tr->sc_entry = xreallocarray(tr->sc_entry, n, sizeof(uint32_t));
		tr->sc_exit = xreallocarray(tr->sc_exit, n, sizeof(uint32_t));
		tr->sc_stop = xreallocarray(tr->sc_stop, n, sizeof(uint32_t));
		memset(tr->sc_entry + tr->nsc, 0,
		       (n - tr->nsc) * sizeof(uint32_t));
		memset(tr->sc_stop + tr->nsc, 0,
		       (n - tr->nsc) * sizeof(uint32_t));
		memset(tr->sc_exit + tr->nsc, 0,
		       (n - tr->nsc) * sizeof(uint32_t));
		tr->nsc = n;
	}
	if (entry)
		tr->sc_entry[nr] += (uint32_t)delta;
	if (entry && entry != PROV_SC_STOPLESS)
		tr->sc_stop[nr] += (uint32_t)delta;
	if (exit)
		tr->sc_exit[nr] += (uint32_t)delta;
}

static void
push_syscalls(struct sess_trace *tr)
{
	uint8_t *en, *ex, *nostop;

	if (tr->tgt == NULL)
		return;
	en = xcalloc(tr->nsc ? tr->nsc : 1, 1);
	ex = xcalloc(tr->nsc ? tr->nsc : 1, 1);
	nostop = xcalloc(tr->nsc ? tr->nsc : 1, 1);
	for (size_t i = 0; i < tr->nsc; i++) {
		en[i] = tr->sc_entry[i] || tr->sc_exit[i];
		ex[i] = tr->sc_exit[i] != 0;
		nostop[i] = tr->sc_entry[i] && !tr->sc_stop[i];
	}
	tgt_set_syscalls(tr->tgt, en, ex, tr->nsc);
	tgt_set_stopless(tr->tgt, nostop, tr->nsc);
	free(en);
	free(ex);
	free(nostop);
}

/* With -x sysentry=notify, whether p's clauses, and the ERROR probe's
   (which may fire in their place), all do without a stopped thread. */
static int
host_stopless(void *ctx, const struct probe *p)
{
	struct udt_session *s = ctx;
	const struct probe_enablings *pe[2] = {
		sess_enablings(s, p),
		s->npen >= PROV_ID_ERROR ? &s->pen[PROV_ID_ERROR - 1] : NULL
	};

	if (s->opts.sysentry == NULL || strcmp(s->opts.sysentry, "notify"))
		return 0;
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; pe[k] && i < pe[k]->en.n; i++)
			if (vm_clause_needs_thread(
				    s->prog->clauses[pe[k]->en.v[i].clause]))
				return 0;
	return 1;
}

static struct watched *find_watched(struct sess_trace *tr, pid_t pid);
static int names_pid_provider(const struct udt_session *s, pid_t pid);

static int
host_proc_state(void *ctx, pid_t pid)
{
	struct udt_session *s = ctx;
	struct watched *w = s->tr ? find_watched(s->tr, pid) : NULL;

	if (w)
		return w->spawned && !w->started ? PROV_PROC_PENDING :
						   PROV_PROC_READY;
	for (size_t i = 0; i < s->pids.n; i++)
		if (s->pids.v[i] == pid)
			return PROV_PROC_READY;
	if (s->tr && s->tr->tgt && tgt_traced(s->tr->tgt, pid))
		return PROV_PROC_READY;
	/* dtrace grabs a process that a pid<N> description names, as if it
	   had been given with -p (while compiling: nothing is traced yet) */
	if (!s->going && pid > 0) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d", (int)pid);
		if (access(path, F_OK) == 0) {
			if (!s->opts.listmode) /* -l reads, never traces */
				VEC_PUSH(&s->pids, pid);
			return PROV_PROC_READY;
		}
	}
	return PROV_PROC_UNKNOWN;
}

/* -x evaltime: where a -c command named by pid/usdt probes waits for
   BEGIN (dtrace's default: postinit). */
enum evaltime { EVAL_EXEC, EVAL_PREINIT, EVAL_POSTINIT, EVAL_MAIN };

static enum evaltime
evaltime(const struct udt_session *s)
{
	const char *v = s->opts.evaltime;

	if (v == NULL || strcmp(v, "postinit") == 0)
		return EVAL_POSTINIT;
	if (strcmp(v, "exec") == 0)
		return EVAL_EXEC;
	if (strcmp(v, "preinit") == 0)
		return EVAL_PREINIT;
	return EVAL_MAIN;
}

static int
first_match(void *ctx, const struct sym_match *m)
{
	*(uint64_t *)ctx = m->addr;
	return 1;
}

/* Holds the event's thread of w where BEGIN is to be waited for; with
   report_again, the breakpoint it is held at is reported to the
   providers when it goes on (they have not seen it). */
static void
hold_here(struct sess_trace *tr, struct watched *w, int report_again)
{
	w->preinit = 2;
	w->held = tr->cur->tid;
	tgt_hold(tr->tgt, w->held, report_again);
}

static void
host_modules_changed(void *ctx, pid_t pid, int initial)
{
	struct udt_session *s = ctx;
	struct sess_trace *tr = s->tr;
	struct watched *w = find_watched(tr, pid);
	enum evaltime et = evaltime(s);
	uint64_t addr = 0;

	sess_rematch(s, pid);
	if (!initial || !w || !w->spawned || w->preinit != 1 || !tr->cur ||
	    w->eval_bp)
		return;
	/* preinit: the libraries are mapped, no constructor has run */
	if (et == EVAL_POSTINIT) {
		/* the program's entry point: the libraries' constructors
		   have run (the program's own run from _start) */
		if (sym_proc_auxv(pid, AT_ENTRY, &addr) < 0)
			addr = 0;
	} else if (et == EVAL_MAIN) {
		struct sym_proc *p = symproc_get(tr, pid, 1);

		if (p && sym_proc_refresh(p) >= 0)
			sym_lookup_name(p, "a.out", "main", first_match, &addr);
	}
	if (addr && tgt_bkpt_add(tr->tgt, pid, addr, NULL, 0) == 0) {
		w->eval_bp = addr;
		return;
	}
	/* preinit, or the place could not be found: here */
	hold_here(tr, w, 0);
}

/* The -c command reached its evaltime breakpoint: it waits there (the
   hit is reported again when it goes on, see tgt_release()). */
static int
on_eval_bp(struct udt_session *s, const struct tgt_event *ev)
{
	struct sess_trace *tr = s->tr;
	struct watched *w = find_watched(tr, ev->pid);

	if (ev->kind != TGT_EV_BKPT || w == NULL || w->eval_bp == 0 ||
	    w->eval_bp != ev->pc || w->preinit != 1)
		return 0;
	hold_here(tr, w, 1);
	/* deleted after the hold: the hit is reported again, then the
	   thread steps past (the byte is back) */
	tgt_bkpt_del(tr->tgt, ev->pid, w->eval_bp);
	w->eval_bp = 0;
	return 1;
}

static void
host_provide_error(void *ctx, const char *msg)
{
	sess_provide_error(ctx, msg);
}

void
sess_trace_host(struct udt_session *s, struct prov_host *h)
{
	struct sess_trace *tr = tr_get(s);

	h->sc_want = host_sc_want;
	h->stopless = host_stopless;
	h->fire = host_fire;
	h->syn_put = host_syn_put;
	h->modules_changed = host_modules_changed;
	h->proc_state = host_proc_state;
	h->provide_error = host_provide_error;
	h->tgt = tr->tgt;
	h->ctx = s;
}

/* --- Events -------------------------------------------------------------- */

static struct watched *
find_watched(struct sess_trace *tr, pid_t pid)
{
	for (size_t i = 0; i < tr->watched.n; i++)
		if (tr->watched.v[i].pid == pid)
			return &tr->watched.v[i];
	return NULL;
}

/* dtrace(1)'s prochandler(): how a -c/-p process ended (a notice). */
static void
report_gone(struct udt_session *s, pid_t pid, int status)
{
	if (s->opts.quiet)
		return;
	if (status != -1 && WIFSIGNALED(status)) {
		const char *name = sigabbrev_np(WTERMSIG(status));

		if (name)
			msg_warn("pid %d terminated by SIG%s", (int)pid, name);
		else
			msg_warn("pid %d terminated by signal %d", (int)pid,
				 WTERMSIG(status));
	} else if (status != -1 && WIFEXITED(status) &&
		   WEXITSTATUS(status) != 0) {
		msg_warn("pid %d exited with status %d", (int)pid,
			 WEXITSTATUS(status));
	} else {
		msg_warn("pid %d has exited", (int)pid);
	}
}

static void
fire_samplers(struct udt_session *s, const struct tgt_event *ev)
{
	struct sess_trace *tr = s->tr;

	for (size_t i = 0; i < tr->samplers.n; i++) {
		struct probe *p = tr->samplers.v[i];
		struct vm_probe_ctx c;

		memset(&c, 0, sizeof(c));
		/* profile's arg0 is the kernel pc, arg1 the user pc */
		c.nargs = 2;
		c.args[1] = ev->pc;
		host_fire(s, p, &c, ev);
	}
}

/* Whether ev belongs to a -c command that has not exec'd yet. */
static int
before_exec(struct sess_trace *tr, const struct tgt_event *ev)
{
	struct watched *w = find_watched(tr, ev->pid);

	if (w == NULL || !w->spawned || w->started == 2)
		return 0;
	if (ev->kind == TGT_EV_EXIT || ev->kind == TGT_EV_GONE)
		return 0;
	if (ev->kind == TGT_EV_EXEC) {
		w->started = 1; /* its execve's return may follow */
		return 1;
	}
	if (w->started == 1 && ev->kind != TGT_EV_SC_EXIT) {
		w->started = 2;
		return 0;
	}
	if (w->started == 1) {
		w->started = 2;
		return 1; /* that return */
	}
	return 1;
}

/* A set-user-ID (or -group-ID) program exec'd while traced runs without
   the ids of its owner, as under strace or gdb: it may fail where it
   would not untraced, which the user must hear of. Tracing goes on. */
static void
warn_unprivileged(struct sess_trace *tr, const struct tgt_event *ev)
{
	const struct tgt_thread_info *ti = tgt_thread_info(tr->tgt, ev->tid);

	msg_warn("pid %d (%s) is a set-user-ID or set-group-ID program: "
		 "traced, it runs without the privileges of its owner",
		 (int)ev->pid, ti ? ti->comm : "?");
}

/* Process pid is traced with its image in place: providers plant what
   their probes need there. */
static void
call_traced(struct udt_session *s, pid_t pid)
{
	struct prov_host h;

	memset(&h, 0, sizeof(h));
	sess_host_timers(s, &h);
	sess_trace_host(s, &h);
	for (size_t i = 0; i < prov_nall; i++)
		if (prov_all[i]->traced)
			prov_all[i]->traced(&h, pid);
}

static void
on_event(void *ctx, struct tgt *t, const struct tgt_event *ev)
{
	struct udt_session *s = ctx;
	struct sess_trace *tr = s->tr;
	struct prov_host h;

	(void)t;
	tr->cur = ev;
	if (ev->kind == TGT_EV_EXEC && ev->unpriv)
		warn_unprivileged(tr, ev);
	if (ev->kind == TGT_EV_UNTRACED_CHILD) {
		const struct tgt_thread_info *ti =
			tgt_thread_info(tr->tgt, ev->tid);

		msg_warn("pid %d (%s) creates a process with CLONE_UNTRACED: "
			 "udtrace cannot follow it, and traces the rest",
			 (int)ev->pid, ti ? ti->comm : "?");
		tr->cur = NULL;
		return;
	}
	if (before_exec(tr, ev)) {
		/* the command's own exec: its image is in place */
		if (ev->kind == TGT_EV_EXEC) {
			struct watched *w = find_watched(tr, ev->pid);

			/* probes of its modules (pid, usdt) are named: the
			   pid provider follows its dynamic linker */
			if (names_pid_provider(s, ev->pid)) {
				struct prov_host h;

				memset(&h, 0, sizeof(h));
				sess_host_timers(s, &h);
				sess_trace_host(s, &h);
				prov_pid_watch(&h, ev->pid);
			}
			call_traced(s, ev->pid);
			/* -x evaltime=exec: probes are matched here, in the
			   executable and the dynamic linker only */
			if (w && w->preinit == 1 && evaltime(s) == EVAL_EXEC) {
				sess_rematch(s, ev->pid);
				hold_here(tr, w, 0);
			}
		}
		tr->cur = NULL;
		return;
	}
	if (on_eval_bp(s, ev)) {
		tr->cur = NULL;
		return;
	}
	if (ev->kind == TGT_EV_EXEC) {
		/* a new image: its modules replace the old ones */
		struct sym_proc *p = symproc_get(tr, ev->pid, 0);

		if (p)
			sym_proc_refresh(p);
	}
	tr->ev_ns = sess_clock_ns(CLOCK_MONOTONIC);
	if (ev->kind == TGT_EV_SAMPLE) {
		fire_samplers(s, ev);
		return;
	}
	/* (-l with -c: no VM, but the pid provider follows the dynamic
	   linker to list the probes) */
	if (!s->done) {
		memset(&h, 0, sizeof(h));
		sess_host_timers(s, &h);
		sess_trace_host(s, &h);
		for (size_t i = 0; i < prov_nall; i++)
			if (prov_all[i]->event)
				prov_all[i]->event(&h, ev);
	}
	if (ev->kind == TGT_EV_GONE) {
		struct watched *w = find_watched(tr, ev->pid);

		if (w && w->alive) {
			w->alive = 0;
			report_gone(s, ev->pid, ev->status);
			if (--tr->live == 0)
				s->done = 1;
		}
	}
	tr->cur = NULL;
}

/* --- Life cycle ---------------------------------------------------------- */

/* A fatal error (msg_fatal(), out of memory) lets every tracee go first. */
static void
detach_on_fatal(void *arg)
{
	struct tgt *t = arg;

	tgt_detach_all(t, 1);
}

/* A large file's symbols are about to be read (sym_set_notice()): the
   person waiting hears why. */
static void
sym_notice(void *ctx, const char *path, uint64_t size)
{
	const char *root;

	(void)ctx;
	/* A tracee's files are opened through /proc/PID/root (its mount
	   namespace): the path the person knows follows that prefix. */
	if (!strncmp(path, "/proc/", 6) && (root = strstr(path, "/root/")) &&
	    strspn(path + 6, "0123456789") == (size_t)(root - path - 6))
		path = root + 5;
	msg_warn("reading the symbols of %s (%" PRIu64 " MB)...", path,
		 size >> 20);
}

static struct tgt *
tr_tgt(struct udt_session *s)
{
	struct sess_trace *tr = tr_get(s);

	if (tr->tgt == NULL) {
		struct tgt_callbacks cb = { .event = on_event, .ctx = s };
		const char *pl = s->opts.placement;

		tr->tgt = tgt_create(&cb);
		tgt_set_placement(tr->tgt, pl == NULL || strcmp(pl, "none"));
		if (!s->opts.quiet)
			sym_set_notice(sym_notice, s);
		msg_add_cleanup(detach_on_fatal, tr->tgt);
	}
	return tr->tgt;
}

int
sess_trace_prepare(struct udt_session *s)
{
	char err[512];

	for (size_t i = 0; i < s->cmds.n; i++) {
		struct watched w = { .spawned = 1, .alive = 1 };

		if (tgt_spawn(tr_tgt(s), s->cmds.v[i], &w.pid, err,
			      sizeof(err)) < 0) {
			/* dt_proc_create() names the program, argv[0] */
			const char *c =
				s->cmds.v[i] + strspn(s->cmds.v[i], " \t");

			msg_warn("failed to execute %.*s: %s",
				 (int)strcspn(c, " \t"), c, err);
			return -1;
		}
		VEC_PUSH(&s->tr->watched, w);
		s->tr->live++;
	}
	/* -p processes are grabbed when the probes are enabled (the
	   syscall sets decide how they run); a pid that does not exist
	   fails now, before compiling, as dtrace's Pgrab does. */
	for (size_t i = 0; i < s->pids.n; i++) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d", (int)s->pids.v[i]);
		if (s->pids.v[i] <= 0 || access(path, F_OK) != 0) {
			msg_warn("failed to grab pid %d: No such process",
				 (int)s->pids.v[i]);
			return -1;
		}
	}
	return 0;
}

int64_t
sess_target_pid(const struct udt_session *s)
{
	if (s->tr)
		for (size_t i = 0; i < s->tr->watched.n; i++)
			if (s->tr->watched.v[i].spawned)
				return s->tr->watched.v[i].pid;
	return s->pids.n ? s->pids.v[0] : 0;
}

/*
 * The process a provider field names: pid<N> (the pid provider), or
 * PROVIDER<N> (a USDT provider of process N: python1234, as
 * python$target expands): the trailing digits of the name, after at
 * least one other character (the rest may be a glob). 0 when it names
 * none.
 */
static pid_t
desc_pid(const char *prov)
{
	pid_t pid;

	return prov_name_pid(prov, NULL, 0, &pid) == 0 ? pid : 0;
}

int
sess_desc_names_pid(const struct vm_probedesc *pd, pid_t pid)
{
	char prov[32];

	if (pd->prov[0] == '\0')
		return 0;
	if (desc_pid(pd->prov) == pid)
		return 1;
	/* a glob: the pid provider's name may match it (pid*) */
	snprintf(prov, sizeof(prov), "pid%d", (int)pid);
	return strpbrk(pd->prov, "*?[\\") != NULL &&
	       prov_glob_match(pd->prov, prov);
}

int
sess_desc_pending(struct udt_session *s, const struct vm_probedesc *pd)
{
	pid_t pid = desc_pid(pd->prov);
	struct watched *w;

	if (pid == 0 || s->tr == NULL || (w = find_watched(s->tr, pid)) == NULL)
		return 0;
	return w->spawned && !w->started;
}

/* Whether a description of the program may name a probe of pid's. */
static int
names_pid_provider(const struct udt_session *s, pid_t pid)
{
	const struct vm_prog *p = s->prog;

	if (p == NULL)
		return 0;
	for (uint32_t c = 0; c < p->nclauses; c++)
		for (uint32_t d = 0; d < p->clauses[c]->ndescs; d++)
			if (sess_desc_names_pid(&p->clauses[c]->descs[d], pid))
				return 1;
	return 0;
}

/* Whether some -c command must be run to its preinit point first. */
int
sess_trace_needs_preinit(const struct udt_session *s)
{
	if (s->tr == NULL)
		return 0;
	for (size_t i = 0; i < s->tr->watched.n; i++) {
		const struct watched *w = &s->tr->watched.v[i];

		if (w->spawned && !w->preinit && names_pid_provider(s, w->pid))
			return 1;
	}
	return 0;
}

static int
preinit_waiting(const struct sess_trace *tr)
{
	for (size_t i = 0; i < tr->watched.n; i++)
		if (tr->watched.v[i].preinit == 1 && tr->watched.v[i].alive)
			return 1;
	return 0;
}

int
sess_trace_preinit(struct udt_session *s)
{
	struct sess_trace *tr = s->tr;
	char err[512];
	struct timespec ms = { 0, 1000000 };
	uint64_t deadline;

	if (!sess_trace_needs_preinit(s))
		return 0;
	tr_tgt(s);
	if (!tr->attached) {
		/* -l: nothing enabled, nothing to stop at but the pid
		   provider's breakpoints */
		push_syscalls(tr);
		tr->attached = 1;
	}
	for (size_t i = 0; i < tr->watched.n; i++) {
		struct watched *w = &tr->watched.v[i];

		if (!w->spawned || w->preinit || !names_pid_provider(s, w->pid))
			continue;
		w->preinit = 1;
		if (tgt_spawn_run(tr->tgt, w->pid, err, sizeof(err)) < 0) {
			msg_warn("failed to execute %s: %s", s->cmds.v[i], err);
			return -1;
		}
	}
	/* The dynamic linker's work takes milliseconds; a program that
	   never gets there (it hangs in a preloaded constructor) is not
	   waited for forever. */
	deadline = sess_clock_ns(CLOCK_MONOTONIC) + 30 * 1000000000ULL;
	while (preinit_waiting(tr) && !s->done) {
		if (tgt_dispatch(tr->tgt) == 0) {
			if (sess_clock_ns(CLOCK_MONOTONIC) > deadline) {
				msg_warn("failed to start the -c command: its "
					 "dynamic linker did not finish in 30 "
					 "seconds");
				return -1;
			}
			nanosleep(&ms, NULL);
		}
	}
	for (size_t i = 0; i < tr->watched.n; i++) {
		const struct watched *w = &tr->watched.v[i];

		if (w->preinit == 2 && sess_pending_unmatched(s, w->pid) < 0)
			return -1;
	}
	return 0;
}

/* Whether an enabled probe needs processes to trace (its provider reacts
   to target events). */
static int
needs_process(const struct udt_session *s)
{
	for (size_t i = 0; i < s->npen && i < s->probes.n; i++) {
		const struct probe *p = s->probes.probes[i];

		if (s->pen[i].en.n && p->ops->event)
			return 1;
	}
	return 0;
}

/*
 * Attaching seizes and stops every thread of a process, one by one: with
 * thousands of threads the person waits, so udtrace says what it is
 * doing before, and how long it took after (not with -q). Small
 * processes, the common case, cost one read of their status
 * (tgt_proc_threads) and print nothing.
 */
enum { ATTACH_NOTICE_THREADS = 1000 };

/* tgt_attach() with the notices above. */
static int
attach_one(struct udt_session *s, pid_t pid, char *err, size_t errlen)
{
	long nthreads = s->opts.quiet ? 0 : tgt_proc_threads(pid);
	uint64_t t0 = 0;
	int rc;

	if (nthreads >= ATTACH_NOTICE_THREADS) {
		msg_warn("attaching to %ld threads of pid %d...", nthreads,
			 (int)pid);
		t0 = sess_clock_ns(CLOCK_MONOTONIC);
	}
	rc = tgt_attach(s->tr->tgt, pid, err, errlen);
	if (rc == 0 && nthreads >= ATTACH_NOTICE_THREADS)
		msg_warn("attached to %ld threads of pid %d in %.1f s",
			 tgt_proc_threads(pid), (int)pid,
			 (double)(sess_clock_ns(CLOCK_MONOTONIC) - t0) / 1e9);
	return rc;
}

int
sess_trace_attach(struct udt_session *s)
{
	struct sess_trace *tr = tr_get(s);
	char err[512];

	if (s->cmds.n == 0 && s->pids.n == 0) {
		unsigned nattached = 0, nskipped = 0;

		if (!needs_process(s))
			return 0;
		tr_tgt(s);
		push_syscalls(tr);
		if (tgt_attach_all(tr->tgt, &nattached, &nskipped, err,
				   sizeof(err)) < 0) {
			msg_warn("failed to grab any process: %s", err);
			return -1;
		}
		tr->all = 1;
		if (!s->opts.quiet) {
			if (nskipped)
				msg_warn(
					"tracing %u process%s (skipped %u: %s)",
					nattached, nattached == 1 ? "" : "es",
					nskipped, err);
			else
				msg_warn("tracing %u process%s", nattached,
					 nattached == 1 ? "" : "es");
		}
		tr->attached = 1;
		return 0;
	}
	tr_tgt(s);
	push_syscalls(tr);
	for (size_t i = 0; i < s->pids.n; i++) {
		struct watched w = { .pid = s->pids.v[i], .alive = 1 };

		if (find_watched(tr, w.pid))
			continue; /* -p given twice */
		if (attach_one(s, w.pid, err, sizeof(err)) < 0) {
			msg_warn("failed to grab pid %d: %s", (int)w.pid, err);
			return -1;
		}
		VEC_PUSH(&tr->watched, w);
		tr->live++;
		if (tgt_traced(tr->tgt, w.pid))
			call_traced(s, w.pid);
	}
	tr->attached = 1;
	return 0;
}

int
sess_trace_run(struct udt_session *s)
{
	struct sess_trace *tr = s->tr;
	char err[512];

	if (tr == NULL)
		return 0;
	for (size_t i = 0; i < tr->watched.n; i++) {
		const struct watched *w = &tr->watched.v[i];

		if (!w->spawned)
			continue;
		if (w->preinit) {
			/* run already, held at its preinit point */
			if (w->preinit == 2 && w->alive)
				tgt_release(tr->tgt, w->held);
			tr->watched.v[i].preinit = 3;
			continue;
		}
		if (tgt_spawn_run(tr->tgt, w->pid, err, sizeof(err)) < 0) {
			msg_warn("failed to execute %s: %s", s->cmds.v[i], err);
			return -1;
		}
		/* A quick command may have fired probes (or even ended)
		   while it was let go: their records are formatted now. */
		if (s->vm)
			sess_drain(s);
	}
	return 0;
}

int
sess_trace_active(const struct udt_session *s)
{
	return s->tr && s->tr->tgt && s->tr->attached;
}

int
sess_trace_dispatch(struct udt_session *s)
{
	return sess_trace_dispatch_from(s, 0, NULL, 0);
}

int
sess_trace_dispatch_from(struct udt_session *s, unsigned woke,
			 const struct pollfd *polled, int npolled)
{
	int n;

	if (!sess_trace_active(s))
		return 0;
	n = tgt_dispatch_from(s->tr->tgt, woke, polled, npolled);
	if (s->vm)
		sess_drain(s);
	return n;
}

int
sess_trace_notify_fds(const struct udt_session *s, struct pollfd *pfds, int max)
{
	return sess_trace_active(s) ? tgt_notify_fds(s->tr->tgt, pfds, max) : 0;
}

int
sess_trace_more(const struct udt_session *s)
{
	return sess_trace_active(s) && !tgt_drained(s->tr->tgt);
}

int
sess_trace_sample(struct udt_session *s, struct probe *p)
{
	struct sess_trace *tr = s->tr;

	if (!sess_trace_active(s) || tgt_nprocs(tr->tgt) == 0)
		return 0;
	tr->samplers.n = 0;
	VEC_PUSH(&tr->samplers, p);
	tgt_sample(tr->tgt);
	return 1;
}

void
sess_trace_detach(struct udt_session *s)
{
	if (s->tr && s->tr->tgt)
		tgt_detach_all(s->tr->tgt, 1);
}

void
sess_trace_free(struct udt_session *s)
{
	struct sess_trace *tr = s->tr;

	if (tr == NULL)
		return;
	if (tr->tgt) {
		msg_remove_cleanup(detach_on_fatal, tr->tgt);
		/* -c commands die with udtrace, as dtrace's (an error after
		   they started, -l with -c) */
		tgt_detach_all(tr->tgt, 1);
		tgt_destroy(tr->tgt);
	}
	free(tr->sc_entry);
	free(tr->sc_exit);
	free(tr->sc_stop);
	VEC_FREE(&tr->watched);
	VEC_FREE(&tr->samplers);
	for (size_t i = 0; i < tr->unwinders.n; i++)
		sym_unwind_close(tr->unwinders.v[i]);
	VEC_FREE(&tr->unwinders);
	for (size_t i = 0; i < tr->symprocs.n; i++)
		sym_proc_close(tr->symprocs.v[i]);
	VEC_FREE(&tr->symprocs);
	for (unsigned i = 0; i < SYN_NSLOTS; i++)
		free(tr->syn[i].buf);
	free(tr);
	s->tr = NULL;
}

/* --- args[] types for the compiler -------------------------------------- */

static int
resolve_arg_types(void *ctx, const struct vm_probedesc *pd,
		  struct vm_type types[10], const char *names[10])
{
	struct udt_session *s = ctx;
	struct prov_host h;

	memset(&h, 0, sizeof(h));
	sess_host_timers(s, &h);
	sess_trace_host(s, &h);
	for (size_t k = 0; k < prov_nall; k++)
		if (prov_all[k]->provide)
			prov_all[k]->provide(&h, &s->probes, pd);
	for (size_t i = 0; i < s->probes.n; i++) {
		const struct probe *p = s->probes.probes[i];
		int n;

		if (!p->ops->arg_types || !prov_match(p, pd))
			continue;
		n = p->ops->arg_types(p, types, names);
		if (n >= 0)
			return n;
	}
	/* Probes without typed arguments: args[0..9] are int64_t, as
	   before any provider offered types. */
	for (int i = 0; i < 10; i++) {
		memset(&types[i], 0, sizeof(types[i]));
		types[i].kind = VM_T_INT;
		types[i].size = 8;
		types[i].is_signed = 1;
		names[i] = NULL;
	}
	return 10;
}

const struct d_probe_resolver sess_resolver_proto = {
	.arg_types = resolve_arg_types,
	.ctx = NULL,
};
