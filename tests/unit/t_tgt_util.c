/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the target layer's helpers that need no event loop:
 *  - the seccomp filter (tgt_seccomp.c), run by a small classic-BPF
 *    interpreter here over every syscall number and arch, and installed
 *    for real in children of ours with no tracer attached: a syscall the
 *    filter traces then fails with ENOSYS, the others run;
 *  - tracee memory (tgt_mem.c) in a child of ours: reads, faults, strings
 *    that end before an unmapped page, writes (also to read-only pages);
 *  - the permission explainer and the /proc scans (tgt_perm.c), on
 *    children of ours: gone, zombie, traced by another child, another
 *    user's (when we run as root), and a reader of our output.
 * Linked against libudt_tgt.a, libudt_arch.a and libudt_common.a.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "target/tgt.h"
#include "target/tgt_impl.h"
#include "tap.h"

/* ---- seccomp: an interpreter for what tgt_seccomp_build emits -------- */

#define BAD_PROG 0xdeadu

/* The low 32 bits of the syscall's first argument (clone's flags) in the
   calls bpf_run() makes. */
static uint32_t bpf_arg0;

/* The filter's verdict for (arch, nr), or BAD_PROG for an instruction it
   should not contain or a jump out of the program. */
static uint32_t
bpf_run(const struct sock_filter *p, unsigned len, uint32_t arch, uint32_t nr)
{
	/* args[0]'s low word: its first 4 bytes on a little-endian CPU */
	const uint32_t arg0_lo =
		offsetof(struct seccomp_data, args[0]) +
		(__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 4 : 0);

	uint32_t a = 0;
	unsigned pc = 0, steps = 0;

	while (pc < len && steps++ < 100000) {
		const struct sock_filter *f = &p[pc++];
		int taken;

		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (f->k == offsetof(struct seccomp_data, nr))
				a = nr;
			else if (f->k == offsetof(struct seccomp_data, arch))
				a = arch;
			else if (f->k == arg0_lo)
				a = bpf_arg0;
			else
				return BAD_PROG;
			continue;
		case BPF_RET | BPF_K:
			return f->k;
		case BPF_JMP | BPF_JA:
			pc += f->k;
			continue;
		case BPF_JMP | BPF_JEQ | BPF_K:
			taken = a == f->k;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			taken = a >= f->k;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			taken = a > f->k;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			taken = (a & f->k) != 0;
			break;
		default:
			return BAD_PROG;
		}
		pc += taken ? f->jt : f->jf;
	}
	return BAD_PROG;
}

/* Mismatches of the filter built from want[0..n-1] against want, over
   numbers 0..limit-1 of the native arch. */
static int
filter_mismatches(const uint8_t *want, size_t n, long limit,
		  unsigned short *len)
{
	struct sock_filter *p = tgt_seccomp_build(want, n, len);
	int bad = 0;
	long nr;

	if (!p)
		return -1;
	for (nr = 0; nr < limit; nr++) {
		uint8_t w = (size_t)nr < n ? want[nr] : 0;
		uint32_t exp = w == TGT_SC_NOTIFY ? SECCOMP_RET_USER_NOTIF :
			       w		  ? SECCOMP_RET_TRACE :
						    SECCOMP_RET_ALLOW;

		bad += bpf_run(p, *len, arch_audit, (uint32_t)nr) != exp;
	}
	/* Another arch, and x32: traced, since something is wanted. */
	bad += bpf_run(p, *len, AUDIT_ARCH_I386, 20) != SECCOMP_RET_TRACE;
	bad += bpf_run(p, *len, arch_audit, 0x40000000u | SYS_getppid) !=
	       SECCOMP_RET_TRACE;
	free(p);
	return bad;
}

static void
test_filter_logic(void)
{
	long max = arch_sc_max(), nr;
	uint8_t *want = calloc((size_t)max + 200, 1);
	struct sock_filter *p;
	unsigned short len = 99;
	unsigned seed;
	int bad, i;

	p = tgt_seccomp_build(want, (size_t)max, &len);
	ok(p == NULL && len == 0, "nothing wanted: no filter");

	want[SYS_getppid] = 1;
	is_int(filter_mismatches(want, (size_t)max, max + 100, &len), 0,
	       "getppid only: traced, and nothing else");
	ok(len <= 14, "getppid only: a short filter (%u instructions)", len);

	/* clone(CLONE_UNTRACED) stops though no probe wants clone (the
	   tracer says its child escapes); a plain clone does not. */
	{
		unsigned short l2;
		struct sock_filter *f =
			tgt_seccomp_build(want, (size_t)max, &l2);

		bpf_arg0 = CLONE_UNTRACED | SIGCHLD;
		ok(f && bpf_run(f, l2, arch_audit, SYS_clone) ==
				   SECCOMP_RET_TRACE,
		   "clone(CLONE_UNTRACED): traced");
		bpf_arg0 = CLONE_VM | CLONE_THREAD | SIGCHLD;
		ok(f && bpf_run(f, l2, arch_audit, SYS_clone) ==
				   SECCOMP_RET_ALLOW,
		   "clone() without CLONE_UNTRACED: allowed");
		bpf_arg0 = 0;
		free(f);
	}

	want[SYS_getpid] = want[SYS_getuid] = want[SYS_getuid + 1] = 1;
	want[0] = want[1] = want[max - 1] = 1;
	is_int(filter_mismatches(want, (size_t)max, max + 100, &len), 0,
	       "a few singles and runs, at both ends of the table");

	for (nr = 0; nr < max; nr++)
		want[nr] = 1;
	p = tgt_seccomp_build(want, (size_t)max, &len);
	ok(p && len == 1 && p[0].code == (BPF_RET | BPF_K) &&
		   p[0].k == SECCOMP_RET_TRACE,
	   "everything wanted: one RET_TRACE");
	free(p);

	/* Every other number: more runs than one jump can cross. */
	for (nr = 0; nr < max + 200; nr++)
		want[nr] = nr % 2 == 0;
	is_int(filter_mismatches(want, (size_t)max + 200, max + 400, &len), 0,
	       "even numbers up to %ld: exact", max + 199);
	ok(len > 255, "... with %u instructions (chained jumps)", len);

	for (bad = 0, seed = 1, i = 0; i < 50; i++) {
		for (nr = 0; nr < max + 200; nr++) {
			seed = seed * 1103515245u + 12345u;
			want[nr] = (seed >> 16) % (i % 5 + 2) == 0;
		}
		bad += filter_mismatches(want, (size_t)max + 200, max + 400,
					 &len) != 0;
	}
	is_int(bad, 0, "50 random sets: exact for every number");

	/* Three classes: runs of notify next to runs of trace. */
	for (bad = 0, seed = 7, i = 0; i < 50; i++) {
		for (nr = 0; nr < max + 200; nr++) {
			seed = seed * 1103515245u + 12345u;
			want[nr] = (uint8_t)((seed >> 16) % 3);
		}
		bad += filter_mismatches(want, (size_t)max + 200, max + 400,
					 &len) != 0;
	}
	is_int(bad, 0, "50 random sets of trace and notify: exact");
	for (nr = 0; nr < max; nr++)
		want[nr] = TGT_SC_NOTIFY;
	want[SYS_getppid] = TGT_SC_TRACE;
	is_int(filter_mismatches(want, (size_t)max, max + 100, &len), 0,
	       "everything notified but getppid: exact");
	free(want);
}

/* In a child (no tracer): installs the filter for want, runs the given
   syscalls (no arguments) and writes their results and errnos to fd. */
static void
child_filtered(const uint8_t *want, size_t n, const long *nrs, int k, int fd)
{
	struct sock_fprog prog;
	long res[2 * 8];
	int i;

	prog.filter = tgt_seccomp_build(want, n, &prog.len);
	if (!prog.filter || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
		_exit(2);
	for (i = 0; i < k; i++) {
		errno = 0;
		res[2 * i] = syscall(nrs[i]);
		res[2 * i + 1] = errno;
	}
	/* write and exit_group must not be wanted by the caller. */
	_exit(write(fd, res, sizeof(long) * 2 * (size_t)k) ==
			      (ssize_t)(sizeof(long) * 2 * (size_t)k) ?
		      0 :
		      3);
}

/* Runs child_filtered in a child; res gets the results. 0 or -1. */
static int
run_filtered(const uint8_t *want, size_t n, const long *nrs, int k, long *res,
	     pid_t *child)
{
	int fds[2], st;
	ssize_t got;
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		child_filtered(want, n, nrs, k, fds[1]);
	}
	close(fds[1]);
	got = read(fds[0], res, sizeof(long) * 2 * (size_t)k);
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	*child = pid;
	return got == (ssize_t)(sizeof(long) * 2 * (size_t)k) &&
			       WIFEXITED(st) && WEXITSTATUS(st) == 0 ?
		       0 :
		       -1;
}

static void
test_filter_kernel(void)
{
	/* getpgrp is x86_64's own; asm-generic CPUs have getpgid (called
	   with no arguments: some pid, harmless either way). */
#ifdef SYS_getpgrp
#define T_LAST_NR SYS_getpgrp
#else
#define T_LAST_NR SYS_getpgid
#endif
	static const long nrs[] = { SYS_getppid, SYS_getpid, SYS_getuid,
				    SYS_geteuid, SYS_gettid, T_LAST_NR };
	long max = arch_sc_max(), nr, res[2 * 6];
	uint8_t *want = calloc((size_t)max, 1);
	pid_t child;
	int i;

	want[SYS_getppid] = 1;
	if (ok(run_filtered(want, (size_t)max, nrs, 2, res, &child) == 0,
	       "a child installed the getppid filter (no tracer)")) {
		ok(res[0] == -1 && res[1] == ENOSYS,
		   "getppid, traced with no tracer, fails with ENOSYS");
		is_int(res[2], child, "getpid, not traced, runs");
	}

	/* The long chain, loaded by the kernel's own checker: every number
	   of one parity, the one that write and exit_group (which the child
	   needs to report) do not have: even on x86_64 (1, 231), odd on
	   aarch64 (64, 94). */
	const long par = SYS_write % 2 == 0;
	for (nr = 0; nr < max; nr++)
		want[nr] = nr % 2 == par;
	if (ok(run_filtered(want, (size_t)max, nrs, 6, res, &child) == 0,
	       "a child installed the %s-numbers filter",
	       par ? "odd" : "even")) {
		for (i = 0; i < 6; i++) {
			if (nrs[i] % 2 == par)
				ok(res[2 * i] == -1 && res[2 * i + 1] == ENOSYS,
				   "wanted %s (%ld): ENOSYS",
				   arch_sc_name(nrs[i]), nrs[i]);
			else
				ok(res[2 * i] >= 0,
				   "not wanted %s (%ld): runs (%ld)",
				   arch_sc_name(nrs[i]), nrs[i], res[2 * i]);
		}
		if (SYS_getpid % 2 != par)
			is_int(res[2], child,
			       "getpid (not wanted) is the child's pid");
		else
			ok(res[2] == -1, "getpid (wanted): ENOSYS");
		if (SYS_geteuid % 2 != par)
			is_int(res[6], geteuid(),
			       "geteuid (not wanted) is our euid");
		else
			ok(res[6] == -1, "geteuid (wanted): ENOSYS");
	}
	free(want);
}

/* ---- tracee memory ---------------------------------------------------- */

static char *area; /* two pages: rw, then unmapped */
static char *ro;   /* one read-only page */
static long pagesz;

/* A child that overwrites its copies of area and ro (ours keep other
   bytes), says so on fd, and waits to be killed. */
static pid_t
start_mem_child(void)
{
	int fds[2];
	char c;
	pid_t pid;

	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		strcpy(area, "child data, sixteen+ bytes");
		memcpy(area + pagesz - 4, "xyz", 4);
		mprotect(ro, (size_t)pagesz, PROT_READ | PROT_WRITE);
		strcpy(ro, "read-only page");
		mprotect(ro, (size_t)pagesz, PROT_READ);
		if (write(fds[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &c, 1) != 1) {
		if (pid > 0)
			kill(pid, SIGKILL);
		pid = -1;
	}
	close(fds[0]);
	return pid;
}

static void
test_mem(void)
{
	uint64_t a, end;
	char buf[300];
	ssize_t n;
	pid_t pid;
	int st;

	pagesz = sysconf(_SC_PAGESIZE);
	area = mmap(NULL, 2 * (size_t)pagesz, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro = mmap(NULL, (size_t)pagesz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		  -1, 0);
	if (!ok(area != MAP_FAILED && ro != MAP_FAILED &&
			munmap(area + pagesz, (size_t)pagesz) == 0,
		"a page followed by an unmapped one"))
		return;
	memset(area, 'P', (size_t)pagesz); /* our copy: no NUL at all */
	pid = start_mem_child();
	if (!ok(pid > 0, "a child with its own data"))
		return;
	a = (uint64_t)(uintptr_t)area;
	end = a + (uint64_t)pagesz;

	ok(tgt_read(NULL, pid, a, buf, 16) == 0 &&
		   memcmp(buf, "child data, sixt", 16) == 0,
	   "tgt_read: the child's bytes, not ours");
	is_int(tgt_read(NULL, pid, end - 8, buf, 16), -EFAULT,
	       "tgt_read across into an unmapped page: -EFAULT, no partial");
	is_int(tgt_read(NULL, pid, 8, buf, 8), -EFAULT,
	       "tgt_read at address 8: -EFAULT");
	is_int(tgt_read(NULL, pid, ~(uint64_t)0 - 4, buf, 8), -EFAULT,
	       "tgt_read wrapping around: -EFAULT");
	ok(tgt_read(NULL, pid, a, buf, 0) == 0, "tgt_read of 0 bytes");

	n = tgt_read_str(NULL, pid, end - 4, buf, 256);
	ok(n == 3 && strcmp(buf, "xyz") == 0,
	   "tgt_read_str: a string ending before an unmapped page");
	n = tgt_read_str(NULL, pid, a, buf, 256);
	ok(n == 26 && strcmp(buf, "child data, sixteen+ bytes") == 0,
	   "tgt_read_str: %zd bytes", n);
	n = tgt_read_str(NULL, pid, a, buf, 5);
	ok(n == 5 && strcmp(buf, "child") == 0,
	   "tgt_read_str: cut at max, NUL-terminated");
	memcpy(buf, "XXXX", 4);
	ok(tgt_write(NULL, pid, end - 4, "ab", 2) == 0, "tgt_write two bytes");
	n = tgt_read_str(NULL, pid, end - 4, buf, 256);
	ok(n == 3 && strcmp(buf, "abz") == 0, "... and they read back");
	ok(tgt_write(NULL, pid, end - 2, "\x01\x02\x03\x04", 4) == -EFAULT,
	   "tgt_write across into an unmapped page: -EFAULT");
	ok(tgt_write(NULL, pid, end - 1, "Q", 1) == 0 &&
		   tgt_read_str(NULL, pid, end - 4, buf, 256) == -EFAULT,
	   "tgt_read_str of a string running into an unmapped page: "
	   "-EFAULT");
	is_int(tgt_read_str(NULL, pid, 16, buf, 256), -EFAULT,
	       "tgt_read_str at address 16: -EFAULT");

	ok(tgt_write(NULL, pid, (uint64_t)(uintptr_t)ro, "RO", 2) == 0 &&
		   tgt_read_str(NULL, pid, (uint64_t)(uintptr_t)ro, buf, 256) ==
			   14 &&
		   strcmp(buf, "RO") != 0 && memcmp(buf, "ROad-only", 9) == 0,
	   "tgt_write to a read-only page (through /proc/PID/mem)");
	ok(memcmp(area, "PPPP", 4) == 0 && ro[0] == '\0',
	   "our own copies are untouched");

	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	is_int(tgt_read(NULL, pid, a, buf, 8), -ESRCH,
	       "tgt_read of a reaped child: -ESRCH");
	munmap(area, (size_t)pagesz);
	munmap(ro, (size_t)pagesz);
}

/* ---- permissions and /proc scans ------------------------------------- */

static pid_t
start_pauser(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void
reap(pid_t pid)
{
	int st;

	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

/*
 * A child named t_tracer that forks a grandchild and traces it
 * (PTRACE_TRACEME in the grandchild); *target gets the grandchild's pid.
 */
static pid_t
start_tracer(pid_t *target)
{
	int fds[2], st;
	pid_t pid, gc;

	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_NAME, "t_tracer", 0, 0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		gc = fork();
		if (gc == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
			ptrace(PTRACE_TRACEME, 0, NULL, NULL);
			raise(SIGSTOP);
			for (;;)
				pause();
		}
		if (waitpid(gc, &st, WUNTRACED) != gc ||
		    write(fds[1], &gc, sizeof(gc)) != sizeof(gc))
			_exit(1);
		/* The grandchild stays stopped, traced by us, until we
		   die (and PDEATHSIG takes it). */
		for (;;)
			pause();
	}
	close(fds[1]);
	if (pid < 0 ||
	    read(fds[0], target, sizeof(*target)) != (ssize_t)sizeof(*target)) {
		if (pid > 0)
			reap(pid);
		pid = -1;
	}
	close(fds[0]);
	return pid;
}

/* As user 65534 without capabilities, explains why it cannot trace pid
   (a root process); the text comes back through a pipe. */
static int
explain_as_nobody(pid_t pid, char *buf, size_t len)
{
	int fds[2], st;
	ssize_t n;
	pid_t c;

	if (pipe(fds) < 0)
		return -1;
	c = fork();
	if (c == 0) {
		char msg[256];
		int err;

		close(fds[0]);
		if (setgroups(0, NULL) < 0 || setgid(65534) < 0 ||
		    setuid(65534) < 0)
			_exit(1);
		err = ptrace(PTRACE_SEIZE, pid, NULL, NULL) < 0 ? errno : 0;
		if (err == 0)
			_exit(2);
		tgt_perm_explain(pid, err, msg, sizeof(msg));
		_exit(write(fds[1], msg, strlen(msg) + 1) > 0 ? 0 : 1);
	}
	close(fds[1]);
	n = c > 0 ? read(fds[0], buf, len - 1) : -1;
	close(fds[0]);
	if (c > 0)
		waitpid(c, &st, 0);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

static void
test_explain(void)
{
	char msg[256], exp[256];
	pid_t pid, target, tracer;
	int st, err;

	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &st, 0);
	tgt_perm_explain(pid, ESRCH, msg, sizeof(msg));
	is_str(msg, "No such process", "a reaped child: ESRCH");
	tgt_perm_explain(pid, EPERM, msg, sizeof(msg));
	is_str(msg, "No such process", "a reaped child, whatever the error");

	pid = fork();
	if (pid == 0)
		_exit(0);
	while (waitid(P_PID, (id_t)pid, NULL, WEXITED | WNOWAIT) != 0 &&
	       errno == EINTR)
		;
	tgt_perm_explain(pid, EPERM, msg, sizeof(msg));
	snprintf(exp, sizeof(exp), "process %d is a zombie", (int)pid);
	is_str(msg, exp, "an unreaped child");
	waitpid(pid, &st, 0);

	tgt_perm_explain(getpid(), EPERM, msg, sizeof(msg));
	snprintf(exp, sizeof(exp), "process %d is udtrace itself",
		 (int)getpid());
	is_str(msg, exp, "ourselves");

	tracer = start_tracer(&target);
	if (ok(tracer > 0, "a child tracing a grandchild")) {
		err = ptrace(PTRACE_SEIZE, target, NULL, NULL) < 0 ? errno : 0;
		is_int(err, EPERM, "seizing the traced grandchild: EPERM");
		tgt_perm_explain(target, err, msg, sizeof(msg));
		snprintf(exp, sizeof(exp),
			 "process %d is already traced by process %d "
			 "(t_tracer): a process has one tracer at a time, "
			 "so detach that one first",
			 (int)target, (int)tracer);
		is_str(msg, exp, "explained: already traced");
		reap(tracer); /* PDEATHSIG takes the grandchild */
	}

	pid = start_pauser();
	if (getuid() == 0 && pid > 0) {
		ok(explain_as_nobody(pid, msg, sizeof(msg)) == 0,
		   "a child running as user 65534 tries a root child");
		snprintf(exp, sizeof(exp),
			 "process %d belongs to user 0 and udtrace runs as "
			 "user 65534 without CAP_SYS_PTRACE: run udtrace as "
			 "that user, or as root",
			 (int)pid);
		is_str(msg, exp, "explained: another user's process");
	} else {
		ok(1, "# SKIP another user's process needs root");
		ok(1, "# SKIP another user's process needs root");
	}
	if (pid > 0)
		reap(pid);
}

static int
has_pid(const pid_t *v, size_t n, pid_t pid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == pid)
			return 1;
	return 0;
}

static int tid_fd[2], go_fd[2];

static void *
thread_main(void *arg)
{
	pid_t tid = (pid_t)syscall(SYS_gettid);
	char c;

	(void)arg;
	if (write(tid_fd[1], &tid, sizeof(tid)) != sizeof(tid) ||
	    read(go_fd[0], &c, 1) != 1)
		return NULL;
	return NULL;
}

static void
test_tasks(void)
{
	pthread_t th;
	pid_t *tids = NULL, tid = 0, pid;
	size_t n;

	if (!ok(pipe(tid_fd) == 0 && pipe(go_fd) == 0 &&
			pthread_create(&th, NULL, thread_main, NULL) == 0 &&
			read(tid_fd[0], &tid, sizeof(tid)) == sizeof(tid),
		"a second thread"))
		return;
	ok(tgt_list_tasks(getpid(), &tids, &n) == 0 && n == 2 &&
		   has_pid(tids, n, getpid()) && has_pid(tids, n, tid),
	   "tgt_list_tasks: our two threads");
	free(tids);
	if (write(go_fd[1], "x", 1) == 1)
		pthread_join(th, NULL);
	close(tid_fd[0]);
	close(tid_fd[1]);
	close(go_fd[0]);
	close(go_fd[1]);

	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	is_int(tgt_list_tasks(pid, &tids, &n), -ESRCH,
	       "tgt_list_tasks of a reaped child: -ESRCH");
}

static void
test_scan(void)
{
	pid_t *pids = NULL, reader, writer;
	int fds[2], sync[2], saved;
	char c;
	unsigned skipped;
	char why[256];
	size_t n;

	/* Our stderr becomes a pipe that reader reads (and writer holds
	   the write end of too). */
	if (!ok(pipe(fds) == 0 && pipe(sync) == 0, "a pipe"))
		return;
	reader = fork();
	if (reader == 0) {
		close(fds[1]);
		while (read(fds[0], &c, 1) > 0)
			;
		_exit(0);
	}
	writer = fork();
	if (writer == 0) {
		close(fds[0]);
		if (write(sync[1], "w", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(fds[0]);
	/* Scan only once the writer holds nothing but the write end. */
	if (read(sync[0], &c, 1) != 1)
		diag("the writer did not start");
	close(sync[0]);
	close(sync[1]);
	fflush(stderr);
	saved = dup(2);
	dup2(fds[1], 2);
	close(fds[1]);
	ok(tgt_scan_all(&pids, &n, &skipped, why, sizeof(why)) == 0,
	   "tgt_scan_all");
	dup2(saved, 2);
	close(saved);
	diag("skipped %u: %s", skipped, why);
	ok(n > 0 && !has_pid(pids, n, getpid()), "we are not in the list");
	ok(!has_pid(pids, n, reader), "the reader of our stderr is not");
	ok(has_pid(pids, n, writer), "a writer to the same pipe is");
	ok(strstr(why, "1 is udtrace itself") != NULL &&
		   strstr(why, "udtrace's output") != NULL,
	   "why: ourselves and the reader(s)");
	ok(skipped >= 2, "skipped counts both");
	free(pids);
	reap(writer);
	waitpid(reader, NULL, 0);
}

/* A child that holds keep (and closes the ndrop fds of drop), started
   and ready when this returns. */
static pid_t
spawn_holder(int keep, const int *drop, int ndrop)
{
	int sync[2], i;
	pid_t pid;
	char c;

	(void)keep;
	if (pipe(sync) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < ndrop; i++)
			close(drop[i]);
		if (write(sync[1], "h", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	if (pid > 0 && read(sync[0], &c, 1) != 1)
		diag("holder %d did not start", (int)pid);
	close(sync[0]);
	close(sync[1]);
	return pid;
}

/* tgt_scan_all with fd as our stderr: whether pid is in the list. */
static int
scanned_with_stderr(int fd, pid_t pid)
{
	pid_t *pids = NULL;
	unsigned skipped;
	char why[256];
	size_t n;
	int saved, found;

	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	found = tgt_scan_all(&pids, &n, &skipped, why, sizeof(why)) == 0 &&
		has_pid(pids, n, pid);
	dup2(saved, 2);
	close(saved);
	free(pids);
	return found;
}

static void
test_scan_socket(void)
{
	int sv[2], null;
	pid_t peer;

	if (!ok(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0,
		"a unix socket pair"))
		return;
	peer = spawn_holder(sv[1], sv, 1);
	ok(peer > 0 && !scanned_with_stderr(sv[0], peer),
	   "the peer of our stderr's unix socket is left out");
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	ok(peer > 0 && null >= 0 && scanned_with_stderr(null, peer),
	   "... and seized when our stderr is /dev/null");
	close(null);
	reap(peer);
	close(sv[0]);
	close(sv[1]);
}

static void
test_scan_pty(void)
{
	int m1, m2, s1, drop[3];
	pid_t h1, h2;

	m1 = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	m2 = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (!ok(m1 >= 0 && m2 >= 0 && grantpt(m1) == 0 && unlockpt(m1) == 0,
		"two pseudo-terminals"))
		return;
	s1 = open(ptsname(m1), O_RDWR | O_NOCTTY | O_CLOEXEC);
	drop[0] = m2;
	drop[1] = s1;
	h1 = spawn_holder(m1, drop, 2);
	drop[0] = m1;
	h2 = spawn_holder(m2, drop, 2);
	ok(s1 >= 0 && !scanned_with_stderr(s1, h1),
	   "the holder of our stderr's pty master is left out");
	ok(s1 >= 0 && scanned_with_stderr(s1, h2),
	   "the holder of another pty master is not");
	reap(h1);
	reap(h2);
	close(s1);
	close(m1);
	close(m2);
}

int
main(void)
{
	test_filter_logic();
	test_filter_kernel();
	test_mem();
	test_explain();
	test_tasks();
	test_scan();
	test_scan_socket();
	test_scan_pty();
	return done_testing();
}
