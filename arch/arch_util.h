/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers the CPU directories share (arch/arch_util.c): not part of the
 * CPU interface, and used only by arch/<cpu>/ files.
 */
#ifndef UDT_ARCH_ARCH_UTIL_H
#define UDT_ARCH_ARCH_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arch/arch.h"

/* n bytes of a stopped tracee's memory at addr: process_vm_readv, else
   PTRACE_PEEKDATA word by word (the first may be refused by a security
   module). 0, -EFAULT for an unmapped address, or -errno. */
int arch_util_read(pid_t tid, uint64_t addr, void *p, size_t n);

/* arch_call_args() for an ABI whose arguments from number first on are
   8-byte stack slots from addr up. */
int arch_util_call_args(pid_t tid, const struct arch_regs *r, uint64_t *out,
			unsigned n, unsigned first, uint64_t addr);

#ifdef ARCH_HAVE_INSN
/* arch_func_scan()'s growing arrays: one more instruction offset, one
   more return site (cap: the caller's capacity). 0 or -ENOMEM. */
int arch_util_scan_insn(struct arch_func_scan *s, size_t *cap, uint64_t off);
int arch_util_scan_site(struct arch_func_scan *s, size_t *cap, uint64_t off,
			enum arch_site_kind kind);
#endif

#endif
