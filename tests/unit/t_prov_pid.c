/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the pid provider's probe making and matching
 * (src/providers/prov_pid.c), on a process of the test's own that is not
 * traced: the test writes a program and a shared library to a temporary
 * directory, builds them with $CC, starts the program, which prints what
 * it knows of itself (its functions' addresses, the offsets of the
 * instructions of a hand-written function with two returns, malloc's
 * address) and stops itself with SIGSTOP. Probes are then made through
 * prov_pid.provide() with a fake host, and their names, addresses and
 * matching are checked against what the program printed. Last, the same
 * program runs traced (tgt_spawn(), the test playing the session's part:
 * traced() at its exec, re-providing at modules_changed): its known
 * calls must fire exactly, with their arguments, return offsets and
 * values, in a library it links, in one it dlopens, and not in a child
 * it forks.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "providers/prov.h"
#include "tap.h"

/* ---- The fixtures ------------------------------------------------------- */

static const char lib_src[] = "int pidt_lib_func(int x) { return x * 7; }\n";
static const char lib2_src[] = "int pidt2_func(int x) { return x - 1; }\n";

/*
 * pidt_two_ret: two ret instructions, labels (global, untyped: no
 * function symbols) at each instruction so the program can say where they
 * are. pidt_jt: an indirect jump (what a jump table compiles to).
 */
static const char prog_src[] =
	"#define _GNU_SOURCE\n"
	"#include <dlfcn.h>\n"
	"#include <signal.h>\n"
	"#include <stdio.h>\n"
	"extern int pidt_lib_func(int);\n"
	"int pidt_two_ret(int);\n"
	"int pidt_jt(long);\n"
	"extern char pidt_je[], pidt_mov[], pidt_ret1[], pidt_xor[],\n"
	"	pidt_ret2[];\n"
#if defined(__aarch64__)
	"__asm__(\".text\\n\"\n"
	"	\".globl pidt_two_ret\\n.type pidt_two_ret,%function\\n\"\n"
	"	\"pidt_two_ret: cmp w0, #0\\n\"\n"
	"	\".globl pidt_je\\npidt_je: b.eq 1f\\n\"\n"
	"	\".globl pidt_mov\\npidt_mov: mov w0, #1\\n\"\n"
	"	\".globl pidt_ret1\\npidt_ret1: ret\\n\"\n"
	"	\"1:\\n.globl pidt_xor\\npidt_xor: mov w0, #0\\n\"\n"
	"	\".globl pidt_ret2\\npidt_ret2: ret\\n\"\n"
	"	\".size pidt_two_ret, .-pidt_two_ret\\n\"\n"
	"	\".globl pidt_jt\\n.type pidt_jt,%function\\n\"\n"
	"	\"pidt_jt: cmp x0, #1\\nb.hi 1f\\nadr x1, 2f\\n\"\n"
	"	\"br x1\\n2: mov w0, #5\\nret\\n1: mov w0, #0\\nret\\n\"\n"
	"	\".size pidt_jt, .-pidt_jt\\n\"\n"
	/* a jump into its cold part (gcc's), and a conditional tail call */
	"	\".globl pidt_hot\\n.type pidt_hot,%function\\n\"\n"
	"	\"pidt_hot: cmp w0, #0\\nb.lt pidt_hot.cold\\n\"\n"
	"	\"lsl w0, w0, #1\\nret\\n.size pidt_hot, .-pidt_hot\\n\"\n"
	"	\".type pidt_hot.cold,%function\\npidt_hot.cold: brk #1\\n\"\n"
	"	\".size pidt_hot.cold, .-pidt_hot.cold\\n\"\n"
	"	\".globl pidt_tc\\n.type pidt_tc,%function\\n\"\n"
	"	\"pidt_tc: cmp w0, #0\\nb.ne pidt_two_ret\\n\"\n"
	"	\"mov w0, #0\\nret\\n.size pidt_tc, .-pidt_tc\\n\");\n"
#else
	"__asm__(\".text\\n\"\n"
	"	\".globl pidt_two_ret\\n.type pidt_two_ret,@function\\n\"\n"
	"	\"pidt_two_ret: test %edi,%edi\\n\"\n"
	"	\".globl pidt_je\\npidt_je: je 1f\\n\"\n"
	"	\".globl pidt_mov\\npidt_mov: mov $1,%eax\\n\"\n"
	"	\".globl pidt_ret1\\npidt_ret1: ret\\n\"\n"
	"	\"1:\\n.globl pidt_xor\\npidt_xor: xor %eax,%eax\\n\"\n"
	"	\".globl pidt_ret2\\npidt_ret2: ret\\n\"\n"
	"	\".size pidt_two_ret, .-pidt_two_ret\\n\"\n"
	"	\".globl pidt_jt\\n.type pidt_jt,@function\\n\"\n"
	"	\"pidt_jt: cmp $1,%rdi\\nja 1f\\nlea 2f(%rip),%rax\\n\"\n"
	"	\"jmp *%rax\\n2: mov $5,%eax\\nret\\n1: xor %eax,%eax\\nret\\n\"\n"
	"	\".size pidt_jt, .-pidt_jt\\n\"\n"
	/* a jump into its cold part (gcc's), and a conditional tail call */
	"	\".globl pidt_hot\\n.type pidt_hot,@function\\n\"\n"
	"	\"pidt_hot: test %edi,%edi\\njs pidt_hot.cold\\n\"\n"
	"	\"lea (%rdi,%rdi),%eax\\nret\\n.size pidt_hot, .-pidt_hot\\n\"\n"
	"	\".type pidt_hot.cold,@function\\npidt_hot.cold: ud2\\n\"\n"
	"	\".size pidt_hot.cold, .-pidt_hot.cold\\n\"\n"
	"	\".globl pidt_tc\\n.type pidt_tc,@function\\n\"\n"
	"	\"pidt_tc: test %edi,%edi\\njne pidt_two_ret\\n\"\n"
	"	\"xor %eax,%eax\\nret\\n.size pidt_tc, .-pidt_tc\\n\");\n"
#endif
	"__attribute__((noinline)) int pidt_c_func(int x)\n"
	"{ return x + pidt_two_ret(x) + pidt_jt(x) + pidt_lib_func(x); }\n"
	/* "run DIR": known calls, a library loaded later, a fork */
	"#include <stdlib.h>\n"
	"#include <unistd.h>\n"
	"#include <sys/wait.h>\n"
	"static int run(const char *lib2)\n"
	"{\n"
	"	int bad = 0, st;\n"
	"	void *h;\n"
	"	int (*f2)(int);\n"
	"	pid_t c;\n"
	"	for (int i = 0; i < 3; i++) bad |= pidt_two_ret(0) != 0;\n"
	"	for (int i = 0; i < 2; i++) bad |= pidt_two_ret(1) != 1;\n"
	"	for (int i = 0; i < 4; i++) bad |= pidt_lib_func(i) != 7 * i;\n"
	"	h = dlopen(lib2, RTLD_NOW);\n"
	"	f2 = h ? (int (*)(int))dlsym(h, \"pidt2_func\") : 0;\n"
	"	if (!f2) return 2;\n"
	"	bad |= f2(42) != 41;\n"
	"	c = fork();\n"
	"	if (c == 0) _exit(pidt_two_ret(5) == 1 ? 0 : 1);\n"
	"	if (c < 0 || waitpid(c, &st, 0) != c || st != 0) return 3;\n"
	"	return bad;\n"
	"}\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"	char *f = (char *)pidt_two_ret;\n"
	"	if (argc > 2) return run(argv[2]);\n"
	"	printf(\"two_ret %p\\n\", (void *)f);\n"
	"	printf(\"jt %p\\n\", (void *)pidt_jt);\n"
	"	printf(\"c_func %p\\n\", (void *)pidt_c_func);\n"
	"	printf(\"je %td\\n\", pidt_je - f);\n"
	"	printf(\"mov %td\\n\", pidt_mov - f);\n"
	"	printf(\"ret1 %td\\n\", pidt_ret1 - f);\n"
	"	printf(\"xor %td\\n\", pidt_xor - f);\n"
	"	printf(\"ret2 %td\\n\", pidt_ret2 - f);\n"
	"	printf(\"malloc %p\\n\", dlsym(RTLD_DEFAULT, \"malloc\"));\n"
	"	printf(\"lib %p\\n\", dlsym(RTLD_DEFAULT, \"pidt_lib_func\"));\n"
	"	printf(\"end\\n\");\n"
	"	fflush(stdout);\n"
	"	raise(SIGSTOP);\n"
	"	return pidt_c_func(1) > 0 ? 0 : 1;\n"
	"}\n";

/* The program's own functions (a.out), and the instructions of
   pidt_two_ret, as written above. */
#define PROG_NFUNCS_PIDT 6
#define TWO_RET_NINSN 6

static char dir[] = "/tmp/t_prov_pid.XXXXXX";

static int
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static const char *
cc(void)
{
	const char *c = getenv("CC");

	return c && *c ? c : "cc";
}

static int
build_fixtures(void)
{
	char path[512], cmd[2048];
	int st;

	snprintf(path, sizeof path, "%s/lib.c", dir);
	if (write_file(path, lib_src))
		return -1;
	snprintf(path, sizeof path, "%s/lib2.c", dir);
	if (write_file(path, lib2_src))
		return -1;
	snprintf(path, sizeof path, "%s/prog.c", dir);
	if (write_file(path, prog_src))
		return -1;
	snprintf(cmd, sizeof cmd,
		 "cd %s && %s -O0 -fPIC -shared -Wl,-soname,libpidt.so.1 "
		 "-o libpidt.so.1 lib.c && "
		 "%s -O0 -fPIC -shared -o libpidt2.so lib2.c && "
		 "%s -O0 -fPIE -pie -o pidt_prog prog.c ./libpidt.so.1 "
		 "-Wl,-rpath,%s -ldl",
		 dir, cc(), cc(), cc(), dir);
	st = system(cmd);
	if (st != 0)
		diag("failed (%d): %s", st, cmd);
	return st == 0 ? 0 : -1;
}

/* ---- The child ---------------------------------------------------------- */

struct child {
	pid_t pid;
	uint64_t two_ret, jt, c_func, malloc_addr, lib;
	uint64_t je, mov, ret1, xor, ret2; /* offsets in pidt_two_ret */
};

static int
start_child(struct child *c)
{
	char path[600], line[256];
	int fd[2], st;
	FILE *f;

	memset(c, 0, sizeof *c);
	if (pipe(fd) < 0)
		return -1;
	c->pid = fork();
	if (c->pid < 0)
		return -1;
	if (c->pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		snprintf(path, sizeof path, "%s/pidt_prog", dir);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	f = fdopen(fd[0], "r");
	while (f && fgets(line, sizeof line, f)) {
		char key[32];
		uint64_t v;

		if (!strcmp(line, "end\n"))
			break;
		if (sscanf(line, "%31s %" SCNx64, key, &v) != 2)
			continue;
		if (strstr(line, "0x") == NULL)
			sscanf(line, "%31s %" SCNu64, key, &v);
		if (!strcmp(key, "two_ret"))
			c->two_ret = v;
		else if (!strcmp(key, "jt"))
			c->jt = v;
		else if (!strcmp(key, "c_func"))
			c->c_func = v;
		else if (!strcmp(key, "malloc"))
			c->malloc_addr = v;
		else if (!strcmp(key, "lib"))
			c->lib = v;
		else if (!strcmp(key, "je"))
			c->je = v;
		else if (!strcmp(key, "mov"))
			c->mov = v;
		else if (!strcmp(key, "ret1"))
			c->ret1 = v;
		else if (!strcmp(key, "xor"))
			c->xor = v;
		else if (!strcmp(key, "ret2"))
			c->ret2 = v;
	}
	if (f)
		fclose(f);
	if (waitpid(c->pid, &st, WUNTRACED) != c->pid || !WIFSTOPPED(st)) {
		diag("child did not stop (status %#x)", st);
		return -1;
	}
	return c->two_ret && c->jt && c->ret2 ? 0 : -1;
}

static void
stop_child(struct child *c)
{
	if (c->pid > 0) {
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
	}
}

/* ---- The fake host ------------------------------------------------------ */

static int fk_state = PROV_PROC_READY;
static int fk_nerr;
static char fk_err[256];

static int
fk_proc_state(void *ctx, pid_t pid)
{
	(void)ctx;
	(void)pid;
	return fk_state;
}

static void
fk_provide_error(void *ctx, const char *msg)
{
	(void)ctx;
	if (fk_nerr++ == 0)
		snprintf(fk_err, sizeof fk_err, "%s", msg);
}

static void
fk_fire(void *ctx, struct probe *p, struct vm_probe_ctx *c,
	const struct tgt_event *ev)
{
	(void)ctx;
	(void)p;
	(void)c;
	(void)ev;
}

static const struct prov_host host = {
	.fire = fk_fire,
	.proc_state = fk_proc_state,
	.provide_error = fk_provide_error,
};

static char provname[32];

/* provide() for prov:mod:func:name (prov = "" for pid<child>). */
static int
provide(struct prov_table *t, const char *mod, const char *func,
	const char *name)
{
	struct vm_probedesc d = { provname, mod, func, name, NULL, 0 };

	fk_nerr = 0;
	fk_err[0] = '\0';
	return prov_pid.provide(&host, t, &d);
}

static int
matches(const struct probe *p, const char *prov, const char *mod,
	const char *func, const char *name)
{
	struct vm_probedesc d = { prov, mod, func, name, NULL, 0 };

	return prov_match(p, &d);
}

static size_t
count_matching(const struct prov_table *t, const char *mod, const char *func,
	       const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n; i++)
		n += matches(t->probes[i], provname, mod, func, name);
	return n;
}

static struct probe *
find(struct prov_table *t, const char *mod, const char *func, const char *name)
{
	struct probe *p = prov_probe_find(t, provname, mod, func, name);

	if (!p)
		diag("no probe %s:%s:%s:%s", provname, mod, func, name);
	return p;
}

/* ---- The tests ---------------------------------------------------------- */

static void
test_naming(struct prov_table *t, const struct child *c)
{
	struct probe *p;
	uint64_t a[4];
	int n;

	n = provide(t, "a.out", "pidt_two_ret", "entry");
	ok(n == 1, "a.out:pidt_two_ret:entry makes one probe (%d)", n);
	p = find(t, "pidt_prog", "pidt_two_ret", "entry");
	ok(p && p->ops == &prov_pid, "named %s:pidt_prog:pidt_two_ret:entry",
	   provname);
	ok(p && prov_pid_addrs(p, a, 4) == 1 && a[0] == c->two_ret,
	   "at the function's address (0x%" PRIx64 ")", c->two_ret);
	n = provide(t, "a.out", "pidt_two_ret", "entry");
	ok(n == 0, "providing it again makes nothing new");

	n = provide(t, "pidt_prog", "pidt_two_ret", "return");
	p = find(t, "pidt_prog", "pidt_two_ret", "return");
	ok(n == 1 && p && prov_pid_addrs(p, a, 4) == 2 &&
		   a[0] == c->two_ret + c->ret1 && a[1] == c->two_ret + c->ret2,
	   "return: both ret sites (offsets %" PRIu64 ", %" PRIu64 ")", c->ret1,
	   c->ret2);
}

static void
test_offsets(struct prov_table *t, const struct child *c)
{
	char name[32], want[128];
	struct probe *p;
	uint64_t a[2];
	int n;

	snprintf(name, sizeof name, "%" PRIx64, c->mov);
	n = provide(t, "", "pidt_two_ret", name);
	p = find(t, "pidt_prog", "pidt_two_ret", name);
	ok(n == 1 && p && prov_pid_addrs(p, a, 2) == 1 &&
		   a[0] == c->two_ret + c->mov,
	   "offset probe %s at the mov", name);
	ok(fk_nerr == 0, "no error for an instruction boundary");

	snprintf(name, sizeof name, "%" PRIx64, c->mov + 1);
	n = provide(t, "", "pidt_two_ret", name);
	snprintf(want, sizeof want,
		 "offset 0x%" PRIx64 " is not aligned on an instruction",
		 c->mov + 1);
	ok(n == 0 && fk_nerr == 1 && !strcmp(fk_err, want),
	   "offset %s (inside the mov) refused: \"%s\"", name, fk_err);

	n = provide(t, "", "pidt_two_ret", "zz");
	ok(n == 0 && fk_nerr == 1 && strstr(fk_err, "invalid probe name"),
	   "a name that is no offset is refused: \"%s\"", fk_err);

	/* A literal offset matches by value, as typed. */
	snprintf(name, sizeof name, "0x%" PRIX64, c->mov);
	ok(p && matches(p, provname, "", "pidt_two_ret", name),
	   "%s matches the offset probe by value", name);

	/* Empty name: entry, return and every instruction. */
	n = provide(t, "", "pidt_two_ret", "");
	ok(count_matching(t, "a.out", "pidt_two_ret", "") == 2 + TWO_RET_NINSN,
	   "pidt_two_ret: entry, return and %d offset probes (%zu)",
	   TWO_RET_NINSN, count_matching(t, "a.out", "pidt_two_ret", ""));
	snprintf(name, sizeof name, "%" PRIx64, c->xor);
	ok(find(t, "pidt_prog", "pidt_two_ret", name) != NULL,
	   "the glob made offset %s (the xor)", name);

	/* A function, by absolute address. */
	snprintf(name, sizeof name, "%" PRIx64, c->two_ret + c->je);
	n = provide(t, "", "-", name);
	p = find(t, "pidt_prog", "-", name);
	ok(n == 1 && p && prov_pid_addrs(p, a, 2) == 1 &&
		   a[0] == c->two_ret + c->je,
	   "-:%s: at that address, in module pidt_prog", name);
	snprintf(name, sizeof name, "%" PRIx64, c->two_ret + c->mov + 2);
	n = provide(t, "", "-", name);
	ok(n == 0 && fk_nerr == 1 && strstr(fk_err, "not aligned"),
	   "-:%s (inside the mov) refused: \"%s\"", name, fk_err);
}

static void
test_jump_table(struct prov_table *t)
{
	struct probe *p;
	uint64_t a[4];
	int n;

	provide(t, "a.out", "pidt_hot", "return");
	p = find(t, "pidt_prog", "pidt_hot", "return");
	ok(p && prov_pid_addrs(p, a, 4) == 1,
	   "a jump into the function's .cold part is no return site");
	provide(t, "a.out", "pidt_tc", "return");
	p = find(t, "pidt_prog", "pidt_tc", "return");
	ok(p && prov_pid_addrs(p, a, 4) == 2,
	   "a conditional tail call is one, beside the ret");

	n = provide(t, "a.out", "pidt_jt", "return");
	ok(n == 0 && !prov_probe_find(t, provname, "pidt_prog", "pidt_jt",
				      "return"),
	   "no return probe in a function with an indirect jump");
	ok(fk_nerr == 1 && strstr(fk_err, "pidt_jt") &&
		   strstr(fk_err, "indirect jump"),
	   "refused with a message: \"%s\"", fk_err);
	n = provide(t, "a.out", "pidt_jt", "");
	ok(n == 1 && find(t, "pidt_prog", "pidt_jt", "entry") &&
		   count_matching(t, "", "pidt_jt", "") == 1,
	   "pidt_jt::: gets its entry probe only (%d)", n);
	ok(fk_nerr == 0, "silently, when the name is a glob");
}

static void
test_modules(struct prov_table *t, const struct child *c)
{
	char path[600];
	struct probe *p, *m;
	uint64_t a[2];
	int n;

	n = provide(t, "libpidt", "pidt_lib_func", "entry");
	p = find(t, "libpidt.so.1", "pidt_lib_func", "entry");
	ok(n == 1 && p && prov_pid_addrs(p, a, 2) == 1 && a[0] == c->lib,
	   "libpidt:pidt_lib_func:entry by short name, module libpidt.so.1");
	snprintf(path, sizeof path, "%s/libpidt.so.1", dir);
	ok(p && matches(p, provname, "libpidt.so.1", "", "") &&
		   matches(p, provname, "libpidt", "", "") &&
		   matches(p, provname, path, "", "") &&
		   matches(p, provname, "libp*", "pidt_lib_*", "ent*"),
	   "matched by soname, short name, full path and globs");
	ok(p && !matches(p, provname, "a.out", "", "") &&
		   !matches(p, provname, "libc", "", "") &&
		   !matches(p, "pid1", "", "", ""),
	   "not by a.out, another library or another pid");

	m = find(t, "pidt_prog", "pidt_two_ret", "entry");
	snprintf(path, sizeof path, "%s/pidt_prog", dir);
	ok(m && matches(m, provname, "a.out", "", "entry") &&
		   matches(m, provname, "pidt_prog", "", "") &&
		   matches(m, provname, path, "", "") &&
		   matches(m, "pid*", "a.*", "pidt_two_*", ""),
	   "the executable: a.out, its name, its path, globs");

	n = provide(t, "libc.so.6", "malloc", "entry");
	p = find(t, "libc.so.6", "malloc", "entry");
	ok(n >= 1 && p && prov_pid_addrs(p, a, 2) == 1 &&
		   a[0] == c->malloc_addr,
	   "libc.so.6:malloc:entry at dlsym's malloc (0x%" PRIx64 ")",
	   c->malloc_addr);
	ok(p && matches(p, provname, "libc", "malloc", "entry") &&
		   !matches(p, provname, "a.out", "malloc", "entry"),
	   "libc's malloc matches libc, not a.out");

	n = provide(t, "a.out", "pidt_*", "entry");
	ok(count_matching(t, "a.out", "pidt_*", "entry") == PROG_NFUNCS_PIDT,
	   "a.out:pidt_*:entry: the program's %d functions (%d new)",
	   PROG_NFUNCS_PIDT, n);
	ok(count_matching(t, "", "pidt_*", "entry") == PROG_NFUNCS_PIDT + 1,
	   "and the library's, without a module");
}

/* A whole library: thousands of probes, made once. */
static void
test_bulk(struct prov_table *t)
{
	struct timespec a, b;
	size_t before = t->n, made;
	int n, again;
	double s;

	size_t had = count_matching(t, "libc", "", "entry");

	clock_gettime(CLOCK_MONOTONIC, &a);
	n = provide(t, "libc.so.6", "", "entry");
	made = t->n - before;
	n += provide(t, "libc.so.6", "", "return");
	again = provide(t, "libc.so.6", "", "entry") +
		provide(t, "libc.so.6", "", "return");
	clock_gettime(CLOCK_MONOTONIC, &b);
	s = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	ok(made > 1000 && count_matching(t, "libc", "", "entry") == had + made,
	   "libc.so.6::entry: %zu probes, all matched by libc", made);
	ok(again == 0,
	   "libc.so.6::entry and ::return again: nothing new "
	   "(%d made in all, %.2f s)",
	   n, s);
}

static void
test_pending(struct prov_table *t)
{
	char saved[sizeof provname];
	size_t before = t->n;
	int n;

	fk_state = PROV_PROC_PENDING;
	n = provide(t, "a.out", "pidt_c_func", "return");
	ok(n == 0 && t->n == before, "nothing made while the process is "
				     "pending (a -c command before exec)");
	fk_state = PROV_PROC_READY;
	n = provide(t, "a.out", "pidt_c_func", "return");
	ok(n == 1, "made once it is ready");
	memcpy(saved, provname, sizeof saved);
	snprintf(provname, sizeof provname, "pidx1");
	n = provide(t, "a.out", "pidt_c_func", "entry");
	ok(n == 0, "a provider name that is not pid<N> makes nothing");
	memcpy(provname, saved, sizeof saved);
}

/* ---- Live: a traced run -------------------------------------------------- */

/* What the live host saw. */
static struct {
	struct tgt *t;
	struct prov_table *tab;
	pid_t pid;
	int ready, gone, status;
	int n_initial, n_changed;
	int two_entry[2], two_ret_at[2]; /* by arg0 (0, 1); [ret1, ret2] */
	int two_ret_bad, lib_entry, lib_argsum, lib2_entry, lib2_arg;
	int other_pid;
	uint64_t ret1, ret2;
} lv;

static const char *const live_descs[][3] = {
	{ "a.out", "pidt_two_ret", "entry" },
	{ "a.out", "pidt_two_ret", "return" },
	{ "libpidt.so.1", "pidt_lib_func", "entry" },
	{ "libpidt2*", "pidt2_func", "entry" },
};

static struct prov_host live_host;

static int
lv_proc_state(void *ctx, pid_t pid)
{
	(void)ctx;
	if (pid != lv.pid)
		return PROV_PROC_UNKNOWN;
	return lv.ready ? PROV_PROC_READY : PROV_PROC_PENDING;
}

/* The session's part: provide every description, enable what is new. */
static void
lv_provide_all(void)
{
	for (size_t i = 0; i < sizeof live_descs / sizeof live_descs[0]; i++) {
		struct vm_probedesc d = { provname,
					  live_descs[i][0],
					  live_descs[i][1],
					  live_descs[i][2],
					  NULL,
					  0 };

		prov_pid.provide(&live_host, lv.tab, &d);
	}
	for (size_t i = 0; i < lv.tab->n; i++) {
		struct probe *p = lv.tab->probes[i];

		if (p->ops == &prov_pid && !strcmp(p->prov, provname) &&
		    !p->enabled && prov_pid.enable(&live_host, p) < 0)
			diag("cannot enable %s:%s:%s", p->mod, p->func,
			     p->name);
	}
}

static void
lv_modules_changed(void *ctx, pid_t pid, int initial)
{
	(void)ctx;
	if (pid != lv.pid)
		return;
	if (initial)
		lv.n_initial++;
	else
		lv.n_changed++;
	lv_provide_all();
}

static void
lv_fire(void *ctx, struct probe *p, struct vm_probe_ctx *c,
	const struct tgt_event *ev)
{
	(void)ctx;
	if (ev->pid != lv.pid) {
		lv.other_pid++;
		return;
	}
	if (!strcmp(p->func, "pidt_two_ret") && !strcmp(p->name, "entry")) {
		if (c->args[0] < 2)
			lv.two_entry[c->args[0]]++;
	} else if (!strcmp(p->func, "pidt_two_ret")) {
		/* arg0: the site's offset; arg1: what it returns there */
		if (c->args[0] == lv.ret1 && c->args[1] == 1)
			lv.two_ret_at[0]++;
		else if (c->args[0] == lv.ret2 && c->args[1] == 0)
			lv.two_ret_at[1]++;
		else
			lv.two_ret_bad++;
	} else if (!strcmp(p->func, "pidt_lib_func")) {
		lv.lib_entry++;
		lv.lib_argsum += (int)c->args[0];
	} else if (!strcmp(p->func, "pidt2_func")) {
		lv.lib2_entry++;
		lv.lib2_arg = (int)c->args[0];
	}
}

static void
lv_event(void *ctx, struct tgt *t, const struct tgt_event *ev)
{
	(void)ctx;
	(void)t;
	if (ev->kind == TGT_EV_EXEC && ev->pid == lv.pid && !lv.ready) {
		/* the session's part at a -c command's exec */
		lv.ready = 1;
		prov_pid.traced(&live_host, lv.pid);
		return;
	}
	prov_pid.event(&live_host, ev);
	if (ev->kind == TGT_EV_GONE && ev->pid == lv.pid) {
		lv.gone = 1;
		lv.status = ev->status;
	}
}

static void
test_live(const struct child *c)
{
	struct tgt_callbacks cb = { lv_event, NULL };
	char cmd[1200], err[256], saved[sizeof provname];
	struct prov_table tab;
	struct timespec ts0, ts;
	sigset_t chld;
	pid_t pid;

	memset(&lv, 0, sizeof lv);
	lv.ret1 = c->ret1;
	lv.ret2 = c->ret2;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	lv.t = tgt_create(&cb);
	live_host = (struct prov_host){
		.fire = lv_fire,
		.modules_changed = lv_modules_changed,
		.proc_state = lv_proc_state,
		.provide_error = fk_provide_error,
		.tgt = lv.t,
	};
	prov_table_init(&tab);
	lv.tab = &tab;
	memcpy(saved, provname, sizeof saved);
	snprintf(cmd, sizeof cmd, "%s/pidt_prog run %s/libpidt2.so", dir, dir);
	if (tgt_spawn(lv.t, cmd, &pid, err, sizeof err) < 0) {
		ok(0, "tgt_spawn: %s", err);
		goto out;
	}
	lv.pid = pid;
	snprintf(provname, sizeof provname, "pid%d", (int)pid);
	/* compile time: the command is pending, nothing is made */
	lv_provide_all();
	ok(tab.n == 0, "nothing made before the command's exec");
	if (tgt_spawn_run(lv.t, pid, err, sizeof err) < 0) {
		ok(0, "tgt_spawn_run: %s", err);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts0);
	while (!lv.gone) {
		ts.tv_sec = 0;
		ts.tv_nsec = 5000000;
		if (tgt_dispatch(lv.t) == 0)
			sigtimedwait(&chld, NULL, &ts);
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (ts.tv_sec - ts0.tv_sec > 20)
			break;
	}
	ok(lv.gone && WIFEXITED(lv.status) && WEXITSTATUS(lv.status) == 0,
	   "the traced program ran to its own success (status %#x)", lv.status);
	ok(lv.n_initial == 1, "modules_changed(initial) once (%d)",
	   lv.n_initial);
	ok(lv.n_changed >= 1, "modules_changed after dlopen (%d)",
	   lv.n_changed);
	ok(lv.two_entry[0] == 3 && lv.two_entry[1] == 2,
	   "pidt_two_ret:entry fired 3 times with arg0 0, 2 with 1 (%d, %d)",
	   lv.two_entry[0], lv.two_entry[1]);
	ok(lv.two_ret_at[0] == 2 && lv.two_ret_at[1] == 3 &&
		   lv.two_ret_bad == 0,
	   "return: 2 at ret1 (0x%" PRIx64 ") with 1, 3 at ret2 (0x%" PRIx64
	   ") with 0, %d others",
	   lv.ret1, lv.ret2, lv.two_ret_bad);
	ok(lv.lib_entry == 4 && lv.lib_argsum == 0 + 1 + 2 + 3,
	   "libpidt.so.1:pidt_lib_func:entry: 4 calls, args 0..3 (%d, %d)",
	   lv.lib_entry, lv.lib_argsum);
	ok(lv.lib2_entry == 1 && lv.lib2_arg == 42,
	   "the dlopen'd library's function: once, arg0 42 (%d, %d)",
	   lv.lib2_entry, lv.lib2_arg);
	ok(lv.other_pid == 0, "nothing fired in the forked child");
out:
	tgt_destroy(lv.t);
	prov_table_release(&tab);
	memcpy(provname, saved, sizeof saved);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
}

int
main(void)
{
	struct prov_table t;
	struct child c = { 0 };

	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return done_testing();
	}
	if (ok(build_fixtures() == 0, "built the fixtures with %s", cc()) &&
	    ok(start_child(&c) == 0, "the program printed what it knows")) {
		snprintf(provname, sizeof provname, "pid%d", (int)c.pid);
		prov_table_init(&t);
		test_naming(&t, &c);
		test_offsets(&t, &c);
		test_jump_table(&t);
		test_modules(&t, &c);
		test_pending(&t);
		test_bulk(&t);
		prov_table_release(&t);
		test_live(&c);
	}
	stop_child(&c);
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			diag("could not remove %s", dir);
	}
	return done_testing();
}
