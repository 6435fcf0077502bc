/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Processes and threads: the tables, starting (-c), seizing (-p, every
 * process) and letting go (DESIGN.md section 10). The stops themselves
 * are tgt_event.c's.
 *
 * A spawned child waits, before exec, on a pipe for its seccomp filter:
 * it is seized at once (so it dies with us, PTRACE_O_EXITKILL), the
 * syscall sets are known only later (tgt_spawn_run), and the filter must
 * be installed by the child itself. A second pipe, close-on-exec, tells
 * whether the exec happened (EOF) or failed (an errno).
 *
 * Attaching seizes every thread, rescanning /proc/PID/task until no new
 * one appears, then interrupts each so that it reaches a known stop, where
 * it is resumed in the right mode (PTRACE_SYSCALL or PTRACE_CONT).
 *
 * Detaching interrupts what runs, takes the stops that come meanwhile
 * (re-delivering a signal held in a signal-delivery stop through
 * PTRACE_DETACH), and lets each thread go. Threads in a group-stop stay
 * stopped. A process carrying our seccomp filter cannot run untraced (its
 * SECCOMP_RET_TRACE syscalls would fail with ENOSYS): it is killed; such
 * processes are -c children and their descendants, which PTRACE_O_EXITKILL
 * kills with us anyway.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/htab.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "target/tgt_impl.h"

/* How long an attach waits for the threads' first stops, and a detach
   for the threads to stop (then for the dying to be reaped). */
#define ATTACH_MS 2000
#define DETACH_MS 3000
#define DETACH_REAP_MS 500

/* ---- Tables ------------------------------------------------------------ */

struct tgt_thr *
tgt_thr_find(const struct tgt *t, pid_t tid)
{
	return htab_get(t->thr, &tid, sizeof(tid));
}

struct tgt_proc *
tgt_proc_find(const struct tgt *t, pid_t pid)
{
	return htab_get(t->proc, &pid, sizeof(pid));
}

struct tgt_proc *
tgt_proc_new(struct tgt *t, pid_t pid)
{
	struct tgt_proc *p = xcalloc(1, sizeof(*p));

	p->pid = pid;
	p->go_fd = p->st_fd = -1;
	htab_put(t->proc, &pid, sizeof(pid), p);
	t->nprocs++;
	return p;
}

struct tgt_thr *
tgt_thr_new(struct tgt *t, struct tgt_proc *proc, pid_t tid,
	    enum tgt_first first)
{
	struct tgt_thr *th = xcalloc(1, sizeof(*th));

	th->tid = tid;
	th->proc = proc;
	th->first = (unsigned char)first;
	th->pstate = TS_NEW;
	th->info.pid = proc->pid;
	th->info.tid = tid;
	th->next = proc->threads;
	proc->threads = th;
	if (first == FIRST_ATTACH)
		t->nfirst_attach++;
	htab_put(t->thr, &tid, sizeof(tid), th);
	return th;
}

void
tgt_thr_free(struct tgt *t, struct tgt_thr *th)
{
	struct tgt_thr **pp;

	for (pp = &th->proc->threads; *pp; pp = &(*pp)->next)
		if (*pp == th) {
			*pp = th->next;
			break;
		}
	if (th->first == FIRST_ATTACH)
		t->nfirst_attach--;
	if (htab_get(t->thr, &th->tid, sizeof(th->tid)) == th)
		htab_del(t->thr, &th->tid, sizeof(th->tid));
	if (t->cur == th)
		t->cur = NULL;
	free(th);
}

void
tgt_thr_rekey(struct tgt *t, struct tgt_thr *th, pid_t tid)
{
	if (htab_get(t->thr, &th->tid, sizeof(th->tid)) == th)
		htab_del(t->thr, &th->tid, sizeof(th->tid));
	th->tid = tid;
	th->info.tid = tid;
	htab_put(t->thr, &tid, sizeof(tid), th);
}

void
tgt_proc_free(struct tgt *t, struct tgt_proc *proc)
{
	while (proc->threads)
		tgt_thr_free(t, proc->threads);
	if (proc->go_fd >= 0)
		close(proc->go_fd);
	if (proc->st_fd >= 0)
		close(proc->st_fd);
	tgt_bkpt_drop(proc);
	tgt_sem_drop(proc);
	htab_del(t->proc, &proc->pid, sizeof(proc->pid));
	t->nprocs--;
	free(proc);
}

unsigned
tgt_proc_live(const struct tgt_proc *proc)
{
	unsigned n = 0;

	for (const struct tgt_thr *th = proc->threads; th; th = th->next)
		n += !th->exiting;
	return n;
}

/* ---- /proc --------------------------------------------------------------- */

ssize_t
tgt_read_small(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0)
		n = -errno;
	else
		buf[n] = '\0';
	close(fd);
	return n;
}

static long
field(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* The second number of a line such as "Uid:\t1000\t0\t0\t0" (the
   effective id), -1 when absent. */
static long
field2(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	char *end;

	if (p == NULL)
		return -1;
	(void)strtol(p + strlen(key), &end, 10);
	return strtol(end, NULL, 10);
}

/* A signal mask line ("SigPnd:\t0000000000000100"), 0 when absent. */
static uint64_t
mask_field(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p ? strtoull(p + strlen(key), NULL, 16) : 0;
}

int
tgt_read_status(pid_t tid, struct tgt_status *st)
{
	char path[64], buf[4096];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	n = tgt_read_small(path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	st->tgid = (pid_t)field(buf, "\nTgid:");
	st->ppid = (pid_t)field(buf, "\nPPid:");
	st->tracer = (pid_t)field(buf, "\nTracerPid:");
	st->uid = (uid_t)field(buf, "\nUid:");
	st->euid = (uid_t)field2(buf, "\nUid:");
	st->gid = (gid_t)field(buf, "\nGid:");
	st->egid = (gid_t)field2(buf, "\nGid:");
	st->seccomp = (int)field(buf, "\nSeccomp:");
	st->sigpnd = mask_field(buf, "\nSigPnd:");
	st->shdpnd = mask_field(buf, "\nShdPnd:");
	st->sigblk = mask_field(buf, "\nSigBlk:");
	st->capeff = mask_field(buf, "\nCapEff:");
	st->threads = field(buf, "\nThreads:");
	return 0;
}

long
tgt_proc_threads(pid_t pid)
{
	struct tgt_status st;

	return tgt_read_status(pid, &st) == 0 && st.threads > 0 ? st.threads :
								  0;
}

int
tgt_exec_unprivileged(pid_t pid)
{
	char path[64];
	struct stat sb;
	struct tgt_status st;

	/* The kernel's own link to the image: no path of the tracee's is
	   opened, and stat() opens nothing. */
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	if (stat(path, &sb) != 0 || !(sb.st_mode & (S_ISUID | S_ISGID)))
		return 0;
	if (tgt_read_status(pid, &st) != 0)
		return 0;
	return ((sb.st_mode & S_ISUID) && st.euid != sb.st_uid) ||
	       ((sb.st_mode & S_ISGID) && st.egid != sb.st_gid);
}

void
tgt_info_load(struct tgt_thr *th)
{
	struct tgt_status st;
	char path[64], buf[64];
	ssize_t n;

	th->info.pid = th->proc->pid;
	th->info.tid = th->tid;
	th->rseq = 0; /* a new image registers its own */
	if (tgt_read_status(th->tid, &st) == 0) {
		th->info.ppid = st.ppid;
		th->info.uid = st.uid;
		th->info.gid = st.gid;
	}
	/* execname is the process's name, not a thread's own (pthread
	   names): the leader's comm. */
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)th->proc->pid);
	n = tgt_read_small(path, buf, sizeof(buf));
	if (n > 0) {
		if (buf[n - 1] == '\n')
			buf[n - 1] = '\0';
		snprintf(th->info.comm, sizeof(th->info.comm), "%.15s", buf);
	}
}

static void
sleep_1ms(void)
{
	struct timespec ts = { 0, 1000000L };

	nanosleep(&ts, NULL);
}

int64_t
tgt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- Life cycle ---------------------------------------------------------- */

struct tgt *
tgt_create(const struct tgt_callbacks *cb)
{
	struct tgt *t = xcalloc(1, sizeof(*t));

	if (cb)
		t->cb = *cb;
	t->thr = htab_create();
	t->proc = htab_create();
	t->self = getpid();
	t->nr_clone = arch_sc_lookup("clone");
	tgt_place_init(&t->place, 1);
	return t;
}

void
tgt_set_placement(struct tgt *t, int follow)
{
	if (follow)
		tgt_place_init(&t->place, 1);
	else
		tgt_place_end(&t->place);
}

void
tgt_destroy(struct tgt *t)
{
	if (t == NULL)
		return;
	tgt_detach_all(t, 0);
	/* After the detach: the processes holding the filter are gone. */
	tgt_notify_close_all(t);
	free(t->stopless);
	htab_destroy(t->thr);
	htab_destroy(t->proc);
	free(t->entry);
	free(t->exit);
	VEC_FREE(&t->orphans);
	VEC_FREE(&t->early);
	VEC_FREE(&t->deferred);
	VEC_FREE(&t->replay);
	free(t);
}

void
tgt_set_syscalls(struct tgt *t, const uint8_t *entry, const uint8_t *exit,
		 size_t n)
{
	int any = 0;

	free(t->entry);
	free(t->exit);
	t->entry = xcalloc(n ? n : 1, 1);
	t->exit = xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		t->entry[i] = entry && entry[i];
		t->exit[i] = exit && exit[i];
		any |= t->entry[i] | t->exit[i];
	}
	t->nsc = n;
	if (any && !t->any_wanted) {
		t->any_wanted = 1;
		tgt_remode(t);
	}
	/* From wanted to none: each thread switches to PTRACE_CONT at its
	   next syscall stop. */
	t->any_wanted = any;
}

void
tgt_set_stopless(struct tgt *t, const uint8_t *stopless, size_t n)
{
	free(t->stopless);
	t->stopless = xcalloc(n ? n : 1, 1);
	if (stopless)
		memcpy(t->stopless, stopless, n);
	t->nstopless = n;
}

unsigned
tgt_nprocs(const struct tgt *t)
{
	return t->nprocs;
}

int
tgt_traced(const struct tgt *t, pid_t pid)
{
	return tgt_proc_find(t, pid) != NULL;
}

const struct tgt_thread_info *
tgt_thread_info(struct tgt *t, pid_t tid)
{
	struct tgt_thr *th = tgt_thr_find(t, tid);

	return th ? &th->info : NULL;
}

/* Field 39 of /proc/PID/task/TID/stat: the CPU the thread last ran on;
   -1 when unreadable. */
static int
stat_cpu(pid_t pid, pid_t tid)
{
	char path[96], buf[1024], *p;
	ssize_t n;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid,
		 (int)tid);
	n = tgt_read_small(path, buf, sizeof(buf));
	if (n <= 0 || (p = strrchr(buf, ')')) == NULL)
		return -1;
	/* field 3 (state) is the first after ')'; the CPU is field 39:
	   37 blanks on, from the one before field 3 */
	for (i = 3; i < 40 && *p; i++) {
		p = strchr(p + 1, ' ');
		if (p == NULL)
			return -1;
	}
	return atoi(p + 1);
}

/*
 * The CPU a stopped thread last ran on, for dtrace's CPU column and `cpu`:
 * the cpu_id its kernel keeps up to date in the thread's rseq area (glibc
 * registers one per thread; PTRACE_GET_RSEQ_CONFIGURATION tells where),
 * one 4-byte read instead of parsing /proc at every probe; /proc when the
 * thread has no rseq area (yet).
 */
int
tgt_thread_cpu(struct tgt *t, pid_t tid)
{
	struct tgt_thr *th = tgt_thr_find(t, tid);
	struct __ptrace_rseq_configuration conf;
	uint32_t cpu;

	if (th == NULL)
		return -1;
	/* Zeroed for valgrind, which does not know that this request
	   fills conf (and reports every use of it). */
	memset(&conf, 0, sizeof(conf));
	if (th->rseq == 0 &&
	    ptrace(PTRACE_GET_RSEQ_CONFIGURATION, tid, sizeof(conf), &conf) ==
		    (long)sizeof(conf) &&
	    conf.rseq_abi_pointer != 0)
		th->rseq = conf.rseq_abi_pointer;
	/* struct rseq: u32 cpu_id_start, u32 cpu_id */
	if (th->rseq &&
	    tgt_read(t, th->proc->pid, th->rseq + 4, &cpu, sizeof(cpu)) == 0 &&
	    (int32_t)cpu >= 0)
		return (int)cpu;
	th->rseq = 0;
	return stat_cpu(th->proc->pid, tid);
}

int
tgt_raise(struct tgt *t, pid_t tid, int sig)
{
	struct tgt_thr *th = tgt_thr_find(t, tid);

	if (th == NULL)
		return -ESRCH;
	if (syscall(SYS_tgkill, th->proc->pid, tid, sig) < 0)
		return -errno;
	return 0;
}

int
tgt_stop_process(struct tgt *t, pid_t pid)
{
	if (!tgt_proc_find(t, pid))
		return -ESRCH;
	/* A real SIGSTOP: the group-stop is honoured (PTRACE_LISTEN) and
	   outlives the detach. */
	if (kill(pid, SIGSTOP) < 0)
		return -errno;
	return 0;
}

/* ---- Spawning (-c) ----------------------------------------------------- */

/* What the parent sends the waiting child: then len instructions. */
struct spawn_hdr {
	unsigned short len;   /* 0: no filter */
	unsigned char nnp;    /* set PR_SET_NO_NEW_PRIVS first */
	unsigned char notify; /* the filter notifies: ask for a listener */
};

/*
 * The child's listener (SECCOMP_FILTER_FLAG_NEW_LISTENER), in the child's
 * copy of this variable: udtrace reads it there at the seccomp stop of the
 * child's execve, when the listener still exists (it is close-on-exec),
 * and takes it with pidfd_getfd(). No other syscall of the child comes
 * between the filter and the execve, whose stop the filter guarantees
 * (TGT_SC_TRACE): none can wait for a listener udtrace does not have yet.
 */
static volatile int spawn_listener = -1;

static void
split_words(const char *cmd, char ***argv, size_t *argc)
{
	VEC(char *) v = VEC_INIT;
	const char *p = cmd;

	for (;;) {
		const char *s;

		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		s = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		VEC_PUSH(&v, xstrndup(s, (size_t)(p - s)));
	}
	*argc = v.n;
	VEC_PUSH(&v, NULL);
	*argv = v.v;
}

static void
free_words(char **argv)
{
	for (char **p = argv; *p; p++)
		free(*p);
	free(argv);
}

static int
executable(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) < 0)
		return -errno;
	if (!S_ISREG(sb.st_mode) || access(path, X_OK) < 0)
		return -EACCES;
	return 0;
}

/* The file execvp() would run, found now so that a missing command fails
   at once. Returns a malloc'd path or NULL with *err set. */
static char *
find_command(const char *name, int *err)
{
	const char *path = getenv("PATH"), *p, *colon;
	int rc, seen = -ENOENT;

	if (strchr(name, '/')) {
		rc = executable(name);
		if (rc < 0) {
			*err = -rc;
			return NULL;
		}
		return xstrdup(name);
	}
	if (path == NULL)
		path = "/bin:/usr/bin";
	for (p = path;; p = colon + 1) {
		char *cand;
		size_t dl;

		colon = strchr(p, ':');
		dl = colon ? (size_t)(colon - p) : strlen(p);
		cand = dl ? xasprintf("%.*s/%s", (int)dl, p, name) :
			    xasprintf("%s", name);
		rc = executable(cand);
		if (rc == 0)
			return cand;
		if (rc == -EACCES)
			seen = rc;
		free(cand);
		if (!colon)
			break;
	}
	*err = -seen;
	return NULL;
}

static ssize_t
read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static void __attribute__((noreturn)) child_fail(int st, int err)
{
	ssize_t n = write(st, &err, sizeof(err));

	(void)n;
	_exit(127);
}

/* The child, between fork and exec: only async-signal-safe calls. */
static void __attribute__((noreturn))
spawn_child(int go, int st, const char *path, char *const argv[],
	    struct sock_filter *buf, const struct tgt_place *pl)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD };
	struct sigaction sa;
	struct spawn_hdr h;
	sigset_t none;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* udtrace's CPU is udtrace's: the command gets the mask udtrace
	   was given (before the filter: not one of its own syscalls). */
	tgt_place_child(pl);
	if (read_full(go, &h, sizeof(h)) != (ssize_t)sizeof(h))
		_exit(127); /* udtrace went away before tgt_spawn_run() */
	if (h.len) {
		struct sock_fprog prog = { h.len, buf };
		size_t sz = h.len * sizeof(*buf);

		if (h.len > BPF_MAXINSNS ||
		    read_full(go, buf, sz) != (ssize_t)sz)
			_exit(127);
		if (h.nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			child_fail(st, errno);
		if (h.notify) {
			/* Killable once received (Linux 5.19): see
			   tgt_notify.c. Without it, stops. */
			long fd = syscall(
				SYS_seccomp, SECCOMP_SET_MODE_FILTER,
				SECCOMP_FILTER_FLAG_NEW_LISTENER |
					SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
				&prog);

			if (fd >= 0) {
				spawn_listener = (int)fd;
				goto installed;
			}
			/* No listener to be had: the same filter, with
			   ptrace stops instead (udtrace sees
			   spawn_listener -1). */
			for (size_t i = 0; i < h.len; i++)
				if (buf[i].code == (BPF_RET | BPF_K) &&
				    buf[i].k == SECCOMP_RET_USER_NOTIF)
					buf[i].k = SECCOMP_RET_TRACE;
		}
		/* prctl() where seccomp(2) is unknown (valgrind running
		   udtrace also runs this child until its exec). */
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) <
			    0 &&
		    (errno != ENOSYS ||
		     prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0))
			child_fail(st, errno);
	installed:;
	}
	/* No close(go): it is close-on-exec, and a syscall here would be
	   traced as the command's own. */
	execv(path, argv);
	child_fail(st, errno);
}

int
tgt_spawn(struct tgt *t, const char *cmd, pid_t *pid, char *err, size_t errlen)
{
	struct tgt_proc *proc;
	struct tgt_thr *th;
	struct sock_filter *buf;
	char **argv, *path;
	size_t argc;
	int go[2], st[2], e = 0;
	pid_t c;

	split_words(cmd, &argv, &argc);
	if (argc == 0) {
		free_words(argv);
		snprintf(err, errlen, "empty command");
		return -1;
	}
	path = find_command(argv[0], &e);
	if (path == NULL) {
		snprintf(err, errlen, "%s", strerror(e));
		free_words(argv);
		return -1;
	}
	if (pipe2(go, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		goto fail_pipe;
	}
	if (pipe2(st, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		close(go[0]);
		close(go[1]);
		goto fail_pipe;
	}
	buf = xcalloc(BPF_MAXINSNS, sizeof(*buf));
	c = fork();
	if (c == 0)
		spawn_child(go[0], st[1], path, argv, buf, &t->place);
	e = errno;
	free(buf);
	close(go[0]);
	close(st[1]);
	if (c < 0) {
		snprintf(err, errlen, "%s", strerror(e));
		goto fail_fork;
	}
	if (ptrace(PTRACE_SEIZE, c, 0L,
		   (long)(TGT_OPTS | PTRACE_O_TRACESECCOMP |
			  PTRACE_O_EXITKILL)) < 0) {
		e = errno;
		kill(c, SIGKILL);
		while (waitpid(c, NULL, 0) < 0 && errno == EINTR)
			;
		tgt_perm_explain(c, e, err, errlen);
		goto fail_fork;
	}
	proc = tgt_proc_new(t, c);
	proc->spawned = 1;
	proc->exitkill = 1;
	proc->go_fd = go[1];
	proc->st_fd = st[0];
	th = tgt_thr_new(t, proc, c, FIRST_NONE);
	th->pstate = TS_RUNNING;
	/* Until its exec it is a copy of us (comm, ids): what a probe
	   firing before the exec sees. */
	tgt_info_load(th);
	*pid = c;
	free(path);
	free_words(argv);
	return 0;

fail_fork:
	close(go[1]);
	close(st[0]);
fail_pipe:
	free(path);
	free_words(argv);
	return -1;
}

static int
have_cap_sys_admin(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &h, d) < 0)
		return 0;
	return (d[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective &
		CAP_TO_MASK(CAP_SYS_ADMIN)) != 0;
}

static int
write_full(int fd, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, (const char *)buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

/*
 * The filter's class of each syscall: notify for the entry-only ones the
 * user serves without a stopped thread (tgt_set_stopless()), trace for
 * the other wanted ones. *notify is set when some are notified: then
 * execve and execveat are traced whatever is wanted (the stop where the
 * child's listener is taken). Returns a malloc'd array of t->nsc.
 */
static uint8_t *
spawn_classes(struct tgt *t, unsigned char *notify)
{
	uint8_t *want = xcalloc(t->nsc ? t->nsc : 1, 1);
	long execs[2] = { arch_sc_lookup("execve"),
			  arch_sc_lookup("execveat") };

	*notify = 0;
	for (size_t i = 0; i < t->nsc; i++) {
		if (!t->entry[i] && !t->exit[i])
			continue;
		want[i] = TGT_SC_TRACE;
		if (!t->exit[i] && i < t->nstopless && t->stopless[i] &&
		    (long)i != execs[0] && (long)i != execs[1])
			want[i] = TGT_SC_NOTIFY;
		*notify |= want[i] == TGT_SC_NOTIFY;
	}
	if (*notify &&
	    (t->nlisteners == TGT_MAX_LISTENERS || !tgt_notify_supported() ||
	     execs[0] < 0 || (size_t)execs[0] >= t->nsc)) {
		for (size_t i = 0; i < t->nsc; i++)
			if (want[i])
				want[i] = TGT_SC_TRACE;
		*notify = 0;
	}
	for (size_t k = 0; k < 2 && *notify; k++)
		if (execs[k] >= 0 && (size_t)execs[k] < t->nsc)
			want[execs[k]] = TGT_SC_TRACE;
	return want;
}

int
tgt_spawn_adopt(struct tgt *t, struct tgt_thr *th)
{
	struct tgt_proc *proc = th->proc;
	int lfd = -1, pfd, fd, rc;

	proc->listen_pending = 0;
	rc = tgt_read(t, proc->pid, (uint64_t)(uintptr_t)&spawn_listener, &lfd,
		      sizeof(lfd));
	if (rc < 0)
		return rc;
	if (lfd < 0)
		return 0; /* it fell back to a filter of stops */
	pfd = (int)syscall(SYS_pidfd_open, proc->pid, 0);
	if (pfd < 0)
		return -errno;
	fd = (int)syscall(SYS_pidfd_getfd, pfd, lfd, 0);
	rc = fd < 0 ? -errno : 0;
	close(pfd);
	if (rc == 0 && (rc = tgt_notify_add(t, fd)) < 0)
		close(fd);
	return rc;
}

/* The child failed before or at exec: kill it and forget it quietly. */
static void
spawn_abort(struct tgt *t, pid_t pid)
{
	struct tgt_proc *proc = tgt_proc_find(t, pid);
	int64_t deadline = tgt_now_ms() + DETACH_MS;

	if (proc == NULL)
		return;
	proc->quiet = 1;
	kill(pid, SIGKILL);
	while (tgt_proc_find(t, pid) && tgt_now_ms() < deadline)
		if (tgt_step(t) == 0)
			sleep_1ms();
	proc = tgt_proc_find(t, pid);
	if (proc)
		tgt_proc_free(t, proc);
}

/*
 * Waits until the child has exec'd (EOF on the status pipe) or failed,
 * taking its stops meanwhile (a signal, the seccomp stop of execve). A
 * quick command may even have run to its end (and be GONE) by then.
 */
static int
spawn_wait_exec(struct tgt *t, pid_t pid, char *err, size_t errlen)
{
	struct tgt_proc *proc = tgt_proc_find(t, pid);
	int fd = proc->st_fd, rc = -1;

	proc->st_fd = -1; /* ours now: the record may go meanwhile */
	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		int e = 0;
		ssize_t n;

		/* The pipe first, then the child's stops (the seccomp stop
		   of its execve, when execve is traced, comes before the
		   EOF), then a short sleep: no fixed delay per command. */
		if (poll(&pfd, 1, 0) <= 0) {
			if (tgt_step(t) == 0)
				(void)poll(&pfd, 1, 1);
			continue;
		}
		n = read(fd, &e, sizeof(e));
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			rc = 0;
		else
			snprintf(err, errlen, "%s",
				 strerror(n == (ssize_t)sizeof(e) ? e : EIO));
		break;
	}
	close(fd);
	return rc;
}

int
tgt_spawn_run(struct tgt *t, pid_t pid, char *err, size_t errlen)
{
	struct tgt_proc *proc = tgt_proc_find(t, pid);
	struct sock_filter *filter = NULL;
	struct spawn_hdr h;
	uint8_t *want;
	int rc;

	memset(&h, 0, sizeof(h)); /* the padding goes down the pipe too */

	if (proc == NULL || proc->go_fd < 0) {
		snprintf(err, errlen, "process %d is not waiting to run",
			 (int)pid);
		return -1;
	}
	want = spawn_classes(t, &h.notify);
	filter = tgt_seccomp_build(want, t->nsc, &h.len);
	free(want);
	if (filter) {
		h.nnp = !have_cap_sys_admin();
		/* Before the child can make its first traced syscall. */
		proc->filtered = 1;
		t->ever_filtered = 1;
		proc->listen_pending = h.notify;
	} else {
		h.notify = 0;
	}
	rc = write_full(proc->go_fd, &h, sizeof(h));
	if (rc == 0 && h.len)
		rc = write_full(proc->go_fd, filter, h.len * sizeof(*filter));
	free(filter);
	close(proc->go_fd);
	proc->go_fd = -1;
	if (rc < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		spawn_abort(t, pid);
		return -1;
	}
	t->adopt_err = 0;
	if (spawn_wait_exec(t, pid, err, errlen) < 0) {
		spawn_abort(t, pid);
		return -1;
	}
	if (t->adopt_err) {
		snprintf(err, errlen, "cannot take its seccomp listener: %s",
			 strerror(t->adopt_err));
		spawn_abort(t, pid);
		return -1;
	}
	return 0;
}

/* ---- Attaching (-p, every process) ------------------------------------ */

static int
traced_by_us(struct tgt *t, pid_t pid)
{
	struct tgt_status st;

	return tgt_read_status(pid, &st) == 0 && st.tracer == t->self;
}

static int
seize(pid_t tid)
{
	return ptrace(PTRACE_SEIZE, tid, 0L, (long)TGT_OPTS) < 0 ? -errno : 0;
}

/*
 * Seizes every thread of pid and interrupts them; their first stops are
 * taken by tgt_settle(). 0, or -errno of the leader's PTRACE_SEIZE.
 */
static int
attach_proc(struct tgt *t, pid_t pid)
{
	struct tgt_proc *proc;
	struct tgt_thr *lead, *th;
	int rc, added;

	rc = seize(pid);
	if (rc < 0)
		return rc;
	proc = tgt_proc_new(t, pid);
	proc->attaching = 1;
	lead = tgt_thr_new(t, proc, pid, FIRST_ATTACH);
	tgt_info_load(lead);
	do {
		pid_t *tids;
		size_t n;

		added = 0;
		if (tgt_list_tasks(pid, &tids, &n) < 0)
			break;
		for (size_t i = 0; i < n; i++) {
			if (tgt_thr_find(t, tids[i]))
				continue;
			/* ESRCH: it exited; EPERM: a thread that a seized
			   one just created, ours already (its clone event
			   names it). */
			if (seize(tids[i]) < 0)
				continue;
			th = tgt_thr_new(t, proc, tids[i], FIRST_ATTACH);
			th->info = lead->info;
			th->info.tid = tids[i];
			added++;
		}
		free(tids);
	} while (added);
	for (th = proc->threads; th; th = th->next)
		if (th->first == FIRST_ATTACH &&
		    ptrace(PTRACE_INTERRUPT, th->tid, 0L, 0L) < 0) {
			/* Gone between the scan and now. */
			th->first = FIRST_NONE;
			t->nfirst_attach--;
			th->exiting = 1;
		}
	return 0;
}

int
tgt_attach(struct tgt *t, pid_t pid, char *err, size_t errlen)
{
	struct tgt_status st;
	struct tgt_proc *proc;
	int rc;

	if (tgt_proc_find(t, pid))
		return 0;
	if (pid == t->self) {
		snprintf(err, errlen, "udtrace cannot trace itself");
		return -1;
	}
	if (pid > 0 && tgt_read_status(pid, &st) == 0 && st.tgid != pid) {
		snprintf(err, errlen, "%d is a thread of process %d", (int)pid,
			 (int)st.tgid);
		return -1;
	}
	rc = pid > 0 ? attach_proc(t, pid) : -ESRCH;
	if (rc < 0) {
		tgt_perm_explain(pid, -rc, err, errlen);
		return -1;
	}
	tgt_settle(t, tgt_now_ms() + ATTACH_MS);
	/* Seized: it is traced, whatever it does now. If it ended during
	   the attach, its EXIT and GONE come from the next tgt_dispatch(),
	   when the caller knows it. */
	proc = tgt_proc_find(t, pid);
	if (proc)
		proc->attaching = 0;
	return 0;
}

int
tgt_attach_all(struct tgt *t, unsigned *nattached, unsigned *nskipped,
	       char *why, size_t whylen)
{
	pid_t *pids = NULL;
	size_t n = 0;
	unsigned skipped = 0, denied = 0, attached = 0;
	int rc;

	*nattached = *nskipped = 0;
	if (whylen)
		*why = '\0';
	rc = tgt_scan_all(&pids, &n, &skipped, why, whylen);
	if (rc < 0) {
		snprintf(why, whylen, "cannot read /proc: %s", strerror(-rc));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (tgt_proc_find(t, pids[i]))
			continue;
		rc = attach_proc(t, pids[i]);
		/* A process that vanished is not worth a word, nor one that
		   is ours already (a child of one we just seized). */
		if (rc < 0 && rc != -ESRCH && !traced_by_us(t, pids[i]))
			denied++;
	}
	tgt_settle(t, tgt_now_ms() + ATTACH_MS);
	for (size_t i = 0; i < n; i++) {
		struct tgt_proc *proc = tgt_proc_find(t, pids[i]);

		if (proc && proc->attaching) {
			proc->attaching = 0;
			attached++;
		}
	}
	free(pids);
	if (denied) {
		size_t len = strlen(why);

		snprintf(why + len, whylen > len ? whylen - len : 0,
			 "%s%u denied (EPERM)", len ? ", " : "", denied);
	}
	*nattached = attached;
	*nskipped = skipped + denied;
	if (attached == 0 && t->nprocs == 0) {
		if (!*why)
			snprintf(why, whylen, "no process to trace");
		return -1;
	}
	return 0;
}

/* ---- Detaching --------------------------------------------------------- */

static int
any_unstopped(struct tgt *t)
{
	size_t it = 0, klen;
	const void *key;
	void *val;

	while (htab_next(t->thr, &it, &key, &klen, &val))
		if (!((struct tgt_thr *)val)->exiting &&
		    !((struct tgt_thr *)val)->parked)
			return 1;
	return 0;
}

static int
any_proc(struct tgt *t)
{
	return t->nprocs != 0;
}

static void
kill_proc(struct tgt_proc *proc)
{
	proc->killing = 1;
	for (struct tgt_thr *th = proc->threads; th; th = th->next)
		th->exiting = 1;
	if (proc->go_fd >= 0) {
		close(proc->go_fd);
		proc->go_fd = -1;
	}
	kill(proc->pid, SIGKILL);
}

/* Lets one thread go, or asks it to stop so that it can be let go. */
static void
release_thr(struct tgt *t, struct tgt_thr *th)
{
	if (th->exiting)
		return; /* dying: only its reaping is left */
	if (th->pstate == TS_STOPPED) {
		/* The callback's thread (tgt_detach_all() called from it),
		   or one held: an override it asked for is undone, its
		   signal goes, at a breakpoint it is left at the address. */
		int sig = th->held ? th->held_sig : th->stop_sig;

		if (th->ovr && th->at_entry && t->cur == th && t->regs_ok)
			arch_sc_set_nr(th->tid, &t->regs, th->sc_nr);
		if (th->parked)
			return;
		if (th->bkpt) {
			tgt_bkpt_rewind(t, th);
			th->park_ok = 1; /* a signal-delivery stop */
		} else {
			th->park_ok = 0;
		}
		if (tgt_bkpt_park_needed(th->proc)) {
			th->park_sig = sig;
			th->parked = 1;
			return;
		}
		tgt_detach_thr(t, th, sig);
		return;
	}
	/* Running, listening (a PTRACE_LISTENed thread cannot be detached
	   until it stops again) or not yet stopped after an attach. */
	th->intr |= INTR_DETACH;
	if (th->pstate != TS_NEW &&
	    ptrace(PTRACE_INTERRUPT, th->tid, 0L, 0L) < 0)
		th->exiting = 1;
}

static void
release_all(struct tgt *t, struct tgt_proc *only)
{
	size_t it = 0, n = 0, klen;
	const void *key;
	void *val;
	pid_t *tids;

	if (htab_count(t->thr) == 0)
		return;
	tids = xcalloc(htab_count(t->thr), sizeof(*tids));
	while (htab_next(t->thr, &it, &key, &klen, &val)) {
		struct tgt_thr *th = val;

		if (!only || th->proc == only)
			tids[n++] = th->tid;
	}
	for (size_t i = 0; i < n; i++) {
		struct tgt_thr *th = tgt_thr_find(t, tids[i]);

		if (th)
			release_thr(t, th);
	}
	free(tids);
}

static void
release_orphans(struct tgt *t)
{
	for (size_t i = 0; i < t->orphans.n; i++) {
		pid_t tid = t->orphans.v[i].tid;
		struct tgt_status st;
		struct tgt_proc *p = NULL;
		int doomed;

		if (tgt_read_status(tid, &st) == 0) {
			p = tgt_proc_find(t, st.tgid);
			if (!p)
				p = tgt_proc_find(t, st.ppid);
		}
		doomed = p ? (p->killing || p->filtered) :
			     (st.seccomp == 2 && t->ever_filtered);
		if (doomed) {
			kill(tid, SIGKILL);
			ptrace(PTRACE_CONT, tid, 0L, 0L);
		} else {
			ptrace(PTRACE_DETACH, tid, 0L, 0L);
		}
	}
	t->orphans.n = 0;
}

static void
forget_all(struct tgt *t)
{
	size_t it = 0, klen;
	const void *key;
	void *val;

	while (htab_next(t->proc, &it, &key, &klen, &val)) {
		tgt_proc_free(t, val);
		it = 0;
	}
}

/* Lets the processes go and waits (a bounded time) until they are. The
   threads of processes with breakpoints are parked until all of their
   process have stopped, then fixed and let go together. */
static void
detach_wait(struct tgt *t)
{
	tgt_run_until(t, any_unstopped, tgt_now_ms() + DETACH_MS);
	tgt_bkpt_detach_finish(t);
	tgt_run_until(t, any_proc, tgt_now_ms() + DETACH_REAP_MS);
}

void
tgt_detach_all(struct tgt *t, int kill_spawned)
{
	size_t it = 0, klen;
	const void *key;
	void *val;

	t->deferred.n = 0; /* no event after a detach */
	/* Tracing ends: udtrace's own mask and policy back first, so that
	   letting go does not wait behind busy tasks as SCHED_IDLE. */
	tgt_place_end(&t->place);
	if (t->nprocs == 0 && t->orphans.n == 0)
		return;
	t->detaching++;
	t->epoch++;
	/* Processes that cannot live untraced, or that never ran. */
	while (htab_next(t->proc, &it, &key, &klen, &val)) {
		struct tgt_proc *proc = val;

		if (proc->filtered || proc->go_fd >= 0 ||
		    (kill_spawned && proc->spawned))
			kill_proc(proc);
	}
	/* Our semaphore increments go before anything is let go (a process
	   killed above keeps nothing). */
	tgt_sem_detach(t);
	/* No thread may run untraced through one of our int3: the original
	   bytes are back before the first is let go, the new threads whose
	   clone we have not seen yet too (they start in a function we may
	   have a breakpoint on). */
	tgt_bkpt_detach_begin(t);
	release_orphans(t);
	release_all(t, NULL);
	detach_wait(t);
	/* What neither stopped nor died in time is left to the kernel,
	   which detaches it when we exit. */
	forget_all(t);
	t->replay.n = 0;
	t->cur = NULL;
	t->detaching--;
}
