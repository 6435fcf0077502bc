/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A process's mappings (/proc/PID/maps) grouped into modules, one per
 * mapped ELF file, with the module names DTrace matches (a.out, the
 * soname, the short name, the basename, the path), and the lookups the pid
 * provider and ustack() printing need: name -> absolute address and
 * address -> module`function+offset.
 *
 * The maps are read as one text and kept: a refresh that reads the same
 * text changes nothing, so callers may refresh freely (after mmap, munmap,
 * mprotect, exec) and compare sym_proc_generation() to know when their
 * cached module pointers and addresses are stale. ELF files are opened
 * once per (device, inode, path) and kept across refreshes while mapped.
 *
 * The file behind a mapping is opened through /proc/PID/root first, so a
 * process in another mount namespace or chroot resolves its own paths,
 * then by path, then through /proc/PID/map_files (which also reaches a
 * deleted file); the first candidate whose inode is the mapping's wins.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "common/vec.h"
#include "common/xalloc.h"
#include "sym/sym.h"

/* /proc/PID/maps larger than this is refused (a hostile process). */
#define SYM_MAPS_MAX (64u << 20)

/* An opened ELF file (or a file that is not one: elf NULL). */
struct elf_ent {
	uint64_t inode;
	unsigned dev_major, dev_minor;
	char *path;
	struct sym_elf *elf;
};

struct sym_proc {
	pid_t pid;
	uint64_t gen;
	char *text; /* the maps last read */
	size_t textlen;
	VEC(struct sym_map) maps;
	VEC(struct sym_module) mods;
	VEC(struct elf_ent) elfs;
	uint64_t exe_inode;
	unsigned exe_major, exe_minor;
	int have_exe;
};

/* Reads the whole of a /proc file: a NUL-terminated buffer, or NULL. */
static char *
read_file(const char *path, size_t *lenp)
{
	size_t len = 0, cap = 16384;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	buf = xmalloc(cap);
	for (;;) {
		ssize_t n;

		if (cap - len < 4096) {
			if (cap >= SYM_MAPS_MAX) {
				free(buf);
				close(fd);
				errno = EFBIG;
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

static int
parse_hex(const char **sp, uint64_t *out)
{
	const char *s = *sp;
	uint64_t v = 0;
	int n = 0;

	while (isxdigit((unsigned char)*s)) {
		int d = isdigit((unsigned char)*s) ? *s - '0' :
						     (tolower(*s) - 'a' + 10);
		if (n++ >= 16)
			return -1;
		v = v << 4 | (uint64_t)d;
		s++;
	}
	if (n == 0)
		return -1;
	*sp = s;
	*out = v;
	return 0;
}

/*
 * One line: "start-end perms offset major:minor inode   path". The path
 * is everything after the spaces that follow the inode (it may contain
 * spaces), with " (deleted)" kept: it is part of what the kernel says.
 */
static int
parse_line(const char *s, const char *end, struct sym_map *m)
{
	uint64_t maj, min;

	memset(m, 0, sizeof *m);
	if (parse_hex(&s, &m->start) || *s++ != '-' || parse_hex(&s, &m->end) ||
	    *s++ != ' ')
		return -1;
	if (end - s < 5 || s[4] != ' ')
		return -1;
	memcpy(m->perms, s, 4);
	s += 5;
	if (parse_hex(&s, &m->offset) || *s++ != ' ' || parse_hex(&s, &maj) ||
	    *s++ != ':' || parse_hex(&s, &min) || *s++ != ' ')
		return -1;
	if (maj > UINT_MAX || min > UINT_MAX || m->end < m->start)
		return -1;
	m->dev_major = (unsigned)maj;
	m->dev_minor = (unsigned)min;
	if (!isdigit((unsigned char)*s))
		return -1;
	while (isdigit((unsigned char)*s)) {
		if (m->inode > UINT64_MAX / 10)
			return -1;
		m->inode = m->inode * 10 + (uint64_t)(*s++ - '0');
	}
	while (s < end && *s == ' ')
		s++;
	if (s < end)
		m->path = xstrndup(s, (size_t)(end - s));
	return 0;
}

static void
free_maps(struct sym_proc *p)
{
	size_t i;

	for (i = 0; i < p->maps.n; i++)
		free(p->maps.v[i].path);
	VEC_FREE(&p->maps);
}

static void
free_mods(struct sym_proc *p)
{
	size_t i;

	for (i = 0; i < p->mods.n; i++) {
		free(p->mods.v[i].path);
		free(p->mods.v[i].shortname);
	}
	VEC_FREE(&p->mods);
}

static void
free_elfs(struct elf_ent *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		sym_elf_close(v[i].elf);
	}
}

/* Opens the file of mapping m, checking that it is the mapped inode. */
static struct sym_elf *
open_mapped(struct sym_proc *p, const struct sym_map *m)
{
	char *cand[3];
	struct sym_elf *e = NULL;
	size_t i;

	cand[0] = xasprintf("/proc/%d/root%s", (int)p->pid, m->path);
	cand[1] = xstrdup(m->path);
	cand[2] = xasprintf("/proc/%d/map_files/%" PRIx64 "-%" PRIx64,
			    (int)p->pid, m->start, m->end);
	for (i = 0; i < 3 && !e; i++) {
		struct stat st;

		if (stat(cand[i], &st) != 0 || !S_ISREG(st.st_mode) ||
		    st.st_ino != m->inode || major(st.st_dev) != m->dev_major ||
		    minor(st.st_dev) != m->dev_minor)
			continue;
		e = sym_elf_open(cand[i], NULL);
		/* Not an ELF file: the other names are the same file. */
		if (!e)
			break;
	}
	for (i = 0; i < 3; i++)
		free(cand[i]);
	return e;
}

/*
 * The ELF file of mapping m: from the new table, else moved from the old
 * one (kept symbols), else opened now.
 */
static struct sym_elf *
elf_for(struct sym_proc *p, struct elf_ent *old, size_t nold,
	const struct sym_map *m)
{
	struct elf_ent ent;
	size_t i;

	for (i = 0; i < p->elfs.n; i++) {
		struct elf_ent *x = &p->elfs.v[i];

		if (x->inode == m->inode && x->dev_major == m->dev_major &&
		    x->dev_minor == m->dev_minor && !strcmp(x->path, m->path))
			return x->elf;
	}
	for (i = 0; i < nold; i++) {
		struct elf_ent *x = &old[i];

		if (x->path && x->inode == m->inode &&
		    x->dev_major == m->dev_major &&
		    x->dev_minor == m->dev_minor && !strcmp(x->path, m->path)) {
			VEC_PUSH(&p->elfs, *x);
			x->path = NULL;
			x->elf = NULL;
			return p->elfs.v[p->elfs.n - 1].elf;
		}
	}
	ent.inode = m->inode;
	ent.dev_major = m->dev_major;
	ent.dev_minor = m->dev_minor;
	ent.path = xstrdup(m->path);
	ent.elf = open_mapped(p, m);
	VEC_PUSH(&p->elfs, ent);
	return ent.elf;
}

static char *
short_name(const char *soname, const char *base)
{
	const char *s = soname ? soname : base;
	const char *dot = strchr(s, '.');

	return dot && dot != s ? xstrndup(s, (size_t)(dot - s)) : xstrdup(s);
}

/* Groups the file mappings into modules and computes their bias. */
static void
build_modules(struct sym_proc *p, struct elf_ent *old, size_t nold)
{
	struct sym_module *last = NULL;
	size_t i;

	for (i = 0; i < p->maps.n; i++) {
		const struct sym_map *m = &p->maps.v[i];
		struct sym_module mod;
		struct sym_elf *e;
		uint64_t bias;

		if (!m->path || m->path[0] != '/' || m->inode == 0)
			continue;
		/* A further segment of the same file (anonymous .bss
		   mappings between them do not break the run). */
		if (last && last->inode == m->inode &&
		    last->dev_major == m->dev_major &&
		    last->dev_minor == m->dev_minor &&
		    !strcmp(last->path, m->path) && m->offset != 0) {
			if (m->end > last->end)
				last->end = m->end;
			continue;
		}
		e = elf_for(p, old, nold, m);
		if (!e || sym_elf_bias(e, m->start, m->offset, &bias) != 0) {
			last = NULL;
			continue;
		}
		memset(&mod, 0, sizeof mod);
		mod.path = xstrdup(m->path);
		mod.soname = sym_elf_soname(e);
		mod.start = m->start;
		mod.end = m->end;
		mod.bias = bias;
		mod.elf = e;
		mod.inode = m->inode;
		mod.dev_major = m->dev_major;
		mod.dev_minor = m->dev_minor;
		mod.is_exec = p->have_exe && m->inode == p->exe_inode &&
			      m->dev_major == p->exe_major &&
			      m->dev_minor == p->exe_minor;
		VEC_PUSH(&p->mods, mod);
		last = &p->mods.v[p->mods.n - 1];
	}
	/* Pointers into the paths, now that the vector no longer moves. */
	for (i = 0; i < p->mods.n; i++) {
		struct sym_module *m = &p->mods.v[i];
		const char *slash = strrchr(m->path, '/');

		m->base = slash ? slash + 1 : m->path;
		m->shortname = short_name(m->soname, m->base);
	}
}

int
sym_proc_refresh(struct sym_proc *p)
{
	char path[64];
	struct stat st;
	struct elf_ent *old;
	size_t len, nold;
	const char *s, *end;
	char *text;

	snprintf(path, sizeof path, "/proc/%d/maps", (int)p->pid);
	text = read_file(path, &len);
	if (!text)
		return errno == ENOENT ? -ESRCH : -errno;
	if (p->text && len == p->textlen && !memcmp(text, p->text, len)) {
		free(text);
		return 0;
	}
	free(p->text);
	p->text = text;
	p->textlen = len;

	/* The main executable, by identity rather than by name. */
	snprintf(path, sizeof path, "/proc/%d/exe", (int)p->pid);
	p->have_exe = stat(path, &st) == 0;
	if (p->have_exe) {
		p->exe_inode = st.st_ino;
		p->exe_major = major(st.st_dev);
		p->exe_minor = minor(st.st_dev);
	}

	free_maps(p);
	free_mods(p);
	for (s = text; *s; s = end + (*end == '\n')) {
		struct sym_map m;

		end = strchr(s, '\n');
		if (!end)
			end = s + strlen(s);
		/* A line we cannot parse is skipped, not fatal. */
		if (parse_line(s, end, &m) == 0)
			VEC_PUSH(&p->maps, m);
	}
	old = p->elfs.v;
	nold = p->elfs.n;
	p->elfs.v = NULL;
	p->elfs.n = p->elfs.cap = 0;
	build_modules(p, old, nold);
	free_elfs(old, nold);
	free(old);
	p->gen++;
	return 1;
}

struct sym_proc *
sym_proc_open(pid_t pid)
{
	struct sym_proc *p = xcalloc(1, sizeof *p);
	int r;

	p->pid = pid;
	r = sym_proc_refresh(p);
	if (r < 0) {
		sym_proc_close(p);
		errno = -r;
		return NULL;
	}
	return p;
}

void
sym_proc_close(struct sym_proc *p)
{
	if (!p)
		return;
	free_maps(p);
	free_mods(p);
	free_elfs(p->elfs.v, p->elfs.n);
	VEC_FREE(&p->elfs);
	free(p->text);
	free(p);
}

uint64_t
sym_proc_generation(const struct sym_proc *p)
{
	return p->gen;
}

pid_t
sym_proc_pid(const struct sym_proc *p)
{
	return p->pid;
}

size_t
sym_proc_nmaps(const struct sym_proc *p)
{
	return p->maps.n;
}

const struct sym_map *
sym_proc_map(const struct sym_proc *p, size_t i)
{
	return i < p->maps.n ? &p->maps.v[i] : NULL;
}

size_t
sym_proc_nmodules(const struct sym_proc *p)
{
	return p->mods.n;
}

const struct sym_module *
sym_proc_module(const struct sym_proc *p, size_t i)
{
	return i < p->mods.n ? &p->mods.v[i] : NULL;
}

const struct sym_module *
sym_proc_module_at(const struct sym_proc *p, uint64_t addr)
{
	size_t i;

	for (i = 0; i < p->mods.n; i++) {
		const struct sym_module *m = &p->mods.v[i];

		if (addr >= m->start && addr < m->end)
			return m;
	}
	return NULL;
}

int
sym_proc_auxv(pid_t pid, uint64_t type, uint64_t *value)
{
	char path[64];
	uint64_t v[2];
	int fd, rc = -ENOENT;

	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (read(fd, v, sizeof(v)) == (ssize_t)sizeof(v) && v[0] != 0) {
		if (v[0] == type) {
			*value = v[1];
			rc = 0;
			break;
		}
	}
	close(fd);
	return rc;
}

int
sym_glob_match(const char *pattern, const char *s)
{
	if (!pattern || !*pattern)
		return 1;
	/* D's globs are the shell's without the special leading '.'. */
	return fnmatch(pattern, s, 0) == 0;
}

int
sym_module_match(const struct sym_module *m, const char *pattern)
{
	if (!pattern || !*pattern)
		return 1;
	if (m->is_exec && sym_glob_match(pattern, "a.out"))
		return 1;
	if (m->soname && sym_glob_match(pattern, m->soname))
		return 1;
	return sym_glob_match(pattern, m->shortname) ||
	       sym_glob_match(pattern, m->base) ||
	       sym_glob_match(pattern, m->path);
}

int
sym_lookup_name(struct sym_proc *p, const char *modpat, const char *funcpat,
		sym_match_fn fn, void *ctx)
{
	int calls = 0;
	size_t i, j;

	for (i = 0; i < p->mods.n; i++) {
		const struct sym_module *m = &p->mods.v[i];
		size_t n;

		if (!sym_module_match(m, modpat))
			continue;
		n = sym_elf_nfuncs(m->elf);
		for (j = 0; j < n; j++) {
			const struct sym_elf_func *f = sym_elf_func(m->elf, j);
			struct sym_match sm;
			int r;

			if (!sym_glob_match(funcpat, f->name)) {
				const char *dm;

				/* C++: the demangled name too, as dtrace's
				   pid provider matches both */
				if (f->name[0] != '_' || f->name[1] != 'Z' ||
				    (dm = sym_elf_demangled(m->elf, j)) ==
					    NULL ||
				    !sym_glob_match(funcpat, dm))
					continue;
			}
			sm.mod = m;
			sm.name = f->name;
			sm.addr = f->value + m->bias;
			sm.size = f->size;
			calls++;
			r = fn(ctx, &sm);
			if (r < 0)
				return r;
			if (r > 0)
				return calls;
		}
	}
	return calls;
}

int
sym_lookup_addr(struct sym_proc *p, uint64_t addr, const char **modp,
		const char **funcp, uint64_t *offp)
{
	const struct sym_module *m = sym_proc_module_at(p, addr);
	const struct sym_elf_func *f;

	if (modp)
		*modp = m ? m->base : NULL;
	if (funcp)
		*funcp = NULL;
	if (!m) {
		if (offp)
			*offp = 0;
		return -ENOENT;
	}
	f = sym_elf_lookup_addr(m->elf, addr - m->bias);
	if (!f) {
		if (offp)
			*offp = addr - m->start;
		return -ENOENT;
	}
	if (funcp)
		*funcp = f->name;
	if (offp)
		*offp = addr - m->bias - f->value;
	return 0;
}

ssize_t
sym_func_bytes(struct sym_proc *p, uint64_t addr, void *buf, size_t len)
{
	const struct sym_module *m = sym_proc_module_at(p, addr);

	if (!m)
		return -ENOENT;
	return sym_elf_read(m->elf, addr - m->bias, buf, len);
}
