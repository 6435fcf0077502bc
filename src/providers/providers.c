/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The provider registry and the probe table: creation, lookup and the
 * matching of probe descriptions against probes (dtrace's glob rules).
 */
#include "config.h"

#include <fnmatch.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "common/xalloc.h"
#include "providers/prov.h"

const struct prov_ops *const prov_all[] = {
	&prov_dtrace, &prov_profile, &prov_syscall, &prov_proc,
	&prov_io,     &prov_pid,     &prov_usdt,
};
const size_t prov_nall = sizeof(prov_all) / sizeof(prov_all[0]);

void
prov_table_init(struct prov_table *t)
{
	memset(t, 0, sizeof(*t));
}

void
prov_table_release(struct prov_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct probe *p = t->probes[i];

		free(p->prov);
		free(p->mod);
		free(p->func);
		free(p->name);
		if (p->ops && p->ops->release)
			p->ops->release(p);
		else
			free(p->data);
		free(p);
	}
	free(t->probes);
	memset(t, 0, sizeof(*t));
}

struct probe *
prov_probe_create(struct prov_table *t, const struct prov_ops *ops,
		  const char *prov, const char *mod, const char *func,
		  const char *name)
{
	struct probe *p = xcalloc(1, sizeof(*p));

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->probes =
			xreallocarray(t->probes, t->cap, sizeof(*t->probes));
	}
	p->id = (uint32_t)t->n + 1;
	p->ops = ops;
	p->prov = xstrdup(prov);
	p->mod = xstrdup(mod);
	p->func = xstrdup(func);
	p->name = xstrdup(name);
	t->probes[t->n++] = p;
	return p;
}

struct probe *
prov_probe_lookup(const struct prov_table *t, uint32_t id)
{
	if (id == 0 || id > t->n)
		return NULL;
	return t->probes[id - 1];
}

struct probe *
prov_probe_find(const struct prov_table *t, const char *prov, const char *mod,
		const char *func, const char *name)
{
	for (size_t i = 0; i < t->n; i++) {
		struct probe *p = t->probes[i];

		if (!strcmp(p->prov, prov) && !strcmp(p->mod, mod) &&
		    !strcmp(p->func, func) && !strcmp(p->name, name))
			return p;
	}
	return NULL;
}

/*
 * dtrace matches each field with gmatch(3C): '*', '?', '[...]' and '\'
 * escapes, the whole field anchored; an empty pattern matches anything.
 * fnmatch(3) without flags has the same rules.
 */
int
prov_name_pid(const char *prov, char *name, size_t namelen, pid_t *pid)
{
	size_t len, d;
	long v = 0;

	if (prov == NULL || prov[0] == '\0')
		return -1;
	len = strlen(prov);
	d = len;
	while (d > 0 && prov[d - 1] >= '0' && prov[d - 1] <= '9')
		d--;
	/* (an escaped digit is the provider's own) */
	if (d == 0 || d == len || len - d > 9 || prov[d - 1] == '\\' ||
	    (name && d >= namelen))
		return -1;
	for (size_t i = d; i < len; i++)
		v = v * 10 + (prov[i] - '0');
	if (v <= 0)
		return -1;
	if (name) {
		memcpy(name, prov, d);
		name[d] = '\0';
	}
	*pid = (pid_t)v;
	return 0;
}

int
prov_glob_match(const char *pattern, const char *s)
{
	if (pattern == NULL || pattern[0] == '\0')
		return 1;
	return fnmatch(pattern, s, 0) == 0;
}

int
prov_match(const struct probe *p, const struct vm_probedesc *d)
{
	if (p->ops && p->ops->match)
		return p->ops->match(p, d);
	return prov_glob_match(d->prov, p->prov) &&
	       prov_glob_match(d->mod, p->mod) &&
	       prov_glob_match(d->func, p->func) &&
	       prov_glob_match(d->name, p->name);
}

void
prov_bkpt_refused(const struct prov_host *h, const struct probe *p,
		  uint64_t addr, int r, const char *err)
{
	if (h->why && err[0])
		snprintf(h->why, h->whylen, "%s", err);
	else if (h->why)
		snprintf(h->why, h->whylen,
			 "no breakpoint at 0x%" PRIx64 ": %s", addr,
			 strerror(-r));
	else
		msg_warn("%s:%s:%s:%s: no breakpoint at 0x%" PRIx64 ": %s",
			 p->prov, p->mod, p->func, p->name, addr,
			 err[0] ? err : strerror(-r));
}
