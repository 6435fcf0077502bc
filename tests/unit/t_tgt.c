/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the target layer (src/target/): real children of this
 * test, traced through tgt_spawn() (this same binary re-run with "child
 * ..." arguments, under our seccomp filter) or forked and seized with
 * tgt_attach() (PTRACE_SYSCALL mode). Every expected value is one the
 * child program itself knows: the number of calls of its loops, their
 * arguments, its exit status, the tids it wrote in shared memory, the
 * signals its handler counted. Linked against libudt_tgt.a, libudt_arch.a
 * and libudt_common.a only. Only processes this test started are traced.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/vec.h"
#include "target/tgt.h"
#include "tap.h"

#define OVR_VALUE 4242

/* ---- The children's programs -------------------------------------------- */

/* What forked children write for the test to check. */
struct shared {
	volatile pid_t thr_tid, fork_pid, vfork_pid, exec_tid;
	volatile int stop_spin;
	volatile int sigcount;
};

static struct shared *sh;

static long
loop_getppid(int n)
{
	long sum = 0;

	for (int i = 0; i < n; i++)
		sum += syscall(SYS_getppid);
	return sum;
}

static void
loop_close(int n)
{
	for (int i = 0; i < n; i++)
		close(1000 + i);
}

static int
count_overridden(int n)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		k += syscall(SYS_getppid) == OVR_VALUE;
	return k;
}

/* This binary run as a spawned child: argv = child MODE N. */
static int
child_main(int argc, char **argv)
{
	int n = argc > 3 ? atoi(argv[3]) : 0;

	if (argc < 3)
		return 2;
	if (strcmp(argv[2], "getppid") == 0)
		loop_getppid(n);
	else if (strcmp(argv[2], "close") == 0)
		loop_close(n);
	else if (strcmp(argv[2], "override") == 0)
		return count_overridden(n);
	else if (strcmp(argv[2], "exit") == 0)
		return n;
	else if (strcmp(argv[2], "spin") == 0)
		for (;;)
			loop_getppid(1);
	return 0;
}

static void *
thr_record(void *arg)
{
	(void)arg;
	sh->thr_tid = (pid_t)syscall(SYS_gettid);
	return NULL;
}

static void
body_events(void)
{
	pthread_t th;
	pid_t p;

	pthread_create(&th, NULL, thr_record, NULL);
	pthread_join(th, NULL);
	p = fork();
	if (p == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(99);
	}
	sh->fork_pid = p;
	waitpid(p, NULL, 0);
	p = vfork();
	if (p == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(99);
	}
	sh->vfork_pid = p;
	waitpid(p, NULL, 0);
}

static void
on_usr1(int sig)
{
	(void)sig;
	sh->sigcount++;
}

static int
body_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	for (int i = 0; i < 5; i++)
		raise(SIGUSR1);
	raise(SIGSTOP); /* the test sends SIGCONT */
	return sh->sigcount;
}

static void *
thr_exec(void *arg)
{
	(void)arg;
	sh->exec_tid = (pid_t)syscall(SYS_gettid);
	execl("/bin/true", "true", (char *)NULL);
	return NULL;
}

static void
body_thread_exec(void)
{
	pthread_t th;

	pthread_create(&th, NULL, thr_exec, NULL);
	for (;;)
		pause();
}

/* A checksum over syscalls, to be identical traced or not. */
static int
checksum(int n, pid_t ppid)
{
	unsigned sum = 0;

	for (int i = 0; i < n; i++) {
		pid_t p = (pid_t)syscall(SYS_getppid);

		sum = sum * 31 + (unsigned)i + (p == ppid);
		if (i % 1000 == 0) {
			struct timespec ts = { 0, 100000 };

			nanosleep(&ts, NULL);
		}
	}
	return (int)(sum % 251);
}

static void *
thr_checksum(void *arg)
{
	return (void *)(long)checksum(20000, *(pid_t *)arg);
}

static int
body_detach(void)
{
	pthread_t th;
	pid_t ppid = getppid();
	void *r;
	int a;

	pthread_create(&th, NULL, thr_checksum, &ppid);
	a = checksum(20000, ppid);
	pthread_join(th, &r);
	return (a + (int)(long)r) % 251;
}

static void *
thr_forever(void *arg)
{
	(void)arg;
	for (;;) {
		struct timespec ts = { 0, 1000000 };

		syscall(SYS_getppid);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

static void
body_killed(void)
{
	pthread_t th;

	pthread_create(&th, NULL, thr_forever, NULL);
	pthread_create(&th, NULL, thr_forever, NULL);
	for (;;)
		syscall(SYS_getppid);
}

static void
body_spin(void)
{
	while (!sh->stop_spin)
		;
}

/* 30 children (each exits with its index) and 10 threads, all at once. */
static void *
thr_short(void *arg)
{
	(void)arg;
	syscall(SYS_getppid);
	return NULL;
}

static int
body_forkmany(void)
{
	pthread_t th[10];
	pid_t kids[30];
	int sum = 0, st;

	for (int i = 0; i < 10; i++)
		pthread_create(&th[i], NULL, thr_short, NULL);
	for (int i = 0; i < 30; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			syscall(SYS_getppid);
			_exit(i);
		}
	}
	for (int i = 0; i < 30; i++)
		if (waitpid(kids[i], &st, 0) == kids[i] && WIFEXITED(st))
			sum += WEXITSTATUS(st);
	for (int i = 0; i < 10; i++)
		pthread_join(th[i], NULL);
	return sum % 256; /* 0 + 1 + ... + 29 = 435 */
}

/* The burst from a grandchild: a process we trace but did not fork, as
   under -p (its children's stops may come before its events). */
static int
body_nested(void)
{
	int st = 0;
	pid_t p = fork();

	if (p == 0)
		_exit(body_forkmany());
	waitpid(p, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 255;
}

static int
body_one_usr1(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	for (int i = 0; i < 100; i++)
		syscall(SYS_getppid);
	return sh->sigcount;
}

static int
body_stop_then_exit(void)
{
	raise(SIGSTOP);
	return 11;
}

static int
body_getppid_100(void)
{
	loop_getppid(100);
	return 0;
}

/* ---- The tracer side --------------------------------------------------- */

struct rec {
	VEC(struct tgt_event) ev;
	int override;	/* override getppid with OVR_VALUE */
	int gone;	/* GONE events */
	pid_t wait_pid; /* until_gone(): this one (0: any) */
	int detach_on;	/* tgt_detach_all() at this signal's stop */
	char exec_comm[16];
	pid_t exec_ppid;
};

static void
on_event(void *ctx, struct tgt *t, const struct tgt_event *ev)
{
	struct rec *r = ctx;

	VEC_PUSH(&r->ev, *ev);
	if (getenv("T_TGT_DEBUG"))
		diag("ev %d pid %d tid %d nr %ld ret %lld child %d old %d "
		     "status %#x last %d sig %d",
		     ev->kind, (int)ev->pid, (int)ev->tid, ev->nr,
		     (long long)ev->ret, (int)ev->child, (int)ev->oldtid,
		     ev->status, ev->last, ev->sig);
	if (ev->kind == TGT_EV_GONE)
		r->gone++;
	if (ev->kind == TGT_EV_EXEC && !r->exec_comm[0]) {
		const struct tgt_thread_info *ti = tgt_thread_info(t, ev->tid);

		if (ti) {
			snprintf(r->exec_comm, sizeof(r->exec_comm), "%s",
				 ti->comm);
			r->exec_ppid = ti->ppid;
		}
	}
	if (ev->kind == TGT_EV_SIGNAL && r->detach_on &&
	    ev->sig == r->detach_on) {
		tgt_detach_all(t, 0);
		return;
	}
	if (ev->kind == TGT_EV_SC_ENTRY && r->override && ev->nr == SYS_getppid)
		tgt_sc_override(t, ev->tid, OVR_VALUE);
}

static sigset_t chld;

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Dispatches until until(r) holds or ms pass; returns the stops handled. */
static long
run(struct tgt *t, struct rec *r, int (*until)(struct rec *), int ms)
{
	int64_t end = now_ms() + ms;
	long stops = 0;

	while (!until(r) && now_ms() < end) {
		int n = tgt_dispatch(t);

		if (n == 0) {
			struct timespec ts = { 0, 5000000 };

			sigtimedwait(&chld, NULL, &ts);
		}
		stops += n;
	}
	return stops;
}

static int gone_status(const struct rec *r, pid_t pid);

static int
until_gone(struct rec *r)
{
	if (r->wait_pid > 0)
		return gone_status(r, r->wait_pid) != -1;
	return r->gone > 0;
}

static struct tgt *
new_tgt(struct rec *r)
{
	struct tgt_callbacks cb = { on_event, r };

	memset(r, 0, sizeof(*r));
	return tgt_create(&cb);
}

static void
free_rec(struct rec *r)
{
	VEC_FREE(&r->ev);
}

static int
count(const struct rec *r, enum tgt_ev_kind kind, long nr)
{
	int n = 0;

	for (size_t i = 0; i < r->ev.n; i++)
		if (r->ev.v[i].kind == kind && (nr < 0 || r->ev.v[i].nr == nr))
			n++;
	return n;
}

static const struct tgt_event *
find(const struct rec *r, enum tgt_ev_kind kind, pid_t tid, size_t *at)
{
	for (size_t i = 0; i < r->ev.n; i++)
		if (r->ev.v[i].kind == kind &&
		    (tid <= 0 || r->ev.v[i].tid == tid)) {
			if (at)
				*at = i;
			return &r->ev.v[i];
		}
	return NULL;
}

static const struct tgt_event *
find_child(const struct rec *r, enum tgt_ev_kind kind, pid_t child, size_t *at)
{
	for (size_t i = 0; i < r->ev.n; i++)
		if (r->ev.v[i].kind == kind && r->ev.v[i].child == child) {
			*at = i;
			return &r->ev.v[i];
		}
	return NULL;
}

static int
gone_status(const struct rec *r, pid_t pid)
{
	for (size_t i = 0; i < r->ev.n; i++)
		if (r->ev.v[i].kind == TGT_EV_GONE && r->ev.v[i].pid == pid)
			return r->ev.v[i].status;
	return -1;
}

static void
want(struct tgt *t, long nr, int entry, int exit)
{
	uint8_t en[512] = { 0 }, ex[512] = { 0 };

	if (nr >= 0) {
		en[nr] = (uint8_t)entry;
		ex[nr] = (uint8_t)exit;
	}
	tgt_set_syscalls(t, en, ex, sizeof(en));
}

static char self_exe[4096];

static pid_t
spawn_self(struct tgt *t, const char *args)
{
	char cmd[8192], err[256];
	pid_t pid = -1;

	snprintf(cmd, sizeof(cmd), "%s child %s", self_exe, args);
	if (tgt_spawn(t, cmd, &pid, err, sizeof(err)) < 0) {
		diag("tgt_spawn: %s", err);
		return -1;
	}
	if (tgt_spawn_run(t, pid, err, sizeof(err)) < 0) {
		diag("tgt_spawn_run: %s", err);
		return -1;
	}
	return pid;
}

/* A forked child that waits for *go before running body. */
static pid_t
fork_body(int (*body)(void), int *go)
{
	int p[2];
	pid_t c;
	char b;

	if (pipe(p) < 0)
		return -1;
	c = fork();
	if (c == 0) {
		close(p[1]);
		if (read(p[0], &b, 1) != 1)
			_exit(98);
		_exit(body());
	}
	close(p[0]);
	*go = p[1];
	return c;
}

static void
go(int fd)
{
	if (write(fd, "g", 1) != 1)
		diag("go: %s", strerror(errno));
	close(fd);
}

static pid_t
attach_body(struct tgt *t, int (*body)(void))
{
	char err[256];
	int gofd = -1;
	pid_t c = fork_body(body, &gofd);

	if (tgt_attach(t, c, err, sizeof(err)) < 0) {
		diag("tgt_attach: %s", err);
		kill(c, SIGKILL);
		waitpid(c, NULL, 0);
		close(gofd);
		return -1;
	}
	go(gofd);
	return c;
}

/* ---- Tests ------------------------------------------------------------------ */

static void
test_spawn_filter(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	const struct tgt_event *e;
	long stops;
	int bad = 0;
	pid_t pid;

	want(t, SYS_getppid, 1, 1);
	pid = spawn_self(t, "getppid 100");
	ok(pid > 0, "spawn: started");
	ok(tgt_traced(t, pid), "spawn: traced");
	stops = run(t, &r, until_gone, 10000);
	is_int(count(&r, TGT_EV_SC_ENTRY, SYS_getppid), 100,
	       "filter: 100 getppid entries");
	is_int(count(&r, TGT_EV_SC_EXIT, SYS_getppid), 100,
	       "filter: 100 getppid exits");
	is_int(count(&r, TGT_EV_SC_ENTRY, -1), 100, "filter: nothing else");
	for (size_t i = 0; i < r.ev.n; i++)
		if (r.ev.v[i].kind == TGT_EV_SC_EXIT &&
		    r.ev.v[i].ret != getpid())
			bad++;
	is_int(bad, 0, "filter: getppid returns our pid");
	/* Exec, exit, gone, 200 syscall stops: PTRACE_SYSCALL mode would
	   stop twice at each of the start-up syscalls too. */
	ok(stops >= 200 && stops < 215, "filter: %ld stops, no others", stops);
	e = find(&r, TGT_EV_EXEC, pid, NULL);
	ok(e && e->oldtid == pid, "spawn: EXEC of the child");
	is_str(r.exec_comm, "t_tgt", "spawn: comm refreshed at exec");
	is_int(r.exec_ppid, getpid(), "spawn: ppid");
	is_int(count(&r, TGT_EV_PROC_START, -1), 0, "spawn: no PROC_START");
	e = find(&r, TGT_EV_EXIT, pid, NULL);
	ok(e && e->last == 1 && WIFEXITED(e->status) &&
		   WEXITSTATUS(e->status) == 0,
	   "spawn: EXIT last");
	is_int(gone_status(&r, pid), 0, "spawn: GONE, status 0");
	is_int(tgt_nprocs(t), 0, "spawn: nothing traced after");
	tgt_destroy(t);
	free_rec(&r);
}

static void
test_spawn_entry_only(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	int in_order = 1, k = 0;
	long stops;

	want(t, SYS_close, 1, 0);
	spawn_self(t, "close 50");
	stops = run(t, &r, until_gone, 10000);
	for (size_t i = 0; i < r.ev.n; i++) {
		const struct tgt_event *e = &r.ev.v[i];

		/* the dynamic loader's own close() calls come first */
		if (e->kind == TGT_EV_SC_ENTRY && e->args[0] >= 1000) {
			if (e->args[0] != (uint64_t)(1000 + k))
				in_order = 0;
			k++;
		}
	}
	is_int(k, 50, "entry only: 50 close(1000+i)");
	ok(in_order, "entry only: arguments in order");
	is_int(count(&r, TGT_EV_SC_EXIT, -1), 0, "entry only: no exits");
	ok(stops < count(&r, TGT_EV_SC_ENTRY, -1) + 10,
	   "entry only: one stop per call (%ld stops)", stops);
	tgt_destroy(t);
	free_rec(&r);
}

static void
test_spawn_override(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	int bad = 0;
	pid_t pid;

	want(t, SYS_getppid, 1, 1);
	r.override = 1;
	pid = spawn_self(t, "override 10");
	run(t, &r, until_gone, 10000);
	is_int(WEXITSTATUS(gone_status(&r, pid)), 10,
	       "override (filter): the child saw 10 x %d", OVR_VALUE);
	for (size_t i = 0; i < r.ev.n; i++)
		if (r.ev.v[i].kind == TGT_EV_SC_EXIT &&
		    r.ev.v[i].ret != OVR_VALUE)
			bad++;
	is_int(count(&r, TGT_EV_SC_EXIT, SYS_getppid), 10,
	       "override (filter): 10 exits");
	is_int(bad, 0, "override (filter): exits carry the value");
	tgt_destroy(t);
	free_rec(&r);
}

static void
test_spawn_errors(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	char err[256] = "";
	pid_t pid = 0;
	int64_t t0 = now_ms();

	is_int(tgt_spawn(t, "no-such-command-udt-test arg", &pid, err,
			 sizeof(err)),
	       -1, "spawn: missing command fails");
	is_str(err, "No such file or directory", "spawn: the reason");
	is_int(tgt_spawn(t, "/nonexistent/cmd", &pid, err, sizeof(err)), -1,
	       "spawn: missing path fails");
	ok(now_ms() - t0 < 1000, "spawn: failed at once");
	is_int(tgt_nprocs(t), 0, "spawn: nothing traced");
	is_int(tgt_attach(t, 0x3ffffff0, err, sizeof(err)), -1,
	       "attach: no such pid");
	is_str(err, "No such process", "attach: the reason");
	tgt_destroy(t);
	free_rec(&r);
}

static void
test_spawn_no_syscalls(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	long stops;
	pid_t pid;

	pid = spawn_self(t, "exit 3");
	stops = run(t, &r, until_gone, 10000);
	is_int(gone_status(&r, pid), 3 << 8, "no syscalls: exit status 3");
	is_int(count(&r, TGT_EV_SC_ENTRY, -1), 0, "no syscalls: no events");
	ok(stops <= 4, "no syscalls: only exec and exit stop (%ld)", stops);
	tgt_destroy(t);
	free_rec(&r);
}

static char proc_state(pid_t pid);
static pid_t tracer_of(pid_t pid);
static int until_stopped(struct rec *r);

static void
test_spawn_detach_kills_filtered(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	pid_t pid;

	want(t, SYS_getppid, 1, 0);
	pid = spawn_self(t, "spin 0");
	/* 100 ms at a time, up to 10 s: an emulated CPU (the aarch64 VM)
	   takes longer than 100 ms to reach the loop. */
	for (int i = 0; i < 100 && count(&r, TGT_EV_SC_ENTRY, SYS_getppid) == 0;
	     i++)
		run(t, &r, until_gone, 100);
	ok(count(&r, TGT_EV_SC_ENTRY, SYS_getppid) > 0,
	   "filtered detach: it ran");
	tgt_detach_all(t, 0);
	ok(kill(pid, 0) < 0 && errno == ESRCH,
	   "filtered detach: killed and reaped (state %c)", proc_state(pid));
	is_int(tgt_nprocs(t), 0, "filtered detach: nothing traced");
	tgt_detach_all(t, 0); /* idempotent */
	tgt_destroy(t);
	free_rec(&r);
}

static int
body_syscalls(void)
{
	loop_getppid(100);
	loop_close(100);
	return 7;
}

static void
test_attach_syscall_mode(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	int args_ok = 1, k = 0, ret_ok = 1;
	const struct tgt_event *e;
	uint8_t en[512] = { 0 }, ex[512] = { 0 };
	pid_t pid;

	en[SYS_getppid] = ex[SYS_getppid] = 1;
	en[SYS_close] = ex[SYS_close] = 1;
	tgt_set_syscalls(t, en, ex, sizeof(en));
	pid = attach_body(t, body_syscalls);
	ok(pid > 0, "attach: seized");
	run(t, &r, until_gone, 10000);
	is_int(count(&r, TGT_EV_SC_ENTRY, SYS_getppid), 100,
	       "ptrace mode: 100 getppid entries");
	is_int(count(&r, TGT_EV_SC_EXIT, SYS_getppid), 100,
	       "ptrace mode: 100 getppid exits");
	for (size_t i = 0; i < r.ev.n; i++) {
		e = &r.ev.v[i];
		if (e->nr != SYS_close || e->args[0] < 1000)
			continue;
		if (e->kind == TGT_EV_SC_ENTRY &&
		    e->args[0] != (uint64_t)(1000 + k++))
			args_ok = 0;
		if (e->kind == TGT_EV_SC_EXIT && e->ret != -EBADF)
			ret_ok = 0;
	}
	is_int(k, 100, "ptrace mode: 100 close(1000+i)");
	ok(args_ok, "ptrace mode: arguments");
	ok(ret_ok, "ptrace mode: -EBADF returned");
	is_int(count(&r, TGT_EV_PROC_START, -1), 0, "attach: no PROC_START");
	e = find(&r, TGT_EV_EXIT, pid, NULL);
	ok(e && e->last && e->status == 7 << 8, "attach: EXIT status 7");
	is_int(gone_status(&r, pid), 7 << 8, "attach: GONE status 7");
	tgt_destroy(t);
	free_rec(&r);
}

static int
body_events_main(void)
{
	body_events();
	return 0;
}

static void
test_events(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	const struct tgt_event *e;
	size_t a = 0, b = 0, c = 0, d = 0;
	pid_t pid;

	memset(sh, 0, sizeof(*sh));
	want(t, -1, 0, 0);
	pid = attach_body(t, body_events_main);
	r.wait_pid = pid;
	run(t, &r, until_gone, 10000);
	e = find_child(&r, TGT_EV_CLONE, sh->thr_tid, &a);
	ok(e && e->pid == pid, "events: CLONE of the thread");
	ok(find(&r, TGT_EV_THREAD_START, sh->thr_tid, &b) && a < b,
	   "events: THREAD_START after CLONE");
	e = find(&r, TGT_EV_EXIT, sh->thr_tid, &c);
	ok(e && !e->last && b < c, "events: the thread's EXIT, not last");
	e = find_child(&r, TGT_EV_FORK, sh->fork_pid, &a);
	ok(e && e->pid == pid && a > c, "events: FORK");
	e = find(&r, TGT_EV_PROC_START, sh->fork_pid, &b);
	ok(e && e->pid == sh->fork_pid && a < b,
	   "events: PROC_START after FORK");
	e = find(&r, TGT_EV_EXEC, sh->fork_pid, &c);
	ok(e && b < c, "events: the child's EXEC");
	e = find(&r, TGT_EV_EXIT, sh->fork_pid, &d);
	ok(e && e->last && c < d, "events: the child's EXIT");
	is_int(gone_status(&r, sh->fork_pid), 0, "events: child GONE");
	e = find_child(&r, TGT_EV_FORK, sh->vfork_pid, &a);
	ok(e && a > d, "events: vfork is a FORK");
	ok(find(&r, TGT_EV_PROC_START, sh->vfork_pid, &b) && a < b,
	   "events: vfork child's PROC_START");
	ok(find(&r, TGT_EV_EXEC, sh->vfork_pid, &c) && b < c,
	   "events: vfork child's EXEC");
	is_int(gone_status(&r, sh->vfork_pid), 0, "events: vfork child GONE");
	e = find(&r, TGT_EV_EXIT, pid, &d);
	ok(e && e->last, "events: the parent's EXIT last");
	is_int(gone_status(&r, pid), 0, "events: parent GONE last");
	ok(r.ev.n && r.ev.v[r.ev.n - 1].kind == TGT_EV_GONE &&
		   r.ev.v[r.ev.n - 1].pid == pid,
	   "events: the parent's GONE is the last event");
	is_int(r.gone, 3, "events: three processes gone");
	tgt_destroy(t);
	free_rec(&r);
}

static int
until_stopped(struct rec *r)
{
	for (size_t i = 0; i < r->ev.n; i++)
		if (r->ev.v[i].kind == TGT_EV_SIGNAL &&
		    r->ev.v[i].sig == SIGSTOP)
			return 1;
	return 0;
}

static char
proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return '?';
	buf[0] = '\0';
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	p = strrchr(buf, ')');
	return p && p[1] ? p[2] : '?';
}

static void
test_signals(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	int usr1 = 0, code_ok = 1, stayed = 1;
	pid_t pid;

	memset(sh, 0, sizeof(*sh));
	want(t, SYS_getppid, 1, 0); /* PTRACE_SYSCALL mode */
	pid = attach_body(t, body_signals);
	run(t, &r, until_stopped, 10000);
	for (size_t i = 0; i < r.ev.n; i++)
		if (r.ev.v[i].kind == TGT_EV_SIGNAL &&
		    r.ev.v[i].sig == SIGUSR1) {
			usr1++;
			if (r.ev.v[i].si.si_code != SI_TKILL ||
			    r.ev.v[i].si.si_pid != pid)
				code_ok = 0;
		}
	is_int(usr1, 5, "signals: 5 SIGUSR1 seen");
	ok(code_ok, "signals: siginfo from the child's tgkill");
	/* The group-stop holds while we keep dispatching. */
	for (int i = 0; i < 20; i++) {
		struct timespec ts = { 0, 10000000 };

		tgt_dispatch(t);
		nanosleep(&ts, NULL);
		if (i >= 5 && proc_state(pid) != 't' && proc_state(pid) != 'T')
			stayed = 0;
	}
	ok(stayed, "signals: SIGSTOP stops it (state %c)", proc_state(pid));
	kill(pid, SIGCONT);
	run(t, &r, until_gone, 10000);
	is_int(gone_status(&r, pid), 5 << 8,
	       "signals: the handler ran 5 times, exit after SIGCONT");
	tgt_destroy(t);
	free_rec(&r);
}

static int
body_override(void)
{
	return count_overridden(10);
}

static void
test_attach_override(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	int bad = 0;
	pid_t pid;

	want(t, SYS_getppid, 1, 0); /* no exit asked: forced for the value */
	r.override = 1;
	pid = attach_body(t, body_override);
	run(t, &r, until_gone, 10000);
	is_int(WEXITSTATUS(gone_status(&r, pid)), 10,
	       "override (ptrace): the child saw 10 x %d", OVR_VALUE);
	is_int(count(&r, TGT_EV_SC_EXIT, -1), 0,
	       "override (ptrace): no exit event asked, none sent");
	for (size_t i = 0; i < r.ev.n; i++)
		bad += r.ev.v[i].kind == TGT_EV_SC_ENTRY &&
		       r.ev.v[i].nr != SYS_getppid;
	is_int(bad, 0, "override (ptrace): only getppid");
	tgt_destroy(t);
	free_rec(&r);
}

static int
until_100(struct rec *r)
{
	return count(r, TGT_EV_SC_ENTRY, SYS_getppid) >= 100;
}

static pid_t
tracer_of(pid_t pid)
{
	char path[64], buf[4096], *p;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	p = strstr(buf, "TracerPid:");
	return p ? atoi(p + 10) : -1;
}

static void
test_detach(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	unsigned sum = 0;
	int status = 0, expect;
	pid_t pid;

	want(t, SYS_getppid, 1, 1);
	pid = attach_body(t, body_detach);
	run(t, &r, until_100, 10000);
	ok(until_100(&r), "detach: traced for a while");
	tgt_detach_all(t, 0);
	is_int(tgt_nprocs(t), 0, "detach: nothing traced");
	is_int(tracer_of(pid), 0, "detach: TracerPid 0");
	is_int(r.gone, 0, "detach: no GONE");
	waitpid(pid, &status, 0);
	/* What each of its threads computes when getppid() is right. */
	for (int i = 0; i < 20000; i++)
		sum = sum * 31 + (unsigned)i + 1;
	expect = (int)((sum % 251) * 2 % 251);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == expect,
	   "detach: the child finished with the right checksum (%d, want %d)",
	   WEXITSTATUS(status), expect);
	tgt_destroy(t);
	free_rec(&r);
}

static int
body_killed_main(void)
{
	body_killed();
	return 0;
}

static void
test_killed(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	int lasts = 0;
	pid_t pid;

	want(t, SYS_getppid, 1, 1);
	pid = attach_body(t, body_killed_main);
	run(t, &r, until_100, 10000);
	kill(pid, SIGKILL);
	run(t, &r, until_gone, 10000);
	ok(WIFSIGNALED(gone_status(&r, pid)) &&
		   WTERMSIG(gone_status(&r, pid)) == SIGKILL,
	   "killed: GONE by SIGKILL");
	for (size_t i = 0; i < r.ev.n; i++)
		lasts += r.ev.v[i].kind == TGT_EV_EXIT && r.ev.v[i].last;
	is_int(lasts, 1, "killed: one last EXIT");
	is_int(count(&r, TGT_EV_THREAD_START, -1), 2, "killed: two threads");
	is_int(tgt_nprocs(t), 0, "killed: nothing traced");
	tgt_dispatch(t);
	is_int(r.gone, 1, "killed: GONE once");
	tgt_destroy(t);
	free_rec(&r);
}

static int
body_thread_exec_main(void)
{
	body_thread_exec();
	return 0;
}

static void
test_thread_exec(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	const struct tgt_event *e;
	pid_t pid;

	memset(sh, 0, sizeof(*sh));
	want(t, SYS_execve, 1, 1);
	pid = attach_body(t, body_thread_exec_main);
	run(t, &r, until_gone, 10000);
	e = find(&r, TGT_EV_EXEC, pid, NULL);
	ok(e && sh->exec_tid != pid && e->oldtid == sh->exec_tid,
	   "thread exec: EXEC in the leader's tid, oldtid the thread's");
	e = find(&r, TGT_EV_SC_ENTRY, sh->exec_tid, NULL);
	ok(e && e->nr == SYS_execve, "thread exec: execve entry in the thread");
	e = find(&r, TGT_EV_SC_EXIT, pid, NULL);
	ok(e && e->nr == SYS_execve && e->ret == 0,
	   "thread exec: execve returns 0 in the leader's tid");
	is_str(r.exec_comm, "true", "thread exec: comm");
	is_int(gone_status(&r, pid), 0, "thread exec: /bin/true exits 0");
	is_int(tgt_nprocs(t), 0, "thread exec: nothing left");
	tgt_destroy(t);
	free_rec(&r);
}

static int
until_sample(struct rec *r)
{
	return count(r, TGT_EV_SAMPLE, -1) > 0;
}

static int
pc_in_text(pid_t pid, uint64_t pc)
{
	char path[64], line[512];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char perm[8];

		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perm) == 3 &&
		    perm[2] == 'x' && pc >= lo && pc < hi)
			found = 1;
	}
	fclose(f);
	return found;
}

static int
body_spin_main(void)
{
	body_spin();
	return 0;
}

static void
test_sample(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	const struct tgt_event *e;
	pid_t pid;

	memset(sh, 0, sizeof(*sh));
	want(t, -1, 0, 0);
	pid = attach_body(t, body_spin_main);
	tgt_sample(t);
	run(t, &r, until_sample, 5000);
	e = find(&r, TGT_EV_SAMPLE, pid, NULL);
	ok(e && pc_in_text(pid, e->pc), "sample: the PC is in the text");
	sh->stop_spin = 1;
	run(t, &r, until_gone, 10000);
	is_int(gone_status(&r, pid), 0, "sample: the child went on");
	tgt_destroy(t);
	free_rec(&r);
}

static int
until_n_gone(struct rec *r)
{
	return r->gone >= r->wait_pid;
}

static void
forkmany(int nested, int lazy)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	int order = 1, forks = 0, starts = 0, tstarts = 0, sum = 0;
	pid_t pid, burst;

	want(t, SYS_getppid, 1, 1);
	pid = attach_body(t, nested ? body_nested : body_forkmany);
	if (lazy) {
		/* Let the stops pile up: children before their parents. */
		struct timespec ts = { 0, 50000000 };

		for (int i = 0; i < 40; i++) {
			nanosleep(&ts, NULL);
			tgt_dispatch(t);
		}
	}
	r.wait_pid = 31 + nested; /* until_n_gone: the children, parents */
	run(t, &r, until_n_gone, 20000);
	burst = pid;
	for (size_t i = 0; nested && i < r.ev.n; i++)
		if (r.ev.v[i].kind == TGT_EV_FORK && r.ev.v[i].pid == pid)
			burst = r.ev.v[i].child;
	for (size_t i = 0; i < r.ev.n; i++) {
		const struct tgt_event *e = &r.ev.v[i];
		size_t at = 0;

		if (e->kind == TGT_EV_FORK) {
			forks++;
			if (e->pid == burst && gone_status(&r, e->child) >= 0)
				sum += WEXITSTATUS(gone_status(&r, e->child));
		}
		if (e->kind == TGT_EV_THREAD_START) {
			tstarts++;
			if (!find_child(&r, TGT_EV_CLONE, e->tid, &at) ||
			    at > i)
				order = 0;
		}
		if (e->kind == TGT_EV_PROC_START) {
			starts++;
			if (!find_child(&r, TGT_EV_FORK, e->pid, &at) || at > i)
				order = 0;
		}
	}
	diag("fork burst (nested %d, lazy %d)", nested, lazy);
	is_int(forks, 30 + nested, "fork burst: every FORK");
	is_int(starts, 30 + nested, "fork burst: every PROC_START");
	is_int(tstarts, 10, "fork burst: 10 THREAD_START");
	ok(order, "fork burst: every START after its FORK/CLONE");
	is_int(sum, 435, "fork burst: the children's statuses");
	is_int(count(&r, TGT_EV_SC_ENTRY, SYS_getppid), 40,
	       "fork burst: 40 getppid, in children and threads");
	is_int(gone_status(&r, pid), (435 % 256) << 8,
	       "fork burst: the parent saw every child");
	is_int(tgt_nprocs(t), 0, "fork burst: nothing left");
	tgt_destroy(t);
	free_rec(&r);
}

static void
test_forkmany(void)
{
	forkmany(0, 0);
	forkmany(1, 0);
	forkmany(1, 1);
}

static void
test_detach_in_callback(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	int status = 0;
	pid_t pid;

	memset(sh, 0, sizeof(*sh));
	want(t, SYS_getppid, 1, 1);
	r.detach_on = SIGUSR1;
	pid = attach_body(t, body_one_usr1);
	run(t, &r, until_gone, 500);
	is_int(tgt_nprocs(t), 0, "detach in callback: nothing traced");
	is_int(count(&r, TGT_EV_SIGNAL, -1), 1,
	       "detach in callback: at SIGUSR1");
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 1,
	   "detach in callback: the held signal was delivered (status %#x)",
	   status);
	tgt_destroy(t);
	free_rec(&r);
}

static void
test_detach_stopped(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	int status = 0, stopped = 1;
	pid_t pid;

	want(t, SYS_getppid, 1, 0);
	pid = attach_body(t, body_stop_then_exit);
	run(t, &r, until_stopped, 5000);
	tgt_detach_all(t, 0);
	is_int(tracer_of(pid), 0, "detach stopped: untraced");
	for (int i = 0; i < 10; i++) {
		struct timespec ts = { 0, 10000000 };

		nanosleep(&ts, NULL);
		if (proc_state(pid) != 'T')
			stopped = 0;
	}
	ok(stopped, "detach stopped: still stopped (%c)", proc_state(pid));
	kill(pid, SIGCONT);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 11,
	   "detach stopped: runs on after SIGCONT");
	tgt_destroy(t);
	free_rec(&r);
}

static void
test_remode(void)
{
	struct rec r;
	struct tgt *t;
	char err[256];
	int gofd = -1;
	pid_t pid;

	pid = fork_body(body_getppid_100, &gofd);
	t = new_tgt(&r);
	want(t, -1, 0, 0);
	ok(tgt_attach(t, pid, err, sizeof(err)) == 0, "remode: attached");
	want(t, SYS_getppid, 1, 0); /* now it must stop at syscalls */
	run(t, &r, until_gone, 50);
	go(gofd);
	r.wait_pid = pid;
	run(t, &r, until_gone, 10000);
	is_int(count(&r, TGT_EV_SC_ENTRY, SYS_getppid), 100,
	       "remode: 100 getppid after the syscall set changed");
	is_int(gone_status(&r, pid), 0, "remode: exit 0");
	tgt_destroy(t);
	free_rec(&r);
}

/*
 * Every process: inside a fresh PID namespace (this binary as its pid 1),
 * where every process is one of ours.
 */
static int
all_mode_main(void)
{
	struct rec r;
	struct tgt *t;
	unsigned nat = 0, nsk = 0;
	char why[256] = "";
	int gofd[3], status;
	pid_t kids[3];

	printf("1..5\n");
	for (int i = 0; i < 3; i++)
		kids[i] = fork_body(body_getppid_100, &gofd[i]);
	t = new_tgt(&r);
	want(t, SYS_getppid, 1, 1);
	printf("%sok 1 - all: attach_all\n",
	       tgt_attach_all(t, &nat, &nsk, why, sizeof(why)) == 0 ? "" :
								      "not ");
	printf("%sok 2 - all: 3 attached (%u), 1 skipped (%u: %s)\n",
	       nat == 3 && nsk == 1 ? "" : "not ", nat, nsk, why);
	for (int i = 0; i < 3; i++)
		go(gofd[i]);
	r.wait_pid = 3;
	run(t, &r, until_n_gone, 10000);
	printf("%sok 3 - all: 300 getppid (%d)\n",
	       count(&r, TGT_EV_SC_ENTRY, SYS_getppid) == 300 ? "" : "not ",
	       count(&r, TGT_EV_SC_ENTRY, SYS_getppid));
	printf("%sok 4 - all: all gone\n", tgt_nprocs(t) == 0 ? "" : "not ");
	tgt_destroy(t);
	free_rec(&r);
	status = 0;
	for (int i = 0; i < 3; i++)
		status |= waitpid(kids[i], NULL, WNOHANG) > 0;
	printf("%sok 5 - all: reaped by us, the tracer\n",
	       status == 0 ? "" : "not ");
	fflush(stdout);
	return 0;
}

static void
test_attach_all(void)
{
	char cmd[8192], line[512];
	FILE *f;
	int seen = 0;

	if (geteuid() != 0 || access("/usr/bin/unshare", X_OK) != 0) {
		ok(1, "attach_all # SKIP needs root and unshare(1)");
		return;
	}
	snprintf(cmd, sizeof(cmd),
		 "/usr/bin/unshare --pid --fork --mount-proc %s all 2>&1",
		 self_exe);
	f = popen(cmd, "r");
	if (!f) {
		ok(0, "attach_all: popen");
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "ok ", 3) == 0 ||
		    strncmp(line, "not ok ", 7) == 0) {
			const char *d = strstr(line, " - ");

			ok(line[0] == 'o', "%s", d ? d + 3 : line);
			seen++;
		} else if (line[0] && strncmp(line, "1..", 3) != 0) {
			diag("%s", line);
		}
	}
	pclose(f);
	is_int(seen, 5, "attach_all: every check ran");
}

/* A child of ours that we do not trace is never reaped by the loop. */
static void
test_foreign(void)
{
	struct rec r;
	struct tgt *t = new_tgt(&r);
	int status = 0;
	pid_t other, pid;

	other = fork();
	if (other == 0)
		_exit(42);
	while (proc_state(other) != 'Z')
		; /* a zombie all along the trace below */
	want(t, SYS_getppid, 1, 1);
	pid = attach_body(t, body_syscalls);
	r.wait_pid = pid;
	run(t, &r, until_gone, 10000);
	is_int(gone_status(&r, pid), 7 << 8,
	       "foreign zombie: ours still reaped");
	is_int(count(&r, TGT_EV_SC_ENTRY, SYS_getppid), 100,
	       "foreign zombie: ours fully traced");
	is_int(waitpid(other, &status, WNOHANG), other,
	       "foreign zombie: left to its owner");
	is_int(status, 42 << 8, "foreign zombie: with its status");
	tgt_destroy(t);
	free_rec(&r);
}

/* A tracer that dies takes its -c child with it (PTRACE_O_EXITKILL). */
static void
test_exitkill(void)
{
	int p[2], dead = 0;
	pid_t tracer, victim = 0;

	if (pipe(p) < 0)
		return;
	tracer = fork();
	if (tracer == 0) {
		struct rec r;
		struct tgt *t = new_tgt(&r);
		pid_t c;

		close(p[0]);
		want(t, SYS_getppid, 1, 0);
		c = spawn_self(t, "spin 0");
		if (write(p[1], &c, sizeof(c)) != (ssize_t)sizeof(c))
			_exit(1);
		run(t, &r, until_gone, 50);
		_exit(0); /* no detach: the kernel kills the child */
	}
	close(p[1]);
	if (read(p[0], &victim, sizeof(victim)) != (ssize_t)sizeof(victim))
		victim = 0;
	close(p[0]);
	waitpid(tracer, NULL, 0);
	for (int i = 0; i < 200 && victim > 0 && !dead; i++) {
		struct timespec ts = { 0, 10000000 };

		dead = kill(victim, 0) < 0 && errno == ESRCH;
		if (!dead)
			nanosleep(&ts, NULL);
	}
	ok(victim > 0 && dead, "exitkill: the -c child died with its tracer");
}

/* Seizing a stopped process: it stays stopped, and runs traced after
   SIGCONT. */
static void
test_attach_stopped(void)
{
	struct rec r;
	struct tgt *t;
	char err[256];
	int gofd = -1, stopped = 1;
	int64_t t0;
	pid_t pid;

	pid = fork_body(body_getppid_100, &gofd);
	kill(pid, SIGSTOP);
	while (proc_state(pid) != 'T')
		;
	t = new_tgt(&r);
	want(t, SYS_getppid, 1, 0);
	t0 = now_ms();
	ok(tgt_attach(t, pid, err, sizeof(err)) == 0, "stopped: attached");
	ok(now_ms() - t0 < 1000, "stopped: at once");
	go(gofd);
	for (int i = 0; i < 10; i++) {
		struct timespec ts = { 0, 10000000 };

		tgt_dispatch(t);
		nanosleep(&ts, NULL);
		if (proc_state(pid) != 't' && proc_state(pid) != 'T')
			stopped = 0;
	}
	ok(stopped, "stopped: stays stopped");
	kill(pid, SIGCONT);
	r.wait_pid = pid;
	run(t, &r, until_gone, 10000);
	is_int(count(&r, TGT_EV_SC_ENTRY, SYS_getppid), 100,
	       "stopped: traced after SIGCONT");
	is_int(gone_status(&r, pid), 0, "stopped: exit 0");
	tgt_destroy(t);
	free_rec(&r);
}

/* Ends as soon as it is traced: during tgt_attach(). */
static int
body_exit_when_traced(void)
{
	while (tracer_of(getpid()) <= 0)
		;
	return 5;
}

static void
test_attach_exiting(void)
{
	struct rec r;
	struct tgt *t;
	char err[256];
	int gofd = -1, rc;
	pid_t pid;

	pid = fork_body(body_exit_when_traced, &gofd);
	go(gofd);
	t = new_tgt(&r);
	rc = tgt_attach(t, pid, err, sizeof(err));
	ok(rc == 0, "ends during attach: attached all the same");
	is_int(r.gone, 0, "ends during attach: GONE not during tgt_attach");
	r.wait_pid = pid;
	run(t, &r, until_gone, 5000);
	is_int(gone_status(&r, pid), 5 << 8,
	       "ends during attach: GONE from tgt_dispatch");
	is_int(tgt_nprocs(t), 0, "ends during attach: nothing left");
	tgt_destroy(t);
	free_rec(&r);
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "errors", test_spawn_errors },
	{ "filter", test_spawn_filter },
	{ "entryonly", test_spawn_entry_only },
	{ "spawnoverride", test_spawn_override },
	{ "nosyscalls", test_spawn_no_syscalls },
	{ "killfiltered", test_spawn_detach_kills_filtered },
	{ "syscallmode", test_attach_syscall_mode },
	{ "events", test_events },
	{ "signals", test_signals },
	{ "attachoverride", test_attach_override },
	{ "detach", test_detach },
	{ "killed", test_killed },
	{ "threadexec", test_thread_exec },
	{ "sample", test_sample },
	{ "forkmany", test_forkmany },
	{ "detachcb", test_detach_in_callback },
	{ "detachstopped", test_detach_stopped },
	{ "remode", test_remode },
	{ "attachall", test_attach_all },
	{ "foreign", test_foreign },
	{ "exitkill", test_exitkill },
	{ "attachstopped", test_attach_stopped },
	{ "attachexiting", test_attach_exiting },
};

int
main(int argc, char **argv)
{
	/* T_TGT_ONLY="a,b": run only the tests so named (debugging). */
	const char *only = getenv("T_TGT_ONLY");
	int mode_all = 0;
	ssize_t n;

	/* _exit: a sanitizer's exit-time checks cannot run traced. */
	if (argc > 1 && strcmp(argv[1], "child") == 0)
		_exit(child_main(argc, argv));
	if (argc > 1 && strcmp(argv[1], "all") == 0)
		mode_all = 1;
	/* Never hang a test run: our -c children die with us (EXITKILL),
	   the attached ones run their finite programs to the end. */
	alarm(120);
	n = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	if (n <= 0)
		return 99;
	self_exe[n] = '\0';
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 99;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	if (mode_all)
		return all_mode_main();

	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		if (!only || strstr(only, tests[i].name))
			tests[i].fn();
	return done_testing();
}
