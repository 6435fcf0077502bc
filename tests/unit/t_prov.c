/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The syscall, proc and io providers without a traced process: each gets
 * struct tgt_event values as the target layer would deliver them, through
 * a fake prov_host that records what the provider asks (syscall stops)
 * and what it fires (the probe, the probe context, the bytes of the
 * synthetic slots at that moment). The events name this test's own
 * process, threads, children and files, so that /proc answers for real
 * and the expected values are what the test itself did: the file it
 * opened and where it seeked, the child it forked and how that child
 * ended, the thread it started. Tracee memory (exec's path, readv's
 * iovec array, sendfile's offset) is this process's, read through a real
 * target set (tgt_read works on any process we may read). Syscall
 * numbers come from <sys/syscall.h>, not from udtrace's table.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "providers/prov.h"
#include "providers/prov_types.h"
#include "tap.h"

#define BAIL_OUT(...)                                                          \
	do {                                                                   \
		printf("Bail out! ");                                          \
		printf(__VA_ARGS__);                                           \
		putchar('\n');                                                 \
		exit(1);                                                       \
	} while (0)

/* --- The fake host ------------------------------------------------------ */

#define FAKE_SYN 0xfff0000000000000ULL
#define FAKE_SLOT 0x10000ULL
#define SLOT_BYTES 8192

struct want {
	long nr;
	int entry, exit, delta;
};

struct firing {
	struct probe *p;
	struct vm_probe_ctx c;
	unsigned char syn[3][SLOT_BYTES];
	size_t synlen[3];
};

static struct {
	struct want wants[64];
	int nwants;
	struct firing fires[16];
	int nfires;
	unsigned char syn[PROV_NSLOTS][SLOT_BYTES];
	size_t synlen[PROV_NSLOTS];
} fk;

static void
fk_reset(void)
{
	memset(&fk, 0, sizeof(fk));
}

static void
fk_sc_want(void *ctx, long nr, int entry, int exit, int delta)
{
	(void)ctx;
	if (fk.nwants < 64)
		fk.wants[fk.nwants++] = (struct want){ nr, entry, exit, delta };
}

static void
fk_fire(void *ctx, struct probe *p, struct vm_probe_ctx *c,
	const struct tgt_event *ev)
{
	struct firing *f;

	(void)ctx;
	(void)ev;
	if (fk.nfires >= 16)
		return;
	f = &fk.fires[fk.nfires++];
	f->p = p;
	f->c = *c;
	for (int i = 0; i < 3; i++) {
		memcpy(f->syn[i], fk.syn[i], fk.synlen[i]);
		f->synlen[i] = fk.synlen[i];
	}
	/* the session forgets the slots after each firing */
	memset(fk.synlen, 0, sizeof(fk.synlen));
}

static uint64_t
fk_syn_put(void *ctx, unsigned slot, const void *data, size_t len)
{
	(void)ctx;
	if (slot >= PROV_NSLOTS || len > SLOT_BYTES)
		return 0;
	memcpy(fk.syn[slot], data, len);
	fk.synlen[slot] = len;
	return FAKE_SYN + slot * FAKE_SLOT;
}

static struct prov_host host = {
	.sc_want = fk_sc_want,
	.fire = fk_fire,
	.syn_put = fk_syn_put,
};

/* The bytes slot n held when firing f fired, as a T (NULL if too short). */
static const void *
fired_slot(const struct firing *f, int n, size_t size)
{
	if (f->c.args[n] != FAKE_SYN + (uint64_t)n * FAKE_SLOT ||
	    f->synlen[n] < size)
		return NULL;
	return f->syn[n];
}

static int
has_want(long nr, int entry, int exit, int delta)
{
	for (int i = 0; i < fk.nwants; i++)
		if (fk.wants[i].nr == nr && fk.wants[i].entry == entry &&
		    fk.wants[i].exit == exit && fk.wants[i].delta == delta)
			return 1;
	return 0;
}

static struct tgt_event
mkev(enum tgt_ev_kind kind, long nr)
{
	struct tgt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.pid = getpid();
	ev.tid = (pid_t)syscall(SYS_gettid);
	ev.nr = nr;
	return ev;
}

static struct tgt_event
mksc(enum tgt_ev_kind kind, long nr, uint64_t a0, uint64_t a1, uint64_t a2,
     uint64_t a3, uint64_t a4, uint64_t a5)
{
	struct tgt_event ev = mkev(kind, nr);

	ev.args[0] = a0;
	ev.args[1] = a1;
	ev.args[2] = a2;
	ev.args[3] = a3;
	ev.args[4] = a4;
	ev.args[5] = a5;
	return ev;
}

static struct probe *
find(struct prov_table *t, const char *prov, const char *mod, const char *func,
     const char *name)
{
	struct probe *p = prov_probe_find(t, prov, mod, func, name);

	if (p == NULL)
		diag("no probe %s:%s:%s:%s", prov, mod, func, name);
	return p;
}

/* --- syscall -------------------------------------------------------------- */

static void
test_syscall(void)
{
	struct prov_table t;
	struct probe *re, *rr, *p;
	struct vm_type ty[10];
	const char *names[10];
	struct tgt_event ev;
	long named = 0;
	int ordered = 1;
	size_t nsc = 0;
	long last = -1;

	prov_table_init(&t);
	prov_syscall.populate(&t);
	for (long nr = 0; nr < arch_sc_max(); nr++)
		named += arch_sc_name(nr) != NULL;
	for (size_t i = 0; i < t.n; i++) {
		p = t.probes[i];
		nsc++;
		if (p->nr < last || strcmp(p->mod, "vmlinux"))
			ordered = 0;
		last = p->nr;
	}
	is_int(nsc, 2 * named,
	       "syscall: entry and return for each of the "
	       "%ld named syscalls",
	       named);
	ok(ordered, "syscall: probes in syscall number order, module vmlinux");
	re = find(&t, "syscall", "vmlinux", "read", "entry");
	rr = find(&t, "syscall", "vmlinux", "read", "return");
	if (re == NULL || rr == NULL)
		BAIL_OUT("syscall probes missing");
	is_int(re->nr, SYS_read, "syscall: read:entry has read's number");
	is_int(rr->nr, SYS_read, "syscall: read:return too");
	ok(find(&t, "syscall", "vmlinux", "openat", "entry") &&
		   find(&t, "syscall", "vmlinux", "exit_group", "return"),
	   "syscall: openat:entry, exit_group:return exist");

	/* read(fd, buf, count): three arguments */
	memset(names, 0, sizeof(names));
	is_int(prov_syscall.arg_types(re, ty, names), 3,
	       "syscall: read:entry has 3 typed args");
	ok(ty[2].kind == VM_T_INT && ty[2].size == 8 && ty[2].is_signed,
	   "syscall: args[2] is a signed 64-bit integer");
	is_int(prov_syscall.arg_types(
		       find(&t, "syscall", "vmlinux", "getpid", "entry"), ty,
		       names),
	       0, "syscall: getpid:entry has none");
	is_int(prov_syscall.arg_types(rr, ty, names), 1,
	       "syscall: read:return has 1 (the value)");

	fk_reset();
	is_int(prov_syscall.enable(&host, re), 0, "syscall: enable entry");
	is_int(prov_syscall.enable(&host, rr), 0, "syscall: enable return");
	ok(re->enabled && rr->enabled, "syscall: both marked enabled");
	ok(has_want(SYS_read, 1, 0, 1) && has_want(SYS_read, 0, 1, 1) &&
		   fk.nwants == 2,
	   "syscall: asked for read's entry stop and exit stop");

	ev = mksc(TGT_EV_SC_ENTRY, SYS_read, 3, 0x1000, 42, 7, 8, 9);
	prov_syscall.event(&host, &ev);
	is_int(fk.nfires, 1, "syscall: read entry fires once");
	ok(fk.fires[0].p == re && fk.fires[0].c.nargs == 6 &&
		   fk.fires[0].c.args[0] == 3 &&
		   fk.fires[0].c.args[1] == 0x1000 &&
		   fk.fires[0].c.args[2] == 42 && fk.fires[0].c.args[5] == 9,
	   "syscall: entry probe with arg0..arg5 = the arguments");

	fk.nfires = 0;
	ev = mksc(TGT_EV_SC_ENTRY, SYS_write, 1, 2, 3, 0, 0, 0);
	prov_syscall.event(&host, &ev);
	is_int(fk.nfires, 0, "syscall: write (not enabled) fires nothing");

	ev = mkev(TGT_EV_SC_EXIT, SYS_read);
	ev.ret = -ENOENT;
	prov_syscall.event(&host, &ev);
	ok(fk.nfires == 1 && fk.fires[0].p == rr &&
		   (int64_t)fk.fires[0].c.args[0] == -ENOENT &&
		   (int64_t)fk.fires[0].c.args[1] == -ENOENT &&
		   fk.fires[0].c.errno_val == ENOENT,
	   "syscall: return of -2: arg0 = arg1 = -2, errno 2");
	fk.nfires = 0;
	ev.ret = 42;
	prov_syscall.event(&host, &ev);
	ok(fk.nfires == 1 && fk.fires[0].c.args[0] == 42 &&
		   fk.fires[0].c.errno_val == 0,
	   "syscall: return of 42: errno 0");
	fk.nfires = 0;
	ev.ret = -4095;
	prov_syscall.event(&host, &ev);
	ev.ret = -4096;
	prov_syscall.event(&host, &ev);
	ok(fk.nfires == 2 && fk.fires[0].c.errno_val == 4095 &&
		   fk.fires[1].c.errno_val == 0,
	   "syscall: -4095 is an error, -4096 a value");

	fk_reset();
	prov_syscall.disable(&host, re);
	prov_syscall.disable(&host, rr);
	ok(has_want(SYS_read, 1, 0, -1) && has_want(SYS_read, 0, 1, -1) &&
		   !re->enabled && !rr->enabled,
	   "syscall: disable gives the stops back");
	ev = mksc(TGT_EV_SC_ENTRY, SYS_read, 3, 0, 0, 0, 0, 0);
	prov_syscall.event(&host, &ev);
	is_int(fk.nfires, 0, "syscall: disabled, nothing fires");
	prov_table_release(&t);
}

/* --- proc ----------------------------------------------------------------- */

/* up: the thread says it runs; down: the test tells it to end */
static int thr_up[2], thr_down[2];
static pid_t thr_tid;

static void *
thr_main(void *arg)
{
	char c;

	(void)arg;
	thr_tid = (pid_t)syscall(SYS_gettid);
	if (write(thr_up[1], "x", 1) != 1)
		return NULL;
	if (read(thr_down[0], &c, 1) != 1)
		return NULL;
	return NULL;
}

static void
enable_all(const struct prov_ops *ops, struct prov_table *t, const char *prov)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->probes[i]->prov, prov))
			ops->enable(&host, t->probes[i]);
}

static void
disable_all(const struct prov_ops *ops, struct prov_table *t, const char *prov)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->probes[i]->prov, prov))
			ops->disable(&host, t->probes[i]);
}

/* A child in its own process group, waiting to be killed. */
static pid_t
sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	setpgid(pid, pid); /* either of us may win the race */
	return pid;
}

static void
test_proc_events(struct tgt *tg)
{
	static const char path[] = "/usr/bin/no-such-thing";
	const prov_psinfo_t *ps;
	const prov_lwpsinfo_t *lw;
	const prov_siginfo_t *si;
	struct tgt_event ev;
	pthread_t th;
	siginfo_t info;
	sigset_t set;
	pid_t child;
	int status;
	char c;

	host.tgt = tg;
	ev = mksc(TGT_EV_SC_ENTRY, SYS_execve, (uint64_t)(uintptr_t)path, 0, 0,
		  0, 0, 0);
	fk_reset();
	prov_proc.event(&host, &ev);
	ok(fk.nfires == 1 && !strcmp(fk.fires[0].p->name, "exec") &&
		   fk.fires[0].c.nargs == 1 &&
		   fired_slot(&fk.fires[0], 0, sizeof(path)) &&
		   !strcmp((const char *)fk.fires[0].syn[0], path),
	   "proc: exec at execve entry, args[0] the path, copied");
	ev = mksc(TGT_EV_SC_ENTRY, SYS_execveat, 3, (uint64_t)(uintptr_t)path,
		  0, 0, 0, 0);
	fk_reset();
	prov_proc.event(&host, &ev);
	ok(fk.nfires == 1 && !strcmp((const char *)fk.fires[0].syn[0], path),
	   "proc: exec at execveat entry, path from its second argument");

	ev = mkev(TGT_EV_SC_EXIT, SYS_execve);
	ev.ret = -ENOENT;
	fk_reset();
	prov_proc.event(&host, &ev);
	ok(fk.nfires == 1 && !strcmp(fk.fires[0].p->name, "exec-failure") &&
		   fk.fires[0].c.args[0] == ENOENT,
	   "proc: exec-failure with args[0] = 2 (ENOENT)");
	ev.ret = 0;
	fk_reset();
	prov_proc.event(&host, &ev);
	is_int(fk.nfires, 0, "proc: a successful execve return fires nothing");
	ev = mkev(TGT_EV_EXEC, -1);
	prov_proc.event(&host, &ev);
	ok(fk.nfires == 1 && !strcmp(fk.fires[0].p->name, "exec-success") &&
		   fk.fires[0].c.nargs == 0,
	   "proc: exec-success at the exec event, no args");

	/* exit reasons from real wait statuses */
	child = fork();
	if (child == 0)
		_exit(3);
	waitpid(child, &status, 0);
	ev = mkev(TGT_EV_EXIT, -1);
	ev.last = 1;
	ev.status = status;
	fk_reset();
	prov_proc.event(&host, &ev);
	ok(fk.nfires == 1 && !strcmp(fk.fires[0].p->name, "exit") &&
		   fk.fires[0].c.args[0] == 1,
	   "proc: exit(3): args[0] = CLD_EXITED");
	child = sleeper();
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	ev.status = status;
	fk_reset();
	prov_proc.event(&host, &ev);
	ok(fk.nfires == 1 && fk.fires[0].c.args[0] == 2,
	   "proc: SIGKILL: args[0] = CLD_KILLED");
	/* a core dump's status (writing a real core is not ours to do) */
	ev.status = SIGSEGV | WCOREFLAG;
	fk_reset();
	prov_proc.event(&host, &ev);
	ok(fk.nfires == 1 && fk.fires[0].c.args[0] == 3,
	   "proc: dumped core: args[0] = CLD_DUMPED");
	ev.last = 0;
	fk_reset();
	prov_proc.event(&host, &ev);
	ok(fk.nfires == 1 && !strcmp(fk.fires[0].p->name, "lwp-exit"),
	   "proc: a thread that is not the last: lwp-exit");

	/* create: the child's psinfo_t */
	child = sleeper();
	ev = mkev(TGT_EV_FORK, -1);
	ev.child = child;
	fk_reset();
	prov_proc.event(&host, &ev);
	ps = fk.nfires == 1 ? fired_slot(&fk.fires[0], 0, sizeof(*ps)) : NULL;
	ok(ps && !strcmp(fk.fires[0].p->name, "create") &&
		   ps->pr_pid == child && ps->pr_ppid == getpid(),
	   "proc: create, args[0]->pr_pid the child, pr_ppid us");

	/* signal-send: kill, kill(-pgid), kill(pid, 0), a missing pid */
	ev = mksc(TGT_EV_SC_ENTRY, SYS_kill, (uint64_t)child, SIGTERM, 0, 0, 0,
		  0);
	fk_reset();
	prov_proc.event(&host, &ev);
	lw = fk.nfires == 1 ? fired_slot(&fk.fires[0], 0, sizeof(*lw)) : NULL;
	ps = fk.nfires == 1 ? fired_slot(&fk.fires[0], 1, sizeof(*ps)) : NULL;
	ok(lw && ps && !strcmp(fk.fires[0].p->name, "signal-send") &&
		   ps->pr_pid == child && lw->pr_lwpid == child &&
		   fk.fires[0].c.args[2] == SIGTERM,
	   "proc: kill(child, SIGTERM): signal-send to the child, sig 15");
	ev.args[0] = (uint64_t)(int64_t)-child;
	fk_reset();
	prov_proc.event(&host, &ev);
	ps = fk.nfires == 1 ? fired_slot(&fk.fires[0], 1, sizeof(*ps)) : NULL;
	ok(ps && ps->pr_pid == child && ps->pr_pgid == child,
	   "proc: kill(-pgid): once per process of the group");
	/* kill(0, sig) as sent by the child: its own group, itself */
	ev.pid = ev.tid = child;
	ev.args[0] = 0;
	fk_reset();
	prov_proc.event(&host, &ev);
	ps = fk.nfires == 1 ? fired_slot(&fk.fires[0], 1, sizeof(*ps)) : NULL;
	ok(ps && ps->pr_pid == child,
	   "proc: kill(0) from the child: its process group");
	ev.pid = getpid();
	ev.tid = (pid_t)syscall(SYS_gettid);
	ev.args[0] = (uint64_t)child;
	ev.args[1] = 0;
	fk_reset();
	prov_proc.event(&host, &ev);
	is_int(fk.nfires, 0, "proc: kill(pid, 0) sends nothing");
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	ev.args[1] = SIGTERM;
	fk_reset();
	prov_proc.event(&host, &ev);
	is_int(fk.nfires, 0, "proc: kill of a reaped pid: nothing (ESRCH)");

	/* a thread of ours: lwp-create, tgkill, tkill */
	if (pipe(thr_up) < 0 || pipe(thr_down) < 0 ||
	    pthread_create(&th, NULL, thr_main, NULL) != 0 ||
	    read(thr_up[0], &c, 1) != 1)
		BAIL_OUT("thread");
	ev = mkev(TGT_EV_CLONE, -1);
	ev.child = thr_tid;
	fk_reset();
	prov_proc.event(&host, &ev);
	lw = fk.nfires == 1 ? fired_slot(&fk.fires[0], 0, sizeof(*lw)) : NULL;
	ps = fk.nfires == 1 ? fired_slot(&fk.fires[0], 1, sizeof(*ps)) : NULL;
	ok(lw && ps && !strcmp(fk.fires[0].p->name, "lwp-create") &&
		   lw->pr_lwpid == thr_tid && ps->pr_pid == getpid() &&
		   ps->pr_nlwp == 2,
	   "proc: lwp-create: args[0] the new thread, args[1] our process "
	   "(2 threads)");
	ev = mksc(TGT_EV_SC_ENTRY, SYS_tgkill, (uint64_t)getpid(),
		  (uint64_t)thr_tid, SIGUSR1, 0, 0, 0);
	fk_reset();
	prov_proc.event(&host, &ev);
	lw = fk.nfires == 1 ? fired_slot(&fk.fires[0], 0, sizeof(*lw)) : NULL;
	ok(lw && lw->pr_lwpid == thr_tid && fk.fires[0].c.args[2] == SIGUSR1,
	   "proc: tgkill: the thread receives SIGUSR1");
	ev = mksc(TGT_EV_SC_ENTRY, SYS_tkill, (uint64_t)thr_tid, SIGUSR2, 0, 0,
		  0, 0);
	fk_reset();
	prov_proc.event(&host, &ev);
	ps = fk.nfires == 1 ? fired_slot(&fk.fires[0], 1, sizeof(*ps)) : NULL;
	ok(ps && ps->pr_pid == getpid(),
	   "proc: tkill: the receiver's process found from its tid");
	if (write(thr_down[1], "x", 1) != 1)
		BAIL_OUT("pipe");
	pthread_join(th, NULL);
	close(thr_up[0]);
	close(thr_up[1]);
	close(thr_down[0]);
	close(thr_down[1]);

	ev = mkev(TGT_EV_PROC_START, -1);
	fk_reset();
	prov_proc.event(&host, &ev);
	ok(fk.nfires == 2 && !strcmp(fk.fires[0].p->name, "start") &&
		   !strcmp(fk.fires[1].p->name, "lwp-start"),
	   "proc: a new process: start, then lwp-start");
	ev = mkev(TGT_EV_THREAD_START, -1);
	fk_reset();
	prov_proc.event(&host, &ev);
	ok(fk.nfires == 1 && !strcmp(fk.fires[0].p->name, "lwp-start"),
	   "proc: a new thread: lwp-start");

	/* signal-handle with a real siginfo (sigqueue to ourselves) */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 7 });
	if (sigwaitinfo(&set, &info) != SIGUSR1)
		BAIL_OUT("sigwaitinfo");
	ev = mkev(TGT_EV_SIGNAL, -1);
	ev.sig = SIGUSR1;
	ev.si = info;
	fk_reset();
	prov_proc.event(&host, &ev);
	si = fk.nfires == 1 ? fired_slot(&fk.fires[0], 1, sizeof(*si)) : NULL;
	ok(si && !strcmp(fk.fires[0].p->name, "signal-handle") &&
		   fk.fires[0].c.args[0] == SIGUSR1 &&
		   si->si_signo == SIGUSR1 && si->si_code == SI_QUEUE &&
		   si->pid == getpid() && si->uid == getuid() &&
		   fk.fires[0].c.args[2] == 0,
	   "proc: signal-handle: sig, siginfo (SI_QUEUE from us), handler 0");
	signal(SIGUSR2, SIG_IGN);
	ev.sig = SIGUSR2;
	fk_reset();
	prov_proc.event(&host, &ev);
	is_int(fk.nfires, 0, "proc: an ignored signal is not handled");
	signal(SIGUSR2, SIG_DFL);
	host.tgt = NULL;
}

static void
test_proc(struct tgt *tg)
{
	static const char *const order[] = {
		"create",	 "exec",	"exec-failure", "exec-success",
		"exit",		 "lwp-create",	"lwp-exit",	"lwp-start",
		"signal-handle", "signal-send", "start",
	};
	struct prov_table t;
	struct vm_type ty[10];
	const char *names[10];
	int same = 1;

	prov_table_init(&t);
	prov_proc.populate(&t);
	is_int(t.n, 11, "proc: 11 probes");
	for (size_t i = 0; i < t.n && i < 11; i++)
		if (strcmp(t.probes[i]->name, order[i]) ||
		    strcmp(t.probes[i]->prov, "proc") ||
		    strcmp(t.probes[i]->mod, "vmlinux") || t.probes[i]->func[0])
			same = 0;
	ok(same, "proc: proc:vmlinux::NAME in Oracle's order");

	is_int(prov_proc.arg_types(find(&t, "proc", "vmlinux", "", "create"),
				   ty, names),
	       1, "proc: create has 1 arg");
	ok(names[0] && !strcmp(names[0], "psinfo_t *"),
	   "proc: ... a psinfo_t *");
	is_int(prov_proc.arg_types(
		       find(&t, "proc", "vmlinux", "", "signal-send"), ty,
		       names),
	       3, "proc: signal-send has 3");
	ok(names[0] && names[1] && !strcmp(names[0], "lwpsinfo_t *") &&
		   !strcmp(names[1], "psinfo_t *") && ty[2].kind == VM_T_INT,
	   "proc: ... lwpsinfo_t *, psinfo_t *, int");
	prov_proc.arg_types(find(&t, "proc", "vmlinux", "", "exec"), ty, names);
	ok(ty[0].kind == VM_T_STRING, "proc: exec's args[0] is a string");
	is_int(prov_proc.arg_types(find(&t, "proc", "vmlinux", "", "start"), ty,
				   names),
	       0, "proc: start has none");

	fk_reset();
	prov_proc.enable(&host, find(&t, "proc", "vmlinux", "", "exec"));
	ok(fk.nwants == 2 && has_want(SYS_execve, 1, 0, 1) &&
		   has_want(SYS_execveat, 1, 0, 1),
	   "proc: exec asks for execve and execveat entry stops");
	fk_reset();
	prov_proc.enable(&host,
			 find(&t, "proc", "vmlinux", "", "exec-failure"));
	ok(fk.nwants == 2 && has_want(SYS_execve, 0, 1, 1) &&
		   has_want(SYS_execveat, 0, 1, 1),
	   "proc: exec-failure asks for their exit stops");
	fk_reset();
	prov_proc.enable(&host, find(&t, "proc", "vmlinux", "", "signal-send"));
	ok(fk.nwants == 5 && has_want(SYS_kill, 1, 0, 1) &&
		   has_want(SYS_tkill, 1, 0, 1) &&
		   has_want(SYS_tgkill, 1, 0, 1) &&
		   has_want(SYS_rt_sigqueueinfo, 1, 0, 1) &&
		   has_want(SYS_rt_tgsigqueueinfo, 1, 0, 1),
	   "proc: signal-send asks for the kill family's entry stops");
	fk_reset();
	enable_all(&prov_proc, &t, "proc");
	is_int(fk.nwants, 0, "proc: the other probes need no syscall stop");
	test_proc_events(tg);
	fk_reset();
	disable_all(&prov_proc, &t, "proc");
	is_int(fk.nwants, 9, "proc: disable gives back the 9 stops");
	prov_table_release(&t);
}

/* --- io ------------------------------------------------------------------- */

struct tfile {
	char path[64];
	int fd;
	struct stat st;
};

static void
tfile_open_in(struct tfile *f, const char *dir, const char *content)
{
	snprintf(f->path, sizeof(f->path), "%s/t_prov.XXXXXX", dir);
	f->fd = mkstemp(f->path);
	if (f->fd < 0 || write(f->fd, content, strlen(content)) < 0 ||
	    fstat(f->fd, &f->st) < 0)
		BAIL_OUT("temporary file: %s", strerror(errno));
}

static void
tfile_open(struct tfile *f, const char *content)
{
	tfile_open_in(f, "/tmp", content);
}

static void
tfile_close(struct tfile *f)
{
	close(f->fd);
	unlink(f->path);
}

static const prov_bufinfo_t *
fbuf(int i)
{
	return i < fk.nfires ?
		       fired_slot(&fk.fires[i], 0, sizeof(prov_bufinfo_t)) :
		       NULL;
}

static const prov_devinfo_t *
fdev(int i)
{
	return i < fk.nfires ?
		       fired_slot(&fk.fires[i], 1, sizeof(prov_devinfo_t)) :
		       NULL;
}

static const prov_fileinfo_t *
ffile(int i)
{
	return i < fk.nfires ?
		       fired_slot(&fk.fires[i], 2, sizeof(prov_fileinfo_t)) :
		       NULL;
}

static void
test_io_rw(struct tfile *a)
{
	const prov_bufinfo_t *b;
	const prov_devinfo_t *d;
	const prov_fileinfo_t *fi;
	char buf[64], real[4096];
	struct tgt_event ev, ex;
	int p[2];

	/* read(fd, buf, 50) at offset 10 of a 100-byte file */
	lseek(a->fd, 10, SEEK_SET);
	ev = mksc(TGT_EV_SC_ENTRY, SYS_read, (uint64_t)a->fd,
		  (uint64_t)(uintptr_t)buf, 50, 0, 0, 0);
	fk_reset();
	prov_io.event(&host, &ev);
	b = fbuf(0);
	d = fdev(0);
	fi = ffile(0);
	ok(fk.nfires == 2 && !strcmp(fk.fires[0].p->name, "start") &&
		   !strcmp(fk.fires[1].p->name, "wait-start") &&
		   !strcmp(fk.fires[0].p->func, "read") &&
		   fk.fires[0].c.nargs == 3,
	   "io: read of a file: start and wait-start");
	ok(b && b->b_flags == 0x40 && b->b_bcount == 50 &&
		   b->b_addr == (uint64_t)(uintptr_t)buf,
	   "io: bufinfo: B_READ, 50 bytes, the buffer's address");
	if (realpath(a->path, real) == NULL)
		BAIL_OUT("realpath");
	ok(fi && !strcmp(fi->fi_pathname, real) &&
		   !strcmp(fi->fi_name, strrchr(real, '/') + 1) &&
		   !strncmp(fi->fi_dirname, real, strlen(fi->fi_dirname)) &&
		   real[strlen(fi->fi_dirname)] == '/' && fi->fi_offset == 10,
	   "io: fileinfo: path %s, name, dirname, offset 10",
	   fi ? fi->fi_pathname : "?");
	ok(fi && (fi->fi_oflags & O_ACCMODE) == O_RDWR && fi->fi_fs[0] &&
		   strcmp(fi->fi_fs, "<unknown>") && fi->fi_mount[0] == '/',
	   "io: fileinfo: O_RDWR, file system %s mounted at %s",
	   fi ? fi->fi_fs : "?", fi ? fi->fi_mount : "?");
	ok(d && b && (dev_t)d->dev_major == major(a->st.st_dev) &&
		   (dev_t)d->dev_minor == minor(a->st.st_dev) &&
		   b->b_edev == ((uint64_t)major(a->st.st_dev) << 20 |
				 minor(a->st.st_dev)) &&
		   d->dev_name[0] && d->dev_statname[0],
	   "io: devinfo: the file system's device %d,%d (%s)",
	   d ? d->dev_major : -1, d ? d->dev_minor : -1,
	   d ? d->dev_statname : "?");

	ex = ev;
	ex.kind = TGT_EV_SC_EXIT;
	ex.ret = 30;
	fk_reset();
	prov_io.event(&host, &ex);
	b = fbuf(0);
	ok(fk.nfires == 2 && !strcmp(fk.fires[0].p->name, "done") &&
		   !strcmp(fk.fires[1].p->name, "wait-done") && b &&
		   b->b_bcount == 50 && b->b_resid == 20 && b->b_error == 0,
	   "io: done after 30 of 50: b_resid 20");
	fk_reset();
	prov_io.event(&host, &ex);
	is_int(fk.nfires, 0, "io: a second exit without an entry: nothing");

	prov_io.event(&host, &ev);
	ex.ret = -EIO;
	fk_reset();
	prov_io.event(&host, &ex);
	b = fbuf(0);
	ok(b && b->b_error == EIO && b->b_resid == 50 &&
		   b->b_flags == (0x40 | 0x04),
	   "io: failed read: b_error EIO, B_ERROR, nothing transferred");

	/* an exit of another syscall does not end the read */
	prov_io.event(&host, &ev);
	ex.nr = SYS_write;
	ex.ret = 5;
	fk_reset();
	prov_io.event(&host, &ex);
	is_int(fk.nfires, 0, "io: write's exit does not end a read");
	/* the thread exits in the syscall: forgotten */
	ex = mkev(TGT_EV_EXIT, -1);
	prov_io.event(&host, &ex);
	ex = ev;
	ex.kind = TGT_EV_SC_EXIT;
	ex.ret = 1;
	prov_io.event(&host, &ex);
	is_int(fk.nfires, 0, "io: nothing is done after the thread's exit");

	/* pwrite64 at an explicit offset */
	ev = mksc(TGT_EV_SC_ENTRY, SYS_pwrite64, (uint64_t)a->fd,
		  (uint64_t)(uintptr_t)buf, 8, 77, 0, 0);
	fk_reset();
	prov_io.event(&host, &ev);
	b = fbuf(0);
	fi = ffile(0);
	ok(b && fi && b->b_flags == 0x100 && b->b_bcount == 8 &&
		   fi->fi_offset == 77 &&
		   !strcmp(fk.fires[0].p->func, "pwrite64"),
	   "io: pwrite64: B_WRITE, 8 bytes at offset 77");

	/* not files: a pipe, /dev/null */
	if (pipe(p) < 0)
		BAIL_OUT("pipe");
	ev = mksc(TGT_EV_SC_ENTRY, SYS_write, (uint64_t)p[1],
		  (uint64_t)(uintptr_t)buf, 1, 0, 0, 0);
	fk_reset();
	prov_io.event(&host, &ev);
	ex = ev;
	ex.kind = TGT_EV_SC_EXIT;
	ex.ret = 1;
	prov_io.event(&host, &ex);
	is_int(fk.nfires, 0, "io: a pipe fires nothing");
	close(p[0]);
	close(p[1]);
	p[0] = open("/dev/null", O_WRONLY | O_CLOEXEC);
	ev.args[0] = (uint64_t)p[0];
	prov_io.event(&host, &ev);
	is_int(fk.nfires, 0, "io: /dev/null (a character device) neither");
	close(p[0]);
	ev.args[0] = 1000000;
	prov_io.event(&host, &ev);
	is_int(fk.nfires, 0, "io: a closed descriptor neither");
}

static void
test_io_vec(struct tfile *a, struct tfile *z)
{
	const prov_bufinfo_t *b;
	const prov_fileinfo_t *fi;
	char x[7], y[9];
	struct iovec iov[2] = { { x, sizeof(x) }, { y, sizeof(y) } };
	struct tgt_event ev;
	off_t off;
	int p[2];

	ev = mksc(TGT_EV_SC_ENTRY, SYS_readv, (uint64_t)a->fd,
		  (uint64_t)(uintptr_t)iov, 2, 0, 0, 0);
	fk_reset();
	prov_io.event(&host, &ev);
	b = fbuf(0);
	ok(b && b->b_bcount == 16 && b->b_addr == (uint64_t)(uintptr_t)x,
	   "io: readv of 7 + 9 bytes: b_bcount 16, b_addr the first buffer");
	ev = mksc(TGT_EV_SC_ENTRY, SYS_pwritev2, (uint64_t)a->fd,
		  (uint64_t)(uintptr_t)iov, 1, 33, 0, 0);
	fk_reset();
	prov_io.event(&host, &ev);
	b = fbuf(0);
	fi = ffile(0);
	ok(b && fi && b->b_bcount == 7 && b->b_flags == 0x100 &&
		   fi->fi_offset == 33,
	   "io: pwritev2 of one 7-byte iovec at offset 33");

	/* sendfile(out, in, &off, 40): a read of in, a write of out */
	off = 5;
	ev = mksc(TGT_EV_SC_ENTRY, SYS_sendfile, (uint64_t)z->fd,
		  (uint64_t)a->fd, (uint64_t)(uintptr_t)&off, 40, 0, 0);
	fk_reset();
	prov_io.event(&host, &ev);
	ok(fk.nfires == 4 && fbuf(0) && fbuf(2) && fbuf(0)->b_flags == 0x40 &&
		   fbuf(2)->b_flags == 0x100 && ffile(0)->fi_offset == 5 &&
		   !strcmp(ffile(0)->fi_pathname, ffile(0)->fi_pathname) &&
		   fbuf(0)->b_bcount == 40 && fbuf(2)->b_bcount == 40,
	   "io: sendfile between files: a read at *offset (5), a write");
	if (pipe(p) < 0)
		BAIL_OUT("pipe");
	ev.args[0] = (uint64_t)p[1];
	fk_reset();
	prov_io.event(&host, &ev);
	ok(fk.nfires == 2 && fbuf(0) && fbuf(0)->b_flags == 0x40,
	   "io: sendfile to a pipe: only the read of the file");
	close(p[0]);
	close(p[1]);

	/* copy_file_range(in, NULL, out, &off, 12, 0) */
	off = 3;
	ev = mksc(TGT_EV_SC_ENTRY, SYS_copy_file_range, (uint64_t)a->fd, 0,
		  (uint64_t)z->fd, (uint64_t)(uintptr_t)&off, 12, 0);
	fk_reset();
	prov_io.event(&host, &ev);
	ok(fk.nfires == 4 && ffile(2) && fbuf(2)->b_flags == 0x100 &&
		   ffile(2)->fi_offset == 3 && fbuf(0)->b_bcount == 12,
	   "io: copy_file_range: the write at *off_out (3)");
	ev.kind = TGT_EV_SC_EXIT;
	ev.ret = 12;
	fk_reset();
	prov_io.event(&host, &ev);
	ok(fk.nfires == 4 && fbuf(0) && fbuf(2) && fbuf(0)->b_resid == 0 &&
		   fbuf(2)->b_resid == 0 &&
		   !strcmp(fk.fires[0].p->name, "done"),
	   "io: copy_file_range done: both directions complete");
}

/* A file system without a block device: tmpfs, when /dev/shm is one. */
static void
test_io_tmpfs(void)
{
	const prov_devinfo_t *d;
	const prov_fileinfo_t *fi;
	struct tgt_event ev;
	struct statfs sf;
	struct tfile f;

	if (statfs("/dev/shm", &sf) < 0 || sf.f_type != TMPFS_MAGIC) {
		ok(1, "# SKIP /dev/shm is not a tmpfs");
		return;
	}
	tfile_open_in(&f, "/dev/shm", "x");
	ev = mksc(TGT_EV_SC_ENTRY, SYS_write, (uint64_t)f.fd,
		  (uint64_t)(uintptr_t) "y", 1, 0, 0, 0);
	fk_reset();
	prov_io.event(&host, &ev);
	d = fdev(0);
	fi = ffile(0);
	ok(d && fi && !strcmp(fi->fi_fs, "tmpfs") &&
		   !strcmp(fi->fi_mount, "/dev/shm") &&
		   !strcmp(d->dev_name, "tmpfs") && d->dev_major == 0 &&
		   (dev_t)d->dev_minor == minor(f.st.st_dev) &&
		   fi->fi_offset == 1,
	   "io: a tmpfs file: fi_fs and dev_name tmpfs, mounted at /dev/shm");
	tfile_close(&f);
}

static void
test_io(struct tgt *tg)
{
	static const char *const scs[] = {
		"read",	   "write",    "pread64",  "pwrite64",
		"readv",   "writev",   "preadv",   "pwritev",
		"preadv2", "pwritev2", "sendfile", "copy_file_range"
	};
	char content[101];
	struct prov_table t;
	struct vm_type ty[10];
	const char *names[10];
	struct tfile a, z;
	int all = 1;

	prov_table_init(&t);
	prov_io.populate(&t);
	is_int(t.n, 48, "io: 4 probes for each of 12 syscalls");
	for (size_t i = 0; i < sizeof(scs) / sizeof(scs[0]); i++) {
		struct probe *p =
			prov_probe_find(&t, "io", "vmlinux", scs[i], "start");

		if (!p || p->nr != arch_sc_lookup(scs[i]) ||
		    !prov_probe_find(&t, "io", "vmlinux", scs[i], "done") ||
		    !prov_probe_find(&t, "io", "vmlinux", scs[i],
				     "wait-start") ||
		    !prov_probe_find(&t, "io", "vmlinux", scs[i], "wait-done"))
			all = 0;
	}
	ok(all, "io: io:vmlinux:SYSCALL:start/done/wait-start/wait-done");
	ok(find(&t, "io", "vmlinux", "read", "start")->nr == SYS_read,
	   "io: read's probes carry read's number");
	is_int(prov_io.arg_types(t.probes[0], ty, names), 3,
	       "io: 3 typed args");
	ok(names[0] && names[1] && names[2] &&
		   !strcmp(names[0], "bufinfo_t *") &&
		   !strcmp(names[1], "devinfo_t *") &&
		   !strcmp(names[2], "fileinfo_t *"),
	   "io: bufinfo_t *, devinfo_t *, fileinfo_t *");

	fk_reset();
	prov_io.enable(&host, find(&t, "io", "vmlinux", "read", "start"));
	ok(fk.nwants == 1 && has_want(SYS_read, 1, 0, 1),
	   "io: start wants the entry stop only");
	fk_reset();
	prov_io.enable(&host, find(&t, "io", "vmlinux", "read", "done"));
	ok(fk.nwants == 1 && has_want(SYS_read, 1, 1, 1),
	   "io: done wants the exit stop too");
	enable_all(&prov_io, &t, "io");

	memset(content, 'a', 100);
	content[100] = '\0';
	tfile_open(&a, content);
	tfile_open(&z, "");
	host.tgt = tg;
	test_io_rw(&a);
	test_io_vec(&a, &z);
	test_io_tmpfs();
	host.tgt = NULL;
	tfile_close(&a);
	tfile_close(&z);
	fk_reset();
	disable_all(&prov_io, &t, "io");
	is_int(fk.nwants, 48, "io: disable gives every stop back");
	prov_table_release(&t);
}

int
main(void)
{
	struct tgt *tg = tgt_create(NULL);

	test_syscall();
	test_proc(tg);
	test_io(tg);
	tgt_destroy(tg);
	return done_testing();
}
