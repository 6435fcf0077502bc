/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The target layer's private interface between its files. Nothing outside
 * src/target/ includes this.
 */
#ifndef UDT_TARGET_TGT_IMPL_H
#define UDT_TARGET_TGT_IMPL_H

#include <stddef.h>
#include <sys/types.h>

#include "target/tgt.h"

/*
 * tgt_perm.c: why PTRACE_SEIZE of pid failed with errno err, in words a
 * user can act on, written to buf: "No such process"; "process 123 is
 * already traced by process 45 (gdb)"; "process 123 belongs to user 1000
 * and udtrace runs as user 1001 without CAP_SYS_PTRACE"; "Yama's
 * kernel.yama.ptrace_scope is 1 (only descendants may be traced): run as
 * root or set it to 0"; "ptrace is denied by a security profile (seccomp,
 * AppArmor or SELinux) of this container"; "process 123 is a kernel
 * thread"; "process 123 is a zombie" ...
 */
void tgt_perm_explain(pid_t pid, int err, char *buf, size_t len);

/*
 * tgt_perm.c: the processes "every process" mode should seize, from /proc:
 * every process but udtrace itself, kernel threads, and the processes that
 * hold the far end of a pipe or socket that is udtrace's stdout or stderr
 * (they may be waiting to read our output while we wait for them).
 * Fills *pids (malloc'd, caller frees) and *n; skipped counts what was
 * left out and why is a short account ("1 is udtrace itself, 2 read
 * udtrace's output, 40 are kernel threads"). 0 or -errno.
 */
int tgt_scan_all(pid_t **pids, size_t *n, unsigned *skipped, char *why,
		 size_t whylen);

/* tgt_perm.c: the thread ids in /proc/PID/task (malloc'd). 0 or -errno. */
int tgt_list_tasks(pid_t pid, pid_t **tids, size_t *n);

#endif
