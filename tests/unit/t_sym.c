/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the symbol layer (src/sym/sym_elf.c, sym_maps.c). The
 * test writes a small program and a shared library of ours to a temporary
 * directory, builds them with $CC (-O0, as PIE and as -no-pie), starts the
 * program (our child, killed with us), and lets it stop itself with
 * SIGSTOP after printing the addresses it knows: main, two of its
 * functions, the library's function and libc's malloc (dlsym). Every
 * expected value comes from the program; the code bytes are checked
 * against the child's own memory (/proc/PID/mem). Then corrupt ELF files
 * (truncated, garbage, randomly mutated) must fail or load cleanly. Only
 * processes this test started are looked at; none is traced.
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sym/sym.h"
#include "tap.h"

/* ---- The fixtures ------------------------------------------------------- */

static const char lib_src[] =
	"int symt_lib_func(int x) { return x * 7; }\n"
	/* The library takes the address itself: a -no-pie program taking
	   it would get its own PLT slot (the canonical address) instead. */
	"void *symt_lib_addr(void) { return (void *)symt_lib_func; }\n";

static const char prog_src[] =
	"#define _GNU_SOURCE\n"
	"#include <dlfcn.h>\n"
	"#include <signal.h>\n"
	"#include <stdio.h>\n"
	"#include <sys/mman.h>\n"
	"extern int symt_lib_func(int);\n"
	"extern void *symt_lib_addr(void);\n"
	"__attribute__((noinline)) int symt_func(int x) { return x * 3 + 1; }\n"
	"static __attribute__((noinline)) int symt_static(int x)\n"
	"{ return x + 2; }\n"
	"int main(void)\n"
	"{\n"
	"	printf(\"main %p\\n\", (void *)main);\n"
	"	printf(\"func %p\\n\", (void *)symt_func);\n"
	"	printf(\"static %p\\n\", (void *)symt_static);\n"
	"	printf(\"lib %p\\n\", symt_lib_addr());\n"
	"	printf(\"malloc %p\\n\", dlsym(RTLD_DEFAULT, \"malloc\"));\n"
	"	printf(\"end\\n\");\n"
	"	fflush(stdout);\n"
	"	raise(SIGSTOP);\n"
	/* A new mapping: the test's refresh must see the change. */
	"	mmap(0, 3 << 12, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);\n"
	"	raise(SIGSTOP);\n"
	"	return symt_func(1) + symt_static(2) + symt_lib_func(3) > 0 ? 0 "
	": 1;\n"
	"}\n";

static char dir[] = "/tmp/t_sym.XXXXXX";

static int
write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(buf, 1, len, f) == len;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static int
run(const char *cmd)
{
	int st = system(cmd);

	if (st != 0)
		diag("failed (%d): %s", st, cmd);
	return st == 0 ? 0 : -1;
}

static const char *
cc(void)
{
	const char *c = getenv("CC");

	return c && *c ? c : "cc";
}

/* Builds libsymt.so.1 and the two programs; 0 or -1. */
static int
build_fixtures(void)
{
	char path[512], cmd[2048];

	snprintf(path, sizeof path, "%s/lib.c", dir);
	if (write_file(path, lib_src, sizeof lib_src - 1))
		return -1;
	snprintf(path, sizeof path, "%s/prog.c", dir);
	if (write_file(path, prog_src, sizeof prog_src - 1))
		return -1;
	snprintf(cmd, sizeof cmd,
		 "cd %s && %s -O0 -fPIC -shared -Wl,-soname,libsymt.so.1 "
		 "-o libsymt.so.1 lib.c && ln -s libsymt.so.1 libsymt.so && "
		 "%s -O0 -fPIE -pie -o prog_pie prog.c -L. -lsymt "
		 "-Wl,-rpath,%s -ldl && "
		 "%s -O0 -fno-pie -no-pie -o prog_nopie prog.c -L. -lsymt "
		 "-Wl,-rpath,%s -ldl",
		 dir, cc(), cc(), dir, cc(), dir);
	return run(cmd);
}

/* ---- The child ---------------------------------------------------------- */

struct child {
	pid_t pid;
	uint64_t main_addr, func, stat, lib, malloc_addr;
};

/* Waits until the child stopped itself; 0 or -1. */
static int
wait_stopped(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, WUNTRACED) != pid || !WIFSTOPPED(st)) {
		diag("child %d did not stop (status %#x)", (int)pid, st);
		return -1;
	}
	return 0;
}

static int
start_child(const char *prog, struct child *c)
{
	char line[256];
	int fds[2], got = 0;
	FILE *in;

	memset(c, 0, sizeof *c);
	if (pipe(fds) != 0)
		return -1;
	c->pid = fork();
	if (c->pid < 0)
		return -1;
	if (c->pid == 0) {
		/* Dies with the test, whatever happens to it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl(prog, prog, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	while (in && fgets(line, sizeof line, in)) {
		char key[32];
		void *v;

		if (!strcmp(line, "end\n"))
			break;
		if (sscanf(line, "%31s %p", key, &v) != 2)
			continue;
		got++;
		if (!strcmp(key, "main"))
			c->main_addr = (uintptr_t)v;
		else if (!strcmp(key, "func"))
			c->func = (uintptr_t)v;
		else if (!strcmp(key, "static"))
			c->stat = (uintptr_t)v;
		else if (!strcmp(key, "lib"))
			c->lib = (uintptr_t)v;
		else if (!strcmp(key, "malloc"))
			c->malloc_addr = (uintptr_t)v;
	}
	if (in)
		fclose(in);
	if (got != 5 || wait_stopped(c->pid) != 0) {
		diag("%s printed %d addresses", prog, got);
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
		return -1;
	}
	return 0;
}

static void
end_child(struct child *c)
{
	kill(c->pid, SIGKILL);
	waitpid(c->pid, NULL, 0);
}

/* ---- Lookups ------------------------------------------------------------ */

struct found {
	int n, bad;
	uint64_t addr, size;
	const char *prefix; /* every name must start with it */
	char mod[256];
};

static int
collect(void *ctx, const struct sym_match *m)
{
	struct found *f = ctx;

	f->n++;
	f->addr = m->addr;
	f->size = m->size;
	snprintf(f->mod, sizeof f->mod, "%s", m->mod->path);
	if (f->prefix && strncmp(m->name, f->prefix, strlen(f->prefix)))
		f->bad++;
	return 0;
}

static struct found
lookup(struct sym_proc *p, const char *mod, const char *func)
{
	struct found f = { 0 };

	sym_lookup_name(p, mod, func, collect, &f);
	return f;
}

static const char *
base_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The child's own bytes at addr, for comparison with the file's. */
static int
read_child(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	char path[64];
	int fd;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = pread(fd, buf, len, (off_t)addr);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

static void
test_prog(const char *name)
{
	char prog[512], path[600];
	struct child c;
	struct sym_proc *p;
	struct found f;
	const char *mod, *func;
	uint64_t off, gen;
	unsigned char fbytes[64], mbytes[64];
	ssize_t n;
	int r;

	snprintf(prog, sizeof prog, "%s/%s", dir, name);
	if (!ok(start_child(prog, &c) == 0, "%s: started and stopped", name))
		return;
	p = sym_proc_open(c.pid);
	if (!ok(p != NULL, "%s: sym_proc_open", name)) {
		end_child(&c);
		return;
	}

	/* The main executable under its three names. */
	f = lookup(p, "a.out", "main");
	is_int(f.n, 1, "%s: a.out`main found once", name);
	ok(f.addr == c.main_addr,
	   "%s: a.out`main = %#" PRIx64 " (printed %#" PRIx64 ")", name, f.addr,
	   c.main_addr);
	f = lookup(p, name, "main");
	ok(f.n == 1 && f.addr == c.main_addr, "%s: %s`main by basename", name,
	   name);
	f = lookup(p, prog, "symt_func");
	ok(f.n == 1 && f.addr == c.func, "%s: symt_func by full path", name);
	ok(f.size > 3, "%s: symt_func has a size (%" PRIu64 ")", name, f.size);
	f = lookup(p, "a.out", "symt_static");
	ok(f.n == 1 && f.addr == c.stat, "%s: static function (.symtab)", name);
	f = lookup(p, "libc", "main");
	is_int(f.n, 0, "%s: no main in libc", name);

	/* Address to module`function+offset. */
	r = sym_lookup_addr(p, c.func + 3, &mod, &func, &off);
	ok(r == 0, "%s: sym_lookup_addr(symt_func+3) found", name);
	is_str(func, r == 0 ? "symt_func" : NULL, "%s: ... function", name);
	is_int(off, 3, "%s: ... offset 3", name);
	is_str(mod, name, "%s: ... module", name);
	r = sym_lookup_addr(p, c.main_addr, &mod, &func, &off);
	ok(r == 0 && !strcmp(func, "main") && off == 0, "%s: main+0", name);

	/* Code bytes from the file are the child's own. */
	n = sym_func_bytes(p, c.func, fbytes, sizeof fbytes);
	ok(n == (ssize_t)sizeof fbytes &&
		   read_child(c.pid, c.func, mbytes, sizeof mbytes) == 0 &&
		   !memcmp(fbytes, mbytes, sizeof fbytes),
	   "%s: sym_func_bytes(symt_func) equals the process's bytes", name);

	/* libc's malloc under each of libc's names. */
	f = lookup(p, "libc.so.6", "malloc");
	ok(f.n == 1 && f.addr == c.malloc_addr,
	   "%s: libc.so.6`malloc = dlsym's %#" PRIx64, name, c.malloc_addr);
	snprintf(path, sizeof path, "%s", f.mod);
	f = lookup(p, "libc", "malloc");
	ok(f.n == 1 && f.addr == c.malloc_addr, "%s: libc`malloc", name);
	f = lookup(p, path, "malloc");
	ok(f.n == 1 && f.addr == c.malloc_addr, "%s: %s`malloc", name, path);
	f = lookup(p, base_of(path), "malloc");
	ok(f.n == 1 && f.addr == c.malloc_addr, "%s: %s`malloc", name,
	   base_of(path));
	r = sym_lookup_addr(p, c.malloc_addr + 1, &mod, &func, &off);
	ok(r == 0 && !strcmp(func, "malloc") && off == 1,
	   "%s: malloc+1 is malloc+0x1 (%s)", name, r == 0 ? func : "-");

	/* Globs. */
	f = (struct found){ .prefix = "str" };
	sym_lookup_name(p, "libc.so.6", "str*", collect, &f);
	ok(f.n >= 10 && f.bad == 0, "%s: libc`str* finds %d str functions",
	   name, f.n);
	f = lookup(p, "lib[c]", "mallo?");
	ok(f.n == 1 && f.addr == c.malloc_addr, "%s: lib[c]`mallo?", name);
	f = lookup(p, "*", "symt_func");
	is_int(f.n, 1, "%s: *`symt_func", name);
	f = lookup(p, "", "symt_[fl]*");
	is_int(f.n, 3, "%s: symt_[fl]* (symt_func, symt_lib_func, _addr)",
	       name);

	/* Our library by soname and short name. */
	f = lookup(p, "libsymt.so.1", "symt_lib_func");
	ok(f.n == 1 && f.addr == c.lib, "%s: libsymt.so.1`symt_lib_func", name);
	f = lookup(p, "libsymt", "symt_lib_func");
	ok(f.n == 1 && f.addr == c.lib, "%s: libsymt`symt_lib_func", name);
	r = sym_lookup_addr(p, c.lib + 2, &mod, &func, &off);
	ok(r == 0 && !strcmp(mod, "libsymt.so.1") &&
		   !strcmp(func, "symt_lib_func") && off == 2,
	   "%s: libsymt.so.1`symt_lib_func+0x2", name);

	/* Refresh: nothing changed, then a new mapping. */
	gen = sym_proc_generation(p);
	is_int(sym_proc_refresh(p), 0, "%s: refresh without change", name);
	kill(c.pid, SIGCONT);
	if (wait_stopped(c.pid) == 0) {
		is_int(sym_proc_refresh(p), 1, "%s: refresh after mmap", name);
		ok(sym_proc_generation(p) == gen + 1, "%s: generation + 1",
		   name);
		f = lookup(p, "a.out", "main");
		ok(f.n == 1 && f.addr == c.main_addr,
		   "%s: a.out`main after refresh", name);
	} else {
		ok(0, "%s: second stop", name);
	}

	/* Addresses in no module. */
	r = sym_lookup_addr(p, 16, &mod, &func, &off);
	ok(r == -ENOENT && mod == NULL && func == NULL,
	   "%s: address 16 is in no module", name);

	sym_proc_close(p);
	end_child(&c);
	errno = 0;
	p = sym_proc_open(c.pid);
	ok(p == NULL && errno == ESRCH, "%s: gone process: ESRCH", name);
	sym_proc_close(p);
}

/* ---- Separate debug file ------------------------------------------------ */

static void
test_debuglink(void)
{
	char cmd[2048], path[512];
	struct sym_elf *full, *stripped;
	const struct sym_elf_func *a = NULL, *b = NULL;
	size_t i;

	snprintf(cmd, sizeof cmd,
		 "cd %s && objcopy --only-keep-debug prog_pie prog_s.debug && "
		 "objcopy --strip-all --remove-section=.note.gnu.build-id "
		 "--add-gnu-debuglink=prog_s.debug prog_pie prog_s",
		 dir);
	if (!ok(run(cmd) == 0, "objcopy: stripped copy with debuglink"))
		return;
	snprintf(path, sizeof path, "%s/prog_pie", dir);
	full = sym_elf_open(path, NULL);
	snprintf(path, sizeof path, "%s/prog_s", dir);
	stripped = sym_elf_open(path, NULL);
	ok(full && stripped, "both open");
	if (!full || !stripped)
		goto out;
	ok(sym_elf_debugfile(stripped) &&
		   !strcmp(base_of(sym_elf_debugfile(stripped)),
			   "prog_s.debug"),
	   "stripped: debug file found by .gnu_debuglink");
	ok(sym_elf_debugfile(full) == NULL, "unstripped: no debug file");
	for (i = 0; i < sym_elf_nfuncs(full); i++)
		if (!strcmp(sym_elf_func(full, i)->name, "symt_static"))
			a = sym_elf_func(full, i);
	for (i = 0; i < sym_elf_nfuncs(stripped); i++)
		if (!strcmp(sym_elf_func(stripped, i)->name, "symt_static"))
			b = sym_elf_func(stripped, i);
	ok(a && b && a->value == b->value && a->size == b->size,
	   "stripped: symt_static from the debug file, same value");
	is_int(sym_elf_nfuncs(stripped), sym_elf_nfuncs(full),
	       "stripped: as many functions as unstripped");
out:
	sym_elf_close(full);
	sym_elf_close(stripped);
}

/* ---- Untrusted files ---------------------------------------------------- */

/* Opens path and, when it loads, uses everything a caller would. */
static int
poke(const char *path)
{
	unsigned char buf[32];
	struct sym_elf *e;
	uint64_t bias;
	size_t i, n;
	int err = 0;

	e = sym_elf_open(path, &err);
	if (!e)
		return err;
	n = sym_elf_nfuncs(e);
	for (i = 0; i < n; i++) {
		const struct sym_elf_func *f = sym_elf_func(e, i);

		if (sym_elf_lookup_addr(e, f->value) == NULL) {
			/* A function that does not hold its own start. */
			sym_elf_close(e);
			return -1000;
		}
		(void)sym_elf_read(e, f->value, buf, sizeof buf);
	}
	(void)sym_elf_lookup_addr(e, 0);
	(void)sym_elf_lookup_addr(e, UINT64_MAX);
	(void)sym_elf_soname(e);
	(void)sym_elf_bias(e, 0x400000, 0, &bias);
	(void)sym_elf_read(e, UINT64_MAX - 4, buf, sizeof buf);
	for (i = 0; i < sym_elf_nsdt(e); i++) {
		const struct sym_sdt *p = sym_elf_sdt(e, i);

		/* Strings that are there and end (ASan sees the reads). */
		if (!*p->provider || !*p->name ||
		    strlen(p->provider) + strlen(p->name) + strlen(p->args) >
			    4096) {
			sym_elf_close(e);
			return -1000;
		}
	}
	sym_elf_close(e);
	return 1;
}

static void
test_corrupt(void)
{
	char src[512], path[512];
	unsigned char *img, *mut;
	struct stat st;
	size_t cuts[] = { 0, 1, 4, 16, 63, 64, 65, 200, 1000, 4096, 0, 0 };
	size_t i, ncut = sizeof cuts / sizeof cuts[0];
	unsigned seed = 12345;
	int fd, fails = 0, survived = 0, r;

	snprintf(src, sizeof src, "%s/libsymt.so.1", dir);
	snprintf(path, sizeof path, "%s/bad.so", dir);
	fd = open(src, O_RDONLY);
	if (!ok(fd >= 0 && fstat(fd, &st) == 0, "read libsymt.so.1")) {
		if (fd >= 0)
			close(fd);
		return;
	}
	img = malloc((size_t)st.st_size);
	mut = malloc((size_t)st.st_size);
	if (!img || !mut ||
	    read(fd, img, (size_t)st.st_size) != (ssize_t)st.st_size) {
		ok(0, "read libsymt.so.1 whole");
		close(fd);
		free(img);
		free(mut);
		return;
	}
	close(fd);
	is_int(poke(src), 1, "intact library loads");

	is_int(poke("/nonexistent/x.so"), -ENOENT, "missing file: -ENOENT");
	write_file(path, "garbage, not ELF at all\n", 24);
	is_int(poke(path), -ENOEXEC, "garbage: -ENOEXEC");

	/* Truncated copies: fail or load, never crash. */
	cuts[ncut - 2] = (size_t)st.st_size / 2;
	cuts[ncut - 1] = (size_t)st.st_size - 1;
	for (i = 0; i < ncut; i++) {
		write_file(path, img, cuts[i]);
		r = poke(path);
		if (r == -1000 || (cuts[i] < 64 && r != -ENOEXEC)) {
			diag("truncated at %zu: %d", cuts[i], r);
			fails++;
		}
	}
	ok(fails == 0, "truncated copies fail cleanly (%zu sizes)", ncut);

	/* Random byte mutations, headers included. */
	fails = 0;
	for (i = 0; i < 300; i++) {
		int k, nmut = 1 + (int)(i % 8);

		memcpy(mut, img, (size_t)st.st_size);
		for (k = 0; k < nmut; k++) {
			size_t at;

			seed = seed * 1103515245u + 12345u;
			/* Half the hits in the first 4 KiB (headers). */
			at = (seed >> 8) %
			     (i & 1 ? (size_t)st.st_size :
				      (size_t)(st.st_size < 4096 ? st.st_size :
								   4096));
			seed = seed * 1103515245u + 12345u;
			mut[at] = (unsigned char)(seed >> 16);
		}
		write_file(path, mut, (size_t)st.st_size);
		r = poke(path);
		if (r == -1000)
			fails++;
		if (r == 1)
			survived++;
	}
	ok(fails == 0,
	   "300 mutated copies: no crash, no bogus function "
	   "(%d loaded)",
	   survived);
	free(img);
	free(mut);
}

/* ---- USDT notes (.note.stapsdt) ---------------------------------------- */

/* Two translation units: probes without semaphores, and with them. */
static const char sdt_a_src[] =
	"#include <sys/sdt.h>\n"
	"int symt_sdt_b(int x, long y);\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"	long v = argc * 3;\n"
	"	STAP_PROBE(symt, plain);\n"
	"	STAP_PROBE2(symt, two__args, argc, v);\n"
	"	return symt_sdt_b(argc, (long)argv) > 0 ? 0 : 1;\n"
	"}\n";
static const char sdt_b_src[] =
	"#define _SDT_HAS_SEMAPHORES 1\n"
	"#include <sys/sdt.h>\n"
	"__extension__ unsigned short symt_sem1_semaphore\n"
	"	__attribute__((unused, section(\".probes\")));\n"
	"__extension__ unsigned short symt_sem2_semaphore\n"
	"	__attribute__((unused, section(\".probes\")));\n"
	"int symt_sdt_b(int x, long y)\n"
	"{\n"
	"	STAP_PROBE1(symt, sem1, x);\n"
	"	STAP_PROBE3(symt, sem2, x, y, (char)x);\n"
	"	return x + 1;\n"
	"}\n";

/*
 * Hand-written notes around broken ones: after the good note "first",
 * notes with a wrong owner and type, a descriptor too short for its three
 * addresses, strings that run off the descriptor, an empty provider,
 * then the good note "last"; and in a section of its own, a note whose
 * descsz runs past the section's end.
 */
#define NOTE_HDR(namesz, descsz)                                               \
	"	.balign 4\n	.4byte " #namesz ", " #descsz ", 3\n"
/* clang-format off */
#if defined(__aarch64__)
#define SDT_BAD_RET0 "	mov w0, #0\n	ret\n"
#define SDT_BAD_NOP_LEN 4
#else
#define SDT_BAD_RET0 "	xor %eax, %eax\n	ret\n"
#define SDT_BAD_NOP_LEN 1
#endif
static const char sdt_bad_src[] =
	"	.text\n	.globl main\nmain:\n"
	"1:	nop\n2:	nop\n" SDT_BAD_RET0
	"	.section .note.stapsdt,\"\",@note\n"
	/* good: 24 + "p\0first\08@%rax\0" = 24 + 15, and a NUL */
	NOTE_HDR(8, 40) "	.asciz \"stapsdt\"\n"
	"	.8byte 1b, 0, 0\n	.asciz \"p\"\n	.asciz \"first\"\n"
	"	.asciz \"8@%rax\"\n"
	/* another owner */
	NOTE_HDR(8, 29) "	.asciz \"stapsdX\"\n"
	"	.8byte 1b, 0, 0\n	.asciz \"p\"\n	.asciz \"x\"\n	.asciz \"\"\n"
	/* another type */
	"	.balign 4\n	.4byte 8, 29, 4\n	.asciz \"stapsdt\"\n"
	"	.8byte 1b, 0, 0\n	.asciz \"p\"\n	.asciz \"y\"\n	.asciz \"\"\n"
	/* too short: two addresses */
	NOTE_HDR(8, 16) "	.asciz \"stapsdt\"\n	.8byte 1b, 0\n"
	/* the argument string without its NUL */
	NOTE_HDR(8, 28) "	.asciz \"stapsdt\"\n"
	"	.8byte 1b, 0, 0\n	.asciz \"p\"\n	.ascii \"zz\"\n"
	/* the name without its NUL, nothing after */
	NOTE_HDR(8, 27) "	.asciz \"stapsdt\"\n"
	"	.8byte 1b, 0, 0\n	.asciz \"p\"\n	.ascii \"n\"\n"
	/* an empty provider */
	NOTE_HDR(8, 28) "	.asciz \"stapsdt\"\n"
	"	.8byte 1b, 0, 0\n	.asciz \"\"\n	.asciz \"e\"\n	.asciz \"\"\n"
	/* good, after all of those */
	NOTE_HDR(8, 32) "	.asciz \"stapsdt\"\n"
	"	.8byte 2b, 0, 0\n	.asciz \"p\"\n	.asciz \"last\"\n"
	"	.asciz \"\"\n	.balign 4\n"
	/* a note larger than its section */
	"	.section .note.stapsdt.z,\"\",@note\n"
	NOTE_HDR(8, 4000) "	.asciz \"stapsdt\"\n"
	"	.8byte 1b, 0, 0\n	.asciz \"p\"\n	.asciz \"over\"\n"
	"	.asciz \"\"\n	.balign 4\n"
	"	.section .note.GNU-stack,\"\",@progbits\n";
/* clang-format on */

static int
have_sdt_h(void)
{
	return access("/usr/include/sys/sdt.h", R_OK) == 0 ||
	       access("/usr/include/x86_64-linux-gnu/sys/sdt.h", R_OK) == 0 ||
	       access("/usr/include/aarch64-linux-gnu/sys/sdt.h", R_OK) == 0;
}

/* What `readelf -n` says of one stapsdt note. */
struct rnote {
	char provider[64], name[64], args[256];
	uint64_t pc, base, sem;
};

/* The stapsdt notes of path as binutils' readelf prints them: how many
   (at most max), or -1. */
static int
readelf_notes(const char *path, struct rnote *out, int max)
{
	char cmd[700], line[1024];
	FILE *f;
	int n = -1;

	snprintf(cmd, sizeof cmd, "readelf -n '%s' 2>/dev/null", path);
	f = popen(cmd, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		char *p = line, *nl = strchr(line, '\n');
		unsigned long long a, b, c;

		if (nl)
			*nl = 0;
		while (*p == ' ')
			p++;
		if (!strncmp(p, "Provider: ", 10) && n + 1 < max) {
			n++;
			memset(&out[n], 0, sizeof out[n]);
			snprintf(out[n].provider, sizeof out[n].provider, "%s",
				 p + 10);
		} else if (n < 0) {
			continue;
		} else if (!strncmp(p, "Name: ", 6)) {
			snprintf(out[n].name, sizeof out[n].name, "%s", p + 6);
		} else if (sscanf(p,
				  "Location: %llx, Base: %llx, Semaphore: %llx",
				  &a, &b, &c) == 3) {
			out[n].pc = a;
			out[n].base = b;
			out[n].sem = c;
		} else if (!strncmp(p, "Arguments:", 10)) {
			p += 10;
			while (*p == ' ')
				p++;
			snprintf(out[n].args, sizeof out[n].args, "%s", p);
		}
	}
	pclose(f);
	return n + 1;
}

/* Our notes of path against readelf's, one by one; the count or -1. */
static int
compare_readelf(const char *path, struct sym_elf *e)
{
	static struct rnote r[256];
	int n = readelf_notes(path, r, 256), bad = 0;

	if (n < 0 || (size_t)n != sym_elf_nsdt(e)) {
		diag("%s: readelf %d notes, ours %zu", path, n,
		     sym_elf_nsdt(e));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		const struct sym_sdt *p = sym_elf_sdt(e, (size_t)i);

		if (strcmp(p->provider, r[i].provider) ||
		    strcmp(p->name, r[i].name) || strcmp(p->args, r[i].args) ||
		    p->pc != r[i].pc || p->semaphore != r[i].sem) {
			diag("%s note %d: ours %s:%s %#" PRIx64 " %#" PRIx64
			     " \"%s\", readelf %s:%s %#" PRIx64 " %#" PRIx64
			     " \"%s\"",
			     path, i, p->provider, p->name, p->pc, p->semaphore,
			     p->args, r[i].provider, r[i].name, r[i].pc,
			     r[i].sem, r[i].args);
			bad++;
		}
	}
	return bad ? -1 : n;
}

static const struct sym_sdt *
sdt_find(struct sym_elf *e, const char *prov, const char *name)
{
	for (size_t i = 0; i < sym_elf_nsdt(e); i++) {
		const struct sym_sdt *p = sym_elf_sdt(e, i);

		if (!strcmp(p->provider, prov) && !strcmp(p->name, name))
			return p;
	}
	return NULL;
}

/* The value of symbol name in path, as nm prints it; 0 if none. */
static uint64_t
nm_value(const char *path, const char *name)
{
	char cmd[700], line[512], sym[256], type;
	unsigned long long v;
	uint64_t found = 0;
	FILE *f;

	snprintf(cmd, sizeof cmd, "nm '%s' 2>/dev/null", path);
	f = popen(cmd, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "%llx %c %255s", &v, &type, sym) == 3 &&
		    !strcmp(sym, name))
			found = v;
	pclose(f);
	return found;
}

/* Every probe site of e is the nop <sys/sdt.h> puts there (x86_64: 90;
   aarch64: d503201f, little-endian). */
static int
sites_are_nops(struct sym_elf *e)
{
#if defined(__aarch64__)
	static const unsigned char nop[] = { 0x1f, 0x20, 0x03, 0xd5 };
#else
	static const unsigned char nop[] = { 0x90 };
#endif
	for (size_t i = 0; i < sym_elf_nsdt(e); i++) {
		unsigned char b[sizeof nop] = { 0 };

		if (sym_elf_read(e, sym_elf_sdt(e, i)->pc, b, sizeof b) !=
			    (ssize_t)sizeof b ||
		    memcmp(b, nop, sizeof nop) != 0)
			return 0;
	}
	return sym_elf_nsdt(e) > 0;
}

/*
 * A copy of the ELF64 file src with .stapsdt.base's sh_addr moved by
 * delta, as prelink moves sections (the notes keep the old addresses).
 */
static int
move_sdt_base(const char *src, const char *dst, uint64_t delta)
{
	/* Room for a small program padded to 64 KiB pages (aarch64's
	   linker aligns segments so). */
	enum { MAX_FILE = 1 << 22 };
	unsigned char *buf = malloc(MAX_FILE);
	FILE *f = fopen(src, "rb");
	size_t n = 0, i;
	Elf64_Ehdr eh;
	Elf64_Shdr sh, strsh;
	int found = -1, rc;

	if (f && buf)
		n = fread(buf, 1, MAX_FILE, f);
	if (f)
		fclose(f);
	if (n == MAX_FILE || n < sizeof eh) {
		free(buf);
		return -1;
	}
	memcpy(&eh, buf, sizeof eh);
	if (eh.e_shoff + (uint64_t)eh.e_shnum * sizeof sh > n ||
	    eh.e_shstrndx >= eh.e_shnum) {
		free(buf);
		return -1;
	}
	memcpy(&strsh, buf + eh.e_shoff + eh.e_shstrndx * sizeof sh, sizeof sh);
	for (i = 0; i < eh.e_shnum; i++) {
		unsigned char *at = buf + eh.e_shoff + i * sizeof sh;

		memcpy(&sh, at, sizeof sh);
		if (strsh.sh_offset + sh.sh_name + 14 > n ||
		    memcmp(buf + strsh.sh_offset + sh.sh_name, ".stapsdt.base",
			   14) != 0)
			continue;
		sh.sh_addr += delta;
		memcpy(at, &sh, sizeof sh);
		found = 0;
	}
	if (found < 0) {
		free(buf);
		return -1;
	}
	rc = write_file(dst, buf, n);
	free(buf);
	return rc;
}

static void
test_sdt_prog(void)
{
	char path[512], moved[512], cmd[2048];
	const struct sym_sdt *plain, *two, *s1, *s2, *m1;
	struct sym_elf *e, *m;
	uint64_t sem1, sem2;

	snprintf(path, sizeof path, "%s/sdt_a.c", dir);
	write_file(path, sdt_a_src, sizeof sdt_a_src - 1);
	snprintf(path, sizeof path, "%s/sdt_b.c", dir);
	write_file(path, sdt_b_src, sizeof sdt_b_src - 1);
	snprintf(cmd, sizeof cmd, "cd %s && %s -O2 -o sdt_prog sdt_a.c sdt_b.c",
		 dir, cc());
	if (!ok(run(cmd) == 0, "built a program with <sys/sdt.h> probes"))
		return;
	snprintf(path, sizeof path, "%s/sdt_prog", dir);
	e = sym_elf_open(path, NULL);
	if (!ok(e != NULL, "opened sdt_prog"))
		return;
	is_int(sym_elf_nsdt(e), 4, "sdt_prog: 4 probes");
	plain = sdt_find(e, "symt", "plain");
	two = sdt_find(e, "symt", "two__args");
	s1 = sdt_find(e, "symt", "sem1");
	s2 = sdt_find(e, "symt", "sem2");
	ok(plain && two && s1 && s2, "symt:plain, two__args, sem1, sem2");
	is_int(compare_readelf(path, e), 4,
	       "sdt_prog: the notes readelf -n "
	       "shows, field by field");
	ok(sites_are_nops(e), "every probe site is a nop in the file");
	sem1 = nm_value(path, "symt_sem1_semaphore");
	sem2 = nm_value(path, "symt_sem2_semaphore");
	ok(plain && two && !plain->semaphore && !two->semaphore &&
		   !strcmp(plain->args, ""),
	   "no semaphore where none was declared; no arguments: \"\"");
	ok(s1 && s2 && sem1 && s1->semaphore == sem1 && s2->semaphore == sem2,
	   "semaphores at symt_sem1_semaphore %#" PRIx64
	   ", symt_sem2_semaphore %#" PRIx64 " (nm)",
	   sem1, sem2);
	is_int(two ? (int)strlen(two->args) > 0 && strchr(two->args, ' ') &&
			       !strchr(strchr(two->args, ' ') + 1, ' ') :
		     0,
	       1, "two__args has two operands (\"%s\")", two ? two->args : "");

	/* prelink: .stapsdt.base moved by 0x10000, so are pc and sem */
	snprintf(moved, sizeof moved, "%s/sdt_moved", dir);
	if (ok(move_sdt_base(path, moved, 0x10000) == 0,
	       "a copy with .stapsdt.base moved (prelink)") &&
	    (m = sym_elf_open(moved, NULL)) != NULL) {
		m1 = sdt_find(m, "symt", "sem1");
		ok(m1 && s1 && m1->pc == s1->pc + 0x10000 &&
			   m1->semaphore == s1->semaphore + 0x10000,
		   "pc and semaphore follow .stapsdt.base");
		m1 = sdt_find(m, "symt", "plain");
		ok(m1 && plain && m1->pc == plain->pc + 0x10000 &&
			   m1->semaphore == 0,
		   "a probe without semaphore keeps 0");
		sym_elf_close(m);
	}
	sym_elf_close(e);
}

/* Random bytes of the notes of path changed: fail or load cleanly. */
static void
test_sdt_mutate(const char *path)
{
	static const char owner[] = "stapsdt";
	/* sdt_bad: a few KiB on x86_64, 64 KiB-aligned segments on
	   aarch64. */
	enum { IMG_MAX = 1 << 20 };
	static unsigned char img[IMG_MAX], mut[IMG_MAX];
	char bad[600];
	unsigned char *at;
	unsigned seed = 777;
	size_t n, start, span;
	int fails = 0, loaded = 0;
	FILE *f = fopen(path, "rb");

	n = f ? fread(img, 1, sizeof img, f) : 0;
	if (f)
		fclose(f);
	at = n ? memmem(img, n, owner, sizeof owner) : NULL;
	if (!ok(at && n < sizeof img && at - img >= 12, "found the notes of %s",
		path))
		return;
	start = (size_t)(at - img) - 12;
	span = n - start < 512 ? n - start : 512;
	snprintf(bad, sizeof bad, "%s.mut", path);
	for (int i = 0; i < 300; i++) {
		memcpy(mut, img, n);
		for (int k = 0; k < 1 + i % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t off = start + (seed >> 8) % span;
			seed = seed * 1103515245u + 12345u;
			mut[off] = (unsigned char)(seed >> 16);
		}
		write_file(bad, mut, n);
		int r = poke(bad);
		fails += r == -1000;
		loaded += r == 1;
	}
	ok(fails == 0,
	   "300 copies with mutated notes: no crash, no bad "
	   "string (%d loaded)",
	   loaded);
}

static void
test_sdt_bad(void)
{
	char path[512], cmd[2048];
	struct sym_elf *e;
	const struct sym_sdt *p;

	snprintf(path, sizeof path, "%s/sdt_bad.s", dir);
	write_file(path, sdt_bad_src, sizeof sdt_bad_src - 1);
	snprintf(cmd, sizeof cmd, "cd %s && %s -no-pie -o sdt_bad sdt_bad.s",
		 dir, cc());
	if (!ok(run(cmd) == 0, "built hand-written broken notes"))
		return;
	snprintf(path, sizeof path, "%s/sdt_bad", dir);
	e = sym_elf_open(path, NULL);
	if (!ok(e != NULL, "a file with broken notes still opens"))
		return;
	is_int(sym_elf_nsdt(e), 2, "broken notes skipped, both good ones kept");
	p = sym_elf_sdt(e, 0);
	ok(p && !strcmp(p->provider, "p") && !strcmp(p->name, "first") &&
		   !strcmp(p->args, "8@%rax") && p->semaphore == 0,
	   "first good note");
	p = sym_elf_sdt(e, 1);
	ok(p && !strcmp(p->name, "last") && !strcmp(p->args, "") &&
		   p->pc == sym_elf_sdt(e, 0)->pc + SDT_BAD_NOP_LEN,
	   "last good note, one nop after the first");
	ok(sym_elf_sdt(e, 2) == NULL, "no note past the end");
	sym_elf_close(e);
	test_sdt_mutate(path);
}

/* The libraries Debian ships with probes, against readelf -n. */
static void
test_sdt_system(void)
{
	static const char *const files[] = {
		"/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
		"/usr/bin/python3.11",
	};

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct sym_elf *e = sym_elf_open(files[i], NULL);
		int n;

		if (!e) {
			ok(1, "# SKIP %s is not installed", files[i]);
			continue;
		}
		n = compare_readelf(files[i], e);
		ok(n > 0, "%s: %d notes as readelf -n shows them", files[i], n);
		if (i == 0)
			ok(sdt_find(e, "libstdcxx", "throw") &&
				   sdt_find(e, "libstdcxx", "rethrow") &&
				   sdt_find(e, "libstdcxx", "catch"),
			   "libstdcxx:throw, rethrow, catch");
		else
			ok(sdt_find(e, "python", "function__entry") &&
				   sdt_find(e, "python", "function__entry")
					   ->semaphore,
			   "python:function__entry has a semaphore");
		ok(sites_are_nops(e), "%s: every site is a nop", files[i]);
		sym_elf_close(e);
	}
}

static void
cleanup(void)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
}

/* C++ names: the Itanium ABI's demangling (libstdc++'s, found at run
   time); C names are left alone. */
static void
test_demangle(void)
{
	char *d = sym_demangle("_ZN3foo3barEi");

	ok(sym_demangle("malloc") == NULL, "a C name is not demangled");
	ok(sym_demangle("_Znot a name") == NULL, "a bad _Z name is refused");
	/* libstdc++6 is part of every Debian system (apt needs it) */
	is_str(d ? d : "(null)", "foo::bar(int)",
	       "_ZN3foo3barEi is foo::bar(int)");
	free(d);
}

int
main(void)
{
	test_demangle();
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return done_testing();
	}
	if (ok(build_fixtures() == 0, "built the fixtures with %s", cc())) {
		test_prog("prog_pie");
		test_prog("prog_nopie");
		test_debuglink();
		test_corrupt();
		if (have_sdt_h())
			test_sdt_prog();
		else
			ok(1, "# SKIP no <sys/sdt.h> (systemtap-sdt-dev)");
		test_sdt_bad();
	}
	test_sdt_system();
	cleanup();
	return done_testing();
}
