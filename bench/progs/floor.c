/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench floor: what ptrace itself costs on this machine, the floor under
 * any ptrace tracer (udtrace, strace, ltrace). A tracer of its own, as
 * small as a tracer can be: each event is one stop, one register read
 * (and for the breakpoint one write) and one resume, nothing else.
 *
 *   floor N [CPU|-] [KIND...]
 *
 * Measures, per loop iteration of a child process, in ns:
 *  untraced         syscall(SYS_getppid), no tracer;
 *  seccomp-nomatch  the same, traced, under a seccomp filter that returns
 *                   SECCOMP_RET_TRACE for mincore only: the filter's cost;
 *  seccomp-stop     the filter traps getppid: one PTRACE_EVENT_SECCOMP
 *                   stop per call, PTRACE_GETREGSET then PTRACE_CONT (the
 *                   one-stop floor of a syscall entry probe);
 *  syscall-2stop    PTRACE_SYSCALL: an entry and an exit stop per call,
 *                   the registers read at each (the floor of entry+return);
 *  bkpt-stop        a call of a function whose first instruction, a nop,
 *                   is replaced by a breakpoint: GETREGSET, SETREGSET (pc
 *                   past the nop, as a tracer that emulates it) and
 *                   PTRACE_CONT per call (the floor of a pid probe);
 *  pipe-pingpong    one byte there and back over two pipes between two
 *                   processes: the two wake-ups of a stop, without ptrace;
 *  notif            no ptrace: a seccomp filter returns
 *                   SECCOMP_RET_USER_NOTIF for getppid, and the tracer
 *                   answers each notification (NOTIF_RECV, then NOTIF_SEND
 *                   with FLAG_CONTINUE: the syscall runs); the notification
 *                   carries the number and the arguments, all an entry
 *                   probe reads of the registers;
 *  notif-sync       the same with SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (Linux
 *                   6.6): the kernel wakes the waiting side on the CPU it
 *                   runs on, as a synchronous hand-off.
 * The child times its own loop (CLOCK_MONOTONIC), so that fork, the
 * tracer's set-up and the exit are left out. Each figure is the median of REPS runs,
 * taken in alternation (run 1 of every kind, then run 2, ...) so that a
 * drift of the machine hits every kind alike. With CPU, the tracer and
 * the child are both pinned to it (the same-CPU placement); "-": not
 * pinned. With KINDs (their names below), only those are measured: make
 * bench runs the few a workload is compared with right before it, since
 * this machine's speed drifts over a minute.
 *
 * Prints "floor NAME NS_PER_EVENT" per kind. Exit 0; 1 when a kind failed
 * (its line left out, the reason on stderr); 2 on a usage error.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REPS 3

/* Linux 6.6's synchronous wake-up of a notification's two sides; the
   kernel headers of older distributions lack it (the run of that kind
   then fails with EINVAL, and its line is left out). */
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

/*
 * The CPU's part: the register set, its pc, the breakpoint, and the
 * function it is planted in (a nop first, so that the tracer resumes past
 * it without executing anything in the tracee's place). Both functions
 * are 16-byte aligned, so the word the tracer peeks and pokes at their
 * start never crosses into another page.
 */
#if defined(__x86_64__)
#define FLOOR_AUDIT_ARCH AUDIT_ARCH_X86_64
#define REG_PC(r) ((r).rip)
/* int3 over the 1-byte nop: the trap leaves rip after it, which is where
   the nop would have left it, so the pc written back is the one read; it
   is written all the same, as by a tracer that emulates an instruction. */
static const unsigned char bkpt_insn[] = { 0xcc };
#define TRAP_PC_OFF 1
#define NOP_LEN 1
__asm__(".pushsection .text\n"
	".p2align 4\n"
	".type floor_target, @function\n"
	"floor_target:\n"
	"\tnop\n"
	"\tlea 1(%rdi), %rax\n"
	"\tret\n"
	".size floor_target, . - floor_target\n"
	".popsection\n");
#elif defined(__aarch64__)
#define FLOOR_AUDIT_ARCH AUDIT_ARCH_AARCH64
#define REG_PC(r) ((r).pc)
/* brk #0 (0xd4200000, little-endian); the trap leaves pc on it. */
static const unsigned char bkpt_insn[] = { 0x00, 0x00, 0x20, 0xd4 };
#define TRAP_PC_OFF 0
#define NOP_LEN 4
__asm__(".pushsection .text\n"
	".p2align 4\n"
	".type floor_target, %function\n"
	"floor_target:\n"
	"\tnop\n"
	"\tadd x0, x0, #1\n"
	"\tret\n"
	".size floor_target, . - floor_target\n"
	".popsection\n");
#else
#error "bench/progs/floor.c: x86_64 or aarch64 only"
#endif

/* Defined in the asm above: x + 1. */
long floor_target(long x);

enum kind {
	K_UNTRACED,
	K_SC_NOMATCH,
	K_SC_STOP,
	K_SYSCALL_2STOP,
	K_BKPT,
	K_PINGPONG,
	K_NOTIF,
	K_NOTIF_SYNC,
	K_COUNT
};

static const char *const kind_name[K_COUNT] = {
	"untraced",  "seccomp-nomatch", "seccomp-stop", "syscall-2stop",
	"bkpt-stop", "pipe-pingpong",	"notif",	"notif-sync",
};

/* The pipes of one run: the child's result, and the ping-pong's two;
   the socket pair that passes the notification fd to the parent. */
struct run {
	int res[2];
	int ping[2];
	int pong[2];
	int sock[2];
};

static int
is_notif(enum kind k)
{
	return k == K_NOTIF || k == K_NOTIF_SYNC;
}

/* Keeps the loops' results alive, so that no call can be left out. */
static volatile long sink;

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int
is_traced(enum kind k)
{
	return k != K_UNTRACED && k != K_PINGPONG && !is_notif(k);
}

/* ---- the child ---- */

/* ret for syscall nr, RET_ALLOW for the rest (and for another ABI), the
   shape of udtrace's own filter. With RET_USER_NOTIF, returns the
   listener's fd. */
static int
install_filter(long nr, uint32_t ret)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, FLOOR_AUDIT_ARCH, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, ret),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof f / sizeof f[0], f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	if (ret == SECCOMP_RET_USER_NOTIF)
		return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
				    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0 ? -1 : 0;
}

/* fd to the other end of the socket pair (SCM_RIGHTS). */
static int
send_fd(int sock, int fd)
{
	char byte = 'f';
	struct iovec iov = { &byte, 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;

	memset(&u, 0, sizeof u);
	m.msg_control = u.buf;
	m.msg_controllen = sizeof u.buf;
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof fd);
	return sendmsg(sock, &m, 0) == 1 ? 0 : -1;
}

static int
recv_fd(int sock)
{
	char byte;
	struct iovec iov = { &byte, 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	int fd;

	m.msg_control = u.buf;
	m.msg_controllen = sizeof u.buf;
	if (recvmsg(sock, &m, 0) != 1)
		return -1;
	c = CMSG_FIRSTHDR(&m);
	if (c == NULL || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof fd);
	return fd;
}

static void
loop_getppid(long n)
{
	long i, sum = 0;

	for (i = 0; i < n; i++)
		sum += syscall(SYS_getppid);
	sink = sum;
}

static void
loop_calls(long n)
{
	long i, sum = 0;

	for (i = 0; i < n; i++)
		sum += floor_target(i);
	sink = sum;
}

/* n round trips; the parent echoes each byte back. */
static int
loop_pingpong(long n, const struct run *rn)
{
	long i;
	char c = 'x';

	for (i = 0; i < n; i++)
		if (write(rn->ping[1], &c, 1) != 1 ||
		    read(rn->pong[0], &c, 1) != 1)
			return -1;
	return 0;
}

/* The measured loop of kind k; returns its ns, or -1. */
static long long
child_loop(enum kind k, long n, const struct run *rn)
{
	long long t0 = now_ns();

	switch (k) {
	case K_BKPT:
		loop_calls(n);
		break;
	case K_PINGPONG:
		if (loop_pingpong(n, rn) != 0)
			return -1;
		break;
	default:
		loop_getppid(n);
		break;
	}
	return now_ns() - t0;
}

/* Stops for its tracer to set up, installs the filter, runs the loop and
   writes its time to the result pipe. */
static void
child(enum kind k, long n, const struct run *rn)
{
	long long ns;

	if (is_traced(k)) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0) {
			perror("floor: PTRACE_TRACEME");
			_exit(1);
		}
		raise(SIGSTOP);
	}
	if ((k == K_SC_NOMATCH || k == K_SC_STOP) &&
	    install_filter(k == K_SC_STOP ? SYS_getppid : SYS_mincore,
			   SECCOMP_RET_TRACE) != 0) {
		perror("floor: seccomp filter");
		_exit(1);
	}
	if (is_notif(k)) {
		int fd = install_filter(SYS_getppid, SECCOMP_RET_USER_NOTIF);
		char go;

		/* The listener to the parent, then wait until it is ready
		   (the sync flag is set before the first notification). */
		if (fd < 0 || send_fd(rn->sock[1], fd) != 0 ||
		    read(rn->sock[1], &go, 1) != 1) {
			perror("floor: seccomp listener");
			_exit(1);
		}
		close(fd);
	}
	ns = child_loop(k, n, rn);
	if (ns < 0 || write(rn->res[1], &ns, sizeof ns) != sizeof ns)
		_exit(1);
	_exit(0);
}

/* ---- the tracer ---- */

static int
get_regs(pid_t pid, struct user_regs_struct *r)
{
	struct iovec iov = { r, sizeof *r };

	return (int)ptrace(PTRACE_GETREGSET, pid,
			   (void *)(uintptr_t)NT_PRSTATUS, &iov);
}

static int
set_regs(pid_t pid, struct user_regs_struct *r)
{
	struct iovec iov = { r, sizeof *r };

	return (int)ptrace(PTRACE_SETREGSET, pid,
			   (void *)(uintptr_t)NT_PRSTATUS, &iov);
}

/* The breakpoint over floor_target's nop (the child, a fork of ours, has
   it at the same address). */
static int
plant(pid_t pid)
{
	uintptr_t a = (uintptr_t)floor_target;
	long w;

	errno = 0;
	w = ptrace(PTRACE_PEEKTEXT, pid, (void *)a, NULL);
	if (errno != 0)
		return -1;
	memcpy(&w, bkpt_insn, sizeof bkpt_insn);
	return (int)ptrace(PTRACE_POKETEXT, pid, (void *)a, (void *)w);
}

/* A trap at our breakpoint: the pc past the nop, as a tracer that has
   emulated it. Returns 1 for ours, 0 for another trap, -1 on error. */
static int
step_over(pid_t pid)
{
	struct user_regs_struct r;
	uintptr_t a = (uintptr_t)floor_target;

	if (get_regs(pid, &r) != 0)
		return -1;
	if (REG_PC(r) != a + TRAP_PC_OFF)
		return 0;
	REG_PC(r) = a + NOP_LEN;
	return set_regs(pid, &r) != 0 ? -1 : 1;
}

/* One stop of kind k's tracee: counts the events, and sets *sig to the
   signal to deliver on resuming (0: ours, none). -1 on error. */
static int
on_stop(pid_t pid, enum kind k, int status, long *events, int *sig)
{
	struct user_regs_struct r;
	int s = WSTOPSIG(status), ours;

	*sig = 0;
	if (s == SIGTRAP && status >> 16 == PTRACE_EVENT_SECCOMP) {
		++*events;
		return get_regs(pid, &r);
	}
	if (s == (SIGTRAP | 0x80)) {
		++*events;
		return get_regs(pid, &r);
	}
	if (s == SIGTRAP && k == K_BKPT) {
		ours = step_over(pid);
		if (ours < 0)
			return -1;
		*events += ours;
		if (ours)
			return 0;
	}
	*sig = s;
	return 0;
}

/* A failed ptrace request of kind k's run, said on stderr; returns -1. */
static long
fail(enum kind k, const char *what)
{
	fprintf(stderr, "floor: %s: %s: %s\n", kind_name[k], what,
		strerror(errno));
	return -1;
}

/* The tracer's loop, from the child's first SIGSTOP to its exit.
   Returns the number of events, or -1 (said on stderr). */
static long
trace(pid_t pid, enum kind k)
{
	long events = 0, opts = PTRACE_O_EXITKILL | PTRACE_O_TRACESECCOMP |
				PTRACE_O_TRACESYSGOOD;
	int status, sig = 0;
	enum __ptrace_request req =
		k == K_SYSCALL_2STOP ? PTRACE_SYSCALL : PTRACE_CONT;

	if (waitpid(pid, &status, 0) != pid)
		return fail(k, "waitpid");
	if (!WIFSTOPPED(status)) {
		fprintf(stderr, "floor: %s: the tracee did not stop\n",
			kind_name[k]);
		return -1;
	}
	if (ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)opts) != 0)
		return fail(k, "PTRACE_SETOPTIONS");
	if (k == K_BKPT && plant(pid) != 0)
		return fail(k, "the breakpoint");
	for (;;) {
		if (ptrace(req, pid, NULL, (void *)(long)sig) != 0)
			return fail(k, "resume");
		if (waitpid(pid, &status, 0) != pid)
			return fail(k, "waitpid");
		if (WIFEXITED(status) || WIFSIGNALED(status))
			break;
		if (on_stop(pid, k, status, &events, &sig) != 0)
			return fail(k, "the registers");
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return events;
	fprintf(stderr, "floor: %s: the tracee failed (wait status 0x%x)\n",
		kind_name[k], (unsigned)status);
	return -1;
}

/* The listener's side of a notif run: n notifications answered with
   FLAG_CONTINUE (the syscall runs as if no filter had stopped it).
   Returns the events, or -1. */
static long
notif_serve(int sock, enum kind k, long n)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	long events = 0;
	int fd = recv_fd(sock);

	if (fd < 0)
		return fail(k, "the listener");
	if (k == K_NOTIF_SYNC &&
	    ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
		  SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP) != 0) {
		close(fd);
		return fail(k, "SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP");
	}
	if (write(sock, "g", 1) != 1) {
		close(fd);
		return fail(k, "the go-ahead");
	}
	while (events < n) {
		memset(&req, 0, sizeof req);
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) {
			close(fd);
			return fail(k, "SECCOMP_IOCTL_NOTIF_RECV");
		}
		memset(&resp, 0, sizeof resp);
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &resp) != 0) {
			close(fd);
			return fail(k, "SECCOMP_IOCTL_NOTIF_SEND");
		}
		if (req.data.nr == SYS_getppid)
			events++;
	}
	close(fd);
	return events;
}

/* The other end of the ping-pong: echoes every byte until EOF. */
static void
echo(const struct run *rn)
{
	char c;

	while (read(rn->ping[0], &c, 1) == 1)
		if (write(rn->pong[1], &c, 1) != 1)
			break;
}

/* The events kind k must have seen: a tracer that missed one would
   measure nothing. */
static int
events_ok(enum kind k, long n, long events)
{
	switch (k) {
	case K_SC_NOMATCH:
		return events == 0;
	case K_SC_STOP:
	case K_BKPT:
		return events == n;
	case K_SYSCALL_2STOP:
		return events >= 2 * n;
	default:
		return 1;
	}
}

static void
close_all(struct run *rn)
{
	int *fds[] = { rn->res, rn->ping, rn->pong, rn->sock }, i;

	for (i = 0; i < 4; i++) {
		if (fds[i][0] >= 0)
			close(fds[i][0]);
		if (fds[i][1] >= 0)
			close(fds[i][1]);
		fds[i][0] = fds[i][1] = -1;
	}
}

/* The parent's side of one run: trace, echo or just wait. */
static int
parent(pid_t pid, enum kind k, long n, struct run *rn)
{
	long events;
	int status;

	close(rn->res[1]);
	close(rn->ping[1]);
	close(rn->pong[0]);
	close(rn->sock[1]);
	rn->res[1] = rn->ping[1] = rn->pong[0] = rn->sock[1] = -1;
	if (is_traced(k)) {
		events = trace(pid, k);
		if (events < 0)
			return -1;
		if (!events_ok(k, n, events)) {
			fprintf(stderr, "floor: %s: %ld events for %ld calls\n",
				kind_name[k], events, n);
			return -1;
		}
		return 0;
	}
	if (k == K_PINGPONG)
		echo(rn);
	if (is_notif(k)) {
		events = notif_serve(rn->sock[0], k, n);
		if (events != n) {
			if (events >= 0)
				fprintf(stderr,
					"floor: %s: %ld events for %ld "
					"calls\n",
					kind_name[k], events, n);
			return -1;
		}
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "floor: %s: the child failed\n", kind_name[k]);
		return -1;
	}
	return 0;
}

/* One run of kind k: the child's ns per iteration, or -1. */
static double
run_kind(enum kind k, long n)
{
	struct run rn = { { -1, -1 }, { -1, -1 }, { -1, -1 }, { -1, -1 } };
	long long ns = -1;
	pid_t pid;
	int rc;

	if (pipe(rn.res) != 0 || pipe(rn.ping) != 0 || pipe(rn.pong) != 0 ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, rn.sock) != 0) {
		close_all(&rn);
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		close_all(&rn);
		return -1;
	}
	if (pid == 0)
		child(k, n, &rn);
	rc = parent(pid, k, n, &rn);
	if (rc != 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	} else if (read(rn.res[0], &ns, sizeof ns) != sizeof ns) {
		ns = -1;
	}
	close_all(&rn);
	return rc != 0 || ns < 0 ? -1 : (double)ns / (double)n;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof set, &set);
}

static int
usage(void)
{
	fprintf(stderr, "usage: floor N [CPU|-] [KIND...]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	double t[K_COUNT][REPS];
	int failed[K_COUNT] = { 0 }, want[K_COUNT], rep, k, i, rc = 0;
	long n;
	char *end;

	if (argc < 2)
		return usage();
	n = strtol(argv[1], &end, 10);
	if (end == argv[1] || *end != '\0' || n <= 0)
		return usage();
	for (k = 0; k < K_COUNT; k++)
		want[k] = argc <= 3;
	for (i = 3; i < argc; i++) {
		for (k = 0; k < K_COUNT && strcmp(argv[i], kind_name[k]); k++)
			;
		if (k == K_COUNT) {
			fprintf(stderr, "floor: no kind %s\n", argv[i]);
			return usage();
		}
		want[k] = 1;
	}
	if (argc >= 3 && strcmp(argv[2], "-") != 0 && pin(atoi(argv[2])) != 0) {
		fprintf(stderr, "floor: cpu %s: %s\n", argv[2],
			strerror(errno));
		return 2;
	}
	/* A dead child's pipe must fail a write, not kill us. */
	signal(SIGPIPE, SIG_IGN);
	for (rep = 0; rep < REPS; rep++)
		for (k = 0; k < K_COUNT; k++)
			if (want[k] && !failed[k] &&
			    (t[k][rep] = run_kind(k, n)) < 0)
				failed[k] = 1;
	for (k = 0; k < K_COUNT; k++) {
		if (!want[k])
			continue;
		if (failed[k]) {
			fprintf(stderr, "floor: %s failed\n", kind_name[k]);
			rc = 1;
			continue;
		}
		qsort(t[k], REPS, sizeof t[k][0], cmp_double);
		printf("floor %s %.1f\n", kind_name[k], t[k][REPS / 2]);
	}
	return rc;
}
