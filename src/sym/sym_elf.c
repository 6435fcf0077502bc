/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Function symbols of one ELF file, read with libelf: .symtab and .dynsym
 * (and the .symtab of a separate debug file found by build-id or
 * .gnu_debuglink when the file itself is stripped), the soname, and the
 * PT_LOAD segments, which give a mapping's load bias and let us read code
 * bytes from the file.
 *
 * Everything is copied out of libelf while the file is open, and the file
 * is closed before sym_elf_open() returns: a file mapped by a traced
 * process may be truncated or replaced under us, and a long-lived mmap of
 * it would turn that into SIGBUS. sym_elf_read() reopens the file and
 * preads. libelf checks section and data bounds against the file size; we
 * check what it does not: entry sizes, string indices (elf_strptr), and
 * that counts are sane.
 */
#include "config.h"

#include <elfutils/libdwelf.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/vec.h"
#include "common/xalloc.h"
#include "sym/sym.h"

/* Where distributions install separate debug files. */
#define SYM_DEBUG_ROOT "/usr/lib/debug"

/* .note.stapsdt (SystemTap's <sys/sdt.h>): owner and type of a probe. */
#define SDT_OWNER "stapsdt"
#define SDT_NOTE_TYPE 3
#define SDT_BASE_SECTION ".stapsdt.base"

struct seg {
	uint64_t vaddr, offset, filesz, align;
};

struct sym_elf {
	char *path;
	char *soname;
	char *debugfile;
	int type;
	VEC(struct sym_elf_func) funcs;
	VEC(struct seg) segs;
	VEC(struct sym_sdt) sdt; /* strings: one malloc'd block each */
	/* C++ names demangled, on demand (sym_elf_demangled()) */
	char **demangled;
	unsigned char *demangle_tried;
};

static int
libelf_ready(void)
{
	static int ready;

	if (!ready)
		ready = elf_version(EV_CURRENT) != EV_NONE ? 1 : -1;
	return ready > 0;
}

/*
 * Opens a file named by a traced process (its maps, its debuglink) for
 * reading. Callers stat() the path first, but the process may put a FIFO
 * or a device in its place meanwhile: O_NONBLOCK keeps open() from
 * waiting for a writer forever, and only a regular file is kept (the
 * flag does nothing to a regular file's reads).
 */
static int
open_regular(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -ENOEXEC;
	}
	return fd;
}

/* Opens path as an ELF file: the Elf handle, or NULL with *err set. */
static Elf *
elf_open_fd(const char *path, int *fd, int *err)
{
	Elf *elf;

	*fd = open_regular(path);
	if (*fd < 0) {
		*err = *fd;
		*fd = -1;
		return NULL;
	}
	elf = elf_begin(*fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		if (elf)
			elf_end(elf);
		close(*fd);
		*fd = -1;
		*err = -ENOEXEC;
		return NULL;
	}
	return elf;
}

/* Adds the defined, sized functions of one symbol table section. */
static void
read_symtab(struct sym_elf *e, Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t entsize = gelf_fsize(elf, ELF_T_SYM, 1, EV_CURRENT);
	size_t n, i;

	if (!data || !entsize || !data->d_buf)
		return;
	n = data->d_size / entsize;
	for (i = 1; i < n; i++) {
		GElf_Sym s;
		const char *name;
		int type;

		if (!gelf_getsym(data, (int)i, &s))
			break;
		type = GELF_ST_TYPE(s.st_info);
		if (type != STT_FUNC && type != STT_GNU_IFUNC)
			continue;
		if (s.st_shndx == SHN_UNDEF || s.st_size == 0)
			continue;
		/* A crafted size must not make value + size wrap. */
		if (s.st_value + s.st_size < s.st_value)
			continue;
		name = elf_strptr(elf, sh->sh_link, s.st_name);
		if (!name || !*name)
			continue;
		struct sym_elf_func f = {
			.value = s.st_value,
			.size = s.st_size,
			.name = xstrdup(name),
			.bind = (unsigned char)GELF_ST_BIND(s.st_info),
		};
		VEC_PUSH(&e->funcs, f);
	}
}

static void
read_soname(struct sym_elf *e, Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	size_t entsize = gelf_fsize(elf, ELF_T_DYN, 1, EV_CURRENT);
	size_t n, i;

	if (!data || !entsize || !data->d_buf || e->soname)
		return;
	n = data->d_size / entsize;
	for (i = 0; i < n; i++) {
		GElf_Dyn d;
		const char *name;

		if (!gelf_getdyn(data, (int)i, &d) || d.d_tag == DT_NULL)
			break;
		if (d.d_tag != DT_SONAME)
			continue;
		name = elf_strptr(elf, sh->sh_link, d.d_un.d_val);
		if (name && *name)
			e->soname = xstrdup(name);
		break;
	}
}

/*
 * Reads the symbol tables (and, when want_dyn, .dynsym and the soname) of
 * elf. Returns whether the file has a .symtab.
 */
static int
read_sections(struct sym_elf *e, Elf *elf, int want_dyn)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	int have_symtab = 0;

	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		shstrndx = 0;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB) {
			have_symtab = 1;
			read_symtab(e, elf, scn, &sh);
		} else if (sh.sh_type == SHT_DYNSYM && want_dyn) {
			read_symtab(e, elf, scn, &sh);
		} else if (sh.sh_type == SHT_DYNAMIC && want_dyn) {
			read_soname(e, elf, scn, &sh);
		}
	}
	return have_symtab;
}

static int
read_segments(struct sym_elf *e, Elf *elf)
{
	size_t n, i;

	if (elf_getphdrnum(elf, &n) != 0)
		return -ENOEXEC;
	for (i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(elf, (int)i, &ph))
			return -ENOEXEC;
		if (ph.p_type != PT_LOAD)
			continue;
		struct seg s = { ph.p_vaddr, ph.p_offset, ph.p_filesz,
				 ph.p_align };
		VEC_PUSH(&e->segs, s);
	}
	return 0;
}

/* Opens the debug file at path when it is an ELF file with a .symtab. */
static sym_notice_fn notice_fn;
static void *notice_ctx;

void
sym_set_notice(sym_notice_fn fn, void *ctx)
{
	notice_fn = fn;
	notice_ctx = ctx;
}

static void
notice(const char *path, const struct stat *st)
{
	if (notice_fn && (uint64_t)st->st_size >= SYM_NOTICE_BYTES)
		notice_fn(notice_ctx, path, (uint64_t)st->st_size);
}

static int
try_debugfile(struct sym_elf *e, const char *path, const struct stat *self)
{
	struct stat st;
	Elf *elf;
	int fd, err, ok;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	/* .gnu_debuglink naming the file itself (same directory). */
	if (st.st_dev == self->st_dev && st.st_ino == self->st_ino)
		return 0;
	elf = elf_open_fd(path, &fd, &err);
	if (!elf)
		return 0;
	notice(path, &st);
	ok = read_sections(e, elf, 0);
	elf_end(elf);
	close(fd);
	if (ok)
		e->debugfile = xstrdup(path);
	return ok;
}

/* Looks for the separate debug file of a file without .symtab. */
static void
find_debugfile(struct sym_elf *e, Elf *elf, const struct stat *self)
{
	const void *id;
	ssize_t idlen = dwelf_elf_gnu_build_id(elf, &id);
	const char *link;
	GElf_Word crc;

	if (idlen >= 2 && idlen <= 64) {
		const unsigned char *b = id;
		char path[sizeof SYM_DEBUG_ROOT + 16 + 2 * 64 + 8];
		size_t n;
		ssize_t i;

		n = (size_t)snprintf(path, sizeof path,
				     SYM_DEBUG_ROOT "/.build-id/%02x/", b[0]);
		for (i = 1; i < idlen; i++)
			n += (size_t)snprintf(path + n, sizeof path - n, "%02x",
					      b[i]);
		snprintf(path + n, sizeof path - n, ".debug");
		if (try_debugfile(e, path, self))
			return;
	}
	link = dwelf_elf_gnu_debuglink(elf, &crc);
	if (!link || !*link || strchr(link, '/'))
		return;

	char *dir = xstrdup(e->path), *slash = strrchr(dir, '/'), *p;

	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	else
		strcpy(dir, ".");
	/* The three places GDB looks, in its order. */
	p = xasprintf("%s/%s", dir, link);
	if (!try_debugfile(e, p, self)) {
		free(p);
		p = xasprintf("%s/.debug/%s", dir, link);
		if (!try_debugfile(e, p, self)) {
			free(p);
			p = xasprintf(SYM_DEBUG_ROOT "%s%s/%s",
				      dir[0] == '/' ? "" : "/", dir, link);
			try_debugfile(e, p, self);
		}
	}
	free(p);
	free(dir);
}

/* By value, then the best name for address lookups first. */
static int
func_cmp(const void *a, const void *b)
{
	const struct sym_elf_func *x = a, *y = b;
	int rx, ry;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	rx = (x->bind == STB_GLOBAL ? 0 :
	      x->bind == STB_WEAK   ? 1 :
				      2) *
		     2 +
	     (x->name[0] == '_');
	ry = (y->bind == STB_GLOBAL ? 0 :
	      y->bind == STB_WEAK   ? 1 :
				      2) *
		     2 +
	     (y->name[0] == '_');
	if (rx != ry)
		return rx - ry;
	return strcmp(x->name, y->name);
}

/* ---- USDT probes (.note.stapsdt) ----------------------------------- */

/* An address of the note's byte order and class (asz 4 or 8 bytes). */
static uint64_t
note_addr(const unsigned char *p, size_t asz, int msb)
{
	uint64_t v = 0;

	for (size_t i = 0; i < asz; i++)
		v |= (uint64_t)p[msb ? i : asz - 1 - i] << (8 * (asz - 1 - i));
	return v;
}

/*
 * One probe's descriptor: pc, base and semaphore addresses, then the
 * provider, name and argument strings, each NUL-terminated inside the
 * descriptor. 0 and *p filled (strings in one malloc'd block), or -1 for
 * a descriptor that is too short or whose strings run off its end.
 */
static int
sdt_parse(const unsigned char *d, size_t len, size_t asz, int msb,
	  struct sym_sdt *p, uint64_t *base)
{
	const char *str, *prov, *name, *args, *nul;
	size_t slen, off;
	char *copy;

	if (len < 3 * asz + 3)
		return -1;
	str = (const char *)d + 3 * asz;
	slen = len - 3 * asz;
	prov = str;
	nul = memchr(prov, '\0', slen);
	if (nul == NULL || nul == prov)
		return -1;
	name = nul + 1;
	nul = memchr(name, '\0', slen - (size_t)(name - str));
	if (nul == NULL || nul == name)
		return -1;
	args = nul + 1;
	if ((size_t)(args - str) >= slen)
		return -1;
	nul = memchr(args, '\0', slen - (size_t)(args - str));
	if (nul == NULL)
		return -1;
	copy = xmalloc((size_t)(nul - str) + 1);
	memcpy(copy, str, (size_t)(nul - str) + 1);
	off = (size_t)(name - str);
	p->provider = copy;
	p->name = copy + off;
	p->args = copy + (size_t)(args - str);
	p->pc = note_addr(d, asz, msb);
	*base = note_addr(d + asz, asz, msb);
	p->semaphore = note_addr(d + 2 * asz, asz, msb);
	return 0;
}

/* The probes of one SHT_NOTE section's data. */
static void
sdt_section(struct sym_elf *e, Elf_Data *data, size_t asz, int msb,
	    int have_base, uint64_t base_addr)
{
	size_t off = 0, next, name_off, desc_off;
	GElf_Nhdr nh;

	while (off < data->d_size &&
	       (next = gelf_getnote(data, off, &nh, &name_off, &desc_off)) >
		       off) {
		struct sym_sdt p;
		uint64_t base;

		off = next;
		if (nh.n_type != SDT_NOTE_TYPE ||
		    nh.n_namesz != sizeof(SDT_OWNER) ||
		    memcmp((const char *)data->d_buf + name_off, SDT_OWNER,
			   sizeof(SDT_OWNER)) != 0)
			continue;
		if (sdt_parse((const unsigned char *)data->d_buf + desc_off,
			      nh.n_descsz, asz, msb, &p, &base) < 0)
			continue;
		/* prelink moved the file's sections: the note still holds
		   the link-time addresses, .stapsdt.base says by how much
		   they moved (0 without prelink). */
		if (have_base && base != 0) {
			p.pc += base_addr - base;
			if (p.semaphore)
				p.semaphore += base_addr - base;
		}
		VEC_PUSH(&e->sdt, p);
	}
}

/*
 * Reads every stapsdt probe note of elf. Notes are in the file itself,
 * never in a separate debug file (strip keeps them). gelf_getnote()
 * checks each note's sizes against the section's data; sdt_parse() the
 * descriptor's content.
 */
static void
read_sdt(struct sym_elf *e, Elf *elf, const GElf_Ehdr *eh)
{
	size_t shstrndx, asz = eh->e_ident[EI_CLASS] == ELFCLASS32 ? 4 : 8;
	int msb = eh->e_ident[EI_DATA] == ELFDATA2MSB, have_base = 0;
	uint64_t base_addr = 0;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		return;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		const char *name;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS)
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && strcmp(name, SDT_BASE_SECTION) == 0) {
			have_base = 1;
			base_addr = sh.sh_addr;
			break;
		}
	}
	scn = NULL;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		data = elf_getdata(scn, NULL);
		if (data && data->d_buf &&
		    (data->d_type == ELF_T_NHDR || data->d_type == ELF_T_NHDR8))
			sdt_section(e, data, asz, msb, have_base, base_addr);
	}
}

/* Sorts and drops a function seen in both .symtab and .dynsym. */
static void
sort_funcs(struct sym_elf *e)
{
	size_t i, j = 0;

	if (e->funcs.n == 0)
		return;
	qsort(e->funcs.v, e->funcs.n, sizeof *e->funcs.v, func_cmp);
	for (i = 1; i < e->funcs.n; i++) {
		struct sym_elf_func *k = &e->funcs.v[j], *f = &e->funcs.v[i];

		if (f->value == k->value && !strcmp(f->name, k->name)) {
			/* The same symbol twice: keep one. */
			free((char *)f->name);
			continue;
		}
		e->funcs.v[++j] = *f;
	}
	e->funcs.n = j + 1;
}

struct sym_elf *
sym_elf_open(const char *path, int *errp)
{
	struct sym_elf *e;
	struct stat st;
	GElf_Ehdr eh;
	Elf *elf;
	int fd, err = 0, have_symtab;

	if (!libelf_ready()) {
		err = -ENOSYS;
		goto fail;
	}
	elf = elf_open_fd(path, &fd, &err);
	if (!elf)
		goto fail;
	if (fstat(fd, &st) != 0 || !gelf_getehdr(elf, &eh)) {
		err = -ENOEXEC;
		elf_end(elf);
		close(fd);
		goto fail;
	}
	notice(path, &st);
	e = xcalloc(1, sizeof *e);
	e->path = xstrdup(path);
	e->type = eh.e_type;
	err = read_segments(e, elf);
	if (err == 0) {
		read_sdt(e, elf, &eh);
		have_symtab = read_sections(e, elf, 1);
		if (!have_symtab)
			find_debugfile(e, elf, &st);
		sort_funcs(e);
	}
	elf_end(elf);
	close(fd);
	if (err) {
		sym_elf_close(e);
		goto fail;
	}
	return e;
fail:
	if (errp)
		*errp = err;
	return NULL;
}

void
sym_elf_close(struct sym_elf *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->funcs.n; i++) {
		free((char *)e->funcs.v[i].name);
		if (e->demangled)
			free(e->demangled[i]);
	}
	free(e->demangled);
	free(e->demangle_tried);
	VEC_FREE(&e->funcs);
	VEC_FREE(&e->segs);
	for (i = 0; i < e->sdt.n; i++)
		free((char *)e->sdt.v[i].provider);
	VEC_FREE(&e->sdt);
	free(e->path);
	free(e->soname);
	free(e->debugfile);
	free(e);
}

/*
 * The C++ ABI's demangler lives in libstdc++, which every Debian system has
 * (apt itself is C++): it is looked up at run time, so that udtrace needs
 * no C++ runtime to build, and C++ names simply stay mangled without it.
 */
typedef char *(*cxa_demangle_fn)(const char *, char *, size_t *, int *);

static cxa_demangle_fn
cxa_demangle(void)
{
	static int tried;
	static cxa_demangle_fn fn;
	void *h;

	if (tried)
		return fn;
	tried = 1;
	h = dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL);
	if (h)
		*(void **)&fn = dlsym(h, "__cxa_demangle");
	return fn;
}

char *
sym_demangle(const char *name)
{
	cxa_demangle_fn fn;
	char *out;
	int status = -1;

	/* Itanium C++ ABI names start with _Z; anything else is C */
	if (name == NULL || strncmp(name, "_Z", 2) != 0 ||
	    (fn = cxa_demangle()) == NULL)
		return NULL;
	out = fn(name, NULL, NULL, &status);
	if (status != 0) {
		free(out);
		return NULL;
	}
	return out;
}

const char *
sym_elf_demangled(struct sym_elf *e, size_t i)
{
	if (i >= e->funcs.n)
		return NULL;
	if (e->demangled == NULL) {
		e->demangled = xcalloc(e->funcs.n, sizeof(char *));
		e->demangle_tried = xcalloc(e->funcs.n, 1);
	}
	if (!e->demangle_tried[i]) {
		e->demangle_tried[i] = 1;
		e->demangled[i] = sym_demangle(e->funcs.v[i].name);
	}
	return e->demangled[i];
}

size_t
sym_elf_nsdt(const struct sym_elf *e)
{
	return e->sdt.n;
}

const struct sym_sdt *
sym_elf_sdt(const struct sym_elf *e, size_t i)
{
	return i < e->sdt.n ? &e->sdt.v[i] : NULL;
}

size_t
sym_elf_nfuncs(const struct sym_elf *e)
{
	return e->funcs.n;
}

const struct sym_elf_func *
sym_elf_func(const struct sym_elf *e, size_t i)
{
	return i < e->funcs.n ? &e->funcs.v[i] : NULL;
}

const char *
sym_elf_soname(const struct sym_elf *e)
{
	return e->soname;
}

int
sym_elf_type(const struct sym_elf *e)
{
	return e->type;
}

const char *
sym_elf_debugfile(const struct sym_elf *e)
{
	return e->debugfile;
}

/* Looks name up in the symbol tables of one file: 0 with *value, or
   -ENOENT. */
static int
file_symbol(const char *path, const char *name, size_t len, uint64_t *value)
{
	Elf_Scn *scn = NULL;
	int fd, err, rc = -ENOENT;
	Elf *elf;

	if (path == NULL || !libelf_ready() ||
	    (elf = elf_open_fd(path, &fd, &err)) == NULL)
		return -ENOENT;
	while (rc != 0 && (scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		Elf_Data *data;
		size_t n;

		if (!gelf_getshdr(scn, &sh) ||
		    (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) ||
		    sh.sh_entsize == 0 ||
		    (data = elf_getdata(scn, NULL)) == NULL)
			continue;
		n = sh.sh_size / sh.sh_entsize;
		for (size_t i = 0; i < n; i++) {
			GElf_Sym sym;
			const char *sn;

			if (!gelf_getsym(data, (int)i, &sym))
				break;
			if (sym.st_shndx == SHN_UNDEF ||
			    GELF_ST_TYPE(sym.st_info) == STT_TLS ||
			    GELF_ST_TYPE(sym.st_info) == STT_SECTION ||
			    GELF_ST_TYPE(sym.st_info) == STT_FILE)
				continue;
			sn = elf_strptr(elf, sh.sh_link, sym.st_name);
			if (sn && strlen(sn) == len &&
			    memcmp(sn, name, len) == 0) {
				*value = sym.st_value;
				rc = 0;
				break;
			}
		}
	}
	elf_end(elf);
	close(fd);
	return rc;
}

int
sym_elf_symbol(const struct sym_elf *e, const char *name, size_t len,
	       uint64_t *value)
{
	/* Rare (a USDT operand naming a variable): the file is read again
	   rather than every data symbol kept for the life of the process. */
	if (file_symbol(e->path, name, len, value) == 0)
		return 0;
	return file_symbol(e->debugfile, name, len, value);
}

const struct sym_elf_func *
sym_elf_lookup_addr(const struct sym_elf *e, uint64_t vaddr)
{
	size_t lo = 0, hi = e->funcs.n, i, tries;

	/* The first function that starts above vaddr. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (e->funcs.v[mid].value <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/*
	 * Walk back over the functions that start at or below vaddr: the
	 * nearest start usually holds it, but a small function may sit
	 * inside a bigger one (a local label symbol), so look a few further.
	 * Within one value, the first entry is the preferred alias.
	 */
	for (i = lo, tries = 0; i > 0 && tries < 16; tries++) {
		const struct sym_elf_func *f;
		uint64_t v = e->funcs.v[i - 1].value;

		while (i > 1 && e->funcs.v[i - 2].value == v)
			i--;
		f = &e->funcs.v[i - 1];
		if (vaddr - f->value < f->size)
			return f;
		i--;
	}
	return NULL;
}

static uint64_t
page_size(void)
{
	long ps = sysconf(_SC_PAGESIZE);

	return ps > 0 ? (uint64_t)ps : 4096;
}

int
sym_elf_bias(const struct sym_elf *e, uint64_t map_start, uint64_t map_off,
	     uint64_t *bias)
{
	uint64_t mask = ~(page_size() - 1);
	size_t i;

	/*
	 * The kernel (and ld.so) map a PT_LOAD segment from the page holding
	 * p_offset to the page holding p_vaddr (+ bias), so both page-aligned
	 * values line up with the mapping's start and offset.
	 */
	for (i = 0; i < e->segs.n; i++) {
		const struct seg *s = &e->segs.v[i];

		if ((s->offset & mask) != map_off)
			continue;
		*bias = map_start - (s->vaddr & mask);
		return 0;
	}
	return -ENOENT;
}

ssize_t
sym_elf_read(const struct sym_elf *e, uint64_t vaddr, void *buf, size_t len)
{
	const struct seg *s = NULL;
	size_t i, n;
	ssize_t got;
	int fd;

	for (i = 0; i < e->segs.n; i++) {
		const struct seg *c = &e->segs.v[i];

		if (vaddr >= c->vaddr && vaddr - c->vaddr < c->filesz) {
			s = c;
			break;
		}
	}
	if (!s)
		return -ENOENT;
	n = s->filesz - (vaddr - s->vaddr);
	if (n > len)
		n = len;
	fd = open_regular(e->path);
	if (fd < 0)
		return fd;
	got = pread(fd, buf, n, (off_t)(s->offset + (vaddr - s->vaddr)));
	if (got < 0)
		got = -errno;
	close(fd);
	return got;
}
