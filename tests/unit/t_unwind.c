/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for src/sym/sym_unwind.c: user stacks of real children of
 * this test. Each child runs tests/unit/unwind_chain (built with frame
 * pointers, and without them, optimised) under PTRACE_TRACEME, and stops
 * in the call chain main -> chain_f1 -> chain_f2 -> chain_f3. The
 * expected frames come from the program binary itself: nm -S gives each
 * function's address and size, the child's printed address of main gives
 * the load bias. Only processes this test started are traced.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sym/sym_unwind.h"
#include "tap.h"

enum { F3, F2, F1, MAIN, NFN };

#if defined(__aarch64__)
/* Moves a thread stopped on brk #0 past it (NT_PRSTATUS: x0..x30, sp,
   pc, pstate). */
static void
skip_brk(pid_t pid)
{
	unsigned long long regs[34];
	struct iovec iov = { regs, sizeof(regs) };

	if (ptrace(PTRACE_GETREGSET, pid, (void *)1 /* NT_PRSTATUS */, &iov) ==
	    0) {
		regs[32] += 4;
		ptrace(PTRACE_SETREGSET, pid, (void *)1, &iov);
	}
}
#endif

static const char *const fn_names[NFN] = { "chain_f3", "chain_f2", "chain_f1",
					   "main" };

struct range {
	uint64_t lo, hi; /* [lo, hi) in the running child */
};

static char helper_dir[PATH_MAX];

/* The functions' link-time ranges, from nm -S. 0 when all were found. */
static int
nm_ranges(const char *path, struct range r[NFN])
{
	char cmd[PATH_MAX + 64], line[512];
	FILE *f;
	int found = 0;

	memset(r, 0, sizeof(struct range) * NFN);
	snprintf(cmd, sizeof(cmd), "nm -S --defined-only '%s'", path);
	f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long a, s;
		char type, name[256];

		if (sscanf(line, "%llx %llx %c %255s", &a, &s, &type, name) !=
		    4)
			continue;
		for (int i = 0; i < NFN; i++)
			if (strcmp(name, fn_names[i]) == 0 && r[i].hi == 0) {
				r[i].lo = a;
				r[i].hi = a + s;
				found++;
			}
	}
	pclose(f);
	return found == NFN ? 0 : -1;
}

struct child {
	pid_t pid;
	uint64_t main_addr; /* as printed by the child */
};

/* Starts helper (mode t or s) traced, and lets it run to its stop in
   chain_f3. 0 with the child in a signal-delivery stop of sig. */
static int
start_child(const char *helper, const char *mode, int sig, struct child *c)
{
	int pfd[2], st;
	char buf[128];
	ssize_t n;
	size_t len = 0;
	unsigned long long a;

	if (pipe(pfd) < 0)
		return -1;
	c->pid = fork();
	if (c->pid < 0)
		return -1;
	if (c->pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
			_exit(126);
		execl(helper, helper, mode, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	/* The exec's SIGTRAP, then the stop in chain_f3. */
	if (waitpid(c->pid, &st, 0) != c->pid || !WIFSTOPPED(st) ||
	    WSTOPSIG(st) != SIGTRAP) {
		diag("%s: no exec stop (status %#x)", helper, st);
		close(pfd[0]);
		return -1;
	}
	ptrace(PTRACE_SETOPTIONS, c->pid, 0, (void *)PTRACE_O_EXITKILL);
	ptrace(PTRACE_CONT, c->pid, 0, 0);
	if (waitpid(c->pid, &st, 0) != c->pid || !WIFSTOPPED(st) ||
	    WSTOPSIG(st) != sig) {
		diag("%s %s: not stopped by signal %d (status %#x)", helper,
		     mode, sig, st);
		close(pfd[0]);
		return -1;
	}
	while (len < sizeof(buf) - 1 &&
	       (n = read(pfd[0], buf + len, sizeof(buf) - 1 - len)) > 0) {
		len += (size_t)n;
		if (memchr(buf, '\n', len))
			break;
	}
	close(pfd[0]);
	buf[len] = '\0';
	if (sscanf(buf, "main=%llx", &a) != 1) {
		diag("%s: no main address in \"%s\"", helper, buf);
		return -1;
	}
	c->main_addr = a;
	return 0;
}

static void
end_child(struct child *c)
{
	int st;

	kill(c->pid, SIGKILL);
	while (waitpid(c->pid, &st, 0) < 0 && errno == EINTR)
		;
}

static int
in_range(uint64_t pc, const struct range *r)
{
	return pc >= r->lo && pc < r->hi;
}

/* Where pc falls among the chain's functions (-1: elsewhere). */
static int
which_fn(uint64_t pc, const struct range r[NFN])
{
	for (int i = 0; i < NFN; i++)
		if (in_range(pc, &r[i]))
			return i;
	return -1;
}

static void
print_stack(const uint64_t *pcs, int n, const struct range r[NFN])
{
	for (int i = 0; i < n; i++) {
		int w = which_fn(pcs[i], r);

		diag("  #%d %#llx %s", i, (unsigned long long)pcs[i],
		     w >= 0 ? fn_names[w] : "?");
	}
}

/*
 * One child: helper stopped in mode (t: int3 in chain_f3, so frame 0 is in
 * chain_f3; s: raise(SIGSTOP), so libc's frames come first).
 */
static void
check_chain(const char *variant, const char *mode, int sig)
{
	char helper[PATH_MAX + 32];
	struct range r[NFN];
	struct child c;
	struct sym_unwinder *u;
	uint64_t pcs[64], again[64];
	int n, n2, first = -1, ok_order = 1, rc;
	uint64_t bias;

	snprintf(helper, sizeof(helper), "%s/%s", helper_dir, variant);
	if (nm_ranges(helper, r) < 0) {
		ok(0, "%s: nm -S finds the chain's functions", variant);
		return;
	}
	if (start_child(helper, mode, sig, &c) < 0) {
		ok(0, "%s %s: child stopped in chain_f3", variant, mode);
		return;
	}
	bias = c.main_addr - r[MAIN].lo;
	for (int i = 0; i < NFN; i++) {
		r[i].lo += bias;
		r[i].hi += bias;
	}

	u = sym_unwind_open(c.pid);
	ok(u != NULL, "%s %s: unwinder opened", variant, mode);
	if (u == NULL) {
		end_child(&c);
		return;
	}
	is_int(sym_unwind_pid(u), c.pid, "%s %s: its pid", variant, mode);
	n = sym_unwind(u, c.pid, pcs, 64);
	ok(n >= 4, "%s %s: %d frames (at least chain_f3..main)", variant, mode,
	   n);
	for (int i = 0; i < n; i++)
		if (in_range(pcs[i], &r[F3])) {
			first = i;
			break;
		}
	if (mode[0] == 't')
		is_int(first, 0, "%s %s: frame 0 is in chain_f3", variant,
		       mode);
	else
		ok(first >= 1, "%s %s: chain_f3 below libc's raise (frame %d)",
		   variant, mode, first);
	if (first < 0 || first + NFN > n) {
		ok_order = 0;
	} else {
		for (int i = 0; i < NFN; i++)
			if (!in_range(pcs[first + i], &r[i]))
				ok_order = 0;
	}
	ok(ok_order, "%s %s: chain_f3, chain_f2, chain_f1, main in order",
	   variant, mode);
	if (!ok_order)
		print_stack(pcs, n, r);
	ok(n < 64 && n <= first + NFN + 4,
	   "%s %s: the walk ends soon after main (%d frames)", variant, mode,
	   n);

	/* Again, from the caches: the same stack. */
	n2 = sym_unwind(u, c.pid, again, 64);
	ok(n2 == n && memcmp(pcs, again, sizeof(pcs[0]) * (size_t)n) == 0,
	   "%s %s: a second walk gives the same stack", variant, mode);
	sym_unwind_flush(u);
	n2 = sym_unwind(u, c.pid, again, 64);
	ok(n2 == n && memcmp(pcs, again, sizeof(pcs[0]) * (size_t)n) == 0,
	   "%s %s: so does one after a flush", variant, mode);

	/* max bounds the walk; the frames are the innermost ones. */
	n2 = sym_unwind(u, c.pid, again, 2);
	ok(n2 == 2 && again[0] == pcs[0] && again[1] == pcs[1],
	   "%s %s: max 2 gives the 2 innermost frames", variant, mode);
	is_int(sym_unwind(u, c.pid, again, 0), 0, "%s %s: max 0 gives none",
	       variant, mode);

	/* Running (resumed, in pause()): not in a ptrace-stop. brk leaves
	   the pc on itself (int3 moves past): step it first. */
#if defined(__aarch64__)
	if (*mode == 't')
		skip_brk(c.pid);
#endif
	ptrace(PTRACE_CONT, c.pid, 0, 0);
	rc = sym_unwind(u, c.pid, again, 64);
	is_int(rc, -ESRCH, "%s %s: a running thread is refused", variant, mode);
	end_child(&c);
	/* Gone. */
	rc = sym_unwind(u, c.pid, again, 64);
	is_int(rc, -ESRCH, "%s %s: a reaped process is refused", variant, mode);
	sym_unwind_close(u);
}

/* A child of ours that is not traced at all. */
static void
check_untraced(void)
{
	struct sym_unwinder *u;
	uint64_t pcs[8];
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		for (;;)
			pause();
	}
	u = sym_unwind_open(pid);
	is_int(sym_unwind(u, pid, pcs, 8), -ESRCH,
	       "an untraced child is refused");
	sym_unwind_close(u);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	sym_unwind_close(NULL);
	ok(1, "sym_unwind_close(NULL) is harmless");
}

int
main(void)
{
	ssize_t len =
		readlink("/proc/self/exe", helper_dir, sizeof(helper_dir) - 1);
	char *slash;

	if (len <= 0)
		return 99;
	helper_dir[len] = '\0';
	slash = strrchr(helper_dir, '/');
	if (slash)
		*slash = '\0';

	check_chain("unwind_chain", "t", SIGTRAP);
	check_chain("unwind_chain_nofp", "t", SIGTRAP);
	check_chain("unwind_chain_nofp", "s", SIGSTOP);
	check_chain("unwind_chain", "s", SIGSTOP);
	check_untraced();
	return done_testing();
}
