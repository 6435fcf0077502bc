/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The io provider: io:vmlinux:SYSCALL:start and :done (and wait-start,
 * wait-done at the same points), one set per read/write-family syscall:
 * read, write, pread64, pwrite64, readv, writev, preadv, pwritev,
 * preadv2, pwritev2, sendfile, copy_file_range. probefunc is the
 * syscall's name.
 *
 * dtrace's io probes fire in the kernel's block layer, when a buffer goes
 * to a device and when it comes back. A tracer sees syscalls, so here an
 * I/O is a syscall on a regular file or a block device: start fires at
 * its entry (args[0] bufinfo_t *: B_READ or B_WRITE, b_bcount the bytes
 * asked for; args[1] devinfo_t *: the device holding the file; args[2]
 * fileinfo_t *: path, offset, file system, mount point, open flags) and
 * done at its exit (b_resid the bytes not transferred, b_error the errno
 * and B_ERROR when it failed). sendfile and copy_file_range are two I/Os:
 * a read of the source and a write of the destination, each when its
 * file qualifies. wait-start and wait-done are the same events: a thread
 * in one of these syscalls is what waits for I/O.
 *
 * What this approximation misses or reports differently:
 *  - the page cache: a read served from memory and a write that only
 *    dirties pages fire start/done like one that reaches the disk; the
 *    write-back, read-ahead and journal I/O the kernel issues later, on
 *    nobody's behalf, never fire;
 *  - memory-mapped files (mmap, page faults), io_uring, POSIX AIO (the
 *    io_submit family), splice/tee/vmsplice, fallocate, fsync and
 *    O_DIRECT's real request sizes: none of them fire;
 *  - pipes, sockets, terminals and character devices never fire (dtrace
 *    does not see them either);
 *  - devinfo_t is the device of the file system (st_dev, or st_rdev for a
 *    block device), named after /sys/dev/block: dev_statname "sda1",
 *    dev_name "sda" (the disk, not the driver), dev_pathname "/dev/sda1";
 *    a file system without a block device (tmpfs, overlay, NFS, FUSE)
 *    gives its type as dev_name and dev_statname and its mount source as
 *    dev_pathname. b_edev is the kernel's dev_t (major << 20 | minor);
 *  - fileinfo_t's strings are 256-byte arrays (longer paths are cut);
 *    fi_offset is the file position at entry (or the syscall's offset
 *    argument); fi_oflags the open flags of /proc/PID/fdinfo; fi_mount
 *    is the mount point as the traced process sees it (cached by mount
 *    id for a second, so a process in another chroot may be shown the
 *    first one's view of the same mount).
 *  - b_blkno, b_lblkno and b_iodone are 0; b_addr is the user buffer (the
 *    first iovec's for the vector forms, 0 for sendfile and
 *    copy_file_range).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "arch/arch.h"
#include "common/htab.h"
#include "common/xalloc.h"
#include "providers/prov.h"
#include "providers/prov_types.h"

/* io.d's b_flags (the D library's B_* inlines) */
#define B_ERROR 0x000004
#define B_READ 0x000040
#define B_WRITE 0x000100

enum io_kind { IO_START, IO_DONE, IO_WAIT_START, IO_WAIT_DONE, IO_NKINDS };

static const char *const io_names[IO_NKINDS] = { "start", "done", "wait-start",
						 "wait-done" };

/* How a syscall's arguments describe its I/O. */
enum io_shape {
	SH_RW,	     /* (fd, buf, count) */
	SH_PRW,	     /* (fd, buf, count, offset) */
	SH_RWV,	     /* (fd, iov, iovcnt) */
	SH_PRWV,     /* (fd, iov, iovcnt, offset[, ...]); -1: current */
	SH_SENDFILE, /* (out_fd, in_fd, off_t *offset, count) */
	SH_CFR,	     /* (fd_in, off_in *, fd_out, off_out *, len, flags) */
};

static const struct io_sc {
	const char *name;
	enum io_shape shape;
	int write;
} io_scs[] = {
	{ "read", SH_RW, 0 },		{ "write", SH_RW, 1 },
	{ "pread64", SH_PRW, 0 },	{ "pwrite64", SH_PRW, 1 },
	{ "readv", SH_RWV, 0 },		{ "writev", SH_RWV, 1 },
	{ "preadv", SH_PRWV, 0 },	{ "pwritev", SH_PRWV, 1 },
	{ "preadv2", SH_PRWV, 0 },	{ "pwritev2", SH_PRWV, 1 },
	{ "sendfile", SH_SENDFILE, 0 }, { "copy_file_range", SH_CFR, 0 },
};

#define IO_NSC (sizeof(io_scs) / sizeof(io_scs[0]))

/* The iovec array read from a tracee: the kernel refuses more (IOV_MAX). */
#define IO_IOV_MAX 1024

/* One I/O of a syscall (two for sendfile and copy_file_range). */
struct io_op {
	prov_bufinfo_t b;
	prov_devinfo_t d;
	prov_fileinfo_t f;
};

/* What a thread's pending syscall started, for done (per tid). */
struct io_pending {
	pid_t pid;
	long nr;
	int active;
	int nops;
	struct io_op op[2];
};

/* A line of /proc/PID/mountinfo, by mount id. */
struct io_mount {
	uint64_t stamp; /* CLOCK_MONOTONIC ns when read */
	char point[256];
	char fstype[64];
	char source[256];
};

/* Mounts change rarely; a cached line is trusted this long. */
#define IO_MOUNT_TTL_NS 1000000000ULL
#define IO_MOUNT_CACHE_MAX 8192

static struct {
	struct probe *probes[IO_NSC][IO_NKINDS]; /* the enabled ones */
	unsigned nenabled;
	long nr[IO_NSC];
	int nr_done;
	struct htab *pending; /* tid -> struct io_pending */
	struct htab *mounts;  /* mount id -> struct io_mount */
} io;

static void
lookup_nrs(void)
{
	if (io.nr_done)
		return;
	for (size_t i = 0; i < IO_NSC; i++)
		io.nr[i] = arch_sc_lookup(io_scs[i].name);
	io.nr_done = 1;
}

/* The index in io_scs[] of syscall nr, or -1. */
static int
sc_index(long nr)
{
	if (nr < 0)
		return -1;
	for (size_t i = 0; i < IO_NSC; i++)
		if (io.nr[i] == nr)
			return (int)i;
	return -1;
}

static void
io_populate(struct prov_table *t)
{
	lookup_nrs();
	for (size_t i = 0; i < IO_NSC; i++) {
		if (io.nr[i] < 0)
			continue;
		for (int k = 0; k < IO_NKINDS; k++) {
			struct probe *p =
				prov_probe_create(t, &prov_io, "io", "vmlinux",
						  io_scs[i].name, io_names[k]);

			p->nr = io.nr[i];
			p->kind = k;
		}
	}
}

static int
is_done_kind(int k)
{
	return k == IO_DONE || k == IO_WAIT_DONE;
}

static int
io_enable(const struct prov_host *h, struct probe *p)
{
	int i;

	if (p->enabled)
		return 0;
	lookup_nrs();
	i = sc_index(p->nr);
	if (i < 0 || p->kind < 0 || p->kind >= IO_NKINDS)
		return -1;
	/* done needs what start saw: the entry stop always, the exit
	   stop only for done */
	h->sc_want(h->ctx, p->nr, 1, is_done_kind(p->kind), 1);
	io.probes[i][p->kind] = p;
	io.nenabled++;
	p->enabled = 1;
	return 0;
}

static void
free_table(struct htab **t)
{
	size_t it = 0, klen;
	const void *key;
	void *val;

	if (*t == NULL)
		return;
	while (htab_next(*t, &it, &key, &klen, &val))
		free(val);
	htab_destroy(*t);
	*t = NULL;
}

static void
io_disable(const struct prov_host *h, struct probe *p)
{
	int i;

	if (!p->enabled)
		return;
	h->sc_want(h->ctx, p->nr, 1, is_done_kind(p->kind), -1);
	i = sc_index(p->nr);
	if (i >= 0 && io.probes[i][p->kind] == p)
		io.probes[i][p->kind] = NULL;
	p->enabled = 0;
	if (--io.nenabled == 0) {
		free_table(&io.pending);
		free_table(&io.mounts);
	}
}

/* --- What a file descriptor is ------------------------------------------ */

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Copies a mountinfo field, undoing its octal escapes (\040 a space). */
static void
unescape(char *dst, size_t size, const char *src, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < len && o + 1 < size; i++) {
		if (src[i] == '\\' && i + 3 < len && src[i + 1] >= '0' &&
		    src[i + 1] <= '3' && src[i + 2] >= '0' &&
		    src[i + 2] <= '7' && src[i + 3] >= '0' &&
		    src[i + 3] <= '7') {
			dst[o++] = (char)((src[i + 1] - '0') * 64 +
					  (src[i + 2] - '0') * 8 +
					  (src[i + 3] - '0'));
			i += 3;
		} else {
			dst[o++] = src[i];
		}
	}
	dst[o] = '\0';
}

/*
 * One line of mountinfo: "ID PARENT MAJ:MIN ROOT POINT OPTS [TAGS...] -
 * FSTYPE SOURCE SUPEROPTS" into *m. Returns the mount id, or -1.
 */
#define IO_MNT_FIELDS 32

static long
parse_mount(char *line, struct io_mount *m)
{
	char *fld[IO_MNT_FIELDS], *p = line, *end;
	size_t len[IO_MNT_FIELDS];
	int n = 0, sep = -1;
	long id;

	while (*p && *p != '\n' && n < IO_MNT_FIELDS) {
		fld[n] = p;
		while (*p && *p != ' ' && *p != '\n')
			p++;
		len[n] = (size_t)(p - fld[n]);
		if (sep < 0 && n >= 6 && len[n] == 1 && fld[n][0] == '-')
			sep = n;
		n++;
		while (*p == ' ')
			p++;
	}
	if (sep < 0 || n < sep + 3)
		return -1;
	id = strtol(fld[0], &end, 10);
	if (end == fld[0] || id < 0 || id > INT32_MAX)
		return -1;
	memset(m, 0, sizeof(*m));
	unescape(m->point, sizeof(m->point), fld[4], len[4]);
	unescape(m->fstype, sizeof(m->fstype), fld[sep + 1], len[sep + 1]);
	unescape(m->source, sizeof(m->source), fld[sep + 2], len[sep + 2]);
	return id;
}

/* Reads /proc/PID/mountinfo into the cache (bounded: a namespace with
   more mounts than that is read that far). */
static void
load_mounts(pid_t pid)
{
	char path[64], *line = NULL;
	size_t cap = 0;
	uint64_t stamp = now_ns();
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/mountinfo", (int)pid);
	f = fopen(path, "re");
	if (f == NULL)
		return;
	if (io.mounts == NULL || htab_count(io.mounts) > IO_MOUNT_CACHE_MAX) {
		free_table(&io.mounts);
		io.mounts = htab_create();
	}
	for (int lines = 0; lines < IO_MOUNT_CACHE_MAX; lines++) {
		struct io_mount m, *nm;
		int32_t key;
		long id;

		if (getline(&line, &cap, f) < 0)
			break;
		id = parse_mount(line, &m);
		if (id < 0)
			continue;
		m.stamp = stamp;
		nm = xmalloc(sizeof(*nm));
		*nm = m;
		key = (int32_t)id;
		free(htab_put(io.mounts, &key, sizeof(key), nm));
	}
	free(line);
	fclose(f);
}

static const struct io_mount *
find_mount(pid_t pid, long mnt_id)
{
	int32_t key = (int32_t)mnt_id;
	struct io_mount *m = NULL;

	if (mnt_id < 0 || mnt_id > INT32_MAX)
		return NULL;
	if (io.mounts)
		m = htab_get(io.mounts, &key, sizeof(key));
	if (m == NULL || now_ns() - m->stamp > IO_MOUNT_TTL_NS) {
		load_mounts(pid);
		m = io.mounts ? htab_get(io.mounts, &key, sizeof(key)) : NULL;
	}
	return m;
}

/* fdinfo's pos, flags (octal) and mnt_id. */
static void
read_fdinfo(pid_t pid, pid_t tid, int fd, int64_t *pos, int32_t *flags,
	    long *mnt_id)
{
	char path[96], buf[512], *p;
	ssize_t got = 0;
	int f;

	*pos = 0;
	*flags = 0;
	*mnt_id = -1;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/fdinfo/%d", (int)pid,
		 (int)tid, fd);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return;
	got = read(f, buf, sizeof(buf) - 1);
	close(f);
	if (got <= 0)
		return;
	buf[got] = '\0';
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, "pos:", 4))
			*pos = strtoll(p + 4, NULL, 10);
		else if (!strncmp(p, "flags:", 6))
			*flags = (int32_t)strtol(p + 6, NULL, 8);
		else if (!strncmp(p, "mnt_id:", 7))
			*mnt_id = strtol(p + 7, NULL, 10);
	}
}

/* Copies the string src into dst[size], cut to fit. */
static void
copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n > size - 1)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* devinfo_t of device dev (see the top of the file). */
static void
fill_devinfo(dev_t dev, const struct io_mount *m, prov_devinfo_t *d)
{
	char path[64], link[512], *base, *slash;
	ssize_t n;

	memset(d, 0, sizeof(*d));
	d->dev_major = (int32_t)major(dev);
	d->dev_minor = (int32_t)minor(dev);
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", major(dev),
		 minor(dev));
	n = readlink(path, link, sizeof(link) - 1);
	if (n > 0) {
		/* ../../devices/.../block/sda/sda1: a partition's parent is
		   its disk; a disk's parent is "block" */
		link[n] = '\0';
		slash = strrchr(link, '/');
		base = slash ? slash + 1 : link;
		copy_str(d->dev_statname, sizeof(d->dev_statname), base);
		memcpy(d->dev_pathname, "/dev/", 5);
		copy_str(d->dev_pathname + 5, sizeof(d->dev_pathname) - 5,
			 base);
		copy_str(d->dev_name, sizeof(d->dev_name), base);
		if (slash) {
			*slash = '\0';
			slash = strrchr(link, '/');
			if (slash && strcmp(slash + 1, "block"))
				copy_str(d->dev_name, sizeof(d->dev_name),
					 slash + 1);
		}
		return;
	}
	copy_str(d->dev_name, sizeof(d->dev_name), m ? m->fstype : "<none>");
	copy_str(d->dev_statname, sizeof(d->dev_statname),
		 m ? m->fstype : "<none>");
	copy_str(d->dev_pathname, sizeof(d->dev_pathname),
		 m ? m->source : "<none>");
}

/*
 * Fills op for fd of thread tid when it is a regular file or a block
 * device; returns 0, or -1 (then nothing fires for it).
 */
static int
fill_file(pid_t pid, pid_t tid, int64_t fd, struct io_op *op)
{
	char path[96], *slash;
	const struct io_mount *m;
	struct stat st;
	long mnt_id;
	ssize_t n;
	dev_t dev;

	if (fd < 0 || fd > INT32_MAX)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/fd/%d", (int)pid,
		 (int)tid, (int)fd);
	if (stat(path, &st) < 0 ||
	    !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)))
		return -1;
	memset(op, 0, sizeof(*op));
	n = readlink(path, op->f.fi_pathname, sizeof(op->f.fi_pathname) - 1);
	if (n < 0)
		n = 0;
	op->f.fi_pathname[n] = '\0';
	slash = strrchr(op->f.fi_pathname, '/');
	if (slash) {
		copy_str(op->f.fi_name, sizeof(op->f.fi_name), slash + 1);
		if (slash == op->f.fi_pathname)
			copy_str(op->f.fi_dirname, sizeof(op->f.fi_dirname),
				 "/");
		else
			snprintf(op->f.fi_dirname, sizeof(op->f.fi_dirname),
				 "%.*s", (int)(slash - op->f.fi_pathname),
				 op->f.fi_pathname);
	} else {
		copy_str(op->f.fi_name, sizeof(op->f.fi_name),
			 op->f.fi_pathname);
		copy_str(op->f.fi_dirname, sizeof(op->f.fi_dirname), ".");
	}
	read_fdinfo(pid, tid, (int)fd, &op->f.fi_offset, &op->f.fi_oflags,
		    &mnt_id);
	m = find_mount(pid, mnt_id);
	copy_str(op->f.fi_fs, sizeof(op->f.fi_fs), m ? m->fstype : "<unknown>");
	copy_str(op->f.fi_mount, sizeof(op->f.fi_mount),
		 m ? m->point : "<unknown>");
	dev = S_ISBLK(st.st_mode) ? st.st_rdev : st.st_dev;
	fill_devinfo(dev, m, &op->d);
	op->b.b_edev = (uint64_t)major(dev) << 20 | minor(dev);
	return 0;
}

/* --- Entry and exit -------------------------------------------------------- */

/* Sum of the lengths of a tracee's iovec array; *first gets iov[0]'s
   base. 0 when it cannot be read (no target, bad address). */
static uint64_t
iov_total(const struct prov_host *h, pid_t pid, uint64_t addr, uint64_t cnt,
	  uint64_t *first)
{
	static uint64_t iov[IO_IOV_MAX * 2]; /* base, len pairs */
	uint64_t sum = 0;

	*first = 0;
	if (h->tgt == NULL || cnt == 0 || cnt > IO_IOV_MAX)
		return 0;
	if (tgt_read(h->tgt, pid, addr, iov, cnt * 16) < 0)
		return 0;
	*first = iov[0];
	for (uint64_t i = 0; i < cnt; i++) {
		uint64_t len = iov[2 * i + 1];

		sum = sum + len < sum ? UINT64_MAX : sum + len;
	}
	return sum;
}

/* *(off_t *)addr in the tracee, or -1. */
static int64_t
read_off(const struct prov_host *h, pid_t pid, uint64_t addr)
{
	int64_t v;

	if (addr == 0 || h->tgt == NULL ||
	    tgt_read(h->tgt, pid, addr, &v, sizeof(v)) < 0)
		return -1;
	return v;
}

/* The rest of an I/O whose file fill_file() described. */
static int
set_buf(struct io_op *op, int write, uint64_t addr, uint64_t count, int64_t off)
{
	op->b.b_flags = write ? B_WRITE : B_READ;
	op->b.b_bcount = count;
	op->b.b_bufsize = count;
	op->b.b_addr = addr;
	op->b.b_resid = count;
	if (off >= 0)
		op->f.fi_offset = off;
	return 1;
}

/* One I/O: fd, direction, user buffer, count, offset (-1: fdinfo's).
   1, or 0 when fd is not a file that counts. */
static int
add_op(const struct tgt_event *ev, struct io_op *op, int64_t fd, int write,
       uint64_t addr, uint64_t count, int64_t off)
{
	if (fill_file(ev->pid, ev->tid, fd, op) < 0)
		return 0;
	return set_buf(op, write, addr, count, off);
}

/* The I/Os syscall i's entry describes, into ops[0..1]; their count. */
static int
describe(const struct prov_host *h, const struct tgt_event *ev, int i,
	 struct io_op ops[2])
{
	const struct io_sc *sc = &io_scs[i];
	const uint64_t *a = ev->args;
	uint64_t first, total;
	int n = 0;

	switch (sc->shape) {
	case SH_RW:
		return add_op(ev, &ops[0], (int64_t)a[0], sc->write, a[1], a[2],
			      -1);
	case SH_PRW:
		return add_op(ev, &ops[0], (int64_t)a[0], sc->write, a[1], a[2],
			      (int64_t)a[3]);
	case SH_RWV:
	case SH_PRWV:
		/* the file first: most descriptors are not files, and then
		   the iovec need not be read */
		if (fill_file(ev->pid, ev->tid, (int64_t)a[0], &ops[0]) < 0)
			return 0;
		total = iov_total(h, ev->pid, a[1], a[2], &first);
		return set_buf(&ops[0], sc->write, first, total,
			       sc->shape == SH_PRWV ? (int64_t)a[3] : -1);
	case SH_SENDFILE:
		n += add_op(ev, &ops[n], (int64_t)a[1], 0, 0, a[3],
			    read_off(h, ev->pid, a[2]));
		n += add_op(ev, &ops[n], (int64_t)a[0], 1, 0, a[3], -1);
		return n;
	case SH_CFR:
		n += add_op(ev, &ops[n], (int64_t)a[0], 0, 0, a[4],
			    read_off(h, ev->pid, a[1]));
		n += add_op(ev, &ops[n], (int64_t)a[2], 1, 0, a[4],
			    read_off(h, ev->pid, a[3]));
		return n;
	}
	return 0;
}

static void
fire_op(const struct prov_host *h, struct probe *p, const struct io_op *op,
	const struct tgt_event *ev)
{
	struct vm_probe_ctx c;

	if (p == NULL)
		return;
	memset(&c, 0, sizeof(c));
	c.nargs = 3;
	/* the session forgets the slots after each firing: put them again */
	c.args[0] = h->syn_put(h->ctx, 0, &op->b, sizeof(op->b));
	c.args[1] = h->syn_put(h->ctx, 1, &op->d, sizeof(op->d));
	c.args[2] = h->syn_put(h->ctx, 2, &op->f, sizeof(op->f));
	h->fire(h->ctx, p, &c, ev);
}

static struct io_pending *
pending_get(pid_t tid, int create)
{
	struct io_pending *pd;

	if (io.pending == NULL) {
		if (!create)
			return NULL;
		io.pending = htab_create();
	}
	pd = htab_get(io.pending, &tid, sizeof(tid));
	if (pd == NULL && create) {
		pd = xcalloc(1, sizeof(*pd));
		htab_put(io.pending, &tid, sizeof(tid), pd);
	}
	return pd;
}

static void
on_entry(const struct prov_host *h, const struct tgt_event *ev, int i)
{
	struct probe *const *pp = io.probes[i];
	struct io_op ops[2];
	struct io_pending *pd;
	int n;

	n = describe(h, ev, i, ops);
	for (int k = 0; k < n; k++) {
		fire_op(h, pp[IO_START], &ops[k], ev);
		fire_op(h, pp[IO_WAIT_START], &ops[k], ev);
	}
	if (pp[IO_DONE] == NULL && pp[IO_WAIT_DONE] == NULL)
		return;
	pd = pending_get(ev->tid, n > 0);
	if (pd == NULL)
		return;
	pd->active = n > 0;
	pd->pid = ev->pid;
	pd->nr = ev->nr;
	pd->nops = n;
	memcpy(pd->op, ops, (size_t)n * sizeof(ops[0]));
}

static void
on_exit_stop(const struct prov_host *h, const struct tgt_event *ev, int i)
{
	struct probe *const *pp = io.probes[i];
	struct io_pending *pd = pending_get(ev->tid, 0);
	uint64_t done = ev->ret > 0 ? (uint64_t)ev->ret : 0;

	if (pd == NULL || !pd->active || pd->nr != ev->nr)
		return;
	pd->active = 0;
	for (int k = 0; k < pd->nops; k++) {
		prov_bufinfo_t *b = &pd->op[k].b;

		b->b_resid = b->b_bcount > done ? b->b_bcount - done : 0;
		if (ev->ret < 0) {
			/* -errno; anything lower is not the kernel's */
			b->b_error = ev->ret >= -4095 ? (int32_t)-ev->ret : 0;
			b->b_flags |= B_ERROR;
		}
		fire_op(h, pp[IO_DONE], &pd->op[k], ev);
		fire_op(h, pp[IO_WAIT_DONE], &pd->op[k], ev);
	}
}

/* A process is gone: forget its threads' pending syscalls. */
static void
forget_pid(pid_t pid)
{
	size_t it = 0, klen;
	const void *key;
	void *val;

	if (io.pending == NULL)
		return;
	while (htab_next(io.pending, &it, &key, &klen, &val)) {
		struct io_pending *pd = val;

		if (pd->pid != pid)
			continue;
		htab_del(io.pending, key, klen);
		free(pd);
	}
}

static void
io_event(const struct prov_host *h, const struct tgt_event *ev)
{
	int i;

	if (io.nenabled == 0)
		return;
	switch (ev->kind) {
	case TGT_EV_SC_ENTRY:
		i = sc_index(ev->nr);
		if (i >= 0)
			on_entry(h, ev, i);
		break;
	case TGT_EV_SC_EXIT:
		i = sc_index(ev->nr);
		if (i >= 0)
			on_exit_stop(h, ev, i);
		break;
	case TGT_EV_EXIT:
		if (io.pending) {
			pid_t tid = ev->tid;

			free(htab_del(io.pending, &tid, sizeof(tid)));
		}
		break;
	case TGT_EV_GONE:
		forget_pid(ev->pid);
		break;
	default:
		break;
	}
}

/* Oracle's dt_prov_io.c probe_args[]: the same three for every probe */
static int
io_arg_types(const struct probe *p, struct vm_type types[10],
	     const char *names[10])
{
	static const char *const tn[3] = { "bufinfo_t *", "devinfo_t *",
					   "fileinfo_t *" };

	(void)p;
	for (int i = 0; i < 10; i++)
		names[i] = NULL;
	for (int i = 0; i < 3; i++) {
		memset(&types[i], 0, sizeof(types[i]));
		types[i].kind = VM_T_PTR;
		types[i].size = 8;
		names[i] = tn[i];
	}
	return 3;
}

/* Oracle's dt_prov_io.c: provider, name and args Evolving/Evolving/ISA
   (module and function Private) */
const struct prov_ops prov_io = {
	.name = "io",
	.probe_attr = { "Evolving", "Evolving", "ISA" },
	.args_attr = { "Evolving", "Evolving", "ISA" },
	.populate = io_populate,
	.provide = NULL,
	.enable = io_enable,
	.disable = io_disable,
	.event = io_event,
	.arg_types = io_arg_types,
};
