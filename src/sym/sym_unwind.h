/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * User stacks of traced threads: ustack(), ustackdepth, ucaller.
 *
 * libunwind's ptrace back end walks the stack remotely with the unwind
 * tables (CFI: .eh_frame, .debug_frame) of each mapped module, so code
 * built without frame pointers unwinds fully. One unwinder per process:
 * it owns a libunwind address space whose caches (the unwind rules found
 * per pc) stay valid as long as the process keeps its mappings.
 *
 * The unwinder notices by itself that its process exec'd (or that its pid
 * now names another process): /proc/PID/auxv, which changes with every
 * exec, is compared at each walk, and the caches are dropped when it
 * differs. Mappings that change without an exec (dlopen, dlclose, munmap)
 * are the caller's to report with sym_unwind_flush().
 */
#ifndef UDT_SYM_SYM_UNWIND_H
#define UDT_SYM_SYM_UNWIND_H

#include <stdint.h>
#include <sys/types.h>

struct sym_unwinder;

/* The walk never goes deeper than this, whatever max says (a corrupt
   stack can loop). */
#define SYM_UNWIND_MAX_FRAMES 4096

/* An unwinder for process pid (nothing is read yet). NULL only when
   libunwind cannot create an address space. Free with
   sym_unwind_close(). */
struct sym_unwinder *sym_unwind_open(pid_t pid);

/*
 * The user stack of thread tid (of the unwinder's process), which must be
 * in a ptrace-stop of ours: libunwind reads its registers and memory with
 * PTRACE_PEEKUSER/PTRACE_PEEKDATA. Fills pcs with at most max program
 * counters, innermost first: the thread's pc, then each caller's return
 * address. The walk ends at the outermost frame, at a pc of 0, at the
 * first frame that cannot be unwound, or when a frame repeats. Returns the
 * number of pcs (0 when max <= 0), or -ESRCH when the thread's registers
 * cannot be read (not stopped under our ptrace, or gone), -ENOMEM.
 */
int sym_unwind(struct sym_unwinder *u, pid_t tid, uint64_t *pcs, int max);

/* Drops what the unwinder learnt of the process's mappings: call after
   they changed (exec is noticed without it; dlopen, munmap are not). */
void sym_unwind_flush(struct sym_unwinder *u);

/* The unwinder's process. */
pid_t sym_unwind_pid(const struct sym_unwinder *u);

/* Frees u (NULL is fine). The process is not touched. */
void sym_unwind_close(struct sym_unwinder *u);

#endif
