/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for USDT semaphores (src/target/tgt_sem.c): the counters of
 * real children of this test (this very program, re-executed in its
 * "child" mode without address randomisation), seized with tgt_attach().
 * Every value checked is the one the child reads from its own counter and
 * reports on a pipe: increments and decrements, what detach leaves, what a
 * fork child inherits and what tgt_sem_clear() takes back there only, and
 * that an exec'd image's counter is never touched. Only processes this
 * test started are traced.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "target/tgt.h"
#include "tap.h"

/* The child's semaphore, in the section <sys/sdt.h> programs use. */
static volatile unsigned short sem_counter
	__attribute__((section(".probes"), used));

/* ---- The child ------------------------------------------------------ */

enum { FD_INFO = 3, FD_CMD = 4, FD_GINFO = 5, FD_GCMD = 6 };

static void
say(int fd, char tag, unsigned long long v)
{
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "%c %llu\n", tag, v);

	if (write(fd, buf, (size_t)n) != n)
		_exit(3);
}

/* A fork of the child: answers on the second pair of pipes. */
static void
grandchild(void)
{
	char c;

	while (read(FD_GCMD, &c, 1) == 1) {
		if (c == 'r')
			say(FD_GINFO, 'V', sem_counter);
		else
			break;
	}
	_exit(0);
}

/*
 * argv[2]: the counter's value at start ("another tracer's" increments).
 * Commands on fd 4: r (report), f (fork a grandchild), v (vfork one,
 * which answers until it exits), x (exec itself
 * anew, counter 7), q (quit). _exit() always: the sanitizers' exit-time
 * leak check does not work under a tracer.
 */
static int
child_main(int argc, char **argv)
{
	char c;
	pid_t g;

	sem_counter = (unsigned short)(argc > 2 ? atoi(argv[2]) : 0);
	if (dprintf(FD_INFO, "A %llx %u\n",
		    (unsigned long long)(uintptr_t)&sem_counter,
		    (unsigned)sem_counter) < 0)
		_exit(3);
	while (read(FD_CMD, &c, 1) == 1) {
		switch (c) {
		case 'r':
			say(FD_INFO, 'V', sem_counter);
			break;
		case 'f':
			g = fork();
			if (g == 0)
				grandchild();
			say(FD_INFO, 'F', (unsigned long long)g);
			break;
		case 'v':
			/* The vfork child answers on the second pipes
			   until told to go; we go on after it. */
			g = vfork();
			if (g == 0)
				grandchild();
			say(FD_INFO, 'F', (unsigned long long)g);
			break;
		case 'x':
			execl("/proc/self/exe", argv[0], "child", "7",
			      (char *)NULL);
			_exit(4);
		default:
			_exit(0);
		}
	}
	_exit(0);
}

/* ---- The test's side ------------------------------------------------ */

struct kid {
	pid_t pid, gpid;
	int info, cmd, ginfo, gcmd;
	uint64_t addr;
};

struct rec {
	int clear_child;
	int clear_rc;
	pid_t forked;
};

static void
on_event(void *ctx, struct tgt *t, const struct tgt_event *ev)
{
	struct rec *r = ctx;

	if (ev->kind == TGT_EV_FORK) {
		r->forked = ev->child;
		if (r->clear_child)
			tgt_sem_clear(t, ev->child);
	}
}

static int
high_fd(int fd)
{
	int h = fcntl(fd, F_DUPFD_CLOEXEC, 10);

	close(fd);
	return h;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One line from fd, dispatching t's events meanwhile (t may be NULL).
   0, or -1 after 10 s or at EOF. */
static int
read_line(struct tgt *t, int fd, char *buf, size_t len)
{
	int64_t end = now_ms() + 10000;
	size_t got = 0;

	while (got < len - 1 && now_ms() < end) {
		struct pollfd p = { fd, POLLIN, 0 };

		if (t)
			tgt_dispatch(t);
		if (poll(&p, 1, 5) <= 0)
			continue;
		if (read(fd, buf + got, 1) != 1)
			return -1;
		if (buf[got++] == '\n') {
			buf[got] = '\0';
			return 0;
		}
	}
	return -1;
}

/* Sends c on fd and reads the answer's two numbers (-1 on failure). */
static long long
ask(struct tgt *t, int cmd, int info, char c, char tag)
{
	char buf[128], got = 0;
	long long a;

	if (write(cmd, &c, 1) != 1 || read_line(t, info, buf, sizeof(buf)) ||
	    sscanf(buf, "%c %lld", &got, &a) != 2 || got != tag)
		return -1;
	return a;
}

static long long
value(struct tgt *t, const struct kid *k)
{
	return ask(t, k->cmd, k->info, 'r', 'V');
}

static long long
gvalue(struct tgt *t, const struct kid *k)
{
	return ask(t, k->gcmd, k->ginfo, 'r', 'V');
}

static char self[PATH_MAX];

/* Starts the child with its counter at start. 0 or -1. */
static int
launch(struct kid *k, int start)
{
	int p[4][2];
	char buf[128], st[16];
	unsigned long long a, v;

	memset(k, 0, sizeof(*k));
	for (int i = 0; i < 4; i++) {
		if (pipe(p[i]) < 0)
			return -1;
		p[i][0] = high_fd(p[i][0]);
		p[i][1] = high_fd(p[i][1]);
	}
	snprintf(st, sizeof(st), "%d", start);
	k->pid = fork();
	if (k->pid < 0)
		return -1;
	if (k->pid == 0) {
		dup2(p[0][1], FD_INFO);
		dup2(p[1][0], FD_CMD);
		dup2(p[2][1], FD_GINFO);
		dup2(p[3][0], FD_GCMD);
		/* The same addresses in the image it execs later. */
		personality(ADDR_NO_RANDOMIZE);
		setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
		execl(self, "t_sem", "child", st, (char *)NULL);
		_exit(127);
	}
	close(p[0][1]);
	close(p[1][0]);
	close(p[2][1]);
	close(p[3][0]);
	k->info = p[0][0];
	k->cmd = p[1][1];
	k->ginfo = p[2][0];
	k->gcmd = p[3][1];
	if (read_line(NULL, k->info, buf, sizeof(buf)) < 0 ||
	    sscanf(buf, "A %llx %llu", &a, &v) != 2 ||
	    v != (unsigned long long)start) {
		diag("the child said \"%s\"", buf);
		return -1;
	}
	k->addr = a;
	return 0;
}

static void
end(struct kid *k)
{
	char q = 'q';

	if (write(k->gcmd, &q, 1) < 0 || write(k->cmd, &q, 1) < 0)
		kill(k->pid, SIGKILL);
	close(k->info);
	close(k->cmd);
	close(k->ginfo);
	close(k->gcmd);
	waitpid(k->pid, NULL, 0);
}

static struct tgt *
attach(struct rec *r, struct kid *k)
{
	struct tgt_callbacks cb = { on_event, r };
	struct tgt *t = tgt_create(&cb);
	char err[256];

	memset(r, 0, sizeof(*r));
	if (tgt_attach(t, k->pid, err, sizeof(err)) < 0) {
		diag("tgt_attach: %s", err);
		tgt_destroy(t);
		return NULL;
	}
	return t;
}

/* ---- Tests ---------------------------------------------------------- */

static void
test_counts(void)
{
	struct kid k;
	struct rec r;
	struct tgt *t;
	int rc[4];

	if (!ok(launch(&k, 0) == 0, "counts: child started"))
		return;
	t = attach(&r, &k);
	if (!ok(t != NULL, "counts: attached")) {
		end(&k);
		return;
	}
	rc[0] = tgt_sem_add(t, k.pid, k.addr);
	is_int(value(t, &k), 1, "add: the child reads 1");
	rc[1] = tgt_sem_add(t, k.pid, k.addr);
	is_int(value(t, &k), 2, "add: the child reads 2");
	rc[2] = tgt_sem_del(t, k.pid, k.addr);
	is_int(value(t, &k), 1, "del: the child reads 1");
	rc[3] = tgt_sem_del(t, k.pid, k.addr);
	is_int(value(t, &k), 0, "del: the child reads 0");
	ok(!rc[0] && !rc[1] && !rc[2] && !rc[3], "add, add, del, del: 0");
	is_int(tgt_sem_del(t, k.pid, k.addr), -ENOENT,
	       "a del without an add: -ENOENT");
	is_int(value(t, &k), 0, "and the counter stays 0");
	is_int(tgt_sem_add(t, k.pid + 100000, k.addr), -ESRCH,
	       "add in a process not traced: -ESRCH");
	is_int(tgt_sem_add(t, k.pid, 8), -EFAULT,
	       "add at an unmapped address: -EFAULT");
	is_int(tgt_sem_del(t, k.pid, 8), -ENOENT, "and nothing to del there");
	tgt_destroy(t);
	end(&k);
}

/* The child's own count (another tracer's) is kept; ours goes. */
static void
test_detach(void)
{
	struct kid k;
	struct rec r;
	struct tgt *t;

	if (!ok(launch(&k, 5) == 0, "detach: child started with 5"))
		return;
	t = attach(&r, &k);
	if (!ok(t != NULL, "detach: attached")) {
		end(&k);
		return;
	}
	tgt_sem_add(t, k.pid, k.addr);
	tgt_sem_add(t, k.pid, k.addr);
	is_int(value(t, &k), 7, "detach: 5 + our 2");
	tgt_destroy(t);
	is_int(value(NULL, &k), 5, "detach: the child reads its own 5 again");
	end(&k);
}

static void
test_fork(int clear)
{
	const char *what = clear ? "fork, child cleared" : "fork, inherited";
	struct kid k;
	struct rec r;
	struct tgt *t;

	if (!ok(launch(&k, 0) == 0, "%s: child started", what))
		return;
	t = attach(&r, &k);
	if (!ok(t != NULL, "%s: attached", what)) {
		end(&k);
		return;
	}
	r.clear_child = clear;
	tgt_sem_add(t, k.pid, k.addr);
	k.gpid = (pid_t)ask(t, k.cmd, k.info, 'f', 'F');
	ok(k.gpid > 0 && r.forked == k.gpid, "%s: fork seen (%d)", what,
	   (int)k.gpid);
	is_int(gvalue(t, &k), clear ? 0 : 1, "%s: the fork child reads %d",
	       what, clear ? 0 : 1);
	is_int(value(t, &k), 1, "%s: the parent reads 1", what);
	tgt_sem_add(t, k.pid, k.addr);
	is_int(value(t, &k), 2, "%s: another add in the parent: 2", what);
	is_int(gvalue(t, &k), clear ? 0 : 1, "%s: not in the fork child", what);
	tgt_destroy(t);
	is_int(value(NULL, &k), 0, "%s: detach: the parent reads 0", what);
	is_int(gvalue(NULL, &k), 0, "%s: detach: the fork child reads 0", what);
	end(&k);
}

/*
 * A vfork child shares the memory and the increments: they are taken
 * back once at detach (5, not 4), and tgt_sem_clear() in the child
 * leaves the parent's.
 */
static void
test_vfork(int clear)
{
	const char *what = clear ? "vfork, child cleared" : "vfork";
	struct kid k;
	struct rec r;
	struct tgt *t;
	char q = 'q';

	if (!ok(launch(&k, 5) == 0, "%s: child started with 5", what))
		return;
	t = attach(&r, &k);
	if (!ok(t != NULL, "%s: attached", what)) {
		end(&k);
		return;
	}
	r.clear_child = clear;
	tgt_sem_add(t, k.pid, k.addr);
	if (write(k.cmd, "v", 1) != 1)
		diag("write: %s", strerror(errno));
	is_int(gvalue(t, &k), 6, "%s: the vfork child reads 6", what);
	ok(r.forked > 0, "%s: vfork seen", what);
	is_int(tgt_sem_add(t, k.pid, k.addr), 0, "%s: another add", what);
	is_int(gvalue(t, &k), 7, "%s: the shared counter reads 7", what);
	tgt_destroy(t);
	is_int(gvalue(NULL, &k), 5, "%s: detach: 5, taken back once", what);
	/* The parent, inside vfork() until its child exits, cannot stop
	   for the detach: it stays traced by us until it is killed. */
	if (write(k.gcmd, &q, 1) != 1)
		diag("write: %s", strerror(errno));
	kill(k.pid, SIGKILL);
	end(&k);
}

static void
test_exec(void)
{
	struct kid k;
	struct rec r;
	struct tgt *t;
	char buf[128];
	unsigned long long a = 0, v = 0;

	if (!ok(launch(&k, 0) == 0, "exec: child started"))
		return;
	t = attach(&r, &k);
	if (!ok(t != NULL, "exec: attached")) {
		end(&k);
		return;
	}
	tgt_sem_add(t, k.pid, k.addr);
	is_int(value(t, &k), 1, "exec: 1 before");
	if (write(k.cmd, "x", 1) != 1 ||
	    read_line(t, k.info, buf, sizeof(buf)) < 0 ||
	    sscanf(buf, "A %llx %llu", &a, &v) != 2)
		diag("the new image said \"%s\"", buf);
	ok(a == k.addr && v == 7,
	   "exec: the new image has its counter at the same address, 7");
	is_int(tgt_sem_del(t, k.pid, k.addr), -ENOENT,
	       "exec: no increment left to del");
	is_int(value(t, &k), 7, "exec: the new image still reads 7");
	tgt_destroy(t);
	is_int(value(NULL, &k), 7, "exec: detach leaves its 7 alone");
	end(&k);
}

int
main(int argc, char **argv)
{
	ssize_t len;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child_main(argc, argv);
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len <= 0)
		return 99;
	self[len] = '\0';
	signal(SIGPIPE, SIG_IGN);
	test_counts();
	test_detach();
	test_fork(0);
	test_fork(1);
	test_vfork(0);
	test_vfork(1);
	test_exec();
	return done_testing();
}
