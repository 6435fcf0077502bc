/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The pid provider: pid<N>:<module>:<function>:entry, :return and
 * :<hex offset>, and pid<N>:<module>:-:<hex address>, on the functions of
 * process N's symbols (src/sym/). Probes are made on demand, when a
 * description names them (provide), as dtrace's dt_pid does:
 *
 *   entry     the function's first instruction; arg0..arg9 from the ABI
 *   return    every return site arch_func_scan() finds (ret forms, jumps
 *             out of the function); arg0 = the site's offset in the
 *             function, arg1 = the return register there
 *   1a        the instruction at that offset, refused (dtrace's compile
 *             error) off an instruction boundary; a glob name ("*", or an
 *             empty one) makes one for every instruction whose hex offset
 *             it matches, besides entry and return
 *   -:4011a6  an absolute address (the module is the one mapped there)
 *
 * Functions whose text does not decode, or has an indirect jump and
 * addresses its own bytes as data (a jump table in the text, which the
 * linear scan would take for instructions), get entry probes only, as
 * dtrace treats undecodable text; a description that names such a
 * function's return or offset literally is refused with the reason. A
 * switch's jump table in .rodata (what compilers emit on x86_64) leaves
 * the text pure code: every return site is found. A conditional jump out of a function that has a gcc cold part
 * ("f.cold") is taken for a jump into that part, not a return. A
 * conditional tail call (jcc to another function) fires return only when
 * the jump is taken (tgt_bkpt_taken()).
 *
 * One probe may sit at several addresses (two static functions of one
 * name, every return site) and one address may carry several probes
 * (aliases: malloc and __libc_malloc). Each enabled probe holds one
 * target breakpoint per address (tgt_bkpt_add() shares them). A process
 * that is not traced yet (-p before the attach) gets its breakpoints in
 * traced(). The dynamic linker is watched through an internal breakpoint
 * at ld.so's _dl_debug_state, where _r_debug.r_state says when the link
 * map is consistent: then the session is told (modules_changed) and
 * re-provides its descriptions, which finds the probes already made by
 * name and adds only what is new. exec drops every address (the target
 * layer dropped the breakpoints); the same names find the same probes in
 * the new image.
 *
 * The state is the provider's own (static, as the syscall provider's):
 * one session makes probes at a time. It is freed with the last probe.
 */
#include "config.h"

#include <ctype.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <link.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch/arch.h"
#include "common/htab.h"
#include "common/msg.h"
#include "common/vec.h"
#include "common/xalloc.h"
#include "providers/prov.h"
#include "sym/sym.h"

enum pid_kind { PK_ENTRY, PK_RETURN, PK_OFFSET, PK_ADDR };

/* Functions larger than this are not disassembled (entry probes only). */
#define PID_FUNC_MAX (16u << 20)

/* Arrays that start at one element: most probes have one address, most
   addresses one probe, and `pid$target:::` makes half a million. */
#define SVEC(type)                                                             \
	struct {                                                               \
		type *v;                                                       \
		uint32_t n, cap;                                               \
	}
#define SVEC_PUSH(vec, x)                                                      \
	do {                                                                   \
		if ((vec)->n == (vec)->cap) {                                  \
			(vec)->cap = (vec)->cap ? (vec)->cap * 2 : 1;          \
			(vec)->v = xreallocarray((vec)->v, (vec)->cap,         \
						 sizeof(*(vec)->v));           \
		}                                                              \
		(vec)->v[(vec)->n++] = (x);                                    \
	} while (0)

/* A module of a process, shared by its probes (counted). */
struct pid_mod {
	unsigned refs;
	char *path, *soname, *shortname;
	int is_exec;
	uint64_t inode;
	unsigned dev_major, dev_minor;
};

/* One address of a probe. */
struct pid_site {
	uint64_t addr;
	struct pid_mod *mod; /* the module it is in (counted) */
	int planted;	     /* holds one tgt_bkpt_add() */
};

/* p->data: what the probe is, and where. */
struct pid_pdata {
	pid_t pid;
	enum pid_kind kind;
	uint64_t off;	     /* PK_OFFSET: the offset; PK_ADDR: the address */
	struct pid_mod *mod; /* for sym_module_match() (the module field) */
	char *demangled;     /* a C++ func's demangled name, once asked */
	int demangle_tried;
	SVEC(struct pid_site) sites;
};

/* A probe at an address, with what it reports there. */
struct pid_ref {
	struct probe *p;
	uint64_t arg; /* PK_RETURN: the site's offset in the function */
	int cond;     /* PK_RETURN: a conditional jump out (a tail call when
			 taken) */
};

/* Every probe at one address, in probe-id order. */
struct pid_bp {
	uint64_t addr;
	SVEC(struct pid_ref) refs;
};

/* One process. */
struct pid_proc {
	pid_t pid;
	struct sym_proc *sp;  /* NULL until its image is its own */
	struct htab *by_name; /* "mod\0func\0name" -> struct probe */
	struct htab *bps;     /* uint64_t addr -> struct pid_bp */
	struct htab *mods;    /* "path\0" inode -> struct pid_mod */
	/* (description, module) pairs provided in this image: a
	   re-provide after dlopen disassembles only the new modules */
	struct htab *done;
	VEC(struct probe *) probes;
	/* The dynamic linker watch, per image. */
	int watched;	  /* set up (or found impossible) */
	int initial_done; /* modules_changed(initial = 1) was sent */
	uint64_t dl_addr; /* _dl_debug_state, planted; 0: none */
	uint64_t r_debug; /* &_r_debug (the executable's DT_DEBUG); 0 */
	int auxv_read;
	uint64_t at_base, at_phdr, at_phnum;
	unsigned image; /* execs seen (prov_pid_image()) */
};

static struct {
	struct htab *procs; /* pid_t -> struct pid_proc */
	size_t nprobes;	    /* alive, for freeing the state with the last */
} pp;

/* --- Small helpers ---------------------------------------------------- */

static int
has_glob(const char *s)
{
	return s && strpbrk(s, "*?[\\") != NULL;
}

static int
is_empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

/* A hex number, all of s ("1a", "0x1A"); 0 or -1. */
static int
parse_hex(const char *s, uint64_t *out)
{
	char *end;

	if (is_empty(s) || !isxdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 16);
	return errno || *end != '\0' ? -1 : 0;
}

/* "pid<digits>": the pid, or -1. */
static pid_t
parse_prov(const char *prov)
{
	char name[4];
	pid_t pid;

	if (prov_name_pid(prov, name, sizeof name, &pid) < 0 ||
	    strcmp(name, "pid") != 0)
		return -1;
	return pid;
}

/*
 * Whether glob pat could match some hex offset name: any literal
 * character outside [0-9a-f] rules that out ("entry", "ret*"), which
 * spares disassembling every function for a name that is not an offset.
 */
static int
glob_may_match_hex(const char *pat)
{
	for (const char *s = pat; *s; s++) {
		if (*s == '*' || *s == '?')
			continue;
		if (*s == '[') {
			const char *e = strchr(s + 1, ']');

			if (!e)
				return 1;
			s = e;
			continue;
		}
		if (*s == '\\' && s[1])
			s++;
		if (!isdigit((unsigned char)*s) && !(*s >= 'a' && *s <= 'f'))
			return 0;
	}
	return 1;
}

static void
mod_unref(struct pid_mod *pm)
{
	if (!pm || --pm->refs > 0)
		return;
	free(pm->path);
	free(pm->soname);
	free(pm->shortname);
	free(pm);
}

static void
mods_free(struct htab *mods)
{
	size_t it = 0;
	const void *k;
	size_t kl;
	void *v;

	while (htab_next(mods, &it, &k, &kl, &v))
		mod_unref(v);
	htab_destroy(mods);
}

/* --- Process state ---------------------------------------------------- */

static struct pid_proc *
proc_get(pid_t pid)
{
	return pp.procs ? htab_get(pp.procs, &pid, sizeof pid) : NULL;
}

static struct pid_proc *
proc_get_or_create(pid_t pid)
{
	struct pid_proc *st = proc_get(pid);

	if (st)
		return st;
	if (!pp.procs)
		pp.procs = htab_create();
	st = xcalloc(1, sizeof *st);
	st->pid = pid;
	st->by_name = htab_create();
	st->bps = htab_create();
	st->mods = htab_create();
	st->done = htab_create();
	htab_put(pp.procs, &pid, sizeof pid, st);
	return st;
}

static void drop_unmapped(const struct prov_host *h, struct pid_proc *st);

/*
 * The process's symbols, opened or refreshed (addresses in modules no
 * longer mapped are dropped); NULL when unreadable.
 */
static struct sym_proc *
proc_syms(const struct prov_host *h, struct pid_proc *st)
{
	if (!st->sp)
		st->sp = sym_proc_open(st->pid);
	else if (sym_proc_refresh(st->sp) > 0)
		drop_unmapped(h, st);
	return st->sp;
}

static void
bps_free(struct pid_proc *st)
{
	size_t it = 0;
	const void *k;
	size_t kl;
	void *v;

	while (htab_next(st->bps, &it, &k, &kl, &v)) {
		struct pid_bp *bp = v;

		VEC_FREE(&bp->refs);
		free(bp);
	}
	htab_destroy(st->bps);
	st->bps = htab_create();
}

static void
sites_free(struct pid_pdata *pd)
{
	for (size_t i = 0; i < pd->sites.n; i++)
		mod_unref(pd->sites.v[i].mod);
	VEC_FREE(&pd->sites);
}

/* Forgets every address of the process's probes, without touching the
   target (the image is gone, or its breakpoints went with it). */
static void
proc_drop_sites(struct pid_proc *st)
{
	for (size_t i = 0; i < st->probes.n; i++)
		sites_free(st->probes.v[i]->data);
	bps_free(st);
	htab_destroy(st->done);
	st->done = htab_create();
}

/* A new image (exec): its breakpoints and linker watch are gone. */
static void
proc_new_image(struct pid_proc *st)
{
	proc_drop_sites(st);
	st->watched = st->initial_done = 0;
	st->dl_addr = st->r_debug = 0;
	st->auxv_read = 0;
	st->image++;
}

/* probes_alive = 0 when the probes are being freed (their data is gone). */
static void
proc_free(struct pid_proc *st, int probes_alive)
{
	if (probes_alive)
		proc_drop_sites(st);
	else
		bps_free(st);
	htab_destroy(st->bps);
	htab_destroy(st->by_name);
	mods_free(st->mods);
	htab_destroy(st->done);
	VEC_FREE(&st->probes);
	sym_proc_close(st->sp);
	free(st);
}

static void
proc_drop(pid_t pid)
{
	struct pid_proc *st = proc_get(pid);

	if (!st)
		return;
	htab_del(pp.procs, &pid, sizeof pid);
	proc_free(st, 1);
}

static void
state_free(void)
{
	size_t it = 0;
	const void *k;
	size_t kl;
	void *v;

	if (!pp.procs)
		return;
	while (htab_next(pp.procs, &it, &k, &kl, &v))
		proc_free(v, 0);
	htab_destroy(pp.procs);
	pp.procs = NULL;
}

/* --- Planting --------------------------------------------------------- */

static int
is_traced(const struct prov_host *h, pid_t pid)
{
	return h && h->tgt && tgt_traced(h->tgt, pid);
}

static int
site_plant(const struct prov_host *h, const struct probe *p, struct pid_site *s)
{
	const struct pid_pdata *pd = p->data;
	char err[256] = "";
	int r;

	if (s->planted)
		return 0;
	r = tgt_bkpt_add(h->tgt, pd->pid, s->addr, err, sizeof err);
	if (r < 0) {
		prov_bkpt_refused(h, p, s->addr, r, err);
		return r;
	}
	s->planted = 1;
	return 0;
}

static void
site_unplant(const struct prov_host *h, const struct probe *p,
	     struct pid_site *s)
{
	const struct pid_pdata *pd = p->data;

	if (!s->planted)
		return;
	if (h && h->tgt)
		(void)tgt_bkpt_del(h->tgt, pd->pid, s->addr);
	s->planted = 0;
}

/* Plants every address of an enabled probe: 0, or -errno with none of
   this call's breakpoints left behind. */
static int
probe_plant(const struct prov_host *h, struct probe *p)
{
	struct pid_pdata *pd = p->data;

	for (size_t i = 0; i < pd->sites.n; i++) {
		int r = site_plant(h, p, &pd->sites.v[i]);

		if (r < 0) {
			while (i-- > 0)
				site_unplant(h, p, &pd->sites.v[i]);
			return r;
		}
	}
	return 0;
}

/* --- Making probes ------------------------------------------------------ */

/* What one provide() call is making. */
struct mk {
	const struct prov_host *h;
	struct prov_table *t;
	struct pid_proc *st;
	const struct vm_probedesc *d;
	char prov[32];
	int want_entry, want_return;
	int offs; /* 0: none; 1: the literal offset off; 2: by glob */
	uint64_t off;
	int created; /* probes made */
	int matched; /* probes made or found, with an address added or not */
	int error;   /* provide_error() was called */
	char refused[256]; /* why a probe named literally was not made */
	const struct sym_module *last_mod; /* the module of the last call */
	int skip_mod;	   /* it was done by an earlier provide() of d */
	struct htab *cold; /* its functions that have a .cold part */
};

static void
report_error(struct mk *mk, const char *msg)
{
	if (mk->h && mk->h->provide_error)
		mk->h->provide_error(mk->h->ctx, msg);
	else
		msg_warn("%s", msg);
	mk->error = 1;
}

static int
mod_is(const struct pid_mod *pm, const struct sym_module *m)
{
	return pm->inode == m->inode && pm->dev_major == m->dev_major &&
	       pm->dev_minor == m->dev_minor;
}

/* st's record of module m, with one more reference for the caller. */
static struct pid_mod *
mod_get(struct pid_proc *st, const struct sym_module *m)
{
	size_t plen = strlen(m->path) + 1, klen = plen + sizeof m->inode;
	char *key = xmalloc(klen);
	struct pid_mod *pm;

	memcpy(key, m->path, plen);
	memcpy(key + plen, &m->inode, sizeof m->inode);
	pm = htab_get(st->mods, key, klen);
	if (!pm || !mod_is(pm, m)) {
		struct pid_mod *old = pm;

		pm = xcalloc(1, sizeof *pm);
		pm->refs = 1; /* st's */
		pm->path = xstrdup(m->path);
		pm->soname = m->soname ? xstrdup(m->soname) : NULL;
		pm->shortname = xstrdup(m->shortname ? m->shortname : m->base);
		pm->is_exec = m->is_exec;
		pm->inode = m->inode;
		pm->dev_major = m->dev_major;
		pm->dev_minor = m->dev_minor;
		htab_put(st->mods, key, klen, pm);
		mod_unref(old);
	}
	free(key);
	pm->refs++;
	return pm;
}

static struct pid_pdata *
pdata_new(struct pid_proc *st, enum pid_kind kind, uint64_t off,
	  const struct sym_module *m)
{
	struct pid_pdata *pd = xcalloc(1, sizeof *pd);

	pd->pid = st->pid;
	pd->kind = kind;
	pd->off = off;
	pd->mod = mod_get(st, m);
	return pd;
}

/* A probe's module after an exec or a reload: the new file's identity. */
static void
pdata_rebind(struct pid_proc *st, struct pid_pdata *pd,
	     const struct sym_module *m)
{
	if (mod_is(pd->mod, m) && !strcmp(pd->mod->path, m->path))
		return;
	mod_unref(pd->mod);
	pd->mod = mod_get(st, m);
}

static char *
name_key(const char *mod, const char *func, const char *name, size_t *len)
{
	size_t a = strlen(mod) + 1, b = strlen(func) + 1, c = strlen(name);
	char *k = xmalloc(a + b + c);

	memcpy(k, mod, a);
	memcpy(k + a, func, b);
	memcpy(k + a + b, name, c);
	*len = a + b + c;
	return k;
}

/* The probe of that name in st, made when missing. */
static struct probe *
probe_get(struct mk *mk, const struct sym_module *m, const char *func,
	  const char *name, enum pid_kind kind, uint64_t off)
{
	struct pid_proc *st = mk->st;
	size_t klen;
	char *key = name_key(m->base, func, name, &klen);
	struct probe *p = htab_get(st->by_name, key, klen);

	if (!p) {
		p = prov_probe_create(mk->t, &prov_pid, mk->prov, m->base, func,
				      name);
		p->kind = kind;
		p->nr = -1;
		p->data = pdata_new(st, kind, off, m);
		pp.nprobes++;
		htab_put(st->by_name, key, klen, p);
		VEC_PUSH(&st->probes, p);
		mk->created++;
	} else if (((struct pid_pdata *)p->data)->sites.n == 0) {
		pdata_rebind(st, p->data, m);
	}
	free(key);
	mk->matched++;
	return p;
}

/* Adds address addr to probe p (once), planting it when p is enabled. */
static void
probe_add_site(struct mk *mk, struct probe *p, const struct sym_module *m,
	       uint64_t addr, uint64_t arg, int cond)
{
	struct pid_proc *st = mk->st;
	struct pid_pdata *pd = p->data;
	struct pid_bp *bp = htab_get(st->bps, &addr, sizeof addr);
	struct pid_site s = { addr, NULL, 0 };
	struct pid_ref ref = { p, arg, cond };
	size_t i;

	if (!bp) {
		bp = xcalloc(1, sizeof *bp);
		bp->addr = addr;
		htab_put(st->bps, &addr, sizeof addr, bp);
	}
	for (i = 0; i < bp->refs.n; i++)
		if (bp->refs.v[i].p == p)
			return;
	/* In probe-id order: the order they fire in. */
	SVEC_PUSH(&bp->refs, ref);
	for (i = bp->refs.n - 1; i > 0 && bp->refs.v[i - 1].p->id > p->id; i--)
		bp->refs.v[i] = bp->refs.v[i - 1];
	bp->refs.v[i] = ref;
	s.mod = mod_get(st, m);
	SVEC_PUSH(&pd->sites, s);
	if (p->enabled && is_traced(mk->h, st->pid))
		(void)site_plant(mk->h, p, &pd->sites.v[pd->sites.n - 1]);
}

/* The function's text from its file, disassembled. 0 or -errno. */
static int
func_scan(struct sym_proc *sp, uint64_t addr, uint64_t size,
	  struct arch_func_scan *scan)
{
	uint8_t *code;
	ssize_t n;
	int r;

	if (size == 0 || size > PID_FUNC_MAX)
		return -E2BIG;
	code = xmalloc(size);
	n = sym_func_bytes(sp, addr, code, size);
	if (n <= 0) {
		free(code);
		return n < 0 ? (int)n : -ENOENT;
	}
	r = arch_func_scan(code, (size_t)n, addr, scan);
	if (r == 0 && (uint64_t)n < size && !scan->bad) {
		/* Text past the file's data (never for real code): refuse
		   what the scan could not see. */
		scan->bad = 1;
		scan->bad_off = (uint64_t)n;
	}
	free(code);
	return r;
}

/* Why a function gets no return or offset probe, or NULL. */
static const char *
scan_refusal(const struct arch_func_scan *scan, char *buf, size_t len)
{
	if (scan->bad)
		snprintf(buf, len,
			 "its text does not decode at offset 0x%" PRIx64,
			 scan->bad_off);
	else if (scan->indirect && scan->data_refs)
		snprintf(buf, len,
			 "it has an indirect jump and data in its text (a "
			 "jump table the disassembly cannot tell from code)");
	else
		return NULL;
	return buf;
}

static void
make_offsets(struct mk *mk, const struct sym_match *m,
	     const struct arch_func_scan *scan)
{
	char name[24];

	if (mk->offs == 1) {
		struct probe *p;

		if (mk->off >= m->size ||
		    !arch_func_scan_is_insn(scan, mk->off)) {
			char msg[128];

			snprintf(msg, sizeof msg,
				 "offset 0x%" PRIx64
				 " is not aligned on an instruction",
				 mk->off);
			report_error(mk, msg);
			return;
		}
		snprintf(name, sizeof name, "%" PRIx64, mk->off);
		p = probe_get(mk, m->mod, m->name, name, PK_OFFSET, mk->off);
		probe_add_site(mk, p, m->mod, m->addr + mk->off, 0, 0);
		return;
	}
	for (size_t i = 0; i < scan->n_insn; i++) {
		uint64_t off = scan->insn[i];
		struct probe *p;

		snprintf(name, sizeof name, "%" PRIx64, off);
		if (!prov_glob_match(mk->d->name, name))
			continue;
		p = probe_get(mk, m->mod, m->name, name, PK_OFFSET, off);
		probe_add_site(mk, p, m->mod, m->addr + off, 0, 0);
	}
}

/* Appends s and its NUL to the key being built in *k (*len bytes). */
static void
key_add(char **k, size_t *len, const char *s)
{
	size_t n = strlen(s ? s : "") + 1;

	*k = xrealloc(*k, *len + n);
	memcpy(*k + *len, s ? s : "", n);
	*len += n;
}

/* Whether d was provided in module m before; marks it so. */
static int
module_done(struct mk *mk, const struct sym_module *m)
{
	char *key = NULL, id[96];
	size_t klen = 0;
	int done;

	snprintf(id, sizeof id, "%" PRIu64 ":%u:%u:%" PRIx64, m->inode,
		 m->dev_major, m->dev_minor, m->bias);
	key_add(&key, &klen, mk->d->mod);
	key_add(&key, &klen, mk->d->func);
	key_add(&key, &klen, mk->d->name);
	key_add(&key, &klen, m->path);
	key_add(&key, &klen, id);
	done = htab_get(mk->st->done, key, klen) != NULL;
	if (!done)
		htab_put(mk->st->done, key, klen, mk->st);
	free(key);
	return done;
}

/*
 * The functions of module m that gcc split a cold part off ("f.cold"):
 * their jumps into it leave [addr, addr + size) without returning.
 */
static struct htab *
cold_parents(const struct sym_module *m)
{
	struct htab *h = htab_create();
	size_t n = m->elf ? sym_elf_nfuncs(m->elf) : 0;

	for (size_t i = 0; i < n; i++) {
		const char *name = sym_elf_func(m->elf, i)->name;
		const char *c = strstr(name, ".cold");

		if (c && c > name)
			htab_put(h, name, (size_t)(c - name), (void *)name);
	}
	return h;
}

static void
make_return(struct mk *mk, const struct sym_match *m,
	    const struct arch_func_scan *scan)
{
	struct probe *p = NULL;
	int has_cold;

	if (!mk->cold)
		mk->cold = cold_parents(m->mod);
	has_cold = htab_get(mk->cold, m->name, strlen(m->name)) != NULL;
	for (size_t i = 0; i < scan->n_site; i++) {
		const struct arch_func_site *site = &scan->site[i];

		/*
		 * A conditional jump out of a function with a cold part is
		 * taken to be a jump into that part (what gcc emits for
		 * an unlikely branch), not a conditional tail call: the
		 * scan does not say where a jump goes.
		 */
		if (site->kind == ARCH_SITE_TAIL_COND && has_cold)
			continue;
		if (!p)
			p = probe_get(mk, m->mod, m->name, "return", PK_RETURN,
				      0);
		probe_add_site(mk, p, m->mod, m->addr + site->off, site->off,
			       site->kind == ARCH_SITE_TAIL_COND);
	}
}

static int
make_func(void *ctx, const struct sym_match *m)
{
	struct mk *mk = ctx;
	struct arch_func_scan scan;
	char why[128];
	const char *no;

	if (m->mod != mk->last_mod) {
		mk->last_mod = m->mod;
		mk->skip_mod = module_done(mk, m->mod);
		if (mk->cold)
			htab_destroy(mk->cold);
		mk->cold = NULL;
	}
	if (mk->skip_mod)
		return 0;

	if (mk->want_entry) {
		struct probe *p =
			probe_get(mk, m->mod, m->name, "entry", PK_ENTRY, 0);

		probe_add_site(mk, p, m->mod, m->addr, 0, 0);
	}
	if (!mk->want_return && !mk->offs)
		return 0;
	if (func_scan(mk->st->sp, m->addr, m->size, &scan) < 0)
		return 0;
	no = scan_refusal(&scan, why, sizeof why);
	if (no) {
		/* dtrace's conservative treatment: no return or offset
		   probe in a function whose text the scan cannot trust. */
		if (!has_glob(mk->d->func) && !is_empty(mk->d->name) &&
		    !has_glob(mk->d->name))
			snprintf(mk->refused, sizeof mk->refused,
				 "no %s probe in %s`%s: %s",
				 mk->want_return ? "return" : "offset",
				 m->mod->base, m->name, no);
		arch_func_scan_release(&scan);
		return 0;
	}
	if (mk->want_return)
		make_return(mk, m, &scan);
	if (mk->offs)
		make_offsets(mk, m, &scan);
	arch_func_scan_release(&scan);
	return mk->error ? -1 : 0;
}

/* pid<N>:<mod>:-:<address>. */
static void
make_addr(struct mk *mk)
{
	struct sym_proc *sp = mk->st->sp;
	const struct sym_module *m;
	const struct sym_elf_func *f;
	struct probe *p;
	uint64_t addr;
	char name[24], msg[160];

	if (has_glob(mk->d->name) || is_empty(mk->d->name))
		return;
	if (parse_hex(mk->d->name, &addr) < 0) {
		snprintf(msg, sizeof msg, "'%s' is an invalid probe name",
			 mk->d->name);
		report_error(mk, msg);
		return;
	}
	m = sym_proc_module_at(sp, addr);
	if (!m || !sym_module_match(m, mk->d->mod))
		return;
	/* Inside a known function, the address must start an
	   instruction. */
	f = m->elf ? sym_elf_lookup_addr(m->elf, addr - m->bias) : NULL;
	if (f) {
		struct arch_func_scan scan;
		uint64_t start = f->value + m->bias;

		if (func_scan(sp, start, f->size, &scan) == 0) {
			int bad = !scan.bad &&
				  !arch_func_scan_is_insn(&scan, addr - start);

			arch_func_scan_release(&scan);
			if (bad) {
				snprintf(msg, sizeof msg,
					 "offset 0x%" PRIx64
					 " is not aligned on an instruction",
					 addr - start);
				report_error(mk, msg);
				return;
			}
		}
	}
	snprintf(name, sizeof name, "%" PRIx64, addr);
	p = probe_get(mk, m, "-", name, PK_ADDR, addr);
	probe_add_site(mk, p, m, addr, 0, 0);
}

static int
pid_provide(const struct prov_host *h, struct prov_table *t,
	    const struct vm_probedesc *d)
{
	pid_t pid = parse_prov(d->prov);
	struct pid_proc *st;
	struct mk mk;
	int state;

	if (pid < 0)
		return 0;
	state = h && h->proc_state ? h->proc_state(h->ctx, pid) :
				     PROV_PROC_READY;
	if (state == PROV_PROC_UNKNOWN)
		return 0;
	/* Known from now on: traced() watches its dynamic linker. */
	st = proc_get_or_create(pid);
	if (state != PROV_PROC_READY || !proc_syms(h, st))
		return 0;

	memset(&mk, 0, sizeof mk);
	mk.h = h;
	mk.t = t;
	mk.st = st;
	mk.d = d;
	snprintf(mk.prov, sizeof mk.prov, "pid%d", (int)pid);
	if (d->func && !strcmp(d->func, "-")) {
		make_addr(&mk);
		return mk.created;
	}
	mk.want_entry = prov_glob_match(d->name, "entry");
	mk.want_return = prov_glob_match(d->name, "return");
	if (is_empty(d->name) || has_glob(d->name)) {
		if (glob_may_match_hex(is_empty(d->name) ? "*" : d->name))
			mk.offs = 2;
	} else if (!mk.want_entry && !mk.want_return) {
		if (parse_hex(d->name, &mk.off) < 0) {
			char msg[160];

			snprintf(msg, sizeof msg,
				 "'%s' is an invalid probe name", d->name);
			report_error(&mk, msg);
			return 0;
		}
		mk.offs = 1;
	}
	(void)sym_lookup_name(st->sp, d->mod, d->func, make_func, &mk);
	if (mk.cold)
		htab_destroy(mk.cold);
	if (!mk.error && mk.matched == 0 && mk.refused[0])
		report_error(&mk, mk.refused);
	return mk.created;
}

/*
 * A pid description that matched nothing in a process whose image we
 * read: the modules searched (all of them when the module field matched
 * none), and how to list a module's functions. Not for a process we know
 * nothing of (the session says that).
 */
static int
pid_nomatch_advice(const struct vm_probedesc *d, char *buf, size_t len)
{
	enum { SHOWN = 8 };
	pid_t pid = parse_prov(d->prov);
	struct pid_proc *st = pid < 0 ? NULL : proc_get(pid);
	const char *one = "MODULE";
	size_t n, nmatch = 0, shown = 0, at;
	int all;

	if (st == NULL || st->sp == NULL)
		return 0;
	n = sym_proc_nmodules(st->sp);
	for (size_t i = 0; i < n; i++)
		nmatch += sym_module_match(sym_proc_module(st->sp, i), d->mod);
	all = is_empty(d->mod) || nmatch == 0;
	if (all && !is_empty(d->mod))
		snprintf(buf, len,
			 "process %d has no module %s; its modules: ", (int)pid,
			 d->mod);
	else
		snprintf(buf, len,
			 "process %d has no function %s in the modules "
			 "searched: ",
			 (int)pid, is_empty(d->func) ? "*" : d->func);
	at = strlen(buf);
	for (size_t i = 0; i < n && at < len; i++) {
		const struct sym_module *m = sym_proc_module(st->sp, i);
		const char *name = m->is_exec ? "a.out" : m->base;

		if (!all && !sym_module_match(m, d->mod))
			continue;
		if (shown == SHOWN) {
			snprintf(buf + at, len - at, ", ...");
			break;
		}
		snprintf(buf + at, len - at, "%s%s", shown ? ", " : "", name);
		at = strlen(buf);
		if (!all && nmatch == 1)
			one = name;
		shown++;
	}
	at = strlen(buf);
	if (at < len)
		snprintf(buf + at, len - at,
			 " (udtrace -l -n 'pid$target:%s::entry' -c CMD or "
			 "-p PID lists %s functions)",
			 one, strcmp(one, "MODULE") ? "its" : "a module's");
	return 1;
}

/* --- Matching ------------------------------------------------------------ */

/* The function field: the symbol, or a C++ one's demangled name, as
   sym_lookup_name() found it. */
static int
func_match(const struct probe *p, const char *pat)
{
	struct pid_pdata *pd = p->data;

	if (prov_glob_match(pat, p->func))
		return 1;
	if (!pd || strncmp(p->func, "_Z", 2) != 0)
		return 0;
	if (!pd->demangle_tried) {
		pd->demangle_tried = 1;
		pd->demangled = sym_demangle(p->func);
	}
	return pd->demangled && prov_glob_match(pat, pd->demangled);
}

static int
pid_match(const struct probe *p, const struct vm_probedesc *d)
{
	const struct pid_pdata *pd = p->data;
	struct sym_module m;
	uint64_t v;

	if (!prov_glob_match(d->prov, p->prov) || !func_match(p, d->func))
		return 0;
	if (!is_empty(d->mod)) {
		if (!pd)
			return prov_glob_match(d->mod, p->mod);
		memset(&m, 0, sizeof m);
		m.path = pd->mod->path;
		m.base = p->mod;
		m.soname = pd->mod->soname;
		m.shortname = pd->mod->shortname;
		m.is_exec = pd->mod->is_exec;
		if (!sym_module_match(&m, d->mod))
			return 0;
	}
	/* An offset or address named literally matches by value ("0x1A"
	   names the probe "1a"). */
	if (pd && (pd->kind == PK_OFFSET || pd->kind == PK_ADDR) &&
	    !is_empty(d->name) && !has_glob(d->name) &&
	    parse_hex(d->name, &v) == 0)
		return v == pd->off;
	return prov_glob_match(d->name, p->name);
}

static void
pid_release(struct probe *p)
{
	struct pid_pdata *pd = p->data;

	if (pd) {
		mod_unref(pd->mod);
		free(pd->demangled);
		sites_free(pd);
		free(pd);
		p->data = NULL;
	}
	/* The table goes away with its probes: so does the state that
	   points at them. */
	if (pp.nprobes > 0 && --pp.nprobes == 0)
		state_free();
}

/* --- Enabling ------------------------------------------------------------ */

static int
pid_enable(const struct prov_host *h, struct probe *p)
{
	struct pid_pdata *pd = p->data;

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
pid_disable(const struct prov_host *h, struct probe *p)
{
	struct pid_pdata *pd = p->data;

	if (!p->enabled)
		return;
	for (size_t i = 0; pd && i < pd->sites.n; i++)
		site_unplant(h, p, &pd->sites.v[i]);
	p->enabled = 0;
}

/* --- The dynamic linker -------------------------------------------------- */

static void
read_auxv(struct pid_proc *st)
{
	if (st->auxv_read)
		return;
	st->auxv_read = 1;
	st->at_base = st->at_phdr = st->at_phnum = 0;
	(void)sym_proc_auxv(st->pid, AT_BASE, &st->at_base);
	(void)sym_proc_auxv(st->pid, AT_PHDR, &st->at_phdr);
	(void)sym_proc_auxv(st->pid, AT_PHNUM, &st->at_phnum);
}

/*
 * &_r_debug, from the executable's DT_DEBUG (which ld.so fills before it
 * first calls _dl_debug_state; a debugger's way, and no symbol of data
 * needed): 0 when not known (yet).
 */
static uint64_t
find_r_debug(const struct prov_host *h, struct pid_proc *st)
{
	ElfW(Phdr) ph[64];
	uint64_t bias = 0, dyn = 0;
	size_t n;
	int have_bias = 0;

	if (st->r_debug)
		return st->r_debug;
	read_auxv(st);
	n = st->at_phnum < 64 ? (size_t)st->at_phnum : 64;
	if (!st->at_phdr || !n ||
	    tgt_read(h->tgt, st->pid, st->at_phdr, ph, n * sizeof ph[0]) < 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (ph[i].p_type == PT_PHDR) {
			bias = st->at_phdr - ph[i].p_vaddr;
			have_bias = 1;
		}
	for (size_t i = 0; i < n; i++)
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = ph[i].p_vaddr + bias;
	if (!have_bias || !dyn)
		return 0;
	for (size_t i = 0; i < 512; i++) {
		ElfW(Dyn) e;

		if (tgt_read(h->tgt, st->pid, dyn + i * sizeof e, &e,
			     sizeof e) < 0 ||
		    e.d_tag == DT_NULL)
			break;
		if (e.d_tag == DT_DEBUG) {
			st->r_debug = e.d_un.d_ptr;
			break;
		}
	}
	return st->r_debug;
}

/* _dl_debug_state in ld.so (the module mapped at AT_BASE), or 0. */
static uint64_t
find_dl_debug_state(struct pid_proc *st)
{
	const struct sym_module *m = sym_proc_module_at(st->sp, st->at_base);

	if (!m || !m->elf)
		return 0;
	for (size_t i = 0; i < sym_elf_nfuncs(m->elf); i++) {
		const struct sym_elf_func *f = sym_elf_func(m->elf, i);

		if (!strcmp(f->name, "_dl_debug_state"))
			return f->value + m->bias;
	}
	return 0;
}

static void
send_initial(const struct prov_host *h, struct pid_proc *st)
{
	if (st->initial_done)
		return;
	st->initial_done = 1;
	if (h->modules_changed)
		h->modules_changed(h->ctx, st->pid, 1);
}

/*
 * Watches the dynamic linker of st's image (once per image). A static
 * executable has everything mapped already: its initial point is now.
 */
static void
watch_linker(const struct prov_host *h, struct pid_proc *st)
{
	char err[256] = "";
	uint64_t addr, rd;
	int r;

	if (st->watched || !st->sp)
		return;
	st->watched = 1;
	read_auxv(st);
	if (st->at_base == 0) {
		send_initial(h, st);
		return;
	}
	addr = find_dl_debug_state(st);
	if (!addr) {
		msg_warn("process %d: no _dl_debug_state in its dynamic "
			 "linker: libraries it loads later get no pid probes",
			 (int)st->pid);
		send_initial(h, st);
		return;
	}
	r = tgt_bkpt_add(h->tgt, st->pid, addr, err, sizeof err);
	if (r < 0) {
		msg_warn("process %d: cannot watch its dynamic linker: %s",
			 (int)st->pid, err[0] ? err : strerror(-r));
		send_initial(h, st);
		return;
	}
	st->dl_addr = addr;
	/* Attached after the linker ran (-p): its start is long past. */
	rd = find_r_debug(h, st);
	if (rd) {
		int ver = 0;

		if (tgt_read(h->tgt, st->pid,
			     rd + offsetof(struct r_debug, r_version), &ver,
			     sizeof ver) == 0 &&
		    ver != 0)
			st->initial_done = 1;
	}
}

/* Probes whose module is no longer mapped lose those addresses. */
static void
drop_unmapped(const struct prov_host *h, struct pid_proc *st)
{
	for (size_t i = 0; i < st->probes.n; i++) {
		struct probe *p = st->probes.v[i];
		struct pid_pdata *pd = p->data;
		size_t j, k = 0;

		for (j = 0; j < pd->sites.n; j++) {
			struct pid_site *s = &pd->sites.v[j];
			const struct sym_module *m =
				sym_proc_module_at(st->sp, s->addr);
			struct pid_bp *bp;

			if (m && mod_is(s->mod, m)) {
				pd->sites.v[k++] = *s;
				continue;
			}
			mod_unref(s->mod);
			/* The text is gone: the target layer must not
			   write the original bytes back there. */
			if (s->planted && h && h->tgt)
				(void)tgt_bkpt_forget(h->tgt, st->pid, s->addr);
			bp = htab_get(st->bps, &s->addr, sizeof s->addr);
			if (!bp)
				continue;
			for (size_t r = 0; r < bp->refs.n; r++)
				if (bp->refs.v[r].p == p) {
					memmove(&bp->refs.v[r],
						&bp->refs.v[r + 1],
						(bp->refs.n - r - 1) *
							sizeof bp->refs.v[0]);
					bp->refs.n--;
					break;
				}
			if (bp->refs.n == 0) {
				htab_del(st->bps, &s->addr, sizeof s->addr);
				VEC_FREE(&bp->refs);
				free(bp);
			}
		}
		pd->sites.n = k;
	}
	/* A module mapped again where it was must be provided again. */
	htab_destroy(st->done);
	st->done = htab_create();
}

/* The thread stopped at _dl_debug_state. */
static void
linker_event(const struct prov_host *h, struct pid_proc *st)
{
	uint64_t rd = find_r_debug(h, st);
	int state = RT_CONSISTENT, changed;

	if (rd &&
	    tgt_read(h->tgt, st->pid, rd + offsetof(struct r_debug, r_state),
		     &state, sizeof state) < 0)
		state = RT_CONSISTENT;
	if (state != RT_CONSISTENT)
		return;
	changed = sym_proc_refresh(st->sp);
	if (changed < 0)
		return;
	if (changed)
		drop_unmapped(h, st);
	if (!st->initial_done) {
		send_initial(h, st);
		return;
	}
	if (changed && h->modules_changed)
		h->modules_changed(h->ctx, st->pid, 0);
}

/* --- Events ---------------------------------------------------------------- */

static void pid_traced(const struct prov_host *h, pid_t pid);

void
prov_pid_watch(const struct prov_host *h, pid_t pid)
{
	struct pid_proc *st = proc_get(pid);

	if (st == NULL) {
		st = proc_get_or_create(pid);
		/* already traced (a description seen after the attach):
		   follow its dynamic linker from now on; a -c command
		   before its exec is traced too, but its image is still
		   udtrace's: traced() comes at the exec */
		if (h && h->tgt && tgt_traced(h->tgt, pid) &&
		    (!h->proc_state ||
		     h->proc_state(h->ctx, pid) == PROV_PROC_READY))
			pid_traced(h, pid);
	}
}

unsigned
prov_pid_image(pid_t pid)
{
	struct pid_proc *st = proc_get(pid);

	return st ? st->image : 0;
}

static void
pid_traced(const struct prov_host *h, pid_t pid)
{
	struct pid_proc *st = proc_get(pid);

	/* Only processes that pid descriptions named. */
	if (!st || !h->tgt || !proc_syms(h, st))
		return;
	for (size_t i = 0; i < st->probes.n; i++) {
		struct probe *p = st->probes.v[i];

		if (p->enabled)
			(void)probe_plant(h, p);
	}
	watch_linker(h, st);
}

/* Whose arguments a clause may still ask for (vm_probe_ctx's
   args_fetch), while the thread is stopped at the entry. */
struct call_at {
	struct tgt *tgt;
	pid_t tid;
};

static int
fetch_call_args(const void *arg, uint64_t *args, uint32_t n)
{
	const struct call_at *fa = arg;

	return tgt_call_args(fa->tgt, fa->tid, args, n);
}

static void
fire_at(const struct prov_host *h, struct pid_proc *st,
	const struct tgt_event *ev)
{
	struct pid_bp *bp = htab_get(st->bps, &ev->pc, sizeof ev->pc);
	struct pid_ref refs[16], *v = refs;
	struct call_at fa = { h->tgt, ev->tid };
	size_t n = 0;

	if (!bp)
		return;
	/* A copy: clauses may make the session change probes. */
	if (bp->refs.n > 16)
		v = xmalloc(bp->refs.n * sizeof *v);
	for (size_t i = 0; i < bp->refs.n; i++)
		if (bp->refs.v[i].p->enabled)
			v[n++] = bp->refs.v[i];
	for (size_t i = 0; i < n; i++) {
		const struct pid_pdata *pd = v[i].p->data;
		struct vm_probe_ctx c;

		memset(&c, 0, sizeof c);
		if (pd->kind == PK_ENTRY) {
			/* The register arguments now; the stack ones (a read
			   of tracee memory) only for a clause that reads
			   one. */
			c.nargs = 10;
			c.args_late = tgt_call_reg_args();
			(void)tgt_call_args(h->tgt, ev->tid, c.args,
					    c.args_late);
			c.args_fetch = fetch_call_args;
			c.args_fetch_arg = &fa;
		} else if (pd->kind == PK_RETURN) {
			/* a conditional tail call returns only when taken
			   (when the target layer cannot tell, it fires) */
			if (v[i].cond &&
			    tgt_bkpt_taken(h->tgt, ev->tid, ev->pc) == 0)
				continue;
			c.nargs = 2;
			c.args[0] = v[i].arg;
			if (tgt_call_ret(h->tgt, ev->tid, &c.args[1]) < 0)
				c.args[1] = 0;
		}
		h->fire(h->ctx, v[i].p, &c, ev);
	}
	if (v != refs)
		free(v);
}

/* A new process that inherited breakpoints not meant for it. */
static void
clear_inherited(const struct prov_host *h, pid_t pid)
{
	if (h->tgt && !proc_get(pid) && tgt_bkpt_count(h->tgt, pid) > 0)
		tgt_bkpt_clear(h->tgt, pid);
}

static void
pid_event(const struct prov_host *h, const struct tgt_event *ev)
{
	struct pid_proc *st;

	switch (ev->kind) {
	case TGT_EV_BKPT:
		/* A fork child's inherited breakpoints are not its probes:
		   ev->pid has no state then. */
		st = proc_get(ev->pid);
		if (!st)
			return;
		fire_at(h, st, ev);
		if (st->dl_addr && ev->pc == st->dl_addr)
			linker_event(h, st);
		break;
	case TGT_EV_FORK:
		if (proc_get(ev->pid))
			clear_inherited(h, ev->child);
		break;
	case TGT_EV_PROC_START:
		clear_inherited(h, ev->pid);
		break;
	case TGT_EV_EXEC:
		st = proc_get(ev->pid);
		if (!st)
			return;
		proc_new_image(st);
		if (proc_syms(h, st) && h->tgt)
			watch_linker(h, st);
		break;
	case TGT_EV_GONE:
		proc_drop(ev->pid);
		break;
	default:
		break;
	}
}

/* Oracle's dt_prov_pid.c: Unstable/Unstable/Common (ISA for args). */
const struct prov_ops prov_pid = {
	.name = "pid",
	.probe_attr = { "Unstable", "Unstable", "Common" },
	.args_attr = { "Unstable", "Unstable", "ISA" },
	.provide = pid_provide,
	.enable = pid_enable,
	.disable = pid_disable,
	.event = pid_event,
	.traced = pid_traced,
	.match = pid_match,
	.release = pid_release,
	.nomatch_advice = pid_nomatch_advice,
};

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

size_t
prov_pid_addrs(const struct probe *p, uint64_t *addrs, size_t max)
{
	const struct pid_pdata *pd = p->ops == &prov_pid ? p->data : NULL;
	size_t n = pd ? pd->sites.n : 0;
	uint64_t *all;

	if (n == 0 || max == 0 || !addrs)
		return n;
	all = xmalloc(n * sizeof *all);
	for (size_t i = 0; i < n; i++)
		all[i] = pd->sites.v[i].addr;
	qsort(all, n, sizeof *all, cmp_u64);
	memcpy(addrs, all, (max < n ? max : n) * sizeof *all);
	free(all);
	return n;
}
