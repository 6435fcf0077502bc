/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Tracee memory: process_vm_readv/writev (one system call, no stop
 * needed), falling back to /proc/PID/mem when those are refused (a kernel
 * without them, a seccomp profile), and, for writes only, when the target
 * page is read-only: /proc/PID/mem writes through page protection, as a
 * debugger's must (breakpoints in text).
 *
 * Reads are all or nothing: a read that stops at an unmapped page is a
 * fault (-EFAULT), never a short result the caller could mistake for
 * data. Only tgt_read_str() uses short reads, internally, to find a NUL
 * before an unmapped page.
 *
 * Text under our breakpoints reads as the original bytes: both readers
 * put them back in the caller's buffer (tgt_bkpt_unpatch()).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "target/tgt_impl.h"

/* Whether addr..addr+len is a possible user range (no wrap-around). */
static int
range_ok(uint64_t addr, size_t len)
{
	return addr + len >= addr;
}

static int
open_mem(pid_t pid, int flags)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	return open(path, flags | O_CLOEXEC);
}

/*
 * Up to len bytes at addr through /proc/PID/mem: the count read (short at
 * an unmapped page), or -errno (-EFAULT when the first byte is unmapped).
 */
static ssize_t
mem_rw(pid_t pid, uint64_t addr, void *buf, size_t len, int write)
{
	size_t done = 0;
	ssize_t got;
	int fd, err = 0;

	fd = open_mem(pid, write ? O_RDWR : O_RDONLY);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	while (done < len) {
		if (write)
			got = pwrite(fd, (const char *)buf + done, len - done,
				     (off_t)(addr + done));
		else
			got = pread(fd, (char *)buf + done, len - done,
				    (off_t)(addr + done));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			err = got < 0 ? errno : 0;
			break;
		}
		done += (size_t)got;
	}
	close(fd);
	if (done > 0 || len == 0)
		return (ssize_t)done;
	/* The kernel says EIO for an unmapped address, EINVAL for an offset
	   past off_t (a kernel address). */
	return err == EIO || err == EINVAL || err == 0 ? -EFAULT : -err;
}

/*
 * Up to len bytes at addr: the count read (short where a page is
 * unmapped), or -errno. process_vm_readv first; /proc/PID/mem when the
 * call itself is refused.
 */
static ssize_t
read_some(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t got;

	if (len == 0)
		return 0;
	got = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	if (got >= 0)
		return got;
	switch (errno) {
	case EFAULT:
		return -EFAULT;
	case ESRCH:
		return -ESRCH;
	case ENOMEM:
		return -ENOMEM;
	default: /* ENOSYS, EPERM (seccomp, security modules) */
		return mem_rw(pid, addr, buf, len, 0);
	}
}

int
tgt_mem_peek(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	ssize_t got;

	if (!range_ok(addr, len))
		return -EFAULT;
	got = read_some(pid, addr, buf, len);
	if (got < 0)
		return (int)got;
	/* process_vm_readv stops at the first unmapped page; the
	   /proc/PID/mem fallback does too. */
	return (size_t)got == len ? 0 : -EFAULT;
}

int
tgt_read(struct tgt *t, pid_t pid, uint64_t addr, void *buf, size_t len)
{
	int rc = tgt_mem_peek(pid, addr, buf, len);

	if (rc == 0 && t != NULL)
		tgt_bkpt_unpatch(t, pid, addr, buf, len);
	return rc;
}

ssize_t
tgt_read_str(struct tgt *t, pid_t pid, uint64_t addr, char *buf, size_t max)
{
	static size_t pagesz;
	size_t done = 0, want;
	ssize_t got;
	char *nul;

	if (!pagesz)
		pagesz = (size_t)sysconf(_SC_PAGESIZE);
	if (!range_ok(addr, max))
		return -EFAULT;
	/* A page at a time: a string may end just before an unmapped page,
	   so no read may cross a page boundary it does not need to. */
	while (done < max) {
		want = pagesz - (size_t)((addr + done) % pagesz);
		if (want > max - done)
			want = max - done;
		got = read_some(pid, addr + done, buf + done, want);
		if (got < 0)
			return got;
		if (got == 0)
			return -EFAULT;
		if (t != NULL)
			tgt_bkpt_unpatch(t, pid, addr + done, buf + done,
					 (size_t)got);
		nul = memchr(buf + done, '\0', (size_t)got);
		if (nul)
			return nul - buf;
		done += (size_t)got;
		if ((size_t)got < want)
			return -EFAULT;
	}
	buf[max] = '\0';
	return (ssize_t)max;
}

int
tgt_write(struct tgt *t, pid_t pid, uint64_t addr, const void *buf, size_t len)
{
	struct iovec local = { (void *)buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t got;

	(void)t;
	if (!range_ok(addr, len))
		return -EFAULT;
	if (len == 0)
		return 0;
	got = process_vm_writev(pid, &local, 1, &remote, 1, 0);
	if (got == (ssize_t)len)
		return 0;
	if (got < 0 && errno == ESRCH)
		return -ESRCH;
	/* Refused, or a read-only page (text): /proc/PID/mem writes through
	   the protection. Writing the whole range again is harmless. */
	got = mem_rw(pid, addr, (void *)buf, len, 1);
	if (got < 0)
		return (int)got;
	return (size_t)got == len ? 0 : -EFAULT;
}

int
tgt_mem_poke(pid_t pid, uint64_t addr, const void *buf, size_t len)
{
	ssize_t got;

	if (!range_ok(addr, len))
		return -EFAULT;
	got = mem_rw(pid, addr, (void *)buf, len, 1);
	if (got < 0)
		return (int)got;
	return (size_t)got == len ? 0 : -EFAULT;
}
