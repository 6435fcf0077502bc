/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * User stacks through libunwind's ptrace back end (sym_unwind.h).
 *
 * The address space is created once per process with UNW_CACHE_GLOBAL:
 * libunwind then keeps the unwind rules it found for each pc, so a
 * second walk through the same code reads only the stack words it needs.
 * Those rules are keyed by address alone, which is why an exec (new code
 * at the same addresses) must drop them: /proc/PID/auxv is the exec's
 * fingerprint (entry point, program headers, the interpreter's base and
 * the AT_RANDOM bytes' address on the new stack all change).
 *
 * The _UPT_ accessor state is made per walk: it holds the tid to peek at
 * and the last ELF image it mapped, which would also go stale at exec.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libunwind-ptrace.h>
#include <libunwind.h>

#include "common/xalloc.h"
#include "sym/sym_unwind.h"

/* x86_64's auxv is about 400 bytes; more only makes the fingerprint
   cover less of it. */
#define AUXV_MAX 1024

struct sym_unwinder {
	pid_t pid;
	unw_addr_space_t as;
	unsigned char auxv[AUXV_MAX];
	size_t auxv_len; /* 0: not read yet */
};

struct sym_unwinder *
sym_unwind_open(pid_t pid)
{
	struct sym_unwinder *u;
	unw_addr_space_t as;

	as = unw_create_addr_space(&_UPT_accessors, 0);
	if (as == NULL)
		return NULL;
	unw_set_caching_policy(as, UNW_CACHE_GLOBAL);
	u = xcalloc(1, sizeof(*u));
	u->pid = pid;
	u->as = as;
	return u;
}

pid_t
sym_unwind_pid(const struct sym_unwinder *u)
{
	return u->pid;
}

void
sym_unwind_flush(struct sym_unwinder *u)
{
	unw_flush_cache(u->as, 0, 0);
}

/* Reads the process's auxv into buf; its length, or 0 when unreadable. */
static size_t
read_auxv(pid_t pid, unsigned char *buf, size_t size)
{
	char path[64];
	size_t len = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	while (len < size) {
		ssize_t r = read(fd, buf + len, size - len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	return len;
}

/* Drops the caches when the process is not the image they were filled
   from (an exec, or a reused pid). */
static void
check_image(struct sym_unwinder *u)
{
	unsigned char now[AUXV_MAX];
	size_t len = read_auxv(u->pid, now, sizeof(now));

	if (len == 0)
		return; /* gone or unreadable: the walk will tell */
	if (len == u->auxv_len && memcmp(now, u->auxv, len) == 0)
		return;
	if (u->auxv_len != 0)
		unw_flush_cache(u->as, 0, 0);
	memcpy(u->auxv, now, len);
	u->auxv_len = len;
}

int
sym_unwind(struct sym_unwinder *u, pid_t tid, uint64_t *pcs, int max)
{
	unw_cursor_t cur;
	unw_word_t ip, sp, prev_ip = 0, prev_sp = 0;
	void *upt;
	int n = 0;

	if (max <= 0)
		return 0;
	if (max > SYM_UNWIND_MAX_FRAMES)
		max = SYM_UNWIND_MAX_FRAMES;
	check_image(u);
	upt = _UPT_create(tid);
	if (upt == NULL)
		return -ENOMEM;
	if (unw_init_remote(&cur, u->as, upt) < 0 ||
	    unw_get_reg(&cur, UNW_REG_IP, &ip) < 0) {
		_UPT_destroy(upt);
		return -ESRCH;
	}
	for (;;) {
		if (ip == 0)
			break;
		if (unw_get_reg(&cur, UNW_REG_SP, &sp) < 0)
			break;
		/* A frame that repeats its caller's pc and sp would repeat
		   forever (bad CFI, a corrupt stack). */
		if (n > 0 && ip == prev_ip && sp == prev_sp)
			break;
		pcs[n++] = (uint64_t)ip;
		if (n >= max)
			break;
		prev_ip = ip;
		prev_sp = sp;
		if (unw_step(&cur) <= 0)
			break;
		if (unw_get_reg(&cur, UNW_REG_IP, &ip) < 0)
			break;
	}
	_UPT_destroy(upt);
	return n;
}

void
sym_unwind_close(struct sym_unwinder *u)
{
	if (u == NULL)
		return;
	unw_destroy_addr_space(u->as);
	free(u);
}
