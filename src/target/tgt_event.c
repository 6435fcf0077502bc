/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The event loop: every stop of every tracee is taken here, turned into
 * at most a few struct tgt_event, and resumed (DESIGN.md section 10).
 *
 * Waiting. Stops are collected with waitid(WSTOPPED) only, which never
 * reaps anything; exits are first looked at with WNOWAIT and reaped only
 * when the thread is ours, so a child of the session that we do not trace
 * (a preprocessor, system()) is never taken from its owner. (WEXITED
 * alone still reports a tracee's ptrace-stops, "traditionally", says the
 * kernel: what the exit look finds may be a stop, handled as such.) One waitid per
 * stop, one PTRACE_GET_SYSCALL_INFO per syscall stop that matters (none at
 * the exit of a syscall nobody asked for), one resume: registers are read
 * only when the user asks, or to write them (fault injection).
 *
 * Syscall stops. A process we spawned carries our seccomp filter and runs
 * with PTRACE_CONT: it stops only at PTRACE_EVENT_SECCOMP, for the
 * syscalls wanted, and is resumed with PTRACE_SYSCALL only when the exit
 * stop is needed. Since Linux 4.8 the seccomp stop comes after the
 * syscall-enter stop (when both happen), and PTRACE_SYSCALL from it gives
 * the exit stop; a syscall-enter stop of such a thread is therefore never
 * an event (the seccomp stop follows if the syscall is wanted). Other
 * tracees run with PTRACE_SYSCALL when any syscall is wanted: entry and
 * exit stops come in pairs, and the exit of a syscall nobody wants is
 * resumed without a look (tgt_thr.sc remembers where each thread is).
 *
 * New threads and processes are auto-attached by the kernel. The child's
 * first stop (PTRACE_EVENT_STOP) and the parent's PTRACE_EVENT_FORK/CLONE
 * come in either order: a stop of a tid we do not know is held (an
 * "orphan") until the parent's event names it, so FORK always comes
 * before PROC_START. A parent killed before its event was reported never
 * names its child: the orphan is then claimed when the parent exits, or
 * after a while by looking at /proc.
 *
 * Threads vanish without a word (SIGKILL, another thread's exec): every
 * ptrace call may fail with ESRCH, which only means "not stopped any
 * more"; the thread's end is learnt from wait.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/htab.h"
#include "common/xalloc.h"
#include "target/tgt_impl.h"

/* A burst of stops still returns to the caller now and then (timers, ^C,
   draining the records). */
#define STEP_MAX_STOPS 256
/* An orphan whose parent never named it is claimed after this long (a
   safety net: a parent that dies without its event claims its orphans
   at its exit). */
#define ORPHAN_MS 1000
#define EARLY_MAX 64

#define SYSCALL_STOP (SIGTRAP | 0x80)

static int
is_stop_sig(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/* Sends an event to the user. Returns 0 when tgt_detach_all() ran in the
   callback: every record of the stop is gone, touch nothing. */
int
tgt_emit(struct tgt *t, struct tgt_event *ev)
{
	unsigned epoch = t->epoch;

	if (t->detaching || t->cb.event == NULL)
		return 1;
	t->cb.event(t->cb.ctx, t, ev);
	return t->epoch == epoch;
}

/* EXIT and GONE: dropped for a failed spawn, held while the process is
   being attached (the caller learns its pid when tgt_attach returns). */
static int
proc_emit(struct tgt *t, struct tgt_proc *proc, struct tgt_event *ev)
{
	if (proc->quiet)
		return 1;
	if (proc->attaching) {
		if (!t->detaching)
			VEC_PUSH(&t->deferred, *ev);
		return 1;
	}
	return tgt_emit(t, ev);
}

static void
ev_init(struct tgt_event *ev, enum tgt_ev_kind kind, const struct tgt_thr *th)
{
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->pid = th->proc->pid;
	ev->tid = th->tid;
}

void
tgt_resume(struct tgt *t, struct tgt_thr *th, int sig)
{
	int req = PTRACE_CONT;
	uint64_t more = th->pend_more;

	if (th->hold) {
		/* tgt_hold() in the callback: tgt_release() resumes. */
		th->hold = 0;
		th->held = 1;
		th->held_sig = sig;
		return;
	}
	th->bkpt = 0;
	if (th->pend_sig && sig == 0) {
		/* A signal that came while we stepped the thread. */
		sig = th->pend_sig;
		ptrace(PTRACE_SETSIGINFO, th->tid, 0L, &th->pend_si);
	} else if (th->pend_sig && th->pend_sig != sig) {
		more |= 1ULL << (th->pend_sig - 1);
	}
	th->pend_sig = 0;
	th->pend_more = 0;

	if (th->sc == SC_EXIT || (!th->proc->filtered && t->any_wanted))
		req = PTRACE_SYSCALL;
	else if (th->sc == SC_UNWANTED)
		th->sc = SC_NONE; /* its exit stop will not come */
	/* ESRCH: killed while stopped; wait tells the rest. */
	ptrace((enum __ptrace_request)req, th->tid, 0L, (long)sig);
	th->pstate = TS_RUNNING;
	th->stop_sig = 0;
	/* More of them (rare): sent again, without their siginfo. */
	for (int s = 1; more && s <= 64; s++)
		if (more & (1ULL << (s - 1)))
			syscall(SYS_tgkill, th->proc->pid, th->tid, s);
}

/* Group-stop: the thread stays stopped until SIGCONT, but its other stops
   are still reported (PTRACE_LISTEN). */
static void
listen_stopped(struct tgt_thr *th)
{
	th->intr &= (unsigned char)~(INTR_SAMPLE | INTR_MODE);
	if (ptrace(PTRACE_LISTEN, th->tid, 0L, 0L) == 0)
		th->pstate = TS_LISTENING;
	else
		th->pstate = TS_RUNNING;
}

int
tgt_cur_regs(struct tgt *t, pid_t tid)
{
	int rc;

	if (t->cur == NULL || t->cur->tid != tid)
		return -ESRCH;
	if (!t->regs_ok) {
		rc = arch_regs_get(tid, &t->regs);
		if (rc < 0)
			return rc;
		t->regs_ok = 1;
	}
	return 0;
}

/* ---- Orphans and early exits --------------------------------------- */

static int
orphan_take(struct tgt *t, pid_t tid, int *status)
{
	for (size_t i = 0; i < t->orphans.n; i++) {
		if (t->orphans.v[i].tid != tid)
			continue;
		*status = t->orphans.v[i].status;
		t->orphans.v[i] = t->orphans.v[--t->orphans.n];
		return 1;
	}
	return 0;
}

static void
early_add(struct tgt *t, pid_t tid, int status)
{
	struct tgt_early e = { tid, status };

	if (t->early.n >= EARLY_MAX) {
		memmove(t->early.v, t->early.v + 1,
			(t->early.n - 1) * sizeof(*t->early.v));
		t->early.n--;
	}
	VEC_PUSH(&t->early, e);
}

static int
early_take(struct tgt *t, pid_t tid, int *status)
{
	for (size_t i = 0; i < t->early.n; i++) {
		if (t->early.v[i].tid != tid)
			continue;
		*status = t->early.v[i].status;
		t->early.v[i] = t->early.v[--t->early.n];
		return 1;
	}
	return 0;
}

/*
 * A stop of a tid whose creator's event never came: find the creator in
 * /proc (the thread's Tgid, else its PPid), announce the child from there
 * and handle the stop. first says whether the child gets a START.
 */
static void
adopt(struct tgt *t, pid_t tid, int status, enum tgt_first first)
{
	struct tgt_status st;
	struct tgt_proc *p, *parent = NULL;
	struct tgt_thr *th;
	struct tgt_event ev;
	int existed;

	if (tgt_read_status(tid, &st) < 0) {
		/* Gone already: let it finish dying; wait reports it. */
		ptrace(PTRACE_CONT, tid, 0L, 0L);
		return;
	}
	p = tgt_proc_find(t, st.tgid);
	existed = p != NULL;
	if (!p) {
		parent = tgt_proc_find(t, st.ppid);
		p = tgt_proc_new(t, st.tgid);
		p->filtered = parent ? parent->filtered :
				       (st.seccomp == 2 && t->ever_filtered);
		p->exitkill = parent && parent->exitkill;
		/* Its creator's event never came: taken for a fork. */
		if (parent && parent->bkt)
			tgt_bkpt_fork(t, parent, p, 0);
		if (parent)
			tgt_sem_fork(parent, p, 0);
	}
	th = tgt_thr_new(t, p, tid, first);
	tgt_info_load(th);
	if (first == FIRST_START && (existed || parent)) {
		memset(&ev, 0, sizeof(ev));
		ev.kind = existed ? TGT_EV_CLONE : TGT_EV_FORK;
		ev.pid = ev.tid = existed ? p->pid : parent->pid;
		ev.child = tid;
		if (!tgt_emit(t, &ev))
			return;
	}
	tgt_on_stop(t, tid, status);
}

/* Claims the orphans that proc (about to exit) created. */
static void
orphans_release_for(struct tgt *t, struct tgt_proc *proc)
{
	struct tgt_thr *cur = t->cur;
	size_t i = 0;

	while (i < t->orphans.n) {
		struct tgt_orphan o = t->orphans.v[i];
		struct tgt_status st;

		if (tgt_read_status(o.tid, &st) == 0 && st.tgid != proc->pid &&
		    st.ppid != proc->pid) {
			i++;
			continue;
		}
		t->orphans.v[i] = t->orphans.v[--t->orphans.n];
		adopt(t, o.tid, o.status, FIRST_START);
		i = 0; /* the vector may have changed under us */
	}
	t->cur = cur;
	t->regs_ok = 0;
}

static void
orphans_age(struct tgt *t)
{
	int64_t now = tgt_now_ms();

	for (size_t i = 0; i < t->orphans.n; i++) {
		struct tgt_orphan o = t->orphans.v[i];

		if (now - o.since_ms < ORPHAN_MS)
			continue;
		t->orphans.v[i] = t->orphans.v[--t->orphans.n];
		adopt(t, o.tid, o.status, FIRST_START);
		i = (size_t)-1;
	}
}

/* ---- Syscall stops ---------------------------------------------------- */

static void
sc_entry(struct tgt *t, struct tgt_thr *th, uint32_t arch, uint64_t nr,
	 const uint64_t *args)
{
	struct tgt_event ev;
	int want_entry, want_exit;

	/* A child that will escape us (our filter stops such a clone even
	   when no probe wants it): the user hears of it once. */
	if (arch == arch_audit && t->nr_clone >= 0 &&
	    nr == (uint64_t)t->nr_clone && (args[0] & CLONE_UNTRACED) &&
	    !th->proc->untraced_said) {
		th->proc->untraced_said = 1;
		ev_init(&ev, TGT_EV_UNTRACED_CHILD, th);
		ev.nr = (long)nr;
		if (!tgt_emit(t, &ev))
			return;
	}
	if (arch != arch_audit || nr >= t->nsc ||
	    (!t->entry[nr] && !t->exit[nr])) {
		/* Not asked for (or compat/x32): on as fast as possible. */
		th->sc = th->proc->filtered ? SC_NONE : SC_UNWANTED;
		tgt_resume(t, th, 0);
		return;
	}
	want_entry = t->entry[nr];
	want_exit = t->exit[nr];
	th->sc_nr = (long)nr;
	memcpy(th->sc_args, args, sizeof(th->sc_args));
	th->ovr = 0;
	if (want_entry) {
		ev_init(&ev, TGT_EV_SC_ENTRY, th);
		ev.nr = th->sc_nr;
		memcpy(ev.args, th->sc_args, sizeof(ev.args));
		th->at_entry = 1;
		if (!tgt_emit(t, &ev))
			return;
		th->at_entry = 0;
	}
	if (want_exit || th->ovr) {
		th->sc = SC_EXIT;
		th->sc_emit = (unsigned char)want_exit;
	} else {
		th->sc = th->proc->filtered ? SC_NONE : SC_UNWANTED;
	}
	tgt_resume(t, th, 0);
}

static void
sc_exit(struct tgt *t, struct tgt_thr *th, int64_t ret)
{
	struct tgt_event ev;

	if (th->sc != SC_EXIT) {
		/* The exit of a syscall entered before we looked. */
		th->sc = SC_NONE;
		tgt_resume(t, th, 0);
		return;
	}
	th->sc = SC_NONE;
	if (th->sc_emit) {
		ev_init(&ev, TGT_EV_SC_EXIT, th);
		ev.nr = th->sc_nr;
		memcpy(ev.args, th->sc_args, sizeof(ev.args));
		ev.ret = ret;
		if (!tgt_emit(t, &ev))
			return;
	}
	tgt_resume(t, th, 0);
}

/* The exit stop of a syscall we skipped: its result is ours to write. */
static void
sc_exit_override(struct tgt *t, struct tgt_thr *th)
{
	th->ovr = 0;
	if (tgt_cur_regs(t, th->tid) == 0)
		arch_sc_set_ret(th->tid, &t->regs, th->ovr_ret);
	sc_exit(t, th, th->ovr_ret);
}

static void
on_syscall(struct tgt *t, struct tgt_thr *th)
{
	struct __ptrace_syscall_info si;

	if (th->sc == SC_UNWANTED) {
		/* PTRACE_SYSCALL mode: the stop after an unwanted entry is
		   its exit (fork, exec events may come between, no other
		   syscall stop can). */
		th->sc = SC_NONE;
		tgt_resume(t, th, 0);
		return;
	}
	if (th->sc == SC_EXIT && th->ovr) {
		sc_exit_override(t, th);
		return;
	}
	/* Zeroed for memory checkers that do not know this request. */
	memset(&si, 0, sizeof(si));
	if (ptrace(PTRACE_GET_SYSCALL_INFO, th->tid, (void *)sizeof(si), &si) <
	    0) {
		th->pstate = TS_RUNNING; /* ESRCH: gone */
		return;
	}
	switch (si.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		if (th->proc->filtered) {
			/* The seccomp stop follows, if it is wanted. */
			th->sc = SC_NONE;
			tgt_resume(t, th, 0);
			break;
		}
		sc_entry(t, th, si.arch, si.entry.nr, si.entry.args);
		break;
	case PTRACE_SYSCALL_INFO_EXIT:
		sc_exit(t, th, si.exit.rval);
		break;
	default:
		tgt_resume(t, th, 0);
		break;
	}
}

static void
on_seccomp(struct tgt *t, struct tgt_thr *th)
{
	struct __ptrace_syscall_info si;

	memset(&si, 0, sizeof(si));
	if (ptrace(PTRACE_GET_SYSCALL_INFO, th->tid, (void *)sizeof(si), &si) <
	    0) {
		th->pstate = TS_RUNNING;
		return;
	}
	if (si.op != PTRACE_SYSCALL_INFO_SECCOMP) {
		tgt_resume(t, th, 0);
		return;
	}
	if (th->proc->listen_pending) {
		int rc = tgt_spawn_adopt(t, th);

		if (rc < 0) {
			/* Its notifying syscalls would wait for ever. */
			t->adopt_err = -rc;
			kill(th->proc->pid, SIGKILL);
		}
	}
	sc_entry(t, th, si.arch, si.seccomp.nr, si.seccomp.args);
}

/* ---- Events ------------------------------------------------------------ */

static void
on_signal(struct tgt *t, struct tgt_thr *th, int sig)
{
	struct tgt_event ev;

	/* Our int3, known from the pc alone (most hits: no siginfo), or
	   rewound onto it already (tgt_bkpt_prewind() looked). */
	if (sig == SIGTRAP && th->proc->bkt &&
	    (t->pw_tid == th->tid || tgt_bkpt_inside(t, th)) &&
	    tgt_bkpt_trap(t, th))
		return;
	ev_init(&ev, TGT_EV_SIGNAL, th);
	ev.sig = sig;
	if (ptrace(PTRACE_GETSIGINFO, th->tid, 0L, &ev.si) < 0) {
		th->pstate = TS_RUNNING;
		return;
	}
	/* A breakpoint instruction's SIGTRAP (int3: SI_KERNEL; brk:
	   TRAP_BRKPT): one of ours? */
	if (sig == SIGTRAP && ev.si.si_code == arch_bkpt_si_code &&
	    th->proc->bkt && tgt_bkpt_trap(t, th))
		return;
	th->stop_sig = sig;
	if (!tgt_emit(t, &ev))
		return;
	tgt_resume(t, th, th->stop_sig);
}

static int
is_task_of(pid_t pid, pid_t tid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/task/%d", (int)pid, (int)tid);
	return access(path, F_OK) == 0;
}

static void
on_child(struct tgt *t, struct tgt_thr *th, int event)
{
	unsigned long msg;
	struct tgt_thr *c;
	struct tgt_event ev;
	pid_t child;
	int status = 0, held, gone;

	if (ptrace(PTRACE_GETEVENTMSG, th->tid, 0L, &msg) < 0) {
		th->pstate = TS_RUNNING;
		return;
	}
	child = (pid_t)msg;
	held = orphan_take(t, child, &status);
	gone = !held && early_take(t, child, &status);
	c = tgt_thr_find(t, child);
	if (c != NULL && c->first == FIRST_NONE) {
		/* Announced already (adopted from /proc before this event
		   came, or seen by an attach scan): nothing new. */
		tgt_resume(t, th, 0);
		return;
	}
	if (c == NULL) {
		if (event == PTRACE_EVENT_CLONE &&
		    is_task_of(th->proc->pid, child)) {
			c = tgt_thr_new(t, th->proc, child, FIRST_START);
			c->info = th->info;
			c->info.tid = child;
		} else {
			struct tgt_proc *np = tgt_proc_new(t, child);

			np->filtered = th->proc->filtered;
			np->exitkill = th->proc->exitkill;
			c = tgt_thr_new(t, np, child, FIRST_START);
			c->info = th->info;
			c->info.pid = c->info.tid = child;
			c->info.ppid = th->proc->pid;
		}
	}
	if (c->proc != th->proc && (th->proc->bkt || th->proc->sem)) {
		int share = tgt_bkpt_shares_vm(t, th, event);

		if (th->proc->bkt && c->proc->bkt == NULL)
			tgt_bkpt_fork(t, th->proc, c->proc, share);
		tgt_sem_fork(th->proc, c->proc, share);
	}
	ev_init(&ev, c->proc == th->proc ? TGT_EV_CLONE : TGT_EV_FORK, th);
	ev.child = child;
	if (!tgt_emit(t, &ev))
		return;
	tgt_resume(t, th, 0);
	t->cur = NULL;
	if (held)
		tgt_on_stop(t, child, status);
	else if (gone)
		tgt_on_reaped(t, child, status);
}

static void
on_exec(struct tgt *t, struct tgt_thr *th)
{
	unsigned long msg;
	struct tgt_event ev;
	struct tgt_thr *o;
	pid_t oldtid;

	if (ptrace(PTRACE_GETEVENTMSG, th->tid, 0L, &msg) < 0) {
		th->pstate = TS_RUNNING;
		return;
	}
	oldtid = (pid_t)msg;
	if (oldtid != th->tid) {
		/* A non-leader exec'd and took the leader's tid: its record
		   (syscall state included) replaces the old leader's. */
		struct tgt_thr *ex = tgt_thr_find(t, oldtid);

		if (ex && ex->proc == th->proc) {
			pid_t tid = th->tid;

			tgt_thr_free(t, th);
			tgt_thr_rekey(t, ex, tid);
			th = ex;
			th->pstate = TS_STOPPED;
			t->cur = th;
		}
	}
	/* Every other thread is dead or dying: wait reaps them. */
	for (o = th->proc->threads; o; o = o->next) {
		if (o == th)
			continue;
		o->exiting = 1;
		if (o->first == FIRST_ATTACH)
			t->nfirst_attach--;
		o->first = FIRST_NONE;
	}
	th->first = FIRST_NONE;
	tgt_info_load(th);
	/* A new image: none of our breakpoints (a shared table stays with
	   the vfork parent). */
	tgt_bkpt_drop(th->proc);
	tgt_sem_drop(th->proc);
	ev_init(&ev, TGT_EV_EXEC, th);
	ev.oldtid = oldtid;
	ev.unpriv = tgt_exec_unprivileged(th->proc->pid);
	if (!tgt_emit(t, &ev))
		return;
	tgt_resume(t, th, 0);
}

static void
on_exit_stop(struct tgt *t, struct tgt_thr *th)
{
	unsigned long msg;
	struct tgt_event ev;
	struct tgt_proc *proc = th->proc;

	if (ptrace(PTRACE_GETEVENTMSG, th->tid, 0L, &msg) < 0) {
		th->pstate = TS_RUNNING;
		return;
	}
	th->exiting = 1;
	th->sc = SC_NONE;
	th->ovr = 0;
	/* The process is dying: the events that would name the children
	   it was making will not come. */
	if (t->orphans.n && tgt_proc_live(proc) == 0)
		orphans_release_for(t, proc);
	ev_init(&ev, TGT_EV_EXIT, th);
	ev.status = (int)msg;
	if (!proc->exit_emitted && tgt_proc_live(proc) == 0) {
		ev.last = 1;
		proc->exit_emitted = 1;
	}
	if (!proc_emit(t, proc, &ev))
		return;
	tgt_resume(t, th, 0);
}

static void
on_event_stop(struct tgt *t, struct tgt_thr *th, int sig)
{
	struct tgt_event ev;
	unsigned char intr = th->intr;

	if (is_stop_sig(sig)) {
		listen_stopped(th);
		return;
	}
	/* Our interrupt, a new tracee's trap, or the end of a group-stop
	   we listened to (SIGCONT). */
	th->intr = 0;
	if ((intr & INTR_SAMPLE) && tgt_cur_regs(t, th->tid) == 0) {
		ev_init(&ev, TGT_EV_SAMPLE, th);
		ev.pc = arch_pc(&t->regs);
		if (!tgt_emit(t, &ev))
			return;
	}
	tgt_resume(t, th, 0);
}

/* The first stop of a thread. Returns 1 when it is consumed. */
static int
first_stop(struct tgt *t, struct tgt_thr *th, int sig, int event)
{
	enum tgt_first f = th->first;
	struct tgt_event ev;

	th->first = FIRST_NONE;
	if (f == FIRST_ATTACH)
		t->nfirst_attach--;
	if (f == FIRST_START) {
		ev_init(&ev,
			th->tid == th->proc->pid ? TGT_EV_PROC_START :
						   TGT_EV_THREAD_START,
			th);
		if (!tgt_emit(t, &ev))
			return 1;
	}
	if (event != PTRACE_EVENT_STOP)
		return 0;
	th->intr = 0;
	if (is_stop_sig(sig))
		listen_stopped(th); /* seized while stopped: stays so */
	else
		tgt_resume(t, th, 0);
	return 1;
}

/* ---- Detaching -------------------------------------------------------- */

void
tgt_detach_thr(struct tgt *t, struct tgt_thr *th, int sig)
{
	struct tgt_proc *proc = th->proc;

	ptrace(PTRACE_DETACH, th->tid, 0L, (long)sig);
	tgt_thr_free(t, th);
	if (proc->threads == NULL)
		tgt_proc_free(t, proc);
}

/* Whether an unknown tracee belongs to something we kill (our filter
   cannot run untraced). */
static int
unknown_doomed(struct tgt *t, pid_t tid)
{
	struct tgt_status st;
	struct tgt_proc *p;

	if (tgt_read_status(tid, &st) < 0)
		return 0;
	p = tgt_proc_find(t, st.tgid);
	if (!p)
		p = tgt_proc_find(t, st.ppid);
	if (p)
		return p->killing || p->filtered;
	return st.seccomp == 2 && t->ever_filtered;
}

/* A stop while tgt_detach_all() lets everything go. */
static void
detach_stop(struct tgt *t, struct tgt_thr *th, pid_t tid, int sig, int event)
{
	int deliver = (event == 0 && sig != SYSCALL_STOP) ? sig : 0;

	if (th == NULL) {
		/* A child born meanwhile, or a dying stranger. */
		if (event == PTRACE_EVENT_STOP && unknown_doomed(t, tid)) {
			kill(tid, SIGKILL);
			ptrace(PTRACE_CONT, tid, 0L, 0L);
		} else {
			ptrace(PTRACE_DETACH, tid, 0L, (long)deliver);
		}
		return;
	}
	th->pstate = TS_STOPPED;
	if (th->proc->killing) {
		ptrace(PTRACE_CONT, tid, 0L, 0L);
		th->pstate = TS_RUNNING;
		return;
	}
	if (sig == SYSCALL_STOP && th->sc == SC_EXIT && th->ovr) {
		t->cur = th;
		t->regs_ok = 0;
		if (tgt_cur_regs(t, tid) == 0)
			arch_sc_set_ret(tid, &t->regs, th->ovr_ret);
		t->cur = NULL;
	}
	if (event != PTRACE_EVENT_EXIT && th->proc->bkt) {
		/* A trap of ours is rewound; the thread is let go with the
		   others once all of its process have stopped
		   (tgt_bkpt_detach_finish()). */
		deliver = tgt_bkpt_detach_fix(t, th, sig, event);
		if (!t->bkpt_done && tgt_bkpt_park_needed(th->proc)) {
			th->park_sig = deliver;
			th->parked = 1;
			return;
		}
	}
	/* A group-stop (PTRACE_EVENT_STOP with a stop signal) stays
	   stopped after PTRACE_DETACH; a signal we held is delivered. */
	tgt_detach_thr(t, th, deliver);
}

/* ---- Dispatch --------------------------------------------------------- */

static void
unknown_stop(struct tgt *t, pid_t tid, int status)
{
	int event = (status >> 8) & 0xff;
	unsigned long msg;

	if (event == PTRACE_EVENT_STOP) {
		struct tgt_orphan o = { tid, status, tgt_now_ms() };

		VEC_PUSH(&t->orphans, o);
		return;
	}
	if (event == PTRACE_EVENT_EXEC &&
	    ptrace(PTRACE_GETEVENTMSG, tid, 0L, &msg) == 0) {
		struct tgt_thr *ex = tgt_thr_find(t, (pid_t)msg);

		if (ex) {
			tgt_thr_rekey(t, ex, tid);
			tgt_on_stop(t, tid, status);
			return;
		}
	}
	/* A thread we never met (killed before its first stop: this is
	   its exit stop): take it as it is. */
	adopt(t, tid, status, FIRST_NONE);
}

void
tgt_on_stop(struct tgt *t, pid_t tid, int status)
{
	struct tgt_thr *th = tgt_thr_find(t, tid);
	int sig = status & 0xff, event = (status >> 8) & 0xff;

	if (t->detaching) {
		detach_stop(t, th, tid, sig, event);
		return;
	}
	if (th == NULL) {
		unknown_stop(t, tid, status);
		return;
	}
	th->pstate = TS_STOPPED;
	th->stop_sig = 0;
	tgt_place_stop(t, tid);
	th->hold = th->held = 0; /* a new stop: a held one is over */
	th->bkpt = 0;
	t->cur = th;
	/* A rewound breakpoint stop: its registers were read already. */
	t->regs_ok = t->pw_tid == tid;
	if (t->regs_ok)
		t->regs = t->pw_regs;
	t->regs_dirty = 0;
	if (th->first != FIRST_NONE && first_stop(t, th, sig, event))
		goto out;
	if (sig == SYSCALL_STOP) {
		on_syscall(t, th);
		goto out;
	}
	switch (event) {
	case 0:
		on_signal(t, th, sig);
		break;
	case PTRACE_EVENT_SECCOMP:
		on_seccomp(t, th);
		break;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_child(t, th, event);
		break;
	case PTRACE_EVENT_EXEC:
		on_exec(t, th);
		break;
	case PTRACE_EVENT_EXIT:
		on_exit_stop(t, th);
		break;
	case PTRACE_EVENT_STOP:
		on_event_stop(t, th, sig);
		break;
	default:
		tgt_resume(t, th, 0);
		break;
	}
out:
	t->cur = NULL;
}

/* The process is gone: its last word, then forget it. */
static void
proc_gone(struct tgt *t, struct tgt_proc *proc, int status)
{
	struct tgt_event ev;

	t->cur = NULL;
	if (t->orphans.n)
		orphans_release_for(t, proc);
	memset(&ev, 0, sizeof(ev));
	ev.pid = ev.tid = proc->pid;
	ev.status = status;
	if (!proc->exit_emitted) {
		/* No PTRACE_EVENT_EXIT of its last thread came (killed
		   outright): the exit is known only now. */
		proc->exit_emitted = 1;
		ev.kind = TGT_EV_EXIT;
		ev.last = 1;
		if (!proc_emit(t, proc, &ev))
			return;
	}
	ev.kind = TGT_EV_GONE;
	ev.last = 0;
	if (!proc_emit(t, proc, &ev))
		return;
	tgt_proc_free(t, proc);
}

void
tgt_on_reaped(struct tgt *t, pid_t tid, int status)
{
	struct tgt_thr *th = tgt_thr_find(t, tid);
	struct tgt_proc *proc;
	int ignored;

	if (th == NULL) {
		orphan_take(t, tid, &ignored);
		early_add(t, tid, status);
		return;
	}
	proc = th->proc;
	tgt_thr_free(t, th);
	/* The leader is reported last, after every other thread. */
	if (tid == proc->pid || proc->threads == NULL)
		proc_gone(t, proc, status);
}

static int
wait_status(const siginfo_t *si)
{
	switch (si->si_code) {
	case CLD_EXITED:
		return (si->si_status & 0xff) << 8;
	case CLD_DUMPED:
		return (si->si_status & 0x7f) | 0x80;
	default:
		return si->si_status & 0x7f;
	}
}

/* What waitid() gave for a tracee of ours: a stop or an end. */
static void
take(struct tgt *t, const siginfo_t *si)
{
	if (si->si_code == CLD_TRAPPED)
		tgt_on_stop(t, si->si_pid, si->si_status);
	else if (si->si_code == CLD_EXITED || si->si_code == CLD_KILLED ||
		 si->si_code == CLD_DUMPED)
		tgt_on_reaped(t, si->si_pid, wait_status(si));
}

/*
 * Takes tid's pending stop or exit (never blocks). WEXITED alone: the
 * kernel reports a tracee's ptrace-stops whatever the options say, so
 * this may well be a stop.
 */
static int
reap_one(struct tgt *t, pid_t tid)
{
	siginfo_t si;

	si.si_pid = 0;
	/* A breakpoint's stop among them: rewound before it is taken
	   (tgt_bkpt_prewind() says why). */
	if (t->peek_traps &&
	    waitid(P_PID, (id_t)tid, &si,
		   WEXITED | __WALL | WNOHANG | WNOWAIT) == 0 &&
	    si.si_pid != 0 && si.si_code == CLD_TRAPPED &&
	    si.si_status == SIGTRAP)
		tgt_bkpt_prewind(t, si.si_pid);
	si.si_pid = 0;
	if (waitid(P_PID, (id_t)tid, &si, WEXITED | __WALL | WNOHANG) < 0 ||
	    si.si_pid == 0) {
		t->pw_tid = 0;
		return 0;
	}
	take(t, &si);
	t->pw_tid = 0;
	return 1;
}

/* A zombie we must not reap hides the others from waitid(P_ALL): ask for
   ours one by one until its owner takes it. */
static int
reap_each(struct tgt *t)
{
	size_t it = 0, n = 0, klen;
	const void *key;
	void *val;
	pid_t *tids;
	int got = 0;

	if (htab_count(t->thr) == 0)
		return 0;
	tids = xcalloc(htab_count(t->thr), sizeof(*tids));
	while (htab_next(t->thr, &it, &key, &klen, &val))
		tids[n++] = ((struct tgt_thr *)val)->tid;
	for (size_t i = 0; i < n; i++)
		if (tgt_thr_find(t, tids[i]))
			got += reap_one(t, tids[i]);
	free(tids);
	return got;
}

/* Whether a zombie is ours to reap: a thread we know, or one we trace
   without knowing it yet (its creator's event still to come). */
static int
ours(struct tgt *t, pid_t pid)
{
	struct tgt_status st;

	if (tgt_thr_find(t, pid))
		return 1;
	if (pid == t->foreign)
		return 0;
	return tgt_read_status(pid, &st) == 0 && st.tracer == t->self;
}

/* Takes the exits waiting; 1 in *stops when what the exit look found is
   a stop (one that came after the stop loop looked): the stop loop takes
   it, with one waitid rather than a look and a take. */
static int
reap(struct tgt *t, int *stops)
{
	int n = 0;

	*stops = 0;
	for (;;) {
		siginfo_t si;

		si.si_pid = 0;
		if (waitid(P_ALL, 0, &si,
			   WEXITED | __WALL | WNOHANG | WNOWAIT) < 0 ||
		    si.si_pid == 0)
			break;
		if (si.si_code == CLD_TRAPPED && !t->detaching) {
			*stops = 1;
			break;
		}
		/* A stop that came after the stop loop looked (WEXITED
		   reports a tracee's stops too). */
		if (si.si_code != CLD_TRAPPED && !ours(t, si.si_pid)) {
			t->foreign = si.si_pid;
			n += reap_each(t);
			break;
		}
		if (!reap_one(t, si.si_pid))
			break;
		n++;
	}
	return n;
}

int
tgt_step(struct tgt *t)
{
	int n = 0, stops, looked = -1;

	int drained = 0;

	/* Stops that tgt_bkpt.c's own waits took and left to us. */
	while (t->replay.n && n < STEP_MAX_STOPS) {
		struct tgt_orphan o = t->replay.v[0];

		memmove(t->replay.v, t->replay.v + 1,
			--t->replay.n * sizeof(o));
		n++;
		tgt_on_stop(t, o.tid, o.status);
	}
again:
	while (n < STEP_MAX_STOPS) {
		siginfo_t si;

		si.si_pid = 0;
		if (t->peek_traps) {
			/* tgt_bkpt_prewind() says why: looked at, then
			   taken (the same stop: nothing else takes it). */
			if (waitid(P_ALL, 0, &si,
				   WSTOPPED | __WALL | WNOHANG | WNOWAIT) < 0 ||
			    si.si_pid == 0) {
				drained = 1;
				break;
			}
			if (si.si_code == CLD_TRAPPED &&
			    si.si_status == SIGTRAP)
				tgt_bkpt_prewind(t, si.si_pid);
			if (waitid(P_PID, (id_t)si.si_pid, &si,
				   WSTOPPED | __WALL | WNOHANG) < 0 ||
			    si.si_pid == 0) {
				t->pw_tid = 0;
				drained = 1;
				break;
			}
		} else if (waitid(P_ALL, 0, &si, WSTOPPED | __WALL | WNOHANG) <
				   0 ||
			   si.si_pid == 0) {
			drained = 1;
			break;
		}
		n++;
		/* CLD_STOPPED: a child of ours that we do not trace. */
		if (si.si_code == CLD_TRAPPED)
			tgt_on_stop(t, si.si_pid, si.si_status);
		t->pw_tid = 0;
	}
	n += reap(t, &stops);
	if (stops) {
		drained = 0;
		/* (again only if the last round took something: the two
		   looks agree on stops, but nothing must spin here) */
		if (n < STEP_MAX_STOPS && n != looked) {
			looked = n;
			goto again;
		}
	}
	/* Only when no stop waits: a parent's event may be among them. */
	if (drained && t->orphans.n && !t->detaching)
		orphans_age(t);
	t->drained = drained;
	return n;
}

int
tgt_drained(const struct tgt *t)
{
	/* Stops taken already (a nested wait's) and events held during
	   an attach raise no SIGCHLD: the next dispatch hands them on. */
	return t->drained && t->replay.n == 0 && t->deferred.n == 0;
}

int
tgt_dispatch(struct tgt *t)
{
	return tgt_dispatch_from(t, TGT_WOKE_CHLD | TGT_WOKE_NOTIFY, NULL, 0);
}

int
tgt_dispatch_from(struct tgt *t, unsigned woke, const struct pollfd *polled,
		  int npolled)
{
	int n = 0;

	if (woke == 0)
		woke = TGT_WOKE_CHLD | TGT_WOKE_NOTIFY;
	if (woke & TGT_WOKE_NOTIFY)
		n += tgt_notify_take(t, polled, npolled);
	/* No SIGCHLD, nothing left over: no stop waits (its SIGCHLD would
	   have woken the caller), and no waitid to learn it. */
	if (!(woke & TGT_WOKE_CHLD) && tgt_drained(t))
		return n;
	t->drained = 0; /* until tgt_step() has looked */
	tgt_place_idle(t);
	/* What happened to processes while they were being attached. */
	while (t->deferred.n && !t->detaching) {
		struct tgt_event ev = t->deferred.v[0];

		memmove(t->deferred.v, t->deferred.v + 1,
			--t->deferred.n * sizeof(ev));
		n++;
		if (!tgt_emit(t, &ev))
			return n;
	}
	return n + tgt_step(t);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

void
tgt_settle(struct tgt *t, int64_t deadline)
{
	while (t->nfirst_attach && tgt_now_ms() < deadline)
		if (tgt_step(t) == 0)
			sleep_ms(1);
}

/* Runs the loop until cond(t) is false or until deadline. */
void
tgt_run_until(struct tgt *t, int (*cond)(struct tgt *), int64_t deadline)
{
	while (cond(t) && tgt_now_ms() < deadline)
		if (tgt_step(t) == 0)
			sleep_ms(1);
}

/* ---- Inside the callback ---------------------------------------------- */

int
tgt_ureg(struct tgt *t, pid_t tid, int idx, uint64_t *out)
{
	int rc = tgt_cur_regs(t, tid);

	if (rc < 0)
		return rc;
	return arch_ureg(&t->regs, idx, out);
}

int
tgt_pc(struct tgt *t, pid_t tid, uint64_t *out)
{
	int rc = tgt_cur_regs(t, tid);

	if (rc < 0)
		return rc;
	*out = arch_pc(&t->regs);
	return 0;
}

int
tgt_sc_override(struct tgt *t, pid_t tid, int64_t ret)
{
	struct tgt_thr *th = t->cur;
	int rc;

	if (th == NULL || th->tid != tid || !th->at_entry)
		return -EINVAL;
	if (!th->ovr) {
		rc = tgt_cur_regs(t, tid);
		if (rc == 0)
			rc = arch_sc_set_nr(tid, &t->regs, -1);
		if (rc < 0)
			return rc;
	}
	th->ovr = 1;
	th->ovr_ret = ret;
	return 0;
}

/* ---- Interrupting ------------------------------------------------------ */

/*
 * Whether a thread is on a CPU or waiting for one (state R): dtrace's
 * profile-N fires on CPUs, so a thread asleep in a syscall is not
 * sampled. Unknown (unreadable) counts as running.
 */
static int
thr_running(pid_t pid, pid_t tid)
{
	char path[96], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid,
		 (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 1;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p == NULL || p[1] != ' ' || p[2] == 'R';
}

int
tgt_sample(struct tgt *t)
{
	size_t it = 0, klen;
	const void *key;
	void *val;

	while (htab_next(t->thr, &it, &key, &klen, &val)) {
		struct tgt_thr *th = val;

		/* A thread still marked from an earlier round is
		   interrupted again: another stop that came at the same
		   time (exec, a syscall, a signal) may have taken the
		   place of its PTRACE_EVENT_STOP, and then none comes. A
		   second interrupt still pending makes no second stop. */
		if (th->pstate != TS_RUNNING || th->first != FIRST_NONE ||
		    th->exiting || !thr_running(th->proc->pid, th->tid))
			continue;
		if (ptrace(PTRACE_INTERRUPT, th->tid, 0L, 0L) == 0)
			th->intr |= INTR_SAMPLE;
	}
	return 0;
}

/* Threads running with PTRACE_CONT that must now stop at syscalls. */
void
tgt_remode(struct tgt *t)
{
	size_t it = 0, klen;
	const void *key;
	void *val;

	while (htab_next(t->thr, &it, &key, &klen, &val)) {
		struct tgt_thr *th = val;

		if (th->pstate != TS_RUNNING || th->proc->filtered ||
		    th->exiting || th->first != FIRST_NONE)
			continue;
		if (ptrace(PTRACE_INTERRUPT, th->tid, 0L, 0L) == 0)
			th->intr |= INTR_MODE;
	}
}
