/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The usdt provider: the static probes programs carry in their
 * .note.stapsdt section (<sys/sdt.h>, and DTrace-style programs built on
 * it), as PROVIDER<N>:<module>:<function>:<name> of process N:
 * python1234:libpython3.11.so.1.0:_PyEval_EvalFrameDefault:function-entry.
 * The note's name is written with each "__" as "-" (dtrace's convention);
 * the function is the one holding the probe site (empty when no symbol
 * does). Several notes of one name in one function (a probe inlined, or
 * a loop unrolled) make one probe with several sites; each site keeps its
 * own operands, parsed once when it is found.
 *
 * Probes are made on demand, as the pid provider's: a description
 * "python1234:::function-entry" (python$target expanded) names process
 * 1234, the provider part may be a glob matched against the notes'
 * providers, the module matches as the pid provider's does (a.out, the
 * soname, the short name, the path). The pid provider follows the
 * process's dynamic linker for us (prov_pid_watch()): when libraries come
 * and go the session offers every description again, and provide() adds
 * what is new.
 *
 * An enabled probe holds one target breakpoint per site (the site is a
 * nop: the target layer emulates it, one stop per hit) and one increment
 * of each distinct semaphore of its sites (tgt_sem_add(): the program's
 * code that prepares the arguments, and its *_ENABLED() tests, run while
 * the counter is nonzero). Both are planted once the process is traced
 * (traced() for a process that is not yet). A fork child gets neither:
 * the pid provider clears its breakpoints, we undo its semaphore
 * increments. exec drops every site (the target layer dropped the
 * breakpoints and semaphores with the image); the same names find the
 * same probes in the new image when it is provided again. The exec is
 * known by the pid provider's count of images (prov_pid_image()), not by
 * our own event(): at the exec of a static executable the pid provider
 * reports the new image's modules at once (modules_changed, from its
 * event(), which may come before ours), and the sites provided then must
 * not be taken for the old image's.
 *
 * The state is the provider's own (static, as the pid provider's); it is
 * freed with the last probe.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "common/htab.h"
#include "common/msg.h"
#include "common/vec.h"
#include "common/xalloc.h"
#include "providers/prov.h"
#include "sym/sym.h"

/* dtrace's args: the rest of a note's operands (sdt.h allows 12) are
   dropped. */
#define USDT_MAXARGS 10

/* One operand of a site, ready to evaluate. */
struct usdt_arg {
	int valid; /* 0: the operand did not parse (its value is 0) */
#ifdef ARCH_HAVE_SDT
	struct arch_sdt_arg a; /* a.sym resolved into symaddr */
#endif
	uint64_t symaddr; /* MEM with a symbol: its absolute address */
};

/* One place of a probe in the process. */
struct usdt_site {
	uint64_t addr; /* absolute */
	uint64_t sem;  /* absolute address of its semaphore, 0 for none */
	/* The module it is in (for a module unmapped since). */
	uint64_t inode, bias;
	unsigned dev_major, dev_minor;
	struct usdt_arg *args;
	unsigned nargs;
	int planted;  /* holds one tgt_bkpt_add() */
	int sem_held; /* holds one tgt_sem_add() (the first site of the
			 probe with that semaphore) */
};

/* p->data. */
struct usdt_pdata {
	pid_t pid;
	/* The module field's other names, for sym_module_match(). */
	char *path, *soname, *shortname;
	int is_exec;
	char *demangled; /* a C++ func's demangled name, once asked */
	int demangle_tried;
	VEC(struct usdt_site) sites;
};

/* Every probe with a site at one address, in probe-id order. */
struct usdt_bp {
	VEC(struct probe *) probes;
};

struct usdt_proc {
	pid_t pid;
	struct sym_proc *sp;  /* NULL until its image is its own */
	struct htab *by_name; /* "prov\0mod\0func\0name" -> struct probe */
	struct htab *bps;     /* uint64_t addr -> struct usdt_bp */
	VEC(struct probe *) probes;
	unsigned image; /* prov_pid_image() when the sites were found */
};

static struct {
	struct htab *procs; /* pid_t -> struct usdt_proc */
	size_t nprobes;	    /* alive, for freeing the state with the last */
} us;

static int
is_empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* The function field matches a C++ function by its mangled or its
   demangled name, as the pid provider's does. */
static int
func_match(const char *pat, const char *func)
{
	char *dm;
	int r;

	if (prov_glob_match(pat, func))
		return 1;
	if (strncmp(func, "_Z", 2) != 0 || !(dm = sym_demangle(func)))
		return 0;
	r = prov_glob_match(pat, dm);
	free(dm);
	return r;
}

/* A note's name as D writes it: "function__entry" -> "function-entry". */
static char *
dtrace_name(const char *s)
{
	char *r = xmalloc(strlen(s) + 1), *o = r;

	while (*s) {
		if (s[0] == '_' && s[1] == '_') {
			*o++ = '-';
			s += 2;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return r;
}

/* --- State ---------------------------------------------------------- */

static struct usdt_proc *
proc_get(pid_t pid)
{
	return us.procs ? htab_get(us.procs, &pid, sizeof pid) : NULL;
}

static struct usdt_proc *
proc_get_or_create(pid_t pid)
{
	struct usdt_proc *st = proc_get(pid);

	if (st)
		return st;
	if (!us.procs)
		us.procs = htab_create();
	st = xcalloc(1, sizeof *st);
	st->pid = pid;
	st->by_name = htab_create();
	st->bps = htab_create();
	htab_put(us.procs, &pid, sizeof pid, st);
	return st;
}

static void
site_free(struct usdt_site *s)
{
	free(s->args);
	s->args = NULL;
	s->nargs = 0;
}

static void
bps_free(struct usdt_proc *st)
{
	size_t it = 0;
	const void *k;
	size_t kl;
	void *v;

	while (htab_next(st->bps, &it, &k, &kl, &v)) {
		struct usdt_bp *bp = v;

		VEC_FREE(&bp->probes);
		free(bp);
	}
	htab_destroy(st->bps);
	st->bps = htab_create();
}

/* Forgets every site of the process's probes, without touching the
   target (the image is gone, and its breakpoints and semaphores with
   it). */
static void
proc_drop_sites(struct usdt_proc *st)
{
	for (size_t i = 0; i < st->probes.n; i++) {
		struct usdt_pdata *pd = st->probes.v[i]->data;

		for (size_t j = 0; j < pd->sites.n; j++)
			site_free(&pd->sites.v[j]);
		pd->sites.n = 0;
	}
	bps_free(st);
}

/*
 * Forgets the sites of an image the process left (exec): the pid
 * provider counts its images, and may report the new one's modules
 * (a static executable's, from its own event()) before or after our
 * event() sees the exec.
 */
static void
proc_sync_image(struct usdt_proc *st)
{
	unsigned image = prov_pid_image(st->pid);

	if (image == st->image)
		return;
	st->image = image;
	proc_drop_sites(st);
	sym_proc_close(st->sp);
	st->sp = NULL;
}

/* probes_alive = 0 when the probes are being freed (their data is gone). */
static void
proc_free(struct usdt_proc *st, int probes_alive)
{
	if (probes_alive)
		proc_drop_sites(st);
	bps_free(st);
	htab_destroy(st->bps);
	htab_destroy(st->by_name);
	VEC_FREE(&st->probes);
	sym_proc_close(st->sp);
	free(st);
}

static void
proc_drop(pid_t pid)
{
	struct usdt_proc *st = proc_get(pid);

	if (!st)
		return;
	htab_del(us.procs, &pid, sizeof pid);
	proc_free(st, 1);
}

static void
state_free(void)
{
	size_t it = 0;
	const void *k;
	size_t kl;
	void *v;

	if (!us.procs)
		return;
	while (htab_next(us.procs, &it, &k, &kl, &v))
		proc_free(v, 0);
	htab_destroy(us.procs);
	us.procs = NULL;
}

/* --- Planting -------------------------------------------------------- */

static int
is_traced(const struct prov_host *h, pid_t pid)
{
	return h && h->tgt && tgt_traced(h->tgt, pid);
}

/* Whether another site of pd before index i holds semaphore sem. */
static int
sem_held_before(const struct usdt_pdata *pd, size_t i, uint64_t sem)
{
	for (size_t j = 0; j < pd->sites.n; j++)
		if (j != i && pd->sites.v[j].sem == sem &&
		    pd->sites.v[j].sem_held)
			return 1;
	return 0;
}

static int
site_plant(const struct prov_host *h, const struct probe *p, size_t i)
{
	struct usdt_pdata *pd = p->data;
	struct usdt_site *s = &pd->sites.v[i];
	char err[256] = "";
	int r;

	if (!s->planted) {
		r = tgt_bkpt_add(h->tgt, pd->pid, s->addr, err, sizeof err);
		if (r < 0) {
			prov_bkpt_refused(h, p, s->addr, r, err);
			return r;
		}
		s->planted = 1;
	}
	if (s->sem && !s->sem_held && !sem_held_before(pd, i, s->sem)) {
		r = tgt_sem_add(h->tgt, pd->pid, s->sem);
		if (r < 0)
			/* The probe still fires; the program may just not
			   prepare its arguments. */
			msg_warn("%s:%s:%s:%s: cannot set its semaphore at "
				 "0x%" PRIx64 ": %s",
				 p->prov, p->mod, p->func, p->name, s->sem,
				 strerror(-r));
		else
			s->sem_held = 1;
	}
	return 0;
}

static void
site_unplant(const struct prov_host *h, const struct probe *p, size_t i)
{
	struct usdt_pdata *pd = p->data;
	struct usdt_site *s = &pd->sites.v[i];

	if (s->planted && h && h->tgt)
		(void)tgt_bkpt_del(h->tgt, pd->pid, s->addr);
	s->planted = 0;
	if (s->sem_held && h && h->tgt)
		(void)tgt_sem_del(h->tgt, pd->pid, s->sem);
	s->sem_held = 0;
}

/* Plants every site of an enabled probe: 0, or -errno with none of this
   call's breakpoints left behind. */
static int
probe_plant(const struct prov_host *h, struct probe *p)
{
	struct usdt_pdata *pd = p->data;

	for (size_t i = 0; i < pd->sites.n; i++) {
		int r = site_plant(h, p, i);

		if (r < 0) {
			while (i-- > 0)
				site_unplant(h, p, i);
			return r;
		}
	}
	return 0;
}

static void
probe_unplant(const struct prov_host *h, struct probe *p)
{
	struct usdt_pdata *pd = p->data;

	for (size_t i = 0; pd && i < pd->sites.n; i++)
		site_unplant(h, p, i);
}

/* --- Operands -------------------------------------------------------- */

#ifdef ARCH_HAVE_SDT
/* A symbol's link-time value in the module's file (any kind: operands
   name variables). 0 or -1. */
static int
sym_value(const struct sym_module *m, const char *name, size_t len,
	  uint64_t *out)
{
	return m->elf && sym_elf_symbol(m->elf, name, len, out) == 0 ? 0 : -1;
}
#endif

/*
 * The operands of note n of module m, parsed once: an operand that does
 * not parse, or names a symbol the module does not have, gets no value
 * (a warning says which).
 */
/* The length of the operand at a: up to the next blank that is not
   inside brackets (aarch64's memory operands, "-4@[sp, 44]", have one). */
static size_t
operand_len(const char *a)
{
	size_t n = 0;
	int depth = 0;

	for (; a[n] && (depth > 0 || (a[n] != ' ' && a[n] != '\t')); n++) {
		if (a[n] == '[')
			depth++;
		else if (a[n] == ']' && depth > 0)
			depth--;
	}
	return n;
}

static void
site_parse_args(struct usdt_site *s, const struct sym_module *m,
		const struct sym_sdt *n, const char *prov, const char *name)
{
	const char *a = n->args ? n->args : "";
	unsigned i = 0;
#ifdef ARCH_HAVE_SDT
	struct usdt_arg *u;
#endif

	s->args = xcalloc(USDT_MAXARGS, sizeof *s->args);
	while (i < USDT_MAXARGS) {
		size_t len;

		while (*a == ' ' || *a == '\t')
			a++;
		if (!*a)
			break;
		len = operand_len(a);
#ifdef ARCH_HAVE_SDT
		u = &s->args[i];
		if (arch_sdt_arg_parse(a, len, &u->a) < 0) {
			msg_warn("%s:::%s in %s: arg%u \"%.*s\" is no operand "
				 "of this CPU: its value is 0",
				 prov, name, m->base, i, (int)len, a);
		} else if (u->a.kind == ARCH_SDT_MEM && u->a.sym &&
			   u->a.symlen > 0) {
			uint64_t v;

			if (sym_value(m, u->a.sym, u->a.symlen, &v) == 0) {
				u->symaddr = v + m->bias;
				/* the page is in the base register (adrp):
				   the bias is page-aligned, so the low bits
				   are the file's */
				if (u->a.sym_lo12)
					u->symaddr &= 0xfff;
				u->valid = 1;
			} else {
				msg_warn("%s:::%s in %s: arg%u \"%.*s\": no "
					 "symbol %.*s: its value is 0",
					 prov, name, m->base, i, (int)len, a,
					 (int)u->a.symlen, u->a.sym);
			}
			/* the note's text is the module's, not ours */
			u->a.sym = NULL;
			u->a.symlen = 0;
		} else {
			u->valid = 1;
		}
#else
		(void)m;
		(void)prov;
		(void)name;
#endif
		a += len;
		i++;
	}
	s->nargs = i;
}

#ifdef ARCH_HAVE_SDT
static uint64_t
extend(uint64_t v, unsigned size, int is_signed)
{
	unsigned bits = size * 8;

	if (size == 0 || size >= 8)
		return v;
	v &= (UINT64_C(1) << bits) - 1;
	if (is_signed && (v >> (bits - 1)) & 1)
		v |= ~UINT64_C(0) << bits;
	return v;
}

/* Operand u's value in the stopped thread, or 0 when unreadable. */
static uint64_t
arg_eval(const struct prov_host *h, const struct tgt_event *ev,
	 const struct usdt_arg *u)
{
	const struct arch_sdt_arg *a = &u->a;
	uint64_t v = 0, r;
	unsigned size = a->size >= 1 && a->size <= 8 ? a->size : 8;

	if (!u->valid)
		return 0;
	switch (a->kind) {
	case ARCH_SDT_IMM:
		v = (uint64_t)a->disp;
		break;
	case ARCH_SDT_REG:
		if (tgt_ureg(h->tgt, ev->tid, a->base, &v) < 0)
			return 0;
		v >>= a->shift;
		break;
	case ARCH_SDT_MEM: {
		uint64_t addr = u->symaddr + (uint64_t)a->disp;
		uint8_t buf[8] = { 0 };

		if (a->base >= 0) {
			if (tgt_ureg(h->tgt, ev->tid, a->base, &r) < 0)
				return 0;
			addr += r;
		}
		if (a->index >= 0) {
			if (tgt_ureg(h->tgt, ev->tid, a->index, &r) < 0)
				return 0;
			addr += r * (a->scale ? a->scale : 1);
		}
		if (tgt_read(h->tgt, ev->pid, addr, buf, size) < 0)
			return 0;
		/* little endian: the low size bytes */
		for (unsigned i = size; i-- > 0;)
			v = v << 8 | buf[i];
		break;
	}
	}
	return extend(v, size, a->is_signed);
}
#endif

/* --- Making probes ---------------------------------------------------- */

static char *
name_key(const char *prov, const char *mod, const char *func, const char *name,
	 size_t *len)
{
	const char *parts[4] = { prov, mod, func, name };
	size_t n = 0, l[4];
	char *k;

	for (int i = 0; i < 4; i++)
		n += (l[i] = strlen(parts[i]) + 1);
	k = xmalloc(n);
	n = 0;
	for (int i = 0; i < 4; i++) {
		memcpy(k + n, parts[i], l[i]);
		n += l[i];
	}
	*len = n - 1;
	return k;
}

/* What one provide() call is making. */
struct mk {
	const struct prov_host *h;
	struct prov_table *t;
	struct usdt_proc *st;
	int created;
};

static void
pdata_set_mod(struct usdt_pdata *pd, const struct sym_module *m)
{
	free(pd->path);
	free(pd->soname);
	free(pd->shortname);
	pd->path = xstrdup(m->path);
	pd->soname = m->soname ? xstrdup(m->soname) : NULL;
	pd->shortname = xstrdup(m->shortname ? m->shortname : m->base);
	pd->is_exec = m->is_exec;
}

/* The probe of that name in st, made when missing. */
static struct probe *
probe_get(struct mk *mk, const struct sym_module *m, const char *prov,
	  const char *func, const char *name)
{
	struct usdt_proc *st = mk->st;
	size_t klen;
	char *key = name_key(prov, m->base, func, name, &klen);
	struct probe *p = htab_get(st->by_name, key, klen);

	if (!p) {
		struct usdt_pdata *pd = xcalloc(1, sizeof *pd);

		p = prov_probe_create(mk->t, &prov_usdt, prov, m->base, func,
				      name);
		p->nr = -1;
		pd->pid = st->pid;
		pdata_set_mod(pd, m);
		p->data = pd;
		us.nprobes++;
		htab_put(st->by_name, key, klen, p);
		VEC_PUSH(&st->probes, p);
		mk->created++;
	} else if (((struct usdt_pdata *)p->data)->sites.n == 0) {
		/* a new image, or the library loaded again */
		pdata_set_mod(p->data, m);
	}
	free(key);
	return p;
}

/* Adds the site of note n (at addr) to probe p, once; plants it when p is
   enabled. */
static void
probe_add_site(struct mk *mk, struct probe *p, const struct sym_module *m,
	       const struct sym_sdt *n, uint64_t addr)
{
	struct usdt_proc *st = mk->st;
	struct usdt_pdata *pd = p->data;
	struct usdt_bp *bp;
	struct usdt_site s;
	size_t i;

	for (i = 0; i < pd->sites.n; i++)
		if (pd->sites.v[i].addr == addr)
			return;
	memset(&s, 0, sizeof s);
	s.addr = addr;
	s.sem = n->semaphore ? n->semaphore + m->bias : 0;
	s.inode = m->inode;
	s.bias = m->bias;
	s.dev_major = m->dev_major;
	s.dev_minor = m->dev_minor;
	site_parse_args(&s, m, n, p->prov, p->name);
	VEC_PUSH(&pd->sites, s);

	bp = htab_get(st->bps, &addr, sizeof addr);
	if (!bp) {
		bp = xcalloc(1, sizeof *bp);
		htab_put(st->bps, &addr, sizeof addr, bp);
	}
	/* In probe-id order: the order they fire in. */
	VEC_PUSH(&bp->probes, p);
	for (i = bp->probes.n - 1; i > 0 && bp->probes.v[i - 1]->id > p->id;
	     i--)
		bp->probes.v[i] = bp->probes.v[i - 1];
	bp->probes.v[i] = p;

	if (p->enabled && is_traced(mk->h, st->pid))
		(void)site_plant(mk->h, p, pd->sites.n - 1);
}

/* Removes p from the probes at addr. */
static void
bp_remove(struct usdt_proc *st, uint64_t addr, const struct probe *p)
{
	struct usdt_bp *bp = htab_get(st->bps, &addr, sizeof addr);

	if (!bp)
		return;
	for (size_t r = 0; r < bp->probes.n; r++)
		if (bp->probes.v[r] == p) {
			memmove(&bp->probes.v[r], &bp->probes.v[r + 1],
				(bp->probes.n - r - 1) *
					sizeof bp->probes.v[0]);
			bp->probes.n--;
			break;
		}
	if (bp->probes.n == 0) {
		htab_del(st->bps, &addr, sizeof addr);
		VEC_FREE(&bp->probes);
		free(bp);
	}
}

/*
 * Probes whose module is no longer mapped (dlclose) lose those sites:
 * their breakpoints are forgotten (the text is gone: nothing must be
 * written there).
 */
static void
drop_unmapped(const struct prov_host *h, struct usdt_proc *st)
{
	for (size_t i = 0; i < st->probes.n; i++) {
		struct probe *p = st->probes.v[i];
		struct usdt_pdata *pd = p->data;
		size_t j, k = 0;

		for (j = 0; j < pd->sites.n; j++) {
			struct usdt_site *s = &pd->sites.v[j];
			const struct sym_module *m =
				sym_proc_module_at(st->sp, s->addr);

			if (m && m->inode == s->inode && m->bias == s->bias &&
			    m->dev_major == s->dev_major &&
			    m->dev_minor == s->dev_minor) {
				pd->sites.v[k++] = *s;
				continue;
			}
			if (s->planted && h && h->tgt)
				(void)tgt_bkpt_forget(h->tgt, st->pid, s->addr);
			/* The semaphore went with the module's data:
			   nothing is written there either. */
			if (s->sem_held && h && h->tgt)
				(void)tgt_sem_forget(h->tgt, st->pid, s->sem);
			bp_remove(st, s->addr, p);
			site_free(s);
		}
		pd->sites.n = k;
	}
}

/* The process's symbols, opened or refreshed; NULL when unreadable. */
static struct sym_proc *
proc_syms(const struct prov_host *h, struct usdt_proc *st)
{
	if (!st->sp)
		st->sp = sym_proc_open(st->pid);
	else if (sym_proc_refresh(st->sp) > 0)
		drop_unmapped(h, st);
	return st->sp;
}

static void
make_module(struct mk *mk, const struct sym_module *m, const char *provpat,
	    pid_t pid, const struct vm_probedesc *d)
{
	size_t n = sym_elf_nsdt(m->elf);

	for (size_t i = 0; i < n; i++) {
		const struct sym_sdt *sd = sym_elf_sdt(m->elf, i);
		const char *func = "";
		char prov[64], *name;
		uint64_t addr;
		struct probe *p;

		if (!sd || !sd->provider || !sd->name ||
		    !prov_glob_match(provpat, sd->provider) ||
		    !strcmp(sd->provider, "pid"))
			continue;
		name = dtrace_name(sd->name);
		addr = sd->pc + m->bias;
		if (!prov_glob_match(d->name, name)) {
			free(name);
			continue;
		}
		if (sym_lookup_addr(mk->st->sp, addr, NULL, &func, NULL) < 0 ||
		    !func)
			func = "";
		if (func_match(d->func, func)) {
			snprintf(prov, sizeof prov, "%s%d", sd->provider,
				 (int)pid);
			p = probe_get(mk, m, prov, func, name);
			probe_add_site(mk, p, m, sd, addr);
		}
		free(name);
	}
}

static int
usdt_provide(const struct prov_host *h, struct prov_table *t,
	     const struct vm_probedesc *d)
{
	char provpat[64];
	struct usdt_proc *st;
	struct sym_proc *sp;
	struct mk mk;
	pid_t pid;
	int state;

	if (prov_name_pid(d->prov, provpat, sizeof provpat, &pid) < 0 ||
	    !strcmp(provpat, "pid"))
		return 0;
	state = h && h->proc_state ? h->proc_state(h->ctx, pid) :
				     PROV_PROC_READY;
	if (state == PROV_PROC_UNKNOWN)
		return 0;
	/* Its dynamic linker is followed from now on (from its exec, for
	   a -c command that has not run yet). */
	if (h)
		prov_pid_watch(h, pid);
	if (state != PROV_PROC_READY)
		return 0;
	/* A process gets state with its first probe (none is freed with
	   nothing made). */
	st = proc_get_or_create(pid);
	proc_sync_image(st);
	sp = proc_syms(h, st);

	memset(&mk, 0, sizeof mk);
	mk.h = h;
	mk.t = t;
	mk.st = st;
	for (size_t i = 0; sp && i < sym_proc_nmodules(sp); i++) {
		const struct sym_module *m = sym_proc_module(sp, i);

		if (m->elf && sym_elf_nsdt(m->elf) > 0 &&
		    sym_module_match(m, d->mod))
			make_module(&mk, m, provpat, pid, d);
	}
	if (st->probes.n == 0) {
		proc_drop(pid);
		if (htab_count(us.procs) == 0) {
			htab_destroy(us.procs);
			us.procs = NULL;
		}
	}
	return mk.created;
}

/* --- Matching --------------------------------------------------------- */

static int
usdt_match(const struct probe *p, const struct vm_probedesc *d)
{
	const struct usdt_pdata *pd = p->data;
	struct sym_module m;

	if (!prov_glob_match(d->prov, p->prov) ||
	    !prov_glob_match(d->name, p->name))
		return 0;
	if (!prov_glob_match(d->func, p->func)) {
		struct usdt_pdata *w = p->data;

		if (!w || strncmp(p->func, "_Z", 2) != 0)
			return 0;
		if (!w->demangle_tried) {
			w->demangle_tried = 1;
			w->demangled = sym_demangle(p->func);
		}
		if (!w->demangled || !prov_glob_match(d->func, w->demangled))
			return 0;
	}
	if (is_empty(d->mod))
		return 1;
	if (!pd)
		return prov_glob_match(d->mod, p->mod);
	memset(&m, 0, sizeof m);
	m.path = pd->path;
	m.base = p->mod;
	m.soname = pd->soname;
	m.shortname = pd->shortname;
	m.is_exec = pd->is_exec;
	return sym_module_match(&m, d->mod);
}

static void
usdt_release(struct probe *p)
{
	struct usdt_pdata *pd = p->data;

	if (pd) {
		for (size_t i = 0; i < pd->sites.n; i++)
			site_free(&pd->sites.v[i]);
		VEC_FREE(&pd->sites);
		free(pd->path);
		free(pd->soname);
		free(pd->shortname);
		free(pd->demangled);
		free(pd);
		p->data = NULL;
	}
	/* The table goes away with its probes: so does the state that
	   points at them. */
	if (us.nprobes > 0 && --us.nprobes == 0)
		state_free();
}

/* --- Enabling ---------------------------------------------------------- */

static int
usdt_enable(const struct prov_host *h, struct probe *p)
{
	struct usdt_pdata *pd = p->data;

	if (p->enabled)
		return 0;
	if (pd && is_traced(h, pd->pid)) {
		int r = probe_plant(h, p);

		if (r < 0)
			return r;
	}
	p->enabled = 1;
	return 0;
}

static void
usdt_disable(const struct prov_host *h, struct probe *p)
{
	if (!p->enabled)
		return;
	probe_unplant(h, p);
	p->enabled = 0;
}

static void
usdt_traced(const struct prov_host *h, pid_t pid)
{
	struct usdt_proc *st = proc_get(pid);

	/* Only processes that usdt descriptions named. */
	if (!st || !h->tgt)
		return;
	proc_sync_image(st);
	for (size_t i = 0; i < st->probes.n; i++) {
		struct probe *p = st->probes.v[i];

		if (p->enabled)
			(void)probe_plant(h, p);
	}
}

/* --- Events ------------------------------------------------------------- */

static void
fire_at(const struct prov_host *h, struct usdt_proc *st,
	const struct tgt_event *ev)
{
	struct usdt_bp *bp = htab_get(st->bps, &ev->pc, sizeof ev->pc);
	struct probe *fixed[16], **v = fixed;
	size_t n = 0;

	if (!bp)
		return;
	/* A copy: clauses may make the session change probes. */
	if (bp->probes.n > 16)
		v = xmalloc(bp->probes.n * sizeof *v);
	for (size_t i = 0; i < bp->probes.n; i++)
		if (bp->probes.v[i]->enabled)
			v[n++] = bp->probes.v[i];
	for (size_t i = 0; i < n; i++) {
		const struct usdt_pdata *pd = v[i]->data;
		const struct usdt_site *s = NULL;
		struct vm_probe_ctx c;

		for (size_t j = 0; pd && j < pd->sites.n; j++)
			if (pd->sites.v[j].addr == ev->pc)
				s = &pd->sites.v[j];
		if (!s)
			continue;
		memset(&c, 0, sizeof c);
		c.nargs = s->nargs;
#ifdef ARCH_HAVE_SDT
		for (unsigned a = 0; a < s->nargs; a++)
			c.args[a] = arg_eval(h, ev, &s->args[a]);
#endif
		h->fire(h->ctx, v[i], &c, ev);
	}
	if (v != fixed)
		free(v);
}

/* Whether st holds a semaphore increment anywhere. */
static int
holds_sems(const struct usdt_proc *st)
{
	for (size_t i = 0; i < st->probes.n; i++) {
		const struct usdt_pdata *pd = st->probes.v[i]->data;

		for (size_t j = 0; j < pd->sites.n; j++)
			if (pd->sites.v[j].sem_held)
				return 1;
	}
	return 0;
}

static void
usdt_event(const struct prov_host *h, const struct tgt_event *ev)
{
	struct usdt_proc *st;

	switch (ev->kind) {
	case TGT_EV_BKPT:
		/* A fork child's inherited breakpoints are not its probes:
		   ev->pid has no state then. */
		st = proc_get(ev->pid);
		if (st) {
			proc_sync_image(st);
			fire_at(h, st, ev);
		}
		break;
	case TGT_EV_FORK:
		/* The child inherited the parent's incremented counters
		   (the pid provider clears its breakpoints). */
		st = proc_get(ev->pid);
		if (st && h->tgt && !proc_get(ev->child) && holds_sems(st))
			tgt_sem_clear(h->tgt, ev->child);
		break;
	case TGT_EV_EXEC:
		/* (the pid provider's event() may have counted it yet or
		   not: provide() and the next hit look again) */
		st = proc_get(ev->pid);
		if (st)
			proc_sync_image(st);
		break;
	case TGT_EV_GONE:
		proc_drop(ev->pid);
		break;
	default:
		break;
	}
}

/* Oracle's dt_prov_uprobe.c: USDT probes are Evolving/Evolving/ISA. */
/* --- Advice for a description that matched nothing --------------------- */

/* Appends word to buf's comma-separated list unless it is there already:
   at most max words (counted in *n), then ", ...". */
static void
add_word(char *buf, size_t len, const char *word, unsigned *n, unsigned max)
{
	size_t at = strlen(buf), wl = strlen(word);

	for (const char *p = strstr(buf, word); p; p = strstr(p + 1, word))
		if ((p == buf || p[-1] == ' ') &&
		    (p[wl] == ',' || p[wl] == '\0'))
			return;
	if (*n > max)
		return;
	if (*n == max)
		snprintf(buf + at, len - at, ", ...");
	else
		snprintf(buf + at, len - at, "%s%s", *n ? ", " : "", word);
	(*n)++;
}

/*
 * A USDT description (PROVIDER<pid>:...) that matched nothing in a live
 * process: the USDT providers its modules have, or, when the provider is
 * there, its probes. The process's notes are read again (an error path:
 * the cost does not matter).
 */
static int
usdt_nomatch_advice(const struct vm_probedesc *d, char *buf, size_t len)
{
	char provpat[64], provs[256] = "", names[256] = "";
	unsigned nprovs = 0, nnames = 0;
	struct sym_proc *sp;
	pid_t pid;

	if (prov_name_pid(d->prov, provpat, sizeof provpat, &pid) < 0 ||
	    !strcmp(provpat, "pid") || pid <= 0)
		return 0;
	sp = sym_proc_open(pid);
	if (sp == NULL)
		return 0;
	for (size_t i = 0; i < sym_proc_nmodules(sp); i++) {
		const struct sym_module *m = sym_proc_module(sp, i);

		for (size_t j = 0; m->elf && j < sym_elf_nsdt(m->elf); j++) {
			const struct sym_sdt *sd = sym_elf_sdt(m->elf, j);
			char *name;

			if (!sd || !sd->provider || !sd->name ||
			    !strcmp(sd->provider, "pid"))
				continue;
			add_word(provs, sizeof provs, sd->provider, &nprovs, 8);
			if (!prov_glob_match(provpat, sd->provider))
				continue;
			name = dtrace_name(sd->name);
			add_word(names, sizeof names, name, &nnames, 12);
			free(name);
		}
	}
	sym_proc_close(sp);
	if (nprovs == 0)
		snprintf(buf, len,
			 "process %d has no USDT probes in the modules it "
			 "has loaded",
			 (int)pid);
	else if (nnames == 0)
		snprintf(buf, len,
			 "process %d has no USDT provider %s; its USDT "
			 "providers: %s (udtrace -l -n 'PROVIDER$target:::' "
			 "-c CMD or -p PID lists their probes)",
			 (int)pid, provpat, provs);
	else
		snprintf(buf, len,
			 "no USDT probe of %s in process %d matches; its "
			 "probes: %s",
			 provpat, (int)pid, names);
	return 1;
}

const struct prov_ops prov_usdt = {
	.name = "usdt",
	.probe_attr = { "Evolving", "Evolving", "ISA" },
	.args_attr = { "Evolving", "Evolving", "ISA" },
	.provide = usdt_provide,
	.enable = usdt_enable,
	.disable = usdt_disable,
	.event = usdt_event,
	.traced = usdt_traced,
	.match = usdt_match,
	.release = usdt_release,
	.nomatch_advice = usdt_nomatch_advice,
};
