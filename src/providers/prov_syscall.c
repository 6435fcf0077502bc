/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The syscall provider: syscall:vmlinux:NAME:entry and :return for every
 * syscall of the CPU (names and numbers from arch/, in number order), as
 * Oracle DTrace lists them. Enabling a probe asks the session for a stop
 * at that syscall's entry or exit (seccomp or PTRACE_SYSCALL: target/'s
 * business); the stops come back as TGT_EV_SC_ENTRY/EXIT events.
 *
 * entry: arg0..arg5 are the six argument registers (also for syscalls
 * that take fewer: the others hold whatever the caller left there, as in
 * dtrace). return: arg0 = arg1 = the raw return value (-2 for ENOENT),
 * and errno is set when it is an error (-4095..-1). exit and exit_group
 * never return; execve's return fires in the new image.
 *
 * The enabled probes are kept in two arrays indexed by syscall number, so
 * an event costs one load. The arrays are the provider's own (static):
 * one session enables probes at a time.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "common/xalloc.h"
#include "providers/prov.h"

enum { SC_ENTRY = 0, SC_RETURN = 1 };

/* MAX_ERRNO of the kernel: returns in [-4095, -1] are errors. */
#define SC_MAX_ERRNO 4095

static struct {
	struct probe **by_nr[2]; /* [kind][nr]: the enabled probes */
	size_t n;		 /* size of both arrays */
	unsigned nenabled;
} sc;

static void
syscall_populate(struct prov_table *t)
{
	long max = arch_sc_max();

	for (long nr = 0; nr < max; nr++) {
		const char *name = arch_sc_name(nr);
		struct probe *p;

		if (name == NULL)
			continue;
		p = prov_probe_create(t, &prov_syscall, "syscall", "vmlinux",
				      name, "entry");
		p->nr = nr;
		p->kind = SC_ENTRY;
		p = prov_probe_create(t, &prov_syscall, "syscall", "vmlinux",
				      name, "return");
		p->nr = nr;
		p->kind = SC_RETURN;
	}
}

/* What sc_want() is told of p's entry: nothing (a return probe), a stop,
   or an event that needs none. */
static int
entry_kind(const struct probe *p)
{
	if (p->kind != SC_ENTRY)
		return 0;
	return p->stopless ? PROV_SC_STOPLESS : PROV_SC_STOP;
}

static int
syscall_enable(const struct prov_host *h, struct probe *p)
{
	if (p->enabled)
		return 0;
	if (p->nr < 0 || p->nr >= arch_sc_max())
		return -1;
	if (sc.by_nr[0] == NULL) {
		sc.n = (size_t)arch_sc_max();
		sc.by_nr[0] = xcalloc(sc.n, sizeof(struct probe *));
		sc.by_nr[1] = xcalloc(sc.n, sizeof(struct probe *));
	}
	sc.by_nr[p->kind][p->nr] = p;
	sc.nenabled++;
	/* (the clauses are known before enable(): kept for disable) */
	p->stopless =
		p->kind == SC_ENTRY && h->stopless && h->stopless(h->ctx, p);
	h->sc_want(h->ctx, p->nr, entry_kind(p), p->kind == SC_RETURN, 1);
	p->enabled = 1;
	return 0;
}

static void
syscall_disable(const struct prov_host *h, struct probe *p)
{
	if (!p->enabled)
		return;
	h->sc_want(h->ctx, p->nr, entry_kind(p), p->kind == SC_RETURN, -1);
	p->enabled = 0;
	if ((size_t)p->nr < sc.n && sc.by_nr[p->kind][p->nr] == p)
		sc.by_nr[p->kind][p->nr] = NULL;
	if (--sc.nenabled == 0) {
		free(sc.by_nr[0]);
		free(sc.by_nr[1]);
		memset(&sc, 0, sizeof(sc));
	}
}

static void
syscall_event(const struct prov_host *h, const struct tgt_event *ev)
{
	struct vm_probe_ctx c;
	struct probe *p;

	if (sc.nenabled == 0 || ev->nr < 0 || (size_t)ev->nr >= sc.n)
		return;
	if (ev->kind == TGT_EV_SC_ENTRY)
		p = sc.by_nr[SC_ENTRY][ev->nr];
	else if (ev->kind == TGT_EV_SC_EXIT)
		p = sc.by_nr[SC_RETURN][ev->nr];
	else
		return;
	if (p == NULL)
		return;
	memset(&c, 0, sizeof(c));
	if (p->kind == SC_ENTRY) {
		memcpy(c.args, ev->args, sizeof(ev->args));
		c.nargs = 6;
	} else {
		c.args[0] = c.args[1] = (uint64_t)ev->ret;
		c.nargs = 2;
		if (ev->ret < 0 && ev->ret >= -SC_MAX_ERRNO)
			c.errno_val = -ev->ret;
	}
	h->fire(h->ctx, p, &c, ev);
}

static int
has_glob(const char *s)
{
	return strpbrk(s, "*?[\\") != NULL;
}

/*
 * Whether d could name syscall probes, one exact function among them:
 * provider syscall, module vmlinux, name entry or return (globs allowed
 * there). Only such descriptions get a hint or advice.
 */
static int
names_one_syscall(const struct vm_probedesc *d)
{
	if (d->func[0] == '\0' || has_glob(d->func))
		return 0;
	if (d->prov[0] == '\0' || !prov_glob_match(d->prov, "syscall"))
		return 0;
	if (!prov_glob_match(d->mod, "vmlinux"))
		return 0;
	return prov_glob_match(d->name, "entry") ||
	       prov_glob_match(d->name, "return");
}

/*
 * Syscalls that only 32-bit CPUs have (i386, arm), and their 64-bit
 * counterpart: a script written for one of them names a syscall no
 * 64-bit CPU has. The counterpart is checked against this CPU's table
 * (and, when missing too, through arch_sc_alternative()).
 */
static const struct {
	const char *name, *alt;
} sc_32bit[] = {
	{ "stat64", "stat" },
	{ "lstat64", "lstat" },
	{ "fstat64", "fstat" },
	{ "fstatat64", "newfstatat" },
	{ "statfs64", "statfs" },
	{ "fstatfs64", "fstatfs" },
	{ "mmap2", "mmap" },
	{ "_llseek", "lseek" },
	{ "fcntl64", "fcntl" },
	{ "truncate64", "truncate" },
	{ "ftruncate64", "ftruncate" },
	{ "sendfile64", "sendfile" },
	{ "_newselect", "select" },
	{ "waitpid", "wait4" },
	{ "sigaction", "rt_sigaction" },
	{ "signal", "rt_sigaction" },
	{ "sigprocmask", "rt_sigprocmask" },
	{ "sigreturn", "rt_sigreturn" },
	{ "sigsuspend", "rt_sigsuspend" },
	{ "sigpending", "rt_sigpending" },
	{ "ugetrlimit", "getrlimit" },
	{ "getuid32", "getuid" },
	{ "geteuid32", "geteuid" },
	{ "getgid32", "getgid" },
	{ "getegid32", "getegid" },
	{ "setuid32", "setuid" },
	{ "setgid32", "setgid" },
	{ "setreuid32", "setreuid" },
	{ "setregid32", "setregid" },
	{ "setresuid32", "setresuid" },
	{ "setresgid32", "setresgid" },
	{ "getresuid32", "getresuid" },
	{ "getresgid32", "getresgid" },
	{ "chown32", "chown" },
	{ "lchown32", "lchown" },
	{ "fchown32", "fchown" },
	{ "getgroups32", "getgroups" },
	{ "setgroups32", "setgroups" },
	{ "clock_gettime64", "clock_gettime" },
	{ "clock_settime64", "clock_settime" },
	{ "clock_nanosleep_time64", "clock_nanosleep" },
	{ "futex_time64", "futex" },
	{ "ppoll_time64", "ppoll" },
	{ "pselect6_time64", "pselect6" },
	{ "utimensat_time64", "utimensat" },
	{ "recvmmsg_time64", "recvmmsg" },
	{ "rt_sigtimedwait_time64", "rt_sigtimedwait" },
	{ "semtimedop_time64", "semtimedop" },
	{ "timerfd_settime64", "timerfd_settime" },
	{ "timerfd_gettime64", "timerfd_gettime" },
	{ "timer_settime64", "timer_settime" },
	{ "timer_gettime64", "timer_gettime" },
};

/* The 64-bit counterpart of a 32-bit-only syscall, as this CPU names it,
   or NULL. */
static const char *
sc_64bit_counterpart(const char *name)
{
	for (size_t i = 0; i < sizeof(sc_32bit) / sizeof(sc_32bit[0]); i++) {
		if (strcmp(sc_32bit[i].name, name) != 0)
			continue;
		if (arch_sc_lookup(sc_32bit[i].alt) >= 0)
			return sc_32bit[i].alt;
		return arch_sc_alternative(sc_32bit[i].alt);
	}
	return NULL;
}

/*
 * A description naming one syscall this CPU lacks (syscall::open:entry on
 * aarch64, whose programs call openat; syscall::stat64:entry on a 64-bit
 * CPU) matches nothing; the session's "does not match any probes" then
 * says which syscall to trace instead. Only for an exact function name
 * whose other fields could match a syscall probe.
 */
static int
syscall_nomatch_hint(const struct vm_probedesc *d, char *buf, size_t len)
{
	const char *alt;

	if (!names_one_syscall(d) || arch_sc_lookup(d->func) >= 0)
		return 0;
	alt = arch_sc_alternative(d->func);
	if (alt != NULL) {
		snprintf(buf, len, "%s has no %s syscall: its programs call %s",
			 arch_name, d->func, alt);
		return 1;
	}
	alt = sc_64bit_counterpart(d->func);
	if (alt == NULL)
		return 0;
	snprintf(buf, len,
		 "%s has no %s syscall, a 32-bit CPU's: its 64-bit "
		 "counterpart is %s",
		 arch_name, d->func, alt);
	return 1;
}

/* Levenshtein distance of a and b (the name lengths are small), with an
   adjacent swap counting as one edit: "opne" is one from "open". */
static size_t
edit_distance(const char *a, const char *b)
{
	enum { MAXN = 40 };
	size_t la = strlen(a), lb = strlen(b);
	size_t d[MAXN + 1][MAXN + 1];

	if (la > MAXN || lb > MAXN)
		return MAXN;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	return d[la][lb];
}

/*
 * An exact syscall name this CPU does not have and for which no hint
 * names a replacement (a typo, most often): the closest names of the
 * table, at most three, within a third of the name's length (one edit
 * at least). Names already explained by the hint, and names with nothing
 * close, get no advice.
 */
static int
syscall_nomatch_advice(const struct vm_probedesc *d, char *buf, size_t len)
{
	const char *best[3];
	size_t nbest = 0, bestd, limit, flen;
	int n;

	if (!names_one_syscall(d) || arch_sc_lookup(d->func) >= 0 ||
	    arch_sc_alternative(d->func) || sc_64bit_counterpart(d->func))
		return 0;
	flen = strlen(d->func);
	limit = flen / 3 > 1 ? flen / 3 : 1;
	bestd = limit + 1;
	for (long nr = 0; nr < arch_sc_max(); nr++) {
		const char *name = arch_sc_name(nr);
		size_t dist;

		if (name == NULL)
			continue;
		dist = edit_distance(d->func, name);
		if (dist > limit || dist > bestd)
			continue;
		if (dist < bestd)
			nbest = 0;
		bestd = dist;
		if (nbest < 3)
			best[nbest++] = name;
	}
	if (nbest == 0)
		return 0; /* nothing close: dtrace's message says enough */
	n = snprintf(buf, len, "%s has no syscall named %s: did you mean %s",
		     arch_name, d->func, best[0]);
	for (size_t i = 1; i < nbest && n > 0 && (size_t)n < len; i++)
		n += snprintf(buf + n, len - (size_t)n, "%s%s",
			      i + 1 < nbest ? ", " : " or ", best[i]);
	if (n > 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n,
			 "? (udtrace -l -P syscall lists them)");
	return 1;
}

/*
 * args[]: the entry's arguments as int64_t (arch/ knows how many each
 * syscall takes, not their C types), the return value as int64_t.
 */
static int
syscall_arg_types(const struct probe *p, struct vm_type types[10],
		  const char *names[10])
{
	int n = p->kind == SC_ENTRY ? arch_sc_nargs(p->nr) : 1;

	if (n < 0 || n > 6)
		n = 6;
	for (int i = 0; i < n; i++) {
		memset(&types[i], 0, sizeof(types[i]));
		types[i].kind = VM_T_INT;
		types[i].is_signed = 1;
		types[i].size = 8;
		types[i].name = "int64_t";
		names[i] = NULL;
	}
	return n;
}

/* Oracle's dt_prov_syscall.c: provider and name Evolving/Evolving/
   Common, args Private/Private/ISA */
const struct prov_ops prov_syscall = {
	.name = "syscall",
	.probe_attr = { "Evolving", "Evolving", "Common" },
	.args_attr = { "Private", "Private", "ISA" },
	.populate = syscall_populate,
	.provide = NULL,
	.enable = syscall_enable,
	.disable = syscall_disable,
	.event = syscall_event,
	.nomatch_hint = syscall_nomatch_hint,
	.nomatch_advice = syscall_nomatch_advice,
	.arg_types = syscall_arg_types,
};
