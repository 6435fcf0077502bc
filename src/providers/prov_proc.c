/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The proc provider: process and thread life cycle, exec and signals, as
 * proc:vmlinux::NAME (Oracle DTrace's names, module and argument types).
 * Each probe is a reading of an event the target layer already reports:
 *
 *   exec            execve/execveat entry      args[0] string: the path
 *   exec-success    TGT_EV_EXEC (new image)
 *   exec-failure    execve/execveat exit < 0   args[0] int: the errno
 *   exit            TGT_EV_EXIT, last thread   args[0] int: CLD_EXITED,
 *                                              CLD_KILLED or CLD_DUMPED
 *   create          TGT_EV_FORK (the parent)   args[0] psinfo_t *: child
 *   start           TGT_EV_PROC_START (child)
 *   lwp-create      TGT_EV_CLONE (creator)     args[0] lwpsinfo_t *,
 *                                              args[1] psinfo_t *: new one
 *   lwp-start       TGT_EV_THREAD_START, and after start (a process's
 *                   first thread starts too, as in Solaris)
 *   lwp-exit        TGT_EV_EXIT, not the last thread
 *   signal-send     kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo
 *                   entry (the sender)         args[0] lwpsinfo_t *,
 *                   args[1] psinfo_t * (the receiver), args[2] int sig
 *   signal-handle   TGT_EV_SIGNAL (receiver)   args[0] int sig,
 *                   args[1] siginfo_t *, args[2] the handler: always 0
 *
 * What this misses, compared with dtrace's in-kernel probes:
 *  - signal-send sees only signals a traced process sends with a syscall,
 *    at its entry: one that then fails (EPERM) has fired anyway; signals
 *    the kernel raises (SIGSEGV, SIGCHLD, SIGPIPE, timers) and kill(-1)
 *    do not fire it; kill(0)/kill(-pgid) fire it once per process of the
 *    group (read from /proc at that moment).
 *  - signal-handle fires when a signal the process does not ignore is
 *    delivered to a traced thread (to a handler, or with its default
 *    action), and its args[2] is 0: the handler's address is not known
 *    without running code in the tracee. Ignored signals fire nothing
 *    (dtrace's signal-discard is not offered).
 *  - exit: a process killed by SIGKILL may vanish without the exit stop
 *    (the kernel does not always report it); then exit does not fire.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "providers/prov.h"
#include "providers/prov_types.h"

enum proc_kind {
	PK_CREATE,
	PK_EXEC,
	PK_EXEC_FAILURE,
	PK_EXEC_SUCCESS,
	PK_EXIT,
	PK_LWP_CREATE,
	PK_LWP_EXIT,
	PK_LWP_START,
	PK_SIGNAL_HANDLE,
	PK_SIGNAL_SEND,
	PK_START,
	PK_NKINDS
};

/* In Oracle's order (dt_prov_proc.c's probe_args[]). */
static const char *const proc_names[PK_NKINDS] = {
	[PK_CREATE] = "create",
	[PK_EXEC] = "exec",
	[PK_EXEC_FAILURE] = "exec-failure",
	[PK_EXEC_SUCCESS] = "exec-success",
	[PK_EXIT] = "exit",
	[PK_LWP_CREATE] = "lwp-create",
	[PK_LWP_EXIT] = "lwp-exit",
	[PK_LWP_START] = "lwp-start",
	[PK_SIGNAL_HANDLE] = "signal-handle",
	[PK_SIGNAL_SEND] = "signal-send",
	[PK_START] = "start",
};

/* The syscalls the provider reads (-1 when the CPU has none). */
enum {
	SC_EXECVE,
	SC_EXECVEAT,
	SC_KILL,
	SC_TKILL,
	SC_TGKILL,
	SC_RT_SIGQUEUEINFO,
	SC_RT_TGSIGQUEUEINFO,
	SC_N
};

static const char *const sc_names[SC_N] = {
	"execve",	   "execveat",		"kill", "tkill", "tgkill",
	"rt_sigqueueinfo", "rt_tgsigqueueinfo",
};

static struct {
	struct probe *probes[PK_NKINDS]; /* the enabled ones */
	unsigned nenabled;
	long nr[SC_N];
	int nr_done;
} pr;

/* PROV_NSLOTS slots of synthetic memory per firing. */
enum { SLOT_0, SLOT_1, SLOT_2 };

#define EXEC_PATH_MAX 4096

static void
lookup_nrs(void)
{
	if (pr.nr_done)
		return;
	for (int i = 0; i < SC_N; i++)
		pr.nr[i] = arch_sc_lookup(sc_names[i]);
	pr.nr_done = 1;
}

static void
proc_populate(struct prov_table *t)
{
	for (int k = 0; k < PK_NKINDS; k++) {
		struct probe *p = prov_probe_create(
			t, &prov_proc, "proc", "vmlinux", "", proc_names[k]);

		p->kind = k;
		p->nr = -1;
	}
}

/* The syscall stops probe kind k needs: calls want(nr, entry, exit). */
static void
want_stops(const struct prov_host *h, int k, int delta)
{
	static const int kill_family[] = { SC_KILL, SC_TKILL, SC_TGKILL,
					   SC_RT_SIGQUEUEINFO,
					   SC_RT_TGSIGQUEUEINFO };

	lookup_nrs();
	switch (k) {
	case PK_EXEC:
	case PK_EXEC_FAILURE:
		for (int i = SC_EXECVE; i <= SC_EXECVEAT; i++)
			if (pr.nr[i] >= 0)
				h->sc_want(h->ctx, pr.nr[i], k == PK_EXEC,
					   k == PK_EXEC_FAILURE, delta);
		break;
	case PK_SIGNAL_SEND:
		for (size_t i = 0; i < sizeof(kill_family) / sizeof(int); i++)
			if (pr.nr[kill_family[i]] >= 0)
				h->sc_want(h->ctx, pr.nr[kill_family[i]], 1, 0,
					   delta);
		break;
	default:
		/* the life-cycle and signal events come without asking */
		break;
	}
}

static int
proc_enable(const struct prov_host *h, struct probe *p)
{
	if (p->enabled)
		return 0;
	if (p->kind < 0 || p->kind >= PK_NKINDS)
		return -1;
	want_stops(h, p->kind, 1);
	pr.probes[p->kind] = p;
	pr.nenabled++;
	p->enabled = 1;
	return 0;
}

static void
proc_disable(const struct prov_host *h, struct probe *p)
{
	if (!p->enabled)
		return;
	want_stops(h, p->kind, -1);
	if (pr.probes[p->kind] == p)
		pr.probes[p->kind] = NULL;
	pr.nenabled--;
	p->enabled = 0;
}

/* Fires probe kind k (when enabled) with the args already in c. */
static void
fire(const struct prov_host *h, int k, struct vm_probe_ctx *c,
     const struct tgt_event *ev)
{
	if (pr.probes[k])
		h->fire(h->ctx, pr.probes[k], c, ev);
}

static void
fire_noargs(const struct prov_host *h, int k, const struct tgt_event *ev)
{
	struct vm_probe_ctx c;

	if (pr.probes[k] == NULL)
		return;
	memset(&c, 0, sizeof(c));
	fire(h, k, &c, ev);
}

static void
on_exec_entry(const struct prov_host *h, const struct tgt_event *ev)
{
	static char path[EXEC_PATH_MAX + 1];
	struct vm_probe_ctx c;
	uint64_t addr;
	ssize_t len = -1;

	if (pr.probes[PK_EXEC] == NULL)
		return;
	/* execve(path, ...), execveat(dirfd, path, ...) */
	addr = ev->nr == pr.nr[SC_EXECVE] ? ev->args[0] : ev->args[1];
	memset(&c, 0, sizeof(c));
	c.nargs = 1;
	if (h->tgt)
		len = tgt_read_str(h->tgt, ev->pid, addr, path, EXEC_PATH_MAX);
	/* Copied, the string stays what it was at entry; unreadable, the
	   address itself is handed on, and reading it faults in D. */
	if (len >= 0) {
		/* the whole buffer, NUL-padded: D reads a string by pages
		   (up to strsize bytes), not up to its NUL */
		memset(path + len, 0, sizeof(path) - (size_t)len);
		c.args[0] = h->syn_put(h->ctx, SLOT_0, path, sizeof(path));
	} else
		c.args[0] = addr;
	fire(h, PK_EXEC, &c, ev);
}

static void
on_exec_exit(const struct prov_host *h, const struct tgt_event *ev)
{
	struct vm_probe_ctx c;

	/* success is TGT_EV_EXEC, in the new image */
	if (ev->ret >= 0 || ev->ret < -4095 ||
	    pr.probes[PK_EXEC_FAILURE] == NULL)
		return;
	memset(&c, 0, sizeof(c));
	c.nargs = 1;
	c.args[0] = (uint64_t)-ev->ret;
	c.errno_val = -ev->ret;
	fire(h, PK_EXEC_FAILURE, &c, ev);
}

/* One signal-send firing for the receiver tid of process pid. */
static void
send_one(const struct prov_host *h, const struct tgt_event *ev, pid_t pid,
	 pid_t tid, int sig)
{
	prov_psinfo_t ps;
	prov_lwpsinfo_t lw;
	struct vm_probe_ctx c;

	if (prov_psinfo_fill(pid, &ps) < 0)
		return; /* no such process: the kernel says ESRCH */
	if (prov_lwpsinfo_fill(pid, tid, &lw) < 0)
		return;
	memset(&c, 0, sizeof(c));
	c.nargs = 3;
	c.args[0] = h->syn_put(h->ctx, SLOT_0, &lw, sizeof(lw));
	c.args[1] = h->syn_put(h->ctx, SLOT_1, &ps, sizeof(ps));
	c.args[2] = (uint64_t)(int64_t)sig;
	fire(h, PK_SIGNAL_SEND, &c, ev);
}

/* kill(0, sig) and kill(-pgid, sig): every process of the group. */
static void
send_group(const struct prov_host *h, const struct tgt_event *ev, pid_t pgid,
	   int sig)
{
	DIR *d = opendir("/proc");
	struct dirent *de;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char *end;
		long pid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0 || prov_pgid_of((pid_t)pid) != pgid)
			continue;
		send_one(h, ev, (pid_t)pid, (pid_t)pid, sig);
	}
	closedir(d);
}

static void
on_kill_entry(const struct prov_host *h, const struct tgt_event *ev)
{
	/* the kernel's arguments are ints */
	pid_t a0 = (pid_t)ev->args[0];
	pid_t pid, tid;
	int sig;

	if (ev->nr == pr.nr[SC_KILL]) {
		/* kill(pid, sig) */
		sig = (int)ev->args[1];
		if (sig <= 0 || sig > 64)
			return; /* 0 only checks; an invalid one fails */
		if (a0 == -1 || a0 == INT_MIN)
			return; /* every process we may signal: not followed */
		if (a0 < 0) {
			send_group(h, ev, -a0, sig);
			return;
		}
		if (a0 == 0) {
			pid_t pgid = prov_pgid_of(ev->pid);

			if (pgid > 0)
				send_group(h, ev, pgid, sig);
			return;
		}
		pid = prov_tgid_of(a0);
		tid = pid;
	} else if (ev->nr == pr.nr[SC_TKILL]) {
		/* tkill(tid, sig) */
		sig = (int)ev->args[1];
		tid = a0;
		pid = tid > 0 ? prov_tgid_of(tid) : -1;
	} else if (ev->nr == pr.nr[SC_TGKILL] ||
		   ev->nr == pr.nr[SC_RT_TGSIGQUEUEINFO]) {
		/* tgkill(tgid, tid, sig), rt_tgsigqueueinfo(tgid, tid, sig,
		   info) */
		pid = a0;
		tid = (pid_t)ev->args[1];
		sig = (int)ev->args[2];
	} else {
		/* rt_sigqueueinfo(tgid, sig, info) */
		pid = a0;
		tid = pid;
		sig = (int)ev->args[1];
	}
	if (sig <= 0 || sig > 64 || pid <= 0 || tid <= 0)
		return;
	send_one(h, ev, pid, tid, sig);
}

/* The members of siginfo_t that apply to the signal's origin. */
static void
fill_siginfo(const siginfo_t *si, int sig, prov_siginfo_t *out)
{
	memset(out, 0, sizeof(*out));
	out->si_signo = si->si_signo ? si->si_signo : sig;
	out->si_code = si->si_code;
	out->si_errno = si->si_errno;
	if (si->si_code <= 0) {
		/* SI_USER, SI_QUEUE, SI_TKILL...: sent by a process */
		out->pid = si->si_pid;
		out->uid = si->si_uid;
		return;
	}
	switch (sig) {
	case SIGCHLD:
		out->pid = si->si_pid;
		out->uid = si->si_uid;
		out->status = si->si_status;
		break;
	case SIGSEGV:
	case SIGBUS:
	case SIGILL:
	case SIGFPE:
	case SIGTRAP:
		out->addr = (uint64_t)(uintptr_t)si->si_addr;
		break;
	case SIGPOLL:
		out->band = si->si_band;
		break;
	default:
		break;
	}
}

/*
 * Whether process pid ignores sig (SigIgn of /proc/PID/status). A tracee
 * reports even the signals it ignores, which the kernel then drops:
 * dtrace's signal-discard, not signal-handle.
 */
static int
sig_ignored(pid_t pid, int sig)
{
	char path[64], buf[2048], *p;
	unsigned long long mask;
	ssize_t n;
	int fd;

	if (sig <= 0 || sig > 64)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strstr(buf, "\nSigIgn:");
	if (p == NULL || sscanf(p + 8, "%llx", &mask) != 1)
		return 0;
	return (mask >> (sig - 1)) & 1;
}

static void
on_signal(const struct prov_host *h, const struct tgt_event *ev)
{
	prov_siginfo_t si;
	struct vm_probe_ctx c;

	if (pr.probes[PK_SIGNAL_HANDLE] == NULL ||
	    sig_ignored(ev->pid, ev->sig))
		return;
	fill_siginfo(&ev->si, ev->sig, &si);
	memset(&c, 0, sizeof(c));
	c.nargs = 3;
	c.args[0] = (uint64_t)(int64_t)ev->sig;
	c.args[1] = h->syn_put(h->ctx, SLOT_1, &si, sizeof(si));
	c.args[2] = 0;
	fire(h, PK_SIGNAL_HANDLE, &c, ev);
}

/* The exit reason, from the wait status (procfs.d's CLD_* values). */
static int
exit_reason(int status)
{
	if (!WIFSIGNALED(status))
		return 1; /* CLD_EXITED */
	return WCOREDUMP(status) ? 3 /* CLD_DUMPED */ : 2 /* CLD_KILLED */;
}

static void
on_thread_exit(const struct prov_host *h, const struct tgt_event *ev)
{
	struct vm_probe_ctx c;

	if (!ev->last) {
		fire_noargs(h, PK_LWP_EXIT, ev);
		return;
	}
	if (pr.probes[PK_EXIT] == NULL)
		return;
	memset(&c, 0, sizeof(c));
	c.nargs = 1;
	c.args[0] = (uint64_t)exit_reason(ev->status);
	fire(h, PK_EXIT, &c, ev);
}

static void
on_fork(const struct prov_host *h, const struct tgt_event *ev)
{
	prov_psinfo_t ps;
	struct vm_probe_ctx c;

	if (pr.probes[PK_CREATE] == NULL)
		return;
	if (prov_psinfo_fill(ev->child, &ps) < 0) {
		/* gone already: what is known */
		ps.pr_pid = ev->child;
		ps.pr_ppid = ev->pid;
	}
	memset(&c, 0, sizeof(c));
	c.nargs = 1;
	c.args[0] = h->syn_put(h->ctx, SLOT_0, &ps, sizeof(ps));
	fire(h, PK_CREATE, &c, ev);
}

static void
on_clone(const struct prov_host *h, const struct tgt_event *ev)
{
	prov_psinfo_t ps;
	prov_lwpsinfo_t lw;
	struct vm_probe_ctx c;

	if (pr.probes[PK_LWP_CREATE] == NULL)
		return;
	if (prov_lwpsinfo_fill(ev->pid, ev->child, &lw) < 0)
		lw.pr_lwpid = ev->child;
	if (prov_psinfo_fill(ev->pid, &ps) < 0)
		ps.pr_pid = ev->pid;
	memset(&c, 0, sizeof(c));
	c.nargs = 2;
	c.args[0] = h->syn_put(h->ctx, SLOT_0, &lw, sizeof(lw));
	c.args[1] = h->syn_put(h->ctx, SLOT_1, &ps, sizeof(ps));
	fire(h, PK_LWP_CREATE, &c, ev);
}

static void
proc_event(const struct prov_host *h, const struct tgt_event *ev)
{
	if (pr.nenabled == 0)
		return;
	switch (ev->kind) {
	case TGT_EV_SC_ENTRY:
		if (ev->nr < 0)
			break;
		if (ev->nr == pr.nr[SC_EXECVE] || ev->nr == pr.nr[SC_EXECVEAT])
			on_exec_entry(h, ev);
		else if ((ev->nr == pr.nr[SC_KILL] ||
			  ev->nr == pr.nr[SC_TKILL] ||
			  ev->nr == pr.nr[SC_TGKILL] ||
			  ev->nr == pr.nr[SC_RT_SIGQUEUEINFO] ||
			  ev->nr == pr.nr[SC_RT_TGSIGQUEUEINFO]) &&
			 pr.probes[PK_SIGNAL_SEND])
			on_kill_entry(h, ev);
		break;
	case TGT_EV_SC_EXIT:
		if (ev->nr >= 0 && (ev->nr == pr.nr[SC_EXECVE] ||
				    ev->nr == pr.nr[SC_EXECVEAT]))
			on_exec_exit(h, ev);
		break;
	case TGT_EV_EXEC:
		fire_noargs(h, PK_EXEC_SUCCESS, ev);
		break;
	case TGT_EV_EXIT:
		on_thread_exit(h, ev);
		break;
	case TGT_EV_FORK:
		on_fork(h, ev);
		break;
	case TGT_EV_CLONE:
		on_clone(h, ev);
		break;
	case TGT_EV_PROC_START:
		fire_noargs(h, PK_START, ev);
		fire_noargs(h, PK_LWP_START, ev);
		break;
	case TGT_EV_THREAD_START:
		fire_noargs(h, PK_LWP_START, ev);
		break;
	case TGT_EV_SIGNAL:
		on_signal(h, ev);
		break;
	default:
		break;
	}
}

static void
set_int(struct vm_type *t)
{
	memset(t, 0, sizeof(*t));
	t->kind = VM_T_INT;
	t->is_signed = 1;
	t->size = 4;
	t->name = "int";
}

static void
set_ptr(struct vm_type *t, const char **name, const char *tname)
{
	memset(t, 0, sizeof(*t));
	t->kind = VM_T_PTR;
	t->size = 8;
	*name = tname;
}

/* Oracle's dt_prov_proc.c probe_args[] */
static int
proc_arg_types(const struct probe *p, struct vm_type types[10],
	       const char *names[10])
{
	for (int i = 0; i < 10; i++)
		names[i] = NULL;
	switch (p->kind) {
	case PK_CREATE:
		set_ptr(&types[0], &names[0], "psinfo_t *");
		return 1;
	case PK_EXEC:
		memset(&types[0], 0, sizeof(types[0]));
		types[0].kind = VM_T_STRING;
		types[0].name = "string";
		return 1;
	case PK_EXEC_FAILURE:
	case PK_EXIT:
		set_int(&types[0]);
		return 1;
	case PK_LWP_CREATE:
		set_ptr(&types[0], &names[0], "lwpsinfo_t *");
		set_ptr(&types[1], &names[1], "psinfo_t *");
		return 2;
	case PK_SIGNAL_SEND:
		set_ptr(&types[0], &names[0], "lwpsinfo_t *");
		set_ptr(&types[1], &names[1], "psinfo_t *");
		set_int(&types[2]);
		return 3;
	case PK_SIGNAL_HANDLE:
		set_int(&types[0]);
		set_ptr(&types[1], &names[1], "siginfo_t *");
		/* dtrace's void (*)(void): a code address */
		set_ptr(&types[2], &names[2], NULL);
		return 3;
	default:
		return 0;
	}
}

/* Oracle's dt_prov_proc.c: provider, name and args Evolving/Evolving/ISA
   (module and function Private) */
const struct prov_ops prov_proc = {
	.name = "proc",
	.probe_attr = { "Evolving", "Evolving", "ISA" },
	.args_attr = { "Evolving", "Evolving", "ISA" },
	.populate = proc_populate,
	.provide = NULL,
	.enable = proc_enable,
	.disable = proc_disable,
	.event = proc_event,
	.arg_types = proc_arg_types,
};
