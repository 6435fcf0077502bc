/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64: the AAPCS64 function-call ABI, for the pid provider. Integer
 * arguments 0..7 are in x0..x7; the rest are on the stack, argument 8 at
 * [sp] at the function's first instruction (each in an 8-byte slot). The
 * return address is in x30 (the link register) until the function saves
 * it; the result is in x0.
 */
#include "config.h"

#include <errno.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "arch/arch.h"

/* One word of tracee memory: process_vm_readv, else PTRACE_PEEKDATA. */
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
	if (n < 8) {
		*out = r->u.regs[n];
		return 0;
	}
	return read_word(tid, r->u.sp + 8 * (uint64_t)(n - 8), out);
}

uint64_t
arch_call_ret(const struct arch_regs *r)
{
	return r->u.regs[0];
}

int
arch_ret_addr(pid_t tid, const struct arch_regs *r, uint64_t *out)
{
	(void)tid;
	*out = r->u.regs[30];
	return 0;
}
