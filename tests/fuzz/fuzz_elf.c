/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz target for the ELF reader of src/sym/sym_elf.c: the symbol tables
 * (.symtab, .dynsym), DT_SONAME, the PT_LOAD segments, the USDT notes
 * (.note.stapsdt, .stapsdt.base) and the build-id / .gnu_debuglink lookup
 * of a separate debug file. The input is a whole file: sym_elf_open()
 * reads a path (a traced process's mapped files), so the input is written
 * to a file of a private directory first.
 *
 * sym_elf_open() must fail cleanly (NULL, a negative errno) or give a
 * handle whose content keeps the documented promises: functions sorted by
 * value, each with a non-empty name and a size that does not wrap, an
 * address lookup that finds a function holding the address, USDT strings
 * that end, reads from the file that stay within what was asked. Anything
 * else, a crash, a leak or a hang is a bug.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "sym/sym.h"

/* Larger inputs add nothing the reader has not seen in smaller ones. */
#define FUZZ_MAX_INPUT (1024 * 1024)

static char *path, *dir;

static void
remove_dir(void)
{
	unlink(path);
	rmdir(dir);
}

/* The input's file, in a directory of its own (removed at exit): a
   .gnu_debuglink of the input is looked up next to it. */
static char *
input_path(void)
{
	static char tmpl[] = "/tmp/udt-fuzz-elf.XXXXXX";

	if (path)
		return path;
	dir = mkdtemp(tmpl);
	if (dir == NULL || asprintf(&path, "%s/in.elf", dir) < 0)
		abort();
	atexit(remove_dir);
	return path;
}

static int
write_input(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return -1;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

static void
check_funcs(struct sym_elf *e)
{
	size_t n = sym_elf_nfuncs(e);
	uint8_t buf[16];

	for (size_t i = 0; i < n; i++) {
		const struct sym_elf_func *f = sym_elf_func(e, i);
		const struct sym_elf_func *g;

		if (f == NULL || f->name == NULL || f->name[0] == '\0' ||
		    f->size == 0 || f->value + f->size < f->value)
			abort();
		if (i > 0 && sym_elf_func(e, i - 1)->value > f->value)
			abort();
		/* Its first and last byte are in some function. */
		g = sym_elf_lookup_addr(e, f->value);
		if (g && f->value - g->value >= g->size)
			abort();
		g = sym_elf_lookup_addr(e, f->value + f->size - 1);
		if (g && f->value + f->size - 1 - g->value >= g->size)
			abort();
		(void)strlen(f->name);
		if (i < 64) {
			const char *d = sym_elf_demangled(e, i);
			ssize_t got;

			if (d)
				(void)strlen(d);
			got = sym_elf_read(e, f->value, buf, sizeof(buf));
			if (got > (ssize_t)sizeof(buf))
				abort();
		}
	}
	(void)sym_elf_lookup_addr(e, 0);
	(void)sym_elf_lookup_addr(e, UINT64_MAX);
}

static void
check_sdt(struct sym_elf *e)
{
	size_t n = sym_elf_nsdt(e);

	for (size_t i = 0; i < n; i++) {
		const struct sym_sdt *p = sym_elf_sdt(e, i);

		if (p == NULL || p->provider == NULL || p->name == NULL ||
		    p->args == NULL || p->provider[0] == '\0' ||
		    p->name[0] == '\0')
			abort();
		(void)strlen(p->args);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = input_path();
	struct sym_elf *e;
	uint64_t v;
	int err = 0;

	if (size > FUZZ_MAX_INPUT || write_input(path, data, size) < 0)
		return 0;
	e = sym_elf_open(path, &err);
	if (e == NULL) {
		if (err >= 0)
			abort();
		unlink(path);
		return 0;
	}
	check_funcs(e);
	check_sdt(e);
	if (sym_elf_soname(e))
		(void)strlen(sym_elf_soname(e));
	if (sym_elf_debugfile(e))
		(void)strlen(sym_elf_debugfile(e));
	(void)sym_elf_type(e);
	/* A USDT operand naming a variable reads the tables again. */
	(void)sym_elf_symbol(e, "main", 4, &v);
	(void)sym_elf_symbol(e, "semaphore_x", 11, &v);
	for (uint64_t off = 0; off < 0x4000; off += 0x1000)
		(void)sym_elf_bias(e, 0x7f0000000000ULL + off, off, &v);
	sym_elf_close(e);
	unlink(path);
	return 0;
}
