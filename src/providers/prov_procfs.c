/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psinfo_t and lwpsinfo_t from /proc: what Oracle DTrace's translators
 * read from the kernel's task_struct, read here from the files the kernel
 * derives from it. Used by the proc provider (args[] of create, lwp-create,
 * signal-send) and by the session (curpsinfo, curlwpsinfo).
 *
 * Nothing read from /proc is trusted: a comm may hold spaces, parentheses
 * or newlines (the last ')' of stat ends it), a file may be cut short when
 * the process dies while we read it, and every read is bounded. A field
 * that cannot be read stays 0.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "providers/prov_types.h"

/* stat(5)'s fields by number (1-based, as the man page counts). */
enum {
	ST_STATE = 3,
	ST_PPID = 4,
	ST_PGRP = 5,
	ST_SESSION = 6,
	ST_TTY_NR = 7,
	ST_UTIME = 14,
	ST_STIME = 15,
	ST_CUTIME = 16,
	ST_CSTIME = 17,
	ST_PRIORITY = 18,
	ST_NICE = 19,
	ST_NUM_THREADS = 20,
	ST_STARTTIME = 22,
	ST_VSIZE = 23,
	ST_RSS = 24,
	ST_STARTSTACK = 28,
	ST_PROCESSOR = 39,
	ST_POLICY = 41,
	ST_NFIELDS = 53
};

struct pstat {
	char comm[16];
	char state;
	long long f[ST_NFIELDS]; /* f[n]: field n (3: state as 0) */
};

/* Reads at most size - 1 bytes of path into buf, NUL-terminated.
   Returns the length or -errno. */
static ssize_t
read_small(const char *path, char *buf, size_t size)
{
	size_t got = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (got < size - 1) {
		ssize_t n = read(fd, buf + got, size - 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			close(fd);
			return -e;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	return (ssize_t)got;
}

/* Parses /proc/.../stat: "PID (COMM) STATE F4 F5 ...". */
static int
parse_stat(const char *path, struct pstat *st)
{
	char buf[1024], *lp, *rp, *p, *end;
	ssize_t len;
	size_t n;
	int i;

	memset(st, 0, sizeof(*st));
	len = read_small(path, buf, sizeof(buf));
	if (len < 0)
		return (int)len;
	lp = strchr(buf, '(');
	rp = strrchr(buf, ')');
	if (lp == NULL || rp == NULL || rp < lp)
		return -EIO;
	n = (size_t)(rp - lp - 1);
	if (n >= sizeof(st->comm))
		n = sizeof(st->comm) - 1;
	memcpy(st->comm, lp + 1, n);
	p = rp + 1;
	while (*p == ' ')
		p++;
	if (*p == '\0')
		return -EIO;
	st->state = *p++;
	for (i = ST_STATE + 1; i < ST_NFIELDS && *p; i++) {
		st->f[i] = strtoll(p, &end, 10);
		if (end == p)
			break;
		p = end;
	}
	/* a kernel that has fewer fields leaves the rest 0 */
	return i > ST_NUM_THREADS ? 0 : -EIO;
}

static void
ticks_to_ts(long long ticks, struct prov_timestruc *ts)
{
	long hz = sysconf(_SC_CLK_TCK);

	if (hz <= 0)
		hz = 100;
	if (ticks < 0)
		ticks = 0;
	ts->tv_sec = ticks / hz;
	ts->tv_nsec = (ticks % hz) * (1000000000LL / hz);
}

/* A start time in ticks since boot (stat's field 22) as wall time: boot
   time is now (realtime) minus the time since boot (boottime). */
static void
start_to_ts(long long ticks, struct prov_timestruc *ts)
{
	struct timespec real, boot;
	struct prov_timestruc since;
	long long ns;

	ticks_to_ts(ticks, &since);
	if (clock_gettime(CLOCK_REALTIME, &real) < 0 ||
	    clock_gettime(CLOCK_BOOTTIME, &boot) < 0) {
		*ts = since;
		return;
	}
	ns = (real.tv_sec - boot.tv_sec + since.tv_sec) * 1000000000LL +
	     (real.tv_nsec - boot.tv_nsec + since.tv_nsec);
	ts->tv_sec = ns / 1000000000LL;
	ts->tv_nsec = ns % 1000000000LL;
}

/* Solaris's process states from Linux's stat letters (procfs.d's
   SSLEEP... values, the D library's). */
static void
map_state(char c, prov_lwpsinfo_t *out)
{
	enum { SSLEEP = 1, SRUN, SZOMB, SSTOP, SIDL, SONPROC, SWAIT };
	enum { PR_STOPPED = 1 };

	switch (c) {
	case 'R':
		out->pr_state = SRUN;
		out->pr_sname = 'R';
		break;
	case 'S':
	case 'D':
	case 'I':
	case 'P':
		out->pr_state = SSLEEP;
		out->pr_sname = 'S';
		break;
	case 'T':
		out->pr_state = SSTOP;
		out->pr_sname = 'T';
		out->pr_flag = PR_STOPPED;
		break;
	case 't':
		/* our own ptrace stop: the thread is where a probe fires */
		out->pr_state = SONPROC;
		out->pr_sname = 'O';
		break;
	case 'Z':
	case 'X':
	case 'x':
		out->pr_state = SZOMB;
		out->pr_sname = 'Z';
		break;
	case 'W':
	case 'K':
		out->pr_state = SWAIT;
		out->pr_sname = 'W';
		break;
	default:
		out->pr_state = SRUN;
		out->pr_sname = 'R';
		break;
	}
}

static const char *
policy_name(long long policy)
{
	/* <linux/sched.h>: SCHED_OTHER 0 ... SCHED_DEADLINE 6 */
	static const char *const names[] = { "OTHER", "FIFO", "RR", "BATCH",
					     "ISO",   "IDLE", "DL" };

	if (policy < 0 || policy >= (long long)(sizeof(names) / sizeof(*names)))
		return "";
	return names[policy];
}

/* The first number of /proc/PID/task/TID/syscall ("running" or -1 when
   not in a syscall: 0). */
static int
task_syscall(pid_t pid, pid_t tid)
{
	char path[96], buf[64], *end;
	long nr;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", (int)pid,
		 (int)tid);
	if (read_small(path, buf, sizeof(buf)) <= 0)
		return 0;
	nr = strtol(buf, &end, 10);
	if (end == buf || nr < 0 || nr > 32767)
		return 0;
	return (int)nr;
}

int
prov_lwpsinfo_fill(pid_t pid, pid_t tid, prov_lwpsinfo_t *out)
{
	char path[96];
	struct pstat st;
	int rc;

	memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid,
		 (int)tid);
	rc = parse_stat(path, &st);
	if (rc < 0)
		return rc;
	out->pr_lwpid = (int32_t)tid;
	map_state(st.state, out);
	out->pr_nice = (int8_t)(st.f[ST_NICE] + 20);
	out->pr_pri = (int32_t)st.f[ST_PRIORITY];
	out->pr_syscall = (int16_t)task_syscall(pid, tid);
	start_to_ts(st.f[ST_STARTTIME], &out->pr_start);
	ticks_to_ts(st.f[ST_UTIME] + st.f[ST_STIME], &out->pr_time);
	snprintf(out->pr_clname, sizeof(out->pr_clname), "%s",
		 policy_name(st.f[ST_POLICY]));
	memcpy(out->pr_name, st.comm, sizeof(out->pr_name));
	out->pr_onpro = (int32_t)st.f[ST_PROCESSOR];
	out->pr_bindpro = -1;  /* Solaris's PBIND_NONE */
	out->pr_bindpset = -1; /* PS_NONE */
	return 0;
}

/* "Name:\tN..." lines of /proc/PID/status: the first number(s). */
static int
status_field(const char *status, const char *name, long long *v, int n)
{
	size_t len = strlen(name);
	const char *p = status;
	char *end;
	int i;

	while (p && *p) {
		if (!strncmp(p, name, len) && p[len] == ':') {
			p += len + 1;
			for (i = 0; i < n; i++) {
				v[i] = strtoll(p, &end, 10);
				if (end == p)
					return -1;
				p = end;
			}
			return 0;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

pid_t
prov_tgid_of(pid_t tid)
{
	char path[64], buf[2048];
	long long tgid;
	ssize_t len;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	len = read_small(path, buf, sizeof(buf));
	if (len < 0)
		return (pid_t)len;
	if (status_field(buf, "Tgid", &tgid, 1) < 0 || tgid <= 0)
		return -EIO;
	return (pid_t)tgid;
}

pid_t
prov_pgid_of(pid_t pid)
{
	char path[64];
	struct pstat st;
	int rc;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	rc = parse_stat(path, &st);
	if (rc < 0)
		return rc;
	return (pid_t)st.f[ST_PGRP];
}

/*
 * pr_psargs (argv joined by spaces, truncated) and pr_argc from
 * /proc/PID/cmdline, read in bounded chunks: an argument list of more
 * than CMDLINE_MAX bytes gives an argc that counts only that far.
 */
#define CMDLINE_MAX (256 * 1024)

static void
fill_args(pid_t pid, prov_psinfo_t *out)
{
	char path[64], buf[4096];
	size_t total = 0, kept = 0;
	int fd, argc = 0, last_nul = 1;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	while (total < CMDLINE_MAX) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			char c = buf[i];

			last_nul = c == '\0';
			if (last_nul)
				argc++;
			if (kept < sizeof(out->pr_psargs) - 1)
				out->pr_psargs[kept++] = last_nul ? ' ' : c;
		}
		total += (size_t)n;
	}
	close(fd);
	/* a process may rewrite its arguments without a final NUL */
	if (total && !last_nul)
		argc++;
	while (kept && out->pr_psargs[kept - 1] == ' ')
		kept--;
	out->pr_psargs[kept] = '\0';
	out->pr_argc = argc;
}

/* The controlling terminal: stat's tty_nr (the user-space encoding, minor
   in bits 31-20 and 7-0, major in 15-8) as the kernel's dev_t. */
static uint64_t
tty_dev(long long tty_nr)
{
	unsigned long long t = (unsigned long long)tty_nr & 0xffffffffULL;
	unsigned long long maj = (t >> 8) & 0xfff;
	unsigned long long min = (t & 0xff) | ((t >> 12) & 0xfff00);

	if (t == 0)
		return UINT64_MAX; /* procfs.d: (struct tty_struct *)-1 */
	return maj << 20 | min;
}

int
prov_psinfo_fill(pid_t pid, prov_psinfo_t *out)
{
	char path[64], status[4096];
	struct pstat st;
	long long v[4];
	long page = sysconf(_SC_PAGESIZE);
	int rc;

	memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	rc = parse_stat(path, &st);
	if (rc < 0)
		return rc;
	out->pr_pid = (int32_t)pid;
	out->pr_ppid = (int32_t)st.f[ST_PPID];
	out->pr_pgid = (int32_t)st.f[ST_PGRP];
	out->pr_sid = (int32_t)st.f[ST_SESSION];
	out->pr_nlwp = (int32_t)st.f[ST_NUM_THREADS];
	out->pr_size = (uint64_t)st.f[ST_VSIZE] / 1024;
	out->pr_rssize = (uint64_t)st.f[ST_RSS] *
			 (uint64_t)(page > 0 ? page : 4096) / 1024;
	out->pr_ttydev = tty_dev(st.f[ST_TTY_NR]);
	start_to_ts(st.f[ST_STARTTIME], &out->pr_start);
	ticks_to_ts(st.f[ST_UTIME] + st.f[ST_STIME], &out->pr_time);
	ticks_to_ts(st.f[ST_CUTIME] + st.f[ST_CSTIME], &out->pr_ctime);
	memcpy(out->pr_fname, st.comm, sizeof(out->pr_fname));
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_small(path, status, sizeof(status)) > 0) {
		if (status_field(status, "Uid", v, 2) == 0) {
			out->pr_uid = (uint32_t)v[0];
			out->pr_euid = (uint32_t)v[1];
		}
		if (status_field(status, "Gid", v, 2) == 0) {
			out->pr_gid = (uint32_t)v[0];
			out->pr_egid = (uint32_t)v[1];
		}
	}
	fill_args(pid, out);
	/* At exec the kernel leaves argc at the stack's start, then argv[]
	   and its NULL, then envp[] (the ELF ABI). */
	if (st.f[ST_STARTSTACK] > 0) {
		out->pr_argv = (uint64_t)st.f[ST_STARTSTACK] + 8;
		out->pr_envp = out->pr_argv + 8 * ((uint64_t)out->pr_argc + 1);
	}
	out->pr_dmodel = 2; /* PR_MODEL_LP64 */
	(void)prov_lwpsinfo_fill(pid, pid, &out->pr_lwp);
	return 0;
}
