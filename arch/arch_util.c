/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers the CPU directories share (arch/arch_util.h): tracee memory
 * reads for the ABI and the emulated loads, and the arrays of
 * arch_func_scan().
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "arch/arch_util.h"

int
arch_util_read(pid_t tid, uint64_t addr, void *p, size_t n)
{
	struct iovec local = { p, n };
	struct iovec remote = { (void *)(uintptr_t)addr, n };

	if (process_vm_readv(tid, &local, 1, &remote, 1, 0) == (ssize_t)n)
		return 0;
	for (size_t k = 0; k < n; k += sizeof(long)) {
		size_t m = n - k < sizeof(long) ? n - k : sizeof(long);
		long v;

		errno = 0;
		v = ptrace(PTRACE_PEEKDATA, tid, (void *)(uintptr_t)(addr + k),
			   NULL);
		if (v == -1 && errno != 0)
			return errno == EIO ? -EFAULT : -errno;
		memcpy((char *)p + k, &v, m);
	}
	return 0;
}

int
arch_util_call_args(pid_t tid, const struct arch_regs *r, uint64_t *out,
		    unsigned n, unsigned first, uint64_t addr)
{
	unsigned i;
	int rc = 0, any = 0;

	for (i = 0; i < n && i < first; i++)
		(void)arch_call_arg(tid, r, i, &out[i]); /* registers */
	if (n <= first)
		return 0;
	if (arch_util_read(tid, addr, out + first,
			   (n - first) * sizeof(*out)) == 0)
		return 0;
	/* The block runs into an unmapped page (a stack near its top):
	   word by word, as far as it goes. */
	for (i = first; i < n; i++) {
		int e = arch_call_arg(tid, r, i, &out[i]);

		if (e < 0) {
			out[i] = 0;
			rc = e;
		} else {
			any = 1;
		}
	}
	return any ? 0 : rc;
}

#ifdef ARCH_HAVE_INSN
int
arch_util_scan_insn(struct arch_func_scan *s, size_t *cap, uint64_t off)
{
	if (s->n_insn == *cap) {
		size_t c = *cap ? 2 * *cap : 64;
		uint64_t *nv = realloc(s->insn, c * sizeof(*nv));

		if (nv == NULL)
			return -ENOMEM;
		s->insn = nv;
		*cap = c;
	}
	s->insn[s->n_insn++] = off;
	return 0;
}

int
arch_util_scan_site(struct arch_func_scan *s, size_t *cap, uint64_t off,
		    enum arch_site_kind kind)
{
	if (s->n_site == *cap) {
		size_t c = *cap ? 2 * *cap : 8;
		struct arch_func_site *nv = realloc(s->site, c * sizeof(*nv));

		if (nv == NULL)
			return -ENOMEM;
		s->site = nv;
		*cap = c;
	}
	s->site[s->n_site].off = off;
	s->site[s->n_site].kind = kind;
	s->n_site++;
	return 0;
}
#endif
