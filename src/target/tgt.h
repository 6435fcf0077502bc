/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The target layer: the traced processes and threads, and the one event
 * loop that issues every ptrace(2) call (DESIGN.md sections 1.3 and 10).
 *
 * The layer knows nothing of D or of probes. Its user (the session) says
 * which syscalls must stop at entry and at exit, starts (-c) or seizes
 * (-p, or every process) tracees, and calls tgt_dispatch() when SIGCHLD
 * says something happened. Every stop becomes one struct tgt_event handed
 * to the user's callback while the thread is still stopped; when the
 * callback returns, the thread is resumed (with its signal, if the stop
 * was a signal-delivery stop: signals are never swallowed). Inside the
 * callback, and only there, the user may read registers and memory of the
 * stopped thread and ask for the syscall to be skipped (fault injection).
 *
 * Thread and process bookkeeping (fork, vfork, clone, exec, exit, threads
 * appearing during an attach) is the layer's own; the user sees it only as
 * events. tgt_detach_all() leaves every tracee exactly as it was found.
 */
#ifndef UDT_TARGET_TGT_H
#define UDT_TARGET_TGT_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct tgt;

enum tgt_ev_kind {
	/* A syscall entry (seccomp stop or syscall-enter stop): nr, args. */
	TGT_EV_SC_ENTRY = 1,
	/* The matching exit: nr, args (as at entry), ret. Only for the
	   syscalls tgt_set_syscalls() asked an exit stop for. */
	TGT_EV_SC_EXIT,
	/* A new process (fork, vfork, clone without CLONE_THREAD), in the
	   parent's context: child = its pid. */
	TGT_EV_FORK,
	/* A new thread, in the creating thread's context: child = its tid. */
	TGT_EV_CLONE,
	/* The first stop of a new process (in the child's context; the
	   event after TGT_EV_FORK for that child). Processes seized by
	   tgt_attach*() and tgt_spawn()'s child get none. */
	TGT_EV_PROC_START,
	/* The first stop of a new thread (in that thread's context). */
	TGT_EV_THREAD_START,
	/* execve succeeded: the new image's first stop. tid is the
	   thread-group leader's (a thread that execs takes its id); oldtid
	   is the tid that called execve. */
	TGT_EV_EXEC,
	/* A thread is exiting (PTRACE_EVENT_EXIT): status is its wait
	   status; last = 1 when it is the last thread of its process
	   (the process exits). Registers and memory are still readable.
	   Exactly one EXIT with last = 1 comes per process: when its
	   last thread vanished without an exit stop (killed outright),
	   it comes just before GONE, in the leader's name, and nothing
	   can be read any more. Threads killed that way (or by another
	   thread's exec) may have no EXIT of their own. */
	TGT_EV_EXIT,
	/* A signal is about to be delivered to tid (signal-delivery stop):
	   sig, si. It is delivered unchanged when the callback returns. */
	TGT_EV_SIGNAL,
	/* tgt_sample() interrupted the thread: pc is its user PC. */
	TGT_EV_SAMPLE,
	/* A process is gone for good (reaped): pid, status (its wait
	   status). No thread of it can be read any more. tgt_detach_all()
	   sends no event at all. */
	TGT_EV_GONE,
	/* The thread reached one of our breakpoints (tgt_bkpt_add): pc is
	   the breakpoint's address, and the thread's registers are as if
	   the breakpoint were not there (its pc = that address; the
	   displaced instruction has not run). When the callback returns,
	   the thread goes on as if no breakpoint were there. Also in a
	   process that shares the breakpoint's memory (a vfork child) or
	   inherited it (a fork child, before tgt_bkpt_clear()). */
	TGT_EV_BKPT,
	/* The thread calls clone() with CLONE_UNTRACED: its child will not
	   be traced, and no event will say it exists (nr: the syscall's).
	   Once per process; seen where clone stops (a seccomp filter of
	   ours, or PTRACE_SYSCALL while syscalls are wanted). */
	TGT_EV_UNTRACED_CHILD,
};

struct tgt_event {
	enum tgt_ev_kind kind;
	pid_t pid, tid;	  /* process (tgid) and thread of the stop */
	long nr;	  /* SC_ENTRY, SC_EXIT: the syscall number */
	uint64_t args[6]; /* SC_ENTRY, SC_EXIT: the arguments at entry */
	int64_t ret;	  /* SC_EXIT: the return value (-errno on error) */
	pid_t child;	  /* FORK, CLONE */
	pid_t oldtid;	  /* EXEC */
	int unpriv;	  /* EXEC: a set-user/group-ID image that runs
			     without its privileges, since it is traced */
	int status;	  /* EXIT, GONE: a wait(2) status */
	int last;	  /* EXIT: the process's last thread */
	int sig;	  /* SIGNAL */
	siginfo_t si;	  /* SIGNAL */
	uint64_t pc;	  /* SAMPLE: the user PC; BKPT: the address */
	int running;	  /* SC_ENTRY from a seccomp notification: the
			     thread is not stopped (memory only) */
};

/* What a tracee is known by between events (cached, refreshed on exec). */
struct tgt_thread_info {
	pid_t pid, tid, ppid;
	uid_t uid;
	gid_t gid;
	char comm[16]; /* /proc/TID/comm: dtrace's execname */
};

struct tgt_callbacks {
	/* Every event, in the order the kernel reports them. Called from
	   tgt_dispatch(), and also from tgt_spawn_run() (the child's stops
	   before its exec) and tgt_attach*() (what the seized threads do
	   while the others are being seized). The callback may call
	   tgt_detach_all() (nothing of the event may be used after), never
	   tgt_dispatch(). */
	void (*event)(void *ctx, struct tgt *t, const struct tgt_event *ev);
	void *ctx;
};

/* A new, empty target set. Never NULL. */
struct tgt *tgt_create(const struct tgt_callbacks *cb);
/* Detaches what remains (tgt_detach_all()) and frees. */
void tgt_destroy(struct tgt *t);
/* follow: udtrace keeps itself on the CPU of the threads that stop most
   (tgt_place.c; the default); 0: the scheduler places it. */
void tgt_set_placement(struct tgt *t, int follow);

/*
 * The syscalls to stop at: entry[nr] != 0 for an entry stop (and event),
 * exit[nr] != 0 for an exit stop (which implies a stop at entry, but
 * TGT_EV_SC_ENTRY only when entry[nr] is set). n is the size of both
 * arrays (syscall numbers 0..n-1). Call before tgt_spawn_run() and before
 * attaching; may be called again later (then only ptrace-syscall tracees
 * follow the change: a filter, once installed, stays; stops it makes for
 * syscalls no longer wanted are resumed silently). Arrays are copied.
 */
void tgt_set_syscalls(struct tgt *t, const uint8_t *entry, const uint8_t *exit,
		      size_t n);

/*
 * Entry events that need no stopped thread: stopless[nr] != 0 when the
 * user reads nothing of TGT_EV_SC_ENTRY of nr but its number, arguments
 * and tracee memory (no registers, no stack, no signal, no override).
 * For an entry-only syscall (no exit stop) of a -c command, such an event
 * then comes from a seccomp user notification (tgt_notify.c): the thread
 * waits in the kernel, not in a ptrace stop, and the event has running
 * set. 0 (the default) keeps every syscall on ptrace stops. Call before
 * tgt_spawn_run(); the array is copied.
 */
void tgt_set_stopless(struct tgt *t, const uint8_t *stopless, size_t n);

/*
 * -c: starts cmd (split on blanks, no shell, the first word looked up in
 * PATH now, as dtrace does) as a traced child that waits before exec;
 * *pid is its pid ($target). PTRACE_O_EXITKILL: it dies with udtrace.
 * The child's signal mask is emptied and SIGINT, SIGTERM, SIGHUP, SIGPIPE
 * and SIGCHLD get their default action back. 0, or -1 with a message in
 * err ("No such file or directory"; dtrace's "failed to execute CMD:
 * REASON" is the caller's to print).
 */
int tgt_spawn(struct tgt *t, const char *cmd, pid_t *pid, char *err,
	      size_t errlen);
/* Lets a spawned child go: it installs the seccomp filter built from the
   syscall sets (none when no syscall must stop; PR_SET_NO_NEW_PRIVS
   first when we lack CAP_SYS_ADMIN) and execs. Returns when the exec has
   happened: 0, or -1 with the reason in err (the child is then gone,
   without any event). Events of the child may come from this call (its
   execve: until it, the child's comm and ids are udtrace's), a quick
   command's GONE included. */
int tgt_spawn_run(struct tgt *t, pid_t pid, char *err, size_t errlen);

/*
 * -p: seizes every thread of pid (rescanning /proc/PID/task until no
 * thread is new), and waits (at most 2 s) until each has stopped once and
 * runs in the right mode. 0, or -1 with the exact reason in err ("process
 * 123 is already traced by process 45 (gdb)", "Yama's ptrace_scope is 3",
 * "No such process"). Once seized, the process is traced: if it ends
 * during the attach, 0 is returned all the same and its EXIT and GONE
 * come from the next tgt_dispatch(). No PROC_START for it.
 */
/* How many threads process pid has (its /proc status), 0 if unknown:
   the session's notice before a long attach. */
long tgt_proc_threads(pid_t pid);
int tgt_attach(struct tgt *t, pid_t pid, char *err, size_t errlen);

/*
 * No -c/-p: seizes every process of /proc it may trace, except udtrace
 * itself and the processes that would deadlock us (those reading our
 * output). *nattached and *nskipped count processes; why gets a short
 * account of the skipped ones ("1 is udtrace itself, 2 read udtrace's
 * output, 3 denied (EPERM)"). Returns 0, or -1 when nothing at all could
 * be traced (err says why).
 */
int tgt_attach_all(struct tgt *t, unsigned *nattached, unsigned *nskipped,
		   char *why, size_t whylen);

/*
 * Handles every stop that is pending now (waitpid WNOHANG), calling the
 * callback for each, and resumes the threads. Returns how many stops were
 * handled (0: nothing pending). The caller blocks SIGCHLD and waits for it
 * (sigtimedwait) when this returns 0.
 */
int tgt_dispatch(struct tgt *t);
/*
 * Seccomp user notifications (tgt_set_stopless()): the listeners to poll
 * for POLLIN besides SIGCHLD, at most max of them put in pfds: how many
 * (0: none, wait for SIGCHLD alone). After the wait, tgt_dispatch_from()
 * is told what woke the caller: TGT_WOKE_CHLD (SIGCHLD), TGT_WOKE_NOTIFY
 * (then polled, npolled: the pollfds as the wait returned them), both, or
 * neither (a timeout: everything is looked at). Only those are looked at,
 * and whatever a burst cut short left. tgt_dispatch() looks at all.
 */
struct pollfd;
/* Listeners of -c commands served at once; more commands get stops. */
#define TGT_MAX_LISTENERS 8
int tgt_notify_fds(const struct tgt *t, struct pollfd *pfds, int max);
enum { TGT_WOKE_CHLD = 1, TGT_WOKE_NOTIFY = 2 };
int tgt_dispatch_from(struct tgt *t, unsigned woke, const struct pollfd *polled,
		      int npolled);
/* Whether the last tgt_dispatch() found no stop left waiting: a stop that
   comes later raises a SIGCHLD of its own, so the caller may sleep until
   then. Otherwise (a burst cut short) it must call again without waiting:
   the SIGCHLD of the stops still waiting may have been taken already. */
int tgt_drained(const struct tgt *t);

/* Processes traced now (0: every tracee is gone). */
unsigned tgt_nprocs(const struct tgt *t);
/* Whether pid is a traced process now. */
int tgt_traced(const struct tgt *t, pid_t pid);

/*
 * Lets go of every tracee, leaving each as it was found (pending signals
 * re-delivered, group-stopped processes left stopped, everything else
 * running). -c children are killed first when kill_spawned is set
 * (dtrace's behaviour when it exits before its command). Processes that
 * carry our seccomp filter (-c children when a syscall was wanted, and
 * their descendants) are killed whatever kill_spawned says: untraced,
 * their traced syscalls would fail with ENOSYS. Sends no event. Safe to
 * call more than once, from the callback, and from the cleanup path
 * after an error.
 */
void tgt_detach_all(struct tgt *t, int kill_spawned);

/* The CPU the (stopped) thread last ran on, or -1: its rseq area's
   cpu_id, else /proc. */
int tgt_thread_cpu(struct tgt *t, pid_t tid);

/* Cached identity of a traced thread (comm is its process's), refreshed
   at exec; NULL when unknown. Valid until the next tgt_dispatch(). */
const struct tgt_thread_info *tgt_thread_info(struct tgt *t, pid_t tid);

/*
 * Tracee memory (any traced process, stopped or not): process_vm_readv,
 * falling back to /proc/PID/mem. 0, or -EFAULT (or -errno) when any byte
 * is unreadable; never a partial success.
 */
int tgt_read(struct tgt *t, pid_t pid, uint64_t addr, void *buf, size_t len);
/* Text under our breakpoints reads as the original bytes (tgt_read and
   tgt_read_str both). */
/* A NUL-terminated string of at most max bytes (buf holds max + 1):
   returns its length, or -errno. Reads page by page, so a string that
   ends before an unmapped page is read. */
ssize_t tgt_read_str(struct tgt *t, pid_t pid, uint64_t addr, char *buf,
		     size_t max);
int tgt_write(struct tgt *t, pid_t pid, uint64_t addr, const void *buf,
	      size_t len);

/* --- Valid only inside the callback, for the thread of the event ---- */

/* A general register by the index of uregs[] (the arch's numbering, see
   arch_ureg()). 0 or -errno. */
int tgt_ureg(struct tgt *t, pid_t tid, int idx, uint64_t *out);
/* The user PC of the stopped thread. */
int tgt_pc(struct tgt *t, pid_t tid, uint64_t *out);

/*
 * At TGT_EV_SC_ENTRY: the syscall is not run; it returns ret instead
 * (-errno for a failure). The exit stop still comes, with ret, if one was
 * asked for. 0 or -errno (-EINVAL outside an entry stop).
 */
int tgt_sc_override(struct tgt *t, pid_t tid, int64_t ret);

/* Makes the stopped thread's registers, as ptrace reads them, the ones
   the callback sees (at a breakpoint hit, the pc at the probe's address):
   for a reader that goes to ptrace itself (libunwind). 0 or -errno. */
int tgt_sync_regs(struct tgt *t, pid_t tid);
/*
 * Function-call ABI at a breakpoint (the pid provider): arguments 0..n-1
 * of the function whose first instruction the thread is at (registers,
 * then the stack in one read; unreadable ones 0), and the return value at
 * a return site. 0 or -errno.
 */
int tgt_call_args(struct tgt *t, pid_t tid, uint64_t *out, unsigned n);
/* How many of them come from registers (no read of tracee memory). */
unsigned tgt_call_reg_args(void);
int tgt_call_ret(struct tgt *t, pid_t tid, uint64_t *out);

/*
 * Keeps the event's thread stopped when the callback returns, until
 * tgt_release() (or tgt_detach_all()): for -c, where udtrace must do
 * things (fire BEGIN) between the process's start and its next
 * instruction. Other threads are not held.
 */
void tgt_hold(struct tgt *t, pid_t tid, int report_again);
/* With report_again, a thread held at a breakpoint that is still planted
   reports it again (TGT_EV_BKPT, from this call) before it steps past:
   probes enabled while it was held see the hit. */
void tgt_release(struct tgt *t, pid_t tid);

/* --- Breakpoints (tgt_bkpt.c; the pid provider) ---------------------- */

/*
 * Plants a breakpoint at addr in process pid (traced, its threads
 * stopped or running), or shares the one already there: each add is
 * undone by one tgt_bkpt_del(). The original instruction is decoded from
 * the tracee's memory (arch_insn_decode()) and kept aside; getting past it
 * never removes the breakpoint while other threads run: the instruction is
 * emulated in udtrace (arch_insn_emulate()) or run out of line in a
 * scratch page mapped into the tracee (an injected mmap, the first time
 * one is needed), relocated, followed by a jump back. Each hit costs one
 * stop. 0, or -errno with a message in err: -EFAULT (not mapped),
 * -EILSEQ/-ENOTSUP (no instruction there that can be stepped over:
 * arch_insn_decode()'s reasons), -EEXIST (a breakpoint instruction that is
 * not ours sits there already: the program's own, or another
 * debugger's).
 *
 * Fork: the child's copy of the text carries the breakpoints, and the
 * child (auto-attached) starts with a copy of the table (and of the
 * scratch page); tgt_bkpt_clear() removes them there when the child is
 * not to be traced. A vfork child (or any clone sharing the memory)
 * shares the parent's table. Exec: the process starts with no
 * breakpoints. tgt_detach_all() restores every original byte and unmaps
 * the scratch page (left mapped, never run again, when a thread did not
 * stop in time or another process shares the memory); a thread that was
 * stopped at (or about to report) one of our breakpoints is left at the
 * breakpoint's address with no SIGTRAP, and no thread is left inside the
 * scratch page.
 */
int tgt_bkpt_add(struct tgt *t, pid_t pid, uint64_t addr, char *err,
		 size_t errlen);
/* Undoes one tgt_bkpt_add(); the last one restores the original bytes. 0,
   -ENOENT when there is none. A hit already on its way is still
   reported (as TGT_EV_BKPT) or silently stepped over, never as a
   SIGTRAP. */
int tgt_bkpt_del(struct tgt *t, pid_t pid, uint64_t addr);
/* Undoes one tgt_bkpt_add() without writing anything: the memory is
   gone (a library unloaded). 0 or -ENOENT. */
int tgt_bkpt_forget(struct tgt *t, pid_t pid, uint64_t addr);
/* Inside a TGT_EV_BKPT callback, for the breakpoint at addr where thread
   tid stands on a branch (a conditional tail call): 1 when the branch will
   be taken, 0 when not, -errno (-ENOTSUP: not a branch the arch can
   emulate). Nothing changes. */
int tgt_bkpt_taken(struct tgt *t, pid_t tid, uint64_t addr);
/* Removes every breakpoint of pid (restoring the bytes; nothing is
   written in memory shared with another process that keeps them: pid
   then gets past them without events). A fork child's copy of the
   scratch page stays mapped. */
void tgt_bkpt_clear(struct tgt *t, pid_t pid);
/* How many distinct addresses carry a breakpoint in pid. */
size_t tgt_bkpt_count(struct tgt *t, pid_t pid);

/* --- USDT semaphores (tgt_sem.c) ------------------------------------ */

/*
 * A USDT probe's semaphore: the 2-byte counter at addr in process pid that
 * the program tests before preparing the probe's arguments. Incremented
 * while some probe wants it (each add undone by one del, counted like
 * breakpoints), read-modify-written while the process runs (the counter
 * is the program's: our increments add to its own). Every increment still
 * held is undone by tgt_detach_all() (every path, errors and fatal
 * signals included). fork: the child inherits the incremented counter and
 * a copy of the table (tgt_sem_clear() undoes them in a child that is not
 * to be traced); vfork shares it; exec drops it. 0 or -errno.
 */
int tgt_sem_add(struct tgt *t, pid_t pid, uint64_t addr);
int tgt_sem_del(struct tgt *t, pid_t pid, uint64_t addr);
/* Undoes one tgt_sem_add() without writing: the memory is gone (a library
   unloaded). */
int tgt_sem_forget(struct tgt *t, pid_t pid, uint64_t addr);
void tgt_sem_clear(struct tgt *t, pid_t pid);

/* --- Actions on a process (destructive, -w) ------------------------ */

/* raise(): sends sig to thread tid (tgkill). */
int tgt_raise(struct tgt *t, pid_t tid, int sig);
/* stop(): stops the process as SIGSTOP does; it stays stopped after
   detach. */
int tgt_stop_process(struct tgt *t, pid_t pid);

/*
 * profile-N: interrupts every traced thread; each reports a TGT_EV_SAMPLE
 * from tgt_dispatch() and is resumed. Threads in a syscall are sampled
 * at their user PC (the syscall is restarted transparently).
 */
int tgt_sample(struct tgt *t);

/*
 * Seccomp filter (tgt_seccomp.c): builds the classic-BPF program that
 * returns SECCOMP_RET_TRACE for the syscalls with want[nr] ==
 * TGT_SC_TRACE, SECCOMP_RET_USER_NOTIF for want[nr] == TGT_SC_NOTIFY and
 * SECCOMP_RET_ALLOW for the rest (and TRACE for other audit arches, which
 * a 64-bit tracee may use through int 0x80: those are traced when any
 * syscall is, so nothing is missed silently). *len gets the number of
 * instructions; the result is freed with free(). NULL when no syscall is
 * wanted (no filter at all).
 */
enum { TGT_SC_TRACE = 1, TGT_SC_NOTIFY = 2 };
struct sock_filter;
struct sock_filter *tgt_seccomp_build(const uint8_t *want, size_t n,
				      unsigned short *len);

#endif
