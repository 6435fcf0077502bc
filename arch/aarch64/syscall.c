/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64: the syscall ABI. The thread puts the number in x8 and the
 * arguments in x0..x5; the result comes back in x0, which overwrites the
 * first argument, so the arguments are valid at the entry stop only. The
 * number the kernel will run is kept in struct arch_regs' scno (regs.c
 * reads it from x8 at every read); changing it takes NT_ARM_SYSTEM_CALL,
 * which arch_regs_set() writes when scno differs from what it read
 * (writing x8 would not do: the kernel has already taken the number).
 * Names and argument counts: arch/sc_table.c, from this directory's
 * syscallent.h: asm-generic's numbering, without the legacy calls (open,
 * stat, fork...) that arch_sc_alternative() maps to the ones arm64
 * programs make instead.
 */
#include "config.h"

#include <string.h>

#include "arch/arch.h"

long
arch_sc_nr(const struct arch_regs *r)
{
	return (long)r->scno;
}

uint64_t
arch_sc_arg(const struct arch_regs *r, unsigned n)
{
	if (n > 5)
		return 0;
	return r->u.regs[n];
}

int64_t
arch_sc_ret(const struct arch_regs *r)
{
	return (int64_t)r->u.regs[0];
}

int
arch_sc_set_nr(pid_t tid, struct arch_regs *r, long nr)
{
	r->scno = nr;
	return arch_regs_set(tid, r);
}

int
arch_sc_set_ret(pid_t tid, struct arch_regs *r, int64_t val)
{
	r->u.regs[0] = (uint64_t)val;
	return arch_regs_set(tid, r);
}

/*
 * The legacy syscalls of x86_64 (and of 32-bit CPUs: i386, arm) that
 * asm-generic left out, and what the C library and the kernel's own
 * wrappers call on arm64 instead (glibc's and musl's choices). Calls with
 * no replacement (uselib, modify_ldt, iopl, _sysctl, the x86 thread-area
 * and epoll_*_old calls, socketcall, ipc...) are not listed: NULL.
 */
static const struct {
	const char *name, *alt;
} sc_alt[] = {
	/* x86_64 */
	{ "open", "openat" },
	{ "creat", "openat" },
	{ "stat", "newfstatat" },
	{ "lstat", "newfstatat" },
	{ "access", "faccessat" },
	{ "poll", "ppoll" },
	{ "select", "pselect6" },
	{ "pause", "ppoll" },
	{ "alarm", "setitimer" },
	{ "pipe", "pipe2" },
	{ "dup2", "dup3" },
	{ "fork", "clone" },
	{ "vfork", "clone" },
	{ "getdents", "getdents64" },
	{ "rename", "renameat" },
	{ "mkdir", "mkdirat" },
	{ "rmdir", "unlinkat" },
	{ "unlink", "unlinkat" },
	{ "link", "linkat" },
	{ "symlink", "symlinkat" },
	{ "readlink", "readlinkat" },
	{ "mknod", "mknodat" },
	{ "chmod", "fchmodat" },
	{ "chown", "fchownat" },
	{ "lchown", "fchownat" },
	{ "getpgrp", "getpgid" },
	{ "utime", "utimensat" },
	{ "utimes", "utimensat" },
	{ "futimesat", "utimensat" },
	{ "time", "clock_gettime" },
	{ "epoll_create", "epoll_create1" },
	{ "epoll_wait", "epoll_pwait" },
	{ "inotify_init", "inotify_init1" },
	{ "signalfd", "signalfd4" },
	{ "eventfd", "eventfd2" },
	/* 32-bit CPUs (i386, arm): the 64-bit and old-ABI names */
	{ "waitpid", "wait4" },
	{ "stat64", "newfstatat" },
	{ "lstat64", "newfstatat" },
	{ "fstat64", "fstat" },
	{ "fstatat64", "newfstatat" },
	{ "statfs64", "statfs" },
	{ "fstatfs64", "fstatfs" },
	{ "truncate64", "truncate" },
	{ "ftruncate64", "ftruncate" },
	{ "fcntl64", "fcntl" },
	{ "sendfile64", "sendfile" },
	{ "fadvise64_64", "fadvise64" },
	{ "mmap2", "mmap" },
	{ "_llseek", "lseek" },
	{ "llseek", "lseek" },
	{ "_newselect", "pselect6" },
	{ "umount", "umount2" },
	{ "nice", "setpriority" },
	{ "stime", "clock_settime" },
	{ "sigaction", "rt_sigaction" },
	{ "signal", "rt_sigaction" },
	{ "sigprocmask", "rt_sigprocmask" },
	{ "sigpending", "rt_sigpending" },
	{ "sigsuspend", "rt_sigsuspend" },
	{ "sigreturn", "rt_sigreturn" },
	{ "chown32", "fchownat" },
	{ "lchown32", "fchownat" },
	{ "fchown32", "fchown" },
	{ "getuid32", "getuid" },
	{ "geteuid32", "geteuid" },
	{ "getgid32", "getgid" },
	{ "getegid32", "getegid" },
	{ "setuid32", "setuid" },
	{ "setgid32", "setgid" },
	{ "setreuid32", "setreuid" },
	{ "setregid32", "setregid" },
	{ "setresuid32", "setresuid" },
	{ "getresuid32", "getresuid" },
	{ "setresgid32", "setresgid" },
	{ "getresgid32", "getresgid" },
	{ "setfsuid32", "setfsuid" },
	{ "setfsgid32", "setfsgid" },
	{ "getgroups32", "getgroups" },
	{ "setgroups32", "setgroups" },
};

const char *
arch_sc_alternative(const char *name)
{
	if (name == NULL || arch_sc_lookup(name) >= 0)
		return NULL;
	for (size_t i = 0; i < sizeof(sc_alt) / sizeof(sc_alt[0]); i++)
		if (strcmp(sc_alt[i].name, name) == 0)
			return arch_sc_lookup(sc_alt[i].alt) >= 0 ?
				       sc_alt[i].alt :
				       NULL;
	return NULL;
}
