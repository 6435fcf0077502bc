/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the target layer's breakpoints (src/target/tgt_bkpt.c):
 * real children of this test running tests/unit/bkpt_prog (built without
 * sanitizers), seized with tgt_attach(). The program tells the test where
 * its probed instructions are, checks every result it computes and
 * reports its own call counts: the expected hit counts, arguments and
 * return values are those the program passed and computed. Only
 * processes this test started are traced.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/mman.h>
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/vec.h"
#include "target/tgt.h"
#include "tap.h"

enum { A_SUM8, A_PUSH, A_RIP, A_RET, A_OUTER, A_OUTER_CALL, NADDR };

struct tracee {
	pid_t pid;
	int info, go;
	uint64_t a[NADDR];
};

struct hit {
	pid_t pid, tid;
	uint64_t pc;
	uint64_t arg[8];
	uint64_t ret;
	int rc;
};

struct rec {
	VEC(struct hit) hits;
	const struct tracee *tr;
	pid_t wait_pid;
	int gone_status;
	int gone;
	int sigtrap; /* SIGTRAP signal events: never expected */
	int bad_pc;  /* hits where the thread's own pc was not the address */
	int signals; /* other signal events */
	int clear_child;
	int hold_first;
	pid_t held;
	long del_after;	   /* delete the breakpoints at this many hits */
	long detach_after; /* tgt_detach_all() in the callback at this hit */
	int detached;
	int deleted;
	int del_rc;
	pid_t exec_pid;
	long exec_count, exec_parent_count;
	long start_count; /* tgt_bkpt_count() of a fork child at its start */
	int mmaps;	  /* SC_ENTRY of mmap */
	int sc_mark;	  /* count the mmap events below from now on */
	int scratch_seen; /* sc_mark: a scratch page seen during a hit */
	int exec_mmaps;	  /* SC_ENTRY of mmap(PROT_EXEC, MAP_ANONYMOUS) */
};

static char prog[PATH_MAX];

/* Whether pid has an anonymous executable mapping (our scratch page). */
static int
anon_exec(pid_t pid)
{
	char path[64], line[1024];
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		char perms[8];
		unsigned long long ino;

		if (sscanf(line, "%*s %7s %*s %*s %llu", perms, &ino) == 2 &&
		    perms[2] == 'x' && ino == 0 && strstr(line, "[v") == NULL)
			found = 1;
	}
	fclose(f);
	return found;
}
static sigset_t chld;

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
on_event(void *ctx, struct tgt *t, const struct tgt_event *ev)
{
	struct rec *r = ctx;
	const struct tracee *tr = r->tr;

	switch (ev->kind) {
	case TGT_EV_BKPT: {
		struct hit h;

		memset(&h, 0, sizeof(h));
		h.pid = ev->pid;
		h.tid = ev->tid;
		h.pc = ev->pc;
#if defined(__x86_64__)
		/* What a reader of the thread itself (an unwinder) sees,
		   once the registers are synced for it. */
		h.rc |= tgt_sync_regs(t, ev->tid);
		errno = 0;
		if ((uint64_t)ptrace(PTRACE_PEEKUSER, ev->tid,
				     offsetof(struct user_regs_struct, rip),
				     NULL) != ev->pc ||
		    errno)
			r->bad_pc++;
#endif
		if (ev->pc == tr->a[A_SUM8])
			h.rc |= tgt_call_args(t, ev->tid, h.arg, 8);
		if (ev->pc == tr->a[A_RET])
			h.rc |= tgt_call_ret(t, ev->tid, &h.ret);
		VEC_PUSH(&r->hits, h);
		if (r->sc_mark && !r->scratch_seen && r->hits.n > 20)
			r->scratch_seen = anon_exec(ev->pid);
		if (r->hold_first && !r->held) {
			tgt_hold(t, ev->tid, 0);
			r->held = ev->tid;
		}
		if (r->detach_after && (long)r->hits.n == r->detach_after) {
			tgt_detach_all(t, 0);
			r->detached = 1;
			return;
		}
		if (r->del_after && (long)r->hits.n == r->del_after) {
			for (int i = 0; i < NADDR; i++)
				if (tgt_bkpt_del(t, ev->pid, tr->a[i]) == 0)
					r->deleted++;
			r->del_rc = tgt_bkpt_del(t, ev->pid, tr->a[A_SUM8]);
		}
		break;
	}
	case TGT_EV_SC_ENTRY:
		r->mmaps += ev->nr == SYS_mmap;
		/* The program maps no executable anonymous memory: such an
		   mmap would be our scratch page's. */
		if (r->sc_mark && ev->nr == SYS_mmap &&
		    (ev->args[2] & PROT_EXEC) && (ev->args[3] & MAP_ANONYMOUS))
			r->exec_mmaps++;
		break;
	case TGT_EV_SIGNAL:
		if (ev->sig == SIGTRAP)
			r->sigtrap++;
		else
			r->signals++;
		break;
	case TGT_EV_FORK:
		if (r->clear_child)
			tgt_bkpt_clear(t, ev->child);
		break;
	case TGT_EV_PROC_START:
		r->start_count = (long)tgt_bkpt_count(t, ev->pid);
		break;
	case TGT_EV_EXEC:
		r->exec_pid = ev->pid;
		r->exec_count = (long)tgt_bkpt_count(t, ev->pid);
		r->exec_parent_count = (long)tgt_bkpt_count(t, tr->pid);
		break;
	case TGT_EV_GONE:
		if (ev->pid == r->wait_pid) {
			r->gone = 1;
			r->gone_status = ev->status;
		}
		break;
	default:
		break;
	}
}

static struct tgt *
new_tgt(struct rec *r, const struct tracee *tr)
{
	struct tgt_callbacks cb = { on_event, r };

	memset(r, 0, sizeof(*r));
	r->tr = tr;
	r->wait_pid = tr->pid;
	r->gone_status = -1;
	return tgt_create(&cb);
}

/* Dispatches until the tracee is gone or ms pass. */
static void
run(struct tgt *t, struct rec *r, int ms)
{
	int64_t end = now_ms() + ms;

	while (!r->gone && now_ms() < end) {
		if (tgt_dispatch(t) == 0) {
			struct timespec ts = { 0, 5000000 };

			sigtimedwait(&chld, NULL, &ts);
		}
	}
}

static int
high_fd(int fd)
{
	int h = fcntl(fd, F_DUPFD_CLOEXEC, 10);

	close(fd);
	return h;
}

static int read_addrs(struct tracee *tr);

/* Starts bkpt_prog MODE N NTHR and reads its addresses. 0 or -1. */
static int
launch(struct tracee *tr, const char *mode, long n, int nthr)
{
	int info[2], go[2];
	char ns[32], ts[32];

	memset(tr, 0, sizeof(*tr));
	if (pipe(info) < 0 || pipe(go) < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		info[i] = high_fd(info[i]);
		go[i] = high_fd(go[i]);
	}
	snprintf(ns, sizeof(ns), "%ld", n);
	snprintf(ts, sizeof(ts), "%d", nthr);
	tr->pid = fork();
	if (tr->pid == 0) {
		dup2(info[1], 3);
		dup2(go[0], 4);
		execl(prog, "bkpt_prog", mode, ns, ts, (char *)NULL);
		_exit(127);
	}
	close(info[1]);
	close(go[0]);
	tr->info = info[0];
	tr->go = go[1];
	return read_addrs(tr);
}

/* The program's first line: its addresses. 0 or -1. */
static int
read_addrs(struct tracee *tr)
{
	char buf[512];
	size_t got = 0;

	while (got < sizeof(buf) - 1) {
		ssize_t k = read(tr->info, buf + got, 1);

		if (k <= 0)
			break;
		if (buf[got++] == '\n')
			break;
	}
	buf[got] = '\0';
	{
		unsigned long long v[NADDR];

		if (sscanf(buf, "%llx %llx %llx %llx %llx %llx", &v[0], &v[1],
			   &v[2], &v[3], &v[4], &v[5]) != NADDR) {
			diag("bkpt_prog said \"%s\"", buf);
			return -1;
		}
		for (int i = 0; i < NADDR; i++)
			tr->a[i] = v[i];
	}
	return 0;
}

static void
go(struct tracee *tr)
{
	if (write(tr->go, "g", 1) != 1)
		diag("go: %s", strerror(errno));
}

/* The program's last line: calls=N extra=M bad=B. */
static void
results(struct tracee *tr, long *calls, long *extra, long *bad)
{
	char buf[256];
	ssize_t k;
	size_t got = 0;

	*calls = *extra = *bad = -1;
	while (got < sizeof(buf) - 1 &&
	       (k = read(tr->info, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)k;
	buf[got] = '\0';
	sscanf(buf, "calls=%ld extra=%ld bad=%ld", calls, extra, bad);
	close(tr->info);
	close(tr->go);
}

static struct tgt *
attach(struct rec *r, struct tracee *tr)
{
	struct tgt *t = new_tgt(r, tr);
	char err[256];

	if (tgt_attach(t, tr->pid, err, sizeof(err)) < 0) {
		diag("tgt_attach: %s", err);
		kill(tr->pid, SIGKILL);
		waitpid(tr->pid, NULL, 0);
		tr->pid = -1;
	}
	return t;
}

static int
plant(struct tgt *t, const struct tracee *tr, const int *which, int n)
{
	char err[256];
	int fails = 0;

	for (int i = 0; i < n; i++)
		if (tgt_bkpt_add(t, tr->pid, tr->a[which[i]], err,
				 sizeof(err)) < 0) {
			diag("tgt_bkpt_add: %s", err);
			fails++;
		}
	return fails;
}

static long
hits_at(const struct rec *r, uint64_t pc, pid_t pid)
{
	long n = 0;

	for (size_t i = 0; i < r->hits.n; i++)
		if (r->hits.v[i].pc == pc &&
		    (pid <= 0 || r->hits.v[i].pid == pid))
			n++;
	return n;
}

static void
finish(struct tgt *t, struct rec *r)
{
	tgt_destroy(t);
	VEC_FREE(&r->hits);
}

/* ---- Tests ---------------------------------------------------------- */

static const int all5[] = { A_SUM8, A_PUSH, A_RIP, A_RET, A_OUTER_CALL };

static void
test_loop(void)
{
	struct tracee tr;
	struct rec r;
	struct tgt *t;
	uint8_t before[16], after[16], raw[16];
	long n = 300, calls, extra, bad;
	int args_ok = 1, ret_ok = 1, seen[300] = { 0 }, twice = 1;
	char err[256];
	int fd;

	if (launch(&tr, "loop", n, 0) < 0) {
		ok(0, "loop: bkpt_prog started");
		return;
	}
	t = attach(&r, &tr);
	ok(tr.pid > 0, "loop: attached");
	tgt_read(t, tr.pid, tr.a[A_SUM8], before, sizeof(before));
	is_int(plant(t, &tr, all5, 5), 0, "loop: 5 breakpoints planted");
	is_int(tgt_bkpt_count(t, tr.pid), 5, "loop: count 5");
	ok(tgt_read(t, tr.pid, tr.a[A_SUM8], after, sizeof(after)) == 0 &&
		   memcmp(before, after, sizeof(after)) == 0,
	   "loop: tgt_read gives the original bytes");
	{
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d/mem", (int)tr.pid);
		fd = open(path, O_RDONLY);
		ok(fd >= 0 &&
			   pread(fd, raw, sizeof(raw), (off_t)tr.a[A_SUM8]) ==
				   (ssize_t)sizeof(raw) &&
			   raw[0] == 0xcc && raw[4] == 0xcc,
		   "loop: memory holds int3 at entry and push");
		if (fd >= 0)
			close(fd);
	}
	is_int(tgt_bkpt_add(t, tr.pid, tr.a[A_SUM8], err, sizeof(err)), 0,
	       "loop: a second add at the same address");
	is_int(tgt_bkpt_count(t, tr.pid), 5, "loop: still 5 addresses");
	is_int(tgt_bkpt_del(t, tr.pid, tr.a[A_SUM8]), 0, "loop: one del");
	is_int(tgt_bkpt_count(t, tr.pid), 5, "loop: still planted");
	is_int(tgt_bkpt_add(t, tr.pid, 8, err, sizeof(err)), -EFAULT,
	       "loop: -EFAULT at address 8");
	go(&tr);
	run(t, &r, 20000);
	results(&tr, &calls, &extra, &bad);
	ok(r.gone && WIFEXITED(r.gone_status) &&
		   WEXITSTATUS(r.gone_status) == 0,
	   "loop: the program ran correctly (status %#x)", r.gone_status);
	is_int(calls, 2 * n, "loop: it counted 2N calls");
	is_int(hits_at(&r, tr.a[A_SUM8], 0), 2 * n,
	       "loop: entry (endbr64, emulated) hit 2N times");
	is_int(hits_at(&r, tr.a[A_PUSH], 0), 2 * n,
	       "loop: push %%rbp (emulated) hit 2N times");
	is_int(hits_at(&r, tr.a[A_RIP], 0), 2 * n,
	       "loop: rip-relative lock incq (out of line) hit 2N times");
	is_int(hits_at(&r, tr.a[A_RET], 0), 2 * n,
	       "loop: ret (out of line) hit 2N times");
	is_int(hits_at(&r, tr.a[A_OUTER_CALL], 0), n,
	       "loop: call rel32 (out of line) hit N times");
	for (size_t i = 0; i < r.hits.n; i++) {
		const struct hit *h = &r.hits.v[i];

		if (h->pc == tr.a[A_SUM8]) {
			int direct = h->arg[6] == 6 && h->arg[7] == 7;
			int via = h->arg[6] == 0 && h->arg[7] == 0;

			if (h->rc || h->arg[1] != 1 || h->arg[2] != 2 ||
			    h->arg[3] != 3 || h->arg[4] != 4 ||
			    h->arg[5] != 5 || !(direct || via) ||
			    h->arg[0] >= (uint64_t)n)
				args_ok = 0;
			else
				seen[h->arg[0]]++;
		}
		if (h->pc == tr.a[A_RET] && h->rc)
			ret_ok = 0;
	}
	for (long i = 0; i < n; i++)
		if (seen[i] != 2)
			twice = 0;
	ok(args_ok,
	   "loop: tgt_call_args 1..7 as passed (stack args too, in one read)");
	ok(twice, "loop: arg0 = each i of the loop, twice");
	{
		/* Return values in call order: i + 15, i + 28 per round. */
		long k = 0, i = 0;

		for (size_t j = 0; j < r.hits.n; j++) {
			const struct hit *h = &r.hits.v[j];

			if (h->pc != tr.a[A_RET])
				continue;
			if (h->ret != (uint64_t)(i + (k % 2 ? 28 : 15)))
				ret_ok = 0;
			if (++k % 2 == 0)
				i++;
		}
	}
	ok(ret_ok, "loop: tgt_call_ret = the sums the program computed");
	is_int(r.sigtrap, 0, "loop: no SIGTRAP reached the program");
	is_int(r.bad_pc, 0, "loop: the thread's pc is the address at each hit");
	finish(t, &r);
}

static void
test_threads(void)
{
	static const int three[] = { A_SUM8, A_RIP, A_RET };
	struct tracee tr;
	struct rec r;
	struct tgt *t;
	long n = 1500, calls, extra, bad;
	int nthr = 8;

	if (launch(&tr, "threads", n, nthr) < 0) {
		ok(0, "threads: bkpt_prog started");
		return;
	}
	t = new_tgt(&r, &tr);
	/* Syscalls wanted: the seized threads run under PTRACE_SYSCALL,
	   whose stops must not mix with the injected mmap's. */
	{
		uint8_t en[512] = { 0 }, ex[512] = { 0 };
		char err[256];

		en[SYS_mmap] = ex[SYS_mmap] = 1;
		tgt_set_syscalls(t, en, ex, sizeof(en));
		if (tgt_attach(t, tr.pid, err, sizeof(err)) < 0)
			diag("tgt_attach: %s", err);
	}
	is_int(plant(t, &tr, three, 3), 0, "threads: planted");
	go(&tr);
	run(t, &r, 60000);
	results(&tr, &calls, &extra, &bad);
	ok(r.gone && r.gone_status == 0,
	   "threads: 8 threads, all results right (status %#x)", r.gone_status);
	is_int(calls, n * nthr, "threads: the program counted N*8 calls");
	is_int(hits_at(&r, tr.a[A_SUM8], 0), n * nthr,
	       "threads: entry hit N*8 times");
	is_int(hits_at(&r, tr.a[A_RIP], 0), n * nthr,
	       "threads: rip-relative hit N*8 times");
	is_int(hits_at(&r, tr.a[A_RET], 0), n * nthr,
	       "threads: ret hit N*8 times");
	is_int(r.sigtrap, 0, "threads: no SIGTRAP");
	ok(r.mmaps > 0, "threads: the program's own mmaps traced (%d)",
	   r.mmaps);
	finish(t, &r);
}

static void
test_fork(int clear)
{
	struct tracee tr;
	struct rec r;
	struct tgt *t;
	long n = 40, calls, extra, bad, child_hits = 0;
	const char *what = clear ? "fork, child cleared" : "fork, inherited";

	if (launch(&tr, "fork", n, 0) < 0) {
		ok(0, "%s: bkpt_prog started", what);
		return;
	}
	t = attach(&r, &tr);
	r.clear_child = clear;
	is_int(plant(t, &tr, all5, 5), 0, "%s: planted", what);
	go(&tr);
	run(t, &r, 20000);
	results(&tr, &calls, &extra, &bad);
	ok(r.gone && r.gone_status == 0,
	   "%s: parent and child ran correctly (status %#x)", what,
	   r.gone_status);
	is_int(hits_at(&r, tr.a[A_SUM8], tr.pid), 2 * n,
	       "%s: parent's entry hits", what);
	is_int(hits_at(&r, tr.a[A_OUTER_CALL], tr.pid), n,
	       "%s: parent's call hits", what);
	for (size_t i = 0; i < r.hits.n; i++)
		child_hits += r.hits.v[i].pid != tr.pid;
	if (clear) {
		is_int(child_hits, 0, "%s: no hit in the child", what);
		is_int(r.start_count, 0, "%s: child's count 0", what);
	} else {
		is_int(child_hits, 9 * n, "%s: the child's hits (9 per round)",
		       what);
		is_int(r.start_count, 5, "%s: child starts with 5", what);
	}
	is_int(r.sigtrap, 0, "%s: no SIGTRAP", what);
	finish(t, &r);
}

static void
test_vfork(void)
{
	struct tracee tr;
	struct rec r;
	struct tgt *t;
	long n = 20, calls, extra, bad, child_hits = 0;

	if (launch(&tr, "vfork", n, 0) < 0) {
		ok(0, "vfork: bkpt_prog started");
		return;
	}
	t = attach(&r, &tr);
	is_int(plant(t, &tr, all5, 5), 0, "vfork: planted");
	go(&tr);
	run(t, &r, 20000);
	results(&tr, &calls, &extra, &bad);
	ok(r.gone && r.gone_status == 0,
	   "vfork: the program ran correctly (status %#x)", r.gone_status);
	is_int(calls, 4 * n + 1, "vfork: 4N calls + the child's one");
	is_int(hits_at(&r, tr.a[A_SUM8], tr.pid), 4 * n,
	       "vfork: parent's entry hits");
	for (size_t i = 0; i < r.hits.n; i++)
		if (r.hits.v[i].pid != tr.pid) {
			child_hits++;
			if (r.hits.v[i].pc == tr.a[A_SUM8] &&
			    r.hits.v[i].arg[7] != 1)
				child_hits += 1000;
		}
	/* entry, push, rip, ret of its one call */
	is_int(child_hits, 4, "vfork: the child's 4 hits, in its name");
	ok(r.exec_pid > 0 && r.exec_pid != tr.pid, "vfork: the child exec'd");
	is_int(r.exec_count, 0, "vfork: no breakpoint after exec");
	is_int(r.exec_parent_count, 5, "vfork: the parent keeps its 5");
	is_int(r.sigtrap, 0, "vfork: no SIGTRAP");
	finish(t, &r);
}

static void
test_signals(void)
{
	struct tracee tr;
	struct rec r;
	struct tgt *t;
	long n = 1500, calls, extra, bad;

	if (launch(&tr, "signals", n, 0) < 0) {
		ok(0, "signals: bkpt_prog started");
		return;
	}
	t = attach(&r, &tr);
	is_int(plant(t, &tr, all5, 5), 0, "signals: planted");
	go(&tr);
	run(t, &r, 60000);
	results(&tr, &calls, &extra, &bad);
	ok(r.gone && r.gone_status == 0,
	   "signals: the program ran correctly (status %#x, bad %ld)",
	   r.gone_status, bad);
	ok(extra > 0 && r.signals > 0, "signals: %ld SIGALRM handled", extra);
	is_int(calls, 2 * n + extra, "signals: its own count");
	is_int(hits_at(&r, tr.a[A_SUM8], 0), 2 * n + extra,
	       "signals: entry hits, handler's calls included");
	is_int(hits_at(&r, tr.a[A_RET], 0), 2 * n + extra, "signals: ret hits");
	is_int(r.sigtrap, 0, "signals: no SIGTRAP");
	finish(t, &r);
}

static char
thread_state(pid_t pid, pid_t tid)
{
	char path[96], buf[512], *p;
	ssize_t k;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid,
		 (int)tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	k = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (k <= 0)
		return '?';
	buf[k] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] ? p[2] : '?';
}

/* Whether every thread of pid is in state c. */
static int
all_state(pid_t pid, char c)
{
	char path[64];
	struct dirent *d;
	int all = 1, n = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (dir == NULL)
		return 0;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		n++;
		if (thread_state(pid, (pid_t)atoi(d->d_name)) != c)
			all = 0;
	}
	closedir(dir);
	return all && n > 1;
}

static void
test_hold(void)
{
	struct tracee tr;
	struct rec r;
	struct tgt *t;
	long n = 50, calls, extra, bad;
	int64_t end;

	if (launch(&tr, "loop", n, 0) < 0) {
		ok(0, "hold: bkpt_prog started");
		return;
	}
	t = attach(&r, &tr);
	r.hold_first = 1;
	is_int(plant(t, &tr, all5, 5), 0, "hold: planted");
	go(&tr);
	end = now_ms() + 5000;
	while (!r.held && now_ms() < end)
		if (tgt_dispatch(t) == 0)
			usleep(1000);
	for (int i = 0; i < 20; i++) {
		tgt_dispatch(t);
		usleep(1000);
	}
	is_int(r.hits.n, 1, "hold: one hit, then nothing");
	is_int(thread_state(tr.pid, r.held), 't',
	       "hold: the thread stays in its stop");
	tgt_release(t, r.held);
	run(t, &r, 20000);
	results(&tr, &calls, &extra, &bad);
	ok(r.gone && r.gone_status == 0,
	   "hold: released, it ran correctly (status %#x)", r.gone_status);
	is_int(hits_at(&r, tr.a[A_SUM8], 0), 2 * n, "hold: entry hits exact");
	is_int(hits_at(&r, tr.a[A_OUTER_CALL], 0), n, "hold: call hits exact");
	finish(t, &r);
}

static void
test_del_running(void)
{
	static const int three[] = { A_SUM8, A_RIP, A_RET };
	struct tracee tr;
	struct rec r;
	struct tgt *t;
	long n = 20000, calls, extra, bad;
	int nthr = 8;

	if (launch(&tr, "threads", n, nthr) < 0) {
		ok(0, "del: bkpt_prog started");
		return;
	}
	t = attach(&r, &tr);
	r.del_after = 2000;
	is_int(plant(t, &tr, three, 3), 0, "del: planted");
	go(&tr);
	run(t, &r, 60000);
	results(&tr, &calls, &extra, &bad);
	ok(r.gone && r.gone_status == 0,
	   "del: deleted while 8 threads ran: all correct (status %#x)",
	   r.gone_status);
	is_int(r.deleted, 3, "del: 3 deleted");
	is_int(r.del_rc, -ENOENT, "del: a 4th del is -ENOENT");
	ok(r.hits.n >= 2000 && r.hits.n < 2100,
	   "del: %zu hits (the late ones silent)", r.hits.n);
	is_int(calls, n * nthr, "del: the program's count");
	is_int(r.sigtrap, 0, "del: no SIGTRAP");
	finish(t, &r);
}

/* The text of the program (its executable mappings) and whether an
   anonymous executable mapping (a scratch page) exists. */
static size_t
read_text(pid_t pid, uint8_t **out, int *anon_x)
{
	char path[64], line[1024];
	FILE *f;
	size_t total = 0;
	int fd;

	*out = NULL;
	*anon_x = 0;
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "r");
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY);
	if (f == NULL || fd < 0) {
		if (f)
			fclose(f);
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned long long lo, hi, ino;
		char perms[8], dev[32];
		int pos = 0;

		if (sscanf(line, "%llx-%llx %7s %*s %31s %llu %n", &lo, &hi,
			   perms, dev, &ino, &pos) < 5 ||
		    perms[2] != 'x')
			continue;
		if (ino == 0 && strstr(line, "[v") == NULL)
			*anon_x = 1;
		if (ino == 0)
			continue;
		*out = realloc(*out, total + (hi - lo));
		if (pread(fd, *out + total, hi - lo, (off_t)lo) !=
		    (ssize_t)(hi - lo))
			continue;
		total += hi - lo;
	}
	fclose(f);
	close(fd);
	return total;
}

static void
test_detach(void)
{
	struct tracee tr;
	long calls, extra, bad;
	uint8_t *before, *after;
	size_t nb, na;
	int anon, st = -1, same = 1, had_scratch = 1, gone_scratch = 1;
	long hits = 0;

	if (launch(&tr, "spin", 0, 4) < 0) {
		ok(0, "detach: bkpt_prog started");
		return;
	}
	nb = read_text(tr.pid, &before, &anon);
	ok(nb > 0 && !anon, "detach: read its text (%zu bytes)", nb);
	go(&tr);
	/* Rounds: detach from outside; from the callback of a hit; with a
	   thread held at a breakpoint; with the process stopped (SIGSTOP). */
	for (int round = 0; round < 4; round++) {
		struct rec r;
		struct tgt *t = attach(&r, &tr);

		if (tr.pid <= 0)
			break;
		r.detach_after = round == 1 ? 3000 : 0;
		r.hold_first = round == 2;
		plant(t, &tr, all5, 5);
		{
			/* (round 1 waits for its 3000th hit: a loaded
			   machine makes fewer than 3000 in 150 ms) */
			int64_t end = now_ms() + (round == 1 ? 10000 : 150);

			while (now_ms() < end && !r.detached)
				if (tgt_dispatch(t) == 0)
					usleep(500);
		}
		if (round == 1)
			ok(r.detached, "detach: from a hit's callback");
		if (round == 2)
			is_int(thread_state(tr.pid, r.held), 't',
			       "detach: a thread held at a breakpoint");
		hits += (long)r.hits.n;
		if (round == 3) {
			/* Group-stopped when we let go: it stays stopped. */
			kill(tr.pid, SIGSTOP);
			for (int i = 0; i < 50; i++) {
				tgt_dispatch(t);
				usleep(2000);
			}
		}
		if (round == 0 || round == 3) {
			read_text(tr.pid, &after, &anon);
			free(after);
			had_scratch &= anon;
		}
		tgt_detach_all(t, 0);
		na = read_text(tr.pid, &after, &anon);
		if (na != nb || memcmp(before, after, nb) != 0)
			same = 0;
		if (anon)
			gone_scratch = 0;
		free(after);
		finish(t, &r);
		if (round == 3) {
			usleep(20000);
			ok(all_state(tr.pid, 'T'),
			   "detach: a stopped process stays stopped");
			kill(tr.pid, SIGCONT);
		}
	}
	ok(hits > 3000, "detach: %ld hits over 4 attach/detach rounds", hits);
	ok(had_scratch, "detach: a scratch page while attached");
	ok(same, "detach: text byte-identical after each detach");
	ok(gone_scratch, "detach: no scratch page left after detach");
	go(&tr); /* stop spinning */
	waitpid(tr.pid, &st, 0);
	results(&tr, &calls, &extra, &bad);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	   "detach: it finished correctly (status %#x, bad %ld)", st, bad);
	ok(calls > hits / 3, "detach: it kept calling (%ld calls)", calls);
	free(before);
}

/* Dispatches until fd is readable (the spawned program's output comes
   after stops of its start-up that need us). */
static int
until_readable(struct tgt *t, int fd, int ms)
{
	int64_t end = now_ms() + ms;

	while (now_ms() < end) {
		struct pollfd p = { fd, POLLIN, 0 };

		if (poll(&p, 1, 0) > 0)
			return 0;
		if (tgt_dispatch(t) == 0)
			poll(&p, 1, 1);
	}
	return -1;
}

/*
 * A -c process (tgt_spawn()) under our seccomp filter with mmap and
 * munmap traced: the injected mmap of the scratch page meets a seccomp
 * stop, and must be neither lost nor seen as the program's.
 */
static void
test_spawn_filtered(void)
{
	struct tracee tr;
	struct rec r;
	struct tgt *t;
	uint8_t en[512] = { 0 }, ex[512] = { 0 };
	int info[2], gop[2];
	char cmd[PATH_MAX + 128], err[256];
	long n = 100, calls, extra, bad;

	memset(&tr, 0, sizeof(tr));
	if (pipe(info) < 0 || pipe(gop) < 0) {
		ok(0, "spawn: pipes");
		return;
	}
	tr.info = info[0];
	tr.go = gop[1];
	fcntl(info[0], F_SETFD, FD_CLOEXEC);
	fcntl(gop[1], F_SETFD, FD_CLOEXEC);
	snprintf(cmd, sizeof(cmd), "%s loop %ld 0 %d %d", prog, n, info[1],
		 gop[0]);
	t = new_tgt(&r, &tr);
	en[SYS_mmap] = ex[SYS_mmap] = en[SYS_munmap] = 1;
	tgt_set_syscalls(t, en, ex, sizeof(en));
	if (tgt_spawn(t, cmd, &tr.pid, err, sizeof(err)) < 0 ||
	    tgt_spawn_run(t, tr.pid, err, sizeof(err)) < 0) {
		ok(0, "spawn: %s", err);
		finish(t, &r);
		return;
	}
	close(info[1]);
	close(gop[0]);
	r.wait_pid = tr.pid;
	ok(until_readable(t, tr.info, 10000) == 0 && read_addrs(&tr) == 0,
	   "spawn: the program's addresses");
	is_int(plant(t, &tr, all5, 5), 0, "spawn: planted");
	r.sc_mark = 1;
	go(&tr);
	run(t, &r, 20000);
	results(&tr, &calls, &extra, &bad);
	ok(r.gone && r.gone_status == 0,
	   "spawn: the program ran correctly (status %#x)", r.gone_status);
	is_int(hits_at(&r, tr.a[A_RIP], 0), 2 * n,
	       "spawn: rip-relative (out of line) hit 2N times");
	is_int(hits_at(&r, tr.a[A_RET], 0), 2 * n,
	       "spawn: ret (out of line) hit 2N times");
	ok(r.scratch_seen, "spawn: the scratch page was mapped");
	is_int(r.exec_mmaps, 0, "spawn: its mmap was not the program's event");
	is_int(r.sigtrap, 0, "spawn: no SIGTRAP");
	finish(t, &r);
}

int
main(void)
{
	ssize_t len = readlink("/proc/self/exe", prog, sizeof(prog) - 32);
	char *slash;

#if !defined(__x86_64__)
	printf("1..0 # SKIP its tracee's code sequences are x86_64 (aarch64's breakpoints: t_a64, pid-*.test)\n");
	return 0;
#endif
	if (len <= 0)
		return 99;
	prog[len] = '\0';
	slash = strrchr(prog, '/');
	if (slash)
		strcpy(slash + 1, "bkpt_prog");
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	signal(SIGPIPE, SIG_IGN);

	test_loop();
	test_threads();
	test_fork(1);
	test_fork(0);
	test_vfork();
	test_signals();
	test_hold();
	test_del_running();
	test_detach();
	test_spawn_filtered();
	return done_testing();
}
