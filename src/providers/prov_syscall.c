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
	h->sc_want(h->ctx, p->nr, p->kind == SC_ENTRY, p->kind == SC_RETURN, 1);
	p->enabled = 1;
	return 0;
}

static void
syscall_disable(const struct prov_host *h, struct probe *p)
{
	if (!p->enabled)
		return;
	h->sc_want(h->ctx, p->nr, p->kind == SC_ENTRY, p->kind == SC_RETURN,
		   -1);
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
 * A description naming one syscall this CPU lacks (syscall::open:entry on
 * aarch64, whose programs call openat) matches nothing; the session's
 * "does not match any probes" then says which syscall to trace instead.
 * Only for an exact function name whose other fields could match a
 * syscall probe; x86_64 has every legacy syscall, so its output is
 * unchanged.
 */
static int
syscall_nomatch_hint(const struct vm_probedesc *d, char *buf, size_t len)
{
	const char *alt;

	if (d->func[0] == '\0' || has_glob(d->func))
		return 0;
	if (d->prov[0] == '\0' || !prov_glob_match(d->prov, "syscall"))
		return 0;
	if (!prov_glob_match(d->mod, "vmlinux"))
		return 0;
	if (!prov_glob_match(d->name, "entry") &&
	    !prov_glob_match(d->name, "return"))
		return 0;
	if (arch_sc_lookup(d->func) >= 0)
		return 0;
	alt = arch_sc_alternative(d->func);
	if (alt == NULL)
		return 0;
	snprintf(buf, len, "%s has no %s syscall: its programs call %s",
		 arch_name, d->func, alt);
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
	.arg_types = syscall_arg_types,
};
