/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The symbol layer: function symbols of ELF files (sym_elf.c) and of the
 * modules a process has mapped (sym_maps.c), for the pid provider (probe
 * descriptions "pid123:libc:malloc:entry"), ustack() printing
 * ("libc.so.6`malloc+0x12") and disassembly of a function's bytes.
 *
 * Every input here is untrusted: /proc/PID/maps belongs to a process that
 * may be hostile, and ELF files may be truncated or crafted. Failure is a
 * return value (NULL, a negative errno), never a crash. Nothing here
 * stops, reads the memory of, or otherwise touches the process: only its
 * /proc files and the files it has mapped are read.
 */
#ifndef UDT_SYM_SYM_H
#define UDT_SYM_SYM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* --- One ELF file ----------------------------------------------------- */

/* The function symbols of one ELF file, sorted by address. */
struct sym_elf;

/* One function: STT_FUNC or STT_GNU_IFUNC, defined, with a size. */
struct sym_elf_func {
	uint64_t value; /* st_value: the link-time address */
	uint64_t size;	/* st_size, > 0 */
	const char *name;
	unsigned char bind; /* STB_GLOBAL, STB_WEAK, STB_LOCAL, ... */
};

/*
 * Reads the function symbols of .symtab and .dynsym of the ELF file path
 * (the same function in both tables is kept once). When the file has no
 * .symtab (a stripped library), its separate debug file is read too: by
 * build-id (/usr/lib/debug/.build-id/NN/REST.debug), else by
 * .gnu_debuglink (the file's directory, its .debug/ subdirectory,
 * /usr/lib/debug/DIR/). Returns a handle the caller frees with
 * sym_elf_close(), or NULL with *err (may be NULL) set to -errno, or
 * -ENOEXEC for a file that is not a well-formed ELF file.
 */
struct sym_elf *sym_elf_open(const char *path, int *err);
void sym_elf_close(struct sym_elf *e);

/*
 * Reading a large file's symbols (a library of 100 MB and more, a
 * separate debug file) makes a person wait: fn, when set, is called with
 * the path and size of each file of SYM_NOTICE_BYTES or more before its
 * symbols are read (the session says so on stderr). NULL: nothing.
 */
#define SYM_NOTICE_BYTES (64ull << 20)
typedef void (*sym_notice_fn)(void *ctx, const char *path, uint64_t size);
void sym_set_notice(sym_notice_fn fn, void *ctx);

/* The functions, sorted by value; i < sym_elf_nfuncs(). */
size_t sym_elf_nfuncs(const struct sym_elf *e);
const struct sym_elf_func *sym_elf_func(const struct sym_elf *e, size_t i);
/*
 * USDT probes of the file (.note.stapsdt, SystemTap's format, which
 * <sys/sdt.h> writes and DTrace-style programs built on it carry), in note
 * order. Link-time addresses (absolute = value + the module's bias),
 * already corrected when .stapsdt.base was moved by prelink. Kept by e.
 */
struct sym_sdt {
	const char *provider; /* "python" */
	const char *name;     /* "function__entry", as in the note */
	uint64_t pc;	      /* the probe site (a nop) */
	uint64_t semaphore;   /* its 2-byte counter, 0 when it has none */
	const char *args;     /* "8@%rbp 8@%r12 -4@%eax", "" for none */
};
/* Any defined symbol (data or code, not TLS) named name (len bytes, not
   NUL-terminated) of .symtab or .dynsym of the file or its debug file:
   0 with its link-time value, or -ENOENT. */
int sym_elf_symbol(const struct sym_elf *e, const char *name, size_t len,
		   uint64_t *value);
size_t sym_elf_nsdt(const struct sym_elf *e);
const struct sym_sdt *sym_elf_sdt(const struct sym_elf *e, size_t i);

/* Function i's name demangled (C++: "ns::f(int)"), or NULL for a name that
   is not a mangled C++ one (or when no demangler is available). Kept by
   e. */
const char *sym_elf_demangled(struct sym_elf *e, size_t i);
/* A C++ symbol name demangled (malloc'd), or NULL when it is not one. */
char *sym_demangle(const char *name);

/*
 * The function whose [value, value + size) holds the link-time address
 * vaddr, or NULL. Of aliases (same value) the global one without a leading
 * underscore is preferred: malloc rather than __libc_malloc.
 */
const struct sym_elf_func *sym_elf_lookup_addr(const struct sym_elf *e,
					       uint64_t vaddr);

/* DT_SONAME ("libc.so.6"), or NULL. Owned by e. */
const char *sym_elf_soname(const struct sym_elf *e);
/* ET_EXEC or ET_DYN (or another e_type). */
int sym_elf_type(const struct sym_elf *e);
/* The separate debug file whose .symtab was read, or NULL. Owned by e. */
const char *sym_elf_debugfile(const struct sym_elf *e);

/*
 * The load bias of a mapping of this file that starts at map_start with
 * file offset map_off (the columns of /proc/PID/maps): the PT_LOAD
 * segment whose page-aligned p_offset equals map_off gives
 * bias = map_start - page-aligned p_vaddr, so that a symbol's absolute
 * address is its value + bias. 0 and *bias set, or -ENOENT when no
 * PT_LOAD segment is mapped at that offset.
 */
int sym_elf_bias(const struct sym_elf *e, uint64_t map_start, uint64_t map_off,
		 uint64_t *bias);

/*
 * Reads up to len bytes at link-time address vaddr from the file itself
 * (through the PT_LOAD segments, not the process, so breakpoints planted in
 * the process never show). Returns the number of bytes read (short at the
 * end of the segment's file data), or -ENOENT when vaddr is in no segment's
 * file data, or -errno.
 */
ssize_t sym_elf_read(const struct sym_elf *e, uint64_t vaddr, void *buf,
		     size_t len);

/* --- A process's modules ---------------------------------------------- */

/* One line of /proc/PID/maps. */
struct sym_map {
	uint64_t start, end, offset;
	uint64_t inode;
	unsigned dev_major, dev_minor;
	char perms[5]; /* "r-xp" */
	char *path;    /* NULL for an anonymous mapping; "[stack]" etc. */
};

/*
 * One ELF file mapped by the process. Fields are read-only for callers and
 * valid until the next sym_proc_refresh() or sym_proc_close().
 */
struct sym_module {
	char *path;	     /* full path, as in /proc/PID/maps */
	const char *base;    /* its basename: the name ustack() prints */
	const char *soname;  /* DT_SONAME or NULL */
	char *shortname;     /* soname (else basename) up to the first '.' */
	int is_exec;	     /* the main executable: also matches "a.out" */
	uint64_t start, end; /* lowest and highest address of its mappings */
	uint64_t bias;	     /* absolute address = st_value + bias */
	struct sym_elf *elf; /* its symbols */
	uint64_t inode;
	unsigned dev_major, dev_minor;
};

struct sym_proc;

/*
 * Reads /proc/PID/maps and the ELF files mapped (see sym_proc_refresh()).
 * Returns a handle freed with sym_proc_close(), or NULL with errno set
 * (ESRCH when the process is gone).
 */
struct sym_proc *sym_proc_open(pid_t pid);

/*
 * Re-reads /proc/PID/maps, to be called after the process mmap()ed,
 * munmap()ed or exec()ed. ELF files still mapped at the same place keep
 * their symbols (no re-read). Returns 1 when the maps changed (and the
 * generation was incremented: struct sym_module pointers taken before are
 * invalid), 0 when nothing changed, or -errno (-ESRCH when the process is
 * gone; the previous state is kept).
 */
int sym_proc_refresh(struct sym_proc *p);
void sym_proc_close(struct sym_proc *p);

/* Incremented by each refresh that found different maps. */
uint64_t sym_proc_generation(const struct sym_proc *p);
pid_t sym_proc_pid(const struct sym_proc *p);

/* The raw mappings, in address order. */
size_t sym_proc_nmaps(const struct sym_proc *p);
const struct sym_map *sym_proc_map(const struct sym_proc *p, size_t i);

/* The ELF modules, in address order; i < sym_proc_nmodules(). */
size_t sym_proc_nmodules(const struct sym_proc *p);
const struct sym_module *sym_proc_module(const struct sym_proc *p, size_t i);
/* The module whose [start, end) holds addr, or NULL. */
const struct sym_module *sym_proc_module_at(const struct sym_proc *p,
					    uint64_t addr);

/*
 * Whether a D module pattern (glob: *, ?, [...]) matches the module, as
 * DTrace matches the module field of a pid probe: "a.out" for the main
 * executable, the soname ("libc.so.6"), the short name ("libc"), the
 * basename or the full path. NULL or "" matches every module. 1 or 0.
 */
int sym_module_match(const struct sym_module *m, const char *pattern);

/* An entry of the process's auxiliary vector (AT_ENTRY, AT_BASE, ...
   from <elf.h>), from /proc/PID/auxv: 0 with *value, -ENOENT, or -errno. */
int sym_proc_auxv(pid_t pid, uint64_t type, uint64_t *value);

/* Whether a D glob pattern matches s (NULL or "" match anything). */
int sym_glob_match(const char *pattern, const char *s);

/* A function found by sym_lookup_name(). */
struct sym_match {
	const struct sym_module *mod;
	const char *name;
	uint64_t addr; /* absolute: st_value + bias */
	uint64_t size;
};

/* Returns 0 to go on, nonzero to stop the lookup. */
typedef int (*sym_match_fn)(void *ctx, const struct sym_match *m);

/*
 * Calls fn for each function whose name matches funcpat in each module
 * (a C++ function matches by its mangled or its demangled name)
 * that matches modpat (globs, see sym_module_match()), modules in address
 * order, functions in address order (aliases are reported each). Returns
 * the number of calls made, or fn's return value when it was negative
 * (which stops the lookup; a positive value stops it too).
 */
int sym_lookup_name(struct sym_proc *p, const char *modpat, const char *funcpat,
		    sym_match_fn fn, void *ctx);

/*
 * The function holding absolute address addr, for "module`func+0xoff":
 * 0 with *mod (the module's basename), *func and *off set; -ENOENT when
 * addr is in no function (then *mod is the module's basename, or NULL when
 * addr is in no ELF module, and *off is addr - the module's start). The
 * strings belong to p (valid until the next refresh that returns 1).
 * Any of mod, func, off may be NULL.
 */
int sym_lookup_addr(struct sym_proc *p, uint64_t addr, const char **mod,
		    const char **func, uint64_t *off);

/*
 * Reads up to len bytes of code at absolute address addr from the ELF file
 * mapped there (not from the process), e.g. a function's sym_match.size
 * bytes for disassembly. Returns the number of bytes read, -ENOENT when
 * addr is in no module's file data, or -errno.
 */
ssize_t sym_func_bytes(struct sym_proc *p, uint64_t addr, void *buf,
		       size_t len);

#endif
