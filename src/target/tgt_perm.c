/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What /proc tells about processes before we trace them: why a
 * PTRACE_SEIZE failed (in words a user can act on), which processes the
 * "every process" mode may seize, and the threads of a process.
 *
 * The explanation follows the kernel's own order of checks
 * (__ptrace_may_access, then Yama, then the other security modules): a
 * process that is gone, a zombie, a kernel thread, one already traced,
 * another user's without CAP_SYS_PTRACE, one that is not dumpable, Yama's
 * ptrace_scope; what remains of an EPERM is a security profile.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

#include "common/strbuf.h"
#include "common/vec.h"
#include "common/xalloc.h"
#include "target/tgt_impl.h"

#define PF_KTHREAD 0x00200000u /* include/linux/sched.h: a kernel thread */
#define CAP_SYS_PTRACE_BIT 19  /* include/uapi/linux/capability.h */

/* ---- small /proc readers -------------------------------------------- */

/* The file's contents, NUL-terminated (truncated to len - 1): its length,
   or -errno. */
static ssize_t
read_file(const char *path, char *buf, size_t len)
{
	ssize_t got;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	do
		got = read(fd, buf, len - 1);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		got = -errno;
	close(fd);
	buf[got > 0 ? got : 0] = '\0';
	return got;
}

/* The text after "Key:" in /proc/PID/status (pid 0: ourselves) into val;
   0, or -1 when the file or the key is missing. */
static int
status_field(pid_t pid, const char *key, char *val, size_t len)
{
	char path[64], buf[4096], *p, *end;
	size_t klen = strlen(key);

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	p = buf;
	while (strncmp(p, key, klen) != 0 || p[klen] != ':') {
		p = strchr(p, '\n');
		if (!p)
			return -1;
		p++;
	}
	for (p += klen + 1; *p == ' ' || *p == '\t'; p++)
		;
	end = strchrnul(p, '\n');
	snprintf(val, len, "%.*s", (int)(end - p), p);
	return 0;
}

/* The fields of /proc/PID/stat that matter here. */
struct pstat {
	char state;
	pid_t ppid;
	unsigned long flags;
};

static int
read_stat(pid_t pid, struct pstat *st)
{
	char path[64], buf[1024], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	/* comm may hold anything, ')' too: the fields follow the last ')'.
	   Fields 3 (state), 4 (ppid) and 9 (flags). */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %c %d %*d %*d %*d %*d %lu", &st->state,
			 &st->ppid, &st->flags) != 3)
		return -1;
	return 0;
}

static void
read_comm(pid_t pid, char *comm, size_t len)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if (read_file(path, comm, len) <= 0)
		snprintf(comm, len, "?");
	comm[strcspn(comm, "\n")] = '\0';
}

static int
have_cap_ptrace(void)
{
	char val[64];

	if (status_field(0, "CapEff", val, sizeof(val)) < 0)
		return 0;
	return (strtoull(val, NULL, 16) >> CAP_SYS_PTRACE_BIT) & 1;
}

/* kernel.yama.ptrace_scope, or -1 without Yama. */
static int
yama_scope(void)
{
	char buf[16];

	if (read_file("/proc/sys/kernel/yama/ptrace_scope", buf, sizeof(buf)) <=
	    0)
		return -1;
	return atoi(buf);
}

/* Whether pid descends from us (Yama's scope 1 allows that). */
static int
is_descendant(pid_t pid)
{
	struct pstat st;
	int depth;

	for (depth = 0; pid > 1 && depth < 4096; depth++) {
		if (read_stat(pid, &st) < 0)
			return 0;
		if (st.ppid == getpid())
			return 1;
		pid = st.ppid;
	}
	return 0;
}

/* ---- tgt_perm_explain ------------------------------------------------ */

/*
 * Another user's process: the kernel wants our real uid to equal the
 * target's real, effective and saved uids (and so for the gids) unless we
 * have CAP_SYS_PTRACE. 1 with the account in buf, or 0.
 */
static int
explain_owner(pid_t pid, char *buf, size_t len)
{
	char val[128];
	unsigned ids[4];
	int i;

	if (status_field(pid, "Uid", val, sizeof(val)) == 0 &&
	    sscanf(val, "%u %u %u %u", &ids[0], &ids[1], &ids[2], &ids[3]) == 4)
		for (i = 0; i < 3; i++)
			if (ids[i] != getuid()) {
				snprintf(buf, len,
					 "process %d belongs to user %u and "
					 "udtrace runs as user %u without "
					 "CAP_SYS_PTRACE: run udtrace as that "
					 "user, or as root",
					 (int)pid, ids[i], (unsigned)getuid());
				return 1;
			}
	if (status_field(pid, "Gid", val, sizeof(val)) == 0 &&
	    sscanf(val, "%u %u %u %u", &ids[0], &ids[1], &ids[2], &ids[3]) == 4)
		for (i = 0; i < 3; i++)
			if (ids[i] != getgid()) {
				snprintf(buf, len,
					 "process %d runs as group %u and "
					 "udtrace as group %u without "
					 "CAP_SYS_PTRACE: run udtrace as root",
					 (int)pid, ids[i], (unsigned)getgid());
				return 1;
			}
	return 0;
}

/* A process that is not dumpable (set-user-ID, or PR_SET_DUMPABLE 0) has
   its /proc directory owned by root, whoever runs it. */
static int
explain_dumpable(pid_t pid, char *buf, size_t len)
{
	char path[64];
	struct stat sb;

	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	if (stat(path, &sb) < 0 || sb.st_uid != 0 || getuid() == 0)
		return 0;
	snprintf(buf, len,
		 "process %d is not dumpable (a set-user-ID program, or "
		 "prctl(PR_SET_DUMPABLE, 0)) and udtrace lacks CAP_SYS_PTRACE: "
		 "run udtrace as root",
		 (int)pid);
	return 1;
}

static int
explain_yama(pid_t pid, int cap, char *buf, size_t len)
{
	int scope = yama_scope();

	if (scope == 3) {
		snprintf(buf, len,
			 "Yama's kernel.yama.ptrace_scope is 3 (no process may "
			 "be traced): only a reboot lowers it");
		return 1;
	}
	if (scope == 2 && !cap) {
		snprintf(buf, len,
			 "Yama's kernel.yama.ptrace_scope is 2 (only "
			 "CAP_SYS_PTRACE may trace): run as root or set it to "
			 "1 or 0");
		return 1;
	}
	if (scope == 1 && !cap && !is_descendant(pid)) {
		snprintf(buf, len,
			 "Yama's kernel.yama.ptrace_scope is 1 (only "
			 "descendants may be traced): run as root or set it to "
			 "0");
		return 1;
	}
	return 0;
}

/* The state of the process itself, whatever the error. 1 when it
   explains, with the account in buf. */
static int
explain_state(pid_t pid, char *buf, size_t len)
{
	char val[32], comm[64];
	struct pstat st;
	long tracer;

	if (read_stat(pid, &st) < 0 || st.state == 'X') {
		snprintf(buf, len, "No such process");
		return 1;
	}
	if (st.state == 'Z') {
		snprintf(buf, len, "process %d is a zombie", (int)pid);
		return 1;
	}
	if (st.flags & PF_KTHREAD) {
		snprintf(buf, len, "process %d is a kernel thread", (int)pid);
		return 1;
	}
	if (pid == getpid()) {
		snprintf(buf, len, "process %d is udtrace itself", (int)pid);
		return 1;
	}
	if (status_field(pid, "TracerPid", val, sizeof(val)) == 0 &&
	    (tracer = atol(val)) > 0) {
		read_comm((pid_t)tracer, comm, sizeof(comm));
		snprintf(buf, len,
			 "process %d is already traced by process %ld (%s): "
			 "a process has one tracer at a time, so detach that "
			 "one first",
			 (int)pid, tracer, comm);
		return 1;
	}
	return 0;
}

void
tgt_perm_explain(pid_t pid, int err, char *buf, size_t len)
{
	char val[32];
	int cap;

	if (len == 0)
		return;
	if (err == ESRCH || pid <= 0) {
		snprintf(buf, len, "No such process");
		return;
	}
	if (explain_state(pid, buf, len))
		return;
	if (err != EPERM && err != EACCES) {
		snprintf(buf, len, "%s", strerror(err));
		return;
	}
	cap = have_cap_ptrace();
	if (!cap &&
	    (explain_owner(pid, buf, len) || explain_dumpable(pid, buf, len)))
		return;
	if (explain_yama(pid, cap, buf, len))
		return;
	if (status_field(0, "Seccomp", val, sizeof(val)) == 0 && atoi(val) != 0)
		snprintf(
			buf, len,
			"ptrace is denied by a security profile: udtrace runs "
			"under a seccomp filter (a container's?), or AppArmor or "
			"SELinux forbids it; a container needs CAP_SYS_PTRACE "
			"and a seccomp profile that allows ptrace, e.g. docker "
			"run --cap-add=SYS_PTRACE --security-opt "
			"seccomp=unconfined");
	else
		snprintf(buf, len,
			 "ptrace is denied by a security profile (seccomp, "
			 "AppArmor or SELinux) of this container; a container "
			 "needs CAP_SYS_PTRACE, e.g. docker run "
			 "--cap-add=SYS_PTRACE");
}

/* ---- /proc scans ----------------------------------------------------- */

typedef VEC(pid_t) pid_vec;

/* The numeric entries of a /proc directory. 0 or -errno. */
static int
list_numeric(const char *dir, pid_vec *out)
{
	struct dirent *de;
	DIR *d;
	char *end;
	long v;

	d = opendir(dir);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		v = strtol(de->d_name, &end, 10);
		if (*end == '\0' && v > 0 && v <= INT_MAX)
			VEC_PUSH(out, (pid_t)v);
	}
	closedir(d);
	return 0;
}

int
tgt_list_tasks(pid_t pid, pid_t **tids, size_t *n)
{
	pid_vec v = VEC_INIT;
	char path[64];
	int rc;

	*tids = NULL;
	*n = 0;
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	rc = list_numeric(path, &v);
	if (rc < 0) {
		VEC_FREE(&v);
		return rc == -ENOENT ? -ESRCH : rc;
	}
	*tids = v.v;
	*n = v.n;
	return 0;
}

/*
 * The far ends of our output: what another process's descriptor looks
 * like when it reads what we write to fd 1 or 2. A pipe's read end has
 * the same "pipe:[ino]" link (and O_RDONLY); a unix socket's peer has
 * its own inode, which sock_diag tells; a pseudo-terminal's reader holds
 * /dev/ptmx with our tty's index.
 */
struct far_end {
	char link[64]; /* readlink of the reader's descriptor */
	int rdonly;    /* pipes: only the read end counts */
	int tty_index; /* ptmx: the pts number, -1 for any */
};

typedef VEC(struct far_end) far_vec;

/* The inode of the unix socket connected to ino, or 0. */
static unsigned long
unix_peer(unsigned long ino)
{
	struct {
		struct nlmsghdr nh;
		struct unix_diag_req r;
	} req = { 0 };
	union {
		struct nlmsghdr nh;
		char buf[8192];
	} resp;
	struct unix_diag_msg *m;
	struct rtattr *a;
	unsigned long peer = 0;
	ssize_t got;
	int fd, alen;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0)
		return 0;
	req.nh.nlmsg_len = sizeof(req);
	req.nh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	req.r.sdiag_family = AF_UNIX;
	req.r.udiag_states = ~0u;
	req.r.udiag_ino = (unsigned)ino;
	req.r.udiag_show = UDIAG_SHOW_PEER;
	req.r.udiag_cookie[0] = req.r.udiag_cookie[1] = ~0u;
	if (send(fd, &req, sizeof(req), 0) != (ssize_t)sizeof(req))
		goto out;
	got = recv(fd, &resp, sizeof(resp), 0);
	if (got < (ssize_t)NLMSG_LENGTH(sizeof(*m)) ||
	    !NLMSG_OK(&resp.nh, (size_t)got) ||
	    resp.nh.nlmsg_type != SOCK_DIAG_BY_FAMILY)
		goto out;
	m = NLMSG_DATA(&resp.nh);
	a = (struct rtattr *)(m + 1);
	alen = (int)(resp.nh.nlmsg_len - NLMSG_LENGTH(sizeof(*m)));
	for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen))
		if (a->rta_type == UNIX_DIAG_PEER &&
		    RTA_PAYLOAD(a) >= (int)sizeof(uint32_t))
			peer = *(uint32_t *)RTA_DATA(a);
out:
	close(fd);
	return peer;
}

static void
far_ends_of(int ourfd, far_vec *out)
{
	char path[64], link[64];
	struct far_end f = { "", 0, -1 };
	unsigned long ino;
	ssize_t l;
	int idx;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", ourfd);
	l = readlink(path, link, sizeof(link) - 1);
	if (l <= 0)
		return;
	link[l] = '\0';
	if (strncmp(link, "pipe:[", 6) == 0) {
		snprintf(f.link, sizeof(f.link), "%s", link);
		f.rdonly = 1;
	} else if (sscanf(link, "socket:[%lu]", &ino) == 1) {
		ino = unix_peer(ino);
		if (!ino)
			return;
		snprintf(f.link, sizeof(f.link), "socket:[%lu]", ino);
	} else if (sscanf(link, "/dev/pts/%d", &idx) == 1) {
		snprintf(f.link, sizeof(f.link), "/dev/ptmx");
		f.tty_index = idx;
		VEC_PUSH(out, f);
		snprintf(f.link, sizeof(f.link), "/dev/pts/ptmx");
	} else {
		return;
	}
	VEC_PUSH(out, f);
}

/* Whether descriptor fd (link target link) of pid matches far end f. */
static int
fd_matches(pid_t pid, int fd, const char *link, const struct far_end *f)
{
	char path[96], info[1024], *p;
	unsigned flags;

	if (strcmp(link, f->link) != 0)
		return 0;
	if (!f->rdonly && f->tty_index < 0)
		return 1;
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", (int)pid, fd);
	if (read_file(path, info, sizeof(info)) <= 0)
		return 1; /* cannot tell: assume the worst */
	if (f->rdonly)
		return !(p = strstr(info, "flags:")) ||
		       sscanf(p, "flags: %o", &flags) != 1 ||
		       (flags & O_ACCMODE) == O_RDONLY;
	p = strstr(info, "tty-index:");
	return !p || atoi(p + 10) == f->tty_index;
}

/* Whether pid holds one of the far ends. */
static int
reads_our_output(pid_t pid, const far_vec *ends)
{
	char path[64], link[64];
	struct dirent *de;
	int hit = 0;
	ssize_t l;
	size_t i;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	d = opendir(path);
	if (!d)
		return 0;
	while (!hit && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		l = readlinkat(dirfd(d), de->d_name, link, sizeof(link) - 1);
		if (l <= 0)
			continue;
		link[l] = '\0';
		for (i = 0; i < ends->n && !hit; i++)
			hit = fd_matches(pid, atoi(de->d_name), link,
					 &ends->v[i]);
	}
	closedir(d);
	return hit;
}

static void
add_why(struct strbuf *sb, unsigned n, const char *one, const char *many)
{
	if (!n)
		return;
	sb_addf(sb, "%s%u %s", sb->len ? ", " : "", n, n == 1 ? one : many);
}

int
tgt_scan_all(pid_t **pids, size_t *n, unsigned *skipped, char *why,
	     size_t whylen)
{
	pid_vec all = VEC_INIT, keep = VEC_INIT;
	far_vec ends = VEC_INIT;
	unsigned self = 0, readers = 0, kthreads = 0;
	struct strbuf sb;
	struct pstat st;
	size_t i;
	int rc;

	*pids = NULL;
	*n = 0;
	*skipped = 0;
	rc = list_numeric("/proc", &all);
	if (rc < 0) {
		VEC_FREE(&all);
		return rc;
	}
	far_ends_of(1, &ends);
	far_ends_of(2, &ends);
	for (i = 0; i < all.n; i++) {
		pid_t pid = all.v[i];

		if (pid == getpid())
			self++;
		else if (read_stat(pid, &st) < 0)
			continue; /* gone meanwhile */
		else if (st.flags & PF_KTHREAD)
			kthreads++;
		else if (ends.n && reads_our_output(pid, &ends))
			readers++;
		else
			VEC_PUSH(&keep, pid);
	}
	VEC_FREE(&all);
	VEC_FREE(&ends);
	*pids = keep.v;
	*n = keep.n;
	*skipped = self + readers + kthreads;
	sb_init(&sb);
	add_why(&sb, self, "is udtrace itself", "are udtrace itself");
	add_why(&sb, readers, "reads udtrace's output",
		"read udtrace's output");
	add_why(&sb, kthreads, "is a kernel thread", "are kernel threads");
	if (whylen)
		snprintf(why, whylen, "%s", sb.len ? sb.buf : "");
	sb_release(&sb);
	return 0;
}
