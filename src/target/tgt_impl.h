/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The target layer's private interface between its files. Nothing outside
 * src/target/ includes this.
 */
#ifndef UDT_TARGET_TGT_IMPL_H
#define UDT_TARGET_TGT_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <sched.h>
#include <sys/types.h>

#include "arch/arch.h"
#include "common/vec.h"
#include "target/tgt.h"

/*
 * tgt_perm.c: why PTRACE_SEIZE of pid failed with errno err, in words a
 * user can act on, written to buf: "No such process"; "process 123 is
 * already traced by process 45 (gdb)"; "process 123 belongs to user 1000
 * and udtrace runs as user 1001 without CAP_SYS_PTRACE"; "Yama's
 * kernel.yama.ptrace_scope is 1 (only descendants may be traced): run as
 * root or set it to 0"; "ptrace is denied by a security profile (seccomp,
 * AppArmor or SELinux) of this container"; "process 123 is a kernel
 * thread"; "process 123 is a zombie" ...
 */
void tgt_perm_explain(pid_t pid, int err, char *buf, size_t len);

/*
 * tgt_perm.c: the processes "every process" mode should seize, from /proc:
 * every process but udtrace itself, kernel threads, and the processes that
 * hold the far end of a pipe or socket that is udtrace's stdout or stderr
 * (they may be waiting to read our output while we wait for them).
 * Fills *pids (malloc'd, caller frees) and *n; skipped counts what was
 * left out and why is a short account ("1 is udtrace itself, 2 read
 * udtrace's output, 40 are kernel threads"). 0 or -errno.
 */
int tgt_scan_all(pid_t **pids, size_t *n, unsigned *skipped, char *why,
		 size_t whylen);

/* tgt_perm.c: the thread ids in /proc/PID/task (malloc'd). 0 or -errno. */
int tgt_list_tasks(pid_t pid, pid_t **tids, size_t *n);

/* ---- The bookkeeping shared by tgt_proc.c and tgt_event.c ----------- */

/* Where a thread is, as far as ptrace goes. */
enum tgt_pstate {
	TS_NEW,	      /* seized or auto-attached: no stop seen yet */
	TS_RUNNING,   /* resumed (PTRACE_CONT or PTRACE_SYSCALL) */
	TS_STOPPED,   /* in a ptrace-stop that we have not resumed */
	TS_LISTENING, /* group-stopped, resumed with PTRACE_LISTEN */
};

/* What the thread's first stop means (then FIRST_NONE). */
enum tgt_first {
	FIRST_NONE,
	FIRST_START,  /* auto-attached child: emit PROC_START/THREAD_START */
	FIRST_ATTACH, /* seized by an attach and interrupted: silent */
};

/* Where the thread is in a syscall, as far as its stops go. */
enum tgt_sc {
	SC_NONE,
	SC_UNWANTED, /* PTRACE_SYSCALL mode: the next syscall stop is the
			exit of a syscall nobody wants (no need to read it) */
	SC_EXIT,     /* an exit stop is needed: SC_EXIT event, override */
};

/* Why we PTRACE_INTERRUPTed a thread (tgt_thr.intr). */
#define INTR_SAMPLE 1 /* tgt_sample(): emit TGT_EV_SAMPLE */
#define INTR_MODE 2   /* the resume mode changed (tgt_set_syscalls) */
#define INTR_DETACH 4 /* tgt_detach_all() */

struct tgt_proc;
struct tgt_bktab;
struct tgt_semtab;

struct tgt_thr {
	pid_t tid;
	struct tgt_proc *proc;
	struct tgt_thr *next; /* the process's threads */
	struct tgt_thread_info info;
	unsigned char pstate;	/* enum tgt_pstate */
	unsigned char first;	/* enum tgt_first */
	unsigned char sc;	/* enum tgt_sc */
	unsigned char intr;	/* INTR_* */
	unsigned char exiting;	/* PTRACE_EVENT_EXIT seen, or doomed: not
				  a live thread any more */
	unsigned char sc_emit;	/* SC_EXIT: emit TGT_EV_SC_EXIT there */
	unsigned char at_entry; /* inside the SC_ENTRY callback */
	unsigned char ovr;	/* an override is pending (nr set to -1) */
	int stop_sig;		/* the signal the current stop delivers */
	int64_t ovr_ret;
	long sc_nr; /* the syscall between entry and exit stops */
	uint64_t sc_args[6];
	uint64_t rseq; /* its rseq area (0: not known yet), for its CPU */
	/* Breakpoints (tgt_bkpt.c). */
	uint64_t bkpt;	       /* stopped at this breakpoint (0: not) */
	unsigned char hold;    /* tgt_hold() in this stop's callback */
	unsigned char refire;  /* held at a breakpoint: report it again at
				  tgt_release() */
	unsigned char held;    /* kept stopped until tgt_release() */
	unsigned char parked;  /* detach: stopped, let go with its process */
	unsigned char park_ok; /* parked where a syscall can be injected */
	int held_sig;	       /* held: the signal its resume delivers */
	int park_sig;	       /* parked: the signal the detach delivers */
	int pend_sig;	       /* came during a step of ours: deliver next */
	siginfo_t pend_si;
	uint64_t pend_more; /* more such signals (bit sig - 1): re-raised */
};

struct tgt_proc {
	pid_t pid;
	struct tgt_thr *threads;
	unsigned char spawned;	      /* tgt_spawn()'s child */
	unsigned char filtered;	      /* carries our seccomp filter */
	unsigned char exitkill;	      /* dies with udtrace (PTRACE_O_EXITKILL:
				       a -c child and its descendants) */
	unsigned char untraced_said;  /* TGT_EV_UNTRACED_CHILD sent */
	unsigned char quiet;	      /* no EXIT, GONE: a failed spawn */
	unsigned char attaching;      /* tgt_attach*() has not returned: EXIT
				       and GONE wait for tgt_dispatch() */
	unsigned char exit_emitted;   /* TGT_EV_EXIT with last = 1 sent */
	unsigned char killing;	      /* SIGKILLed by tgt_detach_all() */
	unsigned char listen_pending; /* spawned with a notifying filter:
					 its listener is taken at the
					 seccomp stop of its execve */
	int go_fd; /* spawned, not yet run: the filter pipe */
	int st_fd; /* spawned: exec's status pipe (CLOEXEC) */
	/* Its address space's breakpoints (tgt_bkpt.c): shared with the
	   processes that share the memory (vfork), copied at fork. */
	struct tgt_bktab *bkt;
	unsigned char bkt_muted; /* tgt_bkpt_clear() on a shared table:
				    hits are stepped over silently */
	/* Its address space's USDT semaphore increments (tgt_sem.c):
	   shared and copied as bkt is. */
	struct tgt_semtab *sem;
};

/* A stop of a thread we do not know yet (a new child whose parent's
   fork/clone event has not come): held until the event claims it. */
struct tgt_orphan {
	pid_t tid;
	int status;
	int64_t since_ms;
};

/* An exit of a traced thread we never knew (killed before its creator's
   event came): kept for the event, which then knows the child is gone. */
struct tgt_early {
	pid_t tid;
	int status;
};

/* tgt_place.c: udtrace's own CPU, following the tracees'. */
struct tgt_place {
	int enabled;
	int cpu;  /* the CPU udtrace is pinned to; -1: not pinned */
	int idle; /* udtrace runs as SCHED_IDLE */
	unsigned long stops;
	/* the starvation guard: udtrace's run-queue delay and the
	   followed thread's run time at the last look, which thread, when
	   that was; the pause after a starvation, its end */
	long long delay_ns, trun_ns, checked_ns, backoff, until_ns;
	long long stop_ns; /* placed, or a (16th) stop: when */
	pid_t checked_tid;
	cpu_set_t orig; /* udtrace's mask at start */
};
void tgt_place_init(struct tgt_place *pl, int enable);
/* A stop of tid (a thread of t's): now and then, move to its CPU. */
void tgt_place_stop(struct tgt *t, pid_t tid);
/* udtrace is up for something else (a timer, a signal): placed with no
   stop for a while, it leaves (tgt_place.c says why). */
void tgt_place_idle(struct tgt *t);
/* In a child of udtrace's before exec: the mask udtrace started with. */
void tgt_place_child(const struct tgt_place *pl);
/* Tracing is over: udtrace's own mask back. */
void tgt_place_end(struct tgt_place *pl);

struct tgt {
	struct tgt_callbacks cb;
	struct htab *thr;  /* tid -> struct tgt_thr * */
	struct htab *proc; /* pid -> struct tgt_proc * */
	unsigned nprocs;
	unsigned nfirst_attach; /* threads with first == FIRST_ATTACH */
	uint8_t *entry, *exit;
	size_t nsc;
	int any_wanted;
	int ever_filtered;
	long nr_clone; /* this CPU's clone(2), -1: none */
	/* A process that outlives udtrace (not PTRACE_O_EXITKILL) has
	   breakpoints: its SIGTRAP stops are looked at before they are
	   taken (tgt_bkpt_prewind). */
	int peek_traps;
	/* The last tgt_step() found no stop waiting (tgt_drained()). */
	int drained;
	/* The stop being taken was rewound onto breakpoint pw_addr by
	   tgt_bkpt_prewind() (pw_tid 0: none). */
	pid_t pw_tid;
	uint64_t pw_addr;
	struct arch_regs pw_regs;
	VEC(struct tgt_orphan) orphans;
	VEC(struct tgt_early) early;
	VEC(struct tgt_event) deferred; /* EXIT, GONE of attaching procs */
	/* Stops a nested wait of tgt_bkpt.c took but could not handle
	   (an exit stop during an injected syscall): tgt_step()'s first. */
	VEC(struct tgt_orphan) replay;
	/* tgt_detach_all(): the parked threads were let go (a stop that
	   comes after is let go at once). */
	int bkpt_done;
	pid_t self;
	pid_t foreign;	/* a zombie child of ours that we must not reap */
	int detaching;	/* inside tgt_detach_all(): no events */
	unsigned epoch; /* bumped by tgt_detach_all() (maybe in a callback) */
	/* The stop being handled: the callback's thread and its registers,
	   read at most once per stop. */
	struct tgt_thr *cur;
	int regs_ok;
	/* regs differ from the thread's: at a breakpoint hit, the pc
	   rewound to the probe's address here only (tgt_sync_regs()
	   writes it for readers that go to ptrace themselves; resuming
	   writes every register anyway) */
	int regs_dirty;
	struct arch_regs regs;
	struct tgt_place place;
	/* tgt_set_stopless(): entries that may come as notifications */
	uint8_t *stopless;
	size_t nstopless;
	/* Seccomp listeners of -c commands (tgt_notify.c). */
	int listeners[TGT_MAX_LISTENERS];
	int nlisteners;
	int adopt_err; /* tgt_spawn_adopt() failed: its errno */
};

/* tgt_proc.c: at the seccomp stop of the execve of a child whose filter
   notifies (proc->listen_pending), takes its listener. 0 or -errno. */
int tgt_spawn_adopt(struct tgt *t, struct tgt_thr *th);

/* tgt_notify.c: seccomp user notifications. */
struct pollfd;
/* Whether this kernel (and whatever runs udtrace) lets us take a child's
   listener: seccomp's notification sizes, pidfd_open, pidfd_getfd. */
int tgt_notify_supported(void);
/* Serves notifications from fd, now udtrace's. 0 or -EMFILE. */
int tgt_notify_add(struct tgt *t, int fd);
/* Answers what waits on the listeners: those polled (revents) when
   polled matches them, else after a poll of its own. How many were
   served. */
int tgt_notify_take(struct tgt *t, const struct pollfd *polled, int npolled);
void tgt_notify_close_all(struct tgt *t);

/* The options of every tracee; spawned ones add TRACESECCOMP, EXITKILL. */
#define TGT_OPTS                                                               \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |    \
	 PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT)

/* tgt_proc.c: the tables. */
struct tgt_thr *tgt_thr_find(const struct tgt *t, pid_t tid);
struct tgt_proc *tgt_proc_find(const struct tgt *t, pid_t pid);
struct tgt_proc *tgt_proc_new(struct tgt *t, pid_t pid);
/* A new thread record in proc (info zeroed but for pid, tid). */
struct tgt_thr *tgt_thr_new(struct tgt *t, struct tgt_proc *proc, pid_t tid,
			    enum tgt_first first);
/* Forgets a thread (nothing is sent to it); the process stays. */
void tgt_thr_free(struct tgt *t, struct tgt_thr *th);
/* Gives a thread record another tid (a non-leader's exec). */
void tgt_thr_rekey(struct tgt *t, struct tgt_thr *th, pid_t tid);
/* Forgets a process and its remaining thread records. */
void tgt_proc_free(struct tgt *t, struct tgt_proc *proc);
/* Threads of proc that are not exiting. */
unsigned tgt_proc_live(const struct tgt_proc *proc);

/* tgt_proc.c: /proc. */
/* A small /proc file, whole (one read), NUL-terminated: its length, or
   -errno. */
ssize_t tgt_read_small(const char *path, char *buf, size_t len);
struct tgt_status {
	pid_t tgid, ppid, tracer;
	uid_t uid, euid; /* real and effective */
	gid_t gid, egid;
	int seccomp; /* the Seccomp: line (2: a filter) */
	/* signals pending for the thread, for its process, blocked */
	uint64_t sigpnd, shdpnd, sigblk;
	uint64_t capeff; /* effective capabilities */
	long threads;	 /* the Threads: line */
};
/* /proc/TID/status of a process or a thread. 0 or -errno. */
int tgt_read_status(pid_t tid, struct tgt_status *st);
/* Whether process pid's image (just exec'd) is set-user-ID or
   set-group-ID and runs without that id: a traced exec does not gain
   privileges (ptrace without CAP_SYS_PTRACE, or no_new_privs). */
int tgt_exec_unprivileged(pid_t pid);
/* Reloads th->info from /proc (attach, exec). */
void tgt_info_load(struct tgt_thr *th);
int64_t tgt_now_ms(void);

/* tgt_bkpt.c: a SIGTRAP stop of tid seen with WNOWAIT, not yet taken:
   when it is one of our breakpoints in a process that outlives udtrace,
   puts the pc back on it at once (t->pw_tid, t->pw_addr). */
void tgt_bkpt_prewind(struct tgt *t, pid_t tid);

/* tgt_event.c: the loop. */
/* Handles pending stops and exits once; returns how many. */
int tgt_step(struct tgt *t);
/* Runs tgt_step() until no thread waits for its attach stop, or until
   deadline (tgt_now_ms()), sleeping a little when nothing is pending. */
void tgt_settle(struct tgt *t, int64_t deadline);
/* Handles one stop of a known or unknown thread (a wait status). */
void tgt_on_stop(struct tgt *t, pid_t tid, int status);
/* Handles the exit (a wait status) of a thread we reaped. */
void tgt_on_reaped(struct tgt *t, pid_t tid, int status);
/* Resumes a stopped thread in its mode, delivering sig. */
void tgt_resume(struct tgt *t, struct tgt_thr *th, int sig);
/* PTRACE_DETACHes a stopped thread (delivering sig) and forgets it, and
   its process when it was the last record. */
void tgt_detach_thr(struct tgt *t, struct tgt_thr *th, int sig);
/* Runs tgt_step() while cond(t) holds, until deadline. */
void tgt_run_until(struct tgt *t, int (*cond)(struct tgt *), int64_t deadline);
/* Interrupts the PTRACE_CONT threads that must now stop at syscalls. */
void tgt_remode(struct tgt *t);
/* Sends an event to the user; 0 when tgt_detach_all() ran in it. */
int tgt_emit(struct tgt *t, struct tgt_event *ev);
/* Reads the callback thread's registers into t->regs (once per stop). */
int tgt_cur_regs(struct tgt *t, pid_t tid);

/* tgt_mem.c: writes through /proc/PID/mem (text, read-only pages, a
   running tracee). 0 or -errno. */
int tgt_mem_poke(pid_t pid, uint64_t addr, const void *buf, size_t len);
/* tgt_mem.c: reads without the breakpoint view (what memory holds). */
int tgt_mem_peek(pid_t pid, uint64_t addr, void *buf, size_t len);

/* tgt_bkpt.c: the breakpoints' side of the loop. */
/* A SIGTRAP signal-delivery stop (si_code SI_KERNEL) of t->cur: 1 when
   it was one of our breakpoints (handled: event, step past), 0 if not. */
int tgt_bkpt_trap(struct tgt *t, struct tgt_thr *th);
int tgt_bkpt_inside(struct tgt *t, struct tgt_thr *th);
/* A new process: child shares (share) or copies parent's table. */
void tgt_bkpt_fork(struct tgt *t, struct tgt_proc *parent,
		   struct tgt_proc *child, int share);
/* The thread (t->cur) of a new-process event: whether the child shares
   its memory (CLONE_VM), from the syscall's flags. */
int tgt_bkpt_shares_vm(struct tgt *t, struct tgt_thr *th, int event);
/* exec, or the process is forgotten: drops its table (no write). */
void tgt_bkpt_drop(struct tgt_proc *proc);
/* Original bytes over our breakpoints in a buffer read from pid. */
void tgt_bkpt_unpatch(struct tgt *t, pid_t pid, uint64_t addr, void *buf,
		      size_t len);
/* Writes pc = th->bkpt (stopped at a breakpoint) into the thread. */
void tgt_bkpt_rewind(struct tgt *t, struct tgt_thr *th);
/* Detach: whether proc's threads must be parked (its table needs work
   once they are all stopped). */
int tgt_bkpt_park_needed(const struct tgt_proc *proc);
/* Detach: puts the original bytes back everywhere (before any thread is
   let go). */
void tgt_bkpt_detach_begin(struct tgt *t);
/* Detach: a stop of th (of a parked process): a late trap of ours is
   rewound (pc = the address); returns the signal to deliver at detach. */
int tgt_bkpt_detach_fix(struct tgt *t, struct tgt_thr *th, int sig, int event);
/* Detach: every thread of every parked process is stopped (or gone):
   out of the scratch slots, no trap of ours pending, scratch unmapped,
   then let go. */
void tgt_bkpt_detach_finish(struct tgt *t);

/* tgt_sem.c: the semaphores' side of the process lifecycle. */
/* A new process: child shares (share) or copies parent's increments. */
void tgt_sem_fork(struct tgt_proc *parent, struct tgt_proc *child, int share);
/* exec, or the process is forgotten: drops its table (no write). */
void tgt_sem_drop(struct tgt_proc *proc);
/* Detach: takes back every increment still held (each table once),
   while the processes are still traced. */
void tgt_sem_detach(struct tgt *t);

#endif
