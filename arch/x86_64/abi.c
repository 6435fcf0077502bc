/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * x86_64: the System V function-call ABI, for the pid provider. Integer
 * arguments 0..5 are in rdi, rsi, rdx, rcx, r8, r9; the rest are on the
 * stack, which at a function's first instruction holds the return address
 * at [rsp] and argument 6 at [rsp + 8]. The result is in rax.
 */
#include "config.h"

#include <errno.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "arch/arch.h"

/* One word of tracee memory: process_vm_readv, else PTRACE_PEEKDATA (the
   thread is stopped, so both work; the first may be refused by a kernel
   without it or by a security module). */
static int
read_word(pid_t tid, uint64_t addr, uint64_t *out)
{
	struct iovec local = { out, sizeof(*out) };
	struct iovec remote = { (void *)(uintptr_t)addr, sizeof(*out) };
	long v;

	if (process_vm_readv(tid, &local, 1, &remote, 1, 0) ==
	    (ssize_t)sizeof(*out))
		return 0;
	errno = 0;
	v = ptrace(PTRACE_PEEKDATA, tid, (void *)(uintptr_t)addr, NULL);
	if (v == -1 && errno != 0)
		return errno == EIO ? -EFAULT : -errno;
	*out = (uint64_t)v;
	return 0;
}

int
arch_call_arg(pid_t tid, const struct arch_regs *r, unsigned n, uint64_t *out)
{
	switch (n) {
	case 0:
		*out = r->u.rdi;
		return 0;
	case 1:
		*out = r->u.rsi;
		return 0;
	case 2:
		*out = r->u.rdx;
		return 0;
	case 3:
		*out = r->u.rcx;
		return 0;
	case 4:
		*out = r->u.r8;
		return 0;
	case 5:
		*out = r->u.r9;
		return 0;
	default:
		return read_word(tid, r->u.rsp + 8 + 8 * (uint64_t)(n - 6),
				 out);
	}
}

uint64_t
arch_call_ret(const struct arch_regs *r)
{
	return r->u.rax;
}

int
arch_ret_addr(pid_t tid, const struct arch_regs *r, uint64_t *out)
{
	return read_word(tid, r->u.rsp, out);
}
